/* test-vcard-contact.c — vCards from real exporters to contacts and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-core.h"

static const char * const fixtures[] = {
  "ios.vcf", "android.vcf", "google.vcf", "outlook.vcf", "thunderbird.vcf",
  "full-4.0.vcf", "reseau-export.vcf",
};

/* Helpers --------------------------------------------------------------------- */

static GPtrArray *
load_cards (const char *fixture)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "vcard", fixture, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ReseauVCardReader) reader = NULL;
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_vcard_free);
  char *data = NULL;
  gsize length = 0;
  ReseauVCard *card;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (data, length);

  reader = reseau_vcard_reader_new (bytes);
  while ((card = reseau_vcard_reader_next (reader)) != NULL)
    g_ptr_array_add (cards, card);

  return cards;
}

static ReseauVCard *
fixture_card (const char *fixture,
              guint       index)
{
  g_autoptr(GPtrArray) cards = load_cards (fixture);

  g_assert_cmpuint (index, <, cards->len);
  return g_ptr_array_steal_index (cards, index);
}

static ReseauContact *
fixture_contact (const char *fixture,
                 guint       index)
{
  g_autoptr(ReseauVCard) card = fixture_card (fixture, index);

  return reseau_contact_new_from_vcard (card);
}

static ReseauVCard *
parse_stored (ReseauContact *contact)
{
  g_autoptr(GError) error = NULL;
  ReseauVCard *card;

  g_assert_nonnull (reseau_contact_get_vcard (contact));
  card = reseau_vcard_parse (reseau_contact_get_vcard (contact), -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (card);

  return card;
}

static char *
get_text (const ReseauVCard *card,
          const char        *name)
{
  ReseauVCardProperty *property = reseau_vcard_get (card, name);

  return property != NULL ? reseau_vcard_property_get_text (property) : NULL;
}

static guint
count_named (const ReseauVCard *card,
             const char        *name)
{
  guint n = 0;

  for (guint i = 0; i < card->properties->len; i++)
    {
      ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);

      if (g_ascii_strcasecmp (property->name, name) == 0)
        n++;
    }

  return n;
}

static const ReseauLabeledValue *
value_at (ReseauContact *contact,
          ReseauField    field,
          guint          index)
{
  GPtrArray *values = reseau_contact_get_values (contact, field);

  g_assert_cmpuint (index, <, values->len);
  return g_ptr_array_index (values, index);
}

static void
assert_value (ReseauContact *contact,
              ReseauField    field,
              guint          index,
              const char    *label,
              const char    *value)
{
  const ReseauLabeledValue *labeled = value_at (contact, field, index);

  g_assert_cmpstr (labeled->label, ==, label);
  g_assert_cmpstr (labeled->value, ==, value);
}

static void
assert_date (gboolean (*get) (ReseauContact *, int *, int *, int *),
             ReseauContact *contact,
             int            year,
             int            month,
             int            day)
{
  int y = -1, m = -1, d = -1;

  g_assert_true (get (contact, &y, &m, &d));
  g_assert_cmpint (y, ==, year);
  g_assert_cmpint (m, ==, month);
  g_assert_cmpint (d, ==, day);
}

static gboolean
has_tag_at (ReseauContact *contact,
            guint          index,
            const char    *tag)
{
  GPtrArray *tags = reseau_contact_get_tags (contact);

  return index < tags->len && g_strcmp0 (g_ptr_array_index (tags, index), tag) == 0;
}

/* A property as one comparable line: group, name, parameters, value. */
static char *
describe (const ReseauVCardProperty *property)
{
  GString *out = g_string_new (NULL);

  if (property->group != NULL)
    g_string_append_printf (out, "%s.", property->group);
  g_string_append (out, property->name);

  for (guint i = 0; i < property->params->len; i++)
    {
      const ReseauVCardParam *param = g_ptr_array_index (property->params, i);

      g_string_append_printf (out, ";%s=", param->name);
      for (guint j = 0; param->values != NULL && param->values[j] != NULL; j++)
        g_string_append_printf (out, "%s%s", j > 0 ? "," : "", param->values[j]);
    }

  g_string_append_printf (out, ":%s", property->value);

  return g_string_free (out, FALSE);
}

/* after has the properties of before, in the same places, and only the one
 * named name differs. Returns the changed property of after. */
static const ReseauVCardProperty *
assert_only_changed (const ReseauVCard *before,
                     const ReseauVCard *after,
                     const char        *name)
{
  const ReseauVCardProperty *changed = NULL;

  g_assert_cmpuint (before->properties->len, ==, after->properties->len);

  for (guint i = 0; i < before->properties->len; i++)
    {
      g_autofree char *a = describe (g_ptr_array_index (before->properties, i));
      g_autofree char *b = describe (g_ptr_array_index (after->properties, i));

      if (g_strcmp0 (a, b) == 0)
        continue;

      g_assert_null (changed);
      changed = g_ptr_array_index (after->properties, i);
      g_assert_cmpstr (changed->name, ==, name);
    }

  g_assert_nonnull (changed);
  return changed;
}

/* after is before without the properties matching removed (and nothing
 * else changed or moved). */
static void
assert_only_removed (const ReseauVCard *before,
                     const ReseauVCard *after,
                     const char * const *removed)
{
  guint j = 0;

  g_assert_cmpuint (before->properties->len, ==,
                    after->properties->len + g_strv_length ((char **) removed));

  for (guint i = 0; i < before->properties->len; i++)
    {
      g_autofree char *a = describe (g_ptr_array_index (before->properties, i));
      g_autofree char *b = NULL;

      if (g_strv_contains (removed, a))
        continue;

      g_assert_cmpuint (j, <, after->properties->len);
      b = describe (g_ptr_array_index (after->properties, j++));
      g_assert_cmpstr (a, ==, b);
    }

  g_assert_cmpuint (j, ==, after->properties->len);
}

static void
set_values (ReseauContact *contact,
            ReseauField    field,
            guint          index,
            const char    *label,
            const char    *value)
{
  GPtrArray *values = reseau_contact_get_values (contact, field);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < values->len; i++)
    {
      const ReseauLabeledValue *labeled = g_ptr_array_index (values, i);

      g_ptr_array_add (labels, g_strdup (i == index ? label : labeled->label));
      g_ptr_array_add (texts, g_strdup (i == index ? value : labeled->value));
    }

  reseau_contact_clear_values (contact, field);
  for (guint i = 0; i < labels->len; i++)
    if (g_ptr_array_index (texts, i) != NULL)
      reseau_contact_add_value (contact, field, g_ptr_array_index (labels, i),
                                g_ptr_array_index (texts, i));
}

static GBytes *
fixture_photo (void)
{
  g_autoptr(ReseauContact) contact = fixture_contact ("ios.vcf", 0);
  GBytes *photo = reseau_contact_get_photo (contact);

  g_assert_nonnull (photo);
  return g_bytes_ref (photo);
}

/* Mapping, one fixture at a time ---------------------------------------------- */

