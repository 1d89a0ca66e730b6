import type { Store } from '../../store';
import { MetricsService } from '../../metrics';

/**
 * Handlers for the operations in shared/api/ops/metrics.ts. One MetricsService per store:
 * its caches follow the store's commits and are dropped when the store closes.
 */
export function metricsHandlers(store: Store) {
  const service = new MetricsService(store);
  store.onClose(() => service.dispose());
  return {
    'metrics.range': () => service.range(),
    'metrics.snapshot': ({ date, level }: { date: string; level: 'district' | 'ward' }) => service.snapshot(date, level),
    'metrics.series': ({ unitCode, from, to }: { unitCode: string; from: string; to: string }) => service.series(unitCode, from, to),
  };
}
