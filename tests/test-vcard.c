/* test-vcard.c — the vCard reader, writer, accessors and comparison
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-core.h"

/* Helpers --------------------------------------------------------------------- */

static ReseauVCard *
parse_one (const char *text)
{
  g_autoptr(GError) error = NULL;
  ReseauVCard *card = reseau_vcard_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);

  return card;
}

/* Reads every card of text; problems receives the reader's problems. */
static GPtrArray *
read_all (const char  *text,
          gsize        length,
          GPtrArray  **problems)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);
  g_autoptr(ReseauVCardReader) reader = reseau_vcard_reader_new (bytes);
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_vcard_free);
  ReseauVCard *card;

  while ((card = reseau_vcard_reader_next (reader)) != NULL)
    g_ptr_array_add (cards, card);

  g_assert_cmpuint (reseau_vcard_reader_get_position (reader), ==, length);

  if (problems != NULL)
    {
      GPtrArray *found = reseau_vcard_reader_get_problems (reader);

      *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (*problems, reseau_problem_copy (g_ptr_array_index (found, i)));
    }

  return cards;
}

static void
assert_value (const ReseauVCard *card,
              const char        *name,
              const char        *expected)
{
  ReseauVCardProperty *property = reseau_vcard_get (card, name);

  g_assert_nonnull (property);
  g_assert_cmpstr (property->value, ==, expected);
}

static void
assert_text (const ReseauVCard *card,
             const char        *name,
             const char        *expected)
{
  ReseauVCardProperty *property = reseau_vcard_get (card, name);
  g_autofree char *text = NULL;

  g_assert_nonnull (property);
  text = reseau_vcard_property_get_text (property);
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_strv (char       **actual,
             const char  *first,
             ...)
{
  va_list args;
  const char *expected = first;
  guint i = 0;

  va_start (args, first);
  for (; expected != NULL; expected = va_arg (args, const char *), i++)
    {
      g_assert_nonnull (actual[i]);
      g_assert_cmpstr (actual[i], ==, expected);
    }
  va_end (args);
  g_assert_null (actual[i]);
}

/* A few bytes that start like a JPEG file. */
static GBytes *
make_jpeg_bytes (gsize length)
{
  guchar *data = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    data[i] = (guchar) (i * 37 + 11);
  data[0] = 0xFF;
  data[1] = 0xD8;
  data[2] = 0xFF;
  data[3] = 0xE0;

  return g_bytes_new_take (data, length);
}

/* Every physical line ends with CRLF, holds at most 75 octets and is
 * valid UTF-8 by itself. */
static void
assert_well_folded (const char *text)
{
  const char *p = text;

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  while (*p != '\0')
    {
      const char *crlf = strstr (p, "\r\n");
      gsize length;

      g_assert_nonnull (crlf);
      length = crlf - p;
      g_assert_cmpuint (length, <=, 75);
      g_assert_null (memchr (p, '\n', length));
      g_assert_null (memchr (p, '\r', length));
      g_assert_true (g_utf8_validate_len (p, length, NULL));
      p = crlf + 2;
    }
}

/* Unfolding and line ends --------------------------------------------------------- */

static void
test_unfolds_crlf_lf_and_tab (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\r\n"
                                           "VERSION:3.0\r\n"
                                           "NOTE:Hello\r\n"
                                           "  world\r\n"
                                           "FN:Jean\n"
                                           "\t-Marc\n"
                                           " Dupont\n"
                                           "END:VCARD\r\n");

  g_assert_cmpint (card->version, ==, RESEAU_VCARD_VERSION_3_0);
  g_assert_cmpuint (card->properties->len, ==, 2);
  /* Only the first blank of a continuation is the fold. */
  assert_value (card, "NOTE", "Hello world");
  assert_value (card, "FN", "Jean-MarcDupont");
}

static void
test_reads_lone_cr_line_ends (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\rVERSION:4.0\rFN:Ana\r Lopez\rEMAIL:a@b.fr\rEND:VCARD\r");

  g_assert_cmpint (card->version, ==, RESEAU_VCARD_VERSION_4_0);
  assert_value (card, "FN", "AnaLopez");
  assert_value (card, "EMAIL", "a@b.fr");
}

static void
test_names_are_case_insensitive (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("begin:vcard\nversion:2.1\nfn;charset=utf-8:Zoé\ntel;type=cell:+33 6\nend:vcard\n");

  g_assert_cmpint (card->version, ==, RESEAU_VCARD_VERSION_2_1);
  g_assert_nonnull (reseau_vcard_get (card, "fn"));
  g_assert_cmpstr (((ReseauVCardProperty *) g_ptr_array_index (card->properties, 0))->name, ==, "FN");
  g_assert_true (reseau_vcard_property_has_type (reseau_vcard_get (card, "TEL"), "CELL"));
  /* The CHARSET no longer describes a UTF-8 value. */
  g_assert_null (reseau_vcard_property_get_param (reseau_vcard_get (card, "FN"), "CHARSET"));
}

static void
test_quoted_printable_soft_breaks (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\r\n"
                                           "VERSION:2.1\r\n"
                                           "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Premi=C3=A8re ligne=0D=0A=\r\n"
                                           "seconde ligne =3D fin=\r\n"
                                           " suite\r\n"
                                           "ADR;HOME;QUOTED-PRINTABLE:;;12 rue Saint-=\r\n"
                                           "Jean;Lyon;;69002;France\r\n"
                                           "END:VCARD\r\n");
  ReseauVCardProperty *note = reseau_vcard_get (card, "NOTE");
  g_auto(GStrv) adr = NULL;

  /* A soft break joins the next line as it is, blank included. */
  g_assert_cmpstr (note->value, ==, "Première ligne\\nseconde ligne = fin suite");
  g_assert_null (reseau_vcard_property_get_param (note, "ENCODING"));
  g_assert_null (reseau_vcard_property_get_param (note, "CHARSET"));
  assert_text (card, "NOTE", "Première ligne\nseconde ligne = fin suite");

  adr = reseau_vcard_property_get_components (reseau_vcard_get (card, "ADR"));
  assert_strv (adr, "", "", "12 rue Saint-Jean", "Lyon", "", "69002", "France", NULL);
  g_assert_true (reseau_vcard_property_has_type (reseau_vcard_get (card, "ADR"), "home"));
}

static void
test_quoted_printable_stray_equals_keeps_end (void)
{
  /* Outlook sometimes ends a value with '=': the card still ends. */
  g_autoptr(GPtrArray) problems = NULL;
  const char *text = "BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE:fin=\r\nEND:VCARD\r\n"
                     "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:B\r\nEND:VCARD\r\n";
  g_autoptr(GPtrArray) cards = read_all (text, strlen (text), &problems);

  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpuint (problems->len, ==, 0);
  assert_value (g_ptr_array_index (cards, 0), "NOTE", "fin");
}

