import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { useTheme } from '../../theme';
import { DATA_ATTRIBUTIONS } from '../../../../shared/reference/attribution';
import { addDays } from '../../../../shared/metrics';
import { formatDate, hanoiToday, type Lang } from '../../../../shared/format';
import { DEFAULT_MAP_SETTINGS } from '../../../../shared/api/ops/map';
import { MAP_METRIC_IDS, classesFor, type MapMetricId } from '../../map/metrics';
import { facilityPoints, labelPoints, normaliseBoundaries, pointIndex, taskPins, wardParents, zoneAreas, type PlaceIndex } from '../../map/features';
import { MapCanvas, type HoverInfo } from './MapCanvas';
import { Legend } from './Legend';
import { TimeSlider } from './TimeSlider';
import { DistrictPanel } from './DistrictPanel';
import { MapTooltip } from './MapTooltip';
import { BasemapSettings } from './BasemapSettings';
import { useMapUrlState } from './urlState';
import { useDayCache, useDayQuery, usePrefetchDays } from './data';
import './map.css';

type ToggleLayers = { facilities: boolean; zones: boolean; tasks: boolean; basemap: boolean };
const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) || !!el.closest('.map-canvas'));

/** Up to the first full stop followed by a space or the end ("www.x.org" does not end a sentence). */
const firstSentence = (s: string) => /^.*?\.(?=\s|$)/.exec(s)?.[0] ?? s;

