import type { Store } from '../../store';

/** Handlers for the operations in shared/api/ops/boards.ts. */
export function boardHandlers(_store: Store) {
  return {};
}
