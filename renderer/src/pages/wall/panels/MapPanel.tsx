import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitMetrics } from '../../../../../shared/api/ops/metrics';
import type { Lang } from '../../../../../shared/format';
import { metricLegend } from '../../../map/format';
import type { MapMetricId } from '../../../map/metrics';
import { attributionText, DistrictMap } from '../DistrictMap';

/** Label size on the wall: about twice the desk map's, growing with the screen (4K → ×4). */
function useLabelScale(): number {
  const measure = () => Math.max(1.5, (2 * Math.min(window.innerWidth, window.innerHeight)) / 1080);
  const [k, setK] = useState(measure);
  useEffect(() => {
    const onResize = () => setK(measure());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return Math.round(k * 100) / 100;
}

/** The map screen's choropleth of the chosen metric, with its legend beside it. */
export function MapPanel({ metric, snapshot }: { metric: MapMetricId; snapshot: { date: string; units: UnitMetrics[] } | undefined }) {
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  const k = useLabelScale();
  const l = metricLegend(metric, lang);
  return (
    <div className="wall-map">
      <div className="wall-map-frame" data-testid="wall-map">
        <DistrictMap theme="dark" metric={metric} snapshot={snapshot} labelScale={k} padding={Math.round(16 * k)} />
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
        <p className="wall-source">{attributionText('district-boundaries', lang)}</p>
      </aside>
    </div>
  );
}
