import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ValidationError,
  WriteError,
  type CommitEvent,
  type Store,
  type WriteOp,
} from '../../../electron/core/store';
import { decodeHlc } from '../../../electron/core/store/hlc';
import { useTmpDir } from '../../helpers/tmp';
import { caseReportFields, IDS, SAMPLES, seedParents } from '../../unit/store/fixtures';
import { storeOpener } from './helpers';

const tmp = useTmpDir();
const stores = storeOpener();
let store: Store;
const T0 = Date.UTC(2021, 11, 1, 9);
let now = T0;

beforeEach(() => {
  now = T0;
  store = stores.open({ path: path.join(tmp(), 'w.db'), siteId: 'siteA', clock: () => now });
  seedParents(store);
});
afterEach(() => stores.closeAll());

const sys = { userId: null };
const alice = { userId: 'alice' };
const count = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
/** Everything the write path can touch, to prove a failed write left no trace. */
const snapshot = () => ({
  changes: count('SELECT count(*) AS n FROM changes'),
  versions: count('SELECT count(*) AS n FROM field_versions'),
  ops: count('SELECT count(*) AS n FROM ops'),
  rows: store.list('facility').length + store.list('caseReport').length + store.list('directive').length,
  hlc: store.db.prepare(`SELECT value FROM meta WHERE key = 'hlc'`).get(),
});
const changesOf = (opId: string) => store.changesSince(0, 1e6).filter((c) => c.opId === opId);

function expectValidation(fn: () => unknown, entity: string, field: string | null, id?: string | null) {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ValidationError);
  const v = err as ValidationError;
  expect(v.entity).toBe(entity);
  expect(v.field).toBe(field);
  if (id !== undefined) expect(v.id).toBe(id);
  if (field) expect(v.message).toContain(`"${field}"`);
  return v;
}

describe('create', () => {
  it('stores the normalised row and one change row per field, after a _created marker', () => {
    const r = store.write(alice, [
      { op: 'create', entity: 'facility', fields: { ...SAMPLES.facility.create, name: '  Bệnh viện\u0020Thanh Nhàn  ' } },
    ]);
    const id = r.ids[0]!;
    expect(id).toMatch(/^[0-9a-f-]{8}-[0-9a-f]{4}-7/); // generated UUIDv7
    const f = store.get('facility', id)!;
    expect(f.name).toBe('Bệnh viện Thanh Nhàn'); // trimmed by the schema
    expect(f.atIndustrialPark).toBe(false);
    expect(f.homeF0Capacity).toBeNull();

    const rows = changesOf(r.opId);
    expect(rows.map((c) => c.field)).toEqual(['_created', ...Object.keys(SAMPLES.facility.create)]);
    expect(r.changeCount).toBe(rows.length);
    expect([r.firstSeq, r.lastSeq]).toEqual([rows[0]!.seq, rows.at(-1)!.seq]);
    for (const c of rows) {
      expect(c).toMatchObject({ entity: 'facility', entityId: id, siteId: 'siteA', userId: 'alice', opId: r.opId });
    }
    const byField = Object.fromEntries(rows.map((c) => [c.field, c.value]));
    expect(byField).toMatchObject({ _created: true, name: 'Bệnh viện Thanh Nhàn', atIndustrialPark: false, tier: 2, lon: 105.8 });
    expect(byField.homeF0Capacity).toBeNull();
    // Field versions: one `_created` row stands for all fields of the create.
    const fv = store.db.prepare('SELECT field, hlc, site_id FROM field_versions WHERE entity_id = ?').all(id);
    expect(fv).toEqual([{ field: '_created', hlc: rows[0]!.hlc, site_id: 'siteA' }]);
  });

  it('stores JSON fields as JSON and returns them parsed', () => {
    const r = store.write(sys, [{ op: 'create', entity: 'zone', fields: SAMPLES.zone.create }]);
    const z = store.get('zone', r.ids[0]!)!;
    expect(z.geometry).toEqual(SAMPLES.zone.create.geometry);
    const raw = store.db.prepare('SELECT geometry FROM zones WHERE id = ?').get(r.ids[0]) as { geometry: string };
    expect(JSON.parse(raw.geometry)).toEqual(SAMPLES.zone.create.geometry);
    const change = changesOf(r.opId).find((c) => c.field === 'geometry')!;
    expect(change.value).toEqual(SAMPLES.zone.create.geometry);
  });

  it('derives natural-key ids and rejects a mismatching one', () => {
    const r = store.write(sys, [{ op: 'create', entity: 'caseReport', fields: SAMPLES.caseReport.create }]);
    expect(r.ids).toEqual([`${IDS.ward}:2021-12-01`]);
    expectValidation(
      () => store.write(sys, [{ op: 'create', entity: 'caseReport', id: '00001:2021-12-02', fields: SAMPLES.caseReport.create }]),
      'caseReport',
      'id',
    );
    expectValidation(
      () =>
        store.write(sys, [
          { op: 'create', entity: 'caseReport', fields: { ...SAMPLES.caseReport.create, id: 'x', date: '2021-12-03' } },
        ]),
      'caseReport',
      'id',
    );
  });

  it('refuses to create an existing row', () => {
    const before = snapshot();
    expect(() =>
      store.write(sys, [{ op: 'create', entity: 'facility', id: IDS.facility1, fields: SAMPLES.facility.create }]),
    ).toThrow(expect.objectContaining({ code: 'exists', entity: 'facility', id: IDS.facility1 }));
    expect(snapshot()).toEqual(before);
  });
});

