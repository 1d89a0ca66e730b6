import { z } from 'zod';
import { isoDate, isoDateTime, uuid } from '../../domain';
import { okOut, op } from '../op';

/**
 * Operations of the situation map (Bản đồ). Merged into shared/api/contract.ts.
 *
 * - `map.settings.*`: the map's SHARED settings (every workstation and the wall display see
 *   the same): the optional online raster basemap, off by default. Without it the map is fully
 *   offline (neutral background, shipped boundaries, bundled font).
 * - `map.facilityLoad`: the load of every facility on a day (newest status snapshot on or
 *   before that day), so the map colours 59+ facilities with ONE request per day instead of
 *   one `facilityStatus.list` per facility.
 */

/** `{z}`, `{x}`, `{y}` XYZ raster template over http(s), e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png */
export const basemapUrl = z
  .string()
  .trim()
  .max(500)
  .refine((s) => /^https?:\/\/[^\s/]+\/\S*$/i.test(s), 'địa chỉ phải bắt đầu bằng http:// hoặc https://')
  .refine((s) => ['{z}', '{x}', '{y}'].every((p) => s.includes(p)), 'địa chỉ lớp nền phải chứa {z}, {x} và {y}');

export const mapSettings = z
  .object({
    basemap: z
      .object({
        enabled: z.boolean(),
        /** Empty while none is configured. */
        url: z.union([z.literal(''), basemapUrl]),
        /** Shown in the attribution control while the basemap is on (e.g. "© OpenStreetMap contributors"). */
        attribution: z.string().trim().max(300),
        maxZoom: z.number().int().min(1).max(22),
      })
      .strict()
      .refine((b) => !b.enabled || b.url !== '', { message: 'cần địa chỉ lớp nền trước khi bật', path: ['url'] }),
  })
  .strict();
export type MapSettings = z.infer<typeof mapSettings>;

export const DEFAULT_MAP_SETTINGS: MapSettings = Object.freeze({
  basemap: Object.freeze({ enabled: false, url: '', attribution: '', maxZoom: 19 }),
}) as MapSettings;

/** The shared-settings key the map settings live under. */
export const MAP_SETTINGS_KEY = 'map.settings';

/**
 * Origins the Content-Security-Policy must allow (connect-src and img-src: MapLibre fetches
 * raster tiles) for the configured basemap; empty when it is off. Both shells compute the
 * CSP per response from the current setting (Core.contentSecurityPolicy), so no restart is needed.
 */
export function basemapOrigins(settings: MapSettings | undefined | null): string[] {
  const b = settings?.basemap;
  if (!b?.enabled || !b.url) return [];
  try {
    // Template braces are not valid in a host name; only the origin matters here.
    return [new URL(b.url.replace(/\{[a-z]+\}/gi, '0')).origin];
  } catch {
    return [];
  }
}

export const facilityLoad = z.object({
  facilityId: uuid,
  /** Newest snapshot on or before the day (Hà Nội time), null when none exists yet. */
  reportedAt: isoDateTime.nullable(),
  /** Beds in use (mobile stations: home-treated F0 followed). */
  occupied: z.number().int().nonnegative().nullable(),
  /** Beds (mobile stations: home-F0 capacity). */
  capacity: z.number().int().nonnegative(),
  /** occupied / capacity in percent (shared/metrics occupancyPct), null without a snapshot or capacity. */
  occupancyPct: z.number().nullable(),
});
export type FacilityLoad = z.infer<typeof facilityLoad>;

export const mapOps = {
  'map.settings.get': op({
    kind: 'query',
    input: z.object({}).strict(),
    output: mapSettings,
    minRole: 'viewer',
    summary: 'Shared map settings (optional online basemap; off by default)',
  }),
  'map.settings.set': op({
    kind: 'mutation',
    input: mapSettings,
    output: okOut,
    minRole: 'admin',
    summary: 'Save the shared map settings',
  }),
  'map.facilityLoad': op({
    kind: 'query',
    input: z.object({ date: isoDate }).strict(),
    output: z.array(facilityLoad),
    minRole: 'viewer',
    summary: 'Load of every active facility on a day (newest status on or before it)',
  }),
} as const;
