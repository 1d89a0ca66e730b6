import { addDays } from '../metrics/dates';
import { expandCasePath } from './path';
import {
  CARE_TIERS,
  RESOURCES,
  type CareTier,
  type Resource,
  type ResourceSummary,
  type ScenarioInputs,
  type ScenarioResult,
  type TierFlows,
} from './schema';

/**
 * THE scenario planner: a deterministic discrete-time compartment flow in daily steps.
 * One implementation, run by the renderer on every keystroke and by the core for saved
 * and exported scenarios.
 *
 * Compartments: home care, tier 1, tier 2, tier 3. Day 0 is the starting point (occupancy
 * from the latest facility status); days 1 … H are simulated. On day d:
 *   admissions_i(d) = newCases(d) · split_i + transfers arriving in i on day d
 *   occupancy_i(d)  = occupancy_i(d−1) + admissions_i(d) − discharges_i(d) − transfersOut_i(d)
 *
 * Length of stay is a FIXED DELAY (a pipeline), not an exponential outflow:
 * - a cohort admitted to tier i on day s leaves on day s + LOS_i (it is in a bed at the end
 *   of days s … s+LOS_i−1, i.e. LOS_i days); a route i→j with share p and delay k moves
 *   p of the cohort to j on day s + k instead (it is a new tier-j admission that day, and
 *   then follows tier j's own LOS and routes);
 * - the starting occupants have unknown admission days, so they are assumed spread evenly
 *   over the last LOS_i days (the steady state of the pipeline): occupancy_i(0)/LOS_i of
 *   them are discharged on each of days 1 … LOS_i. They are not re-routed.
 *
 * WHY a fixed delay: (1) real stays are concentrated around the discharge rule (mild F0
 * leave at the end of their isolation period, not "any day with equal chance"); (2) an
 * exponential outflow discharges 1/LOS of new patients on their first day, which makes
 * occupancy build up more slowly in a surge and so puts the day a tier runs out LATER
 * than it is — the unsafe side for a command room; (3) the numbers can be checked by
 * hand: 10 admissions a day with LOS ≥ 10 is exactly 100 patients on day 10.
 *
 * Demand is UNCONSTRAINED: a full tier keeps "admitting" (the excess is the shortfall the
 * city must find beds for). Derived needs: ICU beds = tier-3 occupancy × icuShare; oxygen
 * outlets = Σ tier occupancy × oxygenShare. Capacity on a day = registry capacity + every
 * planned addition whose opening date is on or before that day.
 *
 * Counts are expected values (fractions of a patient are kept; the screen rounds).
 */

/** "Reaches capacity" tolerance for float noise, relative to the capacity. */
const FULL_REL = 1e-9;

