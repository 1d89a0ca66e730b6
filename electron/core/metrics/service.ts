import { ApiError } from '../../../shared/api/errors';
import type { EpidemicLevelOut, UnitMetrics } from '../../../shared/api/ops/metrics';
import {
  assessLevel,
  DEFAULT_AGE_SHARES,
  fromEpochDay,
  newCaseCount,
  per100k,
  rollUpLevel,
  toEpochDay,
  vaccinationCoverage,
  weekOverWeek,
  type CaseBase,
  type Coverage,
  type LevelConfig,
  type LevelIndicators,
  type Tier,
} from '../../../shared/metrics';
import type { Store } from '../store';
import { FacilityCache, type FacilityLoad, type TierTotals } from './facilities';
import { caseBaseOn, LEVEL_CONFIG_SETTING, levelOut, loadLevelConfig, rollUpOut } from './level';
import { NO_DAY, ReportCache, VACCINATION_COUNTS, type CaseSum } from './report-cache';
import type { UnitTree } from './units';

/**
 * The situation metrics of the API (metrics.range / snapshot / series), computed from the
 * in-memory report cache with shared/metrics formulas and level engine.
 *
 * Summing rule (one for every count): a unit's value = its own rows + the values of its
 * children. So a district is the sum of its wards' reports when the store has ward-level
 * reports (the demo data), plus any rows reported for the district itself; the city is
 * the sum of its districts (+ city-level rows). Latest-known values (active F0,
 * vaccination) are summed the same way; a child that never reported adds nothing.
 * Populations are each unit's own admin_units figure.
 *
 * Level of a parent: with the default roll-up rule 'aggregate' the parent is assessed like
 * any unit on its summed counts — what shared `aggregateIndicators` does for counts; the
 * coverage shares are computed once from the summed vaccination counts (exact, whereas a
 * population-weighted mean of children's shares is not when a child is capped at 100 %),
 * so the level is decided on exactly the numbers shown. With 'communeShare' the parent's
 * level is `rollUpLevel` over its children.
 *
 * No level (null) when the unit has no case report in the 7-day window ending on the date
 * (nothing to assess: zero cases would read as "level 1") or no population.
 */

export type SnapshotLevel = 'district' | 'ward';
export interface Snapshot {
  date: string;
  level: SnapshotLevel;
  units: UnitMetrics[];
  city: UnitMetrics;
}
export interface Series {
  unitCode: string;
  dates: string[];
  newCases: number[];
  incidence7dPer100k: Array<number | null>;
  activeF0: number[];
}

/** Longest series one call may ask for (ten years of days). */
export const MAX_SERIES_DAYS = 3660;
/** Memoised snapshots, bounded by the units they hold (~1 KB each): the time slider revisits days. */
const MEMO_UNITS = 20_000;
const NV = VACCINATION_COUNTS.length;
const TIER: Record<UnitTree['nodes'][number]['level'], Tier> = { ward: 'ward', district: 'district', province: 'province' };

/** End of a calendar day in Hà Nội (UTC+7, no DST): statuses reported that day count. */
export function endOfDayMs(date: string): number {
  return Date.parse(`${date}T23:59:59.999+07:00`);
}

/** Per-unit values of one date, after summing up the tree. */
interface DayValues {
  day: number;
  community7: Float64Array;
  total7: Float64Array;
  community7prev: Float64Array;
  total7prev: Float64Array;
  communityToday: Float64Array;
  totalToday: Float64Array;
  oxygen7: Float64Array;
  deaths7: Float64Array;
  active: Float64Array;
  last: Int32Array;
  vacc: Float64Array;
  hasVacc: Uint8Array;
  vacantBeds: Float64Array | null;
  icuBeds: Float64Array | null;
}

