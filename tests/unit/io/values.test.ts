import { describe, expect, it } from 'vitest';
import { excelSerialToIso, isoToExcelSerial, parseBool, parseCount, parseDate, parseDecimal, parseInstant, fold } from '../../../shared/io';

describe('parseCount: counts as districts type them', () => {
  it.each([
    ['12', 12],
    [' 12 ', 12],
    ['0', 0],
    ['1.234', 1234],
    ['1,234', 1234],
    ['1 234', 1234],
    ['1\u00a0234', 1234],
    ['1.234.567', 1234567],
    ['12,0', 12],
    ['12.00', 12],
    [12, 12],
    [12.0000000001, 12],
    [{ formula: 'A1+B1', result: 7 }, 7],
    [{ richText: [{ text: '4' }, { text: '2' }] }, 42],
  ])('%j → %j', (raw, want) => expect(parseCount(raw)).toBe(want));

  it.each(['', '   ', '-', '–', null, undefined])('blank %j → null', (raw) => expect(parseCount(raw)).toBeNull());

  it.each([
    ['-3', 'negative'],
    ['−3', 'negative'],
    ['(5)', 'negative'],
    [-1, 'negative'],
    ['12,5', 'not_integer'],
    ['1.5', 'not_integer'],
    [2.5, 'not_integer'],
    ['abc', 'not_number'],
    ['12a', 'not_number'],
    ['1.23.4', 'not_number'],
    [{ error: '#DIV/0!' }, 'not_number'],
    [Number.NaN, 'not_number'],
  ])('%j is refused as %s', (raw, code) => expect(parseCount(raw)).toMatchObject({ code }));
});

describe('dates', () => {
  it.each([
    ['05/12/2021', '2021-12-05'],
    ['5/12/2021', '2021-12-05'],
    ['05-12-2021', '2021-12-05'],
    ['05.12.2021', '2021-12-05'],
    ['05/12/21', '2021-12-05'],
    ['2021-12-05', '2021-12-05'],
    ['05/12/2021 14:30', '2021-12-05'],
    [44535, '2021-12-05'],
    ['44535', '2021-12-05'],
    [new Date(Date.UTC(2021, 11, 5)), '2021-12-05'],
    [{ formula: 'TODAY()', result: 44535 }, '2021-12-05'],
  ])('%j → %s (always day first)', (raw, want) => expect(parseDate(raw)).toBe(want));

  it.each(['31/02/2021', '32/01/2021', '12/13/2021', 'hôm nay', '2021-13-01', 0])('%j is not a date', (raw) =>
    expect(parseDate(raw)).toMatchObject({ code: 'bad_date' }),
  );

  it('Excel serials round-trip', () => {
    for (const iso of ['2020-01-01', '2021-07-01', '2021-12-31', '2022-04-30']) expect(excelSerialToIso(isoToExcelSerial(iso))).toBe(iso);
  });

  it('instants are Hà Nội time unless they carry a zone; a bare date is 17:00', () => {
    expect(parseInstant('05/12/2021 08:00')).toBe('2021-12-05T01:00:00.000Z');
    expect(parseInstant('05/12/2021')).toBe('2021-12-05T10:00:00.000Z');
    expect(parseInstant('2021-12-05T08:00:00Z')).toBe('2021-12-05T08:00:00.000Z');
    expect(parseInstant(44535.5)).toBe('2021-12-05T05:00:00.000Z');
  });
});

describe('other cells', () => {
  it('booleans in Vietnamese', () => {
    expect(parseBool('Có', fold)).toBe(true);
    expect(parseBool('x', fold)).toBe(true);
    expect(parseBool('không', fold)).toBe(false);
    expect(parseBool('', fold)).toBeNull();
    expect(parseBool('có lẽ', fold)).toMatchObject({ code: 'bad_choice' });
  });
  it('coordinates with a decimal comma or point', () => {
    expect(parseDecimal('105,8342')).toBe(105.8342);
    expect(parseDecimal('21.0285')).toBe(21.0285);
    expect(parseDecimal('N21')).toMatchObject({ code: 'not_number' });
  });
});
