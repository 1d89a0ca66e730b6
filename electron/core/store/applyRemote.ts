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
 * looked up first (a UNIQUE index since migration 005).
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
 *
 * Cost (a sync page, a hub push and a file import all come through here, 100,000 rows in
 * a few seconds): per row, one identity probe (skipped for stamps newer than the whole
 * log) and one INSERT into the log; per touched row, its versions are loaded a few
 * hundred rows per query, kept in memory for the batch and written back once at the end;
 * materialising uses the batch's own values from memory (never reading back what it just
 * inserted) and updates only the columns that changed. The shape of each row is checked
 * by hand, with zod only for rows that fail that check (see remoteShape).
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

/** One validated incoming row. */
interface Prepared {
  def: EntityDef;
  c: RemoteChange;
  /** JSON recorded in `changes`: the validated (normalised) value. */
  json: string;
  /**
   * The same value as `JSON.parse(json)` gives it (for `_created`: the row without its key,
   * or `true` for the legacy marker). Kept so materialising the batch's own rows never
   * reads back, or re-parses, what was just inserted.
   */
  value: unknown;
}

type Row = Record<string, unknown>;

/** What one batch knows about one row it touches. */
interface RowState {
  def: EntityDef;
  id: string;
  /** Version per field: field_versions as stored before the batch, raised by the batch's changes. */
  fv: Map<string, string>;
  /**
   * Per field, the change of THIS batch holding the raised version: its value for
   * materialise (no read-back) and what field_versions gets at the end (one write per
   * field instead of one per incoming row).
   */
  won: Map<string, Prepared> | null;
  /** Needs materialising. */
  dirty: boolean;
}

const CREATED = '_created';
const DELETED = '_deleted';
/** Rows per multi-row field_versions upsert (5 parameters each; SQLite allows 32,766). */
const VERSION_CHUNK = 64;

