import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeHlc, openStore, type Store } from '../../../electron/core/store';
import { enrolDevice, SyncClient, SyncError } from '../../../electron/core/sync/client';
import { startHub, type AnyRunningHub } from '../../../electron/hub/server';
import { Scope, GLOBAL, ADMIN_ONLY, UNKNOWN } from '../../../electron/hub/scope';
import { useTmpDir } from '../../helpers/tmp';
import { IDS, SAMPLES, seedParents } from '../../unit/store/fixtures';
import { outbox, snapshot } from './helpers';
import { ensureReferenceData } from '../../../electron/core/seed/reference';
import { announcePgSkip, HUB_BACKENDS, hubLog, identity, sqliteStore, type HubBackendCase, type HubDb } from './hubBackends';

/**
 * Hub pieces on a real HTTP server in this process (limits that need a tuned clock or
 * config), once per storage backend (PostgreSQL when SABAN_TEST_PG is set).
 */

const tmp = useTmpDir();
let hub: AnyRunningHub | null = null;
let db: HubDb | null = null;
const stores: Store[] = [];
afterEach(async () => {
  await hub?.close();
  hub = null;
  await db?.drop();
  db = null;
  for (const s of stores.splice(0)) s.close();
});

async function enrolled(h: AnyRunningHub, name: string, role: 'operator' | 'district_reporter' = 'operator', districts: string[] = []) {
  const store = openStore({ path: path.join(tmp(), `${name}.db`), siteId: name });
  stores.push(store);
  const e = await enrolDevice(h.url, await h.backend.createCode(role, districts, 10), name, name);
  return { store, token: e.token };
}

announcePgSkip('hub in-process suite');
for (const backend of HUB_BACKENDS) inProcessSuite(backend);

