import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateRange } from '../../../shared/metrics';
import { dampedSteps, FORECAST_DEFAULTS, fitTrend, SeriesForecaster, tQuantile } from '../../../shared/scenarios';

const dates = (n: number, from = '2021-11-01') => dateRange(from, addDays(from, n - 1));
/** ln(y + 1) exactly linear: y = e^(a + b·i) − 1. */
const exponential = (n: number, a: number, b: number) => Array.from({ length: n }, (_, i) => Math.exp(a + b * i) - 1);

describe('trend fit', () => {
  it('recovers the slope and level of an exact log-linear series', () => {
    const v = exponential(30, Math.log(101), 0.05);
    const f = fitTrend(v, 29)!;
    expect(f.slope).toBeCloseTo(0.05, 12);
    expect(f.level).toBeCloseTo(Math.log(101) + 0.05 * 29, 10);
    expect(f.sigma).toBeLessThan(1e-9);
    expect(f.n).toBe(14);
    // The window is the last 14 days: origin 29 uses days 16 … 29, so the mean day is 22.5.
    expect(f.originOffset).toBeCloseTo(6.5, 12);
  });

  it('leaves out missing days (never reads them as zero) and needs 10 reported days of the last 14', () => {
    const v: Array<number | null> = exponential(30, Math.log(50), 0.03);
    v[20] = null;
    v[25] = null;
    const f = fitTrend(v, 29)!;
    expect(f.slope).toBeCloseTo(0.03, 10);
    expect(f.n).toBe(12);
    for (const k of [16, 17, 18, 19, 21]) v[k] = null;
    expect(fitTrend(v, 29)).toBeNull(); // 7 of 14 reported
  });

  it('damping adds Σ φ^k days of slope: h days undamped, at most φ/(1−φ) damped', () => {
    expect(dampedSteps(14, 1)).toBe(14);
    expect(dampedSteps(1, 0.9)).toBeCloseTo(0.9, 12);
    expect(dampedSteps(2, 0.9)).toBeCloseTo(0.9 + 0.81, 12);
    expect(dampedSteps(1000, 0.9)).toBeCloseTo(9, 9);
  });

  it('Student t quantiles match the table within 0.5 %', () => {
    expect(tQuantile(1.959963984540054, 10)).toBeCloseTo(2.228, 2);
    expect(tQuantile(1.959963984540054, 12)).toBeCloseTo(2.179, 2);
    expect(tQuantile(1.2815515655446004, 12)).toBeCloseTo(1.356, 2);
    expect(tQuantile(1.959963984540054, 1e9)).toBeCloseTo(1.959964, 6);
  });
});

describe('forecast', () => {
  it('point forecast = exp(level + slope · Σφ^k) − 1, on the day after the origin onwards', () => {
    const v = exponential(40, Math.log(201), 0.04);
    const f = new SeriesForecaster(dates(40), v).forecastAt(39, (h) => addDays('2021-12-10', h))!;
    expect(f.days).toHaveLength(14);
    expect(f.asOf).toBe('2021-12-10');
    expect(f.fitFrom).toBe('2021-11-27');
    expect(f.days[0]!.date).toBe('2021-12-11');
    const level = Math.log(201) + 0.04 * 39;
    for (const d of f.days) expect(d.point).toBeCloseTo(Math.exp(level + 0.04 * dampedSteps(d.horizon, 0.9)) - 1, 6);
    expect(f.weeklyGrowth).toBeCloseTo(Math.exp(0.28) - 1, 10);
  });

  it('never a zero-width interval, even on a perfectly smooth history (Poisson floor), and never narrower further out', () => {
    const v = exponential(25, Math.log(1001), 0);
    const f = new SeriesForecaster(dates(25), v).forecastAt(24, (h) => String(h))!;
    for (const d of f.days) {
      expect(d.lo95).toBeLessThan(d.lo80);
      expect(d.lo80).toBeLessThan(d.point);
      expect(d.hi80).toBeGreaterThan(d.point);
      expect(d.hi95).toBeGreaterThan(d.hi80);
    }
    // 1000 a day: Poisson sd ≈ √1000 ≈ 31.6 → the 95 % interval is at least about ±60.
    expect(f.days[0]!.hi95 - f.days[0]!.point).toBeGreaterThan(55);
    expect(f.intervalSource).toBe('regression');
    const widths = f.days.map((d) => Math.log(d.hi95 + 1) - Math.log(d.point + 1));
    for (let k = 1; k < widths.length; k++) expect(widths[k]!).toBeGreaterThanOrEqual(widths[k - 1]! - 1e-12);
  });

  it('uses the model\'s own past errors once there are enough of them (the intervals widen after a trend break)', () => {
    // Growth for 60 days, then a sudden fall: past errors of the damped trend are large.
    const v = [...exponential(60, Math.log(100), 0.05), ...exponential(40, Math.log(2000), -0.08)];
    const s = new SeriesForecaster(dates(100), v);
    const early = s.forecastAt(30, (h) => String(h))!;
    const late = s.forecastAt(99, (h) => String(h))!;
    // Origin 30, horizon 1: origins 9 (the first with 10 fitted days) … 29 → 21 errors; horizon 14: 9 … 16 → 8 (< 10: unused).
    expect(early.calibration.h1).toBe(21);
    expect(early.calibration.hLast).toBe(8);
    expect(late.calibration.h1).toBe(60);
    expect(late.calibration.hLast).toBe(60);
    expect(late.intervalSource).not.toBe('regression');
  });

  it('a forecast at an origin uses nothing after it (the backtest never peeks)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 60, maxLength: 120 }),
        fc.integer({ min: 14, max: 59 }),
        fc.integer({ min: 0, max: 100_000 }),
        (values, o, noise) => {
          const changed = values.map((v, i) => (i > o ? v + noise : v));
          const a = new SeriesForecaster(dates(values.length), values).forecastAt(o, (h) => String(h));
          const b = new SeriesForecaster(dates(values.length), changed).forecastAt(o, (h) => String(h));
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects negative or non-finite counts', () => {
    expect(() => new SeriesForecaster(dates(2), [1, -1])).toThrow(RangeError);
    expect(() => new SeriesForecaster(dates(2), [1, Number.NaN])).toThrow(RangeError);
  });
});

