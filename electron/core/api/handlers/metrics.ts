import type { Store } from '../../store';
import { MetricsService } from '../../metrics';

/**
 * Handlers for the operations in shared/api/ops/metrics.ts. One MetricsService per store:
 * its caches follow the store's commits and are dropped when the store closes.
 */
const services = new WeakMap<Store, MetricsService>();

/** The store's one MetricsService (the map, the GeoJSON export and the wall share its caches). */
export function metricsServiceFor(store: Store): MetricsService {
  let service = services.get(store);
  if (!service) {
    const created = new MetricsService(store);
    services.set(store, created);
    store.onClose(() => created.dispose());
    service = created;
  }
  return service;
}

export function metricsHandlers(store: Store) {
  const service = metricsServiceFor(store);
  return {
    'metrics.range': () => service.range(),
    'metrics.snapshot': ({ date, level }: { date: string; level: 'district' | 'ward' }) => service.snapshot(date, level),
    'metrics.series': ({ unitCode, from, to }: { unitCode: string; from: string; to: string }) => service.series(unitCode, from, to),
  };
}
