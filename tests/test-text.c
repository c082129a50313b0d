/* test-text.c — folding, sections, phone terms and query building
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-text.h"

static void
assert_folds_to (const char *text,
                 const char *expected)
{
  g_autofree char *folded = reseau_text_fold (text);

  g_assert_cmpstr (folded, ==, expected);
}

static void
test_fold (void)
{
  assert_folds_to ("Élodie", "elodie");
  assert_folds_to ("ÉLODIE", "elodie");
  assert_folds_to ("Chloé Lefèvre", "chloe lefevre");
  assert_folds_to ("Œuvray", "oeuvray");
  assert_folds_to ("Æsa Straße", "aesa strasse");
  assert_folds_to ("Noël N'Diaye", "noel n'diaye");
  assert_folds_to ("Çà et là", "ca et la");
  assert_folds_to ("", "");
  assert_folds_to (NULL, "");
}

/* Latin letters are folded from a table made once; a text with a letter
 * past it (here a CJK ideograph) goes through NFKD whole. Both must agree
 * on every letter of the table, alone and next to others. */
static void
test_fold_table_agrees_with_normalizing (void)
{
  const char *ideograph = "\xe4\xb8\x80";  /* U+4E00, folds to itself */
  g_autoptr(GString) word = g_string_new (NULL);

  for (gunichar c = 0x80; c < 0x250; c++)
    {
      g_autofree char *alone = NULL;
      g_autofree char *slowly = NULL;
      g_autofree char *in_word = NULL;
      g_autofree char *in_word_slowly = NULL;
      g_autofree char *with_ideograph = NULL;

      g_string_assign (word, "");
      g_string_append_unichar (word, c);
      alone = reseau_text_fold (word->str);
      g_string_append (word, ideograph);
      slowly = reseau_text_fold (word->str);
      g_assert_true (g_str_has_suffix (slowly, ideograph));
      slowly[strlen (slowly) - strlen (ideograph)] = '\0';
      g_assert_cmpstr (alone, ==, slowly);

      g_string_assign (word, "Ab");
      g_string_append_unichar (word, c);
      g_string_append (word, "É-");
      in_word = reseau_text_fold (word->str);
      with_ideograph = g_strconcat (word->str, ideograph, NULL);
      in_word_slowly = reseau_text_fold (with_ideograph);
      in_word_slowly[strlen (in_word_slowly) - strlen (ideograph)] = '\0';
      g_assert_cmpstr (in_word, ==, in_word_slowly);
    }

  /* A decomposed accent, and text that is not UTF-8, take the long way. */
  assert_folds_to ("E\xcc\x81lodie", "elodie");
  assert_folds_to ("Cl\xc3", "cl\xef\xbf\xbd");
  assert_folds_to ("\xc3(a", "\xef\xbf\xbd(a");
}

static void
test_fold_part (void)
{
  g_autoptr(GString) out = g_string_new ("x ");

  reseau_text_append_folded (out, "Élodie Martin", 4);
  g_assert_cmpstr (out->str, ==, "x elo");
  reseau_text_append_folded (out, " ŒUVRAY", -1);
  g_assert_cmpstr (out->str, ==, "x elo oeuvray");
}

static void
test_fold_orders_accents_with_base_letter (void)
{
  g_autofree char *elodie = reseau_text_fold ("Élodie");
  g_autofree char *emile = reseau_text_fold ("Emile");
  g_autofree char *fabrice = reseau_text_fold ("Fabrice");
  g_autofree char *denis = reseau_text_fold ("Denis");

  /* "Élodie" sorts with the E's: after Denis, before Emile and Fabrice. */
  g_assert_cmpint (g_strcmp0 (denis, elodie), <, 0);
  g_assert_cmpint (g_strcmp0 (elodie, emile), <, 0);
  g_assert_cmpint (g_strcmp0 (emile, fabrice), <, 0);
}

static void
test_sections (void)
{
  g_autofree char *key = reseau_text_fold ("Élodie");

  g_assert_cmpstr (reseau_text_section_for_key (key), ==, "E");
  g_assert_cmpstr (reseau_text_section_for_key ("zoe"), ==, "Z");
  g_assert_cmpstr (reseau_text_section_for_key ("42 agency"), ==, "#");
  g_assert_cmpstr (reseau_text_section_for_key (""), ==, "#");
  g_assert_cmpstr (reseau_text_section_for_key (NULL), ==, "#");
}

static void
test_phone_terms (void)
{
  g_autofree char *french = reseau_text_phone_search_terms ("+33 6 12 34 56 78");
  g_autofree char *national = reseau_text_phone_search_terms ("06.98.76.54.32");
  g_autofree char *belgian = reseau_text_phone_search_terms ("0032 470 12 34 56");

  g_assert_cmpstr (french, ==, "33612345678 0612345678");
  g_assert_cmpstr (national, ==, "0698765432");
  g_assert_cmpstr (belgian, ==, "0032470123456 0470123456");
}

static void
test_fts_query (void)
{
  struct {
    const char *typed;
    const char *query;
  } cases[] = {
    { "Élo", "\"elo\"*" },
    { "  anne.dup  ", "\"anne\"* \"dup\"*" },
    { "06 12 34", "\"061234\"*" },
    { "rue 12", "\"rue\"* \"12\"*" },
    /* FTS5 syntax typed by the user is only ever a word separator. */
    { "a\" OR b*", "\"a\"* \"or\"* \"b\"*" },
    { "NEAR(x y)", "\"near\"* \"x\"* \"y\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = reseau_text_build_fts_query (cases[i].typed);

      g_assert_cmpstr (query, ==, cases[i].query);
    }

  g_assert_null (reseau_text_build_fts_query (NULL));
  g_assert_null (reseau_text_build_fts_query (""));
  g_assert_null (reseau_text_build_fts_query (" .;- "));
}

static void
test_strip (void)
{
  g_autofree char *stripped = reseau_text_strip_or_null ("  Anne  ");

  g_assert_cmpstr (stripped, ==, "Anne");
  g_assert_null (reseau_text_strip_or_null ("   "));
  g_assert_null (reseau_text_strip_or_null (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/fold", test_fold);
  g_test_add_func ("/text/fold-table", test_fold_table_agrees_with_normalizing);
  g_test_add_func ("/text/fold-part", test_fold_part);
  g_test_add_func ("/text/fold-order", test_fold_orders_accents_with_base_letter);
  g_test_add_func ("/text/sections", test_sections);
  g_test_add_func ("/text/phone-terms", test_phone_terms);
  g_test_add_func ("/text/fts-query", test_fts_query);
  g_test_add_func ("/text/strip", test_strip);

  return g_test_run ();
}
