import { z } from 'zod';
import {
  count,
  facility,
  facilityKind,
  facilityStatus,
  isoDate,
  isoDateTime,
  lat,
  lon,
  task,
  taskStatus,
  treatmentTier,
  unitCode,
  uuid,
} from '../../domain';
import { op } from '../op';

/**
 * The facility load board and the open-task board (screens "Cơ sở điều trị" and
 * "Nhiệm vụ"), plus the alert list the map and the wall display show.
 *
 * Everything "as of now" is computed in the core from data, deterministically, at an
 * instant `at` (default: the store clock), so a test with a fake clock and every screen
 * agree on what is stale, overdue or over a threshold. The renderer never uses its own
 * clock for these: it shows `at` / `today` from the answer.
 */

// ---------------------------------------------------------------- settings
/** Load level of one measure against the thresholds (null elsewhere = no data). */
export const loadLevel = z.enum(['ok', 'warn', 'critical']);
export type LoadLevel = z.infer<typeof loadLevel>;

const pct = z.number().min(1, 'tối thiểu 1 %').max(500, 'tối đa 500 %');
export const boardSettingsFields = {
  /** Occupancy (beds, ICU, oxygen, home F0) at or above which a facility is "warn". */
  warnPct: pct,
  /** … and "critical". Must be above warnPct. */
  criticalPct: pct,
  /** A facility whose last status is older than this (hours before `at`) is stale. */
  staleAfterHours: z.number().int('phải là số nguyên').min(1).max(24 * 30),
  /** Home-treated F0 one mobile health station is expected to follow (default to review). */
  mobileStationF0Benchmark: z.number().int('phải là số nguyên').min(1).max(100_000),
  /** A task due within this many days (and not finished) is "due soon". */
  dueSoonDays: z.number().int('phải là số nguyên').min(0).max(60),
};
export const boardSettings = z.object(boardSettingsFields);
export type BoardSettings = z.infer<typeof boardSettings>;
export const boardSettingsOut = z.object({
  values: boardSettings,
  defaults: boardSettings,
  /** Settings whose default is not from an official Hà Nội source: shown "cần rà soát". */
  toReview: z.array(z.enum(['warnPct', 'criticalPct', 'staleAfterHours', 'mobileStationF0Benchmark', 'dueSoonDays'])),
  /** Where each default comes from (free text, Vietnamese). */
  sources: z.record(z.string(), z.string()),
});
export type BoardSettingsOut = z.infer<typeof boardSettingsOut>;

const atIn = z.object({ at: isoDateTime.optional() }).strict();

// ---------------------------------------------------------------- facility board
export const alertMetric = z.enum(['beds', 'icu', 'oxygen', 'homeF0']);
export type AlertMetric = z.infer<typeof alertMetric>;

export const latestStatus = facilityStatus.pick({
  id: true,
  reportedAt: true,
  bedsOccupied: true,
  icuOccupied: true,
  oxygenInUse: true,
  ventilatorsInUse: true,
  homeF0Followed: true,
});
export type LatestStatus = z.infer<typeof latestStatus>;

export const homeF0Load = z.object({
  followed: count.nullable(),
  /** The station's declared capacity, or the benchmark when it declared none. */
  capacity: count,
  capacitySource: z.enum(['facility', 'benchmark']),
  pct: z.number().nullable(),
  level: loadLevel.nullable(),
  /** followed ÷ benchmark (1 = exactly the benchmark). */
  benchmarkRatio: z.number().nullable(),
});

