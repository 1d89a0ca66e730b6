import fc from 'fast-check';
import type { Store, WriteOp } from '../../../electron/core/store';
import { IDS, SAMPLES } from '../../unit/store/fixtures';

/** Random local edits for the convergence properties (shared by the direct and the hub property). */

const TASK_IDS = ['0190a6f0-0000-7000-8000-0000000000a1', '0190a6f0-0000-7000-8000-0000000000a2'];
const DATES = ['2021-12-01', '2021-12-02'];
const TITLES = ['Rà soát F1', 'Phun khử khuẩn', 'Lấy mẫu', 'Kiểm tra chốt'];
const STATUSES = ['open', 'in_progress', 'blocked', 'done'] as const;

export type Action =
  | { t: 'upsertTask'; r: number; slot: number; title: number; status: number }
  | { t: 'updateTask'; r: number; slot: number; field: 'title' | 'status'; v: number }
  | { t: 'deleteTask'; r: number; slot: number }
  | { t: 'comment'; r: number; slot: number }
  | { t: 'upsertReport'; r: number; day: number; cases: number }
  | { t: 'updateReport'; r: number; day: number; deaths: number }
  | { t: 'deleteReport'; r: number; day: number }
  | { t: 'send'; from: number; to: number; start: number; len: number; dup: boolean; shuffle: number[] }
  | { t: 'tick'; r: number; ms: number }
  | { t: 'cut'; x: number; y: number; down: boolean };

const r3 = fc.integer({ min: 0, max: 2 });
const slot = fc.integer({ min: 0, max: TASK_IDS.length - 1 });
const day = fc.integer({ min: 0, max: DATES.length - 1 });
export const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ t: fc.constant('upsertTask' as const), r: r3, slot, title: fc.nat(3), status: fc.nat(3) }),
  fc.record({ t: fc.constant('updateTask' as const), r: r3, slot, field: fc.constantFrom('title' as const, 'status' as const), v: fc.nat(3) }),
  fc.record({ t: fc.constant('deleteTask' as const), r: r3, slot }),
  fc.record({ t: fc.constant('comment' as const), r: r3, slot }),
  fc.record({ t: fc.constant('upsertReport' as const), r: r3, day, cases: fc.nat(20) }),
  fc.record({ t: fc.constant('updateReport' as const), r: r3, day, deaths: fc.nat(5) }),
  fc.record({ t: fc.constant('deleteReport' as const), r: r3, day }),
  fc.record({
    t: fc.constant('send' as const),
    from: r3,
    to: r3,
    start: fc.nat(40),
    len: fc.integer({ min: 1, max: 60 }),
    dup: fc.boolean(),
    shuffle: fc.array(fc.nat(1000), { maxLength: 60 }),
  }),
  fc.record({ t: fc.constant('tick' as const), r: r3, ms: fc.integer({ min: -2000, max: 5000 }) }),
  // Partitions: a link goes down (sends over it are lost) or comes back.
  fc.record({ t: fc.constant('cut' as const), x: r3, y: r3, down: fc.boolean() }),
);

export function localOp(s: Store, a: Action, commentNo: number): WriteOp | null {
  const task = (i: number) => s.get('task', TASK_IDS[i]!, { includeDeleted: true });
  const live = (i: number) => s.get('task', TASK_IDS[i]!) !== undefined;
  const report = (d: number) => s.get('caseReport', `${IDS.ward}:${DATES[d]}`);
  switch (a.t) {
    case 'upsertTask':
      return {
        op: 'upsert',
        entity: 'task',
        id: TASK_IDS[a.slot],
        fields: { ...SAMPLES.task.create, title: TITLES[a.title], status: STATUSES[a.status] },
      };
    case 'updateTask':
      if (!live(a.slot)) return null;
      return { op: 'update', entity: 'task', id: TASK_IDS[a.slot], fields: { [a.field]: a.field === 'title' ? TITLES[a.v] : STATUSES[a.v] } };
    case 'deleteTask':
      return live(a.slot) ? { op: 'delete', entity: 'task', id: TASK_IDS[a.slot] } : null;
    case 'comment':
      if (!task(a.slot)) return null; // the parent must exist here (a tombstone is fine)
      return {
        op: 'create',
        entity: 'taskUpdate',
        fields: { ...SAMPLES.taskUpdate.create, taskId: TASK_IDS[a.slot], kind: 'comment', text: `#${commentNo}` },
      };
    case 'upsertReport':
      return {
        op: 'upsert',
        entity: 'caseReport',
        fields: { ...SAMPLES.caseReport.create, date: DATES[a.day], newCommunity: a.cases },
      };
    case 'updateReport':
      return report(a.day) ? { op: 'update', entity: 'caseReport', id: `${IDS.ward}:${DATES[a.day]}`, fields: { deaths: a.deaths } } : null;
    case 'deleteReport':
      return report(a.day) ? { op: 'delete', entity: 'caseReport', id: `${IDS.ward}:${DATES[a.day]}` } : null;
    default:
      return null;
  }
}

export function shuffled<T>(rows: T[], keys: number[]): T[] {
  return rows
    .map((row, i) => ({ row, k: keys[i] ?? i }))
    .sort((x, y) => x.k - y.k)
    .map((x) => x.row);
}
