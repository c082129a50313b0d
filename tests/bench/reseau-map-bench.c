/* reseau-map-bench.c — frames of the network map while panning and zooming
 *
 * A generated network of 2,000 nodes and 10,000 edges is laid out, shown
 * in a 1280×800 map, then moved through pan and zoom sequences. Each
 * sequence is a few gestures driven through the map's own gesture
 * controllers, by emitting the signals a real drag, pinch or wheel
 * emits (drag-begin, drag-update, drag-end; begin, scale-changed, end;
 * scroll, then the pause that ends a burst), so that the frames take the
 * same path as on screen, the cached picture and all. Each frame does
 * what the frame clock would: the map is allocated if it asked to be
 * (its node widgets placed), snapshot into a render node, and the
 * window's renderer renders that node into a texture. The median and
 * 95th percentile per sequence go in a table, then the frame when each
 * gesture ends (which asks a worker thread for a new picture), then the
 * window's real frames that follow while the map makes and drops its
 * node widgets a share at a time and the new picture comes in, then the
 * worker's time to paint that picture. The target is 16 ms a frame, one
 * frame at 60 Hz.
 *
 * Last, the floor under the real frames on this display: the same
 * window, its whole area redrawn in one colour each frame, which costs
 * nothing to draw; what such a frame takes is the renderer and the
 * display server's, not the map's.
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
#include "reseau-network-map-private.h"
#include "reseau-network.h"

#define WIDTH        1280
#define HEIGHT       800
/* N_GESTURES gestures of FRAMES_PER_GESTURE frames a sequence; the first
 * N_WARMUP frames are not counted, N_FRAMES are. */
#define N_GESTURES          5
#define FRAMES_PER_GESTURE  26
#define N_WARMUP            10
#define N_FRAMES            (N_GESTURES * FRAMES_PER_GESTURE - N_WARMUP)
/* Longer than the map's wait for the next wheel event (150 ms). */
#define WHEEL_PAUSE_MS      250
/* What a wheel zooms by a unit of dy (as the map's scroll handler). */
#define WHEEL_STEP          0.18
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

  /* The layout phase: with the same allocation, GTK runs the map's
   * size_allocate (its node widgets placed) only when the map queued it,
   * as the frame clock does. */
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

/* The map's controllers, to be driven as a real gesture drives them. */
typedef struct
{
  GtkWidget          *map;
  GskRenderer        *renderer;
  GtkGesture         *drag;
  GtkGesture         *zoom;
  GtkEventController *scroll;
} Bench;

typedef enum
{
  GESTURE_DRAG,
  GESTURE_PINCH,
  GESTURE_WHEEL,
} GestureKind;

/* Where frame i of a sequence puts the view, from the view at its start. */
typedef void (*ViewPath) (const ReseauViewTransform *start,
                          guint                      i,
                          ReseauViewTransform       *view);

static void
find_controllers (Bench *bench)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (bench->map);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        bench->drag = GTK_GESTURE (controller);
      else if (GTK_IS_GESTURE_ZOOM (controller))
        bench->zoom = GTK_GESTURE (controller);
      else if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        bench->scroll = controller;
    }

  if (bench->drag == NULL || bench->zoom == NULL || bench->scroll == NULL)
    g_error ("The map has no drag, zoom or scroll controller");
}

/* Real frames of the window, timed from the frame clock's before-paint
 * to its after-paint: the map's node widgets are made and dropped over
 * the frames after a gesture, from a tick callback, which only the frame
 * clock runs. Each frame's two halves are timed too, by handlers
 * connected after GTK's own, so that each runs when GTK's part is done:
 * update and layout (the map's tick callback, which makes and drops node
 * widgets, then the allocation, which places them), then paint (the
 * snapshot, the render and the frame sent to the display). */
enum { PHASE_LAYOUT, PHASE_PAINT, N_PHASES };

typedef struct
{
  gint64  start;
  gint64  mark;              /* end of the last phase */
  double  phase[N_PHASES];
  GArray *ms;
  GArray *phases[N_PHASES];
} FrameTimes;

