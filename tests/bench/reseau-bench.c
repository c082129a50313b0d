/* reseau-bench.c — the figures of the contacts list on a big network
 *
 * Generates a synthetic network (100,000 contacts by default) into a
 * temporary database, then measures, over several runs, and prints medians:
 *
 *  a. process start to the first frame of the main window (the real app,
 *     started with RESEAU_BENCH=first-frame, reports the frame's time on
 *     the monotonic clock, which both processes share), and to the list
 *     being filled;
 *  b. search-as-you-type: from setting the search text to the list model
 *     having settled, for 1-, 2- and 3-letter prefixes and a word of the
 *     notes, typed letter by letter as a person would;
 *  c. peak RSS of the app after scrolling the whole list once
 *     (RESEAU_BENCH=scroll makes the app scroll itself to the end).
 *
 * Usage: reseau-bench [--contacts N] [--runs N] [--app PATH]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "reseau-core.h"
#include "reseau-test-utils.h"

static int n_contacts = 100000;
static int n_runs = 5;
static char *app_path = NULL;

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
  if (samples->len == 0)
    return 0;
  if (samples->len % 2 == 1)
    return g_array_index (samples, double, samples->len / 2);
  return (g_array_index (samples, double, samples->len / 2 - 1) +
          g_array_index (samples, double, samples->len / 2)) / 2;
}

static double
worst (GArray *samples)
{
  double max = 0;

  for (guint i = 0; i < samples->len; i++)
    max = MAX (max, g_array_index (samples, double, i));
  return max;
}

/* The network --------------------------------------------------------------- */

static char *
make_network (const char *data_home)
{
  g_autofree char *path = g_build_filename (data_home, "reseau", "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = reseau_database_new (path);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  contacts = reseau_demo_generate (n_contacts, 2026);
  if (!reseau_database_save_contacts (database, contacts, &error))
    g_error ("Could not write the benchmark network: %s", error->message);

  g_print ("network: %d contacts written in %.1f s to %s\n", n_contacts,
           (g_get_monotonic_time () - start) / 1e6, path);

  return g_steal_pointer (&path);
}

/* b. Search as you type ----------------------------------------------------- */

static void
settled_cb (ReseauContactStore *store,
            gboolean           *settled)
{
  *settled = TRUE;
}

/* Milliseconds from set_query to "settled". */
static double
time_query (ReseauContactStore *store,
            const char         *text)
{
  gboolean settled = FALSE;
  gulong handler = g_signal_connect (store, "settled", G_CALLBACK (settled_cb), &settled);
  gint64 start = g_get_monotonic_time ();

  reseau_contact_store_set_query (store, text);
  while (!settled)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handler_disconnect (store, handler);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
bench_search (const char *path)
{
  /* Common beginnings of French first names, surnames and organizations,
   * and words that only the notes hold. */
  static const char *words[] = { "marie", "lefevre", "atelier", "bernard", "claire",
                                 "sophie", "agence", "nantes", "julien", "thomas" };
  static const char *note_words[] = { "refonte", "mission", "recommande", "projet", "devis" };
  g_autoptr(ReseauDatabase) database = reseau_database_new (path);
  g_autoptr(ReseauContactStore) store = reseau_contact_store_new (database);
  GArray *by_length[4] = { NULL };
  g_autoptr(GArray) notes = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean settled = FALSE;
  const char *labels[] = { NULL, "1 letter", "2 letters", "3 letters" };

  g_signal_connect (store, "settled", G_CALLBACK (settled_cb), &settled);
  reseau_contact_store_reload (store);
  while (!settled)
    g_main_context_iteration (NULL, TRUE);

  for (guint n = 1; n <= 3; n++)
    by_length[n] = g_array_new (FALSE, FALSE, sizeof (double));

  for (int run = 0; run < n_runs; run++)
    {
      for (guint w = 0; w < G_N_ELEMENTS (words); w++)
        {
          /* Typed letter by letter, then cleared, as in the search entry. */
          for (guint n = 1; n <= 3; n++)
            {
              g_autofree char *prefix = g_strndup (words[w], n);
              double ms = time_query (store, prefix);

              g_array_append_val (by_length[n], ms);
            }
          time_query (store, "");
        }

      for (guint w = 0; w < G_N_ELEMENTS (note_words); w++)
        {
          double ms = time_query (store, note_words[w]);

          g_array_append_val (notes, ms);
          time_query (store, "");
        }
    }

  g_print ("\nb. search-as-you-type, set_query -> model settled (%u samples each)\n",
           by_length[1]->len);
  for (guint n = 1; n <= 3; n++)
    g_print ("   %-10s median %6.2f ms   worst %6.2f ms\n", labels[n],
             median (by_length[n]), worst (by_length[n]));
  g_print ("   %-10s median %6.2f ms   worst %6.2f ms\n", "note word", median (notes),
           worst (notes));

  for (guint n = 1; n <= 3; n++)
    g_array_unref (by_length[n]);
}

/* a and c. The real app ----------------------------------------------------- */

typedef struct
{
  gint64 first_frame;    /* monotonic µs, as reported by the app */
  gint64 list_ready;
  gint64 scrolled;
  gint64 peak_rss_kb;
} AppReport;

/* Starts the app on the network and reads what it reports until it exits. */
static gboolean
run_app (const char *data_home,
         const char *mode,
         gint64     *start,
         AppReport  *report)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  char *line;

  memset (report, 0, sizeof *report);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "RESEAU_BENCH", mode, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);

  *start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, app_path, NULL);
  if (process == NULL)
    {
      g_printerr ("Could not start %s: %s\n", app_path, error->message);
      return FALSE;
    }

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (line, " ", 3);

      if (g_strv_length (parts) == 3 && g_str_equal (parts[0], "reseau-bench"))
        {
          gint64 value = g_ascii_strtoll (parts[2], NULL, 10);

          if (g_str_equal (parts[1], "first-frame"))
            report->first_frame = value;
          else if (g_str_equal (parts[1], "list-ready"))
            report->list_ready = value;
          else if (g_str_equal (parts[1], "scrolled"))
            report->scrolled = value;
          else if (g_str_equal (parts[1], "peak-rss-kb"))
            report->peak_rss_kb = value;
        }
      g_free (line);
    }

  g_subprocess_wait (process, NULL, NULL);
  return TRUE;
}

