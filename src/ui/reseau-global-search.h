/* reseau-global-search.h — the Ctrl+K window: one search over everything
 *
 * Signals:
 * "hit-activated" (ReseauGlobalSearchGroup group, const char *uid,
 *                  const char *display_name, gint64 id): the user chose a
 *   result; uid is the contact to open (NULL when the result has none), id
 *   the interaction, event or referral (0 for a contact). The window
 *   closes itself afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

#define RESEAU_TYPE_GLOBAL_SEARCH_WINDOW (reseau_global_search_window_get_type ())

G_DECLARE_FINAL_TYPE (ReseauGlobalSearchWindow, reseau_global_search_window, RESEAU, GLOBAL_SEARCH_WINDOW, GtkWindow)

GtkWidget *reseau_global_search_window_new (GtkWindow      *parent,
                                            ReseauDatabase *database);

G_END_DECLS
