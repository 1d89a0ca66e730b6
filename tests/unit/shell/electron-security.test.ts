import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  isAllowedNavigation,
  isTrustedSender,
  permissionDecision,
  pickWallDisplay,
  resolveAppRequest,
  secondInstanceAction,
  shouldOpenExternally,
  windowOptions,
} from '../../../electron/main/security';

describe('Electron window options', () => {
  it.each(['main', 'wall'] as const)('%s window is isolated, sandboxed, without Node', (kind) => {
    const o = windowOptions('/x/preload.cjs', { kind });
    expect(o.webPreferences).toMatchObject({
      preload: '/x/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
  it('wall window is full screen on the given display bounds', () => {
    const o = windowOptions('/p', { kind: 'wall', bounds: { x: 1920, y: 0, width: 3840, height: 2160 } });
    expect(o).toMatchObject({ fullscreen: true, x: 1920, y: 0, width: 3840, height: 2160 });
  });
});

describe('navigation guards', () => {
  it.each([
    ['app://saban/', true],
    ['app://saban/wall?day=2021-12-01', true],
    ['app://other/', false],
    ['https://saban/', false],
    ['file:///etc/passwd', false],
    ['http://127.0.0.1:4318/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('isAllowedNavigation(%s) = %s', (url, ok) => {
    expect(isAllowedNavigation(url)).toBe(ok);
  });
  it.each([
    ['https://www.openstreetmap.org/copyright', true],
    ['http://example.org', true],
    ['mailto:a@b.vn', true],
    ['file:///etc/passwd', false],
    ['app://saban/map', false],
    ['smb://host/share', false],
  ])('shouldOpenExternally(%s) = %s', (url, ok) => {
    expect(shouldOpenExternally(url)).toBe(ok);
  });
  it('denies every permission request', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(permissionDecision(p)).toBe(false);
  });
  it('trusts IPC only from app:// frames', () => {
    expect(isTrustedSender('app://saban/map')).toBe(true);
    expect(isTrustedSender('https://evil.example/')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender('')).toBe(false);
  });
});

describe('app:// protocol resolution', () => {
  const root = '/srv/app/dist/renderer';
  const files = new Set([`${root}/index.html`, `${root}/assets/index-abc.js`]);
  const exists = (p: string) => files.has(p);
  it('serves files under the root and the SPA shell for routes', () => {
    expect(resolveAppRequest('app://saban/', root, exists)).toBe(`${root}/index.html`);
    expect(resolveAppRequest('app://saban/assets/index-abc.js', root, exists)).toBe(`${root}/assets/index-abc.js`);
    expect(resolveAppRequest('app://saban/wall', root, exists)).toBe(`${root}/index.html`);
  });
  it('refuses traversal, other hosts and missing assets', () => {
    // URL parsing folds dot segments; whatever comes out must stay inside the root.
    for (const u of ['app://saban/../../etc/passwd', 'app://saban/%2e%2e/%2e%2e/etc/passwd', 'app://saban/a/..%2f..%2f..%2fetc%2fpasswd']) {
      const r = resolveAppRequest(u, root, exists);
      expect(r === null || r.startsWith(`${root}/`)).toBe(true);
      expect(r ?? '').not.toContain('/etc/passwd');
    }
    expect(resolveAppRequest('app://saban/assets/missing.js', root, exists)).toBeNull();
    expect(resolveAppRequest('app://elsewhere/index.html', root, exists)).toBeNull();
    expect(resolveAppRequest('https://saban/index.html', root, exists)).toBeNull();
    expect(resolveAppRequest('app://saban/%00', root, exists)).toBeNull();
  });
});

describe('CSP', () => {
  it('allows only self for scripts and forbids objects, framing and base changes', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
  });
});

describe('wall display and single instance', () => {
  const displays = [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
    { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } },
  ];
  it('uses the chosen monitor, else a secondary one, else the primary', () => {
    expect(pickWallDisplay(displays, 1, 1)?.id).toBe(1);
    expect(pickWallDisplay(displays, 1, null)?.id).toBe(2);
    expect(pickWallDisplay(displays, 1, 99)?.id).toBe(2);
    expect(pickWallDisplay([displays[0]!], 1, null)?.id).toBe(1);
  });
  it('focuses the existing window on a second launch', () => {
    expect(secondInstanceAction({ exists: false, minimized: false })).toBe('create');
    expect(secondInstanceAction({ exists: true, minimized: true })).toBe('restore-focus');
    expect(secondInstanceAction({ exists: true, minimized: false })).toBe('focus');
  });
});
