import { z } from 'zod';
import {
  areaGeometry,
  count,
  isoDate,
  isoDateTime,
  lat,
  lon,
  requiredText,
  text,
  unitCode,
  uuid,
} from './common';

/**
 * The domain model: one zod schema per entity (the full row as the core returns it).
 * Input schemas for the API are derived from these in shared/api/contract.ts, so a
 * field is declared exactly once. Field names are camelCase here and snake_case in SQL.
 */

// ---------------------------------------------------------------- administrative units
export const unitLevel = z.enum(['province', 'district', 'ward']);
export const unitType = z.enum([
  'thanh_pho_truc_thuoc_trung_uong',
  'quan',
  'huyen',
  'thi_xa',
  'phuong',
  'xa',
  'thi_tran',
]);
export const adminUnit = z.object({
  code: unitCode,
  level: unitLevel,
  type: unitType,
  name: requiredText(120),
  fullName: requiredText(160),
  nameAscii: requiredText(120),
  parentCode: unitCode.nullable(),
  population: count,
  areaKm2: z.number().nonnegative().nullable(),
});
export type AdminUnit = z.infer<typeof adminUnit>;

// ---------------------------------------------------------------- facilities
export const facilityKind = z.enum([
  'hospital', // bệnh viện
  'treatment_facility', // cơ sở thu dung, điều trị
  'mobile_station', // trạm y tế lưu động
  'ward_health_station', // trạm y tế phường/xã
  'field_hospital', // bệnh viện dã chiến
]);
export type FacilityKind = z.infer<typeof facilityKind>;
export const treatmentTier = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type TreatmentTier = z.infer<typeof treatmentTier>;

export const facility = z.object({
  id: uuid,
  name: requiredText(200),
  kind: facilityKind,
  tier: treatmentTier,
  /** District or ward the facility is in. */
  unitCode: unitCode,
  /** True for mobile stations set up at industrial parks (KCN). */
  atIndustrialPark: z.boolean(),
  lon: lon.nullable(),
  lat: lat.nullable(),
  beds: count,
  icuBeds: count,
  oxygenOutlets: count,
  ventilators: count,
  /** Mobile stations only: home-treated F0 the station can follow. */
  homeF0Capacity: count.nullable(),
  osmId: text(40).nullable(),
  active: z.boolean(),
  note: text(2000),
});
export type Facility = z.infer<typeof facility>;

/** A status snapshot; the newest per facility is its current load. */
export const facilityStatus = z.object({
  id: uuid,
  facilityId: uuid,
  reportedAt: isoDateTime,
  bedsOccupied: count,
  icuOccupied: count,
  oxygenInUse: count,
  ventilatorsInUse: count,
  admissions: count,
  discharges: count,
  transfersUp: count,
  transfersDown: count,
  deaths: count,
  /** Mobile stations: home-treated F0 currently followed. */
  homeF0Followed: count.nullable(),
});
export type FacilityStatus = z.infer<typeof facilityStatus>;

// ---------------------------------------------------------------- daily reports
/**
 * Case report per unit per day. Its id is the natural key `${unitCode}:${date}` so two
 * devices entering the same report merge field by field instead of duplicating it.
 */
export const caseReportFields = {
  newCommunity: count, // ca mắc mới tại cộng đồng
  newQuarantined: count, // ca mắc mới trong khu cách ly/phong tỏa
  f0Home: count, // F0 điều trị tại nhà (đang điều trị)
  f0Facility: count, // F0 điều trị tại cơ sở
  f1HomeQuarantine: count, // F1 cách ly tại nhà
  needOxygen: count, // bệnh nhân phải thở ô xy (mới trong ngày)
  recovered: count,
  deaths: count,
  tests: count,
};
export const caseReport = z.object({
  id: z.string(),
  unitCode: unitCode,
  date: isoDate,
  ...caseReportFields,
});
export type CaseReport = z.infer<typeof caseReport>;
export type CaseReportField = keyof typeof caseReportFields;

/** Cumulative people vaccinated per unit as of a day, by group. Id `${unitCode}:${date}`. */
export const vaccinationFields = {
  adultDose1: count, // ≥18 tuổi, mũi 1
  adultDose2: count, // ≥18 tuổi, mũi 2 (đủ liều cơ bản)
  adultBooster: count, // ≥18 tuổi, mũi nhắc lại
  seniorDose2: count, // ≥50 tuổi, mũi 2
  teenDose1: count, // 12–17 tuổi, mũi 1
  teenDose2: count, // 12–17 tuổi, mũi 2
  childDose1: count, // 5–11 tuổi, mũi 1
  childDose2: count, // 5–11 tuổi, mũi 2
};
export const vaccination = z.object({
  id: z.string(),
  unitCode: unitCode,
  date: isoDate,
  ...vaccinationFields,
});
export type Vaccination = z.infer<typeof vaccination>;
export type VaccinationField = keyof typeof vaccinationFields;

export const reportId = (unit: string, date: string) => `${unit}:${date}`;

