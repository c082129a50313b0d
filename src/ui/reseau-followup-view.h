/* reseau-followup-view.h — the Follow-up view: who to get back to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* Sections Overdue, Today, This Week, Later and Cooling Down, each with its
 * count and its first rows ("Show More" for the rest). Signals: "log-interaction" (uid, display name) and
 * "open-contact" (uid), for the window to act on. Reloads when it is shown
 * and when reseau_followup_view_reload() is called. */
#define RESEAU_TYPE_FOLLOWUP_VIEW (reseau_followup_view_get_type ())

G_DECLARE_FINAL_TYPE (ReseauFollowupView, reseau_followup_view, RESEAU, FOLLOWUP_VIEW, AdwBin)

/* cancellable is the window's. */
void reseau_followup_view_set_database (ReseauFollowupView *self,
                                        ReseauDatabase     *database,
                                        GCancellable       *cancellable);
void reseau_followup_view_reload       (ReseauFollowupView *self);
/* Notifies through application what falls due: a summary at once, then a
 * check every hour. NULL (the default) sends nothing. */
void reseau_followup_view_set_application (ReseauFollowupView *self,
                                           GApplication       *application);

G_END_DECLS
