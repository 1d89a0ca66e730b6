import type { Store } from '../../store';

/** Handlers for the operations in shared/api/ops/metrics.ts. */
export function metricsHandlers(_store: Store) {
  return {};
}
