import type { AdminUnit, Facility, Task } from '../../../shared/domain';
import { hanoiToday } from '../../../shared/format';
import {
  FACILITY_KIND_CHOICES,
  KIND_COLUMNS,
  TASK_KIND_CHOICES,
  TASK_PRIORITY_CHOICES,
  TASK_STATUS_CHOICES,
  type Choice,
  type ImportKind,
} from '../../../shared/io';
import { ENTITIES, type Store } from '../store';
import { MIME, toCsv, toXlsx, type Cell, type SheetData } from './write-file';

/**
 * Table exports. Headers are the import labels (shared/io/columns.ts), so an exported
 * file is also a valid import file: edit it in Excel and import it back.
 */
export type ExportTable = 'caseReports' | 'vaccinations' | 'facilities' | 'facilityStatus' | 'tasks';

export interface ExportFilter {
  from?: string;
  to?: string;
  districtCode?: string;
}

const header = (kind: ImportKind, key: string) => KIND_COLUMNS[kind].find((c) => c.key === key)!;
const sheetOf = (kind: ImportKind, name: string, keys: string[], rows: Cell[][]): SheetData => ({
  name,
  headers: keys.map((k) => header(kind, k).label.vi),
  widths: keys.map((k) => header(kind, k).width ?? 14),
  rows,
});
const choiceLabel = (choices: Choice[], v: unknown) => choices.find((c) => c.value === v)?.label ?? String(v ?? '');
const yesNo = (b: boolean) => (b ? 'có' : 'không');

export class UnitNames {
  private readonly byCode: Map<string, AdminUnit>;
  constructor(store: Store) {
    this.byCode = new Map(store.list('adminUnit', {}).map((u) => [u.code, u]));
  }
  get(code: string | null | undefined) {
    return code ? this.byCode.get(code) : undefined;
  }
  district(code: string): AdminUnit | undefined {
    const u = this.byCode.get(code);
    return u?.level === 'ward' ? this.byCode.get(u.parentCode ?? '') : u;
  }
  wardsOf(district: string): AdminUnit[] {
    return [...this.byCode.values()].filter((u) => u.level === 'ward' && u.parentCode === district).sort((a, b) => a.code.localeCompare(b.code));
  }
  all(): AdminUnit[] {
    return [...this.byCode.values()];
  }
}

function reportSheet(store: Store, kind: 'caseReports' | 'vaccinations', f: ExportFilter): SheetData {
  const entity = kind === 'caseReports' ? 'caseReport' : 'vaccination';
  const def = ENTITIES[entity];
  const fields = KIND_COLUMNS[kind].filter((c) => !c.helper && c.key !== 'date').map((c) => c.key);
  const names = new UnitNames(store);
  const conds = ['r._deleted = 0'];
  const params: string[] = [];
  if (f.from) {
    conds.push('r.date >= ?');
    params.push(f.from);
  }
  if (f.to) {
    conds.push('r.date <= ?');
    params.push(f.to);
  }
  if (f.districtCode) {
    conds.push('(r.unit_code = ? OR u.parent_code = ?)');
    params.push(f.districtCode, f.districtCode);
  }
  const cols = fields.map((k) => `r.${def.byField.get(k)!.column}`);
  const rows = store.db
    .prepare(
      `SELECT r.date, r.unit_code, ${cols.join(', ')} FROM ${def.table} r JOIN admin_units u ON u.code = r.unit_code
       WHERE ${conds.join(' AND ')} ORDER BY r.date, r.unit_code`,
    )
    .raw(true)
    .all(...params) as unknown[][];
  const out: Cell[][] = rows.map((r) => {
    const unit = names.get(r[1] as string);
    const district = names.district(r[1] as string);
    return [{ day: r[0] as string }, r[1] as string, district?.fullName ?? '', unit?.level === 'ward' ? unit.fullName : '', ...(r.slice(2) as number[])];
  });
  return sheetOf(kind, kind === 'caseReports' ? 'Báo cáo ca mắc' : 'Tiêm chủng', ['date', 'unitCode', 'district', 'ward', ...fields], out);
}

export function facilityRows(store: Store, f: ExportFilter, facilities: Facility[] = store.list('facility', {}, { orderBy: [['tier', 'asc'], ['name', 'asc']] })): Cell[][] {
  const names = new UnitNames(store);
  return facilities
    .filter((x) => !f.districtCode || names.district(x.unitCode)?.code === f.districtCode)
    .map((x) => {
      const unit = names.get(x.unitCode);
      return [
        x.id,
        x.name,
        choiceLabel(FACILITY_KIND_CHOICES, x.kind),
        x.tier,
        x.unitCode,
        names.district(x.unitCode)?.fullName ?? '',
        unit?.level === 'ward' ? unit.fullName : '',
        yesNo(x.atIndustrialPark),
        x.lon,
        x.lat,
        x.beds,
        x.icuBeds,
        x.oxygenOutlets,
        x.ventilators,
        x.homeF0Capacity,
        x.osmId,
        yesNo(x.active),
        x.note,
      ];
    });
}
export const FACILITY_EXPORT_KEYS = ['id', 'name', 'kind', 'tier', 'unitCode', 'district', 'ward', 'atIndustrialPark', 'lon', 'lat', 'beds', 'icuBeds', 'oxygenOutlets', 'ventilators', 'homeF0Capacity', 'osmId', 'active', 'note'];

