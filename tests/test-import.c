/* test-import.c — files in, matched, previewed, written; contacts out again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "reseau-core.h"
#include "reseau-test-utils.h"

typedef struct
{
  char           *dir;
  ReseauDatabase *database;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = reseau_test_make_temp_dir ();
  path = g_build_filename (fixture->dir, "reseau.db", NULL);
  fixture->database = reseau_database_new (path);
  reseau_database_open (fixture->database, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  reseau_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* A file of the test's own, written in the temporary folder. */
static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static GFile *
data_file (const char *kind,
           const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, kind, name, NULL);

  return g_file_new_for_path (path);
}

static ReseauImport *
prepare_files (Fixture  *fixture,
               GFile    *first,
               ...)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  ReseauImport *import = reseau_import_new (fixture->database);
  va_list args;

  va_start (args, first);
  for (GFile *file = first; file != NULL; file = va_arg (args, GFile *))
    g_ptr_array_add (files, file);
  va_end (args);

  reseau_import_prepare (import, files, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (reseau_import_get_progress (import), ==, 1.0);

  return import;
}

static ReseauImport *
import_file (Fixture *fixture,
             GFile   *file)
{
  ReseauImport *import = prepare_files (fixture, file, NULL);
  g_autoptr(GError) error = NULL;

  reseau_import_apply (import, NULL, &error);
  g_assert_no_error (error);

  return import;
}

static guint
count_contacts (Fixture *fixture)
{
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;

  summaries = reseau_database_list_summaries (fixture->database, &error);
  g_assert_no_error (error);

  return summaries->len;
}

static ReseauContact *
load (Fixture    *fixture,
      const char *uid)
{
  g_autoptr(GError) error = NULL;
  ReseauContact *contact = reseau_database_load_contact (fixture->database, uid, &error);

  g_assert_no_error (error);
  return contact;
}

static void
save (Fixture       *fixture,
      ReseauContact *contact)
{
  g_autoptr(GError) error = NULL;

  reseau_database_save_contact (fixture->database, contact, &error);
  g_assert_no_error (error);
}

static const ReseauImportEntry *
entry_named (ReseauImport *import,
             const char   *name)
{
  GPtrArray *entries = reseau_import_get_entries (import);

  for (guint i = 0; i < entries->len; i++)
    {
      const ReseauImportEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (reseau_contact_get_display_name (entry->contact), name) == 0)
        return entry;
    }

  g_assert_not_reached ();
  return NULL;
}

/* ------------------------------------------------------------------------
 * Every kind of file, twice
 * --------------------------------------------------------------------- */

typedef struct
{
  const char *kind;
  const char *name;
  guint       n_new;
  guint       n_skipped;
} FixtureFile;

static const FixtureFile fixture_files[] = {
  { "vcard", "android.vcf", 3, 0 },
  { "vcard", "full-4.0.vcf", 3, 0 },      /* and a group card, which is no one */
  { "vcard", "google.vcf", 2, 0 },
  { "vcard", "ios.vcf", 3, 0 },           /* and an Apple group card */
  { "vcard", "outlook.vcf", 2, 0 },       /* 2.1, quoted-printable, windows-1252 */
  { "vcard", "reseau-export.vcf", 2, 0 },
  { "vcard", "thunderbird.vcf", 2, 0 },
  { "csv", "linkedin-connections.csv", 4, 0 },
  { "csv", "linkedin-fr.csv", 3, 0 },
  { "csv", "google.csv", 3, 0 },
  { "csv", "google-fr.csv", 2, 0 },
  { "csv", "google-old.csv", 2, 0 },
  { "csv", "outlook.csv", 2, 1 },         /* a row with nobody in it */
  { "csv", "outlook-fr.csv", 2, 0 },      /* a bad date, repaired */
};

static void
test_fixture_files (Fixture       *fixture,
                    gconstpointer  data)
{
  const FixtureFile *file = data;
  g_autoptr(GFile) gfile = data_file (file->kind, file->name);
  g_autoptr(ReseauImport) first = NULL;
  g_autoptr(ReseauImport) again = NULL;
  GPtrArray *problems;

  first = import_file (fixture, gfile);
  g_assert_cmpuint (reseau_import_count (first, RESEAU_IMPORT_ACTION_NEW), ==, file->n_new);
  g_assert_cmpuint (reseau_import_count (first, RESEAU_IMPORT_ACTION_UPDATE), ==, 0);
  g_assert_cmpuint (reseau_import_get_n_skipped (first), ==, file->n_skipped);
  g_assert_cmpuint (reseau_import_get_n_unreadable (first), ==, 0);
  g_assert_cmpuint (count_contacts (fixture), ==, file->n_new);

  /* Every problem says where it is. */
  problems = reseau_import_get_problems (first);
  for (guint i = 0; i < problems->len; i++)
    {
      const ReseauProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpstr (problem->file, ==, file->name);
      g_assert_cmpuint (problem->line, >, 0);
    }

  /* Idempotence: the same file again changes nothing. */
  again = import_file (fixture, gfile);
  g_assert_cmpuint (reseau_import_count (again, RESEAU_IMPORT_ACTION_NEW), ==, 0);
  g_assert_cmpuint (reseau_import_count (again, RESEAU_IMPORT_ACTION_UPDATE), ==, 0);
  g_assert_cmpuint (reseau_import_count (again, RESEAU_IMPORT_ACTION_UNCHANGED), ==, file->n_new);
  g_assert_cmpuint (count_contacts (fixture), ==, file->n_new);
}

/* Every fixture into one address book, then every one again: matching
 * across sources never makes a second contact. */