static void
test_ios (void)
{
  g_autoptr(GPtrArray) cards = load_cards ("ios.vcf");
  g_autoptr(ReseauContact) camille = NULL;
  g_autoptr(ReseauContact) coop = NULL;
  g_autoptr(ReseauContact) julien = NULL;
  g_autoptr(ReseauVCard) stored = NULL;
  g_auto(GStrv) members = NULL;
  g_autofree char *group_name = NULL;
  g_autofree char *stored_uid = NULL;
  const ReseauAddress *address;
  GBytes *photo;
  const guint8 *bytes;
  gsize size;

  g_assert_cmpuint (cards->len, ==, 4);

  camille = reseau_contact_new_from_vcard (g_ptr_array_index (cards, 0));
  g_assert_false (reseau_vcard_is_group (g_ptr_array_index (cards, 0)));
  g_assert_cmpint (reseau_contact_get_kind (camille), ==, RESEAU_CONTACT_KIND_INDIVIDUAL);
  g_assert_cmpstr (reseau_contact_get_full_name (camille), ==, "Camille Lefèvre");
  g_assert_cmpstr (reseau_contact_get_family_name (camille), ==, "Lefèvre");
  g_assert_cmpstr (reseau_contact_get_given_name (camille), ==, "Camille");
  g_assert_null (reseau_contact_get_prefix (camille));
  g_assert_cmpstr (reseau_contact_get_nickname (camille), ==, "Cam");
  g_assert_cmpstr (reseau_contact_get_organization (camille), ==, "Atelier Lefèvre");
  g_assert_cmpstr (reseau_contact_get_title (camille), ==, "Directrice artistique");
  g_assert_cmpuint (reseau_contact_get_values (camille, RESEAU_FIELD_EMAIL)->len, ==, 3);
  assert_value (camille, RESEAU_FIELD_EMAIL, 0, "work", "camille@atelier-lefevre.fr");
  assert_value (camille, RESEAU_FIELD_EMAIL, 1, "home", "camille.lefevre@exemple.fr");
  assert_value (camille, RESEAU_FIELD_EMAIL, 2, "Association", "cam.asso@exemple.org");
  g_assert_cmpuint (reseau_contact_get_values (camille, RESEAU_FIELD_PHONE)->len, ==, 3);
  assert_value (camille, RESEAU_FIELD_PHONE, 0, "mobile", "+33 6 12 34 56 78");
  assert_value (camille, RESEAU_FIELD_PHONE, 1, "work", "+33 1 45 67 89 10");
  assert_value (camille, RESEAU_FIELD_PHONE, 2, "fax", "+33 1 45 67 89 11");
  g_assert_cmpuint (reseau_contact_get_values (camille, RESEAU_FIELD_URL)->len, ==, 1);
  assert_value (camille, RESEAU_FIELD_URL, 0, "homepage", "https://atelier-lefevre.fr");
  g_assert_cmpuint (reseau_contact_get_addresses (camille)->len, ==, 1);
  address = g_ptr_array_index (reseau_contact_get_addresses (camille), 0);
  g_assert_cmpstr (address->label, ==, "work");
  g_assert_null (address->po_box);
  g_assert_cmpstr (address->street, ==, "12 rue des Petites Écuries");
  g_assert_cmpstr (address->locality, ==, "Paris");
  g_assert_null (address->region);
  g_assert_cmpstr (address->postal_code, ==, "75010");
  g_assert_cmpstr (address->country, ==, "France");
  /* Apple's year-less birthday and its anniversary item. */
  assert_date (reseau_contact_get_birthday, camille, 0, 4, 12);
  assert_date (reseau_contact_get_anniversary, camille, 2015, 6, 20);
  g_assert_cmpstr (reseau_contact_get_note (camille), ==,
                   "Rencontrée au salon Graphisme & Co 2022.\nTrès réactive, devis sous 48 h.");
  photo = reseau_contact_get_photo (camille);
  g_assert_nonnull (photo);
  bytes = g_bytes_get_data (photo, &size);
  g_assert_cmpuint (size, >, 100);
  g_assert_cmpuint (bytes[0], ==, 0xff);
  g_assert_cmpuint (bytes[1], ==, 0xd8);
  g_assert_cmpuint (reseau_contact_get_tags (camille)->len, ==, 0);
  g_assert_cmpstr (reseau_contact_get_uid (camille), ==, "8C1E5A40-3F2B-4C61-9D8E-2A7B6C5D4E3F");
  g_assert_null (reseau_contact_get_how_met (camille));
  g_assert_cmpuint (reseau_contact_get_cadence_days (camille), ==, 0);

  coop = reseau_contact_new_from_vcard (g_ptr_array_index (cards, 1));
  g_assert_cmpint (reseau_contact_get_kind (coop), ==, RESEAU_CONTACT_KIND_ORGANIZATION);
  g_assert_cmpstr (reseau_contact_get_full_name (coop), ==, "Coopérative Les Écrans Libres");
  g_assert_cmpstr (reseau_contact_get_organization (coop), ==, "Coopérative Les Écrans Libres");
  g_assert_null (reseau_contact_get_family_name (coop));
  g_assert_null (reseau_contact_get_given_name (coop));
  assert_value (coop, RESEAU_FIELD_PHONE, 0, "work", "+33 4 78 12 34 56");
  assert_value (coop, RESEAU_FIELD_URL, 0, "homepage", "https://ecrans-libres.coop");
  g_assert_false (reseau_contact_get_birthday (coop, NULL, NULL, NULL));

  /* iOS leaves UID out of exported cards: one is made, and stored. */
  julien = reseau_contact_new_from_vcard (g_ptr_array_index (cards, 2));
  g_assert_true (g_str_has_prefix (reseau_contact_get_uid (julien), "urn:uuid:"));
  g_assert_true (g_uuid_string_is_valid (reseau_contact_get_uid (julien) + strlen ("urn:uuid:")));
  stored = parse_stored (julien);
  stored_uid = get_text (stored, "UID");
  g_assert_cmpstr (stored_uid, ==, reseau_contact_get_uid (julien));
  g_assert_null (reseau_contact_get_organization (julien));
  g_assert_cmpstr (reseau_contact_get_title (julien), ==, "Développeur web");
  assert_value (julien, RESEAU_FIELD_EMAIL, 0, "other", "julien@moreau.dev");
  assert_value (julien, RESEAU_FIELD_PHONE, 0, "mobile", "06 45 12 78 90");
  assert_value (julien, RESEAU_FIELD_PHONE, 1, "Bureau partagé", "04 72 00 11 22");
  assert_date (reseau_contact_get_birthday, julien, 1985, 11, 3);
  g_assert_false (reseau_contact_get_anniversary (julien, NULL, NULL, NULL));

  /* Apple's group card: a list of members, not a person. */
  g_assert_true (reseau_vcard_is_group (g_ptr_array_index (cards, 3)));
  group_name = reseau_vcard_get_group_name (g_ptr_array_index (cards, 3));
  g_assert_cmpstr (group_name, ==, "Réseau pro");
  members = reseau_vcard_get_group_members (g_ptr_array_index (cards, 3));
  g_assert_cmpuint (g_strv_length (members), ==, 2);
  g_assert_cmpstr (members[0], ==, "urn:uuid:8C1E5A40-3F2B-4C61-9D8E-2A7B6C5D4E3F");
  g_assert_cmpstr (members[1], ==, "urn:uuid:2D7F0B12-6A3C-4E5D-8F90-1B2C3D4E5F60");

  /* A person card has no members. */
  g_clear_pointer (&members, g_strfreev);
  members = reseau_vcard_get_group_members (g_ptr_array_index (cards, 0));
  g_assert_cmpuint (g_strv_length (members), ==, 0);
}

static void
test_android (void)
{
  g_autoptr(GPtrArray) cards = load_cards ("android.vcf");
  g_autoptr(ReseauContact) theo = NULL;
  g_autoptr(ReseauContact) lucie = NULL;
  g_autoptr(ReseauContact) ines = NULL;
  g_autoptr(ReseauVCard) stored = NULL;
  g_autoptr(GBytes) expected_photo = fixture_photo ();
  g_autofree char *fn = NULL;
  const ReseauAddress *address;

  g_assert_cmpuint (cards->len, ==, 3);
  for (guint i = 0; i < cards->len; i++)
    g_assert_false (reseau_vcard_is_group (g_ptr_array_index (cards, i)));

  theo = reseau_contact_new_from_vcard (g_ptr_array_index (cards, 0));
  g_assert_cmpstr (reseau_contact_get_full_name (theo), ==, "Théo Bénard");
  g_assert_cmpstr (reseau_contact_get_family_name (theo), ==, "Bénard");
  g_assert_cmpstr (reseau_contact_get_given_name (theo), ==, "Théo");
  g_assert_cmpstr (reseau_contact_get_organization (theo), ==, "Bénard Dev");
  g_assert_cmpstr (reseau_contact_get_title (theo), ==, "Développeur mobile");
  assert_value (theo, RESEAU_FIELD_PHONE, 0, "mobile", "+33 6 98 76 54 32");
  assert_value (theo, RESEAU_FIELD_PHONE, 1, "work", "+33 2 40 12 34 56");
  assert_value (theo, RESEAU_FIELD_EMAIL, 0, "home", "theo.benard@exemple.fr");
  assert_value (theo, RESEAU_FIELD_EMAIL, 1, "work", "theo@benard-dev.fr");
  assert_value (theo, RESEAU_FIELD_URL, 0, NULL, "https://benard-dev.fr");
  address = g_ptr_array_index (reseau_contact_get_addresses (theo), 0);
  g_assert_cmpstr (address->label, ==, "home");
  g_assert_cmpstr (address->street, ==, "8 allée des Tilleuls");
  g_assert_cmpstr (address->locality, ==, "Nantes");
  g_assert_cmpstr (address->postal_code, ==, "44000");
  assert_date (reseau_contact_get_birthday, theo, 1990, 7, 21);
  g_assert_nonnull (reseau_contact_get_photo (theo));
  g_assert_true (g_bytes_equal (reseau_contact_get_photo (theo), expected_photo));
  /* 2.1 is stored as 3.0, X-ANDROID-CUSTOM kept. */
  stored = parse_stored (theo);
  g_assert_cmpint (stored->version, ==, RESEAU_VCARD_VERSION_3_0);
  g_assert_cmpuint (count_named (stored, "X-ANDROID-CUSTOM"), ==, 2);
  g_assert_cmpuint (count_named (stored, "UID"), ==, 1);

  /* 2.1 allows a card without FN: the contact goes by its N. */
  lucie = reseau_contact_new_from_vcard (g_ptr_array_index (cards, 1));
  g_assert_null (reseau_contact_get_full_name (lucie));
  g_assert_cmpstr (reseau_contact_get_display_name (lucie), ==, "Lucie Garnier");
  assert_value (lucie, RESEAU_FIELD_PHONE, 0, "mobile", "+33 6 11 22 33 44");
  assert_value (lucie, RESEAU_FIELD_EMAIL, 0, NULL, "lucie.garnier@exemple.fr");
  g_clear_pointer (&stored, reseau_vcard_free);
  stored = parse_stored (lucie);
  /* 3.0 requires FN: the stored card has one. */
  fn = get_text (stored, "FN");
  g_assert_cmpstr (fn, ==, "Lucie Garnier");

  ines = reseau_contact_new_from_vcard (g_ptr_array_index (cards, 2));
  g_assert_cmpstr (reseau_contact_get_full_name (ines), ==, "Inès Roux");
  assert_value (ines, RESEAU_FIELD_PHONE, 0, "mobile", "+33 7 11 22 33 44");
  assert_value (ines, RESEAU_FIELD_PHONE, 1, "Atelier", "+33 3 88 12 34 56");
  assert_value (ines, RESEAU_FIELD_EMAIL, 0, "work", "ines@roux-traduction.fr");
  g_assert_cmpstr (reseau_contact_get_note (ines), ==, "Anglais, allemand. Tarif au mot.");
  g_assert_null (reseau_contact_get_photo (ines));
}

