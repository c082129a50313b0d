/* reseau-account-dialog.c — adds a CardDAV account, or changes its password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-account-dialog.h"

/* The order of the steps is what keeps the password out of every place but
 * the keyring, and keeps half-made accounts out of the database:
 *
 *   form ─Connect→ discovery (the server says the password is right and
 *                  which address books there are; Cancel stops it)
 *     └ books ─Add→ keyring: store the password (async, with a timeout)
 *                     └ only then the database: the account and its books
 *                         └ the first sync
 *
 * Changing a password runs discovery with the new one, and stores it only
 * when the server accepted it. Every failure comes back to the page it
 * started from, with its message above the form, and nothing saved. */

typedef enum
{
  STEP_FORM,
  STEP_DISCOVERING,
  STEP_BOOKS,
  STEP_SAVING,
} Step;

struct _ReseauAccountDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  GtkButton            *cancel_button;
  GtkButton            *next_button;
  GtkLabel             *error_label;
  GtkStack             *stack;
  AdwPreferencesGroup  *form_group;
  AdwEntryRow          *server_row;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  GtkSpinner           *spinner;
  GtkLabel             *busy_label;
  AdwPreferencesGroup  *books_group;

  /* Owned */
  ReseauSyncController *controller;
  ReseauAccount        *account;      /* the account whose password changes, or NULL */
  GCancellable         *cancellable;  /* of the step under way */
  char                 *server;       /* as discovery settled it */
  char                 *user;
  char                 *password;     /* between discovery and the keyring only */
  GPtrArray            *books;        /* ReseauAddressBook*, as discovered */
  GPtrArray            *book_checks;  /* GtkCheckButton*, one per book (borrowed) */
  char                 *error;

  Step                  step;
};

