import {
  caseReportFields,
  reportId,
  vaccinationFields,
  type CaseReportField,
  type VaccinationField,
} from '../../../../shared/domain';
import { formatDate } from '../../../../shared/format';
import {
  caseReportIssues,
  isValueError,
  parseCount,
  parseDate,
  problem,
  vaccinationIssues,
  type CaseValues,
  type Problem,
  type VaccinationValues,
} from '../../../../shared/io';
import { ENTITIES } from '../../store';
import { ACTION_CODE, fieldProblem, isSkip, memo, missingColumn, rowText, type ImportEnv, type Importer, type Plan } from './types';
import type { WriteOp } from '../../store';
import { inScope, unitResolver } from './unit-cells';
import { isTotalLabel } from '../table';
import { KeyIndex } from '../key-index';

/**
 * Daily case reports and cumulative vaccination reports: one row per ward per day,
 * natural key `${unitCode}:${date}`.
 *
 * Blank cells: in a row that has numbers, a blank count cell is 0 (districts leave
 * zeros blank). A row with a unit but no numbers at all is "not reported" and skipped,
 * so a half-filled template never writes zeros for the wards nobody filled in.
 * A column the file does not have at all keeps the stored value (0 for a new report).
 */
export const REPORT_MIN_DATE = '2020-01-01';

export interface ReportRecord {
  row: number;
  unitCode: string;
  date: string;
  /** Values in field order; NaN where the file has no such column. */
  values: number[];
  /** Numeric natural key (unit, day): duplicates and the diff without building strings. */
  key: number;
}

const dayCache = new Map<string, number>();
const unitOrdinal = new Map<string, number>();
/**
 * Unit and day as one small integer: unit ordinal × 65,536 + days since 1970. It stays a
 * V8 small integer (< 2^30), which keeps the 100,000-entry duplicate and diff maps fast.
 */
function dayNumber(date: string): number {
  let d = dayCache.get(date);
  if (d === undefined) {
    d = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
    dayCache.set(date, d);
  }
  return d;
}

export function reportKey(unitCode: string, date: string): number {
  const d = dayNumber(date);
  let u = unitOrdinal.get(unitCode);
  if (u === undefined) {
    u = unitOrdinal.size;
    unitOrdinal.set(unitCode, u);
  }
  return u * 65_536 + (d & 0xffff);
}

type ReportKind = 'caseReports' | 'vaccinations';
const FIELDS: Record<ReportKind, string[]> = {
  caseReports: Object.keys(caseReportFields) as CaseReportField[],
  vaccinations: Object.keys(vaccinationFields) as VaccinationField[],
};

/** Rule input with literal keys (one hidden class, no dynamic property stores per row). */
const caseObject = (v: number[]): Record<string, number> => ({
  newCommunity: v[0]!,
  newQuarantined: v[1]!,
  f0Home: v[2]!,
  f0Facility: v[3]!,
  f1HomeQuarantine: v[4]!,
  needOxygen: v[5]!,
  recovered: v[6]!,
  deaths: v[7]!,
  tests: v[8]!,
});
const vaccinationObject = (v: number[]): Record<string, number> => ({
  adultDose1: v[0]!,
  adultDose2: v[1]!,
  adultBooster: v[2]!,
  seniorDose2: v[3]!,
  teenDose1: v[4]!,
  teenDose2: v[5]!,
  childDose1: v[6]!,
  childDose2: v[7]!,
});

// The literal objects above must list the domain fields in the domain's order.
for (const [k, f] of [
  ['caseReports', caseObject],
  ['vaccinations', vaccinationObject],
] as const) {
  if (Object.keys(f(FIELDS[k].map(() => 0))).join() !== FIELDS[k].join()) throw new Error(`reports importer: field order of ${k} changed`);
}

