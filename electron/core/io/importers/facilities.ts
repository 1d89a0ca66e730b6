import type { Facility } from '../../../../shared/domain';
import {
  cellText,
  columnSpec,
  facilityIssues,
  fold,
  isValueError,
  matchChoice,
  parseBool,
  parseCount,
  parseDecimal,
  type Problem,
} from '../../../../shared/io';
import { FacilityIndex } from './facility-index';
import { fieldProblem, missingColumn, planFromRows, rowReader, skipOf, type ImportEnv, type Importer, type PlannedRow } from './types';
import { inScope, unitResolver } from './unit-cells';

/**
 * The facility registry. A row updates the facility with the same id (column "Mã cơ sở",
 * as in our exports) or, without an id, the one with the same name in the same district;
 * otherwise it creates one. Columns the file lacks keep their stored values; a new
 * facility needs name, kind, tier and unit, the rest defaults (0 beds, active, …).
 */
type Fields = Partial<Omit<Facility, 'id'>>;
export interface FacilityRecord {
  row: number;
  id: string | null;
  districtCode: string | null;
  fields: Fields;
}

const COUNT_FIELDS = ['beds', 'icuBeds', 'oxygenOutlets', 'ventilators'] as const;
const DEFAULTS: Omit<Facility, 'id' | 'name' | 'kind' | 'tier' | 'unitCode'> = {
  atIndustrialPark: false,
  lon: null,
  lat: null,
  beds: 0,
  icuBeds: 0,
  oxygenOutlets: 0,
  ventilators: 0,
  homeF0Capacity: null,
  osmId: null,
  active: true,
  note: '',
};

export function facilitiesImporter(): Importer<FacilityRecord> {
  let index: FacilityIndex | null = null;
  const facilities = (env: ImportEnv) => (index ??= new FacilityIndex(env.store.list('facility', {}), env.units));

  return {
    checkColumns(env) {
      return env.col('name') === null && env.col('id') === null ? [missingColumn(env, 'name')] : [];
    },

    rowParser(env) {
      const idx = facilities(env);
      const unitOf = unitResolver(env, 'any');
      const c = (k: string) => env.col(k);
      return (cells, row, problems) => {
        const fields: Fields = {};
        const r = rowReader(env, cells, row, problems);
        const { text, fail } = r;
        const name = text('name');
        const idText = text('id');
        if (!name && !idText) return skipOf(cells);
        if (name !== undefined) {
          if (!name) fail('name', { code: 'required' });
          else if (name.length > 200) fail('name', { code: 'too_long', params: { max: 200 } });
          else fields.name = name.normalize('NFC');
        }
        for (const k of ['kind', 'tier'] as const) {
          const t = text(k);
          if (!t) continue;
          const v = matchChoice(columnSpec('facilities', k)!.choices!, t);
          if (v === undefined) fail(k, { code: 'bad_choice', params: { value: t, choices: columnSpec('facilities', k)!.choices!.map((x) => x.label) } });
          else (fields as Record<string, unknown>)[k] = v;
        }
        for (const k of [...COUNT_FIELDS, 'homeF0Capacity'] as const) {
          if (c(k) === null) continue;
          const v = parseCount(cells[c(k)!]);
          if (isValueError(v)) fail(k, v);
          else (fields as Record<string, unknown>)[k] = v ?? (k === 'homeF0Capacity' ? null : 0);
        }
        for (const [k, min, max] of [
          ['lon', 100, 110],
          ['lat', 19, 23],
        ] as const) {
          if (c(k) === null) continue;
          const v = parseDecimal(cells[c(k)!]);
          // Hà Nội and its surroundings: a swapped lon/lat or a typo lands far outside.
          if (isValueError(v) || (v !== null && (v < min || v > max))) fail(k, { code: 'bad_coordinate', params: { value: cellText(cells[c(k)!]) } });
          else fields[k] = v;
        }
        for (const k of ['atIndustrialPark', 'active'] as const) {
          if (c(k) === null) continue;
          const v = parseBool(cells[c(k)!], fold);
          if (isValueError(v)) fail(k, { code: 'bad_choice', params: { value: v.value, choices: ['có', 'không'] } });
          else if (v !== null) fields[k] = v;
        }
        for (const k of ['osmId', 'note'] as const) {
          const t = text(k);
          if (t === undefined) continue;
          const max = columnSpec('facilities', k)!.maxLength!;
          if (t.length > max) fail(k, { code: 'too_long', params: { max } });
          else (fields as Record<string, unknown>)[k] = k === 'osmId' ? t || null : t.normalize('NFC');
        }
        const u = unitOf(cells);
        let districtCode: string | null = null;
        if ('unit' in u) {
          if (!inScope(env, u.unit)) fail('district', { code: 'out_of_scope', params: { value: u.unit.fullName } });
          fields.unitCode = u.unit.code;
          districtCode = u.unit.level === 'ward' ? u.unit.parentCode : u.unit.code;
        } else if ('field' in u) fail(u.field, { code: u.code, params: u.params });

        let id: string | null = null;
        if (idText) {
          if (idx.byId.has(idText)) id = idText;
          else fail('id', { code: 'unknown_id', params: { value: idText } });
        }
        if (r.bad) return null;
        return { row, id, districtCode, fields };
      };
    },

    key: (r) => r.id ?? `${fold(r.fields.name ?? '')}|${r.districtCode ?? ''}`,
    same: (a, b) => JSON.stringify(a.fields) === JSON.stringify(b.fields),

    plan(records, env) {
      const idx = facilities(env);
      const problems: Problem[] = [];
      const rows: PlannedRow[] = [];
      for (const rec of records) {
        let existing: Facility | undefined = rec.id ? idx.byId.get(rec.id) : undefined;
        if (!existing && rec.fields.name) {
          const m = idx.find(rec.fields.name, rec.districtCode);
          if (m.ok) existing = m.facility;
        }
        if (!existing) {
          const missing = (['name', 'kind', 'tier'] as const).filter((k) => rec.fields[k] === undefined);
          if (!rec.fields.unitCode) missing.push('district' as never);
          for (const k of missing) problems.push(fieldProblem(env, rec.row, k, { code: 'required' }));
          if (missing.length) continue;
          const full = { ...DEFAULTS, ...rec.fields } as Omit<Facility, 'id'>;
          for (const i of facilityIssues(full)) problems.push(fieldProblem(env, rec.row, i.field, { code: i.code, params: i.params }, i.severity));
          rows.push({ row: rec.row, action: 'create', label: full.name, changed: [], op: { op: 'create', entity: 'facility', fields: full } });
          continue;
        }
        const changed: PlannedRow['changed'] = [];
        for (const [k, v] of Object.entries(rec.fields)) {
          const old = (existing as Record<string, unknown>)[k];
          if (old !== v) changed.push({ field: k, from: old, to: v });
        }
        const merged = { ...existing, ...rec.fields };
        for (const i of facilityIssues(merged)) problems.push(fieldProblem(env, rec.row, i.field, { code: i.code, params: i.params }, i.severity));
        rows.push({
          row: rec.row,
          action: changed.length ? 'update' : 'unchanged',
          label: existing.name,
          changed,
          op: changed.length ? { op: 'update', entity: 'facility', id: existing.id, fields: Object.fromEntries(changed.map((x) => [x.field, x.to])) } : null,
        });
      }
      return planFromRows(rows, problems);
    },
  };
}
