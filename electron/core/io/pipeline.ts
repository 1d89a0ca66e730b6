import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AdminUnit } from '../../../shared/domain';
import type { ImportPreviewOut } from '../../../shared/api/ops/io';
import { ApiError } from '../../../shared/api/errors';
import { hanoiToday } from '../../../shared/format';
import {
  cellText,
  fold,
  mapHeaders,
  mappingSettingKey,
  problem,
  UnitIndex,
  type ImportKind,
  type Problem,
} from '../../../shared/io';
import type { Store, WriteOp } from '../store';
import type { CallContext } from '../api/context';
import { FileReadError, readXlsx, sniffFormat, streamCsv, type RawSheet } from './read';
import { findHeader, firstRowHeader, HEADER_SCAN_ROWS, isBlankRow, type Table } from './table';
import { ACTION_CODE, ACTIONS, isSkip, makeEnv, type ImportEnv, type Importer, type Plan, type Skip } from './importers/types';
import { reportImporter } from './importers/reports';
import { facilityStatusImporter } from './importers/facility-status';
import { facilitiesImporter } from './importers/facilities';
import { tasksImporter } from './importers/tasks';
import { fileSizeText, sizeLimitError } from './limits';
import { KeyIndex } from './key-index';

/**
 * The import pipeline: bytes → rows → header + mapping → records (cell checks) →
 * plan against the store (rules, new/updated/unchanged) → a session the operator can
 * apply. Nothing here writes except apply(), which issues exactly ONE store.write.
 */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 250_000;
const SESSION_TTL_MS = 15 * 60_000;
const MAX_SESSIONS = 8;
const MAX_PROBLEMS_OUT = 1000;
const MAX_CHANGES_OUT = 300;
const MAX_SKIPPED_OUT = 300;

export function importerFor(kind: ImportKind): Importer<{ row: number }> {
  switch (kind) {
    case 'caseReports':
    case 'vaccinations':
      return reportImporter(kind) as unknown as Importer<{ row: number }>;
    case 'facilityStatus':
      return facilityStatusImporter() as unknown as Importer<{ row: number }>;
    case 'facilities':
      return facilitiesImporter() as unknown as Importer<{ row: number }>;
    case 'tasks':
      return tasksImporter() as unknown as Importer<{ row: number }>;
  }
}

export function maxImportBytes(store: Store): number {
  const v = store.getSetting<number>('import.maxBytes');
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : DEFAULT_MAX_BYTES;
}

const rememberedValue = z.object({
  sourceName: z.string(),
  kind: z.string(),
  columns: z.record(z.string(), z.string().nullable()),
  updatedAt: z.string().nullable().optional(),
});
type Remembered = z.infer<typeof rememberedValue>;

interface Session {
  token: string;
  expires: number;
  userId: string | null;
  kind: ImportKind;
  records: { row: number }[];
  planSignature: string;
  counts: { created: number; updated: number; unchanged: number };
  envBase: Pick<ImportEnv, 'today' | 'nowIso' | 'headers' | 'mapping'>;
  remember: { key: string; value: Remembered } | null;
}

/** Parsed imports waiting for apply, by token; in memory only (a restart means preview again). */
export class ImportSessions {
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly clock: () => number) {}

  put(s: Omit<Session, 'token' | 'expires'>): Session {
    this.sweep();
    while (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    const session = { ...s, token: randomUUID(), expires: this.clock() + SESSION_TTL_MS };
    this.sessions.set(session.token, session);
    return session;
  }

  take(token: string): Session | undefined {
    this.sweep();
    const s = this.sessions.get(token);
    this.sessions.delete(token);
    return s;
  }

  private sweep() {
    const now = this.clock();
    for (const [k, s] of this.sessions) if (s.expires <= now) this.sessions.delete(k);
  }
}

export interface PreviewInput {
  kind: ImportKind;
  fileName: string;
  contentBase64: string;
  mapping?: Record<string, number | null>;
  sourceName?: string;
}

export function decodeUpload(store: Store, contentBase64: string, maxBytes = maxImportBytes(store)): Buffer {
  // Reject before decoding: the base64 length tells the size within 2 bytes.
  const approx = Math.floor((contentBase64.length * 3) / 4);
  if (approx - 2 > maxBytes) throw sizeLimitError(approx, maxBytes);
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length > maxBytes) throw sizeLimitError(bytes.length, maxBytes);
  if (bytes.length === 0) throw new ApiError('invalid_input', 'Tệp rỗng (empty file)', [{ path: 'contentBase64', message: 'tệp rỗng' }]);
  return bytes;
}

