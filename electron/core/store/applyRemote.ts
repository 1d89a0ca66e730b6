import type Database from 'better-sqlite3';
import { z } from 'zod';
import { DELETED_COLUMN, encodeValue, entityDef, selectList, type EntityDef } from './entities';
import { ValidationError } from './errors';
import { decodeHlc, encodeHlc, HlcDriftError, SITE_ID_RE, type Hlc } from './hlc';
import { guardUnique, type ChangedRef } from './write';

/**
 * Applying change rows made at OTHER sites (sync). The counterpart of write.ts: the same
 * tables, the same field-version rule, but the stamps come from elsewhere.
 *
 * Merge rule (per-field last-writer-wins, a state-based CRDT on the change log):
 * - the version of field f of a row is max(fv[f], fv['_created']) (see write.ts);
 * - an incoming change to f wins iff its stamp is greater than that version (HLC strings
 *   compare in causal order and end with the site id, so ties cannot happen between two
 *   different changes);
 * - a `_created` change asserts EVERY field (and "not deleted") at its stamp; `_deleted`
 *   is a field like the others;
 * - the row's value of f is the value of the change holding f's version. Rows are
 *   MATERIALISED from the log (field_versions + changes) after the batch is recorded,
 *   instead of being patched change by change. Why: deliveries are duplicated and
 *   reordered (an update may arrive before the create of its row; a page may end between
 *   a parent and a child); recomputing from the log gives the same row whatever the
 *   order, and an update of a row not created here yet simply waits in the log.
 *
 * Every received change is appended to `changes` with its ORIGINAL stamp, site, user and
 * op id, winning or not, so the log is the union of what every site did (audit trail,
 * relay). Re-applying a change is a no-op: its identity (stamp, entity, id, field) is
 * looked up first.
 *
 * Foreign keys are OFF while a remote batch applies: the sender checked its references at
 * its own commit and parents are never removed (tombstones), but a child can arrive before
 * its parent (reordering, paging, district filtering); it becomes consistent when the
 * parent arrives.
 *
 * Clock: the local HLC receive()s the newest incoming stamp so later local edits sort
 * after everything seen. Far-future stamps (beyond the clock's max drift, where receive()
 * throws): sync must never stall on them, so the change is APPLIED (every replica must
 * treat the same change the same way) and the clock still moves past it (advanceTo, the
 * logical clock runs ahead of the wall until the wall catches up). Not moving the clock
 * would be worse: a later local edit would get a smaller stamp, win here (the write path
 * overwrites) and lose everywhere else — replicas would diverge. The stamp is reported in
 * `result.skewed` so the caller can warn. The hub refuses such stamps at the door (400),
 * which is what keeps one badly-set device from dragging everyone's clock.
 *
 * Conflicts: an incoming change and a local change to the same field are CERTAINLY
 * concurrent when the local one had not been pushed yet (the remote site cannot have
 * seen it). In that case the loser (whichever side) is recorded in `conflicts` if its
 * value differs from the winner's. Pushed local changes that lose are not reported: the
 * other site may have seen them and overwritten them on purpose.
 */

/** Device-local key (store.getLocal) of the highest local change seq the hub has acknowledged. */
export const SYNC_PUSHED_SEQ_KEY = 'sync.pushedSeq';

export const remoteChange = z.object({
  entity: z.string().min(1).max(40),
  entityId: z.string().min(1).max(200),
  field: z.string().min(1).max(60),
  value: z.unknown(),
  hlc: z.string().max(100),
  siteId: z.string().regex(SITE_ID_RE, 'site id không hợp lệ / invalid site id'),
  userId: z.string().max(100).nullable(),
  opId: z.string().min(1).max(100),
});
export type RemoteChange = z.infer<typeof remoteChange>;

export interface ApplyRemoteResult {
  /** Rows in the batch. */
  received: number;
  /** New change rows recorded (the rest were duplicates). */
  recorded: number;
  duplicates: number;
  /** Conflict rows recorded. */
  conflicts: number;
  /** Rows whose materialised state changed. */
  changed: ChangedRef[];
  /** Stamps too far ahead of the local clock (applied, clock not moved). */
  skewed: string[];
  /** Seq range of the recorded change rows (null if none). */
  firstSeq: number | null;
  lastSeq: number | null;
}

