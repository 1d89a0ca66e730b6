import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { CallContext } from '../../../electron/core/api/context';
import { DEFAULT_WALL_SETTINGS, WALL_SETTINGS_KEY } from '../../../shared/api/ops/wall';
import { hashToken, recordWallDisplays, WALL_TOKENS_KEY } from '../../../electron/core/wall';
import { makeTmpDir, removeDir } from '../../helpers/tmp';

/** The wall operations against a real SQLite store. */
const admin: CallContext = { userId: null, userName: 'Quản trị', role: 'admin', transport: 'http' };
const operator: CallContext = { ...admin, role: 'operator' };
const viewer: CallContext = { ...admin, role: 'viewer' };

let dir: string;
let core: Core;
const call = async (op: string, input: unknown, ctx = admin) => dispatch(core.handlers, op, input, ctx, { validateOutput: true });
const value = async <T = unknown>(op: string, input: unknown, ctx = admin) => {
  const r = await call(op, input, ctx);
  if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
  return r.value as T;
};

beforeAll(async () => {
  dir = makeTmpDir('saban-wall-ops-');
  core = openCore({ dbPath: path.join(dir, 'db.sqlite'), clock: () => Date.parse('2021-12-31T03:00:00Z') });
  await core.initStore('empty');
});
afterAll(() => {
  core.close();
  removeDir(dir);
});

describe('wall.settings', () => {
  it('defaults until saved; saved as a shared, audited setting; everyone reads it', async () => {
    expect(await value('wall.settings.get', {}, viewer)).toEqual({ values: DEFAULT_WALL_SETTINGS, defaults: DEFAULT_WALL_SETTINGS });
    const next = { panels: ['levels', 'map'], intervalSec: 45, metric: 'incidence' };
    expect(await value('wall.settings.set', next, operator)).toEqual({ values: next, defaults: DEFAULT_WALL_SETTINGS });
    expect((await value<{ values: unknown }>('wall.settings.get', {}, viewer)).values).toEqual(next);
    const changes = await value<{ entity: string; entityId: string }[]>('changes.list', { entity: 'setting', entityId: WALL_SETTINGS_KEY });
    expect(changes.length).toBeGreaterThan(0);
  });

  it('refuses viewers and bad input (naming the field), writing nothing', async () => {
    const before = await value('wall.settings.get', {});
    expect(await call('wall.settings.set', DEFAULT_WALL_SETTINGS, viewer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await call('wall.settings.set', { ...DEFAULT_WALL_SETTINGS, panels: ['map', 'map'] }, admin);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'panels', message: 'mỗi bảng chỉ xuất hiện một lần' }] } });
    expect(await value('wall.settings.get', {})).toEqual(before);
  });

  it('a stored value from another version that no longer parses falls back to the defaults', async () => {
    core.store.setSetting({ userId: null }, WALL_SETTINGS_KEY, { panels: ['radar'], intervalSec: 1 });
    expect((await value<{ values: unknown }>('wall.settings.get', {})).values).toEqual(DEFAULT_WALL_SETTINGS);
  });
});

