import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { CallContext } from '../../../electron/core/api/context';
import { openStore } from '../../../electron/core/store';
import type { OpName, OpOutput } from '../../../shared/api/contract';
import type { UnitMetrics } from '../../../shared/api/ops/metrics';
import { addDays, assessLevel, communeShareLevel, DEFAULT_LEVEL_CONFIG, resolveLevelConfig, type LevelConfig } from '../../../shared/metrics';
import { makeTmpDir, removeDir } from '../../helpers/tmp';
import { HandComputer, type Hand } from './hand';

/**
 * metrics.* on a real store seeded with demo data through the write path, checked against
 * sums computed by hand from the raw rows (tests/integration/metrics/hand.ts), and kept
 * right after writes. The range crosses the QĐ 4800 → QĐ 218 switch (27/01/2022), so
 * both rule sets, both case bases and the facility capacity input are exercised.
 */

const FROM = '2021-11-15';
const TO = '2022-02-05';
const ctx: CallContext = { userId: null, userName: 'test', role: 'viewer', transport: 'ipc' };

let dir: string;
let core: Core;

async function call<K extends OpName>(op: K, input: unknown): Promise<OpOutput<K>> {
  const r = await dispatch(core.handlers, op, input, ctx, { validateOutput: true });
  if (!r.ok) throw new Error(`${op}: ${r.error.code} ${r.error.message}`);
  return r.value as OpOutput<K>;
}

beforeAll(async () => {
  dir = makeTmpDir('saban-metrics-');
  core = openCore({ dbPath: path.join(dir, 'm.db'), demoRange: { from: FROM, to: TO } });
  await core.initStore('demo');
});
afterAll(() => {
  core?.close();
  removeDir(dir);
});

/** Checks one unit's metrics against the hand computation, field by field. */
function expectMatches(m: UnitMetrics, h: Hand, date: string, caseBase: 'community' | 'all') {
  const pop = h.population;
  const cases7 = caseBase === 'all' ? h.total7 : h.community7;
  const prev7 = caseBase === 'all' ? h.total7prev : h.community7prev;
  expect(m.population).toBe(pop);
  expect(m.newCommunity7d, `${m.code} newCommunity7d`).toBe(h.community7);
  expect(m.newTotal7d, `${m.code} newTotal7d`).toBe(h.total7);
  expect(m.newCasesToday).toBe(caseBase === 'all' ? h.totalToday : h.communityToday);
  expect(m.incidence7dPer100k!).toBeCloseTo((cases7 * 100_000) / pop, 9);
  expect(m.activeF0, `${m.code} activeF0`).toBe(h.activeF0);
  expect(m.activeF0Per100k!).toBeCloseTo((h.activeF0 * 100_000) / pop, 9);
  expect(m.oxygen7dPer100k!).toBeCloseTo((h.oxygen7 * 100_000) / pop, 9);
  expect(m.deaths7dPer100k!).toBeCloseTo((h.deaths7 * 100_000) / pop, 9);
  if (prev7 > 0) expect(m.trendRatio!).toBeCloseTo((cases7 - prev7) / prev7, 12);
  else expect(m.trendRatio).toBeNull();
  expect(m.trendKind).toBe(prev7 > 0 ? 'change' : cases7 > 0 ? 'fromZero' : 'bothZero');
  expect(m.lastReportDate).toBe(h.lastReportDate);
  expect(m.reportedOnDate).toBe(h.lastReportDate === date);
  if (h.vaccination) {
    expect(m.coverageAdultDose1!).toBeCloseTo(Math.min(1, h.vaccination.adultDose1 / (pop * 0.74)), 12);
    expect(m.coverageSenior50Full!).toBeCloseTo(Math.min(1, h.vaccination.seniorDose2 / (pop * 0.25)), 12);
  } else {
    expect(m.coverageAdultDose1).toBeNull();
  }
}

/** The level must be exactly what assessLevel says on the hand-built indicators. */
function expectLevel(m: UnitMetrics, hand: HandComputer, date: string, config: LevelConfig = DEFAULT_LEVEL_CONFIG) {
  const ind = hand.indicators(m.code, date);
  if (!ind) {
    expect(m.epidemicLevel).toBeNull();
    return;
  }
  const a = assessLevel(ind, config, date);
  const parentReview = m.adminLevel !== 'ward' && config.thresholds['rollup.rule'].reviewRequired;
  expect(m.epidemicLevel, `${m.code} level on ${date}`).toEqual({
    level: a.level,
    ruleSet: a.ruleSet,
    driverId: a.driver.id,
    driverText: a.driver.text,
    distanceUp: a.distance.up?.text ?? null,
    distanceDown: a.distance.down?.text ?? null,
    usesUnconfirmed: parentReview || a.thresholdsToReview.length > 0,
  });
}

