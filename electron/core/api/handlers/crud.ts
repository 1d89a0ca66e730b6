import type { EntityName, EntityOf, ListOptions, Store, Where } from '../../store';
import type { CallContext } from '../context';
import { notFound, writeCtx } from './util';

/**
 * list/get/create/update/delete handlers for a UUID-keyed entity, all through the
 * store's one write path. Entity-specific rules are added by wrapping these.
 */
export function crudHandlers<E extends EntityName>(
  store: Store,
  entity: E,
  label: string,
  opts: {
    where?: (input: Record<string, unknown>) => Where<E>;
    filter?: (rows: EntityOf<E>[], input: Record<string, unknown>) => EntityOf<E>[];
    orderBy?: ListOptions<E>['orderBy'];
    /** Fields the core fills in on create (e.g. createdAt). */
    onCreate?: (fields: Record<string, unknown>, ctx: CallContext) => Record<string, unknown>;
  } = {},
) {
  const get = (id: string): EntityOf<E> => store.get(entity, id) ?? notFound(label, id);
  return {
    list: (input: Record<string, unknown>) => {
      const rows = store.list(entity, opts.where?.(input) ?? {}, { orderBy: opts.orderBy });
      return opts.filter ? opts.filter(rows, input) : rows;
    },
    get: ({ id }: { id: string }) => get(id),
    create: (input: Record<string, unknown>, ctx: CallContext) => {
      const fields = opts.onCreate ? opts.onCreate(input, ctx) : input;
      const r = store.write(writeCtx(ctx), [{ op: 'create', entity, fields }]);
      return get(r.ids[0]!);
    },
    update: ({ id, patch }: { id: string; patch: Record<string, unknown> }, ctx: CallContext) => {
      get(id);
      store.write(writeCtx(ctx), [{ op: 'update', entity, id, fields: patch }]);
      return get(id);
    },
    delete: ({ id }: { id: string }, ctx: CallContext) => {
      get(id);
      store.write(writeCtx(ctx), [{ op: 'delete', entity, id }]);
      return { ok: true as const };
    },
  };
}

/** Prefixes the five handlers with the contract's operation names (`facilities.list` …). */
export function named<P extends string, H extends Record<'list' | 'get' | 'create' | 'update' | 'delete', unknown>>(prefix: P, h: H) {
  return {
    [`${prefix}.list`]: h.list,
    [`${prefix}.get`]: h.get,
    [`${prefix}.create`]: h.create,
    [`${prefix}.update`]: h.update,
    [`${prefix}.delete`]: h.delete,
  } as { [K in `${P}.${keyof H & string}`]: H[K extends `${P}.${infer N}` ? N & keyof H : never] };
}
