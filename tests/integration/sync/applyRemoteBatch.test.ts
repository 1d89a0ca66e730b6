import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, SYNC_PUSHED_SEQ_KEY, type ApplyRemoteResult, type Store } from '../../../electron/core/store';
import { makeTmpDir, removeDir, useTmpDir } from '../../helpers/tmp';
import { IDS, SAMPLES, seedParents } from '../../unit/store/fixtures';
import { storeOpener } from '../store/helpers';
import { exchange, outbox, snapshot } from './helpers';
import { action, localOp, shuffled } from './model';

/**
 * applyRemote works batch-wise: each row's field versions are loaded once per batch, the
 * batch's own values are materialised from memory, an existing row only takes the fields
 * the batch raised, and field versions are written once at the end. Whatever the batch
 * boundaries, the result must be the one the log defines.
 */

const tmp = useTmpDir();
const stores = storeOpener();
afterEach(() => stores.closeAll());

type Row = ReturnType<typeof outbox>[number];

const versions = (s: Store) => s.db.prepare('SELECT entity, entity_id, field, hlc, site_id FROM field_versions ORDER BY 1, 2, 3').all();
const identities = (s: Store) => outbox(s).map((c) => `${c.hlc}|${c.entity}|${c.entityId}|${c.field}`);

/** Apply `batches` in order; checks every result's counts and that seqs have no gaps. */
function applyAll(s: Store, batches: Row[][]): void {
  for (const b of batches) {
    const before = s.lastSeq();
    const r: ApplyRemoteResult = s.applyRemote(b);
    expect(r.received).toBe(b.length);
    expect(r.recorded + r.duplicates).toBe(b.length);
    expect(s.lastSeq()).toBe(before + r.recorded);
    if (r.recorded > 0) expect([r.firstSeq, r.lastSeq]).toEqual([before + 1, before + r.recorded]);
    else expect([r.firstSeq, r.lastSeq]).toEqual([null, null]);
  }
}

/** Cut `rows` into consecutive pieces at the given (sorted, de-duplicated) positions. */
function cut(rows: Row[], at: number[]): Row[][] {
  const points = [...new Set(at.map((k) => k % (rows.length + 1)))].sort((a, b) => a - b);
  const out: Row[][] = [];
  let from = 0;
  for (const p of [...points, rows.length]) {
    if (p > from) out.push(rows.slice(from, p));
    from = Math.max(from, p);
  }
  return out;
}

const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 60);

/** The model's actions, weighted towards concurrent edits of the same rows (what merging is about). */
const r3 = fc.integer({ min: 0, max: 2 });
const slot = fc.integer({ min: 0, max: 1 });
const edits = fc.oneof(
  { weight: 2, arbitrary: action },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('updateTask' as const), r: r3, slot, field: fc.constantFrom('title' as const, 'status' as const), v: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('upsertTask' as const), r: r3, slot, title: fc.nat(3), status: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('deleteTask' as const), r: r3, slot }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('upsertReport' as const), r: r3, day: slot, cases: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('updateReport' as const), r: r3, day: slot, deaths: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('deleteReport' as const), r: r3, day: slot }) },
  // Whole outboxes, so each site keeps editing on top of the other's rows.
  { weight: 3, arbitrary: fc.record({ t: fc.constant('send' as const), from: r3, to: r3, start: fc.constant(0), len: fc.constant(10_000), dup: fc.constant(false), shuffle: fc.constant([]) }) },
);

/** Sites A and B on real files sharing a controllable clock, both holding A's parent rows. */
function twoSites() {
  const dir = tmp();
  const t = { now: Date.UTC(2021, 11, 1) };
  const a = stores.open({ path: path.join(dir, 'a.db'), siteId: 'siteA', clock: () => t.now });
  const b = stores.open({ path: path.join(dir, 'b.db'), siteId: 'siteB', clock: () => t.now });
  seedParents(a);
  exchange(a, b);
  return { dir, t, a, b };
}

