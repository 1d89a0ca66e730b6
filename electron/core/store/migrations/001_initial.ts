import type { Migration } from './types';

/**
 * Initial schema. FROZEN: once released, never edit this file; change the schema with a
 * new migration. DDL is spelled out (not generated from the zod schemas) for that reason.
 *
 * Conventions
 * - STRICT tables: SQLite rejects a value of the wrong type (e.g. 1.5 into a count)
 *   even if a bug slips past zod.
 * - `_deleted` on every entity table: deletes are tombstones (see write.ts), so rows are
 *   never physically removed and foreign keys can never dangle.
 * - Foreign keys are DEFERRABLE INITIALLY DEFERRED: checked at COMMIT, so a multi-op
 *   write (or a sync batch) may create a child before its parent.
 * - Small rows with text keys are WITHOUT ROWID (clustered on the key: no separate key
 *   index, faster bulk inserts). Rows that may be large (zone geometry, long texts) stay
 *   rowid tables, as SQLite recommends.
 */
export const m001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      PRAGMA application_id = 1396785729; -- 0x53414241 'SABA': marks a Sa Bàn database file

      CREATE TABLE meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL -- JSON
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE admin_units (
        code        TEXT PRIMARY KEY NOT NULL,
        level       TEXT NOT NULL,
        type        TEXT NOT NULL,
        name        TEXT NOT NULL,
        full_name   TEXT NOT NULL,
        name_ascii  TEXT NOT NULL,
        parent_code TEXT REFERENCES admin_units(code) DEFERRABLE INITIALLY DEFERRED,
        population  INTEGER NOT NULL,
        area_km2    REAL,
        _deleted    INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX admin_units_parent ON admin_units(parent_code);

      CREATE TABLE facilities (
        id                 TEXT PRIMARY KEY NOT NULL,
        name               TEXT NOT NULL,
        kind               TEXT NOT NULL,
        tier               INTEGER NOT NULL,
        unit_code          TEXT NOT NULL REFERENCES admin_units(code) DEFERRABLE INITIALLY DEFERRED,
        at_industrial_park INTEGER NOT NULL,
        lon                REAL,
        lat                REAL,
        beds               INTEGER NOT NULL,
        icu_beds           INTEGER NOT NULL,
        oxygen_outlets     INTEGER NOT NULL,
        ventilators        INTEGER NOT NULL,
        home_f0_capacity   INTEGER,
        osm_id             TEXT,
        active             INTEGER NOT NULL,
        note               TEXT NOT NULL,
        _deleted           INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX facilities_unit ON facilities(unit_code);

      CREATE TABLE facility_status (
        id                 TEXT PRIMARY KEY NOT NULL,
        facility_id        TEXT NOT NULL REFERENCES facilities(id) DEFERRABLE INITIALLY DEFERRED,
        reported_at        TEXT NOT NULL,
        beds_occupied      INTEGER NOT NULL,
        icu_occupied       INTEGER NOT NULL,
        oxygen_in_use      INTEGER NOT NULL,
        ventilators_in_use INTEGER NOT NULL,
        admissions         INTEGER NOT NULL,
        discharges         INTEGER NOT NULL,
        transfers_up       INTEGER NOT NULL,
        transfers_down     INTEGER NOT NULL,
        deaths             INTEGER NOT NULL,
        home_f0_followed   INTEGER,
        _deleted           INTEGER NOT NULL DEFAULT 0
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX facility_status_facility_time ON facility_status(facility_id, reported_at);

      CREATE TABLE case_reports (
        id                 TEXT PRIMARY KEY NOT NULL, -- natural key unit_code:date
        unit_code          TEXT NOT NULL REFERENCES admin_units(code) DEFERRABLE INITIALLY DEFERRED,
        date               TEXT NOT NULL,
        new_community      INTEGER NOT NULL,
        new_quarantined    INTEGER NOT NULL,
        f0_home            INTEGER NOT NULL,
        f0_facility        INTEGER NOT NULL,
        f1_home_quarantine INTEGER NOT NULL,
        need_oxygen        INTEGER NOT NULL,
        recovered          INTEGER NOT NULL,
        deaths             INTEGER NOT NULL,
        tests              INTEGER NOT NULL,
        _deleted           INTEGER NOT NULL DEFAULT 0
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX case_reports_date_unit ON case_reports(date, unit_code);
      CREATE UNIQUE INDEX case_reports_unit_date ON case_reports(unit_code, date);

      CREATE TABLE vaccinations (
        id            TEXT PRIMARY KEY NOT NULL, -- natural key unit_code:date
        unit_code     TEXT NOT NULL REFERENCES admin_units(code) DEFERRABLE INITIALLY DEFERRED,
        date          TEXT NOT NULL,
        adult_dose1   INTEGER NOT NULL,
        adult_dose2   INTEGER NOT NULL,
        adult_booster INTEGER NOT NULL,
        senior_dose2  INTEGER NOT NULL,
        teen_dose1    INTEGER NOT NULL,
        teen_dose2    INTEGER NOT NULL,
        child_dose1   INTEGER NOT NULL,
        child_dose2   INTEGER NOT NULL,
        _deleted      INTEGER NOT NULL DEFAULT 0
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX vaccinations_date_unit ON vaccinations(date, unit_code);
      CREATE UNIQUE INDEX vaccinations_unit_date ON vaccinations(unit_code, date);

      CREATE TABLE zones (
        id         TEXT PRIMARY KEY NOT NULL,
        kind       TEXT NOT NULL,
        name       TEXT NOT NULL,
        unit_code  TEXT NOT NULL REFERENCES admin_units(code) DEFERRABLE INITIALLY DEFERRED,
        geometry   TEXT NOT NULL, -- GeoJSON
        start_date TEXT NOT NULL,
        end_date   TEXT,
        note       TEXT NOT NULL,
        _deleted   INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX zones_unit ON zones(unit_code);
      CREATE INDEX zones_dates ON zones(start_date, end_date);

      CREATE TABLE directives (
        id          TEXT PRIMARY KEY NOT NULL,
        code        TEXT NOT NULL,
        title       TEXT NOT NULL,
        issuer      TEXT NOT NULL,
        issued_date TEXT NOT NULL,
        groups      TEXT NOT NULL, -- JSON array of {key, title}
        _deleted    INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE tasks (
        id                 TEXT PRIMARY KEY NOT NULL,
        kind               TEXT NOT NULL,
        title              TEXT NOT NULL,
        description        TEXT NOT NULL,
        directive_id       TEXT REFERENCES directives(id) DEFERRABLE INITIALLY DEFERRED,
        group_key          TEXT,
        assignee_org       TEXT NOT NULL,
        assignee_unit_code TEXT REFERENCES admin_units(code) DEFERRABLE INITIALLY DEFERRED,
        head_name          TEXT NOT NULL,
        head_position      TEXT NOT NULL,
        place_type         TEXT NOT NULL,
        place_unit_code    TEXT REFERENCES admin_units(code) DEFERRABLE INITIALLY DEFERRED,
        place_facility_id  TEXT REFERENCES facilities(id) DEFERRABLE INITIALLY DEFERRED,
        place_lon          REAL,
        place_lat          REAL,
        priority           TEXT NOT NULL,
        status             TEXT NOT NULL,
        due_date           TEXT,
        parent_task_id     TEXT REFERENCES tasks(id) DEFERRABLE INITIALLY DEFERRED,
        findings           TEXT NOT NULL,
        created_at         TEXT NOT NULL,
        _deleted           INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX tasks_status_due ON tasks(status, due_date);
      CREATE INDEX tasks_due ON tasks(due_date);
      CREATE INDEX tasks_directive ON tasks(directive_id, group_key);
      CREATE INDEX tasks_assignee_unit ON tasks(assignee_unit_code);
      CREATE INDEX tasks_parent ON tasks(parent_task_id);

      CREATE TABLE task_updates (
        id          TEXT PRIMARY KEY NOT NULL,
        task_id     TEXT NOT NULL REFERENCES tasks(id) DEFERRABLE INITIALLY DEFERRED,
        kind        TEXT NOT NULL,
        text        TEXT NOT NULL,
        from_status TEXT,
        to_status   TEXT,
        author      TEXT NOT NULL,
        at          TEXT NOT NULL,
        _deleted    INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX task_updates_task_at ON task_updates(task_id, at);

      CREATE TABLE users (
        id             TEXT PRIMARY KEY NOT NULL,
        username       TEXT NOT NULL,
        display_name   TEXT NOT NULL,
        role           TEXT NOT NULL,
        district_codes TEXT NOT NULL, -- JSON array of unit codes
        has_password   INTEGER NOT NULL,
        active         INTEGER NOT NULL,
        _deleted       INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      -- Partial: a deleted user's name can be reused.
      CREATE UNIQUE INDEX users_username ON users(username COLLATE NOCASE) WHERE _deleted = 0;

      -- The change log: audit trail and sync outbox. One row per changed field.
      -- AUTOINCREMENT so a seq is never reused even if the log is pruned: sync cursors
      -- ("sent up to seq N") stay valid.
      CREATE TABLE changes (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        entity    TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        field     TEXT NOT NULL, -- domain field name, or _created / _deleted
        value     TEXT NOT NULL, -- JSON of the new domain value
        hlc       TEXT NOT NULL,
        site_id   TEXT NOT NULL, -- site that made the change (≠ ours: received by sync)
        user_id   TEXT,
        op_id     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX changes_hlc ON changes(hlc);

      -- Winning stamp per field (incl. _deleted): what per-field last-writer-wins
      -- compares an incoming remote change against.
      CREATE TABLE field_versions (
        entity    TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        field     TEXT NOT NULL,
        hlc       TEXT NOT NULL,
        site_id   TEXT NOT NULL,
        PRIMARY KEY (entity, entity_id, field)
      ) STRICT, WITHOUT ROWID;

      -- One row per write call: idempotency (an op id is applied at most once) and the
      -- contiguous seq range of its change rows.
      CREATE TABLE ops (
        op_id        TEXT PRIMARY KEY NOT NULL,
        site_id      TEXT NOT NULL,
        user_id      TEXT,
        hlc          TEXT NOT NULL, -- stamp of the op's first change
        change_count INTEGER NOT NULL,
        first_seq    INTEGER,
        last_seq     INTEGER
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
