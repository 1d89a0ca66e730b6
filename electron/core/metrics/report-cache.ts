import type Database from 'better-sqlite3';
import { fromEpochDay, toEpochDay, type VaccinationCounts } from '../../../shared/metrics';
import type { CommitEvent, Store } from '../store';
import { UnitTree } from './units';

/**
 * In-memory daily series of the case and vaccination reports, per unit, for fast metrics.
 *
 * Layout (one slot per admin unit, slot = UnitTree index; only the unit's OWN rows —
 * parents are summed at query time, see UnitTree.sumUp):
 * - prefix sums over a dense day grid [start, start + len) for new community cases, new
 *   total (community + quarantined), newly needing oxygen and deaths:
 *   cum[m][u·(len+1) + k] = Σ of the days start … start+k−1. A window sum is two reads, so
 *   "7 days ending d for every unit" is O(units) subtractions whatever the history length;
 * - latest-known per day: day of the newest report ≤ d (`last`, NO_DAY if none) and active
 *   F0 (home + facility) of that report (`active`);
 * - vaccination: the rows are weekly cumulative counts, so they are kept sparse (sorted
 *   days + counts per unit) and the latest row ≤ d is found by binary search — a dense
 *   copy would be 5 values × every day for data that changes once a week.
 *
 * A day without a report counts 0 in the sums (as in shared/metrics `sumWindow`, which
 * reports but does not fill missing days); freshness is visible through `last`.
 *
 * Numbers are Int32 (half the memory of Float64) unless some value or running sum does not
 * fit; then the whole cache switches to Float64 and rebuilds (counts are only bounded by
 * the schema's "non-negative integer", so this must stay exact for any valid input).
 *
 * Kept correct on writes: the store's onCommit events name every changed row
 * (`caseReport`/`vaccination` ids are `${unitCode}:${date}`); they are queued and applied
 * at the next query (lazy, so a burst of writes costs one update): each touched unit is
 * re-read from SQLite from its earliest touched day on and its sums are recomputed from
 * there. Big batches (> FULL_REBUILD_REFS rows), admin-unit changes and writes by another
 * connection to the same file (detected by the change-log seq) and streamed bulk writes
 * (which do not list their rows) rebuild everything with one scan instead.
 */

export const NO_DAY = -2147483648;
/** Summed case-report measures, in the order of `cum`. `total` = community + quarantined. */
export const CASE_SUMS = ['community', 'total', 'oxygen', 'deaths'] as const;
export type CaseSum = (typeof CASE_SUMS)[number];
export const VACCINATION_COUNTS = ['adultDose1', 'adultDose2', 'seniorDose2', 'teenDose2', 'childDose2'] as const satisfies ReadonlyArray<
  keyof VaccinationCounts
>;
const NV = VACCINATION_COUNTS.length;

/** Days allocated past the newest report, so daily reporting does not regrow the arrays every day. */
const HEADROOM_DAYS = 64;
/** More queued report rows than this: one full scan is cheaper than per-unit re-reads. */
export const FULL_REBUILD_REFS = 20_000;
const INT32_MAX = 2_147_483_647;

type Column = Int32Array | Float64Array;
interface VaccinationSeries {
  days: Int32Array;
  /** NV values per row, in VACCINATION_COUNTS order. */
  counts: Float64Array;
}

const CASE_COLUMNS = 'unit_code, date, new_community, new_quarantined, need_oxygen, deaths, f0_home, f0_facility';
const VACC_COLUMNS = 'unit_code, date, adult_dose1, adult_dose2, senior_dose2, teen_dose2, child_dose2';
type CaseRow = [string, string, number, number, number, number, number, number];
type VaccRow = [string, string, number, number, number, number, number];

class Overflow extends Error {}

export interface CacheStats {
  units: number;
  days: number;
  start: string | null;
  wide: boolean;
  bytes: number;
  builds: number;
  partialUpdates: number;
}

