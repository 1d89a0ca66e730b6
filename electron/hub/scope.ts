import type { Store } from '../core/store';
import type { RemoteChange } from '../core/store';

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
 */

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

export class Scope {
  /** Rows created earlier in the batch being checked (a push may create a task and comment on it). */
  private readonly pending = new Map<string, Record<string, unknown>>();

  constructor(private readonly store: Store) {}

  /** Let later checks see the rows this `_created` change makes. */
  remember(c: Pick<RemoteChange, 'entity' | 'entityId' | 'field' | 'value'>): void {
    if (c.field === '_created' && typeof c.value === 'object' && c.value !== null) {
      this.pending.set(`${c.entity}:${c.entityId}`, c.value as Record<string, unknown>);
    }
  }

  private row(entity: string, id: string): Record<string, unknown> | undefined {
    return (
      this.pending.get(`${entity}:${id}`) ??
      (this.store.get(entity as 'task', id, { includeDeleted: true }) as Record<string, unknown> | undefined)
    );
  }

  /** District of a unit code: itself for a district, its parent for a ward; null for the city. */
  districtOfUnit(code: unknown): string | null {
    if (typeof code !== 'string') return null;
    if (code.length === 3) return code;
    if (code.length === 5) {
      const parent = this.row('adminUnit', code)?.parentCode;
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
