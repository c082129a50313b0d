/* reseau-network-bench.c — the figures of issue 6 (the network map)
 *
 * Generates deterministic networks and prints, as a table and as
 * `reseau-bench NAME VALUE` lines, medians over several runs of (the
 * -cpu lines beside the timings give the process's CPU time, which a
 * busy shared machine inflates far less than the wall clock):
 *
 *   layout-ms, layout-steps      Barnes–Hut layout of 2,000 nodes and
 *                                10,000 edges to convergence (target ≤ 2 s)
 *   layout-exact-ms, …-steps     the same with exact O(n²) repulsion, the
 *                                side-by-side reference
 *   hit-test-ns                  one hit-test on the converged 2,000-node
 *                                map, at zoom 1 and 0.05; and on 20,000
 *   cluster-ms, cluster-nodes    20,000 people folded into clusters
 *   load-2000-ms, load-20000-ms  reseau_database_load_network() from a
 *                                database of that many contacts (five
 *                                interactions each, events, referrals)
 *
 * Run by hand through `build-aux/dev bench network` (never by meson test):
 * timings on a shared machine are not pass/fail material.
 *
 * Usage: reseau-network-bench [--runs N] [--exact-runs N] [--skip-database]
 *                             [--keep DIR]
 *
 * --keep writes the databases into DIR and leaves them there; when they
 * exist already, they are measured as they are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "reseau-core.h"
#include "reseau-layout-private.h"
#include "reseau-test-utils.h"

static int n_runs = 5;
static int n_exact_runs = 5;
static gboolean skip_database = FALSE;
static char *keep_dir = NULL;

#define LAYOUT_NODES 2000
#define LAYOUT_EDGES 10000
#define BIG_NODES 20000
#define HIT_TESTS 200000

/* Helpers ------------------------------------------------------------------------- */

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

/* CPU time of the whole process (the database's worker included), which
 * a busy shared machine inflates far less than the wall clock. */
static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

/* "layout-ms" → "layout-cpu-ms" */
static char *
cpu_name_of (const char *name)
{
  g_autofree char *stem = g_strdup (name);

  if (g_str_has_suffix (stem, "-ms"))
    stem[strlen (stem) - 3] = '\0';
  return g_strconcat (stem, "-cpu-ms", NULL);
}

static guint32
next_random (guint32 *state)
{
  /* xorshift32: the networks only need to be the same every run. */
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

typedef struct
{
  const char *name;
  double      value;
  const char *unit;
  const char *note;
} Row;

static GArray *rows;

static void
report (const char *name,
        double      value,
        const char *unit,
        const char *note)
{
  Row row = { name, value, unit, note };

  g_array_append_val (rows, row);
  g_printerr ("  %-28s %12.3f %-6s %s\n", name, value, unit, note != NULL ? note : "");
}

/* Networks -------------------------------------------------------------------------- */

/* n_nodes nodes, n_orgs of them organizations and n_events events, the
 * rest people who each work somewhere; then shared interactions (mostly
 * between people close in index order, that is colleagues), events,
 * referrals and introductions until there are exactly n_edges edges. */
static ReseauNetwork *
make_network (guint n_nodes,
              guint n_edges,
              guint n_orgs,
              guint n_events)
{
  ReseauNetwork *network = reseau_network_new ();
  guint n_people = n_nodes - n_orgs - n_events;
  guint32 state = 2026;

  for (guint i = 0; i < n_people; i++)
    {
      g_autofree char *key = g_strdup_printf ("p:bench-%u", i);
      guint node = reseau_network_add_node (network, RESEAU_NODE_PERSON, key, "Prénom Nom");

      reseau_network_get_node_mut (network, node)->strength = next_random (&state) % 101;
    }
  for (guint i = 0; i < n_orgs; i++)
    {
      g_autofree char *key = g_strdup_printf ("o:org %u", i);

      reseau_network_add_node (network, RESEAU_NODE_ORGANIZATION, key, key + 2);
    }
  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *key = g_strdup_printf ("e:%u", i + 1);

      reseau_network_add_node (network, RESEAU_NODE_EVENT, key, "Meetup");
    }

  for (guint i = 0; i < n_people && reseau_network_get_n_edges (network) < n_edges; i++)
    reseau_network_add_edge (network, i, n_people + (guint) ((guint64) i * n_orgs / n_people),
                             RESEAU_EDGE_WORKS_AT, 1, -1);

  while (reseau_network_get_n_edges (network) < n_edges)
    {
      guint a = next_random (&state) % n_people;
      guint r = next_random (&state) % 100;
      guint b;

      if (r < 15)
        {
          reseau_network_add_edge (network, a, n_people + n_orgs + next_random (&state) % n_events,
                                   RESEAU_EDGE_MET_AT, 1, (int) (next_random (&state) % 365));
          continue;
        }
      b = r < 95 ? (a + 1 + next_random (&state) % 30) % n_people : next_random (&state) % n_people;
      reseau_network_add_edge (network, a, b,
                               r < 90 ? RESEAU_EDGE_INTERACTION : r < 95 ? RESEAU_EDGE_INTRODUCED
                                                                         : RESEAU_EDGE_REFERRAL,
                               1 + next_random (&state) % 4, (int) (next_random (&state) % 365));
    }

  return network;
}

