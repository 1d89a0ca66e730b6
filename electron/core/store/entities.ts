import { z } from 'zod';
import {
  adminUnit,
  caseReport,
  directive,
  facility,
  facilityStatus,
  reportId,
  task,
  taskUpdate,
  user,
  vaccination,
  zone,
  type AdminUnit,
  type CaseReport,
  type Directive,
  type Facility,
  type FacilityStatus,
  type Task,
  type TaskUpdate,
  type User,
  type Vaccination,
  type Zone,
} from '../../../shared/domain';

/**
 * Entity registry: entity name → table, primary key, columns and their SQL encoding.
 *
 * Columns are DERIVED from the zod schemas in shared/domain (a field is declared once);
 * only what a schema cannot say is written here: table name, key, foreign keys,
 * append-only and immutable fields. The DDL in migrations/ is written out by hand on
 * purpose (a migration must never change when a schema changes later);
 * tests/unit/store/registry.test.ts checks that the two agree column by column.
 */

/**
 * Shared operational settings (alert thresholds, report deadlines, …): user-visible
 * config that must be audited and synced like any other data, hence an entity.
 * Device-local values (backup folder, window size) live in `meta` instead.
 */
export const setting = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/i, 'khóa cấu hình không hợp lệ'),
  value: z.json(),
});
export type Setting = z.infer<typeof setting>;

export interface EntityTypes {
  adminUnit: AdminUnit;
  facility: Facility;
  facilityStatus: FacilityStatus;
  caseReport: CaseReport;
  vaccination: Vaccination;
  zone: Zone;
  directive: Directive;
  task: Task;
  taskUpdate: TaskUpdate;
  user: User;
  setting: Setting;
}
export type EntityName = keyof EntityTypes;
export type EntityOf<E extends EntityName> = EntityTypes[E];

/** How a field is stored: booleans as 0/1, objects/arrays as JSON text, the rest natively. */
export type ColumnKind = 'text' | 'integer' | 'real' | 'boolean' | 'json';

export interface ColumnDef {
  field: string;
  column: string;
  kind: ColumnKind;
  nullable: boolean;
  /** The field's own zod schema: used to validate partial updates field by field. */
  schema: z.ZodType;
}

export interface EntityDef {
  name: EntityName;
  table: string;
  schema: z.ZodObject;
  /** Field (and column) holding the primary key. */
  pk: string;
  pkColumn: string;
  columns: readonly ColumnDef[];
  byField: ReadonlyMap<string, ColumnDef>;
  /** Accepts create only (the follow-up log). */
  appendOnly: boolean;
  /** Fields that may be set at creation but never changed (key parts). */
  immutable: ReadonlySet<string>;
  /** Natural keys: the id a row must have, computed from its validated fields. */
  deriveId?: (row: Record<string, unknown>) => string;
  /** True when ids are generated (UUIDv7) if the caller gives none. */
  generatedId: boolean;
  /** field → referenced entity (foreign keys), for error messages naming the field. */
  refs: Readonly<Record<string, EntityName>>;
}

export function toSnakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/** Storage of one zod field schema; throws for shapes the store does not know how to persist. */
export function columnKindOf(schema: z.ZodType, where = ''): { kind: ColumnKind; nullable: boolean } {
  let s: unknown = schema;
  let nullable = false;
  for (;;) {
    const d = defOf(s);
    if (d.type === 'nullable') {
      nullable = true;
      s = d.innerType;
    } else if (d.type === 'pipe') {
      // text() trims/normalises: the stored value has the type of the input side.
      s = d.in;
    } else if (d.type === 'optional' || d.type === 'default') {
      // A missing value would come back as null, not undefined: not round-trippable.
      throw new Error(`${where}: optional fields are not supported by the store; use .nullable()`);
    } else break;
  }
  return { kind: baseKind(s, where), nullable };
}

function baseKind(s: unknown, where: string): ColumnKind {
  const d = defOf(s);
  switch (d.type) {
    case 'string':
    case 'enum':
      return 'text';
    case 'boolean':
      return 'boolean';
    case 'number':
      return (s as { isInt?: boolean }).isInt ? 'integer' : 'real';
    case 'literal': {
      const values = d.values as unknown[];
      if (values.every((v) => Number.isInteger(v))) return 'integer';
      if (values.every((v) => typeof v === 'string')) return 'text';
      break;
    }
    case 'union': {
      const kinds = new Set((d.options as unknown[]).map((o) => columnKindOf(o as z.ZodType, where).kind));
      if (kinds.size === 1) return [...kinds][0]!;
      break;
    }
    case 'object':
    case 'array':
    case 'tuple':
    case 'record':
      return 'json';
  }
  throw new Error(`${where}: cannot map zod type "${d.type}" to a column; add an override in the entity registry`);
}

