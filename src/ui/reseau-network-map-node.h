/* reseau-network-map-node.h — a node of the network map, for the keyboard
 * and screen readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "reseau-network.h"

G_BEGIN_DECLS

/* A child of ReseauNetworkMap that draws nothing (the map draws the
 * node, and the focus ring around it) and takes no pointer events: it is
 * there to be focused and to be announced, with role button and the label
 * "Anne Dupont, person". Space selects the node, Enter opens it. */
#define RESEAU_TYPE_NETWORK_MAP_NODE (reseau_network_map_node_get_type ())

G_DECLARE_FINAL_TYPE (ReseauNetworkMapNode, reseau_network_map_node, RESEAU, NETWORK_MAP_NODE, GtkWidget)

GtkWidget *reseau_network_map_node_new       (guint                    index,
                                              const ReseauNetworkNode *node);
guint      reseau_network_map_node_get_index (ReseauNetworkMapNode    *self);

G_END_DECLS
