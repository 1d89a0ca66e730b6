/**
 * Numbers as the command room types them: "2.000" (Vietnamese thousands), "2000",
 * "0,5" or "0.5" (decimals). Pure, so the unit tests can pin the rules.
 */
const VI_GROUPED = /^\d{1,3}(\.\d{3})+(,\d+)?$/;
const EN_GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const COMMA_DECIMAL = /^\d+(,\d+)?$/;
const DOT_DECIMAL = /^\d*\.?\d+$/;

/** The number typed, or null when it is not one (negative numbers are not accepted). */
export function parseNumberText(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return null;
  // "2.000" is two thousand (the Vietnamese convention), never two.
  if (VI_GROUPED.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  if (COMMA_DECIMAL.test(s)) return Number(s.replace(',', '.'));
  if (EN_GROUPED.test(s)) return Number(s.replace(/,/g, ''));
  if (DOT_DECIMAL.test(s)) return Number(s);
  return null;
}

/** Shares shown as percent with at most 2 decimals (0.1 → 10, 0.025 → 2.5). */
export const toPercent = (share: number) => Math.round(share * 10000) / 100;
export const fromPercent = (pct: number) => Math.round(pct * 100) / 10000;
