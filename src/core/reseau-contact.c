/* reseau-contact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-contact.h"
#include "reseau-text.h"

/* A day of the year, with or without a year: vCard's BDAY and ANNIVERSARY. */
typedef struct
{
  int year;   /* 0 when unknown */
  int month;  /* 0 when there is no date at all */
  int day;
} PartialDate;

struct _ReseauContact
{
  GObject            parent_instance;

  gint64             id;
  char              *uid;
  ReseauContactKind  kind;

  char              *full_name;
  char              *prefix;
  char              *given_name;
  char              *additional_names;
  char              *family_name;
  char              *suffix;
  char              *nickname;
  char              *organization;
  char              *title;
  /* Derived from the fields above; rebuilt lazily when one of them changes. */
  char              *display_name;

  GPtrArray         *values[RESEAU_N_FIELDS];
  GPtrArray         *addresses;
  GPtrArray         *tags;

  char              *role;
  PartialDate        birthday;
  PartialDate        anniversary;

  char              *note;
  GBytes            *photo;
  char              *how_met;
  char              *met_on;
  char              *introduced_by;
  guint              cadence_days;
  gint64             created_at;
  gint64             updated_at;
  gint64             revision;
  char              *vcard;
};

G_DEFINE_FINAL_TYPE (ReseauContact, reseau_contact, G_TYPE_OBJECT)

static void
labeled_value_free (gpointer data)
{
  ReseauLabeledValue *value = data;

  g_free (value->label);
  g_free (value->value);
  g_free (value);
}

ReseauAddress *
reseau_address_copy (const ReseauAddress *address)
{
  ReseauAddress *copy;

  g_return_val_if_fail (address != NULL, NULL);

  copy = g_new0 (ReseauAddress, 1);
  copy->label = g_strdup (address->label);
  copy->po_box = g_strdup (address->po_box);
  copy->extended = g_strdup (address->extended);
  copy->street = g_strdup (address->street);
  copy->locality = g_strdup (address->locality);
  copy->region = g_strdup (address->region);
  copy->postal_code = g_strdup (address->postal_code);
  copy->country = g_strdup (address->country);

  return copy;
}

void
reseau_address_free (ReseauAddress *address)
{
  if (address == NULL)
    return;

  g_free (address->label);
  g_free (address->po_box);
  g_free (address->extended);
  g_free (address->street);
  g_free (address->locality);
  g_free (address->region);
  g_free (address->postal_code);
  g_free (address->country);
  g_free (address);
}

gboolean
reseau_address_is_empty (const ReseauAddress *address)
{
  g_return_val_if_fail (address != NULL, TRUE);

  return reseau_text_is_blank (address->po_box) && reseau_text_is_blank (address->extended) &&
         reseau_text_is_blank (address->street) && reseau_text_is_blank (address->locality) &&
         reseau_text_is_blank (address->region) && reseau_text_is_blank (address->postal_code) &&
         reseau_text_is_blank (address->country);
}

static void
append_line (GString    *out,
             const char *line)
{
  if (reseau_text_is_blank (line))
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, line);
}

/* Lines in the order a French or most European address is written: the
 * postal code before the town. */
gboolean
reseau_address_same_place (const ReseauAddress *a,
                           const ReseauAddress *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->po_box, b->po_box) == 0 &&
         g_strcmp0 (a->extended, b->extended) == 0 &&
         g_strcmp0 (a->street, b->street) == 0 &&
         g_strcmp0 (a->locality, b->locality) == 0 &&
         g_strcmp0 (a->region, b->region) == 0 &&
         g_strcmp0 (a->postal_code, b->postal_code) == 0 &&
         g_strcmp0 (a->country, b->country) == 0;
}

char *
reseau_address_format (const ReseauAddress *address)
{
  GString *out;
  g_autofree char *town = NULL;

  g_return_val_if_fail (address != NULL, NULL);

  out = g_string_new (NULL);
  append_line (out, address->po_box);
  append_line (out, address->extended);
  append_line (out, address->street);

  if (!reseau_text_is_blank (address->postal_code) && !reseau_text_is_blank (address->locality))
    town = g_strdup_printf ("%s %s", address->postal_code, address->locality);
  else
    town = g_strdup (reseau_text_is_blank (address->locality) ? address->postal_code : address->locality);
  append_line (out, town);
  append_line (out, address->region);
  append_line (out, address->country);

  return g_string_free (out, FALSE);
}