/* Character sets ---------------------------------------------------------------------- */

static void
test_windows_1252_by_default (void)
{
  /* Outlook writes 8-bit text in the system code page without saying so. */
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\r\nVERSION:2.1\r\n"
                                           "FN:Ren\xe9 C\xf4t\xe9 \x80 \x93ok\x94\r\n"
                                           "END:VCARD\r\n");

  assert_value (card, "FN", "René Côté € “ok”");
}

static void
test_iso_8859_1_quoted_printable (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\r\nVERSION:2.1\r\n"
                                           "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:L=E9vesque;H=E9l=E8ne\r\n"
                                           "ORG;CHARSET=ISO-8859-1:Caf\xe9 du March\xe9\r\n"
                                           "END:VCARD\r\n");
  g_auto(GStrv) n = reseau_vcard_property_get_components (reseau_vcard_get (card, "N"));

  assert_strv (n, "Lévesque", "Hélène", NULL);
  assert_value (card, "ORG", "Café du Marché");
  g_assert_cmpuint (reseau_vcard_get (card, "ORG")->params->len, ==, 0);
}

static void
test_utf8_stays_even_when_charset_says_otherwise (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\nVERSION:2.1\n"
                                           "FN;CHARSET=ISO-8859-1:Chloé 🎉\n"
                                           "END:VCARD\n");

  assert_value (card, "FN", "Chloé 🎉");
}

static void
test_other_charsets_are_converted (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\nVERSION:2.1\n"
                                           "FN;CHARSET=ISO-8859-7;ENCODING=QUOTED-PRINTABLE:=C1=EB=DD=EE=E7=F2\n"
                                           "END:VCARD\n");

  assert_value (card, "FN", "Αλέξης");
}

static void
test_invalid_utf8_records_problem (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  const char *text = "BEGIN:VCARD\nVERSION:3.0\nFN:ok\nNOTE;CHARSET=UTF-8:caf\xe9\nEND:VCARD\n";
  g_autoptr(GPtrArray) cards = read_all (text, strlen (text), &problems);
  ReseauProblem *problem;

  g_assert_cmpuint (cards->len, ==, 1);
  assert_value (g_ptr_array_index (cards, 0), "NOTE", "café");
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_nonnull (strstr (problem->message, "NOTE"));
  g_assert_nonnull (strstr (problem->message, "UTF-8"));
}

static void
test_damaged_base64_records_problem (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  const char *text = "BEGIN:VCARD\nVERSION:3.0\nFN:ok\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4A*\nLOGO;ENCODING=b:/9j/4AAQ\nEND:VCARD\n";
  g_autoptr(GPtrArray) cards = read_all (text, strlen (text), &problems);
  ReseauProblem *problem;

  g_assert_cmpuint (cards->len, ==, 1);
  /* Kept as written: the picture is the user's, broken or not. */
  assert_value (g_ptr_array_index (cards, 0), "PHOTO", "/9j/4A*");
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_nonnull (strstr (problem->message, "PHOTO"));
}

static void
test_nul_bytes_never_cut_values (void)
{
  static const char text[] = "BEGIN:VCARD\nFN:a\0b\xe9\nEND:VCARD\n";
  g_autoptr(GPtrArray) cards = read_all (text, sizeof text - 1, NULL);
  ReseauVCardProperty *fn;

  g_assert_cmpuint (cards->len, ==, 1);
  fn = reseau_vcard_get (g_ptr_array_index (cards, 0), "FN");
  g_assert_cmpstr (fn->value, ==, "a\xef\xbf\xbd" "bé");
}

/* Files of many cards -------------------------------------------------------------------- */

static void
test_bom_blank_lines_and_junk_between_cards (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  const char *text = "\xEF\xBB\xBF"
                     "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Un\r\nEND:VCARD\r\n"
                     "\r\n\r\n"
                     "Exported by some tool\r\n"
                     "\xEF\xBB\xBF" "BEGIN:VCARD\r\nVERSION:3.0\r\n\r\nFN:Deux\r\nEND:VCARD\r\n"
                     "\r\n";
  g_autoptr(GPtrArray) cards = read_all (text, strlen (text), &problems);

  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_cmpuint (problems->len, ==, 0);
  assert_value (g_ptr_array_index (cards, 0), "FN", "Un");
  assert_value (g_ptr_array_index (cards, 1), "FN", "Deux");
  g_assert_cmpuint (((ReseauVCard *) g_ptr_array_index (cards, 0))->line, ==, 1);
  g_assert_cmpuint (((ReseauVCard *) g_ptr_array_index (cards, 1))->line, ==, 8);
  g_assert_cmpuint (((ReseauVCardProperty *) g_ptr_array_index (((ReseauVCard *) g_ptr_array_index (cards, 1))->properties, 0))->line, ==, 11);
}

static void
test_missing_end_keeps_card_with_problem (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  const char *text = "BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n"
                     "BEGIN:VCARD\nVERSION:3.0\nFN:Last\nEMAIL:last@example.org";
  g_autoptr(GPtrArray) cards = read_all (text, strlen (text), &problems);
  ReseauProblem *problem;

  g_assert_cmpuint (cards->len, ==, 2);
  assert_value (g_ptr_array_index (cards, 1), "EMAIL", "last@example.org");
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, 5);
  g_assert_nonnull (strstr (problem->message, "END:VCARD"));
}

static void
test_line_without_colon_is_dropped (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  const char *text = "BEGIN:VCARD\nVERSION:3.0\nFN:A\nthis is not a property\nEMAIL:a@b.c\nEND:VCARD\n";
  g_autoptr(GPtrArray) cards = read_all (text, strlen (text), &problems);
  ReseauVCard *card;

  g_assert_cmpuint (cards->len, ==, 1);
  card = g_ptr_array_index (cards, 0);
  g_assert_cmpuint (card->properties->len, ==, 2);
  assert_value (card, "EMAIL", "a@b.c");
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (((ReseauProblem *) g_ptr_array_index (problems, 0))->line, ==, 4);
}

static void
test_nested_begin_ends_previous_card (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  const char *text = "BEGIN:VCARD\nVERSION:3.0\nFN:First\n"
                     "BEGIN:VCARD\nVERSION:4.0\nFN:Second\nEND:VCARD\n";
  g_autoptr(GPtrArray) cards = read_all (text, strlen (text), &problems);

  g_assert_cmpuint (cards->len, ==, 2);
  assert_value (g_ptr_array_index (cards, 0), "FN", "First");
  assert_value (g_ptr_array_index (cards, 1), "FN", "Second");
  g_assert_cmpint (((ReseauVCard *) g_ptr_array_index (cards, 1))->version, ==, RESEAU_VCARD_VERSION_4_0);
  g_assert_cmpuint (((ReseauVCard *) g_ptr_array_index (cards, 1))->line, ==, 4);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (((ReseauProblem *) g_ptr_array_index (problems, 0))->line, ==, 1);
}

