import { z } from 'zod';
import { entityName, isoDateTime } from '../../domain';
import { op } from '../op';

/**
 * Optional network sync with a hub, seen from this device (settings, status, "sync now",
 * log, concurrent-edit conflicts) and the offline route: changes on a file (USB stick).
 * Merged into shared/api/contract.ts; handlers in electron/core/api/handlers/sync.ts,
 * logic in electron/core/sync/.
 *
 * With sync never set up, `sync.status` says `configured: false` and nothing runs.
 */

export const syncRole = z.enum(['operator', 'district_reporter', 'viewer']);

/** Background rounds: every N seconds (0 = only when someone presses "sync now"). */
export const syncInterval = z.number().int('phải là số nguyên / whole seconds').min(0).max(86_400, 'tối đa 1 ngày / at most one day');

export const syncStatusOut = z.object({
  configured: z.boolean(),
  hubUrl: z.string().nullable(),
  deviceName: z.string().nullable(),
  /** What the hub lets this device do (district reporters: only their districts). */
  role: syncRole.nullable(),
  districts: z.array(z.string()),
  intervalSec: z.number().int(),
  /** A round is in progress. */
  running: z.boolean(),
  lastSuccessAt: isoDateTime.nullable(),
  lastAttemptAt: isoDateTime.nullable(),
  lastError: z.string().nullable(),
  /** Local changes the hub has not acknowledged yet. */
  pending: z.number().int(),
  /** Concurrent edits that overwrote a value here and were not looked at yet. */
  openConflicts: z.number().int(),
  siteId: z.string(),
});
export type SyncStatusOut = z.infer<typeof syncStatusOut>;

export const syncRoundOut = z.object({ pulled: z.number().int(), pushed: z.number().int(), conflicts: z.number().int() });

export const syncLogEntry = z.object({
  at: isoDateTime,
  trigger: z.enum(['manual', 'auto', 'file']),
  ok: z.boolean(),
  pulled: z.number().int(),
  pushed: z.number().int(),
  conflicts: z.number().int(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
});
export type SyncLogEntry = z.infer<typeof syncLogEntry>;

const hubUrl = z
  .string()
  .trim()
  .max(300)
  .refine((s) => /^https?:\/\/[^\s/]+/i.test(s), 'địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https:// / the hub address must start with http:// or https://');

export const syncEnrolIn = z
  .object({
    hubUrl,
    code: z.string().trim().min(6, 'mã đăng ký quá ngắn / code too short').max(100),
    deviceName: z.string().trim().min(1, 'cần tên máy / device name required').max(120),
    intervalSec: syncInterval.default(60),
    /** PEM certificate of a hub with a self-signed certificate (or its CA). */
    ca: z.string().trim().max(20_000).regex(/-----BEGIN CERTIFICATE-----/, 'không phải chứng chỉ PEM / not a PEM certificate').optional(),
    /** Send the token over plain http:// to a non-loopback hub (only inside a trusted network). */
    allowPlainHttp: z.boolean().default(false),
  })
  .strict();

export const syncConflict = z.object({
  id: z.number().int(),
  entity: entityName,
  entityId: z.string(),
  field: z.string(),
  /** The value that lost (what this screen can restore). */
  losingValue: z.unknown(),
  /** The value the row has now. */
  currentValue: z.unknown(),
  losingSiteId: z.string(),
  losingUserName: z.string().nullable(),
  winningSiteId: z.string(),
  winningUserName: z.string().nullable(),
  /** When the two edits were made (from their stamps). */
  losingAt: isoDateTime,
  winningAt: isoDateTime,
  detectedAt: isoDateTime,
  resolved: z.boolean(),
  /** Whether "restore" can write the losing value back (not for deletions). */
  restorable: z.boolean(),
});
export type SyncConflict = z.infer<typeof syncConflict>;

const fileIn = z.object({ fileName: z.string().max(260), contentBase64: z.string().max(200 * 1024 * 1024 * 1.4) }).strict();

export const syncFilePreview = z.object({
  siteId: z.string(),
  createdAt: isoDateTime,
  schemaVersion: z.number().int(),
  /** 'pending' = the sender's unsent changes; 'all' = its whole change log. */
  scope: z.enum(['pending', 'all']),
  /** The file was made on this machine (importing it changes nothing). */
  ownSite: z.boolean(),
  count: z.number().int(),
  alreadyHave: z.number().int(),
  toApply: z.number().int(),
  /** Changes to apply, per entity. */
  entities: z.record(z.string(), z.number().int()),
});

export const syncOps = {
  'sync.status': op({
    kind: 'query',
    input: z.object({}).strict(),
    output: syncStatusOut,
    minRole: 'viewer',
    summary: 'Sync state of this device: configured, hub, last success, pending changes, last error, open conflicts',
  }),
  'sync.enrol': op({
    kind: 'mutation',
    input: syncEnrolIn,
    output: syncStatusOut,
    minRole: 'admin',
    summary: 'Enrol this device at a hub with a one-time code; the token is kept on this device only',
  }),
  'sync.settings.set': op({
    kind: 'mutation',
    input: z.object({ intervalSec: syncInterval }).strict(),
    output: syncStatusOut,
    minRole: 'admin',
    summary: 'How often this device syncs in the background (0 = only on demand)',
  }),
  'sync.disconnect': op({
    kind: 'mutation',
    input: z.object({}).strict(),
    output: syncStatusOut,
    minRole: 'admin',
    summary: 'Forget the hub and token (data stays; unsent changes stay pending)',
  }),
  'sync.now': op({
    kind: 'mutation',
    input: z.object({}).strict(),
    output: syncRoundOut,
    minRole: 'operator',
    summary: 'One sync round now: pull, then push',
  }),
  'sync.log': op({
    kind: 'query',
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.array(syncLogEntry),
    minRole: 'viewer',
    summary: 'Recent sync rounds and file imports of this device, newest first',
  }),
  'sync.conflicts.list': op({
    kind: 'query',
    input: z.object({ entity: entityName.optional(), entityId: z.string().max(200).optional(), includeResolved: z.boolean().default(false) }).strict(),
    output: z.array(syncConflict),
    minRole: 'viewer',
    summary: 'Fields changed at the same time at two sites, with the value that lost',
  }),
  'sync.conflicts.restore': op({
    kind: 'mutation',
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: syncConflict,
    minRole: 'operator',
    summary: 'Write the losing value back (an ordinary, synced edit) and close the conflict',
  }),
  'sync.conflicts.dismiss': op({
    kind: 'mutation',
    input: z.object({ id: z.number().int().positive() }).strict(),
    output: syncConflict,
    minRole: 'operator',
    summary: 'Keep the current value and close the conflict (this device only)',
  }),
  'sync.file.export': op({
    kind: 'mutation',
    input: z.object({ scope: z.enum(['pending', 'all']) }).strict(),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), count: z.number().int() }),
    minRole: 'operator',
    summary: 'Changes on a file for a USB stick: the ones the hub has not acknowledged, or the whole log',
  }),
  'sync.file.preview': op({
    kind: 'query',
    input: fileIn,
    output: syncFilePreview,
    minRole: 'operator',
    summary: 'Check a changes file and say what importing it would do (writes nothing)',
  }),
  'sync.file.import': op({
    kind: 'mutation',
    input: fileIn,
    output: z.object({ recorded: z.number().int(), duplicates: z.number().int(), conflicts: z.number().int() }),
    minRole: 'operator',
    summary: 'Apply a changes file: all or nothing, idempotent, same checks as the hub',
  }),
} as const satisfies Record<string, ReturnType<typeof op>>;
