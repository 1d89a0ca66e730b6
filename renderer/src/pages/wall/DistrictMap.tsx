import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SituationMap } from '../../map/SituationMap';
import type { MapTheme } from '../../map/style';
import { classesFor, type MapMetricId } from '../../map/metrics';
import { labelPoints, normaliseBoundaries } from '../../map/features';
import { bboxOf, polygonsOf, unionBBox, type AreaGeometry, type BBox } from '../../map/geometry';
import { DATA_ATTRIBUTIONS } from '../../../../shared/reference/attribution';
import type { Lang } from '../../../../shared/format';
import type { UnitMetrics } from '../../../../shared/api/ops/metrics';
import { useStableOp } from './data';
import { scaleTextSize } from './mapLabels';

// The map screen's own canvas (MapLibre, ~1 MB): loaded only when a wall or briefing shows a map,
// but as soon as it mounts (in parallel with the boundaries and figures, not after them).
let canvasModule: Promise<typeof import('../map/MapCanvas')> | null = null;
const loadCanvas = () => (canvasModule ??= import('../map/MapCanvas'));
const MapCanvas = lazy(() => loadCanvas().then((m) => ({ default: m.MapCanvas })));

/** Symbol layers whose text the wall enlarges (district names and the level number under them). */
const SCALED_LAYERS = ['district-label', 'district-level-1', 'district-level-2', 'district-level-3', 'district-level-4'];
const NO_LAYERS = { facilities: false, zones: false, tasks: false, basemap: false };
const noop = () => undefined;

/** First sentence of a data attribution (credit and licence), as the map screen shows it. */
export function attributionText(id: string, lang: Lang): string {
  const text = DATA_ATTRIBUTIONS.find((a) => a.id === id)!.text[lang];
  return /^.*?\.(?=\s|$)/.exec(text)?.[0] ?? text;
}

export interface DistrictMapProps {
  theme: MapTheme;
  metric: MapMetricId;
  snapshot: { date: string; units: UnitMetrics[] } | undefined;
  /** Label size factor (the wall: legible from 5 m; scales with the screen). */
  labelScale: number;
  /** Fit padding in CSS px. */
  padding: number;
  /** Canvas resolution factor (the briefing prints at 2×). */
  pixelRatio?: number;
  /** Called each time the map has finished drawing the snapshot's day (export hook). */
  onRendered?(canvas: HTMLCanvasElement): void;
}

/**
 * The district choropleth of the map screen (its MapCanvas and SituationMap: same style,
 * class tables and colours), without its interaction: for the wall's map panel and the
 * briefing's map image.
 */
export function DistrictMap(p: DistrictMapProps) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  useEffect(() => void loadCanvas(), []);
  const geo = useStableOp('boundaries.get', { level: 'district' });
  const districts = useMemo(() => (geo.data ? normaliseBoundaries(geo.data) : null), [geo.data]);
  const labels = useMemo(() => (districts ? labelPoints(districts) : null), [districts]);
  const bounds = useMemo<BBox | null>(
    () => (districts && districts.features.length ? districts.features.map((f) => bboxOf(polygonsOf(f.geometry as AreaGeometry))).reduce(unionBBox) : null),
    [districts],
  );
  const classes = useMemo(
    () => (p.snapshot ? { day: p.snapshot.date, classes: classesFor(p.metric, p.snapshot.units, p.snapshot.date) } : null),
    [p.snapshot, p.metric],
  );
  const attribution = useMemo(() => ({ districts: attributionText('district-boundaries', lang), facilities: attributionText('hospitals-osm', lang) }), [lang]);
  const [sm, setSm] = useState<SituationMap | null>(null);
  const [prepared, setPrepared] = useState<SituationMap | null>(null);
  const originals = useRef(new WeakMap<SituationMap, Map<string, unknown>>());

  // Labels scaled for the screen, and the whole city fitted into the frame (our own padding:
  // the map screen's leaves room for its legend overlay, which the wall keeps beside the map).
  useEffect(() => {
    if (!sm || !bounds) return;
    let off = false;
    const m = sm.map;
    const fit = () => m.fitBounds(bounds, { padding: p.padding, duration: 0 });
    void sm.ready.then(() => {
      if (off) return;
      let base = originals.current.get(sm);
      if (!base) {
        base = new Map(SCALED_LAYERS.flatMap((id) => [[`${id}:size`, m.getLayoutProperty(id, 'text-size')], [`${id}:halo`, m.getPaintProperty(id, 'text-halo-width')]]));
        originals.current.set(sm, base);
      }
      for (const id of SCALED_LAYERS) {
        m.setLayoutProperty(id, 'text-size', scaleTextSize(base.get(`${id}:size`), p.labelScale) as never);
        m.setPaintProperty(id, 'text-halo-width', scaleTextSize(base.get(`${id}:halo`), Math.sqrt(p.labelScale)) as never);
      }
      if (p.pixelRatio) m.setPixelRatio(p.pixelRatio);
      fit();
      m.on('resize', fit);
      setPrepared(sm);
    });
    return () => {
      off = true;
      m.off('resize', fit);
    };
  }, [sm, bounds, p.labelScale, p.padding, p.pixelRatio]);

  // Export hook: after every finished frame that shows the snapshot's day in this metric.
  const onRendered = p.onRendered;
  useEffect(() => {
    if (!sm || prepared !== sm || !onRendered || !classes) return;
    const m = sm.map;
    const onIdle = () => {
      if (sm.dataDay('district') === classes.day && sm.currentMetric() === p.metric) onRendered(m.getCanvas());
    };
    m.on('idle', onIdle);
    m.triggerRepaint();
    return () => void m.off('idle', onIdle);
  }, [sm, prepared, classes, p.metric, onRendered]);

  if (!districts || !labels) return <div className="district-map-wait">{geo.error ? (geo.error as Error).message : t('wall.loading')}</div>;
  return (
    <Suspense fallback={<div className="district-map-wait">{t('wall.loading')}</div>}>
      <MapCanvas
        theme={p.theme}
        metric={p.metric}
        day={p.snapshot?.date ?? '1970-01-01'}
        view="district"
        districts={districts}
        districtLabels={labels}
        wards={null}
        wardLabels={null}
        districtClasses={classes}
        wardClasses={null}
        facilities={null}
        tasks={null}
        zones={null}
        layers={NO_LAYERS}
        selected={null}
        focus={null}
        attribution={attribution}
        basemap={null}
        label={t('wall.panels.map')}
        onSelect={noop}
        onHover={noop}
        onMap={setSm}
      />
    </Suspense>
  );
}
