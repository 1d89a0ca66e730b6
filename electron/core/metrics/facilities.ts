import type Database from 'better-sqlite3';
import type { Facility, TreatmentTier } from '../../../shared/domain';
import type { CommitEvent, Store } from '../store';

/**
 * Facility load at an instant: the newest status report at or before it, per facility, and
 * totals per treatment tier. Also the QĐ 218 capacity inputs of the epidemic level.
 *
 * Statuses are cached in memory per facility, sorted by the instant they were reported
 * (parsed with Date.parse: `reportedAt` may carry any UTC offset, so comparing the stored
 * strings would misorder "…T23:00+07:00" and "…T17:00Z"). "Latest ≤ t" is then a binary
 * search per facility. Kept correct on writes like the report cache: touched facilities
 * are re-read at the next query; bulk writes rebuild with one scan.
 */

export interface StatusValues {
  reportedAt: string;
  bedsOccupied: number;
  icuOccupied: number;
  oxygenInUse: number;
  ventilatorsInUse: number;
  homeF0Followed: number | null;
}

export interface FacilityLoad {
  facility: Facility;
  /** Newest status at or before the instant; null when the facility has not reported yet. */
  status: StatusValues | null;
}

export interface TierTotals {
  tier: TreatmentTier;
  facilities: number;
  /** Facilities with a status at or before the instant (the sums below are over these). */
  reporting: number;
  beds: number;
  bedsOccupied: number;
  icuBeds: number;
  icuOccupied: number;
  oxygenOutlets: number;
  oxygenInUse: number;
  ventilators: number;
  ventilatorsInUse: number;
}

const NS = 5; // bedsOccupied, icuOccupied, oxygenInUse, ventilatorsInUse, homeF0Followed (NaN = null)
interface StatusSeries {
  at: Float64Array;
  values: Float64Array;
}
type StatusRow = [string, string, number, number, number, number, number | null];
const STATUS_COLUMNS = 'facility_id, reported_at, beds_occupied, icu_occupied, oxygen_in_use, ventilators_in_use, home_f0_followed';
const FULL_REBUILD_REFS = 5_000;

export class FacilityCache {
  private facilities: Facility[] = [];
  private series = new Map<string, StatusSeries>();
  private needFacilities = true;
  private needFull = true;
  private seenSeq = -1;
  private readonly pendingStatusIds = new Set<string>();
  private readonly unsubscribe: () => void;
  private stmts: Record<'all' | 'one' | 'facilityOf', Database.Statement> | null = null;
  version = 0;

  constructor(private readonly store: Store) {
    this.unsubscribe = store.onCommit((e) => this.onCommit(e));
  }

  dispose(): void {
    this.unsubscribe();
  }

  private onCommit(e: CommitEvent): void {
    if (e.lastSeq !== null) this.seenSeq = e.lastSeq;
    if (e.bulk) {
      if (e.entities.includes('facility')) this.needFacilities = true;
      if (e.entities.includes('facilityStatus')) {
        this.needFull = true;
        this.pendingStatusIds.clear();
      }
      return;
    }
    for (const c of e.changed) {
      if (c.entity === 'facility') this.needFacilities = true;
      else if (c.entity === 'facilityStatus' && !this.needFull) {
        this.pendingStatusIds.add(c.id);
        if (this.pendingStatusIds.size > FULL_REBUILD_REFS) {
          this.needFull = true;
          this.pendingStatusIds.clear();
        }
      }
    }
  }

  private statements() {
    const db = this.store.db;
    return (this.stmts ??= {
      all: db.prepare(`SELECT ${STATUS_COLUMNS} FROM facility_status WHERE _deleted = 0`).raw(),
      one: db.prepare(`SELECT ${STATUS_COLUMNS} FROM facility_status WHERE facility_id = ? AND _deleted = 0`).raw(),
      // Deleted rows included: a deleted status still says which facility to re-read.
      facilityOf: db.prepare('SELECT facility_id FROM facility_status WHERE id = ?').pluck(),
    });
  }

  refresh(): void {
    if (!this.needFull && this.store.lastSeq() !== this.seenSeq) {
      this.needFull = true;
      this.needFacilities = true;
    }
    const st = this.statements();
    if (this.needFacilities) {
      this.facilities = this.store.list('facility', {}, { orderBy: [['tier', 'desc'], ['name', 'asc']] });
      this.needFacilities = false;
      this.version++;
    }
    if (this.needFull) {
      this.seenSeq = this.store.lastSeq();
      const byFacility = new Map<string, StatusRow[]>();
      for (const r of st.all.iterate() as IterableIterator<StatusRow>) {
        let rows = byFacility.get(r[0]);
        if (!rows) byFacility.set(r[0], (rows = []));
        rows.push(r);
      }
      this.series = new Map([...byFacility].map(([id, rows]) => [id, toSeries(rows)]));
      this.needFull = false;
      this.pendingStatusIds.clear();
      this.version++;
      return;
    }
    if (this.pendingStatusIds.size === 0) return;
    const touched = new Set<string>();
    for (const id of this.pendingStatusIds) {
      const f = st.facilityOf.get(id) as string | undefined;
      if (f !== undefined) touched.add(f);
    }
    for (const f of touched) {
      const rows = st.one.all(f) as StatusRow[];
      if (rows.length > 0) this.series.set(f, toSeries(rows));
      else this.series.delete(f);
    }
    this.pendingStatusIds.clear();
    this.version++;
  }