describe('validation', () => {
  it('names entity, id and field; nothing is written', () => {
    const before = snapshot();
    const e = expectValidation(
      () =>
        store.write(sys, [
          { op: 'create', entity: 'caseReport', fields: { ...SAMPLES.caseReport.create, deaths: -1, tests: 1.5 } },
        ]),
      'caseReport',
      'deaths',
      `${IDS.ward}:2021-12-01`,
    );
    expect(e.message).toMatch(/không được âm/);
    expect(e.issues.map((i) => i.field)).toEqual(['deaths', 'tests']);
    expect(snapshot()).toEqual(before);
  });

  it('a missing required field is named', () => {
    const { name: _omit, ...rest } = SAMPLES.facility.create;
    expectValidation(() => store.write(sys, [{ op: 'create', entity: 'facility', fields: rest }]), 'facility', 'name');
  });

  it('an unknown field is named (typos do not vanish silently)', () => {
    expectValidation(
      () => store.write(sys, [{ op: 'create', entity: 'facility', fields: { ...SAMPLES.facility.create, bedz: 3 } }]),
      'facility',
      'bedz',
    );
    expectValidation(
      () => store.write(sys, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { bedz: 3 } }]),
      'facility',
      'bedz',
      IDS.facility1,
    );
  });

  it('update validates each given field (partial)', () => {
    expectValidation(
      () => store.write(sys, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: -5 } }]),
      'facility',
      'beds',
      IDS.facility1,
    );
    expectValidation(
      () => store.write(sys, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { kind: 'spa' } }]),
      'facility',
      'kind',
    );
    expectValidation(
      () => store.write(sys, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { name: '   ' } }]),
      'facility',
      'name',
    );
  });

  it('unknown entity and bad op are ValidationErrors; bad ctx is a programming error', () => {
    expectValidation(() => store.write(sys, [{ op: 'create', entity: 'patient' as never, fields: {} }]), 'patient', null);
    expectValidation(
      () => store.write(sys, [{ op: 'merge' as never, entity: 'facility', id: IDS.facility1, fields: {} }]),
      'facility',
      null,
    );
    expect(() => store.write({ userId: 5 as never }, [])).toThrow(TypeError);
    expect(() => store.write({ userId: null, opId: '' }, [])).toThrow(TypeError);
  });
});

