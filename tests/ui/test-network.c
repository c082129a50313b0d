/* test-network.c — the network map widget and the Network view
 *
 * Hit-testing through the widget at several zoom levels, keyboard moves
 * between the node widgets (Tab by name, arrows to the nearest node that
 * way), the exports, and the view's filters, search, side panel and
 * clusters on a small database. Runs under a display (Xvfb) with a session
 * bus, like test-timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "reseau-core.h"
#include "reseau-database-network.h"
#include "reseau-map-avatars.h"
#include "reseau-map-scene.h"
#include "reseau-network-map-private.h"
#include "reseau-network-view.h"
#include "reseau-test-utils.h"

#define ANNE   "urn:uuid:anne"
#define BRUNO  "urn:uuid:bruno"
#define CHLOE  "urn:uuid:chloe"
#define DENIS  "urn:uuid:denis"
#define ELODIE "urn:uuid:elodie"

/* Helpers */

static gboolean
on_timeout (gpointer user_data)
{
  /* A guard against a hang, not a measure: nothing here takes long. */
  g_error ("Timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  guint guard = g_timeout_add_seconds (20, on_timeout, (gpointer) what);

  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (guard);
}

static gboolean
is_allocated (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 100
         && gtk_widget_get_height (widget) > 100;
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
two_frames (gpointer data)
{
  return *(guint *) data >= 2;
}

/* Until the window has laid out and drawn what changed. */
static void
wait_for_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  wait_until (two_frames, &frames, "two frames");
  gtk_widget_remove_tick_callback (widget, id);
}

static GtkWidget *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

/* The nth widget of type under root, depth first. */
static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type,
                 guint      nth)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, type, found);

  return nth < found->len ? g_ptr_array_index (found, nth) : NULL;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return child;
      found = find_label (child, text);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The map on its own --------------------------------------------------------------- */

typedef struct
{
  const char *label;
  float       x;
  float       y;
} PlacedNode;

/* Five people on a cross, Anne in the middle; a referral and an
 * introduction between them. */
static const PlacedNode cross[] = {
  { "Anne Martin", 0, 0 },
  { "Bruno Petit", 100, 0 },
  { "Chloé Durand", 0, 100 },
  { "Denis Roy", -100, 10 },
  { "Élodie Faure", 5, -100 },
};

static ReseauLayout *
make_cross_layout (void)
{
  g_autoptr(ReseauNetwork) network = reseau_network_new ();
  ReseauLayout *layout;

  for (guint i = 0; i < G_N_ELEMENTS (cross); i++)
    {
      g_autofree char *key = g_strdup_printf ("p:%u", i);

      g_assert_cmpuint (reseau_network_add_node (network, RESEAU_NODE_PERSON, key, cross[i].label), ==, i);
    }
  reseau_network_add_edge (network, 0, 1, RESEAU_EDGE_REFERRAL, 2, 10);
  reseau_network_add_edge (network, 3, 0, RESEAU_EDGE_INTRODUCED, 1, 200);
  reseau_network_add_edge (network, 0, 2, RESEAU_EDGE_INTERACTION, 5, 3);

  layout = reseau_layout_new (network, 7);
  for (guint i = 0; i < G_N_ELEMENTS (cross); i++)
    reseau_layout_set_position (layout, i, (ReseauPoint) { cross[i].x, cross[i].y });

  return layout;
}

static void
test_map_hit_test (void)
{
  GtkWidget *map = reseau_network_map_new ();
  GtkWidget *window = show_in_window (map, 600, 500);
  static const double zooms[] = { 0.05, 0.5, 1.0, 3.0 };
  const ReseauPoint *points;
  guint n_points;

  reseau_network_map_set_layout (RESEAU_NETWORK_MAP (map), make_cross_layout ());
  wait_until (is_allocated, map, "the map's allocation");
  points = reseau_network_map_get_positions (RESEAU_NETWORK_MAP (map), &n_points);
  g_assert_cmpuint (n_points, ==, G_N_ELEMENTS (cross));

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      /* Anne in the middle of the widget. */
      ReseauViewTransform view = {
        zooms[z],
        -gtk_widget_get_width (map) / (2 * zooms[z]),
        -gtk_widget_get_height (map) / (2 * zooms[z]),
      };
      ReseauViewTransform got;

      reseau_network_map_set_view (RESEAU_NETWORK_MAP (map), &view);
      reseau_network_map_get_view (RESEAU_NETWORK_MAP (map), &got);
      g_assert_cmpfloat (got.zoom, ==, zooms[z]);

      for (guint i = 0; i < n_points; i++)
        {
          double sx, sy;
          /* Drawn at least 4 pixels wide (see reseau_layout_hit_test). */
          const ReseauNetworkNode *node = reseau_network_get_node (reseau_network_map_get_network (RESEAU_NETWORK_MAP (map)), i);
          double r = MAX (reseau_layout_node_radius (node) * zooms[z], 4.0);

          reseau_view_transform_to_screen (&view, points[i], &sx, &sy);
          if (sx < 0 || sy < 0 || sx > gtk_widget_get_width (map) || sy > gtk_widget_get_height (map))
            continue;

          g_assert_cmpint (reseau_network_map_node_at (RESEAU_NETWORK_MAP (map), sx, sy), ==, i);
          /* Zoomed out, the 4-pixel discs overlap and the topmost wins
           * (below); zoomed in, just inside and just outside the disc. */
          if (zooms[z] < 0.5)
            continue;
          g_assert_cmpint (reseau_network_map_node_at (RESEAU_NETWORK_MAP (map), sx + r * 0.9, sy), ==, i);
          g_assert_cmpint (reseau_network_map_node_at (RESEAU_NETWORK_MAP (map), sx, sy - r * 0.9), ==, i);
          g_assert_cmpint (reseau_network_map_node_at (RESEAU_NETWORK_MAP (map), sx + r * 0.8, sy + r * 0.8), ==, -1);
        }

      /* Far from every node. */
      if (zooms[z] >= 0.5)
        g_assert_cmpint (reseau_network_map_node_at (RESEAU_NETWORK_MAP (map), 3, 3), ==, -1);
    }

  /* Zoomed out, the discs have shrunk to their 4-pixel floor. At 0.1,
   * the nodes are 10 pixels apart: a point 3 pixels right of Anne's
   * centre hits her, one 5.5 pixels below hits no one. At 0.05, Bruno's
   * disc, 5 pixels right, overlaps hers: the same point is in both, and
   * Bruno, drawn last, wins. */
  {
    ReseauViewTransform view = { 0.1, -300 / 0.1, -250 / 0.1 };
    double sx, sy;

    reseau_network_map_set_view (RESEAU_NETWORK_MAP (map), &view);
    reseau_view_transform_to_screen (&view, points[0], &sx, &sy);
    g_assert_cmpint (reseau_network_map_node_at (RESEAU_NETWORK_MAP (map), sx + 3, sy), ==, 0);
    g_assert_cmpint (reseau_network_map_node_at (RESEAU_NETWORK_MAP (map), sx, sy + 5.5), ==, -1);

    view = (ReseauViewTransform) { 0.05, -300 / 0.05, -250 / 0.05 };
    reseau_network_map_set_view (RESEAU_NETWORK_MAP (map), &view);
    reseau_view_transform_to_screen (&view, points[0], &sx, &sy);
    g_assert_cmpint (reseau_network_map_node_at (RESEAU_NETWORK_MAP (map), sx + 3, sy), ==, 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static int
focused_node (GtkWidget *map)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (map));

  return focus != NULL ? reseau_network_map_get_widget_node (RESEAU_NETWORK_MAP (map), focus) : -1;
}

