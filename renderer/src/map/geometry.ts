/**
 * Small planar geometry helpers for label and pin placement (lon/lat treated as planar: the
 * city spans well under one degree, so the distortion does not matter for placing a label).
 */
export type Pos = [number, number];
export type Ring = Pos[];
export type PolygonCoords = Ring[];

export interface AreaGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: PolygonCoords | PolygonCoords[];
}

export const polygonsOf = (g: AreaGeometry): PolygonCoords[] =>
  g.type === 'Polygon' ? [g.coordinates as PolygonCoords] : (g.coordinates as PolygonCoords[]);

export type BBox = [number, number, number, number];

export function bboxOf(polys: readonly PolygonCoords[]): BBox {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polys)
    for (const [x, y] of poly[0] ?? []) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  return [minX, minY, maxX, maxY];
}

export const unionBBox = (a: BBox, b: BBox): BBox => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];

/** Even-odd ray casting over every ring of a polygon (holes excluded). */
export function pointInPolygon(x: number, y: number, poly: PolygonCoords): boolean {
  let inside = false;
  for (const ring of poly) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Distance from a point to the polygon outline; negative outside. */
function signedDistance(x: number, y: number, poly: PolygonCoords): number {
  let min = Infinity;
  for (const ring of poly) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      min = Math.min(min, segmentDistance(x, y, ring[i]!, ring[j]!));
    }
  }
  return pointInPolygon(x, y, poly) ? min : -min;
}

function segmentDistance(px: number, py: number, a: Pos, b: Pos): number {
  let [x, y] = a;
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) [x, y] = b;
    else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return Math.sqrt(dx * dx + dy * dy);
}

/**
 * Pole of inaccessibility (the interior point farthest from the outline), found by a
 * quad-tree search in the manner of Mapbox's polylabel: a label there never falls outside a
 * concave district the way a centroid can. `precision` is in degrees; by default 1/20 of the
 * shape's smaller side (at least 0.001° ≈ 100 m): a label needs no more, and the search
 * cost grows quickly with precision (30 districts ≈ 30–60 ms on a slow machine).
 */
export function labelPoint(poly: PolygonCoords, precision?: number): Pos {
  const [minX, minY, maxX, maxY] = bboxOf([poly]);
  const size = Math.min(maxX - minX, maxY - minY);
  precision ??= Math.max(0.001, size / 20);
  if (!Number.isFinite(size) || size === 0) return [minX, minY];
  type Cell = { x: number; y: number; h: number; d: number; max: number };
  const cell = (x: number, y: number, h: number): Cell => {
    const d = signedDistance(x, y, poly);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };
  const queue: Cell[] = [];
  const h = size / 2;
  for (let x = minX; x < maxX; x += size) for (let y = minY; y < maxY; y += size) queue.push(cell(x + h, y + h, h));
  let best = cell((minX + maxX) / 2, (minY + maxY) / 2, 0);
  for (const c of queue) if (c.d > best.d) best = c;
  let guard = 0;
  while (queue.length > 0 && guard++ < 20_000) {
    // Largest potential first (a linear scan is plenty for a few hundred cells).
    let k = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i]!.max > queue[k]!.max) k = i;
    const c = queue.splice(k, 1)[0]!;
    if (c.d > best.d) best = c;
    if (c.max - best.d <= precision) continue;
    const q = c.h / 2;
    queue.push(cell(c.x - q, c.y - q, q), cell(c.x + q, c.y - q, q), cell(c.x - q, c.y + q, q), cell(c.x + q, c.y + q, q));
  }
  return [best.x, best.y];
}

/** Label point of an area: the pole of its largest polygon (by bounding-box area). */
export function areaLabelPoint(g: AreaGeometry): Pos {
  const polys = polygonsOf(g);
  let largest = polys[0]!;
  let largestArea = -1;
  for (const p of polys) {
    const [a, b, c, d] = bboxOf([p]);
    const area = (c - a) * (d - b);
    if (area > largestArea) [largest, largestArea] = [p, area];
  }
  return labelPoint(largest);
}
