import ExcelJS from 'exceljs';
import { hanoiToday } from '../../../shared/format';
import {
  FACILITY_KIND_CHOICES,
  KIND_COLUMNS,
  KIND_LABELS,
  TASK_KIND_CHOICES,
  TASK_PRIORITY_CHOICES,
  TASK_STATUS_CHOICES,
  TIER_CHOICES,
  type ColumnSpec,
  type ImportKind,
} from '../../../shared/io';
import type { Store } from '../store';
import { FACILITY_EXPORT_KEYS, facilityRows, UnitNames } from './export';
import { MIME, xlsxCell, type Cell } from './write-file';

/**
 * Downloadable XLSX templates: the columns the importer expects (our own labels, so
 * they map without thinking), prefilled with what the district should not have to type
 * — one row per ward of the district with its GSO code and the date, or the district's
 * facilities — plus a sheet listing every unit and code, and whole-number validation on
 * the number cells so Excel refuses "12,5" or "-3" at typing time.
 */
const TITLE_ROWS = 2;

interface TemplateSpec {
  keys: string[];
  rows: Cell[][];
  /** Columns (keys) the district fills in. */
  input: string[];
  note: string;
}

const REPORT_VALUE_KEYS = (kind: 'caseReports' | 'vaccinations') => KIND_COLUMNS[kind].filter((c) => !c.helper && c.type === 'count').map((c) => c.key);

function reportTemplate(store: Store, kind: 'caseReports' | 'vaccinations', districtCode: string | undefined, date: string): TemplateSpec {
  const names = new UnitNames(store);
  const districts = districtCode ? [names.get(districtCode)!] : names.all().filter((u) => u.level === 'district').sort((a, b) => a.code.localeCompare(b.code));
  const rows: Cell[][] = [];
  for (const d of districts) for (const w of names.wardsOf(d.code)) rows.push([{ day: date }, w.code, d.fullName, w.fullName]);
  const values = REPORT_VALUE_KEYS(kind);
  return {
    keys: ['date', 'unitCode', 'district', 'ward', ...values],
    rows,
    input: values,
    note: 'Điền số liệu vào các cột màu vàng (số nguyên, không âm; để trống phường chưa có số liệu). Không sửa cột Mã phường/xã.',
  };
}

function statusTemplate(store: Store, districtCode: string | undefined, date: string): TemplateSpec {
  const names = new UnitNames(store);
  const rows: Cell[][] = store
    .list('facility', { active: true }, { orderBy: [['tier', 'asc'], ['name', 'asc']] })
    .filter((f) => !districtCode || names.district(f.unitCode)?.code === districtCode)
    .map((f) => [f.id, f.name, names.district(f.unitCode)?.fullName ?? '', { localDateTime: `${date}T17:00` }]);
  const counts = KIND_COLUMNS.facilityStatus.filter((c) => c.type === 'count' || c.type === 'optionalCount').map((c) => c.key);
  return {
    keys: ['facilityId', 'facility', 'district', 'reportedAt', ...counts],
    rows,
    input: counts,
    note: 'Mỗi dòng là một cơ sở; điền số liệu lúc báo cáo (giờ Hà Nội). Không sửa cột Mã cơ sở.',
  };
}

function facilitiesTemplate(store: Store, districtCode: string | undefined): TemplateSpec {
  return {
    keys: FACILITY_EXPORT_KEYS,
    rows: facilityRows(store, { districtCode }),
    input: FACILITY_EXPORT_KEYS.filter((k) => k !== 'id'),
    note: 'Sửa trực tiếp các dòng có sẵn; thêm cơ sở mới ở cuối (để trống cột Mã cơ sở). Loại cơ sở, tầng: xem trang "Danh mục".',
  };
}

function tasksTemplate(): TemplateSpec {
  const keys = KIND_COLUMNS.tasks.map((c) => c.key);
  return {
    keys,
    rows: [],
    input: keys.filter((k) => k !== 'id'),
    note: 'Mỗi dòng một nhiệm vụ. Loại, mức ưu tiên, trạng thái: xem trang "Danh mục". Cập nhật nhiệm vụ có sẵn: giữ cột Mã nhiệm vụ.',
  };
}

const FILL_INPUT: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF4C2' } };
const FILL_HEADER: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3E8EF' } };

