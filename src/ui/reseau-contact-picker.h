/* reseau-contact-picker.h — a button that chooses one contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* Shows the chosen contact's name (or "Nobody") and opens a popover that
 * searches every contact through its own ReseauContactStore. Properties:
 * "uid" (string, the chosen contact or NULL), "display-name" (string). */
#define RESEAU_TYPE_CONTACT_PICKER (reseau_contact_picker_get_type ())

G_DECLARE_FINAL_TYPE (ReseauContactPicker, reseau_contact_picker, RESEAU, CONTACT_PICKER, GtkWidget)

GtkWidget  *reseau_contact_picker_new              (void);
void        reseau_contact_picker_set_database     (ReseauContactPicker *self,
                                                    ReseauDatabase      *database);
/* The contact that must not be offered (the one being edited). */
void        reseau_contact_picker_set_excluded_uid (ReseauContactPicker *self,
                                                    const char          *uid);
const char *reseau_contact_picker_get_uid          (ReseauContactPicker *self);
/* display_name may be NULL: the name is then loaded from the database. */
void        reseau_contact_picker_set_contact      (ReseauContactPicker *self,
                                                    const char          *uid,
                                                    const char          *display_name);
const char *reseau_contact_picker_get_display_name (ReseauContactPicker *self);
/* What the button says when nobody is chosen (NULL: "Nobody") and the
 * tooltip of the popover's Clear button (NULL: none). */
void        reseau_contact_picker_set_empty_text   (ReseauContactPicker *self,
                                                    const char          *empty_text,
                                                    const char          *clear_tooltip);

G_END_DECLS
