import type { EntityName, Store, WriteOp } from '../../../electron/core/store';
import { BLANK_TASK } from '../../../shared/domain';

/**
 * Valid sample data for every registered entity, shared by the store tests.
 * `create` is a full row (without id for generated/derived keys); `update` changes EVERY
 * mutable field (guard.test.ts checks that, so a new schema field fails the tests until
 * a sample value is added here).
 */

export const IDS = {
  province: '01',
  district: '001',
  ward: '00001',
  facility1: '0190a6f0-0000-7000-8000-000000000001',
  facility2: '0190a6f0-0000-7000-8000-000000000002',
  directive: '0190a6f0-0000-7000-8000-000000000003',
  parentTask: '0190a6f0-0000-7000-8000-000000000004',
  task: '0190a6f0-0000-7000-8000-000000000005',
} as const;

const facility = (name: string, unitCode: string) => ({
  name,
  kind: 'hospital',
  tier: 2,
  unitCode,
  atIndustrialPark: false,
  lon: 105.8,
  lat: 21.02,
  beds: 200,
  icuBeds: 20,
  oxygenOutlets: 150,
  ventilators: 10,
  homeF0Capacity: null,
  osmId: 'way/123',
  active: true,
  note: '',
});

const task = (title: string) => ({ ...BLANK_TASK, title, assigneeOrg: 'Sở Y tế', createdAt: '2021-12-01T08:00:00.000Z' });

/** Rows every sample below refers to (units, facilities, a directive, a task). */
export function parentOps(): WriteOp[] {
  const unit = (code: string, level: string, type: string, name: string, parentCode: string | null) => ({
    op: 'create' as const,
    entity: 'adminUnit' as const,
    fields: { code, level, type, name, fullName: name, nameAscii: name, parentCode, population: 1000, areaKm2: 1.5 },
  });
  return [
    unit(IDS.province, 'province', 'thanh_pho_truc_thuoc_trung_uong', 'Hà Nội', null),
    unit(IDS.district, 'district', 'quan', 'Ba Đình', IDS.province),
    unit(IDS.ward, 'ward', 'phuong', 'Phúc Xá', IDS.district),
    { op: 'create', entity: 'facility', id: IDS.facility1, fields: facility('Bệnh viện Đống Đa', IDS.district) },
    { op: 'create', entity: 'facility', id: IDS.facility2, fields: facility('Trạm y tế lưu động 1', IDS.ward) },
    {
      op: 'create',
      entity: 'directive',
      id: IDS.directive,
      fields: {
        code: '101/KH-UBND',
        title: 'Kế hoạch phòng chống dịch',
        issuer: 'UBND thành phố Hà Nội',
        issuedDate: '2021-11-01',
        groups: [{ key: 'A', title: 'Nhóm A' }],
      },
    },
    { op: 'create', entity: 'task', id: IDS.parentTask, fields: task('Kiểm tra khu cách ly') },
  ];
}

export function seedParents(store: Store): void {
  store.write({ userId: null }, parentOps());
}

const square = (x: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 21],
      [x + 0.01, 21],
      [x + 0.01, 21.01],
      [x, 21],
    ],
  ],
});

export interface Sample {
  /** Explicit id for create (undefined: generated or derived). */
  id?: string;
  create: Record<string, unknown>;
  update: Record<string, unknown>;
}

