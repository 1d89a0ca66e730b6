import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARE_TIERS, RESOURCES, runScenario, scenarioInputs, type CareTier, type ScenarioInputs, type TransferRoute } from '../../../shared/scenarios';

/** Random valid scenarios: any split, LOS, transfers (≤ 100 % out of a tier), path, start, capacity. */
const tier = fc.constantFrom<CareTier>(...CARE_TIERS);
const split = fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100), fc.nat(100)).map(([a, b, c, d]) => {
  const total = a + b + c + d || 1;
  const t3 = 1 - a / total - b / total - c / total;
  return { home: a / total, t1: b / total, t2: c / total, t3: Math.max(0, t3) };
});
const routes = fc
  .array(fc.record({ from: tier, to: tier, share: fc.double({ min: 0, max: 0.45, noNaN: true }), afterDays: fc.integer({ min: 1, max: 20 }) }), { maxLength: 4 })
  .map((rs) => {
    const ok: TransferRoute[] = [];
    for (const r of rs) {
      if (r.from === r.to) continue;
      const out = ok.filter((x) => x.from === r.from).reduce((n, x) => n + x.share, 0);
      if (out + r.share <= 1) ok.push(r);
    }
    return ok;
  });
const count = fc.double({ min: 0, max: 5000, noNaN: true });
const path = fc.oneof(
  count.map((perDay) => ({ kind: 'constant' as const, perDay })),
  fc.record({ kind: fc.constant('ramp' as const), from: count, to: count, days: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('series' as const), source: fc.constant('imported' as const), values: fc.array(count, { minLength: 1, maxLength: 40 }), after: fc.constantFrom('hold' as const, 'zero' as const), note: fc.constant('') }),
);
const perTier = (arb: fc.Arbitrary<number>) => fc.record({ home: arb, t1: arb, t2: arb, t3: arb });
const inputs = (opts: { transfers: boolean }): fc.Arbitrary<ScenarioInputs> =>
  fc.record({
    startDate: fc.constant('2021-12-01'),
    horizonDays: fc.integer({ min: 1, max: 90 }),
    casePath: path,
    params: fc.record({
      split,
      los: perTier(fc.integer({ min: 1, max: 30 })),
      oxygenShare: perTier(fc.double({ min: 0, max: 1, noNaN: true })),
      icuShare: fc.double({ min: 0, max: 1, noNaN: true }),
      transfers: opts.transfers ? routes : fc.constant([]),
    }),
    start: perTier(count),
    capacity: fc.record({ t1: count, t2: count, t3: count, icu: count, oxygen: count }),
    additions: fc.constant([]),
    preset: fc.constant(null),
  });

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
/** Patients that ever pass through a scenario: the scale of its accounting's float noise. */
const volume = (i: ScenarioInputs, r: ReturnType<typeof runScenario>) => 1 + sum(CARE_TIERS.map((t) => i.start[t])) + sum(r.newCases.slice(1) as number[]);
/** Equal up to float noise: a millionth of the scenario's volume. */
const closeTo = (scale: number) => (a: number, b: number) => Math.abs(a - b) <= 1e-6 * scale;

