/* reseau-vcard-reader.c — reading cards from bytes: lines, unfolding, decoding
 *
 * One pass over the bytes. A logical line is a slice of the input when it is
 * not folded (nearly every line), and is only copied when folds or
 * quoted-printable soft breaks have to be joined. Values are validated as
 * UTF-8 once, and converted only when they are not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "reseau-problem.h"
#include "reseau-text.h"
#include "reseau-vcard-private.h"

/* reseau_vcard_known_name() compares a name with each entry of its table
 * in turn, and that was a third of the reader's time on a 100,000-card
 * file (perf: strlen and g_ascii_strncasecmp under it). A file spells the
 * same few names again and again, so each spelling met is remembered with
 * its answer: the reader took 0.28 s instead of 0.40 s on that file
 * (medians of 11 runs side by side). Two slots a set, as the twenty-odd
 * spellings of a file often land in the same set. */
#define NAME_CACHE_SETS 64

typedef struct
{
  char   text[16];
  gsize  length;  /* 0 for an empty slot */
  char  *known;   /* the shared name, or NULL when text is not a known name */
} NameSlot;

struct _ReseauVCardReader
{
  GBytes     *bytes;
  const char *data;
  gsize       length;

  gsize       pos;       /* start of the next physical line */
  guint       line;      /* physical lines consumed so far */

  /* Where the next '\n' and '\r' are. Kept between lines so that a file
   * with only one kind of line end is not searched to its end for the
   * other kind on every line. */
  gsize       next_lf;
  gsize       next_cr;

  /* A BEGIN:VCARD met inside a card ended it; the next card starts there. */
  gboolean    begin_pending;
  guint       begin_line;

  GString    *unfolded;  /* a logical line made of several physical ones */
  GString    *decoded;   /* a value being decoded */
  GPtrArray  *problems;

  NameSlot    names[NAME_CACHE_SETS][2];
};

typedef enum
{
  LINE_IS_QP_UNKNOWN,
  LINE_IS_QP_YES,
  LINE_IS_QP_NO,
} LineIsQp;

/* reader is NULL when a line is only looked at, not read. */
static void
add_problem (ReseauVCardReader *reader,
             guint              line,
             const char        *message)
{
  if (reader == NULL)
    return;

  g_ptr_array_add (reader->problems, reseau_problem_new (NULL, line, NULL, message));
}

/* Lines ------------------------------------------------------------------------ */

static gsize
find_from (const char *data,
           gsize       length,
           gsize       from,
           char        c)
{
  const char *found = memchr (data + from, c, length - from);

  return found != NULL ? (gsize) (found - data) : length;
}

/* The next physical line, without its line end (CRLF, LF or a lone CR). */
static gboolean
next_physical_line (ReseauVCardReader  *reader,
                    const char        **start,
                    gsize              *length)
{
  gsize from = reader->pos;
  gsize end;

  if (from >= reader->length)
    return FALSE;

  if (reader->next_lf < from)
    reader->next_lf = find_from (reader->data, reader->length, from, '\n');
  if (reader->next_cr < from)
    reader->next_cr = find_from (reader->data, reader->length, from, '\r');

  end = MIN (reader->next_lf, reader->next_cr);
  *start = reader->data + from;
  *length = end - from;

  if (end == reader->length)
    reader->pos = end;
  else if (reader->data[end] == '\r' && end + 1 < reader->length && reader->data[end + 1] == '\n')
    reader->pos = end + 2;
  else
    reader->pos = end + 1;
  reader->line++;

  return TRUE;
}

static gboolean
has_prefix_nocase (const char *text,
                   gsize       length,
                   const char *prefix)
{
  gsize prefix_length = strlen (prefix);

  return length >= prefix_length && g_ascii_strncasecmp (text, prefix, prefix_length) == 0;
}

static void
skip_bom_and_space (const char **text,
                    gsize       *length)
{
  if (*length >= 3 && memcmp (*text, "\xEF\xBB\xBF", 3) == 0)
    {
      *text += 3;
      *length -= 3;
    }
  while (*length > 0 && (**text == ' ' || **text == '\t'))
    {
      (*text)++;
      (*length)--;
    }
}

static void
trim_end (const char *text,
          gsize      *length)
{
  while (*length > 0 && (text[*length - 1] == ' ' || text[*length - 1] == '\t'))
    (*length)--;
}

/* Blanks and control characters, which some exporters leave after END. */
static void
trim_end_controls (const char *text,
                   gsize      *length)
{
  while (*length > 0 && (guchar) text[*length - 1] <= ' ')
    (*length)--;
}

/* TRUE for "BEGIN:VCARD" (keyword "BEGIN") in any case, with stray blanks
 * and a BOM around it, as concatenated exports have. */