static void
test_all_fixtures_together (Fixture       *fixture,
                            gconstpointer  data)
{
  guint n_after_first;
  guint n_new = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fixture_files); i++)
    {
      g_autoptr(GFile) file = data_file (fixture_files[i].kind, fixture_files[i].name);
      g_autoptr(ReseauImport) import = import_file (fixture, file);
    }
  n_after_first = count_contacts (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (fixture_files); i++)
    {
      g_autoptr(GFile) file = data_file (fixture_files[i].kind, fixture_files[i].name);
      g_autoptr(ReseauImport) import = import_file (fixture, file);

      n_new += reseau_import_count (import, RESEAU_IMPORT_ACTION_NEW);
    }

  g_assert_cmpuint (n_new, ==, 0);
  g_assert_cmpuint (count_contacts (fixture), ==, n_after_first);
}

/* ------------------------------------------------------------------------
 * Matching
 * --------------------------------------------------------------------- */

static const char address_book_v1[] =
  "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:book-1\r\nFN:Anne Martin\r\nN:Martin;Anne;;;\r\n"
  "EMAIL;TYPE=work:anne@example.org\r\nTEL;TYPE=cell:06 11 22 33 44\r\nEND:VCARD\r\n"
  "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:book-2\r\nFN:Bruno Petit\r\nN:Petit;Bruno;;;\r\n"
  "TEL;TYPE=work:04 72 00 00 01\r\nX-ABLabel:garder\r\nEND:VCARD\r\n"
  "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:book-3\r\nFN:Chloé Roux\r\nN:Roux;Chloé;;;\r\n"
  "ORG:Atelier Roux\r\nEND:VCARD\r\n";

/* The same address book exported later: one phone changed, one card more,
 * and the cards in another order and spelling. */
static const char address_book_v2[] =
  "BEGIN:VCARD\nVERSION:4.0\nUID:book-3\nFN:Chloé Roux\nN:Roux;Chloé;;;\nORG:Atelier Roux\nEND:VCARD\n"
  "BEGIN:VCARD\nVERSION:4.0\nUID:book-1\nFN:Anne Martin\nN:Martin;Anne;;;\n"
  "EMAIL;TYPE=work:anne@example.org\nTEL;TYPE=cell:06 99 88 77 66\nEND:VCARD\n"
  "BEGIN:VCARD\nVERSION:4.0\nUID:book-2\nFN:Bruno Petit\nN:Petit;Bruno;;;\n"
  "TEL;TYPE=work:04 72 00 00 01\nX-ABLabel:garder\nEND:VCARD\n"
  "BEGIN:VCARD\nVERSION:4.0\nUID:book-4\nFN:Denis Lambert\nN:Lambert;Denis;;;\nEND:VCARD\n";

static void
test_newer_export (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) v1 = write_file (fixture, "book-v1.vcf", address_book_v1);
  g_autoptr(GFile) v2 = write_file (fixture, "book-v2.vcf", address_book_v2);
  g_autoptr(ReseauImport) first = NULL;
  g_autoptr(ReseauImport) second = NULL;
  g_autoptr(ReseauContact) anne = NULL;
  const ReseauImportEntry *entry;
  g_autofree char *sentence = NULL;

  first = import_file (fixture, v1);
  g_assert_cmpuint (reseau_import_count (first, RESEAU_IMPORT_ACTION_NEW), ==, 3);

  /* What only the app knows survives the card coming back. */
  anne = load (fixture, "book-1");
  reseau_contact_set_how_met (anne, "Salon du freelance");
  reseau_contact_set_cadence_days (anne, 30);
  reseau_contact_add_tag (anne, "Client");
  save (fixture, anne);
  g_clear_object (&anne);

  second = import_file (fixture, v2);
  g_assert_cmpuint (reseau_import_count (second, RESEAU_IMPORT_ACTION_NEW), ==, 1);
  g_assert_cmpuint (reseau_import_count (second, RESEAU_IMPORT_ACTION_UPDATE), ==, 1);
  g_assert_cmpuint (reseau_import_count (second, RESEAU_IMPORT_ACTION_UNCHANGED), ==, 2);
  g_assert_cmpuint (count_contacts (fixture), ==, 4);

  entry = entry_named (second, "Anne Martin");
  g_assert_cmpint (entry->action, ==, RESEAU_IMPORT_ACTION_UPDATE);
  g_assert_cmpint (entry->match, ==, RESEAU_IMPORT_MATCH_UID);
  g_assert_cmpstr (entry->file, ==, "book-v2.vcf");
  g_assert_cmpuint (entry->line, ==, 8);
  sentence = reseau_import_entry_describe_match (entry);
  g_assert_cmpstr (sentence, ==, "Matched “Anne Martin” by UID");

  anne = load (fixture, "book-1");
  g_assert_cmpstr (reseau_contact_get_first_value (anne, RESEAU_FIELD_PHONE), ==, "06 99 88 77 66");
  g_assert_cmpuint (reseau_contact_get_values (anne, RESEAU_FIELD_PHONE)->len, ==, 1);
  g_assert_cmpstr (reseau_contact_get_how_met (anne), ==, "Salon du freelance");
  g_assert_cmpuint (reseau_contact_get_cadence_days (anne), ==, 30);
  g_assert_true (reseau_contact_has_tag (anne, "Client"));

  entry = entry_named (second, "Denis Lambert");
  g_assert_cmpint (entry->action, ==, RESEAU_IMPORT_ACTION_NEW);
  g_assert_cmpint (entry->match, ==, RESEAU_IMPORT_MATCH_NONE);
  g_clear_pointer (&sentence, g_free);
  sentence = reseau_import_entry_describe_match (entry);
  g_assert_cmpstr (sentence, ==, "New contact");
}