export const facilityBoardRow = z.object({
  id: uuid,
  name: z.string(),
  kind: facilityKind,
  tier: treatmentTier,
  unitCode,
  unitName: z.string(),
  districtCode: unitCode.nullable(),
  districtName: z.string().nullable(),
  atIndustrialPark: z.boolean(),
  active: z.boolean(),
  lon: lon.nullable(),
  lat: lat.nullable(),
  beds: count,
  icuBeds: count,
  oxygenOutlets: count,
  ventilators: count,
  /** Newest status on or before `at` (null: never reported). */
  status: latestStatus.nullable(),
  occupancyPct: z.number().nullable(),
  icuPct: z.number().nullable(),
  oxygenPct: z.number().nullable(),
  /** Free beds now (null when not reported). */
  free: z.number().int().nullable(),
  bedLevel: loadLevel.nullable(),
  /** Worst level over beds, ICU, oxygen and home F0. */
  level: loadLevel.nullable(),
  homeF0: homeF0Load.nullable(),
  /** True when never reported or the last status is older than the staleness setting. */
  stale: z.boolean(),
  ageHours: z.number().nullable(),
  /** Beds occupied on each of `trendDates` (that day's last report; null = no report that day). */
  trend: z.array(z.number().nullable()),
  /** Beds occupied now minus 7 days earlier (last known values). */
  change7d: z.number().int().nullable(),
  /** Days until full from the last 7 daily values (shared/metrics daysUntilSaturation). */
  daysUntilFull: z.number().int().nullable(),
});
export type FacilityBoardRow = z.infer<typeof facilityBoardRow>;

export const tierTotals = z.object({
  tier: treatmentTier,
  facilities: z.number().int(),
  reporting: z.number().int(),
  stale: z.number().int(),
  beds: z.number().int(),
  /** Capacity of the facilities that reported (the occupancy denominator). */
  bedsReported: z.number().int(),
  occupied: z.number().int(),
  free: z.number().int(),
  occupancyPct: z.number().nullable(),
  level: loadLevel.nullable(),
  icuBeds: z.number().int(),
  icuOccupied: z.number().int(),
  oxygenOutlets: z.number().int(),
  oxygenInUse: z.number().int(),
  ventilators: z.number().int(),
  ventilatorsInUse: z.number().int(),
  /** Tier occupancy % per trend date (last known value of each facility). */
  trend: z.array(z.number().nullable()),
  daysUntilFull: z.number().int().nullable(),
});
export type TierTotals = z.infer<typeof tierTotals>;

export const stationSummary = z.object({
  stations: z.number().int(),
  atIndustrialPark: z.number().int(),
  reporting: z.number().int(),
  followed: z.number().int(),
  benchmark: z.number().int(),
  /** Stations needed to follow `followed` F0 at the benchmark. */
  stationsNeeded: z.number().int(),
  overBenchmark: z.number().int(),
});

export const boardAlert = z.object({
  /** Stable while the condition lasts: `facility:<id>:<metric>` or `tier:<n>:beds`. */
  id: z.string(),
  scope: z.enum(['facility', 'tier']),
  metric: alertMetric,
  level: z.enum(['warn', 'critical']),
  facilityId: uuid.nullable(),
  name: z.string(),
  tier: treatmentTier,
  kind: facilityKind.nullable(),
  unitCode: unitCode.nullable(),
  districtCode: unitCode.nullable(),
  lon: lon.nullable(),
  lat: lat.nullable(),
  used: z.number().int(),
  capacity: z.number().int(),
  pct: z.number(),
  reportedAt: isoDateTime.nullable(),
  stale: z.boolean(),
  daysUntilFull: z.number().int().nullable(),
});
export type BoardAlert = z.infer<typeof boardAlert>;

export const facilityBoard = z.object({
  at: isoDateTime,
  today: isoDate,
  settings: boardSettings,
  /** The days of every `trend` array, oldest first (14 Hà Nội days ending `today`). */
  trendDates: z.array(isoDate),
  facilities: z.array(facilityBoardRow),
  tiers: z.array(tierTotals),
  stations: stationSummary,
  alerts: z.array(boardAlert),
});
export type FacilityBoard = z.infer<typeof facilityBoard>;