static gboolean
is_card_line (const char *line,
              gsize       length,
              const char *keyword)
{
  gsize keyword_length = strlen (keyword);

  skip_bom_and_space (&line, &length);
  trim_end_controls (line, &length);

  if (length != keyword_length + 6
      || g_ascii_strncasecmp (line, keyword, keyword_length) != 0
      || line[keyword_length] != ':')
    return FALSE;

  return g_ascii_strncasecmp (line + keyword_length + 1, "VCARD", 5) == 0;
}

static gboolean header_asks_for_quoted_printable (const char *line,
                                                  gsize       length);

/* Whether the name and parameters of a (partial) line ask for
 * quoted-printable; decided once a colon has been read. */
static LineIsQp
line_is_quoted_printable (const char *line,
                          gsize       length,
                          gsize      *searched)
{
  /* Only the part not searched before: a long run of folds without a
   * colon must not be searched again at every fold. */
  const char *colon = memchr (line + *searched, ':', length - *searched);
  gboolean mentioned = FALSE;

  *searched = length;
  if (colon == NULL)
    return LINE_IS_QP_UNKNOWN;

  for (gsize i = 0; i + 16 <= length && !mentioned; i++)
    if ((line[i] == 'Q' || line[i] == 'q')
        && g_ascii_strncasecmp (line + i, "QUOTED-PRINTABLE", 16) == 0)
      mentioned = TRUE;

  /* The words alone are not enough (a parameter value may say them): the
   * header is parsed as the property will be. */
  if (mentioned && header_asks_for_quoted_printable (line, length))
    return LINE_IS_QP_YES;

  return LINE_IS_QP_NO;
}

static void
start_unfolding (ReseauVCardReader  *reader,
                 const char        **line,
                 gsize              *length,
                 gboolean           *unfolding)
{
  if (*unfolding)
    return;

  g_string_truncate (reader->unfolded, 0);
  g_string_append_len (reader->unfolded, *line, *length);
  *unfolding = TRUE;
}

/* The next logical line: folded lines joined (a line end followed by a
 * space or tab), and quoted-printable soft breaks ('=' at the end of a
 * line) joined to whatever line follows. first_line receives its 1-based
 * line number. The result points into the input or into reader->unfolded. */
static gboolean
next_logical_line (ReseauVCardReader  *reader,
                   const char        **line,
                   gsize              *length,
                   guint              *first_line)
{
  LineIsQp is_qp = LINE_IS_QP_UNKNOWN;
  gsize colon_searched = 0;
  gboolean unfolding = FALSE;

  if (!next_physical_line (reader, line, length))
    return FALSE;
  *first_line = reader->line;

  while (reader->pos < reader->length)
    {
      char next = reader->data[reader->pos];
      const char *more;
      gsize more_length;

      if (*length > 0 && (*line)[*length - 1] == '=')
        {
          if (is_qp == LINE_IS_QP_UNKNOWN)
            is_qp = line_is_quoted_printable (*line, *length, &colon_searched);

          if (is_qp == LINE_IS_QP_YES)
            {
              const char *peek = reader->data + reader->pos;
              gsize peek_length = reader->length - reader->pos;

              /* Outlook ends some values with a stray '=': a soft break
               * must not swallow the line that ends the card. */
              if (has_prefix_nocase (peek, peek_length, "END:VCARD")
                  || has_prefix_nocase (peek, peek_length, "BEGIN:VCARD"))
                break;

              start_unfolding (reader, line, length, &unfolding);
              g_string_truncate (reader->unfolded, reader->unfolded->len - 1);
              if (!next_physical_line (reader, &more, &more_length))
                break;
              g_string_append_len (reader->unfolded, more, more_length);
              *line = reader->unfolded->str;
              *length = reader->unfolded->len;
              continue;
            }
        }

      if (next != ' ' && next != '\t')
        break;

      start_unfolding (reader, line, length, &unfolding);
      if (!next_physical_line (reader, &more, &more_length))
        break;
      g_string_append_len (reader->unfolded, more + 1, more_length - 1);
      *line = reader->unfolded->str;
      *length = reader->unfolded->len;
    }

  return TRUE;
}

/* g_strndup pads with strncpy; names and values are copied often enough
 * for a plain copy to matter. */
static inline char *
dup_len (const char *text,
         gsize       length)
{
  char *out = g_malloc (length + 1);

  memcpy (out, text, length);
  out[length] = '\0';

  return out;
}

/* Names, groups and parameters are ASCII by the standard, but a card from
 * an old exporter may carry accented bytes there too: keep them, as
 * windows-1252 like the values, rather than let invalid UTF-8 in. */