static void
frame_times_init (FrameTimes *times)
{
  *times = (FrameTimes) { 0, 0, { 0 }, g_array_new (FALSE, FALSE, sizeof (double)) };
  for (guint p = 0; p < N_PHASES; p++)
    times->phases[p] = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
frame_times_clear (FrameTimes *times)
{
  g_array_set_size (times->ms, 0);
  for (guint p = 0; p < N_PHASES; p++)
    g_array_set_size (times->phases[p], 0);
}

static void
on_before_paint (GdkFrameClock *clock,
                 FrameTimes    *times)
{
  times->start = times->mark = g_get_monotonic_time ();
  memset (times->phase, 0, sizeof times->phase);
}

static void
end_phase (FrameTimes *times,
           guint       phase)
{
  gint64 now = g_get_monotonic_time ();

  if (times->start == 0)
    return;
  times->phase[phase] = (now - times->mark) / 1000.0;
  times->mark = now;
}

static void
on_layout (GdkFrameClock *clock,
           FrameTimes    *times)
{
  end_phase (times, PHASE_LAYOUT);
}

static void
on_paint (GdkFrameClock *clock,
          FrameTimes    *times)
{
  end_phase (times, PHASE_PAINT);
}

static void
on_after_paint (GdkFrameClock *clock,
                FrameTimes    *times)
{
  double ms;

  if (times->start == 0)
    return;
  ms = ms_since (times->start);
  g_array_append_val (times->ms, ms);
  for (guint p = 0; p < N_PHASES; p++)
    g_array_append_val (times->phases[p], times->phase[p]);
  times->start = 0;
}

static void
draw_colour (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  guint frame = *(guint *) user_data;

  cairo_set_source_rgb (cr, (frame % 7) / 7.0, (frame % 5) / 5.0, (frame % 3) / 3.0);
  cairo_paint (cr);
}

static gboolean
next_colour (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  (*(guint *) user_data)++;
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

/* The window's real frames, n of them, when each one redraws the whole
 * window in a new colour. */
static GArray *
time_display_floor (guint n)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *area = gtk_drawing_area_new ();
  FrameTimes times;
  guint frame = 0;
  gulong before, after;
  guint tick;
  guint guard = g_timeout_add_seconds (60, on_timeout, (gpointer) "the display's frames");

  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_colour, &frame, NULL);
  gtk_window_set_child (GTK_WINDOW (window), area);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window, 3);

  frame_times_init (&times);
  before = g_signal_connect (gtk_widget_get_frame_clock (window), "before-paint",
                             G_CALLBACK (on_before_paint), &times);
  after = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                            G_CALLBACK (on_after_paint), &times);
  tick = gtk_widget_add_tick_callback (area, next_colour, &frame, NULL);
  while (times.ms->len < n)
    g_main_context_iteration (NULL, TRUE);

  gtk_widget_remove_tick_callback (area, tick);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), before);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), after);
  g_source_remove (guard);
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint p = 0; p < N_PHASES; p++)
    g_array_unref (times.phases[p]);

  return times.ms;
}

/* Lets the frame clock run until the map asks for no more frames (none
 * for 100 ms); the frames' times go in times. */
static void
run_until_idle (FrameTimes *times)
{
  gint64 quiet_since = g_get_monotonic_time ();
  guint guard = g_timeout_add_seconds (60, on_timeout, (gpointer) "the node widgets");
  guint n = times->ms->len;

  while (g_get_monotonic_time () - quiet_since < 100 * 1000)
    {
      g_main_context_iteration (NULL, FALSE);
      if (times->ms->len != n || times->start != 0)
        {
          n = times->ms->len;
          quiet_since = g_get_monotonic_time ();
        }
      g_usleep (1000);
    }

  g_source_remove (guard);
}

/* The pause after a burst of wheel events: only the sources as urgent as
 * the map's timeout run, not the frame clock's (lower priority), so that
 * the full frame that follows is drawn by draw_frame() and measured. */
static void
wait_for_wheel_end (void)
{
  g_usleep (WHEEL_PAUSE_MS * 1000);
  g_main_context_iteration (NULL, FALSE);
}

