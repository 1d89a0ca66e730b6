import { z } from 'zod';
import { remoteChange } from '../store/applyRemote';

/**
 * The sync wire protocol between a device (client.ts) and the hub (electron/hub/). One
 * definition, parsed on both sides. Changes travel exactly as they are in the change log
 * (entity, id, field, JSON value, original HLC stamp, site, user, op id); the hub adds its
 * own `seq` (its commit order) on the way out.
 */

export const SYNC_PROTOCOL = 1;

export const deviceRole = z.enum(['operator', 'district_reporter', 'viewer']);
export type DeviceRole = z.infer<typeof deviceRole>;

/** Changes of one write call travel together (the hub is idempotent per change, so a huge op may be split). */
export const pushOp = z.object({
  opId: z.string().min(1).max(100),
  changes: z.array(remoteChange).min(1).max(50_000),
});
export const pushRequest = z.object({
  schemaVersion: z.number().int().nonnegative(),
  ops: z.array(pushOp).max(10_000),
});
export type PushRequest = z.infer<typeof pushRequest>;
export const pushResponse = z.object({
  recorded: z.number().int(),
  duplicates: z.number().int(),
  /** Hub seq after this push (the device may pull from its old cursor; its own rows are skipped). */
  hubSeq: z.number().int(),
});
export type PushResponse = z.infer<typeof pushResponse>;

export const pulledChange = remoteChange.extend({ seq: z.number().int() });
export type PulledChange = z.infer<typeof pulledChange>;
export const pullResponse = z.object({
  changes: z.array(pulledChange),
  /** Pass back as `cursor` next time: the last hub seq EXAMINED (rows filtered out by scope included). */
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponse>;

export const enrolRequest = z.object({
  code: z.string().min(6).max(100),
  deviceName: z.string().trim().min(1).max(120),
  siteId: z.string().regex(/^[A-Za-z0-9_.]{1,64}$/),
});
export const enrolResponse = z.object({
  deviceId: z.string(),
  token: z.string(),
  role: deviceRole,
  districts: z.array(z.string()),
});
export type EnrolResponse = z.infer<typeof enrolResponse>;

export const createCodeRequest = z.object({
  role: deviceRole,
  districts: z.array(z.string().regex(/^\d{3}$/, 'mã quận/huyện 3 chữ số / 3-digit district code')).max(30).default([]),
  ttlMinutes: z.number().int().min(1).max(60 * 24 * 30).default(60 * 24),
});

/** Error body of every non-2xx hub response. */
export const hubError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
