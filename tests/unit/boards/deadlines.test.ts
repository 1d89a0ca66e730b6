import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taskStatus, type TaskStatus } from '../../../shared/domain';
import { addDays } from '../../../shared/metrics';
import { hanoiToday } from '../../../shared/format';
import { daysLeft, dueSoon, dueThisWeek, isOverdue, weekOf } from '../../../electron/core/boards/deadlines';

const t = (dueDate: string | null, status: TaskStatus = 'in_progress') => ({ dueDate, status });
const day = fc.integer({ min: 18_000, max: 20_000 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
const status = fc.constantFrom(...taskStatus.options);

describe('overdue, due soon, due this week', () => {
  const today = '2021-12-20'; // a Monday

  it('overdue: past due and unfinished; due today is not overdue', () => {
    expect(isOverdue(t('2021-12-19'), today)).toBe(true);
    expect(isOverdue(t('2021-12-20'), today)).toBe(false);
    expect(isOverdue(t('2021-12-21'), today)).toBe(false);
    expect(isOverdue(t(null), today)).toBe(false);
    expect(isOverdue(t('2021-12-01', 'open'), today)).toBe(true);
    expect(isOverdue(t('2021-12-01', 'blocked'), today)).toBe(true);
    expect(isOverdue(t('2021-12-01', 'done'), today)).toBe(false);
    expect(isOverdue(t('2021-12-01', 'cancelled'), today)).toBe(false);
  });

  it('due soon: from today to today + days, both included', () => {
    expect(dueSoon(t('2021-12-20'), today, 3)).toBe(true);
    expect(dueSoon(t('2021-12-23'), today, 3)).toBe(true);
    expect(dueSoon(t('2021-12-24'), today, 3)).toBe(false);
    expect(dueSoon(t('2021-12-19'), today, 3)).toBe(false);
    expect(dueSoon(t('2021-12-20'), today, 0)).toBe(true);
    expect(dueSoon(t('2021-12-21', 'done'), today, 3)).toBe(false);
  });

  it('weeks run Monday to Sunday', () => {
    expect(weekOf('2021-12-20')).toEqual({ start: '2021-12-20', end: '2021-12-26' });
    expect(weekOf('2021-12-26')).toEqual({ start: '2021-12-20', end: '2021-12-26' });
    expect(weekOf('2022-01-01')).toEqual({ start: '2021-12-27', end: '2022-01-02' }); // a Saturday across the year
    expect(dueThisWeek(t('2021-12-26'), '2021-12-22')).toBe(true);
    expect(dueThisWeek(t('2021-12-20'), '2021-12-22')).toBe(true); // overdue, still this week
    expect(dueThisWeek(t('2021-12-27'), '2021-12-22')).toBe(false);
    expect(dueThisWeek(t('2021-12-24', 'done'), '2021-12-22')).toBe(false);
  });

  it('daysLeft counts calendar days (negative when past)', () => {
    expect(daysLeft(t('2021-12-25'), today)).toBe(5);
    expect(daysLeft(t('2021-12-18'), today)).toBe(-2);
    expect(daysLeft(t(null), today)).toBeNull();
  });

  it('"today" is the Hà Nội date of the clock, not the machine zone', () => {
    // 2021-12-19 17:30 UTC is already 00:30 on the 20th in Hà Nội.
    const today = hanoiToday(Date.parse('2021-12-19T17:30:00Z'));
    expect(today).toBe('2021-12-20');
    expect(isOverdue(t('2021-12-19'), today)).toBe(true);
    expect(isOverdue(t('2021-12-19'), hanoiToday(Date.parse('2021-12-19T16:59:00Z')))).toBe(false);
  });

  it('properties: overdue and due-soon never both; finished tasks are neither; agrees with the demo generator', () => {
    fc.assert(
      fc.property(fc.option(day, { nil: null }), status, day, fc.integer({ min: 0, max: 30 }), (due, s, today, days) => {
        const task = t(due, s);
        expect(isOverdue(task, today) && dueSoon(task, today, days)).toBe(false);
        if (s === 'done' || s === 'cancelled') expect(isOverdue(task, today) || dueSoon(task, today, days) || dueThisWeek(task, today)).toBe(false);
        if (due !== null && isOverdue(task, today)) expect(daysLeft(task, today)).toBeLessThan(0);
        if (due !== null && dueSoon(task, today, days)) expect(due <= addDays(today, days)).toBe(true);
        const w = weekOf(today);
        expect(w.start <= today && today <= w.end).toBe(true);
      }),
    );
  });
});