static void
reseau_contact_finalize (GObject *object)
{
  ReseauContact *self = (ReseauContact *)object;

  g_free (self->uid);
  g_free (self->full_name);
  g_free (self->prefix);
  g_free (self->given_name);
  g_free (self->additional_names);
  g_free (self->family_name);
  g_free (self->suffix);
  g_free (self->nickname);
  g_free (self->organization);
  g_free (self->title);
  g_free (self->role);
  g_free (self->display_name);
  for (guint i = 0; i < RESEAU_N_FIELDS; i++)
    g_clear_pointer (&self->values[i], g_ptr_array_unref);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_free (self->note);
  g_clear_pointer (&self->photo, g_bytes_unref);
  g_free (self->how_met);
  g_free (self->met_on);
  g_free (self->introduced_by);
  g_free (self->vcard);

  G_OBJECT_CLASS (reseau_contact_parent_class)->finalize (object);
}

static void
reseau_contact_class_init (ReseauContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reseau_contact_finalize;
}

static void
reseau_contact_init (ReseauContact *self)
{
  for (guint i = 0; i < RESEAU_N_FIELDS; i++)
    self->values[i] = g_ptr_array_new_with_free_func (labeled_value_free);
  self->addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_address_free);
  self->tags = g_ptr_array_new_with_free_func (g_free);
}

ReseauContact *
reseau_contact_new (void)
{
  return g_object_new (RESEAU_TYPE_CONTACT, NULL);
}

ReseauContact *
reseau_contact_copy (ReseauContact *self)
{
  ReseauContact *copy;

  g_return_val_if_fail (RESEAU_IS_CONTACT (self), NULL);

  copy = g_object_new (RESEAU_TYPE_CONTACT, NULL);
  copy->id = self->id;
  copy->uid = g_strdup (reseau_contact_get_uid (self));
  copy->kind = self->kind;
  copy->full_name = g_strdup (self->full_name);
  copy->prefix = g_strdup (self->prefix);
  copy->given_name = g_strdup (self->given_name);
  copy->additional_names = g_strdup (self->additional_names);
  copy->family_name = g_strdup (self->family_name);
  copy->suffix = g_strdup (self->suffix);
  copy->nickname = g_strdup (self->nickname);
  copy->organization = g_strdup (self->organization);
  copy->title = g_strdup (self->title);

  for (guint f = 0; f < RESEAU_N_FIELDS; f++)
    for (guint i = 0; i < self->values[f]->len; i++)
      {
        const ReseauLabeledValue *value = g_ptr_array_index (self->values[f], i);
        reseau_contact_add_value (copy, f, value->label, value->value);
      }
  for (guint i = 0; i < self->addresses->len; i++)
    reseau_contact_add_address (copy, g_ptr_array_index (self->addresses, i));
  for (guint i = 0; i < self->tags->len; i++)
    reseau_contact_add_tag (copy, g_ptr_array_index (self->tags, i));

  copy->role = g_strdup (self->role);
  copy->birthday = self->birthday;
  copy->anniversary = self->anniversary;
  copy->note = g_strdup (self->note);
  copy->photo = self->photo ? g_bytes_ref (self->photo) : NULL;
  copy->how_met = g_strdup (self->how_met);
  copy->met_on = g_strdup (self->met_on);
  copy->introduced_by = g_strdup (self->introduced_by);
  copy->cadence_days = self->cadence_days;
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->revision = self->revision;
  copy->vcard = g_strdup (self->vcard);

  return copy;
}

/* Stores a trimmed copy, or NULL for blank text, so that "  " never counts as
 * a name. */
static void
set_text (char       **field,
          const char  *text)
{
  g_autofree char *stripped = NULL;

  if (!reseau_text_is_blank (text))
    stripped = g_strstrip (g_strdup (text));

  g_free (*field);
  *field = g_steal_pointer (&stripped);
}

static void
set_name_part (ReseauContact  *self,
               char          **field,
               const char     *text)
{
  set_text (field, text);
  g_clear_pointer (&self->display_name, g_free);
}

