/* test-vcard-merge.c — the normalised hash and the three-way merge of sync
 *
 * Each merge test spells out three small cards (base, local, server) the
 * way a server and the app would write them, merges them, and looks at
 * the result property by property: what a sync must never do is lose a
 * value someone typed, so the tests check values, labels and parameters,
 * not only counts.
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

static GPtrArray *
new_conflicts (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_conflict_free);
}

/* The unescaped values of every property of that name, in card order,
 * joined by "|". */
static char *
values_of (const ReseauVCard *card,
           const char        *name)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < card->properties->len; i++)
    {
      const ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);
      g_autofree char *text = NULL;

      if (g_ascii_strcasecmp (property->name, name) != 0)
        continue;
      text = reseau_vcard_property_get_text (property);
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append (out, text);
    }

  return g_string_free (out, FALSE);
}

static void
assert_values (const ReseauVCard *card,
               const char        *name,
               const char        *expected)
{
  g_autofree char *actual = values_of (card, name);

  g_assert_cmpstr (actual, ==, expected);
}

/* The property of that name whose value is value. */
static const ReseauVCardProperty *
find_value (const ReseauVCard *card,
            const char        *name,
            const char        *value)
{
  for (guint i = 0; i < card->properties->len; i++)
    {
      const ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);

      if (g_ascii_strcasecmp (property->name, name) == 0
          && strcmp (property->value, value) == 0)
        return property;
    }

  return NULL;
}

/* The Apple label in the same group as the property of that name and value. */
static char *
label_of (const ReseauVCard *card,
          const char        *name,
          const char        *value)
{
  const ReseauVCardProperty *property = find_value (card, name, value);
  const ReseauVCardProperty *label;

  g_assert_nonnull (property);
  g_assert_nonnull (property->group);
  label = reseau_vcard_get_in_group (card, property->group, "X-ABLabel");
  g_assert_nonnull (label);

  return g_strdup (label->value);
}

/* Every group of the card holds exactly one property of name. */
static void
assert_groups_distinct (const ReseauVCard *card)
{
  g_autoptr(GHashTable) mains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < card->properties->len; i++)
    {
      const ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);
      g_autofree char *group = NULL;

      if (property->group == NULL || g_ascii_strcasecmp (property->name, "X-ABLABEL") == 0)
        continue;
      group = g_ascii_strup (property->group, -1);
      g_assert_false (g_hash_table_contains (mains, group));
      g_hash_table_add (mains, g_steal_pointer (&group));
    }
}

static ReseauVCard *
merge (const char *base_text,
       const char *local_text,
       const char *server_text,
       GPtrArray  *conflicts)
{
  g_autoptr(ReseauVCard) base = base_text != NULL ? parse_one (base_text) : NULL;
  g_autoptr(ReseauVCard) local = parse_one (local_text);
  g_autoptr(ReseauVCard) server = parse_one (server_text);
  ReseauVCard *result = reseau_vcard_merge3 (base, local, server, conflicts);

  g_assert_nonnull (result);

  return result;
}

/* Hash ------------------------------------------------------------------------- */

