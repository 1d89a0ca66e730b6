import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseReport, facilityStatus, reportId, vaccination, type CaseReport, type Vaccination } from '../../../shared/domain';
import { generateDemo, DEFAULT_AGE_SHARES, type DemoDay } from '../../../electron/core/demo';
import { uuidV7Time } from '../../../electron/core/demo/ids';

const CASE_FIELDS = ['newCommunity', 'newQuarantined', 'f0Home', 'f0Facility', 'f1HomeQuarantine', 'needOxygen', 'recovered', 'deaths', 'tests'] as const;
const VAX_FIELDS = ['adultDose1', 'adultDose2', 'adultBooster', 'seniorDose2', 'teenDose1', 'teenDose2', 'childDose1', 'childDose2'] as const;
const STATUS_FIELDS = ['bedsOccupied', 'icuOccupied', 'oxygenInUse', 'ventilatorsInUse', 'admissions', 'discharges', 'transfersUp', 'transfersDown', 'deaths'] as const;

function hashDays(days: Iterable<DemoDay>): string {
  const h = createHash('sha256');
  for (const d of days) h.update(JSON.stringify(d));
  return h.digest('hex');
}

interface CityDay {
  date: string;
  cases: number;
  community: number;
  f0Home: number;
  f0Facility: number;
  needOxygen: number;
  deaths: number;
  tests: number;
  bedsOccupied: number;
  over80: number;
  over95: number;
  statuses: number;
}

/** One pass over the default range (scale 1), collecting aggregates, samples and violations. */
const demo = generateDemo();
const facilityById = new Map(demo.facilities.map((f) => [f.id, f]));
const populationByCode = new Map(demo.units.map((u) => [u.code, u.population]));
const city: CityDay[] = [];
const violations: string[] = [];
const samples = { cases: [] as CaseReport[], vax: [] as Vaccination[], statuses: [] as DemoDay['facilityStatuses'] };
const vaxDays: { date: string; seniors: number; seniorDose2: number; adults: number; adultDose1: number; adultDose2: number; booster: number; teenDose1: number; childDose1: number; childDose2: number }[] = [];
let totalRows = 0;

