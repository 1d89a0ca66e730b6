import type { RemoteChange, Store } from '../core/store';
import { loadAdminUnits } from '../core/reference';

/**
 * Which district a change belongs to, for district-reporter devices.
 *
 * A district is a 3-digit GSO code. Rows carry a unit code (district, or a 5-digit ward
 * whose parent is the district); rows without one inherit from their parent row:
 * - caseReport, vaccination, zone, facility: unitCode;
 * - facilityStatus: its facility's district; taskUpdate: its task's district;
 * - task: assigneeUnitCode, else placeUnitCode (a city-level task has neither);
 * - adminUnit, directive, setting: reference data for everyone (GLOBAL);
 * - user: never sent to or accepted from a reporter (ADMIN_ONLY).
 * The unit code comes from the change itself when it carries it (a `_created` row, an
 * update of the unit field), else from the hub's current row. A change whose row the hub
 * does not know yet has no district (UNKNOWN): refused from reporters, hidden from them.
 *
 * Rows are read through a synchronous `RowLookup`: the SQLite hub reads its own merged
 * rows; the PostgreSQL hub keeps only the fields below (`SCOPE_FIELDS`, per-field LWW) and
 * PREFETCHES the rows a batch needs (`prefetchScopeRows`) so the checks stay synchronous.
 */

/**
 * Ward → district from the shipped GSO list. Every device enters these units with the
 * same shared reference rows (electron/core/seed/reference.ts), which it never pushes, so
 * the hub cannot learn them from the log; a ward's district is fixed by its code anyway.
 * A unit the list does not have falls back to the hub's rows.
 */
let shippedWardParents: Map<string, string> | null = null;
function shippedWardParent(code: string): string | undefined {
  shippedWardParents ??= new Map(loadAdminUnits().flatMap((u) => (u.level === 'ward' && u.parentCode ? [[u.code, u.parentCode] as const] : [])));
  return shippedWardParents.get(code);
}

export const GLOBAL = 'global';
export const ADMIN_ONLY = 'admin';
export const UNKNOWN = 'unknown';

const UNIT_FIELDS: Record<string, string[]> = {
  caseReport: ['unitCode'],
  vaccination: ['unitCode'],
  zone: ['unitCode'],
  facility: ['unitCode'],
  task: ['assigneeUnitCode', 'placeUnitCode'],
};

/** Rows whose district is their parent's: parent entity → [child entity, field naming the parent]. */
export const CHILD_ROWS: Readonly<Record<string, readonly [string, string]>> = {
  task: ['taskUpdate', 'taskId'],
  facility: ['facilityStatus', 'facilityId'],
};

/** An update of the field that places a row in a district (the row may be moving between districts). */
export function isUnitFieldUpdate(c: Pick<RemoteChange, 'entity' | 'field'>): boolean {
  return c.field !== '_created' && (UNIT_FIELDS[c.entity]?.includes(c.field) ?? false);
}

/** Every field Scope reads from a stored row, per entity (what the PG hub keeps). */
export const SCOPE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ...UNIT_FIELDS,
  facilityStatus: ['facilityId'],
  taskUpdate: ['taskId'],
  adminUnit: ['parentCode'],
};

/** The current row (or at least its SCOPE_FIELDS) of an entity, tombstones included; undefined if unknown. */
export interface RowLookup {
  row(entity: string, id: string): Record<string, unknown> | undefined;
}

/** The SQLite hub: its own materialised rows. */
export function storeLookup(store: Store): RowLookup {
  return { row: (entity, id) => store.get(entity as 'task', id, { includeDeleted: true }) as Record<string, unknown> | undefined };
}

export const rowKey = (entity: string, id: string) => `${entity}\u0000${id}`;

/**
 * Read ahead every row Scope will look up for `changes` (checked in order, as the push
 * check and the pull filter do), so the lookups can then run synchronously. Lookups
 * chain (a status → its facility → its ward → the ward's district), hence rounds: each
 * round replays the checks, collects the misses and fetches them, until nothing is
 * missing (the chain is at most 3 deep).
 */
export async function prefetchScopeRows(
  changes: ReadonlyArray<Pick<RemoteChange, 'entity' | 'entityId' | 'field' | 'value'>>,
  fetchRows: (keys: Array<{ entity: string; id: string }>) => Promise<Map<string, Record<string, unknown>>>,
  /** True for a push check (rows created earlier in the batch count), false for a pull filter. */
  rememberCreated: boolean,
): Promise<RowLookup> {
  const cache = new Map<string, Record<string, unknown> | undefined>();
  for (let round = 0; round < 6; round++) {
    const missing = new Map<string, { entity: string; id: string }>();
    const scope = new Scope({
      row: (entity, id) => {
        const k = rowKey(entity, id);
        if (!cache.has(k)) missing.set(k, { entity, id });
        return cache.get(k);
      },
    });
    for (const c of changes) {
      scope.districtsOf(c);
      if (rememberCreated) scope.remember(c);
    }
    if (missing.size === 0) break;
    const found = await fetchRows([...missing.values()]);
    for (const k of missing.keys()) cache.set(k, found.get(k));
  }
  return { row: (entity, id) => cache.get(rowKey(entity, id)) };
}

