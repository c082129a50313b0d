/* reseau-vcard-contact.c — between vCards and the app's contacts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-vcard-contact.h"
#include "reseau-text.h"

#define APPLE_OMIT_YEAR "X-APPLE-OMIT-YEAR"
/* The year Apple writes in place of an unknown one. */
#define APPLE_NO_YEAR 1604
#define APPLE_ANNIVERSARY_LABEL "_$!<Anniversary>!$_"

#define X_RESEAU_PREFIX "X-RESEAU-"
#define X_RESEAU_HOW_MET "X-RESEAU-HOW-MET"
#define X_RESEAU_MET_ON "X-RESEAU-MET-ON"
#define X_RESEAU_INTRODUCED_BY "X-RESEAU-INTRODUCED-BY"
#define X_RESEAU_CADENCE_DAYS "X-RESEAU-CADENCE-DAYS"

/* The repeated fields: the contact's three labelled values, then addresses. */
enum
{
  MULTI_EMAIL = RESEAU_FIELD_EMAIL,
  MULTI_PHONE = RESEAU_FIELD_PHONE,
  MULTI_URL = RESEAU_FIELD_URL,
  MULTI_ADDRESS,
  N_MULTI
};

static const char * const multi_names[N_MULTI] = { "EMAIL", "TEL", "URL", "ADR" };

/* Which property each of the contact's fields was read from, so that a
 * patch rewrites exactly those and leaves the others alone. All borrowed
 * from the card. */
typedef struct
{
  ReseauVCardProperty *fn;
  ReseauVCardProperty *n;
  ReseauVCardProperty *nickname;
  ReseauVCardProperty *org;
  ReseauVCardProperty *title;
  ReseauVCardProperty *role;
  ReseauVCardProperty *bday;
  ReseauVCardProperty *anniversary;
  /* A BDAY or ANNIVERSARY that is no date ("circa 1980"): a date the user
   * gives takes its place rather than making a second one. */
  ReseauVCardProperty *bday_unread;
  ReseauVCardProperty *anniversary_unread;
  ReseauVCardProperty *note;
  ReseauVCardProperty *photo;        /* the PHOTO the contact's photo came from */
  ReseauVCardProperty *photo_link;   /* else the first PHOTO, a link */
  ReseauVCardProperty *kind;
  ReseauVCardProperty *show_as;
  ReseauVCardProperty *uid;
  GPtrArray           *categories;
  /* One property per value of the contact, in the contact's order. */
  GPtrArray           *multi[N_MULTI];
} CardMap;

static void
card_map_init (CardMap *map)
{
  memset (map, 0, sizeof *map);
  map->categories = g_ptr_array_new ();
  for (guint i = 0; i < N_MULTI; i++)
    map->multi[i] = g_ptr_array_new ();
}

static void
card_map_clear (CardMap *map)
{
  g_clear_pointer (&map->categories, g_ptr_array_unref);
  for (guint i = 0; i < N_MULTI; i++)
    g_clear_pointer (&map->multi[i], g_ptr_array_unref);
}

/* Whether a card holds what its stored form needs, and app fields to strip. */
typedef struct
{
  gboolean has_uid;
  gboolean has_fn;
  gboolean has_n;
  gboolean has_app_fields;
} CardFacts;

static char *
dup_nonblank (const char *text)
{
  return reseau_text_is_blank (text) ? NULL : g_strstrip (g_strdup (text));
}

/* Labels --------------------------------------------------------------------- */

/* Apple's built-in labels, "_$!<Mobile>!$_", in the words the app offers. */
static char *
label_from_apple (const char *text)
{
  static const struct { const char *apple; const char *label; } builtins[] = {
    { "Mobile", "mobile" }, { "Work", "work" }, { "Home", "home" },
    { "Other", "other" }, { "Main", "main" }, { "HomeFAX", "fax" },
    { "WorkFAX", "fax" }, { "OtherFAX", "fax" }, { "Pager", "pager" },
    { "iPhone", "iphone" }, { "HomePage", "homepage" },
    { "Anniversary", "anniversary" },
  };
  gsize len = strlen (text);
  g_autofree char *inner = NULL;

  if (len < 8 || !g_str_has_prefix (text, "_$!<") || !g_str_has_suffix (text, ">!$_"))
    return dup_nonblank (text);

  inner = g_strndup (text + 4, len - 8);
  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    if (g_ascii_strcasecmp (inner, builtins[i].apple) == 0)
      return g_strdup (builtins[i].label);

  return g_ascii_strdown (inner, -1);
}

/* TYPE words the app shows, best first: "fax" says more than "work" on
 * TEL;TYPE=WORK,FAX. */
static const struct { const char *type; const char *label; } type_labels[] = {
  { "fax", "fax" }, { "pager", "pager" }, { "cell", "mobile" },
  { "mobile", "mobile" }, { "iphone", "iphone" }, { "main", "main" },
  { "work", "work" }, { "home", "home" }, { "other", "other" },
};

/* TYPE words that qualify a value without naming it. */
static gboolean
is_ignored_type (const char *type)
{
  static const char * const ignored[] = {
    "internet", "voice", "pref", "x400", "dom", "intl", "postal", "parcel",
    "msg", "text", "video", "bbs", "modem", "isdn", "car", "pcs", "textphone",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ignored); i++)
    if (g_ascii_strcasecmp (type, ignored[i]) == 0)
      return TRUE;

  return FALSE;
}

/* One pass over the TYPE values (the reader splits "work,voice" lists and
 * turns bare 2.1 types into TYPE). */
static char *
label_from_types (const ReseauVCardProperty *property)
{
  guint best = G_N_ELEMENTS (type_labels);
  const char *custom = NULL;

  for (guint i = 0; i < property->params->len; i++)
    {
      const ReseauVCardParam *param = g_ptr_array_index (property->params, i);

      if (strcmp (param->name, "TYPE") != 0 || param->values == NULL)
        continue;

      for (guint j = 0; param->values[j] != NULL; j++)
        {
          const char *type = param->values[j];
          gboolean known = FALSE;

          for (guint k = 0; k < best && !known; k++)
            if (g_ascii_strcasecmp (type, type_labels[k].type) == 0)
              {
                best = k;
                known = TRUE;
              }

          if (!known && custom == NULL && type[0] != '\0' && !is_ignored_type (type) &&
              best == G_N_ELEMENTS (type_labels))
            custom = type;
        }
    }

  if (best < G_N_ELEMENTS (type_labels))
    return g_strdup (type_labels[best].label);
  if (custom == NULL)
    return NULL;

  /* Android writes a label the user typed as TYPE=X-Label. */
  if (g_ascii_strncasecmp (custom, "x-", 2) == 0 && custom[2] != '\0')
    return g_strdup (custom + 2);

  return g_ascii_strdown (custom, -1);
}

