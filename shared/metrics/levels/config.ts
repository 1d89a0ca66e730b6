import { z } from 'zod';
import { isIsoDate } from '../dates';
import {
  BAND_EDGES,
  CAPACITY_EDGES,
  DEFAULT_THRESHOLDS,
  THRESHOLD_IDS,
  matrix218CellId,
  matrix4800CellId,
  type Comparison,
  type ThresholdId,
  type ThresholdRow,
  type ThresholdTable,
} from './thresholds';
import { CAPACITY_CLASSES, LEVELS, type Level, type RuleSetId, type ThresholdStatus } from './types';

/**
 * Level-engine configuration: which rule set to use, and the threshold table.
 *
 * A settings screen edits OVERRIDES (only what differs); `resolveLevelConfig` validates them
 * with zod and merges them over the defaults. Errors name the field
 * ("thresholds.t4800.tc1.band3.value: …"). A changed value whose editor does not state a new
 * status becomes UNCONFIRMED — a locally typed number is not evidence.
 */

/** 'auto' picks the rule set by assessment date (4800 before 27/01/2022, 218 from then). */
export type RuleSetMode = 'auto' | RuleSetId;

export interface LevelConfig {
  ruleSet: RuleSetMode;
  thresholds: ThresholdTable;
}

export const DEFAULT_LEVEL_CONFIG: LevelConfig = Object.freeze({ ruleSet: 'auto', thresholds: DEFAULT_THRESHOLDS });

// ------------------------------------------------------------------------------------------ schemas
const statusSchema = z.enum(['CONFIRMED', 'REPORTED', 'IMPLIED', 'UNCONFIRMED']);
const comparisonSchema = z.enum(['gte', 'gt']);
const sourcesSchema = z.array(z.string().trim().min(1).max(200)).max(50);
const ruleSetModeSchema = z.enum(['auto', '4800', '218']);
const levelValueSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

function valueSchema(row: ThresholdRow): z.ZodType {
  switch (row.kind) {
    case 'number':
      return row.unit === 'share'
        ? z.number().gt(0, 'tỷ lệ phải > 0 / share must be > 0').lte(1, 'tỷ lệ phải ≤ 1 / share must be ≤ 1')
        : z.number().nonnegative('không được âm / must not be negative');
    case 'level':
      return levelValueSchema;
    case 'choice':
      return z.enum(row.options as unknown as [string, ...string[]]);
    case 'boolean':
      return z.boolean();
    case 'date':
      return z.string().refine(isIsoDate, 'ngày phải có dạng YYYY-MM-DD / date must be YYYY-MM-DD');
  }
}

function fullRowSchema(row: ThresholdRow) {
  const common = {
    id: z.literal(row.id),
    kind: z.literal(row.kind),
    labelVi: z.string().min(1),
    labelEn: z.string().min(1),
    value: valueSchema(row),
    status: statusSchema,
    sources: sourcesSchema,
    reviewRequired: z.boolean(),
    note: z.string().max(2000),
    overridden: z.boolean(),
  };
  const extra =
    row.kind === 'number'
      ? { comparison: comparisonSchema, unit: z.literal(row.unit) }
      : row.kind === 'choice'
        ? { options: z.array(z.string()) }
        : {};
  return z.strictObject({ ...common, ...extra }).refine((r) => r.reviewRequired || r.status === 'CONFIRMED', {
    message: 'reviewRequired phải là true khi chưa CONFIRMED / must be true unless CONFIRMED',
    path: ['reviewRequired'],
  });
}

const num = (t: ThresholdTable, id: ThresholdId) => t[id].value as number;

