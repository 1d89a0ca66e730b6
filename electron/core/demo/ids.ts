import type { Rng } from './prng';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A UUIDv7-shaped id that is deterministic: 128 random bits from the seeded PRNG, the
 * first 48 replaced by `ms` (the entity's own date, so ids sort by it like real v7 ids),
 * then the version (7) and RFC 9562 variant (10) bits set.
 */
export function deterministicUuidV7(rng: Rng, ms: number): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i += 4) {
    const r = rng.uint32();
    bytes[i] = r >>> 24;
    bytes[i + 1] = (r >>> 16) & 0xff;
    bytes[i + 2] = (r >>> 8) & 0xff;
    bytes[i + 3] = r & 0xff;
  }
  const t = Math.max(0, Math.min(Math.floor(ms), 2 ** 48 - 1));
  const hi = Math.floor(t / 2 ** 16); // top 32 bits of the 48-bit timestamp
  const lo = t % 2 ** 16;
  bytes[0] = (hi >>> 24) & 0xff;
  bytes[1] = (hi >>> 16) & 0xff;
  bytes[2] = (hi >>> 8) & 0xff;
  bytes[3] = hi & 0xff;
  bytes[4] = (lo >>> 8) & 0xff;
  bytes[5] = lo & 0xff;
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[bytes[i]!];
  }
  return s;
}

/** The timestamp (ms since epoch) encoded in a v7 UUID. */
export function uuidV7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
