import { ApiError, type ApiResult } from './errors';
import type { ChangeEvent, OpInput, OpName, OpOutput } from './contract';

/**
 * The one client interface the renderer uses. It does not know whether it talks to
 * Electron main over IPC or to the web-mode server over HTTP: both transports carry
 * the same `ApiResult` envelope for the same contract operations.
 */
export interface ApiClient {
  readonly transport: 'ipc' | 'http';
  call<K extends OpName>(op: K, input: OpInput<K>): Promise<OpOutput<K>>;
  /** Change notifications; returns an unsubscribe function. */
  onChange(listener: (event: ChangeEvent) => void): () => void;
  /** Connection to the data source (SSE stream / IPC); the status bar shows it. */
  onConnection?(listener: (connected: boolean) => void): () => void;
}

/** What a transport must provide: invoke one operation, and a change-event stream. */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  invoke(op: string, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: (event: ChangeEvent) => void): () => void;
  subscribeConnection?(listener: (connected: boolean) => void): () => void;
}

export function createClient(transport: Transport): ApiClient {
  return {
    transport: transport.kind,
    async call(op, input) {
      const result = await transport.invoke(op, input ?? {});
      if (!result.ok) throw ApiError.fromBody(result.error);
      return result.value as never;
    },
    onChange: (listener) => transport.subscribe(listener),
    onConnection: transport.subscribeConnection ? (l) => transport.subscribeConnection!(l) : undefined,
  };
}

/** The bridge the Electron preload exposes on `window.saban` (contextBridge). */
export interface PreloadBridge {
  invoke(op: string, input: unknown): Promise<ApiResult<unknown>>;
  onChange(listener: (event: ChangeEvent) => void): () => void;
  platform: string;
}

export function ipcTransport(bridge: PreloadBridge): Transport {
  return { kind: 'ipc', invoke: (op, input) => bridge.invoke(op, input), subscribe: (l) => bridge.onChange(l) };
}

/** Channel names shared by main and preload. */
export const IPC_INVOKE = 'saban:invoke';
export const IPC_CHANGE = 'saban:change';

/** Web mode: POST /api/op/<name> with a JSON body; change events over SSE at /api/events. */
export function httpTransport(opts: {
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  eventSourceImpl?: typeof EventSource;
  token?: string;
}): Transport {
  const base = opts.baseUrl ?? '';
  const doFetch = opts.fetchImpl ?? fetch;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const listeners = new Set<(e: ChangeEvent) => void>();
  const connListeners = new Set<(c: boolean) => void>();
  let source: EventSource | null = null;

  const ensureStream = () => {
    const ES = opts.eventSourceImpl ?? (typeof EventSource !== 'undefined' ? EventSource : undefined);
    if (source || !ES) return;
    const url = `${base}/api/events${opts.token ? `?token=${encodeURIComponent(opts.token)}` : ''}`;
    source = new ES(url);
    // EventSource reconnects by itself after a network loss; we only report the state.
    source.onopen = () => connListeners.forEach((l) => l(true));
    source.onerror = () => connListeners.forEach((l) => l(false));
    source.addEventListener('change', (msg) => {
      const event = JSON.parse((msg as MessageEvent<string>).data) as ChangeEvent;
      listeners.forEach((l) => l(event));
    });
  };
  const maybeClose = () => {
    if (source && listeners.size === 0 && connListeners.size === 0) {
      source.close();
      source = null;
    }
  };

  return {
    kind: 'http',
    async invoke(op, input) {
      let res: Response;
      try {
        res = await doFetch(`${base}/api/op/${encodeURIComponent(op)}`, { method: 'POST', headers, body: JSON.stringify(input) });
      } catch (err) {
        return { ok: false, error: { code: 'unavailable', message: `Không kết nối được máy chủ (${String(err)})` } };
      }
      const body = (await res.json().catch(() => null)) as ApiResult<unknown> | null;
      if (!body || typeof body !== 'object' || !('ok' in body)) {
        return { ok: false, error: { code: 'internal', message: `Phản hồi không hợp lệ (HTTP ${res.status})` } };
      }
      return body;
    },
    subscribe(listener) {
      listeners.add(listener);
      ensureStream();
      return () => {
        listeners.delete(listener);
        maybeClose();
      };
    },
    subscribeConnection(listener) {
      connListeners.add(listener);
      ensureStream();
      return () => {
        connListeners.delete(listener);
        maybeClose();
      };
    },
  };
}
