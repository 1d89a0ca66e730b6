/**
 * Web mode: `npm run serve -- [--port N] [--host 127.0.0.1] [--db PATH]`.
 * Serves the built renderer and the API; builds the renderer first if it is missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../core/app';
import { appRoot, defaultDataDir, rendererDir } from '../core/paths';
import { startWebServer } from '../server/server';
import { isLoopbackHost } from '../server/security';

export async function ensureRendererBuilt(): Promise<string> {
  const dir = rendererDir();
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.log('Đang dựng giao diện (vite build)… / building the renderer…');
    const { build } = await import('vite');
    await build({ configFile: path.join(appRoot(), 'vite.config.ts'), logLevel: 'warn' });
  }
  return dir;
}

export async function serve(argv: string[] = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4318' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: "${values.port}" is not a port number`);
  const dbPath = path.resolve(values.db ?? path.join(defaultDataDir(), 'saban.sqlite'));
  const staticDir = values['no-build'] ? rendererDir() : await ensureRendererBuilt();
  const core = openCore({ dbPath, backupDir: path.join(path.dirname(dbPath), 'backups') });
  const server = await startWebServer({ handlers: core.handlers, bus: core.bus, staticDir, host: values.host, port, localContext: () => core.localContext(), contentSecurityPolicy: () => core.contentSecurityPolicy() });
  console.log(`Sa Bàn (chế độ web / web mode): ${server.url}/  — CSDL / database: ${dbPath}`);
  if (!isLoopbackHost(values.host!)) console.log('Lưu ý: máy khác trong mạng cần mã truy cập chỉ-xem (Cài đặt → Màn hình lớn). Note: other machines need a read-only access token (Settings → Wall display).');
  const stop = async () => {
    await server.close();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return { server, core };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
