import { fileURLToPath } from 'node:url';
import { openStore } from '../../electron/core/store';
import { forecastSummary, scenarioBaseline, unitForecast } from '../../electron/core/scenarios';
import { addDays, dateRange } from '../../shared/metrics';
import { DEFAULT_PARAMS, presetInputs, runScenario, scenarioInputs, SeriesForecaster, type ScenarioInputs } from '../../shared/scenarios';
import { demoDb } from '../lib/datasets';
import { round, timeRuns } from '../lib/timing';

/**
 * Scenario planner and forecast benchmark.
 *
 *  planner 180 d        runScenario, 180-day horizon, default parameters (4 transfer routes)
 *  keystroke 180 d      what the screen does on every keystroke: zod validation + runScenario
 *  worst case           180 days, LOS 60, 12 transfer routes, 100 planned additions
 *  forecast, one unit   fit + 14-day forecast + 56-origin backtest of one 200-day series
 *  forecast op          scenarios.forecast / forecastSummary (SQL + 31 units) on the demo
 *                       database of the default range (bench/.data, built once and reused)
 *
 * Goal: the planner recomputes a 180-day horizon in < 50 ms (keystroke p95).
 * `npx tsx bench/scenarios/index.ts` runs it alone; bench/run.ts calls runScenarioBench().
 */
const GOAL_MS = 50;
const DEFAULT_RANGE = { from: '2021-07-01', to: '2022-04-30' };
const BASE = {
  startDate: '2022-01-31',
  start: { home: 20000, t1: 2200, t2: 1500, t3: 1300 },
  capacity: { t1: 87540, t2: 6390, t3: 3000, icu: 633, oxygen: 3200 },
};

function worstCase(): ScenarioInputs {
  const i = presetInputs('p3000', BASE);
  const tiers = ['home', 't1', 't2', 't3'] as const;
  return {
    ...i,
    horizonDays: 180,
    casePath: { kind: 'series', source: 'imported', values: Array.from({ length: 180 }, (_, d) => 1000 + 50 * d), after: 'hold', note: '' },
    params: {
      ...DEFAULT_PARAMS,
      los: { home: 60, t1: 60, t2: 60, t3: 60 },
      transfers: Array.from({ length: 12 }, (_, k) => ({ from: tiers[k % 4]!, to: tiers[(k + 1) % 4]!, share: 0.05, afterDays: 1 + (k % 20) })),
    },
    additions: Array.from({ length: 100 }, (_, k) => ({ date: addDays(BASE.startDate, k), label: `Cơ sở ${k}`, t1: 10, t2: 10, t3: 5, icu: 1, oxygen: 2 })),
  };
}

function table(title: string, rows: Array<[string, number | string]>) {
  const w = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${typeof v === 'number' ? v.toLocaleString('en') : v}`);
}

export async function runScenarioBench(): Promise<Record<string, number>> {
  const preset = { ...presetInputs('p3000', BASE), horizonDays: 180 };
  const planner = timeRuns(() => runScenario(preset), 300, 20);
  const keystroke = timeRuns(() => runScenario(scenarioInputs.parse(preset)), 300, 20);
  const worst = worstCase();
  const worstT = timeRuns(() => runScenario(scenarioInputs.parse(worst)), 100, 10);

  const dates = dateRange('2021-07-15', addDays('2021-07-15', 199));
  const values = dates.map((_, i) => Math.round(200 * Math.exp(i / 50) * (1 + 0.15 * Math.sin(i * 0.9))));
  const oneUnit = timeRuns(() => {
    const f = new SeriesForecaster(dates, values);
    f.backtest();
    return f.forecastAt(dates.length - 1, (h) => String(h));
  }, 30, 3);

  const db = demoDb({ seed: 1, scale: 1, ...DEFAULT_RANGE });
  const store = openStore({ path: db.path, check: 'none' });
  let op: { forecastOpCityMs: number; forecastSummaryOpMs: number; baselineOpMs: number };
  try {
    const city = timeRuns(() => unitForecast(store, '01'), 10, 2);
    const summary = timeRuns(() => forecastSummary(store), 5, 1);
    const baseline = timeRuns(() => scenarioBaseline(store), 10, 2);
    op = {
      forecastOpCityMs: round(city.median),
      forecastSummaryOpMs: round(summary.median),
      baselineOpMs: round(baseline.median),
    };
  } finally {
    store.close();
  }

  const out = {
    planner180Ms: round(planner.median, 3),
    planner180P95Ms: round(planner.p95, 3),
    keystroke180Ms: round(keystroke.median, 3),
    keystroke180P95Ms: round(keystroke.p95, 3),
    worstCase180Ms: round(worstT.median, 3),
    worstCase180P95Ms: round(worstT.p95, 3),
    forecastOneUnitMs: round(oneUnit.median, 2),
    ...op,
    goalMs: GOAL_MS,
    goalMet: keystroke.p95 < GOAL_MS && worstT.p95 < GOAL_MS ? 1 : 0,
  };
  table('Scenario planner and forecast (bench/scenarios)', [
    ['planner, 180 days, default params: median ms', out.planner180Ms],
    ['  p95 ms', out.planner180P95Ms],
    ['keystroke (zod + planner), 180 days: median ms', out.keystroke180Ms],
    ['  p95 ms', out.keystroke180P95Ms],
    ['worst case (LOS 60, 12 routes, 100 additions): median ms', out.worstCase180Ms],
    ['  p95 ms', out.worstCase180P95Ms],
    ['forecast + 56-origin backtest, one 200-day series: ms', out.forecastOneUnitMs],
    ['scenarios.forecast, city, demo db: ms', out.forecastOpCityMs],
    ['scenarios.forecastSummary, city + 30 districts: ms', out.forecastSummaryOpMs],
    ['scenarios.baseline: ms', out.baselineOpMs],
  ]);
  console.log(`  ${out.goalMet ? 'PASS' : 'FAIL'}  planner recompute (180 days) p95 < ${GOAL_MS} ms`);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runScenarioBench().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
