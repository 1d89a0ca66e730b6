import { describe, expect, it } from 'vitest';
import { daysUntilSaturation, addDays } from '../../../shared/metrics';
import { buildFacilityBoard, TREND_DAYS, type FacilityBoardInput } from '../../../electron/core/boards/facilityBoard';
import type { StatusPoint } from '../../../electron/core/boards/facilityData';
import type { Facility } from '../../../shared/domain';
import { AT, SETTINGS, UNITS, fac, latestOf, st } from './fixtures';

function board(facilities: Facility[], statuses: StatusPoint[], over: Partial<FacilityBoardInput> = {}) {
  return buildFacilityBoard({
    atMs: AT,
    settings: SETTINGS,
    facilities,
    units: UNITS,
    latest: latestOf(statuses),
    before: new Map(),
    window: [...statuses].filter((s) => Date.parse(s.reportedAt) <= AT).sort((a, b) => a.reportedAt.localeCompare(b.reportedAt)),
    ...over,
  });
}

describe('per-tier totals', () => {
  const a = fac({ name: 'A', beds: 100, icuBeds: 10, oxygenOutlets: 40, ventilators: 5 });
  const b = fac({ name: 'B', beds: 200 });
  const c = fac({ name: 'C (chưa báo cáo)', beds: 50 });
  const d = fac({ name: 'D (ngừng hoạt động)', beds: 100, active: false });
  const e = fac({ name: 'E', tier: 3, beds: 40 });
  const statuses = [
    st(a, '2021-12-19', 60, { icuOccupied: 10, oxygenInUse: 12, ventilatorsInUse: 2 }),
    st(b, '2021-12-19', 190),
    st(d, '2021-12-19', 100),
    st(e, '2021-12-19', 50), // over capacity: free never negative
  ];
  const out = board([a, b, c, d, e], statuses);
  const tier = (n: number) => out.tiers.find((t) => t.tier === n)!;

  it('counts active facilities; occupancy and free places only over those that reported', () => {
    expect(tier(2)).toMatchObject({
      facilities: 3,
      reporting: 2,
      stale: 1, // C never reported
      beds: 350,
      bedsReported: 300,
      occupied: 250,
      free: 40 + 10,
      icuBeds: 10,
      icuOccupied: 10,
      oxygenOutlets: 40,
      oxygenInUse: 12,
      ventilators: 5,
      ventilatorsInUse: 2,
      level: 'warn',
    });
    expect(tier(2).occupancyPct).toBeCloseTo((250 * 100) / 300, 10);
    expect(tier(3)).toMatchObject({ facilities: 1, occupied: 50, free: 0, level: 'critical' });
  });

  it('an empty tier has nothing free and no occupancy', () => {
    expect(tier(1)).toMatchObject({ facilities: 0, reporting: 0, beds: 0, free: 0, occupancyPct: null, level: null, daysUntilFull: null });
  });

  it('the sum over tiers equals the sum over the active, reporting rows', () => {
    const rows = out.facilities.filter((r) => r.active && r.status);
    expect(out.tiers.reduce((n, t) => n + t.free, 0)).toBe(rows.reduce((n, r) => n + r.free!, 0));
    expect(out.tiers.reduce((n, t) => n + t.occupied, 0)).toBe(rows.reduce((n, r) => n + r.status!.bedsOccupied, 0));
  });

  it('rows carry district, free beds and levels; inactive facilities raise no alert', () => {
    const rowA = out.facilities.find((r) => r.id === a.id)!;
    expect(rowA).toMatchObject({ districtCode: '001', districtName: 'Ba Đình', free: 40, bedLevel: 'ok', level: 'critical' }); // beds 60 % but ICU full
    expect(out.alerts.map((x) => x.id)).toEqual(
      expect.arrayContaining([`facility:${a.id}:icu`, `facility:${b.id}:beds`, `facility:${e.id}:beds`, 'tier:2:beds', 'tier:3:beds']),
    );
    expect(out.alerts.some((x) => x.facilityId === d.id)).toBe(false);
    expect(out.alerts.some((x) => x.facilityId === a.id && x.metric === 'oxygen')).toBe(false); // 30 %
    // Critical first, then the fullest.
    const levels = out.alerts.map((x) => x.level);
    expect(levels.indexOf('warn')).toBeGreaterThan(levels.lastIndexOf('critical'));
  });
});

