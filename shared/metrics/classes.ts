import { formatNumber, formatShare, type Lang } from './format';
import { BU_RD_6, LEVEL_COLOURS, NO_DATA_COLOUR, PURPLES_5, YL_GN_BU_5, YL_OR_RD_5, YL_OR_RD_6 } from './palettes';
import { LEVEL_INFO } from './levels/names';
import type { Trend } from './trend';
import { daysBetween } from './dates';

/**
 * Choropleth classes. ONE table per metric holds the class breaks and colours; the map fill
 * (classIndex / classColour / maplibreFillColour) and the legend (legend()) are both derived
 * from it, so they cannot disagree.
 *
 * Break semantics: `breaks` are the interior class boundaries, ascending; a class includes its
 * lower bound: class 0 is value < breaks[0], class i is breaks[i−1] ≤ value < breaks[i], the
 * last class is value ≥ last break. This is exactly MapLibre's `step` expression semantics.
 */
export type MetricId =
  | 'incidence7d'
  | 'activeF0'
  | 'oxygen7d'
  | 'deaths7d'
  | 'trend'
  | 'occupancy'
  | 'coverageAdultDose1'
  | 'coverageSenior50Full'
  | 'coveragePopulationFull'
  | 'reportingDelay'
  | 'level';

/** How values are written in legend labels: plain number, share 0–1 shown as %, percent 0–100, whole days. */
type ValueFormat = 'number' | 'share' | 'percent' | 'days' | 'level';

export interface ClassTable {
  id: MetricId;
  titleVi: string;
  titleEn: string;
  format: ValueFormat;
  breaks: readonly number[];
  colours: readonly string[];
}

const table = (t: ClassTable): ClassTable => t;

export const CLASS_TABLES: Readonly<Record<MetricId, ClassTable>> = Object.freeze({
  // Edges 20/50/150 follow QĐ 4800 TC1 (20, 150 CONFIRMED [S10, S7]; 50 UNCONFIRMED) and 600
  // the QĐ 218 top class [S7], so the incidence map reads like the level thresholds.
  incidence7d: table({
    id: 'incidence7d',
    titleVi: 'Ca mắc mới/100.000 dân/7 ngày',
    titleEn: 'New cases per 100,000 per 7 days',
    format: 'number',
    breaks: [20, 50, 150, 600],
    colours: YL_OR_RD_5,
  }),
  activeF0: table({
    id: 'activeF0',
    titleVi: 'F0 đang điều trị/100.000 dân',
    titleEn: 'Active F0 per 100,000',
    format: 'number',
    breaks: [50, 100, 200, 500, 1000],
    colours: YL_OR_RD_6,
  }),
  // Same edges as the default (UNCONFIRMED) QĐ 218 oxygen bands, see levels/thresholds.ts.
  oxygen7d: table({
    id: 'oxygen7d',
    titleVi: 'Ca phải thở ô xy/100.000 dân/tuần',
    titleEn: 'Patients needing oxygen per 100,000 per week',
    format: 'number',
    breaks: [1, 5, 10, 30],
    colours: YL_OR_RD_5,
  }),
  // 1/2/5 as the default (UNCONFIRMED) QĐ 218 death bands (the >6 override [S27, S28] is not a class edge).
  deaths7d: table({
    id: 'deaths7d',
    titleVi: 'Tử vong/100.000 dân/tuần',
    titleEn: 'Deaths per 100,000 per week',
    format: 'number',
    breaks: [1, 2, 5, 10],
    colours: YL_OR_RD_5,
  }),
  trend: table({
    id: 'trend',
    titleVi: 'Xu hướng so với tuần trước',
    titleEn: 'Change on previous week',
    format: 'share',
    breaks: [-0.5, -0.2, 0, 0.2, 0.5],
    colours: BU_RD_6,
  }),
  occupancy: table({
    id: 'occupancy',
    titleVi: 'Công suất giường sử dụng (%)',
    titleEn: 'Bed occupancy (%)',
    format: 'percent',
    breaks: [50, 70, 85, 95, 100],
    colours: YL_OR_RD_6,
  }),
  // 70 % and 80 % are the QĐ 4800 TC2 defaults, 90 % the QĐ 218 high-risk threshold.
  coverageAdultDose1: table({
    id: 'coverageAdultDose1',
    titleVi: 'Tỷ lệ người ≥18 tuổi tiêm ≥1 mũi',
    titleEn: 'Adults (18+) with ≥ 1 dose',
    format: 'share',
    breaks: [0.5, 0.7, 0.8, 0.9],
    colours: YL_GN_BU_5,
  }),
  coverageSenior50Full: table({
    id: 'coverageSenior50Full',
    titleVi: 'Tỷ lệ người ≥50 tuổi tiêm đủ liều',
    titleEn: 'People aged 50+ fully vaccinated',
    format: 'share',
    breaks: [0.5, 0.7, 0.8, 0.9],
    colours: YL_GN_BU_5,
  }),
  // 75 % is the reported QĐ 218 whole-population threshold [S7].
  coveragePopulationFull: table({
    id: 'coveragePopulationFull',
    titleVi: 'Tỷ lệ dân số tiêm đủ liều cơ bản',
    titleEn: 'Whole population fully vaccinated',
    format: 'share',
    breaks: [0.5, 0.6, 0.75, 0.9],
    colours: YL_GN_BU_5,
  }),
  // Reporting freshness: whole days between the unit's newest report and the day shown
  // (0 = reported on the day). A unit that never reported goes in the last class
  // (reportingDelayDays returns NEVER_REPORTED_DAYS for it).
  reportingDelay: table({
    id: 'reportingDelay',
    titleVi: 'Tình trạng báo cáo',
    titleEn: 'Reporting freshness',
    format: 'days',
    breaks: [1, 2, 4, 8],
    colours: PURPLES_5,
  }),
  level: table({
    id: 'level',
    titleVi: 'Cấp độ dịch',
    titleEn: 'Epidemic level',
    format: 'level',
    breaks: [2, 3, 4],
    colours: [LEVEL_COLOURS[1], LEVEL_COLOURS[2], LEVEL_COLOURS[3], LEVEL_COLOURS[4]],
  }),
});

