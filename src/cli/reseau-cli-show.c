/* reseau-cli-show.c — list and show, as text or JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-cli-private.h"

/* ------------------------------------------------------------------------
 * JSON
 * --------------------------------------------------------------------- */

static void
write_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);

  reseau_cli_write (text);
  reseau_cli_write ("\n");
}

/* ------------------------------------------------------------------------
 * list
 * --------------------------------------------------------------------- */

/* One contact per line, fields split by tabs: a tab or a line break inside
 * a field would shift the columns of every tool reading the output. */
static void
append_field (GString    *line,
              const char *value)
{
  for (const char *p = value != NULL ? value : ""; *p != '\0'; p++)
    g_string_append_c (line, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

static void
write_list_text (GPtrArray *contacts)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < contacts->len; i++)
    {
      ReseauContact *contact = g_ptr_array_index (contacts, i);

      g_string_truncate (line, 0);
      append_field (line, reseau_contact_get_uid (contact));
      g_string_append_c (line, '\t');
      append_field (line, reseau_contact_get_display_name (contact));
      g_string_append_c (line, '\t');
      append_field (line, reseau_contact_get_organization (contact));
      g_string_append_c (line, '\t');
      append_field (line, reseau_contact_get_first_value (contact, RESEAU_FIELD_EMAIL));
      g_string_append_c (line, '\n');

      reseau_cli_write (line->str);
    }
}

static gboolean
write_list_json (ReseauDatabase  *database,
                 GPtrArray       *contacts,
                 GError         **error)
{
  g_autoptr(JsonArray) array = json_array_sized_new (contacts->len);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < contacts->len; i++)
    json_array_add_element (array, reseau_contact_to_json (g_ptr_array_index (contacts, i)));

  json_node_set_array (root, array);
  if (!reseau_cli_add_conflicts_json (database, root, error))
    return FALSE;
  write_json (root);

  return TRUE;
}

int
reseau_cli_list (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array of contacts"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("list", "",
                                   _("Lists every contact: UID, name, organization and first email, separated by tabs."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] != NULL)
    return reseau_cli_usage_error (_("unexpected argument “%s”"), rest[0]);

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  contacts = reseau_database_list_contacts (database, &error);
  if (contacts == NULL)
    return reseau_cli_report_error (error, NULL);

  if (json)
    {
      if (!write_list_json (database, contacts, &error))
        return reseau_cli_report_error (error, NULL);
    }
  else
    write_list_text (contacts);

  return RESEAU_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------------
 * show, as text: "Label: value" rows, values in a column of their own
 * --------------------------------------------------------------------- */

typedef struct
{
  const char *label;
  char       *value;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->value);
}

/* Takes value; an empty one is not shown. */
static void
rows_take (GArray     *rows,
           const char *label,
           char       *value)
{
  Row row = { label, value };

  if (value == NULL || *value == '\0')
    {
      g_free (value);
      return;
    }

  g_array_append_val (rows, row);
}

static void
rows_add (GArray     *rows,
          const char *label,
          const char *value)
{
  rows_take (rows, label, g_strdup (value));
}

/* The labels the app itself writes; anything else is the user's own text. */
static const char *
translate_label (const char *label)
{
  if (g_strcmp0 (label, "work") == 0)
    return _("work");
  if (g_strcmp0 (label, "home") == 0)
    return _("home");
  if (g_strcmp0 (label, "mobile") == 0)
    return _("mobile");
  if (g_strcmp0 (label, "other") == 0)
    return _("other");

  return label;
}

static char *
with_label (const char *value,
            const char *label)
{
  if (label == NULL || *label == '\0')
    return g_strdup (value);

  return g_strdup_printf ("%s (%s)", value, translate_label (label));
}

static void
rows_add_values (GArray        *rows,
                 const char    *label,
                 ReseauContact *contact,
                 ReseauField    field)
{
  GPtrArray *values = reseau_contact_get_values (contact, field);

  for (guint i = 0; i < values->len; i++)
    {
      const ReseauLabeledValue *value = g_ptr_array_index (values, i);

      rows_take (rows, label, with_label (value->value, value->label));
    }
}

static void
rows_add_addresses (GArray        *rows,
                    ReseauContact *contact)
{
  GPtrArray *addresses = reseau_contact_get_addresses (contact);

  for (guint i = 0; i < addresses->len; i++)
    {
      const ReseauAddress *address = g_ptr_array_index (addresses, i);
      g_autofree char *formatted = reseau_address_format (address);

      if (address->label != NULL)
        rows_take (rows, _("Address"),
                   g_strdup_printf ("(%s)\n%s", translate_label (address->label), formatted));
      else
        rows_take (rows, _("Address"), g_steal_pointer (&formatted));
    }
}

static char *
format_birthday (ReseauContact *contact)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (!reseau_contact_get_birthday (contact, &year, &month, &day))
    return NULL;

  /* A leap year stands in when the year is unknown, so that 29 February
   * still makes a date. */
  date = g_date_time_new_utc (year > 0 ? year : 2000, month, day, 0, 0, 0);
  if (date == NULL)
    return reseau_contact_format_birthday (contact);

  /* Translators: a birthday; see g_date_time_format() for the codes. */
  return g_date_time_format (date, year > 0 ? _("%-d %B %Y") : _("%-d %B"));
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) moment = NULL;

  if (unix_time <= 0)
    return NULL;

  moment = g_date_time_new_from_unix_local (unix_time);

  /* Translators: when a contact was created or changed; see g_date_time_format(). */
  return g_date_time_format (moment, _("%Y-%m-%d %H:%M"));
}