/* n_gestures gestures of FRAMES_PER_GESTURE frames along path; each
 * frame after the warm-up goes in frames, and the full frame drawn when
 * each gesture ends in redraws. */
static void
run_sequence (Bench       *bench,
              GestureKind  kind,
              ViewPath     path,
              Frame       *frames,
              Frame       *redraws,
              double      *paints,
              FrameTimes  *after)
{
  ReseauNetworkMap *map = RESEAU_NETWORK_MAP (bench->map);
  ReseauViewTransform start;
  guint i = 0;
  guint n_painted;
  gint64 paint_us;

  reseau_network_map_get_view (map, &start);

  for (guint g = 0; g < N_GESTURES; g++)
    {
      ReseauViewTransform begin;
      double x = WIDTH / 2.0;
      double y = HEIGHT / 2.0;
      double scale = 1.0;

      reseau_network_map_get_view (map, &begin);
      if (kind == GESTURE_DRAG)
        g_signal_emit_by_name (bench->drag, "drag-begin", x, y);
      else if (kind == GESTURE_PINCH)
        g_signal_emit_by_name (bench->zoom, "begin", NULL);

      for (guint f = 0; f < FRAMES_PER_GESTURE; f++, i++)
        {
          ReseauViewTransform now, target;
          Frame frame;
          gboolean handled;

          reseau_network_map_get_view (map, &now);
          path (&start, i, &target);
          switch (kind)
            {
            case GESTURE_DRAG:
              /* The drag's offset from where it began. */
              g_signal_emit_by_name (bench->drag, "drag-update",
                                     (begin.origin_x - target.origin_x) * begin.zoom,
                                     (begin.origin_y - target.origin_y) * begin.zoom);
              break;
            case GESTURE_PINCH:
              /* A pinch's scale is from its beginning. */
              scale *= target.zoom / now.zoom;
              g_signal_emit_by_name (bench->zoom, "scale-changed", scale);
              break;
            case GESTURE_WHEEL:
            default:
              g_signal_emit_by_name (bench->scroll, "scroll", 0.0,
                                     -log (target.zoom / now.zoom) / WHEEL_STEP, &handled);
              break;
            }

          frame = draw_frame (bench->map, bench->renderer);
          if (i >= N_WARMUP)
            frames[i - N_WARMUP] = frame;
        }

      if (kind == GESTURE_DRAG)
        g_signal_emit_by_name (bench->drag, "drag-end", 0.0, 0.0);
      else if (kind == GESTURE_PINCH)
        g_signal_emit_by_name (bench->zoom, "end", NULL);
      else
        wait_for_wheel_end ();

      n_painted = reseau_network_map_get_paint_stats (map, NULL);
      redraws[g] = draw_frame (bench->map, bench->renderer);
      run_until_idle (after);
      if (reseau_network_map_get_paint_stats (map, &paint_us) == n_painted)
        g_error ("No picture was painted after gesture %u", g);
      paints[g] = paint_us / 1000.0;
    }
}

/* Pan across the whole network at the fitted zoom: every node and edge
 * on screen, the worst case. */
static void
pan_wide (const ReseauViewTransform *start,
          guint                      i,
          ReseauViewTransform       *view)
{
  *view = *start;
  view->origin_x += ((int) (i % 60) - 30) * 8 / start->zoom;
  view->origin_y += ((int) (i % 60) - 30) * 4 / start->zoom;
}

/* Zoom in around the middle, 3 % a frame, and out again. */
static void
zoom_in_out (const ReseauViewTransform *start,
             guint                      i,
             ReseauViewTransform       *view)
{
  int steps = (int) (i % 120) < 60 ? (int) (i % 120) + 1 : 119 - (int) (i % 120);

  *view = *start;
  view->zoom = start->zoom * pow (1.03, steps);
}

