import type { CapacityClass, Level, ThresholdStatus } from './types';

/**
 * THE threshold table of the level engine: every number, matrix cell and interpretation choice
 * the rules use lives here, once, with its evidence mark and sources.
 *
 * Sources [S1…S46] and status marks are those of shared/data/reference/epidemic-levels.md.
 * The decision annexes of QĐ 4800 and QĐ 218 could not be read, so most values are rebuilt from
 * press reports and published results; anything not CONFIRMED has `reviewRequired: true` and is
 * listed in every assessment that used it (`thresholdsToReview`), so the UI can say "based on
 * defaults to review".
 *
 * Rows are overridden through config.ts (`resolveLevelConfig`), which validates with zod.
 */

/** How a numeric threshold is reached: `gte` value ≥ threshold, `gt` value > threshold. */
export type Comparison = 'gte' | 'gt';

/** Units of numeric thresholds (used for validation and labels). */
export type ThresholdUnit = 'per100kWeek' | 'per10k' | 'per100k' | 'share';

interface RowBase {
  labelVi: string;
  labelEn: string;
  status: ThresholdStatus;
  /** Source ids of epidemic-levels.md (or, after a review, any citation text). */
  sources: readonly string[];
  /** True for anything not CONFIRMED. */
  reviewRequired: boolean;
  /** Nuance a reviewer needs (why the status, what the value was derived from). */
  note: string;
  /** True when the row differs from the shipped default (set by resolveLevelConfig). */
  overridden: boolean;
}
export interface NumberRowBody extends RowBase {
  kind: 'number';
  value: number;
  comparison: Comparison;
  unit: ThresholdUnit;
}
export interface LevelRowBody extends RowBase {
  kind: 'level';
  value: Level;
}
export interface ChoiceRowBody<T extends string = string> extends RowBase {
  kind: 'choice';
  value: T;
  options: readonly T[];
}
export interface BooleanRowBody extends RowBase {
  kind: 'boolean';
  value: boolean;
}
export interface DateRowBody extends RowBase {
  kind: 'date';
  value: string;
}
export type RowBody = NumberRowBody | LevelRowBody | ChoiceRowBody | BooleanRowBody | DateRowBody;

interface Meta {
  vi: string;
  en: string;
  status: ThresholdStatus;
  sources?: readonly string[];
  note?: string;
}
function base(m: Meta): RowBase {
  return {
    labelVi: m.vi,
    labelEn: m.en,
    status: m.status,
    sources: m.sources ?? [],
    reviewRequired: m.status !== 'CONFIRMED',
    note: m.note ?? '',
    overridden: false,
  };
}
function num(m: Meta & { value: number; cmp: Comparison; unit: ThresholdUnit }): NumberRowBody {
  return { kind: 'number', value: m.value, comparison: m.cmp, unit: m.unit, ...base(m) };
}
function cell(m: Meta & { value: Level }): LevelRowBody {
  return { kind: 'level', value: m.value, ...base(m) };
}
function choice<const T extends string>(m: Meta & { value: NoInfer<T>; options: readonly T[] }): ChoiceRowBody<T> {
  return { kind: 'choice', value: m.value, options: m.options, ...base(m) };
}
function bool(m: Meta & { value: boolean }): BooleanRowBody {
  return { kind: 'boolean', value: m.value, ...base(m) };
}
function day(m: Meta & { value: string }): DateRowBody {
  return { kind: 'date', value: m.value, ...base(m) };
}

const UNC: ThresholdStatus = 'UNCONFIRMED';
/** Note shared by the matrix cells that are WHO-derived candidates (epidemic-levels.md §2.5). */
const WHO_CELL = "Candidate copied from WHO's situational-level table (PHSM interim guidance); not re-read.";

