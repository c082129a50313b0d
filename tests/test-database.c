/* test-database.c — contacts in and out of the database, errors on bad files
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
  char           *path;
  ReseauDatabase *database;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = reseau_test_make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "sub", "reseau.db", NULL);
  fixture->database = reseau_database_new (fixture->path);
  reseau_database_open (fixture->database, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  g_chmod (fixture->dir, 0700);
  reseau_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static ReseauContact *
make_full_contact (void)
{
  ReseauContact *contact = reseau_contact_new ();
  ReseauAddress address = { .label = (char *) "work", .street = (char *) "3 place Bellecour",
                            .postal_code = (char *) "69002", .locality = (char *) "Lyon", .country = (char *) "France" };
  g_autoptr(GBytes) photo = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);

  reseau_contact_set_given_name (contact, "Élodie");
  reseau_contact_set_family_name (contact, "Lefèvre");
  reseau_contact_set_nickname (contact, "Élo");
  reseau_contact_set_organization (contact, "Atelier Chêne");
  reseau_contact_set_title (contact, "Graphiste indépendante");
  reseau_contact_set_role (contact, "Direction artistique");
  reseau_contact_set_anniversary (contact, 2016, 9, 24);
  reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, "work", "elodie@atelier-chene.fr");
  reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, "home", "elo.lefevre@orange.fr");
  reseau_contact_add_value (contact, RESEAU_FIELD_PHONE, "mobile", "+33 6 12 34 56 78");
  reseau_contact_add_value (contact, RESEAU_FIELD_URL, NULL, "https://atelier-chene.fr");
  reseau_contact_add_address (contact, &address);
  reseau_contact_set_birthday (contact, 0, 4, 12);
  reseau_contact_set_note (contact, "Rencontrée au petit-déjeuner du coworking ; cherche un développeur.");
  reseau_contact_set_photo (contact, photo);
  reseau_contact_add_tag (contact, "Partenaire");
  reseau_contact_add_tag (contact, "Coworking");
  reseau_contact_set_how_met (contact, "Petit-déjeuner de La Cordée");
  reseau_contact_set_met_on (contact, "2024-03-12");
  reseau_contact_set_cadence_days (contact, 30);
  reseau_contact_set_vcard (contact, "BEGIN:VCARD\r\nVERSION:4.0\r\nX-ABLabel:garder\r\nEND:VCARD\r\n");

  return contact;
}

static void
assert_same_contact (ReseauContact *a,
                     ReseauContact *b)
{
  g_autofree char *birthday_a = reseau_contact_format_birthday (a);
  g_autofree char *birthday_b = reseau_contact_format_birthday (b);
  g_autofree char *anniversary_a = reseau_contact_format_anniversary (a);
  g_autofree char *anniversary_b = reseau_contact_format_anniversary (b);

  g_assert_cmpstr (reseau_contact_get_uid (a), ==, reseau_contact_get_uid (b));
  g_assert_cmpint (reseau_contact_get_kind (a), ==, reseau_contact_get_kind (b));
  g_assert_cmpstr (reseau_contact_get_display_name (a), ==, reseau_contact_get_display_name (b));
  g_assert_cmpstr (reseau_contact_get_given_name (a), ==, reseau_contact_get_given_name (b));
  g_assert_cmpstr (reseau_contact_get_family_name (a), ==, reseau_contact_get_family_name (b));
  g_assert_cmpstr (reseau_contact_get_nickname (a), ==, reseau_contact_get_nickname (b));
  g_assert_cmpstr (reseau_contact_get_organization (a), ==, reseau_contact_get_organization (b));
  g_assert_cmpstr (reseau_contact_get_title (a), ==, reseau_contact_get_title (b));
  g_assert_cmpstr (reseau_contact_get_role (a), ==, reseau_contact_get_role (b));
  g_assert_cmpstr (reseau_contact_get_full_name (a), ==, reseau_contact_get_full_name (b));
  g_assert_cmpstr (reseau_contact_get_prefix (a), ==, reseau_contact_get_prefix (b));
  g_assert_cmpstr (reseau_contact_get_additional_names (a), ==,
                   reseau_contact_get_additional_names (b));
  g_assert_cmpstr (reseau_contact_get_suffix (a), ==, reseau_contact_get_suffix (b));
  for (guint f = 0; f < RESEAU_N_FIELDS; f++)
    {
      GPtrArray *va = reseau_contact_get_values (a, f);
      GPtrArray *vb = reseau_contact_get_values (b, f);

      g_assert_cmpuint (va->len, ==, vb->len);
      for (guint i = 0; i < va->len; i++)
        {
          ReseauLabeledValue *x = g_ptr_array_index (va, i);
          ReseauLabeledValue *y = g_ptr_array_index (vb, i);

          g_assert_cmpstr (x->label, ==, y->label);
          g_assert_cmpstr (x->value, ==, y->value);
        }
    }
  g_assert_cmpuint (reseau_contact_get_addresses (a)->len, ==,
                    reseau_contact_get_addresses (b)->len);
  for (guint i = 0; i < reseau_contact_get_addresses (a)->len; i++)
    {
      g_autofree char *fa = reseau_address_format (g_ptr_array_index (reseau_contact_get_addresses (a), i));
      g_autofree char *fb = reseau_address_format (g_ptr_array_index (reseau_contact_get_addresses (b), i));
      g_assert_cmpstr (fa, ==, fb);
    }
  g_assert_cmpstr (birthday_a, ==, birthday_b);
  g_assert_cmpstr (anniversary_a, ==, anniversary_b);
  g_assert_cmpstr (reseau_contact_get_note (a), ==, reseau_contact_get_note (b));
  g_assert_true ((reseau_contact_get_photo (a) == NULL) == (reseau_contact_get_photo (b) == NULL));
  if (reseau_contact_get_photo (a) != NULL)
    g_assert_true (g_bytes_equal (reseau_contact_get_photo (a), reseau_contact_get_photo (b)));
  g_assert_cmpuint (reseau_contact_get_tags (a)->len, ==, reseau_contact_get_tags (b)->len);
  for (guint i = 0; i < reseau_contact_get_tags (a)->len; i++)
    g_assert_cmpstr (g_ptr_array_index (reseau_contact_get_tags (a), i), ==,
                     g_ptr_array_index (reseau_contact_get_tags (b), i));
  g_assert_cmpstr (reseau_contact_get_how_met (a), ==, reseau_contact_get_how_met (b));
  g_assert_cmpstr (reseau_contact_get_met_on (a), ==, reseau_contact_get_met_on (b));
  g_assert_cmpstr (reseau_contact_get_introduced_by (a), ==, reseau_contact_get_introduced_by (b));
  g_assert_cmpuint (reseau_contact_get_cadence_days (a), ==, reseau_contact_get_cadence_days (b));
  g_assert_cmpstr (reseau_contact_get_vcard (a), ==, reseau_contact_get_vcard (b));
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = make_full_contact ();
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  reseau_database_save_contact (fixture->database, contact, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reseau_contact_get_id (contact), >, 0);
  g_assert_cmpint (reseau_contact_get_created_at (contact), >, 0);

  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (contact), &error);
  g_assert_no_error (error);
  assert_same_contact (contact, loaded);
  g_assert_cmpint (reseau_contact_get_created_at (loaded), ==, reseau_contact_get_created_at (contact));
}

static void
test_update_keeps_creation_time (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = make_full_contact ();
  g_autoptr(ReseauContact) edited = NULL;
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  reseau_database_save_contact (fixture->database, contact, &error);
  g_assert_no_error (error);

  edited = reseau_contact_copy (contact);
  reseau_contact_clear_values (edited, RESEAU_FIELD_EMAIL);
  reseau_contact_add_value (edited, RESEAU_FIELD_EMAIL, "work", "elodie@nouvelle.fr");
  reseau_contact_clear_tags (edited);
  reseau_contact_add_tag (edited, "Client");
  reseau_database_save_contact (fixture->database, edited, &error);
  g_assert_no_error (error);

  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (contact), &error);
  g_assert_no_error (error);
  assert_same_contact (edited, loaded);
  g_assert_cmpint (reseau_contact_get_id (loaded), ==, reseau_contact_get_id (contact));
  g_assert_cmpint (reseau_contact_get_created_at (loaded), ==, reseau_contact_get_created_at (contact));

  all = reseau_database_list_contacts (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
}

static void
test_introduced_by (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ReseauContact) anne = reseau_contact_new ();
  g_autoptr(ReseauContact) paul = reseau_contact_new ();
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GError) error = NULL;

  reseau_contact_set_full_name (anne, "Anne Ménard");
  reseau_database_save_contact (fixture->database, anne, &error);
  g_assert_no_error (error);

  reseau_contact_set_full_name (paul, "Paul Bézier");
  reseau_contact_set_introduced_by (paul, reseau_contact_get_uid (anne));
  reseau_database_save_contact (fixture->database, paul, &error);
  g_assert_no_error (error);

  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (paul), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_introduced_by (loaded), ==, reseau_contact_get_uid (anne));

  /* Deleting the introducer leaves the other contact whole. */
  reseau_database_delete_contact (fixture->database, reseau_contact_get_uid (anne), &error);
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (paul), &error);
  g_assert_no_error (error);
  g_assert_null (reseau_contact_get_introduced_by (loaded));
  g_assert_cmpstr (reseau_contact_get_display_name (loaded), ==, "Paul Bézier");
}