/* Layout -------------------------------------------------------------------------------- */

static void
bench_layout (ReseauNetwork *network,
              double         theta,
              int            runs,
              const char    *ms_name,
              const char    *steps_name,
              const char    *per_step_name,
              const char    *note)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) per_step = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *cpu_name = cpu_name_of (ms_name);

  for (int run = 0; run < runs; run++)
    {
      ReseauLayout *layout = reseau_layout_new (network, 1 + run);
      gint64 start;
      double ms, n, cpu_start;

      reseau_layout_set_theta (layout, theta);
      start = g_get_monotonic_time ();
      cpu_start = cpu_ms ();
      while (!reseau_layout_step (layout))
        ;
      ms = ms_since (start);
      cpu_start = cpu_ms () - cpu_start;
      g_array_append_val (cpu, cpu_start);
      n = reseau_layout_get_n_steps (layout);
      g_array_append_val (times, ms);
      g_array_append_val (steps, n);
      ms /= n;
      g_array_append_val (per_step, ms);
      reseau_layout_free (layout);
    }

  report (ms_name, median (times), "ms", note);
  report (g_intern_string (cpu_name), median (cpu), "ms", "CPU time");
  report (steps_name, median (steps), "steps", NULL);
  report (per_step_name, median (per_step), "ms", NULL);
}

static double
hit_test_ns (ReseauLayout *layout,
             double        zoom)
{
  const ReseauPoint *points = reseau_layout_get_positions (layout);
  guint n = reseau_network_get_n_nodes (reseau_layout_get_network (layout));
  ReseauViewTransform view = { .zoom = zoom };
  guint32 state = 7;
  volatile int sink = 0;
  gint64 start;

  /* The grid is built on the first call after a change: not measured. */
  sink += reseau_layout_hit_test (layout, &view, 0.0, 0.0);

  start = g_get_monotonic_time ();
  for (guint k = 0; k < HIT_TESTS; k++)
    {
      const ReseauPoint *centre = &points[next_random (&state) % n];

      /* A 1280 × 800 view around a node, the pointer somewhere near it. */
      view.origin_x = centre->x - 640.0 / zoom;
      view.origin_y = centre->y - 400.0 / zoom;
      sink += reseau_layout_hit_test (layout, &view, 640.0 + (int) (next_random (&state) % 41) - 20,
                                      400.0 + (int) (next_random (&state) % 41) - 20);
    }
  (void) sink;

  return (g_get_monotonic_time () - start) * 1000.0 / HIT_TESTS;
}

