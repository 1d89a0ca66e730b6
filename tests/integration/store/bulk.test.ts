import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WriteOp } from '../../../electron/core/store';
import { useTmpDir } from '../../helpers/tmp';
import { caseReportFields } from '../../unit/store/fixtures';
import { storeOpener } from './helpers';

/**
 * Bulk path: the seeder/importer writes through the same store.write() (or its streamed
 * form writeAll()) as everything else. Correctness only here — the write rate is measured
 * by the benchmark (`npm run bench`, bench/write-rate.ts), not asserted in a test.
 */

const tmp = useTmpDir();
const stores = storeOpener();
afterEach(() => stores.closeAll());

const UNITS = 600;
const ROWS = 100_000;

function unitOps(units = UNITS): WriteOp[] {
  const ops: WriteOp[] = [
    {
      op: 'create',
      entity: 'adminUnit',
      fields: {
        code: '01',
        level: 'province',
        type: 'thanh_pho_truc_thuoc_trung_uong',
        name: 'Hà Nội',
        fullName: 'Thành phố Hà Nội',
        nameAscii: 'Ha Noi',
        parentCode: null,
        population: 8_000_000,
        areaKm2: 3359.8,
      },
    },
  ];
  for (let i = 0; i < units; i++) {
    ops.push({
      op: 'create',
      entity: 'adminUnit',
      fields: {
        code: unitCode(i),
        level: 'ward',
        type: 'phuong',
        name: `Phường ${i}`,
        fullName: `Phường ${i}`,
        nameAscii: `Phuong ${i}`,
        parentCode: '01',
        population: 10_000 + i,
        areaKm2: 1.2,
      },
    });
  }
  return ops;
}
const unitCode = (i: number) => String(10_000 + i).padStart(5, '0');

function reportOps(op: 'create' | 'upsert', rows = ROWS): WriteOp[] {
  const ops: WriteOp[] = [];
  const start = Date.UTC(2021, 0, 1);
  for (let d = 0; ops.length < rows; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < UNITS && ops.length < rows; i++) {
      ops.push({ op, entity: 'caseReport', fields: caseReportFields(unitCode(i), date, d * UNITS + i) });
    }
  }
  return ops;
}

describe('bulk writes through the write path', () => {
  it(`${ROWS.toLocaleString('en')} case reports in one call: one change row each, contiguous, re-import records nothing`, () => {
    const file = path.join(tmp(), 'bulk.db');
    const store = stores.open({ path: file });
    store.write({ userId: null }, unitOps());
    const ops = reportOps('create');

    const r = store.write({ userId: null }, ops);
    expect(r.changeCount).toBe(ROWS); // one `_created` row per create
    expect(r.lastSeq! - r.firstSeq! + 1).toBe(r.changeCount); // contiguous seq range
    expect(store.db.prepare('SELECT count(*) AS n FROM case_reports').get()).toEqual({ n: ROWS });
    expect(store.db.prepare('SELECT count(*) AS n FROM changes WHERE seq BETWEEN ? AND ?').get(r.firstSeq, r.lastSeq)).toEqual({
      n: r.changeCount,
    });
    expect(store.db.prepare(`SELECT count(*) AS n FROM field_versions WHERE entity = 'caseReport'`).get()).toEqual({ n: ROWS });
    // Every change row rebuilds its row (spot-check across the batch boundaries).
    for (const k of [0, 63, 64, 65, 4_097, ROWS - 1]) {
      const c = store.changesSince(r.firstSeq! - 1 + k, 1)[0]!;
      expect({ id: c.entityId, ...(c.value as object) }).toEqual(store.get('caseReport', c.entityId));
    }

    // Re-importing the same data records nothing (upsert compares field by field), in
    // either form of the write path.
    expect(store.write({ userId: null }, reportOps('upsert')).changeCount).toBe(0);
    expect(store.writeAll({ userId: null }, reportOps('upsert')).changeCount).toBe(0);
    store.close();
    expect(fs.statSync(file).size).toBeGreaterThan(0);
  });

  it('a streamed write of the same rows gives the same tables and change values', () => {
    const a = stores.open({ path: path.join(tmp(), 'a.db') });
    const b = stores.open({ path: path.join(tmp(), 'b.db') });
    for (const s of [a, b]) s.write({ userId: null }, unitOps());
    const n = 5_000;
    const ra = a.write({ userId: null }, reportOps('upsert', n));
    const rb = b.writeAll({ userId: null }, reportOps('upsert', n)[Symbol.iterator]());
    expect([rb.created, rb.changeCount, rb.opCount]).toEqual([n, n, n]);
    const values = (s: typeof a, from: number) => s.changesSince(from - 1, n + 1).map((c) => [c.entityId, c.field, c.value]);
    expect(values(b, rb.firstSeq!)).toEqual(values(a, ra.firstSeq!));
    const dump = (s: typeof a) => s.db.prepare('SELECT * FROM case_reports ORDER BY id').all();
    expect(dump(b)).toEqual(dump(a));
  });
});
