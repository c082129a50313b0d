/* reseau-relations-bench.c — the figures of issue 5 on a big network
 *
 * Generates 100,000 contacts (reseau_demo_generate()) and 1,000,000
 * interactions spread over the three years before a fixed "today", each
 * with one or two participants and, for a third of them, a short note;
 * gives three tags a cadence; then measures, over several runs, and
 * prints medians in milliseconds as `reseau-bench NAME VALUE` lines:
 *
 *   followups-ms             the Follow-up view: every group's count and its
 *                            first 50 rows (default cadence 30)
 *   followups-all-ms         every follow-up row, as reseau-cli due lists them
 *   timeline-first-page-ms   the first 50 rows of the Timeline
 *   timeline-deep-page-ms    50 rows from the middle, by keyset
 *   timeline-contact-ms      the first page of one contact's timeline
 *   timeline-search-ms       the first page of a search in the notes
 *   contact-search-ms        the global contact search for a prefix
 *   global-search-ms         Ctrl+K ("ma": many contacts and notes), all groups
 *   strengths-ms             the strength of every contact (list sorting)
 *
 * Run by hand (never by meson test): timings on a shared machine are not
 * pass/fail material.
 *
 * Usage: reseau-relations-bench [--contacts N] [--interactions N] [--runs N]
 *                               [--keep FILE]
 *
 * --keep writes the network to FILE and leaves it there; when FILE exists
 * already, it is measured as it is (generating takes a minute).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "reseau-core.h"
#include "reseau-test-utils.h"

static int n_contacts = 100000;
static int n_interactions = 1000000;
static int n_runs = 5;
static char *keep_path = NULL;

#define BATCH 50000
#define SPAN_DAYS (3 * 365)

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  if (samples->len % 2 == 1)
    return g_array_index (samples, double, samples->len / 2);
  return (g_array_index (samples, double, samples->len / 2 - 1) +
          g_array_index (samples, double, samples->len / 2)) / 2;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static const char * const words[] = {
  "devis", "refonte", "atelier", "relance", "café", "conférence", "mission", "recommandation",
  "prospect", "facture", "maquette", "présentation", "Éole", "stratégie", "formation",
};

static GPtrArray *
make_interactions (GRand      *rand,
                   GPtrArray  *uids,
                   const GDate *today,
                   int          n)
{
  GPtrArray *batch = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_interaction_free);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  for (int i = 0; i < n; i++)
    {
      ReseauInteraction *interaction = reseau_interaction_new ();
      GDate day = *today;

      g_date_subtract_days (&day, g_rand_int_range (rand, 0, SPAN_DAYS));
      reseau_interaction_set_day (interaction, &day, utc);
      /* Spread over the day, so that times rarely tie. */
      interaction->occurred_at += g_rand_int_range (rand, -36000, 36000);
      interaction->kind = g_rand_int_range (rand, 0, RESEAU_N_INTERACTION_KINDS);
      interaction->direction = g_rand_int_range (rand, 0, 3);
      if (g_rand_int_range (rand, 0, 3) == 0)
        interaction->note = g_strdup_printf ("%s %s %s", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                             words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                             words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      reseau_interaction_add_participant (interaction, g_ptr_array_index (uids, g_rand_int_range (rand, 0, uids->len)));
      if (g_rand_int_range (rand, 0, 5) == 0)
        reseau_interaction_add_participant (interaction,
                                            g_ptr_array_index (uids, g_rand_int_range (rand, 0, uids->len)));
      /* The same person twice is once. */
      if (interaction->participants->len == 2 &&
          g_strcmp0 (interaction->participants->pdata[0], interaction->participants->pdata[1]) == 0)
        g_ptr_array_set_size (interaction->participants, 1);
      g_ptr_array_add (batch, interaction);
    }

  return batch;
}

static ReseauDatabase *
make_network (const char  *path,
              const GDate *today,
              char       **some_uid)
{
  g_autoptr(ReseauDatabase) database = reseau_database_new (path);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_auto(GStrv) tags = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  contacts = reseau_demo_generate (n_contacts, 2026);
  if (!reseau_database_import_contacts (database, contacts, NULL, NULL, &error))
    g_error ("Could not save the network: %s", error->message);
  for (guint i = 0; i < contacts->len; i++)
    g_ptr_array_add (uids, g_strdup (reseau_contact_get_uid (g_ptr_array_index (contacts, i))));
  g_clear_pointer (&contacts, g_ptr_array_unref);
  *some_uid = g_strdup (g_ptr_array_index (uids, uids->len / 2));

  tags = reseau_database_list_tags (database, &error);
  for (guint i = 0; tags != NULL && tags[i] != NULL && i < 3; i++)
    reseau_database_set_tag_cadence (database, tags[i], 14 + 16 * i, &error);

  for (int done = 0; done < n_interactions; done += BATCH)
    {
      g_autoptr(GPtrArray) batch = make_interactions (rand, uids, today, MIN (BATCH, n_interactions - done));

      if (!reseau_database_add_interactions (database, batch, &error))
        g_error ("Could not save the interactions: %s", error->message);
    }
  g_printerr ("%d contacts and %d interactions generated in %.1f s\n", n_contacts, n_interactions,
              ms_since (start) / 1000.0);

  return g_steal_pointer (&database);
}

typedef enum
{
  FOLLOWUPS,
  FOLLOWUPS_ALL,
  TIMELINE_FIRST,
  TIMELINE_DEEP,
  TIMELINE_CONTACT,
  TIMELINE_SEARCH,
  CONTACT_SEARCH,
  GLOBAL_SEARCH,
  STRENGTHS,
  N_MEASURES
} Measure;

