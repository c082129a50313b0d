/* test-duplicates.c — possible duplicates, merging, and undoing a merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-core.h"
#include "reseau-test-utils.h"

/* Keys as the database lists them, written by hand: the matcher needs
 * nothing else. */
static void
add_keys (GPtrArray  *keys,
          const char *name,
          const char *organization,
          const char *email,
          const char *phone)
{
  ReseauContactKeys *k = g_new0 (ReseauContactKeys, 1);
  const char *emails[] = { email, NULL };
  const char *phones[] = { phone, NULL };

  k->id = keys->len + 1;
  k->uid = g_strdup_printf ("uid-%u", keys->len + 1);
  k->display_name = g_strdup (name);
  k->organization = g_strdup (organization);
  k->emails = g_strdupv ((char **) (email != NULL ? emails : emails + 1));
  k->phones = g_strdupv ((char **) (phone != NULL ? phones : phones + 1));
  g_ptr_array_add (keys, k);
}

static GPtrArray *
new_keys (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_contact_keys_free);
}

/* The pair of two UIDs, whichever way round, or NULL. */
static const ReseauDuplicatePair *
find_pair (GPtrArray  *pairs,
           const char *uid_a,
           const char *uid_b)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      const ReseauDuplicatePair *pair = g_ptr_array_index (pairs, i);

      if ((g_strcmp0 (pair->uid_a, uid_a) == 0 && g_strcmp0 (pair->uid_b, uid_b) == 0) ||
          (g_strcmp0 (pair->uid_a, uid_b) == 0 && g_strcmp0 (pair->uid_b, uid_a) == 0))
        return pair;
    }

  return NULL;
}

static void
test_reasons (void)
{
  g_autoptr(GPtrArray) keys = new_keys ();
  g_autoptr(GPtrArray) pairs = NULL;
  const ReseauDuplicatePair *pair;
  g_autofree char *sentence = NULL;

  add_keys (keys, "Anne Martin", NULL, "Anne@Example.org", NULL);            /* 1 */
  add_keys (keys, "A. Martin", "Martin SA", "anne@example.org", NULL);       /* 2: email */
  add_keys (keys, "Bruno Petit", NULL, NULL, "+33 6 12 34 56 78");           /* 3 */
  add_keys (keys, "Petit B.", NULL, NULL, "06 12 34 56 78");                 /* 4: phone */
  add_keys (keys, "Élodie Lefèvre", "Atelier", NULL, NULL);                  /* 5 */
  add_keys (keys, "elodie lefevre", NULL, NULL, NULL);                       /* 6: same name */
  add_keys (keys, "Roux Chloé", NULL, NULL, NULL);                           /* 7 */
  add_keys (keys, "Chloé Roux", NULL, NULL, NULL);                           /* 8: word order */
  add_keys (keys, "Mathilde Garnier", NULL, NULL, NULL);                     /* 9 */
  add_keys (keys, "Matilde Garnier", NULL, NULL, NULL);                      /* 10: deletion */
  add_keys (keys, "Stéphane Girard", NULL, NULL, NULL);                      /* 11 */
  add_keys (keys, "Stéphane Girrard", NULL, NULL, NULL);                     /* 12: insertion */
  add_keys (keys, "Laurent Fabre", NULL, NULL, NULL);                        /* 13 */
  add_keys (keys, "Laurent Favre", NULL, NULL, NULL);                        /* 14: substitution */
  add_keys (keys, "Jérôme Lambert", NULL, NULL, NULL);                       /* 15 */
  add_keys (keys, "Jérôme Lmabert", NULL, NULL, NULL);                       /* 16: swap */

  pairs = reseau_find_duplicates (keys);

  pair = find_pair (pairs, "uid-1", "uid-2");
  g_assert_nonnull (pair);
  g_assert_cmpint (pair->reason, ==, RESEAU_DUPLICATE_SAME_EMAIL);
  g_assert_cmpstr (pair->uid_a, ==, "uid-1");  /* the older contact first */
  g_assert_cmpstr (pair->name_a, ==, "Anne Martin");
  sentence = reseau_duplicate_pair_describe (pair);
  g_assert_cmpstr (sentence, ==, "Same email: Anne@Example.org");

  pair = find_pair (pairs, "uid-3", "uid-4");
  g_assert_nonnull (pair);
  g_assert_cmpint (pair->reason, ==, RESEAU_DUPLICATE_SAME_PHONE);
  g_assert_cmpstr (pair->detail, ==, "+33 6 12 34 56 78");
  g_clear_pointer (&sentence, g_free);
  sentence = reseau_duplicate_pair_describe (pair);
  g_assert_cmpstr (sentence, ==, "Same phone number: +33 6 12 34 56 78");

  pair = find_pair (pairs, "uid-5", "uid-6");
  g_assert_nonnull (pair);
  g_assert_cmpint (pair->reason, ==, RESEAU_DUPLICATE_SAME_NAME);
  g_clear_pointer (&sentence, g_free);
  sentence = reseau_duplicate_pair_describe (pair);
  g_assert_cmpstr (sentence, ==, "Same name");

  for (guint i = 7; i <= 15; i += 2)
    {
      g_autofree char *a = g_strdup_printf ("uid-%u", i);
      g_autofree char *b = g_strdup_printf ("uid-%u", i + 1);

      pair = find_pair (pairs, a, b);
      g_assert_nonnull (pair);
      g_assert_cmpint (pair->reason, ==, RESEAU_DUPLICATE_SIMILAR_NAME);
    }
  pair = find_pair (pairs, "uid-7", "uid-8");
  g_clear_pointer (&sentence, g_free);
  sentence = reseau_duplicate_pair_describe (pair);
  g_assert_cmpstr (sentence, ==, "Similar names: “Roux Chloé” and “Chloé Roux”");

  /* Nothing else: every pair above, and no pair between different people. */
  g_assert_cmpuint (pairs->len, ==, 8);

  /* Strongest reason first. */
  for (guint i = 1; i < pairs->len; i++)
    g_assert_cmpint (((ReseauDuplicatePair *) g_ptr_array_index (pairs, i - 1))->reason, <=,
                     ((ReseauDuplicatePair *) g_ptr_array_index (pairs, i))->reason);
}

