/* reseau-layout.h — force-directed layout of a network, and the map's geometry
 *
 * Springs along the edges, repulsion between every pair of nodes
 * approximated with a Barnes–Hut quadtree (O(n log n) per step), gravity
 * toward the centre, and a cooling step size. Given the same network, the
 * same seed and the same starting positions, the result is the same bit
 * for bit: no clock, no global random state, no thread races.
 *
 * Positions are in world units (a node of strength 0 has radius
 * RESEAU_LAYOUT_NODE_RADIUS); the UI maps them to the screen with a
 * ReseauViewTransform.
 *
 * A layout is not thread-safe: use it from one thread at a time. The
 * runner steps it on a thread of its own and hands copies of the
 * positions to the caller's main context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reseau-network.h"

G_BEGIN_DECLS

#define RESEAU_LAYOUT_NODE_RADIUS 8.0

typedef struct
{
  float x;
  float y;
} ReseauPoint;

typedef struct _ReseauLayout ReseauLayout;

/* Places nodes without a known position around their neighbours, or on a
 * seeded spiral; known positions come from reseau_layout_set_position()
 * (saved from an earlier run) and make the map open as it was left. */
ReseauLayout      *reseau_layout_new              (ReseauNetwork  *network,
                                                   guint64         seed);
void               reseau_layout_free             (ReseauLayout   *self);
ReseauNetwork     *reseau_layout_get_network      (ReseauLayout   *self);
void               reseau_layout_set_position     (ReseauLayout   *self,
                                                   guint           node,
                                                   ReseauPoint     position);
/* Keeps a node where it is (while the user drags it); FALSE releases it. */
void               reseau_layout_set_pinned       (ReseauLayout   *self,
                                                   guint           node,
                                                   gboolean        pinned);
/* One iteration. TRUE once converged: the largest move of the last step
 * fell below a small fraction of the node radius, or the step budget ran
 * out. Stepping a converged layout does nothing and returns TRUE. */
gboolean           reseau_layout_step             (ReseauLayout   *self);
/* Lets a converged layout run again from a low temperature, with a new
 * step budget: after the user dragged a node, say. set_position() on a
 * converged layout does it. */
void               reseau_layout_reheat           (ReseauLayout   *self);
gboolean           reseau_layout_is_converged     (ReseauLayout   *self);
guint              reseau_layout_get_n_steps      (ReseauLayout   *self);
/* n_nodes points, indexed like the network's nodes. */
const ReseauPoint *reseau_layout_get_positions    (ReseauLayout   *self);
/* World radius of a node: grows with strength for people, with members
 * for clusters. */
float              reseau_layout_node_radius      (const ReseauNetworkNode *node);

/* Runs the layout to convergence on a worker thread. Every frame_us
 * microseconds at most, positions() is called on the main context that
 * was current when this was called, with a copy of the positions (owned
 * by the callee: GArray of ReseauPoint). callback then completes; finish
 * returns FALSE with G_IO_ERROR_CANCELLED when cancelled. The layout
 * must not be touched until callback runs. */
typedef void (*ReseauLayoutPositionsFunc) (GArray   *positions,
                                           gpointer  user_data);

void               reseau_layout_run_async        (ReseauLayout              *self,
                                                   gint64                     frame_us,
                                                   ReseauLayoutPositionsFunc  positions,
                                                   gpointer                   positions_data,
                                                   GCancellable              *cancellable,
                                                   GAsyncReadyCallback        callback,
                                                   gpointer                   user_data);
gboolean           reseau_layout_run_finish       (ReseauLayout              *self,
                                                   GAsyncResult              *result,
                                                   GError                   **error);

/* The map's view: screen = (world − origin) × zoom. */
typedef struct
{
  double zoom;       /* screen pixels per world unit */
  double origin_x;   /* world point at the widget's top-left corner */
  double origin_y;
} ReseauViewTransform;

#define RESEAU_VIEW_MIN_ZOOM 0.02
#define RESEAU_VIEW_MAX_ZOOM 8.0

void               reseau_view_transform_to_screen (const ReseauViewTransform *self,
                                                    ReseauPoint                world,
                                                    double                    *sx,
                                                    double                    *sy);
ReseauPoint        reseau_view_transform_to_world  (const ReseauViewTransform *self,
                                                    double                     sx,
                                                    double                     sy);
/* Multiplies the zoom by factor (clamped) keeping the world point under
 * (sx, sy) where it is: the wheel and pinch gestures. */
void               reseau_view_transform_zoom_at   (ReseauViewTransform       *self,
                                                    double                     factor,
                                                    double                     sx,
                                                    double                     sy);
/* Shows every point, with margin pixels around, in a width × height widget. */
void               reseau_view_transform_fit       (ReseauViewTransform       *self,
                                                    const ReseauPoint         *points,
                                                    guint                      n_points,
                                                    double                     width,
                                                    double                     height,
                                                    double                     margin);

/* The node under a screen point, or -1: the topmost (highest index) whose
 * drawn disc contains the point. A node is drawn with its world radius
 * times the zoom, but never smaller than 4 pixels, so that tiny nodes
 * stay clickable when zoomed out. */
int                reseau_layout_hit_test          (ReseauLayout              *self,
                                                    const ReseauViewTransform *view,
                                                    double                     sx,
                                                    double                     sy);

G_END_DECLS
