import type { ChangeRow } from '../../shared/domain';
import type { RemoteChange } from '../core/store';
import type { DeviceRole } from '../core/sync/protocol';
import type { Device } from './auth';
import type { RowLookup } from './scope';

/**
 * What the hub's HTTP layer (server.ts) needs from storage. Two implementations:
 * - `SqliteBackend` (sqlite-backend.ts): one process, the hub's own core store; its rows are
 *   the merged state (store.applyRemote), its `changes.seq` is the cursor.
 * - `PgBackend` (pg-backend.ts): any number of STATELESS hub processes on one PostgreSQL
 *   database; a change log, devices, codes and the few fields district scope needs.
 * The backend never merges anything for the devices: it stores, orders and serves; the
 * HTTP layer authenticates, validates, limits and authorises (through `authorise`).
 */

export type DeviceInfo = Omit<Device, 'tokenHash'>;

/** A device enrolled, or why not: code unknown/used/expired, or another live device holds the site id. */
export type EnrolOutcome = { device: Device; token: string } | 'bad_code' | 'site_taken';

export interface PushOutcome {
  recorded: number;
  duplicates: number;
  /** Highest hub seq once this push is stored (a device may pull from its old cursor). */
  hubSeq: number;
}

export interface PullPage {
  /** Changes after the cursor in seq order (never a gap that a later commit could fill). */
  rows: ChangeRow[];
  /** Rows the district filter needs for exactly these changes (null when not asked). */
  lookup: RowLookup | null;
}

export interface HubBackend {
  readonly kind: 'sqlite' | 'pg';
  createCode(role: DeviceRole, districts: string[], ttlMinutes: number): Promise<string>;
  enrol(code: string, name: string, siteId: string): Promise<EnrolOutcome>;
  /** The live device holding this token, or null. */
  authenticate(token: string): Promise<Device | null>;
  revoke(deviceId: string): Promise<boolean>;
  devices(): Promise<DeviceInfo[]>;
  lastSeq(): Promise<number>;
  /**
   * Validate (ValidationError naming entity/id/field → 400) and store a batch, once per
   * identity (hlc, entity, entity_id, field). `authorise` runs first with the rows as of this
   * push; if it throws nothing is written.
   */
  push(changes: RemoteChange[], authorise?: (rows: RowLookup) => void): Promise<PushOutcome>;
  pull(cursor: number, limit: number, scoped: boolean): Promise<PullPage>;
  /**
   * Every change up to `maxSeq` of these rows and of their child rows (a task's follow-ups,
   * a facility's status reports): what a district reporter missed while a row belonged to
   * another district and must receive when the row moves into theirs.
   */
  history(rows: Array<{ entity: string; id: string }>, maxSeq: number): Promise<ChangeRow[]>;
  close(): Promise<void>;
}
