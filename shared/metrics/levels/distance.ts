import { formatInteger, formatNumber, type Lang } from '../format';
import type { ContinuousCriterion } from './engine';
import type { Distance } from './result';
import type { Level } from './types';

/**
 * Distance to the next level up or down along ONE continuous criterion, everything else fixed.
 *
 * The level is a step function of the criterion's rate whose steps can only be at the
 * criterion's breakpoints (its band edges, plus e.g. the death override). So it is enough to
 * evaluate the level AT each breakpoint and BETWEEN neighbouring breakpoints:
 * - up: the first test point above the current rate with a higher level gives the threshold
 *   (a breakpoint → "at least v"; a point between v and the next → "more than v");
 * - down: the last test point below the current rate with a lower level gives the threshold
 *   (a breakpoint → "at most v"; a point between → "below" the upper neighbour).
 * The count is then the smallest/largest WHOLE count over the week whose rate (computed with
 * the same formula as the engine) crosses the threshold, and the target level is re-evaluated
 * at that count — for tiny populations one case can jump two levels.
 *
 * Returns null when no change is possible along this criterion alone (already level 4/1, or
 * another criterion holds the level), or when the count would have to go below 0.
 */
export function findDistance(
  direction: 'up' | 'down',
  c: ContinuousCriterion,
  level: Level,
  levelAt: (rate: number) => Level,
): Distance | null {
  const x = c.rate;
  const values = [...new Set(c.breakpoints.filter((v) => Number.isFinite(v) && v >= 0))].sort((a, b) => a - b);
  type Point = { at: number; lowerBound: [number, 'atLeast' | 'moreThan']; upperBound: [number, 'atMost' | 'lessThan'] };
  const points: Point[] = [];
  if (values.length > 0 && values[0]! > 0) {
    points.push({ at: 0, lowerBound: [0, 'atLeast'], upperBound: [0, 'atMost'] });
    points.push({ at: values[0]! / 2, lowerBound: [0, 'moreThan'], upperBound: [values[0]!, 'lessThan'] });
  }
  values.forEach((v, i) => {
    points.push({ at: v, lowerBound: [v, 'atLeast'], upperBound: [v, 'atMost'] });
    const next = values[i + 1];
    const mid = next === undefined ? v + Math.max(1, v) : (v + next) / 2;
    points.push({ at: mid, lowerBound: [v, 'moreThan'], upperBound: [next ?? Number.MAX_VALUE, 'lessThan'] });
  });

  const toRate = (n: number) => (n * 100_000) / c.population;
  let hit: { threshold: number; relation: Distance['relation'] } | null = null;
  if (direction === 'up') {
    for (const p of points) {
      if (p.at > x && levelAt(p.at) > level) {
        hit = { threshold: p.lowerBound[0], relation: p.lowerBound[1] };
        break;
      }
    }
  } else {
    for (const p of [...points].reverse()) {
      if (p.at < x && levelAt(p.at) < level) {
        hit = { threshold: p.upperBound[0], relation: p.upperBound[1] };
        break;
      }
    }
  }
  if (!hit) return null;

  const ok = (n: number): boolean => {
    const r = toRate(n);
    switch (hit!.relation) {
      case 'atLeast':
        return r >= hit!.threshold;
      case 'moreThan':
        return r > hit!.threshold;
      case 'atMost':
        return r <= hit!.threshold;
      case 'lessThan':
        return r < hit!.threshold;
    }
  };
  const guess = (hit.threshold * c.population) / 100_000;
  let targetCount: number;
  if (direction === 'up') {
    targetCount = Math.max(0, Math.ceil(guess));
    while (targetCount > 0 && ok(targetCount - 1)) targetCount--;
    while (!ok(targetCount)) targetCount++;
  } else {
    targetCount = Math.floor(guess);
    while (ok(targetCount + 1)) targetCount++;
    while (targetCount >= 0 && !ok(targetCount)) targetCount--;
    if (targetCount < 0) return null;
  }
  const targetLevel = levelAt(toRate(targetCount));
  if (direction === 'up' ? targetLevel <= level : targetLevel >= level) return null;

  const deltaRate = Math.abs(hit.threshold - x);
  const deltaCount = Math.abs(targetCount - c.count);
  const d = { direction, relation: hit.relation, threshold: hit.threshold, deltaRate, deltaCount, targetLevel };
  return {
    direction,
    criterionId: c.id,
    targetLevel,
    threshold: hit.threshold,
    relation: hit.relation,
    currentRate: x,
    deltaRate,
    currentCount: c.count,
    targetCount,
    deltaCount,
    text: { vi: distanceText(d, c, 'vi'), en: distanceText(d, c, 'en') },
  };
}

const REL: Record<Distance['relation'], { vi: string; en: string }> = {
  atLeast: { vi: 'từ', en: 'at least' },
  moreThan: { vi: 'trên', en: 'above' },
  atMost: { vi: 'không quá', en: 'at most' },
  lessThan: { vi: 'dưới', en: 'below' },
};

function distanceText(
  d: Pick<Distance, 'direction' | 'relation' | 'threshold' | 'deltaRate' | 'deltaCount' | 'targetLevel'>,
  c: ContinuousCriterion,
  lang: Lang,
): string {
  const n = (x: number) => formatNumber(x, lang);
  const count = Number.isInteger(d.deltaCount) ? formatInteger(d.deltaCount, lang) : n(d.deltaCount);
  const rel = REL[d.relation][lang];
  if (d.direction === 'up') {
    return lang === 'vi'
      ? `Cần thêm ${n(d.deltaRate)} ${c.unit.vi} để lên cấp ${d.targetLevel} (ngưỡng: ${rel} ${n(d.threshold)}; thêm ${count} ${c.noun.vi})`
      : `${n(d.deltaRate)} more ${c.unit.en} to reach level ${d.targetLevel} (threshold: ${rel} ${n(d.threshold)}; ${count} more ${c.noun.en})`;
  }
  return lang === 'vi'
    ? `Cần giảm xuống ${rel} ${n(d.threshold)} ${c.unit.vi} để về cấp ${d.targetLevel} (giảm ${n(d.deltaRate)}; bớt ${count} ${c.noun.vi})`
    : `${rel[0]!.toUpperCase()}${rel.slice(1)} ${n(d.threshold)} ${c.unit.en} needed for level ${d.targetLevel} (${n(d.deltaRate)} fewer; ${count} fewer ${c.noun.en})`;
}
