/**
 * Electron security policy as pure functions (no `electron` import), so every rule is
 * unit-tested in plain Node. main.ts wires them to the real Electron events.
 * Follows Electron's security checklist: isolation, sandbox, custom protocol, CSP,
 * no navigation or new windows, permissions denied, trusted IPC senders only.
 */
import path from 'node:path';
export { contentSecurityPolicy } from '../../shared/security/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'saban';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface WindowKind {
  kind: 'main' | 'wall';
  /** For the wall window: the bounds of the chosen display. */
  bounds?: { x: number; y: number; width: number; height: number };
}

/** BrowserWindow options. The security-relevant webPreferences are never configurable. */
export function windowOptions(preloadPath: string, win: WindowKind) {
  const webPreferences = {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
  if (win.kind === 'wall') {
    return {
      ...(win.bounds ?? {}),
      fullscreen: true,
      autoHideMenuBar: true,
      backgroundColor: '#0b0f14',
      title: 'Sa Bàn — Màn hình lớn',
      show: false,
      webPreferences,
    };
  }
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    backgroundColor: '#f5f6f8',
    title: 'Sa Bàn',
    show: false,
    webPreferences,
  };
}

/** Only our own app:// pages may be loaded in a window; everything else is blocked. */
export function isAllowedNavigation(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Links the user clicks that should open in the system browser (never inside the app). */
export function shouldOpenExternally(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:';
  } catch {
    return false;
  }
}

/** Camera, microphone, geolocation, notifications …: the app needs none of them. */
export function permissionDecision(_permission: string): boolean {
  return false;
}

/** IPC is answered only for frames showing our own app:// pages (not injected or remote frames). */
export function isTrustedSender(frameUrl: string | undefined | null): boolean {
  return !!frameUrl && isAllowedNavigation(frameUrl);
}

/**
 * Maps an app:// request to a file under the renderer root. Returns null for anything
 * outside it (path traversal, other hosts). Unknown paths without an extension get the
 * SPA's index.html, so client-side routes like /wall load.
 */
export function resolveAppRequest(url: string, rootDir: string, exists: (p: string) => boolean): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const root = path.resolve(rootDir);
  const target = path.resolve(root, `.${rel}`);
  if (target !== root && !target.startsWith(root + path.sep)) return null;
  if (rel === '/' || rel === '') return path.join(root, 'index.html');
  if (exists(target)) return target;
  return path.extname(rel) ? null : path.join(root, 'index.html');
}

/** The wall display goes on the chosen monitor, else the first non-primary one, else the primary. */
export function pickWallDisplay<D extends { id: number; bounds: { x: number; y: number; width: number; height: number } }>(
  displays: D[],
  primaryId: number,
  chosenId?: number | null,
): D | undefined {
  return displays.find((d) => d.id === chosenId) ?? displays.find((d) => d.id !== primaryId) ?? displays.find((d) => d.id === primaryId) ?? displays[0];
}

/** Single-instance: what a second launch should do to the first instance's window. */
export function secondInstanceAction(windowState: { exists: boolean; minimized: boolean }): 'restore-focus' | 'focus' | 'create' {
  if (!windowState.exists) return 'create';
  return windowState.minimized ? 'restore-focus' : 'focus';
}
