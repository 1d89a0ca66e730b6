import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { CallContext } from '../../../electron/core/api/context';
import { basemapOrigins, DEFAULT_MAP_SETTINGS, type FacilityLoad, type MapSettings } from '../../../shared/api/ops/map';
import { occupancyPct } from '../../../shared/metrics';
import { makeTmpDir, removeDir } from '../../helpers/tmp';

/** The map's own operations against a real SQLite store with demo data (3 days). */
const admin: CallContext = { userId: null, userName: 'test', role: 'admin', transport: 'http' };
const viewer: CallContext = { ...admin, role: 'viewer' };

let dir: string;
let core: Core;
const call = async (op: string, input: unknown, ctx = admin) => dispatch(core.handlers, op, input, ctx, { validateOutput: true });

beforeAll(async () => {
  dir = makeTmpDir('saban-map-ops-');
  core = openCore({ dbPath: path.join(dir, 'db.sqlite'), demoRange: { from: '2021-12-01', to: '2021-12-03' } });
  await core.initStore('demo');
}, 120_000);
afterAll(() => {
  core.close();
  removeDir(dir);
});

describe('map.facilityLoad', () => {
  it('gives each active facility its newest status on or before the day', async () => {
    const r = await call('map.facilityLoad', { date: '2021-12-02' });
    expect(r.ok).toBe(true);
    const loads = (r as { value: FacilityLoad[] }).value;
    const facilities = core.store.list('facility', { active: true });
    expect(loads).toHaveLength(facilities.length);
    for (const f of facilities) {
      const statuses = core.store.list('facilityStatus', { facilityId: f.id }).filter((s) => Date.parse(s.reportedAt) < Date.parse('2021-12-02T17:00:00Z'));
      const newest = statuses.sort((a, b) => Date.parse(b.reportedAt) - Date.parse(a.reportedAt))[0];
      const load = loads.find((l) => l.facilityId === f.id)!;
      const mobile = f.kind === 'mobile_station' && f.homeF0Capacity !== null;
      const capacity = mobile ? f.homeF0Capacity! : f.beds;
      const occupied = newest ? (mobile ? newest.homeF0Followed : newest.bedsOccupied) : null;
      expect(load).toEqual({
        facilityId: f.id,
        reportedAt: newest?.reportedAt ?? null,
        occupied,
        capacity,
        occupancyPct: occupied === null ? null : occupancyPct(occupied, capacity),
      });
    }
    expect(loads.some((l) => l.reportedAt?.startsWith('2021-12-02'))).toBe(true);
  });

  it('has no load before the first status', async () => {
    const r = (await call('map.facilityLoad', { date: '2021-11-15' })) as { ok: true; value: FacilityLoad[] };
    expect(r.value.length).toBeGreaterThan(0);
    expect(r.value.every((l) => l.occupied === null && l.occupancyPct === null && l.reportedAt === null)).toBe(true);
  });

  it('cuts the day at midnight Hà Nội time, whatever offset a status was written with', async () => {
    const f = core.store.list('facility', { active: true, kind: 'hospital' })[0]!;
    const base = { bedsOccupied: 7, icuOccupied: 0, oxygenInUse: 0, ventilatorsInUse: 0, admissions: 0, discharges: 0, transfersUp: 0, transfersDown: 0, deaths: 0, homeF0Followed: null };
    // 23:30 on 05/12 in Hà Nội = 16:30Z: belongs to 05/12.
    expect((await call('facilityStatus.create', { ...base, facilityId: f.id, reportedAt: '2021-12-05T23:30:00+07:00' })).ok).toBe(true);
    const on5 = (await call('map.facilityLoad', { date: '2021-12-05' })) as { ok: true; value: FacilityLoad[] };
    expect(on5.value.find((l) => l.facilityId === f.id)!.occupied).toBe(7);
    const on4 = (await call('map.facilityLoad', { date: '2021-12-04' })) as { ok: true; value: FacilityLoad[] };
    expect(on4.value.find((l) => l.facilityId === f.id)!.occupied).not.toBe(7);
    // 00:30 on 07/12 in Hà Nội (17:30Z on 06/12) is NOT part of 06/12.
    expect((await call('facilityStatus.create', { ...base, bedsOccupied: 9, facilityId: f.id, reportedAt: '2021-12-06T17:30:00.000Z' })).ok).toBe(true);
    const on6 = (await call('map.facilityLoad', { date: '2021-12-06' })) as { ok: true; value: FacilityLoad[] };
    expect(on6.value.find((l) => l.facilityId === f.id)!.occupied).toBe(7);
  });

  it('rejects a malformed day', async () => {
    const r = await call('map.facilityLoad', { date: '2021-12-32' });
    expect(r.ok).toBe(false);
  });
});

describe('map.settings', () => {
  const valid: MapSettings = { basemap: { enabled: true, url: 'https://tile.example.org/{z}/{x}/{y}.png', attribution: '© Example', maxZoom: 18 } };

  it('is offline by default and saves a basemap for every workstation (audited setting)', async () => {
    expect(await call('map.settings.get', {})).toEqual({ ok: true, value: DEFAULT_MAP_SETTINGS });
    expect((await call('map.settings.set', valid)).ok).toBe(true);
    expect(await call('map.settings.get', {}, viewer)).toEqual({ ok: true, value: valid });
    const changes = core.store.db.prepare("SELECT COUNT(*) AS n FROM changes WHERE entity = 'setting' AND entity_id = 'map.settings'").get() as { n: number };
    expect(changes.n).toBeGreaterThan(0);
    expect(basemapOrigins(valid)).toEqual(['https://tile.example.org']);
    expect(basemapOrigins({ basemap: { ...valid.basemap, enabled: false } })).toEqual([]);
  });

  it('validates the URL and the role', async () => {
    const noXyz = await call('map.settings.set', { basemap: { ...valid.basemap, url: 'https://tile.example.org/tiles.png' } });
    expect(noXyz).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(noXyz)).toContain('{z}');
    const onWithoutUrl = await call('map.settings.set', { basemap: { ...valid.basemap, url: '' } });
    expect(onWithoutUrl).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('map.settings.set', { basemap: { ...valid.basemap, url: 'javascript:alert(1)//{z}{x}{y}' } })).toMatchObject({ ok: false });
    expect(await call('map.settings.set', valid, viewer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('falls back to the offline default when the stored value no longer parses', async () => {
    core.store.setSetting({ userId: null }, 'map.settings', { basemap: { enabled: 'yes' } });
    expect(await call('map.settings.get', {})).toEqual({ ok: true, value: DEFAULT_MAP_SETTINGS });
  });
});
