import { formatNumber, formatPercent, type Lang } from '../../../shared/format';
import { LEVEL_INFO, legend, NEVER_REPORTED_DAYS } from '../../../shared/metrics';
import type { UnitMetrics } from '../../../shared/api/ops/metrics';
import { MAP_METRICS, type MapMetricId } from './metrics';

/** Signed percentage for a week-over-week ratio: 0.25 → "+25,0 %". */
export function formatTrend(u: Pick<UnitMetrics, 'trendRatio' | 'trendKind'>, lang: Lang): string {
  if (u.trendKind === 'fromZero') return lang === 'vi' ? 'mới xuất hiện' : 'newly appeared';
  if (u.trendKind === 'bothZero') return lang === 'vi' ? 'không đổi' : 'flat';
  if (u.trendRatio === null) return '–';
  return `${u.trendRatio > 0 ? '+' : ''}${formatPercent(u.trendRatio, lang)}`;
}

/** The value a unit has for the metric, as shown in tooltips and tables. */
export function formatMetricValue(metric: MapMetricId, u: UnitMetrics, day: string, lang: Lang): string {
  const m = MAP_METRICS[metric];
  switch (metric) {
    case 'incidence':
    case 'activeF0':
      return formatNumber(m.value(u, day), lang, 1);
    case 'trend':
      return formatTrend(u, lang);
    case 'level': {
      const l = u.epidemicLevel?.level;
      if (!l) return '–';
      return lang === 'vi' ? `Cấp ${l} – ${LEVEL_INFO[l].nameVi}` : `Level ${l} – ${LEVEL_INFO[l].nameEn}`;
    }
    case 'vaccination':
    case 'vaccinationSenior':
      return formatPercent(m.value(u, day), lang);
    case 'freshness': {
      const days = m.value(u, day)!;
      if (days >= NEVER_REPORTED_DAYS) return lang === 'vi' ? 'chưa từng báo cáo' : 'never reported';
      if (days === 0) return lang === 'vi' ? 'đã báo cáo trong ngày' : 'reported on the day';
      return lang === 'vi' ? `chậm ${days} ngày` : `${days} day${days === 1 ? '' : 's'} late`;
    }
  }
}

/** Legend of a map metric (rows from shared/metrics' one class table), localised. */
export function metricLegend(metric: MapMetricId, lang: Lang) {
  const l = legend(MAP_METRICS[metric].table);
  return {
    title: lang === 'vi' ? l.titleVi : l.titleEn,
    entries: l.entries.map((e) => ({ index: e.index, colour: e.colour, label: lang === 'vi' ? e.labelVi : e.labelEn })),
    noData: { colour: l.noData.colour, label: lang === 'vi' ? l.noData.labelVi : l.noData.labelEn },
  };
}
