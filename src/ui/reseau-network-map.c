/* reseau-network-map.c — the network drawn: pan, zoom, select, open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the map shows is one picture: edges and node shapes painted into
 * its pixels by reseau-map-raster.c (cairo took 200–600 ms to stroke
 * 10,000 edges here; see that file), then the text through cairo into the
 * same pixels. Edges are sorted once per network by style (kind × recency
 * × width) and nodes by kind and colour, so that what is drawn later wins
 * the same way every time. Whatever lies outside the widget is skipped.
 * Labels are drawn only when the zoom leaves room for them.
 *
 * A picture of 10,000 edges costs 20–40 ms to paint, more than a frame.
 * So the map only describes it (reseau-network-map-draw.c: plain data,
 * quick) and a worker thread paints it (reseau-map-scene.c). Meanwhile,
 * and during a whole drag, pinch or burst of wheel events, each frame
 * shows the last picture moved and scaled to the current view, one
 * texture stretched over a rectangle, as interactive maps do. When a gesture ends, or what
 * the map shows changes (positions while the layout runs, the
 * highlight, the hovered node's label), a new picture is asked for; one
 * is painted at a time, and its end asks for the next if the view moved
 * on. The selection and focus rings are drawn over the picture in every
 * frame, at the current view, so that they stay exact. Hit-testing
 * always follows the current view, never the picture.
 *
 * Beside the drawing, every node on screen has a small child widget
 * (reseau-network-map-node.c) for the keyboard and AT-SPI; they are made
 * and dropped at the start of a frame (continue_sync()) as nodes come
 * into view and leave it, so a zoomed-in map has few of them, and placed
 * in size_allocate. During a gesture they wait for its end; then they
 * are made and dropped over the next frames (SYNC_BUDGET_US a frame).
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "reseau-network-map-internal.h"
#include "reseau-network-map-node.h"

#define FIT_MARGIN        32.0
#define LAYOUT_FRAME_US   (G_USEC_PER_SEC / 30)
/* Wheel events come one a notch with no end event: a burst ends when
 * none has come for this long. */
#define WHEEL_END_MS      150
/* Making or dropping a node widget costs about 0.2 ms (its CSS node, its
 * accessible object); after zooming out, 2,000 of them at once would
 * freeze the map for 400 ms. A frame makes and drops them for this long,
 * the next frames go on. */
#define SYNC_BUDGET_US    4000

G_DEFINE_FINAL_TYPE (ReseauNetworkMap, reseau_network_map, GTK_TYPE_WIDGET)

