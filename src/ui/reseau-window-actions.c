/* reseau-window-actions.c — what the window's actions do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-application.h"
#include "reseau-contact-editor.h"
#include "reseau-contact-sheet.h"
#include "reseau-duplicates-window.h"
#include "reseau-followup-view.h"
#include "reseau-import-dialog.h"
#include "reseau-log-dialog.h"
#include "reseau-referral-dialog.h"
#include "reseau-referrals-view.h"
#include "reseau-timeline-view.h"
#include "reseau-window-private.h"

/* Deletion moves a contact to the database's trash and offers Undo in a
 * toast; the trash is emptied once no toast can bring anything back (the
 * toast is dismissed, the window closes). Only one undo toast is on screen
 * at a time: a new deletion dismisses the previous one first, so emptying
 * the trash never takes away a contact whose Undo is still offered. */

#define UNDO_TIMEOUT_SECONDS 10

typedef struct
{
  ReseauWindow *self;
  char         *uid;
  char         *name;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->self);
  g_free (data->uid);
  g_free (data->name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

static DeleteData *
delete_data_new (ReseauWindow *self,
                 const char   *uid,
                 const char   *name)
{
  DeleteData *data = g_new0 (DeleteData, 1);

  data->self = g_object_ref (self);
  data->uid = g_strdup (uid);
  data->name = g_strdup (name);

  return data;
}

static void
show_error_toast (ReseauWindow *self,
                  const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
empty_trash_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GApplication) application = user_data;
  g_autoptr(GError) error = NULL;

  if (!reseau_database_empty_trash_finish (RESEAU_DATABASE (object), result, &error))
    g_message ("Could not empty the trash: %s", error->message);

  g_application_release (application);
}

static void
empty_interaction_trash_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GApplication) application = user_data;
  g_autoptr(GError) error = NULL;

  if (!reseau_database_empty_interaction_trash_finish (RESEAU_DATABASE (object), result, &error))
    g_message ("Could not empty the interactions’ trash: %s", error->message);

  g_application_release (application);
}

void
reseau_window_empty_trash (ReseauWindow *self)
{
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (self->database == NULL || self->database_failed || application == NULL)
    return;

  /* No cancellable: this must finish even when the window is gone, and the
   * application stays up until it has. */
  g_application_hold (application);
  reseau_database_empty_trash_async (self->database, NULL, empty_trash_cb, g_object_ref (application));
  /* Deleted interactions have the same one Undo at a time. */
  g_application_hold (application);
  reseau_database_empty_interaction_trash_async (self->database, NULL, empty_interaction_trash_cb,
                                                 g_object_ref (application));

  /* Deletions reach the phone once no Undo can bring them back. */
  reseau_window_schedule_sync (self);
}

static void
on_editor_saved (ReseauWindow *self,
                 const char   *uid)
{
  g_return_if_fail (uid != NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, "contacts");
  reseau_window_reload_and_select (self, uid);
  reseau_window_show_contact (self, uid, TRUE);
  reseau_window_schedule_sync (self);
}

static void
open_editor (ReseauWindow  *self,
             ReseauContact *contact)
{
  ReseauContactEditor *editor;

  editor = reseau_contact_editor_new (GTK_WINDOW (self), self->database, contact);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_editor (RESEAU_WINDOW (widget), NULL);
}

static void
load_for_edit_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ReseauWindow) self = user_data;
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(GError) error = NULL;

  contact = reseau_database_load_contact_finish (RESEAU_DATABASE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (contact == NULL)
    show_error_toast (self, error);
  else
    open_editor (self, contact);
}

static void
edit_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);
  ReseauContact *contact;

  if (self->current_uid == NULL || self->database == NULL)
    return;

  /* The editor gets its own copy: until it is saved, the sheet keeps
   * showing what is in the database. */
  contact = reseau_contact_sheet_get_contact (RESEAU_CONTACT_SHEET (self->sheet));
  if (contact != NULL && g_strcmp0 (reseau_contact_get_uid (contact), self->current_uid) == 0)
    {
      g_autoptr(ReseauContact) copy = reseau_contact_copy (contact);

      open_editor (self, copy);
      return;
    }

  /* The sheet is still loading it. */
  reseau_database_load_contact_async (self->database, self->current_uid, self->cancellable,
                                      load_for_edit_cb, g_object_ref (self));
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!reseau_database_restore_contact_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_toast (data->self, error);
      return;
    }

  reseau_window_reload_and_select (data->self, data->uid);
}

