/* reseau-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-account-dialog.h"
#include "reseau-preferences-window.h"
#include "reseau-tag-cadences-group.h"

/* Only settings that change something today. "sort-order" is in the schema
 * but names always sort by display name, so it has no row. The contact
 * list's order (by name or by strength, "contacts-sort") is chosen in the
 * window's main menu, where the list is.
 *
 * The phone sync page shows the accounts as the sync controller last read
 * them: one expander row per account, updated in place when the controller
 * reads them again (after each sync), so that a row the user opened stays
 * open. An account's address books are read once, when its row is made. */

/* The choices of the interval row, in minutes; a value set elsewhere
 * (gsettings) is added after them. */
static const guint interval_choices[] = { 0, 5, 15, 30, 60 };

/* Relative times ("5 minutes ago") are refreshed this often. */
#define REFRESH_SECONDS 30

struct _ReseauPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkAdjustment        *cadence_adjustment;
  AdwPreferencesPage   *sync_page;
  AdwPreferencesGroup  *sync_group;
  AdwComboRow          *interval_row;
  AdwPreferencesGroup  *accounts_group;
  GtkButton            *add_account_button;
  AdwActionRow         *no_accounts_row;
  ReseauTagCadencesGroup *tag_cadences_group;

  /* Owned */
  GSettings            *settings;
  ReseauSyncController *controller;
  GCancellable         *cancellable;
  GtkStringList        *interval_names;
  GArray               *interval_values;  /* guint minutes, one per name */
  GHashTable           *rows;             /* gint64* account id → AdwExpanderRow* (borrowed) */
  guint                 refresh_id;

  guint                 updating_interval : 1;
};

G_DEFINE_FINAL_TYPE (ReseauPreferencesWindow, reseau_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The interval --------------------------------------------------------------- */

static char *
interval_name (guint minutes)
{
  if (minutes == 0)
    return g_strdup (C_("sync interval", "Never"));
  if (minutes % 60 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every hour", "Every %u hours", minutes / 60),
                            minutes / 60);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every minute", "Every %u minutes", minutes),
                          minutes);
}

static void
sync_interval_row (ReseauPreferencesWindow *self)
{
  guint minutes = g_settings_get_uint (self->settings, "sync-interval");
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < self->interval_values->len; i++)
    {
      if (g_array_index (self->interval_values, guint, i) == minutes)
        position = i;
    }

  if (position == GTK_INVALID_LIST_POSITION)
    {
      g_autofree char *name = interval_name (minutes);

      gtk_string_list_append (self->interval_names, name);
      g_array_append_val (self->interval_values, minutes);
      position = self->interval_values->len - 1;
    }

  self->updating_interval = TRUE;
  adw_combo_row_set_selected (self->interval_row, position);
  self->updating_interval = FALSE;
}

static void
on_interval_selected (ReseauPreferencesWindow *self)
{
  guint position = adw_combo_row_get_selected (self->interval_row);

  if (self->updating_interval || position >= self->interval_values->len)
    return;

  g_settings_set_uint (self->settings, "sync-interval",
                       g_array_index (self->interval_values, guint, position));
}

/* Accounts -------------------------------------------------------------------- */

static const ReseauAccount *
row_account (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "reseau-account");
}

static char *
format_last_sync (gint64 last_sync_at)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = NULL;
  gint64 seconds;

  if (last_sync_at <= 0)
    return g_strdup (_("Never synced"));

  seconds = g_date_time_to_unix (now) - last_sync_at;
  if (seconds < 60)
    return g_strdup (_("Last synced just now"));
  if (seconds < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last synced %u minute ago",
                                         "Last synced %u minutes ago", (gulong) (seconds / 60)),
                            (guint) (seconds / 60));
  if (seconds < 24 * 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last synced %u hour ago",
                                         "Last synced %u hours ago", (gulong) (seconds / 3600)),
                            (guint) (seconds / 3600));

  then = g_date_time_new_from_unix_local (last_sync_at);
  {
    /* TRANSLATORS: a date and time, e.g. "12 April 2024, 14:05"; see
     * g_date_time_format() for the codes. */
    /* xgettext:no-c-format */
    g_autofree char *when = g_date_time_format (then, C_("date and time", "%-e %B %Y, %H:%M"));

    /* Translators: %s is a date and time */
    return g_strdup_printf (_("Last synced on %s"), when);
  }
}

