import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LATEST_VERSION,
  openStore,
  StoreOpenError,
  type StoreOpenErrorCode,
  WriteError,
} from '../../../electron/core/store';
import { decodeHlc } from '../../../electron/core/store/hlc';
import { useTmpDir } from '../../helpers/tmp';
import { IDS } from '../../unit/store/fixtures';
import { makeDbFile, sha256, storeOpener } from './helpers';

const tmp = useTmpDir();
const stores = storeOpener();
afterEach(() => stores.closeAll());

/** Opening must throw StoreOpenError(code) and leave the file byte-for-byte unchanged. */
function expectRefused(file: string, code: StoreOpenErrorCode, opts: { readonly?: boolean; siteId?: string } = {}) {
  const before = sha256(file);
  let err: unknown;
  try {
    stores.open({ path: file, ...opts });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(StoreOpenError);
  const e = err as StoreOpenError;
  expect(e.code).toBe(code);
  expect(e.path).toBe(path.resolve(file));
  // Bilingual: a Vietnamese part, then the English part.
  expect(e.message).toMatch(/ \/ [A-Z]/);
  expect(sha256(file)).toBe(before);
  return e;
}

describe('openStore: new file', () => {
  it('creates the file at the latest version with the durability pragmas', () => {
    const file = path.join(tmp(), 'new.db');
    const s = stores.open({ path: file, siteId: 'site1' });
    expect(s.version).toBe(LATEST_VERSION);
    expect(s.siteId).toBe('site1');
    // Pragmas of the writer connection (the one that commits).
    const w = new Database(file, { readonly: true });
    expect(w.pragma('journal_mode', { simple: true })).toBe('wal');
    w.close();
    const writer = (s as unknown as { writerDb: Database.Database }).writerDb;
    expect(writer.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(writer.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(writer.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(s.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('an empty (0-byte) file is treated as a new database, like SQLite does', () => {
    const file = path.join(tmp(), 'empty.db');
    fs.writeFileSync(file, '');
    const s = stores.open({ path: file });
    expect(s.version).toBe(LATEST_VERSION);
  });

  it('store.db is read-only: writes must go through store.write()', () => {
    const s = stores.open({ path: path.join(tmp(), 'a.db') });
    expect(() => s.db.prepare(`INSERT INTO meta (key, value) VALUES ('x', '1')`).run()).toThrow(/readonly/i);
  });

  it('keeps its site id across reopen, and refuses a different one', () => {
    const file = path.join(tmp(), 'a.db');
    const s = stores.open({ path: file });
    const site = s.siteId;
    expect(site).toMatch(/^[0-9a-f]{16}$/);
    s.close();
    expect(stores.open({ path: file }).siteId).toBe(site);
    stores.closeAll();
    expectRefused(file, 'site_mismatch', { siteId: 'other' });
  });

  it('rejects a site id that could not be embedded in an HLC stamp', () => {
    expect(() => openStore({ path: path.join(tmp(), 'a.db'), siteId: 'a-b c' })).toThrow(RangeError);
  });

  it('the HLC never restarts below the last stamp, even with the clock set back', () => {
    const file = path.join(tmp(), 'a.db');
    const t0 = Date.UTC(2021, 11, 1);
    let s = stores.open({ path: file, clock: () => t0 });
    const r = s.write({ userId: null }, [{ op: 'create', entity: 'directive', fields: directive('1') }]);
    const last = s.changesSince(r.lastSeq! - 1)[0]!.hlc;
    s.close();
    s = stores.open({ path: file, clock: () => t0 - 86_400_000 }); // a day back
    const r2 = s.write({ userId: null }, [{ op: 'create', entity: 'directive', fields: directive('2') }]);
    const next = s.changesSince(r2.firstSeq! - 1)[0]!.hlc;
    expect(next > last).toBe(true);
    expect(decodeHlc(next).physical).toBe(t0);
  });
});

describe('openStore: refuses damaged or unknown files without touching them', () => {
  it('garbage bytes → not_a_database', () => {
    const file = path.join(tmp(), 'garbage.db');
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 251)));
    expectRefused(file, 'not_a_database');
  });

  it('a text file → not_a_database', () => {
    const file = path.join(tmp(), 'notes.db');
    fs.writeFileSync(file, 'Danh sách F0 phường Phúc Xá\n'.repeat(500));
    expectRefused(file, 'not_a_database');
  });

  it.each([
    ['to 50 bytes (inside the header)', () => 50],
    ['to one page', () => 4096],
    ['to half', (n: number) => Math.floor(n / 2)],
    ['by the last page', (n: number) => n - 4096],
  ])('a truncated file (%s) → corrupt', (_, cut) => {
    const dir = tmp();
    const file = makeDbFile(dir);
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeGreaterThan(3 * 4096);
    fs.writeFileSync(file, bytes.subarray(0, cut(bytes.length)));
    expectRefused(file, 'corrupt');
  });

  it('a page overwritten with zeros → corrupt', () => {
    const file = makeDbFile(tmp());
    const bytes = fs.readFileSync(file);
    bytes.fill(0, 4096 * 5, 4096 * 6);
    fs.writeFileSync(file, bytes);
    expectRefused(file, 'corrupt');
  });

  it('a file from a newer app version → too_new (read-only too)', () => {
    const file = makeDbFile(tmp());
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const e = expectRefused(file, 'too_new');
    expect(e.message).toMatch(/cập nhật|update/);
    expectRefused(file, 'too_new', { readonly: true });
  });

  it('another application’s SQLite file → foreign', () => {
    const file = path.join(tmp(), 'other.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (1);');
    db.close();
    expectRefused(file, 'foreign');
  });

  it('read-only open: missing file → not_found; older version → needs_migration (not migrated)', () => {
    const dir = tmp();
    expect(() => openStore({ path: path.join(dir, 'missing.db'), readonly: true })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    expect(fs.existsSync(path.join(dir, 'missing.db'))).toBe(false);
    const file = makeDbFile(dir);
    const db = new Database(file);
    db.exec('DROP TABLE settings; DROP INDEX changes_entity; DROP TABLE conflicts'); // undo migrations 002–004
    db.pragma('user_version = 1');
    db.close();
    expectRefused(file, 'needs_migration', { readonly: true });
    expect(stores.open({ path: file }).version).toBe(LATEST_VERSION); // a writable open migrates it
  });
});

describe('read-only store', () => {
  it('reads, but write() and setLocal() throw WriteError(readonly)', () => {
    const file = makeDbFile(tmp());
    const s = stores.open({ path: file, readonly: true });
    expect(s.get('facility', IDS.facility1)?.name).toBe('Bệnh viện Đống Đa');
    expect(() => s.write({ userId: null }, [{ op: 'delete', entity: 'facility', id: IDS.facility1 }])).toThrow(WriteError);
    expect(() => s.setLocal('x', 1)).toThrow(WriteError);
  });
});

function directive(code: string) {
  return { code, title: 'Chỉ thị', issuer: 'UBND', issuedDate: '2021-11-01', groups: [] };
}
