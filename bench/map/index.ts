import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../../playwright.config';
import { loadDistrictBoundaries } from '../../electron/core/reference';
import { CLASS_TABLES } from '../../shared/metrics';
import { syntheticDays, syntheticUnits } from './synthetic';
import type { RunResult, Scenario } from './page';

/**
 * Map restyle benchmark: JavaScript time to recolour the choropleth for another day.
 *
 * Datasets: the 30 shipped district polygons, and ~5,800 synthetic ward-like squares inside
 * them. Each "change" gives EVERY feature a new class (worst case: nothing is skipped).
 *
 * MapLibre (the app's code path: applyClassStates → feature-state, classFillExpression paint):
 *   loop            the setFeatureState loop alone
 *   loop+redraw     loop + map.redraw(): the synchronous render that pushes the new states into
 *                   the paint buffers and submits the draw calls — all main-thread JS of the change
 *   +GPU finish     loop+redraw + gl.finish(): also waits for the GPU (SwiftShader, i.e. CPU here)
 * Leaflet 1.9 GeoJSON layer, same polygons and colours:
 *   SVG setStyle    layer.setStyle(fn) with the default SVG renderer (JS only; the browser's
 *                   style/paint work happens afterwards)
 *   SVG +style      setStyle + a forced style recalculation/layout (document.body.offsetHeight)
 *   canvas          L.canvas renderer: setStyle + its (normally deferred) _redraw()
 * Both, the browser's own way (no forced redraw):
 *   until painted   from the change until the next frame has been produced (a rAF callback
 *                   then a posted message: after that frame's style/layout/paint), so it also
 *                   includes waiting for the frame (≤ one vsync, 16.7 ms at 60 Hz)
 *
 * Goal: MapLibre loop+redraw < 16 ms per change, and ≥ 5× faster than Leaflet SVG setStyle.
 * Medians (and p95) over RUNS changes after 3 warm-ups, headless Chromium with the e2e args
 * (SwiftShader WebGL). A pixel probe checks after every timed MapLibre change that the drawn
 * colour really is the new class's colour.
 */
const RUNS = Number(process.env.MAP_BENCH_RUNS ?? 20);
/** Must match page.ts WARMUP (the page checks it has enough simulated days). */
const WARMUP = 3;
/** Share of units changing class in the 'step' scenario (a typical day-to-day step). */
const STEP_SHARE = 0.1;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const r2 = (x: number) => Math.round(x * 100) / 100;

