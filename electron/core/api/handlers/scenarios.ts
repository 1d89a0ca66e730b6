import type { Store } from '../../store';

/** Handlers for the operations in shared/api/ops/scenarios.ts. */
export function scenarioHandlers(_store: Store) {
  return {};
}
