import type { AdminUnit } from '../../../../shared/domain';
import type { AppInfo } from '../../../../shared/api/contract';
import type { Store } from '../../store';
import type { Handlers } from '../dispatch';
import type { CallContext } from '../context';
import { loadDistrictBoundaries } from '../../reference';
import { crudHandlers, named } from './crud';
import { reportHandlers } from './reports';
import { taskHandlers } from './tasks';
import { userHandlers } from './users';
import { metricsHandlers } from './metrics';
import { ioHandlers } from './io';
import { boardHandlers } from './boards';
import { mapHandlers } from './map';
import { settingsHandlers } from './settings';
import { scenarioHandlers } from './scenarios';
import { wallHandlers } from './wall';
import { syncHandlers } from './sync';
import type { SyncRuntime } from '../../sync/runtime';

export interface HandlerDeps {
  store: Store;
  info(transport: 'ipc' | 'http'): AppInfo;
  initStore(mode: 'demo' | 'empty', seed?: number): Promise<void>;
  session: { get(): string | null; set(id: string): void };
  sync: SyncRuntime;
}

/** Every contract operation → its core implementation (the compiler checks none is missing). */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { store } = deps;
  let districtBoundaries: ReturnType<typeof loadDistrictBoundaries> | null = null;
  return {
    'app.info': (_i, ctx) => deps.info(ctx.transport),
    'app.initStore': async ({ mode, seed }, ctx: CallContext) => {
      await deps.initStore(mode, seed);
      return deps.info(ctx.transport);
    },

    'units.list': ({ level, parentCode }) =>
      store.list('adminUnit', { level, parentCode }, { orderBy: 'code' }) as AdminUnit[],
    'boundaries.get': ({ level }) => {
      if (level === 'district') return (districtBoundaries ??= loadDistrictBoundaries()) as never;
      // Ward boundaries are not shipped (no open-licence source); they arrive by import.
      const imported = store.getSetting<{ type: 'FeatureCollection'; features: unknown[] }>('boundaries.ward');
      return imported ?? { type: 'FeatureCollection', features: [] };
    },

    ...named(
      'facilities',
      crudHandlers(store, 'facility', 'cơ sở điều trị', {
        where: (i) => ({ unitCode: i.unitCode as string | undefined, tier: i.tier as 1 | 2 | 3 | undefined }),
        orderBy: [['tier', 'desc'], ['name', 'asc']],
      }),
    ),
    'facilityStatus.list': ({ facilityId, from, to }) =>
      store
        .list('facilityStatus', { facilityId }, { orderBy: [['reportedAt', 'asc']] })
        .filter((s) => (!from || s.reportedAt >= from) && (!to || s.reportedAt <= to)),
    'facilityStatus.create': (input, ctx) => {
      // One canonical instant form (UTC, ms) in storage: boards compare reportedAt as strings in SQL.
      const fields = { ...input, reportedAt: new Date(input.reportedAt).toISOString() };
      const r = store.write({ userId: ctx.userId }, [{ op: 'create', entity: 'facilityStatus', fields }]);
      return store.get('facilityStatus', r.ids[0]!)!;
    },

    ...reportHandlers(store),

    ...named(
      'zones',
      crudHandlers(store, 'zone', 'vùng', {
        orderBy: [['startDate', 'desc']],
        filter: (rows, i) => (i.activeOn ? rows.filter((z) => z.startDate <= String(i.activeOn) && (!z.endDate || z.endDate >= String(i.activeOn))) : rows),
      }),
    ),
    ...taskHandlers(store),
    ...userHandlers(store, deps.session),

    'changes.list': ({ afterSeq, limit, entity, entityId }) => {
      const filters = ([['entity = ?', entity], ['entity_id = ?', entityId]] as const).filter(([, v]) => v !== undefined);
      const conds = ['seq > ?', ...filters.map(([c]) => c)];
      const params: unknown[] = [afterSeq, ...filters.map(([, v]) => v), limit];
      const rows = store.db
        .prepare(
          `SELECT seq, entity, entity_id AS entityId, field, value, hlc, site_id AS siteId, user_id AS userId, op_id AS opId
           FROM changes WHERE ${conds.join(' AND ')} ORDER BY seq LIMIT ?`,
        )
        .all(...params) as { value: string | null }[];
      return rows.map((r) => ({ ...r, value: r.value === null ? null : JSON.parse(r.value) })) as never;
    },

    // Area groups (one file each, matching shared/api/ops/<area>.ts).
    ...metricsHandlers(store),
    ...ioHandlers(store),
    ...boardHandlers(store),
    ...mapHandlers(store),
    ...settingsHandlers(store),
    ...scenarioHandlers(store),
    ...wallHandlers(store, deps.sync),
    ...syncHandlers(store, deps.sync),
  } satisfies Handlers;
}
