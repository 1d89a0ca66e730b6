import { formatShare } from '../format';
import { reaches, type NumberRowBody, type NumberThresholdId } from './thresholds';
import type { CriterionCheck, MissingInput } from './result';
import type { Usage } from './usage';

/** Compares an optional share with a threshold row; a missing value gives `met: null`. */
export function checkShare(usage: Usage, id: NumberThresholdId, value: number | null | undefined): CriterionCheck {
  const row = usage.get(id) as NumberRowBody;
  const v = value ?? null;
  return { thresholdId: id, value: v, threshold: row.value, comparison: row.comparison, met: v === null ? null : reaches(v, row) };
}

/**
 * Combines two sub-criteria. With `requireBoth` both must be met; otherwise one is enough.
 * A missing sub-criterion counts as NOT met (documented default: "not assessable, treated as
 * not met"), so a gap in the data can never make a unit look safer.
 */
export function combineChecks(a: CriterionCheck, b: CriterionCheck, requireBoth: boolean) {
  const met = requireBoth ? a.met === true && b.met === true : a.met === true || b.met === true;
  const assessable = (a.met !== null && b.met !== null) || (!requireBoth && met);
  return { met, assessable };
}

export function missingCoverage(
  field: string,
  criterion: string,
  check: CriterionCheck,
  effectWhenMissing: { vi: string; en: string } = {
    vi: `${criterion} không đánh giá được, coi như không đạt`,
    en: `${criterion} not assessable, treated as not met`,
  },
): MissingInput[] {
  return check.met === null ? [{ field, effect: effectWhenMissing }] : [];
}

export function checkText(c: CriterionCheck, lang: 'vi' | 'en'): string {
  const op = c.comparison === 'gte' ? '≥' : '>';
  if (c.value === null) return lang === 'vi' ? `thiếu số liệu (ngưỡng ${op} ${formatShare(c.threshold, lang)})` : `missing (threshold ${op} ${formatShare(c.threshold, lang)})`;
  return `${formatShare(c.value, lang)} (${op} ${formatShare(c.threshold, lang)}: ${c.met ? (lang === 'vi' ? 'đạt' : 'met') : lang === 'vi' ? 'không đạt' : 'not met'})`;
}
