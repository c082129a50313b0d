/* reseau-duplicates-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-duplicates-window.h"
#include "reseau-merge-view.h"

/* Pages:
 *
 *   loading ──▶ list ◀──▶ merge        (or empty, or error)
 *
 * The keys of every contact come from the database worker; matching them
 * runs in a thread of its own (reseau_find_duplicates() blocks, and an
 * address book of 100,000 contacts takes a noticeable moment). A merge
 * takes a copy of the kept contact first, which is what its Undo saves
 * back; the absorbed contact waits in the trash until the Undo toast is
 * dismissed, and the main window empties the trash then. */

#define UNDO_TIMEOUT_SECONDS 10

struct _ReseauDuplicatesWindow
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkButton       *back_button;
  GtkButton       *merge_button;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkLabel        *count_label;
  GtkListBox      *pairs_list;
  ReseauMergeView *merge_view;
  AdwStatusPage   *error_page;

  /* Owned */
  ReseauDatabase  *database;
  GCancellable    *cancellable;
  GCancellable    *load_cancellable;  /* the pair being opened */
  GPtrArray       *pairs;             /* ReseauDuplicatePair* */

  /* Borrowed: cleared when it is dismissed */
  AdwToast        *undo_toast;

  guint            merging : 1;
};

G_DEFINE_FINAL_TYPE (ReseauDuplicatesWindow, reseau_duplicates_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  CONTACTS_CHANGED,
  MERGING,
  UNDO_OFFERED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  ReseauDuplicatesWindow *self;
  ReseauContact          *previous;      /* the kept contact before the merge */
  char                   *absorbed_uid;
  char                   *kept_name;
  char                   *absorbed_name;
} MergeData;

static void
merge_data_free (MergeData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->previous);
  g_free (data->absorbed_uid);
  g_free (data->kept_name);
  g_free (data->absorbed_name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MergeData, merge_data_free)

static MergeData *
merge_data_copy (const MergeData *data)
{
  MergeData *copy = g_new0 (MergeData, 1);

  copy->self = g_object_ref (data->self);
  copy->previous = g_object_ref (data->previous);
  copy->absorbed_uid = g_strdup (data->absorbed_uid);
  copy->kept_name = g_strdup (data->kept_name);
  copy->absorbed_name = g_strdup (data->absorbed_name);

  return copy;
}

static void find_duplicates    (ReseauDuplicatesWindow *self);
static void on_compare_clicked (ReseauDuplicatesWindow *self,
                                GtkButton              *button);

const char *
reseau_duplicates_window_get_page (ReseauDuplicatesWindow *self)
{
  g_return_val_if_fail (RESEAU_IS_DUPLICATES_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

static void
on_page_changed (ReseauDuplicatesWindow *self)
{
  gboolean merge = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "merge") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), merge);
  gtk_widget_set_visible (GTK_WIDGET (self->merge_button), merge);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.merge", merge && !self->merging);
  if (!merge)
    adw_window_title_set_subtitle (self->window_title, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
show_toast (ReseauDuplicatesWindow *self,
            const char             *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
show_pairs (ReseauDuplicatesWindow *self)
{
  GtkWidget *child;
  g_autofree char *count = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pairs_list))) != NULL)
    gtk_list_box_remove (self->pairs_list, child);

  if (self->pairs == NULL || self->pairs->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < self->pairs->len; i++)
    {
      ReseauDuplicatePair *pair = g_ptr_array_index (self->pairs, i);
      g_autofree char *title = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *reason = reseau_duplicate_pair_describe (pair);
      g_autofree char *escaped_reason = g_markup_escape_text (reason != NULL ? reason : "", -1);
      g_autofree char *accessible = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;

      /* Translators: two contacts that may be the same person, "Anne Martin and A. Martin" */
      title = g_strdup_printf (_("%s and %s"), pair->name_a, pair->name_b);
      escaped = g_markup_escape_text (title, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_reason);
      /* A real button rather than only an activatable row: screen readers
       * (and GTK 4.8's AT-SPI) offer no way to activate a row. */
      button = gtk_button_new_from_icon_name ("go-next-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Compare and merge"));
      /* Translators: a button's accessible name, "Compare Anne Martin and A. Martin" */
      accessible = g_strdup_printf (_("Compare %s"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      g_object_set_data (G_OBJECT (button), "reseau-pair", pair);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_compare_clicked), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->pairs_list, row);
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u pair of contacts may be the same person.",
                                        "%u pairs of contacts may be the same person.",
                                        self->pairs->len),
                           self->pairs->len);
  gtk_label_set_label (self->count_label, count);

  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
