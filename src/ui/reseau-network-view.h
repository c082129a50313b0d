/* reseau-network-view.h — the Network view: the map, its filters and a
 * summary of the selected contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"
#include "reseau-network-map.h"

G_BEGIN_DECLS

/* Loads the network when shown and on reseau_network_view_reload(); keeps
 * node positions in the database so that the map opens as it was left.
 * Above a number of nodes (3,000 by default) people are folded into
 * groups, which a click expands. Signals: "log-interaction" (uid, display
 * name) and "open-contact" (uid), for the window to act on; "loaded" once
 * a network is on the map (tests wait for it). */
#define RESEAU_TYPE_NETWORK_VIEW (reseau_network_view_get_type ())

G_DECLARE_FINAL_TYPE (ReseauNetworkView, reseau_network_view, RESEAU, NETWORK_VIEW, AdwBin)

/* cancellable is the window's. */
void              reseau_network_view_set_database  (ReseauNetworkView *self,
                                                     ReseauDatabase    *database,
                                                     GCancellable      *cancellable);
void              reseau_network_view_reload        (ReseauNetworkView *self);
ReseauNetworkMap *reseau_network_view_get_map       (ReseauNetworkView *self);
/* How many nodes the map shows before it folds people into groups. */
void              reseau_network_view_set_max_nodes (ReseauNetworkView *self,
                                                     guint              max_nodes);

G_END_DECLS