enum {
  NODE_SELECTED,
  NODE_ACTIVATED,
  LAYOUT_CONVERGED,
  PHOTOS_WANTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Styles --------------------------------------------------------------------------- */

static const ReseauMapColor recency_colors[RESEAU_N_RECENCIES] = {
  { 0.902, 0.380, 0.000 },   /* warm: orange */
  { 0.898, 0.647, 0.039 },   /* recent: amber */
  { 0.604, 0.557, 0.494 },   /* cooling: warm grey */
  { 0.600, 0.600, 0.600 },   /* cold: grey */
};

static const ReseauMapColor organization_color = { 0.208, 0.518, 0.894 };
static const ReseauMapColor event_color = { 0.569, 0.255, 0.675 };
static const ReseauMapColor cluster_color = { 0.149, 0.635, 0.412 };

ReseauRecency
reseau_map_recency (int days_since)
{
  if (days_since < 0)
    return RESEAU_RECENCY_COLD;
  if (days_since <= 30)
    return RESEAU_RECENCY_WARM;
  if (days_since <= 90)
    return RESEAU_RECENCY_RECENT;
  if (days_since <= 180)
    return RESEAU_RECENCY_COOLING;
  return RESEAU_RECENCY_COLD;
}

const ReseauMapColor *
reseau_map_recency_color (ReseauRecency recency)
{
  g_return_val_if_fail (recency < RESEAU_N_RECENCIES, &recency_colors[RESEAU_RECENCY_COLD]);

  return &recency_colors[recency];
}

const ReseauMapColor *
reseau_map_node_color (const ReseauNetworkNode *node)
{
  switch (node->kind)
    {
    case RESEAU_NODE_ORGANIZATION:
      return &organization_color;
    case RESEAU_NODE_EVENT:
      return &event_color;
    case RESEAU_NODE_CLUSTER:
      return &cluster_color;
    case RESEAU_NODE_PERSON:
    default:
      return reseau_map_recency_color (reseau_map_recency (node->days_since));
    }
}

ReseauRasterShape
reseau_map_node_shape (const ReseauNetworkNode *node)
{
  switch (node->kind)
    {
    case RESEAU_NODE_ORGANIZATION:
      return RESEAU_RASTER_ROUNDED_SQUARE;
    case RESEAU_NODE_EVENT:
      return RESEAU_RASTER_DIAMOND;
    case RESEAU_NODE_PERSON:
    case RESEAU_NODE_CLUSTER:
    default:
      return RESEAU_RASTER_DISC;
    }
}

ReseauRasterColor
reseau_map_raster_color (const ReseauMapColor *color,
                         double                alpha)
{
  return (ReseauRasterColor) { color->red, color->green, color->blue, alpha };
}

static guint
width_bucket (guint count)
{
  return count <= 1 ? 0 : count <= 3 ? 1 : 2;
}

double
reseau_map_edge_width (guint count)
{
  static const double widths[N_WIDTHS] = { 1.0, 2.0, 3.5 };

  return widths[width_bucket (count)];
}

gboolean
reseau_map_edge_is_directed (ReseauEdgeKind kind)
{
  return kind == RESEAU_EDGE_INTRODUCED || kind == RESEAU_EDGE_REFERRAL;
}

const double *
reseau_map_edge_dashes (ReseauEdgeKind kind,
                        int           *n_dashes)
{
  static const double referral[] = { 6.0, 3.0 };
  static const double works_at[] = { 2.0, 3.0 };
  static const double met_at[] = { 6.0, 2.0, 1.5, 2.0 };

  switch (kind)
    {
    case RESEAU_EDGE_REFERRAL:
      *n_dashes = G_N_ELEMENTS (referral);
      return referral;
    case RESEAU_EDGE_WORKS_AT:
      *n_dashes = G_N_ELEMENTS (works_at);
      return works_at;
    case RESEAU_EDGE_MET_AT:
      *n_dashes = G_N_ELEMENTS (met_at);
      return met_at;
    case RESEAU_EDGE_INTRODUCED:
    case RESEAU_EDGE_INTERACTION:
    case RESEAU_N_EDGE_KINDS:
    default:
      *n_dashes = 0;
      return NULL;
    }
}

const char *
reseau_network_node_kind_name (ReseauNodeKind kind)
{
  switch (kind)
    {
    case RESEAU_NODE_ORGANIZATION:
      return C_("network node", "Organization");
    case RESEAU_NODE_EVENT:
      return C_("network node", "Event");
    case RESEAU_NODE_CLUSTER:
      return C_("network node", "Group");
    case RESEAU_NODE_PERSON:
    default:
      return C_("network node", "Person");
    }
}

static guint
edge_style (const ReseauNetworkEdge *edge)
{
  return ((guint) edge->kind * RESEAU_N_RECENCIES + reseau_map_recency (edge->days_since)) * N_WIDTHS
         + width_bucket (edge->count);
}

static guint
node_style (const ReseauNetworkNode *node)
{
  guint kind_rank;

  /* Clusters, organizations and events under the people. */
  switch (node->kind)
    {
    case RESEAU_NODE_CLUSTER:
      kind_rank = 0;
      break;
    case RESEAU_NODE_ORGANIZATION:
      kind_rank = 1;
      break;
    case RESEAU_NODE_EVENT:
      kind_rank = 2;
      break;
    case RESEAU_NODE_PERSON:
    default:
      return 3 * RESEAU_N_RECENCIES + reseau_map_recency (node->days_since);
    }

  return kind_rank * RESEAU_N_RECENCIES;
}

/* Sorts indices into buckets, keeping their order inside a bucket. */
static void
bucket_sort (guint        n,
             guint        n_buckets,
             const guint *bucket_of,
             guint       *order,
             guint       *start)
{
  g_autofree guint *fill = g_new0 (guint, n_buckets);

  memset (start, 0, sizeof (guint) * (n_buckets + 1));
  for (guint i = 0; i < n; i++)
    start[bucket_of[i] + 1]++;
  for (guint b = 0; b < n_buckets; b++)
    start[b + 1] += start[b];
  for (guint i = 0; i < n; i++)
    {
      guint b = bucket_of[i];

      order[start[b] + fill[b]++] = i;
    }
}

/* The network ---------------------------------------------------------------------- */

typedef struct
{
  guint  index;
  char  *key;
} TabEntry;

static int
compare_tab_entries (gconstpointer a,
                     gconstpointer b)
{
  const TabEntry *ea = a;
  const TabEntry *eb = b;
  int cmp = strcmp (ea->key, eb->key);

  if (cmp != 0)
    return cmp;
  return ea->index < eb->index ? -1 : ea->index > eb->index;
}

static void
clear_node_widgets (ReseauNetworkMap *self)
{
  for (guint i = 0; i < self->n_nodes; i++)
    if (self->node_widgets[i] != NULL)
      gtk_widget_unparent (self->node_widgets[i]);
}

static void
clear_network (ReseauNetworkMap *self)
{
  if (self->node_widgets != NULL)
    clear_node_widgets (self);
  g_clear_pointer (&self->node_widgets, g_free);
  g_clear_pointer (&self->avatars, reseau_map_avatars_free);
  g_clear_handle_id (&self->photos_wanted_id, g_source_remove);
  g_clear_pointer (&self->photos_wanted, g_array_unref);
  g_clear_pointer (&self->radii, g_free);
  g_clear_pointer (&self->screen, g_free);
  g_clear_pointer (&self->visible, g_free);
  g_clear_pointer (&self->highlight, g_free);
  g_clear_pointer (&self->edge_order, g_free);
  g_clear_pointer (&self->node_order, g_free);
  g_clear_pointer (&self->tab_order, g_free);
  g_clear_pointer (&self->tab_rank, g_free);
  g_clear_pointer (&self->positions, g_array_unref);
  g_clear_pointer (&self->network, reseau_network_unref);
  self->n_nodes = 0;
  self->selected = -1;
  self->hover = -1;
}

static void
invalidate_picture (ReseauNetworkMap *self);

static void
on_photos_decoded (gpointer user_data)
{
  invalidate_picture (user_data);
}

static void
prepare_network (ReseauNetworkMap *self,
                 ReseauNetwork    *network)
{
  guint n_nodes = reseau_network_get_n_nodes (network);
  guint n_edges = reseau_network_get_n_edges (network);
  g_autofree guint *styles = g_new (guint, MAX (n_nodes, n_edges) + 1);
  g_autofree TabEntry *entries = g_new (TabEntry, n_nodes + 1);

  self->network = reseau_network_ref (network);
  self->n_nodes = n_nodes;
  self->radii = g_new (float, n_nodes + 1);
  self->screen = g_new0 (ScreenNode, n_nodes + 1);
  self->visible = g_new0 (guint8, n_nodes + 1);
  self->node_widgets = g_new0 (GtkWidget *, n_nodes + 1);
  self->avatars = reseau_map_avatars_new (n_nodes, on_photos_decoded, self);

  for (guint i = 0; i < n_nodes; i++)
    {
      const ReseauNetworkNode *node = reseau_network_get_node (network, i);

      self->radii[i] = reseau_layout_node_radius (node);
      styles[i] = node_style (node);
      entries[i].index = i;
      entries[i].key = g_utf8_collate_key (node->label != NULL ? node->label : "", -1);
    }

  self->node_order = g_new (guint, n_nodes + 1);
  bucket_sort (n_nodes, N_NODE_STYLES, styles, self->node_order, self->node_style_start);

  qsort (entries, n_nodes, sizeof (TabEntry), compare_tab_entries);
  self->tab_order = g_new (guint, n_nodes + 1);
  self->tab_rank = g_new (guint, n_nodes + 1);
  for (guint i = 0; i < n_nodes; i++)
    {
      self->tab_order[i] = entries[i].index;
      self->tab_rank[entries[i].index] = i;
      g_free (entries[i].key);
    }

  for (guint e = 0; e < n_edges; e++)
    styles[e] = edge_style (reseau_network_get_edge (network, e));
  self->edge_order = g_new (guint, n_edges + 1);
  bucket_sort (n_edges, N_EDGE_STYLES, styles, self->edge_order, self->edge_style_start);
}

/* Geometry ------------------------------------------------------------------------- */

double
reseau_network_map_screen_radius (ReseauNetworkMap *self,
                                  guint             node)
{
  return MAX (self->radii[node] * self->view.zoom, MIN_SCREEN_RADIUS);
}

guint
reseau_network_map_compute_screen (ReseauNetworkMap *self,
                                   double            width,
                                   double            height)
{
  const ReseauPoint *points;
  guint n_visible = 0;

  if (self->positions == NULL)
    return 0;

  points = (const ReseauPoint *) (gpointer) self->positions->data;
  for (guint i = 0; i < self->n_nodes; i++)
    {
      ScreenNode *s = &self->screen[i];

      s->x = (points[i].x - self->view.origin_x) * self->view.zoom;
      s->y = (points[i].y - self->view.origin_y) * self->view.zoom;
      s->r = reseau_network_map_screen_radius (self, i);
      self->visible[i] = s->x + s->r >= 0 && s->x - s->r <= width
                         && s->y + s->r >= 0 && s->y - s->r <= height;
      n_visible += self->visible[i];
    }

  return n_visible;
}

void
reseau_network_map_node_geometry (ReseauNetworkMap *self,
                                  guint             node,
                                  double           *x,
                                  double           *y,
                                  double           *radius)
{
  const ReseauPoint *point;

  g_assert (node < self->n_nodes);

  point = &g_array_index (self->positions, ReseauPoint, node);
  reseau_view_transform_to_screen (&self->view, *point, x, y);
  *radius = reseau_network_map_screen_radius (self, node);
}

gboolean
reseau_network_map_in_gesture (ReseauNetworkMap *self)
{
  return self->dragging || self->pinching || self->wheel_end_id != 0;
}

/* The view moved. During a gesture the next frame reuses the picture and
 * the node widgets wait for the gesture's end (placing 2,000 of them
 * costs up to 30 ms a frame while zooming); otherwise they follow now. */
static void
invalidate_view (ReseauNetworkMap *self)
{
  if (!reseau_network_map_in_gesture (self))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What the picture shows changed (the label of the hovered node, the
 * selection, the colours): a new one is painted, and until then the map
 * shows the one it has. */
static void
invalidate_picture (ReseauNetworkMap *self)
{
  self->content_serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What the map shows changed (positions, the network): the picture is
 * stale even mid-gesture, and the node widgets move. */
static void
invalidate_content (ReseauNetworkMap *self)
{
  invalidate_picture (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* A drag, a pinch or a wheel burst ended: once all have, one full frame
 * and the node widgets placed at the final view. */
static void
gesture_ended (ReseauNetworkMap *self)
{
  if (reseau_network_map_in_gesture (self))
    return;

  /* Also what changed under the picture during the gesture (the label
   * of the node under the pointer). */
  invalidate_content (self);
}

/* Photos ------------------------------------------------------------------------- */

static gboolean
emit_photos_wanted (gpointer user_data)
{
  ReseauNetworkMap *self = user_data;
  g_autoptr(GArray) nodes = g_steal_pointer (&self->photos_wanted);

  self->photos_wanted_id = 0;
  g_signal_emit (self, signals[PHOTOS_WANTED], 0, nodes);

  return G_SOURCE_REMOVE;
}

/* The photos of the people the last scene drew big enough for them are
 * asked for from the main loop: not from inside a snapshot, where a
 * handler must not change the widget. */
void
reseau_network_map_ask_for_photos (ReseauNetworkMap *self)
{
  g_autoptr(GArray) wanted = reseau_map_avatars_take_wanted (self->avatars);

  if (wanted == NULL)
    return;

  if (self->photos_wanted == NULL)
    self->photos_wanted = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (self->photos_wanted, wanted->data, wanted->len);
  if (self->photos_wanted_id == 0)
    self->photos_wanted_id = g_idle_add (emit_photos_wanted, self);
}

/* Node widgets --------------------------------------------------------------------- */

/* Makes the widgets of the nodes on screen and drops those of the nodes
 * off screen (but the focused one), if make is set, and places the
 * widgets there are, if place is. With a deadline (not 0), stops making
 * and dropping at it. Returns FALSE if some widgets are still to make or
 * drop. */
static gboolean
sync_children (ReseauNetworkMap *self,
               int               width,
               int               height,
               gboolean          make,
               gboolean          place,
               gint64            deadline)
{
  GtkWidget *focus_child = gtk_widget_get_focus_child (GTK_WIDGET (self));
  gboolean done = TRUE;

  if (self->network == NULL || self->positions == NULL)
    return TRUE;

  reseau_network_map_compute_screen (self, width, height);

  for (guint i = 0; i < self->n_nodes; i++)
    {
      GtkWidget *child = self->node_widgets[i];
      const ScreenNode *s = &self->screen[i];
      gboolean wrong = self->visible[i] ? child == NULL : child != NULL && child != focus_child;

      if (wrong && (!make || (deadline != 0 && g_get_monotonic_time () >= deadline)))
        {
          done = FALSE;
        }
      else if (wrong && child != NULL)
        {
          gtk_widget_unparent (child);
          self->node_widgets[i] = child = NULL;
        }
      else if (wrong)
        {
          child = reseau_network_map_node_new (i, reseau_network_get_node (self->network, i));
          gtk_widget_set_parent (child, GTK_WIDGET (self));
          self->node_widgets[i] = child;
        }

      if (child != NULL && place)
        {
          GtkAllocation allocation = {
            (int) floor (s->x - s->r), (int) floor (s->y - s->r),
            (int) ceil (2 * s->r), (int) ceil (2 * s->r),
          };

          gtk_widget_size_allocate (child, &allocation, -1);
        }
    }

  return done;
}

void
reseau_network_map_sync_children (ReseauNetworkMap *self)
{
  g_return_if_fail (RESEAU_IS_NETWORK_MAP (self));

  sync_children (self, gtk_widget_get_width (GTK_WIDGET (self)),
                 gtk_widget_get_height (GTK_WIDGET (self)), TRUE, TRUE, 0);
}

/* Node widgets are made and dropped here, at the start of a frame, rather
 * than in size_allocate: a child added while the map is being allocated
 * asks its ancestors for a new size after they were allocated, and GTK
 * then snapshots them without an allocation (seen with AdwViewStack).
 * A frame does SYNC_BUDGET_US of it; a gesture under way leaves it to
 * its end. */
static gboolean
continue_sync (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  ReseauNetworkMap *self = RESEAU_NETWORK_MAP (widget);
  gboolean done;

  if (reseau_network_map_in_gesture (self) || !gtk_widget_get_mapped (widget))
    {
      self->sync_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  done = sync_children (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                        TRUE, FALSE, g_get_monotonic_time () + SYNC_BUDGET_US);
  gtk_widget_queue_allocate (widget);
  if (!done)
    return G_SOURCE_CONTINUE;

  self->sync_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_sync (ReseauNetworkMap *self)
{
  if (self->sync_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->sync_tick_id);
  self->sync_tick_id = 0;
}

/* A map on a hidden page keeps no node widgets: nothing for a screen
 * reader to wander into, nothing to allocate. */
static void
reseau_network_map_unmap (GtkWidget *widget)
{
  ReseauNetworkMap *self = RESEAU_NETWORK_MAP (widget);

  GTK_WIDGET_CLASS (reseau_network_map_parent_class)->unmap (widget);

  /* The picture stays: shown again at once, until a new one is painted. */
  if (self->painting != NULL)
    g_cancellable_cancel (self->painting);
  stop_sync (self);
  /* Unmapping resets the gestures; the wheel's pause is not one. Leaving
   * none under way makes sure the next view change places the node
   * widgets. */
  g_clear_handle_id (&self->wheel_end_id, g_source_remove);
  self->dragging = FALSE;
  self->pinching = FALSE;

  if (self->node_widgets != NULL)
    {
      clear_node_widgets (self);
      memset (self->node_widgets, 0, sizeof (GtkWidget *) * self->n_nodes);
    }
}

/* The colours of text and outlines come from the style. */
static void
reseau_network_map_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (reseau_network_map_parent_class)->css_changed (widget, change);

  invalidate_picture (RESEAU_NETWORK_MAP (widget));
}

static void
reseau_network_map_system_setting_changed (GtkWidget        *widget,
                                           GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (reseau_network_map_parent_class)->system_setting_changed (widget, setting);

  invalidate_picture (RESEAU_NETWORK_MAP (widget));
}

static void
reseau_network_map_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = 120;
  *natural = 480;
}

static void
fit_now (ReseauNetworkMap *self,
         int               width,
         int               height)
{
  if (self->positions == NULL || self->positions->len == 0 || width <= 0 || height <= 0)
    return;

  reseau_view_transform_fit (&self->view, (const ReseauPoint *) (gpointer) self->positions->data,
                             self->positions->len, width, height, FIT_MARGIN);
}

static void
reseau_network_map_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  ReseauNetworkMap *self = RESEAU_NETWORK_MAP (widget);

  if (self->auto_fit)
    fit_now (self, width, height);

  /* Places the node widgets there are; the next frame makes and drops
   * the others (see continue_sync()). */
  if (!sync_children (self, width, height, FALSE, TRUE, 0)
      && self->sync_tick_id == 0 && gtk_widget_get_mapped (widget))
    self->sync_tick_id = gtk_widget_add_tick_callback (widget, continue_sync, NULL, NULL);
}

/* Keyboard ------------------------------------------------------------------------- */

int
reseau_network_map_get_widget_node (ReseauNetworkMap *self,
                                    GtkWidget        *child)
{
  guint index;

  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), -1);

  if (!RESEAU_IS_NETWORK_MAP_NODE (child) || gtk_widget_get_parent (child) != GTK_WIDGET (self))
    return -1;

  index = reseau_network_map_node_get_index (RESEAU_NETWORK_MAP_NODE (child));

  return index < self->n_nodes && self->node_widgets[index] == child ? (int) index : -1;
}

GtkWidget *
reseau_network_map_get_node_widget (ReseauNetworkMap *self,
                                    guint             node)
{
  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), NULL);

