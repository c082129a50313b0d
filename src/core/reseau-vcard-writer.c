/* reseau-vcard-writer.c — writing cards as vCard 3.0 or 4.0
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-vcard-private.h"

/* RFC 6350 §3.2: at most 75 octets per physical line, line end excluded. */
#define MAX_LINE_OCTETS 75

/* Values and parameter lists ------------------------------------------------------ */

static gboolean
param_value_needs_quotes (const char *value)
{
  return value[strcspn (value, ":;,")] != '\0';
}

/* RFC 6868: a parameter value cannot hold a line break or a double quote
 * as such. */
static void
append_param_value (GString    *out,
                    const char *value)
{
  gboolean quoted = param_value_needs_quotes (value);

  if (quoted)
    g_string_append_c (out, '"');

  if (value[strcspn (value, "^\"\r\n")] == '\0')
    {
      g_string_append (out, value);
    }
  else
    {
      for (const char *p = value; *p != '\0'; p++)
        {
          switch (*p)
            {
            case '^':  g_string_append (out, "^^"); break;
            case '"':  g_string_append (out, "^'"); break;
            case '\n': g_string_append (out, "^n"); break;
            case '\r':
              if (p[1] == '\n')
                p++;
              g_string_append (out, "^n");
              break;
            default:   g_string_append_c (out, *p); break;
            }
        }
    }

  if (quoted)
    g_string_append_c (out, '"');
}

/* A value must stay on one logical line: a raw line break someone put in
 * a value is written as the "\n" escape. */
static void
append_value (GString    *out,
              const char *value)
{
  gsize plain = strcspn (value, "\r\n");

  g_string_append_len (out, value, plain);
  for (const char *p = value + plain; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          if (p[1] == '\n')
            p++;
          g_string_append (out, "\\n");
        }
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
}

typedef enum
{
  BINARY_AS_IS,
  BINARY_TO_DATA_URI,     /* ENCODING=b written for 4.0 */
  BINARY_TO_ENCODING_B,   /* data: URI written for 3.0 */
} BinaryConversion;

/* Whether the parameter is left out because the value's new spelling
 * carries what it said. */
static gboolean
skip_param (const ReseauVCardParam *param,
            BinaryConversion        conversion)
{
  if (conversion == BINARY_AS_IS)
    return FALSE;

  return g_ascii_strcasecmp (param->name, "ENCODING") == 0
         || g_ascii_strcasecmp (param->name, "VALUE") == 0
         || g_ascii_strcasecmp (param->name, "MEDIATYPE") == 0;
}

/* image_type, when not NULL, is the format of data becoming ENCODING=b: it
 * joins the one TYPE list, so that what is written reads back to the same
 * parameters and is written the same again. */
