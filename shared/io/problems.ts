/**
 * Problems found in a file or in typed values: every one names the row, the column (as
 * written in the file) and the field, with a stable code so each language can word it.
 * `error` blocks the import (nothing is written); `warning` is shown but does not block.
 */
export type ProblemCode =
  | 'required'
  | 'not_number'
  | 'not_integer'
  | 'negative'
  | 'bad_date'
  | 'future_date'
  | 'too_old'
  | 'unknown_unit'
  | 'ambiguous_unit'
  | 'unit_mismatch'
  | 'not_ward'
  | 'part_exceeds_total'
  | 'sum_mismatch'
  | 'duplicate_conflict'
  | 'out_of_scope'
  | 'bad_choice'
  | 'too_long'
  | 'missing_column'
  | 'unknown_facility'
  | 'ambiguous_facility'
  | 'unknown_directive'
  | 'unknown_id'
  | 'bad_coordinate'
  | 'no_header'
  | 'no_rows'
  | 'encoding'
  | 'bad_file'
  | 'too_many_rows'
  | 'overload'
  | 'split_assumed';

export type Severity = 'error' | 'warning';

export type ProblemParams = {
  value?: string;
  /** For part ≤ total rules: labels of the part and total, and their values. */
  part?: string;
  total?: string;
  partValue?: number;
  totalValue?: number;
  max?: number | string;
  min?: string;
  /** Nearest names for an unknown unit or facility. */
  suggestions?: string[];
  /** Another row of the file (duplicates). */
  other?: number;
  choices?: string[];
  encoding?: string;
  detail?: string;
};

export interface Problem {
  /** Row number as the spreadsheet shows it (1-based); null for a file-level problem. */
  row: number | null;
  /** Column header as written in the file (or the field's label when the column is missing). */
  column: string | null;
  /** Domain field the value was meant for (e.g. "needOxygen"), null for the row's unit/key. */
  field: string | null;
  code: ProblemCode;
  severity: Severity;
  /** Vietnamese wording (the API's default language); the renderer may re-word by code. */
  reason: string;
  params?: ProblemParams;
}

type Lang = 'vi' | 'en';
const list = (xs: string[] | undefined) => (xs && xs.length ? xs.join(', ') : '');