static void
test_google (void)
{
  g_autoptr(ReseauContact) elodie = fixture_contact ("google.vcf", 0);
  g_autoptr(ReseauContact) marc = fixture_contact ("google.vcf", 1);
  const ReseauAddress *address;

  g_assert_cmpstr (reseau_contact_get_full_name (elodie), ==, "Élodie Marchand");
  g_assert_cmpstr (reseau_contact_get_nickname (elodie), ==, "Lodie");
  assert_value (elodie, RESEAU_FIELD_EMAIL, 0, "work", "elodie@marchand-conseil.fr");
  /* The item label wins over TYPE=INTERNET. */
  assert_value (elodie, RESEAU_FIELD_EMAIL, 1, "Perso", "elodie.marchand@exemple.org");
  assert_value (elodie, RESEAU_FIELD_PHONE, 0, "mobile", "06 23 45 67 89");
  assert_value (elodie, RESEAU_FIELD_PHONE, 1, "Cabinet", "01 23 45 67 89");
  /* Google escapes the colon of a URL. */
  assert_value (elodie, RESEAU_FIELD_URL, 0, "Site", "https://marchand-conseil.fr");
  address = g_ptr_array_index (reseau_contact_get_addresses (elodie), 0);
  g_assert_cmpstr (address->label, ==, "work");
  g_assert_cmpstr (address->street, ==, "45 avenue Jean Jaurès");
  g_assert_cmpstr (address->country, ==, "FR");
  g_assert_cmpstr (reseau_contact_get_organization (elodie), ==, "Marchand Conseil");
  g_assert_cmpstr (reseau_contact_get_title (elodie), ==, "Consultante RH");
  assert_date (reseau_contact_get_birthday, elodie, 1979, 2, 28);
  g_assert_cmpstr (reseau_contact_get_note (elodie), ==, "Recommandée par Paul.");
  g_assert_cmpuint (reseau_contact_get_tags (elodie)->len, ==, 2);
  g_assert_true (has_tag_at (elodie, 0, "myContacts"));
  g_assert_true (has_tag_at (elodie, 1, "Clients"));
  g_assert_true (g_str_has_prefix (reseau_contact_get_uid (elodie), "urn:uuid:"));

  assert_value (marc, RESEAU_FIELD_EMAIL, 0, "home", "marc.petit@exemple.com");
  assert_value (marc, RESEAU_FIELD_PHONE, 0, "work", "05 61 00 00 01");
  assert_date (reseau_contact_get_anniversary, marc, 2010, 5, 15);
  g_assert_false (reseau_contact_get_birthday (marc, NULL, NULL, NULL));
  g_assert_cmpuint (reseau_contact_get_tags (marc)->len, ==, 3);
  g_assert_true (has_tag_at (marc, 1, "Fournisseurs"));
  g_assert_true (has_tag_at (marc, 2, "Imprimeurs"));
}

static void
test_outlook (void)
{
  g_autoptr(ReseauContact) helene = fixture_contact ("outlook.vcf", 0);
  g_autoptr(ReseauContact) bastien = fixture_contact ("outlook.vcf", 1);
  g_autoptr(ReseauVCard) stored = NULL;
  const ReseauAddress *address;
  const char *note;

  g_assert_cmpstr (reseau_contact_get_full_name (helene), ==, "Hélène Fontaine");
  g_assert_cmpstr (reseau_contact_get_family_name (helene), ==, "Fontaine");
  g_assert_cmpstr (reseau_contact_get_given_name (helene), ==, "Hélène");
  g_assert_cmpstr (reseau_contact_get_organization (helene), ==, "Fontaine Architecture");
  g_assert_cmpstr (reseau_contact_get_title (helene), ==, "Architecte associée");
  /* Quoted-printable windows-1252 over a soft line break. */
  note = reseau_contact_get_note (helene);
  g_assert_nonnull (note);
  g_assert_true (g_str_has_prefix (note, "Rencontrée au forum des indépendants."));
  g_assert_nonnull (strstr (note, "Projet de rénovation à Lille, budget 40 000 €."));
  assert_value (helene, RESEAU_FIELD_PHONE, 0, "work", "+33 3 20 12 34 56");
  assert_value (helene, RESEAU_FIELD_PHONE, 1, "mobile", "+33 6 55 44 33 22");
  assert_value (helene, RESEAU_FIELD_PHONE, 2, "fax", "+33 3 20 12 34 57");
  /* PREF and INTERNET are no labels. */
  assert_value (helene, RESEAU_FIELD_EMAIL, 0, NULL, "helene@fontaine-architecture.fr");
  assert_value (helene, RESEAU_FIELD_URL, 0, "work", "http://www.fontaine-architecture.fr");
  address = g_ptr_array_index (reseau_contact_get_addresses (helene), 0);
  g_assert_cmpstr (address->label, ==, "work");
  g_assert_cmpstr (address->street, ==, "12 rue de la Monnaie");
  g_assert_cmpstr (address->region, ==, "Hauts-de-France");
  assert_date (reseau_contact_get_birthday, helene, 1975, 3, 18);
  stored = parse_stored (helene);
  g_assert_cmpuint (count_named (stored, "LABEL"), ==, 1);
  g_assert_cmpuint (count_named (stored, "X-MS-OL-DEFAULT-POSTAL-ADDRESS"), ==, 1);
  g_assert_cmpuint (count_named (stored, "X-MS-OL-DESIGN"), ==, 1);

  /* 8-bit windows-1252 with no CHARSET at all, and its curly apostrophe. */
  g_assert_cmpstr (reseau_contact_get_family_name (bastien), ==, "Nguyen");
  g_assert_cmpstr (reseau_contact_get_organization (bastien), ==, "Nguyen Études & Conseil");
  g_assert_cmpstr (reseau_contact_get_title (bastien), ==, "Ingénieur d’études");
  address = g_ptr_array_index (reseau_contact_get_addresses (bastien), 0);
  g_assert_cmpstr (address->label, ==, "home");
  g_assert_cmpstr (address->street, ==, "5 place du Théâtre");
  assert_value (bastien, RESEAU_FIELD_PHONE, 0, "home", "03 20 98 76 54");
  g_assert_cmpuint (reseau_contact_get_values (bastien, RESEAU_FIELD_EMAIL)->len, ==, 2);
}

static void
test_thunderbird (void)
{
  g_autoptr(ReseauContact) nathalie = fixture_contact ("thunderbird.vcf", 0);
  g_autoptr(ReseauContact) karim = fixture_contact ("thunderbird.vcf", 1);
  g_autoptr(ReseauVCard) stored = NULL;
  const ReseauAddress *address;

  g_assert_cmpstr (reseau_contact_get_full_name (nathalie), ==, "Nathalie Girard");
  g_assert_cmpstr (reseau_contact_get_nickname (nathalie), ==, "Nat");
  assert_value (nathalie, RESEAU_FIELD_EMAIL, 0, NULL, "nathalie@girard-photo.fr");
  assert_value (nathalie, RESEAU_FIELD_EMAIL, 1, "home", "nat.girard@exemple.net");
  assert_value (nathalie, RESEAU_FIELD_PHONE, 0, "mobile", "06 77 88 99 00");
  assert_value (nathalie, RESEAU_FIELD_PHONE, 1, "work", "04 91 23 45 67");
  assert_value (nathalie, RESEAU_FIELD_URL, 0, "work", "https://girard-photo.fr");
  address = g_ptr_array_index (reseau_contact_get_addresses (nathalie), 0);
  g_assert_cmpstr (address->label, ==, "work");
  g_assert_cmpstr (address->street, ==, "8 boulevard Longchamp");
  g_assert_cmpstr (address->locality, ==, "Marseille");
  g_assert_cmpstr (address->postal_code, ==, "13001");
  g_assert_cmpstr (reseau_contact_get_title (nathalie), ==, "Photographe");
  g_assert_cmpstr (reseau_contact_get_organization (nathalie), ==, "Girard Photo");
  g_assert_cmpstr (reseau_contact_get_note (nathalie), ==,
                   "Shootings corporate et portraits.\nDisponible le week-end.");
  assert_date (reseau_contact_get_birthday, nathalie, 1988, 9, 5);
  assert_date (reseau_contact_get_anniversary, nathalie, 2016, 7, 2);
  g_assert_true (has_tag_at (nathalie, 0, "Photographes"));
  g_assert_true (has_tag_at (nathalie, 1, "Partenaires"));
  g_assert_cmpstr (reseau_contact_get_uid (nathalie), ==, "4f1c7d8e-2b3a-4c5d-8e9f-0a1b2c3d4e5f");
  stored = parse_stored (nathalie);
  g_assert_cmpint (stored->version, ==, RESEAU_VCARD_VERSION_4_0);

  assert_value (karim, RESEAU_FIELD_PHONE, 0, NULL, "09 50 12 34 56");
  g_assert_false (reseau_contact_get_birthday (karim, NULL, NULL, NULL));
}