let unitIndexCache: { store: Store; seq: number; index: UnitIndex<AdminUnit> } | null = null;
export function unitIndex(store: Store): UnitIndex<AdminUnit> {
  const seq = store.lastSeq();
  if (!unitIndexCache || unitIndexCache.store !== store || unitIndexCache.seq !== seq) {
    unitIndexCache = { store, seq, index: new UnitIndex(store.list('adminUnit', {})) };
  }
  return unitIndexCache.index;
}

export async function previewImport(
  store: Store,
  ctx: CallContext,
  input: PreviewInput,
  sessions: ImportSessions,
): Promise<ImportPreviewOut> {
  const t0 = performance.now();
  const bytes = decodeUpload(store, input.contentBase64);
  const importer = importerFor(input.kind);
  const remembered = loadRemembered(store, input.kind, input.sourceName);
  const handMapped = Object.keys(input.mapping ?? {}).length > 0 || remembered !== null;
  const fileProblems: Problem[] = [];
  const problems: Problem[] = [];
  const skipped: { row: number; reason: string; other?: number }[] = [];
  const records: { row: number }[] = [];
  const errorRows = new Set<number>();
  const samples: string[][] = [];
  let total = 0;
  let readMs = 0;

  // ---- rows arrive one by one (CSV: while papaparse parses; XLSX: from the read sheet).
  // The first rows are held back until the header is found; then every row is checked
  // as it comes.
  const head: { cells: unknown[]; row: number }[] = [];
  let table: Table | null = null;
  let env: ImportEnv | null = null;
  let noHeader = false;
  let consume: ((cells: unknown[], row: number) => void) | null = null;
  let stopped = false;

  const setup = () => {
    const sheet: RawSheet = { name: null, rows: head.map((h) => h.cells), rowNumbers: head.map((h) => h.row) };
    table = findHeader(input.kind, sheet);
    if (!table) {
      // Nothing recognised: offer the first row's columns for mapping by hand (or use the
      // operator's mapping when there is one).
      table = firstRowHeader(sheet);
      if (!table) return;
      noHeader = !handMapped;
    }
    const manual = { ...Object.fromEntries(Object.entries(remembered?.columns ?? {}).filter(([, h]) => h === null).map(([f]) => [f, null])), ...(input.mapping ?? {}) };
    const mapping = mapHeaders(input.kind, table.headers, {
      manual,
      remembered: Object.fromEntries(Object.entries(remembered?.columns ?? {}).filter(([, h]) => h !== null)) as Record<string, string>,
    });
    const nowMs = store.clock();
    const e = makeEnv({ kind: input.kind, store, ctx, today: hanoiToday(nowMs), nowIso: new Date(nowMs).toISOString(), units: unitIndex(store), headers: table.headers, mapping });
    env = e;
    problems.push(...(noHeader ? [problem(null, null, null, 'no_header')] : importer.checkColumns(e)));
    if (problems.some((p) => p.severity === 'error')) return;
    const parse = importer.rowParser(e);
    const headers = table.headers;
    // A duplicate is named by the column that identifies the row (unit, facility, title…).
    const keyColumn = ['unitCode', 'ward', 'facilityId', 'facility', 'id', 'name', 'title'].find((k) => e.col(k) !== null) ?? null;
    const seen = new Map<string | number, { row: number }>();
    const seenNum = new KeyIndex<{ row: number }>();
    consume = (cells, row) => {
      if (stopped || isBlankRow(cells)) return;
      if (++total > MAX_ROWS) {
        problems.push(problem(null, null, null, 'too_many_rows', { max: MAX_ROWS }));
        stopped = true;
        return;
      }
      if (samples.length < 5) samples.push(headers.map((_, j) => cellText(cells[j])));
      const before = problems.length;
      const r = parse(cells, row, problems);
      for (let k = before; k < problems.length; k++) if (problems[k]!.severity === 'error') errorRows.add(row);
      if (r === null) return;
      if (isSkip(r)) return void skipped.push({ row, reason: (r as Skip).skip });
      const key = importer.key(r);
      const numeric = typeof key === 'number';
      const prev = numeric ? seenNum.get(key) : seen.get(key);
      if (prev) {
        if (importer.same(prev, r)) skipped.push({ row, reason: 'duplicate', other: prev.row });
        else {
          problems.push(problem(row, keyColumn ? e.header(keyColumn) : null, keyColumn, 'duplicate_conflict', { other: prev.row }));
          errorRows.add(row);
        }
        return;
      }
      if (numeric) seenNum.set(key, r);
      else seen.set(key, r);
      records.push(r);
    };
    for (let i = table.firstData; i < head.length; i++) consume(head[i]!.cells, head[i]!.row);
  };
  const onRow = (cells: unknown[], row: number) => {
    if (consume) return consume(cells, row);
    if (table || head.length > HEADER_SCAN_ROWS) return; // no header and no mapping: rows are not read
    head.push({ cells, row });
    if (head.length > HEADER_SCAN_ROWS) setup();
  };

  let format: 'csv' | 'xlsx';
  let encoding: { label: string; confidence: 'certain' | 'high' | 'low' } | null = null;
  let delimiter: string | null = null;
  try {
    format = sniffFormat(input.fileName, bytes);
    if (format === 'csv') {
      const r = streamCsv(bytes, onRow);
      delimiter = r.delimiter;
      encoding = { label: r.decoded.encodingLabel, confidence: r.decoded.confidence };
      if (r.decoded.encoding !== 'utf-8' && !r.decoded.encoding.startsWith('utf-16')) {
        fileProblems.push(
          problem(null, null, null, 'encoding', {
            encoding: r.decoded.encodingLabel,
            detail:
              r.decoded.confidence === 'high'
                ? 'tệp không phải UTF-8, đã chuyển đổi tự động'
                : 'không chắc chắn về bảng mã — hãy kiểm tra tên đơn vị, hoặc lưu lại dạng "CSV UTF-8"',
          }, 'warning'),
        );
      }
    } else {
      const sheet = await readXlsx(bytes, (s) => findHeader(input.kind, s) !== null);
      readMs = performance.now() - t0;
      sheet.rows.forEach((cells, i) => onRow(cells, sheet.rowNumbers ? sheet.rowNumbers[i]! : i + 1));
    }
  } catch (e) {
    if (e instanceof FileReadError) throw new ApiError('invalid_input', `Không đọc được tệp "${input.fileName}": ${e.detail}`, [{ path: 'contentBase64', message: e.detail }]);
    throw e;
  }
  if (!table && !consume) setup();
  if (format === 'csv') readMs = performance.now() - t0;
  const t1 = performance.now();
  problems.unshift(...fileProblems);
  const base = {
    kind: input.kind,
    fileName: input.fileName,
    format,
    detectedEncoding: encoding?.label ?? null,
    encodingConfidence: encoding?.confidence ?? null,
    delimiter,
  };
  const tableFound = table as Table | null;
  if (!tableFound || !env) return emptyPreview(base, [...fileProblems, problem(null, null, null, 'no_rows')], readMs, t0, t1);
  const envReady: ImportEnv = env;
  if (consume && total === 0) problems.push(problem(null, null, null, 'no_rows'));

  // Rules that need the stored row (absent columns) and the diff; skipped when cells are wrong anyway.
  const tPlan = performance.now();
  const plan: Plan = importer.plan(records, envReady);
  const planMs = performance.now() - tPlan;
  for (const p of plan.problems) {
    problems.push(p);
    if (p.severity === 'error' && p.row !== null) errorRows.add(p.row);
  }
  const counts = countActions(plan);
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  let token: string | null = null;
  let expiresAt: string | null = null;
  if (errorCount === 0 && records.length > 0) {
    const key = input.sourceName ? mappingSettingKey(input.kind, input.sourceName) : null;
    const session = sessions.put({
      userId: ctx.userId,
      kind: input.kind,
      records,
      planSignature: plan.signature,
      counts,
      envBase: { today: envReady.today, nowIso: envReady.nowIso, headers: tableFound.headers, mapping: envReady.mapping },
      remember: key
        ? {
            key,
            value: {
              sourceName: input.sourceName!.normalize('NFC'),
              kind: input.kind,
              columns: Object.fromEntries(envReady.mapping.filter((m) => m.column !== null || m.via === 'manual').map((m) => [m.field, m.header])),
              updatedAt: envReady.nowIso,
            },
          }
        : null,
    });
    token = session.token;
    expiresAt = new Date(session.expires).toISOString();
  }

  const processMs = performance.now() - t1;
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return {
    ...base,
    token,
    expiresAt,
    headerRow: tableFound.headerRow,
    headers: tableFound.headers,
    mapping: envReady.mapping,
    rememberedFrom: remembered?.sourceName ?? null,
    samples,
    rows: { total, valid: countValid(plan, errorRows), withErrors: errorRows.size, skipped: skipped.length },
    skipped: skipped.slice(0, MAX_SKIPPED_OUT),
    problems: problems.slice(0, MAX_PROBLEMS_OUT),
    problemCount: problems.length,
    errorCount,
    warningCount: problems.length - errorCount,
    actions: counts,
    changes: changeSample(plan),
    timings: { readMs, processMs, planMs, totalMs: performance.now() - t0 },
  };
}

