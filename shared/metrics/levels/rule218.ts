import { formatNumber, type Lang } from '../format';
import { per100k, perPopulation } from '../rates';
import { bandBreakpoints, bandOf, type BandResult } from './bands';
import { checkShare, checkText, combineChecks, missingCoverage } from './checks';
import { CASES_NOUN, CASES_UNIT, NO_TEXT, type ContinuousCriterion, type CriterionKey, type Evaluation, type PreparedRule } from './engine';
import type { LevelIndicators } from './indicators';
import type { Adjustment, BandInfo, CapacityIndicatorResult, Intermediates218, MissingInput } from './result';
import {
  CAPACITY_EDGES,
  matrix218CellId,
  reaches,
  type BandedIndicator,
  type CapacityIndicator,
  type NumberRowBody,
} from './thresholds';
import { CAPACITY_NAMES, clampLevel, type CapacityClass, type Level, type Text2, type Tier } from './types';
import type { Usage } from './usage';

/**
 * QĐ 218/QĐ-BYT (from 27/01/2022), epidemic-levels.md §2. Two axes, following WHO [S24, S25]:
 *
 * 1. Transmission level (mức độ lây nhiễm) 1–4 from TC1's three indicators per 100,000 per week
 *    — new cases, new oxygen patients, deaths (indicators CONFIRMED [S7, S25]). Each gets a band;
 *    by default the transmission level is the HIGHEST band (row `t218.transmission.combine`,
 *    UNCONFIRMED). A missing oxygen/death figure is reported and left out (not read as 0).
 * 2. TC2 vaccination not met → transmission +1 (REPORTED [S27, S28, S30]).
 * 3. Deaths > 6 per 100,000 per week → +1 (REPORTED [S27, S28]), applied to the final level by
 *    default (row `t218.deathOverride.target`; which one 218 means is UNCONFIRMED).
 * 4. Response capacity (khả năng đáp ứng) Cao / Trung bình / Thấp from TC3: one indicator per
 *    tier [S25] — 3a community care per 10,000 (commune), 3b vacant beds per 100,000 (district),
 *    3c ICU beds per 100,000 (province). Each supplied indicator is classed by its two edges;
 *    the unit's class is the WORST of the supplied ones (UNCONFIRMED). The tier's own indicator
 *    missing is reported; with no capacity data at all, row `t218.cap.whenMissing` applies.
 * 5. Final level = matrix cell (transmission, capacity), §2.5, each cell with its own status.
 */

const EXPECTED_CAPACITY: Record<Tier, CapacityIndicator> = { ward: '3a', district: '3b', province: '3c' };
const WORSE: Record<CapacityClass, number> = { cao: 0, trungBinh: 1, thap: 2 };

const OXYGEN_UNIT: Text2 = { vi: 'ca thở ô xy/100.000 dân/tuần', en: 'oxygen patients per 100,000 per week' };
const OXYGEN_NOUN: Text2 = { vi: 'ca thở ô xy', en: 'oxygen patients' };
const DEATHS_UNIT: Text2 = { vi: 'ca tử vong/100.000 dân/tuần', en: 'deaths per 100,000 per week' };
const DEATHS_NOUN: Text2 = { vi: 'ca tử vong', en: 'deaths' };

const CRITERION_NAME: Record<'cases' | 'oxygen' | 'deaths', Text2> = {
  cases: { vi: 'ca mắc mới', en: 'new cases' },
  oxygen: { vi: 'ca phải thở ô xy', en: 'patients needing oxygen' },
  deaths: { vi: 'tử vong', en: 'deaths' },
};

