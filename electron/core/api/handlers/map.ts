import { addDays, occupancyPct } from '../../../../shared/metrics';
import { DEFAULT_MAP_SETTINGS, MAP_SETTINGS_KEY, mapSettings, type FacilityLoad, type MapSettings } from '../../../../shared/api/ops/map';
import type { Store } from '../../store';
import type { CallContext } from '../context';
import { writeCtx } from './util';

/** Hà Nội is UTC+7 all year (no DST): a day ends at 17:00 UTC. */
const HANOI_OFFSET_MS = 7 * 3600_000;
const endOfHanoiDayMs = (date: string) => Date.parse(`${addDays(date, 1)}T00:00:00Z`) - HANOI_OFFSET_MS;

interface StatusRow {
  reportedAt: string;
  bedsOccupied: number;
  homeF0Followed: number | null;
}

/** Handlers for the operations in shared/api/ops/map.ts. */
export function mapHandlers(store: Store) {
  // Newest few snapshots of one facility below a generous text bound; the exact cut is made on
  // parsed instants because stored timestamps may carry different UTC offsets.
  const recentStatuses = () =>
    store.db.prepare(
      `SELECT reported_at AS reportedAt, beds_occupied AS bedsOccupied, home_f0_followed AS homeF0Followed
       FROM facility_status WHERE facility_id = ? AND _deleted = 0 AND reported_at < ?
       ORDER BY reported_at DESC LIMIT 8`,
    );

  return {
    'map.settings.get': (): MapSettings => {
      const saved = mapSettings.safeParse(store.getSetting(MAP_SETTINGS_KEY));
      // A setting written by an older/newer version that no longer parses falls back to offline.
      return saved.success ? saved.data : DEFAULT_MAP_SETTINGS;
    },
    'map.settings.set': (input: MapSettings, ctx: CallContext) => {
      store.setSetting(writeCtx(ctx), MAP_SETTINGS_KEY, input);
      return { ok: true as const };
    },
    'map.facilityLoad': ({ date }: { date: string }): FacilityLoad[] => {
      const cutoff = endOfHanoiDayMs(date);
      const textBound = `${addDays(date, 2)}`;
      const stmt = recentStatuses();
      return store
        .list('facility', { active: true }, { orderBy: 'name' })
        .map((f) => {
          const mobile = f.kind === 'mobile_station' && f.homeF0Capacity !== null;
          const capacity = mobile ? f.homeF0Capacity! : f.beds;
          let latest: StatusRow | null = null;
          for (const s of stmt.all(f.id, textBound) as StatusRow[]) {
            const t = Date.parse(s.reportedAt);
            if (t < cutoff && (!latest || t > Date.parse(latest.reportedAt))) latest = s;
          }
          const occupied = latest ? (mobile ? latest.homeF0Followed : latest.bedsOccupied) : null;
          return {
            facilityId: f.id,
            reportedAt: latest?.reportedAt ?? null,
            occupied,
            capacity,
            occupancyPct: occupied === null ? null : occupancyPct(occupied, capacity),
          };
        });
    },
  };
}
