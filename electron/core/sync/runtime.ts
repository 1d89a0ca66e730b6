import type { SyncLogEntry, SyncStatusOut } from '../../../shared/api/ops/sync';
import type { Store } from '../store';
import { loadSyncConfig, saveSyncConfig, type SavedSyncConfig } from './config';
import { enrolDevice, SyncClient, syncStatus, type SyncConfig, type SyncRoundResult } from './client';

/**
 * This device's sync as the app runs it: the saved configuration, the background timer,
 * "sync now", and a short log of rounds. One instance per open core (electron/core/app.ts);
 * the API handlers (handlers/sync.ts) and the wall's status read it.
 *
 * OFF by default: without a saved configuration nothing starts (no timer, no socket) and
 * status() says `configured: false`.
 */

const LOG_KEY = 'sync.log';
const LAST_ATTEMPT_KEY = 'sync.lastAttemptAt';
const LOG_KEEP = 200;

export interface SyncRuntimeOptions {
  /** Called after every round and configuration change (the core publishes a change event). */
  onChange?: () => void;
  /** Transport overrides for tests (fetch, batch sizes). */
  client?: Partial<SyncConfig>;
}

export interface EnrolInput {
  hubUrl: string;
  code: string;
  deviceName: string;
  intervalSec: number;
  ca?: string;
  allowPlainHttp?: boolean;
}

export class SyncRuntime {
  private client: SyncClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly store: Store,
    private readonly opts: SyncRuntimeOptions = {},
  ) {}

  /** Start background rounds if (and only if) sync is configured with an interval. */
  start(): void {
    this.stopTimer();
    const saved = loadSyncConfig(this.store);
    this.client = saved ? this.clientFor(saved) : null;
    if (saved && saved.intervalMs > 0) {
      this.timer = setInterval(() => {
        // A failed background round is in the log and in status().lastError; the next tick retries.
        this.syncNow('auto').catch(() => undefined);
      }, saved.intervalMs);
      this.timer.unref();
    }
  }

  stop(): void {
    this.stopTimer();
    this.client = null;
  }

  private stopTimer() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private clientFor(saved: SavedSyncConfig): SyncClient {
    return new SyncClient(this.store, {
      ...this.opts.client,
      hubUrl: saved.hubUrl,
      token: saved.token,
      ...(saved.ca ? { ca: saved.ca } : {}),
      ...(saved.allowPlainHttp ? { allowPlainHttp: true } : {}),
    } as SyncConfig);
  }

  status(): SyncStatusOut {
    const saved = loadSyncConfig(this.store);
    const s = syncStatus(this.store, !!saved);
    return {
      configured: !!saved,
      hubUrl: saved?.hubUrl ?? null,
      deviceName: saved?.deviceName ?? null,
      role: saved?.role ?? null,
      districts: saved?.districts ?? [],
      intervalSec: saved ? Math.round(saved.intervalMs / 1000) : 0,
      running: this.running,
      lastSuccessAt: s.lastSuccessAt,
      lastAttemptAt: this.store.getLocal<string>(LAST_ATTEMPT_KEY) ?? null,
      lastError: s.lastError,
      pending: s.pending,
      openConflicts: this.store.conflicts().length,
      siteId: this.store.siteId,
    };
  }

  /** Exchange a one-time code for a token, save it (device-local) and start. */
  async enrol(input: EnrolInput): Promise<SyncStatusOut> {
    const extra = { ...(input.ca ? { ca: input.ca } : {}), ...(input.allowPlainHttp ? { allowPlainHttp: true } : {}) };
    const r = await enrolDevice(input.hubUrl, input.code, input.deviceName, this.store.siteId, this.opts.client?.fetch ?? fetch, extra as never);
    saveSyncConfig(this.store, {
      hubUrl: input.hubUrl,
      token: r.token,
      intervalMs: input.intervalSec * 1000,
      deviceName: input.deviceName,
      deviceId: r.deviceId,
      role: r.role,
      districts: r.districts,
      ...extra,
    });
    this.start();
    this.opts.onChange?.();
    return this.status();
  }

  setIntervalSec(intervalSec: number): SyncStatusOut | null {
    const saved = loadSyncConfig(this.store);
    if (!saved) return null;
    saveSyncConfig(this.store, { ...saved, intervalMs: intervalSec * 1000 });
    this.start();
    this.opts.onChange?.();
    return this.status();
  }

  /** Forget the hub and the token. The data and the unsent changes stay. */
  disconnect(): SyncStatusOut {
    saveSyncConfig(this.store, null);
    this.stop();
    this.opts.onChange?.();
    return this.status();
  }

  /** One round (pull, then push), logged. Null when sync is not configured. */
  async syncNow(trigger: 'manual' | 'auto' = 'manual'): Promise<SyncRoundResult | null> {
    const client = this.client;
    if (!client) return null;
    const t0 = Date.now();
    const at = new Date(this.store.clock()).toISOString();
    this.running = true;
    this.store.setLocal(LAST_ATTEMPT_KEY, at);
    try {
      const r = await client.syncNow();
      this.appendLog({ at, trigger, ok: true, ...r, durationMs: Date.now() - t0, error: null });
      return r;
    } catch (e) {
      this.appendLog({ at, trigger, ok: false, pulled: 0, pushed: 0, conflicts: 0, durationMs: Date.now() - t0, error: e instanceof Error ? e.message : String(e) });
      throw e;
    } finally {
      this.running = false;
      // The store may have closed while the request was in flight (app quitting).
      if (!this.store.closed) this.opts.onChange?.();
    }
  }

  /** A changes file was imported (USB): it belongs in the same log. */
  logFileImport(r: { recorded: number; conflicts: number }, durationMs: number): void {
    this.appendLog({ at: new Date(this.store.clock()).toISOString(), trigger: 'file', ok: true, pulled: r.recorded, pushed: 0, conflicts: r.conflicts, durationMs, error: null });
    this.opts.onChange?.();
  }

  log(limit = 50): SyncLogEntry[] {
    return (this.store.getLocal<SyncLogEntry[]>(LOG_KEY) ?? []).slice(0, limit);
  }

  private appendLog(e: SyncLogEntry): void {
    if (this.store.closed) return;
    this.store.setLocal(LOG_KEY, [e, ...this.log(LOG_KEEP - 1)]);
  }
}