gint64
reseau_contact_get_id (ReseauContact *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), 0);
  return self->id;
}

void
reseau_contact_set_id (ReseauContact *self,
                       gint64         id)
{
  g_return_if_fail (RESEAU_IS_CONTACT (self));
  self->id = id;
}

/* A new contact's UID is made when first asked for: contacts read from a
 * file mostly bring their own, and making a random one costs more than the
 * rest of reading a card. */
const char *
reseau_contact_get_uid (ReseauContact *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), NULL);

  if (self->uid == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      self->uid = g_strconcat ("urn:uuid:", uuid, NULL);
    }

  return self->uid;
}

void
reseau_contact_set_uid (ReseauContact *self,
                        const char    *uid)
{
  g_return_if_fail (RESEAU_IS_CONTACT (self));
  g_return_if_fail (!reseau_text_is_blank (uid));
  set_text (&self->uid, uid);
}

ReseauContactKind
reseau_contact_get_kind (ReseauContact *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), RESEAU_CONTACT_KIND_INDIVIDUAL);
  return self->kind;
}

void
reseau_contact_set_kind (ReseauContact     *self,
                         ReseauContactKind  kind)
{
  g_return_if_fail (RESEAU_IS_CONTACT (self));
  g_return_if_fail (kind == RESEAU_CONTACT_KIND_INDIVIDUAL ||
                    kind == RESEAU_CONTACT_KIND_ORGANIZATION);
  self->kind = kind;
  g_clear_pointer (&self->display_name, g_free);
}

#define DEFINE_NAME_PART(part)                                          \
const char *                                                            \
reseau_contact_get_##part (ReseauContact *self)                         \
{                                                                       \
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), NULL);                \
  return self->part;                                                    \
}                                                                       \
                                                                        \
void                                                                    \
reseau_contact_set_##part (ReseauContact *self,                         \
                           const char    *part)                         \
{                                                                       \
  g_return_if_fail (RESEAU_IS_CONTACT (self));                          \
  set_name_part (self, &self->part, part);                              \
}

#define DEFINE_TEXT(field)                                              \
const char *                                                            \
reseau_contact_get_##field (ReseauContact *self)                        \
{                                                                       \
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), NULL);                \
  return self->field;                                                   \
}                                                                       \
                                                                        \
void                                                                    \
reseau_contact_set_##field (ReseauContact *self,                        \
                            const char    *field)                       \
{                                                                       \
  g_return_if_fail (RESEAU_IS_CONTACT (self));                          \
  set_text (&self->field, field);                                       \
}

/* Kept exactly as given: white space can matter in a note or a vCard. */
#define DEFINE_RAW_TEXT(field)                                          \
const char *                                                            \
reseau_contact_get_##field (ReseauContact *self)                        \
{                                                                       \
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), NULL);                \
  return self->field;                                                   \
}                                                                       \
                                                                        \
void                                                                    \
reseau_contact_set_##field (ReseauContact *self,                        \
                            const char    *field)                       \
{                                                                       \
  g_return_if_fail (RESEAU_IS_CONTACT (self));                          \
  g_free (self->field);                                                 \
  self->field = (field != NULL && field[0] != '\0') ? g_strdup (field) : NULL; \
}

/* Every part below can make up the display name. */
DEFINE_NAME_PART (full_name)
DEFINE_NAME_PART (prefix)
DEFINE_NAME_PART (given_name)
DEFINE_NAME_PART (additional_names)
DEFINE_NAME_PART (family_name)
DEFINE_NAME_PART (suffix)
DEFINE_NAME_PART (nickname)
DEFINE_NAME_PART (organization)
DEFINE_TEXT (title)
DEFINE_TEXT (role)
DEFINE_TEXT (how_met)
DEFINE_TEXT (introduced_by)
DEFINE_RAW_TEXT (vcard)

