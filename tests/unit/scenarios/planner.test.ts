import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  expandCasePath,
  PARAM_DOCS,
  presetInputs,
  runScenario,
  scenarioInputs,
  type ResourceSummary,
} from '../../../shared/scenarios';
import { bare, withDefaults } from './fixtures';

const summary = (r: ReturnType<typeof runScenario>, resource: ResourceSummary['resource']) => r.summary.find((s) => s.resource === resource)!;

describe('planner: hand-computed cases', () => {
  it('10 admissions a day, LOS 14, capacity 100: full on day 10 exactly, shortfall 40 at day 14', () => {
    const r = runScenario(bare());
    // Nobody leaves before day 15 (admitted day 1 + LOS 14): occupancy = 10 × day up to 140, then flat.
    expect(r.demand.t2).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 140, 140, 140, 140, 140, 140]);
    const s = summary(r, 't2');
    expect(s.firstFullDay).toBe(10);
    expect(s.firstFullDate).toBe('2021-12-11');
    expect(s.shortfall).toBe(40);
    expect(s.shortfallDay).toBe(14);
    expect(s.peakDemand).toBe(140);
    expect(s.peakDay).toBe(14);
    expect(s.daysOverCapacity).toBe(10); // days 11 … 20
    expect(r.dates[0]).toBe('2021-12-01');
    expect(r.dates).toHaveLength(21);
    expect(r.newCases[0]).toBeNull();
    // Discharges start on day 15 with the day-1 cohort.
    expect(r.tiers.t2.discharges.slice(14, 17)).toEqual([0, 10, 10]);
  });

  it('LOS exactly 10 reaches the capacity of 100 on day 10 and stays there: full, with no shortfall', () => {
    const r = runScenario(bare({}, { los: { home: 10, t1: 10, t2: 10, t3: 10 } }));
    expect(r.demand.t2.slice(9)).toEqual(Array(12).fill(0).map((_, k) => (k === 0 ? 90 : 100)));
    const s = summary(r, 't2');
    expect(s.firstFullDay).toBe(10);
    expect(s.shortfall).toBe(0);
    expect(s.shortfallDay).toBeNull();
    expect(s.daysOverCapacity).toBe(0);
  });

  it('starting occupancy drains evenly over the LOS (50 patients, LOS 5: 10 a day)', () => {
    const r = runScenario(bare({ casePath: { kind: 'constant', perDay: 0 }, start: { home: 0, t1: 50, t2: 0, t3: 0 }, horizonDays: 7 }, { los: { home: 10, t1: 5, t2: 14, t3: 14 } }, 't1'));
    expect(r.demand.t1).toEqual([50, 40, 30, 20, 10, 0, 0, 0]);
    expect(r.tiers.t1.discharges).toEqual([0, 10, 10, 10, 10, 10, 0, 0]);
    expect(summary(r, 't1').firstFullDay).toBeNull();
  });

  it('transfers: half of tier 2 moves to tier 3 after 2 days, the rest leaves after 4; ICU and oxygen follow', () => {
    const r = runScenario(
      bare(
        { horizonDays: 8 },
        {
          los: { home: 10, t1: 10, t2: 4, t3: 3 },
          transfers: [{ from: 't2', to: 't3', share: 0.5, afterDays: 2 }],
          icuShare: 0.4,
          oxygenShare: { home: 0, t1: 0, t2: 0.5, t3: 1 },
        },
      ),
    );
    // Tier 2: +10 a day; −5 (to tier 3) from day 3; −5 (discharged) from day 5 → 10×(0.5·2 + 0.5·4) = 30.
    expect(r.demand.t2).toEqual([0, 10, 20, 25, 30, 30, 30, 30, 30]);
    // Tier 3: +5 a day from day 3, each staying 3 days → 15.
    expect(r.demand.t3).toEqual([0, 0, 0, 5, 10, 15, 15, 15, 15]);
    expect(r.tiers.t3.transfersIn).toEqual([0, 0, 0, 5, 5, 5, 5, 5, 5]);
    expect(r.tiers.t2.transfersOut).toEqual([0, 0, 0, 5, 5, 5, 5, 5, 5]);
    expect(r.tiers.t3.admissions).toEqual(r.tiers.t3.transfersIn);
    expect(r.demand.icu).toEqual([0, 0, 0, 2, 4, 6, 6, 6, 6]);
    expect(r.demand.oxygen).toEqual([0, 5, 10, 17.5, 25, 30, 30, 30, 30]);
  });

  it('a planned addition raises capacity from its opening day and moves the full day', () => {
    const r = runScenario(
      bare({ horizonDays: 20, additions: [{ date: '2021-12-06', label: 'BV dã chiến số 2', t1: 0, t2: 50, t3: 0, icu: 0, oxygen: 0 }] }, { los: { home: 10, t1: 10, t2: 30, t3: 14 } }),
    );
    expect(r.capacity.t2.slice(3, 8)).toEqual([100, 100, 150, 150, 150]); // day 5 = 2021-12-06
    const s = summary(r, 't2');
    expect(s.firstFullDay).toBe(15);
    expect(s.capacityStart).toBe(100);
    expect(s.capacityEnd).toBe(150);
    expect(s.shortfall).toBe(50); // 200 on day 20
  });

  it('zero need is never "full", even with zero capacity; full on day 0 when already over', () => {
    const r = runScenario(bare({ capacity: { t1: 0, t2: 100, t3: 0, icu: 0, oxygen: 0 } }));
    expect(summary(r, 't3').firstFullDay).toBeNull();
    expect(summary(r, 'icu').firstFullDay).toBeNull();
    const over = runScenario(bare({ start: { home: 0, t1: 0, t2: 120, t3: 0 } }));
    expect(summary(over, 't2').firstFullDay).toBe(0);
  });

  it('home care has no bed limit; its peak is reported on its own', () => {
    const r = runScenario(bare({ horizonDays: 12 }, { los: { home: 10, t1: 10, t2: 14, t3: 14 } }, 'home'));
    expect(r.tiers.home.demand[10]).toBe(100);
    expect(r.homePeak).toBe(100);
    expect(r.summary.map((s) => s.resource)).toEqual(['t1', 't2', 't3', 'icu', 'oxygen']);
  });
});

