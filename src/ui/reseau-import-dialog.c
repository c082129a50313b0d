/* reseau-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-import-dialog.h"

/* The dialog walks through its pages in one direction:
 *
 *   reading ──▶ preview ──▶ writing ──▶ (closes, "imported")
 *      └──────────┴────────────┴──▶ error
 *
 * Reading and writing both happen off the main thread in ReseauImport; the
 * dialog only follows its "progress". Cancel while reading or on the
 * preview closes at once (nothing was written); Cancel while writing asks
 * the import to stop and closes when it has, which leaves the database as
 * it was unless the transaction had already committed. */

/* A file of 100,000 cards would otherwise mean 100,000 rows built at once;
 * the counts above the list say how many there are in all. A list box lays
 * out every row when it appears: with 200 rows the preview's first frame
 * held the main thread for 60 ms, with 50 for under 20 ms. */
#define MAX_ROWS 50

struct _ReseauImportDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *cancel_button;
  GtkButton      *import_button;
  GtkStack       *stack;
  GtkProgressBar *read_progress;
  GtkBox         *counts_box;
  GtkLabel       *nothing_label;
  GtkWidget      *entries_group;
  GtkListBox     *entries_list;
  GtkWidget      *problems_group;
  GtkListBox     *problems_list;
  GtkLabel       *writing_label;
  GtkProgressBar *write_progress;
  AdwStatusPage  *error_page;

  /* Owned */
  ReseauDatabase *database;
  ReseauImport   *import;
  GPtrArray      *files;
  GCancellable   *cancellable;

  guint           writing : 1;
  guint           cancelling : 1;
};

G_DEFINE_FINAL_TYPE (ReseauImportDialog, reseau_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

const char *
reseau_import_dialog_get_page (ReseauImportDialog *self)
{
  g_return_val_if_fail (RESEAU_IS_IMPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

static void
set_page (ReseauImportDialog *self,
          const char         *page)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), page) == 0)
    return;

  gtk_stack_set_visible_child_name (self->stack, page);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
show_error (ReseauImportDialog *self,
            const GError       *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", TRUE);
  set_page (self, "error");
}

static void
on_progress_changed (ReseauImportDialog *self)
{
  double progress = reseau_import_get_progress (self->import);

  gtk_progress_bar_set_fraction (self->writing ? self->write_progress : self->read_progress,
                                 CLAMP (progress, 0.0, 1.0));
}

static void
add_count (ReseauImportDialog *self,
           guint               count,
           const char         *caption,
           char               *accessible)  /* owned */
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *number = g_strdup_printf ("%u", count);
  g_autofree char *owned_accessible = accessible;
  GtkWidget *number_label = gtk_label_new (number);
  GtkWidget *caption_label = gtk_label_new (caption);

  gtk_widget_add_css_class (number_label, "title-1");
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_box_append (GTK_BOX (box), number_label);
  gtk_box_append (GTK_BOX (box), caption_label);

  /* One name for the pair, so that a screen reader (and the end-to-end
   * tests) hear "New: 3" rather than two separate labels. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (number_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_box_append (self->counts_box, box);
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (subtitle != NULL)
    {
      g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
    }

  return row;
}

static void
add_more_row (GtkListBox *list,
              guint       n_more)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "and %u more",
                                                        "and %u more", n_more),
                                           n_more);
  GtkWidget *row = make_row (text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (list, row);
}

static char *
describe_entry (const ReseauImportEntry *entry)
{
  g_autofree char *match = NULL;

  if (entry->action == RESEAU_IMPORT_ACTION_NEW)
    return g_strdup (_("New contact"));

  match = reseau_import_entry_describe_match (entry);
  if (match == NULL || *match == '\0')
    return g_strdup (_("Updates an existing contact"));

  /* Translators: %s says what the imported card matched, e.g. "Matched Anne Martin by email anne@example.org" */
  return g_strdup_printf (_("Update — %s"), match);
}

