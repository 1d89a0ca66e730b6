/** Number formatting for the two UI languages (vi: 74,3 and 100.000; en: 74.3 and 100,000). */
export type Lang = 'vi' | 'en';

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

// Intl.NumberFormat construction is costly (≈0.1 ms); the level engine formats thousands of
// numbers when a map of 579 wards is assessed, so formatters are built once per style.
const cache = new Map<string, Intl.NumberFormat>();
function formatter(lang: Lang, key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${lang}|${key}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], opts);
    cache.set(k, f);
  }
  return f;
}

/**
 * A rate or count for display: one decimal from 1 upward, two significant digits below 1
 * (so Hà Nội's 0.025 per 100,000 shows as "0,025", not "0").
 */
export function formatNumber(x: number, lang: Lang): string {
  const abs = Math.abs(x);
  return abs === 0 || abs >= 1
    ? formatter(lang, 'fd1', { maximumFractionDigits: 1 }).format(x)
    : formatter(lang, 'sd2', { maximumSignificantDigits: 2 }).format(x);
}

/** Whole numbers (counts of cases). */
export function formatInteger(x: number, lang: Lang): string {
  return formatter(lang, 'int', { maximumFractionDigits: 0 }).format(x);
}

/** A share 0–1 as a percentage: 0.7 → "70%"; 0.6999 → "69,99%". */
export function formatShare(x: number, lang: Lang): string {
  return formatter(lang, 'pct', { style: 'percent', maximumFractionDigits: 2 }).format(x);
}
