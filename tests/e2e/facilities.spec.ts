import { test, expect, startApp, stopApp, saveScreenshot, recordForeignRequests, type AppServer } from './fixtures';
import type { FacilityBoard } from '../../shared/api/ops/boards';
import { formatNumber } from '../../shared/format';

/**
 * The facility load board on demo data over a short range, with the core's clock
 * injected (10:00 on 20/12/2021 in Hà Nội, then ticking): every "now" on screen
 * (stale, alerts, trend days) is the server's.
 */
const START = Date.parse('2021-12-20T03:00:00Z');

test.describe('facility load board', () => {
  let app: AppServer;
  test.beforeAll(async () => {
    const t0 = Date.now();
    app = await startApp({ init: 'demo', clock: () => START + (Date.now() - t0), demoRange: { from: '2021-11-01', to: '2021-12-20' } });
  });
  test.afterAll(async () => stopApp(app));

  const api = async <T>(op: string, input: unknown = {}): Promise<T> => {
    const res = await fetch(`${app.url}/api/op/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
    const body = (await res.json()) as { ok: boolean; value: T };
    expect(body.ok).toBe(true);
    return body.value;
  };

  test('shows per-tier free places, alerts and every facility; search ignores diacritics; sorts and filters', async ({ page }) => {
    const foreign = recordForeignRequests(page, app.url);
    const board = await api<FacilityBoard>('boards.facilities');
    await page.goto(`${app.url}/facilities`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cơ sở điều trị');
    await expect(page.getByTestId('board-at')).toContainText('20/12/2021 10:');

    // City totals per tier, as the core computed them, in Vietnamese number format.
    for (const tier of board.tiers) {
      await expect(page.getByTestId(`tier-${tier.tier}-free`)).toHaveText(formatNumber(tier.free, 'vi'));
    }
    expect(board.tiers.find((t) => t.tier === 1)!.free).toBeGreaterThan(1000);

    // Alerts: the same list as boards.alerts, critical first.
    const alerts = (await api<{ alerts: FacilityBoard['alerts'] }>('boards.alerts')).alerts;
    expect(alerts.length).toBeGreaterThan(0);
    await expect(page.getByTestId('alert-count')).toHaveText(String(alerts.length));
    await expect(page.getByTestId('alert').first()).toContainText(alerts[0]!.name);
    await expect(page.getByTestId('alert').first()).toContainText(alerts[0]!.level === 'critical' ? 'Nguy cấp' : 'Cảnh báo');

    const rows = page.getByTestId('facility-row');
    await expect(rows).toHaveCount(board.facilities.length);
    await expect(page.getByTestId('stale-badge')).toHaveCount(board.facilities.filter((f) => f.stale).length);
    await saveScreenshot(page, 'facilities-board');

    // Diacritic-insensitive search: "bach mai" finds "Bệnh viện Bạch Mai"; "đông anh" with or without marks.
    await page.getByTestId('facility-search').fill('bach mai');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Bệnh viện Bạch Mai');
    await page.getByTestId('facility-search').fill('DONG ANH');
    const dongAnh = board.facilities.filter((f) => /Đông Anh/.test(`${f.name} ${f.unitName} ${f.districtName}`)).length;
    expect(dongAnh).toBeGreaterThan(1);
    await expect(rows).toHaveCount(dongAnh);
    await page.getByTestId('facility-search').fill('');

    // Filter: tier 3 only; sort by occupancy, highest first.
    await page.getByTestId('filter-tier').selectOption('3');
    await page.getByTestId('group-by').selectOption('none');
    await expect(rows).toHaveCount(board.facilities.filter((f) => f.tier === 3).length);
    await page.getByTestId('sort-pct').click(); // numbers sort highest first on the first click
    const fullest = board.facilities.filter((f) => f.tier === 3).sort((a, b) => (b.occupancyPct ?? -1) - (a.occupancyPct ?? -1))[0]!;
    await expect(rows.first()).toContainText(fullest.name);
    await expect(page.locator('th[aria-sort="descending"]')).toContainText('Công suất');

    // Only facilities with an alert.
    await page.getByTestId('filter-tier').selectOption('');
    await page.getByTestId('filter-alerts').check();
    const alerted = board.facilities.filter((f) => f.level === 'warn' || f.level === 'critical').length;
    await expect(rows).toHaveCount(alerted);
    expect(foreign).toEqual([]);
  });

  test('mobile stations tab compares home F0 with capacity and the benchmark', async ({ page }) => {
    const board = await api<FacilityBoard>('boards.facilities');
    await page.goto(`${app.url}/facilities`);
    await page.getByTestId('tab-stations').click();
    await expect(page.getByTestId('station-row')).toHaveCount(board.facilities.filter((f) => f.kind === 'mobile_station').length);
    await expect(page.getByTestId('stations-card')).toContainText(`${board.stations.benchmark} F0/trạm`);
    await expect(page.getByTestId('stations-table')).toContainText('KCN');
  });

  test('facility detail: history chart, keyboard status update that raises and then clears an alert, open tasks', async ({ page }) => {
    const board = await api<FacilityBoard>('boards.facilities');
    const f = board.facilities.find((r) => r.name.includes('Pháp Vân'))!;
    expect(f.level).toBe('ok');
    await page.goto(`${app.url}/facilities`);
    await page.getByRole('link', { name: f.name }).first().click();
    await expect(page).toHaveURL(new RegExp(`facility=${f.id}`));
    await expect(page.getByTestId('facility-name')).toHaveText(f.name);

    // History: beds occupied against capacity, one point per day.
    const chart = page.getByTestId('history-chart');
    await expect(chart.locator('[data-series="occupied"] path')).toHaveAttribute('d', /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){20,}/);
    await expect(chart.locator('[data-series="capacity"] path')).toHaveCount(1);
    // The inspection of this facility (demo) is an open task about it.
    await expect(page.getByTestId('facility-open-tasks')).toContainText('Kiểm tra công tác thu dung');

    // Keyboard only: time field, then the occupied beds, Enter saves.
    const critical = Math.ceil(f.beds * 0.96);
    await page.getByTestId('status-time').fill('09:58');
    await page.getByTestId('status-time').press('Tab'); // date → time → beds occupied
    await expect(page.getByTestId('status-bedsOccupied')).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(String(critical));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('status-saved')).toBeVisible();
    await expect(page.getByTestId('detail-occupied')).toContainText(formatNumber(critical, 'vi'));
    await expect(page.getByTestId('status-bedsOccupied')).toBeFocused();
    await saveScreenshot(page, 'facility-detail');

    await page.getByTestId('back-to-board').click();
    const alert = page.locator(`[data-alert-id="facility:${f.id}:beds"]`);
    await expect(alert).toContainText('Nguy cấp');

    // A newer report below the thresholds clears it.
    await page.getByRole('link', { name: f.name }).first().click();
    await page.getByTestId('status-time').fill('09:59');
    await page.getByTestId('status-bedsOccupied').fill(String(Math.floor(f.beds * 0.5)));
    await page.getByTestId('status-save').click();
    await expect(page.getByTestId('status-saved')).toBeVisible();
    await page.getByTestId('back-to-board').click();
    await expect(page.getByTestId('alert-list')).toBeVisible();
    await expect(alert).toHaveCount(0);
  });

  test('a bad status names the field and saves nothing', async ({ page }) => {
    const board = await api<FacilityBoard>('boards.facilities');
    const f = board.facilities.find((r) => r.tier === 2)!;
    await page.goto(`${app.url}/facilities?facility=${f.id}`);
    await page.getByTestId('status-icuOccupied').fill('-3');
    await page.getByTestId('status-date').fill('31/02/2021');
    await page.getByTestId('status-save').click();
    await expect(page.getByTestId('status-date')).toBeFocused();
    await expect(page.getByTestId('status-date')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('status-icuOccupied')).toHaveAttribute('aria-invalid', 'true');
    const after = await api<FacilityBoard>('boards.facilities');
    expect(after.facilities.find((r) => r.id === f.id)!.status?.id).toBe(f.status?.id);
  });
});
