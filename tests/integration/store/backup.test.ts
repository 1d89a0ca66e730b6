import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backupNow,
  backupNowSync,
  BackupError,
  LATEST_VERSION,
  listBackups,
  migrate,
  MIGRATIONS,
  restoreBackup,
  startBackupScheduler,
  verifyBackup,
  type Store,
} from '../../../electron/core/store';
import { useTmpDir } from '../../helpers/tmp';
import { IDS, SAMPLES, seedParents } from '../../unit/store/fixtures';
import { sha256, storeOpener } from './helpers';

const tmp = useTmpDir();
const stores = storeOpener();
afterEach(() => stores.closeAll());

let now = Date.UTC(2021, 11, 1, 9);
const clock = () => now;

function liveStore(dir: string): Store {
  const s = stores.open({ path: path.join(dir, 'live.db'), clock });
  seedParents(s);
  return s;
}
const setBeds = (s: Store, beds: number) =>
  s.write({ userId: null }, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds } }]);

describe('backupNow', () => {
  it('writes a complete, self-contained, timestamped copy', async () => {
    const dir = tmp();
    const s = liveStore(dir);
    setBeds(s, 111);
    const file = await backupNow(s, path.join(dir, 'backups'));
    expect(path.basename(file)).toBe('saban-20211201T090000000Z.sqlite');
    expect(verifyBackup(file)).toEqual({ userVersion: LATEST_VERSION });
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]); // no .partial, no -wal
    const b = new Database(file, { readonly: true });
    expect(b.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(b.prepare('SELECT beds FROM facilities WHERE id = ?').get(IDS.facility1)).toEqual({ beds: 111 });
    b.close();
  });

  it('stays consistent while writes continue during the backup', async () => {
    const dir = tmp();
    const s = liveStore(dir);
    const pending = backupNow(s, path.join(dir, 'b'));
    for (let i = 0; i < 50; i++) setBeds(s, 1000 + i);
    const file = await pending;
    expect(() => verifyBackup(file)).not.toThrow();
  });

  it('keeps the newest N and never deletes files it did not make', async () => {
    const dir = tmp();
    const bdir = path.join(dir, 'b');
    const s = liveStore(dir);
    fs.mkdirSync(bdir);
    fs.writeFileSync(path.join(bdir, 'ghi-chu.txt'), 'giữ lại');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      now += 60_000;
      made.push(await backupNow(s, bdir, { keep: 3 }));
    }
    expect(listBackups(bdir)).toEqual(made.slice(2).reverse());
    expect(fs.existsSync(path.join(bdir, 'ghi-chu.txt'))).toBe(true);
  });

  it('two backups in the same millisecond get distinct names', async () => {
    const dir = tmp();
    const s = liveStore(dir);
    const a = await backupNow(s, path.join(dir, 'b'));
    const b = backupNowSync(s, path.join(dir, 'b'));
    expect(a).not.toBe(b);
    expect(listBackups(path.join(dir, 'b'))).toHaveLength(2);
    expect(() => verifyBackup(b)).not.toThrow();
  });
});

