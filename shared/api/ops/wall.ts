import { z } from 'zod';
import { isoDate, isoDateTime, uuid } from '../../domain';
import { okOut, op } from '../op';

/**
 * The wall display (Màn hình lớn) and its read-only access tokens. Merged into
 * shared/api/contract.ts.
 *
 * The wall shows numbers from the same operations as the map and the boards
 * (metrics.snapshot, boards.facilities, boards.tasks, app.info); these operations only add
 * what is the wall's own: its panel settings, which instant "the day shown" means, the
 * connection/sync slots, and the tokens that let a browser on the wall screen read.
 */

// ---------------------------------------------------------------- settings (shared)
/** Panels of the rotation, in their default order. */
export const WALL_PANELS = ['map', 'headline', 'facilities', 'tasks', 'levels'] as const;
export const wallPanel = z.enum(WALL_PANELS);
export type WallPanel = z.infer<typeof wallPanel>;

/**
 * Choropleth metrics the wall's map panel may show. The same ids as the map screen's
 * (renderer/src/map/metrics MAP_METRIC_IDS; a unit test keeps the two lists equal — the
 * contract cannot import the renderer).
 */
export const WALL_METRICS = ['incidence', 'activeF0', 'trend', 'level', 'vaccination', 'vaccinationSenior', 'freshness'] as const;
export const wallMetric = z.enum(WALL_METRICS);

export const wallSettings = z
  .object({
    /** Panels shown, in rotation order (each at most once). */
    panels: z
      .array(wallPanel)
      .min(1, 'cần ít nhất một bảng')
      .max(WALL_PANELS.length)
      .refine((p) => new Set(p).size === p.length, 'mỗi bảng chỉ xuất hiện một lần'),
    /** Seconds each panel stays on screen. */
    intervalSec: z.number().int('phải là số nguyên').min(5, 'tối thiểu 5 giây').max(600, 'tối đa 600 giây'),
    /** Metric of the map panel. */
    metric: wallMetric,
  })
  .strict();
export type WallSettings = z.infer<typeof wallSettings>;

export const DEFAULT_WALL_SETTINGS: WallSettings = Object.freeze({
  panels: [...WALL_PANELS],
  intervalSec: 20,
  metric: 'level',
}) as WallSettings;

/** The shared-settings key the wall settings live under (every workstation and wall see the same). */
export const WALL_SETTINGS_KEY = 'wall.settings';

const wallSettingsOut = z.object({ values: wallSettings, defaults: wallSettings });

// ---------------------------------------------------------------- the day shown
export const wallDay = z.object({
  date: isoDate,
  /** The day before: "change since yesterday". */
  previousDate: isoDate,
  /** Seven days before: the epidemic level of each district is compared with this day. */
  compareDate: isoDate,
  /** The instant the boards are read at: end of the day in Hà Nội, or now if that is earlier. */
  at: isoDateTime,
});
export type WallDay = z.infer<typeof wallDay>;

/** How many days back the level-change panel compares (one week: levels are assessed on 7-day figures). */
export const LEVEL_COMPARE_DAYS = 7;

// ---------------------------------------------------------------- status
export const wallStatus = z.object({
  /** True when the caller cannot change anything (a wall token, or a viewer operator). */
  readOnly: z.boolean(),
  /**
   * Time of the last successful sync with the hub. Absent (or null) while sync is not set
   * up — the wall then shows nothing for it.
   */
  lastSyncAt: isoDateTime.nullable().optional(),
});
export type WallStatus = z.infer<typeof wallStatus>;

// ---------------------------------------------------------------- Electron: which monitor
export const wallDisplayInfo = z.object({
  id: z.number().int(),
  label: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  primary: z.boolean(),
});
const wallDisplayOut = z.object({
  /** Monitors as last seen by the desktop shell (empty in web mode). */
  displays: z.array(wallDisplayInfo),
  /** Chosen monitor (device-local); null = automatic (the first non-primary one). */
  chosenId: z.number().int().nullable(),
});
export type WallDisplayOut = z.infer<typeof wallDisplayOut>;

