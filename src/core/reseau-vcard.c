/* reseau-vcard.c — cards, properties, parameters and their accessors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "reseau-vcard-private.h"

G_DEFINE_QUARK (reseau-vcard-error-quark, reseau_vcard_error)

/* Names ---------------------------------------------------------------------- */

/* The property and parameter names nearly every card uses. Reading shares
 * these instead of allocating a copy for each property of each card: a
 * reader spends much of its time in malloc and free. Names are never
 * changed in place, so a shared one is as good as a copy; only freeing
 * must tell them apart. */
static const char known_names[][12] = {
  "ADR", "BDAY", "CATEGORIES", "CHARSET", "EMAIL", "ENCODING", "FN", "KIND",
  "N", "NICKNAME", "NOTE", "ORG", "PHOTO", "PREF", "PRODID", "REV", "ROLE",
  "TEL", "TITLE", "TYPE", "UID", "URL", "VALUE", "X-ABLABEL",
};

static gboolean
is_known_name (const char *name)
{
  guintptr address = (guintptr) name;

  return address >= (guintptr) known_names[0] &&
         address < (guintptr) known_names[G_N_ELEMENTS (known_names)];
}

char *
reseau_vcard_known_name (const char *text,
                         gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_names); i++)
    if (strlen (known_names[i]) == length &&
        g_ascii_strncasecmp (known_names[i], text, length) == 0)
      return (char *) known_names[i];

  return NULL;
}

void
reseau_vcard_free_name (char *name)
{
  if (!is_known_name (name))
    g_free (name);
}

/* Parameters ----------------------------------------------------------------- */

ReseauVCardParam *
reseau_vcard_param_new_take (char  *name,
                             char **values)
{
  ReseauVCardParam *param = g_new (ReseauVCardParam, 1);

  param->name = name;
  param->values = values;

  return param;
}

ReseauVCardParam *
reseau_vcard_param_copy (const ReseauVCardParam *param)
{
  return reseau_vcard_param_new_take (g_strdup (param->name),
                                      g_strdupv (param->values));
}

void
reseau_vcard_param_free (ReseauVCardParam *param)
{
  if (param == NULL)
    return;

  reseau_vcard_free_name (param->name);
  g_strfreev (param->values);
  g_free (param);
}

/* Properties ----------------------------------------------------------------- */

ReseauVCardProperty *
reseau_vcard_property_new_take (char *group,
                                char *name,
                                char *value)
{
  ReseauVCardProperty *property = g_new (ReseauVCardProperty, 1);

  property->group = group;
  property->name = name;
  property->params = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_vcard_param_free);
  property->value = value;
  property->line = 0;

  return property;
}

ReseauVCardProperty *
reseau_vcard_property_new (const char *group,
                           const char *name,
                           const char *value)
{
  g_return_val_if_fail (name != NULL, NULL);

  return reseau_vcard_property_new_take (group != NULL && *group != '\0' ? g_strdup (group) : NULL,
                                         g_ascii_strup (name, -1),
                                         g_strdup (value != NULL ? value : ""));
}

ReseauVCardProperty *
reseau_vcard_property_copy (const ReseauVCardProperty *property)
{
  ReseauVCardProperty *copy;

  g_return_val_if_fail (property != NULL, NULL);

  copy = reseau_vcard_property_new_take (g_strdup (property->group),
                                         g_strdup (property->name),
                                         g_strdup (property->value));
  copy->line = property->line;
  for (guint i = 0; i < property->params->len; i++)
    g_ptr_array_add (copy->params, reseau_vcard_param_copy (g_ptr_array_index (property->params, i)));

  return copy;
}

void
reseau_vcard_property_free (ReseauVCardProperty *property)
{
  if (property == NULL)
    return;

  g_free (property->group);
  reseau_vcard_free_name (property->name);
  g_ptr_array_unref (property->params);
  g_free (property->value);
  g_free (property);
}

const char *
reseau_vcard_property_get_param (const ReseauVCardProperty *property,
                                 const char                *name)
{
  g_return_val_if_fail (property != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < property->params->len; i++)
    {
      const ReseauVCardParam *param = g_ptr_array_index (property->params, i);

      if (g_ascii_strcasecmp (param->name, name) == 0)
        return param->values != NULL ? param->values[0] : NULL;
    }

  return NULL;
}

