import type { FeatureCollection, Feature, Point, Polygon, MultiPolygon } from 'geojson';
import type { AdminUnit, Facility, Task, Zone } from '../../../shared/domain';
import type { FacilityLoad } from '../../../shared/api/ops/map';
import { CLASS_TABLES, classIndex } from '../../../shared/metrics';
import { areaLabelPoint, type AreaGeometry, type Pos } from './geometry';

/**
 * Domain rows → GeoJSON for the map's sources. Pure functions (unit-tested); the map
 * controller only hands their output to MapLibre.
 */

export interface UnitProps {
  code: string;
  name: string;
}
export type UnitFeature = Feature<Polygon | MultiPolygon, UnitProps>;
export type UnitCollection = FeatureCollection<Polygon | MultiPolygon, UnitProps>;

const isArea = (g: unknown): g is AreaGeometry =>
  !!g && typeof g === 'object' && ((g as { type?: string }).type === 'Polygon' || (g as { type?: string }).type === 'MultiPolygon');

/**
 * Boundaries as returned by `boundaries.get` (shipped districts, or wards as imported) →
 * features keyed by `properties.code` (the sources use promoteId 'code', which is what
 * feature-state is addressed by). Features without a usable code or area geometry are dropped.
 */
export function normaliseBoundaries(fc: { features: readonly unknown[] } | undefined, names?: ReadonlyMap<string, string>): UnitCollection {
  const features: UnitFeature[] = [];
  for (const raw of fc?.features ?? []) {
    const f = raw as { id?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown };
    const code = String(f.properties?.code ?? f.id ?? '');
    if (!/^\d{3}$|^\d{5}$/.test(code) || !isArea(f.geometry)) continue;
    const name = names?.get(code) ?? String(f.properties?.name ?? code);
    features.push({ type: 'Feature', properties: { code, name }, geometry: f.geometry as Polygon | MultiPolygon });
  }
  return { type: 'FeatureCollection', features };
}

/** One label point per unit (pole of inaccessibility), also used to pin tasks placed "in a unit". */
export function labelPoints(units: UnitCollection): FeatureCollection<Point, UnitProps> {
  return {
    type: 'FeatureCollection',
    features: units.features.map((f) => ({
      type: 'Feature',
      properties: f.properties,
      geometry: { type: 'Point', coordinates: areaLabelPoint(f.geometry as AreaGeometry) },
    })),
  };
}

export const pointIndex = (fc: FeatureCollection<Point, UnitProps>): Map<string, Pos> =>
  new Map(fc.features.map((f) => [f.properties.code, f.geometry.coordinates as Pos]));

// ---------------------------------------------------------------- facilities

export interface FacilityProps {
  id: string;
  name: string;
  kind: Facility['kind'];
  tier: number;
  capacity: number;
  /** −1 when the facility has no status on or before the day. */
  occupied: number;
  occupancyPct: number;
  /** Occupancy class (shared/metrics 'occupancy' table), −1 = no data. */
  occCls: number;
  /** For the cluster sums: the counts of facilities WITH data only. */
  occKnown: number;
  capKnown: number;
}

/** Capacity as the map sizes markers: beds, or home-F0 capacity for mobile stations. */
export const facilityCapacity = (f: Pick<Facility, 'kind' | 'beds' | 'homeF0Capacity'>) =>
  f.kind === 'mobile_station' && f.homeF0Capacity !== null ? f.homeF0Capacity : f.beds;

