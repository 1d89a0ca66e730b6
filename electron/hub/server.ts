import fs from 'node:fs';
import tls from 'node:tls';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isLoopbackAddress, isLoopbackHost } from '../server/security';
import { decodeHlc, LATEST_VERSION, openStore, ValidationError, type RemoteChange, type Store } from '../core/store';
import {
  createCodeRequest,
  enrolRequest,
  pushRequest,
  SYNC_PROTOCOL,
  type EnrolResponse,
  type PullResponse,
  type PushResponse,
} from '../core/sync/protocol';
import type { HubAuth, Device } from './auth';
import type { HubBackend } from './backend';
import { PgBackend, type PgBackendOptions } from './pg-backend';
import { ADMIN_ONLY, isUnitFieldUpdate, Scope, type RowLookup } from './scope';
import { SqliteBackend } from './sqlite-backend';

/**
 * The sync hub's HTTP layer: routes, authentication, validation, limits and error bodies,
 * the same whatever stores the data. It STORES every change it accepts, ORDERS them (hub
 * seq = the pull cursor), AUTHORISES devices and SERVES changes after a cursor. It never
 * resolves anything itself: every device merges with the same per-field LWW rule.
 *
 * Storage is a `HubBackend` (backend.ts):
 * - SQLite (`dbPath`): one process, the core store in hub mode (sqlite-backend.ts);
 * - PostgreSQL (`pgUrl`): any number of stateless hub processes on one database
 *   (pg-backend.ts, which also explains how it keeps seq order = commit order).
 * Rate-limit buckets are per process in both modes.
 *
 * Transport: HTTPS when `tls` is given; plain HTTP only on loopback unless
 * `allowPlainHttp` (device tokens would otherwise cross the network in clear).
 */

export interface HubOptions {
  /** SQLite mode: the hub database file. */
  dbPath?: string;
  /** PostgreSQL mode: `postgres://user:pass@host:port/db` (several hub processes may share it). */
  pgUrl?: string;
  /** PostgreSQL mode: connections per process, and TEST hooks (see PgBackendOptions). */
  pg?: Omit<PgBackendOptions, 'url' | 'clock'>;
  /** HTTPS: PEM files of the certificate (chain) and its private key. */
  tls?: { certFile: string; keyFile: string };
  /** Serve plain HTTP on a non-loopback host anyway (tokens travel in clear: only behind a TLS proxy). */
  allowPlainHttp?: boolean;
  host?: string;
  port?: number;
  /** Bearer token for the admin endpoints (which also require a loopback caller). */
  adminToken?: string;
  /** Devices with an older store schema are refused (they could send fields the hub does not know). */
  minSchemaVersion?: number;
  /** Stamps more than this ahead of the hub's clock are refused (400). */
  maxFutureMs?: number;
  bodyLimitBytes?: number;
  /** Requests per device per minute. */
  rateLimitPerMinute?: number;
  clock?: () => number;
  logger?: boolean;
}