static const char * const measure_names[] = {
  "followups-ms", "followups-all-ms", "timeline-first-page-ms", "timeline-deep-page-ms", "timeline-contact-ms",
  "timeline-search-ms", "contact-search-ms", "global-search-ms", "strengths-ms",
};
G_STATIC_ASSERT (G_N_ELEMENTS (measure_names) == N_MEASURES);

static double
run (ReseauDatabase *database,
     Measure         measure,
     const GDate    *today,
     const char     *uid,
     gint64          deep_at,
     gint64          deep_id,
     guint          *n_rows)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  switch (measure)
    {
    case FOLLOWUPS:
      {
        g_autoptr(ReseauFollowupList) list = reseau_database_list_followup_groups (database, today, 30,
                                                                                  50, &error);

        ms = ms_since (start);
        *n_rows = 0;
        for (guint g = 0; list != NULL && g < RESEAU_FOLLOWUP_N_GROUPS; g++)
          *n_rows += list->counts[g];
      }
      break;
    case FOLLOWUPS_ALL:
      {
        g_autoptr(GPtrArray) rows = reseau_database_list_followups (database, today, 30, &error);

        ms = ms_since (start);
        *n_rows = rows ? rows->len : 0;
      }
      break;
    case TIMELINE_FIRST:
    case TIMELINE_DEEP:
    case TIMELINE_CONTACT:
    case TIMELINE_SEARCH:
      {
        ReseauTimelineFilter filter = { -1, NULL, NULL, NULL };
        g_autoptr(GPtrArray) rows = NULL;

        if (measure == TIMELINE_CONTACT)
          filter.contact_uid = uid;
        if (measure == TIMELINE_SEARCH)
          filter.text = "recomm";
        start = g_get_monotonic_time ();
        rows = reseau_database_timeline_page (database, &filter,
                                              measure == TIMELINE_DEEP ? deep_at : 0,
                                              measure == TIMELINE_DEEP ? deep_id : 0, 50, &error);
        ms = ms_since (start);
        *n_rows = rows ? rows->len : 0;
      }
      break;
    case CONTACT_SEARCH:
      {
        g_autoptr(GArray) found = reseau_database_search (database, "mar", &error);

        ms = ms_since (start);
        *n_rows = found ? found->len : 0;
      }
      break;
    case GLOBAL_SEARCH:
      {
        g_autoptr(ReseauGlobalSearchResults) found = reseau_global_search (database, "ma", 5, &error);

        ms = ms_since (start);
        *n_rows = 0;
        for (guint i = 0; found != NULL && i < RESEAU_GLOBAL_SEARCH_N_GROUPS; i++)
          *n_rows += found->totals[i];
      }
      break;
    case STRENGTHS:
    case N_MEASURES:
    default:
      {
        g_autoptr(GArray) strengths = reseau_database_list_strengths (database, today, &error);

        ms = ms_since (start);
        *n_rows = strengths ? strengths->len : 0;
      }
      break;
    }
  if (error != NULL)
    g_error ("%s failed: %s", measure_names[measure], error->message);

  return ms;
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "contacts", 0, 0, G_OPTION_ARG_INT, &n_contacts, "Contacts in the network", "N" },
    { "interactions", 0, 0, G_OPTION_ARG_INT, &n_interactions, "Interactions", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs of each measure", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep_path, "Keep the network in FILE, or reuse it", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uid = NULL;
  gint64 deep_at = 0, deep_id = 0;
  GDate today;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_contacts < 1 ||
      n_interactions < 0 || n_runs < 1)
    {
      g_printerr ("%s\n", error ? error->message : "--contacts and --runs must be positive");
      return 2;
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 18, G_DATE_NOVEMBER, 2026);
  if (keep_path != NULL && g_file_test (keep_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GPtrArray) summaries = NULL;

      database = reseau_database_new (keep_path);
      summaries = reseau_database_list_summaries (database, &error);
      if (summaries == NULL || summaries->len == 0)
        g_error ("Cannot use %s: %s", keep_path, error ? error->message : "no contacts");
      uid = g_strdup (((ReseauContactSummary *) g_ptr_array_index (summaries, summaries->len / 2))->uid);
    }
  else
    {
      if (keep_path == NULL)
        dir = reseau_test_make_temp_dir ();
      path = keep_path ? g_strdup (keep_path) : g_build_filename (dir, "reseau.db", NULL);
      database = make_network (path, &today, &uid);
    }

  /* The cursor of a page from the middle of the timeline. */
  {
    g_autoptr(GPtrArray) rows = NULL;

    for (int page = 0; page < 200; page++)
      {
        g_clear_pointer (&rows, g_ptr_array_unref);
        rows = reseau_database_timeline_page (database, NULL, deep_at, deep_id, 50, &error);
        if (rows == NULL || rows->len == 0)
          break;
        deep_at = ((ReseauTimelineRow *) g_ptr_array_index (rows, rows->len - 1))->occurred_at;
        deep_id = ((ReseauTimelineRow *) g_ptr_array_index (rows, rows->len - 1))->id;
      }
  }

  for (int m = 0; m < N_MEASURES; m++)
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      guint n_rows = 0;

      /* One run to warm the page cache, then the measured ones. */
      run (database, m, &today, uid, deep_at, deep_id, &n_rows);
      for (int i = 0; i < n_runs; i++)
        {
          double ms = run (database, m, &today, uid, deep_at, deep_id, &n_rows);

          g_array_append_val (samples, ms);
        }
      g_printerr ("%s: %u rows\n", measure_names[m], n_rows);
      g_print ("reseau-bench %s %.2f\n", measure_names[m], median (samples));
    }

  g_clear_object (&database);
  if (dir != NULL)
    reseau_test_remove_tree (dir);

  return 0;
}