static void
show_preview (ReseauImportDialog *self)
{
  GPtrArray *entries = reseau_import_get_entries (self->import);
  GPtrArray *problems = reseau_import_get_problems (self->import);
  guint n_new = reseau_import_count (self->import, RESEAU_IMPORT_ACTION_NEW);
  guint n_updated = reseau_import_count (self->import, RESEAU_IMPORT_ACTION_UPDATE);
  guint n_unchanged = reseau_import_count (self->import, RESEAU_IMPORT_ACTION_UNCHANGED);
  guint n_rows = 0, n_hidden = 0;

  add_count (self, n_new, C_("import count", "New"),
             g_strdup_printf (_("New: %u"), n_new));
  add_count (self, n_updated, C_("import count", "Updated"),
             g_strdup_printf (_("Updated: %u"), n_updated));
  add_count (self, n_unchanged, C_("import count", "Unchanged"),
             g_strdup_printf (_("Unchanged: %u"), n_unchanged));
  add_count (self, problems->len, C_("import count", "Problems"),
             g_strdup_printf (_("Problems: %u"), problems->len));

  /* Only what will change is listed: the unchanged are counted above. */
  for (guint i = 0; i < entries->len; i++)
    {
      const ReseauImportEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *subtitle = NULL;
      const char *name;

      if (entry->action == RESEAU_IMPORT_ACTION_UNCHANGED)
        continue;

      if (n_rows >= MAX_ROWS)
        {
          n_hidden++;
          continue;
        }

      name = reseau_contact_get_display_name (entry->contact);
      subtitle = describe_entry (entry);
      gtk_list_box_append (self->entries_list,
                           make_row (name != NULL && *name != '\0' ? name : _("Unnamed Contact"), subtitle));
      n_rows++;
    }
  if (n_hidden > 0)
    add_more_row (self->entries_list, n_hidden);

  for (guint i = 0; i < problems->len && i < MAX_ROWS; i++)
    {
      g_autofree char *text = reseau_problem_format (g_ptr_array_index (problems, i));

      gtk_list_box_append (self->problems_list, make_row (text, NULL));
    }
  if (problems->len > MAX_ROWS)
    add_more_row (self->problems_list, problems->len - MAX_ROWS);

  gtk_widget_set_visible (self->entries_group, n_rows > 0);
  gtk_widget_set_visible (self->problems_group, problems->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->nothing_label), n_new + n_updated == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", n_new + n_updated > 0);

  set_page (self, "preview");
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ReseauImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!reseau_import_prepare_finish (RESEAU_IMPORT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  show_preview (self);
}

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ReseauImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean cancelled;

  self->writing = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", TRUE);

  if (!reseau_import_apply_finish (RESEAU_IMPORT (object), result, &error))
    {
      cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      if (cancelled || self->cancelling)
        gtk_window_destroy (GTK_WINDOW (self));
      else
        show_error (self, error);
      return;
    }

  /* Even after Cancel: the transaction had committed, so the contacts are
   * there and the window must say so. */
  g_signal_emit (self, signals[IMPORTED], 0,
                 reseau_import_count (self->import, RESEAU_IMPORT_ACTION_NEW),
                 reseau_import_count (self->import, RESEAU_IMPORT_ACTION_UPDATE));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ReseauImportDialog *self = RESEAU_IMPORT_DIALOG (widget);

  if (self->writing || self->import == NULL)
    return;

  self->writing = TRUE;
  gtk_widget_action_set_enabled (widget, "import.import", FALSE);
  gtk_progress_bar_set_fraction (self->write_progress, 0.0);
  set_page (self, "writing");

  reseau_import_apply_async (self->import, self->cancellable, apply_cb, g_object_ref (self));
}

static void
cancel (ReseauImportDialog *self)
{
  g_cancellable_cancel (self->cancellable);

  if (!self->writing)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* The window stays until the import has rolled back: closing sooner
   * would let the user believe it was over while it still writes. */
  self->cancelling = TRUE;
  gtk_label_set_label (self->writing_label, _("Cancelling…"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", FALSE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cancel (RESEAU_IMPORT_DIALOG (widget));
}

static gboolean
on_close_request (ReseauImportDialog *self)
{
  if (!self->writing)
    return GDK_EVENT_PROPAGATE;

  if (!self->cancelling)
    cancel (self);

  return GDK_EVENT_STOP;
}

static void
start (ReseauImportDialog *self)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < self->files->len; i++)
    {
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (self->files, i));

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
    }
  adw_window_title_set_subtitle (self->window_title, names->str);

  self->import = reseau_import_new (self->database);
  g_signal_connect_object (self->import, "notify::progress",
                           G_CALLBACK (on_progress_changed), self, G_CONNECT_SWAPPED);

  set_page (self, "reading");
  reseau_import_prepare_async (self->import, self->files, self->cancellable,
                               prepare_cb, g_object_ref (self));
}

static void
reseau_import_dialog_dispose (GObject *object)
{
  ReseauImportDialog *self = RESEAU_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->import != NULL)
    g_signal_handlers_disconnect_by_data (self->import, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_IMPORT_DIALOG);

  g_clear_object (&self->import);
  g_clear_object (&self->database);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (reseau_import_dialog_parent_class)->dispose (object);
}

static void
reseau_import_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ReseauImportDialog *self = RESEAU_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, reseau_import_dialog_get_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reseau_import_dialog_class_init (ReseauImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_import_dialog_dispose;
  object_class->get_property = reseau_import_dialog_get_property;

  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ReseauImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauImportDialog, read_progress);
  gtk_widget_class_bind_template_child (widget_class, ReseauImportDialog, counts_box);
  gtk_widget_class_bind_template_child (widget_class, ReseauImportDialog, nothing_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauImportDialog, entries_group);
  gtk_widget_class_bind_template_child (widget_class, ReseauImportDialog, entries_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, ReseauImportDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauImportDialog, writing_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauImportDialog, write_progress);
  gtk_widget_class_bind_template_child (widget_class, ReseauImportDialog, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
reseau_import_dialog_init (ReseauImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);
}

ReseauImportDialog *
reseau_import_dialog_new (GtkWindow      *parent,
                          ReseauDatabase *database,
                          GPtrArray      *files)
{
  ReseauImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RESEAU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (files != NULL && files->len > 0, NULL);

  self = g_object_new (RESEAU_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);
  self->files = g_ptr_array_ref (files);

  start (self);

  return self;
}