export function reportImporter(kind: ReportKind): Importer<ReportRecord> {
  const fields = FIELDS[kind];
  const entity = kind === 'caseReports' ? 'caseReport' : 'vaccination';
  const idx = (f: string) => fields.indexOf(f);

  return {
    checkColumns(env) {
      const out: Problem[] = [];
      if (env.col('date') === null) out.push(missingColumn(env, 'date'));
      if (env.col('unitCode') === null && env.col('ward') === null) out.push(missingColumn(env, 'ward', 'Phường/Xã hoặc Mã phường/xã'));
      const mapped = fields.filter((f) => env.col(f) !== null);
      const totals = kind === 'caseReports' ? ['newTotal', 'f0Total'].filter((f) => env.col(f) !== null) : [];
      if (mapped.length === 0 && totals.length === 0) out.push(missingColumn(env, fields[0]!, 'số liệu (ví dụ: Ca mắc mới tại cộng đồng)'));
      if (kind === 'caseReports') {
        if (env.col('newTotal') !== null && env.col('newCommunity') === null && env.col('newQuarantined') === null) {
          out.push(problem(null, env.header('newTotal'), 'newCommunity', 'split_assumed', { total: env.header('newTotal'), part: env.header('newCommunity') }, 'warning'));
        }
        if (env.col('f0Total') !== null && env.col('f0Home') === null && env.col('f0Facility') === null) {
          out.push(missingColumn(env, 'f0Home', 'F0 điều trị tại nhà hoặc F0 điều trị tại cơ sở'));
        }
      }
      return out;
    },

    rowParser(env) {
      const unitOf = unitResolver(env, 'ward');
      const cDate = env.col('date');
      const valueCols = fields.map((f) => env.col(f));
      const cNewTotal = kind === 'caseReports' ? env.col('newTotal') : null;
      const cF0Total = kind === 'caseReports' ? env.col('f0Total') : null;
      const dateOf = memo((raw) => parseDate(raw));
      const n = fields.length;
      const totalsGiven = cNewTotal !== null || cF0Total !== null;

      return (cells, row, problems) => {
        // Values first: a row without any number is not a data row, whatever else it holds
        // (notes and signature blocks under the table, units nobody filled in).
        const values: number[] = [];
        let numbers = 0;
        let valueErrors: Problem[] | null = null;
        for (let i = 0; i < n; i++) {
          const c = valueCols[i]!;
          if (c === null) {
            values.push(NaN);
            continue;
          }
          const v = parseCount(cells[c]);
          if (typeof v === 'number') {
            values.push(v);
            numbers++;
          } else {
            values.push(0);
            if (v !== null) (valueErrors ??= []).push(fieldProblem(env, row, fields[i]!, v));
          }
        }
        let newTotal: number | null = null;
        let f0Total: number | null = null;
        if (totalsGiven) {
          for (const [c, set] of [
            [cNewTotal, (v: number) => (newTotal = v)],
            [cF0Total, (v: number) => (f0Total = v)],
          ] as const) {
            if (c === null) continue;
            const v = parseCount(cells[c]);
            if (typeof v === 'number') {
              set(v);
              numbers++;
            } else if (v !== null) (valueErrors ??= []).push(fieldProblem(env, row, c === cNewTotal ? 'newTotal' : 'f0Total', v));
          }
        }

        const u = unitOf(cells);
        if (isSkip(u)) return u;
        const unitFailed = !('unit' in u);
        if (numbers === 0 && !valueErrors) return { skip: unitFailed && rowText(cells).some(isTotalLabel) ? 'total' : 'empty' };
        if (unitFailed && numbers === 0) return { skip: 'note' };
        if ('none' in u) {
          if (rowText(cells).some(isTotalLabel)) return { skip: 'total' };
          problems.push(fieldProblem(env, row, env.col('unitCode') !== null ? 'unitCode' : 'ward', { code: 'required' }));
        } else if (!('unit' in u)) {
          problems.push(fieldProblem(env, row, u.field, { code: u.code, params: u.params }));
        } else if (!inScope(env, u.unit)) {
          problems.push(fieldProblem(env, row, env.col('ward') !== null ? 'ward' : 'unitCode', { code: 'out_of_scope', params: { value: u.unit.fullName } }));
        }
        if (valueErrors) problems.push(...valueErrors);

        let date: string | null = null;
        if (cDate !== null) {
          const d = dateOf(cells[cDate]);
          if (d === null) problems.push(fieldProblem(env, row, 'date', { code: 'required' }));
          else if (isValueError(d)) problems.push(fieldProblem(env, row, 'date', d));
          else if (d > env.today) problems.push(fieldProblem(env, row, 'date', { code: 'future_date', params: { value: formatDate(d) } }));
          else if (d < REPORT_MIN_DATE) problems.push(fieldProblem(env, row, 'date', { code: 'too_old', params: { value: formatDate(d), min: formatDate(REPORT_MIN_DATE) } }));
          else date = d;
        }

        if (kind === 'caseReports' && totalsGiven) {
          const ok = splitTotal(env, row, problems, values, newTotal, idx('newCommunity'), idx('newQuarantined'), 'newTotal') &&
            splitTotal(env, row, problems, values, f0Total, idx('f0Home'), idx('f0Facility'), 'f0Total');
          if (!ok) return null;
        }
        if (!('unit' in u) || date === null || valueErrors) return null;
        if (!inScope(env, u.unit)) return null;
        return { row, unitCode: u.unit.code, date, values, key: reportKey(u.unit.code, date) };
      };

      function splitTotal(
        env: ImportEnv,
        row: number,
        problems: Problem[],
        values: number[],
        total: number | null,
        a: number,
        b: number,
        totalKey: string,
      ): boolean {
        if (total === null) return true;
        const hasA = !Number.isNaN(values[a]!);
        const hasB = !Number.isNaN(values[b]!);
        const fa = fields[a]!;
        const fb = fields[b]!;
        if (hasA && hasB) {
          if (values[a]! + values[b]! === total) return true;
          problems.push(
            fieldProblem(env, row, totalKey, {
              code: 'sum_mismatch',
              params: { part: `${env.header(fa)} + ${env.header(fb)}`, partValue: values[a]! + values[b]!, total: env.header(totalKey), totalValue: total },
            }),
          );
          return false;
        }
        if (!hasA && !hasB) {
          // Only the total: all of it is the first part (the file-level warning says so).
          values[a] = total;
          values[b] = 0;
          return true;
        }
        const [given, other] = hasA ? [a, b] : [b, a];
        if (values[given]! > total) {
          problems.push(
            fieldProblem(env, row, fields[given]!, {
              code: 'part_exceeds_total',
              params: { part: env.header(fields[given]!), partValue: values[given]!, total: env.header(totalKey), totalValue: total },
            }),
          );
          return false;
        }
        values[other] = total - values[given]!;
        return true;
      }
    },

    key: (r) => r.key,
    same: (a, b) => a.values.every((v, i) => v === b.values[i] || (Number.isNaN(v) && Number.isNaN(b.values[i]!))),

    plan(records, env): Plan {
      const def = ENTITIES[entity];
      const problems: Problem[] = [];
      const n = records.length;
      const nf = fields.length;
      const actions = new Uint8Array(n);
      const rows = new Int32Array(n);
      let min = n ? records[0]!.date : '';
      let max = min;
      const unitSet = new Set<string>();
      for (const r of records) {
        if (r.date < min) min = r.date;
        if (r.date > max) max = r.date;
        unitSet.add(r.unitCode);
      }
      // Stored rows of the same units and days, keyed like the records (numbers, no strings).
      // Read per unit as a range of the primary key ("unit:date", the table is clustered
      // on it): sequential reads, where the (date, unit) index would cost one more b-tree
      // lookup per row. Rows keep their two leading columns: values start at index 2.
      const existing = new KeyIndex<unknown[]>();
      if (n) {
        const cols = fields.map((f) => def.byField.get(f)!.column);
        // The day number comes from SQLite (days since 1970), so no date string is parsed per row.
        const stmt = env.store.db
          .prepare(`SELECT CAST(julianday(date) - 2440587.5 AS INTEGER), 0, ${cols.join(', ')} FROM ${def.table} WHERE id BETWEEN ? AND ? AND _deleted = 0`)
          .raw(true);
        for (const u of unitSet) {
          const base = reportKey(u, min) - dayNumber(min);
          for (const r of stmt.all(`${u}:${min}`, `${u}:${max}`) as unknown[][]) existing.set(base + ((r[0] as number) & 0xffff), r);
        }
      }
      const check =
        kind === 'caseReports' ? (v: Record<string, number>) => caseReportIssues(v as CaseValues) : (v: Record<string, number>) => vaccinationIssues(v as VaccinationValues);
      const toRuleValues = kind === 'caseReports' ? caseObject : vaccinationObject;
      // Values as arrays in field order; the rules get a plain object built with literal keys.
      const fullOf = (rec: ReportRecord, old: unknown[] | undefined): number[] => {
        const out = new Array<number>(nf);
        for (let j = 0; j < nf; j++) {
          const v = rec.values[j]!;
          out[j] = v === v ? v : old ? (old[j + 2] as number) : 0; // v !== v: NaN, the column is absent
        }
        return out;
      };
      const named = (v: number[]): Record<string, number> => {
        const o: Record<string, number> = {};
        for (let j = 0; j < nf; j++) o[fields[j]!] = v[j]!;
        return o;
      };
      // Two FNV-1a accumulators over (row, action, values): the apply-time re-plan must match.
      let h1 = 0x811c9dc5;
      let h2 = 0x01000193;
      const mix = (x: number) => {
        h1 = Math.imul(h1 ^ (x & 0xffff), 16777619);
        h1 = Math.imul(h1 ^ (x >>> 16), 16777619);
        h2 = Math.imul(h2 ^ x, 2246822519) + 0x9e3779b9;
      };
      for (let i = 0; i < n; i++) {
        const rec = records[i]!;
        rows[i] = rec.row;
        const old = existing.get(rec.key);
        const values = fullOf(rec, old);
        let bad = false;
        for (const issue of check(toRuleValues(values))) {
          problems.push(fieldProblem(env, rec.row, issue.field, { code: issue.code, params: issue.params }, issue.severity));
          if (issue.severity === 'error') bad = true;
        }
        let action: number = ACTION_CODE.create;
        if (old) {
          action = ACTION_CODE.unchanged;
          for (let j = 0; j < nf; j++) {
            if (old[j + 2] !== values[j]) {
              action = ACTION_CODE.update;
              break;
            }
          }
        }
        actions[i] = bad ? ACTION_CODE.none : action;
        mix(rec.row);
        mix(action);
        if (action !== ACTION_CODE.unchanged) for (let j = 0; j < nf; j++) mix(values[j]!);
      }
      const unitName = (code: string) => env.units.byCode.get(code)?.fullName ?? code;
      return {
        rows,
        actions,
        problems,
        signature: `${n}:${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}`,
        ops() {
          const out: { op: WriteOp; row: number }[] = [];
          for (let i = 0; i < n; i++) {
            if (actions[i] !== ACTION_CODE.create && actions[i] !== ACTION_CODE.update) continue;
            const rec = records[i]!;
            const values = named(fullOf(rec, existing.get(rec.key)));
            out.push({ row: rec.row, op: { op: 'upsert', entity, id: reportId(rec.unitCode, rec.date), fields: { unitCode: rec.unitCode, date: rec.date, ...values } } });
          }
          return out;
        },
        describe(i) {
          const rec = records[i]!;
          const old = existing.get(rec.key);
          const values = fullOf(rec, old);
          const changed = old ? fields.flatMap((f, j) => (old[j + 2] !== values[j] ? [{ field: f, from: old[j + 2], to: values[j] }] : [])) : [];
          return { label: `${unitName(rec.unitCode)} · ${formatDate(rec.date)}`, changed };
        },
      };
    },
  };
}
