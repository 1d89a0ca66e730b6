import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../core/store';
import type { DeviceRole } from '../core/sync/protocol';

/**
 * Enrolment and device tokens. An admin creates a ONE-TIME code (role + districts, short
 * expiry) and reads it to the district office by phone; the device exchanges it for a
 * long random token it keeps. Only SHA-256 hashes of codes and tokens are stored, so a
 * copy of the hub database does not let anyone sync. Revoking a device kills its token.
 *
 * Kept as device-local values of the hub's own store (`meta`): a few hundred devices at
 * most, never synced, and no second database connection.
 */

export interface Device {
  deviceId: string;
  name: string;
  siteId: string;
  role: DeviceRole;
  districts: string[];
  tokenHash: string;
  createdAt: string;
  revokedAt: string | null;
}

interface Code {
  codeHash: string;
  role: DeviceRole;
  districts: string[];
  expiresAt: string;
  usedAt: string | null;
}

const DEVICES = 'hub.devices';
const CODES = 'hub.codes';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// Shared with the PostgreSQL backend (one definition of codes, tokens and their hashes).
/** 5 groups of 4 hex digits (80 bits): easy to read aloud over the phone, impossible to guess. */
export const newEnrolmentCode = () => randomBytes(10).toString('hex').toUpperCase().match(/.{4}/g)!.join('-');
export const newDeviceToken = () => randomBytes(32).toString('base64url');
export const newDeviceId = () => randomBytes(8).toString('hex');
/** What is stored for a code or a token (a copy of the database does not let anyone sync). */
export const hashToken = (token: string) => sha256(token);
export const hashCode = (code: string) => sha256(code.trim().toUpperCase());

export class HubAuth {
  constructor(
    private readonly store: Store,
    private readonly clock: () => number = Date.now,
  ) {}

  private devices(): Device[] {
    return this.store.getLocal<Device[]>(DEVICES) ?? [];
  }
  private codes(): Code[] {
    return this.store.getLocal<Code[]>(CODES) ?? [];
  }

  createCode(role: DeviceRole, districts: string[], ttlMinutes: number): string {
    const code = newEnrolmentCode();
    const now = this.clock();
    const live = this.codes().filter((c) => c.usedAt === null && Date.parse(c.expiresAt) > now);
    live.push({ codeHash: hashCode(code), role, districts, expiresAt: new Date(now + ttlMinutes * 60_000).toISOString(), usedAt: null });
    this.store.setLocal(CODES, live);
    return code;
  }

  /** Exchange a code for a token; null if the code is unknown, used or expired. */
  enrol(code: string, name: string, siteId: string): { device: Device; token: string } | null {
    const codes = this.codes();
    const now = this.clock();
    const c = codes.find((x) => x.codeHash === hashCode(code));
    if (!c || c.usedAt !== null || Date.parse(c.expiresAt) <= now) return null;
    c.usedAt = new Date(now).toISOString();
    this.store.setLocal(CODES, codes);
    const token = newDeviceToken();
    const device: Device = {
      deviceId: newDeviceId(),
      name,
      siteId,
      role: c.role,
      districts: c.districts,
      tokenHash: hashToken(token),
      createdAt: new Date(now).toISOString(),
      revokedAt: null,
    };
    this.store.setLocal(DEVICES, [...this.devices(), device]);
    return { device, token };
  }

  /** The live device holding this token, or null. */
  authenticate(token: string): Device | null {
    const h = hashToken(token);
    return this.devices().find((d) => d.tokenHash === h && d.revokedAt === null) ?? null;
  }

  revoke(deviceId: string): boolean {
    const all = this.devices();
    const d = all.find((x) => x.deviceId === deviceId && x.revokedAt === null);
    if (!d) return false;
    d.revokedAt = new Date(this.clock()).toISOString();
    this.store.setLocal(DEVICES, all);
    return true;
  }

  list(): Array<Omit<Device, 'tokenHash'>> {
    return this.devices().map(({ tokenHash: _t, ...d }) => d);
  }
}