gboolean
reseau_vcard_property_has_type (const ReseauVCardProperty *property,
                                const char                *type)
{
  g_return_val_if_fail (property != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  /* The reader splits TYPE lists and turns bare 2.1 types into TYPE, so
   * looking at every value of every TYPE covers all the spellings. */
  for (guint i = 0; i < property->params->len; i++)
    {
      const ReseauVCardParam *param = g_ptr_array_index (property->params, i);

      if (g_ascii_strcasecmp (param->name, "TYPE") != 0 || param->values == NULL)
        continue;

      for (guint j = 0; param->values[j] != NULL; j++)
        if (g_ascii_strcasecmp (param->values[j], type) == 0)
          return TRUE;
    }

  return FALSE;
}

void
reseau_vcard_property_add_param (ReseauVCardProperty *property,
                                 const char          *name,
                                 const char          *value)
{
  char **values;

  g_return_if_fail (property != NULL);
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (value != NULL);

  values = g_new (char *, 2);
  values[0] = g_strdup (value);
  values[1] = NULL;
  g_ptr_array_add (property->params,
                   reseau_vcard_param_new_take (g_ascii_strup (name, -1), values));
}

void
reseau_vcard_property_remove_param (ReseauVCardProperty *property,
                                    const char          *name)
{
  guint kept = 0;

  g_return_if_fail (property != NULL);
  g_return_if_fail (name != NULL);

  /* Compacts in place rather than removing one index at a time, which would
   * be quadratic on a property with thousands of parameters. */
  for (guint i = 0; i < property->params->len; i++)
    {
      ReseauVCardParam *param = g_ptr_array_index (property->params, i);

      if (g_ascii_strcasecmp (param->name, name) == 0)
        reseau_vcard_param_free (param);
      else
        property->params->pdata[kept++] = param;
    }
  property->params->len = kept;
}

gboolean
reseau_vcard_property_is_base64 (const ReseauVCardProperty *property)
{
  const char *encoding = reseau_vcard_property_get_param (property, "ENCODING");

  return encoding != NULL
         && (g_ascii_strcasecmp (encoding, "b") == 0
             || g_ascii_strcasecmp (encoding, "BASE64") == 0);
}

/* Escaping ------------------------------------------------------------------- */

char *
reseau_vcard_escape (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 8);
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case ',':  g_string_append (out, "\\,"); break;
        case ';':  g_string_append (out, "\\;"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r':
          /* CRLF and a lone CR are both one line break. */
          if (p[1] == '\n')
            p++;
          g_string_append (out, "\\n");
          break;
        default:   g_string_append_c (out, *p); break;
        }
    }

  return g_string_free (out, FALSE);
}

/* Unescapes text[0..length) into out. */
static void
append_unescaped (GString    *out,
                  const char *text,
                  gsize       length)
{
  const char *end = text + length;
  const char *p = text;

  while (p < end)
    {
      const char *backslash = memchr (p, '\\', end - p);

      if (backslash == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }

      g_string_append_len (out, p, backslash - p);
      if (backslash + 1 == end)
        {
          /* A lone backslash at the very end escapes nothing: keep it. */
          g_string_append_c (out, '\\');
          break;
        }

      if (backslash[1] == 'n' || backslash[1] == 'N')
        g_string_append_c (out, '\n');
      else
        g_string_append_c (out, backslash[1]);
      p = backslash + 2;
    }
}

static char *
unescape_len (const char *text,
              gsize       length)
{
  GString *out;

  /* Most values (emails, phone numbers, names) have nothing to unescape. */
  if (memchr (text, '\\', length) == NULL)
    {
      char *copy = g_malloc (length + 1);

      memcpy (copy, text, length);
      copy[length] = '\0';
      return copy;
    }

  out = g_string_sized_new (length);

  append_unescaped (out, text, length);

  return g_string_free (out, FALSE);
}

char *
reseau_vcard_property_get_text (const ReseauVCardProperty *property)
{
  g_return_val_if_fail (property != NULL, NULL);

  return unescape_len (property->value, strlen (property->value));
}

/* Splits at separator when it is not escaped, unescaping each part. */
static GPtrArray *
split_unescaped (const char *value,
                 char        separator)
{
  GPtrArray *parts = g_ptr_array_new ();
  const char *start = value;
  const char *p = value;

  for (;;)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p += 2;
          continue;
        }

      if (*p == separator || *p == '\0')
        {
          g_ptr_array_add (parts, unescape_len (start, p - start));
          if (*p == '\0')
            break;
          start = p + 1;
        }
      p++;
    }

  return parts;
}