describe('multi-op writes are atomic', () => {
  it('an invalid op anywhere leaves no trace of the valid ops before it', () => {
    const before = snapshot();
    const ops: WriteOp[] = [
      { op: 'create', entity: 'directive', fields: SAMPLES.directive.create },
      { op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 999 } },
      { op: 'create', entity: 'caseReport', fields: SAMPLES.caseReport.create },
      { op: 'update', entity: 'facility', id: IDS.facility2, fields: { icuBeds: -1 } },
    ];
    expectValidation(() => store.write(sys, ops), 'facility', 'icuBeds', IDS.facility2);
    expect(snapshot()).toEqual(before);
    expect(store.get('facility', IDS.facility1)!.beds).toBe(200);
    expect(store.get('caseReport', `${IDS.ward}:2021-12-01`)).toBeUndefined();
  });

  it('a WriteError in the last op rolls back the whole call', () => {
    const before = snapshot();
    expect(() =>
      store.write(sys, [
        { op: 'create', entity: 'caseReport', fields: SAMPLES.caseReport.create },
        { op: 'delete', entity: 'facility', id: '0190a6f0-0000-7000-8000-00000000dead' },
      ]),
    ).toThrow(WriteError);
    expect(snapshot()).toEqual(before);
  });

  it('a missing parent fails at commit as a ValidationError naming the field; nothing written', () => {
    const before = snapshot();
    expectValidation(
      () =>
        store.write(sys, [
          { op: 'create', entity: 'caseReport', fields: SAMPLES.caseReport.create },
          { op: 'create', entity: 'facility', fields: { ...SAMPLES.facility.create, unitCode: '99999' } },
        ]),
      'facility',
      'unitCode',
    );
    expect(snapshot()).toEqual(before);
    expectValidation(
      () => store.write(sys, [{ op: 'update', entity: 'task', id: IDS.parentTask, fields: { parentTaskId: IDS.task } }]),
      'task',
      'parentTaskId',
      IDS.parentTask,
    );
  });

  it('a child may come before its parent in the same call (foreign keys are deferred)', () => {
    const r = store.write(sys, [
      { op: 'create', entity: 'caseReport', fields: { ...SAMPLES.caseReport.create, unitCode: '00007', date: '2021-12-01' } },
      { op: 'create', entity: 'adminUnit', fields: { ...SAMPLES.adminUnit.create, code: '00007' } },
    ]);
    expect(r.ids).toEqual(['00007:2021-12-01', '00007']);
  });

  it('a unique violation is reported on its field', () => {
    store.write(sys, [{ op: 'create', entity: 'user', fields: SAMPLES.user.create }]);
    expectValidation(
      () => store.write(sys, [{ op: 'create', entity: 'user', fields: { ...SAMPLES.user.create, username: 'NguyenVanA' } }]),
      'user',
      'username',
    );
  });
});

