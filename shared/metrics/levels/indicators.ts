import { z } from 'zod';
import type { Tier } from './types';

/**
 * Inputs of one level assessment, for one unit and one assessment date.
 *
 * Counts are raw counts over the 7-day window (the engine turns them into rates with
 * `population`), so children can be summed into a parent exactly. Anything a rule set does not
 * need is optional; `null` and absent both mean "not available" and are REPORTED in the
 * assessment's `missing` list with the default that was applied — never read as 0.
 */
export interface LevelIndicators {
  unitCode?: string | null;
  /** Tier of the unit; decides which QĐ 218 capacity indicator is expected (default 'ward'). */
  tier?: Tier;
  population: number;
  /** New cases over the 7 days d−6 … d. `total` = community + quarantined. */
  newCases7d: { community: number; total?: number | null };
  /** Patients newly needing oxygen/respiratory support over the 7 days (QĐ 218). */
  oxygen7d?: number | null;
  /** Deaths over the 7 days (QĐ 218). */
  deaths7d?: number | null;
  /** Coverage shares 0–1 (see vaccination.ts). */
  coverage?: {
    adultDose1?: number | null;
    senior50Full?: number | null;
    populationFull?: number | null;
    highRiskFull?: number | null;
  } | null;
  /** QĐ 4800 TC3 (capacity to admit and treat) as assessed by the health service. */
  tc3Met?: boolean | null;
  /** QĐ 218 TC3 raw counts; rates are computed from `population`. */
  capacity?: {
    /** 3a: COVID-19 patients the unit can manage/care for in the community (mobile stations, care teams). */
    communityCare?: number | null;
    /** 3b: vacant hospital beds for COVID-19 patients. */
    vacantBeds?: number | null;
    /** 3c: ICU (hồi sức tích cực) beds for COVID-19 patients. */
    icuBeds?: number | null;
  } | null;
}

const countSchema = z.number().nonnegative('không được âm / must not be negative');
const share = z.number().min(0, 'phải trong 0–1 / must be within 0–1').max(1, 'phải trong 0–1 / must be within 0–1');

export const levelIndicatorsSchema = z
  .object({
    unitCode: z.string().nullish(),
    tier: z.enum(['ward', 'district', 'province']).optional(),
    population: z.number().positive('dân số phải > 0 / population must be > 0'),
    newCases7d: z.object({ community: countSchema, total: countSchema.nullish() }),
    oxygen7d: countSchema.nullish(),
    deaths7d: countSchema.nullish(),
    coverage: z
      .object({
        adultDose1: share.nullish(),
        senior50Full: share.nullish(),
        populationFull: share.nullish(),
        highRiskFull: share.nullish(),
      })
      .nullish(),
    tc3Met: z.boolean().nullish(),
    capacity: z
      .object({ communityCare: countSchema.nullish(), vacantBeds: countSchema.nullish(), icuBeds: countSchema.nullish() })
      .nullish(),
  })
  .refine((i) => i.newCases7d.total == null || i.newCases7d.total >= i.newCases7d.community, {
    message: 'tổng ca phải ≥ ca cộng đồng / total cases must be ≥ community cases',
    path: ['newCases7d', 'total'],
  });

const present = <T>(x: T | null | undefined): x is T => x !== null && x !== undefined;

/** Sum of a field when EVERY child has it; null otherwise (a partial sum would understate). */
function sumAll(values: Array<number | null | undefined>): number | null {
  return values.every(present) ? values.reduce<number>((a, b) => a + b, 0) : null;
}

/** Population-weighted mean of a share when every child has it. */
function weightedShare(children: readonly LevelIndicators[], pick: (c: LevelIndicators) => number | null | undefined) {
  const values = children.map(pick);
  if (!values.every(present)) return null;
  const pop = children.reduce((a, c) => a + c.population, 0);
  return children.reduce((a, c, i) => a + c.population * values[i]!, 0) / pop;
}

/**
 * Indicators of a parent unit from its children (ward → district, district → city): counts and
 * populations are summed; coverage shares are population-weighted, which is exact when the
 * children's coverage came from vaccinationCoverage() with the same age shares. A field missing
 * in any child is missing in the parent (reported there, not guessed). TC3 (4800) is met only
 * when every child meets it; one child not meeting it is enough for "not met".
 */
export function aggregateIndicators(
  children: readonly LevelIndicators[],
  parent: { unitCode?: string | null; tier?: Tier } = {},
): LevelIndicators {
  if (children.length === 0) throw new RangeError('aggregateIndicators needs at least one child unit');
  const tc3 = children.map((c) => c.tc3Met);
  const tc3Met = tc3.some((v) => v === false) ? false : tc3.every((v) => v === true) ? true : null;
  return {
    unitCode: parent.unitCode ?? null,
    tier: parent.tier ?? 'district',
    population: children.reduce((a, c) => a + c.population, 0),
    newCases7d: {
      community: children.reduce((a, c) => a + c.newCases7d.community, 0),
      total: sumAll(children.map((c) => c.newCases7d.total)),
    },
    oxygen7d: sumAll(children.map((c) => c.oxygen7d)),
    deaths7d: sumAll(children.map((c) => c.deaths7d)),
    coverage: {
      adultDose1: weightedShare(children, (c) => c.coverage?.adultDose1),
      senior50Full: weightedShare(children, (c) => c.coverage?.senior50Full),
      populationFull: weightedShare(children, (c) => c.coverage?.populationFull),
      highRiskFull: weightedShare(children, (c) => c.coverage?.highRiskFull),
    },
    tc3Met,
    capacity: {
      communityCare: sumAll(children.map((c) => c.capacity?.communityCare)),
      vacantBeds: sumAll(children.map((c) => c.capacity?.vacantBeds)),
      icuBeds: sumAll(children.map((c) => c.capacity?.icuBeds)),
    },
  };
}
