import pg from 'pg';
import type { ChangeRow } from '../../shared/domain';
import { validateRemote, ValidationError, type RemoteChange } from '../core/store';
import type { DeviceRole } from '../core/sync/protocol';
import { hashCode, hashToken, newDeviceId, newDeviceToken, newEnrolmentCode, type Device } from './auth';
import type { DeviceInfo, EnrolOutcome, HubBackend, PullPage, PushOutcome } from './backend';
import { CHILD_ROWS, prefetchScopeRows, rowKey, SCOPE_FIELDS, type RowLookup } from './scope';

/**
 * PostgreSQL hub backend: every hub process is STATELESS (only its per-device rate-limit
 * buckets live in memory), so several can serve one database behind a load balancer.
 *
 * Tables (created on start, idempotent, under an advisory lock so processes starting
 * together do not race):
 * - hub_changes: the log. seq = cursor; UNIQUE (hlc, entity, entity_id, field) makes a
 *   re-sent push a no-op (INSERT … ON CONFLICT DO NOTHING; `recorded`/`duplicates` as in
 *   SQLite mode). Values are stored as the validated JSON text (byte for byte what SQLite
 *   mode records).
 * - hub_row_fields: per-field LWW copy of the few row fields the hub itself needs
 *   (ROW_FIELDS: what district scope reads, and users' username/_deleted for the unique
 *   username check); a `_created` value sets them all with its stamp (and `_deleted` false);
 *   an update wins iff its stamp is greater (`WHERE excluded.hlc > current.hlc`, byte order:
 *   hlc is COLLATE "C" like JS string order). The SQLite hub has whole merged rows instead.
 * - hub_devices, hub_codes: enrolment (hashes only). A partial unique index keeps one LIVE
 *   device per site id even when two processes enrol at once; a code is consumed by one
 *   atomic UPDATE … RETURNING, so it cannot be used twice across processes.
 *
 * THE COMMIT-ORDER TRAP. Identity values are taken at INSERT, and concurrent transactions
 * commit in any order: if push B (seq 11) commits while push A (seq 10) is still open, a
 * pull sees 11, returns cursor 11, and never sees 10. Prevention: every push takes ONE
 * transaction-level advisory lock (`pg_advisory_xact_lock(LOG_LOCK)`) BEFORE it inserts into
 * the log and holds it until COMMIT. Log writers are thus serialised: a push draws its seqs
 * only after the previous push is committed and visible, so seq order = commit order and
 * any pull that sees seq N also sees every seq below N. Cost: pushes do not run in
 * parallel against the log (pulls, auth and validation do); the lock is held only for the
 * inserts, never across network I/O to a device.
 * `unsafeNoLogLock` (TEST ONLY) switches it off so the test can show the trap is real.
 */

const { Pool } = pg;

/**
 * Advisory locks, two-int form: (purpose, hash of the current schema), so hubs in other
 * schemas of the same database do not wait for each other (a hash collision would only
 * serialise them, never break anything).
 */
const LOG_LOCK = 0x5a_ba_40_01;
const SCHEMA_LOCK = 0x5a_ba_40_02;
const LOCK_SQL = 'SELECT pg_advisory_xact_lock($1::int, hashtext(current_schema()))';

const CHUNK = 5000;

/** Row fields kept per entity (hub_row_fields). */
const ROW_FIELDS: Readonly<Record<string, readonly string[]>> = { ...SCOPE_FIELDS, user: ['username', '_deleted'] };

