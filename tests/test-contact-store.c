/* test-contact-store.c — the list model: counts, order (by name, by strength),
 * sections, search, signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "reseau-core.h"
#include "reseau-test-utils.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

typedef struct
{
  char               *dir;
  char               *path;
  ReseauDatabase     *database;
  ReseauContactStore *store;
  GArray             *changes;
  guint               n_settled;
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  Change change = { position, removed, added };

  g_array_append_val (fixture->changes, change);
}

static void
settled_cb (ReseauContactStore *store,
            Fixture            *fixture)
{
  fixture->n_settled++;
  g_assert_false (reseau_contact_store_get_loading (store));
}

static ReseauContact *
person (const char *name,
        const char *email,
        const char *tag)
{
  ReseauContact *contact = reseau_contact_new ();

  reseau_contact_set_full_name (contact, name);
  reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, NULL, email);
  reseau_contact_add_tag (contact, tag);
  return contact;
}

static void
wait_settled (Fixture *fixture)
{
  guint before = fixture->n_settled;

  while (fixture->n_settled == before)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  fixture->dir = reseau_test_make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "reseau.db", NULL);
  fixture->database = reseau_database_new (fixture->path);

  g_ptr_array_add (contacts, person ("Fabrice Morel", "fabrice@morel.fr", "Client"));
  g_ptr_array_add (contacts, person ("Élodie Lefèvre", "elodie@chene.fr", "Partenaire"));
  g_ptr_array_add (contacts, person ("Denis Ouédraogo", "denis@faso.bf", "Client"));
  g_ptr_array_add (contacts, person ("émile Durand", "emile@durand.fr", "Prospect"));
  g_ptr_array_add (contacts, person ("Anaïs Bézier", "anais@bezier.fr", "Mentor"));
  g_assert_true (reseau_database_save_contacts (fixture->database, contacts, &error));
  g_assert_no_error (error);

  fixture->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  fixture->store = reseau_contact_store_new (fixture->database);
  g_signal_connect (fixture->store, "items-changed", G_CALLBACK (items_changed_cb), fixture);
  g_signal_connect (fixture->store, "settled", G_CALLBACK (settled_cb), fixture);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
  reseau_contact_store_reload (fixture->store);
  g_assert_true (reseau_contact_store_get_loading (fixture->store));
  wait_settled (fixture);
  g_array_set_size (fixture->changes, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->database);
  g_array_unref (fixture->changes);
  reseau_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static ReseauContactItem *
item_at (Fixture *fixture,
         guint    position)
{
  return g_list_model_get_item (G_LIST_MODEL (fixture->store), position);
}

static void
assert_names (Fixture            *fixture,
              const char * const *names)
{
  GListModel *model = G_LIST_MODEL (fixture->store);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(ReseauContactItem) item = item_at (fixture, i);

      g_assert_cmpstr (reseau_contact_item_get_display_name (item), ==, names[i]);
    }
}

static void
test_sorted_and_grouped (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *names[] = { "Anaïs Bézier", "Denis Ouédraogo", "Élodie Lefèvre",
                          "émile Durand", "Fabrice Morel", NULL };
  const char *sections[] = { "A", "D", "E", "E", "F" };
  const gboolean starts[] = { TRUE, TRUE, TRUE, FALSE, TRUE };
  GListModel *model = G_LIST_MODEL (fixture->store);

  g_assert_true (g_list_model_get_item_type (model) == RESEAU_TYPE_CONTACT_ITEM);
  assert_names (fixture, names);
  g_assert_cmpuint (reseau_contact_store_get_n_total (fixture->store), ==, 5);
  g_assert_null (g_list_model_get_item (model, 5));

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autoptr(ReseauContactItem) item = item_at (fixture, i);

      g_assert_cmpstr (reseau_contact_item_get_section (item), ==, sections[i]);
      g_assert_cmpint (reseau_contact_item_get_section_start (item), ==, starts[i]);
      g_assert_nonnull (reseau_contact_item_get_uid (item));
      g_assert_cmpint (reseau_contact_item_get_id (item), >, 0);
    }
}

static void
test_search_filters_and_restores (Fixture       *fixture,
                                  gconstpointer  data)
{
  const char *clients[] = { "Denis Ouédraogo", "Fabrice Morel", NULL };
  const char *elodie[] = { "Élodie Lefèvre", NULL };
  const char *nobody[] = { NULL };
  const char *everyone[] = { "Anaïs Bézier", "Denis Ouédraogo", "Élodie Lefèvre",
                             "émile Durand", "Fabrice Morel", NULL };
  Change *change;

  reseau_contact_store_set_query (fixture->store, "client");
  g_assert_true (reseau_contact_store_get_loading (fixture->store));
  wait_settled (fixture);
  assert_names (fixture, clients);
  g_assert_cmpuint (reseau_contact_store_get_n_total (fixture->store), ==, 5);
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (change->position + change->added, <=, 2);
  {
    /* The first result heads its section, whatever preceded it before. */
    g_autoptr(ReseauContactItem) first = item_at (fixture, 0);
    g_assert_true (reseau_contact_item_get_section_start (first));
  }

  /* Part of an email, accents folded, case ignored. */
  reseau_contact_store_set_query (fixture->store, "ELODIE@CHE");
  wait_settled (fixture);
  assert_names (fixture, elodie);

  reseau_contact_store_set_query (fixture->store, "zzz");
  wait_settled (fixture);
  assert_names (fixture, nobody);

  g_array_set_size (fixture->changes, 0);
  reseau_contact_store_set_query (fixture->store, "");
  /* An empty query needs no search: settled at once. */
  g_assert_false (reseau_contact_store_get_loading (fixture->store));
  assert_names (fixture, everyone);
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 5);
}