char **
reseau_vcard_property_get_components (const ReseauVCardProperty *property)
{
  GPtrArray *parts;

  g_return_val_if_fail (property != NULL, NULL);

  parts = split_unescaped (property->value, ';');
  g_ptr_array_add (parts, NULL);

  return (char **) g_ptr_array_free (parts, FALSE);
}

char **
reseau_vcard_property_get_list (const ReseauVCardProperty *property)
{
  GPtrArray *parts;
  guint kept = 0;

  g_return_val_if_fail (property != NULL, NULL);

  parts = split_unescaped (property->value, ',');
  for (guint i = 0; i < parts->len; i++)
    {
      char *item = g_strstrip ((char *) g_ptr_array_index (parts, i));

      if (*item == '\0')
        g_free (item);
      else
        parts->pdata[kept++] = item;
    }
  parts->len = kept;
  g_ptr_array_add (parts, NULL);

  return (char **) g_ptr_array_free (parts, FALSE);
}

/* Binary values -------------------------------------------------------------- */

const char *
reseau_vcard_mime_for_type (const char *type)
{
  if (type == NULL)
    return NULL;
  if (g_ascii_strcasecmp (type, "JPEG") == 0 || g_ascii_strcasecmp (type, "JPG") == 0)
    return "image/jpeg";
  if (g_ascii_strcasecmp (type, "PNG") == 0)
    return "image/png";
  if (g_ascii_strcasecmp (type, "GIF") == 0)
    return "image/gif";
  if (g_ascii_strcasecmp (type, "BMP") == 0)
    return "image/bmp";
  if (g_ascii_strcasecmp (type, "WEBP") == 0)
    return "image/webp";
  if (g_ascii_strcasecmp (type, "image/jpg") == 0)
    return "image/jpeg";
  if (g_ascii_strncasecmp (type, "image/", 6) == 0)
    return type;

  return NULL;
}

char *
reseau_vcard_type_for_mime (const char *mime_type)
{
  const char *slash;

  /* TYPE only ever named image formats. */
  if (mime_type == NULL || g_ascii_strncasecmp (mime_type, "image/", 6) != 0)
    return NULL;
  if (g_ascii_strcasecmp (mime_type, "image/jpeg") == 0
      || g_ascii_strcasecmp (mime_type, "image/jpg") == 0)
    return g_strdup ("JPEG");

  slash = strchr (mime_type, '/');

  return g_ascii_strup (slash + 1, -1);
}

