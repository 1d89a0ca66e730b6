import type Database from 'better-sqlite3';
import {
  DELETED_COLUMN,
  ENTITIES,
  decodeValue,
  encodeValue,
  entityDef,
  selectList,
  type ColumnDef,
  type EntityDef,
  type EntityName,
} from './entities';
import { ValidationError, WriteError } from './errors';
import { decodeHlc, type Hlc } from './hlc';
import { newId } from './ids';

/**
 * THE write path. Every create/update/delete of a domain entity goes through
 * Writer.write() (or writeAll(), the same for a streamed op list): one transaction that
 * validates, applies the row change, appends change rows (audit trail + sync outbox) and
 * records the winning stamp per field in field_versions. Nothing else in the app writes
 * domain tables (enforced by tests/unit/store/sql-scan.test.ts, and store.db is a
 * read-only connection).
 *
 * Change rows (table `changes`); values are JSON of DOMAIN values (booleans as true/false,
 * geometry as an object, null as null):
 * - create, and an upsert that creates or revives a tombstone: ONE row, field `_created`,
 *   value = the whole row as an object of every field EXCEPT the key (the key is the row's
 *   entity_id; natural-key parts such as unitCode/date are ordinary fields and included),
 *   so {[pk]: entity_id, ...value} is the row exactly as created. One row instead of one
 *   per field: ~12× fewer change rows for bulk imports and demo seeding.
 *   Older files also hold the previous form — `_created` with value `true` followed by one
 *   row per field (and `_deleted: false` on a revive), all with the same stamp; readers
 *   must accept both (a boolean value means "fields follow");
 * - update, and an upsert that changes an existing row: one row per changed field, value =
 *   the new value; unchanged values are not recorded;
 * - `_deleted` (value true) on delete;
 * - all rows of one WriteOp share one HLC stamp (they happened together); successive ops,
 *   even in one call, get increasing stamps, so "last op wins" holds within a call too;
 * - op_id: one per write call (UUIDv7 unless the caller passes one). It is the
 *   idempotency key: a call whose op id is already in `ops` is not applied again.
 *
 * Field versions (table `field_versions`, what per-field last-writer-wins compares against):
 * a create/revive writes only `_created`; an update writes each changed field; a delete
 * writes `_deleted`. The version of any field f (including `_deleted`) is
 * max(fv[f], fv['_created']).
 *
 * Deletes are tombstones: the row stays with `_deleted = 1` (reads filter it), plus a
 * `_deleted` change row and field version. Why keep the row: foreign keys never dangle
 * (statuses of a deleted facility, updates of a deleted task stay valid), a natural-key
 * report can be re-entered (create revives it), and sync can order a delete against a
 * concurrent update with plain per-field LWW on the `_deleted` field.
 */

export type WriteOpKind = 'create' | 'update' | 'upsert' | 'delete';

export interface WriteOp {
  /**
   * create: full validation; fails if the row exists (a tombstone is revived).
   * update: only the given fields, each validated; fails if missing or deleted.
   * upsert: full validation; creates, revives, or updates only the fields that differ
   *         (imports: re-importing the same file records nothing).
   * delete: tombstone; deleting an already deleted row is a no-op.
   */
  op: WriteOpKind;
  entity: EntityName;
  /** Row key. Optional for create/upsert: generated (UUIDv7) or derived (natural keys). */
  id?: string;
  fields?: Record<string, unknown>;
}

export interface WriteContext {
  /** Acting user; null for the system (seeder, migrations of data, imports by CLI). */
  userId: string | null;
  /** Idempotency key (e.g. from a client retrying a request); a UUIDv7 is generated if absent. */
  opId?: string;
}

export interface ChangedRef {
  entity: EntityName;
  id: string;
  op: 'create' | 'update' | 'delete';
}

export interface WriteResult {
  opId: string;
  /** True when this op id had already been applied: nothing was written this time. */
  duplicate: boolean;
  /** Number of change rows committed. */
  changeCount: number;
  /** The committed change rows are exactly seq firstSeq..lastSeq (contiguous), null if none. */
  firstSeq: number | null;
  lastSeq: number | null;
  /** Id of each op, in order (generated/derived ids included; '' if unknown for a duplicate). */
  ids: string[];
  /** Rows that actually changed (ops that changed nothing are left out). */
  changed: ChangedRef[];
}

