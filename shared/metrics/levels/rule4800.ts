import { formatNumber } from '../format';
import { per100k } from '../rates';
import { bandBreakpoints, bandOf } from './bands';
import { checkShare, checkText, combineChecks, missingCoverage } from './checks';
import { CASES_NOUN, CASES_UNIT, NO_TEXT, type ContinuousCriterion, type Evaluation, type PreparedRule } from './engine';
import type { LevelIndicators } from './indicators';
import type { Adjustment, CriterionCheck, Intermediates4800, MissingInput } from './result';
import { matrix4800CellId, type NumberRowBody } from './thresholds';
import { clampLevel, type Level } from './types';
import type { Usage } from './usage';

/**
 * QĐ 4800/QĐ-BYT (12/10/2021 → 26/01/2022), epidemic-levels.md §1.
 *
 * TC1 = new COMMUNITY cases per 100,000 per week (CONFIRMED [S8, S9, S10]) → band 1–4.
 * Then one of two combinations (row `t4800.combination`):
 * - 'matrix' (default): level = matrix cell (band, TC2 and TC3 met?). Default cells are
 *   "band − 1 when TC2 and TC3 are met, floored at 1, else band"; the cells (1, met) = 1 and
 *   (3, met) = 2 are CONFIRMED by Hà Nội mid-10/2021 [S17, S18] and HCMC 25/10/2021 [S12, S13].
 *   Failing TC3 keeps the level (read as "not lowered" [S6, S15]); it never raises it.
 * - 'draft' (09/2021 draft [S15], REPORTED): band + 1 when the 50+ fully-vaccinated share is
 *   below threshold, except for a unit already at band 4 or with no cases.
 */
