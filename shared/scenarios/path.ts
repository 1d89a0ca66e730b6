import Papa from 'papaparse';
import { isValueError, parseCount } from '../io/values';
import { MAX_CASES_PER_DAY, MAX_HORIZON, type CasePath } from './schema';

/**
 * The daily new-case path of a scenario, and reading one from pasted text or a CSV file.
 */

/** New cases of days 1 … horizon. */
export function expandCasePath(path: CasePath, horizon: number): number[] {
  const out = new Array<number>(horizon);
  for (let d = 1; d <= horizon; d++) {
    switch (path.kind) {
      case 'constant':
        out[d - 1] = path.perDay;
        break;
      case 'ramp':
        // Linear from `from` on day 1 to `to` on day `days`, then held.
        out[d - 1] = path.days === 1 || d >= path.days ? path.to : path.from + ((path.to - path.from) * (d - 1)) / (path.days - 1);
        break;
      case 'series': {
        const v = path.values[d - 1];
        out[d - 1] = v !== undefined ? v : path.after === 'hold' ? path.values[path.values.length - 1]! : 0;
        break;
      }
    }
  }
  return out;
}

export interface CaseListProblem {
  /** 1-based line of the text (the header is line 1 when there is one). */
  line: number;
  value: string;
  message: string;
}
export interface ParsedCaseList {
  /** Column names when the text has a header row (else []). */
  columns: string[];
  /** The column read (index into columns, or 0). */
  column: number;
  values: number[];
  problems: CaseListProblem[];
}

const MESSAGES: Record<string, string> = {
  not_number: 'không phải là số',
  not_integer: 'số ca phải là số nguyên',
  negative: 'không được âm',
};

/**
 * Reads a daily new-case list: one number a line (a pasted column), numbers on one line
 * separated by spaces, tabs or semicolons, or a CSV/TSV table with a header, of which
 * `column` (index or header name; default: the last column whose first value is a number)
 * is taken. Numbers are counts as typed in Vietnam ("2.000" = 2000, see shared/io parseCount).
 * A blank line ends nothing: blanks are skipped. Every bad cell is reported with its line;
 * the caller must not use `values` while `problems` is not empty.
 */
export function parseCaseList(text: string, column?: number | string): ParsedCaseList {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { columns: [], column: 0, values: [], problems: [{ line: 1, value: '', message: 'chưa có số liệu' }] };
  const lines = trimmed.split(/\r?\n/);
  let rows: string[][];
  if (lines.length === 1) {
    // One line: "2000 2100 2300" or "2.000; 2.100". A comma is a separator only when followed by a space,
    // so "2,000" stays one number.
    rows = lines[0]!.split(/[;\t]|\s+|,\s+/).filter((c) => c.trim() !== '').map((c) => [c]);
  } else {
    const parsed = Papa.parse<string[]>(trimmed, { skipEmptyLines: false, delimitersToGuess: ['\t', ';', ','] });
    rows = parsed.data;
    // One column after all: a header of one field, or grouped numbers ("2,000") that a guessed
    // comma delimiter would split. Each line is then one cell.
    const oneField = (rows[0]?.length ?? 1) === 1;
    const grouped = parsed.meta.delimiter === ',' && lines.every((l) => /^\s*\d{1,3}(,\d{3})+\s*$|^\s*\d*\s*$/.test(l));
    if (oneField || grouped) rows = lines.map((l) => [l]);
  }
  const first = rows[0] ?? [];
  const hasHeader = lines.length > 1 && first.some((c) => c.trim() !== '' && isValueError(parseCount(c)));
  const columns = hasHeader ? first.map((c) => c.trim()) : [];
  const body = hasHeader ? rows.slice(1) : rows;
  let col: number;
  if (typeof column === 'string') col = columns.findIndex((c) => c.toLowerCase() === column.trim().toLowerCase());
  else if (typeof column === 'number') col = column;
  else {
    const sample = body.find((r) => r.some((c) => c.trim() !== '')) ?? [];
    col = Math.max(0, sample.map((c) => parseCount(c)).findLastIndex((v) => typeof v === 'number'));
  }
  const problems: CaseListProblem[] = [];
  if (col < 0 || (hasHeader && col >= columns.length)) {
    return { columns, column: 0, values: [], problems: [{ line: 1, value: String(column), message: 'không có cột này' }] };
  }
  const values: number[] = [];
  body.forEach((r, k) => {
    const line = lines.length === 1 ? 1 : k + (hasHeader ? 2 : 1);
    if (r.every((c) => c.trim() === '')) return;
    const cell = r[col] ?? '';
    const v = parseCount(cell);
    if (v === null) return;
    if (isValueError(v)) problems.push({ line, value: cell, message: MESSAGES[v.code] ?? 'không hợp lệ' });
    else if (v > MAX_CASES_PER_DAY) problems.push({ line, value: cell, message: 'quá lớn' });
    else values.push(v);
  });
  if (values.length > MAX_HORIZON) problems.push({ line: lines.length, value: String(values.length), message: `tối đa ${MAX_HORIZON} ngày` });
  if (values.length === 0 && problems.length === 0) problems.push({ line: 1, value: '', message: 'chưa có số liệu' });
  return { columns, column: col, values, problems };
}