beforeAll(() => {
  const prevCase = new Map<string, CaseReport>();
  const prevVax = new Map<string, Vaccination>();
  const prevStatus = new Map<string, number>();
  const bad = (msg: string) => {
    if (violations.length < 20) violations.push(msg);
  };
  let rowNo = 0;
  demo.forEachDay((day, index) => {
    const c: CityDay = { date: day.date, cases: 0, community: 0, f0Home: 0, f0Facility: 0, needOxygen: 0, deaths: 0, tests: 0, bedsOccupied: 0, over80: 0, over95: 0, statuses: 0 };
    for (const r of day.caseReports) {
      rowNo++;
      if (rowNo % 1499 === 0) samples.cases.push(r);
      for (const k of CASE_FIELDS) if (!Number.isInteger(r[k]) || r[k] < 0) bad(`${r.id} ${k}=${r[k]}`);
      if (r.id !== reportId(r.unitCode, day.date) || r.date !== day.date) bad(`${r.id}: id/date`);
      const n = r.newCommunity + r.newQuarantined;
      if (r.needOxygen > n) bad(`${r.id}: needOxygen ${r.needOxygen} > new ${n}`);
      if (r.tests < n) bad(`${r.id}: tests ${r.tests} < new ${n}`);
      const p = prevCase.get(r.unitCode);
      if (p) {
        const stock = p.f0Home + p.f0Facility + n - r.recovered - r.deaths;
        if (stock !== r.f0Home + r.f0Facility) bad(`${r.id}: F0 stock ${p.f0Home + p.f0Facility} + ${n} − ${r.recovered} − ${r.deaths} ≠ ${r.f0Home + r.f0Facility}`);
        if (r.deaths > p.f0Facility) bad(`${r.id}: deaths ${r.deaths} > yesterday's F0 in facilities ${p.f0Facility}`);
      } else if (index > 0) bad(`${r.unitCode} missing on ${day.date}`);
      prevCase.set(r.unitCode, r);
      c.cases += n;
      c.community += r.newCommunity;
      c.f0Home += r.f0Home;
      c.f0Facility += r.f0Facility;
      c.needOxygen += r.needOxygen;
      c.deaths += r.deaths;
      c.tests += r.tests;
    }
    if (day.caseReports.length !== 579) bad(`${day.date}: ${day.caseReports.length} case reports`);
    for (const s of day.facilityStatuses) {
      const f = facilityById.get(s.facilityId);
      if (!f) {
        bad(`status for unknown facility ${s.facilityId}`);
        continue;
      }
      if (rowNo++ % 97 === 0) samples.statuses.push(s);
      for (const k of STATUS_FIELDS) if (!Number.isInteger(s[k]) || s[k] < 0) bad(`${s.id} ${k}=${s[k]}`);
      if (s.reportedAt !== `${day.date}T10:00:00.000Z` || uuidV7Time(s.id) !== Date.parse(s.reportedAt)) bad(`${s.id}: reportedAt/id time`);
      if (s.bedsOccupied > f.beds) bad(`${f.name} ${day.date}: beds ${s.bedsOccupied}/${f.beds}`);
      if (s.icuOccupied > f.icuBeds || s.icuOccupied > s.bedsOccupied) bad(`${f.name} ${day.date}: icu ${s.icuOccupied}`);
      if (s.oxygenInUse > f.oxygenOutlets || s.oxygenInUse > s.bedsOccupied) bad(`${f.name} ${day.date}: oxygen ${s.oxygenInUse}`);
      if (s.ventilatorsInUse > f.ventilators || s.ventilatorsInUse > s.icuOccupied) bad(`${f.name} ${day.date}: ventilators`);
      if (f.homeF0Capacity === null ? s.homeF0Followed !== null : s.homeF0Followed === null || s.homeF0Followed < 0 || s.homeF0Followed > f.homeF0Capacity) bad(`${f.name}: homeF0Followed ${s.homeF0Followed}`);
      const prev = prevStatus.get(f.id);
      if (prev !== undefined && prev + s.admissions - s.discharges - s.deaths - s.transfersUp - s.transfersDown !== s.bedsOccupied) bad(`${f.name} ${day.date}: flows do not balance`);
      prevStatus.set(f.id, s.bedsOccupied);
      c.statuses++;
      c.bedsOccupied += s.bedsOccupied;
      if (s.bedsOccupied / f.beds > 0.8) c.over80++;
      if (s.bedsOccupied / f.beds > 0.95) c.over95++;
    }
    if (day.vaccinations.length > 0) {
      const v = { date: day.date, seniors: 0, seniorDose2: 0, adults: 0, adultDose1: 0, adultDose2: 0, booster: 0, teenDose1: 0, childDose1: 0, childDose2: 0 };
      for (const r of day.vaccinations) {
        if (rowNo++ % 211 === 0) samples.vax.push(r);
        for (const k of VAX_FIELDS) if (!Number.isInteger(r[k]) || r[k] < 0) bad(`${r.id} ${k}=${r[k]}`);
        const pop = populationByCode.get(r.unitCode)!;
        const adults = Math.floor(pop * DEFAULT_AGE_SHARES.adult);
        const seniors = Math.floor(pop * DEFAULT_AGE_SHARES.senior);
        const teens = Math.floor(pop * DEFAULT_AGE_SHARES.teen);
        const children = Math.floor(pop * DEFAULT_AGE_SHARES.child);
        const ok =
          r.adultDose1 <= adults && r.adultDose2 <= r.adultDose1 && r.adultBooster <= r.adultDose2 &&
          r.seniorDose2 <= seniors && r.seniorDose2 <= r.adultDose2 &&
          r.teenDose1 <= teens && r.teenDose2 <= r.teenDose1 &&
          r.childDose1 <= children && r.childDose2 <= r.childDose1;
        if (!ok) bad(`${r.id}: a part exceeds its total`);
        const p = prevVax.get(r.unitCode);
        if (p && VAX_FIELDS.some((k) => r[k] < p[k])) bad(`${r.id}: cumulative count decreased`);
        prevVax.set(r.unitCode, r);
        v.seniors += seniors;
        v.adults += adults;
        v.seniorDose2 += r.seniorDose2;
        v.adultDose1 += r.adultDose1;
        v.adultDose2 += r.adultDose2;
        v.booster += r.adultBooster;
        v.teenDose1 += r.teenDose1;
        v.childDose1 += r.childDose1;
        v.childDose2 += r.childDose2;
      }
      vaxDays.push(v);
    }
    totalRows += day.caseReports.length + day.vaccinations.length + day.facilityStatuses.length;
    city.push(c);
  });
});

