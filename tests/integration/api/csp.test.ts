import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import { startWebServer, type RunningServer } from '../../../electron/server/server';

let dir: string;
let core: Core;
let server: RunningServer;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saban-csp-'));
  core = openCore({ dbPath: path.join(dir, 'db.sqlite') });
  server = await startWebServer({
    handlers: core.handlers,
    bus: core.bus,
    port: 0,
    localContext: () => core.localContext(),
    contentSecurityPolicy: () => core.contentSecurityPolicy(),
  });
});
afterEach(async () => {
  await server.close();
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const post = (op: string, body: unknown) =>
  fetch(`${server.url}/api/op/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('web-mode security headers', () => {
  it('allows only our own origin until a basemap is configured, then its tile host too (no restart)', async () => {
    const before = (await fetch(`${server.url}/api/health`)).headers.get('content-security-policy')!;
    expect(before).toContain("default-src 'self'");
    expect(before).not.toContain('tile.example.org');
    const r = await post('map.settings.set', { basemap: { enabled: true, url: 'https://tile.example.org/{z}/{x}/{y}.png', attribution: '© test', maxZoom: 18 } });
    expect(r.status).toBe(200);
    const after = (await fetch(`${server.url}/api/health`)).headers.get('content-security-policy')!;
    expect(after).toMatch(/img-src [^;]*https:\/\/tile\.example\.org/);
    expect(after).toMatch(/connect-src [^;]*https:\/\/tile\.example\.org/);
    expect(after).toContain("script-src 'self'");
  });

  it('refuses a Host header that is not loopback (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/health`, { headers: { host: 'evil.example:80' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });
});
