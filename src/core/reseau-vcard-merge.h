/* reseau-vcard-merge.h — three-way merge of vCards, for sync
 *
 * A field is a property name (EMAIL, TEL, FN, NOTE…). Properties in one
 * Apple item group (item1.EMAIL with item1.X-ABLabel) move as one value of
 * the group's main property, label included; the group's number does not
 * count, since servers and phones renumber groups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-contact.h"
#include "reseau-database-sync.h"
#include "reseau-vcard.h"

G_BEGIN_DECLS

/* A hex SHA-256 of the card's normalised form (the form
 * reseau_vcard_equal() compares): two cards that are equal have the same
 * hash, whatever their order, folding, case of names, PRODID or REV. */
char          *reseau_vcard_normalized_hash  (const ReseauVCard  *card);

/* Merges the changes made on both sides since base (the card as last
 * synced; NULL when the two sides meet for the first time, as a local
 * contact and a server card with one UID). The result starts from server
 * (its order, groups, unknown properties) and, field by field:
 * - changed on one side only: that side's values;
 * - a multi-valued field (EMAIL, TEL, URL, ADR, IMPP, X-SOCIALPROFILE,
 *   RELATED, CATEGORIES items, MEMBER…) changed on both sides: the base
 *   values both kept, plus the values either side added, minus those either
 *   side removed — nothing typed on either side is lost;
 * - a single-valued field (FN, N, ORG, TITLE, ROLE, NOTE, BDAY,
 *   ANNIVERSARY, PHOTO, NICKNAME, KIND…) changed on both sides to different
 *   values: the server's value, and one ReseauConflict (uid and id left 0,
 *   property, local_value, server_value, local_lines) appended to
 *   conflicts, which may be NULL to drop them.
 * UID, VERSION, PRODID and REV come from server. */
ReseauVCard   *reseau_vcard_merge3           (const ReseauVCard  *base,
                                              const ReseauVCard  *local,
                                              const ReseauVCard  *server,
                                              GPtrArray          *conflicts);

/* Replaces every property of field name in card (groups included) by the
 * properties of lines, vCard lines as in ReseauConflict.local_lines; ""
 * removes the field. MALFORMED when lines cannot be read. */
gboolean       reseau_vcard_restore_field    (ReseauVCard        *card,
                                              const char         *name,
                                              const char         *lines,
                                              GError            **error);

/* The local contact with card as its card: every field the card carries
 * comes from it; the local contact's id, UID, times and app-only fields
 * (how we met, when, who introduced, cadence) are kept. */
ReseauContact *reseau_contact_with_card      (ReseauContact      *local,
                                              const ReseauVCard  *card);

G_END_DECLS