/**
 * Result of a streamed bulk write (writeAll): the same single transaction and op id as
 * write(), but no per-row lists, so millions of ops need no memory per op.
 */
export interface BulkWriteResult {
  opId: string;
  duplicate: boolean;
  changeCount: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** Ops consumed from the iterable. */
  opCount: number;
  /** Rows created (or revived), updated, deleted — ops that changed nothing are not counted. */
  created: number;
  updated: number;
  deleted: number;
  /** Entities with at least one changed row. */
  entities: EntityName[];
}

interface Statements {
  select: Database.Statement;
  insert: Database.Statement;
  revive: Database.Statement;
  markDeleted: Database.Statement;
  updates: Map<string, Database.Statement>;
}

type Row = Record<string, unknown>;
type PriorOp = { change_count: number; first_seq: number | null; last_seq: number | null };

/** Entities some other entity refers to (their rows written in a call satisfy its references). */
const PARENT_ENTITIES: ReadonlySet<EntityName> = new Set(Object.values(ENTITIES).flatMap((d) => Object.values(d.refs)));

/** Change rows per multi-row INSERT (8 parameters each; SQLite allows 32,766), buffered across ops. */
const MAX_BATCH = 64;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export class Writer {
  private readonly stmts = new Map<EntityName, Statements>();
  private readonly insertChanges = new Map<number, Database.Statement>();
  private readonly upsertVersions = new Map<number, Database.Statement>();
  private readonly selectOp: Database.Statement;
  private readonly insertOp: Database.Statement;
  private readonly saveHlc: Database.Statement;
  private readonly loadHlc: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly hlc: Hlc,
    private readonly clock: () => number,
  ) {
    this.selectOp = db.prepare('SELECT change_count, first_seq, last_seq FROM ops WHERE op_id = ?');
    this.insertOp = db.prepare(
      'INSERT INTO ops (op_id, site_id, user_id, hlc, change_count, first_seq, last_seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.saveHlc = db.prepare(
      `INSERT INTO meta (key, value) VALUES ('hlc', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
    this.loadHlc = db.prepare(`SELECT value FROM meta WHERE key = 'hlc'`);
  }

  /**
   * Multi-row INSERT for the n change rows of one op: one statement execution instead of
   * n is most of the bulk speed (the JS→SQLite crossing dominates small inserts).
   */
  /** @internal */ insertChangesStatement(n: number): Database.Statement {
    let st = this.insertChanges.get(n);
    if (!st) {
      st = this.db.prepare(
        'INSERT INTO changes (entity, entity_id, field, value, hlc, site_id, user_id, op_id) VALUES ' +
          Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', '),
      );
      this.insertChanges.set(n, st);
    }
    return st;
  }

  /**
   * Local stamps are always newer than anything stored (receive() advances the clock past
   * every remote stamp), so a local write simply overwrites the version.
   */
  /** @internal */ upsertVersionsStatement(n: number): Database.Statement {
    let st = this.upsertVersions.get(n);
    if (!st) {
      st = this.db.prepare(
        'INSERT INTO field_versions (entity, entity_id, field, hlc, site_id) VALUES ' +
          Array.from({ length: n }, () => '(?, ?, ?, ?, ?)').join(', ') +
          ' ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc, site_id = excluded.site_id',
      );
      this.upsertVersions.set(n, st);
    }
    return st;
  }

  write(ctx: WriteContext, ops: readonly WriteOp[]): WriteResult {
    this.checkContext(ctx);
    if (!Array.isArray(ops)) throw new TypeError('ops must be an array');
    const opId = ctx.opId ?? newId(this.clock());
    const run = new Run(this, ctx.userId, opId, true);
    if (ops.length === 0) return run.result(false);
    return this.transact(run, () => run.apply(ops, (prior) => run.duplicate(prior, ops)));
  }

  /**
   * write() for an op STREAM (any iterable, e.g. a generator): one transaction, one op id,
   * all or nothing, the same validation and change rows — but ops are consumed one at a
   * time and only counts are kept, so a bulk load (demo seeding, big imports) needs no
   * memory per row. The iterable is consumed inside the transaction.
   */
  writeAll(ctx: WriteContext, ops: Iterable<WriteOp>): BulkWriteResult {
    this.checkContext(ctx);
    if (ops === null || typeof (ops as Iterable<WriteOp>)[Symbol.iterator] !== 'function') throw new TypeError('ops must be iterable');
    const run = new Run(this, ctx.userId, ctx.opId ?? newId(this.clock()), false);
    return this.transact(run, () => {
      run.apply(ops, (prior) => run.duplicate(prior, []));
      return run.summary();
    });
  }

  private checkContext(ctx: WriteContext): void {
    if (ctx.userId !== null && typeof ctx.userId !== 'string') throw new TypeError('ctx.userId must be a string or null');
    if (ctx.opId !== undefined && (typeof ctx.opId !== 'string' || ctx.opId.length === 0 || ctx.opId.length > 100)) {
      throw new TypeError('ctx.opId must be a non-empty string of at most 100 characters');
    }
  }

  private transact<T>(run: Run, fn: () => T): T {
    try {
      // IMMEDIATE: take the write lock up front so busy_timeout applies, instead of
      // failing with SQLITE_BUSY when a read transaction tries to upgrade.
      return this.db.transaction(fn).immediate();
    } catch (e) {
      throw run.explain(e);
    }
  }

  /** @internal */ statementsFor(def: EntityDef): Statements {
    let s = this.stmts.get(def.name);
    if (!s) {
      const t = `"${def.table}"`;
      const cols = def.columns.map((c) => `"${c.column}"`);
      s = {
        select: this.db.prepare(
          `SELECT ${selectList(def)}, ${DELETED_COLUMN} AS "${DELETED_COLUMN}" FROM ${t} WHERE "${def.pkColumn}" = ?`,
        ),
        insert: this.db.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`),
        revive: this.db.prepare(
          `UPDATE ${t} SET ${cols.map((c) => `${c} = ?`).join(', ')}, ${DELETED_COLUMN} = 0 WHERE "${def.pkColumn}" = ?`,
        ),
        markDeleted: this.db.prepare(`UPDATE ${t} SET ${DELETED_COLUMN} = 1 WHERE "${def.pkColumn}" = ?`),
        updates: new Map(),
      };
      this.stmts.set(def.name, s);
    }
    return s;
  }

  /** @internal */ updateStatement(def: EntityDef, cols: readonly ColumnDef[]): Database.Statement {
    const s = this.statementsFor(def);
    const key = cols.map((c) => c.column).join(',');
    let st = s.updates.get(key);
    if (!st) {
      st = this.db.prepare(
        `UPDATE "${def.table}" SET ${cols.map((c) => `"${c.column}" = ?`).join(', ')} WHERE "${def.pkColumn}" = ?`,
      );
      s.updates.set(key, st);
    }
    return st;
  }

  /** @internal */ get internals() {
    return {
      db: this.db,
      hlc: this.hlc,
      clock: this.clock,
      selectOp: this.selectOp,
      insertOp: this.insertOp,
      saveHlc: this.saveHlc,
      loadHlc: this.loadHlc,
    };
  }
}

