import { addDays, occupancyPct } from '../../../../shared/metrics';
import { DEFAULT_MAP_SETTINGS, MAP_SETTINGS_KEY, mapSettings, type FacilityLoad, type MapSettings } from '../../../../shared/api/ops/map';
import type { Store } from '../../store';
import { FacilityCache } from '../../metrics';
import type { CallContext } from '../context';
import { writeCtx } from './util';

/** Hà Nội is UTC+7 all year (no DST): a day ends at 17:00 UTC. */
const HANOI_OFFSET_MS = 7 * 3600_000;
const endOfHanoiDayMs = (date: string) => Date.parse(`${addDays(date, 1)}T00:00:00Z`) - HANOI_OFFSET_MS;

/** Handlers for the operations in shared/api/ops/map.ts. */
export function mapHandlers(store: Store) {
  // "Newest status at or before an instant" is the metrics module's FacilityCache (one source of
  // truth, offsets handled, binary search per facility): the map only asks it per day.
  const facilities = new FacilityCache(store);
  store.onClose(() => facilities.dispose());

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
      facilities.refresh();
      // The last instant of the day (inclusive bound of loadAt).
      return facilities.loadAt(endOfHanoiDayMs(date) - 1).map(({ facility: f, status }) => {
        const mobile = f.kind === 'mobile_station' && f.homeF0Capacity !== null;
        const capacity = mobile ? f.homeF0Capacity! : f.beds;
        const occupied = status ? (mobile ? status.homeF0Followed : status.bedsOccupied) : null;
        return {
          facilityId: f.id,
          reportedAt: status?.reportedAt ?? null,
          occupied,
          capacity,
          occupancyPct: occupied === null ? null : occupancyPct(occupied, capacity),
        };
      });
    },
  };
}
