import { isIsoDate } from '../dates';
import type { ConfigIssue, LevelConfig } from './config';
import { findDistance } from './distance';
import { levelIndicatorsSchema, type LevelIndicators } from './indicators';
import { LEVEL_INFO } from './names';
import type { Distance, LevelAssessment } from './result';
import type { ContinuousCriterion, CriterionKey } from './engine';
import { prepare218 } from './rule218';
import { prepare4800 } from './rule4800';
import type { ThresholdId } from './thresholds';
import type { RuleSetId, Text2 } from './types';
import { Usage } from './usage';

export interface RuleSetChoice {
  ruleSet: RuleSetId;
  mode: 'auto' | 'forced';
  warnings: Text2[];
  /** Date rows consulted (for the "used thresholds" list). */
  thresholdIds: ThresholdId[];
}

/**
 * Rule set for an assessment date. 'auto': QĐ 4800 before the 218 start date (27/01/2022,
 * CONFIRMED [S5, S23]), QĐ 218 from it. A forced rule set is honoured, with a warning when it
 * is not the one in force on that date.
 */
export function selectRuleSet(date: string, config: LevelConfig): RuleSetChoice {
  if (!isIsoDate(date)) throw new RangeError(`ngày đánh giá không hợp lệ / invalid assessment date: ${String(date)}`);
  const start4800 = config.thresholds['common.4800.start'].value;
  const start218 = config.thresholds['common.218.start'].value;
  const inForce: RuleSetId = date < start218 ? '4800' : '218';
  const warnings: Text2[] = [];
  if (date < start4800) {
    warnings.push({
      vi: `Ngày ${date} trước khi có QĐ 4800 (${start4800}); vẫn áp dụng QĐ 4800`,
      en: `${date} is before QĐ 4800 (${start4800}); QĐ 4800 applied anyway`,
    });
  }
  if (config.ruleSet === 'auto') {
    return { ruleSet: inForce, mode: 'auto', warnings, thresholdIds: ['common.4800.start', 'common.218.start'] };
  }
  if (config.ruleSet !== inForce) {
    warnings.push({
      vi: `Đang ép dùng QĐ ${config.ruleSet}; ngày ${date} áp dụng QĐ ${inForce}`,
      en: `QĐ ${config.ruleSet} forced; the rule in force on ${date} is QĐ ${inForce}`,
    });
  }
  return { ruleSet: config.ruleSet, mode: 'forced', warnings, thresholdIds: [] };
}

export class LevelInputError extends Error {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(`Số liệu đánh giá cấp độ không hợp lệ / invalid level indicators: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'LevelInputError';
    this.issues = issues;
  }
}

/**
 * Epidemic level 1–4 of one unit on `date`. Pure: same inputs, same output; the output is
 * JSON-safe (no undefined, NaN or Infinity). Throws LevelInputError for invalid indicators
 * (e.g. population ≤ 0) and RangeError for an invalid date.
 */
export function assessLevel(indicators: LevelIndicators, config: LevelConfig, date: string): LevelAssessment {
  const parsed = levelIndicatorsSchema.safeParse(indicators);
  if (!parsed.success) {
    throw new LevelInputError(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })));
  }
  const choice = selectRuleSet(date, config);
  const usage = new Usage(config.thresholds);
  for (const id of choice.thresholdIds) usage.get(id);

  const prepared = choice.ruleSet === '4800' ? prepare4800(indicators, usage) : prepare218(indicators, usage);
  const ev = prepared.evaluate({}, usage);
  const criterion = prepared.criteria[ev.driverKey]!;
  // Distances re-run the same evaluation with the driver moved; a scratch Usage keeps the
  // thresholds they probe out of "used" (they did not decide this level).
  const levelAlong = (key: CriterionKey) => (rate: number) =>
    prepared.evaluate({ [key]: rate }, new Usage(config.thresholds), false).level;
  const distancesOf = (c: ContinuousCriterion) => ({
    up: ev.level < 4 ? findDistance('up', c, ev.level, levelAlong(c.key)) : null,
    down: ev.level > 1 ? findDistance('down', c, ev.level, levelAlong(c.key)) : null,
  });
  const byCriterion = Object.values(prepared.criteria).flatMap((c) => {
    const d = distancesOf(c);
    return [d.up, d.down].filter((x): x is Distance => x !== null);
  });
  const info = LEVEL_INFO[ev.level];

  return {
    level: ev.level,
    name: { vi: info.nameVi, en: info.nameEn },
    colour: info.colour,
    ruleSet: choice.ruleSet,
    ruleSetMode: choice.mode,
    date,
    unitCode: indicators.unitCode ?? null,
    tier: indicators.tier ?? 'ward',
    driver: ev.driver,
    explanation: ev.explanation,
    intermediates: ev.intermediates,
    adjustments: ev.adjustments,
    distance: distancesOf(criterion),
    distancesByCriterion: byCriterion,
    missing: prepared.missing,
    thresholdsUsed: usage.used(),
    thresholdsToReview: usage.toReview(),
    warnings: choice.warnings,
  };
}