  /** Active, not deleted facilities with their newest status at or before `atMs` (call refresh() first). */
  loadAt(atMs: number): FacilityLoad[] {
    return this.facilities.filter((f) => f.active).map((facility) => ({ facility, status: this.statusAt(facility.id, atMs) }));
  }

  private statusAt(facilityId: string, atMs: number): StatusValues | null {
    const k = this.indexAt(facilityId, atMs);
    if (k < 0) return null;
    const s = this.series.get(facilityId)!;
    const v = (f: number) => s.values[k * NS + f]!;
    return {
      reportedAt: new Date(s.at[k]!).toISOString(),
      bedsOccupied: v(0),
      icuOccupied: v(1),
      oxygenInUse: v(2),
      ventilatorsInUse: v(3),
      homeF0Followed: Number.isNaN(v(4)) ? null : v(4),
    };
  }

  /** Index of the newest status ≤ atMs, -1 if none. */
  private indexAt(facilityId: string, atMs: number): number {
    const s = this.series.get(facilityId);
    if (!s) return -1;
    let lo = 0;
    let hi = s.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s.at[mid]! <= atMs) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Per-tier totals of the facilities' newest statuses at or before `atMs`. */
  tierTotalsAt(atMs: number): TierTotals[] {
    const tiers = new Map<TreatmentTier, TierTotals>();
    for (const tier of [3, 2, 1] as const) {
      tiers.set(tier, {
        tier,
        facilities: 0,
        reporting: 0,
        beds: 0,
        bedsOccupied: 0,
        icuBeds: 0,
        icuOccupied: 0,
        oxygenOutlets: 0,
        oxygenInUse: 0,
        ventilators: 0,
        ventilatorsInUse: 0,
      });
    }
    for (const f of this.facilities) {
      if (!f.active) continue;
      const t = tiers.get(f.tier)!;
      t.facilities++;
      const k = this.indexAt(f.id, atMs);
      if (k < 0) continue;
      const v = this.series.get(f.id)!.values;
      t.reporting++;
      t.beds += f.beds;
      t.icuBeds += f.icuBeds;
      t.oxygenOutlets += f.oxygenOutlets;
      t.ventilators += f.ventilators;
      t.bedsOccupied += v[k * NS]!;
      t.icuOccupied += v[k * NS + 1]!;
      t.oxygenInUse += v[k * NS + 2]!;
      t.ventilatorsInUse += v[k * NS + 3]!;
    }
    return [...tiers.values()];
  }

  /**
   * QĐ 218 capacity inputs at `atMs`, for facilities that have started reporting (a facility
   * with no status yet is not operating): vacant beds (beds − occupied, never below 0) per
   * unit code where the facility is, and ICU beds per unit code. The caller sums them up
   * the admin tree.
   */
  capacityAt(atMs: number): { vacantBeds: Map<string, number>; icuBeds: Map<string, number> } {
    const vacantBeds = new Map<string, number>();
    const icuBeds = new Map<string, number>();
    for (const f of this.facilities) {
      if (!f.active) continue;
      const k = this.indexAt(f.id, atMs);
      if (k < 0) continue;
      const occupied = this.series.get(f.id)!.values[k * NS]!;
      vacantBeds.set(f.unitCode, (vacantBeds.get(f.unitCode) ?? 0) + Math.max(0, f.beds - occupied));
      icuBeds.set(f.unitCode, (icuBeds.get(f.unitCode) ?? 0) + f.icuBeds);
    }
    return { vacantBeds, icuBeds };
  }

  stats(): { facilities: number; statuses: number; bytes: number } {
    let statuses = 0;
    let bytes = 0;
    for (const s of this.series.values()) {
      statuses += s.at.length;
      bytes += s.at.byteLength + s.values.byteLength;
    }
    return { facilities: this.facilities.length, statuses, bytes };
  }
}

function toSeries(rows: StatusRow[]): StatusSeries {
  const parsed = rows.map((r) => ({ t: Date.parse(r[1]), r })).sort((a, b) => a.t - b.t);
  const at = new Float64Array(parsed.length);
  const values = new Float64Array(parsed.length * NS);
  parsed.forEach(({ t, r }, k) => {
    at[k] = t;
    values[k * NS] = r[2];
    values[k * NS + 1] = r[3];
    values[k * NS + 2] = r[4];
    values[k * NS + 3] = r[5];
    values[k * NS + 4] = r[6] ?? Number.NaN;
  });
  return { at, values };
}
