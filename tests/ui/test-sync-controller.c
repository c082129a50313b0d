/* test-sync-controller.c — when the phone sync runs, and sync conflicts
 *
 * The controller's scheduling, seen through its state: nothing runs and
 * nothing is armed without an account; the periodic timer follows the
 * "sync-interval" setting; an edit asks for a sync soon; a sync without a
 * stored password reports a keyring error and records it on the account.
 * Nothing here waits for a timer to fire: every wait is for a signal.
 * And the contact sheet's "Sync conflicts": shown, restored, dismissed;
 * and the account dialog: Cancel stops a discovery that hangs, and without
 * a keyring nothing is saved (a real Radicale, reseau-test-servers.h).
 *
 * Runs under a display with a session bus (build-aux/test-session, like
 * test-ui-widgets), GSETTINGS_BACKEND=memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include <string.h>

#include "reseau-account-dialog.h"
#include "reseau-contact-sheet.h"
#include "reseau-core.h"
#include "reseau-sync-controller.h"
#include "reseau-test-servers.h"
#include "reseau-test-utils.h"

typedef struct
{
  char           *dir;
  ReseauDatabase *database;
  GSettings      *settings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = reseau_test_make_temp_dir ();
  path = g_build_filename (fixture->dir, "reseau", "reseau.db", NULL);
  fixture->database = reseau_database_new (path);
  reseau_database_open (fixture->database, &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "sync-interval");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_settings_reset (fixture->settings, "sync-interval");
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->database);
  reseau_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *flag is set; a safety net of 30 s
 * turns a hang into a failure (nothing is asserted on time). */
static void
wait_for (gboolean   *flag,
          const char *what)
{
  guint timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) what);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static void
wait_for_signal (gpointer    instance,
                 const char *signal,
                 void      (*trigger) (gpointer),
                 gpointer    trigger_data)
{
  gboolean seen = FALSE;
  gulong handler;

  handler = g_signal_connect_swapped (instance, signal, G_CALLBACK (set_flag), &seen);
  if (trigger != NULL)
    trigger (trigger_data);
  wait_for (&seen, signal);
  g_signal_handler_disconnect (instance, handler);
}

static void
wait_until_idle (ReseauSyncController *controller)
{
  while (reseau_sync_controller_get_syncing (controller))
    wait_for_signal (controller, "notify::syncing", NULL, NULL);
}

static gint64
add_account_with_book (Fixture *fixture,
                       gint64  *book_id)
{
  g_autoptr(ReseauAccount) account = reseau_account_new ("http://127.0.0.1:9/", "alice");
  g_autoptr(GPtrArray) books = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_address_book_free);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (books, reseau_address_book_new ("http://127.0.0.1:9/alice/contacts/"));
  reseau_database_add_account (fixture->database, account, books, &error);
  g_assert_no_error (error);
  g_assert_cmpint (account->id, >, 0);
  if (book_id != NULL)
    *book_id = ((ReseauAddressBook *) g_ptr_array_index (books, 0))->id;

  return account->id;
}

static gint64
add_account (Fixture *fixture)
{
  return add_account_with_book (fixture, NULL);
}

typedef struct
{
  guint   n_synced;
  guint   n_finished;
  GError *error;
} Reports;

static void
on_account_synced (ReseauSyncController  *controller,
                   gint64                 account_id,
                   const ReseauSyncStats *stats,
                   const GError          *error,
                   Reports               *reports)
{
  reports->n_synced++;
  g_clear_error (&reports->error);
  if (error != NULL)
    reports->error = g_error_copy (error);
}

static void
on_finished (ReseauSyncController  *controller,
             const ReseauSyncStats *totals,
             Reports               *reports)
{
  reports->n_finished++;
}

static void
set_database (gpointer data)
{
  gpointer *args = data;

  reseau_sync_controller_set_database (args[0], args[1]);
}

static void
attach (ReseauSyncController *controller,
        ReseauDatabase       *database)
{
  gpointer args[] = { controller, database };

  wait_for_signal (controller, "accounts-changed", set_database, args);
}

static void
count_run (guint      *n_runs,
           GParamSpec *pspec,
           gpointer    instance)
{
  if (reseau_sync_controller_get_syncing (instance))
    (*n_runs)++;
}

/* Tests */

