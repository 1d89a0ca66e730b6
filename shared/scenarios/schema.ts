import { z } from 'zod';
import { isoDate } from '../domain/common';

/**
 * Inputs of a response scenario ("what if 3,000 new F0 a day"), validated with zod at every
 * boundary (the API, a saved scenario read back from the settings table, the planner form).
 * Shares are fractions 0–1 (the screen shows percent); lengths of stay and delays are whole
 * days because the planner is a daily fixed-delay pipeline (see planner.ts).
 */

/** Where a patient is cared for: at home (followed by a health station) or in a tier-1/2/3 bed. */
export const CARE_TIERS = ['home', 't1', 't2', 't3'] as const;
export type CareTier = (typeof CARE_TIERS)[number];
export const careTier = z.enum(CARE_TIERS);

/** What runs out: beds of each tier, ICU beds, oxygen outlets (home care has no bed limit). */
export const RESOURCES = ['t1', 't2', 't3', 'icu', 'oxygen'] as const;
export type Resource = (typeof RESOURCES)[number];

/** Longest planning horizon (days). */
export const MAX_HORIZON = 180;
/** Longest length of stay or transfer delay (days). */
export const MAX_DAYS = 120;
/** Upper bound of new cases a day (a typo guard: Hà Nội's worst day in 2022 was under 40,000). */
export const MAX_CASES_PER_DAY = 1_000_000;

const share = z.number('phải là số').min(0, 'không được âm').max(1, 'tối đa 100 %');
const days = z.number('phải là số').int('phải là số nguyên ngày').min(1, 'tối thiểu 1 ngày').max(MAX_DAYS, `tối đa ${MAX_DAYS} ngày`);
const amount = z.number('phải là số').min(0, 'không được âm').max(10_000_000, 'quá lớn');
const caseCount = z.number('phải là số').min(0, 'không được âm').max(MAX_CASES_PER_DAY, 'quá lớn');
const perTier = <T extends z.ZodType>(t: T) => z.object({ home: t, t1: t, t2: t, t3: t }).strict();

/**
 * The daily new-case path, day 1 … horizon. `series` values are stored with the scenario
 * (a pasted list, a CSV column, or the forecast as it was when chosen) so a saved scenario
 * gives the same answer tomorrow; after the list ends the last value is held or drops to 0.
 */
export const casePath = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant'), perDay: caseCount }).strict(),
  z
    .object({
      kind: z.literal('ramp'),
      from: caseCount,
      to: caseCount,
      /** Days to go from `from` (day 1) to `to` (day `days`); held afterwards. */
      days: z.number().int('phải là số nguyên ngày').min(1).max(MAX_HORIZON),
    })
    .strict(),
  z
    .object({
      kind: z.literal('series'),
      source: z.enum(['imported', 'forecast']),
      values: z.array(caseCount).min(1, 'cần ít nhất 1 giá trị').max(MAX_HORIZON, `tối đa ${MAX_HORIZON} giá trị`),
      after: z.enum(['hold', 'zero']),
      /** Where the values came from (file and column, or "dự báo đến 31/01/2022, mức trên 80 %"). */
      note: z.string().max(300),
    })
    .strict(),
]);
export type CasePath = z.infer<typeof casePath>;

/** A share of the patients of tier `from` moves to tier `to` after `afterDays` days there. */
export const transferRoute = z
  .object({ from: careTier, to: careTier, share, afterDays: days })
  .strict()
  .refine((r) => r.from !== r.to, { message: 'tầng đi và tầng đến phải khác nhau', path: ['to'] });
export type TransferRoute = z.infer<typeof transferRoute>;

export const scenarioParams = z
  .object({
    /** New cases by where they are first cared for; must add up to 100 %. */
    split: perTier(share),
    /** Days in the tier of a patient discharged from it (fixed delay). */
    los: perTier(days),
    /** Share of the patients of each tier that need an oxygen outlet. */
    oxygenShare: perTier(share),
    /** Share of tier-3 patients that need an ICU bed (critical, not only severe). */
    icuShare: share,
    transfers: z.array(transferRoute).max(12),
  })
  .strict()
  .superRefine((p, ctx) => {
    const total = p.split.home + p.split.t1 + p.split.t2 + p.split.t3;
    if (Math.abs(total - 1) > 1e-6) {
      ctx.addIssue({ code: 'custom', path: ['split'], message: `tổng tỷ lệ phân tầng phải là 100 % (đang là ${Math.round(total * 1000) / 10} %)` });
    }
    for (const tier of CARE_TIERS) {
      const out = p.transfers.filter((r) => r.from === tier).reduce((n, r) => n + r.share, 0);
      if (out > 1 + 1e-9) ctx.addIssue({ code: 'custom', path: ['transfers'], message: `tổng tỷ lệ chuyển đi từ ${tier} vượt 100 %` });
    }
  });
