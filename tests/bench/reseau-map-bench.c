/* reseau-map-bench.c — frames of the network map while panning and zooming
 *
 * A generated network of 2,000 nodes and 10,000 edges is laid out, shown
 * in a 1280×800 map, then moved through a pan and a zoom sequence. Each
 * frame does what the frame clock would: the map's children (the node
 * widgets) are synced and allocated, the map is snapshot into a render
 * node, and the window's renderer renders that node into a texture. The
 * median and 95th percentile per sequence go in a table; the target is
 * 16 ms, one frame at 60 Hz.
 *
 * Run by `build-aux/dev bench map` under Xvfb (build-aux/test-session),
 * never by `meson test`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "reseau-layout.h"
#include "reseau-network-map.h"
#include "reseau-network.h"

#define WIDTH        1280
#define HEIGHT       800
#define N_FRAMES     120
#define N_WARMUP     10
#define TARGET_MS    16.0

static guint n_nodes = 2000;
static guint n_edges = 10000;

typedef struct
{
  double cpu;        /* processor time of the whole process, all threads */
  double total;
  double children;   /* the map's size_allocate */
  double snapshot;
  double render;
} Frame;

static ReseauNetwork *
generate_network (GRand *rand)
{
  ReseauNetwork *network = reseau_network_new ();
  guint n_orgs = n_nodes / 10;
  guint n_events = n_nodes / 20;
  guint n_people = n_nodes - n_orgs - n_events;
  guint attempts = 0;

  for (guint i = 0; i < n_people; i++)
    {
      g_autofree char *key = g_strdup_printf ("p:%u", i);
      g_autofree char *label = g_strdup_printf ("Personne %u", i);
      guint index = reseau_network_add_node (network, RESEAU_NODE_PERSON, key, label);
      ReseauNetworkNode *node = reseau_network_get_node_mut (network, index);

      node->strength = g_rand_int_range (rand, 0, 101);
      node->days_since = g_rand_int_range (rand, -1, 400);
    }
  for (guint i = 0; i < n_orgs; i++)
    {
      g_autofree char *key = g_strdup_printf ("o:%u", i);
      g_autofree char *label = g_strdup_printf ("Organisation %u", i);

      reseau_network_add_node (network, RESEAU_NODE_ORGANIZATION, key, label);
    }
  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *key = g_strdup_printf ("e:%u", i);
      g_autofree char *label = g_strdup_printf ("Événement %u", i);

      reseau_network_add_node (network, RESEAU_NODE_EVENT, key, label);
    }

  /* Everyone works somewhere; the rest are people linked to people
   * (mostly shared interactions, some introductions and referrals) and to
   * events. Edges already there add up, so draw until there are enough. */
  for (guint i = 0; i < n_people && reseau_network_get_n_edges (network) < n_edges; i++)
    reseau_network_add_edge (network, i, n_people + g_rand_int_range (rand, 0, n_orgs),
                             RESEAU_EDGE_WORKS_AT, 1, -1);
  while (reseau_network_get_n_edges (network) < n_edges && attempts++ < n_edges * 10)
    {
      guint a = g_rand_int_range (rand, 0, n_people);
      /* Links stay mostly local, as in a real network: clusters. */
      guint b = (a + g_rand_int_range (rand, 1, 60)) % n_people;
      int pick = g_rand_int_range (rand, 0, 100);
      int days = g_rand_int_range (rand, -1, 400);

      if (pick < 60)
        reseau_network_add_edge (network, a, b, RESEAU_EDGE_INTERACTION, g_rand_int_range (rand, 1, 6), days);
      else if (pick < 72)
        reseau_network_add_edge (network, a, b, RESEAU_EDGE_INTRODUCED, 1, days);
      else if (pick < 82)
        reseau_network_add_edge (network, a, b, RESEAU_EDGE_REFERRAL, g_rand_int_range (rand, 1, 4), days);
      else
        reseau_network_add_edge (network, a, n_people + n_orgs + g_rand_int_range (rand, 0, n_events),
                                 RESEAU_EDGE_MET_AT, 1, days);
    }

  return network;
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static void
wait_for_frames (GtkWidget *widget,
                 guint      n)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);
  guint guard = g_timeout_add_seconds (60, on_timeout, (gpointer) "the first frames");

  while (frames < n)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (guard);
  gtk_widget_remove_tick_callback (widget, id);
}

