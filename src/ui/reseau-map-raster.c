/* reseau-map-raster.c — a small antialiased rasterizer for the network map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coverage is computed from distances: a pixel whose centre lies within
 * half the width of a segment (or inside a shape's outline) is covered,
 * with a one-pixel ramp at the border. Segments are walked along their
 * major axis, a few pixels across per step, after clipping that walk to
 * the raster; shapes are small, so each scans its bounding box.
 */
#include "config.h"

#include <math.h>

#include "reseau-map-raster.h"

/* A premultiplied colour packed as a pixel. */
typedef guint32 Premultiplied;

static inline Premultiplied
premultiply (const ReseauRasterColor *color)
{
  float a = CLAMP (color->alpha, 0.f, 1.f);
  guint32 alpha = (guint32) (a * 255.f + 0.5f);
  guint32 red = (guint32) (CLAMP (color->red, 0.f, 1.f) * a * 255.f + 0.5f);
  guint32 green = (guint32) (CLAMP (color->green, 0.f, 1.f) * a * 255.f + 0.5f);
  guint32 blue = (guint32) (CLAMP (color->blue, 0.f, 1.f) * a * 255.f + 0.5f);

  return (alpha << 24) | (red << 16) | (green << 8) | blue;
}

/* Two channels at a time (red and blue, alpha and green), each scaled by
 * factor/256 or factor/255: the usual packed-pixel arithmetic. */
static inline guint32
scale256 (guint32 pixel,
          guint32 factor)
{
  guint32 rb = (((pixel & 0x00ff00ff) * factor) >> 8) & 0x00ff00ff;
  guint32 ag = (((pixel >> 8) & 0x00ff00ff) * factor) & 0xff00ff00;

  return rb | ag;
}

