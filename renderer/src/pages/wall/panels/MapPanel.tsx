import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitMetrics } from '../../../../../shared/api/ops/metrics';
import type { Lang } from '../../../../../shared/format';
import { formatMetricValue, metricLegend } from '../../../map/format';
import { MAP_METRICS, type MapMetricId } from '../../../map/metrics';
import { attributionText, DistrictMap } from '../DistrictMap';
import { wallLabelScale } from '../mapLabels';
import { levelCounts } from '../derive';
import { LevelChip } from '../format';

/** Label size on the wall, following the window (wallLabelScale). */
function useLabelScale(): number {
  const measure = () => wallLabelScale(window.innerWidth, window.innerHeight);
  const [k, setK] = useState(measure);
  useEffect(() => {
    const onResize = () => setK(measure());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return k;
}

/** The map screen's choropleth of the chosen metric, with its legend beside it. */
export function MapPanel({ metric, snapshot }: { metric: MapMetricId; snapshot: { date: string; units: UnitMetrics[] } | undefined }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  const k = useLabelScale();
  // `data-drawn`: the day and metric the map has finished drawing (labels scaled, colours in).
  const [drawn, setDrawn] = useState<string | null>(null);
  const key = snapshot ? `${snapshot.date}:${metric}:${k}` : null;
  const onRendered = useCallback(() => setDrawn(key), [key]);
  const l = metricLegend(metric, lang);
  // The districts with the highest value of the metric (small inner-city ones are hard to read on the map).
  const top = snapshot
    ? snapshot.units
        .map((u) => ({ u, v: MAP_METRICS[metric].value(u, snapshot.date) }))
        .filter((x): x is { u: UnitMetrics; v: number } => x.v !== null)
        .sort((a, b) => b.v - a.v || a.u.name.localeCompare(b.u.name, 'vi'))
        .slice(0, 5)
    : [];
  return (
    <div className="wall-map">
      <div className="wall-map-frame" data-testid="wall-map" data-drawn={drawn ?? ''}>
        <DistrictMap theme="dark" metric={metric} snapshot={snapshot} labelScale={k} padding={Math.round(16 * k)} onRendered={onRendered} />
      </div>
      <aside className="wall-legend" data-testid="wall-legend">
        <h3>{l.title}</h3>
        <ul>
          {l.entries.map((e) => (
            <li key={e.index}>
              <span className="wall-swatch" style={{ background: e.colour }} aria-hidden />
              {e.label}
            </li>
          ))}
          <li>
            <span className="wall-swatch" style={{ background: l.noData.colour }} aria-hidden />
            {l.noData.label}
          </li>
        </ul>
        {metric === 'level' && snapshot && (
          <ul className="wall-top" data-testid="wall-map-levels">
            {levelCounts(snapshot.units).map((c) => (
              <li key={String(c.level)}>
                <span>
                  <LevelChip level={c.level} /> {t('wall.levelCount', { count: c.count })}
                </span>
              </li>
            ))}
          </ul>
        )}
        {metric !== 'level' && top.length > 0 && (
          <>
            <h3>{t('wall.topTitle')}</h3>
            <ol className="wall-top">
              {top.map(({ u }) => (
                <li key={u.code}>
                  <span>{u.name}</span>
                  <span>{formatMetricValue(metric, u, snapshot!.date, lang)}</span>
                </li>
              ))}
            </ol>
          </>
        )}
        <p className="wall-source">{attributionText('district-boundaries', lang)}</p>
      </aside>
    </div>
  );
}
