/* reseau-csv.c — an RFC 4180 reader that forgives what spreadsheets write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-csv.h"
#include "reseau-text.h"

/* How far the separator guess looks: the header row of every export we know
 * sits within the first few lines, and a bound keeps a huge file without
 * any separator from being scanned twice. */
#define GUESS_MAX_BYTES (256 * 1024)

struct _ReseauCsvReader
{
  const char *data;
  gsize       length;
  gsize       position;
  /* The line the reader is on at position, 1-based. */
  guint       line;
  char        separator;
  gboolean    unclosed_quote;

  /* Owned copy of data when it had to be converted (UTF-16 input). */
  char       *converted;
  gsize       original_length;

  /* Reused between fields so that a big file does not allocate per byte. */
  GString    *field;
  /* Rows of a file are alike: size each record's array like the last. */
  guint       last_n_fields;
};

static char *
finish_field (GString *field)
{
  if (g_utf8_validate_len (field->str, field->len, NULL))
    return g_strndup (field->str, field->len);

  /* Outlook and Excel on Windows write CSV in windows-1252. */
  return reseau_text_from_windows_1252 (field->str, field->len);
}

static gboolean
is_separator_candidate (char c)
{
  return c == ',' || c == ';' || c == '\t';
}

/* The first line with a candidate outside quotes is the header row (a
 * "Notes:" preamble has none: its commas are inside quotes); the candidate
 * it holds most is the separator. Data columns are no guide, since a value
 * such as "1,5" or "Moreau, Petit" may hold any of them unquoted. */
static char
guess_separator (const char *data,
                 gsize       length)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint count[G_N_ELEMENTS (candidates)] = { 0, };
  gboolean in_quotes = FALSE;
  gboolean seen = FALSE;
  gsize limit = MIN (length, GUESS_MAX_BYTES);
  char best = ',';
  guint best_count = 0;

  for (gsize i = 0; i < limit; i++)
    {
      char c = data[i];

      if (c == '"')
        in_quotes = !in_quotes;
      else if (in_quotes)
        continue;
      else if ((c == '\n' || c == '\r') && seen)
        break;
      else if (is_separator_candidate (c))
        {
          seen = TRUE;
          for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
            if (candidates[k] == c)
              count[k]++;
        }
    }

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      if (count[k] > best_count)
        {
          best_count = count[k];
          best = candidates[k];
        }
    }

  return best;
}

/* Excel's "Unicode text" and some Outlook versions save UTF-16 with a byte
 * order mark; everything else here works on UTF-8 or 8-bit bytes. */