export class MetricsService {
  readonly reports: ReportCache;
  readonly facilities: FacilityCache;
  private config: LevelConfig | null = null;
  private configVersion = 0;
  private readonly memo = new Map<string, Snapshot>();
  private memoKey = '';
  private memoUnits = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly store: Store) {
    this.reports = new ReportCache(store);
    this.facilities = new FacilityCache(store);
    this.unsubscribe = store.onCommit((e) => {
      if (e.changed.some((c) => c.entity === 'setting' && c.id === LEVEL_CONFIG_SETTING)) {
        this.config = null;
        this.configVersion++;
      }
    });
  }

  dispose(): void {
    this.unsubscribe();
    this.reports.dispose();
    this.facilities.dispose();
  }

  levelConfig(): LevelConfig {
    return (this.config ??= loadLevelConfig(this.store));
  }

  range(): { firstDate: string | null; lastDate: string | null } {
    const r = this.store.db.prepare('SELECT MIN(date) AS a, MAX(date) AS b FROM case_reports WHERE _deleted = 0').get() as {
      a: string | null;
      b: string | null;
    };
    return { firstDate: r.a, lastDate: r.b };
  }

  // ------------------------------------------------------------------------------ snapshot
  snapshot(date: string, level: SnapshotLevel): Snapshot {
    const day = toEpochDay(date);
    this.reports.refresh();
    this.facilities.refresh();
    const config = this.levelConfig();
    const key = `${this.reports.version}:${this.facilities.version}:${this.configVersion}`;
    if (key !== this.memoKey) {
      this.memo.clear();
      this.memoUnits = 0;
      this.memoKey = key;
    }
    const memoKey = `${date}|${level}`;
    const hit = this.memo.get(memoKey);
    if (hit) {
      // Most recently used last (Map keeps insertion order).
      this.memo.delete(memoKey);
      this.memo.set(memoKey, hit);
      return hit;
    }

    const tree = this.reports.units();
    const v = this.dayValues(tree, day, date);
    const base = caseBaseOn(date, config);
    const nodes = level === 'ward' ? tree.ofLevel('ward') : tree.ofLevel('district');
    const city = tree.ofLevel('province')[0];
    if (city === undefined) throw new ApiError('unavailable', 'Chưa có đơn vị cấp thành phố trong dữ liệu (no province unit)');

    const levels = new Map<number, EpidemicLevelOut | null>();
    const levelOf = (i: number): EpidemicLevelOut | null => {
      let l = levels.get(i);
      if (l === undefined) levels.set(i, (l = this.level(tree, v, i, date, config)));
      return l;
    };
    const out: Snapshot = {
      date,
      level,
      units: nodes.map((i) => this.unitMetrics(tree, v, i, base, levelOf(i))),
      city: this.unitMetrics(tree, v, city, base, levelOf(city)),
    };
    this.memo.set(memoKey, out);
    this.memoUnits += out.units.length + 1;
    for (const [k, old] of this.memo) {
      if (this.memoUnits <= MEMO_UNITS || k === memoKey) break;
      this.memo.delete(k);
      this.memoUnits -= old.units.length + 1;
    }
    return out;
  }

  private dayValues(tree: UnitTree, day: number, date: string): DayValues {
    const n = tree.nodes.length;
    const window = (m: CaseSum, from: number, to: number) => {
      const a = new Float64Array(n);
      this.reports.fillWindow(m, from, to, a);
      tree.sumUp(a);
      return a;
    };
    const last = new Int32Array(n);
    this.reports.fillLastReport(day, last);
    tree.maxUp(last);
    const active = new Float64Array(n);
    this.reports.fillActiveF0(day, active);
    tree.sumUp(active);
    const vacc = new Float64Array(n * NV);
    const hasVacc = new Uint8Array(n);
    this.reports.fillVaccination(day, vacc, hasVacc);
    for (const i of tree.bottomUp) {
      const p = tree.nodes[i]!.parent;
      if (p === -1 || !hasVacc[i]) continue;
      hasVacc[p] = 1;
      for (let f = 0; f < NV; f++) vacc[p * NV + f] = vacc[p * NV + f]! + vacc[i * NV + f]!;
    }

    // QĐ 218 TC3 capacity from facility data (districts: 3b vacant beds; city: 3c ICU beds).
    // Wards get none (3a, F0 a commune can care for, has no data source): the level module
    // then applies its documented default `t218.cap.whenMissing`. Nothing is passed either
    // before any facility has reported, so "no data" is never read as "0 beds".
    const cap = this.facilities.capacityAt(endOfDayMs(date));
    let vacantBeds: Float64Array | null = null;
    let icuBeds: Float64Array | null = null;
    if (cap.vacantBeds.size > 0) {
      vacantBeds = new Float64Array(n);
      icuBeds = new Float64Array(n);
      for (const [code, x] of cap.vacantBeds) {
        const i = tree.index.get(code);
        if (i !== undefined) vacantBeds[i] = vacantBeds[i]! + x;
      }
      for (const [code, x] of cap.icuBeds) {
        const i = tree.index.get(code);
        if (i !== undefined) icuBeds[i] = icuBeds[i]! + x;
      }
      tree.sumUp(vacantBeds);
      tree.sumUp(icuBeds);
    }

    return {
      day,
      community7: window('community', day - 6, day),
      total7: window('total', day - 6, day),
      community7prev: window('community', day - 13, day - 7),
      total7prev: window('total', day - 13, day - 7),
      communityToday: window('community', day, day),
      totalToday: window('total', day, day),
      oxygen7: window('oxygen', day - 6, day),
      deaths7: window('deaths', day - 6, day),
      active,
      last,
      vacc,
      hasVacc,
      vacantBeds,
      icuBeds,
    };
  }

  private coverage(v: DayValues, i: number, population: number): Coverage | null {
    if (!v.hasVacc[i]) return null;
    const c = (f: number) => v.vacc[i * NV + f]!;
    return vaccinationCoverage(
      { adultDose1: c(0), adultDose2: c(1), seniorDose2: c(2), teenDose2: c(3), childDose2: c(4) },
      population,
      DEFAULT_AGE_SHARES,
    );
  }

  private unitMetrics(tree: UnitTree, v: DayValues, i: number, base: CaseBase, epidemicLevel: EpidemicLevelOut | null): UnitMetrics {
    const node = tree.nodes[i]!;
    const pop = node.population;
    const count = (community: Float64Array, total: Float64Array) =>
      newCaseCount({ newCommunity: community[i]!, newQuarantined: total[i]! - community[i]! }, base);
    const cases7 = count(v.community7, v.total7);
    const trend = weekOverWeek(cases7, count(v.community7prev, v.total7prev));
    const cov = this.coverage(v, i, pop);
    const last = v.last[i]!;
    return {
      code: node.code,
      name: node.name,
      adminLevel: node.level,
      parentCode: node.parentCode,
      population: pop,
      newCommunity7d: v.community7[i]!,
      newTotal7d: v.total7[i]!,
      incidence7dPer100k: per100k(cases7, pop),
      newCasesToday: count(v.communityToday, v.totalToday),
      activeF0: v.active[i]!,
      activeF0Per100k: per100k(v.active[i]!, pop),
      trendRatio: trend.ratio,
      trendKind: trend.kind,
      oxygen7dPer100k: per100k(v.oxygen7[i]!, pop),
      deaths7dPer100k: per100k(v.deaths7[i]!, pop),
      coverageAdultDose1: cov?.adultDose1 ?? null,
      coverageSenior50Full: cov?.senior50Full ?? null,
      lastReportDate: last === NO_DAY ? null : fromEpochDay(last),
      reportedOnDate: last === v.day,
      epidemicLevel,
    };
  }

  /** Level inputs of unit i on the day; null when there is nothing to assess. */
  indicators(tree: UnitTree, v: DayValues, i: number): LevelIndicators | null {
    const node = tree.nodes[i]!;
    if (node.population <= 0 || v.last[i]! < v.day - 6) return null;
    const cov = this.coverage(v, i, node.population);
    const tier = TIER[node.level];
    return {
      unitCode: node.code,
      tier,
      population: node.population,
      newCases7d: { community: v.community7[i]!, total: v.total7[i]! },
      oxygen7d: v.oxygen7[i]!,
      deaths7d: v.deaths7[i]!,
      coverage: cov
        ? { adultDose1: cov.adultDose1, senior50Full: cov.senior50Full, populationFull: cov.populationFull, highRiskFull: cov.highRiskFull }
        : null,
      capacity:
        tier === 'district' && v.vacantBeds
          ? { vacantBeds: v.vacantBeds[i]! }
          : tier === 'province' && v.icuBeds
            ? { icuBeds: v.icuBeds[i]! }
            : null,
    };
  }

  private level(
    tree: UnitTree,
    v: DayValues,
    i: number,
    date: string,
    config: LevelConfig,
  ): EpidemicLevelOut | null {
    const ind = this.indicators(tree, v, i);
    if (!ind) return null;
    const children = tree.nodes[i]!.children;
    if (children.length === 0) return levelOut(assessLevel(ind, config, date));
    if (config.thresholds['rollup.rule'].value === 'communeShare') {
      const assessable = children.map((c) => this.indicators(tree, v, c)).filter((c): c is LevelIndicators => c !== null);
      if (assessable.length > 0) {
        const r = rollUpLevel(assessable, config, date, { unitCode: ind.unitCode ?? null, tier: ind.tier ?? 'district' });
        if (r.rule === 'communeShare') return rollUpOut(r, date, config);
      }
    }
    // Parent assessed on its summed counts: the roll-up rule itself is a reviewable choice.
    return levelOut(assessLevel(ind, config, date), config.thresholds['rollup.rule'].reviewRequired);
  }

  // ------------------------------------------------------------------------------ series
  series(unitCode: string, from: string, to: string): Series {
    const a = toEpochDay(from);
    const b = toEpochDay(to);
    if (b < a) throw new ApiError('invalid_input', 'Ngày kết thúc trước ngày bắt đầu (to before from)', [{ path: 'to', message: 'to < from' }]);
    if (b - a + 1 > MAX_SERIES_DAYS) {
      throw new ApiError('invalid_input', `Khoảng ngày quá dài (tối đa ${MAX_SERIES_DAYS} ngày)`, [{ path: 'to', message: 'range too long' }]);
    }
    this.reports.refresh();
    const tree = this.reports.units();
    const idx = tree.index.get(unitCode);
    if (idx === undefined) throw new ApiError('not_found', `Không tìm thấy đơn vị "${unitCode}" (not found)`);
    const config = this.levelConfig();
    const subtree = tree.subtree(idx);
    const pop = tree.nodes[idx]!.population;
    // Subtree sums: prefix sums for days a−7 … b+1 (cum[j] = Σ of the days before a − 7 + j)
    // and latest-known active F0 for days a … b.
    const cum = { community: new Float64Array(b - a + 9), total: new Float64Array(b - a + 9) };
    const active = new Float64Array(b - a + 1);
    for (const s of subtree) {
      this.reports.addCumRange('community', s, a - 7, cum.community);
      this.reports.addCumRange('total', s, a - 7, cum.total);
      this.reports.addActiveRange(s, a, active);
    }
    const out: Series = { unitCode, dates: [], newCases: [], incidence7dPer100k: [], activeF0: [] };
    for (let d = a; d <= b; d++) {
      const date = fromEpochDay(d);
      const c = caseBaseOn(date, config) === 'all' ? cum.total : cum.community;
      const j = d - a + 7; // c[j] = Σ of the days before d
      out.dates.push(date);
      out.newCases.push(c[j + 1]! - c[j]!);
      out.incidence7dPer100k.push(per100k(c[j + 1]! - c[j - 6]!, pop));
      out.activeF0.push(active[d - a]!);
    }
    return out;
  }

  // ------------------------------------------------------------------------------ bench / boards
  /**
   * New cases per 100,000 over the 7 days ending `date`, for every unit (slot order of
   * `reports.units()`), on the case base of that date. O(units): two prefix-sum reads per
   * unit and one pass up the tree.
   */
  incidence7dAll(date: string): Float64Array {
    const day = toEpochDay(date);
    this.reports.refresh();
    const tree = this.reports.units();
    const n = tree.nodes.length;
    const counts = new Float64Array(n);
    this.reports.fillWindow(caseBaseOn(date, this.levelConfig()) === 'all' ? 'total' : 'community', day - 6, day, counts);
    tree.sumUp(counts);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = per100k(counts[i]!, tree.nodes[i]!.population) ?? Number.NaN;
    return out;
  }

  /** Facility load at the end of `date` (Hà Nội time): newest status per facility and per-tier totals. */
  facilityLoad(date: string): { facilities: FacilityLoad[]; tiers: TierTotals[] } {
    this.facilities.refresh();
    const at = endOfDayMs(date);
    return { facilities: this.facilities.loadAt(at), tiers: this.facilities.tierTotalsAt(at) };
  }
}