function emptyPreview(base: Pick<ImportPreviewOut, 'kind' | 'fileName' | 'format' | 'detectedEncoding' | 'encodingConfidence' | 'delimiter'>, problems: Problem[], readMs: number, t0: number, t1: number): ImportPreviewOut {
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  return {
    ...base,
    token: null,
    expiresAt: null,
    headerRow: null,
    headers: [],
    mapping: [],
    rememberedFrom: null,
    samples: [],
    rows: { total: 0, valid: 0, withErrors: 0, skipped: 0 },
    skipped: [],
    problems,
    problemCount: problems.length,
    errorCount,
    warningCount: problems.length - errorCount,
    actions: { created: 0, updated: 0, unchanged: 0 },
    changes: [],
    timings: { readMs, processMs: performance.now() - t1, planMs: 0, totalMs: performance.now() - t0 },
  };
}

function countActions(plan: Plan) {
  const n = [0, 0, 0, 0];
  for (let i = 0; i < plan.actions.length; i++) n[plan.actions[i]!]!++;
  return { created: n[ACTION_CODE.create]!, updated: n[ACTION_CODE.update]!, unchanged: n[ACTION_CODE.unchanged]! };
}

function countValid(plan: Plan, errorRows: Set<number>): number {
  let v = 0;
  for (let i = 0; i < plan.actions.length; i++) if (plan.actions[i] !== ACTION_CODE.none && !errorRows.has(plan.rows[i]!)) v++;
  return v;
}

