import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_PUSHED_SEQ_KEY, ValidationError, type Store } from '../../../electron/core/store';
import { useTmpDir } from '../../helpers/tmp';
import { IDS, SAMPLES, seedParents } from '../../unit/store/fixtures';
import { storeOpener } from '../store/helpers';
import { exchange, outbox, snapshot } from './helpers';

const tmp = useTmpDir();
const stores = storeOpener();
afterEach(() => stores.closeAll());

/** Two replicas with their own clocks (ms), the parents written at A and copied to B. */
function pair(start = Date.UTC(2021, 11, 1)) {
  const t = { a: start, b: start };
  const dir = tmp();
  const a = stores.open({ path: path.join(dir, 'a.db'), siteId: 'siteA', clock: () => t.a });
  const b = stores.open({ path: path.join(dir, 'b.db'), siteId: 'siteB', clock: () => t.b });
  seedParents(a);
  exchange(a, b);
  return { a, b, t };
}

const title = (s: Store, id = IDS.parentTask) => s.get('task', id)?.title;
const changeCount = (s: Store) => s.lastSeq();

describe('store.applyRemote', () => {
  it('replicates creates, updates and deletes, and re-applying is a no-op', () => {
    const { a, b } = pair();
    expect(snapshot(b)).toEqual(snapshot(a));
    a.write({ userId: 'u1' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Mới' } }]);
    a.write({ userId: 'u1' }, [{ op: 'delete', entity: 'facility', id: IDS.facility2 }]);
    const before = changeCount(b);
    const r = b.applyRemote(outbox(a));
    expect(r.recorded).toBe(2);
    expect(r.duplicates).toBe(r.received - 2);
    expect(title(b)).toBe('Mới');
    expect(b.get('facility', IDS.facility2)).toBeUndefined();
    expect(b.get('facility', IDS.facility2, { includeDeleted: true })?.name).toBe('Trạm y tế lưu động 1');
    expect(changeCount(b)).toBe(before + 2);
    // Original stamps, sites, users and op ids are kept in B's log.
    const last = b.changesSince(before);
    const fromA = a.changesSince(0).slice(-2);
    expect(last.map(({ seq: _s, ...c }) => c)).toEqual(fromA.map(({ seq: _s, ...c }) => c));
    const again = b.applyRemote(outbox(a));
    expect(again.recorded).toBe(0);
    expect(changeCount(b)).toBe(before + 2);
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('concurrent edits of the same field: the later stamp wins on both sides; the loser is recorded as a conflict', () => {
    const { a, b, t } = pair();
    t.a += 1000;
    t.b += 2000; // B edits later in wall time: B wins
    a.write({ userId: 'ua' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Của A' } }]);
    b.write({ userId: 'ub' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Của B' } }]);
    // A has not pushed its edit yet: B's arriving edit is certainly concurrent with it.
    exchange(b, a);
    exchange(a, b);
    expect(title(a)).toBe('Của B');
    expect(title(b)).toBe('Của B');
    const [c] = a.conflicts({ entity: 'task', entityId: IDS.parentTask });
    expect(c).toMatchObject({ field: 'title', losingValue: 'Của A', losingSiteId: 'siteA', losingUserId: 'ua', winningSiteId: 'siteB' });
    // At B the winning edit had been pushed when A's arrived: B may not assume concurrency.
    expect(b.conflicts()).toEqual([]);
  });

  it('a remote edit that loses against an unpushed local edit is recorded as the loser', () => {
    const { a, b, t } = pair();
    t.a += 2000; // A later: A wins
    t.b += 1000;
    a.write({ userId: 'ua' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Của A' } }]);
    b.write({ userId: 'ub' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Của B' } }]);
    exchange(b, a); // B pushes first; A's edit is still unpushed when B's arrives
    exchange(a, b);
    expect(title(a)).toBe('Của A');
    expect(title(b)).toBe('Của A');
    const [c] = a.conflicts();
    expect(c).toMatchObject({ losingValue: 'Của B', losingUserId: 'ub', winningUserId: 'ua', resolved: false });
    // Settled by the operator: gone from the open list, kept in the history.
    expect(a.resolveConflict(c!.id)).toBe(true);
    expect(a.resolveConflict(c!.id)).toBe(false);
    expect(a.conflicts()).toEqual([]);
    expect(a.conflicts({ includeResolved: true })).toEqual([{ ...c, resolved: true }]);
  });

  it('the same daily report entered on two devices merges field by field; only differing fields conflict', () => {
    const { a, b, t } = pair();
    t.a += 1000;
    t.b += 2000; // B's entry is later: B's values win
    const id = `${IDS.ward}:2021-12-01`;
    a.write({ userId: 'ua' }, [{ op: 'upsert', entity: 'caseReport', fields: { ...SAMPLES.caseReport.create, deaths: 1, tests: 10 } }]);
    b.write({ userId: 'ub' }, [{ op: 'upsert', entity: 'caseReport', fields: { ...SAMPLES.caseReport.create, deaths: 2, tests: 10 } }]);
    exchange(b, a);
    exchange(a, b);
    for (const s of [a, b]) expect(s.get('caseReport', id)).toMatchObject({ deaths: 2, tests: 10 });
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(a.conflicts().map((c) => [c.field, c.losingValue])).toEqual([['deaths', 1]]);
  });

  it('concurrent edits of different fields are both kept; no conflict', () => {
    const { a, b, t } = pair();
    t.a += 1000;
    t.b += 500;
    a.write({ userId: 'ua' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Tiêu đề A' } }]);
    b.write({ userId: 'ub' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { status: 'done' } }]);
    exchange(a, b);
    exchange(b, a);
    for (const s of [a, b]) expect(s.get('task', IDS.parentTask)).toMatchObject({ title: 'Tiêu đề A', status: 'done' });
    expect(a.conflicts()).toEqual([]);
    expect(b.conflicts()).toEqual([]);
  });

  it('a pushed local edit that loses is not reported (the other site may have overwritten it on purpose)', () => {
    const { a, b, t } = pair();
    t.a += 1000;
    a.write({ userId: 'ua' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'A1' } }]);
    a.setLocal(SYNC_PUSHED_SEQ_KEY, a.lastSeq());
    exchange(a, b);
    t.b += 5000;
    b.write({ userId: 'ub' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'B2' } }]);
    exchange(b, a);
    expect(title(a)).toBe('B2');
    expect(a.conflicts()).toEqual([]);
  });

  it('an update that arrives before the create of its row is applied when the create arrives', () => {
    const { a, b } = pair();
    a.write({ userId: 'u' }, [{ op: 'create', entity: 'task', id: IDS.task, fields: SAMPLES.task.create }]);
    a.write({ userId: 'u' }, [{ op: 'update', entity: 'task', id: IDS.task, fields: { title: 'Sau' } }]);
    const rows = outbox(a).slice(-2);
    b.applyRemote([rows[1]]);
    expect(b.get('task', IDS.task)).toBeUndefined();
    b.applyRemote([rows[0]]);
    expect(b.get('task', IDS.task)?.title).toBe('Sau');
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('a child may arrive before its parent (foreign keys are settled when the parent comes)', () => {
    const { a, b } = pair();
    a.write({ userId: 'u' }, [{ op: 'create', entity: 'task', id: IDS.task, fields: SAMPLES.task.create }]);
    a.write({ userId: 'u' }, [{ op: 'create', entity: 'taskUpdate', fields: { ...SAMPLES.taskUpdate.create, taskId: IDS.task } }]);
    const rows = outbox(a).slice(-2);
    b.applyRemote([rows[1]]);
    expect(b.list('taskUpdate', { taskId: IDS.task })).toHaveLength(1);
    b.applyRemote([rows[0]]);
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('delete vs concurrent update: per-field LWW on _deleted; the update is kept under the tombstone', () => {
    const { a, b, t } = pair();
    t.a += 1000;
    t.b += 2000;
    a.write({ userId: 'u' }, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 7 } }]);
    b.write({ userId: 'u' }, [{ op: 'delete', entity: 'facility', id: IDS.facility1 }]);
    exchange(a, b);
    exchange(b, a);
    for (const s of [a, b]) {
      expect(s.get('facility', IDS.facility1)).toBeUndefined();
      expect(s.get('facility', IDS.facility1, { includeDeleted: true })?.beds).toBe(7);
    }
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('concurrent comments on a task are both kept', () => {
    const { a, b } = pair();
    const comment = (text: string) => ({
      op: 'create' as const,
      entity: 'taskUpdate' as const,
      fields: { ...SAMPLES.taskUpdate.create, kind: 'comment', text, fromStatus: null, toStatus: null },
    });
    a.write({ userId: 'ua' }, [comment('Ý kiến A')]);
    b.write({ userId: 'ub' }, [comment('Ý kiến B')]);
    exchange(a, b);
    exchange(b, a);
    for (const s of [a, b]) expect(s.list('taskUpdate').map((u) => u.text).sort()).toEqual(['Ý kiến A', 'Ý kiến B']);
  });

  it('an invalid remote value rejects the whole batch, naming entity, id and field; nothing is written', () => {
    const { a, b } = pair();
    a.write({ userId: 'u' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Hợp lệ' } }]);
    const good = outbox(a).slice(-1)[0]!;
    const bad = { ...good, hlc: good.hlc.replace(/-(\w+)$/, '-siteA').replace('0000-', '0001-'), field: 'status', value: 'nope' };
    const before = b.lastSeq();
    let err: unknown;
    try {
      b.applyRemote([good, bad]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).entity).toBe('task');
    expect((err as ValidationError).id).toBe(IDS.parentTask);
    expect((err as ValidationError).field).toBe('status');
    expect(b.lastSeq()).toBe(before);
    expect(title(b)).toBe('Kiểm tra khu cách ly');
    expect(() => b.applyRemote([{ ...good, entity: 'nope' }])).toThrow(/nope/);
    expect(() => b.applyRemote([{ ...good, field: '_created', value: { title: 1 } }])).toThrow(ValidationError);
    expect(() => b.applyRemote([{ ...good, hlc: 'garbage' }])).toThrow(/hlc/);
  });

  it('advances the local clock past received stamps; a far-future stamp applies, is reported, and later local edits still sort after it', () => {
    const { a, b, t } = pair();
    t.a += 60_000; // A's clock is a minute ahead
    a.write({ userId: 'u' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'A' } }]);
    exchange(a, b);
    const r = b.write({ userId: 'u' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'B' } }]);
    expect(b.changesSince(r.firstSeq! - 1)[0]!.hlc > outbox(a).slice(-1)[0]!.hlc).toBe(true);
    expect(title(b)).toBe('B');

    t.a += 10 * 24 * 3600_000; // ten days ahead: beyond the 24 h drift limit
    a.write({ userId: 'u' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { status: 'done' } }]);
    const res = b.applyRemote(outbox(a));
    expect(res.skewed).toHaveLength(1);
    expect(b.get('task', IDS.parentTask)?.status).toBe('done');
    // B's clock moved past the stamp: B's next edit wins on B AND on A (no divergence).
    b.write({ userId: 'u' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { status: 'blocked' } }]);
    exchange(b, a);
    expect(a.get('task', IDS.parentTask)?.status).toBe('blocked');
    expect(b.get('task', IDS.parentTask)?.status).toBe('blocked');
    expect(snapshot(a)).toEqual(snapshot(b));
  });

  it('two sites creating users with the same username: the batch is refused with an error naming the field', () => {
    const { a, b } = pair();
    a.write({ userId: null }, [{ op: 'create', entity: 'user', fields: SAMPLES.user.create }]);
    b.write({ userId: null }, [{ op: 'create', entity: 'user', fields: SAMPLES.user.create }]);
    const before = b.lastSeq();
    let err: unknown;
    try {
      b.applyRemote(outbox(a));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ entity: 'user', field: 'username' });
    expect(b.lastSeq()).toBe(before);
  });

  it('survives reopening: the merged state and the clock are on disk', () => {
    const { a, b } = pair();
    a.write({ userId: 'u' }, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { title: 'Bền' } }]);
    exchange(a, b);
    const file = b.path;
    stores.closeAll();
    const b2 = stores.open({ path: file });
    expect(title(b2)).toBe('Bền');
  });
});
