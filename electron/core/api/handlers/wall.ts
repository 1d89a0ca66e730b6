import os from 'node:os';
import type { Store } from '../../store';
import { roleAllows, type CallContext } from '../context';
import type { WallSettings } from '../../../../shared/api/ops/wall';
import { chooseWallDisplay, readWallDisplay, readWallSettings, wallDayOf, WallTokens, wallUrls, writeWallSettings, type NetIf } from '../../wall';
import { writeCtx } from './util';
import type { SyncRuntime } from '../../sync/runtime';

/** Handlers for the operations in shared/api/ops/wall.ts (logic in electron/core/wall). */
export function wallHandlers(store: Store, sync: Pick<SyncRuntime, 'status'>) {
  const tokens = new WallTokens(store);
  const interfaces = (): NetIf[] => Object.values(os.networkInterfaces()).flatMap((list) => list ?? []);
  return {
    'wall.settings.get': () => readWallSettings(store),
    'wall.settings.set': (input: WallSettings, ctx: CallContext) => writeWallSettings(store, writeCtx(ctx), input),
    'wall.day': ({ date }: { date: string }) => wallDayOf(date, store.clock()),
    'wall.status': (_i: unknown, ctx: CallContext) => ({
      readOnly: !roleAllows(ctx.role, 'operator'),
      // Empty while sync is not set up (the wall then shows nothing for it).
      lastSyncAt: sync.status().configured ? sync.status().lastSuccessAt : null,
    }),
    'wall.display.get': () => readWallDisplay(store),
    'wall.display.set': ({ displayId }: { displayId: number | null }) => chooseWallDisplay(store, displayId),
    'wall.tokens.list': () => tokens.list(),
    'wall.tokens.create': ({ label, baseUrl }: { label: string; baseUrl?: string }, ctx: CallContext) => {
      const created = tokens.create(label, ctx.userName);
      return { ...created, ...wallUrls(baseUrl, created.token, interfaces()) };
    },
    'wall.tokens.revoke': ({ id }: { id: string }) => {
      tokens.revoke(id);
      return { ok: true as const };
    },
    'wall.tokens.verify': ({ token }: { token: string }) => {
      const hit = tokens.verify(token);
      return { valid: !!hit, id: hit?.id ?? null, label: hit?.label ?? null };
    },
  };
}
