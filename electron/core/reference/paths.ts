import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REFERENCE_FILES } from '../../../shared/reference/types';

/** Marker file that identifies a resources folder. */
const MARKER = path.join('data', REFERENCE_FILES.sources);

function hasMarker(dir: string): boolean {
  return fs.existsSync(path.join(dir, MARKER));
}

/**
 * The app's `resources` folder (holding `data/` and `icons/`).
 *
 * Order: env `SABAN_RESOURCES` (used as given, must exist) → the packaged app's
 * `process.resourcesPath/resources` (electron-builder extraResources; read from
 * `process`, never from `electron`) → the first `resources/` with data found walking up
 * from this module (works from the repo in dev and tests, and from dist/electron/*.cjs).
 */
export function resourcesDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.SABAN_RESOURCES;
  if (override) {
    const dir = path.resolve(override);
    if (!fs.existsSync(dir)) throw new Error(`SABAN_RESOURCES=${override}: thư mục không tồn tại / folder does not exist`);
    return dir;
  }
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged) {
    const dir = path.join(packaged, 'resources');
    if (hasMarker(dir)) return dir;
  }
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'resources');
    if (hasMarker(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('Không tìm thấy thư mục resources (đặt biến SABAN_RESOURCES) / resources folder not found (set SABAN_RESOURCES)');
}

/** `<resources>/data`. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(resourcesDir(env), 'data');
}

/** Absolute path of one bundled reference file. */
export function referenceFile(name: keyof typeof REFERENCE_FILES, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDir(env), REFERENCE_FILES[name]);
}