static void
count_activated (GtkWidget *map,
                 int        node,
                 gpointer   user_data)
{
  *(int *) user_data = node;
}

static void
test_map_keyboard (void)
{
  GtkWidget *map = reseau_network_map_new ();
  GtkWidget *window = show_in_window (map, 600, 500);
  ReseauViewTransform view = { 1.0, -300, -250 };
  guint n_children = 0;
  int activated = -1;

  reseau_network_map_set_layout (RESEAU_NETWORK_MAP (map), make_cross_layout ());
  wait_until (is_allocated, map, "the map's allocation");
  reseau_network_map_set_view (RESEAU_NETWORK_MAP (map), &view);
  reseau_network_map_sync_children (RESEAU_NETWORK_MAP (map));

  /* Every node on screen has its widget. */
  for (guint i = 0; i < G_N_ELEMENTS (cross); i++)
    {
      GtkWidget *child = reseau_network_map_get_node_widget (RESEAU_NETWORK_MAP (map), i);

      g_assert_nonnull (child);
      g_assert_true (gtk_widget_get_focusable (child));
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child)), ==,
                       GTK_ACCESSIBLE_ROLE_BUTTON);
      g_assert_cmpint (reseau_network_map_get_widget_node (RESEAU_NETWORK_MAP (map), child), ==, i);
    }

  /* Focus enters on the node nearest the middle: Anne. */
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_cmpint (focused_node (map), ==, 0);

  /* Arrows: the nearest node that way. */
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_RIGHT));
  g_assert_cmpint (focused_node (map), ==, 1);   /* Bruno */
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_LEFT));
  g_assert_cmpint (focused_node (map), ==, 0);   /* back to Anne */
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_DOWN));
  g_assert_cmpint (focused_node (map), ==, 2);   /* Chloé */
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_UP));
  g_assert_cmpint (focused_node (map), ==, 0);
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_UP));
  g_assert_cmpint (focused_node (map), ==, 4);   /* Élodie */
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_LEFT));
  g_assert_cmpint (focused_node (map), ==, 3);   /* Denis, down-left of her */
  /* Nothing further left: focus stays. */
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_LEFT));
  g_assert_cmpint (focused_node (map), ==, 3);

  /* Tab goes by name: Anne, Bruno, Chloé, Denis, Élodie; then out. */
  g_assert_true (reseau_network_map_focus_node (RESEAU_NETWORK_MAP (map), 0));
  for (guint i = 1; i < G_N_ELEMENTS (cross); i++)
    {
      g_assert_true (gtk_widget_child_focus (map, GTK_DIR_TAB_FORWARD));
      g_assert_cmpint (focused_node (map), ==, i);
    }
  g_assert_false (gtk_widget_child_focus (map, GTK_DIR_TAB_FORWARD));
  g_assert_true (reseau_network_map_focus_node (RESEAU_NETWORK_MAP (map), 2));
  g_assert_true (gtk_widget_child_focus (map, GTK_DIR_TAB_BACKWARD));
  g_assert_cmpint (focused_node (map), ==, 1);

  /* Enter opens the focused node: the binding of its widget. */
  g_signal_connect (map, "node-activated", G_CALLBACK (count_activated), &activated);
  g_assert_true (gtk_widget_activate_action (reseau_network_map_get_node_widget (RESEAU_NETWORK_MAP (map), 1),
                                             "map-node.activate", NULL));
  g_assert_cmpint (activated, ==, 1);
  g_assert_cmpint (reseau_network_map_get_selected (RESEAU_NETWORK_MAP (map)), ==, 1);

  /* Zoomed in on Bruno, the others are off screen: they have no widget,
   * Bruno (focused) keeps his. */
  view = (ReseauViewTransform) { 4.0, 100 - 300 / 4.0, -250 / 4.0 };
  reseau_network_map_set_view (RESEAU_NETWORK_MAP (map), &view);
  reseau_network_map_sync_children (RESEAU_NETWORK_MAP (map));
  for (GtkWidget *child = gtk_widget_get_first_child (map); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_children++;
  g_assert_cmpuint (n_children, ==, 1);
  g_assert_nonnull (reseau_network_map_get_node_widget (RESEAU_NETWORK_MAP (map), 1));
  g_assert_null (reseau_network_map_get_node_widget (RESEAU_NETWORK_MAP (map), 3));

  /* An arrow to a node off screen brings it into view. */
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_LEFT));
  g_assert_cmpint (focused_node (map), ==, 0);
  {
    double sx, sy;
    const ReseauPoint *points = reseau_network_map_get_positions (RESEAU_NETWORK_MAP (map), NULL);

    reseau_network_map_get_view (RESEAU_NETWORK_MAP (map), &view);
    reseau_view_transform_to_screen (&view, points[0], &sx, &sy);
    g_assert_cmpfloat (sx, >=, 0);
    g_assert_cmpfloat (sx, <=, gtk_widget_get_width (map));
    g_assert_cmpfloat (sy, >=, 0);
    g_assert_cmpfloat (sy, <=, gtk_widget_get_height (map));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether every node on screen has its widget, centred on the node as
 * drawn at the current view. */
static gboolean
widgets_follow_nodes (gpointer data)
{
  ReseauNetworkMap *map = data;
  guint n_points;
  const ReseauPoint *points = reseau_network_map_get_positions (map, &n_points);
  ReseauViewTransform view;

  reseau_network_map_get_view (map, &view);
  for (guint i = 0; i < n_points; i++)
    {
      GtkWidget *child = reseau_network_map_get_node_widget (map, i);
      graphene_rect_t bounds;
      double sx, sy;

      reseau_view_transform_to_screen (&view, points[i], &sx, &sy);
      if (sx < 0 || sy < 0 || sx > gtk_widget_get_width (GTK_WIDGET (map))
          || sy > gtk_widget_get_height (GTK_WIDGET (map)))
        continue;
      if (child == NULL || !gtk_widget_compute_bounds (child, GTK_WIDGET (map), &bounds))
        return FALSE;
      if (fabs (bounds.origin.x + bounds.size.width / 2 - sx) > 1.5
          || fabs (bounds.origin.y + bounds.size.height / 2 - sy) > 1.5)
        return FALSE;
    }

  return TRUE;
}

static void
assert_hits_anne (GtkWidget *map)
{
  const ReseauPoint *points = reseau_network_map_get_positions (RESEAU_NETWORK_MAP (map), NULL);
  ReseauViewTransform view;
  double sx, sy;

  reseau_network_map_get_view (RESEAU_NETWORK_MAP (map), &view);
  reseau_view_transform_to_screen (&view, points[0], &sx, &sy);
  g_assert_cmpint (reseau_network_map_node_at (RESEAU_NETWORK_MAP (map), sx, sy), ==, 0);
}

/* Gestures driven through the map's own controllers, by the signals a
 * drag, a pinch and the wheel emit. Mid-gesture the map may draw an
 * older picture moved into place, but hit-testing follows the current
 * view at once, and when the gesture ends the node widgets are placed
 * at the final view (after a pause, for the wheel). */
static void
test_map_gestures (void)
{
  GtkWidget *map = reseau_network_map_new ();
  GtkWidget *window = show_in_window (map, 600, 500);
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkGesture *drag = NULL, *zoom = NULL;
  GtkEventController *scroll = NULL;
  ReseauViewTransform view = { 1.0, -300, -250 };
  ReseauViewTransform got;
  gboolean handled = FALSE;

  reseau_network_map_set_layout (RESEAU_NETWORK_MAP (map), make_cross_layout ());
  wait_until (is_allocated, map, "the map's allocation");
  reseau_network_map_set_view (RESEAU_NETWORK_MAP (map), &view);
  wait_for_frames (map);
  g_assert_true (widgets_follow_nodes (map));

  controllers = gtk_widget_observe_controllers (map);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        drag = GTK_GESTURE (controller);
      else if (GTK_IS_GESTURE_ZOOM (controller))
        zoom = GTK_GESTURE (controller);
      else if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        scroll = controller;
    }
  g_assert_nonnull (drag);
  g_assert_nonnull (zoom);
  g_assert_nonnull (scroll);

  /* A drag: Anne (in the middle) follows the pointer 40 right, 20 down. */
  g_signal_emit_by_name (drag, "drag-begin", 300.0, 250.0);
  g_signal_emit_by_name (drag, "drag-update", 40.0, 20.0);
  reseau_network_map_get_view (RESEAU_NETWORK_MAP (map), &got);
  g_assert_cmpfloat_with_epsilon (got.origin_x, -340, 1e-9);
  g_assert_cmpfloat_with_epsilon (got.origin_y, -270, 1e-9);
  assert_hits_anne (map);
  g_assert_cmpint (reseau_network_map_node_at (RESEAU_NETWORK_MAP (map), 300, 250), !=, 0);
  wait_for_frames (map);
  texture = reseau_network_map_render_texture (RESEAU_NETWORK_MAP (map));
  g_assert_nonnull (texture);
  g_signal_emit_by_name (drag, "drag-end", 40.0, 20.0);
  wait_until (widgets_follow_nodes, map, "the node widgets placed after the drag");

  /* A pinch to twice the size, around the middle. */
  g_signal_emit_by_name (zoom, "begin", NULL);
  g_signal_emit_by_name (zoom, "scale-changed", 2.0);
  reseau_network_map_get_view (RESEAU_NETWORK_MAP (map), &got);
  g_assert_cmpfloat_with_epsilon (got.zoom, 2.0, 1e-9);
  assert_hits_anne (map);
  wait_for_frames (map);
  g_signal_emit_by_name (zoom, "end", NULL);
  wait_until (widgets_follow_nodes, map, "the node widgets placed after the pinch");

  /* A wheel notch out: its burst ends after a pause. */
  g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
  g_assert_true (handled);
  reseau_network_map_get_view (RESEAU_NETWORK_MAP (map), &got);
  g_assert_cmpfloat (got.zoom, <, 2.0);
  assert_hits_anne (map);
  wait_until (widgets_follow_nodes, map, "the node widgets placed after the wheel");

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GtkWidget *map;
  guint      n_painted;   /* before */
} PaintWait;

