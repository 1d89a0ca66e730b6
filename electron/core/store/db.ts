import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ChangeRow } from '../../../shared/domain';
import { entityDef, type EntityDef, type EntityName, type EntityOf } from './entities';
import { RemoteApplier, type ApplyRemoteResult } from './applyRemote';
import { StoreOpenError, WriteError } from './errors';
import { decodeHlc, Hlc, SITE_ID_RE, type HlcState } from './hlc';
import { newSiteId } from './ids';
import { APPLICATION_ID, LATEST_VERSION, migrate } from './migrations';
import { Reader, type ListOptions, type Where } from './read';
import { Writer, type BulkWriteResult, type ChangedRef, type WriteContext, type WriteOp, type WriteResult } from './write';

export type IntegrityCheck = 'auto' | 'full' | 'quick' | 'none';

export interface OpenStoreOptions {
  path: string;
  /** Only used when the file has no site id yet (new file); must match otherwise. */
  siteId?: string;
  /** Wall clock (ms) for HLC stamps and ids; injectable for tests. */
  clock?: () => number;
  /** Open without ever writing: no migrations, write() throws. */
  readonly?: boolean;
  /**
   * Check at open. 'auto' (default): full integrity_check up to AUTO_FULL_CHECK_BYTES,
   * quick_check above. Why: integrity_check also cross-checks every index against its
   * table (O(N log N)); on a multi-GB file that is minutes at every start. quick_check is
   * linear and still reads every page, which catches what power loss and bad disks do
   * (torn/zeroed/garbage pages, broken B-trees); backups are verified with the full check.
   */
  check?: IntegrityCheck;
  busyTimeoutMs?: number;
  /** See HlcOptions.maxDriftMs. */
  maxDriftMs?: number;
}

export const AUTO_FULL_CHECK_BYTES = 64 * 1024 * 1024;

export interface CommitEvent {
  opId: string;
  userId: string | null;
  changeCount: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** Rows that changed, in op order. Empty for a bulk write (see `bulk`). */
  changed: ChangedRef[];
  /** Distinct entity names of the changed rows (for coarse cache invalidation / SSE topics). */
  entities: EntityName[];
  /**
   * True for a streamed writeAll(): the rows are not listed (there may be millions); treat
   * every row of every entity in `entities` as possibly changed.
   */
  bulk: boolean;
}
export type CommitListener = (event: CommitEvent) => void;

/** A field written concurrently at two sites where one value lost (table `conflicts`). */
export interface ConflictRow {
  id: number;
  entity: string;
  entityId: string;
  field: string;
  losingValue: unknown;
  losingHlc: string;
  losingSiteId: string;
  losingUserId: string | null;
  winningHlc: string;
  winningSiteId: string;
  winningUserId: string | null;
  detectedAt: string;
  resolved: boolean;
}

