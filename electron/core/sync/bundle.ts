import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import {
  remoteChange,
  StoreError,
  SYNC_PUSHED_SEQ_KEY,
  validateRemote,
  ValidationError,
  type ApplyRemoteResult,
  type RemoteChange,
  type Store,
} from '../store';

/**
 * Sync without a network ("USB stick"): change rows exported to a file on one machine and
 * imported on another, with the same guarantees as a hub round.
 *
 * File (`*.sabanchanges`) = gzip of ONE JSON document `{ header, changes }`:
 * - `header`: format 'saban-changes', formatVersion, the exporting store's schema version
 *   and site id, scope, createdAt, count, and sha256 = hex SHA-256 of
 *   `JSON.stringify(changes)` (UTF-8). The checksum is over the re-serialised payload, not
 *   the raw bytes, so it does not depend on whitespace; JSON.stringify(JSON.parse(s)) === s
 *   for anything JSON.stringify produced, so the exporter's text hashes the same. gzip's
 *   own CRC catches a damaged file; the SHA catches a payload edited and re-compressed.
 * - `changes`: the change rows exactly as in the log (entity, entityId, field, value,
 *   original HLC stamp, site, user, op id), without the local `seq`.
 *
 * Import = ONE store.applyRemote call: one transaction (all or nothing), per-field LWW,
 * idempotent by change identity (stamp, entity, id, field). The file is checked completely
 * (gzip, JSON, header, checksum, every row against the domain schemas) BEFORE anything is
 * written, and refused if it was made by a newer store schema (its fields may not exist
 * here) — the hub's rule for pushes. Far-future stamps are applyRemote's business
 * (applied, clock moved, reported in `skewed`): every replica must treat a change alike.
 *
 * Interplay with the hub (why a bundle can never duplicate or lose a change):
 * - A bundle row keeps its ORIGINAL stamp/site/op id, so it is the same change wherever it
 *   travels; the hub and every device dedupe on (stamp, entity, id, field).
 * - Exporting does not move A's "pushed" mark: A's rows stay pending and A still pushes
 *   them to the hub later; the hub stores them once, and B, which already has them from the
 *   file, counts them as duplicates when it pulls them.
 * - B never pushes A's rows: the client pushes only rows whose site is B's own (and the hub
 *   would refuse them: 403 forged_site). So the hub only learns A's changes from A. A
 *   machine that NEVER reaches the hub therefore needs someone to import its file into a
 *   machine that relays as itself — which this design deliberately does not do (it would
 *   let any device speak for another). Handing such a file to the hub needs a hub-side
 *   import (readBundle + the hub's own apply path; not built yet); until then the other
 *   devices learn A's edits only from files or once A itself syncs.
 * - Importing a bundle made by this same site: every row is already in the log
 *   (duplicates); rows missing after a restore from an old backup are recorded with this
 *   site's id and pushed again — the hub dedupes them.
 *
 * Limits: the whole file is held in memory (applyRemote takes one array, one transaction);
 * the JSON is capped at MAX_BUNDLE_JSON_BYTES (V8's string limit is ~512 MB). Measured: the
 * whole demo log (215,345 rows, 2021-07 → 2022-04) exports in ~2 s to a 5.1 MB file.
 */

export const BUNDLE_FORMAT = 'saban-changes';
export const BUNDLE_FORMAT_VERSION = 1;
export const BUNDLE_EXTENSION = '.sabanchanges';
export const MAX_BUNDLE_JSON_BYTES = 400 * 1024 * 1024;

export type BundleScope = 'pending' | 'all';

export const bundleHeader = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int().positive(),
  schemaVersion: z.number().int().nonnegative(),
  siteId: remoteChange.shape.siteId,
  scope: z.enum(['pending', 'all']),
  createdAt: z.iso.datetime(),
  count: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'phải là 64 chữ số hex / must be 64 hex digits'),
});
export type BundleHeader = z.infer<typeof bundleHeader>;

export interface Bundle {
  header: BundleHeader;
  changes: RemoteChange[];
}

export interface ExportedBundle {
  bytes: Buffer;
  fileName: string;
  count: number;
}

export interface BundlePreview {
  siteId: string;
  createdAt: string;
  schemaVersion: number;
  scope: BundleScope;
  count: number;
  /** Rows this store already has (same identity), duplicates inside the file included. */
  alreadyHave: number;
  /** Rows an import would record. */
  toApply: number;
  /** Rows to apply, per entity. */
  entities: Record<string, number>;
  /** The file was made by this very site (importing it is harmless). */
  ownSite: boolean;
}

