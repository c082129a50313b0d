/* reseau-map-legend.h — what the network map's shapes, lines and colours mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A grid of small samples drawn as the map draws them, each beside what
 * it means: for the Network view's legend popover. */
GtkWidget *reseau_map_legend_new (void);

G_END_DECLS