  return node < self->n_nodes ? self->node_widgets[node] : NULL;
}

gboolean
reseau_network_map_focus_node (ReseauNetworkMap *self,
                               guint             node)
{
  GtkWidget *child;

  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), FALSE);

  if (node >= self->n_nodes || self->positions == NULL)
    return FALSE;

  if (self->node_widgets[node] == NULL)
    {
      reseau_network_map_center_on (self, node);
      reseau_network_map_sync_children (self);
    }

  child = self->node_widgets[node];
  if (child == NULL)
    return FALSE;

  return gtk_widget_grab_focus (child);
}

/* The nearest node in a direction, in a cone of about ±60° around it
 * first, else anywhere on that side. */
static int
nearest_in_direction (ReseauNetworkMap *self,
                      guint             from,
                      GtkDirectionType  direction)
{
  const ReseauPoint *points = (const ReseauPoint *) (gpointer) self->positions->data;
  double dir_x = 0, dir_y = 0;
  double best_cost[2] = { G_MAXDOUBLE, G_MAXDOUBLE };
  int best[2] = { -1, -1 };

  switch (direction)
    {
    case GTK_DIR_LEFT:
      dir_x = -1;
      break;
    case GTK_DIR_RIGHT:
      dir_x = 1;
      break;
    case GTK_DIR_UP:
      dir_y = -1;
      break;
    case GTK_DIR_DOWN:
      dir_y = 1;
      break;
    case GTK_DIR_TAB_FORWARD:
    case GTK_DIR_TAB_BACKWARD:
    default:
      g_assert_not_reached ();
    }

  for (guint i = 0; i < self->n_nodes; i++)
    {
      double dx = points[i].x - points[from].x;
      double dy = points[i].y - points[from].y;
      double along = dx * dir_x + dy * dir_y;
      double across = fabs (dx * dir_y - dy * dir_x);
      double cost;
      int cone;

      if (i == from || along <= 1e-3)
        continue;

      cone = across <= along * 1.7 ? 0 : 1;
      cost = along + 2 * across;
      if (cost < best_cost[cone])
        {
          best_cost[cone] = cost;
          best[cone] = i;
        }
    }

  return best[0] >= 0 ? best[0] : best[1];
}