static void
test_parse_fails_without_card (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauVCard) card = reseau_vcard_parse ("Name,Email\nA,a@b.c\n", -1, &error);

  g_assert_null (card);
  g_assert_error (error, RESEAU_VCARD_ERROR, RESEAU_VCARD_ERROR_NOT_VCARD);
}

static void
test_looks_like (void)
{
  g_assert_true (reseau_vcard_looks_like ("BEGIN:VCARD\r\n", 13));
  g_assert_true (reseau_vcard_looks_like ("\xEF\xBB\xBF\r\n\r\n  begin:vcard\n", 20));
  g_assert_false (reseau_vcard_looks_like ("BEGIN:VCAR", 10));
  g_assert_false (reseau_vcard_looks_like ("First Name,Last Name\n", 21));
  g_assert_false (reseau_vcard_looks_like ("", 0));
}

static void
test_input_is_not_read_past_its_length (void)
{
  /* The card is cut in the middle of a QP escape, a quote and a fold. */
  static const char *const texts[] = {
    "BEGIN:VCARD\nNOTE;ENCODING=QUOTED-PRINTABLE:ab=C",
    "BEGIN:VCARD\nTEL;TYPE=\"work",
    "BEGIN:VCARD\nNOTE:a\n ",
    "BEGIN:VCARD\nNOTE;QUOTED-PRINTABLE:a=",
    "BEGIN:VCARD\nPHOTO;BASE64:AAAA\nAAAA",
    "BEGIN:VCARD\r",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      /* A copy without a terminating NUL, so that ASan sees an overread. */
      gsize length = strlen (texts[i]);
      g_autofree char *copy = g_memdup2 (texts[i], length);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) cards = read_all (copy, length, &problems);

      g_assert_cmpuint (cards->len, ==, 1);
      g_assert_cmpuint (problems->len, >=, 1);
    }
}

static void
test_many_parameters_and_folds (void)
{
  GString *text = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\nX-MANY");
  g_autoptr(GPtrArray) cards = NULL;
  ReseauVCardProperty *property;

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, i % 2 ? ";X=\"a:b\"" : ";TYPE=a,b");
  /* An unmatched quote is read as a plain character. */
  g_string_append (text, ";Y=\"open:v\r\nNOTE:");
  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "ab=\r\n ");
  g_string_append (text, "end\r\nEND:VCARD\r\n");

  cards = read_all (text->str, text->len, NULL);
  g_assert_cmpuint (cards->len, ==, 1);
  property = reseau_vcard_get (g_ptr_array_index (cards, 0), "X-MANY");
  g_assert_cmpuint (property->params->len, ==, 100001);
  g_assert_cmpstr (reseau_vcard_property_get_param (property, "X"), ==, "a:b");
  g_assert_cmpstr (reseau_vcard_property_get_param (property, "Y"), ==, "\"open");
  g_assert_true (reseau_vcard_property_has_type (property, "b"));
  g_assert_cmpstr (property->value, ==, "v");
  property = reseau_vcard_get (g_ptr_array_index (cards, 0), "NOTE");
  g_assert_cmpuint (strlen (property->value), ==, 300003);
  g_string_free (text, TRUE);
}

/* Groups and parameters -------------------------------------------------------------------- */

static void
test_groups_are_kept (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\r\nVERSION:3.0\r\n"
                                           "item1.EMAIL;type=INTERNET:pro@example.org\r\n"
                                           "item1.X-ABLabel:_$!<Other>!$_\r\n"
                                           "item2.X-ABLabel:Studio\r\n"
                                           "END:VCARD\r\n");
  ReseauVCardProperty *email = reseau_vcard_get (card, "EMAIL");
  ReseauVCardProperty *label = reseau_vcard_get_in_group (card, "ITEM2", "x-ablabel");

  g_assert_cmpstr (email->group, ==, "item1");
  g_assert_cmpstr (email->name, ==, "EMAIL");
  g_assert_nonnull (label);
  g_assert_cmpstr (label->value, ==, "Studio");
  g_assert_null (reseau_vcard_get_in_group (card, NULL, "X-ABLABEL"));
}

static void
test_quoted_and_listed_parameters (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\r\nVERSION:4.0\r\n"
                                           "TEL;TYPE=\"work,voice\";type=cell;PREF=1:+33 1 23\r\n"
                                           "EMAIL;TYPE=home,internet:a@b.c\r\n"
                                           "ADR;LABEL=\"12 rue X, Paris; France\";TYPE=home:;;12 rue X;Paris;;;France\r\n"
                                           "X-LINK;X-URL=\"https://a.example:8080/p\":value:with:colons\r\n"
                                           "END:VCARD\r\n");
  ReseauVCardProperty *tel = reseau_vcard_get (card, "TEL");
  ReseauVCardProperty *email = reseau_vcard_get (card, "EMAIL");
  ReseauVCardProperty *adr = reseau_vcard_get (card, "ADR");
  ReseauVCardProperty *link = reseau_vcard_get (card, "X-LINK");
  const ReseauVCardParam *first;

  g_assert_true (reseau_vcard_property_has_type (tel, "WORK"));
  g_assert_true (reseau_vcard_property_has_type (tel, "voice"));
  g_assert_true (reseau_vcard_property_has_type (tel, "cell"));
  g_assert_false (reseau_vcard_property_has_type (tel, "home"));
  g_assert_cmpstr (reseau_vcard_property_get_param (tel, "pref"), ==, "1");
  first = g_ptr_array_index (tel->params, 0);
  g_assert_cmpstr (first->name, ==, "TYPE");
  g_assert_cmpuint (g_strv_length (first->values), ==, 2);

  g_assert_true (reseau_vcard_property_has_type (email, "home"));
  g_assert_true (reseau_vcard_property_has_type (email, "INTERNET"));

  /* Only TYPE lists are split: a label keeps its commas. */
  g_assert_cmpstr (reseau_vcard_property_get_param (adr, "LABEL"), ==, "12 rue X, Paris; France");
  g_assert_true (reseau_vcard_property_has_type (adr, "home"));

  g_assert_cmpstr (reseau_vcard_property_get_param (link, "X-URL"), ==, "https://a.example:8080/p");
  g_assert_cmpstr (link->value, ==, "value:with:colons");
}

