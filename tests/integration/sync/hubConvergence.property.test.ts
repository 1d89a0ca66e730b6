import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/core/store';
import { enrolDevice, SyncClient } from '../../../electron/core/sync/client';
import { startHub } from '../../../electron/hub/server';
import { makeTmpDir, removeDir } from '../../helpers/tmp';
import { seedParents } from '../../unit/store/fixtures';
import { outbox, snapshot } from './helpers';
import { announcePgSkip, HUB_BACKENDS, hubLog, identity, sqliteStore } from './hubBackends';
import { action, localOp } from './model';

/**
 * The same property through the real hub and client over HTTP: three devices edit at
 * random, sync at random moments (a `send` action = that device runs "sync now"), go
 * offline and come back (`cut`). After everyone syncs, the devices and the hub hold the
 * same rows and every comment. Once per storage backend (PostgreSQL when SABAN_TEST_PG is
 * set: a fresh schema per run; that hub keeps no merged rows, so its LOG is compared: it
 * holds every change of every device exactly once).
 */

const RUNS = Number(process.env.SYNC_HUB_PROPERTY_RUNS ?? 25);

announcePgSkip('hub convergence property');

describe.each(HUB_BACKENDS)('sync convergence through the hub (property, $name)', (backend) => {
  it.skipIf(!!backend.skip)(`3 devices and the hub converge (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 30 }), async (actions) => {
        const dir = makeTmpDir('saban-hub-prop-');
        const now = { t: Date.UTC(2021, 11, 1) };
        const db = await backend.fresh(dir);
        const hub = await startHub({ ...db.opts, rateLimitPerMinute: 1e6 });
        const stores: Store[] = [];
        try {
          const clients: SyncClient[] = [];
          for (let i = 0; i < 3; i++) {
            const s = openStore({ path: path.join(dir, `d${i}.db`), siteId: `d${i}`, clock: () => now.t + i * 700 });
            stores.push(s);
            const e = await enrolDevice(hub.url, await hub.backend.createCode('operator', [], 10), `d${i}`, s.siteId);
            clients.push(new SyncClient(s, { hubUrl: hub.url, token: e.token, pullLimit: 7, pushBatch: 5 }));
          }
          seedParents(stores[0]!);
          for (const c of clients) await c.syncNow();
          for (const c of clients) await c.syncNow();
          const offline = new Set<number>();
          const comments = new Set<string>();
          let n = 0;
          for (const a of actions) {
            now.t += 1;
            if (a.t === 'tick') continue;
            if (a.t === 'cut') {
              if (a.down) offline.add(a.x);
              else offline.delete(a.x);
              continue;
            }
            if (a.t === 'send') {
              if (!offline.has(a.from)) await clients[a.from]!.syncNow();
              continue;
            }
            const s = stores[a.r]!;
            const op = localOp(s, a, ++n);
            if (!op) continue;
            const res = s.write({ userId: `u${a.r}` }, [op]);
            if (op.entity === 'taskUpdate') comments.add(res.ids[0]!);
          }
          for (let round = 0; round < 2; round++) for (const c of clients) await c.syncNow();
          const want = snapshot(stores[0]!);
          expect(snapshot(stores[1]!)).toEqual(want);
          expect(snapshot(stores[2]!)).toEqual(want);
          const hubStore = sqliteStore(hub);
          if (hubStore) expect(snapshot(hubStore)).toEqual(want);
          const log = (await hubLog(hub)).map(identity);
          expect(new Set(log).size).toBe(log.length);
          expect(new Set(log)).toEqual(new Set(stores.flatMap((s) => outbox(s).filter((c) => c.siteId === s.siteId).map(identity))));
          for (const s of stores) {
            const ids = new Set(s.list('taskUpdate').map((u) => u.id));
            for (const c of comments) expect(ids.has(c)).toBe(true);
          }
          for (const c of clients) expect(c.status()).toMatchObject({ pending: 0, lastError: null });
        } finally {
          for (const s of stores) s.close();
          await hub.close();
          await db.drop();
          removeDir(dir);
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
