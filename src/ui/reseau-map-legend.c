/* reseau-map-legend.c — what the network map's shapes, lines and colours mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The samples take their colours, dashes and arrows from the same
 * functions as the map (reseau-network-map-private.h), so that the legend
 * cannot drift from the drawing. They are decoration for screen readers:
 * the label beside each says it all.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "reseau-map-legend.h"
#include "reseau-network-map-private.h"

#define SAMPLE_WIDTH  36
#define SAMPLE_HEIGHT 20

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
set_source (cairo_t              *cr,
            const ReseauMapColor *color)
{
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
}

static void
draw_node (cairo_t      *cr,
           const Sample *sample,
           double        x,
           double        y)
{
  ReseauNetworkNode node = { .kind = sample->node, .days_since = sample->recency == RESEAU_RECENCY_WARM ? 0 : -1 };
  double r = 7;

  set_source (cr, reseau_map_node_color (&node));
  switch (sample->node)
    {
    case RESEAU_NODE_ORGANIZATION:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + r - 2, y - r + 2, 2, -G_PI / 2, 0);
      cairo_arc (cr, x + r - 2, y + r - 2, 2, 0, G_PI / 2);
      cairo_arc (cr, x - r + 2, y + r - 2, 2, G_PI / 2, G_PI);
      cairo_arc (cr, x - r + 2, y - r + 2, 2, G_PI, 3 * G_PI / 2);
      cairo_close_path (cr);
      break;
    case RESEAU_NODE_EVENT:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.2, y);
      cairo_line_to (cr, x, y + r * 1.2);
      cairo_line_to (cr, x - r * 1.2, y);
      cairo_close_path (cr);
      break;
    case RESEAU_NODE_PERSON:
    case RESEAU_NODE_CLUSTER:
    default:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
  cairo_fill (cr);
}

static void
draw_edge (cairo_t                  *cr,
           ReseauEdgeKind            kind,
           const ReseauMapColor     *color,
           double                    width)
{
  int n_dashes;
  const double *dashes = reseau_map_edge_dashes (kind, &n_dashes);
  double y = SAMPLE_HEIGHT / 2.0;
  double end = reseau_map_edge_is_directed (kind) ? SAMPLE_WIDTH - 9 : SAMPLE_WIDTH - 2;

  set_source (cr, color);
  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, dashes, n_dashes, 0);
  cairo_move_to (cr, 2, y);
  cairo_line_to (cr, end, y);
  cairo_stroke (cr);

  if (reseau_map_edge_is_directed (kind))
    {
      cairo_move_to (cr, SAMPLE_WIDTH - 2, y);
      cairo_line_to (cr, SAMPLE_WIDTH - 10, y - 4);
      cairo_line_to (cr, SAMPLE_WIDTH - 10, y + 4);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

static void
draw_sample (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const Sample *sample = user_data;

  switch (sample->kind)
    {
    case SAMPLE_NODE:
      draw_node (cr, sample, width / 2.0, height / 2.0);
      break;
    case SAMPLE_EDGE:
      draw_edge (cr, sample->edge, reseau_map_recency_color (RESEAU_RECENCY_COLD),
                 reseau_map_edge_width (1));
      break;
    case SAMPLE_RECENCY:
    default:
      draw_edge (cr, RESEAU_EDGE_INTERACTION, reseau_map_recency_color (sample->recency),
                 reseau_map_edge_width (1) + 1);
      break;
    }
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
