import { describe, expect, it } from 'vitest';
import type { Directive, Task, TaskStatus } from '../../../shared/domain';
import { buildTaskBoard, progressOf } from '../../../electron/core/boards/taskBoard';
import { TASK_TRANSITIONS } from '../../../electron/core/boards/workflow';
import { UNITS, uid } from './fixtures';

const directive: Directive = {
  id: uid(),
  code: '101/KH-UBND',
  title: 'Kế hoạch bảy nhóm nhiệm vụ',
  issuer: 'UBND thành phố Hà Nội',
  issuedDate: '2021-11-03',
  groups: [
    { key: 'N1', title: 'Giám sát, xét nghiệm' },
    { key: 'N2', title: 'Cách ly' },
  ],
};

function task(over: Partial<Task> & { status: TaskStatus }): Task {
  return {
    id: uid(),
    kind: 'task',
    title: 'Nhiệm vụ',
    description: '',
    directiveId: directive.id,
    groupKey: 'N1',
    assigneeOrg: 'Sở Y tế',
    assigneeUnitCode: null,
    headName: '',
    headPosition: '',
    placeType: 'none',
    placeUnitCode: null,
    placeFacilityId: null,
    placeLon: null,
    placeLat: null,
    priority: 'normal',
    dueDate: null,
    parentTaskId: null,
    findings: '',
    createdAt: '2021-12-01T01:00:00.000Z',
    ...over,
  };
}

describe('task board', () => {
  const inspection = task({ status: 'done', kind: 'inspection', groupKey: 'N2', assigneeOrg: 'Đoàn kiểm tra số 1', dueDate: '2021-12-10' });
  const tasks = [
    task({ status: 'done', dueDate: '2021-12-01' }),
    task({ status: 'in_progress', dueDate: '2021-12-19' }), // overdue
    task({ status: 'open', dueDate: '2021-12-22' }), // due soon
    task({ status: 'cancelled', dueDate: '2021-12-01' }), // not counted
    task({ status: 'blocked', groupKey: 'N2', assigneeOrg: 'UBND phường Phúc Xá', assigneeUnitCode: '00001', dueDate: '2021-12-18', placeType: 'unit', placeUnitCode: '00001' }),
    inspection,
    task({ status: 'open', groupKey: 'N2', parentTaskId: inspection.id, dueDate: '2021-12-30' }),
    task({ status: 'open', directiveId: null, groupKey: null, placeType: 'point', placeLon: 105.8, placeLat: 21.03 }),
  ];
  const board = buildTaskBoard({
    atIso: '2021-12-20T03:00:00.000Z',
    today: '2021-12-20',
    dueSoonDays: 3,
    tasks,
    directives: [directive],
    facilities: new Map(),
    units: UNITS,
    updates: new Map([[tasks[1]!.id, { count: 2, lastAt: '2021-12-15T02:00:00.000Z' }]]),
  });
  const row = (t: Task) => board.tasks.find((r) => r.id === t.id)!;

  it('flags overdue and due-soon tasks for the given today and counts them', () => {
    expect(board.today).toBe('2021-12-20');
    expect(board.counts.overdue).toBe(2);
    expect(board.counts.dueSoon).toBe(1);
    expect(row(tasks[1]!)).toMatchObject({ overdue: true, daysLeft: -1, updateCount: 2, lastUpdateAt: '2021-12-15T02:00:00.000Z' });
    expect(row(tasks[2]!)).toMatchObject({ overdue: false, dueSoon: true, daysLeft: 2, dueThisWeek: true });
    expect(row(tasks[0]!)).toMatchObject({ overdue: false, active: false });
    expect(board.counts.byStatus).toEqual({ open: 3, in_progress: 1, blocked: 1, done: 2, cancelled: 1 });
  });

  it('resolves directive, group, district of a ward assignee, place labels and corrective children', () => {
    expect(row(tasks[4]!)).toMatchObject({ directiveCode: '101/KH-UBND', groupTitle: 'Cách ly', assigneeDistrictCode: '001', placeLabel: 'Phường Phúc Xá' });
    expect(row(tasks[7]!)).toMatchObject({ directiveCode: null, placeLabel: '21.0300, 105.8000' });
    expect(row(inspection).childCount).toBe(1);
  });

  it('progress per directive and group leaves cancelled tasks out', () => {
    const d = board.directives.find((x) => x.directiveId === directive.id)!;
    expect(d).toMatchObject({ total: 6, done: 2, overdue: 2 });
    expect(d.pct).toBeCloseTo((2 * 100) / 6, 10);
    expect(d.groups.map((g) => [g.key, g.total, g.done])).toEqual([
      ['N1', 3, 1],
      ['N2', 3, 1],
    ]);
    const none = board.directives.find((x) => x.directiveId === null)!;
    expect(none).toMatchObject({ total: 1, done: 0, pct: 0 });
  });

  it('progress per unit is by assignee organisation', () => {
    const syt = board.units.find((u) => u.assigneeOrg === 'Sở Y tế')!;
    expect(syt).toMatchObject({ total: 5, done: 1, overdue: 1, pct: 20 });
    expect(board.units.find((u) => u.assigneeOrg === 'UBND phường Phúc Xá')).toMatchObject({ assigneeUnitCode: '00001', total: 1, overdue: 1 });
    expect(progressOf([])).toEqual({ total: 0, done: 0, overdue: 0, pct: null });
  });

  it('hands the one transition table to the renderer', () => {
    expect(board.transitions).toEqual(TASK_TRANSITIONS);
  });
});
