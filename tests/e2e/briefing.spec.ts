import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, expect, startApp, stopApp, saveScreenshot, screenshotDir, recordForeignRequests, type AppServer } from './fixtures';
import { formatDate, formatNumber } from '../../shared/format';
import type { OpInput, OpName, OpOutput } from '../../shared/api/contract';

/**
 * The daily briefing (Báo cáo nhanh) in Chromium: an A4 PDF made with page.pdf and read back
 * with poppler's pdftotext. Expected figures: metrics.snapshot / boards for the same day,
 * formatted with shared/format — the same operations the briefing itself reads.
 */

const FROM = '2021-11-01';
const TO = '2021-12-31';
const DAY = '2021-12-15';

let app: AppServer;
let tmp: string;

async function op<K extends OpName>(name: K, input: OpInput<K>): Promise<OpOutput<K>> {
  const res = await fetch(`${app.url}/api/op/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  const body = (await res.json()) as { ok: boolean; value: OpOutput<K>; error?: unknown };
  if (!body.ok) throw new Error(`${name}: ${JSON.stringify(body.error)}`);
  return body.value;
}

/** Collapses the column gaps pdftotext -layout keeps, so a row reads as one spaced line. */
const squash = (line: string) => line.replace(/\s+/g, ' ').trim();

test.describe('daily briefing', () => {
  test.beforeAll(async () => {
    app = await startApp({ init: 'demo', demoRange: { from: FROM, to: TO } });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'saban-briefing-'));
  });
  test.afterAll(async () => {
    await stopApp(app);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('A4 PDF of a chosen day: accented names, the day’s figures, the map image; timed', async ({ page }) => {
    const foreign = recordForeignRequests(page, app.url);
    const sheet = page.getByTestId('briefing-sheet');
    // Timed twice: a cold start (fresh browser and core caches) and the usual case, a second
    // briefing from a browser that has run the app before. Printed, not asserted (noisy machines).
    const timed = async (date: string) => {
      const t0 = Date.now();
      await page.goto(`${app.url}/briefing?date=${date}`);
      await expect(sheet).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
      const readyMs = Date.now() - t0;
      const t1 = Date.now();
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pdfMs = Date.now() - t1;
      return { pdf, readyMs, pdfMs };
    };
    const cold = await timed('2021-12-14');
    const { pdf, readyMs, pdfMs } = await timed(DAY);
    console.log(
      `[briefing] cold: navigation → ready ${cold.readyMs} ms + page.pdf ${cold.pdfMs} ms = ${cold.readyMs + cold.pdfMs} ms; ` +
        `warm: ${readyMs} ms + ${pdfMs} ms = ${readyMs + pdfMs} ms (goal < 3000 ms)`,
    );
    expect(readyMs + pdfMs, 'briefing generation (generous bound; the goal is 3 s)').toBeLessThan(15_000);

    await expect(sheet).toHaveAttribute('data-date', DAY);
    await expect(page.getByTestId('briefing-demo')).toBeVisible();
    await saveScreenshot(page, 'briefing');

    const pdfPath = path.join(tmp, 'briefing.pdf');
    fs.writeFileSync(pdfPath, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, path.join(screenshotDir, 'briefing-pdf-1')]);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
    const lines = text.split('\n').map(squash);

    // A4 pages, the day in the title, DEMO labelled.
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    expect(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' })).toMatch(/Page size:\s+59[56]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    expect(text).toContain(`số liệu ngày ${formatDate(DAY)}`);
    expect(text).toContain('DỮ LIỆU DEMO');

    // Every district row: its accented name and its figures for the day, in column order.
    const snap = await op('metrics.snapshot', { date: DAY, level: 'district' });
    expect(snap.units).toHaveLength(30);
    for (const name of ['Hoàn Kiếm', 'Đống Đa', 'Ứng Hòa', 'Bắc Từ Liêm', 'Mỹ Đức']) expect(text).toContain(name);
    for (const u of snap.units) {
      const row = lines.find((l) => new RegExp(`^\\d+ ${u.name} \\d`).test(l));
      expect(row, `row of ${u.name}`).toBeTruthy();
      const figures = [formatNumber(u.newTotal7d), formatNumber(u.newCommunity7d), formatNumber(u.incidence7dPer100k, 'vi', 1), formatNumber(u.activeF0), String(u.epidemicLevel?.level ?? '–')];
      expect(row).toContain(`${u.name} ${figures.join(' ')}`);
    }

    // Headline figures of the city, with the change since the previous day.
    const prev = await op('metrics.snapshot', { date: '2021-12-14', level: 'district' });
    expect(text).toContain(formatNumber(snap.city.newCasesToday));
    expect(text).toContain(formatNumber(snap.city.activeF0));
    const d = snap.city.newCasesToday - prev.city.newCasesToday;
    expect(text).toContain(`${d > 0 ? '+' : d < 0 ? '−' : ''}${formatNumber(Math.abs(d))} so với 14/12/2021`);

    // Facility load per tier, from the board at the end of that day.
    const day = await op('wall.day', { date: DAY });
    const board = await op('boards.facilities', { at: day.at });
    for (const tier of board.tiers) {
      const row = lines.find((l) => new RegExp(`^Tầng ${tier.tier} \\d`).test(l));
      expect(row, `tier ${tier.tier}`).toContain(`${formatNumber(tier.occupied)} ${formatNumber(tier.free)} ${formatNumber(tier.occupancyPct, 'vi', 1)} %`);
    }

    // The map is in the PDF as an image (the map screen’s canvas at 1.5× resolution).
    const images = execFileSync('pdfimages', ['-list', pdfPath], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    const widths = images.map((l) => Number(l.trim().split(/\s+/)[3]));
    expect(Math.max(...widths)).toBeGreaterThanOrEqual(1000);
    expect(foreign).toEqual([]);
  });

  test('defaults to the latest report date; print CSS hides the app shell; the button prints', async ({ page }) => {
    await page.goto(`${app.url}/briefing`);
    const sheet = page.getByTestId('briefing-sheet');
    await expect(sheet).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await expect(sheet).toHaveAttribute('data-date', TO);
    await expect(page.getByTestId('briefing-date')).toHaveValue(formatDate(TO));
    await expect(page.locator('.sidenav')).toBeVisible();

    await page.emulateMedia({ media: 'print' });
    for (const sel of ['.topbar', '.sidenav', '.statusbar', '.briefing-toolbar']) await expect(page.locator(sel)).toBeHidden();
    await expect(sheet).toBeVisible();
    await expect(page.getByTestId('briefing-map-image')).toBeVisible();
    await page.emulateMedia({ media: 'screen' });

    // Web mode: "In / Xuất PDF" opens the browser's print dialog (window.print).
    await page.evaluate(() => (window.print = () => ((window as unknown as { __printed: boolean }).__printed = true)));
    await page.getByTestId('briefing-print').click();
    expect(await page.evaluate(() => (window as unknown as { __printed?: boolean }).__printed)).toBe(true);

    // Another day from the date field (dd/mm/yyyy): the URL carries it.
    await page.getByTestId('briefing-date').fill('01/12/2021');
    await page.getByTestId('briefing-date').press('Enter');
    await expect(sheet).toHaveAttribute('data-date', '2021-12-01');
    await expect(page).toHaveURL(/\/briefing\?date=2021-12-01$/);
    await expect(sheet).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  });
});
