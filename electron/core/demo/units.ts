import { adminUnit, type AdminUnit } from '../../../shared/domain';
import type { DistrictFeatureCollection } from '../../../shared/reference/types';
import type { Ring } from './geo';
import { Rng } from './prng';

/** First code of the synthetic wards added at scale > 1 (Hà Nội's real ward codes end at 10504). */
export const SYNTHETIC_WARD_CODE_START = 90000;
/** 5-digit codes 90000–99999 are available for synthetic wards. */
export const MAX_SYNTHETIC_WARDS = 10000;

/** Districts of the old inner city: earlier in every wave. */
const INNER_CORE = new Set(['001', '002', '003', '004', '005', '006', '007', '008', '009']);
/**
 * Hotspot districts of the December 2021 wave (more cases per resident than average);
 * Omicron evened things out, so their factor shrinks after January 2022.
 */
const HOTSPOTS: Record<string, number> = { '008': 1.6, '006': 1.45, '268': 1.55, '009': 1.4, '019': 1.3 };

export interface DistrictInfo {
  code: string;
  unit: AdminUnit;
  /** Index in `world.districts`. */
  index: number;
  /** Outer ring first. */
  rings: Ring[];
  inner: boolean;
  /** Days ahead of (positive) or behind (negative) the city curve. */
  leadDays: number;
  /** Relative intensity before / after the Omicron switch (Feb 2022). */
  intensityDelta: number;
  intensityOmicron: number;
  /** Population of the real wards (= reference district population). */
  realPopulation: number;
  /** Real + synthetic ward population (= realPopulation at scale 1). */
  totalPopulation: number;
  /** Indexes into `world.wards`. */
  wardIndexes: number[];
}

export interface WardInfo {
  unit: AdminUnit;
  index: number;
  district: DistrictInfo;
  synthetic: boolean;
  population: number;
  /** Fixed relative risk of the ward (lognormal around 1). */
  risk: number;
  /** Fixed vaccination uptake factor around 1 (district + ward variation). */
  uptake: number;
  /** Community share offset (±). */
  communityOffset: number;
}

export interface DemoWorld {
  province: AdminUnit;
  districts: DistrictInfo[];
  districtByCode: Map<string, DistrictInfo>;
  wards: WardInfo[];
  wardByCode: Map<string, WardInfo>;
  /** Synthetic wards only (scale > 1), parents are real districts. */
  syntheticUnits: AdminUnit[];
  /** Province, districts, real wards, synthetic wards: parents first. */
  allUnits: AdminUnit[];
}

function syntheticWardType(districtType: AdminUnit['type']): AdminUnit['type'] {
  return districtType === 'huyen' ? 'xa' : 'phuong';
}
const TYPE_PREFIX: Partial<Record<AdminUnit['type'], string>> = { phuong: 'Phường', xa: 'Xã', thi_tran: 'Thị trấn' };

/**
 * Builds the units the generator works on: Hà Nội's reference units plus, at scale K > 1,
 * about (K − 1) × 579 synthetic wards ("Phường Mô phỏng 123", codes from 90000), spread
 * over the real districts in proportion to their ward counts. A synthetic ward's
 * population is a typical ward size of its district (district population / real ward
 * count, with variation); district and province rows keep the reference figures.
 */
