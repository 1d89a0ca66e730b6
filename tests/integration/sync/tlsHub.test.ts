import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fetch as undiciFetch, Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/core/store';
import { checkHubUrl, enrolDevice, SyncClient, SyncError } from '../../../electron/core/sync/client';
import { startHub, type AnyRunningHub } from '../../../electron/hub/server';
import { makeTmpDir, removeDir } from '../../helpers/tmp';
import { IDS, seedParents } from '../../unit/store/fixtures';
import { snapshot } from './helpers';
import { startHubProcess } from './hubProcess';

/**
 * TLS between devices and the hub: a throw-away self-signed certificate made with the
 * `openssl` CLI; the hub serves HTTPS with it (in process and as `npm run hub -- --cert
 * --key`); a client given the certificate as `ca` syncs, one without it fails with a clear
 * certificate error. Plain HTTP is refused on a non-loopback address (hub start-up) and
 * tokens are never sent over plain http:// to another host (client).
 */

const ROOT = path.resolve(__dirname, '../../..');
const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const OPENSSL_SKIP = openssl.status === 0 ? null : `no openssl CLI (${openssl.error?.message ?? openssl.stderr})`;
if (OPENSSL_SKIP) console.log(`[tls hub] certificate tests skipped: ${OPENSSL_SKIP}`);

let dir: string;
let cert: { certFile: string; keyFile: string; pem: string };
const stores: Store[] = [];
const hubs: AnyRunningHub[] = [];

/** A self-signed certificate for 127.0.0.1 / localhost valid for a day. */
function selfSigned(name: string, cn = '127.0.0.1') {
  const certFile = path.join(dir, `${name}.crt`);
  const keyFile = path.join(dir, `${name}.key`);
  const r = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile,
      '-days', '1', '-subj', `/CN=${cn}`, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  return { certFile, keyFile, pem: fs.readFileSync(certFile, 'utf8') };
}

beforeAll(() => {
  dir = makeTmpDir('saban-tls-');
  if (!OPENSSL_SKIP) cert = selfSigned('hub');
});
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close();
});
afterAll(() => {
  for (const s of stores) s.close();
  if (dir) removeDir(dir);
});

const device = (name: string) => {
  const s = openStore({ path: path.join(dir, `${name}-${Math.random().toString(36).slice(2)}.db`), siteId: name });
  stores.push(s);
  return s;
};

