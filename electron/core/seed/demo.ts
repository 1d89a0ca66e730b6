import type { Store, WriteOp } from '../store';
import { generateDemo } from '../demo';

export interface DemoOptions {
  seed: number;
  scale: number;
  from: string;
  to: string;
}

export interface DemoSeedResult {
  ops: number;
  changes: number;
  days: number;
}

/**
 * Writes the deterministic demo dataset through the one write path as the system user,
 * in ONE transaction: a crash half-way leaves the store as it was (no half demo).
 * Order matters for foreign keys: units, facilities, directives, tasks (parents first),
 * then their updates, then the daily rows.
 */
export function seedDemo(store: Store, opts: DemoOptions): DemoSeedResult {
  const data = generateDemo(opts);
  const ops: WriteOp[] = [];
  for (const u of data.extraUnits) ops.push({ op: 'upsert', entity: 'adminUnit', fields: u });
  for (const f of data.facilities) ops.push({ op: 'create', entity: 'facility', fields: f });
  for (const z of data.zones) ops.push({ op: 'create', entity: 'zone', fields: z });
  for (const d of data.directives) ops.push({ op: 'create', entity: 'directive', fields: d });
  const tasks = [...data.tasks].sort((a, b) => Number(!!a.parentTaskId) - Number(!!b.parentTaskId));
  for (const t of tasks) ops.push({ op: 'create', entity: 'task', fields: t });
  for (const u of data.taskUpdates) ops.push({ op: 'create', entity: 'taskUpdate', fields: u });
  let days = 0;
  data.forEachDay((day) => {
    days += 1;
    for (const r of day.caseReports) ops.push({ op: 'upsert', entity: 'caseReport', fields: r });
    for (const v of day.vaccinations) ops.push({ op: 'upsert', entity: 'vaccination', fields: v });
    for (const s of day.facilityStatuses) ops.push({ op: 'create', entity: 'facilityStatus', fields: s });
  });
  const r = store.write({ userId: null }, ops);
  return { ops: ops.length, changes: r.changeCount, days };
}
