/* reseau-network-map.h — the network drawn: pan, zoom, select, open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "reseau-layout.h"
#include "reseau-network.h"

G_BEGIN_DECLS

/* Draws a laid-out network: edges (arrows on directed ones, width by
 * count, warm when recent and grey when cooling, a dash pattern per kind)
 * and nodes (people as discs with initials, organizations as rounded
 * squares, events as diamonds, clusters as large discs with a count).
 * Drag pans, the wheel and pinch zoom around the pointer.
 *
 * Each node on screen is also a small focusable child widget (role
 * button, labelled "Anne Dupont, person"), so that the keyboard and
 * screen readers reach it: Tab and Shift+Tab go through the nodes by
 * name, the arrow keys to the nearest node in that direction, Space
 * selects and Enter opens.
 *
 * Signals: "node-selected" (int index, -1 for none), "node-activated"
 * (int index: double-click or Enter), "layout-converged" (the layout ran
 * to its end and may be read and saved), "photos-wanted" (GArray of guint
 * indices: people with a photo, drawn big enough to show it; answer with
 * reseau_network_map_set_photos()). */
#define RESEAU_TYPE_NETWORK_MAP (reseau_network_map_get_type ())

G_DECLARE_FINAL_TYPE (ReseauNetworkMap, reseau_network_map, RESEAU, NETWORK_MAP, GtkWidget)

GtkWidget          *reseau_network_map_new               (void);

/* Takes the layout (transfer full; NULL: an empty map). Its network's
 * nodes are the map's nodes. The map fits them in view until the user
 * pans or zooms. */
void                reseau_network_map_set_layout        (ReseauNetworkMap          *self,
                                                          ReseauLayout              *layout);
/* The layout, NULL while reseau_network_map_run_layout() is stepping it
 * on its thread (it must not be touched then). */
ReseauLayout       *reseau_network_map_get_layout        (ReseauNetworkMap          *self);
ReseauNetwork      *reseau_network_map_get_network       (ReseauNetworkMap          *self);
/* Positions drawn now, n_nodes of them (also while the layout runs). */
const ReseauPoint  *reseau_network_map_get_positions     (ReseauNetworkMap          *self,
                                                          guint                     *n_positions);

/* Runs the layout on a worker thread and animates the map as it
 * converges; "layout-converged" when done. */
void                reseau_network_map_run_layout        (ReseauNetworkMap          *self);
gboolean            reseau_network_map_is_running        (ReseauNetworkMap          *self);

void                reseau_network_map_get_view          (ReseauNetworkMap          *self,
                                                          ReseauViewTransform       *view);
void                reseau_network_map_set_view          (ReseauNetworkMap          *self,
                                                          const ReseauViewTransform *view);
/* Fits every node in the widget. */
void                reseau_network_map_fit               (ReseauNetworkMap          *self);
/* Multiplies the zoom around the widget's centre. */
void                reseau_network_map_zoom              (ReseauNetworkMap          *self,
                                                          double                     factor);
/* Pans so that the node is in the middle. */
void                reseau_network_map_center_on         (ReseauNetworkMap          *self,
                                                          guint                      node);

/* The node under a point of the widget, or -1. */
int                 reseau_network_map_node_at           (ReseauNetworkMap          *self,
                                                          double                     x,
                                                          double                     y);

int                 reseau_network_map_get_selected      (ReseauNetworkMap          *self);
void                reseau_network_map_set_selected      (ReseauNetworkMap          *self,
                                                          int                        node);

/* Highlights the nodes whose index is in matches (guint indices; NULL or
 * empty: no highlight) and dims the rest. */
void                reseau_network_map_set_highlight     (ReseauNetworkMap          *self,
                                                          GArray                    *matches);
gboolean            reseau_network_map_is_highlighted    (ReseauNetworkMap          *self,
                                                          guint                      node);

/* The photos of nodes (guint indices), one GBytes of image data (or NULL:
 * none) each, decoded off the main thread and drawn in their discs. */
void                reseau_network_map_set_photos        (ReseauNetworkMap          *self,
                                                          GArray                    *nodes,
                                                          GPtrArray                 *photos);

/* The child widget that stands for a node, NULL when the node is off
 * screen. For tests and the keyboard. */
GtkWidget          *reseau_network_map_get_node_widget   (ReseauNetworkMap          *self,
                                                          guint                      node);
/* The node a child widget stands for, or -1. */
int                 reseau_network_map_get_widget_node   (ReseauNetworkMap          *self,
                                                          GtkWidget                 *child);
/* Focuses the node's child widget (panning to it first if needed). */
gboolean            reseau_network_map_focus_node        (ReseauNetworkMap          *self,
                                                          guint                      node);

/* What the map shows now, rendered with the widget's renderer (NULL when
 * it is not realized), or written as SVG text. */
GdkTexture         *reseau_network_map_render_texture    (ReseauNetworkMap          *self);
char               *reseau_network_map_to_svg            (ReseauNetworkMap          *self);

/* Pushes the pending node children and positions into their widgets now
 * rather than at the next frame: the benchmark and the tests. */
void                reseau_network_map_sync_children     (ReseauNetworkMap          *self);

/* "a person", "an organization", … as in an accessible label. */
const char         *reseau_network_node_kind_name        (ReseauNodeKind             kind);

G_END_DECLS