static char *
dup_utf8 (const char *text,
          gsize       length)
{
  if (reseau_text_is_ascii (text, length) || g_utf8_validate_len (text, length, NULL))
    return dup_len (text, length);

  return reseau_text_from_windows_1252 (text, length);
}

/* Parameters -------------------------------------------------------------------- */

/* RFC 6868: ^n is a line break, ^' a double quote, ^^ a caret. */
static char *
decode_param_value (const char *text,
                    gsize       length)
{
  char *out;
  gsize o = 0;

  if (memchr (text, '^', length) == NULL)
    return dup_utf8 (text, length);

  out = g_malloc (length + 1);
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '^' && i + 1 < length)
        {
          char c = text[i + 1];

          if (c == 'n' || c == 'N')
            {
              out[o++] = '\n';
              i++;
              continue;
            }
          if (c == '\'')
            {
              out[o++] = '"';
              i++;
              continue;
            }
          if (c == '^')
            {
              out[o++] = '^';
              i++;
              continue;
            }
        }
      out[o++] = text[i];
    }
  out[o] = '\0';

  if (!reseau_text_is_ascii (out, o) && !g_utf8_validate_len (out, o, NULL))
    {
      char *converted = reseau_text_from_windows_1252 (out, o);

      g_free (out);
      out = converted;
    }

  return out;
}

/* reader may be NULL: a line only looked at goes without the cache. */
static char *
known_name (ReseauVCardReader *reader,
            const char        *text,
            gsize              length)
{
  NameSlot *set;
  guint32 hash = 2166136261u;

  if (reader == NULL || length == 0 || length > sizeof set->text)
    return reseau_vcard_known_name (text, length);

  /* FNV-1a: a cheaper hash of a few bytes put many names in one set. */
  for (gsize i = 0; i < length; i++)
    hash = (hash ^ (guchar) text[i]) * 16777619u;
  set = reader->names[hash % NAME_CACHE_SETS];

  if (set[0].length == length && memcmp (set[0].text, text, length) == 0)
    return set[0].known;
  if (set[1].length == length && memcmp (set[1].text, text, length) == 0)
    return set[1].known;

  set[1] = set[0];
  memcpy (set[0].text, text, length);
  set[0].length = length;
  set[0].known = reseau_vcard_known_name (text, length);

  return set[0].known;
}

static char *
upper_dup (ReseauVCardReader *reader,
           const char        *text,
           gsize              length)
{
  char *out = known_name (reader, text, length);

  if (out != NULL)
    return out;

  if (!reseau_text_is_ascii (text, length))
    {
      out = dup_utf8 (text, length);
      for (char *c = out; *c != '\0'; c++)
        if (*c >= 'a' && *c <= 'z')
          *c = (char) (*c - ('a' - 'A'));
      return out;
    }

  /* The common case, in one pass. */
  out = g_malloc (length + 1);
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      out[i] = (c >= 'a' && c <= 'z') ? (char) (c - ('a' - 'A')) : c;
    }
  out[length] = '\0';

  return out;
}

static char **
single_value (char *value)
{
  char **values = g_new (char *, 2);

  values[0] = value;
  values[1] = NULL;

  return values;
}

/* A 2.1 parameter written without a name that stands for an ENCODING or a
 * VALUE ("NOTE;QUOTED-PRINTABLE", "PHOTO;URL"); NULL for the others, which
 * are types ("TEL;WORK;VOICE"). */
static ReseauVCardParam *
bare_keyword_param (const char *text,
                    gsize       length)
{
  static const struct { const char *value; const char *name; } known[] = {
    { "QUOTED-PRINTABLE", "ENCODING" },
    { "BASE64", "ENCODING" },
    { "8BIT", "ENCODING" },
    { "7BIT", "ENCODING" },
    { "INLINE", "VALUE" },
    { "URL", "VALUE" },
    { "URI", "VALUE" },
    { "CONTENT-ID", "VALUE" },
    { "CID", "VALUE" },
  };

  /* Blanks around a bare type are layout, as in a TYPE= list. */
  while (length > 0 && (*text == ' ' || *text == '\t'))
    {
      text++;
      length--;
    }
  trim_end (text, &length);

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (strlen (known[i].value) == length
        && g_ascii_strncasecmp (text, known[i].value, length) == 0)
      return reseau_vcard_param_new_take (g_strdup (known[i].name),
                                          single_value (g_strndup (text, length)));

  return NULL;
}

/* Reads one parameter value list starting at line[*i], up to the ';' or
 * ':' that ends it. TYPE values are split at commas, quoted or not; other
 * parameters keep their commas ("LABEL=a,b" is one label). */
/* Whether a '"' comes after position p. The line's last quote is found
 * once, so that many parameters with an unmatched quote each do not search
 * the rest of a long line. */