static void
test_full_4_0 (void)
{
  g_autoptr(GPtrArray) cards = load_cards ("full-4.0.vcf");
  g_autoptr(ReseauContact) sophie = NULL;
  g_autoptr(ReseauContact) collectif = NULL;
  g_autoptr(ReseauContact) lea = NULL;
  g_autoptr(ReseauVCard) stored = NULL;
  g_autoptr(GBytes) expected_photo = fixture_photo ();
  g_auto(GStrv) members = NULL;
  g_autofree char *group_name = NULL;
  g_autofree char *photo_link = NULL;
  const ReseauAddress *address;

  g_assert_cmpuint (cards->len, ==, 4);

  sophie = reseau_contact_new_from_vcard (g_ptr_array_index (cards, 0));
  g_assert_cmpint (reseau_contact_get_kind (sophie), ==, RESEAU_CONTACT_KIND_INDIVIDUAL);
  g_assert_cmpstr (reseau_contact_get_full_name (sophie), ==, "Sophie Chevalier");
  g_assert_cmpstr (reseau_contact_get_family_name (sophie), ==, "Chevalier");
  g_assert_cmpstr (reseau_contact_get_given_name (sophie), ==, "Sophie");
  g_assert_cmpstr (reseau_contact_get_additional_names (sophie), ==, "Marie");
  g_assert_cmpstr (reseau_contact_get_prefix (sophie), ==, "Dr");
  g_assert_null (reseau_contact_get_suffix (sophie));
  g_assert_cmpstr (reseau_contact_get_nickname (sophie), ==, "Sophie");
  g_assert_cmpstr (reseau_contact_get_organization (sophie), ==, "Chevalier Data");
  g_assert_cmpstr (reseau_contact_get_title (sophie), ==, "Data scientist indépendante");
  g_assert_cmpstr (reseau_contact_get_role (sophie), ==, "Consultante");
  assert_value (sophie, RESEAU_FIELD_EMAIL, 0, "work", "sophie@chevalier-data.fr");
  assert_value (sophie, RESEAU_FIELD_EMAIL, 1, "home", "sophie.chevalier@exemple.fr");
  /* tel: URIs show as the number. */
  assert_value (sophie, RESEAU_FIELD_PHONE, 0, "mobile", "+33-6-10-20-30-40");
  assert_value (sophie, RESEAU_FIELD_PHONE, 1, "work", "+33-5-56-12-34-56");
  assert_value (sophie, RESEAU_FIELD_URL, 0, "work", "https://chevalier-data.fr");
  address = g_ptr_array_index (reseau_contact_get_addresses (sophie), 0);
  g_assert_cmpstr (address->label, ==, "work");
  g_assert_cmpstr (address->street, ==, "14 cours de l'Intendance");
  g_assert_cmpstr (address->locality, ==, "Bordeaux");
  assert_date (reseau_contact_get_birthday, sophie, 0, 4, 12);
  assert_date (reseau_contact_get_anniversary, sophie, 2018, 9, 15);
  g_assert_nonnull (reseau_contact_get_photo (sophie));
  g_assert_true (g_bytes_equal (reseau_contact_get_photo (sophie), expected_photo));
  /* Two CATEGORIES properties make one list of tags. */
  g_assert_cmpuint (reseau_contact_get_tags (sophie)->len, ==, 3);
  g_assert_true (has_tag_at (sophie, 0, "Clients"));
  g_assert_true (has_tag_at (sophie, 1, "Data"));
  g_assert_true (has_tag_at (sophie, 2, "Bordeaux"));
  g_assert_cmpstr (reseau_contact_get_note (sophie), ==,
                   "Préfère être contactée le matin, avant 10 h.\nParle aussi anglais.");
  g_assert_cmpstr (reseau_contact_get_uid (sophie), ==,
                   "urn:uuid:6e1a9c3b-2f4d-4e8a-9b7c-5d3e1f2a4b6c");
  stored = parse_stored (sophie);
  g_assert_cmpint (stored->version, ==, RESEAU_VCARD_VERSION_4_0);
  g_assert_cmpuint (count_named (stored, "RELATED"), ==, 1);
  g_assert_cmpuint (count_named (stored, "IMPP"), ==, 1);
  g_assert_cmpuint (count_named (stored, "CLIENTPIDMAP"), ==, 1);
  g_assert_cmpuint (count_named (stored, "GENDER"), ==, 1);
  g_assert_cmpuint (count_named (stored, "LANG"), ==, 2);
  g_assert_cmpuint (count_named (stored, "X-CUSTOM-FIELD"), ==, 1);

  collectif = reseau_contact_new_from_vcard (g_ptr_array_index (cards, 1));
  g_assert_cmpint (reseau_contact_get_kind (collectif), ==, RESEAU_CONTACT_KIND_ORGANIZATION);
  g_assert_cmpstr (reseau_contact_get_display_name (collectif), ==, "Collectif Freelance Bordeaux");
  g_assert_cmpstr (reseau_contact_get_organization (collectif), ==, "Collectif Freelance Bordeaux");
  assert_value (collectif, RESEAU_FIELD_EMAIL, 0, "work", "contact@freelance-bordeaux.org");
  assert_value (collectif, RESEAU_FIELD_URL, 0, NULL, "https://freelance-bordeaux.org");
  /* A linked photo is not shown, and stays in the card untouched. */
  g_assert_null (reseau_contact_get_photo (collectif));
  g_clear_pointer (&stored, reseau_vcard_free);
  stored = parse_stored (collectif);
  photo_link = get_text (stored, "PHOTO");
  g_assert_cmpstr (photo_link, ==, "https://freelance-bordeaux.org/equipe.jpg");
  g_assert_false (reseau_vcard_is_group (g_ptr_array_index (cards, 1)));

  g_assert_true (reseau_vcard_is_group (g_ptr_array_index (cards, 2)));
  group_name = reseau_vcard_get_group_name (g_ptr_array_index (cards, 2));
  g_assert_cmpstr (group_name, ==, "Clients Bordeaux");
  members = reseau_vcard_get_group_members (g_ptr_array_index (cards, 2));
  g_assert_cmpuint (g_strv_length (members), ==, 2);
  g_assert_cmpstr (members[0], ==, "urn:uuid:6e1a9c3b-2f4d-4e8a-9b7c-5d3e1f2a4b6c");
  g_assert_cmpstr (members[1], ==, "urn:uuid:0f7c1e2d-3b4a-4596-8a7b-6c5d4e3f2a1b");

  lea = reseau_contact_new_from_vcard (g_ptr_array_index (cards, 3));
  g_assert_cmpstr (reseau_contact_get_full_name (lea), ==, "Léa Martin");
  assert_date (reseau_contact_get_birthday, lea, 1992, 11, 30);
  assert_value (lea, RESEAU_FIELD_EMAIL, 0, NULL, "lea.martin@exemple.fr");
  assert_value (lea, RESEAU_FIELD_PHONE, 0, NULL, "+33 6 70 80 90 10");
  g_assert_true (g_str_has_prefix (reseau_contact_get_uid (lea), "urn:uuid:"));
}

static void
test_reseau_export (void)
{
  g_autoptr(ReseauContact) antoine = fixture_contact ("reseau-export.vcf", 0);
  g_autoptr(ReseauContact) claire = fixture_contact ("reseau-export.vcf", 1);
  g_autoptr(ReseauVCard) stored = NULL;

  g_assert_cmpstr (reseau_contact_get_how_met (antoine), ==,
                   "Atelier UX au coworking La Ruche, Bordeaux");
  g_assert_cmpstr (reseau_contact_get_met_on (antoine), ==, "2023-10-05");
  g_assert_cmpstr (reseau_contact_get_introduced_by (antoine), ==,
                   "urn:uuid:6e1a9c3b-2f4d-4e8a-9b7c-5d3e1f2a4b6c");
  g_assert_cmpuint (reseau_contact_get_cadence_days (antoine), ==, 45);
  g_assert_true (has_tag_at (antoine, 0, "Prospects"));
  g_assert_true (has_tag_at (antoine, 1, "UX"));
  /* The stored card is what a server sees: no X-RESEAU-*. */
  stored = parse_stored (antoine);
  g_assert_cmpint (stored->version, ==, RESEAU_VCARD_VERSION_4_0);
  g_assert_null (reseau_vcard_get (stored, "X-RESEAU-HOW-MET"));
  g_assert_null (reseau_vcard_get (stored, "X-RESEAU-MET-ON"));
  g_assert_null (reseau_vcard_get (stored, "X-RESEAU-INTRODUCED-BY"));
  g_assert_null (reseau_vcard_get (stored, "X-RESEAU-CADENCE-DAYS"));
  g_assert_cmpuint (stored->properties->len, ==, 8);

  g_assert_cmpstr (reseau_contact_get_how_met (claire), ==, "Ancienne collègue chez Studio Nord");
  g_assert_null (reseau_contact_get_met_on (claire));
  g_assert_null (reseau_contact_get_introduced_by (claire));
  g_assert_cmpuint (reseau_contact_get_cadence_days (claire), ==, 90);
  assert_date (reseau_contact_get_birthday, claire, 0, 12, 24);
  g_clear_pointer (&stored, reseau_vcard_free);
  stored = parse_stored (claire);
  g_assert_cmpint (stored->version, ==, RESEAU_VCARD_VERSION_3_0);
  g_assert_null (reseau_vcard_get (stored, "X-RESEAU-HOW-MET"));
}

/* Losslessness ---------------------------------------------------------------- */

/* For every card of every fixture: the stored card is the card as it came
 * (less X-RESEAU-*, plus what it lacked of UID, FN and N), and a contact
 * nobody edited goes back out as exactly that card. */
