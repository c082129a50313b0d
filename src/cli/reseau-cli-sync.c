/* reseau-cli-sync.c — CardDAV accounts and sync from the command line
 *
 *   account add --url URL --user USER   discover the books, keep the password
 *                                       in the keyring, store the account
 *   account list                        the accounts, their books, last sync
 *   account remove ID                   forget an account (contacts stay)
 *   sync [--account ID]                 sync every account, or one
 *
 * The password is read from standard input (one line) or, on a terminal,
 * typed without echo. It goes to the server and to the keyring and nowhere
 * else: never printed, never in the database, wiped from memory once used.
 * The keyring is written before the account: when the keyring cannot keep
 * the password, no account is stored at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "reseau-cli-private.h"

/* Longer than any password a person types or a manager generates. */
#define MAX_PASSWORD_BYTES 4096

/* ------------------------------------------------------------------------
 * Reading the password
 * --------------------------------------------------------------------- */

/* Echo is switched off while the password is typed; a signal that ends the
 * program meanwhile must not leave the terminal silent. */
static struct termios saved_termios;
static volatile sig_atomic_t echo_off = 0;

static void
restore_echo_and_reraise (int signum)
{
  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* One line from fd, without its line break, into buffer (NUL-terminated).
 * Read a byte at a time so that nothing beyond the line is consumed and no
 * stdio buffer keeps a copy of the password. FALSE when nothing at all
 * could be read (end of input) or the line does not fit. */
static gboolean
read_line (int    fd,
           char  *buffer,
           gsize  size,
           int   *saved_errno)
{
  gsize length = 0;
  gboolean got_any = FALSE;

  *saved_errno = 0;

  for (;;)
    {
      char c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          *saved_errno = errno;
          return FALSE;
        }
      if (n == 0 || c == '\n')
        {
          if (n > 0)
            got_any = TRUE;
          break;
        }

      got_any = TRUE;
      if (length + 1 >= size)
        {
          *saved_errno = ENAMETOOLONG;
          return FALSE;
        }
      buffer[length++] = c;
    }

  /* A line typed or written on Windows ends with CR LF. */
  if (length > 0 && buffer[length - 1] == '\r')
    length--;
  buffer[length] = '\0';

  return got_any;
}

/* The password, from standard input when it is not a terminal (one line),
 * typed without echo otherwise. NULL after printing why; free it with
 * reseau_secret_free(). */
static char *
read_password (const char *user,
               const char *url,
               int        *exit_code)
{
  char buffer[MAX_PASSWORD_BYTES];
  gboolean on_terminal = isatty (STDIN_FILENO);
  gboolean ok;
  int saved_errno = 0;
  char *password;

  if (on_terminal)
    {
      struct termios quiet;
      struct sigaction action = { 0 };
      struct sigaction old_int, old_term, old_hup;

      if (tcgetattr (STDIN_FILENO, &saved_termios) != 0)
        {
          g_printerr ("reseau-cli: ");
          g_printerr (_("cannot switch off the echo of the terminal to read the password: %s"),
                      g_strerror (errno));
          g_printerr ("\n");
          *exit_code = RESEAU_CLI_EXIT_FAILURE;
          return NULL;
        }

      action.sa_handler = restore_echo_and_reraise;
      sigemptyset (&action.sa_mask);
      sigaction (SIGINT, &action, &old_int);
      sigaction (SIGTERM, &action, &old_term);
      sigaction (SIGHUP, &action, &old_hup);

      /* Echo off before the prompt shows: TCSAFLUSH drops what was typed
       * before it, which must not be the password. */
      quiet = saved_termios;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      echo_off = 1;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);

      /* Translators: the prompt for the password of a CardDAV account;
       * the first %s is the user name, the second the server's address. */
      g_printerr (_("Password for %s at %s: "), user, url);

      ok = read_line (STDIN_FILENO, buffer, sizeof buffer, &saved_errno);

      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
      echo_off = 0;
      sigaction (SIGINT, &old_int, NULL);
      sigaction (SIGTERM, &old_term, NULL);
      sigaction (SIGHUP, &old_hup, NULL);
    }
  else
    {
      ok = read_line (STDIN_FILENO, buffer, sizeof buffer, &saved_errno);
    }

  if (!ok || buffer[0] == '\0')
    {
      explicit_bzero (buffer, sizeof buffer);

      if (saved_errno == ENAMETOOLONG)
        {
          g_printerr ("reseau-cli: ");
          g_printerr (_("the password is longer than %d bytes"), MAX_PASSWORD_BYTES - 1);
          g_printerr ("\n");
          *exit_code = RESEAU_CLI_EXIT_USAGE;
        }
      else if (saved_errno != 0)
        {
          g_printerr ("reseau-cli: ");
          g_printerr (_("cannot read the password: %s"), g_strerror (saved_errno));
          g_printerr ("\n");
          *exit_code = RESEAU_CLI_EXIT_FAILURE;
        }
      else
        {
          *exit_code = reseau_cli_usage_error (on_terminal
                                               ? _("no password given")
                                               : _("no password given: write it on the first line of the standard input"));
        }
      return NULL;
    }

  password = g_strdup (buffer);
  explicit_bzero (buffer, sizeof buffer);

  return password;
}