/** Validate a whole batch; throws a ValidationError naming entity/id/field on the first bad row. */
export function validateRemote(raw: unknown): Prepared[] {
  if (!Array.isArray(raw)) throw new ValidationError('changes', null, null, 'phải là mảng / must be an array');
  const out = new Array<Prepared>(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = validateOne(raw[i], i);
  return out;
}

function validateOne(r: unknown, i: number): Prepared {
  const c = remoteShape(r) ?? zodShape(r, i);
  const def = entityDef(c.entity);
  if (!def) throw new ValidationError(c.entity, c.entityId, null, 'loại dữ liệu không tồn tại / unknown entity');
  try {
    decodeHlc(c.hlc);
  } catch {
    throw bad(def, c, 'hlc', `dấu thời gian không hợp lệ / malformed stamp ${JSON.stringify(c.hlc)}`);
  }
  if (!c.hlc.endsWith(`-${c.siteId}`)) throw bad(def, c, 'hlc', 'dấu thời gian không thuộc trạm gửi / stamp is not from siteId');
  return validValue(def, c);
}

/**
 * The `remoteChange` check written out by hand for the common case: zod costs several µs
 * per row and every row of a sync page or hub push is checked here (again: the sync
 * protocol schemas already ran `remoteChange`). It only ever ACCEPTS what `remoteChange`
 * accepts (tests/unit/store/applyRemoteShape.test.ts compares the two) and returns the
 * same object zod would (only the schema's keys, in its order); anything else — a bad
 * row, or an unusual one such as a missing value — returns null and goes through zod,
 * which then names the problem exactly as before.
 * @internal exported for that test
 */
export function remoteShape(r: unknown): RemoteChange | null {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return null;
  const { entity, entityId, field, value, hlc, siteId, userId, opId } = r as Row;
  if (
    typeof entity === 'string' && entity.length >= 1 && entity.length <= 40 &&
    typeof entityId === 'string' && entityId.length >= 1 && entityId.length <= 200 &&
    typeof field === 'string' && field.length >= 1 && field.length <= 60 &&
    value !== undefined &&
    typeof hlc === 'string' && hlc.length <= 100 &&
    typeof siteId === 'string' && SITE_ID_RE.test(siteId) &&
    (userId === null || (typeof userId === 'string' && userId.length <= 100)) &&
    typeof opId === 'string' && opId.length >= 1 && opId.length <= 100
  ) {
    return { entity, entityId, field, value, hlc, siteId, userId, opId };
  }
  return null;
}

function zodShape(r: unknown, i: number): RemoteChange {
  const shape = remoteChange.safeParse(r);
  if (shape.success) return shape.data;
  const is = shape.error.issues[0];
  const rr = (r ?? {}) as Row;
  throw new ValidationError(
    typeof rr.entity === 'string' ? rr.entity : `changes[${i}]`,
    typeof rr.entityId === 'string' ? rr.entityId : null,
    is && is.path.length > 0 ? String(is.path[0]) : null,
    is?.message ?? 'không hợp lệ',
  );
}

/** JSON has no -0: the value as JSON.parse(JSON.stringify(v)) returns it, for top-level numbers. */
const asParsed = (v: unknown): unknown => (v === 0 ? 0 : v);

/** The error for a row, naming its entity, id and the field. */
function bad(def: EntityDef, c: RemoteChange, field: string | null, msg: string): ValidationError {
  return new ValidationError(def.name, c.entityId, field, msg);
}

function validValue(def: EntityDef, c: RemoteChange): Prepared {
  if (c.field === CREATED) {
    // Legacy form: `_created: true` followed by one change per field with the same stamp.
    if (c.value === true) return { def, c, json: 'true', value: true };
    if (typeof c.value !== 'object' || c.value === null || Array.isArray(c.value)) {
      throw bad(def, c, CREATED, 'phải là đối tượng / must be an object');
    }
    const input = { ...(c.value as Row), [def.pk]: c.entityId };
    for (const k of Object.keys(input)) if (!def.byField.has(k)) throw bad(def, c, k, 'trường không tồn tại / unknown field');
    const parsed = def.schema.safeParse(input);
    if (!parsed.success) {
      const is = parsed.error.issues[0];
      throw bad(def, c, is && is.path.length > 0 ? String(is.path[0]) : null, is?.message ?? 'không hợp lệ');
    }
    const row = parsed.data as Row;
    if (def.deriveId && def.deriveId(row) !== c.entityId) {
      throw bad(def, c, def.pk, `phải là "${def.deriveId(row)}" / must be "${def.deriveId(row)}"`);
    }
    const out: Row = {};
    for (const col of def.columns) if (col.field !== def.pk) out[col.field] = asParsed(row[col.field] ?? null);
    return { def, c, json: JSON.stringify(out), value: out };
  }
  if (c.field === DELETED) {
    if (def.appendOnly) throw bad(def, c, DELETED, 'chỉ được thêm mới / append-only');
    if (typeof c.value !== 'boolean') throw bad(def, c, DELETED, 'phải là true/false / must be a boolean');
    return { def, c, json: c.value ? 'true' : 'false', value: c.value };
  }
  const col = def.byField.get(c.field);
  if (!col) throw bad(def, c, c.field, 'trường không tồn tại / unknown field');
  if (def.appendOnly) throw bad(def, c, c.field, 'chỉ được thêm mới / append-only');
  if (def.immutable.has(c.field)) throw bad(def, c, c.field, 'không được thay đổi / cannot be changed');
  const parsed = col.schema.safeParse(c.value);
  if (!parsed.success) throw bad(def, c, c.field, parsed.error.issues[0]?.message ?? 'không hợp lệ');
  const value = asParsed(parsed.data ?? null);
  // Objects (JSON columns) are kept as parsed: the store re-serialises them, to the same text.
  return { def, c, json: JSON.stringify(value), value };
}

/** Most keys per look-up query (`key IN (?, ?, …)`; SQLite allows 32,766 variables). */
const LOOKUP_CHUNK = 256;

/**
 * Keys in groups of at most LOOKUP_CHUNK, each padded (by repeating its last key) to a
 * power of two, so a look-up needs at most 9 prepared statements (sizes 1…256). Keys are
 * bound as ordinary parameters, exactly as a one-key query would bind them.
 */
function forChunks(keys: string[], fn: (size: number, chunk: string[]) => void): void {
  for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
    const chunk = keys.slice(i, i + LOOKUP_CHUNK);
    let size = 1;
    while (size < chunk.length) size *= 2;
    while (chunk.length < size) chunk.push(chunk[chunk.length - 1]!);
    fn(size, chunk);
  }
}

const inList = (n: number) => `(${Array.from({ length: n }, () => '?').join(', ')})`;

