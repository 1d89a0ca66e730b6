import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, startApp, stopApp, saveScreenshot, recordForeignRequests, type AppServer } from './fixtures';
import { CLASS_TABLES, addDays, classIndex, daysBetween, legend } from '../../shared/metrics';
import { formatNumber } from '../../shared/format';
import type { OpInput, OpName, OpOutput } from '../../shared/api/contract';
import { classesFor, MAP_METRICS, type MapMetricId } from '../../renderer/src/map/metrics';
// Brings the read-only window.__sabanMap hook's type into scope.
import type {} from '../../renderer/src/map/testHook';

/**
 * The situation map in Chromium against web mode with demo data over a short range.
 * Expected colours are computed here from the metrics op result with shared/metrics'
 * classIndex and compared with the feature-state the live map holds.
 */

const FROM = '2021-11-01';
const TO = '2021-12-31';
const DAY = '2021-12-15';

let app: AppServer;

/** Calls an op through the real HTTP API (as the renderer does). */
async function op<K extends OpName>(name: K, input: OpInput<K>): Promise<OpOutput<K>> {
  const res = await fetch(`${app.url}/api/op/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  const body = (await res.json()) as { ok: boolean; value: OpOutput<K>; error?: unknown };
  if (!body.ok) throw new Error(`${name}: ${JSON.stringify(body.error)}`);
  return body.value;
}

async function waitForMap(page: Page, dataDay: string, metric?: MapMetricId) {
  await page.waitForFunction(
    ([d, m]) => !!window.__sabanMap?.ready && window.__sabanMap.dataDay() === d && (!m || window.__sabanMap.metric() === m),
    [dataDay, metric ?? null] as const,
    { timeout: 30_000 },
  );
}

const liveClasses = (page: Page, codes: string[]) =>
  page.evaluate((cs) => Object.fromEntries(cs.map((c) => [c, window.__sabanMap!.classOf('district', c)])), codes);

async function expectedClasses(day: string, metric: MapMetricId) {
  const snap = await op('metrics.snapshot', { date: day, level: 'district' });
  return { snap, classes: Object.fromEntries([...classesFor(metric, snap.units, day)].map(([k, v]) => [k, v ?? -1])) };
}

test.describe('situation map', () => {
  test.beforeAll(async () => {
    app = await startApp({ init: 'demo', demoRange: { from: FROM, to: TO } });
  });
  test.afterAll(async () => {
    await stopApp(app);
  });

  test('renders offline with bundled-font labels, legend and slider; colours follow the metrics module', async ({ page }) => {
    const foreign = recordForeignRequests(page, app.url);
    const fontRequests: string[] = [];
    page.on('request', (r) => {
      // MapLibre fetches font-faces itself (resource type "fetch"); CSS @font-face loads are "font".
      if (r.url().endsWith('.woff2') && r.resourceType() === 'fetch') fontRequests.push(r.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${app.url}/map?day=${DAY}&m=incidence`);
    await waitForMap(page, DAY, 'incidence');

    // Every district's class equals classIndex on the snapshot value (several classes present).
    const { snap, classes } = await expectedClasses(DAY, 'incidence');
    expect(snap.units).toHaveLength(30);
    for (const u of snap.units) expect(classes[u.code]).toBe(classIndex('incidence7d', u.incidence7dPer100k) ?? -1);
    const codes = snap.units.map((u) => u.code);
    expect(await liveClasses(page, codes)).toEqual(classes);
    expect(new Set(Object.values(classes)).size).toBeGreaterThan(1);

    // Legend rows are the class table's, with its labels.
    const entries = page.getByTestId('legend-entry');
    await expect(entries).toHaveCount(CLASS_TABLES.incidence7d.colours.length);
    await expect(entries.first()).toContainText(legend('incidence7d').entries[0]!.labelVi);
    await expect(page.getByTestId('map-legend')).toContainText('Ca mắc mới/100.000 dân/7 ngày');

    // Slider and the day, always visible as dd/MM/yyyy.
    await expect(page.getByTestId('map-slider')).toBeVisible();
    await expect(page.getByTestId('map-day')).toHaveText('15/12/2021');

    // Labels are drawn from the bundled font files (Vietnamese subset included), nothing foreign.
    await expect.poll(() => fontRequests.some((u) => u.includes('be-vietnam-pro-vietnamese-600'))).toBe(true);
    await page.waitForFunction(() => window.__sabanMap!.renderedIds('district-label').length >= 15);
    const placed = await page.evaluate(() => window.__sabanMap!.renderedIds('district-label'));
    expect(placed).toEqual(expect.arrayContaining(['250', '017'])); // Sóc Sơn, Đông Anh (large, never hidden)
    await page.waitForTimeout(500);
    await saveScreenshot(page, 'map');

    // Zoom to the centre through the keyboard district list: small districts get their labels.
    await page.getByTestId('map-district-select').selectOption('002');
    await page.waitForFunction(() => ['002', '006'].every((c) => window.__sabanMap!.renderedIds('district-label').includes(c)), null, { timeout: 15_000 });
    await page.getByTestId('district-panel-close').click();
    await page.waitForTimeout(600);
    await saveScreenshot(page, 'map-centre');

    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('the slider and arrow keys change the day and the colours; metric switch restyles without rebuilding', async ({ page }) => {
    await page.goto(`${app.url}/map?day=${DAY}&m=incidence`);
    await waitForMap(page, DAY);
    const before = await expectedClasses(DAY, 'incidence');

    // Find an earlier day whose classes differ (from the op results, not hard-coded).
    let target = addDays(DAY, -1);
    let after = await expectedClasses(target, 'incidence');
    while (JSON.stringify(after.classes) === JSON.stringify(before.classes) && target > FROM) {
      target = addDays(target, -3);
      after = await expectedClasses(target, 'incidence');
    }
    expect(after.classes).not.toEqual(before.classes);

    const slider = page.getByTestId('map-slider');
    await slider.focus();
    for (let i = daysBetween(target, DAY); i > 0; i--) await slider.press('ArrowLeft');
    await waitForMap(page, target);
    await expect(page.getByTestId('map-day')).toHaveText(`${target.slice(8, 10)}/${target.slice(5, 7)}/${target.slice(0, 4)}`);
    expect(new URL(page.url()).searchParams.get('day')).toBe(target);
    expect(await liveClasses(page, Object.keys(after.classes))).toEqual(after.classes);

    // Prev/next buttons step one day.
    await page.getByRole('button', { name: 'Ngày sau' }).click();
    await waitForMap(page, addDays(target, 1));

    // Metric switch: the epidemic level, with the official colours' classes.
    await page.getByTestId('map-metric').selectOption('level');
    await waitForMap(page, addDays(target, 1), 'level');
    const lv = await expectedClasses(addDays(target, 1), 'level');
    for (const u of lv.snap.units) expect(lv.classes[u.code]).toBe(u.epidemicLevel ? u.epidemicLevel.level - 1 : -1);
    expect(await liveClasses(page, Object.keys(lv.classes))).toEqual(lv.classes);
    expect(new URL(page.url()).searchParams.get('m')).toBe('level');
    // Restyles went through feature-state only: the district source was set once.
    expect(await page.evaluate(() => window.__sabanMap!.districtDataSets())).toBe(1);
    expect(await page.evaluate(() => window.__sabanMap!.layerVisible('district-level-1'))).toBe(true);

    // Reporting freshness uses its own class table (added to shared/metrics).
    await page.getByTestId('map-metric').selectOption('freshness');
    await waitForMap(page, addDays(target, 1), 'freshness');
    const fr = await expectedClasses(addDays(target, 1), 'freshness');
    expect(await liveClasses(page, Object.keys(fr.classes))).toEqual(fr.classes);
    await expect(page.getByTestId('legend-entry').first()).toContainText('Đã báo cáo trong ngày');

    // Replay: play advances the day by itself, pause stops it.
    await page.getByTestId('map-play').click();
    await page.waitForFunction((d) => window.__sabanMap!.dataDay()! > d, addDays(target, 2), { timeout: 20_000 });
    await page.getByTestId('map-play').click();
    const stopped = await page.evaluate(() => window.__sabanMap!.day());
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => window.__sabanMap!.day())).toBe(stopped);
  });

  test('clicking a district opens its panel with the snapshot numbers; Escape closes it', async ({ page }) => {
    await page.goto(`${app.url}/map?day=${DAY}&m=incidence`);
    await waitForMap(page, DAY);
    const snap = await op('metrics.snapshot', { date: DAY, level: 'district' });
    const wardsSnap = await op('metrics.snapshot', { date: DAY, level: 'ward' });
    const code = '006'; // Đống Đa
    const u = snap.units.find((x) => x.code === code)!;

    // Click the district where it is drawn (its label point, projected by the live map); point
    // layers off so the pointer meets the district and not a marker.
    await page.getByTestId('layer-facilities').uncheck();
    await page.getByTestId('layer-tasks').uncheck();
    await page.getByTestId('layer-zones').uncheck();
    await page.getByTestId('map-district-select').selectOption('002'); // zoom in so the click is precise
    await page.getByTestId('district-panel-close').click();
    await page.waitForTimeout(600);
    const pt = await page.evaluate((c) => window.__sabanMap!.screenPointOf(c), code);
    const box = (await page.getByTestId('map-canvas').boundingBox())!;
    await page.mouse.move(box.x + pt!.x, box.y + pt!.y);
    await expect(page.getByTestId('map-tooltip')).toContainText('Đống Đa');
    await page.mouse.click(box.x + pt!.x, box.y + pt!.y);

    const panel = page.getByTestId('district-panel');
    await expect(panel).toHaveAttribute('data-code', code);
    await expect(panel.locator('h2')).toHaveText('Đống Đa');
    expect(new URL(page.url()).searchParams.get('d')).toBe(code);
    const field = (f: string) => panel.locator(`[data-field="${f}"] dd`);
    await expect(field('newTotal7d')).toHaveText(formatNumber(u.newTotal7d, 'vi'));
    await expect(field('newCasesToday')).toHaveText(formatNumber(u.newCasesToday, 'vi'));
    await expect(field('incidence7dPer100k')).toHaveText(formatNumber(u.incidence7dPer100k, 'vi', 1));
    await expect(field('activeF0')).toHaveText(formatNumber(u.activeF0, 'vi'));
    await expect(field('population')).toHaveText(formatNumber(u.population, 'vi'));
    // Level with the driving criterion and the distance to the next level.
    const level = panel.getByTestId('district-level');
    await expect(level.locator('.level-badge')).toHaveAttribute('data-level', String(u.epidemicLevel!.level));
    await expect(level).toContainText(u.epidemicLevel!.driverText.vi);
    if (u.epidemicLevel!.distanceUp) await expect(level).toContainText(u.epidemicLevel!.distanceUp.vi);
    // 60-day sparkline.
    await expect(panel.getByTestId('district-sparkline').locator('polyline')).toHaveCount(1);
    // Wards of the district, sortable.
    const wards = wardsSnap.units.filter((w) => w.parentCode === code);
    const rows = panel.getByTestId('ward-table').locator('tbody tr');
    await expect(rows).toHaveCount(wards.length);
    await panel.getByTestId('ward-sort-name').click();
    const firstByName = [...wards].sort((a, b) => a.name.localeCompare(b.name, 'vi'))[0]!;
    await expect(rows.first()).toHaveAttribute('data-code', firstByName.code);
    await panel.getByTestId('ward-sort-incidence').click();
    const topIncidence = [...wards].sort((a, b) => (b.incidence7dPer100k ?? -1) - (a.incidence7dPer100k ?? -1))[0]!;
    await expect(rows.first().locator('td').nth(1)).toHaveText(formatNumber(topIncidence.incidence7dPer100k, 'vi', 1));
    await panel.evaluate((el) => (el.scrollTop = 0));
    await saveScreenshot(page, 'map-panel');
    await panel.getByTestId('ward-table').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'map-panel-wards');

    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    expect(new URL(page.url()).searchParams.get('d')).toBeNull();

    // A shared link opens the same view.
    await page.goto(`${app.url}/map?d=${code}&day=2021-12-10&m=activeF0`);
    await waitForMap(page, '2021-12-10', 'activeF0');
    await expect(page.getByTestId('district-panel')).toHaveAttribute('data-code', code);
    await expect(page.getByTestId('map-metric')).toHaveValue('activeF0');
  });

  test('ward view says that no ward boundaries are imported yet', async ({ page }) => {
    await page.goto(`${app.url}/map?day=${DAY}`);
    await waitForMap(page, DAY);
    await page.getByTestId('map-view-ward').check();
    await expect(page.getByTestId('no-ward-boundaries')).toContainText('Chưa nhập ranh giới phường, xã');
    expect(new URL(page.url()).searchParams.get('v')).toBe('ward');
    expect(await page.evaluate(() => window.__sabanMap!.layerVisible('district-fill'))).toBe(true);
  });

  test('facilities, zones and open tasks are drawn for the day and can be toggled', async ({ page }) => {
    await page.goto(`${app.url}/map?day=2021-12-10`);
    await waitForMap(page, '2021-12-10');
    // Demo zone "lockdown 06–20/12/2021" is active on 10/12, none on 01/11.
    const zones = await op('zones.list', { activeOn: '2021-12-10' });
    expect(zones.length).toBeGreaterThan(0);
    await page.waitForFunction(() => window.__sabanMap!.renderedIds('zone-fill').length > 0, null, { timeout: 15_000 });
    const shownZones = await page.evaluate(() => window.__sabanMap!.renderedIds('zone-fill'));
    expect(new Set(shownZones)).toEqual(new Set(zones.map((z) => z.id)));
    // Facilities drawn (clusters or points).
    await page.waitForFunction(() => window.__sabanMap!.renderedIds('facility-cluster').length + window.__sabanMap!.renderedIds('facility-point').length > 0);
    await page.getByTestId('layer-facilities').uncheck();
    expect(await page.evaluate(() => window.__sabanMap!.layerVisible('facility-point'))).toBe(false);
    await page.getByTestId('layer-zones').uncheck();
    expect(await page.evaluate(() => window.__sabanMap!.layerVisible('zone-fill'))).toBe(false);
    // Tasks: pins of open tasks created by the day.
    const tasks = (await op('tasks.list', {})).filter((t) => !['done', 'cancelled'].includes(t.status) && t.placeType !== 'none');
    if (tasks.length > 0) {
      await page.waitForFunction(() => window.__sabanMap!.renderedIds('task-pin').length > 0, null, { timeout: 15_000 });
    }
    await page.getByTestId('layer-tasks').uncheck();
    expect(await page.evaluate(() => window.__sabanMap!.layerVisible('task-pin'))).toBe(false);
  });

  test('keeps working with the network cut, and loads with every non-local request refused', async ({ page, browser }) => {
    await page.goto(`${app.url}/map?day=${DAY}&m=incidence`);
    await waitForMap(page, DAY);
    await page.context().setOffline(true);
    // Metric change and zoom need no network: cached figures, local tiles, loaded font files.
    await page.getByTestId('map-metric').selectOption('trend');
    await waitForMap(page, DAY, 'trend');
    const tr = await expectedClasses(DAY, 'trend');
    expect(await liveClasses(page, Object.keys(tr.classes))).toEqual(tr.classes);
    await page.getByRole('button', { name: /Zoom in|Phóng to/i }).click();
    await page.waitForTimeout(800);
    expect((await page.evaluate(() => window.__sabanMap!.renderedIds('district-label'))).length).toBeGreaterThan(5);
    await page.context().setOffline(false);

    // A configured online basemap on a host that cannot be reached breaks nothing.
    await op('map.settings.set', { basemap: { enabled: true, url: 'https://tiles.example.invalid/{z}/{x}/{y}.png', attribution: '© Test tiles', maxZoom: 18 } });
    let context: BrowserContext | null = null;
    try {
      context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
      const aborted: string[] = [];
      await context.route('**/*', (route) => {
        const u = route.request().url();
        if (u.startsWith('http://127.0.0.1') || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
        aborted.push(u);
        return route.abort('internetdisconnected');
      });
      const fresh = await context.newPage();
      const errors: string[] = [];
      fresh.on('pageerror', (e) => errors.push(e.message));
      await fresh.goto(`${app.url}/map?day=${DAY}&m=incidence`);
      await waitForMap(fresh, DAY, 'incidence');
      const { classes } = await expectedClasses(DAY, 'incidence');
      expect(await liveClasses(fresh, Object.keys(classes))).toEqual(classes);
      await fresh.waitForFunction(() => window.__sabanMap!.renderedIds('district-label').length >= 15);
      await expect(fresh.getByTestId('layer-basemap')).toBeVisible();
      expect(errors).toEqual([]);
      await saveScreenshot(fresh, 'map-offline');
    } finally {
      await context?.close();
      await op('map.settings.set', { basemap: { enabled: false, url: '', attribution: '', maxZoom: 19 } });
    }
  });
});

// The map metrics module is what the page uses; keep the test honest about which table it reads.
test('every map metric names an existing class table', () => {
  for (const m of Object.values(MAP_METRICS)) expect(CLASS_TABLES[m.table]).toBeDefined();
});