static void
test_no_account (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ReseauSyncController) controller = reseau_sync_controller_new ();
  Reports reports = { 0 };

  g_signal_connect (controller, "account-synced", G_CALLBACK (on_account_synced), &reports);
  g_signal_connect (controller, "finished", G_CALLBACK (on_finished), &reports);

  /* Without a database, nothing at all. */
  reseau_sync_controller_sync_now (controller);
  g_assert_false (reseau_sync_controller_get_syncing (controller));

  attach (controller, fixture->database);
  g_assert_false (reseau_sync_controller_get_has_accounts (controller));
  g_assert_cmpuint (reseau_sync_controller_get_accounts (controller)->len, ==, 0);
  g_assert_false (reseau_sync_controller_get_timer_armed (controller));
  g_assert_false (reseau_sync_controller_get_sync_pending (controller));

  /* An edit asks for nothing. */
  reseau_sync_controller_contact_changed (controller);
  g_assert_false (reseau_sync_controller_get_sync_pending (controller));

  /* On demand: the accounts are read again, and no account is synced. */
  reseau_sync_controller_sync_now (controller);
  g_assert_true (reseau_sync_controller_get_syncing (controller));
  wait_until_idle (controller);
  g_assert_cmpuint (reseau_sync_controller_get_n_syncs (controller), ==, 0);
  g_assert_cmpuint (reports.n_synced, ==, 0);
  g_assert_cmpuint (reports.n_finished, ==, 0);
  g_assert_false (reseau_sync_controller_get_timer_armed (controller));

  /* Requests during a run make one more run, not one each. */
  {
    guint n_runs = 0;
    gulong handler = g_signal_connect_swapped (controller, "notify::syncing",
                                               G_CALLBACK (count_run), &n_runs);

    reseau_sync_controller_sync_now (controller);
    reseau_sync_controller_sync_now (controller);
    reseau_sync_controller_sync_now (controller);
    g_assert_cmpuint (n_runs, ==, 1);
    while (n_runs < 2 || reseau_sync_controller_get_syncing (controller))
      wait_for_signal (controller, "notify::syncing", NULL, NULL);
    g_assert_cmpuint (n_runs, ==, 2);
    g_signal_handler_disconnect (controller, handler);
  }

  reseau_sync_controller_set_database (controller, NULL);
}

static void
test_interval (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ReseauSyncController) controller = reseau_sync_controller_new ();

  g_assert_cmpuint (reseau_sync_controller_get_interval (controller), ==, 15);

  /* The account comes after the database: no sync at start is due. */
  attach (controller, fixture->database);
  g_assert_false (reseau_sync_controller_get_timer_armed (controller));
  add_account (fixture);
  wait_for_signal (controller, "accounts-changed",
                   (void (*) (gpointer)) reseau_sync_controller_reload_accounts, controller);

  g_assert_true (reseau_sync_controller_get_has_accounts (controller));
  g_assert_true (reseau_sync_controller_get_timer_armed (controller));
  g_assert_false (reseau_sync_controller_get_sync_pending (controller));

  /* The setting is followed live: 0 disarms, another value re-arms. */
  g_settings_set_uint (fixture->settings, "sync-interval", 0);
  while (reseau_sync_controller_get_interval (controller) != 0)
    wait_for_signal (controller, "notify::interval", NULL, NULL);
  g_assert_false (reseau_sync_controller_get_timer_armed (controller));

  g_settings_set_uint (fixture->settings, "sync-interval", 30);
  while (reseau_sync_controller_get_interval (controller) != 30)
    wait_for_signal (controller, "notify::interval", NULL, NULL);
  g_assert_true (reseau_sync_controller_get_timer_armed (controller));

  /* An edit asks for a sync soon; several make one. */
  reseau_sync_controller_contact_changed (controller);
  g_assert_true (reseau_sync_controller_get_sync_pending (controller));
  reseau_sync_controller_contact_changed (controller);
  g_assert_true (reseau_sync_controller_get_sync_pending (controller));
  g_assert_false (reseau_sync_controller_get_syncing (controller));

  /* No database, nothing armed. */
  reseau_sync_controller_set_database (controller, NULL);
  g_assert_false (reseau_sync_controller_get_timer_armed (controller));
  g_assert_false (reseau_sync_controller_get_sync_pending (controller));
  g_assert_false (reseau_sync_controller_get_has_accounts (controller));
}

