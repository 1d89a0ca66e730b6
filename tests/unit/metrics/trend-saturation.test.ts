import { describe, expect, it } from 'vitest';
import {
  dateRange,
  daysUntilSaturation,
  daysUntilSaturationFromSeries,
  linearFit,
  toDailySeries,
  weekOverWeek,
  weekOverWeekTrend,
} from '../../../shared/metrics';
import { jsonSafe } from './fixtures';

describe('week-over-week trend', () => {
  it.each([
    [120, 100, 0.2, 'change', 20],
    [50, 100, -0.5, 'change', -50],
    [0, 100, -1, 'change', -100],
    [100, 100, 0, 'change', 0],
    [5, 0, null, 'fromZero', 5], // growth from nothing: no ratio, never Infinity
    [0, 0, null, 'bothZero', 0], // 0/0: no ratio, never NaN
  ])('last %d vs previous %d → ratio %j (%s)', (last, prev, ratio, kind, diff) => {
    const t = weekOverWeek(last, prev);
    expect(t.ratio).toBe(ratio);
    expect(t.kind).toBe(kind);
    expect(t.difference).toBe(diff);
    expect(jsonSafe(t)).toBe(true);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });

  it.each([
    [-1, 5],
    [5, -1],
    [Number.NaN, 1],
    [1, Number.POSITIVE_INFINITY],
  ])('rejects weekly sums %d, %d', (a, b) => {
    expect(() => weekOverWeek(a, b)).toThrow(RangeError);
  });

  it('compares d−6…d with d−13…d−7 of a series', () => {
    const s = toDailySeries(dateRange('2021-10-01', '2021-10-14').map((date, i) => ({ date, value: i + 1 })));
    const t = weekOverWeekTrend(s, '2021-10-14');
    expect(t.last).toBe(77); // 8+…+14
    expect(t.previous).toBe(28); // 1+…+7
    expect(t.ratio).toBeCloseTo(49 / 28, 12);
    expect(t.previousWindow.firstDate).toBe('2021-10-01');
    expect(t.previousWindow.lastDate).toBe('2021-10-07');
  });
});

describe('least-squares fit', () => {
  it('recovers an exact line', () => {
    const f = linearFit([
      { x: 0, y: 3 },
      { x: 1, y: 5 },
      { x: 2, y: 7 },
    ])!;
    expect(f.slope).toBeCloseTo(2, 12);
    expect(f.intercept).toBeCloseTo(3, 12);
  });

  it('is null with one point or a single x', () => {
    expect(linearFit([{ x: 0, y: 1 }])).toBeNull();
    expect(
      linearFit([
        { x: 2, y: 1 },
        { x: 2, y: 5 },
      ]),
    ).toBeNull();
  });
});

describe('days until saturation', () => {
  const rising = [50, 55, 60, 65, 70, 75, 80]; // +5 a day

  it.each([
    [rising, 100, 4], // 80 + 4×5 = 100 exactly
    [rising, 102, 4], // 4.4 days → rounded down
    [rising, 105, 5],
    [rising, 84.99, 0], // 0.998 day → 0
    [[0, 0, 0, 0, 50, 55, 60, 65, 70, 75, 80], 100, 4], // only the last 7 count
    [[50, null, 60, null, 70, null, 80], 100, 4], // missing days keep their place
    [[10, 20], 100, 8],
    [[90, 95, 100], 100, 0], // already full
    [[120, 110, 105], 100, 0], // over capacity even though falling
    [[0, 0, 150, 99], 100, 0], // fitted line already past capacity on the last day
    [[70, 70, 70, 70, 70, 70, 70], 100, null], // flat: not rising
    [[80, 75, 70, 65, 60, 55, 50], 100, null], // falling
    [[80], 100, null], // one point
    [[null, 80], 100, null],
    [rising, 0, null], // no capacity
    [[-1.5e-323, 0], 1.7763568394002505e-15, null], // vanishing slope: no finite day count
  ])('%j with capacity %d → %j', (values, cap, want) => {
    expect(daysUntilSaturation(values, cap)).toBe(want);
  });

  it('uses the given window', () => {
    // last 3 values 70, 75, 80: same slope, same answer; window 2 of [.., 60, 80] would differ
    expect(daysUntilSaturation(rising, 100, 3)).toBe(4);
    expect(daysUntilSaturation([50, 60, 80], 100, 2)).toBe(1); // slope 20 from 60→80
    expect(() => daysUntilSaturation(rising, 100, 1)).toThrow(RangeError);
  });

  it('works on a dated series in percent (capacity 100)', () => {
    const s = toDailySeries(dateRange('2022-02-01', '2022-02-07').map((date, i) => ({ date, value: 50 + 5 * i })));
    expect(daysUntilSaturationFromSeries(s, '2022-02-07', 100)).toBe(4);
    // window ending two days later: the last two days are missing, the line is the same,
    // but "today" is 2 days further along → 2 days left.
    expect(daysUntilSaturationFromSeries(s, '2022-02-09', 100, 9)).toBe(2);
  });
});
