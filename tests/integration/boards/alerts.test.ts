import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBoardsApp, rejection, statusFields, type BoardsApp } from './helpers';

/**
 * Alerts raise and clear through the real API (HTTP → dispatch → core → SQLite): a
 * facility's statuses cross each threshold and come back below it.
 */
describe('facility load alerts through the API', () => {
  let app: BoardsApp;
  let facilityId: string;
  const hour = 3_600_000;
  const t0 = Date.parse('2021-12-20T00:00:00Z');

  beforeEach(async () => {
    app = await openBoardsApp('2021-12-20T00:00:00Z');
    const f = await app.client.call('facilities.create', {
      name: 'Bệnh viện Thử nghiệm',
      kind: 'hospital',
      tier: 3,
      unitCode: '001',
      atIndustrialPark: false,
      lon: 105.82,
      lat: 21.03,
      beds: 100,
      icuBeds: 0,
      oxygenOutlets: 0,
      ventilators: 0,
      homeF0Capacity: null,
      osmId: null,
      active: true,
      note: '',
    });
    facilityId = f.id;
  });
  afterEach(async () => app.close());

  /** Writes a status one hour after the previous one, moves the clock there, returns the alerts now. */
  async function report(step: number, bedsOccupied: number) {
    const reportedAt = new Date(t0 + step * hour).toISOString();
    await app.client.call('facilityStatus.create', { facilityId, reportedAt, bedsOccupied, ...statusFields });
    app.clock.now = t0 + step * hour + 60_000;
    return (await app.client.call('boards.alerts', {})).alerts;
  }
  const mine = (alerts: { id: string; level: string; pct: number; scope: string }[]) => alerts.filter((a) => a.id === `facility:${facilityId}:beds`);

  it('79 % none, 80 % warn, 95 % critical, then 70 % clears it (facility and tier)', async () => {
    expect(await report(1, 79)).toEqual([]);

    const warn = await report(2, 80);
    expect(mine(warn)).toEqual([expect.objectContaining({ level: 'warn', pct: 80, used: 80, capacity: 100, name: 'Bệnh viện Thử nghiệm', districtCode: '001', lon: 105.82 })]);
    expect(warn.find((a) => a.id === 'tier:3:beds')?.level).toBe('warn');

    const critical = await report(3, 95);
    expect(mine(critical)).toEqual([expect.objectContaining({ level: 'critical', pct: 95 })]);
    expect(critical.find((a) => a.scope === 'tier')?.level).toBe('critical');

    expect(await report(4, 70)).toEqual([]);

    // Deterministic "as of": asking again at earlier instants gives what was true then.
    const at = (step: number) => new Date(t0 + step * hour + 1).toISOString();
    const levels = [];
    for (const step of [1, 2, 3, 4]) levels.push(mine((await app.client.call('boards.alerts', { at: at(step) })).alerts)[0]?.level ?? null);
    expect(levels).toEqual([null, 'warn', 'critical', null]);
    // Before any report there is nothing to alert on.
    expect((await app.client.call('boards.alerts', { at: new Date(t0).toISOString() })).alerts).toEqual([]);
  });

  it('the board and the alert list agree, and thresholds come from the shared settings', async () => {
    await report(1, 70);
    let board = await app.client.call('boards.facilities', {});
    expect(board.alerts).toEqual([]);
    expect(board.tiers.find((t) => t.tier === 3)).toMatchObject({ occupied: 70, free: 30, level: 'ok' });

    const s = await app.client.call('boards.updateSettings', { warnPct: 60, criticalPct: 70 });
    expect(s.values).toMatchObject({ warnPct: 60, criticalPct: 70 });
    board = await app.client.call('boards.facilities', {});
    expect(board.facilities[0]).toMatchObject({ bedLevel: 'critical', level: 'critical' });
    expect(mine(board.alerts)[0]?.level).toBe('critical');
    expect((await app.client.call('boards.alerts', {})).alerts).toEqual(board.alerts);
    // The change is recorded like any shared data (audit trail, sync).
    const changes = await app.client.call('changes.list', { entityId: 'boards.facilityThresholds' });
    // (Whatever the change-row form — a field row or a whole created row — it carries the values.)
    expect(changes.length).toBeGreaterThan(0);
    expect(JSON.stringify(changes.map((c) => c.value))).toContain('"warnPct":60,"criticalPct":70');
  });

  it('refuses thresholds out of order or out of range, changing nothing', async () => {
    const before = await app.client.call('boards.settings', {});
    expect(before.values).toEqual(before.defaults);
    const e1 = await rejection(app.client.call('boards.updateSettings', { warnPct: 96 }));
    expect(e1.code).toBe('invalid_input');
    expect(e1.issues?.[0]?.path).toBe('warnPct');
    const e2 = await rejection(app.client.call('boards.updateSettings', { staleAfterHours: 0 }));
    expect(e2.code).toBe('invalid_input');
    expect((await app.client.call('boards.settings', {})).values).toEqual(before.values);
  });

  it('stale after the configured hours; a time written with +07:00 is stored as the same instant', async () => {
    await app.client.call('facilityStatus.create', { facilityId, reportedAt: '2021-12-20T08:00:00+07:00', bedsOccupied: 50, ...statusFields });
    const list = await app.client.call('facilityStatus.list', { facilityId });
    expect(list[0]!.reportedAt).toBe('2021-12-20T01:00:00.000Z');
    app.clock.now = Date.parse('2021-12-21T01:00:00Z'); // exactly 24 h later: not yet stale
    expect((await app.client.call('boards.facilities', {})).facilities[0]).toMatchObject({ stale: false, ageHours: 24 });
    app.clock.now += 60_000;
    expect((await app.client.call('boards.facilities', {})).facilities[0]!.stale).toBe(true);
    await app.client.call('boards.updateSettings', { staleAfterHours: 48 });
    expect((await app.client.call('boards.facilities', {})).facilities[0]!.stale).toBe(false);
  });

  it('latest status: one per facility on or before the instant; ties broken by id; deleted ones ignored', async () => {
    const same = '2021-12-20T02:00:00.000Z';
    const a = await app.client.call('facilityStatus.create', { facilityId, reportedAt: same, bedsOccupied: 10, ...statusFields });
    const b = await app.client.call('facilityStatus.create', { facilityId, reportedAt: same, bedsOccupied: 20, ...statusFields });
    app.clock.now = Date.parse('2021-12-20T03:00:00Z');
    const newer = [a, b].sort((x, y) => (x.id < y.id ? 1 : -1))[0]!;
    let row = (await app.client.call('boards.facilities', {})).facilities[0]!;
    expect(row.status?.id).toBe(newer.id);
    app.core.store.write({ userId: null }, [{ op: 'delete', entity: 'facilityStatus', id: newer.id }]);
    row = (await app.client.call('boards.facilities', {})).facilities[0]!;
    expect(row.status?.id).toBe(newer.id === a.id ? b.id : a.id);
  });
});