describe('backtest', () => {
  it('"last week repeats" is exact on a weekly-periodic series, and both are scored on the same pairs', () => {
    const week = [90, 110, 120, 115, 105, 80, 60];
    const v = Array.from({ length: 120 }, (_, i) => week[i % 7]!);
    const s = new SeriesForecaster(dates(120), v);
    expect(s.naive(50, 1)).toBe(v[44]);
    expect(s.naive(50, 8)).toBe(v[44]);
    expect(s.naive(50, 7)).toBe(v[50]);
    const b = s.backtest();
    expect(b.origins).toBe(FORECAST_DEFAULTS.evalOrigins);
    expect(b.pairs).toBe(FORECAST_DEFAULTS.evalOrigins * 14);
    expect(b.mapeNaive).toBe(0);
    expect(b.wapeNaive).toBe(0);
    expect(b.mape!).toBeGreaterThan(5); // the trend model cannot follow the weekday pattern
    expect(b.perHorizon).toHaveLength(14);
    expect(b.perHorizon.every((p) => p.mapeNaive === 0)).toBe(true);
    expect(b.coverage95!).toBeGreaterThanOrEqual(b.coverage80!);
  });

  it('MAPE leaves out days with zero cases (counted apart); coverage and WAPE keep them', () => {
    const v = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 0 : 20));
    const b = new SeriesForecaster(dates(100), v).backtest();
    expect(b.zeroActuals).toBeGreaterThan(0);
    expect(b.pairs).toBe(b.origins * 14);
    expect(Number.isFinite(b.mape!)).toBe(true);
    expect(Number.isFinite(b.wape!)).toBe(true);
  });

  it('hand-checked MAPE on a tiny series (3 origins): mean of |F − A| / A over the scored pairs', () => {
    const v = exponential(40, Math.log(100), 0.02).map(Math.round);
    const opts = { ...FORECAST_DEFAULTS, evalOrigins: 3 };
    const s = new SeriesForecaster(dates(40), v, opts);
    let ape = 0;
    let ape7 = 0;
    let n = 0;
    for (let o = 40 - 1 - 14 - 2; o <= 40 - 1 - 14; o++) {
      const f = s.forecastAt(o, (h) => String(h))!;
      for (const d of f.days) {
        const a = v[o + d.horizon]!;
        ape += Math.abs(d.point - a) / a;
        ape7 += Math.abs(s.naive(o, d.horizon)! - a) / a;
        n++;
      }
    }
    const b = s.backtest();
    expect(b.origins).toBe(3);
    expect(b.pairs).toBe(42);
    expect(b.mape).toBeCloseTo((100 * ape) / n, 10);
    expect(b.mapeNaive).toBeCloseTo((100 * ape7) / n, 10);
  });
});