static void
test_fast_typing_keeps_last_query (Fixture       *fixture,
                                   gconstpointer  data)
{
  const char *anais[] = { "Anaïs Bézier", NULL };

  /* Several keystrokes before the first answer: only the last one counts. */
  reseau_contact_store_set_query (fixture->store, "e");
  reseau_contact_store_set_query (fixture->store, "em");
  reseau_contact_store_set_query (fixture->store, "ana");
  wait_settled (fixture);
  assert_names (fixture, anais);
  g_assert_cmpstr (reseau_contact_store_get_query (fixture->store), ==, "ana");
}

static void
test_reload_announces_only_the_change (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = person ("Bruno Saint-Pierre", "bruno@sp.ca", "Client");
  g_autoptr(GError) error = NULL;
  Change *change;
  guint position;

  g_assert_true (reseau_database_save_contact (fixture->database, contact, &error));
  g_assert_no_error (error);

  reseau_contact_store_reload (fixture->store);
  wait_settled (fixture);

  /* Inserted after Anaïs, before Denis: one added, plus the row after it
   * whose section heading may change. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 6);
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 1);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 2);

  position = reseau_contact_store_find_uid (fixture->store, reseau_contact_get_uid (contact));
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (reseau_contact_store_find_uid (fixture->store, "urn:uuid:absent"), ==, G_MAXUINT);

  /* Nothing changed: nothing announced. */
  g_array_set_size (fixture->changes, 0);
  reseau_contact_store_reload (fixture->store);
  wait_settled (fixture);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
}

static void
test_reload_keeps_query (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = person ("Zoé Client-Nouvelle", "zoe@n.fr", "Client");
  const char *clients[] = { "Denis Ouédraogo", "Fabrice Morel", "Zoé Client-Nouvelle", NULL };
  g_autoptr(GError) error = NULL;

  reseau_contact_store_set_query (fixture->store, "client");
  wait_settled (fixture);

  g_assert_true (reseau_database_save_contact (fixture->database, contact, &error));
  g_assert_no_error (error);
  reseau_contact_store_reload (fixture->store);
  wait_settled (fixture);
  assert_names (fixture, clients);
  g_assert_cmpuint (reseau_contact_store_get_n_total (fixture->store), ==, 6);
}

