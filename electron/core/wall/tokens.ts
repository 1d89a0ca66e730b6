import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId, type Store } from '../store';
import type { WallTokenInfo } from '../../../shared/api/ops/wall';
import { ApiError } from '../../../shared/api/errors';

/**
 * Read-only wall access tokens, kept DEVICE-LOCAL (store meta, not a shared setting): a token
 * opens THIS web server to a browser, so it must not travel to other sites with sync, and a
 * revocation must take effect here at once, not after a sync round. Only the SHA-256 of a
 * token is stored; the token itself is returned once, at creation.
 */
export const WALL_TOKENS_KEY = 'wall.tokens';
/** Recognisable prefix (secret scanners, support): "sbw_" + 32 random bytes, base64url. */
export const TOKEN_PREFIX = 'sbw_';

interface TokenRecord {
  id: string;
  label: string;
  /** SHA-256 of the token, hex. */
  hash: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const info = (r: TokenRecord): WallTokenInfo => ({
  id: r.id,
  label: r.label,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
  revokedAt: r.revokedAt,
  fingerprint: r.hash.slice(0, 8),
});

export class WallTokens {
  constructor(private readonly store: Store) {}

  private records(): TokenRecord[] {
    const v = this.store.getLocal<TokenRecord[]>(WALL_TOKENS_KEY);
    return Array.isArray(v) ? v : [];
  }

  private save(records: TokenRecord[]) {
    this.store.setLocal(WALL_TOKENS_KEY, records);
  }

  list(): WallTokenInfo[] {
    return this.records()
      .map(info)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  create(label: string, createdBy: string): { info: WallTokenInfo; token: string } {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const rec: TokenRecord = {
      id: newId(this.store.clock()),
      label,
      hash: hashToken(token),
      createdAt: new Date(this.store.clock()).toISOString(),
      createdBy,
      revokedAt: null,
    };
    this.save([...this.records(), rec]);
    return { info: info(rec), token };
  }

  revoke(id: string): void {
    const records = this.records();
    const rec = records.find((r) => r.id === id);
    if (!rec) throw new ApiError('not_found', `Không tìm thấy mã truy cập "${id}" (not found)`);
    if (rec.revokedAt) return;
    rec.revokedAt = new Date(this.store.clock()).toISOString();
    this.save(records);
  }

  /** The live (not revoked) record of a token, compared by hash in constant time. */
  verify(token: string): { id: string; label: string } | null {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const h = Buffer.from(hashToken(token), 'hex');
    for (const r of this.records()) {
      if (r.revokedAt) continue;
      const other = Buffer.from(r.hash, 'hex');
      if (other.length === h.length && timingSafeEqual(other, h)) return { id: r.id, label: r.label };
    }
    return null;
  }
}