// ---------------------------------------------------------------- tokens
export const wallTokenInfo = z.object({
  id: uuid,
  label: z.string(),
  createdAt: isoDateTime,
  createdBy: z.string(),
  revokedAt: isoDateTime.nullable(),
  /** First characters of the token's SHA-256, to tell tokens apart (the token itself is never stored). */
  fingerprint: z.string(),
});
export type WallTokenInfo = z.infer<typeof wallTokenInfo>;

export const wallTokenLabel = z.string().trim().min(1, 'cần tên gợi nhớ').max(80, 'tối đa 80 ký tự');

export const wallOps = {
  'wall.settings.get': op({
    kind: 'query',
    input: z.object({}).strict(),
    output: wallSettingsOut,
    minRole: 'viewer',
    summary: 'Wall display settings (panel order, seconds per panel, map metric) with defaults',
  }),
  'wall.settings.set': op({
    kind: 'mutation',
    input: wallSettings,
    output: wallSettingsOut,
    minRole: 'operator',
    summary: 'Save the wall display settings (shared, audited)',
  }),
  'wall.day': op({
    kind: 'query',
    input: z.object({ date: isoDate }).strict(),
    output: wallDay,
    minRole: 'viewer',
    summary: 'The day a wall or briefing shows: previous day, comparison day, and the instant boards are read at',
  }),
  'wall.status': op({
    kind: 'query',
    input: z.object({}).strict(),
    output: wallStatus,
    minRole: 'viewer',
    summary: 'What the wall shows about itself: read-only access, last successful sync (slot)',
  }),
  'wall.display.get': op({
    kind: 'query',
    input: z.object({}).strict(),
    output: wallDisplayOut,
    minRole: 'viewer',
    summary: 'Monitors known to the desktop shell and the one chosen for the wall (device-local)',
  }),
  'wall.display.set': op({
    kind: 'mutation',
    input: z.object({ displayId: z.number().int().nullable() }).strict(),
    output: wallDisplayOut,
    minRole: 'operator',
    summary: 'Choose the monitor the wall window opens on (device-local; null = automatic)',
  }),
  'wall.tokens.list': op({
    kind: 'query',
    input: z.object({}).strict(),
    output: z.array(wallTokenInfo),
    minRole: 'admin',
    summary: 'Read-only wall access tokens of this server (hashes only; revoked ones included)',
  }),
  'wall.tokens.create': op({
    kind: 'mutation',
    input: z
      .object({
        label: wallTokenLabel,
        /** The page's origin (web mode), used to build the ready-to-copy address. */
        baseUrl: z.url({ protocol: /^https?$/ }).max(200).optional(),
      })
      .strict(),
    output: z.object({
      info: wallTokenInfo,
      /** The token itself: shown ONCE, never stored or returned again. */
      token: z.string(),
      /** `<baseUrl>/wall?token=…` when the base URL is known. */
      url: z.string().nullable(),
      /** The same address on this machine's network interfaces (when baseUrl is loopback). */
      lanUrls: z.array(z.string()),
    }),
    minRole: 'admin',
    summary: 'Create a revocable read-only wall token (stored as SHA-256; the token is returned once)',
  }),
  'wall.tokens.revoke': op({
    kind: 'mutation',
    input: z.object({ id: uuid }).strict(),
    output: okOut,
    minRole: 'admin',
    summary: 'Revoke a wall token: refused from the next request on',
  }),
  'wall.tokens.verify': op({
    kind: 'query',
    input: z.object({ token: z.string().max(500) }).strict(),
    output: z.object({ valid: z.boolean(), id: uuid.nullable(), label: z.string().nullable() }),
    minRole: 'admin',
    summary: 'Check a wall token (the web server calls this on every request that carries one)',
  }),
} as const satisfies Record<string, ReturnType<typeof op>>;
