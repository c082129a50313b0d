/* reseau-contact-item.h — a row of the contact list, made on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RESEAU_TYPE_CONTACT_ITEM (reseau_contact_item_get_type ())

G_DECLARE_FINAL_TYPE (ReseauContactItem, reseau_contact_item, RESEAU, CONTACT_ITEM, GObject)

ReseauContactItem *reseau_contact_item_new              (gint64             id,
                                                         const char        *uid,
                                                         const char        *display_name,
                                                         const char        *subtitle,
                                                         const char        *section,
                                                         gboolean           section_start,
                                                         int                kind);
gint64             reseau_contact_item_get_id           (ReseauContactItem *self);
const char        *reseau_contact_item_get_uid          (ReseauContactItem *self);
const char        *reseau_contact_item_get_display_name (ReseauContactItem *self);
/* Organization or first email, or NULL. */
const char        *reseau_contact_item_get_subtitle     (ReseauContactItem *self);
/* What this item's section is headed by: its initial, e.g. "E", or its
 * strength band, e.g. "Strong" (see reseau-contact-store.h). */
const char        *reseau_contact_item_get_section      (ReseauContactItem *self);
/* TRUE for the first item of its section in the current (filtered) list. */
gboolean           reseau_contact_item_get_section_start (ReseauContactItem *self);
/* A ReseauContactKind. */
int                reseau_contact_item_get_kind         (ReseauContactItem *self);

G_END_DECLS
