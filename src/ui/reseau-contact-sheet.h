/* reseau-contact-sheet.h — one contact, shown read-only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* ReseauContactSheet: final type deriving from AdwBin; shows one contact. */
#define RESEAU_TYPE_CONTACT_SHEET (reseau_contact_sheet_get_type ())

G_DECLARE_FINAL_TYPE (ReseauContactSheet, reseau_contact_sheet, RESEAU, CONTACT_SHEET, AdwBin)

GtkWidget     *reseau_contact_sheet_new          (void);
void           reseau_contact_sheet_set_database (ReseauContactSheet *self,
                                                  ReseauDatabase     *database);
/* Loads and shows the contact (async, cancelling a previous load); NULL shows nothing. */
void           reseau_contact_sheet_set_uid      (ReseauContactSheet *self,
                                                  const char         *uid);
const char    *reseau_contact_sheet_get_uid      (ReseauContactSheet *self);
/* The loaded contact, or NULL. */
ReseauContact *reseau_contact_sheet_get_contact  (ReseauContactSheet *self);

G_END_DECLS
