import fs from 'node:fs';
import { test, expect, startApp, stopApp, saveScreenshot, recordForeignRequests, type AppServer } from './fixtures';
import type { SavedScenarioOut, ScenarioBaseline, UnitForecastOut } from '../../shared/api/ops/scenarios';
import type { Task } from '../../shared/domain';
import { formatDate, formatNumber } from '../../shared/format';
import { presetInputs, runScenario, type ResourceSummary } from '../../shared/scenarios';

/**
 * Screen "Kịch bản" on demo data (15/11/2021 → 31/01/2022) with the core's clock on the
 * last demo day. Expected days and numbers are computed with the shared planner from the
 * baseline the server reports — the screen must show exactly what the model says.
 */
const RANGE = { from: '2021-11-15', to: '2022-01-31' };

async function api<T>(app: AppServer, op: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${app.url}/api/op/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  const body = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.value;
}

const fullText = (s: ResourceSummary) => `Hết chỗ ngày ${formatDate(s.firstFullDate)} (ngày thứ ${s.firstFullDay})`;

test.describe('scenarios (clock 31/01/2022 17:00)', () => {
  let app: AppServer;
  let baseline: ScenarioBaseline;
  const start = Date.parse('2022-01-31T10:00:00Z');
  test.beforeAll(async () => {
    const t0 = Date.now();
    app = await startApp({ init: 'demo', clock: () => start + (Date.now() - t0), demoRange: RANGE });
    baseline = await api<ScenarioBaseline>(app, 'scenarios.baseline');
  });
  test.afterAll(async () => stopApp(app));

  test('3.000 preset shows the saturation day; save two scenarios, attach one to a task, compare side by side', async ({ page }) => {
    const foreign = recordForeignRequests(page, app.url);
    const r3000 = runScenario(presetInputs('p3000', baseline));
    const r2000 = runScenario(presetInputs('p2000', baseline));
    const first3000 = r3000.summary.filter((s) => s.firstFullDay !== null).sort((a, b) => a.firstFullDay! - b.firstFullDay!)[0]!;
    expect(first3000, 'the 3,000 preset must fill something on the demo network for this test to mean anything').toBeDefined();

    await page.goto(`${app.url}/scenarios`);
    await expect(page.getByTestId('baseline-source')).toContainText(formatDate(baseline.homeAsOf));
    await page.getByTestId('preset-p3000').click();
    await expect(page.getByTestId('preset-p3000')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('path-perDay')).toHaveValue('3.000');

    // Every card says what the model says: the day it runs out (or not) and the shortfall.
    for (const s of r3000.summary) {
      const card = page.getByTestId(`card-${s.resource}`);
      if (s.firstFullDay === null) await expect(card.getByTestId(`full-${s.resource}`)).toHaveText('Không hết chỗ trong 60 ngày');
      else {
        await expect(card.getByTestId(`full-${s.resource}`)).toHaveText(fullText(s));
        await expect(card.getByTestId(`short-${s.resource}`)).toContainText(`Thiếu nhiều nhất ${formatNumber(Math.ceil(s.shortfall))}`);
        await expect(card).toHaveAttribute('data-level', 'critical');
      }
    }
    await expect(page.getByTestId('headline')).toContainText(`ngày ${formatDate(first3000.firstFullDate)} (ngày thứ ${first3000.firstFullDay})`);
    await expect(page.getByTestId(`chart-${first3000.resource}`).locator(`[data-marker="${first3000.firstFullDay}"]`)).toHaveCount(1);
    await saveScreenshot(page, 'scenarios');

    // Attach to a task of the demo directive and save.
    const tasks = await api<Task[]>(app, 'tasks.list', {});
    const task = tasks.find((x) => x.status !== 'cancelled')!;
    await page.getByTestId('scenario-name').fill('Kịch bản 3.000 ca/ngày');
    await page.getByTestId('scenario-task').selectOption(task.id);
    await page.getByTestId('scenario-save').click();
    await expect(page.getByTestId('saved-message')).toHaveText('Đã lưu "Kịch bản 3.000 ca/ngày".');
    await expect(page.getByTestId('scenario-task-link')).toContainText(task.title);

    // Instant recompute: more cases → never a later saturation day.
    await page.getByTestId('path-perDay').fill('6000');
    const r6000 = runScenario({ ...presetInputs('p3000', baseline), casePath: { kind: 'constant', perDay: 6000 }, preset: null });
    const first6000 = r6000.summary.filter((s) => s.firstFullDay !== null).sort((a, b) => a.firstFullDay! - b.firstFullDay!)[0]!;
    expect(first6000.firstFullDay!).toBeLessThanOrEqual(first3000.firstFullDay!);
    await expect(page.getByTestId(`full-${first6000.resource}`)).toHaveText(fullText(first6000));

    // The 2.000 preset, saved as a second scenario (no task).
    await page.getByTestId('preset-p2000').click();
    for (const s of r2000.summary) {
      await expect(page.getByTestId(`full-${s.resource}`)).toHaveText(s.firstFullDay === null ? 'Không hết chỗ trong 60 ngày' : fullText(s));
    }
    await page.getByTestId('scenario-name').fill('Kịch bản 2.000 ca/ngày');
    await page.getByTestId('scenario-save').click();
    await expect(page.getByTestId('saved-message')).toHaveText('Đã lưu "Kịch bản 2.000 ca/ngày".');

    // Attached scenarios of the task, through the op.
    const attached = await api<SavedScenarioOut[]>(app, 'scenarios.list', { taskId: task.id });
    expect(attached.map((s) => s.name)).toEqual(['Kịch bản 3.000 ca/ngày']);
    expect(attached[0]!.task).toMatchObject({ id: task.id, title: task.title });

    // Compare side by side.
    await page.getByTestId('tab-saved').click();
    const rows = page.getByTestId('saved-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'Kịch bản 3.000 ca/ngày' })).toContainText(task.title);
    await rows.nth(0).getByTestId('compare-check').check();
    await rows.nth(1).getByTestId('compare-check').check();
    await page.getByTestId('compare-button').click();
    const cmp = page.getByTestId('compare-view');
    await expect(cmp.getByTestId('compare-col')).toHaveCount(2);
    // Newest first: 2.000 then 3.000.
    await expect(cmp.getByTestId('compare-col').nth(0)).toContainText('Kịch bản 2.000 ca/ngày');
    await expect(cmp.getByTestId('compare-col').nth(1)).toContainText('Kịch bản 3.000 ca/ngày');
    const cells = cmp.getByTestId(`compare-row-${first3000.resource}`);
    const s2000 = r2000.summary.find((s) => s.resource === first3000.resource)!;
    await expect(cells.nth(0)).toContainText(s2000.firstFullDay === null ? 'Không hết chỗ' : fullText(s2000));
    await expect(cells.nth(1)).toContainText(fullText(first3000));
    await expect(page).toHaveURL(/tab=saved&compare=/);
    await cmp.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'scenarios-compare');

    // Export a saved scenario as CSV (Blob download).
    const download = page.waitForEvent('download');
    await rows.filter({ hasText: 'Kịch bản 3.000 ca/ngày' }).getByTestId('saved-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`kich-ban-3-000-ca-ngay-${baseline.startDate}.csv`);
    const csv = fs.readFileSync((await file.path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Kịch bản 3.000 ca/ngày');
    expect(lines[1]!.split(';').slice(0, 4)).toEqual(['Ngày thứ', 'Ngày', 'Ca mới', 'F0 tại nhà']);
    expect(lines).toHaveLength(2 + 61);
    expect(lines[2 + 60]!.split(';')[2]).toBe('3000');

    // The task shows its attached scenario, with the first resource that runs out.
    await page.goto(`${app.url}/tasks?task=${task.id}`);
    const attachedSection = page.getByTestId('task-scenarios');
    await expect(attachedSection).toContainText('Kịch bản 3.000 ca/ngày');
    await expect(attachedSection).toContainText(formatDate(first3000.firstFullDate));
    await attachedSection.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'task-scenarios');
    expect(foreign).toEqual([]);
  });

  test('forecast: 14 days with intervals and the backtest next to it, and into a scenario', async ({ page }) => {
    const fc = await api<UnitForecastOut>(app, 'scenarios.forecast', { unitCode: '01' });
    expect(fc.forecast).not.toBeNull();
    await page.goto(`${app.url}/scenarios?tab=forecast`);
    const card = page.getByTestId('forecast-unit-card');
    await expect(card).toContainText(`Hà Nội: ca mắc mới dự báo ${formatDate(fc.forecast!.days[0]!.date)} – ${formatDate(fc.forecast!.days[13]!.date)}`);
    await expect(card.getByTestId('mape')).toHaveText(`${formatNumber(fc.backtest.mape!)} %`);
    await expect(card.getByTestId('mape-naive')).toHaveText(`${formatNumber(fc.backtest.mapeNaive!)} %`);
    await expect(card.getByTestId('coverage80')).toHaveText(`${formatNumber(fc.backtest.coverage80! * 100, 'vi', 0)} %`);
    await expect(card.locator('[data-band="pi95"] path')).toHaveCount(1);
    await expect(page.getByTestId('forecast-table').locator('tbody tr')).toHaveCount(31);
    await saveScreenshot(page, 'scenarios-forecast');

    // A district, through the table.
    await page.getByTestId('forecast-table').getByRole('button', { name: 'Ba Đình' }).click();
    await expect(page).toHaveURL(/unit=001/);
    await expect(page.getByTestId('forecast-unit-card')).toContainText('Ba Đình: ca mắc mới dự báo');

    // Use the city forecast as the case path of a scenario.
    await page.getByTestId('forecast-unit').selectOption('01');
    await page.getByTestId('forecast-use').click();
    await expect(page.getByTestId('path-kind')).toHaveValue('forecast');
    await expect(page.getByTestId('scenario-name')).toHaveValue(`Theo dự báo đến ${formatDate(fc.asOf)}`);
    const inputs = { ...presetInputs('p2000', baseline), casePath: { kind: 'series' as const, source: 'forecast' as const, values: fc.forecast!.days.map((d) => Math.round(d.point)), after: 'hold' as const, note: '' }, preset: null };
    const r = runScenario(inputs);
    for (const s of r.summary) await expect(page.getByTestId(`full-${s.resource}`)).toHaveText(s.firstFullDay === null ? 'Không hết chỗ trong 60 ngày' : fullText(s));
  });
});