/** A running hub in either mode. */
export interface AnyRunningHub {
  app: FastifyInstance;
  backend: HubBackend;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** SQLite mode (`startHub({ dbPath })`) also exposes its store and (synchronous) enrolment, as before. */
export interface RunningHub extends AnyRunningHub {
  backend: SqliteBackend;
  store: Store;
  auth: HubAuth;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const pullQuery = z.object({
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(2000),
});

/** Read and check the PEM files; the error names the file at fault. */
export function readTlsFiles(files: { certFile: string; keyFile: string }): { cert: Buffer; key: Buffer } {
  const read = (what: string, file: string) => {
    try {
      return fs.readFileSync(file);
    } catch (e) {
      throw new Error(`cannot read the TLS ${what} file ${file}: ${(e as Error).message}`, { cause: e });
    }
  };
  const cert = read('certificate', files.certFile);
  const key = read('private key', files.keyFile);
  const check = (what: string, file: string, o: tls.SecureContextOptions) => {
    try {
      tls.createSecureContext(o);
    } catch (e) {
      throw new Error(`${what} ${file} is not usable: ${(e as Error).message}`, { cause: e });
    }
  };
  check('TLS certificate', files.certFile, { cert });
  check('TLS private key', files.keyFile, { key });
  check(`TLS private key ${files.keyFile} does not match the certificate`, files.certFile, { cert, key });
  return { cert, key };
}

export function startHub(opts: HubOptions & { dbPath: string; pgUrl?: undefined }): Promise<RunningHub>;
export function startHub(opts: HubOptions): Promise<AnyRunningHub>;
export async function startHub(opts: HubOptions): Promise<AnyRunningHub> {
  const clock = opts.clock ?? Date.now;
  const host = opts.host ?? '127.0.0.1';
  if (!opts.tls && !opts.allowPlainHttp && !isLoopbackHost(host)) {
    throw new Error(
      `refusing to serve plain HTTP on ${host}: device tokens would cross the network unencrypted. ` +
        'Give --cert FILE --key FILE (HTTPS), bind to 127.0.0.1, or pass --allow-plain-http (only behind a TLS-terminating proxy)',
    );
  }
  const https = opts.tls ? readTlsFiles(opts.tls) : null;
  if ((opts.dbPath ? 1 : 0) + (opts.pgUrl ? 1 : 0) !== 1) throw new Error('the hub needs exactly one of dbPath (SQLite) or pgUrl (PostgreSQL)');
  const backend: HubBackend = opts.pgUrl
    ? await PgBackend.open({ ...opts.pg, url: opts.pgUrl, clock })
    : new SqliteBackend(openStore({ path: opts.dbPath!, clock }), clock);
  try {
    return await serve(opts, backend, clock, host, https);
  } catch (e) {
    await backend.close();
    throw e;
  }
}

async function serve(
  opts: HubOptions,
  backend: HubBackend,
  clock: () => number,
  host: string,
  https: { cert: Buffer; key: Buffer } | null,
): Promise<AnyRunningHub> {
  const minSchema = opts.minSchemaVersion ?? LATEST_VERSION;
  const maxFutureMs = opts.maxFutureMs ?? 10 * 60_000;
  const rate = opts.rateLimitPerMinute ?? 600;
  const buckets = new Map<string, { windowStart: number; count: number }>();
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimitBytes ?? 16 * 1024 * 1024,
    ...(https ? { https } : {}),
  }) as unknown as FastifyInstance; // the https variant differs only in its server type

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).send({ error: { code: err.code, message: err.message } });
    if (err instanceof ValidationError) return reply.code(400).send({ error: { code: 'invalid', message: err.message } });
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    const code = status === 413 ? 'too_large' : status < 500 ? 'bad_request' : 'internal';
    if (status >= 500) console.error('[hub]', err);
    return reply.code(status).send({ error: { code, message: (err as Error).message } });
  });

  const device = async (req: FastifyRequest): Promise<Device> => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const d = m ? await backend.authenticate(m[1]!) : null;
    if (!d) throw new HttpError(401, 'unauthorized', 'Thiếu hoặc sai mã thiết bị / missing, unknown or revoked device token');
    const now = clock();
    const b = buckets.get(d.deviceId);
    if (!b || now - b.windowStart >= 60_000) buckets.set(d.deviceId, { windowStart: now, count: 1 });
    else if (++b.count > rate) throw new HttpError(429, 'rate_limited', 'Quá nhiều yêu cầu / too many requests; retry in a minute');
    return d;
  };

  const admin = (req: FastifyRequest) => {
    if (!isLoopbackAddress(req.socket.remoteAddress)) throw new HttpError(403, 'forbidden', 'admin endpoints are loopback-only');
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!opts.adminToken || !m || m[1] !== opts.adminToken) throw new HttpError(401, 'unauthorized', 'admin token required');
  };

  const parse = <T>(schema: z.ZodType<T>, value: unknown): T => {
    const r = schema.safeParse(value);
    if (!r.success) {
      const i = r.error.issues[0];
      throw new HttpError(400, 'invalid', `Yêu cầu không hợp lệ / invalid request: ${i?.path.join('.') || '(body)'}: ${i?.message}`);
    }
    return r.data;
  };

  app.get('/sync/health', async () => ({ ok: true, protocol: SYNC_PROTOCOL, minSchemaVersion: minSchema, hubSeq: await backend.lastSeq() }));

  app.post('/admin/enrolment-codes', async (req) => {
    admin(req);
    const body = parse(createCodeRequest, req.body ?? {});
    return { code: await backend.createCode(body.role, body.districts, body.ttlMinutes) };
  });
  app.get('/admin/devices', async (req) => {
    admin(req);
    return { devices: await backend.devices() };
  });
  app.post<{ Params: { id: string } }>('/admin/devices/:id/revoke', async (req) => {
    admin(req);
    if (!(await backend.revoke(req.params.id))) throw new HttpError(404, 'not_found', 'no such live device');
    return { ok: true };
  });

  app.post('/sync/enrol', async (req): Promise<EnrolResponse> => {
    const body = parse(enrolRequest, req.body);
    const r = await backend.enrol(body.code, body.deviceName, body.siteId);
    if (r === 'site_taken') {
      // Pull skips a device's own site: two live devices with one site id would never see each other's edits.
      throw new HttpError(409, 'site_taken', `site ${body.siteId} already belongs to an enrolled device; revoke it first`);
    }
    if (r === 'bad_code') throw new HttpError(403, 'bad_code', 'Mã đăng ký sai, đã dùng hoặc hết hạn / enrolment code unknown, used or expired');
    return { deviceId: r.device.deviceId, token: r.token, role: r.device.role, districts: r.device.districts };
  });

  app.post('/sync/push', async (req, reply: FastifyReply): Promise<PushResponse | void> => {
    const d = await device(req);
    const body = parse(pushRequest, req.body);
    if (body.schemaVersion < minSchema) {
      throw new HttpError(
        400,
        'schema_too_old',
        `Phiên bản dữ liệu của thiết bị (${body.schemaVersion}) cũ hơn mức tối thiểu của máy chủ (${minSchema}); hãy cập nhật ứng dụng / ` +
          `device schema version ${body.schemaVersion} is below the hub minimum ${minSchema}: update the app`,
      );
    }
    if (d.role === 'viewer') throw new HttpError(403, 'forbidden', 'thiết bị chỉ xem / this device may only pull');
    const changes = body.ops.flatMap((op) => {
      for (const c of op.changes) {
        if (c.opId !== op.opId) throw new HttpError(400, 'invalid', `change of ${c.entity} "${c.entityId}" has op id ${c.opId}, not ${op.opId}`);
      }
      return op.changes;
    });
    const limit = clock() + maxFutureMs;
    for (const c of changes) {
      // A device pushes what it made; accepting rows "from" other sites would let one
      // device forge another's edits (and their stamps would win or lose in its name).
      if (c.siteId !== d.siteId) {
        throw new HttpError(403, 'forged_site', `change of ${c.entity} "${c.entityId}" is from site ${c.siteId}, not this device (${d.siteId})`);
      }
      let physical: number;
      try {
        physical = decodeHlc(c.hlc).physical;
      } catch {
        throw new HttpError(400, 'invalid', `malformed stamp ${JSON.stringify(c.hlc)} (${c.entity} "${c.entityId}")`);
      }
      if (physical > limit) {
        throw new HttpError(
          400,
          'clock_ahead',
          `Đồng hồ thiết bị chạy trước máy chủ ${Math.round((physical - clock()) / 60_000)} phút; hãy chỉnh giờ rồi đồng bộ lại / ` +
            `stamp ${c.hlc} (${c.entity} "${c.entityId}" ${c.field}) is ${physical - clock()} ms ahead of the hub clock (limit ${maxFutureMs} ms): fix the device clock`,
        );
      }
    }
    // Check EVERY change before writing anything: a refused push writes nothing.
    const authorise = d.role !== 'district_reporter' ? undefined : (rows: RowLookup) => {
      const scope = new Scope(rows);
      for (const c of changes as RemoteChange[]) {
        if (!scope.mayPush(d.districts, c)) {
          throw new HttpError(
            403,
            'out_of_scope',
            `Ngoài phạm vi quận/huyện được giao / outside this device's districts (${d.districts.join(', ')}): ` +
              `${c.entity} "${c.entityId}" ${c.field}`,
          );
        }
        scope.remember(c);
      }
    };
    void reply;
    return backend.push(changes, authorise);
  });

  app.get('/sync/pull', async (req): Promise<PullResponse> => {
    const d = await device(req);
    const q = parse(pullQuery, req.query);
    const { rows, lookup } = await backend.pull(q.cursor, q.limit, d.role === 'district_reporter');
    const scope = lookup ? new Scope(lookup) : null;
    const mine = (c: { siteId: string }) => c.siteId !== d.siteId; // the device's own changes: it has them
    const changes = rows.filter((c) => {
      if (!mine(c)) return false;
      if (!scope) return true;
      return scope.maySee(d.districts, c) && !scope.districtsOf(c).includes(ADMIN_ONLY);
    });
    const cursor = rows.length > 0 ? rows[rows.length - 1]!.seq : q.cursor;
    if (scope) {
      // A row moving INTO the reporter's districts (a task reassigned, a zone redrawn): the
      // device never received its earlier changes (they were another district's), so send
      // the row's whole history with its children; identities make the repeats harmless.
      const moved = changes.filter((c) => isUnitFieldUpdate(c) && scope.districtsOf(c).some((x) => d.districts.includes(x)));
      if (moved.length > 0) {
        const seen = new Set(changes.map((c) => `${c.seq}`));
        const history = (await backend.history(moved.map((c) => ({ entity: c.entity, id: c.entityId })), cursor)).filter((c) => mine(c) && !seen.has(`${c.seq}`));
        return { changes: [...history, ...changes], cursor, more: rows.length === q.limit };
      }
    }
    return { changes, cursor, more: rows.length === q.limit };
  });

  const address = await app.listen({ host, port: opts.port ?? 0 });
  const port = Number(new URL(address).port);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    app,
    backend,
    ...(backend instanceof SqliteBackend ? { store: backend.store, auth: backend.auth } : {}),
    url: `${https ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    async close() {
      await app.close();
      await backend.close();
    },
  };
}