/* Where focus lands when it enters the map: the selected node, else the
 * node nearest the middle of the view. */
static int
entry_node (ReseauNetworkMap *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  ReseauPoint centre = reseau_view_transform_to_world (&self->view, width / 2, height / 2);
  const ReseauPoint *points = (const ReseauPoint *) (gpointer) self->positions->data;
  double best = G_MAXDOUBLE;
  int found = -1;

  if (self->selected >= 0)
    return self->selected;

  for (guint i = 0; i < self->n_nodes; i++)
    {
      double dx = points[i].x - centre.x;
      double dy = points[i].y - centre.y;

      if (dx * dx + dy * dy < best)
        {
          best = dx * dx + dy * dy;
          found = i;
        }
    }

  return found;
}

static gboolean
reseau_network_map_focus (GtkWidget        *widget,
                          GtkDirectionType  direction)
{
  ReseauNetworkMap *self = RESEAU_NETWORK_MAP (widget);
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);
  int current = focus_child != NULL ? reseau_network_map_get_widget_node (self, focus_child) : -1;
  int target = -1;

  if (self->leaving || self->n_nodes == 0 || self->positions == NULL)
    return FALSE;

  if (current < 0)
    {
      target = entry_node (self);
    }
  else
    {
      guint rank = self->tab_rank[current];

      switch (direction)
        {
        case GTK_DIR_TAB_FORWARD:
          if (rank + 1 >= self->n_nodes)
            return FALSE;
          target = self->tab_order[rank + 1];
          break;
        case GTK_DIR_TAB_BACKWARD:
          if (rank == 0)
            return FALSE;
          target = self->tab_order[rank - 1];
          break;
        case GTK_DIR_LEFT:
        case GTK_DIR_RIGHT:
        case GTK_DIR_UP:
        case GTK_DIR_DOWN:
        default:
          target = nearest_in_direction (self, current, direction);
          /* Nothing further that way: focus stays on the map. */
          if (target < 0)
            {
              gtk_widget_error_bell (widget);
              return TRUE;
            }
          break;
        }
    }

  if (target < 0)
    return FALSE;

  return reseau_network_map_focus_node (self, target);
}

