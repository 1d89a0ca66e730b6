import type { UnitMetrics } from '../../../../shared/api/ops/metrics';
import type { TaskBoard, TaskBoardRow } from '../../../../shared/api/ops/boards';

/**
 * What the wall display and the daily briefing show, derived from the SAME operations as the
 * map and the boards (metrics.snapshot, boards.tasks): no number here is computed from raw
 * reports, only picked, compared or sorted. Pure functions (unit-tested).
 */

export type Level = 1 | 2 | 3 | 4;
export const HEADLINE_IDS = ['newToday', 'new7d', 'incidence', 'activeF0'] as const;
export type HeadlineId = (typeof HEADLINE_IDS)[number];

export interface Headline {
  id: HeadlineId;
  value: number | null;
  /** Today − yesterday; null when either is unknown. */
  delta: number | null;
  /** Decimal places the value is shown with. */
  digits: number;
}

const HEADLINE_VALUE: Record<HeadlineId, { value: (u: UnitMetrics) => number | null; digits: number }> = {
  newToday: { value: (u) => u.newCasesToday, digits: 0 },
  new7d: { value: (u) => u.newTotal7d, digits: 0 },
  incidence: { value: (u) => u.incidence7dPer100k, digits: 1 },
  activeF0: { value: (u) => u.activeF0, digits: 0 },
};

/** The city's headline figures with their change since the previous day. */
export function headlineNumbers(today: UnitMetrics, yesterday: UnitMetrics | null | undefined): Headline[] {
  return HEADLINE_IDS.map((id) => {
    const { value, digits } = HEADLINE_VALUE[id];
    const v = value(today);
    const p = yesterday ? value(yesterday) : null;
    // Round the difference to the shown precision, so "+0,0" never appears for a float wobble.
    const delta = v === null || p === null ? null : Math.round((v - p) * 10 ** digits) / 10 ** digits;
    return { id, value: v, delta, digits };
  });
}

export const levelOf = (u: UnitMetrics | undefined): Level | null => (u?.epidemicLevel?.level ?? null) as Level | null;

/** How many units are at each level (null = not assessed). */
export function levelCounts(units: readonly UnitMetrics[]): { level: Level | null; count: number }[] {
  const counts = new Map<Level | null, number>();
  for (const u of units) counts.set(levelOf(u), (counts.get(levelOf(u)) ?? 0) + 1);
  const order: (Level | null)[] = [4, 3, 2, 1, null];
  return order.filter((l) => counts.has(l)).map((level) => ({ level, count: counts.get(level)! }));
}

export interface LevelChange {
  code: string;
  name: string;
  from: Level | null;
  to: Level | null;
  direction: 'up' | 'down';
}

/**
 * Units whose epidemic level on the day differs from their level on the comparison day.
 * A unit assessed on only one of the two days counts as a change from / to "not assessed"
 * (treated as below level 1). Rises first (highest new level first), then falls; by name.
 */
export function levelChanges(today: readonly UnitMetrics[], before: readonly UnitMetrics[]): LevelChange[] {
  const earlier = new Map(before.map((u) => [u.code, levelOf(u)]));
  const out: LevelChange[] = [];
  for (const u of today) {
    if (!earlier.has(u.code)) continue;
    const from = earlier.get(u.code)!;
    const to = levelOf(u);
    if (from === to) continue;
    out.push({ code: u.code, name: u.name, from, to, direction: (to ?? 0) > (from ?? 0) ? 'up' : 'down' });
  }
  return out.sort(
    (a, b) =>
      (a.direction === b.direction ? 0 : a.direction === 'up' ? -1 : 1) ||
      (a.direction === 'up' ? (b.to ?? 0) - (a.to ?? 0) : (a.to ?? 0) - (b.to ?? 0)) ||
      a.name.localeCompare(b.name, 'vi'),
  );
}

/** Overdue tasks of the board, most overdue first (the board decides what "overdue" means). */
export function overdueTasks(board: Pick<TaskBoard, 'tasks'>): TaskBoardRow[] {
  return board.tasks
    .filter((t) => t.overdue)
    .sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0) || (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.title.localeCompare(b.title, 'vi'));
}

/** Tasks due within the board's "due soon" days (not yet overdue), soonest first. */
export function dueSoonTasks(board: Pick<TaskBoard, 'tasks'>): TaskBoardRow[] {
  return board.tasks
    .filter((t) => t.dueSoon && !t.overdue)
    .sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0) || a.title.localeCompare(b.title, 'vi'));
}

/** Districts for the briefing table: highest level first, then highest incidence, then name. */
export function districtRows(units: readonly UnitMetrics[]): UnitMetrics[] {
  return [...units].sort(
    (a, b) =>
      (levelOf(b) ?? 0) - (levelOf(a) ?? 0) ||
      (b.incidence7dPer100k ?? -1) - (a.incidence7dPer100k ?? -1) ||
      a.name.localeCompare(b.name, 'vi'),
  );
}

/** Next panel of the rotation (wraps; a shrunk list restarts inside its bounds). */
export function nextPanelIndex(current: number, count: number): number {
  if (count <= 0) return 0;
  return (current + 1) % count;
}
