import type { Position } from '../../../shared/reference/types';
import type { Rng } from './prng';

/** Small planar geometry helpers (lon/lat degrees; fine at city scale). */

export type Ring = readonly (readonly number[])[];

/** Ray casting on one ring. */
export function pointInRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
export function pointInPolygon(lon: number, lat: number, rings: readonly Ring[]): boolean {
  if (rings.length === 0 || !pointInRing(lon, lat, rings[0]!)) return false;
  for (let k = 1; k < rings.length; k++) if (pointInRing(lon, lat, rings[k]!)) return false;
  return true;
}

export function bbox(ring: Ring): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of ring) {
    minX = Math.min(minX, p[0]!);
    maxX = Math.max(maxX, p[0]!);
    minY = Math.min(minY, p[1]!);
    maxY = Math.max(maxY, p[1]!);
  }
  return [minX, minY, maxX, maxY];
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/**
 * A random point inside the polygon, kept at least `marginDeg` from its edge when
 * possible (so a small zone around it stays inside too). Rejection sampling in the bbox.
 */
export function randomPointIn(rings: readonly Ring[], rng: Rng, marginDeg = 0.004): [number, number] {
  const [minX, minY, maxX, maxY] = bbox(rings[0]!);
  let fallback: [number, number] | null = null;
  for (let attempt = 0; attempt < 5000; attempt++) {
    const lon = round5(rng.range(minX, maxX));
    const lat = round5(rng.range(minY, maxY));
    if (!pointInPolygon(lon, lat, rings)) continue;
    fallback ??= [lon, lat];
    if (marginDeg <= 0) return [lon, lat];
    let ok = true;
    for (let k = 0; k < 8 && ok; k++) {
      const a = (k / 8) * 2 * Math.PI;
      ok = pointInPolygon(lon + marginDeg * Math.cos(a), lat + marginDeg * Math.sin(a), rings);
    }
    if (ok) return [lon, lat];
  }
  if (fallback) return fallback;
  throw new Error('could not sample a point inside the polygon');
}

/**
 * A closed, counter-clockwise polygon ring approximating a circle of `radiusM` metres
 * around (lon, lat), slightly irregular so zones do not all look identical.
 */
export function circleRing(lon: number, lat: number, radiusM: number, rng: Rng, vertices = 12): Position[] {
  const dLat = radiusM / 111_320;
  const dLon = radiusM / (111_320 * Math.cos((lat * Math.PI) / 180));
  const ring: Position[] = [];
  for (let i = 0; i < vertices; i++) {
    const a = (i / vertices) * 2 * Math.PI;
    const f = rng.range(0.75, 1.15);
    ring.push([round5(lon + dLon * f * Math.cos(a)), round5(lat + dLat * f * Math.sin(a))]);
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}
