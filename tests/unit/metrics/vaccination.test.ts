import { describe, expect, it } from 'vitest';
import { DEFAULT_AGE_SHARES, ageSharesSchema, coverageShare, vaccinationCoverage } from '../../../shared/metrics';

const base = { adultDose1: 66_600, adultDose2: 60_000, seniorDose2: 20_000, teenDose2: 5_000, childDose2: 10_000 };

describe('vaccination coverage', () => {
  it('uses the default approximate age shares (18+ 0.74, 50+ 0.25)', () => {
    expect(DEFAULT_AGE_SHARES).toEqual({ adult18Plus: 0.74, senior50Plus: 0.25 });
    const c = vaccinationCoverage(base, 100_000);
    expect(c.adultDose1).toBeCloseTo(66_600 / 74_000, 12); // 0.9
    expect(c.senior50Full).toBeCloseTo(0.8, 12); // 20,000 / 25,000
    expect(c.populationFull).toBeCloseTo(0.75, 12); // (60,000 + 5,000 + 10,000) / 100,000
    expect(c.highRiskFull).toBe(c.senior50Full); // approximated by 50+
    expect(c.capped).toEqual([]);
  });

  it('caps at 1 and says which fields were capped', () => {
    const c = vaccinationCoverage({ ...base, adultDose1: 80_000, seniorDose2: 30_000 }, 100_000);
    expect(c.adultDose1).toBe(1);
    expect(c.senior50Full).toBe(1);
    expect(c.highRiskFull).toBe(1);
    expect(c.capped).toEqual(['adultDose1', 'senior50Full', 'highRiskFull']);
  });

  it('takes configurable age shares', () => {
    const c = vaccinationCoverage(base, 100_000, { adult18Plus: 0.8, senior50Plus: 0.2 });
    expect(c.adultDose1).toBeCloseTo(66_600 / 80_000, 12);
    expect(c.senior50Full).toBe(1);
  });

  it('population 0 → null, never NaN', () => {
    const c = vaccinationCoverage(base, 0);
    expect([c.adultDose1, c.senior50Full, c.populationFull, c.highRiskFull]).toEqual([null, null, null, null]);
    expect(coverageShare(1, 0)).toBeNull();
  });

  it.each([
    [{ adult18Plus: 0.74, senior50Plus: 0.8 }, 'senior50Plus'],
    [{ adult18Plus: 0, senior50Plus: 0 }, 'adult18Plus'],
    [{ adult18Plus: 1.2, senior50Plus: 0.2 }, 'adult18Plus'],
    [{ adult18Plus: 0.7, senior50Plus: 0.2, extra: 1 }, ''],
  ])('age-share schema rejects %j (field %s)', (input, field) => {
    const r = ageSharesSchema.safeParse(input);
    expect(r.success).toBe(false);
    if (field) expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  it('age-share schema accepts the defaults', () => {
    expect(ageSharesSchema.safeParse(DEFAULT_AGE_SHARES).success).toBe(true);
  });
});
