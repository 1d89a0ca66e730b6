import { addSeries, sumWindow, type DailySeries, type WindowSum } from './series';

/**
 * Population rates. Every function returns `null` (never NaN/Infinity) when the rate cannot be
 * computed, e.g. a population of 0, so results can go straight into JSON and the UI can show "—".
 */

export const PER_100K = 100_000;

/**
 * `count` per `per` people. Computed as count × per ÷ population (multiply first) so that when
 * the exact rate is a representable number — e.g. 20 per 100,000 — the result is exactly that
 * number and threshold comparisons at the edge are not disturbed by rounding.
 */
export function perPopulation(count: number, population: number, per: number = PER_100K): number | null {
  if (!Number.isFinite(count) || !Number.isFinite(population) || population <= 0) return null;
  return (count * per) / population;
}

export function per100k(count: number, population: number): number | null {
  return perPopulation(count, population, PER_100K);
}

/**
 * Which new cases count: only community cases ("ca mắc mới tại cộng đồng": detected outside
 * quarantine/lockdown areas [S21, S22]) or all new cases in the area (community + quarantined,
 * "trên địa bàn" [S24]).
 */
export type CaseBase = 'community' | 'all';

export interface CaseSeries {
  community: DailySeries;
  /** Needed only for base 'all'. */
  quarantined?: DailySeries;
}

export interface WindowRate {
  /** Rate per 100,000 over the window; null when population ≤ 0. */
  value: number | null;
  /** Count summed over the window (missing days contribute nothing, see `window.missingDates`). */
  count: number;
  population: number;
  window: WindowSum;
}

/** Count of new cases of one day (or one summed window) for a case base. */
export function newCaseCount(c: { newCommunity: number; newQuarantined: number }, base: CaseBase): number {
  return base === 'all' ? c.newCommunity + c.newQuarantined : c.newCommunity;
}

/** Rate per 100,000 of a count summed over the `days` days ending at `end` (d−6 … d for a week). */
export function windowPer100k(series: DailySeries, population: number, end: string, days = 7): WindowRate {
  const window = sumWindow(series, end, days);
  return { value: per100k(window.sum, population), count: window.sum, population, window };
}

/**
 * New cases over the 7 days ending at `end`, per 100,000 (TC1 of both QĐ 4800 and QĐ 218).
 * For base 'all' a day counts as missing when either series lacks it.
 */
export function newCases7dPer100k(
  series: CaseSeries,
  population: number,
  end: string,
  base: CaseBase = 'community',
  days = 7,
): WindowRate {
  if (base === 'community') return windowPer100k(series.community, population, end, days);
  if (!series.quarantined) throw new TypeError("case base 'all' needs the quarantined series");
  const total = windowPer100k(addSeries(series.community, series.quarantined), population, end, days);
  const missingQ = sumWindow(series.quarantined, end, days).missingDates;
  const missingC = sumWindow(series.community, end, days).missingDates;
  const missingDates = [...new Set([...missingC, ...missingQ])].sort();
  return { ...total, window: { ...total.window, missingDates, complete: missingDates.length === 0 } };
}

/** Patients newly needing oxygen over the week ending at `end`, per 100,000 (218 TC1 indicator [S7, S25]). */
export function oxygen7dPer100k(series: DailySeries, population: number, end: string): WindowRate {
  return windowPer100k(series, population, end, 7);
}

/** Deaths over the week ending at `end`, per 100,000 (218 TC1 indicator and death override [S7, S27]). */
export function deaths7dPer100k(series: DailySeries, population: number, end: string): WindowRate {
  return windowPer100k(series, population, end, 7);
}

/** Active F0 (home-treated + facility-treated on the day) per 100,000. */
export function activeF0Per100k(f0Home: number, f0Facility: number, population: number): number | null {
  return per100k(f0Home + f0Facility, population);
}

/** Active F0 per 100,000 on `date`; null when either figure is missing for that day. */
export function activeF0Per100kOn(
  series: { f0Home: DailySeries; f0Facility: DailySeries },
  date: string,
  population: number,
): number | null {
  const home = series.f0Home.get(date);
  const facility = series.f0Facility.get(date);
  if (home === undefined || facility === undefined) return null;
  return activeF0Per100k(home, facility, population);
}

/**
 * Occupancy in percent (0–100, and above 100 when a facility is over capacity: that is shown,
 * not clipped). Capacity 0 (or invalid) → null: "no beds" has no meaningful occupancy.
 */
export function occupancyPct(occupied: number, capacity: number): number | null {
  if (!Number.isFinite(occupied) || !Number.isFinite(capacity) || capacity <= 0) return null;
  return (occupied * 100) / capacity;
}
