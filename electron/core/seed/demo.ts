import type { Store, WriteOp } from '../store';
import { generateDemo } from '../demo';

export interface DemoOptions {
  seed: number;
  scale: number;
  from: string;
  to: string;
  /** Called after each generated day (inside the one transaction): progress for long seeds. */
  onDay?: (done: number, total: number) => void;
}

export interface DemoSeedResult {
  ops: number;
  changes: number;
  days: number;
}

/**
 * Writes the deterministic demo dataset through the one write path as the system user,
 * in ONE call and so ONE transaction: a crash half-way leaves the store as it was (no half
 * demo). The ops are STREAMED (store.writeAll consumes a generator that produces each day's
 * rows when it gets there), so memory stays flat however long the range or large the
 * scale — no chunking into several calls, which would give up "all or nothing".
 * Order matters for foreign keys: units, facilities, directives, tasks (parents first),
 * then their updates, then the daily rows.
 */
export function seedDemo(store: Store, opts: DemoOptions): DemoSeedResult {
  const data = generateDemo(opts);
  let days = 0;
  function* ops(): Generator<WriteOp> {
    for (const u of data.extraUnits) yield { op: 'upsert', entity: 'adminUnit', fields: u };
    for (const f of data.facilities) yield { op: 'create', entity: 'facility', fields: f };
    for (const z of data.zones) yield { op: 'create', entity: 'zone', fields: z };
    for (const d of data.directives) yield { op: 'create', entity: 'directive', fields: d };
    const tasks = [...data.tasks].sort((a, b) => Number(!!a.parentTaskId) - Number(!!b.parentTaskId));
    for (const t of tasks) yield { op: 'create', entity: 'task', fields: t };
    for (const u of data.taskUpdates) yield { op: 'create', entity: 'taskUpdate', fields: u };
    for (const day of data.days()) {
      for (const r of day.caseReports) yield { op: 'upsert', entity: 'caseReport', fields: r };
      for (const v of day.vaccinations) yield { op: 'upsert', entity: 'vaccination', fields: v };
      for (const s of day.facilityStatuses) yield { op: 'create', entity: 'facilityStatus', fields: s };
      days += 1;
      opts.onDay?.(days, data.volume.days);
    }
  }
  const r = store.writeAll({ userId: null }, ops());
  return { ops: r.opCount, changes: r.changeCount, days };
}