static void
test_startup (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ReseauSyncController) controller = reseau_sync_controller_new ();

  /* An account already there: a sync follows shortly after the start. */
  add_account (fixture);
  attach (controller, fixture->database);
  g_assert_true (reseau_sync_controller_get_has_accounts (controller));
  g_assert_true (reseau_sync_controller_get_sync_pending (controller));
  g_assert_false (reseau_sync_controller_get_syncing (controller));

  reseau_sync_controller_set_database (controller, NULL);
  g_assert_false (reseau_sync_controller_get_sync_pending (controller));
}

static void
test_no_password (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ReseauSyncController) controller = reseau_sync_controller_new ();
  g_autoptr(ReseauAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  Reports reports = { 0 };
  ReseauSyncRemedy remedy;
  gint64 id;

  g_signal_connect (controller, "account-synced", G_CALLBACK (on_account_synced), &reports);
  g_signal_connect (controller, "finished", G_CALLBACK (on_finished), &reports);

  attach (controller, fixture->database);
  id = add_account (fixture);

  /* No password in the keyring for this account (or no keyring at all):
   * the engine never runs, the account says why. */
  reseau_sync_controller_sync_now (controller);
  g_assert_true (reseau_sync_controller_get_syncing (controller));
  g_assert_false (reseau_sync_controller_get_timer_armed (controller));
  wait_until_idle (controller);

  g_assert_cmpuint (reports.n_synced, ==, 1);
  g_assert_cmpuint (reports.n_finished, ==, 1);
  g_assert_cmpuint (reseau_sync_controller_get_n_syncs (controller), ==, 1);
  g_assert_nonnull (reports.error);
  g_assert_true (reports.error->domain == RESEAU_SECRET_ERROR);
  g_assert_true (reseau_sync_controller_get_timer_armed (controller));

  g_free (reseau_sync_describe_error (reports.error, "alice@127.0.0.1:9", 15, &remedy));
  if (g_error_matches (reports.error, RESEAU_SECRET_ERROR, RESEAU_SECRET_ERROR_NOT_FOUND))
    g_assert_cmpint (remedy, ==, RESEAU_SYNC_REMEDY_PASSWORD);

  account = reseau_database_get_account (fixture->database, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account->last_error);
  g_assert_nonnull (strstr (account->last_error, "alice@127.0.0.1:9"));
  g_assert_cmpint (account->last_sync_at, ==, 0);

  g_clear_error (&reports.error);
  reseau_sync_controller_set_database (controller, NULL);
}

static void
test_messages (void)
{
  static const struct {
    GQuark           domain;
    int              code;
    ReseauSyncRemedy remedy;
  } cases[] = {
    { 0, RESEAU_DAV_ERROR_UNAUTHORIZED, RESEAU_SYNC_REMEDY_PASSWORD },
    { 0, RESEAU_DAV_ERROR_UNREACHABLE, RESEAU_SYNC_REMEDY_RETRY },
    { 0, RESEAU_DAV_ERROR_TLS, RESEAU_SYNC_REMEDY_SETTINGS },
    { 0, RESEAU_DAV_ERROR_SERVER, RESEAU_SYNC_REMEDY_RETRY },
    { 1, RESEAU_SECRET_ERROR_LOCKED, RESEAU_SYNC_REMEDY_RETRY },
    { 1, RESEAU_SECRET_ERROR_UNAVAILABLE, RESEAU_SYNC_REMEDY_RETRY },
    { 1, RESEAU_SECRET_ERROR_TIMEOUT, RESEAU_SYNC_REMEDY_RETRY },
    { 1, RESEAU_SECRET_ERROR_NOT_FOUND, RESEAU_SYNC_REMEDY_PASSWORD },
    { 2, RESEAU_SYNC_ERROR_MASS_DELETION, RESEAU_SYNC_REMEDY_CONFIRM_DELETION },
    { 2, RESEAU_SYNC_ERROR_NO_ADDRESS_BOOK, RESEAU_SYNC_REMEDY_SETTINGS },
  };
  g_autoptr(ReseauAccount) account = reseau_account_new ("https://dav.example.org/remote.php/dav/", "alice");
  g_autofree char *label = reseau_sync_format_account_label (account);

  g_assert_cmpstr (label, ==, "alice@dav.example.org");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GQuark domain = cases[i].domain == 0 ? RESEAU_DAV_ERROR
                    : cases[i].domain == 1 ? RESEAU_SECRET_ERROR
                    : RESEAU_SYNC_ERROR;
      g_autoptr(GError) error = g_error_new_literal (domain, cases[i].code, "certificate expired");
      ReseauSyncRemedy remedy = RESEAU_SYNC_REMEDY_NONE;
      g_autofree char *message = reseau_sync_describe_error (error, label, 15, &remedy);

      g_assert_cmpint (remedy, ==, cases[i].remedy);
      g_assert_nonnull (strstr (message, label));
      /* A TLS problem is never hidden: its details are in the message. */
      if (domain == RESEAU_DAV_ERROR && cases[i].code == RESEAU_DAV_ERROR_TLS)
        g_assert_nonnull (strstr (message, "certificate expired"));
    }

  {
    g_autoptr(ReseauAccount) other = reseau_account_new ("http://127.0.0.1:5232/", "bob");
    g_autofree char *other_label = reseau_sync_format_account_label (other);

    g_assert_cmpstr (other_label, ==, "bob@127.0.0.1:5232");
  }
}