export type ScenarioParams = z.infer<typeof scenarioParams>;

export const capacity = z.object({ t1: amount, t2: amount, t3: amount, icu: amount, oxygen: amount }).strict();
export type Capacity = z.infer<typeof capacity>;

/** A facility (or ward) opening on `date` with this many places. */
export const plannedAddition = capacity
  .extend({ date: isoDate, label: z.string().trim().min(1, 'không được để trống').max(200) })
  .strict();
export type PlannedAddition = z.infer<typeof plannedAddition>;

export const scenarioInputs = z
  .object({
    /** Day 0: the starting occupancy is "as of" this day; day 1 is the next day. */
    startDate: isoDate,
    horizonDays: z.number().int('phải là số nguyên').min(1, 'tối thiểu 1 ngày').max(MAX_HORIZON, `tối đa ${MAX_HORIZON} ngày`),
    casePath,
    params: scenarioParams,
    /** Patients in care on day 0 (from the latest facility status and F0 at home). */
    start: perTier(amount),
    capacity,
    additions: z.array(plannedAddition).max(100),
    /** Preset it was made from, if any (for labels only). */
    preset: z.enum(['p2000', 'p3000']).nullable(),
  })
  .strict();
export type ScenarioInputs = z.infer<typeof scenarioInputs>;

// ---------------------------------------------------------------- results
const num = z.number();
export const resourceSummary = z.object({
  resource: z.enum(RESOURCES),
  capacityStart: num,
  capacityEnd: num,
  peakDemand: num,
  peakDay: z.number().int(),
  peakDate: isoDate,
  /** First day (0 = start) demand reaches capacity (and is above 0); null = never within the horizon. */
  firstFullDay: z.number().int().nullable(),
  firstFullDate: isoDate.nullable(),
  /** Largest excess of demand over capacity (peak shortfall); 0 when it never goes over. */
  shortfall: num,
  shortfallDay: z.number().int().nullable(),
  daysOverCapacity: z.number().int(),
  endDemand: num,
});
export type ResourceSummary = z.infer<typeof resourceSummary>;

export const tierFlows = z.object({
  /** Occupancy (demand) at the end of each day, day 0 … horizon. */
  demand: z.array(num),
  /** New patients of the day: new cases placed here plus transfers in (day 0 = 0). */
  admissions: z.array(num),
  discharges: z.array(num),
  transfersOut: z.array(num),
  transfersIn: z.array(num),
});
export type TierFlows = z.infer<typeof tierFlows>;

export const scenarioResult = z.object({
  dates: z.array(isoDate),
  /** New cases of each day (null on day 0, which is the starting point). */
  newCases: z.array(num.nullable()),
  tiers: z.object({ home: tierFlows, t1: tierFlows, t2: tierFlows, t3: tierFlows }),
  demand: z.object({ t1: z.array(num), t2: z.array(num), t3: z.array(num), icu: z.array(num), oxygen: z.array(num) }),
  capacity: z.object({ t1: z.array(num), t2: z.array(num), t3: z.array(num), icu: z.array(num), oxygen: z.array(num) }),
  summary: z.array(resourceSummary),
  homePeak: num,
  totalCases: num,
});
export type ScenarioResult = z.infer<typeof scenarioResult>;

// ---------------------------------------------------------------- saved scenarios
export const scenarioName = z.string().trim().min(1, 'không được để trống').max(200).transform((s) => s.normalize('NFC'));
export const savedScenario = z.object({
  id: z.uuid(),
  name: scenarioName,
  note: z.string().trim().max(2000).transform((s) => s.normalize('NFC')),
  /** The directive task this scenario supports (null: none). */
  taskId: z.uuid().nullable(),
  inputs: scenarioInputs,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Operator who saved it last (the change log has the full history). */
  author: z.string().max(120),
});
export type SavedScenario = z.infer<typeof savedScenario>;