export function facilityPoints(facilities: readonly Facility[], loads: readonly FacilityLoad[] | undefined): FeatureCollection<Point, FacilityProps> {
  const byId = new Map((loads ?? []).map((l) => [l.facilityId, l]));
  const features: Feature<Point, FacilityProps>[] = [];
  for (const f of facilities) {
    if (!f.active || f.lon === null || f.lat === null) continue;
    const load = byId.get(f.id);
    const capacity = load?.capacity ?? facilityCapacity(f);
    const known = !!load && load.occupied !== null && load.occupancyPct !== null;
    features.push({
      type: 'Feature',
      properties: {
        id: f.id,
        name: f.name,
        kind: f.kind,
        tier: f.tier,
        capacity,
        occupied: known ? load.occupied! : -1,
        occupancyPct: known ? load.occupancyPct! : -1,
        occCls: known ? classIndex('occupancy', load.occupancyPct) ?? -1 : -1,
        occKnown: known ? load.occupied! : 0,
        capKnown: known ? capacity : 0,
      },
      geometry: { type: 'Point', coordinates: [f.lon, f.lat] },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The occupancy table's colours as [break, colour] pairs for a `step` in a paint expression. */
export const occupancyStops = (): (number | string)[] => {
  const t = CLASS_TABLES.occupancy;
  const out: (number | string)[] = [];
  t.breaks.forEach((b, i) => out.push(b, t.colours[i + 1]!));
  return out;
};

/** District of a unit code (a ward's parent), or the code itself for a district. */
export function districtOf(code: string | null | undefined, wardParent: ReadonlyMap<string, string>): string | null {
  if (!code) return null;
  if (code.length === 3) return code;
  return wardParent.get(code) ?? null;
}

export const wardParents = (wards: readonly AdminUnit[]): Map<string, string> =>
  new Map(wards.filter((w) => w.level === 'ward' && w.parentCode).map((w) => [w.code, w.parentCode!]));

// ---------------------------------------------------------------- tasks

const CLOSED: ReadonlySet<Task['status']> = new Set(['done', 'cancelled']);
export const isOpenTask = (t: Pick<Task, 'status'>) => !CLOSED.has(t.status);

/** Hà Nội calendar day of an instant (UTC+7, no DST). */
export const hanoiDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);

/** Overdue on `day`: due before it and not done/cancelled. */
export const isOverdue = (t: Pick<Task, 'status' | 'dueDate'>, day: string) => isOpenTask(t) && !!t.dueDate && t.dueDate < day;

/** Open on `day` as far as the map knows: created by then and (currently) not done/cancelled. */
export const isOpenOn = (t: Pick<Task, 'status' | 'createdAt'>, day: string) => isOpenTask(t) && hanoiDay(t.createdAt) <= day;

export interface TaskProps {
  id: string;
  title: string;
  status: Task['status'];
  priority: Task['priority'];
  /** '' when there is no due date (expressions compare strings). */
  dueDate: string;
  createdDay: string;
  district: string;
}

export interface PlaceIndex {
  /** Label points of districts (and wards when their boundaries are imported). */
  unitPoints: ReadonlyMap<string, Pos>;
  facilities: ReadonlyMap<string, Pick<Facility, 'lon' | 'lat' | 'unitCode'>>;
  wardParent: ReadonlyMap<string, string>;
}

/**
 * Where a task is pinned: 'point' → its coordinates; 'facility' → the facility's location;
 * 'unit' → the unit's label point (a ward without imported boundaries falls back to its
 * district's). null when the task has no usable place.
 */
export function taskPlace(t: Task, idx: PlaceIndex): { pos: Pos; district: string | null } | null {
  if (t.placeType === 'point' && t.placeLon !== null && t.placeLat !== null) {
    return { pos: [t.placeLon, t.placeLat], district: districtOf(t.assigneeUnitCode, idx.wardParent) };
  }
  if (t.placeType === 'facility' && t.placeFacilityId) {
    const f = idx.facilities.get(t.placeFacilityId);
    if (f && f.lon !== null && f.lat !== null) return { pos: [f.lon, f.lat], district: districtOf(f.unitCode, idx.wardParent) };
  }
  if (t.placeType === 'unit' && t.placeUnitCode) {
    const district = districtOf(t.placeUnitCode, idx.wardParent);
    const pos = idx.unitPoints.get(t.placeUnitCode) ?? (district ? idx.unitPoints.get(district) : undefined);
    if (pos) return { pos, district };
  }
  return null;
}

/** Pins for every OPEN task with a place; the day filter and overdue colour are style expressions. */
export function taskPins(tasks: readonly Task[], idx: PlaceIndex): FeatureCollection<Point, TaskProps> {
  const features: Feature<Point, TaskProps>[] = [];
  for (const t of tasks) {
    if (!isOpenTask(t)) continue;
    const place = taskPlace(t, idx);
    if (!place) continue;
    features.push({
      type: 'Feature',
      properties: {
        id: t.id,
        title: t.title,
        status: t.status,
        priority: t.priority,
        dueDate: t.dueDate ?? '',
        createdDay: hanoiDay(t.createdAt),
        district: place.district ?? '',
      },
      geometry: { type: 'Point', coordinates: place.pos },
    });
  }
  return { type: 'FeatureCollection', features };
}

// ---------------------------------------------------------------- zones

export interface ZoneProps {
  id: string;
  kind: Zone['kind'];
  name: string;
  startDate: string;
  /** '9999-12-31' for an open-ended zone (expressions compare strings). */
  endDate: string;
}

export const OPEN_END = '9999-12-31';
export const isZoneActive = (z: Pick<Zone, 'startDate' | 'endDate'>, day: string) => z.startDate <= day && (z.endDate ?? OPEN_END) >= day;

export function zoneAreas(zones: readonly Zone[]): FeatureCollection<Polygon | MultiPolygon, ZoneProps> {
  return {
    type: 'FeatureCollection',
    features: zones.map((z) => ({
      type: 'Feature',
      properties: { id: z.id, kind: z.kind, name: z.name, startDate: z.startDate, endDate: z.endDate ?? OPEN_END },
      geometry: z.geometry as Polygon | MultiPolygon,
    })),
  };
}
