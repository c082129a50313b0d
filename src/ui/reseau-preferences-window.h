/* reseau-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RESEAU_TYPE_PREFERENCES_WINDOW (reseau_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (ReseauPreferencesWindow, reseau_preferences_window, RESEAU, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* parent may be NULL. */
GtkWindow *reseau_preferences_window_new (GtkWindow *parent);

G_END_DECLS
