import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, assessLevel, matrix4800CellId, type Intermediates4800, type Level } from '../../../shared/metrics';
import { D4800, DEF, at4800, cfg, i4800 } from './fixtures';

const im = (a: ReturnType<typeof at4800>) => a.intermediates as Intermediates4800;

describe('QĐ 4800 – TC1 bands (20 CONFIRMED [S10], 50 UNCONFIRMED, 150 CONFIRMED [S7]) at every edge', () => {
  // rate, band, level when TC2+TC3 met (band − 1, floored at 1), level when not met (= band)
  it.each([
    [0, 1, 1, 1],
    [19.99, 1, 1, 1],
    [20, 2, 1, 2],
    [20.01, 2, 1, 2],
    [49.99, 2, 1, 2],
    [50, 3, 2, 3],
    [50.01, 3, 2, 3],
    [149.99, 3, 2, 3],
    [150, 4, 3, 4],
    [150.01, 4, 3, 4],
    [5000, 4, 3, 4],
  ])('TC1 %d → band %d; level %d when TC2 & TC3 met, %d when not', (rate, band, met, notMet) => {
    const a = at4800(i4800(rate));
    expect(im(a).tc1.band).toBe(band);
    expect(a.level).toBe(met);
    const b = at4800(i4800(rate, { tc3Met: false }));
    expect(im(b).tc1.band).toBe(band);
    expect(b.level).toBe(notMet);
  });
});

describe('QĐ 4800 – TC2 coverage edges (70 % UNCONFIRMED, 80 % REPORTED [S14, S15])', () => {
  it.each([
    [0.6999, 0.9, false, 3],
    [0.7, 0.9, true, 2],
    [0.7001, 0.9, true, 2],
    [0.9, 0.7999, false, 3],
    [0.9, 0.8, true, 2],
    [0.9, 0.8001, true, 2],
    [0.6999, 0.7999, false, 3],
  ])('18+ ≥1 dose %d, 50+ full %d → TC2 met %s → level %d (TC1 = 60, band 3)', (adult, senior, met, level) => {
    const a = at4800(i4800(60, { coverage: { adultDose1: adult, senior50Full: senior } }));
    expect(im(a).tc2.met).toBe(met);
    expect(a.level).toBe(level);
  });

  it('with requireBoth = false one sub-indicator is enough', () => {
    const c = cfg({ thresholds: { 't4800.tc2.requireBoth': { value: false } } });
    const a = at4800(i4800(60, { coverage: { adultDose1: 0.5, senior50Full: 0.85 } }), c);
    expect(im(a).tc2.met).toBe(true);
    expect(a.level).toBe(2);
  });
});

describe('QĐ 4800 – CONFIRMED published results (epidemic-levels.md §1.5)', () => {
  it('HCMC 25/10/2021: TC1 ≈ 74 (band 3), coverage met → level 2 [S12, S13]', () => {
    // ~9.17 M people, 6,783 community cases in the week → 73.995 per 100,000.
    const a = assessLevel(
      { population: 9_166_800, newCases7d: { community: 6783 }, coverage: { adultDose1: 0.99, senior50Full: 0.94 }, tc3Met: true },
      DEF,
      '2021-10-25',
    );
    expect(a.ruleSet).toBe('4800');
    expect(im(a).tc1.rate).toBeCloseTo(74, 0);
    expect(im(a).tc1.band).toBe(3);
    expect(a.level).toBe(2);
    expect(im(a).matrixCell).toBe('t4800.matrix.b3.met');
    expect(DEFAULT_THRESHOLDS['t4800.matrix.b3.met'].status).toBe('CONFIRMED');
    expect(a.driver.id).toBe('4800.TC1');
    expect(a.driver.text.vi).toBe('TC1: 74 ca cộng đồng/100.000 dân/tuần (mức 3: 50 – < 150)');
    expect(a.driver.text.en).toBe('TC1: 74 community cases per 100,000 per week (band 3: 50 – < 150)');
    expect(a.adjustments).toEqual([
      expect.objectContaining({ id: 't4800.matrix.b3.met', delta: -1, appliesTo: 'final' }),
    ]);
    // band 3 depends on the UNCONFIRMED edge 50 → listed for review; the CONFIRMED cell is not
    expect(a.thresholdsToReview).toContain('t4800.tc1.band3');
    expect(a.thresholdsToReview).not.toContain('t4800.matrix.b3.met');
    expect(a.thresholdsToReview).not.toContain('t4800.tc1.band4');
    expect(a.missing).toEqual([]);
  });

  it('Hà Nội mid-10/2021: TC1 ≈ 0.025, 98 % one dose → level 1 [S17, S18]', () => {
    const published = { population: 8_000_000, newCases7d: { community: 2 }, coverage: { adultDose1: 0.98 } };
    const a = assessLevel(published, DEF, '2021-10-16');
    expect(im(a).tc1.rate).toBe(0.025);
    expect(im(a).tc1.band).toBe(1);
    expect(a.level).toBe(1);
    expect(a.driver.text.vi).toContain('0,025 ca cộng đồng');
    // only the published inputs: 50+ coverage and TC3 are reported missing, not assumed
    expect(a.missing.map((m) => m.field)).toEqual(['coverage.senior50Full', 'tc3Met']);
    expect(a.missing[0]!.effect.en).toBe('TC2 not assessable, treated as not met');
    // with the coverage met as published, the CONFIRMED cell (1, met) decides
    const b = assessLevel({ ...published, coverage: { adultDose1: 0.98, senior50Full: 0.9 }, tc3Met: true }, DEF, '2021-10-16');
    expect(b.level).toBe(1);
    expect(im(b).matrixCell).toBe('t4800.matrix.b1.met');
    expect(b.thresholdsUsed).toContain('t4800.tc1.band2');
    expect(b.thresholdsUsed).not.toContain('t4800.tc1.band3'); // 0.025 depends on the 20 edge only
  });
});

