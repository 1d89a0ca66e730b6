import { useTranslation } from 'react-i18next';
import { metricLegend } from '../../map/format';
import type { MapMetricId } from '../../map/metrics';
import { CLASS_TABLES } from '../../../../shared/metrics';
import type { Lang } from '../../../../shared/format';

/** Legend of the choropleth (rows from shared/metrics' class table) and of the point layers shown. */
export function Legend({ metric, layers, note }: { metric: MapMetricId; layers: { facilities: boolean; zones: boolean; tasks: boolean }; note: string | null }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  const l = metricLegend(metric, lang);
  const occ = CLASS_TABLES.occupancy;
  return (
    <details className="map-legend" aria-label={t('map.legend')} data-testid="map-legend" open>
      <summary>
        <h2 className="map-legend-title">{l.title}</h2>
      </summary>
      <ul>
        {l.entries.map((e) => (
          <li key={e.index} data-testid="legend-entry">
            <span className="swatch" style={{ background: e.colour }} aria-hidden>
              {metric === 'level' ? e.index + 1 : ''}
            </span>
            {e.label}
          </li>
        ))}
        <li>
          <span className="swatch" style={{ background: l.noData.colour }} aria-hidden />
          {l.noData.label}
        </li>
      </ul>
      {layers.facilities && (
        <div className="map-legend-extra">
          <span className="swatch-row" aria-hidden>
            {occ.colours.map((c) => (
              <span key={c} className="dot" style={{ background: c }} />
            ))}
          </span>
          {t('map.legendFacilities')}
        </div>
      )}
      {layers.zones && (
        <div className="map-legend-extra zones">
          {(['lockdown', 'quarantine', 'cordon'] as const).map((k) => (
            <span key={k}>
              <span className={`zone-swatch ${k}`} aria-hidden />
              {t(`map.legendZones.${k}`)}
            </span>
          ))}
        </div>
      )}
      {layers.tasks && (
        <div className="map-legend-extra">
          <span className="pin" aria-hidden />
          {t('map.legendTasks')} <span className="pin overdue" aria-hidden>!</span>
          {t('map.legendOverdue')}
        </div>
      )}
      {note && <p className="map-legend-note">{note}</p>}
    </details>
  );
}
