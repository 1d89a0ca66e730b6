import { isIsoDate, windowDates } from './dates';

/**
 * Daily series: a value per calendar day, keyed by `YYYY-MM-DD`.
 *
 * A day that is absent from the map means "no report", which is NOT the same as zero: window
 * sums therefore report which days were missing so the caller can show "incomplete" instead of
 * silently under-counting.
 */
export type DailySeries = ReadonlyMap<string, number>;
export interface DailyPoint {
  date: string;
  value: number;
}

function checkValue(date: string, value: number): void {
  if (!isIsoDate(date)) throw new RangeError(`ngày không hợp lệ / invalid date: ${String(date)}`);
  if (!Number.isFinite(value)) throw new RangeError(`giá trị không hợp lệ / non-finite value on ${date}: ${value}`);
}

/**
 * Builds a series from points or a `{ date: value }` record. Points on the same day are ADDED,
 * so the rows of several units can be fed in to get their total.
 */
export function toDailySeries(input: Iterable<DailyPoint> | Readonly<Record<string, number>>): Map<string, number> {
  const out = new Map<string, number>();
  const points: Iterable<DailyPoint> =
    Symbol.iterator in Object(input)
      ? (input as Iterable<DailyPoint>)
      : Object.entries(input as Record<string, number>).map(([date, value]) => ({ date, value }));
  for (const { date, value } of points) {
    checkValue(date, value);
    out.set(date, (out.get(date) ?? 0) + value);
  }
  return out;
}

/** Sorted (oldest first) points of a series. */
export function sortedPoints(series: DailySeries): DailyPoint[] {
  return [...series.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, value]) => ({ date, value }));
}

/** Day-by-day sum of several series (a day is present if any input has it). */
export function addSeries(...series: DailySeries[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of series) for (const [d, v] of s) out.set(d, (out.get(d) ?? 0) + v);
  return out;
}

export interface WindowSum {
  /** Sum over the days present (missing days contribute nothing). */
  sum: number;
  /** Window length in days. */
  days: number;
  firstDate: string;
  lastDate: string;
  /** Days of the window with no value in the series, oldest first. */
  missingDates: string[];
  complete: boolean;
}

/** Sum of a series over the `days` days ending at `end` (inclusive: d−6 … d for a week). */
export function sumWindow(series: DailySeries, end: string, days = 7): WindowSum {
  const dates = windowDates(end, days);
  let sum = 0;
  const missingDates: string[] = [];
  for (const d of dates) {
    const v = series.get(d);
    if (v === undefined) missingDates.push(d);
    else sum += v;
  }
  return {
    sum,
    days,
    firstDate: dates[0]!,
    lastDate: dates[dates.length - 1]!,
    missingDates,
    complete: missingDates.length === 0,
  };
}

/** Values of the `days` days ending at `end`, oldest first; null where the day is missing. */
export function windowValues(series: DailySeries, end: string, days: number): Array<number | null> {
  return windowDates(end, days).map((d) => series.get(d) ?? null);
}
