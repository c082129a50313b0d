/* reseau-database-schema.c — the schema and its migrations
 *
 * Each step brings the schema from version N-1 to N inside one transaction,
 * so that a crash leaves the file at one version or the next, never between.
 * Never edit a step once released: add a new one, and a fixture of the old
 * version under tests/data/ so that test-migrations covers it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reseau-database-private.h"
#include "reseau-error.h"

/* Version 1: contacts, their repeated values, addresses, tags and the search
 * index. The index is an FTS5 table over text already folded by
 * reseau_text_fold(), so that "Élodie", "elodie" and "ELODIE" all match; it
 * keeps no positions (detail=none) because search only asks for prefixes, and
 * it indexes prefixes of one to three letters so that the first keystrokes
 * are as fast as the later ones. */
static const char schema_v1[] =
  "CREATE TABLE contacts ("
  "  id               INTEGER PRIMARY KEY,"
  "  uid              TEXT NOT NULL UNIQUE,"
  "  kind             INTEGER NOT NULL DEFAULT 0 CHECK (kind IN (0, 1)),"
  "  full_name        TEXT,"
  "  prefix           TEXT,"
  "  given_name       TEXT,"
  "  additional_names TEXT,"
  "  family_name      TEXT,"
  "  suffix           TEXT,"
  "  nickname         TEXT,"
  "  organization     TEXT,"
  "  title            TEXT,"
  "  display_name     TEXT NOT NULL,"
  "  sort_key         TEXT NOT NULL,"
  "  subtitle         TEXT,"
  "  birthday_year    INTEGER NOT NULL DEFAULT 0,"
  "  birthday_month   INTEGER NOT NULL DEFAULT 0,"
  "  birthday_day     INTEGER NOT NULL DEFAULT 0,"
  "  note             TEXT,"
  "  photo            BLOB,"
  "  how_met          TEXT,"
  "  met_on           TEXT,"
  "  introduced_by    INTEGER REFERENCES contacts (id) ON DELETE SET NULL,"
  "  cadence_days     INTEGER NOT NULL DEFAULT 0 CHECK (cadence_days >= 0),"
  "  created_at       INTEGER NOT NULL,"
  "  updated_at       INTEGER NOT NULL,"
  "  trashed_at       INTEGER,"
  "  vcard            TEXT"
  ");"
  "CREATE INDEX contacts_by_sort_key ON contacts (sort_key, id) WHERE trashed_at IS NULL;"
  "CREATE INDEX contacts_by_introducer ON contacts (introduced_by);"
  "CREATE INDEX contacts_in_trash ON contacts (trashed_at) WHERE trashed_at IS NOT NULL;"
  "CREATE TABLE contact_values ("
  "  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  field      INTEGER NOT NULL CHECK (field IN (0, 1, 2)),"
  "  position   INTEGER NOT NULL,"
  "  label      TEXT,"
  "  value      TEXT NOT NULL,"
  "  PRIMARY KEY (contact_id, field, position)"
  ") WITHOUT ROWID;"
  "CREATE INDEX contact_values_by_value ON contact_values (field, value);"
  "CREATE TABLE contact_addresses ("
  "  contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  position    INTEGER NOT NULL,"
  "  label       TEXT,"
  "  po_box      TEXT,"
  "  extended    TEXT,"
  "  street      TEXT,"
  "  locality    TEXT,"
  "  region      TEXT,"
  "  postal_code TEXT,"
  "  country     TEXT,"
  "  PRIMARY KEY (contact_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE tags ("
  "  id   INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE"
  ");"
  "CREATE TABLE contact_tags ("
  "  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  position   INTEGER NOT NULL,"
  "  PRIMARY KEY (contact_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX contact_tags_by_tag ON contact_tags (tag_id);"
  "CREATE VIRTUAL TABLE contacts_search USING fts5 ("
  "  body,"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '1 2 3',"
  "  detail = none,"
  "  columnsize = 0"
  ");";

/* Version 2: the contact list reads only the summary columns, in sort
 * order, for every live contact. An index holding exactly those columns
 * lets SQLite read them in one ordered pass over a small index instead of
 * visiting every row of a table whose rows carry notes and photos (at
 * 100,000 contacts: 46 ms instead of 140 ms). */
