import { facility, type Facility, type FacilityKind, type TreatmentTier } from '../../../shared/domain';
import type { OsmHospital } from '../../../shared/reference/types';
import { localTimeMs } from './dates';
import { pointInPolygon, randomPointIn } from './geo';
import { deterministicUuidV7 } from './ids';
import { Rng } from './prng';
import { findWard, type DemoWorld } from './units';

/**
 * The demo's treatment network at scale 1: 32 hospitals and treatment facilities
 * (23 real hospitals located from OpenStreetMap, 2 field hospitals, 7 "cơ sở thu dung")
 * and 27 mobile medical stations (trạm y tế lưu động), 9 of them at industrial parks.
 * Bed numbers are the COVID-19 places each one is imagined to have set aside — invented,
 * plausible figures, not official ones. The 25 hospitals (incl. field hospitals) have
 * 3,200 oxygen outlets in all; the network has ~97,000 beds, nearly 90 % of them in the treatment facilities (most
 * of which stay far from full, as Hà Nội's reserve capacity did).
 */

export interface FacilityTemplate {
  /** Stable key, used by tasks and tests. */
  key: string;
  kind: FacilityKind;
  tier: TreatmentTier;
  /** Take name and position from this OSM element. */
  osmId?: string;
  /** Name when not from OSM (or to override the OSM spelling). */
  name?: string;
  districtCode: string;
  /** When set, the facility's unit is this ward (else the district). */
  wardName?: string;
  /** Approximate position for non-OSM facilities; used only if inside the district polygon. */
  at?: [number, number];
  beds: number;
  icuBeds?: number;
  oxygenOutlets?: number;
  ventilators?: number;
  homeF0Capacity?: number;
  atIndustrialPark?: boolean;
  note?: string;
  /** Date the facility was set up / designated (used for the id timestamp). */
  since: string;
}

const H = (key: string, osmId: string, districtCode: string, tier: TreatmentTier, beds: number, icuBeds: number, oxygenOutlets: number, ventilators: number, note = ''): FacilityTemplate => ({
  key,
  kind: 'hospital',
  tier,
  osmId,
  districtCode,
  beds,
  icuBeds,
  oxygenOutlets,
  ventilators,
  note,
  since: '2021-05-01',
});