const monthDays = (prefix: string) => city.filter((d) => d.date.startsWith(prefix));
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('daily rows: determinism', () => {
  it('gives identical rows for identical options, and different rows for another seed', () => {
    const opts = { from: '2021-12-01', to: '2021-12-07' };
    const a = hashDays(generateDemo(opts).days());
    const b = hashDays(generateDemo(opts).days());
    const again = generateDemo(opts);
    expect(a).toBe(b);
    expect(hashDays(again.days())).toBe(hashDays(again.days())); // days() restarts
    expect(hashDays(generateDemo({ ...opts, seed: 2 }).days())).not.toBe(a);
  });

  it('produces exactly the announced volume, day by day', () => {
    expect(city).toHaveLength(304);
    expect(city[0]!.date).toBe('2021-07-01');
    expect(city.at(-1)!.date).toBe('2022-04-30');
    expect(totalRows).toBe(demo.volume.caseReports + demo.volume.vaccinations + demo.volume.facilityStatuses);
  });

  it('streams scale 10 (about 5,800 wards) per day', () => {
    const big = generateDemo({ scale: 10, from: '2022-03-10', to: '2022-03-12' });
    const wards = big.units.filter((u) => u.level === 'ward').length;
    let n = 0;
    big.forEachDay((d) => {
      expect(d.caseReports).toHaveLength(wards);
      expect(d.facilityStatuses).toHaveLength(590);
      n++;
    });
    expect(n).toBe(3);
  });
});

describe('daily rows: consistency', () => {
  it('are whole, non-negative numbers whose parts never exceed their totals, with stocks that add up', () => {
    expect(violations).toEqual([]);
  });

  it('validate against the domain schemas (a sample of each kind)', () => {
    expect(samples.cases.length).toBeGreaterThan(50);
    expect(samples.vax.length).toBeGreaterThan(50);
    expect(samples.statuses.length).toBeGreaterThan(50);
    for (const r of samples.cases) expect(caseReport.parse(r)).toEqual(r);
    for (const r of samples.vax) expect(vaccination.parse(r)).toEqual(r);
    for (const r of samples.statuses) expect(facilityStatus.parse(r)).toEqual(r);
  });
});

describe('daily rows: epidemic curve', () => {
  it('has low hundreds a day in October–November 2021 at most', () => {
    expect(mean(monthDays('2021-10').map((d) => d.cases))).toBeLessThan(200);
    expect(mean(monthDays('2021-11').slice(0, 20).map((d) => d.cases))).toBeLessThan(500);
  });

  it('has 2,000–3,000 new cases a day on most days of December 2021, all within 1,000–4,000', () => {
    const dec = monthDays('2021-12');
    expect(dec).toHaveLength(31);
    expect(dec.filter((d) => d.cases >= 2000 && d.cases <= 3000).length).toBeGreaterThanOrEqual(20);
    for (const d of dec) expect(d.cases, d.date).toBeGreaterThanOrEqual(1000);
    for (const d of dec) expect(d.cases, d.date).toBeLessThanOrEqual(4000);
  });

  it('plateaus in January 2022, peaks in March 2022 (Omicron) much higher, and declines in April', () => {
    const jan = monthDays('2022-01').map((d) => d.cases);
    expect(mean(jan)).toBeGreaterThan(1800);
    expect(mean(jan)).toBeLessThan(3500);
    const peak = city.reduce((a, b) => (b.cases > a.cases ? b : a));
    expect(peak.date.startsWith('2022-03')).toBe(true);
    expect(peak.cases).toBeGreaterThan(25_000);
    expect(peak.cases).toBeGreaterThan(5 * Math.max(...monthDays('2021-12').map((d) => d.cases)));
    const lateApril = monthDays('2022-04').slice(-7).map((d) => d.cases);
    expect(mean(lateApril)).toBeLessThan(peak.cases / 5);
  });

  it('splits community / quarantined ~40–60 %, and keeps oxygen and deaths small', () => {
    for (const m of ['2021-12', '2022-03']) {
      const days = monthDays(m);
      const cases = days.reduce((s, d) => s + d.cases, 0);
      const community = days.reduce((s, d) => s + d.community, 0) / cases;
      expect(community, m).toBeGreaterThan(0.4);
      expect(community, m).toBeLessThan(0.65);
      const oxygen = days.reduce((s, d) => s + d.needOxygen, 0) / cases;
      expect(oxygen, m).toBeGreaterThan(0.005);
      expect(oxygen, m).toBeLessThan(0.035);
    }
    const from = city.findIndex((d) => d.date === '2021-11-15');
    const window = city.slice(from, from + 120);
    const deaths = window.slice(14).reduce((s, d) => s + d.deaths, 0);
    const cases = window.slice(0, -14).reduce((s, d) => s + d.cases, 0);
    expect(deaths / cases).toBeGreaterThan(0.002);
    expect(deaths / cases).toBeLessThan(0.012);
  });

  it('treats most F0 at home from December on, a few percent in facilities under Omicron', () => {
    const mid = (date: string) => city.find((d) => d.date === date)!;
    expect(mid('2021-09-01').f0Home).toBe(0); // all admitted before home treatment started
    const march = mid('2022-03-15');
    expect(march.f0Home).toBeGreaterThan(100_000);
    expect(march.f0Facility / (march.f0Home + march.f0Facility)).toBeLessThan(0.1);
    expect(mid('2021-12-31').f0Home).toBeGreaterThan(mid('2021-12-31').f0Facility);
  });
});

