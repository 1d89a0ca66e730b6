import { reportId, type CaseReport, type FacilityStatus, type Vaccination } from '../../../shared/domain';
import {
  WEEKDAY_FACTOR,
  adultBoosterCoverage,
  adultDose1Coverage,
  adultDose2Coverage,
  childDose1Coverage,
  childDose2Coverage,
  cityCases,
  communityShare,
  contactsPerCase,
  f1HomeShare,
  f1QuarantineDays,
  facilityShare,
  fatalityRate,
  oxygenRate,
  screeningRate,
  seniorDose2Coverage,
  teenDose1Coverage,
  teenDose2Coverage,
  testsPerCase,
} from './curves';
import { dateOfDay, dayNumber, weekday } from './dates';
import type { DemoFacility } from './facilities';
import { deterministicUuidV7 } from './ids';
import { Rng } from './prng';
import type { DemoWorld } from './units';

/**
 * The day-by-day simulation behind the demo's reports. Cases are drawn per ward from the
 * city curve (curves.ts), redistributed by district timing and intensity, ward risk and
 * local clusters, with negative-binomial noise. Each ward keeps running stocks: F0 at
 * home and in facilities (cohorts leave after scheduled recovery or death lags), F1 in
 * home quarantine. Facility snapshots follow the simulated facility and home stocks,
 * scaled to each facility's capacity. The simulation starts WARMUP_DAYS before `from`
 * so the stocks are already filled on the first reported day.
 */

export const WARMUP_DAYS = 35;
const RING = 32; // > longest lag (21)
const F1_RING = 16; // > longest quarantine (14)
/** Days a patient stays on oxygen, and how heavy the care is (ICU, ventilators): Delta vs Omicron. */
function oxygenStay(day: number): number {
  return Math.round(12 - 5 * omicronBlend(day));
}
function severityWeight(day: number): number {
  return 2 - omicronBlend(day);
}
/** Lags (days, inclusive) from diagnosis to leaving the stock. */
const HOME_LAGS: [number, number] = [8, 12];
const FACILITY_LAGS: [number, number] = [10, 16];
const DEATH_LAGS: [number, number] = [7, 21];
/** Negative-binomial dispersion of ward daily counts (smaller = more overdispersed). */
const DISPERSION = 3;

/** Shares of the population in each vaccination group (configurable). */
export interface AgeShares {
  /** ≥18 years. */
  adult: number;
  /** ≥50 years (a subset of adults). */
  senior: number;
  /** 12–17 years. */
  teen: number;
  /** 5–11 years. */
  child: number;
}
export const DEFAULT_AGE_SHARES: AgeShares = { adult: 0.74, senior: 0.25, teen: 0.08, child: 0.1 };

/** A local cluster: a ward with extra transmission for a while (lockdown zones start as one). */
export interface Cluster {
  wardIndex: number;
  startDay: number;
  endDay: number;
  /** Peak multiplier of the ward's risk. */
  boost: number;
}

/** One day of generated rows, ready for a bulk writer. */
export interface DemoDay {
  date: string;
  /** One per ward (every ward, every day). */
  caseReports: CaseReport[];
  /** One per ward on vaccination days (weekly, see `vaccinationDay`), else empty. */
  vaccinations: Vaccination[];
  /** One per operating facility (from its opening day), reported at 17:00 local time (10:00Z). */
  facilityStatuses: FacilityStatus[];
}

export interface SimulationInput {
  seed: number;
  fromDay: number;
  toDay: number;
  world: DemoWorld;
  facilities: DemoFacility[];
  clusters: Cluster[];
  ageShares: AgeShares;
}

const OMICRON_SWITCH_START = dayNumber('2022-01-25');
const OMICRON_SWITCH_END = dayNumber('2022-02-20');
function omicronBlend(day: number): number {
  if (day <= OMICRON_SWITCH_START) return 0;
  if (day >= OMICRON_SWITCH_END) return 1;
  return (day - OMICRON_SWITCH_START) / (OMICRON_SWITCH_END - OMICRON_SWITCH_START);
}

