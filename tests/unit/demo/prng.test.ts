import { describe, expect, it } from 'vitest';
import { uuid } from '../../../shared/domain';
import { addDays, dayNumber, localTimeIso, weekday } from '../../../electron/core/demo/dates';
import { circleRing, pointInPolygon } from '../../../electron/core/demo/geo';
import { deterministicUuidV7, uuidV7Time } from '../../../electron/core/demo/ids';
import { hash32, Rng } from '../../../electron/core/demo/prng';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.uint32());

describe('Rng', () => {
  it('is deterministic per seed and differs between seeds and labels', () => {
    expect(draw(new Rng(42), 5)).toEqual(draw(new Rng(42), 5));
    expect(draw(new Rng(42), 5)).not.toEqual(draw(new Rng(43), 5));
    expect(draw(Rng.derive(1, 'a'), 5)).toEqual(draw(Rng.derive(1, 'a'), 5));
    expect(draw(Rng.derive(1, 'a'), 5)).not.toEqual(draw(Rng.derive(1, 'b'), 5));
    expect(hash32('cases')).not.toBe(hash32('casez'));
  });

  it('gives uniforms in [0, 1) with a mean near 0.5', () => {
    const rng = new Rng(7);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 20000).toBeCloseTo(0.5, 1);
  });

  it('samples Poisson, binomial and negative binomial with the right means; NB is overdispersed', () => {
    const rng = new Rng(11);
    const stats = (f: () => number, n = 20000) => {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const x = f();
        expect(Number.isInteger(x) && x >= 0).toBe(true);
        s += x;
        s2 += x * x;
      }
      const mean = s / n;
      return { mean, variance: s2 / n - mean * mean };
    };
    for (const lambda of [0.5, 4, 25, 200]) {
      const p = stats(() => rng.poisson(lambda));
      expect(Math.abs(p.mean - lambda) / lambda).toBeLessThan(0.05);
      expect(Math.abs(p.variance - lambda) / lambda).toBeLessThan(0.1);
    }
    const nb = stats(() => rng.negBinomial(20, 3));
    expect(Math.abs(nb.mean - 20) / 20).toBeLessThan(0.05);
    expect(nb.variance).toBeGreaterThan(20 + (20 * 20) / 3 - 40); // ≈ 153 ≫ 20
    for (const [n, p] of [[10, 0.3], [200, 0.05], [5000, 0.5], [100, 0.97]] as const) {
      const b = stats(() => {
        const k = rng.binomial(n, p);
        expect(k).toBeLessThanOrEqual(n);
        return k;
      }, 5000);
      expect(Math.abs(b.mean - n * p) / (n * p)).toBeLessThan(0.05);
    }
    expect(rng.binomial(0, 0.5)).toBe(0);
    expect(rng.binomial(7, 1)).toBe(7);
    expect(rng.poisson(0)).toBe(0);
  });
});

describe('deterministicUuidV7', () => {
  it('formats a valid v7 UUID carrying the given timestamp, same seed → same id', () => {
    const ms = Date.parse('2021-12-15T10:00:00.000Z');
    const a = deterministicUuidV7(new Rng(1), ms);
    expect(a).toBe(deterministicUuidV7(new Rng(1), ms));
    expect(a).not.toBe(deterministicUuidV7(new Rng(2), ms));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid.safeParse(a).success).toBe(true);
    expect(uuidV7Time(a)).toBe(ms);
  });

  it('does not repeat over many draws and sorts by time', () => {
    const rng = new Rng(3);
    const ids = Array.from({ length: 50000 }, (_, i) => deterministicUuidV7(rng, 1_600_000_000_000 + i * 1000));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('dates and geometry helpers', () => {
  it('does calendar arithmetic in whole days and converts Hà Nội local time to UTC', () => {
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
    expect(dayNumber('2022-03-01') - dayNumber('2022-02-28')).toBe(1);
    expect(weekday(dayNumber('2022-03-13'))).toBe(0); // a Sunday
    expect(localTimeIso('2021-12-15', 17)).toBe('2021-12-15T10:00:00.000Z');
    expect(() => dayNumber('2021-02-30')).toThrow();
  });

  it('builds closed rings around a point that contain it', () => {
    const ring = circleRing(105.85, 21.03, 300, new Rng(5));
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring.length).toBeGreaterThanOrEqual(4);
    expect(pointInPolygon(105.85, 21.03, [ring])).toBe(true);
    expect(pointInPolygon(105.9, 21.03, [ring])).toBe(false);
  });
});
