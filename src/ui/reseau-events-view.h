/* reseau-events-view.h — the Events view: networking events and who I met
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* Events newest first, upcoming then past, beside the chosen event's
 * details: theme, notes, the people I met there and the other attendees.
 * From there: add an attendee, add people I met (new contacts with how we
 * met filled in and a follow-up the next day), edit, delete with Undo.
 * Reloads when shown and on reseau_events_view_reload().
 *
 * Action "events.new-event" opens the “New Event” window.
 *
 * Signals:
 * "open-contact" (const char *uid): the user wants to see a contact;
 * "contacts-changed": contacts were created here (people I met);
 * "undo-offered" (AdwToast *toast): an event was deleted and toast, already
 *   shown in the window's toast overlay, offers to bring it back. */
#define RESEAU_TYPE_EVENTS_VIEW (reseau_events_view_get_type ())

G_DECLARE_FINAL_TYPE (ReseauEventsView, reseau_events_view, RESEAU, EVENTS_VIEW, AdwBin)

GtkWidget *reseau_events_view_new          (void);
/* cancellable is the window's (NULL: the view's own). */
void       reseau_events_view_set_database (ReseauEventsView *self,
                                            ReseauDatabase   *database,
                                            GCancellable     *cancellable);
void       reseau_events_view_reload       (ReseauEventsView *self);
/* Selects the event and shows its details once the list has loaded. */
void       reseau_events_view_show_event   (ReseauEventsView *self,
                                            gint64            id);
/* The event whose details are shown, or 0. */
gint64     reseau_events_view_get_event_id (ReseauEventsView *self);
/* FALSE until the list of events has loaded after the latest change. */
gboolean   reseau_events_view_is_loaded    (ReseauEventsView *self);

G_END_DECLS
