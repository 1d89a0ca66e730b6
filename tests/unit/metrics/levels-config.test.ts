import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LEVEL_CONFIG,
  DEFAULT_THRESHOLDS,
  LevelConfigError,
  THRESHOLD_IDS,
  assessLevel,
  configToOverrides,
  levelConfigSchema,
  resolveLevelConfig,
  safeResolveLevelConfig,
  selectRuleSet,
  type ThresholdId,
} from '../../../shared/metrics';
import { cfg, i218, i4800 } from './fixtures';

describe('threshold table', () => {
  it('the shipped defaults pass their own schema', () => {
    const r = levelConfigSchema.safeParse(DEFAULT_LEVEL_CONFIG);
    expect(r.error?.issues ?? []).toEqual([]);
  });

  it.each(THRESHOLD_IDS)('%s: id, labels, status, sources and reviewRequired = not CONFIRMED', (id) => {
    const row = DEFAULT_THRESHOLDS[id];
    expect(row.id).toBe(id);
    expect(row.labelVi.length).toBeGreaterThan(5);
    expect(row.labelEn.length).toBeGreaterThan(5);
    expect(['CONFIRMED', 'REPORTED', 'IMPLIED', 'UNCONFIRMED']).toContain(row.status);
    for (const s of row.sources) expect(s).toMatch(/^S([1-9]|[1-3]\d|4[0-6])$/);
    if (row.status !== 'UNCONFIRMED') expect(row.sources.length).toBeGreaterThan(0);
    expect(row.reviewRequired).toBe(row.status !== 'CONFIRMED');
    expect(row.overridden).toBe(false);
  });

  // Values and marks of epidemic-levels.md §4 (and §1–2), row by row.
  it.each([
    ['t4800.tc1.band2', 20, 'gte', 'CONFIRMED'],
    ['t4800.tc1.band3', 50, 'gte', 'UNCONFIRMED'],
    ['t4800.tc1.band4', 150, 'gte', 'CONFIRMED'],
    ['t4800.tc2.adultDose1', 0.7, 'gte', 'UNCONFIRMED'],
    ['t4800.tc2.senior50Full', 0.8, 'gte', 'REPORTED'],
    ['t218.cases.band4', 600, 'gt', 'CONFIRMED'],
    ['t218.deathOverride.threshold', 6, 'gt', 'REPORTED'],
    ['t218.vacc.populationFull', 0.75, 'gte', 'REPORTED'],
    ['t218.vacc.highRiskFull', 0.9, 'gte', 'REPORTED'],
    ['t218.cases.band2', 80, 'gte', 'UNCONFIRMED'],
    ['t218.cap.3b.cao', 20, 'gte', 'UNCONFIRMED'],
    ['rollup.share.primary', 0.3, 'gte', 'UNCONFIRMED'],
  ] as const)('%s = %d (%s), %s', (id, value, cmp, status) => {
    const row = DEFAULT_THRESHOLDS[id];
    expect(row).toMatchObject({ value, comparison: cmp, status });
  });

  it.each([
    ['common.218.start', '2022-01-27', 'CONFIRMED'],
    ['t4800.combination', 'matrix', 'UNCONFIRMED'],
    ['t218.caseBase', 'all', 'UNCONFIRMED'],
    ['t218.transmission.combine', 'max', 'UNCONFIRMED'],
    ['t218.deathOverride.target', 'final', 'UNCONFIRMED'],
    ['t218.cap.whenMissing', 'thap', 'UNCONFIRMED'],
    ['rollup.rule', 'aggregate', 'UNCONFIRMED'],
  ] as const)('choice %s = %s (%s)', (id, value, status) => {
    expect(DEFAULT_THRESHOLDS[id]).toMatchObject({ value, status });
  });

  it('defaults are frozen', () => {
    expect(Object.isFrozen(DEFAULT_THRESHOLDS['t4800.tc1.band2'])).toBe(true);
  });
});