export function prepare218(ind: LevelIndicators, usage: Usage): PreparedRule {
  const missing: MissingInput[] = [];
  const population = ind.population;

  // ---------------------------------------------------------------- TC1 inputs
  const configuredBase = usage.get('t218.caseBase').value;
  let usedBase: 'all' | 'community' = configuredBase;
  let caseCount = ind.newCases7d.community;
  if (configuredBase === 'all') {
    const total = ind.newCases7d.total;
    if (total === null || total === undefined) {
      usedBase = 'community';
      missing.push({
        field: 'newCases7d.total',
        effect: {
          vi: 'Thiếu tổng số ca mới: dùng ca cộng đồng (thấp hơn thực tế)',
          en: 'Total new cases missing: community cases used (a lower bound)',
        },
      });
    } else caseCount = total;
  }
  const combine = usage.get('t218.transmission.combine').value;
  const oxygenCount = ind.oxygen7d ?? null;
  const deathCount = ind.deaths7d ?? null;
  if (oxygenCount === null && combine === 'max') {
    missing.push({
      field: 'oxygen7d',
      effect: { vi: 'Thiếu số ca thở ô xy: không tính vào mức độ lây nhiễm', en: 'Oxygen patients missing: left out of the transmission level' },
    });
  }
  if (deathCount === null) {
    missing.push({
      field: 'deaths7d',
      effect: {
        vi: 'Thiếu số tử vong: không tính vào mức độ lây nhiễm, không xét tăng cấp do tử vong',
        en: 'Deaths missing: left out of the transmission level; death override not applied',
      },
    });
  }

  // ---------------------------------------------------------------- TC2
  const popFull = checkShare(usage, 't218.vacc.populationFull', ind.coverage?.populationFull);
  const highRisk = checkShare(usage, 't218.vacc.highRiskFull', ind.coverage?.highRiskFull);
  const vacc = combineChecks(popFull, highRisk, usage.get('t218.vacc.requireBoth').value);
  if (!vacc.assessable) {
    missing.push(
      ...missingCoverage('coverage.populationFull', 'TC2', popFull),
      ...missingCoverage('coverage.highRiskFull', 'TC2', highRisk),
    );
  }
  const vaccination: Intermediates218['vaccination'] = { ...vacc, populationFull: popFull, highRiskFull: highRisk };

  // ---------------------------------------------------------------- TC3
  const capacity = assessCapacity(ind, usage, missing);

  // ---------------------------------------------------------------- continuous criteria
  const caseRate = per100k(caseCount, population)!;
  const criteria: Partial<Record<CriterionKey, ContinuousCriterion>> = {
    cases: {
      key: 'cases',
      id: '218.TC1.cases',
      count: caseCount,
      rate: caseRate,
      population,
      breakpoints: bandBreakpoints('t218.cases', usage),
      unit: CASES_UNIT,
      noun: CASES_NOUN,
    },
  };
  if (oxygenCount !== null && combine === 'max') {
    criteria.oxygen = {
      key: 'oxygen',
      id: '218.TC1.oxygen',
      count: oxygenCount,
      rate: per100k(oxygenCount, population)!,
      population,
      breakpoints: bandBreakpoints('t218.oxygen', usage),
      unit: OXYGEN_UNIT,
      noun: OXYGEN_NOUN,
    };
  }
  if (deathCount !== null) {
    criteria.deaths = {
      key: 'deaths',
      id: '218.TC1.deaths',
      count: deathCount,
      rate: per100k(deathCount, population)!,
      population,
      breakpoints: [
        ...(combine === 'max' ? bandBreakpoints('t218.deaths', usage) : []),
        (usage.table['t218.deathOverride.threshold'] as NumberRowBody).value,
      ],
      unit: DEATHS_UNIT,
      noun: DEATHS_NOUN,
    };
  }

  function evaluate(rates: Partial<Record<CriterionKey, number>>, u: Usage, text = true): Evaluation {
    const rateOf = (k: 'cases' | 'oxygen' | 'deaths') => rates[k] ?? criteria[k]?.rate ?? null;
    const countOf = (k: 'cases' | 'oxygen' | 'deaths', x: number) =>
      rates[k] === undefined ? criteria[k]!.count : (x * population) / 100_000;
    const banded = (k: 'cases' | 'oxygen' | 'deaths', ind: BandedIndicator): (BandInfo & { result: BandResult }) | null => {
      const x = rateOf(k);
      if (x === null) return null;
      const result = bandOf(x, ind, u, text);
      return { rate: x, count: countOf(k, x), band: result.band, range: result.range, result };
    };
    const cases = banded('cases', 't218.cases')!;
    const oxygen = combine === 'max' ? banded('oxygen', 't218.oxygen') : null;
    const deaths = combine === 'max' ? banded('deaths', 't218.deaths') : null;

    // Driver: the highest band; ties go to cases, then oxygen, then deaths (the order of §2.2).
    let driverKey: 'cases' | 'oxygen' | 'deaths' = 'cases';
    let base: Level = cases.band;
    if (oxygen && oxygen.band > base) [driverKey, base] = ['oxygen', oxygen.band];
    if (deaths && deaths.band > base) [driverKey, base] = ['deaths', deaths.band];
    const driverBand = driverKey === 'cases' ? cases : driverKey === 'oxygen' ? oxygen! : deaths!;

    const adjustments: Adjustment[] = [];
    let transmission: Level = base;
    if (!vaccination.met) {
      transmission = clampLevel(transmission + 1);
      adjustments.push({
        id: 't218.vacc',
        delta: 1,
        appliesTo: 'transmission',
        reason: {
          vi: `TC2 tiêm chủng không đạt${vaccination.assessable ? '' : ' (thiếu số liệu)'}: mức độ lây nhiễm +1`,
          en: `TC2 vaccination not met${vaccination.assessable ? '' : ' (data missing)'}: transmission +1`,
        },
      });
    }
    const overrideRow = u.get('t218.deathOverride.threshold') as NumberRowBody;
    const deathRate = rateOf('deaths');
    const triggered = deathRate !== null && reaches(deathRate, overrideRow);
    const target = triggered ? u.get('t218.deathOverride.target').value : u.table['t218.deathOverride.target'].value;
    const overrideReason = !text ? NO_TEXT : {
      vi: `Tử vong ${formatNumber(deathRate ?? 0, 'vi')}/100.000 dân/tuần ${overrideRow.comparison === 'gt' ? '>' : '≥'} ${formatNumber(overrideRow.value, 'vi')}: +1`,
      en: `Deaths ${formatNumber(deathRate ?? 0, 'en')} per 100,000 per week ${overrideRow.comparison === 'gt' ? '>' : '≥'} ${formatNumber(overrideRow.value, 'en')}: +1`,
    };
    if (triggered && target === 'transmission') {
      transmission = clampLevel(transmission + 1);
      adjustments.push({ id: 't218.deathOverride', delta: 1, appliesTo: 'transmission', reason: overrideReason });
    }
    const matrixCell = matrix218CellId(transmission, capacity.capacityClass);
    const matrixLevel = u.get(matrixCell).value;
    let level: Level = matrixLevel;
    if (triggered && target === 'final') {
      level = clampLevel(level + 1);
      adjustments.push({ id: 't218.deathOverride', delta: 1, appliesTo: 'final', reason: overrideReason });
    }

    const driverText = (lang: Lang) => {
      const name = CRITERION_NAME[driverKey][lang];
      const community = driverKey === 'cases' && usedBase === 'community' ? (lang === 'vi' ? ' tại cộng đồng' : ' (community)') : '';
      const unit = (driverKey === 'cases' ? CASES_UNIT : driverKey === 'oxygen' ? OXYGEN_UNIT : DEATHS_UNIT)[lang];
      const bandWord = lang === 'vi' ? 'mức' : 'band';
      return `TC1 – ${name}${community}: ${formatNumber(driverBand.rate, lang)} ${unit} (${bandWord} ${driverBand.band}: ${driverBand.range[lang]})`;
    };
    const driver = {
      id: `218.TC1.${driverKey}`,
      rate: driverBand.rate,
      count: driverBand.count,
      band: driverBand.band,
      text: text ? { vi: driverText('vi'), en: driverText('en') } : NO_TEXT,
    };
    const strip = (b: (BandInfo & { result: BandResult }) | null): BandInfo | null =>
      b ? { rate: b.rate, count: b.count, band: b.band, range: b.range } : null;
    const intermediates: Intermediates218 = {
      ruleSet: '218',
      caseBase: { configured: configuredBase, used: usedBase },
      cases: strip(cases)!,
      oxygen: strip(oxygen),
      deaths: strip(deaths),
      transmissionCombine: combine,
      transmissionBase: base,
      vaccination,
      deathOverride: { rate: deathRate, threshold: overrideRow.value, comparison: overrideRow.comparison, triggered, target },
      transmission,
      capacity,
      matrixCell,
      matrixLevel,
    };
    const explain = (lang: Lang) => {
      const parts = [driver.text[lang]];
      for (const a of adjustments.filter((x) => x.appliesTo === 'transmission')) parts.push(a.reason[lang]);
      if (lang === 'vi') {
        parts.push(`TC2: ${checkText(popFull, 'vi')}, ${checkText(highRisk, 'vi')}`);
        parts.push(`mức độ lây nhiễm ${transmission} × khả năng đáp ứng ${CAPACITY_NAMES[capacity.capacityClass].vi} → cấp ${matrixLevel}`);
      } else {
        parts.push(`TC2: ${checkText(popFull, 'en')}, ${checkText(highRisk, 'en')}`);
        parts.push(`transmission ${transmission} × capacity ${CAPACITY_NAMES[capacity.capacityClass].en} → level ${matrixLevel}`);
      }
      for (const a of adjustments.filter((x) => x.appliesTo === 'final')) parts.push(`${a.reason[lang]} → ${lang === 'vi' ? 'cấp' : 'level'} ${level}`);
      return parts.join('; ');
    };
    const explanation = text ? { vi: explain('vi'), en: explain('en') } : NO_TEXT;
    return { level, driverKey, driver, intermediates, adjustments, explanation };
  }

  return { ruleSet: '218', missing, criteria, evaluate };
}

