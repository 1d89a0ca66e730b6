import path from 'node:path';
import { openStore, type Store } from '../../electron/core/store';
import { SyncClient } from '../../electron/core/sync/client';
import { ensureReferenceData } from '../../electron/core/seed/reference';
import { BLANK_TASK } from '../../shared/domain';
import { percentile, round } from '../lib/timing';
import { enrol, startBenchHub } from './hub';
import { wardCodes } from './workload';

/**
 * N enrolled devices (own site id, own token, own SQLite file) each make a few edits, then
 * ALL sync at once (pull + push), twice (the second round brings everyone the others'
 * edits). Counted: failed rounds and non-2xx responses (goal 0), wall time, request
 * latency (request sent → response headers, as the device sees it) and whether every
 * device ends with every edit.
 *
 * The devices live in this process (the hub in its own): their SQLite work (200 stores
 * applying pulled pages, each commit fsync'd) shares ONE event loop and one core, so
 * round latencies include time a response waited for this process — pessimistic compared
 * with 200 machines. A third, "hub-bound" phase isolates the hub: every device pushes 5
 * more changes (SyncClient.push: reads its log, posts; nothing applied locally) and
 * fetches one pull page without applying it, all at once.
 */

export const CHANGES_PER_DEVICE = 5; // 2 case reports, 1 task create, 2 task fields

