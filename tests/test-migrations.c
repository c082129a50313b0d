/* test-migrations.c — opening databases of every schema version
 *
 * For each earlier schema version N there is a fixture tests/data/reseau-vN.sql
 * written by that version. Opening it must bring it to the current version
 * with every contact intact, after taking a copy of the old file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "reseau-core.h"
#include "reseau-test-utils.h"

/* The value of a PRAGMA that reads an integer, such as user_version. */
static int
read_pragma (const char *path,
             const char *pragma)
{
  g_autofree char *sql = g_strconcat ("PRAGMA ", pragma, NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static int
read_user_version (const char *path)
{
  return read_pragma (path, "user_version");
}

/* Every table, index and trigger, as SQL text, in name order. */
static char *
read_schema (const char *path)
{
  GString *schema = g_string_new (NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema"
                                           " ORDER BY type, name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (schema, "%s %s: %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (schema, FALSE);
}

static char *
read_fresh_schema (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(ReseauDatabase) database = reseau_database_new (path);
  g_autoptr(GError) error = NULL;
  char *schema;

  g_assert_true (reseau_database_open (database, &error));
  g_assert_no_error (error);
  g_clear_object (&database);
  schema = read_schema (path);
  reseau_test_remove_tree (dir);

  return schema;
}

static void
assert_usable (ReseauDatabase *database,
               guint           n_contacts)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;

  summaries = reseau_database_list_summaries (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, n_contacts);

  reseau_contact_set_full_name (contact, "Migration Réussie");
  g_assert_true (reseau_database_save_contact (database, contact, &error));
  g_assert_no_error (error);
  found = reseau_database_search (database, "reussie", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
}

static void
test_from_nothing (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = reseau_database_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (reseau_database_open (database, &error));
  g_assert_no_error (error);
  assert_usable (database, 0);
  g_clear_object (&database);

  g_assert_cmpint (read_user_version (path), ==, RESEAU_DATABASE_SCHEMA_VERSION);
  /* A new file gets the bigger pages (see configure_connection()). */
  g_assert_cmpint (read_pragma (path, "page_size"), ==, 16384);

  reseau_test_remove_tree (dir);
}

static void
test_from_empty_file (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autofree char *backup = g_strconcat (path, ".bak-v0", NULL);
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  database = reseau_database_new (path);
  g_assert_true (reseau_database_open (database, &error));
  g_assert_no_error (error);
  assert_usable (database, 0);
  g_clear_object (&database);

  g_assert_cmpint (read_user_version (path), ==, RESEAU_DATABASE_SCHEMA_VERSION);
  /* Nothing to keep in an empty file: no copy. */
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  reseau_test_remove_tree (dir);
}

static void
load_fixture (const char *path,
              int         version)
{
  g_autofree char *name = g_strdup_printf ("reseau-v%d.sql", version);
  g_autofree char *fixture = g_build_filename (TEST_DATA_DIR, name, NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_file_get_contents (fixture, &sql, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (read_user_version (path), ==, version);
}

static void
test_from_version (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autofree char *backup = g_strdup_printf ("%s.bak-v%d", path, version);
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  int page_size;

  load_fixture (path, version);
  page_size = read_pragma (path, "page_size");

  database = reseau_database_new (path);
  g_assert_true (reseau_database_open (database, &error));
  g_assert_no_error (error);
  assert_usable (database, 12);
  g_clear_object (&database);

  g_assert_cmpint (read_user_version (path), ==, RESEAU_DATABASE_SCHEMA_VERSION);
  /* An existing file keeps its pages: changing them means rewriting it. */
  g_assert_cmpint (read_pragma (path, "page_size"), ==, page_size);
  {
    /* Upgraded step by step, it ends exactly where a new database starts. */
    g_autofree char *migrated = read_schema (path);
    g_autofree char *fresh = read_fresh_schema ();

    g_assert_cmpstr (migrated, ==, fresh);
  }
  if (version < RESEAU_DATABASE_SCHEMA_VERSION)
    {
      /* The copy holds the data as it was, at its old version. */
      g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
      g_assert_cmpint (read_user_version (backup), ==, version);
    }
  else
    g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  reseau_test_remove_tree (dir);
}

/* The data of a version-2 database comes through a migration to version 3
 * field by field, and the new fields start empty. */
static void
test_v2_data_kept (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(ReseauContact) adama = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;
  ReseauAddress *address;
  GPtrArray *values;
  int year, month, day;

  load_fixture (path, 2);
  database = reseau_database_new (path);
  g_assert_true (reseau_database_open (database, &error));
  g_assert_no_error (error);

  adama = reseau_database_load_contact (database, "urn:uuid:2f804814-e320-44d5-b218-55b3ad268648",
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (reseau_contact_get_id (adama), ==, 2);
  g_assert_cmpstr (reseau_contact_get_display_name (adama), ==, "Adama N'Diaye");
  g_assert_cmpstr (reseau_contact_get_given_name (adama), ==, "Adama");
  g_assert_cmpstr (reseau_contact_get_family_name (adama), ==, "N'Diaye");
  g_assert_cmpstr (reseau_contact_get_organization (adama), ==, "Sillon Conseil");
  g_assert_cmpstr (reseau_contact_get_title (adama), ==, "Chef de projet digital");
  g_assert_true (reseau_contact_get_birthday (adama, &year, &month, &day));
  g_assert_cmpint (year, ==, 1986);
  g_assert_cmpint (month, ==, 8);
  g_assert_cmpint (day, ==, 12);
  g_assert_cmpstr (reseau_contact_get_met_on (adama), ==, "2025-10-27");
  g_assert_cmpstr (reseau_contact_get_introduced_by (adama), ==,
                   "urn:uuid:fd703971-f4d1-46e3-a2fb-3e839eccab7c");
  g_assert_cmpint (reseau_contact_get_created_at (adama), ==, 1795372658);

  values = reseau_contact_get_values (adama, RESEAU_FIELD_EMAIL);
  g_assert_cmpuint (values->len, ==, 2);
  g_assert_cmpstr (((ReseauLabeledValue *) values->pdata[0])->value, ==,
                   "adama.ndiaye@sillon-conseil.fr");
  g_assert_cmpstr (((ReseauLabeledValue *) values->pdata[1])->label, ==, "home");
  values = reseau_contact_get_values (adama, RESEAU_FIELD_PHONE);
  g_assert_cmpuint (values->len, ==, 1);
  g_assert_cmpstr (((ReseauLabeledValue *) values->pdata[0])->value, ==, "07 74 37 00 36");
  g_assert_cmpuint (reseau_contact_get_values (adama, RESEAU_FIELD_URL)->len, ==, 1);
  g_assert_cmpuint (reseau_contact_get_addresses (adama)->len, ==, 1);
  address = g_ptr_array_index (reseau_contact_get_addresses (adama), 0);
  g_assert_cmpstr (address->locality, ==, "Montréal");
  g_assert_cmpstr (address->postal_code, ==, "H2T 1S6");
  g_assert_cmpuint (reseau_contact_get_tags (adama)->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (reseau_contact_get_tags (adama), 0), ==, "Meetup");
  g_assert_cmpstr (g_ptr_array_index (reseau_contact_get_tags (adama), 1), ==, "Mentor");

  g_assert_null (reseau_contact_get_role (adama));
  g_assert_false (reseau_contact_get_anniversary (adama, &year, &month, &day));

  /* The old search index still answers, and takes the new fields. */
  found = reseau_database_search (database, "sillon adam", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, 2);

  reseau_contact_set_role (adama, "Référent qualité");
  g_assert_true (reseau_contact_set_anniversary (adama, 2012, 5, 5));
  g_assert_true (reseau_database_save_contact (database, adama, &error));
  g_assert_no_error (error);
  g_clear_pointer (&found, g_array_unref);
  found = reseau_database_search (database, "referent", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  g_clear_object (&database);
  reseau_test_remove_tree (dir);
}

/* Contacts of a version-3 database were never synced: after the step to
 * version 4 they start at revision 0, are all waiting to go up to a first
 * account, and the next save raises them like any other. */
static void
test_v3_to_v4_revisions (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(ReseauContact) capucine = NULL;
  g_autoptr(ReseauLocalChanges) changes = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  load_fixture (path, 3);
  database = reseau_database_new (path);
  g_assert_true (reseau_database_open (database, &error));
  g_assert_no_error (error);

  capucine = reseau_database_load_contact (database, "urn:uuid:f4e2a53f-e5bb-4063-b8ce-22a508307929",
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpint (reseau_contact_get_revision (capucine), ==, 0);
  g_assert_cmpint (reseau_database_get_contact_revision (database, reseau_contact_get_uid (capucine),
                                                         &error), ==, 0);
  g_assert_no_error (error);

  accounts = reseau_database_list_accounts (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 0);
  g_assert_cmpint (reseau_database_get_default_book_id (database, &error), ==, 0);
  g_assert_no_error (error);

  changes = reseau_database_list_local_changes (database, 1, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->created->len, ==, 12);
  g_assert_cmpuint (changes->changed->len, ==, 0);
  g_assert_cmpuint (changes->deleted->len, ==, 0);

  reseau_contact_set_title (capucine, "Gérante associée");
  g_assert_true (reseau_database_save_contact (database, capucine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reseau_contact_get_revision (capucine), ==, 1);

  g_clear_object (&database);
  reseau_test_remove_tree (dir);
}

/* What a version-4 database says about sync reads back through the API. */
static void
test_v4_sync_state_kept (void)
{
  const char *book_url = "https://dav.example.org/dav/addressbooks/camille/contacts/";
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(ReseauLocalChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  ReseauAccount *account;
  ReseauAddressBook *book;
  ReseauSyncedCard *card;
  ReseauConflict *conflict;

  load_fixture (path, 4);
  database = reseau_database_new (path);
  g_assert_true (reseau_database_open (database, &error));
  g_assert_no_error (error);

  accounts = reseau_database_list_accounts (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 1);
  account = g_ptr_array_index (accounts, 0);
  g_assert_cmpstr (account->server, ==, "https://dav.example.org/");
  g_assert_cmpstr (account->user, ==, "camille");
  g_assert_cmpint (account->last_sync_at, ==, 1795380000);
  g_assert_null (account->last_error);

  books = reseau_database_list_address_books (database, account->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (books->len, ==, 2);
  book = g_ptr_array_index (books, 0);
  g_assert_cmpstr (book->url, ==, book_url);
  g_assert_cmpstr (book->sync_token, ==, "http://dav.example.org/sync/42");
  g_assert_cmpstr (book->ctag, ==, "ctag-42");
  g_assert_true (book->supports_sync_collection);
  g_assert_true (book->initial_sync_done);
  g_assert_cmpint (book->max_resource_size, ==, 102400);
  g_assert_cmpint (book->vcard_version, ==, RESEAU_VCARD_VERSION_3_0);
  book = g_ptr_array_index (books, 1);
  g_assert_false (book->enabled);
  g_assert_true (book->read_only);
  g_assert_cmpint (reseau_database_get_default_book_id (database, &error), ==,
                   ((ReseauAddressBook *) g_ptr_array_index (books, 0))->id);
  g_assert_no_error (error);

  book = g_ptr_array_index (books, 0);
  cards = reseau_database_list_synced_cards (database, book->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 2);
  card = g_ptr_array_index (cards, 0);
  g_assert_true (g_str_has_suffix (card->href, "/capucine.vcf"));
  g_assert_cmpstr (card->etag, ==, "\"e-capucine-2\"");
  g_assert_true (g_str_has_prefix (card->base, "BEGIN:VCARD\r\n"));

  /* Clément was saved here after the sync; the others were never synced. */
  changes = reseau_database_list_local_changes (database, book->id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->created->len, ==, 10);
  g_assert_cmpuint (changes->changed->len, ==, 1);
  g_assert_cmpstr (reseau_contact_get_uid (g_ptr_array_index (changes->changed, 0)), ==,
                   "urn:uuid:8ef5544c-ddc1-4597-9132-e04652490635");
  g_assert_cmpuint (changes->deleted->len, ==, 0);

  conflicts = reseau_database_list_conflicts (database, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->uid, ==, "urn:uuid:f4e2a53f-e5bb-4063-b8ce-22a508307929");
  g_assert_cmpstr (conflict->property, ==, "NOTE");
  g_assert_cmpstr (conflict->local_value, ==, "Relancer en janvier pour le devis.");

  g_clear_object (&database);
  reseau_test_remove_tree (dir);
}

/* Version-4 contacts come through the step to version 5 with no
 * interaction, follow-up state or referral, and take new ones at once. */
static void
test_v4_to_v5_relations (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(ReseauInteraction) interaction = reseau_interaction_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) strengths = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  load_fixture (path, 4);
  database = reseau_database_new (path);
  g_assert_true (reseau_database_open (database, &error));
  g_assert_no_error (error);
  g_assert_true (reseau_date_from_string ("2026-11-18", &today));

  rows = reseau_database_timeline_page (database, NULL, 0, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  strengths = reseau_database_list_strengths (database, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strengths->len, ==, 0);

  reseau_interaction_add_participant (interaction, "urn:uuid:f4e2a53f-e5bb-4063-b8ce-22a508307929");
  g_assert_true (reseau_database_save_interaction (database, interaction, &error));
  g_assert_no_error (error);
  rows = reseau_database_timeline_page (database, NULL, 0, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((ReseauTimelineRow *) rows->pdata[0])->participants, ==, "Capucine Lemaître");

  g_clear_object (&database);
  reseau_test_remove_tree (dir);
}

/* What a version-5 database says about relationships reads back through
 * the API. */
static void
test_v5_relations_kept (void)
{
  const char *capucine = "urn:uuid:f4e2a53f-e5bb-4063-b8ce-22a508307929";
  const char *clement = "urn:uuid:8ef5544c-ddc1-4597-9132-e04652490635";
  const char *loic = "urn:uuid:756097ae-8486-48ec-ab30-02b6ddfd26be";
  ReseauTimelineFilter search = { -1, NULL, NULL, "oberkampf" };
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GHashTable) cadences = NULL;
  g_autoptr(GError) error = NULL;
  ReseauTimelineRow *row;
  ReseauReferralBalance balance;
  guint counts[3];
  GDate today, last;
  gboolean thanks = FALSE, reminder = FALSE;

  load_fixture (path, 5);
  database = reseau_database_new (path);
  g_assert_true (reseau_database_open (database, &error));
  g_assert_no_error (error);
  g_assert_true (reseau_date_from_string ("2026-11-18", &today));

  rows = reseau_database_timeline_page (database, NULL, 0, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->occurred_on, ==, "2026-11-05");
  g_assert_cmpint (row->kind, ==, RESEAU_INTERACTION_MEETING);
  g_assert_nonnull (strstr (row->participants, "Loïc Rivière"));
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpint (row->kind, ==, RESEAU_INTERACTION_COFFEE);
  g_assert_cmpint (row->direction, ==, RESEAU_DIRECTION_GAVE);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = reseau_database_timeline_page (database, &search, 0, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The trashed video call comes back with Undo. */
  g_assert_true (reseau_database_restore_interaction (database, 2, &error));
  g_assert_no_error (error);
  rows = reseau_database_timeline_page (database, NULL, 0, 0, 50, &error);
  g_assert_cmpuint (rows->len, ==, 3);

  g_assert_true (reseau_database_get_last_interaction_day (database, capucine, &last, &error));
  g_assert_cmpuint (g_date_get_day (&last), ==, 5);
  g_assert_cmpint (reseau_database_get_strength (database, capucine, &today, NULL, &error), >, 0);

  cadences = reseau_database_list_tag_cadences (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (cadences, "Mentor")), ==, 45);

  followups = reseau_database_list_followups (database, &today, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < followups->len; i++)
    {
      ReseauFollowup *followup = g_ptr_array_index (followups, i);

      if (followup->reason == RESEAU_FOLLOWUP_REASON_THANKS)
        {
          g_assert_cmpstr (followup->contact_uid, ==, loic);
          g_assert_cmpint (followup->overdue_days, ==, 20);
          thanks = TRUE;
        }
      else if (followup->reason == RESEAU_FOLLOWUP_REASON_REMINDER)
        {
          g_assert_cmpstr (followup->contact_uid, ==, clement);
          g_assert_cmpint (followup->group, ==, RESEAU_FOLLOWUP_THIS_WEEK);
          reminder = TRUE;
        }
    }
  g_assert_true (thanks);
  g_assert_true (reminder);

  g_assert_true (reseau_database_get_referral_balance (database, loic, &balance, &error));
  g_assert_cmpuint (balance.received, ==, 1);
  g_assert_cmpuint (balance.unthanked, ==, 1);
  g_assert_true (reseau_database_count_mandates_by_source (database, counts, &error));
  g_assert_cmpuint (counts[RESEAU_MANDATE_FROM_REFERRAL], ==, 1);

  events = reseau_database_list_events (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (((ReseauEvent *) events->pdata[0])->format, ==, RESEAU_EVENT_ONLINE);
  attendees = reseau_database_list_attendees (database, ((ReseauEvent *) events->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, 1);
  g_assert_cmpstr (((ReseauAttendee *) attendees->pdata[0])->contact_uid, ==, clement);
  g_assert_true (((ReseauAttendee *) attendees->pdata[0])->met_there);

  g_clear_object (&database);
  reseau_test_remove_tree (dir);
}

/* A version-5 database gets every contact's due date stored: the
 * Follow-up view's groups read them, with the same dates the version-5
 * computation gave. */
static void
test_v5_to_v6_due_dates (void)
{
  const char *capucine = "urn:uuid:f4e2a53f-e5bb-4063-b8ce-22a508307929";
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(ReseauFollowupList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  ReseauFollowup *first;
  GDate today;

  load_fixture (path, 5);
  database = reseau_database_new (path);
  g_assert_true (reseau_database_open (database, &error));
  g_assert_no_error (error);
  g_assert_true (reseau_date_from_string ("2026-11-18", &today));

  /* Default 30 days. Overdue: seven cadences run out (the earliest Lucie
   * Aubert's, 90 days after she was met on 9 July 2022) and Loïc's thanks;
   * This week: Clément's reminder on Friday; Later: the other five. */
  list = reseau_database_list_followup_groups (database, &today, 30, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_OVERDUE], ==, 8);
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_TODAY], ==, 0);
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_THIS_WEEK], ==, 1);
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_LATER], ==, 5);
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_COOLING_DOWN], ==, 0);
  g_assert_cmpuint (list->followups->len, ==, 3);
  first = g_ptr_array_index (list->followups, 0);
  g_assert_cmpstr (first->display_name, ==, "Lucie Aubert");
  due = reseau_date_to_string (&first->due);
  g_assert_cmpstr (due, ==, "2022-10-07");
  g_clear_pointer (&list, reseau_followup_list_free);

  /* Capucine (60 days, last seen 5 November) is due on 4 January and
   * cools down on 11 December, when her strength falls below 30. */
  g_date_set_dmy (&today, 11, G_DATE_DECEMBER, 2026);
  list = reseau_database_list_followup_groups (database, &today, 30, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_COOLING_DOWN], ==, 1);
  for (guint i = 0; i < list->followups->len; i++)
    {
      ReseauFollowup *followup = g_ptr_array_index (list->followups, i);

      if (followup->group == RESEAU_FOLLOWUP_COOLING_DOWN)
        {
          g_autofree char *cooling_due = reseau_date_to_string (&followup->due);

          g_assert_cmpstr (followup->contact_uid, ==, capucine);
          g_assert_cmpstr (cooling_due, ==, "2027-01-04");
          g_assert_cmpuint (followup->strength, <, RESEAU_STRENGTH_COOLING_THRESHOLD);
        }
    }
  g_clear_pointer (&list, reseau_followup_list_free);
  g_date_set_dmy (&today, 10, G_DATE_DECEMBER, 2026);
  list = reseau_database_list_followup_groups (database, &today, 30, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_COOLING_DOWN], ==, 0);

  g_clear_object (&database);
  reseau_test_remove_tree (dir);
}

/* Version 5 made a mandate of a won referral given; version 6 drops it and
 * keeps the one of the referral received. */
static void
test_v5_to_v6_given_mandates (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GPtrArray) mandates = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  load_fixture (path, 5);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO referrals VALUES (2, 1, 1, 3, 'Audit', '2026-11-02',"
                                 " '2026-11-02', 1, 0, NULL, 0, NULL, 1795386996);"
                                 "INSERT INTO mandates VALUES (2, 'Audit', 3, '2026-11-02', 0, 2, NULL, 0,"
                                 " NULL, 1795386996);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  database = reseau_database_new (path);
  g_assert_true (reseau_database_open (database, &error));
  g_assert_no_error (error);
  mandates = reseau_database_list_mandates (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mandates->len, ==, 1);
  g_assert_cmpstr (((ReseauMandate *) mandates->pdata[0])->title, ==, "Refonte de l'intranet");

  g_clear_object (&database);
  reseau_test_remove_tree (dir);
}

static void
test_failed_migration_changes_nothing (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  /* Version 0 but with a table in the way: the first step fails midway. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contact_tags (x); INSERT INTO contact_tags VALUES (42);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  database = reseau_database_new (path);
  g_assert_false (reseau_database_open (database, &error));
  g_assert_nonnull (error);
  g_clear_object (&database);

  /* Rolled back as a whole: no half-made schema, the old data still there. */
  g_assert_cmpint (read_user_version (path), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'contacts'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT x FROM contact_tags", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 42);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  reseau_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/migrations/from-nothing", test_from_nothing);
  g_test_add_func ("/migrations/from-empty-file", test_from_empty_file);
  for (int version = 1; version <= RESEAU_DATABASE_SCHEMA_VERSION; version++)
    {
      g_autofree char *path = g_strdup_printf ("/migrations/from-v%d", version);

      g_test_add_data_func (path, GINT_TO_POINTER (version), test_from_version);
    }
  g_test_add_func ("/migrations/v2-data-kept", test_v2_data_kept);
  g_test_add_func ("/migrations/v3-to-v4-revisions", test_v3_to_v4_revisions);
  g_test_add_func ("/migrations/v4-sync-state-kept", test_v4_sync_state_kept);
  g_test_add_func ("/migrations/v4-to-v5-relations", test_v4_to_v5_relations);
  g_test_add_func ("/migrations/v5-relations-kept", test_v5_relations_kept);
  g_test_add_func ("/migrations/v5-to-v6-due-dates", test_v5_to_v6_due_dates);
  g_test_add_func ("/migrations/v5-to-v6-given-mandates", test_v5_to_v6_given_mandates);
  g_test_add_func ("/migrations/failed-step-rolled-back", test_failed_migration_changes_nothing);

  return g_test_run ();
}
