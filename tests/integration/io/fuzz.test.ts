import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { ApiError } from '../../../shared/api/errors';
import { CASE_HEADERS, csv } from '../../fixtures/io/messy';
import { encodeLegacy } from '../../fixtures/io/encodings';
import { b64, changeCount, openIoCore, type IoCore } from './helpers';

/**
 * The whole import path under generated messy files (450 cases): it never crashes, it
 * never writes part of a file, and every rejected row is named with its row and field.
 */
let c: IoCore;
beforeAll(async () => {
  c = await openIoCore();
});
afterAll(() => c.close());

const WARDS = ['Phường Phúc Xá', 'P. Trúc Bạch', 'vinh phuc', 'Cống Vị', 'Phường Liễu Giai', 'Nguyễn Trung Trực', 'Quán Thánh', 'Ngọc Hà'];
const cellValue = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 400 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 99_999 }).map((n) => n.toLocaleString('de-DE')) },
  { weight: 1, arbitrary: fc.constantFrom('', '-', '−3', '-1', '2,5', 'abc', '1e3', '(4)', ' 7 ') },
);
const dateValue = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 9 }).map((d) => `0${d}/12/2021`) },
  { weight: 1, arbitrary: fc.constantFrom('31/02/2021', '2021-12-04', '44535', '15/12/2021', 'hôm qua', '', '01/01/2019') },
);
const wardValue = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...WARDS) }, { weight: 1, arbitrary: fc.constantFrom('Phường Không Có', 'Tổng cộng', '', 'Quận Ba Đình') });
const row = fc.tuple(dateValue, fc.constantFrom('Quận Ba Đình', 'Ba Đình', 'Q. Ba Đình'), wardValue, fc.array(cellValue, { minLength: 9, maxLength: 9 }));
const file = fc.record({
  rows: fc.array(row, { minLength: 1, maxLength: 12 }),
  sep: fc.constantFrom(',', ';', '\t'),
  encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1258', 'utf-16le'),
});

function bytesOf(text: string, encoding: string): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text);
  if (encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  return encodeLegacy(text, encoding as 'windows-1258' | 'utf-16le');
}

describe('generated messy CSV files', () => {
  it('preview never crashes; problems name row + column + field; apply is all or nothing (300 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const table = [CASE_HEADERS, ...f.rows.map(([d, dist, w, vals]) => [d, dist, w, ...vals])];
        const before = changeCount(c);
        const reportsBefore = c.core.store.db.prepare('SELECT count(*) AS n FROM case_reports WHERE _deleted = 0').get() as { n: number };
        const p = await c.call('import.preview', { kind: 'caseReports', fileName: 'fuzz.csv', contentBase64: b64(bytesOf(csv(table, f.sep), f.encoding)) });
        expect(changeCount(c)).toBe(before);
        const lastRow = table.length;
        for (const x of p.problems) {
          expect(x.reason.length).toBeGreaterThan(3);
          if (x.row === null) {
            expect(['encoding', 'split_assumed', 'no_rows']).toContain(x.code);
            continue;
          }
          expect(x.row).toBeGreaterThanOrEqual(2);
          expect(x.row).toBeLessThanOrEqual(lastRow);
          expect(x.column).toBeTruthy();
          expect(x.field).toBeTruthy();
        }
        expect(p.rows.total).toBeLessThanOrEqual(table.length - 1);
        if (p.errorCount > 0) {
          expect(p.token).toBeNull();
          return;
        }
        if (!p.token) return; // nothing to write (every row skipped)
        const r = await c.call('import.apply', { token: p.token });
        const reportsAfter = c.core.store.db.prepare('SELECT count(*) AS n FROM case_reports WHERE _deleted = 0').get() as { n: number };
        expect(reportsAfter.n - reportsBefore.n).toBe(r.created);
        expect(r.created + r.updated + r.unchanged).toBe(p.rows.valid);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes as CSV or XLSX: a preview or a clear invalid_input error, never an internal error (150 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2000 }), fc.constantFrom('x.csv', 'x.xlsx', 'x.txt', 'x.xls'), fc.boolean(), async (bytes, name, zip) => {
        const data = zip ? Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(bytes)]) : Buffer.from(bytes);
        const before = changeCount(c);
        try {
          const p = await c.call('import.preview', { kind: 'caseReports', fileName: name, contentBase64: b64(data) });
          expect(p.token === null || p.errorCount === 0).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(ApiError);
          expect((e as ApiError).code).toBe('invalid_input');
          expect((e as ApiError).message.length).toBeGreaterThan(10);
        }
        expect(changeCount(c)).toBe(before);
      }),
      { numRuns: 150 },
    );
  });
});

it('generated XLSX with typed cells (numbers, dates, formulas) goes through the same checks', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('S');
  ws.addRow(CASE_HEADERS);
  ws.addRow([new Date(Date.UTC(2021, 11, 3)), 'Ba Đình', 'Phúc Xá', 1, 2, 3, 4, 5, 1, 0, 0, { formula: 'D2*10', result: 10 }]);
  ws.addRow([44533, 'Ba Đình', 'Trúc Bạch', -1, 0, 0, 0, 0, 0, 0, 0, 0]);
  const p = await c.call('import.preview', { kind: 'caseReports', fileName: 'typed.xlsx', contentBase64: b64(Buffer.from(await wb.xlsx.writeBuffer())) });
  expect(p.problems.map((x) => [x.row, x.field, x.code])).toEqual([[3, 'newCommunity', 'negative']]);
});
