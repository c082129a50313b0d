/* reseau-map-legend.c — what the network map's shapes, lines and colours mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The samples take their shapes, colours and dashes from the same
 * functions as the map (reseau-network-map-private.h) and are drawn by
 * its rasterizer (reseau-map-raster.h), so that the legend cannot drift
 * from the drawing. They are decoration for screen readers:
 * the label beside each says it all.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-map-legend.h"
#include "reseau-map-scene.h"
#include "reseau-network-map-private.h"

#define SAMPLE_WIDTH  36
#define SAMPLE_HEIGHT 20
#define NODE_RADIUS   7

typedef enum
{
  SAMPLE_NODE,
  SAMPLE_EDGE,
  SAMPLE_RECENCY,
} SampleKind;

typedef struct
{
  SampleKind     kind;
  ReseauNodeKind node;      /* SAMPLE_NODE */
  ReseauEdgeKind edge;      /* SAMPLE_EDGE */
  ReseauRecency  recency;   /* SAMPLE_RECENCY; SAMPLE_NODE for people */
  const char    *text;      /* translated when shown */
} Sample;

static void
draw_node (ReseauRaster *raster,
           const Sample *sample,
           int           scale)
{
  ReseauNetworkNode node = { .kind = sample->node, .days_since = sample->recency == RESEAU_RECENCY_WARM ? 0 : -1 };
  ReseauRasterColor color = reseau_map_raster_color (reseau_map_node_color (&node), 1);

  reseau_raster_shape (raster, reseau_map_node_shape (&node), raster->width / 2.0,
                       raster->height / 2.0, NODE_RADIUS * scale, &color, NULL, 0);
}

/* A line across the sample, as the map strokes that kind of edge, with the
 * map's arrowhead at its end when the kind is directed. */
static void
draw_edge (ReseauRaster         *raster,
           ReseauEdgeKind        kind,
           const ReseauMapColor *map_color,
           double                width,
           int                   scale)
{
  ReseauRasterColor color = reseau_map_raster_color (map_color, 1);
  gboolean directed = reseau_map_edge_is_directed (kind);
  double y = raster->height / 2.0;
  double end = raster->width - (directed ? 9 : 2) * scale;
  int n_dashes;
  const double *pattern = reseau_map_edge_dashes (kind, &n_dashes);
  double dashes[8];

  n_dashes = MIN (n_dashes, (int) G_N_ELEMENTS (dashes));
  for (int d = 0; d < n_dashes; d++)
    dashes[d] = pattern[d] * scale;
  reseau_raster_line (raster, 2 * scale, y, end, y, width * scale, &color,
                      n_dashes > 0 ? dashes : NULL, n_dashes, FALSE);

  if (directed)
    {
      const double arrow[6] = {
        raster->width - 2 * scale, y,
        raster->width - 10 * scale, y - 4 * scale,
        raster->width - 10 * scale, y + 4 * scale,
      };

      reseau_raster_triangle (raster, arrow, &color);
    }
}

/* Drawn by the map's own rasterizer, at the screen's scale. */
static void
draw_sample (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const Sample *sample = user_data;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));
  ReseauRaster raster;
  cairo_surface_t *pixels = reseau_map_new_pixels (&raster, width * scale, height * scale);

  switch (sample->kind)
    {
    case SAMPLE_NODE:
      draw_node (&raster, sample, scale);
      break;
    case SAMPLE_EDGE:
      draw_edge (&raster, sample->edge, reseau_map_recency_color (RESEAU_RECENCY_COLD),
                 reseau_map_edge_width (1), scale);
      break;
    case SAMPLE_RECENCY:
    default:
      draw_edge (&raster, RESEAU_EDGE_INTERACTION, reseau_map_recency_color (sample->recency),
                 reseau_map_edge_width (1) + 1, scale);
      break;
    }

  cairo_surface_mark_dirty (pixels);
  cairo_scale (cr, 1.0 / scale, 1.0 / scale);
  cairo_set_source_surface (cr, pixels, 0, 0);
  cairo_paint (cr);
  cairo_surface_destroy (pixels);
}

static void
add_heading (GtkGrid    *grid,
             const char *text,
             int         row)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  if (row > 0)
    gtk_widget_set_margin_top (label, 12);
  gtk_grid_attach (grid, label, 0, row, 2, 1);
}

static void
add_sample (GtkGrid      *grid,
            const Sample *sample,
            int           row)
{
  GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA,
                                  "content-width", SAMPLE_WIDTH,
                                  "content-height", SAMPLE_HEIGHT,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  "valign", GTK_ALIGN_CENTER,
                                  NULL);
  GtkWidget *label = gtk_label_new (_(sample->text));

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_sample, (gpointer) sample, NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_grid_attach (grid, area, 0, row, 1, 1);
  gtk_grid_attach (grid, label, 1, row, 1, 1);
}

GtkWidget *
reseau_map_legend_new (void)
{
  static const Sample nodes[] = {
    { SAMPLE_NODE, RESEAU_NODE_PERSON, 0, RESEAU_RECENCY_WARM,
      N_("A person: the bigger, the stronger your relationship") },
    { SAMPLE_NODE, RESEAU_NODE_ORGANIZATION, 0, 0, N_("An organization") },
    { SAMPLE_NODE, RESEAU_NODE_EVENT, 0, 0, N_("An event") },
    { SAMPLE_NODE, RESEAU_NODE_CLUSTER, 0, 0, N_("A group of people: click it to open it") },
  };
  static const Sample edges[] = {
    { SAMPLE_EDGE, 0, RESEAU_EDGE_INTRODUCED, 0, N_("Introduced: the arrow points to the person introduced") },
    { SAMPLE_EDGE, 0, RESEAU_EDGE_REFERRAL, 0, N_("Recommended: the arrow points to whom it was for") },
    { SAMPLE_EDGE, 0, RESEAU_EDGE_WORKS_AT, 0, N_("Works at") },
    { SAMPLE_EDGE, 0, RESEAU_EDGE_MET_AT, 0, N_("Met at an event") },
    { SAMPLE_EDGE, 0, RESEAU_EDGE_INTERACTION, 0, N_("Took part in the same interactions: thicker when more") },
  };
  static const Sample recencies[] = {
    { SAMPLE_RECENCY, 0, 0, RESEAU_RECENCY_WARM, N_("Within the last month") },
    { SAMPLE_RECENCY, 0, 0, RESEAU_RECENCY_RECENT, N_("Within three months") },
    { SAMPLE_RECENCY, 0, 0, RESEAU_RECENCY_COOLING, N_("Within six months: cooling") },
    { SAMPLE_RECENCY, 0, 0, RESEAU_RECENCY_COLD, N_("Longer ago, or never") },
  };
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  int row = 0;

  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);

  /* Translators: a heading of the network map's legend */
  add_heading (grid, _("Nodes"), row++);
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    add_sample (grid, &nodes[i], row++);
  /* Translators: a heading of the network map's legend */
  add_heading (grid, _("Links"), row++);
  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    add_sample (grid, &edges[i], row++);
  /* Translators: a heading of the network map's legend: the colour of a
   * link or a person tells when you were last in touch */
  add_heading (grid, _("Last in Touch"), row++);
  for (guint i = 0; i < G_N_ELEMENTS (recencies); i++)
    add_sample (grid, &recencies[i], row++);

  return GTK_WIDGET (grid);
}