/** Instant → Hà Nội local "YYYY-MM-DDTHH:mm" (what people read and type back). */
export const hanoiLocal = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 16);

const STATUS_KEYS = ['facilityId', 'facility', 'district', 'reportedAt', 'bedsOccupied', 'icuOccupied', 'oxygenInUse', 'ventilatorsInUse', 'admissions', 'discharges', 'transfersUp', 'transfersDown', 'deaths', 'homeF0Followed'];

function facilityStatusSheet(store: Store, f: ExportFilter): SheetData {
  const names = new UnitNames(store);
  const facilities = new Map(store.list('facility', {}).map((x) => [x.id, x]));
  const conds = ['_deleted = 0'];
  const params: string[] = [];
  // Dates are Hà Nội days: 17:00 local on `to` is 10:00Z; include the whole local day.
  if (f.from) {
    conds.push('reported_at >= ?');
    params.push(new Date(Date.parse(`${f.from}T00:00:00+07:00`)).toISOString());
  }
  if (f.to) {
    conds.push('reported_at < ?');
    params.push(new Date(Date.parse(`${f.to}T00:00:00+07:00`) + 86_400_000).toISOString());
  }
  const def = ENTITIES.facilityStatus;
  const rows = store.db
    .prepare(`SELECT ${def.columns.map((c) => c.column).join(', ')} FROM ${def.table} WHERE ${conds.join(' AND ')} ORDER BY reported_at, facility_id`)
    .all(...params) as Record<string, unknown>[];
  const out: Cell[][] = [];
  for (const r of rows) {
    const fac = facilities.get(r.facility_id as string);
    if (!fac) continue;
    const district = names.district(fac.unitCode);
    if (f.districtCode && district?.code !== f.districtCode) continue;
    out.push([
      fac.id,
      fac.name,
      district?.fullName ?? '',
      { localDateTime: hanoiLocal(r.reported_at as string) },
      ...(['beds_occupied', 'icu_occupied', 'oxygen_in_use', 'ventilators_in_use', 'admissions', 'discharges', 'transfers_up', 'transfers_down', 'deaths', 'home_f0_followed'].map((c) => r[c] as number | null)),
    ]);
  }
  return sheetOf('facilityStatus', 'Tình trạng cơ sở', STATUS_KEYS, out);
}

const TASK_KEYS = ['id', 'title', 'kind', 'description', 'directive', 'groupKey', 'assigneeOrg', 'assigneeUnitCode', 'headName', 'headPosition', 'priority', 'status', 'dueDate', 'findings'];

function taskSheet(store: Store, f: ExportFilter): SheetData {
  const names = new UnitNames(store);
  const directives = new Map(store.list('directive', {}).map((d) => [d.id, d.code]));
  const tasks: Task[] = store.list('task', {}, { orderBy: [['createdAt', 'asc']] });
  const rows: Cell[][] = tasks
    .filter((t) => !f.districtCode || (t.assigneeUnitCode && names.district(t.assigneeUnitCode)?.code === f.districtCode))
    .filter((t) => (!f.from || (t.dueDate ?? '9999') >= f.from) && (!f.to || (t.dueDate ?? '') <= f.to || !t.dueDate))
    .map((t) => [
      t.id,
      t.title,
      choiceLabel(TASK_KIND_CHOICES, t.kind),
      t.description,
      t.directiveId ? (directives.get(t.directiveId) ?? '') : '',
      t.groupKey,
      t.assigneeOrg,
      t.assigneeUnitCode,
      t.headName,
      t.headPosition,
      choiceLabel(TASK_PRIORITY_CHOICES, t.priority),
      choiceLabel(TASK_STATUS_CHOICES, t.status),
      t.dueDate ? { day: t.dueDate } : null,
      t.findings,
    ]);
  return sheetOf('tasks', 'Nhiệm vụ', TASK_KEYS, rows);
}

export function exportSheet(store: Store, table: ExportTable, f: ExportFilter): SheetData {
  switch (table) {
    case 'caseReports':
    case 'vaccinations':
      return reportSheet(store, table, f);
    case 'facilities':
      return sheetOf('facilities', 'Cơ sở điều trị', FACILITY_EXPORT_KEYS, facilityRows(store, f));
    case 'facilityStatus':
      return facilityStatusSheet(store, f);
    case 'tasks':
      return taskSheet(store, f);
  }
}

const FILE_STEM: Record<ExportTable, string> = {
  caseReports: 'bao-cao-ca-mac',
  vaccinations: 'tiem-chung',
  facilities: 'co-so-dieu-tri',
  facilityStatus: 'tinh-trang-co-so',
  tasks: 'nhiem-vu',
};

export async function exportTable(store: Store, table: ExportTable, format: 'csv' | 'xlsx', f: ExportFilter) {
  const sheet = exportSheet(store, table, f);
  const range = f.from || f.to ? `_${f.from ?? ''}_${f.to ?? ''}` : `_${hanoiToday(store.clock())}`;
  const fileName = `${FILE_STEM[table]}${f.districtCode ? `_${f.districtCode}` : ''}${range}.${format}`;
  const bytes = format === 'csv' ? toCsv(sheet) : await toXlsx([sheet]);
  return { fileName, mimeType: MIME[format], contentBase64: bytes.toString('base64'), rows: sheet.rows.length };
}
