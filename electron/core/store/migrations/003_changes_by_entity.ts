import type { Migration } from './types';

/**
 * The audit trail of one row (`changes.list` by entity and id; later "changed at the same
 * time by …" in sync) must not scan the whole change log. FROZEN once released.
 */
export const m003: Migration = {
  version: 3,
  name: 'changes_by_entity',
  up(db) {
    db.exec('CREATE INDEX changes_entity ON changes (entity, entity_id, seq);');
  },
};
