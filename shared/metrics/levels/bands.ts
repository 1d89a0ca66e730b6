import { formatNumber, type Lang } from '../format';
import { BAND_EDGES, reaches, type BandedIndicator, type NumberRowBody, type NumberThresholdId } from './thresholds';
import type { Level, Text2 } from './types';
import type { Usage } from './usage';

type Edge = NumberRowBody & { id: NumberThresholdId };

export interface BandResult {
  band: Level;
  /** Edge that opened this band (null for band 1). */
  lower: Edge | null;
  /** Edge that opens the next band (null for band 4). */
  upper: Edge | null;
  /** "50 – < 150", "> 600", "< 20" in both languages. */
  range: Text2;
}

/**
 * Band 1–4 of a rate: 1 + the number of edges reached (edges are validated ascending). Only the
 * edges that bound the result are recorded as used — e.g. a rate of 0.025 depends on the band-2
 * edge alone.
 */
export function bandOf(x: number, indicator: BandedIndicator, usage: Usage, text = true): BandResult {
  const edges = BAND_EDGES[indicator].map((id) => usage.table[id] as Edge);
  let reached = 0;
  while (reached < edges.length && reaches(x, edges[reached]!)) reached++;
  const lower = reached > 0 ? edges[reached - 1]! : null;
  const upper = reached < edges.length ? edges[reached]! : null;
  if (lower) usage.get(lower.id);
  if (upper) usage.get(upper.id);
  const range = text ? { vi: rangeText(lower, upper, 'vi'), en: rangeText(lower, upper, 'en') } : { vi: '', en: '' };
  return { band: (reached + 1) as Level, lower, upper, range };
}

function rangeText(lower: Edge | null, upper: Edge | null, lang: Lang): string {
  const lo = lower ? `${lower.comparison === 'gte' ? '' : '> '}${formatNumber(lower.value, lang)}` : '';
  const hi = upper ? `${upper.comparison === 'gte' ? '< ' : '≤ '}${formatNumber(upper.value, lang)}` : '';
  if (!lower) return hi;
  if (!upper) return lower.comparison === 'gte' ? `≥ ${lo}` : lo;
  return `${lo} – ${hi}`;
}

/** Every edge value of a banded indicator (the points where its band can change). */
export function bandBreakpoints(indicator: BandedIndicator, usage: Usage): number[] {
  return BAND_EDGES[indicator].map((id) => (usage.table[id] as Edge).value);
}
