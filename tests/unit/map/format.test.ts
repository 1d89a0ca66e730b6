import { describe, expect, it } from 'vitest';
import { formatMetricValue, formatTrend, metricLegend } from '../../../renderer/src/map/format';
import { level, unit } from './fixtures';

const DAY = '2021-12-15';

describe('map value formatting (vi first)', () => {
  it('rates with one decimal in Vietnamese and English notation', () => {
    const u = unit({ incidence7dPer100k: 1234.56, activeF0Per100k: 12.34 });
    expect(formatMetricValue('incidence', u, DAY, 'vi')).toBe('1.234,6');
    expect(formatMetricValue('incidence', u, DAY, 'en')).toBe('1,234.6');
    expect(formatMetricValue('activeF0', unit({ activeF0Per100k: null }), DAY, 'vi')).toBe('–');
  });

  it('trend with sign and the zero-denominator words', () => {
    expect(formatTrend(unit({ trendKind: 'change', trendRatio: 0.25 }), 'vi')).toBe('+25,0 %');
    expect(formatTrend(unit({ trendKind: 'change', trendRatio: -0.057 }), 'vi')).toBe('-5,7 %');
    expect(formatTrend(unit({ trendKind: 'fromZero', trendRatio: null }), 'vi')).toBe('mới xuất hiện');
    expect(formatTrend(unit({ trendKind: 'bothZero', trendRatio: null }), 'en')).toBe('flat');
  });

  it('level, coverage and reporting', () => {
    expect(formatMetricValue('level', unit({ epidemicLevel: level(3) }), DAY, 'vi')).toBe('Cấp 3 – nguy cơ cao');
    expect(formatMetricValue('level', unit({ epidemicLevel: level(3) }), DAY, 'en')).toBe('Level 3 – high risk');
    expect(formatMetricValue('vaccination', unit({ coverageAdultDose1: 0.983 }), DAY, 'vi')).toBe('98,3 %');
    expect(formatMetricValue('freshness', unit({ lastReportDate: DAY }), DAY, 'vi')).toBe('đã báo cáo trong ngày');
    expect(formatMetricValue('freshness', unit({ lastReportDate: '2021-12-13' }), DAY, 'vi')).toBe('chậm 2 ngày');
    expect(formatMetricValue('freshness', unit({ lastReportDate: null }), DAY, 'en')).toBe('never reported');
  });

  it('legend comes from the shared table in the chosen language', () => {
    const vi = metricLegend('incidence', 'vi');
    expect(vi.title).toBe('Ca mắc mới/100.000 dân/7 ngày');
    expect(vi.entries.map((e) => e.label)).toEqual(['< 20', '20 – < 50', '50 – < 150', '150 – < 600', '≥ 600']);
    expect(metricLegend('level', 'en').entries[0]!.label).toBe('Level 1 – low risk ("new normal")');
    expect(vi.noData.label).toBe('Không có số liệu');
  });
});
