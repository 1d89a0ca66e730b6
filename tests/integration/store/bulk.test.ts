import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WriteOp } from '../../../electron/core/store';
import { useTmpDir } from '../../helpers/tmp';
import { caseReportFields } from '../../unit/store/fixtures';
import { storeOpener } from './helpers';

/**
 * Bulk path: the seeder/importer writes through the same store.write() as everything
 * else. Requirement: ≥ 50,000 field changes per second. Measured on a real file with
 * synchronous=FULL.
 */

const tmp = useTmpDir();
const stores = storeOpener();
afterEach(() => stores.closeAll());

const UNITS = 600;
const ROWS = 100_000;
const MIN_CHANGES_PER_SEC = 50_000;

function unitOps(): WriteOp[] {
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
  for (let i = 0; i < UNITS; i++) {
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

function reportOps(op: 'create' | 'upsert'): WriteOp[] {
  const ops: WriteOp[] = [];
  const start = Date.UTC(2021, 0, 1);
  for (let d = 0; ops.length < ROWS; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < UNITS && ops.length < ROWS; i++) {
      ops.push({ op, entity: 'caseReport', fields: caseReportFields(unitCode(i), date, d * UNITS + i) });
    }
  }
  return ops;
}

describe('bulk writes through the write path', () => {
  it(`${ROWS.toLocaleString('en')} case reports in one call: ≥ ${MIN_CHANGES_PER_SEC.toLocaleString('en')} field changes/s`, () => {
    const file = path.join(tmp(), 'bulk.db');
    const store = stores.open({ path: file });
    store.write({ userId: null }, unitOps());
    const ops = reportOps('create');

    const t0 = performance.now();
    const r = store.write({ userId: null }, ops);
    const secs = (performance.now() - t0) / 1000;
    const rate = r.changeCount / secs;

    expect(r.changeCount).toBe(ROWS * 12); // _created + 11 fields each
    expect(r.lastSeq! - r.firstSeq! + 1).toBe(r.changeCount); // contiguous seq range
    expect(store.db.prepare('SELECT count(*) AS n FROM case_reports').get()).toEqual({ n: ROWS });
    expect(store.db.prepare('SELECT count(*) AS n FROM changes WHERE seq BETWEEN ? AND ?').get(r.firstSeq, r.lastSeq)).toEqual({
      n: r.changeCount,
    });

    // Re-importing the same data records nothing (upsert compares field by field).
    const t1 = performance.now();
    const again = store.write({ userId: null }, reportOps('upsert'));
    const noopSecs = (performance.now() - t1) / 1000;
    expect(again.changeCount).toBe(0);

    store.close();
    const mb = fs.statSync(file).size / 1e6;
    console.info(
      `[bulk] ${ROWS} rows, ${r.changeCount} field changes in ${secs.toFixed(2)} s = ` +
        `${Math.round(rate).toLocaleString('en')} changes/s (${Math.round(ROWS / secs).toLocaleString('en')} rows/s); ` +
        `no-op re-import ${noopSecs.toFixed(2)} s; file ${mb.toFixed(0)} MB (${Math.round((mb * 1e6) / r.changeCount)} B/change)`,
    );
    expect(rate).toBeGreaterThanOrEqual(MIN_CHANGES_PER_SEC);
  });
});
