import type { UnitMetrics } from '../../../shared/api/ops/metrics';
import { hanoiToday } from '../../../shared/format';
import { addDays, per100k } from '../../../shared/metrics';
import type { Store } from '../store';
import { loadDistrictBoundaries } from '../reference';
import { MIME } from './write-file';

/**
 * Units with their metrics as GeoJSON (for GIS tools and other dashboards). Metrics come
 * from `metrics.snapshot` (the one metrics implementation) when the core has it; the
 * fallback — only if that op is unavailable — is the 7-day case sums read straight from
 * case_reports, and the result says which source was used.
 */
export type SnapshotFn = (date: string, level: 'district' | 'ward') => { units: UnitMetrics[] };

interface Feature {
  type: 'Feature';
  id: string;
  properties: Record<string, unknown>;
  geometry: unknown;
}

export async function exportGeojson(store: Store, level: 'district' | 'ward', dateIn: string | undefined, snapshot: SnapshotFn | null) {
  const date =
    dateIn ??
    ((store.db.prepare('SELECT MAX(date) AS d FROM case_reports WHERE _deleted = 0').get() as { d: string | null }).d ?? hanoiToday(store.clock()));
  const geometries = new Map<string, unknown>();
  if (level === 'district') for (const f of loadDistrictBoundaries().features) geometries.set(f.id, f.geometry);
  else {
    const imported = store.getSetting<{ features?: { id?: unknown; properties?: { code?: unknown }; geometry?: unknown }[] }>('boundaries.ward');
    for (const f of imported?.features ?? []) geometries.set(String(f.id ?? f.properties?.code ?? ''), f.geometry ?? null);
  }
  const units = store.list('adminUnit', { level }, { orderBy: 'code' });
  let metrics: Map<string, Record<string, unknown>>;
  let source: 'metrics.snapshot' | 'case_reports';
  if (snapshot) {
    metrics = new Map(
      snapshot(date, level).units.map((m) => [
        m.code,
        {
          newCommunity7d: m.newCommunity7d,
          newTotal7d: m.newTotal7d,
          incidence7dPer100k: m.incidence7dPer100k,
          newCasesToday: m.newCasesToday,
          activeF0: m.activeF0,
          trendRatio: m.trendRatio,
          coverageAdultDose1: m.coverageAdultDose1,
          lastReportDate: m.lastReportDate,
          epidemicLevel: m.epidemicLevel?.level ?? null,
        },
      ]),
    );
    source = 'metrics.snapshot';
  } else {
    metrics = sevenDaySums(store, level, date);
    source = 'case_reports';
  }
  const features: Feature[] = units.map((u) => ({
    type: 'Feature',
    id: u.code,
    properties: {
      code: u.code,
      name: u.fullName,
      parentCode: u.parentCode,
      population: u.population,
      date,
      ...(metrics.get(u.code) ?? {}),
    },
    geometry: geometries.get(u.code) ?? null,
  }));
  const body = JSON.stringify({ type: 'FeatureCollection', name: `sa-ban-${level}-${date}`, metricsSource: source, features });
  return {
    fileName: `don-vi-${level === 'district' ? 'quan-huyen' : 'phuong-xa'}_${date}.geojson`,
    mimeType: MIME.geojson,
    contentBase64: Buffer.from(body, 'utf8').toString('base64'),
    rows: features.length,
    metricsSource: source,
  };
}

/** Fallback only: sums over d−6 … d straight from the reports (districts roll up their wards). */
function sevenDaySums(store: Store, level: 'district' | 'ward', date: string): Map<string, Record<string, unknown>> {
  const from = addDays(date, -6);
  const key = level === 'ward' ? 'r.unit_code' : 'COALESCE(u.parent_code, r.unit_code)';
  const rows = store.db
    .prepare(
      `SELECT ${key} AS code, SUM(r.new_community) AS c, SUM(r.new_community + r.new_quarantined) AS t,
              SUM(CASE WHEN r.date = ? THEN r.f0_home + r.f0_facility ELSE 0 END) AS f0
       FROM case_reports r JOIN admin_units u ON u.code = r.unit_code
       WHERE r._deleted = 0 AND r.date BETWEEN ? AND ? GROUP BY ${key}`,
    )
    .all(date, from, date) as { code: string; c: number; t: number; f0: number }[];
  const pop = new Map(store.list('adminUnit', { level }).map((u) => [u.code, u.population]));
  return new Map(
    rows.map((r) => [
      r.code,
      { newCommunity7d: r.c, newTotal7d: r.t, incidence7dPer100k: per100k(r.c, pop.get(r.code) ?? 0), activeF0: r.f0 },
    ]),
  );
}
