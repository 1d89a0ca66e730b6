import { describe, expect, it } from 'vitest';
import {
  CLASS_TABLES,
  LEVEL_COLOURS,
  LEVEL_INFO,
  LEVEL_TEXT_COLOURS,
  NO_DATA_COLOUR,
  classColour,
  classIndex,
  contrastRatio,
  legend,
  levelLabel,
  maplibreFillColour,
  trendClassIndex,
  weekOverWeek,
  type MetricId,
} from '../../../shared/metrics';

const METRICS = Object.keys(CLASS_TABLES) as MetricId[];

/** Minimal evaluator of the expression maplibreFillColour returns (case/typeof/step/get). */
function evalFill(expr: unknown[], props: Record<string, unknown>): string {
  const [, cond, step, fallback] = expr as [string, unknown[], unknown[], string];
  const prop = ((cond[1] as unknown[])[1] as unknown[])[1] as string;
  const v = props[prop];
  if (typeof v !== 'number') return fallback;
  const [, , first, ...pairs] = step as [string, unknown, string, ...unknown[]];
  let out = first;
  for (let i = 0; i < pairs.length; i += 2) if (v >= (pairs[i] as number)) out = pairs[i + 1] as string;
  return out;
}

describe('choropleth class tables', () => {
  it.each(METRICS)('%s: breaks ascending, one more colour than breaks, valid distinct colours', (m) => {
    const t = CLASS_TABLES[m];
    expect(t.colours.length).toBe(t.breaks.length + 1);
    for (let i = 1; i < t.breaks.length; i++) expect(t.breaks[i]!).toBeGreaterThan(t.breaks[i - 1]!);
    for (const c of t.colours) expect(c).toMatch(/^#[0-9A-F]{6}$/i);
    expect(new Set(t.colours).size).toBe(t.colours.length);
    expect(t.colours).not.toContain(NO_DATA_COLOUR);
  });

  it.each([
    [0, 0],
    [19.99, 0],
    [20, 1],
    [20.01, 1],
    [49.99, 1],
    [50, 2],
    [149.99, 2],
    [150, 3],
    [599.99, 3],
    [600, 4],
    [600.01, 4],
    [null, null],
    [undefined, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
  ])('incidence7d class of %j is %j (lower bound inclusive)', (v, want) => {
    expect(classIndex('incidence7d', v)).toBe(want);
  });

  it.each([
    [0.6999, 1],
    [0.7, 2],
    [0.7999, 2],
    [0.8, 3],
    [0.9, 4],
  ])('coverageAdultDose1 class of %d is %d', (v, want) => {
    expect(classIndex('coverageAdultDose1', v)).toBe(want);
  });

  it('level classes use the official level colours', () => {
    for (const l of [1, 2, 3, 4] as const) {
      expect(classIndex('level', l)).toBe(l - 1);
      expect(classColour('level', l)).toBe(LEVEL_COLOURS[l]);
      expect(LEVEL_INFO[l].colour).toBe(LEVEL_COLOURS[l]);
    }
    expect(classColour('level', null)).toBe(NO_DATA_COLOUR);
  });

  it('trend classes handle zero denominators explicitly', () => {
    expect(trendClassIndex(weekOverWeek(5, 0))).toBe(5); // from zero → top (rising) class
    expect(trendClassIndex(weekOverWeek(0, 0))).toBe(classIndex('trend', 0)); // flat
    expect(trendClassIndex(weekOverWeek(40, 100))).toBe(0); // −60 %
    expect(trendClassIndex(weekOverWeek(119, 100))).toBe(3); // +19 %
  });
});

describe('legend and map come from the same table', () => {
  it.each(METRICS)('%s legend rows match the table', (m) => {
    const t = CLASS_TABLES[m];
    const l = legend(m);
    expect(l.entries.map((e) => e.colour)).toEqual([...t.colours]);
    expect(l.noData.colour).toBe(NO_DATA_COLOUR);
    if (m !== 'level') {
      expect(l.entries.map((e) => e.from)).toEqual([null, ...t.breaks]);
      expect(l.entries.map((e) => e.to)).toEqual([...t.breaks, null]);
      // every legend row's lower bound is classed into that row
      l.entries.forEach((e, i) => {
        if (e.from !== null) expect(classIndex(m, e.from)).toBe(i);
      });
    }
  });

  it('labels are readable in both languages', () => {
    expect(legend('incidence7d').entries.map((e) => e.labelEn)).toEqual(['< 20', '20 – < 50', '50 – < 150', '150 – < 600', '≥ 600']);
    expect(legend('coverageAdultDose1').entries[2]!.labelVi).toBe('70% – < 80%');
    expect(legend('level').entries[3]!.labelVi).toBe('Cấp 4 – nguy cơ rất cao');
  });

  it.each(METRICS)('%s MapLibre expression gives the same colour as classColour', (m) => {
    const expr = maplibreFillColour(m, 'v');
    const t = CLASS_TABLES[m];
    const samples = [-1000, -0.5, 0, 0.5, 1, 2, 3, 4, 20, 50, 99.9, 100, 150, 600, 1e6, ...t.breaks, ...t.breaks.map((b) => b - 1e-9)];
    for (const v of samples) expect(evalFill(expr, { v })).toBe(classColour(m, v));
    expect(evalFill(expr, { v: null })).toBe(NO_DATA_COLOUR);
    expect(evalFill(expr, {})).toBe(NO_DATA_COLOUR);
  });
});

describe('level names and colours (NQ 128 [S1])', () => {
  it.each([
    [1, 'nguy cơ thấp ("bình thường mới")', 'xanh'],
    [2, 'nguy cơ trung bình', 'vàng'],
    [3, 'nguy cơ cao', 'cam'],
    [4, 'nguy cơ rất cao', 'đỏ'],
  ] as const)('level %d is "%s" (%s)', (l, name, colour) => {
    expect(LEVEL_INFO[l].nameVi).toBe(name);
    expect(LEVEL_INFO[l].colourNameVi).toBe(colour);
    expect(levelLabel(l, 'vi')).toBe(`Cấp ${l} – ${name} (${colour})`);
  });

  it('each level colour has a label colour with WCAG contrast ≥ 4.5', () => {
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 6);
    for (const l of [1, 2, 3, 4] as const) {
      expect(contrastRatio(LEVEL_COLOURS[l], LEVEL_TEXT_COLOURS[l])).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('the four level colours are distinguishable in lightness (not by hue alone)', () => {
    const c = [1, 2, 3, 4].map((l) => LEVEL_COLOURS[l as 1]);
    for (let i = 0; i < c.length; i++)
      for (let j = i + 1; j < c.length; j++) expect(contrastRatio(c[i]!, c[j]!)).toBeGreaterThan(1.1);
  });
});
