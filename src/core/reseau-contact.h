/* reseau-contact.h — one person or organization, fully loaded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  RESEAU_CONTACT_KIND_INDIVIDUAL,
  RESEAU_CONTACT_KIND_ORGANIZATION,
} ReseauContactKind;

/* The repeated, labelled values of a card. */
typedef enum
{
  RESEAU_FIELD_EMAIL,
  RESEAU_FIELD_PHONE,
  RESEAU_FIELD_URL,
  RESEAU_N_FIELDS
} ReseauField;

/* A value with its label: "work", "home", "mobile", or any text the user
 * typed; label may be NULL. */
typedef struct
{
  char *label;
  char *value;
} ReseauLabeledValue;

/* A postal address, the parts of vCard's ADR. Any part may be NULL. */
typedef struct
{
  char *label;
  char *po_box;
  char *extended;
  char *street;
  char *locality;
  char *region;
  char *postal_code;
  char *country;
} ReseauAddress;

ReseauAddress *reseau_address_copy   (const ReseauAddress *address);
void           reseau_address_free   (ReseauAddress       *address);
char          *reseau_address_format (const ReseauAddress *address);
gboolean       reseau_address_is_empty (const ReseauAddress *address);
/* TRUE when both addresses name the same place, part by part; labels are
 * not compared. */
gboolean       reseau_address_same_place (const ReseauAddress *a,
                                          const ReseauAddress *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauAddress, reseau_address_free)

#define RESEAU_TYPE_CONTACT (reseau_contact_get_type ())

G_DECLARE_FINAL_TYPE (ReseauContact, reseau_contact, RESEAU, CONTACT, GObject)

ReseauContact     *reseau_contact_new                (void);
ReseauContact     *reseau_contact_copy               (ReseauContact     *self);

/* Row id in the database, 0 until first saved. */
gint64             reseau_contact_get_id             (ReseauContact     *self);
void               reseau_contact_set_id             (ReseauContact     *self,
                                                      gint64             id);
/* Stable across edits, sync and export; a urn:uuid: is made for new contacts. */
const char        *reseau_contact_get_uid            (ReseauContact     *self);
void               reseau_contact_set_uid            (ReseauContact     *self,
                                                      const char        *uid);
ReseauContactKind  reseau_contact_get_kind           (ReseauContact     *self);
void               reseau_contact_set_kind           (ReseauContact     *self,
                                                      ReseauContactKind  kind);

/* The name the user gave (vCard FN); may be NULL. */
const char        *reseau_contact_get_full_name      (ReseauContact     *self);
void               reseau_contact_set_full_name      (ReseauContact     *self,
                                                      const char        *full_name);
/* What the app shows: the full name, else given + family name, nickname,
 * organization, first email, first phone; "" for an empty contact. */
const char        *reseau_contact_get_display_name   (ReseauContact     *self);

const char        *reseau_contact_get_prefix         (ReseauContact     *self);
void               reseau_contact_set_prefix         (ReseauContact     *self,
                                                      const char        *prefix);
const char        *reseau_contact_get_given_name     (ReseauContact     *self);
void               reseau_contact_set_given_name     (ReseauContact     *self,
                                                      const char        *given_name);
const char        *reseau_contact_get_additional_names (ReseauContact   *self);
void               reseau_contact_set_additional_names (ReseauContact   *self,
                                                        const char      *additional_names);
const char        *reseau_contact_get_family_name    (ReseauContact     *self);
void               reseau_contact_set_family_name    (ReseauContact     *self,
                                                      const char        *family_name);
const char        *reseau_contact_get_suffix         (ReseauContact     *self);
void               reseau_contact_set_suffix         (ReseauContact     *self,
                                                      const char        *suffix);
const char        *reseau_contact_get_nickname       (ReseauContact     *self);
void               reseau_contact_set_nickname       (ReseauContact     *self,
                                                      const char        *nickname);
const char        *reseau_contact_get_organization   (ReseauContact     *self);
void               reseau_contact_set_organization   (ReseauContact     *self,
                                                      const char        *organization);
const char        *reseau_contact_get_title          (ReseauContact     *self);
void               reseau_contact_set_title          (ReseauContact     *self,
                                                      const char        *title);
/* The function held in the organization (vCard ROLE), beside the title. */
const char        *reseau_contact_get_role           (ReseauContact     *self);
void               reseau_contact_set_role           (ReseauContact     *self,
                                                      const char        *role);

/* Emails, phones and URLs: arrays of ReseauLabeledValue*, owned by the contact. */
GPtrArray         *reseau_contact_get_values         (ReseauContact     *self,
                                                      ReseauField        field);
void               reseau_contact_add_value          (ReseauContact     *self,
                                                      ReseauField        field,
                                                      const char        *label,
                                                      const char        *value);
void               reseau_contact_clear_values       (ReseauContact     *self,
                                                      ReseauField        field);
/* The first value of a field, or NULL. */
const char        *reseau_contact_get_first_value    (ReseauContact     *self,
                                                      ReseauField        field);

