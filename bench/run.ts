import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDb, type DemoDb, type DemoSpec } from './lib/datasets';
import { mb } from './lib/timing';
import { runMetricsBench } from './metrics';
import { runWriteRateBench } from './write-rate';

/**
 * `npm run bench [-- section …]` — prints a compact table and writes the numbers as JSON to
 * bench/results/ (bench-<time>.json and latest.json).
 *
 * Sections (default: all): write, seed, metrics, io, map, sync.
 *   write    change-recording write rate vs plain better-sqlite3 INSERT (bench/write-rate.ts)
 *   seed     the default demo range through the write path: rows, file size, build time
 *   metrics  7-day incidence for all units (cache vs naive GROUP BY), snapshots, facility
 *            load, on TWO YEARS of daily demo data at scale 1 and 10 (bench/metrics.ts)
 *   io, map  the import and map benchmarks of those areas (bench/io, bench/map)
 *   sync     applyRemote of 100,000 remote changes, hub push/pull throughput over HTTP,
 *            200 devices syncing at once, vs the plain INSERT rate (bench/sync; set
 *            SABAN_BENCH_PG=postgres://… to also measure a PostgreSQL hub)
 * BENCH_SCALES=1 limits the metrics datasets (e.g. for a quick run).
 *
 * Databases are built once through the real write path into bench/.data/ and reused (see
 * bench/lib/datasets.ts); building scale 10 takes minutes and ~4 GB of disk the first time.
 * Timings are wall clock on whatever else the machine is doing: compare runs made under
 * the same load.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(HERE, 'results');
const ALL = ['write', 'seed', 'metrics', 'io', 'map', 'sync'] as const;
type Section = (typeof ALL)[number];

const GOALS = { incidenceMsScale1: 5, speedupMin: 20 };
const TWO_YEARS = { from: '2021-01-01', to: '2022-12-31' };
const DEFAULT_RANGE = { from: '2021-07-01', to: '2022-04-30' };
/** Omicron wave: QĐ 218 in force, so the case base is 'all' (community + quarantined). */
const BENCH_DATE = '2022-03-15';

type Values = Record<string, number | string | boolean>;

function table(title: string, columns: string[], rows: Array<[string, ...Array<string | number | boolean | undefined>]>): void {
  const cells = [['', ...columns], ...rows.map((r) => r.map((c) => (c === undefined ? '—' : typeof c === 'number' ? c.toLocaleString('en') : String(c))))];
  const widths = cells[0]!.map((_, k) => Math.max(...cells.map((r) => (r[k] ?? '').length)));
  const line = (r: string[]) => r.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(cells[0]!));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
}

function sectionsFromArgs(): Section[] {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const bad = args.filter((a) => !(ALL as readonly string[]).includes(a));
  if (bad.length > 0) throw new Error(`unknown section(s) ${bad.join(', ')}; choose from ${ALL.join(', ')}`);
  return args.length > 0 ? (args as Section[]) : [...ALL];
}