export class ReportCache {
  private tree: UnitTree | null = null;
  private start = 0;
  private len = 0;
  private wide = false;
  private cums: Column[] = [];
  private last = new Int32Array(0);
  private active: Column = new Int32Array(0);
  private vacc: Array<VaccinationSeries | null> = [];
  private readonly dayCache = new Map<string, number>();

  private needFull = true;
  private seenSeq = -1;
  /** unit code → earliest and latest touched day. */
  private readonly pendingCases = new Map<string, { from: number; to: number }>();
  private readonly pendingVacc = new Set<string>();
  private pendingRefs = 0;
  private readonly unsubscribe: () => void;
  private stmts: Record<'unitCases' | 'unitVacc' | 'allCases' | 'allVacc' | 'range', Database.Statement> | null = null;

  /** Bumped whenever the cached data changes (memo keys of derived results). */
  version = 0;
  private builds = 0;
  private partialUpdates = 0;

  constructor(private readonly store: Store) {
    this.unsubscribe = store.onCommit((e) => this.onCommit(e));
  }

  dispose(): void {
    this.unsubscribe();
  }

  // ------------------------------------------------------------------------------ freshness
  private onCommit(e: CommitEvent): void {
    if (e.lastSeq !== null) this.seenSeq = e.lastSeq;
    if (this.needFull) return; // everything is re-read anyway
    if (e.bulk) {
      // A streamed bulk write does not list its rows: re-read if it touched what we hold.
      if (e.entities.some((x) => x === 'caseReport' || x === 'vaccination' || x === 'adminUnit')) this.scheduleFull();
      return;
    }
    try {
      for (const c of e.changed) {
        if (c.entity === 'adminUnit') {
          this.scheduleFull();
          return;
        }
        if (c.entity !== 'caseReport' && c.entity !== 'vaccination') continue;
        const k = c.id.lastIndexOf(':');
        const code = c.id.slice(0, k);
        if (c.entity === 'vaccination') {
          this.pendingVacc.add(code);
          continue;
        }
        const day = this.dayOf(c.id.slice(k + 1));
        const p = this.pendingCases.get(code);
        if (!p) this.pendingCases.set(code, { from: day, to: day });
        else {
          if (day < p.from) p.from = day;
          if (day > p.to) p.to = day;
        }
        if (++this.pendingRefs > FULL_REBUILD_REFS) {
          this.scheduleFull();
          return;
        }
      }
    } catch {
      // An id the cache cannot read must not leave it silently stale.
      this.scheduleFull();
    }
  }

  private scheduleFull(): void {
    this.needFull = true;
    this.pendingCases.clear();
    this.pendingVacc.clear();
    this.pendingRefs = 0;
  }

  /** Brings the cache up to date with the store (call before reading). */
  refresh(): void {
    // Another connection (CLI seeder, restore) may have written the file: our events
    // would not have seen it.
    if (!this.needFull && this.store.lastSeq() !== this.seenSeq) this.scheduleFull();
    if (this.needFull) {
      this.fullBuild();
      return;
    }
    if (this.pendingCases.size === 0 && this.pendingVacc.size === 0) return;
    try {
      this.applyPending();
    } catch (e) {
      if (!(e instanceof Overflow)) throw e;
      this.wide = true;
      this.fullBuild();
    }
  }

  private statements() {
    const db = this.store.db;
    return (this.stmts ??= {
      unitCases: db.prepare(`SELECT ${CASE_COLUMNS} FROM case_reports WHERE unit_code = ? AND date >= ? AND _deleted = 0`).raw(),
      unitVacc: db.prepare(`SELECT ${VACC_COLUMNS} FROM vaccinations WHERE unit_code = ? AND _deleted = 0`).raw(),
      allCases: db.prepare(`SELECT ${CASE_COLUMNS} FROM case_reports WHERE _deleted = 0`).raw(),
      allVacc: db.prepare(`SELECT ${VACC_COLUMNS} FROM vaccinations WHERE _deleted = 0`).raw(),
      range: db.prepare('SELECT MIN(date) AS a, MAX(date) AS b FROM case_reports WHERE _deleted = 0'),
    });
  }