static gboolean
painted_since (gpointer data)
{
  PaintWait *wait = data;

  return reseau_network_map_get_paint_stats (RESEAU_NETWORK_MAP (wait->map), NULL) > wait->n_painted;
}

static gboolean
has_current_picture (gpointer data)
{
  return reseau_network_map_has_current_picture (RESEAU_NETWORK_MAP (data));
}

static guchar *
download (GdkTexture *texture)
{
  guchar *pixels = g_malloc (gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4);

  gdk_texture_download (texture, pixels, gdk_texture_get_width (texture) * 4);

  return pixels;
}

/* Pictures are painted on a worker thread: one when the map first
 * shows, none during a gesture (the last one is moved), one at its end;
 * and what the worker paints is what the main thread paints for the
 * exports, pixel for pixel, text included. */
static void
test_map_painting (void)
{
  GtkWidget *map = reseau_network_map_new ();
  GtkWidget *window = show_in_window (map, 400, 300);
  PaintWait wait = { map, 0 };
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GdkTexture) from_worker = NULL;
  g_autoptr(GdkTexture) from_main = NULL;
  g_autofree guchar *worker_pixels = NULL;
  g_autofree guchar *main_pixels = NULL;
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkGesture *drag = NULL;
  gsize size;

  reseau_network_map_set_layout (RESEAU_NETWORK_MAP (map), make_cross_layout ());
  wait_until (is_allocated, map, "the map's allocation");
  reseau_network_map_fit (RESEAU_NETWORK_MAP (map));
  wait_until (painted_since, &wait, "the first picture");
  /* A first one may have been painted before the fit. */
  wait_until (has_current_picture, map, "the picture of the fitted view");

  /* The picture is current: the export shows the worker's pixels. */
  wait_for_frames (map);
  g_assert_false (reseau_network_map_paint_now (RESEAU_NETWORK_MAP (map)));
  from_worker = reseau_network_map_render_texture (RESEAU_NETWORK_MAP (map));
  g_assert_nonnull (from_worker);

  /* The same content again, stale: the export paints it now. */
  g_array_append_val (matches, (guint) { 0 });
  reseau_network_map_set_highlight (RESEAU_NETWORK_MAP (map), matches);
  reseau_network_map_set_highlight (RESEAU_NETWORK_MAP (map), NULL);
  g_assert_true (reseau_network_map_paint_now (RESEAU_NETWORK_MAP (map)));
  from_main = reseau_network_map_render_texture (RESEAU_NETWORK_MAP (map));
  g_assert_nonnull (from_main);

  g_assert_cmpint (gdk_texture_get_width (from_worker), ==, gdk_texture_get_width (from_main));
  g_assert_cmpint (gdk_texture_get_height (from_worker), ==, gdk_texture_get_height (from_main));
  size = (gsize) gdk_texture_get_width (from_main) * gdk_texture_get_height (from_main) * 4;
  worker_pixels = download (from_worker);
  main_pixels = download (from_main);
  g_assert_cmpmem (worker_pixels, size, main_pixels, size);

  /* A drag: no picture painted while it lasts, one at its end. */
  controllers = gtk_widget_observe_controllers (map);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        drag = GTK_GESTURE (controller);
    }
  g_assert_nonnull (drag);
  wait_for_frames (map);
  wait.n_painted = reseau_network_map_get_paint_stats (RESEAU_NETWORK_MAP (map), NULL);
  g_signal_emit_by_name (drag, "drag-begin", 200.0, 150.0);
  for (int step = 1; step <= 3; step++)
    {
      g_signal_emit_by_name (drag, "drag-update", 20.0 * step, 10.0 * step);
      wait_for_frames (map);
    }
  g_assert_cmpuint (reseau_network_map_get_paint_stats (RESEAU_NETWORK_MAP (map), NULL), ==, wait.n_painted);
  g_assert_false (reseau_network_map_has_current_picture (RESEAU_NETWORK_MAP (map)));
  g_signal_emit_by_name (drag, "drag-end", 60.0, 30.0);
  wait_until (painted_since, &wait, "the picture after the drag");
  wait_until (has_current_picture, map, "the picture of the view after the drag");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A scene painted on its own: shapes where they were put, in the order
 * of the layers, at the scale factor. */