static void
test_match_kinds (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ReseauContact) anne = reseau_contact_new ();
  g_autoptr(ReseauContact) bruno = reseau_contact_new ();
  g_autoptr(ReseauContact) chloe = reseau_contact_new ();
  g_autoptr(ReseauContact) merged = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ReseauImport) import = NULL;
  const ReseauImportEntry *entry;
  g_autofree char *sentence = NULL;

  reseau_contact_set_full_name (anne, "Anne Martin");
  reseau_contact_add_value (anne, RESEAU_FIELD_EMAIL, "work", "Anne.Martin@Example.org");
  reseau_contact_set_how_met (anne, "Café du coworking");
  save (fixture, anne);
  reseau_contact_set_full_name (bruno, "Bruno Petit");
  reseau_contact_add_value (bruno, RESEAU_FIELD_PHONE, "mobile", "+33 6 12 34 56 78");
  save (fixture, bruno);
  reseau_contact_set_full_name (chloe, "Chloé Roux");
  reseau_contact_set_organization (chloe, "Atelier Roux");
  save (fixture, chloe);

  /* Other exporters, other UIDs, other spellings. */
  file = write_file (fixture, "phone.vcf",
                     "BEGIN:VCARD\nVERSION:3.0\nUID:phone-1\nFN:Anne M.\n"
                     "EMAIL:anne.martin@example.ORG\nTEL:07 00 00 00 01\nEND:VCARD\n"
                     "BEGIN:VCARD\nVERSION:3.0\nUID:phone-2\nFN:B. Petit\nTEL;TYPE=cell:06.12.34.56.78\n"
                     "EMAIL:bruno@petit.example\nEND:VCARD\n"
                     "BEGIN:VCARD\nVERSION:3.0\nUID:phone-3\nFN:CHLOE ROUX\nORG:atelier roux\n"
                     "URL:https://roux.example\nEND:VCARD\n");
  import = prepare_files (fixture, file, NULL);
  g_assert_cmpuint (reseau_import_count (import, RESEAU_IMPORT_ACTION_NEW), ==, 0);
  g_assert_cmpuint (reseau_import_count (import, RESEAU_IMPORT_ACTION_UPDATE), ==, 3);

  entry = entry_named (import, "Anne Martin");
  g_assert_cmpint (entry->match, ==, RESEAU_IMPORT_MATCH_EMAIL);
  g_assert_cmpstr (entry->matched_name, ==, "Anne Martin");
  g_assert_cmpstr (entry->matched_key, ==, "anne.martin@example.ORG");
  sentence = reseau_import_entry_describe_match (entry);
  g_assert_cmpstr (sentence, ==, "Matched “Anne Martin” by email anne.martin@example.ORG");
  /* Merged, not replaced: the UID stays, every value of both is kept. */
  g_assert_cmpstr (reseau_contact_get_uid (entry->contact), ==, reseau_contact_get_uid (anne));
  g_assert_cmpuint (reseau_contact_get_values (entry->contact, RESEAU_FIELD_EMAIL)->len, ==, 1);
  g_assert_cmpuint (reseau_contact_get_values (entry->contact, RESEAU_FIELD_PHONE)->len, ==, 1);
  g_assert_cmpstr (reseau_contact_get_how_met (entry->contact), ==, "Café du coworking");

  entry = entry_named (import, "Bruno Petit");
  g_assert_cmpint (entry->match, ==, RESEAU_IMPORT_MATCH_PHONE);
  g_assert_cmpstr (entry->matched_key, ==, "06.12.34.56.78");
  g_clear_pointer (&sentence, g_free);
  sentence = reseau_import_entry_describe_match (entry);
  g_assert_cmpstr (sentence, ==, "Matched “Bruno Petit” by phone 06.12.34.56.78");
  g_assert_cmpuint (reseau_contact_get_values (entry->contact, RESEAU_FIELD_PHONE)->len, ==, 1);
  g_assert_cmpstr (reseau_contact_get_first_value (entry->contact, RESEAU_FIELD_EMAIL), ==, "bruno@petit.example");

  entry = entry_named (import, "Chloé Roux");
  g_assert_cmpint (entry->match, ==, RESEAU_IMPORT_MATCH_NAME);
  g_clear_pointer (&sentence, g_free);
  sentence = reseau_import_entry_describe_match (entry);
  g_assert_cmpstr (sentence, ==, "Matched “Chloé Roux” by name and organization");
  g_assert_cmpstr (reseau_contact_get_first_value (entry->contact, RESEAU_FIELD_URL), ==, "https://roux.example");

  {
    g_autoptr(GError) error = NULL;

    reseau_import_apply (import, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_contacts (fixture), ==, 3);
  merged = load (fixture, reseau_contact_get_uid (bruno));
  g_assert_cmpuint (reseau_contact_get_values (merged, RESEAU_FIELD_EMAIL)->len, ==, 1);
}

/* Two cards of one import about the same person become one contact, and
 * the report says so. */