/* The sheet's conflicts ------------------------------------------------------ */

static void
collect_texts (GtkWidget *widget,
               GString   *texts)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_string_append (texts, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (texts, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
shows (GtkWidget  *widget,
       const char *text)
{
  g_autoptr(GString) texts = g_string_new (NULL);

  collect_texts (widget, texts);

  return strstr (texts->str, text) != NULL;
}

/* Iterates until the widget shows text (the sheet loads its conflicts
 * after the contact, without a signal of its own). */
static void
wait_for_text (GtkWidget  *widget,
               const char *text)
{
  guint timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) text);

  while (!shows (widget, text))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
show_uid_and_wait (ReseauContactSheet *sheet,
                   const char         *uid)
{
  gboolean shown = FALSE;
  gulong handler;

  handler = g_signal_connect_swapped (sheet, "notify::contact", G_CALLBACK (set_flag), &shown);
  reseau_contact_sheet_set_uid (sheet, uid);
  wait_for (&shown, "the contact sheet");
  g_signal_handler_disconnect (sheet, handler);
}

/* A sync that kept the server's note over the local one, as the engine
 * records it. Returns the contact's UID. */
static char *
make_conflict (Fixture *fixture)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(ReseauContact) merged = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_sync_change_free);
  g_autoptr(GError) error = NULL;
  ReseauSyncChange *change;
  ReseauConflict *conflict;
  gint64 book_id = 0;

  add_account_with_book (fixture, &book_id);

  reseau_contact_set_given_name (contact, "Élodie");
  reseau_contact_set_family_name (contact, "Lefèvre");
  reseau_contact_set_note (contact, "Rappeler en septembre");
  reseau_database_save_contact (fixture->database, contact, &error);
  g_assert_no_error (error);

  merged = reseau_contact_copy (contact);
  reseau_contact_set_note (merged, "Rappeler en octobre");

  change = g_new0 (ReseauSyncChange, 1);
  change->href = g_strdup ("http://127.0.0.1:9/alice/contacts/elodie.vcf");
  change->etag = g_strdup ("\"1\"");
  change->base = g_strdup ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Élodie Lefèvre\r\nN:Lefèvre;Élodie;;;\r\n"
                           "NOTE:Rappeler en octobre\r\nEND:VCARD\r\n");
  change->uid = g_strdup (reseau_contact_get_uid (contact));
  change->contact = g_object_ref (merged);
  change->expected_revision = reseau_database_get_contact_revision (fixture->database,
                                                                    reseau_contact_get_uid (contact),
                                                                    &error);
  g_assert_no_error (error);
  change->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_conflict_free);
  conflict = g_new0 (ReseauConflict, 1);
  conflict->uid = g_strdup (reseau_contact_get_uid (contact));
  conflict->property = g_strdup ("NOTE");
  conflict->local_value = g_strdup ("Rappeler en septembre");
  conflict->server_value = g_strdup ("Rappeler en octobre");
  conflict->local_lines = g_strdup ("NOTE:Rappeler en septembre\r\n");
  g_ptr_array_add (change->conflicts, conflict);
  g_ptr_array_add (changes, change);

  reseau_database_apply_sync_page (fixture->database, book_id, changes, "token-1", NULL, TRUE, NULL, &error);
  g_assert_no_error (error);

  return g_strdup (reseau_contact_get_uid (contact));
}

