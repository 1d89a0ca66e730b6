/**
 * `npm run seed -- --db PATH [--seed N] [--scale K] [--from YYYY-MM-DD --to YYYY-MM-DD]`
 * Fills a database file with the deterministic demo data (labelled DEMO in the app).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../core/app';
import { isoDate } from '../../shared/domain';

function main() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      seed: { type: 'string', default: '1' },
      scale: { type: 'string', default: '1' },
      from: { type: 'string', default: '2021-07-01' },
      to: { type: 'string', default: '2022-04-30' },
    },
    strict: true,
  });
  if (!values.db) throw new Error('--db PATH is required');
  const seed = Number(values.seed);
  const scale = Number(values.scale);
  if (!Number.isInteger(seed)) throw new Error(`--seed: "${values.seed}" is not an integer`);
  if (!Number.isInteger(scale) || scale < 1 || scale > 18) throw new Error(`--scale: "${values.scale}" must be an integer 1–18`);
  for (const k of ['from', 'to'] as const) {
    if (!isoDate.safeParse(values[k]).success) throw new Error(`--${k}: "${values[k]}" is not a date YYYY-MM-DD`);
  }
  if (values.from! > values.to!) throw new Error('--from must not be after --to');
  const dbPath = path.resolve(values.db);
  const t0 = performance.now();
  const core = openCore({ dbPath, demoRange: { from: values.from!, to: values.to!, scale } });
  try {
    const before = core.store.lastSeq();
    core.initStore('demo', seed).then(
      () => {
        const secs = ((performance.now() - t0) / 1000).toFixed(1);
        console.log(`Demo data (seed ${seed}, scale ${scale}, ${values.from} → ${values.to}) written to ${dbPath}: ${core.store.lastSeq() - before} change rows in ${secs} s`);
        core.close();
      },
      (err: unknown) => {
        core.close();
        console.error(err instanceof Error ? err.message : err);
        process.exit(1);
      },
    );
  } catch (err) {
    core.close();
    throw err;
  }
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
