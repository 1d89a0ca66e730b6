import type { AdminUnit, Directive, Facility, Task, TaskUpdate, Zone } from '../../../shared/domain';
import { loadAdminUnits, loadDistrictBoundaries, loadOsmHospitals } from '../reference';
import { dayNumber } from './dates';
import { DEFAULT_AGE_SHARES, isVaccinationDay, simulate, type AgeShares, type DemoDay } from './epidemic';
import { buildFacilities } from './facilities';
import { buildTasks } from './tasks';
import { buildWorld, MAX_SYNTHETIC_WARDS } from './units';
import { buildZones, randomClusters } from './zones';

/**
 * Deterministic demo data for Sa Bàn: Hà Nội's real units with simulated reports shaped
 * like the 2021–2022 waves, an invented treatment network, zones and a directive with
 * tasks. Same options → identical output (ids included). Nothing here is real reporting:
 * callers must show DEMO_LABEL wherever the data is displayed; names carry no marker.
 *
 * Static parts are arrays; the per-day rows (case reports for every ward every day,
 * weekly vaccination rows, daily facility snapshots) are streamed with `days()` or
 * `forEachDay()` so millions of rows never sit in memory at once.
 */

export const DEMO_LABEL = 'DỮ LIỆU MÔ PHỎNG · DEMO DATA';
export const DEMO_NOTICE = {
  vi: 'Dữ liệu mô phỏng để trình diễn và kiểm thử, không phải số liệu báo cáo thật. Đơn vị hành chính, dân số và vị trí bệnh viện là dữ liệu thật; số ca, công suất cơ sở, nhiệm vụ và tên người là giả định.',
  en: 'Simulated data for demonstration and testing, not real reports. Administrative units, population and hospital locations are real; case counts, facility capacities, tasks and people are invented.',
} as const;
/** Bumped whenever the generator's output for the same options changes. */
export const DEMO_GENERATOR_VERSION = 1;

export interface DemoOptions {
  /** PRNG seed (integer). Default 1. */
  seed?: number;
  /** Multiplies wards and facilities for benchmarks (integer 1–18). Default 1. */
  scale?: number;
  /** First reported day, `YYYY-MM-DD`. Default 2021-07-01. */
  from?: string;
  /** Last reported day (inclusive). Default 2022-04-30. */
  to?: string;
  /** Population shares of the vaccination groups. */
  ageShares?: Partial<AgeShares>;
}

export interface DemoMeta {
  demo: true;
  seed: number;
  scale: number;
  from: string;
  to: string;
  version: number;
}

export interface DemoVolume {
  days: number;
  caseReports: number;
  vaccinations: number;
  facilityStatuses: number;
}

export interface DemoData {
  meta: DemoMeta;
  /** Every unit, parents first: province, 30 districts, 579 wards, then synthetic wards (scale > 1). */
  units: AdminUnit[];
  /** Only the synthetic wards (codes 90000+), for a seeder that loads the reference units itself. */
  extraUnits: AdminUnit[];
  facilities: Facility[];
  zones: Zone[];
  directives: Directive[];
  tasks: Task[];
  taskUpdates: TaskUpdate[];
  /** Rows `days()` will produce, for progress reporting. */
  volume: DemoVolume;
  /** One DemoDay per day from `from` to `to`; every call restarts and yields the same rows. */
  days(): Generator<DemoDay, void, undefined>;
  /** Same rows as `days()`, through a callback. */
  forEachDay(fn: (day: DemoDay, index: number) => void): void;
}

export type { DemoDay, AgeShares };
export { DEFAULT_AGE_SHARES };

export const DEFAULT_DEMO_OPTIONS = { seed: 1, scale: 1, from: '2021-07-01', to: '2022-04-30' } as const;

function checkShares(s: AgeShares): AgeShares {
  for (const [k, v] of Object.entries(s)) {
    if (!(typeof v === 'number' && v >= 0 && v <= 1)) throw new RangeError(`ageShares.${k} must be in [0, 1]`);
  }
  if (s.senior > s.adult) throw new RangeError('ageShares.senior (≥50) cannot exceed ageShares.adult (≥18)');
  if (s.adult + s.teen + s.child > 1) throw new RangeError('ageShares: adult + teen + child must not exceed 1');
  return s;
}

export function generateDemo(options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? DEFAULT_DEMO_OPTIONS.seed;
  const scale = options.scale ?? DEFAULT_DEMO_OPTIONS.scale;
  const from = options.from ?? DEFAULT_DEMO_OPTIONS.from;
  const to = options.to ?? DEFAULT_DEMO_OPTIONS.to;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const maxScale = Math.floor(MAX_SYNTHETIC_WARDS / 579) + 1;
  if (!Number.isInteger(scale) || scale < 1 || scale > maxScale) throw new RangeError(`scale must be an integer from 1 to ${maxScale}, got ${scale}`);
  const fromDay = dayNumber(from);
  const toDay = dayNumber(to);
  if (toDay < fromDay) throw new RangeError(`to (${to}) is before from (${from})`);
  const ageShares = checkShares({ ...DEFAULT_AGE_SHARES, ...options.ageShares });

  const world = buildWorld(loadAdminUnits(), loadDistrictBoundaries(), seed, scale);
  const demoFacilities = buildFacilities(world, loadOsmHospitals(), seed, scale);
  const { zones, clusters: zoneClusters } = buildZones(world, seed, toDay);
  const clusters = [...zoneClusters, ...randomClusters(world, seed, 12 * scale)];
  const { directives, tasks, taskUpdates } = buildTasks(world, demoFacilities, seed, toDay);

  const dayCount = toDay - fromDay + 1;
  let vaccinationDays = 0;
  for (let d = fromDay; d <= toDay; d++) if (isVaccinationDay(d, fromDay, toDay)) vaccinationDays++;
  const input = { seed, fromDay, toDay, world, facilities: demoFacilities, clusters, ageShares };

  return {
    meta: { demo: true, seed, scale, from, to, version: DEMO_GENERATOR_VERSION },
    units: world.allUnits.map((u) => ({ ...u })),
    extraUnits: world.syntheticUnits.map((u) => ({ ...u })),
    facilities: demoFacilities.map((f) => f.facility),
    zones,
    directives,
    tasks,
    taskUpdates,
    volume: {
      days: dayCount,
      caseReports: dayCount * world.wards.length,
      vaccinations: vaccinationDays * world.wards.length,
      facilityStatuses: demoFacilities.reduce((n, f) => n + Math.max(0, toDay - Math.max(fromDay, dayNumber(f.template.since)) + 1), 0),
    },
    days: () => simulate(input),
    forEachDay(fn) {
      let i = 0;
      for (const day of simulate(input)) fn(day, i++);
    },
  };
}
