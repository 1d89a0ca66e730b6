import { EventEmitter } from 'node:events';
import { createClient, httpTransport, type ApiClient, type Transport } from '../../../shared/api/client';
import { IPC_CHANGE, IPC_INVOKE } from '../../../shared/api/client';
import type { ChangeEvent } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/errors';
import { registerIpcHandlers, forwardChanges, type IpcMainLike } from '../../../electron/main/ipc';
import { startWebServer, type RunningServer } from '../../../electron/server/server';
import type { Core } from '../../../electron/core/app';

/**
 * A fake ipcMain/ipcRenderer pair in plain Node: `handle` registers like Electron's,
 * `invoke` calls it with a sender frame URL, and change events travel as `send`.
 * It lets the IPC handler side be tested with the same scenarios as HTTP.
 */
export class FakeIpc implements IpcMainLike {
  private handlers = new Map<string, (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => unknown>();
  readonly renderer = new EventEmitter();
  frameUrl = 'app://saban/map';
  handle(channel: string, listener: (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => unknown) {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    // Electron serialises across the process boundary: structured clone.
    return structuredClone(await h({ senderFrame: { url: this.frameUrl } }, ...structuredClone(args)));
  }
  webContents() {
    return { send: (channel: string, payload: unknown) => this.renderer.emit(channel, structuredClone(payload)), isDestroyed: () => false };
  }
}

export function ipcClientFor(core: Core): { client: ApiClient; ipc: FakeIpc; dispose(): void } {
  const ipc = new FakeIpc();
  const unregister = registerIpcHandlers(ipc, core.handlers, () => core.localContext(), { validateOutput: true });
  const unforward = forwardChanges(core.bus, () => [ipc.webContents()]);
  const transport: Transport = {
    kind: 'ipc',
    invoke: (op, input) => ipc.invoke(IPC_INVOKE, op, input) as Promise<ApiResult<unknown>>,
    subscribe(listener) {
      const l = (e: ChangeEvent) => listener(e);
      ipc.renderer.on(IPC_CHANGE, l);
      return () => ipc.renderer.off(IPC_CHANGE, l);
    },
  };
  return { client: createClient(transport), ipc, dispose: () => (unregister(), unforward()) };
}

/** Reads server-sent events from a real HTTP response (Node has no EventSource). */
export function sseReader(url: string) {
  const events: ChangeEvent[] = [];
  const controller = new AbortController();
  const ready = (async () => {
    const res = await fetch(url, { signal: controller.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    const pump = async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (block.includes('event: change') && data) events.push(JSON.parse(data.slice(6)));
        }
      }
    };
    void pump();
    return res;
  })();
  return { events, ready, close: () => controller.abort() };
}

export async function httpClientFor(core: Core): Promise<{ client: ApiClient; server: RunningServer; dispose(): Promise<void> }> {
  const server = await startWebServer({ handlers: core.handlers, bus: core.bus, port: 0, localContext: () => core.localContext(), validateOutput: true });
  const client = createClient(httpTransport({ baseUrl: server.url }));
  return { client, server, dispose: () => server.close() };
}
