import { editDistance, fold } from './text';

/**
 * Finding an administrative unit from what a district typed: a GSO code (Excel often
 * drops its leading zeros: 1 → 00001) or a name in any spelling — with or without
 * diacritics, NFC or NFD, any case and spacing, with or without a prefix ("Quận", "Q.",
 * "Phường", "P.", "Xã", "TT.", "Thị trấn", "Huyện", "H.", "TX."). A ward is looked up
 * inside its district when the district is known (ward names repeat across districts).
 * Unknown names get the nearest names by edit distance on the folded text.
 */
export interface UnitLike {
  code: string;
  name: string;
  fullName: string;
  level: 'province' | 'district' | 'ward';
  type: string;
  parentCode: string | null;
}

export type UnitMatch<U extends UnitLike = UnitLike> =
  | { ok: true; unit: U }
  | { ok: false; code: 'unknown_unit' | 'ambiguous_unit' | 'not_ward'; suggestions: string[] };

/** Prefix words (folded) and the unit type they announce; longest first. */
const PREFIXES: [string, string][] = [
  ['thanh pho', 'thanh_pho'],
  ['thi tran', 'thi_tran'],
  ['thi xa', 'thi_xa'],
  ['phuong', 'phuong'],
  ['huyen', 'huyen'],
  ['quan', 'quan'],
  ['tp', 'thanh_pho'],
  ['tt', 'thi_tran'],
  ['tx', 'thi_xa'],
  ['xa', 'xa'],
  ['q', 'quan'],
  ['h', 'huyen'],
  ['p', 'phuong'],
  ['x', 'xa'],
];

export interface ParsedName {
  /** The whole folded text ("phuong quan hoa"). */
  full: string;
  /** Without its leading prefix ("quan hoa"), or null when there was none. */
  bare: string | null;
  typeHint: string | null;
}

export function parseUnitName(raw: string): ParsedName {
  const full = fold(raw);
  for (const [p, type] of PREFIXES) {
    if (full.length > p.length + 1 && full.startsWith(p) && full[p.length] === ' ') {
      return { full, bare: full.slice(p.length + 1), typeHint: type };
    }
  }
  return { full, bare: null, typeHint: null };
}

const addTo = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
};

export class UnitIndex<U extends UnitLike = UnitLike> {
  readonly byCode = new Map<string, U>();
  private readonly districts = new Map<string, U[]>();
  private readonly wards = new Map<string, U[]>();
  private readonly wardsIn = new Map<string, Map<string, U[]>>();
  private readonly keys = new Map<string, string>();

  constructor(units: readonly U[]) {
    for (const u of units) {
      this.byCode.set(u.code, u);
      const key = fold(u.name);
      this.keys.set(u.code, key);
      if (u.level === 'district') addTo(this.districts, key, u);
      else if (u.level === 'ward') {
        addTo(this.wards, key, u);
        const parent = u.parentCode ?? '';
        let m = this.wardsIn.get(parent);
        if (!m) this.wardsIn.set(parent, (m = new Map()));
        addTo(m, key, u);
      }
    }
  }

  /** A code cell: digits only, zero-padded to the level's length (Excel strips leading zeros). */
  code(raw: string | number, level: 'district' | 'ward'): U | undefined {
    const s = typeof raw === 'number' ? (Number.isInteger(raw) && raw >= 0 ? String(raw) : '') : raw.trim();
    if (!/^\d{1,5}$/.test(s)) return undefined;
    const want = level === 'ward' ? 5 : 3;
    if (s.length > want) return undefined;
    const u = this.byCode.get(s.padStart(want, '0'));
    return u && u.level === level ? u : undefined;
  }

  district(raw: string): UnitMatch<U> {
    return this.find(parseUnitName(raw), this.districts, [...this.districts.values()].flat(), raw);
  }

  /** A ward by name, within `districtCode` when given. */
  ward(raw: string, districtCode: string | null): UnitMatch<U> {
    const scope = districtCode ? (this.wardsIn.get(districtCode) ?? new Map<string, U[]>()) : this.wards;
    const p = parseUnitName(raw);
    const r = this.find(p, scope, [...scope.values()].flat(), raw);
    if (!r.ok && r.code === 'unknown_unit') {
      // A district's name in the ward column (a subtotal row, or a district-level report).
      if (p.typeHint !== 'phuong' && p.typeHint !== 'xa' && p.typeHint !== 'thi_tran' && (this.districts.get(p.full) || (p.bare && this.districts.get(p.bare)))) {
        return { ok: false, code: 'not_ward', suggestions: [] };
      }
      if (districtCode) {
        // Same name in another district: say where, it is usually a wrong district column.
        const elsewhere = this.wards.get(p.full) ?? (p.bare ? this.wards.get(p.bare) : undefined) ?? [];
        r.suggestions.push(...elsewhere.map((u) => this.describe(u)));
      }
    }
    return r;
  }

  /** "Phường Phúc Xá (Quận Ba Đình, 00001)" — for messages. */
  describe(u: U): string {
    const parent = u.parentCode ? this.byCode.get(u.parentCode) : undefined;
    return parent && u.level === 'ward' ? `${u.fullName} (${parent.fullName}, ${u.code})` : `${u.fullName} (${u.code})`;
  }

  private find(p: ParsedName, scope: Map<string, U[]>, all: U[], raw: string): UnitMatch<U> {
    if (!p.full) return { ok: false, code: 'unknown_unit', suggestions: [] };
    // The whole text first: "Quan Hoa" and "Phương Mai" are names, not prefix + name.
    let found = scope.get(p.full);
    if ((!found || found.length === 0) && p.bare) found = scope.get(p.bare);
    if (found && found.length > 1 && p.typeHint) {
      const typed = found.filter((u) => u.type === p.typeHint);
      if (typed.length > 0) found = typed;
    }
    if (found && found.length === 1) return { ok: true, unit: found[0]! };
    if (found && found.length > 1) return { ok: false, code: 'ambiguous_unit', suggestions: found.map((u) => this.describe(u)) };
    return { ok: false, code: 'unknown_unit', suggestions: this.nearest(p.bare ?? p.full, all, raw) };
  }

  private nearest(key: string, all: U[], _raw: string, limit = 3): string[] {
    const maxD = Math.max(2, Math.floor(key.length * 0.4));
    const scored: { u: U; d: number }[] = [];
    for (const u of all) {
      const d = editDistance(key, this.keys.get(u.code)!);
      if (d <= maxD) scored.push({ u, d });
    }
    scored.sort((a, b) => a.d - b.d || a.u.code.localeCompare(b.u.code));
    return scored.slice(0, limit).map((s) => this.describe(s.u));
  }
}