/** State of one write call (so a failed call can be explained after rollback). */
class Run {
  private changeCount = 0;
  private firstSeq: number | null = null;
  private lastSeq: number | null = null;
  private firstStamp: string | null = null;
  private lastStamp: string | null = null;
  /** Per-op lists (write()); a streamed writeAll() keeps only the counts. */
  private readonly ids: string[] = [];
  private readonly changed: ChangedRef[] = [];
  private readonly counts = { ops: 0, create: 0, update: 0, delete: 0 };
  private readonly entities = new Set<EntityName>();
  /**
   * For explaining a foreign key failure at COMMIT, kept per DISTINCT value so a bulk write
   * stays small: the first row (in op order) that referred to each parent key, and the
   * parent-type rows this call wrote (they satisfy references made in the same call).
   */
  private readonly refUses = new Map<string, { entity: EntityName; id: string; field: string; parent: EntityName; value: unknown }>();
  private readonly writtenParents = new Set<string>();
  private readonly siteId: string;
  private readonly x: Writer['internals'];
  private readonly pendingChanges: unknown[] = [];
  private readonly pendingVersions: unknown[] = [];
  private duplicateResult: WriteResult | null = null;

  constructor(
    private readonly writer: Writer,
    private readonly userId: string | null,
    private readonly opId: string,
    private readonly collect: boolean,
  ) {
    this.x = writer.internals;
    this.siteId = this.x.hlc.siteId;
  }

