import { z } from 'zod';
import {
  adminUnit,
  caseReport,
  caseReportFields,
  changeRow,
  directive,
  entityName,
  facility,
  facilityStatus,
  isoDate,
  task,
  taskStatus,
  taskUpdate,
  unitCode,
  unitLevel,
  user,
  uuid,
  vaccination,
  vaccinationFields,
  zone,
  count,
} from '../domain';

/**
 * THE API contract: every operation the renderer can ask of the core, declared once
 * with its zod input and output schemas. The Electron IPC handlers and the web-mode
 * HTTP routes are both generated from this table, validate with the same schemas and
 * call the same core handlers; the renderer's client is typed from it. Adding an
 * operation here (and its handler in electron/core/api) is all a transport needs.
 */

import { crud, empty, op } from './op';
import { metricsOps } from './ops/metrics';
import { ioOps } from './ops/io';
import { boardOps } from './ops/boards';
import { mapOps } from './ops/map';
import { settingsOps } from './ops/settings';
import { scenarioOps } from './ops/scenarios';
import { wallOps } from './ops/wall';
import { syncOps } from './ops/sync';
export type { OpDef, OpKind } from './op';

export const appInfo = z.object({
  name: z.string(),
  version: z.string(),
  transport: z.enum(['ipc', 'http']),
  /** 'empty' until the user chose demo data or an empty store on first run. */
  storeState: z.enum(['uninitialised', 'empty', 'demo', 'live']),
  demo: z.boolean(),
  schemaVersion: z.number().int(),
  siteId: z.string(),
  /** Newest report date in the store and the time of the last recorded change. */
  freshness: z.object({
    lastReportDate: isoDate.nullable(),
    lastChangeAt: z.string().nullable(),
  }),
});
export type AppInfo = z.infer<typeof appInfo>;

const reportRowIn = <F extends Record<string, typeof count>>(fields: F) =>
  z.object({ unitCode, date: isoDate, ...fields }).strict();

const dateRangeFilter = z
  .object({ unitCode: unitCode.optional(), date: isoDate.optional(), from: isoDate.optional(), to: isoDate.optional() })
  .strict();

