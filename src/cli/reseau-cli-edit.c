/* reseau-cli-edit.c — add, edit and delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "reseau-cli-private.h"

/* Longer than any follow-up anyone keeps; a bigger number is a typo. */
#define MAX_CADENCE_DAYS 36500

/* What add and edit were given. NULL (or FALSE) means "not given", which
 * edit must tell apart from "given empty" (clear the field). */
typedef struct
{
  char     *name;
  char    **emails;
  char    **phones;
  char    **urls;
  char     *organization;
  char     *title;
  char    **tags;
  char     *cadence;
  char     *note;
  char     *note_file;
  char     *birthday;
  char     *how_met;
  char     *introduced_by;
  gboolean  is_organization;
} FieldOptions;

#define N_FIELD_ENTRIES 14

static void
field_options_clear (FieldOptions *options)
{
  g_free (options->name);
  g_strfreev (options->emails);
  g_strfreev (options->phones);
  g_strfreev (options->urls);
  g_free (options->organization);
  g_free (options->title);
  g_strfreev (options->tags);
  g_free (options->cadence);
  g_free (options->note);
  g_free (options->note_file);
  g_free (options->birthday);
  g_free (options->how_met);
  g_free (options->introduced_by);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FieldOptions, field_options_clear)

/* The table lives on the stack because GOption writes straight into the
 * FieldOptions it points at. */
static void
field_entries_init (GOptionEntry  entries[N_FIELD_ENTRIES + 1],
                    FieldOptions *options)
{
  const GOptionEntry table[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &options->name,
      N_("Full name; for a person the last word is the family name, the others the given name (a single word is a given name)"), N_("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->emails,
      N_("Email address (repeat for several)"), N_("EMAIL") },
    { "phone", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->phones,
      N_("Phone number (repeat for several)"), N_("PHONE") },
    { "url", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->urls,
      N_("Website or profile (repeat for several)"), N_("URL") },
    { "org", 0, 0, G_OPTION_ARG_STRING, &options->organization,
      N_("Organization: company, agency, association…"), N_("ORGANIZATION") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &options->title,
      N_("Job title"), N_("TITLE") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->tags,
      N_("Tag (repeat for several)"), N_("TAG") },
    { "cadence", 0, 0, G_OPTION_ARG_STRING, &options->cadence,
      N_("Get back in touch every DAYS days (0 for never)"), N_("DAYS") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &options->note,
      N_("Note"), N_("TEXT") },
    /* An argument cannot pass 128 KiB on Linux; long notes come from a file. */
    { "note-file", 0, 0, G_OPTION_ARG_FILENAME, &options->note_file,
      N_("Read the note from FILE (- for standard input)"), N_("FILE") },
    { "birthday", 0, 0, G_OPTION_ARG_STRING, &options->birthday,
      N_("Birthday: YYYY-MM-DD, or --MM-DD without the year"), N_("DATE") },
    { "how-met", 0, 0, G_OPTION_ARG_STRING, &options->how_met,
      N_("How and where you met"), N_("TEXT") },
    { "introduced-by", 0, 0, G_OPTION_ARG_STRING, &options->introduced_by,
      N_("UID of the contact who introduced you"), N_("UID") },
    { "organization", 0, 0, G_OPTION_ARG_NONE, &options->is_organization,
      N_("The contact is an organization, not a person"), NULL },
    G_OPTION_ENTRY_NULL
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (table) == N_FIELD_ENTRIES + 1);
  memcpy (entries, table, sizeof table);
}

void
reseau_cli_print_field_options (GString *out)
{
  FieldOptions unused = { NULL, };
  GOptionEntry entries[N_FIELD_ENTRIES + 1];

  field_entries_init (entries, &unused);

  for (guint i = 0; i < N_FIELD_ENTRIES; i++)
    {
      g_autofree char *option = NULL;

      if (entries[i].arg_description != NULL)
        option = g_strdup_printf ("--%s=%s", entries[i].long_name, _(entries[i].arg_description));
      else
        option = g_strdup_printf ("--%s", entries[i].long_name);

      reseau_cli_append_help_row (out, option, _(entries[i].description));
    }

  reseau_cli_append_help_row (out, "", _("With edit, an option given with an empty value clears that field."));
}

