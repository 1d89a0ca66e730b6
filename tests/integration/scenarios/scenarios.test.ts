import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { CallContext } from '../../../electron/core/api/context';
import type { OpName, OpOutput } from '../../../shared/api/contract';
import { addDays, dateRange } from '../../../shared/metrics';
import { presetInputs, runScenario, scenarioInputs, type ScenarioInputs } from '../../../shared/scenarios';
import { makeTmpDir, removeDir } from '../../helpers/tmp';

/**
 * scenarios.* on a real store seeded with demo data (01/10/2021 → 31/01/2022) through the
 * write path, with the clock on the last demo day: the starting point and the forecast
 * series checked against sums computed here from the raw rows, the backtest on real
 * (demo) data, and saved scenarios stored as audited shared settings.
 */
const FROM = '2021-10-01';
const TO = '2022-01-31';
const AT = Date.parse('2022-01-31T10:00:00Z');
const admin: CallContext = { userId: null, userName: 'Kiểm thử', role: 'admin', transport: 'ipc' };
const viewer: CallContext = { ...admin, role: 'viewer' };

let dir: string;
let core: Core;

async function call<K extends OpName>(op: K, input: unknown, ctx: CallContext = admin): Promise<OpOutput<K>> {
  const r = await dispatch(core.handlers, op, input, ctx, { validateOutput: true });
  if (!r.ok) throw Object.assign(new Error(`${op}: ${r.error.code} ${r.error.message}`), r.error);
  return r.value as OpOutput<K>;
}
async function failure(op: OpName, input: unknown, ctx: CallContext = admin) {
  const r = await dispatch(core.handlers, op, input, ctx, { validateOutput: true });
  if (r.ok) throw new Error(`${op} should have failed`);
  return r.error;
}
const settingRows = () => (core.store.db.prepare(`SELECT count(*) AS n FROM settings WHERE key LIKE 'scenario.%'`).get() as { n: number }).n;

beforeAll(async () => {
  dir = makeTmpDir('saban-scenarios-');
  const t0 = Date.now();
  core = openCore({ dbPath: path.join(dir, 's.db'), clock: () => AT + (Date.now() - t0), demoRange: { from: FROM, to: TO } });
  await core.initStore('demo');
});
afterAll(() => {
  core?.close();
  removeDir(dir);
});

describe('scenarios.baseline', () => {
  it('starts from the newest facility status: occupied beds per tier, registry capacity, F0 at home', async () => {
    const b = await call('scenarios.baseline', {});
    const facilities = core.store.list('facility').filter((f) => f.active);
    const statuses = core.store.list('facilityStatus');
    const at = new Date(AT).toISOString();
    const latest = new Map<string, (typeof statuses)[number]>();
    for (const s of statuses) {
      if (s.reportedAt > at) continue;
      const cur = latest.get(s.facilityId);
      if (!cur || s.reportedAt > cur.reportedAt) latest.set(s.facilityId, s);
    }
    const tierSum = (tier: number, f: (x: (typeof facilities)[number]) => number) => facilities.filter((x) => x.tier === tier).reduce((n, x) => n + f(x), 0);
    const occupied = (tier: number) => tierSum(tier, (x) => latest.get(x.id)?.bedsOccupied ?? 0);
    expect(b.startDate).toBe(TO);
    expect(b.capacity).toEqual({
      t1: tierSum(1, (x) => x.beds),
      t2: tierSum(2, (x) => x.beds),
      t3: tierSum(3, (x) => x.beds),
      icu: facilities.reduce((n, x) => n + x.icuBeds, 0),
      oxygen: facilities.reduce((n, x) => n + x.oxygenOutlets, 0),
    });
    expect(b.start.t1).toBe(occupied(1));
    expect(b.start.t2).toBe(occupied(2));
    expect(b.start.t3).toBe(occupied(3));
    expect(b.start.t3).toBeGreaterThan(0);
    expect(b.inUse.icu).toBe(facilities.reduce((n, x) => n + (latest.get(x.id)?.icuOccupied ?? 0), 0));
    // F0 at home: each unit's newest report in the 7 days up to day 0.
    const reports = core.store.list('caseReport').filter((r) => r.date <= TO && r.date > addDays(TO, -7));
    const newest = new Map<string, (typeof reports)[number]>();
    for (const r of reports) if (!newest.has(r.unitCode) || r.date > newest.get(r.unitCode)!.date) newest.set(r.unitCode, r);
    expect(b.start.home).toBe([...newest.values()].reduce((n, r) => n + r.f0Home, 0));
    expect(b.homeAsOf).toBe(TO);
    expect(b.tiers.map((x) => x.tier)).toEqual([1, 2, 3]);
  });
});

