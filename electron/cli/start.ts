/**
 * `npm start`: the desktop app. Where no Electron runtime can be had (no binary in
 * node_modules/electron/dist and no ELECTRON_PATH), say so in one line and start
 * web mode instead, so the main job always runs.
 */
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { appRoot } from '../core/paths';
import { serve, ensureRendererBuilt } from './serve';
import { findElectronBinary } from './electron-binary';

async function main() {
  const electron = findElectronBinary(appRoot());
  if (!electron.path) {
    console.log(`Không chạy được Electron (${electron.reason}) — mở chế độ web. / Electron runtime unavailable (${electron.reason}); starting web mode.`);
    await serve(process.argv.slice(2));
    return;
  }
  await ensureRendererBuilt();
  const built = spawnSync(process.execPath, [path.join(appRoot(), 'scripts', 'build-electron.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const child = spawn(electron.path, [path.join(appRoot(), 'dist', 'electron', 'main.cjs')], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

void main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
