import type { Store } from '../../store';

/** Handlers for the operations in shared/api/ops/map.ts. */
export function mapHandlers(_store: Store) {
  return {};
}
