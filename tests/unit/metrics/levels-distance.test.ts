import { describe, expect, it } from 'vitest';
import { assessLevel, type Distance } from '../../../shared/metrics';
import { DEF, at218, at4800, i218, i4800 } from './fixtures';

const pick = (d: Distance | null) =>
  d && { targetLevel: d.targetLevel, threshold: d.threshold, relation: d.relation, targetCount: d.targetCount, deltaCount: d.deltaCount };
const notMet = { tc3Met: false };

describe('distance to the next level (driving criterion alone, everything else fixed)', () => {
  it.each([
    // rate, extra, level, up, down — hand-computed at population 100,000 (count = rate)
    [60, {}, 2, { targetLevel: 3, threshold: 150, relation: 'atLeast', targetCount: 150, deltaCount: 90 }, { targetLevel: 1, threshold: 50, relation: 'lessThan', targetCount: 49, deltaCount: 11 }],
    [60, notMet, 3, { targetLevel: 4, threshold: 150, relation: 'atLeast', targetCount: 150, deltaCount: 90 }, { targetLevel: 2, threshold: 50, relation: 'lessThan', targetCount: 49, deltaCount: 11 }],
    [20, notMet, 2, { targetLevel: 3, threshold: 50, relation: 'atLeast', targetCount: 50, deltaCount: 30 }, { targetLevel: 1, threshold: 20, relation: 'lessThan', targetCount: 19, deltaCount: 1 }],
    [19, notMet, 1, { targetLevel: 2, threshold: 20, relation: 'atLeast', targetCount: 20, deltaCount: 1 }, null],
    [150, notMet, 4, null, { targetLevel: 3, threshold: 150, relation: 'lessThan', targetCount: 149, deltaCount: 1 }],
    [10, {}, 1, { targetLevel: 2, threshold: 50, relation: 'atLeast', targetCount: 50, deltaCount: 40 }, null], // band 2 is still level 1 when met
  ] as const)('QĐ 4800, TC1 %d %j → level %d', (rate, extra, level, up, down) => {
    const a = at4800(i4800(rate, extra));
    expect(a.level).toBe(level);
    expect(pick(a.distance.up)).toEqual(up);
    expect(pick(a.distance.down)).toEqual(down);
  });

  it('states it in words, with the rate gap and the case count', () => {
    const a = assessLevel({ population: 1_000_000, newCases7d: { community: 1266 }, tc3Met: false }, DEF, '2021-11-15');
    expect(a.level).toBe(3);
    expect(a.distance.up!.deltaRate).toBeCloseTo(23.4, 9);
    expect(a.distance.up!.text.vi).toBe('Cần thêm 23,4 ca/100.000 dân/tuần để lên cấp 4 (ngưỡng: từ 150; thêm 234 ca)');
    expect(a.distance.up!.text.en).toBe('23.4 more cases per 100,000 per week to reach level 4 (threshold: at least 150; 234 more cases)');
    expect(a.distance.down!.text.en).toBe('Below 50 cases per 100,000 per week needed for level 2 (76.6 fewer; 767 fewer cases)');
    expect(a.distance.down!.text.vi).toBe('Cần giảm xuống dưới 50 ca/100.000 dân/tuần để về cấp 2 (giảm 76,6; bớt 767 ca)');
  });

  it('QĐ 218 "> 600": the threshold is strict, so 601 cases are needed', () => {
    const a = at218(i218(550));
    expect(a.level).toBe(2);
    expect(pick(a.distance.up)).toEqual({ targetLevel: 3, threshold: 600, relation: 'moreThan', targetCount: 601, deltaCount: 51 });
    expect(a.distance.up!.text.en).toContain('(threshold: above 600; 51 more cases)');
    expect(pick(a.distance.down)).toEqual({ targetLevel: 1, threshold: 80, relation: 'lessThan', targetCount: 79, deltaCount: 471 });
  });

  it('a tiny population can jump two levels with one case; the target level says so', () => {
    const a = assessLevel({ population: 1000, newCases7d: { community: 0 }, tc3Met: false }, DEF, '2021-11-15');
    expect(pick(a.distance.up)).toEqual({ targetLevel: 3, threshold: 20, relation: 'atLeast', targetCount: 1, deltaCount: 1 });
  });

  it('death override as the driver: at most 6 per 100,000 to drop the +1', () => {
    const a = at218(i218(0, { deaths7d: 7 }));
    expect(a.driver.id).toBe('218.TC1.deaths');
    expect(a.level).toBe(4);
    expect(pick(a.distance.down)).toEqual({ targetLevel: 3, threshold: 6, relation: 'atMost', targetCount: 6, deltaCount: 1 });
    expect(a.distance.down!.text.en).toBe('At most 6 deaths per 100,000 per week needed for level 3 (1 fewer; 1 fewer deaths)');
  });

  it('null when another criterion holds the level; the other criterion’s distances are listed', () => {
    const a = at218(i218(300, { oxygen7d: 15 })); // cases band 3, oxygen band 3 → (3, Cao) = 2
    expect(a.level).toBe(2);
    expect(a.driver.id).toBe('218.TC1.cases');
    expect(a.distance.down).toBeNull();
    expect(pick(a.distance.up)).toEqual({ targetLevel: 3, threshold: 600, relation: 'moreThan', targetCount: 601, deltaCount: 301 });
    const ids = a.distancesByCriterion.map((d) => `${d.criterionId}:${d.direction}:${d.threshold}`);
    expect(ids).toEqual(['218.TC1.cases:up:600', '218.TC1.oxygen:up:30', '218.TC1.deaths:up:5']);
  });

  it('the draft rule: from 0 cases a single case adds the +1', () => {
    const a = assessLevel(
      { population: 100_000, newCases7d: { community: 0 }, coverage: { senior50Full: 0.5 } },
      { ...DEF, thresholds: { ...DEF.thresholds, 't4800.combination': { ...DEF.thresholds['t4800.combination'], value: 'draft' } } },
      '2021-11-15',
    );
    expect(a.level).toBe(1);
    expect(pick(a.distance.up)).toEqual({ targetLevel: 2, threshold: 0, relation: 'moreThan', targetCount: 1, deltaCount: 1 });
  });
});
