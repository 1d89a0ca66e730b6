import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import { taskStatus, type TaskStatus } from '../../../shared/domain';
import { generateDemo } from '../../../electron/core/demo';
import { TASK_STATUSES, TASK_TRANSITIONS, assertTransition, canTransition, isActiveStatus } from '../../../electron/core/boards/workflow';

const ALL = taskStatus.options;

/** The workflow as the issue states it, written out move by move (the spec of the table). */
const EXPECTED: ReadonlyArray<[TaskStatus, TaskStatus]> = [
  ['open', 'in_progress'],
  ['open', 'blocked'],
  ['open', 'cancelled'],
  ['in_progress', 'blocked'],
  ['in_progress', 'done'],
  ['in_progress', 'cancelled'],
  ['blocked', 'in_progress'],
  ['blocked', 'done'],
  ['blocked', 'cancelled'],
  ['done', 'in_progress'], // reopen
  ['cancelled', 'open'], // restore
];

describe('task status workflow (one table)', () => {
  it('allows exactly the listed moves, over every pair of statuses', () => {
    const allowed = new Set(EXPECTED.map(([a, b]) => `${a}>${b}`));
    for (const from of ALL) {
      for (const to of ALL) expect(canTransition(from, to), `${from} → ${to}`).toBe(allowed.has(`${from}>${to}`));
    }
  });

  it('covers every status, in board order, with no self-moves', () => {
    expect([...TASK_STATUSES].sort()).toEqual([...ALL].sort());
    expect(TASK_STATUSES[0]).toBe('open');
    for (const s of ALL) expect(TASK_TRANSITIONS[s]).not.toContain(s);
  });

  it('needs work to have started before done, and reaches every status from open', () => {
    expect(canTransition('open', 'done')).toBe(false);
    const seen = new Set<TaskStatus>(['open']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const s of [...seen]) {
        for (const t of TASK_TRANSITIONS[s]) {
          if (!seen.has(t)) {
            seen.add(t);
            grew = true;
          }
        }
      }
    }
    expect([...seen].sort()).toEqual([...ALL].sort());
  });

  it('done and cancelled are the finished statuses', () => {
    expect(ALL.filter(isActiveStatus).sort()).toEqual(['blocked', 'in_progress', 'open']);
  });

  it('assertTransition names the field and both statuses when refusing', () => {
    expect(() => assertTransition('open', 'in_progress')).not.toThrow();
    try {
      assertTransition('open', 'done');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      const err = e as ApiError;
      expect(err.code).toBe('invalid_input');
      expect(err.issues?.[0]?.path).toBe('toStatus');
      expect(err.message).toContain('Chưa thực hiện');
      expect(err.message).toContain('Hoàn thành');
    }
  });

  it('every status change in the demo follow-up logs is an allowed move', () => {
    const demo = generateDemo();
    const changes = demo.taskUpdates.filter((u) => u.kind === 'status_change');
    expect(changes.length).toBeGreaterThan(50);
    for (const u of changes) expect(canTransition(u.fromStatus!, u.toStatus!), `${u.fromStatus} → ${u.toStatus} (${u.text})`).toBe(true);
  });
});