static void
test_same_person_twice_in_import (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(ReseauImport) import = NULL;
  const ReseauImportEntry *entry;
  const ReseauProblem *problem;

  file = write_file (fixture, "twice.vcf",
                     "BEGIN:VCARD\nVERSION:3.0\nFN:Élise Garnier\nEMAIL:elise@garnier.example\nEND:VCARD\n"
                     "BEGIN:VCARD\nVERSION:3.0\nFN:Élise Garnier\nEMAIL:ELISE@garnier.example\n"
                     "TEL:+33 6 00 00 00 07\nEND:VCARD\n");
  import = import_file (fixture, file);

  g_assert_cmpuint (reseau_import_get_entries (import)->len, ==, 1);
  entry = entry_named (import, "Élise Garnier");
  g_assert_cmpint (entry->action, ==, RESEAU_IMPORT_ACTION_NEW);
  g_assert_cmpuint (entry->line, ==, 1);
  g_assert_cmpuint (reseau_contact_get_values (entry->contact, RESEAU_FIELD_PHONE)->len, ==, 1);
  g_assert_cmpuint (count_contacts (fixture), ==, 1);

  g_assert_cmpuint (reseau_import_get_problems (import)->len, ==, 1);
  problem = g_ptr_array_index (reseau_import_get_problems (import), 0);
  g_assert_cmpstr (problem->file, ==, "twice.vcf");
  g_assert_cmpuint (problem->line, ==, 6);
  g_assert_nonnull (strstr (problem->message, "line 1"));
  g_assert_cmpuint (reseau_import_get_n_skipped (import), ==, 0);
}

static void
test_group_cards (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ReseauContact) stored = reseau_contact_new ();
  g_autoptr(ReseauContact) reloaded = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ReseauImport) import = NULL;
  const ReseauImportEntry *entry;

  reseau_contact_set_uid (stored, "urn:uuid:00000000-0000-4000-8000-000000000001");
  reseau_contact_set_full_name (stored, "Gaëlle Morel");
  save (fixture, stored);

  file = write_file (fixture, "groups.vcf",
                     "BEGIN:VCARD\nVERSION:4.0\nUID:urn:uuid:00000000-0000-4000-8000-000000000002\n"
                     "FN:Hugo Blanc\nEND:VCARD\n"
                     "BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:Clients Lyon\n"
                     "MEMBER:urn:uuid:00000000-0000-4000-8000-000000000002\n"
                     "MEMBER:urn:uuid:00000000-0000-4000-8000-000000000001\n"
                     "MEMBER:urn:uuid:00000000-0000-4000-8000-0000000000ff\n"
                     "UID:urn:uuid:00000000-0000-4000-8000-00000000000a\nEND:VCARD\n"
                     "BEGIN:VCARD\nVERSION:3.0\nX-ADDRESSBOOKSERVER-KIND:group\nFN:Amis\n"
                     "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:00000000-0000-4000-8000-000000000002\n"
                     "UID:apple-group\nEND:VCARD\n");
  import = import_file (fixture, file);

  /* Groups are never people. */
  g_assert_cmpuint (reseau_import_count (import, RESEAU_IMPORT_ACTION_NEW), ==, 1);
  g_assert_cmpuint (reseau_import_count (import, RESEAU_IMPORT_ACTION_UPDATE), ==, 1);
  g_assert_cmpuint (count_contacts (fixture), ==, 2);

  entry = entry_named (import, "Hugo Blanc");
  g_assert_true (reseau_contact_has_tag (entry->contact, "Clients Lyon"));
  g_assert_true (reseau_contact_has_tag (entry->contact, "Amis"));

  entry = entry_named (import, "Gaëlle Morel");
  g_assert_cmpint (entry->match, ==, RESEAU_IMPORT_MATCH_UID);
  reloaded = load (fixture, "urn:uuid:00000000-0000-4000-8000-000000000001");
  g_assert_true (reseau_contact_has_tag (reloaded, "Clients Lyon"));
  g_assert_false (reseau_contact_has_tag (reloaded, "Amis"));

  /* And again: nothing new, nothing changed. */
  g_clear_object (&import);
  import = import_file (fixture, file);
  g_assert_cmpuint (reseau_import_count (import, RESEAU_IMPORT_ACTION_NEW), ==, 0);
  g_assert_cmpuint (reseau_import_count (import, RESEAU_IMPORT_ACTION_UPDATE), ==, 0);
}

/* ------------------------------------------------------------------------
 * Bad input
 * --------------------------------------------------------------------- */

static void
test_broken_card_in_the_middle (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(ReseauImport) import = NULL;
  GPtrArray *problems;
  gboolean found = FALSE;

  file = write_file (fixture, "broken.vcf",
                     "BEGIN:VCARD\nVERSION:3.0\nFN:Inès Fabre\nEND:VCARD\n"        /* 1–4 */
                     "BEGIN:VCARD\nVERSION:3.0\nce n'est pas une ligne de vCard\n" /* 5–7 */
                     "NOTE;ENCODING=QUOTED-PRINTABLE:=\nEND:VCARD\n"                /* 8–9 */
                     "BEGIN:VCARD\nVERSION:3.0\nFN:Jules Vidal\nEND:VCARD\n");    /* 10– */
  import = import_file (fixture, file);

  g_assert_cmpuint (reseau_import_count (import, RESEAU_IMPORT_ACTION_NEW), ==, 2);
  g_assert_cmpuint (reseau_import_get_n_skipped (import), ==, 1);
  g_assert_cmpuint (count_contacts (fixture), ==, 2);

  problems = reseau_import_get_problems (import);
  g_assert_cmpuint (problems->len, >=, 1);
  for (guint i = 0; i < problems->len; i++)
    {
      const ReseauProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpstr (problem->file, ==, "broken.vcf");
      g_assert_cmpuint (problem->line, >=, 5);
      g_assert_cmpuint (problem->line, <=, 9);
      g_assert_cmpstr (problem->message, !=, "");
      found = TRUE;
    }
  g_assert_true (found);
}

