/* reseau-json.c — contacts as JSON (the CLI's --json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reseau-json.h"

/* Scripts reading the output test for null rather than for "": an empty
 * field and a missing one mean the same thing to the user, so they are
 * written the same way. */
static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);

  if (value != NULL && *value != '\0')
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Labels are dropped: the documented shape is a plain list of strings,
 * which is what a script piping into jq wants most of the time. */
static void
add_values (JsonBuilder   *builder,
            const char    *member,
            ReseauContact *contact,
            ReseauField    field)
{
  GPtrArray *values = reseau_contact_get_values (contact, field);

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const ReseauLabeledValue *value = g_ptr_array_index (values, i);

      if (value->value != NULL && *value->value != '\0')
        json_builder_add_string_value (builder, value->value);
    }

  json_builder_end_array (builder);
}

static void
add_address (JsonBuilder         *builder,
             const ReseauAddress *address)
{
  g_autofree char *formatted = reseau_address_format (address);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "label", address->label);
  add_string_or_null (builder, "po_box", address->po_box);
  add_string_or_null (builder, "extended", address->extended);
  add_string_or_null (builder, "street", address->street);
  add_string_or_null (builder, "locality", address->locality);
  add_string_or_null (builder, "region", address->region);
  add_string_or_null (builder, "postal_code", address->postal_code);
  add_string_or_null (builder, "country", address->country);
  add_string_or_null (builder, "formatted", formatted);
  json_builder_end_object (builder);
}

static void
add_addresses (JsonBuilder   *builder,
               ReseauContact *contact)
{
  GPtrArray *addresses = reseau_contact_get_addresses (contact);

  json_builder_set_member_name (builder, "addresses");
  json_builder_begin_array (builder);

  for (guint i = 0; addresses != NULL && i < addresses->len; i++)
    add_address (builder, g_ptr_array_index (addresses, i));

  json_builder_end_array (builder);
}

static void
add_tags (JsonBuilder   *builder,
          ReseauContact *contact)
{
  GPtrArray *tags = reseau_contact_get_tags (contact);

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (tags, i));

  json_builder_end_array (builder);
}

JsonNode *
reseau_contact_to_json (ReseauContact *contact)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *birthday = NULL;
  g_autofree char *anniversary = NULL;
  guint cadence;

  g_return_val_if_fail (RESEAU_IS_CONTACT (contact), NULL);

  builder = json_builder_new ();
  birthday = reseau_contact_format_birthday (contact);
  anniversary = reseau_contact_format_anniversary (contact);
  cadence = reseau_contact_get_cadence_days (contact);

  json_builder_begin_object (builder);

  add_string_or_null (builder, "uid", reseau_contact_get_uid (contact));
  add_string_or_null (builder, "name", reseau_contact_get_display_name (contact));
  add_string_or_null (builder, "given_name", reseau_contact_get_given_name (contact));
  add_string_or_null (builder, "family_name", reseau_contact_get_family_name (contact));

  json_builder_set_member_name (builder, "kind");
  if (reseau_contact_get_kind (contact) == RESEAU_CONTACT_KIND_ORGANIZATION)
    json_builder_add_string_value (builder, "organization");
  else
    json_builder_add_string_value (builder, "individual");

  add_string_or_null (builder, "organization", reseau_contact_get_organization (contact));
  add_string_or_null (builder, "title", reseau_contact_get_title (contact));
  add_string_or_null (builder, "role", reseau_contact_get_role (contact));
  add_values (builder, "emails", contact, RESEAU_FIELD_EMAIL);
  add_values (builder, "phones", contact, RESEAU_FIELD_PHONE);
  add_values (builder, "urls", contact, RESEAU_FIELD_URL);
  add_addresses (builder, contact);
  add_tags (builder, contact);
  add_string_or_null (builder, "birthday", birthday);
  add_string_or_null (builder, "anniversary", anniversary);
  add_string_or_null (builder, "note", reseau_contact_get_note (contact));
  add_string_or_null (builder, "how_met", reseau_contact_get_how_met (contact));
  add_string_or_null (builder, "met_on", reseau_contact_get_met_on (contact));
  add_string_or_null (builder, "introduced_by", reseau_contact_get_introduced_by (contact));

  json_builder_set_member_name (builder, "cadence_days");
  if (cadence > 0)
    json_builder_add_int_value (builder, cadence);
  else
    json_builder_add_null_value (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
