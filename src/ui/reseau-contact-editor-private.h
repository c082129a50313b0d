/* reseau-contact-editor-private.h — what the tests may reach of the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-contact-editor.h"

G_BEGIN_DECLS

/* The contact Save would store, built from what the widgets hold now. */
ReseauContact *reseau_contact_editor_build_contact    (ReseauContactEditor *self);
/* Whether Save is enabled (something to save, every date valid, not saving). */
gboolean       reseau_contact_editor_get_can_save     (ReseauContactEditor *self);
/* Whether closing would ask to discard changes. */
gboolean       reseau_contact_editor_get_has_changes  (ReseauContactEditor *self);
/* What choosing a file in "Choose Photo…" does: decodes and scales it in a
 * thread, then shows it; an unreadable file shows a toast. */
void           reseau_contact_editor_load_photo_file  (ReseauContactEditor *self,
                                                       GFile               *file);
/* What the "Add email/phone/website" rows do; returns the new ReseauValueRow. */
GtkWidget     *reseau_contact_editor_add_value        (ReseauContactEditor *self,
                                                       ReseauField          field);
/* What the "Add address" row does; returns the new address row. */
GtkWidget     *reseau_contact_editor_add_address      (ReseauContactEditor *self);
/* One part of an address row: "street", "extended", "po-box", "postal-code",
 * "locality", "region" or "country". */
GtkEditable   *reseau_contact_editor_get_address_part (GtkWidget           *address_row,
                                                       const char          *part);

G_END_DECLS