static void
test_scene_paint (void)
{
  g_autoptr(ReseauMapScene) scene = reseau_map_scene_new (40, 20, 2);
  ReseauMapTextCache *text = reseau_map_text_cache_new ();
  ReseauSceneNode under = { 20, 20, 10, RESEAU_RASTER_DISC, { 1, 0, 0, 1 } };
  ReseauSceneNode over = { 60, 20, 10, RESEAU_RASTER_ROUNDED_SQUARE, { 0, 0, 1, 1 } };
  ReseauSceneNode covered = { 60, 20, 10, RESEAU_RASTER_DISC, { 0, 1, 0, 1 } };
  cairo_surface_t *surface;
  const guint32 *pixels;
  int stride;
  double sx, sy;

  scene->outline = (ReseauRasterColor) { 1, 1, 1, 0 };
  g_array_append_val (scene->layers[0].nodes, under);
  g_array_append_val (scene->layers[0].nodes, covered);
  g_array_append_val (scene->layers[1].nodes, over);
  surface = reseau_map_scene_paint (scene, text);

  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 80);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 40);
  cairo_surface_get_device_scale (surface, &sx, &sy);
  g_assert_cmpfloat (sx, ==, 2);
  pixels = (const guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  /* Opaque red at the first node's centre, blue (the upper layer) at the
   * second's, and nothing in the corner. */
  g_assert_cmphex (pixels[20 * stride + 20], ==, 0xffff0000);
  g_assert_cmphex (pixels[20 * stride + 60], ==, 0xff0000ff);
  g_assert_cmphex (pixels[0], ==, 0);

  cairo_surface_destroy (surface);
  reseau_map_text_cache_free (text);
}

/* The pixels of a 200 × 60 scene with the given labels (text, x, y,
 * required), painted. */
static GBytes *
paint_labels (const char *first_text,
              ...)
{
  g_autoptr(ReseauMapScene) scene = reseau_map_scene_new (200, 60, 1);
  ReseauMapTextCache *text = reseau_map_text_cache_new ();
  cairo_surface_t *surface;
  GBytes *pixels;
  va_list labels;

  scene->text_color[3] = 1;
  va_start (labels, first_text);
  for (const char *label = first_text; label != NULL; label = va_arg (labels, const char *))
    {
      double x = va_arg (labels, double);
      double y = va_arg (labels, double);
      gboolean required = va_arg (labels, gboolean);

      reseau_map_scene_add_text (scene, RESEAU_SCENE_LABEL, label, x, y, 1.0, required);
    }
  va_end (labels);

  surface = reseau_map_scene_paint (scene, text);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface));
  cairo_surface_destroy (surface);
  reseau_map_text_cache_free (text);

  return pixels;
}

/* A name that would cover one painted before it is left out, unless it
 * is required (the selected or hovered node's); names apart are all
 * painted. */
static void
test_scene_labels (void)
{
  g_autoptr(GBytes) anne = paint_labels ("Anne Martin", 100.0, 10.0, FALSE, NULL);
  g_autoptr(GBytes) bruno = paint_labels ("Bruno Petit", 100.0, 16.0, FALSE, NULL);
  g_autoptr(GBytes) covering = paint_labels ("Anne Martin", 100.0, 10.0, FALSE,
                                             "Bruno Petit", 100.0, 16.0, FALSE, NULL);
  g_autoptr(GBytes) required = paint_labels ("Anne Martin", 100.0, 10.0, FALSE,
                                             "Bruno Petit", 100.0, 16.0, TRUE, NULL);
  g_autoptr(GBytes) apart = paint_labels ("Anne Martin", 100.0, 5.0, FALSE,
                                          "Bruno Petit", 100.0, 35.0, FALSE, NULL);
  g_autoptr(GBytes) anne_alone = paint_labels ("Anne Martin", 100.0, 5.0, FALSE, NULL);

  g_assert_false (g_bytes_equal (anne, bruno));
  g_assert_true (g_bytes_equal (covering, anne));
  g_assert_false (g_bytes_equal (required, anne));
  g_assert_false (g_bytes_equal (apart, anne_alone));
}

