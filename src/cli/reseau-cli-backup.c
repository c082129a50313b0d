/* reseau-cli-backup.c — backup and restore of all the data
 *
 * A thin front over reseau-database-backup.h: the copy holds everything,
 * including what never goes to the CardDAV server, and is consistent even
 * while the application runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-cli-private.h"

int
reseau_cli_backup (int    argc,
                   char **argv)
{
  const GOptionEntry entries[] = {
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("backup", _("FILE"),
                                   _("Writes a copy of all the data (contacts, interactions, follow-ups, referrals, events) to FILE, "
                                     "even while Réseau is running. “reseau-cli restore FILE” brings it back."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] == NULL)
    /* Translators: %s is the command's name, "backup" */
    return reseau_cli_usage_error (_("%s needs the name of the file to write"), "backup");
  if (rest[1] != NULL)
    return reseau_cli_usage_error (_("unexpected argument “%s”"), rest[1]);

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  file = g_file_new_for_commandline_arg (rest[0]);
  path = g_file_get_path (file);
  if (path == NULL)
    return reseau_cli_usage_error (_("“%s” is not a local file"), rest[0]);

  if (!reseau_database_backup_to (database, path, &error))
    return reseau_cli_report_error (error, NULL);

  return RESEAU_CLI_EXIT_OK;
}

int
reseau_cli_restore (int    argc,
                    char **argv)
{
  const GOptionEntry entries[] = {
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *kept = NULL;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("restore", _("FILE"),
                                   _("Replaces all the data with the backup in FILE, written by “reseau-cli backup”. "
                                     "The data as it was is kept beside the database first; a backup from an older Réseau is brought up to date. "
                                     "Quit Réseau before restoring, so that the window does not show what was there before."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] == NULL)
    /* Translators: %s is the command's name, "restore" */
    return reseau_cli_usage_error (_("%s needs the name of the backup file"), "restore");
  if (rest[1] != NULL)
    return reseau_cli_usage_error (_("unexpected argument “%s”"), rest[1]);

  file = g_file_new_for_commandline_arg (rest[0]);
  path = g_file_get_path (file);
  if (path == NULL)
    return reseau_cli_usage_error (_("“%s” is not a local file"), rest[0]);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("reseau-cli: ");
      g_printerr (_("there is no file “%s” to restore"), rest[0]);
      g_printerr ("\n");
      return RESEAU_CLI_EXIT_FAILURE;
    }

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  if (!reseau_database_restore_from (database, path, &kept, &error))
    return reseau_cli_report_error (error, NULL);

  g_printerr (_("Restored “%s”. The data as it was before is in “%s”."), rest[0], kept);
  g_printerr ("\n");

  return RESEAU_CLI_EXIT_OK;
}
