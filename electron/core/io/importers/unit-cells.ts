import type { AdminUnit } from '../../../../shared/domain';
import { cellText, type ProblemCode, type ProblemParams } from '../../../../shared/io';
import { isTotalLabel } from '../table';
import type { ImportEnv, Skip } from './types';

export type UnitResolution =
  | { unit: AdminUnit }
  | Skip
  | { field: 'unitCode' | 'district' | 'ward'; code: ProblemCode; params: ProblemParams }
  /** No unit cell at all in the row. */
  | { none: true };

/**
 * The row's unit from its code / district / ward cells, memoised on the three texts
 * (a 100,000-row file names a few hundred units). `level: 'ward'` for daily reports
 * (entered per ward); 'any' for facilities, which may sit at district level.
 */
export function unitResolver(env: ImportEnv, level: 'ward' | 'any'): (cells: unknown[]) => UnitResolution {
  const cCode = env.col('unitCode');
  const cDistrict = env.col('district');
  const cWard = env.col('ward');
  const { units } = env;

  const resolve = (codeRaw: unknown, districtText: string, wardText: string): UnitResolution => {
    const codeText = cellText(codeRaw);
    let district: AdminUnit | null = null;
    if (districtText) {
      const d = units.district(districtText);
      if (d.ok) district = d.unit;
      else if (isTotalLabel(districtText)) return { skip: 'total' };
      else if (!codeText) return { field: 'district', code: d.code === 'not_ward' ? 'unknown_unit' : d.code, params: { value: districtText, suggestions: d.suggestions } };
    }
    if (codeText) {
      // "00001" is a ward and "001" a district by their length; a bare number (Excel
      // dropped the zeros) may be either: take the one the name columns agree with.
      const raw = typeof codeRaw === 'number' ? codeRaw : codeText;
      const candidates =
        typeof codeRaw === 'string' && codeText.length === 5
          ? [units.code(raw, 'ward')]
          : typeof codeRaw === 'string' && codeText.length === 3
            ? [level === 'any' ? units.code(raw, 'district') : units.code(raw, 'ward')]
            : level === 'ward'
              ? [units.code(raw, 'ward')]
              : [units.code(raw, 'ward'), units.code(raw, 'district')];
      const found = candidates.filter((u): u is AdminUnit => !!u);
      const agrees = (u: AdminUnit) => !district || (u.level === 'ward' ? u.parentCode : u.code) === district.code;
      const byCode = found.find(agrees) ?? found[0];
      if (!byCode) {
        if (isTotalLabel(codeText)) return { skip: 'total' };
        return { field: 'unitCode', code: 'unknown_unit', params: { value: codeText } };
      }
      if (byCode.level !== 'ward' && level === 'ward') return { field: 'unitCode', code: 'not_ward', params: { value: codeText } };
      // Code and names must agree: a wrong code with a right name is a silent misfiling.
      const parent = byCode.level === 'ward' ? byCode.parentCode : byCode.code;
      if (district && district.code !== parent) {
        return { field: 'district', code: 'unit_mismatch', params: { detail: `${codeText} = ${units.describe(byCode)}, "${districtText}"` } };
      }
      if (wardText && byCode.level === 'ward') {
        const w = units.ward(wardText, byCode.parentCode);
        if (w.ok && w.unit.code !== byCode.code) {
          return { field: 'ward', code: 'unit_mismatch', params: { detail: `${codeText} = ${units.describe(byCode)}, "${wardText}" = ${units.describe(w.unit)}` } };
        }
      }
      return { unit: byCode };
    }
    if (wardText) {
      const w = units.ward(wardText, district?.code ?? null);
      if (w.ok) return { unit: w.unit };
      if (isTotalLabel(wardText)) return { skip: 'total' };
      if (w.code === 'not_ward') return level === 'any' && !district ? districtOnly(wardText) : { skip: 'subtotal' };
      return { field: 'ward', code: w.code, params: { value: wardText, suggestions: w.suggestions } };
    }
    if (district) return level === 'any' ? { unit: district } : { skip: 'subtotal' };
    return { none: true };
  };

  const districtOnly = (text: string): UnitResolution => {
    const d = units.district(text);
    return d.ok ? { unit: d.unit } : { field: 'ward', code: 'unknown_unit', params: { value: text } };
  };

  // Memoised on the most specific cell (ward, else code, else district), checking the
  // other two against the cached ones: one map lookup per row, no key string built.
  interface Entry {
    a: unknown;
    b: unknown;
    c: unknown;
    r: UnitResolution;
  }
  const cache = new Map<unknown, Entry[]>();
  const prim = (v: unknown) => (v !== null && v !== undefined && typeof v === 'object' ? cellText(v) : (v ?? null));
  return (cells) => {
    const a = cCode === null ? null : prim(cells[cCode]);
    const b = cDistrict === null ? null : prim(cells[cDistrict]);
    const c = cWard === null ? null : prim(cells[cWard]);
    const k = c ?? a ?? b;
    let list = cache.get(k);
    if (list) {
      for (const e of list) if (e.a === a && e.b === b && e.c === c) return e.r;
    } else cache.set(k, (list = []));
    const r = resolve(a, cellText(b), cellText(c));
    list.push({ a, b, c, r });
    return r;
  };
}

/** District reporters may only import their own districts' units. */
export function inScope(env: ImportEnv, unit: AdminUnit): boolean {
  if (env.ctx.role !== 'district_reporter') return true;
  const district = unit.level === 'ward' ? unit.parentCode : unit.code;
  return !!district && (env.ctx.districtCodes ?? []).includes(district);
}
