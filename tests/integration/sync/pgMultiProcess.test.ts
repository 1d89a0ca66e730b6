import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/core/store';
import { enrolDevice, SyncClient } from '../../../electron/core/sync/client';
import { makeTmpDir, removeDir } from '../../helpers/tmp';
import { IDS, SAMPLES, seedParents } from '../../unit/store/fixtures';
import { outbox, snapshot } from './helpers';
import { freshPgSchema, identity, PG_SKIP_REASON, PG_URL } from './hubBackends';
import { startHubProcess, type HubProcess } from './hubProcess';

/**
 * Several STATELESS hub processes on one PostgreSQL database: two real `npm run hub -- --pg`
 * child processes (started at the same moment on an empty schema: table creation must not
 * race), three devices spread over them, offline edits, concurrent rounds; everything ends
 * identical. Enrolment state is shared: a code used through one process is spent for the
 * other, a token works on both, a revocation on one is effective on the other.
 */

if (PG_SKIP_REASON) console.log(`[pg multi-process] skipped: ${PG_SKIP_REASON}`);

const ADMIN = 'admin-secret-pg2';

describe.skipIf(!PG_URL)('two hub processes on one PostgreSQL database', () => {
  let dir: string;
  let drop: () => Promise<void>;
  let h1: HubProcess;
  let h2: HubProcess;
  const stores: Store[] = [];

  beforeAll(async () => {
    dir = makeTmpDir('saban-pg2-');
    const s = await freshPgSchema();
    drop = s.drop;
    [h1, h2] = await Promise.all([
      startHubProcess(['--pg', s.url, '--admin-token', ADMIN]),
      startHubProcess(['--pg', s.url, '--admin-token', ADMIN]),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([h1?.stop(), h2?.stop()]);
    for (const s of stores) s.close();
    await drop?.();
    if (dir) removeDir(dir);
  });

  const code = async (hub: HubProcess, role = 'operator') => {
    const res = await fetch(`${hub.url}/admin/enrolment-codes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { code: string }).code;
  };

  async function device(name: string, hub: HubProcess) {
    const store = openStore({ path: path.join(dir, `${name}.db`), siteId: name });
    stores.push(store);
    const e = await enrolDevice(hub.url, await code(hub), name, name);
    return { store, token: e.token, deviceId: e.deviceId, client: new SyncClient(store, { hubUrl: hub.url, token: e.token, pullLimit: 7, pushBatch: 5 }) };
  }

  it('shares enrolment: a code spent on one process is spent on the other; a token works on both; revocation everywhere', async () => {
    const c = await code(h1);
    await enrolDevice(h2.url, c, 'x', 'siteX');
    await expect(enrolDevice(h1.url, c, 'y', 'siteY')).rejects.toMatchObject({ status: 403, code: 'bad_code' });
    await expect(enrolDevice(h1.url, await code(h2), 'x2', 'siteX')).rejects.toMatchObject({ status: 409, code: 'site_taken' });
    const d = await device('devT', h1);
    for (const h of [h1, h2]) {
      expect((await fetch(`${h.url}/sync/pull?cursor=0`, { headers: { authorization: `Bearer ${d.token}` } })).status).toBe(200);
    }
    const rev = await fetch(`${h2.url}/admin/devices/${d.deviceId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(rev.status).toBe(200);
    expect((await fetch(`${h1.url}/sync/pull?cursor=0`, { headers: { authorization: `Bearer ${d.token}` } })).status).toBe(401);
  });

  it('three devices spread over the two processes, offline edits and concurrent rounds, converge to identical state', async () => {
    const a = await device('devA', h1);
    const b = await device('devB', h2);
    const c = await device('devC', h1);
    // C later talks to the other process with the same token (stateless hubs behind a balancer).
    const c2 = new SyncClient(c.store, { hubUrl: h2.url, token: c.token, pullLimit: 7, pushBatch: 5 });
    seedParents(a.store);
    await a.client.syncNow();
    await Promise.all([b.client.syncNow(), c.client.syncNow()]);
    expect(snapshot(b.store)).toEqual(snapshot(a.store));
    // Offline: everyone edits, some of it the same field.
    a.store.write({ userId: 'ua' }, [{ op: 'create', entity: 'task', id: IDS.task, fields: SAMPLES.task.create }]);
    b.store.write({ userId: 'ub' }, [{ op: 'upsert', entity: 'caseReport', fields: SAMPLES.caseReport.create }]);
    c.store.write({ userId: 'uc' }, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 321 } }]);
    await new Promise((r) => setTimeout(r, 5)); // B's edit of the same field is certainly later
    b.store.write({ userId: 'ub' }, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 99, name: 'Bệnh viện dã chiến số 2' } }]);
    for (let i = 0; i < 12; i++) {
      const s = [a, b, c][i % 3]!.store;
      s.write({ userId: 'u' }, [{ op: 'create', entity: 'directive', fields: { ...SAMPLES.directive.create, code: `${s.siteId}/${i}` } }]);
    }
    // Every device syncs at once, twice over (pushes to both processes concurrently).
    for (let round = 0; round < 3; round++) await Promise.all([a.client.syncNow(), b.client.syncNow(), round === 1 ? c2.syncNow() : c.client.syncNow()]);
    const want = snapshot(a.store);
    expect(snapshot(b.store)).toEqual(want);
    expect(snapshot(c.store)).toEqual(want);
    expect(a.store.get('facility', IDS.facility1)?.beds).toBe(99); // B's edit was the later one
    expect(b.store.get('task', IDS.task)?.title).toBe('Rà soát F1');
    expect(c.store.list('directive').length).toBe(a.store.list('directive').length);
    for (const d of [a, b, c]) expect(d.client.status()).toMatchObject({ pending: 0, lastError: null });
    // Both processes serve the same log: every device's changes, each once.
    const own = [a, b, c].flatMap((d) => outbox(d.store).filter((r) => r.siteId === d.store.siteId).map(identity));
    const viaH1: string[] = [];
    const viaH2: string[] = [];
    const reader = await enrolDevice(h1.url, await code(h1, 'viewer'), 'wall', 'wall');
    for (const [h, out] of [[h1, viaH1], [h2, viaH2]] as const) {
      let cursor = 0;
      for (;;) {
        const p = (await (await fetch(`${h.url}/sync/pull?cursor=${cursor}&limit=13`, { headers: { authorization: `Bearer ${reader.token}` } })).json()) as {
          changes: Array<{ hlc: string; entity: string; entityId: string; field: string }>;
          cursor: number;
          more: boolean;
        };
        out.push(...p.changes.map(identity));
        cursor = p.cursor;
        if (!p.more) break;
      }
    }
    expect(viaH1).toEqual(viaH2);
    expect(viaH1.length).toBe(own.length);
    expect(new Set(viaH1)).toEqual(new Set(own));
  });
});
