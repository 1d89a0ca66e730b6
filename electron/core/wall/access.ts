/**
 * Who may read the web-mode API: a PURE decision (unit-tested without a server).
 *
 * - A request that carries a wall token (`Authorization: Bearer …` or `?token=…`) is judged by
 *   the token, wherever it comes from: valid → read-only viewer; unknown or revoked → refused.
 *   So a wall browser on the server machine itself is read-only too, and a revoked link stops
 *   working everywhere from the next request on.
 * - Without a token, loopback callers are the local operator (the desk browser on this machine).
 * - Without a token, anyone else is refused: the city's figures are not public.
 */
export type Access =
  | { kind: 'local' }
  | { kind: 'viewer'; tokenId: string; label: string }
  | { kind: 'refused'; reason: 'no-token' | 'bad-token' };

export interface AccessRequest {
  /** The caller's address is on the loopback interface (the server decides: isLoopbackAddress). */
  loopback: boolean;
  /** The raw Authorization header. */
  authorization: string | string[] | undefined;
  /** The parsed `token` query parameter (a string, an array when repeated, or absent). */
  queryToken: unknown;
}

/** A token check: the token's record when it is known and not revoked, else null. */
export type TokenCheck = (token: string) => TokenHit | null | Promise<TokenHit | null>;
export interface TokenHit {
  id: string;
  label: string;
}

/** The token a request carries: the Bearer header first, else the query parameter; null when none. */
export function tokenOf(req: Pick<AccessRequest, 'authorization' | 'queryToken'>): string | null {
  const header = Array.isArray(req.authorization) ? req.authorization[0] : req.authorization;
  // A Bearer header is a token even when malformed ("Bearer", "Bearer a b"): it is then refused,
  // never silently ignored in favour of the loopback rule.
  const bearer = header ? /^Bearer(?:\s+(.*))?$/i.exec(header.trim()) : null;
  if (bearer) return (bearer[1] ?? '').trim();
  const q = Array.isArray(req.queryToken) ? req.queryToken[0] : req.queryToken;
  return typeof q === 'string' && q.trim() !== '' ? q.trim() : null;
}

export async function decideAccess(req: AccessRequest, check: TokenCheck): Promise<Access> {
  const token = tokenOf(req);
  if (token !== null) {
    const hit = await check(token);
    return hit ? { kind: 'viewer', tokenId: hit.id, label: hit.label } : { kind: 'refused', reason: 'bad-token' };
  }
  return req.loopback ? { kind: 'local' } : { kind: 'refused', reason: 'no-token' };
}

/** The body of a 401 (same envelope as every API error). */
export function refusedBody(reason: 'no-token' | 'bad-token') {
  return {
    ok: false as const,
    error: {
      code: 'unauthorized' as const,
      message:
        reason === 'no-token'
          ? 'Cần mã truy cập màn hình lớn (wall token) để xem từ máy khác (401)'
          : 'Mã truy cập không hợp lệ hoặc đã bị thu hồi (token invalid or revoked) (401)',
    },
  };
}

/** Display name recorded for a token viewer (they cannot write, but reads may be logged). */
export const viewerName = (label: string) => `Màn hình lớn: ${label}`;
