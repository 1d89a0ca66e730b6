import type {
  BoardAlert,
  BoardSettings,
  FacilityBoard,
  FacilityBoardRow,
  TierTotals,
} from '../../../shared/api/ops/boards';
import type { AdminUnit, Facility, TreatmentTier } from '../../../shared/domain';
import { daysUntilSaturation, occupancyPct, weekOverWeek } from '../../../shared/metrics';
import type { StatusPoint } from './facilityData';
import { levelOf, worstLevel } from './levels';
import { hanoiDateOf, isoInstant, lastDays } from './time';

/**
 * The facility load board as a PURE function of the data read for one instant: the
 * facilities, their newest status on or before `at`, and the statuses of the trend
 * window. Same input → same board (alerts included); no clock, no database here.
 */

/** Trend window: 14 Hà Nội days ending today (the saturation fit uses the last 7). */
export const TREND_DAYS = 14;
/** Values compared for the week change: today and 7 days earlier. */
const WEEK = 7;

export interface FacilityBoardInput {
  atMs: number;
  settings: BoardSettings;
  facilities: readonly Facility[];
  units: ReadonlyMap<string, Pick<AdminUnit, 'code' | 'name' | 'level' | 'parentCode'>>;
  /** Newest status per facility on or before `at`. */
  latest: ReadonlyMap<string, StatusPoint>;
  /** Newest status per facility on or before the trend window starts (for last-known values). */
  before: ReadonlyMap<string, StatusPoint>;
  /** Statuses inside the trend window, oldest first. */
  window: readonly StatusPoint[];
}

/** The last status of each Hà Nội day, per facility. */
function dailyLast(window: readonly StatusPoint[]): Map<string, Map<string, StatusPoint>> {
  const out = new Map<string, Map<string, StatusPoint>>();
  for (const s of window) {
    let days = out.get(s.facilityId);
    if (!days) out.set(s.facilityId, (days = new Map()));
    const day = hanoiDateOf(Date.parse(s.reportedAt));
    const prev = days.get(day);
    if (!prev || prev.reportedAt < s.reportedAt || (prev.reportedAt === s.reportedAt && prev.id < s.id)) days.set(day, s);
  }
  return out;
}

interface Located {
  unitName: string;
  districtCode: string | null;
  districtName: string | null;
}
function locate(units: FacilityBoardInput['units'], code: string): Located {
  const u = units.get(code);
  if (!u) return { unitName: code, districtCode: null, districtName: null };
  if (u.level === 'district') return { unitName: u.name, districtCode: u.code, districtName: u.name };
  const parent = u.parentCode ? units.get(u.parentCode) : undefined;
  return { unitName: u.name, districtCode: parent?.level === 'district' ? parent.code : null, districtName: parent?.level === 'district' ? parent.name : null };
}