static gboolean
field_options_any (const FieldOptions *options)
{
  return options->name != NULL || options->emails != NULL || options->phones != NULL ||
         options->urls != NULL || options->organization != NULL || options->title != NULL ||
         options->tags != NULL || options->cadence != NULL || options->note != NULL ||
         options->note_file != NULL ||
         options->birthday != NULL || options->how_met != NULL ||
         options->introduced_by != NULL || options->is_organization;
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *stripped = reseau_text_strip_or_null (text);

  return stripped == NULL;
}

static char *
read_all (const char  *path,
          GError     **error)
{
  g_autoptr(GString) text = NULL;
  char buffer[16384];
  size_t n_read;
  char *contents = NULL;

  if (strcmp (path, "-") != 0)
    return g_file_get_contents (path, &contents, NULL, error) ? contents : NULL;

  text = g_string_new (NULL);
  while ((n_read = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_string_append_len (text, buffer, (gssize) n_read);

  if (ferror (stdin))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_IO,
                           _("Could not read standard input"));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Moves the contents of --note-file into options->note. */
static gboolean
field_options_read_note_file (FieldOptions *options,
                              int          *exit_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display_name = NULL;
  char *contents;

  if (options->note_file == NULL)
    return TRUE;

  display_name = g_filename_display_name (options->note_file);

  if (options->note != NULL)
    {
      *exit_code = reseau_cli_usage_error (_("give either --note or --note-file, not both"));
      return FALSE;
    }

  contents = read_all (options->note_file, &error);
  if (contents == NULL)
    {
      g_printerr ("reseau-cli: ");
      g_printerr (_("could not read the note from %s: %s"), display_name, error->message);
      g_printerr ("\n");
      *exit_code = RESEAU_CLI_EXIT_FAILURE;
      return FALSE;
    }

  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_free (contents);
      *exit_code = reseau_cli_usage_error (_("the note in %s is not UTF-8 text"), display_name);
      return FALSE;
    }

  /* The newline ending the last line of a text file belongs to the file,
   * not to the note; everything else is kept as written. */
  if (g_str_has_suffix (contents, "\n"))
    contents[strlen (contents) - 1] = '\0';
  if (g_str_has_suffix (contents, "\r"))
    contents[strlen (contents) - 1] = '\0';

  options->note = contents;
  return TRUE;
}

/* Checks what can be checked without the database, so that a typo never
 * half-saves a contact. Prints the error itself. */
static gboolean
field_options_validate (FieldOptions *options,
                        guint        *cadence_days,
                        int          *exit_code)
{
  *cadence_days = 0;
  *exit_code = RESEAU_CLI_EXIT_USAGE;

  if (!field_options_read_note_file (options, exit_code))
    return FALSE;

  if (options->cadence != NULL && !is_blank (options->cadence))
    {
      guint64 days = 0;
      g_autofree char *stripped = reseau_text_strip_or_null (options->cadence);

      if (!g_ascii_string_to_unsigned (stripped, 10, 0, MAX_CADENCE_DAYS, &days, NULL))
        {
          reseau_cli_usage_error (_("--cadence wants a whole number of days from 0 to %d, not “%s”"),
                                  MAX_CADENCE_DAYS, options->cadence);
          return FALSE;
        }

      *cadence_days = (guint) days;
    }

  if (options->birthday != NULL && !is_blank (options->birthday))
    {
      g_autoptr(ReseauContact) probe = reseau_contact_new ();
      g_autofree char *stripped = reseau_text_strip_or_null (options->birthday);

      if (!reseau_contact_parse_birthday (probe, stripped))
        {
          reseau_cli_usage_error (_("“%s” is not a birthday: use YYYY-MM-DD, or --MM-DD without the year"),
                                  options->birthday);
          return FALSE;
        }
    }

  return TRUE;
}

/* For a person, "Anne-Laure de La Tour" gives "Anne-Laure de La" and "Tour":
 * the rule is simple enough to predict, and edit fixes the rare miss. A
 * single word is a given name: that is how people are first known. */
static void
apply_name (ReseauContact *contact,
            const char    *name)
{
  g_autofree char *stripped = reseau_text_strip_or_null (name);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) given = NULL;
  const char *family = NULL;

  reseau_contact_set_full_name (contact, stripped);

  if (reseau_contact_get_kind (contact) == RESEAU_CONTACT_KIND_ORGANIZATION)
    {
      if (reseau_contact_get_organization (contact) == NULL)
        reseau_contact_set_organization (contact, stripped);
      return;
    }

  reseau_contact_set_given_name (contact, NULL);
  reseau_contact_set_family_name (contact, NULL);

  if (stripped == NULL)
    return;

  /* Every word but the last goes to the given name, one space apart. */
  words = g_strsplit_set (stripped, " \t\n", -1);
  given = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;

      if (family != NULL)
        {
          if (given->len > 0)
            g_string_append_c (given, ' ');
          g_string_append (given, family);
        }
      family = words[i];
    }

  if (given->len == 0)
    {
      reseau_contact_set_given_name (contact, family);
      return;
    }

  reseau_contact_set_given_name (contact, given->str);
  reseau_contact_set_family_name (contact, family);
}

