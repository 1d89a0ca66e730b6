import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { ApiError } from '../../../shared/api/errors';
import { b64, changeCount, openIoCore, TODAY, type IoCore } from './helpers';

/**
 * Templates, exports and boundaries against a store with a week of demo data:
 * template → filled → import has no problems; export → import changes nothing.
 */
let c: IoCore;
beforeAll(async () => {
  c = await openIoCore({ demo: { from: '2021-11-29', to: '2021-12-05' } });
});
afterAll(() => c.close());

const fromB64 = (s: string) => Buffer.from(s, 'base64');
async function workbook(contentBase64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fromB64(contentBase64) as unknown as ArrayBuffer);
  return wb;
}
const preview = (kind: string, fileName: string, bytes: Buffer) =>
  c.call('import.preview', { kind: kind as never, fileName, contentBase64: b64(bytes) });

describe('templates', () => {
  it('case-report template: one row per ward with code and date; filled in Excel it imports with no problem', async () => {
    const t = await c.call('templates.get', { kind: 'caseReports', districtCode: '001', date: '2021-12-06' });
    expect(t.fileName).toBe('mau-bao-cao-ca-mac_001_2021-12-06.xlsx');
    expect(t.rows).toBe(14); // Ba Đình's 14 wards
    const wb = await workbook(t.contentBase64);
    const ws = wb.getWorksheet('Số liệu')!;
    expect(ws.getRow(3).getCell(1).value).toBe('Ngày');
    expect(ws.getRow(4).getCell(2).value).toBe('00001');
    expect(ws.getRow(4).getCell(4).value).toBe('Phường Phúc Xá');
    expect(wb.getWorksheet('Danh mục')!.rowCount).toBe(1 + 30 + 579);
    // The district fills 10 of its 14 wards (values typed as numbers), leaves 4 blank.
    for (let r = 4; r < 14; r++) {
      const row = ws.getRow(r);
      [3, 1, 40, 5, 80, 2, 1, 0, 300].forEach((v, i) => (row.getCell(5 + i).value = v + r));
      row.commit();
    }
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const before = changeCount(c);
    const p = await preview('caseReports', 'ba-dinh-06-12.xlsx', filled);
    expect(p.problems).toEqual([]);
    expect(p.actions).toEqual({ created: 10, updated: 0, unchanged: 0 });
    expect(p.skipped.filter((s) => s.reason === 'empty')).toHaveLength(4);
    await c.call('import.apply', { token: p.token! });
    expect(changeCount(c)).toBeGreaterThan(before);
    expect(c.core.store.get('caseReport', '00001:2021-12-06')).toMatchObject({ newCommunity: 7, f0Home: 44, tests: 304 });
  });

  it.each(['vaccinations', 'facilityStatus', 'facilities'] as const)('%s template imports cleanly as it is', async (kind) => {
    const t = await c.call('templates.get', { kind, districtCode: '001', date: '2021-12-05' });
    const p = await preview(kind, t.fileName, fromB64(t.contentBase64));
    expect(p.errorCount).toBe(0);
    expect(p.headerRow).toBe(3);
    // Prefilled rows without numbers are "not reported", never zeros written for them.
    expect(p.actions.created).toBe(0);
    if (kind === 'facilities') expect(p.actions.unchanged).toBe(t.rows);
  });

  it('task template: lists on its second sheet; one typed row becomes one task', async () => {
    const t = await c.call('templates.get', { kind: 'tasks' });
    const wb = await workbook(t.contentBase64);
    expect(wb.getWorksheet('Danh mục')!.getCell(2, 8).value).toBe('Mới');
    const ws = wb.getWorksheet('Số liệu')!;
    const empty = await preview('tasks', t.fileName, fromB64(t.contentBase64));
    expect(empty.problems).toEqual([expect.objectContaining({ code: 'no_rows' })]);
    const row = ws.getRow(4);
    row.getCell(2).value = 'Kiểm tra khu cách ly tập trung';
    row.getCell(3).value = 'Đoàn kiểm tra';
    row.getCell(7).value = 'Sở Y tế';
    row.getCell(12).value = 'Mới';
    row.commit();
    const p = await preview('tasks', t.fileName, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(p.problems).toEqual([]);
    expect(p.actions.created).toBe(1);
  });

  it('facility-status template filled → new snapshots; values over capacity are flagged', async () => {
    const t = await c.call('templates.get', { kind: 'facilityStatus', districtCode: undefined, date: '2021-12-05' });
    const wb = await workbook(t.contentBase64);
    const ws = wb.getWorksheet('Số liệu')!;
    const row = ws.getRow(4);
    const facilityId = row.getCell(1).value as string;
    const facility = c.core.store.get('facility', facilityId)!;
    [facility.beds, Math.min(facility.icuBeds, 1), 1, 0, 3, 2, 0, 0, 0].forEach((v, i) => (row.getCell(5 + i).value = v));
    row.commit();
    const ok = await preview('facilityStatus', 'status.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(ok.errorCount).toBe(0);
    // 17:00 Hà Nội on 05/12 = 10:00Z: the demo already has that snapshot, so it is an update.
    expect(ok.actions.created + ok.actions.updated).toBe(1);
    row.getCell(7).value = facility.beds + 1; // oxygen in use > occupied beds
    row.commit();
    const bad = await preview('facilityStatus', 'status.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(bad.problems).toEqual([expect.objectContaining({ row: 4, column: 'Đầu ô xy đang sử dụng', code: 'part_exceeds_total' })]);
  });
});

describe('exports', () => {
  it('case reports of a district and date range as CSV: UTF-8 with BOM, dd/MM/yyyy, re-imports unchanged', async () => {
    const f = await c.call('export.table', { table: 'caseReports', format: 'csv', from: '2021-12-03', to: '2021-12-05', districtCode: '001' });
    const bytes = fromB64(f.contentBase64);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(bytes.toString('utf8').slice(1)).data.filter((r) => r.length > 1);
    expect(parsed[0]!.slice(0, 4)).toEqual(['Ngày', 'Mã phường/xã', 'Quận/Huyện', 'Phường/Xã']);
    expect(parsed[1]!.slice(0, 4)).toEqual(['03/12/2021', '00001', 'Quận Ba Đình', 'Phường Phúc Xá']);
    expect(f.rows).toBe(3 * 14);
    const p = await preview('caseReports', f.fileName, bytes);
    expect(p.errorCount).toBe(0);
    expect(p.actions).toEqual({ created: 0, updated: 0, unchanged: 42 });
  });

  it.each(['facilities', 'tasks', 'facilityStatus', 'vaccinations'] as const)('%s as XLSX re-imports with nothing to change', async (table) => {
    const f = await c.call('export.table', { table, format: 'xlsx', from: table === 'tasks' ? undefined : '2021-12-05', to: table === 'tasks' ? undefined : '2021-12-05' });
    expect(f.rows).toBeGreaterThan(0);
    const p = await preview(table, f.fileName, fromB64(f.contentBase64));
    expect(p.problems.filter((x) => x.severity === 'error')).toEqual([]);
    expect(p.actions.created + p.actions.updated).toBe(0);
    expect(p.actions.unchanged).toBe(f.rows);
  });

  it('a facility edited in the exported sheet becomes an update of that facility', async () => {
    const f = await c.call('export.table', { table: 'facilities', format: 'xlsx' });
    const wb = await workbook(f.contentBase64);
    const ws = wb.worksheets[0]!;
    const id = ws.getRow(2).getCell(1).value as string;
    const beds = c.core.store.get('facility', id)!.beds;
    ws.getRow(2).getCell(11).value = beds + 50;
    ws.getRow(2).commit();
    const p = await preview('facilities', 'co-so.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(p.actions.updated).toBe(1);
    expect(p.changes[0]!.changed).toEqual([{ field: 'beds', from: beds, to: beds + 50 }]);
    await c.call('import.apply', { token: p.token! });
    expect(c.core.store.get('facility', id)!.beds).toBe(beds + 50);
  });

  it('tasks from a plain sheet: directive by code, assignee unit from its name, labels to enums', async () => {
    const directive = c.core.store.list('directive', {})[0]!;
    const rows = [
      ['Nhiệm vụ', 'Đơn vị chủ trì', 'Văn bản chỉ đạo', 'Mức ưu tiên', 'Trạng thái', 'Hạn xử lý'],
      ['Rà soát F1 khu tập thể Kim Liên', 'UBND quận Đống Đa', directive.code, 'Khẩn', 'Đang thực hiện', '08/12/2021'],
      ['Lập chốt kiểm soát', 'UBND huyện Sóc Sơn', 'KHÔNG-CÓ/2021', 'Cao', 'Mới', '09/12/2021'],
      ['Báo cáo', 'Sở Y tế', '', 'vừa vừa', '', ''],
    ];
    const p = await preview('tasks', 'nv.csv', Buffer.from(Papa.unparse(rows)));
    expect(p.problems.map((x) => [x.row, x.column, x.code])).toEqual([
      [3, 'Văn bản chỉ đạo', 'unknown_directive'],
      [4, 'Mức ưu tiên', 'bad_choice'],
    ]);
    const ok = await preview('tasks', 'nv.csv', Buffer.from(Papa.unparse(rows.slice(0, 2))));
    await c.call('import.apply', { token: ok.token! });
    const t = c.core.store.list('task', {}).find((x) => x.title === 'Rà soát F1 khu tập thể Kim Liên')!;
    expect(t).toMatchObject({ assigneeUnitCode: '006', directiveId: directive.id, priority: 'urgent', status: 'in_progress', dueDate: '2021-12-08', createdAt: expect.stringMatching(/^2021-12-10/) });
  });

  it('units as GeoJSON with metrics from metrics.snapshot', async () => {
    const f = await c.call('export.geojson', { level: 'district', date: '2021-12-05' });
    expect(f.metricsSource).toBe('metrics.snapshot');
    const g = JSON.parse(fromB64(f.contentBase64).toString('utf8'));
    expect(g.type).toBe('FeatureCollection');
    expect(g.features).toHaveLength(30);
    const baDinh = g.features.find((x: { id: string }) => x.id === '001');
    expect(baDinh.geometry.type).toMatch(/Polygon/);
    expect(baDinh.properties).toMatchObject({ code: '001', name: 'Quận Ba Đình', date: '2021-12-05' });
    const snap = await c.call('metrics.snapshot', { date: '2021-12-05', level: 'district' });
    expect(baDinh.properties.newTotal7d).toBe(snap.units.find((u) => u.code === '001')!.newTotal7d);
    expect(baDinh.properties.newTotal7d).toBeGreaterThan(0);
  });
});

describe('ward boundary import', () => {
  const square = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] });
  it('matches by code or name, lists the unmatched, refuses bad geometry, then serves it as boundaries.ward', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { ma_xa: '00001' }, geometry: square(105.8, 21.04) },
        { type: 'Feature', properties: { Ten_Xa: 'Phường Trúc Bạch', Huyen: 'Ba Đình' }, geometry: square(105.83, 21.04) },
        { type: 'Feature', properties: { name: 'Phường Không Tồn Tại' }, geometry: square(105.9, 21.0) },
        { type: 'Feature', properties: { name: 'Phường Vĩnh Phúc' }, geometry: { type: 'Polygon', coordinates: [[[105.8, 21.0], [105.81, 21.0]]] } },
      ],
    };
    const bad = await c.call('boundaries.preview', { level: 'ward', fileName: 'ward.geojson', contentBase64: b64(JSON.stringify(fc)) });
    expect(bad).toMatchObject({ token: null, features: 4, matched: 2 });
    expect(bad.unmatched).toEqual([expect.objectContaining({ index: 2, name: 'Phường Không Tồn Tại' })]);
    expect(bad.problems).toEqual([expect.objectContaining({ index: 3, reason: expect.stringContaining('hình học') })]);
    fc.features.pop();
    const ok = await c.call('boundaries.preview', { level: 'ward', fileName: 'ward.geojson', contentBase64: b64(JSON.stringify(fc)) });
    expect(ok).toMatchObject({ matched: 2, unitsWithout: 577 });
    const r = await c.call('boundaries.apply', { token: ok.token! });
    expect(r.features).toBe(2);
    const served = await c.call('boundaries.get', { level: 'ward' });
    expect(served.features.map((x) => (x as { id: string }).id)).toEqual(['00001', '00004']);
    const geo = await c.call('export.geojson', { level: 'ward', date: '2021-12-05' });
    const features = JSON.parse(fromB64(geo.contentBase64).toString('utf8')).features as { id: string; geometry: unknown }[];
    expect(features.filter((x) => x.geometry !== null).map((x) => x.id)).toEqual(['00001', '00004']);
  });

  it('not JSON / not a FeatureCollection: a clear error', async () => {
    const e = await c.call('boundaries.preview', { level: 'ward', fileName: 'x.geojson', contentBase64: b64('{nope') }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).message).toContain('JSON');
  });
});

it('today in these tests is fixed', () => expect(TODAY).toBe('2021-12-10'));
