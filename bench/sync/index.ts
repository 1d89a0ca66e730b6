import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureReferenceData } from '../../electron/core/seed/reference';
import { openStore, type Store } from '../../electron/core/store';
import { DEFAULT_PULL_LIMIT, DEFAULT_PUSH_BATCH, SyncClient } from '../../electron/core/sync/client';
import { pullResponse } from '../../electron/core/sync/protocol';
import { round } from '../lib/timing';
import { runWriteRateBench } from '../write-rate';
import { runClientsBench } from './clients';
import { enrol, hubSeq, startBenchHub } from './hub';
import { buildWorkload, WORKLOAD_MIX, WORKLOAD_ROWS, type Workload } from './workload';

/**
 * Sync benchmarks (`npm run bench -- sync`).
 *
 *  apply     store.applyRemote of 100,000 change rows from another site (see workload.ts) on
 *            a client: in ONE batch, and in pages of DEFAULT_PULL_LIMIT (5,000) = what SyncClient.pull does
 *            (each page its own transaction + fsync). Goal: < 3 s.
 *  hub       a hub in its own process on 127.0.0.1 with a SQLite file: the sending site's
 *            real SyncClient.push() of those rows over HTTP (reference units are not pushed:
 *            every device enters the same rows itself, seed/reference.ts) —
 *            change rows accepted per second (goal ≥ 20,000/s); then pull throughput:
 *            raw HTTP pages of DEFAULT_PULL_LIMIT (hub serving + JSON), and a full SyncClient.pull()
 *            into a fresh store (serving + applying).
 *  clients   200 enrolled devices syncing at once (clients.ts). Goal: 0 errors.
 *  baseline  plain better-sqlite3 INSERT rate from bench/write-rate.ts in the same run
 *            (reused from the `write` section if it ran), and the ratios.
 * SABAN_BENCH_PG=postgres://… also runs the hub push/pull against a PostgreSQL hub
 * (startHub({ pgUrl })). Each run uses new site ids, so the same database can be reused.
 */

export const SYNC_GOALS = { applySeconds: 3, hubOpsPerSec: 20_000, clientErrors: 0 };
/** What the sync client does (its defaults): pages of this many rows. */
export const PAGE = DEFAULT_PULL_LIMIT;
export const DEVICES = 200;
/**
 * Raised from the default 600/min per device. Not needed by the 200-device test itself
 * (each device makes ~6 requests, and the limit is per device), only so a rerun of a big
 * push/pull page loop can never be throttled inside the measurement.
 */
export const BENCH_RATE_LIMIT = 100_000;

type Values = Record<string, number | string | boolean>;

/** A client store as a device has it before such traffic: the reference units only. */
function freshClient(dir: string, name: string): Store {
  const s = openStore({ path: path.join(dir, `${name}.db`), siteId: name });
  ensureReferenceData(s);
  return s;
}

function applyBench(dir: string, w: Workload): Values {
  const one = freshClient(dir, 'applyOne');
  const paged = freshClient(dir, 'applyPaged');
  try {
    let t = performance.now();
    const r = one.applyRemote(w.changes);
    const oneSecs = (performance.now() - t) / 1000;
    if (r.recorded !== WORKLOAD_ROWS) throw new Error(`applyRemote recorded ${r.recorded}`);
    t = performance.now();
    let recorded = 0;
    for (let i = 0; i < w.changes.length; i += PAGE) recorded += paged.applyRemote(w.changes.slice(i, i + PAGE)).recorded;
    const pagedSecs = (performance.now() - t) / 1000;
    if (recorded !== WORKLOAD_ROWS) throw new Error(`paged applyRemote recorded ${recorded}`);
    t = performance.now();
    const again = one.applyRemote(w.changes);
    const dupSecs = (performance.now() - t) / 1000;
    const cases = one.db.prepare('SELECT count(*) FROM case_reports WHERE _deleted = 0').pluck().get() as number;
    if (again.recorded !== 0 || cases !== WORKLOAD_MIX.caseReportCreates) throw new Error('apply bench: wrong end state');
    return {
      rows: WORKLOAD_ROWS,
      oneBatchSeconds: round(oneSecs, 2),
      oneBatchRowsPerSec: Math.round(WORKLOAD_ROWS / oneSecs),
      pagedSeconds: round(pagedSecs, 2),
      pagedRowsPerSec: Math.round(WORKLOAD_ROWS / pagedSecs),
      duplicateBatchSeconds: round(dupSecs, 2),
    };
  } finally {
    one.close();
    paged.close();
  }
}