static void
test_items_changed_matches_counts (Fixture       *fixture,
                                   gconstpointer  data)
{
  const char *queries[] = { "e", "el", "d", "", "fab", "client", "zzz", "" };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->store));

  /* Replaying every announced change on a counter gives the real count. */
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_array_set_size (fixture->changes, 0);
      reseau_contact_store_set_query (fixture->store, queries[q]);
      if (reseau_contact_store_get_loading (fixture->store))
        wait_settled (fixture);

      for (guint i = 0; i < fixture->changes->len; i++)
        {
          Change *change = &g_array_index (fixture->changes, Change, i);

          g_assert_cmpuint (change->position + change->removed, <=, n);
          n = n - change->removed + change->added;
        }
      g_assert_cmpuint (n, ==, g_list_model_get_n_items (G_LIST_MODEL (fixture->store)));
    }
}

static void
test_search_with_sparse_ids (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *clients[] = { "Denis Ouédraogo", "Fabrice Morel", NULL };
  sqlite3 *db;

  /* Ids far apart, as in a database edited by hand: the store must still
   * find the matches (it filters another way then). */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE contacts SET id = id * 100000000;"
                                 "UPDATE contacts_search SET rowid = rowid * 100000000;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  reseau_contact_store_reload (fixture->store);
  wait_settled (fixture);
  reseau_contact_store_set_query (fixture->store, "client");
  wait_settled (fixture);
  assert_names (fixture, clients);
  {
    g_autoptr(ReseauContactItem) first = item_at (fixture, 0);
    g_assert_cmpint (reseau_contact_item_get_id (first), >, 100000000);
  }
}

/* Sorting by strength ------------------------------------------------------ */

/* The uid of the contact shown as name (newly allocated). */
static char *
uid_of (Fixture    *fixture,
        const char *name)
{
  GListModel *model = G_LIST_MODEL (fixture->store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ReseauContactItem) item = item_at (fixture, i);

      if (g_strcmp0 (reseau_contact_item_get_display_name (item), name) == 0)
        return g_strdup (reseau_contact_item_get_uid (item));
    }

  g_assert_not_reached ();
  return NULL;
}

/* n meetings on the test's day with the contact shown as name. */
static void
log_meetings (Fixture    *fixture,
              const char *name,
              guint       n)
{
  g_autofree char *uid = uid_of (fixture, name);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReseauInteraction) interaction = reseau_interaction_new ();
      g_autoptr(GError) error = NULL;
      GDate on;

      g_date_clear (&on, 1);
      g_date_set_dmy (&on, 20, G_DATE_NOVEMBER, 2026);
      reseau_interaction_set_day (interaction, &on, NULL);
      interaction->kind = RESEAU_INTERACTION_MEETING;
      interaction->direction = RESEAU_DIRECTION_MUTUAL;
      reseau_interaction_add_participant (interaction, uid);
      g_assert_true (reseau_database_save_interaction (fixture->database, interaction, &error));
      g_assert_no_error (error);
    }
}

static GDate
the_day (void)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_NOVEMBER, 2026);
  return today;
}

/* Élodie strong, Fabrice steady, Denis and émile fading (equal), Anaïs
 * and a new Bruno without interactions; the store shows them by name. */
static void
add_relations (Fixture *fixture)
{
  g_autoptr(ReseauContact) bruno = person ("Bruno Saint-Pierre", "bruno@sp.ca", "Mentor");
  g_autoptr(GError) error = NULL;

  g_assert_true (reseau_database_save_contact (fixture->database, bruno, &error));
  g_assert_no_error (error);

  log_meetings (fixture, "Élodie Lefèvre", 8);
  log_meetings (fixture, "Fabrice Morel", 2);
  log_meetings (fixture, "Denis Ouédraogo", 1);
  log_meetings (fixture, "émile Durand", 1);

  reseau_contact_store_reload (fixture->store);
  wait_settled (fixture);
  g_array_set_size (fixture->changes, 0);
}

static void
assert_sections (Fixture            *fixture,
                 const char * const *sections,
                 const gboolean     *starts)
{
  for (guint i = 0; sections[i] != NULL; i++)
    {
      g_autoptr(ReseauContactItem) item = item_at (fixture, i);

      g_assert_cmpstr (reseau_contact_item_get_section (item), ==, sections[i]);
      g_assert_cmpint (reseau_contact_item_get_section_start (item), ==, starts[i]);
    }
}

