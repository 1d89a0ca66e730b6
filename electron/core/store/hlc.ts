/**
 * Hybrid logical clock (Kulkarni et al. 2014).
 *
 * Why: per-field last-writer-wins sync needs stamps that (1) follow causality across
 * devices whose wall clocks disagree, (2) stay close to wall time so "newest" means what
 * an operator expects, and (3) never go backwards, even when the OS clock is set back
 * or the app restarts.
 *
 * Encoding `${physical ms, 15 digits}-${counter, 4 hex}-${siteId}`: fixed-width numeric
 * parts make plain string comparison equal causal order, so SQLite can `ORDER BY hlc`
 * and `max(hlc)` without decoding, and the site id breaks ties between devices so every
 * stamp is globally unique and the order is total.
 */

export const HLC_MAX_COUNTER = 0xffff;
const PHYSICAL_DIGITS = 15;
const MAX_PHYSICAL = 10 ** PHYSICAL_DIGITS - 1;
const HLC_RE = /^(\d{15})-([0-9a-f]{4})-(.+)$/;
/** Site ids end up inside the stamp, so they must not contain anything that confuses parsing or logs. */
export const SITE_ID_RE = /^[A-Za-z0-9_.]{1,64}$/;

export interface HlcState {
  physical: number;
  counter: number;
}
export interface HlcStamp extends HlcState {
  siteId: string;
}

export function encodeHlc({ physical, counter, siteId }: HlcStamp): string {
  if (!Number.isSafeInteger(physical) || physical < 0 || physical > MAX_PHYSICAL) {
    throw new RangeError(`HLC physical time out of range: ${physical}`);
  }
  if (!Number.isInteger(counter) || counter < 0 || counter > HLC_MAX_COUNTER) {
    throw new RangeError(`HLC counter out of range: ${counter}`);
  }
  return `${String(physical).padStart(PHYSICAL_DIGITS, '0')}-${counter.toString(16).padStart(4, '0')}-${siteId}`;
}

export function decodeHlc(s: string): HlcStamp {
  const m = HLC_RE.exec(s);
  if (!m) throw new RangeError(`malformed HLC stamp: ${JSON.stringify(s)}`);
  return { physical: Number(m[1]), counter: parseInt(m[2]!, 16), siteId: m[3]! };
}

/** Order of stamps; equal to `a < b` on the strings (kept as a function for readability). */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareState(a: HlcState, b: HlcState): number {
  return a.physical - b.physical || a.counter - b.counter;
}

export class HlcDriftError extends Error {
  constructor(
    readonly remote: string,
    readonly driftMs: number,
  ) {
    super(
      `Đồng hồ của trạm khác lệch quá xa (${Math.round(driftMs / 1000)} giây) / ` +
        `Remote clock too far ahead (${driftMs} ms): ${remote}`,
    );
    this.name = 'HlcDriftError';
  }
}

export interface HlcOptions {
  siteId: string;
  /** Wall clock in ms since epoch; injectable so tests can move time at will. */
  clock?: () => number;
  /** Last stamp issued before (persisted); the clock never issues anything ≤ it. */
  last?: HlcState;
  /**
   * A remote stamp further ahead of our wall clock than this is refused by receive():
   * one device with a clock set to next year would otherwise drag every device's
   * stamps a year ahead forever. 24 h tolerates badly-set field laptops.
   */
  maxDriftMs?: number;
}

export class Hlc {
  readonly siteId: string;
  private readonly clock: () => number;
  private readonly maxDriftMs: number;
  private last: HlcState;

  constructor(opts: HlcOptions) {
    if (!SITE_ID_RE.test(opts.siteId)) throw new RangeError(`invalid site id: ${JSON.stringify(opts.siteId)}`);
    this.siteId = opts.siteId;
    this.clock = opts.clock ?? Date.now;
    this.maxDriftMs = opts.maxDriftMs ?? 24 * 3600_000;
    this.last = opts.last ? { ...opts.last } : { physical: 0, counter: 0 };
  }

  /** The last issued/observed state (what gets persisted). */
  peek(): HlcState {
    return { ...this.last };
  }

  /** A new stamp for a local event, strictly greater than every stamp issued or received before. */
  now(): string {
    const wall = this.wall();
    if (wall > this.last.physical) this.last = { physical: wall, counter: 0 };
    else this.last = bump(this.last.physical, this.last.counter + 1);
    return this.stamp();
  }

  /**
   * Merge a stamp received from another site; returns a new local stamp greater than both
   * the remote one and everything issued here before.
   */
  receive(remote: string): string {
    const r = decodeHlc(remote);
    const wall = this.wall();
    if (r.physical - wall > this.maxDriftMs) throw new HlcDriftError(remote, r.physical - wall);
    const l = this.last;
    const physical = Math.max(l.physical, r.physical, wall);
    let counter: number;
    if (physical === l.physical && physical === r.physical) counter = Math.max(l.counter, r.counter) + 1;
    else if (physical === l.physical) counter = l.counter + 1;
    else if (physical === r.physical) counter = r.counter + 1;
    else counter = 0;
    this.last = bump(physical, counter);
    return this.stamp();
  }

  /** Raise the floor (e.g. to the max stamp found in the database at open). Never lowers it. */
  advanceTo(state: HlcState): void {
    if (compareState(state, this.last) > 0) this.last = { ...state };
  }

  private wall(): number {
    const t = Math.floor(this.clock());
    if (!Number.isSafeInteger(t) || t < 0) throw new RangeError(`clock returned an invalid time: ${t}`);
    return t;
  }

  private stamp(): string {
    return encodeHlc({ ...this.last, siteId: this.siteId });
  }
}

/**
 * Counter overflow (more than 65,536 events in one millisecond, e.g. a bulk import with a
 * frozen clock): borrow the next millisecond instead of failing or wrapping. Logical time
 * runs slightly ahead of the wall clock until the wall clock catches up; order is kept.
 */
function bump(physical: number, counter: number): HlcState {
  return counter > HLC_MAX_COUNTER ? { physical: physical + 1, counter: 0 } : { physical, counter };
}
