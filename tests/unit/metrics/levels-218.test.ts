import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, matrix218CellId, type CapacityClass, type Intermediates218, type Level } from '../../../shared/metrics';
import { CAP_COUNT, at218, care, cfg, i218 } from './fixtures';

const im = (a: ReturnType<typeof at218>) => a.intermediates as Intermediates218;
const capacity = (c: CapacityClass) => ({ capacity: { communityCare: CAP_COUNT[c] } });

describe('QĐ 218 – case bands (defaults 80/200 UNCONFIRMED, > 600 CONFIRMED [S7]) at every edge', () => {
  // rate → case band; level with high capacity (cells 1,2,2,3) and with medium capacity (2,2,3,3)
  it.each([
    [0, 1, 1, 2],
    [79.99, 1, 1, 2],
    [80, 2, 2, 2],
    [80.01, 2, 2, 2],
    [199.99, 2, 2, 2],
    [200, 3, 2, 3],
    [200.01, 3, 2, 3],
    [599.99, 3, 2, 3],
    [600, 3, 2, 3], // "> 600": exactly 600 is not level 4
    [600.01, 4, 3, 3],
    [5000, 4, 3, 3],
  ])('cases %d → band %d; level %d (Cao), %d (Trung bình)', (rate, band, cao, tb) => {
    const a = at218(i218(rate));
    expect(im(a).cases.band).toBe(band);
    expect(im(a).transmission).toBe(band);
    expect(a.level).toBe(cao);
    expect(at218(i218(rate, capacity('trungBinh'))).level).toBe(tb);
  });

  it('the > 600 edge is CONFIRMED, the lower edges are listed for review', () => {
    const top = at218(i218(700));
    expect(top.thresholdsUsed).toContain('t218.cases.band4');
    expect(top.thresholdsToReview).not.toContain('t218.cases.band4');
    expect(at218(i218(100)).thresholdsToReview).toEqual(expect.arrayContaining(['t218.cases.band2', 't218.cases.band3']));
  });
});

describe('QĐ 218 – oxygen and death bands (UNCONFIRMED defaults), highest band wins', () => {
  it.each([
    ['oxygen7d', 4.99, 1],
    ['oxygen7d', 5, 2],
    ['oxygen7d', 9.99, 2],
    ['oxygen7d', 10, 3],
    ['oxygen7d', 29.99, 3],
    ['oxygen7d', 30, 4],
    ['deaths7d', 0.99, 1],
    ['deaths7d', 1, 2],
    ['deaths7d', 1.99, 2],
    ['deaths7d', 2, 3],
    ['deaths7d', 4.99, 3],
    ['deaths7d', 5, 4],
  ] as const)('%s %d → transmission %d (cases 0)', (field, v, t) => {
    const a = at218(i218(0, { [field]: v }));
    expect(im(a).transmission).toBe(t);
    if (t > 1) expect(a.driver.id).toBe(field === 'oxygen7d' ? '218.TC1.oxygen' : '218.TC1.deaths');
    else expect(a.driver.id).toBe('218.TC1.cases'); // ties go to cases
  });

  it("'casesOnly' ignores oxygen and death bands", () => {
    const c = cfg({ thresholds: { 't218.transmission.combine': { value: 'casesOnly' } } });
    const a = at218(i218(0, { oxygen7d: 50, deaths7d: 3 }), c);
    expect(im(a).transmission).toBe(1);
    expect(im(a).oxygen).toBeNull();
  });

  it('missing oxygen/deaths are reported and left out, not read as 0', () => {
    const a = at218(i218(100, { oxygen7d: null, deaths7d: undefined }));
    expect(im(a).transmission).toBe(2);
    expect(a.missing.map((m) => m.field)).toEqual(['oxygen7d', 'deaths7d']);
    expect(im(a).deathOverride.triggered).toBe(false);
  });
});

