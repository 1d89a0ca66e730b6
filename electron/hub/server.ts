import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isLoopbackAddress } from '../server/security';
import { decodeHlc, LATEST_VERSION, openStore, ValidationError, type Store } from '../core/store';
import {
  createCodeRequest,
  enrolRequest,
  pushRequest,
  SYNC_PROTOCOL,
  type EnrolResponse,
  type PullResponse,
  type PushResponse,
} from '../core/sync/protocol';
import { HubAuth, type Device } from './auth';
import { ADMIN_ONLY, Scope } from './scope';

/**
 * The sync hub: the same core store in hub mode. It STORES every change it accepts (its
 * change log, applied with store.applyRemote so its rows are the merged state, which it
 * needs to derive districts), ORDERS them (its own `changes.seq`, assigned at commit),
 * AUTHORISES devices and SERVES changes after a cursor. It never resolves anything
 * itself: every device merges with the same per-field LWW rule, so the hub's rows equal
 * what any device holds once it has seen the same changes.
 *
 * Cursor = hub `changes.seq`. With SQLite there is a single writer, so seq order IS commit
 * order and a reader can never see seq N+1 before N: "after cursor" never skips a row.
 * PostgreSQL trap (for the later PG mode): sequence values are taken at INSERT time and
 * concurrent transactions commit out of order, so a pull could see 11 before 10 commits
 * and move its cursor past 10 forever. A PG hub must serialise commits of the log (one
 * writer, or an advisory lock around insert+commit) or page by a commit-time watermark
 * (e.g. only rows below the oldest in-flight transaction's seq).
 */

export interface HubOptions {
  dbPath: string;
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

export interface RunningHub {
  app: FastifyInstance;
  store: Store;
  auth: HubAuth;
  url: string;
  port: number;
  close(): Promise<void>;
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

export async function startHub(opts: HubOptions): Promise<RunningHub> {
  const clock = opts.clock ?? Date.now;
  const store = openStore({ path: opts.dbPath, clock });
  const auth = new HubAuth(store, clock);
  const minSchema = opts.minSchemaVersion ?? LATEST_VERSION;
  const maxFutureMs = opts.maxFutureMs ?? 10 * 60_000;
  const rate = opts.rateLimitPerMinute ?? 600;
  const buckets = new Map<string, { windowStart: number; count: number }>();
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: opts.bodyLimitBytes ?? 16 * 1024 * 1024 });

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).send({ error: { code: err.code, message: err.message } });
    if (err instanceof ValidationError) return reply.code(400).send({ error: { code: 'invalid', message: err.message } });
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    const code = status === 413 ? 'too_large' : status < 500 ? 'bad_request' : 'internal';
    if (status >= 500) console.error('[hub]', err);
    return reply.code(status).send({ error: { code, message: (err as Error).message } });
  });

  const device = (req: FastifyRequest): Device => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const d = m ? auth.authenticate(m[1]!) : null;
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

  app.get('/sync/health', async () => ({ ok: true, protocol: SYNC_PROTOCOL, minSchemaVersion: minSchema, hubSeq: store.lastSeq() }));

  app.post('/admin/enrolment-codes', async (req) => {
    admin(req);
    const body = parse(createCodeRequest, req.body ?? {});
    return { code: auth.createCode(body.role, body.districts, body.ttlMinutes) };
  });
  app.get('/admin/devices', async (req) => {
    admin(req);
    return { devices: auth.list() };
  });
  app.post<{ Params: { id: string } }>('/admin/devices/:id/revoke', async (req) => {
    admin(req);
    if (!auth.revoke(req.params.id)) throw new HttpError(404, 'not_found', 'no such live device');
    return { ok: true };
  });

  app.post('/sync/enrol', async (req): Promise<EnrolResponse> => {
    const body = parse(enrolRequest, req.body);
    if (auth.list().some((x) => x.siteId === body.siteId && x.revokedAt === null)) {
      // Pull skips a device's own site: two live devices with one site id would never see each other's edits.
      throw new HttpError(409, 'site_taken', `site ${body.siteId} already belongs to an enrolled device; revoke it first`);
    }
    const r = auth.enrol(body.code, body.deviceName, body.siteId);
    if (!r) throw new HttpError(403, 'bad_code', 'Mã đăng ký sai, đã dùng hoặc hết hạn / enrolment code unknown, used or expired');
    return { deviceId: r.device.deviceId, token: r.token, role: r.device.role, districts: r.device.districts };
  });

  app.post('/sync/push', async (req, reply: FastifyReply): Promise<PushResponse | void> => {
    const d = device(req);
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
    if (d.role === 'district_reporter') {
      // Check EVERY change before writing anything: a refused push writes nothing.
      const scope = new Scope(store);
      for (const c of changes) {
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
    }
    const r = store.applyRemote(changes);
    void reply;
    return { recorded: r.recorded, duplicates: r.duplicates, hubSeq: store.lastSeq() };
  });

  app.get('/sync/pull', async (req): Promise<PullResponse> => {
    const d = device(req);
    const q = parse(pullQuery, req.query);
    const rows = store.changesSince(q.cursor, q.limit);
    const scope = d.role === 'district_reporter' ? new Scope(store) : null;
    const changes = rows.filter((c) => {
      if (c.siteId === d.siteId) return false; // the device's own changes: it has them
      if (!scope) return true;
      return scope.maySee(d.districts, c) && !scope.districtsOf(c).includes(ADMIN_ONLY);
    });
    const cursor = rows.length > 0 ? rows[rows.length - 1]!.seq : q.cursor;
    return { changes, cursor, more: rows.length === q.limit };
  });

  const address = await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  const port = Number(new URL(address).port);
  return {
    app,
    store,
    auth,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    async close() {
      await app.close();
      store.close();
    },
  };
}
