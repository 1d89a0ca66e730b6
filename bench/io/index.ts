import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore } from '../../electron/core/app';
import { dispatch } from '../../electron/core/api/dispatch';
import { decodeText } from '../../electron/core/io/decode';
import { readCsv, readXlsx } from '../../electron/core/io/read';
import { toCsv, toXlsx, type Cell, type SheetData } from '../../electron/core/io/write-file';
import { KIND_COLUMNS } from '../../shared/io';
import { addDays } from '../../shared/metrics';
import Papa from 'papaparse';

/**
 * Import benchmark: 100,000 case-report rows as CSV and as XLSX.
 *
 *  raw parse   what the libraries alone cost: CSV = decode + papaparse; XLSX = exceljs
 *              streaming read of every cell. The floor no import can go under.
 *  preview     the whole dry run through the API handler: base64 → bytes, encoding
 *              detection, parse, header detection, mapping, every cell checked, every
 *              unit matched by name, rules, and the diff against the store.
 *  apply       the one store.write (100,000 upserts + change log, fsync'd).
 *
 * Goal (applies to PREVIEW, what the operator waits for before deciding): CSV < 1 s,
 * XLSX < 3 s, and preview ≤ 1.5 × raw parse measured in the same run. Apply is the
 * store's bulk write cost and is reported separately.
 */
const ROWS = 100_000;

function sheet(): SheetData {
  const cols = KIND_COLUMNS.caseReports.filter((c) => c.key !== 'newTotal' && c.key !== 'f0Total');
  return { name: 'Số liệu', headers: cols.map((c) => c.label.vi), rows: [] };
}

function buildRows(units: { code: string; name: string; district: string }[], first: string): Cell[][] {
  const rows: Cell[][] = [];
  let i = 0;
  for (let d = 0; rows.length < ROWS; d++) {
    const date = addDays(first, d);
    for (const u of units) {
      if (rows.length >= ROWS) break;
      i++;
      const community = i % 37;
      const quarantined = i % 11;
      const f0Home = 20 + (i % 300);
      const f0Facility = 5 + (i % 90);
      rows.push([{ day: date }, u.code, u.district, u.name, community, quarantined, f0Home, f0Facility, i % 700, i % 20, i % 40, i % 3, 200 + (i % 5000)]);
    }
  }
  return rows;
}

const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;

async function timeIt<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [ms(t), v];
}

export async function runIoBench(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saban-bench-io-'));
  const core = openCore({ dbPath: path.join(dir, 'bench.sqlite') });
  await core.initStore('empty');
  const ctx = { ...core.localContext(), transport: 'ipc' as const };
  const call = async (op: string, input: unknown) => {
    const r = await dispatch(core.handlers, op, input, ctx);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };
  try {
    const districts = new Map(core.store.list('adminUnit', { level: 'district' }).map((d) => [d.code, d.fullName]));
    const units = core.store
      .list('adminUnit', { level: 'ward' }, { orderBy: 'code' })
      .map((w) => ({ code: w.code, name: w.fullName, district: districts.get(w.parentCode ?? '') ?? '' }));
    const s = sheet();
    s.rows = buildRows(units, '2021-06-01');
    const csv = toCsv(s);
    const xlsx = await toXlsx([s]);
    const out: Record<string, number> = { rows: ROWS, csvBytes: csv.length, xlsxBytes: xlsx.length };

    // ---- CSV
    const [csvRaw] = await timeIt(() => Papa.parse(decodeText(csv).text, { delimitersToGuess: [',', ';', '\t', '|'] }).data.length);
    const [csvRead] = await timeIt(() => readCsv(csv).sheet.rows.length);
    const csvB64 = csv.toString('base64');
    const [csvPreview, p1] = await timeIt(() => call('import.preview', { kind: 'caseReports', fileName: 'bench.csv', contentBase64: csvB64 }));
    if (p1.errorCount !== 0 || (p1.actions as { created: number }).created !== ROWS) throw new Error(`CSV preview unexpected: ${JSON.stringify(p1.problems).slice(0, 300)}`);
    const [csvApply] = await timeIt(() => call('import.apply', { token: p1.token }));
    const [csvPreviewUnchanged, p2] = await timeIt(() => call('import.preview', { kind: 'caseReports', fileName: 'bench.csv', contentBase64: csvB64 }));
    if ((p2.actions as { unchanged: number }).unchanged !== ROWS) throw new Error('second preview should find every row unchanged');

    // ---- XLSX (against the populated store: every row is diffed against a stored one)
    const [xlsxRaw] = await timeIt(async () => (await readXlsx(xlsx, () => true)).rows.length);
    const xB64 = xlsx.toString('base64');
    const [xlsxPreview, p3] = await timeIt(() => call('import.preview', { kind: 'caseReports', fileName: 'bench.xlsx', contentBase64: xB64 }));
    if (p3.errorCount !== 0 || (p3.actions as { unchanged: number }).unchanged !== ROWS) throw new Error(`XLSX preview unexpected: ${JSON.stringify(p3.problems).slice(0, 300)}`);

    Object.assign(out, {
      csvRawParseMs: csvRaw,
      csvReadMs: csvRead,
      csvPreviewNewMs: csvPreview,
      csvPreviewUnchangedMs: csvPreviewUnchanged,
      csvPreviewRatio: Math.round((Math.max(csvPreview, csvPreviewUnchanged) / csvRaw) * 100) / 100,
      csvApplyMs: csvApply,
      xlsxRawParseMs: xlsxRaw,
      xlsxPreviewMs: xlsxPreview,
      xlsxPreviewRatio: Math.round((xlsxPreview / xlsxRaw) * 100) / 100,
    });
    const goal = (v: number, max: number) => (v <= max ? 'ok' : 'MISSED');
    console.log('\nImport benchmark — 100,000 case-report rows (preview = parse + validate + diff; goal applies to preview)');
    console.table([
      { step: 'CSV raw parse (decode + papaparse)', ms: csvRaw, goal: '' },
      { step: 'CSV preview, all rows new', ms: csvPreview, goal: `< 1000 ms: ${goal(csvPreview, 1000)}; ≤ 1.5× raw: ${goal(csvPreview, csvRaw * 1.5)}` },
      { step: 'CSV preview, all rows stored (diff)', ms: csvPreviewUnchanged, goal: `< 1000 ms: ${goal(csvPreviewUnchanged, 1000)}; ≤ 1.5× raw: ${goal(csvPreviewUnchanged, csvRaw * 1.5)}` },
      { step: 'CSV apply (one store.write)', ms: csvApply, goal: '(no goal)' },
      { step: 'XLSX raw parse (exceljs stream)', ms: xlsxRaw, goal: '' },
      { step: 'XLSX preview, all rows stored (diff)', ms: xlsxPreview, goal: `< 3000 ms: ${goal(xlsxPreview, 3000)}; ≤ 1.5× raw: ${goal(xlsxPreview, xlsxRaw * 1.5)}` },
    ]);
    console.log(`files: CSV ${(csv.length / 1e6).toFixed(1)} MB, XLSX ${(xlsx.length / 1e6).toFixed(1)} MB`);
    return out;
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  runIoBench().then(
    (r) => console.log(JSON.stringify(r)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
