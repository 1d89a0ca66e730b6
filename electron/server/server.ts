import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { dispatch, type Handlers } from '../core/api/dispatch';
import type { CallContext } from '../core/api/context';
import type { ChangeBus } from '../core/events';
import { httpStatusFor } from '../../shared/api/errors';
import { isAllowedHostHeader, isLoopbackAddress } from './security';
import { contentSecurityPolicy } from '../../shared/security/csp';
import { decideAccess, refusedBody, viewerName, type Access } from '../core/wall/access';

export interface WebServerOptions {
  handlers: Handlers;
  bus: ChangeBus;
  /** Built renderer (dist/renderer); when absent only the API is served. */
  staticDir?: string;
  host?: string;
  port?: number;
  /** Who a loopback caller is (the local operator); remote callers need a wall token (read-only viewers). */
  localContext: () => Omit<CallContext, 'transport'>;
  /** CSP for every response (default: the app's own origin only). */
  contentSecurityPolicy?: () => string;
  validateOutput?: boolean;
  logger?: boolean;
  /** Heartbeat on the event stream, so proxies and browsers notice dead connections. */
  heartbeatMs?: number;
  bodyLimitBytes?: number;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Web mode: the built renderer and the same contract operations over HTTP, plus a
 * server-sent event stream of change notifications. Wall displays and district
 * offices use it from a browser; the end-to-end tests use it too.
 */
export async function startWebServer(opts: WebServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: opts.bodyLimitBytes ?? 64 * 1024 * 1024 });
  const csp = opts.contentSecurityPolicy ?? (() => contentSecurityPolicy());
  const sockets = new Set<import('node:http').ServerResponse>();

  app.addHook('onRequest', async (req, reply) => {
    if (!isAllowedHostHeader(req.headers.host, host)) {
      return reply.code(421).send({ ok: false, error: { code: 'forbidden', message: 'Host header not allowed' } });
    }
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', csp());
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    return payload;
  });

  // Wall access (h9): a request carrying a wall token (`Authorization: Bearer` or `?token=`) is
  // judged by it — valid → read-only viewer, unknown/revoked → 401; without a token, loopback
  // callers are the local operator and everyone else gets 401. The decision is the pure
  // decideAccess (electron/core/wall/access.ts); tokens are checked by the core's
  // `wall.tokens.verify` handler, called directly (the server itself is trusted code).
  const checkToken = async (token: string) => {
    const r = await opts.handlers['wall.tokens.verify']({ token }, { userId: null, userName: 'web server', role: 'admin', transport: 'http' });
    return r.valid && r.id ? { id: r.id, label: r.label ?? '' } : null;
  };
  const accessOf = (req: FastifyRequest): Promise<Access> =>
    decideAccess(
      { loopback: isLoopbackAddress(req.socket.remoteAddress), authorization: req.headers.authorization, queryToken: (req.query as { token?: unknown } | undefined)?.token },
      checkToken,
    );
  const contextFor = (access: Exclude<Access, { kind: 'refused' }>): CallContext =>
    access.kind === 'local'
      ? { ...opts.localContext(), transport: 'http' }
      : { userId: null, userName: viewerName(access.label), role: 'viewer', transport: 'http' };

  app.post<{ Params: { op: string } }>('/api/op/:op', async (req, reply) => {
    const access = await accessOf(req);
    if (access.kind === 'refused') return reply.code(401).send(refusedBody(access.reason));
    const result = await dispatch(opts.handlers, req.params.op, req.body, contextFor(access), {
      validateOutput: opts.validateOutput,
      onInternalError: (op, err) => req.log.error({ op, err }, 'internal error'),
    });
    reply.code(result.ok ? 200 : httpStatusFor[result.error.code]);
    return result;
  });

  app.get('/api/health', async () => ({ ok: true }));

  app.get('/api/events', async (req, reply) => {
    const access = await accessOf(req);
    if (access.kind === 'refused') return reply.code(401).send(refusedBody(access.reason));
    // A token stream ends at the first heartbeat or change after its token is revoked (h9).
    const revoked = async () => access.kind === 'viewer' && (await accessOf(req)).kind === 'refused';
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    res.write(': connected\n\n');
    sockets.add(res);
    const send = (chunk: string) =>
      void revoked()
        .catch(() => true) // cannot check (store closing): end the stream, the client reconnects
        .then((gone) => {
          if (res.writableEnded) return;
          if (gone) res.end();
          else res.write(chunk);
        });
    const unsubscribe = opts.bus.subscribe((event) => send(`event: change\ndata: ${JSON.stringify(event)}\n\n`));
    const beat = setInterval(() => send(': hb\n\n'), opts.heartbeatMs ?? 15_000);
    const done = () => {
      clearInterval(beat);
      unsubscribe();
      sockets.delete(res);
    };
    req.raw.on('close', done);
    res.on('error', done);
  });

  if (opts.staticDir && fs.existsSync(path.join(opts.staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(opts.staticDir), wildcard: false, index: 'index.html' });
    // Client-side routes (/wall, /map …) get the app shell; unknown /api paths stay 404.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !path.extname(req.url.split('?')[0]!)) {
        return reply.type('text/html').sendFile('index.html');
      }
      return reply.code(404).send({ ok: false, error: { code: 'not_found', message: `Không tìm thấy ${req.url}` } });
    });
  }

  await app.listen({ host, port: opts.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    app,
    port,
    url: `http://${urlHost}:${port}`,
    async close() {
      for (const s of sockets) s.end();
      await app.close();
    },
  };
}
