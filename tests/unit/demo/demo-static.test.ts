import { describe, expect, it } from 'vitest';
import { adminUnit, directive, facility, task, taskUpdate, zone } from '../../../shared/domain';
import { generateDemo, DEMO_LABEL, type DemoData } from '../../../electron/core/demo';
import { FACILITY_TEMPLATES } from '../../../electron/core/demo/facilities';
import { pointInPolygon } from '../../../electron/core/demo/geo';
import { uuidV7Time } from '../../../electron/core/demo/ids';
import { isOverdue } from '../../../electron/core/demo/tasks';
import { SYNTHETIC_WARD_CODE_START } from '../../../electron/core/demo/units';
import { loadDistrictBoundaries, loadOsmHospitals } from '../../../electron/core/reference';

const demo = generateDemo();
const boundaries = loadDistrictBoundaries();
const ringsOf = (districtCode: string) => boundaries.features.find((f) => f.id === districtCode)!.geometry.coordinates;
const unitByCode = new Map(demo.units.map((u) => [u.code, u]));
const districtOf = (code: string) => (code.length === 3 ? code : unitByCode.get(code)!.parentCode!);
const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function allNames(d: DemoData): string[] {
  return [
    ...d.units.flatMap((u) => [u.name, u.fullName]),
    ...d.facilities.map((f) => f.name),
    ...d.zones.map((z) => z.name),
    ...d.directives.map((x) => x.title),
    ...d.tasks.map((t) => t.title),
  ];
}

describe('generateDemo: meta, labels and options', () => {
  it('returns the demo meta and a label, and puts no "[DEMO]" marker in names', () => {
    expect(demo.meta).toMatchObject({ demo: true, seed: 1, scale: 1, from: '2021-07-01', to: '2022-04-30' });
    expect(DEMO_LABEL).toMatch(/DEMO/);
    for (const name of allNames(demo)) expect(name).not.toMatch(/\[DEMO\]/i);
  });

  it('rejects bad options', () => {
    expect(() => generateDemo({ scale: 0 })).toThrow(RangeError);
    expect(() => generateDemo({ scale: 2.5 })).toThrow(RangeError);
    expect(() => generateDemo({ scale: 40 })).toThrow(RangeError);
    expect(() => generateDemo({ from: '2022-01-10', to: '2022-01-01' })).toThrow(RangeError);
    expect(() => generateDemo({ from: '2022-13-01' })).toThrow(RangeError);
    expect(() => generateDemo({ ageShares: { senior: 0.9, adult: 0.5 } })).toThrow(RangeError);
  });

  it('gives the same static parts for the same seed and different ids for another seed', () => {
    const again = generateDemo();
    expect(JSON.stringify([again.facilities, again.zones, again.tasks, again.taskUpdates, again.directives])).toBe(
      JSON.stringify([demo.facilities, demo.zones, demo.tasks, demo.taskUpdates, demo.directives]),
    );
    const other = generateDemo({ seed: 2 });
    expect(other.facilities[0]!.id).not.toBe(demo.facilities[0]!.id);
    expect(other.facilities.map((f) => f.name)).toEqual(demo.facilities.map((f) => f.name));
  });

  it('uses unique, time-ordered v7 ids across all static entities', () => {
    const ids = [...demo.facilities, ...demo.zones, ...demo.directives, ...demo.tasks, ...demo.taskUpdates].map((x) => x.id);
    for (const id of ids) expect(id).toMatch(V7);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of demo.tasks) expect(uuidV7Time(t.id)).toBe(Date.parse(t.createdAt));
    for (const u of demo.taskUpdates) expect(uuidV7Time(u.id)).toBe(Date.parse(u.at));
  });
});

