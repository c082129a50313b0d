/* reseau-window-sync.c — the window's side of the phone sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-window-private.h"

/* The window shows what the application's sync controller reports; it
 * never syncs by itself:
 *
 *   - the header bar's sync button (win.sync, Ctrl+R), visible once there
 *     is an account, turning into a spinner and insensitive while syncing;
 *     its tooltip counts the steps;
 *   - a progress bar under the header bar, only for a sync that lasts;
 *   - a banner (GtkRevealer: AdwBanner is libadwaita 1.3) for a failure,
 *     with the button that fixes it, until dismissed or until the same
 *     account syncs fine;
 *   - a toast when the server changed contacts, and the list and the open
 *     sheet reloaded;
 *   - a dialog to confirm a sync that would delete most contacts. */

/* A sync that lasts longer than this shows its progress bar. */
#define LONG_SYNC_MS 1500

gboolean
reseau_window_can_sync (ReseauWindow *self)
{
  return self->sync_controller != NULL
         && reseau_sync_controller_get_has_accounts (self->sync_controller)
         && !reseau_sync_controller_get_syncing (self->sync_controller);
}

void
reseau_window_schedule_sync (ReseauWindow *self)
{
  g_return_if_fail (RESEAU_IS_WINDOW (self));

  if (self->sync_controller != NULL)
    reseau_sync_controller_contact_changed (self->sync_controller);
}

static char *
format_progress (guint done,
                 guint total)
{
  if (total == 0)
    return g_strdup (_("Syncing…"));

  /* Translators: "Syncing… 120 of 2,000": steps of the current address book */
  return g_strdup_printf (_("Syncing… %'u of %'u"), done, total);
}

static void
update_progress (ReseauWindow *self)
{
  guint done = 0, total = 0;
  g_autofree char *text = NULL;

  if (self->sync_controller == NULL)
    return;

  reseau_sync_controller_get_progress (self->sync_controller, &done, &total);
  text = format_progress (done, total);

  if (reseau_sync_controller_get_syncing (self->sync_controller))
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_button), text);

  gtk_progress_bar_set_text (self->sync_progress_bar, text);
  if (total > 0)
    gtk_progress_bar_set_fraction (self->sync_progress_bar, MIN (1.0, (double) done / total));
  else
    gtk_progress_bar_pulse (self->sync_progress_bar);
}

static gboolean
on_long_sync (gpointer user_data)
{
  ReseauWindow *self = user_data;

  self->long_sync_id = 0;
  gtk_revealer_set_reveal_child (self->sync_progress_revealer, TRUE);

  return G_SOURCE_REMOVE;
}

static void
update_sync_state (ReseauWindow *self)
{
  gboolean has_accounts = FALSE;
  gboolean syncing = FALSE;

  if (self->sync_controller != NULL)
    {
      has_accounts = reseau_sync_controller_get_has_accounts (self->sync_controller);
      syncing = reseau_sync_controller_get_syncing (self->sync_controller);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), has_accounts || syncing);
  gtk_stack_set_visible_child_name (self->sync_button_stack, syncing ? "syncing" : "idle");
  gtk_spinner_set_spinning (self->sync_spinner, syncing);

  if (syncing)
    {
      update_progress (self);
      if (self->long_sync_id == 0 && !gtk_revealer_get_reveal_child (self->sync_progress_revealer))
        self->long_sync_id = g_timeout_add (LONG_SYNC_MS, on_long_sync, self);
    }
  else
    {
      g_clear_handle_id (&self->long_sync_id, g_source_remove);
      gtk_revealer_set_reveal_child (self->sync_progress_revealer, FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_button), _("Sync with phone (Ctrl+R)"));
    }

  reseau_window_update_actions (self);
}

/* The banner ------------------------------------------------------------------ */

static void
hide_banner (ReseauWindow *self)
{
  gtk_revealer_set_reveal_child (self->sync_banner, FALSE);
  self->banner_account_id = 0;
  self->banner_remedy = RESEAU_SYNC_REMEDY_NONE;
  g_clear_pointer (&self->banner_details, g_free);
}