static void
test_unknown_format (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "notes.txt", "Acheter du café.\nRappeler Anne.\n");
  g_autoptr(GFile) empty = write_file (fixture, "vide.vcf", "");
  g_autoptr(GFile) csv = data_file ("csv", "not-contacts.csv");
  g_autoptr(ReseauImport) import = reseau_import_new (fixture->database);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (files, file);
  g_assert_false (reseau_import_prepare (import, files, NULL, &error));
  g_assert_error (error, RESEAU_IMPORT_ERROR, RESEAU_IMPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_nonnull (strstr (error->message, "“notes.txt”"));
  g_assert_nonnull (strstr (error->message, "vCard"));
  g_clear_error (&error);

  g_ptr_array_set_size (files, 0);
  g_ptr_array_add (files, empty);
  g_assert_false (reseau_import_prepare (import, files, NULL, &error));
  g_assert_error (error, RESEAU_IMPORT_ERROR, RESEAU_IMPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_nonnull (strstr (error->message, "“vide.vcf”"));
  g_clear_error (&error);

  g_ptr_array_set_size (files, 0);
  g_ptr_array_add (files, csv);
  g_assert_false (reseau_import_prepare (import, files, NULL, &error));
  g_assert_error (error, RESEAU_IMPORT_ERROR, RESEAU_IMPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_cmpuint (count_contacts (fixture), ==, 0);
}

static void
test_unreadable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *missing_path = g_build_filename (fixture->dir, "absent.vcf", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autoptr(GFile) good = write_file (fixture, "bon.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Karim Haddad\nEND:VCARD\n");
  g_autoptr(ReseauImport) import = reseau_import_new (fixture->database);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const ReseauProblem *problem;

  g_ptr_array_add (files, missing);
  g_assert_false (reseau_import_prepare (import, files, NULL, &error));
  g_assert_error (error, RESEAU_IMPORT_ERROR, RESEAU_IMPORT_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "“absent.vcf”"));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
  g_clear_error (&error);

  /* Every file unreadable: the import fails, and the problems say why
   * for each. */
  g_ptr_array_set_size (files, 0);
  g_ptr_array_add (files, folder);
  g_ptr_array_add (files, missing);
  g_assert_false (reseau_import_prepare (import, files, NULL, &error));
  g_assert_error (error, RESEAU_IMPORT_ERROR, RESEAU_IMPORT_ERROR_UNREADABLE);
  g_assert_null (reseau_import_get_entries (import));
  g_assert_cmpuint (reseau_import_get_n_unreadable (import), ==, 2);
  g_assert_cmpuint (reseau_import_get_problems (import)->len, ==, 2);
  g_clear_error (&error);

  /* Among several files, one that cannot be read is a problem, not a failure. */
  g_ptr_array_set_size (files, 0);
  g_ptr_array_add (files, missing);
  g_ptr_array_add (files, good);
  g_assert_true (reseau_import_prepare (import, files, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reseau_import_get_n_unreadable (import), ==, 1);
  g_assert_cmpuint (reseau_import_count (import, RESEAU_IMPORT_ACTION_NEW), ==, 1);
  g_assert_cmpuint (reseau_import_get_problems (import)->len, ==, 1);
  problem = g_ptr_array_index (reseau_import_get_problems (import), 0);
  g_assert_cmpstr (problem->file, ==, "absent.vcf");
}

static void
test_empty_card_is_a_problem (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "vides.vcf",
                                      "BEGIN:VCARD\nVERSION:3.0\nNOTE:rien d'autre\nEND:VCARD\n"
                                      "BEGIN:VCARD\nVERSION:3.0\nFN:Léon Perrin\nEND:VCARD\n");
  g_autoptr(ReseauImport) import = import_file (fixture, file);
  const ReseauProblem *problem;

  g_assert_cmpuint (reseau_import_count (import, RESEAU_IMPORT_ACTION_NEW), ==, 1);
  g_assert_cmpuint (reseau_import_get_n_skipped (import), ==, 1);
  g_assert_cmpuint (reseau_import_get_problems (import)->len, ==, 1);
  problem = g_ptr_array_index (reseau_import_get_problems (import), 0);
  g_assert_cmpstr (problem->file, ==, "vides.vcf");
  g_assert_cmpuint (problem->line, ==, 1);
}

/* ------------------------------------------------------------------------
 * Big files, progress, cancellation
 * --------------------------------------------------------------------- */

static GFile *
write_many_cards (Fixture *fixture,
                  guint    n_cards)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "beaucoup.vcf", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_cards; i++)
    g_string_append_printf (text,
                            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:many-%u\r\nFN:Personne %u\r\n"
                            "N:%u;Personne;;;\r\nEMAIL:personne%u@example.org\r\n"
                            "TEL:+33 6 %02u %02u %02u %02u\r\nEND:VCARD\r\n",
                            i, i, i, i, i / 1000000 % 100, i / 10000 % 100, i / 100 % 100, i % 100);

  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
