/* reseau-duplicates-window.h — possible duplicates, and merging them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* ReseauDuplicatesWindow: final type deriving from AdwWindow, transient
 * for parent. Lists the pairs of contacts that may be the same person and
 * merges a pair side by side. Signals:
 *   "contacts-changed" ()           a merge or its Undo changed the database;
 *   "merging"          ()           a merge is about to put a contact in the
 *                                   trash: any other Undo on offer must end
 *                                   (and empty the trash) first;
 *   "undo-offered"     (AdwToast*)  the toast offering to undo a merge is
 *                                   about to show: whoever empties the
 *                                   trash must wait until it is dismissed. */
#define RESEAU_TYPE_DUPLICATES_WINDOW (reseau_duplicates_window_get_type ())

G_DECLARE_FINAL_TYPE (ReseauDuplicatesWindow, reseau_duplicates_window, RESEAU, DUPLICATES_WINDOW, AdwWindow)

ReseauDuplicatesWindow *reseau_duplicates_window_new      (GtkWindow              *parent,
                                                           ReseauDatabase         *database);
/* "loading", "empty", "list", "merge" or "error" (notified as "page"). */
const char             *reseau_duplicates_window_get_page (ReseauDuplicatesWindow *self);

G_END_DECLS