describe('restoreBackup', () => {
  it('round trip: restores the backed-up state and keeps the replaced database', async () => {
    const dir = tmp();
    const s = liveStore(dir);
    setBeds(s, 111);
    const backup = await backupNow(s, path.join(dir, 'b'));
    setBeds(s, 222); // after the backup: must disappear with the restore
    s.close();

    const r = restoreBackup({ backupFile: backup, targetPath: path.join(dir, 'live.db'), clock });
    expect(r.userVersion).toBe(LATEST_VERSION);
    const restored = stores.open({ path: path.join(dir, 'live.db') });
    expect(restored.get('facility', IDS.facility1)!.beds).toBe(111);
    expect(restored.list('facility')).toHaveLength(2);
    // The replaced database is kept, complete (including what was only in its WAL).
    const prev = stores.open({ path: r.previous!, readonly: true });
    expect(prev.get('facility', IDS.facility1)!.beds).toBe(222);
    // Restored store is writable and consistent.
    setBeds(restored, 333);
    expect(restored.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('after a crash (target has a -wal): the WAL moves with the old file and is never replayed onto the restored one', async () => {
    const dir = tmp();
    const s = liveStore(dir);
    setBeds(s, 111);
    const backup = await backupNow(s, path.join(dir, 'b'));
    setBeds(s, 999);
    // Crash image: the main file and its WAL as they are on disk while the store is open.
    const crashed = path.join(dir, 'crashed.db');
    fs.copyFileSync(path.join(dir, 'live.db'), crashed);
    fs.copyFileSync(path.join(dir, 'live.db-wal'), `${crashed}-wal`);
    expect(fs.statSync(`${crashed}-wal`).size).toBeGreaterThan(0);

    const r = restoreBackup({ backupFile: backup, targetPath: crashed });
    expect(fs.existsSync(`${crashed}-wal`)).toBe(false);
    expect(fs.existsSync(`${r.previous}-wal`)).toBe(true);
    expect(stores.open({ path: crashed }).get('facility', IDS.facility1)!.beds).toBe(111);
    expect(stores.open({ path: r.previous! }).get('facility', IDS.facility1)!.beds).toBe(999);
  });

  it('refuses while the target is open in this process', async () => {
    const dir = tmp();
    const s = liveStore(dir);
    const backup = await backupNow(s, path.join(dir, 'b'));
    expect(() => restoreBackup({ backupFile: backup, targetPath: path.join(dir, 'live.db') })).toThrow(
      expect.objectContaining({ code: 'target_open' }),
    );
  });

  it('restores an older-version backup, which is then upgraded at open', () => {
    const dir = tmp();
    const old = path.join(dir, 'v1.sqlite');
    const db = new Database(old);
    migrate(db, MIGRATIONS, 1);
    db.exec(`INSERT INTO meta (key, value) VALUES ('site_id', '"s1"')`);
    db.close();
    restoreBackup({ backupFile: old, targetPath: path.join(dir, 'live.db') });
    const s = stores.open({ path: path.join(dir, 'live.db') });
    expect([s.version, s.siteId]).toEqual([LATEST_VERSION, 's1']);
  });

  describe('a bad backup is refused and the target left untouched', () => {
    const cases: Array<[string, (file: string, good: string) => void]> = [
      ['garbage bytes', (f) => fs.writeFileSync(f, Buffer.alloc(50_000, 0x5a))],
      ['a truncated copy', (f, good) => fs.writeFileSync(f, fs.readFileSync(good).subarray(0, 16_384))],
      [
        'a corrupted page',
        (f, good) => {
          const b = fs.readFileSync(good);
          b.fill(0xff, 4096 * 3, 4096 * 4);
          fs.writeFileSync(f, b);
        },
      ],
      [
        'a newer version',
        (f, good) => {
          fs.copyFileSync(good, f);
          const d = new Database(f);
          d.pragma(`user_version = ${LATEST_VERSION + 1}`);
          d.close();
        },
      ],
      [
        'a required table missing',
        (f, good) => {
          fs.copyFileSync(good, f);
          const d = new Database(f);
          d.exec('DROP TABLE task_updates');
          d.close();
        },
      ],
      [
        'another application’s database',
        (f) => {
          const d = new Database(f);
          d.exec('CREATE TABLE t (x)');
          d.close();
        },
      ],
      ['a missing file', () => {}],
    ];

    it.each(cases)('%s', async (_, make) => {
      const dir = tmp();
      const s = liveStore(dir);
      const good = await backupNow(s, path.join(dir, 'b'));
      setBeds(s, 444);
      // Crash-like state: close the writer without checkpointing would be ideal; a
      // closed store with data is enough to prove the file is not replaced.
      s.close();
      const target = path.join(dir, 'live.db');
      const bad = path.join(dir, 'bad.sqlite');
      make(bad, good);
      const before = sha256(target);
      const listing = fs.readdirSync(dir).sort();
      expect(() => restoreBackup({ backupFile: bad, targetPath: target })).toThrow(BackupError);
      expect(sha256(target)).toBe(before);
      expect(fs.readdirSync(dir).sort()).toEqual(listing); // no temp files, no renames
      const again = stores.open({ path: target });
      expect(again.get('facility', IDS.facility1)!.beds).toBe(444);
    });
  });
});

describe('backup scheduler', () => {
  it('backs up on the interval only when something changed, and once more on close', async () => {
    const dir = tmp();
    const bdir = path.join(dir, 'b');
    const s = liveStore(dir);
    const made: string[] = [];
    startBackupScheduler(s, { dir: bdir, intervalMs: 40, keep: 10, onBackup: (f) => made.push(f) });
    await waitFor(() => made.length === 1); // first run: no backup exists yet
    now += 1000;
    await sleep(150);
    expect(made).toHaveLength(1); // nothing changed since
    setBeds(s, 555);
    now += 1000;
    await waitFor(() => made.length === 2);
    setBeds(s, 556);
    now += 1000;
    s.close(); // final backup, synchronously, before the connections close
    await sleep(100); // the timer must be gone: no further backups
    expect(made).toHaveLength(3);
    const last = new Database(made[2]!, { readonly: true });
    expect(last.prepare('SELECT beds FROM facilities WHERE id = ?').get(IDS.facility1)).toEqual({ beds: 556 });
    last.close();
  });

  it('stop() takes a final online backup if needed and detaches from close', async () => {
    const dir = tmp();
    const bdir = path.join(dir, 'b');
    const s = liveStore(dir);
    const sched = startBackupScheduler(s, { dir: bdir, intervalMs: 3600_000 });
    setBeds(s, 777);
    await sched.stop();
    expect(listBackups(bdir)).toHaveLength(1);
    now += 1000;
    setBeds(s, 778);
    s.close();
    expect(listBackups(bdir)).toHaveLength(1); // stopped: close takes no backup
    expect(stores.open({ path: path.join(dir, 'live.db') }).get('facility', IDS.facility1)!.beds).toBe(778);
  });

  it('intervalMs 0 disables the timer; runNow() and the close-time backup still work', async () => {
    const dir = tmp();
    const bdir = path.join(dir, 'b');
    const s = liveStore(dir);
    const sched = startBackupScheduler(s, { dir: bdir, intervalMs: 0 });
    await sleep(80);
    expect(listBackups(bdir)).toHaveLength(0);
    expect(await sched.runNow()).toMatch(/saban-.*\.sqlite$/);
    expect(await sched.runNow()).toBeNull(); // nothing changed
    now += 1000;
    setBeds(s, 9);
    s.close();
    expect(listBackups(bdir)).toHaveLength(2);
  });

  it('a failing backup reports through onError and does not break the store', async () => {
    const dir = tmp();
    const s = liveStore(dir);
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, 'x'); // mkdir of the backup folder will fail
    const errors: unknown[] = [];
    startBackupScheduler(s, { dir: blocker, intervalMs: 20, onError: (e) => errors.push(e) });
    await waitFor(() => errors.length > 0);
    setBeds(s, 5);
    expect(s.get('facility', IDS.facility1)!.beds).toBe(5);
    s.close(); // close-time backup fails too: reported, close still completes
    expect(s.closed).toBe(true);
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(10);
  }
}

void SAMPLES;
