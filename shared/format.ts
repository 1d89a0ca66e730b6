/**
 * Display formatting, Vietnamese first: dates dd/MM/yyyy, numbers `1.234,5`.
 * Stored values stay ISO (`YYYY-MM-DD`, UTC instants); only the screen and print use these.
 */
export type Lang = 'vi' | 'en';
const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

const numberFormats = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(key, f);
  }
  return f;
}

/** 1234.5 → "1.234,5" (vi) or "1,234.5" (en). null/undefined → "–". */
export function formatNumber(value: number | null | undefined, lang: Lang = 'vi', digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return nf(lang, digits).format(value);
}

export function formatPercent(ratio: number | null | undefined, lang: Lang = 'vi', digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  return `${formatNumber(ratio * 100, lang, digits)} %`;
}

/** "2021-12-05" → "05/12/2021" in both languages (the command room's convention). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** An instant shown in Hà Nội time (UTC+7, no DST): "05/12/2021 17:00". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const local = new Date(t + 7 * 3600_000).toISOString();
  return `${formatDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** "05/12/2021" → "2021-12-05"; null when not a real calendar day. */
export function parseDisplayDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Today's date in Hà Nội (UTC+7) as YYYY-MM-DD, from an injectable clock. */
export function hanoiToday(nowMs: number = Date.now()): string {
  return new Date(nowMs + 7 * 3600_000).toISOString().slice(0, 10);
}