static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);

  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* One frame as the frame clock would make it. */
static Frame
draw_frame (GtkWidget   *map,
            GskRenderer *renderer)
{
  GtkWidget *parent = gtk_widget_get_parent (map);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  Frame frame;
  GtkAllocation allocation;
  gint64 step;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_ms ();

  /* The map's own size_allocate: its node widgets made, dropped and
   * placed. */
  gtk_widget_get_allocation (map, &allocation);
  gtk_widget_size_allocate (map, &allocation, -1);
  frame.children = ms_since (start);

  step = g_get_monotonic_time ();
  snapshot = gtk_snapshot_new ();
  gtk_widget_snapshot_child (parent, map, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  frame.snapshot = ms_since (step);

  step = g_get_monotonic_time ();
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
  frame.render = ms_since (step);
  frame.total = ms_since (start);
  frame.cpu = cpu_ms () - cpu_start;

  return frame;
}

/* Frames measured on a busy machine take longer by the wall clock than
 * the processor time they use: both are shown, with the load. */
static const char *
load_average (void)
{
  static char text[64];
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return "unknown";
  g_strlcpy (text, contents, sizeof text);
  if (strchr (text, ' ') != NULL)
    *strchr (text, ' ') = '\0';

  return text;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (double *values,
            guint   n,
            double  p)
{
  guint index = (guint) ceil (p * n) - 1;

  qsort (values, n, sizeof (double), compare_doubles);

  return values[MIN (index, n - 1)];
}

static void
report (const char  *name,
        const Frame *frames,
        guint        n)
{
  double total[N_FRAMES], children[N_FRAMES], snapshot[N_FRAMES], render[N_FRAMES], cpu[N_FRAMES];
  double p50, p95;

  for (guint i = 0; i < n; i++)
    {
      total[i] = frames[i].total;
      children[i] = frames[i].children;
      snapshot[i] = frames[i].snapshot;
      render[i] = frames[i].render;
      cpu[i] = frames[i].cpu;
    }

  p50 = percentile (total, n, 0.5);
  p95 = percentile (total, n, 0.95);
  g_print ("%-22s %8.2f %8.2f %10.2f %10.2f %8.2f %8.2f   %s\n", name, p50, p95,
           percentile (children, n, 0.5), percentile (snapshot, n, 0.5), percentile (render, n, 0.5),
           percentile (cpu, n, 0.5), p95 <= TARGET_MS ? "yes" : "NO");
  g_print ("%-22s %8s %8s %10.2f %10.2f %8.2f %8.2f   (p95)\n", "", "", "",
           percentile (children, n, 0.95), percentile (snapshot, n, 0.95), percentile (render, n, 0.95),
           percentile (cpu, n, 0.95));
}

static guint
count_children (GtkWidget *map)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (map); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(ReseauNetwork) network = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("— frames of the network map");
  const GOptionEntry entries[] = {
    { "nodes", 0, 0, G_OPTION_ARG_INT, &n_nodes, "Nodes in the network (2000)", "N" },
    { "edges", 0, 0, G_OPTION_ARG_INT, &n_edges, "Edges in the network (10000)", "N" },
    { NULL }
  };
  ReseauLayout *layout;
  GtkWidget *window, *map;
  GskRenderer *renderer;
  ReseauViewTransform fit, view;
  Frame pan[N_FRAMES], zoom_in[N_FRAMES], zoomed_pan[N_FRAMES];
  gint64 start;
  guint n_steps;
  double layout_ms;
  guint fit_children;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_nodes < 40)
    n_nodes = 40;

  gtk_init ();

  network = generate_network (rand);
  layout = reseau_layout_new (network, 1);
  start = g_get_monotonic_time ();
  while (!reseau_layout_step (layout))
    ;
  layout_ms = ms_since (start);
  n_steps = reseau_layout_get_n_steps (layout);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  map = reseau_network_map_new ();
  gtk_window_set_child (GTK_WINDOW (window), map);
  reseau_network_map_set_layout (RESEAU_NETWORK_MAP (map), layout);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window, 3);

  if (gtk_widget_get_width (map) != WIDTH || gtk_widget_get_height (map) != HEIGHT)
    g_print ("(the map is %d×%d: the screen is smaller than the window)\n",
             gtk_widget_get_width (map), gtk_widget_get_height (map));

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  reseau_network_map_fit (RESEAU_NETWORK_MAP (map));
  reseau_network_map_get_view (RESEAU_NETWORK_MAP (map), &fit);
  draw_frame (map, renderer);
  fit_children = count_children (map);

  /* Pan across the whole network at the fitted zoom: every node and edge
   * on screen, the worst case. */
  for (guint i = 0; i < N_WARMUP + N_FRAMES; i++)
    {
      Frame frame;

      view = fit;
      view.origin_x = fit.origin_x + ((int) (i % 60) - 30) * 8 / fit.zoom;
      view.origin_y = fit.origin_y + ((int) (i % 60) - 30) * 4 / fit.zoom;
      reseau_network_map_set_view (RESEAU_NETWORK_MAP (map), &view);
      frame = draw_frame (map, renderer);
      if (i >= N_WARMUP)
        pan[i - N_WARMUP] = frame;
    }

  /* Zoom in around the middle, 3 % a frame, and out again. */
  view = fit;
  for (guint i = 0; i < N_WARMUP + N_FRAMES; i++)
    {
      Frame frame;
      double factor = (i % 120) < 60 ? 1.03 : 1 / 1.03;

      reseau_view_transform_zoom_at (&view, factor, WIDTH / 2.0, HEIGHT / 2.0);
      reseau_network_map_set_view (RESEAU_NETWORK_MAP (map), &view);
      frame = draw_frame (map, renderer);
      if (i >= N_WARMUP)
        zoom_in[i - N_WARMUP] = frame;
    }

  /* Pan zoomed in (×4 the fit): labels and initials drawn, node widgets
   * made and dropped at the edges. */
  view = fit;
  reseau_view_transform_zoom_at (&view, 4.0, WIDTH / 2.0, HEIGHT / 2.0);
  for (guint i = 0; i < N_WARMUP + N_FRAMES; i++)
    {
      Frame frame;
      ReseauViewTransform moved = view;

      moved.origin_x += ((int) (i % 60) - 30) * 10 / view.zoom;
      reseau_network_map_set_view (RESEAU_NETWORK_MAP (map), &moved);
      frame = draw_frame (map, renderer);
      if (i >= N_WARMUP)
        zoomed_pan[i - N_WARMUP] = frame;
    }

  g_print ("Network map: %u nodes, %u edges, %d×%d, renderer %s\n",
           reseau_network_get_n_nodes (network), reseau_network_get_n_edges (network),
           gtk_widget_get_width (map), gtk_widget_get_height (map), G_OBJECT_TYPE_NAME (renderer));
  g_print ("Layout: converged in %u steps, %.0f ms on one thread\n", n_steps, layout_ms);
  g_print ("Node widgets at the fitted zoom: %u\n\n", fit_children);
  g_print ("Processors: %u; load average when done: %s\n", g_get_num_processors (), load_average ());
  g_print ("%-22s %8s %8s %10s %10s %8s %8s   %s\n", "ms per frame", "median", "p95",
           "children", "snapshot", "render", "cpu", "p95 ≤ 16 ms");
  report ("pan, whole network", pan, N_FRAMES);
  report ("zoom in and out", zoom_in, N_FRAMES);
  report ("pan, zoomed ×4", zoomed_pan, N_FRAMES);
  g_print ("(cpu is the processor time of all the process's threads for the frame;\n"
           " children, snapshot and render: their own median, then their own 95th percentile;\n"
           " children is the map's size_allocate, which makes, drops and places the node widgets;\n"
           " snapshot draws the frame's pixels; render is the window's renderer drawing them)\n");

  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}