static void
test_empty_contact_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ReseauContact) empty = reseau_contact_new ();
  g_autoptr(ReseauContact) by_email = reseau_contact_new ();
  g_autoptr(ReseauContact) by_org = reseau_contact_new ();
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;

  reseau_contact_set_note (empty, "Seulement une note");
  g_assert_false (reseau_database_save_contact (fixture->database, empty, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_EMPTY_CONTACT);
  g_clear_error (&error);

  reseau_contact_add_value (by_email, RESEAU_FIELD_EMAIL, NULL, "contact@oxalis.coop");
  reseau_contact_set_organization (by_org, "Oxalis");
  g_assert_true (reseau_database_save_contact (fixture->database, by_email, &error));
  g_assert_no_error (error);
  g_assert_true (reseau_database_save_contact (fixture->database, by_org, &error));
  g_assert_no_error (error);

  summaries = reseau_database_list_summaries (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 2);
  g_assert_cmpstr (((ReseauContactSummary *) summaries->pdata[0])->display_name, ==,
                   "contact@oxalis.coop");
  g_assert_cmpstr (((ReseauContactSummary *) summaries->pdata[1])->display_name, ==, "Oxalis");
}

static void
test_big_note (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GString *note = g_string_new (NULL);

  while (note->len < 1024 * 1024)
    g_string_append (note, "Projet de refonte du site, très bon échange. ");
  g_string_append (note, "motdelafin");

  reseau_contact_set_full_name (contact, "Note Géante");
  reseau_contact_set_note (contact, note->str);
  reseau_database_save_contact (fixture->database, contact, &error);
  g_assert_no_error (error);

  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (contact), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_note (loaded), ==, note->str);

  ids = reseau_database_search (fixture->database, "motdelafin", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);

  g_string_free (note, TRUE);
}

static guint
count_matches (ReseauDatabase *database,
               const char     *text)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  ids = reseau_database_search (database, text, &error);
  g_assert_no_error (error);
  return ids->len;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ReseauContact) elodie = make_full_contact ();
  g_autoptr(ReseauContact) helene = reseau_contact_new ();
  g_autoptr(GError) error = NULL;

  reseau_contact_set_full_name (helene, "HÉLÈNE Œuvray");
  reseau_contact_add_value (helene, RESEAU_FIELD_PHONE, NULL, "06 98 76 54 32");
  reseau_contact_add_tag (helene, "Prospect");
  g_assert_true (reseau_database_save_contact (fixture->database, elodie, &error));
  g_assert_true (reseau_database_save_contact (fixture->database, helene, &error));
  g_assert_no_error (error);

  /* Names, with and without accents and case. */
  g_assert_cmpuint (count_matches (fixture->database, "elodie"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "ÉLO"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "lefevre"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "helene"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "hélène"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "oeuv"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "œuvray"), ==, 1);
  /* Organization, title, email parts, tags, notes, how we met, address. */
  g_assert_cmpuint (count_matches (fixture->database, "chêne"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "graphiste"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "elo.lefev"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "orange"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "prospect"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "developpeur"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "cordee"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "lyon"), ==, 1);
  /* Phones, national and international, typed with or without spaces. */
  g_assert_cmpuint (count_matches (fixture->database, "0612"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "06 12 34"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "+33 6 12"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "0698"), ==, 1);
  /* Every word must match. */
  g_assert_cmpuint (count_matches (fixture->database, "elodie prospect"), ==, 0);
  g_assert_cmpuint (count_matches (fixture->database, "helene prosp"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "zzz"), ==, 0);
  /* FTS syntax in what the user types is harmless. */
  g_assert_cmpuint (count_matches (fixture->database, "\"elodie OR NEAR("), ==, 0);
  g_assert_cmpuint (count_matches (fixture->database, "*"), ==, 0);
}

