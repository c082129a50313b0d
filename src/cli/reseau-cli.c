/* reseau-cli.c — the command-line front end: dispatch, help and errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "reseau-cli-private.h"

/* Wide enough for every command and option of the English help; longer
 * translations move their description to the next line. */
#define HELP_COLUMN 26

typedef struct
{
  const char *name;
  int       (*run) (int    argc,
                    char **argv);
  const char *synopsis;    /* translatable */
  const char *description; /* translatable */
} Command;

static const Command commands[] = {
  { "list", reseau_cli_list, N_("list [--json]"),
    N_("List every contact: UID, name, organization and first email") },
  { "show", reseau_cli_show, N_("show UID [--json]"),
    N_("Show everything known about a contact") },
  { "add", reseau_cli_add, N_("add OPTION…"),
    N_("Add a contact and print its UID") },
  { "edit", reseau_cli_edit, N_("edit UID OPTION…"),
    N_("Change a contact: each option given replaces that field, an empty value clears it") },
  { "delete", reseau_cli_delete, N_("delete UID"),
    N_("Delete a contact for good") },
  { "import", reseau_cli_import, N_("import [--verbose] FILE…"),
    N_("Import vCard files and LinkedIn, Google or Outlook CSV exports; print what was imported, updated and skipped") },
  { "export", reseau_cli_export, N_("export [--vcard-version 3.0|4.0] [--uid UID]… FILE"),
    N_("Write every contact, or the given ones, to one vCard file") },
  /* One row of the help per action; "account" dispatches them. */
  { "account", reseau_cli_account, N_("account add --url URL --user USER"),
    N_("Add a CardDAV account; the password is read from the standard input, or typed, and kept in the keyring") },
  { "account", reseau_cli_account, N_("account list"),
    N_("List the CardDAV accounts, their address books and last sync") },
  { "account", reseau_cli_account, N_("account remove ID"),
    N_("Forget an account and its password; its contacts stay") },
  { "sync", reseau_cli_sync, N_("sync [--account ID] [--allow-deletions] [--verbose]"),
    N_("Sync with the CardDAV accounts both ways; print what was downloaded, uploaded, deleted and the conflicts") },
  { "log", reseau_cli_log, N_("log --with UID|NAME… --type TYPE [--date DATE] [--direction asked|gave|mutual] [--note TEXT]"),
    N_("Log an interaction; its participants’ follow-up cadence starts again") },
  { "due", reseau_cli_due, N_("due [--json]"),
    N_("List who to get back to, earliest first: cadences run out, reminders, referrals to thank") },
  { "timeline", reseau_cli_timeline, N_("timeline [--contact UID] [--json]"),
    N_("List the interactions, newest first") },
  { "referral", reseau_cli_referral, N_("referral add --direction received|given --contact UID [--to UID] --subject TEXT [--date DATE] [--outcome pending|won|lost] [--value AMOUNT]"),
    N_("Record a referral received or given") },
  { "event", reseau_cli_event, N_("event add --name NAME --date DATE [--online|--in-person|--coworking] [--met UID]…"),
    N_("Record a networking event and who you met there") },
  { "backup", reseau_cli_backup, N_("backup FILE"),
    N_("Copy all the data, including what never goes to the CardDAV server, to one file") },
  { "restore", reseau_cli_restore, N_("restore FILE"),
    N_("Replace all the data with a backup; the current data is kept beside the database") },
};

void
reseau_cli_write (const char *text)
{
  fputs (text, stdout);
}

int
reseau_cli_usage_error (const char *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("reseau-cli: %s\n", message);
  g_printerr (_("Try “reseau-cli --help”."));
  g_printerr ("\n");

  return RESEAU_CLI_EXIT_USAGE;
}

int
reseau_cli_missing_contact (const char *uid)
{
  g_printerr ("reseau-cli: ");
  g_printerr (_("no contact with UID “%s”"), uid);
  g_printerr ("\n");
  g_printerr ("%s\n", _("“reseau-cli list” shows the UID of every contact."));

  return RESEAU_CLI_EXIT_FAILURE;
}

/* What the user can do about a failure, beyond what core's message says;
 * NULL when that message already says it all. */
static const char *
hint_for_error (const GError *error)
{
  if (error->domain != RESEAU_DATABASE_ERROR)
    return _("Try again; if it keeps failing, check the disk and the database file.");

  switch ((ReseauDatabaseError) error->code)
    {
    case RESEAU_DATABASE_ERROR_NOT_WRITABLE:
      /* Only a command-line user can point the program elsewhere. */
      return _("To keep the contacts in another folder, set XDG_DATA_HOME to a folder you can write to.");
    case RESEAU_DATABASE_ERROR_NEWER_SCHEMA:
    case RESEAU_DATABASE_ERROR_CORRUPT:
    case RESEAU_DATABASE_ERROR_DUPLICATE_UID:
    case RESEAU_DATABASE_ERROR_ALREADY_EXISTS:
      return NULL;
    case RESEAU_DATABASE_ERROR_NOT_FOUND:
    case RESEAU_DATABASE_ERROR_EMPTY_CONTACT:
    case RESEAU_DATABASE_ERROR_FAILED:
    default:
      return _("Try again; if it keeps failing, check the disk and the database file.");
    }
}

