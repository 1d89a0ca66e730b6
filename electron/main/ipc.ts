/**
 * IPC wiring for the Electron shell, written against minimal interfaces instead of
 * importing `electron`, so the handler side is tested in plain Node with a fake pair.
 */
import { IPC_CHANGE, IPC_INVOKE } from '../../shared/api/client';
import type { ApiResult } from '../../shared/api/errors';
import { dispatch, type Handlers } from '../core/api/dispatch';
import type { CallContext } from '../core/api/context';
import type { ChangeBus } from '../core/events';
import { isTrustedSender } from './security';

export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}
export interface WebContentsLike {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  context: () => Omit<CallContext, 'transport'>,
  opts: { isTrusted?: (frameUrl: string | undefined) => boolean; validateOutput?: boolean } = {},
): () => void {
  const trusted = opts.isTrusted ?? isTrustedSender;
  ipcMain.handle(IPC_INVOKE, async (event, op, input): Promise<ApiResult<unknown>> => {
    // Check the sender frame on every call: only our own app:// pages may use the API.
    if (!trusted(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame' } };
    }
    if (typeof op !== 'string') return { ok: false, error: { code: 'invalid_input', message: 'operation name must be a string' } };
    return dispatch(handlers, op, input, { ...context(), transport: 'ipc' }, { validateOutput: opts.validateOutput });
  });
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

/** Forwards change events to every live window. */
export function forwardChanges(bus: ChangeBus, windows: () => WebContentsLike[]): () => void {
  return bus.subscribe((event) => {
    for (const wc of windows()) if (!wc.isDestroyed()) wc.send(IPC_CHANGE, event);
  });
}