// ---------------------------------------------------------------- task board
export const taskBoardRow = task.extend({
  directiveCode: z.string().nullable(),
  groupTitle: z.string().nullable(),
  /** District of the assignee unit (a ward's parent), for the district filter. */
  assigneeDistrictCode: unitCode.nullable(),
  /** Facility or unit name, or coordinates, of the task's place. */
  placeLabel: z.string().nullable(),
  active: z.boolean(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  dueThisWeek: z.boolean(),
  /** dueDate − today in days (negative when past). */
  daysLeft: z.number().int().nullable(),
  updateCount: z.number().int(),
  lastUpdateAt: isoDateTime.nullable(),
  /** Corrective tasks spawned from this one (inspections). */
  childCount: z.number().int(),
});
export type TaskBoardRow = z.infer<typeof taskBoardRow>;

export const progress = z.object({
  /** Tasks that count: every task except cancelled ones. */
  total: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  /** done ÷ total × 100; null when total is 0. */
  pct: z.number().nullable(),
});
export type Progress = z.infer<typeof progress>;

export const taskBoard = z.object({
  at: isoDateTime,
  /** "Today" in Hà Nội at `at`: the renderer's only notion of the date. */
  today: isoDate,
  weekStart: isoDate,
  weekEnd: isoDate,
  dueSoonDays: z.number().int(),
  /** THE status workflow (from the core), for the "move to" buttons. */
  transitions: z.record(taskStatus, z.array(taskStatus)),
  tasks: z.array(taskBoardRow),
  counts: z.object({
    total: z.number().int(),
    byStatus: z.record(taskStatus, z.number().int()),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
  }),
  directives: z.array(
    progress.extend({
      directiveId: uuid.nullable(),
      code: z.string().nullable(),
      title: z.string().nullable(),
      groups: z.array(progress.extend({ key: z.string().nullable(), title: z.string().nullable() })),
    }),
  ),
  units: z.array(progress.extend({ assigneeOrg: z.string(), assigneeUnitCode: unitCode.nullable() })),
});
export type TaskBoard = z.infer<typeof taskBoard>;

// ---------------------------------------------------------------- facility detail
export const facilityHistoryPoint = z.object({
  date: isoDate,
  bedsOccupied: z.number().int().nullable(),
  icuOccupied: z.number().int().nullable(),
  oxygenInUse: z.number().int().nullable(),
  homeF0Followed: z.number().int().nullable(),
});

export const facilityDetail = z.object({
  at: isoDateTime,
  today: isoDate,
  facility,
  row: facilityBoardRow,
  /** One point per Hà Nội day (that day's last report), oldest first. */
  history: z.array(facilityHistoryPoint),
  /** The newest statuses (up to 10), newest first. */
  recent: z.array(facilityStatus),
  /** Unfinished tasks whose place is this facility. */
  openTasks: z.array(taskBoardRow),
  closedTaskCount: z.number().int(),
});
export type FacilityDetail = z.infer<typeof facilityDetail>;

export const boardOps = {
  'boards.settings': op({
    kind: 'query',
    input: z.object({}).strict(),
    output: boardSettingsOut,
    minRole: 'viewer',
    summary: 'Board settings (alert thresholds, staleness, mobile-station benchmark, due-soon days) with defaults',
  }),
  'boards.updateSettings': op({
    kind: 'mutation',
    input: boardSettings.partial().strict(),
    output: boardSettingsOut,
    minRole: 'admin',
    summary: 'Change board settings (shared, audited); warnPct must stay below criticalPct',
  }),
  'boards.facilities': op({
    kind: 'query',
    input: atIn,
    output: facilityBoard,
    minRole: 'viewer',
    summary: 'Facility load board at an instant: rows, per-tier totals, mobile stations, alerts',
  }),
  'boards.facility': op({
    kind: 'query',
    input: z.object({ id: uuid, at: isoDateTime.optional(), days: z.number().int().min(7).max(400).optional() }).strict(),
    output: facilityDetail,
    minRole: 'viewer',
    summary: 'One facility: board row, daily history, recent statuses, open tasks about it',
  }),
  'boards.alerts': op({
    kind: 'query',
    input: atIn,
    output: z.object({ at: isoDateTime, warnPct: z.number(), criticalPct: z.number(), alerts: z.array(boardAlert) }),
    minRole: 'viewer',
    summary: 'Facility and tier load alerts at an instant (raised while the latest status crosses a threshold)',
  }),
  'boards.tasks': op({
    kind: 'query',
    input: atIn,
    output: taskBoard,
    minRole: 'viewer',
    summary: 'Task board: every task with overdue / due-soon flags for today (Hà Nội), progress per directive and unit',
  }),
} as const;
