/* reseau-contact-store.h — the contact list as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reseau-database.h"

G_BEGIN_DECLS

#define RESEAU_TYPE_CONTACT_STORE (reseau_contact_store_get_type ())

G_DECLARE_FINAL_TYPE (ReseauContactStore, reseau_contact_store, RESEAU, CONTACT_STORE, GObject)

/* A GListModel of ReseauContactItem, sorted by folded display name. Items
 * are made when asked for (only the visible rows ask), from compact
 * summaries; full records stay in the database.
 *
 * Properties: "query" (string), "loading" (boolean: TRUE from a reload or a
 * query change until the list has settled), "n-total" (uint: contacts in
 * the database, whatever the query). Signal "settled" is emitted each time
 * the list has caught up with the last query or reload. */
ReseauContactStore *reseau_contact_store_new          (ReseauDatabase     *database);
ReseauDatabase     *reseau_contact_store_get_database (ReseauContactStore *self);

/* Reloads every summary from the database, keeping the query. */
void                reseau_contact_store_reload       (ReseauContactStore *self);

const char         *reseau_contact_store_get_query    (ReseauContactStore *self);
void                reseau_contact_store_set_query    (ReseauContactStore *self,
                                                       const char         *query);
gboolean            reseau_contact_store_get_loading  (ReseauContactStore *self);
guint               reseau_contact_store_get_n_total  (ReseauContactStore *self);

/* Position of a contact in the current list, or GTK_INVALID_LIST_POSITION
 * (G_MAXUINT) when it is not shown. */
guint               reseau_contact_store_find_uid     (ReseauContactStore *self,
                                                       const char         *uid);

G_END_DECLS