/** Push the source's log through its real client, then pull it back (raw pages and a full client pull). */
async function hubBench(dir: string, source: Store, label: string, hubOpts: { dbPath: string } | { pgUrl: string }): Promise<Values> {
  const hub = await startBenchHub({ ...hubOpts, rateLimitPerMinute: BENCH_RATE_LIMIT });
  const run = Date.now().toString(36);
  const stores: Store[] = [];
  try {
    // The source enrols under its own site id; every run builds a new source (new site id,
    // new stamps), so a PG database reused across runs receives new rows each time.
    const token = await enrol(hub.url, source.siteId);
    const before = await hubSeq(hub.url);
    const cpu0 = hub.cpuSeconds();
    let t = performance.now();
    const pushed = await new SyncClient(source, { hubUrl: hub.url, token, pushBatch: DEFAULT_PUSH_BATCH }).push();
    const pushSecs = (performance.now() - t) / 1000;
    const cpuPush = cpu0 !== null ? (hub.cpuSeconds() ?? 0) - cpu0 : null;

    const pullerSite = `benchPull${run}${label}`;
    const pullToken = await enrol(hub.url, pullerSite);
    t = performance.now();
    let cursor = before;
    let rawRows = 0;
    for (;;) {
      const res = await fetch(`${hub.url}/sync/pull?cursor=${cursor}&limit=${PAGE}`, { headers: { authorization: `Bearer ${pullToken}` } });
      if (!res.ok) throw new Error(`pull: HTTP ${res.status} ${await res.text()}`);
      const page = pullResponse.parse(await res.json());
      rawRows += page.changes.length;
      cursor = page.cursor;
      if (!page.more) break;
    }
    const rawSecs = (performance.now() - t) / 1000;
    if (rawRows !== pushed) throw new Error(`${label}: pulled ${rawRows} of ${pushed} pushed rows`);

    const out: Values = {
      pushedRows: pushed,
      pushSeconds: round(pushSecs, 2),
      pushRowsPerSec: Math.round(pushed / pushSecs),
      ...(cpuPush !== null ? { hubCpuSecondsDuringPush: round(cpuPush, 2) } : {}),
      rawPullRowsPerSec: Math.round(rawRows / rawSecs),
      rawPullSeconds: round(rawSecs, 2),
    };
    if (before === 0) {
      // Full client pull (fetch + parse + applyRemote per page) into a fresh store. Only on
      // a fresh hub: the client's cursor starts at 0.
      const puller2 = `benchPullApply${run}${label}`;
      const store = openStore({ path: path.join(dir, `${puller2}.db`), siteId: puller2 });
      stores.push(store);
      const c = new SyncClient(store, { hubUrl: hub.url, token: await enrol(hub.url, puller2), pullLimit: PAGE });
      t = performance.now();
      const { pulled } = await c.pull();
      const secs = (performance.now() - t) / 1000;
      if (pulled !== pushed) throw new Error(`${label}: client pulled ${pulled} of ${pushed}`);
      out.clientPullRowsPerSec = Math.round(pulled / secs);
      out.clientPullSeconds = round(secs, 2);
    }
    return out;
  } finally {
    for (const s of stores) s.close();
    await hub.stop();
  }
}

export async function runSyncBench(opts: { plainInsertRowsPerSec?: number } = {}): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saban-bench-sync-'));
  const stores: Store[] = [];
  try {
    console.log('sync: building 100,000 change rows at a "remote" site through the write path …');
    const run = Date.now().toString(36);
    const source = openStore({ path: path.join(dir, 'source.db'), siteId: `benchRemote${run}` });
    stores.push(source);
    const w = buildWorkload(source);

    console.log('sync: applyRemote on a client …');
    const apply = applyBench(dir, w);

    console.log('sync: hub (SQLite, own process) push / pull over HTTP …');
    const hub = await hubBench(dir, source, 'sqlite', { dbPath: path.join(dir, 'hub.db') });

    let pg: Values | { skipped: string } = { skipped: 'SABAN_BENCH_PG not set' };
    const pgUrl = process.env.SABAN_BENCH_PG;
    if (pgUrl) {
      console.log('sync: hub (PostgreSQL) push / pull over HTTP …');
      // The same rows again, from a second source (a new site: the PG database may be reused across runs).
      const source2 = openStore({ path: path.join(dir, 'source-pg.db'), siteId: `benchRemotePg${run}` });
      stores.push(source2);
      buildWorkload(source2);
      try {
        pg = await hubBench(dir, source2, 'pg', { pgUrl });
      } catch (e) {
        pg = { skipped: `failed: ${e instanceof Error ? e.message : String(e)}` };
      }
    }

    console.log(`sync: ${DEVICES} devices syncing at once …`);
    const clients = await runClientsBench(dir, DEVICES, BENCH_RATE_LIMIT);

    let plain = opts.plainInsertRowsPerSec;
    if (plain === undefined) {
      console.log('sync: plain SQLite INSERT baseline (bench/write-rate.ts) …');
      plain = runWriteRateBench().plainInsertRowsPerSec!;
    }
    const ratios = {
      plainInsertRowsPerSec: plain,
      applyOneBatchVsPlain: round((apply.oneBatchRowsPerSec as number) / plain, 2),
      applyPagedVsPlain: round((apply.pagedRowsPerSec as number) / plain, 2),
      hubPushVsPlain: round((hub.pushRowsPerSec as number) / plain, 2),
    };
    return { workload: { ...WORKLOAD_MIX, rows: WORKLOAD_ROWS, referenceRows: w.reference.length }, apply, hub, pg, clients, baseline: ratios };
  } finally {
    for (const s of stores) s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
