import type { Page } from '@playwright/test';
import { test, expect, startApp, stopApp, saveScreenshot, recordForeignRequests, type AppServer } from './fixtures';
import { startWebServer } from '../../electron/server/server';
import { rendererDir } from '../../electron/core/paths';
import { formatDate, formatNumber } from '../../shared/format';
import { DEFAULT_WALL_SETTINGS, type WallPanel, type WallSettings } from '../../shared/api/ops/wall';
import type { OpInput, OpName, OpOutput } from '../../shared/api/contract';
// Brings the read-only window.__sabanMap hook's type into scope.
import type {} from '../../renderer/src/map/testHook';

/**
 * The wall display (Màn hình lớn) in Chromium against web mode, demo data over a short range.
 * The day shown is the latest report date (TO); expected figures come from the same
 * operations, formatted with shared/format.
 */

const FROM = '2021-11-01';
const TO = '2021-12-31';
const MIN_PX_1080 = 28;

let app: AppServer;

async function op<K extends OpName>(name: K, input: OpInput<K>, token?: string): Promise<OpOutput<K>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${app.url}/api/op/${name}`, { method: 'POST', headers, body: JSON.stringify(input) });
  const body = (await res.json()) as { ok: boolean; value: OpOutput<K>; error?: unknown };
  if (!body.ok) throw new Error(`${name}: HTTP ${res.status} ${JSON.stringify(body.error)}`);
  return body.value;
}

const setWall = (s: Partial<WallSettings>) => op('wall.settings.set', { ...DEFAULT_WALL_SETTINGS, ...s });

async function openWall(page: Page, query = '') {
  await page.goto(`${app.url}/wall${query}`);
  const wall = page.getByTestId('wall');
  await expect(wall).toHaveAttribute('data-date', TO, { timeout: 20_000 });
  await expect(wall).toHaveAttribute('data-live', 'live', { timeout: 20_000 });
  return wall;
}

/** The wall's map has drawn the day (MapLibre loaded, classes applied, labels scaled, idle). */
async function waitForMap(page: Page) {
  await page.waitForFunction((d) => !!window.__sabanMap?.ready && window.__sabanMap.dataDay() === d, TO, { timeout: 30_000 });
  await expect(page.getByTestId('wall-map')).toHaveAttribute('data-drawn', new RegExp(`^${TO}:`), { timeout: 30_000 });
}

/** The cross-fade is over: only the active panel is visible. */
async function settled(page: Page, active: WallPanel, panels: readonly WallPanel[]) {
  for (const p of panels) {
    if (p === active) await expect(page.getByTestId(`wall-panel-${p}`)).toHaveCSS('opacity', '1');
    else await expect(page.getByTestId(`wall-panel-${p}`)).toBeHidden();
  }
}

/**
 * Every VISIBLE element that holds text directly, with its computed font size; those under
 * `min` px are returned (empty = the panel is legible from 5 m).
 */
async function textsUnder(page: Page, min: number) {
  return page.evaluate((minPx) => {
    const out: { text: string; px: number }[] = [];
    let checked = 0;
    for (const el of document.querySelectorAll<HTMLElement>('[data-testid="wall"] *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!own) continue;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > innerHeight) continue;
      checked++;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < minPx) out.push({ text: el.textContent!.trim().slice(0, 60), px });
    }
    return { small: out, checked };
  }, min);
}

test.describe('wall display', () => {
  test.beforeAll(async () => {
    app = await startApp({ init: 'demo', demoRange: { from: FROM, to: TO } });
  });
  test.afterAll(async () => {
    await stopApp(app);
  });
  test.afterEach(async () => {
    await setWall({});
  });

  test('1920×1080: dark, full screen, DEMO and freshness shown; every panel legible (≥ 28 px)', async ({ page }) => {
    const foreign = recordForeignRequests(page, app.url);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.clock.install();
    const wall = await openWall(page);

    // No app shell around it; dark theme; the day is the latest report date.
    await expect(page.locator('.sidenav')).toHaveCount(0);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByTestId('wall-date')).toHaveText(`Số liệu ngày ${formatDate(TO)}`);
    await expect(page.getByTestId('wall-demo')).toHaveText('DỮ LIỆU DEMO');
    await expect(page.getByTestId('wall-live')).toContainText('Trực tiếp');
    const info = await op('app.info', {});
    await expect(page.getByTestId('wall-freshness')).toContainText('Cập nhật');
    expect(info.freshness.lastReportDate).toBe(TO);
    // No sync yet: its slot stays empty.
    await expect(page.getByTestId('wall-sync')).toHaveCount(0);

    const order = DEFAULT_WALL_SETTINGS.panels;
    await expect(wall).toHaveAttribute('data-panel', order[0]!);
    await waitForMap(page);
    await settled(page, order[0]!, order);
    await saveScreenshot(page, 'wall-1080');

    for (const [i, panel] of order.entries()) {
      if (i > 0) {
        await page.clock.runFor(DEFAULT_WALL_SETTINGS.intervalSec * 1000);
        await expect(wall).toHaveAttribute('data-panel', panel);
        await settled(page, panel, order);
        await saveScreenshot(page, `wall-1080-${panel}`);
      }
      const { small, checked } = await textsUnder(page, MIN_PX_1080);
      expect(checked, `visible texts on ${panel}`).toBeGreaterThan(5);
      expect(small, `texts under ${MIN_PX_1080}px on panel ${panel}`).toEqual([]);
    }
    expect(foreign).toEqual([]);
  });

  test('3840×2160: everything scales (base 56 px), the map fills the panel', async ({ page }) => {
    await page.setViewportSize({ width: 3840, height: 2160 });
    await openWall(page);
    await waitForMap(page);
    await saveScreenshot(page, 'wall-2160');
    expect(await textsUnder(page, 56).then((r) => r.small)).toEqual([]);
    const frame = await page.getByTestId('wall-map').boundingBox();
    expect(frame!.width).toBeGreaterThan(2500);
    expect(frame!.height).toBeGreaterThan(1400);
  });

  test('rotation follows the shared setting (order and seconds) on a fake clock', async ({ page }) => {
    const panels: WallPanel[] = ['levels', 'headline', 'tasks'];
    await setWall({ panels, intervalSec: 7 });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.clock.install();
    const wall = await openWall(page);
    await expect(wall).toHaveAttribute('data-panel', 'levels');
    await expect(page.locator('.wall-dots li')).toHaveText(['Thay đổi cấp độ', 'Số liệu chính', 'Nhiệm vụ quá hạn']);
    // Freeze real time, then step: each 7 s window shows exactly the next panel, and wraps.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 100);
    for (const next of ['headline', 'tasks', 'levels', 'headline'] as const) {
      await page.clock.runFor(7_000);
      await expect(wall).toHaveAttribute('data-panel', next);
    }
  });

  test('a new case report reaches the open wall without a reload', async ({ page }) => {
    await setWall({ panels: ['headline'] });
    await page.setViewportSize({ width: 1920, height: 1080 });
    let navigations = 0;
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations++);
    await openWall(page);
    const value = page.getByTestId('wall-value-newToday');
    const before = (await op('metrics.snapshot', { date: TO, level: 'district' })).city;
    await expect(value).toHaveText(formatNumber(before.newCasesToday));
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 42));
    const navsBefore = navigations;

    // One ward's report for the day gets 250 more community cases, through the API.
    const [row] = await op('caseReports.list', { date: TO });
    const { id: _id, ...fields } = row!;
    await op('caseReports.upsert', { rows: [{ ...fields, newCommunity: row!.newCommunity + 250 }] });
    const after = (await op('metrics.snapshot', { date: TO, level: 'district' })).city;
    expect(after.newCasesToday).toBe(before.newCasesToday + 250);

    await expect(value).toHaveText(formatNumber(after.newCasesToday), { timeout: 10_000 });
    expect(navigations).toBe(navsBefore);
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(42);
  });

  test('network loss: the figures stay, "Mất kết nối" shows, and it reconnects by itself', async ({ page }) => {
    await setWall({ panels: ['headline'] });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openWall(page);
    const value = page.getByTestId('wall-value-new7d');
    const shown = await value.textContent();

    const port = app.server.port;
    await app.server.close();
    await expect(page.getByTestId('wall-live')).toContainText('Mất kết nối', { timeout: 15_000 });
    await expect(value).toHaveText(shown!);
    await saveScreenshot(page, 'wall-offline');

    app.server = await startWebServer({
      handlers: app.core.handlers,
      bus: app.core.bus,
      staticDir: rendererDir(),
      port,
      localContext: () => app.core.localContext(),
      contentSecurityPolicy: () => app.core.contentSecurityPolicy(),
      validateOutput: true,
    });
    await expect(page.getByTestId('wall-live')).toContainText('Trực tiếp', { timeout: 20_000 });
    // And changes flow again.
    const [row] = await op('caseReports.list', { date: TO });
    const { id: _id, ...fields } = row!;
    await op('caseReports.upsert', { rows: [{ ...fields, newCommunity: row!.newCommunity + 40 }] });
    const city = (await op('metrics.snapshot', { date: TO, level: 'district' })).city;
    await expect(value).toHaveText(formatNumber(city.newTotal7d), { timeout: 10_000 });
  });

  test('a read-only wall token opens the wall; revoked, it is refused from the next request', async ({ page }) => {
    const created = await op('wall.tokens.create', { label: 'Phòng chỉ huy', baseUrl: app.url });
    expect(created.url).toBe(`${app.url}/wall?token=${created.token}`);
    expect(created.token).toMatch(/^sbw_[A-Za-z0-9_-]{43}$/);
    // The token is not stored: only a fingerprint of its hash is listed.
    const listed = await op('wall.tokens.list', {});
    expect(JSON.stringify(listed)).not.toContain(created.token);

    // Read-only: reads pass, writes are forbidden (dispatch enforces the viewer role).
    expect((await op('app.info', {}, created.token)).name).toBe('Sa Bàn');
    const write = await fetch(`${app.url}/api/op/wall.settings.set`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${created.token}` },
      body: JSON.stringify(DEFAULT_WALL_SETTINGS),
    });
    expect(write.status).toBe(403);

    await setWall({ panels: ['headline'] });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(created.url!);
    const wall = page.getByTestId('wall');
    await expect(wall).toHaveAttribute('data-date', TO, { timeout: 20_000 });
    await expect(wall).toHaveAttribute('data-live', 'live');
    await expect(page.locator('.wall-ro')).toHaveText('Chỉ xem');
    // The figures are on screen before the token is revoked (they must stay afterwards).
    const shown = page.getByTestId('wall-value-newToday');
    await expect(shown).not.toHaveText('', { timeout: 15_000 });
    const figure = await shown.textContent();

    await op('wall.tokens.revoke', { id: created.info.id });
    const refused = await fetch(`${app.url}/api/op/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${created.token}` },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    expect((await fetch(`${app.url}/api/events?token=${created.token}`)).status).toBe(401);

    // The open wall's stream ends at the next change; it cannot reconnect and says why.
    const [row] = await op('caseReports.list', { date: TO });
    const { id: _id, ...fields } = row!;
    await op('caseReports.upsert', { rows: [{ ...fields, tests: row!.tests + 1 }] });
    await expect(wall).toHaveAttribute('data-live', 'refused', { timeout: 15_000 });
    await expect(page.getByTestId('wall-live')).toContainText('đã bị thu hồi');
    // The last figures stay on screen.
    await expect(shown).toHaveText(figure!);
  });

  test('Settings → Màn hình lớn: order, seconds and metric are saved; a view token is shown once and can be revoked', async ({ page }) => {
    await page.goto(`${app.url}/settings`);
    const card = page.getByTestId('wall-settings');
    await expect(card).toBeVisible();
    await page.getByTestId('wall-panel-toggle-tasks').uncheck();
    await page.getByRole('button', { name: 'Lên: Thay đổi cấp độ' }).click();
    await page.getByTestId('wall-interval').fill('30');
    await page.getByTestId('wall-metric').selectOption('incidence');
    await page.getByTestId('wall-save').click();
    await expect(card).toContainText('Đã lưu.');
    expect((await op('wall.settings.get', {})).values).toEqual({ panels: ['map', 'headline', 'levels', 'facilities'], intervalSec: 30, metric: 'incidence' });

    await page.getByTestId('wall-token-label').fill('Màn hình phòng họp');
    await page.getByTestId('wall-token-create').click();
    const url = (await page.getByTestId('wall-token-url').first().textContent())!;
    expect(url).toMatch(new RegExp(`^${app.url}/wall\\?token=sbw_[A-Za-z0-9_-]{43}$`));
    const token = new URL(url).searchParams.get('token')!;
    expect((await op('wall.status', {}, token)).readOnly).toBe(true);
    const row = page.getByTestId('wall-token-row').filter({ hasText: 'Màn hình phòng họp' });
    await expect(row).toContainText('đang dùng');
    await card.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'wall-settings');
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    await expect(row).toContainText('đã thu hồi');
    await expect(op('app.info', {}, token)).rejects.toThrow(/HTTP 401/);
  });
});
