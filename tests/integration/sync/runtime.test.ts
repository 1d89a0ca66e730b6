import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/core/store';
import { loadSyncConfig, saveSyncConfig } from '../../../electron/core/sync/config';
import { enrolDevice, syncStatus } from '../../../electron/core/sync/client';
import { SyncRuntime } from '../../../electron/core/sync/runtime';
import { startHub, type RunningHub } from '../../../electron/hub/server';
import { useTmpDir } from '../../helpers/tmp';
import { IDS, seedParents } from '../../unit/store/fixtures';

const tmp = useTmpDir();
let hub: RunningHub | null = null;
const stores: Store[] = [];
const runtimes: SyncRuntime[] = [];
afterEach(async () => {
  for (const r of runtimes.splice(0)) r.stop();
  for (const s of stores.splice(0)) s.close();
  await hub?.close();
  hub = null;
});

const open = (name: string) => {
  const s = openStore({ path: path.join(tmp(), `${name}.db`), siteId: name });
  stores.push(s);
  return s;
};
const runtime = (s: Store, onChange?: () => void) => {
  const r = new SyncRuntime(s, { onChange });
  runtimes.push(r);
  return r;
};

async function until(cond: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('sync is optional', () => {
  it('not configured: nothing starts, status says so, "sync now" does nothing, the store works as before', async () => {
    const s = open('plain');
    const r = runtime(s);
    r.start();
    expect(loadSyncConfig(s)).toBeNull();
    seedParents(s);
    expect(r.status()).toMatchObject({ configured: false, hubUrl: null, lastSuccessAt: null, pending: s.lastSeq(), intervalSec: 0, openConflicts: 0 });
    expect(await r.syncNow()).toBeNull();
    expect(r.log()).toEqual([]);
  });

  it('configured with an interval: edits reach the other device without "sync now"', async () => {
    hub = await startHub({ dbPath: path.join(tmp(), 'hub.db') });
    const [a, b] = [open('autoA'), open('autoB')];
    for (const s of [a, b]) {
      const e = await enrolDevice(hub.url, hub.auth.createCode('operator', [], 10), s.siteId, s.siteId);
      saveSyncConfig(s, { hubUrl: hub.url, token: e.token, intervalMs: 50 });
    }
    const [ra, rb] = [runtime(a), runtime(b)];
    ra.start();
    rb.start();
    seedParents(a);
    await until(() => b.get('task', IDS.parentTask) !== undefined);
    await until(() => syncStatus(a).pending === 0);
    expect(rb.log().some((e) => e.trigger === 'auto' && e.ok && e.pulled > 0)).toBe(true);
  });
});

describe('runtime: enrol, sync now, log, errors, disconnect', () => {
  it('enrols with a code, syncs on demand, logs each round, reports a revoked token, forgets the hub', async () => {
    hub = await startHub({ dbPath: path.join(tmp(), 'hub.db') });
    const a = open('rtA');
    let changes = 0;
    const r = runtime(a, () => changes++);
    const st = await r.enrol({ hubUrl: hub.url, code: hub.auth.createCode('district_reporter', ['001'], 10), deviceName: 'Quận Ba Đình', intervalSec: 0 });
    expect(st).toMatchObject({ configured: true, hubUrl: hub.url, deviceName: 'Quận Ba Đình', role: 'district_reporter', districts: ['001'], intervalSec: 0, pending: 0 });
    expect(changes).toBe(1);
    // The token is device-local and never in the change log.
    const token = loadSyncConfig(a)!.token;
    expect(a.db.prepare("SELECT count(*) AS n FROM changes WHERE value LIKE ?").get(`%${token}%`)).toEqual({ n: 0 });

    const first = await r.syncNow();
    expect(first).toMatchObject({ pushed: 0, conflicts: 0 });
    expect(r.status().lastSuccessAt).not.toBeNull();

    // Revoked at the hub: the round fails with the hub's message, logged and in the status.
    const [dev] = hub.auth.list();
    hub.auth.revoke(dev!.deviceId);
    await expect(r.syncNow()).rejects.toThrow(/revoked|thu hồi|token/i);
    const log = r.log();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ trigger: 'manual', ok: false });
    expect(log[0]!.error).toMatch(/token/i);
    expect(log[1]).toMatchObject({ trigger: 'manual', ok: true });
    expect(r.status().lastError).toMatch(/token/i);
    expect(changes).toBe(3);

    const off = r.disconnect();
    expect(off).toMatchObject({ configured: false, hubUrl: null });
    expect(loadSyncConfig(a)).toBeNull();
  });

  it('never sends a code over plain http:// to another machine unless allowed', async () => {
    const a = open('rtPlain');
    const r = runtime(a);
    await expect(r.enrol({ hubUrl: 'http://10.20.30.40:4319', code: 'AAAA-BBBB-CCCC', deviceName: 'x', intervalSec: 60 })).rejects.toThrow(/http/);
    expect(r.status().configured).toBe(false);
  });

  it('a wrong code is refused and nothing is saved', async () => {
    hub = await startHub({ dbPath: path.join(tmp(), 'hub.db') });
    const a = open('rtBad');
    const r = runtime(a);
    await expect(r.enrol({ hubUrl: hub.url, code: 'AAAA-BBBB-CCCC', deviceName: 'x', intervalSec: 60 })).rejects.toThrow(/enrolment code|Mã đăng ký/);
    expect(r.status().configured).toBe(false);
  });
});