static void
update_account_row (GtkWidget           *row,
                    const ReseauAccount *account)
{
  g_autofree char *label = reseau_sync_format_account_label (account);

  g_object_set_data_full (G_OBJECT (row), "reseau-account",
                          reseau_account_copy (account), (GDestroyNotify) reseau_account_free);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);

  if (account->last_error != NULL)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), account->last_error);
      gtk_widget_add_css_class (row, "reseau-sync-failed");
    }
  else
    {
      g_autofree char *state = format_last_sync (account->last_sync_at);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), state);
      gtk_widget_remove_css_class (row, "reseau-sync-failed");
    }
}

static void
book_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkSwitch) toggle = user_data;
  g_autoptr(GError) error = NULL;
  ReseauAddressBook *book;
  GtkRoot *root;

  if (reseau_database_save_address_book_finish (RESEAU_DATABASE (object), result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Back to what is stored, and say why. */
  book = g_object_get_data (G_OBJECT (toggle), "reseau-book");
  book->enabled = !book->enabled;
  g_object_set_data (G_OBJECT (toggle), "reseau-reverting", GINT_TO_POINTER (TRUE));
  gtk_switch_set_active (toggle, book->enabled);
  g_object_set_data (G_OBJECT (toggle), "reseau-reverting", NULL);

  root = gtk_widget_get_root (GTK_WIDGET (toggle));
  if (ADW_IS_PREFERENCES_WINDOW (root))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (escaped));
    }
}

static void
on_book_toggled (GtkSwitch               *toggle,
                 GParamSpec              *pspec,
                 ReseauPreferencesWindow *self)
{
  ReseauAddressBook *book = g_object_get_data (G_OBJECT (toggle), "reseau-book");
  ReseauDatabase *database = reseau_sync_controller_get_database (self->controller);

  if (g_object_get_data (G_OBJECT (toggle), "reseau-reverting") != NULL || database == NULL)
    return;
  if (book->enabled == gtk_switch_get_active (toggle))
    return;

  book->enabled = gtk_switch_get_active (toggle);
  reseau_database_save_address_book_async (database, book, self->cancellable,
                                           book_saved_cb, g_object_ref (toggle));
  /* A book turned on is synced soon, one turned off simply stops. */
  if (book->enabled)
    reseau_sync_controller_contact_changed (self->controller);
}

static void
add_book_row (ReseauPreferencesWindow *self,
              AdwExpanderRow          *expander,
              const ReseauAddressBook *book)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  const char *name = book->display_name != NULL && *book->display_name != '\0'
                     ? book->display_name : book->url;
  g_autofree char *accessible = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (book->read_only)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Read-only: changes made here stay here"));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Address book"));

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), book->enabled);
  /* Translators: %s is the name of an address book on the server */
  accessible = g_strdup_printf (_("Sync “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data_full (G_OBJECT (toggle), "reseau-book",
                          reseau_address_book_copy (book), (GDestroyNotify) reseau_address_book_free);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_book_toggled), self, 0);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

  /* Before the password and removal rows, which were added first. */
  adw_expander_row_add_row (expander, row);
}

typedef struct
{
  ReseauPreferencesWindow *self;
  GtkWidget               *row;   /* weak */
} BooksData;

static void
books_data_free (BooksData *data)
{
  g_clear_object (&data->self);
  g_clear_weak_pointer (&data->row);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BooksData, books_data_free)

static void
books_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BooksData) data = user_data;
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GError) error = NULL;

  books = reseau_database_list_address_books_finish (RESEAU_DATABASE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || data->row == NULL)
    return;

  if (books == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (data->self), adw_toast_new (escaped));
      return;
    }

  for (guint i = 0; i < books->len; i++)
    add_book_row (data->self, ADW_EXPANDER_ROW (data->row), g_ptr_array_index (books, i));
}

static void
on_change_password_clicked (GtkButton               *button,
                            ReseauPreferencesWindow *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "reseau-row");

  reseau_preferences_window_change_password (self, row_account (row)->id);
}

typedef struct
{
  ReseauPreferencesWindow *self;
  ReseauAccount           *account;
} RemoveData;

static void
remove_data_free (RemoveData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->account, reseau_account_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoveData, remove_data_free)

static RemoveData *
remove_data_new (ReseauPreferencesWindow *self,
                 const ReseauAccount     *account)
{
  RemoveData *data = g_new0 (RemoveData, 1);

  data->self = g_object_ref (self);
  data->account = reseau_account_copy (account);

  return data;
}

static void
secret_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RemoveData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (reseau_secret_clear_finish (result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  {
    /* Translators: %s says why (the keyring is locked…) */
    g_autofree char *message = g_strdup_printf (_("The account was removed, but its password is still in the keyring: %s"),
                                                error->message);
    g_autofree char *escaped = g_markup_escape_text (message, -1);
    AdwToast *toast = adw_toast_new (escaped);

    adw_toast_set_timeout (toast, 0);
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (data->self), toast);
  }
}

