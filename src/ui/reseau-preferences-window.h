/* reseau-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-sync-controller.h"

G_BEGIN_DECLS

#define RESEAU_TYPE_PREFERENCES_WINDOW (reseau_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (ReseauPreferencesWindow, reseau_preferences_window, RESEAU, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* parent and sync_controller may be NULL; without a controller holding an
 * open database (the demo network, a database that failed), the phone sync
 * page says why it cannot be set up. */
GtkWindow *reseau_preferences_window_new             (GtkWindow               *parent,
                                                      ReseauSyncController    *sync_controller);
/* Shows the phone sync page and asks for the account's password again. */
void       reseau_preferences_window_change_password (ReseauPreferencesWindow *self,
                                                      gint64                   account_id);

G_END_DECLS