export interface Store {
  /**
   * Connection for READ queries by domain services. Opened read-only at the SQLite level,
   * so a write through it fails: writes go through write(). Domain tables keep
   * tombstones: filter `_deleted = 0` in hand-written queries.
   */
  readonly db: Database.Database;
  readonly path: string;
  readonly siteId: string;
  readonly readonly: boolean;
  /** Schema version (PRAGMA user_version). */
  readonly version: number;
  readonly hlc: Hlc;
  readonly clock: () => number;
  readonly closed: boolean;
  /** The one write path (see write.ts). Atomic: all ops commit or none. */
  write(ctx: WriteContext, ops: readonly WriteOp[]): WriteResult;
  /**
   * The same write path for a stream of ops (e.g. a generator): one transaction, all or
   * nothing, constant memory; returns counts instead of per-row lists.
   */
  writeAll(ctx: WriteContext, ops: Iterable<WriteOp>): BulkWriteResult;
  get<E extends EntityName>(entity: E, id: string, opts?: { includeDeleted?: boolean }): EntityOf<E> | undefined;
  list<E extends EntityName>(entity: E, where?: Where<E>, opts?: ListOptions<E>): EntityOf<E>[];
  /** Called synchronously after each commit that changed something; returns an unsubscribe function. */
  onCommit(listener: CommitListener): () => void;
  /** Called (synchronously, before the connections close) by close(). */
  onClose(hook: () => void): () => void;
  /** Shared setting (entity `setting`, synced and audited). */
  getSetting<T = unknown>(key: string): T | undefined;
  setSetting(ctx: WriteContext, key: string, value: unknown): WriteResult;
  /** Device-local value in `meta` (not synced, not audited): backup folder, window state… */
  getLocal<T = unknown>(key: string): T | undefined;
  setLocal(key: string, value: unknown): void;
  /**
   * Apply change rows made at other sites (sync; see applyRemote.ts): validated, one
   * transaction, per-field last-writer-wins, idempotent, recorded in the change log with
   * their original stamps. Raises onCommit for the rows whose state changed.
   */
  applyRemote(changes: unknown): ApplyRemoteResult;
  /** Recorded sync conflicts (newest first), optionally of one row. */
  conflicts(where?: { entity?: string; entityId?: string; includeResolved?: boolean }): ConflictRow[];
  /**
   * Mark a conflict as seen/settled (device-local bookkeeping, not synced). Restoring the
   * losing value is an ordinary write of that value. False if no such open conflict.
   */
  resolveConflict(id: number): boolean;
  /** Change rows with seq > afterSeq, oldest first. */
  changesSince(afterSeq: number, limit?: number): ChangeRow[];
  /** Highest change seq (0 if none). */
  lastSeq(): number;
  close(): void;
}

/** Files open in this process, so restoreBackup can refuse to replace a live database. */
const openFiles = new Map<string, number>();
const fileKey = (p: string) => {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    return abs;
  }
};
export function isStoreOpen(p: string): boolean {
  return (openFiles.get(fileKey(p)) ?? 0) > 0;
}

interface Inspection {
  userVersion: number;
  siteId: string | null;
}

/**
 * Look at an existing file through a READ-ONLY connection: nothing here can modify it,
 * so a damaged or too-new file is reported exactly as found.
 */
export function inspectDatabase(file: string, check: IntegrityCheck): Inspection {
  let ro: Database.Database | undefined;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true });
    const userVersion = ro.pragma('user_version', { simple: true }) as number;
    const appId = ro.pragma('application_id', { simple: true }) as number;
    if (userVersion > LATEST_VERSION) {
      throw new StoreOpenError('too_new', file, `phiên bản/version ${userVersion} > ${LATEST_VERSION}`);
    }
    const objects = (ro.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
    if (appId !== APPLICATION_ID && (appId !== 0 || userVersion > 0 || objects > 0)) {
      throw new StoreOpenError('foreign', file, `application_id ${appId}`);
    }
    const mode = check === 'auto' ? (fileBytes(file) <= AUTO_FULL_CHECK_BYTES ? 'full' : 'quick') : check;
    if (mode !== 'none') {
      const rows = ro.pragma(mode === 'full' ? 'integrity_check(20)' : 'quick_check(20)', { simple: false }) as Array<
        Record<string, string>
      >;
      const msgs = rows.map((r) => Object.values(r)[0]);
      if (!(msgs.length === 1 && msgs[0] === 'ok')) throw new StoreOpenError('corrupt', file, msgs.slice(0, 3).join('; '));
    }
    let siteId: string | null = null;
    if (userVersion >= 1) {
      const r = ro.prepare(`SELECT value FROM meta WHERE key = 'site_id'`).get() as { value: string } | undefined;
      siteId = r ? (JSON.parse(r.value) as string) : null;
    }
    return { userVersion, siteId };
  } catch (e) {
    throw asOpenError(e, file);
  } finally {
    ro?.close();
  }
}

function fileBytes(file: string): number {
  const size = (p: string) => {
    try {
      return fs.statSync(p).size;
    } catch {
      return 0;
    }
  };
  return size(file) + size(`${file}-wal`);
}

