import type { CaseReport, Vaccination } from '../../../../shared/domain';
import type { Store } from '../../store';
import { rowToEntity, selectList, ENTITIES } from '../../store/entities';
import type { CallContext } from '../context';
import { assertUnitsInScope, writeCtx } from './util';
import { ApiError } from '../../../../shared/api/errors';
import { caseReportIssues, problemText, vaccinationIssues, type CaseValues, type VaccinationValues } from '../../../../shared/io';

type ReportEntity = 'caseReport' | 'vaccination';
interface RangeFilter {
  unitCode?: string;
  date?: string;
  from?: string;
  to?: string;
}

/** Case and vaccination reports: natural keys `${unitCode}:${date}`, saved as upserts. */
export function reportHandlers(store: Store) {
  const list = <E extends ReportEntity>(entity: E, f: RangeFilter): (E extends 'caseReport' ? CaseReport : Vaccination)[] => {
    const def = ENTITIES[entity];
    const filters: [string, string | undefined][] = [
      ['unit_code = ?', f.unitCode],
      ['date = ?', f.date],
      ['date >= ?', f.from],
      ['date <= ?', f.to],
    ];
    const used = filters.filter(([, v]) => v !== undefined) as [string, string][];
    const conds = ['_deleted = 0', ...used.map(([c]) => c)];
    const params = used.map(([, v]) => v);
    const rows = store.db
      .prepare(`SELECT ${selectList(def)} FROM ${def.table} WHERE ${conds.join(' AND ')} ORDER BY date, unit_code`)
      .all(...params) as Record<string, unknown>[];
    return rows.map((r) => rowToEntity(def, r)) as never;
  };

  /** All rows in one transaction: all or nothing; re-saving identical rows records nothing. */
  const upsert = (entity: ReportEntity, rows: Record<string, unknown>[], ctx: CallContext) => {
    // The same consistency rules as the entry grid and the file import (shared/io/rules):
    // a part may not exceed its total. Checked here too, so no client can skip them.
    const issues = rows.flatMap((row, i) =>
      (entity === 'caseReport' ? caseReportIssues(row as CaseValues) : vaccinationIssues(row as VaccinationValues))
        .filter((x) => x.severity === 'error')
        .map((x) => ({ path: `rows.${i}.${x.field}`, message: problemText(x.code, x.params) })),
    );
    if (issues.length > 0) throw new ApiError('invalid_input', `Số liệu không nhất quán — ${issues[0]!.path}: ${issues[0]!.message}`, issues);
    assertUnitsInScope(store, ctx, rows.map((r) => String(r.unitCode)), 'rows.unitCode');
    const r = store.write(
      writeCtx(ctx),
      rows.map((fields) => ({ op: 'upsert' as const, entity, fields })),
    );
    const created = r.changed.filter((c) => c.op === 'create').length;
    const updated = r.changed.filter((c) => c.op === 'update').length;
    return { created, updated, unchanged: rows.length - created - updated };
  };

  return {
    'caseReports.list': (f: RangeFilter) => list('caseReport', f),
    'caseReports.upsert': ({ rows }: { rows: Record<string, unknown>[] }, ctx: CallContext) => upsert('caseReport', rows, ctx),
    'vaccinations.list': (f: RangeFilter) => list('vaccination', f),
    'vaccinations.upsert': ({ rows }: { rows: Record<string, unknown>[] }, ctx: CallContext) => upsert('vaccination', rows, ctx),
  };
}
