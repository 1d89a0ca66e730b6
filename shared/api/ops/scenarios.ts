import { z } from 'zod';
import { isoDate, isoDateTime, taskStatus, unitCode, uuid } from '../../domain';
import { capacity, resourceSummary, savedScenario, scenarioInputs, scenarioName, scenarioResult } from '../../scenarios/schema';
import { op, okOut } from '../op';

/**
 * Screen "Kịch bản": response scenarios (the planner itself is pure, in shared/scenarios,
 * and runs in the renderer too), saved scenarios (shared settings `scenario.<uuid>`:
 * audited and synced), the starting point measured from the facility registry and the
 * latest statuses, and the 14-day case forecast with its backtest.
 */

const perTierCount = z.object({ home: z.number(), t1: z.number(), t2: z.number(), t3: z.number() });

export const scenarioBaseline = z.object({
  at: isoDateTime,
  /** Day 0 of a new scenario: the Hà Nội day of the newest facility status (today if none). */
  startDate: isoDate,
  /** Newest facility status taken into account (null: no facility ever reported). */
  statusAsOf: isoDateTime.nullable(),
  /** Patients in care now: tier beds occupied (facilities that reported) and F0 at home (case reports). */
  start: perTierCount,
  /** Day of the case reports the home F0 count comes from (null: no report). */
  homeAsOf: isoDate.nullable(),
  /** Capacity of active facilities in the registry: beds per tier, ICU beds and oxygen outlets (all tiers). */
  capacity,
  /** ICU beds and oxygen outlets in use now (reported), for comparison with the model's day 0. */
  inUse: z.object({ icu: z.number(), oxygen: z.number() }),
  tiers: z.array(z.object({ tier: z.number().int(), facilities: z.number().int(), reporting: z.number().int(), stale: z.number().int() })),
});
export type ScenarioBaseline = z.infer<typeof scenarioBaseline>;

export const linkedTask = z.object({ id: uuid, title: z.string(), status: taskStatus, directiveCode: z.string().nullable() });

export const savedScenarioOut = savedScenario.extend({
  /** The attached task (null when none, or when it was deleted since). */
  task: linkedTask.nullable(),
  /** Per-resource outcome (peak, first full day, shortfall), computed by the core. */
  summary: z.array(resourceSummary),
});
export type SavedScenarioOut = z.infer<typeof savedScenarioOut>;

const interval = z.object({ point: z.number(), lo80: z.number(), hi80: z.number(), lo95: z.number(), hi95: z.number() });
export const forecastDayOut = interval.extend({ date: isoDate, horizon: z.number().int() });

export const backtestOut = z.object({
  origins: z.number().int(),
  pairs: z.number().int(),
  mape: z.number().nullable(),
  mapeNaive: z.number().nullable(),
  wape: z.number().nullable(),
  wapeNaive: z.number().nullable(),
  coverage80: z.number().nullable(),
  coverage95: z.number().nullable(),
  zeroActuals: z.number().int(),
  perHorizon: z.array(z.object({ horizon: z.number().int(), mape: z.number().nullable(), mapeNaive: z.number().nullable() })),
});
export type BacktestOut = z.infer<typeof backtestOut>;

export const forecastMethod = z.object({
  horizon: z.number().int(),
  fitDays: z.number().int(),
  minPoints: z.number().int(),
  damping: z.number(),
  calibrationOrigins: z.number().int(),
  minCalibration: z.number().int(),
  evalOrigins: z.number().int(),
});

