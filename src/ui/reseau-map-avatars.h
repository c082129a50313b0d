/* reseau-map-avatars.h — people's photos on the network map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The side of a decoded photo, in pixels: enough for the biggest node
 * drawn at a scale factor of 2. */
#define RESEAU_MAP_AVATAR_SIZE 96

typedef struct _ReseauMapAvatars ReseauMapAvatars;

/* Called on the main context when photos given to add_photos() are
 * decoded. */
typedef void (*ReseauMapAvatarsReady) (gpointer user_data);

ReseauMapAvatars *reseau_map_avatars_new           (guint                  n_nodes,
                                                    ReseauMapAvatarsReady  ready,
                                                    gpointer               user_data);
/* Photos being decoded are dropped, and ready is not called again. */
void              reseau_map_avatars_free          (ReseauMapAvatars      *self);
/* The photo of node, decoded (RESEAU_MAP_AVATAR_SIZE square), or NULL;
 * a node with a photo that was not asked for yet is noted as wanted. */
cairo_surface_t  *reseau_map_avatars_get           (ReseauMapAvatars      *self,
                                                    guint                  node,
                                                    gboolean               has_photo);
/* The nodes noted as wanted since the last call (guint), or NULL. */
GArray           *reseau_map_avatars_take_wanted   (ReseauMapAvatars      *self);
/* Decodes photos (image bytes, or NULL for none) of nodes (guint) on a
 * worker thread. A photo that cannot be decoded is left out: its node
 * keeps its initials. */
void              reseau_map_avatars_add_photos    (ReseauMapAvatars      *self,
                                                    GArray                *nodes,
                                                    GPtrArray             *photos);

G_END_DECLS
