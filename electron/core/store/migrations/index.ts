import type Database from 'better-sqlite3';
import { m001 } from './001_initial';
import { m002 } from './002_settings';
import { m003 } from './003_changes_by_entity';
import { m004 } from './004_sync';
import { m005 } from './005_change_identity';
import type { Migration } from './types';

export type { Migration } from './types';

/**
 * Forward-only, numbered migrations (the Signal Desktop model): the file records its
 * version in PRAGMA user_version; at open every migration above it runs, each in its
 * own transaction together with the user_version bump, so a crash leaves the file at a
 * whole version, never between two. There are no down-migrations: an older app refuses
 * a newer file (StoreOpenError 'too_new') instead of guessing.
 */
export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005];

export const LATEST_VERSION = MIGRATIONS.length;

/** SQLite application_id of Sa Bàn files (set by migration 001). */
export const APPLICATION_ID = 0x53414241;

export function assertWellFormed(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration #${i} has version ${m.version}, expected ${i + 1}`);
  });
}

export interface MigrateResult {
  from: number;
  to: number;
}

/**
 * Apply `migrations` above the file's user_version up to `target` (default: all).
 * Throws if the file is newer than the list. Foreign keys are switched off while
 * migrating (SQLite's documented procedure for table rebuilds; the pragma is a no-op
 * inside a transaction) and checked with foreign_key_check before each commit.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = migrations.length,
): MigrateResult {
  assertWellFormed(migrations);
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > migrations.length) throw new Error(`database version ${from} is newer than known ${migrations.length}`);
  if (from >= target) return { from, to: from };
  const fkWasOn = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of migrations.slice(from, target)) {
      db.transaction(() => {
        m.up(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) {
          throw new Error(`migration ${m.version} (${m.name}) leaves ${broken.length} foreign key violation(s)`);
        }
        // Inside the transaction: the header write commits or rolls back with the DDL.
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    }
  } finally {
    if (fkWasOn) db.pragma('foreign_keys = ON');
  }
  return { from, to: target };
}
