/* reseau-map-scene.c — one picture of the network map, painted on any thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A picture of 10,000 edges costs 20–40 ms to paint here, two frames'
 * budget. So the map describes what to paint (a scene: plain data,
 * geometry already in device pixels) on the main thread, which is quick,
 * and the pixels are painted on a worker thread while the map goes on
 * showing its previous picture moved into place. Nothing here touches a
 * widget: the text is laid out with a font map of the painter's own (a
 * ReseauMapTextCache), set up like the widget's.
 */
#include "config.h"

#include <pango/pangocairo.h>

#include "reseau-map-scene.h"

#define TILE_SIZE   128
#define MAX_THREADS 4
#define LABEL_WIDTH 160
/* Text laid out is kept from picture to picture; a map of 20,000 names
 * zoomed through would keep them all. */
#define MAX_CACHED_LAYOUTS 4096

struct _ReseauMapTextCache
{
  PangoFontMap         *font_map;
  PangoContext         *context;
  PangoFontDescription *font;           /* what the layouts were made with */
  cairo_font_options_t *font_options;
  double                resolution;
  GHashTable           *layouts[2];     /* text → PangoLayout, by ReseauSceneTextKind */
  gboolean              prepared;       /* for font, font_options and resolution */
};

static void
scene_layer_init (ReseauSceneLayer *layer)
{
  layer->edges = g_array_sized_new (FALSE, FALSE, sizeof (ReseauSceneEdge), 1024);
  layer->edge_styles = g_array_new (FALSE, FALSE, sizeof (ReseauSceneEdgeStyle));
  layer->nodes = g_array_sized_new (FALSE, FALSE, sizeof (ReseauSceneNode), 256);
}

static void
clear_text (gpointer data)
{
  g_free (((ReseauSceneText *) data)->text);
}

static void
clear_avatar (gpointer data)
{
  cairo_surface_destroy (((ReseauSceneAvatar *) data)->image);
}

ReseauMapScene *
reseau_map_scene_new (int width,
                      int height,
                      int scale)
{
  ReseauMapScene *scene = g_new0 (ReseauMapScene, 1);

  scene->width = width;
  scene->height = height;
  scene->scale = scale;
  for (guint l = 0; l < RESEAU_SCENE_N_LAYERS; l++)
    scene_layer_init (&scene->layers[l]);
  scene->rings = g_array_new (FALSE, FALSE, sizeof (ReseauSceneRing));
  scene->avatars = g_array_new (FALSE, FALSE, sizeof (ReseauSceneAvatar));
  g_array_set_clear_func (scene->avatars, clear_avatar);
  scene->texts = g_array_new (FALSE, FALSE, sizeof (ReseauSceneText));
  g_array_set_clear_func (scene->texts, clear_text);
  scene->resolution = 96;

  return scene;
}

void
reseau_map_scene_free (ReseauMapScene *scene)
{
  if (scene == NULL)
    return;

  for (guint l = 0; l < RESEAU_SCENE_N_LAYERS; l++)
    {
      g_array_unref (scene->layers[l].edges);
      g_array_unref (scene->layers[l].edge_styles);
      g_array_unref (scene->layers[l].nodes);
    }
  g_array_unref (scene->rings);
  g_array_unref (scene->avatars);
  g_array_unref (scene->texts);
  g_clear_pointer (&scene->font, pango_font_description_free);
  g_clear_pointer (&scene->font_options, cairo_font_options_destroy);
  g_free (scene);
}

void
reseau_map_scene_add_avatar (ReseauMapScene  *scene,
                             cairo_surface_t *image,
                             double           x,
                             double           y,
                             double           radius,
                             double           alpha)
{
  ReseauSceneAvatar item = { x, y, radius, alpha, cairo_surface_reference (image) };

  g_array_append_val (scene->avatars, item);
}

void
reseau_map_scene_add_text (ReseauMapScene      *scene,
                           ReseauSceneTextKind  kind,
                           const char          *text,
                           double               x,
                           double               y,
                           double               alpha,
                           gboolean             required)
{
  ReseauSceneText item = { g_strdup (text != NULL ? text : ""), kind, x, y, alpha, required };

  g_array_append_val (scene->texts, item);
}

cairo_surface_t *
reseau_map_new_pixels (ReseauRaster *raster,
                       int           width,
                       int           height)
{
  static cairo_user_data_key_t pixels_key;
  cairo_surface_t *surface;

  raster->width = width;
  raster->height = height;
  raster->stride = width;
  raster->pixels = g_malloc0 ((gsize) raster->stride * raster->height * 4);

  surface = cairo_image_surface_create_for_data ((guchar *) raster->pixels, CAIRO_FORMAT_ARGB32,
                                                 raster->width, raster->height, raster->stride * 4);
  cairo_surface_set_user_data (surface, &pixels_key, raster->pixels, g_free);

  return surface;
}