/** Expected new cases per resident per day in each district (city curve redistributed). */
export function districtRates(world: DemoWorld, day: number, out = new Float64Array(world.districts.length)): Float64Array {
  const blend = omicronBlend(day);
  let z = 0;
  for (const d of world.districts) {
    const m = d.intensityDelta * (1 - blend) + d.intensityOmicron * blend;
    const a = cityCases(day + d.leadDays) * m;
    out[d.index] = a;
    z += a * d.realPopulation;
  }
  const total = cityCases(day);
  for (let i = 0; i < out.length; i++) out[i] = (total * out[i]!) / z;
  return out;
}

function clusterFactor(c: Cluster, day: number): number {
  if (day < c.startDay || day > c.endDay) return 1;
  const span = c.endDay - c.startDay + 1;
  const x = (day - c.startDay + 0.5) / span; // 0..1
  const shape = x < 0.3 ? x / 0.3 : (1 - x) / 0.7;
  return 1 + (c.boost - 1) * Math.max(0, shape);
}

/**
 * Load share → occupancy share: linear up to 90 %, then approaching (never passing) 100 %,
 * as a full facility turns patients away to others.
 */
export function saturate(x: number): number {
  if (!(x > 0)) return 0;
  if (x <= 0.9) return x;
  return 0.9 + 0.1 * (1 - Math.exp(-(x - 0.9) / 0.1));
}

/** Per-facility behaviour, drawn once. */
interface FacilityModel {
  f: DemoFacility;
  districtIndex: number;
  /** First day the facility operates and reports (its template's `since`). */
  openDay: number;
  /** Load follows the city's or its district's facility stock. */
  scope: 'city' | 'district';
  /** Bed occupancy (share of beds) when that stock is at its expected peak. */
  rho: number;
  rhoSevere: number;
  rhoHome: number;
  stay: number;
  pUp: number;
  pDown: number;
  deathWeight: number;
  noise: number;
  noiseSevere: number;
  noiseHome: number;
  occupied: number;
}

/**
 * Draws each facility's load profile. Hospitals run hot at the peaks (tier 3 at 88–106 %
 * of beds before the cap); the treatment facilities take the rest of the city's facility
 * stock, so that at the expected peak the facilities together hold about as many
 * patients as the wards report in facilities.
 */
function facilityModels(input: SimulationInput, cityFacMax: number): FacilityModel[] {
  const rng = Rng.derive(input.seed, 'facility-model');
  const models = input.facilities.map((f): FacilityModel => {
    const t = f.template;
    const tier = t.tier;
    let scope: 'city' | 'district' = 'city';
    let rho: number;
    if (t.kind === 'mobile_station') {
      scope = 'district';
      rho = rng.range(0.3, 0.9);
    } else if (t.kind === 'treatment_facility') {
      // relative weights, scaled below: two facilities carry most of the tier-1 load
      rho = t.key === 'tdd-1-phap-van' || t.key === 'tdd-2-dong-hoi' ? rng.range(0.6, 1) : rng.range(0.08, 0.25);
    } else if (t.kind === 'field_hospital') {
      rho = rng.range(0.3, 0.6);
    } else if (tier === 3) {
      rho = rng.range(0.85, 1.05);
    } else {
      scope = 'district';
      rho = rng.range(0.5, 0.92);
    }
    return {
      f,
      districtIndex: input.world.districtByCode.get(f.districtCode)!.index,
      openDay: dayNumber(t.since),
      scope,
      rho,
      rhoSevere: tier === 3 ? rng.range(0.8, 1.04) : rng.range(0.35, 0.85),
      rhoHome: rng.range(0.5, 0.98),
      stay: tier === 3 ? 12 : tier === 2 ? 10 : 9,
      pUp: tier === 1 ? 0.004 : tier === 2 ? 0.01 : 0,
      pDown: tier === 3 ? 0.02 : tier === 2 ? 0.008 : 0,
      deathWeight: tier === 3 ? 6 : tier === 2 ? 2 : 0.2,
      noise: 0,
      noiseSevere: 0,
      noiseHome: 0,
      occupied: 0,
    };
  });
  let fixed = 0;
  let flexible = 0;
  for (const m of models) {
    if (m.f.template.kind === 'treatment_facility') flexible += m.rho * m.f.facility.beds;
    else fixed += m.rho * m.f.facility.beds;
  }
  const k = flexible > 0 ? Math.min(1, Math.max(0.02, (cityFacMax - fixed) / flexible)) : 1;
  for (const m of models) if (m.f.template.kind === 'treatment_facility') m.rho *= k;
  return models;
}

