import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/**
 * Temp directories for tests that need real files (SQLite, backups, exports).
 * Real files matter: WAL, fsync, rename and file locking do not exist in :memory:.
 */

/** Create a fresh temp dir. Caller removes it (or use useTmpDir / withTmpDir). */
export function makeTmpDir(prefix = 'saban-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
}

/** Run `fn` with a temp dir that is removed afterwards, even on failure. */
export async function withTmpDir<T>(fn: (dir: string) => T | Promise<T>, prefix?: string): Promise<T> {
  const dir = makeTmpDir(prefix);
  try {
    return await fn(dir);
  } finally {
    removeDir(dir);
  }
}

/**
 * In a test file (or describe block): returns `tmp()`, which creates a temp dir removed
 * after the current test. Set KEEP_TMP=1 to keep them for inspection.
 */
export function useTmpDir(prefix?: string): () => string {
  const created: string[] = [];
  afterEach(() => {
    if (process.env.KEEP_TMP) return;
    for (const d of created.splice(0)) removeDir(d);
  });
  return () => {
    const d = makeTmpDir(prefix);
    created.push(d);
    return d;
  };
}