export interface PgBackendOptions {
  url: string;
  clock: () => number;
  /** Connections per hub process. */
  poolSize?: number;
  /** TEST HOOK: runs inside a push's transaction after its inserts, before COMMIT. */
  beforeCommit?: (changes: readonly RemoteChange[]) => Promise<void> | void;
  /** TEST ONLY: do not serialise log commits (demonstrates the commit-order trap). */
  unsafeNoLogLock?: boolean;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS hub_changes (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity text NOT NULL,
  entity_id text NOT NULL,
  field text NOT NULL,
  value text NOT NULL,
  hlc text COLLATE "C" NOT NULL,
  site_id text NOT NULL,
  user_id text,
  op_id text NOT NULL,
  CONSTRAINT hub_changes_identity UNIQUE (hlc, entity, entity_id, field)
);
CREATE INDEX IF NOT EXISTS hub_changes_row ON hub_changes (entity, entity_id, seq);
CREATE TABLE IF NOT EXISTS hub_row_fields (
  entity text NOT NULL,
  entity_id text NOT NULL,
  field text NOT NULL,
  value text NOT NULL,
  hlc text COLLATE "C" NOT NULL,
  PRIMARY KEY (entity, entity_id, field)
);
CREATE INDEX IF NOT EXISTS hub_row_fields_value ON hub_row_fields (entity, field, value);
CREATE TABLE IF NOT EXISTS hub_devices (
  device_id text PRIMARY KEY,
  name text NOT NULL,
  site_id text NOT NULL,
  role text NOT NULL,
  districts text[] NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at text NOT NULL,
  revoked_at text
);
CREATE UNIQUE INDEX IF NOT EXISTS hub_devices_live_site ON hub_devices (site_id) WHERE revoked_at IS NULL;
CREATE TABLE IF NOT EXISTS hub_codes (
  code_hash text PRIMARY KEY,
  role text NOT NULL,
  districts text[] NOT NULL,
  expires_ms bigint NOT NULL,
  used_at text
);
`;

interface DeviceRow {
  device_id: string;
  name: string;
  site_id: string;
  role: DeviceRole;
  districts: string[];
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

const toDevice = (r: DeviceRow): Device => ({
  deviceId: r.device_id,
  name: r.name,
  siteId: r.site_id,
  role: r.role,
  districts: r.districts,
  tokenHash: r.token_hash,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

type Queryable = Pick<pg.PoolClient, 'query'>;

export class PgBackend implements HubBackend {
  readonly kind = 'pg' as const;
  private constructor(
    readonly pool: pg.Pool,
    private readonly opts: PgBackendOptions,
  ) {}

  /** Connect and create the tables if needed. Fails with the server's message (bad URL, refused, auth). */
  static async open(opts: PgBackendOptions): Promise<PgBackend> {
    const pool = new Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // An idle client losing its connection (server restart) must not crash the hub.
    pool.on('error', (err) => console.error('[hub] PostgreSQL connection lost:', err.message));
    try {
      await tx(pool, async (c) => {
        await c.query(LOCK_SQL, [SCHEMA_LOCK]);
        await c.query(SCHEMA);
      });
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw new Error(`PostgreSQL (${redact(opts.url)}): ${(e as Error).message}`, { cause: e });
    }
    return new PgBackend(pool, opts);
  }

  async createCode(role: DeviceRole, districts: string[], ttlMinutes: number): Promise<string> {
    const code = newEnrolmentCode();
    const now = this.opts.clock();
    await this.pool.query('DELETE FROM hub_codes WHERE used_at IS NOT NULL OR expires_ms <= $1', [now]);
    await this.pool.query('INSERT INTO hub_codes (code_hash, role, districts, expires_ms) VALUES ($1, $2, $3, $4)', [
      hashCode(code),
      role,
      districts,
      now + ttlMinutes * 60_000,
    ]);
    return code;
  }

  async enrol(code: string, name: string, siteId: string): Promise<EnrolOutcome> {
    const now = this.opts.clock();
    const taken = await this.pool.query('SELECT 1 FROM hub_devices WHERE site_id = $1 AND revoked_at IS NULL', [siteId]);
    if (taken.rowCount) return 'site_taken';
    const token = newDeviceToken();
    try {
      return await tx(this.pool, async (c) => {
        // One atomic statement consumes the code: two processes cannot both use it.
        const used = await c.query<{ role: DeviceRole; districts: string[] }>(
          `UPDATE hub_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_ms > $3 RETURNING role, districts`,
          [hashCode(code), new Date(now).toISOString(), now],
        );
        const c0 = used.rows[0];
        if (!c0) return 'bad_code' as const;
        const device: Device = {
          deviceId: newDeviceId(),
          name,
          siteId,
          role: c0.role,
          districts: c0.districts,
          tokenHash: hashToken(token),
          createdAt: new Date(now).toISOString(),
          revokedAt: null,
        };
        await c.query(
          `INSERT INTO hub_devices (device_id, name, site_id, role, districts, token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [device.deviceId, device.name, device.siteId, device.role, device.districts, device.tokenHash, device.createdAt],
        );
        return { device, token };
      });
    } catch (e) {
      // The same site enrolled at the same moment through another process: the code stays unused (rolled back).
      if ((e as { constraint?: string }).constraint === 'hub_devices_live_site') return 'site_taken';
      throw e;
    }
  }

  async authenticate(token: string): Promise<Device | null> {
    const r = await this.pool.query<DeviceRow>('SELECT * FROM hub_devices WHERE token_hash = $1 AND revoked_at IS NULL', [hashToken(token)]);
    return r.rows[0] ? toDevice(r.rows[0]) : null;
  }

  async revoke(deviceId: string): Promise<boolean> {
    const r = await this.pool.query('UPDATE hub_devices SET revoked_at = $2 WHERE device_id = $1 AND revoked_at IS NULL', [
      deviceId,
      new Date(this.opts.clock()).toISOString(),
    ]);
    return (r.rowCount ?? 0) > 0;
  }

  async devices(): Promise<DeviceInfo[]> {
    const r = await this.pool.query<DeviceRow>('SELECT * FROM hub_devices ORDER BY created_at, device_id');
    return r.rows.map((row) => {
      const { tokenHash: _t, ...d } = toDevice(row);
      return d;
    });
  }

  async lastSeq(): Promise<number> {
    return maxSeq(this.pool);
  }

  async push(changes: RemoteChange[], authorise?: (rows: RowLookup) => void): Promise<PushOutcome> {
    // Validation (the same as SQLite mode's applyRemote) before taking any lock.
    let batch: ReturnType<typeof validateRemote>;
    try {
      batch = validateRemote(changes);
    } catch (e) {
      // SQLite mode checks scope first: a reporter's out-of-scope push is a 403 even if also invalid.
      if (authorise) authorise(await prefetchScopeRows(changes, (keys) => scopeRows(this.pool, keys), true));
      throw e;
    }
    const seen = new Set<string>();
    const fresh = batch.filter(({ c }) => {
      const k = `${c.hlc}\u0000${c.entity}\u0000${c.entityId}\u0000${c.field}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    return tx(this.pool, async (client) => {
      // Serialise log writers until COMMIT: seq order = commit order (see the header).
      if (!this.opts.unsafeNoLogLock) await client.query(LOCK_SQL, [LOG_LOCK]);
      if (authorise) authorise(await prefetchScopeRows(changes, (keys) => scopeRows(client, keys), true));
      let recorded = 0;
      for (let i = 0; i < fresh.length; i += CHUNK) {
        const part = fresh.slice(i, i + CHUNK);
        const cols: Array<Array<string | null>> = [[], [], [], [], [], [], [], []];
        for (const { c, json } of part) {
          const vals = [c.entity, c.entityId, c.field, json, c.hlc, c.siteId, c.userId, c.opId];
          vals.forEach((v, j) => cols[j]!.push(v));
        }
        const r = await client.query(
          `INSERT INTO hub_changes (entity, entity_id, field, value, hlc, site_id, user_id, op_id)
           SELECT e, i, f, v, h, s, u, o
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                  WITH ORDINALITY AS t(e, i, f, v, h, s, u, o, n)
            ORDER BY n
           ON CONFLICT ON CONSTRAINT hub_changes_identity DO NOTHING
           RETURNING seq`,
          cols,
        );
        recorded += r.rowCount ?? 0;
      }
      await upsertRowFields(client, fresh.map((p) => ({ ...p.c, json: p.json })));
      await guardUniqueUsernames(client, fresh.filter((p) => p.c.entity === 'user').map((p) => p.c.entityId));
      const hubSeq = await maxSeq(client);
      await this.opts.beforeCommit?.(changes);
      return { recorded, duplicates: batch.length - recorded, hubSeq };
    });
  }

  async pull(cursor: number, limit: number, scoped: boolean): Promise<PullPage> {
    const r = await this.pool.query<ChangeDbRow>('SELECT * FROM hub_changes WHERE seq > $1 ORDER BY seq LIMIT $2', [cursor, limit]);
    const rows = r.rows.map(fromDb);
    const lookup = scoped ? await prefetchScopeRows(rows, (keys) => scopeRows(this.pool, keys), false) : null;
    return { rows, lookup };
  }

  async history(rows: Array<{ entity: string; id: string }>, maxSeq: number): Promise<ChangeRow[]> {
    if (rows.length === 0) return [];
    // Child rows are found through the scope copy of their parent field (hub_row_fields).
    const children = await this.pool.query<{ entity: string; entity_id: string }>(
      `SELECT f.entity, f.entity_id
         FROM hub_row_fields f
         JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(entity, field, value) USING (entity, field, value)`,
      [
        ...(['entity', 'field', 'value'] as const).map((col) =>
          rows.flatMap((r) => {
            const child = CHILD_ROWS[r.entity];
            return child ? [col === 'entity' ? child[0] : col === 'field' ? child[1] : JSON.stringify(r.id)] : [];
          }),
        ),
      ],
    );
    const keys = [...rows, ...children.rows.map((c) => ({ entity: c.entity, id: c.entity_id }))];
    const r = await this.pool.query<ChangeDbRow>(
      `SELECT c.* FROM hub_changes c
         JOIN unnest($1::text[], $2::text[]) AS k(entity, entity_id) USING (entity, entity_id)
        WHERE c.seq <= $3 ORDER BY c.seq`,
      [keys.map((k) => k.entity), keys.map((k) => k.id), maxSeq],
    );
    return r.rows.map(fromDb);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

interface ChangeDbRow {
  seq: string;
  entity: string;
  entity_id: string;
  field: string;
  value: string;
  hlc: string;
  site_id: string;
  user_id: string | null;
  op_id: string;
}

const fromDb = (x: ChangeDbRow): ChangeRow => ({
  seq: Number(x.seq),
  entity: x.entity,
  entityId: x.entity_id,
  field: x.field,
  value: JSON.parse(x.value) as unknown,
  hlc: x.hlc,
  siteId: x.site_id,
  userId: x.user_id,
  opId: x.op_id,
});

async function tx<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

async function maxSeq(q: Queryable): Promise<number> {
  const r = await q.query<{ m: string | null }>('SELECT max(seq) AS m FROM hub_changes');
  return Number(r.rows[0]?.m ?? 0);
}

/** Current scope fields of these rows (only rows the hub has seen a scope field of). */
async function scopeRows(q: Queryable, keys: Array<{ entity: string; id: string }>): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  if (keys.length === 0) return out;
  const r = await q.query<{ entity: string; entity_id: string; field: string; value: string }>(
    `SELECT s.entity, s.entity_id, s.field, s.value
       FROM hub_row_fields s
       JOIN unnest($1::text[], $2::text[]) AS k(entity, entity_id) USING (entity, entity_id)`,
    [keys.map((k) => k.entity), keys.map((k) => k.id)],
  );
  for (const row of r.rows) {
    const k = rowKey(row.entity, row.entity_id);
    const cur = out.get(k) ?? {};
    cur[row.field] = JSON.parse(row.value) as unknown;
    out.set(k, cur);
  }
  return out;
}

/**
 * Per-field LWW of ROW_FIELDS: `_created` asserts all of them at its stamp (and "not
 * deleted"), an update of one of them asserts that one. Reduced per key first (one
 * statement may not touch a row twice), then `WHERE excluded.hlc > current.hlc`.
 */
async function upsertRowFields(q: Queryable, changes: Array<RemoteChange & { json: string }>): Promise<void> {
  const best = new Map<string, [string, string, string, string, string]>();
  const put = (entity: string, id: string, field: string, json: string, hlc: string) => {
    const k = `${entity}\u0000${id}\u0000${field}`;
    const cur = best.get(k);
    if (!cur || hlc > cur[4]) best.set(k, [entity, id, field, json, hlc]);
  };
  for (const c of changes) {
    const fields = ROW_FIELDS[c.entity];
    if (!fields) continue;
    if (c.field === '_created') {
      const v = JSON.parse(c.json) as unknown;
      if (typeof v !== 'object' || v === null) continue; // legacy `_created: true`: fields come as their own rows
      for (const f of fields) {
        put(c.entity, c.entityId, f, f === '_deleted' ? 'false' : JSON.stringify((v as Record<string, unknown>)[f] ?? null), c.hlc);
      }
    } else if (fields.includes(c.field)) put(c.entity, c.entityId, c.field, c.json, c.hlc);
  }
  const rows = [...best.values()];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await q.query(
      `INSERT INTO hub_row_fields (entity, entity_id, field, value, hlc)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (entity, entity_id, field) DO UPDATE SET value = excluded.value, hlc = excluded.hlc
        WHERE excluded.hlc > hub_row_fields.hlc`,
      [0, 1, 2, 3, 4].map((j) => part.map((r) => r[j]!)),
    );
  }
}

/**
 * Two live users may not share a username (case-insensitive for ASCII, like the stores'
 * `COLLATE NOCASE` index). Devices would refuse such a merged state, so, as in SQLite
 * mode, the push that causes it is refused (400, nothing written) until one is renamed.
 */
async function guardUniqueUsernames(q: Queryable, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const nocase = (col: string) => `translate(${col}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;
  const r = await q.query<{ entity_id: string }>(
    `WITH live AS (
       SELECT u.entity_id, ${nocase('u.value')} AS name
         FROM hub_row_fields u
         LEFT JOIN hub_row_fields d ON d.entity = 'user' AND d.entity_id = u.entity_id AND d.field = '_deleted'
        WHERE u.entity = 'user' AND u.field = 'username' AND u.value <> 'null' AND coalesce(d.value, 'false') <> 'true'
     )
     SELECT l.entity_id FROM live l
      WHERE l.entity_id = ANY($1::text[]) AND EXISTS (SELECT 1 FROM live o WHERE o.name = l.name AND o.entity_id <> l.entity_id)
      LIMIT 1`,
    [userIds],
  );
  const dup = r.rows[0];
  if (dup) throw new ValidationError('user', dup.entity_id, 'username', 'giá trị đã được dùng ở trạm khác / value already used by another row');
}

/** The URL without its password, for error messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
