import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// The worker is a self-contained ES module shipped next to the app (Vite copies it as an
// asset). Pointing MapLibre at it explicitly keeps it working under app:// (Electron), in
// web mode, and offline, with the CSP's `worker-src 'self'`.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

let configured = false;

/** MapLibre with its worker configured; the one place the renderer imports maplibre-gl from. */
export function getMaplibre(): typeof maplibregl {
  if (!configured) {
    maplibregl.setWorkerUrl(new URL(workerUrl, document.baseURI).href);
    configured = true;
  }
  return maplibregl;
}

export type { Map as MaplibreMap, MapGeoJSONFeature, StyleSpecification, ExpressionSpecification, GeoJSONSource } from 'maplibre-gl';
