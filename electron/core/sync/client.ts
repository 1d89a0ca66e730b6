import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import type { ChangeRow } from '../../../shared/domain';
import { SYNC_PUSHED_SEQ_KEY, type Store } from '../store';
import { enrolResponse, hubError, pullResponse, pushResponse, type EnrolResponse, type PushRequest } from './protocol';

/**
 * Device side of sync (optional, OFF unless configured: nothing here runs, no timer and no
 * network, until a caller creates a SyncClient with a hub URL and token).
 *
 * One round ("sync now"):
 * 1. PULL every page after the saved cursor and store.applyRemote it. Pull comes FIRST so
 *    that local edits not pushed yet are still marked unpushed when remote edits arrive:
 *    that is how the store knows the two are concurrent and records a conflict.
 * 2. PUSH local changes (made at this site) after the last acknowledged seq, grouped by
 *    op id, in batches; the acknowledged seq moves only after the hub answered, so a push
 *    whose response was lost is simply sent again (the hub stores it once).
 * State is device-local (store.setLocal): cursor, pushed seq, last success, last error.
 */

/**
 * Rows per pull page and per push request. Each page is one local transaction (pull) or
 * one hub transaction (push): bigger pages commit less often (measured: 100,000 remote
 * rows applied in pages of 2,000 ≈ 4.7 s, of 10,000 ≈ 3.3 s) but hold the write lock
 * longer and use more memory; 5,000 keeps a page well under a second.
 */
export const DEFAULT_PULL_LIMIT = 5000;
export const DEFAULT_PUSH_BATCH = 5000;

export interface SyncConfig {
  hubUrl: string;
  token: string;
  /** Change rows per push request (an op larger than this is split; the hub is idempotent per change). */
  pushBatch?: number;
  /** Approximate JSON bytes per push request (keep below the hub's body limit). */
  pushMaxBytes?: number;
  pullLimit?: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** PEM of the hub's certificate or of its CA (a self-signed hub); trusted, besides the public roots, for this hub only. */
  ca?: string;
  /** Send the token over plain http:// to a non-loopback host anyway (only behind a trusted TLS proxy/VPN). */
  allowPlainHttp?: boolean;
}

/** Transport options of enrolDevice (the same meaning as in SyncConfig). */
export interface TransportOptions {
  ca?: string;
  allowPlainHttp?: boolean;
}

export interface SyncStatus {
  configured: boolean;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Local change rows not yet acknowledged by the hub. */
  pending: number;
  cursor: number;
  pushedSeq: number;
}

export interface SyncRoundResult {
  pulled: number;
  pushed: number;
  conflicts: number;
}

const K = { cursor: 'sync.cursor', lastSuccessAt: 'sync.lastSuccessAt', lastError: 'sync.lastError' } as const;

export class SyncError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export function syncStatus(store: Store, configured = true): SyncStatus {
  const pushedSeq = store.getLocal<number>(SYNC_PUSHED_SEQ_KEY) ?? 0;
  const pending = (
    store.db.prepare('SELECT count(*) AS n FROM changes WHERE seq > ? AND site_id = ?').get(pushedSeq, store.siteId) as { n: number }
  ).n;
  return {
    configured,
    lastSuccessAt: store.getLocal<string>(K.lastSuccessAt) ?? null,
    lastError: store.getLocal<string>(K.lastError) ?? null,
    pending,
    cursor: store.getLocal<number>(K.cursor) ?? 0,
    pushedSeq,
  };
}

// ---------------------------------------------------------------- transport
// Device tokens (and enrolment codes) are bearer secrets: they go over HTTPS, or over plain
// HTTP only to this computer, unless the caller explicitly allows it.

const isLoopbackHostname = (h: string) => h === 'localhost' || h === '[::1]' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);

/**
 * Why this hub URL must not be used (a message in Vietnamese / English), or null if fine.
 * Pure: the settings UI shows the same message before saving.
 */
export function checkHubUrl(url: string, opts: { allowPlainHttp?: boolean } = {}): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `Địa chỉ máy chủ không hợp lệ / invalid hub URL: "${url}"`;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return `Địa chỉ máy chủ phải bắt đầu bằng https:// / the hub URL must start with https:// (got ${u.protocol}//)`;
  }
  if (u.protocol === 'http:' && !opts.allowPlainHttp && !isLoopbackHostname(u.hostname)) {
    return (
      `Không gửi mã thiết bị qua http:// không mã hoá tới ${u.host}; hãy dùng https:// / ` +
      `refusing to send the device token over plain http:// to ${u.host}: use https:// (or allow plain HTTP explicitly)`
    );
  }
  return null;
}

interface Transport {
  fetch: typeof fetch;
  close(): Promise<void>;
}

/**
 * The fetch to use: the global one, or undici's fetch with an Agent that trusts `ca` IN
 * ADDITION to the usual public roots (a hub that later gets a public certificate keeps
 * working). A caller-supplied fetch (Node's global fetch is undici too) gets the dispatcher
 * in its init.
 */
function transport(fetchImpl: typeof fetch | undefined, ca: string | undefined): Transport {
  if (!ca) return { fetch: fetchImpl ?? fetch, close: async () => undefined };
  const dispatcher = new Agent({ connect: { ca: [...rootCertificates, ca] } });
  const base = fetchImpl ?? (undiciFetch as unknown as typeof fetch);
  return {
    fetch: ((input, init) => base(input, { ...init, dispatcher } as RequestInit)) as typeof fetch,
    close: () => dispatcher.close(),
  };
}