G_DEFINE_FINAL_TYPE (ReseauAccountDialog, reseau_account_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Messages ------------------------------------------------------------------- */

static char *
describe_error (const GError *error)
{
  if (error->domain == RESEAU_DAV_ERROR)
    {
      switch ((ReseauDavError) error->code)
        {
        case RESEAU_DAV_ERROR_UNAUTHORIZED:
          return g_strdup (_("Wrong user name or password: the server refused them. Check them and try again."));

        case RESEAU_DAV_ERROR_UNREACHABLE:
          /* Translators: %s is the detailed reason */
          return g_strdup_printf (_("The server cannot be reached. Check the address and your connection, then try again.\n%s"),
                                  error->message);

        case RESEAU_DAV_ERROR_NOT_CARDDAV:
        case RESEAU_DAV_ERROR_NOT_FOUND:
          return g_strdup_printf (_("No address book was found at this address. Check it: your provider’s help gives its CardDAV address.\n%s"),
                                  error->message);

        case RESEAU_DAV_ERROR_TLS:
          /* Translators: %s says what is wrong with the certificate */
          return g_strdup_printf (_("The server’s security certificate is not trusted, so nothing was sent and nothing was saved. Check the address, or ask the server’s administrator.\n%s"),
                                  error->message);

        case RESEAU_DAV_ERROR_FORBIDDEN:
        case RESEAU_DAV_ERROR_CONFLICT:
        case RESEAU_DAV_ERROR_PRECONDITION:
        case RESEAU_DAV_ERROR_TOO_LARGE:
        case RESEAU_DAV_ERROR_REFUSED:
        case RESEAU_DAV_ERROR_SERVER:
        case RESEAU_DAV_ERROR_REDIRECT:
        case RESEAU_DAV_ERROR_MALFORMED:
        default:
          return g_strdup (error->message);
        }
    }

  if (error->domain == RESEAU_SECRET_ERROR)
    {
      switch ((ReseauSecretError) error->code)
        {
        case RESEAU_SECRET_ERROR_UNAVAILABLE:
          return g_strdup (_("No keyring is running, so the password cannot be kept safely and nothing was saved. Start your desktop’s keyring (such as GNOME Keyring), then try again."));

        case RESEAU_SECRET_ERROR_LOCKED:
          return g_strdup (_("The keyring is locked, so nothing was saved. Unlock it when asked, then try again."));

        case RESEAU_SECRET_ERROR_TIMEOUT:
          return g_strdup (_("The keyring did not answer in time, so nothing was saved. Unlock it if it asks, then try again."));

        case RESEAU_SECRET_ERROR_NOT_FOUND:
        case RESEAU_SECRET_ERROR_FAILED:
        default:
          /* Translators: %s is the keyring's reason */
          return g_strdup_printf (_("The password could not be stored in the keyring, so nothing was saved: %s"),
                                  error->message);
        }
    }

  if (g_error_matches (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_ALREADY_EXISTS))
    return g_strdup (_("This account is already set up. To give it a new password, use “Change Password…” in its row."));

  return g_strdup (error->message);
}

static void
set_error (ReseauAccountDialog *self,
           const char          *message)
{
  g_free (self->error);
  self->error = g_strdup (message);

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
show_error (ReseauAccountDialog *self,
            const GError        *error)
{
  g_autofree char *message = describe_error (error);

  set_error (self, message);
}

/* Steps ---------------------------------------------------------------------- */

static gboolean
any_book_checked (ReseauAccountDialog *self)
{
  for (guint i = 0; i < self->book_checks->len; i++)
    {
      if (gtk_check_button_get_active (g_ptr_array_index (self->book_checks, i)))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_filled (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  for (; text != NULL && *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return TRUE;
    }

  return FALSE;
}

static void
update_next_button (ReseauAccountDialog *self)
{
  gboolean sensitive = FALSE;

  switch (self->step)
    {
    case STEP_FORM:
      sensitive = is_filled (self->server_row) && is_filled (self->user_row)
                  && *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0';
      break;

    case STEP_BOOKS:
      sensitive = any_book_checked (self);
      break;

    case STEP_DISCOVERING:
    case STEP_SAVING:
    default:
      break;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), sensitive);
}

static void
set_step (ReseauAccountDialog *self,
          Step                 step,
          const char          *busy_text)
{
  gboolean busy = step == STEP_DISCOVERING || step == STEP_SAVING;

  self->step = step;

  switch (step)
    {
    case STEP_FORM:
      gtk_stack_set_visible_child_name (self->stack, "form");
      gtk_button_set_label (self->next_button, _("C_onnect"));
      break;

    case STEP_BOOKS:
      gtk_stack_set_visible_child_name (self->stack, "books");
      gtk_button_set_label (self->next_button, _("_Add"));
      break;

    case STEP_DISCOVERING:
    case STEP_SAVING:
    default:
      gtk_label_set_label (self->busy_label, busy_text);
      gtk_stack_set_visible_child_name (self->stack, "busy");
      break;
    }

  gtk_spinner_set_spinning (self->spinner, busy);
  /* Storing in the keyring is not stopped halfway: it has its own timeout. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), step != STEP_SAVING);
  update_next_button (self);
}

static void
forget_password (ReseauAccountDialog *self)
{
  if (self->password != NULL)
    {
      reseau_secret_free (self->password);
      self->password = NULL;
    }
}

static void
new_step_cancellable (ReseauAccountDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
finish (ReseauAccountDialog *self,
        gint64               account_id)
{
  forget_password (self);
  g_signal_emit (self, signals[DONE], 0, account_id);

  /* The first sync (or the first with the new password). */
  reseau_sync_controller_reload_accounts (self->controller);
  reseau_sync_controller_sync_now (self->controller);

  self->step = STEP_FORM;
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_book_check_toggled (ReseauAccountDialog *self)
{
  update_next_button (self);
}

static void
show_books (ReseauAccountDialog *self)
{
  GtkWidget *child;

  /* A second Connect (after Back… or an error) starts from scratch. */
  for (guint i = 0; i < self->book_checks->len; i++)
    {
      child = gtk_widget_get_ancestor (g_ptr_array_index (self->book_checks, i), ADW_TYPE_ACTION_ROW);
      if (child != NULL)
        adw_preferences_group_remove (self->books_group, child);
    }
  g_ptr_array_set_size (self->book_checks, 0);

  for (guint i = 0; i < self->books->len; i++)
    {
      const ReseauAddressBook *book = g_ptr_array_index (self->books, i);
      const char *name = book->display_name != NULL && *book->display_name != '\0'
                         ? book->display_name : book->url;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   book->read_only ? _("Read-only: changes made here stay here") : book->url);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_book_check_toggled),
                               self, G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->books_group, row);
      g_ptr_array_add (self->book_checks, check);
    }

  set_step (self, STEP_BOOKS, NULL);
}

static void
account_added_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data);

