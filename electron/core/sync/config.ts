import type { Store } from '../store';
import type { DeviceRole } from './protocol';

/**
 * This device's sync configuration. Device-local (store.setLocal): the token never syncs
 * and is not in the audit trail. No saved configuration = sync is off.
 */

const CONFIG_KEY = 'sync.config';

export interface SavedSyncConfig {
  hubUrl: string;
  token: string;
  /** Background round every N ms; 0 = only "sync now". */
  intervalMs: number;
  deviceName?: string;
  deviceId?: string;
  role?: DeviceRole;
  districts?: string[];
  /** PEM of a self-signed hub certificate (or its CA). */
  ca?: string;
  allowPlainHttp?: boolean;
}

export function loadSyncConfig(store: Store): SavedSyncConfig | null {
  const c = store.getLocal<SavedSyncConfig | null>(CONFIG_KEY);
  return c && typeof c.hubUrl === 'string' && typeof c.token === 'string' ? c : null;
}

export function saveSyncConfig(store: Store, config: SavedSyncConfig | null): void {
  store.setLocal(CONFIG_KEY, config);
}