static void
replace_values (ReseauContact *contact,
                ReseauField    field,
                char         **values)
{
  reseau_contact_clear_values (contact, field);

  for (guint i = 0; values[i] != NULL; i++)
    reseau_contact_add_value (contact, field, NULL, values[i]);
}

static void
field_options_apply (const FieldOptions *options,
                     guint               cadence_days,
                     ReseauContact      *contact)
{
  if (options->is_organization)
    reseau_contact_set_kind (contact, RESEAU_CONTACT_KIND_ORGANIZATION);
  if (options->organization != NULL)
    reseau_contact_set_organization (contact, options->organization);
  if (options->name != NULL)
    apply_name (contact, options->name);
  if (options->title != NULL)
    reseau_contact_set_title (contact, options->title);

  if (options->emails != NULL)
    replace_values (contact, RESEAU_FIELD_EMAIL, options->emails);
  if (options->phones != NULL)
    replace_values (contact, RESEAU_FIELD_PHONE, options->phones);
  if (options->urls != NULL)
    replace_values (contact, RESEAU_FIELD_URL, options->urls);

  if (options->tags != NULL)
    {
      reseau_contact_clear_tags (contact);
      for (guint i = 0; options->tags[i] != NULL; i++)
        if (!is_blank (options->tags[i]))
          reseau_contact_add_tag (contact, options->tags[i]);
    }

  if (options->cadence != NULL)
    reseau_contact_set_cadence_days (contact, cadence_days);
  /* The note keeps its white space, but a blank one is no note. */
  if (options->note != NULL)
    reseau_contact_set_note (contact, is_blank (options->note) ? NULL : options->note);
  if (options->how_met != NULL)
    reseau_contact_set_how_met (contact, options->how_met);

  if (options->birthday != NULL)
    {
      g_autofree char *stripped = reseau_text_strip_or_null (options->birthday);

      if (stripped == NULL)
        reseau_contact_clear_birthday (contact);
      else
        reseau_contact_parse_birthday (contact, stripped);
    }

  if (options->introduced_by != NULL)
    {
      g_autofree char *stripped = reseau_text_strip_or_null (options->introduced_by);

      reseau_contact_set_introduced_by (contact, stripped);
    }
}

/* The introducer must be another contact that exists: a dangling link
 * would silently vanish. */
