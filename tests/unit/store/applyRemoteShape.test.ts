import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { remoteChange, remoteShape } from '../../../electron/core/store/applyRemote';
import { ValidationError, validateRemote } from '../../../electron/core/store';

/**
 * applyRemote checks the shape of each incoming row by hand (zod costs several µs per row)
 * and falls back to zod `remoteChange` for anything it does not accept. That is only sound
 * if the hand-written check never accepts what zod refuses and returns what zod would.
 */

const GOOD = {
  entity: 'task',
  entityId: '0190a6f0-0000-7000-8000-000000000004',
  field: 'title',
  value: 'Rà soát F1',
  hlc: '001638316800000-0000-siteA',
  siteId: 'siteA',
  userId: 'u1',
  opId: 'op-1',
};

/** Strings around every length limit of remoteChange, plus odd characters. */
const str = fc.oneof(
  fc.constantFrom('', 'a', 'siteA', 'site-A', 'sité', 'a b', '\u0000', 'x'.repeat(40), 'x'.repeat(41), 'x'.repeat(60), 'x'.repeat(61)),
  fc.constantFrom('x'.repeat(100), 'x'.repeat(101), 'x'.repeat(200), 'x'.repeat(201), 'A'.repeat(64), 'A'.repeat(65), 'ệ'.repeat(40), '😀'.repeat(20), '😀'.repeat(21)),
  fc.string({ maxLength: 70 }),
);
const anyValue = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.object(), fc.array(fc.integer()));
/** A field: kept as in GOOD, replaced by a string or any value, or removed. */
const slot = (good: unknown) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant({ keep: true as const, v: good }) },
    { weight: 3, arbitrary: str.map((v) => ({ keep: false as const, v })) },
    { weight: 1, arbitrary: anyValue.map((v) => ({ keep: false as const, v })) },
    { weight: 1, arbitrary: fc.constant({ keep: false as const, v: undefined, drop: true }) },
  );
const row = fc
  .record({
    ...Object.fromEntries(Object.entries(GOOD).map(([k, v]) => [k, slot(v)])),
    extra: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 2 }), { nil: undefined }),
  })
  .map(({ extra, ...slots }) => {
    const out: Record<string, unknown> = { ...(extra ?? {}) };
    for (const [k, s] of Object.entries(slots) as Array<[string, { v: unknown; drop?: boolean }]>) if (!s.drop) out[k] = s.v;
    return out;
  });

describe('remoteShape (the hand-written remoteChange check)', () => {
  it('never accepts what zod refuses, and returns exactly what zod returns', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 9, arbitrary: row }, { weight: 1, arbitrary: anyValue }), (r) => {
        const fast = remoteShape(r);
        const zod = remoteChange.safeParse(r);
        if (fast !== null) {
          accepted++;
          expect(zod.success).toBe(true);
          expect(fast).toStrictEqual(zod.data); // same keys (unknown ones stripped), same values
        }
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(100); // the generator does reach the fast path
  });

  it('accepts the ordinary rows (so the fast path is the one used)', () => {
    expect(remoteShape(GOOD)).toStrictEqual(GOOD);
    expect(remoteShape({ ...GOOD, userId: null, value: { a: [1] } })).toStrictEqual({ ...GOOD, userId: null, value: { a: [1] } });
    const pulled = { ...GOOD, seq: 7 };
    expect(remoteShape(pulled)).toStrictEqual(GOOD); // extra keys dropped, as zod does
  });

  it('rows it leaves to zod get the same errors as before, naming the field', () => {
    const err = (r: unknown) => {
      try {
        validateRemote([r]);
      } catch (e) {
        return e;
      }
      return null;
    };
    const tooLong = err({ ...GOOD, entity: 'x'.repeat(41) });
    expect(tooLong).toBeInstanceOf(ValidationError);
    expect(tooLong).toMatchObject({ field: 'entity' });
    expect(err({ ...GOOD, siteId: 'site-A' })).toMatchObject({ entity: 'task', id: GOOD.entityId, field: 'siteId' });
    expect(err({ ...GOOD, userId: 5 })).toMatchObject({ field: 'userId' });
    expect(err(null)).toMatchObject({ entity: 'changes[0]' });
    // zod requires the key `value` (any value); the hand-written check leaves such rows to zod.
    const { value: _v, ...noValue } = GOOD;
    expect(remoteShape(noValue)).toBeNull();
    expect(err(noValue)).toMatchObject({ entity: 'task', field: 'value' });
  });
});
