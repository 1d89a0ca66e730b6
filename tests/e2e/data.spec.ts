import { test, expect, startApp, stopApp, saveScreenshot, recordForeignRequests, type AppServer } from './fixtures';

/**
 * Số liệu in real Chromium against a real web-mode server and SQLite store holding a
 * week of demo data: a file import through the file chooser (dry run → problems with
 * row/column/reason → corrected file → apply → data visible), and keyboard entry in the
 * grid (Tab/Enter, a pasted block, a validation error, save, reload).
 */
let app: AppServer;
test.beforeAll(async () => {
  app = await startApp({ init: 'demo', demoRange: { from: '2021-11-29', to: '2021-12-05' } });
});
test.afterAll(async () => {
  await stopApp(app);
});

const HEADER = 'Ngày;Quận/Huyện;Phường/Xã;Số ca mắc mới tại cộng đồng;Trong khu cách ly;F0 điều trị tại nhà;F0 điều trị tại cơ sở;Bệnh nhân thở ô xy';
const rows = (community4: string) => [
  HEADER,
  '06/12/2021;Q. Ba Đình;P. Phúc Xá;4;1;30;6;2',
  '06/12/2021;Ba Đình;Trúc Bạch;2;0;12;3;1',
  `06/12/2021;Ba Đình;Vĩnh Phúc;${community4};0;8;2;0`,
  '06/12/2021;Ba Đình;Cống Vị;1.234;0;1.500;40;9',
  'Tổng cộng;;;1.240;1;1.550;51;12',
];

test('import a CSV: dry run lists problems with row, column and reason; the fixed file applies and shows up', async ({ page }) => {
  const foreign = recordForeignRequests(page, app.url);
  await page.goto(`${app.url}/data?tab=import`);
  await expect(page.getByTestId('import-panel')).toBeVisible();
  await page.getByTestId('import-source').fill('TTYT Ba Đình');
  await page.getByTestId('import-file').setInputFiles({ name: 'ba-dinh-06-12.csv', mimeType: 'text/csv', buffer: Buffer.from(rows('-3').join('\r\n'), 'utf8') });

  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  const count = (id: string) => page.getByTestId(`count-${id}`).locator('.value');
  // 5 non-blank rows under the header: 3 good, 1 with an error, 1 "Tổng cộng" row skipped.
  await expect(count('total')).toHaveText('5');
  await expect(count('valid')).toHaveText('3');
  await expect(count('errors')).toHaveText('1');
  await expect(count('skipped')).toHaveText('1');
  await expect(count('created')).toHaveText('3');
  await expect(count('updated')).toHaveText('0');
  const problem = page.getByTestId('import-problems').locator('tbody tr').first();
  await expect(problem.locator('td').nth(0)).toHaveText('4');
  await expect(problem.locator('td').nth(1)).toHaveText('Số ca mắc mới tại cộng đồng');
  await expect(problem.locator('td').nth(2)).toContainText('"-3" không được âm');
  await expect(page.getByTestId('import-apply')).toBeDisabled();
  await expect(page.getByTestId('import-skipped')).toContainText('dòng tổng');
  await saveScreenshot(page, 'data-import-preview');

  // The district sends the corrected file.
  await page.getByTestId('import-file').setInputFiles({ name: 'ba-dinh-06-12-sua.csv', mimeType: 'text/csv', buffer: Buffer.from(rows('3').join('\r\n'), 'utf8') });
  await expect(count('errors')).toHaveText('0');
  await expect(count('created')).toHaveText('4');
  await expect(page.getByTestId('import-changes')).toContainText('Phường Cống Vị · 06/12/2021');
  await page.getByTestId('import-apply').click();
  await expect(page.getByTestId('import-done')).toContainText('4 mới');

  // The imported figures are in the store and on screen.
  await page.goto(`${app.url}/data?tab=entry&district=001&date=2021-12-06`);
  await expect(page.getByTestId('cell-00007-f0Home')).toHaveValue('1500');
  await expect(page.getByTestId('cell-00001-newCommunity')).toHaveValue('4');
  expect(app.core.store.get('caseReport', '00007:2021-12-06')).toMatchObject({ newCommunity: 1234, f0Home: 1500, needOxygen: 9 });
  // The mapping is remembered for the source.
  expect(app.core.store.getSetting('import.mapping.caseReports.ttyt-ba-dinh')).toMatchObject({ sourceName: 'TTYT Ba Đình' });
  expect(foreign).toEqual([]);
});

