import type { EpidemicLevelOut } from '../../../shared/api/ops/metrics';
import {
  DEFAULT_LEVEL_CONFIG,
  resolveLevelConfig,
  selectRuleSet,
  type CaseBase,
  type LevelAssessment,
  type LevelConfig,
  type RollUpResult,
} from '../../../shared/metrics';
import type { Store } from '../store';

/** Shared setting holding the level-engine overrides (what the settings screen saves). */
export const LEVEL_CONFIG_SETTING = 'levels.config';

/**
 * The level configuration in force: the stored overrides merged over the defaults by
 * shared/metrics `resolveLevelConfig`. An invalid stored value throws its
 * LevelConfigError (naming the field) rather than silently showing default levels.
 */
export function loadLevelConfig(store: Store): LevelConfig {
  const overrides = store.getSetting(LEVEL_CONFIG_SETTING);
  return overrides === undefined || overrides === null ? DEFAULT_LEVEL_CONFIG : resolveLevelConfig(overrides);
}

/**
 * Which new cases the incidence shown for `date` counts: the TC1 base of the rule set the
 * level engine applies on that date — community cases under QĐ 4800 (TC1 is community
 * cases, CONFIRMED), the configured `t218.caseBase` under QĐ 218 — so the map's incidence
 * is the very rate the level was decided on.
 */
export function caseBaseOn(date: string, config: LevelConfig): CaseBase {
  return selectRuleSet(date, config).ruleSet === '4800' ? 'community' : config.thresholds['t218.caseBase'].value;
}

/** The transport shape of one assessment. */
export function levelOut(a: LevelAssessment, extraReview = false): EpidemicLevelOut {
  return {
    level: a.level,
    ruleSet: a.ruleSet,
    driverId: a.driver.id,
    driverText: a.driver.text,
    distanceUp: a.distance.up?.text ?? null,
    distanceDown: a.distance.down?.text ?? null,
    // thresholdsToReview = the non-CONFIRMED thresholds this assessment consulted.
    usesUnconfirmed: extraReview || a.thresholdsToReview.length > 0,
  };
}

/** The transport shape of a commune-share roll-up (no single driving criterion). */
export function rollUpOut(r: Extract<RollUpResult, { rule: 'communeShare' }>, date: string, config: LevelConfig): EpidemicLevelOut {
  return {
    level: r.level,
    ruleSet: selectRuleSet(date, config).ruleSet,
    driverId: 'rollup.communeShare',
    driverText: r.shares.reason,
    distanceUp: null,
    distanceDown: null,
    usesUnconfirmed: r.thresholdsToReview.length > 0,
  };
}
