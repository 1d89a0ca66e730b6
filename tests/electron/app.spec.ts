/**
 * Electron-only suite (Playwright `_electron`). Runs where an Electron binary exists
 * (ELECTRON_PATH, or node_modules/electron/dist); elsewhere every test is skipped and
 * the reason is printed. Nothing here imports `electron`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect, _electron, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from '../../electron/cli/electron-binary';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const electronBin = findElectronBinary(root);
if (!electronBin.path) console.log(`[electron suite] skipped: ${electronBin.reason}`);

test.describe('desktop shell (Electron)', () => {
  test.skip(!electronBin.path, `no Electron runtime: ${electronBin.reason}`);
  let app: ElectronApplication;
  let dataDir: string;

  test.beforeAll(async () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { stdio: 'inherit' });
    expect(r.status).toBe(0);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'saban-electron-'));
    app = await _electron.launch({
      executablePath: electronBin.path!,
      args: [path.join(root, 'dist', 'electron', 'main.cjs')],
      env: { ...process.env, SABAN_DATA_DIR: dataDir },
    });
  });
  test.afterAll(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('loads the renderer over app:// with the API bridge and no Node', async () => {
    const win = await app.firstWindow();
    await expect(win.getByText('Sa Bàn').first()).toBeVisible();
    expect(win.url()).toMatch(/^app:\/\/saban\//);
    expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await win.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
    const info = await win.evaluate(() => (window as unknown as { saban: { invoke(o: string, i: unknown): Promise<{ ok: boolean }> } }).saban.invoke('app.info', {}));
    expect(info.ok).toBe(true);
    // Sandboxed renderer with context isolation: the preload's bridge is the only API.
    expect(await win.evaluate(() => Object.keys((window as unknown as { saban: object }).saban).sort())).toEqual(['invoke', 'onChange', 'platform']);
  });

  test('blocks navigation away and new windows', async () => {
    const win = await app.firstWindow();
    const before = win.url();
    await win.evaluate(() => {
      location.href = 'https://example.org/';
    });
    await win.waitForTimeout(500);
    expect(win.url()).toBe(before);
    const opened = await win.evaluate(() => window.open('https://example.org/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