static void
on_undo_clicked (AdwToast   *toast,
                 DeleteData *data)
{
  ReseauWindow *self = data->self;

  if (self->database == NULL)
    return;

  reseau_database_restore_contact_async (self->database, data->uid, self->cancellable,
                                         restore_cb, delete_data_new (self, data->uid, data->name));
}

static void
on_undo_toast_dismissed (AdwToast     *toast,
                         ReseauWindow *self)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;

  /* An Undo that was clicked goes first: the worker runs requests in order. */
  reseau_window_empty_trash (self);
}

void
reseau_window_end_undo (ReseauWindow *self)
{
  g_return_if_fail (RESEAU_IS_WINDOW (self));

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
}

void
reseau_window_offer_undo (ReseauWindow *self,
                          AdwToast     *toast)
{
  g_return_if_fail (RESEAU_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* Whichever window shows it (a merge's Undo is in the duplicates
   * window), there is one Undo at a time: emptying the trash for one must
   * never take away what another can still bring back. */
  if (self->undo_toast != NULL && self->undo_toast != toast)
    adw_toast_dismiss (self->undo_toast);

  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self, 0);
  self->undo_toast = toast;
}

static void
trash_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  ReseauWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (!reseau_database_trash_contact_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_toast (self, error);
      return;
    }

  if (g_strcmp0 (self->current_uid, data->uid) == 0)
    reseau_window_clear_contact (self);
  if (self->store != NULL)
    reseau_contact_store_reload (self->store);

  /* Toast titles are Pango markup. */
  escaped = g_markup_escape_text (data->name, -1);
  if (*escaped != '\0')
    /* Translators: shown after deleting a contact; %s is its name */
    title = g_strdup_printf (_("“%s” deleted"), escaped);
  else
    title = g_strdup (_("Contact deleted"));

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, UNDO_TIMEOUT_SECONDS);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked),
                         delete_data_new (self, data->uid, data->name),
                         (GClosureNotify) (void (*) (void)) delete_data_free, 0);
  reseau_window_offer_undo (self, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
delete_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);
  ReseauContact *contact;
  const char *name = NULL;

  if (self->current_uid == NULL || self->database == NULL)
    return;

  contact = reseau_contact_sheet_get_contact (RESEAU_CONTACT_SHEET (self->sheet));
  if (contact != NULL && g_strcmp0 (reseau_contact_get_uid (contact), self->current_uid) == 0)
    name = reseau_contact_get_display_name (contact);
  else
    {
      ReseauContactItem *item = gtk_single_selection_get_selected_item (self->selection);

      if (item != NULL && g_strcmp0 (reseau_contact_item_get_uid (item), self->current_uid) == 0)
        name = reseau_contact_item_get_display_name (item);
    }

  /* Emptying the trash for the previous deletion is queued before this
   * one reaches the trash. */
  reseau_window_end_undo (self);

  reseau_database_trash_contact_async (self->database, self->current_uid, self->cancellable,
                                       trash_cb, delete_data_new (self, self->current_uid, name ? name : ""));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);

  reseau_window_show_view (self, "contacts");
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->contacts_stack), "list") != 0)
    return;

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  reseau_window_show_view (RESEAU_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
on_import_dialog_imported (ReseauWindow *self,
                           guint         n_new,
                           guint         n_updated)
{
  g_autofree char *imported = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *title = NULL;

  imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u contact imported",
                                           "%u contacts imported", n_new),
                              n_new);
  updated = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: contacts updated by an import, the
                                           * second half of "%s, %s" after "3 contacts imported" */
                                          "%u updated",
                                          "%u updated", n_updated),
                             n_updated);

  if (n_updated == 0)
    title = g_steal_pointer (&imported);
  else if (n_new == 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: shown after an import that only
                                           * updated contacts; %u is their number */
                                          "%u contact updated",
                                          "%u contacts updated", n_updated),
                             n_updated);
  else
    /* Translators: "3 contacts imported, 2 updated" */
    title = g_strdup_printf (_("%s, %s"), imported, updated);

  adw_view_stack_set_visible_child_name (self->view_stack, "contacts");
  reseau_window_contacts_changed (self);
  reseau_window_schedule_sync (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

void
reseau_window_start_import (ReseauWindow *self,
                            GPtrArray    *files)
{
  ReseauImportDialog *dialog;

  g_assert (RESEAU_IS_WINDOW (self));
  g_assert (self->database != NULL);

  /* One import at a time: the second would be matched against an
   * address book that the first is about to change. */
  if (self->import_dialog != NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Finish the import under way first")));
      gtk_window_present (self->import_dialog);
      return;
    }

  dialog = reseau_import_dialog_new (GTK_WINDOW (self), self->database, files);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_import_dialog_imported), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->import_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(ReseauWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
      guint n_items = g_list_model_get_n_items (chosen);

      for (guint i = 0; i < n_items; i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));

      reseau_window_import_files (self, files);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static GtkFileFilter *
make_filter (const char         *name,
             const char * const *mime_types,
             const char * const *suffixes)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  /* Suffixes too: a portal or a file system without MIME sniffing still
   * offers the files by name. */
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);

  return filter;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);
  static const char * const vcard_types[] = { "text/vcard", "text/x-vcard", "text/directory", NULL };
  static const char * const vcard_suffixes[] = { "vcf", "vcard", NULL };
  static const char * const csv_types[] = { "text/csv", NULL };
  static const char * const csv_suffixes[] = { "csv", NULL };
  static const char * const all_types[] = { "text/vcard", "text/x-vcard", "text/directory", "text/csv", NULL };
  static const char * const all_suffixes[] = { "vcf", "vcard", "csv", NULL };
  g_autoptr(GtkFileFilter) contacts_filter = NULL;
  g_autoptr(GtkFileFilter) vcard_filter = NULL;
  g_autoptr(GtkFileFilter) csv_filter = NULL;
  GtkFileChooserNative *chooser;

  contacts_filter = make_filter (_("Contacts (vCard, CSV)"), all_types, all_suffixes);
  vcard_filter = make_filter (_("vCard"), vcard_types, vcard_suffixes);
  csv_filter = make_filter (_("CSV"), csv_types, csv_suffixes);

  chooser = gtk_file_chooser_native_new (_("Import Contacts"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), contacts_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), vcard_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), contacts_filter);

  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