static const char schema_v2[] =
  "DROP INDEX contacts_by_sort_key;"
  "CREATE INDEX contacts_list ON contacts (sort_key, id, uid, display_name, subtitle, kind)"
  "  WHERE trashed_at IS NULL;";

/* Version 3: the role held in an organization and an anniversary, beside
 * the title and the birthday (vCard ROLE and ANNIVERSARY). Existing rows have
 * neither, so the search index needs no rebuild.
 *
 * Undoing a merge must point the contacts that the absorbed contact had
 * introduced back to it: merged_introductions remembers who was repointed,
 * until the absorbed contact leaves the trash for good.
 *
 * Nothing ever looked values up through contact_values_by_value (matching
 * and duplicates work on reseau_database_list_contact_keys() in memory),
 * yet every email and phone paid for it: 10 of the 134 MB of 100,000
 * imported cards, and about a quarter of the time it took to write them.
 * Most contacts were introduced by nobody: the index of introducers needs
 * no entry for them (a lookup by introducer implies one). */
static const char schema_v3[] =
  "ALTER TABLE contacts ADD COLUMN role TEXT;"
  "ALTER TABLE contacts ADD COLUMN anniversary_year INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE contacts ADD COLUMN anniversary_month INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE contacts ADD COLUMN anniversary_day INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE merged_introductions ("
  "  absorbed_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (absorbed_id, contact_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX merged_introductions_by_contact ON merged_introductions (contact_id);"
  "DROP INDEX contact_values_by_value;"
  "DROP INDEX contacts_by_introducer;"
  "CREATE INDEX contacts_by_introducer ON contacts (introduced_by)"
  "  WHERE introduced_by IS NOT NULL;";

/* Version 4: two-way CardDAV sync (see reseau-database-sync.h).
 *
 * Every save raises a contact's revision; a synced card remembers the
 * revision its base matches, so that "edited here since the last sync" is
 * one comparison, and an edit made during a sync is never mistaken for
 * the sync's own write. Existing contacts start at 0: none is synced yet.
 *
 * The password is never stored here: it lives in the keyring only.
 * Removing an account removes its books and their synced cards, never the
 * contacts. One UID may sit at two hrefs of a book (Xandikos accepts it),
 * so synced_cards is keyed by href and only indexed by UID. A conflict
 * belongs to its contact and goes with it. */
static const char schema_v4[] =
  "ALTER TABLE contacts ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE accounts ("
  "  id           INTEGER PRIMARY KEY,"
  "  server       TEXT NOT NULL,"
  "  user         TEXT NOT NULL,"
  "  created_at   INTEGER NOT NULL,"
  "  last_sync_at INTEGER NOT NULL DEFAULT 0,"
  "  last_error   TEXT,"
  "  UNIQUE (server, user)"
  ");"
  "CREATE TABLE address_books ("
  "  id                       INTEGER PRIMARY KEY,"
  "  account_id               INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  url                      TEXT NOT NULL,"
  "  display_name             TEXT,"
  "  enabled                  INTEGER NOT NULL DEFAULT 1,"
  "  ctag                     TEXT,"
  "  sync_token               TEXT,"
  "  supports_sync_collection INTEGER NOT NULL DEFAULT 0,"
  "  vcard_version            INTEGER NOT NULL DEFAULT 30,"
  "  read_only                INTEGER NOT NULL DEFAULT 0,"
  "  max_resource_size        INTEGER NOT NULL DEFAULT 0,"
  "  initial_sync_done        INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (account_id, url)"
  ");"
  "CREATE TABLE synced_cards ("
  "  book_id  INTEGER NOT NULL REFERENCES address_books (id) ON DELETE CASCADE,"
  "  href     TEXT NOT NULL,"
  "  uid      TEXT NOT NULL,"
  "  etag     TEXT,"
  "  base     TEXT NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  PRIMARY KEY (book_id, href)"
  ") WITHOUT ROWID;"
  "CREATE INDEX synced_cards_by_uid ON synced_cards (uid);"
  "CREATE TABLE contact_conflicts ("
  "  id           INTEGER PRIMARY KEY,"
  "  contact_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  property     TEXT NOT NULL,"
  "  local_value  TEXT,"
  "  server_value TEXT,"
  "  local_lines  TEXT NOT NULL,"
  "  created_at   INTEGER NOT NULL"
  ");"
  "CREATE INDEX contact_conflicts_by_contact ON contact_conflicts (contact_id);";

