import { describe, expect, it } from 'vitest';
import { CLASS_TABLES, NO_DATA_COLOUR, NEVER_REPORTED_DAYS, classIndex, legend, reportingDelayDays } from '../../../shared/metrics';
import { MAP_METRICS, MAP_METRIC_IDS, classColourOf, classFillExpression, classesFor, isMapMetricId, NO_CLASS } from '../../../renderer/src/map/metrics';
import { level, unit } from './fixtures';

const DAY = '2021-12-15';

/** Evaluates the fill expression's shape: ['step', ['coalesce', ['feature-state', k], −1], noData, 0, c0, 1, c1, …]. */
function evalFill(expr: unknown, state: Record<string, unknown>): string {
  const [op, input, base, ...stops] = expr as [string, unknown[], string, ...(number | string)[]];
  expect(op).toBe('step');
  const [coalesce, [fs, key], fallback] = input as [string, [string, string], number];
  expect([coalesce, fs]).toEqual(['coalesce', 'feature-state']);
  const v = typeof state[key] === 'number' ? (state[key] as number) : fallback;
  let out = base;
  for (let i = 0; i < stops.length; i += 2) if (v >= (stops[i] as number)) out = stops[i + 1] as string;
  return out;
}

describe('map metrics use the shared class tables', () => {
  it.each(MAP_METRIC_IDS)('%s: the fill expression paints each class index with the table colour, −1/missing grey', (m) => {
    const { colours } = CLASS_TABLES[MAP_METRICS[m].table];
    const expr = classFillExpression(m);
    colours.forEach((c, i) => {
      expect(evalFill(expr, { cls: i })).toBe(c);
      expect(classColourOf(m, i)).toBe(c);
    });
    expect(evalFill(expr, { cls: NO_CLASS })).toBe(NO_DATA_COLOUR);
    expect(evalFill(expr, {})).toBe(NO_DATA_COLOUR);
    expect(classColourOf(m, null)).toBe(NO_DATA_COLOUR);
  });

  it('classes of a snapshot equal classIndex on the snapshot values', () => {
    const units = [
      unit({ code: '001', incidence7dPer100k: 19.99, activeF0Per100k: 500, coverageAdultDose1: 0.71 }),
      unit({ code: '002', incidence7dPer100k: 150, activeF0Per100k: null, coverageAdultDose1: null }),
      unit({ code: '003', incidence7dPer100k: null, activeF0Per100k: 49 }),
    ];
    expect(Object.fromEntries(classesFor('incidence', units, DAY))).toEqual({ '001': 0, '002': 3, '003': null });
    expect(Object.fromEntries(classesFor('activeF0', units, DAY))).toEqual({ '001': 4, '002': null, '003': 0 });
    expect(classesFor('vaccination', units, DAY).get('001')).toBe(classIndex('coverageAdultDose1', 0.71));
  });

  it('trend: growth from zero is the top class, two empty weeks the flat class, unknown kinds no data', () => {
    const top = CLASS_TABLES.trend.breaks.length;
    expect(MAP_METRICS.trend.classOf(unit({ trendKind: 'fromZero', trendRatio: null }), DAY)).toBe(top);
    expect(MAP_METRICS.trend.classOf(unit({ trendKind: 'bothZero', trendRatio: null }), DAY)).toBe(classIndex('trend', 0));
    expect(MAP_METRICS.trend.classOf(unit({ trendKind: 'change', trendRatio: -0.6 }), DAY)).toBe(0);
    expect(MAP_METRICS.trend.classOf(unit({ trendKind: 'something', trendRatio: 0.1 }), DAY)).toBeNull();
  });

  it('level: class = level − 1 (official colours), none without an assessment', () => {
    for (const l of [1, 2, 3, 4] as const) expect(MAP_METRICS.level.classOf(unit({ epidemicLevel: level(l) }), DAY)).toBe(l - 1);
    expect(MAP_METRICS.level.classOf(unit({ epidemicLevel: null }), DAY)).toBeNull();
  });

  it('freshness: days since the last report, never reported in the last class', () => {
    const f = MAP_METRICS.freshness;
    expect(f.classOf(unit({ lastReportDate: DAY }), DAY)).toBe(0);
    expect(f.classOf(unit({ lastReportDate: '2021-12-14' }), DAY)).toBe(1);
    expect(f.classOf(unit({ lastReportDate: '2021-12-12' }), DAY)).toBe(2); // 3 days: 2–3
    expect(f.classOf(unit({ lastReportDate: '2021-12-08' }), DAY)).toBe(3); // 7 days: 4–7
    expect(f.classOf(unit({ lastReportDate: '2021-12-07' }), DAY)).toBe(4); // 8 days
    expect(f.classOf(unit({ lastReportDate: null }), DAY)).toBe(4);
    expect(reportingDelayDays(null, DAY)).toBe(NEVER_REPORTED_DAYS);
    expect(reportingDelayDays('2021-12-20', DAY)).toBe(0); // a report "after" the day never counts as late
  });

  it('freshness legend reads as words in both languages', () => {
    const l = legend('reportingDelay');
    expect(l.entries.map((e) => e.labelVi)).toEqual(['Đã báo cáo trong ngày', 'Chậm 1 ngày', 'Chậm 2–3 ngày', 'Chậm 4–7 ngày', 'Chậm ≥ 8 ngày hoặc chưa báo cáo']);
    expect(l.entries.map((e) => e.labelEn)).toEqual(['Reported on the day', '1 day late', '2–3 days late', '4–7 days late', '≥ 8 days late or never reported']);
  });

  it('recognises metric ids from URLs', () => {
    expect(isMapMetricId('incidence')).toBe(true);
    expect(isMapMetricId('Incidence')).toBe(false);
    expect(isMapMetricId(null)).toBe(false);
  });
});
