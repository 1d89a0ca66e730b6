/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings, in UTC.
 *
 * WHY UTC and strings: a report day is a calendar label ("the 7 days ending 25/10/2021"), not an
 * instant. Doing the arithmetic on UTC midnights means no daylight-saving or machine-time-zone
 * surprises (Vietnam has no DST, but the app may run on machines that do), and the strings sort
 * and compare lexicographically in date order.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `s` is a real calendar day written `YYYY-MM-DD` (2021-02-30 is rejected). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` day. Throws RangeError on anything else. */
export function toEpochDay(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`ngày không hợp lệ / invalid date (YYYY-MM-DD): ${String(date)}`);
  return Math.round(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

/** Inverse of {@link toEpochDay}. */
export function fromEpochDay(day: number): string {
  if (!Number.isInteger(day)) throw new RangeError(`epoch day must be an integer: ${day}`);
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `date` shifted by `days` (negative goes back). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later): daysBetween('2021-10-01','2021-10-08') = 7. */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Every day from `start` to `end`, both included, in order. Empty when end < start. */
export function dateRange(start: string, end: string): string[] {
  const a = toEpochDay(start);
  const b = toEpochDay(end);
  const out: string[] = [];
  for (let d = a; d <= b; d++) out.push(fromEpochDay(d));
  return out;
}

/**
 * The `days` days of a window ending at `end`, inclusive: windowDates('2021-10-25', 7) is
 * 2021-10-19 … 2021-10-25 (d−6 … d). This is the "week" used by every per-week metric.
 */
export function windowDates(end: string, days = 7): string[] {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`window length must be a positive integer: ${days}`);
  return dateRange(addDays(end, -(days - 1)), end);
}
