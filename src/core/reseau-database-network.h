/* reseau-database-network.h — the network map's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-database.h"
#include "reseau-layout.h"
#include "reseau-network.h"

G_BEGIN_DECLS

/* The whole network on today: every live person, the organizations they
 * work at, the events they went to, and the edges of reseau-network.h,
 * with strengths and recencies as of today. */
ReseauNetwork  *reseau_database_load_network          (ReseauDatabase  *self,
                                                       const GDate     *today,
                                                       GError         **error);
void            reseau_database_load_network_async    (ReseauDatabase  *self,
                                                       const GDate     *today,
                                                       GCancellable    *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer         user_data);
ReseauNetwork  *reseau_database_load_network_finish   (ReseauDatabase  *self,
                                                       GAsyncResult    *result,
                                                       GError         **error);

/* The photos of the contacts of uids (NULL-terminated), in the same
 * order: image bytes as stored, or NULL for a contact without one. */
GPtrArray      *reseau_database_load_photos           (ReseauDatabase     *self,
                                                       const char * const *uids,
                                                       GError            **error);
void            reseau_database_load_photos_async     (ReseauDatabase     *self,
                                                       const char * const *uids,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
GPtrArray      *reseau_database_load_photos_finish    (ReseauDatabase     *self,
                                                       GAsyncResult       *result,
                                                       GError            **error);

/* Where the map left its nodes: node key → ReseauPoint* (g_free'd). */
GHashTable     *reseau_database_load_node_positions   (ReseauDatabase  *self,
                                                       GError         **error);
void            reseau_database_load_node_positions_async  (ReseauDatabase  *self,
                                                       GCancellable    *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer         user_data);
GHashTable     *reseau_database_load_node_positions_finish (ReseauDatabase  *self,
                                                       GAsyncResult    *result,
                                                       GError         **error);
/* Stores the positions of every node of the layout's network, in one
 * transaction; the _async call copies what it needs. */
gboolean        reseau_database_save_node_positions   (ReseauDatabase  *self,
                                                       ReseauLayout    *layout,
                                                       GError         **error);
void            reseau_database_save_node_positions_async  (ReseauDatabase  *self,
                                                       ReseauLayout    *layout,
                                                       GCancellable    *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer         user_data);
gboolean        reseau_database_save_node_positions_finish (ReseauDatabase  *self,
                                                       GAsyncResult    *result,
                                                       GError         **error);

G_END_DECLS