/** Cross-row sanity: edges ascending, capacity edges ordered, matrices monotone, dates ordered. */
function crossCheck(t: ThresholdTable, ctx: z.RefinementCtx): void {
  const issue = (id: ThresholdId, message: string) =>
    ctx.addIssue({ code: 'custom', path: [id, 'value'], message });
  for (const edges of Object.values(BAND_EDGES)) {
    for (let i = 1; i < edges.length; i++) {
      const lo = edges[i - 1]!;
      const hi = edges[i]!;
      if (!(num(t, hi) > num(t, lo)))
        issue(hi, `phải lớn hơn ${lo} (${num(t, lo)}) / must be greater than ${lo} (${num(t, lo)})`);
    }
  }
  for (const [mid, high] of Object.values(CAPACITY_EDGES)) {
    if (!(num(t, high) > num(t, mid)))
      issue(high, `phải lớn hơn ${mid} (${num(t, mid)}) / must be greater than ${mid} (${num(t, mid)})`);
  }
  if (!(t['common.218.start'].value > t['common.4800.start'].value))
    issue('common.218.start', 'phải sau ngày bắt đầu QĐ 4800 / must be after the QĐ 4800 start');

  // Matrices must be monotone: worse inputs never give a better level. This keeps "level is
  // non-decreasing in cases" true and catches typos in a 12-cell table.
  const notBelow = (id: ThresholdId, other: ThresholdId) => {
    if ((t[id].value as Level) < (t[other].value as Level))
      issue(id, `không được nhỏ hơn ${other} (${String(t[other].value)}) / must not be below ${other}`);
  };
  for (let b = 2; b <= 4; b++) {
    for (const met of [true, false]) notBelow(matrix4800CellId(b as Level, met), matrix4800CellId((b - 1) as Level, met));
  }
  for (const b of LEVELS) notBelow(matrix4800CellId(b, false), matrix4800CellId(b, true));
  for (const c of CAPACITY_CLASSES) {
    for (let tr = 2; tr <= 4; tr++) notBelow(matrix218CellId(tr as Level, c), matrix218CellId((tr - 1) as Level, c));
  }
  for (const tr of LEVELS) {
    notBelow(matrix218CellId(tr, 'trungBinh'), matrix218CellId(tr, 'cao'));
    notBelow(matrix218CellId(tr, 'thap'), matrix218CellId(tr, 'trungBinh'));
  }
}

export const thresholdTableSchema = z
  .strictObject(Object.fromEntries(THRESHOLD_IDS.map((id) => [id, fullRowSchema(DEFAULT_THRESHOLDS[id])])))
  .superRefine((t, ctx) => crossCheck(t as unknown as ThresholdTable, ctx));

/** Schema of a complete stored configuration. */
export const levelConfigSchema = z.strictObject({ ruleSet: ruleSetModeSchema, thresholds: thresholdTableSchema });

function overrideRowSchema(row: ThresholdRow) {
  return z.strictObject({
    value: valueSchema(row).optional(),
    status: statusSchema.optional(),
    sources: sourcesSchema.optional(),
    note: z.string().max(2000).optional(),
    ...(row.kind === 'number' ? { comparison: comparisonSchema.optional() } : {}),
  });
}

/** Schema of the overrides a settings screen saves. Unknown threshold ids are rejected. */
export const levelConfigOverridesSchema = z.strictObject({
  ruleSet: ruleSetModeSchema.optional(),
  thresholds: z
    .strictObject(
      Object.fromEntries(THRESHOLD_IDS.map((id) => [id, overrideRowSchema(DEFAULT_THRESHOLDS[id]).optional()])),
    )
    .optional(),
});

export interface ThresholdOverride {
  value?: number | boolean | string;
  comparison?: Comparison;
  status?: ThresholdStatus;
  sources?: string[];
  note?: string;
}
export interface LevelConfigOverrides {
  ruleSet?: RuleSetMode;
  thresholds?: Partial<Record<ThresholdId, ThresholdOverride>>;
}

// ------------------------------------------------------------------------------------------ errors
export interface ConfigIssue {
  /** Dotted path of the offending field, e.g. "thresholds.t4800.tc1.band3.value". */
  path: string;
  message: string;
}

