import type { Store } from '../store';
import type { WallDisplayOut } from '../../../shared/api/ops/wall';

/**
 * The monitor the Electron wall window opens on (device-local). The desktop shell records the
 * monitors it sees (WALL_DISPLAYS_KEY) so the Settings screen can offer them; `Core.wallDisplayId()`
 * reads the choice (WALL_DISPLAY_KEY) when the window opens.
 */
export const WALL_DISPLAY_KEY = 'wall.displayId';
export const WALL_DISPLAYS_KEY = 'wall.displays';

export function readWallDisplay(store: Store): WallDisplayOut {
  const displays = store.getLocal<WallDisplayOut['displays']>(WALL_DISPLAYS_KEY);
  const chosen = store.getLocal<number | null>(WALL_DISPLAY_KEY);
  return { displays: Array.isArray(displays) ? displays : [], chosenId: typeof chosen === 'number' ? chosen : null };
}

export function chooseWallDisplay(store: Store, displayId: number | null): WallDisplayOut {
  store.setLocal(WALL_DISPLAY_KEY, displayId);
  return readWallDisplay(store);
}

/** Called by the desktop shell whenever monitors are added or removed. */
export function recordWallDisplays(store: Store, displays: WallDisplayOut['displays']): void {
  store.setLocal(WALL_DISPLAYS_KEY, displays);
}
