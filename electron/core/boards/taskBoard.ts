import type { Progress, TaskBoard, TaskBoardRow } from '../../../shared/api/ops/boards';
import type { AdminUnit, Directive, Facility, Task, TaskStatus } from '../../../shared/domain';
import { daysLeft, dueSoon, dueThisWeek, isOverdue, weekOf } from './deadlines';
import { TASK_STATUSES, TASK_TRANSITIONS, isActiveStatus } from './workflow';

/**
 * The task board as a PURE function of the tasks and "today" (a Hà Nội day): flags,
 * counts and progress. The renderer filters and groups these rows; it never decides
 * what is overdue itself.
 */
export interface TaskBoardInput {
  atIso: string;
  today: string;
  dueSoonDays: number;
  tasks: readonly Task[];
  directives: readonly Directive[];
  facilities: ReadonlyMap<string, Pick<Facility, 'id' | 'name'>>;
  units: ReadonlyMap<string, Pick<AdminUnit, 'code' | 'name' | 'fullName' | 'level' | 'parentCode'>>;
  updates: ReadonlyMap<string, { count: number; lastAt: string | null }>;
}

/** Progress of a set of tasks: cancelled tasks are out of the count (they are not work to do). */
export function progressOf(rows: ReadonlyArray<Pick<TaskBoardRow, 'status' | 'overdue'>>): Progress {
  const counted = rows.filter((r) => r.status !== 'cancelled');
  const done = counted.filter((r) => r.status === 'done').length;
  return {
    total: counted.length,
    done,
    overdue: counted.filter((r) => r.overdue).length,
    pct: counted.length === 0 ? null : (done * 100) / counted.length,
  };
}

function placeLabel(t: Task, input: TaskBoardInput): string | null {
  switch (t.placeType) {
    case 'facility':
      return t.placeFacilityId ? (input.facilities.get(t.placeFacilityId)?.name ?? null) : null;
    case 'unit':
      return t.placeUnitCode ? (input.units.get(t.placeUnitCode)?.fullName ?? t.placeUnitCode) : null;
    case 'point':
      return t.placeLat !== null && t.placeLon !== null ? `${t.placeLat.toFixed(4)}, ${t.placeLon.toFixed(4)}` : null;
    default:
      return null;
  }
}

function districtOf(code: string | null, units: TaskBoardInput['units']): string | null {
  if (!code) return null;
  const u = units.get(code);
  if (!u) return null;
  if (u.level === 'district') return u.code;
  if (u.level === 'ward') return u.parentCode;
  return null;
}

export function buildTaskBoard(input: TaskBoardInput): TaskBoard {
  const { today, dueSoonDays } = input;
  const directives = new Map(input.directives.map((d) => [d.id, d]));
  const children = new Map<string, number>();
  for (const t of input.tasks) if (t.parentTaskId) children.set(t.parentTaskId, (children.get(t.parentTaskId) ?? 0) + 1);

  const rows: TaskBoardRow[] = input.tasks.map((t) => {
    const d = t.directiveId ? directives.get(t.directiveId) : undefined;
    const u = input.updates.get(t.id);
    return {
      ...t,
      directiveCode: d?.code ?? null,
      groupTitle: (t.groupKey && d?.groups.find((g) => g.key === t.groupKey)?.title) || null,
      assigneeDistrictCode: districtOf(t.assigneeUnitCode, input.units),
      placeLabel: placeLabel(t, input),
      active: isActiveStatus(t.status),
      overdue: isOverdue(t, today),
      dueSoon: dueSoon(t, today, dueSoonDays),
      dueThisWeek: dueThisWeek(t, today),
      daysLeft: daysLeft(t, today),
      updateCount: u?.count ?? 0,
      lastUpdateAt: u?.lastAt ?? null,
      childCount: children.get(t.id) ?? 0,
    };
  });
  // Due first (soonest first), undated last; creation order breaks ties.
  rows.sort((a, b) => (a.dueDate ?? '9999') .localeCompare(b.dueDate ?? '9999') || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));

  const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<TaskStatus, number>;

  const directiveIds = [...new Set(rows.map((r) => r.directiveId))];
  const ordered = [...input.directives].sort((a, b) => b.issuedDate.localeCompare(a.issuedDate) || a.code.localeCompare(b.code));
  const directiveProgress = [...ordered.map((d) => d.id), ...(directiveIds.includes(null) ? [null] : [])].map((id) => {
    const mine = rows.filter((r) => r.directiveId === id);
    const d = id ? directives.get(id) : undefined;
    const keys: Array<string | null> = [...(d?.groups.map((g) => g.key) ?? [])];
    if (mine.some((r) => r.groupKey === null || !keys.includes(r.groupKey))) keys.push(null);
    return {
      directiveId: id,
      code: d?.code ?? null,
      title: d?.title ?? null,
      ...progressOf(mine),
      groups: keys.map((key) => {
        const inGroup = mine.filter((r) => (key === null ? r.groupKey === null || !keys.includes(r.groupKey) : r.groupKey === key));
        return { key, title: key === null ? null : (d?.groups.find((g) => g.key === key)?.title ?? null), ...progressOf(inGroup) };
      }),
    };
  });

  const orgs = new Map<string, TaskBoardRow[]>();
  for (const r of rows) {
    const list = orgs.get(r.assigneeOrg);
    if (list) list.push(r);
    else orgs.set(r.assigneeOrg, [r]);
  }
  const units = [...orgs.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'vi'))
    .map(([assigneeOrg, list]) => ({ assigneeOrg, assigneeUnitCode: list.find((r) => r.assigneeUnitCode)?.assigneeUnitCode ?? null, ...progressOf(list) }));

  const week = weekOf(today);
  return {
    at: input.atIso,
    today,
    weekStart: week.start,
    weekEnd: week.end,
    dueSoonDays,
    transitions: Object.fromEntries(TASK_STATUSES.map((s) => [s, [...TASK_TRANSITIONS[s]]])) as Record<TaskStatus, TaskStatus[]>,
    tasks: rows,
    counts: {
      total: rows.length,
      byStatus,
      overdue: rows.filter((r) => r.overdue).length,
      dueSoon: rows.filter((r) => r.dueSoon).length,
    },
    directives: directiveProgress,
    units,
  };
}