interface Prepared {
  def: EntityDef;
  c: RemoteChange;
  /** JSON recorded in `changes`: the validated (normalised) value. */
  json: string;
}

type Row = Record<string, unknown>;
type Versions = Map<string, string>;

const CREATED = '_created';
const DELETED = '_deleted';

/** Validate a whole batch; throws a ValidationError naming entity/id/field on the first bad row. */
export function validateRemote(raw: unknown): Prepared[] {
  if (!Array.isArray(raw)) throw new ValidationError('changes', null, null, 'phải là mảng / must be an array');
  return raw.map((r, i) => {
    const shape = remoteChange.safeParse(r);
    if (!shape.success) {
      const is = shape.error.issues[0];
      const rr = (r ?? {}) as Row;
      throw new ValidationError(
        typeof rr.entity === 'string' ? rr.entity : `changes[${i}]`,
        typeof rr.entityId === 'string' ? rr.entityId : null,
        is && is.path.length > 0 ? String(is.path[0]) : null,
        is?.message ?? 'không hợp lệ',
      );
    }
    const c = shape.data;
    const def = entityDef(c.entity);
    if (!def) throw new ValidationError(c.entity, c.entityId, null, 'loại dữ liệu không tồn tại / unknown entity');
    const bad = (field: string | null, msg: string) => new ValidationError(def.name, c.entityId, field, msg);
    try {
      decodeHlc(c.hlc);
    } catch {
      throw bad('hlc', `dấu thời gian không hợp lệ / malformed stamp ${JSON.stringify(c.hlc)}`);
    }
    if (!c.hlc.endsWith(`-${c.siteId}`)) throw bad('hlc', 'dấu thời gian không thuộc trạm gửi / stamp is not from siteId');
    return { def, c, json: validValue(def, c, bad) };
  });
}

function validValue(def: EntityDef, c: RemoteChange, bad: (f: string | null, m: string) => ValidationError): string {
  if (c.field === CREATED) {
    // Legacy form: `_created: true` followed by one change per field with the same stamp.
    if (c.value === true) return 'true';
    if (typeof c.value !== 'object' || c.value === null || Array.isArray(c.value)) {
      throw bad(CREATED, 'phải là đối tượng / must be an object');
    }
    const input = { ...(c.value as Row), [def.pk]: c.entityId };
    for (const k of Object.keys(input)) if (!def.byField.has(k)) throw bad(k, 'trường không tồn tại / unknown field');
    const parsed = def.schema.safeParse(input);
    if (!parsed.success) {
      const is = parsed.error.issues[0];
      throw bad(is && is.path.length > 0 ? String(is.path[0]) : null, is?.message ?? 'không hợp lệ');
    }
    const row = parsed.data as Row;
    if (def.deriveId && def.deriveId(row) !== c.entityId) {
      throw bad(def.pk, `phải là "${def.deriveId(row)}" / must be "${def.deriveId(row)}"`);
    }
    const out: Row = {};
    for (const col of def.columns) if (col.field !== def.pk) out[col.field] = row[col.field] ?? null;
    return JSON.stringify(out);
  }
  if (c.field === DELETED) {
    if (def.appendOnly) throw bad(DELETED, 'chỉ được thêm mới / append-only');
    if (typeof c.value !== 'boolean') throw bad(DELETED, 'phải là true/false / must be a boolean');
    return JSON.stringify(c.value);
  }
  const col = def.byField.get(c.field);
  if (!col) throw bad(c.field, 'trường không tồn tại / unknown field');
  if (def.appendOnly) throw bad(c.field, 'chỉ được thêm mới / append-only');
  if (def.immutable.has(c.field)) throw bad(c.field, 'không được thay đổi / cannot be changed');
  const parsed = col.schema.safeParse(c.value);
  if (!parsed.success) throw bad(c.field, parsed.error.issues[0]?.message ?? 'không hợp lệ');
  return JSON.stringify(parsed.data ?? null);
}

