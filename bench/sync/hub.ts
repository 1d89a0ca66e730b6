import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HubOptions } from '../../electron/hub/server';
import { enrolDevice } from '../../electron/core/sync/client';

/** A hub child process (hub-child.ts) and the public HTTP calls the benchmarks need. */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
export const BENCH_ADMIN_TOKEN = 'bench-sync-admin';

export interface BenchHub {
  url: string;
  child: ChildProcess;
  /** CPU seconds the hub process used so far (user + system), from /proc; null if unavailable. */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
}

export function startBenchHub(opts: Omit<HubOptions, 'adminToken' | 'port' | 'host'>): Promise<BenchHub> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(HERE, 'hub-child.ts'), JSON.stringify({ ...opts, adminToken: BENCH_ADMIN_TOKEN, port: 0 })],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench hub did not start in 30 s: ${out} ${err}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench hub exited with ${code}: ${err}`));
    });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /BENCH_HUB_URL (\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: m[1]!,
        child,
        cpuSeconds: () => procCpuSeconds(child.pid),
        stop: () =>
          new Promise<void>((res) => {
            if (child.exitCode !== null) return res();
            child.once('exit', () => res());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

function procCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // /proc/<pid>/stat fields 14 and 15: utime, stime in clock ticks (100 Hz on Linux).
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

export async function adminCode(url: string, role: 'operator' | 'viewer' = 'operator'): Promise<string> {
  const res = await fetch(`${url}/admin/enrolment-codes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  if (!res.ok) throw new Error(`enrolment code: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { code: string }).code;
}

/** Enrol a device (site id) and return its token. */
export async function enrol(url: string, siteId: string, role: 'operator' | 'viewer' = 'operator'): Promise<string> {
  return (await enrolDevice(url, await adminCode(url, role), `bench ${siteId}`, siteId)).token;
}

export async function hubSeq(url: string): Promise<number> {
  return ((await (await fetch(`${url}/sync/health`)).json()) as { hubSeq: number }).hubSeq;
}
