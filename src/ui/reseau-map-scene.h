/* reseau-map-scene.h — one picture of the network map, as plain data,
 * painted on any thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

#include "reseau-map-raster.h"

G_BEGIN_DECLS

/* Coordinates are device pixels (logical pixels × scale) for what the
 * raster draws, logical for what cairo draws (avatars and text). */
typedef struct
{
  float   x0, y0, x1, y1;
  float   width;
  guint16 style;        /* into the layer's edge styles */
  guint16 arrow : 1;    /* an arrowhead: arrow_points, three corners */
  float   arrow_points[6];
} ReseauSceneEdge;

typedef struct
{
  ReseauRasterColor color;
  double            dashes[8];
  int               n_dashes;   /* 0: solid */
} ReseauSceneEdgeStyle;

typedef struct
{
  float             x, y, radius;
  ReseauRasterShape shape;
  ReseauRasterColor fill;
} ReseauSceneNode;

typedef struct
{
  float             x, y, radius, line_width, dash;
  ReseauRasterShape shape;
  ReseauRasterColor color;
} ReseauSceneRing;

/* A photo in a disc, logical pixels like text. */
typedef struct
{
  float            x, y, radius;
  float            alpha;
  cairo_surface_t *image;     /* a square */
} ReseauSceneAvatar;

typedef enum
{
  RESEAU_SCENE_INITIALS,   /* bold, white, centred on (x, y) */
  RESEAU_SCENE_LABEL,      /* the text colour, 160 wide, centred under (x, y) */
} ReseauSceneTextKind;

/* Labels are painted in order, each unless it would cover one painted
 * before it: the most important first. */
typedef struct
{
  char                *text;
  ReseauSceneTextKind  kind;
  float                x, y;
  float                alpha;
  gboolean             required;   /* a label painted even over others */
} ReseauSceneText;

/* Edges, then the nodes over them. */
typedef struct
{
  GArray   *edges;         /* ReseauSceneEdge */
  GArray   *edge_styles;   /* ReseauSceneEdgeStyle */
  GArray   *nodes;         /* ReseauSceneNode */
  gboolean  hairlines;     /* thin edges as aliased lines: a dense view */
} ReseauSceneLayer;

#define RESEAU_SCENE_N_LAYERS 2

/* Painted in this order: the layers (the dimmed one under the other),
 * the rings, the avatars, the text. */
typedef struct
{
  int                    width;    /* logical pixels */
  int                    height;
  int                    scale;
  ReseauSceneLayer       layers[RESEAU_SCENE_N_LAYERS];
  ReseauRasterColor      outline;  /* around every node */
  GArray                *rings;    /* ReseauSceneRing */
  GArray                *avatars;  /* ReseauSceneAvatar */
  GArray                *texts;    /* ReseauSceneText */
  double                 text_color[4];   /* RGBA of the labels */
  PangoFontDescription  *font;
  cairo_font_options_t  *font_options;
  double                 resolution;      /* of the font, in dots per inch */
} ReseauMapScene;

/* The Pango objects a painter keeps from picture to picture: its own font
 * map, so that it may be used on any thread, but by one thread at a
 * time, and the text laid out so far. */
typedef struct _ReseauMapTextCache ReseauMapTextCache;

ReseauMapScene     *reseau_map_scene_new             (int                   width,
                                                      int                   height,
                                                      int                   scale);
void                reseau_map_scene_free            (ReseauMapScene       *scene);
void                reseau_map_scene_add_avatar      (ReseauMapScene       *scene,
                                                      cairo_surface_t      *image,
                                                      double                x,
                                                      double                y,
                                                      double                radius,
                                                      double                alpha);
void                reseau_map_scene_add_text        (ReseauMapScene       *scene,
                                                      ReseauSceneTextKind   kind,
                                                      const char           *text,
                                                      double                x,
                                                      double                y,
                                                      double                alpha,
                                                      gboolean              required);

/* Premultiplied ARGB32 pixels of width × height × scale², with the
 * surface's device scale set. */
cairo_surface_t    *reseau_map_scene_paint           (const ReseauMapScene *scene,
                                                      ReseauMapTextCache   *text);
/* Paints on a worker thread; scene and text belong to the painting until
 * callback runs (text must not be used by anything else meanwhile). */
void                reseau_map_scene_paint_async     (ReseauMapScene       *scene,
                                                      ReseauMapTextCache   *text,
                                                      gpointer              source_object,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
/* The pixels, and in *elapsed_us the painting's own time. */
cairo_surface_t    *reseau_map_scene_paint_finish    (GAsyncResult         *result,
                                                      gint64               *elapsed_us,
                                                      GError              **error);

ReseauMapTextCache *reseau_map_text_cache_new        (void);
void                reseau_map_text_cache_free       (ReseauMapTextCache   *text);

/* Premultiplied pixels (width × height device pixels, zeroed) wrapped in
 * an image surface that frees them. */
cairo_surface_t    *reseau_map_new_pixels            (ReseauRaster         *raster,
                                                      int                   width,
                                                      int                   height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauMapScene, reseau_map_scene_free)

G_END_DECLS