/* Apple's X-ABLabel of the itemN group of the property at index: the first
 * one after it (Apple writes it right after), else the group's first. A
 * group with two labels is then read the same way whatever other
 * properties come and go between them: the fuzzer found a card whose
 * label changed once an X-RESEAU- line between the two was dropped. */
static ReseauVCardProperty *
find_ab_label (const ReseauVCard *card,
               guint              index,
               const char        *group)
{
  GPtrArray *properties = card->properties;

  for (guint i = index + 1; i < properties->len; i++)
    {
      ReseauVCardProperty *next = g_ptr_array_index (properties, i);

      if (next->group != NULL && strcmp (next->name, "X-ABLABEL") == 0 &&
          g_ascii_strcasecmp (next->group, group) == 0)
        return next;
    }

  return reseau_vcard_get_in_group (card, group, "X-ABLABEL");
}

static char *
label_at (const ReseauVCard         *card,
          guint                      index,
          const ReseauVCardProperty *property)
{
  if (property->group != NULL)
    {
      ReseauVCardProperty *ab_label = find_ab_label (card, index, property->group);

      if (ab_label != NULL)
        {
          g_autofree char *text = reseau_vcard_property_get_text (ab_label);
          char *label = label_from_apple (text);

          if (label != NULL)
            return label;
        }
    }

  return label_from_types (property);
}

char *
reseau_vcard_property_get_label (const ReseauVCard         *card,
                                 const ReseauVCardProperty *property)
{
  guint index = 0;

  g_return_val_if_fail (card != NULL, NULL);
  g_return_val_if_fail (property != NULL, NULL);

  if (!g_ptr_array_find (card->properties, property, &index))
    index = card->properties->len;

  return label_at (card, index, property);
}

/* "cell" and "mobile" are the same label; case does not matter. */
static const char *
canonical_label (const char *label)
{
  if (label != NULL && g_ascii_strcasecmp (label, "cell") == 0)
    return "mobile";
  return label;
}

static gboolean
labels_equal (const char *a,
              const char *b)
{
  a = canonical_label (a);
  b = canonical_label (b);

  if (a == NULL || b == NULL)
    return a == b;

  return strcmp (a, b) == 0 || g_ascii_strcasecmp (a, b) == 0;
}

/* Dates ---------------------------------------------------------------------- */

static gboolean
read_date (const ReseauVCardProperty *property,
           int                       *year,
           int                       *month,
           int                       *day)
{
  g_autofree char *text = reseau_vcard_property_get_text (property);
  const char *omit;
  char *t;

  g_strstrip (text);
  /* A date-time: the day is all we keep. */
  if ((t = strchr (text, 'T')) != NULL && t != text)
    *t = '\0';

  if (!reseau_parse_partial_date (text, year, month, day))
    return FALSE;

  omit = reseau_vcard_property_get_param (property, APPLE_OMIT_YEAR);
  if (omit != NULL && *year == (int) g_ascii_strtoll (omit, NULL, 10))
    *year = 0;

  return TRUE;
}

/* vCard 4.0's own forms, or 3.0 as Apple writes it (the only year-less
 * form 3.0 readers know). */
static void
write_date (ReseauVCardProperty *property,
            gboolean             apple_style,
            int                  year,
            int                  month,
            int                  day)
{
  g_autofree char *text = NULL;

  reseau_vcard_property_remove_param (property, APPLE_OMIT_YEAR);
  reseau_vcard_property_remove_param (property, "VALUE");

  if (apple_style && year == 0)
    {
      g_autofree char *omit = g_strdup_printf ("%d", APPLE_NO_YEAR);

      text = g_strdup_printf ("%04d-%02d-%02d", APPLE_NO_YEAR, month, day);
      reseau_vcard_property_add_param (property, APPLE_OMIT_YEAR, omit);
    }
  else if (apple_style)
    text = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  else if (year == 0)
    text = g_strdup_printf ("--%02d%02d", month, day);
  else
    text = g_strdup_printf ("%04d%02d%02d", year, month, day);

  reseau_vcard_property_set_text (property, text);
}

/* Reading -------------------------------------------------------------------- */

static gboolean
is_group_anniversary (const ReseauVCard *card,
                      guint              index,
                      const ReseauVCardProperty *property)
{
  ReseauVCardProperty *ab_label;
  g_autofree char *text = NULL;

  if (property->group == NULL)
    return FALSE;

  ab_label = find_ab_label (card, index, property->group);
  if (ab_label == NULL)
    return FALSE;

  text = reseau_vcard_property_get_text (ab_label);
  return g_strcmp0 (text, APPLE_ANNIVERSARY_LABEL) == 0;
}

static void
read_multi (const ReseauVCard   *card,
            guint                index,
            ReseauVCardProperty *property,
            ReseauContact       *contact,
            guint                multi,
            CardMap             *map)
{
  g_autofree char *label = label_at (card, index, property);
  guint before;

  if (multi == MULTI_ADDRESS)
    {
      g_auto(GStrv) parts = reseau_vcard_property_get_components (property);
      guint n = parts != NULL ? g_strv_length (parts) : 0;
      ReseauAddress address = {
        .label = label,
        .po_box = n > 0 ? parts[0] : NULL,
        .extended = n > 1 ? parts[1] : NULL,
        .street = n > 2 ? parts[2] : NULL,
        .locality = n > 3 ? parts[3] : NULL,
        .region = n > 4 ? parts[4] : NULL,
        .postal_code = n > 5 ? parts[5] : NULL,
        .country = n > 6 ? parts[6] : NULL,
      };
      GPtrArray *addresses = reseau_contact_get_addresses (contact);

      before = addresses->len;
      reseau_contact_add_address (contact, &address);
      if (map != NULL && addresses->len > before)
        g_ptr_array_add (map->multi[multi], property);
    }
  else
    {
      g_autofree char *text = reseau_vcard_property_get_text (property);
      GPtrArray *values = reseau_contact_get_values (contact, multi);
      const char *value = text;

      /* 4.0 phones may be tel: URIs; people know the number. */
      if (multi == MULTI_PHONE && g_ascii_strncasecmp (value, "tel:", 4) == 0)
        value += 4;

      before = values->len;
      reseau_contact_add_value (contact, multi, label, value);
      if (map != NULL && values->len > before)
        g_ptr_array_add (map->multi[multi], property);
    }
}

static void
read_names (ReseauVCardProperty *property,
            ReseauContact       *contact)
{
  g_auto(GStrv) parts = reseau_vcard_property_get_components (property);
  guint n = parts != NULL ? g_strv_length (parts) : 0;

  reseau_contact_set_family_name (contact, n > 0 ? parts[0] : NULL);
  reseau_contact_set_given_name (contact, n > 1 ? parts[1] : NULL);
  reseau_contact_set_additional_names (contact, n > 2 ? parts[2] : NULL);
  reseau_contact_set_prefix (contact, n > 3 ? parts[3] : NULL);
  reseau_contact_set_suffix (contact, n > 4 ? parts[4] : NULL);
}