find_duplicates_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);
  ReseauDuplicatesWindow *window;

  if (self->database == NULL)
    return;

  if (self->duplicates_window != NULL)
    {
      gtk_window_present (self->duplicates_window);
      return;
    }

  window = reseau_duplicates_window_new (GTK_WINDOW (self), self->database);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  g_signal_connect_object (window, "contacts-changed",
                           G_CALLBACK (reseau_window_contacts_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "contacts-changed",
                           G_CALLBACK (reseau_window_schedule_sync), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "merging",
                           G_CALLBACK (reseau_window_end_undo), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "undo-offered",
                           G_CALLBACK (reseau_window_offer_undo), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->duplicates_window, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

static void
explore_demo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *executable = NULL;
  const char *argv[3];

  /* The same binary, in a process of its own: --demo never registers on
   * the bus, so it cannot reach this instance or the user's database. */
  executable = g_file_read_link ("/proc/self/exe", NULL);
  if (executable == NULL)
    executable = g_find_program_in_path ("reseau");
  if (executable == NULL)
    executable = g_strdup ("reseau");

  argv[0] = executable;
  argv[1] = "--demo";
  argv[2] = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  subprocess = g_subprocess_launcher_spawnv (launcher, argv, &error);

  if (subprocess == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The demo network could not be opened: %s"), error->message);
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return;
    }

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("The demo network opens in a new window")));
}