const TEXT: Record<ProblemCode, Record<Lang, (p: ProblemParams) => string>> = {
  required: { vi: () => 'thiếu giá trị', en: () => 'value missing' },
  not_number: { vi: (p) => `"${p.value}" không phải là số`, en: (p) => `"${p.value}" is not a number` },
  not_integer: { vi: (p) => `"${p.value}" phải là số nguyên`, en: (p) => `"${p.value}" must be a whole number` },
  negative: { vi: (p) => `"${p.value}" không được âm`, en: (p) => `"${p.value}" must not be negative` },
  bad_date: {
    vi: (p) => `"${p.value}" không phải ngày hợp lệ (cần dd/MM/yyyy)`,
    en: (p) => `"${p.value}" is not a valid date (expected dd/MM/yyyy)`,
  },
  future_date: { vi: (p) => `ngày ${p.value} ở tương lai`, en: (p) => `date ${p.value} is in the future` },
  too_old: { vi: (p) => `ngày ${p.value} trước ${p.min}`, en: (p) => `date ${p.value} is before ${p.min}` },
  unknown_unit: {
    vi: (p) => `không tìm thấy đơn vị "${p.value}"${p.suggestions?.length ? ` — có phải: ${list(p.suggestions)}?` : ''}`,
    en: (p) => `unknown unit "${p.value}"${p.suggestions?.length ? ` — did you mean: ${list(p.suggestions)}?` : ''}`,
  },
  ambiguous_unit: {
    vi: (p) => `"${p.value}" trùng tên nhiều đơn vị: ${list(p.suggestions)} — hãy ghi mã hoặc quận/huyện`,
    en: (p) => `"${p.value}" matches several units: ${list(p.suggestions)} — give the code or the district`,
  },
  unit_mismatch: {
    vi: (p) => `mã và tên đơn vị không khớp: ${p.detail}`,
    en: (p) => `unit code and name disagree: ${p.detail}`,
  },
  not_ward: {
    vi: (p) => `"${p.value}" không phải phường/xã (số liệu nhập theo phường, xã)`,
    en: (p) => `"${p.value}" is not a ward (reports are entered per ward)`,
  },
  part_exceeds_total: {
    vi: (p) => `${p.part} (${p.partValue}) lớn hơn ${p.total} (${p.totalValue})`,
    en: (p) => `${p.part} (${p.partValue}) exceeds ${p.total} (${p.totalValue})`,
  },
  sum_mismatch: {
    vi: (p) => `${p.part} = ${p.partValue} không bằng ${p.total} = ${p.totalValue}`,
    en: (p) => `${p.part} = ${p.partValue} does not equal ${p.total} = ${p.totalValue}`,
  },
  duplicate_conflict: {
    vi: (p) => `trùng đơn vị và ngày với dòng ${p.other} nhưng số liệu khác`,
    en: (p) => `same unit and date as row ${p.other} with different values`,
  },
  out_of_scope: {
    vi: (p) => `đơn vị ${p.value} nằm ngoài phạm vi được giao`,
    en: (p) => `unit ${p.value} is outside your districts`,
  },
  bad_choice: {
    vi: (p) => `"${p.value}" không hợp lệ — dùng một trong: ${list(p.choices)}`,
    en: (p) => `"${p.value}" is not allowed — use one of: ${list(p.choices)}`,
  },
  too_long: { vi: (p) => `dài quá ${p.max} ký tự`, en: (p) => `longer than ${p.max} characters` },
  missing_column: {
    vi: (p) => `tệp thiếu cột ${p.value}`,
    en: (p) => `the file has no ${p.value} column`,
  },
  unknown_facility: {
    vi: (p) => `không tìm thấy cơ sở "${p.value}"${p.suggestions?.length ? ` — có phải: ${list(p.suggestions)}?` : ''}`,
    en: (p) => `unknown facility "${p.value}"${p.suggestions?.length ? ` — did you mean: ${list(p.suggestions)}?` : ''}`,
  },
  ambiguous_facility: {
    vi: (p) => `"${p.value}" trùng tên nhiều cơ sở — hãy ghi mã cơ sở hoặc quận/huyện`,
    en: (p) => `"${p.value}" matches several facilities — give the facility id or the district`,
  },
  unknown_id: { vi: (p) => `không tìm thấy mã "${p.value}" trong dữ liệu hiện có`, en: (p) => `no existing record has id "${p.value}"` },
  unknown_directive: { vi: (p) => `không tìm thấy văn bản "${p.value}"`, en: (p) => `unknown directive "${p.value}"` },
  bad_coordinate: { vi: (p) => `tọa độ "${p.value}" không hợp lệ`, en: (p) => `invalid coordinate "${p.value}"` },
  no_header: {
    vi: () => 'không tìm thấy dòng tiêu đề (cần ít nhất hai cột nhận ra được, ví dụ "Ngày", "Phường/Xã")',
    en: () => 'no header row found (at least two recognisable columns are needed, e.g. "Ngày", "Phường/Xã")',
  },
  no_rows: { vi: () => 'tệp không có dòng số liệu nào', en: () => 'the file has no data rows' },
  encoding: {
    vi: (p) => `bảng mã ${p.encoding}: ${p.detail}`,
    en: (p) => `encoding ${p.encoding}: ${p.detail}`,
  },
  bad_file: { vi: (p) => `không đọc được tệp: ${p.detail}`, en: (p) => `cannot read the file: ${p.detail}` },
  too_many_rows: {
    vi: (p) => `tệp có quá ${p.max} dòng`,
    en: (p) => `the file has more than ${p.max} rows`,
  },
  overload: {
    vi: (p) => `${p.part} (${p.partValue}) vượt ${p.total} (${p.totalValue}) — quá tải?`,
    en: (p) => `${p.part} (${p.partValue}) exceeds ${p.total} (${p.totalValue}) — overloaded?`,
  },
  split_assumed: {
    vi: (p) => `tệp chỉ có ${p.total}; toàn bộ được tính là ${p.part}`,
    en: (p) => `the file only has ${p.total}; all of it is counted as ${p.part}`,
  },
};

export function problemText(code: ProblemCode, params: ProblemParams = {}, lang: Lang = 'vi'): string {
  return TEXT[code][lang](params);
}

export function problem(
  row: number | null,
  column: string | null,
  field: string | null,
  code: ProblemCode,
  params: ProblemParams = {},
  severity: Severity = 'error',
): Problem {
  return { row, column, field, code, severity, reason: problemText(code, params, 'vi'), params };
}
