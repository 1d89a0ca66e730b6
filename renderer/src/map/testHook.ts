import type { SituationMap, UnitLevel } from './SituationMap';

/**
 * `window.__sabanMap`: a READ-ONLY window onto the live map for end-to-end tests and for
 * support staff in DevTools ("what class does Đống Đa have right now?"). It exposes values,
 * never the map object, so nothing can be changed through it.
 */
export interface SabanMapHook {
  readonly ready: boolean;
  day(): string;
  metric(): string;
  /** Day of the figures the map's colours currently come from (lags day() while loading). */
  dataDay(level?: UnitLevel): string | null;
  /** Class index in feature-state (−1 = no data), undefined when never set. */
  classOf(level: UnitLevel, code: string): number | undefined;
  featureState(level: UnitLevel, code: string): Record<string, unknown>;
  /** Screen position (CSS px, relative to the map container) of a district's label point. */
  screenPointOf(code: string): { x: number; y: number } | null;
  layerVisible(layerId: string): boolean;
  /** JS time of the last choropleth restyle, and how often the district data was (re)set. */
  lastRestyleMs(): number;
  districtDataSets(): number;
  /** Rendered features of a layer in the current view (ids and properties only). */
  renderedIds(layerId: string): string[];
}

declare global {
  interface Window {
    __sabanMap?: SabanMapHook;
  }
}

export function installTestHook(sm: SituationMap): () => void {
  const hook: SabanMapHook = {
    get ready() {
      return sm.loaded;
    },
    day: () => sm.currentDay(),
    metric: () => sm.currentMetric(),
    dataDay: (level = 'district') => sm.dataDay(level),
    classOf: (level, code) => sm.stateOf(level, code).cls as number | undefined,
    featureState: (level, code) => ({ ...sm.stateOf(level, code) }),
    screenPointOf: (code) => {
      const p = sm.labelPointOf(code);
      if (!p) return null;
      const { x, y } = sm.map.project(p);
      return { x, y };
    },
    layerVisible: (id) => !!sm.map.getLayer(id) && sm.map.getLayoutProperty(id, 'visibility') !== 'none',
    lastRestyleMs: () => sm.lastRestyleMs,
    districtDataSets: () => sm.districtDataSets,
    renderedIds: (layerId) =>
      sm.map.getLayer(layerId)
        ? sm.map.queryRenderedFeatures({ layers: [layerId] }).map((f) => String(f.properties.code ?? f.properties.id ?? f.id))
        : [],
  };
  Object.freeze(hook);
  window.__sabanMap = hook;
  return () => {
    if (window.__sabanMap === hook) delete window.__sabanMap;
  };
}
