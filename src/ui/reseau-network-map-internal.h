/* reseau-network-map-internal.h — the map's state, shared by the files
 * of the map widget itself (not by its node widgets or its exports)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-map-avatars.h"
#include "reseau-map-scene.h"
#include "reseau-network-map-private.h"

G_BEGIN_DECLS

/* A node drawn at least this big (see reseau_layout_hit_test). */
#define MIN_SCREEN_RADIUS 4.0
/* Above this many visible edges, dashes and round joins cost more than
 * they tell: every edge is drawn solid. */
#define MAX_DASHED_EDGES  2500
/* Labels only when they can be read and do not cover each other. */
#define MAX_LABELS        250
#define LABEL_MIN_RADIUS  6.0
#define INITIALS_MIN_RADIUS 11.0
#define N_WIDTHS          3
#define N_EDGE_STYLES     (RESEAU_N_EDGE_KINDS * RESEAU_N_RECENCIES * N_WIDTHS)
/* Kinds × recencies, for nodes. */
#define N_NODE_STYLES     (4 * RESEAU_N_RECENCIES)

typedef struct _Run Run;

/* What a picture was painted for. */
typedef struct
{
  ReseauViewTransform view;
  guint               serial;   /* content_serial */
  int                 width;
  int                 height;
  int                 scale;
} PictureState;

typedef struct
{
  float x;
  float y;
  float r;
} ScreenNode;

struct _ReseauNetworkMap
{
  GtkWidget            parent_instance;

  /* Owned */
  ReseauLayout        *layout;        /* NULL while run holds it */
  ReseauNetwork       *network;
  GArray              *positions;     /* ReseauPoint, as drawn */
  float               *radii;         /* world radius of each node */
  ScreenNode          *screen;        /* this frame's screen geometry */
  guint8              *visible;       /* this frame: the node is on screen */
  guint8              *highlight;     /* NULL: no highlight */
  guint               *edge_order;    /* edges sorted by style */
  guint                edge_style_start[N_EDGE_STYLES + 1];
  guint               *node_order;    /* nodes sorted by style */
  guint                node_style_start[N_NODE_STYLES + 1];
  guint               *tab_order;     /* nodes by name: Tab goes through them */
  guint               *tab_rank;      /* node → position in tab_order */
  GtkWidget          **node_widgets;  /* n_nodes, NULL off screen */
  ReseauMapAvatars    *avatars;
  GArray              *photos_wanted; /* guint: nodes to ask photos for */
  GCancellable        *run_cancellable;
  cairo_surface_t     *picture;       /* the last picture painted, NULL: none yet */
  GdkTexture          *picture_texture;  /* the same pixels, for GL renderers */
  GCancellable        *painting;      /* a picture being painted: painting_state */
  ReseauMapTextCache  *painter_text;  /* the worker's, while painting */

  /* Borrowed: freed by the run's callback */
  Run                 *run;

  ReseauViewTransform  view;
  PictureState         picture_state;
  PictureState         painting_state;
  guint                content_serial;  /* what the map shows changed */
  guint                n_pictures_painted;
  gint64               last_paint_us;
  guint                wheel_end_id;    /* a burst of wheel events under way */
  guint                sync_tick_id;    /* node widgets still to make or drop */
  guint                photos_wanted_id;  /* photos-wanted to emit */
  guint                n_nodes;
  double               drag_origin_x;
  double               drag_origin_y;
  double               pointer_x;
  double               pointer_y;
  double               last_scale;
  int                  selected;
  int                  hover;

  guint                auto_fit : 1;   /* fit until the user pans or zooms */
  guint                panning : 1;
  guint                has_pointer : 1;
  guint                leaving : 1;    /* Ctrl+Tab: focus leaves the map */
  guint                dragging : 1;   /* a drag is panning */
  guint                pinching : 1;
};

/* reseau-network-map.c */
double   reseau_network_map_screen_radius  (ReseauNetworkMap *self,
                                            guint             node);
/* Fills screen and visible for a width × height widget; returns how many
 * nodes are on screen. */
guint    reseau_network_map_compute_screen (ReseauNetworkMap *self,
                                            double            width,
                                            double            height);
/* A drag, a pinch or a burst of wheel events is under way. */
gboolean reseau_network_map_in_gesture     (ReseauNetworkMap *self);
/* Asks, from the main loop, for the photos the last scene wanted. */
void     reseau_network_map_ask_for_photos (ReseauNetworkMap *self);

/* reseau-network-map-draw.c */
void     reseau_network_map_snapshot       (GtkWidget        *widget,
                                            GtkSnapshot      *snapshot);
void     reseau_network_map_drop_picture   (ReseauNetworkMap *self);

G_END_DECLS
