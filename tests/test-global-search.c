/* test-global-search.c — Ctrl+K's search over contacts, notes, events, referrals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reseau-core.h"
#include "reseau-test-utils.h"

#define ANNE  "urn:uuid:5d1c2e8a-0f4b-4b7e-9a51-6c0de0a1b001"
#define BRUNO "urn:uuid:5d1c2e8a-0f4b-4b7e-9a51-6c0de0a1b002"
#define CHLOE "urn:uuid:5d1c2e8a-0f4b-4b7e-9a51-6c0de0a1b003"

typedef struct
{
  char           *dir;
  ReseauDatabase *database;
} Fixture;

static GDate
day (const char *text)
{
  GDate date;

  g_assert_true (reseau_date_from_string (text, &date));
  return date;
}

static void
save_contact (Fixture    *fixture,
              const char *uid,
              const char *name)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(GError) error = NULL;

  reseau_contact_set_uid (contact, uid);
  reseau_contact_set_full_name (contact, name);
  g_assert_true (reseau_database_save_contact (fixture->database, contact, &error));
  g_assert_no_error (error);
}

static gint64
log_note (Fixture    *fixture,
          const char *on,
          const char *note,
          const char *uid)
{
  g_autoptr(ReseauInteraction) interaction = reseau_interaction_new ();
  g_autoptr(GError) error = NULL;
  GDate date = day (on);

  reseau_interaction_set_day (interaction, &date, NULL);
  interaction->kind = RESEAU_INTERACTION_MEETING;
  interaction->note = g_strdup (note);
  reseau_interaction_add_participant (interaction, uid);
  g_assert_true (reseau_database_save_interaction (fixture->database, interaction, &error));
  g_assert_no_error (error);

  return interaction->id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(ReseauReferral) referral = NULL;
  GDate date = day ("2026-10-02");

  fixture->dir = reseau_test_make_temp_dir ();
  path = g_build_filename (fixture->dir, "reseau.db", NULL);
  fixture->database = reseau_database_new (path);
  g_assert_true (reseau_database_open (fixture->database, &error));
  g_assert_no_error (error);

  save_contact (fixture, ANNE, "Anne Éolienne");
  save_contact (fixture, BRUNO, "Bruno Petit");
  save_contact (fixture, CHLOE, "Chloé Durand");

  log_note (fixture, "2026-09-01", "Café avec Bruno : projet éolien en Bretagne", BRUNO);
  log_note (fixture, "2026-09-15", "Relance du devis", CHLOE);

  event = reseau_event_new ("Salon des Énergies", &date);
  event->place = g_strdup ("Nantes");
  g_assert_true (reseau_database_add_event (fixture->database, event, &error));
  g_assert_no_error (error);

  referral = reseau_referral_new (RESEAU_REFERRAL_RECEIVED, CHLOE, &date);
  referral->to_uid = g_strdup (BRUNO);
  referral->subject = g_strdup ("Site vitrine éolien");
  g_assert_true (reseau_database_add_referral (fixture->database, referral, &error));
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

static ReseauGlobalSearchResults *
search (Fixture    *fixture,
        const char *text,
        guint       limit)
{
  g_autoptr(GError) error = NULL;
  ReseauGlobalSearchResults *results = reseau_global_search (fixture->database, text, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  for (guint i = 0; i < RESEAU_GLOBAL_SEARCH_N_GROUPS; i++)
    {
      g_assert_nonnull (results->hits[i]);
      g_assert_cmpuint (results->hits[i]->len, <=, limit);
      g_assert_cmpuint (results->hits[i]->len, <=, results->totals[i]);
    }

  return results;
}

static ReseauGlobalSearchHit *
hit (ReseauGlobalSearchResults *results,
     ReseauGlobalSearchGroup    group,
     guint                      index)
{
  g_assert_cmpuint (index, <, results->hits[group]->len);
  return g_ptr_array_index (results->hits[group], index);
}

/* One word found in every kind, each group with its own fields. */
static void
test_grouping (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ReseauGlobalSearchResults) results = search (fixture, "eol", 5);
  ReseauGlobalSearchHit *found;

  g_assert_false (reseau_global_search_results_is_empty (results));

  g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_CONTACTS], ==, 1);
  found = hit (results, RESEAU_GLOBAL_SEARCH_CONTACTS, 0);
  g_assert_cmpint (found->group, ==, RESEAU_GLOBAL_SEARCH_CONTACTS);
  g_assert_cmpstr (found->uid, ==, ANNE);
  g_assert_cmpstr (found->title, ==, "Anne Éolienne");

  g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_INTERACTIONS], ==, 1);
  found = hit (results, RESEAU_GLOBAL_SEARCH_INTERACTIONS, 0);
  g_assert_cmpint (found->id, >, 0);
  g_assert_cmpstr (found->day, ==, "2026-09-01");
  g_assert_cmpint (found->interaction_kind, ==, RESEAU_INTERACTION_MEETING);
  g_assert_cmpstr (found->title, ==, "Bruno Petit");
  g_assert_cmpstr (found->uid, ==, BRUNO);
  g_assert_nonnull (found->snippet);
  g_assert_nonnull (g_strstr_len (found->snippet, -1, "éolien"));

  /* "Énergies" is not "eol…": the event is not found by this word. */
  g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_EVENTS], ==, 0);

  g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_REFERRALS], ==, 1);
  found = hit (results, RESEAU_GLOBAL_SEARCH_REFERRALS, 0);
  g_assert_cmpstr (found->title, ==, "Site vitrine éolien");
  g_assert_cmpstr (found->subtitle, ==, "Chloé Durand → Bruno Petit");
  g_assert_cmpstr (found->uid, ==, CHLOE);
}

