import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_GENERATOR_VERSION } from '../../electron/core/demo';
import { seedDemo } from '../../electron/core/seed/demo';
import { ensureReferenceData } from '../../electron/core/seed/reference';
import { LATEST_VERSION, openStore } from '../../electron/core/store';

/**
 * Benchmark databases: demo data written through the real write path (reference units,
 * then seedDemo = one streamed store.writeAll, exactly what "demo data" does in the app),
 * kept in bench/.data/ (gitignored) and reused across runs. The file name is the key:
 * seed, scale, range, demo generator version, store schema version and the change-log
 * format — change any of them and a new file is built.
 */

/** Bumped when the write path records different change rows for the same data. */
export const CHANGE_FORMAT = 2; // 2: one `_created` row per create (was one row per field)

export interface DemoSpec {
  seed: number;
  scale: number;
  from: string;
  to: string;
}

export interface DemoDb {
  spec: DemoSpec;
  path: string;
  /** True when this run built the file (false: reused). */
  built: boolean;
  manifest: {
    buildSeconds: number;
    ops: number;
    changeRows: number;
    fileBytes: number;
    builtAt: string;
  };
}

const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.data');

export function demoKey(s: DemoSpec): string {
  return `demo-seed${s.seed}-x${s.scale}-${s.from}_${s.to}-gen${DEMO_GENERATOR_VERSION}-schema${LATEST_VERSION}-cf${CHANGE_FORMAT}`;
}

function removeDb(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

/** The database for `spec`, built now if it is not there yet. */
export function demoDb(spec: DemoSpec, log: (line: string) => void = console.log): DemoDb {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const key = demoKey(spec);
  const file = path.join(DATA_DIR, `${key}.db`);
  const manifestFile = path.join(DATA_DIR, `${key}.json`);
  // The manifest is written last: without it the file is an interrupted build.
  if (fs.existsSync(file) && fs.existsSync(manifestFile)) {
    return { spec, path: file, built: false, manifest: JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as DemoDb['manifest'] };
  }
  const tmp = path.join(DATA_DIR, `${key}.building.db`);
  removeDb(tmp);
  removeDb(file);
  log(`building ${key} through the write path (once; reused by later runs)…`);
  const t0 = performance.now();
  const store = openStore({ path: tmp });
  let r: ReturnType<typeof seedDemo>;
  try {
    ensureReferenceData(store);
    let shown = 0;
    r = seedDemo(store, {
      ...spec,
      onDay: (done, total) => {
        const pct = Math.floor((done * 10) / total) * 10;
        if (pct > shown) {
          shown = pct;
          log(`  ${pct} % of the days written (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
        }
      },
    });
  } finally {
    store.close(); // checkpoints the WAL into the file
  }
  const buildSeconds = (performance.now() - t0) / 1000;
  removeDb(file);
  fs.renameSync(tmp, file);
  const manifest = { buildSeconds, ops: r.ops, changeRows: r.changes, fileBytes: fs.statSync(file).size, builtAt: new Date().toISOString() };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 1));
  log(`built ${key}: ${r.ops.toLocaleString('en')} ops, ${r.changes.toLocaleString('en')} change rows in ${buildSeconds.toFixed(1)} s`);
  return { spec, path: file, built: true, manifest };
}
