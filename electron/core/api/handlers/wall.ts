import type { Store } from '../../store';

/** Handlers for the operations in shared/api/ops/wall.ts. */
export function wallHandlers(_store: Store) {
  return {};
}
