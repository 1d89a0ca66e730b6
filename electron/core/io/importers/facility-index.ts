import type { Facility } from '../../../../shared/domain';
import { editDistance, fold, type UnitIndex, type UnitLike } from '../../../../shared/io';

/**
 * Facilities by id or by name (folded like unit names), optionally within a district:
 * facility names repeat ("Trạm y tế lưu động số 1" exists in many districts).
 */
export class FacilityIndex {
  readonly byId = new Map<string, Facility>();
  private readonly byName = new Map<string, Facility[]>();
  private readonly keys = new Map<string, string>();

  constructor(
    facilities: readonly Facility[],
    private readonly units: UnitIndex<UnitLike>,
  ) {
    for (const f of facilities) {
      this.byId.set(f.id, f);
      const k = fold(f.name);
      this.keys.set(f.id, k);
      const a = this.byName.get(k);
      if (a) a.push(f);
      else this.byName.set(k, [f]);
    }
  }

  districtOf(f: Facility): string | null {
    const u = this.units.byCode.get(f.unitCode);
    return u ? (u.level === 'ward' ? u.parentCode : u.code) : null;
  }

  find(name: string, districtCode: string | null): { ok: true; facility: Facility } | { ok: false; code: 'unknown_facility' | 'ambiguous_facility'; suggestions: string[] } {
    const k = fold(name);
    let found = this.byName.get(k) ?? [];
    if (districtCode) found = found.filter((f) => this.districtOf(f) === districtCode);
    if (found.length === 1) return { ok: true, facility: found[0]! };
    if (found.length > 1) return { ok: false, code: 'ambiguous_facility', suggestions: [] };
    const maxD = Math.max(2, Math.floor(k.length * 0.3));
    const near = [...this.byId.values()]
      .filter((f) => !districtCode || this.districtOf(f) === districtCode)
      .map((f) => ({ f, d: editDistance(k, this.keys.get(f.id)!) }))
      .filter((x) => x.d <= maxD)
      .sort((a, b) => a.d - b.d)
      .slice(0, 3)
      .map((x) => x.f.name);
    return { ok: false, code: 'unknown_facility', suggestions: near };
  }
}