export function buildWorld(reference: AdminUnit[], boundaries: DistrictFeatureCollection, seed: number, scale: number): DemoWorld {
  const rng = Rng.derive(seed, 'world');
  const province = reference.find((u) => u.level === 'province');
  if (!province) throw new Error('reference units: no province');
  const featureByCode = new Map(boundaries.features.map((f) => [f.properties.code, f]));

  const districts: DistrictInfo[] = [];
  const districtByCode = new Map<string, DistrictInfo>();
  for (const unit of reference.filter((u) => u.level === 'district')) {
    const feature = featureByCode.get(unit.code);
    if (!feature) throw new Error(`no boundary for district ${unit.code}`);
    const inner = INNER_CORE.has(unit.code);
    const lead = inner ? rng.range(1.5, 5) : unit.type === 'quan' ? rng.range(-1, 2.5) : rng.range(-6, 0);
    const hotspot = HOTSPOTS[unit.code];
    const base = hotspot ?? (unit.type === 'quan' ? rng.range(0.95, 1.2) : rng.range(0.6, 0.9));
    const info: DistrictInfo = {
      code: unit.code,
      unit,
      index: districts.length,
      rings: feature.geometry.coordinates,
      inner,
      leadDays: Math.round(lead * 10) / 10,
      intensityDelta: base * rng.lognormal(0.08),
      intensityOmicron: (1 + (base - 1) * 0.4) * rng.lognormal(0.08),
      realPopulation: unit.population,
      totalPopulation: 0,
      wardIndexes: [],
    };
    districts.push(info);
    districtByCode.set(unit.code, info);
  }

  const wards: WardInfo[] = [];
  const addWard = (unit: AdminUnit, district: DistrictInfo, synthetic: boolean) => {
    const ward: WardInfo = {
      unit,
      index: wards.length,
      district,
      synthetic,
      population: unit.population,
      risk: rng.lognormal(0.35),
      uptake: 1,
      communityOffset: rng.range(-0.06, 0.06),
    };
    wards.push(ward);
    district.wardIndexes.push(ward.index);
    district.totalPopulation += unit.population;
  };
  for (const unit of reference.filter((u) => u.level === 'ward')) {
    const district = districtByCode.get(unit.parentCode ?? '');
    if (!district) throw new Error(`ward ${unit.code}: unknown district ${unit.parentCode}`);
    addWard(unit, district, false);
  }

  const syntheticUnits: AdminUnit[] = [];
  if (scale > 1) {
    let next = 0;
    for (const district of districts) {
      const realCount = district.wardIndexes.length;
      const extra = Math.round((scale - 1) * realCount);
      const typical = district.realPopulation / realCount;
      for (let i = 0; i < extra; i++) {
        if (next >= MAX_SYNTHETIC_WARDS) throw new RangeError(`scale ${scale}: more than ${MAX_SYNTHETIC_WARDS} synthetic wards`);
        const code = String(SYNTHETIC_WARD_CODE_START + next);
        next++;
        const type = syntheticWardType(district.unit.type);
        const prefix = TYPE_PREFIX[type]!;
        const unit = adminUnit.parse({
          code,
          level: 'ward',
          type,
          name: `Mô phỏng ${next}`,
          fullName: `${prefix} Mô phỏng ${next}`,
          nameAscii: `Mo phong ${next}`,
          parentCode: district.code,
          population: Math.max(1000, Math.round(typical * rng.lognormal(0.4))),
          areaKm2: null,
        });
        syntheticUnits.push(unit);
        addWard(unit, district, true);
      }
    }
  }

  // Vaccination uptake: a district factor and a ward factor (kept close to 1).
  const districtUptake = districts.map((d) => (d.inner ? rng.range(0.99, 1.04) : rng.range(0.95, 1.02)));
  for (const w of wards) w.uptake = districtUptake[w.district.index]! * rng.range(0.97, 1.03);

  const wardByCode = new Map(wards.map((w) => [w.unit.code, w]));
  const allUnits = [province, ...districts.map((d) => d.unit), ...wards.map((w) => w.unit)];
  return { province, districts, districtByCode, wards, wardByCode, syntheticUnits, allUnits };
}

/** A real ward by district code and name (NFC, without the type prefix). */
export function findWard(world: DemoWorld, districtCode: string, name: string): WardInfo {
  const district = world.districtByCode.get(districtCode);
  const target = name.normalize('NFC');
  const ward = district?.wardIndexes.map((i) => world.wards[i]!).find((w) => !w.synthetic && w.unit.name === target);
  if (!ward) throw new Error(`demo data: no ward "${name}" in district ${districtCode}`);
  return ward;
}