const char *
reseau_vcard_sniff_mime (const guchar *data,
                         gsize         length)
{
  if (length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return "image/jpeg";
  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (length >= 4 && memcmp (data, "GIF8", 4) == 0)
    return "image/gif";

  return NULL;
}

gboolean
reseau_vcard_split_data_uri (const char  *value,
                             char       **mime_type,
                             gboolean    *is_base64,
                             const char **payload)
{
  const char *comma;
  const char *header;
  gsize mime_length;

  if (g_ascii_strncasecmp (value, "data:", 5) != 0)
    return FALSE;

  header = value + 5;
  comma = strchr (header, ',');
  if (comma == NULL)
    return FALSE;

  mime_length = strcspn (header, ";,");
  *mime_type = mime_length > 0 ? g_ascii_strdown (header, mime_length) : NULL;

  /* ";base64" must be the last attribute, right before the comma. */
  *is_base64 = comma - header >= 7
               && g_ascii_strncasecmp (comma - 7, ";base64", 7) == 0;
  *payload = comma + 1;

  return TRUE;
}

static const char *
mime_from_type_params (const ReseauVCardProperty *property)
{
  /* 4.0 names the media type in MEDIATYPE; 2.1 and 3.0 in TYPE. */
  const char *mediatype = reseau_vcard_property_get_param (property, "MEDIATYPE");

  if (mediatype != NULL)
    return mediatype;

  for (guint i = 0; i < property->params->len; i++)
    {
      const ReseauVCardParam *param = g_ptr_array_index (property->params, i);

      if (g_ascii_strcasecmp (param->name, "TYPE") != 0 || param->values == NULL)
        continue;

      for (guint j = 0; param->values[j] != NULL; j++)
        {
          const char *mime = reseau_vcard_mime_for_type (param->values[j]);

          if (mime != NULL)
            return mime;
        }
    }

  return NULL;
}

GBytes *
reseau_vcard_property_decode_inline (const ReseauVCardProperty *property,
                                     char                     **mime_type)
{
  g_autofree char *uri_mime = NULL;
  const char *mime = NULL;
  const char *payload;
  gboolean is_base64;
  guchar *data;
  gsize length = 0;

  if (reseau_vcard_property_is_base64 (property))
    {
      data = g_base64_decode (property->value, &length);
      mime = mime_from_type_params (property);
    }
  else if (reseau_vcard_split_data_uri (property->value, &uri_mime, &is_base64, &payload))
    {
      if (is_base64)
        {
          data = g_base64_decode (payload, &length);
        }
      else
        {
          GBytes *bytes = g_uri_unescape_bytes (payload, -1, NULL, NULL);

          /* Broken %-escapes: no data, rather than a guess. */
          data = bytes != NULL ? g_bytes_unref_to_data (bytes, &length) : NULL;
        }
      mime = uri_mime;
    }
  else
    {
      return NULL;
    }

  if (mime == NULL)
    mime = reseau_vcard_sniff_mime (data, length);
  if (mime_type != NULL)
    *mime_type = mime != NULL ? g_ascii_strdown (mime, -1) : NULL;

  return g_bytes_new_take (data, length);
}

GBytes *
reseau_vcard_property_get_binary (const ReseauVCardProperty *property,
                                  char                     **mime_type)
{
  g_autofree char *mime = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (property != NULL, NULL);

  if (mime_type != NULL)
    *mime_type = NULL;

  bytes = reseau_vcard_property_decode_inline (property, &mime);
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    return NULL;

  if (mime_type != NULL)
    *mime_type = g_steal_pointer (&mime);

  return g_steal_pointer (&bytes);
}

/* Setters -------------------------------------------------------------------- */

void
reseau_vcard_property_set_text (ReseauVCardProperty *property,
                                const char          *text)
{
  g_return_if_fail (property != NULL);
  g_return_if_fail (text != NULL);

  g_free (property->value);
  property->value = reseau_vcard_escape (text);
}

static char *
join_escaped (const char * const *items,
              gsize               n_items,
              char                separator)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < n_items; i++)
    {
      g_autofree char *escaped = reseau_vcard_escape (items[i] != NULL ? items[i] : "");

      if (i > 0)
        g_string_append_c (out, separator);
      g_string_append (out, escaped);
    }

  return g_string_free (out, FALSE);
}

void
reseau_vcard_property_set_components (ReseauVCardProperty *property,
                                      const char * const  *components,
                                      gsize                n_components)
{
  g_return_if_fail (property != NULL);
  g_return_if_fail (components != NULL || n_components == 0);

  g_free (property->value);
  property->value = join_escaped (components, n_components, ';');
}

void
reseau_vcard_property_set_list (ReseauVCardProperty *property,
                                const char * const  *items)
{
  g_return_if_fail (property != NULL);

  g_free (property->value);
  property->value = join_escaped (items,
                                  items != NULL ? g_strv_length ((char **) items) : 0,
                                  ',');
}

void
reseau_vcard_property_set_binary (ReseauVCardProperty *property,
                                  GBytes              *data,
                                  const char          *mime_type)
{
  const guchar *bytes;
  gsize length;

  g_return_if_fail (property != NULL);
  g_return_if_fail (data != NULL);

  bytes = g_bytes_get_data (data, &length);
  if (mime_type == NULL)
    mime_type = reseau_vcard_sniff_mime (bytes, length);

  /* What described the old value (its format, a link, its encoding) no
   * longer applies. */
  reseau_vcard_property_remove_param (property, "ENCODING");
  reseau_vcard_property_remove_param (property, "TYPE");
  reseau_vcard_property_remove_param (property, "VALUE");
  reseau_vcard_property_remove_param (property, "MEDIATYPE");

  g_free (property->value);
  property->value = g_base64_encode (bytes, length);
  reseau_vcard_property_add_param (property, "ENCODING", "b");
  if (mime_type != NULL)
    {
      g_autofree char *type = reseau_vcard_type_for_mime (mime_type);

      reseau_vcard_property_add_param (property, "TYPE", type);
    }
}

/* Cards ---------------------------------------------------------------------- */

