import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MaplibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import { getMaplibre } from './maplibre';
import { mapFontFaces } from './fonts';
import { buildStyle, DAY_STATE, LAYER_GROUPS, SOURCES, type BasemapOptions, type LayerGroup, type MapTheme } from './style';
import { classFillExpression, type MapMetricId } from './metrics';
import { applyClassStates } from './restyle';
import { bboxOf, unionBBox, polygonsOf, type AreaGeometry, type BBox } from './geometry';
import type { UnitCollection } from './features';

/**
 * Imperative owner of one MapLibre map. React hands it data; it never rebuilds a source to
 * restyle the choropleth: a day or metric change is a loop of `setFeatureState` (class index per
 * unit) and, for a metric change, one `setPaintProperty`. Day-dependent layers (zones, task
 * pins, overdue colour) read the day from style global state.
 */

export type UnitLevel = 'district' | 'ward';

export interface SituationMapOptions {
  container: HTMLElement;
  theme: MapTheme;
  metric: MapMetricId;
  day: string;
  districts: UnitCollection;
  districtLabels: FeatureCollection;
  attribution: { districts: string; facilities: string };
  basemap?: BasemapOptions | null;
  onHover?: (hit: { level: UnitLevel; code: string; x: number; y: number } | null) => void;
  onSelect?: (code: string | null) => void;
  onFacilityHover?: (hit: { name: string; x: number; y: number; props: Record<string, unknown> } | null) => void;
}

export class SituationMap {
  readonly map: MaplibreMap;
  readonly ready: Promise<void>;
  private metric: MapMetricId;
  private day: string;
  private level: UnitLevel = 'district';
  private classes: Record<UnitLevel, Map<string, number | null>> = { district: new Map(), ward: new Map() };
  /** The day whose figures the current classes come from (may lag the slider while loading). */
  private classesDay: Record<UnitLevel, string | null> = { district: null, ward: null };
  private hovered: { level: UnitLevel; code: string } | null = null;
  private selected: string | null = null;
  private wardsLoaded = false;
  private readonly bounds: BBox;
  /** Milliseconds of the last choropleth restyle (the setFeatureState loop), for the test hook. */
  lastRestyleMs = 0;
  /** How many times the district source data was set (stays 1: restyles never rebuild it). */
  districtDataSets = 1;
  private isLoaded = false;
  /** Until the user pans/zooms (or a district is focused), a resized container refits the city. */
  private viewTouched = false;
  /** Calls made before the style loaded, replayed once it has (latest wins per key). */
  private readonly queued = new Map<string, () => void>();

