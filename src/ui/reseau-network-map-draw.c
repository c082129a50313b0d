/* reseau-network-map-draw.c — the map's pictures: described here, painted
 * on a worker thread, shown moved to the view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See reseau-network-map.c for why pictures are painted off the main
 * thread and reused during gestures.
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "reseau-map-raster.h"
#include "reseau-network-map-internal.h"

static const ReseauMapColor highlight_color = { 0.965, 0.827, 0.176 };
static const ReseauMapColor selected_color = { 0.110, 0.443, 0.847 };

/* The picture --------------------------------------------------------------------- */

void
reseau_network_map_drop_picture (ReseauNetworkMap *self)
{
  g_clear_pointer (&self->picture, cairo_surface_destroy);
  g_clear_object (&self->picture_texture);
}

static gboolean
segment_visible (const ScreenNode *a,
                 const ScreenNode *b,
                 double            width,
                 double            height)
{
  return !(MAX (a->x, b->x) < 0 || MIN (a->x, b->x) > width
           || MAX (a->y, b->y) < 0 || MIN (a->y, b->y) > height);
}

/* The edges on screen in style order into layer: all of them, or with a
 * highlight those between two highlighted nodes (dimmed: the others). */
static void
add_edges (ReseauNetworkMap *self,
           ReseauSceneLayer *layer,
           double            scale,
           double            width,
           double            height,
           gboolean          dimmed)
{
  double alpha = dimmed ? 0.12 : 0.65;
  ReseauSceneEdgeStyle *styles;

  g_array_set_size (layer->edge_styles, N_EDGE_STYLES);
  styles = (ReseauSceneEdgeStyle *) (gpointer) layer->edge_styles->data;

  for (guint style = 0; style < N_EDGE_STYLES; style++)
    {
      guint start = self->edge_style_start[style];
      guint end = self->edge_style_start[style + 1];
      ReseauEdgeKind kind = style / (RESEAU_N_RECENCIES * N_WIDTHS);
      ReseauRecency recency = (style / N_WIDTHS) % RESEAU_N_RECENCIES;
      gboolean directed = reseau_map_edge_is_directed (kind);
      double line_width;

      styles[style].color = reseau_map_raster_color (reseau_map_recency_color (recency), alpha);
      styles[style].n_dashes = 0;
      if (start == end)
        continue;

      line_width = reseau_map_edge_width (reseau_network_get_edge (self->network,
                                                                    self->edge_order[start])->count);

      for (guint k = start; k < end; k++)
        {
          const ReseauNetworkEdge *edge = reseau_network_get_edge (self->network, self->edge_order[k]);
          const ScreenNode *a = &self->screen[edge->source];
          const ScreenNode *b = &self->screen[edge->target];
          ReseauSceneEdge item = {
            a->x * scale, a->y * scale, b->x * scale, b->y * scale, line_width * scale, style, FALSE,
          };
          double dx, dy, length, size, ux, uy, tip_x, tip_y;

          if (!segment_visible (a, b, width, height))
            continue;
          if (self->highlight != NULL
              && dimmed == (self->highlight[edge->source] && self->highlight[edge->target]))
            continue;

          /* An arrowhead where a directed edge meets its target. */
          dx = b->x - a->x;
          dy = b->y - a->y;
          length = sqrt (dx * dx + dy * dy);
          size = 5.0 + 2.0 * line_width;
          if (directed && length >= b->r + size * 2)
            {
              ux = dx / length;
              uy = dy / length;
              tip_x = b->x - ux * (b->r + 1.5);
              tip_y = b->y - uy * (b->r + 1.5);
              item.arrow = TRUE;
              item.arrow_points[0] = tip_x * scale;
              item.arrow_points[1] = tip_y * scale;
              item.arrow_points[2] = (tip_x - ux * size - uy * size * 0.5) * scale;
              item.arrow_points[3] = (tip_y - uy * size + ux * size * 0.5) * scale;
              item.arrow_points[4] = (tip_x - ux * size + uy * size * 0.5) * scale;
              item.arrow_points[5] = (tip_y - uy * size - ux * size * 0.5) * scale;
            }

          g_array_append_val (layer->edges, item);
        }
    }

  layer->hairlines = layer->edges->len > MAX_DASHED_EDGES;
  for (guint style = 0; !layer->hairlines && style < N_EDGE_STYLES; style++)
    {
      ReseauEdgeKind kind = style / (RESEAU_N_RECENCIES * N_WIDTHS);
      const double *pattern = reseau_map_edge_dashes (kind, &styles[style].n_dashes);

      styles[style].n_dashes = MIN (styles[style].n_dashes, (int) G_N_ELEMENTS (styles[style].dashes));
      for (int d = 0; d < styles[style].n_dashes; d++)
        styles[style].dashes[d] = pattern[d] * scale;
    }
}

