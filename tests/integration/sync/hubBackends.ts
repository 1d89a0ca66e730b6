import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { ChangeRow } from '../../../shared/domain';
import type { Store } from '../../../electron/core/store';
import type { AnyRunningHub } from '../../../electron/hub/server';
import { SqliteBackend } from '../../../electron/hub/sqlite-backend';

/**
 * The hub suites run once per storage backend: SQLite always, PostgreSQL when
 * SABAN_TEST_PG names a server (`postgres://user@127.0.0.1:54329/postgres`; .ci/run starts a
 * private cluster and sets it). Each PG hub gets a FRESH SCHEMA (`hub_<random>`, selected
 * with the connection's search_path) dropped afterwards, so test files never share state.
 */

export const PG_URL = process.env.SABAN_TEST_PG || null;
export const PG_SKIP_REASON = PG_URL
  ? null
  : 'SABAN_TEST_PG is not set (a postgres:// URL of a server where the tests may create schemas; .ci/run starts a private cluster)';

let announced = false;
/** Print once per test file why the PostgreSQL variants do not run. */
export function announcePgSkip(suite: string): void {
  if (PG_SKIP_REASON && !announced) {
    announced = true;
    console.log(`[${suite}] PostgreSQL variants skipped: ${PG_SKIP_REASON}`);
  }
}

export interface HubDb {
  /** startHub options selecting this database. */
  opts: { dbPath: string } | { pgUrl: string };
  /** The same for the CLI (`--db PATH` / `--pg URL`). */
  args: string[];
  drop(): Promise<void>;
}

export interface HubBackendCase {
  name: 'sqlite' | 'pg';
  /** Why this backend cannot run here, or null. */
  skip: string | null;
  /** A new, empty hub database (`dir` holds SQLite files). */
  fresh(dir: string, label?: string): Promise<HubDb>;
}

/** A fresh schema on the test server; the URL selects it for every connection. */
export async function freshPgSchema(): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error(PG_SKIP_REASON!);
  const schema = `hub_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const u = new URL(PG_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

export const HUB_BACKENDS: HubBackendCase[] = [
  {
    name: 'sqlite',
    skip: null,
    async fresh(dir, label = 'hub') {
      const file = path.join(dir, `${label}.db`);
      return { opts: { dbPath: file }, args: ['--db', file], drop: async () => undefined };
    },
  },
  {
    name: 'pg',
    skip: PG_SKIP_REASON,
    async fresh() {
      const s = await freshPgSchema();
      return { opts: { pgUrl: s.url }, args: ['--pg', s.url], drop: s.drop };
    },
  },
];

/** Every change the hub holds, in hub order (either backend). */
export async function hubLog(hub: AnyRunningHub): Promise<ChangeRow[]> {
  return (await hub.backend.pull(0, 1e9, false)).rows;
}

/** Identity of a change (what the hub stores once). */
export const identity = (c: Pick<ChangeRow, 'hlc' | 'entity' | 'entityId' | 'field'>) => `${c.hlc} ${c.entity} ${c.entityId} ${c.field}`;

/** The SQLite hub's own store (its rows are the merged state), or null in PostgreSQL mode. */
export function sqliteStore(hub: AnyRunningHub): Store | null {
  return hub.backend instanceof SqliteBackend ? hub.backend.store : null;
}