static void
password_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ReseauAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) books = NULL;
  ReseauDatabase *database;
  ReseauAccount *account;

  if (!reseau_secret_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_error (self, error);
      set_step (self, self->account != NULL ? STEP_FORM : STEP_BOOKS, NULL);
      return;
    }

  forget_password (self);

  if (self->account != NULL)
    {
      finish (self, self->account->id);
      return;
    }

  database = reseau_sync_controller_get_database (self->controller);
  if (database == NULL)
    {
      set_error (self, _("Your contacts are not open any more, so the account was not added."));
      set_step (self, STEP_BOOKS, NULL);
      return;
    }

  books = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_address_book_free);
  for (guint i = 0; i < self->books->len; i++)
    {
      ReseauAddressBook *book = reseau_address_book_copy (g_ptr_array_index (self->books, i));

      book->enabled = gtk_check_button_get_active (g_ptr_array_index (self->book_checks, i));
      g_ptr_array_add (books, book);
    }

  account = reseau_account_new (self->server, self->user);
  g_object_set_data_full (G_OBJECT (self), "reseau-new-account", account,
                          (GDestroyNotify) reseau_account_free);
  g_object_set_data_full (G_OBJECT (self), "reseau-new-books", g_ptr_array_ref (books),
                          (GDestroyNotify) g_ptr_array_unref);
  reseau_database_add_account_async (database, account, books, self->cancellable,
                                     account_added_cb, g_object_ref (self));
}

static void
orphan_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!reseau_secret_clear_finish (result, &error))
    g_message ("Could not remove the password of an account that was not added: %s", error->message);
}

static void
account_added_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ReseauAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ReseauAccount *account = g_object_get_data (G_OBJECT (self), "reseau-new-account");

  if (!reseau_database_add_account_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The password went into the keyring for an account that is not
       * there: it goes again, unless it belongs to the same account set up
       * before (then it is that account's new, working password). */
      if (!g_error_matches (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_ALREADY_EXISTS))
        reseau_secret_clear_async (self->server, self->user, NULL, orphan_cleared_cb, NULL);

      show_error (self, error);
      set_step (self, STEP_BOOKS, NULL);
      return;
    }

  finish (self, account->id);
}

static void
store_password (ReseauAccountDialog *self)
{
  new_step_cancellable (self);
  set_error (self, NULL);
  set_step (self, STEP_SAVING, _("Saving the password in your keyring…"));

  /* Not cancelled by the Cancel button (it is insensitive meanwhile), only
   * by the dialog going away; the keyring call has its own timeout. */
  reseau_secret_store_async (self->server, self->user, self->password, self->cancellable,
                             password_stored_cb, g_object_ref (self));
}

static gboolean
account_exists (ReseauAccountDialog *self,
                const char          *server,
                const char          *user)
{
  GPtrArray *accounts = reseau_sync_controller_get_accounts (self->controller);

  for (guint i = 0; i < accounts->len; i++)
    {
      const ReseauAccount *account = g_ptr_array_index (accounts, i);

      if (g_strcmp0 (account->server, server) == 0 && g_strcmp0 (account->user, user) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
discovered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ReseauAccountDialog) self = user_data;
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;

  books = reseau_dav_discover_finish (result, &server, &error);

  /* Cancelled: the Cancel button already went back to the form. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->step != STEP_DISCOVERING)
    return;

  if (books == NULL)
    {
      forget_password (self);
      show_error (self, error);
      set_step (self, STEP_FORM, NULL);
      return;
    }

  if (self->account != NULL)
    {
      /* Changing the password: the account keeps its server. */
      store_password (self);
      return;
    }

  g_free (self->server);
  self->server = g_steal_pointer (&server);

  if (account_exists (self, self->server, self->user))
    {
      forget_password (self);
      set_error (self, _("This account is already set up. To give it a new password, use “Change Password…” in its row."));
      set_step (self, STEP_FORM, NULL);
      return;
    }

  g_clear_pointer (&self->books, g_ptr_array_unref);
  self->books = g_steal_pointer (&books);
  show_books (self);
}