static void
reseau_network_map_set_focus_child (GtkWidget *widget,
                                    GtkWidget *child)
{
  ReseauNetworkMap *self = RESEAU_NETWORK_MAP (widget);
  int node;

  GTK_WIDGET_CLASS (reseau_network_map_parent_class)->set_focus_child (widget, child);

  /* A node reached with the keyboard comes into view. */
  node = child != NULL ? reseau_network_map_get_widget_node (self, child) : -1;
  if (node >= 0)
    {
      double x, y, r;
      int width = gtk_widget_get_width (widget);
      int height = gtk_widget_get_height (widget);

      reseau_network_map_node_geometry (self, node, &x, &y, &r);
      if (x - r < 0 || y - r < 0 || x + r > width || y + r > height)
        reseau_network_map_center_on (self, node);
    }

  gtk_widget_queue_draw (widget);
}

static gboolean
on_key_pressed (ReseauNetworkMap      *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GdkModifierType modifiers = state & gtk_accelerator_get_default_mod_mask ();

  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      reseau_network_map_zoom (self, 1.25);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      reseau_network_map_zoom (self, 0.8);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      reseau_network_map_fit (self);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if ((modifiers & GDK_CONTROL_MASK) == 0)
        return FALSE;
      /* Ctrl+Tab leaves the map at once instead of going through every
       * node. */
      self->leaving = TRUE;
      gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))),
                              (modifiers & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab
                              ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
      self->leaving = FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

/* Pointer -------------------------------------------------------------------------- */

static int
hit_test_points (ReseauNetworkMap *self,
                 double            x,
                 double            y)
{
  const ReseauPoint *points = (const ReseauPoint *) (gpointer) self->positions->data;

  /* The same rule as reseau_layout_hit_test(), for the frames drawn while
   * the layout runs on its thread. */
  for (guint k = self->n_nodes; k-- > 0;)
    {
      double sx, sy, r = reseau_network_map_screen_radius (self, k);

      reseau_view_transform_to_screen (&self->view, points[k], &sx, &sy);
      if ((sx - x) * (sx - x) + (sy - y) * (sy - y) <= r * r)
        return k;
    }

  return -1;
}

int
reseau_network_map_node_at (ReseauNetworkMap *self,
                            double            x,
                            double            y)
{
  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), -1);

  if (self->positions == NULL || self->n_nodes == 0)
    return -1;

  if (self->layout != NULL)
    return reseau_layout_hit_test (self->layout, &self->view, x, y);

  return hit_test_points (self, x, y);
}

