import type { Store } from '../store';
import { SyncClient, type SyncConfig } from './client';

/**
 * Sync configuration of this device and the optional background round.
 *
 * OFF by default: with no saved configuration loadSyncConfig() returns null and
 * startAutoSync() starts nothing (no timer, no socket) — the app behaves exactly as
 * without sync. The token is device-local (store.setLocal): it never syncs and is not in
 * the audit trail.
 */

const CONFIG_KEY = 'sync.config';

export interface SavedSyncConfig {
  hubUrl: string;
  token: string;
  /** Background round every N ms; 0 = only "sync now". */
  intervalMs: number;
}

export function loadSyncConfig(store: Store): SavedSyncConfig | null {
  const c = store.getLocal<SavedSyncConfig | null>(CONFIG_KEY);
  return c && typeof c.hubUrl === 'string' && typeof c.token === 'string' ? c : null;
}

export function saveSyncConfig(store: Store, config: SavedSyncConfig | null): void {
  store.setLocal(CONFIG_KEY, config);
}

export interface AutoSync {
  client: SyncClient;
  stop(): void;
}

/**
 * Start background rounds if (and only if) sync is configured with an interval. A failed
 * round is recorded in the status (lastError) and retried at the next tick; it never throws
 * into the caller. Stops by itself when the store closes.
 */
export function startAutoSync(store: Store, extra: Partial<SyncConfig> = {}): AutoSync | null {
  const saved = loadSyncConfig(store);
  if (!saved) return null;
  const client = new SyncClient(store, { ...extra, hubUrl: saved.hubUrl, token: saved.token });
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    client.syncNow().catch(() => {
      /* recorded in status().lastError; next tick retries */
    });
  };
  if (saved.intervalMs > 0) {
    timer = setInterval(tick, saved.intervalMs);
    timer.unref();
  }
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
    offClose();
  };
  const offClose = store.onClose(stop);
  return { client, stop };
}