static inline guint32
scale255 (guint32 pixel,
          guint32 factor)
{
  guint32 rb = (pixel & 0x00ff00ff) * factor + 0x00800080;
  guint32 ag = ((pixel >> 8) & 0x00ff00ff) * factor + 0x00800080;

  rb = ((rb + ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  ag = (ag + ((ag >> 8) & 0x00ff00ff)) & 0xff00ff00;

  return rb | ag;
}

/* "over" with coverage (0–256). Premultiplied sums never overflow. */
static inline void
blend (ReseauRaster *raster,
       int           x,
       int           y,
       Premultiplied color,
       guint32       coverage)
{
  guint32 *pixel = &raster->pixels[(gsize) y * raster->stride + x];
  guint32 source = coverage >= 256 ? color : scale256 (color, coverage);

  *pixel = source + scale255 (*pixel, 255 - (source >> 24));
}

static inline guint32
to_coverage (float coverage)
{
  return coverage <= 0.f ? 0 : coverage >= 1.f ? 256 : (guint32) (coverage * 256.f + 0.5f);
}

static inline float
clamp01 (float x)
{
  return x < 0.f ? 0.f : x > 1.f ? 1.f : x;
}

static gboolean
dash_is_on (const double *dashes,
            int           n_dashes,
            double        period,
            double        along)
{
  double phase = fmod (along, period);

  for (int i = 0; i < n_dashes; i++)
    {
      if (phase < dashes[i])
        return i % 2 == 0;
      phase -= dashes[i];
    }

  return FALSE;
}

/* Walks a segment along x (the caller swaps axes for steep ones): at
 * each column, the pixels of the band the segment covers, by how much of
 * each the band overlaps vertically. */
static void
line_along_x (ReseauRaster  *raster,
              gboolean       swapped_axes,
              double         x0,
              double         y0,
              double         x1,
              double         y1,
              double         width,
              Premultiplied  color,
              const double  *dashes,
              int            n_dashes,
              gboolean       reversed,
              double         length,
              gboolean       hairline)
{
  int major_size = swapped_axes ? raster->height : raster->width;
  int minor_size = swapped_axes ? raster->width : raster->height;
  double slope = (y1 - y0) / (x1 - x0);
  double secant = sqrt (1 + slope * slope);
  double half = width * secant / 2;   /* half the band, vertically */
  double start = MAX (x0, 0);
  double end = MIN (x1, major_size);
  double period = 0;

  for (int i = 0; i < n_dashes; i++)
    period += dashes[i];

  /* Only where the segment crosses the raster's minor extent. */
  if (fabs (slope) > 1e-9)
    {
      double at_low = x0 + (-half - 1 - y0) / slope;
      double at_high = x0 + (minor_size + half + 1 - y0) / slope;

      start = MAX (start, MIN (at_low, at_high));
      end = MIN (end, MAX (at_low, at_high));
    }
  else if (y0 + half < 0 || y0 - half > minor_size)
    return;

  if (end <= start)
    return;

  {
    int first = (int) floor (start);
    int last = (int) ceil (end) - 1;
    float band = (float) (2 * half);
    float top = (float) (y0 + (first + 0.5 - x0) * slope - half);
    float step = (float) slope;
    /* As much ink per column as the antialiased line spreads over two. */
    guint32 hairline_coverage = to_coverage ((float) (width * secant));

    /* floor() by truncation after a shift that keeps values positive:
     * the minor extent is clipped above to [-half - 1, size + half + 1]. */
    for (int major = first; major <= last; major++, top += step)
      {
        float bottom = top + band;
        float span = 1.f;
        int low, high;

        if (major == first || major == last)
          {
            span = (float) (MIN (major + 1, x1) - MAX (major, x0));
            if (span <= 0.f)
              continue;
          }

        if (period > 0)
          {
            double along = (major + 0.5 - x0) * secant;

            if (!dash_is_on (dashes, n_dashes, period, reversed ? length - along : along))
              continue;
          }

        /* A hairline is one pixel per column, the nearest. */
        if (hairline)
          {
            int nearest = (int) (top + half + 65536.5f) - 65536;

            if (nearest >= 0 && nearest < minor_size)
              {
                if (swapped_axes)
                  blend (raster, nearest, major, color, hairline_coverage);
                else
                  blend (raster, major, nearest, color, hairline_coverage);
              }
            continue;
          }

        low = (int) (top + 65536.f) - 65536;
        high = (int) (bottom + 65536.f) - 65536;

        if (low == high)
          {
            if (low >= 0 && low < minor_size)
              {
                guint32 coverage = to_coverage (band * span);

                if (swapped_axes)
                  blend (raster, low, major, color, coverage);
                else
                  blend (raster, major, low, color, coverage);
              }
            continue;
          }

        for (int minor = MAX (low, 0); minor <= MIN (high, minor_size - 1); minor++)
          {
            float overlap = minor == low ? (float) (low + 1) - top
                            : minor == high ? bottom - (float) high
                            : 1.f;
            guint32 coverage = to_coverage (overlap * span);

            if (coverage == 0)
              continue;
            if (swapped_axes)
              blend (raster, minor, major, color, coverage);
            else
              blend (raster, major, minor, color, coverage);
          }
      }
  }
}

void
reseau_raster_line (ReseauRaster            *raster,
                    double                   x0,
                    double                   y0,
                    double                   x1,
                    double                   y1,
                    double                   width,
                    const ReseauRasterColor *color,
                    const double            *dashes,
                    int                      n_dashes,
                    gboolean                 fast)
{
  gboolean hairline = fast && width <= 1.0;
  Premultiplied premultiplied = premultiply (color);
  double dx = x1 - x0;
  double dy = y1 - y0;
  double length = sqrt (dx * dx + dy * dy);
  gboolean steep = fabs (dy) > fabs (dx);
  gboolean reversed;

  if (length < 1e-6 || !isfinite (length))
    return;

  if (steep)
    {
      reversed = y0 > y1;
      if (reversed)
        line_along_x (raster, TRUE, y1, x1, y0, x0, width, premultiplied, dashes, n_dashes, TRUE, length, hairline);
      else
        line_along_x (raster, TRUE, y0, x0, y1, x1, width, premultiplied, dashes, n_dashes, FALSE, length, hairline);
    }
  else
    {
      reversed = x0 > x1;
      if (reversed)
        line_along_x (raster, FALSE, x1, y1, x0, y0, width, premultiplied, dashes, n_dashes, TRUE, length, hairline);
      else
        line_along_x (raster, FALSE, x0, y0, x1, y1, width, premultiplied, dashes, n_dashes, FALSE, length, hairline);
    }
}

/* Signed distance to a shape's edge: negative inside. */
static inline double
shape_distance (ReseauRasterShape shape,
                double            dx,
                double            dy,
                double            radius)
{
  switch (shape)
    {
    case RESEAU_RASTER_ROUNDED_SQUARE:
      {
        double corner = radius * 0.35;
        double qx = fabs (dx) - (radius - corner);
        double qy = fabs (dy) - (radius - corner);
        double outside = sqrt (MAX (qx, 0) * MAX (qx, 0) + MAX (qy, 0) * MAX (qy, 0));

        return outside + MIN (MAX (qx, qy), 0) - corner;
      }
    case RESEAU_RASTER_DIAMOND:
      return (fabs (dx) + fabs (dy) - radius * 1.2) * G_SQRT2 / 2;
    case RESEAU_RASTER_DISC:
    default:
      return sqrt (dx * dx + dy * dy) - radius;
    }
}

static void
bounds (ReseauRaster      *raster,
        ReseauRasterShape  shape,
        double             x,
        double             y,
        double             reach,
        int               *x0,
        int               *y0,
        int               *x1,
        int               *y1)
{
  if (shape == RESEAU_RASTER_DIAMOND)
    reach *= 1.2;

  *x0 = MAX ((int) floor (x - reach - 1), 0);
  *y0 = MAX ((int) floor (y - reach - 1), 0);
  *x1 = MIN ((int) ceil (x + reach + 1), raster->width - 1);
  *y1 = MIN ((int) ceil (y + reach + 1), raster->height - 1);
}

void
reseau_raster_shape (ReseauRaster            *raster,
                     ReseauRasterShape        shape,
                     double                   x,
                     double                   y,
                     double                   radius,
                     const ReseauRasterColor *fill,
                     const ReseauRasterColor *outline,
                     double                   outline_width)
{
  Premultiplied inside = premultiply (fill);
  Premultiplied edge = outline != NULL ? premultiply (outline) : inside;
  double outer, inner;
  int x0, y0, x1, y1;

  bounds (raster, shape, x, y, radius, &x0, &y0, &x1, &y1);
  if (outline == NULL)
    outline_width = 0;

  outer = (radius + 0.5) * (radius + 0.5);
  inner = MAX (radius - outline_width - 0.5, 0) * MAX (radius - outline_width - 0.5, 0);

  for (int py = y0; py <= y1; py++)
    for (int px = x0; px <= x1; px++)
      {
        double dx = px + 0.5 - x;
        double dy = py + 0.5 - y;
        double d;
        float all, core;
        guint32 core_coverage, ring_coverage;

        /* Discs: most pixels are wholly in or out, without a root. */
        if (shape == RESEAU_RASTER_DISC)
          {
            double squared = dx * dx + dy * dy;

            if (squared >= outer)
              continue;
            if (squared <= inner)
              {
                blend (raster, px, py, inside, 256);
                continue;
              }
          }

        d = shape_distance (shape, dx, dy, radius);
        all = clamp01 ((float) (0.5 - d));
        core = clamp01 ((float) (0.5 - d - outline_width));

        if (all <= 0.f)
          continue;

        /* Fill and outline share the pixel: one colour, then "over". */
        core_coverage = to_coverage (core);
        ring_coverage = to_coverage (all) - core_coverage;
        blend (raster, px, py, scale256 (inside, core_coverage) + scale256 (edge, ring_coverage), 256);
      }
}

void
reseau_raster_ring (ReseauRaster            *raster,
                    ReseauRasterShape        shape,
                    double                   x,
                    double                   y,
                    double                   radius,
                    double                   line_width,
                    const ReseauRasterColor *color,
                    double                   dash)
{
  Premultiplied premultiplied = premultiply (color);
  int x0, y0, x1, y1;

  bounds (raster, shape, x, y, radius + line_width, &x0, &y0, &x1, &y1);

  for (int py = y0; py <= y1; py++)
    for (int px = x0; px <= x1; px++)
      {
        double dx = px + 0.5 - x;
        double dy = py + 0.5 - y;
        double d = shape_distance (shape, dx, dy, radius);
        float coverage = clamp01 ((float) (line_width / 2 + 0.5 - fabs (d)));

        if (coverage <= 0.f)
          continue;
        if (dash > 0 && fmod ((atan2 (dy, dx) + G_PI) * radius, 2 * dash) >= dash)
          continue;
        blend (raster, px, py, premultiplied, to_coverage (coverage));
      }
}

void
reseau_raster_triangle (ReseauRaster            *raster,
                        const double             points[6],
                        const ReseauRasterColor *color)
{
  Premultiplied premultiplied = premultiply (color);
  double min_x = MIN (points[0], MIN (points[2], points[4]));
  double max_x = MAX (points[0], MAX (points[2], points[4]));
  double min_y = MIN (points[1], MIN (points[3], points[5]));
  double max_y = MAX (points[1], MAX (points[3], points[5]));
  double area = (points[2] - points[0]) * (points[5] - points[1])
                - (points[3] - points[1]) * (points[4] - points[0]);
  double sign = area < 0 ? -1 : 1;
  double edges[3][3];   /* a x + b y + c, normalized: distance inside */

  if (fabs (area) < 1e-6)
    return;

  for (int i = 0; i < 3; i++)
    {
      double ax = points[2 * i], ay = points[2 * i + 1];
      double bx = points[(2 * i + 2) % 6], by = points[(2 * i + 3) % 6];
      double nx = -(by - ay) * sign, ny = (bx - ax) * sign;
      double norm = sqrt (nx * nx + ny * ny);

      edges[i][0] = nx / norm;
      edges[i][1] = ny / norm;
      edges[i][2] = -(edges[i][0] * ax + edges[i][1] * ay);
    }

  for (int py = MAX ((int) floor (min_y) - 1, 0); py <= MIN ((int) ceil (max_y) + 1, raster->height - 1); py++)
    for (int px = MAX ((int) floor (min_x) - 1, 0); px <= MIN ((int) ceil (max_x) + 1, raster->width - 1); px++)
      {
        double inside = G_MAXDOUBLE;
        float coverage;

        for (int i = 0; i < 3; i++)
          inside = MIN (inside, edges[i][0] * (px + 0.5) + edges[i][1] * (py + 0.5) + edges[i][2]);
        coverage = clamp01 ((float) (inside + 0.5));
        if (coverage > 0.f)
          blend (raster, px, py, premultiplied, to_coverage (coverage));
      }
}