static void
account_removed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RemoveData) data = user_data;
  g_autoptr(GError) error = NULL;
  const ReseauAccount *account;

  if (!reseau_database_remove_account_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *escaped = g_markup_escape_text (error->message, -1);

          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (data->self), adw_toast_new (escaped));
        }
      return;
    }

  reseau_sync_controller_reload_accounts (data->self->controller);

  /* Another account on the same server with the same user cannot exist,
   * so the keyring entry is this account's alone. Not cancelled with the
   * window: the password must go even if Preferences is closed at once. */
  account = data->account;
  reseau_secret_clear_async (account->server, account->user, NULL,
                             secret_cleared_cb, g_steal_pointer (&data));
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RemoveData       *data)
{
  ReseauDatabase *database = reseau_sync_controller_get_database (data->self->controller);

  if (g_strcmp0 (response, "remove") != 0 || database == NULL)
    return;

  reseau_database_remove_account_async (database, data->account->id, data->self->cancellable,
                                        account_removed_cb,
                                        remove_data_new (data->self, data->account));
}

static void
on_remove_clicked (GtkButton               *button,
                   ReseauPreferencesWindow *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "reseau-row");
  const ReseauAccount *account = row_account (row);
  g_autofree char *label = reseau_sync_format_account_label (account);
  RemoveData *data;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove Account?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s is an account, "alice@dav.example.org" */
                                  _("%s will no longer be synced. Its contacts stay on this computer and on the server; its password is removed from the keyring."),
                                  label);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  data = remove_data_new (self, account);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_remove_response), data,
                         (GClosureNotify) (void (*) (void)) remove_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
make_button_row (const char *title,
                 const char *subtitle,
                 const char *button_label,
                 const char *accessible_label,
                 gboolean    destructive,
                 GtkWidget  *expander,
                 GCallback   callback,
                 gpointer    self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (button_label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (destructive)
    gtk_widget_add_css_class (button, "destructive-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  g_object_set_data (G_OBJECT (button), "reseau-row", expander);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  return row;
}

static GtkWidget *
make_account_row (ReseauPreferencesWindow *self,
                  const ReseauAccount     *account)
{
  GtkWidget *row = adw_expander_row_new ();
  ReseauDatabase *database = reseau_sync_controller_get_database (self->controller);
  g_autofree char *label = reseau_sync_format_account_label (account);
  g_autofree char *password_label = NULL;
  g_autofree char *remove_label = NULL;
  BooksData *data;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  update_account_row (row, account);

  /* Translators: accessible name of a button; %s is an account */
  password_label = g_strdup_printf (_("Change the password of %s"), label);
  /* Translators: accessible name of a button; %s is an account */
  remove_label = g_strdup_printf (C_("account", "Remove %s"), label);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            make_button_row (_("Password"), _("Kept in your keyring"),
                                             _("_Change Password…"), password_label, FALSE,
                                             row, G_CALLBACK (on_change_password_clicked), self));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            make_button_row (_("Remove Account"),
                                             _("Its contacts stay on this computer"),
                                             _("_Remove Account…"), remove_label, TRUE,
                                             row, G_CALLBACK (on_remove_clicked), self));

  if (database != NULL)
    {
      data = g_new0 (BooksData, 1);
      data->self = g_object_ref (self);
      g_set_weak_pointer (&data->row, row);
      reseau_database_list_address_books_async (database, account->id, self->cancellable,
                                                books_loaded_cb, data);
    }

  return row;
}

static void
on_accounts_changed (ReseauPreferencesWindow *self)
{
  GPtrArray *accounts = reseau_sync_controller_get_accounts (self->controller);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < accounts->len; i++)
    {
      const ReseauAccount *account = g_ptr_array_index (accounts, i);
      GtkWidget *row = g_hash_table_lookup (self->rows, &account->id);

      if (row != NULL)
        update_account_row (row, account);
      else
        {
          gint64 *id = g_new (gint64, 1);

          *id = account->id;
          row = make_account_row (self, account);
          /* Most people have one account: its books and buttons show at
           * once. With several, each opens on demand. */
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), accounts->len == 1);
          g_hash_table_insert (self->rows, id, row);
          adw_preferences_group_add (self->accounts_group, row);
        }
      g_hash_table_add (seen, (gpointer) &account->id);
    }

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (seen, key))
        {
          adw_preferences_group_remove (self->accounts_group, value);
          g_hash_table_iter_remove (&iter);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->no_accounts_row), g_hash_table_size (self->rows) == 0);
}