  apply(ops: Iterable<WriteOp>, onDuplicate: (prior: PriorOp) => WriteResult): WriteResult {
    const prior = this.x.selectOp.get(this.opId) as PriorOp | undefined;
    if (prior) return (this.duplicateResult = onDuplicate(prior));
    // Another connection (e.g. the CLI seeder while the app runs) may have written since
    // our last write: never stamp below what is on disk. We hold the write lock, so the
    // value cannot move under us. One indexed read per call.
    const onDisk = this.x.loadHlc.get() as { value: string } | undefined;
    const stamp = onDisk ? (JSON.parse(onDisk.value) as string | null) : null;
    if (stamp) this.x.hlc.advanceTo(decodeHlc(stamp));
    // Change rows and field versions are buffered across ops and written MAX_BATCH at a
    // time (multi-row INSERTs keep their order, so seq and "later stamp wins" hold).
    for (const op of ops) {
      this.counts.ops++;
      this.applyOne(op);
    }
    this.flush();
    if (this.counts.ops === 0) return this.result(false); // an empty stream writes nothing
    this.x.insertOp.run(
      this.opId,
      this.siteId,
      this.userId,
      this.firstStamp,
      this.changeCount,
      this.firstSeq,
      this.lastSeq,
    );
    this.x.saveHlc.run(JSON.stringify(this.lastStamp));
    return this.result(false);
  }

  summary(): BulkWriteResult {
    const d = this.duplicateResult;
    if (d) {
      const by = (op: ChangedRef['op']) => d.changed.filter((c) => c.op === op).length;
      return {
        opId: this.opId,
        duplicate: true,
        changeCount: d.changeCount,
        firstSeq: d.firstSeq,
        lastSeq: d.lastSeq,
        opCount: 0,
        created: by('create'),
        updated: by('update'),
        deleted: by('delete'),
        entities: [...new Set(d.changed.map((c) => c.entity))],
      };
    }
    return {
      opId: this.opId,
      duplicate: false,
      changeCount: this.changeCount,
      firstSeq: this.firstSeq,
      lastSeq: this.lastSeq,
      opCount: this.counts.ops,
      created: this.counts.create,
      updated: this.counts.update,
      deleted: this.counts.delete,
      entities: [...this.entities],
    };
  }

  result(duplicate: boolean): WriteResult {
    return {
      opId: this.opId,
      duplicate,
      changeCount: this.changeCount,
      firstSeq: this.firstSeq,
      lastSeq: this.lastSeq,
      ids: this.ids,
      changed: this.changed,
    };
  }

  duplicate(prior: PriorOp, ops: readonly WriteOp[]): WriteResult {
    const changed: ChangedRef[] = [];
    if (prior.first_seq !== null) {
      const rows = this.x.db
        .prepare('SELECT entity, entity_id, field, value FROM changes WHERE seq BETWEEN ? AND ? ORDER BY seq')
        .all(prior.first_seq, prior.last_seq) as Array<{ entity: EntityName; entity_id: string; field: string; value: string }>;
      const seen = new Map<string, ChangedRef>();
      for (const r of rows) {
        const k = `${r.entity}\u0000${r.entity_id}`;
        // `_deleted: false` is part of a revive (after `_created`), not a delete.
        const op =
          r.field === '_created' ? 'create' : r.field === '_deleted' && r.value === 'true' ? 'delete' : 'update';
        const ref = seen.get(k);
        if (!ref) seen.set(k, { entity: r.entity, id: r.entity_id, op });
        else if (op !== 'update') ref.op = op;
      }
      changed.push(...seen.values());
    }
    return {
      opId: this.opId,
      duplicate: true,
      changeCount: prior.change_count,
      firstSeq: prior.first_seq,
      lastSeq: prior.last_seq,
      ids: ops.map((o) => o.id ?? ''),
      changed,
    };
  }