static void
test_bare_21_types (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\r\nVERSION:2.1\r\n"
                                           "TEL;WORK;VOICE:+33 1 00\r\n"
                                           "PHOTO;VALUE=URL;TYPE=JPEG:http://example.org/a.jpg\r\n"
                                           "END:VCARD\r\n");
  ReseauVCardProperty *tel = reseau_vcard_get (card, "TEL");
  const ReseauVCardParam *work = g_ptr_array_index (tel->params, 0);
  const ReseauVCardParam *voice = g_ptr_array_index (tel->params, 1);

  g_assert_cmpuint (tel->params->len, ==, 2);
  g_assert_cmpstr (work->name, ==, "TYPE");
  g_assert_cmpstr (work->values[0], ==, "WORK");
  g_assert_cmpstr (voice->name, ==, "TYPE");
  g_assert_cmpstr (voice->values[0], ==, "VOICE");
  g_assert_true (reseau_vcard_property_has_type (tel, "work"));
  /* A link is not inline data. */
  g_assert_null (reseau_vcard_property_get_binary (reseau_vcard_get (card, "PHOTO"), NULL));
}

static void
test_rfc6868_both_ways (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\r\nVERSION:4.0\r\n"
                                           "ADR;LABEL=\"Bât. ^'A^'^n3 rue ^^ Vaugirard\":;;3 rue;Paris;;;\r\n"
                                           "END:VCARD\r\n");
  ReseauVCardProperty *adr = reseau_vcard_get (card, "ADR");
  g_autofree char *written = NULL;
  g_autoptr(ReseauVCard) again = NULL;

  g_assert_cmpstr (reseau_vcard_property_get_param (adr, "LABEL"), ==, "Bât. \"A\"\n3 rue ^ Vaugirard");

  written = reseau_vcard_to_string (card, RESEAU_VCARD_VERSION_4_0);
  g_assert_nonnull (strstr (written, ";LABEL=Bât. ^'A^'^n3 rue ^^ Vaugirard:"));
  again = parse_one (written);
  g_assert_true (reseau_vcard_equal (card, again));
}

static void
test_param_api (void)
{
  g_autoptr(ReseauVCardProperty) property = reseau_vcard_property_new ("item3", "email", "x@y.z");
  g_autoptr(ReseauVCardProperty) copy = NULL;

  g_assert_cmpstr (property->name, ==, "EMAIL");
  g_assert_cmpstr (property->group, ==, "item3");
  reseau_vcard_property_add_param (property, "type", "work");
  reseau_vcard_property_add_param (property, "TYPE", "pref");
  reseau_vcard_property_add_param (property, "X-SERVICE", "a,b");
  g_assert_true (reseau_vcard_property_has_type (property, "PREF"));
  g_assert_cmpstr (reseau_vcard_property_get_param (property, "x-service"), ==, "a,b");

  copy = reseau_vcard_property_copy (property);
  reseau_vcard_property_remove_param (property, "TYPE");
  g_assert_false (reseau_vcard_property_has_type (property, "work"));
  g_assert_cmpuint (property->params->len, ==, 1);
  g_assert_true (reseau_vcard_property_has_type (copy, "work"));
  g_assert_cmpuint (copy->params->len, ==, 3);
}

static void
test_card_api (void)
{
  g_autoptr(ReseauVCard) card = reseau_vcard_new ();
  g_autoptr(ReseauVCard) copy = NULL;

  g_assert_cmpint (card->version, ==, RESEAU_VCARD_VERSION_4_0);
  reseau_vcard_append (card, reseau_vcard_property_new (NULL, "TEL", "1"));
  reseau_vcard_append (card, reseau_vcard_property_new (NULL, "FN", "A"));
  reseau_vcard_append (card, reseau_vcard_property_new (NULL, "tel", "2"));
  copy = reseau_vcard_copy (card);

  g_assert_cmpuint (reseau_vcard_remove_all (card, "Tel"), ==, 2);
  g_assert_cmpuint (card->properties->len, ==, 1);
  g_assert_null (reseau_vcard_get (card, "TEL"));
  g_assert_cmpuint (copy->properties->len, ==, 3);
  g_assert_cmpstr (reseau_vcard_get (copy, "TEL")->value, ==, "1");
}

/* Values -------------------------------------------------------------------------------------- */

static void
test_text_unescaping (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\r\nVERSION:3.0\r\n"
                                           "NOTE:a\\,b\\;c\\\\d\\ne\\Nf\\:g\\qh, i; j\\\r\n"
                                           "URL:http\\://example.org\r\n"
                                           "END:VCARD\r\n");

  /* The escaped form is kept as written… */
  assert_value (card, "NOTE", "a\\,b\\;c\\\\d\\ne\\Nf\\:g\\qh, i; j\\");
  /* …and the accessor gives the text, unknown escapes as the character. */
  assert_text (card, "NOTE", "a,b;c\\d\ne\nf:gqh, i; j\\");
  assert_text (card, "URL", "http://example.org");
}

static void
test_escape (void)
{
  g_autofree char *escaped = reseau_vcard_escape ("a,b;c\\d\ne\r\nf\rg");

  g_assert_cmpstr (escaped, ==, "a\\,b\\;c\\\\d\\ne\\nf\\ng");
}

static void
test_components_and_lists (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\r\nVERSION:3.0\r\n"
                                           "N:Dupont-Aignan;Jean\\;Marc;;M.;\r\n"
                                           "CATEGORIES:Clients, Paris\\, 11e ,,Amis,\r\n"
                                           "NICKNAME:Jeannot\r\n"
                                           "END:VCARD\r\n");
  g_auto(GStrv) n = reseau_vcard_property_get_components (reseau_vcard_get (card, "N"));
  g_auto(GStrv) categories = reseau_vcard_property_get_list (reseau_vcard_get (card, "CATEGORIES"));
  g_auto(GStrv) nickname = reseau_vcard_property_get_list (reseau_vcard_get (card, "NICKNAME"));

  assert_strv (n, "Dupont-Aignan", "Jean;Marc", "", "M.", "", NULL);
  assert_strv (categories, "Clients", "Paris, 11e", "Amis", NULL);
  assert_strv (nickname, "Jeannot", NULL);
}