/* Edges ----------------------------------------------------------------------------- */

/* The tile rows first + k × step of one layer's edges, for one thread. */
typedef struct
{
  ReseauRaster           *raster;
  const ReseauSceneLayer *layer;
  float                   reach;   /* how far an edge's ink goes past its ends */
  int                     first;
  int                     step;
} TileJob;

static void
draw_edge (ReseauRaster               *tile,
           const ReseauSceneEdge      *edge,
           const ReseauSceneEdgeStyle *style,
           int                         tx,
           int                         ty,
           gboolean                    hairlines)
{
  reseau_raster_line (tile, edge->x0 - tx, edge->y0 - ty, edge->x1 - tx, edge->y1 - ty, edge->width,
                      &style->color, style->n_dashes > 0 ? style->dashes : NULL, style->n_dashes,
                      hairlines);
  if (edge->arrow)
    {
      double points[6];

      for (int c = 0; c < 6; c++)
        points[c] = edge->arrow_points[c] - (c % 2 == 0 ? tx : ty);
      reseau_raster_triangle (tile, points, &style->color);
    }
}

static gpointer
draw_tile_rows (gpointer data)
{
  const TileJob *job = data;
  ReseauRaster *raster = job->raster;
  const ReseauSceneEdge *edges = (const ReseauSceneEdge *) (gpointer) job->layer->edges->data;
  const ReseauSceneEdgeStyle *styles = (const ReseauSceneEdgeStyle *) (gpointer) job->layer->edge_styles->data;
  guint n_edges = job->layer->edges->len;
  float reach = job->reach;
  g_autofree guint *in_row = g_new (guint, n_edges + 1);

  for (int row = job->first; row * TILE_SIZE < raster->height; row += job->step)
    {
      int ty = row * TILE_SIZE;
      int row_bottom = MIN (ty + TILE_SIZE, raster->height);
      guint n_in_row = 0;

      /* The edges that reach this row of tiles, in order. */
      for (guint k = 0; k < n_edges; k++)
        if (!(MAX (edges[k].y0, edges[k].y1) + reach < ty || MIN (edges[k].y0, edges[k].y1) - reach > row_bottom))
          in_row[n_in_row++] = k;

      for (int tx = 0; tx < raster->width; tx += TILE_SIZE)
        {
          ReseauRaster tile = {
            raster->pixels + (gsize) ty * raster->stride + tx,
            MIN (TILE_SIZE, raster->width - tx), row_bottom - ty, raster->stride,
          };

          for (guint j = 0; j < n_in_row; j++)
            {
              const ReseauSceneEdge *edge = &edges[in_row[j]];

              if (MAX (edge->x0, edge->x1) + reach < tx || MIN (edge->x0, edge->x1) - reach > tx + tile.width)
                continue;
              draw_edge (&tile, edge, &styles[edge->style], tx, ty, job->layer->hairlines);
            }
        }
    }

  return NULL;
}

/* Drawn tile by tile: the raster of a big window is megabytes, and
 * segments drawn in arbitrary order miss the cache on nearly every
 * pixel. Each 128-pixel tile (64 KB) takes the edges whose bounding box
 * meets it, in the layer's order, so that what is drawn later wins the
 * same way in every tile. Tiles own disjoint pixels: the rows of tiles
 * split between threads, this one among them, with nothing shared but
 * what they read. One processor is left to the main thread, whose frames
 * go on meanwhile (on two processors, painting with both made them
 * miss their 16 ms). */
