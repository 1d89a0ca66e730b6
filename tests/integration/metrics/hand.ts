import { addDays, DEFAULT_AGE_SHARES, type LevelIndicators, type Tier } from '../../../shared/metrics';
import type { Store } from '../../../electron/core/store';

/**
 * Metrics computed "by hand" from the raw rows with plain loops — the independent
 * reference the metrics service is checked against. Deliberately naive: no caches, no
 * prefix sums, a straight scan of the rows per question.
 */

interface CaseRow {
  unit: string;
  date: string;
  community: number;
  quarantined: number;
  oxygen: number;
  deaths: number;
  f0: number;
}
interface VaccRow {
  unit: string;
  date: string;
  adultDose1: number;
  adultDose2: number;
  seniorDose2: number;
  teenDose2: number;
  childDose2: number;
}
interface Unit {
  code: string;
  level: 'province' | 'district' | 'ward';
  parent: string | null;
  population: number;
}

export interface Hand {
  community7: number;
  total7: number;
  community7prev: number;
  total7prev: number;
  communityToday: number;
  totalToday: number;
  oxygen7: number;
  deaths7: number;
  activeF0: number;
  lastReportDate: string | null;
  vaccination: Omit<VaccRow, 'unit' | 'date'> | null;
  vacantBeds: number | null;
  icuBeds: number | null;
  population: number;
  tier: Tier;
}

export class HandComputer {
  private readonly cases: CaseRow[];
  private readonly vacc: VaccRow[];
  private readonly units: Map<string, Unit>;
  private readonly facilities: Array<{ id: string; unit: string; beds: number; icuBeds: number }>;
  private readonly statuses = new Map<string, Array<{ at: number; occupied: number }>>();

  constructor(store: Store) {
    const q = <T>(sql: string) => store.db.prepare(sql).all() as T[];
    this.cases = q<CaseRow>(
      `SELECT unit_code AS unit, date, new_community AS community, new_quarantined AS quarantined, need_oxygen AS oxygen,
              deaths, f0_home + f0_facility AS f0 FROM case_reports WHERE _deleted = 0`,
    );
    this.vacc = q<VaccRow>(
      `SELECT unit_code AS unit, date, adult_dose1 AS adultDose1, adult_dose2 AS adultDose2, senior_dose2 AS seniorDose2,
              teen_dose2 AS teenDose2, child_dose2 AS childDose2 FROM vaccinations WHERE _deleted = 0`,
    );
    this.units = new Map(
      q<Unit>(`SELECT code, level, parent_code AS parent, population FROM admin_units WHERE _deleted = 0`).map((u) => [u.code, u]),
    );
    this.facilities = q(`SELECT id, unit_code AS unit, beds, icu_beds AS icuBeds FROM facilities WHERE _deleted = 0 AND active = 1`);
    for (const s of q<{ facility: string; at: string; occupied: number }>(
      `SELECT facility_id AS facility, reported_at AS at, beds_occupied AS occupied FROM facility_status WHERE _deleted = 0`,
    )) {
      const list = this.statuses.get(s.facility) ?? [];
      list.push({ at: Date.parse(s.at), occupied: s.occupied });
      this.statuses.set(s.facility, list);
    }
  }

