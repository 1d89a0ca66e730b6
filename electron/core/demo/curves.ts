import { dayNumber } from './dates';

/**
 * Time curves behind the demo data, written as anchor points (date → value) and
 * interpolated per day. The case curve is shaped like Hà Nội's 2021–2022 waves
 * (city totals per day), the rest are shares and rates. These are a plausible
 * reconstruction for a demo, not an official series.
 */

export type Anchors = readonly (readonly [string, number])[];

interface Compiled {
  days: Float64Array;
  values: Float64Array;
  log: boolean;
}

function compile(anchors: Anchors, log: boolean): Compiled {
  const days = new Float64Array(anchors.length);
  const values = new Float64Array(anchors.length);
  anchors.forEach(([d, v], i) => {
    days[i] = dayNumber(d);
    values[i] = log ? Math.log(v) : v;
    if (i > 0 && days[i]! <= days[i - 1]!) throw new Error(`anchors not increasing at ${d}`);
  });
  return { days, values, log };
}

function evaluate(c: Compiled, day: number): number {
  const { days, values } = c;
  const n = days.length;
  let v: number;
  if (day <= days[0]!) v = values[0]!;
  else if (day >= days[n - 1]!) v = values[n - 1]!;
  else {
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (days[mid]! <= day) lo = mid;
      else hi = mid;
    }
    const t = (day - days[lo]!) / (days[hi]! - days[lo]!);
    v = values[lo]! + t * (values[hi]! - values[lo]!);
  }
  return c.log ? Math.exp(v) : v;
}

/** A curve over day numbers: log-linear (growth rates) or linear (shares) between anchors; flat outside. */
export function curve(anchors: Anchors, mode: 'log' | 'linear' = 'linear'): (day: number) => number {
  const c = compile(anchors, mode === 'log');
  return (day) => evaluate(c, day);
}

/**
 * Expected new cases per day, whole city (scale 1). Real Hà Nội, for comparison: tens a
 * day during the Delta lockdown (Jul–Sep 2021), low hundreds in Oct–Nov, ~1,000 early
 * December rising to ~2,900 late December, a January plateau, the Omicron peak of
 * 30,000+ around 10–15 March 2022, then a decline through April. Early December is set
 * a little above reality so most December days fall in the 2,000–3,000 band the demo
 * (and its tests) target.
 */
export const CITY_CASE_ANCHORS: Anchors = [
  ['2021-04-27', 2],
  ['2021-06-15', 3],
  ['2021-07-01', 5],
  ['2021-07-20', 18],
  ['2021-08-05', 60],
  ['2021-08-20', 85],
  ['2021-09-10', 40],
  ['2021-09-25', 15],
  ['2021-10-10', 30],
  ['2021-10-25', 90],
  ['2021-11-05', 160],
  ['2021-11-15', 280],
  ['2021-11-23', 520],
  ['2021-11-28', 1000],
  ['2021-12-01', 1650],
  ['2021-12-04', 2100],
  ['2021-12-15', 2350],
  ['2021-12-24', 2650],
  ['2021-12-31', 2550],
  ['2022-01-08', 2750],
  ['2022-01-20', 2600],
  ['2022-01-30', 2200],
  ['2022-02-04', 1800], // Tết: fewer tests and reports
  ['2022-02-12', 4200],
  ['2022-02-20', 8000],
  ['2022-03-01', 15000],
  ['2022-03-07', 24000],
  ['2022-03-12', 31000],
  ['2022-03-16', 30000],
  ['2022-03-22', 22000],
  ['2022-04-01', 12500],
  ['2022-04-10', 6500],
  ['2022-04-20', 3000],
  ['2022-04-30', 1200],
  ['2022-06-30', 120],
];
export const cityCases = curve(CITY_CASE_ANCHORS, 'log');

/** Share of new cases found in the community (the rest inside quarantine or lockdown areas). */
export const communityShare = curve([
  ['2021-07-01', 0.4],
  ['2021-09-15', 0.4],
  ['2021-11-15', 0.5],
  ['2021-12-15', 0.55],
  ['2022-03-01', 0.6],
  ['2022-04-30', 0.58],
]);

/**
 * Share of new cases admitted to a facility (the rest treated at home). Until November
 * 2021 every F0 was admitted; home treatment spread in December and was the norm
 * under Omicron.
 */
export const facilityShare = curve([
  ['2021-07-01', 1],
  ['2021-11-01', 1],
  ['2021-11-15', 0.7],
  ['2021-12-01', 0.45],
  ['2021-12-20', 0.3],
  ['2022-01-15', 0.2],
  ['2022-02-15', 0.06],
  ['2022-03-01', 0.03],
  ['2022-04-30', 0.03],
]);