describe('update', () => {
  it('records only fields whose value changed and bumps their field versions', () => {
    const r0 = store.write(sys, [{ op: 'create', entity: 'caseReport', fields: SAMPLES.caseReport.create }]);
    const id = r0.ids[0]!;
    now += 1000;
    const r = store.write(alice, [
      { op: 'update', entity: 'caseReport', id, fields: { deaths: 2, tests: 5000, newCommunity: 12, unitCode: IDS.ward } },
    ]);
    expect(changesOf(r.opId).map((c) => [c.field, c.value])).toEqual([['deaths', 2]]);
    expect(r.changed).toEqual([{ entity: 'caseReport', id, op: 'update' }]);
    expect(store.get('caseReport', id)!.deaths).toBe(2);
    const fv = store.db
      .prepare('SELECT field, hlc FROM field_versions WHERE entity = ? AND entity_id = ? ORDER BY field')
      .all('caseReport', id) as Array<{ field: string; hlc: string }>;
    expect(fv.map((v) => v.field)).toEqual(['_created', 'deaths']);
    expect(decodeHlc(fv[1]!.hlc).physical).toBe(T0 + 1000);

    const none = store.write(alice, [{ op: 'update', entity: 'caseReport', id, fields: { deaths: 2 } }]);
    expect(none.changeCount).toBe(0);
    expect(none.changed).toEqual([]);
  });

  it('key fields are immutable', () => {
    const id = store.write(sys, [{ op: 'create', entity: 'caseReport', fields: SAMPLES.caseReport.create }]).ids[0]!;
    expectValidation(
      () => store.write(sys, [{ op: 'update', entity: 'caseReport', id, fields: { date: '2021-12-02' } }]),
      'caseReport',
      'date',
    );
    expectValidation(
      () => store.write(sys, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { id: IDS.facility2 } }]),
      'facility',
      'id',
    );
  });

  it('update of a missing row → WriteError(not_found)', () => {
    expect(() =>
      store.write(sys, [{ op: 'update', entity: 'facility', id: '0190a6f0-0000-7000-8000-0000000000ff', fields: { beds: 1 } }]),
    ).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

describe('delete (tombstones)', () => {
  it('hides the row from reads, keeps it on disk, logs _deleted; a second delete is a no-op', () => {
    const r = store.write(alice, [{ op: 'delete', entity: 'facility', id: IDS.facility2 }]);
    expect(changesOf(r.opId).map((c) => [c.field, c.value])).toEqual([['_deleted', true]]);
    expect(r.changed).toEqual([{ entity: 'facility', id: IDS.facility2, op: 'delete' }]);
    expect(store.get('facility', IDS.facility2)).toBeUndefined();
    expect(store.list('facility').map((f) => f.id)).toEqual([IDS.facility1]);
    expect(store.get('facility', IDS.facility2, { includeDeleted: true })?.name).toBe('Trạm y tế lưu động 1');
    expect(store.list('facility', {}, { includeDeleted: true })).toHaveLength(2);
    expect(
      store.db.prepare(`SELECT count(*) AS n FROM field_versions WHERE entity_id = ? AND field = '_deleted'`).get(IDS.facility2),
    ).toEqual({ n: 1 });
    expect(store.write(alice, [{ op: 'delete', entity: 'facility', id: IDS.facility2 }]).changeCount).toBe(0);
    expect(() => store.write(alice, [{ op: 'update', entity: 'facility', id: IDS.facility2, fields: { beds: 1 } }])).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });

  it('children of a deleted parent stay valid (no dangling foreign keys)', () => {
    store.write(sys, [{ op: 'create', entity: 'facilityStatus', fields: SAMPLES.facilityStatus.create }]);
    store.write(sys, [{ op: 'delete', entity: 'facility', id: IDS.facility1 }]);
    expect(store.list('facilityStatus')).toHaveLength(1);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('re-creating a deleted natural-key report revives it with every field recorded', () => {
    const id = store.write(sys, [{ op: 'create', entity: 'caseReport', fields: SAMPLES.caseReport.create }]).ids[0]!;
    store.write(sys, [{ op: 'delete', entity: 'caseReport', id }]);
    const r = store.write(sys, [{ op: 'create', entity: 'caseReport', fields: { ...SAMPLES.caseReport.create, deaths: 4 } }]);
    const fields = changesOf(r.opId).map((c) => c.field);
    expect(fields.slice(0, 2)).toEqual(['_created', '_deleted']);
    expect(changesOf(r.opId).find((c) => c.field === '_deleted')!.value).toBe(false);
    expect(fields).toHaveLength(2 + Object.keys(SAMPLES.caseReport.create).length);
    expect(store.get('caseReport', id)!.deaths).toBe(4);
  });
});

describe('upsert (imports)', () => {
  it('creates, then records nothing for identical data, then only what differs', () => {
    const op = (deaths: number): WriteOp => ({
      op: 'upsert',
      entity: 'caseReport',
      fields: { ...SAMPLES.caseReport.create, deaths },
    });
    const r1 = store.write(sys, [op(0)]);
    expect(r1.changed[0]!.op).toBe('create');
    expect(store.write(sys, [op(0)]).changeCount).toBe(0);
    const r3 = store.write(sys, [op(3)]);
    expect(changesOf(r3.opId).map((c) => c.field)).toEqual(['deaths']);
    expect(r3.changed[0]!.op).toBe('update');
  });
});

describe('append-only entities', () => {
  it('taskUpdate accepts create only', () => {
    const id = store.write(sys, [{ op: 'create', entity: 'taskUpdate', fields: SAMPLES.taskUpdate.create }]).ids[0]!;
    for (const op of [
      { op: 'update', entity: 'taskUpdate', id, fields: { text: 'sửa' } },
      { op: 'delete', entity: 'taskUpdate', id },
      { op: 'upsert', entity: 'taskUpdate', id, fields: { ...SAMPLES.taskUpdate.create, text: 'sửa' } },
    ] as WriteOp[]) {
      expect(() => store.write(sys, [op])).toThrow(expect.objectContaining({ code: 'not_allowed' }));
    }
    // Replaying the identical entry (e.g. sync delivering it twice) is harmless.
    expect(store.write(sys, [{ op: 'upsert', entity: 'taskUpdate', id, fields: SAMPLES.taskUpdate.create }]).changeCount).toBe(0);
    expect(store.get('taskUpdate', id)!.text).toBe('Bắt đầu');
  });
});

describe('op ids and HLC stamps', () => {
  it('one generated UUIDv7 op id per call; one stamp per op, increasing within the call', () => {
    const r = store.write(sys, [
      { op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 1, icuBeds: 1 } },
      { op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 2 } },
    ]);
    expect(r.opId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    const rows = changesOf(r.opId);
    expect(rows.map((c) => c.field)).toEqual(['beds', 'icuBeds', 'beds']);
    expect(rows[0]!.hlc).toBe(rows[1]!.hlc);
    expect(rows[2]!.hlc > rows[1]!.hlc).toBe(true);
    const fv = store.db.prepare(`SELECT hlc FROM field_versions WHERE entity_id = ? AND field = 'beds'`).get(IDS.facility1);
    expect(fv).toEqual({ hlc: rows[2]!.hlc }); // the later op wins
  });

  it('a given op id is applied once: a retry is a no-op reporting the first result', () => {
    const ctx = { userId: 'alice', opId: 'client-req-42' };
    const ops: WriteOp[] = [{ op: 'create', entity: 'caseReport', fields: SAMPLES.caseReport.create }];
    const first = store.write(ctx, ops);
    const again = store.write(ctx, ops);
    expect(again.duplicate).toBe(true);
    expect(again).toMatchObject({ opId: 'client-req-42', changeCount: first.changeCount, firstSeq: first.firstSeq });
    expect(again.changed).toEqual(first.changed);
    expect(changesOf('client-req-42')).toHaveLength(first.changeCount);
  });

  it('a replayed revive is reported as a create, a replayed delete as a delete', () => {
    const id = store.write(sys, [{ op: 'create', entity: 'caseReport', fields: SAMPLES.caseReport.create }]).ids[0]!;
    const del = { userId: null, opId: 'del-1' };
    const first = store.write(del, [{ op: 'delete', entity: 'caseReport', id }]);
    expect(store.write(del, [{ op: 'delete', entity: 'caseReport', id }]).changed).toEqual(first.changed);
    const revive = { userId: null, opId: 'revive-1' };
    const ops: WriteOp[] = [{ op: 'create', entity: 'caseReport', fields: SAMPLES.caseReport.create }];
    const r1 = store.write(revive, ops);
    expect(r1.changed).toEqual([{ entity: 'caseReport', id, op: 'create' }]);
    expect(store.write(revive, ops).changed).toEqual(r1.changed);
  });

  it('stamps keep increasing when the wall clock goes backwards between writes', () => {
    const a = store.write(sys, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 7 } }]);
    now -= 3600_000;
    const b = store.write(sys, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 8 } }]);
    expect(changesOf(b.opId)[0]!.hlc > changesOf(a.opId)[0]!.hlc).toBe(true);
  });
});