export const unitForecastOut = z.object({
  unitCode,
  name: z.string(),
  /** Last day of data used (the origin). */
  asOf: isoDate.nullable(),
  /** Recent daily new cases (community + quarantined), oldest first; null = no report that day. */
  history: z.object({ dates: z.array(isoDate), values: z.array(z.number().nullable()), avg7: z.array(z.number().nullable()) }),
  forecast: z
    .object({
      fitFrom: isoDate,
      days: z.array(forecastDayOut),
      weeklyGrowth: z.number(),
      intervalSource: z.enum(['regression', 'pastErrors', 'mixed']),
      calibration: z.object({ h1: z.number().int(), hLast: z.number().int() }),
    })
    .nullable(),
  /** Why there is no forecast (Vietnamese), when `forecast` is null. */
  reason: z.string().nullable(),
  backtest: backtestOut,
  method: forecastMethod,
});
export type UnitForecastOut = z.infer<typeof unitForecastOut>;

export const forecastSummaryRow = z.object({
  unitCode,
  name: z.string(),
  level: z.enum(['province', 'district']),
  last7Avg: z.number().nullable(),
  day7: interval.nullable(),
  day14: interval.nullable(),
  /** Sum of the 14 daily point forecasts. */
  total14: z.number().nullable(),
  weeklyGrowth: z.number().nullable(),
  mape: z.number().nullable(),
  mapeNaive: z.number().nullable(),
  coverage80: z.number().nullable(),
  coverage95: z.number().nullable(),
  origins: z.number().int(),
});
export type ForecastSummaryRow = z.infer<typeof forecastSummaryRow>;

const asOfIn = z.object({ asOf: isoDate.optional() }).strict();

export const scenarioOps = {
  'scenarios.baseline': op({
    kind: 'query',
    input: z.object({ at: isoDateTime.optional() }).strict(),
    output: scenarioBaseline,
    minRole: 'viewer',
    summary: 'Starting point of a scenario: occupancy per tier (latest facility status, F0 at home) and registry capacity',
  }),
  'scenarios.list': op({
    kind: 'query',
    input: z.object({ taskId: uuid.optional() }).strict(),
    output: z.array(savedScenarioOut),
    minRole: 'viewer',
    summary: 'Saved scenarios, newest first; with taskId: the scenarios attached to that task',
  }),
  'scenarios.get': op({
    kind: 'query',
    input: z.object({ id: uuid }).strict(),
    output: savedScenarioOut.extend({ result: scenarioResult }),
    minRole: 'viewer',
    summary: 'One saved scenario with its full daily result (computed by the core)',
  }),
  'scenarios.save': op({
    kind: 'mutation',
    input: z
      .object({
        /** Absent: a new scenario. */
        id: uuid.optional(),
        name: scenarioName,
        note: z.string().max(2000).default(''),
        taskId: uuid.nullable().default(null),
        inputs: scenarioInputs,
      })
      .strict(),
    output: savedScenarioOut,
    minRole: 'operator',
    summary: 'Save a scenario (new or replace), optionally attached to a task (one audited write)',
  }),
  'scenarios.delete': op({
    kind: 'mutation',
    input: z.object({ id: uuid }).strict(),
    output: okOut,
    minRole: 'operator',
    summary: 'Delete a saved scenario (tombstone)',
  }),
  'scenarios.exportCsv': op({
    kind: 'query',
    input: z.object({ id: uuid, lang: z.enum(['vi', 'en']).default('vi') }).strict(),
    output: z.object({ fileName: z.string(), csv: z.string() }),
    minRole: 'viewer',
    summary: 'Daily table of a saved scenario as CSV (UTF-8 with BOM, ";" separated)',
  }),
  'scenarios.forecast': op({
    kind: 'query',
    input: asOfIn.extend({ unitCode: unitCode.default('01') }).strict(),
    output: unitForecastOut,
    minRole: 'viewer',
    summary: '14-day forecast of daily new cases of the city or one district, with intervals and backtest',
  }),
  'scenarios.forecastSummary': op({
    kind: 'query',
    input: asOfIn,
    output: z.object({ asOf: isoDate.nullable(), rows: z.array(forecastSummaryRow), method: forecastMethod }),
    minRole: 'viewer',
    summary: 'Forecast and backtest summary of the city and every district',
  }),
} as const satisfies Record<string, ReturnType<typeof op>>;