  /** The unit and every unit below it. */
  subtree(code: string): Set<string> {
    const out = new Set([code]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const u of this.units.values()) {
        if (u.parent !== null && out.has(u.parent) && !out.has(u.code)) {
          out.add(u.code);
          grew = true;
        }
      }
    }
    return out;
  }

  compute(code: string, date: string): Hand {
    const set = this.subtree(code);
    const from = addDays(date, -6);
    const prevFrom = addDays(date, -13);
    const prevTo = addDays(date, -7);
    const h: Hand = {
      community7: 0,
      total7: 0,
      community7prev: 0,
      total7prev: 0,
      communityToday: 0,
      totalToday: 0,
      oxygen7: 0,
      deaths7: 0,
      activeF0: 0,
      lastReportDate: null,
      vaccination: null,
      vacantBeds: null,
      icuBeds: null,
      population: this.units.get(code)!.population,
      tier: this.units.get(code)!.level === 'province' ? 'province' : (this.units.get(code)!.level as Tier),
    };
    const latestCase = new Map<string, CaseRow>();
    const latestVacc = new Map<string, VaccRow>();
    for (const r of this.cases) {
      if (!set.has(r.unit) || r.date > date) continue;
      if (r.date >= from) {
        h.community7 += r.community;
        h.total7 += r.community + r.quarantined;
        h.oxygen7 += r.oxygen;
        h.deaths7 += r.deaths;
      }
      if (r.date >= prevFrom && r.date <= prevTo) {
        h.community7prev += r.community;
        h.total7prev += r.community + r.quarantined;
      }
      if (r.date === date) {
        h.communityToday += r.community;
        h.totalToday += r.community + r.quarantined;
      }
      const l = latestCase.get(r.unit);
      if (!l || l.date < r.date) latestCase.set(r.unit, r);
    }
    for (const r of latestCase.values()) {
      h.activeF0 += r.f0;
      if (h.lastReportDate === null || r.date > h.lastReportDate) h.lastReportDate = r.date;
    }
    for (const r of this.vacc) {
      if (!set.has(r.unit) || r.date > date) continue;
      const l = latestVacc.get(r.unit);
      if (!l || l.date < r.date) latestVacc.set(r.unit, r);
    }
    if (latestVacc.size > 0) {
      const v = { adultDose1: 0, adultDose2: 0, seniorDose2: 0, teenDose2: 0, childDose2: 0 };
      for (const r of latestVacc.values()) for (const k of Object.keys(v) as Array<keyof typeof v>) v[k] += r[k];
      h.vaccination = v;
    }
    // Capacity: facilities that have reported by the end of the day (Hà Nội time).
    const end = Date.parse(`${date}T23:59:59.999+07:00`);
    let anyReporting = false;
    let vacant = 0;
    let icu = 0;
    for (const f of this.facilities) {
      let latest: { at: number; occupied: number } | null = null;
      for (const s of this.statuses.get(f.id) ?? []) if (s.at <= end && (!latest || s.at > latest.at)) latest = s;
      if (!latest) continue;
      anyReporting = true;
      if (!set.has(f.unit)) continue;
      vacant += Math.max(0, f.beds - latest.occupied);
      icu += f.icuBeds;
    }
    if (anyReporting) {
      h.vacantBeds = vacant;
      h.icuBeds = icu;
    }
    return h;
  }

  /** Level inputs as the documented rules say they are built. */
  indicators(code: string, date: string, h: Hand = this.compute(code, date)): LevelIndicators | null {
    if (h.lastReportDate === null || h.lastReportDate < addDays(date, -6)) return null;
    const pop = h.population;
    const v = h.vaccination;
    const cap = (x: number) => Math.min(1, x);
    return {
      unitCode: code,
      tier: h.tier,
      population: pop,
      newCases7d: { community: h.community7, total: h.total7 },
      oxygen7d: h.oxygen7,
      deaths7d: h.deaths7,
      coverage: v
        ? {
            adultDose1: cap(v.adultDose1 / (pop * DEFAULT_AGE_SHARES.adult18Plus)),
            senior50Full: cap(v.seniorDose2 / (pop * DEFAULT_AGE_SHARES.senior50Plus)),
            populationFull: cap((v.adultDose2 + v.teenDose2 + v.childDose2) / pop),
            highRiskFull: cap(v.seniorDose2 / (pop * DEFAULT_AGE_SHARES.senior50Plus)),
          }
        : null,
      capacity:
        h.tier === 'district' && h.vacantBeds !== null
          ? { vacantBeds: h.vacantBeds }
          : h.tier === 'province' && h.icuBeds !== null
            ? { icuBeds: h.icuBeds }
            : null,
    };
  }
}
