import Database from 'better-sqlite3';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  columnKindOf,
  DELETED_COLUMN,
  ENTITIES,
  ENTITY_NAMES,
  entityDef,
  toSnakeCase,
} from '../../../electron/core/store/entities';
import { migrate } from '../../../electron/core/store/migrations';

describe('entity registry', () => {
  it('maps camelCase fields to snake_case columns', () => {
    expect(toSnakeCase('areaKm2')).toBe('area_km2');
    expect(toSnakeCase('f1HomeQuarantine')).toBe('f1_home_quarantine');
    expect(toSnakeCase('homeF0Capacity')).toBe('home_f0_capacity');
    expect(toSnakeCase('id')).toBe('id');
  });

  it('derives every column from the zod schema, with the right storage', () => {
    for (const name of ENTITY_NAMES) {
      const def = ENTITIES[name];
      expect(def.columns.map((c) => c.field)).toEqual(Object.keys(def.schema.shape));
    }
    const kind = (e: keyof typeof ENTITIES, f: string) => {
      const c = ENTITIES[e].byField.get(f)!;
      return `${c.kind}${c.nullable ? '?' : ''}`;
    };
    expect(kind('zone', 'geometry')).toBe('json');
    expect(kind('directive', 'groups')).toBe('json');
    expect(kind('user', 'districtCodes')).toBe('json');
    expect(kind('user', 'hasPassword')).toBe('boolean');
    expect(kind('facility', 'atIndustrialPark')).toBe('boolean');
    expect(kind('facility', 'tier')).toBe('integer');
    expect(kind('facility', 'beds')).toBe('integer');
    expect(kind('facility', 'homeF0Capacity')).toBe('integer?');
    expect(kind('facility', 'lon')).toBe('real?');
    expect(kind('adminUnit', 'areaKm2')).toBe('real?');
    expect(kind('facility', 'osmId')).toBe('text?');
    expect(kind('task', 'status')).toBe('text');
    expect(kind('setting', 'value')).toBe('json?');
  });

  it('refuses zod shapes it cannot store faithfully', () => {
    expect(() => columnKindOf(z.string().optional(), 'x.y')).toThrow(/optional/);
    expect(() => columnKindOf(z.date(), 'x.y')).toThrow(/cannot map/);
    expect(() => columnKindOf(z.union([z.string(), z.number()]), 'x.y')).toThrow(/cannot map/);
  });

  it('entityDef() only knows registered names', () => {
    expect(entityDef('caseReport')?.table).toBe('case_reports');
    expect(entityDef('toString')).toBeUndefined();
    expect(entityDef('nope')).toBeUndefined();
  });
});

describe('registry ↔ migrated schema', () => {
  const db = new Database(':memory:');
  migrate(db);

  it.each(ENTITY_NAMES)('%s: columns, types, nullability and key match the DDL', (name) => {
    const def = ENTITIES[name];
    const info = db.pragma(`table_info(${def.table})`) as Array<{
      name: string;
      type: string;
      notnull: number;
      pk: number;
      dflt_value: string | null;
    }>;
    expect(info.length, `table ${def.table} exists`).toBeGreaterThan(0);
    expect(info.map((c) => c.name).sort()).toEqual([...def.columns.map((c) => c.column), DELETED_COLUMN].sort());
    for (const c of def.columns) {
      const col = info.find((i) => i.name === c.column)!;
      const sqlType = { integer: 'INTEGER', boolean: 'INTEGER', real: 'REAL', text: 'TEXT', json: 'TEXT' }[c.kind];
      expect(col.type, `${def.table}.${c.column} type`).toBe(sqlType);
      // The key column is NOT NULL; other columns are NOT NULL exactly when the field is not nullable.
      expect(col.notnull === 1, `${def.table}.${c.column} NOT NULL`).toBe(!c.nullable);
      expect(col.pk === 1, `${def.table}.${c.column} pk`).toBe(c.field === def.pk);
    }
    const del = info.find((i) => i.name === DELETED_COLUMN)!;
    expect([del.type, del.notnull, del.dflt_value]).toEqual(['INTEGER', 1, '0']);
  });

  it.each(ENTITY_NAMES)('%s: foreign keys match the registry refs (used to name the field on errors)', (name) => {
    const def = ENTITIES[name];
    const fks = db.pragma(`foreign_key_list(${def.table})`) as Array<{ table: string; from: string; to: string; deferrable?: unknown }>;
    const fromDdl = Object.fromEntries(fks.map((f) => [f.from, `${f.table}.${f.to}`]));
    const fromRegistry = Object.fromEntries(
      Object.entries(def.refs).map(([field, parent]) => [toSnakeCase(field), `${ENTITIES[parent].table}.${ENTITIES[parent].pkColumn}`]),
    );
    expect(fromDdl).toEqual(fromRegistry);
  });

  it('every foreign key is DEFERRABLE INITIALLY DEFERRED (multi-op writes and sync batches in any order)', () => {
    const ddl = (db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table'`).all() as Array<{ sql: string }>)
      .map((r) => r.sql)
      .join('\n');
    const refs = ddl.match(/REFERENCES\s+\w+\(\w+\)[^,\n]*/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(r).toMatch(/DEFERRABLE INITIALLY DEFERRED/);
  });
});
