import { describe, expect, it } from 'vitest';
import {
  activeF0Per100k,
  activeF0Per100kOn,
  addSeries,
  deaths7dPer100k,
  newCaseCount,
  newCases7dPer100k,
  occupancyPct,
  oxygen7dPer100k,
  per100k,
  perPopulation,
  sortedPoints,
  sumWindow,
  toDailySeries,
  windowValues,
} from '../../../shared/metrics';
import { dateRange } from '../../../shared/metrics';

/** 1..14 October 2021: community = day number, quarantined = 10 each day. */
const days = dateRange('2021-10-01', '2021-10-14');
const community = toDailySeries(days.map((date, i) => ({ date, value: i + 1 })));
const quarantined = toDailySeries(days.map((date) => ({ date, value: 10 })));

describe('series', () => {
  it('adds points of the same day (several units → their total)', () => {
    const s = toDailySeries([
      { date: '2021-10-02', value: 3 },
      { date: '2021-10-01', value: 1 },
      { date: '2021-10-02', value: 4 },
    ]);
    expect(s.get('2021-10-02')).toBe(7);
    expect(sortedPoints(s)).toEqual([
      { date: '2021-10-01', value: 1 },
      { date: '2021-10-02', value: 7 },
    ]);
  });

  it('accepts a {date: value} record and rejects bad dates and non-finite values', () => {
    expect(toDailySeries({ '2021-10-01': 5 }).get('2021-10-01')).toBe(5);
    expect(() => toDailySeries({ '2021-10-32': 5 })).toThrow(RangeError);
    expect(() => toDailySeries([{ date: '2021-10-01', value: Number.NaN }])).toThrow(RangeError);
  });

  it('sums the inclusive window d−6 … d', () => {
    // 8 + 9 + … + 14 = 77
    const w = sumWindow(community, '2021-10-14');
    expect(w).toMatchObject({ sum: 77, days: 7, firstDate: '2021-10-08', lastDate: '2021-10-14', complete: true });
    expect(w.missingDates).toEqual([]);
  });

  it('reports missing days instead of treating them as zero silently', () => {
    const w = sumWindow(community, '2021-10-03'); // only 1, 2, 3 exist
    expect(w.sum).toBe(6);
    expect(w.complete).toBe(false);
    expect(w.missingDates).toEqual(['2021-09-27', '2021-09-28', '2021-09-29', '2021-09-30']);
    expect(windowValues(community, '2021-10-02', 3)).toEqual([null, 1, 2]);
  });

  it('addSeries adds day by day', () => {
    expect(addSeries(community, quarantined).get('2021-10-05')).toBe(15);
  });
});

describe('rates', () => {
  it.each([
    [20, 100_000, 20],
    [1, 8_000_000, 0.0125],
    [1, 16_666, 100_000 / 16_666],
    [0, 5_000, 0],
  ])('per100k(%d, %d) = %d', (count, pop, want) => {
    expect(per100k(count, pop)).toBeCloseTo(want, 12);
  });

  it('is exact at a threshold: 1,659 cases in 8,295,000 people is exactly 20', () => {
    expect(per100k(1659, 8_295_000)).toBe(20);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('population %d → null (JSON-safe)', (pop) => {
    expect(per100k(5, pop)).toBeNull();
  });

  it('perPopulation uses the given base', () => {
    expect(perPopulation(30, 15_000, 10_000)).toBe(20);
  });

  it('new cases 7 d per 100k: community base vs all (community + quarantined)', () => {
    const c = newCases7dPer100k({ community }, 200_000, '2021-10-14', 'community');
    expect(c.count).toBe(77);
    expect(c.value).toBeCloseTo(38.5, 12);
    const all = newCases7dPer100k({ community, quarantined }, 200_000, '2021-10-14', 'all');
    expect(all.count).toBe(147);
    expect(all.value).toBeCloseTo(73.5, 12);
    expect(all.window.complete).toBe(true);
  });

  it("base 'all' needs the quarantined series and reports days missing in either series", () => {
    expect(() => newCases7dPer100k({ community }, 1000, '2021-10-14', 'all')).toThrow(/quarantined/);
    const q = new Map(quarantined);
    q.delete('2021-10-10');
    const all = newCases7dPer100k({ community, quarantined: q }, 100_000, '2021-10-14', 'all');
    expect(all.window.missingDates).toEqual(['2021-10-10']);
    expect(all.count).toBe(77 + 60);
  });

  it('newCaseCount picks the base', () => {
    expect(newCaseCount({ newCommunity: 3, newQuarantined: 4 }, 'community')).toBe(3);
    expect(newCaseCount({ newCommunity: 3, newQuarantined: 4 }, 'all')).toBe(7);
  });

  it('oxygen and deaths per 100k per week', () => {
    const ox = toDailySeries(days.map((date) => ({ date, value: 2 })));
    expect(oxygen7dPer100k(ox, 50_000, '2021-10-14').value).toBe(28);
    expect(deaths7dPer100k(ox, 700_000, '2021-10-14').value).toBe(2);
  });

  it('active F0 per 100k = (home + facility) of the day', () => {
    expect(activeF0Per100k(120, 30, 50_000)).toBe(300);
    const f0Home = toDailySeries({ '2021-10-01': 10 });
    const f0Facility = toDailySeries({ '2021-10-01': 5 });
    expect(activeF0Per100kOn({ f0Home, f0Facility }, '2021-10-01', 10_000)).toBe(150);
    expect(activeF0Per100kOn({ f0Home, f0Facility }, '2021-10-02', 10_000)).toBeNull();
  });

  it.each([
    [45, 60, 75],
    [0, 10, 0],
    [12, 10, 120], // over capacity is shown, not clipped
    [5, 0, null],
    [5, -3, null],
  ])('occupancyPct(%d, %d) = %j', (occ, cap, want) => {
    expect(occupancyPct(occ, cap)).toBe(want);
  });
});