/** Bản đồ tình huống: choropleth by district (or ward), facilities, zones, tasks; time replay. */
export function MapPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  const [theme] = useTheme();
  const [url, setUrl] = useMapUrlState();

  // ------------------------------------------------------------ reference data (cached for the session)
  const range = useOp('metrics.range', {});
  const districtGeo = useOp('boundaries.get', { level: 'district' });
  const wardGeo = useOp('boundaries.get', { level: 'ward' }, { enabled: url.view === 'ward' });
  const wardUnits = useOp('units.list', { level: 'ward' });
  const settingsQ = useOp('map.settings.get', {});
  const facilitiesQ = useOp('facilities.list', {});
  const tasksQ = useOp('tasks.list', {});
  const zonesQ = useOp('zones.list', {});

  const first = range.data?.firstDate ?? null;
  const last = range.data?.lastDate ?? null;
  const clamp = useCallback((d: string) => (first && d < first ? first : last && d > last ? last : d), [first, last]);
  const day = clamp(url.day ?? last ?? hanoiToday());

  // ------------------------------------------------------------ day-keyed data
  const snapshot = useDayQuery('metrics.snapshot', { date: day, level: 'district' }, !!last);
  const wards = useMemo(() => (wardGeo.data ? normaliseBoundaries(wardGeo.data) : null), [wardGeo.data]);
  const wardsImported = !!wards && wards.features.length > 0;
  const wardSnapshot = useDayQuery('metrics.snapshot', { date: day, level: 'ward' }, !!last && url.view === 'ward' && wardsImported);
  const loads = useDayQuery('map.facilityLoad', { date: day });

  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  usePrefetchDays(last ? day : null, last, first, playing ? 3 + speed * 2 : 2, url.view === 'ward' && wardsImported);

  // ------------------------------------------------------------ geometry and features
  const districts = useMemo(() => (districtGeo.data ? normaliseBoundaries(districtGeo.data) : null), [districtGeo.data]);
  const districtLabels = useMemo(() => (districts ? labelPoints(districts) : null), [districts]);
  const wardLabels = useMemo(() => (wards ? labelPoints(wards) : null), [wards]);
  const places: PlaceIndex = useMemo(
    () => ({
      unitPoints: new Map([...(districtLabels ? pointIndex(districtLabels) : []), ...(wardLabels ? pointIndex(wardLabels) : [])]),
      facilities: new Map((facilitiesQ.data ?? []).map((f) => [f.id, f])),
      wardParent: wardParents(wardUnits.data ?? []),
    }),
    [districtLabels, wardLabels, facilitiesQ.data, wardUnits.data],
  );
  const facilityFc = useMemo(() => (facilitiesQ.data ? facilityPoints(facilitiesQ.data, loads.data) : null), [facilitiesQ.data, loads.data]);
  const taskFc = useMemo(() => (tasksQ.data && districtLabels ? taskPins(tasksQ.data, places) : null), [tasksQ.data, places, districtLabels]);
  const zoneFc = useMemo(() => (zonesQ.data ? zoneAreas(zonesQ.data) : null), [zonesQ.data]);

  const districtClasses = useMemo(
    () => (snapshot.data ? { day: snapshot.data.date, classes: classesFor(url.metric, snapshot.data.units, snapshot.data.date) } : null),
    [snapshot.data, url.metric],
  );
  const wardClasses = useMemo(
    () => (wardSnapshot.data ? { day: wardSnapshot.data.date, classes: classesFor(url.metric, wardSnapshot.data.units, wardSnapshot.data.date) } : null),
    [wardSnapshot.data, url.metric],
  );

  // ------------------------------------------------------------ settings and layers
  const settings = settingsQ.data ?? DEFAULT_MAP_SETTINGS;
  const basemapOn = settings.basemap.enabled && settings.basemap.url !== '';
  const basemap = useMemo(
    () => (basemapOn ? { url: settings.basemap.url, attribution: settings.basemap.attribution, maxZoom: settings.basemap.maxZoom } : null),
    [basemapOn, settings.basemap.url, settings.basemap.attribution, settings.basemap.maxZoom],
  );
  const [layers, setLayers] = useState<ToggleLayers>({ facilities: true, zones: true, tasks: true, basemap: true });
  // On the map, the first sentence of each data attribution (credit and licence); the full text,
  // with the list of modifications, is on the About screen. One source: shared/reference/attribution.ts.
  const attribution = useMemo(() => {
    const text = (id: string) => firstSentence(DATA_ATTRIBUTIONS.find((a) => a.id === id)!.text[lang]);
    return { districts: text('district-boundaries'), facilities: text('hospitals-osm') };
  }, [lang]);

  // ------------------------------------------------------------ interaction
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const setDay = useCallback((d: string) => setUrl({ day: clamp(d) }), [setUrl, clamp]);
  const select = useCallback((code: string | null) => setUrl({ district: code }), [setUrl]);
  const setMetric = (m: MapMetricId) => setUrl({ metric: m });
  const [focus, setFocus] = useState<{ code: string; n: number } | null>(null);
  const pickFromList = (code: string | null) => {
    select(code);
    if (code) setFocus((f) => ({ code, n: (f?.n ?? 0) + 1 }));
  };

  const { has } = useDayCache();
  const dayRef = useRef(day);
  dayRef.current = day;
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    if (!playing || !last) return;
    const timer = setInterval(() => {
      const next = addDays(dayRef.current, 1);
      if (next > last) return setPlaying(false);
      // Advance only once the next day's figures are cached: a replay never skips a day.
      const ready = has('metrics.snapshot', { date: next, level: 'district' });
      setWaiting(!ready);
      if (ready) setDay(next);
    }, 900 / speed);
    return () => clearInterval(timer);
  }, [playing, speed, last, has, setDay]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && url.district) {
        select(null);
        return;
      }
      if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        e.preventDefault();
        setDay(addDays(day, e.key === 'ArrowLeft' ? -1 : 1));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [url.district, select, setDay, day]);

  const districtOptions = useMemo(
    () => (districts?.features ?? []).map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    [districts],
  );
  const selectedUnit = snapshot.data?.units.find((u) => u.code === url.district);
  const hoverUnit =
    hover?.kind === 'unit' ? (hover.level === 'ward' ? wardSnapshot.data : snapshot.data)?.units.find((u) => u.code === hover.code) : undefined;
  const loadingDay = snapshot.isPlaceholderData || (snapshot.isFetching && snapshot.data?.date !== day);
  const metricsError = snapshot.error ?? range.error;

  const mapLayers = useMemo(() => ({ facilities: layers.facilities, zones: layers.zones, tasks: layers.tasks, basemap: layers.basemap }), [layers]);

  return (
    <section className="page map-page" data-testid="page-map">
      <header className="map-toolbar">
        <h1>{t('map.title')}</h1>
        <label>
          <span>{t('map.metric')}</span>
          <select value={url.metric} onChange={(e) => setMetric(e.target.value as MapMetricId)} data-testid="map-metric">
            {MAP_METRIC_IDS.map((m) => (
              <option key={m} value={m}>
                {t(`map.metrics.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="segmented">
          <legend>{t('map.view')}</legend>
          {(['district', 'ward'] as const).map((v) => (
            <label key={v}>
              <input type="radio" name="map-view" value={v} checked={url.view === v} onChange={() => setUrl({ view: v })} data-testid={`map-view-${v}`} />
              {v === 'district' ? t('map.viewDistrict') : t('map.viewWard')}
            </label>
          ))}
        </fieldset>
        <label>
          <span>{t('map.chooseDistrict')}</span>
          <select value={url.district ?? ''} onChange={(e) => pickFromList(e.target.value || null)} data-testid="map-district-select">
            <option value="">{t('map.chooseDistrictNone')}</option>
            {districtOptions.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="layer-toggles">
          <legend>{t('map.layers')}</legend>
          {(['facilities', 'zones', 'tasks', ...(basemapOn ? (['basemap'] as const) : [])] as const).map((k) => (
            <label key={k}>
              <input type="checkbox" checked={layers[k]} onChange={(e) => setLayers((l) => ({ ...l, [k]: e.target.checked }))} data-testid={`layer-${k}`} />
              {t(`map.layer.${k}`)}
            </label>
          ))}
        </fieldset>
      </header>

      {url.view === 'ward' && wardGeo.data && !wardsImported && (
        <p className="notice" role="status" data-testid="no-ward-boundaries">
          {t('map.noWardBoundaries')}
        </p>
      )}
      {metricsError && (
        <p className="error" role="alert">
          {t('map.metricsError', { message: (metricsError as Error).message })}
        </p>
      )}
      {range.data && !last && (
        <p className="notice" role="status">
          {t('map.noData')}
        </p>
      )}

      <div className={`map-body${url.district ? ' with-panel' : ''}`}>
        <div className="map-wrap">
          {districts && districtLabels ? (
            <MapCanvas
              key={lang}
              theme={theme}
              metric={url.metric}
              day={day}
              view={url.view === 'ward' && wardsImported ? 'ward' : 'district'}
              districts={districts}
              districtLabels={districtLabels}
              wards={wards}
              wardLabels={wardLabels}
              districtClasses={districtClasses}
              wardClasses={wardClasses}
              facilities={facilityFc}
              tasks={taskFc}
              zones={zoneFc}
              layers={mapLayers}
              selected={url.district}
              focus={focus}
              attribution={attribution}
              basemap={basemap}
              label={t('map.title')}
              onSelect={select}
              onHover={setHover}
            />
          ) : (
            <p className="muted map-loading">{districtGeo.error ? (districtGeo.error as Error).message : t('map.loading')}</p>
          )}
          <div className="map-day-badge" aria-hidden data-testid="map-day-badge">
            {formatDate(day)}
            {loadingDay && <span className="spinner" title={t('map.loadingDay', { date: formatDate(day) })} />}
          </div>
          <Legend metric={url.metric} layers={layers} note={basemap && layers.basemap ? null : t('map.offlineNote')} />
          {hover && <MapTooltip hover={hover} unit={hoverUnit} metric={url.metric} day={snapshot.data?.date ?? day} />}
        </div>
        {url.district && (
          <DistrictPanel
            code={url.district}
            day={day}
            firstDate={first ?? day}
            metric={url.metric}
            unit={selectedUnit}
            facilities={facilitiesQ.data ?? []}
            loads={loads.data}
            tasks={tasksQ.data ?? []}
            zones={zonesQ.data ?? []}
            places={places}
            onClose={() => select(null)}
          />
        )}
      </div>

      {first && last && (
        <TimeSlider
          first={first}
          last={last}
          day={day}
          playing={playing}
          speed={speed}
          waiting={waiting}
          onDay={setDay}
          onPlay={setPlaying}
          onSpeed={setSpeed}
        />
      )}
      <BasemapSettings settings={settings} />
    </section>
  );
}