export async function runClientsBench(dir: string, devices: number, rateLimitPerMinute: number): Promise<Record<string, number | boolean>> {
  const hub = await startBenchHub({ dbPath: path.join(dir, 'hub-clients.db'), rateLimitPerMinute });
  const stores: Store[] = [];
  try {
    // Every device enters the reference units itself (same rows, same stamp everywhere: see
    // seed/reference.ts), so only the devices' own edits travel.
    const wards = (() => {
      const s = openStore({ path: path.join(dir, 'units.db'), siteId: 'benchUnits' });
      try {
        ensureReferenceData(s);
        return wardCodes(s);
      } finally {
        s.close();
      }
    })();

    const latencies: number[] = [];
    let httpErrors = 0;
    const timedFetch: typeof fetch = async (input, init) => {
      const t = performance.now();
      const res = await fetch(input, init);
      latencies.push(performance.now() - t);
      if (!res.ok) httpErrors++;
      return res;
    };
    const clients: SyncClient[] = [];
    const tokens: string[] = [];
    for (let i = 0; i < devices; i++) {
      const site = `benchDev${i}`;
      const store = openStore({ path: path.join(dir, `${site}.db`), siteId: site });
      stores.push(store);
      ensureReferenceData(store);
      tokens.push(await enrol(hub.url, site));
      clients.push(new SyncClient(store, { hubUrl: hub.url, token: tokens[i]!, fetch: timedFetch }));
    }
    for (let i = 0; i < clients.length; i += 25) await Promise.all(clients.slice(i, i + 25).map((c) => c.syncNow()));
    latencies.length = 0;
    httpErrors = 0;

    // Each device: 2 case reports of its own ward, a task and two of its fields.
    stores.forEach((s, i) => {
      const unitCode = wards[i % wards.length]!;
      const ctx = { userId: `user${i}` };
      const taskId = `0190a6f0-0000-7000-8000-${String(i).padStart(12, '0')}`;
      s.write(ctx, [
        ...['2022-02-01', '2022-02-02'].map((date) => ({
          op: 'create' as const,
          entity: 'caseReport' as const,
          fields: { unitCode, date, newCommunity: i, newQuarantined: 1, f0Home: 2, f0Facility: 3, f1HomeQuarantine: 4, needOxygen: 0, recovered: 1, deaths: 0, tests: 100 },
        })),
        { op: 'create', entity: 'task', id: taskId, fields: { ...BLANK_TASK, title: `Việc của máy ${i}`, assigneeOrg: 'UBND phường', createdAt: '2022-02-01T08:00:00.000Z' } },
      ]);
      s.write(ctx, [{ op: 'update', entity: 'task', id: taskId, fields: { status: 'in_progress', priority: 'high' } }]);
    });

    let failedRounds = 0;
    const firstError: string[] = [];
    const round1 = async () => {
      const t = performance.now();
      const rs = await Promise.allSettled(clients.map((c) => c.syncNow()));
      for (const r of rs) {
        if (r.status === 'rejected') {
          failedRounds++;
          if (firstError.length === 0) firstError.push(String(r.reason));
        }
      }
      return (performance.now() - t) / 1000;
    };
    const cpu0 = hub.cpuSeconds();
    const firstSecs = await round1();
    const secondSecs = await round1();
    const roundsCpu = cpu0 !== null ? (hub.cpuSeconds() ?? 0) - cpu0 : null;
    const roundLatencies = latencies.splice(0);
    const expectedReports = devices * 2;
    // Checked now: in the hub-bound phase below devices do not apply what they fetch.
    const converged = stores.every(
      (s) =>
        (s.db.prepare(`SELECT count(*) FROM case_reports WHERE date IN ('2022-02-01', '2022-02-02') AND _deleted = 0`).pluck().get() as number) ===
          expectedReports &&
        (s.db.prepare(`SELECT count(*) FROM tasks WHERE status = 'in_progress' AND priority = 'high' AND _deleted = 0`).pluck().get() as number) === devices,
    );

    // Hub-bound phase.
    stores.forEach((s, i) => {
      const taskId = `0190a6f0-0000-7000-8000-${String(i).padStart(12, '0')}`;
      s.write({ userId: `user${i}` }, [{ op: 'update', entity: 'task', id: taskId, fields: { findings: `Đã kiểm tra lần ${i}`, status: 'done', priority: 'normal', description: 'Ghi chú', headName: 'Trần Văn C' } }]);
    });
    const fromSeq = ((await (await fetch(`${hub.url}/sync/health`)).json()) as { hubSeq: number }).hubSeq;
    const t = performance.now();
    const rs = await Promise.allSettled(
      clients.map(async (c, i) => {
        await c.push();
        const res = await timedFetch(`${hub.url}/sync/pull?cursor=${fromSeq}&limit=2000`, { headers: { authorization: `Bearer ${tokens[i]}` } });
        await res.arrayBuffer();
      }),
    );
    const hubBoundSecs = (performance.now() - t) / 1000;
    for (const r of rs) {
      if (r.status === 'rejected') {
        failedRounds++;
        if (firstError.length === 0) firstError.push(String(r.reason));
      }
    }
    const hubLatencies = latencies.splice(0);
    if (firstError.length > 0) console.log(`  first device error: ${firstError[0]}`);

    return {
      devices,
      changesPerDevice: CHANGES_PER_DEVICE,
      rateLimitPerMinute,
      requests: roundLatencies.length + hubLatencies.length,
      errors: failedRounds + httpErrors,
      failedRounds,
      httpErrors,
      round1Seconds: round(firstSecs, 2),
      round2Seconds: round(secondSecs, 2),
      totalSeconds: round(firstSecs + secondSecs, 2),
      ...(roundsCpu !== null ? { hubCpuSecondsRounds: round(roundsCpu, 2) } : {}),
      latencyP50Ms: round(percentile(roundLatencies, 50), 1),
      latencyP95Ms: round(percentile(roundLatencies, 95), 1),
      latencyMaxMs: round(Math.max(...roundLatencies), 1),
      hubBoundSeconds: round(hubBoundSecs, 2),
      hubBoundRequests: hubLatencies.length,
      hubBoundP50Ms: round(percentile(hubLatencies, 50), 1),
      hubBoundP95Ms: round(percentile(hubLatencies, 95), 1),
      hubBoundMaxMs: round(Math.max(...hubLatencies), 1),
      converged,
    };
  } finally {
    for (const s of stores) s.close();
    await hub.stop();
  }
}