/* The nodes on screen, in style order, into layer (as add_edges()). */
static void
add_nodes (ReseauNetworkMap *self,
           ReseauSceneLayer *layer,
           double            scale,
           gboolean          dimmed)
{
  double alpha = dimmed ? 0.25 : 1.0;

  for (guint k = 0; k < self->n_nodes; k++)
    {
      guint i = self->node_order[k];
      const ScreenNode *s = &self->screen[i];
      const ReseauNetworkNode *node;
      ReseauSceneNode item;

      if (!self->visible[i])
        continue;
      if (self->highlight != NULL && dimmed == self->highlight[i])
        continue;

      node = reseau_network_get_node (self->network, i);
      item = (ReseauSceneNode) {
        s->x * scale, s->y * scale, s->r * scale, reseau_map_node_shape (node),
        reseau_map_raster_color (reseau_map_node_color (node), alpha),
      };
      g_array_append_val (layer->nodes, item);
    }
}

static ReseauSceneRing
make_ring (ReseauNetworkMap     *self,
           double                scale,
           double                x,
           double                y,
           guint                 i,
           const ReseauMapColor *color,
           double                alpha,
           double                gap,
           double                line_width,
           double                dash)
{
  return (ReseauSceneRing) {
    x * scale, y * scale, (reseau_network_map_screen_radius (self, i) + gap) * scale,
    line_width * scale, dash * scale,
    reseau_map_node_shape (reseau_network_get_node (self->network, i)), reseau_map_raster_color (color, alpha),
  };
}

/* Initials (or the photo) on the nodes drawn big enough. Text is the
 * slowest thing painted: with many nodes on screen, only the bigger ones
 * get initials. */
static void
add_initials (ReseauNetworkMap *self,
              ReseauMapScene   *scene,
              guint             n_visible)
{
  for (guint i = 0; i < self->n_nodes; i++)
    {
      const ScreenNode *s = &self->screen[i];
      const ReseauNetworkNode *node;
      double alpha = self->highlight != NULL && !self->highlight[i] ? 0.3 : 1.0;
      cairo_surface_t *photo;
      g_autofree char *count = NULL;

      if (!self->visible[i] || s->r < INITIALS_MIN_RADIUS
          || (n_visible > 2 * MAX_LABELS && s->r < 2 * INITIALS_MIN_RADIUS))
        continue;

      node = reseau_network_get_node (self->network, i);
      if (node->kind != RESEAU_NODE_PERSON && node->kind != RESEAU_NODE_CLUSTER)
        continue;

      photo = reseau_map_avatars_get (self->avatars, i, node->has_photo);
      if (node->kind == RESEAU_NODE_CLUSTER)
        count = g_strdup_printf ("%u", node->n_members);
      if (photo != NULL)
        reseau_map_scene_add_avatar (scene, photo, s->x, s->y, s->r, alpha);
      else
        reseau_map_scene_add_text (scene, RESEAU_SCENE_INITIALS, count != NULL ? count : node->initials,
                                   s->x, s->y, alpha, TRUE);
    }
}

typedef struct
{
  guint  node;
  guint  rank;     /* 0 first: selected or hovered, highlighted, the rest */
  float  radius;
} LabelCandidate;

static int
compare_label_candidates (gconstpointer a,
                          gconstpointer b)
{
  const LabelCandidate *ca = a;
  const LabelCandidate *cb = b;

  if (ca->rank != cb->rank)
    return ca->rank < cb->rank ? -1 : 1;
  if (ca->radius != cb->radius)
    return ca->radius > cb->radius ? -1 : 1;
  return ca->node < cb->node ? -1 : ca->node > cb->node;
}

/* Names under the nodes with room for them, and always under the
 * selected, hovered and highlighted ones. They go in the scene most
 * important first, the bigger nodes before the smaller: the painter
 * leaves out a name that would cover one already painted (it alone
 * knows how wide a name is), but never the selected or hovered one. */
