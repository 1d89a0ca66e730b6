import { formatShare, type Lang } from '../format';
import { assessLevel } from './assess';
import type { LevelConfig } from './config';
import { aggregateIndicators, type LevelIndicators } from './indicators';
import type { LevelAssessment } from './result';
import { reaches, type NumberRowBody, type ThresholdId } from './thresholds';
import { LEVELS, type Level, type Text2, type Tier } from './types';
import { Usage } from './usage';

/**
 * Level of a parent unit (district from its wards, city from its districts or wards).
 *
 * Row `rollup.rule` (UNCONFIRMED, epidemic-levels.md §1.6 and §2.6):
 * - 'aggregate' (default): sum the children's counts and populations, then assess the parent
 *   like any unit. This is what provinces published under 4800 [S10, S19]; Hà Nội on
 *   25/12/2021 (city level 2 while 396 of 579 communes were at level 1 [S20]) rules out a
 *   "majority of communes" roll-up.
 * - 'communeShare': the pre-128 risk-zone rule (district red when ≥ 30 % of its communes are
 *   very high risk or ≥ 50 % high risk [S45]), generalised to every level: the parent is at
 *   level L (4, then 3, then 2) when the share of children at level ≥ L reaches
 *   `rollup.share.primary` (30 %), or the share at level ≥ L−1 (for L−1 ≥ 2) reaches
 *   `rollup.share.secondary` (50 %); otherwise level 1. Context only — no evidence that 4800
 *   or 218 used it.
 */

export interface CommuneShareResult {
  level: Level;
  total: number;
  counts: Record<Level, number>;
  /** Share of children at level ≥ 2, ≥ 3, ≥ 4. */
  shareAtLeast: { 2: number; 3: number; 4: number };
  reason: Text2;
  thresholdsUsed: ThresholdId[];
  thresholdsToReview: ThresholdId[];
}

/** The commune-share rule applied to children's levels. */
export function communeShareLevel(childLevels: readonly Level[], config: LevelConfig): CommuneShareResult {
  if (childLevels.length === 0) throw new RangeError('communeShareLevel needs at least one child level');
  const usage = new Usage(config.thresholds);
  usage.get('rollup.rule');
  const primary = usage.get('rollup.share.primary') as NumberRowBody;
  const secondary = usage.get('rollup.share.secondary') as NumberRowBody;
  const total = childLevels.length;
  const counts = { 1: 0, 2: 0, 3: 0, 4: 0 } as Record<Level, number>;
  for (const l of childLevels) counts[l]++;
  const atLeast = (l: Level) => LEVELS.filter((k) => k >= l).reduce((a, k) => a + counts[k], 0) / total;
  const shareAtLeast = { 2: atLeast(2), 3: atLeast(3), 4: atLeast(4) };

  let level: Level = 1;
  let reason = (lang: Lang) =>
    lang === 'vi'
      ? `Không đạt tỷ lệ xã để lên cấp 2 (${formatShare(shareAtLeast[2], 'vi')} xã ở cấp ≥ 2)`
      : `Commune shares below the level-2 rule (${formatShare(shareAtLeast[2], 'en')} at level ≥ 2)`;
  for (const l of [4, 3, 2] as const) {
    const byPrimary = reaches(shareAtLeast[l], primary);
    const lower = (l - 1) as Level;
    const bySecondary = lower >= 2 && reaches(shareAtLeast[lower as 2 | 3], secondary);
    if (byPrimary || bySecondary) {
      level = l;
      const [share, at, row] = byPrimary ? [shareAtLeast[l], l, primary] : [shareAtLeast[lower as 2 | 3], lower, secondary];
      reason = (lang: Lang) =>
        lang === 'vi'
          ? `${formatShare(share, 'vi')} số xã ở cấp ≥ ${at} (ngưỡng ${formatShare(row.value, 'vi')}) → cấp ${l}`
          : `${formatShare(share, 'en')} of communes at level ≥ ${at} (threshold ${formatShare(row.value, 'en')}) → level ${l}`;
      break;
    }
  }
  return {
    level,
    total,
    counts,
    shareAtLeast,
    reason: { vi: reason('vi'), en: reason('en') },
    thresholdsUsed: usage.used(),
    thresholdsToReview: usage.toReview(),
  };
}

export type RollUpResult =
  | {
      rule: 'aggregate';
      level: Level;
      assessment: LevelAssessment;
      thresholdsToReview: ThresholdId[];
    }
  | {
      rule: 'communeShare';
      level: Level;
      shares: CommuneShareResult;
      children: LevelAssessment[];
      thresholdsToReview: ThresholdId[];
    };

/** Level of the parent of `children` on `date` under the configured roll-up rule. */
export function rollUpLevel(
  children: readonly LevelIndicators[],
  config: LevelConfig,
  date: string,
  parent: { unitCode?: string | null; tier?: Tier } = {},
): RollUpResult {
  const rule = config.thresholds['rollup.rule'].value;
  const review = (ids: Iterable<ThresholdId>) => {
    const set = new Set(ids);
    if (config.thresholds['rollup.rule'].reviewRequired) set.add('rollup.rule');
    return Object.keys(config.thresholds).filter((id) => set.has(id as ThresholdId)) as ThresholdId[];
  };
  if (rule === 'aggregate') {
    const assessment = assessLevel(aggregateIndicators(children, parent), config, date);
    return { rule, level: assessment.level, assessment, thresholdsToReview: review(assessment.thresholdsToReview) };
  }
  const assessed = children.map((c) => assessLevel(c, config, date));
  const shares = communeShareLevel(
    assessed.map((a) => a.level),
    config,
  );
  return {
    rule,
    level: shares.level,
    shares,
    children: assessed,
    thresholdsToReview: review([...shares.thresholdsToReview, ...assessed.flatMap((a) => a.thresholdsToReview)]),
  };
}