function assessCapacity(ind: LevelIndicators, usage: Usage, missing: MissingInput[]): Intermediates218['capacity'] {
  const tier: Tier = ind.tier ?? 'ward';
  const expected = EXPECTED_CAPACITY[tier];
  const pop = ind.population;
  const c = ind.capacity ?? {};
  const rates: Record<CapacityIndicator, number | null> = {
    '3a': c.communityCare == null ? null : perPopulation(c.communityCare, pop, 10_000),
    '3b': c.vacantBeds == null ? null : per100k(c.vacantBeds, pop),
    '3c': c.icuBeds == null ? null : per100k(c.icuBeds, pop),
  };
  const indicators = {} as Record<CapacityIndicator, CapacityIndicatorResult | null>;
  let worst: CapacityClass | null = null;
  for (const key of Object.keys(CAPACITY_EDGES) as CapacityIndicator[]) {
    const rate = rates[key];
    if (rate === null) {
      indicators[key] = null;
      continue;
    }
    const [midId, highId] = CAPACITY_EDGES[key];
    const cls: CapacityClass = reaches(rate, usage.get(highId) as NumberRowBody)
      ? 'cao'
      : reaches(rate, usage.get(midId) as NumberRowBody)
        ? 'trungBinh'
        : 'thap';
    indicators[key] = { rate, capacityClass: cls };
    if (worst === null || WORSE[cls] > WORSE[worst]) worst = cls;
  }
  const FIELD: Record<CapacityIndicator, string> = { '3a': 'capacity.communityCare', '3b': 'capacity.vacantBeds', '3c': 'capacity.icuBeds' };
  if (indicators[expected] === null) {
    missing.push({
      field: FIELD[expected],
      effect:
        worst === null
          ? { vi: 'Thiếu số liệu khả năng đáp ứng: dùng mặc định cấu hình', en: 'No capacity data: configured default used' }
          : { vi: `Thiếu chỉ số ${expected} của cấp này: dùng các chỉ số có sẵn`, en: `This tier's indicator ${expected} missing: the others supplied were used` },
    });
  }
  if (worst === null) {
    return { capacityClass: usage.get('t218.cap.whenMissing').value, assessable: false, expected, indicators };
  }
  return { capacityClass: worst, assessable: indicators[expected] !== null, expected, indicators };
}