static void
draw_edges (ReseauRaster           *raster,
            const ReseauSceneLayer *layer,
            int                     scale)
{
  static int n_threads = 0;
  GThread *threads[MAX_THREADS] = { NULL };
  TileJob jobs[MAX_THREADS];
  TileJob job = { raster, layer, 8.0f * scale, 0, 1 };

  if (n_threads == 0)
    n_threads = CLAMP ((int) g_get_num_processors () - 1, 1, MAX_THREADS);

  /* A few edges are not worth a thread. */
  if (n_threads == 1 || layer->edges->len < 500)
    {
      draw_tile_rows (&job);
      return;
    }

  for (int t = 0; t < n_threads; t++)
    {
      jobs[t] = job;
      jobs[t].first = t;
      jobs[t].step = n_threads;
    }
  for (int t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("map-tiles", draw_tile_rows, &jobs[t]);
  draw_tile_rows (&jobs[0]);
  for (int t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);
}

static void
draw_nodes (ReseauRaster            *raster,
            const ReseauSceneLayer  *layer,
            const ReseauRasterColor *outline,
            int                      scale)
{
  for (guint k = 0; k < layer->nodes->len; k++)
    {
      const ReseauSceneNode *node = &g_array_index (layer->nodes, ReseauSceneNode, k);
      ReseauRasterColor edge = *outline;

      /* A dimmed node's outline fades with it. */
      edge.alpha *= node->fill.alpha;
      reseau_raster_shape (raster, node->shape, node->x, node->y, node->radius, &node->fill, &edge,
                           1.5 * scale);
    }
}

/* Text ------------------------------------------------------------------------------ */

ReseauMapTextCache *
reseau_map_text_cache_new (void)
{
  ReseauMapTextCache *text = g_new0 (ReseauMapTextCache, 1);

  text->font_map = pango_cairo_font_map_new ();
  text->context = pango_font_map_create_context (text->font_map);
  for (guint k = 0; k < G_N_ELEMENTS (text->layouts); k++)
    text->layouts[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  return text;
}

void
reseau_map_text_cache_free (ReseauMapTextCache *text)
{
  if (text == NULL)
    return;

  for (guint k = 0; k < G_N_ELEMENTS (text->layouts); k++)
    g_hash_table_unref (text->layouts[k]);
  g_clear_pointer (&text->font, pango_font_description_free);
  g_clear_pointer (&text->font_options, cairo_font_options_destroy);
  g_object_unref (text->context);
  g_object_unref (text->font_map);
  g_free (text);
}

static gboolean
same_font_options (const cairo_font_options_t *a,
                   const cairo_font_options_t *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return cairo_font_options_equal (a, b);
}

/* Sets the context up as the scene's widget has its own; layouts made
 * for other settings (a new font, a new scale) go. */
static void
text_cache_prepare (ReseauMapTextCache   *text,
                    const ReseauMapScene *scene)
{
  if (text->prepared
      && (text->font == NULL || scene->font == NULL
          ? text->font == scene->font : pango_font_description_equal (text->font, scene->font))
      && same_font_options (text->font_options, scene->font_options)
      && text->resolution == scene->resolution)
    return;

  for (guint k = 0; k < G_N_ELEMENTS (text->layouts); k++)
    g_hash_table_remove_all (text->layouts[k]);

  g_clear_pointer (&text->font, pango_font_description_free);
  g_clear_pointer (&text->font_options, cairo_font_options_destroy);
  if (scene->font != NULL)
    text->font = pango_font_description_copy (scene->font);
  if (scene->font_options != NULL)
    text->font_options = cairo_font_options_copy (scene->font_options);
  text->resolution = scene->resolution;

  text->prepared = TRUE;
  /* No font given (a scene painted on its own): Pango's default. */
  if (text->font != NULL)
    pango_context_set_font_description (text->context, text->font);
  pango_cairo_context_set_font_options (text->context, text->font_options);
  pango_cairo_context_set_resolution (text->context, text->resolution);
}

static PangoLayout *
text_cache_get (ReseauMapTextCache  *text,
                ReseauSceneTextKind  kind,
                const char          *string)
{
  GHashTable *layouts = text->layouts[kind];
  PangoLayout *layout = g_hash_table_lookup (layouts, string);

  if (layout != NULL)
    return layout;

  if (g_hash_table_size (layouts) >= MAX_CACHED_LAYOUTS)
    g_hash_table_remove_all (layouts);

  layout = pango_layout_new (text->context);
  pango_layout_set_text (layout, string, -1);
  if (kind == RESEAU_SCENE_LABEL)
    {
      pango_layout_set_width (layout, LABEL_WIDTH * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
    }
  else
    {
      g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attributes);
    }
  g_hash_table_insert (layouts, g_strdup (string), layout);

  return layout;
}

/* Each photo fills its node inside the outline. */
static void
draw_avatars (cairo_t              *cr,
              const ReseauMapScene *scene)
{
  for (guint k = 0; k < scene->avatars->len; k++)
    {
      const ReseauSceneAvatar *avatar = &g_array_index (scene->avatars, ReseauSceneAvatar, k);
      double radius = avatar->radius - 1.5;
      double side = cairo_image_surface_get_width (avatar->image);

      if (radius <= 0 || side <= 0)
        continue;

      cairo_save (cr);
      cairo_arc (cr, avatar->x, avatar->y, radius, 0, 2 * G_PI);
      cairo_clip (cr);
      cairo_translate (cr, avatar->x - radius, avatar->y - radius);
      cairo_scale (cr, 2 * radius / side, 2 * radius / side);
      cairo_set_source_surface (cr, avatar->image, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint_with_alpha (cr, avatar->alpha);
      cairo_restore (cr);
    }
}

typedef struct
{
  double x0, y0, x1, y1;
} Box;

/* Whether box comes within a pixel of one of boxes. */
static gboolean
covers_any (const Box *box,
            GArray    *boxes)
{
  for (guint k = 0; k < boxes->len; k++)
    {
      const Box *other = &g_array_index (boxes, Box, k);

      if (box->x0 < other->x1 + 1 && other->x0 < box->x1 + 1
          && box->y0 < other->y1 + 1 && other->y0 < box->y1 + 1)
        return TRUE;
    }

  return FALSE;
}

static void
draw_texts (cairo_t              *cr,
            const ReseauMapScene *scene,
            ReseauMapTextCache   *text)
{
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (Box));

  text_cache_prepare (text, scene);

  for (guint k = 0; k < scene->texts->len; k++)
    {
      const ReseauSceneText *item = &g_array_index (scene->texts, ReseauSceneText, k);
      PangoLayout *layout = text_cache_get (text, item->kind, item->text);
      int w, h;

      if (item->kind == RESEAU_SCENE_LABEL)
        {
          PangoRectangle extents;
          Box box;

          /* Where the centred name really lies in its 160-pixel box. */
          pango_layout_get_pixel_extents (layout, NULL, &extents);
          box = (Box) {
            item->x - LABEL_WIDTH / 2.0 + extents.x, item->y + extents.y,
            item->x - LABEL_WIDTH / 2.0 + extents.x + extents.width, item->y + extents.y + extents.height,
          };
          if (!item->required && covers_any (&box, labels))
            continue;
          g_array_append_val (labels, box);

          cairo_set_source_rgba (cr, scene->text_color[0], scene->text_color[1], scene->text_color[2],
                                 scene->text_color[3] * item->alpha);
          cairo_move_to (cr, item->x - LABEL_WIDTH / 2.0, item->y);
        }
      else
        {
          pango_layout_get_pixel_size (layout, &w, &h);
          cairo_set_source_rgba (cr, 1, 1, 1, item->alpha);
          cairo_move_to (cr, item->x - w / 2.0, item->y - h / 2.0);
        }
      pango_cairo_show_layout (cr, layout);
    }
}

/* Painting -------------------------------------------------------------------------- */

cairo_surface_t *
reseau_map_scene_paint (const ReseauMapScene *scene,
                        ReseauMapTextCache   *text)
{
  cairo_surface_t *surface;
  ReseauRaster raster;

  surface = reseau_map_new_pixels (&raster, scene->width * scene->scale, scene->height * scene->scale);

  for (guint l = 0; l < RESEAU_SCENE_N_LAYERS; l++)
    {
      draw_edges (&raster, &scene->layers[l], scene->scale);
      draw_nodes (&raster, &scene->layers[l], &scene->outline, scene->scale);
    }

  for (guint k = 0; k < scene->rings->len; k++)
    {
      const ReseauSceneRing *ring = &g_array_index (scene->rings, ReseauSceneRing, k);

      reseau_raster_ring (&raster, ring->shape, ring->x, ring->y, ring->radius, ring->line_width,
                          &ring->color, ring->dash);
    }

  /* Photos and text through cairo, into the same pixels, only when
   * there are some. */
  cairo_surface_mark_dirty (surface);
  if (scene->avatars->len > 0 || scene->texts->len > 0)
    {
      cairo_t *cr = cairo_create (surface);

      cairo_scale (cr, scene->scale, scene->scale);
      draw_avatars (cr, scene);
      draw_texts (cr, scene, text);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
    }
  cairo_surface_set_device_scale (surface, scene->scale, scene->scale);

  return surface;
}

typedef struct
{
  ReseauMapScene     *scene;
  ReseauMapTextCache *text;
  gint64              elapsed_us;
} PaintJob;

static void
paint_job_free (PaintJob *job)
{
  reseau_map_scene_free (job->scene);
  g_free (job);
}

static void
paint_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  PaintJob *job = task_data;
  gint64 start = g_get_monotonic_time ();
  cairo_surface_t *surface;

  if (g_task_return_error_if_cancelled (task))
    return;

  surface = reseau_map_scene_paint (job->scene, job->text);
  job->elapsed_us = g_get_monotonic_time () - start;
  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

void
reseau_map_scene_paint_async (ReseauMapScene      *scene,
                              ReseauMapTextCache  *text,
                              gpointer             source_object,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  PaintJob *job = g_new0 (PaintJob, 1);

  job->scene = scene;
  job->text = text;
  g_task_set_source_tag (task, reseau_map_scene_paint_async);
  g_task_set_task_data (task, job, (GDestroyNotify) paint_job_free);
  g_task_run_in_thread (task, paint_in_thread);
}

cairo_surface_t *
reseau_map_scene_paint_finish (GAsyncResult  *result,
                               gint64        *elapsed_us,
                               GError       **error)
{
  PaintJob *job;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (elapsed_us != NULL)
    *elapsed_us = job->elapsed_us;

  return g_task_propagate_pointer (G_TASK (result), error);
}