/** Share of new cases needing oxygen (Delta ~2.5 %, Omicron ~1 %). */
export const oxygenRate = curve([
  ['2021-07-01', 0.025],
  ['2022-01-20', 0.025],
  ['2022-02-20', 0.012],
  ['2022-04-30', 0.01],
]);

/** Share of new cases who die (lagged 1–3 weeks): ~0.9 % under Delta, ~0.3 % under Omicron. */
export const fatalityRate = curve([
  ['2021-07-01', 0.009],
  ['2022-01-20', 0.009],
  ['2022-02-20', 0.003],
  ['2022-04-30', 0.003],
]);

/** New F1 contacts listed per case. */
export const contactsPerCase = curve([
  ['2021-07-01', 6],
  ['2021-11-15', 5],
  ['2021-12-15', 3.5],
  ['2022-02-15', 2],
  ['2022-03-15', 1.2],
  ['2022-04-30', 1],
]);

/** Share of F1 quarantined at home (the rest in centralised quarantine). */
export const f1HomeShare = curve([
  ['2021-07-01', 0.15],
  ['2021-09-30', 0.3],
  ['2021-11-01', 0.7],
  ['2021-12-01', 1],
]);

/** F1 home quarantine length, days (14 → 7 → 5). */
export function f1QuarantineDays(day: number): number {
  if (day < F1_7D_FROM) return 14;
  if (day < F1_5D_FROM) return 7;
  return 5;
}
const F1_7D_FROM = dayNumber('2021-12-01');
const F1_5D_FROM = dayNumber('2022-03-01');

/** Background tests per resident per day (mass screening in Aug–Sep 2021). */
export const screeningRate = curve([
  ['2021-07-01', 0.002],
  ['2021-08-10', 0.012],
  ['2021-09-20', 0.008],
  ['2021-10-15', 0.003],
  ['2022-02-15', 0.002],
  ['2022-04-30', 0.0015],
]);

/** Follow-up tests per new case (contact testing; fewer under Omicron self-testing). */
export const testsPerCase = curve([
  ['2021-07-01', 12],
  ['2021-12-15', 6],
  ['2022-03-01', 2.5],
  ['2022-04-30', 2.5],
]);

/** Reporting effect by weekday (0 = Sunday): fewer reports on Sunday and Monday. */
export const WEEKDAY_FACTOR: readonly number[] = [0.95, 0.97, 1.02, 1.02, 1.02, 1.01, 1.01];

// ---------------------------------------------------------------- vaccination (coverage of each group)
/** ≥50 years, two doses: ~20 % on 2021-07-01, ~95 % by late December 2021. */
export const seniorDose2Coverage = curve([
  ['2021-07-01', 0.2],
  ['2021-08-15', 0.3],
  ['2021-09-30', 0.55],
  ['2021-10-31', 0.8],
  ['2021-11-30', 0.92],
  ['2021-12-25', 0.95],
  ['2022-04-30', 0.97],
]);
/** ≥18 years, first dose (~98 % by the end of 2021). */
export const adultDose1Coverage = curve([
  ['2021-07-01', 0.14],
  ['2021-08-15', 0.45],
  ['2021-09-20', 0.92],
  ['2021-10-15', 0.96],
  ['2021-11-15', 0.97],
  ['2021-12-31', 0.98],
  ['2022-04-30', 0.985],
]);
/** ≥18 years, second dose. */
export const adultDose2Coverage = curve([
  ['2021-07-01', 0.08],
  ['2021-08-15', 0.14],
  ['2021-09-20', 0.4],
  ['2021-10-15', 0.7],
  ['2021-11-15', 0.88],
  ['2021-12-31', 0.94],
  ['2022-04-30', 0.96],
]);
/** ≥18 years, booster: from December 2021. */
export const adultBoosterCoverage = curve([
  ['2021-12-01', 0],
  ['2021-12-31', 0.1],
  ['2022-01-31', 0.45],
  ['2022-02-28', 0.65],
  ['2022-03-31', 0.75],
  ['2022-04-30', 0.8],
]);
/** 12–17 years: from November 2021. */
export const teenDose1Coverage = curve([
  ['2021-11-01', 0],
  ['2021-11-30', 0.85],
  ['2021-12-31', 0.97],
  ['2022-04-30', 0.99],
]);
export const teenDose2Coverage = curve([
  ['2021-11-20', 0],
  ['2021-12-31', 0.85],
  ['2022-01-31', 0.95],
  ['2022-04-30', 0.97],
]);
/** 5–11 years: from mid-April 2022 (second doses only after the demo's default range). */
export const childDose1Coverage = curve([
  ['2022-04-14', 0],
  ['2022-04-30', 0.2],
  ['2022-06-30', 0.75],
]);
export const childDose2Coverage = curve([
  ['2022-05-10', 0],
  ['2022-06-30', 0.45],
]);