  private applyOne(op: WriteOp): void {
    if (!isPlainObject(op)) throw new TypeError('each write op must be an object');
    const def = entityDef(op.entity);
    if (!def) throw new ValidationError(String(op.entity), op.id ?? null, null, 'loại dữ liệu không tồn tại / unknown entity');
    if (op.id !== undefined && (typeof op.id !== 'string' || op.id.length === 0)) {
      throw new ValidationError(def.name, null, def.pk, 'khóa phải là chuỗi khác rỗng / id must be a non-empty string');
    }
    const stamp = this.x.hlc.now();
    this.firstStamp ??= stamp;
    this.lastStamp = stamp;
    switch (op.op) {
      case 'create':
        return this.create(def, op, stamp, false);
      case 'upsert':
        return this.create(def, op, stamp, true);
      case 'update':
        return this.update(def, op, stamp);
      case 'delete':
        return this.remove(def, op, stamp);
      default:
        throw new ValidationError(def.name, op.id ?? null, null, `thao tác không hợp lệ / unknown op "${String(op.op)}"`);
    }
  }

  private create(def: EntityDef, op: WriteOp, stamp: string, upsert: boolean): void {
    const { id, row } = this.validateFull(def, op);
    if (this.collect) this.ids.push(id);
    const st = this.writer.statementsFor(def);
    const existing = st.select.get(id) as Row | undefined;

    if (existing && existing[DELETED_COLUMN] === 0) {
      if (!upsert) throw new WriteError('exists', def.name, id);
      const cols: ColumnDef[] = [];
      const values: unknown[] = [];
      for (const c of def.columns) {
        const enc = encodeValue(c, row[c.field]);
        if (enc !== existing[c.field]) {
          if (def.immutable.has(c.field)) {
            throw new ValidationError(def.name, id, c.field, 'không được thay đổi / cannot be changed');
          }
          cols.push(c);
          values.push(enc);
        }
      }
      if (cols.length === 0) return;
      if (def.appendOnly) throw new WriteError('not_allowed', def.name, id, 'chỉ được thêm mới / append-only');
      this.guard(def, id, () => this.writer.updateStatement(def, cols).run(...values, id));
      for (let i = 0; i < cols.length; i++) this.record(def, id, cols[i]!, values[i], stamp);
      this.touch(def, id, row, 'update');
      return;
    }

    const values = def.columns.map((c) => encodeValue(c, row[c.field]));
    if (existing) this.guard(def, id, () => st.revive.run(...values, id));
    else this.guard(def, id, () => st.insert.run(...values));
    // A create (or revive) is ONE change row and ONE field version, both `_created`: the
    // row asserts every field at this stamp (version(f) = max(fv[f], fv[_created]), for
    // `_deleted` too, so a revive needs no `_deleted: false` row of its own).
    this.recordMarker(def, id, '_created', createdValue(def, row), stamp);
    this.touch(def, id, row, 'create');
  }

  private update(def: EntityDef, op: WriteOp, stamp: string): void {
    if (def.appendOnly) throw new WriteError('not_allowed', def.name, op.id ?? null, 'chỉ được thêm mới / append-only');
    if (op.id === undefined) throw new ValidationError(def.name, null, def.pk, 'thiếu khóa / id is required');
    const id = op.id;
    if (this.collect) this.ids.push(id);
    const fields = op.fields ?? {};
    if (!isPlainObject(fields)) throw new ValidationError(def.name, id, null, 'fields phải là đối tượng / fields must be an object');
    this.rejectUnknown(def, id, fields);
    const existing = this.writer.statementsFor(def).select.get(id) as Row | undefined;
    if (!existing || existing[DELETED_COLUMN] !== 0) throw new WriteError('not_found', def.name, id);

    const cols: ColumnDef[] = [];
    const values: unknown[] = [];
    const parsedRow: Row = {};
    for (const [field, raw] of Object.entries(fields)) {
      const c = def.byField.get(field)!;
      // Partial validation: each given field against its own schema.
      const parsed = c.schema.safeParse(raw);
      if (!parsed.success) throw new ValidationError(def.name, id, field, parsed.error.issues[0]?.message ?? 'không hợp lệ');
      const enc = encodeValue(c, parsed.data);
      parsedRow[field] = parsed.data;
      if (enc === existing[field]) continue;
      if (def.immutable.has(field)) throw new ValidationError(def.name, id, field, 'không được thay đổi / cannot be changed');
      cols.push(c);
      values.push(enc);
    }
    if (hasObjectChecks(def)) this.checkWhole(def, id, existing, parsedRow);
    if (cols.length === 0) return;
    this.guard(def, id, () => this.writer.updateStatement(def, cols).run(...values, id));
    for (let i = 0; i < cols.length; i++) this.record(def, id, cols[i]!, values[i], stamp);
    this.touch(def, id, parsedRow, 'update');
  }