static gboolean
quote_closes_after (const char *line,
                    gsize       length,
                    gsize       p,
                    gssize     *last_quote)
{
  if (*last_quote == -2)
    {
      *last_quote = -1;
      for (gsize k = length; k > 0; k--)
        if (line[k - 1] == '"')
          {
            *last_quote = k - 1;
            break;
          }
    }

  return *last_quote > (gssize) p;
}

/* Values are gathered on the stack: nearly every parameter has one or two,
 * and the array is then allocated once at its size. */
typedef struct
{
  char      *inline_values[8];
  guint      n_values;
  GPtrArray *more;
} ValueList;

static void
value_list_add (ValueList *list,
                char      *value)
{
  if (list->n_values < G_N_ELEMENTS (list->inline_values))
    {
      list->inline_values[list->n_values++] = value;
      return;
    }

  if (list->more == NULL)
    list->more = g_ptr_array_new ();
  g_ptr_array_add (list->more, value);
}

static char **
value_list_steal (ValueList *list)
{
  guint n_more = list->more != NULL ? list->more->len : 0;
  char **values = g_new (char *, list->n_values + n_more + 1);

  memcpy (values, list->inline_values, list->n_values * sizeof (char *));
  if (n_more > 0)
    memcpy (values + list->n_values, list->more->pdata, n_more * sizeof (char *));
  values[list->n_values + n_more] = NULL;
  if (list->more != NULL)
    g_ptr_array_free (list->more, TRUE);

  return values;
}

static char **
read_param_values (const char *line,
                   gsize       length,
                   gsize      *i,
                   gboolean    is_type,
                   gssize     *last_quote)
{
  ValueList values = { { NULL }, 0, NULL };
  GString *joined = NULL;
  gsize p = *i;

  for (;;)
    {
      const char *segment;
      gsize segment_length;

      if (p < length && line[p] == '"'
          && quote_closes_after (line, length, p, last_quote))
        {
          const char *close = memchr (line + p + 1, '"', length - p - 1);

          segment = line + p + 1;
          segment_length = close - segment;
          p = close - line + 1;
        }
      else
        {
          gsize start = p;

          while (p < length && line[p] != ';' && line[p] != ':'
                 && !(is_type && line[p] == ','))
            {
              /* A quote inside a value starts a quoted part below. */
              if (line[p] == '"' && p > start
                  && quote_closes_after (line, length, p, last_quote))
                break;
              p++;
            }
          segment = line + start;
          segment_length = p - start;
        }

      if (is_type)
        {
          /* TYPE="work,voice" is two types too. */
          const char *end = segment + segment_length;

          while (segment <= end)
            {
              const char *comma = memchr (segment, ',', end - segment);
              const char *stop = comma != NULL ? comma : end;
              const char *a = segment;
              const char *b = stop;

              while (a < b && (*a == ' ' || *a == '\t'))
                a++;
              while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
                b--;
              if (b > a)
                value_list_add (&values, decode_param_value (a, b - a));
              if (comma == NULL)
                break;
              segment = comma + 1;
            }

          if (p < length && line[p] == ',')
            {
              p++;
              continue;
            }
          if (p < length && line[p] != ';' && line[p] != ':')
            continue;  /* text right after a closing quote */
          break;
        }

      if (joined == NULL && (p >= length || line[p] == ';' || line[p] == ':'))
        {
          value_list_add (&values, decode_param_value (segment, segment_length));
          break;
        }

      /* A value made of several parts ("a"b or a"b:c"): join them. */
      if (joined == NULL)
        joined = g_string_new (NULL);
      g_string_append_len (joined, segment, segment_length);
      if (p >= length || line[p] == ';' || line[p] == ':')
        {
          value_list_add (&values, decode_param_value (joined->str, joined->len));
          g_string_free (joined, TRUE);
          joined = NULL;
          break;
        }
    }

  if (joined != NULL)
    g_string_free (joined, TRUE);
  if (values.n_values == 0)
    value_list_add (&values, g_strdup (""));
  *i = p;

  return value_list_steal (&values);
}

/* Values ------------------------------------------------------------------------- */

