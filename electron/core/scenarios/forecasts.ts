import { ApiError } from '../../../shared/api/errors';
import type { ForecastSummaryRow, UnitForecastOut } from '../../../shared/api/ops/scenarios';
import { addDays, dateRange } from '../../../shared/metrics';
import { FORECAST_DEFAULTS, SeriesForecaster, type BacktestSummary, type ForecastOptions } from '../../../shared/scenarios';
import type { Store } from '../store';

/**
 * Feeds the pure forecast (shared/scenarios/forecast.ts) from the store.
 *
 * The series is ALL new cases of a day (community + found in quarantine): every new F0
 * needs care, whatever the level rule set counts as "community" (metrics.series follows
 * the level's case base instead, so it is not used here). A district's day is the sum of
 * its own rows and its wards' rows; the city's is every row. A day on which the unit (or
 * any of its wards) has no row at all is missing (null), not zero.
 */

const CITY = '01';
/** Days shown before the origin on the chart. */
const HISTORY_DAYS = 42;

function needDays(o: ForecastOptions) {
  // Fit window + calibration depth + backtest origins + their horizons + a week for the baseline.
  return o.fitDays + o.calibrationOrigins + o.evalOrigins + 2 * o.horizon + 7;
}

interface Loaded {
  asOf: string | null;
  dates: string[];
  /** City and every district, each a value per date (null = no report). */
  series: Map<string, Array<number | null>>;
  names: Map<string, string>;
}

function loadSeries(store: Store, asOfIn: string | undefined, opts: ForecastOptions): Loaded {
  const districts = store.list('adminUnit', { level: 'district' }, { orderBy: 'code' });
  const city = store.get('adminUnit', CITY);
  const names = new Map<string, string>([[CITY, city?.name ?? 'Hà Nội'], ...districts.map((d) => [d.code, d.name] as [string, string])]);
  const last = (store.db.prepare('SELECT MAX(date) AS d FROM case_reports WHERE _deleted = 0' + (asOfIn ? ' AND date <= ?' : '')).get(...(asOfIn ? [asOfIn] : [])) as {
    d: string | null;
  }).d;
  const asOf = asOfIn ?? last;
  const series = new Map<string, Array<number | null>>();
  if (!asOf || !last) {
    for (const code of names.keys()) series.set(code, []);
    return { asOf: asOf ?? null, dates: [], series, names };
  }
  const from = addDays(asOf, -(needDays(opts) - 1));
  const dates = dateRange(from, asOf);
  const index = new Map(dates.map((d, i) => [d, i]));
  for (const code of names.keys()) series.set(code, new Array(dates.length).fill(null));
  const rows = store.db
    .prepare(
      `SELECT c.date AS date,
              CASE length(c.unit_code) WHEN 5 THEN a.parent_code WHEN 3 THEN c.unit_code ELSE NULL END AS district,
              SUM(c.new_community + c.new_quarantined) AS n
       FROM case_reports c LEFT JOIN admin_units a ON a.code = c.unit_code
       WHERE c._deleted = 0 AND c.date >= ? AND c.date <= ?
       GROUP BY 1, 2`,
    )
    .all(from, asOf) as Array<{ date: string; district: string | null; n: number }>;
  const citySeries = series.get(CITY)!;
  for (const r of rows) {
    const i = index.get(r.date)!;
    citySeries[i] = (citySeries[i] ?? 0) + r.n;
    const s = r.district ? series.get(r.district) : undefined;
    if (s) s[i] = (s[i] ?? 0) + r.n;
  }
  return { asOf, dates, series, names };
}

const EMPTY_BACKTEST: BacktestSummary = {
  origins: 0,
  pairs: 0,
  mape: null,
  mapeNaive: null,
  wape: null,
  wapeNaive: null,
  coverage80: null,
  coverage95: null,
  zeroActuals: 0,
  perHorizon: [],
};

function trailingAvg7(values: ReadonlyArray<number | null>, i: number): number | null {
  let s = 0;
  for (let k = i - 6; k <= i; k++) {
    const v = values[k];
    if (v === null || v === undefined) return null;
    s += v;
  }
  return s / 7;
}

function forecastOf(loaded: Loaded, code: string, opts: ForecastOptions) {
  const values = loaded.series.get(code)!;
  const f = new SeriesForecaster(loaded.dates, values, opts);
  const o = loaded.dates.length - 1;
  const forecast = o >= 0 ? f.forecastAt(o, (h) => addDays(loaded.asOf!, h)) : null;
  return { f, values, forecast, backtest: o >= 0 ? f.backtest() : EMPTY_BACKTEST };
}

function noForecastReason(values: ReadonlyArray<number | null>, opts: ForecastOptions): string {
  const recent = values.slice(-opts.fitDays).filter((v) => v !== null).length;
  if (values.length === 0) return 'Chưa có số liệu ca mắc (no case reports)';
  return `Chỉ có ${recent}/${opts.fitDays} ngày có báo cáo trong ${opts.fitDays} ngày gần nhất, cần ít nhất ${opts.minPoints} (too few reported days)`;
}

export function unitForecast(store: Store, unitCode: string, asOf?: string, opts: ForecastOptions = FORECAST_DEFAULTS): UnitForecastOut {
  const loaded = loadSeries(store, asOf, opts);
  if (!loaded.names.has(unitCode)) {
    throw new ApiError('not_found', `Không có dự báo cho đơn vị "${unitCode}": chỉ thành phố (01) và quận, huyện`, [{ path: 'unitCode', message: 'not a district or the city' }]);
  }
  const { values, forecast, backtest } = forecastOf(loaded, unitCode, opts);
  const from = Math.max(0, loaded.dates.length - HISTORY_DAYS);
  const dates = loaded.dates.slice(from);
  return {
    unitCode,
    name: loaded.names.get(unitCode)!,
    asOf: loaded.asOf,
    history: {
      dates,
      values: values.slice(from),
      avg7: dates.map((_, k) => trailingAvg7(values, from + k)),
    },
    forecast: forecast && {
      fitFrom: forecast.fitFrom,
      days: forecast.days,
      weeklyGrowth: forecast.weeklyGrowth,
      intervalSource: forecast.intervalSource,
      calibration: forecast.calibration,
    },
    reason: forecast ? null : noForecastReason(values, opts),
    backtest,
    method: { ...opts },
  };
}

export function forecastSummary(store: Store, asOf?: string, opts: ForecastOptions = FORECAST_DEFAULTS) {
  const loaded = loadSeries(store, asOf, opts);
  const rows: ForecastSummaryRow[] = [];
  if (loaded.dates.length > 0) {
    for (const [code, name] of loaded.names) {
      const { values, forecast, backtest } = forecastOf(loaded, code, opts);
      const pick = (h: number) => {
        const d = forecast?.days[h - 1];
        return d ? { point: d.point, lo80: d.lo80, hi80: d.hi80, lo95: d.lo95, hi95: d.hi95 } : null;
      };
      rows.push({
        unitCode: code,
        name,
        level: code === CITY ? 'province' : 'district',
        last7Avg: trailingAvg7(values, values.length - 1),
        day7: pick(7),
        day14: pick(opts.horizon),
        total14: forecast ? forecast.days.reduce((n, d) => n + d.point, 0) : null,
        weeklyGrowth: forecast?.weeklyGrowth ?? null,
        mape: backtest.mape,
        mapeNaive: backtest.mapeNaive,
        coverage80: backtest.coverage80,
        coverage95: backtest.coverage95,
        origins: backtest.origins,
      });
    }
  }
  return { asOf: loaded.asOf, rows, method: { ...opts } };
}
