import { test, expect, startApp, stopApp, saveScreenshot, recordForeignRequests, type AppServer } from './fixtures';

test.describe('app shell in web mode', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp();
  });
  test.beforeEach(async () => {
    // Tests below the first-run one need an initialised store; make each runnable alone.
    if (app.core.info('http').storeState === 'uninitialised' && !test.info().title.startsWith('first run')) await app.core.initStore('empty');
  });
  test.afterAll(async () => {
    await stopApp(app);
  });

  test('first run offers demo or empty store; then every screen is reachable in Vietnamese', async ({ page }) => {
    const foreign = recordForeignRequests(page, app.url);
    await page.goto(`${app.url}/`);
    await expect(page.getByRole('heading', { name: 'Bắt đầu sử dụng Sa Bàn' })).toBeVisible();
    await saveScreenshot(page, 'first-run');
    await page.getByTestId('init-empty').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Bản đồ tình huống/);
    await expect(page).toHaveURL(/\/map/);

    const screens: [string, RegExp, RegExp][] = [
      ['facilities', /^Cơ sở điều trị/, /\/facilities/],
      ['tasks', /^Nhiệm vụ/, /\/tasks/],
      ['data', /^Số liệu/, /\/data/],
      ['scenarios', /^Kịch bản/, /\/scenarios/],
      ['settings', /^Cài đặt/, /\/settings/],
      ['map', /^Bản đồ tình huống/, /\/map/],
    ];
    for (const [key, heading, url] of screens) {
      await page.getByTestId(`nav-${key}`).click();
      await expect(page).toHaveURL(url);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    }
    // Browser history works like a normal site.
    await page.goBack();
    await expect(page).toHaveURL(/\/settings/);
    expect(foreign, 'no request may leave the local server').toEqual([]);
  });

  test('Vietnamese text renders with the shipped font and the unit list is real', async ({ page }) => {
    await page.goto(`${app.url}/data`);
    const table = page.getByTestId('units-table');
    await expect(table.locator('tbody tr')).toHaveCount(30);
    await expect(table).toContainText('Quận Ba Đình');
    await expect(table).toContainText('Huyện Ứng Hòa');
    await expect(table).toContainText('221.893'); // Ba Đình 2019 population, vi-VN grouping
    const fontOk = await page.evaluate(async () => {
      await document.fonts.ready;
      const loaded = [...document.fonts].filter((f) => f.family.includes('Be Vietnam Pro') && f.status === 'loaded');
      return { check: document.fonts.check('16px "Be Vietnam Pro"', 'Ứng Hòa Đống Đa'), loaded: loaded.length };
    });
    expect(fontOk.check).toBe(true);
    expect(fontOk.loaded).toBeGreaterThan(0);
    const family = await page.locator('h1').evaluate((el) => getComputedStyle(el).fontFamily);
    expect(family).toContain('Be Vietnam Pro');
    await saveScreenshot(page, 'data-units');
  });

  test('switches to English and back', async ({ page }) => {
    await page.goto(`${app.url}/settings`);
    await page.getByTestId('language-select').selectOption('en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await expect(page.getByTestId('nav-map')).toHaveText(/Map/);
    await page.getByTestId('language-select').selectOption('vi');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cài đặt');
  });

  test('a change made elsewhere reaches the open page without reload (SSE)', async ({ page }) => {
    await page.goto(`${app.url}/map`);
    await expect(page.getByTestId('connection')).toContainText('Đã kết nối');
    await expect(page.getByTestId('freshness')).toContainText('Chưa có số liệu');
    const marker = await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = Math.random()));
    // Another operator saves a report through the API (a second client).
    const res = await fetch(`${app.url}/api/op/caseReports.upsert`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        rows: [{ unitCode: '001', date: '2021-12-05', newCommunity: 3, newQuarantined: 2, f0Home: 10, f0Facility: 1, f1HomeQuarantine: 20, needOxygen: 0, recovered: 0, deaths: 0, tests: 100 }],
      }),
    });
    expect(res.status).toBe(200);
    await expect(page.getByTestId('freshness')).toContainText('05/12/2021');
    expect(await page.evaluate(() => (window as unknown as { __marker: number }).__marker)).toBe(marker);
  });

  test('about screen shows the data attributions', async ({ page }) => {
    await page.goto(`${app.url}/about`);
    const list = page.getByTestId('attributions');
    await expect(list).toContainText('OpenStreetMap');
    await expect(list).toContainText('geoBoundaries');
    await expect(list).toContainText('GSO');
  });

  test('settings show every level threshold with its status; an admin can adjust one', async ({ page }) => {
    await page.goto(`${app.url}/settings`);
    const table = page.getByTestId('level-thresholds');
    await expect(table).toContainText('Cần rà soát');
    const row = page.getByTestId('threshold-t4800.tc1.band3');
    await expect(row).toBeVisible();
    await row.getByRole('textbox').fill('55');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(row).toContainText('đã chỉnh');
    await saveScreenshot(page, 'settings-levels');
    await page.getByRole('button', { name: 'Khôi phục mặc định' }).click();
    await expect(row).not.toContainText('đã chỉnh');
  });
});
