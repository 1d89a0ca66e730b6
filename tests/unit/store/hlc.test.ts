import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, decodeHlc, encodeHlc, Hlc, HLC_MAX_COUNTER, HlcDriftError } from '../../../electron/core/store/hlc';

/** A clock the test moves by hand. */
function fakeClock(start: number) {
  let t = start;
  const clock = () => t;
  return { clock, set: (v: number) => (t = v), add: (d: number) => (t += d) };
}

const T0 = Date.UTC(2021, 11, 1, 9, 0, 0);

describe('HLC encoding', () => {
  it('encodes fixed width and round-trips', () => {
    const s = encodeHlc({ physical: T0, counter: 26, siteId: 'siteA' });
    expect(s).toBe(`${String(T0).padStart(15, '0')}-001a-siteA`);
    expect(decodeHlc(s)).toEqual({ physical: T0, counter: 26, siteId: 'siteA' });
  });

  it('string order equals (physical, counter, site) order', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.nat({ max: 4e12 }), fc.nat({ max: HLC_MAX_COUNTER }), fc.constantFrom('a', 'b', 'site1')),
        fc.tuple(fc.nat({ max: 4e12 }), fc.nat({ max: HLC_MAX_COUNTER }), fc.constantFrom('a', 'b', 'site1')),
        ([p1, c1, s1], [p2, c2, s2]) => {
          const a = encodeHlc({ physical: p1, counter: c1, siteId: s1 });
          const b = encodeHlc({ physical: p2, counter: c2, siteId: s2 });
          const expected = Math.sign(p1 - p2 || c1 - c2 || (s1 < s2 ? -1 : s1 > s2 ? 1 : 0));
          expect(Math.sign(compareHlc(a, b))).toBe(expected);
        },
      ),
    );
  });

  it('rejects malformed stamps and out-of-range parts', () => {
    expect(() => decodeHlc('12-0001-x')).toThrow(/malformed/);
    expect(() => encodeHlc({ physical: -1, counter: 0, siteId: 'a' })).toThrow(RangeError);
    expect(() => encodeHlc({ physical: 1, counter: HLC_MAX_COUNTER + 1, siteId: 'a' })).toThrow(RangeError);
  });
});