test('entry grid: keyboard, pasted block, validation error, save, reload', async ({ page }) => {
  // Yesterday's figures for three wards, saved by another operator.
  const yesterday = [
    ['00001', 4, 0, 38, 7, 85, 2, 3, 0, 240],
    ['00004', 1, 1, 12, 1, 18, 0, 0, 0, 75],
    ['00006', 5, 1, 30, 6, 90, 1, 1, 0, 300],
  ].map(([unitCode, ...v]) => ({
    unitCode,
    date: '2021-12-07',
    ...Object.fromEntries(['newCommunity', 'newQuarantined', 'f0Home', 'f0Facility', 'f1HomeQuarantine', 'needOxygen', 'recovered', 'deaths', 'tests'].map((f, i) => [f, v[i]])),
  }));
  const res = await fetch(`${app.url}/api/op/caseReports.upsert`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rows: yesterday }) });
  expect(res.ok).toBe(true);
  await page.goto(`${app.url}/data?tab=entry&district=001&date=2021-12-08`);
  await expect(page.getByTestId('entry-grid')).toBeVisible();
  await expect(page.getByTestId('cell-00001-newCommunity')).toHaveValue('');
  // Yesterday's value sits in the corner of each cell.
  await expect(page.locator('tr[data-ward="00001"] td').nth(2).locator('.prev')).toHaveText('38');

  // Row 1 typed with the keyboard: Tab moves right.
  await page.getByTestId('cell-00001-newCommunity').click();
  for (const v of ['5', '1', '40', '7', '90', '3', '2', '0', '250']) {
    await page.keyboard.type(v);
    await page.keyboard.press('Tab');
  }
  await expect(page.getByTestId('cell-00001-tests')).toHaveValue('250');
  // Enter moves down the same column.
  await page.getByTestId('cell-00001-f0Home').click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cell-00004-f0Home')).toBeFocused();

  // A block copied from Excel (tab-separated, two rows) pasted into row 2, first column.
  const block = '2\t0\t11\t1\t20\t0\t1\t0\t80\r\n6\t2\t33\t6\t95\t1\t2\t1\t310\r\n';
  await page.getByTestId('cell-00004-newCommunity').focus();
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, block);
  await expect(page.getByTestId('entry-message')).toContainText('Đã dán 2 dòng × 9 cột');
  await expect(page.getByTestId('cell-00004-tests')).toHaveValue('80');
  await expect(page.getByTestId('cell-00006-f0Home')).toHaveValue('33');

  // Oxygen patients above the active F0 of the row: refused as you type.
  await page.getByTestId('cell-00006-needOxygen').fill('50');
  await expect(page.getByTestId('entry-errors')).toContainText('Bệnh nhân phải thở ô xy (50) lớn hơn F0 điều trị tại nhà + F0 điều trị tại cơ sở (39)');
  await expect(page.getByTestId('cell-00006-needOxygen')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('entry-save').click();
  await expect(page.getByTestId('entry-message')).toContainText('ô có lỗi');
  await expect(page.getByTestId('cell-00006-needOxygen')).toBeFocused();
  await page.getByTestId('page-data').locator('h1').scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'data-entry');
  // A negative number is refused too.
  await page.getByTestId('cell-00006-deaths').fill('-1');
  await expect(page.getByTestId('entry-errors')).toContainText('"-1" không được âm');
  expect(app.core.store.get('caseReport', '00006:2021-12-08')).toBeUndefined();

  await page.getByTestId('cell-00006-needOxygen').fill('4');
  await page.getByTestId('cell-00006-deaths').fill('1');
  await expect(page.getByTestId('entry-errors')).toHaveCount(0);
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('entry-message')).toContainText('Đã lưu 3 dòng: 3 mới');

  await page.reload();
  await expect(page.getByTestId('cell-00001-f0Home')).toHaveValue('40');
  await expect(page.getByTestId('cell-00004-tests')).toHaveValue('80');
  await expect(page.getByTestId('cell-00006-needOxygen')).toHaveValue('4');
  await expect(page.getByTestId('cell-00007-newCommunity')).toHaveValue('');
  expect(app.core.store.get('caseReport', '00006:2021-12-08')).toMatchObject({ newCommunity: 6, f0Home: 33, needOxygen: 4, deaths: 1, tests: 310 });
  // The day after shows these as "previous day" in each cell.
  await page.getByTestId('entry-date').fill('09/12/2021');
  await page.getByTestId('entry-date').press('Enter');
  await expect(page).toHaveURL(/date=2021-12-09/);
  await expect(page.locator('tr[data-ward="00001"] td').first().locator('.prev')).toHaveText('5');
});

