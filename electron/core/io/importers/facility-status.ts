import { formatDateTime } from '../../../../shared/format';
import { cellText, facilityStatusIssues, isValueError, parseCount, parseInstant, type Problem } from '../../../../shared/io';
import { FacilityIndex } from './facility-index';
import { fieldProblem, missingColumn, planFromRows, rowText, skipOf, type Importer, type PlannedRow } from './types';
import { isTotalLabel } from '../table';

/**
 * Facility status snapshots. Natural key: facility + reported instant, so re-importing
 * the same file updates instead of duplicating. Columns the file lacks: stock figures
 * (beds, ICU, oxygen, ventilators, home F0 followed) carry the facility's previous
 * snapshot forward; flows (admissions, discharges, transfers, deaths) are 0.
 */
const COUNTS = ['bedsOccupied', 'icuOccupied', 'oxygenInUse', 'ventilatorsInUse', 'admissions', 'discharges', 'transfersUp', 'transfersDown', 'deaths'] as const;
const STOCKS = new Set(['bedsOccupied', 'icuOccupied', 'oxygenInUse', 'ventilatorsInUse', 'homeF0Followed']);
const ALL = [...COUNTS, 'homeF0Followed'] as const;

export interface StatusRecord {
  row: number;
  facilityId: string;
  reportedAt: string;
  /** Per ALL field: a number, null (homeF0Followed blank) or undefined (no column). */
  values: (number | null | undefined)[];
}

export function facilityStatusImporter(): Importer<StatusRecord> {
  let index: FacilityIndex | null = null;
  const facilities = (env: Parameters<Importer<StatusRecord>['plan']>[1]) =>
    (index ??= new FacilityIndex(env.store.list('facility', {}), env.units));

  return {
    checkColumns(env) {
      const out: Problem[] = [];
      if (env.col('facilityId') === null && env.col('facility') === null) out.push(missingColumn(env, 'facility'));
      if (env.col('reportedAt') === null) out.push(missingColumn(env, 'reportedAt'));
      if (env.col('bedsOccupied') === null) out.push(missingColumn(env, 'bedsOccupied'));
      return out;
    },

    rowParser(env) {
      const idx = facilities(env);
      const cId = env.col('facilityId');
      const cName = env.col('facility');
      const cDistrict = env.col('district');
      const cAt = env.col('reportedAt');
      const cols = ALL.map((f) => env.col(f));
      const nowMs = Date.parse(env.nowIso);
      return (cells, row, problems) => {
        const values: StatusRecord['values'] = [];
        let numbers = 0;
        let bad = false;
        ALL.forEach((f, i) => {
          const c = cols[i]!;
          if (c === null) return values.push(undefined);
          const v = parseCount(cells[c]);
          if (typeof v === 'number') numbers++;
          else if (v !== null) {
            problems.push(fieldProblem(env, row, f, v));
            bad = true;
          }
          values.push(typeof v === 'number' ? v : f === 'homeF0Followed' ? null : 0);
        });
        const idText = cId === null ? '' : cellText(cells[cId]);
        const nameText = cName === null ? '' : cellText(cells[cName]);
        if (numbers === 0 && !bad) return skipOf(cells);
        let facilityId: string | null = null;
        if (idText) {
          const f = idx.byId.get(idText);
          if (f) facilityId = f.id;
          else problems.push(fieldProblem(env, row, 'facilityId', { code: 'unknown_facility', params: { value: idText } }));
        } else if (nameText) {
          let districtCode: string | null = null;
          const dText = cDistrict === null ? '' : cellText(cells[cDistrict]);
          if (dText) {
            const d = env.units.district(dText);
            if (d.ok) districtCode = d.unit.code;
          }
          const m = idx.find(nameText, districtCode);
          if (m.ok) facilityId = m.facility.id;
          else if (isTotalLabel(nameText)) return { skip: 'total' };
          else problems.push(fieldProblem(env, row, 'facility', { code: m.code, params: { value: nameText, suggestions: m.suggestions } }));
        } else {
          if (rowText(cells).some(isTotalLabel)) return { skip: 'total' };
          problems.push(fieldProblem(env, row, 'facility', { code: 'required' }));
        }
        let reportedAt: string | null = null;
        if (cAt !== null) {
          const at = parseInstant(cells[cAt]);
          if (at === null) problems.push(fieldProblem(env, row, 'reportedAt', { code: 'required' }));
          else if (isValueError(at)) problems.push(fieldProblem(env, row, 'reportedAt', { code: 'bad_date', params: { value: at.value } }));
          // An hour of slack for clocks that disagree; a day later is a typo.
          else if (Date.parse(at) > nowMs + 3_600_000) problems.push(fieldProblem(env, row, 'reportedAt', { code: 'future_date', params: { value: formatDateTime(at) } }));
          else reportedAt = at;
        }
        if (!facilityId || !reportedAt || bad) return null;
        return { row, facilityId, reportedAt, values };
      };
    },

    key: (r) => `${r.facilityId}@${r.reportedAt}`,
    same: (a, b) => a.values.every((v, i) => v === b.values[i]),

    plan(records, env) {
      const idx = facilities(env);
      const problems: Problem[] = [];
      const rows: PlannedRow[] = [];
      const byFacility = new Map<string, { id: string; reportedAt: string; values: (number | null)[] }[]>();
      const ids = [...new Set(records.map((r) => r.facilityId))];
      for (const id of ids) {
        const list = env.store.list('facilityStatus', { facilityId: id }, { orderBy: [['reportedAt', 'asc']] });
        byFacility.set(
          id,
          list.map((s) => ({ id: s.id, reportedAt: s.reportedAt, values: ALL.map((f) => s[f]) })),
        );
      }
      for (const rec of records) {
        const history = byFacility.get(rec.facilityId) ?? [];
        const same = history.find((h) => h.reportedAt === rec.reportedAt);
        const previous = [...history].reverse().find((h) => h.reportedAt < rec.reportedAt);
        const full: Record<string, number | null> = {};
        ALL.forEach((f, i) => {
          const v = rec.values[i];
          full[f] = v !== undefined ? v : same ? same.values[i]! : STOCKS.has(f) && previous ? previous.values[i]! : f === 'homeF0Followed' ? null : 0;
        });
        const facility = idx.byId.get(rec.facilityId)!;
        const issues = facilityStatusIssues(full as never, facility);
        for (const i of issues) problems.push(fieldProblem(env, rec.row, i.field, { code: i.code, params: i.params }, i.severity));
        const changed: PlannedRow['changed'] = [];
        if (same) ALL.forEach((f, i) => same.values[i] !== full[f] && changed.push({ field: f, from: same.values[i], to: full[f] }));
        const action: PlannedRow['action'] = !same ? 'create' : changed.length ? 'update' : 'unchanged';
        rows.push({
          row: rec.row,
          action,
          label: `${facility.name} · ${formatDateTime(rec.reportedAt)}`,
          changed,
          op:
            action === 'create'
              ? { op: 'create', entity: 'facilityStatus', fields: { facilityId: rec.facilityId, reportedAt: rec.reportedAt, ...full } }
              : action === 'update'
                ? { op: 'update', entity: 'facilityStatus', id: same!.id, fields: Object.fromEntries(changed.map((c) => [c.field, c.to])) }
                : null,
        });
      }
      return planFromRows(rows, problems);
    },
  };
}
