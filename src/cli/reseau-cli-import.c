/* reseau-cli-import.c — import and export of vCard and CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reseau-cli-private.h"

/* What an import read, kept when the command is done: the process ends
 * right after, and giving back 100,000 contacts one allocation at a time
 * took a quarter of a second, which the system does at once. Pointed to
 * from here, it is not a leak to LeakSanitizer. */
static gpointer import_kept_until_exit;

static void
write_line (const char *text)
{
  reseau_cli_write (text);
  reseau_cli_write ("\n");
}

/* "file:line: name: Matched “Anne Martin” by email anne@example.org" */
static void
write_update (const ReseauImportEntry *entry)
{
  g_autofree char *sentence = reseau_import_entry_describe_match (entry);
  g_autoptr(ReseauProblem) where = reseau_problem_new (entry->file, entry->line,
                                                       reseau_contact_get_display_name (entry->contact),
                                                       sentence);
  g_autofree char *line = reseau_problem_format (where);

  write_line (line);
}

int
reseau_cli_import (int    argc,
                   char **argv)
{
  gboolean verbose = FALSE;
  const GOptionEntry entries[] = {
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Also print what each updated contact matched"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(ReseauImport) import = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  GPtrArray *problems;
  GPtrArray *import_entries;
  guint n_unreadable;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("import", _("FILE…"),
                                   _("Imports contacts from vCard files (.vcf) and from the CSV exports of LinkedIn, Google Contacts and Outlook. "
                                     "A contact already in the address book (same UID, email, phone, or name and organization) is updated, never duplicated."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] == NULL)
    /* Translators: %s is the command's name, "import" */
    return reseau_cli_usage_error (_("%s needs at least one file"), "import");

  for (guint i = 0; rest[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (rest[i]));

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  import = reseau_import_new (database);
  if (!reseau_import_prepare (import, files, NULL, &error))
    {
      if (error->domain == RESEAU_IMPORT_ERROR)
        {
          GPtrArray *failures = reseau_import_get_problems (import);

          g_printerr ("reseau-cli: %s\n", error->message);
          /* With several files, say why each of the others failed too. */
          for (guint i = 1; failures != NULL && i < failures->len; i++)
            {
              const ReseauProblem *problem = g_ptr_array_index (failures, i);

              /* The message names the file already. */
              g_printerr ("reseau-cli: %s\n", problem->message);
            }
          return RESEAU_CLI_EXIT_FAILURE;
        }

      return reseau_cli_report_error (error, NULL);
    }

  if (!reseau_import_apply (import, NULL, &error))
    return reseau_cli_report_error (error, NULL);

  /* The first three counts are what scripts parse: keep their order and
   * their words, whatever the language. */
  g_string_append_printf (summary, "imported %u, updated %u, skipped %u, unchanged %u",
                          reseau_import_count (import, RESEAU_IMPORT_ACTION_NEW),
                          reseau_import_count (import, RESEAU_IMPORT_ACTION_UPDATE),
                          reseau_import_get_n_skipped (import),
                          reseau_import_count (import, RESEAU_IMPORT_ACTION_UNCHANGED));
  write_line (summary->str);

  problems = reseau_import_get_problems (import);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text = reseau_problem_format (g_ptr_array_index (problems, i));

      write_line (text);
    }

  if (verbose)
    {
      import_entries = reseau_import_get_entries (import);
      for (guint i = 0; i < import_entries->len; i++)
        {
          const ReseauImportEntry *entry = g_ptr_array_index (import_entries, i);

          if (entry->action == RESEAU_IMPORT_ACTION_UPDATE)
            write_update (entry);
        }
    }

  n_unreadable = reseau_import_get_n_unreadable (import);
  if (n_unreadable > 0)
    {
      g_printerr ("reseau-cli: ");
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%u file could not be imported; the lines above say why.",
                               "%u files could not be imported; the lines above say why.",
                               n_unreadable),
                  n_unreadable);
      g_printerr ("\n");
      return RESEAU_CLI_EXIT_FAILURE;
    }

  import_kept_until_exit = g_steal_pointer (&import);
  return RESEAU_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------------
 * export
 * --------------------------------------------------------------------- */

int
reseau_cli_export (int    argc,
                   char **argv)
{
  g_autofree char *version_text = NULL;
  g_auto(GStrv) uids = NULL;
  const GOptionEntry entries[] = {
    { "vcard-version", 0, 0, G_OPTION_ARG_STRING, &version_text,
      N_("Write vCard 3.0 or 4.0 (the default)"), N_("VERSION") },
    { "uid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &uids,
      N_("Export only this contact (may be repeated)"), N_("UID") },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GError) error = NULL;
  ReseauVCardVersion version = RESEAU_VCARD_VERSION_4_0;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("export", _("FILE"),
                                   _("Writes every contact, or those given with --uid, to one vCard file. "
                                     "What only Réseau knows (how you met, who introduced you, the follow-up cadence) travels along, so that importing the file restores it."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] == NULL)
    /* Translators: %s is the command's name, "export" */
    return reseau_cli_usage_error (_("%s needs the name of the file to write"), "export");
  if (rest[1] != NULL)
    return reseau_cli_usage_error (_("unexpected argument “%s”"), rest[1]);

  if (version_text != NULL)
    {
      if (strcmp (version_text, "3.0") == 0 || strcmp (version_text, "3") == 0)
        version = RESEAU_VCARD_VERSION_3_0;
      else if (strcmp (version_text, "4.0") == 0 || strcmp (version_text, "4") == 0)
        version = RESEAU_VCARD_VERSION_4_0;
      else
        return reseau_cli_usage_error (_("unknown vCard version “%s”: use 3.0 or 4.0"), version_text);
    }

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  if (uids != NULL)
    {
      contacts = reseau_database_load_contacts (database, (const char * const *) uids, &error);
      if (contacts == NULL)
        return reseau_cli_report_error (error, NULL);

      /* load_contacts leaves out what it does not find: name the first. */
      found = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint j = 0; j < contacts->len; j++)
        g_hash_table_add (found, (gpointer) reseau_contact_get_uid (g_ptr_array_index (contacts, j)));
      for (guint i = 0; uids[i] != NULL; i++)
        if (!g_hash_table_contains (found, uids[i]))
          return reseau_cli_missing_contact (uids[i]);
    }
  else
    {
      contacts = reseau_database_list_contacts (database, &error);
      if (contacts == NULL)
        return reseau_cli_report_error (error, NULL);
    }

  file = g_file_new_for_commandline_arg (rest[0]);
  if (!reseau_export_contacts (contacts, version, file, NULL, &error))
    {
      g_printerr ("reseau-cli: %s\n", error->message);
      return RESEAU_CLI_EXIT_FAILURE;
    }

  return RESEAU_CLI_EXIT_OK;
}