export const FACILITY_TEMPLATES: readonly FacilityTemplate[] = [
  // ---- tier 3: central and city hospitals with intensive care
  H('bv-bach-mai', 'way/218625367', '006', 3, 500, 80, 300, 60, 'Trung tâm hồi sức tích cực người bệnh COVID-19 nặng.'),
  H('bv-nhiet-doi-kim-chung', 'way/951487924', '017', 3, 600, 120, 350, 80, 'Cơ sở 2 – Kim Chung, Đông Anh: tiếp nhận người bệnh nặng, nguy kịch.'),
  H('bv-108', 'way/218631146', '007', 3, 300, 40, 150, 30),
  H('bv-thanh-nhan', 'way/863796136', '007', 3, 450, 60, 250, 30, 'Bệnh viện tầng 3 của Thành phố.'),
  H('bv-duc-giang', 'way/863797895', '004', 3, 450, 60, 250, 30, 'Bệnh viện tầng 3 của Thành phố.'),
  H('bv-ha-dong', 'way/914749544', '268', 3, 450, 60, 250, 30, 'Bệnh viện tầng 3 của Thành phố.'),
  H('bv-xanh-pon', 'way/217792888', '001', 3, 250, 30, 150, 20),
  // ---- tier 2: city and district general hospitals
  H('bv-bac-thang-long', 'way/914889884', '017', 2, 350, 20, 150, 10),
  H('bv-dong-anh', 'way/915814813', '017', 2, 250, 10, 100, 5),
  H('bv-soc-son', 'way/944109877', '016', 2, 250, 10, 100, 5),
  H('bv-gia-lam', 'way/384534300', '018', 2, 200, 10, 80, 5),
  H('bv-thanh-tri', 'way/914889895', '020', 2, 200, 10, 70, 5),
  H('bv-phoi-ha-noi', 'way/863796138', '007', 2, 250, 15, 100, 8),
  H('bv-me-linh', 'way/973480708', '250', 2, 200, 8, 70, 4),
  H('bv-son-tay', 'way/951420388', '269', 2, 250, 10, 110, 6),
  H('bv-dan-phuong', 'way/992727734', '273', 2, 180, 6, 60, 3),
  H('bv-hoai-duc', 'way/992727740', '274', 2, 180, 6, 60, 3),
  H('bv-thach-that', 'way/943519166', '276', 2, 180, 6, 60, 3),
  H('bv-chuong-my', 'way/992727737', '277', 2, 180, 8, 80, 4),
  H('bv-thuong-tin', 'way/1162059701', '279', 2, 180, 6, 60, 3),
  H('bv-phu-xuyen', 'way/992670662', '280', 2, 180, 6, 60, 3),
  H('bv-van-dinh', 'way/915893906', '281', 2, 180, 6, 60, 3),
  H('bv-my-duc', 'way/992965925', '282', 2, 180, 6, 60, 3),
  // ---- tier 2: field hospitals
  {
    key: 'bvdc-1-thanh-ha',
    kind: 'field_hospital',
    tier: 2,
    name: 'Bệnh viện dã chiến điều trị COVID-19 số 1 – Khu đô thị Thanh Hà',
    districtCode: '268',
    wardName: 'Phú Lương',
    at: [105.7745, 20.9445],
    beds: 1500,
    icuBeds: 20,
    oxygenOutlets: 110,
    ventilators: 10,
    note: 'Hệ thống ô xy trung tâm lắp đặt tháng 9/2021.',
    since: '2021-09-05',
  },
  {
    key: 'bvdc-2-hoa-lac',
    kind: 'field_hospital',
    tier: 2,
    name: 'Bệnh viện dã chiến điều trị COVID-19 số 2 – Ký túc xá Đại học Quốc gia Hà Nội (Hòa Lạc)',
    districtCode: '276',
    wardName: 'Thạch Hoà',
    at: [105.5275, 21.0115],
    beds: 1500,
    icuBeds: 20,
    oxygenOutlets: 110,
    ventilators: 10,
    since: '2021-09-12',
  },
  // ---- tier 1: treatment facilities (cơ sở thu dung, điều trị)
  { key: 'tdd-1-phap-van', kind: 'treatment_facility', tier: 1, name: 'Cơ sở thu dung, điều trị COVID-19 số 1 – Khu ký túc xá Pháp Vân – Tứ Hiệp', districtCode: '008', wardName: 'Hoàng Liệt', at: [105.8455, 20.9545], beds: 14000, since: '2021-08-20' },
  { key: 'tdd-2-dong-hoi', kind: 'treatment_facility', tier: 1, name: 'Cơ sở thu dung, điều trị COVID-19 số 2 – Khu nhà tái định cư Đông Hội', districtCode: '017', wardName: 'Đông Hội', at: [105.8655, 21.0925], beds: 14000, since: '2021-09-01' },
  { key: 'tdd-3-my-dinh', kind: 'treatment_facility', tier: 1, name: 'Cơ sở thu dung, điều trị COVID-19 số 3 – Ký túc xá Mỹ Đình', districtCode: '019', wardName: 'Mỹ Đình 2', at: [105.7685, 21.0305], beds: 12000, since: '2021-09-01' },
  { key: 'tdd-4-kim-chung-di-trach', kind: 'treatment_facility', tier: 1, name: 'Cơ sở thu dung, điều trị COVID-19 số 4 – Khu tái định cư Kim Chung – Di Trạch', districtCode: '274', wardName: 'Kim Chung', at: [105.72, 21.056], beds: 14000, since: '2021-11-25' },
  { key: 'tdd-5-soc-son', kind: 'treatment_facility', tier: 1, name: 'Cơ sở thu dung, điều trị COVID-19 số 5 – Khu nhà tái định cư thị trấn Sóc Sơn', districtCode: '016', wardName: 'Sóc Sơn', at: [105.8425, 21.2575], beds: 12000, since: '2021-12-02' },
  { key: 'tdd-6-kien-hung', kind: 'treatment_facility', tier: 1, name: 'Cơ sở thu dung, điều trị COVID-19 số 6 – Khu chung cư tái định cư Kiến Hưng', districtCode: '268', wardName: 'Kiến Hưng', at: [105.7895, 20.9505], beds: 14000, since: '2021-12-05' },
  { key: 'tdd-7-ba-vi', kind: 'treatment_facility', tier: 1, name: 'Cơ sở thu dung, điều trị COVID-19 số 7 – Trung tâm Giáo dục quốc phòng và an ninh (Ba Vì)', districtCode: '271', at: [105.4105, 21.0905], beds: 7000, note: 'Dự phòng, kích hoạt khi cần.', since: '2021-12-10' },
  // ---- tier 1: mobile medical stations at industrial parks
  ...(
    [
      ['tyt-kcn-thang-long', 'KCN Thăng Long', '017', 'Kim Chung', [105.7885, 21.1225], 400],
      ['tyt-kcn-bac-thang-long', 'KCN Bắc Thăng Long', '017', 'Võng La', [105.8005, 21.1375], 350],
      ['tyt-kcn-quang-minh', 'KCN Quang Minh', '250', 'Quang Minh', [105.7655, 21.1925], 350],
      ['tyt-kcn-noi-bai', 'KCN Nội Bài', '016', 'Quang Tiến', [105.8025, 21.2415], 300],
      ['tyt-kcn-phu-nghia', 'KCN Phú Nghĩa', '277', 'Phú Nghĩa', [105.6655, 20.9365], 300],
      ['tyt-kcn-thach-that-quoc-oai', 'KCN Thạch Thất – Quốc Oai', '276', 'Phùng Xá', [105.6205, 21.0185], 300],
      ['tyt-kcn-sai-dong-b', 'KCN Sài Đồng B', '004', 'Thạch Bàn', [105.9155, 21.0255], 250],
      ['tyt-kcn-ha-noi-dai-tu', 'KCN Hà Nội – Đài Tư', '004', 'Đức Giang', [105.8935, 21.0545], 200],
      ['tyt-kcn-nam-thang-long', 'KCN Nam Thăng Long', '021', 'Thụy Phương', [105.7645, 21.0805], 250],
    ] as const
  ).map(
    ([key, park, districtCode, wardName, at, homeF0Capacity]): FacilityTemplate => ({
      key,
      kind: 'mobile_station',
      tier: 1,
      name: `Trạm y tế lưu động ${park}`,
      districtCode,
      wardName,
      at: [at[0], at[1]],
      beds: 20,
      homeF0Capacity,
      atIndustrialPark: true,
      note: `Quản lý F0 là công nhân ${park} và khu nhà trọ lân cận.`,
      since: '2021-12-20',
    }),
  ),
  // ---- tier 1: mobile medical stations in wards (positions are illustrative points in the district)
  ...(
    [
      ['008', 'Định Công', 300],
      ['008', 'Hoàng Liệt', 400],
      ['008', 'Vĩnh Hưng', 300],
      ['006', 'Khương Thượng', 250],
      ['006', 'Láng Thượng', 300],
      ['009', 'Khương Đình', 300],
      ['009', 'Hạ Đình', 250],
      ['268', 'Kiến Hưng', 300],
      ['268', 'Văn Quán', 250],
      ['005', 'Dịch Vọng', 250],
      ['019', 'Mỹ Đình 1', 300],
      ['021', 'Cổ Nhuế 1', 250],
      ['004', 'Việt Hưng', 250],
      ['007', 'Minh Khai', 300],
      ['020', 'Tam Hiệp', 250],
      ['017', 'Đông Anh', 250],
      ['018', 'Trâu Quỳ', 250],
      ['274', 'Trạm Trôi', 200],
    ] as const
  ).map(
    ([districtCode, wardName, homeF0Capacity], i): FacilityTemplate => ({
      key: `tyt-ld-${districtCode}-${i + 1}`,
      kind: 'mobile_station',
      tier: 1,
      name: `Trạm y tế lưu động số ${i + 1} – ${wardName}`,
      districtCode,
      wardName,
      beds: 20,
      homeF0Capacity,
      note: 'Vị trí trên bản đồ là điểm minh họa trong quận/huyện.',
      since: '2021-12-15',
    }),
  ),
];

