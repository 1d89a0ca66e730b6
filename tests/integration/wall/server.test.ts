import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import { startWebServer, type RunningServer } from '../../../electron/server/server';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { CallContext } from '../../../electron/core/api/context';
import { DEFAULT_WALL_SETTINGS } from '../../../shared/api/ops/wall';
import { makeTmpDir, removeDir } from '../../helpers/tmp';

/**
 * The web server with wall tokens: a real core on a temp SQLite file and a real HTTP server.
 * Remote callers are simulated with fastify's inject (a spoofed socket address, the request
 * goes through the same hooks and routes); loopback ones use real HTTP on 127.0.0.1.
 */
const REMOTE = '192.168.1.50';
const admin: CallContext = { userId: null, userName: 'test', role: 'admin', transport: 'http' };

let dir: string;
let core: Core;
let server: RunningServer;
let token: string;
let tokenId: string;

const op = (name: string, body: unknown, o: { remote?: string; bearer?: string; query?: string } = {}) =>
  server.app.inject({
    method: 'POST',
    url: `/api/op/${name}${o.query ? `?token=${encodeURIComponent(o.query)}` : ''}`,
    remoteAddress: o.remote ?? '127.0.0.1',
    headers: { 'content-type': 'application/json', ...(o.bearer ? { authorization: `Bearer ${o.bearer}` } : {}), host: '127.0.0.1' },
    payload: JSON.stringify(body),
  });

beforeAll(async () => {
  dir = makeTmpDir('saban-wall-server-');
  core = openCore({ dbPath: path.join(dir, 'db.sqlite') });
  await core.initStore('empty');
  server = await startWebServer({ handlers: core.handlers, bus: core.bus, localContext: () => core.localContext(), validateOutput: true, heartbeatMs: 100 });
  const r = await dispatch(core.handlers, 'wall.tokens.create', { label: 'Tường' }, admin);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  ({ token, info: { id: tokenId } } = r.value as { token: string; info: { id: string } });
});
afterAll(async () => {
  await server.close();
  core.close();
  removeDir(dir);
});

describe('web server access with wall tokens', () => {
  it('a remote caller without a token is refused (401), with a clear message', async () => {
    const r = await op('app.info', {}, { remote: REMOTE });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('wall token') } });
    const sse = await server.app.inject({ method: 'GET', url: '/api/events', remoteAddress: REMOTE, headers: { host: '127.0.0.1' } });
    expect(sse.statusCode).toBe(401);
    // IPv4-mapped non-loopback is remote too.
    expect((await op('app.info', {}, { remote: '::ffff:10.0.0.9' })).statusCode).toBe(401);
  });

  it('a remote caller with a valid token (header or query) reads as a viewer and cannot write', async () => {
    const byHeader = await op('wall.status', {}, { remote: REMOTE, bearer: token });
    expect(byHeader.statusCode).toBe(200);
    expect(byHeader.json()).toEqual({ ok: true, value: { readOnly: true, lastSyncAt: null } });
    const byQuery = await op('app.info', {}, { remote: REMOTE, query: token });
    expect(byQuery.statusCode).toBe(200);
    const write = await op('wall.settings.set', DEFAULT_WALL_SETTINGS, { remote: REMOTE, bearer: token });
    expect(write.statusCode).toBe(403);
    const admin = await op('wall.tokens.list', {}, { remote: REMOTE, bearer: token });
    expect(admin.statusCode).toBe(403);
  });

  it('loopback without a token stays the local operator; with a bad token it is refused', async () => {
    const local = await fetch(`${server.url}/api/op/wall.status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(local.status).toBe(200);
    expect(((await local.json()) as { value: { readOnly: boolean } }).value.readOnly).toBe(false);
    const bad = await fetch(`${server.url}/api/op/app.info`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sbw_nope' }, body: '{}' });
    expect(bad.status).toBe(401);
    const withToken = await fetch(`${server.url}/api/op/wall.status?token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(((await withToken.json()) as { value: { readOnly: boolean } }).value.readOnly).toBe(true);
  });

  it('static files stay public (a wall browser must load the page before it can send its token)', async () => {
    const page = await server.app.inject({ method: 'GET', url: '/api/health', remoteAddress: REMOTE, headers: { host: '127.0.0.1' } });
    expect(page.statusCode).toBe(200);
  });

  it('revoking ends an open token stream at its next heartbeat and refuses every later request', async () => {
    const created = await dispatch(core.handlers, 'wall.tokens.create', { label: 'Tạm' }, admin);
    const { token: t2, info } = (created as { value: { token: string; info: { id: string } } }).value;
    const res = await fetch(`${server.url}/api/events?token=${t2}`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read(); // "retry" + "connected"
    expect((await op('app.info', {}, { remote: REMOTE, bearer: t2 })).statusCode).toBe(200);

    await dispatch(core.handlers, 'wall.tokens.revoke', { id: info.id }, admin);
    expect((await op('app.info', {}, { remote: REMOTE, bearer: t2 })).statusCode).toBe(401);
    expect((await fetch(`${server.url}/api/events?token=${t2}`)).status).toBe(401);
    // The open stream ends by itself (heartbeat every 100 ms here).
    const ended = await (async () => {
      for (;;) {
        const { done } = await reader.read();
        if (done) return true;
      }
    })();
    expect(ended).toBe(true);
    // The other token is unaffected.
    expect((await op('app.info', {}, { remote: REMOTE, bearer: token })).statusCode).toBe(200);
  });

  it('a revoked token is refused; a local stream is not affected by revocations', async () => {
    const local = await fetch(`${server.url}/api/events`);
    const reader = local.body!.getReader();
    await reader.read();
    await dispatch(core.handlers, 'wall.tokens.revoke', { id: tokenId }, admin);
    expect((await op('app.info', {}, { remote: REMOTE, bearer: token })).statusCode).toBe(401);
    // Still open after several heartbeats.
    const next = await Promise.race([reader.read().then(() => 'data'), new Promise((r) => setTimeout(() => r('timeout'), 400))]);
    expect(next).toBe('data');
    await reader.cancel();
  });
});
