import { hanoiToday } from '../../../shared/format';
import { addDays } from '../../../shared/metrics';

/**
 * Instants and Hà Nội calendar days. Boards work "as of an instant" (`at`); the days
 * (today, trend days) are Hà Nội days (UTC+7, no DST) whatever the machine's zone.
 * Instants are compared as canonical ISO strings (`toISOString()`: UTC, milliseconds),
 * the form the store holds them in, so SQL can compare them with the index.
 */
const HANOI_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

export const isoInstant = (ms: number): string => new Date(ms).toISOString();

/** The Hà Nội calendar day of an instant. */
export const hanoiDateOf = (ms: number): string => hanoiToday(ms);

/** Last millisecond of a Hà Nội day, as an instant (23:59:59.999 local). */
export function hanoiDayEndMs(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`) + DAY_MS - HANOI_OFFSET_MS - 1;
}

/** The `days` Hà Nội days ending on `end`, oldest first. */
export function lastDays(end: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => addDays(end, i - days + 1));
}

/** Resolves an optional `at` input against the store clock: the one "now" of a request. */
export function resolveAt(at: string | undefined, clock: () => number): { ms: number; iso: string; today: string } {
  const ms = at === undefined ? clock() : Date.parse(at);
  return { ms, iso: isoInstant(ms), today: hanoiDateOf(ms) };
}
