import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../../electron/core/app';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { CallContext } from '../../../electron/core/api/context';
import { ApiError } from '../../../shared/api/errors';
import type { OpInput, OpName, OpOutput } from '../../../shared/api/contract';

/**
 * A real core on a temp SQLite file, called through dispatch() exactly as both shells do
 * (input validation, role check, output validation against the contract).
 * The clock starts on 10/12/2021 12:00 Hà Nội and runs forward in real time, so "today"
 * is fixed for date rules while HLC stamps still increase.
 */
export const TODAY = '2021-12-10';
const START = Date.parse('2021-12-10T05:00:00Z');

export interface IoCore {
  core: Core;
  dir: string;
  call<K extends OpName>(op: K, input: OpInput<K>, ctx?: Partial<CallContext>): Promise<OpOutput<K>>;
  close(): void;
}

export async function openIoCore(opts: { demo?: { from: string; to: string } } = {}): Promise<IoCore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saban-io-'));
  const t0 = Date.now();
  const core = openCore({ dbPath: path.join(dir, 'db.sqlite'), clock: () => START + (Date.now() - t0), demoRange: opts.demo });
  await core.initStore(opts.demo ? 'demo' : 'empty');
  return {
    core,
    dir,
    async call(op, input, ctx = {}) {
      const r = await dispatch(core.handlers, op, input, { ...core.localContext(), transport: 'ipc', ...ctx }, { validateOutput: true });
      if (!r.ok) throw ApiError.fromBody(r.error);
      return r.value as never;
    },
    close() {
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const b64 = (b: Buffer | string) => (typeof b === 'string' ? Buffer.from(b, 'utf8') : b).toString('base64');

/** Number of change rows in the log (a failed import must not add any). */
export const changeCount = (c: IoCore) => c.core.store.lastSeq();