export function prepare4800(ind: LevelIndicators, usage: Usage): PreparedRule {
  const t = usage.table;
  const missing: MissingInput[] = [];
  const population = ind.population;
  const count = ind.newCases7d.community;
  const rate = per100k(count, population)!;
  const combination = usage.get('t4800.combination').value;

  let tc2: Intermediates4800['tc2'];
  let tc3: Intermediates4800['tc3'];
  let lowerAllowed = false; // matrix: TC2 and TC3 met
  let seniorBelow = false; // draft: 50+ coverage below threshold (or missing)

  if (combination === 'matrix') {
    const adult = checkShare(usage, 't4800.tc2.adultDose1', ind.coverage?.adultDose1);
    const senior = checkShare(usage, 't4800.tc2.senior50Full', ind.coverage?.senior50Full);
    const requireBoth = usage.get('t4800.tc2.requireBoth').value;
    const { met, assessable } = combineChecks(adult, senior, requireBoth);
    tc2 = { met, assessable, adultDose1: adult, senior50Full: senior };
    if (!assessable) {
      missing.push(...missingCoverage('coverage.adultDose1', 'TC2', adult), ...missingCoverage('coverage.senior50Full', 'TC2', senior));
    }
    const provided = ind.tc3Met !== null && ind.tc3Met !== undefined;
    let tc3Met: boolean;
    if (provided) tc3Met = ind.tc3Met === true;
    else {
      const assumed = usage.get('t4800.tc3.whenMissing').value;
      tc3Met = assumed === 'met';
      missing.push({
        field: 'tc3Met',
        effect:
          assumed === 'met'
            ? { vi: 'TC3 chưa được đánh giá, coi như đạt (theo cấu hình)', en: 'TC3 not assessed, treated as met (configured)' }
            : { vi: 'TC3 chưa được đánh giá, coi như không đạt (không hạ cấp)', en: 'TC3 not assessed, treated as not met (no lowering)' },
      });
    }
    tc3 = { provided, met: tc3Met };
    lowerAllowed = met && tc3Met;
  } else {
    const senior = checkShare(usage, 't4800.tc2.senior50Full', ind.coverage?.senior50Full);
    seniorBelow = senior.met !== true;
    tc2 = { met: senior.met === true, assessable: senior.met !== null, adultDose1: null, senior50Full: senior };
    missing.push(
      ...missingCoverage('coverage.senior50Full', 'TC2', senior, {
        vi: 'Thiếu tỷ lệ 50+ tiêm đủ liều: coi như chưa đạt 80 %, tăng 1 cấp (dự thảo)',
        en: 'Missing 50+ fully-vaccinated share: treated as below threshold, +1 level (draft rule)',
      }),
    );
    tc3 = { provided: ind.tc3Met !== null && ind.tc3Met !== undefined, met: null };
  }

  const criterion: ContinuousCriterion = {
    key: 'tc1',
    id: '4800.TC1',
    count,
    rate,
    population,
    // The draft's "no cases" exception makes 0 → >0 a level change too.
    breakpoints: [...bandBreakpoints('t4800.tc1', usage), ...(combination === 'draft' ? [0] : [])],
    unit: CASES_UNIT,
    noun: CASES_NOUN,
  };

  function evaluate(rates: { tc1?: number }, u: Usage, text = true): Evaluation {
    const x = rates.tc1 ?? rate;
    const b = bandOf(x, 't4800.tc1', u, text);
    const adjustments: Adjustment[] = [];
    let level: Level;
    let matrixCell: Intermediates4800['matrixCell'] = null;
    if (combination === 'matrix') {
      matrixCell = matrix4800CellId(b.band, lowerAllowed);
      level = u.get(matrixCell).value;
      if (level !== b.band) {
        adjustments.push({
          id: matrixCell,
          delta: level - b.band,
          appliesTo: 'final',
          reason: !text
            ? NO_TEXT
            : lowerAllowed
            ? { vi: `TC2 và TC3 đạt: mức ${b.band} → cấp ${level}`, en: `TC2 and TC3 met: band ${b.band} → level ${level}` }
            : { vi: `TC2 hoặc TC3 không đạt: mức ${b.band} → cấp ${level}`, en: `TC2 or TC3 not met: band ${b.band} → level ${level}` },
        });
      }
    } else {
      const raise = seniorBelow && b.band < 4 && x > 0;
      level = clampLevel(b.band + (raise ? 1 : 0));
      if (raise) {
        const row = t['t4800.tc2.senior50Full'] as NumberRowBody;
        adjustments.push({
          id: 't4800.tc2.senior50Full',
          delta: 1,
          appliesTo: 'final',
          reason: !text ? NO_TEXT : {
            vi: `Tỷ lệ 50+ tiêm đủ liều chưa đạt ${formatNumber(row.value * 100, 'vi')}%: tăng 1 cấp (dự thảo)`,
            en: `50+ fully vaccinated below ${formatNumber(row.value * 100, 'en')}%: +1 level (draft rule)`,
          },
        });
      }
    }
    const driverText = text ? {
      vi: `TC1: ${formatNumber(x, 'vi')} ca cộng đồng/100.000 dân/tuần (mức ${b.band}: ${b.range.vi})`,
      en: `TC1: ${formatNumber(x, 'en')} community cases per 100,000 per week (band ${b.band}: ${b.range.en})`,
    } : NO_TEXT;
    const intermediates: Intermediates4800 = {
      ruleSet: '4800',
      combination,
      tc1: { rate: x, count: rates.tc1 === undefined ? count : (x * population) / 100_000, band: b.band, range: b.range },
      tc2,
      tc3,
      matrixCell,
    };
    return {
      level,
      driverKey: 'tc1',
      driver: { id: '4800.TC1', rate: x, count: intermediates.tc1.count, band: b.band, text: driverText },
      intermediates,
      adjustments,
      explanation: text ? explain(driverText, tc2, tc3, combination, level) : NO_TEXT,
    };
  }

  return { ruleSet: '4800', missing, criteria: { tc1: criterion }, evaluate };
}

function explain(
  driver: { vi: string; en: string },
  tc2: Intermediates4800['tc2'],
  tc3: Intermediates4800['tc3'],
  combination: 'matrix' | 'draft',
  level: Level,
) {
  const parts = (lang: 'vi' | 'en') => {
    const checks = [tc2.adultDose1, tc2.senior50Full].filter((c): c is CriterionCheck => c !== null);
    const tc2Word = tc2.met ? (lang === 'vi' ? 'đạt' : 'met') : lang === 'vi' ? 'không đạt' : 'not met';
    const tc2Part = `TC2 ${tc2Word} [${checks.map((c) => checkText(c, lang)).join('; ')}]`;
    if (combination === 'draft') return `${tc2Part}`;
    const tc3Word =
      tc3.met === true ? (lang === 'vi' ? 'đạt' : 'met') : lang === 'vi' ? 'không đạt' : 'not met';
    const tc3Note = tc3.provided ? '' : lang === 'vi' ? ' (chưa đánh giá)' : ' (not assessed)';
    return `${tc2Part}; TC3 ${tc3Word}${tc3Note}`;
  };
  return {
    vi: `${driver.vi}; ${parts('vi')} → cấp ${level}`,
    en: `${driver.en}; ${parts('en')} → level ${level}`,
  };
}
