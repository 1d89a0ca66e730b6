import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_NAMES, INTERNAL_TABLES } from '../../../electron/core/store';
import { useTmpDir } from '../../helpers/tmp';
import { SAMPLES, seedParents } from '../../unit/store/fixtures';
import { storeOpener } from './helpers';

/**
 * Guard: every registered entity goes through the write path completely — each field of
 * a create and of an update leaves a change row, a delete leaves a tombstone — and the
 * database holds no table the registry does not know about.
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
    expect(fieldsOf(created.opId).sort()).toEqual(['_created', ...nonKey].sort());
    const row = store.get(name, id) as Record<string, unknown>;
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