describe('store.applyRemote: batch boundaries do not matter', () => {
  it(`one batch, pages, reversed pages, shuffled pages with duplicates, row by row: the same rows, versions and log (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(edits, { minLength: 1, maxLength: 60, size: 'max' }),
        fc.array(fc.nat(400), { maxLength: 30 }),
        fc.array(fc.nat(1000), { maxLength: 400 }),
        (actions, cuts, order) => {
          const dir = makeTmpDir('saban-batch-prop-');
          const opened: Store[] = [];
          const open = (name: string, t = { now: Date.UTC(2021, 11, 1) }) => {
            const s = openStore({ path: path.join(dir, `${name}.db`), siteId: name, clock: () => t.now });
            opened.push(s);
            return s;
          };
          try {
            // Two sites edit (partly on each other's edits); their merged log is the input.
            const t = { now: Date.UTC(2021, 11, 1) };
            const [a, b] = [open('siteA', t), open('siteB', t)];
            seedParents(a);
            exchange(a, b);
            let n = 0;
            for (const act of actions) {
              t.now += 1;
              if (act.t === 'send') {
                const [from, to] = act.from % 2 === 0 ? [a, b] : [b, a];
                to.applyRemote(outbox(from).slice(act.start, act.start + act.len));
                continue;
              }
              if (act.t === 'tick' || act.t === 'cut') continue;
              const s = act.r % 2 === 0 ? a : b;
              const op = localOp(s, act, ++n);
              if (op) s.write({ userId: `u${act.r}` }, [op]);
            }
            exchange(b, a);
            exchange(a, b);
            const log = outbox(a);

            const whole = open('whole');
            applyAll(whole, [log]);
            const paged = open('paged');
            const pages = cut(log, cuts);
            applyAll(paged, pages);
            const reversed = open('reversed');
            applyAll(reversed, [...pages].reverse());
            const mixed = open('mixed');
            const noisy = shuffled([...log, ...log.filter((_, i) => i % 3 === 0)], order);
            applyAll(mixed, cut(noisy, cuts));

            // Every row its own batch: each one meets a row materialised by the batches before.
            const single = open('single');
            applyAll(single, log.map((row) => [row]));

            const expected = snapshot(a);
            for (const s of [whole, paged, reversed, mixed, single]) {
              expect(snapshot(s)).toEqual(expected);
              expect(versions(s)).toEqual(versions(whole));
              expect(identities(s).sort()).toEqual(identities(a).sort());
            }
            expect(versions(whole)).toEqual(versions(a));
            // In log order, every receiver's log is the sender's (same rows, same order).
            expect(outbox(whole)).toEqual(log);
            expect(outbox(paged)).toEqual(log);
          } finally {
            for (const s of opened) s.close();
            removeDir(dir);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 180_000);
});

describe('store.applyRemote: paths outside the common case', () => {
  it('legacy creates (`_created: true`, then one row per field, one stamp) materialise once every field arrived, across batches', () => {
    const dir = tmp();
    const src = stores.open({ path: path.join(dir, 'src.db'), siteId: 'siteA' });
    seedParents(src);
    const dst = stores.open({ path: path.join(dir, 'dst.db'), siteId: 'siteB' });
    dst.applyRemote(outbox(src));
    src.write({ userId: 'u' }, [{ op: 'create', entity: 'task', id: IDS.task, fields: SAMPLES.task.create }]);
    const created = outbox(src).at(-1)!;
    expect(created.field).toBe('_created');
    // The same create in the form older files hold.
    const legacy: Row[] = [
      { ...created, value: true },
      ...Object.entries(created.value as Record<string, unknown>).map(([field, value]) => ({ ...created, field, value })),
    ];
    const half = Math.floor(legacy.length / 2);
    expect(dst.applyRemote(legacy.slice(0, half)).changed).toEqual([]);
    expect(dst.get('task', IDS.task)).toBeUndefined(); // fields still missing: waits in the log
    expect(dst.applyRemote(legacy.slice(half)).changed).toEqual([{ entity: 'task', id: IDS.task, op: 'create' }]);
    expect(dst.get('task', IDS.task)).toEqual(src.get('task', IDS.task));
    // A later update on top of the legacy create, and re-applying everything, behave as usual.
    src.write({ userId: 'u' }, [{ op: 'update', entity: 'task', id: IDS.task, fields: { title: 'Sau' } }]);
    const r = dst.applyRemote([...legacy, outbox(src).at(-1)!]);
    expect(r).toMatchObject({ recorded: 1, duplicates: legacy.length, changed: [{ entity: 'task', id: IDS.task, op: 'update' }] });
    expect(dst.get('task', IDS.task)).toEqual(src.get('task', IDS.task));
  });

  it("a batch that brings back this site's own unpushed edit and a concurrent remote edit records the conflict", () => {
    // E.g. a device restored from an older backup imports a file holding its own later
    // edits and another site's: its own row is recorded in the same batch, then compared.
    const { dir, t, a, b } = twoSites();
    t.now += 1000;
    a.write({ userId: 'ua' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Của A' } }]);
    t.now += 1000;
    b.write({ userId: 'ub' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Của B' } }]);
    const restored = stores.open({ path: path.join(dir, 'a2.db'), siteId: 'siteA', clock: () => t.now });
    const r = restored.applyRemote([...outbox(a), outbox(b).at(-1)!]);
    expect(r.conflicts).toBe(1);
    expect(restored.get('task', IDS.parentTask)?.title).toBe('Của B');
    expect(restored.conflicts()).toMatchObject([{ field: 'title', losingValue: 'Của A', losingSiteId: 'siteA', winningSiteId: 'siteB' }]);
    // Once pushed, the same situation is no longer a certain conflict.
    const pushed = stores.open({ path: path.join(dir, 'a3.db'), siteId: 'siteA', clock: () => t.now });
    pushed.setLocal(SYNC_PUSHED_SEQ_KEY, 1e9);
    expect(pushed.applyRemote([...outbox(a), outbox(b).at(-1)!]).conflicts).toBe(0);
  });

  it('an update of a row created before the batch changes only that field, and only when it wins', () => {
    const { t, a, b } = twoSites();
    const before = b.get('task', IDS.parentTask)!;
    t.now += 1000;
    a.write({ userId: 'ua' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { status: 'done', priority: 'high' } }]);
    const edit = outbox(a).slice(-2);
    // An older edit of the same field from a third site arrives in the same batch: it loses.
    const older = { ...edit[0]!, hlc: edit[0]!.hlc.replace(/^(\d+)-/, (_, p: string) => `${String(Number(p) - 500).padStart(15, '0')}-`).replace(/siteA$/, 'siteC'), siteId: 'siteC', value: 'blocked' };
    const r = b.applyRemote([edit[0]!, older, edit[1]!]);
    expect(r).toMatchObject({ recorded: 3, changed: [{ entity: 'task', id: IDS.parentTask, op: 'update' }] });
    expect(b.get('task', IDS.parentTask)).toEqual({ ...before, status: 'done', priority: 'high' });
    // A delete of that row, then a revive by a later create, as one batch.
    t.now += 1000;
    a.write({ userId: 'ua' }, [{ op: 'delete', entity: 'task', id: IDS.parentTask }]);
    t.now += 1000;
    a.write({ userId: 'ua' }, [{ op: 'upsert', entity: 'task', id: IDS.parentTask, fields: { ...SAMPLES.task.create, title: 'Hồi sinh' } }]);
    expect(b.applyRemote(outbox(a).slice(-2)).changed).toEqual([{ entity: 'task', id: IDS.parentTask, op: 'update' }]);
    expect(snapshot(b)).toEqual(snapshot(a));
  });
});
