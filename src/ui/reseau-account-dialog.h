/* reseau-account-dialog.h — adds a CardDAV account, or changes its password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-sync-controller.h"

G_BEGIN_DECLS

#define RESEAU_TYPE_ACCOUNT_DIALOG (reseau_account_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ReseauAccountDialog, reseau_account_dialog, RESEAU, ACCOUNT_DIALOG, AdwWindow)

/* account NULL: a new account (server, user name, password, then the
 * address books to sync). Otherwise the password of that account: it is
 * stored only once the server accepted it. The controller's database must
 * be open. Emits "done" (gint64 account id) once something was saved. */
ReseauAccountDialog *reseau_account_dialog_new (GtkWindow            *parent,
                                                ReseauSyncController *controller,
                                                const ReseauAccount  *account);

/* The message the dialog shows for a failed step (tests). */
const char          *reseau_account_dialog_get_error (ReseauAccountDialog *self);

G_END_DECLS