static char *
convert_utf16 (const char *data,
               gsize       length,
               gsize      *converted_length)
{
  const char *charset;

  if (length < 2)
    return NULL;
  if ((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
    charset = "UTF-16LE";
  else if ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)
    charset = "UTF-16BE";
  else
    return NULL;

  return g_convert (data + 2, (length - 2) & ~(gsize) 1, "UTF-8", charset,
                    NULL, converted_length, NULL);
}

ReseauCsvReader *
reseau_csv_reader_new (const char *data,
                       gsize       length,
                       char        separator)
{
  ReseauCsvReader *reader;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  reader = g_new0 (ReseauCsvReader, 1);
  reader->data = data != NULL ? data : "";
  reader->length = length;
  reader->original_length = length;
  reader->line = 1;
  reader->field = g_string_sized_new (64);

  reader->converted = convert_utf16 (reader->data, length, &reader->length);
  if (reader->converted != NULL)
    reader->data = reader->converted;
  else
    reader->length = length;

  if (reader->length >= 3 && memcmp (reader->data, "\xEF\xBB\xBF", 3) == 0)
    reader->position = 3;

  if (separator == 0)
    separator = guess_separator (reader->data + reader->position,
                                 reader->length - reader->position);
  reader->separator = separator;

  return reader;
}

void
reseau_csv_reader_free (ReseauCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_string_free (reader->field, TRUE);
  g_free (reader->converted);
  g_free (reader);
}

/* Consumes the line break at position (LF, CRLF or a lone CR, which old Mac
 * spreadsheets write) and counts it. */
static void
skip_line_break (ReseauCsvReader *reader)
{
  if (reader->data[reader->position] == '\r')
    {
      reader->position++;
      if (reader->position < reader->length && reader->data[reader->position] == '\n')
        reader->position++;
    }
  else
    {
      reader->position++;
    }
  reader->line++;
}

static gboolean
at_line_break (ReseauCsvReader *reader)
{
  char c = reader->data[reader->position];

  return c == '\n' || c == '\r';
}

/* Reads a quoted field, the opening quote already consumed. Returns FALSE
 * when the data ends inside the quotes. */
static gboolean
read_quoted (ReseauCsvReader *reader)
{
  const char *data = reader->data;
  gsize length = reader->length;

  while (reader->position < length)
    {
      gsize start = reader->position;
      gsize end = start;
      char c;

      /* Copy runs of plain text at once: a long note costs one append. */
      while (end < length && data[end] != '"' && data[end] != '\r' && data[end] != '\n')
        end++;
      g_string_append_len (reader->field, data + start, end - start);
      reader->position = end;
      if (end == length)
        break;

      c = data[end];
      if (c == '"')
        {
          if (end + 1 < length && data[end + 1] == '"')
            {
              g_string_append_c (reader->field, '"');
              reader->position = end + 2;
              continue;
            }
          reader->position = end + 1;
          return TRUE;
        }

      /* A line break inside quotes belongs to the value; store it as LF
       * whatever the file used, and keep counting lines. */
      skip_line_break (reader);
      g_string_append_c (reader->field, '\n');
    }

  return FALSE;
}

/* Reads unquoted text up to the next separator or line break. A quote in
 * there is kept as written: spreadsheets never produce it, people do. */
static void
read_unquoted (ReseauCsvReader *reader)
{
  const char *data = reader->data;
  gsize end = reader->position;

  while (end < reader->length
         && data[end] != reader->separator
         && data[end] != '\n'
         && data[end] != '\r')
    end++;

  g_string_append_len (reader->field, data + reader->position, end - reader->position);
  reader->position = end;
}

GStrv
reseau_csv_reader_next (ReseauCsvReader *reader,
                        guint           *line)
{
  GPtrArray *fields;

  g_return_val_if_fail (reader != NULL, NULL);

  if (reader->position >= reader->length)
    return NULL;

  if (line != NULL)
    *line = reader->line;

  fields = g_ptr_array_sized_new (MIN (reader->last_n_fields, 4096) + 1);

  /* A blank line is a record without fields. */
  if (at_line_break (reader))
    {
      skip_line_break (reader);
      g_ptr_array_add (fields, NULL);
      return (GStrv) g_ptr_array_free (fields, FALSE);
    }

  for (;;)
    {
      g_string_truncate (reader->field, 0);

      if (reader->position < reader->length && reader->data[reader->position] == '"')
        {
          reader->position++;
          if (!read_quoted (reader))
            {
              reader->unclosed_quote = TRUE;
              g_ptr_array_add (fields, finish_field (reader->field));
              break;
            }
          /* Text after the closing quote ("abc"def) is kept, unquoted. */
          read_unquoted (reader);
        }
      else
        {
          read_unquoted (reader);
        }

      g_ptr_array_add (fields, finish_field (reader->field));

      if (reader->position >= reader->length)
        break;
      if (at_line_break (reader))
        {
          skip_line_break (reader);
          break;
        }

      /* Only the separator is left: another field follows, maybe empty. */
      reader->position++;
    }

  reader->last_n_fields = fields->len;
  g_ptr_array_add (fields, NULL);
  return (GStrv) g_ptr_array_free (fields, FALSE);
}

gboolean
reseau_csv_reader_had_unclosed_quote (ReseauCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  return reader->unclosed_quote;
}

gsize
reseau_csv_reader_get_position (ReseauCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  /* Progress is measured against the caller's data, which is not the text
   * read when it was converted from UTF-16. */
  if (reader->converted != NULL && reader->length > 0)
    return (gsize) ((double) reader->position / (double) reader->length
                    * (double) reader->original_length);

  return reader->position;
}
