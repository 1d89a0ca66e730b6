import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/core/store';
import { dismissConflict, listConflicts, restoreConflict } from '../../../electron/core/sync/conflicts';
import { ApiError } from '../../../shared/api/errors';
import { BLANK_TASK } from '../../../shared/domain';
import { useTmpDir } from '../../helpers/tmp';
import { exchange } from './helpers';
import { ensureReferenceData } from '../../../electron/core/seed/reference';

/**
 * The conflict view the screens use: who, when, the value kept and the value lost;
 * restore writes the lost value back as a new (winning, synced) edit.
 */
const tmp = useTmpDir();
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

let now = Date.parse('2021-12-20T03:00:00Z');
const clock = () => now;
const open = (site: string) => {
  const s = openStore({ path: path.join(tmp(), `${site}.db`), siteId: site, clock });
  stores.push(s);
  return s;
};

function pair() {
  const [a, b] = [open('hq'), open('longbien')];
  const user = b.write({ userId: null }, [
    { op: 'create', entity: 'user', fields: { username: 'binh.tt', displayName: 'Trần Thị Bình', role: 'operator', districtCodes: [], hasPassword: false, active: true } },
  ]).ids[0]!;
  const task = a.write({ userId: null }, [{ op: 'create', entity: 'task', fields: { ...BLANK_TASK, title: 'Kiểm tra chợ', assigneeOrg: 'Sở Y tế', createdAt: new Date(now).toISOString() } }]).ids[0]!;
  exchange(a, b);
  exchange(b, a);
  return { a, b, user, task };
}

describe('conflicts as the screens show them', () => {
  it('names the other site\'s operator, shows kept and lost values with their times; restore writes the lost value back', () => {
    const { a, b, user, task } = pair();
    now += 60_000;
    b.write({ userId: user }, [{ op: 'update', entity: 'task', id: task, fields: { dueDate: '2021-12-24' } }]);
    now += 60_000;
    a.write({ userId: null }, [{ op: 'update', entity: 'task', id: task, fields: { dueDate: '2021-12-31' } }]);
    exchange(b, a); // A had not pushed its edit: concurrent, B's older value loses and is kept
    const [c] = listConflicts(a, { entity: 'task', entityId: task });
    expect(c).toMatchObject({
      field: 'dueDate',
      currentValue: '2021-12-31',
      losingValue: '2021-12-24',
      losingUserName: 'Trần Thị Bình',
      losingSiteId: 'longbien',
      winningSiteId: 'hq',
      losingAt: '2021-12-20T03:01:00.000Z',
      winningAt: '2021-12-20T03:02:00.000Z',
      resolved: false,
      restorable: true,
    });
    now += 60_000;
    const before = a.lastSeq();
    const r = restoreConflict(a, null, c!.id);
    expect(r).toMatchObject({ resolved: true, currentValue: '2021-12-24', restorable: false });
    expect(a.get('task', task)!.dueDate).toBe('2021-12-24');
    // An ordinary recorded edit: it syncs and wins at B too.
    expect(a.changesSince(before).map((x) => [x.entity, x.field])).toEqual([['task', 'dueDate']]);
    exchange(a, b);
    expect(b.get('task', task)!.dueDate).toBe('2021-12-24');
    expect(listConflicts(a, {})).toEqual([]);
    expect(listConflicts(a, { includeResolved: true })).toHaveLength(1);
    expect(() => restoreConflict(a, null, c!.id)).toThrow(ApiError);
  });

  it('keep: the conflict closes and nothing is written; unknown ids are refused', () => {
    const { a, b, task } = pair();
    now += 60_000;
    b.write({ userId: null }, [{ op: 'update', entity: 'task', id: task, fields: { title: 'B' } }]);
    now += 60_000;
    a.write({ userId: null }, [{ op: 'update', entity: 'task', id: task, fields: { title: 'A' } }]);
    exchange(b, a);
    const [c] = listConflicts(a, {});
    expect(c!.losingUserName).toBeNull(); // no operator chosen at B: the site id names it
    const seq = a.lastSeq();
    expect(dismissConflict(a, c!.id)).toMatchObject({ resolved: true, currentValue: 'A' });
    expect(a.lastSeq()).toBe(seq);
    expect(() => dismissConflict(a, c!.id)).toThrow(/đã được xử lý/);
    expect(() => dismissConflict(a, 999)).toThrow(/#999/);
  });

  it('one ward\'s report for one day entered at both sites: the lost version is shown and restorable', () => {
    const [a, b] = [open('hq'), open('badinh')];
    const report = (newCommunity: number) => ({
      op: 'upsert' as const,
      entity: 'caseReport' as const,
      id: '00001:2021-12-20',
      fields: { unitCode: '00001', date: '2021-12-20', newCommunity, newQuarantined: 0, f0Home: 0, f0Facility: 0, f1HomeQuarantine: 0, needOxygen: 0, recovered: 0, deaths: 0, tests: 0 },
    });
    for (const s of [a, b]) ensureReferenceData(s);
    now += 60_000;
    b.write({ userId: null }, [report(7)]);
    now += 60_000;
    a.write({ userId: null }, [report(9)]);
    exchange(b, a);
    const cs = listConflicts(a, { entity: 'caseReport' });
    expect(cs.length).toBeGreaterThan(0);
    const c = cs[0]!;
    expect(c.restorable).toBe(true);
    expect(JSON.stringify(c.losingValue)).toContain('7');
    restoreConflict(a, null, c.id);
    expect(a.get('caseReport', '00001:2021-12-20')!.newCommunity).toBe(7);
  });
});
