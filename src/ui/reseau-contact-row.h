/* reseau-contact-row.h — one row of the contact list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "reseau-core.h"

G_BEGIN_DECLS

#define RESEAU_TYPE_CONTACT_ROW (reseau_contact_row_get_type ())

G_DECLARE_FINAL_TYPE (ReseauContactRow, reseau_contact_row, RESEAU, CONTACT_ROW, GtkWidget)

GtkWidget         *reseau_contact_row_new      (void);
/* Fills the row from item; NULL empties it (the list's unbind). */
void               reseau_contact_row_set_item (ReseauContactRow  *self,
                                                ReseauContactItem *item);
ReseauContactItem *reseau_contact_row_get_item (ReseauContactRow  *self);

G_END_DECLS