export async function buildTemplate(store: Store, kind: ImportKind, districtCode: string | undefined, dateIn: string | undefined) {
  const date = dateIn ?? hanoiToday(store.clock());
  const spec =
    kind === 'caseReports' || kind === 'vaccinations'
      ? reportTemplate(store, kind, districtCode, date)
      : kind === 'facilityStatus'
        ? statusTemplate(store, districtCode, date)
        : kind === 'facilities'
          ? facilitiesTemplate(store, districtCode)
          : tasksTemplate();
  const cols = spec.keys.map((k) => KIND_COLUMNS[kind].find((c) => c.key === k)!);
  const names = new UnitNames(store);
  const district = districtCode ? names.get(districtCode) : undefined;

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sa Bàn';
  const ws = wb.addWorksheet('Số liệu', { views: [{ state: 'frozen', ySplit: TITLE_ROWS + 1, xSplit: kind === 'tasks' ? 0 : 2 }] });
  ws.getCell(1, 1).value = `MẪU ${KIND_LABELS[kind].vi.toUpperCase()}${district ? ` — ${district.fullName.toUpperCase()}` : ''}`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, Math.min(cols.length, 8));
  ws.getCell(2, 1).value = spec.note;
  ws.getCell(2, 1).font = { italic: true };
  ws.mergeCells(2, 1, 2, Math.min(cols.length, 12));
  const head = ws.getRow(TITLE_ROWS + 1);
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.label.vi;
    cell.font = { bold: true };
    cell.fill = FILL_HEADER;
    cell.alignment = { wrapText: true, vertical: 'middle' };
    ws.getColumn(i + 1).width = c.width ?? 14;
  });
  head.height = 45;
  const inputCols = new Set(spec.input);
  const blankRows = spec.rows.length === 0 ? 50 : 0;
  const total = spec.rows.length + blankRows;
  for (let r = 0; r < total; r++) {
    const values = spec.rows[r] ?? [];
    const row = ws.getRow(TITLE_ROWS + 2 + r);
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = values[i] ?? null;
      cell.value = xlsxCell(v);
      if (v !== null && typeof v === 'object') cell.numFmt = 'day' in v ? 'dd/mm/yyyy' : 'dd/mm/yyyy hh:mm';
      // Codes stay text ("00001"), never numbers that lose their leading zeros.
      if (c.type === 'unitCode' || c.type === 'id') cell.numFmt = '@';
      if (inputCols.has(c.key)) {
        if (spec.rows.length > 0 && kind !== 'facilities') cell.fill = FILL_INPUT;
        validate(cell, c);
      }
    });
  }
  addListsSheet(wb, names, kind);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const stem: Record<ImportKind, string> = {
    caseReports: 'mau-bao-cao-ca-mac',
    vaccinations: 'mau-tiem-chung',
    facilityStatus: 'mau-tinh-trang-co-so',
    facilities: 'mau-danh-muc-co-so',
    tasks: 'mau-nhiem-vu',
  };
  return {
    fileName: `${stem[kind]}${districtCode ? `_${districtCode}` : ''}_${date}.xlsx`,
    mimeType: MIME.xlsx,
    contentBase64: bytes.toString('base64'),
    rows: spec.rows.length,
  };
}

function validate(cell: ExcelJS.Cell, c: ColumnSpec) {
  if (c.type === 'count' || c.type === 'optionalCount') {
    cell.dataValidation = {
      type: 'whole',
      operator: 'greaterThanOrEqual',
      allowBlank: true,
      formulae: [0],
      showErrorMessage: true,
      errorTitle: 'Số không hợp lệ',
      error: 'Nhập số nguyên không âm (ví dụ 12).',
    };
  } else if (c.choices) {
    cell.dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.choices.map((x) => x.label.replace(/,/g, '')).join(',')}"`],
      showErrorMessage: false,
    };
  }
}

function addListsSheet(wb: ExcelJS.Workbook, names: UnitNames, kind: ImportKind) {
  const ws = wb.addWorksheet('Danh mục');
  ws.columns = [
    { header: 'Mã', width: 10 },
    { header: 'Quận/Huyện', width: 24 },
    { header: 'Phường/Xã', width: 28 },
    { header: 'Loại', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  const units = names.all().filter((u) => u.level !== 'province').sort((a, b) => a.code.localeCompare(b.code));
  for (const u of units) {
    const d = u.level === 'ward' ? names.get(u.parentCode) : u;
    const row = ws.addRow([u.code, d?.fullName ?? '', u.level === 'ward' ? u.fullName : '', u.level === 'ward' ? 'phường/xã' : 'quận/huyện']);
    row.getCell(1).numFmt = '@';
  }
  if (kind === 'facilities' || kind === 'tasks') {
    const lists =
      kind === 'facilities'
        ? [
            ['Loại cơ sở', FACILITY_KIND_CHOICES],
            ['Tầng điều trị', TIER_CHOICES],
          ]
        : [
            ['Loại', TASK_KIND_CHOICES],
            ['Mức ưu tiên', TASK_PRIORITY_CHOICES],
            ['Trạng thái', TASK_STATUS_CHOICES],
          ];
    let col = 6;
    for (const [title, choices] of lists as [string, { label: string }[]][]) {
      ws.getCell(1, col).value = title;
      ws.getCell(1, col).font = { bold: true };
      choices.forEach((c, i) => (ws.getCell(i + 2, col).value = c.label));
      ws.getColumn(col).width = 26;
      col++;
    }
  }
}