describe('overrides (validated with zod; errors name the field)', () => {
  it('applies a valid override; a changed value without a status becomes UNCONFIRMED', () => {
    const c = resolveLevelConfig({ thresholds: { 't4800.tc1.band4': { value: 160 } } });
    expect(c.thresholds['t4800.tc1.band4']).toMatchObject({ value: 160, status: 'UNCONFIRMED', reviewRequired: true, overridden: true });
    expect(assessLevel(i4800(155, { tc3Met: false }), c, '2021-11-15').level).toBe(3);
    expect(assessLevel(i4800(155, { tc3Met: false }), c, '2021-11-15').thresholdsToReview).toContain('t4800.tc1.band4');
    expect(DEFAULT_THRESHOLDS['t4800.tc1.band4'].value).toBe(150); // defaults untouched
  });

  it('a reviewer can mark a row CONFIRMED with a citation', () => {
    const c = resolveLevelConfig({
      thresholds: { 't4800.tc1.band3': { value: 50, status: 'CONFIRMED', sources: ['QĐ 4800 Phụ lục 1'] } },
    });
    expect(c.thresholds['t4800.tc1.band3']).toMatchObject({ status: 'CONFIRMED', reviewRequired: false, overridden: true });
    expect(assessLevel(i4800(60), c, '2021-11-15').thresholdsToReview).not.toContain('t4800.tc1.band3');
  });

  it('setting a row to its default value keeps its status', () => {
    const c = resolveLevelConfig({ thresholds: { 't4800.tc1.band2': { value: 20 } } });
    expect(c.thresholds['t4800.tc1.band2']).toMatchObject({ status: 'CONFIRMED', overridden: false });
  });

  it.each<[string, unknown, string]>([
    ['wrong type', { thresholds: { 't4800.tc1.band3': { value: '50' } } }, 'thresholds.t4800.tc1.band3.value'],
    ['negative edge', { thresholds: { 't218.oxygen.band2': { value: -1 } } }, 'thresholds.t218.oxygen.band2.value'],
    ['share above 1', { thresholds: { 't218.vacc.populationFull': { value: 75 } } }, 'thresholds.t218.vacc.populationFull.value'],
    ['share of 0', { thresholds: { 't4800.tc2.adultDose1': { value: 0 } } }, 'thresholds.t4800.tc2.adultDose1.value'],
    ['level out of 1–4', { thresholds: { 't218.matrix.t1.cao': { value: 5 } } }, 'thresholds.t218.matrix.t1.cao.value'],
    ['unknown choice', { thresholds: { 't4800.combination': { value: 'average' } } }, 'thresholds.t4800.combination.value'],
    ['bad comparison', { thresholds: { 't218.cases.band4': { comparison: '>=' } } }, 'thresholds.t218.cases.band4.comparison'],
    ['comparison on a non-number row', { thresholds: { 't218.caseBase': { comparison: 'gt' } } }, 'thresholds.t218.caseBase'],
    ['bad status', { thresholds: { 't218.cases.band2': { status: 'SURE' } } }, 'thresholds.t218.cases.band2.status'],
    ['bad date', { thresholds: { 'common.218.start': { value: '27/01/2022' } } }, 'thresholds.common.218.start.value'],
    ['bad rule-set mode', { ruleSet: '128' }, 'ruleSet'],
    ['edges out of order', { thresholds: { 't4800.tc1.band3': { value: 200 } } }, 'thresholds.t4800.tc1.band4.value'],
    ['equal edges', { thresholds: { 't218.cases.band3': { value: 80 } } }, 'thresholds.t218.cases.band3.value'],
    ['capacity edges out of order', { thresholds: { 't218.cap.3a.trungBinh': { value: 70 } } }, 'thresholds.t218.cap.3a.cao.value'],
    ['matrix not monotone in transmission', { thresholds: { 't218.matrix.t3.cao': { value: 1 } } }, 'thresholds.t218.matrix.t3.cao.value'],
    ['matrix not monotone in capacity', { thresholds: { 't218.matrix.t4.thap': { value: 2 } } }, 'thresholds.t218.matrix.t4.thap.value'],
    ['4800 matrix: met above not met', { thresholds: { 't4800.matrix.b2.met': { value: 3 } } }, 'thresholds.t4800.matrix.b2.notMet.value'],
    ['rule-set dates reversed', { thresholds: { 'common.218.start': { value: '2021-01-01' } } }, 'thresholds.common.218.start.value'],
  ])('%s → LevelConfigError naming %s', (_name, overrides, path) => {
    let err: unknown;
    try {
      resolveLevelConfig(overrides);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LevelConfigError);
    const issues = (err as LevelConfigError).issues;
    expect(issues.map((i) => i.path)).toContain(path);
    expect((err as Error).message).toContain(path);
  });

  it('an unknown threshold id is rejected and named', () => {
    const r = safeResolveLevelConfig({ thresholds: { 't4800.tc1.band5': { value: 300 } } });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0]!.path).toBe('thresholds');
      expect(r.error.message).toContain('t4800.tc1.band5');
    }
  });

  it('a stored full config with reviewRequired=false on an UNCONFIRMED row is rejected', () => {
    const bad = {
      ...DEFAULT_LEVEL_CONFIG,
      thresholds: { ...DEFAULT_LEVEL_CONFIG.thresholds, 't218.cases.band2': { ...DEFAULT_THRESHOLDS['t218.cases.band2'], reviewRequired: false } },
    };
    const r = levelConfigSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('thresholds.t218.cases.band2.reviewRequired');
  });

  it('configToOverrides round-trips', () => {
    const o = {
      ruleSet: '218' as const,
      thresholds: {
        't218.cases.band2': { value: 100 },
        't4800.combination': { value: 'draft' as const, note: 'thử dự thảo' },
      },
    };
    const c = resolveLevelConfig(o);
    const back = configToOverrides(c);
    expect(back).toEqual({
      ruleSet: '218',
      thresholds: {
        't218.cases.band2': { value: 100 },
        't4800.combination': { value: 'draft', note: 'thử dự thảo' },
      },
    });
    expect(resolveLevelConfig(back)).toEqual(c);
    expect(configToOverrides(DEFAULT_LEVEL_CONFIG)).toEqual({});
  });

  it('empty / missing overrides give the defaults', () => {
    expect(resolveLevelConfig()).toEqual(DEFAULT_LEVEL_CONFIG);
    expect(resolveLevelConfig({})).toEqual(DEFAULT_LEVEL_CONFIG);
  });
});

