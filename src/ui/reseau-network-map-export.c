/* reseau-network-map-export.c — the map's current view as PNG or SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PNG is the widget itself, rendered by its window's renderer into
 * a texture: exactly what is on screen. The SVG is written here as text,
 * from the same geometry and styles, keeping only what the view shows:
 * one <path> per edge style, one shape per node, the labels.
 */
#include "config.h"

#include <math.h>

#include "reseau-network-map-private.h"

GdkTexture *
reseau_network_map_render_texture (ReseauNetworkMap *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *parent;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  graphene_point_t origin;
  GtkAllocation allocation;
  GtkSnapshot *snapshot;
  GtkNative *native;
  GskRenderer *renderer;

  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), NULL);

  native = gtk_widget_get_native (widget);
  parent = gtk_widget_get_parent (widget);
  if (native == NULL || parent == NULL || !gtk_widget_get_mapped (widget) || width <= 0 || height <= 0)
    return NULL;
  renderer = gtk_native_get_renderer (native);
  if (renderer == NULL
      || !gtk_widget_compute_point (widget, parent, &GRAPHENE_POINT_INIT (0, 0), &origin))
    return NULL;

  /* An export may come between a change that asks for a new layout and
   * the frame that would make it (the layout's positions arrive from the
   * main loop): the map is placed again where it is, so that GTK draws it
   * laid out, as the next frame would. */
  gtk_widget_get_allocation (widget, &allocation);
  gtk_widget_size_allocate (widget, &allocation, -1);

  /* The widget as its parent draws it (background and all), moved back
   * to the origin: the same render node as the window's next frame, with
   * the picture of the current view painted now. */
  reseau_network_map_paint_now (self);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-origin.x, -origin.y));
  gtk_widget_snapshot_child (parent, widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
append_color (GString              *svg,
              const ReseauMapColor *color)
{
  g_string_append_printf (svg, "#%02x%02x%02x",
                          (int) round (color->red * 255),
                          (int) round (color->green * 255),
                          (int) round (color->blue * 255));
}

static void
append_node_shape (GString                 *svg,
                   const ReseauNetworkNode *node,
                   double                   x,
                   double                   y,
                   double                   r,
                   const char              *attributes)
{
  switch (node->kind)
    {
    case RESEAU_NODE_ORGANIZATION:
      g_string_append_printf (svg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%.1f\" %s/>\n",
                              x - r, y - r, 2 * r, 2 * r, r * 0.35, attributes);
      break;
    case RESEAU_NODE_EVENT:
      g_string_append_printf (svg, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" %s/>\n",
                              x, y - r * 1.2, x + r * 1.2, y, x, y + r * 1.2, x - r * 1.2, y, attributes);
      break;
    case RESEAU_NODE_PERSON:
    case RESEAU_NODE_CLUSTER:
    default:
      g_string_append_printf (svg, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" %s/>\n", x, y, r, attributes);
      break;
    }
}

static void
append_text (GString    *svg,
             double      x,
             double      y,
             const char *text,
             const char *attributes)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append_printf (svg, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>\n", x, y, attributes, escaped);
}

char *
reseau_network_map_to_svg (ReseauNetworkMap *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double width = MAX (gtk_widget_get_width (widget), 1);
  double height = MAX (gtk_widget_get_height (widget), 1);
  ReseauNetwork *network;
  const ReseauPoint *points;
  ReseauViewTransform view;
  guint n_points = 0;
  guint n_nodes, n_edges;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  g_autofree double *rs = NULL;
  g_autofree gboolean *shown = NULL;
  GString *svg;
  GdkRGBA fg;
  gboolean any_highlight = FALSE;
  int selected;

  g_return_val_if_fail (RESEAU_IS_NETWORK_MAP (self), NULL);

  svg = g_string_new (NULL);
  g_string_append_printf (svg,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                          "viewBox=\"0 0 %.0f %.0f\" font-family=\"Cantarell, sans-serif\" font-size=\"11\">\n",
                          width, height, width, height);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  /* The background the map has on screen, light or dark. */
  g_string_append_printf (svg, "<rect width=\"100%%\" height=\"100%%\" fill=\"%s\"/>\n",
                          fg.red + fg.green + fg.blue > 1.5 ? "#1e1e1e" : "#ffffff");

  network = reseau_network_map_get_network (self);
  points = reseau_network_map_get_positions (self, &n_points);
  if (network == NULL || points == NULL)
    {
      g_string_append (svg, "</svg>\n");
      return g_string_free (svg, FALSE);
    }

  reseau_network_map_get_view (self, &view);
  n_nodes = MIN (reseau_network_get_n_nodes (network), n_points);
  n_edges = reseau_network_get_n_edges (network);
  xs = g_new (double, n_nodes + 1);
  ys = g_new (double, n_nodes + 1);
  rs = g_new (double, n_nodes + 1);
  shown = g_new (gboolean, n_nodes + 1);
  for (guint i = 0; i < n_nodes; i++)
    {
      reseau_network_map_node_geometry (self, i, &xs[i], &ys[i], &rs[i]);
      shown[i] = xs[i] + rs[i] >= 0 && xs[i] - rs[i] <= width && ys[i] + rs[i] >= 0 && ys[i] - rs[i] <= height;
      any_highlight |= reseau_network_map_is_highlighted (self, i);
    }

  g_string_append (svg, "<defs>\n");
  for (guint recency = 0; recency < RESEAU_N_RECENCIES; recency++)
    {
      g_string_append_printf (svg, "<marker id=\"arrow%u\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
                              "markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
                              "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"", recency);
      append_color (svg, reseau_map_recency_color (recency));
      g_string_append (svg, "\"/></marker>\n");
    }
  g_string_append (svg, "</defs>\n<g id=\"edges\" fill=\"none\">\n");

  for (guint e = 0; e < n_edges; e++)
    {
      const ReseauNetworkEdge *edge = reseau_network_get_edge (network, e);
      ReseauRecency recency = reseau_map_recency (edge->days_since);
      double x1, y1, x2, y2, dx, dy, length;
      int n_dashes;
      const double *dashes = reseau_map_edge_dashes (edge->kind, &n_dashes);
      gboolean dim;

      if (edge->source >= n_nodes || edge->target >= n_nodes)
        continue;
      x1 = xs[edge->source];
      y1 = ys[edge->source];
      x2 = xs[edge->target];
      y2 = ys[edge->target];
      if (MAX (x1, x2) < 0 || MIN (x1, x2) > width || MAX (y1, y2) < 0 || MIN (y1, y2) > height)
        continue;

      /* Directed edges end on their target's outline, under the arrow. */
      dx = x2 - x1;
      dy = y2 - y1;
      length = sqrt (dx * dx + dy * dy);
      if (reseau_map_edge_is_directed (edge->kind) && length > rs[edge->target] + 1)
        {
          x2 -= dx / length * (rs[edge->target] + 1.5);
          y2 -= dy / length * (rs[edge->target] + 1.5);
        }

      dim = any_highlight && !(reseau_network_map_is_highlighted (self, edge->source)
                               && reseau_network_map_is_highlighted (self, edge->target));
      g_string_append_printf (svg, "<path d=\"M%.1f,%.1fL%.1f,%.1f\" stroke=\"", x1, y1, x2, y2);
      append_color (svg, reseau_map_recency_color (recency));
      g_string_append_printf (svg, "\" stroke-opacity=\"%.2f\" stroke-width=\"%.1f\"",
                              dim ? 0.12 : 0.65, reseau_map_edge_width (edge->count));
      if (n_dashes > 0)
        {
          g_string_append (svg, " stroke-dasharray=\"");
          for (int d = 0; d < n_dashes; d++)
            g_string_append_printf (svg, "%s%.1f", d > 0 ? "," : "", dashes[d]);
          g_string_append_c (svg, '"');
        }
      if (reseau_map_edge_is_directed (edge->kind))
        g_string_append_printf (svg, " marker-end=\"url(#arrow%u)\"", recency);
      g_string_append (svg, "/>\n");
    }
  g_string_append (svg, "</g>\n<g id=\"nodes\" stroke=\"#ffffff\" stroke-width=\"1.5\">\n");

  selected = reseau_network_map_get_selected (self);
  for (guint i = 0; i < n_nodes; i++)
    {
      const ReseauNetworkNode *node = reseau_network_get_node (network, i);
      GString *attributes;
      g_autofree char *attributes_text = NULL;

      if (!shown[i])
        continue;

      attributes = g_string_new ("fill=\"");
      append_color (attributes, reseau_map_node_color (node));
      g_string_append_c (attributes, '"');
      if (any_highlight && !reseau_network_map_is_highlighted (self, i))
        g_string_append (attributes, " opacity=\"0.25\"");
      attributes_text = g_string_free (attributes, FALSE);
      append_node_shape (svg, node, xs[i], ys[i], rs[i], attributes_text);

      if (reseau_network_map_is_highlighted (self, i))
        append_node_shape (svg, node, xs[i], ys[i], rs[i] + 2.5,
                           "fill=\"none\" stroke=\"#f6d32d\" stroke-width=\"3\"");
      if ((int) i == selected)
        append_node_shape (svg, node, xs[i], ys[i], rs[i] + 3,
                           "fill=\"none\" stroke=\"#1c71d8\" stroke-width=\"3\"");
    }
  g_string_append (svg, "</g>\n<g id=\"labels\" stroke=\"none\" text-anchor=\"middle\">\n");

  for (guint i = 0; i < n_nodes; i++)
    {
      const ReseauNetworkNode *node = reseau_network_get_node (network, i);
      g_autofree char *count = NULL;

      if (!shown[i])
        continue;

      if (rs[i] >= 11 && node->kind == RESEAU_NODE_CLUSTER)
        {
          count = g_strdup_printf ("%u", node->n_members);
          append_text (svg, xs[i], ys[i] + 4, count, "fill=\"#ffffff\" font-weight=\"bold\"");
        }
      else if (rs[i] >= 11 && node->kind == RESEAU_NODE_PERSON)
        append_text (svg, xs[i], ys[i] + 4, node->initials, "fill=\"#ffffff\" font-weight=\"bold\"");

      if (rs[i] >= 6 || (int) i == selected || reseau_network_map_is_highlighted (self, i))
        {
          g_autofree char *fill = g_strdup_printf ("fill=\"#%02x%02x%02x\"",
                                                   (int) round (fg.red * 255), (int) round (fg.green * 255),
                                                   (int) round (fg.blue * 255));

          append_text (svg, xs[i], ys[i] + rs[i] * (node->kind == RESEAU_NODE_EVENT ? 1.2 : 1.0) + 13,
                       node->label, fill);
        }
    }
  g_string_append (svg, "</g>\n</svg>\n");

  return g_string_free (svg, FALSE);
}
