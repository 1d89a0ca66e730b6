/**
 * Browser side of the map benchmark (bundled by bench/map/index.ts with esbuild into a temp
 * folder and served on 127.0.0.1; never part of the app). It times the SAME restyle code the
 * app runs (applyClassStates + classFillExpression from renderer/src/map) against Leaflet's
 * GeoJSON `setStyle`, on the same polygons, in the same browser and run.
 */
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { FeatureCollection } from 'geojson';
import { applyClassStates } from '../../renderer/src/map/restyle';
import { classFillExpression, classColourOf } from '../../renderer/src/map/metrics';

interface Dataset {
  name: string;
  fc: FeatureCollection;
  /** Scenario → days[d][i] = class of feature i on simulated day d (see synthetic.ts). */
  scenarios: Record<Scenario, number[][]>;
}

/**
 * 'all': every feature gets a new class and every feature is written (worst case).
 * 'step': about 10 % of the features change class, and each side restyles only those:
 * MapLibre through the app's own diffing (applyClassStates with the previous classes),
 * Leaflet with setStyle on the changed features' layers.
 */
export type Scenario = 'all' | 'step';

export interface RunResult {
  features: number;
  maplibre: { loop: number[]; loopRedraw: number[]; loopRedrawFinish: number[]; redrawOnly: number[]; onScreen: number[]; probeMismatches: number; probes: number };
  leafletSvg: { setStyle: number[]; setStyleStyleLayout: number[]; onScreen: number[] };
  leafletCanvas: { setStyleRedraw: number[] };
}

declare global {
  interface Window {
    benchReady?: boolean;
    runMapBench?: (name: string, scenario: Scenario, runs: number) => Promise<RunResult>;
  }
}

const now = () => performance.now();
const frame = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
/**
 * Resolves after the next frame has been produced: a rAF callback runs at the start of the
 * frame (after MapLibre's own render callback, registered earlier by the change), and a
 * message posted from it is handled after that frame's style, layout and paint.
 */
const painted = () =>
  new Promise<void>((r) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => r();
      ch.port2.postMessage(0);
    }),
  );
const METRIC = 'incidence' as const;
export const WARMUP = 3;
const codesOf = (fc: FeatureCollection) => fc.features.map((f) => String((f.properties as { code: string }).code));

function container(): HTMLDivElement {
  document.getElementById('stage')?.remove();
  const el = document.createElement('div');
  el.id = 'stage';
  el.style.cssText = 'position:absolute;left:0;top:0;width:1200px;height:760px;';
  document.body.appendChild(el);
  return el;
}

function bboxOf(fc: FeatureCollection): [number, number, number, number] {
  let b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as [number, number];
      b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
    } else (c as unknown[]).forEach(walk);
  };
  for (const f of fc.features) walk((f.geometry as { coordinates: unknown }).coordinates);
  return b;
}