describe('two connections on one file (app + CLI seeder)', () => {
  it('stamps stay increasing in commit order even when the other one’s clock is behind', () => {
    const file = path.join(tmp(), 'shared.db');
    let slow = T0 - 3600_000; // an hour behind
    const a = stores.open({ path: file, clock: () => now });
    const b = stores.open({ path: file, clock: () => slow });
    seedParents(a);
    for (let i = 0; i < 5; i++) {
      a.write(sys, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 10 + i } }]);
      b.write(sys, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 100 + i } }]);
      slow += 1;
    }
    const stamps = a.changesSince(0, 1e6).map((c) => c.hlc);
    expect(stamps).toEqual([...stamps].sort());
    // The last writer (b) wins in field_versions and in the row.
    expect(a.get('facility', IDS.facility1)!.beds).toBe(104);
  });
});

describe('onCommit', () => {
  it('fires after commit with the changed entities and ids; not for failures or no-ops', () => {
    const events: CommitEvent[] = [];
    const seenInDb: unknown[] = [];
    const off = store.onCommit((e) => {
      events.push(e);
      // Called after COMMIT: the read connection already sees the data.
      seenInDb.push(store.get('caseReport', `${IDS.ward}:2021-12-01`)?.deaths);
    });
    const r = store.write(alice, [
      { op: 'create', entity: 'caseReport', fields: SAMPLES.caseReport.create },
      { op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 201 } },
      { op: 'update', entity: 'facility', id: IDS.facility2, fields: { beds: 200 } }, // unchanged
    ]);
    expect(events).toEqual([
      {
        opId: r.opId,
        userId: 'alice',
        changeCount: r.changeCount,
        firstSeq: r.firstSeq,
        lastSeq: r.lastSeq,
        changed: [
          { entity: 'caseReport', id: `${IDS.ward}:2021-12-01`, op: 'create' },
          { entity: 'facility', id: IDS.facility1, op: 'update' },
        ],
        entities: ['caseReport', 'facility'],
      },
    ]);
    expect(seenInDb).toEqual([0]);
    expect(() => store.write(sys, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: -1 } }])).toThrow();
    store.write(sys, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 201 } }]);
    expect(events).toHaveLength(1);
    off();
    store.write(sys, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 202 } }]);
    expect(events).toHaveLength(1);
  });

  it('a throwing listener does not turn a committed write into an error', () => {
    store.onCommit(() => {
      throw new Error('listener bug');
    });
    const orig = console.error;
    console.error = () => {};
    try {
      expect(() => store.write(sys, [{ op: 'update', entity: 'facility', id: IDS.facility1, fields: { beds: 3 } }])).not.toThrow();
    } finally {
      console.error = orig;
    }
    expect(store.get('facility', IDS.facility1)!.beds).toBe(3);
  });
});