/* Pan zoomed in (×4 the fit): labels and initials drawn. */
static void
pan_zoomed (const ReseauViewTransform *start,
            guint                      i,
            ReseauViewTransform       *view)
{
  *view = *start;
  view->origin_x += ((int) (i % 60) - 30) * 10 / start->zoom;
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
  static const struct
  {
    const char  *name;
    GestureKind  kind;
    ViewPath     path;
    double       zoom;   /* × the fitted zoom at the start */
  } sequences[] = {
    { "pan, whole network", GESTURE_DRAG, pan_wide, 1.0 },
    { "pinch in and out", GESTURE_PINCH, zoom_in_out, 1.0 },
    { "wheel in and out", GESTURE_WHEEL, zoom_in_out, 1.0 },
    { "pan, zoomed ×4", GESTURE_DRAG, pan_zoomed, 4.0 },
  };
  Frame frames[G_N_ELEMENTS (sequences)][N_FRAMES];
  Frame redraws[G_N_ELEMENTS (sequences)][N_GESTURES];
  double paints[G_N_ELEMENTS (sequences)][N_GESTURES];
  FrameTimes times[G_N_ELEMENTS (sequences)];
  Bench bench = { NULL };
  ReseauLayout *layout;
  GtkWidget *window;
  ReseauViewTransform fit;
  gint64 start;
  guint n_steps;
  double layout_ms;
  guint fit_children;
  GdkFrameClock *clock;

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
  bench.map = reseau_network_map_new ();
  gtk_window_set_child (GTK_WINDOW (window), bench.map);
  reseau_network_map_set_layout (RESEAU_NETWORK_MAP (bench.map), layout);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window, 3);
  find_controllers (&bench);

  if (gtk_widget_get_width (bench.map) != WIDTH || gtk_widget_get_height (bench.map) != HEIGHT)
    g_print ("(the map is %d×%d: the screen is smaller than the window)\n",
             gtk_widget_get_width (bench.map), gtk_widget_get_height (bench.map));

  bench.renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  reseau_network_map_fit (RESEAU_NETWORK_MAP (bench.map));
  reseau_network_map_get_view (RESEAU_NETWORK_MAP (bench.map), &fit);
  draw_frame (bench.map, bench.renderer);
  reseau_network_map_sync_children (RESEAU_NETWORK_MAP (bench.map));
  fit_children = count_children (bench.map);
  clock = gtk_widget_get_frame_clock (window);

  for (guint s = 0; s < G_N_ELEMENTS (sequences); s++)
    {
      ReseauViewTransform view = fit;
      static const char *phase_signals[N_PHASES] = { "layout", "paint" };
      static const GCallback phase_handlers[N_PHASES] = { G_CALLBACK (on_layout), G_CALLBACK (on_paint) };
      gulong handlers[N_PHASES + 2];

      /* Each sequence starts from a full frame at its own view, its node
       * widgets made. */
      reseau_view_transform_zoom_at (&view, sequences[s].zoom, WIDTH / 2.0, HEIGHT / 2.0);
      reseau_network_map_set_view (RESEAU_NETWORK_MAP (bench.map), &view);
      frame_times_init (&times[s]);
      handlers[0] = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &times[s]);
      for (guint p = 0; p < N_PHASES; p++)
        handlers[p + 1] = g_signal_connect (clock, phase_signals[p], phase_handlers[p], &times[s]);
      handlers[N_PHASES + 1] = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &times[s]);
      draw_frame (bench.map, bench.renderer);
      run_until_idle (&times[s]);
      frame_times_clear (&times[s]);

      run_sequence (&bench, sequences[s].kind, sequences[s].path, frames[s], redraws[s], paints[s],
                    &times[s]);
      for (guint h = 0; h < G_N_ELEMENTS (handlers); h++)
        g_signal_handler_disconnect (clock, handlers[h]);
    }

  g_print ("Network map: %u nodes, %u edges, %d×%d, renderer %s\n",
           reseau_network_get_n_nodes (network), reseau_network_get_n_edges (network),
           gtk_widget_get_width (bench.map), gtk_widget_get_height (bench.map),
           G_OBJECT_TYPE_NAME (bench.renderer));
  g_print ("Layout: converged in %u steps, %.0f ms on one thread\n", n_steps, layout_ms);
  g_print ("Node widgets at the fitted zoom: %u\n\n", fit_children);
  g_print ("Processors: %u; load average when done: %s\n", g_get_num_processors (), load_average ());
  g_print ("Frames during the gestures (%u gestures of %u frames a sequence, %u counted):\n",
           N_GESTURES, FRAMES_PER_GESTURE, N_FRAMES);
  g_print ("%-22s %8s %8s %10s %10s %8s %8s   %s\n", "ms per frame", "median", "p95",
           "children", "snapshot", "render", "cpu", "p95 ≤ 16 ms");
  for (guint s = 0; s < G_N_ELEMENTS (sequences); s++)
    report (sequences[s].name, frames[s], N_FRAMES);
  g_print ("\nThe full frame drawn once when each gesture ends (%u a sequence):\n", N_GESTURES);
  g_print ("%-22s %8s %8s %10s %10s %8s %8s   %s\n", "ms per frame", "median", "p95",
           "children", "snapshot", "render", "cpu", "p95 ≤ 16 ms");
  for (guint s = 0; s < G_N_ELEMENTS (sequences); s++)
    report (sequences[s].name, redraws[s], N_GESTURES);
  g_print ("\nThe window's real frames after each gesture, while the node widgets are made and\n"
           "dropped (a share of the work a frame):\n");
  g_print ("%-22s %8s %8s %8s %8s %8s %8s   %s\n", "ms per frame", "frames", "median", "p95", "max",
           "layout", "paint", "p95 ≤ 16 ms");
  for (guint s = 0; s < G_N_ELEMENTS (sequences); s++)
    {
      double *ms = (double *) (gpointer) times[s].ms->data;
      guint n = times[s].ms->len;

      if (n == 0)
        {
          g_print ("%-22s %8u\n", sequences[s].name, n);
        }
      else
        {
          double p95 = percentile (ms, n, 0.95);

          g_print ("%-22s %8u %8.2f %8.2f %8.2f", sequences[s].name, n, percentile (ms, n, 0.5), p95,
                   percentile (ms, n, 1.0));
          for (guint p = 0; p < N_PHASES; p++)
            g_print (" %8.2f", percentile ((double *) (gpointer) times[s].phases[p]->data, n, 0.5));
          g_print ("   %s\n", p95 <= TARGET_MS ? "yes" : "NO");
        }
      g_array_unref (times[s].ms);
      for (guint p = 0; p < N_PHASES; p++)
        g_array_unref (times[s].phases[p]);
    }
  g_print ("\nThe picture of the final view, painted on a worker thread after each gesture while\n"
           "the window shows the previous one moved into place:\n");
  g_print ("%-22s %8s %8s\n", "ms per picture", "median", "max");
  for (guint s = 0; s < G_N_ELEMENTS (sequences); s++)
    g_print ("%-22s %8.2f %8.2f\n", sequences[s].name, percentile (paints[s], N_GESTURES, 0.5),
             percentile (paints[s], N_GESTURES, 1.0));

  gtk_window_destroy (GTK_WINDOW (window));

  {
    g_autoptr(GArray) floor_ms = time_display_floor (120);
    double *ms = (double *) (gpointer) floor_ms->data;

    g_print ("\nThe floor: the same window's real frames when each redraws its whole area in one\n"
             "colour, which costs nothing to draw (the renderer's and the display's own time):\n");
    g_print ("%-22s %8s %8s %8s %8s\n", "ms per frame", "frames", "median", "p95", "max");
    g_print ("%-22s %8u %8.2f %8.2f %8.2f\n", "whole window redrawn", floor_ms->len,
             percentile (ms, floor_ms->len, 0.5), percentile (ms, floor_ms->len, 0.95),
             percentile (ms, floor_ms->len, 1.0));
  }

  g_print ("\n(cpu is the processor time of all the process's threads for the frame;\n"
           " children, snapshot and render: their own median, then their own 95th percentile;\n"
           " children is the map's size_allocate, which places the node widgets (the map makes\n"
           " and drops them at the start of the real frames that follow);\n"
           " snapshot makes the frame's render node (and, when a gesture ends, the description of\n"
           " the new picture for the worker); render is the window's renderer drawing it;\n"
           " in the real frames, layout is the map's tick (node widgets made and dropped) and the\n"
           " allocation, paint the snapshot, the render and the frame sent to the display)\n");

  return 0;
}