static void
test_each_pair_once (void)
{
  g_autoptr(GPtrArray) keys = new_keys ();
  g_autoptr(GPtrArray) pairs = NULL;
  ReseauContactKeys *k;

  /* Same email, same phone, same name: one pair, for the strongest reason. */
  add_keys (keys, "Yasmine Haddad", NULL, "yasmine@haddad.example", "+33 6 00 00 00 01");
  add_keys (keys, "Yasmine Haddad", NULL, "yasmine@haddad.example", "06 00 00 00 01");
  /* A contact with the same address twice is no pair with itself. */
  add_keys (keys, "Zoé Perrin", NULL, "zoe@perrin.example", NULL);
  k = g_ptr_array_index (keys, 2);
  g_strfreev (k->emails);
  k->emails = g_strsplit ("zoe@perrin.example ZOE@perrin.example", " ", -1);

  pairs = reseau_find_duplicates (keys);
  g_assert_cmpuint (pairs->len, ==, 1);
  g_assert_cmpint (((ReseauDuplicatePair *) g_ptr_array_index (pairs, 0))->reason, ==, RESEAU_DUPLICATE_SAME_EMAIL);
}

static void
test_different_people (void)
{
  g_autoptr(GPtrArray) keys = new_keys ();
  g_autoptr(GPtrArray) pairs = NULL;

  /* Short names differing by a letter are different people. */
  add_keys (keys, "Léa", NULL, NULL, NULL);
  add_keys (keys, "Léo", NULL, NULL, NULL);
  add_keys (keys, "Marc Petit", NULL, NULL, "+33 6 11 11 11 11");
  add_keys (keys, "Marc Durand", NULL, NULL, "+33 6 22 22 22 22");
  /* Two letters apart. */
  add_keys (keys, "Caroline Dupont", NULL, NULL, NULL);
  add_keys (keys, "Carolyn Dupond", NULL, NULL, NULL);
  /* Short numbers tell nobody apart. */
  add_keys (keys, "Accueil Mairie", NULL, NULL, "3939");
  add_keys (keys, "Service Client", NULL, NULL, "3939");

  pairs = reseau_find_duplicates (keys);
  g_assert_cmpuint (pairs->len, ==, 0);
}

/* A switchboard number shared by a whole company is no sign of one person
 * counted many times. */
static void
test_crowded_key (void)
{
  g_autoptr(GPtrArray) keys = new_keys ();
  g_autoptr(GPtrArray) pairs = NULL;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Employé numéro %u", i * 7919);

      add_keys (keys, name, "Grande Entreprise", NULL, "+33 1 40 00 00 00");
    }

  pairs = reseau_find_duplicates (keys);
  for (guint i = 0; i < pairs->len; i++)
    g_assert_cmpint (((ReseauDuplicatePair *) g_ptr_array_index (pairs, i))->reason, !=, RESEAU_DUPLICATE_SAME_PHONE);
}