  constructor(private readonly opts: SituationMapOptions) {
    const maplibregl = getMaplibre();
    this.metric = opts.metric;
    this.day = opts.day;
    this.bounds = opts.districts.features.map((f) => bboxOf(polygonsOf(f.geometry as AreaGeometry))).reduce(unionBBox);
    this.map = new maplibregl.Map({
      container: opts.container,
      style: buildStyle({
        theme: opts.theme,
        metric: opts.metric,
        fontFaces: mapFontFaces(),
        districts: opts.districts,
        districtLabels: opts.districtLabels,
        attribution: opts.attribution,
        basemap: opts.basemap,
        initialDay: opts.day,
      }),
      bounds: this.bounds,
      fitBoundsOptions: { padding: this.padding() },
      // Generous: the legend padding shifts the city east of the view centre, and a tight
      // bound would push it back under the legend.
      maxBounds: [
        [this.bounds[0] - 2.5, this.bounds[1] - 1.5],
        [this.bounds[2] + 2.5, this.bounds[3] + 1.5],
      ],
      minZoom: 7,
      maxZoom: 17,
      attributionControl: { compact: false },
      // Keeps the canvas readable by the test hook / screenshots and "print" of the view.
      canvasContextAttributes: { preserveDrawingBuffer: true },
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      fadeDuration: 0,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    this.ready = new Promise((resolve) =>
      this.map.once('load', () => {
        this.isLoaded = true;
        this.wireEvents();
        this.map.setGlobalStateProperty(DAY_STATE, this.day);
        for (const fn of this.queued.values()) fn();
        this.queued.clear();
        this.applyClasses('district');
        this.applyClasses('ward');
        resolve();
      }),
    );
  }

  private whenLoaded(key: string, fn: () => void) {
    if (this.isLoaded) fn();
    else this.queued.set(key, fn);
  }

  get loaded() {
    return this.isLoaded;
  }

  private wireEvents() {
    const m = this.map;
    m.on('movestart', (e) => {
      if ((e as { originalEvent?: unknown }).originalEvent) this.viewTouched = true;
    });
    m.on('resize', () => {
      if (!this.viewTouched) this.fitCity();
    });
    const fillLayers = ['district-fill', 'ward-fill'];
    m.on('mousemove', (e) => {
      const hits = m.queryRenderedFeatures(e.point, { layers: ['facility-point', ...fillLayers] });
      const fac = hits.find((h) => h.layer.id === 'facility-point');
      if (fac) {
        this.setHover(null);
        m.getCanvas().style.cursor = 'pointer';
        this.opts.onFacilityHover?.({ name: String(fac.properties.name), x: e.point.x, y: e.point.y, props: fac.properties });
        this.opts.onHover?.(null);
        return;
      }
      this.opts.onFacilityHover?.(null);
      const unit = hits.find((h) => fillLayers.includes(h.layer.id));
      const level: UnitLevel = unit?.layer.id === 'ward-fill' ? 'ward' : 'district';
      const code = unit ? String(unit.properties.code) : null;
      this.setHover(code ? { level, code } : null);
      m.getCanvas().style.cursor = code ? 'pointer' : '';
      this.opts.onHover?.(code ? { level, code, x: e.point.x, y: e.point.y } : null);
    });
    m.getCanvas().addEventListener('mouseleave', () => {
      this.setHover(null);
      this.opts.onHover?.(null);
      this.opts.onFacilityHover?.(null);
    });
    m.on('click', (e) => {
      const cluster = m.queryRenderedFeatures(e.point, { layers: ['facility-cluster'] })[0];
      if (cluster) return void this.zoomIntoCluster(cluster);
      const hit = m.queryRenderedFeatures(e.point, { layers: ['district-fill'] })[0];
      this.opts.onSelect?.(hit ? String(hit.properties.code) : null);
    });
  }

  private async zoomIntoCluster(cluster: MapGeoJSONFeature) {
    const src = this.map.getSource<GeoJSONSource>(SOURCES.facilities);
    const id = cluster.properties.cluster_id as number;
    const zoom = await src!.getClusterExpansionZoom(id);
    this.map.easeTo({ center: (cluster.geometry as unknown as { coordinates: [number, number] }).coordinates, zoom });
  }

  private setHover(next: { level: UnitLevel; code: string } | null) {
    const prev = this.hovered;
    if (prev && next && prev.level === next.level && prev.code === next.code) return;
    if (prev) this.map.setFeatureState({ source: this.sourceOf(prev.level), id: prev.code }, { hover: false });
    if (next) this.map.setFeatureState({ source: this.sourceOf(next.level), id: next.code }, { hover: true });
    this.hovered = next;
  }

  private sourceOf(level: UnitLevel) {
    return level === 'district' ? SOURCES.districts : SOURCES.wards;
  }

  /**
   * THE restyle: class index per unit into feature-state. Only units whose class changed are
   * touched. Returns the JS time of the loop.
   */
  setClasses(level: UnitLevel, classes: Map<string, number | null>, forDay: string | null = null): number {
    const prev = this.classes[level];
    this.classes[level] = classes;
    this.classesDay[level] = forDay;
    if (!this.isLoaded) return 0;
    return this.applyClasses(level, prev);
  }

  private applyClasses(level: UnitLevel, prev?: Map<string, number | null>): number {
    const t0 = performance.now();
    // The label source carries the class too (the level number under the district name).
    const sources = level === 'district' ? [SOURCES.districts, SOURCES.districtLabels] : [SOURCES.wards];
    applyClassStates(this.map, sources, this.classes[level], prev);
    this.lastRestyleMs = performance.now() - t0;
    return this.lastRestyleMs;
  }

  setMetric(metric: MapMetricId) {
    if (metric === this.metric) return;
    this.metric = metric;
    this.whenLoaded('metric', () => this.applyMetric());
  }

  private applyMetric() {
    const metric = this.metric;
    const fill = classFillExpression(metric);
    this.map.setPaintProperty('district-fill', 'fill-color', fill);
    this.map.setPaintProperty('ward-fill', 'fill-color', fill);
    for (const n of [1, 2, 3, 4]) this.map.setLayoutProperty(`district-level-${n}`, 'visibility', metric === 'level' && this.level === 'district' ? 'visible' : 'none');
  }

  setDay(day: string) {
    if (day === this.day) return;
    this.day = day;
    if (this.isLoaded) this.map.setGlobalStateProperty(DAY_STATE, day);
  }

  /** Switches the choropleth between districts and (imported) wards. */
  setLevel(level: UnitLevel) {
    this.level = level;
    this.whenLoaded('level', () => this.applyLevel());
  }

  private applyLevel() {
    const level = this.level;
    const wards = level === 'ward' && this.wardsLoaded;
    for (const id of ['ward-fill', 'ward-line', 'ward-highlight', 'ward-label']) this.map.setLayoutProperty(id, 'visibility', wards ? 'visible' : 'none');
    this.map.setLayoutProperty('district-fill', 'visibility', wards ? 'none' : 'visible');
    for (const n of [1, 2, 3, 4]) this.map.setLayoutProperty(`district-level-${n}`, 'visibility', this.metric === 'level' && !wards ? 'visible' : 'none');
  }

  setWards(wards: UnitCollection, labels: FeatureCollection) {
    this.whenLoaded('wards', () => this.applyWards(wards, labels));
  }

  private applyWards(wards: UnitCollection, labels: FeatureCollection) {
    this.map.getSource<GeoJSONSource>(SOURCES.wards)?.setData(wards);
    this.map.getSource<GeoJSONSource>(SOURCES.wardLabels)?.setData(labels);
    this.wardsLoaded = wards.features.length > 0;
    this.applyClasses('ward');
    this.applyLevel();
  }

  setData(source: 'facilities' | 'tasks' | 'zones', data: FeatureCollection) {
    this.whenLoaded(`data:${source}`, () => this.map.getSource<GeoJSONSource>(SOURCES[source])?.setData(data));
  }

  setGroupVisible(group: LayerGroup, visible: boolean) {
    this.whenLoaded(`group:${group}`, () => this.applyGroup(group, visible));
  }

  private applyGroup(group: LayerGroup, visible: boolean) {
    for (const id of LAYER_GROUPS[group]) {
      if (!this.map.getLayer(id)) continue;
      if (group === 'districts' && id.startsWith('district-level-') && (this.metric !== 'level' || !visible)) {
        this.map.setLayoutProperty(id, 'visibility', 'none');
        continue;
      }
      this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    }
  }

  setSelected(code: string | null) {
    this.whenLoaded('selected', () => this.applySelected(code));
  }

  private applySelected(code: string | null) {
    if (code === this.selected) return;
    if (this.selected) this.map.setFeatureState({ source: SOURCES.districts, id: this.selected }, { selected: false });
    if (code) this.map.setFeatureState({ source: SOURCES.districts, id: code }, { selected: true });
    this.selected = code;
  }

  /** Brings a district into view (keyboard selection from the district list). */
  focusDistrict(code: string) {
    const f = this.opts.districts.features.find((x) => x.properties.code === code);
    if (!f) return;
    this.whenLoaded('focus', () => {
      // The side panel may just have opened: measure the container before fitting into it.
      this.viewTouched = true;
      this.map.resize();
      this.map.fitBounds(bboxOf(polygonsOf(f.geometry as AreaGeometry)), { padding: this.padding(), maxZoom: 12, duration: 400 });
    });
  }

  /** Room for the legend overlay (top-left) and the day badge when the map is wide enough. */
  private padding() {
    const wide = this.opts.container.clientWidth > 560;
    return { top: 56, bottom: 36, left: wide ? 300 : 16, right: wide ? 48 : 16 };
  }

  fitCity() {
    this.map.fitBounds(this.bounds, { padding: this.padding(), duration: 0 });
  }

  /** Read-only view of a unit's feature-state (test hook, tooltips). */
  stateOf(level: UnitLevel, code: string): Record<string, unknown> {
    return this.map.getFeatureState({ source: this.sourceOf(level), id: code });
  }

  /** Label point (lon, lat) of a district. */
  labelPointOf(code: string): [number, number] | null {
    const f = this.opts.districtLabels.features.find((x) => (x.properties as { code?: string } | null)?.code === code);
    return f ? ((f.geometry as unknown as { coordinates: [number, number] }).coordinates) : null;
  }

  dataDay(level: UnitLevel) {
    return this.classesDay[level];
  }

  currentMetric() {
    return this.metric;
  }
  currentDay() {
    return this.day;
  }

  destroy() {
    this.map.remove();
  }
}
