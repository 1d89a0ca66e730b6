import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type WriteOp } from '../electron/core/store';
import { round } from './lib/timing';

/**
 * Change-recording write rate: 100,000 case reports created in ONE store.write call (and
 * the same rows through the streamed store.writeAll), on a real file with the store's
 * pragmas (WAL, synchronous=FULL). Counted: rows/s, change rows/s, and field values/s (a
 * create records all 11 fields in its one `_created` change row).
 *
 * Baseline, same run, same rows: plain better-sqlite3 — one prepared INSERT per row in one
 * transaction into a scratch table of a temp database with the same pragmas and the same
 * DDL as case_reports (columns, key, its two unique indexes; no foreign key), and into a
 * bare copy without the secondary indexes. The difference is what the write path adds:
 * zod validation, existence check, change row, field version, HLC, op record.
 */

const ROWS = 100_000;
const UNITS = 600;
const FIELDS_PER_ROW = 11;
const code = (i: number) => String(10_000 + i).padStart(5, '0');

function rows() {
  const out: Array<Record<string, string | number>> = [];
  const start = Date.UTC(2021, 0, 1);
  for (let d = 0; out.length < ROWS; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < UNITS && out.length < ROWS; i++) {
      const k = d * UNITS + i;
      out.push({
        unitCode: code(i),
        date,
        newCommunity: k % 37,
        newQuarantined: k % 11,
        f0Home: 20 + (k % 300),
        f0Facility: 5 + (k % 90),
        f1HomeQuarantine: k % 700,
        needOxygen: k % 20,
        recovered: k % 40,
        deaths: k % 3,
        tests: 200 + (k % 5000),
      });
    }
  }
  return out;
}

function unitOps(): WriteOp[] {
  const unit = (code: string, level: 'province' | 'ward', parentCode: string | null) => ({
    op: 'create' as const,
    entity: 'adminUnit' as const,
    fields: { code, level, type: level === 'province' ? 'thanh_pho_truc_thuoc_trung_uong' : 'phuong', name: code, fullName: code, nameAscii: code, parentCode, population: 10_000, areaKm2: null },
  });
  return [unit('01', 'province', null), ...Array.from({ length: UNITS }, (_, i) => unit(code(i), 'ward', '01'))];
}

const CASE_REPORTS_DDL = `
  CREATE TABLE scratch (
    id TEXT PRIMARY KEY NOT NULL, unit_code TEXT NOT NULL, date TEXT NOT NULL,
    new_community INTEGER NOT NULL, new_quarantined INTEGER NOT NULL, f0_home INTEGER NOT NULL, f0_facility INTEGER NOT NULL,
    f1_home_quarantine INTEGER NOT NULL, need_oxygen INTEGER NOT NULL, recovered INTEGER NOT NULL, deaths INTEGER NOT NULL,
    tests INTEGER NOT NULL, _deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT, WITHOUT ROWID`;

function plainInsertSeconds(dir: string, name: string, data: ReturnType<typeof rows>, indexes: boolean): number {
  const db = new Database(path.join(dir, name));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('cache_size = -65536');
    db.exec(CASE_REPORTS_DDL);
    if (indexes) {
      db.exec('CREATE UNIQUE INDEX scratch_date_unit ON scratch(date, unit_code); CREATE UNIQUE INDEX scratch_unit_date ON scratch(unit_code, date);');
    }
    const ins = db.prepare(
      'INSERT INTO scratch (id, unit_code, date, new_community, new_quarantined, f0_home, f0_facility, f1_home_quarantine, need_oxygen, recovered, deaths, tests) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const t = performance.now();
    db.transaction(() => {
      for (const r of data) {
        ins.run(`${r.unitCode}:${r.date}`, r.unitCode, r.date, r.newCommunity, r.newQuarantined, r.f0Home, r.f0Facility, r.f1HomeQuarantine, r.needOxygen, r.recovered, r.deaths, r.tests);
      }
    })();
    return (performance.now() - t) / 1000;
  } finally {
    db.close();
  }
}

export function runWriteRateBench(): Record<string, number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saban-bench-write-'));
  try {
    const data = rows();
    const measure = (name: string, streamed: boolean) => {
      const store = openStore({ path: path.join(dir, name) });
      try {
        store.write({ userId: null }, unitOps());
        const ops: WriteOp[] = data.map((fields) => ({ op: 'create', entity: 'caseReport', fields }));
        const t = performance.now();
        const changes = streamed ? store.writeAll({ userId: null }, ops).changeCount : store.write({ userId: null }, ops).changeCount;
        return { secs: (performance.now() - t) / 1000, changes };
      } finally {
        store.close();
      }
    };
    const w = measure('write.db', false);
    const s = measure('stream.db', true);
    const plain = plainInsertSeconds(dir, 'plain.db', data, true);
    const bare = plainInsertSeconds(dir, 'bare.db', data, false);
    return {
      rows: ROWS,
      writeSeconds: round(w.secs, 2),
      writeRowsPerSec: Math.round(ROWS / w.secs),
      writeChangeRowsPerSec: Math.round(w.changes / w.secs),
      writeFieldValuesPerSec: Math.round((ROWS * FIELDS_PER_ROW) / w.secs),
      writeAllRowsPerSec: Math.round(ROWS / s.secs),
      plainInsertRowsPerSec: Math.round(ROWS / plain),
      bareInsertRowsPerSec: Math.round(ROWS / bare),
      writePathCostFactor: round(w.secs / plain, 1),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