show_error (ReseauDuplicatesWindow *self,
            const GError           *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* Finding */

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GPtrArray *keys = task_data;

  g_task_return_pointer (task, reseau_find_duplicates (keys), (GDestroyNotify) g_ptr_array_unref);
}

static void
find_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ReseauDuplicatesWindow *self = RESEAU_DUPLICATES_WINDOW (object);
  g_autoptr(GError) error = NULL;
  GPtrArray *pairs;

  pairs = g_task_propagate_pointer (G_TASK (result), &error);
  if (pairs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  self->pairs = pairs;
  show_pairs (self);
}

static void
keys_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ReseauDuplicatesWindow) self = user_data;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  keys = reseau_database_list_contact_keys_finish (RESEAU_DATABASE (object), result, &error);
  if (keys == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  task = g_task_new (self, self->cancellable, find_cb, NULL);
  g_task_set_source_tag (task, find_duplicates);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, g_steal_pointer (&keys), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, find_thread);
}

static void
find_duplicates (ReseauDuplicatesWindow *self)
{
  gtk_stack_set_visible_child_name (self->stack, "loading");
  reseau_database_list_contact_keys_async (self->database, self->cancellable, keys_cb, g_object_ref (self));
}

/* Opening a pair: both contacts are loaded, one after the other, on the
 * database worker. */

typedef struct
{
  ReseauDuplicatesWindow *self;
  ReseauContact          *first;
  char                   *uid_b;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->first);
  g_free (data->uid_b);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
second_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(ReseauContact) second = NULL;
  g_autoptr(GError) error = NULL;
  ReseauDuplicatesWindow *self = data->self;

  second = reseau_database_load_contact_finish (RESEAU_DATABASE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (second == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  reseau_merge_view_set_contacts (self->merge_view, data->first, second);
  adw_window_title_set_subtitle (self->window_title, reseau_contact_get_display_name (data->first));
  gtk_stack_set_visible_child_name (self->stack, "merge");
}

static void
first_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GError) error = NULL;
  ReseauDuplicatesWindow *self = data->self;
  const char *uid_b;

  data->first = reseau_database_load_contact_finish (RESEAU_DATABASE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (data->first == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  /* Read before data is handed over: argument order is unspecified. */
  uid_b = data->uid_b;
  reseau_database_load_contact_async (self->database, uid_b, self->load_cancellable,
                                      second_loaded_cb, g_steal_pointer (&data));
}

static void
on_compare_clicked (ReseauDuplicatesWindow *self,
                    GtkButton              *button)
{
  const ReseauDuplicatePair *pair = g_object_get_data (G_OBJECT (button), "reseau-pair");
  LoadData *data;

  g_return_if_fail (pair != NULL);

  /* A pair clicked while another loads replaces it. */
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->uid_b = g_strdup (pair->uid_b);
  reseau_database_load_contact_async (self->database, pair->uid_a, self->load_cancellable,
                                      first_loaded_cb, data);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ReseauDuplicatesWindow *self = RESEAU_DUPLICATES_WINDOW (widget);

  show_pairs (self);
}

/* Merging and undoing */

static void
unmerge_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MergeData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!reseau_database_unmerge_contacts_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (data->self, error->message);
      return;
    }

  g_signal_emit (data->self, signals[CONTACTS_CHANGED], 0);
  /* The pair is back, and maybe others that went with the merge. */
  find_duplicates (data->self);
}

static void
on_undo_clicked (AdwToast  *toast,
                 MergeData *data)
{
  ReseauDuplicatesWindow *self = data->self;

  reseau_database_unmerge_contacts_async (self->database, data->previous, data->absorbed_uid,
                                          self->cancellable, unmerge_cb, merge_data_copy (data));
}

static void
forget_pairs_with (ReseauDuplicatesWindow *self,
                   const char             *uid)
{
  /* Every pair with the absorbed contact is gone with it; the kept one's
   * other pairs still stand. */
  for (guint i = self->pairs->len; i > 0; i--)
    {
      ReseauDuplicatePair *pair = g_ptr_array_index (self->pairs, i - 1);

      if (g_strcmp0 (pair->uid_a, uid) == 0 || g_strcmp0 (pair->uid_b, uid) == 0)
        g_ptr_array_remove_index (self->pairs, i - 1);
    }
}

