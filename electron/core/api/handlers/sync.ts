import type { Store } from '../../store';
import type { CallContext } from '../context';
import { ApiError } from '../../../../shared/api/errors';
import type { SyncRuntime, EnrolInput } from '../../sync/runtime';
import { SyncError } from '../../sync/client';
import { dismissConflict, listConflicts, restoreConflict } from '../../sync/conflicts';
import { BundleError, exportBundle, importBundle, previewBundle } from '../../sync/bundle';

/** Handlers for shared/api/ops/sync.ts (logic in electron/core/sync). */
export function syncHandlers(store: Store, sync: SyncRuntime) {
  /** Hub and network failures reach the screen as a readable "unavailable" with the hub's own message. */
  const hubCall = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof ApiError) throw e;
      if (e instanceof SyncError) throw new ApiError(e.status === 403 || e.status === 401 ? 'forbidden' : 'unavailable', e.message);
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new ApiError('unavailable', `Không kết nối được máy chủ đồng bộ / cannot reach the hub: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
    }
  };
  const notConfigured = () => new ApiError('unavailable', 'Chưa thiết lập đồng bộ trên máy này (sync is not set up on this device)');
  const bytesOf = (b64: string) => Buffer.from(b64, 'base64');
  /** A damaged, foreign or too-new changes file is bad input, named as such (row and field when known). */
  const fileCall = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof BundleError) {
        throw new ApiError('invalid_input', e.message, e.field ? [{ path: e.index !== null ? `changes.${e.index}.${e.field}` : e.field, message: e.message }] : undefined);
      }
      throw e;
    }
  };

  return {
    'sync.status': () => sync.status(),
    'sync.enrol': (input: EnrolInput) => hubCall(() => sync.enrol(input)),
    'sync.settings.set': ({ intervalSec }: { intervalSec: number }) => {
      const s = sync.setIntervalSec(intervalSec);
      if (!s) throw notConfigured();
      return s;
    },
    'sync.disconnect': () => sync.disconnect(),
    'sync.now': async () => {
      const r = await hubCall(() => sync.syncNow('manual'));
      if (!r) throw notConfigured();
      return r;
    },
    'sync.log': ({ limit }: { limit: number }) => sync.log(limit),
    'sync.conflicts.list': (where: { entity?: string; entityId?: string; includeResolved: boolean }) => listConflicts(store, where),
    'sync.conflicts.restore': ({ id }: { id: number }, ctx: CallContext) => restoreConflict(store, ctx.userId, id),
    'sync.conflicts.dismiss': ({ id }: { id: number }) => dismissConflict(store, id),
    'sync.file.export': ({ scope }: { scope: 'pending' | 'all' }) => {
      const b = exportBundle(store, { scope });
      return { fileName: b.fileName, contentBase64: b.bytes.toString('base64'), count: b.count };
    },
    'sync.file.preview': ({ contentBase64 }: { contentBase64: string }) => fileCall(() => previewBundle(store, bytesOf(contentBase64))),
    'sync.file.import': ({ contentBase64 }: { contentBase64: string }) => {
      const t0 = Date.now();
      const r = fileCall(() => importBundle(store, bytesOf(contentBase64)));
      sync.logFileImport(r, Date.now() - t0);
      return { recorded: r.recorded, duplicates: r.duplicates, conflicts: r.conflicts };
    },
  };
}
