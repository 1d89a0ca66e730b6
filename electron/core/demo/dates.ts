/** Calendar helpers on `YYYY-MM-DD` strings (UTC arithmetic; Hà Nội is UTC+7, no DST). */

// Day arithmetic is shared with the metrics module (one implementation of the calendar).
import { addDays, daysBetween, fromEpochDay, toEpochDay } from '../../../shared/metrics/dates';

const DAY_MS = 86_400_000;
/** Hà Nội local time offset from UTC, hours. */
export const LOCAL_UTC_OFFSET_H = 7;

export const dayNumber = toEpochDay;
export const dateOfDay = fromEpochDay;
export { addDays, daysBetween };

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Milliseconds since the epoch of a Hà Nội local wall-clock time on `date`. */
export function localTimeMs(date: string, hour: number, minute = 0): number {
  return dayNumber(date) * DAY_MS + ((hour - LOCAL_UTC_OFFSET_H) * 60 + minute) * 60_000;
}

/** ISO-8601 UTC instant of a Hà Nội local wall-clock time, e.g. 17:00 → `…T10:00:00.000Z`. */
export function localTimeIso(date: string, hour: number, minute = 0): string {
  return new Date(localTimeMs(date, hour, minute)).toISOString();
}
