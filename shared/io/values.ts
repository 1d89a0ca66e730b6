import { cellText } from './text';

/**
 * Cell values as districts actually type them, parsed into domain values.
 * Each parser returns the value, `null` for a blank cell, or a ValueError naming why.
 * The integer parser has an allocation-free fast path: 100,000-row files go through it
 * about a million times.
 */
export interface ValueError {
  code: 'not_number' | 'not_integer' | 'negative' | 'bad_date' | 'bad_choice' | 'bad_coordinate';
  value: string;
}
export const isValueError = (v: unknown): v is ValueError =>
  typeof v === 'object' && v !== null && typeof (v as ValueError).code === 'string' && 'value' in (v as object);

const BLANKS = new Set(['', '-', '–', '—', '_']);
/** Grouped thousands as Vietnamese (1.234) or English (1,234) or with spaces (1 234). */
const GROUPED = /^\d{1,3}(?:([., ])\d{3})(?:\1\d{3})*$/;
const PLAIN = /^\d+$/;
const DECIMAL = /^(\d+)[.,](\d+)$/;
const NEGATIVE = /^(?:[-−]\s*\d|\(\s*\d[\d.,\s]*\))/;

/**
 * A count (people, beds): whole and not negative. Blank, "-" and "–" are blank (null):
 * the caller decides what a blank means. "1.234", "1,234" and "1 234" are 1234: with three
 * digits after the separator it can only be grouping (a count is never 1,234 people).
 */
export function parseCount(raw: unknown): number | null | ValueError {
  if (typeof raw === 'string') {
    const n = raw.length;
    if (n > 0 && n < 16) {
      let v = 0;
      let i = 0;
      for (; i < n; i++) {
        const c = raw.charCodeAt(i);
        if (c < 48 || c > 57) break;
        v = v * 10 + (c - 48);
      }
      if (i === n) return v;
    }
    return countFromText(raw);
  }
  if (typeof raw === 'number') return countFromNumber(raw, String(raw));
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'object' && !(raw instanceof Date)) {
    const o = raw as { result?: unknown; richText?: unknown; error?: string };
    if ('result' in o) return parseCount(o.result ?? null);
    if (typeof o.error === 'string') return { code: 'not_number', value: o.error };
  }
  return countFromText(cellText(raw));
}

function countFromNumber(n: number, shown: string): number | null | ValueError {
  if (!Number.isFinite(n)) return { code: 'not_number', value: shown };
  const r = Math.round(n);
  // Formula results carry float noise (=A1*3/3 → 2.9999999999999996).
  if (Math.abs(n - r) > 1e-9) return { code: 'not_integer', value: shown };
  if (r < 0) return { code: 'negative', value: shown };
  return r === 0 ? 0 : r;
}

function countFromText(raw: string): number | null | ValueError {
  const s = raw.replace(/[\u00a0\u202f]/g, ' ').trim();
  if (BLANKS.has(s)) return null;
  if (NEGATIVE.test(s)) return { code: 'negative', value: raw.trim() };
  if (PLAIN.test(s)) return s.length > 15 ? { code: 'not_number', value: s } : Number(s);
  if (GROUPED.test(s)) return Number(s.replace(/[.,\s]/g, ''));
  const d = DECIMAL.exec(s);
  if (d) return /^0+$/.test(d[2]!) ? Number(d[1]) : { code: 'not_integer', value: s };
  if (/^[+]?\d+(?:[.,]\d+)?e[+-]?\d+$/i.test(s)) return countFromNumber(Number(s.replace(',', '.')), s);
  return { code: 'not_number', value: s };
}

