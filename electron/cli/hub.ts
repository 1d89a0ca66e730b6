/**
 * Sync hub: `npm run hub -- --port N (--db PATH | --pg postgres://…) [--host 127.0.0.1]
 * [--cert FILE --key FILE] [--allow-plain-http] [--admin-token T] [--min-schema V]
 * [--max-future-ms MS] [--rate-per-minute N] [--body-limit-bytes N] [--pg-pool N]
 * [--new-code ROLE[:DISTRICTS]]`.
 * --db: one hub process on a SQLite file. --pg: any number of hub processes on one
 * PostgreSQL database (the password may come from PGPASSWORD instead of the URL).
 * --cert/--key: HTTPS (PEM). Plain HTTP is refused on a non-loopback --host unless
 * --allow-plain-http (e.g. behind a TLS-terminating proxy).
 * Prints one line `Sa Bàn hub listening on http(s)://HOST:PORT` (tests read the port from it).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCodeRequest } from '../core/sync/protocol';
import { startHub } from '../hub/server';

export async function main(argv: string[] = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4319' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string' },
      pg: { type: 'string' },
      'pg-pool': { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      'allow-plain-http': { type: 'boolean', default: false },
      'admin-token': { type: 'string' },
      'min-schema': { type: 'string' },
      'max-future-ms': { type: 'string' },
      'rate-per-minute': { type: 'string' },
      'body-limit-bytes': { type: 'string' },
      'new-code': { type: 'string' },
    },
    strict: true,
  });
  const num = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: "${v}" is not a whole number`);
    return n;
  };
  if (!values.db === !values.pg) {
    throw new Error('give exactly one of --db PATH (SQLite hub database file) or --pg postgres://… (PostgreSQL, several hub processes)');
  }
  if (!values.cert !== !values.key) throw new Error('HTTPS needs both --cert FILE and --key FILE (PEM)');
  const port = num('port', values.port)!;
  if (port > 65535) throw new Error(`--port: ${port} is not a port number`);
  const hub = await startHub({
    ...(values.db ? { dbPath: path.resolve(values.db) } : { pgUrl: values.pg! }),
    ...(values['pg-pool'] ? { pg: { poolSize: num('pg-pool', values['pg-pool'])! } } : {}),
    ...(values.cert && values.key ? { tls: { certFile: path.resolve(values.cert), keyFile: path.resolve(values.key) } } : {}),
    allowPlainHttp: values['allow-plain-http']!,
    host: values.host!,
    port,
    ...(values['admin-token'] ? { adminToken: values['admin-token'] } : {}),
    ...(values['min-schema'] ? { minSchemaVersion: num('min-schema', values['min-schema'])! } : {}),
    ...(values['max-future-ms'] ? { maxFutureMs: num('max-future-ms', values['max-future-ms'])! } : {}),
    ...(values['rate-per-minute'] ? { rateLimitPerMinute: num('rate-per-minute', values['rate-per-minute'])! } : {}),
    ...(values['body-limit-bytes'] ? { bodyLimitBytes: num('body-limit-bytes', values['body-limit-bytes'])! } : {}),
  });
  console.log(`Sa Bàn hub listening on ${hub.url}`);
  if (values['new-code']) {
    // Headless set-up without an admin token: `--new-code operator` or `--new-code district_reporter:001,002`.
    const [role, list] = values['new-code'].split(':');
    const parsed = createCodeRequest.parse({ role, districts: list ? list.split(',') : [] });
    console.log(`Mã đăng ký thiết bị / enrolment code (${parsed.role}${parsed.districts.length ? ` ${parsed.districts.join(',')}` : ''}, 24 h): ${await hub.backend.createCode(parsed.role, parsed.districts, parsed.ttlMinutes)}`);
  }
  const stop = async () => {
    await hub.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return hub;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
