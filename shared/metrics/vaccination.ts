import { z } from 'zod';

/**
 * Vaccination coverage for the level criteria (QĐ 4800 TC2, QĐ 218 TC2).
 *
 * The census gives only the TOTAL population of each unit, so the age-group denominators are
 * estimated as population × age share. The default shares below are APPROXIMATE defaults for
 * Hà Nội (national age structure: ~26 % under 18, ~25 % aged 50+). They are not sourced from a
 * Hà Nội age table and MUST be reviewable in settings; replace them with the unit's own age
 * structure when the statistics office provides it.
 */
export interface AgeShares {
  /** Share of the population aged 18 and over. */
  adult18Plus: number;
  /** Share of the population aged 50 and over. */
  senior50Plus: number;
}

export const DEFAULT_AGE_SHARES: Readonly<AgeShares> = Object.freeze({
  adult18Plus: 0.74, // approximate default, review
  senior50Plus: 0.25, // approximate default, review
});

export const ageSharesSchema = z
  .object({
    adult18Plus: z.number().gt(0, 'phải > 0').lte(1, 'phải ≤ 1'),
    senior50Plus: z.number().gt(0, 'phải > 0').lte(1, 'phải ≤ 1'),
  })
  .strict()
  .refine((s) => s.senior50Plus <= s.adult18Plus, {
    message: 'tỷ lệ 50+ không được lớn hơn tỷ lệ 18+ / the 50+ share cannot exceed the 18+ share',
    path: ['senior50Plus'],
  });

/** Cumulative people vaccinated (the fields of the domain `Vaccination` row that coverage needs). */
export interface VaccinationCounts {
  adultDose1: number;
  adultDose2: number;
  seniorDose2: number;
  teenDose2: number;
  childDose2: number;
}

export interface Coverage {
  /** Share of people aged 18+ with ≥ 1 dose (4800 TC2a [S9, S10]). */
  adultDose1: number | null;
  /** Share of people aged 50+ fully vaccinated (4800 TC2b [S11, S44]). */
  senior50Full: number | null;
  /** Share of the WHOLE population fully vaccinated, primary series (218 TC2 [S7, S25]). */
  populationFull: number | null;
  /**
   * Share of the high-risk group fully vaccinated (218 TC2 [S7, S25]). The group is "elderly and
   * people with comorbidities"; the data only has 50+, so this is APPROXIMATED by the 50+ share
   * (UNCONFIRMED definition).
   */
  highRiskFull: number | null;
  /** Fields whose raw ratio exceeded 1 (numerator above the estimated denominator) and were capped. */
  capped: Array<keyof Omit<Coverage, 'capped'>>;
}

/** numerator ÷ denominator capped at 1; null when the denominator is not positive. */
export function coverageShare(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return Math.min(1, Math.max(0, numerator / denominator));
}

/**
 * Coverage shares of a unit. Capped at 1 because the denominators are estimates (and people
 * vaccinated where they work, not where they live, push some wards above 100 %).
 */
export function vaccinationCoverage(
  counts: VaccinationCounts,
  population: number,
  shares: AgeShares = DEFAULT_AGE_SHARES,
): Coverage {
  const adults = population * shares.adult18Plus;
  const seniors = population * shares.senior50Plus;
  const fully = counts.adultDose2 + counts.teenDose2 + counts.childDose2;
  const raw = {
    adultDose1: adults > 0 ? counts.adultDose1 / adults : null,
    senior50Full: seniors > 0 ? counts.seniorDose2 / seniors : null,
    populationFull: population > 0 ? fully / population : null,
  };
  const capped: Coverage['capped'] = [];
  for (const [k, v] of Object.entries(raw)) if (v !== null && v > 1) capped.push(k as keyof typeof raw);
  const senior50Full = coverageShare(counts.seniorDose2, seniors);
  if (capped.includes('senior50Full')) capped.push('highRiskFull');
  return {
    adultDose1: coverageShare(counts.adultDose1, adults),
    senior50Full,
    populationFull: coverageShare(fully, population),
    highRiskFull: senior50Full,
    capped,
  };
}
