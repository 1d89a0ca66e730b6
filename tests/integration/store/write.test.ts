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
  it('stores the normalised row and ONE `_created` change row holding the whole row', () => {
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
    expect(rows).toHaveLength(1);
    expect(r.changeCount).toBe(1);
    expect([r.firstSeq, r.lastSeq]).toEqual([rows[0]!.seq, rows[0]!.seq]);
    expect(rows[0]).toMatchObject({ entity: 'facility', entityId: id, field: '_created', siteId: 'siteA', userId: 'alice', opId: r.opId });
    // The value is the row as stored (normalised), every field but the key (= entityId).
    const { id: _key, ...withoutKey } = f;
    expect(rows[0]!.value).toEqual(withoutKey);
    expect(Object.keys(rows[0]!.value as object)).toEqual(Object.keys(SAMPLES.facility.create)); // column order, no id
    expect({ id: rows[0]!.entityId, ...(rows[0]!.value as object) }).toEqual(f);
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
    const change = changesOf(r.opId).find((c) => c.field === '_created')!;
    expect((change.value as { geometry: unknown }).geometry).toEqual(SAMPLES.zone.create.geometry);
    // Natural keys: key parts other than the id (unitCode, date) are ordinary fields of the value.
    const cr = store.write(sys, [{ op: 'create', entity: 'caseReport', fields: SAMPLES.caseReport.create }]);
    expect(changesOf(cr.opId).map((c) => [c.entityId, c.value])).toEqual([[cr.ids[0], SAMPLES.caseReport.create]]);
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

  it('re-creating a deleted natural-key report revives it: one `_created` row with the whole row', () => {
    const id = store.write(sys, [{ op: 'create', entity: 'caseReport', fields: SAMPLES.caseReport.create }]).ids[0]!;
    now += 1000;
    store.write(sys, [{ op: 'update', entity: 'caseReport', id, fields: { tests: 1 } }]);
    now += 1000;
    store.write(sys, [{ op: 'delete', entity: 'caseReport', id }]);
    now += 1000;
    const r = store.write(sys, [{ op: 'upsert', entity: 'caseReport', fields: { ...SAMPLES.caseReport.create, deaths: 4 } }]);
    expect(r.changed).toEqual([{ entity: 'caseReport', id, op: 'create' }]);
    expect(changesOf(r.opId).map((c) => [c.field, c.value])).toEqual([['_created', { ...SAMPLES.caseReport.create, deaths: 4 }]]);
    expect(store.get('caseReport', id)!.deaths).toBe(4);
    // version(f) = max(fv[f], fv[_created]): the revive is newer than the tombstone and the old update.
    const fv = Object.fromEntries(
      (store.db.prepare('SELECT field, hlc FROM field_versions WHERE entity_id = ?').all(id) as Array<{ field: string; hlc: string }>).map(
        (v) => [v.field, v.hlc],
      ),
    );
    expect(fv._created).toBe(changesOf(r.opId)[0]!.hlc);
    expect(fv._created! > fv._deleted! && fv._created! > fv.tests!).toBe(true);
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
        bulk: false,
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
    expect(changesOf(r.opId).map((c) => [c.entity, c.field, c.value, c.userId])).toEqual([
      ['setting', '_created', { value: { warn: 80, critical: 95 } }, 'alice'],
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

describe('writeAll (streamed bulk writes)', () => {
  const dates = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2021, 10, 1) + i * 86_400_000).toISOString().slice(0, 10));
  function* reports(n: number, patch: (i: number) => Record<string, unknown> = () => ({})): Generator<WriteOp> {
    let i = 0;
    for (const d of dates(n)) yield { op: 'upsert', entity: 'caseReport', fields: { ...caseReportFields(IDS.ward, d, i), ...patch(i++) } };
  }

  it('consumes a generator in one transaction: one op id, contiguous seq, counts instead of lists', () => {
    const events: CommitEvent[] = [];
    store.onCommit((e) => events.push(e));
    const r = store.writeAll(alice, reports(50));
    expect(r).toMatchObject({ duplicate: false, opCount: 50, created: 50, updated: 0, deleted: 0, changeCount: 50, entities: ['caseReport'] });
    expect(r.lastSeq! - r.firstSeq! + 1).toBe(50);
    const rows = changesOf(r.opId);
    expect(rows).toHaveLength(50);
    expect(rows.every((c) => c.field === '_created' && c.userId === 'alice')).toBe(true);
    expect(store.list('caseReport')).toHaveLength(50);
    expect(count(`SELECT count(*) AS n FROM ops WHERE op_id = '${r.opId}'`)).toBe(1);
    expect(events).toEqual([
      { opId: r.opId, userId: 'alice', changeCount: 50, firstSeq: r.firstSeq, lastSeq: r.lastSeq, changed: [], entities: ['caseReport'], bulk: true },
    ]);

    // Same data again: nothing recorded; then only what differs.
    expect(store.writeAll(sys, reports(50))).toMatchObject({ opCount: 50, created: 0, updated: 0, changeCount: 0 });
    const r3 = store.writeAll(sys, reports(50, (i) => (i % 10 === 0 ? { deaths: 99 } : {})));
    expect(r3).toMatchObject({ created: 0, updated: 5, changeCount: 5 });
    expect(changesOf(r3.opId).map((c) => [c.field, c.value])).toEqual(Array(5).fill(['deaths', 99]));
    expect(events).toHaveLength(2);
  });

  it('records exactly what write() records for the same ops', () => {
    const viaWrite = store.write(sys, [...reports(20)]);
    const other = stores.open({ path: path.join(tmp(), 'other.db'), siteId: 'siteA', clock: () => now });
    seedParents(other);
    const viaStream = other.writeAll(sys, reports(20));
    const strip = (rows: ReturnType<Store['changesSince']>) => rows.map(({ entity, entityId, field, value }) => ({ entity, entityId, field, value }));
    expect(strip(other.changesSince(viaStream.firstSeq! - 1))).toEqual(strip(changesOf(viaWrite.opId)));
  });

  it('is all or nothing: a bad op late in the stream, a throwing stream or a missing parent leave no trace', () => {
    const before = snapshot();
    const e = expectValidation(() => store.writeAll(sys, reports(40, (i) => (i === 37 ? { deaths: -1 } : {}))), 'caseReport', 'deaths');
    expect(e.id).toBe(`${IDS.ward}:${dates(40)[37]}`);
    expect(snapshot()).toEqual(before);

    function* throwing(): Generator<WriteOp> {
      yield* reports(10);
      throw new Error('source failed');
    }
    expect(() => store.writeAll(sys, throwing())).toThrow('source failed');
    expect(snapshot()).toEqual(before);

    expectValidation(() => store.writeAll(sys, reports(10, (i) => (i === 6 ? { unitCode: '99999', id: `99999:${dates(10)[6]}` } : {}))), 'caseReport', 'unitCode');
    expect(snapshot()).toEqual(before);
  });

  it('is idempotent by op id; an empty stream writes nothing', () => {
    const ctx = { userId: null, opId: 'seed-1' };
    const first = store.writeAll(ctx, reports(12));
    const again = store.writeAll(ctx, reports(12, () => ({ deaths: 5 })));
    expect(again).toMatchObject({ duplicate: true, opId: 'seed-1', changeCount: 12, created: 12, firstSeq: first.firstSeq, lastSeq: first.lastSeq });
    expect(store.list('caseReport').every((r) => r.deaths !== 5)).toBe(true);
    const before = snapshot();
    expect(store.writeAll(sys, [])).toMatchObject({ opCount: 0, changeCount: 0, firstSeq: null });
    expect(snapshot()).toEqual(before);
    expect(() => store.writeAll(sys, 5 as never)).toThrow(TypeError);
  });
});
