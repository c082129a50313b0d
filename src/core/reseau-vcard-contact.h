/* reseau-vcard-contact.h — between vCards and the app's contacts
 *
 * A contact keeps the card it came from (reseau_contact_get_vcard()). Going
 * back to a card patches that stored card: only the properties whose
 * meaning changed are rewritten, so everything else — unknown properties,
 * parameters, Apple's itemN groups — stays exactly as it came.
 *
 * The app's own fields (how we met, when, who introduced us, the cadence)
 * travel in exported files as X-RESEAU-HOW-MET, X-RESEAU-MET-ON,
 * X-RESEAU-INTRODUCED-BY (a UID) and X-RESEAU-CADENCE-DAYS; they are never
 * kept in the stored card, which is what a CardDAV server will see.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-contact.h"
#include "reseau-vcard.h"

G_BEGIN_DECLS

/* A group card (vCard 4 KIND:group, Apple's X-ADDRESSBOOKSERVER-KIND:group)
 * is a list of members, never a person. */
gboolean        reseau_vcard_is_group            (const ReseauVCard *card);
/* The group's name (FN, else N), or NULL. */
char           *reseau_vcard_get_group_name      (const ReseauVCard *card);
/* The members' UIDs (MEMBER, X-ADDRESSBOOKSERVER-MEMBER), as written
 * ("urn:uuid:…" kept). */
GStrv           reseau_vcard_get_group_members   (const ReseauVCard *card);

/* The contact a card describes: FN, else a name from N, ORG, EMAIL or TEL;
 * N, NICKNAME, ORG, TITLE, ROLE; EMAIL, TEL, URL and ADR with their labels
 * (TYPE, or Apple's X-ABLabel in the same group); BDAY and ANNIVERSARY with
 * their year-less forms (--0412, X-APPLE-OMIT-YEAR); NOTE; CATEGORIES as
 * tags; PHOTO; KIND:org and X-ABShowAs:COMPANY as organizations; the
 * X-RESEAU-* fields. A card without UID gets a new urn:uuid: one. The
 * contact's stored card is the card without X-RESEAU-*, written as 4.0 when
 * it was 4.0 and as 3.0 otherwise. Never NULL; the contact may be empty
 * (reseau_contact_is_empty()) when the card has nothing to show it by. */
ReseauContact  *reseau_contact_new_from_vcard    (const ReseauVCard *card);

/* The contact's card: its stored card (or a new one) patched with the
 * contact's current fields. FN, N (required by 3.0), UID and everything
 * the contact holds are present. With app_fields, the X-RESEAU-*
 * properties are added (exports). */
ReseauVCard    *reseau_contact_to_vcard          (ReseauContact     *contact,
                                                  gboolean           app_fields);

/* The contact's card as it should be written in version (exports): like
 * reseau_contact_to_vcard(), and when the stored card is of the other
 * version, what the two versions say differently — the organization kind
 * (KIND:org or Apple's X-ABShowAs), year-less birthdays and anniversaries —
 * is said the target version's way. */
ReseauVCard    *reseau_contact_to_vcard_for_version (ReseauContact      *contact,
                                                     gboolean            app_fields,
                                                     ReseauVCardVersion  version);

/* TRUE when the two contacts' cards say the same things, leaving aside
 * the version and what each version says its own way (organization kind,
 * birthday, anniversary), which the contacts' fields tell anyway. */
gboolean        reseau_contact_same_card         (ReseauContact     *a,
                                                  ReseauContact     *b);

/* Rewrites the contact's stored card from its fields, changing only what
 * differs (call before saving an edited contact). */
void            reseau_contact_refresh_vcard     (ReseauContact     *contact);

/* The label the app shows for a property's TYPE parameters ("work",
 * "home", "mobile", "fax"…) or its Apple X-ABLabel, or NULL. */
char           *reseau_vcard_property_get_label  (const ReseauVCard         *card,
                                                  const ReseauVCardProperty *property);

G_END_DECLS