static void
test_sort_by_strength (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *by_strength[] = { "Élodie Lefèvre", "Fabrice Morel", "Denis Ouédraogo",
                                "émile Durand", "Anaïs Bézier", "Bruno Saint-Pierre", NULL };
  const char *bands[] = { "Strong", "Steady", "Fading", "Fading",
                          "No recent interactions", "No recent interactions", NULL };
  const gboolean band_starts[] = { TRUE, TRUE, TRUE, FALSE, TRUE, FALSE };
  const char *by_name[] = { "Anaïs Bézier", "Bruno Saint-Pierre", "Denis Ouédraogo",
                            "Élodie Lefèvre", "émile Durand", "Fabrice Morel", NULL };
  const char *initials[] = { "A", "B", "D", "E", "E", "F", NULL };
  const gboolean initial_starts[] = { TRUE, TRUE, TRUE, TRUE, FALSE, TRUE };
  GDate today = the_day ();
  Change *change;

  add_relations (fixture);
  assert_names (fixture, by_name);
  g_assert_false (reseau_contact_store_get_sort_by_strength (fixture->store));

  reseau_contact_store_set_sort_by_strength (fixture->store, TRUE, &today);
  g_assert_true (reseau_contact_store_get_sort_by_strength (fixture->store));
  /* The strengths are on their way: the list is still by name. */
  g_assert_true (reseau_contact_store_get_loading (fixture->store));
  assert_names (fixture, by_name);
  wait_settled (fixture);

  /* Strongest first, equals and the contacts without strength by name. */
  assert_names (fixture, by_strength);
  assert_sections (fixture, bands, band_starts);
  g_assert_cmpuint (reseau_contact_store_get_n_total (fixture->store), ==, 6);
  {
    g_autofree char *anais = uid_of (fixture, "Anaïs Bézier");

    g_assert_cmpuint (reseau_contact_store_find_uid (fixture->store, anais), ==, 4);
  }

  /* One replace-all. */
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 6);
  g_assert_cmpuint (change->added, ==, 6);

  /* Asking again for the same is nothing to do. */
  g_array_set_size (fixture->changes, 0);
  reseau_contact_store_set_sort_by_strength (fixture->store, TRUE, &today);
  g_assert_false (reseau_contact_store_get_loading (fixture->store));

  /* Back to names, with the initials as headings again: no read needed. */
  reseau_contact_store_set_sort_by_strength (fixture->store, FALSE, NULL);
  g_assert_false (reseau_contact_store_get_loading (fixture->store));
  assert_names (fixture, by_name);
  assert_sections (fixture, initials, initial_starts);
  g_assert_cmpuint (fixture->changes->len, ==, 1);
}

static void
test_sort_by_strength_with_query (Fixture       *fixture,
                                  gconstpointer  data)
{
  const char *clients_by_strength[] = { "Fabrice Morel", "Denis Ouédraogo", NULL };
  const char *clients_by_name[] = { "Denis Ouédraogo", "Fabrice Morel", NULL };
  const char *bands[] = { "Steady", "Fading", NULL };
  const gboolean band_starts[] = { TRUE, TRUE };
  const char *everyone_by_strength[] = { "Élodie Lefèvre", "Fabrice Morel", "Denis Ouédraogo",
                                         "émile Durand", "Anaïs Bézier", "Bruno Saint-Pierre", NULL };
  GDate today = the_day ();

  add_relations (fixture);

  reseau_contact_store_set_query (fixture->store, "client");
  wait_settled (fixture);
  assert_names (fixture, clients_by_name);

  reseau_contact_store_set_sort_by_strength (fixture->store, TRUE, &today);
  wait_settled (fixture);
  assert_names (fixture, clients_by_strength);
  assert_sections (fixture, bands, band_starts);

  /* A new query keeps the order by strength. */
  reseau_contact_store_set_query (fixture->store, "");
  assert_names (fixture, everyone_by_strength);
  reseau_contact_store_set_query (fixture->store, "client");
  wait_settled (fixture);
  assert_names (fixture, clients_by_strength);

  /* Switching back keeps the query. */
  reseau_contact_store_set_sort_by_strength (fixture->store, FALSE, NULL);
  if (reseau_contact_store_get_loading (fixture->store))
    wait_settled (fixture);
  assert_names (fixture, clients_by_name);
  g_assert_cmpstr (reseau_contact_store_get_query (fixture->store), ==, "client");
}