  private dayOf(date: string): number {
    let d = this.dayCache.get(date);
    if (d === undefined) {
      d = toEpochDay(date);
      if (this.dayCache.size > 100_000) this.dayCache.clear();
      this.dayCache.set(date, d);
    }
    return d;
  }

  // ------------------------------------------------------------------------------ building
  private fullBuild(): void {
    for (;;) {
      try {
        this.buildOnce();
        return;
      } catch (e) {
        if (!(e instanceof Overflow) || this.wide) throw e;
        this.wide = true;
      }
    }
  }

  private buildOnce(): void {
    const st = this.statements();
    this.seenSeq = this.store.lastSeq();
    this.tree = UnitTree.load(this.store);
    const range = st.range.get() as { a: string | null; b: string | null };
    if (range.a === null || range.b === null) this.allocate(0, 0);
    else this.allocate(this.dayOf(range.a), this.dayOf(range.b) - this.dayOf(range.a) + 1 + HEADROOM_DAYS);

    const index = this.tree.index;
    const L = this.len;
    const [cc, ct, co, cd] = this.cums as [Column, Column, Column, Column];
    let lastCode = '';
    let u = -1;
    for (const r of st.allCases.iterate() as IterableIterator<CaseRow>) {
      // Rows come clustered by unit (the table is keyed `${unitCode}:${date}`): one Map lookup per unit.
      if (r[0] !== lastCode) {
        lastCode = r[0];
        u = index.get(lastCode) ?? -1;
      }
      if (u < 0) continue; // a report of a unit deleted since (its rows stay as tombstone children)
      const i = this.dayOf(r[1]) - this.start;
      this.putCase(cc, ct, co, cd, u * (L + 1) + i + 1, u * L + i, this.start + i, r);
    }
    for (let s = 0; s < this.tree.nodes.length; s++) this.prefix(s, 0);

    this.vacc = this.tree.nodes.map(() => null);
    const byUnit = new Map<number, VaccRow[]>();
    for (const r of st.allVacc.iterate() as IterableIterator<VaccRow>) {
      const s = index.get(r[0]);
      if (s === undefined) continue;
      let rows = byUnit.get(s);
      if (!rows) byUnit.set(s, (rows = []));
      rows.push(r);
    }
    for (const [s, rows] of byUnit) this.vacc[s] = this.vaccSeries(rows);

    this.needFull = false;
    this.pendingCases.clear();
    this.pendingVacc.clear();
    this.pendingRefs = 0;
    this.builds++;
    this.version++;
  }

  private putCase(cc: Column, ct: Column, co: Column, cd: Column, ci: number, li: number, day: number, r: CaseRow): void {
    const community = r[2];
    const total = r[2] + r[3];
    const activeF0 = r[6] + r[7];
    if (!this.wide && (total > INT32_MAX || r[4] > INT32_MAX || r[5] > INT32_MAX || activeF0 > INT32_MAX)) throw new Overflow();
    cc[ci] = community;
    ct[ci] = total;
    co[ci] = r[4];
    cd[ci] = r[5];
    this.last[li] = day;
    this.active[li] = activeF0;
  }

  private allocate(start: number, len: number): void {
    const n = this.tree!.nodes.length;
    const Col = this.wide ? Float64Array : Int32Array;
    this.start = start;
    this.len = len;
    this.cums = CASE_SUMS.map(() => new Col(n * (len + 1)));
    this.last = new Int32Array(n * len).fill(NO_DAY);
    this.active = new Col(n * len);
  }

  /** Turns raw day values at k ≥ i0 into prefix sums and fills latest-known values forward. */
  private prefix(s: number, i0: number): void {
    const L = this.len;
    const cb = s * (L + 1);
    for (const cum of this.cums) {
      for (let i = i0; i < L; i++) {
        const v = cum[cb + i + 1]! + cum[cb + i]!;
        if (!this.wide && v > INT32_MAX) throw new Overflow();
        cum[cb + i + 1] = v;
      }
    }
    const lb = s * L;
    for (let i = Math.max(i0, 1); i < L; i++) {
      if (this.last[lb + i] === NO_DAY) {
        this.last[lb + i] = this.last[lb + i - 1]!;
        this.active[lb + i] = this.active[lb + i - 1]!;
      }
    }
  }