async function bundle(dir: string) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  await build({
    entryPoints: [path.join(here, 'page.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outdir: dir,
    loader: { '.png': 'file' },
    logLevel: 'error',
  });
  const root = path.resolve(here, '..', '..');
  fs.copyFileSync(path.join(root, 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'), path.join(dir, 'maplibre-gl-worker.mjs'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="/page.css"><body style="margin:0"><script type="module" src="/page.js"></script></body>',
  );
  const districts = loadDistrictBoundaries() as unknown as import('geojson').FeatureCollection;
  const units = syntheticUnits(districts);
  const classes = CLASS_TABLES.incidence7d.colours.length;
  const codes = (fc: import('geojson').FeatureCollection) => fc.features.map((f) => String((f.properties as { code: string }).code));
  const days = RUNS + WARMUP + 1;
  const scenarios = (fc: import('geojson').FeatureCollection, seed: number) => ({
    all: syntheticDays(codes(fc), days, classes, seed, 1),
    step: syntheticDays(codes(fc), days, classes, seed + 1, STEP_SHARE),
  });
  const datasets = [
    { name: 'districts', fc: districts, scenarios: scenarios(districts, 1) },
    { name: 'units', fc: units, scenarios: scenarios(units, 3) },
  ];
  fs.writeFileSync(path.join(dir, 'data.json'), JSON.stringify({ datasets }));
}

function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png' };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, ''));
    const target = file.endsWith(path.sep) ? path.join(file, 'index.html') : file;
    if (!target.startsWith(dir) || !fs.existsSync(target)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[path.extname(target)] ?? 'application/octet-stream' });
    fs.createReadStream(target).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

export async function runMapBench(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saban-map-bench-'));
  await bundle(dir);
  const server = await serve(dir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  const out: Record<string, number> = {};
  const rows: string[][] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    if (process.env.MAP_BENCH_DEBUG) page.on('console', (m) => console.log('[page]', m.text()));
    await page.goto(server.url);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
    for (const [name, scenario] of [
      ['districts', 'all'],
      ['units', 'all'],
      ['units', 'step'],
    ] as const satisfies readonly (readonly [string, Scenario])[]) {
      const t = performance.now();
      const r = (await page.evaluate(([n, sc, runs]) => window.runMapBench!(n, sc, runs), [name, scenario, RUNS] as const).catch((e: Error) => {
        throw new Error(`${name}/${scenario}: ${e.message}${errors.length ? ` (page: ${errors.join('; ')})` : ''}`);
      })) as RunResult;
      if (process.env.MAP_BENCH_DEBUG) console.log(`${name}/${scenario}: ${Math.round(performance.now() - t)} ms`);
      if (errors.length) throw new Error(`bench page error: ${errors.join('; ')}`);
      const m = {
        loop: median(r.maplibre.loop),
        loopRedraw: median(r.maplibre.loopRedraw),
        redrawOnly: median(r.maplibre.redrawOnly),
        finish: median(r.maplibre.loopRedrawFinish),
        svg: median(r.leafletSvg.setStyle),
        mlScreen: median(r.maplibre.onScreen),
        svgScreen: median(r.leafletSvg.onScreen),
        svgStyle: median(r.leafletSvg.setStyleStyleLayout),
        canvas: median(r.leafletCanvas.setStyleRedraw),
      };
      const key = `map.${name}.${scenario}`;
      out[`${key}.features`] = r.features;
      out[`${key}.maplibre.loop.median.ms`] = r2(m.loop);
      out[`${key}.maplibre.loopRedraw.median.ms`] = r2(m.loopRedraw);
      out[`${key}.maplibre.loopRedraw.p95.ms`] = r2(p95(r.maplibre.loopRedraw));
      out[`${key}.maplibre.loopRedrawFinish.median.ms`] = r2(m.finish);
      out[`${key}.maplibre.redrawUnchanged.median.ms`] = r2(m.redrawOnly);
      out[`${key}.maplibre.probeMismatches`] = r.maplibre.probeMismatches;
      out[`${key}.maplibre.untilPainted.median.ms`] = r2(m.mlScreen);
      out[`${key}.leaflet.svgUntilPainted.median.ms`] = r2(m.svgScreen);
      out[`${key}.ratio.untilPainted`] = r2(m.svgScreen / m.mlScreen);
      out[`${key}.leaflet.svgSetStyle.median.ms`] = r2(m.svg);
      out[`${key}.leaflet.svgSetStyleStyleLayout.median.ms`] = r2(m.svgStyle);
      out[`${key}.leaflet.canvasSetStyleRedraw.median.ms`] = r2(m.canvas);
      out[`${key}.ratio.svgSetStyle_over_loopRedraw`] = r2(m.svg / m.loopRedraw);
      out[`${key}.ratio.svgSetStyle_over_loop`] = r2(m.svg / m.loop);
      rows.push([
        `${name} / ${scenario === 'all' ? 'all change' : `${STEP_SHARE * 100} % change`}`,
        String(r.features),
        m.loop.toFixed(2),
        `${m.loopRedraw.toFixed(2)} (p95 ${p95(r.maplibre.loopRedraw).toFixed(2)})`,
        m.finish.toFixed(2),
        m.redrawOnly.toFixed(2),
        m.svg.toFixed(2),
        m.svgStyle.toFixed(2),
        m.canvas.toFixed(2),
        `${(m.svg / m.loopRedraw).toFixed(1)}× / ${(m.svg / m.loop).toFixed(1)}×`,
        `${m.mlScreen.toFixed(1)} vs ${m.svgScreen.toFixed(1)} (${(m.svgScreen / m.mlScreen).toFixed(1)}×)`,
        `${r.maplibre.probes - r.maplibre.probeMismatches}/${r.maplibre.probes}`,
        m.loopRedraw < 16 ? 'yes' : 'NO',
      ]);
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const head = ['dataset', 'features', 'MapLibre loop', 'MapLibre loop+redraw', '+GPU finish', 'redraw, nothing changed', 'Leaflet SVG setStyle', 'SVG +style', 'Leaflet canvas', 'ratio SVG ÷ (loop+redraw) / ÷ loop', 'until painted: MapLibre vs Leaflet SVG', 'pixel probe ok', '< 16 ms'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(`\nMap restyle for another day (median ms over ${RUNS} changes per row; Chromium timer resolution 0.1 ms)`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  runMapBench().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
