import type { Store } from '../../store';

/** Handlers for the operations in shared/api/ops/io.ts. */
export function ioHandlers(_store: Store) {
  return {};
}
