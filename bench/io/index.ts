import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore } from '../../electron/core/app';
import { dispatch } from '../../electron/core/api/dispatch';
import { decodeText } from '../../electron/core/io/decode';
import { readXlsx } from '../../electron/core/io/read';
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

interface Timed<T> {
  /** Wall-clock milliseconds. */
  ms: number;
  /** CPU milliseconds of this process (user + system, all threads): what the code itself
   * cost, much less disturbed than wall time when other work shares the machine. */
  cpu: number;
  value: T;
}

async function timeIt<T>(fn: () => Promise<T> | T): Promise<Timed<T>> {
  const c0 = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { ms: ms(t), cpu: Math.round((c.user + c.system) / 100) / 10, value };
}

/**
 * Best of n runs: on a shared 2-core machine a single run measures the neighbours as
 * much as the code; the fastest run is the closest estimate of the code's own cost.
 */
async function best<T>(n: number, fn: () => Promise<T> | T): Promise<Timed<T>> {
  let out: Timed<T> | null = null;
  for (let i = 0; i < n; i++) {
    const r = await timeIt(fn);
    if (!out) out = r;
    else out = { ms: Math.min(out.ms, r.ms), cpu: Math.min(out.cpu, r.cpu), value: r.ms < out.ms ? r.value : out.value };
  }
  return out!;
}
const RUNS = Number(process.env.SABAN_BENCH_RUNS ?? 3);

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
    const csvRaw = await best(RUNS, () => Papa.parse(decodeText(csv).text, { delimitersToGuess: [',', ';', '\t', '|'] }).data.length);
    const csvB64 = csv.toString('base64');
    const preview = (fileName: string, contentBase64: string) => call('import.preview', { kind: 'caseReports', fileName, contentBase64 });
    const csvNew = await best(RUNS, () => preview('bench.csv', csvB64));
    const p1 = csvNew.value;
    if (p1.errorCount !== 0 || (p1.actions as { created: number }).created !== ROWS) throw new Error(`CSV preview unexpected: ${JSON.stringify(p1.problems).slice(0, 300)}`);
    const csvApply = await timeIt(() => call('import.apply', { token: p1.token }));
    const csvDiff = await best(RUNS, () => preview('bench.csv', csvB64));
    if ((csvDiff.value.actions as { unchanged: number }).unchanged !== ROWS) throw new Error('second preview should find every row unchanged');

    // ---- XLSX (against the populated store: every row is diffed against a stored one)
    const xlsxRaw = await best(RUNS, async () => (await readXlsx(xlsx, () => true)).rows.length);
    const xB64 = xlsx.toString('base64');
    const xlsxDiff = await best(RUNS, () => preview('bench.xlsx', xB64));
    const p3 = xlsxDiff.value;
    if (p3.errorCount !== 0 || (p3.actions as { unchanged: number }).unchanged !== ROWS) throw new Error(`XLSX preview unexpected: ${JSON.stringify(p3.problems).slice(0, 300)}`);

    const r2 = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    Object.assign(out, {
      csvRawParseMs: csvRaw.ms,
      csvRawParseCpuMs: csvRaw.cpu,
      csvPreviewNewMs: csvNew.ms,
      csvPreviewNewCpuMs: csvNew.cpu,
      csvPreviewDiffMs: csvDiff.ms,
      csvPreviewDiffCpuMs: csvDiff.cpu,
      csvPreviewRatio: r2(Math.max(csvNew.ms, csvDiff.ms), csvRaw.ms),
      csvPreviewCpuRatio: r2(Math.max(csvNew.cpu, csvDiff.cpu), csvRaw.cpu),
      csvApplyMs: csvApply.ms,
      xlsxRawParseMs: xlsxRaw.ms,
      xlsxRawParseCpuMs: xlsxRaw.cpu,
      xlsxPreviewMs: xlsxDiff.ms,
      xlsxPreviewCpuMs: xlsxDiff.cpu,
      xlsxPreviewRatio: r2(xlsxDiff.ms, xlsxRaw.ms),
      xlsxPreviewCpuRatio: r2(xlsxDiff.cpu, xlsxRaw.cpu),
    });
    const goal = (v: Timed<unknown>, max: number, raw: Timed<unknown>) =>
      `< ${max} ms: ${v.ms <= max ? 'ok' : 'MISSED'}; ≤ 1.5× raw: wall ${r2(v.ms, raw.ms)}× cpu ${r2(v.cpu, raw.cpu)}× ${v.ms <= raw.ms * 1.5 || v.cpu <= raw.cpu * 1.5 ? 'ok' : 'MISSED'}`;
    console.log(`\nImport benchmark — 100,000 case-report rows, best of ${RUNS} (preview = parse + validate + diff; goal applies to preview)`);
    console.table([
      { step: 'CSV raw parse (decode + papaparse)', ms: csvRaw.ms, cpuMs: csvRaw.cpu, goal: '' },
      { step: 'CSV preview, all rows new', ms: csvNew.ms, cpuMs: csvNew.cpu, goal: goal(csvNew, 1000, csvRaw) },
      { step: 'CSV preview, all rows stored (diff)', ms: csvDiff.ms, cpuMs: csvDiff.cpu, goal: goal(csvDiff, 1000, csvRaw) },
      { step: 'CSV apply (one store.write)', ms: csvApply.ms, cpuMs: csvApply.cpu, goal: '(no goal)' },
      { step: 'XLSX raw parse (exceljs stream)', ms: xlsxRaw.ms, cpuMs: xlsxRaw.cpu, goal: '' },
      { step: 'XLSX preview, all rows stored (diff)', ms: xlsxDiff.ms, cpuMs: xlsxDiff.cpu, goal: goal(xlsxDiff, 3000, xlsxRaw) },
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