static void
add_labels (ReseauNetworkMap *self,
            ReseauMapScene   *scene,
            guint             n_visible)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (LabelCandidate));

  for (guint i = 0; i < self->n_nodes; i++)
    {
      const ScreenNode *s = &self->screen[i];
      gboolean pointed = (int) i == self->selected || (int) i == self->hover;
      gboolean highlighted = self->highlight != NULL && self->highlight[i];
      LabelCandidate candidate = { i, pointed ? 0 : highlighted ? 1 : 2, s->r };

      if (!self->visible[i])
        continue;
      if (pointed || highlighted
          || (s->r >= LABEL_MIN_RADIUS && (n_visible <= MAX_LABELS || s->r >= 3 * LABEL_MIN_RADIUS)))
        g_array_append_val (candidates, candidate);
    }

  g_array_sort (candidates, compare_label_candidates);

  for (guint k = 0; k < MIN (candidates->len, MAX_LABELS); k++)
    {
      const LabelCandidate *candidate = &g_array_index (candidates, LabelCandidate, k);
      const ScreenNode *s = &self->screen[candidate->node];
      const ReseauNetworkNode *node = reseau_network_get_node (self->network, candidate->node);
      double alpha = self->highlight != NULL && !self->highlight[candidate->node] ? 0.3 : 1.0;

      reseau_map_scene_add_text (scene, RESEAU_SCENE_LABEL, node->label, s->x,
                                 s->y + s->r * (node->kind == RESEAU_NODE_EVENT ? 1.2 : 1.0) + 2, alpha,
                                 candidate->rank == 0);
    }
}

/* What a picture of the current view shows, width × height at scale: the
 * edges and nodes (with a highlight, the others dimmed under them), the
 * highlight rings and the text. */
static ReseauMapScene *
make_scene (ReseauNetworkMap *self,
            int               width,
            int               height,
            int               scale)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const cairo_font_options_t *font_options = pango_cairo_context_get_font_options (context);
  ReseauMapScene *scene = reseau_map_scene_new (width, height, scale);
  GdkRGBA fg;
  guint n_visible;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  scene->text_color[0] = fg.red;
  scene->text_color[1] = fg.green;
  scene->text_color[2] = fg.blue;
  scene->text_color[3] = fg.alpha;
  /* The outline separates nodes from the edges under them: the
   * background's colour, guessed from the text's (dark text, light
   * background). */
  if (fg.red + fg.green + fg.blue > 1.5)
    scene->outline = (ReseauRasterColor) { 0.14, 0.14, 0.14, 0.9 };
  else
    scene->outline = (ReseauRasterColor) { 1, 1, 1, 0.9 };
  scene->font = pango_font_description_copy (pango_context_get_font_description (context));
  if (font_options != NULL)
    scene->font_options = cairo_font_options_copy (font_options);
  scene->resolution = pango_cairo_context_get_resolution (context);

  n_visible = reseau_network_map_compute_screen (self, width, height);
  if (self->highlight != NULL)
    {
      add_edges (self, &scene->layers[0], scale, width, height, TRUE);
      add_nodes (self, &scene->layers[0], scale, TRUE);
    }
  add_edges (self, &scene->layers[1], scale, width, height, FALSE);
  add_nodes (self, &scene->layers[1], scale, FALSE);

  for (guint i = 0; self->highlight != NULL && i < self->n_nodes; i++)
    if (self->visible[i] && self->highlight[i])
      {
        ReseauSceneRing ring = make_ring (self, scale, self->screen[i].x, self->screen[i].y, i,
                                          &highlight_color, 1.0, 2.5, 3.0, 0);

        g_array_append_val (scene->rings, ring);
      }

  add_initials (self, scene, n_visible);
  add_labels (self, scene, n_visible);

  return scene;
}

/* Appends the pixels of surface (from reseau_map_new_pixels(), at the
 * widget's scale factor, width × height in widget units) stretched over
 * the rectangle to. texture, when not NULL, keeps the texture made for a
 * GL renderer so that the next frame reuses it (and its upload).
 *
 * The rectangle carries the move and the scale rather than
 * gtk_snapshot_translate() and gtk_snapshot_scale(): under those, GTK 4.8
 * drew the cairo node far from where the same transform puts a texture
 * (seen with the cairo renderer), and a texture node needs nothing more
 * than its rectangle. */