ReseauVCard *
reseau_vcard_new (void)
{
  ReseauVCard *card = g_new (ReseauVCard, 1);

  card->version = RESEAU_VCARD_VERSION_4_0;
  card->line = 0;
  /* Room for a typical card's properties from the start: growing one
   * pointer array step by step costs several reallocations per card. */
  card->properties = g_ptr_array_new_full (16, (GDestroyNotify) reseau_vcard_property_free);

  return card;
}

ReseauVCard *
reseau_vcard_copy (const ReseauVCard *card)
{
  ReseauVCard *copy;

  g_return_val_if_fail (card != NULL, NULL);

  copy = reseau_vcard_new ();
  copy->version = card->version;
  copy->line = card->line;
  g_ptr_array_set_size (copy->properties, 0);
  for (guint i = 0; i < card->properties->len; i++)
    g_ptr_array_add (copy->properties,
                     reseau_vcard_property_copy (g_ptr_array_index (card->properties, i)));

  return copy;
}

void
reseau_vcard_free (ReseauVCard *card)
{
  if (card == NULL)
    return;

  g_ptr_array_unref (card->properties);
  g_free (card);
}

ReseauVCardProperty *
reseau_vcard_get (const ReseauVCard *card,
                  const char        *name)
{
  g_return_val_if_fail (card != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < card->properties->len; i++)
    {
      ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);

      if (g_ascii_strcasecmp (property->name, name) == 0)
        return property;
    }

  return NULL;
}

ReseauVCardProperty *
reseau_vcard_get_in_group (const ReseauVCard *card,
                           const char        *group,
                           const char        *name)
{
  g_return_val_if_fail (card != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < card->properties->len; i++)
    {
      ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);
      gboolean same_group;

      if (group == NULL)
        same_group = property->group == NULL;
      else
        same_group = property->group != NULL && g_ascii_strcasecmp (property->group, group) == 0;

      if (same_group && g_ascii_strcasecmp (property->name, name) == 0)
        return property;
    }

  return NULL;
}

ReseauVCardProperty *
reseau_vcard_append (ReseauVCard         *card,
                     ReseauVCardProperty *property)
{
  g_return_val_if_fail (card != NULL, NULL);
  g_return_val_if_fail (property != NULL, NULL);

  g_ptr_array_add (card->properties, property);

  return property;
}

guint
reseau_vcard_remove_all (ReseauVCard *card,
                         const char  *name)
{
  guint kept = 0;
  guint removed;

  g_return_val_if_fail (card != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  for (guint i = 0; i < card->properties->len; i++)
    {
      ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);

      if (g_ascii_strcasecmp (property->name, name) == 0)
        reseau_vcard_property_free (property);
      else
        card->properties->pdata[kept++] = property;
    }
  removed = card->properties->len - kept;
  card->properties->len = kept;

  return removed;
}

/* Parsing one card ------------------------------------------------------------ */

ReseauVCard *
reseau_vcard_parse (const char  *text,
                    gssize       length,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ReseauVCardReader) reader = NULL;
  ReseauVCard *card;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);

  /* The reader lives no longer than this call, so it may borrow text. */
  bytes = g_bytes_new_static (text, length);
  reader = reseau_vcard_reader_new (bytes);
  card = reseau_vcard_reader_next (reader);
  if (card == NULL)
    {
      g_set_error_literal (error, RESEAU_VCARD_ERROR, RESEAU_VCARD_ERROR_NOT_VCARD,
                           _("This text holds no vCard: there is no BEGIN:VCARD line."));
      return NULL;
    }

  return card;
}

/* Comparing ------------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
is_format_type (const char *type)
{
  return reseau_vcard_mime_for_type (type) != NULL;
}

/* One string per property that two equivalent properties share: names and
 * groups in upper case, parameters sorted, TYPE values merged, lowered and
 * sorted, inline data in one spelling whatever the version wrote. */
