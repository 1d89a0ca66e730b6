import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION, openStore, SYNC_PUSHED_SEQ_KEY, type Store } from '../../../electron/core/store';
import { enrolDevice, SyncClient, SyncError } from '../../../electron/core/sync/client';
import { makeTmpDir, removeDir } from '../../helpers/tmp';
import { IDS, SAMPLES, seedParents } from '../../unit/store/fixtures';
import { snapshot } from './helpers';
import { announcePgSkip, HUB_BACKENDS, type HubBackendCase, type HubDb } from './hubBackends';
import { startHubProcess, type HubProcess } from './hubProcess';

/**
 * Real processes: the hub runs as a child process (`electron/cli/hub.ts`) on 127.0.0.1 with
 * its own SQLite file, or on a fresh PostgreSQL schema (when SABAN_TEST_PG is set); three
 * devices are stores in their own SQLite files in this process, syncing over HTTP with the
 * real client. The same suite runs once per backend.
 */

announcePgSkip('hub process suite');
for (const backend of HUB_BACKENDS) hubProcessSuite(backend);

function hubProcessSuite(backend: HubBackendCase) {
  describe.skipIf(!!backend.skip)(`sync through a real hub process (${backend.name})`, () => {
    const ADMIN = 'admin-secret-h10';
    let dir: string;
    let db: HubDb | undefined;
    let hub: HubProcess;
    const opened: Store[] = [];

    interface Device {
      store: Store;
      client: SyncClient;
      token: string;
      deviceId: string;
    }

    async function adminCode(role: string, districts: string[] = []): Promise<string> {
      const res = await fetch(`${hub.url}/admin/enrolment-codes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ role, districts }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { code: string }).code;
    }

    async function device(name: string, role = 'operator', districts: string[] = [], clock?: () => number): Promise<Device> {
      const store = openStore({ path: path.join(dir, `${name}.db`), siteId: name, ...(clock ? { clock } : {}) });
      opened.push(store);
      const code = await adminCode(role, districts);
      const e = await enrolDevice(hub.url, code, `Máy ${name}`, store.siteId);
      expect(e.role).toBe(role);
      return { store, token: e.token, deviceId: e.deviceId, client: new SyncClient(store, { hubUrl: hub.url, token: e.token }) };
    }

    const hubSeq = async () => ((await (await fetch(`${hub.url}/sync/health`)).json()) as { hubSeq: number }).hubSeq;

    async function syncAll(...ds: Device[]) {
      for (let round = 0; round < 2; round++) for (const d of ds) await d.client.syncNow();
    }

    beforeAll(async () => {
      dir = makeTmpDir('saban-hub-');
      db = await backend.fresh(dir);
      hub = await startHubProcess([
        ...db.args, '--admin-token', ADMIN, '--body-limit-bytes', String(1024 * 1024), '--new-code', 'viewer',
      ]);
    }, 40_000);

    afterAll(async () => {
      await hub?.stop();
      for (const s of opened) s.close();
      await db?.drop();
      if (dir) removeDir(dir);
    });

    describe('devices', () => {
      let a: Device, b: Device, c: Device;

      it('enrols devices with one-time codes; a used code and a missing token are refused', async () => {
        a = await device('devA');
        b = await device('devB');
        c = await device('devC');
        const code = await adminCode('operator');
        await enrolDevice(hub.url, code, 'x', 'siteX');
        await expect(enrolDevice(hub.url, code, 'y', 'siteY')).rejects.toMatchObject({ status: 403, code: 'bad_code' });
        // The code printed at start-up (--new-code viewer) enrols a pull-only device.
        const end = Date.now() + 5000;
        while (!/enrolment code \(viewer, 24 h\): (\S+)/.test(hub.output()) && Date.now() < end) await sleep(20);
        const printed = /enrolment code \(viewer, 24 h\): (\S+)/.exec(hub.output())![1]!;
        const v = await enrolDevice(hub.url, printed, 'tường', 'siteV');
        expect(v.role).toBe('viewer');
        const vp = await fetch(`${hub.url}/sync/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${v.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ schemaVersion: LATEST_VERSION, ops: [] }),
        });
        expect(vp.status).toBe(403);
        // One live device per site id.
        await expect(enrolDevice(hub.url, await adminCode('operator'), 'x2', 'siteX')).rejects.toMatchObject({ status: 409, code: 'site_taken' });
        const res = await fetch(`${hub.url}/sync/pull?cursor=0`);
        expect(res.status).toBe(401);
        const bad = await fetch(`${hub.url}/sync/pull?cursor=0`, { headers: { authorization: 'Bearer nope' } });
        expect(bad.status).toBe(401);
      });

      it('offline edits on all three devices converge', async () => {
        seedParents(a.store);
        await syncAll(a, b, c);
        expect(snapshot(b.store)).toEqual(snapshot(a.store));
        // Offline: each edits something different.
        a.store.write({ userId: 'ua' }, [{ op: 'create', entity: 'task', id: IDS.task, fields: SAMPLES.task.create }]);
        b.store.write({ userId: 'ub' }, [{ op: 'upsert', entity: 'caseReport', fields: SAMPLES.caseReport.create }]);
        c.store.write({ userId: 'uc' }, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 321 } }]);
        expect(c.client.status().pending).toBe(1);
        await syncAll(a, b, c);
        const s = snapshot(a.store);
        expect(snapshot(b.store)).toEqual(s);
        expect(snapshot(c.store)).toEqual(s);
        expect(a.store.get('facility', IDS.facility1)?.beds).toBe(321);
        expect(c.store.get('task', IDS.task)?.title).toBe('Rà soát F1');
        expect(c.client.status()).toMatchObject({ pending: 0, lastError: null });
        expect(c.client.status().lastSuccessAt).not.toBeNull();
      });

      it('concurrent edits: same field → the later wins everywhere and the loser device records the conflict; different fields → both kept', async () => {
        a.store.write({ userId: 'ua' }, [{ op: 'update', entity: 'task', id: IDS.task, fields: { title: 'Tiêu đề của A', priority: 'high' } }]);
        await sleep(5);
        b.store.write({ userId: 'ub' }, [{ op: 'update', entity: 'task', id: IDS.task, fields: { title: 'Tiêu đề của B', status: 'done' } }]);
        await b.client.syncNow();
        const r = await a.client.syncNow();
        expect(r.conflicts).toBe(1);
        await syncAll(a, b, c);
        for (const d of [a, b, c]) {
          expect(d.store.get('task', IDS.task)).toMatchObject({ title: 'Tiêu đề của B', priority: 'high', status: 'done' });
        }
        expect(a.store.conflicts({ entity: 'task', entityId: IDS.task })).toEqual([
          expect.objectContaining({ field: 'title', losingValue: 'Tiêu đề của A', losingUserId: 'ua', winningUserId: 'ub', winningSiteId: 'devB' }),
        ]);
      });

      it('concurrent comments on the same task are both kept; deletes propagate as tombstones', async () => {
        const comment = (text: string) => ({
          op: 'create' as const,
          entity: 'taskUpdate' as const,
          fields: { ...SAMPLES.taskUpdate.create, taskId: IDS.task, kind: 'comment', text, fromStatus: null, toStatus: null },
        });
        a.store.write({ userId: 'ua' }, [comment('A: đã liên hệ')]);
        c.store.write({ userId: 'uc' }, [comment('C: thiếu nhân lực')]);
        b.store.write({ userId: 'ub' }, [{ op: 'delete', entity: 'facility', id: IDS.facility2 }]);
        await syncAll(a, b, c);
        for (const d of [a, b, c]) {
          expect(d.store.list('taskUpdate', { taskId: IDS.task }).map((u) => u.text).sort()).toEqual(['A: đã liên hệ', 'C: thiếu nhân lực']);
          expect(d.store.get('facility', IDS.facility2)).toBeUndefined();
          expect(d.store.get('facility', IDS.facility2, { includeDeleted: true })).toBeDefined();
        }
        expect(snapshot(b.store)).toEqual(snapshot(a.store));
        expect(snapshot(c.store)).toEqual(snapshot(a.store));
      });

      it('a push re-sent after a lost response is stored once', async () => {
        a.store.write({ userId: 'ua' }, [{ op: 'update', entity: 'task', id: IDS.task, fields: { findings: 'Đủ ô xy' } }]);
        // The request reaches the hub, the answer is lost on the way back.
        let lose = true;
        const lossy: typeof fetch = async (input, init) => {
          const res = await fetch(input, init);
          if (lose && String(input).includes('/sync/push')) {
            lose = false;
            throw new TypeError('network: connection reset');
          }
          return res;
        };
        const client = new SyncClient(a.store, { hubUrl: hub.url, token: a.token, fetch: lossy });
        const before = await hubSeq();
        await expect(client.syncNow()).rejects.toThrow(/connection reset/);
        expect(client.status().lastError).toMatch(/connection reset/);
        expect(client.status().pending).toBe(1);
        expect(await hubSeq()).toBe(before + 1);
        await client.syncNow(); // re-sends the same change
        expect(client.status()).toMatchObject({ pending: 0, lastError: null });
        expect(await hubSeq()).toBe(before + 1);
        // The same body sent by hand twice: the second one records nothing.
        const rows = a.store.changesSince(a.store.lastSeq() - 1).map(({ seq: _s, ...r }) => r);
        const body = JSON.stringify({ schemaVersion: a.store.version, ops: [{ opId: rows[0]!.opId, changes: rows }] });
        const push = () =>
          fetch(`${hub.url}/sync/push`, { method: 'POST', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' }, body });
        expect(await (await push()).json()).toMatchObject({ recorded: 0, duplicates: 1 });
        // B may not push A's rows as its own relay: forged site.
        const forged = await fetch(`${hub.url}/sync/push`, { method: 'POST', headers: { authorization: `Bearer ${b.token}`, 'content-type': 'application/json' }, body });
        expect(forged.status).toBe(403);
        expect(await forged.json()).toMatchObject({ error: { code: 'forged_site' } });
        await syncAll(b);
        expect(b.store.get('task', IDS.task)?.findings).toBe('Đủ ô xy');
      });

      it('a district reporter may push only its districts (403, nothing written) and does not see other districts', async () => {
        // A second district with a ward and a report, entered by an operator.
        a.store.write({ userId: 'ua' }, [
          { op: 'create', entity: 'adminUnit', fields: { code: '002', level: 'district', type: 'quan', name: 'Hoàn Kiếm', fullName: 'Quận Hoàn Kiếm', nameAscii: 'Hoan Kiem', parentCode: IDS.province, population: 1000, areaKm2: 5 } },
          { op: 'create', entity: 'adminUnit', fields: { code: '00037', level: 'ward', type: 'phuong', name: 'Hàng Bạc', fullName: 'Phường Hàng Bạc', nameAscii: 'Hang Bac', parentCode: '002', population: 1000, areaKm2: 0.1 } },
          { op: 'upsert', entity: 'caseReport', fields: { ...SAMPLES.caseReport.create, unitCode: '00037', date: '2021-12-05' } },
        ]);
        await a.client.syncNow();
        const r = await device('devR', 'district_reporter', [IDS.district]);
        await r.client.syncNow();
        // Sees reference data and its own district's report, not the other district's.
        expect(r.store.get('adminUnit', '00037')).toBeDefined();
        expect(r.store.get('caseReport', `${IDS.ward}:2021-12-01`)).toBeDefined();
        expect(r.store.get('caseReport', '00037:2021-12-05')).toBeUndefined();
        expect(r.store.list('user')).toEqual([]);
        // Its own district: accepted.
        r.store.write({ userId: 'ur' }, [{ op: 'upsert', entity: 'caseReport', fields: { ...SAMPLES.caseReport.create, date: '2021-12-06', deaths: 2 } }]);
        await r.client.syncNow();
        await a.client.syncNow();
        expect(a.store.get('caseReport', `${IDS.ward}:2021-12-06`)?.deaths).toBe(2);
        // Another district, in the same push as an allowed change: all refused, nothing stored.
        const before = await hubSeq();
        r.store.write({ userId: 'ur' }, [
          { op: 'upsert', entity: 'caseReport', fields: { ...SAMPLES.caseReport.create, date: '2021-12-07' } },
          { op: 'upsert', entity: 'caseReport', fields: { ...SAMPLES.caseReport.create, unitCode: '00037', date: '2021-12-07' } },
        ]);
        const err = await r.client.syncNow().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(SyncError);
        expect(err).toMatchObject({ status: 403, code: 'out_of_scope' });
        expect((err as Error).message).toContain('00037:2021-12-07');
        expect(await hubSeq()).toBe(before);
        expect(r.client.status().pending).toBe(2);
        // A global entity (a directive) is refused from a reporter too.
        const rows = r.store.changesSince(0).filter((x) => x.entity === 'directive').slice(0, 1).map(({ seq: _s, ...x }) => ({ ...x, siteId: 'devR', hlc: x.hlc.replace(/-[^-]+$/, '-devR') }));
        const res = await fetch(`${hub.url}/sync/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${r.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ schemaVersion: r.store.version, ops: [{ opId: rows[0]!.opId, changes: rows }] }),
        });
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ error: { code: 'out_of_scope', message: expect.stringContaining('directive') } });
      });

      it('refuses a stamp too far in the future (400, clear message) and an old schema version', async () => {
        const ahead = await device('devF', 'operator', [], () => Date.now() + 2 * 3600_000);
        await ahead.client.syncNow(); // pulling is fine
        ahead.store.write({ userId: 'uf' }, [{ op: 'update', entity: 'task', id: IDS.task, fields: { findings: 'tương lai' } }]);
        const before = await hubSeq();
        const err = await ahead.client.syncNow().catch((e: unknown) => e);
        expect(err).toMatchObject({ status: 400, code: 'clock_ahead' });
        expect((err as Error).message).toMatch(/ahead of the hub clock/);
        expect(ahead.client.status().lastError).toMatch(/ahead/);
        expect(await hubSeq()).toBe(before);

        const res = await fetch(`${hub.url}/sync/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ schemaVersion: 1, ops: [] }),
        });
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ error: { code: 'schema_too_old', message: expect.stringMatching(/below the hub minimum/) } });
      });

      it('refuses a payload over the size limit (413) and a revoked device (401)', async () => {
        const big = JSON.stringify({ schemaVersion: LATEST_VERSION, ops: [], pad: 'x'.repeat(2 * 1024 * 1024) });
        const res = await fetch(`${hub.url}/sync/push`, { method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' }, body: big });
        expect(res.status).toBe(413);
        const rev = await fetch(`${hub.url}/admin/devices/${c.deviceId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } });
        expect(rev.status).toBe(200);
        await expect(c.client.syncNow()).rejects.toMatchObject({ status: 401 });
        // The push mark did not move, the data is still on the device.
        expect(c.store.getLocal(SYNC_PUSHED_SEQ_KEY)).toBeGreaterThan(0);
      });
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
