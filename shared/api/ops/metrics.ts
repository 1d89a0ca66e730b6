import { z } from 'zod';
import { isoDate, unitCode, unitLevel } from '../../domain';
import { op } from '../op';

/**
 * Situation metrics per unit for a day — what the map, the district panel, the wall
 * display and the briefing show. Computed in the core by shared/metrics (the single
 * source of truth for formulas and levels); these schemas are only the transport shape.
 */
const bilingual = z.object({ vi: z.string(), en: z.string() });

export const epidemicLevelOut = z.object({
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  ruleSet: z.enum(['4800', '218']),
  /** Id of the criterion that drove the level (e.g. "tc1") and its explanation. */
  driverId: z.string(),
  driverText: bilingual,
  /** How far to the next level up / down, in words (null when not computable). */
  distanceUp: bilingual.nullable(),
  distanceDown: bilingual.nullable(),
  /** True when a threshold that decided this level is a default still to be reviewed. */
  usesUnconfirmed: z.boolean(),
});
export type EpidemicLevelOut = z.infer<typeof epidemicLevelOut>;

export const unitMetrics = z.object({
  code: unitCode,
  name: z.string(),
  adminLevel: unitLevel,
  parentCode: unitCode.nullable(),
  population: z.number().int(),
  /** Sum over the 7 days ending on the date (d-6..d). */
  newCommunity7d: z.number().int(),
  newTotal7d: z.number().int(),
  /** New cases per 100,000 over 7 days, on the configured case base (community or all). */
  incidence7dPer100k: z.number().nullable(),
  newCasesToday: z.number().int(),
  activeF0: z.number().int(),
  activeF0Per100k: z.number().nullable(),
  /** Week over week: (last 7 days − previous 7) / previous 7; null when the previous week had none. */
  trendRatio: z.number().nullable(),
  trendKind: z.string(),
  oxygen7dPer100k: z.number().nullable(),
  deaths7dPer100k: z.number().nullable(),
  /** Shares 0–1, null when no vaccination report exists yet. */
  coverageAdultDose1: z.number().nullable(),
  coverageSenior50Full: z.number().nullable(),
  /** Date of the newest report on or before the date (reporting freshness). */
  lastReportDate: isoDate.nullable(),
  reportedOnDate: z.boolean(),
  epidemicLevel: epidemicLevelOut.nullable(),
});
export type UnitMetrics = z.infer<typeof unitMetrics>;

export const metricsOps = {
  'metrics.range': op({
    kind: 'query',
    input: z.object({}).strict(),
    output: z.object({ firstDate: isoDate.nullable(), lastDate: isoDate.nullable() }),
    minRole: 'viewer',
    summary: 'First and last report dates (the time slider range)',
  }),
  'metrics.snapshot': op({
    kind: 'query',
    input: z.object({ date: isoDate, level: z.enum(['district', 'ward']) }).strict(),
    output: z.object({ date: isoDate, level: z.enum(['district', 'ward']), units: z.array(unitMetrics), city: unitMetrics }),
    minRole: 'viewer',
    summary: 'Metrics and epidemic level of every district (or ward) and the city for one day',
  }),
  'metrics.series': op({
    kind: 'query',
    input: z.object({ unitCode, from: isoDate, to: isoDate }).strict(),
    output: z.object({
      unitCode,
      dates: z.array(isoDate),
      newCases: z.array(z.number().int()),
      incidence7dPer100k: z.array(z.number().nullable()),
      activeF0: z.array(z.number().int()),
    }),
    minRole: 'viewer',
    summary: 'Daily series of one unit (sparklines, charts)',
  }),
} as const;
