import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../../electron/core/app';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { CallContext } from '../../../electron/core/api/context';
import { DEFAULT_THRESHOLDS } from '../../../shared/metrics';

let dir: string;
let core: Core;
const call = async (op: string, input: unknown, ctx: Partial<CallContext> = {}) =>
  dispatch(core.handlers, op, input, { ...core.localContext(), transport: 'http', ...ctx }, { validateOutput: true });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saban-settings-'));
  core = openCore({ dbPath: path.join(dir, 'db.sqlite') });
});
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('epidemic-level thresholds in settings', () => {
  it('lists every threshold with its status; unconfirmed ones are marked for review', async () => {
    const r = await call('levels.config', {});
    if (!r.ok) throw new Error(r.error.message);
    const { rows } = r.value as { rows: { id: string; status: string; reviewRequired: boolean }[] };
    expect(rows.length).toBe(Object.keys(DEFAULT_THRESHOLDS).length);
    for (const row of rows) expect(row.reviewRequired).toBe(row.status !== 'CONFIRMED');
    expect(rows.some((x) => x.status === 'CONFIRMED')).toBe(true);
    expect(rows.some((x) => x.status === 'UNCONFIRMED')).toBe(true);
  });

  it('saves a valid override as a recorded change and marks it overridden and unconfirmed', async () => {
    const id = 't4800.tc1.band3'; // the unconfirmed 50 edge between bands 2 and 3
    expect(DEFAULT_THRESHOLDS[id].value).toBe(50);
    const before = core.store.lastSeq();
    const r = await call('levels.setOverrides', { overrides: { thresholds: { [id]: { value: 55 } } } });
    if (!r.ok) throw new Error(r.error.message);
    const row = (r.value as { rows: { id: string; value: number; overridden: boolean; status: string }[] }).rows.find((x) => x.id === id)!;
    expect(row).toMatchObject({ value: 55, overridden: true, status: 'UNCONFIRMED' });
    expect(core.store.lastSeq()).toBeGreaterThan(before);
    const again = await call('levels.config', {});
    expect(again.ok && (again.value as { rows: { id: string; value: number }[] }).rows.find((x) => x.id === id)?.value).toBe(55);
    await call('levels.setOverrides', { overrides: {} });
    const reset = await call('levels.config', {});
    expect(reset.ok && (reset.value as { rows: { id: string; overridden: boolean }[] }).rows.every((x) => !x.overridden)).toBe(true);
  });

  it('rejects an invalid override naming the field, and keeps the old configuration', async () => {
    const r = await call('levels.setOverrides', { overrides: { thresholds: { 'no.such.threshold': { value: 1 } } } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.issues?.[0]?.path).toMatch(/^overrides\./);
    const viewer = await call('levels.setOverrides', { overrides: {} }, { role: 'viewer' });
    expect(!viewer.ok && viewer.error.code).toBe('forbidden');
  });
});

describe('operators', () => {
  it('records the current operator on every change', async () => {
    const created = await call('users.create', { username: 'lan.nt', displayName: 'Nguyễn Thị Lan', role: 'operator', districtCodes: [], active: true });
    if (!created.ok) throw new Error(created.error.message);
    const user = created.value as { id: string };
    expect((await call('session.switch', { userId: user.id })).ok).toBe(true);
    expect(core.localContext()).toMatchObject({ userId: user.id, userName: 'Nguyễn Thị Lan', role: 'operator' });
    const row = { unitCode: '001', date: '2021-12-01', newCommunity: 1, newQuarantined: 0, f0Home: 0, f0Facility: 0, f1HomeQuarantine: 0, needOxygen: 0, recovered: 0, deaths: 0, tests: 0 };
    expect((await call('caseReports.upsert', { rows: [row] })).ok).toBe(true);
    const last = core.store.changesSince(core.store.lastSeq() - 1);
    expect(last[0]?.userId).toBe(user.id);
    // An operator may not change thresholds (admin only).
    const denied = await call('levels.setOverrides', { overrides: {} });
    expect(!denied.ok && denied.error.code).toBe('forbidden');
  });

  it('checks a password with scrypt and never stores it in the change log', async () => {
    const created = await call('users.create', { username: 'admin2', displayName: 'Trần Văn Bình', role: 'admin', districtCodes: [], active: true });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: string }).id;
    expect((await call('users.setPassword', { id, password: 'mật-khẩu-dài' })).ok).toBe(true);
    const wrong = await call('session.switch', { userId: id, password: 'sai' });
    expect(!wrong.ok && wrong.error.code).toBe('forbidden');
    expect((await call('session.switch', { userId: id, password: 'mật-khẩu-dài' })).ok).toBe(true);
    const log = JSON.stringify(core.store.changesSince(0, 100_000));
    expect(log).not.toContain('mật-khẩu-dài');
    expect(log).not.toContain('scrypt$');
  });
});