function asOpenError(e: unknown, file: string): StoreOpenError {
  if (e instanceof StoreOpenError) return e;
  const code = String((e as { code?: string }).code ?? '');
  const msg = (e as Error).message;
  if (code === 'SQLITE_NOTADB') return new StoreOpenError('not_a_database', file, msg, { cause: e });
  if (code.startsWith('SQLITE_CORRUPT')) return new StoreOpenError('corrupt', file, msg, { cause: e });
  return new StoreOpenError('io', file, `${code} ${msg}`.trim(), { cause: e });
}

export function openStore(opts: OpenStoreOptions): Store {
  const file = path.resolve(opts.path);
  if (opts.siteId !== undefined && !SITE_ID_RE.test(opts.siteId)) {
    throw new RangeError(`invalid siteId ${JSON.stringify(opts.siteId)}: 1–64 of A–Z a–z 0–9 _ .`);
  }
  const exists = fs.existsSync(file);
  if (!exists && opts.readonly) throw new StoreOpenError('not_found', file);
  // An empty file is what SQLite itself treats as an empty database (e.g. created, then
  // crashed before the first commit); anything else is inspected read-only first.
  const hasContent = exists && (fs.statSync(file).size > 0 || fs.existsSync(`${file}-wal`));
  const found: Inspection = hasContent ? inspectDatabase(file, opts.check ?? 'auto') : { userVersion: 0, siteId: null };
  if (opts.readonly && found.userVersion < LATEST_VERSION) {
    throw new StoreOpenError('needs_migration', file, `phiên bản/version ${found.userVersion} < ${LATEST_VERSION}`);
  }
  if (found.siteId !== null && opts.siteId !== undefined && found.siteId !== opts.siteId) {
    throw new StoreOpenError('site_mismatch', file, `${found.siteId} ≠ ${opts.siteId}`);
  }
  return new SqliteStore(file, opts, found);
}

class SqliteStore implements Store {
  readonly db: Database.Database;
  readonly path: string;
  readonly siteId: string;
  readonly readonly: boolean;
  readonly version: number;
  readonly hlc: Hlc;
  readonly clock: () => number;
  private readonly writerDb: Database.Database | null;
  private readonly writer: Writer | null;
  private readonly remote: RemoteApplier | null;
  private readonly reader: Reader;
  private readonly listeners = new Set<CommitListener>();
  private readonly closeHooks = new Set<() => void>();
  private readonly key: string;
  private isClosed = false;

