/* reseau-value-row.h — one labelled email, phone or web address in the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* An AdwEntryRow for the value (with the input purpose of its field), a
 * label chooser (the standard labels and "Custom…", which reveals an entry)
 * and a remove button.
 * Emits "remove-requested" when the remove button is clicked and "changed"
 * whenever the label or the value changes. */
#define RESEAU_TYPE_VALUE_ROW (reseau_value_row_get_type ())

G_DECLARE_FINAL_TYPE (ReseauValueRow, reseau_value_row, RESEAU, VALUE_ROW, AdwEntryRow)

GtkWidget   *reseau_value_row_new       (ReseauField     field);
ReseauField  reseau_value_row_get_field (ReseauValueRow *self);
/* The label key ("work", "home", "mobile", "other", …) or the custom text;
 * NULL when the custom entry is blank. Returns a new string. */
char        *reseau_value_row_dup_label (ReseauValueRow *self);
void         reseau_value_row_set_label (ReseauValueRow *self,
                                         const char     *label);
/* The stripped value, or NULL when blank. Returns a new string. */
char        *reseau_value_row_dup_value (ReseauValueRow *self);
void         reseau_value_row_set_value (ReseauValueRow *self,
                                         const char     *value);
/* Moves the keyboard focus into the value entry. */
void         reseau_value_row_focus     (ReseauValueRow *self);

/* The translated name of a label key ("work" → "Work"); a custom label is
 * returned as typed. Shared with the contact sheet. */
const char  *reseau_value_label_to_display (const char *label);

G_END_DECLS