function changeSample(plan: Plan): ImportPreviewOut['changes'] {
  const out: ImportPreviewOut['changes'] = [];
  for (let i = 0; i < plan.actions.length && out.length < MAX_CHANGES_OUT; i++) {
    const a = plan.actions[i]!;
    if (a !== ACTION_CODE.create && a !== ACTION_CODE.update) continue;
    out.push({ row: plan.rows[i]!, action: ACTIONS[a]!, ...plan.describe(i) });
  }
  return out;
}

function loadRemembered(store: Store, kind: ImportKind, sourceName: string | undefined): Remembered | null {
  if (!sourceName) return null;
  const key = mappingSettingKey(kind, sourceName);
  if (!key) return null;
  const v = rememberedValue.safeParse(store.getSetting(key));
  return v.success ? v.data : null;
}

export function rememberedSources(store: Store): { kind: ImportKind; sourceName: string; updatedAt: string | null }[] {
  return store
    .list('setting', {})
    .filter((s) => s.key.startsWith('import.mapping.'))
    .flatMap((s) => {
      const v = rememberedValue.safeParse(s.value);
      return v.success ? [{ kind: v.data.kind as ImportKind, sourceName: v.data.sourceName, updatedAt: v.data.updatedAt ?? null }] : [];
    })
    .sort((a, b) => fold(a.sourceName).localeCompare(fold(b.sourceName)));
}

export function applyImport(store: Store, ctx: CallContext, token: string, sessions: ImportSessions) {
  const s = sessions.take(token);
  if (!s) {
    throw new ApiError('not_found', 'Phiên nhập đã hết hạn hoặc đã được áp dụng — hãy chạy thử lại (import session expired or already applied: preview again)');
  }
  if (s.userId !== ctx.userId) throw new ApiError('forbidden', 'Phiên nhập này do người khác chạy thử (this preview belongs to another operator)');
  // Apply writes exactly what was previewed: plan again against the store as it is now
  // and refuse if anything would differ (someone saved the same reports meanwhile).
  const env = makeEnv({ kind: s.kind, store, ctx, units: unitIndex(store), ...s.envBase });
  const plan = importerFor(s.kind).plan(s.records, env);
  if (plan.signature !== s.planSignature || plan.problems.some((p) => p.severity === 'error')) {
    throw new ApiError('conflict', 'Số liệu đã thay đổi từ lúc chạy thử — hãy chạy thử lại trước khi áp dụng (data changed since the preview: preview again)');
  }
  const planned = plan.ops();
  const ops: WriteOp[] = planned.map((p) => p.op);
  if (s.remember) ops.push({ op: 'upsert', entity: 'setting', id: s.remember.key, fields: { key: s.remember.key, value: s.remember.value } });
  let r;
  try {
    r = store.write({ userId: ctx.userId }, ops);
  } catch (e) {
    // Cell checks mirror the domain schemas, so this is a safety net: still name the row.
    const v = e as { name?: string; id?: string | null; field?: string | null; reason?: string };
    if (v.name !== 'ValidationError') throw e;
    const row = planned.find((p) => p.op.id !== undefined && p.op.id === v.id)?.row;
    throw new ApiError('invalid_input', `Không áp dụng được${row ? ` dòng ${row}` : ''}: ${v.field ?? ''} ${v.reason ?? ''} — không có gì được ghi (nothing was written)`, [
      { path: row ? `row ${row}${v.field ? `.${v.field}` : ''}` : (v.field ?? ''), message: v.reason ?? '' },
    ]);
  }
  return { ...s.counts, changeCount: r.changeCount, opId: r.opId };
}

export { fileSizeText };