static void
append_pixels (ReseauNetworkMap      *self,
               GtkSnapshot           *snapshot,
               cairo_surface_t       *surface,
               GdkTexture           **texture,
               int                    width,
               int                    height,
               const graphene_rect_t *to)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean stretched = to->size.width != width || to->size.height != height;
  gboolean moved = stretched || to->origin.x != 0 || to->origin.y != 0;

  /* The cairo renderer paints a moving cairo node's surface as it is; a
   * texture would be copied twice more on its way (4 MB each for a big
   * window). A GL renderer uploads a texture directly. A picture that
   * stays in place is a texture for both: the same texture as in the
   * last frame tells GSK that nothing changed there, and the frames that
   * only add or place node widgets redraw nothing. */
  if (moved && GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (gtk_widget_get_native (widget))))
    {
      graphene_rect_t bounds;
      cairo_t *cr;

      /* The widget clips what lies outside it: no need to record it. */
      if (!graphene_rect_intersection (to, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                                gtk_widget_get_height (widget)),
                                       &bounds))
        return;

      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      cairo_translate (cr, to->origin.x, to->origin.y);
      if (stretched)
        cairo_scale (cr, to->size.width / width, to->size.height / height);
      cairo_set_source_surface (cr, surface, 0, 0);
      /* cairo's default filter shrinks with a box filter, several times
       * slower than bilinear; a moving picture shows no difference. */
      if (stretched)
        cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  else
    {
      g_autoptr(GdkTexture) made = NULL;

      if (texture == NULL || *texture == NULL)
        {
          int stride = cairo_image_surface_get_stride (surface);
          int rows = cairo_image_surface_get_height (surface);
          g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                                                (gsize) stride * rows,
                                                                (GDestroyNotify) cairo_surface_destroy,
                                                                cairo_surface_reference (surface));

          made = gdk_memory_texture_new (cairo_image_surface_get_width (surface), rows,
                                         GDK_MEMORY_DEFAULT, bytes, stride);
          if (texture != NULL)
            *texture = g_object_ref (made);
        }

      gtk_snapshot_append_texture (snapshot, made != NULL ? made : *texture, to);
    }
}

/* What a picture shows: the view, the content (content_serial) and the
 * size it was painted for. */
static void
get_picture_state (ReseauNetworkMap *self,
                   PictureState     *state)
{
  GtkWidget *widget = GTK_WIDGET (self);

  *state = (PictureState) {
    self->view, self->content_serial,
    gtk_widget_get_width (widget), gtk_widget_get_height (widget), gtk_widget_get_scale_factor (widget),
  };
}

static gboolean
same_picture_state (const PictureState *a,
                    const PictureState *b)
{
  return a->view.zoom == b->view.zoom && a->view.origin_x == b->view.origin_x
         && a->view.origin_y == b->view.origin_y && a->serial == b->serial
         && a->width == b->width && a->height == b->height && a->scale == b->scale;
}

static void
set_picture (ReseauNetworkMap   *self,
             cairo_surface_t    *surface,
             const PictureState *state)
{
  reseau_network_map_drop_picture (self);
  self->picture = surface;
  self->picture_state = *state;
}

static void
picture_painted_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ReseauNetworkMap *self = RESEAU_NETWORK_MAP (object);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  gboolean cancelled;
  PictureState now;
  gint64 elapsed_us = 0;

  surface = reseau_map_scene_paint_finish (result, &elapsed_us, &error);
  cancelled = g_cancellable_is_cancelled (self->painting);
  g_clear_object (&self->painting);
  if (surface == NULL || cancelled)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      /* Unmapped then mapped again while this was painting: the picture
       * wanted since then is still to paint. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  self->n_pictures_painted++;
  self->last_paint_us = elapsed_us;

  /* Painted again meanwhile, and up to date (an export does that). */
  get_picture_state (self, &now);
  if (self->picture != NULL && same_picture_state (&self->picture_state, &now))
    {
      cairo_surface_destroy (surface);
      return;
    }

  set_picture (self, surface, &self->painting_state);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Starts painting a picture of state, unless one is being painted: that
 * one's end draws a frame, which asks again if needed. */
static void
request_picture (ReseauNetworkMap   *self,
                 const PictureState *state)
{
  ReseauMapScene *scene;

  if (self->painting != NULL)
    return;

  if (self->painter_text == NULL)
    self->painter_text = reseau_map_text_cache_new ();

  scene = make_scene (self, state->width, state->height, state->scale);
  reseau_network_map_ask_for_photos (self);
  self->painting_state = *state;
  self->painting = g_cancellable_new ();
  reseau_map_scene_paint_async (scene, self->painter_text, self, self->painting,
                                picture_painted_cb, NULL);
}

gboolean
reseau_network_map_paint_now (ReseauNetworkMap *self)
{
  ReseauMapTextCache *text;
  g_autoptr(ReseauMapScene) scene = NULL;
  PictureState now;

  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), FALSE);

  get_picture_state (self, &now);
  if (self->network == NULL || self->positions == NULL || now.width <= 0 || now.height <= 0
      || (self->picture != NULL && same_picture_state (&self->picture_state, &now)))
    return FALSE;

  /* Not the worker's text: it may be painting with it right now. */
  text = reseau_map_text_cache_new ();
  scene = make_scene (self, now.width, now.height, now.scale);
  reseau_network_map_ask_for_photos (self);
  set_picture (self, reseau_map_scene_paint (scene, text), &now);
  reseau_map_text_cache_free (text);
  /* The render node GTK keeps from the last frame is stale. */
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return TRUE;
}

