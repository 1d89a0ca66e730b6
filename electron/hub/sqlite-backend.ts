import type { ChangeRow } from '../../shared/domain';
import type { RemoteChange, Store } from '../core/store';
import type { DeviceRole } from '../core/sync/protocol';
import { HubAuth } from './auth';
import type { EnrolOutcome, HubBackend, PullPage, PushOutcome } from './backend';
import { CHILD_ROWS, storeLookup, type RowLookup } from './scope';

/**
 * The single-process hub: the same core store in hub mode. Pushes are applied with
 * store.applyRemote, so the hub's rows are the merged state (used to derive districts).
 * Cursor = its own `changes.seq`: SQLite has a single writer, so seq order IS commit order
 * and "after cursor" never skips a row. Everything here is synchronous underneath: no
 * other request can run between the scope check and the write.
 */
export class SqliteBackend implements HubBackend {
  readonly kind = 'sqlite' as const;
  readonly auth: HubAuth;

  constructor(
    readonly store: Store,
    clock: () => number,
  ) {
    this.auth = new HubAuth(store, clock);
  }

  async createCode(role: DeviceRole, districts: string[], ttlMinutes: number): Promise<string> {
    return this.auth.createCode(role, districts, ttlMinutes);
  }

  async enrol(code: string, name: string, siteId: string): Promise<EnrolOutcome> {
    // Pull skips a device's own site: two live devices with one site id would never see each other's edits.
    if (this.auth.list().some((x) => x.siteId === siteId && x.revokedAt === null)) return 'site_taken';
    return this.auth.enrol(code, name, siteId) ?? 'bad_code';
  }

  async authenticate(token: string) {
    return this.auth.authenticate(token);
  }

  async revoke(deviceId: string) {
    return this.auth.revoke(deviceId);
  }

  async devices() {
    return this.auth.list();
  }

  async lastSeq() {
    return this.store.lastSeq();
  }

  async push(changes: RemoteChange[], authorise?: (rows: RowLookup) => void): Promise<PushOutcome> {
    authorise?.(storeLookup(this.store));
    const r = this.store.applyRemote(changes);
    return { recorded: r.recorded, duplicates: r.duplicates, hubSeq: this.store.lastSeq() };
  }

  async pull(cursor: number, limit: number, scoped: boolean): Promise<PullPage> {
    return { rows: this.store.changesSince(cursor, limit), lookup: scoped ? storeLookup(this.store) : null };
  }

  async history(rows: Array<{ entity: string; id: string }>, maxSeq: number): Promise<ChangeRow[]> {
    const keys = new Map(rows.map((r) => [`${r.entity}\u0000${r.id}`, r]));
    for (const r of rows) {
      const child = CHILD_ROWS[r.entity];
      if (!child) continue;
      const [entity, field] = child;
      for (const c of this.store.list(entity as 'taskUpdate', { [field]: r.id } as never, { includeDeleted: true })) keys.set(`${entity}\u0000${c.id}`, { entity, id: c.id });
    }
    const q = this.store.db.prepare(
      `SELECT seq, entity, entity_id AS entityId, field, value, hlc, site_id AS siteId, user_id AS userId, op_id AS opId
         FROM changes WHERE entity = ? AND entity_id = ? AND seq <= ? ORDER BY seq`,
    );
    return [...keys.values()]
      .flatMap((k) => q.all(k.entity, k.id, maxSeq) as Array<ChangeRow & { value: string | null }>)
      .map((c) => ({ ...c, value: c.value === null ? null : (JSON.parse(c.value) as unknown) }))
      .sort((a, b) => a.seq - b.seq);
  }

  async close() {
    this.store.close();
  }
}