static void
test_map_export (void)
{
  GtkWidget *map = reseau_network_map_new ();
  GtkWidget *window = show_in_window (map, 400, 300);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *svg = NULL;
  g_autofree guchar *pixels = NULL;
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (guint));
  guint anne = 0;
  int width, height;

  reseau_network_map_set_layout (RESEAU_NETWORK_MAP (map), make_cross_layout ());
  wait_until (is_allocated, map, "the map's allocation");
  reseau_network_map_fit (RESEAU_NETWORK_MAP (map));
  g_array_append_val (matches, anne);
  reseau_network_map_set_highlight (RESEAU_NETWORK_MAP (map), matches);
  g_assert_true (reseau_network_map_is_highlighted (RESEAU_NETWORK_MAP (map), 0));
  g_assert_false (reseau_network_map_is_highlighted (RESEAU_NETWORK_MAP (map), 1));
  wait_for_frames (map);

  /* The PNG is the widget as drawn: not blank. */
  texture = reseau_network_map_render_texture (RESEAU_NETWORK_MAP (map));
  g_assert_nonnull (texture);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  g_assert_cmpint (width, ==, gtk_widget_get_width (map));
  pixels = g_malloc (width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  for (int i = 0; i < width * height; i++)
    g_hash_table_add (colors, GUINT_TO_POINTER (((guint32 *) (gpointer) pixels)[i]));
  g_assert_cmpuint (g_hash_table_size (colors), >, 20);

  /* The SVG: every node with its name, directed edges with arrows. */
  svg = reseau_network_map_to_svg (RESEAU_NETWORK_MAP (map));
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  for (guint i = 0; i < G_N_ELEMENTS (cross); i++)
    {
      g_autofree char *text = g_strdup_printf (">%s</text>", cross[i].label);

      g_assert_nonnull (strstr (svg, text));
    }
  g_assert_nonnull (strstr (svg, "marker-end=\"url(#arrow"));
  g_assert_nonnull (strstr (svg, "stroke=\"#f6d32d\""));   /* Anne, highlighted */
  g_assert_true (g_str_has_suffix (svg, "</svg>\n"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The view on a database ----------------------------------------------------------- */

typedef struct
{
  char           *dir;
  ReseauDatabase *database;
} Fixture;

static void
save_person (ReseauDatabase *database,
             const char     *uid,
             const char     *name,
             const char     *organization,
             const char     *tag,
             const char     *introduced_by)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(GError) error = NULL;

  reseau_contact_set_uid (contact, uid);
  reseau_contact_set_full_name (contact, name);
  if (organization != NULL)
    reseau_contact_set_organization (contact, organization);
  if (tag != NULL)
    reseau_contact_add_tag (contact, tag);
  if (introduced_by != NULL)
    reseau_contact_set_introduced_by (contact, introduced_by);
  g_assert_true (reseau_database_save_contact (database, contact, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  ReseauInteraction *coffee = reseau_interaction_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_interaction_free);

  fixture->dir = reseau_test_make_temp_dir ();
  path = g_build_filename (fixture->dir, "reseau.db", NULL);
  fixture->database = reseau_database_new (path);
  g_assert_true (reseau_database_open (fixture->database, &error));
  g_assert_no_error (error);

  save_person (fixture->database, ANNE, "Anne Martin", "Atelier Nord", "Client", NULL);
  save_person (fixture->database, BRUNO, "Bruno Petit", "Atelier Nord", "Partner", NULL);
  save_person (fixture->database, CHLOE, "Chloé Durand", NULL, "Client", NULL);
  save_person (fixture->database, DENIS, "Denis Roy", NULL, "Partner", ANNE);
  save_person (fixture->database, ELODIE, "Élodie Faure", NULL, NULL, NULL);

  /* Anne and Bruno had coffee today: a shared interaction, and strength. */
  coffee->kind = RESEAU_INTERACTION_COFFEE;
  reseau_interaction_add_participant (coffee, ANNE);
  reseau_interaction_add_participant (coffee, BRUNO);
  g_ptr_array_add (batch, coffee);
  g_assert_true (reseau_database_add_interactions (fixture->database, batch, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  reseau_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
on_loaded (ReseauNetworkView *view,
           gpointer           user_data)
{
  (*(guint *) user_data)++;
}

static gboolean
is_positive (gpointer data)
{
  return *(guint *) data > 0;
}

static gboolean
has_node (ReseauNetworkMap *map,
          const char       *key)
{
  return reseau_network_find_node (reseau_network_map_get_network (map), key) >= 0;
}

static guint
count_kind (ReseauNetworkMap *map,
            ReseauNodeKind    kind)
{
  ReseauNetwork *network = reseau_network_map_get_network (map);
  guint n = 0;

  for (guint i = 0; i < reseau_network_get_n_nodes (network); i++)
    n += reseau_network_get_node (network, i)->kind == kind;

  return n;
}

static guint
select_tag (GtkDropDown *dropdown,
            const char  *tag)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), tag) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return i;
      }

  g_error ("No tag %s in the dropdown", tag);
  return 0;
}

typedef struct
{
  ReseauNetworkMap *map;
  const char       *key;
} Highlight;

static gboolean
is_highlighted (gpointer data)
{
  Highlight *highlight = data;
  int node = reseau_network_find_node (reseau_network_map_get_network (highlight->map), highlight->key);

  return node >= 0 && reseau_network_map_is_highlighted (highlight->map, node);
}

static void
test_view_filters (Fixture       *fixture,
                   gconstpointer  data)
{
  ReseauNetworkView *view = g_object_new (RESEAU_TYPE_NETWORK_VIEW, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (view), 900, 600);
  ReseauNetworkMap *map = reseau_network_view_get_map (view);
  GtkDropDown *tags = GTK_DROP_DOWN (find_descendant (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN, 0));
  GtkSpinButton *strength = GTK_SPIN_BUTTON (find_descendant (GTK_WIDGET (view), GTK_TYPE_SPIN_BUTTON, 0));
  GtkSpinButton *hops = GTK_SPIN_BUTTON (find_descendant (GTK_WIDGET (view), GTK_TYPE_SPIN_BUTTON, 1));
  GtkToggleButton *ego = NULL;
  GtkEditable *search = GTK_EDITABLE (find_descendant (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY, 0));
  ReseauNetwork *network;
  guint loaded = 0;
  int denis;
  Highlight highlight = { map, "p:" CHLOE };

  for (guint i = 0; (ego = GTK_TOGGLE_BUTTON (find_descendant (GTK_WIDGET (view), GTK_TYPE_TOGGLE_BUTTON, i))) != NULL; i++)
    if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (ego)), "_Ego network") == 0)
      break;
  g_assert_nonnull (tags);
  g_assert_nonnull (strength);
  g_assert_nonnull (hops);
  g_assert_nonnull (ego);
  g_assert_nonnull (search);
  g_assert_true (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (hops)) <= 10);

  g_signal_connect (view, "loaded", G_CALLBACK (on_loaded), &loaded);
  reseau_network_view_set_database (view, fixture->database, NULL);
  wait_until (is_positive, &loaded, "the network");

  /* Everyone, and the organization two of them work at. */
  g_assert_cmpuint (count_kind (map, RESEAU_NODE_PERSON), ==, 5);
  g_assert_cmpuint (count_kind (map, RESEAU_NODE_ORGANIZATION), ==, 1);
  g_assert_nonnull (find_label (GTK_WIDGET (view), "5 people · 1 organization · 0 events · 4 links"));

  /* By tag: the clients, and Anne's organization with them. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (tags)), ==, 3);
  select_tag (tags, "Client");
  g_assert_cmpuint (count_kind (map, RESEAU_NODE_PERSON), ==, 2);
  g_assert_true (has_node (map, "p:" ANNE));
  g_assert_true (has_node (map, "p:" CHLOE));
  g_assert_cmpuint (count_kind (map, RESEAU_NODE_ORGANIZATION), ==, 1);
  select_tag (tags, "All Tags");
  g_assert_cmpuint (count_kind (map, RESEAU_NODE_PERSON), ==, 5);

  /* By strength: only the two who had coffee have any. */
  gtk_spin_button_set_value (strength, 1);
  g_assert_cmpuint (count_kind (map, RESEAU_NODE_PERSON), ==, 2);
  g_assert_true (has_node (map, "p:" ANNE));
  g_assert_true (has_node (map, "p:" BRUNO));
  gtk_spin_button_set_value (strength, 0);
  g_assert_cmpuint (count_kind (map, RESEAU_NODE_PERSON), ==, 5);

  /* Selecting Denis shows his summary and allows his ego network. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (ego)));
  network = reseau_network_map_get_network (map);
  denis = reseau_network_find_node (network, "p:" DENIS);
  g_assert_cmpint (denis, >=, 0);
  reseau_network_map_set_selected (map, denis);
  g_signal_emit_by_name (map, "node-selected", denis);
  g_assert_nonnull (find_label (GTK_WIDGET (view), "Denis Roy"));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "No interaction logged yet"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (ego)));

  /* One hop: Denis and Anne, who introduced him. */
  gtk_spin_button_set_value (hops, 1);
  gtk_toggle_button_set_active (ego, TRUE);
  g_assert_cmpuint (count_kind (map, RESEAU_NODE_PERSON), ==, 2);
  g_assert_true (has_node (map, "p:" DENIS));
  g_assert_true (has_node (map, "p:" ANNE));
  g_assert_false (has_node (map, "p:" BRUNO));
  /* Denis stays selected. */
  g_assert_cmpint (reseau_network_map_get_selected (map), ==,
                   reseau_network_find_node (reseau_network_map_get_network (map), "p:" DENIS));

  /* Two hops: Bruno too (coffee with Anne); never Chloé nor Élodie. */
  gtk_spin_button_set_value (hops, 2);
  g_assert_true (has_node (map, "p:" BRUNO));
  g_assert_false (has_node (map, "p:" CHLOE));
  g_assert_false (has_node (map, "p:" ELODIE));
  gtk_toggle_button_set_active (ego, FALSE);
  g_assert_cmpuint (count_kind (map, RESEAU_NODE_PERSON), ==, 5);

  /* The search highlights, accents and case aside. */
  gtk_editable_set_text (search, "chloe");
  wait_until (is_highlighted, &highlight, "Chloé highlighted");
  g_assert_false (reseau_network_map_is_highlighted (map, reseau_network_find_node (reseau_network_map_get_network (map),
                                                                                    "p:" ANNE)));
  gtk_editable_set_text (search, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_view_clusters (Fixture       *fixture,
                    gconstpointer  data)
{
  ReseauNetworkView *view = g_object_new (RESEAU_TYPE_NETWORK_VIEW, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (view), 900, 600);
  ReseauNetworkMap *map = reseau_network_view_get_map (view);
  ReseauNetwork *network;
  guint loaded = 0;
  int cluster = -1;
  g_autofree char *key = NULL;

  g_signal_connect (view, "loaded", G_CALLBACK (on_loaded), &loaded);
  reseau_network_view_set_database (view, fixture->database, NULL);
  wait_until (is_positive, &loaded, "the network");
  g_assert_cmpuint (count_kind (map, RESEAU_NODE_CLUSTER), ==, 0);

  /* Fewer nodes allowed than there are: people fold into groups. */
  reseau_network_view_set_max_nodes (view, 3);
  g_assert_cmpuint (count_kind (map, RESEAU_NODE_CLUSTER), >, 0);
  g_assert_cmpuint (count_kind (map, RESEAU_NODE_PERSON), <, 5);
  network = reseau_network_map_get_network (map);
  for (guint i = 0; i < reseau_network_get_n_nodes (network); i++)
    if (reseau_network_get_node (network, i)->kind == RESEAU_NODE_CLUSTER)
      {
        cluster = i;
        break;
      }
  g_assert_cmpint (cluster, >=, 0);
  key = g_strdup (reseau_network_get_node (network, cluster)->key);

  /* A click on the group expands it. */
  g_signal_emit_by_name (map, "node-selected", cluster);
  g_assert_false (has_node (map, key));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_converged (ReseauNetworkMap *map,
              gpointer          user_data)
{
  (*(guint *) user_data)++;
}

typedef struct
{
  ReseauDatabase *database;
  GHashTable     *positions;
} Saved;

static gboolean
has_saved_positions (gpointer data)
{
  Saved *saved = data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&saved->positions, g_hash_table_unref);
  saved->positions = reseau_database_load_node_positions (saved->database, &error);
  g_assert_no_error (error);

  return saved->positions != NULL && g_hash_table_contains (saved->positions, "p:" ANNE);
}

/* The layout converges, its positions go to the database, and a view
 * opened later starts from them: the map does not reshuffle. */
static void
test_view_positions (Fixture       *fixture,
                     gconstpointer  data)
{
  ReseauNetworkView *view = g_object_new (RESEAU_TYPE_NETWORK_VIEW, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (view), 900, 600);
  ReseauNetworkMap *map = reseau_network_view_get_map (view);
  Saved saved = { fixture->database, NULL };
  guint converged = 0, loaded = 0;
  const ReseauPoint *points;
  const ReseauPoint *anne;
  int index;

  g_signal_connect (map, "layout-converged", G_CALLBACK (on_converged), &converged);
  reseau_network_view_set_database (view, fixture->database, NULL);
  wait_until (is_positive, &converged, "the layout to converge");
  wait_until (has_saved_positions, &saved, "the positions in the database");
  gtk_window_destroy (GTK_WINDOW (window));

  view = g_object_new (RESEAU_TYPE_NETWORK_VIEW, NULL);
  window = show_in_window (GTK_WIDGET (view), 900, 600);
  map = reseau_network_view_get_map (view);
  g_signal_connect (view, "loaded", G_CALLBACK (on_loaded), &loaded);
  reseau_network_view_set_database (view, fixture->database, NULL);
  wait_until (is_positive, &loaded, "the network");

  /* The new layout starts where the last one ended. */
  index = reseau_network_find_node (reseau_network_map_get_network (map), "p:" ANNE);
  g_assert_cmpint (index, >=, 0);
  points = reseau_network_map_get_positions (map, NULL);
  anne = g_hash_table_lookup (saved.positions, "p:" ANNE);
  g_assert_cmpfloat (points[index].x, ==, anne->x);
  g_assert_cmpfloat (points[index].y, ==, anne->y);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_pointer (&saved.positions, g_hash_table_unref);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PNG of width × height in one colour; with a margin, the leftmost and
 * rightmost margin pixels are black instead. */
static GBytes *
make_png_with_margins (int    width,
                       int    height,
                       int    margin,
                       double red,
                       double green,
                       double blue)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, red, green, blue);
  cairo_rectangle (cr, margin, 0, width - 2 * margin, height);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (png);
}

