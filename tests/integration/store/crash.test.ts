import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store';
import { useTmpDir } from '../../helpers/tmp';

/**
 * Crash safety: a writer killed with SIGKILL at a random moment (20+ times, on the same
 * file) never loses an acknowledged write and never leaves a damaged file.
 * SIGKILL models a process crash/kill; the OS page cache survives it, so this does not
 * prove power-loss durability (that rests on synchronous=FULL + fsync, not testable here).
 */

const ROOT = path.resolve(__dirname, '../../..');
const CHILD = path.join(__dirname, 'crash-child.ts');
const TRIALS = 24;
const tmp = useTmpDir();

interface Ack {
  n: number;
  directiveId: string;
  taskId: string;
}

/** Run the child until its first ACK plus a random delay, then SIGKILL it. */
function runAndKill(file: string, trial: number, killAfterMs: number): Promise<{ acks: Ack[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, String(trial)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Ack[] = [];
    let buf = '';
    let stderr = '';
    let armed = false;
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000); // never hang the suite
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const m = /^ACK (\d+) (\S+) (\S+)$/.exec(line);
        if (m) acks.push({ n: Number(m[1]), directiveId: m[2]!, taskId: m[3]! });
      }
      if (!armed && acks.length > 0) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') reject(new Error(`child exited on its own (code ${code}): ${stderr}`));
      else resolve({ acks, signal });
    });
  });
}

describe('crash safety', () => {
  it(`${TRIALS} SIGKILLs at random moments: file intact, every acknowledged write present`, async () => {
    const file = path.join(tmp(), 'crash.db');
    const allAcks: Array<Ack & { trial: number }> = [];
    let seed = 0x2545f491;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) % 1000) / 1000; // reproducible
    for (let trial = 0; trial < TRIALS; trial++) {
      const { acks } = await runAndKill(file, trial, Math.floor(random() * 120));
      expect(acks.length, `trial ${trial} acknowledged writes`).toBeGreaterThan(0);
      allAcks.push(...acks.map((a) => ({ ...a, trial })));

      // Reopen after the crash (full integrity_check at open) and check every ACK so far.
      const s = openStore({ path: file });
      try {
        for (const a of allAcks) {
          expect(s.get('directive', a.directiveId), `trial ${a.trial} write ${a.n}`).toBeDefined();
          expect(s.get('task', a.taskId)?.directiveId).toBe(a.directiveId);
        }
        const last = acks.at(-1)!.n;
        // Killed after ACK n: write n is there, and at most one unacknowledged write more.
        expect(s.getSetting<number>(`crash.last.${trial}`)).toBeGreaterThanOrEqual(last);
        expect(s.getSetting<number>(`crash.last.${trial}`)).toBeLessThanOrEqual(last + 1);
        // Atomic multi-op writes: no task without its directive and vice versa.
        expect(s.db.prepare('SELECT count(*) AS n FROM tasks').get()).toEqual(
          s.db.prepare('SELECT count(*) AS n FROM directives').get(),
        );
      } finally {
        s.close();
      }
    }
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
