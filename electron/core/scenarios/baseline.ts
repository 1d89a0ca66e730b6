import type { ScenarioBaseline } from '../../../shared/api/ops/scenarios';
import { addDays } from '../../../shared/metrics';
import { facilityBoardAt } from '../boards';
import { hanoiDateOf } from '../boards/time';
import type { Store } from '../store';

/**
 * The starting point of a new scenario, measured from the store at an instant:
 * - tier 1/2/3 occupancy = beds occupied in the newest status of each active facility of the
 *   tier (the facility board's tier totals: facilities that never reported add nothing — the
 *   screen shows how many reported);
 * - F0 at home = Σ f0_home of each unit's newest case report in the 7 days up to day 0
 *   (a unit's own rows add to its children's, the metrics summing rule);
 * - capacity = the registry's active facilities: beds per tier, ICU beds and oxygen outlets
 *   of every tier (the city uses them as one pool).
 * Day 0 is the Hà Nội day of the newest status taken into account, so demo data (or a
 * store whose last report is days old) starts where its data ends, not at the wall clock.
 */
const HOME_LOOKBACK_DAYS = 7;

export function scenarioBaseline(store: Store, at?: string): ScenarioBaseline {
  const board = facilityBoardAt(store, at);
  let newest: string | null = null;
  for (const f of board.facilities) {
    const t = f.status?.reportedAt;
    if (f.active && t && (newest === null || t > newest)) newest = t;
  }
  const startDate = newest ? hanoiDateOf(Date.parse(newest)) : board.today;
  const tier = (n: 1 | 2 | 3) => board.tiers.find((t) => t.tier === n)!;
  const home = store.db
    .prepare(
      `SELECT SUM(c.f0_home) AS n, MAX(c.date) AS d
       FROM case_reports c
       JOIN (SELECT unit_code, MAX(date) AS date FROM case_reports
             WHERE _deleted = 0 AND date <= ? AND date > ? GROUP BY unit_code) m
         ON m.unit_code = c.unit_code AND m.date = c.date
       WHERE c._deleted = 0`,
    )
    .get(startDate, addDays(startDate, -HOME_LOOKBACK_DAYS)) as { n: number | null; d: string | null };
  const all = board.tiers;
  return {
    at: board.at,
    startDate,
    statusAsOf: newest,
    start: { home: home.n ?? 0, t1: tier(1).occupied, t2: tier(2).occupied, t3: tier(3).occupied },
    homeAsOf: home.d,
    capacity: {
      t1: tier(1).beds,
      t2: tier(2).beds,
      t3: tier(3).beds,
      icu: all.reduce((n, t) => n + t.icuBeds, 0),
      oxygen: all.reduce((n, t) => n + t.oxygenOutlets, 0),
    },
    inUse: { icu: all.reduce((n, t) => n + t.icuOccupied, 0), oxygen: all.reduce((n, t) => n + t.oxygenInUse, 0) },
    tiers: all.map((t) => ({ tier: t.tier, facilities: t.facilities, reporting: t.reporting, stale: t.stale })),
  };
}
