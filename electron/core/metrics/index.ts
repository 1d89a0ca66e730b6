/**
 * Situation metrics in the core: the in-memory report and facility caches and the
 * service behind the metrics.* operations. Formulas and levels come from shared/metrics.
 */
export { MetricsService, MAX_SERIES_DAYS, endOfDayMs, type Snapshot, type SnapshotLevel, type Series } from './service';
export { ReportCache, CASE_SUMS, NO_DAY, FULL_REBUILD_REFS, type CaseSum, type CacheStats } from './report-cache';
export { FacilityCache, type FacilityLoad, type TierTotals, type StatusValues } from './facilities';
export { UnitTree, type UnitNode } from './units';
export { LEVEL_CONFIG_SETTING, loadLevelConfig, caseBaseOn, levelOut } from './level';
