import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_NAMES, INTERNAL_TABLES } from '../../../electron/core/store';
import { useTmpDir } from '../../helpers/tmp';
import { SAMPLES, seedParents } from '../../unit/store/fixtures';
import { storeOpener } from './helpers';

/**
 * Guard: every registered entity goes through the write path completely — a create leaves
 * one `_created` change row holding every field, each field of an update leaves a change
 * row, a delete leaves a tombstone — and the database holds no table the registry does
 * not know about.
 */

const tmp = useTmpDir();
const stores = storeOpener();
afterEach(() => stores.closeAll());

describe('write-path guard: every entity, every field', () => {
  it('has samples for every registered entity whose update touches every mutable field', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...ENTITY_NAMES].sort());
    for (const name of ENTITY_NAMES) {
      const def = ENTITIES[name];
      if (def.appendOnly) continue;
      const mutable = def.columns.map((c) => c.field).filter((f) => !def.immutable.has(f));
      expect(Object.keys(SAMPLES[name].update).sort(), `${name}: fixtures.ts update sample`).toEqual(mutable.sort());
    }
  });

  it.each(ENTITY_NAMES)('%s: create, update and delete all leave change rows', (name) => {
    const def = ENTITIES[name];
    const sample = SAMPLES[name];
    const store = stores.open({ path: path.join(tmp(), 'g.db') });
    seedParents(store);
    const fieldsOf = (opId: string) =>
      store
        .changesSince(0, 1e6)
        .filter((c) => c.opId === opId)
        .map((c) => c.field);

    const created = store.write({ userId: 'u' }, [{ op: 'create', entity: name, id: sample.id, fields: sample.create }]);
    const id = created.ids[0]!;
    const nonKey = def.columns.map((c) => c.field).filter((f) => f !== def.pk);
    // A create is ONE `_created` row whose value holds every non-key field: with the key
    // (entity_id) it rebuilds the stored row exactly.
    expect(fieldsOf(created.opId)).toEqual(['_created']);
    const createdRow = store.changesSince(0, 1e6).find((c) => c.opId === created.opId)!;
    expect(Object.keys(createdRow.value as object)).toEqual(nonKey);
    const row = store.get(name, id) as Record<string, unknown>;
    expect({ [def.pk]: createdRow.entityId, ...(createdRow.value as object) }).toEqual(row);
    for (const [k, v] of Object.entries(sample.create)) expect(row[k], `${name}.${k} round-trips`).toEqual(v);

    if (def.appendOnly) {
      expect(() => store.write({ userId: 'u' }, [{ op: 'update', entity: name, id, fields: sample.update }])).toThrow();
      expect(() => store.write({ userId: 'u' }, [{ op: 'delete', entity: name, id }])).toThrow();
      expect(store.get(name, id)).toBeDefined();
      return;
    }

    const updated = store.write({ userId: 'u' }, [{ op: 'update', entity: name, id, fields: sample.update }]);
    expect(fieldsOf(updated.opId).sort()).toEqual(Object.keys(sample.update).sort());
    const after = store.get(name, id) as Record<string, unknown>;
    for (const [k, v] of Object.entries(sample.update)) expect(after[k], `${name}.${k} updated`).toEqual(v);
    // …and each of those fields now carries its own version.
    const versions = store.db
      .prepare('SELECT field FROM field_versions WHERE entity = ? AND entity_id = ?')
      .all(name, id)
      .map((r) => (r as { field: string }).field);
    expect(versions.sort()).toEqual(['_created', ...Object.keys(sample.update)].sort());

    const deleted = store.write({ userId: 'u' }, [{ op: 'delete', entity: name, id }]);
    expect(fieldsOf(deleted.opId)).toEqual(['_deleted']);
    expect(store.get(name, id)).toBeUndefined();
    expect(store.list(name).some((r) => (r as Record<string, unknown>)[def.pk] === id)).toBe(false);
  });
});

describe('write-path guard: the streamed path records the same', () => {
  it.each(ENTITY_NAMES)('%s: writeAll create leaves the same `_created` row as write', (name) => {
    const sample = SAMPLES[name];
    const rowsOf = (store: ReturnType<typeof stores.open>, opId: string) =>
      store
        .changesSince(0, 1e6)
        .filter((c) => c.opId === opId)
        .map(({ entity, field, value }) => ({ entity, field, value }));
    const a = stores.open({ path: path.join(tmp(), 'a.db') });
    const b = stores.open({ path: path.join(tmp(), 'b.db') });
    seedParents(a);
    seedParents(b);
    const op = { op: 'create' as const, entity: name, id: sample.id, fields: sample.create };
    const viaWrite = a.write({ userId: 'u' }, [op]);
    const viaStream = b.writeAll({ userId: 'u' }, [op]);
    expect(viaStream.changeCount).toBe(1);
    const expected = rowsOf(a, viaWrite.opId);
    if (sample.id === undefined && ENTITIES[name].generatedId) {
      // Generated ids differ between the two stores; the values must not.
      expect(rowsOf(b, viaStream.opId).map((r) => r.value)).toEqual(expected.map((r) => r.value));
    } else expect(rowsOf(b, viaStream.opId)).toEqual(expected);
  });
});

describe('write-path guard: every table is known', () => {
  it('sqlite_master holds only registered entity tables and the listed internal tables', () => {
    const store = stores.open({ path: path.join(tmp(), 't.db') });
    seedParents(store); // creates sqlite_sequence
    const tables = (store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>)
      .map((r) => r.name)
      .sort();
    const known = [...Object.values(ENTITIES).map((e) => e.table), ...INTERNAL_TABLES].sort();
    expect(tables).toEqual(known);
    expect(store.db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type IN ('view', 'trigger')`).get()).toEqual({ n: 0 });
  });
});
