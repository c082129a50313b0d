/* reseau-timeline-view.h — every interaction, newest first, grouped by day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* ReseauTimelineView: final type deriving from AdwBin. Signals:
 * "deleting": an interaction is about to go to the trash (the Undo on
 * offer must end first, see reseau_window_end_undo());
 * "undo-offered" (AdwToast *toast): an interaction was deleted and toast,
 * about to be shown in the window's toast overlay, offers to bring it back;
 * "interactions-changed": one was edited, deleted or restored here.
 *
 * Activating a row, or its Edit button, opens it in the “Edit Interaction”
 * window; its Delete button moves it to the trash with Undo. The contact
 * sheet's timeline reaches the same two through the window's actions. */
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
/* Loads interaction id and opens it in the “Edit Interaction” window,
 * transient for the view's window. */
void        reseau_timeline_view_edit_interaction   (ReseauTimelineView *self,
                                                     gint64              id);
/* Moves interaction id to the trash and offers Undo in a toast. */
void        reseau_timeline_view_delete_interaction (ReseauTimelineView *self,
                                                     gint64              id);
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