describe('planner properties', () => {
  it('generated inputs are valid (the generators test what the app accepts)', () => {
    fc.assert(fc.property(inputs({ transfers: true }), (i) => scenarioInputs.safeParse(i).success));
  });

  it('occupancy and every need are never negative', () => {
    fc.assert(
      fc.property(inputs({ transfers: true }), (i) => {
        const r = runScenario(i);
        for (const t of CARE_TIERS) for (const v of r.tiers[t].demand) expect(v).toBeGreaterThanOrEqual(0);
        for (const res of RESOURCES) for (const v of r.demand[res]) expect(v).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('each tier balances every day: occupancy = previous + admissions − discharges − transfers out', () => {
    fc.assert(
      fc.property(inputs({ transfers: true }), (i) => {
        const r = runScenario(i);
        const close = closeTo(volume(i, r));
        for (const t of CARE_TIERS) {
          const f = r.tiers[t];
          for (let d = 1; d < f.demand.length; d++) {
            expect(close(f.demand[d]!, f.demand[d - 1]! + f.admissions[d]! - f.discharges[d]! - f.transfersOut[d]!)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('without transfers patients are conserved: everyone admitted leaves exactly LOS days later', () => {
    fc.assert(
      fc.property(inputs({ transfers: false }), (i) => {
        const r = runScenario(i);
        const close = closeTo(volume(i, r));
        for (let d = 1; d < r.dates.length; d++) {
          // All new cases are placed somewhere (the split adds up to 100 %).
          expect(close(sum(CARE_TIERS.map((t) => r.tiers[t].admissions[d]!)), r.newCases[d]!)).toBe(true);
        }
        for (const t of CARE_TIERS) {
          const f = r.tiers[t];
          const L = i.params.los[t];
          for (let d = 1; d < f.demand.length; d++) {
            // In care at the end of day d: the starting patients not yet discharged + admissions of the last L days.
            const startLeft = i.start[t] * Math.max(0, L - d) / L;
            const recent = sum(f.admissions.slice(Math.max(1, d - L + 1), d + 1));
            expect(close(f.demand[d]!, startLeft + recent)).toBe(true);
            expect(f.transfersOut[d]).toBe(0);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('with transfers the city total is conserved: transfers move patients, never create or lose them', () => {
    fc.assert(
      fc.property(inputs({ transfers: true }), (i) => {
        const r = runScenario(i);
        const close = closeTo(volume(i, r));
        let inCare = sum(CARE_TIERS.map((t) => i.start[t]));
        for (let d = 1; d < r.dates.length; d++) {
          inCare += r.newCases[d]! - sum(CARE_TIERS.map((t) => r.tiers[t].discharges[d]!));
          expect(close(sum(CARE_TIERS.map((t) => r.tiers[t].demand[d]!)), inCare)).toBe(true);
          expect(close(sum(CARE_TIERS.map((t) => r.tiers[t].transfersIn[d]!)), sum(CARE_TIERS.map((t) => r.tiers[t].transfersOut[d]!)))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('more cases every day → never less need, and every resource runs out on the same day or earlier', () => {
    fc.assert(
      fc.property(inputs({ transfers: true }), fc.array(fc.double({ min: 0, max: 3000, noNaN: true }), { minLength: 90, maxLength: 90 }), (i, extra) => {
        const base = runScenario(i);
        const values = base.newCases.slice(1).map((v, d) => v! + extra[d]!);
        const more = runScenario({ ...i, casePath: { kind: 'series', source: 'imported', values, after: 'zero', note: '' } });
        for (const res of RESOURCES) {
          for (let d = 0; d < base.dates.length; d++) expect(more.demand[res][d]! + 1e-6).toBeGreaterThanOrEqual(base.demand[res][d]!);
          const a = base.summary.find((s) => s.resource === res)!;
          const b = more.summary.find((s) => s.resource === res)!;
          expect(b.firstFullDay ?? Infinity).toBeLessThanOrEqual(a.firstFullDay ?? Infinity);
          expect(b.shortfall + 1e-6).toBeGreaterThanOrEqual(a.shortfall);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('more capacity → a resource never runs out earlier', () => {
    fc.assert(
      fc.property(inputs({ transfers: true }), fc.double({ min: 0, max: 5000, noNaN: true }), (i, add) => {
        const a = runScenario(i);
        const b = runScenario({ ...i, capacity: { t1: i.capacity.t1 + add, t2: i.capacity.t2 + add, t3: i.capacity.t3 + add, icu: i.capacity.icu + add, oxygen: i.capacity.oxygen + add } });
        for (const res of RESOURCES) {
          const x = a.summary.find((s) => s.resource === res)!.firstFullDay ?? Infinity;
          const y = b.summary.find((s) => s.resource === res)!.firstFullDay ?? Infinity;
          expect(y).toBeGreaterThanOrEqual(x);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic and leaves its input untouched', () => {
    fc.assert(
      fc.property(inputs({ transfers: true }), (i) => {
        const copy = structuredClone(i);
        expect(runScenario(i)).toEqual(runScenario(copy));
        expect(i).toEqual(copy);
      }),
      { numRuns: 50 },
    );
  });
});
