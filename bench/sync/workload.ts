import { ensureReferenceData } from '../../electron/core/seed/reference';
import { newId, type RemoteChange, type Store, type WriteOp } from '../../electron/core/store';
import { BLANK_TASK } from '../../shared/domain';

/**
 * What another site sends: 100,000 change rows made through the REAL write path of a store
 * (so stamps, op ids and values are exactly what a device produces), on top of the
 * reference units (which every device has before such traffic):
 *   50,000 case-report creates (every ward, day after day; one `_created` row each)
 *   30,000 case-report field corrections (newCommunity / tests / f0Home, one field per op)
 *   10,000 task creates
 *   10,000 task field updates (status)
 */
export const WORKLOAD_MIX = { caseReportCreates: 50_000, caseReportUpdates: 30_000, taskCreates: 10_000, taskUpdates: 10_000 } as const;
export const WORKLOAD_ROWS = Object.values(WORKLOAD_MIX).reduce((a, b) => a + b, 0);

export interface Workload {
  /** Rows of the reference units (applied before any timing). */
  reference: RemoteChange[];
  /** The 100,000 timed rows, in log order. */
  changes: RemoteChange[];
}

export function wardCodes(store: Store): string[] {
  return (store.db.prepare(`SELECT code FROM admin_units WHERE level = 'ward' AND _deleted = 0 ORDER BY code`).pluck().all() as string[]).slice();
}

const day = (start: number, d: number) => new Date(start + d * 86_400_000).toISOString().slice(0, 10);

/** Write the workload into `source` (a store of the sending site) and return its rows. */
export function buildWorkload(source: Store): Workload {
  ensureReferenceData(source);
  const referenceSeq = source.lastSeq();
  const wards = wardCodes(source);
  const start = Date.UTC(2022, 0, 1);
  const ctx = { userId: 'bench-remote-user' };

  const reports: string[] = [];
  const creates: WriteOp[] = [];
  for (let k = 0; k < WORKLOAD_MIX.caseReportCreates; k++) {
    const unitCode = wards[k % wards.length]!;
    const date = day(start, Math.floor(k / wards.length));
    reports.push(`${unitCode}:${date}`);
    creates.push({
      op: 'create',
      entity: 'caseReport',
      fields: {
        unitCode, date, newCommunity: k % 37, newQuarantined: k % 11, f0Home: 20 + (k % 300), f0Facility: 5 + (k % 90),
        f1HomeQuarantine: k % 700, needOxygen: k % 20, recovered: k % 40, deaths: k % 3, tests: 200 + (k % 5000),
      },
    });
  }
  source.write(ctx, creates);
  const fields = ['newCommunity', 'tests', 'f0Home'] as const;
  source.write(
    ctx,
    Array.from({ length: WORKLOAD_MIX.caseReportUpdates }, (_, k): WriteOp => ({
      op: 'update',
      entity: 'caseReport',
      id: reports[(k * 7) % reports.length]!,
      fields: { [fields[k % fields.length]!]: 1000 + k },
    })),
  );
  const tasks = Array.from({ length: WORKLOAD_MIX.taskCreates }, () => newId());
  source.write(
    ctx,
    tasks.map((id, k): WriteOp => ({
      op: 'create',
      entity: 'task',
      id,
      fields: {
        ...BLANK_TASK,
        title: `Kiểm tra khu cách ly số ${k + 1}`,
        assigneeOrg: 'Sở Y tế Hà Nội',
        assigneeUnitCode: wards[k % wards.length]!,
        createdAt: new Date(start + k * 60_000).toISOString(),
      },
    })),
  );
  source.write(
    ctx,
    tasks.map((id, k): WriteOp => ({ op: 'update', entity: 'task', id, fields: { status: k % 2 ? 'in_progress' : 'done' } })),
  );
  const strip = ({ seq: _seq, ...c }: ReturnType<Store['changesSince']>[number]): RemoteChange => c;
  const reference = source.changesSince(0, referenceSeq).map(strip);
  const changes = source.changesSince(referenceSeq, 10_000_000).map(strip);
  if (changes.length !== WORKLOAD_ROWS) throw new Error(`workload has ${changes.length} rows, expected ${WORKLOAD_ROWS}`);
  return { reference, changes };
}
