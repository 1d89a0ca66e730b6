import type { FacilityStatus } from '../../../shared/domain';
import type { Store } from '../store';

/**
 * SQL reads of facility statuses for the boards (read-only connection, tombstones
 * filtered). Instants are bound as canonical ISO strings (see time.ts), so the
 * (facility_id, reported_at) index answers both queries.
 */
export type StatusPoint = Pick<
  FacilityStatus,
  'id' | 'facilityId' | 'reportedAt' | 'bedsOccupied' | 'icuOccupied' | 'oxygenInUse' | 'ventilatorsInUse' | 'homeF0Followed'
>;

const COLS = `s.id AS id, s.facility_id AS facilityId, s.reported_at AS reportedAt, s.beds_occupied AS bedsOccupied,
  s.icu_occupied AS icuOccupied, s.oxygen_in_use AS oxygenInUse, s.ventilators_in_use AS ventilatorsInUse,
  s.home_f0_followed AS homeF0Followed`;

/**
 * The newest status of every facility on or before `atIso`, in ONE query: for each
 * facility a correlated lookup walks the (facility_id, reported_at[, id]) index backwards
 * and stops at the first row, so the cost is one index seek per facility, not a scan of
 * the history. Ties on reported_at are broken by id (UUIDv7: the later write wins).
 */
export function latestStatuses(store: Store, atIso: string, facilityId?: string): Map<string, StatusPoint> {
  const rows = store.db
    .prepare(
      `SELECT ${COLS}
       FROM facilities f
       JOIN facility_status s ON s.id = (
         SELECT x.id FROM facility_status x
         WHERE x.facility_id = f.id AND x._deleted = 0 AND x.reported_at <= ?
         ORDER BY x.reported_at DESC, x.id DESC LIMIT 1)
       WHERE f._deleted = 0 AND (? IS NULL OR f.id = ?)`,
    )
    .all(atIso, facilityId ?? null, facilityId ?? null) as StatusPoint[];
  return new Map(rows.map((r) => [r.facilityId, r]));
}

/**
 * Every status with fromIso < reportedAt ≤ toIso, per facility oldest first. CROSS JOIN
 * fixes the join order (SQLite never reorders it): facilities outside, so each facility
 * is one range search of the (facility_id, reported_at) index instead of a scan of the
 * whole index that the ORDER BY would otherwise tempt the planner into.
 */
export function statusesBetween(store: Store, fromIso: string, toIso: string, facilityId?: string): StatusPoint[] {
  return store.db
    .prepare(
      `SELECT ${COLS}
       FROM facilities f
       CROSS JOIN facility_status s ON s.facility_id = f.id
       WHERE f._deleted = 0 AND s._deleted = 0 AND s.reported_at > ? AND s.reported_at <= ?
         AND (? IS NULL OR f.id = ?)
       ORDER BY s.facility_id, s.reported_at, s.id`,
    )
    .all(fromIso, toIso, facilityId ?? null, facilityId ?? null) as StatusPoint[];
}

/** The newest `limit` statuses of one facility on or before `atIso`, newest first (all fields). */
export function recentStatuses(store: Store, facilityId: string, atIso: string, limit: number): FacilityStatus[] {
  return store.db
    .prepare(
      `SELECT ${COLS}, s.admissions AS admissions, s.discharges AS discharges, s.transfers_up AS transfersUp,
         s.transfers_down AS transfersDown, s.deaths AS deaths
       FROM facility_status s
       WHERE s.facility_id = ? AND s._deleted = 0 AND s.reported_at <= ?
       ORDER BY s.reported_at DESC, s.id DESC LIMIT ?`,
    )
    .all(facilityId, atIso, limit) as FacilityStatus[];
}
