import { DEFAULT_WALL_SETTINGS, WALL_SETTINGS_KEY, wallSettings, type WallSettings } from '../../../shared/api/ops/wall';
import type { Store, WriteContext } from '../store';

/** The wall's SHARED settings (every workstation and wall display see the same; audited). */
export function readWallSettings(store: Store): { values: WallSettings; defaults: WallSettings } {
  const saved = wallSettings.safeParse(store.getSetting(WALL_SETTINGS_KEY));
  // A value written by another version that no longer parses falls back to the defaults.
  return { values: saved.success ? saved.data : DEFAULT_WALL_SETTINGS, defaults: DEFAULT_WALL_SETTINGS };
}

export function writeWallSettings(store: Store, ctx: WriteContext, values: WallSettings) {
  store.setSetting(ctx, WALL_SETTINGS_KEY, values);
  return readWallSettings(store);
}
