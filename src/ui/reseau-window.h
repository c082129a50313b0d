/* reseau-window.h — the main window: contacts, timeline and follow-up views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

#define RESEAU_TYPE_WINDOW (reseau_window_get_type ())

G_DECLARE_FINAL_TYPE (ReseauWindow, reseau_window, RESEAU, WINDOW, AdwApplicationWindow)

ReseauWindow *reseau_window_new                (GtkApplication *application,
                                                gboolean        demo);
/* The database to show, once it is open; NULL shows that it is loading. */
void          reseau_window_set_database       (ReseauWindow   *self,
                                                ReseauDatabase *database);
/* Shows why the database could not be opened instead of the contacts.
 * can_restore offers the app.restore-backup action. */
void          reseau_window_set_database_error (ReseauWindow   *self,
                                                const GError   *error,
                                                gboolean        can_restore);
/* "contacts", "timeline" or "follow-up"; anything else shows the contacts. */
void          reseau_window_show_view          (ReseauWindow   *self,
                                                const char     *name);

/* Opens the import dialog for files (GFile*), once the database is open
 * if it is not yet; files from the file chooser, a drop, the command line
 * or the file manager all come here. */
void          reseau_window_import_files       (ReseauWindow   *self,
                                                GPtrArray      *files);

/* Whether name is one of the views above. */
gboolean      reseau_window_is_view_name       (const char     *name);

G_END_DECLS
