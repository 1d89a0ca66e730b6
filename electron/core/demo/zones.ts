import { zone, type Zone } from '../../../shared/domain';
import { dayNumber, localTimeMs } from './dates';
import type { Cluster } from './epidemic';
import { circleRing, pointInPolygon, randomPointIn } from './geo';
import { deterministicUuidV7 } from './ids';
import { Rng } from './prng';
import { findWard, type DemoWorld } from './units';

/**
 * A handful of lockdown / quarantine / cordon zones during the waves, each a small
 * polygon around a point in its ward's district (ward polygons are not available, so
 * the point is illustrative). Each zone also seeds a case cluster in its ward that
 * starts a few days before the zone.
 */

type ZoneKind = Zone['kind'];

interface ZoneTemplate {
  kind: ZoneKind;
  name: string;
  districtCode: string;
  wardName: string;
  at: [number, number];
  radiusM: number;
  startDate: string;
  endDate: string | null;
  households: number;
  residents: number;
}

export const ZONE_TEMPLATES: readonly ZoneTemplate[] = [
  { kind: 'lockdown', name: 'Phong tỏa khu dân cư ngõ 328 Nguyễn Trãi, phường Thanh Xuân Trung', districtCode: '009', wardName: 'Thanh Xuân Trung', at: [105.8075, 20.996], radiusM: 250, startDate: '2021-08-10', endDate: '2021-08-31', households: 1240, residents: 4300 },
  { kind: 'lockdown', name: 'Phong tỏa khu vực ngõ Văn Chương, phường Văn Chương', districtCode: '006', wardName: 'Văn Chương', at: [105.8375, 21.0235], radiusM: 200, startDate: '2021-08-03', endDate: '2021-08-24', households: 860, residents: 3100 },
  { kind: 'quarantine', name: 'Cách ly y tế khu dân cư tổ 13, phường Chương Dương', districtCode: '002', wardName: 'Chương Dương', at: [105.8625, 21.0245], radiusM: 180, startDate: '2021-08-15', endDate: '2021-09-05', households: 320, residents: 1150 },
  { kind: 'cordon', name: 'Khoanh vùng khu dân cư thôn Cương Ngô, xã Tứ Hiệp', districtCode: '020', wardName: 'Tứ Hiệp', at: [105.852, 20.9485], radiusM: 350, startDate: '2021-11-22', endDate: '2021-12-06', households: 540, residents: 2050 },
  { kind: 'lockdown', name: 'Phong tỏa khu nhà trọ công nhân thôn Bầu, xã Kim Chung', districtCode: '017', wardName: 'Kim Chung', at: [105.7835, 21.1325], radiusM: 300, startDate: '2021-12-06', endDate: '2021-12-20', households: 410, residents: 1680 },
  { kind: 'cordon', name: 'Khoanh vùng khu tập thể Định Công', districtCode: '008', wardName: 'Định Công', at: [105.8335, 20.9825], radiusM: 250, startDate: '2021-12-14', endDate: '2021-12-28', households: 730, residents: 2540 },
  { kind: 'quarantine', name: 'Cách ly y tế khu nhà trọ công nhân KCN Quang Minh, thị trấn Quang Minh', districtCode: '250', wardName: 'Quang Minh', at: [105.77, 21.196], radiusM: 300, startDate: '2022-01-05', endDate: '2022-01-19', households: 380, residents: 1420 },
  { kind: 'cordon', name: 'Khoanh vùng tòa nhà chung cư CT5, khu đô thị Văn Quán', districtCode: '268', wardName: 'Văn Quán', at: [105.7905, 20.978], radiusM: 150, startDate: '2022-02-20', endDate: '2022-03-06', households: 290, residents: 960 },
  { kind: 'cordon', name: 'Khoanh vùng chợ Long Biên, phường Phúc Xá', districtCode: '001', wardName: 'Phúc Xá', at: [105.848, 21.041], radiusM: 150, startDate: '2022-04-22', endDate: null, households: 150, residents: 620 },
];

/** 12345 → "12.345" (Vietnamese grouping, independent of the ICU build). */
const groupThousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

const KIND_TEXT: Record<ZoneKind, string> = { lockdown: 'phong tỏa', quarantine: 'cách ly y tế', cordon: 'khoanh vùng' };

export interface DemoZones {
  zones: Zone[];
  clusters: Cluster[];
}

/** Zones that start on or before `toDay`, and the clusters that go with them. */
export function buildZones(world: DemoWorld, seed: number, toDay: number): DemoZones {
  const idRng = Rng.derive(seed, 'ids:zone');
  const geoRng = Rng.derive(seed, 'geo:zone');
  const zones: Zone[] = [];
  const clusters: Cluster[] = [];
  for (const t of ZONE_TEMPLATES) {
    const ward = findWard(world, t.districtCode, t.wardName);
    const district = ward.district;
    // ids and shapes are drawn for every template so a shorter range keeps the others' ids
    const id = deterministicUuidV7(idRng, localTimeMs(t.startDate, 12));
    // keep the whole polygon inside the district: shrink it near a border, else move it
    const inside = (r: number[][]) => r.every((p) => pointInPolygon(p[0]!, p[1]!, district.rings));
    let [lon, lat] = pointInPolygon(t.at[0], t.at[1], district.rings) ? t.at : randomPointIn(district.rings, geoRng, 0.006);
    let ring = circleRing(lon, lat, t.radiusM, geoRng);
    for (let shrink = 0.7; !inside(ring) && shrink > 0.3; shrink -= 0.2) ring = circleRing(lon, lat, t.radiusM * shrink, geoRng);
    while (!inside(ring)) {
      [lon, lat] = randomPointIn(district.rings, geoRng, 0.006);
      ring = circleRing(lon, lat, t.radiusM, geoRng);
    }
    const start = dayNumber(t.startDate);
    const end = t.endDate ? dayNumber(t.endDate) : start + 21;
    clusters.push({ wardIndex: ward.index, startDay: start - 6, endDay: end, boost: t.kind === 'lockdown' ? 5 : 3.5 });
    if (start > toDay) continue;
    zones.push(
      zone.parse({
        id,
        kind: t.kind,
        name: t.name,
        unitCode: ward.unit.code,
        geometry: { type: 'Polygon', coordinates: [ring] },
        startDate: t.startDate,
        endDate: t.endDate,
        note: `Quyết định ${KIND_TEXT[t.kind]} của UBND ${district.unit.fullName.replace(/^(Quận|Huyện|Thị xã) /, (m) => m.toLowerCase())}; ${groupThousands(t.households)} hộ, ${groupThousands(t.residents)} nhân khẩu.`,
      }),
    );
  }
  return { zones, clusters };
}

/** Extra random clusters (hotspots) in wards picked by population, `perScale` × scale of them. */
export function randomClusters(world: DemoWorld, seed: number, count: number): Cluster[] {
  const rng = Rng.derive(seed, 'clusters');
  const weights = world.wards.map((w) => w.population);
  const first = dayNumber('2021-07-15');
  const last = dayNumber('2022-04-10');
  const out: Cluster[] = [];
  for (let i = 0; i < count; i++) {
    const wardIndex = rng.weightedIndex(weights);
    const startDay = rng.int(first, last);
    out.push({ wardIndex, startDay, endDay: startDay + rng.int(10, 24), boost: rng.range(2.5, 6) });
  }
  return out;
}
