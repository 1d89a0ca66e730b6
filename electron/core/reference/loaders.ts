import fs from 'node:fs';
import { z } from 'zod';
import { adminUnit, polygonGeometry, type AdminUnit } from '../../../shared/domain';
import {
  HANOI_PROVINCE_CODE,
  type DistrictFeatureCollection,
  type OsmHospital,
} from '../../../shared/reference/types';
import { referenceFile } from './paths';

/**
 * Loaders for the bundled reference data (resources/data, see SOURCES.md). The files
 * are parsed once per path and cached; every call returns fresh objects, so callers
 * may modify what they get.
 */

const nfc = z.string().transform((s) => s.normalize('NFC'));

const rawWard = z.object({
  code: z.string().regex(/^\d{5}$/),
  name: nfc,
  full_name: nfc,
  type: z.enum(['phuong', 'xa', 'thi_tran']),
  name_ascii: z.string(),
  district_code: z.string().regex(/^\d{3}$/),
  population_2019: z.number().int().nonnegative(),
  population_2019_note: z.string().optional(),
});
const rawDistrict = z.object({
  code: z.string().regex(/^\d{3}$/),
  name: nfc,
  full_name: nfc,
  type: z.enum(['quan', 'huyen', 'thi_xa']),
  name_ascii: z.string(),
  population_2019: z.number().int().nonnegative(),
  area_km2: z.number().nonnegative(),
  ward_count: z.number().int(),
  wards: z.array(rawWard),
});
const rawAdminFile = z.object({
  province: z.object({ code: z.literal(HANOI_PROVINCE_CODE), name: nfc, full_name: nfc, type: z.literal('thanh_pho_truc_thuoc_trung_uong'), name_ascii: z.string() }),
  districts: z.array(rawDistrict),
  population_2019_total: z.number().int(),
});

const rawHospital = z.object({
  name: nfc,
  lon: z.number(),
  lat: z.number(),
  osm_id: z.string().regex(/^(node|way|relation)\/\d+$/),
  district_code: z.string().regex(/^\d{3}$/),
  district_name: nfc,
  name_en: z.string().optional(),
  emergency: z.string().optional(),
});
const rawHospitalFile = z.object({ count: z.number().int(), hospitals: z.array(rawHospital) });

const districtFeature = z.object({
  type: z.literal('Feature'),
  id: z.string().regex(/^\d{3}$/),
  properties: z.object({
    code: z.string().regex(/^\d{3}$/),
    name: nfc,
    type: z.enum(['quan', 'huyen', 'thi_xa']),
    name_ascii: z.string(),
    population: z.number().int().nonnegative(),
    area_km2: z.number().nonnegative(),
  }),
  geometry: polygonGeometry,
});
const districtCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(districtFeature) });

const cache = new Map<string, unknown>();
function cached<T>(key: string, load: () => T): T {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as T;
}
function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Hà Nội's administrative units as AdminUnit rows, parents first: the province ('01'),
 * its 30 districts, then the 579 wards (GSO order). Validated with the domain schema.
 * Province population and area are the sums over the districts; wards have no area.
 */
export function loadAdminUnits(env: NodeJS.ProcessEnv = process.env): AdminUnit[] {
  const file = referenceFile('adminUnits', env);
  const units = cached(`admin:${file}`, () => {
    const raw = rawAdminFile.parse(readJson(file));
    const districts: AdminUnit[] = [];
    const wards: AdminUnit[] = [];
    for (const d of raw.districts) {
      const wardSum = d.wards.reduce((s, w) => s + w.population_2019, 0);
      if (d.wards.length !== d.ward_count) throw new Error(`${file}: district ${d.code} lists ${d.wards.length} wards, ward_count ${d.ward_count}`);
      if (wardSum !== d.population_2019) throw new Error(`${file}: district ${d.code} population ${d.population_2019} ≠ sum of wards ${wardSum}`);
      districts.push(
        adminUnit.parse({
          code: d.code,
          level: 'district',
          type: d.type,
          name: d.name,
          fullName: d.full_name,
          nameAscii: d.name_ascii,
          parentCode: raw.province.code,
          population: d.population_2019,
          areaKm2: d.area_km2,
        }),
      );
      for (const w of d.wards) {
        if (w.district_code !== d.code) throw new Error(`${file}: ward ${w.code} is listed under ${d.code} but says ${w.district_code}`);
        wards.push(
          adminUnit.parse({
            code: w.code,
            level: 'ward',
            type: w.type,
            name: w.name,
            fullName: w.full_name,
            nameAscii: w.name_ascii,
            parentCode: d.code,
            population: w.population_2019,
            areaKm2: null,
          }),
        );
      }
    }
    const population = districts.reduce((s, d) => s + d.population, 0);
    if (population !== raw.population_2019_total) throw new Error(`${file}: population total ${population} ≠ ${raw.population_2019_total}`);
    const province = adminUnit.parse({
      code: raw.province.code,
      level: 'province',
      type: raw.province.type,
      name: raw.province.name,
      fullName: raw.province.full_name,
      nameAscii: raw.province.name_ascii,
      parentCode: null,
      population,
      areaKm2: round2(districts.reduce((s, d) => s + (d.areaKm2 ?? 0), 0)),
    });
    return [province, ...districts, ...wards];
  });
  return units.map((u) => ({ ...u }));
}

/** The 30 district polygons (GeoJSON FeatureCollection, feature id = GSO code). */
export function loadDistrictBoundaries(env: NodeJS.ProcessEnv = process.env): DistrictFeatureCollection {
  const file = referenceFile('districts', env);
  const fc = cached(`districts:${file}`, () => districtCollection.parse(readJson(file)) as DistrictFeatureCollection);
  return structuredClone(fc);
}

/** The 107 hospitals extracted from OpenStreetMap (ODbL 1.0, © OpenStreetMap contributors). */
export function loadOsmHospitals(env: NodeJS.ProcessEnv = process.env): OsmHospital[] {
  const file = referenceFile('hospitals', env);
  const list = cached(`hospitals:${file}`, () => {
    const raw = rawHospitalFile.parse(readJson(file));
    if (raw.hospitals.length !== raw.count) throw new Error(`${file}: count ${raw.count} ≠ ${raw.hospitals.length} entries`);
    return raw.hospitals.map(
      (h): OsmHospital => ({
        name: h.name,
        lon: h.lon,
        lat: h.lat,
        osmId: h.osm_id,
        districtCode: h.district_code,
        districtName: h.district_name,
        nameEn: h.name_en ?? null,
        emergency: h.emergency ?? null,
      }),
    );
  });
  return list.map((h) => ({ ...h }));
}