static void
read_first_of_list (ReseauVCardProperty *property,
                    ReseauContact       *contact)
{
  g_auto(GStrv) items = reseau_vcard_property_get_list (property);

  reseau_contact_set_nickname (contact, items != NULL ? items[0] : NULL);
}

static void
read_org (ReseauVCardProperty *property,
          ReseauContact       *contact)
{
  g_auto(GStrv) parts = reseau_vcard_property_get_components (property);

  reseau_contact_set_organization (contact, parts != NULL ? parts[0] : NULL);
}

static void
read_categories (ReseauVCardProperty *property,
                 ReseauContact       *contact)
{
  g_auto(GStrv) items = reseau_vcard_property_get_list (property);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    reseau_contact_add_tag (contact, items[i]);
}

static void
read_app_field (ReseauVCardProperty *property,
                ReseauContact       *contact)
{
  g_autofree char *text = reseau_vcard_property_get_text (property);

  if (strcmp (property->name, X_RESEAU_HOW_MET) == 0)
    reseau_contact_set_how_met (contact, text);
  else if (strcmp (property->name, X_RESEAU_MET_ON) == 0)
    {
      int year, month, day;

      /* Only a real date: the field is an ISO date everywhere else. */
      g_strstrip (text);
      if (reseau_parse_partial_date (text, &year, &month, &day) && year != 0)
        {
          g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
          reseau_contact_set_met_on (contact, iso);
        }
    }
  else if (strcmp (property->name, X_RESEAU_INTRODUCED_BY) == 0)
    reseau_contact_set_introduced_by (contact, text);
  else if (strcmp (property->name, X_RESEAU_CADENCE_DAYS) == 0)
    {
      guint64 days = 0;

      g_strstrip (text);
      if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &days, NULL))
        reseau_contact_set_cadence_days (contact, (guint) days);
    }
}

static gboolean
is_org_kind (const char *text)
{
  return g_ascii_strcasecmp (text, "org") == 0 ||
         g_ascii_strcasecmp (text, "organization") == 0;
}

/* The one pass over a card's properties that fills contact; map, when
 * given, records where each field came from. */
static CardFacts
read_card (const ReseauVCard *card,
           ReseauContact     *contact,
           CardMap           *map)
{
  CardMap local;
  CardMap *seen = map;
  CardFacts facts = { FALSE, FALSE, FALSE, FALSE };

  /* Without a map, the "first one wins" bookkeeping still needs one. */
  if (seen == NULL)
    {
      memset (&local, 0, sizeof local);
      seen = &local;
    }

  for (guint i = 0; i < card->properties->len; i++)
    {
      ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);
      const char *name = property->name;

      if (strcmp (name, "EMAIL") == 0)
        read_multi (card, i, property, contact, MULTI_EMAIL, map);
      else if (strcmp (name, "TEL") == 0)
        read_multi (card, i, property, contact, MULTI_PHONE, map);
      else if (strcmp (name, "URL") == 0)
        read_multi (card, i, property, contact, MULTI_URL, map);
      else if (strcmp (name, "ADR") == 0)
        read_multi (card, i, property, contact, MULTI_ADDRESS, map);
      else if (strcmp (name, "FN") == 0)
        {
          facts.has_fn = TRUE;
          if (seen->fn == NULL)
            {
              g_autofree char *text = reseau_vcard_property_get_text (property);

              seen->fn = property;
              reseau_contact_set_full_name (contact, text);
            }
        }
      else if (strcmp (name, "N") == 0)
        {
          facts.has_n = TRUE;
          if (seen->n == NULL)
            {
              seen->n = property;
              read_names (property, contact);
            }
        }
      else if (strcmp (name, "NICKNAME") == 0)
        {
          if (seen->nickname == NULL)
            {
              seen->nickname = property;
              read_first_of_list (property, contact);
            }
        }
      else if (strcmp (name, "ORG") == 0)
        {
          if (seen->org == NULL)
            {
              seen->org = property;
              read_org (property, contact);
            }
        }
      else if (strcmp (name, "TITLE") == 0 || strcmp (name, "ROLE") == 0 ||
               strcmp (name, "NOTE") == 0)
        {
          ReseauVCardProperty **slot = name[0] == 'T' ? &seen->title
                                     : name[0] == 'R' ? &seen->role
                                     : &seen->note;

          if (*slot == NULL)
            {
              g_autofree char *text = reseau_vcard_property_get_text (property);

              *slot = property;
              if (name[0] == 'T')
                reseau_contact_set_title (contact, text);
              else if (name[0] == 'R')
                reseau_contact_set_role (contact, text);
              else
                reseau_contact_set_note (contact, text);
            }
        }
      else if (strcmp (name, "BDAY") == 0)
        {
          int year, month, day;

          if (seen->bday != NULL)
            continue;
          if (read_date (property, &year, &month, &day) &&
              reseau_contact_set_birthday (contact, year, month, day))
            seen->bday = property;
          else if (seen->bday_unread == NULL)
            seen->bday_unread = property;
        }
      else if (strcmp (name, "ANNIVERSARY") == 0 ||
               (strcmp (name, "X-ABDATE") == 0 && is_group_anniversary (card, i, property)))
        {
          gboolean standard = name[0] == 'A';
          int year, month, day;

          /* vCard 4's ANNIVERSARY wins over Apple's item when a card has both. */
          if (seen->anniversary != NULL &&
              (!standard || strcmp (seen->anniversary->name, "X-ABDATE") != 0))
            continue;
          if (read_date (property, &year, &month, &day) &&
              reseau_contact_set_anniversary (contact, year, month, day))
            seen->anniversary = property;
          else if (standard && seen->anniversary_unread == NULL)
            seen->anniversary_unread = property;
        }
      else if (strcmp (name, "PHOTO") == 0)
        {
          if (seen->photo == NULL)
            {
              g_autoptr(GBytes) data = reseau_vcard_property_get_binary (property, NULL);

              if (data != NULL && g_bytes_get_size (data) > 0)
                {
                  seen->photo = property;
                  reseau_contact_set_photo (contact, data);
                }
              else if (seen->photo_link == NULL)
                seen->photo_link = property;
            }
        }
      else if (strcmp (name, "CATEGORIES") == 0)
        {
          read_categories (property, contact);
          if (map != NULL)
            g_ptr_array_add (map->categories, property);
        }
      else if (strcmp (name, "UID") == 0)
        {
          if (seen->uid == NULL)
            {
              g_autofree char *text = reseau_vcard_property_get_text (property);

              if (!reseau_text_is_blank (text))
                {
                  seen->uid = property;
                  facts.has_uid = TRUE;
                  reseau_contact_set_uid (contact, text);
                }
            }
        }
      else if (strcmp (name, "KIND") == 0)
        {
          if (seen->kind == NULL)
            {
              g_autofree char *text = reseau_vcard_property_get_text (property);

              seen->kind = property;
              if (is_org_kind (g_strstrip (text)))
                reseau_contact_set_kind (contact, RESEAU_CONTACT_KIND_ORGANIZATION);
            }
        }
      else if (strcmp (name, "X-ABSHOWAS") == 0)
        {
          if (seen->show_as == NULL)
            {
              g_autofree char *text = reseau_vcard_property_get_text (property);

              seen->show_as = property;
              if (g_ascii_strcasecmp (g_strstrip (text), "COMPANY") == 0)
                reseau_contact_set_kind (contact, RESEAU_CONTACT_KIND_ORGANIZATION);
            }
        }
      else if (g_str_has_prefix (name, X_RESEAU_PREFIX))
        {
          facts.has_app_fields = TRUE;
          read_app_field (property, contact);
        }
    }

  return facts;
}

