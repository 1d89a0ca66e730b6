import { DEFAULT_PARAMS, type CareTier, type ScenarioInputs, type ScenarioParams } from '../../../shared/scenarios';

/** A scenario with nothing in it: every patient goes to `tier`, no transfers, no starting load. */
export function bare(overrides: Partial<ScenarioInputs> = {}, params: Partial<ScenarioParams> = {}, tier: CareTier = 't2'): ScenarioInputs {
  const split = { home: 0, t1: 0, t2: 0, t3: 0, [tier]: 1 };
  return {
    startDate: '2021-12-01',
    horizonDays: 20,
    casePath: { kind: 'constant', perDay: 10 },
    params: {
      split,
      los: { home: 10, t1: 10, t2: 14, t3: 14 },
      oxygenShare: { home: 0, t1: 0, t2: 0, t3: 0 },
      icuShare: 0,
      transfers: [],
      ...params,
    },
    start: { home: 0, t1: 0, t2: 0, t3: 0 },
    capacity: { t1: 1000, t2: 100, t3: 1000, icu: 1000, oxygen: 1000 },
    additions: [],
    preset: null,
    ...overrides,
  };
}

/** The default parameters with a starting point, as a preset would build them. */
export function withDefaults(overrides: Partial<ScenarioInputs> = {}): ScenarioInputs {
  return {
    startDate: '2022-01-31',
    horizonDays: 60,
    casePath: { kind: 'constant', perDay: 3000 },
    params: structuredClone(DEFAULT_PARAMS),
    start: { home: 20000, t1: 2200, t2: 1500, t3: 1300 },
    capacity: { t1: 87540, t2: 6390, t3: 3000, icu: 633, oxygen: 3200 },
    additions: [],
    preset: null,
    ...overrides,
  };
}