/** Per entity, derived once from its definition. */
interface Plan {
  /** Fields a `_created` change asserts: every field but the key, and "not deleted". */
  createdTargets: readonly string[];
  /** Field → position in def.columns. */
  columnIndex: ReadonlyMap<string, number>;
}
const plans = new Map<string, Plan>();
function planOf(def: EntityDef): Plan {
  let plan = plans.get(def.name);
  if (!plan) {
    plan = {
      createdTargets: [...def.columns.filter((col) => col.field !== def.pk).map((col) => col.field), DELETED],
      columnIndex: new Map(def.columns.map((col, i) => [col.field, i])),
    };
    plans.set(def.name, plan);
  }
  return plan;
}

export class RemoteApplier {
  private readonly q: {
    exists: Database.Statement;
    maxHlc: Database.Statement;
    insertChange: Database.Statement;
    valueAt: Database.Statement;
    insertConflict: Database.Statement;
    pushedSeq: Database.Statement;
    saveHlc: Database.Statement;
  };
  private readonly upsertVersions = new Map<number, Database.Statement>();
  /** Field versions of up to n rows of one entity, by n. */
  private readonly versionsOf = new Map<number, Database.Statement>();
  private readonly rowStmts = new Map<
    string,
    { selects: Map<number, Database.Statement>; insert: Database.Statement; updates: Map<string, Database.Statement> }
  >();

