import crypto from 'node:crypto';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_PUSHED_SEQ_KEY, type Store } from '../../../electron/core/store';
import {
  BundleError,
  exportBundle,
  importBundle,
  previewBundle,
  readBundle,
  type BundleErrorCode,
} from '../../../electron/core/sync/bundle';
import { enrolDevice, SyncClient } from '../../../electron/core/sync/client';
import { startHub, type RunningHub } from '../../../electron/hub/server';
import { useTmpDir } from '../../helpers/tmp';
import { IDS, SAMPLES, seedParents } from '../../unit/store/fixtures';
import { storeOpener } from '../store/helpers';
import { exchange, outbox, snapshot } from './helpers';

/**
 * Changes carried on a file ("USB stick") between real SQLite stores, and the same stores
 * then syncing through a real hub on 127.0.0.1.
 */

const tmp = useTmpDir();
const stores = storeOpener();
const hubs: RunningHub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close();
  stores.closeAll();
});

function open(dir: string, site: string, clock?: () => number): Store {
  return stores.open({ path: path.join(dir, `${site}.db`), siteId: site, ...(clock ? { clock } : {}) });
}

/** The file's JSON document (independent of bundle.ts: plain zlib + JSON). */
interface Doc {
  header: Record<string, unknown>;
  changes: Array<Record<string, unknown>>;
}
const unpack = (bytes: Uint8Array) => JSON.parse(zlib.gunzipSync(bytes).toString('utf8')) as Doc;
const sha = (changes: unknown) => crypto.createHash('sha256').update(JSON.stringify(changes), 'utf8').digest('hex');
/** Re-pack an edited document; `resign` recomputes count and checksum (a consistent but edited file). */
function repack(doc: Doc, resign: boolean): Buffer {
  if (resign) doc.header = { ...doc.header, count: doc.changes.length, sha256: sha(doc.changes) };
  return zlib.gzipSync(Buffer.from(JSON.stringify(doc), 'utf8'));
}

/** Identities (stamp, entity, id, field) occurring more than once in a store's log. */
function duplicateIdentities(s: Store): number {
  return (
    s.db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM changes GROUP BY hlc, entity, entity_id, field HAVING count(*) > 1)').get() as {
      n: number;
    }
  ).n;
}

const identities = (s: Store) => new Set(outbox(s).map((c) => `${c.hlc}|${c.entity}|${c.entityId}|${c.field}`));