/* Version 5: relationships (see reseau-database-relations.h). None of it
 * is part of a contact's card: CardDAV sync never sees these tables.
 *
 * Time of an interaction: occurred_at is the instant in UTC seconds, which
 * orders the timeline and pages it without ambiguity (the hour repeated when
 * clocks go back in October is two different instants); occurred_on is the
 * local calendar day it happened on, fixed when it is written. Day grouping,
 * due dates and strength work on that day, in calendar days, never on
 * seconds: 30 days after 1 March is 31 March whether or not the clocks
 * changed in between, and moving to another time zone does not move past
 * interactions to another day.
 *
 * contact_activity keeps, per contact, the day of its latest live
 * interaction and the strength "mass" on that day, rewritten with every
 * change to its interactions: the follow-up view and the strength of
 * 100,000 contacts are then one pass over a small table instead of a
 * search through a million interactions. Trashed interactions (deleted_at,
 * for Undo) count for nothing. It also holds the snooze of a contact's
 * cadence follow-up, which the next logged interaction clears (a contact
 * snoozed before any interaction has a row without a last day).
 *
 * contacts_followup holds what the follow-ups read of every live contact,
 * so that computing them reads a small index instead of every contact's
 * whole row (at 100,000 contacts, about 200 ms instead of 600).
 *
 * The notes' index is an external-content FTS5 table over interactions.note
 * kept by triggers; unicode61 ignores case and accents by itself.
 *
 * A mandate comes from a referral, an event or directly; a referral whose
 * outcome is "won" has exactly one mandate (mandates.referral_id UNIQUE). */