static void
show_banner (ReseauWindow     *self,
             gint64            account_id,
             const char       *message,
             ReseauSyncRemedy  remedy)
{
  const char *button = NULL;

  switch (remedy)
    {
    case RESEAU_SYNC_REMEDY_PASSWORD:
      button = _("_Re-enter Password…");
      break;

    case RESEAU_SYNC_REMEDY_RETRY:
      button = _("_Try Again");
      break;

    case RESEAU_SYNC_REMEDY_SETTINGS:
      button = _("_Account Settings…");
      break;

    case RESEAU_SYNC_REMEDY_DETAILS:
      button = _("_Details…");
      break;

    case RESEAU_SYNC_REMEDY_CONFIRM_DELETION:
    case RESEAU_SYNC_REMEDY_NONE:
    default:
      break;
    }

  g_clear_pointer (&self->banner_details, g_free);
  self->banner_account_id = account_id;
  self->banner_remedy = remedy;
  gtk_label_set_label (self->sync_banner_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_banner_button), button != NULL);
  if (button != NULL)
    gtk_button_set_label (self->sync_banner_button, button);
  gtk_revealer_set_reveal_child (self->sync_banner, TRUE);
}

static void
show_details (ReseauWindow *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Contacts the Server Refused"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               self->banner_details != NULL ? self->banner_details : "");
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_sync_banner_button_clicked (ReseauWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  switch (self->banner_remedy)
    {
    case RESEAU_SYNC_REMEDY_PASSWORD:
      if (application != NULL)
        g_action_group_activate_action (G_ACTION_GROUP (application), "reenter-password",
                                        g_variant_new_int64 (self->banner_account_id));
      hide_banner (self);
      break;

    case RESEAU_SYNC_REMEDY_SETTINGS:
      if (application != NULL)
        g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
      break;

    case RESEAU_SYNC_REMEDY_RETRY:
      hide_banner (self);
      if (self->sync_controller != NULL)
        reseau_sync_controller_sync_now (self->sync_controller);
      break;

    case RESEAU_SYNC_REMEDY_DETAILS:
      show_details (self);
      break;

    case RESEAU_SYNC_REMEDY_CONFIRM_DELETION:
    case RESEAU_SYNC_REMEDY_NONE:
    default:
      break;
    }
}

static void
on_sync_banner_dismissed (ReseauWindow *self)
{
  hide_banner (self);
}

/* Once the banner has slid away, its message goes too: a screen reader
 * walking the window must not read a problem that is over. */
static void
on_sync_banner_revealed (ReseauWindow *self)
{
  if (!gtk_revealer_get_child_revealed (self->sync_banner) &&
      !gtk_revealer_get_reveal_child (self->sync_banner))
    gtk_label_set_label (self->sync_banner_label, "");
}

/* Reports --------------------------------------------------------------------- */

typedef struct
{
  ReseauWindow *self;
  gint64        account_id;
} DeletionData;

static void
deletion_data_free (DeletionData *data)
{
  g_clear_object (&data->self);
  g_free (data);
}

static void
on_deletion_response (AdwMessageDialog *dialog,
                      const char       *response,
                      DeletionData     *data)
{
  if (g_strcmp0 (response, "delete") == 0 && data->self->sync_controller != NULL)
    reseau_sync_controller_sync_allowing_deletion (data->self->sync_controller, data->account_id);
}

static void
ask_mass_deletion (ReseauWindow *self,
                   gint64        account_id,
                   const char   *message)
{
  DeletionData *data;
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  /* One question at a time; the next sync asks again if need be. */
  if (self->deletion_dialog != NULL)
    return;

  body = g_strdup_printf ("%s\n\n%s", message,
                          _("Go ahead only if the contacts were deleted on purpose, on the phone or on the server. Otherwise keep them: they are sent back at the next sync."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete Most Contacts?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Them"),
                                    "delete", _("_Delete and Sync"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");

  data = g_new0 (DeletionData, 1);
  data->self = g_object_ref (self);
  data->account_id = account_id;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_deletion_response), data,
                         (GClosureNotify) (void (*) (void)) deletion_data_free, 0);
  g_set_weak_pointer (&self->deletion_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
report_problems (ReseauWindow          *self,
                 gint64                 account_id,
                 const char            *label,
                 const ReseauSyncStats *stats)
{
  const ReseauProblem *first = g_ptr_array_index (stats->problems, 0);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *message = NULL;
  guint n = stats->problems->len;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = reseau_problem_format (g_ptr_array_index (stats->problems, i));

      if (details->len > 0)
        g_string_append_c (details, '\n');
      g_string_append (details, line);
    }

  if (n == 1)
    /* Translators: the account, the contact's name, then the server's reason */
    message = g_strdup_printf (_("%s did not accept “%s”: %s"),
                               label,
                               first->subject != NULL ? first->subject : _("a contact"),
                               first->message != NULL ? first->message : "");
  else
    /* Translators: the account, a number of contacts, then the first one's name */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s did not accept %u contact, starting with “%s”. The others were synced.",
                                            "%s did not accept %u contacts, starting with “%s”. The others were synced.",
                                            n),
                               label, n,
                               first->subject != NULL ? first->subject : _("a contact"));

  show_banner (self, account_id, message, RESEAU_SYNC_REMEDY_DETAILS);
  self->banner_details = g_string_free (g_steal_pointer (&details), FALSE);
}

static void
on_account_synced (ReseauWindow          *self,
                   gint64                 account_id,
                   const ReseauSyncStats *stats,
                   const GError          *error)
{
  g_autofree char *label = reseau_sync_controller_dup_account_label (self->sync_controller, account_id);
  g_autofree char *message = NULL;
  ReseauSyncRemedy remedy = RESEAU_SYNC_REMEDY_NONE;

  if (label == NULL)
    label = g_strdup (_("the phone sync account"));

  if (error == NULL)
    {
      /* The problem shown for this account is over. */
      if (self->banner_account_id == account_id)
        hide_banner (self);
      if (stats != NULL && stats->problems != NULL && stats->problems->len > 0)
        report_problems (self, account_id, label, stats);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  message = reseau_sync_describe_error (error, label,
                                        reseau_sync_controller_get_interval (self->sync_controller),
                                        &remedy);

  if (remedy == RESEAU_SYNC_REMEDY_CONFIRM_DELETION)
    {
      ask_mass_deletion (self, account_id, message);
      return;
    }

  show_banner (self, account_id, message, remedy);
}

static void
on_sync_finished (ReseauWindow          *self,
                  const ReseauSyncStats *totals)
{
  g_autofree char *title = NULL;

  if (totals->downloaded + totals->deleted + totals->conflicts == 0)
    return;

  /* The list, and the sheet on screen, show what the server changed. */
  if (self->database != NULL && !self->database_failed)
    reseau_window_contacts_changed (self);

  if (totals->downloaded > 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u contact updated from the server",
                                          "%u contacts updated from the server",
                                          totals->downloaded),
                             totals->downloaded);
  else if (totals->deleted > 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u deletion synced",
                                          "%u deletions synced",
                                          totals->deleted),
                             totals->deleted);
  if (title != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));

  if (totals->conflicts > 0)
    {
      g_autofree char *conflicts = NULL;

      conflicts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u change conflicted with the server’s: its value was kept, yours is on the contact",
                                                "%u changes conflicted with the server’s: its values were kept, yours are on the contacts",
                                                totals->conflicts),
                                   totals->conflicts);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (conflicts));
    }
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);

  if (reseau_window_can_sync (self))
    reseau_sync_controller_sync_now (self->sync_controller);
}

