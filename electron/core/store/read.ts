import type Database from 'better-sqlite3';
import { DELETED_COLUMN, rowToEntity, selectList, type EntityDef, type EntityName, type EntityOf } from './entities';

/**
 * Generic reads mapped back to the domain shape (camelCase, JSON parsed, booleans).
 * Trusted: rows were validated on the way in, so nothing is validated on the way out.
 * Tombstoned rows are never returned unless asked for.
 */

export type Where<E extends EntityName> = {
  /** Equality; null matches NULL; an array matches any of its values (IN). */
  [K in keyof EntityOf<E>]?: EntityOf<E>[K] | ReadonlyArray<EntityOf<E>[K]> | null;
};

export interface ListOptions<E extends EntityName> {
  orderBy?: keyof EntityOf<E> & string | Array<[keyof EntityOf<E> & string, 'asc' | 'desc']>;
  limit?: number;
  offset?: number;
  includeDeleted?: boolean;
}

export class Reader {
  /** SQL text → statement; arrays use json_each so the SQL (and cache key) does not depend on their length. */
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get<E extends EntityName>(def: EntityDef, id: string, includeDeleted = false): EntityOf<E> | undefined {
    const sql =
      `SELECT ${selectList(def)} FROM "${def.table}" WHERE "${def.pkColumn}" = ?` +
      (includeDeleted ? '' : ` AND ${DELETED_COLUMN} = 0`);
    const row = this.stmt(sql).get(id) as Record<string, unknown> | undefined;
    return row ? rowToEntity<E>(def, row) : undefined;
  }

  list<E extends EntityName>(def: EntityDef, where: Where<E> = {}, opts: ListOptions<E> = {}): EntityOf<E>[] {
    const conds: string[] = opts.includeDeleted ? [] : [`${DELETED_COLUMN} = 0`];
    const params: unknown[] = [];
    for (const [field, value] of Object.entries(where as Record<string, unknown>)) {
      if (value === undefined) continue;
      const c = def.byField.get(field);
      if (!c) throw new RangeError(`${def.name}: unknown field "${field}" in where`);
      if (c.kind === 'json') throw new RangeError(`${def.name}.${field}: JSON fields cannot be filtered by list()`);
      const enc = (v: unknown) => (c.kind === 'boolean' ? (v ? 1 : 0) : v);
      if (value === null) conds.push(`"${c.column}" IS NULL`);
      else if (Array.isArray(value)) {
        conds.push(`"${c.column}" IN (SELECT value FROM json_each(?))`);
        params.push(JSON.stringify(value.map(enc)));
      } else {
        conds.push(`"${c.column}" = ?`);
        params.push(enc(value));
      }
    }
    const order = (
      opts.orderBy === undefined
        ? [[def.pk, 'asc'] as const]
        : typeof opts.orderBy === 'string'
          ? [[opts.orderBy, 'asc'] as const]
          : opts.orderBy
    ).map(([f, dir]) => {
      const c = def.byField.get(f);
      if (!c) throw new RangeError(`${def.name}: unknown field "${f}" in orderBy`);
      return `"${c.column}" ${dir === 'desc' ? 'DESC' : 'ASC'}`;
    });
    let sql = `SELECT ${selectList(def)} FROM "${def.table}"`;
    if (conds.length > 0) sql += ` WHERE ${conds.join(' AND ')}`;
    sql += ` ORDER BY ${order.join(', ')}`;
    if (opts.limit !== undefined || opts.offset !== undefined) {
      sql += ' LIMIT ? OFFSET ?';
      params.push(opts.limit ?? -1, opts.offset ?? 0);
    }
    return (this.stmt(sql).all(...params) as Record<string, unknown>[]).map((r) => rowToEntity<E>(def, r));
  }

  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      if (this.cache.size > 500) this.cache.clear(); // ad-hoc where shapes must not grow it forever
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}