describe('reads', () => {
  it('list() filters by equality, IN, null and booleans, orders and pages', () => {
    const dates = ['2021-12-01', '2021-12-02', '2021-12-03'];
    store.write(sys, dates.map((d, i) => ({ op: 'create', entity: 'caseReport', fields: caseReportFields(IDS.ward, d, i) })));
    expect(store.list('caseReport', { date: ['2021-12-01', '2021-12-03'] }).map((r) => r.date)).toEqual([
      '2021-12-01',
      '2021-12-03',
    ]);
    expect(store.list('caseReport', {}, { orderBy: [['date', 'desc']], limit: 2 }).map((r) => r.date)).toEqual([
      '2021-12-03',
      '2021-12-02',
    ]);
    expect(store.list('caseReport', {}, { orderBy: 'date', limit: 1, offset: 1 })[0]!.date).toBe('2021-12-02');
    expect(store.list('adminUnit', { parentCode: null }).map((u) => u.code)).toEqual([IDS.province]);
    expect(store.list('facility', { active: true })).toHaveLength(2);
    expect(store.list('facility', { active: false })).toHaveLength(0);
    expect(() => store.list('zone', { geometry: null } as never)).toThrow(RangeError);
    expect(() => store.list('zone', { nope: 1 } as never)).toThrow(RangeError);
    expect(() => store.get('patient' as never, 'x')).toThrow(/unknown entity/);
  });
});

describe('settings', () => {
  it('shared settings go through the write path (audited); local ones stay in meta', () => {
    const r = store.setSetting(alice, 'alert.bed_occupancy_pct', { warn: 80, critical: 95 });
    expect(store.getSetting('alert.bed_occupancy_pct')).toEqual({ warn: 80, critical: 95 });
    expect(changesOf(r.opId).map((c) => [c.entity, c.field, c.userId])).toEqual([
      ['setting', '_created', 'alice'],
      ['setting', 'value', 'alice'],
    ]);
    expect(store.setSetting(alice, 'alert.bed_occupancy_pct', { warn: 80, critical: 95 }).changeCount).toBe(0);
    expect(store.getSetting('missing')).toBeUndefined();
    expectValidation(() => store.setSetting(alice, 'bad key!', 1), 'setting', 'key');

    const seq = store.lastSeq();
    store.setLocal('backup.dir', '/data/backups');
    expect(store.getLocal('backup.dir')).toBe('/data/backups');
    expect(store.lastSeq()).toBe(seq); // not a change row
    store.setLocal('site_id', 'hijack');
    expect(store.siteId).toBe('siteA');
    expect(store.db.prepare(`SELECT value FROM meta WHERE key = 'site_id'`).get()).toEqual({ value: '"siteA"' });
  });
});