export function buildFacilityBoard(input: FacilityBoardInput): FacilityBoard {
  const { settings, atMs } = input;
  const today = hanoiDateOf(atMs);
  const trendDates = lastDays(today, TREND_DAYS);
  const daily = dailyLast(input.window);
  const lastKnown = new Map<string, Array<number | null>>();

  const rows: FacilityBoardRow[] = input.facilities.map((f) => {
    const days = daily.get(f.id);
    const trend = trendDates.map((d) => days?.get(d)?.bedsOccupied ?? null);
    // Last known value per day: what a stock (beds occupied) was, even on a day without a report.
    let carried = input.before.get(f.id)?.bedsOccupied ?? null;
    const known = trendDates.map((d) => (carried = days?.get(d)?.bedsOccupied ?? carried));
    lastKnown.set(f.id, known);

    const status = input.latest.get(f.id) ?? null;
    const occ = status ? occupancyPct(status.bedsOccupied, f.beds) : null;
    const icu = status ? occupancyPct(status.icuOccupied, f.icuBeds) : null;
    const oxy = status ? occupancyPct(status.oxygenInUse, f.oxygenOutlets) : null;
    const homeF0 = f.kind === 'mobile_station' ? homeLoad(f, status, settings) : null;
    const bedLevel = levelOf(occ, settings);
    const ageHours = status ? (atMs - Date.parse(status.reportedAt)) / 3_600_000 : null;
    const now = known[known.length - 1] ?? null;
    const weekAgo = known[known.length - 1 - WEEK] ?? null;
    const loc = locate(input.units, f.unitCode);
    return {
      id: f.id,
      name: f.name,
      kind: f.kind,
      tier: f.tier,
      unitCode: f.unitCode,
      ...loc,
      atIndustrialPark: f.atIndustrialPark,
      active: f.active,
      lon: f.lon,
      lat: f.lat,
      beds: f.beds,
      icuBeds: f.icuBeds,
      oxygenOutlets: f.oxygenOutlets,
      ventilators: f.ventilators,
      status: status && {
        id: status.id,
        reportedAt: status.reportedAt,
        bedsOccupied: status.bedsOccupied,
        icuOccupied: status.icuOccupied,
        oxygenInUse: status.oxygenInUse,
        ventilatorsInUse: status.ventilatorsInUse,
        homeF0Followed: status.homeF0Followed,
      },
      occupancyPct: occ,
      icuPct: icu,
      oxygenPct: oxy,
      free: status ? Math.max(0, f.beds - status.bedsOccupied) : null,
      bedLevel,
      level: worstLevel([bedLevel, levelOf(icu, settings), levelOf(oxy, settings), homeF0?.level ?? null]),
      homeF0,
      stale: ageHours === null || ageHours > settings.staleAfterHours,
      ageHours,
      trend,
      change7d: now !== null && weekAgo !== null ? weekOverWeek(now, weekAgo).difference : null,
      daysUntilFull: status && f.active ? daysUntilSaturation(trend, f.beds) : null,
    };
  });
  rows.sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name, 'vi'));

  const tiers = ([1, 2, 3] as const).map((tier) => tierTotals(tier, rows, lastKnown, settings));
  return {
    at: isoInstant(atMs),
    today,
    settings,
    trendDates,
    facilities: rows,
    tiers,
    stations: stationSummary(rows, settings),
    alerts: boardAlerts(rows, tiers, settings),
  };
}

function homeLoad(f: Facility, status: StatusPoint | null, settings: BoardSettings): FacilityBoardRow['homeF0'] {
  const declared = f.homeF0Capacity ?? 0;
  const capacity = declared > 0 ? declared : settings.mobileStationF0Benchmark;
  const followed = status?.homeF0Followed ?? null;
  const pct = followed === null ? null : occupancyPct(followed, capacity);
  return {
    followed,
    capacity,
    capacitySource: declared > 0 ? 'facility' : 'benchmark',
    pct,
    level: levelOf(pct, settings),
    benchmarkRatio: followed === null ? null : followed / settings.mobileStationF0Benchmark,
  };
}

/**
 * Totals of one tier over its ACTIVE facilities. Free places and occupancy are over the
 * facilities that have reported (an unreported facility's load is unknown, not zero); the
 * trend is the tier's occupancy % from each facility's last known value, so a facility
 * opening mid-window adds its capacity and its patients together.
 */
export function tierTotals(
  tier: TreatmentTier,
  rows: readonly FacilityBoardRow[],
  lastKnown: ReadonlyMap<string, ReadonlyArray<number | null>>,
  settings: BoardSettings,
): TierTotals {
  const mine = rows.filter((r) => r.tier === tier && r.active);
  const reported = mine.filter((r) => r.status !== null);
  const sum = (xs: readonly FacilityBoardRow[], f: (r: FacilityBoardRow) => number) => xs.reduce((n, r) => n + f(r), 0);
  const bedsReported = sum(reported, (r) => r.beds);
  const occupied = sum(reported, (r) => r.status!.bedsOccupied);
  const pct = occupancyPct(occupied, bedsReported);
  const days = mine[0] ? (lastKnown.get(mine[0].id)?.length ?? 0) : 0;
  const trend = Array.from({ length: days }, (_, i) => {
    let occ = 0;
    let cap = 0;
    for (const r of mine) {
      const v = lastKnown.get(r.id)?.[i] ?? null;
      if (v !== null) {
        occ += v;
        cap += r.beds;
      }
    }
    return occupancyPct(occ, cap);
  });
  return {
    tier,
    facilities: mine.length,
    reporting: reported.length,
    stale: mine.filter((r) => r.stale).length,
    beds: sum(mine, (r) => r.beds),
    bedsReported,
    occupied,
    free: sum(reported, (r) => r.free ?? 0),
    occupancyPct: pct,
    level: levelOf(pct, settings),
    icuBeds: sum(mine, (r) => r.icuBeds),
    icuOccupied: sum(reported, (r) => r.status!.icuOccupied),
    oxygenOutlets: sum(mine, (r) => r.oxygenOutlets),
    oxygenInUse: sum(reported, (r) => r.status!.oxygenInUse),
    ventilators: sum(mine, (r) => r.ventilators),
    ventilatorsInUse: sum(reported, (r) => r.status!.ventilatorsInUse),
    trend,
    // Percent against capacity 100: the unit daysUntilSaturation documents for shares.
    daysUntilFull: daysUntilSaturation(trend, 100),
  };
}