describe('changes bundle (USB)', () => {
  it('export on A, import on B: same rows and same log; preview first; re-import records nothing', () => {
    const dir = tmp();
    const a = open(dir, 'siteA');
    const b = open(dir, 'siteB');
    seedParents(a);
    a.write({ userId: 'ua' }, [{ op: 'upsert', entity: 'caseReport', fields: SAMPLES.caseReport.create }]);
    a.write({ userId: 'ua' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Đã sửa ở A' } }]);
    a.write({ userId: 'ua' }, [{ op: 'delete', entity: 'facility', id: IDS.facility2 }]);

    const file = exportBundle(a, { scope: 'all' });
    expect(file.count).toBe(a.lastSeq());
    expect(file.fileName).toMatch(/^saban-thay-doi-tat-ca-siteA-\d{8}-\d{4}\.sabanchanges$/);
    // Header and rows as documented; checksum verified independently.
    const doc = unpack(file.bytes);
    expect(doc.header).toMatchObject({ format: 'saban-changes', formatVersion: 1, schemaVersion: a.version, siteId: 'siteA', scope: 'all', count: file.count });
    expect(doc.header.sha256).toBe(sha(doc.changes));
    expect(doc.changes).toEqual(outbox(a));
    expect(doc.changes.every((c) => !('seq' in c))).toBe(true);

    const p = previewBundle(b, file.bytes);
    expect(p).toMatchObject({ siteId: 'siteA', schemaVersion: a.version, count: file.count, alreadyHave: 0, toApply: file.count, ownSite: false });
    expect(p.entities).toMatchObject({ adminUnit: 3, facility: 3, directive: 1, task: 2, caseReport: 1 });
    expect(b.lastSeq()).toBe(0); // preview wrote nothing

    const r = importBundle(b, file.bytes);
    expect(r).toMatchObject({ received: file.count, recorded: file.count, duplicates: 0, conflicts: 0, skewed: [] });
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(outbox(b)).toEqual(outbox(a)); // original stamps, sites, users, op ids
    expect(b.get('task', IDS.parentTask)?.title).toBe('Đã sửa ở A');
    expect(b.get('facility', IDS.facility2)).toBeUndefined();
    expect(r.header).toMatchObject({ siteId: 'siteA', count: file.count });

    const seq = b.lastSeq();
    const again = importBundle(b, file.bytes);
    expect(again).toMatchObject({ recorded: 0, duplicates: file.count, conflicts: 0 });
    expect(again.changed).toEqual([]);
    expect(b.lastSeq()).toBe(seq);
    expect(previewBundle(b, file.bytes)).toMatchObject({ alreadyHave: file.count, toApply: 0, entities: {} });
  });

  it("'pending' = this site's rows the hub has not acknowledged, nothing received from others", () => {
    const dir = tmp();
    const a = open(dir, 'siteA');
    const b = open(dir, 'siteB');
    seedParents(a);
    exchange(a, b); // A's seed counts as pushed
    b.write({ userId: 'ub' }, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 250 } }]);
    exchange(b, a); // A's log now holds a row of site B
    a.write({ userId: 'ua' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Mới' } }]);
    a.write({ userId: 'ua' }, [{ op: 'upsert', entity: 'caseReport', fields: SAMPLES.caseReport.create }]);

    const file = exportBundle(a, { scope: 'pending' });
    expect(file.fileName).toMatch(/^saban-thay-doi-siteA-\d{8}-\d{4}\.sabanchanges$/);
    const rows = unpack(file.bytes).changes;
    expect(file.count).toBe(2);
    expect(rows.map((c) => [c.entity, c.field, c.siteId])).toEqual([
      ['task', 'title', 'siteA'],
      ['caseReport', '_created', 'siteA'],
    ]);
    // Exporting does not acknowledge anything: the rows still go to the hub later.
    expect(a.getLocal(SYNC_PUSHED_SEQ_KEY)).toBe(a.lastSeq() - 3);
    expect(exportBundle(a, { scope: 'pending' }).count).toBe(2);

    const r = importBundle(b, file.bytes);
    expect(r.recorded).toBe(2);
    expect(snapshot(b)).toEqual(snapshot(a));
    // Nothing pending: a valid, empty file.
    a.setLocal(SYNC_PUSHED_SEQ_KEY, a.lastSeq());
    const empty = exportBundle(a, { scope: 'pending' });
    expect(empty.count).toBe(0);
    expect(importBundle(b, empty.bytes).recorded).toBe(0);
  });

  it('importing a bundle made by this same site is harmless', () => {
    const a = open(tmp(), 'siteA');
    seedParents(a);
    a.write({ userId: 'ua' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'X' } }]);
    const before = snapshot(a);
    const seq = a.lastSeq();
    const file = exportBundle(a, { scope: 'all' });
    expect(previewBundle(a, file.bytes)).toMatchObject({ ownSite: true, toApply: 0, alreadyHave: file.count });
    expect(importBundle(a, file.bytes)).toMatchObject({ recorded: 0, duplicates: file.count, conflicts: 0 });
    expect(a.lastSeq()).toBe(seq);
    expect(snapshot(a)).toEqual(before);
    expect(a.conflicts()).toEqual([]);
  });

  it("stamps far in the future: applied like the hub's applyRemote does, and reported as skewed", () => {
    const dir = tmp();
    const now = Date.now();
    const a = open(dir, 'siteA', () => now + 3 * 86_400_000); // A's clock is three days ahead
    const b = open(dir, 'siteB', () => now);
    seedParents(a);
    const r = importBundle(b, exportBundle(a, { scope: 'all' }).bytes);
    expect(r.recorded).toBe(a.lastSeq());
    expect(r.skewed).toHaveLength(1);
    expect(snapshot(b)).toEqual(snapshot(a));
    // B's next edit still sorts after everything it has seen.
    b.write({ userId: 'ub' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Sau' } }]);
    expect(b.changesSince(b.lastSeq() - 1)[0]!.hlc > outbox(a).at(-1)!.hlc).toBe(true);
  });

  describe('damaged or foreign files are refused with a clear error and nothing is written', () => {
    function setup() {
      const dir = tmp();
      const a = open(dir, 'siteA');
      const b = open(dir, 'siteB');
      seedParents(a);
      a.write({ userId: 'ua' }, [{ op: 'upsert', entity: 'caseReport', fields: SAMPLES.caseReport.create }]);
      return { a, b, file: exportBundle(a, { scope: 'all' }) };
    }

    function refused(b: Store, bytes: Uint8Array, code: BundleErrorCode, message: RegExp): BundleError {
      const seq = b.lastSeq();
      const before = snapshot(b);
      let err: unknown;
      try {
        importBundle(b, bytes);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(BundleError);
      expect((err as BundleError).code).toBe(code);
      expect((err as BundleError).message).toMatch(message);
      expect((err as BundleError).message).toMatch(/ \/ /); // Vietnamese / English
      expect(() => previewBundle(b, bytes)).toThrow(BundleError);
      expect(b.lastSeq()).toBe(seq);
      expect(snapshot(b)).toEqual(before);
      return err as BundleError;
    }

    it('not gzip, truncated, corrupted bytes, not JSON', () => {
      const { b, file } = setup();
      refused(b, Buffer.from('{"header":{}}'), 'not_gzip', /không phải gzip/);
      refused(b, Buffer.alloc(0), 'not_gzip', /not gzip/);
      refused(b, file.bytes.subarray(0, Math.floor(file.bytes.length / 2)), 'truncated', /cắt cụt.*truncated/);
      const flipped = Buffer.from(file.bytes);
      for (let i = 40; i < 60; i++) flipped[i]! ^= 0x5a;
      refused(b, flipped, 'corrupt', /bị hỏng.*corrupt/);
      const crc = Buffer.from(file.bytes);
      crc[crc.length - 6]! ^= 0xff; // data intact, CRC-32 wrong
      refused(b, crc, 'corrupt', /corrupt/);
      refused(b, zlib.gzipSync(Buffer.from('not json at all')), 'not_json', /JSON/);
    });

    it('tampered payload (checksum), count, wrong format, newer format, newer schema, bad header', () => {
      const { a, b, file } = setup();
      const tampered = unpack(file.bytes);
      (tampered.changes.at(-1)!.value as Record<string, unknown>).newCommunity = 999;
      refused(b, repack(tampered, false), 'checksum', /SHA-256.*checksum/i);

      const dropped = unpack(file.bytes);
      dropped.changes.pop();
      refused(b, repack(dropped, false), 'count_mismatch', /\d+ ≠ \d+/);

      refused(b, zlib.gzipSync(Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [] }))), 'wrong_format', /Sa Bàn/);
      const other = unpack(file.bytes);
      other.header.format = 'saban-backup';
      refused(b, repack(other, true), 'wrong_format', /"saban-backup"/);

      const newer = unpack(file.bytes);
      newer.header.formatVersion = 2;
      refused(b, repack(newer, true), 'format_too_new', /mới hơn.*newer.*2 > 1/);

      const schema = unpack(file.bytes);
      schema.header.schemaVersion = a.version + 1;
      const e = refused(b, repack(schema, true), 'schema_too_new', new RegExp(`${a.version + 1} > ${b.version}`));
      expect(e.message).toMatch(/cập nhật ứng dụng/);
      // readBundle alone does not know the store: the file itself is fine.
      expect(readBundle(repack(schema, true)).changes).toHaveLength(file.count);

      const header = unpack(file.bytes);
      header.header.createdAt = 'hôm qua';
      const he = refused(b, repack(header, true), 'bad_header', /createdAt/);
      expect(he.field).toBe('createdAt');
    });

    it('one invalid row among valid ones: the whole file is refused, naming the index and field', () => {
      const { b, file } = setup();
      const doc = unpack(file.bytes);
      const last = doc.changes.length - 1;
      (doc.changes[last]!.value as Record<string, unknown>).newCommunity = -5;
      const e = refused(b, repack(doc, true), 'bad_change', new RegExp(`changes\\[${last}\\]\\) caseReport "${IDS.ward}:2021-12-01", trường/field "newCommunity"`));
      expect(e.index).toBe(last);
      expect(e.field).toBe('newCommunity');
      // readBundle (full check, used by preview) names the row the same way.
      expect(() => readBundle(repack(doc, true))).toThrow(e.message);

      const shape = unpack(file.bytes);
      delete shape.changes[2]!.hlc;
      expect(refused(b, repack(shape, true), 'bad_change', /#3 \(changes\[2\]\).*"hlc"/).index).toBe(2);

      const entity = unpack(file.bytes);
      entity.changes[1]!.entity = 'spaceship';
      expect(refused(b, repack(entity, true), 'bad_change', /changes\[1\].*unknown entity/).field).toBeNull();

      // A stamp of another site than the row claims (a forged row).
      const forged = unpack(file.bytes);
      forged.changes[0]!.siteId = 'siteZ';
      refused(b, repack(forged, true), 'bad_change', /changes\[0\].*"hlc"/);
    });
  });

  it('concurrent edits through bundles give the same LWW result as through a hub', async () => {
    // Two worlds with the same sites, clocks and edits: one exchanges files, one syncs via a hub.
    const start = Date.now() - 60_000;
    const world = (dir: string) => {
      const t = { a: start, b: start };
      return { t, a: open(dir, 'siteA', () => t.a), b: open(dir, 'siteB', () => t.b) };
    };
    const edit = (w: ReturnType<typeof world>) => {
      w.t.a += 1000;
      w.t.b += 2000; // B edits the title later: B's title wins
      w.a.write({ userId: 'ua' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Tiêu đề của A', priority: 'high' } }]);
      w.b.write({ userId: 'ub' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Tiêu đề của B', status: 'done' } }]);
      w.b.write({ userId: 'ub' }, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 300 } }]);
      w.t.a += 2000; // A's beds later than B's: A's wins
      w.a.write({ userId: 'ua' }, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 444 } }]);
      w.b.write({ userId: 'ub' }, [{ op: 'delete', entity: 'facility', id: IDS.facility2 }]);
    };

    // World 1: files only.
    const f = world(tmp());
    seedParents(f.a);
    importBundle(f.b, exportBundle(f.a, { scope: 'pending' }).bytes);
    f.a.setLocal(SYNC_PUSHED_SEQ_KEY, f.a.lastSeq()); // as if A had handed it over
    edit(f);
    const fromA = exportBundle(f.a, { scope: 'pending' });
    const fromB = exportBundle(f.b, { scope: 'pending' });
    expect(fromA.count).toBe(3); // title, priority, beds
    expect(fromB.count).toBe(4);
    const atB = importBundle(f.b, fromA.bytes);
    const atA = importBundle(f.a, fromB.bytes);
    expect(atB.conflicts + atA.conflicts).toBeGreaterThan(0);

    // World 2: a hub.
    const h = world(tmp());
    const hub = await newHub();
    const ca = await client(hub, h.a);
    const cb = await client(hub, h.b);
    seedParents(h.a);
    await ca.syncNow();
    await cb.syncNow();
    edit(h);
    for (let round = 0; round < 2; round++) for (const c of [ca, cb]) await c.syncNow();

    const s = snapshot(h.a);
    expect(snapshot(h.b)).toEqual(s);
    expect(snapshot(f.a)).toEqual(s);
    expect(snapshot(f.b)).toEqual(s);
    const task = f.a.get('task', IDS.parentTask)!;
    expect([task.title, task.priority, task.status]).toEqual(['Tiêu đề của B', 'high', 'done']);
    expect(f.a.get('facility', IDS.facility1)?.beds).toBe(444);
    expect(f.a.get('facility', IDS.facility2)).toBeUndefined();
    // The losing title is recorded in both worlds (on whichever device saw the other's edit
    // while its own was unpushed: with files both do; with the hub the one that pulled second).
    const lost = (...ss: Store[]) => ss.flatMap((x) => x.conflicts({ entityId: IDS.parentTask }).map((c) => [c.field, c.losingValue]));
    expect(lost(f.a)).toContainEqual(['title', 'Tiêu đề của A']);
    expect(lost(f.b)).toContainEqual(['title', 'Tiêu đề của A']);
    expect(lost(h.a, h.b)).toContainEqual(['title', 'Tiêu đề của A']);
  });

  it('after an A→B bundle, A, B and a third device all sync with a real hub: nothing duplicated, nothing lost', async () => {
    const dir = tmp();
    const hub = await newHub();
    const a = open(dir, 'siteA');
    const b = open(dir, 'siteB');
    const c = open(dir, 'siteC');
    const [ca, cb, cc] = [await client(hub, a), await client(hub, b), await client(hub, c)];

    // A works offline and hands everything to B on a stick.
    seedParents(a);
    a.write({ userId: 'ua' }, [{ op: 'upsert', entity: 'caseReport', fields: SAMPLES.caseReport.create }]);
    const aRows = a.lastSeq();
    expect(importBundle(b, exportBundle(a, { scope: 'pending' }).bytes).recorded).toBe(aRows);
    // B builds on A's rows, then reaches the hub FIRST: it pushes only its own rows.
    b.write({ userId: 'ub' }, [{ op: 'create', entity: 'taskUpdate', id: UPDATE_ID, fields: SAMPLES.taskUpdate.create }]);
    b.write({ userId: 'ub' }, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 321 } }]);
    const bRound1 = await cb.syncNow();
    expect(bRound1.pushed).toBe(2);
    expect(cb.status().pending).toBe(0);
    // A still holds its rows as pending (the file did not acknowledge them) and pushes them itself.
    expect(ca.status().pending).toBe(aRows);
    const aRound = await ca.syncNow();
    expect(aRound).toMatchObject({ pulled: 2, pushed: aRows });
    // B pulls A's rows from the hub: it already has every one of them.
    expect((await cb.syncNow()).pulled).toBe(0);
    await cc.syncNow();
    for (const x of [ca, cb, cc]) await x.syncNow();

    const s = snapshot(a);
    expect(snapshot(b)).toEqual(s);
    expect(snapshot(c)).toEqual(s);
    expect(a.get('facility', IDS.facility1)?.beds).toBe(321);
    expect(c.get('taskUpdate', UPDATE_ID)?.taskId).toBe(IDS.parentTask); // B's child of A's task
    expect(c.get('caseReport', `${IDS.ward}:2021-12-01`)?.newCommunity).toBe(SAMPLES.caseReport.create.newCommunity);
    // Every change exactly once everywhere, and everyone holds the same set.
    for (const x of [a, b, c]) expect(duplicateIdentities(x)).toBe(0);
    expect(identities(b)).toEqual(identities(a));
    expect(identities(c)).toEqual(identities(a));
    expect(c.lastSeq()).toBe(aRows + 2);
    // The hub's log as a fresh device sees it: every change once.
    const hubRows = await pullAll(hub, (await enrol(hub, 'siteD')).token);
    expect(hubRows).toHaveLength(aRows + 2);
    expect(new Set(hubRows.map((r) => `${r.hlc}|${r.entity}|${r.entityId}|${r.field}`)).size).toBe(aRows + 2);
  });
});