/* Every word must be the prefix of a word, case and accents ignored. */
static void
test_prefix_and_folding (Fixture       *fixture,
                         gconstpointer  data)
{
  {
    g_autoptr(ReseauGlobalSearchResults) results = search (fixture, "ÉNERG nant", 5);

    g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_EVENTS], ==, 1);
    g_assert_cmpstr (hit (results, RESEAU_GLOBAL_SEARCH_EVENTS, 0)->title, ==, "Salon des Énergies");
    g_assert_cmpstr (hit (results, RESEAU_GLOBAL_SEARCH_EVENTS, 0)->day, ==, "2026-10-02");
    g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_CONTACTS], ==, 0);
  }
  {
    g_autoptr(ReseauGlobalSearchResults) results = search (fixture, "chloe", 5);

    g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_CONTACTS], ==, 1);
    g_assert_cmpstr (hit (results, RESEAU_GLOBAL_SEARCH_CONTACTS, 0)->uid, ==, CHLOE);
    /* The referral names her. */
    g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_REFERRALS], ==, 1);
  }
  {
    /* All the words, not any: "relance bretagne" is in no single note. */
    g_autoptr(ReseauGlobalSearchResults) results = search (fixture, "relance bretagne", 5);

    g_assert_true (reseau_global_search_results_is_empty (results));
  }
  {
    /* Inside a word is no prefix. */
    g_autoptr(ReseauGlobalSearchResults) results = search (fixture, "lienne", 5);

    g_assert_true (reseau_global_search_results_is_empty (results));
  }
  {
    /* Nothing to search for; FTS5 syntax is only text. */
    g_autoptr(ReseauGlobalSearchResults) blank = search (fixture, "  ,; ", 5);
    g_autoptr(ReseauGlobalSearchResults) syntax = search (fixture, "\"café\" OR NEAR(", 5);

    g_assert_true (reseau_global_search_results_is_empty (blank));
    g_assert_cmpuint (syntax->totals[RESEAU_GLOBAL_SEARCH_INTERACTIONS], ==, 0);
  }
}

/* Each group stops at the limit; the totals count them all. */
static void
test_limits_and_counts (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ReseauGlobalSearchResults) results = NULL;

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *uid = g_strdup_printf ("urn:uuid:5d1c2e8a-0f4b-4b7e-9a51-6c0de0a1c%03u", i);
      g_autofree char *name = g_strdup_printf ("Maëlle Numéro%u", i);
      g_autofree char *on = g_strdup_printf ("2026-08-%02u", i + 1);

      save_contact (fixture, uid, name);
      log_note (fixture, on, "Atelier maquettes", uid);
    }

  results = search (fixture, "mael", 3);
  g_assert_cmpuint (results->hits[RESEAU_GLOBAL_SEARCH_CONTACTS]->len, ==, 3);
  g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_CONTACTS], ==, 8);
  /* In the list's order. */
  g_assert_cmpstr (hit (results, RESEAU_GLOBAL_SEARCH_CONTACTS, 0)->title, ==, "Maëlle Numéro0");
  g_assert_cmpstr (hit (results, RESEAU_GLOBAL_SEARCH_CONTACTS, 2)->title, ==, "Maëlle Numéro2");
  g_clear_pointer (&results, reseau_global_search_results_free);

  results = search (fixture, "atel maq", 3);
  g_assert_cmpuint (results->hits[RESEAU_GLOBAL_SEARCH_INTERACTIONS]->len, ==, 3);
  g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_INTERACTIONS], ==, 8);
  /* Newest first. */
  g_assert_cmpstr (hit (results, RESEAU_GLOBAL_SEARCH_INTERACTIONS, 0)->day, ==, "2026-08-08");
  g_assert_cmpstr (hit (results, RESEAU_GLOBAL_SEARCH_INTERACTIONS, 2)->day, ==, "2026-08-06");
}