static void
append_params (GString                   *out,
               const ReseauVCardProperty *property,
               BinaryConversion           conversion,
               const char                *image_type)
{
  gboolean types_written = FALSE;

  for (guint i = 0; i < property->params->len; i++)
    {
      const ReseauVCardParam *param = g_ptr_array_index (property->params, i);

      if (skip_param (param, conversion))
        continue;

      if (g_ascii_strcasecmp (param->name, "TYPE") == 0)
        {
          gboolean first = TRUE;

          /* Every TYPE (repeated, listed or bare 2.1 ones) goes into one
           * list where the first one was. */
          if (types_written)
            continue;
          types_written = TRUE;

          for (guint k = i; k < property->params->len; k++)
            {
              const ReseauVCardParam *type = g_ptr_array_index (property->params, k);

              if (g_ascii_strcasecmp (type->name, "TYPE") != 0 || type->values == NULL)
                continue;

              for (guint j = 0; type->values[j] != NULL; j++)
                {
                  /* The image format moves into the data: URI or back; an
                   * empty type says nothing. */
                  if (type->values[j][0] == '\0'
                      || (conversion != BINARY_AS_IS
                          && reseau_vcard_mime_for_type (type->values[j]) != NULL))
                    continue;

                  g_string_append (out, first ? ";TYPE=" : ",");
                  append_param_value (out, type->values[j]);
                  first = FALSE;
                }
            }
          if (image_type != NULL)
            {
              g_string_append (out, first ? ";TYPE=" : ",");
              append_param_value (out, image_type);
            }
          continue;
        }

      g_string_append_c (out, ';');
      g_string_append (out, param->name);
      g_string_append_c (out, '=');
      for (guint j = 0; param->values != NULL && param->values[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          append_param_value (out, param->values[j]);
        }
    }

  if (image_type != NULL && !types_written)
    {
      g_string_append (out, ";TYPE=");
      append_param_value (out, image_type);
    }
}

/* The properties whose value may be inline binary data; only those change
 * between ENCODING=b and data: URIs, so that a text value that happens to
 * carry an ENCODING parameter is never turned into a URI. */
static gboolean
holds_binary (const ReseauVCardProperty *property)
{
  static const char * const names[] = { "PHOTO", "LOGO", "SOUND", "KEY" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (property->name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
write_property (const ReseauVCardProperty *property,
                ReseauVCardVersion         version,
                GString                   *out)
{
  g_autofree char *mime = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GBytes) data = NULL;
  BinaryConversion conversion = BINARY_AS_IS;
  gboolean binary = holds_binary (property);

  if (binary && reseau_vcard_property_is_base64 (property))
    {
      if (version == RESEAU_VCARD_VERSION_4_0)
        {
          data = reseau_vcard_property_decode_inline (property, &mime);
          conversion = BINARY_TO_DATA_URI;
        }
    }
  else if (binary && version != RESEAU_VCARD_VERSION_4_0
           && g_ascii_strncasecmp (property->value, "data:", 5) == 0)
    {
      data = reseau_vcard_property_decode_inline (property, &mime);
      type = reseau_vcard_type_for_mime (mime);

      /* 3.0 names a format only by TYPE: a data: URI whose format has no
       * TYPE name is better left a URI than losing what it is. */
      if (data != NULL && type != NULL && reseau_vcard_mime_for_type (type) != NULL)
        conversion = BINARY_TO_ENCODING_B;
    }

  if (property->group != NULL)
    {
      g_string_append (out, property->group);
      g_string_append_c (out, '.');
    }
  g_string_append (out, property->name);
  append_params (out, property, conversion,
                 conversion == BINARY_TO_ENCODING_B ? type : NULL);

  switch (conversion)
    {
    case BINARY_TO_DATA_URI:
      g_string_append (out, ":data:");
      g_string_append (out, mime != NULL ? mime : "application/octet-stream");
      g_string_append (out, ";base64,");
      append_value (out, property->value);
      break;

    case BINARY_TO_ENCODING_B:
      {
        g_autofree char *encoded = g_base64_encode (g_bytes_get_data (data, NULL),
                                                    g_bytes_get_size (data));

        g_string_append (out, ";ENCODING=b:");
        g_string_append (out, encoded);
      }
      break;

    case BINARY_AS_IS:
    default:
      g_string_append_c (out, ':');
      append_value (out, property->value);
      break;
    }
}

/* Folding ------------------------------------------------------------------------- */

/* Writes line into out as physical lines of at most 75 octets, each
 * continuation starting with a space, never inside a UTF-8 sequence. */
static void
append_folded (GString    *out,
               const char *line,
               gsize       length)
{
  gsize pos = 0;
  gsize limit = MAX_LINE_OCTETS;

  while (length - pos > limit)
    {
      gsize cut = pos + limit;

      while (cut > pos && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      if (cut == pos)
        cut = pos + limit;  /* not UTF-8 at all: any cut will do */

      g_string_append_len (out, line + pos, cut - pos);
      g_string_append (out, "\r\n ");
      pos = cut;
      limit = MAX_LINE_OCTETS - 1;
    }
  g_string_append_len (out, line + pos, length - pos);
}

/* Public API ---------------------------------------------------------------------- */

void
reseau_vcard_write (const ReseauVCard  *card,
                    ReseauVCardVersion  version,
                    GString            *out)
{
  g_autoptr(GString) long_line = NULL;

  g_return_if_fail (card != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (version == RESEAU_VCARD_VERSION_3_0 || version == RESEAU_VCARD_VERSION_4_0);

  g_string_append (out, "BEGIN:VCARD\r\n");
  g_string_append (out, version == RESEAU_VCARD_VERSION_4_0 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n");

  for (guint i = 0; i < card->properties->len; i++)
    {
      const ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);
      gsize start = out->len;

      /* The writer owns the card's frame. */
      if (g_ascii_strcasecmp (property->name, "VERSION") == 0
          || g_ascii_strcasecmp (property->name, "BEGIN") == 0
          || g_ascii_strcasecmp (property->name, "END") == 0)
        continue;

      write_property (property, version, out);

      /* Most lines are short and written in place; a long one is moved
       * aside and copied back folded, which stays linear in its length. */
      if (out->len - start > MAX_LINE_OCTETS)
        {
          if (long_line == NULL)
            long_line = g_string_new (NULL);
          g_string_truncate (long_line, 0);
          g_string_append_len (long_line, out->str + start, out->len - start);
          g_string_truncate (out, start);
          append_folded (out, long_line->str, long_line->len);
        }
      g_string_append (out, "\r\n");
    }

  g_string_append (out, "END:VCARD\r\n");
}

char *
reseau_vcard_to_string (const ReseauVCard  *card,
                        ReseauVCardVersion  version)
{
  GString *out;

  g_return_val_if_fail (card != NULL, NULL);

  out = g_string_sized_new (64 * (card->properties->len + 3));
  reseau_vcard_write (card, version, out);

  return g_string_free (out, FALSE);
}
