import { describe, expect, it } from 'vitest';
import { hashToken, TOKEN_PREFIX } from '../../../electron/core/wall/tokens';
import { wallUrls } from '../../../electron/core/wall/urls';
import { wallDayOf } from '../../../electron/core/wall/day';

describe('wall tokens: hashing and addresses', () => {
  it('hashes with SHA-256 (hex), the only form stored', () => {
    // Known vector: sha256("abc").
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken(`${TOKEN_PREFIX}x`)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('builds the ready-to-copy address, plus one per network interface', () => {
    const ifs = [
      { address: '127.0.0.1', family: 'IPv4', internal: true },
      { address: '192.168.1.20', family: 'IPv4', internal: false },
      { address: '192.168.1.20', family: 'IPv4', internal: false },
      { address: 'fe80::1', family: 'IPv6', internal: false },
      { address: '10.0.0.7', family: 4, internal: false },
    ];
    expect(wallUrls('http://127.0.0.1:4318', 'sbw_a+b', ifs)).toEqual({
      url: 'http://127.0.0.1:4318/wall?token=sbw_a%2Bb',
      lanUrls: ['http://192.168.1.20:4318/wall?token=sbw_a%2Bb', 'http://10.0.0.7:4318/wall?token=sbw_a%2Bb'],
    });
    // Already on a LAN address: that one is not repeated.
    expect(wallUrls('http://192.168.1.20:4318/', 't', ifs).lanUrls).toEqual(['http://10.0.0.7:4318/wall?token=t']);
    // No page origin (desktop app://): no address, the token alone is shown.
    expect(wallUrls(undefined, 't', ifs)).toEqual({ url: null, lanUrls: [] });
  });
});

describe('wall day', () => {
  it('a past day: the boards are read at its last millisecond in Hà Nội; yesterday; 7 days earlier', () => {
    expect(wallDayOf('2021-12-31', Date.parse('2026-01-01T00:00:00Z'))).toEqual({
      date: '2021-12-31',
      previousDate: '2021-12-30',
      compareDate: '2021-12-24',
      at: '2021-12-31T16:59:59.999Z',
    });
    expect(wallDayOf('2021-03-01', Date.parse('2026-01-01T00:00:00Z'))).toMatchObject({ previousDate: '2021-02-28', compareDate: '2021-02-22' });
  });

  it('today (not over yet): the boards are read now', () => {
    const now = Date.parse('2021-12-31T03:00:00Z'); // 10:00 in Hà Nội
    expect(wallDayOf('2021-12-31', now).at).toBe('2021-12-31T03:00:00.000Z');
  });
});