  private remove(def: EntityDef, op: WriteOp, stamp: string): void {
    if (def.appendOnly) throw new WriteError('not_allowed', def.name, op.id ?? null, 'chỉ được thêm mới / append-only');
    if (op.id === undefined) throw new ValidationError(def.name, null, def.pk, 'thiếu khóa / id is required');
    const id = op.id;
    if (this.collect) this.ids.push(id);
    const st = this.writer.statementsFor(def);
    const existing = st.select.get(id) as Row | undefined;
    if (!existing) throw new WriteError('not_found', def.name, id);
    if (existing[DELETED_COLUMN] !== 0) return; // already a tombstone: idempotent
    st.markDeleted.run(id);
    this.recordMarker(def, id, '_deleted', 'true', stamp);
    this.changedRow(def, id, 'delete');
  }

  /** Full validation for create/upsert; fills in generated or natural ids. */
  private validateFull(def: EntityDef, op: WriteOp): { id: string; row: Row } {
    const fields = op.fields;
    if (!isPlainObject(fields)) {
      throw new ValidationError(def.name, op.id ?? null, null, 'thiếu dữ liệu / fields are required');
    }
    this.rejectUnknown(def, op.id ?? null, fields);
    const input: Row = { ...fields };
    if (op.id !== undefined) {
      if (input[def.pk] !== undefined && input[def.pk] !== op.id) {
        throw new ValidationError(def.name, op.id, def.pk, 'khóa không khớp với op.id / does not match op.id');
      }
      input[def.pk] = op.id;
    } else if (input[def.pk] === undefined) {
      if (def.deriveId) input[def.pk] = def.deriveId(input);
      else if (def.generatedId) input[def.pk] = newId(this.x.clock());
    }
    const parsed = def.schema.safeParse(input);
    const idForMsg = typeof input[def.pk] === 'string' ? (input[def.pk] as string) : null;
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        field: i.path.length > 0 ? String(i.path[0]) : null,
        message: i.message,
      }));
      const first = issues[0] ?? { field: null, message: 'không hợp lệ' };
      throw new ValidationError(def.name, idForMsg, first.field, first.message, issues);
    }
    const row = parsed.data as Row;
    const id = row[def.pk] as string;
    if (def.deriveId) {
      const want = def.deriveId(row);
      if (id !== want) throw new ValidationError(def.name, id, def.pk, `phải là "${want}" / must be "${want}"`);
    }
    return { id, row };
  }

  private rejectUnknown(def: EntityDef, id: string | null, fields: Record<string, unknown>): void {
    for (const k of Object.keys(fields)) {
      if (!def.byField.has(k)) throw new ValidationError(def.name, id, k, 'trường không tồn tại / unknown field');
    }
  }

  /** Object-level refinements (none today) need the whole row; run them on the merged result. */
  private checkWhole(def: EntityDef, id: string, existing: Row, patch: Row): void {
    const merged: Row = {};
    for (const c of def.columns) {
      merged[c.field] = c.field in patch ? patch[c.field] : decodeValue(c, existing[c.field]);
    }
    const r = def.schema.safeParse(merged);
    if (!r.success) {
      const i = r.error.issues[0];
      throw new ValidationError(def.name, id, i && i.path.length > 0 ? String(i.path[0]) : null, i?.message ?? 'không hợp lệ');
    }
  }

  private record(def: EntityDef, id: string, c: ColumnDef, encoded: unknown, stamp: string): void {
    // Change values are JSON of the domain value: JSON columns already hold exactly that.
    const json =
      encoded === null
        ? 'null'
        : c.kind === 'json'
          ? (encoded as string)
          : c.kind === 'boolean'
            ? encoded === 1
              ? 'true'
              : 'false'
            : JSON.stringify(encoded);
    this.recordMarker(def, id, c.field, json, stamp);
  }

  /** Buffer one change row and its field version; flush() writes them. */
  private recordMarker(def: EntityDef, id: string, field: string, json: string, stamp: string): void {
    this.pendingChanges.push(def.name, id, field, json, stamp, this.siteId, this.userId, this.opId);
    this.pendingVersions.push(def.name, id, field, stamp, this.siteId);
    if (this.pendingChanges.length >= MAX_BATCH * 8) this.flush();
  }

  private flush(): void {
    const n = this.pendingChanges.length / 8;
    if (n > 0) {
      const info = this.writer.insertChangesStatement(n).run(...this.pendingChanges);
      // One statement inserts n consecutive seq values (AUTOINCREMENT, single writer).
      const last = Number(info.lastInsertRowid);
      this.firstSeq ??= last - n + 1;
      this.lastSeq = last;
      this.changeCount += n;
      this.pendingChanges.length = 0;
    }
    const v = this.pendingVersions.length / 5;
    if (v > 0) {
      this.writer.upsertVersionsStatement(v).run(...this.pendingVersions);
      this.pendingVersions.length = 0;
    }
  }

  private changedRow(def: EntityDef, id: string, op: ChangedRef['op']): void {
    if (this.collect) this.changed.push({ entity: def.name, id, op });
    this.counts[op]++;
    this.entities.add(def.name);
  }

  private touch(def: EntityDef, id: string, row: Row, op: 'create' | 'update'): void {
    this.changedRow(def, id, op);
    if (PARENT_ENTITIES.has(def.name)) this.writtenParents.add(`${def.name}\u0000${id}`);
    for (const [field, parent] of Object.entries(def.refs)) {
      const value = row[field];
      if (value === null || value === undefined) continue;
      const key = `${parent}\u0000${String(value)}`;
      if (!this.refUses.has(key)) this.refUses.set(key, { entity: def.name, id, field, parent, value });
    }
  }

  /** Turn a UNIQUE violation into a ValidationError naming the field. */
  private guard(def: EntityDef, id: string, fn: () => unknown): void {
    guardUnique(def, id, fn, 'giá trị đã được dùng / value already in use');
  }

  /**
   * Foreign keys are deferred, so a missing parent surfaces as a bare
   * "FOREIGN KEY constraint failed" at COMMIT (already rolled back). Find which op and
   * field caused it so the caller gets a ValidationError naming the field.
   */
  explain(e: unknown): unknown {
    if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') return e;
    // In op order of first use: the first reference whose parent neither existed before
    // the call (the call is rolled back, so the database shows exactly that) nor was
    // written by it.
    for (const [key, use] of this.refUses) {
      if (this.writtenParents.has(key)) continue;
      const parent = entityDef(use.parent)!;
      const found = this.x.db.prepare(`SELECT 1 FROM "${parent.table}" WHERE "${parent.pkColumn}" = ?`).get(use.value);
      if (!found) {
        return new ValidationError(
          use.entity,
          use.id,
          use.field,
          `tham chiếu tới ${use.parent} "${String(use.value)}" không tồn tại / refers to a missing ${use.parent}`,
        );
      }
    }
    return e;
  }
}

/** JSON of a created row for its `_created` change: every field but the key, in column order. */
function createdValue(def: EntityDef, row: Row): string {
  const out: Row = {};
  for (const c of def.columns) if (c.field !== def.pk) out[c.field] = row[c.field] ?? null;
  return JSON.stringify(out);
}

function hasObjectChecks(def: EntityDef): boolean {
  const checks = (def.schema as unknown as { _zod: { def: { checks?: unknown[] } } })._zod.def.checks;
  return Array.isArray(checks) && checks.length > 0;
}

/**
 * Runs `fn` (a row write) and turns a UNIQUE/PRIMARY KEY violation into a ValidationError
 * naming the offending field, so the caller's error says which value is taken.
 */
export function guardUnique(def: EntityDef, id: string, fn: () => unknown, message: string): void {
  try {
    fn();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      const m = /constraint failed: [\w"]+\.(\w+)/.exec((e as Error).message);
      const col = def.columns.find((c) => c.column === m?.[1]);
      throw new ValidationError(def.name, id, col?.field ?? null, message);
    }
    throw e;
  }
}