export type ImportBundleResult = ApplyRemoteResult & { header: BundleHeader };

export type BundleErrorCode =
  | 'not_gzip' // not a gzip file at all (wrong file picked)
  | 'truncated' // gzip ends early (copy interrupted, stick pulled out)
  | 'corrupt' // gzip data damaged (CRC / inflate error)
  | 'too_large'
  | 'not_json'
  | 'wrong_format' // valid JSON but not a Sa Bàn changes file
  | 'format_too_new' // made by a newer app: its layout may differ
  | 'bad_header'
  | 'count_mismatch'
  | 'checksum' // payload edited after export
  | 'bad_change' // one row is invalid (index and field named)
  | 'schema_too_new'; // made by a store with a newer schema than this one

const MESSAGES: Record<BundleErrorCode, [vi: string, en: string]> = {
  not_gzip: ['Tệp không phải là tệp thay đổi của Sa Bàn (không phải gzip)', 'Not a Sa Bàn changes file (not gzip)'],
  truncated: ['Tệp thay đổi bị cắt cụt (sao chép chưa xong?)', 'Changes file is truncated (incomplete copy?)'],
  corrupt: ['Tệp thay đổi bị hỏng', 'Changes file is corrupt'],
  too_large: ['Tệp thay đổi quá lớn', 'Changes file is too large'],
  not_json: ['Nội dung tệp không phải JSON hợp lệ', 'File content is not valid JSON'],
  wrong_format: ['Tệp không phải là tệp thay đổi của Sa Bàn', 'Not a Sa Bàn changes file'],
  format_too_new: [
    'Tệp được tạo bởi phiên bản Sa Bàn mới hơn; hãy cập nhật ứng dụng',
    'File was made by a newer Sa Bàn version; update the app',
  ],
  bad_header: ['Phần đầu tệp không hợp lệ', 'Invalid file header'],
  count_mismatch: ['Số thay đổi không khớp với phần đầu tệp', 'Number of changes does not match the header'],
  checksum: [
    'Mã kiểm tra (SHA-256) không khớp: nội dung đã bị sửa sau khi xuất',
    'Checksum (SHA-256) mismatch: the content was altered after export',
  ],
  bad_change: ['Thay đổi không hợp lệ', 'Invalid change'],
  schema_too_new: [
    'Tệp được xuất từ dữ liệu phiên bản mới hơn máy này; hãy cập nhật ứng dụng rồi nhập lại',
    'File was exported from a newer data version than this machine; update the app, then import again',
  ],
};

/** A changes file refused; nothing was written. `index`/`field` locate a bad row. */
export class BundleError extends StoreError {
  declare readonly code: BundleErrorCode;
  constructor(
    code: BundleErrorCode,
    detail?: string,
    readonly index: number | null = null,
    readonly field: string | null = null,
    options?: { cause?: unknown },
  ) {
    const [vi, en] = MESSAGES[code];
    super(code, `${vi} / ${en}${detail ? `: ${detail}` : ''}`, options);
  }
}

// ------------------------------------------------------------------------------ export

interface LogRow {
  entity: string;
  entityId: string;
  field: string;
  value: string;
  hlc: string;
  siteId: string;
  userId: string | null;
  opId: string;
}

const SELECT = `SELECT entity, entity_id AS entityId, field, value, hlc, site_id AS siteId, user_id AS userId, op_id AS opId FROM changes`;

/**
 * 'pending': this site's rows the hub has not acknowledged (after SYNC_PUSHED_SEQ_KEY) —
 * the same selection as the client's push. 'all': the whole log, every site.
 */
