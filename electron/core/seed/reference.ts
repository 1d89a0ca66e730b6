import type { Store } from '../store';
import { loadAdminUnits } from '../reference';

/**
 * Every device enters the administrative units with the SAME change rows (site
 * `reference`, one fixed stamp, one op id): the shipped GSO list is the same everywhere,
 * so with sync the hub and every device recognise the rows as one and the same change
 * (identity = stamp + entity + id + field) instead of each device pushing its own copy of
 * 610 units to everyone. The stamp is the oldest possible, so any real edit of a unit
 * (a corrected population, say) wins over it everywhere.
 */
export const REFERENCE_SITE = 'reference';
export const REFERENCE_HLC = `${'0'.repeat(14)}1-0000-${REFERENCE_SITE}`;
const REFERENCE_OP = 'reference-admin-units-2019';

/**
 * The administrative units (Hà Nội, 30 districts, 579 wards with GSO codes and 2019
 * population): reference data every store needs, entered once per store through the
 * store's recorded path for received changes (validated, one transaction, in the log).
 */
export function ensureReferenceData(store: Store): void {
  const count = (store.db.prepare('SELECT COUNT(*) AS n FROM admin_units').get() as { n: number }).n;
  if (count > 0) return;
  store.applyRemote(
    loadAdminUnits().map(({ code, ...value }) => ({
      entity: 'adminUnit',
      entityId: code,
      field: '_created',
      value,
      hlc: REFERENCE_HLC,
      siteId: REFERENCE_SITE,
      userId: null,
      opId: REFERENCE_OP,
    })),
  );
}