describe('wall.day and wall.status', () => {
  it('the day shown: previous day, the day a week earlier, and the instant boards are read at', async () => {
    expect(await value('wall.day', { date: '2021-12-15' })).toEqual({ date: '2021-12-15', previousDate: '2021-12-14', compareDate: '2021-12-08', at: '2021-12-15T16:59:59.999Z' });
    // The store's clock says 10:00 on 31/12 in Hà Nội: today is read "now".
    expect((await value<{ at: string }>('wall.day', { date: '2021-12-31' })).at).toBe('2021-12-31T03:00:00.000Z');
    expect(await call('wall.day', { date: '2021-02-30' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('read-only for viewers; the sync slot is empty while sync does not exist', async () => {
    expect(await value('wall.status', {}, viewer)).toEqual({ readOnly: true, lastSyncAt: null });
    expect(await value('wall.status', {}, operator)).toEqual({ readOnly: false, lastSyncAt: null });
  });
});

describe('wall.tokens', () => {
  it('creates a token shown once, stores only its SHA-256 device-locally, verifies and revokes it', async () => {
    const made = await value<{ token: string; url: string; info: { id: string; fingerprint: string; revokedAt: null; createdBy: string } }>('wall.tokens.create', {
      label: 'Phòng chỉ huy',
      baseUrl: 'http://127.0.0.1:4318',
    });
    expect(made.url).toBe(`http://127.0.0.1:4318/wall?token=${made.token}`);
    expect(made.info).toMatchObject({ fingerprint: hashToken(made.token).slice(0, 8), revokedAt: null, createdBy: 'Quản trị' });

    // Stored: the hash, never the token; not in the change log (device-local, not synced).
    const raw = core.store.getLocal(WALL_TOKENS_KEY);
    expect(JSON.stringify(raw)).toContain(hashToken(made.token));
    expect(JSON.stringify(raw)).not.toContain(made.token);
    const log = await value<unknown[]>('changes.list', { limit: 5000 });
    expect(JSON.stringify(log)).not.toContain(hashToken(made.token));

    expect(await value('wall.tokens.verify', { token: made.token })).toEqual({ valid: true, id: made.info.id, label: 'Phòng chỉ huy' });
    expect(await value('wall.tokens.verify', { token: `${made.token}x` })).toEqual({ valid: false, id: null, label: null });
    expect(await value('wall.tokens.verify', { token: made.token.replace('sbw_', '') })).toEqual({ valid: false, id: null, label: null });

    expect(await value('wall.tokens.revoke', { id: made.info.id })).toEqual({ ok: true });
    expect(await value('wall.tokens.verify', { token: made.token })).toMatchObject({ valid: false });
    const listed = await value<{ id: string; revokedAt: string | null }[]>('wall.tokens.list', {});
    expect(listed.find((t) => t.id === made.info.id)!.revokedAt).toBe('2021-12-31T03:00:00.000Z');
    // Revoking again is harmless; an unknown id is not found.
    expect(await value('wall.tokens.revoke', { id: made.info.id })).toEqual({ ok: true });
    expect(await call('wall.tokens.revoke', { id: '0190a0a0-0000-7000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('administrators only; a label is required', async () => {
    for (const ctx of [viewer, operator]) {
      expect(await call('wall.tokens.list', {}, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call('wall.tokens.create', { label: 'x' }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call('wall.tokens.verify', { token: 'x' }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await call('wall.tokens.create', { label: '  ' })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'label' }] } });
    expect(await call('wall.tokens.create', { label: 'x', baseUrl: 'ftp://x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('two tokens are independent', async () => {
    const a = await value<{ token: string; info: { id: string } }>('wall.tokens.create', { label: 'A' });
    const b = await value<{ token: string; info: { id: string } }>('wall.tokens.create', { label: 'B' });
    expect(a.token).not.toBe(b.token);
    await value('wall.tokens.revoke', { id: a.info.id });
    expect(await value('wall.tokens.verify', { token: b.token })).toMatchObject({ valid: true, label: 'B' });
  });
});

describe('wall.display (desktop: which monitor)', () => {
  it('lists the monitors the shell recorded and keeps the choice device-locally for openWall', async () => {
    expect(await value('wall.display.get', {}, viewer)).toEqual({ displays: [], chosenId: null });
    recordWallDisplays(core.store, [
      { id: 1, label: 'Built-in', width: 1920, height: 1080, primary: true },
      { id: 7, label: 'LG TV', width: 3840, height: 2160, primary: false },
    ]);
    expect(await value('wall.display.set', { displayId: 7 }, operator)).toMatchObject({ chosenId: 7 });
    expect(core.wallDisplayId()).toBe(7);
    expect(await value('wall.display.set', { displayId: null }, operator)).toMatchObject({ chosenId: null });
    expect(core.wallDisplayId()).toBeNull();
    expect(await call('wall.display.set', { displayId: 1 }, viewer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
