/* reseau-map-raster.h — a small antialiased rasterizer for the network map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Premultiplied ARGB32 pixels in native byte order (cairo's
 * CAIRO_FORMAT_ARGB32, GDK's GDK_MEMORY_DEFAULT), drawn with "over".
 *
 * Why not cairo: on these machines cairo strokes 10,000 thin antialiased
 * segments in 200–350 ms (pixman's general polygon path), twenty times a
 * frame's budget. Edges and node shapes are simple enough to draw here by
 * coverage, a few pixels per step along each segment, in a few
 * milliseconds; cairo still draws the text into the same pixels. */
typedef struct
{
  guint32 *pixels;
  int      width;
  int      height;
  int      stride;   /* in pixels */
} ReseauRaster;

typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} ReseauRasterColor;

typedef enum
{
  RESEAU_RASTER_DISC,
  RESEAU_RASTER_ROUNDED_SQUARE,
  RESEAU_RASTER_DIAMOND,
} ReseauRasterShape;

/* A segment of the given width, butt ends; dashes (on, off, … in pixels,
 * n_dashes even; NULL for solid) start at the first end. fast draws
 * segments one pixel wide or less as aliased hairlines, one pixel a
 * column: for dense views, where a line's antialiasing cannot be seen
 * but costs twice the ink. */
void reseau_raster_line     (ReseauRaster            *raster,
                             double                   x0,
                             double                   y0,
                             double                   x1,
                             double                   y1,
                             double                   width,
                             const ReseauRasterColor *color,
                             const double            *dashes,
                             int                      n_dashes,
                             gboolean                 fast);
void reseau_raster_triangle (ReseauRaster            *raster,
                             const double             points[6],
                             const ReseauRasterColor *color);
/* A shape of half-size radius centred on (x, y), filled with fill and
 * edged inside with outline_width of outline (outline may be NULL). */
void reseau_raster_shape    (ReseauRaster            *raster,
                             ReseauRasterShape        shape,
                             double                   x,
                             double                   y,
                             double                   radius,
                             const ReseauRasterColor *fill,
                             const ReseauRasterColor *outline,
                             double                   outline_width);
/* The outline of a shape of half-size radius, line_width wide; dashed
 * around it when dash > 0 (pixels on, then as many off). */
void reseau_raster_ring     (ReseauRaster            *raster,
                             ReseauRasterShape        shape,
                             double                   x,
                             double                   y,
                             double                   radius,
                             double                   line_width,
                             const ReseauRasterColor *color,
                             double                   dash);

G_END_DECLS