static void
test_sheet_restores_conflict (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *uid = make_conflict (fixture);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *sheet = reseau_contact_sheet_new ();
  gboolean changed = FALSE;
  gboolean reloaded = FALSE;
  gulong handler;
  GtkWidget *button;

  gtk_window_set_child (GTK_WINDOW (window), sheet);
  gtk_window_present (GTK_WINDOW (window));
  reseau_contact_sheet_set_database (RESEAU_CONTACT_SHEET (sheet), fixture->database);
  show_uid_and_wait (RESEAU_CONTACT_SHEET (sheet), uid);

  /* The server's value on the sheet, the local one in the conflict. */
  wait_for_text (sheet, "Sync conflicts");
  g_assert_true (shows (sheet, "The server’s value was kept; your value is saved here."));
  g_assert_true (shows (sheet, "Note"));
  g_assert_true (shows (sheet, "Yours: Rappeler en septembre · Server: Rappeler en octobre"));
  g_assert_cmpstr (reseau_contact_get_note (reseau_contact_sheet_get_contact (RESEAU_CONTACT_SHEET (sheet))),
                   ==, "Rappeler en octobre");

  /* Restore Mine: the contact changes, the window is told, the conflict goes. */
  button = find_button (sheet, "_Restore Mine");
  g_assert_nonnull (button);
  g_signal_connect_swapped (sheet, "contact-changed", G_CALLBACK (set_flag), &changed);
  handler = g_signal_connect_swapped (sheet, "notify::contact", G_CALLBACK (set_flag), &reloaded);
  g_signal_emit_by_name (button, "clicked");
  wait_for (&changed, "contact-changed");
  reloaded = FALSE;
  while (!reloaded || reseau_contact_sheet_get_contact (RESEAU_CONTACT_SHEET (sheet)) == NULL)
    {
      reloaded = FALSE;
      wait_for (&reloaded, "the restored contact");
    }
  g_signal_handler_disconnect (sheet, handler);

  g_assert_cmpstr (reseau_contact_get_note (reseau_contact_sheet_get_contact (RESEAU_CONTACT_SHEET (sheet))),
                   ==, "Rappeler en septembre");
  g_assert_false (shows (sheet, "Sync conflicts"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) left = reseau_database_list_conflicts (fixture->database, uid, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (left->len, ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sheet_dismisses_conflict (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *uid = make_conflict (fixture);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *sheet = reseau_contact_sheet_new ();
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button;

  gtk_window_set_child (GTK_WINDOW (window), sheet);
  gtk_window_present (GTK_WINDOW (window));
  reseau_contact_sheet_set_database (RESEAU_CONTACT_SHEET (sheet), fixture->database);
  show_uid_and_wait (RESEAU_CONTACT_SHEET (sheet), uid);
  wait_for_text (sheet, "Sync conflicts");

  button = find_button (sheet, "_Dismiss");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  {
    guint timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) "the conflict to go");

    while (shows (sheet, "Sync conflicts"))
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (timeout_id);
  }

  /* The server's value stays. */
  g_assert_cmpstr (reseau_contact_get_note (reseau_contact_sheet_get_contact (RESEAU_CONTACT_SHEET (sheet))),
                   ==, "Rappeler en octobre");
  left = reseau_database_list_conflicts (fixture->database, uid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The account dialog ------------------------------------------------------------ */

static gpointer
dialog_child (ReseauAccountDialog *dialog,
              const char          *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog), RESEAU_TYPE_ACCOUNT_DIALOG, name);

  g_assert_nonnull (child);
  return child;
}

static void
fill_dialog (ReseauAccountDialog *dialog,
             const char          *server,
             const char          *user,
             const char          *password)
{
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "server_row")), server);
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "user_row")), user);
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "password_row")), password);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             GPtrArray         *held)
{
  /* Accepted and never answered: a server that hangs. */
  g_ptr_array_add (held, g_object_ref (connection));
  return TRUE;
}