// ---------------------------------------------------------------- zones
export const zoneKind = z.enum(['lockdown', 'quarantine', 'cordon']); // phong tỏa / cách ly / khoanh vùng
export const zone = z.object({
  id: uuid,
  kind: zoneKind,
  name: requiredText(200),
  unitCode: unitCode,
  geometry: areaGeometry,
  startDate: isoDate,
  endDate: isoDate.nullable(),
  note: text(2000),
});
export type Zone = z.infer<typeof zone>;

// ---------------------------------------------------------------- directives and tasks
export const directiveGroup = z.object({ key: requiredText(20), title: requiredText(300) });
export const directive = z.object({
  id: uuid,
  code: requiredText(60), // e.g. "101/KH-UBND"
  title: requiredText(300),
  issuer: requiredText(200),
  issuedDate: isoDate,
  groups: z.array(directiveGroup).max(50),
});
export type Directive = z.infer<typeof directive>;

export const taskStatus = z.enum(['open', 'in_progress', 'blocked', 'done', 'cancelled']);
export type TaskStatus = z.infer<typeof taskStatus>;
export const taskPriority = z.enum(['low', 'normal', 'high', 'urgent']);
export const taskKind = z.enum(['task', 'inspection']); // nhiệm vụ / đoàn kiểm tra
export const placeType = z.enum(['none', 'unit', 'facility', 'point']);

export const task = z.object({
  id: uuid,
  kind: taskKind,
  title: requiredText(300),
  description: text(5000),
  directiveId: uuid.nullable(),
  groupKey: text(20).nullable(),
  /** Assignee organisation as written (e.g. "Sở Y tế", "UBND quận Đống Đa"). */
  assigneeOrg: requiredText(200),
  /** When the assignee is a district or ward, its code (for scoping and the map). */
  assigneeUnitCode: unitCode.nullable(),
  headName: text(120),
  headPosition: text(120),
  placeType: placeType,
  placeUnitCode: unitCode.nullable(),
  placeFacilityId: uuid.nullable(),
  placeLon: lon.nullable(),
  placeLat: lat.nullable(),
  priority: taskPriority,
  status: taskStatus,
  dueDate: isoDate.nullable(),
  /** Corrective tasks spawned by an inspection point back to it. */
  parentTaskId: uuid.nullable(),
  findings: text(5000),
  createdAt: isoDateTime,
});
export type Task = z.infer<typeof task>;

/** A new task's fields before anyone fills them in (the form, the importer and the demo start here). */
export const BLANK_TASK: Omit<Task, 'id' | 'createdAt'> = Object.freeze({
  kind: 'task',
  title: '',
  description: '',
  directiveId: null,
  groupKey: null,
  assigneeOrg: '',
  assigneeUnitCode: null,
  headName: '',
  headPosition: '',
  placeType: 'none',
  placeUnitCode: null,
  placeFacilityId: null,
  placeLon: null,
  placeLat: null,
  priority: 'normal',
  status: 'open',
  dueDate: null,
  parentTaskId: null,
  findings: '',
});

/** Append-only follow-up log; concurrent entries from two devices are both kept. */
export const taskUpdateKind = z.enum(['comment', 'status_change', 'reminder']); // bình luận / đổi trạng thái / đôn đốc
export const taskUpdate = z.object({
  id: uuid,
  taskId: uuid,
  kind: taskUpdateKind,
  text: text(5000),
  fromStatus: taskStatus.nullable(),
  toStatus: taskStatus.nullable(),
  author: requiredText(120),
  at: isoDateTime,
});
export type TaskUpdate = z.infer<typeof taskUpdate>;

// ---------------------------------------------------------------- users
export const userRole = z.enum(['admin', 'operator', 'viewer', 'district_reporter']);
export type UserRole = z.infer<typeof userRole>;
export const user = z.object({
  id: uuid,
  username: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9._-]+$/i, 'tên đăng nhập chỉ gồm chữ không dấu, số, . _ -'),
  displayName: requiredText(120),
  role: userRole,
  /** District reporters are limited to these districts; empty for other roles. */
  districtCodes: z.array(unitCode),
  hasPassword: z.boolean(),
  active: z.boolean(),
});
export type User = z.infer<typeof user>;

// ---------------------------------------------------------------- change log
/** One recorded field change: the audit trail and the sync outbox. */
export const changeRow = z.object({
  seq: z.number().int(),
  entity: z.string(),
  entityId: z.string(),
  /**
   * Field name of an update; `_created` for a create (value = the whole row but its key,
   * one change row per created row); `_deleted` for a tombstone.
   */
  field: z.string(),
  value: z.unknown(),
  hlc: z.string(),
  siteId: z.string(),
  userId: z.string().nullable(),
  opId: z.string(),
});
export type ChangeRow = z.infer<typeof changeRow>;

// ---------------------------------------------------------------- entity names
/** The names used in the write path, the change log, change events and sync. */
export const entityName = z.enum([
  'adminUnit',
  'facility',
  'facilityStatus',
  'caseReport',
  'vaccination',
  'zone',
  'directive',
  'task',
  'taskUpdate',
  'user',
  'setting',
]);
export type EntityName = z.infer<typeof entityName>;