static void
test_lossless (void)
{
  static const char * const app_fields[] = {
    "X-RESEAU-HOW-MET", "X-RESEAU-MET-ON", "X-RESEAU-INTRODUCED-BY", "X-RESEAU-CADENCE-DAYS",
  };
  guint n_cards = 0;

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GPtrArray) cards = load_cards (fixtures[f]);

      for (guint i = 0; i < cards->len; i++)
        {
          ReseauVCard *card = g_ptr_array_index (cards, i);
          g_autoptr(ReseauContact) contact = reseau_contact_new_from_vcard (card);
          g_autoptr(ReseauVCard) stored = parse_stored (contact);
          g_autoptr(ReseauVCard) out = reseau_contact_to_vcard (contact, FALSE);
          g_autoptr(ReseauVCard) expected = reseau_vcard_copy (card);
          g_autoptr(ReseauVCard) reparsed = NULL;
          g_autoptr(ReseauContact) again = NULL;
          g_autofree char *text = NULL;
          const char *required[] = { "UID", "FN", "N" };

          g_test_message ("%s, card %u", fixtures[f], i + 1);

          for (guint k = 0; k < G_N_ELEMENTS (app_fields); k++)
            reseau_vcard_remove_all (expected, app_fields[k]);
          for (guint k = 0; k < G_N_ELEMENTS (required); k++)
            if (reseau_vcard_get (card, required[k]) == NULL)
              {
                ReseauVCardProperty *added = reseau_vcard_get (stored, required[k]);

                g_assert_nonnull (added);
                reseau_vcard_append (expected, reseau_vcard_property_copy (added));
              }

          g_assert_true (reseau_vcard_equal (stored, expected));
          g_assert_true (reseau_vcard_equal (out, stored));

          /* And once more through text: still the same card, same contact. */
          text = reseau_vcard_to_string (out, stored->version);
          reparsed = reseau_vcard_parse (text, -1, NULL);
          g_assert_nonnull (reparsed);
          g_assert_true (reseau_vcard_equal (reparsed, stored));
          again = reseau_contact_new_from_vcard (reparsed);
          g_assert_cmpstr (reseau_contact_get_uid (again), ==, reseau_contact_get_uid (contact));
          g_assert_cmpstr (reseau_contact_get_display_name (again), ==,
                           reseau_contact_get_display_name (contact));

          n_cards++;
        }
    }

  g_assert_cmpuint (n_cards, ==, 19);
}

/* Edits ----------------------------------------------------------------------- */

static void
test_edit_title (void)
{
  g_autoptr(ReseauContact) contact = fixture_contact ("ios.vcf", 0);
  g_autoptr(ReseauVCard) before = parse_stored (contact);
  g_autoptr(ReseauVCard) after = NULL;
  g_autofree char *title = NULL;
  const ReseauVCardProperty *changed;

  reseau_contact_set_title (contact, "Directrice de création");
  after = reseau_contact_to_vcard (contact, FALSE);

  changed = assert_only_changed (before, after, "TITLE");
  title = reseau_vcard_property_get_text (changed);
  g_assert_cmpstr (title, ==, "Directrice de création");
}

static void
test_edit_one_email (void)
{
  g_autoptr(ReseauContact) sophie = fixture_contact ("full-4.0.vcf", 0);
  g_autoptr(ReseauContact) camille = fixture_contact ("ios.vcf", 0);
  g_autoptr(ReseauVCard) before = parse_stored (sophie);
  g_autoptr(ReseauVCard) after = NULL;
  g_autoptr(ReseauContact) reread = NULL;
  g_autofree char *value = NULL;
  const ReseauVCardProperty *changed;

  set_values (sophie, RESEAU_FIELD_EMAIL, 1, "home", "sophie@chevalier-famille.fr");
  after = reseau_contact_to_vcard (sophie, FALSE);
  changed = assert_only_changed (before, after, "EMAIL");
  value = reseau_vcard_property_get_text (changed);
  g_assert_cmpstr (value, ==, "sophie@chevalier-famille.fr");
  g_assert_true (reseau_vcard_property_has_type (changed, "home"));

  /* An Apple item keeps its group and its X-ABLabel. */
  g_clear_pointer (&before, reseau_vcard_free);
  g_clear_pointer (&after, reseau_vcard_free);
  g_clear_pointer (&value, g_free);
  before = parse_stored (camille);
  set_values (camille, RESEAU_FIELD_EMAIL, 2, "Association", "camille@asso-graphistes.org");
  after = reseau_contact_to_vcard (camille, FALSE);
  changed = assert_only_changed (before, after, "EMAIL");
  g_assert_cmpstr (changed->group, ==, "item1");
  value = reseau_vcard_property_get_text (changed);
  g_assert_cmpstr (value, ==, "camille@asso-graphistes.org");

  reread = reseau_contact_new_from_vcard (after);
  assert_value (reread, RESEAU_FIELD_EMAIL, 2, "Association", "camille@asso-graphistes.org");
  assert_value (reread, RESEAU_FIELD_EMAIL, 0, "work", "camille@atelier-lefevre.fr");
}

static void
test_edit_phone_uri_and_address (void)
{
  g_autoptr(ReseauContact) sophie = fixture_contact ("full-4.0.vcf", 0);
  g_autoptr(ReseauVCard) before = parse_stored (sophie);
  g_autoptr(ReseauVCard) after = NULL;
  g_autoptr(ReseauContact) reread = NULL;
  g_autoptr(ReseauAddress) moved = NULL;
  g_autofree char *value = NULL;
  g_auto(GStrv) parts = NULL;
  const ReseauVCardProperty *changed;
  GPtrArray *addresses;

  /* A tel: URI edited as text loses VALUE=uri, keeps its TYPE and PREF. */
  set_values (sophie, RESEAU_FIELD_PHONE, 0, "mobile", "+33 6 99 88 77 66");
  after = reseau_contact_to_vcard (sophie, FALSE);
  changed = assert_only_changed (before, after, "TEL");
  value = reseau_vcard_property_get_text (changed);
  g_assert_cmpstr (value, ==, "+33 6 99 88 77 66");
  g_assert_null (reseau_vcard_property_get_param (changed, "VALUE"));
  g_assert_cmpstr (reseau_vcard_property_get_param (changed, "PREF"), ==, "1");
  g_assert_true (reseau_vcard_property_has_type (changed, "cell"));
  reread = reseau_contact_new_from_vcard (after);
  assert_value (reread, RESEAU_FIELD_PHONE, 0, "mobile", "+33 6 99 88 77 66");
  assert_value (reread, RESEAU_FIELD_PHONE, 1, "work", "+33-5-56-12-34-56");

  /* A moved address drops the LABEL and GEO that described the old one. */
  addresses = reseau_contact_get_addresses (sophie);
  moved = reseau_address_copy (g_ptr_array_index (addresses, 0));
  g_free (moved->street);
  moved->street = g_strdup ("2 place de la Bourse");
  reseau_contact_clear_addresses (sophie);
  reseau_contact_add_address (sophie, moved);
  g_clear_pointer (&before, reseau_vcard_free);
  before = g_steal_pointer (&after);
  after = reseau_contact_to_vcard (sophie, FALSE);
  changed = assert_only_changed (before, after, "ADR");
  g_assert_null (reseau_vcard_property_get_param (changed, "LABEL"));
  g_assert_null (reseau_vcard_property_get_param (changed, "GEO"));
  g_assert_true (reseau_vcard_property_has_type (changed, "work"));
  parts = reseau_vcard_property_get_components (changed);
  g_assert_cmpuint (g_strv_length (parts), ==, 7);
  g_assert_cmpstr (parts[2], ==, "2 place de la Bourse");
  g_assert_cmpstr (parts[3], ==, "Bordeaux");
  g_assert_cmpstr (parts[5], ==, "33000");
}

/* A date that is no date stays as it came, and a real one replaces it. */
static void
test_edit_unread_date (void)
{
  static const char text[] =
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Gaspard Rey\r\n"
    "BDAY;VALUE=text:vers 1980\r\n"
    "ANNIVERSARY;VALUE=text:au printemps\r\n"
    "UID:urn:uuid:5c3e2d1f-0a9b-4c8d-8e7f-6a5b4c3d2e1f\r\n"
    "END:VCARD\r\n";
  g_autoptr(ReseauVCard) card = reseau_vcard_parse (text, -1, NULL);
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(ReseauVCard) before = NULL;
  g_autoptr(ReseauVCard) after = NULL;
  g_autofree char *value = NULL;
  const ReseauVCardProperty *changed;

  g_assert_nonnull (card);
  contact = reseau_contact_new_from_vcard (card);
  g_assert_false (reseau_contact_get_birthday (contact, NULL, NULL, NULL));
  g_assert_false (reseau_contact_get_anniversary (contact, NULL, NULL, NULL));
  before = parse_stored (contact);
  after = reseau_contact_to_vcard (contact, FALSE);
  g_assert_true (reseau_vcard_equal (before, after));
  g_clear_pointer (&after, reseau_vcard_free);

  g_assert_true (reseau_contact_set_birthday (contact, 1980, 4, 12));
  after = reseau_contact_to_vcard (contact, FALSE);
  changed = assert_only_changed (before, after, "BDAY");
  value = reseau_vcard_property_get_text (changed);
  g_assert_cmpstr (value, ==, "19800412");
  g_assert_null (reseau_vcard_property_get_param (changed, "VALUE"));
  g_assert_cmpuint (count_named (after, "BDAY"), ==, 1);
  g_assert_cmpuint (count_named (after, "ANNIVERSARY"), ==, 1);
}