describe('units', () => {
  it('at scale 1 are the 610 reference units, parents first, no synthetic ones', () => {
    expect(demo.units).toHaveLength(610);
    expect(demo.extraUnits).toHaveLength(0);
    const seen = new Set<string>();
    for (const u of demo.units) {
      if (u.parentCode) expect(seen.has(u.parentCode), u.code).toBe(true);
      seen.add(u.code);
    }
  });

  it('at scale 10 add synthetic wards: 5,500–6,100 ward-level units, codes from 90000, real parents', () => {
    const big = generateDemo({ scale: 10 });
    const wards = big.units.filter((u) => u.level === 'ward');
    expect(wards.length).toBeGreaterThanOrEqual(5500);
    expect(wards.length).toBeLessThanOrEqual(6100);
    expect(big.extraUnits.length).toBe(wards.length - 579);
    const codes = new Set(big.units.map((u) => u.code));
    expect(codes.size).toBe(big.units.length);
    const realDistricts = new Set(big.units.filter((u) => u.level === 'district').map((u) => u.code));
    for (const u of big.extraUnits) {
      expect(Number(u.code)).toBeGreaterThanOrEqual(SYNTHETIC_WARD_CODE_START);
      expect(u.code).toMatch(/^\d{5}$/);
      expect(realDistricts.has(u.parentCode!)).toBe(true);
      expect(u.fullName).toMatch(/^(Phường|Xã) Mô phỏng \d+$/);
      expect(u.population).toBeGreaterThan(0);
      adminUnit.parse(u);
    }
    expect(big.facilities).toHaveLength(59 * 10);
    expect(new Set(big.facilities.map((f) => f.id)).size).toBe(590);
    // the real part does not change with the scale
    expect(big.facilities.slice(0, 59)).toEqual(demo.facilities);
  });
});

describe('facilities', () => {
  const f = demo.facilities;
  const hospitals = f.filter((x) => x.kind === 'hospital' || x.kind === 'field_hospital' || x.kind === 'treatment_facility');
  const stations = f.filter((x) => x.kind === 'mobile_station');

  it('are 32 hospitals/treatment facilities and 27 mobile stations, all valid', () => {
    expect(hospitals).toHaveLength(32);
    expect(stations).toHaveLength(27);
    expect(f).toHaveLength(59);
    for (const x of f) expect(facility.parse(x)).toEqual(x);
    expect(new Set(f.map((x) => x.name)).size).toBe(59);
  });

  it('have about 100,000 treatment places (beds) in all', () => {
    const beds = f.reduce((s, x) => s + x.beds, 0);
    expect(beds).toBeGreaterThanOrEqual(95_000);
    expect(beds).toBeLessThanOrEqual(105_000);
  });

  it('have 25 hospitals with oxygen outlets totalling 3,200; nothing else has outlets', () => {
    const withOxygen = f.filter((x) => x.oxygenOutlets > 0);
    expect(withOxygen).toHaveLength(25);
    for (const x of withOxygen) expect(['hospital', 'field_hospital']).toContain(x.kind);
    expect(withOxygen.reduce((s, x) => s + x.oxygenOutlets, 0)).toBe(3200);
  });

  it('put ICU-capable central and city hospitals in tier 3, district and field hospitals in tier 2, the rest in tier 1', () => {
    const tier = (name: string) => f.find((x) => x.name === name)?.tier;
    expect(tier('Bệnh viện Bạch Mai')).toBe(3);
    expect(tier('Bệnh viện Bệnh nhiệt đới Trung ương (cơ sở 2)')).toBe(3);
    expect(tier('Bệnh viện Thanh Nhàn')).toBe(3);
    expect(tier('Bệnh viện Đa khoa Đức Giang')).toBe(3);
    expect(tier('Bệnh viện Đa khoa Hà Đông')).toBe(3);
    for (const x of f) {
      if (x.tier === 3) expect(x.icuBeds, x.name).toBeGreaterThan(0);
      if (x.kind === 'field_hospital') expect(x.tier).toBe(2);
      if (x.kind === 'treatment_facility' || x.kind === 'mobile_station') expect(x.tier).toBe(1);
    }
  });

  it('take real hospitals from OSM (name, osmId, position) and place every facility inside its district', () => {
    const osm = new Map(loadOsmHospitals().map((h) => [h.osmId, h]));
    const fromOsm = f.filter((x) => x.osmId !== null);
    expect(fromOsm.length).toBeGreaterThanOrEqual(20);
    for (const x of fromOsm) {
      const h = osm.get(x.osmId!)!;
      expect(h, x.name).toBeDefined();
      expect([x.name, x.lon, x.lat, x.unitCode]).toEqual([h.name, h.lon, h.lat, h.districtCode]);
    }
    for (const x of f) expect(pointInPolygon(x.lon!, x.lat!, ringsOf(districtOf(x.unitCode))), x.name).toBe(true);
    // templates with an approximate position keep it (it lies in the right district)
    for (const t of FACILITY_TEMPLATES.filter((t) => t.at)) {
      const x = f.find((y) => y.name === t.name);
      expect([x?.lon, x?.lat], t.key).toEqual(t.at);
    }
  });

  it('have mobile stations with home-F0 capacity, several at industrial parks', () => {
    for (const x of stations) expect(x.homeF0Capacity, x.name).toBeGreaterThan(0);
    for (const x of f.filter((y) => y.kind !== 'mobile_station')) expect(x.homeF0Capacity).toBeNull();
    const parks = stations.filter((x) => x.atIndustrialPark).map((x) => x.name);
    expect(parks.length).toBeGreaterThanOrEqual(6);
    for (const park of ['KCN Thăng Long', 'KCN Quang Minh', 'KCN Nội Bài', 'KCN Bắc Thăng Long', 'KCN Phú Nghĩa', 'KCN Thạch Thất – Quốc Oai']) {
      expect(parks.some((n) => n.endsWith(park)), park).toBe(true);
    }
    expect(f.filter((x) => x.atIndustrialPark).every((x) => x.kind === 'mobile_station')).toBe(true);
  });
});