describe('daily rows: facility load', () => {
  it('follows the curve: some facilities above 80 % and a few above 95 % at the peaks, none in the quiet months', () => {
    const decPeak = Math.max(...monthDays('2021-12').map((d) => d.over80));
    const marPeak = monthDays('2022-03').reduce((a, b) => (b.over80 > a.over80 ? b : a));
    expect(decPeak).toBeGreaterThanOrEqual(3);
    expect(marPeak.over80).toBeGreaterThanOrEqual(5);
    expect(marPeak.over95).toBeGreaterThanOrEqual(1);
    expect(marPeak.over95).toBeLessThan(marPeak.statuses / 4);
    expect(Math.max(...monthDays('2021-10').map((d) => d.over80))).toBe(0);
  });

  it('holds about as many patients as the wards report in facilities at the peaks', () => {
    for (const date of ['2021-12-20', '2022-03-18']) {
      const d = city.find((x) => x.date === date)!;
      const ratio = d.bedsOccupied / d.f0Facility;
      expect(ratio, date).toBeGreaterThan(0.6);
      expect(ratio, date).toBeLessThan(1.6);
    }
  });

  it('has facilities report from their opening day on', () => {
    expect(city[0]!.statuses).toBeLessThan(59);
    expect(city.at(-1)!.statuses).toBe(59);
  });
});

describe('daily rows: vaccination', () => {
  const coverage = (date: string, f: (v: (typeof vaxDays)[number]) => number, of: (v: (typeof vaxDays)[number]) => number) => {
    const v = vaxDays.find((x) => x.date === date)!;
    return f(v) / of(v);
  };

  it('is produced weekly from the first day, plus the last day', () => {
    expect(vaxDays[0]!.date).toBe('2021-07-01');
    expect(vaxDays[1]!.date).toBe('2021-07-08');
    expect(vaxDays.at(-1)!.date).toBe('2022-04-30');
    expect(vaxDays.length).toBe(Math.ceil(304 / 7) + 1);
  });

  it('starts near 20 % of ≥50-year-olds with two doses and reaches ~95 % by late December 2021', () => {
    const start = coverage('2021-07-01', (v) => v.seniorDose2, (v) => v.seniors);
    expect(start).toBeGreaterThanOrEqual(0.15);
    expect(start).toBeLessThanOrEqual(0.25);
    const dec = vaxDays.filter((v) => v.date >= '2021-12-20' && v.date <= '2021-12-31').at(-1)!;
    expect(dec.seniorDose2 / dec.seniors).toBeGreaterThan(0.9);
    expect(dec.adultDose1 / dec.adults).toBeGreaterThan(0.95);
  });

  it('starts boosters in December 2021, 12–17 in November 2021 and 5–11 in April 2022', () => {
    for (const v of vaxDays) {
      if (v.date < '2021-12-01') expect(v.booster, v.date).toBe(0);
      if (v.date < '2021-11-01') expect(v.teenDose1, v.date).toBe(0);
      if (v.date < '2022-04-14') expect(v.childDose1, v.date).toBe(0);
    }
    const last = vaxDays.at(-1)!;
    expect(last.booster / last.adults).toBeGreaterThan(0.5);
    expect(last.teenDose1).toBeGreaterThan(0);
    expect(last.childDose1).toBeGreaterThan(0);
  });
});
