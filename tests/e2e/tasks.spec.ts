import { test, expect, startApp, stopApp, saveScreenshot, recordForeignRequests, type AppServer } from './fixtures';
import type { TaskBoard } from '../../shared/api/ops/boards';
import type { Task } from '../../shared/domain';
import { hanoiToday } from '../../shared/format';
import { isOverdue } from '../../electron/core/boards/deadlines';

/**
 * The task board on demo data (directive 101/KH-UBND and its seven task groups) over a
 * short range, with the core's clock injected. "Today" on screen is the server's.
 */
const RANGE = { from: '2021-11-01', to: '2021-12-20' };

async function api<T>(app: AppServer, op: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${app.url}/api/op/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  const body = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.value;
}

test.describe('task workflow (clock at 10:00 on 20/12/2021)', () => {
  let app: AppServer;
  const start = Date.parse('2021-12-20T03:00:00Z');
  test.beforeAll(async () => {
    const t0 = Date.now();
    app = await startApp({ init: 'demo', clock: () => start + (Date.now() - t0), demoRange: RANGE });
  });
  test.afterAll(async () => stopApp(app));

  test('create a task from the directive, assign it, follow it up and move it through the workflow to done', async ({ page }) => {
    const foreign = recordForeignRequests(page, app.url);
    await page.goto(`${app.url}/tasks`);
    await expect(page.getByTestId('tasks-today')).toContainText('Hôm nay 20/12/2021');
    await expect(page.getByTestId('overdue-banner')).toHaveCount(0); // nothing of the demo is late yet on the 20th
    await expect(page.getByTestId('due-soon-banner')).toContainText('đến hạn trong 3 ngày tới');

    // Create from the directive (pre-selected), group N3; due yesterday: overdue at once.
    await page.getByTestId('new-task').click();
    await expect(page.getByTestId('task-directive').locator('option:checked')).toContainText('101/KH-UBND');
    await page.getByTestId('task-group').selectOption('N3');
    await page.getByTestId('task-title').fill('Bổ sung 200 giường tầng 2 tại quận Đống Đa');
    await page.getByTestId('task-description').fill('Rà soát, trưng dụng thêm giường cho người bệnh triệu chứng trung bình.');
    await page.getByTestId('task-assignee-org').fill('Sở Y tế');
    await page.getByTestId('task-priority').selectOption('urgent');
    await page.getByTestId('task-due').fill('19/12/2021');
    await page.getByTestId('task-place-type').selectOption('facility');
    await page.getByTestId('task-place-facility').selectOption({ label: 'Bệnh viện Bạch Mai' });
    await page.getByTestId('task-save').click();

    const detail = page.getByTestId('task-detail');
    await expect(detail).toContainText('Bổ sung 200 giường tầng 2 tại quận Đống Đa');
    await expect(detail.getByTestId('task-status')).toHaveText('Chưa thực hiện');
    await expect(detail.getByTestId('due-overdue')).toContainText('Quá hạn 1 ngày (19/12/2021)');
    await expect(page.getByTestId('overdue-banner')).toContainText('1 nhiệm vụ quá hạn');
    const id = new URL(page.url()).searchParams.get('task')!;
    const created = await api<Task>(app, 'tasks.get', { id });
    expect(created).toMatchObject({ groupKey: 'N3', status: 'open', priority: 'urgent', dueDate: '2021-12-19', createdAt: expect.stringMatching(/^2021-12-20T03:/) });

    // Assign it: to the district, with its responsible head.
    await detail.getByTestId('task-edit').click();
    await detail.getByTestId('task-assignee-org').fill('');
    await detail.getByTestId('task-assignee-district').selectOption({ label: 'Quận Đống Đa' });
    await expect(detail.getByTestId('task-assignee-org')).toHaveValue('UBND quận Đống Đa');
    await detail.getByTestId('task-head-name').fill('Trần Thị Lan Hương');
    await detail.getByTestId('task-head-position').fill('Phó Chủ tịch UBND quận');
    await detail.getByTestId('task-save').click();
    await expect(detail.getByTestId('task-assignee')).toHaveText('UBND quận Đống Đa');
    expect(await api<Task>(app, 'tasks.get', { id })).toMatchObject({ assigneeUnitCode: '006', headName: 'Trần Thị Lan Hương' });

    // Follow-up: a comment and an đôn đốc reminder, with author and time.
    await detail.getByTestId('entry-text').fill('Đã làm việc với 3 bệnh viện trên địa bàn.');
    await detail.getByTestId('entry-save').click();
    await detail.getByTestId('entry-kind').selectOption('reminder');
    await detail.getByTestId('entry-text').fill('Đôn đốc: báo cáo kết quả trước 17h.');
    await detail.getByTestId('entry-save').click();
    const log = detail.getByTestId('log-entry');
    await expect(log).toHaveCount(2);
    await expect(log.nth(0)).toContainText('Ý kiến');
    await expect(log.nth(0)).toContainText('Quản trị (máy này)');
    await expect(log.nth(0)).toContainText('20/12/2021 10:');
    await expect(log.nth(1)).toContainText('Đôn đốc');

    // The workflow: from the board card (keyboard "move to" button), then from the detail with a note.
    const card = page.locator(`[data-task-id="${id}"]`);
    await expect(card).not.toContainText('→ Hoàn thành'); // open → done is not a move
    await card.getByTestId('move-in_progress').click();
    await expect(page.getByTestId('column-in_progress').locator(`[data-task-id="${id}"]`)).toBeVisible();
    await detail.getByTestId('move-note').fill('Chờ Sở Tài chính bố trí kinh phí.');
    await detail.getByTestId('detail-move-blocked').click();
    await expect(detail.getByTestId('task-status')).toHaveText('Vướng mắc');
    await detail.getByTestId('detail-move-in_progress').click();
    await expect(detail.getByTestId('task-status')).toHaveText('Đang thực hiện');
    await detail.getByTestId('detail-move-done').click();
    await expect(detail.getByTestId('task-status')).toHaveText('Hoàn thành');
    await expect(page.getByTestId('column-done').locator(`[data-task-id="${id}"]`)).toBeVisible();
    await expect(page.getByTestId('overdue-banner')).toHaveCount(0);

    await expect(log).toHaveCount(6);
    await expect(log.nth(3)).toContainText('Đang thực hiện → Vướng mắc');
    await expect(log.nth(3)).toContainText('Chờ Sở Tài chính bố trí kinh phí.');
    await expect(detail.getByTestId('detail-move-in_progress')).toHaveText('→ Mở lại'); // done → in_progress is a reopen
    await saveScreenshot(page, 'task-detail');
    const updates = await api<{ kind: string; fromStatus: string | null; toStatus: string | null }[]>(app, 'taskUpdates.list', { taskId: id });
    expect(updates.filter((u) => u.kind === 'status_change').map((u) => `${u.fromStatus}>${u.toStatus}`)).toEqual([
      'open>in_progress',
      'in_progress>blocked',
      'blocked>in_progress',
      'in_progress>done',
    ]);
    expect(foreign).toEqual([]);
  });

  test('an inspection spawns a corrective task pointing back to it', async ({ page }) => {
    const board = await api<TaskBoard>(app, 'boards.tasks');
    const inspection = board.tasks.find((r) => r.kind === 'inspection' && r.title.includes('Pháp Vân'))!;
    await page.goto(`${app.url}/tasks?task=${inspection.id}`);
    const detail = page.getByTestId('task-detail');
    await detail.getByTestId('task-findings').fill('Khu A dùng trên 90% số giường; thiếu 12 điều dưỡng ca đêm.');
    await detail.getByTestId('save-findings').click();
    await expect(detail.getByTestId('save-findings')).toBeDisabled();
    await detail.getByTestId('spawn-corrective').click();
    const form = page.getByTestId('new-task-panel');
    await expect(form.getByTestId('task-title')).toHaveValue(/^Khắc phục sau kiểm tra: /);
    await form.getByTestId('task-assignee-org').fill('Sở Y tế');
    await form.getByTestId('task-due').fill('05/01/2022');
    await form.getByTestId('task-save').click();
    await expect(page.getByTestId('task-detail')).toContainText('Theo đoàn kiểm tra');
    const id = new URL(page.url()).searchParams.get('task')!;
    expect(await api<Task>(app, 'tasks.get', { id })).toMatchObject({ parentTaskId: inspection.id, placeFacilityId: inspection.placeFacilityId, groupKey: 'N7' });
    await page.getByTestId('task-detail').getByRole('button', { name: inspection.title }).click();
    await expect(page.getByTestId('corrective-tasks')).toContainText('Khắc phục sau kiểm tra');
    expect((await api<Task>(app, 'tasks.get', { id: inspection.id })).findings).toContain('12 điều dưỡng');
  });

  test('a card can be dragged only to a column the workflow allows', async ({ page }) => {
    const board = await api<TaskBoard>(app, 'boards.tasks');
    const open = board.tasks.find((r) => r.status === 'open')!;
    await page.goto(`${app.url}/tasks`);
    const card = page.locator(`[data-task-id="${open.id}"]`);
    await card.dragTo(page.getByTestId('column-done'));
    await expect(page.getByTestId('column-open').locator(`[data-task-id="${open.id}"]`)).toBeVisible();
    expect((await api<Task>(app, 'tasks.get', { id: open.id })).status).toBe('open');
    await card.dragTo(page.getByTestId('column-in_progress'));
    await expect(page.getByTestId('column-in_progress').locator(`[data-task-id="${open.id}"]`)).toBeVisible();
    expect((await api<Task>(app, 'tasks.get', { id: open.id })).status).toBe('in_progress');
  });
});

