import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, openStore, type Store } from '../../../electron/core/store';
import { useTmpDir } from '../../helpers/tmp';

/**
 * Migration 005: the change identity (hlc, entity, entity_id, field) becomes a UNIQUE index
 * replacing changes_hlc. Files are real SQLite files at version 4, written with plain SQL
 * as the app of that version left them.
 */

const tmp = useTmpDir();
const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const indexes = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'changes' ORDER BY name`).pluck().all() as string[]);

const STAMP = (n: number) => `00163831680000${n}-0000-oldsite`;

/** A version-4 file with the given change rows (seq order = array order). */
function v4File(rows: Array<{ id: string; field: string; value: string; stamp: string; op?: string }>): string {
  const file = path.join(tmp(), 'v4.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, MIGRATIONS, 4);
  db.exec(`INSERT INTO meta (key, value) VALUES ('site_id', '"oldsite"')`);
  const ins = db.prepare(
    `INSERT INTO changes (entity, entity_id, field, value, hlc, site_id, user_id, op_id) VALUES ('task', ?, ?, ?, ?, 'oldsite', NULL, ?)`,
  );
  for (const r of rows) ins.run(r.id, r.field, r.value, r.stamp, r.op ?? 'op1');
  db.close();
  return file;
}

const logOf = (s: Store) => s.changesSince(0).map((c) => [c.seq, c.entityId, c.field, c.value, c.hlc, c.opId]);

describe('migration 005 (change identity)', () => {
  it('a fresh file has the UNIQUE identity index and no changes_hlc', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(indexes(db)).toEqual(['changes_entity', 'changes_identity']);
    const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'changes_identity'`).pluck().get() as string;
    expect(sql).toMatch(/UNIQUE INDEX changes_identity ON changes \(hlc, entity, entity_id, field\)/);
  });

  it('upgrades a version-4 log unchanged, and the index then refuses a second copy of a change', () => {
    const rows = [
      { id: 'a', field: 'title', value: '"A"', stamp: STAMP(1) },
      { id: 'a', field: 'status', value: '"done"', stamp: STAMP(1) }, // same stamp, other field: a different change
      { id: 'b', field: 'title', value: '"B"', stamp: STAMP(1) }, // same stamp and field, other row
      { id: 'a', field: 'title', value: '"A2"', stamp: STAMP(2) },
    ];
    const file = v4File(rows);
    const s = openStore({ path: file });
    open.push(s);
    expect(s.version).toBe(MIGRATIONS.length);
    expect(logOf(s)).toEqual(rows.map((r, i) => [i + 1, r.id, r.field, JSON.parse(r.value), r.stamp, 'op1']));
    expect(indexes(s.db)).toEqual(['changes_entity', 'changes_identity']);
    s.close();
    open.pop();

    const raw = new Database(file);
    expect(() =>
      raw
        .prepare(`INSERT INTO changes (entity, entity_id, field, value, hlc, site_id, user_id, op_id) VALUES ('task', 'a', 'title', '"X"', ?, 'oldsite', NULL, 'op9')`)
        .run(STAMP(1)),
    ).toThrow(/UNIQUE constraint failed/);
    raw.close();
  });

  it('a version-4 file holding copies of one change (a bug) still opens: the earliest copy is kept', () => {
    const file = v4File([
      { id: 'a', field: 'title', value: '"A"', stamp: STAMP(1), op: 'first' },
      { id: 'b', field: 'title', value: '"B"', stamp: STAMP(1) },
      { id: 'a', field: 'title', value: '"A"', stamp: STAMP(1), op: 'copy' },
      { id: 'a', field: 'title', value: '"A"', stamp: STAMP(1), op: 'copy2' },
      { id: 'c', field: 'title', value: '"C"', stamp: STAMP(2) },
    ]);
    const s = openStore({ path: file });
    open.push(s);
    expect(logOf(s)).toEqual([
      [1, 'a', 'title', 'A', STAMP(1), 'first'],
      [2, 'b', 'title', 'B', STAMP(1), 'op1'],
      [5, 'c', 'title', 'C', STAMP(2), 'op1'],
    ]);
    // seq is AUTOINCREMENT: removed copies never give their numbers to new rows.
    s.applyRemote([{ entity: 'task', entityId: 'd', field: '_deleted', value: true, hlc: STAMP(3), siteId: 'oldsite', userId: null, opId: 'x' }]);
    expect(s.lastSeq()).toBe(6);
  });

  it('replays over a file that already has the new index (IF [NOT] EXISTS)', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.pragma('user_version = 4');
    expect(migrate(db)).toEqual({ from: 4, to: MIGRATIONS.length });
    expect(indexes(db)).toEqual(['changes_entity', 'changes_identity']);
  });
});