async function benchMaplibre(ds: Dataset, sc: Scenario, runs: number, warmup: number): Promise<RunResult['maplibre']> {
  const el = container();
  const bounds = bboxOf(ds.fc);
  const map = new maplibregl.Map({
    container: el,
    style: {
      version: 8,
      sources: { units: { type: 'geojson', data: ds.fc, promoteId: 'code' } },
      layers: [
        { id: 'ground', type: 'background', paint: { 'background-color': '#E6E8E1' } },
        { id: 'fill', type: 'fill', source: 'units', paint: { 'fill-color': classFillExpression(METRIC), 'fill-color-transition': { duration: 0 } } },
        { id: 'line', type: 'line', source: 'units', paint: { 'line-color': '#FFFFFF', 'line-width': 0.5 } },
      ],
    },
    bounds,
    fitBoundsOptions: { padding: 10 },
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
    attributionControl: false,
    fadeDuration: 0,
  });
  await new Promise<void>((r) => map.once('idle', () => r()));
  const codes = codesOf(ds.fc);
  const gl = map.getCanvas().getContext('webgl2') ?? map.getCanvas().getContext('webgl');
  // Probe: the centre of a mid-list feature; after each timed change its pixel must show the new class colour.
  const probeIdx = Math.floor(codes.length / 2);
  const probeFeature = ds.fc.features[probeIdx]!;
  const pb = bboxOf({ type: 'FeatureCollection', features: [probeFeature] });
  const probePx = map.project([(pb[0] + pb[2]) / 2, (pb[1] + pb[3]) / 2]);
  const out: RunResult['maplibre'] = { loop: [], loopRedraw: [], loopRedrawFinish: [], redrawOnly: [], onScreen: [], probeMismatches: 0, probes: 0 };
  const days = ds.scenarios[sc];
  let prev = new Map(codes.map((c, k) => [c, days[0]![k]!]));
  applyClassStates(map, ['units'], prev);
  map.redraw();
  for (let i = 0; i < warmup + runs; i++) {
    const day = days[i + 1]!;
    const classes = new Map(codes.map((c, k) => [c, day[k]!]));
    await frame();
    const t0 = now();
    // 'all': every feature written, nothing skipped; 'step': the app's diff against the previous day.
    applyClassStates(map, ['units'], classes, sc === 'step' ? prev : undefined);
    const t1 = now();
    map.redraw(); // synchronous render: feature-state → paint buffers → draw calls submitted
    const t2 = now();
    gl!.finish(); // wait until the GPU (SwiftShader here) has drawn it
    const t3 = now();
    if (i >= warmup) {
      out.loop.push(t1 - t0);
      out.loopRedraw.push(t2 - t0);
      out.loopRedrawFinish.push(t3 - t0);
      const px = new Uint8Array(4);
      const dpr = window.devicePixelRatio || 1;
      gl!.readPixels(Math.round(probePx.x * dpr), Math.round(gl!.drawingBufferHeight - probePx.y * dpr), 1, 1, gl!.RGBA, gl!.UNSIGNED_BYTE, px);
      const want = classColourOf(METRIC, day[probeIdx]!);
      const hex = `#${[px[0]!, px[1]!, px[2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
      out.probes++;
      if (hex !== want.toUpperCase()) out.probeMismatches++;
      // Baseline: the same synchronous render with nothing changed (what any frame costs here).
      await frame();
      const t4 = now();
      map.redraw();
      gl!.finish();
      out.redrawOnly.push(now() - t4);
    }
    prev = classes;
  }
  // Second pass, the browser's own way: change, then let MapLibre render in the next frame;
  // measured until that frame is produced (includes waiting for the frame, ≤ one vsync).
  prev = new Map(codes.map((c, k) => [c, days[0]![k]!]));
  applyClassStates(map, ['units'], prev);
  map.redraw();
  for (let i = 0; i < warmup + runs; i++) {
    const classes = new Map(codes.map((c, k) => [c, days[i + 1]![k]!]));
    await frame();
    const t0 = now();
    applyClassStates(map, ['units'], classes, sc === 'step' ? prev : undefined);
    await painted();
    if (i >= warmup) out.onScreen.push(now() - t0);
    prev = classes;
  }
  map.remove();
  return out;
}

function leafletLayer(ds: Dataset, renderer: L.Renderer, initial: number[]) {
  const el = container();
  const b = bboxOf(ds.fc);
  const lmap = L.map(el, { zoomControl: false, attributionControl: false, fadeAnimation: false, zoomAnimation: false, renderer });
  lmap.fitBounds([
    [b[1], b[0]],
    [b[3], b[2]],
  ]);
  const index = new Map(codesOf(ds.fc).map((c, k) => [c, k]));
  const byCode = new Map<string, L.Path>();
  const layer = L.geoJSON(ds.fc as never, {
    style: (f) => ({ fillColor: classColourOf(METRIC, initial[index.get(String((f!.properties as { code: string }).code))!]), fillOpacity: 1, color: '#FFFFFF', weight: 0.5 }),
    onEachFeature: (f, l) => byCode.set(String((f.properties as { code: string }).code), l as L.Path),
  }).addTo(lmap);
  return { el, lmap, layer, byCode };
}

/** Leaflet's idiomatic restyle: setStyle with a function of the feature ('all'), or per changed layer ('step'). */
function leafletRestyle(sc: Scenario, layer: L.GeoJSON, byCode: Map<string, L.Path>, codes: string[], day: number[], prevDay: number[]) {
  if (sc === 'all') {
    const classes = new Map(codes.map((c, k) => [c, day[k]!]));
    layer.setStyle((f?: GeoJSON.Feature) => ({ fillColor: classColourOf(METRIC, classes.get(String((f!.properties as { code: string }).code))) }));
    return;
  }
  for (let k = 0; k < codes.length; k++) if (day[k] !== prevDay[k]) byCode.get(codes[k]!)!.setStyle({ fillColor: classColourOf(METRIC, day[k]) });
}

async function benchLeafletSvg(ds: Dataset, sc: Scenario, runs: number, warmup: number): Promise<RunResult['leafletSvg']> {
  const days = ds.scenarios[sc];
  const { lmap, layer, byCode } = leafletLayer(ds, L.svg(), days[0]!);
  await frame();
  const codes = codesOf(ds.fc);
  const out: RunResult['leafletSvg'] = { setStyle: [], setStyleStyleLayout: [], onScreen: [] };
  for (let i = 0; i < warmup + runs; i++) {
    await frame();
    const t0 = now();
    leafletRestyle(sc, layer, byCode, codes, days[i + 1]!, days[i]!);
    const t1 = now();
    // Forces the style recalculation (and layout) the SVG attribute changes caused; paint is not measurable from JS.
    void document.body.offsetHeight;
    const t2 = now();
    if (i >= warmup) {
      out.setStyle.push(t1 - t0);
      out.setStyleStyleLayout.push(t2 - t0);
    }
  }
  // Until the next frame is produced (style, layout and paint of the SVG included).
  leafletRestyle('all', layer, byCode, codes, days[0]!, days[0]!);
  for (let i = 0; i < warmup + runs; i++) {
    await frame();
    const t0 = now();
    leafletRestyle(sc, layer, byCode, codes, days[i + 1]!, days[i]!);
    await painted();
    if (i >= warmup) out.onScreen.push(now() - t0);
  }
  await frame();
  lmap.remove();
  return out;
}

async function benchLeafletCanvas(ds: Dataset, sc: Scenario, runs: number, warmup: number): Promise<RunResult['leafletCanvas']> {
  const renderer = L.canvas();
  const days = ds.scenarios[sc];
  const { lmap, layer, byCode } = leafletLayer(ds, renderer, days[0]!);
  await frame();
  const codes = codesOf(ds.fc);
  const out: RunResult['leafletCanvas'] = { setStyleRedraw: [] };
  for (let i = 0; i < warmup + runs; i++) {
    await frame();
    const t0 = now();
    leafletRestyle(sc, layer, byCode, codes, days[i + 1]!, days[i]!);
    // The canvas renderer defers drawing to the next frame; draw now (private API, bench only).
    (renderer as unknown as { _redraw(): void })._redraw();
    const t1 = now();
    if (i >= warmup) out.setStyleRedraw.push(t1 - t0);
  }
  await frame(); // let the renderer's own deferred redraw run before the map goes away
  lmap.remove();
  return out;
}

async function main() {
  const data = (await (await fetch('/data.json')).json()) as { datasets: Dataset[] };
  maplibregl.setWorkerUrl(new URL('/maplibre-gl-worker.mjs', location.href).href);
  window.runMapBench = async (name, scenario, runs) => {
    const ds = data.datasets.find((d) => d.name === name)!;
    const warmup = WARMUP;
    if (ds.scenarios[scenario].length < warmup + runs + 1) throw new Error(`${name}/${scenario}: not enough simulated days`);
    const maplibre = await benchMaplibre(ds, scenario, runs, warmup);
    const leafletSvg = await benchLeafletSvg(ds, scenario, runs, warmup);
    const leafletCanvas = await benchLeafletCanvas(ds, scenario, runs, warmup);
    return { features: ds.fc.features.length, maplibre, leafletSvg, leafletCanvas };
  };
  window.benchReady = true;
}

void main();
