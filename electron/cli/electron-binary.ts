import fs from 'node:fs';
import path from 'node:path';

/**
 * Locates a runnable Electron binary without importing `electron` (whose index.js
 * throws when the binary was never downloaded). Used by `npm start` and the
 * Electron-only test suite to decide whether to run or to say why they skip.
 */
export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): { path: string | null; reason: string } {
  if (env.ELECTRON_PATH) {
    return fs.existsSync(env.ELECTRON_PATH) ? { path: env.ELECTRON_PATH, reason: 'ELECTRON_PATH' } : { path: null, reason: `ELECTRON_PATH=${env.ELECTRON_PATH} does not exist` };
  }
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathTxt)) return { path: null, reason: 'no Electron binary in node_modules/electron/dist (it could not be downloaded here)' };
  const bin = path.join(pkgDir, 'dist', fs.readFileSync(pathTxt, 'utf8').trim());
  return fs.existsSync(bin) ? { path: bin, reason: 'node_modules/electron' } : { path: null, reason: `missing ${bin}` };
}
