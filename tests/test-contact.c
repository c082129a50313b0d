/* test-contact.c — the contact record on its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reseau-contact.h"

static void
test_new_has_uuid_uid (void)
{
  g_autoptr(ReseauContact) a = reseau_contact_new ();
  g_autoptr(ReseauContact) b = reseau_contact_new ();

  g_assert_true (g_str_has_prefix (reseau_contact_get_uid (a), "urn:uuid:"));
  g_assert_true (g_uuid_string_is_valid (reseau_contact_get_uid (a) + 9));
  g_assert_cmpstr (reseau_contact_get_uid (a), !=, reseau_contact_get_uid (b));
  g_assert_true (reseau_contact_is_empty (a));
}

static void
test_display_name (void)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();

  reseau_contact_add_value (contact, RESEAU_FIELD_PHONE, "mobile", "+33 6 12 34 56 78");
  g_assert_cmpstr (reseau_contact_get_display_name (contact), ==, "+33 6 12 34 56 78");
  g_assert_false (reseau_contact_is_empty (contact));

  reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, "work", "anne@exemple.fr");
  g_assert_cmpstr (reseau_contact_get_display_name (contact), ==, "anne@exemple.fr");

  reseau_contact_set_organization (contact, "Coopérative Oxalis");
  g_assert_cmpstr (reseau_contact_get_display_name (contact), ==, "Coopérative Oxalis");

  reseau_contact_set_given_name (contact, "Anne");
  reseau_contact_set_family_name (contact, "Lefèvre");
  g_assert_cmpstr (reseau_contact_get_display_name (contact), ==, "Anne Lefèvre");

  reseau_contact_set_kind (contact, RESEAU_CONTACT_KIND_ORGANIZATION);
  g_assert_cmpstr (reseau_contact_get_display_name (contact), ==, "Coopérative Oxalis");
  reseau_contact_set_kind (contact, RESEAU_CONTACT_KIND_INDIVIDUAL);

  reseau_contact_set_full_name (contact, "  Anne L.  ");
  g_assert_cmpstr (reseau_contact_get_display_name (contact), ==, "Anne L.");

  /* Blank text is no text. */
  reseau_contact_set_full_name (contact, "   ");
  g_assert_null (reseau_contact_get_full_name (contact));
}

static void
test_birthday (void)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autofree char *with_year = NULL;
  g_autofree char *without_year = NULL;
  int year, month, day;

  g_assert_false (reseau_contact_get_birthday (contact, NULL, NULL, NULL));
  g_assert_null (reseau_contact_format_birthday (contact));

  g_assert_true (reseau_contact_set_birthday (contact, 1985, 4, 12));
  with_year = reseau_contact_format_birthday (contact);
  g_assert_cmpstr (with_year, ==, "1985-04-12");

  g_assert_true (reseau_contact_parse_birthday (contact, "--0229"));
  g_assert_true (reseau_contact_get_birthday (contact, &year, &month, &day));
  g_assert_cmpint (year, ==, 0);
  g_assert_cmpint (month, ==, 2);
  g_assert_cmpint (day, ==, 29);
  without_year = reseau_contact_format_birthday (contact);
  g_assert_cmpstr (without_year, ==, "--02-29");

  /* Refused, and the previous value kept. */
  g_assert_false (reseau_contact_set_birthday (contact, 2023, 2, 29));
  g_assert_false (reseau_contact_set_birthday (contact, 0, 2, 31));
  g_assert_false (reseau_contact_parse_birthday (contact, "1985-13-01"));
  g_assert_false (reseau_contact_parse_birthday (contact, "hier"));
  g_assert_true (reseau_contact_get_birthday (contact, &year, &month, &day));
  g_assert_cmpint (month, ==, 2);

  g_assert_true (reseau_contact_parse_birthday (contact, "19850412"));
  g_assert_true (reseau_contact_parse_birthday (contact, "--04-12"));
  reseau_contact_clear_birthday (contact);
  g_assert_false (reseau_contact_get_birthday (contact, NULL, NULL, NULL));
}