static void
on_interaction_logged (ReseauWindow *self)
{
  /* The sheet may show a participant: its history changed. */
  if (self->current_uid != NULL)
    {
      g_autofree char *uid = g_strdup (self->current_uid);

      reseau_contact_sheet_set_uid (RESEAU_CONTACT_SHEET (self->sheet), NULL);
      reseau_contact_sheet_set_uid (RESEAU_CONTACT_SHEET (self->sheet), uid);
    }

  reseau_followup_view_reload (RESEAU_FOLLOWUP_VIEW (self->followup_view));
  reseau_timeline_view_reload (RESEAU_TIMELINE_VIEW (self->timeline_view));
  /* The contact list, when sorted by strength, may order them anew. */
  if (self->store != NULL)
    reseau_contact_store_reload_strengths (self->store);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Interaction logged")));
}

void
reseau_window_log_interaction (ReseauWindow *self,
                               const char   *uid,
                               const char   *display_name)
{
  ReseauLogDialog *dialog;

  g_return_if_fail (RESEAU_IS_WINDOW (self));

  if (self->database == NULL || self->database_failed)
    return;

  dialog = reseau_log_dialog_new (GTK_WINDOW (self), self->database, self->cancellable);
  if (uid != NULL)
    reseau_log_dialog_add_participant (dialog, uid, display_name);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_interaction_logged), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
log_interaction_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);
  const char *uid = NULL;
  const char *display_name = NULL;

  /* From the Contacts view, the contact on the sheet takes part. */
  if (self->current_uid != NULL &&
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "contacts") == 0)
    {
      ReseauContact *contact = reseau_contact_sheet_get_contact (RESEAU_CONTACT_SHEET (self->sheet));

      uid = self->current_uid;
      if (contact != NULL && g_strcmp0 (reseau_contact_get_uid (contact), uid) == 0)
        display_name = reseau_contact_get_display_name (contact);
    }

  reseau_window_log_interaction (self, uid, display_name);
}

static void
on_referral_recorded (ReseauWindow *self)
{
  if (self->current_uid != NULL)
    {
      g_autofree char *uid = g_strdup (self->current_uid);

      reseau_contact_sheet_set_uid (RESEAU_CONTACT_SHEET (self->sheet), NULL);
      reseau_contact_sheet_set_uid (RESEAU_CONTACT_SHEET (self->sheet), uid);
    }

  reseau_followup_view_reload (RESEAU_FOLLOWUP_VIEW (self->followup_view));
  reseau_referrals_view_reload (RESEAU_REFERRALS_VIEW (self->referrals_view));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Referral recorded")));
}

/* From the Contacts view, the contact on the sheet is the person; from the
 * Referrals view, nobody yet. */
static void
record_referral_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);
  ReseauReferralDialog *dialog;

  if (self->database == NULL || self->database_failed)
    return;

  dialog = reseau_referral_dialog_new (GTK_WINDOW (self), self->database, self->cancellable);
  if (self->current_uid != NULL && g_strcmp0 (action_name, "win.record-referral") == 0 &&
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "contacts") == 0)
    {
      ReseauContact *contact = reseau_contact_sheet_get_contact (RESEAU_CONTACT_SHEET (self->sheet));
      const char *display_name = NULL;

      if (contact != NULL && g_strcmp0 (reseau_contact_get_uid (contact), self->current_uid) == 0)
        display_name = reseau_contact_get_display_name (contact);
      reseau_referral_dialog_set_person (dialog, self->current_uid, display_name);
    }
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_referral_recorded), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
reseau_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-contact", NULL, new_contact_action);
  gtk_widget_class_install_action (widget_class, "win.edit-contact", NULL, edit_contact_action);
  gtk_widget_class_install_action (widget_class, "win.delete-contact", NULL, delete_contact_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.find-duplicates", NULL, find_duplicates_action);
  gtk_widget_class_install_action (widget_class, "win.explore-demo", NULL, explore_demo_action);
  gtk_widget_class_install_action (widget_class, "win.log-interaction", NULL, log_interaction_action);
  gtk_widget_class_install_action (widget_class, "win.record-referral", NULL, record_referral_action);
  gtk_widget_class_install_action (widget_class, "win.add-referral", NULL, record_referral_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-contact", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.edit-contact", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.log-interaction", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "contacts");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "timeline");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "follow-up");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-view", "s", "referrals");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-view", "s", "events");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_6, GDK_ALT_MASK, "win.show-view", "s", "network");
}