static const char hash_card[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "PRODID:-//Example//Phone 1.0//EN\r\n"
  "UID:hash-1\r\n"
  "FN:Camille Durand\r\n"
  "N:Durand;Camille;;;\r\n"
  "EMAIL;TYPE=work,internet:camille@example.org\r\n"
  "item1.TEL;TYPE=cell:+33 6 12 34 56 78\r\n"
  "item1.X-ABLabel:_$!<Mobile>!$_\r\n"
  "NOTE:Met at the Lyon meetup; wants to hear about the next project\\, when\r\n"
  "  there is one.\r\n"
  "REV:2024-01-01T10:00:00Z\r\n"
  "END:VCARD\r\n";

static void
test_hash_ignores_form (void)
{
  /* The same card as another writer sends it: other order, names in lower
   * case, TYPE spelled differently, folded elsewhere, new PRODID and REV. */
  g_autoptr(ReseauVCard) card = parse_one (hash_card);
  g_autoptr(ReseauVCard) same = parse_one (
    "BEGIN:VCARD\r\n"
    "version:3.0\r\n"
    "note:Met at the Lyon meetup; wants to hear about the next project\\, when there is one.\r\n"
    "item1.x-ablabel:_$!<Mobile>!$_\r\n"
    "email;type=INTERNET;type=WORK:camille@example.org\r\n"
    "n:Durand;Camille;;;\r\n"
    "item1.tel;type=CELL:+33 6 12 34 56 78\r\n"
    "fn:Camille Dur\r\n"
    " and\r\n"
    "uid:hash-1\r\n"
    "prodid:-//Radicale//NONSGML Radicale Server//EN\r\n"
    "rev:2025-06-30T08:00:00Z\r\n"
    "END:VCARD\r\n");
  g_autofree char *hash = reseau_vcard_normalized_hash (card);
  g_autofree char *same_hash = reseau_vcard_normalized_hash (same);

  g_assert_true (reseau_vcard_equal (card, same));
  g_assert_cmpuint (strlen (hash), ==, 64);
  g_assert_true (strspn (hash, "0123456789abcdef") == 64);
  g_assert_cmpstr (hash, ==, same_hash);
}

static void
test_hash_sees_changes (void)
{
  g_autoptr(ReseauVCard) card = parse_one (hash_card);
  g_autofree char *hash = reseau_vcard_normalized_hash (card);
  g_autoptr(ReseauVCard) changed = reseau_vcard_copy (card);
  g_autoptr(ReseauVCard) relabelled = reseau_vcard_copy (card);
  g_autofree char *changed_hash = NULL;
  g_autofree char *relabelled_hash = NULL;

  reseau_vcard_property_set_text (reseau_vcard_get (changed, "EMAIL"), "camille@example.net");
  changed_hash = reseau_vcard_normalized_hash (changed);
  g_assert_false (reseau_vcard_equal (card, changed));
  g_assert_cmpstr (hash, !=, changed_hash);

  reseau_vcard_property_set_text (reseau_vcard_get (relabelled, "X-ABLABEL"), "Pager");
  relabelled_hash = reseau_vcard_normalized_hash (relabelled);
  g_assert_cmpstr (hash, !=, relabelled_hash);
  g_assert_cmpstr (changed_hash, !=, relabelled_hash);
}

/* Merge: fields --------------------------------------------------------------- */

static const char base_card[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "UID:merge-1\r\n"
  "FN:Camille Durand\r\n"
  "N:Durand;Camille;;;\r\n"
  "EMAIL;TYPE=work:camille@example.org\r\n"
  "TEL;TYPE=cell:+33 6 12 34 56 78\r\n"
  "NOTE:Met in Lyon\r\n"
  "END:VCARD\r\n";

static void
test_different_fields_both_kept (void)
{
  g_autoptr(GPtrArray) conflicts = new_conflicts ();
  g_autoptr(ReseauVCard) result = merge (base_card,
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:merge-1\r\nFN:Camille Durand\r\n"
    "N:Durand;Camille;;;\r\nEMAIL;TYPE=work:camille@example.org\r\n"
    "TEL;TYPE=cell:+33 7 00 00 00 01\r\nNOTE:Met in Lyon\r\nEND:VCARD\r\n",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:merge-1\r\nFN:Camille Durand\r\n"
    "N:Durand;Camille;;;\r\nEMAIL;TYPE=work:c.durand@example.com\r\n"
    "TEL;TYPE=cell:+33 6 12 34 56 78\r\nNOTE:Met in Lyon\r\nTITLE:Architect\r\nEND:VCARD\r\n",
    conflicts);

  assert_values (result, "TEL", "+33 7 00 00 00 01");
  assert_values (result, "EMAIL", "c.durand@example.com");
  assert_values (result, "TITLE", "Architect");
  assert_values (result, "NOTE", "Met in Lyon");
  assert_values (result, "UID", "merge-1");
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_multi_valued_both_sides (void)
{
  g_autoptr(GPtrArray) conflicts = new_conflicts ();
  /* Local adds a phone and an email; the server adds another email and
   * drops the mobile: every value typed survives, the removal holds. */
  g_autoptr(ReseauVCard) result = merge (base_card,
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:merge-1\r\nFN:Camille Durand\r\n"
    "N:Durand;Camille;;;\r\nEMAIL;TYPE=work:camille@example.org\r\n"
    "EMAIL;TYPE=home:camille@home.example\r\n"
    "TEL;TYPE=cell:+33 6 12 34 56 78\r\nTEL;TYPE=work:+33 4 00 00 00 00\r\n"
    "NOTE:Met in Lyon\r\nEND:VCARD\r\n",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:merge-1\r\nFN:Camille Durand\r\n"
    "N:Durand;Camille;;;\r\nEMAIL;TYPE=work:camille@example.org\r\n"
    "EMAIL;TYPE=other:cd@studio.example\r\n"
    "NOTE:Met in Lyon\r\nEND:VCARD\r\n",
    conflicts);

  assert_values (result, "EMAIL", "camille@example.org|cd@studio.example|camille@home.example");
  assert_values (result, "TEL", "+33 4 00 00 00 00");
  g_assert_true (reseau_vcard_property_has_type (find_value (result, "EMAIL", "camille@home.example"), "home"));
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_multi_valued_removal_and_addition (void)
{
  g_autoptr(GPtrArray) conflicts = new_conflicts ();
  /* Here an old URL is removed and a new one added; there another one is
   * added: the removal holds and both additions stay. */
  g_autoptr(ReseauVCard) result = merge (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:u-1\r\nFN:Noé\r\n"
    "URL:https://old.example\r\nURL:https://blog.example\r\nEND:VCARD\r\n",
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:u-1\r\nFN:Noé\r\n"
    "URL:https://blog.example\r\nURL:https://new.example\r\nEND:VCARD\r\n",
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:u-1\r\nFN:Noé\r\n"
    "URL:https://old.example\r\nURL:https://blog.example\r\nURL:https://shop.example\r\nEND:VCARD\r\n",
    conflicts);

  assert_values (result, "URL", "https://blog.example|https://shop.example|https://new.example");
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_one_side_deletes (void)
{
  g_autoptr(GPtrArray) conflicts = new_conflicts ();
  g_autoptr(ReseauVCard) server_edit = NULL;
  g_autoptr(ReseauVCard) result = merge (base_card,
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:merge-1\r\nFN:Camille Durand\r\n"
    "N:Durand;Camille;;;\r\nEMAIL;TYPE=work:camille@example.org\r\n"
    "END:VCARD\r\n",
    base_card,
    conflicts);

  /* The local side removed the phone and the note; the server kept both
   * as they were: they go. */
  assert_values (result, "TEL", "");
  assert_values (result, "NOTE", "");
  assert_values (result, "EMAIL", "camille@example.org");
  g_assert_cmpuint (conflicts->len, ==, 0);

  /* And the other way round. */
  server_edit = merge (base_card, base_card,
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:merge-1\r\nFN:Camille Durand\r\n"
    "N:Durand;Camille;;;\r\nTEL;TYPE=cell:+33 6 12 34 56 78\r\nNOTE:Met in Lyon\r\n"
    "END:VCARD\r\n",
    conflicts);
  assert_values (server_edit, "EMAIL", "");
  assert_values (server_edit, "TEL", "+33 6 12 34 56 78");
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_single_valued_conflict_and_restore (void)
{
  g_autoptr(GPtrArray) conflicts = new_conflicts ();
  g_autoptr(GError) error = NULL;
  ReseauConflict *conflict;
  g_autoptr(ReseauVCard) result = merge (base_card,
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:merge-1\r\nFN:Camille Durand\r\n"
    "N:Durand;Camille;;;\r\nEMAIL;TYPE=work:camille@example.org\r\n"
    "TEL;TYPE=cell:+33 6 12 34 56 78\r\nNOTE;LANGUAGE=fr:Rencontrée à Lyon\\, deux fois\r\nEND:VCARD\r\n",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:merge-1\r\nFN:Camille Durand\r\n"
    "N:Durand;Camille;;;\r\nEMAIL;TYPE=work:camille@example.org\r\n"
    "TEL;TYPE=cell:+33 6 12 34 56 78\r\nNOTE:Met in Lyon\\, at the meetup\r\nEND:VCARD\r\n",
    conflicts);

  assert_values (result, "NOTE", "Met in Lyon, at the meetup");
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (conflict->id, ==, 0);
  g_assert_null (conflict->uid);
  g_assert_cmpstr (conflict->property, ==, "NOTE");
  g_assert_cmpstr (conflict->local_value, ==, "Rencontrée à Lyon, deux fois");
  g_assert_cmpstr (conflict->server_value, ==, "Met in Lyon, at the meetup");
  g_assert_cmpstr (conflict->local_lines, ==, "NOTE;LANGUAGE=fr:Rencontrée à Lyon\\, deux fois\r\n");

  /* The user takes their value back: parameters and all. */
  g_assert_true (reseau_vcard_restore_field (result, "note", conflict->local_lines, &error));
  g_assert_no_error (error);
  assert_values (result, "NOTE", "Rencontrée à Lyon, deux fois");
  g_assert_cmpstr (reseau_vcard_property_get_param (reseau_vcard_get (result, "NOTE"), "LANGUAGE"), ==, "fr");
  assert_values (result, "EMAIL", "camille@example.org");
  assert_values (result, "FN", "Camille Durand");
}

static void
test_server_removed_local_edited (void)
{
  g_autoptr(GPtrArray) conflicts = new_conflicts ();
  ReseauConflict *conflict;
  g_autoptr(ReseauVCard) result = merge (base_card,
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:merge-1\r\nFN:Camille Durand\r\n"
    "N:Durand;Camille;;;\r\nEMAIL;TYPE=work:camille@example.org\r\n"
    "TEL;TYPE=cell:+33 6 12 34 56 78\r\nNOTE:Met in Lyon twice\r\nEND:VCARD\r\n",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:merge-1\r\nFN:Camille Durand\r\n"
    "N:Durand;Camille;;;\r\nEMAIL;TYPE=work:camille@example.org\r\n"
    "TEL;TYPE=cell:+33 6 12 34 56 78\r\nEND:VCARD\r\n",
    conflicts);

  /* The server's removal wins, and the local text is kept aside. */
  assert_values (result, "NOTE", "");
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->local_value, ==, "Met in Lyon twice");
  g_assert_null (conflict->server_value);
  g_assert_cmpstr (conflict->local_lines, ==, "NOTE:Met in Lyon twice\r\n");
}

static void
test_same_change_no_conflict (void)
{
  g_autoptr(GPtrArray) conflicts = new_conflicts ();
  g_autoptr(ReseauVCard) result = merge (base_card,
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:merge-1\r\nFN:Camille Martin\r\n"
    "N:Martin;Camille;;;\r\nEMAIL;TYPE=work:camille@example.org\r\n"
    "TEL;TYPE=cell:+33 6 12 34 56 78\r\nNOTE:Met in Lyon\r\nEND:VCARD\r\n",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:merge-1\r\nfn:Camille Martin\r\n"
    "n:Martin;Camille;;;\r\nEMAIL;TYPE=WORK:camille@example.org\r\n"
    "TEL;TYPE=CELL:+33 6 12 34 56 78\r\nNOTE:Met in Lyon\r\nEND:VCARD\r\n",
    conflicts);

  assert_values (result, "FN", "Camille Martin");
  assert_values (result, "N", "Martin;Camille;;;");
  g_assert_cmpuint (conflicts->len, ==, 0);
}

/* Merge: what the app does not own ---------------------------------------------- */

static const char apple_base[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "PRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
  "UID:apple-1\r\n"
  "FN:Jules Petit\r\n"
  "N:Petit;Jules;;;\r\n"
  "item1.EMAIL;type=INTERNET:jules@atelier.example\r\n"
  "item1.X-ABLabel:Atelier\r\n"
  "item2.URL:https://jules.example\r\n"
  "item2.X-ABLabel:_$!<HomePage>!$_\r\n"
  "X-SOCIALPROFILE;type=mastodon;x-user=jules:https://mastodon.example/@jules\r\n"
  "PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==\r\n"
  "NOTE:Sculptor\r\n"
  "END:VCARD\r\n";

static void
test_apple_groups_survive_local_edit (void)
{
  g_autoptr(GPtrArray) conflicts = new_conflicts ();
  g_autoptr(ReseauVCard) base = parse_one (apple_base);
  g_autoptr(ReseauVCard) local = reseau_vcard_copy (base);
  g_autoptr(ReseauVCard) server = parse_one (apple_base);
  g_autoptr(ReseauVCard) result = NULL;
  g_autoptr(GBytes) base_photo = NULL;
  g_autoptr(GBytes) photo = NULL;
  g_autofree char *label = NULL;
  g_autofree char *url_label = NULL;

  /* What the app sends: the same card with an edited note, written as the
   * app writes (4.0, so the photo becomes a data: URI). */
  reseau_vcard_property_set_text (reseau_vcard_get (local, "NOTE"), "Sculptor, Lyon");
  {
    g_autofree char *written = reseau_vcard_to_string (local, RESEAU_VCARD_VERSION_4_0);

    g_clear_pointer (&local, reseau_vcard_free);
    local = parse_one (written);
  }

  result = reseau_vcard_merge3 (base, local, server, conflicts);

  assert_values (result, "NOTE", "Sculptor, Lyon");
  label = label_of (result, "EMAIL", "jules@atelier.example");
  g_assert_cmpstr (label, ==, "Atelier");
  url_label = label_of (result, "URL", "https://jules.example");
  g_assert_cmpstr (url_label, ==, "_$!<HomePage>!$_");
  g_assert_cmpstr (reseau_vcard_property_get_param (reseau_vcard_get (result, "X-SOCIALPROFILE"), "X-USER"), ==, "jules");
  g_assert_cmpstr (reseau_vcard_get (result, "PRODID")->value, ==, "-//Apple Inc.//iPhone OS 17.0//EN");

  base_photo = reseau_vcard_property_get_binary (reseau_vcard_get (base, "PHOTO"), NULL);
  photo = reseau_vcard_property_get_binary (reseau_vcard_get (result, "PHOTO"), NULL);
  g_assert_nonnull (photo);
  g_assert_true (g_bytes_equal (photo, base_photo));
  g_assert_cmpuint (conflicts->len, ==, 0);
  assert_groups_distinct (result);
}

static void
test_apple_groups_renumbered (void)
{
  g_autoptr(GPtrArray) conflicts = new_conflicts ();
  /* The phone adds item3.TEL and the app adds item3.EMAIL (its own new
   * group numbered the same way): both land, each with its own label. The
   * server also renumbered the existing groups, which is no edit. */
  g_autoptr(ReseauVCard) result = merge (apple_base,
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:apple-1\r\nFN:Jules Petit\r\nN:Petit;Jules;;;\r\n"
    "item1.EMAIL;type=INTERNET:jules@atelier.example\r\nitem1.X-ABLabel:Atelier\r\n"
    "item2.URL:https://jules.example\r\nitem2.X-ABLabel:_$!<HomePage>!$_\r\n"
    "item3.EMAIL;type=INTERNET:jules@famille.example\r\nitem3.X-ABLabel:Famille\r\n"
    "X-SOCIALPROFILE;type=mastodon;x-user=jules:https://mastodon.example/@jules\r\n"
    "PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==\r\n"
    "NOTE:Sculptor\r\nEND:VCARD\r\n",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:apple-1\r\nFN:Jules Petit\r\nN:Petit;Jules;;;\r\n"
    "item2.EMAIL;type=INTERNET:jules@atelier.example\r\nitem2.X-ABLabel:Atelier\r\n"
    "item1.URL:https://jules.example\r\nitem1.X-ABLabel:_$!<HomePage>!$_\r\n"
    "item3.TEL;type=CELL:+33 6 98 76 54 32\r\nitem3.X-ABLabel:Atelier\r\n"
    "X-SOCIALPROFILE;type=mastodon;x-user=jules:https://mastodon.example/@jules\r\n"
    "PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==\r\n"
    "NOTE:Sculptor\r\nEND:VCARD\r\n",
    conflicts);
  g_autofree char *atelier = label_of (result, "EMAIL", "jules@atelier.example");
  g_autofree char *famille = label_of (result, "EMAIL", "jules@famille.example");
  g_autofree char *phone = label_of (result, "TEL", "+33 6 98 76 54 32");
  g_autofree char *url = label_of (result, "URL", "https://jules.example");

  g_assert_cmpstr (atelier, ==, "Atelier");
  g_assert_cmpstr (famille, ==, "Famille");
  g_assert_cmpstr (phone, ==, "Atelier");
  g_assert_cmpstr (url, ==, "_$!<HomePage>!$_");
  assert_values (result, "EMAIL", "jules@atelier.example|jules@famille.example");
  assert_values (result, "X-ABLABEL", "Atelier|Famille|_$!<HomePage>!$_|Atelier");
  assert_groups_distinct (result);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_unknown_properties_kept (void)
{
  g_autoptr(GPtrArray) conflicts = new_conflicts ();
  g_autoptr(ReseauVCard) result = merge (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:x-1\r\nFN:Ana\r\n"
    "X-CUSTOM;X-SOURCE=crm;TYPE=a,b:keep me\r\n"
    "CLIENTPIDMAP:1;urn:uuid:3df403f4-5924-4bb7-b077-3c711d9eb34b\r\n"
    "IMPP;PREF=1:xmpp:ana@example.org\r\nEND:VCARD\r\n",
    /* Local: edits FN, adds an IMPP and an unknown property. */
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:x-1\r\nFN:Ana Lima\r\n"
    "X-CUSTOM;X-SOURCE=crm;TYPE=a,b:keep me\r\n"
    "CLIENTPIDMAP:1;urn:uuid:3df403f4-5924-4bb7-b077-3c711d9eb34b\r\n"
    "IMPP;PREF=1:xmpp:ana@example.org\r\nIMPP:sip:ana@example.org\r\n"
    "X-FAVOURITE-TEA;X-KIND=green:sencha\r\nEND:VCARD\r\n",
    /* Server: adds a CLIENTPIDMAP and an IMPP of its own. */
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:x-1\r\nFN:Ana\r\n"
    "X-CUSTOM;X-SOURCE=crm;TYPE=a,b:keep me\r\n"
    "CLIENTPIDMAP:1;urn:uuid:3df403f4-5924-4bb7-b077-3c711d9eb34b\r\n"
    "CLIENTPIDMAP:2;urn:uuid:0bcb3d0d-3f9a-4a63-b1b1-4e7a4f6b8a11\r\n"
    "IMPP;PREF=1:xmpp:ana@example.org\r\nIMPP:matrix:u/ana:example.org\r\nEND:VCARD\r\n",
    conflicts);
  const ReseauVCardProperty *custom = reseau_vcard_get (result, "X-CUSTOM");
  const ReseauVCardProperty *tea = reseau_vcard_get (result, "X-FAVOURITE-TEA");

  assert_values (result, "FN", "Ana Lima");
  g_assert_nonnull (custom);
  g_assert_cmpstr (custom->value, ==, "keep me");
  g_assert_cmpstr (reseau_vcard_property_get_param (custom, "X-SOURCE"), ==, "crm");
  g_assert_true (reseau_vcard_property_has_type (custom, "b"));
  g_assert_nonnull (tea);
  g_assert_cmpstr (reseau_vcard_property_get_param (tea, "X-KIND"), ==, "green");
  assert_values (result, "IMPP", "xmpp:ana@example.org|matrix:u/ana:example.org|sip:ana@example.org");
  g_assert_cmpstr (reseau_vcard_property_get_param (find_value (result, "IMPP", "xmpp:ana@example.org"), "PREF"), ==, "1");
  g_assert_nonnull (find_value (result, "CLIENTPIDMAP", "2;urn:uuid:0bcb3d0d-3f9a-4a63-b1b1-4e7a4f6b8a11"));
  g_assert_nonnull (find_value (result, "CLIENTPIDMAP", "1;urn:uuid:3df403f4-5924-4bb7-b077-3c711d9eb34b"));
  g_assert_cmpuint (result->version, ==, RESEAU_VCARD_VERSION_4_0);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_categories_by_item (void)
{
  g_autoptr(GPtrArray) conflicts = new_conflicts ();
  g_autoptr(ReseauVCard) result = merge (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:c-1\r\nFN:Léa\r\nCATEGORIES:client,lyon\r\nEND:VCARD\r\n",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:c-1\r\nFN:Léa\r\nCATEGORIES:client,lyon,design\r\nEND:VCARD\r\n",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:c-1\r\nFN:Léa\r\nCATEGORIES:client,VIP\r\nEND:VCARD\r\n",
    conflicts);

  /* lyon: removed by the server; VIP added there; design added here. */
  assert_values (result, "CATEGORIES", "client,VIP,design");
  g_assert_cmpuint (conflicts->len, ==, 0);
}

/* Merge: first meeting ---------------------------------------------------------- */

static void
test_first_meeting (void)
{
  g_autoptr(GPtrArray) conflicts = new_conflicts ();
  ReseauConflict *conflict;
  g_autoptr(ReseauVCard) same = merge (NULL, base_card, base_card, conflicts);
  g_autoptr(ReseauVCard) result = merge (NULL,
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:merge-1\r\nFN:Camille Durand\r\n"
    "N:Durand;Camille;;;\r\nEMAIL;TYPE=home:camille@home.example\r\n"
    "TITLE:Architect\r\nNOTE:From my old phone\r\nEND:VCARD\r\n",
    base_card,
    conflicts);

  g_assert_false (reseau_vcard_equal (same, result));
  {
    g_autoptr(ReseauVCard) base = parse_one (base_card);

    g_assert_true (reseau_vcard_equal (same, base));
  }

  /* Union of the emails; TITLE only here is kept; the notes differ: the
   * server's wins and the local one is set aside. */
  assert_values (result, "EMAIL", "camille@example.org|camille@home.example");
  assert_values (result, "TITLE", "Architect");
  assert_values (result, "TEL", "+33 6 12 34 56 78");
  assert_values (result, "NOTE", "Met in Lyon");
  assert_values (result, "FN", "Camille Durand");
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->property, ==, "NOTE");
  g_assert_cmpstr (conflict->local_value, ==, "From my old phone");
  g_assert_cmpstr (conflict->server_value, ==, "Met in Lyon");
  g_assert_cmpstr (conflict->local_lines, ==, "NOTE:From my old phone\r\n");

  /* NULL conflicts: the server still wins, nothing is collected. */
  {
    g_autoptr(ReseauVCard) dropped = merge (NULL,
      "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:merge-1\r\nFN:Someone Else\r\nEND:VCARD\r\n",
      base_card, NULL);

    assert_values (dropped, "FN", "Camille Durand");
  }
}

/* Merge: a server that rewrites cards -------------------------------------------- */

static void
test_reserialisation_is_no_edit (void)
{
  g_autoptr(GPtrArray) conflicts = new_conflicts ();
  static const char base_text[] =
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Reseau//EN\r\n"
    "UID:rad-1\r\n"
    "FN:Hélène Garnier-Lefebvre\r\n"
    "N:Garnier-Lefebvre;Hélène;;;\r\n"
    "item1.EMAIL;TYPE=work:helene.garnier-lefebvre@une-agence-avec-un-tres-long-\r\n"
    " nom.example\r\n"
    "item1.X-ABLabel:Agence\r\n"
    "TEL;TYPE=cell,voice:+33 6 11 22 33 44\r\n"
    "NOTE:Rencontrée au salon\\, elle cherche un développeur pour une applicat\r\n"
    " ion GNOME.\r\n"
    "X-CUSTOM;X-A=1:x\r\n"
    "END:VCARD\r\n";
  /* What Radicale gives back: sorted, unfolded, its own PRODID and REV. */
  static const char server_text[] =
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Hélène Garnier-Lefebvre\r\n"
    "N:Garnier-Lefebvre;Hélène;;;\r\n"
    "NOTE:Rencontrée au salon\\, elle cherche un développeur pour une application GNOME.\r\n"
    "PRODID:-//Radicale//NONSGML Radicale Server//EN\r\n"
    "REV:2025-01-01T00:00:00Z\r\n"
    "TEL;TYPE=CELL,VOICE:+33 6 11 22 33 44\r\n"
    "UID:rad-1\r\n"
    "X-CUSTOM;X-A=1:x\r\n"
    "item1.EMAIL;TYPE=WORK:helene.garnier-lefebvre@une-agence-avec-un-tres-long-nom.example\r\n"
    "item1.X-ABLabel:Agence\r\n"
    "END:VCARD\r\n";
  g_autoptr(ReseauVCard) base = parse_one (base_text);
  g_autoptr(ReseauVCard) server = parse_one (server_text);
  g_autoptr(ReseauVCard) local = reseau_vcard_copy (base);
  g_autoptr(ReseauVCard) result = NULL;
  g_autofree char *label = NULL;

  reseau_vcard_property_set_text (reseau_vcard_get (local, "TEL"), "+33 6 55 66 77 88");

  result = reseau_vcard_merge3 (base, local, server, conflicts);

  /* Exactly the local edit, nothing more. */
  g_assert_true (reseau_vcard_equal (result, local));
  g_assert_cmpuint (conflicts->len, ==, 0);
  label = label_of (result, "EMAIL", "helene.garnier-lefebvre@une-agence-avec-un-tres-long-nom.example");
  g_assert_cmpstr (label, ==, "Agence");
  g_assert_cmpstr (reseau_vcard_get (result, "PRODID")->value, ==, "-//Radicale//NONSGML Radicale Server//EN");
  assert_values (result, "TEL", "+33 6 55 66 77 88");
}

/* Restoring and contacts ------------------------------------------------------------ */

static void
test_restore_field_rules (void)
{
  g_autoptr(ReseauVCard) card = parse_one (apple_base);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  /* Lines of another field are refused, the card untouched. */
  g_assert_false (reseau_vcard_restore_field (card, "NOTE", "FN:Someone\r\n", &error));
  g_assert_error (error, RESEAU_VCARD_ERROR, RESEAU_VCARD_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_false (reseau_vcard_restore_field (card, "NOTE", "END:VCARD\r\nBEGIN:VCARD\r\nNOTE:x\r\n", &error));
  g_assert_error (error, RESEAU_VCARD_ERROR, RESEAU_VCARD_ERROR_MALFORMED);
  g_clear_error (&error);
  assert_values (card, "NOTE", "Sculptor");

  /* A grouped value comes back under a free group name, label attached,
   * and replaces the whole field. */
  g_assert_true (reseau_vcard_restore_field (card, "EMAIL",
                                             "item2.EMAIL:old@atelier.example\r\nitem2.X-ABLabel:Ancien\r\n",
                                             &error));
  g_assert_no_error (error);
  assert_values (card, "EMAIL", "old@atelier.example");
  label = label_of (card, "EMAIL", "old@atelier.example");
  g_assert_cmpstr (label, ==, "Ancien");
  assert_values (card, "URL", "https://jules.example");
  assert_groups_distinct (card);

  /* "" removes the field. */
  g_assert_true (reseau_vcard_restore_field (card, "NOTE", "", &error));
  g_assert_no_error (error);
  assert_values (card, "NOTE", "");
}

static void
test_contact_with_card (void)
{
  g_autoptr(ReseauContact) local = reseau_contact_new ();
  g_autoptr(ReseauVCard) card = parse_one (base_card);
  g_autoptr(ReseauContact) contact = NULL;

  reseau_contact_set_id (local, 42);
  reseau_contact_set_uid (local, "merge-1");
  reseau_contact_set_full_name (local, "Old Name");
  reseau_contact_set_how_met (local, "Lyon meetup");
  reseau_contact_set_met_on (local, "2023-05-04");
  reseau_contact_set_introduced_by (local, "urn:uuid:someone");
  reseau_contact_set_cadence_days (local, 30);
  reseau_contact_set_created_at (local, 1000);
  reseau_contact_set_revision (local, 7);

  contact = reseau_contact_with_card (local, card);

  g_assert_cmpstr (reseau_contact_get_full_name (contact), ==, "Camille Durand");
  g_assert_cmpstr (reseau_contact_get_first_value (contact, RESEAU_FIELD_EMAIL), ==, "camille@example.org");
  g_assert_cmpstr (reseau_contact_get_note (contact), ==, "Met in Lyon");
  g_assert_cmpint (reseau_contact_get_id (contact), ==, 42);
  g_assert_cmpstr (reseau_contact_get_uid (contact), ==, "merge-1");
  g_assert_cmpstr (reseau_contact_get_how_met (contact), ==, "Lyon meetup");
  g_assert_cmpstr (reseau_contact_get_met_on (contact), ==, "2023-05-04");
  g_assert_cmpstr (reseau_contact_get_introduced_by (contact), ==, "urn:uuid:someone");
  g_assert_cmpuint (reseau_contact_get_cadence_days (contact), ==, 30);
  g_assert_cmpint (reseau_contact_get_created_at (contact), ==, 1000);
  g_assert_cmpint (reseau_contact_get_revision (contact), ==, 7);
  /* The local contact itself is left alone. */
  g_assert_cmpstr (reseau_contact_get_full_name (local), ==, "Old Name");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vcard-merge/hash/ignores-form", test_hash_ignores_form);
  g_test_add_func ("/vcard-merge/hash/sees-changes", test_hash_sees_changes);
  g_test_add_func ("/vcard-merge/merge/different-fields", test_different_fields_both_kept);
  g_test_add_func ("/vcard-merge/merge/multi-valued-both-sides", test_multi_valued_both_sides);
  g_test_add_func ("/vcard-merge/merge/multi-valued-remove-and-add", test_multi_valued_removal_and_addition);
  g_test_add_func ("/vcard-merge/merge/one-side-deletes", test_one_side_deletes);
  g_test_add_func ("/vcard-merge/merge/conflict-and-restore", test_single_valued_conflict_and_restore);
  g_test_add_func ("/vcard-merge/merge/server-removed-local-edited", test_server_removed_local_edited);
  g_test_add_func ("/vcard-merge/merge/same-change", test_same_change_no_conflict);
  g_test_add_func ("/vcard-merge/merge/apple-groups", test_apple_groups_survive_local_edit);
  g_test_add_func ("/vcard-merge/merge/apple-groups-renumbered", test_apple_groups_renumbered);
  g_test_add_func ("/vcard-merge/merge/unknown-properties", test_unknown_properties_kept);
  g_test_add_func ("/vcard-merge/merge/categories", test_categories_by_item);
  g_test_add_func ("/vcard-merge/merge/first-meeting", test_first_meeting);
  g_test_add_func ("/vcard-merge/merge/reserialisation", test_reserialisation_is_no_edit);
  g_test_add_func ("/vcard-merge/restore-field", test_restore_field_rules);
  g_test_add_func ("/vcard-merge/contact-with-card", test_contact_with_card);

  return g_test_run ();
}