static void
bench_hit_test (ReseauNetwork *network,
                gboolean       converge,
                const char    *name_1,
                const char    *name_005)
{
  g_autoptr(GArray) at_1 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) at_005 = g_array_new (FALSE, FALSE, sizeof (double));
  ReseauLayout *layout = reseau_layout_new (network, 1);

  if (converge)
    while (!reseau_layout_step (layout))
      ;
  else
    for (int s = 0; s < 30; s++)
      reseau_layout_step (layout);

  for (int run = 0; run < n_runs; run++)
    {
      double ns = hit_test_ns (layout, 1.0);

      g_array_append_val (at_1, ns);
      ns = hit_test_ns (layout, 0.05);
      g_array_append_val (at_005, ns);
    }

  report (name_1, median (at_1), "ns", "per call, zoom 1");
  report (name_005, median (at_005), "ns", "per call, zoom 0.05 (4 px discs)");
  reseau_layout_free (layout);
}

/* Clustering ------------------------------------------------------------------------- */

static void
bench_cluster (void)
{
  g_autoptr(ReseauNetwork) network = make_network (BIG_NODES, BIG_NODES * 5, 300, 50);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_nodes = 0, n_edges = 0;
  char note[64];

  for (int run = 0; run < n_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(ReseauNetwork) clustered = reseau_network_cluster (network, 2000, NULL);
      double ms = ms_since (start);

      g_array_append_val (times, ms);
      n_nodes = reseau_network_get_n_nodes (clustered);
      n_edges = reseau_network_get_n_edges (clustered);
    }

  g_snprintf (note, sizeof note, "%u nodes, %u edges -> %u nodes, %u edges",
              reseau_network_get_n_nodes (network), reseau_network_get_n_edges (network),
              n_nodes, n_edges);
  report ("cluster-ms", median (times), "ms", g_intern_string (note));
  report ("cluster-nodes", n_nodes, "nodes", NULL);

  {
    g_autoptr(ReseauNetwork) clustered = reseau_network_cluster (network, 2000, NULL);
    g_autoptr(GArray) layout_times = g_array_new (FALSE, FALSE, sizeof (double));

    for (int run = 0; run < n_runs; run++)
      {
        ReseauLayout *layout = reseau_layout_new (clustered, 1 + run);
        gint64 start = g_get_monotonic_time ();
        double ms;

        while (!reseau_layout_step (layout))
          ;
        ms = ms_since (start);
        g_array_append_val (layout_times, ms);
        reseau_layout_free (layout);
      }
    report ("cluster-layout-ms", median (layout_times), "ms", "layout of the clustered map");
  }
}

/* Database ---------------------------------------------------------------------------- */

static void
fill_database (ReseauDatabase *database,
               guint           n_contacts,
               const GDate    *today)
{
  g_autoptr(GPtrArray) contacts = reseau_demo_generate (n_contacts, 2026);
  g_autoptr(GPtrArray) interactions = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_interaction_free);
  g_autoptr(GError) error = NULL;
  guint32 state = 99;

  if (!reseau_database_import_contacts (database, contacts, NULL, NULL, &error))
    g_error ("Could not save the contacts: %s", error->message);

  /* Five interactions per contact over two years, one to three
   * participants close to each other in the list. */
  for (guint i = 0; i < n_contacts * 5; i++)
    {
      ReseauInteraction *interaction = reseau_interaction_new ();
      guint first = next_random (&state) % n_contacts;
      guint extra = next_random (&state) % 10 < 7 ? 0 : 1 + next_random (&state) % 2;
      GDate day = *today;

      g_date_subtract_days (&day, next_random (&state) % 730);
      reseau_interaction_set_day (interaction, &day, NULL);
      reseau_interaction_add_participant (interaction,
                                          reseau_contact_get_uid (g_ptr_array_index (contacts, first)));
      for (guint k = 1; k <= extra; k++)
        reseau_interaction_add_participant (interaction,
                                            reseau_contact_get_uid (g_ptr_array_index (contacts,
                                                                                       (first + k * (1 + next_random (&state) % 20)) % n_contacts)));
      g_ptr_array_add (interactions, interaction);
    }
  if (!reseau_database_add_interactions (database, interactions, &error))
    g_error ("Could not save the interactions: %s", error->message);

  if (!reseau_demo_add_relations (database, contacts, 2026, today, &error))
    g_error ("Could not save the demo relations: %s", error->message);
}