/* The anniversary follows the birthday's rules but is a date of its own. */
static void
test_anniversary_and_role (void)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(ReseauContact) copy = NULL;
  g_autofree char *formatted = NULL;
  int year, month, day;

  g_assert_false (reseau_contact_get_anniversary (contact, NULL, NULL, NULL));
  g_assert_true (reseau_contact_parse_anniversary (contact, "2012-06-30"));
  g_assert_true (reseau_contact_set_birthday (contact, 1985, 4, 12));
  g_assert_false (reseau_contact_parse_anniversary (contact, "2012-06-31"));
  reseau_contact_set_role (contact, "  Conseil en stratégie ");

  copy = reseau_contact_copy (contact);
  g_assert_true (reseau_contact_get_anniversary (copy, &year, &month, &day));
  g_assert_cmpint (year, ==, 2012);
  g_assert_cmpint (month, ==, 6);
  g_assert_cmpint (day, ==, 30);
  formatted = reseau_contact_format_birthday (copy);
  g_assert_cmpstr (formatted, ==, "1985-04-12");
  g_assert_cmpstr (reseau_contact_get_role (copy), ==, "Conseil en stratégie");

  reseau_contact_clear_anniversary (contact);
  g_assert_false (reseau_contact_get_anniversary (contact, NULL, NULL, NULL));
  g_assert_true (reseau_contact_get_birthday (contact, NULL, NULL, NULL));

  g_assert_true (reseau_parse_partial_date ("--1231", &year, &month, &day));
  g_assert_cmpint (year, ==, 0);
  g_assert_cmpint (month, ==, 12);
  g_assert_cmpint (day, ==, 31);
  g_assert_false (reseau_parse_partial_date ("2023-02-29", &year, &month, &day));
}

static void
test_tags_are_unique_without_case (void)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();

  reseau_contact_add_tag (contact, "Client");
  reseau_contact_add_tag (contact, "client ");
  reseau_contact_add_tag (contact, "  ");
  reseau_contact_add_tag (contact, "Équipe");
  g_assert_cmpuint (reseau_contact_get_tags (contact)->len, ==, 2);
  g_assert_true (reseau_contact_has_tag (contact, "CLIENT"));
  g_assert_true (reseau_contact_has_tag (contact, "équipe"));
}

static void
test_copy_is_deep (void)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(ReseauContact) copy = NULL;
  g_autoptr(GBytes) photo = g_bytes_new_static ("\x89PNG", 4);
  ReseauAddress address = { .label = (char *) "work", .street = (char *) "12 rue de la Paix",
                            .postal_code = (char *) "75002", .locality = (char *) "Paris" };

  reseau_contact_set_given_name (contact, "Anne");
  reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, "work", "anne@exemple.fr");
  reseau_contact_add_address (contact, &address);
  reseau_contact_add_tag (contact, "Client");
  reseau_contact_set_photo (contact, photo);
  reseau_contact_set_vcard (contact, "BEGIN:VCARD\r\nEND:VCARD\r\n");
  reseau_contact_set_cadence_days (contact, 30);

  copy = reseau_contact_copy (contact);
  reseau_contact_clear_values (contact, RESEAU_FIELD_EMAIL);
  reseau_contact_set_given_name (contact, "Paul");

  g_assert_cmpstr (reseau_contact_get_uid (copy), ==, reseau_contact_get_uid (contact));
  g_assert_cmpstr (reseau_contact_get_display_name (copy), ==, "Anne");
  g_assert_cmpstr (reseau_contact_get_first_value (copy, RESEAU_FIELD_EMAIL), ==,
                   "anne@exemple.fr");
  g_assert_cmpuint (reseau_contact_get_addresses (copy)->len, ==, 1);
  g_assert_true (g_bytes_equal (reseau_contact_get_photo (copy), photo));
  g_assert_cmpstr (reseau_contact_get_vcard (copy), ==, "BEGIN:VCARD\r\nEND:VCARD\r\n");
  g_assert_cmpuint (reseau_contact_get_cadence_days (copy), ==, 30);
}

static void
test_address_format (void)
{
  ReseauAddress address = { .street = (char *) "3 place Bellecour", .postal_code = (char *) "69002",
                            .locality = (char *) "Lyon", .country = (char *) "France" };
  ReseauAddress blank = { .street = (char *) "  ", .label = (char *) "home" };
  g_autofree char *formatted = reseau_address_format (&address);

  g_assert_cmpstr (formatted, ==, "3 place Bellecour\n69002 Lyon\nFrance");
  g_assert_true (reseau_address_is_empty (&blank));
  g_assert_false (reseau_address_is_empty (&address));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contact/new", test_new_has_uuid_uid);
  g_test_add_func ("/contact/display-name", test_display_name);
  g_test_add_func ("/contact/birthday", test_birthday);
  g_test_add_func ("/contact/anniversary-and-role", test_anniversary_and_role);
  g_test_add_func ("/contact/tags", test_tags_are_unique_without_case);
  g_test_add_func ("/contact/copy", test_copy_is_deep);
  g_test_add_func ("/contact/address-format", test_address_format);

  return g_test_run ();
}