static void
set_names (ReseauVCardProperty *property,
           ReseauContact       *contact)
{
  const char *parts[] = {
    reseau_contact_get_family_name (contact),
    reseau_contact_get_given_name (contact),
    reseau_contact_get_additional_names (contact),
    reseau_contact_get_prefix (contact),
    reseau_contact_get_suffix (contact),
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] == NULL)
      parts[i] = "";

  reseau_vcard_property_set_components (property, parts, G_N_ELEMENTS (parts));
}

static const char *
name_for_fn (ReseauContact *contact)
{
  const char *full_name = reseau_contact_get_full_name (contact);

  return full_name != NULL ? full_name : reseau_contact_get_display_name (contact);
}

/* The properties a stored card must hold whatever its source left out:
 * UID, FN and N (3.0 requires both; for an organization N may be empty
 * components). */
static void
add_required (ReseauVCard   *card,
              ReseauContact *contact,
              gboolean       has_fn,
              gboolean       has_n,
              gboolean       has_uid)
{
  /* FN and N go first, where every exporter puts them. */
  if (!has_n)
    {
      ReseauVCardProperty *n = reseau_vcard_property_new (NULL, "N", "");

      set_names (n, contact);
      g_ptr_array_insert (card->properties, 0, n);
    }
  if (!has_fn)
    {
      ReseauVCardProperty *fn = reseau_vcard_property_new (NULL, "FN", "");

      reseau_vcard_property_set_text (fn, name_for_fn (contact));
      g_ptr_array_insert (card->properties, 0, fn);
    }
  if (!has_uid)
    {
      ReseauVCardProperty *uid = reseau_vcard_property_new (NULL, "UID", "");

      /* A blank UID identifies nothing; it would only stand beside the new one. */
      reseau_vcard_remove_all (card, "UID");
      reseau_vcard_property_set_text (uid, reseau_contact_get_uid (contact));
      reseau_vcard_append (card, uid);
    }
}

static void
remove_app_fields (ReseauVCard *card)
{
  for (guint i = card->properties->len; i > 0; i--)
    {
      ReseauVCardProperty *property = g_ptr_array_index (card->properties, i - 1);

      if (g_str_has_prefix (property->name, X_RESEAU_PREFIX))
        g_ptr_array_remove_index (card->properties, i - 1);
    }
}

static ReseauVCardVersion
stored_version (const ReseauVCard *card)
{
  return card->version == RESEAU_VCARD_VERSION_4_0 ? RESEAU_VCARD_VERSION_4_0
                                                   : RESEAU_VCARD_VERSION_3_0;
}

ReseauContact *
reseau_contact_new_from_vcard (const ReseauVCard *card)
{
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(ReseauVCard) repaired = NULL;
  g_autofree char *text = NULL;
  const ReseauVCard *stored = card;
  CardFacts facts;

  g_return_val_if_fail (card != NULL, NULL);

  /* Not reseau_contact_new(): most cards bring their UID, and making a
   * random one for each of 100,000 cards only to drop it costs. */
  contact = g_object_new (RESEAU_TYPE_CONTACT, NULL);
  facts = read_card (card, contact, NULL);

  if (!facts.has_uid)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *uid = g_strconcat ("urn:uuid:", uuid, NULL);

      reseau_contact_set_uid (contact, uid);
    }

  /* Most cards are stored as they came; copy only those that need mending. */
  if (!facts.has_uid || !facts.has_fn || !facts.has_n || facts.has_app_fields)
    {
      repaired = reseau_vcard_copy (card);
      remove_app_fields (repaired);
      add_required (repaired, contact, facts.has_fn, facts.has_n, facts.has_uid);
      stored = repaired;
    }

  text = reseau_vcard_to_string (stored, stored_version (card));
  reseau_contact_set_vcard (contact, text);

  return g_steal_pointer (&contact);
}

/* Groups --------------------------------------------------------------------- */

gboolean
reseau_vcard_is_group (const ReseauVCard *card)
{
  g_return_val_if_fail (card != NULL, FALSE);

  for (guint i = 0; i < card->properties->len; i++)
    {
      ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);

      if (strcmp (property->name, "KIND") == 0 ||
          strcmp (property->name, "X-ADDRESSBOOKSERVER-KIND") == 0)
        {
          g_autofree char *text = reseau_vcard_property_get_text (property);

          if (g_ascii_strcasecmp (g_strstrip (text), "group") == 0)
            return TRUE;
        }
    }

  return FALSE;
}

char *
reseau_vcard_get_group_name (const ReseauVCard *card)
{
  ReseauVCardProperty *property;

  g_return_val_if_fail (card != NULL, NULL);

  if ((property = reseau_vcard_get (card, "FN")) != NULL)
    {
      g_autofree char *text = reseau_vcard_property_get_text (property);

      if (!reseau_text_is_blank (text))
        return g_strstrip (g_steal_pointer (&text));
    }

  if ((property = reseau_vcard_get (card, "N")) != NULL)
    {
      g_auto(GStrv) parts = reseau_vcard_property_get_components (property);
      g_autoptr(GString) name = g_string_new (NULL);

      /* Given before family, as a name is said. */
      for (int i = 1; parts != NULL && i >= 0; i--)
        {
          if (i >= (int) g_strv_length (parts) || reseau_text_is_blank (parts[i]))
            continue;
          if (name->len > 0)
            g_string_append_c (name, ' ');
          g_string_append (name, g_strstrip (parts[i]));
        }

      if (name->len > 0)
        return g_string_free (g_steal_pointer (&name), FALSE);
    }

  return NULL;
}

