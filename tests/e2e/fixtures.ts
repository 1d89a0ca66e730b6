import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { openCore, type Core } from '../../electron/core/app';
import { startWebServer, type RunningServer } from '../../electron/server/server';
import { rendererDir } from '../../electron/core/paths';

/**
 * Each test file gets its own web-mode server: a real SQLite file in a temp dir and a
 * real HTTP server on 127.0.0.1 (ephemeral port) serving the built renderer.
 */
export interface AppServer {
  url: string;
  core: Core;
  server: RunningServer;
  dir: string;
}

export async function startApp(
  opts: { init?: 'demo' | 'empty' | null; clock?: () => number; demoRange?: { from: string; to: string; scale?: number } } = {},
): Promise<AppServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saban-e2e-'));
  const core = openCore({ dbPath: path.join(dir, 'saban.sqlite'), backupDir: path.join(dir, 'backups'), clock: opts.clock, demoRange: opts.demoRange });
  if (opts.init) await core.initStore(opts.init);
  const server = await startWebServer({
    handlers: core.handlers,
    bus: core.bus,
    staticDir: rendererDir(),
    port: 0,
    localContext: () => core.localContext(),
    contentSecurityPolicy: () => core.contentSecurityPolicy(),
    validateOutput: true,
  });
  return { url: server.url, core, server, dir };
}

export async function stopApp(app: AppServer) {
  await app.server.close();
  app.core.close();
  fs.rmSync(app.dir, { recursive: true, force: true });
}

export const screenshotDir = path.join(path.dirname(new URL(import.meta.url).pathname), 'screenshots');
export async function saveScreenshot(page: Page, name: string) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: false });
}

/** Fails the test if the page tries to reach anything but our own server (offline-first). */
export function recordForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  return foreign;
}

export const test = base;
export { expect };
