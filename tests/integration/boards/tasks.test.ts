import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBoardsApp, rejection, type BoardsApp } from './helpers';

describe('task workflow and task board through the API', () => {
  let app: BoardsApp;
  let directiveId: string;

  beforeEach(async () => {
    app = await openBoardsApp('2021-12-20T03:00:00Z'); // 10:00 on Monday 20/12/2021 in Hà Nội
    const d = await app.client.call('directives.create', {
      code: '101/KH-UBND',
      title: 'Kế hoạch bảy nhóm nhiệm vụ',
      issuer: 'UBND thành phố Hà Nội',
      issuedDate: '2021-11-03',
      groups: [{ key: 'N3', title: 'Điều trị, thu dung' }],
    });
    directiveId = d.id;
  });
  afterEach(async () => app.close());

  const newTask = (over: Record<string, unknown> = {}) =>
    app.client.call('tasks.create', {
      kind: 'task',
      title: 'Bổ sung 200 giường tầng 2',
      description: '',
      directiveId,
      groupKey: 'N3',
      assigneeOrg: 'UBND quận Đống Đa',
      assigneeUnitCode: '006',
      headName: 'Trần Thị Lan Hương',
      headPosition: 'Phó Chủ tịch UBND quận',
      placeType: 'none',
      placeUnitCode: null,
      placeFacilityId: null,
      placeLon: null,
      placeLat: null,
      priority: 'high',
      status: 'open',
      dueDate: '2021-12-21',
      parentTaskId: null,
      findings: '',
      ...over,
    });

  const move = (taskId: string, toStatus: string, text = '') =>
    app.client.call('taskUpdates.create', { taskId, kind: 'status_change', text, fromStatus: null, toStatus: toStatus as never });

  it('moves only along the workflow; a refused move writes nothing', async () => {
    const t = await newTask();
    const e = await rejection(move(t.id, 'done'));
    expect(e.code).toBe('invalid_input');
    expect(e.issues?.[0]?.path).toBe('toStatus');
    expect((await app.client.call('tasks.get', { id: t.id })).status).toBe('open');
    expect(await app.client.call('taskUpdates.list', { taskId: t.id })).toEqual([]);

    // The clock moves between entries: within one millisecond the log has no order (ids are
    // UUIDv7 with random bits below the millisecond).
    for (const s of ['in_progress', 'blocked', 'in_progress', 'done']) {
      app.clock.now += 1000;
      await move(t.id, s);
    }
    const log = await app.client.call('taskUpdates.list', { taskId: t.id });
    expect(log.map((u) => `${u.fromStatus}>${u.toStatus}`)).toEqual(['open>in_progress', 'in_progress>blocked', 'blocked>in_progress', 'in_progress>done']);
    expect((await app.client.call('tasks.get', { id: t.id })).status).toBe('done');
    expect((await rejection(move(t.id, 'cancelled'))).code).toBe('invalid_input');
  });

  it('the status cannot be patched around the log', async () => {
    const t = await newTask();
    const e = await rejection(app.client.call('tasks.update', { id: t.id, patch: { status: 'done' } }));
    expect(e.code).toBe('invalid_input');
    expect(e.issues?.[0]?.path).toBe('patch.status');
    // Other fields (assigning it) still update; the same status is a no-op, not an error.
    const u = await app.client.call('tasks.update', { id: t.id, patch: { assigneeOrg: 'Sở Y tế', assigneeUnitCode: null, status: 'open' } });
    expect(u).toMatchObject({ assigneeOrg: 'Sở Y tế', status: 'open' });
  });

  it('overdue and due-soon follow the injected clock (Hà Nội today), as the board reports it', async () => {
    const t = await newTask({ dueDate: '2021-12-21' });
    let board = await app.client.call('boards.tasks', {});
    expect(board.today).toBe('2021-12-20');
    expect(board.tasks.find((r) => r.id === t.id)).toMatchObject({ overdue: false, dueSoon: true, daysLeft: 1 });
    expect(board.counts).toMatchObject({ overdue: 0, dueSoon: 1 });

    // 22/12 00:30 in Hà Nội is still 21/12 in UTC: the task is overdue already.
    app.clock.now = Date.parse('2021-12-21T17:30:00Z');
    board = await app.client.call('boards.tasks', {});
    expect(board.today).toBe('2021-12-22');
    expect(board.tasks.find((r) => r.id === t.id)).toMatchObject({ overdue: true, dueSoon: false, daysLeft: -1 });
    expect(board.counts.overdue).toBe(1);
    expect(board.directives[0]).toMatchObject({ code: '101/KH-UBND', total: 1, done: 0, overdue: 1 });

    // Finishing it clears the flag.
    await move(t.id, 'in_progress');
    await move(t.id, 'done');
    board = await app.client.call('boards.tasks', {});
    expect(board.counts.overdue).toBe(0);
    expect(board.directives[0]).toMatchObject({ done: 1, pct: 100 });
  });

  it('inspections spawn corrective tasks; a facility detail lists the open tasks about it', async () => {
    const f = await app.client.call('facilities.create', {
      name: 'Cơ sở thu dung số 9',
      kind: 'treatment_facility',
      tier: 1,
      unitCode: '006',
      atIndustrialPark: false,
      lon: null,
      lat: null,
      beds: 500,
      icuBeds: 0,
      oxygenOutlets: 0,
      ventilators: 0,
      homeF0Capacity: null,
      osmId: null,
      active: true,
      note: '',
    });
    const insp = await newTask({ kind: 'inspection', title: 'Kiểm tra cơ sở thu dung số 9', placeType: 'facility', placeFacilityId: f.id });
    await app.client.call('tasks.update', { id: insp.id, patch: { findings: 'Thiếu 12 điều dưỡng ca đêm.' } });
    const fix = await newTask({ title: 'Bổ sung điều dưỡng', parentTaskId: insp.id, placeType: 'facility', placeFacilityId: f.id });
    await move(insp.id, 'in_progress');
    await move(insp.id, 'done');

    const board = await app.client.call('boards.tasks', {});
    expect(board.tasks.find((r) => r.id === insp.id)).toMatchObject({ kind: 'inspection', childCount: 1, placeLabel: 'Cơ sở thu dung số 9', updateCount: 2 });
    const detail = await app.client.call('boards.facility', { id: f.id });
    expect(detail.openTasks.map((t) => t.id)).toEqual([fix.id]);
    expect(detail.closedTaskCount).toBe(1);
    expect(detail.row).toMatchObject({ status: null, stale: true });
    expect(detail.history).toHaveLength(60);
    expect(detail.history.at(-1)?.date).toBe('2021-12-20');
  });
});
