import type { FacilityBoard, FacilityDetail, TaskBoard } from '../../../shared/api/ops/boards';
import type { AdminUnit, Facility, Task } from '../../../shared/domain';
import { ApiError } from '../../../shared/api/errors';
import type { Store } from '../store';
import { latestStatuses, recentStatuses, statusesBetween } from './facilityData';
import { buildFacilityBoard, TREND_DAYS } from './facilityBoard';
import { readBoardSettings } from './settings';
import { buildTaskBoard } from './taskBoard';
import { hanoiDateOf, hanoiDayEndMs, isoInstant, lastDays, resolveAt } from './time';

/**
 * The boards' core services: read what one instant needs from the store, then hand it
 * to the pure builders (facilityBoard.ts, taskBoard.ts). `at` defaults to the store
 * clock, which tests inject, so "now" is the same for every board and every test.
 */
export { TASK_TRANSITIONS, canTransition, assertTransition, isActiveStatus } from './workflow';
export { isOverdue, dueSoon, dueThisWeek, daysLeft, weekOf } from './deadlines';
export { readBoardSettings, updateBoardSettings, boardSettingsOut, BOARD_SETTING_KEYS, DEFAULT_BOARD_SETTINGS } from './settings';

function unitMap(store: Store): Map<string, AdminUnit> {
  return new Map(store.list('adminUnit').map((u) => [u.code, u]));
}

function facilityBoardFor(store: Store, atMs: number, facilities: readonly Facility[], only?: string): FacilityBoard {
  const atIso = isoInstant(atMs);
  const firstDay = lastDays(hanoiDateOf(atMs), TREND_DAYS)[0]!;
  // The window starts at the end of the day before the first trend day (Hà Nội time).
  const windowStart = isoInstant(hanoiDayEndMs(firstDay) - 86_400_000);
  return buildFacilityBoard({
    atMs,
    settings: readBoardSettings(store),
    facilities,
    units: unitMap(store),
    latest: latestStatuses(store, atIso, only),
    before: latestStatuses(store, windowStart, only),
    window: statusesBetween(store, windowStart, atIso, only),
  });
}

export function facilityBoardAt(store: Store, at?: string): FacilityBoard {
  const { ms } = resolveAt(at, store.clock);
  return facilityBoardFor(store, ms, store.list('facility'));
}

export function alertsAt(store: Store, at?: string) {
  const board = facilityBoardAt(store, at);
  return { at: board.at, warnPct: board.settings.warnPct, criticalPct: board.settings.criticalPct, alerts: board.alerts };
}

function updateStats(store: Store, taskIds?: readonly string[]): Map<string, { count: number; lastAt: string | null }> {
  const rows = store.db
    .prepare(
      `SELECT task_id AS taskId, count(*) AS n, max(at) AS lastAt FROM task_updates
       WHERE _deleted = 0 AND (? IS NULL OR task_id IN (SELECT value FROM json_each(?)))
       GROUP BY task_id`,
    )
    .all(taskIds ? 1 : null, JSON.stringify(taskIds ?? [])) as { taskId: string; n: number; lastAt: string | null }[];
  return new Map(rows.map((r) => [r.taskId, { count: r.n, lastAt: r.lastAt }]));
}

function taskBoardFor(store: Store, atMs: number, tasks: readonly Task[], taskIds?: readonly string[]): TaskBoard {
  const settings = readBoardSettings(store);
  return buildTaskBoard({
    atIso: isoInstant(atMs),
    today: hanoiDateOf(atMs),
    dueSoonDays: settings.dueSoonDays,
    tasks,
    directives: store.list('directive'),
    facilities: new Map(store.list('facility').map((f) => [f.id, f])),
    units: unitMap(store),
    updates: updateStats(store, taskIds),
  });
}

export function taskBoardAt(store: Store, at?: string): TaskBoard {
  const { ms } = resolveAt(at, store.clock);
  return taskBoardFor(store, ms, store.list('task'));
}

/** Default and bounds of the history shown on the facility detail. */
export const HISTORY_DAYS = 60;

export function facilityDetailAt(store: Store, id: string, at?: string, days = HISTORY_DAYS): FacilityDetail {
  const facility = store.get('facility', id);
  if (!facility) throw new ApiError('not_found', `Không tìm thấy cơ sở điều trị "${id}" (not found)`);
  const { ms, iso, today } = resolveAt(at, store.clock);
  const board = facilityBoardFor(store, ms, [facility], id);

  const dates = lastDays(today, days);
  const from = isoInstant(hanoiDayEndMs(dates[0]!) - 86_400_000);
  const byDay = new Map<string, ReturnType<typeof statusesBetween>[number]>();
  for (const s of statusesBetween(store, from, iso, id)) byDay.set(hanoiDateOf(Date.parse(s.reportedAt)), s); // oldest first: last wins
  const history = dates.map((date) => {
    const s = byDay.get(date);
    return {
      date,
      bedsOccupied: s?.bedsOccupied ?? null,
      icuOccupied: s?.icuOccupied ?? null,
      oxygenInUse: s?.oxygenInUse ?? null,
      homeF0Followed: s?.homeF0Followed ?? null,
    };
  });

  const tasks = store.list('task', { placeFacilityId: id });
  const taskRows = taskBoardFor(store, ms, tasks, tasks.map((t) => t.id)).tasks;
  return {
    at: iso,
    today,
    facility,
    row: board.facilities[0]!,
    history,
    recent: recentStatuses(store, id, iso, 10),
    openTasks: taskRows.filter((t) => t.active),
    closedTaskCount: taskRows.filter((t) => !t.active).length,
  };
}
