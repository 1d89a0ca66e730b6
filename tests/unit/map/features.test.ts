import { describe, expect, it } from 'vitest';
import type { Facility, Task, Zone } from '../../../shared/domain';
import type { FacilityLoad } from '../../../shared/api/ops/map';
import { classIndex } from '../../../shared/metrics';
import {
  facilityPoints,
  isOpenOn,
  isOverdue,
  isZoneActive,
  normaliseBoundaries,
  taskPins,
  taskPlace,
  zoneAreas,
  type PlaceIndex,
} from '../../../renderer/src/map/features';

const ID = (n: number) => `01792570-7e80-70ce-a206-${String(n).padStart(12, '0')}`;
const poly = { type: 'Polygon', coordinates: [[[105.8, 21], [105.9, 21], [105.9, 21.1], [105.8, 21]]] };

function facility(o: Partial<Facility> = {}): Facility {
  return {
    id: ID(1),
    name: 'Bệnh viện Thanh Nhàn',
    kind: 'hospital',
    tier: 3,
    unitCode: '00001',
    atIndustrialPark: false,
    lon: 105.85,
    lat: 21.0,
    beds: 200,
    icuBeds: 10,
    oxygenOutlets: 50,
    ventilators: 5,
    homeF0Capacity: null,
    osmId: null,
    active: true,
    note: '',
    ...o,
  };
}

function task(o: Partial<Task> = {}): Task {
  return {
    id: ID(100),
    kind: 'task',
    title: 'Xét nghiệm diện rộng',
    description: '',
    directiveId: null,
    groupKey: null,
    assigneeOrg: 'UBND quận Đống Đa',
    assigneeUnitCode: '006',
    headName: '',
    headPosition: '',
    placeType: 'unit',
    placeUnitCode: '006',
    placeFacilityId: null,
    placeLon: null,
    placeLat: null,
    priority: 'normal',
    status: 'open',
    dueDate: '2021-12-20',
    parentTaskId: null,
    findings: '',
    createdAt: '2021-12-01T02:00:00.000Z',
    ...o,
  };
}

const places: PlaceIndex = {
  unitPoints: new Map([
    ['006', [105.83, 21.01]],
    ['017', [105.85, 21.15]],
  ]),
  facilities: new Map([[ID(1), { lon: 105.85, lat: 21.0, unitCode: '00001' }]]),
  wardParent: new Map([
    ['00001', '001'],
    ['00478', '017'],
  ]),
};

describe('boundaries', () => {
  it('keys features by code (from properties or id) and drops unusable ones', () => {
    const fc = normaliseBoundaries({
      features: [
        { id: '001', properties: { name: 'Ba Đình' }, geometry: poly },
        { properties: { code: '00478', name: 'Kim Chung' }, geometry: poly },
        { id: 'abc', properties: {}, geometry: poly }, // not a GSO code
        { id: '002', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }, // not an area
      ],
    });
    expect(fc.features.map((f) => f.properties)).toEqual([
      { code: '001', name: 'Ba Đình' },
      { code: '00478', name: 'Kim Chung' },
    ]);
    expect(normaliseBoundaries(undefined).features).toEqual([]);
  });
});

describe('facility markers', () => {
  it('size by capacity, colour class by occupancy on the day; no status → no data', () => {
    const loads: FacilityLoad[] = [{ facilityId: ID(1), reportedAt: '2021-12-15T10:00:00.000Z', occupied: 180, capacity: 200, occupancyPct: 90 }];
    const [p] = facilityPoints([facility()], loads).features;
    expect(p!.properties).toMatchObject({ capacity: 200, occupied: 180, occupancyPct: 90, occCls: classIndex('occupancy', 90), occKnown: 180, capKnown: 200 });
    const [q] = facilityPoints([facility()], []).features;
    expect(q!.properties).toMatchObject({ occupied: -1, occCls: -1, occKnown: 0, capKnown: 0, capacity: 200 });
  });

  it('mobile stations are sized by home-F0 capacity; inactive or unplaced facilities are left out', () => {
    const fc = facilityPoints(
      [
        facility({ id: ID(2), kind: 'mobile_station', beds: 0, homeF0Capacity: 300 }),
        facility({ id: ID(3), active: false }),
        facility({ id: ID(4), lon: null, lat: null }),
      ],
      undefined,
    );
    expect(fc.features.map((f) => [f.properties.id, f.properties.capacity])).toEqual([[ID(2), 300]]);
  });
});

describe('task pins', () => {
  it('places unit, facility and point tasks; a ward without boundaries falls back to its district', () => {
    expect(taskPlace(task(), places)).toEqual({ pos: [105.83, 21.01], district: '006' });
    expect(taskPlace(task({ placeType: 'facility', placeUnitCode: null, placeFacilityId: ID(1) }), places)).toEqual({ pos: [105.85, 21.0], district: '001' });
    expect(taskPlace(task({ placeType: 'point', placeLon: 105.7885, placeLat: 21.1225 }), places)?.pos).toEqual([105.7885, 21.1225]);
    expect(taskPlace(task({ placeUnitCode: '00478' }), places)).toEqual({ pos: [105.85, 21.15], district: '017' });
    expect(taskPlace(task({ placeType: 'none', placeUnitCode: null }), places)).toBeNull();
    expect(taskPlace(task({ placeType: 'facility', placeUnitCode: null, placeFacilityId: ID(9) }), places)).toBeNull();
  });

  it('only open tasks get pins; overdue means due before the day and not done/cancelled', () => {
    const fc = taskPins([task(), task({ id: ID(101), status: 'done' }), task({ id: ID(102), status: 'cancelled' }), task({ id: ID(103), status: 'blocked', dueDate: null })], places);
    expect(fc.features.map((f) => [f.properties.id, f.properties.dueDate, f.properties.createdDay])).toEqual([
      [ID(100), '2021-12-20', '2021-12-01'],
      [ID(103), '', '2021-12-01'],
    ]);
    expect(isOverdue(task(), '2021-12-20')).toBe(false);
    expect(isOverdue(task(), '2021-12-21')).toBe(true);
    expect(isOverdue(task({ status: 'done' }), '2021-12-21')).toBe(false);
    expect(isOverdue(task({ dueDate: null }), '2022-01-01')).toBe(false);
  });

  it('a task counts from its creation day in Hà Nội time', () => {
    const late = task({ createdAt: '2021-11-30T18:30:00.000Z' }); // 01:30 on 01/12 in Hà Nội
    expect(isOpenOn(late, '2021-11-30')).toBe(false);
    expect(isOpenOn(late, '2021-12-01')).toBe(true);
  });
});

describe('zones', () => {
  const z = (o: Partial<Zone>): Zone => ({ id: ID(200), kind: 'lockdown', name: 'Phong tỏa', unitCode: '00478', geometry: poly as Zone['geometry'], startDate: '2021-12-06', endDate: '2021-12-20', note: '', ...o });
  it('are active from start to end day, both included; open-ended ones stay active', () => {
    expect(isZoneActive(z({}), '2021-12-05')).toBe(false);
    expect(isZoneActive(z({}), '2021-12-06')).toBe(true);
    expect(isZoneActive(z({}), '2021-12-20')).toBe(true);
    expect(isZoneActive(z({}), '2021-12-21')).toBe(false);
    expect(isZoneActive(z({ endDate: null }), '2030-01-01')).toBe(true);
    expect(zoneAreas([z({ endDate: null })]).features[0]!.properties.endDate).toBe('9999-12-31');
  });
});