export class RemoteApplier {
  private readonly q: Record<string, Database.Statement>;
  private readonly rowStmts = new Map<string, { select: Database.Statement; insert: Database.Statement; update: Database.Statement }>();

  constructor(
    private readonly db: Database.Database,
    private readonly hlc: Hlc,
    private readonly clock: () => number,
  ) {
    this.q = {
      exists: db.prepare('SELECT 1 FROM changes WHERE hlc = ? AND entity = ? AND entity_id = ? AND field = ?'),
      valueAt: db.prepare(
        'SELECT value, site_id, user_id, seq FROM changes WHERE hlc = ? AND entity = ? AND entity_id = ? AND field = ?',
      ),
      insertChange: db.prepare(
        'INSERT INTO changes (entity, entity_id, field, value, hlc, site_id, user_id, op_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      versions: db.prepare('SELECT field, hlc FROM field_versions WHERE entity = ? AND entity_id = ?'),
      upsertVersion: db.prepare(
        `INSERT INTO field_versions (entity, entity_id, field, hlc, site_id) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc, site_id = excluded.site_id
         WHERE excluded.hlc > field_versions.hlc`,
      ),
      insertConflict: db.prepare(
        `INSERT OR IGNORE INTO conflicts (entity, entity_id, field, losing_value, losing_hlc, losing_site_id, losing_user_id,
           winning_hlc, winning_site_id, winning_user_id, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      pushedSeq: db.prepare('SELECT value FROM meta WHERE key = ?'),
      saveHlc: db.prepare(
        `INSERT INTO meta (key, value) VALUES ('hlc', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ),
    };
  }

  apply(raw: unknown): ApplyRemoteResult {
    // Validation first, outside the transaction: a bad row rejects the whole batch and
    // nothing is written.
    const batch = validateRemote(raw);
    const result: ApplyRemoteResult = {
      received: batch.length,
      recorded: 0,
      duplicates: 0,
      conflicts: 0,
      changed: [],
      skewed: [],
      firstSeq: null,
      lastSeq: null,
    };
    if (batch.length === 0) return result;
    const fkOn = this.db.pragma('foreign_keys', { simple: true }) === 1;
    if (fkOn) this.db.pragma('foreign_keys = OFF'); // no-op inside a transaction: set before BEGIN
    try {
      this.db.transaction(() => this.run(batch, result)).immediate();
    } finally {
      if (fkOn) this.db.pragma('foreign_keys = ON');
    }
    return result;
  }

  private run(batch: Prepared[], result: ApplyRemoteResult): void {
    const pushedRow = this.q.pushedSeq!.get(`local:${SYNC_PUSHED_SEQ_KEY}`) as { value: string } | undefined;
    const pushedSeq = pushedRow ? Number(JSON.parse(pushedRow.value)) : 0;
    const versionsCache = new Map<string, Versions>();
    const dirty = new Map<string, { def: EntityDef; id: string }>();
    const seen = new Set<string>();
    let maxStamp = '';
    const now = new Date(this.clock()).toISOString();

    const versionsOf = (def: EntityDef, id: string): Versions => {
      const k = `${def.name}\u0000${id}`;
      let v = versionsCache.get(k);
      if (!v) {
        v = new Map((this.q.versions!.all(def.name, id) as Array<{ field: string; hlc: string }>).map((r) => [r.field, r.hlc]));
        versionsCache.set(k, v);
      }
      return v;
    };

    for (const { def, c, json } of batch) {
      const key = `${c.hlc}\u0000${def.name}\u0000${c.entityId}\u0000${c.field}`;
      if (seen.has(key) || this.q.exists!.get(c.hlc, def.name, c.entityId, c.field)) {
        result.duplicates++;
        continue;
      }
      seen.add(key);
      const info = this.q.insertChange!.run(def.name, c.entityId, c.field, json, c.hlc, c.siteId, c.userId, c.opId);
      const seq = Number(info.lastInsertRowid);
      result.firstSeq ??= seq;
      result.lastSeq = seq;
      result.recorded++;
      if (c.hlc > maxStamp) maxStamp = c.hlc;

      const fv = versionsOf(def, c.entityId);
      const created = fv.get(CREATED);
      // Fields this change asserts, each compared with its current version.
      const targets =
        c.field === CREATED
          ? c.value === true
            ? [] // legacy marker: its fields come as their own rows
            : [...def.columns.filter((col) => col.field !== def.pk).map((col) => col.field), DELETED]
          : [c.field];
      let wins = c.field === CREATED && (created === undefined || c.hlc > created);
      for (const f of targets) {
        const own = fv.get(f);
        const cur = own !== undefined && (created === undefined || own > created) ? own : created;
        const winsField = cur === undefined || c.hlc > cur;
        if (winsField) wins = true;
        if (cur !== undefined) {
          result.conflicts += this.conflict(def, c, f, json, cur, own === cur ? f : CREATED, winsField, pushedSeq, now);
        }
      }
      // Field versions take the max; the materialised row follows them.
      this.q.upsertVersion!.run(def.name, c.entityId, c.field, c.hlc, c.siteId);
      const curOwn = fv.get(c.field);
      if (curOwn === undefined || c.hlc > curOwn) fv.set(c.field, c.hlc);
      if (wins || c.field === CREATED) dirty.set(`${def.name}\u0000${c.entityId}`, { def, id: c.entityId });
    }

    for (const { def, id } of dirty.values()) {
      const ref = this.materialise(def, id, versionsOf(def, id));
      if (ref) result.changed.push(ref);
    }

    if (maxStamp) {
      try {
        this.hlc.receive(maxStamp);
      } catch (e) {
        if (!(e instanceof HlcDriftError)) throw e;
        result.skewed.push(maxStamp);
        const { physical, counter } = decodeHlc(maxStamp);
        this.hlc.advanceTo({ physical, counter });
      }
      this.q.saveHlc!.run(JSON.stringify(this.hlcString()));
    }
  }

  private hlcString(): string {
    return encodeHlc({ ...this.hlc.peek(), siteId: this.hlc.siteId });
  }

  /**
   * Record a conflict between incoming change `c` on field f and the current version
   * `cur` (held by change field `curField`: f itself or `_created`) when the current one
   * is a local change not pushed yet. Returns 1 if a row was recorded.
   */
  private conflict(
    def: EntityDef,
    c: RemoteChange,
    f: string,
    json: string,
    cur: string,
    curField: string,
    incomingWins: boolean,
    pushedSeq: number,
    now: string,
  ): number {
    const local = this.q.valueAt!.get(cur, def.name, c.entityId, curField) as
      | { value: string; site_id: string; user_id: string | null; seq: number }
      | undefined;
    if (!local || local.site_id !== this.hlc.siteId || local.seq <= pushedSeq || local.site_id === c.siteId) return 0;
    const localValue = fieldValue(local.value, curField, f);
    const remoteValue = fieldValue(json, c.field, f);
    if (localValue === undefined || remoteValue === undefined || localValue === remoteValue) return 0;
    const [lv, lh, ls, lu, wh, ws, wu] = incomingWins
      ? [localValue, cur, local.site_id, local.user_id, c.hlc, c.siteId, c.userId]
      : [remoteValue, c.hlc, c.siteId, c.userId, cur, local.site_id, local.user_id];
    const info = this.q.insertConflict!.run(def.name, c.entityId, f, lv, lh, ls, lu, wh, ws, wu, now);
    return info.changes;
  }

  /** Recompute one row from its field versions and the log; insert, update or leave it. */
  private materialise(def: EntityDef, id: string, fv: Versions): ChangedRef | null {
    const st = this.rowStatements(def);
    const existing = st.select.get(id) as Row | undefined;
    const created = fv.get(CREATED);
    if (!created && !existing) return null; // not created here yet: its changes wait in the log
    const createdRow = created ? this.createdValue(def, id, created) : null;
    const next: Row = {};
    for (const col of def.columns) {
      if (col.field === def.pk) {
        next[col.field] = id;
        continue;
      }
      const own = fv.get(col.field);
      if (own !== undefined && (created === undefined || own >= created)) {
        const v = this.valueAt(def, id, col.field, own);
        if (v !== undefined) {
          next[col.field] = encodeValue(col, v);
          continue;
        }
      }
      if (createdRow && col.field in createdRow) next[col.field] = encodeValue(col, createdRow[col.field]);
      else if (existing) next[col.field] = existing[col.field] ?? null;
      else return null; // legacy create whose field rows have not arrived yet
    }
    const del = fv.get(DELETED);
    let deleted = existing ? (existing[DELETED_COLUMN] as number) : 0;
    if (created !== undefined) deleted = 0;
    if (del !== undefined && (created === undefined || del > created)) {
      deleted = this.valueAt(def, id, DELETED, del) === true ? 1 : 0;
    }
    const values = def.columns.map((col) => next[col.field]);
    if (!existing) {
      uniqueGuard(def, id, () => st.insert.run(...values, deleted));
      return { entity: def.name, id, op: deleted ? 'delete' : 'create' };
    }
    const same = def.columns.every((col) => next[col.field] === (existing[col.field] ?? null)) && deleted === existing[DELETED_COLUMN];
    if (same) return null;
    uniqueGuard(def, id, () => st.update.run(...values, deleted, id));
    const op = deleted && !existing[DELETED_COLUMN] ? 'delete' : !deleted && existing[DELETED_COLUMN] ? 'create' : 'update';
    return { entity: def.name, id, op };
  }

  private rowStatements(def: EntityDef) {
    let st = this.rowStmts.get(def.name);
    if (!st) {
      const cols = def.columns.map((col) => `"${col.column}"`);
      st = {
        select: this.db.prepare(
          `SELECT ${selectList(def)}, ${DELETED_COLUMN} AS "${DELETED_COLUMN}" FROM "${def.table}" WHERE "${def.pkColumn}" = ?`,
        ),
        insert: this.db.prepare(
          `INSERT INTO "${def.table}" (${cols.join(', ')}, ${DELETED_COLUMN}) VALUES (${cols.map(() => '?').join(', ')}, ?)`,
        ),
        update: this.db.prepare(
          `UPDATE "${def.table}" SET ${cols.map((c) => `${c} = ?`).join(', ')}, ${DELETED_COLUMN} = ? WHERE "${def.pkColumn}" = ?`,
        ),
      };
      this.rowStmts.set(def.name, st);
    }
    return st;
  }

  private valueAt(def: EntityDef, id: string, field: string, stamp: string): unknown {
    const r = this.q.valueAt!.get(stamp, def.name, id, field) as { value: string } | undefined;
    return r ? (JSON.parse(r.value) as unknown) : undefined;
  }

  private createdValue(def: EntityDef, id: string, stamp: string): Row | null {
    const v = this.valueAt(def, id, CREATED, stamp);
    return typeof v === 'object' && v !== null ? (v as Row) : null;
  }
}

/**
 * A merged row can still break a UNIQUE index that spans rows (two sites creating users
 * with the same username). LWW cannot decide that; refuse the batch with an error naming
 * the field so an operator can rename one of them.
 */
function uniqueGuard(def: EntityDef, id: string, fn: () => unknown): void {
  guardUnique(def, id, fn, 'giá trị đã được dùng ở trạm khác / value already used by another row');
}

/** JSON (string) of field f inside a change's value (`_created` holds the whole row). */
function fieldValue(json: string, changeField: string, f: string): string | undefined {
  if (changeField !== CREATED) return json;
  const v = JSON.parse(json) as unknown;
  if (typeof v !== 'object' || v === null) return undefined;
  if (f === DELETED) return 'false';
  return f in (v as Row) ? JSON.stringify((v as Row)[f]) : undefined;
}