gboolean
reseau_network_map_has_current_picture (ReseauNetworkMap *self)
{
  PictureState now;

  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), FALSE);

  get_picture_state (self, &now);

  return self->picture != NULL && same_picture_state (&self->picture_state, &now);
}

guint
reseau_network_map_get_paint_stats (ReseauNetworkMap *self,
                                    gint64           *last_paint_us)
{
  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), 0);

  if (last_paint_us != NULL)
    *last_paint_us = self->last_paint_us;

  return self->n_pictures_painted;
}

/* A ring around a node at the current view, in pixels of its own over
 * the picture: the selection and the focus stay exact while the picture
 * under them is moved and scaled. */
static void
append_ring (ReseauNetworkMap     *self,
             GtkSnapshot          *snapshot,
             int                   scale,
             guint                 i,
             const ReseauMapColor *color,
             double                alpha,
             double                gap,
             double                line_width,
             double                dash)
{
  ReseauSceneRing ring;
  cairo_surface_t *surface;
  ReseauRaster raster;
  double x, y, r, reach;
  int left, top, size;

  reseau_network_map_node_geometry (self, i, &x, &y, &r);
  /* Diamonds reach 1.2 radii from their centre. */
  reach = (r + gap) * 1.25 + line_width + 2;
  if (x + reach < 0 || y + reach < 0
      || x - reach > gtk_widget_get_width (GTK_WIDGET (self))
      || y - reach > gtk_widget_get_height (GTK_WIDGET (self)))
    return;

  left = (int) floor (x - reach);
  top = (int) floor (y - reach);
  size = (int) ceil (2 * reach) + 1;
  ring = make_ring (self, scale, x - left, y - top, i, color, alpha, gap, line_width, dash);
  surface = reseau_map_new_pixels (&raster, size * scale, size * scale);
  reseau_raster_ring (&raster, ring.shape, ring.x, ring.y, ring.radius, ring.line_width, &ring.color,
                      ring.dash);
  cairo_surface_mark_dirty (surface);
  cairo_surface_set_device_scale (surface, scale, scale);
  append_pixels (self, snapshot, surface, NULL, size, size, &GRAPHENE_RECT_INIT (left, top, size, size));
  cairo_surface_destroy (surface);
}

/* The picture, moved to the view; a new one is painted when it is stale,
 * but during a gesture (its end asks for one). */
void
reseau_network_map_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  ReseauNetworkMap *self = RESEAU_NETWORK_MAP (widget);
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);
  const PictureState *drawn = &self->picture_state;
  PictureState now;

  get_picture_state (self, &now);
  if (self->network == NULL || self->positions == NULL || self->n_nodes == 0
      || now.width <= 0 || now.height <= 0)
    return;

  if (self->picture == NULL || (!same_picture_state (drawn, &now) && !reseau_network_map_in_gesture (self)))
    request_picture (self, &now);

  /* A world point drawn at (p − o′) z′ in the picture belongs at
   * (p − o) z now: the picture scaled by z / z′ after a move of
   * (o′ − o) z. */
  if (self->picture != NULL)
    {
      double k = self->view.zoom / drawn->view.zoom;

      append_pixels (self, snapshot, self->picture, &self->picture_texture, drawn->width, drawn->height,
                     &GRAPHENE_RECT_INIT ((drawn->view.origin_x - self->view.origin_x) * self->view.zoom,
                                          (drawn->view.origin_y - self->view.origin_y) * self->view.zoom,
                                          drawn->width * k, drawn->height * k));
    }

  if (self->selected >= 0)
    append_ring (self, snapshot, now.scale, self->selected, &selected_color, 1.0, 3.0, 3.0, 0);

  if (focus_child != NULL && gtk_widget_has_visible_focus (focus_child))
    {
      GtkStyleContext *style = gtk_widget_get_style_context (widget);
      int node = reseau_network_map_get_widget_node (self, focus_child);
      ReseauMapColor fg_color;
      GdkRGBA fg;

      gtk_style_context_get_color (style, &fg);
      fg_color = (ReseauMapColor) { fg.red, fg.green, fg.blue };
      if (node >= 0)
        append_ring (self, snapshot, now.scale, node, &fg_color, 0.9, 6.5, 2.0, 3.0);
    }
}