static void
on_drag_begin (ReseauNetworkMap *self,
               double            x,
               double            y,
               GtkGestureDrag   *gesture)
{
  self->drag_origin_x = self->view.origin_x;
  self->drag_origin_y = self->view.origin_y;
  self->panning = FALSE;
}

static void
on_drag_update (ReseauNetworkMap *self,
                double            dx,
                double            dy,
                GtkGestureDrag   *gesture)
{
  if (!self->panning && dx * dx + dy * dy < 9)
    return;

  self->panning = TRUE;
  self->dragging = TRUE;
  self->auto_fit = FALSE;
  self->view.origin_x = self->drag_origin_x - dx / self->view.zoom;
  self->view.origin_y = self->drag_origin_y - dy / self->view.zoom;
  invalidate_view (self);
}

static void
on_drag_end (ReseauNetworkMap *self,
             double            dx,
             double            dy,
             GtkGestureDrag   *gesture)
{
  /* panning stays set: the click's release, which follows, must not
   * select what the drag ended over. */
  if (!self->dragging)
    return;

  self->dragging = FALSE;
  gesture_ended (self);
}

static void
on_click_pressed (ReseauNetworkMap *self,
                  int               n_press,
                  double            x,
                  double            y,
                  GtkGestureClick  *gesture)
{
  int node;

  if (n_press != 2)
    return;

  node = reseau_network_map_node_at (self, x, y);
  if (node >= 0)
    reseau_network_map_node_activated (self, node);
}

static void
on_click_released (ReseauNetworkMap *self,
                   int               n_press,
                   double            x,
                   double            y,
                   GtkGestureClick  *gesture)
{
  if (n_press != 1 || self->panning)
    return;

  reseau_network_map_set_selected (self, reseau_network_map_node_at (self, x, y));
  g_signal_emit (self, signals[NODE_SELECTED], 0, self->selected);
}

static void
on_motion (ReseauNetworkMap         *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  int hover;

  self->pointer_x = x;
  self->pointer_y = y;
  self->has_pointer = TRUE;

  hover = reseau_network_map_node_at (self, x, y);
  if (hover != self->hover)
    {
      self->hover = hover;
      /* The hovered node's label is in the picture. */
      invalidate_picture (self);
    }
}

static void
on_leave (ReseauNetworkMap         *self,
          GtkEventControllerMotion *controller)
{
  self->has_pointer = FALSE;
  if (self->hover >= 0)
    {
      self->hover = -1;
      invalidate_picture (self);
    }
}

static gboolean
on_wheel_end (gpointer user_data)
{
  ReseauNetworkMap *self = user_data;

  self->wheel_end_id = 0;
  gesture_ended (self);

  return G_SOURCE_REMOVE;
}

static gboolean
on_scroll (ReseauNetworkMap         *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  double x = self->has_pointer ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = self->has_pointer ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  /* A wheel notch zooms by 20 %; touchpads scroll in pixels. */
  double step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL ? 0.18 : 0.01;

  if (dy == 0)
    return FALSE;

  g_clear_handle_id (&self->wheel_end_id, g_source_remove);
  self->wheel_end_id = g_timeout_add (WHEEL_END_MS, on_wheel_end, self);
  self->auto_fit = FALSE;
  reseau_view_transform_zoom_at (&self->view, exp (-dy * step), x, y);
  invalidate_view (self);

  return TRUE;
}

static void
on_zoom_begin (ReseauNetworkMap *self,
               GdkEventSequence *sequence,
               GtkGesture       *gesture)
{
  self->last_scale = 1.0;
  self->pinching = TRUE;
}

static void
on_zoom_end (ReseauNetworkMap *self,
             GdkEventSequence *sequence,
             GtkGesture       *gesture)
{
  if (!self->pinching)
    return;

  self->pinching = FALSE;
  gesture_ended (self);
}

static void
on_zoom_scale_changed (ReseauNetworkMap *self,
                       double            scale,
                       GtkGestureZoom   *gesture)
{
  double x, y;

  if (scale <= 0 || self->last_scale <= 0)
    return;

  /* Around the fingers; around the middle when the signal comes from no
   * touch (the benchmark and the tests drive the gesture by its signals,
   * and GTK 4.8 warns when asked for the centre of no points). */
  if (!gtk_gesture_is_active (GTK_GESTURE (gesture))
      || !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }

  self->auto_fit = FALSE;
  reseau_view_transform_zoom_at (&self->view, scale / self->last_scale, x, y);
  self->last_scale = scale;
  invalidate_view (self);
}

static char *
describe_node (const ReseauNetworkNode *node)
{
  GString *text = g_string_new (NULL);
  g_autofree char *escaped = g_markup_escape_text (node->label, -1);

  g_string_append_printf (text, "<b>%s</b>\n%s", escaped, reseau_network_node_kind_name (node->kind));

  if (node->kind == RESEAU_NODE_PERSON)
    {
      g_string_append_c (text, '\n');
      /* Translators: relationship strength on the map's tooltip, 0–100 */
      g_string_append_printf (text, _("Strength %u"), node->strength);
    }
  if (node->kind == RESEAU_NODE_CLUSTER)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("%u member — click to expand",
                                              "%u members — click to expand", node->n_members),
                              node->n_members);
    }
  if (node->days_since >= 0 && node->kind != RESEAU_NODE_CLUSTER)
    {
      g_autofree char *recency = reseau_network_describe_recency (node->days_since);

      g_string_append_c (text, '\n');
      g_string_append (text, recency);
    }

  return g_string_free (text, FALSE);
}

