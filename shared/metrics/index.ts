/**
 * Metrics and epidemic levels: the single source of truth for every metric, class break,
 * colour and level shown by the app (map, boards, wall display, briefing, scenarios).
 * Pure functions only; every output is JSON-safe.
 */
export * from './dates';
export * from './series';
export * from './rates';
export * from './trend';
export * from './saturation';
export * from './vaccination';
export * from './format';
export * from './palettes';
export * from './classes';
export * from './levels';
