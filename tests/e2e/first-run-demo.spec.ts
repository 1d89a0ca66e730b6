import { test, expect, startApp, stopApp, saveScreenshot, type AppServer } from './fixtures';

// First run offering demo data: the demo is loaded through the API and labelled DEMO.
test.describe('first run with demo data', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    app = await startApp({ demoRange: { from: '2021-12-01', to: '2021-12-10' } });
  });
  test.afterAll(async () => {
    await stopApp(app);
  });

  test('loads labelled demo data from the first-run screen', async ({ page }) => {
    await page.goto(`${app.url}/`);
    await expect(page.getByTestId('demo-badge')).toHaveCount(0);
    await page.getByTestId('init-demo').click();
    await expect(page.getByTestId('demo-badge')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('demo-badge')).toHaveText('DỮ LIỆU MẪU (DEMO)');
    await expect(page.getByTestId('freshness')).toContainText('10/12/2021');
    // Demo rows really are in the store (30 districts' wards reported on the last day).
    const n = app.core.store.db.prepare("SELECT COUNT(*) AS n FROM case_reports WHERE date = '2021-12-10'").get() as { n: number };
    expect(n.n).toBe(579);
    // A second initialisation is refused: demo data never overwrites a store silently.
    const again = await fetch(`${app.url}/api/op/app.initStore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"mode":"demo"}' });
    expect(again.status).toBe(409);
    await saveScreenshot(page, 'first-run-demo');
  });
});