describe('QĐ 4800 – candidate matrix, every cell', () => {
  const rateOfBand: Record<Level, number> = { 1: 10, 2: 30, 3: 100, 4: 200 };
  it.each([
    [1, true, 1, 'CONFIRMED'],
    [1, false, 1, 'UNCONFIRMED'],
    [2, true, 1, 'UNCONFIRMED'],
    [2, false, 2, 'UNCONFIRMED'],
    [3, true, 2, 'CONFIRMED'],
    [3, false, 3, 'UNCONFIRMED'],
    [4, true, 3, 'UNCONFIRMED'],
    [4, false, 4, 'UNCONFIRMED'],
  ] as const)('band %d, TC2&TC3 met %s → level %d (%s)', (band, met, level, status) => {
    const a = at4800(i4800(rateOfBand[band], met ? {} : { coverage: { adultDose1: 0.5, senior50Full: 0.5 } }));
    const cell = matrix4800CellId(band, met);
    expect(im(a).matrixCell).toBe(cell);
    expect(a.level).toBe(level);
    expect(DEFAULT_THRESHOLDS[cell].status).toBe(status);
    expect(a.thresholdsToReview.includes(cell)).toBe(status !== 'CONFIRMED');
  });

  it('a cell override changes the level and is flagged for review', () => {
    const c = cfg({ thresholds: { 't4800.matrix.b4.met': { value: 4 } } });
    const a = at4800(i4800(200), c);
    expect(a.level).toBe(4);
    expect(c.thresholds['t4800.matrix.b4.met'].overridden).toBe(true);
    expect(a.thresholdsToReview).toContain('t4800.matrix.b4.met');
  });
});

describe('QĐ 4800 – TC3', () => {
  it('failing TC3 keeps the band (never raises it) [S6]', () => {
    expect(at4800(i4800(100, { tc3Met: false })).level).toBe(3);
    expect(at4800(i4800(10, { tc3Met: false })).level).toBe(1);
  });

  it('missing TC3 → reported, treated as not met by default', () => {
    const a = at4800(i4800(100, { tc3Met: null }));
    expect(a.level).toBe(3);
    expect(a.missing).toEqual([
      { field: 'tc3Met', effect: expect.objectContaining({ en: 'TC3 not assessed, treated as not met (no lowering)' }) },
    ]);
    expect(a.thresholdsToReview).toContain('t4800.tc3.whenMissing');
  });

  it("missing TC3 can be configured as 'met'", () => {
    const c = cfg({ thresholds: { 't4800.tc3.whenMissing': { value: 'met' } } });
    expect(at4800(i4800(100, { tc3Met: undefined }), c).level).toBe(2);
  });

  it('missing coverage → TC2 not assessable, not met (no lowering), reported', () => {
    const a = at4800(i4800(100, { coverage: null }));
    expect(a.level).toBe(3);
    expect(im(a).tc2).toMatchObject({ met: false, assessable: false });
    expect(a.missing.map((m) => m.field)).toEqual(['coverage.adultDose1', 'coverage.senior50Full']);
  });
});

describe('QĐ 4800 – draft alternative (+1 when 50+ coverage < 80 %) [S15]', () => {
  const draft = cfg({ thresholds: { 't4800.combination': { value: 'draft' } } });
  it.each([
    [10, 0.7999, 2],
    [10, 0.8, 1],
    [30, 0.5, 3],
    [100, 0.5, 4],
    [100, 0.9, 3],
    [200, 0.5, 4], // already band 4: no +1 beyond 4
    [0, 0.5, 1], // no cases: exception
  ])('TC1 %d, 50+ full %d → level %d', (rate, senior, level) => {
    const a = at4800(i4800(rate, { coverage: { senior50Full: senior } }), draft);
    expect(a.level).toBe(level);
    expect(im(a).combination).toBe('draft');
    expect(im(a).matrixCell).toBeNull();
  });

  it('the draft rule alone cannot reproduce HCMC 25/10/2021 (band 3 → 2)', () => {
    expect(at4800(i4800(74, { coverage: { adultDose1: 0.99, senior50Full: 0.94 } }), draft).level).toBe(3);
  });

  it('missing 50+ coverage under the draft → +1 and reported', () => {
    const a = at4800(i4800(30, { coverage: {} }), draft);
    expect(a.level).toBe(3);
    expect(a.missing.map((m) => m.field)).toEqual(['coverage.senior50Full']);
  });

  it('does not consult the matrix or TC3 rows', () => {
    const a = at4800(i4800(30), draft);
    expect(a.thresholdsUsed.some((id) => id.startsWith('t4800.matrix'))).toBe(false);
    expect(a.thresholdsUsed).not.toContain('t4800.tc3.whenMissing');
  });
});

describe('QĐ 4800 – explanation', () => {
  it('names the driver, TC2 and TC3 in both languages', () => {
    const a = at4800(i4800(60));
    expect(a.explanation.vi).toBe(
      'TC1: 60 ca cộng đồng/100.000 dân/tuần (mức 3: 50 – < 150); TC2 đạt [90% (≥ 70%: đạt); 90% (≥ 80%: đạt)]; TC3 đạt → cấp 2',
    );
    expect(a.explanation.en).toContain('→ level 2');
    expect(a.name).toEqual({ vi: 'nguy cơ trung bình', en: 'medium risk' });
  });

  it('runs on its own date without warnings', () => {
    expect(assessLevel(i4800(1), DEF, D4800).warnings).toEqual([]);
  });
});
