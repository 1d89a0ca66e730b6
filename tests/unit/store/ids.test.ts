import { describe, expect, it } from 'vitest';
import { newId, newSiteId } from '../../../electron/core/store/ids';
import { SITE_ID_RE } from '../../../electron/core/store/hlc';

describe('ids', () => {
  it('newId is a UUIDv7 carrying the given time, sortable by time', () => {
    const a = newId(Date.UTC(2021, 0, 1));
    const b = newId(Date.UTC(2022, 0, 1));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(a.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2021, 0, 1));
    expect(a < b).toBe(true);
    expect(newId()).not.toBe(newId());
  });

  it('site ids are short, valid inside an HLC stamp, and distinct', () => {
    const ids = new Set(Array.from({ length: 1000 }, newSiteId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(SITE_ID_RE);
  });
});
