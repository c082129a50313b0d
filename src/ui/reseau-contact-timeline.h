/* reseau-contact-timeline.h — the Timeline group of the contact sheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* ReseauContactTimeline: final type deriving from AdwBin. A preferences
 * group with the relationship strength as a level bar (its tooltip says how
 * the score was reached) and the contact's latest interactions; "Show All"
 * activates win.show-timeline with the contact's UID. Each interaction's
 * row (activated, or its Edit button) activates win.edit-interaction, its
 * Delete button win.delete-interaction, with the interaction's id ("x"). */
#define RESEAU_TYPE_CONTACT_TIMELINE (reseau_contact_timeline_get_type ())

G_DECLARE_FINAL_TYPE (ReseauContactTimeline, reseau_contact_timeline, RESEAU, CONTACT_TIMELINE, AdwBin)

/* How many interactions the sheet lists. */
#define RESEAU_CONTACT_TIMELINE_LATEST 10

/* Starts reading the contact's interactions at once; cancellable is the
 * sheet's, cancelled when it shows another contact. */
GtkWidget *reseau_contact_timeline_new          (ReseauDatabase        *database,
                                                 const char            *uid,
                                                 GCancellable          *cancellable);
/* The score shown, or -1 while it is read. */
int        reseau_contact_timeline_get_strength (ReseauContactTimeline *self);

G_END_DECLS