static const char schema_v5[] =
  "CREATE TABLE interactions ("
  "  id          INTEGER PRIMARY KEY,"
  "  kind        INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 8),"
  "  occurred_at INTEGER NOT NULL,"
  "  occurred_on TEXT NOT NULL,"
  "  direction   INTEGER NOT NULL DEFAULT 2 CHECK (direction BETWEEN 0 AND 2),"
  "  note        TEXT,"
  "  created_at  INTEGER NOT NULL,"
  "  updated_at  INTEGER NOT NULL,"
  "  deleted_at  INTEGER"
  ");"
  "CREATE INDEX interactions_timeline ON interactions (occurred_at, id)"
  "  WHERE deleted_at IS NULL;"
  "CREATE INDEX interactions_deleted ON interactions (deleted_at)"
  "  WHERE deleted_at IS NOT NULL;"
  "CREATE TABLE interaction_participants ("
  "  contact_id     INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  interaction_id INTEGER NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (contact_id, interaction_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX interaction_participants_by_interaction"
  "  ON interaction_participants (interaction_id);"
  "CREATE TABLE contact_activity ("
  "  contact_id   INTEGER PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,"
  "  last_at       INTEGER,"
  "  last_on       TEXT,"
  "  strength_raw  REAL NOT NULL DEFAULT 0,"
  "  snoozed_until TEXT"
  ");"
  "CREATE INDEX contacts_followup ON contacts"
  "  (id, cadence_days, met_on, created_at, uid, display_name) WHERE trashed_at IS NULL;"
  "CREATE VIRTUAL TABLE interactions_search USING fts5 ("
  "  note,"
  "  content = 'interactions',"
  "  content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  detail = none"
  ");"
  "CREATE TRIGGER interactions_search_insert AFTER INSERT ON interactions"
  "  WHEN new.note IS NOT NULL BEGIN"
  "  INSERT INTO interactions_search (rowid, note) VALUES (new.id, new.note);"
  "END;"
  "CREATE TRIGGER interactions_search_delete AFTER DELETE ON interactions"
  "  WHEN old.note IS NOT NULL BEGIN"
  "  INSERT INTO interactions_search (interactions_search, rowid, note)"
  "    VALUES ('delete', old.id, old.note);"
  "END;"
  "CREATE TRIGGER interactions_search_update AFTER UPDATE OF note ON interactions BEGIN"
  "  INSERT INTO interactions_search (interactions_search, rowid, note)"
  "    SELECT 'delete', old.id, old.note WHERE old.note IS NOT NULL;"
  "  INSERT INTO interactions_search (rowid, note)"
  "    SELECT new.id, new.note WHERE new.note IS NOT NULL;"
  "END;"
  "CREATE TABLE tag_cadences ("
  "  tag_id INTEGER PRIMARY KEY REFERENCES tags (id) ON DELETE CASCADE,"
  "  days   INTEGER NOT NULL CHECK (days > 0)"
  ");"
  "CREATE TABLE reminders ("
  "  id            INTEGER PRIMARY KEY,"
  "  contact_id    INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  due_on        TEXT NOT NULL,"
  "  note          TEXT NOT NULL,"
  "  created_at    INTEGER NOT NULL,"
  "  done_at       INTEGER,"
  "  snoozed_until TEXT"
  ");"
  "CREATE INDEX reminders_open ON reminders (contact_id) WHERE done_at IS NULL;"
  "CREATE TABLE events ("
  "  id         INTEGER PRIMARY KEY,"
  "  name       TEXT NOT NULL,"
  "  held_on    TEXT NOT NULL,"
  "  place      TEXT,"
  "  link       TEXT,"
  "  format     INTEGER NOT NULL DEFAULT 0 CHECK (format BETWEEN 0 AND 2),"
  "  theme      TEXT,"
  "  note       TEXT,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX events_by_day ON events (held_on, id);"
  "CREATE TABLE event_attendees ("
  "  event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,"
  "  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  met_there  INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (event_id, contact_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX event_attendees_by_contact ON event_attendees (contact_id);"
  "CREATE TABLE referrals ("
  "  id                  INTEGER PRIMARY KEY,"
  "  direction           INTEGER NOT NULL CHECK (direction IN (0, 1)),"
  "  person_id           INTEGER REFERENCES contacts (id) ON DELETE SET NULL,"
  "  to_id               INTEGER REFERENCES contacts (id) ON DELETE SET NULL,"
  "  subject             TEXT,"
  "  referred_on         TEXT NOT NULL,"
  "  recorded_on         TEXT NOT NULL,"
  "  outcome             INTEGER NOT NULL DEFAULT 0 CHECK (outcome BETWEEN 0 AND 2),"
  "  value_cents         INTEGER NOT NULL DEFAULT 0,"
  "  currency            TEXT,"
  "  thanked             INTEGER NOT NULL DEFAULT 0,"
  "  thank_snoozed_until TEXT,"
  "  created_at          INTEGER NOT NULL"
  ");"
  "CREATE INDEX referrals_by_person ON referrals (person_id);"
  "CREATE INDEX referrals_by_to ON referrals (to_id);"
  "CREATE INDEX referrals_unthanked ON referrals (person_id)"
  "  WHERE direction = 0 AND thanked = 0;"
  "CREATE TABLE mandates ("
  "  id          INTEGER PRIMARY KEY,"
  "  title       TEXT NOT NULL,"
  "  client_id   INTEGER REFERENCES contacts (id) ON DELETE SET NULL,"
  "  started_on  TEXT NOT NULL,"
  "  source      INTEGER NOT NULL CHECK (source BETWEEN 0 AND 2),"
  "  referral_id INTEGER UNIQUE REFERENCES referrals (id) ON DELETE CASCADE,"
  "  event_id    INTEGER REFERENCES events (id) ON DELETE SET NULL,"
  "  value_cents INTEGER NOT NULL DEFAULT 0,"
  "  currency    TEXT,"
  "  created_at  INTEGER NOT NULL"
  ");";