// ------------------------------------------------------------------------------------------------
const ROWS = {
  // ---------------------------------------------------------------- rule-set dates
  'common.4800.start': day({
    value: '2021-10-12',
    vi: 'Ngày ký QĐ 4800/QĐ-BYT',
    en: 'QĐ 4800/QĐ-BYT signed',
    status: 'CONFIRMED',
    sources: ['S40', 'S4'],
  }),
  'common.218.start': day({
    value: '2022-01-27',
    vi: 'QĐ 218/QĐ-BYT có hiệu lực (thay thế QĐ 4800)',
    en: 'QĐ 218/QĐ-BYT in force (replaces QĐ 4800)',
    status: 'CONFIRMED',
    sources: ['S5', 'S23', 'S24'],
  }),

  // ---------------------------------------------------------------- QĐ 4800, TC1 bands
  't4800.tc1.band2': num({
    value: 20,
    cmp: 'gte',
    unit: 'per100kWeek',
    vi: 'QĐ 4800 – TC1: ngưỡng mức 2 (ca cộng đồng/100.000/tuần)',
    en: 'QĐ 4800 – TC1: band 2 from (community cases per 100,000 per week)',
    status: 'CONFIRMED',
    sources: ['S10'],
    note: 'Band 1 is "0 – < 20" (Hải Phòng health portal).',
  }),
  't4800.tc1.band3': num({
    value: 50,
    cmp: 'gte',
    unit: 'per100kWeek',
    vi: 'QĐ 4800 – TC1: ngưỡng mức 3 (B)',
    en: 'QĐ 4800 – TC1: band 3 from (B)',
    status: UNC,
    sources: ['S12', 'S13'],
    note: 'IMPLIED 20 < B ≤ 74 (HCMC 25/10/2021 at ~74 was "level 3 by cases"); 50 is the WHO CT2/CT3 edge.',
  }),
  't4800.tc1.band4': num({
    value: 150,
    cmp: 'gte',
    unit: 'per100kWeek',
    vi: 'QĐ 4800 – TC1: ngưỡng mức 4',
    en: 'QĐ 4800 – TC1: band 4 from',
    status: 'CONFIRMED',
    sources: ['S7'],
    note: 'Value CONFIRMED; inclusive (≥ rather than >) is REPORTED from phrasing only.',
  }),

  // ---------------------------------------------------------------- QĐ 4800, TC2
  't4800.tc2.adultDose1': num({
    value: 0.7,
    cmp: 'gte',
    unit: 'share',
    vi: 'QĐ 4800 – TC2: tỷ lệ người ≥18 tuổi tiêm ≥1 mũi đạt từ',
    en: 'QĐ 4800 – TC2: share of 18+ with ≥ 1 dose, met from',
    status: UNC,
    sources: ['S9', 'S10'],
    note: 'Indicator CONFIRMED; no source gives the threshold.',
  }),
  't4800.tc2.senior50Full': num({
    value: 0.8,
    cmp: 'gte',
    unit: 'share',
    vi: 'QĐ 4800 – TC2: tỷ lệ người ≥50 tuổi tiêm đủ liều đạt từ',
    en: 'QĐ 4800 – TC2: share of 50+ fully vaccinated, met from',
    status: 'REPORTED',
    sources: ['S14', 'S15'],
    note: 'Draft only (10/2021 and 09/2021); final text not seen.',
  }),
  't4800.tc2.requireBoth': bool({
    value: true,
    vi: 'QĐ 4800 – TC2 chỉ đạt khi cả hai chỉ số đạt',
    en: 'QĐ 4800 – TC2 met only when both sub-indicators are met',
    status: UNC,
    sources: ['S9', 'S11', 'S44'],
  }),

  // ---------------------------------------------------------------- QĐ 4800, TC3 and combination
  't4800.tc3.whenMissing': choice({
    value: 'notMet',
    options: ['notMet', 'met'],
    vi: 'QĐ 4800 – TC3 khi chưa có đánh giá',
    en: 'QĐ 4800 – TC3 when not assessed',
    status: UNC,
    sources: ['S6', 'S8', 'S14'],
    note: 'TC3 content is REPORTED (draft); failing it keeps the level ("not lowered") [S6, S15]. Missing → not met (no lowering).',
  }),
  't4800.combination': choice({
    value: 'matrix',
    options: ['matrix', 'draft'],
    vi: 'QĐ 4800 – cách kết hợp TC1, TC2, TC3',
    en: 'QĐ 4800 – how TC1, TC2 and TC3 combine',
    status: UNC,
    sources: ['S12', 'S13', 'S15', 'S17', 'S18'],
    note:
      'matrix = band − 1 when TC2 and TC3 are met (reproduces both CONFIRMED results); draft = band + 1 when 50+ coverage is below threshold (09/2021 draft, cannot reproduce HCMC 25/10/2021).',
  }),
  't4800.matrix.b1.met': cell({ value: 1, vi: 'QĐ 4800 – mức 1, TC2 và TC3 đạt', en: 'QĐ 4800 – band 1, TC2 and TC3 met', status: 'CONFIRMED', sources: ['S17', 'S18'], note: 'Hà Nội mid-10/2021.' }),
  't4800.matrix.b1.notMet': cell({ value: 1, vi: 'QĐ 4800 – mức 1, TC2 hoặc TC3 không đạt', en: 'QĐ 4800 – band 1, TC2 or TC3 not met', status: UNC }),
  't4800.matrix.b2.met': cell({ value: 1, vi: 'QĐ 4800 – mức 2, TC2 và TC3 đạt', en: 'QĐ 4800 – band 2, TC2 and TC3 met', status: UNC }),
  't4800.matrix.b2.notMet': cell({ value: 2, vi: 'QĐ 4800 – mức 2, TC2 hoặc TC3 không đạt', en: 'QĐ 4800 – band 2, TC2 or TC3 not met', status: UNC }),
  't4800.matrix.b3.met': cell({ value: 2, vi: 'QĐ 4800 – mức 3, TC2 và TC3 đạt', en: 'QĐ 4800 – band 3, TC2 and TC3 met', status: 'CONFIRMED', sources: ['S12', 'S13'], note: 'HCMC 25/10/2021.' }),
  't4800.matrix.b3.notMet': cell({ value: 3, vi: 'QĐ 4800 – mức 3, TC2 hoặc TC3 không đạt', en: 'QĐ 4800 – band 3, TC2 or TC3 not met', status: UNC }),
  't4800.matrix.b4.met': cell({ value: 3, vi: 'QĐ 4800 – mức 4, TC2 và TC3 đạt', en: 'QĐ 4800 – band 4, TC2 and TC3 met', status: UNC }),
  't4800.matrix.b4.notMet': cell({ value: 4, vi: 'QĐ 4800 – mức 4, TC2 hoặc TC3 không đạt', en: 'QĐ 4800 – band 4, TC2 or TC3 not met', status: UNC, sources: ['S7'] }),

  // ---------------------------------------------------------------- QĐ 218, TC1 (transmission)
  't218.caseBase': choice({
    value: 'all',
    options: ['all', 'community'],
    vi: 'QĐ 218 – TC1 tính ca mắc mới: trên địa bàn (all) hay tại cộng đồng (community)',
    en: 'QĐ 218 – TC1 case base: all new cases in the area, or community only',
    status: UNC,
    sources: ['S24', 'S7'],
    note: '"trên địa bàn" per S24 (a report of the change); VnExpress still says community [S7].',
  }),
  't218.cases.band2': num({
    value: 80,
    cmp: 'gte',
    unit: 'per100kWeek',
    vi: 'QĐ 218 – ca mắc mới/100.000/tuần: ngưỡng mức 2',
    en: 'QĐ 218 – new cases per 100,000 per week: band 2 from',
    status: UNC,
    note: 'Default = 4800 edge 20 × 4, the factor between the known top edges (600 / 150) [S7].',
  }),
  't218.cases.band3': num({
    value: 200,
    cmp: 'gte',
    unit: 'per100kWeek',
    vi: 'QĐ 218 – ca mắc mới/100.000/tuần: ngưỡng mức 3',
    en: 'QĐ 218 – new cases per 100,000 per week: band 3 from',
    status: UNC,
    note: 'Default = 4800 edge 50 × 4 (see band 2).',
  }),
  't218.cases.band4': num({
    value: 600,
    cmp: 'gt',
    unit: 'per100kWeek',
    vi: 'QĐ 218 – ca mắc mới/100.000/tuần: mức 4 khi trên',
    en: 'QĐ 218 – new cases per 100,000 per week: band 4 above',
    status: 'CONFIRMED',
    sources: ['S7'],
    note: '">600" for the top class is CONFIRMED; reading it as TRANSMISSION level 4 (not final level) is the most likely interpretation.',
  }),
  't218.oxygen.band2': num({ value: 5, cmp: 'gte', unit: 'per100kWeek', vi: 'QĐ 218 – ca thở ô xy/100.000/tuần: ngưỡng mức 2', en: 'QĐ 218 – oxygen patients per 100,000 per week: band 2 from', status: UNC, sources: ['S7', 'S25'], note: 'Indicator CONFIRMED, bands unknown; default by analogy with WHO hospitalisation edges (5/10/30, as recalled).' }),
  't218.oxygen.band3': num({ value: 10, cmp: 'gte', unit: 'per100kWeek', vi: 'QĐ 218 – ca thở ô xy/100.000/tuần: ngưỡng mức 3', en: 'QĐ 218 – oxygen patients per 100,000 per week: band 3 from', status: UNC, sources: ['S7', 'S25'] }),
  't218.oxygen.band4': num({ value: 30, cmp: 'gte', unit: 'per100kWeek', vi: 'QĐ 218 – ca thở ô xy/100.000/tuần: ngưỡng mức 4', en: 'QĐ 218 – oxygen patients per 100,000 per week: band 4 from', status: UNC, sources: ['S7', 'S25'] }),
  't218.deaths.band2': num({ value: 1, cmp: 'gte', unit: 'per100kWeek', vi: 'QĐ 218 – tử vong/100.000/tuần: ngưỡng mức 2', en: 'QĐ 218 – deaths per 100,000 per week: band 2 from', status: UNC, sources: ['S7', 'S25'], note: 'Indicator CONFIRMED, bands unknown; default by analogy with WHO death edges (1/2/5, as recalled).' }),
  't218.deaths.band3': num({ value: 2, cmp: 'gte', unit: 'per100kWeek', vi: 'QĐ 218 – tử vong/100.000/tuần: ngưỡng mức 3', en: 'QĐ 218 – deaths per 100,000 per week: band 3 from', status: UNC, sources: ['S7', 'S25'] }),
  't218.deaths.band4': num({ value: 5, cmp: 'gte', unit: 'per100kWeek', vi: 'QĐ 218 – tử vong/100.000/tuần: ngưỡng mức 4', en: 'QĐ 218 – deaths per 100,000 per week: band 4 from', status: UNC, sources: ['S7', 'S25'] }),
  't218.transmission.combine': choice({
    value: 'max',
    options: ['max', 'casesOnly'],
    vi: 'QĐ 218 – mức độ lây nhiễm từ 3 chỉ số: cao nhất (max) hay chỉ ca mắc (casesOnly)',
    en: 'QĐ 218 – transmission level from the 3 indicators: highest band (max) or cases only',
    status: UNC,
    sources: ['S7', 'S25'],
  }),
  't218.deathOverride.threshold': num({
    value: 6,
    cmp: 'gt',
    unit: 'per100kWeek',
    vi: 'QĐ 218 – tử vong/100.000/tuần trên ngưỡng này thì tăng 1 cấp',
    en: 'QĐ 218 – deaths per 100,000 per week above this raise the level by 1',
    status: 'REPORTED',
    sources: ['S27', 'S28'],
    note: 'As HCMC DoH applied it; ">" vs "≥" is UNCONFIRMED (they differ only at exactly 6.0).',
  }),
  't218.deathOverride.target': choice({
    value: 'final',
    options: ['final', 'transmission'],
    vi: 'QĐ 218 – tăng 1 cấp do tử vong áp dụng vào: cấp độ dịch (final) hay mức độ lây nhiễm (transmission)',
    en: 'QĐ 218 – death +1 applies to: the final level or the transmission level',
    status: UNC,
    sources: ['S27'],
    note: 'Thanh Niên describes the final level going up [S27]; which one 218 means is UNCONFIRMED.',
  }),

  // ---------------------------------------------------------------- QĐ 218, TC2 (vaccination)
  't218.vacc.populationFull': num({
    value: 0.75,
    cmp: 'gte',
    unit: 'share',
    vi: 'QĐ 218 – TC2: tỷ lệ dân số tiêm đủ liều cơ bản đạt từ',
    en: 'QĐ 218 – TC2: share of whole population fully vaccinated, met from',
    status: 'REPORTED',
    sources: ['S7', 'S25'],
  }),
  't218.vacc.highRiskFull': num({
    value: 0.9,
    cmp: 'gte',
    unit: 'share',
    vi: 'QĐ 218 – TC2: tỷ lệ nhóm nguy cơ cao tiêm đủ liều đạt từ',
    en: 'QĐ 218 – TC2: share of high-risk group fully vaccinated, met from',
    status: 'REPORTED',
    sources: ['S7', 'S25'],
    note: 'Group definition (age, comorbidities) UNCONFIRMED; the app approximates it by the 50+ group.',
  }),
  't218.vacc.requireBoth': bool({
    value: true,
    vi: 'QĐ 218 – TC2 chỉ đạt khi cả hai chỉ số đạt (nếu không: mức độ lây nhiễm +1)',
    en: 'QĐ 218 – TC2 met only when both sub-indicators are met (else transmission +1)',
    status: UNC,
    sources: ['S7', 'S27'],
  }),

  // ---------------------------------------------------------------- QĐ 218, TC3 (capacity)
  't218.cap.3a.cao': num({ value: 50, cmp: 'gte', unit: 'per10k', vi: 'QĐ 218 – 3a (xã): năng lực chăm sóc F0 tại cộng đồng/10.000 dân: Cao từ', en: 'QĐ 218 – 3a (commune): community care capacity per 10,000: high from', status: UNC, sources: ['S25'] }),
  't218.cap.3a.trungBinh': num({ value: 20, cmp: 'gte', unit: 'per10k', vi: 'QĐ 218 – 3a (xã): Trung bình từ', en: 'QĐ 218 – 3a (commune): medium from', status: UNC, sources: ['S25'] }),
  't218.cap.3b.cao': num({ value: 20, cmp: 'gte', unit: 'per100k', vi: 'QĐ 218 – 3b (huyện): giường bệnh còn trống/100.000 dân: Cao từ', en: 'QĐ 218 – 3b (district): vacant COVID-19 beds per 100,000: high from', status: UNC, sources: ['S25'] }),
  't218.cap.3b.trungBinh': num({ value: 10, cmp: 'gte', unit: 'per100k', vi: 'QĐ 218 – 3b (huyện): Trung bình từ', en: 'QĐ 218 – 3b (district): medium from', status: UNC, sources: ['S25'] }),
  't218.cap.3c.cao': num({ value: 4, cmp: 'gte', unit: 'per100k', vi: 'QĐ 218 – 3c (tỉnh): giường hồi sức tích cực/100.000 dân: Cao từ', en: 'QĐ 218 – 3c (province): ICU beds per 100,000: high from', status: UNC, sources: ['S25'], note: 'The source says "number of ICU beds"; the per-100,000 form is our assumption.' }),
  't218.cap.3c.trungBinh': num({ value: 2, cmp: 'gte', unit: 'per100k', vi: 'QĐ 218 – 3c (tỉnh): Trung bình từ', en: 'QĐ 218 – 3c (province): medium from', status: UNC, sources: ['S25'] }),
  't218.cap.whenMissing': choice({
    value: 'thap',
    options: ['cao', 'trungBinh', 'thap'] satisfies CapacityClass[],
    vi: 'QĐ 218 – khả năng đáp ứng khi thiếu số liệu',
    en: 'QĐ 218 – response capacity when no capacity data',
    status: UNC,
    note: 'Conservative default: assume low capacity (never understates the level).',
  }),

  // ---------------------------------------------------------------- QĐ 218 matrix (§2.5)
  't218.matrix.t1.cao': cell({ value: 1, vi: 'QĐ 218 – lây nhiễm 1 × đáp ứng Cao', en: 'QĐ 218 – transmission 1 × capacity high', status: 'IMPLIED', sources: ['S29'] }),
  't218.matrix.t1.trungBinh': cell({ value: 2, vi: 'QĐ 218 – lây nhiễm 1 × đáp ứng Trung bình', en: 'QĐ 218 – transmission 1 × capacity medium', status: UNC, note: WHO_CELL }),
  't218.matrix.t1.thap': cell({ value: 2, vi: 'QĐ 218 – lây nhiễm 1 × đáp ứng Thấp', en: 'QĐ 218 – transmission 1 × capacity low', status: UNC, note: WHO_CELL }),
  't218.matrix.t2.cao': cell({ value: 2, vi: 'QĐ 218 – lây nhiễm 2 × đáp ứng Cao', en: 'QĐ 218 – transmission 2 × capacity high', status: 'IMPLIED', sources: ['S27', 'S28', 'S30'] }),
  't218.matrix.t2.trungBinh': cell({ value: 2, vi: 'QĐ 218 – lây nhiễm 2 × đáp ứng Trung bình', en: 'QĐ 218 – transmission 2 × capacity medium', status: 'CONFIRMED', sources: ['S27'] }),
  't218.matrix.t2.thap': cell({ value: 3, vi: 'QĐ 218 – lây nhiễm 2 × đáp ứng Thấp', en: 'QĐ 218 – transmission 2 × capacity low', status: UNC, note: WHO_CELL }),
  't218.matrix.t3.cao': cell({ value: 2, vi: 'QĐ 218 – lây nhiễm 3 × đáp ứng Cao', en: 'QĐ 218 – transmission 3 × capacity high', status: 'CONFIRMED', sources: ['S27'] }),
  't218.matrix.t3.trungBinh': cell({ value: 3, vi: 'QĐ 218 – lây nhiễm 3 × đáp ứng Trung bình', en: 'QĐ 218 – transmission 3 × capacity medium', status: UNC, note: WHO_CELL }),
  't218.matrix.t3.thap': cell({ value: 3, vi: 'QĐ 218 – lây nhiễm 3 × đáp ứng Thấp', en: 'QĐ 218 – transmission 3 × capacity low', status: UNC, note: WHO_CELL }),
  't218.matrix.t4.cao': cell({ value: 3, vi: 'QĐ 218 – lây nhiễm 4 × đáp ứng Cao', en: 'QĐ 218 – transmission 4 × capacity high', status: 'CONFIRMED', sources: ['S29'] }),
  't218.matrix.t4.trungBinh': cell({ value: 3, vi: 'QĐ 218 – lây nhiễm 4 × đáp ứng Trung bình', en: 'QĐ 218 – transmission 4 × capacity medium', status: UNC, note: WHO_CELL }),
  't218.matrix.t4.thap': cell({ value: 4, vi: 'QĐ 218 – lây nhiễm 4 × đáp ứng Thấp', en: 'QĐ 218 – transmission 4 × capacity low', status: UNC, note: WHO_CELL }),

  // ---------------------------------------------------------------- roll-up ward → district → city
  'rollup.rule': choice({
    value: 'aggregate',
    options: ['aggregate', 'communeShare'],
    vi: 'Cấp huyện/tỉnh: đánh giá trên số liệu cộng dồn (aggregate) hay theo tỷ lệ xã (communeShare)',
    en: 'District/province level: assessed on aggregated indicators, or from the share of communes',
    status: UNC,
    sources: ['S10', 'S19', 'S20'],
    note: 'Practice under 4800 was each tier on its own indicators [S10, S19]; Hà Nội 25/12/2021 rules out a majority-of-communes roll-up [S20].',
  }),
  'rollup.share.primary': num({
    value: 0.3,
    cmp: 'gte',
    unit: 'share',
    vi: 'Theo tỷ lệ xã: cấp L nếu tỷ lệ xã ở cấp ≥ L đạt từ',
    en: 'Commune share: level L when the share of communes at level ≥ L reaches',
    status: UNC,
    sources: ['S45'],
    note: 'Pre-128 risk-zone rule (district red if ≥ 30 % of communes very high risk or ≥ 50 % high risk), generalised to every level; context only.',
  }),
  'rollup.share.secondary': num({
    value: 0.5,
    cmp: 'gte',
    unit: 'share',
    vi: 'Theo tỷ lệ xã: cấp L nếu tỷ lệ xã ở cấp ≥ L−1 đạt từ',
    en: 'Commune share: level L when the share of communes at level ≥ L−1 reaches',
    status: UNC,
    sources: ['S45'],
  }),
} as const;