async function main() {
  const sections = sectionsFromArgs();
  const t0 = performance.now();
  const out: Record<string, unknown> = {
    when: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
  const check = (name: string, ok: boolean) => console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${name}`);
  const seconds: Record<string, number> = {};
  const timed = <T>(section: Section, fn: () => T): T => {
    const t = performance.now();
    try {
      return fn();
    } finally {
      seconds[section] = (performance.now() - t) / 1000;
    }
  };

  if (sections.includes('write')) {
    console.log('write rate: 100,000 rows …');
    const w = timed('write', runWriteRateBench);
    out.write = w;
    table('Change-recording write rate (100,000 case-report creates, one call, synchronous=FULL)', ['value'], [
      ['store.write rows/s', w.writeRowsPerSec],
      ['  change rows/s', w.writeChangeRowsPerSec],
      ['  field values/s (11 per row)', w.writeFieldValuesPerSec],
      ['store.writeAll (streamed) rows/s', w.writeAllRowsPerSec],
      ['plain INSERT, same DDL + indexes, rows/s', w.plainInsertRowsPerSec],
      ['plain INSERT, bare table, rows/s', w.bareInsertRowsPerSec],
      ['write path time ÷ plain INSERT time', w.writePathCostFactor],
    ]);
  }

  if (sections.includes('seed')) {
    const db = timed('seed', () => demoDb({ seed: 1, scale: 1, ...DEFAULT_RANGE }));
    out.seed = { ...db.spec, ...db.manifest, reused: !db.built };
    table(`Demo seeding, default range ${DEFAULT_RANGE.from} → ${DEFAULT_RANGE.to}, scale 1 (one streamed writeAll)`, ['value'], [
      ['ops', db.manifest.ops],
      ['change rows', db.manifest.changeRows],
      ['file MB', mb(db.manifest.fileBytes)],
      [`build s${db.built ? '' : ' (when built)'}`, Math.round(db.manifest.buildSeconds * 10) / 10],
    ]);
  }

  if (sections.includes('metrics')) {
    const scales = (process.env.BENCH_SCALES ?? '1,10').split(',').map(Number);
    const dbs: DemoDb[] = scales.map((scale) => demoDb({ seed: 1, scale, ...TWO_YEARS } satisfies DemoSpec));
    const results: Values[] = timed('metrics', () =>
      dbs.map((db) => {
        console.log(`metrics: scale ${db.spec.scale} …`);
        return runMetricsBench(db, BENCH_DATE, { wardSnapshot: true });
      }),
    );
    out.metrics = dbs.map((db, k) => ({ dataset: { ...db.spec, ...db.manifest, reused: !db.built }, ...results[k] }));
    const col = (key: string) => results.map((r) => r[key] as number | string | undefined);
    table(`Metrics on two years of daily data (${TWO_YEARS.from} → ${TWO_YEARS.to}), date ${BENCH_DATE}`, scales.map((s) => `scale ${s}`), [
      ['units (wards + districts + city)', ...col('units')],
      ['case reports', ...col('caseReports')],
      ['db file MB', ...dbs.map((d) => mb(d.manifest.fileBytes))],
      ['db build s (through write path)', ...dbs.map((d) => Math.round(d.manifest.buildSeconds))],
      ['7-day incidence, all units: cache ms', ...col('incidenceHotMs')],
      ['  cache p95 ms', ...col('incidenceHotP95Ms')],
      ['  naive GROUP BY ms', ...col('incidenceNaiveMs')],
      ['  speed-up ×', ...col('speedup')],
      ['  cache cold build ms', ...col('cacheColdBuildMs')],
      ['  cache arrays MB', ...col('cacheArraysMB')],
      ['  memory growth MB (heap + buffers)', ...col('cacheMemoryGrowthMB')],
      ['snapshot, 30 districts + city, ms', ...col('snapshotDistrictMs')],
      ['snapshot, every ward + city, ms', ...col('snapshotWardMs')],
      ['series of the city, 730 days, ms', ...col('citySeries730dMs')],
      ['facility load (latest + tiers): cache ms', ...col('facilityHotMs')],
      ['  naive SQL ms', ...col('facilityNaiveMs')],
      ['  cache cold build ms', ...col('facilityColdMs')],
      ['  facilities / statuses', ...results.map((r) => `${Number(r.facilities).toLocaleString('en')} / ${Number(r.facilityStatuses).toLocaleString('en')}`)],
      ['  facility cache MB', ...col('facilityCacheMB')],
    ]);
    const s1 = results[scales.indexOf(1)];
    if (s1) check(`incidence for all units < ${GOALS.incidenceMsScale1} ms at scale 1`, (s1.incidenceHotMs as number) < GOALS.incidenceMsScale1);
    results.forEach((r, k) => check(`≥ ${GOALS.speedupMin}× faster than the naive GROUP BY at scale ${scales[k]}`, (r.speedup as number) >= GOALS.speedupMin));
  }

  for (const [section, file, fn] of [
    ['io', './io/index', 'runIoBench'],
    ['map', './map/index', 'runMapBench'],
  ] as const) {
    if (!sections.includes(section)) continue;
    try {
      const mod = (await import(file)) as Record<string, () => Promise<Record<string, number>>>;
      // These print their own tables; their numbers go into the JSON.
      const t = performance.now();
      out[section] = await mod[fn]!();
      seconds[section] = (performance.now() - t) / 1000;
    } catch (e) {
      out[section] = { error: e instanceof Error ? e.message : String(e) };
      console.log(`\n${section}: failed — ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  if (sections.includes('sync')) {
    try {
      await syncSection();
    } catch (e) {
      out.sync = { error: e instanceof Error ? e.message : String(e) };
      console.log(`\nsync: failed — ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }
  async function syncSection() {
    // Loaded on demand like io/map: a broken hub build must not stop the other sections.
    const { DEVICES, PAGE, runSyncBench, SYNC_GOALS } = await import('./sync/index');
    const t = performance.now();
    const plain = (out.write as { plainInsertRowsPerSec?: number } | undefined)?.plainInsertRowsPerSec;
    const s = (await runSyncBench(plain !== undefined ? { plainInsertRowsPerSec: plain } : {})) as {
      apply: Values;
      hub: Values;
      pg: Values;
      clients: Values;
      baseline: Values;
    };
    seconds.sync = (performance.now() - t) / 1000;
    out.sync = s;
    const pgCol = (key: string) => (s.pg.skipped !== undefined ? undefined : (s.pg[key] as number | undefined));
    table('Sync: 100,000 remote change rows (50k case-report creates, 30k field corrections, 10k task creates, 10k task updates)', ['SQLite hub', 'PG hub'], [
      ['client applyRemote, one batch: s', s.apply.oneBatchSeconds, undefined],
      ['  change rows/s', s.apply.oneBatchRowsPerSec, undefined],
      [`client applyRemote, pages of ${PAGE.toLocaleString('en')}: s`, s.apply.pagedSeconds, undefined],
      ['  change rows/s', s.apply.pagedRowsPerSec, undefined],
      ['re-apply same 100,000 (all duplicates): s', s.apply.duplicateBatchSeconds, undefined],
      ['hub push over HTTP (real client): rows', s.hub.pushedRows, pgCol('pushedRows')],
      ['  accepted change rows/s', s.hub.pushRowsPerSec, pgCol('pushRowsPerSec')],
      ['  hub CPU s during push', s.hub.hubCpuSecondsDuringPush, pgCol('hubCpuSecondsDuringPush')],
      ['hub pull, raw HTTP pages: rows/s', s.hub.rawPullRowsPerSec, pgCol('rawPullRowsPerSec')],
      ['hub pull, client pull + apply: rows/s', s.hub.clientPullRowsPerSec, pgCol('clientPullRowsPerSec')],
      ['plain INSERT rows/s (write-rate baseline)', s.baseline.plainInsertRowsPerSec, undefined],
      ['  apply one batch ÷ plain INSERT', s.baseline.applyOneBatchVsPlain, undefined],
      ['  apply pages ÷ plain INSERT', s.baseline.applyPagedVsPlain, undefined],
      ['  hub push ÷ plain INSERT', s.baseline.hubPushVsPlain, undefined],
    ]);
    if (s.pg.skipped !== undefined) console.log(`  PG hub: ${String(s.pg.skipped)}`);
    table(`Sync: ${DEVICES} devices at once (each ${String(s.clients.changesPerDevice)} changes; hub rate limit raised to ${String(s.clients.rateLimitPerMinute)}/min/device)`, ['value'], [
      ['requests (all phases)', s.clients.requests],
      ['errors (failed rounds + non-2xx)', s.clients.errors],
      ['full rounds (SyncClient.syncNow, 200 stores in this process):', ''],
      ['  round 1 s (everyone pushes)', s.clients.round1Seconds],
      ['  round 2 s (everyone pulls + applies the others)', s.clients.round2Seconds],
      ['  hub CPU s, both rounds', s.clients.hubCpuSecondsRounds],
      ['  request latency p50 ms', s.clients.latencyP50Ms],
      ['    p95 ms', s.clients.latencyP95Ms],
      ['    max ms', s.clients.latencyMaxMs],
      ['  every device has every edit', s.clients.converged],
      ['hub-bound (push 5 + fetch one pull page, nothing applied):', ''],
      ['  wall s', s.clients.hubBoundSeconds],
      ['  request latency p50 ms', s.clients.hubBoundP50Ms],
      ['    p95 ms', s.clients.hubBoundP95Ms],
      ['    max ms', s.clients.hubBoundMaxMs],
    ]);
    check(`applyRemote of 100,000 changes < ${SYNC_GOALS.applySeconds} s (one batch)`, (s.apply.oneBatchSeconds as number) < SYNC_GOALS.applySeconds);
    check(`applyRemote of 100,000 changes < ${SYNC_GOALS.applySeconds} s (pages of ${PAGE.toLocaleString('en')})`, (s.apply.pagedSeconds as number) < SYNC_GOALS.applySeconds);
    check(`SQLite hub accepts ≥ ${SYNC_GOALS.hubOpsPerSec.toLocaleString('en')} change rows/s`, (s.hub.pushRowsPerSec as number) >= SYNC_GOALS.hubOpsPerSec);
    if (s.pg.skipped === undefined) check(`PG hub accepts ≥ ${SYNC_GOALS.hubOpsPerSec.toLocaleString('en')} change rows/s`, (s.pg.pushRowsPerSec as number) >= SYNC_GOALS.hubOpsPerSec);
    check(`${DEVICES} devices at once: ${SYNC_GOALS.clientErrors} errors, all converged`, s.clients.errors === SYNC_GOALS.clientErrors && s.clients.converged === true);
  }

  out.sectionSeconds = Object.fromEntries(Object.entries(seconds).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  out.totalSeconds = Math.round((performance.now() - t0) / 100) / 10;
  console.log(`\nsection seconds: ${Object.entries(out.sectionSeconds as Record<string, number>).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  fs.mkdirSync(RESULTS, { recursive: true });
  const json = JSON.stringify(out, null, 1);
  fs.writeFileSync(path.join(RESULTS, `bench-${String(out.when).replace(/[:.]/g, '-')}.json`), json);
  fs.writeFileSync(path.join(RESULTS, 'latest.json'), json);
  console.log(`\n${out.totalSeconds} s; results in ${path.relative(process.cwd(), RESULTS)}/latest.json`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