export const contract = {
  'app.info': op({ kind: 'query', input: empty, output: appInfo, minRole: 'viewer', summary: 'Name, version, store state, freshness' }),
  'app.initStore': op({
    kind: 'mutation',
    input: z.object({ mode: z.enum(['demo', 'empty']), seed: z.number().int().optional() }).strict(),
    output: appInfo,
    minRole: 'admin',
    summary: 'First run: fill the store with labelled demo data, or start empty',
  }),

  'units.list': op({
    kind: 'query',
    input: z.object({ level: unitLevel.optional(), parentCode: unitCode.optional() }).strict(),
    output: z.array(adminUnit),
    minRole: 'viewer',
    summary: 'Administrative units (province, districts, wards)',
  }),
  'boundaries.get': op({
    kind: 'query',
    input: z.object({ level: z.enum(['district', 'ward']) }).strict(),
    output: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }),
    minRole: 'viewer',
    summary: 'Boundaries of one level as GeoJSON (districts shipped, wards when imported)',
  }),

  ...crud('facilities', facility, z.object({ tier: z.number().int().optional(), unitCode: unitCode.optional() }).strict()),
  'facilityStatus.list': op({
    kind: 'query',
    input: z.object({ facilityId: uuid, from: z.string().optional(), to: z.string().optional() }).strict(),
    output: z.array(facilityStatus),
    minRole: 'viewer',
    summary: 'Status snapshots of one facility, oldest first',
  }),
  'facilityStatus.create': op({
    kind: 'mutation',
    input: facilityStatus.omit({ id: true }).strict(),
    output: facilityStatus,
    minRole: 'operator',
    summary: 'Record a facility status snapshot',
  }),

  'caseReports.list': op({ kind: 'query', input: dateRangeFilter, output: z.array(caseReport), minRole: 'viewer', summary: 'Case reports' }),
  'caseReports.upsert': op({
    kind: 'mutation',
    input: z.object({ rows: z.array(reportRowIn(caseReportFields)).min(1).max(100_000) }).strict(),
    output: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
    minRole: 'operator',
    summary: 'Save case reports (one transaction; all or nothing)',
  }),
  'vaccinations.list': op({ kind: 'query', input: dateRangeFilter, output: z.array(vaccination), minRole: 'viewer', summary: 'Vaccination reports' }),
  'vaccinations.upsert': op({
    kind: 'mutation',
    input: z.object({ rows: z.array(reportRowIn(vaccinationFields)).min(1).max(100_000) }).strict(),
    output: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
    minRole: 'operator',
    summary: 'Save vaccination reports (one transaction; all or nothing)',
  }),

  ...crud('zones', zone, z.object({ activeOn: isoDate.optional() }).strict()),
  ...crud('directives', directive, z.object({}).strict()),
  ...crud(
    'tasks',
    task,
    z.object({ status: taskStatus.optional(), directiveId: uuid.optional(), assigneeUnitCode: unitCode.optional() }).strict(),
    { createdAt: true },
  ),
  'taskUpdates.list': op({
    kind: 'query',
    input: z.object({ taskId: uuid }).strict(),
    output: z.array(taskUpdate),
    minRole: 'viewer',
    summary: 'Follow-up log of a task, oldest first',
  }),
  'taskUpdates.create': op({
    kind: 'mutation',
    input: taskUpdate.omit({ id: true, at: true, author: true }).strict(),
    output: taskUpdate,
    minRole: 'operator',
    summary: 'Append a comment, status change or reminder (append-only)',
  }),

  ...crud('users', user, z.object({}).strict(), { hasPassword: true }),
  'users.setPassword': op({
    kind: 'mutation',
    input: z.object({ id: uuid, password: z.string().min(8, 'mật khẩu cần ít nhất 8 ký tự').max(200).nullable() }).strict(),
    output: user,
    minRole: 'admin',
    summary: 'Set or clear a user password (scrypt hash)',
  }),
  'session.current': op({ kind: 'query', input: empty, output: user.nullable(), minRole: 'viewer', summary: 'The operator recorded on changes from this device' }),
  'session.switch': op({
    kind: 'mutation',
    input: z.object({ userId: uuid, password: z.string().max(200).optional() }).strict(),
    output: user,
    minRole: 'viewer',
    summary: 'Change the current operator (password checked when the user has one)',
  }),

  'changes.list': op({
    kind: 'query',
    input: z
      .object({ afterSeq: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(5000).default(500), entity: entityName.optional(), entityId: z.string().optional() })
      .strict(),
    output: z.array(changeRow),
    minRole: 'viewer',
    summary: 'The recorded change log (audit trail)',
  }),

  // Area groups: each feature owns its operations in shared/api/ops/<area>.ts.
  ...metricsOps,
  ...ioOps,
  ...boardOps,
  ...mapOps,
  ...settingsOps,
  ...scenarioOps,
  ...wallOps,
  ...syncOps,
} as const;

export type Contract = typeof contract;
export type OpName = keyof Contract & string;
export type OpInput<K extends OpName> = z.input<Contract[K]['input']>;
export type OpParsedInput<K extends OpName> = z.output<Contract[K]['input']>;
export type OpOutput<K extends OpName> = z.output<Contract[K]['output']>;
export const opNames = Object.keys(contract) as OpName[];
export const isOpName = (name: string): name is OpName => Object.prototype.hasOwnProperty.call(contract, name);

/** Pushed to every open screen after a commit (IPC event or server-sent event). */
export const changeEvent = z.object({
  entities: z.array(z.string()),
  /** Newest change-log sequence number after the commit; lets a client catch up. */
  seq: z.number().int(),
  at: z.string(),
});
export type ChangeEvent = z.infer<typeof changeEvent>;
