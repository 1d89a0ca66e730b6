import { describe, expect, it } from 'vitest';
import { csvFileName, parseCaseList, runScenario, scenarioCsv } from '../../../shared/scenarios';
import { fromPercent, parseNumberText, toPercent } from '../../../renderer/src/pages/scenarios/numbers';
import { bare } from './fixtures';

describe('parseCaseList (pasted lists and CSV columns)', () => {
  it('reads one number a line, Vietnamese thousands included, skipping blank lines', () => {
    const r = parseCaseList('2.000\n2.150\n\n2300\r\n');
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual([2000, 2150, 2300]);
    expect(r.columns).toEqual([]);
  });

  it('reads numbers on one line separated by spaces, tabs or semicolons; "2,000" stays one number', () => {
    expect(parseCaseList('2000 2100\t2200; 2300').values).toEqual([2000, 2100, 2200, 2300]);
    expect(parseCaseList('2,000, 2,100').values).toEqual([2000, 2100]);
    expect(parseCaseList('2,000\n2,100\n2,250').values).toEqual([2000, 2100, 2250]);
  });

  it('takes a column of a CSV with a header: by default the last numeric one, or the one chosen by name or index', () => {
    const csv = 'Ngày;Quận;Ca mới\n01/02/2022;Ba Đình;120\n02/02/2022;Ba Đình;135\n';
    const r = parseCaseList(csv);
    expect(r.columns).toEqual(['Ngày', 'Quận', 'Ca mới']);
    expect(r.column).toBe(2);
    expect(r.values).toEqual([120, 135]);
    expect(parseCaseList('a,b\n1,10\n2,20', 'a').values).toEqual([1, 2]);
    expect(parseCaseList('a,b\n1,10\n2,20', 1).values).toEqual([10, 20]);
    expect(parseCaseList('a,b\n1,10', 'c').problems[0]!.message).toBe('không có cột này');
  });

  it('names the line and the value of every bad cell (and gives no values to use)', () => {
    const r = parseCaseList('Ca mới\n100\nmột trăm\n-5\n12,5');
    expect(r.problems).toEqual([
      { line: 3, value: 'một trăm', message: 'không phải là số' },
      { line: 4, value: '-5', message: 'không được âm' },
      { line: 5, value: '12,5', message: 'số ca phải là số nguyên' },
    ]);
    expect(parseCaseList('').problems[0]!.message).toBe('chưa có số liệu');
    expect(parseCaseList(Array.from({ length: 181 }, () => '1').join('\n')).problems.at(-1)!.message).toBe('tối đa 180 ngày');
  });
});

describe('numbers typed on the planner', () => {
  it('reads Vietnamese and English forms; rejects text and negatives', () => {
    expect(parseNumberText('2.000')).toBe(2000);
    expect(parseNumberText('1.234.567')).toBe(1234567);
    expect(parseNumberText('2.000,5')).toBe(2000.5);
    expect(parseNumberText('0,5')).toBe(0.5);
    expect(parseNumberText('0.5')).toBe(0.5);
    expect(parseNumberText('2,000')).toBe(2);
    expect(parseNumberText('12,345,678')).toBe(12345678);
    expect(parseNumberText(' 3000 ')).toBe(3000);
    expect(parseNumberText('')).toBeNull();
    expect(parseNumberText('-1')).toBeNull();
    expect(parseNumberText('abc')).toBeNull();
    expect(toPercent(0.1)).toBe(10);
    expect(toPercent(0.025)).toBe(2.5);
    expect(fromPercent(12.5)).toBe(0.125);
  });
});

describe('scenario CSV', () => {
  it('one row per day with need, capacity and shortfall, whole patients, BOM, ";" and CRLF', () => {
    const r = runScenario(bare({ horizonDays: 12 }));
    const csv = scenarioCsv(r, 'vi', 'Thử; "nghiệm"');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('"Thử; ""nghiệm"""');
    const header = lines[1]!.split(';');
    expect(header.slice(0, 7)).toEqual(['Ngày thứ', 'Ngày', 'Ca mới', 'F0 tại nhà', 'Tầng 1 cần', 'Tầng 1 có', 'Tầng 1 thiếu']);
    expect(header).toHaveLength(4 + 5 * 3);
    const day12 = lines[2 + 12]!.split(';');
    expect(day12.slice(0, 3)).toEqual(['12', '13/12/2021', '10']);
    const t2 = header.indexOf('Tầng 2 cần');
    expect(day12.slice(t2, t2 + 3)).toEqual(['120', '100', '20']);
    expect(lines[2]!.split(';')[2]).toBe(''); // day 0 has no new cases
    expect(lines).toHaveLength(2 + 13 + 1); // trailing CRLF
    expect(scenarioCsv(r, 'en').slice(1).split('\r\n')[0]!.split(';')[0]).toBe('Day');
  });

  it('file names without diacritics or separators', () => {
    expect(csvFileName('Kịch bản 3.000 ca/ngày', '2022-01-31')).toBe('kich-ban-3-000-ca-ngay-2022-01-31.csv');
    expect(csvFileName('Đống Đa: tăng gấp đôi', '2022-01-31')).toBe('kich-ban-dong-da-tang-gap-doi-2022-01-31.csv');
    expect(csvFileName('???', '2022-01-31')).toBe('kich-ban-scenario-2022-01-31.csv');
  });
});
