import { openStore, type WriteOp } from './electron/core/store';
import { caseReportFields } from './tests/unit/store/fixtures';
import fs from 'node:fs';
fs.rmSync('/tmp/bench', { recursive: true, force: true }); fs.mkdirSync('/tmp/bench');
const s = openStore({ path: '/tmp/bench/a.db' });
const units: WriteOp[] = [{ op: 'create', entity: 'adminUnit', fields: { code: '01', level: 'province', type: 'thanh_pho_truc_thuoc_trung_uong', name: 'HN', fullName: 'HN', nameAscii: 'HN', parentCode: null, population: 1, areaKm2: null } }];
for (let i = 0; i < 600; i++) units.push({ op: 'create', entity: 'adminUnit', fields: { code: String(10000 + i).padStart(5, '0'), level: 'ward', type: 'phuong', name: 'W' + i, fullName: 'W' + i, nameAscii: 'W', parentCode: '01', population: 1000, areaKm2: 1 } });
s.write({ userId: null }, units);
const ops: WriteOp[] = [];
const start = Date.UTC(2021, 0, 1);
for (let d = 0; d < 167; d++) {
  const date = new Date(start + d * 86400000).toISOString().slice(0, 10);
  for (let i = 0; i < 600; i++) ops.push({ op: 'create', entity: 'caseReport', fields: caseReportFields(String(10000 + i).padStart(5, '0'), date, d * 600 + i) });
}
const rows = ops.slice(0, 100_000);
let t = performance.now();
const r = s.write({ userId: null }, rows);
let dt = (performance.now() - t) / 1000;
console.log('rows', rows.length, 'changes', r.changeCount, 's', dt.toFixed(2), 'changes/s', Math.round(r.changeCount / dt));
// upsert same (no changes)
t = performance.now();
const r2 = s.write({ userId: null }, rows.map(o => ({ ...o, op: 'upsert' as const })));
dt = (performance.now() - t) / 1000;
console.log('noop upsert', r2.changeCount, dt.toFixed(2));
s.close();
console.log('size MB', (fs.statSync('/tmp/bench/a.db').size / 1e6).toFixed(1));
