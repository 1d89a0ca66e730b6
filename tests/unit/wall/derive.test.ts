import { describe, expect, it } from 'vitest';
import type { UnitMetrics } from '../../../shared/api/ops/metrics';
import type { TaskBoardRow } from '../../../shared/api/ops/boards';
import {
  districtRows,
  dueSoonTasks,
  headlineNumbers,
  levelChanges,
  levelCounts,
  nextPanelIndex,
  overdueTasks,
} from '../../../renderer/src/pages/wall/derive';
import { formatDelta } from '../../../renderer/src/pages/wall/format';
import { scaleTextSize, wallLabelScale } from '../../../renderer/src/pages/wall/mapLabels';
import { MAP_METRIC_IDS } from '../../../renderer/src/map/metrics';
import { WALL_METRICS, wallSettings, DEFAULT_WALL_SETTINGS } from '../../../shared/api/ops/wall';
import { unit as baseUnit } from '../map/fixtures';

/** A district of the snapshot (the map tests' neutral unit) with a level, or none. */
const unit = (code: string, name: string, level: 1 | 2 | 3 | 4 | null, o: Partial<UnitMetrics> = {}): UnitMetrics =>
  baseUnit({ code, name, population: 100_000, lastReportDate: null, epidemicLevel: level === null ? null : ({ level } as UnitMetrics['epidemicLevel']), ...o });

const task = (id: string, o: Partial<TaskBoardRow>): TaskBoardRow => ({ id, title: id, overdue: false, dueSoon: false, daysLeft: null, dueDate: null, ...o }) as TaskBoardRow;

describe('headline figures', () => {
  it('value and change since yesterday, rounded to the shown precision', () => {
    const today = unit('01', 'Hà Nội', 3, { newCasesToday: 1534, newTotal7d: 17848, incidence7dPer100k: 121.8576, activeF0: 28138 });
    const yesterday = unit('01', 'Hà Nội', 3, { newCasesToday: 1425, newTotal7d: 17958, incidence7dPer100k: 122.2999, activeF0: 28138 });
    expect(headlineNumbers(today, yesterday)).toEqual([
      { id: 'newToday', value: 1534, delta: 109, digits: 0 },
      { id: 'new7d', value: 17848, delta: -110, digits: 0 },
      { id: 'incidence', value: 121.8576, delta: -0.4, digits: 1 },
      { id: 'activeF0', value: 28138, delta: 0, digits: 0 },
    ]);
  });

  it('no change when yesterday or the value is unknown', () => {
    const h = headlineNumbers(unit('01', 'Hà Nội', null, { incidence7dPer100k: null }), undefined);
    expect(h.map((x) => x.delta)).toEqual([null, null, null, null]);
    expect(h[2]!.value).toBeNull();
  });

  it('formats a change with a sign and a real minus', () => {
    expect(formatDelta(1234, 0, 'vi')).toBe('+1.234');
    expect(formatDelta(-0.4, 1, 'vi')).toBe('−0,4');
    expect(formatDelta(-1234.5, 1, 'en')).toBe('−1,234.5');
    expect(formatDelta(0, 1, 'vi')).toBe('0,0');
    expect(formatDelta(null, 0, 'vi')).toBe('–');
  });
});