  constructor(
    private readonly db: Database.Database,
    private readonly hlc: Hlc,
    private readonly clock: () => number,
  ) {
    this.q = {
      // Identity = (hlc, entity, entity_id, field), a UNIQUE index since migration 005,
      // so the probe reads that index only. It also sees rows inserted earlier in the same
      // batch (same transaction). Measured faster than one `INSERT … SELECT … WHERE NOT
      // EXISTS` statement; `INSERT … ON CONFLICT DO NOTHING` would use up an AUTOINCREMENT
      // seq per duplicate (gaps in the log).
      exists: db.prepare('SELECT 1 FROM changes WHERE hlc = ? AND entity = ? AND entity_id = ? AND field = ?').pluck(),
      maxHlc: db.prepare('SELECT max(hlc) FROM changes').pluck(),
      insertChange: db.prepare(
        'INSERT INTO changes (entity, entity_id, field, value, hlc, site_id, user_id, op_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      valueAt: db.prepare(
        'SELECT value, site_id, user_id, seq FROM changes WHERE hlc = ? AND entity = ? AND entity_id = ? AND field = ?',
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
    const pushedRow = this.q.pushedSeq.get(`local:${SYNC_PUSHED_SEQ_KEY}`) as { value: string } | undefined;
    const pushedSeq = pushedRow ? Number(JSON.parse(pushedRow.value)) : 0;
    const mySite = this.hlc.siteId;
    const myStampEnd = `-${mySite}`;
    const touched = this.loadVersions(batch);
    // Materialised in the order rows first needed it (a unique-value clash between two
    // rows is reported on the same row whatever the implementation).
    const dirty: RowState[] = [];
    let maxStamp = '';
    const now = new Date(this.clock()).toISOString();

    // The newest stamp in the log (this batch's rows included). A change stamped above it
    // cannot be in the log yet — its identity starts with the stamp — so the probe is only
    // needed for the others: new changes mostly arrive in stamp order.
    let logMax = (this.q.maxHlc.get() as string | null) ?? '';
    for (const p of batch) {
      const { def, c } = p;
      if (c.hlc <= logMax && this.q.exists.get(c.hlc, def.name, c.entityId, c.field) !== undefined) {
        result.duplicates++;
        continue;
      }
      const info = this.q.insertChange.run(def.name, c.entityId, c.field, p.json, c.hlc, c.siteId, c.userId, c.opId);
      if (c.hlc > logMax) logMax = c.hlc;
      const seq = Number(info.lastInsertRowid);
      result.firstSeq ??= seq;
      result.lastSeq = seq;
      result.recorded++;
      if (c.hlc > maxStamp) maxStamp = c.hlc;

      const st = touched.get(def)!.get(c.entityId)!;
      const fv = st.fv;
      const created = fv.get(CREATED);
      // Conflicts are only possible against a current version that is an unpushed LOCAL
      // change. A stamp ends with the site that made it (and every change row's site_id is
      // that site: the write path stamps with its own site, validateRemote checks it), so
      // a version not ending with our site id, or an incoming change of our own site,
      // needs no look-up in the log.
      const mayConflict = c.siteId !== mySite;
      // Fields this change asserts, each compared with its current version.
      const targets =
        c.field === CREATED
          ? c.value === true
            ? [] // legacy marker: its fields come as their own rows
            : planOf(def).createdTargets
          : [c.field];
      let wins = c.field === CREATED && (created === undefined || c.hlc > created);
      for (const f of targets) {
        const own = fv.get(f);
        const cur = own !== undefined && (created === undefined || own > created) ? own : created;
        const winsField = cur === undefined || c.hlc > cur;
        if (winsField) wins = true;
        if (cur !== undefined && mayConflict && cur.endsWith(myStampEnd)) {
          result.conflicts += this.conflict(p, f, cur, own === cur ? f : CREATED, winsField, pushedSeq, now);
        }
      }
      // Field versions take the max; the materialised row follows them.
      const curOwn = fv.get(c.field);
      if (curOwn === undefined || c.hlc > curOwn) {
        fv.set(c.field, c.hlc);
        (st.won ??= new Map()).set(c.field, p);
      }
      // A field row with the stamp of the row's `_created` is part of a legacy create (see
      // validValue): it never "wins" against its own marker, but the row may have been
      // waiting for it (marker and fields split over two batches).
      if ((wins || c.field === CREATED || c.hlc === created) && !st.dirty) {
        st.dirty = true;
        dirty.push(st);
      }
    }

    this.saveVersions(touched);
    const existing = this.loadRows(dirty);
    for (const st of dirty) {
      const ref = this.materialise(st, existing.get(st.def)?.get(st.id));
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
      this.q.saveHlc.run(JSON.stringify(this.hlcString()));
    }
  }

  /**
   * Every row the batch touches, with its field versions as stored. Loaded up front, a few
   * hundred rows per query, instead of one query per row: the versions are only written
   * back at the end of the batch (saveVersions), so nothing changes them meanwhile.
   */
  private loadVersions(batch: Prepared[]): Map<EntityDef, Map<string, RowState>> {
    const touched = new Map<EntityDef, Map<string, RowState>>();
    for (const { def, c } of batch) {
      let byId = touched.get(def);
      if (!byId) touched.set(def, (byId = new Map()));
      if (!byId.has(c.entityId)) byId.set(c.entityId, { def, id: c.entityId, fv: new Map(), won: null, dirty: false });
    }
    for (const [def, byId] of touched) {
      forChunks([...byId.keys()], (size, ids) => {
        let st = this.versionsOf.get(size);
        if (!st) {
          st = this.db.prepare(`SELECT entity_id, field, hlc FROM field_versions WHERE entity = ? AND entity_id IN ${inList(size)}`).raw();
          this.versionsOf.set(size, st);
        }
        for (const [id, field, hlc] of st.all(def.name, ...ids) as Array<[string, string, string]>) byId.get(id)!.fv.set(field, hlc);
      });
    }
    return touched;
  }

  /** The stored rows (tombstones included) of the rows to materialise, a few hundred per query. */
  private loadRows(rows: RowState[]): Map<EntityDef, Map<string, Row>> {
    const ids = new Map<EntityDef, string[]>();
    for (const st of rows) {
      const list = ids.get(st.def);
      if (list) list.push(st.id);
      else ids.set(st.def, [st.id]);
    }
    const found = new Map<EntityDef, Map<string, Row>>();
    for (const [def, list] of ids) {
      const byId = new Map<string, Row>();
      found.set(def, byId);
      forChunks(list, (size, chunk) => {
        for (const row of this.selectRows(def, size).all(chunk) as Row[]) byId.set(row[def.pk] as string, row);
      });
    }
    return found;
  }

  /** The raised field versions of the batch, a multi-row upsert at a time. */
  private saveVersions(touched: Map<EntityDef, Map<string, RowState>>): void {
    const params: unknown[] = [];
    const flush = () => {
      const n = params.length / 5;
      if (n > 0) this.upsertVersionsStatement(n).run(params);
      params.length = 0;
    };
    for (const byId of touched.values()) {
      // In key order: consecutive upserts land on the same B-tree pages (measured ~30%
      // faster than first-touch order, which is random for most batches).
      const rows = [...byId.values()].filter((st) => st.won !== null).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      for (const st of rows) {
        for (const [field, p] of st.won!) {
          params.push(st.def.name, st.id, field, p.c.hlc, p.c.siteId);
          if (params.length >= VERSION_CHUNK * 5) flush();
        }
      }
    }
    flush();
  }

  private upsertVersionsStatement(n: number): Database.Statement {
    let st = this.upsertVersions.get(n);
    if (!st) {
      // The WHERE is belt and braces: `won` holds only stamps above the stored version.
      st = this.db.prepare(
        'INSERT INTO field_versions (entity, entity_id, field, hlc, site_id) VALUES ' +
          Array.from({ length: n }, () => '(?, ?, ?, ?, ?)').join(', ') +
          ` ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc, site_id = excluded.site_id
            WHERE excluded.hlc > field_versions.hlc`,
      );
      this.upsertVersions.set(n, st);
    }
    return st;
  }

  private hlcString(): string {
    return encodeHlc({ ...this.hlc.peek(), siteId: this.hlc.siteId });
  }

  /**
   * Record a conflict between incoming change `p` on field f and the current version
   * `cur` (held by change field `curField`: f itself or `_created`) when the current one
   * is a local change not pushed yet. Returns 1 if a row was recorded.
   */
  private conflict(
    p: Prepared,
    f: string,
    cur: string,
    curField: string,
    incomingWins: boolean,
    pushedSeq: number,
    now: string,
  ): number {
    const { def, c, json } = p;
    const local = this.q.valueAt.get(cur, def.name, c.entityId, curField) as
      | { value: string; site_id: string; user_id: string | null; seq: number }
      | undefined;
    if (!local || local.site_id !== this.hlc.siteId || local.seq <= pushedSeq || local.site_id === c.siteId) return 0;
    const localValue = fieldValue(local.value, curField, f);
    const remoteValue = fieldValue(json, c.field, f);
    if (localValue === undefined || remoteValue === undefined || localValue === remoteValue) return 0;
    const [lv, lh, ls, lu, wh, ws, wu] = incomingWins
      ? [localValue, cur, local.site_id, local.user_id, c.hlc, c.siteId, c.userId]
      : [remoteValue, c.hlc, c.siteId, c.userId, cur, local.site_id, local.user_id];
    const info = this.q.insertConflict.run(def.name, c.entityId, f, lv, lh, ls, lu, wh, ws, wu, now);
    return info.changes;
  }

  /**
   * Recompute one row from its field versions and the log; insert, update or leave it.
   *
   * An existing row whose `_created` version this batch did not raise only changes in the
   * fields this batch raised: every other field's version is what it was when the row was
   * last written, and the stored value is the value at that version (the write path and
   * this function keep the row and field_versions in step, in one transaction). So those
   * values are taken from the row instead of being looked up in the log field by field.
   */
  private materialise(st: RowState, existing: Row | undefined): ChangedRef | null {
    const { def, id, fv, won } = st;
    const stmts = this.rowStatements(def);
    const created = fv.get(CREATED);
    if (!created && !existing) return null; // not created here yet: its changes wait in the log
    const cols = def.columns;
    const values = new Array<unknown>(cols.length + 1);
    let deleted: number;
    if (existing && !won?.has(CREATED)) {
      for (let i = 0; i < cols.length; i++) values[i] = existing[cols[i]!.field] ?? null;
      deleted = existing[DELETED_COLUMN] as number;
      const { columnIndex } = planOf(def);
      for (const [field, p] of won ?? []) {
        // Same rules as below: a field's own version counts from the create's stamp on,
        // `_deleted` only above it.
        if (field === DELETED) {
          if (created === undefined || p.c.hlc > created) deleted = p.value === true ? 1 : 0;
        } else if (created === undefined || p.c.hlc >= created) {
          const i = columnIndex.get(field)!;
          values[i] = encodeValue(cols[i]!, p.value);
        }
      }
    } else {
      const createdRow = created ? this.createdValue(st, created) : null;
      for (let i = 0; i < cols.length; i++) {
        const col = cols[i]!;
        if (col.field === def.pk) {
          values[i] = id;
          continue;
        }
        const own = fv.get(col.field);
        if (own !== undefined && (created === undefined || own >= created)) {
          const v = this.valueAt(st, col.field, own);
          if (v !== undefined) {
            values[i] = encodeValue(col, v);
            continue;
          }
        }
        if (createdRow && col.field in createdRow) values[i] = encodeValue(col, createdRow[col.field]);
        else if (existing) values[i] = existing[col.field] ?? null;
        else return null; // legacy create whose field rows have not arrived yet
      }
      const del = fv.get(DELETED);
      deleted = existing ? (existing[DELETED_COLUMN] as number) : 0;
      if (created !== undefined) deleted = 0;
      if (del !== undefined && (created === undefined || del > created)) {
        deleted = this.valueAt(st, DELETED, del) === true ? 1 : 0;
      }
    }
    values[cols.length] = deleted;
    if (!existing) {
      uniqueGuard(def, id, () => stmts.insert.run(values));
      return { entity: def.name, id, op: deleted ? 'delete' : 'create' };
    }
    // Only the columns that differ: SQLite rewrites every index over a column named in SET,
    // changed or not (a case report's two unique indexes, a task's five), and each is one
    // more dirty page per row at commit.
    let changed = '';
    const params: unknown[] = [];
    for (let i = 0; i < cols.length; i++) {
      if (values[i] === (existing[cols[i]!.field] ?? null)) continue;
      changed += `${i},`;
      params.push(values[i]);
    }
    if (deleted !== existing[DELETED_COLUMN]) {
      changed += 'd';
      params.push(deleted);
    }
    if (changed === '') return null;
    params.push(id);
    uniqueGuard(def, id, () => this.updateStatement(def, changed).run(params));
    const op = deleted && !existing[DELETED_COLUMN] ? 'delete' : !deleted && existing[DELETED_COLUMN] ? 'create' : 'update';
    return { entity: def.name, id, op };
  }

  private rowStatements(def: EntityDef) {
    let st = this.rowStmts.get(def.name);
    if (!st) {
      const cols = def.columns.map((col) => `"${col.column}"`);
      st = {
        selects: new Map(),
        insert: this.db.prepare(
          `INSERT INTO "${def.table}" (${cols.join(', ')}, ${DELETED_COLUMN}) VALUES (${cols.map(() => '?').join(', ')}, ?)`,
        ),
        updates: new Map(),
      };
      this.rowStmts.set(def.name, st);
    }
    return st;
  }

  /** The stored rows (tombstones included) of up to `size` keys. */
  private selectRows(def: EntityDef, size: number): Database.Statement {
    const { selects } = this.rowStatements(def);
    let st = selects.get(size);
    if (!st) {
      st = this.db.prepare(
        `SELECT ${selectList(def)}, ${DELETED_COLUMN} AS "${DELETED_COLUMN}" FROM "${def.table}" WHERE "${def.pkColumn}" IN ${inList(size)}`,
      );
      selects.set(size, st);
    }
    return st;
  }

  /** UPDATE of some columns, by key `changed`: column positions ("0,3,") and "d" for `_deleted`. */
  private updateStatement(def: EntityDef, changed: string): Database.Statement {
    const { updates } = this.rowStatements(def);
    let st = updates.get(changed);
    if (!st) {
      const sets = changed
        .split(',')
        .filter((k) => k !== '')
        .map((k) => (k === 'd' ? DELETED_COLUMN : `"${def.columns[Number(k)]!.column}"`));
      st = this.db.prepare(`UPDATE "${def.table}" SET ${sets.map((c) => `${c} = ?`).join(', ')} WHERE "${def.pkColumn}" = ?`);
      updates.set(changed, st);
    }
    return st;
  }

  /**
   * Value of change (stamp, row, field): from the batch when this batch recorded it (the
   * common case), else read from the log (a version older than the batch).
   */
  private valueAt(st: RowState, field: string, stamp: string): unknown {
    const p = st.won?.get(field);
    if (p !== undefined && p.c.hlc === stamp) return p.value;
    const r = this.q.valueAt.get(stamp, st.def.name, st.id, field) as { value: string } | undefined;
    return r ? (JSON.parse(r.value) as unknown) : undefined;
  }

  private createdValue(st: RowState, stamp: string): Row | null {
    const v = this.valueAt(st, CREATED, stamp);
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