const TLS_ERROR = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/** fetch, with certificate failures turned into a SyncError that says what to do. */
async function send(fetchImpl: typeof fetch, url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetchImpl(url, init);
  } catch (e) {
    const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : '';
    if (url.protocol === 'https:' && TLS_ERROR.test(code)) {
      throw new SyncError(
        0,
        'tls',
        `Không tin được chứng chỉ của máy chủ ${url.host} (${code}); hãy nhập chứng chỉ (CA) của máy chủ / ` +
          `the hub certificate of ${url.host} is not trusted: ${String(cause?.message ?? code)} (${code}); ` +
          `configure the hub's certificate or its CA (ca)`,
      );
    }
    throw e;
  }
}

function assertHubUrl(hubUrl: string, allowPlainHttp: boolean | undefined): void {
  const problem = checkHubUrl(hubUrl, { allowPlainHttp });
  if (problem) throw new SyncError(0, 'insecure_url', problem);
}

/** Exchange a one-time enrolment code for this device's token. */
export async function enrolDevice(
  hubUrl: string,
  code: string,
  deviceName: string,
  siteId: string,
  fetchImpl: typeof fetch = fetch,
  options: TransportOptions = {},
): Promise<EnrolResponse> {
  assertHubUrl(hubUrl, options.allowPlainHttp);
  const t = transport(fetchImpl, options.ca);
  try {
    const res = await send(t.fetch, new URL('/sync/enrol', hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName, siteId }),
    });
    return enrolResponse.parse(await readJson(res));
  } finally {
    await t.close();
  }
}

async function readJson(res: Response): Promise<unknown> {
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const e = hubError.safeParse(body);
    throw new SyncError(res.status, e.success ? e.data.error.code : 'http', e.success ? e.data.error.message : `HTTP ${res.status}`);
  }
  return body;
}

export class SyncClient {
  private readonly transport: Transport;
  private running: Promise<SyncRoundResult> | null = null;

  constructor(
    private readonly store: Store,
    private readonly config: SyncConfig,
  ) {
    this.transport = transport(config.fetch, config.ca);
  }

  /** Release the connections of a client with a `ca` (optional; idle ones also time out). */
  close(): Promise<void> {
    return this.transport.close();
  }

  status(): SyncStatus {
    return syncStatus(this.store, true);
  }

  /** One pull+push round; concurrent calls share the round in progress. */
  syncNow(): Promise<SyncRoundResult> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<SyncRoundResult> {
    try {
      const pulled = await this.pull();
      const pushed = await this.push();
      this.store.setLocal(K.lastSuccessAt, new Date(this.store.clock()).toISOString());
      this.store.setLocal(K.lastError, null);
      return { ...pulled, pushed };
    } catch (e) {
      this.store.setLocal(K.lastError, e instanceof Error ? e.message : String(e));
      throw e;
    }
  }

  private async call(path: string, init: RequestInit = {}): Promise<unknown> {
    assertHubUrl(this.config.hubUrl, this.config.allowPlainHttp);
    const res = await send(this.transport.fetch, new URL(path, this.config.hubUrl), {
      ...init,
      headers: { ...(init.headers ?? {}), authorization: `Bearer ${this.config.token}` },
      signal: AbortSignal.timeout(this.config.timeoutMs ?? 60_000),
    });
    return readJson(res);
  }

  async pull(): Promise<{ pulled: number; conflicts: number }> {
    let pulled = 0;
    let conflicts = 0;
    for (;;) {
      const cursor = this.store.getLocal<number>(K.cursor) ?? 0;
      const page = pullResponse.parse(
        await this.call(`/sync/pull?cursor=${cursor}&limit=${this.config.pullLimit ?? DEFAULT_PULL_LIMIT}`),
      );
      if (page.changes.length > 0) {
        const r = this.store.applyRemote(page.changes.map(({ seq: _seq, ...c }) => c));
        pulled += r.recorded;
        conflicts += r.conflicts;
      }
      // The cursor moves only after the page is committed locally.
      this.store.setLocal(K.cursor, page.cursor);
      if (!page.more) return { pulled, conflicts };
    }
  }

  async push(): Promise<number> {
    const batch = this.config.pushBatch ?? DEFAULT_PUSH_BATCH;
    const maxBytes = this.config.pushMaxBytes ?? 4 * 1024 * 1024;
    let pushed = 0;
    for (;;) {
      const after = this.store.getLocal<number>(SYNC_PUSHED_SEQ_KEY) ?? 0;
      const page = this.store.changesSince(after, batch);
      if (page.length === 0) return pushed;
      // Cut by size as well as count (zone geometries are big): a request over the hub's
      // body limit would be refused every time and sync would stall. At least one row.
      let bytes = 0;
      let n = 0;
      while (n < page.length) {
        bytes += JSON.stringify(page[n]!.value).length + 200;
        if (n > 0 && bytes > maxBytes) break;
        n++;
      }
      const rows = page.slice(0, n);
      const own = rows.filter((r) => r.siteId === this.store.siteId);
      if (own.length > 0) {
        const body: PushRequest = { schemaVersion: this.store.version, ops: groupByOp(own) };
        pushResponse.parse(await this.call('/sync/push', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }));
        pushed += own.length;
      }
      // Rows received from other sites came from the hub: skipped, but the mark moves past them.
      this.store.setLocal(SYNC_PUSHED_SEQ_KEY, rows[rows.length - 1]!.seq);
      if (page.length < batch && n === page.length) return pushed;
    }
  }
}

function groupByOp(rows: ChangeRow[]): PushRequest['ops'] {
  const ops: PushRequest['ops'] = [];
  let cur: PushRequest['ops'][number] | null = null;
  for (const { seq: _seq, ...c } of rows) {
    if (!cur || cur.opId !== c.opId) {
      cur = { opId: c.opId, changes: [] };
      ops.push(cur);
    }
    cur.changes.push(c);
  }
  return ops;
}