export class LevelConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(`Cấu hình cấp độ dịch không hợp lệ / invalid level configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'LevelConfigError';
    this.issues = issues;
  }
}

function issuesOf(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

// ------------------------------------------------------------------------------------------ resolve
function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function mergeRow(baseRow: ThresholdRow, o: ThresholdOverride): ThresholdRow {
  const next: Record<string, unknown> = { ...baseRow };
  if (o.value !== undefined) next.value = o.value;
  if (o.comparison !== undefined) next.comparison = o.comparison;
  if (o.sources !== undefined) next.sources = [...o.sources];
  if (o.note !== undefined) next.note = o.note;
  const valueChanged =
    (o.value !== undefined && o.value !== baseRow.value) ||
    (o.comparison !== undefined && 'comparison' in baseRow && o.comparison !== baseRow.comparison);
  // A changed value without a stated status is a local choice, not evidence.
  next.status = o.status ?? (valueChanged ? 'UNCONFIRMED' : baseRow.status);
  next.reviewRequired = next.status !== 'CONFIRMED';
  const def = DEFAULT_THRESHOLDS[baseRow.id] as unknown as Record<string, unknown>;
  next.overridden =
    next.value !== def.value ||
    next.comparison !== def.comparison ||
    next.status !== def.status ||
    next.note !== def.note ||
    !sameList(next.sources as string[], def.sources as string[]);
  return next as unknown as ThresholdRow;
}

/**
 * Validates `overrides` and merges them over `base` (defaults unless given). Throws
 * {@link LevelConfigError} whose issues name each bad field.
 */
export function resolveLevelConfig(overrides: unknown = {}, base: LevelConfig = DEFAULT_LEVEL_CONFIG): LevelConfig {
  const parsed = levelConfigOverridesSchema.safeParse(overrides ?? {});
  if (!parsed.success) throw new LevelConfigError(issuesOf(parsed.error));
  const o = parsed.data as LevelConfigOverrides;
  const thresholds: Record<string, ThresholdRow> = { ...base.thresholds };
  for (const [id, rowOverride] of Object.entries(o.thresholds ?? {})) {
    if (rowOverride) thresholds[id] = mergeRow(base.thresholds[id as ThresholdId], rowOverride);
  }
  const merged = { ruleSet: o.ruleSet ?? base.ruleSet, thresholds };
  const checked = levelConfigSchema.safeParse(merged);
  if (!checked.success) throw new LevelConfigError(issuesOf(checked.error));
  return deepFreeze(merged as unknown as LevelConfig);
}

export type ResolveResult = { success: true; config: LevelConfig } | { success: false; error: LevelConfigError };

/** {@link resolveLevelConfig} without throwing (for forms). */
export function safeResolveLevelConfig(overrides: unknown, base: LevelConfig = DEFAULT_LEVEL_CONFIG): ResolveResult {
  try {
    return { success: true, config: resolveLevelConfig(overrides, base) };
  } catch (e) {
    if (e instanceof LevelConfigError) return { success: false, error: e };
    throw e;
  }
}

/** The overrides that turn the defaults into `config` (what a settings screen persists). */
export function configToOverrides(config: LevelConfig): LevelConfigOverrides {
  const thresholds: Partial<Record<ThresholdId, ThresholdOverride>> = {};
  for (const id of THRESHOLD_IDS) {
    const row = config.thresholds[id] as unknown as Record<string, unknown>;
    const def = DEFAULT_THRESHOLDS[id] as unknown as Record<string, unknown>;
    const o: ThresholdOverride = {};
    if (row.value !== def.value) o.value = row.value as ThresholdOverride['value'];
    if (row.comparison !== def.comparison) o.comparison = row.comparison as Comparison;
    if (row.status !== def.status) o.status = row.status as ThresholdStatus;
    if (!sameList(row.sources as string[], def.sources as string[])) o.sources = [...(row.sources as string[])];
    if (row.note !== def.note) o.note = row.note as string;
    if (Object.keys(o).length > 0) thresholds[id] = o;
  }
  const out: LevelConfigOverrides = {};
  if (config.ruleSet !== DEFAULT_LEVEL_CONFIG.ruleSet) out.ruleSet = config.ruleSet;
  if (Object.keys(thresholds).length > 0) out.thresholds = thresholds;
  return out;
}