export function exportBundle(store: Store, opts: { scope: BundleScope }): ExportedBundle {
  const stmt =
    opts.scope === 'pending'
      ? store.db.prepare(`${SELECT} WHERE seq > ? AND site_id = ? ORDER BY seq`).bind(store.getLocal<number>(SYNC_PUSHED_SEQ_KEY) ?? 0, store.siteId)
      : store.db.prepare(`${SELECT} ORDER BY seq`);
  // Built piece by piece: JSON.stringify(array) is exactly '[' + elements.join(',') + ']'.
  const parts: string[] = [];
  let length = 2;
  for (const r of stmt.iterate() as IterableIterator<LogRow>) {
    // Key order = remoteChange's, so the importer's parsed rows re-serialise identically.
    const row: RemoteChange = {
      entity: r.entity,
      entityId: r.entityId,
      field: r.field,
      value: JSON.parse(r.value) as unknown,
      hlc: r.hlc,
      siteId: r.siteId,
      userId: r.userId,
      opId: r.opId,
    };
    const s = JSON.stringify(row);
    length += s.length + 1;
    if (length > MAX_BUNDLE_JSON_BYTES) {
      throw new BundleError('too_large', `> ${MAX_BUNDLE_JSON_BYTES / 1024 / 1024} MB JSON (${parts.length} rows so far)`);
    }
    parts.push(s);
  }
  const payload = `[${parts.join(',')}]`;
  const now = store.clock();
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    schemaVersion: store.version,
    siteId: store.siteId,
    scope: opts.scope,
    createdAt: new Date(now).toISOString(),
    count: parts.length,
    sha256: sha256(payload),
  };
  const json = `{"header":${JSON.stringify(header)},"changes":${payload}}`;
  return { bytes: gzipSync(Buffer.from(json, 'utf8')), fileName: bundleFileName(store.siteId, opts.scope, now), count: parts.length };
}

/** `saban-thay-doi-<site>-<yyyyMMdd-HHmm>.sabanchanges`, Hà Nội time (UTC+7, the operators' clock). */
export function bundleFileName(siteId: string, scope: BundleScope, nowMs: number): string {
  const t = new Date(nowMs + 7 * 3600_000).toISOString(); // YYYY-MM-DDTHH:mm
  const stamp = `${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}-${t.slice(11, 13)}${t.slice(14, 16)}`;
  return `saban-thay-doi-${scope === 'all' ? 'tat-ca-' : ''}${siteId}-${stamp}${BUNDLE_EXTENSION}`;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

// ------------------------------------------------------------------------------- read

/** Decompress, parse and check a changes file completely; throws BundleError (nothing is written anywhere). */
export function readBundle(bytes: Uint8Array): Bundle {
  return decode(bytes, true);
}

/**
 * `domain`: also check every row against the domain schemas here. importBundle leaves that
 * to applyRemote, which makes the very same check before its transaction anyway (it is the
 * costly part: ~1.5 s per 100,000 rows), and maps its error back to the row's index.
 */
function decode(bytes: Uint8Array, domain: boolean): Bundle {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new BundleError('not_gzip');
  let raw: Buffer;
  try {
    raw = gunzipSync(bytes, { maxOutputLength: MAX_BUNDLE_JSON_BYTES });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new BundleError('too_large', `> ${MAX_BUNDLE_JSON_BYTES / 1024 / 1024} MB`, null, null, { cause: e });
    if (code === 'Z_BUF_ERROR') throw new BundleError('truncated', (e as Error).message, null, null, { cause: e });
    throw new BundleError('corrupt', (e as Error).message, null, null, { cause: e });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw new BundleError('not_json', (e as Error).message, null, null, { cause: e });
  }
  const top = (typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? doc : {}) as { header?: unknown; changes?: unknown };
  const h = (typeof top.header === 'object' && top.header !== null ? top.header : {}) as Record<string, unknown>;
  if (h.format !== BUNDLE_FORMAT) throw new BundleError('wrong_format', `format = ${JSON.stringify(h.format ?? null)}`);
  // Before the full header check: a newer version may have a different header.
  if (typeof h.formatVersion === 'number' && h.formatVersion > BUNDLE_FORMAT_VERSION) {
    throw new BundleError('format_too_new', `formatVersion ${h.formatVersion} > ${BUNDLE_FORMAT_VERSION}`);
  }
  const hp = bundleHeader.safeParse(h);
  if (!hp.success) {
    const is = hp.error.issues[0];
    const field = is && is.path.length > 0 ? String(is.path[0]) : null;
    throw new BundleError('bad_header', `${field ?? '(header)'}: ${is?.message ?? ''}`, null, field);
  }
  const header = hp.data;
  if (!Array.isArray(top.changes)) throw new BundleError('bad_header', 'changes: phải là mảng / must be an array', null, 'changes');
  const rows = top.changes as unknown[];
  if (rows.length !== header.count) throw new BundleError('count_mismatch', `${rows.length} ≠ ${header.count}`);
  if (sha256(JSON.stringify(rows)) !== header.sha256) throw new BundleError('checksum');
  return { header, changes: rows.map((r, i) => checkRow(r, i, header, domain)) };
}

/** Shape AND domain validity of one row (the same check applyRemote makes), named by its index. */
function checkRow(r: unknown, i: number, header: BundleHeader, domain: boolean): RemoteChange {
  const bad = (field: string | null, reason: string, where = '') => badChange(i, field, reason, where);
  const shape = remoteChange.safeParse(r);
  if (!shape.success) {
    const is = shape.error.issues[0];
    throw bad(is && is.path.length > 0 ? String(is.path[0]) : null, is?.message ?? 'không hợp lệ / invalid');
  }
  const c = shape.data;
  const where = ` ${c.entity} "${c.entityId}"`;
  if (domain) {
    try {
      validateRemote([c]);
    } catch (e) {
      if (e instanceof ValidationError) throw bad(e.field, e.reason, where);
      throw e;
    }
  }
  // A 'pending' file holds only its own site's rows; anything else was put there by hand.
  if (header.scope === 'pending' && c.siteId !== header.siteId) {
    throw bad('siteId', `${c.siteId} ≠ ${header.siteId} (tệp "pending" chỉ chứa thay đổi của trạm xuất / a pending file holds only the exporting site's changes)`, where);
  }
  return c;
}

function badChange(i: number, field: string | null, reason: string, where: string): BundleError {
  return new BundleError('bad_change', `#${i + 1} (changes[${i}])${where}${field ? `, trường/field "${field}"` : ''}: ${reason}`, i, field);
}

/**
 * applyRemote's error (named by entity/id/field) as a BundleError naming the row's index
 * too. applyRemote stops at the first invalid row, so re-checking row by row (error path
 * only) finds exactly that row; a problem between rows (a unique value used twice) is
 * named by the first row of that entity/id.
 */
function locate(e: ValidationError, changes: RemoteChange[]): BundleError {
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    try {
      validateRemote([c]);
    } catch (x) {
      if (x instanceof ValidationError) return badChange(i, x.field, x.reason, ` ${c.entity} "${c.entityId}"`);
      throw x;
    }
  }
  const j = changes.findIndex((c) => c.entity === e.entity && c.entityId === e.id);
  if (j < 0) return new BundleError('bad_change', e.message, null, e.field, { cause: e });
  return badChange(j, e.field, e.reason, ` ${e.entity} "${e.id}"`);
}