describe('levels', () => {
  const today = [unit('001', 'Ba Đình', 3), unit('003', 'Tây Hồ', 4), unit('006', 'Đống Đa', 3), unit('250', 'Mê Linh', 2), unit('271', 'Ba Vì', null), unit('272', 'Phúc Thọ', 1)];
  const before = [unit('001', 'Ba Đình', 3), unit('003', 'Tây Hồ', 3), unit('006', 'Đống Đa', 4), unit('250', 'Mê Linh', null), unit('271', 'Ba Vì', 2), unit('272', 'Phúc Thọ', 3)];

  it('lists each district whose level changed: rises first (highest first), then falls (lowest first)', () => {
    expect(levelChanges(today, before)).toEqual([
      { code: '003', name: 'Tây Hồ', from: 3, to: 4, direction: 'up' },
      { code: '250', name: 'Mê Linh', from: null, to: 2, direction: 'up' },
      { code: '271', name: 'Ba Vì', from: 2, to: null, direction: 'down' },
      { code: '272', name: 'Phúc Thọ', from: 3, to: 1, direction: 'down' },
      { code: '006', name: 'Đống Đa', from: 4, to: 3, direction: 'down' },
    ]);
    expect(levelChanges(today, today)).toEqual([]);
    // A district missing from the comparison day is not a change.
    expect(levelChanges(today, before.slice(0, 1))).toEqual([]);
  });

  it('counts districts per level, highest first, unassessed last', () => {
    expect(levelCounts(today)).toEqual([
      { level: 4, count: 1 },
      { level: 3, count: 2 },
      { level: 2, count: 1 },
      { level: 1, count: 1 },
      { level: null, count: 1 },
    ]);
  });

  it('orders the briefing table by level, then incidence, then name', () => {
    const rows = districtRows([
      unit('a', 'Ứng Hòa', 3, { incidence7dPer100k: 60 }),
      unit('b', 'Hoàn Kiếm', 3, { incidence7dPer100k: 112 }),
      unit('c', 'Hà Đông', 4, { incidence7dPer100k: 90 }),
      unit('d', 'Ba Vì', 3, { incidence7dPer100k: 60 }),
      unit('e', 'Mỹ Đức', null, { incidence7dPer100k: null }),
    ]);
    expect(rows.map((u) => u.name)).toEqual(['Hà Đông', 'Hoàn Kiếm', 'Ba Vì', 'Ứng Hòa', 'Mỹ Đức']);
  });
});

describe('tasks', () => {
  it('overdue: most overdue first; due soon: soonest first, overdue excluded', () => {
    const board = {
      tasks: [
        task('a', { overdue: true, daysLeft: -2, dueDate: '2021-12-29' }),
        task('b', { overdue: false, dueSoon: true, daysLeft: 2 }),
        task('c', { overdue: true, daysLeft: -6, dueDate: '2021-12-25' }),
        task('d', { overdue: false }),
        task('e', { overdue: false, dueSoon: true, daysLeft: 0 }),
      ],
    };
    expect(overdueTasks(board).map((t) => t.id)).toEqual(['c', 'a']);
    expect(dueSoonTasks(board).map((t) => t.id)).toEqual(['e', 'b']);
  });
});

describe('rotation and map labels', () => {
  it('the next panel wraps around', () => {
    expect([0, 1, 2].map((i) => nextPanelIndex(i, 3))).toEqual([1, 2, 0]);
    expect(nextPanelIndex(0, 1)).toBe(0);
    expect(nextPanelIndex(4, 0)).toBe(0);
  });

  it('scales the map screen text sizes (numbers and zoom curves) without touching the zooms', () => {
    expect(scaleTextSize(13, 2)).toBe(26);
    expect(scaleTextSize(['interpolate', ['linear'], ['zoom'], 8, 10, 10, 12.5, 12, 15], 2)).toEqual(['interpolate', ['linear'], ['zoom'], 8, 20, 10, 25, 12, 30]);
    expect(scaleTextSize('x', 2)).toBe('x');
    expect(wallLabelScale(1920, 1080)).toBe(2);
    expect(wallLabelScale(3840, 2160)).toBe(4);
    expect(wallLabelScale(800, 600)).toBe(1.5);
  });
});

describe('wall settings contract', () => {
  it('offers exactly the map screen metrics', () => {
    expect([...WALL_METRICS]).toEqual([...MAP_METRIC_IDS]);
  });

  it('rejects an empty or repeated panel list and out-of-range seconds, naming the field', () => {
    expect(wallSettings.safeParse(DEFAULT_WALL_SETTINGS).success).toBe(true);
    const issues = (v: unknown) => wallSettings.safeParse(v).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ ...DEFAULT_WALL_SETTINGS, panels: [] })).toEqual(['panels: cần ít nhất một bảng']);
    expect(issues({ ...DEFAULT_WALL_SETTINGS, panels: ['map', 'map'] })).toEqual(['panels: mỗi bảng chỉ xuất hiện một lần']);
    expect(issues({ ...DEFAULT_WALL_SETTINGS, intervalSec: 4 })).toEqual(['intervalSec: tối thiểu 5 giây']);
    expect(issues({ ...DEFAULT_WALL_SETTINGS, intervalSec: 2.5 })?.[0]).toMatch(/^intervalSec/);
    expect(issues({ ...DEFAULT_WALL_SETTINGS, metric: 'cases' })?.[0]).toMatch(/^metric/);
    expect(issues({ ...DEFAULT_WALL_SETTINGS, extra: 1 })?.[0]).toBeTruthy();
  });
});