describe('scenarios.forecast on demo data', () => {
  it('feeds the forecast all new cases of each day (community + quarantined), summed as the raw rows say', async () => {
    const f = await call('scenarios.forecast', {});
    expect(f.unitCode).toBe('01');
    expect(f.asOf).toBe(TO);
    const byDate = new Map<string, number>();
    for (const r of core.store.list('caseReport')) byDate.set(r.date, (byDate.get(r.date) ?? 0) + r.newCommunity + r.newQuarantined);
    expect(f.history.dates).toEqual(dateRange(addDays(TO, -41), TO));
    expect(f.history.values).toEqual(f.history.dates.map((d) => byDate.get(d)!));
    const last7 = f.history.dates.slice(-7).reduce((n, d) => n + byDate.get(d)!, 0) / 7;
    expect(f.history.avg7.at(-1)).toBeCloseTo(last7, 9);

    // A district: its wards' rows.
    const wards = new Set(core.store.list('adminUnit', { parentCode: '006' }).map((u) => u.code));
    const d = await call('scenarios.forecast', { unitCode: '006' });
    const dongDa = new Map<string, number>();
    for (const r of core.store.list('caseReport')) if (wards.has(r.unitCode)) dongDa.set(r.date, (dongDa.get(r.date) ?? 0) + r.newCommunity + r.newQuarantined);
    expect(d.name).toBe('Đống Đa');
    expect(d.history.values).toEqual(d.history.dates.map((x) => dongDa.get(x)!));
  });

  it('gives 14 days after the last report, intervals around the point, and a finite backtest with a plausible coverage', async () => {
    const f = await call('scenarios.forecast', { unitCode: '01' });
    const days = f.forecast!.days;
    expect(days.map((x) => x.date)).toEqual(dateRange(addDays(TO, 1), addDays(TO, 14)));
    for (const x of days) {
      expect(x.lo95).toBeLessThanOrEqual(x.lo80);
      expect(x.lo80).toBeLessThanOrEqual(x.point);
      expect(x.point).toBeLessThanOrEqual(x.hi80);
      expect(x.hi80).toBeLessThanOrEqual(x.hi95);
    }
    const b = f.backtest;
    expect(b.origins).toBe(56);
    expect(b.pairs).toBe(56 * 14);
    for (const v of [b.mape, b.mapeNaive, b.wape, b.wapeNaive]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v!).toBeGreaterThan(0);
      expect(v!).toBeLessThan(200);
    }
    // Honest intervals: a 95 % interval that held less than 60 % of the time, or an 80 % one
    // that held every time (far too wide), would both be wrong.
    expect(b.coverage80!).toBeGreaterThan(0.55);
    expect(b.coverage80!).toBeLessThan(1);
    expect(b.coverage95!).toBeGreaterThanOrEqual(b.coverage80!);
    expect(b.coverage95!).toBeGreaterThan(0.7);
    expect(b.perHorizon).toHaveLength(14);
  });

  it('summarises the city and all 30 districts, each the same as its own forecast', async () => {
    const s = await call('scenarios.forecastSummary', {});
    expect(s.rows).toHaveLength(31);
    expect(s.rows[0]!).toMatchObject({ unitCode: '01', level: 'province' });
    const pooled = s.rows.filter((r) => r.level === 'district');
    expect(pooled.every((r) => r.origins === 56 && Number.isFinite(r.mape!) && r.coverage80! > 0.4)).toBe(true);
    const one = await call('scenarios.forecast', { unitCode: s.rows[5]!.unitCode });
    expect(s.rows[5]!.day14!.point).toBe(one.forecast!.days[13]!.point);
    expect(s.rows[5]!.mape).toBe(one.backtest.mape);
    expect(s.rows[5]!.total14).toBeCloseTo(one.forecast!.days.reduce((n, x) => n + x.point, 0), 9);
  });

  it('forecasts as of an earlier day with only the data known then; refuses a ward; says why when data is short', async () => {
    const early = await call('scenarios.forecast', { unitCode: '01', asOf: '2021-12-15' });
    expect(early.asOf).toBe('2021-12-15');
    expect(early.history.dates.at(-1)).toBe('2021-12-15');
    expect(early.forecast!.days[0]!.date).toBe('2021-12-16');
    const ward = core.store.list('adminUnit', { level: 'ward' })[0]!;
    expect((await failure('scenarios.forecast', { unitCode: ward.code })).code).toBe('not_found');
    const short = await call('scenarios.forecast', { unitCode: '01', asOf: '2021-10-08' });
    expect(short.forecast).toBeNull();
    expect(short.reason).toContain('8/14');
    expect(short.backtest.origins).toBe(0);
  });
});