export const SAMPLES: Record<EntityName, Sample> = {
  adminUnit: {
    create: {
      code: '00004',
      level: 'ward',
      type: 'phuong',
      name: 'Trúc Bạch',
      fullName: 'Phường Trúc Bạch',
      nameAscii: 'Truc Bach',
      parentCode: IDS.district,
      population: 20_000,
      areaKm2: 0.9,
    },
    update: {
      level: 'district',
      type: 'xa',
      name: 'Trúc Bạch 2',
      fullName: 'Xã Trúc Bạch 2',
      nameAscii: 'Truc Bach 2',
      parentCode: IDS.province,
      population: 21_000,
      areaKm2: null,
    },
  },
  facility: {
    create: facility('Bệnh viện dã chiến số 1', IDS.district),
    update: {
      name: 'Trạm y tế lưu động KCN',
      kind: 'mobile_station',
      tier: 1,
      unitCode: IDS.ward,
      atIndustrialPark: true,
      lon: 105.9,
      lat: 21.1,
      beds: 5,
      icuBeds: 0,
      oxygenOutlets: 2,
      ventilators: 0,
      homeF0Capacity: 300,
      osmId: null,
      active: false,
      note: 'ghi chú',
    },
  },
  facilityStatus: {
    create: {
      facilityId: IDS.facility1,
      reportedAt: '2021-12-01T09:00:00.000Z',
      bedsOccupied: 150,
      icuOccupied: 12,
      oxygenInUse: 90,
      ventilatorsInUse: 4,
      admissions: 20,
      discharges: 15,
      transfersUp: 2,
      transfersDown: 1,
      deaths: 0,
      homeF0Followed: null,
    },
    update: {
      facilityId: IDS.facility2,
      reportedAt: '2021-12-01T17:00:00.000Z',
      bedsOccupied: 151,
      icuOccupied: 13,
      oxygenInUse: 91,
      ventilatorsInUse: 5,
      admissions: 21,
      discharges: 16,
      transfersUp: 3,
      transfersDown: 2,
      deaths: 1,
      homeF0Followed: 40,
    },
  },
  caseReport: {
    create: {
      unitCode: IDS.ward,
      date: '2021-12-01',
      newCommunity: 12,
      newQuarantined: 30,
      f0Home: 400,
      f0Facility: 80,
      f1HomeQuarantine: 900,
      needOxygen: 3,
      recovered: 25,
      deaths: 0,
      tests: 5000,
    },
    update: {
      newCommunity: 13,
      newQuarantined: 31,
      f0Home: 401,
      f0Facility: 81,
      f1HomeQuarantine: 901,
      needOxygen: 4,
      recovered: 26,
      deaths: 1,
      tests: 5001,
    },
  },
  vaccination: {
    create: {
      unitCode: IDS.ward,
      date: '2021-12-01',
      adultDose1: 10_000,
      adultDose2: 9_000,
      adultBooster: 100,
      seniorDose2: 3_000,
      teenDose1: 1_000,
      teenDose2: 500,
      childDose1: 0,
      childDose2: 0,
    },
    update: {
      adultDose1: 10_001,
      adultDose2: 9_001,
      adultBooster: 101,
      seniorDose2: 3_001,
      teenDose1: 1_001,
      teenDose2: 501,
      childDose1: 1,
      childDose2: 1,
    },
  },
  zone: {
    create: {
      kind: 'lockdown',
      name: 'Ngõ 58 Phúc Xá',
      unitCode: IDS.ward,
      geometry: square(105.84),
      startDate: '2021-12-01',
      endDate: null,
      note: '',
    },
    update: {
      kind: 'quarantine',
      name: 'Ngõ 60 Phúc Xá',
      unitCode: IDS.district,
      geometry: square(105.85),
      startDate: '2021-12-02',
      endDate: '2021-12-16',
      note: 'gỡ phong tỏa',
    },
  },
  directive: {
    create: {
      code: '102/KH-UBND',
      title: 'Kế hoạch tiêm chủng',
      issuer: 'UBND thành phố Hà Nội',
      issuedDate: '2021-11-15',
      groups: [
        { key: 'I', title: 'Tiêm chủng' },
        { key: 'II', title: 'Xét nghiệm' },
      ],
    },
    update: {
      code: '102/KH-UBND-2',
      title: 'Kế hoạch tiêm chủng (sửa đổi)',
      issuer: 'Sở Y tế Hà Nội',
      issuedDate: '2021-11-16',
      groups: [{ key: 'I', title: 'Tiêm chủng mũi 3' }],
    },
  },
  task: {
    id: IDS.task,
    create: task('Rà soát F1'),
    update: {
      kind: 'inspection',
      title: 'Kiểm tra bệnh viện',
      description: 'Đoàn kiểm tra số 3',
      directiveId: IDS.directive,
      groupKey: 'A',
      assigneeOrg: 'UBND quận Ba Đình',
      assigneeUnitCode: IDS.district,
      headName: 'Nguyễn Văn A',
      headPosition: 'Phó Giám đốc',
      placeType: 'facility',
      placeUnitCode: IDS.ward,
      placeFacilityId: IDS.facility1,
      placeLon: 105.8,
      placeLat: 21.03,
      priority: 'urgent',
      status: 'in_progress',
      dueDate: '2021-12-10',
      parentTaskId: IDS.parentTask,
      findings: 'Thiếu ô xy',
      createdAt: '2021-12-01T09:00:00.000Z',
    },
  },
  taskUpdate: {
    create: {
      taskId: IDS.parentTask,
      kind: 'status_change',
      text: 'Bắt đầu',
      fromStatus: 'open',
      toStatus: 'in_progress',
      author: 'Nguyễn Văn B',
      at: '2021-12-01T10:00:00.000Z',
    },
    update: { text: 'không được sửa' },
  },
  user: {
    create: {
      username: 'nguyenvana',
      displayName: 'Nguyễn Văn A',
      role: 'district_reporter',
      districtCodes: [IDS.district],
      hasPassword: true,
      active: true,
    },
    update: {
      username: 'nguyenvana2',
      displayName: 'Nguyễn Văn A (2)',
      role: 'operator',
      districtCodes: [],
      hasPassword: false,
      active: false,
    },
  },
  setting: {
    id: 'alert.bed_occupancy_pct',
    create: { value: 85 },
    update: { value: { warn: 80, critical: 95 } },
  },
};

/** A valid case report row for bulk tests. */
export function caseReportFields(unitCode: string, date: string, n: number): Record<string, unknown> {
  return {
    unitCode,
    date,
    newCommunity: n % 50,
    newQuarantined: n % 30,
    f0Home: n % 700,
    f0Facility: n % 90,
    f1HomeQuarantine: n % 1000,
    needOxygen: n % 7,
    recovered: n % 40,
    deaths: n % 3,
    tests: n % 5000,
  };
}
