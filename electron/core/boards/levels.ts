import type { LoadLevel } from '../../../shared/api/ops/boards';

export interface Thresholds {
  warnPct: number;
  criticalPct: number;
}

/**
 * Level of an occupancy percentage. A threshold is "crossed" when reached: exactly 80 %
 * with warn at 80 % is a warning (the command room wants to hear it at the mark, not after).
 */
export function levelOf(pct: number | null, t: Thresholds): LoadLevel | null {
  if (pct === null) return null;
  if (pct >= t.criticalPct) return 'critical';
  if (pct >= t.warnPct) return 'warn';
  return 'ok';
}

const RANK: Record<LoadLevel, number> = { ok: 0, warn: 1, critical: 2 };

/** The worst of several levels (null when none is known). */
export function worstLevel(levels: ReadonlyArray<LoadLevel | null>): LoadLevel | null {
  let worst: LoadLevel | null = null;
  for (const l of levels) if (l !== null && (worst === null || RANK[l] > RANK[worst])) worst = l;
  return worst;
}