describe.skipIf(!!OPENSSL_SKIP)('hub over HTTPS (self-signed certificate)', () => {
  it('serves https://; devices given the certificate as `ca` enrol and sync', async () => {
    const hub = await startHub({ dbPath: path.join(dir, 'tls-hub.db'), tls: cert });
    hubs.push(hub);
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const a = device('tlsA');
    const b = device('tlsB');
    const ea = await enrolDevice(hub.url, await hub.backend.createCode('operator', [], 10), 'A', a.siteId, undefined, { ca: cert.pem });
    // The sync runtime passes Node's global fetch explicitly: the CA must still apply.
    const eb = await enrolDevice(hub.url, await hub.backend.createCode('operator', [], 10), 'B', b.siteId, fetch, { ca: cert.pem });
    const ca = new SyncClient(a, { hubUrl: hub.url, token: ea.token, ca: cert.pem });
    const cb = new SyncClient(b, { hubUrl: hub.url, token: eb.token, ca: cert.pem });
    seedParents(a);
    await ca.syncNow();
    await cb.syncNow();
    expect(b.get('facility', IDS.facility1)).toBeDefined();
    expect(snapshot(b)).toEqual(snapshot(a));
    await Promise.all([ca.close(), cb.close()]);
  });

  it('without the certificate the client fails with a clear certificate error (enrol and sync), nothing is sent', async () => {
    const hub = await startHub({ dbPath: path.join(dir, 'tls-hub2.db'), tls: cert });
    hubs.push(hub);
    const s = device('tlsC');
    const err = await enrolDevice(hub.url, await hub.backend.createCode('operator', [], 10), 'C', s.siteId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncError);
    expect(err).toMatchObject({ code: 'tls', message: expect.stringMatching(/certificate .*not trusted.*self-signed/is) });
    // A client with a token but the wrong CA (another self-signed certificate).
    const other = selfSigned('other');
    const e = await enrolDevice(hub.url, await hub.backend.createCode('operator', [], 10), 'C', s.siteId, undefined, { ca: cert.pem });
    const client = new SyncClient(s, { hubUrl: hub.url, token: e.token, ca: other.pem });
    const err2 = await client.syncNow().catch((x: unknown) => x);
    expect(err2).toMatchObject({ code: 'tls' });
    expect(client.status().lastError).toMatch(/not trusted/);
    await client.close();
  });

  it('`npm run hub -- --cert --key` prints an https:// URL and serves it', async () => {
    const p = await startHubProcess(['--db', path.join(dir, 'tls-proc.db'), '--cert', cert.certFile, '--key', cert.keyFile]);
    try {
      expect(p.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const agent = new Agent({ connect: { ca: cert.pem } });
      const res = await undiciFetch(`${p.url}/sync/health`, { dispatcher: agent });
      expect(await res.json()).toMatchObject({ ok: true });
      await agent.close();
    } finally {
      await p.stop();
    }
  });

  it('unreadable or bad certificate files: a clear error naming the file', async () => {
    const missing = path.join(dir, 'nope.crt');
    await expect(startHub({ dbPath: path.join(dir, 'x.db'), tls: { certFile: missing, keyFile: cert.keyFile } })).rejects.toThrow(
      new RegExp(`cannot read the TLS certificate file ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    const garbage = path.join(dir, 'garbage.pem');
    fs.writeFileSync(garbage, 'not a certificate\n');
    await expect(startHub({ dbPath: path.join(dir, 'x.db'), tls: { certFile: garbage, keyFile: cert.keyFile } })).rejects.toThrow(
      /TLS certificate .*garbage\.pem is not usable/,
    );
    await expect(startHub({ dbPath: path.join(dir, 'x.db'), tls: { certFile: cert.certFile, keyFile: garbage } })).rejects.toThrow(
      /TLS private key .*garbage\.pem is not usable/,
    );
    const other = selfSigned('mismatch');
    await expect(startHub({ dbPath: path.join(dir, 'x.db'), tls: { certFile: cert.certFile, keyFile: other.keyFile } })).rejects.toThrow(
      /does not match the certificate/,
    );
  });
});

describe('plain HTTP is refused off loopback', () => {
  it('the hub refuses to start plain on 0.0.0.0 or a LAN address without --allow-plain-http', async () => {
    for (const host of ['0.0.0.0', '192.168.1.20', '::']) {
      await expect(startHub({ dbPath: path.join(dir, 'plain.db'), host })).rejects.toThrow(/refusing to serve plain HTTP on .*--cert FILE --key FILE.*--allow-plain-http/s);
    }
    // Loopback is fine without TLS; 0.0.0.0 is fine when explicitly allowed.
    const ok = await startHub({ dbPath: path.join(dir, 'plain.db'), host: '0.0.0.0', allowPlainHttp: true });
    hubs.push(ok);
    expect(ok.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
  });

  it('the CLI exits with the reason; --allow-plain-http starts it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli/hub.ts'), '--port', '0', '--host', '0.0.0.0', '--db', path.join(dir, 'cli.db')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(err).toMatch(/refusing to serve plain HTTP on 0\.0\.0\.0/);
    const p = await startHubProcess(['--host', '0.0.0.0', '--allow-plain-http', '--db', path.join(dir, 'cli.db')]);
    expect(p.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    await p.stop();
  });

  it('the client never sends a token over plain http:// to another host (unless allowed); checkHubUrl says why', async () => {
    expect(checkHubUrl('http://127.0.0.1:4319')).toBeNull();
    expect(checkHubUrl('http://localhost:4319')).toBeNull();
    expect(checkHubUrl('http://[::1]:4319')).toBeNull();
    expect(checkHubUrl('https://hub.soyte.hanoi.gov.vn')).toBeNull();
    expect(checkHubUrl('http://10.0.0.5:4319')).toMatch(/plain http:\/\/ to 10\.0\.0\.5:4319/);
    expect(checkHubUrl('http://10.0.0.5:4319', { allowPlainHttp: true })).toBeNull();
    expect(checkHubUrl('ftp://hub')).toMatch(/must start with https:\/\//);
    expect(checkHubUrl('hub:4319')).not.toBeNull();
    expect(checkHubUrl('not a url')).toMatch(/invalid hub URL/);
    const calls: string[] = [];
    const spy: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(JSON.stringify({ changes: [], cursor: 0, more: false }), { headers: { 'content-type': 'application/json' } });
    };
    const s = device('plain');
    const client = new SyncClient(s, { hubUrl: 'http://10.0.0.5:4319', token: 'secret', fetch: spy });
    await expect(client.syncNow()).rejects.toMatchObject({ code: 'insecure_url' });
    await expect(enrolDevice('http://10.0.0.5:4319', 'AAAA-BBBB', 'x', 'plainX', spy)).rejects.toMatchObject({ code: 'insecure_url' });
    expect(calls).toEqual([]);
    // Explicitly allowed (e.g. behind a VPN): sent.
    await new SyncClient(s, { hubUrl: 'http://10.0.0.5:4319', token: 'secret', fetch: spy, allowPlainHttp: true }).syncNow();
    expect(calls.length).toBeGreaterThan(0);
  });
});