describe('trend and days until full', () => {
  const f = fac({ name: 'Rising', beds: 100 });
  // 55, 60, …, 80 on the six days before today (Hà Nội), none yet today.
  const rising = [6, 5, 4, 3, 2, 1].map((back, i) => st(f, addDays('2021-12-20', -back), 55 + 5 * i));
  // An earlier report the same day must lose to the day's last one.
  const early = st(f, '2021-12-19', 99, {}, 9);

  it('uses each day\'s last report, a null for a day without one, over 14 days ending today', () => {
    const out = board([f], [...rising, early]);
    expect(out.trendDates).toHaveLength(TREND_DAYS);
    expect(out.trendDates.at(-1)).toBe('2021-12-20');
    const row = out.facilities[0]!;
    expect(row.trend.slice(-7)).toEqual([55, 60, 65, 70, 75, 80, null]);
    expect(row.trend.slice(0, 7)).toEqual([null, null, null, null, null, null, null]);
    expect(row.status!.bedsOccupied).toBe(80);
  });

  it('days until full is daysUntilSaturation on the last 7 daily values (not re-implemented)', () => {
    const row = board([f], rising).facilities[0]!;
    expect(row.daysUntilFull).toBe(daysUntilSaturation(row.trend, 100));
    // y = 55 + 5x reaches 100 at x = 9; the window ends at x = 6 → 3 days.
    expect(row.daysUntilFull).toBe(3);
  });

  it('the tier\'s days until full comes from its occupancy % against 100', () => {
    const g = fac({ name: 'Flat', beds: 100 });
    const flat = [6, 5, 4, 3, 2, 1].map((back) => st(g, addDays('2021-12-20', -back), 50));
    const out = board([f, g], [...rising, ...flat]);
    const t2 = out.tiers.find((t) => t.tier === 2)!;
    expect(t2.trend.slice(-7, -1)).toEqual([52.5, 55, 57.5, 60, 62.5, 65]);
    expect(t2.daysUntilFull).toBe(daysUntilSaturation(t2.trend, 100));
    // Today carries 65 (last known): least squares over 52.5 … 65, 65 gives slope 62.5/28 and
    // intercept 52.95, reaching 100 at x ≈ 21.08; the window ends at x = 6 → 15 whole days.
    expect(t2.daysUntilFull).toBe(15);
  });

  it('falling occupancy has no saturation date; change over 7 days uses last known values', () => {
    const h = fac({ name: 'Falling', beds: 100 });
    const before = new Map([[h.id, st(h, '2021-12-05', 90)]]);
    const falling = [st(h, '2021-12-13', 70), st(h, '2021-12-19', 40)];
    const row = board([h], falling, { before }).facilities[0]!;
    expect(row.daysUntilFull).toBeNull();
    expect(row.change7d).toBe(40 - 70);
    expect(row.trend[0]).toBeNull(); // the seed is not a report of the window
  });
});

describe('staleness and mobile stations', () => {
  it('is stale past the configured hours, or when it never reported', () => {
    const f = fac({ name: 'Old' });
    const g = fac({ name: 'Fresh' });
    const h = fac({ name: 'Never' });
    const statuses = [st(f, '2021-12-19', 10, {}, 9), st(g, '2021-12-19', 10, {}, 12)]; // 25 h and 22 h before 10:00 on the 20th
    const out = board([f, g, h], statuses);
    const row = (id: string) => out.facilities.find((r) => r.id === id)!;
    expect(row(f.id)).toMatchObject({ stale: true, ageHours: 25 });
    expect(row(g.id)).toMatchObject({ stale: false, ageHours: 22 });
    expect(row(h.id)).toMatchObject({ stale: true, ageHours: null, status: null });
    const strict = board([f, g, h], statuses, { settings: { ...SETTINGS, staleAfterHours: 12 } });
    expect(strict.facilities.filter((r) => r.stale)).toHaveLength(3);
  });

  it('home F0 load uses the station\'s declared capacity, else the benchmark setting', () => {
    const declared = fac({ name: 'Trạm 1', kind: 'mobile_station', tier: 1, beds: 20, homeF0Capacity: 200 });
    const none = fac({ name: 'Trạm 2', kind: 'mobile_station', tier: 1, beds: 20, homeF0Capacity: null, atIndustrialPark: true });
    const statuses = [st(declared, '2021-12-19', 0, { homeF0Followed: 170 }), st(none, '2021-12-19', 0, { homeF0Followed: 48 })];
    const out = board([declared, none], statuses, { settings: { ...SETTINGS, mobileStationF0Benchmark: 50 } });
    const row = (id: string) => out.facilities.find((r) => r.id === id)!;
    expect(row(declared.id).homeF0).toMatchObject({ followed: 170, capacity: 200, capacitySource: 'facility', pct: 85, level: 'warn', benchmarkRatio: 3.4 });
    expect(row(none.id).homeF0).toMatchObject({ followed: 48, capacity: 50, capacitySource: 'benchmark', pct: 96, level: 'critical' });
    expect(out.stations).toMatchObject({ stations: 2, atIndustrialPark: 1, reporting: 2, followed: 218, benchmark: 50, stationsNeeded: 5, overBenchmark: 1 });
    expect(out.alerts.filter((a) => a.metric === 'homeF0').map((a) => a.level)).toEqual(['critical', 'warn']);
  });
});

describe('alert thresholds', () => {
  const f = fac({ name: 'Threshold', beds: 100, tier: 3 });
  const levelAt = (occupied: number, settings = SETTINGS) =>
    board([f], [st(f, '2021-12-19', occupied)], { settings }).alerts.find((a) => a.id === `facility:${f.id}:beds`)?.level ?? null;

  it('raises warn at the warn mark and critical at the critical mark, not before', () => {
    expect(levelAt(79)).toBeNull();
    expect(levelAt(80)).toBe('warn');
    expect(levelAt(94)).toBe('warn');
    expect(levelAt(95)).toBe('critical');
    expect(levelAt(100)).toBe('critical');
  });

  it('follows the configured thresholds', () => {
    const settings = { ...SETTINGS, warnPct: 60, criticalPct: 70 };
    expect(levelAt(59, settings)).toBeNull();
    expect(levelAt(60, settings)).toBe('warn');
    expect(levelAt(70, settings)).toBe('critical');
  });
});