/** Survival P(lag > j) for a uniform integer lag on [a, b]. */
function survival([a, b]: [number, number], j: number): number {
  if (j < a) return 1;
  if (j >= b) return 0;
  return (b - j) / (b - a + 1);
}

/**
 * Expected (noise-free) peak stocks over the whole curve, used to scale facility loads so a
 * facility's `rho` is its load at the expected peak. Independent of the requested range.
 */
function expectedPeaks(world: DemoWorld) {
  const start = dayNumber('2021-04-01');
  const end = dayNumber('2022-07-31');
  const D = world.districts.length;
  const n = end - start + 1;
  const newCases = Array.from({ length: D }, () => new Float64Array(n));
  const rates = new Float64Array(D);
  for (let i = 0; i < n; i++) {
    districtRates(world, start + i, rates);
    for (const d of world.districts) newCases[d.index]![i] = rates[d.index]! * d.totalPopulation;
  }
  const homeMax = new Float64Array(D);
  const facMax = new Float64Array(D);
  let cityFacMax = 0;
  let cityOxyMax = 0;
  const cityFac = new Float64Array(n);
  const cityOxy = new Float64Array(n);
  for (let d = 0; d < D; d++) {
    const nc = newCases[d]!;
    for (let i = 0; i < n; i++) {
      let home = 0;
      let fac = 0;
      let oxy = 0;
      for (let j = 0; j <= 21 && j <= i; j++) {
        const day = start + i - j;
        const N = nc[i - j]!;
        const fs = Math.max(facilityShare(day), oxygenRate(day), fatalityRate(day));
        const die = fatalityRate(day);
        home += N * (1 - fs) * survival(HOME_LAGS, j);
        fac += N * (fs - die) * survival(FACILITY_LAGS, j) + N * die * survival(DEATH_LAGS, j);
        if (j < oxygenStay(day)) oxy += N * oxygenRate(day) * severityWeight(day);
      }
      homeMax[d] = Math.max(homeMax[d]!, home);
      facMax[d] = Math.max(facMax[d]!, fac);
      cityFac[i] = cityFac[i]! + fac;
      cityOxy[i] = cityOxy[i]! + oxy;
    }
  }
  for (let i = 0; i < n; i++) {
    cityFacMax = Math.max(cityFacMax, cityFac[i]!);
    cityOxyMax = Math.max(cityOxyMax, cityOxy[i]!);
  }
  return { homeMax, facMax, cityFacMax, cityOxyMax };
}

/** True on the days vaccination rows are produced: `from`, every 7th day after it, and `to`. */
export function isVaccinationDay(day: number, fromDay: number, toDay: number): boolean {
  return (day - fromDay) % 7 === 0 || day === toDay;
}

/**
 * Runs the simulation and yields one DemoDay per day of [from, to]. Each call starts
 * afresh from the seed, so iterating twice gives identical rows.
 */