/* ------------------------------------------------------------------------
 * Helpers
 * --------------------------------------------------------------------- */

static void
write_line (const char *text)
{
  reseau_cli_write (text);
  reseau_cli_write ("\n");
}

/* "reseau-cli: MESSAGE" then, when there is one, what to do about it. */
static void
print_failure (const char *message,
               const char *hint)
{
  g_printerr ("reseau-cli: %s\n", message);
  if (hint != NULL)
    g_printerr ("%s\n", hint);
}

static gboolean
parse_account_id (const char *text,
                  gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *id = (gint64) value;
  return TRUE;
}

static int
missing_account (gint64 id)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_printerr ("reseau-cli: ");
  g_printerr (_("no account with ID %s"), id_text);
  g_printerr ("\n");
  g_printerr ("%s\n", _("“reseau-cli account list” shows the ID of every account."));

  return RESEAU_CLI_EXIT_FAILURE;
}

static ReseauAccount *
find_account (GPtrArray  *accounts,
              const char *server,
              const char *user)
{
  for (guint i = 0; i < accounts->len; i++)
    {
      ReseauAccount *account = g_ptr_array_index (accounts, i);

      if (g_strcmp0 (account->server, server) == 0 && g_strcmp0 (account->user, user) == 0)
        return account;
    }

  return NULL;
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) moment = NULL;

  if (unix_time <= 0)
    /* Translators: when an account was last synced */
    return g_strdup (_("never"));

  moment = g_date_time_new_from_unix_local (unix_time);

  /* Translators: when an account was last synced; see g_date_time_format(). */
  return g_date_time_format (moment, _("%Y-%m-%d %H:%M"));
}

/* ------------------------------------------------------------------------
 * account add
 * --------------------------------------------------------------------- */

static void
write_books (GPtrArray *books)
{
  for (guint i = 0; i < books->len; i++)
    {
      const ReseauAddressBook *book = g_ptr_array_index (books, i);
      g_autoptr(GString) line = g_string_new ("  ");

      if (book->display_name != NULL && *book->display_name != '\0')
        g_string_append_printf (line, "%s — %s", book->display_name, book->url);
      else
        g_string_append (line, book->url);

      if (book->read_only)
        g_string_append_printf (line, " (%s)", _("read-only"));
      if (!book->enabled)
        g_string_append_printf (line, " (%s)", _("not synced"));

      write_line (line->str);
    }
}