describe('case paths', () => {
  it('constant, ramp (linear, then held) and series (held or zero after the list)', () => {
    expect(expandCasePath({ kind: 'constant', perDay: 7 }, 3)).toEqual([7, 7, 7]);
    expect(expandCasePath({ kind: 'ramp', from: 100, to: 400, days: 4 }, 6)).toEqual([100, 200, 300, 400, 400, 400]);
    expect(expandCasePath({ kind: 'ramp', from: 100, to: 400, days: 1 }, 2)).toEqual([400, 400]);
    expect(expandCasePath({ kind: 'series', source: 'imported', values: [1, 2], after: 'hold', note: '' }, 4)).toEqual([1, 2, 2, 2]);
    expect(expandCasePath({ kind: 'series', source: 'imported', values: [1, 2], after: 'zero', note: '' }, 4)).toEqual([1, 2, 0, 0]);
  });
});

describe('inputs are validated with field names', () => {
  it('split must add up to 100 %', () => {
    const r = scenarioInputs.safeParse(bare({}, { split: { home: 0.5, t1: 0.3, t2: 0.1, t3: 0 } }));
    expect(r.success).toBe(false);
    const issue = r.error!.issues.find((i) => i.path.join('.') === 'params.split');
    expect(issue?.message).toContain('100 %');
    expect(issue?.message).toContain('90 %');
  });

  it('rejects a transfer to the same tier, shares out of a tier above 100 %, LOS 0, a horizon over 180 days', () => {
    const paths = (x: unknown) => scenarioInputs.safeParse(x).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths(bare({}, { transfers: [{ from: 't2', to: 't2', share: 0.1, afterDays: 2 }] }))).toContain('params.transfers.0.to');
    expect(
      paths(bare({}, { transfers: [{ from: 't2', to: 't3', share: 0.7, afterDays: 2 }, { from: 't2', to: 't1', share: 0.4, afterDays: 2 }] })),
    ).toContain('params.transfers');
    expect(paths(bare({}, { los: { home: 10, t1: 0, t2: 14, t3: 14 } }))).toContain('params.los.t1');
    expect(paths(bare({ horizonDays: 181 }))).toContain('horizonDays');
    expect(paths(bare({ casePath: { kind: 'constant', perDay: -1 } }))).toContain('casePath.perDay');
    expect(scenarioInputs.safeParse(bare()).success).toBe(true);
  });
});

describe('defaults and presets', () => {
  it('the default split adds up to 100 % and every default has an evidence status and a source', () => {
    const p = DEFAULT_PARAMS;
    expect(p.split.home + p.split.t1 + p.split.t2 + p.split.t3).toBeCloseTo(1, 12);
    const ids = [
      ...(['split', 'los', 'oxygenShare'] as const).flatMap((g) => ['home', 't1', 't2', 't3'].map((t) => `${g}.${t}`)),
      'icuShare',
      ...p.transfers.map((_, k) => `transfers.${k}`),
    ];
    expect(PARAM_DOCS.map((d) => d.id).sort()).toEqual(ids.sort());
    for (const d of PARAM_DOCS) {
      expect(d.sourceVi.length, d.id).toBeGreaterThan(20);
      expect(d.sourceEn.length, d.id).toBeGreaterThan(20);
      expect(d.sourceVi, d.id).toBe(d.sourceVi.normalize('NFC'));
    }
  });

  it('presets are 2,000 and 3,000 constant cases a day for 60 days, valid, from the baseline', () => {
    const base = { startDate: '2022-01-31', start: { home: 1, t1: 2, t2: 3, t3: 4 }, capacity: { t1: 10, t2: 20, t3: 30, icu: 5, oxygen: 6 } };
    for (const [id, n] of [['p2000', 2000], ['p3000', 3000]] as const) {
      const i = presetInputs(id, base);
      expect(scenarioInputs.parse(i)).toEqual(i);
      expect(i.casePath).toEqual({ kind: 'constant', perDay: n });
      expect(i.horizonDays).toBe(60);
      expect(i.start).toEqual(base.start);
      expect(i.preset).toBe(id);
      expect(i.params).toEqual(DEFAULT_PARAMS);
      expect(i.params).not.toBe(DEFAULT_PARAMS); // a copy: editing a scenario never edits the defaults
    }
  });

  it('3,000 a day fills something earlier than (or when) 2,000 a day does on the same start', () => {
    const r2 = runScenario(withDefaults({ casePath: { kind: 'constant', perDay: 2000 } }));
    const r3 = runScenario(withDefaults());
    for (const res of ['t1', 't2', 't3', 'icu', 'oxygen'] as const) {
      const a = summary(r2, res).firstFullDay ?? Infinity;
      const b = summary(r3, res).firstFullDay ?? Infinity;
      expect(b).toBeLessThanOrEqual(a);
    }
    expect(summary(r3, 'oxygen').firstFullDay).not.toBeNull();
  });
});