export function runScenario(inputs: ScenarioInputs): ScenarioResult {
  const H = inputs.horizonDays;
  const { split, los, oxygenShare, icuShare, transfers } = inputs.params;
  const cases = expandCasePath(inputs.casePath, H);
  const maxDelay = Math.max(...CARE_TIERS.map((t) => los[t]), ...transfers.map((r) => r.afterDays), 1);
  const len = H + maxDelay + 2;
  const idx: Record<CareTier, number> = { home: 0, t1: 1, t2: 2, t3: 3 };
  // Scheduled flows per tier and day (index = day), filled ahead as cohorts are admitted.
  const discharge = CARE_TIERS.map(() => new Float64Array(len));
  const out = CARE_TIERS.map(() => new Float64Array(len));
  const into = CARE_TIERS.map(() => new Float64Array(len));
  const routes = CARE_TIERS.map((t) => transfers.filter((r) => r.from === t));
  const stayShare = routes.map((rs) => 1 - rs.reduce((n, r) => n + r.share, 0));

  const flows: Record<CareTier, TierFlows> = {} as Record<CareTier, TierFlows>;
  CARE_TIERS.forEach((t, i) => {
    const L = los[t];
    const start = inputs.start[t];
    for (let d = 1; d <= L; d++) discharge[i]![d]! += start / L;
    flows[t] = { demand: [start], admissions: [0], discharges: [0], transfersOut: [0], transfersIn: [0] };
  });

  for (let d = 1; d <= H; d++) {
    const newCases = cases[d - 1]!;
    for (let i = 0; i < CARE_TIERS.length; i++) {
      const t = CARE_TIERS[i]!;
      const tin = into[i]![d]!;
      const adm = newCases * split[t] + tin;
      // Schedule this day's cohort: routed shares leave after their delay, the rest after LOS.
      if (adm > 0) {
        for (const r of routes[i]!) {
          const moved = adm * r.share;
          out[i]![d + r.afterDays]! += moved;
          into[idx[r.to]]![d + r.afterDays]! += moved;
        }
        discharge[i]![d + los[t]]! += adm * stayShare[i]!;
      }
      // In care at the end of day d = everything already scheduled to leave after day d. Summed
      // afresh (not occupancy + in − out): a drained tier is exactly 0, never −1e-13 float
      // residue, and never negative.
      let inCare = 0;
      for (let k = d + 1; k <= d + maxDelay; k++) inCare += discharge[i]![k]! + out[i]![k]!;
      const f = flows[t];
      f.demand.push(inCare);
      f.admissions.push(adm);
      f.discharges.push(discharge[i]![d]!);
      f.transfersOut.push(out[i]![d]!);
      f.transfersIn.push(tin);
    }
  }

  const dates = Array.from({ length: H + 1 }, (_, d) => addDays(inputs.startDate, d));
  const demand = {
    t1: flows.t1.demand,
    t2: flows.t2.demand,
    t3: flows.t3.demand,
    icu: flows.t3.demand.map((v) => v * icuShare),
    oxygen: dates.map((_, d) => CARE_TIERS.reduce((n, t) => n + flows[t].demand[d]! * oxygenShare[t], 0)),
  };
  const capacity = Object.fromEntries(
    RESOURCES.map((r) => [r, dates.map((date) => inputs.additions.reduce((n, a) => (a.date <= date ? n + a[r] : n), inputs.capacity[r]))]),
  ) as Record<Resource, number[]>;

  return {
    dates,
    newCases: [null, ...cases],
    tiers: flows,
    demand,
    capacity,
    summary: RESOURCES.map((r) => summarise(r, demand[r], capacity[r], dates)),
    homePeak: Math.max(...flows.home.demand),
    totalCases: cases.reduce((n, v) => n + v, 0),
  };
}

/** Peak, first full day and shortfall of one resource. */
export function summarise(resource: Resource, demand: readonly number[], capacity: readonly number[], dates: readonly string[]): ResourceSummary {
  let peakDay = 0;
  let firstFull: number | null = null;
  let shortfall = 0;
  let shortfallDay: number | null = null;
  let over = 0;
  for (let d = 0; d < demand.length; d++) {
    const v = demand[d]!;
    const cap = capacity[d]!;
    if (v > demand[peakDay]!) peakDay = d;
    const tol = FULL_REL * Math.max(1, cap);
    if (firstFull === null && v > 0 && v >= cap - tol) firstFull = d;
    const excess = v - cap;
    if (excess > tol) {
      over++;
      if (excess > shortfall) {
        shortfall = excess;
        shortfallDay = d;
      }
    }
  }
  return {
    resource,
    capacityStart: capacity[0]!,
    capacityEnd: capacity[capacity.length - 1]!,
    peakDemand: demand[peakDay]!,
    peakDay,
    peakDate: dates[peakDay]!,
    firstFullDay: firstFull,
    firstFullDate: firstFull === null ? null : dates[firstFull]!,
    shortfall,
    shortfallDay,
    daysOverCapacity: over,
    endDemand: demand[demand.length - 1]!,
  };
}
