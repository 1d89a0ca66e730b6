import { z } from 'zod';
import { uuid } from '../domain';

/** Building blocks of the API contract (see contract.ts). */
export type OpKind = 'query' | 'mutation';
export interface OpDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  kind: OpKind;
  input: I;
  output: O;
  /** Roles allowed to call it; viewers (and the wall display token) only read. */
  minRole: 'viewer' | 'operator' | 'admin';
  summary: string;
}
export const op = <I extends z.ZodType, O extends z.ZodType>(def: OpDef<I, O>) => def;

export const empty = z.object({}).strict();
export const okOut = z.object({ ok: z.literal(true) });
export const idIn = z.object({ id: uuid }).strict();

/**
 * Create / read / update / delete operations for a UUID-keyed entity, derived from
 * its row schema so the fields are never repeated: create takes the row without
 * `id` (the core assigns a UUIDv7), update takes `{ id, patch }` with any subset.
 */
export function crud<N extends string, S extends z.ZodObject<{ id: typeof uuid }>, F extends z.ZodObject>(
  name: N,
  row: S,
  listFilter: F,
  omitOnCreate: Record<string, true> = {},
) {
  const fields = row.omit({ id: true, ...omitOnCreate } as never);
  return {
    [`${name}.list`]: op({ kind: 'query', input: listFilter, output: z.array(row), minRole: 'viewer', summary: `List ${name}` }),
    [`${name}.get`]: op({ kind: 'query', input: idIn, output: row, minRole: 'viewer', summary: `Get one ${name}` }),
    [`${name}.create`]: op({ kind: 'mutation', input: fields.strict(), output: row, minRole: 'operator', summary: `Create ${name}` }),
    [`${name}.update`]: op({
      kind: 'mutation',
      input: z.object({ id: uuid, patch: fields.partial().strict() }).strict(),
      output: row,
      minRole: 'operator',
      summary: `Update ${name}`,
    }),
    [`${name}.delete`]: op({ kind: 'mutation', input: idIn, output: okOut, minRole: 'operator', summary: `Delete ${name} (tombstone)` }),
  } as {
    [K in `${N}.list`]: OpDef<F, z.ZodArray<S>>;
  } & { [K in `${N}.get`]: OpDef<typeof idIn, S> } & {
    [K in `${N}.create`]: OpDef<z.ZodType<Omit<z.input<S>, 'id'>>, S>;
  } & {
    [K in `${N}.update`]: OpDef<z.ZodType<{ id: string; patch: Partial<Omit<z.input<S>, 'id'>> }>, S>;
  } & { [K in `${N}.delete`]: OpDef<typeof idIn, typeof okOut> };
}

