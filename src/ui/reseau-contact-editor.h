/* reseau-contact-editor.h — the window that creates or edits a contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* ReseauContactEditor: final type deriving from AdwWindow, modal, transient for parent.
   contact NULL = new contact. It saves through the database itself (async), then emits
   "saved" (G_TYPE_STRING uid) and closes. */
#define RESEAU_TYPE_CONTACT_EDITOR (reseau_contact_editor_get_type ())

G_DECLARE_FINAL_TYPE (ReseauContactEditor, reseau_contact_editor, RESEAU, CONTACT_EDITOR, AdwWindow)

ReseauContactEditor *reseau_contact_editor_new (GtkWindow      *parent,
                                                ReseauDatabase *database,
                                                ReseauContact  *contact);

G_END_DECLS