static void
test_edit_birthday (void)
{
  g_autoptr(ReseauContact) nathalie = fixture_contact ("thunderbird.vcf", 0);
  g_autoptr(ReseauContact) elodie = fixture_contact ("google.vcf", 0);
  g_autoptr(ReseauVCard) before = parse_stored (nathalie);
  g_autoptr(ReseauVCard) after = NULL;
  g_autoptr(ReseauVCard) reparsed = NULL;
  g_autoptr(ReseauContact) reread = NULL;
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;
  const ReseauVCardProperty *changed;

  g_assert_true (reseau_contact_set_birthday (nathalie, 1988, 9, 6));
  after = reseau_contact_to_vcard (nathalie, FALSE);
  changed = assert_only_changed (before, after, "BDAY");
  value = reseau_vcard_property_get_text (changed);
  g_assert_cmpstr (value, ==, "19880906");

  /* Year-less in 3.0: Apple's form, read back year-less. */
  g_clear_pointer (&before, reseau_vcard_free);
  g_clear_pointer (&after, reseau_vcard_free);
  g_clear_pointer (&value, g_free);
  before = parse_stored (elodie);
  g_assert_true (reseau_contact_set_birthday (elodie, 0, 2, 29));
  after = reseau_contact_to_vcard (elodie, FALSE);
  changed = assert_only_changed (before, after, "BDAY");
  value = reseau_vcard_property_get_text (changed);
  g_assert_cmpstr (value, ==, "1604-02-29");
  g_assert_cmpstr (reseau_vcard_property_get_param (changed, "X-APPLE-OMIT-YEAR"), ==, "1604");

  text = reseau_vcard_to_string (after, RESEAU_VCARD_VERSION_3_0);
  reparsed = reseau_vcard_parse (text, -1, NULL);
  g_assert_nonnull (reparsed);
  reread = reseau_contact_new_from_vcard (reparsed);
  assert_date (reseau_contact_get_birthday, reread, 0, 2, 29);
}

static void
test_edit_anniversary_apple (void)
{
  g_autoptr(ReseauContact) camille = fixture_contact ("ios.vcf", 0);
  g_autoptr(ReseauContact) coop = fixture_contact ("ios.vcf", 1);
  g_autoptr(ReseauVCard) before = parse_stored (camille);
  g_autoptr(ReseauVCard) after = NULL;
  g_autoptr(ReseauContact) reread = NULL;
  g_autofree char *value = NULL;
  const ReseauVCardProperty *changed;
  ReseauVCardProperty *ab_label;
  g_autofree char *label = NULL;

  /* Apple's X-ABDATE item is rewritten where it is. */
  g_assert_true (reseau_contact_set_anniversary (camille, 2016, 6, 20));
  after = reseau_contact_to_vcard (camille, FALSE);
  changed = assert_only_changed (before, after, "X-ABDATE");
  value = reseau_vcard_property_get_text (changed);
  g_assert_cmpstr (value, ==, "2016-06-20");

  /* A new anniversary on a 3.0 card is an Apple item too. */
  g_assert_true (reseau_contact_set_anniversary (coop, 2001, 3, 1));
  g_clear_pointer (&after, reseau_vcard_free);
  after = reseau_contact_to_vcard (coop, FALSE);
  g_assert_null (reseau_vcard_get (after, "ANNIVERSARY"));
  changed = reseau_vcard_get (after, "X-ABDATE");
  g_assert_nonnull (changed);
  g_assert_nonnull (changed->group);
  ab_label = reseau_vcard_get_in_group (after, changed->group, "X-ABLABEL");
  g_assert_nonnull (ab_label);
  label = reseau_vcard_property_get_text (ab_label);
  g_assert_cmpstr (label, ==, "_$!<Anniversary>!$_");
  reread = reseau_contact_new_from_vcard (after);
  assert_date (reseau_contact_get_anniversary, reread, 2001, 3, 1);
}

static void
test_clear_fields (void)
{
  g_autoptr(ReseauContact) camille = fixture_contact ("ios.vcf", 0);
  g_autoptr(ReseauVCard) before = parse_stored (camille);
  g_autoptr(ReseauVCard) after = NULL;
  g_autofree char *title = NULL;
  g_autofree char *email = NULL;
  g_autofree char *email_label = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *bday = NULL;

  title = describe (reseau_vcard_get (before, "TITLE"));
  reseau_contact_set_title (camille, NULL);
  after = reseau_contact_to_vcard (camille, FALSE);
  assert_only_removed (before, after, (const char * const[]) { title, NULL });

  /* An itemN email goes with its X-ABLabel. */
  email = describe (reseau_vcard_get_in_group (before, "item1", "EMAIL"));
  email_label = describe (reseau_vcard_get_in_group (before, "item1", "X-ABLABEL"));
  set_values (camille, RESEAU_FIELD_EMAIL, 2, NULL, NULL);
  g_assert_cmpuint (reseau_contact_get_values (camille, RESEAU_FIELD_EMAIL)->len, ==, 2);
  g_clear_pointer (&after, reseau_vcard_free);
  after = reseau_contact_to_vcard (camille, FALSE);
  assert_only_removed (before, after, (const char * const[]) { title, email, email_label, NULL });

  photo = describe (reseau_vcard_get (before, "PHOTO"));
  bday = describe (reseau_vcard_get (before, "BDAY"));
  reseau_contact_set_photo (camille, NULL);
  reseau_contact_clear_birthday (camille);
  g_clear_pointer (&after, reseau_vcard_free);
  after = reseau_contact_to_vcard (camille, FALSE);
  assert_only_removed (before, after,
                       (const char * const[]) { title, email, email_label, photo, bday, NULL });
}

static void
test_add_values (void)
{
  g_autoptr(ReseauContact) camille = fixture_contact ("ios.vcf", 0);
  g_autoptr(ReseauVCard) before = parse_stored (camille);
  g_autoptr(ReseauVCard) after = NULL;
  g_autoptr(ReseauContact) reread = NULL;
  ReseauVCardProperty *property;
  ReseauVCardProperty *ab_label;
  g_autofree char *label = NULL;
  guint n = before->properties->len;

  reseau_contact_add_value (camille, RESEAU_FIELD_EMAIL, "Club de lecture", "camille@lecture.fr");
  reseau_contact_add_value (camille, RESEAU_FIELD_EMAIL, "work", "c.lefevre@studio.fr");
  reseau_contact_add_value (camille, RESEAU_FIELD_PHONE, "mobile", "+33 7 00 00 00 01");
  after = reseau_contact_to_vcard (camille, FALSE);
  g_assert_cmpuint (after->properties->len, ==, n + 4);

  /* The card's items go up to item6: the new one is item7. */
  property = reseau_vcard_get_in_group (after, "item7", "EMAIL");
  g_assert_nonnull (property);
  ab_label = reseau_vcard_get_in_group (after, "item7", "X-ABLABEL");
  g_assert_nonnull (ab_label);
  label = reseau_vcard_property_get_text (ab_label);
  g_assert_cmpstr (label, ==, "Club de lecture");

  property = g_ptr_array_index (after->properties, n + 2);
  g_assert_cmpstr (property->name, ==, "EMAIL");
  g_assert_null (property->group);
  g_assert_true (reseau_vcard_property_has_type (property, "work"));
  property = g_ptr_array_index (after->properties, n + 3);
  g_assert_cmpstr (property->name, ==, "TEL");
  g_assert_true (reseau_vcard_property_has_type (property, "cell"));

  reread = reseau_contact_new_from_vcard (after);
  assert_value (reread, RESEAU_FIELD_EMAIL, 3, "Club de lecture", "camille@lecture.fr");
  assert_value (reread, RESEAU_FIELD_EMAIL, 4, "work", "c.lefevre@studio.fr");
  assert_value (reread, RESEAU_FIELD_PHONE, 3, "mobile", "+33 7 00 00 00 01");
}

static void
test_apple_survives_edit (void)
{
  g_autoptr(ReseauContact) camille = fixture_contact ("ios.vcf", 0);
  g_autoptr(ReseauVCard) before = parse_stored (camille);
  g_autoptr(ReseauVCard) after = NULL;
  g_autoptr(ReseauVCard) reparsed = NULL;
  g_autoptr(ReseauContact) reread = NULL;
  g_autoptr(GBytes) photo = fixture_photo ();
  g_autofree char *text = NULL;
  g_autofree char *social = NULL;
  g_autofree char *social_after = NULL;
  g_autofree char *spouse = NULL;
  ReseauVCardProperty *property;

  reseau_contact_set_note (camille, "Devis signé pour la refonte du logo.");
  reseau_contact_set_organization (camille, "Studio Lefèvre");
  after = reseau_contact_to_vcard (camille, FALSE);
  text = reseau_vcard_to_string (after, RESEAU_VCARD_VERSION_3_0);
  reparsed = reseau_vcard_parse (text, -1, NULL);
  g_assert_nonnull (reparsed);

  g_assert_cmpuint (reparsed->properties->len, ==, before->properties->len);
  social = describe (reseau_vcard_get (before, "X-SOCIALPROFILE"));
  social_after = describe (reseau_vcard_get (reparsed, "X-SOCIALPROFILE"));
  g_assert_cmpstr (social, ==, social_after);
  property = reseau_vcard_get_in_group (reparsed, "item6", "X-ABLABEL");
  g_assert_nonnull (property);
  spouse = reseau_vcard_property_get_text (property);
  g_assert_cmpstr (spouse, ==, "_$!<Spouse>!$_");
  g_assert_nonnull (reseau_vcard_get_in_group (reparsed, "item3", "X-ABADR"));

  reread = reseau_contact_new_from_vcard (reparsed);
  g_assert_true (g_bytes_equal (reseau_contact_get_photo (reread), photo));
  g_assert_cmpstr (reseau_contact_get_note (reread), ==, "Devis signé pour la refonte du logo.");
  /* The unit after the organization stays. */
  g_assert_cmpstr (reseau_contact_get_organization (reread), ==, "Studio Lefèvre");
  {
    g_auto(GStrv) org = reseau_vcard_property_get_components (reseau_vcard_get (reparsed, "ORG"));

    g_assert_cmpstr (org[1], ==, "Design graphique");
  }
  assert_value (reread, RESEAU_FIELD_EMAIL, 2, "Association", "cam.asso@exemple.org");
  assert_value (reread, RESEAU_FIELD_URL, 0, "homepage", "https://atelier-lefevre.fr");
  assert_date (reseau_contact_get_birthday, reread, 0, 4, 12);
  assert_date (reseau_contact_get_anniversary, reread, 2015, 6, 20);
}

