/* reseau-timeline-view.h — every interaction, newest first, grouped by day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* ReseauTimelineView: final type deriving from AdwBin. Signals:
 * "undo-offered" (AdwToast *toast): an interaction was deleted and toast,
 * already shown in the window's toast overlay, offers to bring it back;
 * "interactions-changed": one was deleted or restored here. */
#define RESEAU_TYPE_TIMELINE_VIEW (reseau_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (ReseauTimelineView, reseau_timeline_view, RESEAU, TIMELINE_VIEW, AdwBin)

GtkWidget  *reseau_timeline_view_new            (void);
void        reseau_timeline_view_set_database   (ReseauTimelineView *self,
                                                 ReseauDatabase     *database);
/* Shows only the interactions with uid (NULL: with anyone); display_name
 * may be NULL. Resets the other filters. */
void        reseau_timeline_view_show_contact   (ReseauTimelineView *self,
                                                 const char         *uid,
                                                 const char         *display_name);
/* Interactions changed elsewhere: reads the list again. */
void        reseau_timeline_view_reload         (ReseauTimelineView *self);
/* The list model the view shows (ReseauTimelineModel), or NULL without a
 * database: for tests. */
GListModel *reseau_timeline_view_get_model      (ReseauTimelineView *self);

/* The heading of a day ("YYYY-MM-DD"): "Today", "Yesterday" or the date
 * in the user's language, given today. */
char       *reseau_timeline_format_day          (const char         *day,
                                                 GDateTime          *today);

G_END_DECLS