static void
test_trash_and_restore (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = make_full_contact ();
  g_autoptr(ReseauContact) restored = NULL;
  g_autoptr(ReseauContact) missing = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GAsyncResult) trashed = NULL;
  g_autoptr(GAsyncResult) untrashed = NULL;
  g_autoptr(GAsyncResult) emptied = NULL;
  g_autoptr(GError) error = NULL;
  const char *uid = reseau_contact_get_uid (contact);

  reseau_database_save_contact (fixture->database, contact, &error);
  g_assert_no_error (error);

  reseau_database_trash_contact_async (fixture->database, uid, NULL, reseau_test_store_result, &trashed);
  reseau_database_trash_contact_finish (fixture->database, reseau_test_await_result (&trashed), &error);
  g_assert_no_error (error);

  missing = reseau_database_load_contact (fixture->database, uid, &error);
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_clear_error (&error);
  summaries = reseau_database_list_summaries (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 0);
  g_assert_cmpuint (count_matches (fixture->database, "elodie"), ==, 0);

  /* Undo brings back every field, and search finds it again. */
  reseau_database_restore_contact_async (fixture->database, uid, NULL, reseau_test_store_result, &untrashed);
  reseau_database_restore_contact_finish (fixture->database, reseau_test_await_result (&untrashed), &error);
  g_assert_no_error (error);
  restored = reseau_database_load_contact (fixture->database, uid, &error);
  g_assert_no_error (error);
  assert_same_contact (contact, restored);
  g_assert_cmpuint (count_matches (fixture->database, "elodie"), ==, 1);

  /* Emptying the trash keeps what is not in it. */
  reseau_database_empty_trash_async (fixture->database, NULL, reseau_test_store_result, &emptied);
  reseau_database_empty_trash_finish (fixture->database, reseau_test_await_result (&emptied), &error);
  g_assert_no_error (error);
  g_clear_pointer (&summaries, g_ptr_array_unref);
  summaries = reseau_database_list_summaries (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 1);

  /* And deletes for good what is. */
  g_clear_object (&trashed);
  reseau_database_trash_contact_async (fixture->database, uid, NULL, reseau_test_store_result, &trashed);
  reseau_database_trash_contact_finish (fixture->database, reseau_test_await_result (&trashed), &error);
  g_assert_no_error (error);
  g_assert_true (reseau_database_empty_trash (fixture->database, &error));
  g_assert_no_error (error);
  g_clear_object (&untrashed);
  reseau_database_restore_contact_async (fixture->database, uid, NULL, reseau_test_store_result, &untrashed);
  g_assert_false (reseau_database_restore_contact_finish (fixture->database,
                                                          reseau_test_await_result (&untrashed), &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
}

static void
test_async_load_and_cancel (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = make_full_contact ();
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  reseau_database_save_contact (fixture->database, contact, &error);
  g_assert_no_error (error);

  reseau_database_load_contact_async (fixture->database, reseau_contact_get_uid (contact),
                                      NULL, reseau_test_store_result, &result);
  loaded = reseau_database_load_contact_finish (fixture->database, reseau_test_await_result (&result), &error);
  g_assert_no_error (error);
  assert_same_contact (contact, loaded);

  g_cancellable_cancel (cancellable);
  reseau_database_load_contact_async (fixture->database, reseau_contact_get_uid (contact),
                                      cancellable, reseau_test_store_result, &cancelled_result);
  g_assert_null (reseau_database_load_contact_finish (fixture->database,
                                                      reseau_test_await_result (&cancelled_result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_tags_listed (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ReseauContact) a = make_full_contact ();
  g_autoptr(ReseauContact) b = reseau_contact_new ();
  g_auto(GStrv) tags = NULL;
  g_autoptr(GError) error = NULL;

  reseau_contact_set_full_name (b, "Bruno");
  reseau_contact_add_tag (b, "client");
  reseau_contact_add_tag (b, "partenaire");  /* same tag as "Partenaire" */
  g_assert_true (reseau_database_save_contact (fixture->database, a, &error));
  g_assert_true (reseau_database_save_contact (fixture->database, b, &error));
  g_assert_no_error (error);

  tags = reseau_database_list_tags (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (tags), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) tags, "Partenaire"));
  g_assert_true (g_strv_contains ((const char * const *) tags, "Coworking"));
  g_assert_true (g_strv_contains ((const char * const *) tags, "client"));
}

static void
test_sorted_with_accents_folded (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *names[] = { "fabrice", "Émile", "Denis", "élodie", "Zoé", "Ève", "42 Agence" };
  const char *expected[] = { "42 Agence", "Denis", "élodie", "Émile", "Ève", "fabrice", "Zoé" };
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      ReseauContact *contact = reseau_contact_new ();

      reseau_contact_set_full_name (contact, names[i]);
      g_ptr_array_add (contacts, contact);
    }
  g_assert_true (reseau_database_save_contacts (fixture->database, contacts, &error));
  g_assert_no_error (error);

  summaries = reseau_database_list_summaries (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < summaries->len; i++)
    g_assert_cmpstr (((ReseauContactSummary *) summaries->pdata[i])->display_name, ==, expected[i]);
}

static void
test_batch_is_one_transaction (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;
  ReseauContact *good = reseau_contact_new ();

  reseau_contact_set_full_name (good, "Valide");
  g_ptr_array_add (contacts, good);
  g_ptr_array_add (contacts, reseau_contact_new ());  /* empty: refused */

  g_assert_false (reseau_database_save_contacts (fixture->database, contacts, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_EMPTY_CONTACT);
  g_clear_error (&error);

  summaries = reseau_database_list_summaries (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 0);
}

static void
test_missing_contact (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (reseau_database_load_contact (fixture->database, "urn:uuid:nope", &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (reseau_database_delete_contact (fixture->database, "urn:uuid:nope", &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
}

static void
test_role_and_anniversary (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(ReseauContact) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  int year, month, day;

  reseau_contact_set_full_name (contact, "Inès Garnier");
  reseau_contact_set_role (contact, "Déléguée à la protection des données");
  /* A year-less anniversary, as vCard's "--MMDD" allows. */
  g_assert_true (reseau_contact_set_anniversary (contact, 0, 2, 29));
  g_assert_true (reseau_database_save_contact (fixture->database, contact, &error));
  g_assert_no_error (error);

  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (contact), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_role (loaded), ==, "Déléguée à la protection des données");
  g_assert_true (reseau_contact_get_anniversary (loaded, &year, &month, &day));
  g_assert_cmpint (year, ==, 0);
  g_assert_cmpint (month, ==, 2);
  g_assert_cmpint (day, ==, 29);
  g_assert_false (reseau_contact_get_birthday (loaded, &year, &month, &day));

  /* The role is searchable, folded like every other field. */
  g_assert_cmpuint (count_matches (fixture->database, "deleguee protection"), ==, 1);

  /* Clearing both really clears them. */
  reseau_contact_set_role (loaded, NULL);
  reseau_contact_clear_anniversary (loaded);
  g_assert_true (reseau_database_save_contact (fixture->database, loaded, &error));
  g_assert_no_error (error);
  reloaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (contact), &error);
  g_assert_no_error (error);
  g_assert_null (reseau_contact_get_role (reloaded));
  g_assert_false (reseau_contact_get_anniversary (reloaded, &year, &month, &day));
  g_assert_cmpuint (count_matches (fixture->database, "deleguee"), ==, 0);
}

static ReseauContact *
make_named_contact (const char *name,
                    const char *email)
{
  ReseauContact *contact = reseau_contact_new ();

  reseau_contact_set_full_name (contact, name);
  if (email != NULL)
    reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, "work", email);

  return contact;
}

/* The database folds names word by word for speed: the sort keys must be
 * exactly what reseau_text_fold() makes of the whole name, ligatures,
 * compatibility forms and stray combining marks included. */
static void
test_sort_keys_folded_exactly (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *names[] = {
    /* a combining acute after a plain E; the "fi" ligature */
    "E\xcc\x81lodie  \xef\xac\x81n",
    /* a combining mark just after a space */
    "Jean \xcc\x81" "Accent",
    /* the title-case digraph "Dz" with caron, then "L" with stroke */
    "\xc7\x85" "emal \xc5\x81ukasz",
    /* "FULL" in full-width letters */
    "\xef\xbc\xa6\xef\xbc\xb5\xef\xbc\xac\xef\xbc\xac large",
    "Œuvray Straße",
    "ÀÉÎÕÜ ñ ç", "plain ASCII Name", " Espace\tTab ",
  };
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (contacts, make_named_contact (names[i], NULL));
  g_assert_true (reseau_database_save_contacts (fixture->database, contacts, &error));
  g_assert_no_error (error);

  summaries = reseau_database_list_summaries (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < summaries->len; i++)
    {
      ReseauContactSummary *summary = g_ptr_array_index (summaries, i);
      g_autofree char *expected = reseau_text_fold (summary->display_name);

      g_assert_cmpstr (summary->sort_key, ==, expected);
    }

  /* And the search index holds the same folding. */
  g_assert_cmpuint (count_matches (fixture->database, "oeuvray strasse"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "elodie fin"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "full"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "lukasz"), ==, 1);
}

static const ReseauContactKeys *
find_keys (GPtrArray  *all_keys,
           const char *uid)
{
  for (guint i = 0; i < all_keys->len; i++)
    {
      const ReseauContactKeys *keys = g_ptr_array_index (all_keys, i);

      if (g_strcmp0 (keys->uid, uid) == 0)
        return keys;
    }

  return NULL;
}

static void
test_contact_keys (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ReseauContact) elodie = make_full_contact ();
  g_autoptr(ReseauContact) oxalis = reseau_contact_new ();
  g_autoptr(ReseauContact) bare = make_named_contact ("Sans Coordonnées", NULL);
  g_autoptr(ReseauContact) trashed = make_named_contact ("Partie", "partie@exemple.fr");
  g_autoptr(GPtrArray) all_keys = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const ReseauContactKeys *keys;

  reseau_contact_set_organization (oxalis, "Oxalis");
  reseau_contact_set_kind (oxalis, RESEAU_CONTACT_KIND_ORGANIZATION);
  reseau_contact_add_value (oxalis, RESEAU_FIELD_PHONE, "work", "04 78 00 00 01");
  reseau_contact_add_value (oxalis, RESEAU_FIELD_PHONE, NULL, "+33 4 78 00 00 02");
  reseau_contact_add_value (oxalis, RESEAU_FIELD_URL, NULL, "https://oxalis.coop");
  g_assert_true (reseau_database_save_contact (fixture->database, elodie, &error));
  g_assert_true (reseau_database_save_contact (fixture->database, oxalis, &error));
  g_assert_true (reseau_database_save_contact (fixture->database, bare, &error));
  g_assert_true (reseau_database_save_contact (fixture->database, trashed, &error));
  g_assert_no_error (error);
  reseau_database_trash_contact_async (fixture->database, reseau_contact_get_uid (trashed),
                                       NULL, reseau_test_store_result, &result);
  g_assert_true (reseau_database_trash_contact_finish (fixture->database, reseau_test_await_result (&result),
                                                       &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  reseau_database_list_contact_keys_async (fixture->database, NULL, reseau_test_store_result, &result);
  all_keys = reseau_database_list_contact_keys_finish (fixture->database, reseau_test_await_result (&result),
                                                       &error);
  g_assert_no_error (error);
  /* The trashed contact is not one to match against. */
  g_assert_cmpuint (all_keys->len, ==, 3);
  g_assert_null (find_keys (all_keys, reseau_contact_get_uid (trashed)));

  keys = find_keys (all_keys, reseau_contact_get_uid (elodie));
  g_assert_nonnull (keys);
  g_assert_cmpint (keys->id, ==, reseau_contact_get_id (elodie));
  g_assert_cmpstr (keys->display_name, ==, "Élodie Lefèvre");
  g_assert_cmpstr (keys->organization, ==, "Atelier Chêne");
  g_assert_cmpuint (g_strv_length (keys->emails), ==, 2);
  g_assert_cmpstr (keys->emails[0], ==, "elodie@atelier-chene.fr");
  g_assert_cmpstr (keys->emails[1], ==, "elo.lefevre@orange.fr");
  g_assert_cmpuint (g_strv_length (keys->phones), ==, 1);
  g_assert_cmpstr (keys->phones[0], ==, "+33 6 12 34 56 78");

  keys = find_keys (all_keys, reseau_contact_get_uid (oxalis));
  g_assert_nonnull (keys);
  g_assert_cmpstr (keys->display_name, ==, "Oxalis");
  g_assert_cmpstr (keys->organization, ==, "Oxalis");
  g_assert_nonnull (keys->emails);
  g_assert_cmpuint (g_strv_length (keys->emails), ==, 0);
  /* URLs are not keys; phones keep their order and their spelling. */
  g_assert_cmpuint (g_strv_length (keys->phones), ==, 2);
  g_assert_cmpstr (keys->phones[0], ==, "04 78 00 00 01");
  g_assert_cmpstr (keys->phones[1], ==, "+33 4 78 00 00 02");

  keys = find_keys (all_keys, reseau_contact_get_uid (bare));
  g_assert_nonnull (keys);
  g_assert_null (keys->organization);
  g_assert_nonnull (keys->emails);
  g_assert_nonnull (keys->phones);
  g_assert_cmpuint (g_strv_length (keys->emails), ==, 0);
  g_assert_cmpuint (g_strv_length (keys->phones), ==, 0);

  /* The blocking call gives the same. */
  g_clear_pointer (&all_keys, g_ptr_array_unref);
  all_keys = reseau_database_list_contact_keys (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all_keys->len, ==, 3);
}

static void
test_load_contacts (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ReseauContact) anne = make_named_contact ("Anne", "anne@exemple.fr");
  g_autoptr(ReseauContact) bruno = make_named_contact ("Bruno", NULL);
  g_autoptr(ReseauContact) chloe = make_full_contact ();
  g_autoptr(ReseauContact) gone = make_named_contact ("Partie", NULL);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *uids[] = {
    reseau_contact_get_uid (chloe),
    "urn:uuid:inconnu",
    reseau_contact_get_uid (anne),
    reseau_contact_get_uid (gone),
    reseau_contact_get_uid (bruno),
    NULL
  };

  g_assert_true (reseau_database_save_contact (fixture->database, anne, &error));
  g_assert_true (reseau_database_save_contact (fixture->database, bruno, &error));
  g_assert_true (reseau_database_save_contact (fixture->database, chloe, &error));
  g_assert_true (reseau_database_save_contact (fixture->database, gone, &error));
  g_assert_no_error (error);
  reseau_database_trash_contact_async (fixture->database, reseau_contact_get_uid (gone),
                                       NULL, reseau_test_store_result, &result);
  g_assert_true (reseau_database_trash_contact_finish (fixture->database, reseau_test_await_result (&result),
                                                       &error));
  g_assert_no_error (error);

  /* In the order asked, without the unknown and the trashed ones. */
  loaded = reseau_database_load_contacts (fixture->database, uids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 3);
  assert_same_contact (chloe, g_ptr_array_index (loaded, 0));
  assert_same_contact (anne, g_ptr_array_index (loaded, 1));
  assert_same_contact (bruno, g_ptr_array_index (loaded, 2));

  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = reseau_database_load_contacts (fixture->database, (const char * const *) &uids[5], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 0);
}

/* Everything a user could see of the database, as text, to tell whether
 * anything changed. */
static char *
describe_database (ReseauDatabase *database)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  GString *text = g_string_new (NULL);

  contacts = reseau_database_list_contacts (database, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    {
      ReseauContact *contact = g_ptr_array_index (contacts, i);
      GPtrArray *contact_tags = reseau_contact_get_tags (contact);

      g_string_append_printf (text, "%" G_GINT64_FORMAT " %s %s|%s|%s|%s|%" G_GINT64_FORMAT "|",
                              reseau_contact_get_id (contact),
                              reseau_contact_get_uid (contact),
                              reseau_contact_get_display_name (contact),
                              reseau_contact_get_organization (contact),
                              reseau_contact_get_first_value (contact, RESEAU_FIELD_EMAIL),
                              reseau_contact_get_introduced_by (contact),
                              reseau_contact_get_updated_at (contact));
      for (guint t = 0; t < contact_tags->len; t++)
        g_string_append_printf (text, "%s,", (char *) g_ptr_array_index (contact_tags, t));
      g_string_append_c (text, '\n');
    }

  tags = reseau_database_list_tags (database, &error);
  g_assert_no_error (error);
  for (guint i = 0; tags[i] != NULL; i++)
    g_string_append_printf (text, "tag %s\n", tags[i]);

  g_string_append_printf (text, "matches %u %u\n", count_matches (database, "a"),
                          count_matches (database, "import"));

  return g_string_free (text, FALSE);
}

static GPtrArray *
make_import (guint n_contacts)
{
  GPtrArray *contacts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_contacts; i++)
    {
      g_autofree char *name = g_strdup_printf ("Import %u Dupré", i);
      g_autofree char *email = g_strdup_printf ("import%u@exemple.fr", i);
      ReseauContact *contact = make_named_contact (name, email);

      reseau_contact_add_tag (contact, i % 2 ? "Importé" : "importé");
      reseau_contact_add_tag (contact, i % 3 ? "Salon" : "salon");
      g_ptr_array_add (contacts, contact);
    }

  return contacts;
}

static void
test_import_writes_all (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ReseauContact) existing = make_full_contact ();
  g_autoptr(ReseauContact) updated = NULL;
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GPtrArray) contacts = make_import (200);
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  guint n_saved = 0;

  g_assert_true (reseau_database_save_contact (fixture->database, existing, &error));
  g_assert_no_error (error);

  /* A card for a contact already there updates it in place. */
  updated = reseau_contact_copy (existing);
  reseau_contact_set_title (updated, "Directrice de création");
  reseau_contact_clear_tags (updated);
  reseau_contact_add_tag (updated, "salon");
  g_ptr_array_add (contacts, g_object_ref (updated));

  reseau_database_import_contacts_async (fixture->database, contacts, &n_saved, NULL,
                                         reseau_test_store_result, &result);
  g_assert_true (reseau_database_import_contacts_finish (fixture->database,
                                                         reseau_test_await_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_saved, ==, 201);

  summaries = reseau_database_list_summaries (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 201);
  for (guint i = 0; i < contacts->len; i++)
    g_assert_cmpint (reseau_contact_get_id (g_ptr_array_index (contacts, i)), >, 0);
  g_assert_cmpint (reseau_contact_get_id (updated), ==, reseau_contact_get_id (existing));

  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (existing),
                                         &error);
  g_assert_no_error (error);
  assert_same_contact (updated, loaded);
  g_assert_cmpint (reseau_contact_get_created_at (loaded), ==,
                   reseau_contact_get_created_at (existing));

  g_clear_object (&loaded);
  loaded = reseau_database_load_contact (fixture->database,
                                         reseau_contact_get_uid (g_ptr_array_index (contacts, 6)),
                                         &error);
  g_assert_no_error (error);
  assert_same_contact (g_ptr_array_index (contacts, 6), loaded);

  /* Tags that differ only by ASCII case are one tag, spelt as first met;
   * the old "Partenaire" and "Coworking" are no longer used by anyone. */
  tags = reseau_database_list_tags (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (tags), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) tags, "importé"));
  g_assert_true (g_strv_contains ((const char * const *) tags, "salon"));

  g_assert_cmpuint (count_matches (fixture->database, "import"), ==, 200);
  g_assert_cmpuint (count_matches (fixture->database, "import dupre 137"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "directrice creation"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "graphiste"), ==, 0);

  /* Importing the same cards again changes nothing but the times. */
  n_saved = 0;
  g_assert_true (reseau_database_import_contacts (fixture->database, contacts, &n_saved, NULL,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_saved, ==, 201);
  g_clear_pointer (&summaries, g_ptr_array_unref);
  summaries = reseau_database_list_summaries (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 201);
  g_assert_cmpuint (count_matches (fixture->database, "import"), ==, 200);
}