  private vaccSeries(rows: VaccRow[]): VaccinationSeries {
    rows.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    const days = new Int32Array(rows.length);
    const counts = new Float64Array(rows.length * NV);
    rows.forEach((r, k) => {
      days[k] = this.dayOf(r[1]);
      for (let f = 0; f < NV; f++) counts[k * NV + f] = r[2 + f] as number;
    });
    return { days, counts };
  }

  // ------------------------------------------------------------------------------ incremental
  private applyPending(): void {
    const tree = this.tree!;
    const st = this.statements();
    for (const [code, touched] of this.pendingCases) {
      const s = tree.index.get(code);
      if (s === undefined) return this.fullBuild();
      this.ensureRange(touched.from, touched.to);
      const i0 = Math.max(0, touched.from - this.start);
      const L = this.len;
      const cb = s * (L + 1);
      const lb = s * L;
      for (const cum of this.cums) cum.fill(0, cb + i0 + 1, cb + L + 1);
      this.last.fill(NO_DAY, lb + i0, lb + L);
      this.active.fill(0, lb + i0, lb + L);
      const [cc, ct, co, cd] = this.cums as [Column, Column, Column, Column];
      for (const r of st.unitCases.all(code, fromEpochDay(this.start + i0)) as CaseRow[]) {
        const i = this.dayOf(r[1]) - this.start;
        if (i >= L) return this.fullBuild(); // cannot happen (rows beyond the grid were in it before); stay correct anyway
        this.putCase(cc, ct, co, cd, cb + i + 1, lb + i, this.start + i, r);
      }
      this.prefix(s, i0);
    }
    for (const code of this.pendingVacc) {
      const s = tree.index.get(code);
      if (s === undefined) return this.fullBuild();
      const rows = st.unitVacc.all(code) as VaccRow[];
      this.vacc[s] = rows.length > 0 ? this.vaccSeries(rows) : null;
    }
    this.pendingCases.clear();
    this.pendingVacc.clear();
    this.pendingRefs = 0;
    this.partialUpdates++;
    this.version++;
  }

  /** Grows the day grid (copying, no SQL) so that [from, to] is inside it. */
  private ensureRange(from: number, to: number): void {
    if (this.len > 0 && from >= this.start && to < this.start + this.len) return;
    const n = this.tree!.nodes.length;
    const newStart = this.len === 0 ? from : Math.min(this.start, from);
    const newEnd = this.len === 0 ? to + HEADROOM_DAYS : Math.max(this.start + this.len - 1, to + HEADROOM_DAYS);
    const newLen = newEnd - newStart + 1;
    const shift = this.start - newStart;
    const [oldLen, oldCums, oldLast, oldActive] = [this.len, this.cums, this.last, this.active];
    this.allocate(newStart, newLen);
    if (oldLen === 0) return;
    for (let s = 0; s < n; s++) {
      const ob = s * (oldLen + 1);
      const nb = s * (newLen + 1);
      oldCums.forEach((old, m) => {
        const cum = this.cums[m]!;
        // new index j covers the days before newStart + j = start + (j − shift)
        for (let j = shift + 1; j <= newLen; j++) cum[nb + j] = old[ob + Math.min(j - shift, oldLen)]!;
      });
      const olb = s * oldLen;
      const nlb = s * newLen;
      for (let j = shift; j < newLen; j++) {
        const k = Math.min(j - shift, oldLen - 1);
        this.last[nlb + j] = oldLast[olb + k]!;
        this.active[nlb + j] = oldActive[olb + k]!;
      }
    }
  }

  // ------------------------------------------------------------------------------ reads
  /** The unit tree the slots refer to (valid until the next refresh). */
  units(): UnitTree {
    return this.tree!;
  }

