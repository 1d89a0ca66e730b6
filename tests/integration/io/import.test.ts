import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ApiError } from '../../../shared/api/errors';
import { CASE_HEADERS, GOOD_ROWS, csv, messyCaseWorkbook, xlsxBuffer } from '../../fixtures/io/messy';
import { encodeLegacy } from '../../fixtures/io/encodings';
import { b64, changeCount, openIoCore, type IoCore } from './helpers';

/** Imports through the real API path against a real SQLite store, one mess per test. */
let c: IoCore;
beforeEach(async () => {
  c = await openIoCore();
});
afterEach(() => c.close());

const preview = (fileName: string, content: Buffer | string, extra: Record<string, unknown> = {}) =>
  c.call('import.preview', { kind: 'caseReports', fileName, contentBase64: b64(content), ...extra } as never);

async function expectApiError(p: Promise<unknown>, code: string, message: RegExp) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  expect((e as ApiError).code).toBe(code);
  expect((e as ApiError).message).toMatch(message);
}

const report = (unitCode: string, date = '2021-12-05') => c.core.store.get('caseReport', `${unitCode}:${date}`);

describe('case report import', () => {
  it('clean UTF-8 CSV: preview counts, apply in one write, re-import changes nothing', async () => {
    const file = csv([CASE_HEADERS, ...GOOD_ROWS]);
    const before = changeCount(c);
    const p = await preview('ba-dinh.csv', file);
    expect(p).toMatchObject({ format: 'csv', detectedEncoding: 'UTF-8', delimiter: ',', headerRow: 1, errorCount: 0 });
    expect(p.rows).toEqual({ total: 3, valid: 3, withErrors: 0, skipped: 0 });
    expect(p.actions).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(p.changes.map((x) => x.label)).toEqual(['Phường Phúc Xá · 05/12/2021', 'Phường Trúc Bạch · 05/12/2021', 'Phường Vĩnh Phúc · 05/12/2021']);
    expect(changeCount(c)).toBe(before); // a dry run writes nothing
    const r = await c.call('import.apply', { token: p.token! });
    expect(r).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(report('00001')).toMatchObject({ newCommunity: 3, newQuarantined: 1, f0Home: 20, f0Facility: 4, f1HomeQuarantine: 60, needOxygen: 2, tests: 150 });
    // One write call = one op id for every change row of the import (the audit trail).
    const ops = c.core.store.db.prepare('SELECT DISTINCT op_id FROM changes WHERE seq > ?').all(before);
    expect(ops).toHaveLength(1);
    // A token is used once.
    await expectApiError(c.call('import.apply', { token: p.token! }), 'not_found', /hết hạn|đã được áp dụng/);
    const again = await preview('ba-dinh.csv', file);
    expect(again.actions).toEqual({ created: 0, updated: 0, unchanged: 3 });
    const seq = changeCount(c);
    await c.call('import.apply', { token: again.token! });
    expect(changeCount(c)).toBe(seq);
  });

  it('an update shows old → new per field and writes only the changed field', async () => {
    await c.call('import.apply', { token: (await preview('a.csv', csv([CASE_HEADERS, ...GOOD_ROWS]))).token! });
    const rows = GOOD_ROWS.map((r) => [...r]);
    rows[1]![3] = 7;
    const p = await preview('a.csv', csv([CASE_HEADERS, ...rows]));
    expect(p.actions).toEqual({ created: 0, updated: 1, unchanged: 2 });
    expect(p.changes).toEqual([{ row: 3, action: 'update', label: 'Phường Trúc Bạch · 05/12/2021', changed: [{ field: 'newCommunity', from: 0, to: 7 }] }]);
    const seq = changeCount(c);
    await c.call('import.apply', { token: p.token! });
    const fields = c.core.store.db.prepare('SELECT field FROM changes WHERE seq > ?').all(seq) as { field: string }[];
    expect(fields.map((f) => f.field)).toEqual(['newCommunity']);
  });

  it('Windows-1258 CSV with semicolons: the encoding is detected, named and decoded', async () => {
    const text = csv([CASE_HEADERS, ...GOOD_ROWS], ';');
    const p = await preview('legacy.csv', encodeLegacy(text, 'windows-1258'));
    expect(p).toMatchObject({ detectedEncoding: 'Windows-1258', encodingConfidence: 'high', delimiter: ';', errorCount: 0 });
    expect(p.problems).toEqual([expect.objectContaining({ code: 'encoding', severity: 'warning', row: null, reason: expect.stringContaining('Windows-1258') })]);
    expect(p.headers[2]).toBe('Phường/Xã');
    expect(p.actions.created).toBe(3);
  });

  it('semicolon file whose values hold decimal commas ("2,5") is still read as semicolon-separated (fuzz counterexample)', async () => {
    const text = csv([CASE_HEADERS, ['01/12/2021', 'Quận Ba Đình', 'Phường Phúc Xá', '2,5', '', '2,5', '0', '0', '0', '2,5', '0', '0']], ';');
    const p = await preview('decimal-commas.csv', Buffer.from(text + '\n'));
    expect(p.delimiter).toBe(';');
    expect(p.problems.some((x) => x.code === 'missing_column')).toBe(false);
    // "2,5" is not a whole number: refused by field, naming the row.
    expect(p.problems.find((x) => x.row === 2 && x.field === 'newCommunity')).toBeTruthy();
  });

  it.each(['tcvn', 'viscii'] as const)('%s CSV is decoded too', async (enc) => {
    const p = await preview('legacy.csv', encodeLegacy(csv([CASE_HEADERS, ...GOOD_ROWS]), enc));
    expect(p.errorCount).toBe(0);
    expect(p.actions.created).toBe(3);
  });

  it('UTF-8 BOM and tab-separated (Excel "Unicode text" is UTF-16 + tabs)', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv([CASE_HEADERS, ...GOOD_ROWS]))]);
    expect((await preview('bom.csv', bom)).actions.created).toBe(3);
    const tsv = encodeLegacy(csv([CASE_HEADERS, ...GOOD_ROWS], '\t'), 'utf-16le');
    const p = await preview('unicode.txt', tsv);
    expect(p).toMatchObject({ detectedEncoding: 'UTF-16 LE', delimiter: '\t', errorCount: 0 });
  });

  it('messy XLSX: title block, merged two-row header, numbering row, three date forms, formulas, "1.234", totals and signatures', async () => {
    const p = await preview('ba-dinh.xlsx', await messyCaseWorkbook());
    expect(p.format).toBe('xlsx');
    expect(p.headerRow).toBe(5);
    expect(p.problems).toEqual([]);
    expect(p.headers.slice(3, 7)).toEqual(['Số ca mắc mới · Cộng đồng', 'Số ca mắc mới · Khu cách ly', 'F0 đang điều trị · Tại nhà', 'F0 đang điều trị · Tại cơ sở']);
    expect(p.rows).toMatchObject({ valid: 3, withErrors: 0 });
    expect(p.skipped.map((s) => s.reason).sort()).toEqual(['note', 'note', 'subtotal', 'total']);
    await c.call('import.apply', { token: p.token! });
    expect(report('00001')).toMatchObject({ newCommunity: 3, newQuarantined: 1, f0Home: 1234, f0Facility: 4, needOxygen: 2, tests: 0, f1HomeQuarantine: 0 });
    expect(report('00004')).toMatchObject({ newCommunity: 2, f0Home: 11 });
    expect(report('00006')).toMatchObject({ f0Facility: 6 });
  });

  it('every problem names row, column and reason; nothing is written and apply is refused', async () => {
    const rows: (string | number)[][] = [
      CASE_HEADERS,
      GOOD_ROWS[0]!,
      ['05/12/2021', 'Quận Ba Đình', 'Phường Trúc Bạch', -2, 0, 1, 1, 0, 0, 0, 0, 0],
      ['05/12/2021', 'Quận Ba Đình', 'Trúc Bạc', 1, 0, 1, 1, 0, 0, 0, 0, 0],
      ['31/02/2021', 'Quận Ba Đình', 'Phường Vĩnh Phúc', 1, 0, 1, 1, 0, 0, 0, 0, 0],
      ['05/12/2021', 'Quận Ba Đình', 'Phường Cống Vị', 1, 0, 1, 1, 0, 9, 0, 0, 0],
      ['05/12/2021', 'Quận Ba Đình', 'Phường Liễu Giai', '12,5', 0, 1, 1, 0, 0, 0, 0, 0],
      ['05/12/2022', 'Quận Ba Đình', 'Phường Ngọc Hà', 1, 0, 1, 1, 0, 0, 0, 0, 0],
    ];
    const before = changeCount(c);
    const p = await preview('bad.csv', csv(rows));
    const brief = p.problems.map((x) => [x.row, x.column, x.code]);
    expect(brief).toEqual([
      [3, 'Số ca mắc mới tại cộng đồng', 'negative'],
      [4, 'Phường/Xã', 'unknown_unit'],
      [5, 'Ngày', 'bad_date'],
      [6, 'Bệnh nhân thở ô xy', 'part_exceeds_total'],
      [7, 'Số ca mắc mới tại cộng đồng', 'not_integer'],
      [8, 'Ngày', 'future_date'],
    ]);
    for (const x of p.problems) expect(x.reason.length).toBeGreaterThan(5);
    expect(p.problems[1]!.reason).toContain('Trúc Bạch');
    expect(p.token).toBeNull();
    expect(p.rows).toMatchObject({ total: 7, withErrors: 6 });
    expect(changeCount(c)).toBe(before);
  });

  it('duplicate rows: identical ones are skipped, conflicting ones are errors naming the other row', async () => {
    const same = await preview('d.csv', csv([CASE_HEADERS, GOOD_ROWS[0]!, GOOD_ROWS[0]!]));
    expect(same.skipped).toEqual([{ row: 3, reason: 'duplicate', other: 2 }]);
    expect(same.errorCount).toBe(0);
    const other = [...GOOD_ROWS[0]!];
    other[3] = 9;
    const conflict = await preview('d.csv', csv([CASE_HEADERS, GOOD_ROWS[0]!, other]));
    expect(conflict.problems).toEqual([expect.objectContaining({ row: 3, column: 'Phường/Xã', code: 'duplicate_conflict', reason: expect.stringContaining('dòng 2') })]);
    expect(conflict.token).toBeNull();
  });

  it('ward names that repeat across districts are matched inside the district column', async () => {
    const rows = [CASE_HEADERS, ['05/12/2021', 'Đống Đa', 'Quang Trung', 1, 0, 1, 1, 0, 0, 0, 0, 0], ['05/12/2021', 'Q. Hà Đông', 'P. Quang Trung', 2, 0, 2, 1, 0, 0, 0, 0, 0]];
    const p = await preview('qt.csv', csv(rows));
    expect(p.errorCount).toBe(0);
    await c.call('import.apply', { token: p.token! });
    const codes = (c.core.store.db.prepare("SELECT unit_code FROM case_reports WHERE date = '2021-12-05' ORDER BY new_community").all() as { unit_code: string }[]).map((r) => r.unit_code);
    expect(codes.map((code) => c.core.store.get('adminUnit', code)?.parentCode)).toEqual(['006', '268']);
    // Without a district the name is ambiguous, and the message lists the candidates.
    const amb = await preview('qt.csv', csv([CASE_HEADERS.filter((h) => h !== 'Quận/Huyện'), ['05/12/2021', 'Quang Trung', 1, 0, 1, 1, 0, 0, 0, 0, 0]]));
    expect(amb.problems[0]).toMatchObject({ row: 2, column: 'Phường/Xã', code: 'ambiguous_unit' });
    expect(amb.problems[0]!.reason).toContain('Quận Đống Đa');
  });

  it('codes that lost their leading zeros in Excel, and a code that contradicts the name', async () => {
    const buf = await xlsxBuffer((ws) => {
      ws.addRow(['Ngày', 'Mã phường/xã', 'Phường/Xã', 'Số ca mắc mới tại cộng đồng']);
      ws.addRow(['05/12/2021', 1, 'Phúc Xá', 4]);
      ws.addRow(['05/12/2021', 4, 'Phúc Xá', 4]);
    });
    const p = await preview('codes.xlsx', buf);
    expect(p.problems).toEqual([expect.objectContaining({ row: 3, column: 'Phường/Xã', code: 'unit_mismatch' })]);
    const ok = await preview('codes.xlsx', await xlsxBuffer((ws) => {
      ws.addRow(['Ngày', 'Mã phường/xã', 'Số ca mắc mới tại cộng đồng']);
      ws.addRow(['05/12/2021', 1, 4]);
    }));
    expect(ok.changes[0]!.label).toBe('Phường Phúc Xá · 05/12/2021');
  });

  it('only a total new-case column: counted as community with a warning; totals next to parts must add up', async () => {
    const onlyTotal = await preview('t.csv', csv([['Ngày', 'Phường/Xã', 'Quận/Huyện', 'Số ca mắc mới'], ['05/12/2021', 'Phúc Xá', 'Ba Đình', 7]]));
    expect(onlyTotal.problems).toEqual([expect.objectContaining({ code: 'split_assumed', severity: 'warning' })]);
    await c.call('import.apply', { token: onlyTotal.token! });
    expect(report('00001')).toMatchObject({ newCommunity: 7, newQuarantined: 0 });
    const mismatch = await preview('t.csv', csv([['Ngày', 'Phường/Xã', 'Quận/Huyện', 'Tổng số ca mắc mới', 'Cộng đồng', 'Khu cách ly'], ['05/12/2021', 'Phúc Xá', 'Ba Đình', 7, 3, 3]]));
    expect(mismatch.problems).toEqual([expect.objectContaining({ row: 2, column: 'Tổng số ca mắc mới', code: 'sum_mismatch' })]);
    const part = await preview('t.csv', csv([['Ngày', 'Phường/Xã', 'Quận/Huyện', 'Tổng số ca mắc mới', 'Khu cách ly'], ['05/12/2021', 'Phúc Xá', 'Ba Đình', 7, 9]]));
    expect(part.problems).toEqual([expect.objectContaining({ row: 2, column: 'Khu cách ly', code: 'part_exceeds_total' })]);
  });

  it('a column the file lacks keeps the stored value', async () => {
    await c.call('import.apply', { token: (await preview('a.csv', csv([CASE_HEADERS, ...GOOD_ROWS]))).token! });
    const p = await preview('partial.csv', csv([['Ngày', 'Quận/Huyện', 'Phường/Xã', 'Số xét nghiệm'], ['05/12/2021', 'Ba Đình', 'Phúc Xá', 999]]));
    expect(p.changes[0]!.changed).toEqual([{ field: 'tests', from: 150, to: 999 }]);
    await c.call('import.apply', { token: p.token! });
    expect(report('00001')).toMatchObject({ newCommunity: 3, f0Home: 20, tests: 999 });
  });

  it('missing required columns and unrecognisable files are file-level problems', async () => {
    const p = await preview('x.csv', csv([['Ngày', 'Số ca mắc mới tại cộng đồng'], ['05/12/2021', 3]]));
    expect(p.problems).toEqual([expect.objectContaining({ row: null, code: 'missing_column', severity: 'error' })]);
    const none = await preview('x.csv', 'a,b,c\n1,2,3\n');
    expect(none.problems).toEqual([expect.objectContaining({ code: 'no_header' })]);
    // …but its columns are offered for mapping by hand.
    expect(none.headers).toEqual(['a', 'b', 'c']);
    expect(none.token).toBeNull();
    await expectApiError(preview('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])), 'invalid_input', /\.xls/);
    await expectApiError(preview('broken.xlsx', Buffer.from('PK\u0003\u0004garbage')), 'invalid_input', /Excel/);
  });

  it('files over the configured limit are refused with the sizes in the message', async () => {
    c.core.store.setSetting({ userId: null }, 'import.maxBytes', 1024);
    expect((await c.call('import.config', {})).maxBytes).toBe(1024);
    const big = csv([CASE_HEADERS, ...Array.from({ length: 40 }, () => GOOD_ROWS[0]!)]);
    await expectApiError(preview('big.csv', big), 'invalid_input', /vượt giới hạn 1 KB/);
  });

  it('the mapping is remembered per source after apply and used next time', async () => {
    const headers = ['Thời gian', 'Địa bàn', 'Col C', 'Col D'];
    const rows = [headers, ['05/12/2021', 'Phúc Xá, Ba Đình', 3, 4]];
    const first = await preview('weird.csv', csv(rows), { mapping: { date: 0, ward: null, unitCode: null } });
    // The operator's mapping is used even though no header was recognised; what it lacks is named.
    expect(first.problems.map((x) => [x.code, x.field])).toEqual([
      ['missing_column', 'ward'],
      ['missing_column', 'newCommunity'],
    ]);
    const file = csv([headers, ['05/12/2021', 'Phúc Xá', 3, 4]]);
    const mapped = await preview('weird.csv', file, { sourceName: 'TTYT Ba Đình', mapping: { date: 0, ward: 1, newCommunity: 2, f0Home: 3 } });
    expect(mapped.errorCount).toBe(0);
    await c.call('import.apply', { token: mapped.token! });
    expect(c.core.store.getSetting('import.mapping.caseReports.ttyt-ba-dinh')).toMatchObject({ sourceName: 'TTYT Ba Đình', columns: { newCommunity: 'Col C' } });
    const cfg = await c.call('import.config', {});
    expect(cfg.sources).toEqual([expect.objectContaining({ kind: 'caseReports', sourceName: 'TTYT Ba Đình' })]);
    const next = await preview('weird-2.csv', csv([headers, ['06/12/2021', 'Phúc Xá', 5, 6]]), { sourceName: 'ttyt ba đình' });
    expect(next.rememberedFrom).toBe('TTYT Ba Đình');
    expect(next.mapping.find((m) => m.field === 'newCommunity')).toMatchObject({ column: 2, via: 'remembered' });
    expect(next.errorCount).toBe(0);
  });

  it('apply refuses when the store changed since the preview, and writes nothing', async () => {
    const p = await preview('a.csv', csv([CASE_HEADERS, ...GOOD_ROWS]));
    await c.call('caseReports.upsert', {
      rows: [{ unitCode: '00001', date: '2021-12-05', newCommunity: 1, newQuarantined: 0, f0Home: 1, f0Facility: 0, f1HomeQuarantine: 0, needOxygen: 0, recovered: 0, deaths: 0, tests: 0 }],
    });
    const seq = changeCount(c);
    await expectApiError(c.call('import.apply', { token: p.token! }), 'conflict', /đã thay đổi/);
    expect(changeCount(c)).toBe(seq);
  });

  it('district reporters can only import their own districts', async () => {
    const p = await c.call(
      'import.preview',
      { kind: 'caseReports', fileName: 'a.csv', contentBase64: b64(csv([CASE_HEADERS, ...GOOD_ROWS])) },
      { role: 'district_reporter', districtCodes: ['006'] },
    );
    expect(p.problems.map((x) => x.code)).toEqual(['out_of_scope', 'out_of_scope', 'out_of_scope']);
    expect(p.token).toBeNull();
  });

  it('a preview token belongs to its operator', async () => {
    const p = await preview('a.csv', csv([CASE_HEADERS, ...GOOD_ROWS]));
    await expectApiError(c.call('import.apply', { token: p.token! }, { userId: '01890000-0000-7000-8000-000000000001' }), 'forbidden', /người khác/);
  });
});