static gboolean
is_cp1252_family (const char *charset)
{
  static const char * const names[] = {
    "WINDOWS-1252", "CP1252", "ISO-8859-1", "ISO8859-1", "ISO_8859-1",
    "LATIN1", "LATIN-1", "US-ASCII", "ASCII", "ISO-8859-15", "ISO8859-15",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (charset, names[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_utf8_name (const char *charset)
{
  return g_ascii_strcasecmp (charset, "UTF-8") == 0 || g_ascii_strcasecmp (charset, "UTF8") == 0;
}

/* Makes a UTF-8 string of the value's bytes. */
static char *
value_to_utf8 (ReseauVCardReader *reader,
               const char        *text,
               gsize              length,
               const char        *charset,
               const char        *name,
               guint              line)
{
  if (reseau_text_is_ascii (text, length))
    return dup_len (text, length);

  if (g_utf8_validate_len (text, length, NULL))
    {
      /* A value may claim a legacy charset and still be UTF-8 (Android's
       * exports): bytes that validate as UTF-8 almost never are anything
       * else. */
      return dup_len (text, length);
    }

  if (charset != NULL && !is_utf8_name (charset) && !is_cp1252_family (charset))
    {
      gsize written = 0;
      char *converted = g_convert (text, length, "UTF-8", charset, NULL, &written, NULL);

      if (converted != NULL && strlen (converted) == written)
        return converted;
      g_free (converted);
    }

  if (charset != NULL && !is_cp1252_family (charset))
    {
      g_autofree char *message = NULL;

      /* Translators: the first %s is a vCard property name such as NOTE or
       * FN, the second a character set name such as UTF-8 or Shift_JIS. */
      message = g_strdup_printf (_("The value of %s is not valid %s text; it was read as Windows-1252, so some letters may be wrong."),
                                 name, charset);
      add_problem (reader, line, message);
    }

  return reseau_text_from_windows_1252 (text, length);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;

  return -1;
}

/* Decodes quoted-printable into reader->decoded. Line breaks in the text
 * become the two characters "\n" of the canonical form; a '=' that does not
 * start a valid escape is kept as it is. */
static void
decode_quoted_printable (ReseauVCardReader *reader,
                         const char        *text,
                         gsize              length)
{
  GString *out = reader->decoded;
  gboolean after_cr = FALSE;

  g_string_truncate (out, 0);
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '=' && i + 2 < length && hex_value (text[i + 1]) >= 0 && hex_value (text[i + 2]) >= 0)
        {
          c = (char) (hex_value (text[i + 1]) * 16 + hex_value (text[i + 2]));
          i += 2;
        }
      else if (c == '=' && i + 1 == length)
        {
          continue;  /* a soft break with nothing after it */
        }

      if (c == '\r')
        {
          g_string_append (out, "\\n");
          after_cr = TRUE;
          continue;
        }
      if (c == '\n')
        {
          if (!after_cr)
            g_string_append (out, "\\n");
          after_cr = FALSE;
          continue;
        }
      after_cr = FALSE;
      g_string_append_c (out, c);
    }
}

static gboolean
is_base64_line (const char *line,
                gsize       length)
{
  if (length == 0)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = line[i];

      if (!g_ascii_isalnum (c) && c != '+' && c != '/' && c != '=' && c != ' ' && c != '\t')
        return FALSE;
    }

  return TRUE;
}

/* Letters, digits, '+' and '/', then at most two '=' of padding. */
static gboolean
is_base64_text (const char *text)
{
  const char *p = text;
  guint padding = 0;

  for (; *p != '\0'; p++)
    {
      char c = *p;

      if (c == '=')
        padding++;
      else if (padding > 0 || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return FALSE;
    }

  return padding <= 2;
}

/* 2.1 base64 may go on over lines that do not start with a space, up to a
 * blank line. */
static void
absorb_base64_lines (ReseauVCardReader *reader,
                     GString           *value)
{
  while (reader->pos < reader->length)
    {
      gsize saved_pos = reader->pos;
      guint saved_line = reader->line;
      const char *line;
      gsize length;

      next_physical_line (reader, &line, &length);
      if (length == 0)
        return;  /* the blank line that ends the data */

      if (!is_base64_line (line, length))
        {
          reader->pos = saved_pos;
          reader->line = saved_line;
          return;
        }
      g_string_append_len (value, line, length);
    }
}

static char *
strip_spaces (const char *text,
              gsize       length)
{
  char *out = g_malloc (length + 1);
  gsize o = 0;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (text[i]))
      out[o++] = text[i];
  out[o] = '\0';

  return out;
}

/* Properties ---------------------------------------------------------------------- */

/* Reads the ENCODING and CHARSET parameters (the first of each counts) and
 * leaves those that still describe the value once it is decoded: a single
 * ENCODING=b for base64, the whole lot for an encoding we do not know, no
 * CHARSET ever. In one pass, whatever the number of parameters. */
static void
take_encoding_params (GPtrArray  *params,
                      gboolean   *quoted_printable,
                      gboolean   *base64,
                      gboolean   *base64_21,
                      char      **charset)
{
  gboolean encoding_seen = FALSE;
  gboolean drop_encodings = FALSE;
  guint kept = 0;

  for (guint i = 0; i < params->len; i++)
    {
      ReseauVCardParam *param = g_ptr_array_index (params, i);

      if (strcmp (param->name, "CHARSET") == 0)
        {
          if (*charset == NULL)
            *charset = g_strdup (param->values[0]);
          reseau_vcard_param_free (param);
          continue;
        }

      if (strcmp (param->name, "ENCODING") == 0)
        {
          if (!encoding_seen)
            {
              const char *name = param->values[0];

              encoding_seen = TRUE;
              if (g_ascii_strcasecmp (name, "QUOTED-PRINTABLE") == 0)
                *quoted_printable = drop_encodings = TRUE;
              else if (g_ascii_strcasecmp (name, "BASE64") == 0)
                *base64 = *base64_21 = TRUE;
              else if (g_ascii_strcasecmp (name, "b") == 0)
                *base64 = TRUE;
              else if (g_ascii_strcasecmp (name, "8BIT") == 0
                       || g_ascii_strcasecmp (name, "7BIT") == 0)
                drop_encodings = TRUE;

              if (*base64)
                {
                  /* One spelling for base64, whatever the version. */
                  g_free (param->values[0]);
                  param->values[0] = g_strdup ("b");
                  params->pdata[kept++] = param;
                  continue;
                }
            }

          /* Once decoded, the value is plain text (or base64 said once):
           * other encodings no longer describe it. */
          if (drop_encodings || *base64)
            {
              reseau_vcard_param_free (param);
              continue;
            }
        }

      params->pdata[kept++] = param;
    }
  params->len = kept;
}

static ReseauVCardProperty *parse_head (ReseauVCardReader *reader,
                                        const char        *line,
                                        gsize              length,
                                        guint              line_number,
                                        gsize             *value_start,
                                        gboolean          *maybe_encoded);

static gboolean
header_asks_for_quoted_printable (const char *line,
                                  gsize       length)
{
  g_autoptr(ReseauVCardProperty) property = NULL;
  g_autofree char *charset = NULL;
  gsize value_start = 0;
  gboolean maybe_encoded = FALSE;
  gboolean quoted_printable = FALSE;
  gboolean base64 = FALSE;
  gboolean base64_21 = FALSE;

  property = parse_head (NULL, line, length, 0, &value_start, &maybe_encoded);
  if (property == NULL || !maybe_encoded)
    return FALSE;

  take_encoding_params (property->params, &quoted_printable, &base64, &base64_21, &charset);

  return quoted_printable;
}

/* Parses "group.NAME;PARAM=…:" into a property without its value;
 * value_start receives where the value begins. NULL (with a problem
 * recorded) when the line cannot be a property. */
static ReseauVCardProperty *
parse_head (ReseauVCardReader *reader,
            const char        *line,
            gsize              length,
            guint              line_number,
            gsize             *value_start,
            gboolean          *maybe_encoded)
{
  g_autoptr(ReseauVCardProperty) property = NULL;
  gsize dot = G_MAXSIZE;
  gssize last_quote = -2;
  gsize i = 0;
  gsize name_start;
  gsize name_end;
  gsize bare_name;

  /* Blanks around a name are layout; kept, a leading one would read as a
   * fold once written. */
  while (i < length && (line[i] == ' ' || line[i] == '\t'))
    i++;
  name_start = i;

  while (i < length && line[i] != ':' && line[i] != ';')
    {
      if (line[i] == '.')
        dot = i;
      i++;
    }

  if (i == length)
    {
      add_problem (reader, line_number,
                   _("This line has no “:” between a property name and its value; it was left out."));
      return NULL;
    }

  name_end = i;
  while (name_end > name_start && (line[name_end - 1] == ' ' || line[name_end - 1] == '\t'))
    name_end--;
  if (dot != G_MAXSIZE && dot >= name_end)
    dot = G_MAXSIZE;

  bare_name = dot == G_MAXSIZE ? name_start : dot + 1;
  while (bare_name < name_end && (line[bare_name] == ' ' || line[bare_name] == '\t'))
    bare_name++;

  if (name_end == bare_name)
    {
      add_problem (reader, line_number,
                   _("This line has no property name before its value; it was left out."));
      return NULL;
    }

  property = reseau_vcard_property_new_take (dot != G_MAXSIZE && dot > name_start
                                             ? dup_utf8 (line + name_start, dot - name_start)
                                             : NULL,
                                             upper_dup (reader, line + bare_name,
                                                        name_end - bare_name),
                                             NULL);
  property->line = line_number;

  while (i < length && line[i] == ';')
    {
      gsize start = ++i;

      while (i < length && line[i] != '=' && line[i] != ';' && line[i] != ':')
        i++;

      if (i == start)
        continue;  /* ";;" */

      if (i < length && line[i] == '=')
        {
          char *name = upper_dup (reader, line + start, i - start);
          gboolean is_type = i - start == 4 && memcmp (name, "TYPE", 4) == 0;

          if (!is_type && (name[0] == 'E' || name[0] == 'C'))
            *maybe_encoded = TRUE;

          i++;
          g_ptr_array_add (property->params,
                           reseau_vcard_param_new_take (name, read_param_values (line, length, &i, is_type, &last_quote)));
        }
      else
        {
          ReseauVCardParam *param = bare_keyword_param (line + start, i - start);

          if (param != NULL)
            {
              *maybe_encoded = TRUE;
            }
          else
            {
              /* Read exactly as a TYPE= list, so that it is written and
               * read back the same. */
              i = start;
              param = reseau_vcard_param_new_take (g_strdup ("TYPE"),
                                                   read_param_values (line, length, &i, TRUE, &last_quote));
            }
          g_ptr_array_add (property->params, param);
        }
    }

  if (i >= length || line[i] != ':')
    {
      add_problem (reader, line_number,
                   _("This line has no “:” between a property name and its value; it was left out."));
      return NULL;
    }

  /* A NUL would silently cut a name short in every string that holds it. */
  if (memchr (line, '\0', i) != NULL)
    {
      add_problem (reader, line_number,
                   _("This line has a character that cannot be part of a property name or parameter; it was left out."));
      return NULL;
    }

  *value_start = i + 1;

  return g_steal_pointer (&property);
}

/* Parses "group.NAME;PARAM=…:value" into a property with its value in
 * canonical form; NULL (with a problem recorded) when the line cannot be
 * one. */
static ReseauVCardProperty *
parse_property (ReseauVCardReader *reader,
                const char        *line,
                gsize              length,
                guint              line_number)
{
  g_autoptr(ReseauVCardProperty) property = NULL;
  g_autofree char *charset = NULL;
  const char *value;
  gsize value_length;
  gsize value_start = 0;
  gboolean quoted_printable = FALSE;
  gboolean base64 = FALSE;
  gboolean base64_21 = FALSE;
  gboolean maybe_encoded = FALSE;

  property = parse_head (reader, line, length, line_number, &value_start, &maybe_encoded);
  if (property == NULL)
    return NULL;

  value = line + value_start;
  value_length = length - value_start;

  if (maybe_encoded)
    take_encoding_params (property->params, &quoted_printable, &base64, &base64_21, &charset);

  if (base64)
    {
      if (base64_21)
        {
          GString *data = reader->decoded;

          g_string_truncate (data, 0);
          g_string_append_len (data, value, value_length);
          absorb_base64_lines (reader, data);
          property->value = strip_spaces (data->str, data->len);
        }
      else
        {
          property->value = strip_spaces (value, value_length);
        }

      if (!is_base64_text (property->value))
        {
          g_autofree char *message = NULL;

          /* Kept, but as text: damaged data may hold any byte. */
          if (!g_utf8_validate (property->value, -1, NULL))
            {
              char *text = reseau_text_from_windows_1252 (property->value,
                                                          strlen (property->value));

              g_free (property->value);
              property->value = text;
            }

          /* Translators: %s is a vCard property name such as PHOTO or LOGO. */
          message = g_strdup_printf (_("The data of %s is damaged (it is not valid base64); it was kept as it is, but may not show."),
                                     property->name);
          add_problem (reader, line_number, message);
        }
    }
  else if (quoted_printable)
    {
      decode_quoted_printable (reader, value, value_length);
      property->value = value_to_utf8 (reader, reader->decoded->str, reader->decoded->len,
                                       charset, property->name, line_number);
    }
  else
    {
      property->value = value_to_utf8 (reader, value, value_length,
                                       charset, property->name, line_number);
    }

  return g_steal_pointer (&property);
}

static ReseauVCardVersion
parse_version (const char *line,
               gsize       length)
{
  const char *colon = memchr (line, ':', length);

  if (colon != NULL)
    {
      const char *v = colon + 1;
      gsize rest = length - (v - line);

      skip_bom_and_space (&v, &rest);
      if (rest > 0 && (v[0] == '2' || v[0] == '1'))
        return RESEAU_VCARD_VERSION_2_1;
      if (rest > 0 && v[0] == '4')
        return RESEAU_VCARD_VERSION_4_0;
    }

  return RESEAU_VCARD_VERSION_3_0;
}

static gboolean
is_version_line (const char *line,
                 gsize       length)
{
  gsize i = 7;

  if (!has_prefix_nocase (line, length, "VERSION"))
    return FALSE;
  while (i < length && (line[i] == ' ' || line[i] == '\t'))
    i++;

  return i < length && line[i] == ':';
}

static gboolean
is_blank (const char *line,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (line[i] != ' ' && line[i] != '\t')
      return FALSE;

  return TRUE;
}

/* Public API ---------------------------------------------------------------------- */

gboolean
reseau_vcard_looks_like (const char *data,
                         gsize       length)
{
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  while (length > 0 && (*data == ' ' || *data == '\t' || *data == '\r' || *data == '\n'))
    {
      data++;
      length--;
    }

  return has_prefix_nocase (data, length, "BEGIN:VCARD");
}

ReseauVCardReader *
reseau_vcard_reader_new (GBytes *data)
{
  ReseauVCardReader *reader;

  g_return_val_if_fail (data != NULL, NULL);

  reader = g_new0 (ReseauVCardReader, 1);
  reader->bytes = g_bytes_ref (data);
  reader->data = g_bytes_get_data (data, &reader->length);
  if (reader->data == NULL)
    {
      reader->data = "";
      reader->length = 0;
    }
  if (reader->length >= 3 && memcmp (reader->data, "\xEF\xBB\xBF", 3) == 0)
    reader->pos = 3;
  reader->next_lf = find_from (reader->data, reader->length, reader->pos, '\n');
  reader->next_cr = find_from (reader->data, reader->length, reader->pos, '\r');
  reader->unfolded = g_string_new (NULL);
  reader->decoded = g_string_new (NULL);
  reader->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);

  return reader;
}

