import { windowValues, type DailySeries } from './series';

export interface LinearFit {
  slope: number;
  intercept: number;
}

/** Ordinary least-squares line y = intercept + slope·x. Null with fewer than 2 points or a single x. */
export function linearFit(points: ReadonlyArray<{ x: number; y: number }>): LinearFit | null {
  const n = points.length;
  if (n < 2) return null;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.x;
    sy += p.y;
  }
  const mx = sx / n;
  const my = sy / n;
  // Centred sums: numerically stabler than the textbook Σxy − n·x̄·ȳ form.
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) * (p.x - mx);
    sxy += (p.x - mx) * (p.y - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** Tolerance for floor() so exact linear data (slope 5.000000001 from rounding) gives the exact day. */
const FLOOR_EPS = 1e-9;

/**
 * Days until occupancy reaches `capacity`, extrapolating the recent trend.
 *
 * Contract:
 * - `values` are daily occupancy values, oldest first, one per day; `null` marks a missing day
 *   (it keeps its place on the time axis but is not fitted). Only the last `window` (default 7)
 *   entries are used. Values and capacity share a unit (beds, or percent with capacity 100).
 * - Fit: least squares over (day index, value) of the present values in the window.
 * - Returns 0 when the latest present value is already ≥ capacity, or the fitted line has
 *   already crossed capacity on the window's last day.
 * - Returns null when it cannot say: capacity ≤ 0, fewer than 2 present values, the fitted
 *   slope is ≤ 0 (occupancy not rising → no saturation date), or the slope is so close to 0
 *   that the day count is not a finite safe integer.
 * - Otherwise: whole days after the window's last day until the fitted line reaches capacity,
 *   ROUNDED DOWN (a warning "4 days" when the line hits at 4.6 days is the safe side).
 */
export function daysUntilSaturation(values: ReadonlyArray<number | null>, capacity: number, window = 7): number | null {
  if (!Number.isFinite(capacity) || capacity <= 0) return null;
  if (!Number.isInteger(window) || window < 2) throw new RangeError(`window must be an integer ≥ 2: ${window}`);
  const recent = values.slice(-window);
  const points: Array<{ x: number; y: number }> = [];
  recent.forEach((y, x) => {
    if (y !== null && Number.isFinite(y)) points.push({ x, y });
  });
  const latest = points[points.length - 1];
  if (latest && latest.y >= capacity) return 0;
  const fit = linearFit(points);
  if (!fit || fit.slope <= 0) return null;
  const lastX = recent.length - 1;
  const crossing = (capacity - fit.intercept) / fit.slope;
  const days = Math.floor(crossing - lastX + FLOOR_EPS);
  // A vanishing slope can put the crossing beyond any representable day: say "no date".
  if (!Number.isSafeInteger(days)) return null;
  return Math.max(0, days);
}

/** {@link daysUntilSaturation} over the `window` days of a series ending at `end` (missing days = null). */
export function daysUntilSaturationFromSeries(
  series: DailySeries,
  end: string,
  capacity: number,
  window = 7,
): number | null {
  return daysUntilSaturation(windowValues(series, end, window), capacity, window);
}
