import type { Store } from '../store';
import { loadAdminUnits } from '../reference';

/**
 * The administrative units (Hà Nội, 30 districts, 579 wards with GSO codes and 2019
 * population) are reference data every store needs. They enter through the one write
 * path like everything else (system user), once per store; an upsert keeps it idempotent
 * and repairs a unit someone deleted or edited by mistake only when asked (not at open).
 */
export function ensureReferenceData(store: Store): void {
  const count = (store.db.prepare('SELECT COUNT(*) AS n FROM admin_units').get() as { n: number }).n;
  if (count > 0) return;
  const units = loadAdminUnits();
  store.write(
    { userId: null },
    units.map((u) => ({ op: 'upsert' as const, entity: 'adminUnit' as const, fields: u })),
  );
}
