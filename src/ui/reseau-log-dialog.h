/* reseau-log-dialog.h — the “Log Interaction” window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* A modal window that logs one interaction: type, day and time, the
 * participants (at least one), direction and a note. Emits "saved" once the
 * interaction is in the database, then closes. Opened on an interaction
 * already logged, it edits it (“Edit Interaction”): its fields start from
 * it and Save writes it back under its id. */
#define RESEAU_TYPE_LOG_DIALOG (reseau_log_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ReseauLogDialog, reseau_log_dialog, RESEAU, LOG_DIALOG, AdwWindow)

/* cancellable is the window's: closing the window cancels the save. */
ReseauLogDialog *reseau_log_dialog_new             (GtkWindow       *parent,
                                                    ReseauDatabase  *database,
                                                    GCancellable    *cancellable);
/* Edits interaction (a copy is kept; its id is what Save updates). */
ReseauLogDialog *reseau_log_dialog_new_for_interaction (GtkWindow               *parent,
                                                        ReseauDatabase          *database,
                                                        const ReseauInteraction *interaction,
                                                        GCancellable            *cancellable);
/* The interaction edited, or 0 when a new one is logged. */
gint64           reseau_log_dialog_get_interaction_id  (ReseauLogDialog *self);
/* Presets a participant; display_name may be NULL (it is then loaded). */
void             reseau_log_dialog_add_participant (ReseauLogDialog *self,
                                                    const char      *uid,
                                                    const char      *display_name);

G_END_DECLS