function stationSummary(rows: readonly FacilityBoardRow[], settings: BoardSettings): FacilityBoard['stations'] {
  const stations = rows.filter((r) => r.kind === 'mobile_station' && r.active);
  const reporting = stations.filter((r) => r.homeF0?.followed !== null && r.homeF0?.followed !== undefined);
  const followed = reporting.reduce((n, r) => n + (r.homeF0!.followed ?? 0), 0);
  return {
    stations: stations.length,
    atIndustrialPark: stations.filter((r) => r.atIndustrialPark).length,
    reporting: reporting.length,
    followed,
    benchmark: settings.mobileStationF0Benchmark,
    stationsNeeded: Math.ceil(followed / settings.mobileStationF0Benchmark),
    overBenchmark: reporting.filter((r) => (r.homeF0!.followed ?? 0) > settings.mobileStationF0Benchmark).length,
  };
}

/** The measures that raise facility alerts: [used, capacity, percent] of a row. */
const METRICS: ReadonlyArray<readonly [BoardAlert['metric'], (r: FacilityBoardRow) => readonly [number | null, number, number | null] | null]> = [
  ['beds', (r) => r.status && [r.status.bedsOccupied, r.beds, r.occupancyPct]],
  ['icu', (r) => r.status && [r.status.icuOccupied, r.icuBeds, r.icuPct]],
  ['oxygen', (r) => r.status && [r.status.oxygenInUse, r.oxygenOutlets, r.oxygenPct]],
  ['homeF0', (r) => r.homeF0 && [r.homeF0.followed, r.homeF0.capacity, r.homeF0.pct]],
];

/**
 * Alerts "raise and clear" by construction: they are derived from the newest status on or
 * before `at`, so an alert exists exactly while that status is at or over a threshold and
 * disappears as soon as a newer status is below it. Nothing is stored, nothing to clear.
 * Inactive facilities raise none; tiers raise one on their overall bed occupancy.
 */
export function boardAlerts(rows: readonly FacilityBoardRow[], tiers: readonly TierTotals[], settings: BoardSettings): BoardAlert[] {
  const out: BoardAlert[] = [];
  for (const r of rows) {
    if (!r.active || !r.status) continue;
    for (const [metric, pick] of METRICS) {
      const m = pick(r);
      if (!m) continue;
      const [used, capacity, pct] = m;
      const level = levelOf(pct, settings);
      if (used === null || pct === null || (level !== 'warn' && level !== 'critical')) continue;
      out.push({
        id: `facility:${r.id}:${metric}`,
        scope: 'facility',
        metric,
        level,
        facilityId: r.id,
        name: r.name,
        tier: r.tier,
        kind: r.kind,
        unitCode: r.unitCode,
        districtCode: r.districtCode,
        lon: r.lon,
        lat: r.lat,
        used,
        capacity,
        pct,
        reportedAt: r.status.reportedAt,
        stale: r.stale,
        daysUntilFull: metric === 'beds' ? r.daysUntilFull : null,
      });
    }
  }
  for (const t of tiers) {
    if (t.occupancyPct === null || (t.level !== 'warn' && t.level !== 'critical')) continue;
    out.push({
      id: `tier:${t.tier}:beds`,
      scope: 'tier',
      metric: 'beds',
      level: t.level,
      facilityId: null,
      name: `Tầng ${t.tier}`,
      tier: t.tier,
      kind: null,
      unitCode: null,
      districtCode: null,
      lon: null,
      lat: null,
      used: t.occupied,
      capacity: t.bedsReported,
      pct: t.occupancyPct,
      reportedAt: null,
      stale: false,
      daysUntilFull: t.daysUntilFull,
    });
  }
  const rank = (a: BoardAlert) => (a.level === 'critical' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || b.pct - a.pct || a.name.localeCompare(b.name, 'vi') || a.id.localeCompare(b.id));
}