interface EntitySpec {
  table: string;
  schema: z.ZodObject;
  pk?: string;
  appendOnly?: boolean;
  immutable?: string[];
  deriveId?: (row: Record<string, unknown>) => string;
  refs?: Record<string, EntityName>;
  /** Storage for fields whose zod type cannot be inspected (z.json() is lazy). */
  overrides?: Record<string, { kind: ColumnKind; nullable: boolean }>;
}

function define(name: EntityName, spec: EntitySpec): EntityDef {
  const pk = spec.pk ?? 'id';
  const shape = spec.schema.shape as Record<string, z.ZodType>;
  if (!(pk in shape)) throw new Error(`${name}: primary key field "${pk}" is not in the schema`);
  const columns = Object.entries(shape).map(([field, fs]): ColumnDef => {
    const storage = spec.overrides?.[field] ?? columnKindOf(fs, `${name}.${field}`);
    return { field, column: toSnakeCase(field), ...storage, schema: fs };
  });
  return {
    name,
    table: spec.table,
    schema: spec.schema,
    pk,
    pkColumn: toSnakeCase(pk),
    columns,
    byField: new Map(columns.map((c) => [c.field, c])),
    appendOnly: spec.appendOnly ?? false,
    immutable: new Set([pk, ...(spec.immutable ?? [])]),
    ...(spec.deriveId ? { deriveId: spec.deriveId } : {}),
    generatedId: !spec.deriveId && pk === 'id',
    refs: spec.refs ?? {},
  };
}

const naturalReportId = (row: Record<string, unknown>) => reportId(String(row.unitCode), String(row.date));

export const ENTITIES: Readonly<Record<EntityName, EntityDef>> = {
  adminUnit: define('adminUnit', {
    table: 'admin_units',
    schema: adminUnit,
    pk: 'code',
    refs: { parentCode: 'adminUnit' },
  }),
  facility: define('facility', { table: 'facilities', schema: facility, refs: { unitCode: 'adminUnit' } }),
  facilityStatus: define('facilityStatus', {
    table: 'facility_status',
    schema: facilityStatus,
    refs: { facilityId: 'facility' },
  }),
  caseReport: define('caseReport', {
    table: 'case_reports',
    schema: caseReport,
    immutable: ['unitCode', 'date'],
    deriveId: naturalReportId,
    refs: { unitCode: 'adminUnit' },
  }),
  vaccination: define('vaccination', {
    table: 'vaccinations',
    schema: vaccination,
    immutable: ['unitCode', 'date'],
    deriveId: naturalReportId,
    refs: { unitCode: 'adminUnit' },
  }),
  zone: define('zone', { table: 'zones', schema: zone, refs: { unitCode: 'adminUnit' } }),
  directive: define('directive', { table: 'directives', schema: directive }),
  task: define('task', {
    table: 'tasks',
    schema: task,
    refs: {
      directiveId: 'directive',
      assigneeUnitCode: 'adminUnit',
      placeUnitCode: 'adminUnit',
      placeFacilityId: 'facility',
      parentTaskId: 'task',
    },
  }),
  taskUpdate: define('taskUpdate', {
    table: 'task_updates',
    schema: taskUpdate,
    appendOnly: true,
    refs: { taskId: 'task' },
  }),
  user: define('user', { table: 'users', schema: user }),
  setting: define('setting', {
    table: 'settings',
    schema: setting,
    pk: 'key',
    overrides: { value: { kind: 'json', nullable: true } },
  }),
};

export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];

/** Tables the store owns that are not entities. Anything else in sqlite_master is a bug. */
export const INTERNAL_TABLES = ['meta', 'changes', 'field_versions', 'ops', 'conflicts', 'sqlite_sequence'] as const;

/** Column on every entity table marking a tombstone (see write.ts). Not a domain field. */
export const DELETED_COLUMN = '_deleted';

export function entityDef(name: string): EntityDef | undefined {
  return Object.hasOwn(ENTITIES, name) ? ENTITIES[name as EntityName] : undefined;
}

/** Domain value → SQL parameter. */
export function encodeValue(col: ColumnDef, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (col.kind) {
    case 'boolean':
      return v ? 1 : 0;
    case 'json':
      return JSON.stringify(v);
    default:
      return v;
  }
}

/** SQL value → domain value. Trusted: no validation on the way out. */
export function decodeValue(col: ColumnDef, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (col.kind) {
    case 'boolean':
      return v !== 0;
    case 'json':
      return JSON.parse(v as string);
    default:
      return v;
  }
}

/** `col AS "field", …` so rows come back keyed by camelCase field names. */
export function selectList(def: EntityDef): string {
  return def.columns.map((c) => `"${c.column}" AS "${c.field}"`).join(', ');
}

/** Row as read with selectList() → domain object (JSON parsed, booleans restored). */
export function rowToEntity<E extends EntityName>(def: EntityDef, row: Record<string, unknown>): EntityOf<E> {
  const out: Record<string, unknown> = {};
  for (const c of def.columns) out[c.field] = decodeValue(c, row[c.field]);
  return out as EntityOf<E>;
}