static void
bench_load (const char  *dir,
            guint        n_contacts,
            const char  *name,
            const GDate *today)
{
  g_autofree char *file = g_strdup_printf ("network-%u.db", n_contacts);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(ReseauDatabase) database = reseau_database_new (path);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *cpu_name = cpu_name_of (name);
  g_autoptr(GError) error = NULL;
  guint n_nodes = 0, n_edges = 0;
  gint64 start = g_get_monotonic_time ();
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
  char note[80];

  if (!reseau_database_open (database, &error))
    g_error ("Could not open %s: %s", path, error->message);
  if (!existed)
    {
      fill_database (database, n_contacts, today);
      g_printerr ("  (%u contacts, %u interactions generated in %.1f s)\n", n_contacts, n_contacts * 5,
                  ms_since (start) / 1000.0);
    }

  for (int run = 0; run < n_runs; run++)
    {
      g_autoptr(ReseauNetwork) network = NULL;
      double ms, cpu_start = cpu_ms ();

      start = g_get_monotonic_time ();
      network = reseau_database_load_network (database, today, &error);
      ms = ms_since (start);
      cpu_start = cpu_ms () - cpu_start;
      g_array_append_val (cpu, cpu_start);
      if (network == NULL)
        g_error ("Could not load the network: %s", error->message);
      g_array_append_val (times, ms);
      n_nodes = reseau_network_get_n_nodes (network);
      n_edges = reseau_network_get_n_edges (network);
    }

  g_snprintf (note, sizeof note, "%u nodes, %u edges", n_nodes, n_edges);
  report (name, median (times), "ms", g_intern_string (note));
  report (g_intern_string (cpu_name), median (cpu), "ms", "CPU time");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauNetwork) network = NULL;
  g_autoptr(ReseauNetwork) big = NULL;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs per measure (median)", "N" },
    { "exact-runs", 0, 0, G_OPTION_ARG_INT, &n_exact_runs, "Runs of the exact O(n²) layout", "N" },
    { "skip-database", 0, 0, G_OPTION_ARG_NONE, &skip_database, "Do not measure loading", NULL },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep_dir, "Keep (or reuse) the databases in DIR", "DIR" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_runs < 1 || n_exact_runs < 1)
    {
      g_printerr ("%s\n", error ? error->message : "--runs and --exact-runs must be positive");
      return EXIT_FAILURE;
    }

  rows = g_array_new (FALSE, FALSE, sizeof (Row));
  network = make_network (LAYOUT_NODES, LAYOUT_EDGES, LAYOUT_NODES * 6 / 100, LAYOUT_NODES / 100);
  g_printerr ("Network map, medians of %d runs (exact layout: %d runs)\n\n", n_runs, n_exact_runs);
  g_printerr ("  %-28s %12s %-6s %s\n", "measure", "median", "unit", "");

  bench_layout (network, RESEAU_LAYOUT_DEFAULT_THETA, n_runs,
                "layout-ms", "layout-steps", "layout-step-ms",
                "2,000 nodes, 10,000 edges, Barnes-Hut theta 0.8 (target <= 2,000 ms)");
  bench_layout (network, 0.0, n_exact_runs,
                "layout-exact-ms", "layout-exact-steps", "layout-exact-step-ms",
                "the same, exact O(n^2) repulsion (reference)");
  bench_hit_test (network, TRUE, "hit-test-ns", "hit-test-zoomed-out-ns");

  big = make_network (BIG_NODES, BIG_NODES * 5, BIG_NODES * 6 / 100, BIG_NODES / 100);
  bench_hit_test (big, FALSE, "hit-test-20000-ns", "hit-test-20000-zoomed-out-ns");
  bench_cluster ();

  if (!skip_database)
    {
      g_autofree char *dir = keep_dir != NULL ? g_strdup (keep_dir) : reseau_test_make_temp_dir ();
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, 18, G_DATE_NOVEMBER, 2026);
      bench_load (dir, 2000, "load-2000-ms", &today);
      bench_load (dir, 20000, "load-20000-ms", &today);
      if (keep_dir == NULL)
        reseau_test_remove_tree (dir);
    }

  g_printerr ("\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);

      g_print ("reseau-bench %s %.3f\n", row->name, row->value);
    }
  g_array_unref (rows);

  return EXIT_SUCCESS;
}
