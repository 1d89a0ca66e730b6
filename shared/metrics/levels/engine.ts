import type { Adjustment, Driver, Intermediates218, Intermediates4800, MissingInput } from './result';
import type { Level, RuleSetId, Text2 } from './types';
import type { Usage } from './usage';

/** Continuous criteria a distance can be computed on. */
export type CriterionKey = 'tc1' | 'cases' | 'oxygen' | 'deaths';

export interface ContinuousCriterion {
  key: CriterionKey;
  id: string;
  count: number;
  rate: number;
  population: number;
  /** Every rate at which the level can change when only this criterion moves. */
  breakpoints: number[];
  unit: Text2; // "ca/100.000/tuần"
  noun: Text2; // "ca"
}

export interface Evaluation {
  level: Level;
  driverKey: CriterionKey;
  driver: Driver;
  intermediates: Intermediates4800 | Intermediates218;
  adjustments: Adjustment[];
  explanation: Text2;
}

/**
 * A rule set applied to one unit's inputs: the parts that do not depend on the continuous
 * criteria are settled once; `evaluate` can then be re-run with a criterion moved (that is how
 * distances to the next level are found, with the very same code that produced the level).
 */
export interface PreparedRule {
  ruleSet: RuleSetId;
  missing: MissingInput[];
  criteria: Partial<Record<CriterionKey, ContinuousCriterion>>;
  /** `text: false` skips building the explanation texts (probes for distances only need the level). */
  evaluate(rates: Partial<Record<CriterionKey, number>>, usage: Usage, text?: boolean): Evaluation;
}

export const NO_TEXT: Text2 = Object.freeze({ vi: '', en: '' });

export const CASES_UNIT: Text2 = { vi: 'ca/100.000 dân/tuần', en: 'cases per 100,000 per week' };
export const CASES_NOUN: Text2 = { vi: 'ca', en: 'cases' };