/* Array of ReseauAddress*, owned by the contact. */
GPtrArray         *reseau_contact_get_addresses      (ReseauContact     *self);
void               reseau_contact_add_address        (ReseauContact     *self,
                                                      const ReseauAddress *address);
void               reseau_contact_clear_addresses    (ReseauContact     *self);

/* year is 0 when unknown (a birthday without year). */
gboolean           reseau_contact_get_birthday       (ReseauContact     *self,
                                                      int               *year,
                                                      int               *month,
                                                      int               *day);
/* Returns FALSE, changing nothing, when the date is not a real one. */
gboolean           reseau_contact_set_birthday       (ReseauContact     *self,
                                                      int                year,
                                                      int                month,
                                                      int                day);
void               reseau_contact_clear_birthday     (ReseauContact     *self);
/* "YYYY-MM-DD", "--MM-DD", or NULL. */
char              *reseau_contact_format_birthday    (ReseauContact     *self);
/* Accepts the two forms above (and vCard's "--MMDD", "YYYYMMDD"). */
gboolean           reseau_contact_parse_birthday     (ReseauContact     *self,
                                                      const char        *text);

/* A wedding or other anniversary (vCard ANNIVERSARY), with the same rules
 * and forms as the birthday. */
gboolean           reseau_contact_get_anniversary    (ReseauContact     *self,
                                                      int               *year,
                                                      int               *month,
                                                      int               *day);
gboolean           reseau_contact_set_anniversary    (ReseauContact     *self,
                                                      int                year,
                                                      int                month,
                                                      int                day);
void               reseau_contact_clear_anniversary  (ReseauContact     *self);
char              *reseau_contact_format_anniversary (ReseauContact     *self);
gboolean           reseau_contact_parse_anniversary  (ReseauContact     *self,
                                                      const char        *text);

/* Reads "YYYY-MM-DD", "--MM-DD", "--MMDD" or "YYYYMMDD" into a checked date;
 * year is 0 for the year-less forms. FALSE when it is not a real date. */
gboolean           reseau_parse_partial_date         (const char        *text,
                                                      int               *year,
                                                      int               *month,
                                                      int               *day);

const char        *reseau_contact_get_note           (ReseauContact     *self);
void               reseau_contact_set_note           (ReseauContact     *self,
                                                      const char        *note);
/* Encoded image (JPEG, PNG…) or NULL. */
GBytes            *reseau_contact_get_photo          (ReseauContact     *self);
void               reseau_contact_set_photo          (ReseauContact     *self,
                                                      GBytes            *photo);

/* Array of char*, owned by the contact; no duplicates (case-insensitive). */
GPtrArray         *reseau_contact_get_tags           (ReseauContact     *self);
void               reseau_contact_add_tag            (ReseauContact     *self,
                                                      const char        *tag);
void               reseau_contact_clear_tags         (ReseauContact     *self);
gboolean           reseau_contact_has_tag            (ReseauContact     *self,
                                                      const char        *tag);
/* TRUE when both contacts carry the same tags, in any order and case. */
gboolean           reseau_contact_same_tags          (ReseauContact     *self,
                                                      ReseauContact     *other);

/* How and when we met: free text and an ISO date "YYYY-MM-DD" (either may be NULL). */
const char        *reseau_contact_get_how_met        (ReseauContact     *self);
void               reseau_contact_set_how_met        (ReseauContact     *self,
                                                      const char        *how_met);
const char        *reseau_contact_get_met_on         (ReseauContact     *self);
void               reseau_contact_set_met_on         (ReseauContact     *self,
                                                      const char        *iso_date);
/* UID of the contact who introduced us, or NULL. */
const char        *reseau_contact_get_introduced_by  (ReseauContact     *self);
void               reseau_contact_set_introduced_by  (ReseauContact     *self,
                                                      const char        *uid);
/* Follow-up cadence in days; 0 means none. */
guint              reseau_contact_get_cadence_days   (ReseauContact     *self);
void               reseau_contact_set_cadence_days   (ReseauContact     *self,
                                                      guint              days);

/* Unix times in seconds, set by the database. */
gint64             reseau_contact_get_created_at     (ReseauContact     *self);
void               reseau_contact_set_created_at     (ReseauContact     *self,
                                                      gint64             when);
gint64             reseau_contact_get_updated_at     (ReseauContact     *self);
void               reseau_contact_set_updated_at     (ReseauContact     *self,
                                                      gint64             when);
/* Raised by the database at every save (0 until saved): sync tells a
 * contact edited since its last sync by it. */
gint64             reseau_contact_get_revision       (ReseauContact     *self);
void               reseau_contact_set_revision       (ReseauContact     *self,
                                                      gint64             revision);

/* The vCard the contact came from, kept as it arrived. */
const char        *reseau_contact_get_vcard          (ReseauContact     *self);
void               reseau_contact_set_vcard          (ReseauContact     *self,
                                                      const char        *vcard);

/* TRUE when there is nothing to show the contact by: no name, organization,
 * email or phone. Such a contact is never saved. */
gboolean           reseau_contact_is_empty           (ReseauContact     *self);

G_END_DECLS