static gboolean
check_introducer (ReseauDatabase *database,
                  ReseauContact  *contact,
                  int            *exit_code)
{
  const char *introducer = reseau_contact_get_introduced_by (contact);
  g_autoptr(ReseauContact) found = NULL;
  g_autoptr(GError) error = NULL;

  if (introducer == NULL)
    return TRUE;

  if (g_strcmp0 (introducer, reseau_contact_get_uid (contact)) == 0)
    {
      *exit_code = reseau_cli_usage_error (_("a contact cannot have introduced itself"));
      return FALSE;
    }

  found = reseau_database_load_contact (database, introducer, &error);
  if (found == NULL)
    {
      *exit_code = reseau_cli_report_error (error, introducer);
      return FALSE;
    }

  return TRUE;
}

static int
nothing_to_save (void)
{
  return reseau_cli_usage_error (_("nothing to save: give at least a name, an organization, an email or a phone"));
}

int
reseau_cli_add (int    argc,
                char **argv)
{
  g_auto(FieldOptions) options = { NULL, };
  GOptionEntry entries[N_FIELD_ENTRIES + 1];
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  guint cadence_days;
  int status = RESEAU_CLI_EXIT_OK;

  field_entries_init (entries, &options);
  rest = reseau_cli_parse_options ("add", _("OPTION…"),
                                   _("Adds a contact and prints its UID."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] != NULL)
    return reseau_cli_usage_error (_("unexpected argument “%s”"), rest[0]);
  if (!field_options_validate (&options, &cadence_days, &status))
    return status;

  contact = reseau_contact_new ();
  field_options_apply (&options, cadence_days, contact);
  if (reseau_contact_is_empty (contact))
    return nothing_to_save ();

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;
  if (!check_introducer (database, contact, &status))
    return status;
  if (!reseau_database_save_contact (database, contact, &error))
    return reseau_cli_report_error (error, NULL);

  line = g_strconcat (reseau_contact_get_uid (contact), "\n", NULL);
  reseau_cli_write (line);

  return RESEAU_CLI_EXIT_OK;
}

int
reseau_cli_edit (int    argc,
                 char **argv)
{
  g_auto(FieldOptions) options = { NULL, };
  GOptionEntry entries[N_FIELD_ENTRIES + 1];
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  const char *uid;
  guint cadence_days;
  int status = RESEAU_CLI_EXIT_OK;

  field_entries_init (entries, &options);
  rest = reseau_cli_parse_options ("edit", _("UID OPTION…"),
                                   _("Changes a contact: each option given replaces that field; an empty value clears it."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] == NULL)
    return reseau_cli_usage_error (_("%s needs the UID of a contact"), "edit");
  if (rest[1] != NULL)
    return reseau_cli_usage_error (_("unexpected argument “%s”"), rest[1]);
  if (!field_options_any (&options))
    return reseau_cli_usage_error (_("nothing to change: give at least one option, such as --name"));
  if (!field_options_validate (&options, &cadence_days, &status))
    return status;

  uid = rest[0];
  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  contact = reseau_database_load_contact (database, uid, &error);
  if (contact == NULL)
    return reseau_cli_report_error (error, uid);

  field_options_apply (&options, cadence_days, contact);
  if (reseau_contact_is_empty (contact))
    return nothing_to_save ();
  if (!check_introducer (database, contact, &status))
    return status;
  if (!reseau_database_save_contact (database, contact, &error))
    return reseau_cli_report_error (error, uid);

  return RESEAU_CLI_EXIT_OK;
}

int
reseau_cli_delete (int    argc,
                   char **argv)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("delete", _("UID"),
                                   _("Deletes a contact for good."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] == NULL)
    return reseau_cli_usage_error (_("%s needs the UID of a contact"), "delete");
  if (rest[1] != NULL)
    return reseau_cli_usage_error (_("unexpected argument “%s”"), rest[1]);

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  if (!reseau_database_delete_contact (database, rest[0], &error))
    return reseau_cli_report_error (error, rest[0]);

  return RESEAU_CLI_EXIT_OK;
}