function checkSchema(store: Store, header: BundleHeader): void {
  if (header.schemaVersion > store.version) {
    throw new BundleError('schema_too_new', `${header.schemaVersion} > ${store.version}`);
  }
}

// ------------------------------------------------------------------------ preview/import

/** What importing would do, without writing anything. Same checks as importBundle. */
export function previewBundle(store: Store, bytes: Uint8Array): BundlePreview {
  const { header, changes } = readBundle(bytes);
  checkSchema(store, header);
  const exists = store.db.prepare('SELECT 1 FROM changes WHERE hlc = ? AND entity = ? AND entity_id = ? AND field = ?').pluck();
  const seen = new Set<string>();
  const entities: Record<string, number> = {};
  let toApply = 0;
  for (const c of changes) {
    const key = `${c.hlc}\u0000${c.entity}\u0000${c.entityId}\u0000${c.field}`;
    if (seen.has(key) || exists.get(c.hlc, c.entity, c.entityId, c.field) !== undefined) continue;
    seen.add(key);
    toApply++;
    entities[c.entity] = (entities[c.entity] ?? 0) + 1;
  }
  return {
    siteId: header.siteId,
    createdAt: header.createdAt,
    schemaVersion: header.schemaVersion,
    scope: header.scope,
    count: header.count,
    alreadyHave: header.count - toApply,
    toApply,
    entities,
    ownSite: header.siteId === store.siteId,
  };
}

/**
 * Check the file completely, then apply it in ONE store.applyRemote call (one transaction).
 * Idempotent: a second import of the same file records nothing. The change rows keep their
 * original authors; who imported what is the caller's log (sync runtime's round log).
 */
export function importBundle(store: Store, bytes: Uint8Array): ImportBundleResult {
  const { header, changes } = decode(bytes, false);
  checkSchema(store, header);
  let r: ApplyRemoteResult;
  try {
    r = store.applyRemote(changes); // validates every row first; a bad one → nothing written
  } catch (e) {
    if (e instanceof ValidationError) throw locate(e, changes);
    throw e;
  }
  return { ...r, header };
}