static char *
compute_display_name (ReseauContact *self)
{
  const char *first_email;
  const char *first_phone;

  if (self->full_name != NULL)
    return g_strdup (self->full_name);

  if (self->kind == RESEAU_CONTACT_KIND_ORGANIZATION && self->organization != NULL)
    return g_strdup (self->organization);

  if (self->given_name != NULL || self->family_name != NULL)
    {
      GString *name = g_string_new (NULL);
      const char *parts[] = { self->prefix, self->given_name, self->additional_names,
                              self->family_name, self->suffix };

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          if (parts[i] == NULL)
            continue;
          if (name->len > 0)
            g_string_append_c (name, ' ');
          g_string_append (name, parts[i]);
        }

      return g_string_free (name, FALSE);
    }

  if (self->nickname != NULL)
    return g_strdup (self->nickname);
  if (self->organization != NULL)
    return g_strdup (self->organization);
  if ((first_email = reseau_contact_get_first_value (self, RESEAU_FIELD_EMAIL)) != NULL)
    return g_strdup (first_email);
  if ((first_phone = reseau_contact_get_first_value (self, RESEAU_FIELD_PHONE)) != NULL)
    return g_strdup (first_phone);

  return g_strdup ("");
}

const char *
reseau_contact_get_display_name (ReseauContact *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), NULL);

  if (self->display_name == NULL)
    self->display_name = compute_display_name (self);

  return self->display_name;
}

GPtrArray *
reseau_contact_get_values (ReseauContact *self,
                           ReseauField    field)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), NULL);
  g_return_val_if_fail (field < RESEAU_N_FIELDS, NULL);

  return self->values[field];
}

void
reseau_contact_add_value (ReseauContact *self,
                          ReseauField    field,
                          const char    *label,
                          const char    *value)
{
  ReseauLabeledValue *labeled;

  g_return_if_fail (RESEAU_IS_CONTACT (self));
  g_return_if_fail (field < RESEAU_N_FIELDS);

  if (reseau_text_is_blank (value))
    return;

  labeled = g_new0 (ReseauLabeledValue, 1);
  set_text (&labeled->label, label);
  set_text (&labeled->value, value);
  g_ptr_array_add (self->values[field], labeled);
  g_clear_pointer (&self->display_name, g_free);
}

void
reseau_contact_clear_values (ReseauContact *self,
                             ReseauField    field)
{
  g_return_if_fail (RESEAU_IS_CONTACT (self));
  g_return_if_fail (field < RESEAU_N_FIELDS);

  g_ptr_array_set_size (self->values[field], 0);
  g_clear_pointer (&self->display_name, g_free);
}

const char *
reseau_contact_get_first_value (ReseauContact *self,
                                ReseauField    field)
{
  const ReseauLabeledValue *value;

  g_return_val_if_fail (RESEAU_IS_CONTACT (self), NULL);
  g_return_val_if_fail (field < RESEAU_N_FIELDS, NULL);

  if (self->values[field]->len == 0)
    return NULL;

  value = g_ptr_array_index (self->values[field], 0);
  return value->value;
}

GPtrArray *
reseau_contact_get_addresses (ReseauContact *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), NULL);
  return self->addresses;
}

void
reseau_contact_add_address (ReseauContact       *self,
                            const ReseauAddress *address)
{
  ReseauAddress *copy;

  g_return_if_fail (RESEAU_IS_CONTACT (self));
  g_return_if_fail (address != NULL);

  if (reseau_address_is_empty (address))
    return;

  copy = g_new0 (ReseauAddress, 1);
  set_text (&copy->label, address->label);
  set_text (&copy->po_box, address->po_box);
  set_text (&copy->extended, address->extended);
  set_text (&copy->street, address->street);
  set_text (&copy->locality, address->locality);
  set_text (&copy->region, address->region);
  set_text (&copy->postal_code, address->postal_code);
  set_text (&copy->country, address->country);
  g_ptr_array_add (self->addresses, copy);
}

void
reseau_contact_clear_addresses (ReseauContact *self)
{
  g_return_if_fail (RESEAU_IS_CONTACT (self));
  g_ptr_array_set_size (self->addresses, 0);
}

static gboolean
partial_date_get (const PartialDate *date,
                  int               *year,
                  int               *month,
                  int               *day)
{
  if (year)
    *year = date->year;
  if (month)
    *month = date->month;
  if (day)
    *day = date->day;

  return date->month != 0;
}

static gboolean
partial_date_set (PartialDate *date,
                  int          year,
                  int          month,
                  int          day)
{
  /* A year-less date is checked against a leap year so that 29 February,
   * which some people were born on, is accepted. */
  int check_year = year == 0 ? 2000 : year;

  if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, check_year))
    return FALSE;

  date->year = year;
  date->month = month;
  date->day = day;

  return TRUE;
}

