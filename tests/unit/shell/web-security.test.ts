import { describe, expect, it } from 'vitest';
import { isAllowedHostHeader, isLoopbackAddress } from '../../../electron/server/security';
import { findElectronBinary } from '../../../electron/cli/electron-binary';

describe('web-mode guards', () => {
  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['127.8.9.1', true],
    ['192.168.1.5', false],
    ['10.0.0.1', false],
    [undefined, false],
  ])('isLoopbackAddress(%s) = %s', (a, ok) => expect(isLoopbackAddress(a)).toBe(ok));

  it.each([
    ['127.0.0.1:4318', '127.0.0.1', true],
    ['localhost:4318', '127.0.0.1', true],
    ['[::1]:4318', '127.0.0.1', true],
    ['evil.example:4318', '127.0.0.1', false], // DNS rebinding
    [undefined, '127.0.0.1', false],
    ['192.168.1.5:4318', '0.0.0.0', true],
    ['wall.local:4318', '0.0.0.0', true],
  ])('Host %s on %s allowed = %s', (h, bound, ok) => expect(isAllowedHostHeader(h, bound)).toBe(ok));
});

describe('Electron binary lookup', () => {
  it('reports why there is no binary instead of throwing', () => {
    const r = findElectronBinary('/nonexistent-root', {});
    expect(r.path).toBeNull();
    expect(r.reason).toMatch(/Electron/);
    const bad = findElectronBinary('/nonexistent-root', { ELECTRON_PATH: '/nope/electron' });
    expect(bad.path).toBeNull();
    expect(bad.reason).toContain('/nope/electron');
  });
});
