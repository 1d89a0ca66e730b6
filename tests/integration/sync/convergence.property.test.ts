import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/core/store';
import { makeTmpDir, removeDir } from '../../helpers/tmp';
import { seedParents } from '../../unit/store/fixtures';
import { exchange, outbox, snapshot } from './helpers';
import { action, localOp, shuffled } from './model';

/**
 * Property: three replicas (real SQLite files) make random local edits — tasks
 * (create/update/delete/revive), comments on tasks (append-only), daily case reports
 * (natural keys, so two replicas can create "the same" row) — while change batches travel
 * between them partially, duplicated, reordered and never between some pairs for a while
 * (partitions). After a full exchange every replica holds exactly the same rows
 * (tombstones included) and no comment is lost.
 */

const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 200);
describe('sync convergence (property)', () => {
  it(`3 replicas converge under partial, duplicated, reordered delivery (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: -3000, max: 3000 }), { minLength: 3, maxLength: 3 }), (actions, skew) => {
        const dir = makeTmpDir('saban-sync-prop-');
        const now = { t: Date.UTC(2021, 11, 1) };
        const stores: Store[] = [];
        try {
          for (let i = 0; i < 3; i++) {
            const off = skew[i]!;
            const clockAt = { extra: 0 };
            const s = openStore({ path: path.join(dir, `r${i}.db`), siteId: `r${i}`, clock: () => now.t + off + clockAt.extra });
            (s as Store & { tick?: (ms: number) => void }).tick = (ms) => {
              clockAt.extra = Math.max(clockAt.extra + ms, -3000);
            };
            stores.push(s);
          }
          seedParents(stores[0]!);
          exchange(stores[0]!, stores[1]!);
          exchange(stores[0]!, stores[2]!);
          const comments = new Set<string>();
          const down = new Set<string>();
          const link = (x: number, y: number) => `${Math.min(x, y)}-${Math.max(x, y)}`;
          let n = 0;
          for (const a of actions) {
            now.t += 1;
            if (a.t === 'tick') {
              (stores[a.r] as Store & { tick: (ms: number) => void }).tick(a.ms);
              continue;
            }
            if (a.t === 'cut') {
              if (a.down) down.add(link(a.x, a.y));
              else down.delete(link(a.x, a.y));
              continue;
            }
            if (a.t === 'send') {
              if (a.from === a.to || down.has(link(a.from, a.to))) continue;
              const rows = outbox(stores[a.from]!).slice(a.start, a.start + a.len);
              const batch = shuffled(a.dup ? [...rows, ...rows.slice(0, Math.ceil(rows.length / 2))] : rows, a.shuffle);
              stores[a.to]!.applyRemote(batch);
              continue;
            }
            const s = stores[a.r]!;
            const op = localOp(s, a, ++n);
            if (!op) continue;
            // Ops are chosen against the replica's current state, so every write must succeed.
            const res = s.write({ userId: `u${a.r}` }, [op]);
            if (op.entity === 'taskUpdate') comments.add(res.ids[0]!);
          }
          // Partitions heal; full exchange: everyone sends everything to everyone.
          for (const [f, t] of [[0, 1], [1, 2], [2, 0], [1, 0], [2, 1], [0, 2]] as const) exchange(stores[f]!, stores[t]!);
          const [s0, s1, s2] = stores.map(snapshot);
          expect(s1).toEqual(s0);
          expect(s2).toEqual(s0);
          for (const s of stores) {
            const ids = new Set(s.list('taskUpdate', {}, { includeDeleted: true }).map((u) => u.id));
            for (const c of comments) expect(ids.has(c), `comment ${c} kept`).toBe(true);
            // Idempotent: applying everything again changes nothing.
            const again = s.applyRemote(outbox(stores[0]!));
            expect(again.recorded).toBe(0);
          }
          expect(snapshot(stores[0]!)).toEqual(s0);
          // The logs are the union: same change identities everywhere.
          const ids = (s: Store) => outbox(s).map((c) => `${c.hlc}|${c.entity}|${c.entityId}|${c.field}`).sort();
          expect(ids(stores[1]!)).toEqual(ids(stores[0]!));
          expect(ids(stores[2]!)).toEqual(ids(stores[0]!));
        } finally {
          for (const s of stores) s.close();
          removeDir(dir);
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