static GBytes *
make_png (int    width,
          int    height,
          double red,
          double green,
          double blue)
{
  return make_png_with_margins (width, height, 0, red, green, blue);
}

/* The colour (0xAARRGGBB) of the widget's pixel at (x, y), as exported. */
static guint32
pixel_at (ReseauNetworkMap *map,
          double            x,
          double            y)
{
  g_autoptr(GdkTexture) texture = reseau_network_map_render_texture (map);
  g_autofree guchar *pixels = NULL;
  int width;

  g_assert_nonnull (texture);
  width = gdk_texture_get_width (texture);
  pixels = download (texture);

  return ((guint32 *) (gpointer) pixels)[(int) y * width + (int) x];
}

static gboolean
has_custom_image (gpointer data)
{
  return adw_avatar_get_custom_image (data) != NULL;
}

/* A person with a photo shows it in their disc once drawn big enough
 * for initials; the others keep their initials. */
static void
test_view_photos (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(GBytes) photo = make_png (60, 40, 1, 0, 1);
  g_autoptr(GError) error = NULL;
  ReseauNetworkView *view = g_object_new (RESEAU_TYPE_NETWORK_VIEW, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (view), 900, 600);
  ReseauNetworkMap *map = reseau_network_view_get_map (view);
  guint converged = 0;
  gint64 deadline;
  int zoe, anne;
  double x, y, radius;
  guint32 pixel = 0;
  AdwAvatar *avatar;

  reseau_contact_set_uid (contact, "urn:uuid:zoe");
  reseau_contact_set_full_name (contact, "Zoé Morel");
  reseau_contact_set_photo (contact, photo);
  g_assert_true (reseau_database_save_contact (fixture->database, contact, &error));
  g_assert_no_error (error);

  g_signal_connect (map, "layout-converged", G_CALLBACK (on_converged), &converged);
  reseau_network_view_set_database (view, fixture->database, NULL);
  wait_until (is_positive, &converged, "the layout to converge");

  zoe = reseau_network_find_node (reseau_network_map_get_network (map), "p:urn:uuid:zoe");
  anne = reseau_network_find_node (reseau_network_map_get_network (map), "p:" ANNE);
  g_assert_cmpint (zoe, >=, 0);
  g_assert_true (reseau_network_get_node (reseau_network_map_get_network (map), zoe)->has_photo);
  g_assert_false (reseau_network_get_node (reseau_network_map_get_network (map), anne)->has_photo);

  /* Zoomed in on Zoé: big enough for a photo. */
  reseau_network_map_zoom (map, 4);
  reseau_network_map_center_on (map, zoe);
  reseau_network_map_node_geometry (map, zoe, &x, &y, &radius);
  g_assert_cmpfloat (radius, >=, 16);

  /* The photo is loaded, decoded and painted in a few frames. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (pixel != 0xffff00ff && g_get_monotonic_time () < deadline)
    {
      wait_for_frames (GTK_WIDGET (map));
      if (reseau_network_map_has_current_picture (map))
        pixel = pixel_at (map, x, y);
    }
  g_assert_cmphex (pixel, ==, 0xffff00ff);

  /* Anne has none: no magenta in her disc. */
  reseau_network_map_center_on (map, anne);
  reseau_network_map_node_geometry (map, anne, &x, &y, &radius);
  wait_for_frames (GTK_WIDGET (map));
  g_assert_cmphex (pixel_at (map, x, y), !=, 0xffff00ff);

  /* The side panel shows the selected person's photo, or initials. */
  avatar = ADW_AVATAR (find_descendant (GTK_WIDGET (view), ADW_TYPE_AVATAR, 0));
  g_assert_nonnull (avatar);
  reseau_network_map_node_select (map, zoe);
  wait_until (has_custom_image, avatar, "the photo in the side panel");
  g_assert_cmpstr (adw_avatar_get_text (avatar), ==, "Zoé Morel");
  reseau_network_map_node_select (map, anne);
  g_assert_null (adw_avatar_get_custom_image (avatar));
  g_assert_cmpstr (adw_avatar_get_text (avatar), ==, "Anne Martin");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_avatars_ready (gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* Photos are asked for once, decoded to a square from the middle of the
 * photo, and a photo that is not an image leaves the node without one. */
static void
test_avatars (void)
{
  /* 90 × 30, black on the left and right thirds: the middle square is
   * all magenta. */
  g_autoptr(GBytes) wide = make_png_with_margins (90, 30, 30, 1, 0, 1);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("not an image", 12);
  g_autoptr(GArray) wanted = NULL;
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) photos = g_ptr_array_new ();
  guint ready = 0;
  ReseauMapAvatars *avatars = reseau_map_avatars_new (3, on_avatars_ready, &ready);
  cairo_surface_t *image;
  const guint32 *pixels;

  /* Nodes 0 and 1 have photos, node 2 has none: only 0 and 1 are wanted,
   * once. */
  g_assert_null (reseau_map_avatars_get (avatars, 0, TRUE));
  g_assert_null (reseau_map_avatars_get (avatars, 1, TRUE));
  g_assert_null (reseau_map_avatars_get (avatars, 2, FALSE));
  g_assert_null (reseau_map_avatars_get (avatars, 0, TRUE));
  wanted = reseau_map_avatars_take_wanted (avatars);
  g_assert_nonnull (wanted);
  g_assert_cmpuint (wanted->len, ==, 2);
  g_assert_cmpuint (g_array_index (wanted, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (wanted, guint, 1), ==, 1);
  g_assert_null (reseau_map_avatars_take_wanted (avatars));

  g_array_append_vals (nodes, wanted->data, wanted->len);
  g_ptr_array_add (photos, wide);
  g_ptr_array_add (photos, garbage);
  reseau_map_avatars_add_photos (avatars, nodes, photos);
  wait_until (is_positive, &ready, "the photos decoded");

  image = reseau_map_avatars_get (avatars, 0, TRUE);
  g_assert_nonnull (image);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, RESEAU_MAP_AVATAR_SIZE);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, RESEAU_MAP_AVATAR_SIZE);
  cairo_surface_flush (image);
  pixels = (const guint32 *) (gpointer) cairo_image_surface_get_data (image);
  /* Magenta from corner to corner: the middle, not the photo squeezed. */
  g_assert_cmphex (pixels[(RESEAU_MAP_AVATAR_SIZE / 2) * cairo_image_surface_get_stride (image) / 4
                          + RESEAU_MAP_AVATAR_SIZE / 2], ==, 0xffff00ff);
  g_assert_cmphex (pixels[2 * cairo_image_surface_get_stride (image) / 4 + 2], ==, 0xffff00ff);
  g_assert_null (reseau_map_avatars_get (avatars, 1, TRUE));
  g_assert_null (reseau_map_avatars_take_wanted (avatars));

  reseau_map_avatars_free (avatars);
}