// ------------------------------------------------------------------- hub helpers (public API only)

const ADMIN = 'bundle-test-admin';
const UPDATE_ID = '0190a6f0-0000-7000-8000-0000000000b1';

async function newHub(): Promise<RunningHub> {
  const hub = await startHub({ dbPath: path.join(tmp(), 'hub.db'), adminToken: ADMIN });
  hubs.push(hub);
  return hub;
}

async function enrol(hub: RunningHub, site: string) {
  const res = await fetch(`${hub.url}/admin/enrolment-codes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'operator' }),
  });
  expect(res.status).toBe(200);
  const { code } = (await res.json()) as { code: string };
  return enrolDevice(hub.url, code, `Máy ${site}`, site);
}

async function client(hub: RunningHub, store: Store): Promise<SyncClient> {
  const e = await enrol(hub, store.siteId);
  return new SyncClient(store, { hubUrl: hub.url, token: e.token });
}

async function pullAll(hub: RunningHub, token: string) {
  const out: Array<{ hlc: string; entity: string; entityId: string; field: string }> = [];
  let cursor = 0;
  for (;;) {
    const res = await fetch(`${hub.url}/sync/pull?cursor=${cursor}&limit=3`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await res.json()) as { changes: typeof out; cursor: number; more: boolean };
    out.push(...page.changes);
    cursor = page.cursor;
    if (!page.more) return out;
  }
}
