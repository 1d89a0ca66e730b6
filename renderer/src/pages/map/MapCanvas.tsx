import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import { SituationMap, type UnitLevel } from '../../map/SituationMap';
import { installTestHook } from '../../map/testHook';
import type { MapMetricId } from '../../map/metrics';
import type { UnitCollection } from '../../map/features';
import type { BasemapOptions, LayerGroup, MapTheme } from '../../map/style';

export interface HoverInfo {
  kind: 'unit' | 'facility';
  level?: UnitLevel;
  code?: string;
  name?: string;
  props?: Record<string, unknown>;
  x: number;
  y: number;
}

export interface MapCanvasProps {
  theme: MapTheme;
  metric: MapMetricId;
  day: string;
  view: UnitLevel;
  districts: UnitCollection;
  districtLabels: FeatureCollection;
  wards: UnitCollection | null;
  wardLabels: FeatureCollection | null;
  districtClasses: { day: string; classes: Map<string, number | null> } | null;
  wardClasses: { day: string; classes: Map<string, number | null> } | null;
  facilities: FeatureCollection | null;
  tasks: FeatureCollection | null;
  zones: FeatureCollection | null;
  layers: Record<Exclude<LayerGroup, 'districts' | 'wards'>, boolean>;
  selected: string | null;
  /** Bumped when the user picks a district from the list: the map then zooms to it. */
  focus: { code: string; n: number } | null;
  attribution: { districts: string; facilities: string };
  basemap: BasemapOptions | null;
  label: string;
  onSelect(code: string | null): void;
  onHover(info: HoverInfo | null): void;
  /** The live map once created (null when destroyed): the wall scales its labels, the briefing exports an image. */
  onMap?(map: SituationMap | null): void;
}

/** The MapLibre canvas. Created once per theme/basemap (the style depends on them); everything else is pushed in. */
export function MapCanvas(p: MapCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const [sm, setSm] = useState<SituationMap | null>(null);
  // Callbacks change every render; the map keeps reading the latest through a ref.
  const cb = useRef({ onSelect: p.onSelect, onHover: p.onHover, onMap: p.onMap });
  cb.current = { onSelect: p.onSelect, onHover: p.onHover, onMap: p.onMap };

  useEffect(() => {
    const map = new SituationMap({
      container: container.current!,
      theme: p.theme,
      metric: p.metric,
      day: p.day,
      districts: p.districts,
      districtLabels: p.districtLabels,
      attribution: p.attribution,
      basemap: p.basemap,
      onSelect: (code) => cb.current.onSelect(code),
      onHover: (h) => cb.current.onHover(h ? { kind: 'unit', level: h.level, code: h.code, x: h.x, y: h.y } : null),
      onFacilityHover: (h) => cb.current.onHover(h ? { kind: 'facility', name: h.name, props: h.props, x: h.x, y: h.y } : null),
    });
    const uninstall = installTestHook(map);
    setSm(map);
    cb.current.onMap?.(map);
    return () => {
      cb.current.onMap?.(null);
      uninstall();
      map.destroy();
      setSm(null);
    };
    // The style is built from these three only; everything else is applied by the effects below.
  }, [p.theme, p.districts, p.basemap]);

  useEffect(() => sm?.setMetric(p.metric), [sm, p.metric]);
  useEffect(() => sm?.setDay(p.day), [sm, p.day]);
  useEffect(() => {
    if (sm && p.districtClasses) sm.setClasses('district', p.districtClasses.classes, p.districtClasses.day);
  }, [sm, p.districtClasses]);
  useEffect(() => {
    if (sm && p.wardClasses) sm.setClasses('ward', p.wardClasses.classes, p.wardClasses.day);
  }, [sm, p.wardClasses]);
  useEffect(() => {
    if (sm && p.wards && p.wardLabels) sm.setWards(p.wards, p.wardLabels);
  }, [sm, p.wards, p.wardLabels]);
  useEffect(() => sm?.setLevel(p.view), [sm, p.view]);
  useEffect(() => {
    if (sm && p.facilities) sm.setData('facilities', p.facilities);
  }, [sm, p.facilities]);
  useEffect(() => {
    if (sm && p.tasks) sm.setData('tasks', p.tasks);
  }, [sm, p.tasks]);
  useEffect(() => {
    if (sm && p.zones) sm.setData('zones', p.zones);
  }, [sm, p.zones]);
  useEffect(() => {
    if (!sm) return;
    for (const [group, on] of Object.entries(p.layers)) sm.setGroupVisible(group as LayerGroup, on);
  }, [sm, p.layers]);
  useEffect(() => sm?.setSelected(p.selected), [sm, p.selected]);
  useEffect(() => {
    if (sm && p.focus) sm.focusDistrict(p.focus.code);
  }, [sm, p.focus]);

  return <div ref={container} className="map-canvas" data-testid="map-canvas" role="region" aria-label={p.label} />;
}
