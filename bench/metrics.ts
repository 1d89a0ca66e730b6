import { FacilityCache, MetricsService, caseBaseOn, endOfDayMs } from '../electron/core/metrics';
import { openStore, type Store } from '../electron/core/store';
import { addDays, DEFAULT_LEVEL_CONFIG, per100k } from '../shared/metrics';
import { mb, round, timeOnce, timeRuns } from './lib/timing';
import type { DemoDb } from './lib/datasets';

/**
 * Metrics benchmark on a demo database:
 *
 * incidence   new cases per 100,000 over the 7 days ending on a date, for EVERY unit
 *             (wards, districts, city), on the case base of that date.
 *   cache     MetricsService.incidence7dAll (prefix sums: two reads per unit + one pass up
 *             the admin tree), hot; median over runs cycling through 28 dates.
 *   naive     what a developer would write with the table's normal indexes:
 *             `SELECT unit_code, SUM(new_community + new_quarantined) FROM case_reports
 *              WHERE date BETWEEN d−6 AND d AND _deleted = 0 GROUP BY unit_code`
 *             (prepared once; the planner uses the (date, unit_code) index) + the same
 *             roll-up to districts and city and the per-100,000 division in JS (the unit
 *             tree is loaded once, untimed). Same dates, same output (checked equal).
 *   cold      first call on a fresh service: one scan of case_reports and vaccinations
 *             into typed arrays; memory = bytes of those arrays.
 * snapshot    metrics.snapshot (every field + epidemic level of every unit) at district and
 *             ward level: first call per date (no memo), median.
 * series      metrics.series of the city over the two years (every unit summed per day).
 * facilities  latest status per facility + per-tier totals at the end of a day: the cache
 *             (FacilityCache: statuses sorted by parsed instant, binary search per facility)
 *             hot and cold, against one SQL query with a correlated "newest status ≤ t"
 *             lookup per facility on the (facility_id, reported_at) index + totals in JS.
 *             (The SQL compares reported_at STRINGS, right only while every stamp uses the
 *             same UTC offset; the cache compares instants.)
 */

export interface MetricsBenchResult {
  [key: string]: number | string | boolean;
}

const DATES = 28;

