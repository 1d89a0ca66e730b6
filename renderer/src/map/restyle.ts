import type { Map as MaplibreMap } from 'maplibre-gl';
import { CLASS_STATE, NO_CLASS } from './metrics';

/**
 * THE choropleth restyle: each unit's class index into MapLibre feature-state, read by the
 * fill expression (classFillExpression). No source data is touched, so MapLibre re-evaluates
 * only the paint of the features whose state changed. Units whose class is unchanged since
 * `prev` are skipped; units that vanished from `next` fall back to no data.
 * Shared by the app (SituationMap) and the benchmark (bench/map), so the bench times this code.
 */
export function applyClassStates(
  map: Pick<MaplibreMap, 'setFeatureState'>,
  sources: readonly string[],
  next: ReadonlyMap<string, number | null>,
  prev?: ReadonlyMap<string, number | null>,
): number {
  let changed = 0;
  for (const [code, cls] of next) {
    if (prev && prev.has(code) && prev.get(code) === cls) continue;
    const state = { [CLASS_STATE]: cls ?? NO_CLASS };
    for (const source of sources) map.setFeatureState({ source, id: code }, state);
    changed++;
  }
  if (prev) {
    for (const code of prev.keys()) {
      if (next.has(code)) continue;
      for (const source of sources) map.setFeatureState({ source, id: code }, { [CLASS_STATE]: NO_CLASS });
      changed++;
    }
  }
  return changed;
}