static void
test_setters_escape (void)
{
  g_autoptr(ReseauVCardProperty) n = reseau_vcard_property_new (NULL, "N", NULL);
  g_autoptr(ReseauVCardProperty) note = reseau_vcard_property_new (NULL, "NOTE", NULL);
  g_autoptr(ReseauVCardProperty) categories = reseau_vcard_property_new (NULL, "CATEGORIES", NULL);
  const char *components[] = { "Martin;Roux", "Léa", NULL, "Dr", "" };
  const char *items[] = { "Clients, VIP", "Paris", NULL };
  g_auto(GStrv) back = NULL;
  g_autofree char *text = NULL;

  reseau_vcard_property_set_components (n, components, G_N_ELEMENTS (components));
  g_assert_cmpstr (n->value, ==, "Martin\\;Roux;Léa;;Dr;");
  back = reseau_vcard_property_get_components (n);
  assert_strv (back, "Martin;Roux", "Léa", "", "Dr", "", NULL);

  reseau_vcard_property_set_text (note, "Ligne 1\nvirgule, point-virgule; fin\\");
  g_assert_cmpstr (note->value, ==, "Ligne 1\\nvirgule\\, point-virgule\\; fin\\\\");
  text = reseau_vcard_property_get_text (note);
  g_assert_cmpstr (text, ==, "Ligne 1\nvirgule, point-virgule; fin\\");

  reseau_vcard_property_set_list (categories, items);
  g_assert_cmpstr (categories->value, ==, "Clients\\, VIP,Paris");
}

/* Binary values ------------------------------------------------------------------------------ */

static void
assert_photo (const ReseauVCard *card,
              GBytes            *expected)
{
  g_autofree char *mime = NULL;
  g_autoptr(GBytes) bytes = reseau_vcard_property_get_binary (reseau_vcard_get (card, "PHOTO"), &mime);

  g_assert_nonnull (bytes);
  g_assert_true (g_bytes_equal (bytes, expected));
  g_assert_cmpstr (mime, ==, "image/jpeg");
}

static void
test_photos_decode_to_same_bytes (void)
{
  g_autoptr(GBytes) jpeg = make_jpeg_bytes (200);
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
  g_autofree char *folded21 = NULL;
  g_autofree char *unindented21 = NULL;
  g_autofree char *v30 = NULL;
  g_autofree char *v40 = NULL;
  g_autofree char *untyped = NULL;
  g_autoptr(ReseauVCard) card21 = NULL;
  g_autoptr(ReseauVCard) card21b = NULL;
  g_autoptr(ReseauVCard) card30 = NULL;
  g_autoptr(ReseauVCard) card40 = NULL;
  g_autoptr(ReseauVCard) card_untyped = NULL;
  g_autofree char *mime = NULL;
  g_autoptr(GBytes) sniffed = NULL;

  /* 2.1 as phones write it: indented lines ending with a blank line. */
  folded21 = g_strdup_printf ("BEGIN:VCARD\r\nVERSION:2.1\r\nPHOTO;ENCODING=BASE64;JPEG:%.*s\r\n  %.*s\r\n  %s\r\n\r\nFN:X\r\nEND:VCARD\r\n",
                              60, b64, 60, b64 + 60, b64 + 120);
  /* 2.1 as some older tools write it: lines without indentation. */
  unindented21 = g_strdup_printf ("BEGIN:VCARD\r\nVERSION:2.1\r\nPHOTO;TYPE=JPEG;BASE64:%.*s\r\n%.*s\r\n%s\r\n\r\nFN:X\r\nEND:VCARD\r\n",
                                  60, b64, 60, b64 + 60, b64 + 120);
  v30 = g_strdup_printf ("BEGIN:VCARD\r\nVERSION:3.0\r\nPHOTO;ENCODING=b;TYPE=JPEG:%s\r\nEND:VCARD\r\n", b64);
  v40 = g_strdup_printf ("BEGIN:VCARD\r\nVERSION:4.0\r\nPHOTO:data:image/jpeg;base64,%s\r\nEND:VCARD\r\n", b64);
  untyped = g_strdup_printf ("BEGIN:VCARD\r\nVERSION:3.0\r\nLOGO;ENCODING=B:%s\r\nEND:VCARD\r\n", b64);

  card21 = parse_one (folded21);
  card21b = parse_one (unindented21);
  card30 = parse_one (v30);
  card40 = parse_one (v40);
  card_untyped = parse_one (untyped);

  assert_photo (card21, jpeg);
  assert_photo (card21b, jpeg);
  assert_photo (card30, jpeg);
  assert_photo (card40, jpeg);
  assert_value (card21b, "FN", "X");
  g_assert_cmpstr (reseau_vcard_property_get_param (reseau_vcard_get (card21, "PHOTO"), "ENCODING"), ==, "b");
  g_assert_cmpstr (reseau_vcard_get (card21, "PHOTO")->value, ==, b64);

  /* No type given: the format comes from the bytes. */
  sniffed = reseau_vcard_property_get_binary (reseau_vcard_get (card_untyped, "LOGO"), &mime);
  g_assert_true (g_bytes_equal (sniffed, jpeg));
  g_assert_cmpstr (mime, ==, "image/jpeg");
}

static void
test_set_binary_and_convert_between_versions (void)
{
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  g_autoptr(ReseauVCard) card = reseau_vcard_new ();
  ReseauVCardProperty *photo = reseau_vcard_append (card, reseau_vcard_property_new (NULL, "PHOTO", "http://old"));
  g_autofree char *v40 = NULL;
  g_autofree char *v30 = NULL;
  g_autoptr(ReseauVCard) card40 = NULL;
  g_autoptr(ReseauVCard) card30 = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autofree char *mime = NULL;

  reseau_vcard_property_add_param (photo, "VALUE", "uri");
  reseau_vcard_property_set_binary (photo, png, "image/png");
  g_assert_cmpstr (reseau_vcard_property_get_param (photo, "ENCODING"), ==, "b");
  g_assert_cmpstr (reseau_vcard_property_get_param (photo, "TYPE"), ==, "PNG");
  g_assert_null (reseau_vcard_property_get_param (photo, "VALUE"));

  v40 = reseau_vcard_to_string (card, RESEAU_VCARD_VERSION_4_0);
  g_assert_nonnull (strstr (v40, "\r\nPHOTO:data:image/png;base64,iVBORw0KGgo"));
  g_assert_null (strstr (v40, "ENCODING"));

  card40 = parse_one (v40);
  v30 = reseau_vcard_to_string (card40, RESEAU_VCARD_VERSION_3_0);
  g_assert_nonnull (strstr (v30, "\r\nPHOTO;TYPE=PNG;ENCODING=b:iVBORw0KGgo"));
  card30 = parse_one (v30);
  back = reseau_vcard_property_get_binary (reseau_vcard_get (card30, "PHOTO"), &mime);
  g_assert_true (g_bytes_equal (back, png));
  g_assert_cmpstr (mime, ==, "image/png");

  /* Same picture, spelled the way each version spells it. */
  g_assert_true (reseau_vcard_equal (card, card40));
  g_assert_true (reseau_vcard_equal (card40, card30));
}

/* Only values that can be pictures, sounds or keys move between ENCODING=b
 * and data: URIs; a name that carries a stray ENCODING stays a name. */
