/** Number formatting for the two UI languages (vi: 74,3 and 100.000; en: 74.3 and 100,000). */
export type Lang = 'vi' | 'en';

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

/**
 * A rate or count for display: one decimal from 1 upward, two significant digits below 1
 * (so Hà Nội's 0.025 per 100,000 shows as "0,025", not "0").
 */
export function formatNumber(x: number, lang: Lang): string {
  const abs = Math.abs(x);
  const opts: Intl.NumberFormatOptions =
    abs === 0 || abs >= 1 ? { maximumFractionDigits: 1 } : { maximumSignificantDigits: 2 };
  return new Intl.NumberFormat(LOCALE[lang], opts).format(x);
}

/** Whole numbers (counts of cases). */
export function formatInteger(x: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 }).format(x);
}

/** A share 0–1 as a percentage: 0.7 → "70%"; 0.6999 → "69,99%". */
export function formatShare(x: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 2 }).format(x);
}
