/* reseau-referral-dialog.h — the “Record Referral” window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* A modal window that records one referral, received or given: the
 * person, to whom, for what, the day, the outcome, the value and (received
 * only) whether I thanked them. Emits "saved" once the referral is in the
 * database, then closes. */
#define RESEAU_TYPE_REFERRAL_DIALOG (reseau_referral_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ReseauReferralDialog, reseau_referral_dialog, RESEAU, REFERRAL_DIALOG, AdwWindow)

/* cancellable is the window's: closing the window cancels the save. */
ReseauReferralDialog *reseau_referral_dialog_new        (GtkWindow            *parent,
                                                         ReseauDatabase       *database,
                                                         GCancellable         *cancellable);
/* Presets the person; display_name may be NULL (it is then loaded). */
void                  reseau_referral_dialog_set_person (ReseauReferralDialog *self,
                                                         const char           *uid,
                                                         const char           *display_name);

G_END_DECLS