GStrv
reseau_vcard_get_group_members (const ReseauVCard *card)
{
  g_autoptr(GStrvBuilder) members = g_strv_builder_new ();

  g_return_val_if_fail (card != NULL, NULL);

  for (guint i = 0; i < card->properties->len; i++)
    {
      ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);

      if (strcmp (property->name, "MEMBER") == 0 ||
          strcmp (property->name, "X-ADDRESSBOOKSERVER-MEMBER") == 0)
        {
          g_autofree char *text = reseau_vcard_property_get_text (property);

          if (!reseau_text_is_blank (text))
            g_strv_builder_add (members, g_strstrip (text));
        }
    }

  return g_strv_builder_end (members);
}

/* Patching ------------------------------------------------------------------- */

typedef struct
{
  ReseauVCard *card;
  gboolean     version_4;
  /* Properties to drop, and the itemN groups they leave behind. */
  GHashTable  *removed;
  GHashTable  *vacated_groups;
  guint        next_item;
} Patch;

static void
patch_remove (Patch               *patch,
              ReseauVCardProperty *property)
{
  if (property == NULL)
    return;

  g_hash_table_add (patch->removed, property);
  if (property->group != NULL)
    g_hash_table_add (patch->vacated_groups, g_ascii_strdown (property->group, -1));
}

/* Puts replacement where property stands and frees property. */
static void
patch_replace (Patch               *patch,
               ReseauVCardProperty *property,
               ReseauVCardProperty *replacement)
{
  guint index;

  if (!g_ptr_array_find (patch->card->properties, property, &index))
    g_assert_not_reached ();

  if (property->group != NULL &&
      g_strcmp0 (property->group, replacement->group) != 0)
    g_hash_table_add (patch->vacated_groups, g_ascii_strdown (property->group, -1));

  g_ptr_array_index (patch->card->properties, index) = replacement;
  reseau_vcard_property_free (property);
}

/* An itemN number above every one the card already uses. */
static guint
first_free_item (const ReseauVCard *card)
{
  guint highest = 0;

  for (guint i = 0; i < card->properties->len; i++)
    {
      ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);
      guint64 n;

      if (property->group != NULL &&
          g_ascii_strncasecmp (property->group, "item", 4) == 0 &&
          g_ascii_string_to_unsigned (property->group + 4, 10, 0, G_MAXUINT - 1, &n, NULL))
        highest = MAX (highest, (guint) n);
    }

  return highest + 1;
}

/* A new, empty property at the end of the card, for a setter to fill. */
static ReseauVCardProperty *
append_new (ReseauVCard *card,
            const char  *name)
{
  return reseau_vcard_append (card, reseau_vcard_property_new (NULL, name, ""));
}

static void
patch_text (Patch               *patch,
            ReseauVCardProperty *property,
            const char          *name,
            const char          *old_text,
            const char          *new_text)
{
  if (g_strcmp0 (old_text, new_text) == 0)
    return;

  if (new_text == NULL)
    patch_remove (patch, property);
  else if (property != NULL)
    reseau_vcard_property_set_text (property, new_text);
  else
    reseau_vcard_property_set_text (append_new (patch->card, name), new_text);
}

static gboolean
same_names (ReseauContact *a,
            ReseauContact *b)
{
  return g_strcmp0 (reseau_contact_get_family_name (a), reseau_contact_get_family_name (b)) == 0 &&
         g_strcmp0 (reseau_contact_get_given_name (a), reseau_contact_get_given_name (b)) == 0 &&
         g_strcmp0 (reseau_contact_get_additional_names (a),
                    reseau_contact_get_additional_names (b)) == 0 &&
         g_strcmp0 (reseau_contact_get_prefix (a), reseau_contact_get_prefix (b)) == 0 &&
         g_strcmp0 (reseau_contact_get_suffix (a), reseau_contact_get_suffix (b)) == 0;
}

static void
patch_names (Patch         *patch,
             CardMap       *map,
             ReseauContact *said,
             ReseauContact *contact)
{
  if (map->fn != NULL &&
      g_strcmp0 (reseau_contact_get_full_name (said), reseau_contact_get_full_name (contact)) != 0)
    reseau_vcard_property_set_text (map->fn, name_for_fn (contact));

  if (!same_names (said, contact) && map->n != NULL)
    set_names (map->n, contact);
}

static void
patch_nickname (Patch         *patch,
                CardMap       *map,
                ReseauContact *said,
                ReseauContact *contact)
{
  const char *nickname = reseau_contact_get_nickname (contact);
  g_auto(GStrv) items = NULL;

  if (g_strcmp0 (reseau_contact_get_nickname (said), nickname) == 0)
    return;

  if (nickname == NULL)
    {
      patch_remove (patch, map->nickname);
      return;
    }

  if (map->nickname == NULL)
    {
      const char *single[] = { nickname, NULL };

      reseau_vcard_property_set_list (append_new (patch->card, "NICKNAME"), single);
      return;
    }

  /* The other nicknames of the list stay. */
  items = reseau_vcard_property_get_list (map->nickname);
  if (items == NULL || items[0] == NULL)
    {
      const char *single[] = { nickname, NULL };

      reseau_vcard_property_set_list (map->nickname, single);
      return;
    }

  g_free (items[0]);
  items[0] = g_strdup (nickname);
  reseau_vcard_property_set_list (map->nickname, (const char * const *) items);
}

static void
patch_org (Patch         *patch,
           CardMap       *map,
           ReseauContact *said,
           ReseauContact *contact)
{
  const char *organization = reseau_contact_get_organization (contact);
  g_auto(GStrv) parts = NULL;

  if (g_strcmp0 (reseau_contact_get_organization (said), organization) == 0)
    return;

  if (organization == NULL)
    {
      patch_remove (patch, map->org);
      return;
    }

  if (map->org == NULL)
    {
      reseau_vcard_property_set_components (append_new (patch->card, "ORG"), &organization, 1);
      return;
    }

  /* The units after the first component are kept. */
  parts = reseau_vcard_property_get_components (map->org);
  if (parts == NULL || parts[0] == NULL)
    {
      reseau_vcard_property_set_components (map->org, &organization, 1);
      return;
    }

  g_free (parts[0]);
  parts[0] = g_strdup (organization);
  reseau_vcard_property_set_components (map->org, (const char * const *) parts,
                                        g_strv_length (parts));
}

typedef gboolean (*GetDate) (ReseauContact *contact, int *year, int *month, int *day);

