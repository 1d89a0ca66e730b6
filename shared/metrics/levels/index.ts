/**
 * Epidemic levels 1–4 (cấp độ dịch): QĐ 4800/QĐ-BYT and QĐ 218/QĐ-BYT, NQ 128/NQ-CP names and
 * colours. Reference: shared/data/reference/epidemic-levels.md (sources [S1…S46]).
 */
export * from './types';
export * from './names';
export * from './thresholds';
export * from './config';
export * from './indicators';
export * from './result';
export { assessLevel, selectRuleSet, LevelInputError, type RuleSetChoice } from './assess';
export { communeShareLevel, rollUpLevel, type CommuneShareResult, type RollUpResult } from './rollup';
