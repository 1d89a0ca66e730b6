import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../../electron/core/app';
import type { ApiClient } from '../../../shared/api/client';
import { httpClientFor } from '../api/transports';

/** A real core on a temp SQLite file, an HTTP server and a client, with a clock the test moves. */
export interface BoardsApp {
  core: Core;
  client: ApiClient;
  clock: { now: number };
  close(): Promise<void>;
}

export async function openBoardsApp(startIso: string): Promise<BoardsApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saban-boards-'));
  const clock = { now: Date.parse(startIso) };
  const core = openCore({ dbPath: path.join(dir, 'db.sqlite'), clock: () => clock.now });
  await core.initStore('empty');
  const http = await httpClientFor(core);
  return {
    core,
    client: http.client,
    clock,
    async close() {
      await http.dispose();
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const statusFields = { icuOccupied: 0, oxygenInUse: 0, ventilatorsInUse: 0, admissions: 0, discharges: 0, transfersUp: 0, transfersDown: 0, deaths: 0, homeF0Followed: null };

export async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string; issues?: { path: string }[] }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; issues?: { path: string }[] };
  }
  throw new Error('expected the call to be rejected');
}