static void
test_dialog_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ReseauSyncController) controller = reseau_sync_controller_new ();
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *url = NULL;
  ReseauAccountDialog *dialog;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), held);
  g_socket_service_start (service);
  url = g_strdup_printf ("http://127.0.0.1:%u/", port);

  attach (controller, fixture->database);
  dialog = reseau_account_dialog_new (NULL, controller, NULL);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  /* Connect waits for the whole form. */
  g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, "next_button")));
  fill_dialog (dialog, url, "alice", "secret-alice");
  g_assert_true (gtk_widget_get_sensitive (dialog_child (dialog, "next_button")));

  g_signal_emit_by_name (dialog_child (dialog, "next_button"), "clicked");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog_child (dialog, "stack")), ==, "busy");
  g_assert_true (gtk_spinner_get_spinning (dialog_child (dialog, "spinner")));
  g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, "next_button")));

  /* Cancel stops it: back to the form, as typed, nothing said, nothing saved. */
  g_signal_emit_by_name (dialog_child (dialog, "cancel_button"), "clicked");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog_child (dialog, "stack")), ==, "form");
  g_assert_false (gtk_spinner_get_spinning (dialog_child (dialog, "spinner")));
  g_assert_null (reseau_account_dialog_get_error (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "server_row"))), ==, url);
  g_assert_true (gtk_widget_get_sensitive (dialog_child (dialog, "next_button")));

  accounts = reseau_database_list_accounts (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 0);

  /* Cancel again closes. */
  g_signal_emit_by_name (dialog_child (dialog, "cancel_button"), "clicked");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  g_object_unref (dialog);
  g_socket_service_stop (service);
  reseau_sync_controller_set_database (controller, NULL);
}

/* Iterates until the dialog reached the books or said what went wrong. */
static void
wait_for_dialog (ReseauAccountDialog *dialog,
                 const char          *page)
{
  guint timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) page);

  while (g_strcmp0 (gtk_stack_get_visible_child_name (dialog_child (dialog, "stack")), page) != 0
         || gtk_spinner_get_spinning (dialog_child (dialog, "spinner")))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
}

static void
no_keyring_in_subprocess (Fixture *fixture)
{
  g_autoptr(ReseauTestServer) server = NULL;
  g_autoptr(ReseauSyncController) controller = reseau_sync_controller_new ();
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  ReseauAccountDialog *dialog;
  const char *message;

  server = reseau_test_server_start (RESEAU_TEST_RADICALE);
  if (server == NULL)
    return;

  attach (controller, fixture->database);
  dialog = reseau_account_dialog_new (NULL, controller, NULL);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  fill_dialog (dialog, server->base_url, server->user, server->password);
  g_signal_emit_by_name (dialog_child (dialog, "next_button"), "clicked");
  wait_for_dialog (dialog, "books");
  g_assert_null (reseau_account_dialog_get_error (dialog));

  /* Add: the keyring is asked first, and it is not there. */
  g_signal_emit_by_name (dialog_child (dialog, "next_button"), "clicked");
  wait_for_dialog (dialog, "books");
  message = reseau_account_dialog_get_error (dialog);
  g_assert_nonnull (message);
  g_test_message ("The dialog says: %s", message);
  g_assert_nonnull (strstr (message, "nothing was saved"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  accounts = reseau_database_list_accounts (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  reseau_sync_controller_set_database (controller, NULL);
}

static void
test_dialog_no_keyring (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *bus = NULL;

  if (g_test_subprocess ())
    {
      no_keyring_in_subprocess (fixture);
      return;
    }

  /* The same test in a process without a session bus: libsecret fails at
   * once (TESTING.md), as on a desktop with no keyring. GTK's accessibility
   * bridge would look for the bus too: off. */
  bus = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/reseau-test-bus", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (bus != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus, TRUE);
  else
    g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_unsetenv ("NO_AT_BRIDGE");
  g_unsetenv ("GTK_A11Y");

  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/sync-controller/no-account", Fixture, NULL, fixture_set_up, test_no_account, fixture_tear_down);
  g_test_add ("/ui/sync-controller/interval", Fixture, NULL, fixture_set_up, test_interval, fixture_tear_down);
  g_test_add ("/ui/sync-controller/startup", Fixture, NULL, fixture_set_up, test_startup, fixture_tear_down);
  g_test_add ("/ui/sync-controller/no-password", Fixture, NULL, fixture_set_up, test_no_password, fixture_tear_down);
  g_test_add_func ("/ui/sync-controller/messages", test_messages);
  g_test_add ("/ui/sheet/conflict-restored", Fixture, NULL, fixture_set_up, test_sheet_restores_conflict, fixture_tear_down);
  g_test_add ("/ui/sheet/conflict-dismissed", Fixture, NULL, fixture_set_up, test_sheet_dismisses_conflict, fixture_tear_down);
  g_test_add ("/ui/account-dialog/cancel", Fixture, NULL, fixture_set_up, test_dialog_cancel, fixture_tear_down);
  g_test_add ("/ui/account-dialog/no-keyring", Fixture, NULL, fixture_set_up, test_dialog_no_keyring, fixture_tear_down);

  return g_test_run ();
}