/* ------------------------------------------------------------------------
 * Merging
 * --------------------------------------------------------------------- */

static ReseauContact *
make_anne (void)
{
  ReseauContact *anne = reseau_contact_new ();
  ReseauAddress office = { .label = (char *) "work", .street = (char *) "3 place Bellecour",
                           .postal_code = (char *) "69002", .locality = (char *) "Lyon" };

  reseau_contact_set_full_name (anne, "Anne Martin");
  reseau_contact_set_given_name (anne, "Anne");
  reseau_contact_set_family_name (anne, "Martin");
  reseau_contact_set_title (anne, "Architecte");
  reseau_contact_add_value (anne, RESEAU_FIELD_EMAIL, "work", "anne@martin-archi.example");
  reseau_contact_add_value (anne, RESEAU_FIELD_PHONE, "mobile", "+33 6 12 34 56 78");
  reseau_contact_add_address (anne, &office);
  reseau_contact_add_tag (anne, "Clients");
  reseau_contact_set_note (anne, "Projet de bureaux.");
  reseau_contact_set_met_on (anne, "2023-05-10");
  reseau_contact_set_vcard (anne, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anne Martin\r\n"
                                  "X-ABLabel:à garder\r\nEND:VCARD\r\n");

  return anne;
}

static ReseauContact *
make_other_anne (void)
{
  ReseauContact *other = reseau_contact_new ();

  reseau_contact_set_full_name (other, "Anne M.");
  reseau_contact_set_organization (other, "Martin Architecture");
  reseau_contact_set_title (other, "Gérante");
  reseau_contact_add_value (other, RESEAU_FIELD_EMAIL, "home", "ANNE@martin-archi.example");
  reseau_contact_add_value (other, RESEAU_FIELD_EMAIL, "home", "anne.martin@perso.example");
  reseau_contact_add_value (other, RESEAU_FIELD_PHONE, NULL, "06 12 34 56 78");
  reseau_contact_add_value (other, RESEAU_FIELD_PHONE, "work", "04 72 00 00 00");
  reseau_contact_add_value (other, RESEAU_FIELD_URL, NULL, "https://martin-archi.example");
  reseau_contact_add_tag (other, "Architectes");
  reseau_contact_add_tag (other, "clients");
  reseau_contact_set_note (other, "Rencontrée au salon.");
  reseau_contact_set_birthday (other, 0, 4, 12);
  reseau_contact_set_how_met (other, "Salon Batimat");
  reseau_contact_set_met_on (other, "2022-11-08");
  reseau_contact_set_cadence_days (other, 90);

  return other;
}

static void
test_merge_keeps_everything (void)
{
  g_autoptr(ReseauContact) anne = make_anne ();
  g_autoptr(ReseauContact) other = make_other_anne ();
  g_autoptr(ReseauContact) merged = reseau_contact_merge (anne, other);
  g_autoptr(ReseauContact) twice = NULL;
  g_autoptr(ReseauVCard) card = NULL;
  int year, month, day;

  /* keep's UID and single values; other's where keep has none. */
  g_assert_cmpstr (reseau_contact_get_uid (merged), ==, reseau_contact_get_uid (anne));
  g_assert_cmpstr (reseau_contact_get_full_name (merged), ==, "Anne Martin");
  g_assert_cmpstr (reseau_contact_get_title (merged), ==, "Architecte");
  g_assert_cmpstr (reseau_contact_get_organization (merged), ==, "Martin Architecture");
  g_assert_cmpstr (reseau_contact_get_how_met (merged), ==, "Salon Batimat");
  g_assert_cmpuint (reseau_contact_get_cadence_days (merged), ==, 90);
  g_assert_true (reseau_contact_get_birthday (merged, &year, &month, &day));
  g_assert_cmpint (month, ==, 4);
  g_assert_cmpint (day, ==, 12);

  /* The union of the lists, the same value written twice kept once. */
  g_assert_cmpuint (reseau_contact_get_values (merged, RESEAU_FIELD_EMAIL)->len, ==, 2);
  g_assert_cmpuint (reseau_contact_get_values (merged, RESEAU_FIELD_PHONE)->len, ==, 2);
  g_assert_cmpuint (reseau_contact_get_values (merged, RESEAU_FIELD_URL)->len, ==, 1);
  g_assert_cmpuint (reseau_contact_get_addresses (merged)->len, ==, 1);
  g_assert_cmpuint (reseau_contact_get_tags (merged)->len, ==, 2);
  g_assert_true (reseau_contact_has_tag (merged, "Architectes"));

  /* Both notes; the earliest meeting. */
  g_assert_nonnull (strstr (reseau_contact_get_note (merged), "Projet de bureaux."));
  g_assert_nonnull (strstr (reseau_contact_get_note (merged), "Rencontrée au salon."));
  g_assert_cmpstr (reseau_contact_get_met_on (merged), ==, "2022-11-08");

  /* keep's card, patched: what the app does not model is still there, and
   * what other brought is in it. */
  card = reseau_vcard_parse (reseau_contact_get_vcard (merged), -1, NULL);
  g_assert_nonnull (card);
  g_assert_nonnull (reseau_vcard_get (card, "X-ABLABEL"));
  g_assert_nonnull (reseau_vcard_get (card, "URL"));

  /* Neither input was changed. */
  g_assert_cmpuint (reseau_contact_get_values (anne, RESEAU_FIELD_EMAIL)->len, ==, 1);
  g_assert_null (reseau_contact_get_organization (anne));

  /* Merging the same again changes nothing more. */
  twice = reseau_contact_merge (merged, other);
  g_assert_cmpstr (reseau_contact_get_note (twice), ==, reseau_contact_get_note (merged));
  g_assert_cmpuint (reseau_contact_get_values (twice, RESEAU_FIELD_PHONE)->len, ==, 2);
}