static char *
normalise_property (const ReseauVCardProperty *property)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *inline_mime = NULL;
  g_autoptr(GBytes) inline_data = reseau_vcard_property_decode_inline (property, &inline_mime);
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < property->params->len; i++)
    {
      const ReseauVCardParam *param = g_ptr_array_index (property->params, i);
      GString *one;

      /* Those describe the encoding, which the key spells its own way. */
      if (inline_data != NULL
          && (g_ascii_strcasecmp (param->name, "ENCODING") == 0
              || g_ascii_strcasecmp (param->name, "MEDIATYPE") == 0
              || g_ascii_strcasecmp (param->name, "VALUE") == 0))
        continue;

      if (g_ascii_strcasecmp (param->name, "TYPE") == 0)
        {
          for (guint j = 0; param->values != NULL && param->values[j] != NULL; j++)
            if (param->values[j][0] != '\0'
                && (inline_data == NULL || !is_format_type (param->values[j])))
              g_ptr_array_add (types, g_ascii_strdown (param->values[j], -1));
          continue;
        }

      one = g_string_new (NULL);
      for (const char *c = param->name; *c != '\0'; c++)
        g_string_append_c (one, g_ascii_toupper (*c));
      g_string_append_c (one, '=');
      for (guint j = 0; param->values != NULL && param->values[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append_c (one, ',');
          g_string_append (one, param->values[j]);
        }
      g_ptr_array_add (params, g_string_free (one, FALSE));
    }

  if (types->len > 0)
    {
      GString *one = g_string_new ("TYPE=");

      g_ptr_array_sort (types, compare_strings);
      for (guint j = 0; j < types->len; j++)
        {
          if (j > 0)
            g_string_append_c (one, ',');
          g_string_append (one, g_ptr_array_index (types, j));
        }
      g_ptr_array_add (params, g_string_free (one, FALSE));
    }
  g_ptr_array_sort (params, compare_strings);

  if (property->group != NULL)
    {
      for (const char *c = property->group; *c != '\0'; c++)
        g_string_append_c (key, g_ascii_toupper (*c));
      g_string_append_c (key, '.');
    }
  for (const char *c = property->name; *c != '\0'; c++)
    g_string_append_c (key, g_ascii_toupper (*c));
  for (guint i = 0; i < params->len; i++)
    {
      g_string_append_c (key, ';');
      g_string_append (key, g_ptr_array_index (params, i));
    }
  g_string_append_c (key, ':');
  if (inline_data != NULL)
    {
      g_autofree char *encoded = g_base64_encode (g_bytes_get_data (inline_data, NULL),
                                                  g_bytes_get_size (inline_data));
      const char *mime = reseau_vcard_mime_for_type (inline_mime);

      g_string_append (key, "data:");
      if (mime == NULL)
        mime = inline_mime != NULL ? inline_mime : "application/octet-stream";
      for (const char *c = mime; *c != '\0'; c++)
        g_string_append_c (key, g_ascii_tolower (*c));
      g_string_append (key, ";base64,");
      g_string_append (key, encoded);
    }
  else
    {
      g_string_append (key, property->value);
    }

  return g_string_free (key, FALSE);
}

static GPtrArray *
normalise_card (const ReseauVCard *card)
{
  GPtrArray *keys = g_ptr_array_new_full (card->properties->len, g_free);

  for (guint i = 0; i < card->properties->len; i++)
    {
      const ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);

      /* A server stamps those on every save; they say nothing of the contact. */
      if (g_ascii_strcasecmp (property->name, "PRODID") == 0
          || g_ascii_strcasecmp (property->name, "REV") == 0
          || g_ascii_strcasecmp (property->name, "VERSION") == 0)
        continue;

      g_ptr_array_add (keys, normalise_property (property));
    }
  g_ptr_array_sort (keys, compare_strings);

  return keys;
}

gboolean
reseau_vcard_equal (const ReseauVCard *a,
                    const ReseauVCard *b)
{
  g_autoptr(GPtrArray) keys_a = NULL;
  g_autoptr(GPtrArray) keys_b = NULL;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a == b)
    return TRUE;

  keys_a = normalise_card (a);
  keys_b = normalise_card (b);
  if (keys_a->len != keys_b->len)
    return FALSE;

  for (guint i = 0; i < keys_a->len; i++)
    if (strcmp (g_ptr_array_index (keys_a, i), g_ptr_array_index (keys_b, i)) != 0)
      return FALSE;

  return TRUE;
}

/* For the merge and its hash, which must see cards exactly as the
 * comparison above does. */
char *
reseau_vcard_normalise_property (const ReseauVCardProperty *property)
{
  g_return_val_if_fail (property != NULL, NULL);

  return normalise_property (property);
}

GPtrArray *
reseau_vcard_normalise_card (const ReseauVCard *card)
{
  g_return_val_if_fail (card != NULL, NULL);

  return normalise_card (card);
}
