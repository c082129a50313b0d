/* reseau-network-map-private.h — shared by the map, its node widgets and
 * its exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-map-raster.h"
#include "reseau-network-map.h"

G_BEGIN_DECLS

/* How an edge or a node looks: one style per kind × recency × width, so
 * that a frame strokes each style's path once. */
typedef enum
{
  RESEAU_RECENCY_WARM,      /* within a month */
  RESEAU_RECENCY_RECENT,    /* within three months */
  RESEAU_RECENCY_COOLING,   /* within six months */
  RESEAU_RECENCY_COLD,      /* older, never, or unknown */
  RESEAU_N_RECENCIES
} ReseauRecency;

typedef struct
{
  double red, green, blue;
} ReseauMapColor;

ReseauRecency         reseau_map_recency            (int                 days_since);
const ReseauMapColor *reseau_map_recency_color      (ReseauRecency       recency);
const ReseauMapColor *reseau_map_node_color         (const ReseauNetworkNode *node);
/* What the rasterizer draws a node as, and a colour with its alpha. */
ReseauRasterShape     reseau_map_node_shape         (const ReseauNetworkNode *node);
ReseauRasterColor     reseau_map_raster_color       (const ReseauMapColor *color,
                                                     double                alpha);
/* Screen pixels of an edge's stroke. */
double                reseau_map_edge_width         (guint               count);
gboolean              reseau_map_edge_is_directed   (ReseauEdgeKind      kind);
/* The dash pattern of an edge kind (n_dashes 0: solid). */
const double         *reseau_map_edge_dashes        (ReseauEdgeKind      kind,
                                                     int                *n_dashes);

/* reseau-network-map.c, for the node widgets */
void                  reseau_network_map_node_activated (ReseauNetworkMap *self,
                                                         guint             node);
void                  reseau_network_map_node_select    (ReseauNetworkMap *self,
                                                         guint             node);
/* Screen centre and radius of a node as drawn. */
void                  reseau_network_map_node_geometry  (ReseauNetworkMap *self,
                                                         guint             node,
                                                         double           *x,
                                                         double           *y,
                                                         double           *radius);
/* Paints the picture of the current view now, on this thread, if the
 * one the map has is stale (pictures are otherwise painted on a worker
 * thread, a frame or two later): for the exports. Returns whether it
 * painted. */
gboolean              reseau_network_map_paint_now      (ReseauNetworkMap *self);
/* Whether the picture is of the current view and content. */
gboolean              reseau_network_map_has_current_picture (ReseauNetworkMap *self);
/* How many pictures were painted on the worker thread so far, and the
 * last one's time: for the benchmark. */
guint                 reseau_network_map_get_paint_stats (ReseauNetworkMap *self,
                                                          gint64           *last_paint_us);

G_END_DECLS
