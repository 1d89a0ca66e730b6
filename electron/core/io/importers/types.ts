import type { AdminUnit } from '../../../../shared/domain';
import {
  cellText,
  columnSpec,
  isValueError,
  problem,
  type ColumnMapping,
  type ImportKind,
  type Problem,
  type ProblemCode,
  type ProblemParams,
  type Severity,
  type UnitIndex,
  type ValueError,
} from '../../../../shared/io';
import type { Store, WriteOp } from '../../store';
import type { CallContext } from '../../api/context';
import { isTotalLabel } from '../table';

/** Everything a kind's row parser and planner may use. */
export interface ImportEnv {
  kind: ImportKind;
  store: Store;
  ctx: CallContext;
  /** Today in Hà Nội (report dates may not be later). */
  today: string;
  nowIso: string;
  units: UnitIndex<AdminUnit>;
  headers: string[];
  mapping: ColumnMapping[];
  /** Column index of a field, or null when the file has no such column. */
  col(key: string): number | null;
  /** The file's header for a field (or our label when the column is missing). */
  header(key: string): string;
}

export function makeEnv(base: Omit<ImportEnv, 'col' | 'header'>): ImportEnv {
  const byField = new Map(base.mapping.map((m) => [m.field, m]));
  return {
    ...base,
    col: (key) => byField.get(key)?.column ?? null,
    header: (key) => byField.get(key)?.header ?? columnSpec(base.kind, key)?.label.vi ?? key,
  };
}

export type SkipReason = 'total' | 'subtotal' | 'empty' | 'note' | 'duplicate';
export interface Skip {
  skip: SkipReason;
  /** Row this one duplicates. */
  other?: number;
}
export const isSkip = (x: unknown): x is Skip => typeof x === 'object' && x !== null && 'skip' in x;

/** One planned write per record: what the import will do with that row (small kinds). */
export interface PlannedRow {
  row: number;
  action: 'create' | 'update' | 'unchanged';
  /** Human label of the row's key ("Phường Phúc Xá · 05/12/2021"). */
  label: string;
  changed: { field: string; from: unknown; to: unknown }[];
  op: WriteOp | null;
}

export const ACTION_CODE = { create: 0, update: 1, unchanged: 2, none: 3 } as const;
export const ACTIONS = ['create', 'update', 'unchanged'] as const;

/**
 * The outcome of comparing records with the store. Compact on purpose: a 100,000-row
 * preview needs counts, a fingerprint and a few samples, not 100,000 objects; the write
 * ops and the per-row details are built only when asked for.
 */
export interface Plan {
  /** File row of each planned record, in record order. */
  rows: ArrayLike<number>;
  /** ACTION_CODE per planned record (`none`: the record has an error and is not written). */
  actions: Uint8Array;
  problems: Problem[];
  /** Fingerprint of everything that would be written: equal fingerprints = equal writes. */
  signature: string;
  /** The writes, with the file row of each. */
  ops(): { op: WriteOp; row: number }[];
  describe(i: number): { label: string; changed: { field: string; from: unknown; to: unknown }[] };
}

/** Plan of a kind whose files are small (registry, tasks, statuses): plain rows. */
export function planFromRows(rows: PlannedRow[], problems: Problem[]): Plan {
  const errorRows = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.row));
  return {
    rows: rows.map((r) => r.row),
    actions: Uint8Array.from(rows.map((r) => (errorRows.has(r.row) ? ACTION_CODE.none : ACTION_CODE[r.action]))),
    problems,
    signature: rows.map((r) => `${r.row}:${r.action}:${r.op ? JSON.stringify(r.op.fields) : ''}`).join('\n'),
    ops: () => rows.flatMap((r) => (r.op ? [{ op: r.op, row: r.row }] : [])),
    describe: (i) => ({ label: rows[i]!.label, changed: rows[i]!.changed }),
  };
}

/**
 * A kind of import. Records are what the file says (parsed and checked cell by cell);
 * plan() compares them with the store and produces the writes (and the rules that need
 * the merged row). plan() runs at preview AND again at apply, so apply writes exactly
 * what was previewed or refuses when the store moved in between.
 */
export interface Importer<R extends { row: number }> {
  /** File-level problems: required columns missing, etc. */
  checkColumns(env: ImportEnv): Problem[];
  /** Parser for one data row; pushes its problems, returns a record, a skip, or null (row has errors). */
  rowParser(env: ImportEnv): (cells: unknown[], row: number, problems: Problem[]) => R | Skip | null;
  /** Natural key for duplicate detection inside the file; a number must be (high << 16) | low (see KeyIndex). */
  key(r: R): string | number;
  same(a: R, b: R): boolean;
  plan(records: R[], env: ImportEnv): Plan;
}

/** A problem for a field of this kind at a row, worded from a ValueError or a code. */
export function fieldProblem(
  env: ImportEnv,
  row: number | null,
  field: string,
  err: ValueError | { code: ProblemCode; params?: ProblemParams },
  severity: Severity = 'error',
): Problem {
  const params: ProblemParams = isValueError(err) ? { value: err.value } : (err.params ?? {});
  return problem(row, env.header(field), field, err.code, params, severity);
}

export function missingColumn(env: ImportEnv, field: string, label?: string): Problem {
  const name = label ?? columnSpec(env.kind, field)?.label.vi ?? field;
  return problem(null, name, field, 'missing_column', { value: `"${name}"` });
}

/** Any non-empty text cell of the row that looks like a total label (e.g. "Tổng cộng" in an STT column). */
/** Why a row without its key cells is skipped: a totals row ("Tổng cộng") or simply empty. */
export function skipOf(cells: unknown[]): { skip: 'total' | 'empty' } {
  return { skip: rowText(cells).some(isTotalLabel) ? 'total' : 'empty' };
}

/**
 * One row of a registry-style sheet (facilities, tasks) being read: the text of a column
 * (undefined when the file lacks it), and `fail` recording a problem on a field, after
 * which `bad` is true and the row is not planned.
 */
export function rowReader(env: ImportEnv, cells: unknown[], row: number, problems: Problem[]) {
  let bad = false;
  return {
    text(key: string): string | undefined {
      const i = env.col(key);
      return i === null ? undefined : cellText(cells[i]);
    },
    fail(field: string, err: Parameters<typeof fieldProblem>[3]): void {
      problems.push(fieldProblem(env, row, field, err));
      bad = true;
    },
    get bad(): boolean {
      return bad;
    },
  };
}

export function rowText(cells: unknown[]): string[] {
  const out: string[] = [];
  for (const c of cells) {
    if (typeof c === 'number') continue;
    const t = cellText(c);
    if (t) out.push(t);
  }
  return out;
}

/** Memoises a per-cell parser by the cell's primitive value (dates, units repeat a lot). */
export function memo<T>(fn: (raw: unknown) => T): (raw: unknown) => T {
  const cache = new Map<unknown, T>();
  return (raw) => {
    const k = raw !== null && typeof raw === 'object' ? JSON.stringify(raw) : raw;
    let v = cache.get(k);
    if (v === undefined && !cache.has(k)) {
      v = fn(raw);
      if (cache.size < 200_000) cache.set(k, v);
    }
    return v as T;
  };
}
