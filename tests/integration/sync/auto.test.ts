import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/core/store';
import { loadSyncConfig, saveSyncConfig, startAutoSync } from '../../../electron/core/sync/auto';
import { enrolDevice, syncStatus } from '../../../electron/core/sync/client';
import { startHub, type RunningHub } from '../../../electron/hub/server';
import { useTmpDir } from '../../helpers/tmp';
import { IDS, seedParents } from '../../unit/store/fixtures';

const tmp = useTmpDir();
let hub: RunningHub | null = null;
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) s.close();
  await hub?.close();
  hub = null;
});

const open = (name: string) => {
  const s = openStore({ path: path.join(tmp(), `${name}.db`), siteId: name });
  stores.push(s);
  return s;
};

async function until(cond: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('sync is optional', () => {
  it('not configured: nothing starts, status says so, the store works as before', () => {
    const s = open('plain');
    expect(loadSyncConfig(s)).toBeNull();
    expect(startAutoSync(s)).toBeNull();
    seedParents(s);
    expect(syncStatus(s, false)).toMatchObject({ configured: false, lastSuccessAt: null, pending: s.lastSeq() });
  });

  it('configured with an interval: edits reach the other device without "sync now"', async () => {
    hub = await startHub({ dbPath: path.join(tmp(), 'hub.db') });
    const [a, b] = [open('autoA'), open('autoB')];
    for (const s of [a, b]) {
      const e = await enrolDevice(hub.url, hub.auth.createCode('operator', [], 10), s.siteId, s.siteId);
      saveSyncConfig(s, { hubUrl: hub.url, token: e.token, intervalMs: 50 });
    }
    const autoA = startAutoSync(a)!;
    const autoB = startAutoSync(b)!;
    seedParents(a);
    await until(() => b.get('task', IDS.parentTask) !== undefined);
    expect(autoA.client.status().pending).toBe(0);
    autoA.stop();
    autoB.stop();
  });
});