static char *
partial_date_format (const PartialDate *date)
{
  if (date->month == 0)
    return NULL;
  if (date->year == 0)
    return g_strdup_printf ("--%02d-%02d", date->month, date->day);

  return g_strdup_printf ("%04d-%02d-%02d", date->year, date->month, date->day);
}

static gboolean
parse_digits (const char *text,
              guint       n,
              int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }

  *out = value;
  return TRUE;
}

gboolean
reseau_parse_partial_date (const char *text,
                           int        *year,
                           int        *month,
                           int        *day)
{
  PartialDate date = { 0, 0, 0 };
  PartialDate checked = { 0, 0, 0 };
  gsize len;

  if (text == NULL)
    return FALSE;

  len = strlen (text);

  if (len == 7 && g_str_has_prefix (text, "--") && text[4] == '-')        /* --MM-DD */
    {
      if (!parse_digits (text + 2, 2, &date.month) || !parse_digits (text + 5, 2, &date.day))
        return FALSE;
    }
  else if (len == 6 && g_str_has_prefix (text, "--"))                     /* --MMDD */
    {
      if (!parse_digits (text + 2, 2, &date.month) || !parse_digits (text + 4, 2, &date.day))
        return FALSE;
    }
  else if (len == 10 && text[4] == '-' && text[7] == '-')                 /* YYYY-MM-DD */
    {
      if (!parse_digits (text, 4, &date.year) || !parse_digits (text + 5, 2, &date.month) ||
          !parse_digits (text + 8, 2, &date.day))
        return FALSE;
    }
  else if (len == 8)                                                      /* YYYYMMDD */
    {
      if (!parse_digits (text, 4, &date.year) || !parse_digits (text + 4, 2, &date.month) ||
          !parse_digits (text + 6, 2, &date.day))
        return FALSE;
    }
  else
    return FALSE;

  /* Year 0 is not a real year; a card that says so means "unknown". */
  if (!partial_date_set (&checked, date.year, date.month, date.day))
    return FALSE;

  return partial_date_get (&checked, year, month, day);
}

#define DEFINE_PARTIAL_DATE(field)                                      \
gboolean                                                                \
reseau_contact_get_##field (ReseauContact *self,                        \
                            int           *year,                        \
                            int           *month,                       \
                            int           *day)                         \
{                                                                       \
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), FALSE);               \
  return partial_date_get (&self->field, year, month, day);             \
}                                                                       \
                                                                        \
gboolean                                                                \
reseau_contact_set_##field (ReseauContact *self,                        \
                            int            year,                        \
                            int            month,                       \
                            int            day)                         \
{                                                                       \
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), FALSE);               \
  return partial_date_set (&self->field, year, month, day);             \
}                                                                       \
                                                                        \
void                                                                    \
reseau_contact_clear_##field (ReseauContact *self)                      \
{                                                                       \
  g_return_if_fail (RESEAU_IS_CONTACT (self));                          \
  self->field = (PartialDate) { 0, 0, 0 };                              \
}                                                                       \
                                                                        \
char *                                                                  \
reseau_contact_format_##field (ReseauContact *self)                     \
{                                                                       \
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), NULL);                \
  return partial_date_format (&self->field);                            \
}                                                                       \
                                                                        \
gboolean                                                                \
reseau_contact_parse_##field (ReseauContact *self,                      \
                              const char    *text)                      \
{                                                                       \
  int year, month, day;                                                 \
                                                                        \
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), FALSE);               \
  if (!reseau_parse_partial_date (text, &year, &month, &day))           \
    return FALSE;                                                       \
  return partial_date_set (&self->field, year, month, day);             \
}

DEFINE_PARTIAL_DATE (birthday)
DEFINE_PARTIAL_DATE (anniversary)

DEFINE_RAW_TEXT (note)

GBytes *
reseau_contact_get_photo (ReseauContact *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), NULL);
  return self->photo;
}

void
reseau_contact_set_photo (ReseauContact *self,
                          GBytes        *photo)
{
  g_return_if_fail (RESEAU_IS_CONTACT (self));

  if (photo != NULL && g_bytes_get_size (photo) == 0)
    photo = NULL;
  if (photo != NULL)
    g_bytes_ref (photo);
  g_clear_pointer (&self->photo, g_bytes_unref);
  self->photo = photo;
}