static gboolean
reseau_network_map_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_tooltip,
                                  GtkTooltip *tooltip)
{
  ReseauNetworkMap *self = RESEAU_NETWORK_MAP (widget);
  g_autofree char *markup = NULL;
  int node;
  double sx, sy, r;

  if (keyboard_tooltip)
    {
      GtkWidget *focus_child = gtk_widget_get_focus_child (widget);

      node = focus_child != NULL ? reseau_network_map_get_widget_node (self, focus_child) : -1;
    }
  else
    {
      node = reseau_network_map_node_at (self, x, y);
    }

  if (node < 0)
    return FALSE;

  markup = describe_node (reseau_network_get_node (self->network, node));
  gtk_tooltip_set_markup (tooltip, markup);
  reseau_network_map_node_geometry (self, node, &sx, &sy, &r);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { sx - r, sy - r, 2 * r, 2 * r });

  return TRUE;
}

/* Layout runs ---------------------------------------------------------------------- */

struct _Run
{
  GWeakRef      map;
  ReseauLayout *layout;
  gboolean      orphan;   /* the map moved on: free the layout at the end */
};

static void
on_layout_positions (GArray   *positions,
                     gpointer  user_data)
{
  Run *run = user_data;
  g_autoptr(GArray) owned = positions;
  g_autoptr(ReseauNetworkMap) self = NULL;

  if (run->orphan)
    return;

  self = g_weak_ref_get (&run->map);
  if (self == NULL || owned->len != self->n_nodes)
    return;

  g_clear_pointer (&self->positions, g_array_unref);
  self->positions = g_steal_pointer (&owned);
  invalidate_content (self);
}

static void
copy_layout_positions (ReseauNetworkMap *self)
{
  const ReseauPoint *points = reseau_layout_get_positions (self->layout);

  g_clear_pointer (&self->positions, g_array_unref);
  self->positions = g_array_sized_new (FALSE, FALSE, sizeof (ReseauPoint), self->n_nodes);
  g_array_append_vals (self->positions, points, self->n_nodes);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(ReseauNetworkMap) self = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done;

  done = reseau_layout_run_finish (run->layout, result, &error);
  if (!done && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The network could not be laid out: %s", error->message);

  self = g_weak_ref_get (&run->map);
  if (run->orphan || self == NULL)
    {
      reseau_layout_free (run->layout);
    }
  else
    {
      g_assert (self->run == run);
      self->run = NULL;
      self->layout = run->layout;
      copy_layout_positions (self);
      invalidate_content (self);
      if (done)
        g_signal_emit (self, signals[LAYOUT_CONVERGED], 0);
    }

  g_weak_ref_clear (&run->map);
  g_free (run);
}

static void
stop_run (ReseauNetworkMap *self)
{
  if (self->run == NULL)
    return;

  self->run->orphan = TRUE;
  self->run = NULL;
  g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
}

void
reseau_network_map_run_layout (ReseauNetworkMap *self)
{
  Run *run;

  g_return_if_fail (RESEAU_IS_NETWORK_MAP (self));
  g_return_if_fail (self->run == NULL);

  if (self->layout == NULL)
    return;

  run = g_new0 (Run, 1);
  g_weak_ref_init (&run->map, self);
  run->layout = g_steal_pointer (&self->layout);
  self->run = run;
  g_clear_object (&self->run_cancellable);
  self->run_cancellable = g_cancellable_new ();

  reseau_layout_run_async (run->layout, LAYOUT_FRAME_US, on_layout_positions, run,
                           self->run_cancellable, run_cb, run);
}

gboolean
reseau_network_map_is_running (ReseauNetworkMap *self)
{
  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), FALSE);

  return self->run != NULL;
}

/* Public API ----------------------------------------------------------------------- */

void
reseau_network_map_set_layout (ReseauNetworkMap *self,
                               ReseauLayout     *layout)
{
  g_return_if_fail (RESEAU_IS_NETWORK_MAP (self));

  stop_run (self);
  if (self->layout != NULL && self->layout != layout)
    reseau_layout_free (self->layout);
  self->layout = NULL;
  clear_network (self);

  if (layout != NULL)
    {
      self->layout = layout;
      prepare_network (self, reseau_layout_get_network (layout));
      copy_layout_positions (self);
    }

  self->auto_fit = TRUE;
  invalidate_content (self);
}

ReseauLayout *
reseau_network_map_get_layout (ReseauNetworkMap *self)
{
  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), NULL);

  return self->layout;
}

ReseauNetwork *
reseau_network_map_get_network (ReseauNetworkMap *self)
{
  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), NULL);

  return self->network;
}

const ReseauPoint *
reseau_network_map_get_positions (ReseauNetworkMap *self,
                                  guint            *n_positions)
{
  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), NULL);

  if (n_positions != NULL)
    *n_positions = self->positions != NULL ? self->positions->len : 0;

  return self->positions != NULL ? (const ReseauPoint *) (gpointer) self->positions->data : NULL;
}

void
reseau_network_map_get_view (ReseauNetworkMap    *self,
                             ReseauViewTransform *view)
{
  g_return_if_fail (RESEAU_IS_NETWORK_MAP (self));
  g_return_if_fail (view != NULL);

  *view = self->view;
}

void
reseau_network_map_set_view (ReseauNetworkMap          *self,
                             const ReseauViewTransform *view)
{
  g_return_if_fail (RESEAU_IS_NETWORK_MAP (self));
  g_return_if_fail (view != NULL);

  self->view = *view;
  self->view.zoom = CLAMP (self->view.zoom, RESEAU_VIEW_MIN_ZOOM, RESEAU_VIEW_MAX_ZOOM);
  self->auto_fit = FALSE;
  invalidate_view (self);
}

