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

/* A GListModel of ReseauContactItem, sorted by folded display name, or by
 * relationship strength. Items are made when asked for (only the visible
 * rows ask), from compact summaries; full records stay in the database.
 *
 * Sorted by name, each item's section is its initial ("E"). Sorted by
 * strength (reseau-strength.h), the strongest come first, equals by name,
 * and the contacts with no strength (no interaction, or none for so long
 * that nothing is left) last, by name; each item's section is its band,
 * translated: "Strong" (60–100), "Steady" (30–59, from the cooling-down
 * threshold), "Fading" (1–29), "No recent interactions" (0).
 *
 * Properties: "query" (string), "loading" (boolean: TRUE from a reload, a
 * query change or a change of sort until the list has settled), "n-total"
 * (uint: contacts in the database, whatever the query), "sort-by-strength"
 * (boolean; setting the property uses the local date, see below). Signal
 * "settled" is emitted each time the list has caught up with the last
 * query, reload or sort. */
ReseauContactStore *reseau_contact_store_new          (ReseauDatabase     *database);
ReseauDatabase     *reseau_contact_store_get_database (ReseauContactStore *self);

/* Reloads every summary from the database, keeping the query (and the
 * strengths, when sorted by strength). */
void                reseau_contact_store_reload       (ReseauContactStore *self);

/* Sorts by strength on today, or by name. today NULL means the local date
 * at each read of the strengths (the window); tests give a day. The
 * strengths are read asynchronously: the list keeps its order until they
 * come, then changes in one replace-all and "settled" follows. */
void                reseau_contact_store_set_sort_by_strength (ReseauContactStore *self,
                                                               gboolean            by_strength,
                                                               const GDate        *today);
gboolean            reseau_contact_store_get_sort_by_strength (ReseauContactStore *self);
/* Reads the strengths again, e.g. after an interaction was logged, edited
 * or deleted: only the rows that move or change band are announced.
 * Nothing happens when sorted by name. */
void                reseau_contact_store_reload_strengths     (ReseauContactStore *self);

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
