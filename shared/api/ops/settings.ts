import { z } from 'zod';
import { op } from '../op';

/**
 * Settings that change how the app judges the situation: the epidemic-level thresholds.
 * Every row carries its evidence status; unconfirmed ones are defaults to review.
 */
export const thresholdRowOut = z.object({
  id: z.string(),
  kind: z.enum(['number', 'level', 'choice', 'boolean', 'date']),
  labelVi: z.string(),
  labelEn: z.string(),
  value: z.union([z.number(), z.string(), z.boolean()]),
  unit: z.string().nullable(),
  options: z.array(z.string()).nullable(),
  status: z.enum(['CONFIRMED', 'REPORTED', 'IMPLIED', 'UNCONFIRMED']),
  sources: z.array(z.string()),
  reviewRequired: z.boolean(),
  note: z.string(),
  overridden: z.boolean(),
});
export type ThresholdRowOut = z.infer<typeof thresholdRowOut>;

const levelConfigOut = z.object({ ruleSet: z.enum(['auto', '4800', '218']), rows: z.array(thresholdRowOut) });

export const settingsOps = {
  'levels.config': op({
    kind: 'query',
    input: z.object({}).strict(),
    output: levelConfigOut,
    minRole: 'viewer',
    summary: 'Epidemic-level rule set and every threshold with its source and confirmation status',
  }),
  'levels.setOverrides': op({
    kind: 'mutation',
    // Validated in the core against the threshold table (levelConfigOverridesSchema), which
    // names the offending field; the contract only requires an object here.
    input: z.object({ overrides: z.record(z.string(), z.unknown()) }).strict(),
    output: levelConfigOut,
    minRole: 'admin',
    summary: 'Replace the threshold overrides (empty object = back to the shipped defaults)',
  }),
} as const;