export type ThresholdId = keyof typeof ROWS;
type Widen<R> = R extends NumberRowBody
  ? NumberRowBody
  : R extends LevelRowBody
    ? LevelRowBody
    : R extends BooleanRowBody
      ? BooleanRowBody
      : R extends DateRowBody
        ? DateRowBody
        : R;
/** The full table: every row carries its own id. */
export type ThresholdTable = { readonly [K in ThresholdId]: Widen<(typeof ROWS)[K]> & { readonly id: K } };
export type ThresholdRow = ThresholdTable[ThresholdId];
export type NumberThresholdId = { [K in ThresholdId]: ThresholdTable[K] extends NumberRowBody ? K : never }[ThresholdId];
export type LevelCellId = { [K in ThresholdId]: ThresholdTable[K] extends LevelRowBody ? K : never }[ThresholdId];

export const THRESHOLD_IDS = Object.keys(ROWS) as ThresholdId[];

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

export const DEFAULT_THRESHOLDS: ThresholdTable = deepFreeze(
  Object.fromEntries(THRESHOLD_IDS.map((id) => [id, { id, ...ROWS[id] }])) as unknown as ThresholdTable,
);

/** Ordered band edges (band 2, 3, 4) per banded indicator. */
export const BAND_EDGES = {
  't4800.tc1': ['t4800.tc1.band2', 't4800.tc1.band3', 't4800.tc1.band4'],
  't218.cases': ['t218.cases.band2', 't218.cases.band3', 't218.cases.band4'],
  't218.oxygen': ['t218.oxygen.band2', 't218.oxygen.band3', 't218.oxygen.band4'],
  't218.deaths': ['t218.deaths.band2', 't218.deaths.band3', 't218.deaths.band4'],
} as const satisfies Record<string, readonly [NumberThresholdId, NumberThresholdId, NumberThresholdId]>;
export type BandedIndicator = keyof typeof BAND_EDGES;

/** Capacity class edges (Trung bình, Cao) per 218 capacity indicator. */
export const CAPACITY_EDGES = {
  '3a': ['t218.cap.3a.trungBinh', 't218.cap.3a.cao'],
  '3b': ['t218.cap.3b.trungBinh', 't218.cap.3b.cao'],
  '3c': ['t218.cap.3c.trungBinh', 't218.cap.3c.cao'],
} as const satisfies Record<string, readonly [NumberThresholdId, NumberThresholdId]>;
export type CapacityIndicator = keyof typeof CAPACITY_EDGES;

export function matrix4800CellId(band: Level, met: boolean): LevelCellId {
  return `t4800.matrix.b${band}.${met ? 'met' : 'notMet'}` as LevelCellId;
}
export function matrix218CellId(transmission: Level, capacity: CapacityClass): LevelCellId {
  return `t218.matrix.t${transmission}.${capacity}` as LevelCellId;
}

/** True when `x` reaches the numeric threshold row (≥ or > per its comparison). */
export function reaches(x: number, row: Pick<NumberRowBody, 'value' | 'comparison'>): boolean {
  return row.comparison === 'gte' ? x >= row.value : x > row.value;
}
