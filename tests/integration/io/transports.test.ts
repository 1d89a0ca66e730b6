import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import type { ApiClient } from '../../../shared/api/client';
import { httpClientFor, ipcClientFor } from '../api/transports';
import { CASE_HEADERS, GOOD_ROWS, csv } from '../../fixtures/io/messy';
import { b64, openIoCore, type IoCore } from './helpers';

/**
 * Files ride inside the JSON of both transports: a multi-megabyte upload and a download
 * must survive HTTP (body limit, JSON) and IPC (structured clone) alike.
 */
describe.each(['http', 'ipc'] as const)('files over %s', (kind) => {
  let c: IoCore;
  let client: ApiClient;
  let dispose: () => unknown;
  beforeAll(async () => {
    c = await openIoCore();
    const t = kind === 'http' ? await httpClientFor(c.core) : ipcClientFor(c.core);
    client = t.client;
    dispose = t.dispose;
  });
  afterAll(async () => {
    await dispose();
    c.close();
  });

  it('a 6 MB CSV previews and applies; the export comes back as base64', async () => {
    const body = Array.from({ length: 60_000 }, (_, i) => [...GOOD_ROWS[i % 3]!.slice(0, 3), ...GOOD_ROWS[i % 3]!.slice(3).map((v) => `   ${v}`)]);
    // Identical rows repeat: only three distinct reports, the rest are duplicates.
    const file = csv([CASE_HEADERS, ...body]);
    expect(file.length).toBeGreaterThan(5_000_000);
    const p = await client.call('import.preview', { kind: 'caseReports', fileName: 'big.csv', contentBase64: b64(file) });
    expect(p.rows.total).toBe(60_000);
    expect(p.actions.created).toBe(3);
    expect(p.rows.skipped).toBe(59_997);
    await client.call('import.apply', { token: p.token! });
    const f = await client.call('export.table', { table: 'caseReports', format: 'csv', from: '2021-12-05', to: '2021-12-05' });
    expect(Buffer.from(f.contentBase64, 'base64').toString('utf8')).toContain('Phường Phúc Xá');
  });

  it('errors keep their code and message across the transport', async () => {
    const e = await client.call('import.apply', { token: 'no-such-token' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('not_found');
    const bad = await client.call('import.preview', { kind: 'nope' as never, fileName: 'x.csv', contentBase64: '' }).catch((x: unknown) => x);
    expect((bad as ApiError).code).toBe('invalid_input');
    expect((bad as ApiError).issues?.[0]?.path).toBe('kind');
  });
});
