/** Axis helpers for the SVG charts (pure; unit-testable without a DOM). */

/** A "nice" step (1, 2, 2.5 or 5 × 10^k) so that about `count` steps cover `max`. */
export function niceStep(max: number, count = 4): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * pow;
}

/** Ticks 0, step, 2·step … up to the first one ≥ max. */
export function niceTicks(max: number, count = 4): number[] {
  const step = niceStep(max, count);
  const top = Math.max(step, Math.ceil(max / step - 1e-9) * step);
  const out: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

/** About `count` evenly spread indexes of an axis of length n, always including the last. */
export function spreadIndexes(n: number, count = 6): number[] {
  if (n <= 0) return [];
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  const step = Math.ceil((n - 1) / (count - 1));
  const out: number[] = [];
  for (let i = n - 1; i >= 0; i -= step) out.unshift(i);
  return out;
}

/** Path of a series with gaps: a null ends a segment ("no report" is not zero). */
export function gappedPath(values: ReadonlyArray<number | null>, x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

/**
 * Closed area paths between `lower` and `upper`, one per run of days where both are known
 * (a gap ends the band, as a null ends a line).
 */
export function bandPaths(
  lower: ReadonlyArray<number | null>,
  upper: ReadonlyArray<number | null>,
  x: (i: number) => number,
  y: (v: number) => number,
): string[] {
  const out: string[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length > 0) {
      const top = run.map((i, k) => `${k === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(upper[i]!).toFixed(1)}`).join('');
      const bottom = [...run].reverse().map((i) => `L${x(i).toFixed(1)},${y(lower[i]!).toFixed(1)}`).join('');
      out.push(`${top}${bottom}Z`);
    }
    run = [];
  };
  const n = Math.max(lower.length, upper.length);
  for (let i = 0; i < n; i++) {
    const lo = lower[i] ?? null;
    const hi = upper[i] ?? null;
    if (lo === null || hi === null || !Number.isFinite(lo) || !Number.isFinite(hi)) flush();
    else run.push(i);
  }
  flush();
  return out;
}