static void
test_app_fields_round_trip (void)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(ReseauVCard) plain = NULL;
  g_autoptr(ReseauVCard) exported = NULL;
  g_autoptr(ReseauVCard) reparsed = NULL;
  g_autoptr(ReseauContact) imported = NULL;
  g_autofree char *text = NULL;

  reseau_contact_set_full_name (contact, "Yanis Lambert");
  reseau_contact_set_given_name (contact, "Yanis");
  reseau_contact_set_family_name (contact, "Lambert");
  reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, "work", "yanis@lambert-motion.fr");
  reseau_contact_set_how_met (contact, "Salon du freelance, Lyon; stand 12");
  reseau_contact_set_met_on (contact, "2024-03-14");
  reseau_contact_set_introduced_by (contact, "urn:uuid:6e1a9c3b-2f4d-4e8a-9b7c-5d3e1f2a4b6c");
  reseau_contact_set_cadence_days (contact, 30);

  plain = reseau_contact_to_vcard (contact, FALSE);
  g_assert_null (reseau_vcard_get (plain, "X-RESEAU-HOW-MET"));
  g_assert_null (reseau_vcard_get (plain, "X-RESEAU-CADENCE-DAYS"));

  exported = reseau_contact_to_vcard (contact, TRUE);
  text = reseau_vcard_to_string (exported, RESEAU_VCARD_VERSION_4_0);
  reparsed = reseau_vcard_parse (text, -1, NULL);
  g_assert_nonnull (reparsed);
  imported = reseau_contact_new_from_vcard (reparsed);

  g_assert_cmpstr (reseau_contact_get_uid (imported), ==, reseau_contact_get_uid (contact));
  g_assert_cmpstr (reseau_contact_get_full_name (imported), ==, "Yanis Lambert");
  g_assert_cmpstr (reseau_contact_get_how_met (imported), ==, "Salon du freelance, Lyon; stand 12");
  g_assert_cmpstr (reseau_contact_get_met_on (imported), ==, "2024-03-14");
  g_assert_cmpstr (reseau_contact_get_introduced_by (imported), ==,
                   "urn:uuid:6e1a9c3b-2f4d-4e8a-9b7c-5d3e1f2a4b6c");
  g_assert_cmpuint (reseau_contact_get_cadence_days (imported), ==, 30);
  assert_value (imported, RESEAU_FIELD_EMAIL, 0, "work", "yanis@lambert-motion.fr");
  g_assert_null (strstr (reseau_contact_get_vcard (imported), "X-RESEAU"));

  /* An imported export goes back out with its fields again, once each. */
  g_clear_pointer (&exported, reseau_vcard_free);
  exported = reseau_contact_to_vcard (imported, TRUE);
  g_assert_cmpuint (count_named (exported, "X-RESEAU-HOW-MET"), ==, 1);
  g_assert_cmpuint (count_named (exported, "X-RESEAU-CADENCE-DAYS"), ==, 1);
}

static void
test_new_contact (void)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(ReseauVCard) card = NULL;
  g_autoptr(ReseauVCard) stored = NULL;
  g_autoptr(ReseauContact) reread = NULL;
  g_autofree char *fn = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *bday = NULL;
  g_auto(GStrv) n = NULL;
  const ReseauAddress *read_address;
  char label[] = "work", street[] = "20 rue du Port", locality[] = "Brest";
  char postal_code[] = "29200", country[] = "France";
  ReseauAddress address = {
    .label = label, .street = street, .locality = locality,
    .postal_code = postal_code, .country = country,
  };

  reseau_contact_set_kind (contact, RESEAU_CONTACT_KIND_ORGANIZATION);
  reseau_contact_set_organization (contact, "Ker Studio");
  reseau_contact_add_value (contact, RESEAU_FIELD_PHONE, "fax", "02 98 00 00 00");
  reseau_contact_add_value (contact, RESEAU_FIELD_URL, "Portfolio", "https://ker.studio");
  reseau_contact_add_address (contact, &address);
  reseau_contact_add_tag (contact, "Agences");
  reseau_contact_set_birthday (contact, 0, 4, 12);

  card = reseau_contact_to_vcard (contact, FALSE);
  g_assert_cmpint (card->version, ==, RESEAU_VCARD_VERSION_4_0);
  fn = get_text (card, "FN");
  g_assert_cmpstr (fn, ==, "Ker Studio");
  g_assert_nonnull (reseau_vcard_get (card, "N"));
  n = reseau_vcard_property_get_components (reseau_vcard_get (card, "N"));
  for (guint i = 0; n[i] != NULL; i++)
    g_assert_cmpstr (n[i], ==, "");
  kind = get_text (card, "KIND");
  g_assert_cmpstr (kind, ==, "org");
  uid = get_text (card, "UID");
  g_assert_cmpstr (uid, ==, reseau_contact_get_uid (contact));
  bday = get_text (card, "BDAY");
  g_assert_cmpstr (bday, ==, "--0412");

  reseau_contact_refresh_vcard (contact);
  g_assert_true (g_str_has_prefix (reseau_contact_get_vcard (contact),
                                   "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  stored = parse_stored (contact);
  g_assert_true (reseau_vcard_equal (stored, card));

  reread = reseau_contact_new_from_vcard (stored);
  g_assert_cmpint (reseau_contact_get_kind (reread), ==, RESEAU_CONTACT_KIND_ORGANIZATION);
  g_assert_cmpstr (reseau_contact_get_display_name (reread), ==, "Ker Studio");
  assert_value (reread, RESEAU_FIELD_PHONE, 0, "fax", "02 98 00 00 00");
  assert_value (reread, RESEAU_FIELD_URL, 0, "Portfolio", "https://ker.studio");
  g_assert_cmpuint (reseau_contact_get_addresses (reread)->len, ==, 1);
  read_address = g_ptr_array_index (reseau_contact_get_addresses (reread), 0);
  g_assert_cmpstr (read_address->street, ==, "20 rue du Port");
  g_assert_cmpstr (read_address->label, ==, "work");
  g_assert_true (has_tag_at (reread, 0, "Agences"));
  assert_date (reseau_contact_get_birthday, reread, 0, 4, 12);
}

static void
test_kind_changes (void)
{
  g_autoptr(ReseauContact) coop = fixture_contact ("ios.vcf", 1);
  g_autoptr(ReseauContact) julien = fixture_contact ("ios.vcf", 2);
  g_autoptr(ReseauContact) collectif = fixture_contact ("full-4.0.vcf", 1);
  g_autoptr(ReseauVCard) card = NULL;
  g_autoptr(ReseauContact) reread = NULL;
  g_autofree char *show_as = NULL;

  /* Apple's organization card back to a person: X-ABShowAs goes. */
  reseau_contact_set_kind (coop, RESEAU_CONTACT_KIND_INDIVIDUAL);
  card = reseau_contact_to_vcard (coop, FALSE);
  g_assert_null (reseau_vcard_get (card, "X-ABSHOWAS"));

  /* A 3.0 person made an organization, the Apple way. */
  g_clear_pointer (&card, reseau_vcard_free);
  reseau_contact_set_kind (julien, RESEAU_CONTACT_KIND_ORGANIZATION);
  card = reseau_contact_to_vcard (julien, FALSE);
  show_as = get_text (card, "X-ABSHOWAS");
  g_assert_cmpstr (show_as, ==, "COMPANY");
  g_assert_null (reseau_vcard_get (card, "KIND"));
  reread = reseau_contact_new_from_vcard (card);
  g_assert_cmpint (reseau_contact_get_kind (reread), ==, RESEAU_CONTACT_KIND_ORGANIZATION);

  /* 4.0 KIND:org back to a person. */
  g_clear_pointer (&card, reseau_vcard_free);
  reseau_contact_set_kind (collectif, RESEAU_CONTACT_KIND_INDIVIDUAL);
  card = reseau_contact_to_vcard (collectif, FALSE);
  g_assert_null (reseau_vcard_get (card, "KIND"));
  /* The photo link nobody could see is still there. */
  g_assert_nonnull (reseau_vcard_get (card, "PHOTO"));
}

static void
test_tags_and_photo_edit (void)
{
  g_autoptr(ReseauContact) sophie = fixture_contact ("full-4.0.vcf", 0);
  g_autoptr(ReseauContact) collectif = fixture_contact ("full-4.0.vcf", 1);
  g_autoptr(ReseauVCard) card = NULL;
  g_autoptr(ReseauContact) reread = NULL;
  g_autoptr(GBytes) photo = fixture_photo ();
  g_auto(GStrv) items = NULL;
  g_autofree char *text = NULL;

  /* Tags in one CATEGORIES, where the first one was. */
  reseau_contact_clear_tags (sophie);
  reseau_contact_add_tag (sophie, "Clients");
  reseau_contact_add_tag (sophie, "Formation");
  card = reseau_contact_to_vcard (sophie, FALSE);
  g_assert_cmpuint (count_named (card, "CATEGORIES"), ==, 1);
  items = reseau_vcard_property_get_list (reseau_vcard_get (card, "CATEGORIES"));
  g_assert_cmpuint (g_strv_length (items), ==, 2);
  g_assert_cmpstr (items[0], ==, "Clients");
  g_assert_cmpstr (items[1], ==, "Formation");

  reseau_contact_clear_tags (sophie);
  g_clear_pointer (&card, reseau_vcard_free);
  card = reseau_contact_to_vcard (sophie, FALSE);
  g_assert_null (reseau_vcard_get (card, "CATEGORIES"));

  /* A new photo takes the place of the link. */
  reseau_contact_set_photo (collectif, photo);
  g_clear_pointer (&card, reseau_vcard_free);
  card = reseau_contact_to_vcard (collectif, FALSE);
  g_assert_cmpuint (count_named (card, "PHOTO"), ==, 1);
  text = reseau_vcard_to_string (card, RESEAU_VCARD_VERSION_4_0);
  g_clear_pointer (&card, reseau_vcard_free);
  card = reseau_vcard_parse (text, -1, NULL);
  reread = reseau_contact_new_from_vcard (card);
  g_assert_true (g_bytes_equal (reseau_contact_get_photo (reread), photo));
  g_assert_nonnull (reseau_vcard_get (card, "LOGO"));
}

static void
test_groups (void)
{
  static const char apple[] =
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:;Associés;;;\r\n"
    "X-ADDRESSBOOKSERVER-KIND:Group\r\n"
    "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:11111111-2222-4333-8444-555555555555\r\n"
    "END:VCARD\r\n";
  static const char person[] =
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "KIND:individual\r\n"
    "FN:Zoé Perrin\r\n"
    "END:VCARD\r\n";
  g_autoptr(ReseauVCard) group = reseau_vcard_parse (apple, -1, NULL);
  g_autoptr(ReseauVCard) individual = reseau_vcard_parse (person, -1, NULL);
  g_autofree char *name = NULL;
  g_autofree char *no_name = NULL;
  g_auto(GStrv) members = NULL;

  g_assert_nonnull (group);
  g_assert_nonnull (individual);
  g_assert_true (reseau_vcard_is_group (group));
  g_assert_false (reseau_vcard_is_group (individual));
  /* No FN: the name comes from N. */
  name = reseau_vcard_get_group_name (group);
  g_assert_cmpstr (name, ==, "Associés");
  members = reseau_vcard_get_group_members (group);
  g_assert_cmpuint (g_strv_length (members), ==, 1);
  g_assert_cmpstr (members[0], ==, "urn:uuid:11111111-2222-4333-8444-555555555555");

  reseau_vcard_remove_all (group, "N");
  no_name = reseau_vcard_get_group_name (group);
  g_assert_null (no_name);
}

static void
test_labels (void)
{
  static const char text[] =
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Étiquettes\r\n"
    "TEL;TYPE=WORK,VOICE:1\r\n"
    "TEL;TYPE=\"work,fax\":2\r\n"
    "TEL;TYPE=PREF;TYPE=CELL:3\r\n"
    "item1.TEL;TYPE=CELL:4\r\n"
    "item1.X-ABLabel:_$!<Pager>!$_\r\n"
    "item2.EMAIL;TYPE=INTERNET:5\r\n"
    "item2.X-ABLabel:Chorale\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=PREF:6\r\n"
    "TEL;TYPE=X-Studio:7\r\n"
    "TEL;TYPE=MAIN:8\r\n"
    "END:VCARD\r\n";
  static const char * const expected[] = {
    NULL, "work", "fax", "mobile", "pager", NULL, "Chorale", NULL, NULL, "Studio", "main",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauVCard) card = reseau_vcard_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (card->properties->len, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < card->properties->len; i++)
    {
      ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);
      g_autofree char *label = reseau_vcard_property_get_label (card, property);

      if (strcmp (property->name, "X-ABLABEL") == 0 || strcmp (property->name, "FN") == 0)
        continue;
      g_assert_cmpstr (label, ==, expected[i]);
    }
}

