import { useTranslation } from 'react-i18next';
import type { UnitMetrics } from '../../../../shared/api/ops/metrics';
import { formatNumber, type Lang } from '../../../../shared/format';
import { formatMetricValue, metricLegend } from '../../map/format';
import { MAP_METRICS, classColourOf, type MapMetricId } from '../../map/metrics';
import type { HoverInfo } from './MapCanvas';

/** Hover card: the unit's name, the metric's value and class colour; or a facility's load. */
export function MapTooltip({ hover, unit, metric, day }: { hover: HoverInfo; unit: UnitMetrics | undefined; metric: MapMetricId; day: string }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  const style = { left: hover.x + 14, top: hover.y + 14 };
  if (hover.kind === 'facility') {
    const p = hover.props ?? {};
    const occupied = Number(p.occupied);
    const capacity = Number(p.capacity);
    const mobile = p.kind === 'mobile_station';
    return (
      <div className="map-tooltip" style={style} role="tooltip" data-testid="map-tooltip">
        <strong>{hover.name}</strong>
        <div>
          {occupied < 0
            ? t('map.tooltip.noStatus')
            : t(mobile ? 'map.tooltip.homeF0' : 'map.tooltip.beds', { occupied: formatNumber(occupied, lang), capacity: formatNumber(capacity, lang) })}
        </div>
        {occupied >= 0 && <div>{formatNumber(Number(p.occupancyPct), lang)}%</div>}
      </div>
    );
  }
  const cls = unit ? MAP_METRICS[metric].classOf(unit, day) : null;
  return (
    <div className="map-tooltip" style={style} role="tooltip" data-testid="map-tooltip">
      <strong>{unit?.name ?? hover.code}</strong>
      <div className="muted">{metricLegend(metric, lang).title}</div>
      <div>
        <span className="swatch small" style={{ background: classColourOf(metric, cls) }} aria-hidden />
        {unit ? formatMetricValue(metric, unit, day, lang) : t('map.tooltip.noData')}
      </div>
      {hover.level === 'district' && <div className="muted small">{t('map.tooltip.clickHint')}</div>}
    </div>
  );
}
