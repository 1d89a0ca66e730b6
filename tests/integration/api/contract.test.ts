import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import { ApiError } from '../../../shared/api/errors';
import type { ApiClient } from '../../../shared/api/client';
import { contract, opNames } from '../../../shared/api/contract';
import { httpClientFor, ipcClientFor, sseReader } from './transports';

/**
 * The contract is tested once, against both transports: whatever the renderer can do
 * over HTTP it can do over IPC with the same results and the same errors.
 */
const transports = ['http', 'ipc'] as const;

describe.each(transports)('API contract over %s', (kind) => {
  let dir: string;
  let core: Core;
  let client: ApiClient;
  let dispose: () => unknown;
  let baseUrl = '';

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saban-api-'));
    core = openCore({ dbPath: path.join(dir, 'db.sqlite'), backupDir: path.join(dir, 'backups') });
    if (kind === 'http') {
      const h = await httpClientFor(core);
      client = h.client;
      dispose = h.dispose;
      baseUrl = h.server.url;
    } else {
      const i = ipcClientFor(core);
      client = i.client;
      dispose = i.dispose;
    }
  });
  afterEach(async () => {
    await dispose();
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports app info and the reference units', async () => {
    const info = await client.call('app.info', {});
    expect(info.transport).toBe(kind);
    expect(info.storeState).toBe('uninitialised');
    expect(info.schemaVersion).toBeGreaterThan(0);
    const districts = await client.call('units.list', { level: 'district' });
    expect(districts).toHaveLength(30);
    expect(districts.find((d) => d.code === '001')?.name).toBe('Ba Đình');
    const wards = await client.call('units.list', { parentCode: '001' });
    expect(wards.length).toBe(14);
    const boundaries = await client.call('boundaries.get', { level: 'district' });
    expect(boundaries.features).toHaveLength(30);
  });

  it('starts an empty store on request', async () => {
    const info = await client.call('app.initStore', { mode: 'empty' });
    expect(info.storeState).toBe('empty');
    expect(info.demo).toBe(false);
  });

  it('rejects invalid input naming the field, and writes nothing', async () => {
    const before = await client.call('changes.list', {});
    const err = await client
      .call('caseReports.upsert', {
        rows: [
          { unitCode: '001', date: '2021-12-01', newCommunity: 1, newQuarantined: 0, f0Home: 0, f0Facility: 0, f1HomeQuarantine: 0, needOxygen: 0, recovered: 0, deaths: 0, tests: 0 },
          { unitCode: '001', date: '2021-12-02', newCommunity: -5, newQuarantined: 0, f0Home: 0, f0Facility: 0, f1HomeQuarantine: 0, needOxygen: 0, recovered: 0, deaths: 0, tests: 0 },
        ],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('invalid_input');
    expect((err as ApiError).issues?.[0]?.path).toBe('rows.1.newCommunity');
    expect(await client.call('changes.list', {})).toHaveLength(before.length);
    expect(await client.call('caseReports.list', { unitCode: '001' })).toEqual([]);
  });

  it('rejects unknown operations and unknown fields', async () => {
    await expect(client.call('nope.op' as 'app.info', {})).rejects.toMatchObject({ code: 'unknown_op' });
    await expect(client.call('units.list', { level: 'district', extra: 1 } as never)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('creates, reads, updates and deletes a facility, recording every change', async () => {
    const created = await client.call('facilities.create', {
      name: 'Bệnh viện dã chiến số 1',
      kind: 'field_hospital',
      tier: 2,
      unitCode: '019',
      atIndustrialPark: false,
      lon: 105.76,
      lat: 21.01,
      beds: 500,
      icuBeds: 20,
      oxygenOutlets: 300,
      ventilators: 10,
      homeF0Capacity: null,
      osmId: null,
      active: true,
      note: '',
    });
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(await client.call('facilities.get', { id: created.id })).toEqual(created);
    const updated = await client.call('facilities.update', { id: created.id, patch: { beds: 650 } });
    expect(updated.beds).toBe(650);
    const log = await client.call('changes.list', { entity: 'facility', entityId: created.id });
    // A create is one `_created` row asserting every field; an update records the field.
    expect(log.map((c) => c.field)).toEqual(['_created', 'beds']);
    expect((log[0]!.value as { beds: number; name: string }).beds).toBe(500);
    expect((log[0]!.value as { name: string }).name).toBe('Bệnh viện dã chiến số 1');
    expect(log[1]!.value).toBe(650);
    expect(log.every((c) => c.hlc && c.siteId && c.opId)).toBe(true);
    await client.call('facilities.delete', { id: created.id });
    await expect(client.call('facilities.get', { id: created.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(await client.call('facilities.list', {})).toEqual([]);
  });

  it('saves case reports as one upsert and counts created/updated/unchanged', async () => {
    const row = { unitCode: '00001', date: '2021-12-01', newCommunity: 4, newQuarantined: 1, f0Home: 9, f0Facility: 1, f1HomeQuarantine: 30, needOxygen: 0, recovered: 0, deaths: 0, tests: 250 };
    expect(await client.call('caseReports.upsert', { rows: [row] })).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await client.call('caseReports.upsert', { rows: [row, { ...row, date: '2021-12-02' }] })).toEqual({ created: 1, updated: 0, unchanged: 1 });
    expect(await client.call('caseReports.upsert', { rows: [{ ...row, newCommunity: 6 }] })).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const list = await client.call('caseReports.list', { unitCode: '00001' });
    expect(list.map((r) => [r.date, r.newCommunity])).toEqual([
      ['2021-12-01', 6],
      ['2021-12-02', 4],
    ]);
    const info = await client.call('app.info', {});
    expect(info.freshness.lastReportDate).toBe('2021-12-02');
  });

  it('publishes change notifications after a commit', async () => {
    // IPC: through the client's onChange. HTTP: the browser client uses EventSource,
    // which Node lacks, so the SSE stream is read directly from the same server.
    const seen: string[][] = [];
    const stop = kind === 'ipc' ? client.onChange((e) => seen.push(e.entities)) : () => {};
    const sse = kind === 'http' ? sseReader(`${baseUrl}/api/events`) : null;
    await sse?.ready;
    await client.call('caseReports.upsert', {
      rows: [{ unitCode: '00004', date: '2021-12-03', newCommunity: 1, newQuarantined: 0, f0Home: 0, f0Facility: 0, f1HomeQuarantine: 0, needOxygen: 0, recovered: 0, deaths: 0, tests: 0 }],
    });
    await expect.poll(() => (sse ? sse.events.map((e) => e.entities) : seen).flat()).toContain('caseReport');
    stop();
    sse?.close();
  });

  it('denies operations above the caller role', async () => {
    const previous = core.localContext;
    core.localContext = () => ({ ...previous.call(core), role: 'viewer' });
    try {
      await expect(client.call('facilities.delete', { id: '0190a0b0-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'forbidden' });
      expect(await client.call('units.list', { level: 'district' })).toHaveLength(30);
    } finally {
      core.localContext = previous;
    }
  });
});

describe('contract table', () => {
  it('declares every operation with input and output schemas and a role', () => {
    for (const name of opNames) {
      const def = contract[name];
      expect(def.input, name).toBeDefined();
      expect(def.output, name).toBeDefined();
      expect(['viewer', 'operator', 'admin']).toContain(def.minRole);
      expect(['query', 'mutation']).toContain(def.kind);
    }
    expect(opNames.length).toBeGreaterThan(20);
  });
});
