import type { Feature, FeatureCollection, Polygon, MultiPolygon } from 'geojson';
import { bboxOf, pointInPolygon, polygonsOf, type AreaGeometry, type PolygonCoords } from '../../renderer/src/map/geometry';

/**
 * Synthetic "ward-like" units for the map benchmark: each district's bounding box is cut into
 * a square grid and the squares whose centre lies inside the district are kept (a rough clip,
 * as the brief allows). The cell size is tuned so the city holds about `target` units, the
 * scale of a ward/commune-level map (579 real wards; ~5,800 for a finer grid).
 */
export interface UnitProps {
  code: string;
  district: string;
}

export function syntheticUnits(districts: FeatureCollection, target = 5800): FeatureCollection<Polygon, UnitProps> {
  const polys = districts.features.map((f) => ({
    code: String((f.properties as { code?: string } | null)?.code ?? f.id),
    polys: polygonsOf(f.geometry as unknown as AreaGeometry),
  }));
  const inside = (x: number, y: number, ps: PolygonCoords[]) => ps.some((p) => pointInPolygon(x, y, p));
  const build = (size: number) => {
    const out: Feature<Polygon, UnitProps>[] = [];
    for (const d of polys) {
      const [minX, minY, maxX, maxY] = bboxOf(d.polys);
      for (let x = minX; x < maxX; x += size) {
        for (let y = minY; y < maxY; y += size) {
          if (!inside(x + size / 2, y + size / 2, d.polys)) continue;
          const code = `u${String(out.length + 1).padStart(5, '0')}`;
          out.push({
            type: 'Feature',
            properties: { code, district: d.code },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [x, y],
                  [x + size, y],
                  [x + size, y + size],
                  [x, y + size],
                  [x, y],
                ],
              ],
            },
          });
        }
      }
    }
    return out;
  };
  // Area scales with size², so correct the size by √(count/target) a few times.
  let size = 0.008;
  let units = build(size);
  for (let i = 0; i < 6 && Math.abs(units.length - target) / target > 0.01; i++) {
    size *= Math.sqrt(units.length / target);
    units = build(size);
  }
  return { type: 'FeatureCollection', features: units };
}

/**
 * Deterministic class arrays for `days` simulated days (mulberry32 PRNG, so runs are comparable):
 * day 0 is random; each next day gives a `changeShare` of the features a DIFFERENT class
 * (1 = every feature changes: the worst case; ~0.1 = a typical day-to-day step).
 */
export function syntheticDays(codes: readonly string[], days: number, classes: number, seed = 42, changeShare = 1): number[][] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: number[][] = [codes.map(() => Math.floor(rnd() * classes))];
  for (let d = 1; d < days; d++) {
    out.push(out[d - 1]!.map((c) => (rnd() < changeShare ? (c + 1 + Math.floor(rnd() * (classes - 1))) % classes : c)));
  }
  return out;
}

export type { FeatureCollection, Polygon, MultiPolygon };
