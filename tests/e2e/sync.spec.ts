import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, startApp, stopApp, saveScreenshot, type AppServer } from './fixtures';
import { startHub, type RunningHub } from '../../electron/hub/server';
import { BLANK_TASK, type Task } from '../../shared/domain';
import type { CallContext } from '../../electron/core/api/context';

/**
 * Sync from the operator's seat: a real hub (SQLite, 127.0.0.1), workstation A in the
 * browser, district office B as a second core. Enrol A from Cài đặt → Đồng bộ, see the
 * status bar, edit the same task title at both sites before syncing, see "changed at the
 * same time by …" with the losing value, restore it; then move changes on a file (USB).
 */

const ADMIN = 'e2e-admin-token';
let hub: RunningHub;
let hubDir: string;
let a: AppServer;
let b: AppServer;

async function enrolmentCode(role = 'operator'): Promise<string> {
  const res = await fetch(new URL('/admin/enrolment-codes', hub.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { code: string }).code;
}

const ctxOf = (app: AppServer): CallContext => ({ ...app.core.localContext(), transport: 'http' });
const call = <T,>(app: AppServer, op: string, input: unknown): Promise<T> =>
  Promise.resolve((app.core.handlers as unknown as Record<string, (i: unknown, c: CallContext) => T | Promise<T>>)[op]!(input, ctxOf(app)));

test.describe('sync', () => {
  test.beforeAll(async () => {
    hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'saban-e2e-hub-'));
    hub = await startHub({ dbPath: path.join(hubDir, 'hub.sqlite'), adminToken: ADMIN });
    a = await startApp({ init: 'empty' });
    b = await startApp({ init: 'empty' });
    // B is a district office with a named operator: its edits carry her name to A.
    const binh = await call<{ id: string }>(b, 'users.create', { username: 'binh.tt', displayName: 'Trần Thị Bình', role: 'operator', districtCodes: [], active: true });
    await call(b, 'session.switch', { userId: binh.id });
    await b.core.sync.enrol({ hubUrl: hub.url, code: await enrolmentCode(), deviceName: 'UBND quận Long Biên', intervalSec: 0 });
  });
  test.afterAll(async () => {
    await stopApp(a);
    await stopApp(b);
    await hub.close();
    fs.rmSync(hubDir, { recursive: true, force: true });
  });

  test('without sync the status bar says nothing about it; enrolling from Cài đặt shows the status everywhere', async ({ page }) => {
    await page.goto(`${a.url}/map`);
    await expect(page.getByTestId('statusbar')).toBeVisible();
    await expect(page.getByTestId('sync-indicator')).toHaveCount(0);

    await page.goto(`${a.url}/settings#sync`);
    const box = page.getByTestId('sync-settings');
    await expect(box.getByTestId('sync-enrol')).toBeVisible();
    // A wrong code: the hub's refusal is shown and nothing is saved.
    await box.getByTestId('sync-hub-url').fill(hub.url);
    await box.getByTestId('sync-code').fill('AAAA-BBBB-CCCC-DDDD');
    await box.getByTestId('sync-device-name').fill('Trung tâm chỉ huy — máy 1');
    await box.getByTestId('sync-interval').fill('0');
    await box.getByTestId('sync-enrol-submit').click();
    await expect(box.getByTestId('sync-enrol-error')).toContainText(/Mã đăng ký sai|enrolment code/);
    await box.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'sync-enrol');

    await box.getByTestId('sync-code').fill(await enrolmentCode());
    await box.getByTestId('sync-enrol-submit').click();
    await expect(box.getByTestId('sync-connected')).toBeVisible();
    await expect(box.getByTestId('sync-hub')).toHaveText(hub.url);
    const indicator = page.getByTestId('sync-indicator');
    await expect(indicator).toContainText('Đồng bộ: chưa đồng bộ lần nào');

    // A task made here is pending until "sync now".
    await call(a, 'tasks.create', { ...BLANK_TASK, title: 'Kiểm tra chợ Long Biên', assigneeOrg: 'UBND quận Long Biên' });
    await expect(box.getByTestId('sync-pending')).not.toHaveText('0');
    await expect(indicator).toContainText('chờ gửi');
    await box.getByTestId('sync-now').click();
    await expect(box.getByTestId('sync-now-result')).toContainText(/gửi [1-9]/);
    await expect(box.getByTestId('sync-pending')).toHaveText('0');
    await expect(indicator).toContainText('Đồng bộ: lần cuối');
    await expect(indicator).not.toContainText('chờ gửi');
    await expect(box.getByTestId('sync-log').locator('tbody tr')).toHaveCount(1);
    // The wall display shows the last successful sync next to its freshness.
    await page.goto(`${a.url}/wall`);
    await expect(page.getByTestId('wall-sync')).toBeVisible();
  });

  test('the same title edited at both sites: "changed at the same time by …", the lost value visible and restorable', async ({ page }) => {
    await b.core.sync.syncNow();
    const [task] = (await call<Task[]>(b, 'tasks.list', {})).filter((x) => x.title === 'Kiểm tra chợ Long Biên');
    expect(task).toBeTruthy();
    // B (district) renames and syncs first; A renames the same field before it has pulled.
    await call(b, 'tasks.update', { id: task!.id, patch: { title: 'Kiểm tra chợ Long Biên và chợ Gia Lâm' } });
    await b.core.sync.syncNow();
    await call(a, 'tasks.update', { id: task!.id, patch: { title: 'Kiểm tra chợ Long Biên (đoàn liên ngành)' } });

    await page.goto(`${a.url}/settings#sync`);
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-now-result')).toContainText('1 xung đột');
    await expect(page.getByTestId('sync-indicator')).toContainText('1 xung đột');
    await expect(page.getByTestId('sync-conflicts').locator('li')).toHaveCount(1);
    await expect(page.getByTestId('sync-conflicts')).toContainText('Nhiệm vụ');

    await page.goto(`${a.url}/tasks?task=${task!.id}`);
    const notice = page.getByTestId('task-detail').getByTestId('conflict-notice');
    // Named after the OTHER site's operator, although here her edit is the one that lost.
    await expect(notice).toContainText('Thay đổi cùng lúc bởi Trần Thị Bình');
    await expect(notice.getByTestId('conflict-kept')).toHaveText('Kiểm tra chợ Long Biên (đoàn liên ngành)');
    await expect(notice.getByTestId('conflict-lost')).toHaveText('Kiểm tra chợ Long Biên và chợ Gia Lâm');
    await expect(notice).toContainText('máy này');
    await saveScreenshot(page, 'sync-conflict-task');

    await notice.getByTestId('conflict-restore').click();
    await expect(page.getByTestId('task-detail').getByRole('heading', { level: 2 })).toHaveText('Kiểm tra chợ Long Biên và chợ Gia Lâm');
    await expect(page.getByTestId('conflict-notice')).toHaveCount(0);
    await expect(page.getByTestId('sync-indicator')).not.toContainText('xung đột');
    // The restore is an ordinary edit: it is pending and reaches B at the next round.
    await expect(page.getByTestId('sync-indicator')).toContainText('chờ gửi');
    await call(a, 'sync.now', {});
    await b.core.sync.syncNow();
    expect(b.core.store.get('task', task!.id)?.title).toBe('Kiểm tra chợ Long Biên và chợ Gia Lâm');
  });

  test('changes on a file: B exports everything, A previews and imports it; importing again adds nothing', async ({ page }) => {
    // B works offline (no hub round) and hands its changes over on a USB stick.
    await call(b, 'tasks.create', { ...BLANK_TASK, title: 'Lập chốt kiểm soát cầu Chương Dương', assigneeOrg: 'Công an quận Long Biên' });
    const file = await call<{ fileName: string; contentBase64: string; count: number }>(b, 'sync.file.export', { scope: 'pending' });
    expect(file.fileName).toMatch(/\.sabanchanges$/);
    expect(file.count).toBeGreaterThan(0);

    await page.goto(`${a.url}/settings#sync`);
    const box = page.getByTestId('sync-file');
    // Export from A: a real download of a changes file.
    const download = page.waitForEvent('download');
    await box.getByTestId('sync-export-all').click();
    expect((await download).suggestedFilename()).toMatch(/\.sabanchanges$/);

    const upload = { name: file.fileName, mimeType: 'application/gzip', buffer: Buffer.from(file.contentBase64, 'base64') };
    await box.getByTestId('sync-file-input').setInputFiles(upload);
    await expect(box.getByTestId('sync-file-preview')).toContainText(`${file.count} thay đổi, ${file.count} mới`);
    await box.getByTestId('sync-file-apply').click();
    await expect(box.getByTestId('sync-file-result')).toContainText(`Đã nhập ${file.count} thay đổi`);
    expect((await call<Task[]>(a, 'tasks.list', {})).some((x) => x.title === 'Lập chốt kiểm soát cầu Chương Dương')).toBe(true);
    await expect(page.getByTestId('sync-log')).toContainText('Tệp (USB)');
    await saveScreenshot(page, 'sync-settings');

    // The same file again: recognised, nothing new.
    await box.getByTestId('sync-file-input').setInputFiles([]);
    await box.getByTestId('sync-file-input').setInputFiles(upload);
    await expect(box.getByTestId('sync-file-preview')).toContainText(`0 mới, ${file.count} đã có`);

    // Not a changes file: a clear refusal, nothing written.
    const seq = a.core.store.lastSeq();
    await box.getByTestId('sync-file-input').setInputFiles({ name: 'bao-cao.sabanchanges', mimeType: 'application/gzip', buffer: Buffer.from('Ngày;Quận/Huyện\n') });
    await expect(box.getByTestId('sync-file-error')).toContainText('gzip');
    await expect(box.getByTestId('sync-file-preview')).toHaveCount(0);
    expect(a.core.store.lastSeq()).toBe(seq);
  });
});
