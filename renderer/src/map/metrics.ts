import {
  CLASS_TABLES,
  NO_DATA_COLOUR,
  classIndex,
  reportingDelayDays,
  trendClassIndex,
  type MetricId,
  type TrendKind,
} from '../../../shared/metrics';
import type { UnitMetrics } from '../../../shared/api/ops/metrics';
import type { ExpressionSpecification } from 'maplibre-gl';

/**
 * The choropleth metrics the map offers. Each one names its class table in shared/metrics
 * (breaks, colours and legend come from there, never from here) and says how to read its
 * value and class from a unit of a `metrics.snapshot`.
 */
export const MAP_METRIC_IDS = ['incidence', 'activeF0', 'trend', 'level', 'vaccination', 'vaccinationSenior', 'freshness'] as const;
export type MapMetricId = (typeof MAP_METRIC_IDS)[number];

export interface MapMetric {
  id: MapMetricId;
  table: MetricId;
  /** The number shown for a unit (tooltips, tables); null when not computable. */
  value(u: UnitMetrics, day: string): number | null;
  /** Class index into the table's colours; null = no data. */
  classOf(u: UnitMetrics, day: string): number | null;
}

const TREND_KINDS: readonly string[] = ['change', 'fromZero', 'bothZero'] satisfies TrendKind[];

const simple = (id: MapMetricId, table: MetricId, value: (u: UnitMetrics, day: string) => number | null): MapMetric => ({
  id,
  table,
  value,
  classOf: (u, day) => classIndex(table, value(u, day)),
});

export const MAP_METRICS: Readonly<Record<MapMetricId, MapMetric>> = Object.freeze({
  incidence: simple('incidence', 'incidence7d', (u) => u.incidence7dPer100k),
  activeF0: simple('activeF0', 'activeF0', (u) => u.activeF0Per100k),
  trend: {
    id: 'trend',
    table: 'trend',
    value: (u) => u.trendRatio,
    // Zero denominators are classed by the metrics module (growth from zero = top class).
    classOf: (u) => (TREND_KINDS.includes(u.trendKind) ? trendClassIndex({ ratio: u.trendRatio, kind: u.trendKind as TrendKind }) : null),
  },
  level: simple('level', 'level', (u) => u.epidemicLevel?.level ?? null),
  vaccination: simple('vaccination', 'coverageAdultDose1', (u) => u.coverageAdultDose1),
  vaccinationSenior: simple('vaccinationSenior', 'coverageSenior50Full', (u) => u.coverageSenior50Full),
  freshness: simple('freshness', 'reportingDelay', (u, day) => reportingDelayDays(u.lastReportDate, day)),
});

export function isMapMetricId(s: string | null | undefined): s is MapMetricId {
  return !!s && (MAP_METRIC_IDS as readonly string[]).includes(s);
}

/** Class of every unit of a snapshot for one metric: code → class index (null = no data). */
export function classesFor(metric: MapMetricId, units: readonly UnitMetrics[], day: string): Map<string, number | null> {
  const m = MAP_METRICS[metric];
  const out = new Map<string, number | null>();
  for (const u of units) out.set(u.code, m.classOf(u, day));
  return out;
}

/** The feature-state key holding a unit's class index (−1 = no data). */
export const CLASS_STATE = 'cls';
export const NO_CLASS = -1;

/**
 * `fill-color` reading the class index from feature-state: a `step` over the indices 0…n−1
 * with the table's colours; a missing or −1 state falls below the first stop → no-data grey.
 * The colours are the table's own, so the fill and the legend cannot disagree.
 */
export function classFillExpression(metric: MapMetricId): ExpressionSpecification {
  const { colours } = CLASS_TABLES[MAP_METRICS[metric].table];
  const stops: (number | string)[] = [];
  colours.forEach((c, i) => stops.push(i, c));
  return ['step', ['coalesce', ['feature-state', CLASS_STATE], NO_CLASS], NO_DATA_COLOUR, ...stops] as ExpressionSpecification;
}

/** The colour the fill expression gives a class index (used by tests and the tooltip swatch). */
export function classColourOf(metric: MapMetricId, cls: number | null | undefined): string {
  const { colours } = CLASS_TABLES[MAP_METRICS[metric].table];
  return cls === null || cls === undefined || cls < 0 || cls >= colours.length ? NO_DATA_COLOUR : colours[cls]!;
}
