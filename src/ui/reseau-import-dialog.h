/* reseau-import-dialog.h — reading files of contacts, a preview, then writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* ReseauImportDialog: final type deriving from AdwWindow, modal, transient
 * for parent. It starts reading files (GFile*) at once, shows a preview,
 * and writes them when the user presses Import; then it emits "imported"
 * (guint new, guint updated) and closes. */
#define RESEAU_TYPE_IMPORT_DIALOG (reseau_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ReseauImportDialog, reseau_import_dialog, RESEAU, IMPORT_DIALOG, AdwWindow)

ReseauImportDialog *reseau_import_dialog_new      (GtkWindow          *parent,
                                                   ReseauDatabase     *database,
                                                   GPtrArray          *files);
/* "reading", "preview", "writing" or "error" (notified as "page"). */
const char         *reseau_import_dialog_get_page (ReseauImportDialog *self);

G_END_DECLS
