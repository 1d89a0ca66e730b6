import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { isStoreOpen, type Store } from './db';
import { ENTITIES } from './entities';
import { BackupError } from './errors';
import { APPLICATION_ID, LATEST_VERSION } from './migrations';

/**
 * Backups: consistent single-file copies of the live database in a folder, newest N kept.
 *
 * - backupNow() uses SQLite's online backup API (better-sqlite3 db.backup()): it copies
 *   pages in steps and yields to the event loop, so the UI/HTTP server keep running
 *   during an hourly backup of a large file.
 * - backupNowSync() (used at close, when nothing else runs) uses VACUUM INTO: synchronous
 *   and compact.
 * Both write `<name>.partial`, switch it to rollback-journal mode (a backup must be one
 * self-contained file, no -wal), check it, fsync, then rename: a file with the final name
 * is always complete.
 */

export const BACKUP_PREFIX = 'saban-';
export const BACKUP_EXT = '.sqlite';
const BACKUP_RE = /^saban-\d{8}T\d{9}Z(-\d+)?\.sqlite$/;

/** Tables every Sa Bàn database has had since version 1: a backup without them is not one. */
const REQUIRED_TABLES = [
  'meta',
  'changes',
  'field_versions',
  'ops',
  ...Object.values(ENTITIES)
    .map((e) => e.table)
    .filter((t) => t !== 'settings'), // added by migration 002
];

function stampName(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2021-12-01T09:00:00.123Z
  return `${BACKUP_PREFIX}${iso.slice(0, 10).replaceAll('-', '')}T${iso.slice(11, 23).replaceAll(/[:.]/g, '')}Z`;
}

function uniquePath(dir: string, ms: number): string {
  const base = stampName(ms);
  let p = path.join(dir, base + BACKUP_EXT);
  for (let i = 1; fs.existsSync(p) || fs.existsSync(`${p}.partial`); i++) p = path.join(dir, `${base}-${i}${BACKUP_EXT}`);
  return p;
}

function fsyncFile(p: string): void {
  const fd = fs.openSync(p, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Make a rename durable. Directories cannot be opened for fsync on Windows: best effort there. */
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    /* not supported on this platform */
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function finalize(partial: string, final: string): void {
  const db = new Database(partial);
  try {
    db.pragma('journal_mode = DELETE');
    const r = db.pragma('quick_check', { simple: true });
    if (r !== 'ok') throw new BackupError('bad_backup', `backup copy failed its check: ${String(r)}`);
  } finally {
    db.close();
  }
  fsyncFile(partial);
  fs.renameSync(partial, final);
  fsyncDir(path.dirname(final));
}

export interface BackupOptions {
  /** Keep the newest N backups in the folder (default 24). Older ones matching our name pattern are deleted. */
  keep?: number;
}

/** Online backup into a new timestamped file in `dir`; returns its path. */
export async function backupNow(store: Store, dir: string, opts: BackupOptions = {}): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const final = uniquePath(dir, store.clock());
  const partial = `${final}.partial`;
  try {
    await store.db.backup(partial);
    finalize(partial, final);
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  }
  pruneBackups(dir, opts.keep ?? 24);
  return final;
}

/** Synchronous backup (VACUUM INTO); for shutdown, when blocking is acceptable. */
export function backupNowSync(store: Store, dir: string, opts: BackupOptions = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  const final = uniquePath(dir, store.clock());
  const partial = `${final}.partial`;
  try {
    store.db.prepare('VACUUM INTO ?').run(partial);
    finalize(partial, final);
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  }
  pruneBackups(dir, opts.keep ?? 24);
  return final;
}

/** Backup files in `dir`, newest first (names sort by time). */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => BACKUP_RE.test(f))
    .sort()
    .reverse()
    .map((f) => path.join(dir, f));
}

/** Delete all but the newest `keep` backups. Only files named like our backups are touched. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = listBackups(dir).slice(Math.max(1, keep));
  for (const f of old) fs.rmSync(f, { force: true });
  return old;
}

export interface BackupScheduler {
  /** Backup now if anything changed since the last one; returns the file or null. */
  runNow(): Promise<string | null>;
  /** Stop the timer; by default take a final backup (online API) if anything changed. */
  stop(opts?: { finalBackup?: boolean }): Promise<void>;
}

export interface SchedulerOptions extends BackupOptions {
  dir: string;
  /** Default 1 hour; 0 (or less) disables the timer. */
  intervalMs?: number;
  onBackup?: (file: string) => void;
  onError?: (e: unknown) => void;
}

/**
 * Hourly (configurable) backups while the store is open, plus one when it closes.
 * A backup is skipped when no change was committed since the previous one, so a quiet
 * night does not push the useful older backups out of the newest-N window.
 * On store.close() a still-running scheduler takes its final backup synchronously
 * (VACUUM INTO) before the connections close; call `await stop()` first to do it with
 * the online API instead.
 */
