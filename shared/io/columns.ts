import { fold } from './text';

/**
 * What each importable report looks like as a spreadsheet: its columns, their
 * Vietnamese header (used by templates and exports, so our own files import cleanly)
 * and the other ways districts write that header. One source of truth for import
 * mapping, templates, exports and the entry grid's column labels.
 */
export const IMPORT_KINDS = ['caseReports', 'vaccinations', 'facilityStatus', 'facilities', 'tasks'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ColumnType =
  | 'count' // whole number ≥ 0
  | 'optionalCount' // whole number ≥ 0 or blank (null)
  | 'date'
  | 'instant'
  | 'unitCode'
  | 'district'
  | 'ward'
  | 'text'
  | 'choice'
  | 'bool'
  | 'decimal'
  | 'id';

export interface Choice {
  value: string | number;
  label: string;
  synonyms: string[];
}

export interface ColumnSpec {
  key: string;
  type: ColumnType;
  label: { vi: string; en: string };
  /** Other spellings of the header (as people write them; folded when matching). */
  synonyms: string[];
  /** Helper columns exist only to find the row's unit/facility/total; they are not stored as such. */
  helper?: boolean;
  choices?: Choice[];
  maxLength?: number;
  /** Column width in templates and exports (characters). */
  width?: number;
}

const L = (vi: string, en: string) => ({ vi, en });

const unitColumns = (wardLevel: boolean): ColumnSpec[] => [
  {
    key: 'unitCode',
    type: 'unitCode',
    label: wardLevel ? L('Mã phường/xã', 'Ward code') : L('Mã đơn vị', 'Unit code'),
    synonyms: ['mã đơn vị', 'mã', 'mã đvhc', 'mã gso', 'mã xã', 'mã phường', 'mã phường xã', 'mã hành chính', 'unit code', 'code', 'ward code'],
    helper: true,
    width: 12,
  },
  {
    key: 'district',
    type: 'district',
    label: L('Quận/Huyện', 'District'),
    synonyms: ['quận', 'huyện', 'quận huyện', 'quận huyện thị xã', 'tên quận huyện', 'district', 'đơn vị cấp huyện'],
    helper: true,
    width: 18,
  },
  {
    key: 'ward',
    type: 'ward',
    label: L('Phường/Xã', 'Ward'),
    synonyms: ['phường', 'xã', 'phường xã thị trấn', 'tên phường xã', 'ward', 'commune', 'tên đơn vị', 'đơn vị', 'địa phương'],
    helper: true,
    width: 22,
  },
];

const dateColumn: ColumnSpec = {
  key: 'date',
  type: 'date',
  label: L('Ngày', 'Date'),
  synonyms: ['ngày báo cáo', 'ngày số liệu', 'ngày tháng', 'date', 'day'],
  width: 12,
};

const count = (key: string, vi: string, en: string, synonyms: string[], width = 14): ColumnSpec => ({
  key,
  type: 'count',
  label: L(vi, en),
  synonyms: [en.toLowerCase(), ...synonyms],
  width,
});

export const CASE_REPORT_COLUMNS: ColumnSpec[] = [
  dateColumn,
  ...unitColumns(true),
  {
    ...count('newTotal', 'Tổng số ca mắc mới', 'New cases (total)', ['số ca mắc mới', 'ca mắc mới', 'ca mới', 'số ca mới', 'tổng ca mắc mới', 'new cases', 'mắc mới']),
    helper: true,
  },
  count('newCommunity', 'Ca mắc mới tại cộng đồng', 'New cases, community', [
    'cộng đồng',
    'tại cộng đồng',
    'ca cộng đồng',
    'ca mắc mới cộng đồng',
    'số ca mắc mới tại cộng đồng',
    'mới cộng đồng',
    'phát hiện tại cộng đồng',
  ]),
  count('newQuarantined', 'Ca mắc mới trong khu cách ly, phong tỏa', 'New cases, quarantined', [
    'trong khu cách ly',
    'khu cách ly',
    'khu phong tỏa',
    'đã cách ly',
    'trong khu cách ly phong tỏa',
    'ca mắc mới trong khu cách ly',
    'số ca mắc mới trong khu cách ly',
    'trong khu phong tỏa',
  ]),
  {
    ...count('f0Total', 'Tổng F0 đang điều trị', 'Active F0 (total)', ['f0 đang điều trị', 'tổng số f0 đang điều trị', 'đang điều trị', 'f0 hiện đang điều trị', 'tổng f0']),
    helper: true,
  },
  count('f0Home', 'F0 điều trị tại nhà', 'F0 treated at home', [
    'f0 tại nhà',
    'điều trị tại nhà',
    'tại nhà',
    'f0 điều trị tại nhà',
    'f0 cách ly điều trị tại nhà',
    'f0 home',
  ]),
  count('f0Facility', 'F0 điều trị tại cơ sở', 'F0 in facilities', [
    'f0 tại cơ sở',
    'điều trị tại cơ sở',
    'tại cơ sở',
    'tại cơ sở y tế',
    'f0 tại bệnh viện',
    'tại bệnh viện',
    'f0 facility',
  ]),
  count('f1HomeQuarantine', 'F1 cách ly tại nhà', 'F1 quarantined at home', ['f1 tại nhà', 'f1 cách ly y tế tại nhà', 'f1', 'số f1 cách ly tại nhà']),
  count('needOxygen', 'Bệnh nhân phải thở ô xy', 'Patients needing oxygen', [
    'thở oxy',
    'thở ô xy',
    'bệnh nhân thở oxy',
    'phải thở oxy',
    'oxy',
    'ô xy',
    'need oxygen',
  ]),
  count('recovered', 'Khỏi bệnh', 'Recovered', ['khỏi', 'số ca khỏi', 'khỏi bệnh ra viện', 'hoàn thành điều trị', 'ra viện']),
  count('deaths', 'Tử vong', 'Deaths', ['số ca tử vong', 'ca tử vong', 'deaths', 'tử vong']),
  count('tests', 'Số xét nghiệm', 'Tests', ['xét nghiệm', 'số mẫu xét nghiệm', 'số lượt xét nghiệm', 'xn', 'số xn']),
];

export const VACCINATION_COLUMNS: ColumnSpec[] = [
  dateColumn,
  ...unitColumns(true),
  count('adultDose1', 'Mũi 1 (từ 18 tuổi)', 'Dose 1 (18+)', ['mũi 1 18 tuổi', 'mũi 1 người lớn', 'người lớn mũi 1', '18 tuổi mũi 1', 'mũi 1']),
  count('adultDose2', 'Mũi 2 (từ 18 tuổi)', 'Dose 2 (18+)', ['mũi 2 18 tuổi', 'mũi 2 người lớn', 'người lớn mũi 2', '18 tuổi mũi 2', 'mũi 2']),
  count('adultBooster', 'Mũi nhắc lại (từ 18 tuổi)', 'Booster (18+)', ['mũi nhắc lại', 'nhắc lại', 'mũi 3', 'mũi bổ sung', 'booster']),
  count('seniorDose2', 'Mũi 2 (từ 50 tuổi)', 'Dose 2 (50+)', ['mũi 2 50 tuổi', '50 tuổi mũi 2', 'người cao tuổi mũi 2']),
  count('teenDose1', 'Mũi 1 (12–17 tuổi)', 'Dose 1 (12–17)', ['mũi 1 12 17 tuổi', '12 17 tuổi mũi 1', 'trẻ 12 17 mũi 1']),
  count('teenDose2', 'Mũi 2 (12–17 tuổi)', 'Dose 2 (12–17)', ['mũi 2 12 17 tuổi', '12 17 tuổi mũi 2', 'trẻ 12 17 mũi 2']),
  count('childDose1', 'Mũi 1 (5–11 tuổi)', 'Dose 1 (5–11)', ['mũi 1 5 11 tuổi', '5 11 tuổi mũi 1', 'trẻ 5 11 mũi 1']),
  count('childDose2', 'Mũi 2 (5–11 tuổi)', 'Dose 2 (5–11)', ['mũi 2 5 11 tuổi', '5 11 tuổi mũi 2', 'trẻ 5 11 mũi 2']),
];

const facilityIdColumn: ColumnSpec = {
  key: 'id',
  type: 'id',
  label: L('Mã cơ sở', 'Facility id'),
  synonyms: ['mã cơ sở điều trị', 'id', 'facility id'],
  width: 38,
};
const facilityNameColumn: ColumnSpec = {
  key: 'name',
  type: 'text',
  label: L('Tên cơ sở', 'Facility'),
  synonyms: ['cơ sở điều trị', 'tên cơ sở điều trị', 'tên bệnh viện', 'bệnh viện', 'cơ sở', 'facility', 'name'],
  maxLength: 200,
  width: 40,
};

export const FACILITY_STATUS_COLUMNS: ColumnSpec[] = [
  { ...facilityIdColumn, key: 'facilityId', helper: true },
  { ...facilityNameColumn, key: 'facility', helper: true },
  { ...unitColumns(false)[1]!, synonyms: unitColumns(false)[1]!.synonyms },
  {
    key: 'reportedAt',
    type: 'instant',
    label: L('Thời điểm báo cáo', 'Reported at'),
    synonyms: ['ngày', 'ngày báo cáo', 'ngày giờ', 'thời gian', 'thời điểm', 'reported at', 'date'],
    width: 18,
  },
  count('bedsOccupied', 'Giường đang sử dụng', 'Beds occupied', ['số giường đang sử dụng', 'bệnh nhân đang điều trị', 'đang điều trị', 'giường có bệnh nhân']),
  count('icuOccupied', 'Giường hồi sức đang sử dụng', 'ICU beds occupied', ['hồi sức tích cực đang sử dụng', 'icu đang sử dụng', 'bệnh nhân hồi sức', 'hstc đang sử dụng']),
  count('oxygenInUse', 'Đầu ô xy đang sử dụng', 'Oxygen outlets in use', ['đầu oxy đang sử dụng', 'bệnh nhân thở oxy', 'thở oxy', 'oxy đang dùng']),
  count('ventilatorsInUse', 'Máy thở đang sử dụng', 'Ventilators in use', ['bệnh nhân thở máy', 'thở máy', 'máy thở đang dùng']),
  count('admissions', 'Tiếp nhận mới', 'Admissions', ['nhập viện', 'tiếp nhận', 'số bệnh nhân vào', 'bệnh nhân mới']),
  count('discharges', 'Ra viện', 'Discharges', ['xuất viện', 'khỏi ra viện']),
  count('transfersUp', 'Chuyển tuyến trên', 'Transfers up', ['chuyển lên tuyến trên', 'chuyển lên']),
  count('transfersDown', 'Chuyển tuyến dưới', 'Transfers down', ['chuyển xuống tuyến dưới', 'chuyển xuống', 'chuyển về tuyến dưới']),
  count('deaths', 'Tử vong', 'Deaths', ['số ca tử vong', 'ca tử vong']),
  {
    ...count('homeF0Followed', 'F0 tại nhà đang theo dõi', 'Home F0 followed', ['theo dõi f0 tại nhà', 'f0 tại nhà', 'số f0 tại nhà đang theo dõi']),
    type: 'optionalCount',
  },
];

export const FACILITY_KIND_CHOICES: Choice[] = [
  { value: 'hospital', label: 'Bệnh viện', synonyms: ['bv', 'hospital'] },
  { value: 'treatment_facility', label: 'Cơ sở thu dung, điều trị', synonyms: ['cơ sở thu dung', 'thu dung', 'cơ sở điều trị', 'cơ sở thu dung điều trị covid'] },
  { value: 'mobile_station', label: 'Trạm y tế lưu động', synonyms: ['trạm lưu động', 'lưu động', 'tyt lưu động'] },
  { value: 'ward_health_station', label: 'Trạm y tế phường, xã', synonyms: ['trạm y tế', 'tyt', 'trạm y tế xã', 'trạm y tế phường'] },
  { value: 'field_hospital', label: 'Bệnh viện dã chiến', synonyms: ['dã chiến', 'bv dã chiến'] },
];
export const TIER_CHOICES: Choice[] = [1, 2, 3].map((n) => ({ value: n, label: `Tầng ${n}`, synonyms: [String(n), `tầng ${n}`, `tier ${n}`] }));

export const FACILITY_COLUMNS: ColumnSpec[] = [
  { ...facilityIdColumn, helper: true },
  facilityNameColumn,
  { key: 'kind', type: 'choice', label: L('Loại cơ sở', 'Kind'), synonyms: ['loại', 'loại hình', 'kind'], choices: FACILITY_KIND_CHOICES, width: 24 },
  { key: 'tier', type: 'choice', label: L('Tầng điều trị', 'Tier'), synonyms: ['tầng', 'tier'], choices: TIER_CHOICES, width: 10 },
  ...unitColumns(false),
  { key: 'atIndustrialPark', type: 'bool', label: L('Tại KCN', 'At industrial park'), synonyms: ['khu công nghiệp', 'kcn', 'industrial park'], width: 10 },
  { key: 'lon', type: 'decimal', label: L('Kinh độ', 'Longitude'), synonyms: ['lon', 'lng', 'longitude'], width: 12 },
  { key: 'lat', type: 'decimal', label: L('Vĩ độ', 'Latitude'), synonyms: ['lat', 'latitude'], width: 12 },
  count('beds', 'Số giường', 'Beds', ['giường', 'tổng số giường', 'quy mô giường', 'giường bệnh']),
  count('icuBeds', 'Giường hồi sức', 'ICU beds', ['giường hồi sức tích cực', 'giường hstc', 'giường icu']),
  count('oxygenOutlets', 'Đầu ô xy', 'Oxygen outlets', ['đầu oxy', 'số đầu oxy']),
  count('ventilators', 'Máy thở', 'Ventilators', ['số máy thở']),
  {
    ...count('homeF0Capacity', 'Khả năng theo dõi F0 tại nhà', 'Home F0 capacity', ['công suất theo dõi f0 tại nhà', 'theo dõi f0 tại nhà']),
    type: 'optionalCount',
  },
  { key: 'osmId', type: 'text', label: L('Mã OSM', 'OSM id'), synonyms: ['osm', 'osm id'], maxLength: 40, width: 16 },
  { key: 'active', type: 'bool', label: L('Đang hoạt động', 'Active'), synonyms: ['hoạt động', 'trạng thái hoạt động', 'active'], width: 10 },
  { key: 'note', type: 'text', label: L('Ghi chú', 'Note'), synonyms: ['note'], maxLength: 2000, width: 30 },
];

export const TASK_KIND_CHOICES: Choice[] = [
  { value: 'task', label: 'Nhiệm vụ', synonyms: ['task', 'công việc'] },
  { value: 'inspection', label: 'Đoàn kiểm tra', synonyms: ['kiểm tra', 'inspection'] },
];
export const TASK_PRIORITY_CHOICES: Choice[] = [
  { value: 'low', label: 'Thấp', synonyms: ['low'] },
  { value: 'normal', label: 'Bình thường', synonyms: ['thường', 'trung bình', 'normal'] },
  { value: 'high', label: 'Cao', synonyms: ['quan trọng', 'high'] },
  { value: 'urgent', label: 'Khẩn', synonyms: ['khẩn cấp', 'hỏa tốc', 'gấp', 'urgent'] },
];
export const TASK_STATUS_CHOICES: Choice[] = [
  { value: 'open', label: 'Mới', synonyms: ['chưa thực hiện', 'chưa bắt đầu', 'open'] },
  { value: 'in_progress', label: 'Đang thực hiện', synonyms: ['đang làm', 'đang triển khai', 'in progress'] },
  { value: 'blocked', label: 'Vướng mắc', synonyms: ['tạm dừng', 'khó khăn', 'blocked'] },
  { value: 'done', label: 'Hoàn thành', synonyms: ['đã hoàn thành', 'xong', 'done'] },
  { value: 'cancelled', label: 'Hủy', synonyms: ['đã hủy', 'bãi bỏ', 'cancelled'] },
];

export const TASK_COLUMNS: ColumnSpec[] = [
  { key: 'id', type: 'id', label: L('Mã nhiệm vụ', 'Task id'), synonyms: ['id', 'task id'], helper: true, width: 38 },
  {
    key: 'title',
    type: 'text',
    label: L('Nhiệm vụ', 'Task'),
    synonyms: ['tên nhiệm vụ', 'nội dung nhiệm vụ', 'nội dung', 'công việc', 'title'],
    maxLength: 300,
    width: 50,
  },
  { key: 'kind', type: 'choice', label: L('Loại', 'Kind'), synonyms: ['loại nhiệm vụ', 'kind'], choices: TASK_KIND_CHOICES, width: 14 },
  { key: 'description', type: 'text', label: L('Mô tả', 'Description'), synonyms: ['chi tiết', 'description'], maxLength: 5000, width: 40 },
  {
    key: 'directive',
    type: 'text',
    label: L('Văn bản chỉ đạo', 'Directive'),
    synonyms: ['văn bản', 'số văn bản', 'kế hoạch', 'chỉ đạo', 'directive'],
    helper: true,
    width: 16,
  },
  { key: 'groupKey', type: 'text', label: L('Nhóm', 'Group'), synonyms: ['nhóm nhiệm vụ', 'mục', 'group'], maxLength: 20, width: 8 },
  {
    key: 'assigneeOrg',
    type: 'text',
    label: L('Đơn vị chủ trì', 'Assignee'),
    synonyms: ['đơn vị thực hiện', 'cơ quan chủ trì', 'đơn vị được giao', 'đơn vị phụ trách', 'assignee'],
    maxLength: 200,
    width: 30,
  },
  {
    key: 'assigneeUnitCode',
    type: 'unitCode',
    label: L('Mã đơn vị được giao', 'Assignee unit code'),
    synonyms: ['mã đơn vị chủ trì', 'assignee unit code'],
    helper: true,
    width: 12,
  },
  { key: 'headName', type: 'text', label: L('Người chịu trách nhiệm', 'Responsible'), synonyms: ['người phụ trách', 'trưởng đoàn', 'họ tên'], maxLength: 120, width: 24 },
  { key: 'headPosition', type: 'text', label: L('Chức vụ', 'Position'), synonyms: ['position'], maxLength: 120, width: 20 },
  { key: 'priority', type: 'choice', label: L('Mức ưu tiên', 'Priority'), synonyms: ['ưu tiên', 'mức độ', 'priority'], choices: TASK_PRIORITY_CHOICES, width: 12 },
  { key: 'status', type: 'choice', label: L('Trạng thái', 'Status'), synonyms: ['tình trạng', 'tiến độ', 'status'], choices: TASK_STATUS_CHOICES, width: 16 },
  { key: 'dueDate', type: 'date', label: L('Hạn xử lý', 'Due date'), synonyms: ['hạn', 'thời hạn', 'hạn hoàn thành', 'deadline', 'due date'], width: 12 },
  { key: 'findings', type: 'text', label: L('Kết quả kiểm tra', 'Findings'), synonyms: ['phát hiện', 'kết luận', 'findings'], maxLength: 5000, width: 30 },
];

export const KIND_COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  caseReports: CASE_REPORT_COLUMNS,
  vaccinations: VACCINATION_COLUMNS,
  facilityStatus: FACILITY_STATUS_COLUMNS,
  facilities: FACILITY_COLUMNS,
  tasks: TASK_COLUMNS,
};

export const KIND_LABELS: Record<ImportKind, { vi: string; en: string }> = {
  caseReports: L('Báo cáo ca mắc', 'Case reports'),
  vaccinations: L('Tiêm chủng', 'Vaccination'),
  facilityStatus: L('Tình trạng cơ sở điều trị', 'Facility status'),
  facilities: L('Danh mục cơ sở điều trị', 'Facility registry'),
  tasks: L('Nhiệm vụ', 'Tasks'),
};

export function columnSpec(kind: ImportKind, key: string): ColumnSpec | undefined {
  return KIND_COLUMNS[kind].find((c) => c.key === key);
}

/** Resolve a choice cell ("Tầng 2", "bệnh viện", "hospital") to its value. */
export function matchChoice(choices: Choice[], text: string): Choice['value'] | undefined {
  const f = fold(text);
  if (!f) return undefined;
  for (const c of choices) {
    if (fold(String(c.value)) === f || fold(c.label) === f || c.synonyms.some((s) => fold(s) === f)) return c.value;
  }
  return undefined;
}