static void
test_text_with_encoding_stays_text (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\r\nVERSION:3.0\r\n"
                                           "FN;ENCODING=b;TYPE=JPEG:Foo\r\n"
                                           "END:VCARD\r\n");
  g_autofree char *v40 = reseau_vcard_to_string (card, RESEAU_VCARD_VERSION_4_0);
  g_autoptr(ReseauVCard) again = parse_one (v40);
  g_autofree char *name = reseau_vcard_property_get_text (reseau_vcard_get (again, "FN"));

  g_assert_null (strstr (v40, "data:"));
  g_assert_cmpstr (name, ==, "Foo");
}

/* Writing --------------------------------------------------------------------------------------- */

static void
test_writer_frame_and_escaping (void)
{
  g_autoptr(ReseauVCard) card = reseau_vcard_new ();
  ReseauVCardProperty *note;
  ReseauVCardProperty *tel;
  g_autofree char *text = NULL;

  reseau_vcard_append (card, reseau_vcard_property_new (NULL, "FN", "Léa Martin"));
  note = reseau_vcard_append (card, reseau_vcard_property_new (NULL, "NOTE", NULL));
  reseau_vcard_property_set_text (note, "Rencontrée à Lyon, salon; suite\nligne 2");
  tel = reseau_vcard_append (card, reseau_vcard_property_new ("item1", "TEL", "+33 6 00"));
  reseau_vcard_property_add_param (tel, "TYPE", "cell");
  reseau_vcard_property_add_param (tel, "X-NOTE", "a:b");
  reseau_vcard_property_add_param (tel, "TYPE", "voice");
  /* A raw line break slipped into a value must not break the card. */
  reseau_vcard_append (card, reseau_vcard_property_new (NULL, "X-RAW", "a\nb"));

  text = reseau_vcard_to_string (card, RESEAU_VCARD_VERSION_3_0);
  g_assert_cmpstr (text, ==,
                   "BEGIN:VCARD\r\n"
                   "VERSION:3.0\r\n"
                   "FN:Léa Martin\r\n"
                   "NOTE:Rencontrée à Lyon\\, salon\\; suite\\nligne 2\r\n"
                   "item1.TEL;TYPE=cell,voice;X-NOTE=\"a:b\":+33 6 00\r\n"
                   "X-RAW:a\\nb\r\n"
                   "END:VCARD\r\n");
}

static void
test_writer_appends (void)
{
  g_autoptr(ReseauVCard) card = parse_one ("BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n");
  g_autoptr(GString) out = g_string_new ("");

  reseau_vcard_write (card, RESEAU_VCARD_VERSION_4_0, out);
  reseau_vcard_write (card, RESEAU_VCARD_VERSION_4_0, out);
  g_assert_cmpstr (out->str, ==,
                   "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCARD\r\n"
                   "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCARD\r\n");
}

static void
test_writer_folds_utf8_at_75_octets (void)
{
  g_autoptr(ReseauVCard) card = reseau_vcard_new ();
  GString *long_text = g_string_new (NULL);
  g_autofree char *written = NULL;
  g_autoptr(ReseauVCard) again = NULL;
  g_autoptr(GBytes) jpeg = make_jpeg_bytes (3000);

  for (guint i = 0; i < 40; i++)
    g_string_append (long_text, "é🎉 Ça va, très bien ; ");
  reseau_vcard_property_set_text (reseau_vcard_append (card, reseau_vcard_property_new (NULL, "NOTE", NULL)),
                                  long_text->str);
  reseau_vcard_append (card, reseau_vcard_property_new (NULL, "FN", "ééééééééééééééééééééééééééééééééééééééééééééééééééééé"));
  reseau_vcard_property_set_binary (reseau_vcard_append (card, reseau_vcard_property_new (NULL, "PHOTO", NULL)),
                                    jpeg, "image/jpeg");

  for (ReseauVCardVersion version = RESEAU_VCARD_VERSION_3_0;
       version <= RESEAU_VCARD_VERSION_4_0;
       version += 10)
    {
      g_autofree char *text = NULL;
      g_autoptr(ReseauVCard) parsed = NULL;

      text = reseau_vcard_to_string (card, version);
      assert_well_folded (text);
      parsed = parse_one (text);
      assert_text (parsed, "NOTE", long_text->str);
      assert_photo (parsed, jpeg);
      g_assert_true (reseau_vcard_equal (card, parsed));
    }

  written = reseau_vcard_to_string (card, RESEAU_VCARD_VERSION_4_0);
  again = parse_one (written);
  g_assert_cmpuint (again->properties->len, ==, 3);
  g_string_free (long_text, TRUE);
}

/* Inputs the fuzzer found: each read, written and read back the same. */
static void
test_odd_spellings_round_trip (void)
{
  static const char * const texts[] = {
    /* a bare type with blanks and a comma */
    "BEGIN:VCARD\r\nVERSION:2.1\r\nTEL;WORK ; ,4:1\r\nEND:VCARD\r\n",
    /* a name after blank lines and blanks, and after a lone dot */
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\n\r\n   X-DATE:3\r\n. X-B:y\r\nEND:VCARD\r\n",
    /* repeated CHARSET and ENCODING */
    "BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE;CHARSET=X;ENCODING=QUOTED-PRINTABLE:a=3D3D\r\nEND:VCARD\r\n",
    /* the words QUOTED-PRINTABLE in a parameter value, and a value that folds after a '=' */
    "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE;X-WHY=QUOTED-PRINTABLE:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=b=c=d=e=f=g\r\nEND:VCARD\r\n",
    /* an empty TYPE */
    "BEGIN:VCARD\r\nVERSION:3.0\r\nADR;TYPE=home;TYPE=:;;x\r\nEND:VCARD\r\n",
    /* a data: URI of a type TYPE cannot name */
    "BEGIN:VCARD\r\nVERSION:4.0\r\nKEY:data:application/pgp-keys;base64,AAEC\r\nEND:VCARD\r\n",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(ReseauVCard) card = parse_one (texts[i]);

      for (ReseauVCardVersion version = RESEAU_VCARD_VERSION_3_0;
           version <= RESEAU_VCARD_VERSION_4_0;
           version += 10)
        {
          g_autofree char *written = reseau_vcard_to_string (card, version);
          g_autoptr(ReseauVCard) again = parse_one (written);

          assert_well_folded (written);
          g_assert_true (reseau_vcard_equal (card, again));
        }
    }
}

