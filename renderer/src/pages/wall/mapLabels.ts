/**
 * Label sizing for the wall's map: the map screen's own `text-size` values (a number or a zoom
 * `interpolate`), multiplied. Pure (unit-tested); DistrictMap applies it to the live style.
 */
export function scaleTextSize(v: unknown, k: number): unknown {
  if (typeof v === 'number') return v * k;
  // ['interpolate', ['linear'], ['zoom'], z0, v0, z1, v1, …]: the outputs sit at even indexes from 4.
  if (Array.isArray(v) && v[0] === 'interpolate') return v.map((x, i) => (i >= 4 && i % 2 === 0 && typeof x === 'number' ? x * k : x));
  return v;
}

/** Label factor on the wall: twice the desk map's at 1080p, growing with the screen (2160p → ×4); never under 1.5. */
export const wallLabelScale = (width: number, height: number): number => Math.round(Math.max(1.5, (2 * Math.min(width, height)) / 1080) * 100) / 100;