static void
test_merge_and_undo (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = reseau_database_new (path);
  g_autoptr(ReseauContact) anne = make_anne ();
  g_autoptr(ReseauContact) other = make_other_anne ();
  g_autoptr(ReseauContact) merged = NULL;
  g_autoptr(ReseauContact) previous = NULL;
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(ReseauContact) loaded_other = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;

  reseau_database_open (database, &error);
  g_assert_no_error (error);
  reseau_database_save_contact (database, anne, &error);
  g_assert_no_error (error);
  reseau_database_save_contact (database, other, &error);
  g_assert_no_error (error);

  keys = reseau_database_list_contact_keys (database, &error);
  g_assert_no_error (error);
  pairs = reseau_find_duplicates (keys);
  g_assert_cmpuint (pairs->len, ==, 1);
  g_assert_cmpint (((ReseauDuplicatePair *) g_ptr_array_index (pairs, 0))->reason, ==, RESEAU_DUPLICATE_SAME_EMAIL);

  previous = reseau_database_load_contact (database, reseau_contact_get_uid (anne), &error);
  g_assert_no_error (error);
  merged = reseau_contact_merge (previous, other);
  reseau_database_merge_contacts (database, merged, reseau_contact_get_uid (other), &error);
  g_assert_no_error (error);

  g_clear_pointer (&keys, g_ptr_array_unref);
  keys = reseau_database_list_contact_keys (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 1);
  loaded = reseau_database_load_contact (database, reseau_contact_get_uid (anne), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reseau_contact_get_values (loaded, RESEAU_FIELD_EMAIL)->len, ==, 2);
  g_assert_cmpstr (reseau_contact_get_how_met (loaded), ==, "Salon Batimat");
  g_clear_object (&loaded);

  /* Undo: both as they were. */
  reseau_database_unmerge_contacts (database, previous, reseau_contact_get_uid (other), &error);
  g_assert_no_error (error);

  loaded = reseau_database_load_contact (database, reseau_contact_get_uid (anne), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reseau_contact_get_values (loaded, RESEAU_FIELD_EMAIL)->len, ==, 1);
  g_assert_null (reseau_contact_get_how_met (loaded));
  g_assert_null (reseau_contact_get_organization (loaded));
  loaded_other = reseau_database_load_contact (database, reseau_contact_get_uid (other), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_full_name (loaded_other), ==, "Anne M.");
  g_assert_cmpuint (reseau_contact_get_values (loaded_other, RESEAU_FIELD_PHONE)->len, ==, 2);

  g_clear_object (&database);
  reseau_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/duplicates/reasons", test_reasons);
  g_test_add_func ("/duplicates/each-pair-once", test_each_pair_once);
  g_test_add_func ("/duplicates/different-people", test_different_people);
  g_test_add_func ("/duplicates/crowded-key", test_crowded_key);
  g_test_add_func ("/duplicates/merge/keeps-everything", test_merge_keeps_everything);
  g_test_add_func ("/duplicates/merge/undo", test_merge_and_undo);

  return g_test_run ();
}