describe('Hlc clock', () => {
  it('follows the wall clock and resets the counter when it moves on', () => {
    const c = fakeClock(T0);
    const h = new Hlc({ siteId: 'a', clock: c.clock });
    expect(decodeHlc(h.now())).toMatchObject({ physical: T0, counter: 0 });
    expect(decodeHlc(h.now())).toMatchObject({ physical: T0, counter: 1 });
    c.add(5);
    expect(decodeHlc(h.now())).toMatchObject({ physical: T0 + 5, counter: 0 });
  });

  it('never goes backwards when the wall clock does', () => {
    const c = fakeClock(T0);
    const h = new Hlc({ siteId: 'a', clock: c.clock });
    const a = h.now();
    c.set(T0 - 3600_000); // NTP correction / user sets the clock back an hour
    const b = h.now();
    const d = h.now();
    expect(compareHlc(a, b)).toBeLessThan(0);
    expect(compareHlc(b, d)).toBeLessThan(0);
    expect(decodeHlc(d)).toMatchObject({ physical: T0, counter: 2 });
  });

  it('on counter overflow borrows the next millisecond instead of wrapping', () => {
    const c = fakeClock(T0);
    const h = new Hlc({ siteId: 'a', clock: c.clock });
    let prev = h.now();
    for (let i = 0; i < HLC_MAX_COUNTER; i++) {
      const next = h.now();
      expect(next > prev).toBe(true);
      prev = next;
    }
    expect(decodeHlc(prev)).toMatchObject({ physical: T0, counter: HLC_MAX_COUNTER });
    const over = h.now();
    expect(decodeHlc(over)).toMatchObject({ physical: T0 + 1, counter: 0 });
    expect(over > prev).toBe(true);
    // When the wall clock reaches the borrowed millisecond, it continues from there.
    c.set(T0 + 1);
    expect(decodeHlc(h.now())).toMatchObject({ physical: T0 + 1, counter: 1 });
  });

  it('starts above a persisted last value (restart with a clock set back)', () => {
    const c = fakeClock(T0 - 86_400_000);
    const h = new Hlc({ siteId: 'a', clock: c.clock, last: { physical: T0, counter: 7 } });
    expect(decodeHlc(h.now())).toMatchObject({ physical: T0, counter: 8 });
    h.advanceTo({ physical: T0 - 1, counter: 100 }); // never lowers
    expect(decodeHlc(h.now())).toMatchObject({ physical: T0, counter: 9 });
  });

  it('receive() issues a stamp above the remote one and above everything local', () => {
    const c = fakeClock(T0);
    const h = new Hlc({ siteId: 'a', clock: c.clock });
    const local = h.now();
    const remote = encodeHlc({ physical: T0 + 1000, counter: 5, siteId: 'b' });
    const r = h.receive(remote);
    expect(decodeHlc(r)).toMatchObject({ physical: T0 + 1000, counter: 6, siteId: 'a' });
    expect(r > remote && r > local).toBe(true);
    // Same physical on both sides: max counter + 1.
    const r2 = h.receive(encodeHlc({ physical: T0 + 1000, counter: 40, siteId: 'b' }));
    expect(decodeHlc(r2)).toMatchObject({ physical: T0 + 1000, counter: 41 });
    // An old remote stamp does not pull us back.
    const r3 = h.receive(encodeHlc({ physical: T0 - 10, counter: 0, siteId: 'b' }));
    expect(decodeHlc(r3)).toMatchObject({ physical: T0 + 1000, counter: 42 });
    // Wall clock ahead of both: counter resets.
    c.set(T0 + 5000);
    expect(decodeHlc(h.receive(remote))).toMatchObject({ physical: T0 + 5000, counter: 0 });
  });

  it('refuses a remote stamp too far in the future', () => {
    const h = new Hlc({ siteId: 'a', clock: () => T0, maxDriftMs: 60_000 });
    expect(() => h.receive(encodeHlc({ physical: T0 + 3600_000, counter: 0, siteId: 'b' }))).toThrow(HlcDriftError);
    expect(() => h.receive(encodeHlc({ physical: T0 + 30_000, counter: 0, siteId: 'b' }))).not.toThrow();
  });

  it('rejects bad site ids and bad clock values', () => {
    expect(() => new Hlc({ siteId: 'a-b' })).toThrow(RangeError);
    expect(() => new Hlc({ siteId: '' })).toThrow(RangeError);
    expect(() => new Hlc({ siteId: 'a', clock: () => Number.NaN }).now()).toThrow(RangeError);
  });

  it('is strictly monotonic under any mix of clock jumps and receives (property)', () => {
    const event = fc.oneof(
      fc.record({ kind: fc.constant('tick' as const), jump: fc.integer({ min: -100_000, max: 100_000 }) }),
      fc.record({
        kind: fc.constant('recv' as const),
        offset: fc.integer({ min: -100_000, max: 50_000 }),
        counter: fc.nat({ max: HLC_MAX_COUNTER }),
      }),
      fc.record({ kind: fc.constant('burst' as const), n: fc.integer({ min: 1, max: 300 }) }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const c = fakeClock(T0);
        const h = new Hlc({ siteId: 'a', clock: c.clock, maxDriftMs: 1e9 });
        let prev = h.now();
        for (const e of events) {
          const stamps: string[] = [];
          if (e.kind === 'tick') {
            c.set(Math.max(0, c.clock() + e.jump));
            stamps.push(h.now());
          } else if (e.kind === 'recv') {
            const remote = encodeHlc({ physical: Math.max(0, c.clock() + e.offset), counter: e.counter, siteId: 'b' });
            const got = h.receive(remote);
            expect(got > remote).toBe(true);
            stamps.push(got);
          } else {
            for (let i = 0; i < e.n; i++) stamps.push(h.now());
          }
          for (const s of stamps) {
            expect(s > prev).toBe(true);
            prev = s;
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
