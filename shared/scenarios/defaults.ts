import type { Capacity, ScenarioInputs, ScenarioParams } from './schema';

/**
 * Default planning parameters and the two presets the city committee asked for
 * ("2.000 ca/ngày", "3.000 ca/ngày"), each with its evidence status — the same marks as
 * the epidemic-level thresholds (shared/metrics/levels): CONFIRMED (an official text says
 * so), REPORTED (reported by a reliable source), IMPLIED (follows from an official
 * definition), UNCONFIRMED (an assumption of this app). Everything not CONFIRMED is shown
 * on screen as "mặc định cần rà soát" (a default to review) with its source.
 *
 * Tiers follow the Ministry of Health's three-tier treatment model ("tháp 3 tầng", 2021):
 * tier 1 asymptomatic / mild (treatment facilities, or care at home), tier 2 moderate
 * (converted hospitals), tier 3 severe and critical (intensive care).
 */
export type EvidenceStatus = 'CONFIRMED' | 'REPORTED' | 'IMPLIED' | 'UNCONFIRMED';

export interface ParamDoc {
  /** Dotted path into ScenarioParams ("split.t2", "los.t3", "transfers.2"). */
  id: string;
  status: EvidenceStatus;
  /** Where the default comes from (Vietnamese; the screen shows it). */
  sourceVi: string;
  sourceEn: string;
}

export const DEFAULT_PARAMS: ScenarioParams = {
  split: { home: 0.55, t1: 0.32, t2: 0.1, t3: 0.03 },
  los: { home: 10, t1: 10, t2: 12, t3: 18 },
  oxygenShare: { home: 0, t1: 0, t2: 0.3, t3: 1 },
  icuShare: 0.3,
  transfers: [
    { from: 'home', to: 't2', share: 0.02, afterDays: 4 },
    { from: 't1', to: 't2', share: 0.03, afterDays: 4 },
    { from: 't2', to: 't3', share: 0.1, afterDays: 4 },
    { from: 't3', to: 't2', share: 0.3, afterDays: 10 },
  ],
};

const SEVERITY_VI =
  'Mô hình "tháp 3 tầng" của Bộ Y tế (2021): tầng 1 không triệu chứng/nhẹ, tầng 2 trung bình, tầng 3 nặng và nguy kịch. Phân bố thường gặp ~85–90 % / 8–10 % / 2–4 %; WHO (2020, chưa tiêm vắc xin) ~80 % nhẹ, ~15 % nặng, ~5 % nguy kịch — mức cao tham chiếu. Mặc định của ứng dụng, cần rà soát theo số liệu phân tầng thực tế của Sở Y tế.';
const SEVERITY_EN =
  'MoH three-tier model (2021): tier 1 asymptomatic/mild, tier 2 moderate, tier 3 severe/critical. Typical shares ~85–90 % / 8–10 % / 2–4 %; WHO (2020, unvaccinated) ~80 % mild, ~15 % severe, ~5 % critical as an upper reference. App default to review against the Health Department\'s actual triage.';
const HOME_VI =
  'Giả định của ứng dụng: khoảng 2/3 số F0 không triệu chứng/nhẹ được chăm sóc tại nhà (Hà Nội triển khai điều trị F0 tại nhà từ cuối 2021). Cần rà soát.';
const HOME_EN = 'App assumption: about two thirds of mild F0 cared for at home (Hà Nội introduced home care in late 2021). To review.';
const LOS_VI = 'Mặc định trong khoảng thường gặp (tầng 1: 7–10, tầng 2: 10–14, tầng 3: 14–21 ngày; F0 tại nhà theo thời gian cách ly, điều trị ~7–10 ngày). Cần rà soát theo số liệu ra viện thực tế.';
const LOS_EN = 'Default within the typical ranges (tier 1: 7–10, tier 2: 10–14, tier 3: 14–21 days; home F0 by the isolation period, ~7–10 days). To review against actual discharge data.';
const TRANSFER_VI = 'Giả định của ứng dụng (người bệnh chuyển nặng thường trong vài ngày đầu; tầng 3 hồi phục chuyển về tầng 2). Cần rà soát theo số liệu chuyển tầng của các cơ sở.';
const TRANSFER_EN = 'App assumption (worsening usually within the first days; recovering tier-3 patients step down to tier 2). To review against facility transfer data.';

