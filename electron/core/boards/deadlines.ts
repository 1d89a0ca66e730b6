import type { Task } from '../../../shared/domain';
import { addDays, daysBetween, toEpochDay } from '../../../shared/metrics';
import { isActiveStatus } from './workflow';

/**
 * Deadline rules of the task board. Pure functions of a task and "today" (a Hà Nội
 * calendar day, `YYYY-MM-DD`): the core derives today from its clock with
 * hanoiToday(store.clock()), never from the machine's time zone, and tests inject it.
 */
type Due = Pick<Task, 'dueDate' | 'status'>;

/** Past its due date and not finished. Due today is not overdue (it is due soon). */
export function isOverdue(t: Due, today: string): boolean {
  return t.dueDate !== null && isActiveStatus(t.status) && t.dueDate < today;
}

/** Not finished and due between today and today + `days`, both included. */
export function dueSoon(t: Due, today: string, days: number): boolean {
  return t.dueDate !== null && isActiveStatus(t.status) && t.dueDate >= today && t.dueDate <= addDays(today, days);
}

/** Monday and Sunday of the (ISO, Monday-first) week containing `today`. */
export function weekOf(today: string): { start: string; end: string } {
  const weekday = (((toEpochDay(today) + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday)
  const start = addDays(today, -weekday);
  return { start, end: addDays(start, 6) };
}

/** Not finished and due on a day of this week (Monday to Sunday), overdue ones included. */
export function dueThisWeek(t: Due, today: string): boolean {
  if (t.dueDate === null || !isActiveStatus(t.status)) return false;
  const { start, end } = weekOf(today);
  return t.dueDate >= start && t.dueDate <= end;
}

/** Days from today to the due date (negative when past); null without a due date. */
export function daysLeft(t: Pick<Task, 'dueDate'>, today: string): number | null {
  return t.dueDate === null ? null : daysBetween(today, t.dueDate);
}