static void
test_sort_by_strength_follows_changes (Fixture       *fixture,
                                       gconstpointer  data)
{
  const char *after_logging[] = { "Élodie Lefèvre", "émile Durand", "Fabrice Morel",
                                  "Denis Ouédraogo", "Anaïs Bézier", "Bruno Saint-Pierre", NULL };
  const char *after_adding[] = { "Élodie Lefèvre", "émile Durand", "Fabrice Morel",
                                 "Denis Ouédraogo", "Anaïs Bézier", "Bruno Saint-Pierre",
                                 "Zoé Nouvelle", NULL };
  g_autoptr(ReseauContact) zoe = person ("Zoé Nouvelle", "zoe@n.fr", "Client");
  g_autoptr(GError) error = NULL;
  GDate today = the_day ();
  Change *change;

  add_relations (fixture);
  reseau_contact_store_set_sort_by_strength (fixture->store, TRUE, &today);
  wait_settled (fixture);

  /* Nothing changed: reading the strengths again announces nothing. */
  g_array_set_size (fixture->changes, 0);
  reseau_contact_store_reload_strengths (fixture->store);
  g_assert_true (reseau_contact_store_get_loading (fixture->store));
  wait_settled (fixture);
  g_assert_cmpuint (fixture->changes->len, ==, 0);

  /* One more meeting with émile: she joins Fabrice among the steady
   * (before him, by name); Élodie above and the last two are left alone. */
  log_meetings (fixture, "émile Durand", 1);
  reseau_contact_store_reload_strengths (fixture->store);
  wait_settled (fixture);
  assert_names (fixture, after_logging);
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 1);
  g_assert_cmpuint (change->removed, ==, 4);
  g_assert_cmpuint (change->added, ==, 4);
  {
    g_autoptr(ReseauContactItem) emile = item_at (fixture, 1);
    g_autoptr(ReseauContactItem) fabrice = item_at (fixture, 2);
    g_autoptr(ReseauContactItem) denis = item_at (fixture, 3);

    g_assert_cmpstr (reseau_contact_item_get_section (emile), ==, "Steady");
    g_assert_true (reseau_contact_item_get_section_start (emile));
    g_assert_false (reseau_contact_item_get_section_start (fabrice));
    g_assert_cmpstr (reseau_contact_item_get_section (denis), ==, "Fading");
    g_assert_true (reseau_contact_item_get_section_start (denis));
  }

  /* A reload keeps the sort: a new contact without interactions goes
   * last, and only that is announced. */
  g_assert_true (reseau_database_save_contact (fixture->database, zoe, &error));
  g_assert_no_error (error);
  g_array_set_size (fixture->changes, 0);
  reseau_contact_store_reload (fixture->store);
  wait_settled (fixture);
  assert_names (fixture, after_adding);
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 6);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 1);
}

static void
test_sort_changed_while_loading (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *by_strength[] = { "Élodie Lefèvre", "Fabrice Morel", "Denis Ouédraogo",
                                "émile Durand", "Anaïs Bézier", "Bruno Saint-Pierre", NULL };
  const char *by_name[] = { "Anaïs Bézier", "Bruno Saint-Pierre", "Denis Ouédraogo",
                            "Élodie Lefèvre", "émile Durand", "Fabrice Morel", NULL };
  GDate today = the_day ();
  guint n_settled;

  add_relations (fixture);

  /* Asked for during a reload: the reload lands sorted by strength. */
  reseau_contact_store_reload (fixture->store);
  reseau_contact_store_set_sort_by_strength (fixture->store, TRUE, &today);
  wait_settled (fixture);
  assert_names (fixture, by_strength);

  /* Changed back before the strengths came: by name, and they are dropped. */
  reseau_contact_store_reload_strengths (fixture->store);
  g_assert_true (reseau_contact_store_get_loading (fixture->store));
  n_settled = fixture->n_settled;
  reseau_contact_store_set_sort_by_strength (fixture->store, FALSE, NULL);
  g_assert_false (reseau_contact_store_get_loading (fixture->store));
  g_assert_cmpuint (fixture->n_settled, ==, n_settled + 1);
  assert_names (fixture, by_name);

  /* And on and off and on again while the summaries load. */
  reseau_contact_store_reload (fixture->store);
  reseau_contact_store_set_sort_by_strength (fixture->store, TRUE, &today);
  reseau_contact_store_set_sort_by_strength (fixture->store, FALSE, NULL);
  reseau_contact_store_set_sort_by_strength (fixture->store, TRUE, &today);
  wait_settled (fixture);
  g_assert_false (reseau_contact_store_get_loading (fixture->store));
  assert_names (fixture, by_strength);
}