int
reseau_cli_report_error (const GError *error,
                         const char   *uid)
{
  const char *hint;

  if (uid != NULL && g_error_matches (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND))
    return reseau_cli_missing_contact (uid);

  if (g_error_matches (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_EMPTY_CONTACT))
    return reseau_cli_usage_error (_("nothing to save: give at least a name, an organization, an email or a phone"));

  hint = hint_for_error (error);
  g_printerr ("reseau-cli: %s\n", error->message);
  if (hint != NULL)
    g_printerr ("%s\n", hint);

  return RESEAU_CLI_EXIT_FAILURE;
}

GStrv
reseau_cli_parse_options (const char         *command,
                          const char         *parameter_string,
                          const char         *summary,
                          const GOptionEntry *entries,
                          int                 argc,
                          char              **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) rest = g_strv_builder_new ();
  g_autofree char *prgname = g_strconcat ("reseau-cli ", command, NULL);
  g_auto(GStrv) args = g_new0 (char *, argc + 1);
  gboolean parsed;

  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = g_option_context_new (parameter_string);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  /* The usage line of the command's --help is built from the program name. */
  g_set_prgname (prgname);
  parsed = g_option_context_parse_strv (context, &args, &error);
  g_set_prgname ("reseau-cli");

  if (!parsed)
    {
      reseau_cli_usage_error ("%s", error->message);
      return NULL;
    }

  /* args[0] is the command; GOption leaves a "--" separator in place. */
  for (guint i = 1; args[i] != NULL; i++)
    {
      if (i == 1 && strcmp (args[i], "--") == 0)
        continue;
      g_strv_builder_add (rest, args[i]);
    }

  return g_strv_builder_end (rest);
}

ReseauDatabase *
reseau_cli_open_database (int *exit_code)
{
  g_autoptr(ReseauDatabase) database = reseau_database_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!reseau_database_open (database, &error))
    {
      *exit_code = reseau_cli_report_error (error, NULL);
      return NULL;
    }

  return g_steal_pointer (&database);
}

void
reseau_cli_append_help_row (GString    *out,
                            const char *left,
                            const char *right)
{
  glong width = g_utf8_strlen (left, -1);

  g_string_append_printf (out, "  %s", left);

  if (width + 2 >= HELP_COLUMN)
    {
      g_string_append_c (out, '\n');
      width = -2;
    }

  for (glong i = width + 2; i < HELP_COLUMN; i++)
    g_string_append_c (out, ' ');

  g_string_append_printf (out, "%s\n", right);
}

static void
print_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *path = reseau_database_get_default_path ();

  g_string_append_printf (out, "%s\n  %s\n\n", _("Usage:"), _("reseau-cli COMMAND [OPTION…]"));
  g_string_append_printf (out, "%s\n\n", _("Keep your professional network at hand from the command line."));

  g_string_append_printf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    reseau_cli_append_help_row (out, _(commands[i].synopsis), _(commands[i].description));
  reseau_cli_append_help_row (out, "help", _("Show this help"));

  g_string_append_printf (out, "\n%s\n", _("Options of add and edit:"));
  reseau_cli_print_field_options (out);

  g_string_append_printf (out, "\n%s\n", _("Other options:"));
  reseau_cli_append_help_row (out, "--json", _("Print JSON (list, show, due and timeline)"));
  reseau_cli_append_help_row (out, "-h, --help", _("Show this help (after a command: the help of that command)"));
  reseau_cli_append_help_row (out, "--version", _("Print the version"));

  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Contacts are stored in %s, shared with the Réseau application."), path);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s\n", _("Exit status: 0 on success, 1 when the contact does not exist, a file could not be read or written, or the database failed, 2 when the command line is wrong."));

  reseau_cli_write (out->str);
}

static int
run_command (int    argc,
             char **argv)
{
  const char *name = argv[1];

  if (strcmp (name, "--version") == 0)
    {
      reseau_cli_write ("reseau-cli " PACKAGE_VERSION "\n");
      return RESEAU_CLI_EXIT_OK;
    }

  if (strcmp (name, "help") == 0 || strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0)
    {
      print_help ();
      return RESEAU_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (name, commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  if (name[0] == '-')
    return reseau_cli_usage_error (_("unknown option “%s”"), name);

  return reseau_cli_usage_error (_("unknown command “%s”"), name);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("reseau-cli");

  if (argc < 2)
    return reseau_cli_usage_error (_("no command given"));

  status = run_command (argc, argv);

  /* A full disk or a closed pipe must not pass for success. */
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      int saved_errno = errno;

      g_printerr ("reseau-cli: ");
      g_printerr (_("could not write the output: %s"), g_strerror (saved_errno));
      g_printerr ("\n");

      return RESEAU_CLI_EXIT_FAILURE;
    }

  return status;
}
