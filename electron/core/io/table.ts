import { cellText, fold, HEADER_JOIN, headerScore, type ImportKind } from '../../../shared/io';
import type { RawSheet } from './read';

/**
 * Finding the header in a real report sheet: there is often a title block above it
 * ("UBND QUẬN ĐỐNG ĐA / BÁO CÁO SỐ LIỆU NGÀY …"), the header may span two rows (a group
 * header merged across its sub-columns: "Số ca mắc mới" over "Cộng đồng | Khu cách ly"),
 * and official forms put a numbering row "(1) (2) (3)…" under it.
 */
export interface Table {
  headers: string[];
  /** Spreadsheet row number of the (last) header row. */
  headerRow: number;
  /** Index in sheet.rows of the first data row. */
  firstData: number;
}

/** Rows looked at to find the header (title blocks above it are rarely longer). */
export const HEADER_SCAN_ROWS = 25;

export function rowNumber(sheet: RawSheet, i: number): number {
  return sheet.rowNumbers ? sheet.rowNumbers[i]! : i + 1;
}

const texts = (row: unknown[] | undefined) => (row ?? []).map((c) => cellText(c).replace(/\s+/g, ' '));

/**
 * Joins an upper and a lower header row. A horizontally merged group header sits in its
 * first cell only (the others are empty), so it is carried to the right over the
 * sub-columns below it; a vertically merged header (lower cell empty) stands alone.
 */
export function combineHeaderRows(upper: string[], lower: string[]): string[] {
  const n = Math.max(upper.length, lower.length);
  const out: string[] = [];
  let carry = '';
  for (let j = 0; j < n; j++) {
    const u = upper[j] ?? '';
    const l = lower[j] ?? '';
    if (u) carry = l ? u : '';
    else if (!l) carry = '';
    const parent = u || (l ? carry : '');
    out.push(parent && l && fold(parent) !== fold(l) ? `${parent}${HEADER_JOIN}${l}` : parent || l);
  }
  return out;
}

export function findHeader(kind: ImportKind, sheet: RawSheet): Table | null {
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  const rows = Array.from({ length: Math.min(sheet.rows.length, limit + 1) }, (_, i) => texts(sheet.rows[i]));
  const single = rows.map((r) => (r.every((t) => t === '') ? 0 : headerScore(kind, r)));
  let best: { score: number; headers: string[]; index: number; span: number } | null = null;
  for (let i = 0; i < limit; i++) {
    if (single[i]! > (best?.score ?? 0)) best = { score: single[i]!, headers: rows[i]!, index: i, span: 1 };
    // A two-row header only when joining the rows maps MORE than either row alone
    // (a title line above a one-row header must not be glued onto it).
    if (i + 1 < rows.length && rows[i]!.some((t) => t !== '')) {
      const two = combineHeaderRows(rows[i]!, rows[i + 1]!);
      const s2 = headerScore(kind, two);
      if (s2 > Math.max(single[i]!, single[i + 1]!) && s2 > (best?.score ?? 0)) best = { score: s2, headers: two, index: i, span: 2 };
    }
  }
  if (!best || best.score < 2) return null;
  let firstData = best.index + best.span;
  if (isNumberingRow(sheet.rows[firstData])) firstData++;
  return { headers: best.headers, headerRow: rowNumber(sheet, best.index + best.span - 1), firstData };
}

/** The first non-blank row as the header: when nothing is recognised the operator maps columns by hand. */
export function firstRowHeader(sheet: RawSheet): Table | null {
  const i = sheet.rows.findIndex((r) => texts(r).some((t) => t !== ''));
  if (i < 0) return null;
  return { headers: texts(sheet.rows[i]), headerRow: rowNumber(sheet, i), firstData: i + 1 };
}

/** "(1) (2) (3) …" or "1 2 3 …" under a form's header: column numbers, not data. */
function isNumberingRow(row: unknown[] | undefined): boolean {
  if (!row) return false;
  const t = texts(row).filter((s) => s !== '');
  if (t.length < 3) return false;
  const nums = t.map((s) => /^\(?(\d{1,2}|[IVX]{1,4})\)?$/.exec(s)?.[1]);
  if (nums.some((n) => n === undefined)) return false;
  const ints = nums.map((n) => Number(n)).filter((n) => Number.isFinite(n));
  return ints.every((n, k) => k === 0 || n > ints[k - 1]!);
}

const TOTAL_EXACT = new Set(['tong', 'cong', 'tong cong', 'tong so', 'total', 'sum', 'grand total', 'toan thanh pho', 'toan quan', 'toan huyen', 'toan thi xa']);
/**
 * A total/subtotal row label ("Tổng", "Cộng", "Tổng cộng", "Tổng quận Ba Đình"). Only
 * asked AFTER the text failed to match a unit: "Cộng Hòa" and "Tòng Bạt" are wards.
 */
export function isTotalLabel(text: string): boolean {
  const f = fold(text);
  if (!f) return false;
  if (TOTAL_EXACT.has(f)) return true;
  return /^(tong cong|tong so|tong|cong|toan|total)( |$)/.test(f);
}

export function isBlankRow(row: unknown[] | undefined): boolean {
  if (!row) return true;
  // Fast path: a first cell that starts with a visible character.
  const first = row[0];
  if (typeof first === 'string' ? first.length > 0 && first.charCodeAt(0) > 32 : first !== null && first !== undefined) return false;
  for (const c of row) {
    if (c === null || c === undefined) continue;
    if (typeof c === 'string') {
      if (c.trim() !== '') return false;
    } else return false;
  }
  return true;
}