static void
start_discovery (ReseauAccountDialog *self)
{
  g_autofree char *address = NULL;

  new_step_cancellable (self);
  set_error (self, NULL);
  forget_password (self);

  address = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  g_free (self->user);
  self->user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  self->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  if (self->account != NULL)
    {
      g_free (address);
      address = g_strdup (self->account->server);
      g_free (self->server);
      self->server = g_strdup (self->account->server);
    }

  set_step (self, STEP_DISCOVERING, _("Connecting to the server…"));
  reseau_dav_discover_async (address, self->user, self->password, self->cancellable,
                             discovered_cb, g_object_ref (self));
}

static void
on_next_clicked (ReseauAccountDialog *self)
{
  switch (self->step)
    {
    case STEP_FORM:
      if (gtk_widget_get_sensitive (GTK_WIDGET (self->next_button)))
        start_discovery (self);
      break;

    case STEP_BOOKS:
      if (any_book_checked (self) && self->password != NULL)
        store_password (self);
      else if (self->password == NULL)
        set_step (self, STEP_FORM, NULL);
      break;

    case STEP_DISCOVERING:
    case STEP_SAVING:
    default:
      break;
    }
}

static void
on_cancel_clicked (ReseauAccountDialog *self)
{
  if (self->step == STEP_DISCOVERING)
    {
      /* Stops the connection, keeps what was typed. */
      new_step_cancellable (self);
      forget_password (self);
      set_step (self, STEP_FORM, NULL);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
reseau_account_dialog_close_request (GtkWindow *window)
{
  ReseauAccountDialog *self = RESEAU_ACCOUNT_DIALOG (window);

  /* The keyring is being written: going now could leave a password there
   * for an account that is never added. It answers or times out soon. */
  if (self->step == STEP_SAVING)
    return TRUE;

  return GTK_WINDOW_CLASS (reseau_account_dialog_parent_class)->close_request (window);
}

const char *
reseau_account_dialog_get_error (ReseauAccountDialog *self)
{
  g_return_val_if_fail (RESEAU_IS_ACCOUNT_DIALOG (self), NULL);

  return self->error;
}

/* GObject ------------------------------------------------------------------ */

static void
reseau_account_dialog_dispose (GObject *object)
{
  ReseauAccountDialog *self = RESEAU_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  forget_password (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_ACCOUNT_DIALOG);

  g_clear_object (&self->controller);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->books, g_ptr_array_unref);
  g_clear_pointer (&self->book_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (reseau_account_dialog_parent_class)->dispose (object);
}

static void
reseau_account_dialog_finalize (GObject *object)
{
  ReseauAccountDialog *self = RESEAU_ACCOUNT_DIALOG (object);

  g_clear_pointer (&self->account, reseau_account_free);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (reseau_account_dialog_parent_class)->finalize (object);
}

static void
reseau_account_dialog_class_init (ReseauAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = reseau_account_dialog_dispose;
  object_class->finalize = reseau_account_dialog_finalize;
  window_class->close_request = reseau_account_dialog_close_request;

  /* Something was saved: the account's id. */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauAccountDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauAccountDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauAccountDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauAccountDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauAccountDialog, form_group);
  gtk_widget_class_bind_template_child (widget_class, ReseauAccountDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauAccountDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauAccountDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauAccountDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ReseauAccountDialog, busy_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauAccountDialog, books_group);

  gtk_widget_class_bind_template_callback (widget_class, update_next_button);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reseau_account_dialog_init (ReseauAccountDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->book_checks = g_ptr_array_new ();
  self->step = STEP_FORM;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->next_button));
}

ReseauAccountDialog *
reseau_account_dialog_new (GtkWindow            *parent,
                           ReseauSyncController *controller,
                           const ReseauAccount  *account)
{
  ReseauAccountDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RESEAU_IS_SYNC_CONTROLLER (controller), NULL);

  self = g_object_new (RESEAU_TYPE_ACCOUNT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->controller = g_object_ref (controller);

  if (account != NULL)
    {
      g_autofree char *label = reseau_sync_format_account_label (account);
      g_autofree char *description = NULL;

      self->account = reseau_account_copy (account);
      gtk_window_set_title (GTK_WINDOW (self), _("Change Password"));
      gtk_editable_set_text (GTK_EDITABLE (self->server_row), account->server);
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), account->user);
      gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), FALSE);
      /* Translators: %s is an account, "alice@dav.example.org" */
      description = g_strdup_printf (_("Enter the password of %s. It is checked with the server first, then kept in your keyring."),
                                     label);
      adw_preferences_group_set_description (self->form_group, description);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }

  update_next_button (self);

  return self;
}