export class Scope {
  /** Rows created earlier in the batch being checked (a push may create a task and comment on it). */
  private readonly pending = new Map<string, Record<string, unknown>>();
  private readonly rows: RowLookup;

  /** A Store (the SQLite hub's rows) or any RowLookup. */
  constructor(source: Store | RowLookup) {
    this.rows = 'row' in source ? source : storeLookup(source);
  }

  /** Let later checks see the rows this `_created` change makes. */
  remember(c: Pick<RemoteChange, 'entity' | 'entityId' | 'field' | 'value'>): void {
    if (c.field === '_created' && typeof c.value === 'object' && c.value !== null) {
      this.pending.set(`${c.entity}:${c.entityId}`, c.value as Record<string, unknown>);
    }
  }

  private row(entity: string, id: string): Record<string, unknown> | undefined {
    return this.pending.get(`${entity}:${id}`) ?? this.rows.row(entity, id);
  }

  /** District of a unit code: itself for a district, its parent for a ward; null for the city. */
  districtOfUnit(code: unknown): string | null {
    if (typeof code !== 'string') return null;
    if (code.length === 3) return code;
    if (code.length === 5) {
      const parent = shippedWardParent(code) ?? this.row('adminUnit', code)?.parentCode;
      return typeof parent === 'string' && parent.length === 3 ? parent : null;
    }
    return null;
  }

  /**
   * Districts a change touches (an update moving a row to another district touches both),
   * or one of GLOBAL / ADMIN_ONLY / UNKNOWN.
   */
  districtsOf(c: Pick<RemoteChange, 'entity' | 'entityId' | 'field' | 'value'>): string[] {
    switch (c.entity) {
      case 'adminUnit':
      case 'directive':
      case 'setting':
        return [GLOBAL];
      case 'user':
        return [ADMIN_ONLY];
      case 'facilityStatus': {
        const facilityId = c.field === '_created' ? (c.value as { facilityId?: unknown }).facilityId : this.row('facilityStatus', c.entityId)?.facilityId;
        const unit = typeof facilityId === 'string' ? this.row('facility', facilityId)?.unitCode : undefined;
        return this.known(this.districtOfUnit(unit), unit !== undefined);
      }
      case 'taskUpdate': {
        const taskId = c.field === '_created' ? (c.value as { taskId?: unknown }).taskId : this.row('taskUpdate', c.entityId)?.taskId;
        const task = typeof taskId === 'string' ? this.row('task', taskId) : undefined;
        if (!task) return [UNKNOWN];
        return this.known(this.districtOfUnit(task.assigneeUnitCode ?? task.placeUnitCode), true);
      }
    }
    const fields = UNIT_FIELDS[c.entity];
    if (!fields) return [UNKNOWN];
    const current = this.row(c.entity, c.entityId);
    const out = new Set<string>();
    const unitFrom = (row: Record<string, unknown>) => fields.map((f) => row[f]).find((v) => v !== null && v !== undefined);
    if (c.field === '_created' && typeof c.value === 'object' && c.value !== null) {
      out.add(this.districtOfUnit(unitFrom(c.value as Record<string, unknown>)) ?? GLOBAL);
    } else if (fields.includes(c.field)) {
      out.add(this.districtOfUnit(c.value) ?? GLOBAL);
    }
    if (current) out.add(this.districtOfUnit(unitFrom(current)) ?? GLOBAL);
    else if (out.size === 0) out.add(UNKNOWN);
    return [...out];
  }

  private known(d: string | null, found: boolean): string[] {
    return [found ? (d ?? GLOBAL) : UNKNOWN];
  }

  /** A reporter may PUSH a change only if every district it touches is one of theirs. */
  mayPush(districts: readonly string[], c: Parameters<Scope['districtsOf']>[0]): boolean {
    return this.districtsOf(c).every((d) => districts.includes(d));
  }

  /** A reporter SEES reference data and rows of their districts. */
  maySee(districts: readonly string[], c: Parameters<Scope['districtsOf']>[0]): boolean {
    const ds = this.districtsOf(c);
    return ds.some((d) => d === GLOBAL || districts.includes(d));
  }
}
