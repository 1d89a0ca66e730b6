import { sumWindow, type DailySeries, type WindowSum } from './series';
import { addDays } from './dates';

/**
 * Week-over-week trend: (last 7 days − previous 7 days) ÷ previous 7 days.
 *
 * Zero denominators (documented contract; outputs stay JSON-safe, never Infinity/NaN):
 * - previous > 0            → kind 'change',   ratio = (last − previous) / previous (−1 … +∞, finite)
 * - previous = 0, last > 0  → kind 'fromZero', ratio = null (growth from nothing; show "mới xuất hiện / new")
 * - previous = 0, last = 0  → kind 'bothZero', ratio = null (nothing to compare; show "—" / flat)
 * `difference` (last − previous) is always a number, so the UI can still say "+12 ca".
 */
export type TrendKind = 'change' | 'fromZero' | 'bothZero';

export interface Trend {
  last: number;
  previous: number;
  difference: number;
  ratio: number | null;
  kind: TrendKind;
}

export function weekOverWeek(last: number, previous: number): Trend {
  if (!Number.isFinite(last) || !Number.isFinite(previous) || last < 0 || previous < 0) {
    throw new RangeError(`trend needs finite, non-negative weekly sums (got ${last}, ${previous})`);
  }
  const difference = last - previous;
  if (previous > 0) return { last, previous, difference, ratio: difference / previous, kind: 'change' };
  return { last, previous, difference, ratio: null, kind: last > 0 ? 'fromZero' : 'bothZero' };
}

export interface SeriesTrend extends Trend {
  lastWindow: WindowSum;
  previousWindow: WindowSum;
}

/** Trend of a daily series: days d−6…d against d−13…d−7 (missing days are listed in the windows). */
export function weekOverWeekTrend(series: DailySeries, end: string, days = 7): SeriesTrend {
  const lastWindow = sumWindow(series, end, days);
  const previousWindow = sumWindow(series, addDays(end, -days), days);
  return { ...weekOverWeek(lastWindow.sum, previousWindow.sum), lastWindow, previousWindow };
}
