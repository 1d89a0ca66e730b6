// Bundles the Electron main process and preload (CommonJS, as Electron loads them)
// into dist/electron. better-sqlite3 stays external: it is a native module that
// electron-builder unpacks from the asar archive.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, logLevel: 'warning', external: ['electron', 'better-sqlite3'] };
await build({
  ...common,
  entryPoints: [path.join(root, 'electron/main/main.ts')],
  outfile: path.join(root, 'dist/electron/main.cjs'),
  // import.meta.url is used by the core's path helpers; give CommonJS an equivalent.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
});
await build({ ...common, entryPoints: [path.join(root, 'electron/preload/preload.ts')], outfile: path.join(root, 'dist/electron/preload.cjs'), platform: 'browser', external: ['electron'] });
console.log('electron bundles → dist/electron');