test_cancel_apply (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = write_many_cards (fixture, 2000);
  g_autoptr(ReseauImport) import = prepare_files (fixture, file, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (reseau_import_count (import, RESEAU_IMPORT_ACTION_NEW), ==, 2000);

  g_cancellable_cancel (cancellable);
  g_assert_false (reseau_import_apply (import, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_contacts (fixture), ==, 0);
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
  GThread      *thread;
  guint         n_notifies;
  double        last_progress;
  gboolean      went_backwards;
  GCancellable *cancel_on_progress;
} AsyncState;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;

  state->result = g_object_ref (result);
  g_main_loop_quit (state->loop);
}

static void
on_progress (ReseauImport *import,
             GParamSpec   *pspec,
             AsyncState   *state)
{
  double progress = reseau_import_get_progress (import);

  /* Notified on the thread that started the work, never from the worker. */
  g_assert_true (g_thread_self () == state->thread);
  if (progress < state->last_progress && progress > 0.0)
    state->went_backwards = TRUE;
  state->last_progress = progress;
  state->n_notifies++;

  if (state->cancel_on_progress != NULL && progress > 0.0 && progress < 1.0)
    g_cancellable_cancel (state->cancel_on_progress);
}

static void
test_async_progress (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = write_many_cards (fixture, 30000);
  g_autoptr(ReseauImport) import = reseau_import_new (fixture->database);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  AsyncState state = { g_main_loop_new (NULL, FALSE), NULL, g_thread_self (), 0, 0.0, FALSE, NULL };

  g_signal_connect (import, "notify::progress", G_CALLBACK (on_progress), &state);
  g_ptr_array_add (files, file);

  reseau_import_prepare_async (import, files, NULL, on_done, &state);
  g_main_loop_run (state.loop);
  g_assert_true (reseau_import_prepare_finish (import, state.result, &error));
  g_assert_no_error (error);
  g_clear_object (&state.result);

  g_assert_cmpfloat (reseau_import_get_progress (import), ==, 1.0);
  g_assert_false (state.went_backwards);
  /* Throttled: far fewer notifications than cards. */
  g_assert_cmpuint (state.n_notifies, >=, 1);
  g_assert_cmpuint (state.n_notifies, <, 1000);
  g_assert_cmpuint (reseau_import_count (import, RESEAU_IMPORT_ACTION_NEW), ==, 30000);

  state.n_notifies = 0;
  state.last_progress = 0.0;
  reseau_import_apply_async (import, NULL, on_done, &state);
  g_main_loop_run (state.loop);
  g_assert_true (reseau_import_apply_finish (import, state.result, &error));
  g_assert_no_error (error);
  g_clear_object (&state.result);

  g_assert_cmpfloat (reseau_import_get_progress (import), ==, 1.0);
  g_assert_cmpuint (state.n_notifies, >=, 1);
  g_assert_cmpuint (count_contacts (fixture), ==, 30000);

  g_main_loop_unref (state.loop);
}

static void
test_async_cancel_apply (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = write_many_cards (fixture, 3000);
  g_autoptr(ReseauImport) import = prepare_files (fixture, file, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AsyncState state = { g_main_loop_new (NULL, FALSE), NULL, g_thread_self (), 0, 0.0, FALSE, NULL };

  /* Cancelled while the worker is busy: either it notices, or it was
   * faster; in both cases the database holds all or nothing. */
  g_cancellable_cancel (cancellable);
  reseau_import_apply_async (import, cancellable, on_done, &state);
  g_main_loop_run (state.loop);
  g_assert_false (reseau_import_apply_finish (import, state.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&state.result);
  g_assert_cmpuint (count_contacts (fixture), ==, 0);

  g_main_loop_unref (state.loop);
}

static void
test_cancel_prepare (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = write_many_cards (fixture, 2000);
  g_autoptr(ReseauImport) import = reseau_import_new (fixture->database);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (files, file);
  g_cancellable_cancel (cancellable);
  g_assert_false (reseau_import_prepare (import, files, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (reseau_import_get_entries (import));
}

/* ------------------------------------------------------------------------
 * Export
 * --------------------------------------------------------------------- */

static GPtrArray *
all_contacts (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *contacts = reseau_database_list_contacts (fixture->database, &error);

  g_assert_no_error (error);
  return contacts;
}

static void
test_export_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ReseauContact) introducer = reseau_contact_new ();
  g_autoptr(ReseauContact) friend = reseau_contact_new ();
  g_autoptr(ReseauContact) back = NULL;
  g_autoptr(GFile) ios = data_file ("vcard", "ios.vcf");
  g_autoptr(ReseauImport) first = NULL;
  g_autoptr(ReseauImport) again = NULL;
  g_autoptr(ReseauImport) elsewhere = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "export.vcf", NULL);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other", "reseau.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(ReseauDatabase) other = NULL;
  ReseauDatabase *saved;
  guint n;

  first = import_file (fixture, ios);

  reseau_contact_set_full_name (introducer, "Marc Aubert");
  reseau_contact_add_value (introducer, RESEAU_FIELD_EMAIL, NULL, "marc@aubert.example");
  save (fixture, introducer);
  /* The one introduced is saved first, so that a naive import would meet
   * "introduced by" before the introducer. */
  reseau_contact_set_full_name (friend, "Aline Aubry");
  reseau_contact_set_how_met (friend, "Dîner chez Marc");
  reseau_contact_set_met_on (friend, "2023-11-02");
  reseau_contact_set_introduced_by (friend, reseau_contact_get_uid (introducer));
  reseau_contact_set_cadence_days (friend, 60);
  save (fixture, friend);

  contacts = all_contacts (fixture);
  n = contacts->len;
  g_assert_true (reseau_export_contacts (contacts, RESEAU_VCARD_VERSION_4_0, file, NULL, &error));
  g_assert_no_error (error);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_assert_nonnull (strstr (text, "X-RESEAU-HOW-MET:Dîner chez Marc\r\n"));
  g_assert_nonnull (strstr (text, "X-RESEAU-CADENCE-DAYS:60\r\n"));
  /* What the iPhone wrote and the app does not model went out again. */
  g_assert_nonnull (strstr (text, "X-SOCIALPROFILE"));

  /* Back into the same address book: nothing new, nothing changed. */
  again = import_file (fixture, file);
  g_assert_cmpuint (reseau_import_count (again, RESEAU_IMPORT_ACTION_NEW), ==, 0);
  g_assert_cmpuint (reseau_import_count (again, RESEAU_IMPORT_ACTION_UPDATE), ==, 0);
  g_assert_cmpuint (reseau_import_count (again, RESEAU_IMPORT_ACTION_UNCHANGED), ==, n);

  /* Into an empty one: everything comes back, app fields included. */
  other = reseau_database_new (other_path);
  reseau_database_open (other, &error);
  g_assert_no_error (error);
  saved = fixture->database;
  fixture->database = other;
  elsewhere = import_file (fixture, file);
  g_assert_cmpuint (reseau_import_count (elsewhere, RESEAU_IMPORT_ACTION_NEW), ==, n);
  back = load (fixture, reseau_contact_get_uid (friend));
  fixture->database = saved;

  g_assert_cmpstr (reseau_contact_get_how_met (back), ==, "Dîner chez Marc");
  g_assert_cmpstr (reseau_contact_get_met_on (back), ==, "2023-11-02");
  g_assert_cmpstr (reseau_contact_get_introduced_by (back), ==, reseau_contact_get_uid (introducer));
  g_assert_cmpuint (reseau_contact_get_cadence_days (back), ==, 60);
}

static void
test_export_versions (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) source = data_file ("vcard", "full-4.0.vcf");
  g_autoptr(ReseauImport) first = import_file (fixture, source);
  g_autoptr(GPtrArray) contacts = all_contacts (fixture);
  g_autofree char *path3 = g_build_filename (fixture->dir, "v3.vcf", NULL);
  g_autofree char *path4 = g_build_filename (fixture->dir, "v4.vcf", NULL);
  g_autoptr(GFile) file3 = g_file_new_for_path (path3);
  g_autoptr(GFile) file4 = g_file_new_for_path (path4);
  g_autofree char *text3 = NULL;
  g_autofree char *text4 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauImport) again3 = NULL;
  g_autoptr(ReseauImport) again4 = NULL;
  guint n_cards = 0;

  g_assert_true (reseau_export_contacts (contacts, RESEAU_VCARD_VERSION_3_0, file3, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (reseau_export_contacts (contacts, RESEAU_VCARD_VERSION_4_0, file4, NULL, &error));
  g_assert_no_error (error);

  g_file_get_contents (path3, &text3, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (path4, &text4, NULL, &error);
  g_assert_no_error (error);

  for (const char *p = text3; (p = strstr (p, "BEGIN:VCARD\r\nVERSION:3.0\r\n")) != NULL; p++)
    n_cards++;
  g_assert_cmpuint (n_cards, ==, contacts->len);
  g_assert_null (strstr (text3, "VERSION:4.0"));
  g_assert_null (strstr (text4, "VERSION:3.0"));
  /* 3.0 has N on every card and binary data as ENCODING=b; 4.0 data: URIs. */
  g_assert_nonnull (strstr (text3, "ENCODING=b"));
  g_assert_nonnull (strstr (text4, "data:image/jpeg;base64,"));

  again3 = import_file (fixture, file3);
  g_assert_cmpuint (reseau_import_count (again3, RESEAU_IMPORT_ACTION_NEW), ==, 0);
  g_assert_cmpuint (reseau_import_count (again3, RESEAU_IMPORT_ACTION_UPDATE), ==, 0);
  again4 = import_file (fixture, file4);
  g_assert_cmpuint (reseau_import_count (again4, RESEAU_IMPORT_ACTION_NEW), ==, 0);
  g_assert_cmpuint (reseau_import_count (again4, RESEAU_IMPORT_ACTION_UPDATE), ==, 0);
}

/* A failed export leaves the earlier file whole. */
static void
test_export_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = g_build_filename (fixture->dir, "absent", "export.vcf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) kept = write_file (fixture, "kept.vcf", "ancien contenu");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ReseauContact *contact = reseau_contact_new ();
  g_autofree char *text = NULL;

  reseau_contact_set_full_name (contact, "Nadia Colin");
  g_ptr_array_add (contacts, contact);

  g_assert_false (reseau_export_contacts (contacts, RESEAU_VCARD_VERSION_4_0, file, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "export.vcf"));
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (reseau_export_contacts (contacts, RESEAU_VCARD_VERSION_4_0, kept, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_file_load_contents (kept, NULL, &text, NULL, NULL, NULL);
  g_assert_cmpstr (text, ==, "ancien contenu");
}

/* ------------------------------------------------------------------------
 * Scale: a re-import of a big file matches every card
 * --------------------------------------------------------------------- */

/* How fast this goes is the import benchmark's business (tests/bench);
 * here, that 20,000 cards each find their contact again. */
static void
test_big_reimport (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = write_many_cards (fixture, 20000);
  g_autoptr(ReseauImport) import = NULL;
  g_autoptr(ReseauImport) again = NULL;

  import = import_file (fixture, file);
  g_assert_cmpuint (reseau_import_count (import, RESEAU_IMPORT_ACTION_NEW), ==, 20000);

  again = prepare_files (fixture, file, NULL);
  g_assert_cmpuint (reseau_import_count (again, RESEAU_IMPORT_ACTION_UNCHANGED), ==, 20000);
  g_assert_cmpuint (reseau_import_count (again, RESEAU_IMPORT_ACTION_NEW), ==, 0);
}

/* A big file into an empty address book is written by a shorter path (no
 * UID lookups, the list's indexes built at the end): a UID that comes back
 * later in the file must still make one contact, merged. */
static void
test_big_import_uid_twice (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = write_many_cards (fixture, 1500);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(ReseauImport) import = NULL;
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  char *more;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  more = g_strconcat (text, "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:many-7\r\nFN:Personne 7\r\n"
                      "TEL:+33 7 99 99 99 99\r\nEND:VCARD\r\n", NULL);
  g_file_set_contents (path, more, -1, &error);
  g_free (more);
  g_assert_no_error (error);

  import = import_file (fixture, file);
  g_assert_cmpuint (reseau_import_count (import, RESEAU_IMPORT_ACTION_NEW), ==, 1500);
  g_assert_cmpuint (count_contacts (fixture), ==, 1500);

  loaded = load (fixture, "many-7");
  g_assert_cmpuint (reseau_contact_get_values (loaded, RESEAU_FIELD_PHONE)->len, ==, 2);
  g_assert_cmpuint (reseau_contact_get_values (loaded, RESEAU_FIELD_EMAIL)->len, ==, 1);
}

static guint
count_matches (Fixture    *fixture,
               const char *text)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  ids = reseau_database_search (fixture->database, text, &error);
  g_assert_no_error (error);
  return ids->len;
}

/* One row of a query on the database file, through a connection of the
 * test's own. */
static char *
query_file (Fixture    *fixture,
            const char *sql)
{
  g_autofree char *path = g_build_filename (fixture->dir, "reseau.db", NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return text;
}

/* A big file into an empty address book has its search index built on
 * another thread and copied in, with a rollback journal for the
 * transaction and the connection opened again afterwards. The index must
 * come out whole, searchable at once, still in use by the connection for
 * the next save (FTS5 keeps the structure it read before the import in
 * memory), and the database back in WAL mode. */
static void
test_big_first_import_search (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GFile) file = write_many_cards (fixture, 1500);
  g_autoptr(ReseauImport) import = NULL;
  g_autoptr(ReseauContact) later = reseau_contact_new ();
  g_autofree char *journal_mode = NULL;
  g_autofree char *integrity = NULL;

  /* As the window's search field would, before the import. */
  g_assert_cmpuint (count_matches (fixture, "personne"), ==, 0);

  import = import_file (fixture, file);
  g_assert_cmpuint (reseau_import_count (import, RESEAU_IMPORT_ACTION_NEW), ==, 1500);
  g_assert_cmpuint (count_matches (fixture, "personne"), ==, 1500);
  g_assert_cmpuint (count_matches (fixture, "personne1234@example.org"), ==, 1);
  g_assert_cmpuint (count_matches (fixture, "1499"), ==, 1);

  reseau_contact_set_full_name (later, "Personne Tardive");
  save (fixture, later);
  g_assert_cmpuint (count_matches (fixture, "personne"), ==, 1501);
  g_assert_cmpuint (count_matches (fixture, "tardive"), ==, 1);

  journal_mode = query_file (fixture, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  integrity = query_file (fixture, "INSERT INTO contacts_search (contacts_search) VALUES ('integrity-check')");
  g_assert_null (integrity);
  g_clear_pointer (&integrity, g_free);
  integrity = query_file (fixture, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
}

/* A cancelled first import writes nothing, its search index included, and
 * leaves the database as usable as before. */
static void
test_big_first_import_cancelled (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GFile) file = write_many_cards (fixture, 1500);
  g_autoptr(ReseauImport) import = prepare_files (fixture, file, NULL);
  g_autoptr(ReseauImport) again = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *n_indexed = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (reseau_import_apply (import, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_contacts (fixture), ==, 0);
  g_assert_cmpuint (count_matches (fixture, "personne"), ==, 0);
  n_indexed = query_file (fixture, "SELECT count(*) FROM contacts_search");
  g_assert_cmpstr (n_indexed, ==, "0");

  again = import_file (fixture, file);
  g_assert_cmpuint (count_contacts (fixture), ==, 1500);
  g_assert_cmpuint (count_matches (fixture, "personne"), ==, 1500);
}

/* With another connection on the file (another Réseau, the CLI), the
 * journal cannot change: the import goes through in WAL. */
static void
test_big_first_import_shared (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GFile) file = write_many_cards (fixture, 1500);
  g_autoptr(ReseauImport) import = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "reseau.db", NULL);
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "SELECT count(*) FROM contacts", NULL, NULL, NULL), ==, SQLITE_OK);

  import = import_file (fixture, file);
  g_assert_cmpuint (count_contacts (fixture), ==, 1500);
  g_assert_cmpuint (count_matches (fixture, "personne"), ==, 1500);
  sqlite3_close (other);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  for (guint i = 0; i < G_N_ELEMENTS (fixture_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/fixtures/%s", fixture_files[i].name);

      g_test_add (path, Fixture, &fixture_files[i], fixture_set_up, test_fixture_files, fixture_tear_down);
    }
  ADD ("/import/fixtures/all-together", test_all_fixtures_together);
  ADD ("/import/match/newer-export", test_newer_export);
  ADD ("/import/match/kinds", test_match_kinds);
  ADD ("/import/match/same-person-twice", test_same_person_twice_in_import);
  ADD ("/import/groups", test_group_cards);
  ADD ("/import/bad/broken-card", test_broken_card_in_the_middle);
  ADD ("/import/bad/unknown-format", test_unknown_format);
  ADD ("/import/bad/unreadable", test_unreadable);
  ADD ("/import/bad/empty-card", test_empty_card_is_a_problem);
  ADD ("/import/cancel/apply", test_cancel_apply);
  ADD ("/import/cancel/apply-async", test_async_cancel_apply);
  ADD ("/import/cancel/prepare", test_cancel_prepare);
  ADD ("/import/async/progress", test_async_progress);
  ADD ("/import/export/round-trip", test_export_round_trip);
  ADD ("/import/export/versions", test_export_versions);
  ADD ("/import/export/failure", test_export_failure);
  ADD ("/import/big-reimport", test_big_reimport);
  ADD ("/import/big-uid-twice", test_big_import_uid_twice);
  ADD ("/import/big-first-import-search", test_big_first_import_search);
  ADD ("/import/big-first-import-cancelled", test_big_first_import_cancelled);
  ADD ("/import/big-first-import-shared", test_big_first_import_shared);

#undef ADD

  return g_test_run ();
}