  constructor(file: string, opts: OpenStoreOptions, found: Inspection) {
    this.path = file;
    this.readonly = opts.readonly ?? false;
    this.clock = opts.clock ?? Date.now;
    const busy = opts.busyTimeoutMs ?? 5000;
    let siteId = found.siteId;
    let wdb: Database.Database | null = null;
    let rdb: Database.Database | null = null;
    try {
      if (!this.readonly) {
        wdb = new Database(file);
        wdb.pragma(`busy_timeout = ${busy}`);
        // WAL: readers never block the writer and vice versa (UI reads while importing).
        wdb.pragma('journal_mode = WAL');
        // FULL: in WAL mode NORMAL may lose the last commits on power loss; an
        // acknowledged write must survive it. Costs one fsync per commit (per write call).
        wdb.pragma('synchronous = FULL');
        wdb.pragma('foreign_keys = ON');
        wdb.pragma('cache_size = -65536'); // 64 MiB: bulk imports touch many index pages
        wdb.pragma('temp_store = MEMORY');
        wdb.pragma('journal_size_limit = 67108864'); // shrink the WAL back after a big import
        migrate(wdb);
        if (siteId === null) {
          siteId = opts.siteId ?? newSiteId();
          wdb.prepare(`INSERT INTO meta (key, value) VALUES ('site_id', ?)`).run(JSON.stringify(siteId));
        }
      }
      rdb = new Database(file, { readonly: true, fileMustExist: true });
      rdb.pragma(`busy_timeout = ${busy}`);
    } catch (e) {
      rdb?.close();
      wdb?.close();
      throw asOpenError(e, file);
    }
    this.db = rdb;
    this.writerDb = wdb;
    this.siteId = siteId ?? opts.siteId ?? '0';
    this.version = rdb.pragma('user_version', { simple: true }) as number;
    this.hlc = new Hlc({
      siteId: this.siteId,
      clock: this.clock,
      ...(opts.maxDriftMs !== undefined ? { maxDriftMs: opts.maxDriftMs } : {}),
    });
    this.hlc.advanceTo(this.persistedHlc());
    this.writer = wdb ? new Writer(wdb, this.hlc, this.clock) : null;
    this.remote = wdb ? new RemoteApplier(wdb, this.hlc, this.clock) : null;
    this.reader = new Reader(rdb);
    this.key = fileKey(file);
    openFiles.set(this.key, (openFiles.get(this.key) ?? 0) + 1);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** The clock must never restart below a stamp already used: take the max of meta and the log. */
  private persistedHlc(): HlcState {
    const states: HlcState[] = [];
    const meta = this.db.prepare(`SELECT value FROM meta WHERE key = 'hlc'`).get() as { value: string } | undefined;
    const metaHlc = meta ? (JSON.parse(meta.value) as string | null) : null;
    if (metaHlc) states.push(decodeHlc(metaHlc));
    const max = this.db.prepare('SELECT max(hlc) AS h FROM changes').get() as { h: string | null };
    if (max.h) states.push(decodeHlc(max.h));
    return states.reduce((a, b) => (b.physical > a.physical || (b.physical === a.physical && b.counter > a.counter) ? b : a), {
      physical: 0,
      counter: 0,
    });
  }

  private assertOpen(): void {
    if (this.isClosed) throw new Error('store is closed');
  }

  /** One commit event for both write forms (nothing for a replayed op or an empty write). */
  private emitCommitted(
    ctx: WriteContext,
    r: { duplicate: boolean; changeCount: number; opId: string; firstSeq: number | null; lastSeq: number | null },
    changed: ChangedRef[],
    entities: EntityName[],
    bulk: boolean,
  ): void {
    if (r.duplicate || r.changeCount === 0) return;
    this.emit({ opId: r.opId, userId: ctx.userId, changeCount: r.changeCount, firstSeq: r.firstSeq, lastSeq: r.lastSeq, changed, entities, bulk });
  }

  write(ctx: WriteContext, ops: readonly WriteOp[]): WriteResult {
    this.assertOpen();
    if (!this.writer) throw new WriteError('readonly', null, null);
    const result = this.writer.write(ctx, ops);
    this.emitCommitted(ctx, result, result.changed, [...new Set(result.changed.map((c) => c.entity))], false);
    return result;
  }

  writeAll(ctx: WriteContext, ops: Iterable<WriteOp>): BulkWriteResult {
    this.assertOpen();
    if (!this.writer) throw new WriteError('readonly', null, null);
    const result = this.writer.writeAll(ctx, ops);
    this.emitCommitted(ctx, result, [], result.entities, true);
    return result;
  }

  private emit(event: CommitEvent): void {
    for (const l of this.listeners) {
      // Already committed: a failing listener must not make the write look failed.
      try {
        l(event);
      } catch (e) {
        console.error('[store] onCommit listener failed', e);
      }
    }
  }

  get<E extends EntityName>(entity: E, id: string, opts: { includeDeleted?: boolean } = {}): EntityOf<E> | undefined {
    this.assertOpen();
    return this.reader.get<E>(this.def(entity), id, opts.includeDeleted ?? false);
  }

  list<E extends EntityName>(entity: E, where?: Where<E>, opts?: ListOptions<E>): EntityOf<E>[] {
    this.assertOpen();
    return this.reader.list<E>(this.def(entity), where, opts);
  }

  private def(entity: string): EntityDef {
    const d = entityDef(entity);
    if (!d) throw new RangeError(`unknown entity ${JSON.stringify(entity)}`);
    return d;
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onClose(hook: () => void): () => void {
    this.closeHooks.add(hook);
    return () => this.closeHooks.delete(hook);
  }

  getSetting<T = unknown>(key: string): T | undefined {
    return this.get('setting', key)?.value as T | undefined;
  }

  setSetting(ctx: WriteContext, key: string, value: unknown): WriteResult {
    return this.write(ctx, [{ op: 'upsert', entity: 'setting', id: key, fields: { key, value } }]);
  }

  getLocal<T = unknown>(key: string): T | undefined {
    this.assertOpen();
    const r = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(`local:${key}`) as { value: string } | undefined;
    return r ? (JSON.parse(r.value) as T) : undefined;
  }

  /**
   * Not through write(): device-local values are not domain data, must never sync to
   * other devices and need no audit trail. Prefixed so they cannot clobber site_id/hlc.
   */
  setLocal(key: string, value: unknown): void {
    this.assertOpen();
    if (!this.writerDb) throw new WriteError('readonly', null, null);
    const json = JSON.stringify(value ?? null);
    this.writerDb
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(`local:${key}`, json);
  }

  applyRemote(changes: unknown): ApplyRemoteResult {
    this.assertOpen();
    if (!this.remote) throw new WriteError('readonly', null, null);
    const result = this.remote.apply(changes);
    if (result.changed.length > 0) {
      this.emit({
        opId: `remote:${result.firstSeq}-${result.lastSeq}`,
        userId: null,
        changeCount: result.recorded,
        firstSeq: result.firstSeq,
        lastSeq: result.lastSeq,
        changed: result.changed,
        entities: [...new Set(result.changed.map((c) => c.entity))],
        bulk: false,
      });
    }
    return result;
  }

  conflicts(where: { entity?: string; entityId?: string; includeResolved?: boolean } = {}): ConflictRow[] {
    this.assertOpen();
    const rows = this.db
      .prepare(
        `SELECT id, entity, entity_id AS entityId, field, losing_value AS losingValue, losing_hlc AS losingHlc,
           losing_site_id AS losingSiteId, losing_user_id AS losingUserId, winning_hlc AS winningHlc,
           winning_site_id AS winningSiteId, winning_user_id AS winningUserId, detected_at AS detectedAt, resolved
         FROM conflicts WHERE (@entity IS NULL OR entity = @entity) AND (@entityId IS NULL OR entity_id = @entityId)
           AND (@all = 1 OR resolved = 0)
         ORDER BY id DESC`,
      )
      .all({ entity: where.entity ?? null, entityId: where.entityId ?? null, all: where.includeResolved ? 1 : 0 }) as Array<
      Omit<ConflictRow, 'resolved' | 'losingValue'> & { losingValue: string; resolved: number }
    >;
    return rows.map((r) => ({ ...r, losingValue: JSON.parse(r.losingValue) as unknown, resolved: r.resolved === 1 }));
  }

  resolveConflict(id: number): boolean {
    this.assertOpen();
    if (!this.writerDb) throw new WriteError('readonly', null, null);
    return this.writerDb.prepare('UPDATE conflicts SET resolved = 1 WHERE id = ? AND resolved = 0').run(id).changes === 1;
  }

  changesSince(afterSeq: number, limit = 10_000): ChangeRow[] {
    this.assertOpen();
    const rows = this.db
      .prepare(
        `SELECT seq, entity, entity_id AS entityId, field, value, hlc, site_id AS siteId, user_id AS userId, op_id AS opId
         FROM changes WHERE seq > ? ORDER BY seq LIMIT ?`,
      )
      .all(afterSeq, limit) as Array<ChangeRow & { value: string }>;
    return rows.map((r) => ({ ...r, value: JSON.parse(r.value) as unknown }));
  }

  lastSeq(): number {
    this.assertOpen();
    return (this.db.prepare('SELECT coalesce(max(seq), 0) AS s FROM changes').get() as { s: number }).s;
  }

  close(): void {
    if (this.isClosed) return;
    for (const h of [...this.closeHooks]) {
      try {
        h();
      } catch (e) {
        console.error('[store] onClose hook failed', e);
      }
    }
    this.isClosed = true;
    const n = (openFiles.get(this.key) ?? 1) - 1;
    if (n > 0) openFiles.set(this.key, n);
    else openFiles.delete(this.key);
    try {
      this.writerDb?.pragma('optimize');
    } catch {
      /* best effort: statistics only */
    }
    this.db.close();
    // Last connection closes: SQLite checkpoints the WAL into the main file and removes it.
    this.writerDb?.close();
  }
}
