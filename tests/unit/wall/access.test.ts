import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideAccess, tokenOf, type AccessRequest, type TokenHit } from '../../../electron/core/wall/access';
import { isLoopbackAddress } from '../../../electron/server/security';

/**
 * The web server's access rule for the wall display, as a pure function: tokens are judged by
 * themselves wherever they come from; without one, loopback is the local operator and
 * everyone else is refused.
 */
const GOOD = 'sbw_good';
const REVOKED = 'sbw_revoked';
const check = (t: string): TokenHit | null => (t === GOOD ? { id: 'id-good', label: 'Phòng chỉ huy' } : null);
const req = (r: Partial<AccessRequest>): AccessRequest => ({ loopback: false, authorization: undefined, queryToken: undefined, ...r });

describe('tokenOf', () => {
  it.each([
    [{ authorization: `Bearer ${GOOD}` }, GOOD],
    [{ authorization: `bearer   ${GOOD}  ` }, GOOD],
    [{ authorization: [`Bearer ${GOOD}`, 'Bearer other'] }, GOOD],
    [{ queryToken: GOOD }, GOOD],
    [{ queryToken: [GOOD, 'x'] }, GOOD],
    [{ authorization: `Bearer ${GOOD}`, queryToken: 'other' }, GOOD], // the header wins
    [{ authorization: 'Bearer', queryToken: GOOD }, ''], // a malformed Bearer header is still a (bad) token
    [{ authorization: 'Bearer a b' }, 'a b'],
    [{ authorization: 'Basic dXNlcjpwYXNz' }, null], // another scheme is not a wall token
    [{ authorization: 'Basic dXNlcjpwYXNz', queryToken: GOOD }, GOOD],
    [{ queryToken: '' }, null],
    [{ queryToken: '   ' }, null],
    [{ queryToken: 42 }, null],
    [{}, null],
  ] as const)('%j → %j', (r, expected) => expect(tokenOf(req(r as Partial<AccessRequest>))).toBe(expected));
});

describe('decideAccess', () => {
  it('without a token: loopback is the local operator, anyone else is refused', async () => {
    expect(await decideAccess(req({ loopback: true }), check)).toEqual({ kind: 'local' });
    expect(await decideAccess(req({ loopback: false }), check)).toEqual({ kind: 'refused', reason: 'no-token' });
  });

  it('a valid token (header or query) gives a read-only viewer, from anywhere', async () => {
    const viewer = { kind: 'viewer', tokenId: 'id-good', label: 'Phòng chỉ huy' };
    for (const loopback of [true, false]) {
      expect(await decideAccess(req({ loopback, authorization: `Bearer ${GOOD}` }), check)).toEqual(viewer);
      expect(await decideAccess(req({ loopback, queryToken: GOOD }), check)).toEqual(viewer);
    }
  });

  it('an unknown, revoked or malformed token is refused even on loopback (never falls back to local)', async () => {
    for (const loopback of [true, false]) {
      for (const r of [{ authorization: `Bearer ${REVOKED}` }, { queryToken: REVOKED }, { authorization: 'Bearer' }, { authorization: `Bearer ${REVOKED}`, queryToken: GOOD }]) {
        expect(await decideAccess(req({ loopback, ...r }), check)).toEqual({ kind: 'refused', reason: 'bad-token' });
      }
    }
  });

  it('accepts an asynchronous token check', async () => {
    const slow = async (t: string) => (await new Promise((r) => setTimeout(r, 1)), check(t));
    expect(await decideAccess(req({ queryToken: GOOD }), slow)).toMatchObject({ kind: 'viewer' });
    expect(await decideAccess(req({ queryToken: 'nope' }), slow)).toMatchObject({ kind: 'refused' });
  });

  it('property: a remote caller is never the local operator; a token the check rejects is never accepted', async () => {
    const addresses = fc.oneof(
      fc.ipV4().map((a) => a),
      fc.ipV6(),
      fc.constantFrom('127.0.0.1', '::1', '::ffff:127.0.0.1', '127.8.9.1', '::ffff:10.0.0.2', '10.0.0.1', '192.168.1.5', ''),
    );
    const header = fc.option(fc.oneof(fc.string(), fc.string().map((s) => `Bearer ${s}`), fc.constant(`Bearer ${GOOD}`)), { nil: undefined });
    const query = fc.option(fc.oneof(fc.string(), fc.constant(GOOD), fc.array(fc.string())), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(addresses, header, query, async (addr, authorization, queryToken) => {
        const loopback = isLoopbackAddress(addr);
        const a = await decideAccess({ loopback, authorization, queryToken }, check);
        const token = tokenOf({ authorization, queryToken });
        if (!loopback) expect(a.kind).not.toBe('local');
        if (token !== null) expect(a.kind).toBe(token === GOOD ? 'viewer' : 'refused');
        if (a.kind === 'viewer') expect(token).toBe(GOOD);
      }),
      { numRuns: 500 },
    );
  });
});
