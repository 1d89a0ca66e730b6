import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/core/store';
import { enrolDevice, SyncClient } from '../../../electron/core/sync/client';
import { startHub, type RunningHub } from '../../../electron/hub/server';
import { Scope, GLOBAL, ADMIN_ONLY, UNKNOWN } from '../../../electron/hub/scope';
import { useTmpDir } from '../../helpers/tmp';
import { IDS, SAMPLES, seedParents } from '../../unit/store/fixtures';
import { outbox, snapshot } from './helpers';

/** Hub pieces on a real HTTP server in this process (limits that need a tuned clock or config). */

const tmp = useTmpDir();
let hub: RunningHub | null = null;
const stores: Store[] = [];
afterEach(async () => {
  await hub?.close();
  hub = null;
  for (const s of stores.splice(0)) s.close();
});

async function enrolled(h: RunningHub, name: string, role: 'operator' | 'district_reporter' = 'operator', districts: string[] = []) {
  const store = openStore({ path: path.join(tmp(), `${name}.db`), siteId: name });
  stores.push(store);
  const e = await enrolDevice(h.url, h.auth.createCode(role, districts, 10), name, name);
  return { store, token: e.token };
}

describe('hub (in process)', () => {
  it('rate-limits each device (429) with a clear error', async () => {
    hub = await startHub({ dbPath: path.join(tmp(), 'hub.db'), rateLimitPerMinute: 3 });
    const { token } = await enrolled(hub, 'd1');
    const get = () => fetch(`${hub!.url}/sync/pull?cursor=0`, { headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
    const r = await get();
    expect(r.status).toBe(429);
    expect(await r.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('pages pulls by cursor; filtered rows still move the cursor; own rows are not sent back', async () => {
    hub = await startHub({ dbPath: path.join(tmp(), 'hub.db') });
    const op = await enrolled(hub, 'op');
    seedParents(op.store);
    op.store.write({ userId: null }, [{ op: 'upsert', entity: 'caseReport', fields: SAMPLES.caseReport.create }]);
    await new SyncClient(op.store, { hubUrl: hub.url, token: op.token }).syncNow();
    expect(hub.store.lastSeq()).toBe(op.store.lastSeq());
    expect(snapshot(hub.store)).toEqual(snapshot(op.store)); // the hub's rows are the merged state
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
    expect(cursor).toBe(hub.store.lastSeq());
    // A reporter of another district: the report is hidden but the cursor still ends at the top.
    const rep = await enrolled(hub, 'rep', 'district_reporter', ['999']);
    const p = await pull(rep.token, 0, 1000);
    expect(p.cursor).toBe(hub.store.lastSeq());
    expect(p.changes.some((c) => (c as { entity: string }).entity === 'caseReport')).toBe(false);
    expect(p.changes.some((c) => (c as { entity: string }).entity === 'adminUnit')).toBe(true);
  });

  it('splits pushes by size so no request exceeds the hub body limit', async () => {
    hub = await startHub({ dbPath: path.join(tmp(), 'hub.db'), bodyLimitBytes: 16 * 1024 });
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
    expect(hub.store.list('zone')).toHaveLength(6);
  });

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
