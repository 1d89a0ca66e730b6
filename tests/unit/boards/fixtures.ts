import type { BoardSettings } from '../../../shared/api/ops/boards';
import type { AdminUnit, Facility } from '../../../shared/domain';
import type { StatusPoint } from '../../../electron/core/boards/facilityData';
import { DEFAULT_BOARD_SETTINGS } from '../../../electron/core/boards/settings';

/** Small hand-made inputs for the pure board builders. */
export const AT = Date.parse('2021-12-20T03:00:00Z'); // 10:00 in Hà Nội, Monday 20/12/2021
export const SETTINGS: BoardSettings = { ...DEFAULT_BOARD_SETTINGS };

let n = 0;
export const uid = () => `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`;

export function fac(over: Partial<Facility> & Pick<Facility, 'name'>): Facility {
  return {
    id: uid(),
    kind: 'hospital',
    tier: 2,
    unitCode: '001',
    atIndustrialPark: false,
    lon: 105.8,
    lat: 21.0,
    beds: 100,
    icuBeds: 0,
    oxygenOutlets: 0,
    ventilators: 0,
    homeF0Capacity: null,
    osmId: null,
    active: true,
    note: '',
    ...over,
  };
}

/** A status reported on a Hà Nội day at a local hour (default 17:00). */
export function st(f: Facility, date: string, bedsOccupied: number, over: Partial<StatusPoint> = {}, localHour = 17): StatusPoint {
  const reportedAt = new Date(Date.parse(`${date}T00:00:00Z`) + (localHour - 7) * 3_600_000).toISOString();
  return {
    id: uid(),
    facilityId: f.id,
    reportedAt,
    bedsOccupied,
    icuOccupied: 0,
    oxygenInUse: 0,
    ventilatorsInUse: 0,
    homeF0Followed: null,
    ...over,
  };
}

export const UNITS = new Map<string, Pick<AdminUnit, 'code' | 'name' | 'fullName' | 'level' | 'parentCode'>>([
  ['001', { code: '001', name: 'Ba Đình', fullName: 'Quận Ba Đình', level: 'district', parentCode: '01' }],
  ['00001', { code: '00001', name: 'Phúc Xá', fullName: 'Phường Phúc Xá', level: 'ward', parentCode: '001' }],
]);

/** Latest-per-facility map (what the SQL returns) from a list of statuses on or before `at`. */
export function latestOf(statuses: readonly StatusPoint[], atMs = AT): Map<string, StatusPoint> {
  const out = new Map<string, StatusPoint>();
  for (const s of statuses) {
    if (Date.parse(s.reportedAt) > atMs) continue;
    const prev = out.get(s.facilityId);
    if (!prev || prev.reportedAt < s.reportedAt || (prev.reportedAt === s.reportedAt && prev.id < s.id)) out.set(s.facilityId, s);
  }
  return out;
}