describe('rule-set selection by assessment date', () => {
  it.each([
    ['2021-10-12', '4800'],
    ['2022-01-26', '4800'],
    ['2022-01-27', '218'],
    ['2022-03-04', '218'],
  ] as const)('auto on %s → QĐ %s', (date, rs) => {
    expect(selectRuleSet(date, DEFAULT_LEVEL_CONFIG)).toMatchObject({ ruleSet: rs, mode: 'auto', warnings: [] });
    expect(assessLevel(i218(0), DEFAULT_LEVEL_CONFIG, date).ruleSet).toBe(rs);
  });

  it('forced rule set is used, with a warning when it is not the one in force', () => {
    const c = cfg({ ruleSet: '4800' });
    const a = assessLevel(i4800(60), c, '2022-02-15');
    expect(a.ruleSet).toBe('4800');
    expect(a.ruleSetMode).toBe('forced');
    expect(a.warnings[0]!.en).toBe('QĐ 4800 forced; the rule in force on 2022-02-15 is QĐ 218');
    expect(selectRuleSet('2021-11-01', c).warnings).toEqual([]);
    expect(selectRuleSet('2021-11-01', cfg({ ruleSet: '218' })).ruleSet).toBe('218');
  });

  it('warns before QĐ 4800 existed', () => {
    expect(selectRuleSet('2021-09-30', DEFAULT_LEVEL_CONFIG).warnings[0]!.en).toContain('before QĐ 4800');
  });

  it('the switch date is configurable', () => {
    const c = cfg({ thresholds: { 'common.218.start': { value: '2022-02-14' } } });
    expect(selectRuleSet('2022-02-13', c).ruleSet).toBe('4800');
    expect(selectRuleSet('2022-02-14', c).ruleSet).toBe('218');
  });

  it('an invalid date is rejected', () => {
    expect(() => assessLevel(i218(0), DEFAULT_LEVEL_CONFIG, '2022-02-30')).toThrow(RangeError);
  });
});

describe('invalid indicators are rejected with the field named', () => {
  it.each<[string, object, string]>([
    ['population 0', { population: 0 }, 'population'],
    ['negative cases', { newCases7d: { community: -1 } }, 'newCases7d.community'],
    ['total below community', { newCases7d: { community: 10, total: 5 } }, 'newCases7d.total'],
    ['coverage above 1', { coverage: { populationFull: 1.2 } }, 'coverage.populationFull'],
    ['NaN deaths', { deaths7d: Number.NaN }, 'deaths7d'],
  ])('%s', (_n, patch, path) => {
    expect(() => assessLevel({ ...i218(0), ...patch }, DEFAULT_LEVEL_CONFIG, '2022-02-15')).toThrow(path);
  });

  it('the used-threshold lists only contain known ids', () => {
    const a = assessLevel(i218(0), DEFAULT_LEVEL_CONFIG, '2022-02-15');
    for (const id of a.thresholdsUsed) expect(THRESHOLD_IDS).toContain(id as ThresholdId);
    expect(a.thresholdsToReview.every((id) => a.thresholdsUsed.includes(id))).toBe(true);
  });
});