describe('vaccination import', () => {
  it('cumulative doses: parts ≤ totals per age group', async () => {
    const headers = ['Ngày', 'Quận/Huyện', 'Phường/Xã', 'Mũi 1 (từ 18 tuổi)', 'Mũi 2 (từ 18 tuổi)', 'Mũi 2 (từ 50 tuổi)'];
    const p = await c.call('import.preview', {
      kind: 'vaccinations',
      fileName: 'v.csv',
      contentBase64: b64(csv([headers, ['05/12/2021', 'Ba Đình', 'Phúc Xá', '12.000', '11.500', 3000], ['05/12/2021', 'Ba Đình', 'Trúc Bạch', 100, 120, 10]])),
    });
    expect(p.problems).toEqual([expect.objectContaining({ row: 3, column: 'Mũi 2 (từ 18 tuổi)', code: 'part_exceeds_total' })]);
  });
});

describe('XLSX round trip of a plain workbook', () => {
  it('reads the first sheet that has a header, ignoring a cover sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Hướng dẫn').addRow(['Hướng dẫn điền biểu mẫu']);
    const ws = wb.addWorksheet('Số liệu');
    ws.addRow(CASE_HEADERS);
    for (const r of GOOD_ROWS) ws.addRow(r);
    const p = await preview('two-sheets.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(p.actions.created).toBe(3);
  });
});