static void
test_sort_by_strength_counts_consistent (Fixture       *fixture,
                                         gconstpointer  data)
{
  const char *queries[] = { "e", "el", "d", "", "fab", "client", "zzz", "" };
  GDate today = the_day ();
  guint n;

  add_relations (fixture);
  n = g_list_model_get_n_items (G_LIST_MODEL (fixture->store));

  /* Replaying every announced change on a counter gives the real count,
   * through changes of sort as well as queries. */
  for (guint q = 0; q < 2 * G_N_ELEMENTS (queries); q++)
    {
      g_array_set_size (fixture->changes, 0);
      if (q % 3 == 0)
        {
          reseau_contact_store_set_sort_by_strength (fixture->store, q % 2 == 0, &today);
          if (reseau_contact_store_get_loading (fixture->store))
            wait_settled (fixture);
        }
      reseau_contact_store_set_query (fixture->store, queries[q % G_N_ELEMENTS (queries)]);
      if (reseau_contact_store_get_loading (fixture->store))
        wait_settled (fixture);

      for (guint i = 0; i < fixture->changes->len; i++)
        {
          Change *change = &g_array_index (fixture->changes, Change, i);

          g_assert_cmpuint (change->position + change->removed, <=, n);
          n = n - change->removed + change->added;
        }
      g_assert_cmpuint (n, ==, g_list_model_get_n_items (G_LIST_MODEL (fixture->store)));
    }
}

static void
test_sort_by_strength_with_sparse_ids (Fixture       *fixture,
                                       gconstpointer  data)
{
  const char *by_strength[] = { "Élodie Lefèvre", "Fabrice Morel", "Denis Ouédraogo",
                                "émile Durand", "Anaïs Bézier", "Bruno Saint-Pierre", NULL };
  GDate today = the_day ();
  sqlite3 *db;

  add_relations (fixture);

  /* Ids far apart: strengths are matched to rows another way then. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE contacts SET id = id * 100000000;"
                                 "UPDATE contacts_search SET rowid = rowid * 100000000;"
                                 "UPDATE contact_activity SET contact_id = contact_id * 100000000;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  reseau_contact_store_reload (fixture->store);
  wait_settled (fixture);
  reseau_contact_store_set_sort_by_strength (fixture->store, TRUE, &today);
  wait_settled (fixture);
  assert_names (fixture, by_strength);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/sorted-and-grouped", test_sorted_and_grouped);
  ADD ("/store/search", test_search_filters_and_restores);
  ADD ("/store/fast-typing", test_fast_typing_keeps_last_query);
  ADD ("/store/reload-minimal-change", test_reload_announces_only_the_change);
  ADD ("/store/reload-keeps-query", test_reload_keeps_query);
  ADD ("/store/items-changed-consistent", test_items_changed_matches_counts);
  ADD ("/store/sparse-ids", test_search_with_sparse_ids);
  ADD ("/store/strength/order", test_sort_by_strength);
  ADD ("/store/strength/query", test_sort_by_strength_with_query);
  ADD ("/store/strength/follows-changes", test_sort_by_strength_follows_changes);
  ADD ("/store/strength/changed-while-loading", test_sort_changed_while_loading);
  ADD ("/store/strength/items-changed-consistent", test_sort_by_strength_counts_consistent);
  ADD ("/store/strength/sparse-ids", test_sort_by_strength_with_sparse_ids);

#undef ADD

  return g_test_run ();
}
