/* reseau-event-dialog.h — the “New Event” / “Edit Event” window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* A modal window that creates a networking event or edits one: name, day,
 * format (in person, online, coworking), place, link, theme and notes.
 * Invalid input is explained beside the field and nothing is saved until
 * it is fixed. Emits "saved" (gint64 id) once the event is in the
 * database, then closes. The action "event-dialog.save" saves (the Save
 * button, Enter in a field). */
#define RESEAU_TYPE_EVENT_DIALOG (reseau_event_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ReseauEventDialog, reseau_event_dialog, RESEAU, EVENT_DIALOG, AdwWindow)

/* event NULL: a new event, today, in person. cancellable is the window's:
 * closing the window cancels the save. */
ReseauEventDialog *reseau_event_dialog_new (GtkWindow         *parent,
                                            ReseauDatabase    *database,
                                            GCancellable      *cancellable,
                                            const ReseauEvent *event);

/* A link as typed ("meet.example.org/x", "https://…"): the web address to
 * store, or NULL when it is not one. */
char              *reseau_event_dialog_normalize_link (const char *text);

G_END_DECLS
