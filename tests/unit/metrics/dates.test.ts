import { describe, expect, it } from 'vitest';
import { addDays, dateRange, daysBetween, fromEpochDay, isIsoDate, toEpochDay, windowDates } from '../../../shared/metrics';

describe('dates (UTC, YYYY-MM-DD)', () => {
  it.each([
    ['2021-10-25', -6, '2021-10-19'],
    ['2021-10-31', 1, '2021-11-01'],
    ['2021-12-31', 1, '2022-01-01'],
    ['2022-03-01', -1, '2022-02-28'],
    ['2020-03-01', -1, '2020-02-29'], // leap year
    ['2022-01-27', 0, '2022-01-27'],
    ['2022-01-01', -365, '2021-01-01'],
  ])('addDays(%s, %i) = %s', (d, n, want) => {
    expect(addDays(d, n)).toBe(want);
  });

  it.each([
    ['2021-10-01', '2021-10-08', 7],
    ['2021-10-08', '2021-10-01', -7],
    ['2021-10-12', '2022-01-27', 107],
    ['2020-02-28', '2020-03-01', 2],
    ['2022-05-05', '2022-05-05', 0],
  ])('daysBetween(%s, %s) = %i', (a, b, want) => {
    expect(daysBetween(a, b)).toBe(want);
  });

  it('addDays and daysBetween are inverse', () => {
    for (const n of [-400, -7, -1, 0, 1, 13, 366]) expect(daysBetween('2021-10-12', addDays('2021-10-12', n))).toBe(n);
  });

  it.each(['2021-02-30', '2021-13-01', '21-10-01', '2021-10-1', '', '2021-10-01T00:00:00Z'])('rejects %j', (s) => {
    expect(isIsoDate(s)).toBe(false);
    expect(() => toEpochDay(s)).toThrow(RangeError);
    expect(() => addDays(s, 1)).toThrow(/invalid date/);
  });

  it('rejects a fractional day shift', () => {
    expect(() => addDays('2021-10-01', 0.5)).toThrow(RangeError);
  });

  it('epoch days round-trip and 1970-01-01 is day 0', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(fromEpochDay(toEpochDay('2022-01-27'))).toBe('2022-01-27');
  });

  it('windowDates is the inclusive week d−6 … d', () => {
    expect(windowDates('2021-10-25')).toEqual([
      '2021-10-19',
      '2021-10-20',
      '2021-10-21',
      '2021-10-22',
      '2021-10-23',
      '2021-10-24',
      '2021-10-25',
    ]);
    expect(windowDates('2021-10-25', 1)).toEqual(['2021-10-25']);
    expect(() => windowDates('2021-10-25', 0)).toThrow(RangeError);
  });

  it('dateRange includes both ends and is empty when reversed', () => {
    expect(dateRange('2021-12-30', '2022-01-02')).toEqual(['2021-12-30', '2021-12-31', '2022-01-01', '2022-01-02']);
    expect(dateRange('2022-01-02', '2022-01-01')).toEqual([]);
  });
});