static void
bench_app (const char *data_home)
{
  g_autoptr(GArray) first_frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_ready = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scroll_time = g_array_new (FALSE, FALSE, sizeof (double));

  for (int run = 0; run < n_runs; run++)
    {
      AppReport report;
      gint64 start;

      if (!run_app (data_home, "first-frame", &start, &report) || report.first_frame == 0)
        {
          g_printerr ("The app reported no first frame: is RESEAU_BENCH supported and a "
                      "display available?\n");
          exit (1);
        }
      g_array_append_val (first_frame, ((double) { (report.first_frame - start) / 1000.0 }));
      g_array_append_val (list_ready, ((double) { (report.list_ready - start) / 1000.0 }));
    }

  g_print ("\na. process start -> first frame of the main window (%d runs)\n", n_runs);
  g_print ("   first frame   median %7.1f ms   worst %7.1f ms\n",
           median (first_frame), worst (first_frame));
  g_print ("   list filled   median %7.1f ms   worst %7.1f ms\n",
           median (list_ready), worst (list_ready));

  for (int run = 0; run < MIN (n_runs, 3); run++)
    {
      AppReport report;
      gint64 start;

      if (!run_app (data_home, "scroll", &start, &report) || report.peak_rss_kb == 0)
        {
          g_printerr ("The app reported no peak RSS after scrolling\n");
          exit (1);
        }
      g_array_append_val (rss, ((double) { report.peak_rss_kb / 1024.0 }));
      g_array_append_val (scroll_time, ((double) { (report.scrolled - report.list_ready) / 1e6 }));
    }

  g_print ("\nc. peak RSS after scrolling the whole list once (%u runs)\n", rss->len);
  g_print ("   peak RSS      median %7.1f MB   worst %7.1f MB   (scroll took %.1f s)\n",
           median (rss), worst (rss), median (scroll_time));
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "contacts", 0, 0, G_OPTION_ARG_INT, &n_contacts, "Contacts in the network", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs of each measure", "N" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app_path, "The reseau binary", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *path = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_contacts < 1 || n_runs < 1)
    {
      g_printerr ("%s\n", error ? error->message : "--contacts and --runs must be positive");
      return 2;
    }
  if (app_path == NULL)
    app_path = g_strdup (g_getenv ("RESEAU_APP"));

  data_home = reseau_test_make_temp_dir ();

  path = make_network (data_home);
  bench_search (path);
  if (app_path != NULL && g_getenv ("DISPLAY") != NULL)
    bench_app (data_home);
  else
    g_print ("\na, c. skipped: no app given (--app or RESEAU_APP) or no DISPLAY\n");

  reseau_test_remove_tree (data_home);
  return 0;
}
