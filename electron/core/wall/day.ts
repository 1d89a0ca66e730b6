import { addDays } from '../../../shared/metrics';
import { LEVEL_COMPARE_DAYS, type WallDay } from '../../../shared/api/ops/wall';
import { hanoiDayEndMs, isoInstant } from '../boards/time';

/**
 * The day a wall or briefing shows and the instant its boards are read at. The wall shows the
 * LATEST REPORT DATE (metrics.range lastDate), so it works with demo data from the past; the
 * boards (facility load, overdue tasks) are read at the end of that day in Hà Nội — or now,
 * when that day is today and has not ended — so every panel describes the same day.
 */
export function wallDayOf(date: string, nowMs: number): WallDay {
  return {
    date,
    previousDate: addDays(date, -1),
    compareDate: addDays(date, -LEVEL_COMPARE_DAYS),
    at: isoInstant(Math.min(nowMs, hanoiDayEndMs(date))),
  };
}