export const PARAM_DOCS: readonly ParamDoc[] = [
  { id: 'split.home', status: 'UNCONFIRMED', sourceVi: HOME_VI, sourceEn: HOME_EN },
  { id: 'split.t1', status: 'UNCONFIRMED', sourceVi: SEVERITY_VI, sourceEn: SEVERITY_EN },
  { id: 'split.t2', status: 'UNCONFIRMED', sourceVi: SEVERITY_VI, sourceEn: SEVERITY_EN },
  { id: 'split.t3', status: 'UNCONFIRMED', sourceVi: SEVERITY_VI, sourceEn: SEVERITY_EN },
  { id: 'los.home', status: 'UNCONFIRMED', sourceVi: LOS_VI, sourceEn: LOS_EN },
  { id: 'los.t1', status: 'UNCONFIRMED', sourceVi: LOS_VI, sourceEn: LOS_EN },
  { id: 'los.t2', status: 'UNCONFIRMED', sourceVi: LOS_VI, sourceEn: LOS_EN },
  { id: 'los.t3', status: 'UNCONFIRMED', sourceVi: LOS_VI, sourceEn: LOS_EN },
  { id: 'oxygenShare.home', status: 'IMPLIED', sourceVi: 'Người bệnh nhẹ theo định nghĩa không cần thở ô xy.', sourceEn: 'Mild patients by definition need no oxygen.' },
  { id: 'oxygenShare.t1', status: 'IMPLIED', sourceVi: 'Người bệnh nhẹ theo định nghĩa không cần thở ô xy.', sourceEn: 'Mild patients by definition need no oxygen.' },
  {
    id: 'oxygenShare.t2',
    status: 'UNCONFIRMED',
    sourceVi: 'Theo hướng dẫn chẩn đoán, điều trị của Bộ Y tế, người bệnh mức độ trung bình "có thể" cần thở ô xy; tỷ lệ 30 % là giả định, cần rà soát.',
    sourceEn: 'MoH clinical guidance: moderate patients "may" need oxygen; 30 % is an assumption to review.',
  },
  {
    id: 'oxygenShare.t3',
    status: 'IMPLIED',
    sourceVi: 'Người bệnh nặng, nguy kịch (SpO2 < 94 %) theo định nghĩa cần hỗ trợ ô xy (kể cả thở máy).',
    sourceEn: 'Severe and critical patients (SpO2 < 94 %) by definition need oxygen support (ventilation included).',
  },
  {
    id: 'icuShare',
    status: 'UNCONFIRMED',
    sourceVi: 'WHO (2020): nguy kịch ~5 %, nặng ~15 % số ca → nguy kịch ≈ 25 % số người bệnh tầng 3; mặc định 30 %, cần rà soát.',
    sourceEn: 'WHO (2020): critical ~5 %, severe ~15 % of cases → critical ≈ 25 % of tier 3; default 30 %, to review.',
  },
  ...DEFAULT_PARAMS.transfers.map((_, k) => ({ id: `transfers.${k}`, status: 'UNCONFIRMED' as const, sourceVi: TRANSFER_VI, sourceEn: TRANSFER_EN })),
];

export const paramDoc = (id: string): ParamDoc | undefined => PARAM_DOCS.find((d) => d.id === id);

/** Horizon of the presets (days). */
export const DEFAULT_HORIZON = 60;

/** Starting point of a scenario, as the core measures it (see the scenarios.baseline op). */
export interface BaselinePoint {
  startDate: string;
  start: ScenarioInputs['start'];
  capacity: Capacity;
}

export const PRESETS = {
  p2000: { perDay: 2000, nameVi: '2.000 ca/ngày', nameEn: '2,000 cases/day' },
  p3000: { perDay: 3000, nameVi: '3.000 ca/ngày', nameEn: '3,000 cases/day' },
} as const;
export type PresetId = keyof typeof PRESETS;

/** A preset scenario from the current baseline: constant new cases, default parameters, 60 days. */
export function presetInputs(id: PresetId, baseline: BaselinePoint): ScenarioInputs {
  return {
    startDate: baseline.startDate,
    horizonDays: DEFAULT_HORIZON,
    casePath: { kind: 'constant', perDay: PRESETS[id].perDay },
    params: structuredClone(DEFAULT_PARAMS),
    start: { ...baseline.start },
    capacity: { ...baseline.capacity },
    additions: [],
    preset: id,
  };
}