/* Past RESEAU_GLOBAL_SEARCH_MAX_COUNT matches, the count stops there and
 * the pages come from walking the list and the timeline in order. */
static void
test_many_matches (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) interactions = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_interaction_free);
  g_autoptr(ReseauGlobalSearchResults) results = NULL;
  g_autoptr(GError) error = NULL;
  guint n = RESEAU_GLOBAL_SEARCH_MAX_COUNT + 10;

  for (guint i = 0; i < n; i++)
    {
      ReseauContact *contact = reseau_contact_new ();
      g_autofree char *uid = g_strdup_printf ("urn:uuid:5d1c2e8a-0f4b-4b7e-9a51-6c0de0a%05u", i);
      g_autofree char *name = g_strdup_printf ("Zoé Kestrel%04u", n - i);

      reseau_contact_set_uid (contact, uid);
      reseau_contact_set_full_name (contact, name);
      g_ptr_array_add (contacts, contact);
    }
  g_assert_true (reseau_database_import_contacts (fixture->database, contacts, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    {
      ReseauInteraction *interaction = reseau_interaction_new ();
      GDate date = day ("2020-01-01");

      g_date_add_days (&date, i);
      reseau_interaction_set_day (interaction, &date, NULL);
      interaction->note = g_strdup_printf ("Kestrel %u", i);
      reseau_interaction_add_participant (interaction, ANNE);
      g_ptr_array_add (interactions, interaction);
    }
  g_assert_true (reseau_database_add_interactions (fixture->database, interactions, &error));
  g_assert_no_error (error);

  results = search (fixture, "kestrel", 3);
  g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_CONTACTS], ==, RESEAU_GLOBAL_SEARCH_MAX_COUNT);
  g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_INTERACTIONS], ==, RESEAU_GLOBAL_SEARCH_MAX_COUNT);
  g_assert_cmpuint (results->hits[RESEAU_GLOBAL_SEARCH_CONTACTS]->len, ==, 3);
  g_assert_cmpstr (hit (results, RESEAU_GLOBAL_SEARCH_CONTACTS, 0)->title, ==, "Zoé Kestrel0001");
  g_assert_cmpstr (hit (results, RESEAU_GLOBAL_SEARCH_CONTACTS, 2)->title, ==, "Zoé Kestrel0003");
  g_assert_cmpuint (results->hits[RESEAU_GLOBAL_SEARCH_INTERACTIONS]->len, ==, 3);
  g_assert_cmpstr (hit (results, RESEAU_GLOBAL_SEARCH_INTERACTIONS, 0)->snippet, ==, "Kestrel 1009");
  g_assert_cmpstr (hit (results, RESEAU_GLOBAL_SEARCH_INTERACTIONS, 2)->snippet, ==, "Kestrel 1007");
}

/* A trashed interaction (waiting for Undo) is not found; restored, it is. */
static void
test_trashed_interaction (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = log_note (fixture, "2026-09-20", "Déjeuner ornithologie", ANNE);

  {
    g_autoptr(ReseauGlobalSearchResults) results = search (fixture, "ornitho", 5);

    g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_INTERACTIONS], ==, 1);
  }
  g_assert_true (reseau_database_trash_interaction (fixture->database, id, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ReseauGlobalSearchResults) results = search (fixture, "ornitho", 5);

    g_assert_true (reseau_global_search_results_is_empty (results));
    g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_INTERACTIONS], ==, 0);
  }
}

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ReseauGlobalSearchResults **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = reseau_global_search_finish (RESEAU_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ReseauGlobalSearchResults) results = NULL;

  reseau_global_search_async (fixture->database, "petit", 5, NULL, on_searched, &results);
  while (results == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (results->totals[RESEAU_GLOBAL_SEARCH_CONTACTS], ==, 1);
  g_assert_cmpstr (hit (results, RESEAU_GLOBAL_SEARCH_CONTACTS, 0)->uid, ==, BRUNO);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/global-search/grouping", test_grouping);
  ADD ("/global-search/prefix-and-folding", test_prefix_and_folding);
  ADD ("/global-search/limits-and-counts", test_limits_and_counts);
  ADD ("/global-search/many-matches", test_many_matches);
  ADD ("/global-search/trashed-interaction", test_trashed_interaction);
  ADD ("/global-search/async", test_async);
#undef ADD

  return g_test_run ();
}