void
reseau_network_map_fit (ReseauNetworkMap *self)
{
  g_return_if_fail (RESEAU_IS_NETWORK_MAP (self));

  fit_now (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  /* Fitting before the first allocation waits for it. */
  self->auto_fit = gtk_widget_get_width (GTK_WIDGET (self)) <= 0;
  invalidate_view (self);
}

void
reseau_network_map_zoom (ReseauNetworkMap *self,
                         double            factor)
{
  g_return_if_fail (RESEAU_IS_NETWORK_MAP (self));

  self->auto_fit = FALSE;
  reseau_view_transform_zoom_at (&self->view, factor,
                                 gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                 gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
  invalidate_view (self);
}

void
reseau_network_map_center_on (ReseauNetworkMap *self,
                              guint             node)
{
  const ReseauPoint *point;

  g_return_if_fail (RESEAU_IS_NETWORK_MAP (self));

  if (self->positions == NULL || node >= self->n_nodes)
    return;

  point = &g_array_index (self->positions, ReseauPoint, node);
  self->auto_fit = FALSE;
  self->view.origin_x = point->x - gtk_widget_get_width (GTK_WIDGET (self)) / (2 * self->view.zoom);
  self->view.origin_y = point->y - gtk_widget_get_height (GTK_WIDGET (self)) / (2 * self->view.zoom);
  invalidate_view (self);
}

int
reseau_network_map_get_selected (ReseauNetworkMap *self)
{
  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), -1);

  return self->selected;
}

void
reseau_network_map_set_selected (ReseauNetworkMap *self,
                                 int               node)
{
  g_return_if_fail (RESEAU_IS_NETWORK_MAP (self));

  if (node < 0 || (guint) node >= self->n_nodes)
    node = -1;
  if (node == self->selected)
    return;

  self->selected = node;
  /* The selected node's label is in the picture. */
  invalidate_picture (self);
}

void
reseau_network_map_node_select (ReseauNetworkMap *self,
                                guint             node)
{
  reseau_network_map_set_selected (self, node);
  g_signal_emit (self, signals[NODE_SELECTED], 0, self->selected);
}

void
reseau_network_map_node_activated (ReseauNetworkMap *self,
                                   guint             node)
{
  reseau_network_map_set_selected (self, node);
  g_signal_emit (self, signals[NODE_ACTIVATED], 0, (int) node);
}

void
reseau_network_map_set_photos (ReseauNetworkMap *self,
                               GArray           *nodes,
                               GPtrArray        *photos)
{
  g_return_if_fail (RESEAU_IS_NETWORK_MAP (self));
  g_return_if_fail (nodes != NULL && photos != NULL && nodes->len == photos->len);

  if (self->avatars != NULL)
    reseau_map_avatars_add_photos (self->avatars, nodes, photos);
}

void
reseau_network_map_set_highlight (ReseauNetworkMap *self,
                                  GArray           *matches)
{
  g_return_if_fail (RESEAU_IS_NETWORK_MAP (self));

  g_clear_pointer (&self->highlight, g_free);
  if (matches != NULL && matches->len > 0 && self->n_nodes > 0)
    {
      self->highlight = g_new0 (guint8, self->n_nodes);
      for (guint k = 0; k < matches->len; k++)
        {
          guint i = g_array_index (matches, guint, k);

          if (i < self->n_nodes)
            self->highlight[i] = TRUE;
        }
    }

  invalidate_picture (self);
}

gboolean
reseau_network_map_is_highlighted (ReseauNetworkMap *self,
                                   guint             node)
{
  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), FALSE);

  return self->highlight != NULL && node < self->n_nodes && self->highlight[node];
}

GtkWidget *
reseau_network_map_new (void)
{
  return g_object_new (RESEAU_TYPE_NETWORK_MAP, NULL);
}

/* GObject -------------------------------------------------------------------------- */

static void
reseau_network_map_dispose (GObject *object)
{
  ReseauNetworkMap *self = RESEAU_NETWORK_MAP (object);

  stop_run (self);
  g_clear_handle_id (&self->wheel_end_id, g_source_remove);
  stop_sync (self);
  /* The painting holds a reference on the map: finalize frees its text. */
  if (self->painting != NULL)
    g_cancellable_cancel (self->painting);
  reseau_network_map_drop_picture (self);
  g_clear_pointer (&self->layout, reseau_layout_free);
  clear_network (self);

  G_OBJECT_CLASS (reseau_network_map_parent_class)->dispose (object);
}

static void
reseau_network_map_finalize (GObject *object)
{
  ReseauNetworkMap *self = RESEAU_NETWORK_MAP (object);

  g_clear_pointer (&self->painter_text, reseau_map_text_cache_free);

  G_OBJECT_CLASS (reseau_network_map_parent_class)->finalize (object);
}

static void
reseau_network_map_class_init (ReseauNetworkMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_network_map_dispose;
  object_class->finalize = reseau_network_map_finalize;

  widget_class->snapshot = reseau_network_map_snapshot;
  widget_class->measure = reseau_network_map_measure;
  widget_class->size_allocate = reseau_network_map_size_allocate;
  widget_class->unmap = reseau_network_map_unmap;
  widget_class->css_changed = reseau_network_map_css_changed;
  widget_class->system_setting_changed = reseau_network_map_system_setting_changed;
  widget_class->focus = reseau_network_map_focus;
  widget_class->set_focus_child = reseau_network_map_set_focus_child;
  widget_class->query_tooltip = reseau_network_map_query_tooltip;

  signals[NODE_SELECTED] = g_signal_new ("node-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[NODE_ACTIVATED] = g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[LAYOUT_CONVERGED] = g_signal_new ("layout-converged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PHOTOS_WANTED] = g_signal_new ("photos-wanted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);

  gtk_widget_class_set_css_name (widget_class, "networkmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
reseau_network_map_init (ReseauNetworkMap *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *drag, *click, *zoom;
  GtkEventController *motion, *scroll, *key;

  self->selected = -1;
  self->hover = -1;
  self->view.zoom = 1.0;
  self->auto_fit = TRUE;

  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_focusable (widget, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Network map"),
                                  -1);

  drag = gtk_gesture_drag_new ();
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (zoom, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect_swapped (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  g_signal_connect_swapped (zoom, "end", G_CALLBACK (on_zoom_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (zoom));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, motion);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, scroll);

  key = gtk_event_controller_key_new ();
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (widget, key);
}