function inProcessSuite(backend: HubBackendCase) {
  /** A hub on a fresh database of this backend. */
  const fresh = async (opts: { rateLimitPerMinute?: number; bodyLimitBytes?: number } = {}) => {
    db = await backend.fresh(tmp());
    return startHub({ ...db.opts, ...opts });
  };
  describe.skipIf(!!backend.skip)(`hub (in process, ${backend.name})`, () => {
    it('rate-limits each device (429) with a clear error', async () => {
      hub = await fresh({ rateLimitPerMinute: 3 });
      const { token } = await enrolled(hub, 'd1');
      const get = () => fetch(`${hub!.url}/sync/pull?cursor=0`, { headers: { authorization: `Bearer ${token}` } });
      for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
      const r = await get();
      expect(r.status).toBe(429);
      expect(await r.json()).toMatchObject({ error: { code: 'rate_limited' } });
    });

    it('pages pulls by cursor; filtered rows still move the cursor; own rows are not sent back', async () => {
      hub = await fresh();
      const op = await enrolled(hub, 'op');
      seedParents(op.store);
      op.store.write({ userId: null }, [{ op: 'upsert', entity: 'caseReport', fields: SAMPLES.caseReport.create }]);
      await new SyncClient(op.store, { hubUrl: hub.url, token: op.token }).syncNow();
      const top = await hub.backend.lastSeq();
      const hubStore = sqliteStore(hub);
      if (hubStore) {
        expect(top).toBe(op.store.lastSeq());
        expect(snapshot(hubStore)).toEqual(snapshot(op.store)); // the hub's rows are the merged state
      }
      // Either backend: the hub's log holds exactly the device's changes, with their stamps and values.
      const log = await hubLog(hub);
      expect(log).toHaveLength(op.store.lastSeq());
      expect(log.map(({ seq: _s, ...c }) => c)).toEqual(outbox(op.store));
      const pull = async (token: string, cursor: number, limit: number) =>
        (await (await fetch(`${hub!.url}/sync/pull?cursor=${cursor}&limit=${limit}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
          changes: unknown[];
          cursor: number;
          more: boolean;
        };
      expect((await pull(op.token, 0, 1000)).changes).toEqual([]); // its own
      const other = await enrolled(hub, 'other');
      const pages: number[] = [];
      let cursor = 0;
      for (;;) {
        const p = await pull(other.token, cursor, 3);
        pages.push(p.changes.length);
        cursor = p.cursor;
        if (!p.more) break;
      }
      expect(pages.reduce((x, y) => x + y, 0)).toBe(outbox(op.store).length);
      expect(cursor).toBe(top);
      // A reporter of another district: the report is hidden but the cursor still ends at the top.
      const rep = await enrolled(hub, 'rep', 'district_reporter', ['999']);
      const p = await pull(rep.token, 0, 1000);
      expect(p.cursor).toBe(top);
      expect(p.changes.some((c) => (c as { entity: string }).entity === 'caseReport')).toBe(false);
      expect(p.changes.some((c) => (c as { entity: string }).entity === 'adminUnit')).toBe(true);
    });

    it('splits pushes by size so no request exceeds the hub body limit', async () => {
      hub = await fresh({ bodyLimitBytes: 16 * 1024 });
      const d = await enrolled(hub, 'big');
      seedParents(d.store);
      const ring = Array.from({ length: 200 }, (_, i) => [105 + i / 1000, 21 + (i % 7) / 1000]);
      ring.push(ring[0]!);
      const zone = (i: number) => ({
        op: 'create' as const,
        entity: 'zone' as const,
        fields: { kind: 'lockdown', name: `Vùng ${i}`, unitCode: IDS.ward, geometry: { type: 'Polygon', coordinates: [ring] }, startDate: '2021-12-01', endDate: null, note: '' },
      });
      d.store.write({ userId: null }, Array.from({ length: 6 }, (_, i) => zone(i))); // one op of ~6 × 6 KB
      const sizes: number[] = [];
      const counting: typeof fetch = async (input, init) => {
        if (String(input).includes('/sync/push')) sizes.push(String(init?.body ?? '').length);
        return fetch(input, init);
      };
      await new SyncClient(d.store, { hubUrl: hub.url, token: d.token, fetch: counting, pushMaxBytes: 12 * 1024 }).syncNow();
      expect(sizes.length).toBeGreaterThan(1);
      for (const n of sizes) expect(n).toBeLessThan(16 * 1024);
      const zones = (await hubLog(hub)).filter((c) => c.entity === 'zone' && c.field === '_created');
      expect(zones).toHaveLength(6);
      expect(new Set(zones.map(identity)).size).toBe(6);
      const hubStore = sqliteStore(hub);
      if (hubStore) expect(hubStore.list('zone')).toHaveLength(6);
    });

    it('district scope through chained rows (status → facility → ward → district; a task and its comment in one push)', async () => {
      hub = await fresh();
      const op = await enrolled(hub, 'op');
      const opClient = new SyncClient(op.store, { hubUrl: hub.url, token: op.token });
      seedParents(op.store);
      const F3 = '0190a6f0-0000-7000-8000-0000000000f3';
      op.store.write({ userId: null }, [
        { op: 'create', entity: 'adminUnit', fields: { code: '002', level: 'district', type: 'quan', name: 'Hoàn Kiếm', fullName: 'Quận Hoàn Kiếm', nameAscii: 'Hoan Kiem', parentCode: IDS.province, population: 1000, areaKm2: 5 } },
        { op: 'create', entity: 'adminUnit', fields: { code: '00037', level: 'ward', type: 'phuong', name: 'Hàng Bạc', fullName: 'Phường Hàng Bạc', nameAscii: 'Hang Bac', parentCode: '002', population: 1000, areaKm2: 0.1 } },
        { op: 'create', entity: 'facility', id: F3, fields: { ...(op.store.get('facility', IDS.facility2) as Record<string, unknown>), id: undefined, name: 'Trạm y tế Hàng Bạc', unitCode: '00037' } },
        { op: 'create', entity: 'facilityStatus', fields: { ...SAMPLES.facilityStatus.create, facilityId: F3 } },
        { op: 'create', entity: 'facilityStatus', fields: { ...SAMPLES.facilityStatus.create, facilityId: IDS.facility2, bedsOccupied: 7 } },
      ]);
      await opClient.syncNow();
      const rep = await enrolled(hub, 'rep', 'district_reporter', [IDS.district]);
      const repClient = new SyncClient(rep.store, { hubUrl: hub.url, token: rep.token });
      await repClient.syncNow();
      expect(rep.store.get('facility', IDS.facility2)).toBeDefined(); // a ward of its district
      expect(rep.store.get('facility', F3)).toBeUndefined();
      expect(rep.store.list('facilityStatus').map((x) => x.facilityId)).toEqual([IDS.facility2]);
      // Its own district: a status of a ward facility, a task with its comment in the same push.
      rep.store.write({ userId: 'ur' }, [{ op: 'create', entity: 'facilityStatus', fields: { ...SAMPLES.facilityStatus.create, facilityId: IDS.facility2, bedsOccupied: 9 } }]);
      const t = rep.store.write({ userId: 'ur' }, [{ op: 'create', entity: 'task', fields: { ...SAMPLES.task.create, assigneeUnitCode: IDS.ward } }]).ids[0]!;
      rep.store.write({ userId: 'ur' }, [{ op: 'create', entity: 'taskUpdate', fields: { ...SAMPLES.taskUpdate.create, taskId: t, kind: 'comment', text: 'đã xử lý', fromStatus: null, toStatus: null } }]);
      await repClient.syncNow();
      await opClient.syncNow();
      expect(op.store.list('taskUpdate', { taskId: t }).map((u) => u.text)).toEqual(['đã xử lý']);
      expect(op.store.list('facilityStatus', { facilityId: IDS.facility2 }).map((x) => x.bedsOccupied).sort()).toEqual([7, 9]);
      // Another district's facility (crafted: the device does not even hold it): 403, nothing stored.
      const before = await hub.backend.lastSeq();
      const status = { ...SAMPLES.facilityStatus.create, facilityId: F3 };
      const change = { entity: 'facilityStatus', entityId: '0190a6f0-0000-7000-8000-0000000000f4', field: '_created', value: status, hlc: encodeHlc({ physical: Date.now(), counter: 0, siteId: 'rep' }), siteId: 'rep', userId: 'ur', opId: 'x1' };
      const res = await fetch(`${hub.url}/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${rep.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ schemaVersion: rep.store.version, ops: [{ opId: 'x1', changes: [change] }] }),
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'out_of_scope' } });
      // Out of scope AND invalid: the scope refusal comes first in both modes.
      const bad = { ...change, value: { ...status, bedsOccupied: 'nhiều' } };
      const res2 = await fetch(`${hub.url}/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${rep.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ schemaVersion: rep.store.version, ops: [{ opId: 'x1', changes: [bad] }] }),
      });
      expect(res2.status).toBe(403);
      expect(await hub.backend.lastSeq()).toBe(before);
    });

    it('devices with the shipped units (shared reference rows, never pushed): ward reports are scoped by the GSO list', async () => {
      hub = await fresh();
      const op = await enrolled(hub, 'op');
      const badinh = await enrolled(hub, 'badinh', 'district_reporter', ['001']);
      const hoankiem = await enrolled(hub, 'hoankiem', 'district_reporter', ['002']);
      for (const d of [op, badinh, hoankiem]) ensureReferenceData(d.store);
      const client = (d: { store: Store; token: string }) => new SyncClient(d.store, { hubUrl: hub!.url, token: d.token });
      const report = (unitCode: string) => ({ op: 'upsert' as const, entity: 'caseReport' as const, fields: { ...SAMPLES.caseReport.create, unitCode, date: '2021-12-01' } });
      badinh.store.write({ userId: null }, [report('00001')]); // Phường Phúc Xá, Ba Đình
      await client(badinh).syncNow();
      // Only the report went up: the 610 reference rows are everyone's already.
      expect((await hubLog(hub)).map((c) => c.entity)).toEqual(['caseReport']);
      await client(op).syncNow();
      await client(hoankiem).syncNow();
      expect(op.store.get('caseReport', '00001:2021-12-01')).toBeDefined();
      expect(hoankiem.store.get('caseReport', '00001:2021-12-01')).toBeUndefined();
      // Hoàn Kiếm's device may not report for a Ba Đình ward.
      hoankiem.store.write({ userId: null }, [report('00004')]); // Phường Trúc Bạch, Ba Đình
      await expect(client(hoankiem).syncNow()).rejects.toMatchObject({ status: 403 });
    });

    it('a task reassigned INTO a reporter\'s district reaches that device whole, with its follow-ups', async () => {
      hub = await fresh();
      const op = await enrolled(hub, 'op');
      const badinh = await enrolled(hub, 'badinh', 'district_reporter', ['001']);
      for (const d of [op, badinh]) ensureReferenceData(d.store);
      const client = (d: { store: Store; token: string }) => new SyncClient(d.store, { hubUrl: hub!.url, token: d.token });
      const t = op.store.write({ userId: null }, [{ op: 'create', entity: 'task', fields: { ...SAMPLES.task.create, assigneeUnitCode: '002', placeUnitCode: null, parentTaskId: null, directiveId: null, placeFacilityId: null } }]).ids[0]!;
      op.store.write({ userId: null }, [{ op: 'create', entity: 'taskUpdate', fields: { ...SAMPLES.taskUpdate.create, taskId: t, kind: 'comment', text: 'Hoàn Kiếm đã nhận', fromStatus: null, toStatus: null } }]);
      await client(op).syncNow();
      await client(badinh).syncNow();
      expect(badinh.store.get('task', t)).toBeUndefined(); // Hoàn Kiếm's task
      op.store.write({ userId: null }, [{ op: 'update', entity: 'task', id: t, fields: { assigneeUnitCode: '001', title: 'Chuyển cho Ba Đình' } }]);
      await client(op).syncNow();
      await client(badinh).syncNow();
      expect(badinh.store.get('task', t)).toMatchObject({ assigneeUnitCode: '001', title: 'Chuyển cho Ba Đình' });
      expect(badinh.store.list('taskUpdate', { taskId: t }).map((u) => u.text)).toEqual(['Hoàn Kiếm đã nhận']);
      // Nothing from other districts came along.
      expect(badinh.store.list('task').map((x) => x.id)).toEqual([t]);
    });

    it('a push that would give two live users the same username is refused (400 naming the field), nothing stored', async () => {
      hub = await fresh();
      const a = await enrolled(hub, 'ua');
      const b = await enrolled(hub, 'ub');
      a.store.write({ userId: null }, [{ op: 'create', entity: 'user', fields: SAMPLES.user.create }]);
      b.store.write({ userId: null }, [{ op: 'create', entity: 'user', fields: { ...SAMPLES.user.create, username: 'NguyenVanA' } }]);
      await new SyncClient(a.store, { hubUrl: hub.url, token: a.token }).push();
      const before = await hub.backend.lastSeq();
      const bClient = new SyncClient(b.store, { hubUrl: hub.url, token: b.token });
      const err = await bClient.push().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SyncError);
      expect(err).toMatchObject({ status: 400, code: 'invalid', message: expect.stringMatching(/username/) });
      expect(await hub.backend.lastSeq()).toBe(before);
      // Renamed: accepted.
      const id = b.store.list('user')[0]!.id;
      b.store.write({ userId: null }, [{ op: 'update', entity: 'user', id, fields: { username: 'nguyenvanb' } }]);
      // The rename travels with the create (same push): the merged username is unique.
      await expect(bClient.push()).resolves.toBe(2);
    });
  });
}

describe('hub scope (rows of the SQLite store)', () => {
  it('derives districts from unit codes (ward → parent district), parent rows and the change itself', async () => {
    const store = openStore({ path: path.join(tmp(), 's.db') });
    stores.push(store);
    seedParents(store);
    const scope = new Scope(store);
    expect(scope.districtsOf({ entity: 'caseReport', entityId: `${IDS.ward}:2021-12-01`, field: '_created', value: SAMPLES.caseReport.create })).toEqual([IDS.district]);
    expect(scope.districtsOf({ entity: 'directive', entityId: IDS.directive, field: 'title', value: 'x' })).toEqual([GLOBAL]);
    expect(scope.districtsOf({ entity: 'user', entityId: 'u', field: 'role', value: 'admin' })).toEqual([ADMIN_ONLY]);
    expect(scope.districtsOf({ entity: 'facility', entityId: IDS.facility1, field: 'beds', value: 1 })).toEqual([IDS.district]);
    // Moving a facility to another district touches both.
    expect(scope.districtsOf({ entity: 'facility', entityId: IDS.facility1, field: 'unitCode', value: '002' }).sort()).toEqual([IDS.district, '002']);
    expect(scope.districtsOf({ entity: 'facility', entityId: 'nope', field: 'beds', value: 1 })).toEqual([UNKNOWN]);
    // A task created in the same push as its comment.
    const taskId = IDS.task;
    const c = { entity: 'taskUpdate', entityId: 'x', field: '_created', value: { ...SAMPLES.taskUpdate.create, taskId } };
    expect(scope.districtsOf(c)).toEqual([UNKNOWN]);
    scope.remember({ entity: 'task', entityId: taskId, field: '_created', value: { ...SAMPLES.task.create, assigneeUnitCode: IDS.ward } });
    expect(scope.districtsOf(c)).toEqual([IDS.district]);
    expect(scope.mayPush([IDS.district], c)).toBe(true);
    expect(scope.mayPush(['002'], c)).toBe(false);
  });
});