  /** Σ of `measure` over days [from, to] (inclusive) of every unit's own rows, into out[slot]. */
  fillWindow(measure: CaseSum, from: number, to: number, out: Float64Array): void {
    const cum = this.cums[CASE_SUMS.indexOf(measure)]!;
    const L = this.len;
    const hi = Math.min(Math.max(to + 1 - this.start, 0), L);
    const lo = Math.min(Math.max(from - this.start, 0), L);
    const n = this.tree!.nodes.length;
    if (L === 0 || hi <= lo) {
      out.fill(0, 0, n);
      return;
    }
    for (let s = 0, b = 0; s < n; s++, b += L + 1) out[s] = cum[b + hi]! - cum[b + lo]!;
  }

  /** out[j] += prefix sum of `measure` at day `from + j` for unit s (j < out.length). */
  addCumRange(measure: CaseSum, s: number, from: number, out: Float64Array): void {
    const L = this.len;
    if (L === 0) return;
    const cum = this.cums[CASE_SUMS.indexOf(measure)]!;
    const b = s * (L + 1);
    for (let j = 0; j < out.length; j++) {
      const k = Math.min(Math.max(from + j - this.start, 0), L);
      out[j] = out[j]! + cum[b + k]!;
    }
  }

  /** out[j] += active F0 (latest known) at day `from + j` for unit s. */
  addActiveRange(s: number, from: number, out: Float64Array): void {
    const L = this.len;
    if (L === 0) return;
    const b = s * L;
    for (let j = 0; j < out.length; j++) {
      const k = Math.min(from + j - this.start, L - 1);
      if (k >= 0) out[j] = out[j]! + this.active[b + k]!;
    }
  }

  /** Day of each unit's newest report ≤ day (NO_DAY if none), into out[slot]. */
  fillLastReport(day: number, out: Int32Array): void {
    const n = this.tree!.nodes.length;
    const k = Math.min(day - this.start, this.len - 1);
    if (this.len === 0 || k < 0) {
      out.fill(NO_DAY, 0, n);
      return;
    }
    for (let s = 0; s < n; s++) out[s] = this.last[s * this.len + k]!;
  }

  /** Active F0 of each unit's newest report ≤ day (0 if none), into out[slot]. */
  fillActiveF0(day: number, out: Float64Array): void {
    const n = this.tree!.nodes.length;
    const k = Math.min(day - this.start, this.len - 1);
    if (this.len === 0 || k < 0) {
      out.fill(0, 0, n);
      return;
    }
    for (let s = 0; s < n; s++) out[s] = this.active[s * this.len + k]!;
  }

  /**
   * Each unit's latest vaccination row ≤ day: counts into out[slot·NV + f] (VACCINATION_COUNTS
   * order), has[slot] = 1 when a row exists.
   */
  fillVaccination(day: number, out: Float64Array, has: Uint8Array): void {
    const n = this.tree!.nodes.length;
    out.fill(0, 0, n * NV);
    has.fill(0, 0, n);
    for (let s = 0; s < n; s++) {
      const v = this.vacc[s];
      if (!v) continue;
      // Last row with days[k] ≤ day.
      let lo = 0;
      let hi = v.days.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (v.days[mid]! <= day) lo = mid + 1;
        else hi = mid;
      }
      if (lo === 0) continue;
      has[s] = 1;
      for (let f = 0; f < NV; f++) out[s * NV + f] = v.counts[(lo - 1) * NV + f]!;
    }
  }

  stats(): CacheStats {
    const arrays: ArrayBufferView[] = [...this.cums, this.last, this.active];
    for (const v of this.vacc) if (v) arrays.push(v.days, v.counts);
    return {
      units: this.tree?.nodes.length ?? 0,
      days: this.len,
      start: this.len > 0 ? fromEpochDay(this.start) : null,
      wide: this.wide,
      bytes: arrays.reduce((a, x) => a + x.byteLength, 0),
      builds: this.builds,
      partialUpdates: this.partialUpdates,
    };
  }
}