/* A group with two X-ABLabel lines, one before the email and one after,
 * with an X-RESEAU- line (dropped from the stored card) between: the
 * stored card must read the same label, so that refreshing the unedited
 * contact leaves it alone. Found by fuzz-vcard. */
static void
test_two_labels_in_group (void)
{
  static const char text[] =
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Deux étiquettes\r\n"
    "item1.X-ABLabel:Chorale\r\n"
    "item1.EMAIL:chorale@exemple.fr\r\n"
    "X-RESEAU-CADENCE:30\r\n"
    "item1.X-ABLabel:Bureau\r\n"
    "END:VCARD\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauVCard) card = reseau_vcard_parse (text, -1, &error);
  g_autoptr(ReseauContact) contact = NULL;
  g_autofree char *stored = NULL;
  GPtrArray *emails;

  g_assert_no_error (error);
  contact = reseau_contact_new_from_vcard (card);
  emails = reseau_contact_get_values (contact, RESEAU_FIELD_EMAIL);
  g_assert_cmpuint (emails->len, ==, 1);
  /* The label after the email, as Apple writes them. */
  g_assert_cmpstr (((ReseauLabeledValue *) g_ptr_array_index (emails, 0))->label, ==, "Bureau");

  stored = g_strdup (reseau_contact_get_vcard (contact));
  g_assert_null (strstr (stored, "X-RESEAU-"));
  reseau_contact_refresh_vcard (contact);
  g_assert_cmpstr (reseau_contact_get_vcard (contact), ==, stored);
}

/* An export in the other version says kind and year-less dates that
 * version's way, and reads back the same. */
static void
test_export_in_other_version (void)
{
  static const char text[] =
    "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Atelier Lumière\r\n"
    "ORG:Atelier Lumière\r\nBDAY:--0412\r\nANNIVERSARY:--0630\r\n"
    "UID:urn:uuid:0b6f3c1e-2a57-4f0e-9a53-0c1f4e2b8d11\r\nEND:VCARD\r\n";
  g_autoptr(ReseauVCard) card = reseau_vcard_parse (text, -1, NULL);
  g_autoptr(ReseauContact) contact = reseau_contact_new_from_vcard (card);
  g_autoptr(ReseauVCard) v30 = reseau_contact_to_vcard_for_version (contact, FALSE,
                                                                    RESEAU_VCARD_VERSION_3_0);
  g_autofree char *written = reseau_vcard_to_string (v30, RESEAU_VCARD_VERSION_3_0);
  g_autoptr(ReseauVCard) again = reseau_vcard_parse (written, -1, NULL);
  g_autoptr(ReseauContact) back = reseau_contact_new_from_vcard (again);
  int year, month, day;

  g_assert_null (strstr (written, "KIND:"));
  g_assert_null (strstr (written, "--0412"));
  g_assert_nonnull (strstr (written, "X-ABSHOWAS:COMPANY"));
  g_assert_nonnull (strstr (written, "X-APPLE-OMIT-YEAR"));

  g_assert_cmpint (reseau_contact_get_kind (back), ==, RESEAU_CONTACT_KIND_ORGANIZATION);
  g_assert_true (reseau_contact_get_birthday (back, &year, &month, &day));
  g_assert_cmpint (year, ==, 0);
  g_assert_cmpint (month, ==, 4);
  g_assert_cmpint (day, ==, 12);
  g_assert_true (reseau_contact_get_anniversary (back, &year, &month, &day));
  g_assert_cmpint (year, ==, 0);
  g_assert_cmpint (month, ==, 6);
  g_assert_cmpint (day, ==, 30);
  g_assert_cmpstr (reseau_contact_get_uid (back), ==, reseau_contact_get_uid (contact));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vcard-contact/ios", test_ios);
  g_test_add_func ("/vcard-contact/android", test_android);
  g_test_add_func ("/vcard-contact/google", test_google);
  g_test_add_func ("/vcard-contact/outlook", test_outlook);
  g_test_add_func ("/vcard-contact/thunderbird", test_thunderbird);
  g_test_add_func ("/vcard-contact/full-4.0", test_full_4_0);
  g_test_add_func ("/vcard-contact/reseau-export", test_reseau_export);
  g_test_add_func ("/vcard-contact/labels", test_labels);
  g_test_add_func ("/vcard-contact/labels-two-in-group", test_two_labels_in_group);
  g_test_add_func ("/vcard-contact/groups", test_groups);
  g_test_add_func ("/vcard-contact/lossless", test_lossless);
  g_test_add_func ("/vcard-contact/edit/title", test_edit_title);
  g_test_add_func ("/vcard-contact/edit/one-email", test_edit_one_email);
  g_test_add_func ("/vcard-contact/edit/phone-uri-and-address", test_edit_phone_uri_and_address);
  g_test_add_func ("/vcard-contact/edit/birthday", test_edit_birthday);
  g_test_add_func ("/vcard-contact/edit/unread-date", test_edit_unread_date);
  g_test_add_func ("/vcard-contact/edit/anniversary-apple", test_edit_anniversary_apple);
  g_test_add_func ("/vcard-contact/edit/clear", test_clear_fields);
  g_test_add_func ("/vcard-contact/edit/add-values", test_add_values);
  g_test_add_func ("/vcard-contact/edit/apple-survives", test_apple_survives_edit);
  g_test_add_func ("/vcard-contact/edit/kind", test_kind_changes);
  g_test_add_func ("/vcard-contact/edit/tags-and-photo", test_tags_and_photo_edit);
  g_test_add_func ("/vcard-contact/new-contact", test_new_contact);
  g_test_add_func ("/vcard-contact/app-fields", test_app_fields_round_trip);

  g_test_add_func ("/vcard-contact/export-in-other-version", test_export_in_other_version);

  return g_test_run ();
}