static void
merge_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MergeData) data = user_data;
  ReseauDuplicatesWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  self->merging = FALSE;

  if (!reseau_database_merge_contacts_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          on_page_changed (self);
          show_toast (self, error->message);
        }
      return;
    }

  if (self->pairs != NULL)
    forget_pairs_with (self, data->absorbed_uid);
  show_pairs (self);
  g_signal_emit (self, signals[CONTACTS_CHANGED], 0);

  /* Translators: shown after merging two contacts, "“A. Martin” merged into “Anne Martin”" */
  title = g_strdup_printf (_("“%s” merged into “%s”"), data->absorbed_name, data->kept_name);
  escaped = g_markup_escape_text (title, -1);

  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, UNDO_TIMEOUT_SECONDS);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked),
                         merge_data_copy (data),
                         (GClosureNotify) (void (*) (void)) merge_data_free, 0);

  g_set_weak_pointer (&self->undo_toast, toast);
  g_signal_emit (self, signals[UNDO_OFFERED], 0, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ReseauDuplicatesWindow *self = RESEAU_DUPLICATES_WINDOW (widget);
  ReseauContact *keep = reseau_merge_view_get_keep (self->merge_view);
  ReseauContact *other = reseau_merge_view_get_other (self->merge_view);
  g_autoptr(ReseauContact) merged = NULL;
  MergeData *data;

  if (keep == NULL || other == NULL || self->merging)
    return;

  data = g_new0 (MergeData, 1);
  data->self = g_object_ref (self);
  data->previous = reseau_contact_copy (keep);
  data->absorbed_uid = g_strdup (reseau_contact_get_uid (other));
  data->kept_name = g_strdup (reseau_contact_get_display_name (keep));
  data->absorbed_name = g_strdup (reseau_contact_get_display_name (other));

  merged = reseau_contact_merge (keep, other);

  /* The Undo on offer (a merge's or a deletion's) ends before this merge
   * puts a contact in the trash: emptying the trash for it must not take
   * away the contact this merge's own Undo will bring back. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_signal_emit (self, signals[MERGING], 0);

  self->merging = TRUE;
  gtk_widget_action_set_enabled (widget, "duplicates.merge", FALSE);
  reseau_database_merge_contacts_async (self->database, merged, data->absorbed_uid,
                                        self->cancellable, merge_cb, data);
}

static gboolean
on_close_request (ReseauDuplicatesWindow *self)
{
  /* The Undo goes with the window: dismissing it lets the trash be emptied. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  return GDK_EVENT_PROPAGATE;
}

static void
reseau_duplicates_window_dispose (GObject *object)
{
  ReseauDuplicatesWindow *self = RESEAU_DUPLICATES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);

  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_data (self->stack, self);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_clear_weak_pointer (&self->undo_toast);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_DUPLICATES_WINDOW);

  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->pairs, g_ptr_array_unref);

  G_OBJECT_CLASS (reseau_duplicates_window_parent_class)->dispose (object);
}

static void
reseau_duplicates_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ReseauDuplicatesWindow *self = RESEAU_DUPLICATES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, reseau_duplicates_window_get_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reseau_duplicates_window_class_init (ReseauDuplicatesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_duplicates_window_dispose;
  object_class->get_property = reseau_duplicates_window_get_property;

  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CONTACTS_CHANGED] =
    g_signal_new ("contacts-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[MERGING] =
    g_signal_new ("merging",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[UNDO_OFFERED] =
    g_signal_new ("undo-offered",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (RESEAU_TYPE_MERGE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-duplicates-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauDuplicatesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ReseauDuplicatesWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ReseauDuplicatesWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauDuplicatesWindow, merge_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauDuplicatesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauDuplicatesWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, ReseauDuplicatesWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauDuplicatesWindow, pairs_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauDuplicatesWindow, merge_view);
  gtk_widget_class_bind_template_child (widget_class, ReseauDuplicatesWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request);

  gtk_widget_class_install_action (widget_class, "duplicates.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "duplicates.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reseau_duplicates_window_init (ReseauDuplicatesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.merge", FALSE);
}

ReseauDuplicatesWindow *
reseau_duplicates_window_new (GtkWindow      *parent,
                              ReseauDatabase *database)
{
  ReseauDuplicatesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RESEAU_IS_DATABASE (database), NULL);

  self = g_object_new (RESEAU_TYPE_DUPLICATES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);
  find_duplicates (self);

  return self;
}