static void
test_import_refuses_empty (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ReseauContact) existing = make_full_contact ();
  g_autoptr(GPtrArray) contacts = make_import (50);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_saved = 99;

  g_assert_true (reseau_database_save_contact (fixture->database, existing, &error));
  g_assert_no_error (error);
  before = describe_database (fixture->database);

  g_ptr_array_insert (contacts, 30, reseau_contact_new ());
  g_assert_false (reseau_database_import_contacts (fixture->database, contacts, &n_saved, NULL,
                                                   &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_EMPTY_CONTACT);
  g_assert_cmpuint (n_saved, ==, 99);

  after = describe_database (fixture->database);
  g_assert_cmpstr (after, ==, before);
}

typedef struct
{
  guint        *n_saved;
  GCancellable *cancellable;
  guint         cancelled_at;
  gint          import_returned;  /* so that a failed test cannot hang */
} Canceller;

/* Plays the user pressing Cancel while the progress bar moves. */
static gpointer
cancel_when_under_way (gpointer data)
{
  Canceller *canceller = data;
  guint n;

  while ((n = (guint) g_atomic_int_get ((gint *) canceller->n_saved)) < 20)
    {
      if (g_atomic_int_get (&canceller->import_returned))
        return NULL;
      g_thread_yield ();
    }

  canceller->cancelled_at = n;
  g_cancellable_cancel (canceller->cancellable);
  return NULL;
}