static gboolean
refresh_times (gpointer user_data)
{
  ReseauPreferencesWindow *self = user_data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autoptr(ReseauAccount) account = reseau_account_copy (row_account (value));

      update_account_row (value, account);
    }

  return G_SOURCE_CONTINUE;
}

static void
on_dialog_done (ReseauPreferencesWindow *self)
{
  reseau_sync_controller_reload_accounts (self->controller);
}

static void
open_account_dialog (ReseauPreferencesWindow *self,
                     const ReseauAccount     *account)
{
  ReseauAccountDialog *dialog;

  if (self->controller == NULL || reseau_sync_controller_get_database (self->controller) == NULL)
    return;

  dialog = reseau_account_dialog_new (GTK_WINDOW (self), self->controller, account);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_account_clicked (ReseauPreferencesWindow *self)
{
  open_account_dialog (self, NULL);
}

void
reseau_preferences_window_change_password (ReseauPreferencesWindow *self,
                                           gint64                   account_id)
{
  GPtrArray *accounts;

  g_return_if_fail (RESEAU_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->sync_page));

  if (self->controller == NULL)
    return;

  accounts = reseau_sync_controller_get_accounts (self->controller);
  for (guint i = 0; i < accounts->len; i++)
    {
      const ReseauAccount *account = g_ptr_array_index (accounts, i);

      if (account->id == account_id)
        {
          open_account_dialog (self, account);
          return;
        }
    }
}

/* GObject ----------------------------------------------------------------------- */

static void
reseau_preferences_window_dispose (GObject *object)
{
  ReseauPreferencesWindow *self = RESEAU_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  if (self->interval_row != NULL)
    g_signal_handlers_disconnect_by_data (self->interval_row, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->controller);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->interval_names);
  g_clear_pointer (&self->interval_values, g_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (reseau_preferences_window_parent_class)->dispose (object);
}

static void
reseau_preferences_window_class_init (ReseauPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_preferences_window_dispose;

  g_type_ensure (RESEAU_TYPE_TAG_CADENCES_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauPreferencesWindow, cadence_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ReseauPreferencesWindow, sync_page);
  gtk_widget_class_bind_template_child (widget_class, ReseauPreferencesWindow, sync_group);
  gtk_widget_class_bind_template_child (widget_class, ReseauPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauPreferencesWindow, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, ReseauPreferencesWindow, add_account_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauPreferencesWindow, no_accounts_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauPreferencesWindow, tag_cadences_group);

  gtk_widget_class_bind_template_callback (widget_class, on_interval_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_add_account_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
reseau_preferences_window_init (ReseauPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->interval_names = gtk_string_list_new (NULL);
  self->interval_values = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < G_N_ELEMENTS (interval_choices); i++)
    {
      g_autofree char *name = interval_name (interval_choices[i]);

      gtk_string_list_append (self->interval_names, name);
      g_array_append_val (self->interval_values, interval_choices[i]);
    }

  self->updating_interval = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->interval_row, G_LIST_MODEL (self->interval_names));
  self->updating_interval = FALSE;

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "default-cadence",
                   self->cadence_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  sync_interval_row (self);
  g_signal_connect_object (self->settings, "changed::sync-interval",
                           G_CALLBACK (sync_interval_row), self, G_CONNECT_SWAPPED);
}

GtkWindow *
reseau_preferences_window_new (GtkWindow            *parent,
                               ReseauSyncController *sync_controller)
{
  ReseauPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (sync_controller == NULL || RESEAU_IS_SYNC_CONTROLLER (sync_controller), NULL);

  self = g_object_new (RESEAU_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);

  if (sync_controller == NULL || reseau_sync_controller_get_database (sync_controller) == NULL)
    {
      /* The demo network, or contacts that could not be opened. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->accounts_group), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->no_accounts_row),
                                     _("Phone sync is not available here"));
      adw_action_row_set_subtitle (self->no_accounts_row,
                                   _("It needs your own contacts, open: the demo network is never synced."));
      return GTK_WINDOW (self);
    }

  self->controller = g_object_ref (sync_controller);
  reseau_tag_cadences_group_set_database (self->tag_cadences_group,
                                          reseau_sync_controller_get_database (sync_controller));
  g_signal_connect_object (self->controller, "accounts-changed",
                           G_CALLBACK (on_accounts_changed), self, G_CONNECT_SWAPPED);
  on_accounts_changed (self);
  /* Fresh states (the last sync may have been a while ago). */
  reseau_sync_controller_reload_accounts (self->controller);
  self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_times, self);

  return GTK_WINDOW (self);
}