static int
account_add (int    argc,
             char **argv)
{
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url,
      N_("The server, its CardDAV address or an address book’s address"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The user name on the server"), N_("USER") },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(ReseauDavClient) client = NULL;
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(ReseauAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *heading = NULL;
  ReseauAccount *existing;
  char *password;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("account add", "",
                                   _("Adds a CardDAV account: finds its address books and keeps the password in the keyring, nowhere else. "
                                     "The password is read from the standard input when it is not a terminal (the first line), typed without echo otherwise. "
                                     "Adding an account that exists already checks and replaces its password."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] != NULL)
    return reseau_cli_usage_error (_("unexpected argument “%s”"), rest[0]);
  if (url == NULL || *url == '\0')
    /* Translators: %s is the command, "account add"; --url is an option */
    return reseau_cli_usage_error (_("%s needs the server’s address: --url URL"), "account add");
  if (user == NULL || *user == '\0')
    /* Translators: %s is the command, "account add"; --user is an option */
    return reseau_cli_usage_error (_("%s needs the user name: --user USER"), "account add");

  /* Before the password is asked for: a database that cannot open makes
   * the rest pointless. */
  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  password = read_password (user, url, &status);
  if (password == NULL)
    return status;

  /* Discovery proves the password: nothing is stored before it worked. */
  client = reseau_dav_client_new (user, password);
  books = reseau_dav_discover (client, url, &server, NULL, &error);
  g_clear_object (&client);
  if (books == NULL)
    {
      reseau_secret_free (password);

      if (g_error_matches (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNAUTHORIZED))
        print_failure (error->message,
                       _("The password is wrong, or the user name: nothing was saved. Check them and run “reseau-cli account add” again."));
      else
        print_failure (error->message, _("Nothing was saved."));

      return RESEAU_CLI_EXIT_FAILURE;
    }

  accounts = reseau_database_list_accounts (database, &error);
  if (accounts == NULL)
    {
      reseau_secret_free (password);
      return reseau_cli_report_error (error, NULL);
    }
  existing = find_account (accounts, server, user);

  /* The keyring first: if it cannot keep the password, no account exists
   * that would need one. */
  if (!reseau_secret_store (server, user, password, &error))
    {
      reseau_secret_free (password);
      /* The keyring's messages say what to do. */
      print_failure (error->message, NULL);
      g_printerr ("%s\n", existing != NULL
                  ? _("The account’s password was not changed.")
                  : _("The account was not added."));
      return RESEAU_CLI_EXIT_FAILURE;
    }
  reseau_secret_free (password);

  if (existing != NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, existing->id);
      g_autofree char *line = NULL;

      /* Translators: the account's ID, user name and server. */
      line = g_strdup_printf (_("Account %s (%s at %s) exists already: its password is now the one given."),
                              id, existing->user, existing->server);
      write_line (line);
      return RESEAU_CLI_EXIT_OK;
    }

  for (guint i = 0; i < books->len; i++)
    ((ReseauAddressBook *) g_ptr_array_index (books, i))->enabled = TRUE;

  account = reseau_account_new (server, user);
  if (!reseau_database_add_account (database, account, books, &error))
    {
      g_autoptr(GError) clear_error = NULL;

      /* No account: no password left behind for it either. */
      if (!reseau_secret_clear (server, user, &clear_error))
        g_printerr ("reseau-cli: %s\n", clear_error->message);

      return reseau_cli_report_error (error, NULL);
    }

  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, account->id);

    /* Translators: the first %s is the account's ID, then its user name
     * and its server. */
    heading = g_strdup_printf (_("Added account %s: %s at %s"), id, account->user, account->server);
  }
  write_line (heading);

  if (books->len == 0)
    {
      write_line (_("No address book was found on the server."));
    }
  else
    {
      write_line (g_dngettext (GETTEXT_PACKAGE, "Address book:", "Address books:", books->len));
      write_books (books);
    }

  return RESEAU_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------------
 * account list
 * --------------------------------------------------------------------- */