describe('zones', () => {
  it('are a handful of valid lockdown, quarantine and cordon zones in the waves, inside their district', () => {
    expect(demo.zones.length).toBeGreaterThanOrEqual(5);
    expect(new Set(demo.zones.map((z) => z.kind))).toEqual(new Set(['lockdown', 'quarantine', 'cordon']));
    for (const z of demo.zones) {
      expect(zone.parse(z)).toEqual(z);
      expect(unitByCode.get(z.unitCode)?.level).toBe('ward');
      expect(z.startDate >= '2021-07-01' && z.startDate <= '2022-04-30').toBe(true);
      if (z.endDate) expect(z.endDate > z.startDate).toBe(true);
      expect(z.geometry.type).toBe('Polygon');
      const ring = z.geometry.coordinates[0] as number[][];
      for (const p of ring) expect(pointInPolygon(p[0]!, p[1]!, ringsOf(districtOf(z.unitCode))), z.name).toBe(true);
    }
  });

  it('leave out zones that start after the last day', () => {
    const short = generateDemo({ from: '2021-07-01', to: '2021-09-30' });
    expect(short.zones.length).toBeLessThan(demo.zones.length);
    for (const z of short.zones) expect(z.startDate <= '2021-09-30').toBe(true);
    // ids do not depend on the range
    for (const z of short.zones) expect(demo.zones.find((y) => y.id === z.id)?.name).toBe(z.name);
  });
});