static void
patch_date (Patch               *patch,
            ReseauVCardProperty *property,
            ReseauVCardProperty *unread,
            GetDate              get_date,
            ReseauContact       *said,
            ReseauContact       *contact,
            gboolean             anniversary)
{
  int old_year = 0, old_month = 0, old_day = 0;
  int year = 0, month = 0, day = 0;
  gboolean had = get_date (said, &old_year, &old_month, &old_day);
  gboolean has = get_date (contact, &year, &month, &day);

  if (had == has && (!has || (old_year == year && old_month == month && old_day == day)))
    return;

  if (!has)
    {
      patch_remove (patch, property);
      return;
    }

  if (property == NULL)
    property = unread;

  if (property != NULL)
    {
      /* Apple's X-ABDATE item is always in Apple's form. */
      gboolean apple = !patch->version_4 || strcmp (property->name, "X-ABDATE") == 0;

      write_date (property, apple, year, month, day);
      return;
    }

  if (anniversary && !patch->version_4)
    {
      /* 3.0 has no ANNIVERSARY: Apple's item is what its readers know. */
      g_autofree char *group = g_strdup_printf ("item%u", patch->next_item++);
      ReseauVCardProperty *date = reseau_vcard_property_new (group, "X-ABDATE", "");
      ReseauVCardProperty *ab_label = reseau_vcard_property_new (group, "X-ABLABEL", "");

      write_date (date, TRUE, year, month, day);
      reseau_vcard_property_set_text (ab_label, APPLE_ANNIVERSARY_LABEL);
      reseau_vcard_append (patch->card, date);
      reseau_vcard_append (patch->card, ab_label);
      return;
    }

  property = reseau_vcard_property_new (NULL, anniversary ? "ANNIVERSARY" : "BDAY", "");
  write_date (property, !patch->version_4, year, month, day);
  reseau_vcard_append (patch->card, property);
}

static const char *
guess_image_type (GBytes *photo)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (photo, &size);

  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "image/gif";
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";

  return NULL;
}

static void
patch_photo (Patch         *patch,
             CardMap       *map,
             ReseauContact *said,
             ReseauContact *contact)
{
  GBytes *old_photo = reseau_contact_get_photo (said);
  GBytes *photo = reseau_contact_get_photo (contact);
  ReseauVCardProperty *replacement;
  ReseauVCardProperty *property;

  if (old_photo == photo ||
      (old_photo != NULL && photo != NULL && g_bytes_equal (old_photo, photo)))
    return;

  if (photo == NULL)
    {
      /* A link stays: the app never showed it, so it cannot be cleared. */
      patch_remove (patch, map->photo);
      return;
    }

  /* A new picture replaces the old one, or the link the app could not show. */
  property = map->photo != NULL ? map->photo : map->photo_link;
  replacement = reseau_vcard_property_new (property != NULL ? property->group : NULL, "PHOTO", "");
  reseau_vcard_property_set_binary (replacement, photo, guess_image_type (photo));

  if (property != NULL)
    patch_replace (patch, property, replacement);
  else
    reseau_vcard_append (patch->card, replacement);
}

static void
patch_kind (Patch         *patch,
            CardMap       *map,
            ReseauContact *said,
            ReseauContact *contact)
{
  ReseauContactKind kind = reseau_contact_get_kind (contact);

  if (reseau_contact_get_kind (said) == kind)
    return;

  if (kind == RESEAU_CONTACT_KIND_ORGANIZATION)
    {
      ReseauVCardProperty *property = patch->version_4 ? map->kind : map->show_as;

      if (property == NULL)
        property = append_new (patch->card, patch->version_4 ? "KIND" : "X-ABSHOWAS");
      reseau_vcard_property_set_text (property, patch->version_4 ? "org" : "COMPANY");
      return;
    }

  /* Whichever of the two said "organization" goes. */
  if (map->kind != NULL)
    {
      g_autofree char *text = reseau_vcard_property_get_text (map->kind);

      if (is_org_kind (g_strstrip (text)))
        patch_remove (patch, map->kind);
    }
  if (map->show_as != NULL)
    {
      g_autofree char *text = reseau_vcard_property_get_text (map->show_as);

      if (g_ascii_strcasecmp (g_strstrip (text), "COMPANY") == 0)
        patch_remove (patch, map->show_as);
    }
}

static void
patch_categories (Patch         *patch,
                  CardMap       *map,
                  ReseauContact *said,
                  ReseauContact *contact)
{
  GPtrArray *tags = reseau_contact_get_tags (contact);
  g_autoptr(GPtrArray) items = NULL;
  ReseauVCardProperty *first;

  if (reseau_contact_same_tags (contact, said))
    return;

  for (guint i = 0; i < map->categories->len; i++)
    if (i > 0 || tags->len == 0)
      patch_remove (patch, g_ptr_array_index (map->categories, i));

  if (tags->len == 0)
    return;

  items = g_ptr_array_new ();
  for (guint i = 0; i < tags->len; i++)
    g_ptr_array_add (items, g_ptr_array_index (tags, i));
  g_ptr_array_add (items, NULL);

  /* All the tags in the first CATEGORIES, where the card had them. */
  first = map->categories->len > 0 ? g_ptr_array_index (map->categories, 0)
                                   : append_new (patch->card, "CATEGORIES");
  reseau_vcard_property_set_list (first, (const char * const *) items->pdata);
}

static const char *
value_label (GPtrArray *values,
             guint      multi,
             guint      i)
{
  if (multi == MULTI_ADDRESS)
    return ((ReseauAddress *) g_ptr_array_index (values, i))->label;

  return ((ReseauLabeledValue *) g_ptr_array_index (values, i))->label;
}

static gboolean
same_value (GPtrArray *a,
            guint      i,
            GPtrArray *b,
            guint      j,
            guint      multi)
{
  const ReseauLabeledValue *x;
  const ReseauLabeledValue *y;

  if (multi == MULTI_ADDRESS)
    return reseau_address_same_place (g_ptr_array_index (a, i), g_ptr_array_index (b, j));

  x = g_ptr_array_index (a, i);
  y = g_ptr_array_index (b, j);
  return g_strcmp0 (x->value, y->value) == 0;
}

static GPtrArray *
multi_values (ReseauContact *contact,
              guint          multi)
{
  return multi == MULTI_ADDRESS ? reseau_contact_get_addresses (contact)
                                : reseau_contact_get_values (contact, multi);
}

static void
set_multi_value (ReseauVCardProperty *property,
                 GPtrArray           *values,
                 guint                multi,
                 guint                i)
{
  if (multi == MULTI_ADDRESS)
    {
      const ReseauAddress *address = g_ptr_array_index (values, i);
      const char *parts[] = {
        address->po_box, address->extended, address->street, address->locality,
        address->region, address->postal_code, address->country,
      };

      for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
        if (parts[k] == NULL)
          parts[k] = "";
      reseau_vcard_property_set_components (property, parts, G_N_ELEMENTS (parts));
    }
  else
    {
      const ReseauLabeledValue *value = g_ptr_array_index (values, i);

      reseau_vcard_property_set_text (property, value->value);
    }
}

/* The TYPE a label is written as, or NULL for a label only Apple's
 * X-ABLabel can carry. */
