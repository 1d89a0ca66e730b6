import type { Migration } from './types';

/**
 * Sync bookkeeping (phase 1). FROZEN once released.
 * - `conflicts`: a field where two sites wrote concurrently and one value lost the
 *   per-field last-writer-wins; kept so the UI can say "changed at the same time by …"
 *   and restore the losing value (a restore is an ordinary new write).
 * No new index on `changes`: the identity probe of applyRemote (stamp, entity, id, field)
 * uses the existing `changes_hlc` (one stamp covers the few rows of one write op), and
 * every extra index on the log would slow bulk imports.
 */
export const m004: Migration = {
  version: 4,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE conflicts (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        entity          TEXT NOT NULL,
        entity_id       TEXT NOT NULL,
        field           TEXT NOT NULL,
        losing_value    TEXT NOT NULL, -- JSON of the domain value that lost
        losing_hlc      TEXT NOT NULL,
        losing_site_id  TEXT NOT NULL,
        losing_user_id  TEXT,
        winning_hlc     TEXT NOT NULL,
        winning_site_id TEXT NOT NULL,
        winning_user_id TEXT,
        detected_at     TEXT NOT NULL, -- ISO instant, local wall clock
        resolved        INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX conflicts_entity ON conflicts (entity, entity_id);
      CREATE UNIQUE INDEX conflicts_pair ON conflicts (entity, entity_id, field, losing_hlc, winning_hlc);
    `);
  },
};
