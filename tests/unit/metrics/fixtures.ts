import {
  DEFAULT_LEVEL_CONFIG,
  assessLevel,
  resolveLevelConfig,
  type LevelAssessment,
  type LevelConfig,
  type LevelConfigOverrides,
  type LevelIndicators,
} from '../../../shared/metrics';

/** With 100,000 people a count IS its rate per 100,000, which keeps the tables hand-checkable. */
export const P = 100_000;
/** Assessment dates inside each rule set's period. */
export const D4800 = '2021-11-15';
export const D218 = '2022-02-15';

export const cfg = (o: LevelConfigOverrides = {}): LevelConfig => resolveLevelConfig(o);
export const DEF = DEFAULT_LEVEL_CONFIG;

/** QĐ 4800 inputs: TC1 rate (= count at P), coverage and TC3 all met unless told otherwise. */
export function i4800(rate: number, o: Partial<LevelIndicators> = {}): LevelIndicators {
  return {
    population: P,
    newCases7d: { community: rate },
    coverage: { adultDose1: 0.9, senior50Full: 0.9 },
    tc3Met: true,
    ...o,
  };
}

/** Community-care count giving a 3a rate per 10,000 at population P. */
export const care = (per10k: number) => per10k * (P / 10_000);
export const CAP_COUNT = { cao: care(60), trungBinh: care(30), thap: care(10) } as const;

/** QĐ 218 inputs: case rate (total), no oxygen/deaths, coverage met, high capacity unless told otherwise. */
export function i218(rate: number, o: Partial<LevelIndicators> = {}): LevelIndicators {
  return {
    population: P,
    newCases7d: { community: rate, total: rate },
    oxygen7d: 0,
    deaths7d: 0,
    coverage: { populationFull: 0.8, highRiskFull: 0.95 },
    capacity: { communityCare: CAP_COUNT.cao },
    ...o,
  };
}

export const at4800 = (i: LevelIndicators, c: LevelConfig = DEF): LevelAssessment => assessLevel(i, c, D4800);
export const at218 = (i: LevelIndicators, c: LevelConfig = DEF): LevelAssessment => assessLevel(i, c, D218);

/** True when `x` survives JSON unchanged: no undefined, NaN, ±Infinity, functions, Maps… */
export function jsonSafe(x: unknown): boolean {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return true;
  if (typeof x === 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return x.every(jsonSafe);
  if (typeof x === 'object') {
    if (Object.getPrototypeOf(x) !== Object.prototype) return false;
    return Object.values(x as Record<string, unknown>).every(jsonSafe);
  }
  return false;
}
