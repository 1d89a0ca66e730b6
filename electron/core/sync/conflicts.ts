import type { SyncConflict } from '../../../shared/api/ops/sync';
import type { EntityName } from '../../../shared/domain';
import { ApiError } from '../../../shared/api/errors';
import { decodeHlc, type ConflictRow, type Store } from '../store';

/**
 * Concurrent edits as the screens show them: "changed at the same time by …", the value
 * that lost next to the one kept, and restore / keep. The store records conflicts
 * (applyRemote); this module names the people and writes the restore.
 *
 * A restore is an ordinary new write of the losing value: it gets a fresh stamp, so it
 * wins everywhere once synced, and the audit trail shows who restored what.
 */

const FIELD_CREATED = '_created';
const FIELD_DELETED = '_deleted';

function userName(store: Store, id: string | null): string | null {
  if (!id) return null;
  return store.get('user', id, { includeDeleted: true })?.displayName ?? null;
}

function present(store: Store, c: ConflictRow): SyncConflict {
  const row = store.get(c.entity as EntityName, c.entityId, { includeDeleted: true }) as Record<string, unknown> | undefined;
  const currentValue = c.field === FIELD_CREATED ? (row ?? null) : c.field === FIELD_DELETED ? row === undefined || row[FIELD_DELETED] === true : (row?.[c.field] ?? null);
  return {
    id: c.id,
    entity: c.entity as EntityName,
    entityId: c.entityId,
    field: c.field,
    losingValue: c.losingValue,
    currentValue,
    losingSiteId: c.losingSiteId,
    losingUserName: userName(store, c.losingUserId),
    winningSiteId: c.winningSiteId,
    winningUserName: userName(store, c.winningUserId),
    losingAt: new Date(decodeHlc(c.losingHlc).physical).toISOString(),
    winningAt: new Date(decodeHlc(c.winningHlc).physical).toISOString(),
    detectedAt: c.detectedAt,
    resolved: c.resolved,
    // A lost deletion is not written back from here: deleting again is the row's own action.
    restorable: c.field !== FIELD_DELETED && !c.resolved,
  };
}

export function listConflicts(store: Store, where: { entity?: string; entityId?: string; includeResolved?: boolean }): SyncConflict[] {
  return store.conflicts(where).map((c) => present(store, c));
}

function find(store: Store, id: number): ConflictRow {
  const c = store.conflicts({ includeResolved: true }).find((x) => x.id === id);
  if (!c) throw new ApiError('not_found', `Không có xung đột #${id} (no such conflict)`);
  return c;
}

export function restoreConflict(store: Store, userId: string | null, id: number): SyncConflict {
  const c = find(store, id);
  const shown = present(store, c);
  if (!shown.restorable) {
    throw new ApiError('conflict', c.resolved ? `Xung đột #${id} đã được xử lý (already settled)` : 'Không thể khôi phục một thao tác xoá từ đây (a deletion cannot be restored here)');
  }
  // `_created` lost = two sites created the same row (e.g. one district's report for one day):
  // restoring writes every field of the losing version.
  const fields =
    c.field === FIELD_CREATED
      ? Object.fromEntries(Object.entries(c.losingValue as Record<string, unknown>).filter(([k]) => k !== 'id'))
      : { [c.field]: c.losingValue };
  store.write({ userId }, [{ op: 'update', entity: c.entity as EntityName, id: c.entityId, fields } as never]);
  store.resolveConflict(id);
  return present(store, find(store, id));
}

export function dismissConflict(store: Store, id: number): SyncConflict {
  const c = find(store, id);
  if (c.resolved) throw new ApiError('conflict', `Xung đột #${id} đã được xử lý (already settled)`);
  store.resolveConflict(id);
  return present(store, find(store, id));
}