test('vaccination grid refuses second doses above first doses; facility quick update saves a snapshot', async ({ page }) => {
  await page.goto(`${app.url}/data?tab=entry&kind=vaccinations&district=001&date=2021-12-06`);
  await expect(page.getByTestId('entry-grid')).toBeVisible();
  // The previous weekly report (demo, 05/12) is shown in the corner.
  await expect(page.locator('tr[data-ward="00001"] td').first().locator('.prev')).not.toHaveText('');
  await page.getByTestId('cell-00001-adultDose1').fill('1.000');
  await page.getByTestId('cell-00001-adultDose2').fill('1.200');
  await expect(page.getByTestId('entry-errors')).toContainText('Mũi 2 (từ 18 tuổi) (1200) lớn hơn Mũi 1 (từ 18 tuổi) (1000)');
  await page.getByTestId('cell-00001-adultDose2').fill('900');
  await expect(page.getByTestId('entry-errors')).toHaveCount(0);
  await page.getByTestId('entry-save').click();
  await expect(page.getByTestId('entry-message')).toContainText('Đã lưu 1 dòng');
  expect(app.core.store.get('vaccination', '00001:2021-12-06')).toMatchObject({ adultDose1: 1000, adultDose2: 900, childDose2: 0 });

  await page.getByTestId('tab-facility').click();
  const facility = app.core.store.list('facility', {})[0]!;
  await page.getByTestId('facility-select').selectOption(facility.id);
  await page.getByTestId('quick-bedsOccupied').fill(String(Math.min(5, facility.beds)));
  await page.getByTestId('quick-icuOccupied').fill(String(Math.min(5, facility.beds) + 1));
  await expect(page.getByTestId('facility-save')).toBeDisabled();
  await expect(page.getByTestId('facility-form')).toContainText('lớn hơn Giường đang sử dụng');
  await page.getByTestId('quick-icuOccupied').fill('0');
  await page.getByTestId('quick-oxygenInUse').fill('0');
  await page.getByTestId('quick-ventilatorsInUse').fill('0');
  const before = app.core.store.list('facilityStatus', { facilityId: facility.id }).length;
  await page.getByTestId('facility-save').click();
  await expect(page.getByTestId('facility-form')).toContainText('Đã lưu tình trạng');
  expect(app.core.store.list('facilityStatus', { facilityId: facility.id })).toHaveLength(before + 1);
});

test('templates download as XLSX from the files tab', async ({ page }) => {
  await page.goto(`${app.url}/data?tab=files`);
  await page.getByTestId('template-district').selectOption('001');
  const download = page.waitForEvent('download');
  await page.getByTestId('template-download').click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/^mau-bao-cao-ca-mac_001_\d{4}-\d{2}-\d{2}\.xlsx$/);
  await expect(page.getByTestId('files-message')).toContainText('14 dòng');
});