const DISTRICTS = ['001', '008', '019', '268', '271'];
// [date, case base in force]: first day (window reaches before the data), mid-wave,
// last QĐ 4800 day, first QĐ 218 days (base 'all').
const DATES: Array<[string, 'community' | 'all']> = [
  ['2021-11-15', 'community'],
  ['2021-12-20', 'community'],
  ['2022-01-26', 'community'],
  ['2022-01-27', 'all'],
  ['2022-02-05', 'all'],
];

describe('metrics on demo data (hand-checked)', () => {
  let hand: HandComputer;
  beforeAll(() => {
    hand = new HandComputer(core.store);
  });

  it('range is the first and last report date', async () => {
    expect(await call('metrics.range', {})).toEqual({ firstDate: FROM, lastDate: TO });
  });

  it.each(DATES)('district snapshot on %s matches the raw rows (case base %s)', async (date, base) => {
    const s = await call('metrics.snapshot', { date, level: 'district' });
    expect(s.units).toHaveLength(30);
    expect(s.units.every((u) => u.adminLevel === 'district' && u.parentCode === '01')).toBe(true);
    for (const code of DISTRICTS) {
      const m = s.units.find((u) => u.code === code)!;
      expectMatches(m, hand.compute(code, date), date, base);
      expectLevel(m, hand, date);
    }
    expectMatches(s.city, hand.compute('01', date), date, base);
    expectLevel(s.city, hand, date);
  });

  it.each(DATES.map(([d]) => d))('city = sum of the districts on %s', async (date) => {
    const s = await call('metrics.snapshot', { date, level: 'district' });
    const sum = (f: (u: UnitMetrics) => number) => s.units.reduce((a, u) => a + f(u), 0);
    expect(s.city.newCommunity7d).toBe(sum((u) => u.newCommunity7d));
    expect(s.city.newTotal7d).toBe(sum((u) => u.newTotal7d));
    expect(s.city.newCasesToday).toBe(sum((u) => u.newCasesToday));
    expect(s.city.activeF0).toBe(sum((u) => u.activeF0));
    expect(s.city.population).toBe(sum((u) => u.population));
    expect(s.city.newCommunity7d).toBeGreaterThan(0); // not vacuous
  });

  it('ward snapshot: every ward, hand-checked for a sample, wards sum to their district', async () => {
    const date = '2022-01-10';
    const [wards, districts] = await Promise.all([
      call('metrics.snapshot', { date, level: 'ward' }),
      call('metrics.snapshot', { date, level: 'district' }),
    ]);
    expect(wards.units).toHaveLength(579);
    for (const m of wards.units.filter((_, k) => k % 97 === 0)) {
      expectMatches(m, hand.compute(m.code, date), date, 'community');
      expectLevel(m, hand, date);
    }
    for (const d of districts.units) {
      const mine = wards.units.filter((w) => w.parentCode === d.code);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.reduce((a, w) => a + w.newTotal7d, 0)).toBe(d.newTotal7d);
      expect(mine.reduce((a, w) => a + w.activeF0, 0)).toBe(d.activeF0);
    }
    expect(wards.city).toEqual(districts.city);
  });

  it('series of a district and of the city match the raw rows day by day', async () => {
    for (const code of ['019', '01']) {
      const from = '2022-01-20';
      const to = '2022-02-03';
      const s = await call('metrics.series', { unitCode: code, from, to });
      expect(s.dates).toHaveLength(15);
      expect(s.dates[0]).toBe(from);
      expect(s.dates.at(-1)).toBe(to);
      s.dates.forEach((date, k) => {
        const h = hand.compute(code, date);
        const all = date >= '2022-01-27';
        expect(s.newCases[k], `${code} ${date}`).toBe(all ? h.totalToday : h.communityToday);
        expect(s.incidence7dPer100k[k]!).toBeCloseTo(((all ? h.total7 : h.community7) * 100_000) / h.population, 9);
        expect(s.activeF0[k]).toBe(h.activeF0);
      });
    }
  });

  it('series and snapshot agree (same cache, same formulas)', async () => {
    const s = await call('metrics.series', { unitCode: '008', from: '2021-12-01', to: '2021-12-31' });
    for (const k of [0, 10, 30]) {
      const snap = await call('metrics.snapshot', { date: s.dates[k]!, level: 'district' });
      const m = snap.units.find((u) => u.code === '008')!;
      expect(s.incidence7dPer100k[k]).toBe(m.incidence7dPer100k);
      expect(s.activeF0[k]).toBe(m.activeF0);
      expect(s.newCases[k]).toBe(m.newCasesToday);
    }
  });

  it('days outside the data: zeros, no level, freshness from the last report', async () => {
    const before = await call('metrics.snapshot', { date: '2021-01-01', level: 'district' });
    expect(before.city).toMatchObject({ newTotal7d: 0, activeF0: 0, lastReportDate: null, reportedOnDate: false, epidemicLevel: null });
    expect(before.city.coverageAdultDose1).toBeNull();
    const after = await call('metrics.snapshot', { date: '2022-03-01', level: 'district' });
    expect(after.city).toMatchObject({ newTotal7d: 0, lastReportDate: TO, reportedOnDate: false, epidemicLevel: null });
    expect(after.city.activeF0).toBe(hand.compute('01', TO).activeF0); // latest known
    const tail = await call('metrics.series', { unitCode: '01', from: '2022-02-04', to: '2022-02-14' });
    expect(tail.newCases.slice(2)).toEqual(Array(9).fill(0));
  });

  it('bad series requests are refused with a clear error', async () => {
    const nf = await dispatch(core.handlers, 'metrics.series', { unitCode: '99999', from: FROM, to: TO }, ctx);
    expect(nf.ok === false && nf.error.code).toBe('not_found');
    const back = await dispatch(core.handlers, 'metrics.series', { unitCode: '01', from: TO, to: FROM }, ctx);
    expect(back.ok === false && back.error.code).toBe('invalid_input');
    const bad = await dispatch(core.handlers, 'metrics.snapshot', { date: '2022-02-30', level: 'district' }, ctx);
    expect(bad.ok === false && bad.error.code).toBe('invalid_input');
  });
});