describe('QĐ 218 – death override > 6 per 100,000 per week → +1 (REPORTED [S27, S28])', () => {
  const casesOnly = (target: 'final' | 'transmission') =>
    cfg({
      thresholds: {
        't218.transmission.combine': { value: 'casesOnly' },
        't218.deathOverride.target': { value: target },
      },
    });
  it.each([
    [5.99, false],
    [6, false],
    [6.01, true],
  ])('deaths %d per 100k → triggered %s', (d, triggered) => {
    const a = at218(i218(0, { deaths7d: d }), casesOnly('final'));
    expect(im(a).deathOverride.triggered).toBe(triggered);
    expect(a.level).toBe(triggered ? 2 : 1);
  });

  it('default: the FINAL level goes up (4, Cao) 3 → 4', () => {
    const a = at218(i218(0, { deaths7d: 7 }));
    expect(im(a).transmission).toBe(4); // death band 4 (≥ 5)
    expect(im(a).matrixLevel).toBe(3);
    expect(a.level).toBe(4);
    expect(a.adjustments).toContainEqual(expect.objectContaining({ id: 't218.deathOverride', appliesTo: 'final', delta: 1 }));
  });

  it("target 'transmission' vs 'final' differ with medium capacity", () => {
    const i = i218(0, { deaths7d: 7, ...capacity('trungBinh') });
    const tr = at218(i, casesOnly('transmission'));
    expect(im(tr).transmission).toBe(2);
    expect(tr.level).toBe(2); // (2, TB) = 2
    const fin = at218(i, casesOnly('final'));
    expect(im(fin).transmission).toBe(1);
    expect(fin.level).toBe(3); // (1, TB) = 2, +1
  });

  it('a commune under 16,667 people exceeds 6 with a single death (epidemic-levels.md §2.2)', () => {
    const one = (population: number) =>
      at218({ ...i218(0), population, newCases7d: { community: 0, total: 0 }, deaths7d: 1, capacity: { communityCare: population } }, casesOnly('final'));
    expect(im(one(16_667)).deathOverride.triggered).toBe(false);
    expect(im(one(16_666)).deathOverride.triggered).toBe(true);
  });

  it('">" can be switched to "≥" in settings', () => {
    const c = cfg({
      thresholds: {
        't218.transmission.combine': { value: 'casesOnly' },
        't218.deathOverride.threshold': { comparison: 'gte' },
      },
    });
    expect(im(at218(i218(0, { deaths7d: 6 }), c)).deathOverride.triggered).toBe(true);
  });
});

describe('QĐ 218 – TC2 vaccination (75 % population, 90 % high-risk, REPORTED [S7, S25])', () => {
  it.each([
    [0.7499, 0.95, false],
    [0.75, 0.95, true],
    [0.7501, 0.95, true],
    [0.8, 0.8999, false],
    [0.8, 0.9, true],
    [0.8, 0.9001, true],
  ])('population full %d, high-risk full %d → met %s', (pop, hr, met) => {
    const a = at218(i218(0, { coverage: { populationFull: pop, highRiskFull: hr } }));
    expect(im(a).vaccination.met).toBe(met);
    expect(im(a).transmission).toBe(met ? 1 : 2);
    expect(a.level).toBe(met ? 1 : 2); // (1, Cao) = 1; (2, Cao) = 2
  });

  it('not met at transmission 4 stays 4 (capped)', () => {
    const a = at218(i218(700, { coverage: { populationFull: 0.5, highRiskFull: 0.5 } }));
    expect(im(a).transmission).toBe(4);
  });

  it('missing coverage → not assessable, treated as not met, reported', () => {
    const a = at218(i218(0, { coverage: undefined }));
    expect(im(a).vaccination).toMatchObject({ met: false, assessable: false });
    expect(a.level).toBe(2);
    expect(a.missing.map((m) => m.field)).toEqual(['coverage.populationFull', 'coverage.highRiskFull']);
  });
});

describe('QĐ 218 – response capacity (thresholds UNCONFIRMED)', () => {
  it.each([
    ['ward', { communityCare: care(50) }, 'cao'],
    ['ward', { communityCare: care(49.99) }, 'trungBinh'],
    ['ward', { communityCare: care(20) }, 'trungBinh'],
    ['ward', { communityCare: care(19.99) }, 'thap'],
    ['district', { vacantBeds: 20 }, 'cao'],
    ['district', { vacantBeds: 19.99 }, 'trungBinh'],
    ['district', { vacantBeds: 10 }, 'trungBinh'],
    ['district', { vacantBeds: 9.99 }, 'thap'],
    ['province', { icuBeds: 4 }, 'cao'],
    ['province', { icuBeds: 3.99 }, 'trungBinh'],
    ['province', { icuBeds: 2 }, 'trungBinh'],
    ['province', { icuBeds: 1.99 }, 'thap'],
    ['district', { communityCare: care(60), vacantBeds: 5 }, 'thap'], // worst of the supplied
  ] as const)('%s with %j → %s', (tier, cap, cls) => {
    const a = at218(i218(0, { tier, capacity: cap }));
    expect(im(a).capacity.capacityClass).toBe(cls);
    expect(im(a).capacity.assessable).toBe(true);
    expect(a.missing).toEqual([]);
  });

  it('the tier’s own indicator missing is reported; the others are used', () => {
    const a = at218(i218(0, { tier: 'district', capacity: { communityCare: care(60) } }));
    expect(im(a).capacity).toMatchObject({ capacityClass: 'cao', assessable: false, expected: '3b' });
    expect(a.missing.map((m) => m.field)).toEqual(['capacity.vacantBeds']);
  });

  it('no capacity data → configured default (Thấp), reported', () => {
    const a = at218(i218(0, { capacity: null }));
    expect(im(a).capacity.capacityClass).toBe('thap');
    expect(a.level).toBe(2); // (1, Thấp) = 2
    expect(a.missing.map((m) => m.field)).toEqual(['capacity.communityCare']);
    expect(a.thresholdsToReview).toContain('t218.cap.whenMissing');
    const c = cfg({ thresholds: { 't218.cap.whenMissing': { value: 'cao' } } });
    expect(at218(i218(0, { capacity: null }), c).level).toBe(1);
  });
});

