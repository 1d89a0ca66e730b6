import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessLevel,
  classIndex,
  daysUntilSaturation,
  rollUpLevel,
  weekOverWeek,
  type Distance,
  type Intermediates218,
  type LevelAssessment,
  type LevelConfig,
  type LevelIndicators,
} from '../../../shared/metrics';
import { D218, D4800, DEF, cfg, jsonSafe } from './fixtures';

const CONFIGS: LevelConfig[] = [
  DEF,
  cfg({ thresholds: { 't4800.combination': { value: 'draft' } } }),
  cfg({ thresholds: { 't218.transmission.combine': { value: 'casesOnly' }, 't218.deathOverride.target': { value: 'transmission' } } }),
  cfg({ thresholds: { 't218.caseBase': { value: 'community' }, 't4800.tc3.whenMissing': { value: 'met' } } }),
  cfg({ thresholds: { 't218.deathOverride.threshold': { comparison: 'gte' }, 't218.cap.whenMissing': { value: 'cao' } } }),
];

const share = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
const count = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: null });

const indicatorsArb: fc.Arbitrary<LevelIndicators> = fc
  .record({
    population: fc.integer({ min: 300, max: 3_000_000 }),
    community: fc.integer({ min: 0, max: 30_000 }),
    quarantined: count(30_000),
    oxygen: count(2_000),
    deaths: count(300),
    adult: share,
    senior: share,
    popFull: share,
    highRisk: share,
    tc3: fc.option(fc.boolean(), { nil: null }),
    care: count(20_000),
    beds: count(5_000),
    icu: count(500),
    tier: fc.constantFrom('ward' as const, 'district' as const, 'province' as const),
  })
  .map((r) => ({
    tier: r.tier,
    population: r.population,
    newCases7d: { community: r.community, total: r.quarantined === null ? null : r.community + r.quarantined },
    oxygen7d: r.oxygen,
    deaths7d: r.deaths,
    coverage: { adultDose1: r.adult, senior50Full: r.senior, populationFull: r.popFull, highRiskFull: r.highRisk },
    tc3Met: r.tc3,
    capacity: { communityCare: r.care, vacantBeds: r.beds, icuBeds: r.icu },
  }));

const configArb = fc.constantFrom(...CONFIGS);
const dateArb = fc.constantFrom(D4800, D218);

/** The same indicators with the count behind a criterion set to `n`. */
function withCount(i: LevelIndicators, a: LevelAssessment, criterionId: string, n: number): LevelIndicators {
  const total = i.newCases7d.total ?? null;
  switch (criterionId) {
    case '4800.TC1':
      return { ...i, newCases7d: { community: n, total: total === null ? null : Math.max(total, n) } };
    case '218.TC1.cases':
      return (a.intermediates as Intermediates218).caseBase.used === 'all'
        ? { ...i, newCases7d: { community: Math.min(i.newCases7d.community, n), total: n } }
        : { ...i, newCases7d: { community: n, total: total === null ? null : Math.max(total, n) } };
    case '218.TC1.oxygen':
      return { ...i, oxygen7d: n };
    case '218.TC1.deaths':
      return { ...i, deaths7d: n };
    default:
      throw new Error(criterionId);
  }
}

describe('properties', () => {
  it('level is monotone non-decreasing in new cases, everything else fixed (every rule set and option)', () => {
    fc.assert(
      fc.property(indicatorsArb, fc.integer({ min: 0, max: 50_000 }), configArb, dateArb, (i, extra, c, d) => {
        const more: LevelIndicators = {
          ...i,
          newCases7d: {
            community: i.newCases7d.community + extra,
            total: i.newCases7d.total == null ? null : i.newCases7d.total + extra,
          },
        };
        expect(assessLevel(more, c, d).level).toBeGreaterThanOrEqual(assessLevel(i, c, d).level);
      }),
      { numRuns: 400 },
    );
  });

  it('level is monotone non-decreasing in deaths and oxygen patients too', () => {
    fc.assert(
      fc.property(indicatorsArb, fc.integer({ min: 0, max: 500 }), configArb, (i, extra, c) => {
        const more = { ...i, deaths7d: (i.deaths7d ?? 0) + extra, oxygen7d: (i.oxygen7d ?? 0) + extra };
        const base = { ...i, deaths7d: i.deaths7d ?? 0, oxygen7d: i.oxygen7d ?? 0 };
        expect(assessLevel(more, c, D218).level).toBeGreaterThanOrEqual(assessLevel(base, c, D218).level);
      }),
      { numRuns: 300 },
    );
  });

  it('every assessment and roll-up is JSON-safe (no undefined, NaN or Infinity) and round-trips', () => {
    fc.assert(
      fc.property(fc.array(indicatorsArb, { minLength: 1, maxLength: 4 }), configArb, dateArb, (wards, c, d) => {
        const a = assessLevel(wards[0]!, c, d);
        expect(jsonSafe(a)).toBe(true);
        expect(JSON.parse(JSON.stringify(a))).toEqual(a);
        expect([1, 2, 3, 4]).toContain(a.level);
        const r = rollUpLevel(wards, cfg({ thresholds: { 'rollup.rule': { value: 'communeShare' } } }), d);
        expect(jsonSafe(r)).toBe(true);
        expect(jsonSafe(rollUpLevel(wards, c, d))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('moving a criterion by the reported count reaches exactly the reported level (and one less does not)', () => {
    let checked = 0;
    fc.assert(
      fc.property(indicatorsArb, configArb, dateArb, (i, c, d) => {
        const a = assessLevel(i, c, d);
        const all: Distance[] = [a.distance.up, a.distance.down, ...a.distancesByCriterion].filter((x): x is Distance => x !== null);
        for (const dist of all) {
          const sign = dist.direction === 'up' ? 1 : -1;
          expect(dist.deltaCount).toBeGreaterThanOrEqual(1);
          expect(dist.targetCount).toBe(dist.currentCount + sign * dist.deltaCount);
          const at = (n: number) => assessLevel(withCount(i, a, dist.criterionId, n), c, d).level;
          expect(at(dist.targetCount)).toBe(dist.targetLevel);
          expect(at(dist.targetCount - sign)).toBe(a.level);
          checked++;
        }
      }),
      { numRuns: 150 },
    );
    expect(checked).toBeGreaterThan(100); // the property was not vacuous
  });

  it('metric helpers never return NaN or Infinity', () => {
    fc.assert(
      fc.property(
        fc.nat(1e7),
        fc.nat(1e7),
        fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }), { maxLength: 10 }),
        fc.double({ min: -10, max: 1e6, noNaN: true }),
        (last, prev, values, cap) => {
          expect(jsonSafe(weekOverWeek(last, prev))).toBe(true);
          const d = daysUntilSaturation(values, cap);
          expect(d === null || (Number.isInteger(d) && d >= 0)).toBe(true);
          const k = classIndex('incidence7d', last / (prev + 1));
          expect(k === null || (k >= 0 && k <= 4)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
