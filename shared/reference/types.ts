/**
 * Types of the bundled reference files in resources/data (see SOURCES.md there).
 * Shared with the browser renderer: types only, no Node imports.
 */

/** `type` of a district-level unit in the reference files. */
export type DistrictType = 'quan' | 'huyen' | 'thi_xa';

/** Properties of one feature of hanoi-districts.geojson (fixed order in the file). */
export interface DistrictFeatureProperties {
  /** 3-digit GSO code, equal to the feature id. */
  code: string;
  /** Name without the "Quận"/"Huyện"/"Thị xã" prefix, NFC. */
  name: string;
  type: DistrictType;
  name_ascii: string;
  /** 2019 census population (sum of the wards). */
  population: number;
  /** Geodesic area of the source polygon, km² (not the yearbook figure). */
  area_km2: number;
}

export type Position = [number, number];

export interface PolygonGeometry {
  type: 'Polygon';
  /** Outer ring first (RFC 7946, counter-clockwise), rings closed. */
  coordinates: Position[][];
}

export interface DistrictFeature {
  type: 'Feature';
  id: string;
  properties: DistrictFeatureProperties;
  geometry: PolygonGeometry;
}

export interface DistrictFeatureCollection {
  type: 'FeatureCollection';
  features: DistrictFeature[];
}

/** One hospital of hanoi-hospitals-osm.json (ODbL, © OpenStreetMap contributors), camelCased. */
export interface OsmHospital {
  name: string;
  lon: number;
  lat: number;
  /** `node/…`, `way/…` or `relation/…`. */
  osmId: string;
  districtCode: string;
  districtName: string;
  nameEn: string | null;
  /** OSM `emergency` tag where present ('yes' | 'no'). */
  emergency: string | null;
}

/** Bundled reference file names inside the resources data folder. */
export const REFERENCE_FILES = {
  districts: 'hanoi-districts.geojson',
  adminUnits: 'hanoi-admin-units.json',
  hospitals: 'hanoi-hospitals-osm.json',
  sources: 'SOURCES.md',
} as const;

/** Hà Nội's province code (GSO). */
export const HANOI_PROVINCE_CODE = '01';