static void
test_odd_spellings_are_read_sensibly (void)
{
  g_autoptr(ReseauVCard) tel = parse_one ("BEGIN:VCARD\r\nVERSION:2.1\r\nTEL;WORK ; VOICE:1\r\nEND:VCARD\r\n");
  g_autoptr(ReseauVCard) note = parse_one ("BEGIN:VCARD\r\nVERSION:2.1\r\n"
                                           "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE;CHARSET=X;ENCODING=QUOTED-PRINTABLE:a=3D3D\r\n"
                                           "X-WHY;X-A=QUOTED-PRINTABLE:end=\r\n"
                                           " ing\r\n"
                                           "END:VCARD\r\n");
  g_autoptr(ReseauVCard) frame = parse_one ("BEGIN:VCARD\r\nVERSION;X=1:4.0\r\nFN:x\r\nEND;X=1:VCARD\r\nEND:VCARD\x01\r\n");
  g_autoptr(ReseauVCard) names = parse_one ("BEGIN:VCARD\r\nVERSION:3.0\r\n\r\n  fn :x\r\nEND:VCARD\r\n");
  g_autoptr(ReseauVCard) key = parse_one ("BEGIN:VCARD\r\nVERSION:4.0\r\nKEY:data:application/pgp-keys;base64,AAEC\r\nEND:VCARD\r\n");
  g_autofree char *v30 = NULL;

  g_assert_true (reseau_vcard_property_has_type (reseau_vcard_get (tel, "TEL"), "WORK"));
  g_assert_true (reseau_vcard_property_has_type (reseau_vcard_get (tel, "TEL"), "VOICE"));

  /* Decoded once, every ENCODING and CHARSET gone. */
  assert_value (note, "NOTE", "a=3D");
  g_assert_cmpuint (reseau_vcard_get (note, "NOTE")->params->len, ==, 0);
  /* Only a real ENCODING makes '=' at a line end a soft break. */
  assert_value (note, "X-WHY", "end=ing");

  g_assert_cmpint (frame->version, ==, RESEAU_VCARD_VERSION_4_0);
  g_assert_cmpuint (frame->properties->len, ==, 1);

  g_assert_cmpstr (((ReseauVCardProperty *) g_ptr_array_index (names->properties, 0))->name, ==, "FN");

  v30 = reseau_vcard_to_string (key, RESEAU_VCARD_VERSION_3_0);
  /* 3.0 cannot name that type: the URI stays a URI. */
  g_assert_nonnull (strstr (v30, "\r\nKEY:data:application/pgp-keys;base64,AAEC\r\n"));
}

/* Round trips and comparison ---------------------------------------------------------------------- */