/** Decimal degrees; both "105,8342" (Vietnamese) and "105.8342" are accepted. */
export function parseDecimal(raw: unknown): number | null | ValueError {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : { code: 'not_number', value: String(raw) };
  const s = cellText(raw).replace(/\s/g, '');
  if (BLANKS.has(s)) return null;
  if (/^[-+]?\d+(?:[.,]\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  return { code: 'not_number', value: s };
}

// ---------------------------------------------------------------- dates
const MS_DAY = 86_400_000;
/** Excel's day 0 is 1899-12-30 in the 1900 date system (its fake 29/02/1900 is before any report). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  return new Date(EXCEL_EPOCH_MS + Math.floor(serial + 1e-9) * MS_DAY).toISOString().slice(0, 10);
}
export function isoToExcelSerial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - EXCEL_EPOCH_MS) / MS_DAY);
}

function realDay(y: number, m: number, d: number): string | null {
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === iso ? iso : null;
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T,]+(\d{1,2})[:hH](\d{2})(?::(\d{2}))?)?$/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export interface DayTime {
  date: string;
  /** Minutes after local midnight when a time was given, else null. */
  minutes: number | null;
  /** Explicit UTC offset in minutes (ISO input with a zone), else null (Hà Nội time assumed). */
  offset: number | null;
}

/**
 * A calendar day (and optional time). dd/MM/yyyy always (the Vietnamese convention, never
 * MM/dd), also d/M/yy, dd-MM-yyyy, dd.MM.yyyy, ISO yyyy-MM-dd, and Excel serial numbers
 * (a date cell read without its format, or a CSV saved from one).
 */
export function parseDayTime(raw: unknown): DayTime | null | ValueError {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return fromSerial(raw, String(raw));
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { code: 'bad_date', value: '' };
    const iso = raw.toISOString();
    const minutes = raw.getUTCHours() * 60 + raw.getUTCMinutes();
    return { date: iso.slice(0, 10), minutes: minutes === 0 ? null : minutes, offset: null };
  }
  if (typeof raw === 'object') {
    const o = raw as { result?: unknown; error?: string };
    if ('result' in o) return parseDayTime(o.result ?? null);
    if (typeof o.error === 'string') return { code: 'bad_date', value: o.error };
  }
  const s = cellText(raw).replace(/\s+/g, ' ');
  if (BLANKS.has(s)) return null;
  let m = DMY.exec(s);
  if (m) {
    const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    const date = realDay(y, Number(m[2]), Number(m[1]));
    if (!date) return { code: 'bad_date', value: s };
    return withTime(date, m[4], m[5], null, s);
  }
  m = YMD.exec(s);
  if (m) {
    const date = realDay(Number(m[1]), Number(m[2]), Number(m[3]));
    if (!date) return { code: 'bad_date', value: s };
    let offset: number | null = null;
    if (m[7]) offset = m[7] === 'Z' ? 0 : (m[7][0] === '-' ? -1 : 1) * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].slice(-2)));
    return withTime(date, m[4], m[5], offset, s);
  }
  if (/^\d{5}(?:[.,]\d+)?$/.test(s)) return fromSerial(Number(s.replace(',', '.')), s);
  return { code: 'bad_date', value: s };
}

function withTime(date: string, h: string | undefined, mi: string | undefined, offset: number | null, shown: string): DayTime | ValueError {
  if (h === undefined) return { date, minutes: null, offset };
  const hh = Number(h);
  const mm = Number(mi);
  if (hh > 23 || mm > 59) return { code: 'bad_date', value: shown };
  return { date, minutes: hh * 60 + mm, offset };
}

function fromSerial(n: number, shown: string): DayTime | ValueError {
  const date = excelSerialToIso(n);
  if (!date) return { code: 'bad_date', value: shown };
  const minutes = Math.round((n - Math.floor(n + 1e-9)) * 1440);
  return { date, minutes: minutes > 0 && minutes < 1440 ? minutes : null, offset: null };
}

/** Just the day (any time part is ignored). */
export function parseDate(raw: unknown): string | null | ValueError {
  const r = parseDayTime(raw);
  return r === null || isValueError(r) ? r : r.date;
}

/**
 * An instant for a status snapshot. Times without a zone are Hà Nội time (UTC+7); a
 * date without a time is taken as 17:00, the end of the reporting day.
 */
export function parseInstant(raw: unknown): string | null | ValueError {
  const r = parseDayTime(raw);
  if (r === null || isValueError(r)) return r;
  const minutes = r.minutes ?? 17 * 60;
  const offset = r.offset ?? 7 * 60;
  const ms = Date.parse(`${r.date}T00:00:00Z`) + (minutes - offset) * 60_000;
  return new Date(ms).toISOString();
}

// ---------------------------------------------------------------- choices
const YES = new Set(['co', 'x', 'yes', 'y', 'true', '1', 'dung', 'v', 'dang hoat dong', 'hoat dong']);
const NO = new Set(['khong', 'no', 'n', 'false', '0', 'sai', 'ngung', 'ngung hoat dong', 'k']);

export function parseBool(raw: unknown, fold: (s: string) => string): boolean | null | ValueError {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : { code: 'bad_choice', value: String(raw) };
  const s = cellText(raw);
  if (BLANKS.has(s)) return null;
  const f = fold(s);
  if (YES.has(f)) return true;
  if (NO.has(f)) return false;
  return { code: 'bad_choice', value: s };
}