static const char *
type_for_label (const char *label,
                guint       multi)
{
  static const char * const common[] = { "work", "home", "other" };
  static const char * const phone[] = { "fax", "pager", "main", "iphone" };

  for (guint i = 0; i < G_N_ELEMENTS (common); i++)
    if (g_ascii_strcasecmp (label, common[i]) == 0)
      return common[i];

  if (multi != MULTI_PHONE)
    return NULL;

  if (g_ascii_strcasecmp (canonical_label (label), "mobile") == 0)
    return "cell";
  for (guint i = 0; i < G_N_ELEMENTS (phone); i++)
    if (g_ascii_strcasecmp (label, phone[i]) == 0)
      return phone[i];

  return NULL;
}

/* A new property for value i, labelled as TYPE or as an Apple item. The
 * returned property is not in the card yet; a companion X-ABLabel, when
 * one is needed, is stored in *ab_label. */
static ReseauVCardProperty *
new_multi_property (Patch                *patch,
                    GPtrArray            *values,
                    guint                 multi,
                    guint                 i,
                    ReseauVCardProperty **ab_label)
{
  const char *label = value_label (values, multi, i);
  const char *type = label != NULL ? type_for_label (label, multi) : NULL;
  ReseauVCardProperty *property;

  *ab_label = NULL;

  if (label == NULL || type != NULL)
    {
      property = reseau_vcard_property_new (NULL, multi_names[multi], "");
      if (type != NULL)
        reseau_vcard_property_add_param (property, "TYPE", type);
    }
  else
    {
      g_autofree char *group = g_strdup_printf ("item%u", patch->next_item++);

      property = reseau_vcard_property_new (group, multi_names[multi], "");
      *ab_label = reseau_vcard_property_new (group, "X-ABLABEL", "");
      reseau_vcard_property_set_text (*ab_label, label);
    }

  set_multi_value (property, values, multi, i);

  return property;
}

/* Parameters that describe the old value and would lie about the new one:
 * a 4.0 phone as a tel: URI (the app writes the number as text, TEL's
 * default) and an address's formatted LABEL and GEO. */
static void
forget_value_params (ReseauVCardProperty *property,
                     guint                multi)
{
  if (multi == MULTI_PHONE)
    {
      const char *value_type = reseau_vcard_property_get_param (property, "VALUE");

      if (value_type != NULL && g_ascii_strcasecmp (value_type, "uri") == 0)
        reseau_vcard_property_remove_param (property, "VALUE");
    }
  else if (multi == MULTI_ADDRESS)
    {
      reseau_vcard_property_remove_param (property, "LABEL");
      reseau_vcard_property_remove_param (property, "GEO");
    }
}

/* Keeps the properties whose value and label the contact still has,
 * rewrites in place those whose value changed, drops the rest and appends
 * what is new. */
static void
patch_multi (Patch         *patch,
             CardMap       *map,
             ReseauContact *said,
             ReseauContact *contact,
             guint          multi)
{
  GPtrArray *old_values = multi_values (said, multi);
  GPtrArray *values = multi_values (contact, multi);
  GPtrArray *properties = map->multi[multi];
  g_autofree gboolean *old_kept = g_new0 (gboolean, old_values->len + 1);
  g_autofree gboolean *kept = g_new0 (gboolean, values->len + 1);
  guint next_old = 0;

  g_assert (old_values->len == properties->len);

  for (guint i = 0; i < old_values->len; i++)
    for (guint j = 0; j < values->len; j++)
      if (!kept[j] && same_value (old_values, i, values, j, multi) &&
          labels_equal (value_label (old_values, multi, i), value_label (values, multi, j)))
        {
          old_kept[i] = kept[j] = TRUE;
          break;
        }

  for (guint j = 0; j < values->len; j++)
    {
      ReseauVCardProperty *ab_label = NULL;
      ReseauVCardProperty *property;
      guint index;

      if (kept[j])
        continue;

      /* An edited value takes the place of the first one that went. */
      while (next_old < old_values->len && old_kept[next_old])
        next_old++;

      if (next_old < old_values->len)
        {
          guint old_index = next_old++;
          ReseauVCardProperty *old = g_ptr_array_index (properties, old_index);

          old_kept[old_index] = TRUE;

          if (labels_equal (value_label (old_values, multi, old_index),
                            value_label (values, multi, j)))
            {
              /* Same label: same group, same parameters, new value. */
              forget_value_params (old, multi);
              set_multi_value (old, values, multi, j);
              continue;
            }

          property = new_multi_property (patch, values, multi, j, &ab_label);
          patch_replace (patch, old, property);
        }
      else
        {
          property = new_multi_property (patch, values, multi, j, &ab_label);
          reseau_vcard_append (patch->card, property);
        }

      if (ab_label == NULL)
        continue;

      if (!g_ptr_array_find (patch->card->properties, property, &index))
        g_assert_not_reached ();
      g_ptr_array_insert (patch->card->properties, index + 1, ab_label);
    }

  for (guint i = 0; i < old_values->len; i++)
    if (!old_kept[i])
      patch_remove (patch, g_ptr_array_index (properties, i));
}

/* Apple's annotations of an itemN group: meaningless once the property
 * they annotate is gone. */
static gboolean
is_item_companion (const ReseauVCardProperty *property)
{
  return strcmp (property->name, "X-ABLABEL") == 0 || strcmp (property->name, "X-ABADR") == 0;
}

/* Drops the removed properties, then the companions left alone in the
 * groups they vacated. */
static void
patch_apply_removals (Patch *patch)
{
  GPtrArray *properties = patch->card->properties;
  g_autoptr(GHashTable) used_groups = NULL;

  for (guint i = properties->len; i > 0 && g_hash_table_size (patch->removed) > 0; i--)
    if (g_hash_table_contains (patch->removed, g_ptr_array_index (properties, i - 1)))
      g_ptr_array_remove_index (properties, i - 1);

  if (g_hash_table_size (patch->vacated_groups) == 0)
    return;

  used_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < properties->len; i++)
    {
      ReseauVCardProperty *property = g_ptr_array_index (properties, i);

      if (property->group != NULL && !is_item_companion (property))
        g_hash_table_add (used_groups, g_ascii_strdown (property->group, -1));
    }

  for (guint i = properties->len; i > 0; i--)
    {
      ReseauVCardProperty *property = g_ptr_array_index (properties, i - 1);
      g_autofree char *group = NULL;

      if (property->group == NULL || !is_item_companion (property))
        continue;

      group = g_ascii_strdown (property->group, -1);
      if (g_hash_table_contains (patch->vacated_groups, group) &&
          !g_hash_table_contains (used_groups, group))
        g_ptr_array_remove_index (properties, i - 1);
    }
}