describe('saved scenarios (shared settings scenario.<uuid>)', () => {
  let inputs: ScenarioInputs;
  beforeAll(async () => {
    inputs = presetInputs('p3000', await call('scenarios.baseline', {}));
  });

  it('save → list → get: one audited setting write; the core result is the shared planner result', async () => {
    const task = core.store.list('task')[0]!;
    const before = core.store.lastSeq();
    const saved = await call('scenarios.save', { name: '  Kịch bản 3.000 ca/ngày ', note: 'Theo chỉ đạo', taskId: task.id, inputs });
    expect(saved.name).toBe('Kịch bản 3.000 ca/ngày');
    expect(saved.author).toBe('Kiểm thử');
    expect(saved.task).toMatchObject({ id: task.id, title: task.title });
    const changes = core.store.db.prepare('SELECT entity, entity_id AS id FROM changes WHERE seq > ?').all(before) as { entity: string; id: string }[];
    expect(changes).toEqual([{ entity: 'setting', id: `scenario.${saved.id}` }]);

    const got = await call('scenarios.get', { id: saved.id });
    expect(got.result).toEqual(runScenario(scenarioInputs.parse(inputs)));
    expect(got.summary).toEqual(got.result.summary);
    expect(got.inputs).toEqual(inputs);

    expect((await call('scenarios.list', { taskId: task.id })).map((s) => s.id)).toEqual([saved.id]);
    const other = core.store.list('task')[1]!;
    expect(await call('scenarios.list', { taskId: other.id })).toEqual([]);

    // Update keeps the id and creation time, replaces the rest.
    const updated = await call('scenarios.save', { id: saved.id, name: 'Kịch bản 3.000 (sửa)', taskId: null, inputs: { ...inputs, horizonDays: 90 } });
    expect(updated).toMatchObject({ id: saved.id, createdAt: saved.createdAt, taskId: null, task: null });
    expect((await call('scenarios.get', { id: saved.id })).result.dates).toHaveLength(91);
    expect(await call('scenarios.list', { taskId: task.id })).toEqual([]);
  });

  it('rejects bad input naming the field, an unknown task, viewers — and writes nothing', async () => {
    const rows = settingRows();
    const seq = core.store.lastSeq();
    const bad = await failure('scenarios.save', { name: 'x', inputs: { ...inputs, params: { ...inputs.params, split: { home: 0.5, t1: 0.5, t2: 0.5, t3: 0 } } } });
    expect(bad.code).toBe('invalid_input');
    expect(bad.issues!.map((i) => i.path)).toContain('inputs.params.split');
    const noTask = await failure('scenarios.save', { name: 'x', taskId: '01900000-0000-7000-8000-000000000000', inputs });
    expect(noTask).toMatchObject({ code: 'not_found', issues: [{ path: 'taskId' }] });
    expect((await failure('scenarios.save', { name: 'x', inputs }, viewer)).code).toBe('forbidden');
    expect((await failure('scenarios.save', { name: '', inputs })).issues!.map((i) => i.path)).toContain('name');
    expect(settingRows()).toBe(rows);
    expect(core.store.lastSeq()).toBe(seq);
  });

  it('exports the daily table as CSV; deletes as a tombstone; skips a stored row that no longer parses', async () => {
    const s = await call('scenarios.save', { name: 'Xuất thử', inputs });
    const csv = await call('scenarios.exportCsv', { id: s.id });
    expect(csv.fileName).toBe(`kich-ban-xuat-thu-${inputs.startDate}.csv`);
    const lines = csv.csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(2 + inputs.horizonDays + 1);
    expect(lines[0]).toBe('Xuất thử');

    core.store.setSetting({ userId: null }, 'scenario.01900000-0000-7000-8000-00000000beef', { id: 'not a scenario' });
    const listed = (await call('scenarios.list', {})).map((x) => x.name);
    expect(listed[0]).toBe('Xuất thử'); // newest first
    expect(listed).not.toContain(undefined);

    await call('scenarios.delete', { id: s.id });
    expect((await call('scenarios.list', {})).map((x) => x.id)).not.toContain(s.id);
    expect((await failure('scenarios.get', { id: s.id })).code).toBe('not_found');
    expect((await failure('scenarios.delete', { id: s.id })).code).toBe('not_found');
    const row = core.store.db.prepare('SELECT _deleted FROM settings WHERE key = ?').get(`scenario.${s.id}`) as { _deleted: number };
    expect(row._deleted).toBe(1);
  });
});

describe('an empty store', () => {
  it('baseline of zeros, no forecast with the reason, no summary rows — nothing breaks', async () => {
    const emptyDir = makeTmpDir('saban-scenarios-empty-');
    const empty = openCore({ dbPath: path.join(emptyDir, 'e.db'), clock: () => AT });
    try {
      await empty.initStore('empty');
      const run = async <K extends OpName>(op: K, input: unknown) => {
        const r = await dispatch(empty.handlers, op, input, admin, { validateOutput: true });
        if (!r.ok) throw new Error(r.error.message);
        return r.value as OpOutput<K>;
      };
      const b = await run('scenarios.baseline', {});
      expect(b).toMatchObject({ startDate: '2022-01-31', statusAsOf: null, homeAsOf: null, start: { home: 0, t1: 0, t2: 0, t3: 0 }, capacity: { t1: 0, t2: 0, t3: 0, icu: 0, oxygen: 0 } });
      const f = await run('scenarios.forecast', {});
      expect(f).toMatchObject({ asOf: null, forecast: null, history: { dates: [], values: [], avg7: [] } });
      expect(f.reason).toContain('Chưa có số liệu');
      expect((await run('scenarios.forecastSummary', {})).rows).toEqual([]);
      expect(await run('scenarios.list', {})).toEqual([]);
    } finally {
      empty.close();
      removeDir(emptyDir);
    }
  });
});