/* The legend lists what each shape, line and colour means, each beside a
 * sample that screen readers skip (the text says it all). */
static void
test_view_legend (void)
{
  ReseauNetworkView *view = g_object_new (RESEAU_TYPE_NETWORK_VIEW, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (view), 600, 400);
  static const char *meanings[] = {
    "A person: the bigger, the stronger your relationship", "An organization", "An event",
    "A group of people: click it to open it", "Introduced: the arrow points to the person introduced",
    "Recommended: the arrow points to whom it was for", "Works at", "Met at an event",
    "Took part in the same interactions: thicker when more", "Within the last month",
    "Within three months", "Within six months: cooling", "Longer ago, or never",
  };
  guint n_samples = 0;

  for (guint i = 0; i < G_N_ELEMENTS (meanings); i++)
    {
      GtkWidget *label = find_label (GTK_WIDGET (view), meanings[i]);
      GtkWidget *sample;

      g_assert_nonnull (label);
      sample = gtk_widget_get_prev_sibling (label);
      g_assert_true (GTK_IS_DRAWING_AREA (sample));
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (sample)), ==,
                       GTK_ACCESSIBLE_ROLE_PRESENTATION);
      n_samples++;
    }
  g_assert_cmpuint (n_samples, ==, 13);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_view_empty (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = reseau_database_new (path);
  g_autoptr(GError) error = NULL;
  ReseauNetworkView *view = g_object_new (RESEAU_TYPE_NETWORK_VIEW, NULL);
  GtkWidget *window = show_in_window (GTK_WIDGET (view), 600, 400);
  guint loaded = 0;

  g_assert_true (reseau_database_open (database, &error));
  g_assert_no_error (error);

  g_signal_connect (view, "loaded", G_CALLBACK (on_loaded), &loaded);
  reseau_network_view_set_database (view, database, NULL);
  wait_until (is_positive, &loaded, "the network");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find_descendant (GTK_WIDGET (view),
                                                                                  GTK_TYPE_STACK, 0))),
                   ==, "empty");
  g_assert_nonnull (find_label (GTK_WIDGET (view), "No network to draw yet"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&database);
  reseau_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* Labels are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/ui/network/map/hit-test", test_map_hit_test);
  g_test_add_func ("/ui/network/map/keyboard", test_map_keyboard);
  g_test_add_func ("/ui/network/map/gestures", test_map_gestures);
  g_test_add_func ("/ui/network/map/export", test_map_export);
  g_test_add_func ("/ui/network/map/painting", test_map_painting);
  g_test_add_func ("/ui/network/scene/paint", test_scene_paint);
  g_test_add_func ("/ui/network/scene/labels", test_scene_labels);
  g_test_add_func ("/ui/network/avatars", test_avatars);
  ADD ("/ui/network/view/filters", test_view_filters);
  ADD ("/ui/network/view/clusters", test_view_clusters);
  ADD ("/ui/network/view/positions", test_view_positions);
  ADD ("/ui/network/view/photos", test_view_photos);
  g_test_add_func ("/ui/network/view/empty", test_view_empty);
  g_test_add_func ("/ui/network/view/legend", test_view_legend);

  return g_test_run ();
}