static void
append_app_fields (ReseauVCard   *card,
                   ReseauContact *contact)
{
  const char *texts[][2] = {
    { X_RESEAU_HOW_MET, reseau_contact_get_how_met (contact) },
    { X_RESEAU_MET_ON, reseau_contact_get_met_on (contact) },
    { X_RESEAU_INTRODUCED_BY, reseau_contact_get_introduced_by (contact) },
  };
  guint cadence = reseau_contact_get_cadence_days (contact);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i][1] != NULL)
      reseau_vcard_property_set_text (append_new (card, texts[i][0]), texts[i][1]);

  if (cadence > 0)
    {
      g_autofree char *days = g_strdup_printf ("%u", cadence);

      reseau_vcard_property_set_text (append_new (card, X_RESEAU_CADENCE_DAYS), days);
    }
}

ReseauVCard *
reseau_contact_to_vcard (ReseauContact *contact,
                         gboolean       app_fields)
{
  g_autoptr(ReseauVCard) card = NULL;
  g_autoptr(ReseauContact) said = NULL;
  const char *stored;
  CardFacts facts;
  CardMap map;
  Patch patch;

  g_return_val_if_fail (RESEAU_IS_CONTACT (contact), NULL);

  stored = reseau_contact_get_vcard (contact);
  if (stored != NULL)
    card = reseau_vcard_parse (stored, -1, NULL);
  if (card == NULL)
    card = reseau_vcard_new ();

  /* What the card says now, field by field, and where it says it. */
  said = g_object_new (RESEAU_TYPE_CONTACT, NULL);
  card_map_init (&map);
  facts = read_card (card, said, &map);

  patch.card = card;
  patch.version_4 = card->version == RESEAU_VCARD_VERSION_4_0;
  patch.removed = g_hash_table_new (NULL, NULL);
  patch.vacated_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  patch.next_item = first_free_item (card);

  patch_names (&patch, &map, said, contact);
  patch_nickname (&patch, &map, said, contact);
  patch_org (&patch, &map, said, contact);
  patch_text (&patch, map.title, "TITLE",
              reseau_contact_get_title (said), reseau_contact_get_title (contact));
  patch_text (&patch, map.role, "ROLE",
              reseau_contact_get_role (said), reseau_contact_get_role (contact));
  patch_text (&patch, map.note, "NOTE",
              reseau_contact_get_note (said), reseau_contact_get_note (contact));
  patch_date (&patch, map.bday, map.bday_unread,
              reseau_contact_get_birthday, said, contact, FALSE);
  patch_date (&patch, map.anniversary, map.anniversary_unread,
              reseau_contact_get_anniversary, said, contact, TRUE);
  patch_photo (&patch, &map, said, contact);
  patch_kind (&patch, &map, said, contact);
  patch_categories (&patch, &map, said, contact);
  for (guint multi = 0; multi < N_MULTI; multi++)
    patch_multi (&patch, &map, said, contact, multi);

  if (facts.has_uid &&
      g_strcmp0 (reseau_contact_get_uid (said), reseau_contact_get_uid (contact)) != 0)
    reseau_vcard_property_set_text (map.uid, reseau_contact_get_uid (contact));

  patch_apply_removals (&patch);
  g_hash_table_unref (patch.removed);
  g_hash_table_unref (patch.vacated_groups);
  card_map_clear (&map);

  add_required (card, contact, facts.has_fn, facts.has_n, facts.has_uid);
  if (facts.has_app_fields)
    remove_app_fields (card);
  if (app_fields)
    append_app_fields (card, contact);

  return g_steal_pointer (&card);
}

/* Apple's anniversary: an X-ABDATE item and the X-ABLabel naming it. */
static void
remove_apple_anniversary (ReseauVCard *card)
{
  g_autofree char *group = NULL;

  for (guint i = 0; i < card->properties->len && group == NULL; i++)
    {
      ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);

      if (strcmp (property->name, "X-ABDATE") == 0 && is_group_anniversary (card, i, property))
        group = g_strdup (property->group);
    }
  if (group == NULL)
    return;

  for (guint i = card->properties->len; i > 0; i--)
    {
      ReseauVCardProperty *property = g_ptr_array_index (card->properties, i - 1);

      if (property->group != NULL && g_ascii_strcasecmp (property->group, group) == 0 &&
          (strcmp (property->name, "X-ABDATE") == 0 || strcmp (property->name, "X-ABLABEL") == 0))
        g_ptr_array_remove_index (card->properties, i - 1);
    }
}

/* Drops what vCard 3.0 and 4.0 say each their own way: the organization
 * kind (KIND:org or Apple's X-ABShowAs), birthdays and anniversaries. */
static void
remove_version_dependent (ReseauVCard *card)
{
  static const char * const names[] = { "BDAY", "ANNIVERSARY", "KIND", "X-ABSHOWAS" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    reseau_vcard_remove_all (card, names[i]);
  remove_apple_anniversary (card);
}

ReseauVCard *
reseau_contact_to_vcard_for_version (ReseauContact      *contact,
                                     gboolean            app_fields,
                                     ReseauVCardVersion  version)
{
  g_autoptr(ReseauVCard) card = NULL;
  g_autoptr(ReseauContact) restated = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (RESEAU_IS_CONTACT (contact), NULL);

  card = reseau_contact_to_vcard (contact, app_fields);
  if (card->version == version)
    return g_steal_pointer (&card);

  /* Drop what each version says its own way, then let the patch say it
   * again as the target version does: the patch writes by the stored
   * card's version. */
  remove_version_dependent (card);
  card->version = version;
  text = reseau_vcard_to_string (card, version);

  restated = reseau_contact_copy (contact);
  reseau_contact_set_vcard (restated, text);

  return reseau_contact_to_vcard (restated, app_fields);
}

gboolean
reseau_contact_same_card (ReseauContact *a,
                          ReseauContact *b)
{
  g_autoptr(ReseauVCard) card_a = NULL;
  g_autoptr(ReseauVCard) card_b = NULL;

  g_return_val_if_fail (RESEAU_IS_CONTACT (a), FALSE);
  g_return_val_if_fail (RESEAU_IS_CONTACT (b), FALSE);

  card_a = reseau_contact_to_vcard (a, FALSE);
  card_b = reseau_contact_to_vcard (b, FALSE);
  remove_version_dependent (card_a);
  remove_version_dependent (card_b);
  card_a->version = card_b->version;

  return reseau_vcard_equal (card_a, card_b);
}

void
reseau_contact_refresh_vcard (ReseauContact *contact)
{
  g_autoptr(ReseauVCard) card = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (RESEAU_IS_CONTACT (contact));

  card = reseau_contact_to_vcard (contact, FALSE);
  text = reseau_vcard_to_string (card, stored_version (card));
  reseau_contact_set_vcard (contact, text);
}
