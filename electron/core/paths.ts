import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository / app root: two levels above this file (electron/core/). */
export function appRoot(): string {
  return process.env.SABAN_APP_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/**
 * Where web mode and the CLI keep the database when no --db is given: the OS's
 * per-user data folder (the Electron shell uses app.getPath('userData') instead).
 */
export function defaultDataDir(): string {
  if (process.env.SABAN_DATA_DIR) return process.env.SABAN_DATA_DIR;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'SaBan');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'SaBan');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'saban');
}

export function rendererDir(): string {
  return process.env.SABAN_RENDERER_DIR ?? path.join(appRoot(), 'dist', 'renderer');
}
