import type { UnitMetrics } from '../../../shared/api/ops/metrics';

/** A unit of a metrics.snapshot with neutral values; override what a test is about. */
export function unit(o: Partial<UnitMetrics> = {}): UnitMetrics {
  return {
    code: '001',
    name: 'Ba Đình',
    adminLevel: 'district',
    parentCode: '01',
    population: 221_893,
    newCommunity7d: 0,
    newTotal7d: 0,
    incidence7dPer100k: 0,
    newCasesToday: 0,
    activeF0: 0,
    activeF0Per100k: 0,
    trendRatio: null,
    trendKind: 'bothZero',
    oxygen7dPer100k: null,
    deaths7dPer100k: null,
    coverageAdultDose1: null,
    coverageSenior50Full: null,
    lastReportDate: '2021-12-15',
    reportedOnDate: true,
    epidemicLevel: null,
    ...o,
  };
}

export const level = (l: 1 | 2 | 3 | 4): UnitMetrics['epidemicLevel'] => ({
  level: l,
  ruleSet: '4800',
  driverId: 'tc1',
  driverText: { vi: 'TC1', en: 'TC1' },
  distanceUp: null,
  distanceDown: null,
  usesUnconfirmed: false,
});
