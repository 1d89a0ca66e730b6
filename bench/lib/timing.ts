/** Small timing helpers for the benchmarks (wall clock, performance.now). */

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

export interface Timing {
  /** Milliseconds. */
  median: number;
  p95: number;
  runs: number;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed (ms each). `fn(k)` gets the run index. */
export function timeRuns(fn: (k: number) => unknown, runs: number, warmup = 3): Timing {
  for (let k = 0; k < warmup; k++) fn(k);
  const ms: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    fn(k);
    ms.push(performance.now() - t);
  }
  return { median: median(ms), p95: percentile(ms, 95), runs };
}

/** Milliseconds of one call, and its value. */
export function timeOnce<T>(fn: () => T): [number, T] {
  const t = performance.now();
  const v = fn();
  return [performance.now() - t, v];
}

export const round = (x: number, digits = 2) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
export const mb = (bytes: number) => round(bytes / 1e6, 1);
