import type { ChangeRow } from '../../../shared/domain';
import { ENTITY_NAMES, SYNC_PUSHED_SEQ_KEY, type Store } from '../../../electron/core/store';

/** Change rows as a peer would send them (no local seq). */
export function outbox(store: Store, afterSeq = 0): Omit<ChangeRow, 'seq'>[] {
  return store.changesSince(afterSeq, 1e7).map(({ seq: _seq, ...rest }) => rest);
}

/**
 * Everything `from` knows, applied to `to`; `from` then counts its changes as pushed (as
 * the sync client does after the hub acknowledged them).
 */
export function exchange(from: Store, to: Store): void {
  const seq = from.lastSeq();
  to.applyRemote(outbox(from));
  from.setLocal(SYNC_PUSHED_SEQ_KEY, seq);
}

/**
 * Every entity table in key order, tombstones included (`all`) and the live rows
 * (`live`, so the `_deleted` flags are compared too): what replicas must agree on.
 */
export function snapshot(store: Store): Record<string, { all: unknown[]; live: unknown[] }> {
  const out: Record<string, { all: unknown[]; live: unknown[] }> = {};
  for (const e of ENTITY_NAMES) out[e] = { all: store.list(e, {}, { includeDeleted: true }), live: store.list(e) };
  return out;
}