static int
account_list (int    argc,
              char **argv)
{
  const GOptionEntry entries[] = {
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("account list", "",
                                   _("Lists the CardDAV accounts: ID, user and server, address books, last sync and the last error."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] != NULL)
    return reseau_cli_usage_error (_("unexpected argument “%s”"), rest[0]);

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  accounts = reseau_database_list_accounts (database, &error);
  if (accounts == NULL)
    return reseau_cli_report_error (error, NULL);

  if (accounts->len == 0)
    {
      write_line (_("No account. Add one with “reseau-cli account add --url URL --user USER”."));
      return RESEAU_CLI_EXIT_OK;
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      const ReseauAccount *account = g_ptr_array_index (accounts, i);
      g_autoptr(GPtrArray) books = NULL;
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *last_sync = format_time (account->last_sync_at);
      g_autofree char *user_at_server = g_strdup_printf ("%s@%s", account->user, account->server);

      books = reseau_database_list_address_books (database, account->id, &error);
      if (books == NULL)
        return reseau_cli_report_error (error, NULL);

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s\n", account->id, user_at_server);
      reseau_cli_write (out->str);

      g_string_truncate (out, 0);
      for (guint b = 0; b < books->len; b++)
        {
          const ReseauAddressBook *book = g_ptr_array_index (books, b);
          g_autoptr(GString) value = g_string_new (NULL);

          if (book->display_name != NULL && *book->display_name != '\0')
            g_string_append_printf (value, "%s — %s", book->display_name, book->url);
          else
            g_string_append (value, book->url);
          if (book->read_only)
            g_string_append_printf (value, " (%s)", _("read-only"));
          if (!book->enabled)
            g_string_append_printf (value, " (%s)", _("not synced"));

          reseau_cli_append_help_row (out, b == 0 ? _("Address books:") : "", value->str);
        }
      if (books->len == 0)
        reseau_cli_append_help_row (out, _("Address books:"), _("none"));
      reseau_cli_append_help_row (out, _("Last sync:"), last_sync);
      if (account->last_error != NULL && *account->last_error != '\0')
        reseau_cli_append_help_row (out, _("Last error:"), account->last_error);

      reseau_cli_write (out->str);
    }

  return RESEAU_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------------
 * account remove
 * --------------------------------------------------------------------- */

static int
account_remove (int    argc,
                char **argv)
{
  const GOptionEntry entries[] = {
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(ReseauAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("account remove", _("ID"),
                                   _("Forgets a CardDAV account and removes its password from the keyring. "
                                     "Its contacts stay, as contacts of this computer only."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] == NULL)
    /* Translators: %s is the command, "account remove" */
    return reseau_cli_usage_error (_("%s needs the ID of an account"), "account remove");
  if (rest[1] != NULL)
    return reseau_cli_usage_error (_("unexpected argument “%s”"), rest[1]);
  if (!parse_account_id (rest[0], &id))
    return reseau_cli_usage_error (_("“%s” is not an account ID: “reseau-cli account list” shows them"), rest[0]);

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  account = reseau_database_get_account (database, id, &error);
  if (account == NULL)
    {
      if (g_error_matches (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND))
        return missing_account (id);
      return reseau_cli_report_error (error, NULL);
    }

  /* The keyring first: when it is locked or missing, the account is still
   * there and the same command can be run again later. */
  if (!reseau_secret_clear (account->server, account->user, &error))
    {
      /* The keyring's messages say what to do. */
      print_failure (error->message, NULL);
      g_printerr ("%s\n", _("The account was not removed."));
      return RESEAU_CLI_EXIT_FAILURE;
    }

  if (!reseau_database_remove_account (database, id, &error))
    {
      if (g_error_matches (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND))
        return missing_account (id);
      return reseau_cli_report_error (error, NULL);
    }

  {
    g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    g_autofree char *line = NULL;

    /* Translators: the account's ID, user name and server. */
    line = g_strdup_printf (_("Removed account %s (%s at %s); its contacts stay here."),
                            id_text, account->user, account->server);
    write_line (line);
  }

  return RESEAU_CLI_EXIT_OK;
}

int
reseau_cli_account (int    argc,
                    char **argv)
{
  const char *action = argc > 1 ? argv[1] : NULL;

  if (action == NULL)
    return reseau_cli_usage_error (_("account needs an action: add, list or remove"));

  /* "account add …" is parsed as the command "add" of its own. */
  if (strcmp (action, "add") == 0)
    return account_add (argc - 1, argv + 1);
  if (strcmp (action, "list") == 0)
    return account_list (argc - 1, argv + 1);
  if (strcmp (action, "remove") == 0)
    return account_remove (argc - 1, argv + 1);

  if (strcmp (action, "--help") == 0 || strcmp (action, "-h") == 0)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_string_append_printf (out, "%s\n  %s\n\n", _("Usage:"), _("reseau-cli account ACTION [OPTION…]"));
      g_string_append_printf (out, "%s\n", _("Actions:"));
      reseau_cli_append_help_row (out, _("add --url URL --user USER"),
                                  _("Add a CardDAV account (password on the standard input or typed)"));
      reseau_cli_append_help_row (out, "list", _("List the accounts"));
      reseau_cli_append_help_row (out, _("remove ID"),
                                  _("Forget an account and its password; its contacts stay"));
      g_string_append_printf (out, "\n%s\n", _("“reseau-cli account ACTION --help” shows the options of an action."));
      reseau_cli_write (out->str);
      return RESEAU_CLI_EXIT_OK;
    }

  return reseau_cli_usage_error (_("unknown account action “%s”: use add, list or remove"), action);
}

/* ------------------------------------------------------------------------
 * sync
 * --------------------------------------------------------------------- */

static const char *
hint_for_sync_error (const GError *error)
{
  if (g_error_matches (error, RESEAU_SYNC_ERROR, RESEAU_SYNC_ERROR_MASS_DELETION))
    return _("Nothing was deleted. If the server is right, run “reseau-cli sync --allow-deletions”.");
  if (g_error_matches (error, RESEAU_SYNC_ERROR, RESEAU_SYNC_ERROR_NO_ADDRESS_BOOK))
    return _("Remove the account and add it again to find its address books.");
  if (g_error_matches (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNAUTHORIZED))
    return _("If the password changed, give the new one with “reseau-cli account add” and the same --url and --user.");
  /* The keyring's other messages say what to do. */
  if (g_error_matches (error, RESEAU_SECRET_ERROR, RESEAU_SECRET_ERROR_NOT_FOUND))
    return _("Give the password again with “reseau-cli account add” and the same --url and --user.");

  return NULL;
}

/* Syncs one account; TRUE when it went through. Problems with single
 * cards are printed but do not make it fail. */
static gboolean
sync_one (ReseauDatabase      *database,
          const ReseauAccount *account,
          ReseauSyncFlags      flags,
          guint               *downloaded,
          guint               *uploaded,
          guint               *deleted,
          guint               *conflicts,
          guint               *requests)
{
  g_autoptr(GError) error = NULL;
  ReseauSyncStats stats;
  gboolean ok;
  char *password;

  password = reseau_secret_lookup (account->server, account->user, &error);
  if (password == NULL)
    {
      /* The account shows it until a sync goes through. */
      reseau_database_set_account_state (database, account->id, 0, error->message, NULL);
      g_printerr ("reseau-cli: %s@%s: %s\n", account->user, account->server, error->message);
      if (hint_for_sync_error (error) != NULL)
        g_printerr ("%s\n", hint_for_sync_error (error));
      return FALSE;
    }

  reseau_sync_stats_init (&stats);
  ok = reseau_sync_account (database, account->id, password, flags, NULL, NULL,
                            &stats, NULL, &error);
  reseau_secret_free (password);

  *downloaded += stats.downloaded;
  *uploaded += stats.uploaded;
  *deleted += stats.deleted;
  *conflicts += stats.conflicts;
  *requests += stats.requests;

  for (guint i = 0; stats.problems != NULL && i < stats.problems->len; i++)
    {
      g_autofree char *text = reseau_problem_format (g_ptr_array_index (stats.problems, i));

      g_printerr ("reseau-cli: %s\n", text);
    }

  if (!ok)
    {
      g_printerr ("reseau-cli: %s@%s: %s\n", account->user, account->server, error->message);
      if (hint_for_sync_error (error) != NULL)
        g_printerr ("%s\n", hint_for_sync_error (error));
    }

  reseau_sync_stats_clear (&stats);

  return ok;
}

int
reseau_cli_sync (int    argc,
                 char **argv)
{
  g_autofree char *account_text = NULL;
  gboolean allow_deletions = FALSE;
  gboolean verbose = FALSE;
  const GOptionEntry entries[] = {
    { "account", 'a', 0, G_OPTION_ARG_STRING, &account_text,
      N_("Sync only this account (“reseau-cli account list” shows the IDs)"), N_("ID") },
    { "allow-deletions", 0, 0, G_OPTION_ARG_NONE, &allow_deletions,
      N_("Apply a sync that deletes most contacts of an address book (refused otherwise)"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_("Also print the number of HTTP requests"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  ReseauSyncFlags flags = RESEAU_SYNC_FLAGS_NONE;
  guint downloaded = 0, uploaded = 0, deleted = 0, conflicts = 0, requests = 0;
  guint n_failed = 0;
  gint64 only_id = 0;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("sync", "",
                                   _("Syncs the contacts with every CardDAV account, or with one, both ways, "
                                     "and prints what was downloaded, uploaded and deleted, and how many conflicts the server’s side won. "
                                     "A sync that would delete most of an address book stops before deleting anything unless --allow-deletions is given."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] != NULL)
    return reseau_cli_usage_error (_("unexpected argument “%s”"), rest[0]);
  if (account_text != NULL && !parse_account_id (account_text, &only_id))
    return reseau_cli_usage_error (_("“%s” is not an account ID: “reseau-cli account list” shows them"), account_text);
  if (allow_deletions)
    flags |= RESEAU_SYNC_ALLOW_MASS_DELETION;

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  if (only_id != 0)
    {
      ReseauAccount *account = reseau_database_get_account (database, only_id, &error);

      if (account == NULL)
        {
          if (g_error_matches (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND))
            return missing_account (only_id);
          return reseau_cli_report_error (error, NULL);
        }
      accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_account_free);
      g_ptr_array_add (accounts, account);
    }
  else
    {
      accounts = reseau_database_list_accounts (database, &error);
      if (accounts == NULL)
        return reseau_cli_report_error (error, NULL);
    }

  if (accounts->len == 0)
    {
      print_failure (_("there is no account to sync with"),
                     _("Add one with “reseau-cli account add --url URL --user USER”."));
      return RESEAU_CLI_EXIT_FAILURE;
    }

  for (guint i = 0; i < accounts->len; i++)
    if (!sync_one (database, g_ptr_array_index (accounts, i), flags,
                   &downloaded, &uploaded, &deleted, &conflicts, &requests))
      n_failed++;

  /* What scripts parse: keep the order and the words, whatever the
   * language. Printed after a failure too: what was done is done. */
  g_string_append_printf (summary, "downloaded %u, uploaded %u, deleted %u, conflicts %u",
                          downloaded, uploaded, deleted, conflicts);
  write_line (summary->str);
  if (verbose)
    {
      g_autofree char *line = g_strdup_printf ("requests %u", requests);

      write_line (line);
    }

  if (n_failed > 0)
    {
      if (accounts->len > 1)
        {
          g_printerr ("reseau-cli: ");
          g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                   "%u account of %u could not be synced; the lines above say why.",
                                   "%u accounts of %u could not be synced; the lines above say why.",
                                   n_failed),
                      n_failed, accounts->len);
          g_printerr ("\n");
        }
      return RESEAU_CLI_EXIT_FAILURE;
    }

  return RESEAU_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------------
 * Conflicts in the JSON of list and show
 * --------------------------------------------------------------------- */

static JsonNode *
conflict_to_json (const ReseauConflict *conflict)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_utc (conflict->created_at);
  g_autofree char *created_text = created != NULL ? g_date_time_format_iso8601 (created) : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "property");
  json_builder_add_string_value (builder, conflict->property);
  json_builder_set_member_name (builder, "local_value");
  if (conflict->local_value != NULL)
    json_builder_add_string_value (builder, conflict->local_value);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "server_value");
  if (conflict->server_value != NULL)
    json_builder_add_string_value (builder, conflict->server_value);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "created_at");
  if (created_text != NULL)
    json_builder_add_string_value (builder, created_text);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
add_conflicts_to_object (JsonObject *object,
                         GHashTable *by_uid)
{
  const char *uid = json_object_get_string_member_with_default (object, "uid", NULL);
  GPtrArray *conflicts;
  JsonArray *array;

  if (uid == NULL || (conflicts = g_hash_table_lookup (by_uid, uid)) == NULL)
    return;

  array = json_array_sized_new (conflicts->len);
  for (guint i = 0; i < conflicts->len; i++)
    json_array_add_element (array, conflict_to_json (g_ptr_array_index (conflicts, i)));
  json_object_set_array_member (object, "conflicts", array);
}

gboolean
reseau_cli_add_conflicts_json (ReseauDatabase  *database,
                               JsonNode        *root,
                               GError         **error)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GHashTable) by_uid = NULL;

  conflicts = reseau_database_list_conflicts (database, NULL, error);
  if (conflicts == NULL)
    return FALSE;
  if (conflicts->len == 0)
    return TRUE;

  /* The list is newest first; each contact's share keeps that order. */
  by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                  (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < conflicts->len; i++)
    {
      ReseauConflict *conflict = g_ptr_array_index (conflicts, i);
      GPtrArray *mine = g_hash_table_lookup (by_uid, conflict->uid);

      if (mine == NULL)
        {
          mine = g_ptr_array_new ();
          g_hash_table_insert (by_uid, conflict->uid, mine);
        }
      g_ptr_array_add (mine, conflict);
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      add_conflicts_to_object (json_node_get_object (root), by_uid);
    }
  else if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            add_conflicts_to_object (json_node_get_object (element), by_uid);
        }
    }

  return TRUE;
}