static char *
format_tags (ReseauContact *contact)
{
  GPtrArray *tags = reseau_contact_get_tags (contact);
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < tags->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (tags, i));

  return g_string_free (joined, FALSE);
}

/* Names the introducer when it can be found; the UID alone otherwise. */
static char *
format_introducer (ReseauDatabase *database,
                   const char     *uid)
{
  g_autoptr(ReseauContact) introducer = NULL;

  if (uid == NULL)
    return NULL;

  introducer = reseau_database_load_contact (database, uid, NULL);
  if (introducer == NULL)
    return g_strdup (uid);

  return g_strdup_printf ("%s (%s)", reseau_contact_get_display_name (introducer), uid);
}

static char *
format_cadence (guint days)
{
  if (days == 0)
    return NULL;

  return g_strdup_printf (ngettext ("Every %u day", "Every %u days", days), days);
}

static char *
format_photo (GBytes *photo)
{
  g_autofree char *size = NULL;

  if (photo == NULL)
    return NULL;

  size = g_format_size (g_bytes_get_size (photo));

  return g_strdup_printf (_("Image of %s"), size);
}

static void
collect_rows (GArray         *rows,
              ReseauDatabase *database,
              ReseauContact  *contact)
{
  gboolean organization = reseau_contact_get_kind (contact) == RESEAU_CONTACT_KIND_ORGANIZATION;

  rows_add (rows, _("UID"), reseau_contact_get_uid (contact));
  rows_add (rows, _("Kind"), organization ? _("Organization") : _("Person"));
  rows_add (rows, _("Full name"), reseau_contact_get_full_name (contact));
  rows_add (rows, _("Prefix"), reseau_contact_get_prefix (contact));
  rows_add (rows, _("Given name"), reseau_contact_get_given_name (contact));
  rows_add (rows, _("Additional names"), reseau_contact_get_additional_names (contact));
  rows_add (rows, _("Family name"), reseau_contact_get_family_name (contact));
  rows_add (rows, _("Suffix"), reseau_contact_get_suffix (contact));
  rows_add (rows, _("Nickname"), reseau_contact_get_nickname (contact));
  rows_add (rows, _("Organization"), reseau_contact_get_organization (contact));
  rows_add (rows, _("Title"), reseau_contact_get_title (contact));
  rows_add_values (rows, _("Email"), contact, RESEAU_FIELD_EMAIL);
  rows_add_values (rows, _("Phone"), contact, RESEAU_FIELD_PHONE);
  rows_add_values (rows, _("Website"), contact, RESEAU_FIELD_URL);
  rows_add_addresses (rows, contact);
  rows_take (rows, _("Birthday"), format_birthday (contact));
  rows_take (rows, _("Tags"), format_tags (contact));
  rows_add (rows, _("How we met"), reseau_contact_get_how_met (contact));
  rows_add (rows, _("Met on"), reseau_contact_get_met_on (contact));
  rows_take (rows, _("Introduced by"),
             format_introducer (database, reseau_contact_get_introduced_by (contact)));
  rows_take (rows, _("Follow-up"), format_cadence (reseau_contact_get_cadence_days (contact)));
  rows_add (rows, _("Note"), reseau_contact_get_note (contact));
  rows_take (rows, _("Photo"), format_photo (reseau_contact_get_photo (contact)));
  rows_take (rows, _("Created"), format_time (reseau_contact_get_created_at (contact)));
  rows_take (rows, _("Changed"), format_time (reseau_contact_get_updated_at (contact)));
}

static void
write_contact_text (ReseauDatabase *database,
                    ReseauContact  *contact)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *indent = NULL;
  glong width = 0;

  g_array_set_clear_func (rows, row_clear);
  collect_rows (rows, database, contact);

  for (guint i = 0; i < rows->len; i++)
    width = MAX (width, g_utf8_strlen (g_array_index (rows, Row, i).label, -1));
  /* Room for the colon and a space, then continuation lines line up. */
  width += 2;
  indent = g_strnfill (width + 2, ' ');

  g_string_append_printf (out, "%s\n", reseau_contact_get_display_name (contact));

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      g_auto(GStrv) lines = g_strsplit (row->value, "\n", -1);

      g_string_append_printf (out, "  %s:", row->label);
      for (glong pad = g_utf8_strlen (row->label, -1) + 1; pad < width; pad++)
        g_string_append_c (out, ' ');

      for (guint l = 0; lines[l] != NULL; l++)
        g_string_append_printf (out, "%s%s\n", l > 0 ? indent : "", lines[l]);
    }

  reseau_cli_write (out->str);
}

int
reseau_cli_show (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the contact as a JSON object"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("show", _("UID"),
                                   _("Shows everything known about a contact."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] == NULL)
    return reseau_cli_usage_error (_("%s needs the UID of a contact"), "show");
  if (rest[1] != NULL)
    return reseau_cli_usage_error (_("unexpected argument “%s”"), rest[1]);

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  contact = reseau_database_load_contact (database, rest[0], &error);
  if (contact == NULL)
    return reseau_cli_report_error (error, rest[0]);

  if (json)
    {
      g_autoptr(JsonNode) node = reseau_contact_to_json (contact);

      if (!reseau_cli_add_conflicts_json (database, node, &error))
        return reseau_cli_report_error (error, NULL);
      write_json (node);
    }
  else
    {
      write_contact_text (database, contact);
    }

  return RESEAU_CLI_EXIT_OK;
}
