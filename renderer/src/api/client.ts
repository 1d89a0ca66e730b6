import { createClient, httpTransport, ipcTransport, type ApiClient, type PreloadBridge } from '../../../shared/api/client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser (web mode). */
    saban?: PreloadBridge;
  }
}

/** The renderer gets one client; which transport backs it is decided here only. */
export function createAppClient(): ApiClient {
  if (window.saban) return createClient(ipcTransport(window.saban));
  const token = new URLSearchParams(location.search).get('token') ?? undefined;
  return createClient(httpTransport({ token }));
}