const SYNTHETIC_NAME: Record<FacilityKind, string> = {
  hospital: 'Bệnh viện Mô phỏng',
  field_hospital: 'Bệnh viện dã chiến Mô phỏng',
  treatment_facility: 'Cơ sở thu dung Mô phỏng',
  mobile_station: 'Trạm y tế lưu động Mô phỏng',
  ward_health_station: 'Trạm y tế Mô phỏng',
};

export interface DemoFacility {
  facility: Facility;
  /** Template key (synthetic copies: `${templateKey}#${copy}`). */
  key: string;
  template: FacilityTemplate;
  districtCode: string;
}

/**
 * Facilities for the given world: the templates, and at scale K > 1, K − 1 synthetic
 * copies of each ("Bệnh viện Mô phỏng 12", …) in a synthetic ward of the same district.
 */
export function buildFacilities(world: DemoWorld, hospitals: OsmHospital[], seed: number, scale: number): DemoFacility[] {
  const idRng = Rng.derive(seed, 'ids:facility');
  const geoRng = Rng.derive(seed, 'geo:facility');
  const byOsm = new Map(hospitals.map((h) => [h.osmId, h]));
  const out: DemoFacility[] = [];

  const place = (t: FacilityTemplate, at: readonly [number, number] | undefined) => {
    const district = world.districtByCode.get(t.districtCode);
    if (!district) throw new Error(`facility ${t.key}: unknown district ${t.districtCode}`);
    if (at && pointInPolygon(at[0], at[1], district.rings)) return [at[0], at[1]] as [number, number];
    return randomPointIn(district.rings, geoRng, 0.002);
  };

  for (const t of FACILITY_TEMPLATES) {
    let name = t.name;
    let at = t.at;
    let osmId: string | null = null;
    if (t.osmId) {
      const osm = byOsm.get(t.osmId);
      if (!osm) throw new Error(`facility ${t.key}: OSM element ${t.osmId} not in the hospital list`);
      if (osm.districtCode !== t.districtCode) throw new Error(`facility ${t.key}: OSM district ${osm.districtCode} ≠ ${t.districtCode}`);
      name ??= osm.name;
      at = [osm.lon, osm.lat];
      osmId = osm.osmId;
    }
    const [lon, lat] = osmId && at ? [at[0], at[1]] : place(t, at);
    const unitCode = t.wardName ? findWard(world, t.districtCode, t.wardName).unit.code : t.districtCode;
    out.push({
      key: t.key,
      template: t,
      districtCode: t.districtCode,
      facility: facility.parse({
        id: deterministicUuidV7(idRng, localTimeMs(t.since, 8)),
        name,
        kind: t.kind,
        tier: t.tier,
        unitCode,
        atIndustrialPark: t.atIndustrialPark ?? false,
        lon,
        lat,
        beds: t.beds,
        icuBeds: t.icuBeds ?? 0,
        oxygenOutlets: t.oxygenOutlets ?? 0,
        ventilators: t.ventilators ?? 0,
        homeF0Capacity: t.kind === 'mobile_station' ? (t.homeF0Capacity ?? 0) : null,
        osmId,
        active: true,
        note: t.note ?? '',
      }),
    });
  }

  let serial = 0;
  for (let copy = 1; copy < scale; copy++) {
    for (const t of FACILITY_TEMPLATES) {
      serial++;
      const district = world.districtByCode.get(t.districtCode)!;
      const synthetic = district.wardIndexes.map((i) => world.wards[i]!).filter((w) => w.synthetic);
      const ward = synthetic.length > 0 ? geoRng.pick(synthetic) : null;
      const [lon, lat] = randomPointIn(district.rings, geoRng, 0.002);
      out.push({
        key: `${t.key}#${copy}`,
        template: t,
        districtCode: t.districtCode,
        facility: facility.parse({
          id: deterministicUuidV7(idRng, localTimeMs(t.since, 9)),
          name: `${SYNTHETIC_NAME[t.kind]} ${serial}`,
          kind: t.kind,
          tier: t.tier,
          unitCode: ward ? ward.unit.code : t.districtCode,
          atIndustrialPark: t.atIndustrialPark ?? false,
          lon,
          lat,
          beds: t.beds,
          icuBeds: t.icuBeds ?? 0,
          oxygenOutlets: t.oxygenOutlets ?? 0,
          ventilators: t.ventilators ?? 0,
          homeF0Capacity: t.kind === 'mobile_station' ? (t.homeF0Capacity ?? 0) : null,
          osmId: null,
          active: true,
          note: 'Cơ sở mô phỏng (dữ liệu đo hiệu năng).',
        }),
      });
    }
  }
  return out;
}
