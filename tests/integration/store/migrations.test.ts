import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, migrate, type Migration } from '../../../electron/core/store';
import { useTmpDir } from '../../helpers/tmp';
import { IDS } from '../../unit/store/fixtures';
import { storeOpener } from './helpers';

const tmp = useTmpDir();
const stores = storeOpener();
afterEach(() => stores.closeAll());

const schemaOf = (db: Database.Database) =>
  db
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
    .all();

/**
 * Data a database at version `v` can hold, written with plain SQL as the app of that
 * version would have left it (the current write path needs the current schema).
 */
function seedAtVersion(db: Database.Database, v: number): void {
  if (v >= 1) {
    db.exec(`
      INSERT INTO meta (key, value) VALUES ('site_id', '"oldsite"'), ('hlc', '"001638316800000-0003-oldsite"');
      INSERT INTO admin_units (code, level, type, name, full_name, name_ascii, parent_code, population, area_km2)
        VALUES ('${IDS.ward}', 'ward', 'phuong', 'Phúc Xá', 'Phường Phúc Xá', 'Phuc Xa', NULL, 20000, 0.9);
      INSERT INTO case_reports (id, unit_code, date, new_community, new_quarantined, f0_home, f0_facility,
        f1_home_quarantine, need_oxygen, recovered, deaths, tests)
        VALUES ('${IDS.ward}:2021-12-01', '${IDS.ward}', '2021-12-01', 1, 2, 3, 4, 5, 6, 7, 8, 9);
      INSERT INTO changes (entity, entity_id, field, value, hlc, site_id, user_id, op_id)
        VALUES ('caseReport', '${IDS.ward}:2021-12-01', 'deaths', '8', '001638316800000-0003-oldsite', 'oldsite', NULL, 'op1');
      INSERT INTO ops (op_id, site_id, user_id, hlc, change_count, first_seq, last_seq)
        VALUES ('op1', 'oldsite', NULL, '001638316800000-0003-oldsite', 1, 1, 1);
    `);
  }
  if (v >= 2) db.exec(`INSERT INTO settings (key, value) VALUES ('report.deadline_hour', '17')`);
}

describe('migrations', () => {
  it('are numbered 1..N with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('from an empty database apply all, in one go or one at a time, to the same schema', () => {
    const all = new Database(':memory:');
    expect(migrate(all)).toEqual({ from: 0, to: LATEST_VERSION });
    const stepwise = new Database(':memory:');
    for (let v = 1; v <= LATEST_VERSION; v++) expect(migrate(stepwise, MIGRATIONS, v)).toEqual({ from: v - 1, to: v });
    expect(schemaOf(stepwise)).toEqual(schemaOf(all));
    expect(all.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(migrate(all)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION }); // idempotent
  });

  it.each(Array.from({ length: LATEST_VERSION + 1 }, (_, v) => v))(
    'a database at version %i opens with the current code, upgraded, data intact',
    (v) => {
      const file = path.join(tmp(), `v${v}.db`);
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      migrate(db, MIGRATIONS, v);
      seedAtVersion(db, v);
      db.close();

      const s = stores.open({ path: file });
      expect(s.version).toBe(LATEST_VERSION);
      if (v >= 1) {
        expect(s.siteId).toBe('oldsite');
        expect(s.get('caseReport', `${IDS.ward}:2021-12-01`)).toMatchObject({ deaths: 8, tests: 9, f0Home: 3 });
        expect(s.get('adminUnit', IDS.ward)?.areaKm2).toBe(0.9);
        expect(s.changesSince(0)).toHaveLength(1);
        // The old HLC is respected: new stamps sort after it.
        const r = s.write({ userId: null }, [{ op: 'update', entity: 'caseReport', id: `${IDS.ward}:2021-12-01`, fields: { deaths: 9 } }]);
        expect(s.changesSince(r.firstSeq! - 1)[0]!.hlc > '001638316800000-0003-oldsite').toBe(true);
      }
      if (v >= 2) expect(s.getSetting('report.deadline_hour')).toBe(17);
      // Features of every later migration work on the upgraded file.
      s.setSetting({ userId: null }, 'report.deadline_hour', 16);
      expect(s.getSetting('report.deadline_hour')).toBe(16);
      // Same schema as a database created fresh.
      const fresh = new Database(':memory:');
      migrate(fresh);
      expect(schemaOf(s.db)).toEqual(schemaOf(fresh));
    },
  );

  it('a failing migration rolls back completely: version, DDL and data', () => {
    const file = path.join(tmp(), 'fail.db');
    const db = new Database(file);
    migrate(db, MIGRATIONS, 1);
    const bad: Migration = {
      version: 2,
      name: 'half-done',
      up(d) {
        d.exec('CREATE TABLE settings (key TEXT PRIMARY KEY)');
        d.exec(`INSERT INTO meta (key, value) VALUES ('x', '1')`);
        throw new Error('boom');
      },
    };
    const before = schemaOf(db);
    db.pragma('foreign_keys = OFF');
    expect(() => migrate(db, [MIGRATIONS[0]!, bad])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(schemaOf(db)).toEqual(before);
    expect(db.prepare(`SELECT count(*) AS n FROM meta`).get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(0); // restored to what it was
    db.close();
  });

  it('a migration that breaks a foreign key is refused', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const breaking: Migration = {
      version: LATEST_VERSION + 1,
      name: 'dangling',
      up(d) {
        d.exec(`INSERT INTO facilities (id, name, kind, tier, unit_code, at_industrial_park, beds, icu_beds,
                  oxygen_outlets, ventilators, active, note)
                VALUES ('f', 'x', 'hospital', 1, '99999', 0, 0, 0, 0, 0, 1, '')`);
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, breaking])).toThrow(/foreign key/);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses badly numbered lists and newer databases', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ ...MIGRATIONS[0]!, version: 2 }])).toThrow(/expected 1/);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(/newer/);
  });

  it('the migration files are frozen by convention: 001 still creates the tables 002 expects', () => {
    // If someone edits 001 to create `settings`, 002 would fail on every existing install.
    const src = fs.readFileSync(path.resolve(__dirname, '../../../electron/core/store/migrations/001_initial.ts'), 'utf8');
    expect(src).not.toMatch(/CREATE TABLE settings/);
  });
});