function naiveIncidence(store: Store, parentOf: Int32Array, index: Map<string, number>, pops: Float64Array) {
  const stmt = store.db
    .prepare(
      `SELECT unit_code, SUM(new_community + new_quarantined) AS n FROM case_reports
       WHERE date BETWEEN ? AND ? AND _deleted = 0 GROUP BY unit_code`,
    )
    .raw();
  const community = store.db
    .prepare(`SELECT unit_code, SUM(new_community) AS n FROM case_reports WHERE date BETWEEN ? AND ? AND _deleted = 0 GROUP BY unit_code`)
    .raw();
  return (date: string): Float64Array => {
    const rows = (caseBaseOn(date, DEFAULT_LEVEL_CONFIG) === 'all' ? stmt : community).all(addDays(date, -6), date) as Array<[string, number]>;
    const n = pops.length;
    const sums = new Float64Array(n);
    for (const [code, x] of rows) {
      // Add the ward's sum to itself and every ancestor.
      for (let i = index.get(code) ?? -1; i !== -1; i = parentOf[i]!) sums[i] = sums[i]! + x;
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = per100k(sums[i]!, pops[i]!) ?? Number.NaN;
    return out;
  };
}

function naiveFacilityLoad(store: Store) {
  const stmt = store.db.prepare(
    `SELECT f.tier AS tier, f.beds AS beds, f.icu_beds AS icuBeds, s.beds_occupied AS bedsOccupied, s.icu_occupied AS icuOccupied,
            s.oxygen_in_use AS oxygenInUse, s.ventilators_in_use AS ventilatorsInUse
     FROM facilities f
     JOIN facility_status s ON s.id = (
       SELECT x.id FROM facility_status x
       WHERE x.facility_id = f.id AND x._deleted = 0 AND x.reported_at <= ?
       ORDER BY x.reported_at DESC, x.id DESC LIMIT 1)
     WHERE f._deleted = 0 AND f.active = 1`,
  );
  return (date: string) => {
    const rows = stmt.all(new Date(endOfDayMs(date)).toISOString()) as Array<Record<string, number>>;
    const totals = new Map<number, { reporting: number; beds: number; bedsOccupied: number }>();
    for (const r of rows) {
      const t = totals.get(r.tier!) ?? { reporting: 0, beds: 0, bedsOccupied: 0 };
      t.reporting++;
      t.beds += r.beds!;
      t.bedsOccupied += r.bedsOccupied!;
      totals.set(r.tier!, t);
    }
    return totals;
  };
}

export function runMetricsBench(db: DemoDb, date: string, opts: { wardSnapshot: boolean }): MetricsBenchResult {
  // Bench files are built by us and reused: skip the open-time integrity scan (it reads
  // every page of a multi-GB file and is not what is measured here).
  const store = openStore({ path: db.path, check: 'none' });
  try {
    const dates = Array.from({ length: DATES }, (_, k) => addDays(date, k - DATES / 2));
    const used = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers; // typed arrays live outside the JS heap
    };
    global.gc?.();
    const mem0 = used();
    const service = new MetricsService(store);
    const [coldMs, first] = timeOnce(() => service.incidence7dAll(date));
    const stats = service.reports.stats();
    const memMb = mb(used() - mem0);

    const hot = timeRuns((k) => service.incidence7dAll(dates[k % DATES]!), 500, 20);

    // Naive baseline over the same unit tree (loaded once, untimed).
    const tree = service.reports.units();
    const parentOf = Int32Array.from(tree.nodes.map((n) => n.parent));
    const pops = Float64Array.from(tree.nodes.map((n) => n.population));
    const index = new Map(tree.index);
    const naive = naiveIncidence(store, parentOf, index, pops);
    const naiveT = timeRuns((k) => naive(dates[k % DATES]!), 40, 3);
    // Same numbers (NaN = no population, equal on both sides).
    let maxDiff = 0;
    for (const d of [date, dates[0]!, dates.at(-1)!]) {
      const a = service.incidence7dAll(d);
      const b = naive(d);
      for (let i = 0; i < a.length; i++) {
        if (Number.isNaN(a[i]!) && Number.isNaN(b[i]!)) continue;
        maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
      }
    }
    if (!(maxDiff < 1e-9)) throw new Error(`cache and naive incidence differ (max |Δ| = ${maxDiff})`);
    const cityIdx = tree.ofLevel('province')[0]!;

    // Snapshots (memo bypassed: a new date each run).
    const districtSnap = timeRuns((k) => service.snapshot(addDays(date, -40 - k), 'district'), 10, 1);
    const wardSnap = opts.wardSnapshot ? timeRuns((k) => service.snapshot(addDays(date, -80 - k), 'ward'), 3, 1) : null;

    // Two years of daily series of the whole city (every ward summed per day).
    const cityCode = tree.nodes[cityIdx]!.code;
    const citySeries = timeRuns(() => service.series(cityCode, '2021-01-01', '2022-12-31'), 5, 1);

    // Facility load. Cold = a fresh cache's first answer (one scan of facility_status).
    const fresh = new FacilityCache(store);
    const [facColdMs] = timeOnce(() => {
      fresh.refresh();
      return fresh.tierTotalsAt(endOfDayMs(date));
    });
    fresh.dispose();
    const load = service.facilityLoad(date);
    const facHot = timeRuns((k) => service.facilityLoad(dates[k % DATES]!), 200, 10);
    const naiveFac = naiveFacilityLoad(store);
    const facNaive = timeRuns((k) => naiveFac(dates[k % DATES]!), 40, 3);
    const naiveTotals = naiveFac(date);
    for (const t of load.tiers) {
      const n = naiveTotals.get(t.tier) ?? { reporting: 0, beds: 0, bedsOccupied: 0 };
      if (n.reporting !== t.reporting || n.bedsOccupied !== t.bedsOccupied) throw new Error(`facility totals differ for tier ${t.tier}`);
    }

    return {
      date,
      units: tree.nodes.length,
      caseReports: (store.db.prepare('SELECT count(*) AS n FROM case_reports').get() as { n: number }).n,
      cityIncidence: round(first[cityIdx]!, 1),
      incidenceHotMs: round(hot.median, 4),
      incidenceHotP95Ms: round(hot.p95, 4),
      incidenceNaiveMs: round(naiveT.median, 3),
      speedup: round(naiveT.median / hot.median, 0),
      cacheColdBuildMs: round(coldMs, 0),
      cacheArraysMB: mb(stats.bytes),
      cacheMemoryGrowthMB: memMb,
      cacheDays: stats.days,
      snapshotDistrictMs: round(districtSnap.median, 1),
      ...(wardSnap ? { snapshotWardMs: round(wardSnap.median, 1) } : {}),
      citySeries730dMs: round(citySeries.median, 1),
      facilities: load.facilities.length,
      facilityColdMs: round(facColdMs, 1),
      facilityHotMs: round(facHot.median, 3),
      facilityNaiveMs: round(facNaive.median, 3),
      facilityStatuses: service.facilities.stats().statuses,
      facilityCacheMB: mb(service.facilities.stats().bytes),
    };
  } finally {
    store.close();
  }
}
