/* reseau-contact-reminders.h — the Reminders group of the contact sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

#define RESEAU_TYPE_CONTACT_REMINDERS (reseau_contact_reminders_get_type ())

G_DECLARE_FINAL_TYPE (ReseauContactReminders, reseau_contact_reminders, RESEAU, CONTACT_REMINDERS, AdwBin)

/* The contact's open reminders ("Thank Anne for the referral", due on a
 * day), each with a Done button, and "Add Reminder" to write one: a note
 * and a day, tomorrow unless another is chosen. The Follow-up view lists
 * them from their day on. cancellable is the window's. */
GtkWidget *reseau_contact_reminders_new (ReseauDatabase *database,
                                         const char     *uid,
                                         GCancellable   *cancellable);

G_END_DECLS