/** Delay value of a unit that has never reported: beyond every break (last class), still finite. */
export const NEVER_REPORTED_DAYS = 9999;

/**
 * Whole days from a unit's newest report (on or before `date`) to `date`: 0 when it reported
 * on the day, NEVER_REPORTED_DAYS when it has no report at all. Dates are `YYYY-MM-DD`.
 */
export function reportingDelayDays(lastReportDate: string | null, date: string): number {
  if (!lastReportDate) return NEVER_REPORTED_DAYS;
  return Math.max(0, daysBetween(lastReportDate, date));
}

/** Class of a value, or null for no data (null, undefined, NaN, ±Infinity). */
export function classIndex(metric: MetricId, value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const { breaks } = CLASS_TABLES[metric];
  let i = 0;
  while (i < breaks.length && value >= breaks[i]!) i++;
  return i;
}

/** Fill colour for a value (NO_DATA_COLOUR when there is no value). */
export function classColour(metric: MetricId, value: number | null | undefined): string {
  const i = classIndex(metric, value);
  return i === null ? NO_DATA_COLOUR : CLASS_TABLES[metric].colours[i]!;
}

/**
 * Class of a week-over-week trend. Growth from zero ('fromZero') goes in the top (rising)
 * class; two empty weeks ('bothZero') in the class holding 0 (flat).
 */
export function trendClassIndex(trend: Pick<Trend, 'ratio' | 'kind'>): number {
  if (trend.kind === 'fromZero') return CLASS_TABLES.trend.breaks.length;
  return classIndex('trend', trend.kind === 'bothZero' ? 0 : trend.ratio) ?? classIndex('trend', 0)!;
}

export interface LegendEntry {
  index: number;
  /** Lower bound (inclusive), null for the open first class. */
  from: number | null;
  /** Upper bound (exclusive), null for the open last class. */
  to: number | null;
  colour: string;
  labelVi: string;
  labelEn: string;
}

export interface Legend {
  metric: MetricId;
  titleVi: string;
  titleEn: string;
  entries: LegendEntry[];
  noData: { colour: string; labelVi: string; labelEn: string };
}

function fmt(format: ValueFormat, x: number, lang: Lang): string {
  if (format === 'share') return formatShare(x, lang);
  if (format === 'percent') return `${formatNumber(x, lang)}%`;
  return formatNumber(x, lang);
}

/** "Báo cáo trong ngày" / "Chậm 2–3 ngày" …: the delay classes read as words, not as "< 1". */
function daysLabel(from: number | null, to: number | null, lang: Lang): string {
  const vi = lang === 'vi';
  if (from === null || from <= 0) return vi ? 'Đã báo cáo trong ngày' : 'Reported on the day';
  if (to === null) return vi ? `Chậm ≥ ${from} ngày hoặc chưa báo cáo` : `≥ ${from} days late or never reported`;
  if (to === from + 1) return vi ? `Chậm ${from} ngày` : `${from} day${from === 1 ? '' : 's'} late`;
  return vi ? `Chậm ${from}–${to - 1} ngày` : `${from}–${to - 1} days late`;
}

function rangeLabel(format: ValueFormat, from: number | null, to: number | null, lang: Lang): string {
  if (format === 'days') return daysLabel(from, to, lang);
  if (from === null && to !== null) return `< ${fmt(format, to, lang)}`;
  if (to === null && from !== null) return `≥ ${fmt(format, from, lang)}`;
  return `${fmt(format, from!, lang)} – < ${fmt(format, to!, lang)}`;
}

/** Legend rows (one per class) plus the no-data swatch, from the metric's one table. */
export function legend(metric: MetricId): Legend {
  const t = CLASS_TABLES[metric];
  const entries = t.colours.map((colour, index): LegendEntry => {
    const from = index === 0 ? null : t.breaks[index - 1]!;
    const to = index === t.breaks.length ? null : t.breaks[index]!;
    if (t.format === 'level') {
      const info = LEVEL_INFO[(index + 1) as 1 | 2 | 3 | 4];
      return {
        index,
        from: index + 1,
        to: index === t.breaks.length ? null : index + 2,
        colour,
        labelVi: `Cấp ${index + 1} – ${info.nameVi}`,
        labelEn: `Level ${index + 1} – ${info.nameEn}`,
      };
    }
    return {
      index,
      from,
      to,
      colour,
      labelVi: rangeLabel(t.format, from, to, 'vi'),
      labelEn: rangeLabel(t.format, from, to, 'en'),
    };
  });
  return {
    metric,
    titleVi: t.titleVi,
    titleEn: t.titleEn,
    entries,
    noData: { colour: NO_DATA_COLOUR, labelVi: 'Không có số liệu', labelEn: 'No data' },
  };
}

/**
 * MapLibre `fill-color` expression for a feature property holding the metric value, built from
 * the same table: non-numbers get the no-data colour, numbers a `step` over the breaks.
 */
export function maplibreFillColour(metric: MetricId, property: string): unknown[] {
  const t = CLASS_TABLES[metric];
  const step: unknown[] = ['step', ['get', property], t.colours[0]];
  t.breaks.forEach((b, i) => step.push(b, t.colours[i + 1]));
  return ['case', ['==', ['typeof', ['get', property]], 'number'], step, NO_DATA_COLOUR];
}