void
reseau_window_init_sync (ReseauWindow         *self,
                         ReseauSyncController *controller)
{
  g_assert (RESEAU_IS_WINDOW (self));
  g_assert (self->sync_controller == NULL);

  if (controller != NULL)
    {
      self->sync_controller = g_object_ref (controller);
      g_signal_connect_object (controller, "notify::syncing", G_CALLBACK (update_sync_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "notify::has-accounts", G_CALLBACK (update_sync_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "notify::progress-done", G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "notify::progress-total", G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "account-synced", G_CALLBACK (on_account_synced), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "finished", G_CALLBACK (on_sync_finished), self, G_CONNECT_SWAPPED);
    }

  g_signal_connect_object (self->sync_banner, "notify::child-revealed",
                           G_CALLBACK (on_sync_banner_revealed), self, G_CONNECT_SWAPPED);

  update_sync_state (self);
}

void
reseau_window_dispose_sync (ReseauWindow *self)
{
  g_clear_handle_id (&self->long_sync_id, g_source_remove);
  if (self->sync_controller != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_controller, self);
  g_clear_object (&self->sync_controller);
  if (self->deletion_dialog != NULL)
    gtk_window_destroy (self->deletion_dialog);
  g_clear_weak_pointer (&self->deletion_dialog);
  g_clear_pointer (&self->banner_details, g_free);
}

void
reseau_window_class_init_sync (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, sync_button_stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, sync_progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, sync_progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, sync_banner);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, sync_banner_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, sync_banner_button);

  gtk_widget_class_bind_template_callback (widget_class, on_sync_banner_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_banner_dismissed);

  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync", NULL);
}