describe('directive, tasks and follow-up', () => {
  const d = demo.directives[0]!;
  const tasks = demo.tasks;
  const facilityIds = new Set(demo.facilities.map((x) => x.id));

  it('is one directive with the seven task groups', () => {
    expect(demo.directives).toHaveLength(1);
    expect(directive.parse(d)).toEqual(d);
    expect(d.code).toBe('101/KH-UBND');
    expect(d.groups.map((g) => g.key)).toEqual(['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7']);
    const titles = d.groups.map((g) => g.title.toLowerCase()).join(' | ');
    for (const word of ['giám sát', 'xét nghiệm', 'cách ly', 'thu dung', 'tiêm', 'an sinh', 'truyền thông', 'kiểm tra']) expect(titles).toContain(word);
  });

  it('has 30–50 valid tasks over all groups, assigned to departments and districts with heads', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(30);
    expect(tasks.length).toBeLessThanOrEqual(50);
    for (const t of tasks) {
      expect(task.parse(t)).toEqual(t);
      expect(t.directiveId).toBe(d.id);
      expect(d.groups.some((g) => g.key === t.groupKey)).toBe(true);
      expect(t.headName.length).toBeGreaterThan(0);
      expect(t.headPosition.length).toBeGreaterThan(0);
      if (t.assigneeUnitCode) expect(unitByCode.get(t.assigneeUnitCode)?.level).toBe('district');
      if (t.placeType === 'facility') expect(facilityIds.has(t.placeFacilityId!)).toBe(true);
      if (t.placeType === 'unit') expect(unitByCode.has(t.placeUnitCode!)).toBe(true);
      if (t.placeType === 'point') expect(t.placeLon !== null && t.placeLat !== null).toBe(true);
    }
    expect(new Set(tasks.map((t) => t.groupKey)).size).toBe(7);
    const orgs = new Set(tasks.map((t) => t.assigneeOrg));
    for (const org of ['Sở Y tế', 'Sở Lao động – Thương binh và Xã hội', 'Công an Thành phố', 'Bộ Tư lệnh Thủ đô Hà Nội']) expect(orgs.has(org), org).toBe(true);
    expect(tasks.filter((t) => t.assigneeUnitCode).length).toBeGreaterThanOrEqual(5);
    expect(new Set(tasks.map((t) => t.placeType))).toEqual(new Set(['none', 'unit', 'facility', 'point']));
  });

  it('has inspections with findings that spawned corrective tasks', () => {
    const inspections = tasks.filter((t) => t.kind === 'inspection');
    expect(inspections.length).toBeGreaterThanOrEqual(3);
    for (const i of inspections) {
      expect(i.findings.length, i.title).toBeGreaterThan(20);
      const children = tasks.filter((t) => t.parentTaskId === i.id);
      expect(children.length, i.title).toBeGreaterThanOrEqual(1);
      for (const c of children) expect(c.createdAt > i.createdAt).toBe(true);
    }
    for (const t of tasks.filter((x) => x.parentTaskId)) expect(tasks.find((x) => x.id === t.parentTaskId)?.kind).toBe('inspection');
  });

  it('has done tasks, overdue tasks as of the last day, and a status equal to the last status change', () => {
    const done = tasks.filter((t) => t.status === 'done');
    const overdue = tasks.filter((t) => isOverdue(t, demo.meta.to));
    expect(done.length).toBeGreaterThanOrEqual(10);
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    expect(tasks.some((t) => t.status === 'blocked')).toBe(true);
    for (const t of tasks) {
      const changes = demo.taskUpdates.filter((u) => u.taskId === t.id && u.kind === 'status_change').sort((a, b) => a.at.localeCompare(b.at));
      expect(t.status, t.title).toBe(changes.at(-1)?.toStatus ?? 'open');
      let prev = 'open';
      for (const c of changes) {
        expect(c.fromStatus).toBe(prev);
        prev = c.toStatus!;
      }
    }
  });

  it('has a follow-up log of comments, status changes and reminders by named authors', () => {
    const taskIds = new Set(tasks.map((t) => t.id));
    expect(demo.taskUpdates.length).toBeGreaterThanOrEqual(60);
    for (const u of demo.taskUpdates) {
      expect(taskUpdate.parse(u)).toEqual(u);
      expect(taskIds.has(u.taskId)).toBe(true);
      expect(u.at <= '2022-04-30T17:00:00.000Z').toBe(true);
      expect(u.at >= tasks.find((t) => t.id === u.taskId)!.createdAt).toBe(true);
    }
    expect(new Set(demo.taskUpdates.map((u) => u.kind))).toEqual(new Set(['comment', 'status_change', 'reminder']));
    expect(demo.taskUpdates.filter((u) => u.kind === 'reminder').every((u) => /đôn đốc/i.test(u.text))).toBe(true);
  });

  it('keeps only what happened by the last day for a shorter range', () => {
    const short = generateDemo({ to: '2021-12-15' });
    expect(short.tasks.length).toBeLessThan(tasks.length);
    for (const t of short.tasks) expect(t.createdAt < '2021-12-15T17:00:00.000Z').toBe(true);
    for (const u of short.taskUpdates) expect(u.at < '2021-12-15T17:00:00.000Z').toBe(true);
    const full = tasks.find((t) => t.title.startsWith('Xét nghiệm sàng lọc định kỳ'))!;
    const early = short.tasks.find((t) => t.id === full.id)!;
    expect([early.status, full.status]).toEqual(['in_progress', 'done']);
    const before = generateDemo({ to: '2021-10-31' });
    expect([before.directives.length, before.tasks.length, before.taskUpdates.length]).toEqual([0, 0, 0]);
    for (const t of tasks) expect(t.createdAt >= `${d.issuedDate}T00:00`).toBe(true);
  });
});