GPtrArray *
reseau_contact_get_tags (ReseauContact *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), NULL);
  return self->tags;
}

/* Tags compare without case. Most tags are plain ASCII, and an import adds
 * tags by the hundred thousand: compare those without allocating. */
static gboolean
tags_equal (const char *a,
            const char *b)
{
  g_autofree char *folded_a = NULL;
  g_autofree char *folded_b = NULL;

  if (g_ascii_strcasecmp (a, b) == 0)
    return TRUE;
  if (reseau_text_is_ascii (a, strlen (a)) && reseau_text_is_ascii (b, strlen (b)))
    return FALSE;

  folded_a = g_utf8_casefold (a, -1);
  folded_b = g_utf8_casefold (b, -1);
  return strcmp (folded_a, folded_b) == 0;
}

gboolean
reseau_contact_has_tag (ReseauContact *self,
                        const char    *tag)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), FALSE);

  if (tag == NULL)
    return FALSE;

  for (guint i = 0; i < self->tags->len; i++)
    if (tags_equal (g_ptr_array_index (self->tags, i), tag))
      return TRUE;

  return FALSE;
}

gboolean
reseau_contact_same_tags (ReseauContact *self,
                          ReseauContact *other)
{
  GPtrArray *tags;

  g_return_val_if_fail (RESEAU_IS_CONTACT (self), FALSE);
  g_return_val_if_fail (RESEAU_IS_CONTACT (other), FALSE);

  /* A contact holds no tag twice, so equal counts and inclusion suffice. */
  tags = self->tags;
  if (tags->len != other->tags->len)
    return FALSE;

  for (guint i = 0; i < tags->len; i++)
    if (!reseau_contact_has_tag (other, g_ptr_array_index (tags, i)))
      return FALSE;

  return TRUE;
}

void
reseau_contact_add_tag (ReseauContact *self,
                        const char    *tag)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (RESEAU_IS_CONTACT (self));

  if (reseau_text_is_blank (tag))
    return;

  stripped = g_strstrip (g_strdup (tag));
  if (!reseau_contact_has_tag (self, stripped))
    g_ptr_array_add (self->tags, g_steal_pointer (&stripped));
}

void
reseau_contact_clear_tags (ReseauContact *self)
{
  g_return_if_fail (RESEAU_IS_CONTACT (self));
  g_ptr_array_set_size (self->tags, 0);
}

const char *
reseau_contact_get_met_on (ReseauContact *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), NULL);
  return self->met_on;
}

void
reseau_contact_set_met_on (ReseauContact *self,
                           const char    *iso_date)
{
  g_return_if_fail (RESEAU_IS_CONTACT (self));
  set_text (&self->met_on, iso_date);
}

guint
reseau_contact_get_cadence_days (ReseauContact *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), 0);
  return self->cadence_days;
}

void
reseau_contact_set_cadence_days (ReseauContact *self,
                                 guint          days)
{
  g_return_if_fail (RESEAU_IS_CONTACT (self));
  self->cadence_days = days;
}

gint64
reseau_contact_get_created_at (ReseauContact *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), 0);
  return self->created_at;
}

void
reseau_contact_set_created_at (ReseauContact *self,
                               gint64         when)
{
  g_return_if_fail (RESEAU_IS_CONTACT (self));
  self->created_at = when;
}

gint64
reseau_contact_get_updated_at (ReseauContact *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), 0);
  return self->updated_at;
}

void
reseau_contact_set_updated_at (ReseauContact *self,
                               gint64         when)
{
  g_return_if_fail (RESEAU_IS_CONTACT (self));
  self->updated_at = when;
}

gint64
reseau_contact_get_revision (ReseauContact *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), 0);
  return self->revision;
}

void
reseau_contact_set_revision (ReseauContact *self,
                             gint64         revision)
{
  g_return_if_fail (RESEAU_IS_CONTACT (self));
  self->revision = revision;
}

gboolean
reseau_contact_is_empty (ReseauContact *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT (self), TRUE);

  return reseau_contact_get_display_name (self)[0] == '\0';
}
