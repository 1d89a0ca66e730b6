import type { Migration } from './types';

/**
 * The identity of a change row — (hlc, entity, entity_id, field) — as a UNIQUE index.
 * FROZEN once released.
 *
 * Why: applyRemote (sync pulls, the SQLite hub's pushes, file imports) probes the log for
 * every incoming row ("have I recorded this change already?"). Through `changes_hlc` that
 * was an index seek plus a table read per row; this index answers from the index alone.
 * And the identity, so far enforced only by code, is now guaranteed by SQLite.
 *
 * The new index starts with `hlc`, so it serves everything `changes_hlc` did
 * (`max(hlc)` at open, lookups by stamp); `changes_hlc` is dropped so the log keeps the
 * same number of indexes and bulk imports through the write path pay nothing extra.
 *
 * Existing data: the identity was already enforced by code (the write path gives every op
 * its own stamp and writes each field once per op; applyRemote skipped known identities),
 * so a file should hold no duplicates. Should one hold some anyway (a bug of an older
 * version), the index could not be created and the file would not open; so only then (the
 * index is tried first) the later copies are removed, keeping the earliest-recorded row of
 * each identity. They are copies of the SAME change (same stamp, and a stamp names its
 * site), which every reader looked up by identity, taking whichever SQLite returned first.
 *
 * IF [NOT] EXISTS: a file whose version number was set back by hand (tests do that to
 * replay migrations) may already have the new index and not the old one.
 */
export const m005: Migration = {
  version: 5,
  name: 'change_identity',
  up(db) {
    const createIndex = () => db.exec('CREATE UNIQUE INDEX IF NOT EXISTS changes_identity ON changes (hlc, entity, entity_id, field)');
    try {
      createIndex();
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
      // Only on the (buggy) file that has duplicates: this pass sorts the whole log again.
      db.exec(`
        DELETE FROM changes WHERE seq IN (
          SELECT seq FROM (
            SELECT seq, row_number() OVER (PARTITION BY hlc, entity, entity_id, field ORDER BY seq) AS n FROM changes
          ) WHERE n > 1
        )
      `);
      createIndex();
    }
    db.exec('DROP INDEX IF EXISTS changes_hlc');
  },
};
