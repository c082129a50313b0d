/* reseau-referrals-view.h — the Referrals view: favours given and received
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* Groups "Recommended me — not thanked yet", "I owe a referral", "All
 * referrals" and "Mandates" (by source). Signal "add-referral" asks the
 * window for the referral dialog; "changed" tells it that a referral was
 * changed from the view. Reloads when shown and on
 * reseau_referrals_view_reload(). */
#define RESEAU_TYPE_REFERRALS_VIEW (reseau_referrals_view_get_type ())

G_DECLARE_FINAL_TYPE (ReseauReferralsView, reseau_referrals_view, RESEAU, REFERRALS_VIEW, AdwBin)

/* cancellable is the window's. */
void reseau_referrals_view_set_database (ReseauReferralsView *self,
                                         ReseauDatabase      *database,
                                         GCancellable        *cancellable);
void reseau_referrals_view_reload       (ReseauReferralsView *self);
/* Focuses that referral's row in "All referrals" once the view has listed
 * it (the next time it is shown, or now if it is). */
void reseau_referrals_view_show_referral (ReseauReferralsView *self,
                                          gint64               id);

G_END_DECLS
