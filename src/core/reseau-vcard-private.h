/* reseau-vcard-private.h — what the card model, the reader and the writer share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-vcard.h"

G_BEGIN_DECLS

/* Takes name and values (both g_malloc'ed). */
/* A shared copy of a well-known name matching text without case (text
 * need not be upper-case), or NULL; free names with reseau_vcard_free_name(). */
char                *reseau_vcard_known_name          (const char                *text,
                                                       gsize                      length);
void                 reseau_vcard_free_name           (char                      *name);
ReseauVCardParam    *reseau_vcard_param_new_take      (char                      *name,
                                                       char                     **values);
ReseauVCardParam    *reseau_vcard_param_copy          (const ReseauVCardParam    *param);
void                 reseau_vcard_param_free          (ReseauVCardParam          *param);

/* Takes group (may be NULL), name and value; the reader's cheap constructor. */
ReseauVCardProperty *reseau_vcard_property_new_take   (char                      *group,
                                                       char                      *name,
                                                       char                      *value);

/* The bytes of an inline value (ENCODING=b or a data: URI), possibly empty,
 * or NULL when the value is not inline. mime_type receives the format the
 * parameters or the URI name, or else the one the bytes show, or NULL. */
GBytes              *reseau_vcard_property_decode_inline (const ReseauVCardProperty *property,
                                                          char                    **mime_type);

/* TRUE when the value is inline base64 (ENCODING=b, B or BASE64). */
gboolean             reseau_vcard_property_is_base64  (const ReseauVCardProperty *property);

/* "image/jpeg" for JPEG, image/… types as they are; NULL when the type does
 * not name an image format. */
const char          *reseau_vcard_mime_for_type       (const char                *type);
/* "JPEG" for image/jpeg, "PNG" for image/png…; NULL for what is not an
 * image type. */
char                *reseau_vcard_type_for_mime       (const char                *mime_type);
/* The format of image bytes from their first bytes, or NULL. */
const char          *reseau_vcard_sniff_mime          (const guchar              *data,
                                                       gsize                      length);

/* Splits "data:<mime>[;…][;base64],<payload>". mime_type is NULL when the
 * URI gives none. FALSE when value is not a data: URI. */
gboolean             reseau_vcard_split_data_uri      (const char                *value,
                                                       char                     **mime_type,
                                                       gboolean                  *is_base64,
                                                       const char               **payload);

/* The one-line key reseau_vcard_equal() compares a property by (group and
 * names upper-cased, parameters sorted, inline data in one spelling). */
char                *reseau_vcard_normalise_property  (const ReseauVCardProperty *property);
/* The sorted keys of a card's properties without PRODID, REV and VERSION:
 * two cards are equal when these are. Free with g_ptr_array_unref(). */
GPtrArray           *reseau_vcard_normalise_card      (const ReseauVCard         *card);

G_END_DECLS