describe('QĐ 218 – matrix transmission × capacity, every cell with its status (§2.5)', () => {
  const rateOf: Record<Level, number> = { 1: 0, 2: 100, 3: 300, 4: 700 };
  it.each([
    [1, 'cao', 1, 'IMPLIED'],
    [1, 'trungBinh', 2, 'UNCONFIRMED'],
    [1, 'thap', 2, 'UNCONFIRMED'],
    [2, 'cao', 2, 'IMPLIED'],
    [2, 'trungBinh', 2, 'CONFIRMED'],
    [2, 'thap', 3, 'UNCONFIRMED'],
    [3, 'cao', 2, 'CONFIRMED'],
    [3, 'trungBinh', 3, 'UNCONFIRMED'],
    [3, 'thap', 3, 'UNCONFIRMED'],
    [4, 'cao', 3, 'CONFIRMED'],
    [4, 'trungBinh', 3, 'UNCONFIRMED'],
    [4, 'thap', 4, 'UNCONFIRMED'],
  ] as const)('transmission %d × %s → level %d (%s)', (t, cap, level, status) => {
    const a = at218(i218(rateOf[t], capacity(cap)));
    const cell = matrix218CellId(t, cap);
    expect(im(a).transmission).toBe(t);
    expect(im(a).matrixCell).toBe(cell);
    expect(a.level).toBe(level);
    expect(DEFAULT_THRESHOLDS[cell].status).toBe(status);
    expect(a.thresholdsToReview.includes(cell)).toBe(status !== 'CONFIRMED');
  });

  it('Hà Nội Thông báo 88: transmission 4 with high capacity → level 3 [S29]', () => {
    const a = at218(i218(650));
    expect([im(a).transmission, im(a).capacity.capacityClass, a.level]).toEqual([4, 'cao', 3]);
  });
});

describe('QĐ 218 – case base (UNCONFIRMED [S24] vs [S7])', () => {
  const i = { ...i218(0), newCases7d: { community: 60, total: 250 } };
  it("default 'all' uses community + quarantined", () => {
    const a = at218(i);
    expect(im(a).caseBase).toEqual({ configured: 'all', used: 'all' });
    expect(im(a).cases.rate).toBe(250);
    expect(a.driver.text.vi).toBe('TC1 – ca mắc mới: 250 ca/100.000 dân/tuần (mức 3: 200 – ≤ 600)');
  });

  it("'community' uses community cases only", () => {
    const a = at218(i, cfg({ thresholds: { 't218.caseBase': { value: 'community' } } }));
    expect(im(a).cases.rate).toBe(60);
    expect(a.driver.text.vi).toContain('ca mắc mới tại cộng đồng');
  });

  it('missing total → community used as a lower bound, reported', () => {
    const a = at218({ ...i, newCases7d: { community: 60 } });
    expect(im(a).caseBase).toEqual({ configured: 'all', used: 'community' });
    expect(a.missing.map((m) => m.field)).toEqual(['newCases7d.total']);
  });
});

describe('QĐ 218 – result shape', () => {
  it('explains the two axes', () => {
    const a = at218(i218(300, { coverage: { populationFull: 0.5, highRiskFull: 0.95 } }));
    expect(a.explanation.en).toBe(
      'TC1 – new cases: 300 cases per 100,000 per week (band 3: 200 – ≤ 600); TC2 vaccination not met: transmission +1; ' +
        'TC2: 50% (≥ 75%: not met), 95% (≥ 90%: met); transmission 4 × capacity high → level 3',
    );
    expect(a.level).toBe(3);
    expect(a.ruleSet).toBe('218');
  });
});
