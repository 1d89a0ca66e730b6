import { describe, expect, it } from 'vitest';
import { aggregateIndicators, communeShareLevel, rollUpLevel, type Level, type LevelIndicators } from '../../../shared/metrics';
import { D4800, DEF, cfg, i4800 } from './fixtures';

const levels = (...groups: Array<[number, Level]>): Level[] => groups.flatMap(([n, l]) => Array<Level>(n).fill(l));

describe('aggregateIndicators (children → parent)', () => {
  const a: LevelIndicators = {
    population: 10_000,
    newCases7d: { community: 5, total: 6 },
    oxygen7d: 1,
    deaths7d: 0,
    coverage: { adultDose1: 0.9, senior50Full: 0.8, populationFull: 0.8, highRiskFull: 0.9 },
    tc3Met: true,
    capacity: { communityCare: 100, vacantBeds: 3, icuBeds: null },
  };
  const b: LevelIndicators = {
    population: 30_000,
    newCases7d: { community: 15, total: 20 },
    oxygen7d: null,
    deaths7d: 1,
    coverage: { adultDose1: 0.7, senior50Full: 0.6, populationFull: 0.6 },
    tc3Met: false,
    capacity: { communityCare: 50, vacantBeds: 7 },
  };

  it('sums counts and populations, population-weights shares', () => {
    const p = aggregateIndicators([a, b], { unitCode: '001' });
    expect(p).toMatchObject({ unitCode: '001', tier: 'district', population: 40_000, newCases7d: { community: 20, total: 26 }, deaths7d: 1 });
    expect(p.coverage!.adultDose1).toBeCloseTo((9000 + 21_000) / 40_000, 12); // 0.75
    expect(p.coverage!.populationFull).toBeCloseTo(0.65, 12);
    expect(p.capacity).toEqual({ communityCare: 150, vacantBeds: 10, icuBeds: null });
  });

  it('a field missing in any child is missing in the parent (not a partial sum)', () => {
    const p = aggregateIndicators([a, b]);
    expect(p.oxygen7d).toBeNull();
    expect(p.coverage!.highRiskFull).toBeNull();
    expect(aggregateIndicators([a, { ...b, newCases7d: { community: 15 } }]).newCases7d.total).toBeNull();
  });

  it.each([
    [true, true, true],
    [true, false, false],
    [false, null, false], // one child failing is enough
    [true, null, null],
    [null, null, null],
  ])('TC3 %j + %j → %j', (x, y, want) => {
    expect(aggregateIndicators([{ ...a, tc3Met: x }, { ...b, tc3Met: y }]).tc3Met).toBe(want);
  });

  it('needs at least one child', () => {
    expect(() => aggregateIndicators([])).toThrow(RangeError);
  });
});

describe('commune-share rule (pre-128 context [S45], UNCONFIRMED)', () => {
  it.each([
    // Hà Nội's published commune counts (hand-computed parent level under this rule)
    ['Hà Nội 25/12/2021 [S20]: 396 / 116 / 67 / 0', 2, levels([396, 1], [116, 2], [67, 3])],
    ['Hà Nội TB 88 [S29]: 541 / 29 / 9 / 0', 1, levels([541, 1], [29, 2], [9, 3])],
    ['Hà Nội 04/03/2022 [S33]: 66 / 187 / 326 / 0', 4, levels([66, 1], [187, 2], [326, 3])],
    // edges of the 30 % and 50 % shares
    ['30 % at 4', 4, levels([7, 1], [3, 4])],
    ['29 % at 4, rest 1 (no share reaches 30 %)', 1, levels([71, 1], [29, 4])],
    ['20 % at 4', 1, levels([8, 1], [2, 4])],
    ['50 % at 3', 4, levels([5, 1], [5, 3])],
    ['40 % at 3', 3, levels([6, 1], [4, 3])],
    ['50 % at 2', 3, levels([5, 1], [5, 2])],
    ['49 % at 2', 2, levels([51, 1], [49, 2])],
    ['30 % at ≥ 2', 2, levels([7, 1], [1, 2], [2, 3])],
    ['29 % at ≥ 3, 0 at 2', 1, levels([71, 1], [29, 3])],
    ['all at 1', 1, levels([10, 1])],
  ] as const)('%s → level %d', (_name, want, children) => {
    const r = communeShareLevel(children, DEF);
    expect(r.level).toBe(want);
    expect(r.total).toBe(children.length);
    expect(r.thresholdsToReview).toEqual(['rollup.rule', 'rollup.share.primary', 'rollup.share.secondary']);
  });

  it('reports the shares and the reason', () => {
    const r = communeShareLevel(levels([396, 1], [116, 2], [67, 3]), DEF);
    expect(r.counts).toEqual({ 1: 396, 2: 116, 3: 67, 4: 0 });
    expect(r.shareAtLeast[2]).toBeCloseTo(183 / 579, 12);
    expect(r.reason.en).toBe('31.61% of communes at level ≥ 2 (threshold 30%) → level 2');
  });

  it('shares are configurable', () => {
    const c = cfg({ thresholds: { 'rollup.share.primary': { value: 0.5 } } });
    expect(communeShareLevel(levels([396, 1], [116, 2], [67, 3]), c).level).toBe(1);
  });
});

describe('rollUpLevel', () => {
  // three wards of 10,000; 0, 0 and 30 community cases; coverage and TC3 met
  const wards = [i4800(0, { population: 10_000 }), i4800(0, { population: 10_000 }), i4800(30, { population: 10_000 })];

  it('default: the parent is assessed on its own aggregated indicators', () => {
    const r = rollUpLevel(wards, DEF, D4800, { unitCode: '001' });
    expect(r.rule).toBe('aggregate');
    if (r.rule !== 'aggregate') return;
    expect(r.assessment.driver.rate).toBe(100); // 30 / 30,000 → band 3 → level 2 (met)
    expect(r.level).toBe(2);
    expect(r.assessment.unitCode).toBe('001');
    expect(r.assessment.tier).toBe('district');
    expect(r.thresholdsToReview).toContain('rollup.rule');
  });

  it("'communeShare': the parent follows the share of wards by level", () => {
    const r = rollUpLevel(wards, cfg({ thresholds: { 'rollup.rule': { value: 'communeShare' } } }), D4800);
    expect(r.rule).toBe('communeShare');
    if (r.rule !== 'communeShare') return;
    expect(r.children.map((c) => c.level)).toEqual([1, 1, 3]); // 300 per 100k → band 4 → 3
    expect(r.level).toBe(3); // 1 of 3 wards (33 %) at level ≥ 3
    expect(r.thresholdsToReview).toEqual(expect.arrayContaining(['rollup.rule', 'rollup.share.primary', 't4800.tc2.adultDose1']));
  });
});
