/* reseau-window-export.c — contacts out to a .vcf file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-contact-sheet.h"
#include "reseau-window-private.h"

/* The file chooser asks where and in which version; the contacts are
 * loaded and written in a thread (reseau_export_contacts() blocks, and a
 * whole address book takes a moment), then a toast says how it went. */

#define VERSION_CHOICE "version"

typedef struct
{
  ReseauWindow       *window;
  ReseauDatabase     *database;
  ReseauContact      *contact;  /* the one to export, or NULL for all */
  GFile              *file;
  ReseauVCardVersion  version;
  guint               n_exported;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->database);
  g_clear_object (&data->contact);
  g_clear_object (&data->file);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GPtrArray) contacts = NULL;
  GError *error = NULL;

  if (data->contact != NULL)
    {
      contacts = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (contacts, g_object_ref (data->contact));
    }
  else
    {
      contacts = reseau_database_list_contacts (data->database, &error);
      if (contacts == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if (!reseau_export_contacts (contacts, data->version, data->file, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data->n_exported = contacts->len;
  g_task_return_boolean (task, TRUE);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ReseauWindow *self = RESEAU_WINDOW (object);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why the export failed */
      title = g_strdup_printf (_("Could not export: %s"), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (data->file);

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: "3 contacts exported to contacts.vcf" */
                                            "%u contact exported to %s",
                                            "%u contacts exported to %s", data->n_exported),
                               data->n_exported, name);
    }

  /* Toast titles are Pango markup. */
  escaped = g_markup_escape_text (title, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  ExportData *data = user_data;
  ReseauWindow *self = data->window;
  g_autoptr(GTask) task = NULL;
  const char *version;

  if (response != GTK_RESPONSE_ACCEPT || self->database == NULL)
    {
      export_data_free (data);
      gtk_native_dialog_destroy (dialog);
      g_object_unref (dialog);
      return;
    }

  data->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  version = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), VERSION_CHOICE);
  data->version = g_strcmp0 (version, "3.0") == 0 ? RESEAU_VCARD_VERSION_3_0 : RESEAU_VCARD_VERSION_4_0;
  data->database = g_object_ref (self->database);

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  task = g_task_new (self, self->cancellable, export_cb, NULL);
  g_task_set_source_tag (task, export_response_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
choose_file (ReseauWindow  *self,
             ReseauContact *contact)
{
  static const char *version_ids[] = { "4.0", "3.0", NULL };
  const char *version_labels[] = {
    _("vCard 4.0"),
    _("vCard 3.0 (older programs)"),
    NULL,
  };
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;
  ExportData *data;

  gtk_file_filter_set_name (filter, _("vCard"));
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_filter_add_suffix (filter, "vcf");

  if (contact != NULL)
    {
      const char *name = reseau_contact_get_display_name (contact);
      /* Translators: a suggested file name (".vcf" is added), without slashes */
      g_autofree char *safe = g_strdup (name != NULL && *name != '\0' ? name : _("contact"));

      /* A name with a slash would name a folder. */
      g_strdelimit (safe, "/\\", '-');
      suggested = g_strconcat (safe, ".vcf", NULL);
    }
  else
    /* Translators: a suggested file name; keep the .vcf extension, no slashes */
    suggested = g_strdup (_("contacts.vcf"));

  chooser = gtk_file_chooser_native_new (contact != NULL ? _("Export Contact") : _("Export Contacts"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), VERSION_CHOICE, _("Format"),
                               version_ids, version_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), VERSION_CHOICE, "4.0");

  data = g_new0 (ExportData, 1);
  data->window = g_object_ref (self);
  if (contact != NULL)
    data->contact = reseau_contact_copy (contact);

  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (RESEAU_WINDOW (widget), NULL);
}

static void
export_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);
  ReseauContact *contact = reseau_contact_sheet_get_contact (RESEAU_CONTACT_SHEET (self->sheet));

  /* The sheet shows what will be written; until it has loaded there is
   * nothing to write yet. */
  if (contact == NULL || g_strcmp0 (reseau_contact_get_uid (contact), self->current_uid) != 0)
    return;

  choose_file (self, contact);
}

void
reseau_window_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-contact", NULL, export_contact_action);
}
