/* reseau-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-text.h"

/* Letters that decomposition does not split into a base letter and a mark,
 * spelled the way a French reader files them. */
static const char *
spell_out_letter (gunichar c)
{
  switch (c)
    {
    case 0x00C6: case 0x00E6: return "ae";  /* Æ æ */
    case 0x0152: case 0x0153: return "oe";  /* Œ œ */
    case 0x00DF:              return "ss";  /* ß */
    case 0x00D8: case 0x00F8: return "o";   /* Ø ø */
    case 0x0141: case 0x0142: return "l";   /* Ł ł */
    case 0x0110: case 0x0111: return "d";   /* Đ đ */
    case 0x00D0: case 0x00F0: return "d";   /* Ð ð */
    case 0x00DE: case 0x00FE: return "th";  /* Þ þ */
    case 0x0131:              return "i";   /* ı */
    default:                  return NULL;
    }
}

/* The general fold: NFKD, marks dropped, letters lowered or spelled out.
 * Text that is not valid UTF-8 is repaired first. */
static void
append_folded_slowly (GString    *out,
                      const char *text,
                      gssize      length)
{
  g_autofree char *decomposed = g_utf8_normalize (text, length, G_NORMALIZE_NFKD);

  if (decomposed == NULL)  /* not valid UTF-8: keep what we can */
    decomposed = g_utf8_make_valid (text, length);

  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *spelled;

      if (c < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower ((char) c));
          continue;
        }

      if (g_unichar_ismark (c))
        continue;

      if ((spelled = spell_out_letter (c)) != NULL)
        g_string_append (out, spelled);
      else
        g_string_append_unichar (out, g_unichar_tolower (c));
    }
}

/* Characters below LATIN_END (Latin-1, Latin Extended-A and -B: the
 * accented letters of nearly every name a French user files) fold alone:
 * their decompositions are a starter and combining marks, which the fold
 * drops, so folding a text of them is folding each in turn. Each one's
 * fold is worked out once by the general path and then looked up, which
 * makes an import's names and search text several times cheaper to fold
 * than normalizing them. */
#define LATIN_END 0x250

typedef struct
{
  guint8 length;   /* G_MAXUINT8: longer than text, take the general path */
  char   text[7];
} LatinFold;

static const LatinFold *
latin_folds (void)
{
  static LatinFold table[LATIN_END - 0x80];
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      g_autoptr(GString) folded = g_string_new (NULL);

      for (gunichar c = 0x80; c < LATIN_END; c++)
        {
          char utf8[6];
          int n = g_unichar_to_utf8 (c, utf8);
          LatinFold *entry = &table[c - 0x80];

          g_string_truncate (folded, 0);
          append_folded_slowly (folded, utf8, n);
          if (folded->len <= sizeof entry->text)
            {
              entry->length = folded->len;
              memcpy (entry->text, folded->str, folded->len);
            }
          else
            entry->length = G_MAXUINT8;
        }
      g_once_init_leave (&ready, 1);
    }

  return table;
}

