import type { Migration } from './types';

/**
 * Shared settings as an entity (written through the write path, so audited and synced).
 * FROZEN once released.
 */
export const m002: Migration = {
  version: 2,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key      TEXT PRIMARY KEY NOT NULL,
        value    TEXT, -- JSON
        _deleted INTEGER NOT NULL DEFAULT 0
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