test.describe('overdue follows the injected clock (same data, clock at 10:00 on 24/12/2021)', () => {
  let app: AppServer;
  const now = Date.parse('2021-12-24T03:00:00Z');
  test.beforeAll(async () => {
    app = await startApp({ init: 'demo', clock: () => now, demoRange: RANGE });
  });
  test.afterAll(async () => stopApp(app));

  test('banner, highlighted cards and rows, filters, progress — all from the server date', async ({ page }) => {
    // Independent count: the tasks as stored, the pure rule, today from the injected clock.
    const tasks = await api<Task[]>(app, 'tasks.list');
    const today = hanoiToday(now);
    const overdue = tasks.filter((t) => isOverdue(t, today));
    expect(today).toBe('2021-12-24');
    expect(overdue.length).toBeGreaterThan(0);

    await page.goto(`${app.url}/tasks`);
    await expect(page.getByTestId('tasks-today')).toContainText('Hôm nay 24/12/2021');
    await expect(page.getByTestId('overdue-banner')).toContainText(`${overdue.length} nhiệm vụ quá hạn`);
    const red = page.locator('.task-card.overdue');
    await expect(red).toHaveCount(overdue.length);
    for (const t of overdue) await expect(page.locator(`[data-task-id="${t.id}"]`)).toHaveClass(/overdue/);
    await saveScreenshot(page, 'tasks-board');

    await page.getByTestId('show-overdue').click();
    await page.getByTestId('view-table').click();
    await expect(page.getByTestId('task-row')).toHaveCount(overdue.length);
    await expect(page.locator('tr.overdue')).toHaveCount(overdue.length);

    // Due this week (Mon 20 – Sun 26/12) includes the overdue ones of this week.
    await page.getByRole('button', { name: 'Bỏ lọc' }).click();
    await page.getByTestId('filter-week').check();
    const thisWeek = tasks.filter((t) => t.dueDate && t.dueDate >= '2021-12-20' && t.dueDate <= '2021-12-26' && t.status !== 'done' && t.status !== 'cancelled');
    await expect(page.getByTestId('task-row')).toHaveCount(thisWeek.length);
    await page.getByTestId('filter-week').uncheck();

    // Filter by district (assignee unit) and search without diacritics.
    await page.getByTestId('filter-district').selectOption({ label: 'Hoàng Mai' });
    const hoangMai = tasks.filter((t) => t.assigneeUnitCode === '008' || t.placeUnitCode === '008');
    await expect(page.getByTestId('task-row')).toHaveCount(hoangMai.length);
    await page.getByTestId('filter-district').selectOption('');
    await page.getByTestId('task-search').fill('tiem chung');
    await expect(page.getByTestId('task-row').first()).toContainText(/tiêm chủng/i);

    // Progress per directive and unit.
    await page.getByTestId('view-progress').click();
    const board = await api<TaskBoard>(app, 'boards.tasks');
    const d = board.directives.find((x) => x.code === '101/KH-UBND')!;
    await expect(page.getByTestId('progress-view')).toContainText(`${d.done}/${d.total}`);
    await expect(page.getByTestId('unit-progress').locator('tr.overdue')).toHaveCount(board.units.filter((u) => u.overdue > 0).length);
  });
});
