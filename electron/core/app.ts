import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo } from '../../shared/api/contract';
import { openStore, startBackupScheduler, backupNowSync, decodeHlc, type Store, type BackupScheduler } from './store';
import { createHandlers } from './api/handlers';
import type { Handlers } from './api/dispatch';
import type { CallContext } from './api/context';
import { ChangeBus } from './events';
import { appRoot } from './paths';
import { ensureReferenceData, REFERENCE_SITE } from './seed/reference';
import { seedDemo } from './seed/demo';
import { basemapOrigins, MAP_SETTINGS_KEY, type MapSettings } from '../../shared/api/ops/map';
import { contentSecurityPolicy } from '../../shared/security/csp';
import { SyncRuntime } from './sync/runtime';

/**
 * The plain-Node core: one store, the contract's handlers, and the change bus. Both
 * shells (Electron IPC and web mode) are built on this object and nothing else.
 */
export interface Core {
  readonly store: Store;
  readonly handlers: Handlers;
  readonly bus: ChangeBus;
  /** Optional network sync of this device (off unless enrolled at a hub). */
  readonly sync: SyncRuntime;
  /** Who the local operator is (recorded on changes made from this machine). */
  localContext(): Omit<CallContext, 'transport'>;
  info(transport: 'ipc' | 'http'): AppInfo;
  initStore(mode: 'demo' | 'empty', seed?: number): Promise<void>;
  /**
   * Content-Security-Policy for the app's pages: our own origin only, plus the tile host of
   * the optional online basemap when an administrator configured one (read at each request,
   * so turning the basemap on needs no restart).
   */
  contentSecurityPolicy(): string;
  /** The monitor chosen for the wall display (Electron). */
  wallDisplayId(): number | null;
  /** Final backup (if anything changed) and close the database. */
  close(): void;
}

export interface CoreOptions {
  dbPath: string;
  backupDir?: string;
  /** Backups every this many ms (default 1 hour); 0 disables the timer (the on-close backup stays). */
  backupIntervalMs?: number;
  backupKeep?: number;
  clock?: () => number;
  siteId?: string;
  /** Demo data range when the user picks demo data on first run. */
  demoRange?: { from: string; to: string; scale?: number };
}

type StoreState = AppInfo['storeState'];

export function openCore(opts: CoreOptions): Core {
  fs.mkdirSync(path.dirname(path.resolve(opts.dbPath)), { recursive: true });
  const store = openStore({ path: opts.dbPath, clock: opts.clock, siteId: opts.siteId });
  const bus = new ChangeBus();
  const version = readVersion();
  ensureReferenceData(store);

  store.onCommit((e) => {
    bus.publish({ entities: e.entities, seq: e.lastSeq ?? store.lastSeq(), at: new Date(store.clock()).toISOString() });
  });

  let scheduler: BackupScheduler | null = null;
  let backedUpSeq = store.lastSeq();
  if (opts.backupDir) {
    scheduler = startBackupScheduler(store, {
      dir: opts.backupDir,
      intervalMs: opts.backupIntervalMs ?? 3_600_000,
      keep: opts.backupKeep ?? 24,
      onBackup: () => (backedUpSeq = store.lastSeq()),
    });
  }

  // Sync status changes (a round, an error, enrolment) are not commits: tell the screens too.
  const sync = new SyncRuntime(store, { onChange: () => bus.publish({ entities: ['sync'], seq: store.lastSeq(), at: new Date(store.clock()).toISOString() }) });
  sync.start();

  const session = {
    get: () => store.getLocal<string>('session.userId') ?? null,
    set: (id: string) => store.setLocal('session.userId', id),
  };

  const storeState = (): StoreState => store.getLocal<StoreState>('storeState') ?? 'uninitialised';

  const info = (transport: 'ipc' | 'http'): AppInfo => {
    const lastReport = store.db.prepare('SELECT MAX(date) AS d FROM case_reports WHERE _deleted = 0').get() as { d: string | null };
    // The shipped reference rows carry the oldest possible stamp: they are not "a change".
    const lastChange = store.db.prepare('SELECT hlc FROM changes WHERE site_id <> ? ORDER BY seq DESC LIMIT 1').get(REFERENCE_SITE) as { hlc: string } | undefined;
    const state = storeState();
    return {
      name: 'Sa Bàn',
      version,
      transport,
      storeState: state === 'empty' && lastReport.d ? 'live' : state,
      demo: state === 'demo',
      schemaVersion: store.version,
      siteId: store.siteId,
      freshness: {
        lastReportDate: lastReport.d,
        lastChangeAt: lastChange ? new Date(decodeHlc(lastChange.hlc).physical).toISOString() : null,
      },
    };
  };

  const initStore = async (mode: 'demo' | 'empty', seed = 1) => {
    if (storeState() !== 'uninitialised') {
      const { ApiError } = await import('../../shared/api/errors');
      throw new ApiError('conflict', 'Kho dữ liệu đã được khởi tạo (store already initialised)');
    }
    if (mode === 'demo') {
      const range = opts.demoRange ?? { from: '2021-07-01', to: '2022-04-30' };
      seedDemo(store, { seed, scale: range.scale ?? 1, from: range.from, to: range.to });
    }
    store.setLocal('storeState', mode);
    bus.publish({ entities: ['app'], seq: store.lastSeq(), at: new Date(store.clock()).toISOString() });
  };

  const core: Core = {
    store,
    bus,
    sync,
    handlers: undefined as unknown as Handlers,
    localContext() {
      const id = session.get();
      const user = id ? store.get('user', id) : undefined;
      if (user) return { userId: user.id, userName: user.displayName, role: user.role, districtCodes: user.districtCodes };
      // No operator chosen yet on this device: the local machine acts as its administrator.
      return { userId: null, userName: 'Quản trị (máy này)', role: 'admin' };
    },
    info,
    initStore,
    wallDisplayId: () => store.getLocal<number>('wall.displayId') ?? null,
    contentSecurityPolicy() {
      const origins = basemapOrigins(store.getSetting<MapSettings>(MAP_SETTINGS_KEY));
      return contentSecurityPolicy({ extraImg: origins, extraConnect: origins });
    },
    close() {
      if (store.closed) return;
      sync.stop();
      void scheduler?.stop({ finalBackup: false });
      if (opts.backupDir && store.lastSeq() !== backedUpSeq) {
        try {
          backupNowSync(store, opts.backupDir, { keep: opts.backupKeep ?? 24 });
        } catch (err) {
          console.error('[backup] on-close backup failed', err);
        }
      }
      store.close();
    },
  };
  (core as { handlers: Handlers }).handlers = createHandlers({ store, info, initStore, session, sync });
  return core;
}

function readVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