static void
test_import_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ReseauContact) existing = make_full_contact ();
  g_autoptr(ReseauContact) edited = NULL;
  g_autoptr(GPtrArray) contacts = make_import (4000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  Canceller canceller = { NULL, cancellable, 0, FALSE };
  guint n_saved = 0;
  GThread *thread;

  g_assert_true (reseau_database_save_contact (fixture->database, existing, &error));
  g_assert_no_error (error);
  before = describe_database (fixture->database);

  /* An update among the new contacts must be undone too. */
  edited = reseau_contact_copy (existing);
  reseau_contact_set_organization (edited, "Autre Atelier");
  g_ptr_array_insert (contacts, 0, g_object_ref (edited));

  canceller.n_saved = &n_saved;
  thread = g_thread_new ("canceller", cancel_when_under_way, &canceller);
  g_assert_false (reseau_database_import_contacts (fixture->database, contacts, &n_saved,
                                                   cancellable, &error));
  g_atomic_int_set (&canceller.import_returned, TRUE);
  g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (canceller.cancelled_at, >=, 20);
  /* Nothing is written after all. */
  g_assert_cmpuint (n_saved, ==, 0);

  after = describe_database (fixture->database);
  g_assert_cmpstr (after, ==, before);

  /* Cancelled before it starts: same result, and the database still works. */
  g_clear_error (&error);
  g_assert_false (reseau_database_import_contacts (fixture->database, contacts, NULL,
                                                   cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  reseau_database_import_contacts_async (fixture->database, contacts, NULL, cancellable,
                                         reseau_test_store_result, &result);
  g_assert_false (reseau_database_import_contacts_finish (fixture->database,
                                                          reseau_test_await_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_pointer (&after, g_free);
  after = describe_database (fixture->database);
  g_assert_cmpstr (after, ==, before);

  g_clear_error (&error);
  g_assert_true (reseau_database_import_contacts (fixture->database, contacts, NULL, NULL,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_matches (fixture->database, "import"), ==, 4000);
}

static ReseauContact *
load_or_fail (ReseauDatabase *database,
              ReseauContact  *contact)
{
  g_autoptr(GError) error = NULL;
  ReseauContact *loaded;

  loaded = reseau_database_load_contact (database, reseau_contact_get_uid (contact), &error);
  g_assert_no_error (error);

  return loaded;
}

static void
assert_introduced_by (ReseauDatabase *database,
                      ReseauContact  *contact,
                      ReseauContact  *introducer)
{
  g_autoptr(ReseauContact) loaded = load_or_fail (database, contact);

  g_assert_cmpstr (reseau_contact_get_introduced_by (loaded), ==,
                   introducer ? reseau_contact_get_uid (introducer) : NULL);
}

static void
test_import_introducer_later (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  ReseauContact *anne = make_named_contact ("Anne", NULL);
  ReseauContact *zoe = make_named_contact ("Zoé", NULL);
  ReseauContact *yann = make_named_contact ("Yann", NULL);
  g_autoptr(GError) error = NULL;

  /* An exported file is in name order: Anne's card names Zoé, who comes
   * after her; Yann names someone the file does not hold. */
  reseau_contact_set_introduced_by (anne, reseau_contact_get_uid (zoe));
  reseau_contact_set_introduced_by (yann, "urn:uuid:ailleurs");
  g_ptr_array_add (contacts, anne);
  g_ptr_array_add (contacts, yann);
  g_ptr_array_add (contacts, zoe);

  g_assert_true (reseau_database_import_contacts (fixture->database, contacts, NULL, NULL,
                                                  &error));
  g_assert_no_error (error);
  assert_introduced_by (fixture->database, anne, zoe);
  assert_introduced_by (fixture->database, yann, NULL);
  assert_introduced_by (fixture->database, zoe, NULL);
}

/* The CREATE INDEX statement of an index, read through a connection of
 * its own, or NULL when the index is not there. */
static char *
index_sql (const char *path,
           const char *name)
{
  sqlite3_stmt *stmt = NULL;
  char *sql = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_schema WHERE type = 'index'"
                                       " AND name = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return sql;
}

/* A big import into an empty database takes shortcuts (no UID lookups,
 * the list's indexes built at the end): a UID twice in the batch, an
 * introducer before or after its contact and a cancellation must still
 * come out as on the ordinary path, and the indexes as the schema made
 * them. */
static void
test_import_into_empty (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = make_import (4000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ReseauContact) again = NULL;
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *list_index = index_sql (fixture->path, "contacts_list");
  g_autofree char *tags_index = index_sql (fixture->path, "contact_tags_by_tag");
  g_autofree char *before = describe_database (fixture->database);
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  Canceller canceller = { NULL, cancellable, 0, FALSE };
  guint n_saved = 0;
  GThread *thread;
  gboolean ok;

  g_assert_nonnull (list_index);
  g_assert_nonnull (tags_index);

  reseau_contact_set_introduced_by (g_ptr_array_index (contacts, 1),
                                    reseau_contact_get_uid (g_ptr_array_index (contacts, 0)));
  reseau_contact_set_introduced_by (g_ptr_array_index (contacts, 2),
                                    reseau_contact_get_uid (g_ptr_array_index (contacts, 3900)));
  again = reseau_contact_copy (g_ptr_array_index (contacts, 10));
  reseau_contact_set_title (again, "Revenu");
  reseau_contact_clear_tags (again);
  reseau_contact_add_tag (again, "rappel");
  g_ptr_array_add (contacts, g_object_ref (again));

  /* Cancelled midway: nothing written, the dropped indexes back. */
  canceller.n_saved = &n_saved;
  thread = g_thread_new ("canceller", cancel_when_under_way, &canceller);
  g_assert_false (reseau_database_import_contacts (fixture->database, contacts, &n_saved,
                                                   cancellable, &error));
  g_atomic_int_set (&canceller.import_returned, TRUE);
  g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_saved, ==, 0);
  after = describe_database (fixture->database);
  g_assert_cmpstr (after, ==, before);
  sql = index_sql (fixture->path, "contacts_list");
  g_assert_cmpstr (sql, ==, list_index);
  g_clear_pointer (&sql, g_free);
  sql = index_sql (fixture->path, "contact_tags_by_tag");
  g_assert_cmpstr (sql, ==, tags_index);
  g_clear_pointer (&sql, g_free);

  g_clear_error (&error);
  ok = reseau_database_import_contacts (fixture->database, contacts, &n_saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (n_saved, ==, 4001);

  sql = index_sql (fixture->path, "contacts_list");
  g_assert_cmpstr (sql, ==, list_index);
  g_clear_pointer (&sql, g_free);
  sql = index_sql (fixture->path, "contact_tags_by_tag");
  g_assert_cmpstr (sql, ==, tags_index);

  /* The second card with a UID updates the contact the first one made. */
  summaries = reseau_database_list_summaries (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 4000);
  for (guint i = 1; i < summaries->len; i++)
    g_assert_cmpstr (((ReseauContactSummary *) g_ptr_array_index (summaries, i - 1))->sort_key, <=,
                     ((ReseauContactSummary *) g_ptr_array_index (summaries, i))->sort_key);
  g_assert_cmpint (reseau_contact_get_id (again), ==,
                   reseau_contact_get_id (g_ptr_array_index (contacts, 10)));
  loaded = load_or_fail (fixture->database, again);
  assert_same_contact (again, loaded);
  g_assert_cmpint (reseau_contact_get_revision (loaded), ==, 2);
  g_assert_cmpint (reseau_contact_get_revision (g_ptr_array_index (contacts, 11)), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "revenu"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "rappel"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "import"), ==, 4000);

  assert_introduced_by (fixture->database, g_ptr_array_index (contacts, 1),
                        g_ptr_array_index (contacts, 0));
  assert_introduced_by (fixture->database, g_ptr_array_index (contacts, 2),
                        g_ptr_array_index (contacts, 3900));
  assert_introduced_by (fixture->database, g_ptr_array_index (contacts, 3), NULL);
}

/* Values are written several rows per statement: more values than one
 * statement takes must all come back, in order, with their labels. */
static void
test_many_values (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = make_full_contact ();
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *email = g_strdup_printf ("adresse%u@exemple.fr", i);
      g_autofree char *phone = g_strdup_printf ("06 00 00 00 %02u", i);

      reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, i % 2 ? "home" : NULL, email);
      reseau_contact_add_value (contact, RESEAU_FIELD_PHONE, "mobile", phone);
    }
  g_assert_true (reseau_database_save_contact (fixture->database, contact, &error));
  g_assert_no_error (error);

  loaded = load_or_fail (fixture->database, contact);
  g_assert_cmpuint (reseau_contact_get_values (loaded, RESEAU_FIELD_EMAIL)->len, ==, 11);
  g_assert_cmpuint (reseau_contact_get_values (loaded, RESEAU_FIELD_PHONE)->len, ==, 10);
  assert_same_contact (contact, loaded);
  g_assert_cmpuint (count_matches (fixture->database, "adresse8"), ==, 1);
}

static void
test_merge_and_unmerge (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ReseauContact) kept = make_full_contact ();
  g_autoptr(ReseauContact) absorbed = make_named_contact ("Élodie Lefebvre", "elodie.l@gmail.com");
  g_autoptr(ReseauContact) friend_1 = make_named_contact ("Camille", NULL);
  g_autoptr(ReseauContact) friend_2 = make_named_contact ("Dominique", NULL);
  g_autoptr(ReseauContact) other = make_named_contact ("Étienne", NULL);
  g_autoptr(ReseauContact) introducer = make_named_contact ("Yasmine", NULL);
  g_autoptr(ReseauContact) merged = NULL;
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = NULL;

  g_assert_true (reseau_database_save_contact (fixture->database, introducer, &error));
  g_assert_true (reseau_database_save_contact (fixture->database, absorbed, &error));
  g_assert_no_error (error);
  /* The kept contact had been introduced by its own duplicate. */
  reseau_contact_set_introduced_by (kept, reseau_contact_get_uid (absorbed));
  reseau_contact_add_tag (absorbed, "Salon");
  reseau_contact_set_introduced_by (absorbed, reseau_contact_get_uid (introducer));
  reseau_contact_set_note (absorbed, "Connue au salon zéphyr");
  reseau_contact_add_value (absorbed, RESEAU_FIELD_PHONE, "mobile", "07 00 00 00 01");
  reseau_contact_set_role (absorbed, "Cogérante");
  reseau_contact_set_introduced_by (friend_1, reseau_contact_get_uid (absorbed));
  reseau_contact_set_introduced_by (friend_2, reseau_contact_get_uid (absorbed));
  g_assert_true (reseau_database_save_contact (fixture->database, absorbed, &error));
  g_assert_true (reseau_database_save_contact (fixture->database, kept, &error));
  g_assert_true (reseau_database_save_contact (fixture->database, friend_1, &error));
  g_assert_true (reseau_database_save_contact (fixture->database, friend_2, &error));
  g_assert_true (reseau_database_save_contact (fixture->database, other, &error));
  g_assert_no_error (error);

  /* What the merge window would make: every value of both. */
  merged = reseau_contact_copy (kept);
  reseau_contact_add_value (merged, RESEAU_FIELD_EMAIL, "home", "elodie.l@gmail.com");
  reseau_contact_add_value (merged, RESEAU_FIELD_PHONE, "mobile", "07 00 00 00 01");
  reseau_contact_add_tag (merged, "Salon");
  reseau_contact_set_note (merged, "Rencontrée au coworking. Connue au salon zéphyr");

  reseau_database_merge_contacts_async (fixture->database, merged,
                                        reseau_contact_get_uid (absorbed), NULL,
                                        reseau_test_store_result, &result);
  g_assert_true (reseau_database_merge_contacts_finish (fixture->database,
                                                        reseau_test_await_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  loaded = load_or_fail (fixture->database, kept);
  g_assert_cmpint (reseau_contact_get_id (loaded), ==, reseau_contact_get_id (kept));
  g_assert_cmpuint (reseau_contact_get_values (loaded, RESEAU_FIELD_EMAIL)->len, ==, 3);
  g_assert_true (reseau_contact_has_tag (loaded, "Salon"));
  /* Nobody is introduced by themselves. */
  g_assert_null (reseau_contact_get_introduced_by (loaded));
  g_clear_object (&loaded);

  g_assert_null (reseau_database_load_contact (fixture->database,
                                               reseau_contact_get_uid (absorbed), &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  summaries = reseau_database_list_summaries (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 5);
  /* The words of the absorbed contact now find the kept one only. */
  g_assert_cmpuint (count_matches (fixture->database, "zephyr"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "lefebvre"), ==, 0);
  g_assert_cmpuint (count_matches (fixture->database, "cogerante"), ==, 0);

  assert_introduced_by (fixture->database, friend_1, kept);
  assert_introduced_by (fixture->database, friend_2, kept);
  assert_introduced_by (fixture->database, other, NULL);

  /* Someone edits a moved link before the undo: that edit stays. */
  reseau_contact_set_introduced_by (friend_2, reseau_contact_get_uid (other));
  g_assert_true (reseau_database_save_contact (fixture->database, friend_2, &error));
  g_assert_no_error (error);

  reseau_database_unmerge_contacts_async (fixture->database, kept,
                                          reseau_contact_get_uid (absorbed), NULL,
                                          reseau_test_store_result, &result);
  g_assert_true (reseau_database_unmerge_contacts_finish (fixture->database,
                                                          reseau_test_await_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  loaded = load_or_fail (fixture->database, kept);
  assert_same_contact (kept, loaded);
  g_assert_cmpint (reseau_contact_get_id (loaded), ==, reseau_contact_get_id (kept));
  g_clear_object (&loaded);
  loaded = load_or_fail (fixture->database, absorbed);
  assert_same_contact (absorbed, loaded);
  g_assert_cmpint (reseau_contact_get_id (loaded), ==, reseau_contact_get_id (absorbed));
  g_assert_cmpint (reseau_contact_get_created_at (loaded), ==,
                   reseau_contact_get_created_at (absorbed));
  g_clear_object (&loaded);

  assert_introduced_by (fixture->database, friend_1, absorbed);
  assert_introduced_by (fixture->database, friend_2, other);
  g_clear_pointer (&summaries, g_ptr_array_unref);
  summaries = reseau_database_list_summaries (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 6);
  g_assert_cmpuint (count_matches (fixture->database, "zephyr"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "cogerante"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->database, "elodie"), ==, 2);
}

static void
test_unmerge_after_trash_emptied (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(ReseauContact) kept = make_full_contact ();
  g_autoptr(ReseauContact) absorbed = make_named_contact ("Doublon", "doublon@exemple.fr");
  g_autoptr(ReseauContact) merged = NULL;
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (reseau_database_save_contact (fixture->database, kept, &error));
  g_assert_true (reseau_database_save_contact (fixture->database, absorbed, &error));
  g_assert_no_error (error);

  /* Merging into or from a contact that is not there changes nothing. */
  g_assert_false (reseau_database_merge_contacts (fixture->database, kept, "urn:uuid:absent",
                                                  &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  merged = reseau_contact_copy (kept);
  reseau_contact_add_value (merged, RESEAU_FIELD_EMAIL, NULL, "doublon@exemple.fr");
  g_assert_true (reseau_database_merge_contacts (fixture->database, merged,
                                                 reseau_contact_get_uid (absorbed), &error));
  g_assert_no_error (error);
  g_assert_true (reseau_database_empty_trash (fixture->database, &error));
  g_assert_no_error (error);

  /* Too late to undo: the kept contact keeps the merged values. */
  g_assert_false (reseau_database_unmerge_contacts (fixture->database, kept,
                                                    reseau_contact_get_uid (absorbed), &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  loaded = load_or_fail (fixture->database, kept);
  assert_same_contact (merged, loaded);
}

/* Relationships across a merge ---------------------------------------------- */

/* Two duplicates of Élodie, each with a cadence of 30 days, on Wednesday
 * 18 November 2026. The kept one had interactions 0 and 2, the absorbed one
 * 1, 2 and 3 (2 with both of them and Bruno); a referral each (the
 * absorbed one recommended me, not yet thanked; I recommended the kept one;
 * I recommended Bruno to the absorbed one); a reminder each; both went to
 * event 0 (only the absorbed one was met there), the absorbed one alone to
 * event 1; the absorbed one is the client of a mandate. */
typedef struct
{
  ReseauContact *kept;
  ReseauContact *absorbed;
  ReseauContact *bruno;
  gint64         interactions[4];
  gint64         events[2];
  GDate          today;
} MergeScene;

static const struct
{
  const char            *on;
  ReseauInteractionKind  kind;
  ReseauDirection        direction;
} scene_log[] = {
  { "2026-09-01", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_MUTUAL },
  { "2026-10-05", RESEAU_INTERACTION_CALL, RESEAU_DIRECTION_GAVE },
  { "2026-10-20", RESEAU_INTERACTION_COFFEE, RESEAU_DIRECTION_MUTUAL },
  { "2026-11-10", RESEAU_INTERACTION_EMAIL, RESEAU_DIRECTION_ASKED },
};

/* Bits of scene_log. */
#define KEPT_LOG     ((1 << 0) | (1 << 2))
#define ABSORBED_LOG ((1 << 1) | (1 << 2) | (1 << 3))

static GDate
scene_day (const char *text)
{
  GDate date;

  g_assert_true (reseau_date_from_string (text, &date));
  return date;
}

/* Logs an interaction at noon on a day with the contacts of a
 * NULL-terminated list; returns its id. */
static gint64
log_with (ReseauDatabase         *database,
          const char             *on,
          ReseauInteractionKind   kind,
          ReseauDirection         direction,
          const char * const     *uids)
{
  g_autoptr(ReseauInteraction) interaction = reseau_interaction_new ();
  g_autoptr(GError) error = NULL;
  GDate date = scene_day (on);

  reseau_interaction_set_day (interaction, &date, NULL);
  interaction->kind = kind;
  interaction->direction = direction;
  for (guint i = 0; uids[i] != NULL; i++)
    reseau_interaction_add_participant (interaction, uids[i]);
  g_assert_true (reseau_database_save_interaction (database, interaction, &error));
  g_assert_no_error (error);

  return interaction->id;
}

static void
merge_scene_set_up (MergeScene     *scene,
                    ReseauDatabase *database)
{
  g_autoptr(ReseauReferral) received = NULL;
  g_autoptr(ReseauReferral) given = NULL;
  g_autoptr(ReseauReferral) to_absorbed = NULL;
  g_autoptr(ReseauReminder) reminder = NULL;
  g_autoptr(ReseauMandate) mandate = NULL;
  g_autoptr(GError) error = NULL;
  const char *kept_uid, *absorbed_uid, *bruno_uid;
  GDate date;

  scene->today = scene_day ("2026-11-18");
  scene->kept = make_named_contact ("Élodie Lefèvre", "elodie@atelier-chene.fr");
  scene->absorbed = make_named_contact ("Élodie Lefebvre", "elodie.l@gmail.com");
  scene->bruno = make_named_contact ("Bruno Petit", NULL);
  reseau_contact_set_cadence_days (scene->kept, 30);
  reseau_contact_set_cadence_days (scene->absorbed, 30);
  g_assert_true (reseau_database_save_contact (database, scene->kept, &error));
  g_assert_true (reseau_database_save_contact (database, scene->absorbed, &error));
  g_assert_true (reseau_database_save_contact (database, scene->bruno, &error));
  g_assert_no_error (error);
  kept_uid = reseau_contact_get_uid (scene->kept);
  absorbed_uid = reseau_contact_get_uid (scene->absorbed);
  bruno_uid = reseau_contact_get_uid (scene->bruno);

  {
    const char * const kept_only[] = { kept_uid, NULL };
    const char * const absorbed_only[] = { absorbed_uid, NULL };
    const char * const all[] = { kept_uid, absorbed_uid, bruno_uid, NULL };
    const char * const * const who[] = { kept_only, absorbed_only, all, absorbed_only };

    for (guint i = 0; i < G_N_ELEMENTS (scene_log); i++)
      scene->interactions[i] = log_with (database, scene_log[i].on, scene_log[i].kind,
                                         scene_log[i].direction, who[i]);
  }

  date = scene_day ("2026-11-02");
  received = reseau_referral_new (RESEAU_REFERRAL_RECEIVED, absorbed_uid, &date);
  received->to_uid = g_strdup (bruno_uid);
  received->subject = g_strdup ("Refonte du site");
  received->recorded_on = g_strdup ("2026-11-12");
  given = reseau_referral_new (RESEAU_REFERRAL_GIVEN, kept_uid, &date);
  given->to_uid = g_strdup (bruno_uid);
  to_absorbed = reseau_referral_new (RESEAU_REFERRAL_GIVEN, bruno_uid, &date);
  to_absorbed->to_uid = g_strdup (absorbed_uid);
  g_assert_true (reseau_database_add_referral (database, received, &error));
  g_assert_true (reseau_database_add_referral (database, given, &error));
  g_assert_true (reseau_database_add_referral (database, to_absorbed, &error));
  g_assert_no_error (error);

  reminder = reseau_reminder_new (absorbed_uid, &scene->today, "Envoyer le devis");
  g_assert_true (reseau_database_add_reminder (database, reminder, &error));
  g_clear_pointer (&reminder, reseau_reminder_free);
  date = scene_day ("2026-11-25");
  reminder = reseau_reminder_new (kept_uid, &date, "Relancer pour la charte");
  g_assert_true (reseau_database_add_reminder (database, reminder, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (scene->events); i++)
    {
      g_autoptr(ReseauEvent) event = NULL;

      date = scene_day (i == 0 ? "2026-10-20" : "2026-11-05");
      event = reseau_event_new (i == 0 ? "Salon Créer" : "Apéro freelance", &date);
      g_assert_true (reseau_database_add_event (database, event, &error));
      g_assert_no_error (error);
      scene->events[i] = event->id;
    }
  g_assert_true (reseau_database_add_attendee (database, scene->events[0], kept_uid, FALSE, &error));
  g_assert_true (reseau_database_add_attendee (database, scene->events[0], absorbed_uid, TRUE, &error));
  g_assert_true (reseau_database_add_attendee (database, scene->events[1], absorbed_uid, FALSE, &error));
  g_assert_no_error (error);

  date = scene_day ("2026-11-03");
  mandate = reseau_mandate_new ("Charte graphique", RESEAU_MANDATE_DIRECT, &date);
  mandate->client_uid = g_strdup (absorbed_uid);
  g_assert_true (reseau_database_add_mandate (database, mandate, &error));
  g_assert_no_error (error);
}

static void
merge_scene_tear_down (MergeScene *scene)
{
  g_clear_object (&scene->kept);
  g_clear_object (&scene->absorbed);
  g_clear_object (&scene->bruno);
}

/* Merges the absorbed contact into the kept one, as the merge window does:
 * the kept contact with every value of both. */
static void
merge_scene (MergeScene     *scene,
             ReseauDatabase *database)
{
  g_autoptr(ReseauContact) merged = reseau_contact_copy (scene->kept);
  g_autoptr(GError) error = NULL;

  reseau_contact_add_value (merged, RESEAU_FIELD_EMAIL, "home", "elodie.l@gmail.com");
  g_assert_true (reseau_database_merge_contacts (database, merged,
                                                 reseau_contact_get_uid (scene->absorbed), &error));
  g_assert_no_error (error);
}

static void
unmerge_scene (MergeScene     *scene,
               ReseauDatabase *database)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reseau_database_unmerge_contacts (database, scene->kept,
                                                   reseau_contact_get_uid (scene->absorbed), &error));
  g_assert_no_error (error);
}

/* The contact's timeline, newest first: exactly the interactions given by
 * their index in ids (-1 ends the list). */
static void
assert_timeline (ReseauDatabase *database,
                 ReseauContact  *contact,
                 const gint64   *ids)
{
  ReseauTimelineFilter filter = { -1, reseau_contact_get_uid (contact), NULL, NULL };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  rows = reseau_database_timeline_page (database, &filter, 0, 0, 100, &error);
  g_assert_no_error (error);
  for (; ids[n] >= 0; n++)
    {
      g_assert_cmpuint (n, <, rows->len);
      g_assert_cmpint (((ReseauTimelineRow *) rows->pdata[n])->id, ==, ids[n]);
    }
  g_assert_cmpuint (rows->len, ==, n);
}

static void
assert_last_day (ReseauDatabase *database,
                 ReseauContact  *contact,
                 const char     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GDate last;

  g_assert_true (reseau_database_get_last_interaction_day (database, reseau_contact_get_uid (contact),
                                                           &last, &error));
  g_assert_no_error (error);
  g_assert_true (g_date_valid (&last));
  text = reseau_date_to_string (&last);
  g_assert_cmpstr (text, ==, expected);
}

/* The score on today of the interactions of scene_log in mask. */
static guint
scene_strength (const MergeScene *scene,
                guint             mask)
{
  ReseauStrengthEntry entries[G_N_ELEMENTS (scene_log)];
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (scene_log); i++)
    if (mask & (1u << i))
      {
        entries[n].day = scene_day (scene_log[i].on);
        entries[n].kind = scene_log[i].kind;
        entries[n].direction = scene_log[i].direction;
        n++;
      }

  return reseau_strength_score (entries, n, &scene->today, NULL);
}

/* Both the strength computed from the interactions and the one the
 * contact list sorts by (from contact_activity) are expected. */
static void
assert_strength (ReseauDatabase   *database,
                 const MergeScene *scene,
                 ReseauContact    *contact,
                 guint             expected)
{
  g_autoptr(GArray) strengths = NULL;
  g_autoptr(GError) error = NULL;
  guint stored = 0;

  g_assert_cmpint (reseau_database_get_strength (database, reseau_contact_get_uid (contact),
                                                 &scene->today, NULL, &error), ==, (int) expected);
  g_assert_no_error (error);
  strengths = reseau_database_list_strengths (database, &scene->today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < strengths->len; i++)
    if (g_array_index (strengths, ReseauContactStrength, i).contact_id == reseau_contact_get_id (contact))
      stored = g_array_index (strengths, ReseauContactStrength, i).strength;
  g_assert_cmpuint (stored, ==, expected);
}

static void
assert_balance (ReseauDatabase *database,
                ReseauContact  *contact,
                guint           received,
                guint           given,
                guint           unthanked)
{
  g_autoptr(GError) error = NULL;
  ReseauReferralBalance balance;

  g_assert_true (reseau_database_get_referral_balance (database, reseau_contact_get_uid (contact),
                                                       &balance, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (balance.received, ==, received);
  g_assert_cmpuint (balance.given, ==, given);
  g_assert_cmpuint (balance.unthanked, ==, unthanked);
}

static guint
count_reminders (ReseauDatabase *database,
                 ReseauContact  *contact)
{
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GError) error = NULL;

  reminders = reseau_database_list_reminders (database, reseau_contact_get_uid (contact), &error);
  g_assert_no_error (error);
  return reminders->len;
}

/* The follow-up rows of a contact for a reason; due receives the last
 * one's due day. */
static guint
count_followups (GPtrArray            *rows,
                 ReseauContact        *contact,
                 ReseauFollowupReason  reason,
                 char                **due)
{
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      ReseauFollowup *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->contact_uid, reseau_contact_get_uid (contact)) != 0 || row->reason != reason)
        continue;
      n++;
      if (due != NULL)
        {
          g_free (*due);
          *due = reseau_date_to_string (&row->due);
        }
    }

  return n;
}

static GPtrArray *
list_scene_followups (ReseauDatabase   *database,
                      const MergeScene *scene)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = reseau_database_list_followups (database, &scene->today, 0, &error);

  g_assert_no_error (error);
  return rows;
}

/* How many attend an event; met_there receives whether the contact was
 * met there. */
static guint
count_attendees (ReseauDatabase *database,
                 gint64          event_id,
                 ReseauContact  *contact,
                 gboolean       *met_there)
{
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;

  attendees = reseau_database_list_attendees (database, event_id, &error);
  g_assert_no_error (error);
  *met_there = FALSE;
  for (guint i = 0; i < attendees->len; i++)
    {
      ReseauAttendee *attendee = g_ptr_array_index (attendees, i);

      if (g_strcmp0 (attendee->contact_uid, reseau_contact_get_uid (contact)) == 0)
        *met_there = attendee->met_there;
    }

  return attendees->len;
}

static char *
mandate_client (ReseauDatabase *database)
{
  g_autoptr(GPtrArray) mandates = NULL;
  g_autoptr(GError) error = NULL;

  mandates = reseau_database_list_mandates (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mandates->len, ==, 1);
  return g_strdup (((ReseauMandate *) mandates->pdata[0])->client_uid);
}

/* Each duplicate with exactly its own relationships, as before the merge. */
static void
assert_scene_apart (ReseauDatabase   *database,
                    const MergeScene *scene)
{
  const gint64 kept_ids[] = { scene->interactions[2], scene->interactions[0], -1 };
  const gint64 absorbed_ids[] = { scene->interactions[3], scene->interactions[2],
                                  scene->interactions[1], -1 };
  g_autoptr(GPtrArray) rows = list_scene_followups (database, scene);
  g_autofree char *due = NULL;
  g_autofree char *client = mandate_client (database);
  gboolean met_there;

  assert_timeline (database, scene->kept, kept_ids);
  assert_timeline (database, scene->absorbed, absorbed_ids);
  assert_last_day (database, scene->kept, "2026-10-20");
  assert_last_day (database, scene->absorbed, "2026-11-10");
  assert_strength (database, scene, scene->kept, scene_strength (scene, KEPT_LOG));
  assert_strength (database, scene, scene->absorbed, scene_strength (scene, ABSORBED_LOG));
  assert_balance (database, scene->kept, 0, 1, 0);
  assert_balance (database, scene->absorbed, 1, 1, 1);
  g_assert_cmpuint (count_reminders (database, scene->kept), ==, 1);
  g_assert_cmpuint (count_reminders (database, scene->absorbed), ==, 1);

  g_assert_cmpuint (count_followups (rows, scene->kept, RESEAU_FOLLOWUP_REASON_CADENCE, &due), ==, 1);
  g_assert_cmpstr (due, ==, "2026-11-19");
  g_assert_cmpuint (count_followups (rows, scene->absorbed, RESEAU_FOLLOWUP_REASON_CADENCE, &due), ==, 1);
  g_assert_cmpstr (due, ==, "2026-12-10");
  g_assert_cmpuint (count_followups (rows, scene->kept, RESEAU_FOLLOWUP_REASON_REMINDER, NULL), ==, 1);
  g_assert_cmpuint (count_followups (rows, scene->absorbed, RESEAU_FOLLOWUP_REASON_REMINDER, NULL), ==, 1);
  g_assert_cmpuint (count_followups (rows, scene->kept, RESEAU_FOLLOWUP_REASON_THANKS, NULL), ==, 0);
  g_assert_cmpuint (count_followups (rows, scene->absorbed, RESEAU_FOLLOWUP_REASON_THANKS, NULL), ==, 1);

  g_assert_cmpuint (count_attendees (database, scene->events[0], scene->kept, &met_there), ==, 2);
  g_assert_false (met_there);
  g_assert_cmpuint (count_attendees (database, scene->events[0], scene->absorbed, &met_there), ==, 2);
  g_assert_true (met_there);
  g_assert_cmpuint (count_attendees (database, scene->events[1], scene->absorbed, &met_there), ==, 1);
  g_assert_cmpstr (client, ==, reseau_contact_get_uid (scene->absorbed));
}

static void
test_merge_moves_relationships (Fixture       *fixture,
                                gconstpointer  data)
{
  MergeScene scene = { 0 };
  ReseauDatabase *database = fixture->database;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  g_autofree char *client = NULL;
  gboolean met_there;

  merge_scene_set_up (&scene, database);
  assert_scene_apart (database, &scene);

  merge_scene (&scene, database);

  /* The kept contact has all four interactions, the shared one once. */
  {
    const gint64 ids[] = { scene.interactions[3], scene.interactions[2], scene.interactions[1],
                           scene.interactions[0], -1 };
    ReseauTimelineFilter filter = { -1, reseau_contact_get_uid (scene.kept), NULL, NULL };

    assert_timeline (database, scene.kept, ids);
    rows = reseau_database_timeline_page (database, &filter, 0, 0, 100, &error);
    g_assert_no_error (error);
    /* The shared interaction names the kept contact, not the trashed one. */
    g_assert_nonnull (strstr (((ReseauTimelineRow *) rows->pdata[1])->participants, "Élodie Lefèvre"));
    g_assert_null (strstr (((ReseauTimelineRow *) rows->pdata[1])->participants, "Lefebvre"));
    g_clear_pointer (&rows, g_ptr_array_unref);
  }
  all = reseau_database_timeline_page (database, NULL, 0, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  assert_last_day (database, scene.kept, "2026-11-10");
  assert_strength (database, &scene, scene.kept, scene_strength (&scene, KEPT_LOG | ABSORBED_LOG));
  g_assert_cmpuint (scene_strength (&scene, KEPT_LOG | ABSORBED_LOG), >,
                    scene_strength (&scene, ABSORBED_LOG));
  /* Received from the absorbed contact, given to the kept one, given to
   * Bruno for the absorbed one: all of it is the kept contact's now. */
  assert_balance (database, scene.kept, 1, 2, 1);
  g_assert_cmpuint (count_reminders (database, scene.kept), ==, 2);

  rows = list_scene_followups (database, &scene);
  g_assert_cmpuint (count_followups (rows, scene.kept, RESEAU_FOLLOWUP_REASON_CADENCE, &due), ==, 1);
  g_assert_cmpstr (due, ==, "2026-12-10");
  g_assert_cmpuint (count_followups (rows, scene.kept, RESEAU_FOLLOWUP_REASON_REMINDER, NULL), ==, 2);
  g_assert_cmpuint (count_followups (rows, scene.kept, RESEAU_FOLLOWUP_REASON_THANKS, NULL), ==, 1);
  for (guint reason = RESEAU_FOLLOWUP_REASON_CADENCE; reason <= RESEAU_FOLLOWUP_REASON_COOLING; reason++)
    g_assert_cmpuint (count_followups (rows, scene.absorbed, reason, NULL), ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* One attendance per event, met there since the absorbed one was. */
  g_assert_cmpuint (count_attendees (database, scene.events[0], scene.kept, &met_there), ==, 1);
  g_assert_true (met_there);
  g_assert_cmpuint (count_attendees (database, scene.events[1], scene.kept, &met_there), ==, 1);
  client = mandate_client (database);
  g_assert_cmpstr (client, ==, reseau_contact_get_uid (scene.kept));

  /* Undo: each has exactly its own again. */
  unmerge_scene (&scene, database);
  assert_scene_apart (database, &scene);

  /* The same merge again, and its undo, work as the first. */
  merge_scene (&scene, database);
  assert_balance (database, scene.kept, 1, 2, 1);
  unmerge_scene (&scene, database);
  assert_scene_apart (database, &scene);

  merge_scene_tear_down (&scene);
}

/* What the user changed after the merge stays as it is after the undo. */
static void
test_unmerge_keeps_later_edits (Fixture       *fixture,
                                gconstpointer  data)
{
  MergeScene scene = { 0 };
  ReseauDatabase *database = fixture->database;
  g_autoptr(ReseauInteraction) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *client = NULL;
  gint64 later;
  gboolean met_there;

  merge_scene_set_up (&scene, database);
  merge_scene (&scene, database);

  /* A new interaction with the kept contact… */
  {
    const char * const kept_only[] = { reseau_contact_get_uid (scene.kept), NULL };

    later = log_with (database, "2026-11-17", RESEAU_INTERACTION_CALL, RESEAU_DIRECTION_MUTUAL,
                      kept_only);
  }
  /* …an interaction that came from the absorbed one, now Bruno's only… */
  moved = reseau_database_load_interaction (database, scene.interactions[1], &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (moved->participants, 0);
  reseau_interaction_add_participant (moved, reseau_contact_get_uid (scene.bruno));
  g_assert_true (reseau_database_save_interaction (database, moved, &error));
  g_assert_no_error (error);
  /* …and an event the kept contact inherited that it did not go to. */
  g_assert_true (reseau_database_remove_attendee (database, scene.events[1],
                                                  reseau_contact_get_uid (scene.kept), &error));
  g_assert_no_error (error);

  unmerge_scene (&scene, database);

  {
    const gint64 kept_ids[] = { later, scene.interactions[2], scene.interactions[0], -1 };
    const gint64 absorbed_ids[] = { scene.interactions[3], scene.interactions[2], -1 };
    const gint64 bruno_ids[] = { scene.interactions[2], scene.interactions[1], -1 };

    assert_timeline (database, scene.kept, kept_ids);
    assert_timeline (database, scene.absorbed, absorbed_ids);
    assert_timeline (database, scene.bruno, bruno_ids);
  }
  assert_last_day (database, scene.kept, "2026-11-17");
  assert_last_day (database, scene.absorbed, "2026-11-10");
  assert_strength (database, &scene, scene.absorbed, scene_strength (&scene, (1 << 2) | (1 << 3)));
  g_assert_cmpuint (count_attendees (database, scene.events[1], scene.absorbed, &met_there), ==, 0);
  g_assert_cmpuint (count_attendees (database, scene.events[0], scene.absorbed, &met_there), ==, 2);
  g_assert_true (met_there);
  g_assert_cmpuint (count_attendees (database, scene.events[0], scene.kept, &met_there), ==, 2);
  g_assert_false (met_there);
  /* What the user left alone went back as usual. */
  assert_balance (database, scene.kept, 0, 1, 0);
  assert_balance (database, scene.absorbed, 1, 1, 1);
  g_assert_cmpuint (count_reminders (database, scene.absorbed), ==, 1);
  client = mandate_client (database);
  g_assert_cmpstr (client, ==, reseau_contact_get_uid (scene.absorbed));

  merge_scene_tear_down (&scene);
}

/* Bad files ---------------------------------------------------------------- */

static void
test_newer_schema_refused (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); INSERT INTO future VALUES (1);"
                                     "PRAGMA user_version = 999;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  database = reseau_database_new (path);
  g_assert_false (reseau_database_open (database, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_object (&database);

  /* Not one byte changed, and no WAL file left behind. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  reseau_test_remove_tree (dir);
}

static void
test_corrupt_file_not_overwritten (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "reseau.db.bak", NULL);
  g_autofree char *found = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  const char garbage[] = "Ceci n'est pas une base de données.\n";

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  g_assert_true (g_file_set_contents (backup, "SQLite format 3", -1, NULL));

  database = reseau_database_new (path);
  g_assert_false (reseau_database_open (database, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, garbage);

  /* The window offers this file. */
  found = reseau_database_find_backup (database);
  g_assert_cmpstr (found, ==, backup);

  reseau_test_remove_tree (dir);
}

static void
test_damaged_database_detected (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  database = reseau_database_new (path);
  g_assert_true (reseau_database_open (database, &error));
  g_assert_no_error (error);
  g_clear_object (&database);

  /* Keep the header, wipe the pages behind it: the schema page is lost. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 200);
  memset (contents + 100, 0xA5, length - 100);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  database = reseau_database_new (path);
  g_assert_false (reseau_database_open (database, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_CORRUPT);

  reseau_test_remove_tree (dir);
}

static void
test_not_writable (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *blocker = g_build_filename (dir, "file", NULL);
  /* A folder below a regular file can never be created, even by root. */
  g_autofree char *path = g_build_filename (blocker, "reseau", "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (blocker, "", -1, NULL));

  database = reseau_database_new (path);
  g_assert_false (reseau_database_open (database, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_WRITABLE);
  g_assert_nonnull (strstr (error->message, blocker));

  reseau_test_remove_tree (dir);
}

static void
test_default_path (void)
{
  g_autofree char *path = reseau_database_get_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "reseau", "reseau.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/database/round-trip", test_round_trip);
  ADD ("/database/update", test_update_keeps_creation_time);
  ADD ("/database/introduced-by", test_introduced_by);
  ADD ("/database/empty-contact", test_empty_contact_refused);
  ADD ("/database/big-note", test_big_note);
  ADD ("/database/search", test_search);
  ADD ("/database/trash-and-restore", test_trash_and_restore);
  ADD ("/database/async-and-cancel", test_async_load_and_cancel);
  ADD ("/database/tags", test_tags_listed);
  ADD ("/database/sort-order", test_sorted_with_accents_folded);
  ADD ("/database/sort-keys-folded-exactly", test_sort_keys_folded_exactly);
  ADD ("/database/batch-transaction", test_batch_is_one_transaction);
  ADD ("/database/missing-contact", test_missing_contact);
  ADD ("/database/role-and-anniversary", test_role_and_anniversary);
  ADD ("/database/contact-keys", test_contact_keys);
  ADD ("/database/load-contacts", test_load_contacts);
  ADD ("/database/import", test_import_writes_all);
  ADD ("/database/import-empty-contact", test_import_refuses_empty);
  ADD ("/database/import-cancelled", test_import_cancelled);
  ADD ("/database/import-introducer-later", test_import_introducer_later);
  ADD ("/database/import-into-empty", test_import_into_empty);
  ADD ("/database/many-values", test_many_values);
  ADD ("/database/merge-and-unmerge", test_merge_and_unmerge);
  ADD ("/database/unmerge-too-late", test_unmerge_after_trash_emptied);
  ADD ("/database/merge-moves-relationships", test_merge_moves_relationships);
  ADD ("/database/unmerge-keeps-later-edits", test_unmerge_keeps_later_edits);

#undef ADD

  g_test_add_func ("/database/newer-schema", test_newer_schema_refused);
  g_test_add_func ("/database/corrupt-file", test_corrupt_file_not_overwritten);
  g_test_add_func ("/database/damaged-pages", test_damaged_database_detected);
  g_test_add_func ("/database/not-writable", test_not_writable);
  g_test_add_func ("/database/default-path", test_default_path);

  return g_test_run ();
}