export function startBackupScheduler(store: Store, opts: SchedulerOptions): BackupScheduler {
  const keep = opts.keep ?? 24;
  const onError = opts.onError ?? ((e: unknown) => console.error('[backup] failed', e));
  let lastSeq = store.lastSeq();
  let running: Promise<string | null> | null = null;
  let stopped = false;

  const changedSinceLast = () => store.lastSeq() !== lastSeq || listBackups(opts.dir).length === 0;

  const runNow = (): Promise<string | null> => {
    if (running) return running;
    if (store.closed) return Promise.resolve(null);
    running = (async () => {
      const seq = store.lastSeq();
      if (!changedSinceLast()) return null;
      const file = await backupNow(store, opts.dir, { keep });
      lastSeq = seq;
      opts.onBackup?.(file);
      return file;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  // intervalMs ≤ 0: no timer (the close-time backup and runNow() still work).
  const intervalMs = opts.intervalMs ?? 3600_000;
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          runNow().catch(onError);
        }, intervalMs)
      : undefined;
  timer?.unref?.(); // never keep the process alive just for backups

  const offClose = store.onClose(() => {
    clearInterval(timer);
    if (stopped) return;
    stopped = true;
    try {
      if (changedSinceLast()) {
        const file = backupNowSync(store, opts.dir, { keep });
        opts.onBackup?.(file);
      }
    } catch (e) {
      onError(e);
    }
  });

  return {
    runNow,
    async stop({ finalBackup = true } = {}) {
      clearInterval(timer);
      offClose();
      if (stopped) return;
      stopped = true;
      if (running) await running.catch(onError);
      if (finalBackup && !store.closed) {
        const seq = store.lastSeq();
        if (changedSinceLast()) {
          const file = await backupNow(store, opts.dir, { keep });
          lastSeq = seq;
          opts.onBackup?.(file);
        }
      }
    },
  };
}

export interface BackupInfo {
  userVersion: number;
}

/**
 * Full check of a backup file, read-only: integrity_check, a Sa Bàn application id,
 * 1 ≤ user_version ≤ what this build knows, and the required tables.
 */
export function verifyBackup(file: string): BackupInfo {
  if (!fs.existsSync(file)) throw new BackupError('bad_backup', `Không tìm thấy tệp sao lưu / backup not found: ${file}`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true });
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) throw new Error(`not a Sa Bàn database (application_id ${String(appId)})`);
    if (userVersion < 1 || userVersion > LATEST_VERSION) {
      throw new Error(`version ${userVersion} not in 1..${LATEST_VERSION}`);
    }
    const rows = db.pragma('integrity_check(20)', { simple: false }) as Array<Record<string, string>>;
    const msgs = rows.map((r) => Object.values(r)[0]);
    if (!(msgs.length === 1 && msgs[0] === 'ok')) throw new Error(`integrity_check: ${msgs.slice(0, 3).join('; ')}`);
    const have = new Set(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((r) => r.name),
    );
    const missing = REQUIRED_TABLES.filter((t) => !have.has(t));
    if (missing.length > 0) throw new Error(`missing tables: ${missing.join(', ')}`);
    return { userVersion };
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(
      'bad_backup',
      `Tệp sao lưu không dùng được / unusable backup ${file}: ${(e as Error).message}`,
      { cause: e },
    );
  } finally {
    db?.close();
  }
}

export interface RestoreResult {
  /** Where the replaced database was kept (null if there was none). */
  previous: string | null;
  userVersion: number;
}

/**
 * Replace `targetPath` with a verified copy of `backupFile`.
 *
 * CONTRACT: the store on targetPath must be CLOSED (in every process) — replacing a file
 * under an open connection corrupts it. Opening it in this process is detected and
 * refused ('target_open'); other processes cannot be detected. Re-open with openStore()
 * afterwards (it migrates an older backup to the current version).
 *
 * Order, so that no crash leaves the target missing or mixed:
 * 1. verify the backup read-only — a bad backup throws here, nothing touched;
 * 2. copy it to a temp file beside the target, fsync;
 * 3. keep the old database as `<target>.before-restore-<time>` (hard link, or a copy),
 *    moving its -wal along (a stale WAL must never be replayed onto the restored file);
 * 4. rename the temp file over the target (atomic), fsync the folder.
 */
export function restoreBackup(opts: { backupFile: string; targetPath: string; clock?: () => number }): RestoreResult {
  const target = path.resolve(opts.targetPath);
  if (isStoreOpen(target)) {
    throw new BackupError('target_open', `Hãy đóng dữ liệu trước khi khôi phục / close the store before restoring: ${target}`);
  }
  const { userVersion } = verifyBackup(opts.backupFile);
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const stamp = stampName((opts.clock ?? Date.now)()).slice(BACKUP_PREFIX.length);
  const tmp = path.join(dir, `.${path.basename(target)}.restore-${stamp}.tmp`);
  try {
    fs.copyFileSync(opts.backupFile, tmp);
    fsyncFile(tmp);
    verifyBackup(tmp); // the copy itself, not just the source
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e instanceof BackupError ? e : new BackupError('io', `copy failed: ${(e as Error).message}`, { cause: e });
  }

  let previous: string | null = null;
  if (fs.existsSync(target)) {
    previous = `${target}.before-restore-${stamp}`;
    try {
      fs.linkSync(target, previous);
    } catch {
      fs.copyFileSync(target, previous);
    }
    for (const side of ['-wal', '-journal']) {
      if (fs.existsSync(target + side)) fs.renameSync(target + side, previous + side);
    }
    fs.rmSync(`${target}-shm`, { force: true });
  }
  fs.renameSync(tmp, target);
  fsyncDir(dir);
  return { previous, userVersion };
}