/* Version 6: the follow-ups' due dates are stored, the network map's
 * positions, and what a merge moved.
 *
 * Every contact has a contact_activity row. Beside the latest interaction
 * it holds the resolved cadence, the due date of the cadence follow-up
 * (snooze included; NULL without a cadence or for a trashed contact) and
 * the day its strength falls below the cooling-down threshold (NULL when
 * it never was above it). Both are rewritten whenever what they depend on
 * changes — interactions, the contact's cadence, met-on day and tags, a
 * tag's cadence, the default cadence (kept in settings) or a snooze — so
 * that the Follow-up view reads each group as a range of an index instead
 * of computing 100,000 due dates (the indexes hold every column a group's
 * condition reads, so counting a group never visits the table). The migration leaves due_on empty and
 * the default cadence unknown: the first listing then computes them all.
 *
 * network_positions keeps where the map left each node, by the node's key
 * (see reseau-network.h), so that the map opens as it was.
 *
 * A merge gives the kept contact the absorbed one's interactions, event
 * attendances, referrals, reminders and mandates. Undoing it must give back
 * those rows and no other: merged_links remembers each of them (kind says
 * which table and how, see reseau-database.c; row_id is the interaction,
 * event, referral, reminder or mandate), until the absorbed contact leaves
 * the trash for good, as merged_introductions does for introductions. An
 * attendance both had becomes one row: met_there keeps the absorbed
 * contact's own, for the undo to restore. */
static const char schema_v6[] =
  "ALTER TABLE contact_activity ADD COLUMN cadence_days INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE contact_activity ADD COLUMN due_on TEXT;"
  "ALTER TABLE contact_activity ADD COLUMN cooling_on TEXT;"
  "INSERT OR IGNORE INTO contact_activity (contact_id) SELECT id FROM contacts;"
  /* Version 5 made a mandate of a won referral given too: that work is
   * the recommended person's, not the user's. */
  "DELETE FROM mandates WHERE referral_id IN (SELECT id FROM referrals WHERE direction = 1);"
  "UPDATE contact_activity SET cooling_on = reseau_cooling_on (strength_raw, last_on)"
  "  WHERE last_on IS NOT NULL;"
  "CREATE INDEX contact_activity_due ON contact_activity (due_on, cooling_on, snoozed_until)"
  "  WHERE due_on IS NOT NULL;"
  "CREATE INDEX contact_activity_cooling ON contact_activity (due_on, cooling_on, snoozed_until)"
  "  WHERE cooling_on IS NOT NULL;"
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value"
  ") WITHOUT ROWID;"
  "CREATE TABLE network_positions ("
  "  node_key TEXT PRIMARY KEY,"
  "  x        REAL NOT NULL,"
  "  y        REAL NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE merged_links ("
  "  absorbed_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  kind        INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 8),"
  "  row_id      INTEGER NOT NULL,"
  "  met_there   INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (absorbed_id, kind, row_id)"
  ") WITHOUT ROWID;";

static const char * const migrations[] = {
  schema_v1,
  schema_v2,
  schema_v3,
  schema_v4,
  schema_v5,
  schema_v6,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RESEAU_DATABASE_SCHEMA_VERSION);

gboolean
reseau_database_read_pragma (sqlite3     *db,
                             const char  *pragma,
                             int         *value,
                             GError     **error)
{
  g_autofree char *sql = g_strconcat ("PRAGMA ", pragma, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      reseau_database_set_sqlite_error (error, db, rc, sqlite3_db_filename (db, "main"));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return TRUE;
}

gboolean
reseau_database_schema_read_version (sqlite3  *db,
                                     int      *version,
                                     GError  **error)
{
  return reseau_database_read_pragma (db, "user_version", version, error);
}

static gboolean
run_step (sqlite3     *db,
          int          to_version,
          const char  *sql,
          GError     **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", to_version);
  int rc;

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  /* The version is an integer we control, not user text. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, set_version, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      reseau_database_set_sqlite_error (error, db, rc, sqlite3_db_filename (db, "main"));
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
reseau_database_schema_migrate (sqlite3  *db,
                                int       from_version,
                                GError  **error)
{
  g_return_val_if_fail (from_version >= 0, FALSE);
  g_return_val_if_fail (from_version <= RESEAU_DATABASE_SCHEMA_VERSION, FALSE);

  for (int version = from_version + 1; version <= RESEAU_DATABASE_SCHEMA_VERSION; version++)
    {
      g_debug ("Migrating the database to schema version %d", version);
      if (!run_step (db, version, migrations[version - 1], error))
        return FALSE;
    }

  return TRUE;
}