static const char ios_30[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "PRODID:-//Apple Inc.//iPhone OS 17.2//EN\r\n"
  "N:Lefèvre;Chloé;;;\r\n"
  "FN:Chloé Lefèvre\r\n"
  "ORG:Atelier Lumière;Studio\r\n"
  "item1.EMAIL;type=INTERNET;type=pref:chloe@atelier-lumiere.fr\r\n"
  "item1.X-ABLabel:_$!<Other>!$_\r\n"
  "TEL;type=CELL;type=VOICE;type=pref:+33 6 12 34 56 78\r\n"
  "item2.ADR;type=WORK;type=pref:;;12 rue de la Paix;Paris;;75002;France\r\n"
  "item2.X-ABADR:fr\r\n"
  "NOTE:Rencontrée au salon\\, très sympa\\nÀ rappeler\r\n"
  "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12\r\n"
  "X-SOCIALPROFILE;type=linkedin;x-user=chloe:https://linkedin.com/in/chloe\r\n"
  "CATEGORIES:Clients,Paris\r\n"
  "REV:2024-03-12T10:00:00Z\r\n"
  "END:VCARD\r\n";

static const char full_40[] =
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "KIND:individual\r\n"
  "FN:Dr. Amadou Diallo\r\n"
  "N:Diallo;Amadou;;Dr.;\r\n"
  "GENDER:M\r\n"
  "EMAIL;TYPE=work;PREF=1:amadou@example.org\r\n"
  "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+33-6-00-00-00-00\r\n"
  "ADR;LABEL=\"3 rue X\\n75011 Paris\";TYPE=home:;;3 rue X;Paris;;75011;France\r\n"
  "IMPP;PREF=1:xmpp:amadou@example.org\r\n"
  "RELATED;TYPE=friend:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af\r\n"
  "CLIENTPIDMAP:1;urn:uuid:3df403f4-5924-4bb7-b077-3c711d9eb34b\r\n"
  "ANNIVERSARY:20090808T1430-0500\r\n"
  "UID:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6\r\n"
  "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Amad;1;;;;;;;;;;;;;\r\n"
  "END:VCARD\r\n";

static const char outlook_21[] =
  "BEGIN:VCARD\r\n"
  "VERSION:2.1\r\n"
  "N;LANGUAGE=fr;CHARSET=Windows-1252:Gu\xe9rin;Ren\xe9\r\n"
  "FN:Ren\xe9 Gu\xe9rin\r\n"
  "ORG:Caf\xe9 & Co\r\n"
  "TEL;WORK;VOICE:01 23 45 67 89\r\n"
  "ADR;WORK;ENCODING=QUOTED-PRINTABLE:;;5 place du Ch=E2teau=0D=0AB=E2timent B;Tours;;37000;France\r\n"
  "LABEL;WORK;ENCODING=QUOTED-PRINTABLE:5 place du Ch=E2teau=0D=0A=\r\n"
  "37000 Tours\r\n"
  "EMAIL;PREF;INTERNET:rene@example.fr\r\n"
  "REV:20240101T000000Z\r\n"
  "END:VCARD\r\n";

static void
assert_round_trips (const char         *text,
                    ReseauVCardVersion  version)
{
  g_autoptr(ReseauVCard) card = parse_one (text);
  g_autofree char *written = reseau_vcard_to_string (card, version);
  g_autoptr(ReseauVCard) again = parse_one (written);
  g_autofree char *rewritten = reseau_vcard_to_string (again, version);

  assert_well_folded (written);
  g_assert_cmpuint (again->properties->len, ==, card->properties->len);
  g_assert_true (reseau_vcard_equal (card, again));
  /* Writing is stable once the card is in canonical form. */
  g_assert_cmpstr (written, ==, rewritten);
}

static void
test_round_trip_30 (void)
{
  g_autoptr(ReseauVCard) card = parse_one (ios_30);

  assert_round_trips (ios_30, RESEAU_VCARD_VERSION_3_0);
  g_assert_nonnull (reseau_vcard_get_in_group (card, "item2", "X-ABADR"));
  g_assert_cmpstr (reseau_vcard_property_get_param (reseau_vcard_get (card, "BDAY"), "X-APPLE-OMIT-YEAR"), ==, "1604");
}

static void
test_round_trip_40 (void)
{
  assert_round_trips (full_40, RESEAU_VCARD_VERSION_4_0);
}

static void
test_round_trip_21_written_as_30 (void)
{
  g_autoptr(ReseauVCard) card = parse_one (outlook_21);
  g_autofree char *written = NULL;

  g_assert_cmpint (card->version, ==, RESEAU_VCARD_VERSION_2_1);
  assert_value (card, "FN", "René Guérin");
  assert_value (card, "ADR", ";;5 place du Château\\nBâtiment B;Tours;;37000;France");
  assert_value (card, "LABEL", "5 place du Château\\n37000 Tours");
  assert_round_trips (outlook_21, RESEAU_VCARD_VERSION_3_0);

  written = reseau_vcard_to_string (card, RESEAU_VCARD_VERSION_3_0);
  g_assert_null (strstr (written, "CHARSET"));
  g_assert_null (strstr (written, "QUOTED-PRINTABLE"));
  g_assert_nonnull (strstr (written, "\r\nTEL;TYPE=WORK,VOICE:01 23 45 67 89\r\n"));
  g_assert_nonnull (strstr (written, "\r\nN;LANGUAGE=fr:Guérin;René\r\n"));
}

static void
test_equal_ignores_order_prodid_rev_and_case (void)
{
  g_autoptr(ReseauVCard) a = parse_one ("BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//A//EN\r\nREV:1\r\n"
                                        "FN:Jo\r\nitem1.EMAIL;TYPE=work,INTERNET:jo@x.fr\r\nTEL;TYPE=cell:1\r\n"
                                        "END:VCARD\r\n");
  g_autoptr(ReseauVCard) b = parse_one ("begin:vcard\nversion:3.0\n"
                                        "tel;type=CELL:1\nITEM1.email;type=internet;type=WORK:jo@x.fr\nfn:Jo\n"
                                        "prodid:-//B//EN\nrev:2\n"
                                        "end:vcard\n");
  g_autoptr(ReseauVCard) changed = reseau_vcard_copy (b);
  g_autoptr(ReseauVCard) extra = reseau_vcard_copy (b);
  g_autoptr(ReseauVCard) other_param = reseau_vcard_copy (b);

  g_assert_true (reseau_vcard_equal (a, b));
  g_assert_true (reseau_vcard_equal (b, a));

  reseau_vcard_property_set_text (reseau_vcard_get (changed, "FN"), "Joe");
  g_assert_false (reseau_vcard_equal (a, changed));

  reseau_vcard_append (extra, reseau_vcard_property_new (NULL, "NOTE", "x"));
  g_assert_false (reseau_vcard_equal (a, extra));

  reseau_vcard_property_add_param (reseau_vcard_get (other_param, "TEL"), "TYPE", "pref");
  g_assert_false (reseau_vcard_equal (a, other_param));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vcard/read/unfolds-crlf-lf-and-tab", test_unfolds_crlf_lf_and_tab);
  g_test_add_func ("/vcard/read/lone-cr-line-ends", test_reads_lone_cr_line_ends);
  g_test_add_func ("/vcard/read/names-case-insensitive", test_names_are_case_insensitive);
  g_test_add_func ("/vcard/read/quoted-printable-soft-breaks", test_quoted_printable_soft_breaks);
  g_test_add_func ("/vcard/read/quoted-printable-stray-equals", test_quoted_printable_stray_equals_keeps_end);
  g_test_add_func ("/vcard/charset/windows-1252-by-default", test_windows_1252_by_default);
  g_test_add_func ("/vcard/charset/iso-8859-1-quoted-printable", test_iso_8859_1_quoted_printable);
  g_test_add_func ("/vcard/charset/utf8-stays", test_utf8_stays_even_when_charset_says_otherwise);
  g_test_add_func ("/vcard/charset/other-charsets-converted", test_other_charsets_are_converted);
  g_test_add_func ("/vcard/charset/invalid-utf8-problem", test_invalid_utf8_records_problem);
  g_test_add_func ("/vcard/charset/nul-bytes", test_nul_bytes_never_cut_values);
  g_test_add_func ("/vcard/binary/damaged-base64-problem", test_damaged_base64_records_problem);
  g_test_add_func ("/vcard/file/bom-blank-lines-junk", test_bom_blank_lines_and_junk_between_cards);
  g_test_add_func ("/vcard/file/missing-end", test_missing_end_keeps_card_with_problem);
  g_test_add_func ("/vcard/file/line-without-colon", test_line_without_colon_is_dropped);
  g_test_add_func ("/vcard/file/nested-begin", test_nested_begin_ends_previous_card);
  g_test_add_func ("/vcard/file/parse-fails-without-card", test_parse_fails_without_card);
  g_test_add_func ("/vcard/file/looks-like", test_looks_like);
  g_test_add_func ("/vcard/file/no-read-past-length", test_input_is_not_read_past_its_length);
  g_test_add_func ("/vcard/file/many-parameters-and-folds", test_many_parameters_and_folds);
  g_test_add_func ("/vcard/params/groups", test_groups_are_kept);
  g_test_add_func ("/vcard/params/quoted-and-lists", test_quoted_and_listed_parameters);
  g_test_add_func ("/vcard/params/bare-21-types", test_bare_21_types);
  g_test_add_func ("/vcard/params/rfc6868", test_rfc6868_both_ways);
  g_test_add_func ("/vcard/params/api", test_param_api);
  g_test_add_func ("/vcard/card/api", test_card_api);
  g_test_add_func ("/vcard/value/unescaping", test_text_unescaping);
  g_test_add_func ("/vcard/value/escape", test_escape);
  g_test_add_func ("/vcard/value/components-and-lists", test_components_and_lists);
  g_test_add_func ("/vcard/value/setters-escape", test_setters_escape);
  g_test_add_func ("/vcard/binary/same-bytes-every-spelling", test_photos_decode_to_same_bytes);
  g_test_add_func ("/vcard/binary/set-and-convert", test_set_binary_and_convert_between_versions);
  g_test_add_func ("/vcard/binary/text-with-encoding-stays-text", test_text_with_encoding_stays_text);
  g_test_add_func ("/vcard/write/frame-and-escaping", test_writer_frame_and_escaping);
  g_test_add_func ("/vcard/write/appends", test_writer_appends);
  g_test_add_func ("/vcard/write/folds-utf8", test_writer_folds_utf8_at_75_octets);
  g_test_add_func ("/vcard/round-trip/3.0", test_round_trip_30);
  g_test_add_func ("/vcard/round-trip/4.0", test_round_trip_40);
  g_test_add_func ("/vcard/round-trip/2.1-as-3.0", test_round_trip_21_written_as_30);
  g_test_add_func ("/vcard/equal/order-prodid-rev-case", test_equal_ignores_order_prodid_rev_and_case);
  g_test_add_func ("/vcard/odd/round-trip", test_odd_spellings_round_trip);
  g_test_add_func ("/vcard/odd/read-sensibly", test_odd_spellings_are_read_sensibly);

  return g_test_run ();
}