void
reseau_text_append_folded (GString    *out,
                           const char *text,
                           gssize      length)
{
  const guchar *p = (const guchar *) text;
  const guchar *end;
  const LatinFold *folds = NULL;
  gsize start;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    return;
  start = out->len;
  end = p + (length < 0 ? strlen (text) : (gsize) length);

  while (p < end)
    {
      gunichar c;

      if (*p < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          p++;
          continue;
        }

      /* A well-formed two-byte sequence below LATIN_END, else the
       * general path for the whole text. */
      if (p + 1 < end && (p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80)
        c = ((gunichar) (p[0] & 0x1F) << 6) | (p[1] & 0x3F);
      else
        c = 0;

      if (folds == NULL && c >= 0x80 && c < LATIN_END)
        folds = latin_folds ();
      if (c < 0x80 || c >= LATIN_END || folds[c - 0x80].length == G_MAXUINT8)
        {
          g_string_truncate (out, start);
          append_folded_slowly (out, text, end - (const guchar *) text);
          return;
        }

      g_string_append_len (out, folds[c - 0x80].text, folds[c - 0x80].length);
      p += 2;
    }
}

char *
reseau_text_fold (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  reseau_text_append_folded (out, text, -1);
  return g_string_free (out, FALSE);
}

const char *
reseau_text_section_for_key (const char *sort_key)
{
  static const char *letters[] = {
    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M",
    "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z",
  };

  if (sort_key != NULL && sort_key[0] >= 'a' && sort_key[0] <= 'z')
    return letters[sort_key[0] - 'a'];

  return "#";
}

char *
reseau_text_phone_search_terms (const char *phone)
{
  GString *digits;

  if (phone == NULL)
    return g_strdup ("");

  digits = g_string_new (NULL);
  for (const char *p = phone; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  /* People type numbers the way they dial them at home: index the national
   * form "06…" beside the international "336…". Country codes of one to
   * three digits cannot be told apart reliably; the French-speaking ones
   * are the ones that matter here. */
  if (strchr (phone, '+') != NULL || g_str_has_prefix (phone, "00"))
    {
      static const char *prefixes[] = { "0033", "0032", "0041", "0352", "33", "32", "41", "352", "1" };
      const char *international = digits->str;

      if (g_str_has_prefix (international, "00"))
        international += 2;

      for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
        {
          if (g_str_has_prefix (international, prefixes[i]) && strlen (prefixes[i]) < 4)
            {
              g_autofree char *national = NULL;
              const char *rest = international + strlen (prefixes[i]);

              /* North America keeps no trunk zero. */
              national = g_strcmp0 (prefixes[i], "1") == 0 ? g_strdup (rest)
                                                           : g_strconcat ("0", rest, NULL);
              g_string_append_printf (digits, " %s", national);
              break;
            }
        }
    }

  return g_string_free (digits, FALSE);
}

/* Nine digits is the length of a French national significant number and
 * of most European ones once the trunk 0 or the country code is dropped;
 * two different numbers rarely share their last nine digits. */
#define PHONE_MATCH_DIGITS 9
#define PHONE_MATCH_MIN_DIGITS 6

char *
reseau_text_phone_match_key (const char *phone)
{
  char ring[PHONE_MATCH_DIGITS];
  gsize total = 0;
  gsize n_digits;
  char *key;

  if (phone == NULL)
    return NULL;

  /* Only the last nine digits count: keep them in a ring, no allocation
   * per character on the import's hot path. */
  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      ring[total++ % PHONE_MATCH_DIGITS] = *p;

  if (total < PHONE_MATCH_MIN_DIGITS)
    return NULL;

  n_digits = MIN (total, PHONE_MATCH_DIGITS);
  key = g_malloc (n_digits + 1);
  for (gsize i = 0; i < n_digits; i++)
    key[i] = ring[(total - n_digits + i) % PHONE_MATCH_DIGITS];
  key[n_digits] = '\0';

  return key;
}

char *
reseau_text_build_fts_query (const char *typed)
{
  g_autofree char *folded = NULL;
  GString *query;
  GString *word;

  if (typed == NULL)
    return NULL;

  folded = reseau_text_fold (typed);
  query = g_string_new (NULL);
  word = g_string_new (NULL);

  /* Every run of letters and digits becomes a quoted prefix term; anything
   * else separates words, the way the index's tokenizer splits the text. A
   * phone typed with spaces ("06 12 34") is kept together as digits. */
  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean digit_run = word->len > 0 && g_ascii_isdigit (word->str[word->len - 1]);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      /* Join digit groups separated by spaces, dots or dashes. */
      if (c != 0 && digit_run && (c == ' ' || c == '.' || c == '-') &&
          g_ascii_isdigit (*(p + 1)))
        continue;

      if (word->len > 0)
        {
          if (query->len > 0)
            g_string_append_c (query, ' ');
          g_string_append_printf (query, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  g_string_free (word, TRUE);

  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }

  return g_string_free (query, FALSE);
}

char *
reseau_text_strip_or_null (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (copy[0] == '\0')
    return NULL;

  return g_steal_pointer (&copy);
}

/* Windows-1252's 0x80–0x9F; the five holes map to the C1 controls of the
 * same number, as browsers do, so no byte is ever undecodable. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

char *
reseau_text_from_windows_1252 (const char *text,
                               gsize       length)
{
  char *out = g_malloc (length * 3 + 1);
  gsize o = 0;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) text[i];
      gunichar u;

      if (c < 0x80)
        {
          if (c == 0)
            u = 0xFFFD;  /* a NUL would cut the string short */
          else
            {
              out[o++] = (char) c;
              continue;
            }
        }
      else if (c < 0xA0)
        u = cp1252_high[c - 0x80];
      else
        u = c;

      o += g_unichar_to_utf8 (u, out + o);
    }
  out[o] = '\0';

  return out;
}

gboolean
reseau_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

gboolean
reseau_text_is_ascii (const char *text,
                      gsize       length)
{
  guint64 any = 0;
  gsize i = 0;

  /* Eight bytes at a time, without an early exit in the loop. */
  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, 8);
      any |= word;
    }
  for (; i < length; i++)
    any |= (guchar) text[i];

  return (any & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}