describe('the cache follows writes', () => {
  const sys = { userId: null };
  const ward = '00001'; // Phúc Xá, district 001
  const reportOn = (date: string) => core.store.get('caseReport', `${ward}:${date}`)!;

  it('an upsert that changes a past day changes exactly the windows containing it', async () => {
    const date = '2021-12-20';
    const past = addDays(date, -3);
    const before = await call('metrics.snapshot', { date, level: 'district' });
    const untouched = await call('metrics.snapshot', { date: addDays(past, -1), level: 'district' });
    const row = reportOn(past);
    core.store.write(sys, [{ op: 'upsert', entity: 'caseReport', fields: { ...row, newCommunity: row.newCommunity + 100, f0Home: row.f0Home + 7 } }]);

    const after = await call('metrics.snapshot', { date, level: 'district' });
    const d = (s: typeof before) => s.units.find((u) => u.code === '001')!;
    expect(d(after).newCommunity7d).toBe(d(before).newCommunity7d + 100);
    expect(after.city.newCommunity7d).toBe(before.city.newCommunity7d + 100);
    expect(d(after).activeF0).toBe(d(before).activeF0); // a later report is the latest known
    expect(await call('metrics.snapshot', { date: addDays(past, -1), level: 'district' })).toEqual(untouched);
    const onPast = await call('metrics.snapshot', { date: past, level: 'ward' });
    expect(onPast.units.find((u) => u.code === ward)!.activeF0).toBe(row.f0Home + 7 + row.f0Facility);
    // And everything still equals the hand computation on the new rows.
    const hand = new HandComputer(core.store);
    expectMatches(d(after), hand.compute('001', date), date, 'community');
    expectLevel(d(after), hand, date);
  });

  it('a deleted report stops counting; re-creating it counts again', async () => {
    const date = '2021-12-20';
    const row = reportOn(date);
    const before = await call('metrics.snapshot', { date, level: 'ward' });
    const w = (s: typeof before) => s.units.find((u) => u.code === ward)!;
    core.store.write(sys, [{ op: 'delete', entity: 'caseReport', id: row.id }]);
    const gone = await call('metrics.snapshot', { date, level: 'ward' });
    expect(w(gone).newTotal7d).toBe(w(before).newTotal7d - row.newCommunity - row.newQuarantined);
    expect(w(gone).reportedOnDate).toBe(false);
    expect(w(gone).lastReportDate).toBe(addDays(date, -1));
    core.store.write(sys, [{ op: 'create', entity: 'caseReport', fields: row }]);
    expect(await call('metrics.snapshot', { date, level: 'ward' })).toEqual(before);
  });

  it('reports beyond the cached days grow it; a vaccination row changes coverage', async () => {
    const late = '2022-06-01';
    core.store.write(sys, [
      { op: 'upsert', entity: 'caseReport', fields: { ...reportOn(TO), id: `${ward}:${late}`, date: late, newCommunity: 5, newQuarantined: 1 } },
    ]);
    expect(await call('metrics.range', {})).toEqual({ firstDate: FROM, lastDate: late });
    const s = await call('metrics.snapshot', { date: late, level: 'ward' });
    expect(s.units.find((u) => u.code === ward)).toMatchObject({ newCommunity7d: 5, newTotal7d: 6, reportedOnDate: true });
    expect(s.city).toMatchObject({ newCommunity7d: 5, newTotal7d: 6 });

    const v = core.store.list('vaccination', { unitCode: ward }, { orderBy: [['date', 'desc']], limit: 1 })[0]!;
    core.store.write(sys, [{ op: 'upsert', entity: 'vaccination', fields: { ...v, id: `${ward}:${late}`, date: late, adultDose1: 0 } }]);
    const after = await call('metrics.snapshot', { date: late, level: 'ward' });
    expect(after.units.find((u) => u.code === ward)!.coverageAdultDose1).toBe(0);
    expect((await call('metrics.snapshot', { date: TO, level: 'ward' })).units.find((u) => u.code === ward)!.coverageAdultDose1).toBeGreaterThan(0);
  });

  it('the level config setting is used, and a change of it applies at once', async () => {
    const date = '2021-12-20';
    const overrides = { thresholds: { 't4800.tc1.band2': { value: 1 }, 't4800.tc1.band3': { value: 2 }, 't4800.tc1.band4': { value: 3 } } };
    core.store.setSetting(sys, 'levels.config', overrides);
    const s = await call('metrics.snapshot', { date, level: 'district' });
    const config = resolveLevelConfig(overrides);
    const hand = new HandComputer(core.store);
    for (const code of DISTRICTS) expectLevel(s.units.find((u) => u.code === code)!, hand, date, config);
    expect(s.units.every((u) => u.epidemicLevel!.level === 4)).toBe(true);
    core.store.setSetting(sys, 'levels.config', null);
    const back = await call('metrics.snapshot', { date, level: 'district' });
    expect(back.units.some((u) => u.epidemicLevel!.level < 4)).toBe(true);
  });

  it("roll-up rule 'communeShare': a district's level comes from its wards' levels", async () => {
    const date = '2022-02-01';
    const overrides = { thresholds: { 'rollup.rule': { value: 'communeShare' } } };
    core.store.setSetting(sys, 'levels.config', overrides);
    try {
      const config = resolveLevelConfig(overrides);
      const s = await call('metrics.snapshot', { date, level: 'district' });
      const hand = new HandComputer(core.store);
      const wardsOf = (code: string) => core.store.list('adminUnit', { parentCode: code }).map((u) => u.code);
      for (const code of ['001', '271']) {
        const wardLevels = wardsOf(code).map((w) => assessLevel(hand.indicators(w, date)!, config, date).level);
        const m = s.units.find((u) => u.code === code)!;
        expect(m.epidemicLevel).toMatchObject({ level: communeShareLevel(wardLevels, config).level, driverId: 'rollup.communeShare', distanceUp: null });
      }
    } finally {
      core.store.setSetting(sys, 'levels.config', null);
    }
  });

  it('a write by another connection to the same file is seen (change-log seq check)', async () => {
    const date = '2021-12-10';
    const before = await call('metrics.snapshot', { date, level: 'ward' });
    const other = openStore({ path: core.store.path });
    try {
      const row = other.get('caseReport', `${ward}:${date}`)!;
      other.write(sys, [{ op: 'update', entity: 'caseReport', id: row.id, fields: { newQuarantined: row.newQuarantined + 11 } }]);
    } finally {
      other.close();
    }
    const after = await call('metrics.snapshot', { date, level: 'ward' });
    const w = (s: typeof before) => s.units.find((u) => u.code === ward)!;
    expect(w(after).newTotal7d).toBe(w(before).newTotal7d + 11);
  });

  it('counts too big for 32-bit integers stay exact (the cache widens to Float64)', async () => {
    const date = '2021-12-05';
    const row = reportOn(date);
    const before = await call('metrics.snapshot', { date, level: 'district' });
    const huge = 3_000_000_000;
    core.store.write(sys, [{ op: 'update', entity: 'caseReport', id: row.id, fields: { newCommunity: huge } }]);
    const after = await call('metrics.snapshot', { date, level: 'district' });
    expect(after.city.newCommunity7d).toBe(before.city.newCommunity7d - row.newCommunity + huge);
    expect(after.city.newTotal7d).toBe(before.city.newTotal7d - row.newCommunity + huge);
    core.store.write(sys, [{ op: 'update', entity: 'caseReport', id: row.id, fields: { newCommunity: row.newCommunity } }]);
    expect(await call('metrics.snapshot', { date, level: 'district' })).toEqual(before);
  });
});