export function* simulate(input: SimulationInput): Generator<DemoDay, void, undefined> {
  const { world, seed, fromDay, toDay, ageShares } = input;
  const W = world.wards.length;
  const D = world.districts.length;
  const rng = Rng.derive(seed, 'cases');
  const facRng = Rng.derive(seed, 'facility-status');
  const idRng = Rng.derive(seed, 'ids:facility-status');
  const peaks = expectedPeaks(world);
  const models = facilityModels(input, peaks.cityFacMax);

  const f0Home = new Int32Array(W);
  const f0Fac = new Int32Array(W);
  const homeOut = new Int32Array(W * RING);
  const facOut = new Int32Array(W * RING);
  const deathOut = new Int32Array(W * RING);
  const f1Ring = new Int32Array(W * F1_RING);
  const oxyRing = new Float64Array(RING);
  const rates = new Float64Array(D);
  const distFac = new Float64Array(D);
  const distHome = new Float64Array(D);
  const districtNoise = new Float64Array(D);
  const omegaBase = new Float64Array(D);
  for (const w of world.wards) omegaBase[w.district.index] = omegaBase[w.district.index]! + w.population * w.risk;
  const clustersByWard = new Map<number, Cluster[]>();
  for (const c of input.clusters) {
    const list = clustersByWard.get(c.wardIndex) ?? [];
    list.push(c);
    clustersByWard.set(c.wardIndex, list);
  }
  const wardBoost = new Float64Array(W).fill(1);
  const omega = new Float64Array(D);

  const schedule = (ring: Int32Array, w: number, day: number, n: number, [a, b]: [number, number]) => {
    if (n <= 0) return;
    const base = w * RING;
    if (n <= 12) {
      for (let i = 0; i < n; i++) {
        const lag = a + Math.floor(rng.next() * (b - a + 1));
        ring[base + ((day + lag) % RING)]! += 1;
      }
      return;
    }
    let remaining = n;
    for (let lag = a; lag < b && remaining > 0; lag++) {
      const k = rng.binomial(remaining, 1 / (b - lag + 1));
      ring[base + ((day + lag) % RING)]! += k;
      remaining -= k;
    }
    ring[base + ((day + b) % RING)]! += remaining;
  };

  let cityNoise = 0;
  const startDay = fromDay - WARMUP_DAYS;
  for (let day = startDay; day <= toDay; day++) {
    const emit = day >= fromDay;
    const date = dateOfDay(day);
    const slot = ((day % RING) + RING) % RING;
    const f1Slot = ((day % F1_RING) + F1_RING) % F1_RING;
    districtRates(world, day, rates);
    cityNoise = 0.5 * cityNoise + 0.87 * 0.035 * rng.normal();
    const dayFactor = WEEKDAY_FACTOR[weekday(day)]! * Math.exp(cityNoise);
    for (let d = 0; d < D; d++) {
      districtNoise[d] = 0.6 * districtNoise[d]! + 0.8 * 0.08 * rng.normal();
      omega[d] = omegaBase[d]!;
    }
    for (const [wi, list] of clustersByWard) {
      let f = 1;
      for (const c of list) f *= clusterFactor(c, day);
      wardBoost[wi] = f;
      const w = world.wards[wi]!;
      omega[w.district.index] = omega[w.district.index]! + w.population * w.risk * (f - 1);
    }
    const pComm = communityShare(day);
    const pFac = facilityShare(day);
    const pOxy = oxygenRate(day);
    const pDie = fatalityRate(day);
    const contacts = contactsPerCase(day);
    const pF1Home = f1HomeShare(day);
    const quarantineDays = f1QuarantineDays(day);
    const screening = screeningRate(day);
    const perCase = testsPerCase(day);
    distFac.fill(0);
    distHome.fill(0);
    let cityOxyNew = 0;
    let cityDeaths = 0;
    const caseReports: CaseReport[] = emit ? new Array(W) : [];

    for (let wi = 0; wi < W; wi++) {
      const w = world.wards[wi]!;
      const d = w.district;
      const lambda =
        ((rates[d.index]! * d.totalPopulation * w.population * w.risk * wardBoost[wi]!) / omega[d.index]!) *
        dayFactor *
        Math.exp(districtNoise[d.index]! - 0.0032);
      const N = rng.negBinomial(lambda, DISPERSION);
      const community = rng.binomial(N, Math.min(0.95, Math.max(0.05, pComm + w.communityOffset)));
      const oxy = rng.binomial(N, pOxy);
      const die = rng.binomial(N, pDie);
      const fac = Math.max(rng.binomial(N, pFac), oxy, die);
      const home = N - fac;
      schedule(homeOut, wi, day, home, HOME_LAGS);
      schedule(facOut, wi, day, fac - die, FACILITY_LAGS);
      schedule(deathOut, wi, day, die, DEATH_LAGS);
      const k = wi * RING + slot;
      const recHome = homeOut[k]!;
      const recFac = facOut[k]!;
      const deaths = deathOut[k]!;
      homeOut[k] = 0;
      facOut[k] = 0;
      deathOut[k] = 0;
      f0Home[wi] = f0Home[wi]! + home - recHome;
      f0Fac[wi] = f0Fac[wi]! + fac - recFac - deaths;
      const f1New = N > 0 ? rng.binomial(rng.poisson(N * contacts), pF1Home) : 0;
      const fb = wi * F1_RING;
      f1Ring[fb + f1Slot] = f1New;
      let f1 = 0;
      for (let j = 0; j < quarantineDays; j++) f1 += f1Ring[fb + ((f1Slot - j + F1_RING) % F1_RING)]!;
      const tests = N + rng.poisson(w.population * screening + N * perCase);
      distFac[d.index] = distFac[d.index]! + f0Fac[wi]!;
      distHome[d.index] = distHome[d.index]! + f0Home[wi]!;
      cityOxyNew += oxy;
      cityDeaths += deaths;
      if (emit) {
        caseReports[wi] = {
          id: reportId(w.unit.code, date),
          unitCode: w.unit.code,
          date,
          newCommunity: community,
          newQuarantined: N - community,
          f0Home: f0Home[wi]!,
          f0Facility: f0Fac[wi]!,
          f1HomeQuarantine: f1,
          needOxygen: oxy,
          recovered: recHome + recFac,
          deaths,
          tests,
        };
      }
    }
    // severity index: patients on oxygen, weighted by how heavy their care is
    oxyRing[slot] = cityOxyNew;
    let cityOxy = 0;
    for (let j = 0; j < 12; j++) {
      const admitted = day - j;
      if (j < oxygenStay(admitted)) cityOxy += oxyRing[(slot - j + RING) % RING]! * severityWeight(admitted);
    }
    let cityFac = 0;
    for (let d = 0; d < D; d++) cityFac += distFac[d]!;

    // ---------------------------------------------------------------- facilities
    const facilityStatuses: FacilityStatus[] = [];
    const uCity = cityFac / peaks.cityFacMax;
    const uOxy = cityOxy / peaks.cityOxyMax;
    // deaths: allocate the day's deaths to facilities, weighted by load and tier
    let weightTotal = 0;
    for (const m of models) weightTotal += m.occupied * m.deathWeight;
    let deathsLeft = cityDeaths;
    const reported = `${date}T10:00:00.000Z`;
    const reportedMs = Date.parse(reported);
    for (const m of models) {
      if (day < m.openDay) continue;
      const f = m.f.facility;
      m.noise = 0.8 * m.noise + 0.6 * 0.06 * facRng.normal();
      m.noiseSevere = 0.8 * m.noiseSevere + 0.6 * 0.08 * facRng.normal();
      m.noiseHome = 0.8 * m.noiseHome + 0.6 * 0.05 * facRng.normal();
      const u = m.scope === 'city' ? uCity : distFac[m.districtIndex]! / Math.max(1, peaks.facMax[m.districtIndex]!);
      const occupied = Math.min(f.beds, Math.round(f.beds * saturate(m.rho * u * Math.exp(m.noise))));
      const prev = m.occupied;
      const weight = prev * m.deathWeight;
      let deaths = 0;
      if (deathsLeft > 0 && weight > 0 && weightTotal > 0) {
        deaths = Math.min(prev, facRng.binomial(deathsLeft, Math.min(1, weight / weightTotal)));
        deathsLeft -= deaths;
      }
      weightTotal -= weight;
      let avail = prev - deaths;
      const transfersUp = m.pUp > 0 ? facRng.binomial(avail, m.pUp) : 0;
      avail -= transfersUp;
      const transfersDown = m.pDown > 0 ? facRng.binomial(avail, m.pDown) : 0;
      avail -= transfersDown;
      let discharges = facRng.binomial(avail, 1 / m.stay);
      let admissions = occupied - (avail - discharges);
      if (admissions < 0) {
        discharges -= admissions;
        admissions = 0;
      }
      m.occupied = occupied;
      if (!emit) continue;
      const severe = Math.exp(m.noiseSevere) * m.rhoSevere * uOxy;
      const icuOccupied = Math.min(occupied, Math.round(f.icuBeds * saturate(severe)));
      const oxygenInUse = Math.min(occupied, Math.round(f.oxygenOutlets * saturate(severe)));
      const ventilatorsInUse = Math.min(icuOccupied, Math.round(f.ventilators * saturate(severe * 0.8)));
      const homeF0Followed =
        f.homeF0Capacity === null
          ? null
          : Math.round(f.homeF0Capacity * saturate((m.rhoHome * distHome[m.districtIndex]! * Math.exp(m.noiseHome)) / Math.max(1, peaks.homeMax[m.districtIndex]!)));
      facilityStatuses.push({
        id: deterministicUuidV7(idRng, reportedMs),
        facilityId: f.id,
        reportedAt: reported,
        bedsOccupied: occupied,
        icuOccupied,
        oxygenInUse,
        ventilatorsInUse,
        admissions,
        discharges,
        transfersUp,
        transfersDown,
        deaths,
        homeF0Followed,
      });
    }

    if (!emit) continue;
    // ---------------------------------------------------------------- vaccination (weekly)
    const vaccinations: Vaccination[] = [];
    if (isVaccinationDay(day, fromDay, toDay)) {
      const cov = {
        a1: adultDose1Coverage(day),
        a2: adultDose2Coverage(day),
        ab: adultBoosterCoverage(day),
        s2: seniorDose2Coverage(day),
        t1: teenDose1Coverage(day),
        t2: teenDose2Coverage(day),
        c1: childDose1Coverage(day),
        c2: childDose2Coverage(day),
      };
      for (const w of world.wards) {
        const up = w.uptake;
        const take = (group: number, c: number) => Math.floor(group * Math.min(0.995, c * up));
        const adults = Math.floor(w.population * ageShares.adult);
        const seniors = Math.min(adults, Math.floor(w.population * ageShares.senior));
        const teens = Math.floor(w.population * ageShares.teen);
        const children = Math.floor(w.population * ageShares.child);
        const adultDose1 = take(adults, cov.a1);
        const adultDose2 = Math.min(adultDose1, take(adults, cov.a2));
        const teenDose1 = take(teens, cov.t1);
        const childDose1 = take(children, cov.c1);
        vaccinations.push({
          id: reportId(w.unit.code, date),
          unitCode: w.unit.code,
          date,
          adultDose1,
          adultDose2,
          adultBooster: Math.min(adultDose2, take(adults, cov.ab)),
          seniorDose2: Math.min(adultDose2, take(seniors, cov.s2)),
          teenDose1,
          teenDose2: Math.min(teenDose1, take(teens, cov.t2)),
          childDose1,
          childDose2: Math.min(childDose1, take(children, cov.c2)),
        });
      }
    }
    yield { date, caseReports, vaccinations, facilityStatuses };
  }
}