void
reseau_vcard_reader_free (ReseauVCardReader *reader)
{
  if (reader == NULL)
    return;

  g_bytes_unref (reader->bytes);
  g_string_free (reader->unfolded, TRUE);
  g_string_free (reader->decoded, TRUE);
  g_ptr_array_unref (reader->problems);
  g_free (reader);
}

ReseauVCard *
reseau_vcard_reader_next (ReseauVCardReader *reader)
{
  g_autoptr(ReseauVCard) card = NULL;
  const char *line;
  gsize length;
  guint line_number;

  g_return_val_if_fail (reader != NULL, NULL);

  if (reader->begin_pending)
    {
      reader->begin_pending = FALSE;
      line_number = reader->begin_line;
    }
  else
    {
      /* Anything before a card (a mail header, notes, blank lines) is not
       * ours to judge. */
      do
        {
          if (!next_logical_line (reader, &line, &length, &line_number))
            return NULL;
        }
      while (!is_card_line (line, length, "BEGIN"));
    }

  card = reseau_vcard_new ();
  card->version = RESEAU_VCARD_VERSION_3_0;
  card->line = line_number;

  while (next_logical_line (reader, &line, &length, &line_number))
    {
      ReseauVCardProperty *property;
      const char *name;
      char first;

      if (is_blank (line, length))
        continue;

      first = line[0];
      if ((first == 'E' || first == 'e' || first == '\xEF') && is_card_line (line, length, "END"))
        return g_steal_pointer (&card);

      if ((first == 'B' || first == 'b' || first == '\xEF') && is_card_line (line, length, "BEGIN"))
        {
          add_problem (reader, card->line,
                       _("The card has no END:VCARD line; it was ended where the next card begins."));
          reader->begin_pending = TRUE;
          reader->begin_line = line_number;
          return g_steal_pointer (&card);
        }

      if ((first == 'V' || first == 'v') && is_version_line (line, length))
        {
          card->version = parse_version (line, length);
          continue;
        }

      property = parse_property (reader, line, length, line_number);
      if (property == NULL)
        continue;

      /* The frame of a card, spelled in a way the checks above do not
       * catch (with parameters, say, or a BOM and a value cut at a NUL):
       * never a property of the card, or what is written could read back
       * as the end of it. */
      name = property->name;
      if (name[0] == '\xEF' && g_str_has_prefix (name, "\xEF\xBB\xBF"))
        name += 3;
      if (name[0] == 'V' && strcmp (name, "VERSION") == 0)
        {
          card->version = parse_version (line, length);
          reseau_vcard_property_free (property);
          continue;
        }
      if ((name[0] == 'B' && strcmp (name, "BEGIN") == 0)
          || (name[0] == 'E' && strcmp (name, "END") == 0))
        {
          add_problem (reader, line_number,
                       _("This BEGIN or END line is not BEGIN:VCARD or END:VCARD; it was left out."));
          reseau_vcard_property_free (property);
          continue;
        }

      g_ptr_array_add (card->properties, property);
    }

  add_problem (reader, card->line,
               _("The card has no END:VCARD line; it was ended at the end of the file."));

  return g_steal_pointer (&card);
}

gsize
reseau_vcard_reader_get_position (ReseauVCardReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->pos;
}

GPtrArray *
reseau_vcard_reader_get_problems (ReseauVCardReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);

  return reader->problems;
}
