/* reseau-timeline-view.c — every interaction, newest first, grouped by day
 *
 * The list is a ReseauTimelineModel (see its top comment for the stack)
 * under a GtkNoSelection and a GtkListView. Rows are built once in the
 * factory's setup and only filled in bind, so scrolling a million
 * interactions recycles a screenful of widgets.
 *
 * GTK 4.8 has no list section headers: a row that starts a day shows the
 * day as a heading above itself, decided in bind from the row before it.
 * Rows only change as a whole (a page appended, or every row replaced by a
 * reload), so a bound row's heading never goes stale.
 *
 * The filters (note text, kind, tag, contact) restart the model; deleting
 * moves the interaction to the trash and offers Undo in a toast; activating
 * a row (or its Edit button) opens it in the log dialog. The view
 * reads the list again each time it is shown, so interactions logged
 * elsewhere appear.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reseau-contact-picker.h"
#include "reseau-log-dialog.h"
#include "reseau-timeline-model.h"
#include "reseau-timeline-view.h"

#define UNDO_TIMEOUT_SECONDS 10

struct _ReseauTimelineView
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *kind_dropdown;
  GtkSearchEntry      *tag_entry;
  ReseauContactPicker *contact_picker;
  GtkStack            *stack;
  GtkListView         *list_view;

  /* Owned */
  GCancellable        *cancellable;
  ReseauDatabase      *database;
  ReseauTimelineModel *model;
  GtkNoSelection      *selection;

  guint                applying : 1;  /* filters set by program */
};

G_DEFINE_FINAL_TYPE (ReseauTimelineView, reseau_timeline_view, ADW_TYPE_BIN)

enum {
  DELETING,
  UNDO_OFFERED,
  INTERACTIONS_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Helpers -------------------------------------------------------------------- */

char *
reseau_timeline_format_day (const char *day,
                            GDateTime  *today)
{
  g_autoptr(GDateTime) time = NULL;
  GDate date;
  GDate today_date;
  int days;

  g_return_val_if_fail (day != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (!reseau_date_from_string (day, &date))
    return g_strdup (day);

  g_date_clear (&today_date, 1);
  g_date_set_dmy (&today_date, g_date_time_get_day_of_month (today),
                  g_date_time_get_month (today), g_date_time_get_year (today));
  days = g_date_days_between (&date, &today_date);
  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Yesterday"));

  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);
  if (time == NULL)
    return g_strdup (day);

  /* Translators: a day heading in the timeline, a g_date_time_format()
   * format; French: "%A %-d %B %Y" */
  return g_date_time_format (time, _("%A, %B %-d, %Y"));
}

static const char *
kind_icon_name (ReseauInteractionKind kind)
{
  switch (kind)
    {
    case RESEAU_INTERACTION_MEETING:    return "system-users-symbolic";
    case RESEAU_INTERACTION_CALL:       return "call-start-symbolic";
    case RESEAU_INTERACTION_EMAIL:      return "mail-send-symbolic";
    case RESEAU_INTERACTION_MESSAGE:    return "chat-message-new-symbolic";
    case RESEAU_INTERACTION_COFFEE:     return "emoji-food-symbolic";
    case RESEAU_INTERACTION_EVENT:      return "x-office-calendar-symbolic";
    case RESEAU_INTERACTION_WALK:       return "emoji-travel-symbolic";
    case RESEAU_INTERACTION_VIDEO_CALL: return "camera-web-symbolic";
    case RESEAU_INTERACTION_OTHER:
    default:                            return "view-more-horizontal-symbolic";
    }
}

static char *
first_line (const char *text)
{
  const char *end;

  if (text == NULL)
    return NULL;

  end = strchr (text, '\n');

  return end != NULL ? g_strndup (text, end - text) : g_strdup (text);
}

static void
show_error (ReseauTimelineView *self,
            const GError       *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
  else
    g_warning ("%s", error->message);
}

static void
update_page (ReseauTimelineView *self)
{
  gboolean filtered;

  if (self->model == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* While the first page of a filter is read, the list stays (empty)
   * rather than flashing a status page. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0
      || reseau_timeline_model_get_loading (self->model))
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  filtered = reseau_timeline_model_get_kind (self->model) >= 0
             || reseau_timeline_model_get_tag (self->model) != NULL
             || reseau_timeline_model_get_contact_uid (self->model) != NULL
             || reseau_timeline_model_get_text (self->model) != NULL;
  gtk_stack_set_visible_child_name (self->stack, filtered ? "no-results" : "empty");
}

static void
apply_filters (ReseauTimelineView *self)
{
  guint selected;
  int kind = -1;

  if (self->model == NULL || self->applying)
    return;

  /* Item 0 is "Any kind"; then the kinds in their enum order. */
  selected = gtk_drop_down_get_selected (self->kind_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    kind = (int) selected - 1;

  reseau_timeline_model_set_filter (self->model, kind,
                                    gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)),
                                    reseau_contact_picker_get_uid (self->contact_picker),
                                    gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_page (self);
}

/* Delete and Undo ------------------------------------------------------------ */

typedef struct
{
  ReseauTimelineView *self;
  gint64              id;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

static DeleteData *
delete_data_new (ReseauTimelineView *self,
                 gint64              id)
{
  DeleteData *data = g_new0 (DeleteData, 1);

  data->self = g_object_ref (self);
  data->id = id;

  return data;
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!reseau_database_restore_interaction_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (data->self, error);
      return;
    }

  reseau_timeline_view_reload (data->self);
  g_signal_emit (data->self, signals [INTERACTIONS_CHANGED], 0);
}

static void
on_undo_clicked (AdwToast   *toast,
                 DeleteData *data)
{
  ReseauTimelineView *self = data->self;

  if (self->database == NULL)
    return;

  reseau_database_restore_interaction_async (self->database, data->id, self->cancellable,
                                             restore_cb, delete_data_new (self, data->id));
}

static void
trash_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  ReseauTimelineView *self = data->self;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  AdwToast *toast;

  if (!reseau_database_trash_interaction_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  reseau_timeline_view_reload (self);
  g_signal_emit (self, signals [INTERACTIONS_CHANGED], 0);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;

  toast = adw_toast_new (_("Interaction deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, UNDO_TIMEOUT_SECONDS);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked),
                         delete_data_new (self, data->id),
                         (GClosureNotify) (void (*) (void)) delete_data_free, 0);
  g_signal_emit (self, signals [UNDO_OFFERED], 0, toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
reseau_timeline_view_delete_interaction (ReseauTimelineView *self,
                                         gint64              id)
{
  g_return_if_fail (RESEAU_IS_TIMELINE_VIEW (self));
  g_return_if_fail (id > 0);

  if (self->database == NULL)
    return;

  /* The trash is emptied when the Undo on offer ends: that must be queued
   * before this interaction reaches the trash. */
  g_signal_emit (self, signals [DELETING], 0);

  reseau_database_trash_interaction_async (self->database, id, self->cancellable, trash_cb,
                                           delete_data_new (self, id));
}

static void
on_delete_clicked (GtkButton          *button,
                   ReseauTimelineView *self)
{
  ReseauTimelineItem *item = g_object_get_data (G_OBJECT (button), "item");

  if (item != NULL)
    reseau_timeline_view_delete_interaction (self, reseau_timeline_item_get_row (item)->id);
}

/* Edit ----------------------------------------------------------------------- */

static void
on_edit_saved (ReseauTimelineView *self)
{
  reseau_timeline_view_reload (self);
  g_signal_emit (self, signals [INTERACTIONS_CHANGED], 0);
}

static void
load_for_edit_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ReseauTimelineView) self = user_data;
  g_autoptr(ReseauInteraction) interaction = NULL;
  g_autoptr(GError) error = NULL;
  ReseauLogDialog *dialog;
  GtkRoot *root;

  interaction = reseau_database_load_interaction_finish (RESEAU_DATABASE (object), result, &error);
  if (interaction == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }
  if (self->database == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = reseau_log_dialog_new_for_interaction (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  self->database, interaction, self->cancellable);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_edit_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
reseau_timeline_view_edit_interaction (ReseauTimelineView *self,
                                       gint64              id)
{
  g_return_if_fail (RESEAU_IS_TIMELINE_VIEW (self));
  g_return_if_fail (id > 0);

  if (self->database == NULL)
    return;

  reseau_database_load_interaction_async (self->database, id, self->cancellable,
                                          load_for_edit_cb, g_object_ref (self));
}

static void
on_edit_clicked (GtkButton          *button,
                 ReseauTimelineView *self)
{
  ReseauTimelineItem *item = g_object_get_data (G_OBJECT (button), "item");

  if (item != NULL)
    reseau_timeline_view_edit_interaction (self, reseau_timeline_item_get_row (item)->id);
}

static void
on_row_activated (GtkListView        *list_view,
                  guint               position,
                  ReseauTimelineView *self)
{
  g_autoptr(ReseauTimelineItem) item = NULL;

  if (self->model == NULL)
    return;

  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (item != NULL)
    reseau_timeline_view_edit_interaction (self, reseau_timeline_item_get_row (item)->id);
}

/* Rows ----------------------------------------------------------------------- */

/* The parts of a row, found again in bind. */
typedef struct
{
  GtkLabel  *day;
  GtkImage  *icon;
  GtkLabel  *kind;
  GtkLabel  *participants;
  GtkLabel  *note;
  GtkLabel  *direction;
  GtkLabel  *time;
  GtkButton *edit;
  GtkButton *delete;
} RowParts;

static GtkLabel *
new_label (const char *css_class)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);

  return label;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           ReseauTimelineView       *self)
{
  RowParts *parts = g_new0 (RowParts, 1);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  parts->day = new_label ("heading");
  gtk_widget_add_css_class (GTK_WIDGET (parts->day), "timeline-day");
  gtk_widget_set_margin_top (GTK_WIDGET (parts->day), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (parts->day), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (parts->day), 6);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (parts->day));

  gtk_widget_set_margin_top (line, 6);
  gtk_widget_set_margin_bottom (line, 6);
  gtk_widget_set_margin_start (line, 6);
  gtk_widget_set_margin_end (line, 6);
  gtk_box_append (GTK_BOX (row), line);

  parts->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (parts->icon), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (parts->icon));

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (line), text);

  gtk_box_append (GTK_BOX (text), title);
  parts->kind = new_label ("heading");
  gtk_box_append (GTK_BOX (title), GTK_WIDGET (parts->kind));
  parts->participants = new_label (NULL);
  gtk_label_set_ellipsize (parts->participants, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (parts->participants), TRUE);
  gtk_box_append (GTK_BOX (title), GTK_WIDGET (parts->participants));

  parts->note = new_label ("dim-label");
  gtk_label_set_ellipsize (parts->note, PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (parts->note, TRUE);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (parts->note));

  parts->direction = new_label ("dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (parts->direction), "caption");
  gtk_widget_set_valign (GTK_WIDGET (parts->direction), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (parts->direction));

  parts->time = new_label ("dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (parts->time), "numeric");
  gtk_widget_set_valign (GTK_WIDGET (parts->time), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (parts->time));

  parts->edit = GTK_BUTTON (gtk_button_new_from_icon_name ("document-edit-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (parts->edit), "flat");
  gtk_widget_set_valign (GTK_WIDGET (parts->edit), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (parts->edit), _("Edit Interaction"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (parts->edit),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit Interaction"),
                                  -1);
  g_signal_connect_object (parts->edit, "clicked", G_CALLBACK (on_edit_clicked), self, 0);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (parts->edit));

  parts->delete = GTK_BUTTON (gtk_button_new_from_icon_name ("user-trash-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (parts->delete), "flat");
  gtk_widget_set_valign (GTK_WIDGET (parts->delete), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (parts->delete), _("Delete Interaction"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (parts->delete),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Interaction"),
                                  -1);
  g_signal_connect_object (parts->delete, "clicked", G_CALLBACK (on_delete_clicked), self, 0);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (parts->delete));

  g_object_set_data_full (G_OBJECT (row), "parts", parts, g_free);
  gtk_list_item_set_child (list_item, row);
  /* Enter or a double click opens the interaction to edit it. */
  gtk_list_item_set_activatable (list_item, TRUE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          ReseauTimelineView       *self)
{
  ReseauTimelineItem *item = gtk_list_item_get_item (list_item);
  RowParts *parts = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "parts");
  const ReseauTimelineRow *row = reseau_timeline_item_get_row (item);
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (row->occurred_at);
  g_autofree char *time_text = NULL;
  g_autofree char *note = first_line (row->note_excerpt);
  gboolean starts_day = reseau_timeline_model_starts_day (self->model,
                                                          gtk_list_item_get_position (list_item));

  gtk_widget_set_visible (GTK_WIDGET (parts->day), starts_day);
  if (starts_day)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *heading = reseau_timeline_format_day (row->occurred_on, now);

      gtk_label_set_label (parts->day, heading);
    }

  gtk_image_set_from_icon_name (parts->icon, kind_icon_name (row->kind));
  gtk_label_set_label (parts->kind, reseau_interaction_kind_get_label (row->kind));
  gtk_label_set_label (parts->participants, row->participants != NULL ? row->participants : "");
  gtk_label_set_label (parts->note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (parts->note), note != NULL && *note != '\0');
  gtk_label_set_label (parts->direction, reseau_direction_get_label (row->direction));

  if (time != NULL)
    /* Translators: the time of day of an interaction, a
     * g_date_time_format() format */
    time_text = g_date_time_format (time, _("%H:%M"));
  gtk_label_set_label (parts->time, time_text != NULL ? time_text : "");

  g_object_set_data_full (G_OBJECT (parts->edit), "item", g_object_ref (item), g_object_unref);
  g_object_set_data_full (G_OBJECT (parts->delete), "item", g_object_ref (item), g_object_unref);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            ReseauTimelineView       *self)
{
  RowParts *parts = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "parts");

  g_object_set_data (G_OBJECT (parts->edit), "item", NULL);
  g_object_set_data (G_OBJECT (parts->delete), "item", NULL);
}

/* GObject -------------------------------------------------------------------- */

static void
on_map (ReseauTimelineView *self)
{
  /* Interactions may have been logged or deleted while hidden. */
  if (self->model != NULL && !reseau_timeline_model_get_loading (self->model))
    reseau_timeline_model_reload (self->model);
}

static void
reseau_timeline_view_dispose (GObject *object)
{
  ReseauTimelineView *self = RESEAU_TIMELINE_VIEW (object);

  g_cancellable_cancel (self->cancellable);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_TIMELINE_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (reseau_timeline_view_parent_class)->dispose (object);
}

static void
reseau_timeline_view_class_init (ReseauTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_timeline_view_dispose;

  signals [DELETING] =
    g_signal_new ("deleting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals [UNDO_OFFERED] =
    g_signal_new ("undo-offered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  signals [INTERACTIONS_CHANGED] =
    g_signal_new ("interactions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RESEAU_TYPE_CONTACT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-timeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauTimelineView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ReseauTimelineView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ReseauTimelineView, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, ReseauTimelineView, contact_picker);
  gtk_widget_class_bind_template_child (widget_class, ReseauTimelineView, stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauTimelineView, list_view);
}

static void
reseau_timeline_view_init (ReseauTimelineView *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  gtk_string_list_append (kinds, _("Any Kind"));
  for (int kind = 0; kind < RESEAU_N_INTERACTION_KINDS; kind++)
    gtk_string_list_append (kinds, reseau_interaction_kind_get_label (kind));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  reseau_contact_picker_set_empty_text (self->contact_picker, _("Anyone"),
                                        _("Interactions with anyone"));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_row_activated), self);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (apply_filters), self);
  g_signal_connect_swapped (self->tag_entry, "search-changed", G_CALLBACK (apply_filters), self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (apply_filters), self);
  g_signal_connect_swapped (self->contact_picker, "notify::uid", G_CALLBACK (apply_filters), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  update_page (self);
}

GtkWidget *
reseau_timeline_view_new (void)
{
  return g_object_new (RESEAU_TYPE_TIMELINE_VIEW, NULL);
}

void
reseau_timeline_view_set_database (ReseauTimelineView *self,
                                   ReseauDatabase     *database)
{
  g_return_if_fail (RESEAU_IS_TIMELINE_VIEW (self));
  g_return_if_fail (database == NULL || RESEAU_IS_DATABASE (database));

  if (self->database == database)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_list_view_set_model (self->list_view, NULL);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_set_object (&self->database, database);
  reseau_contact_picker_set_database (self->contact_picker, database);

  if (database != NULL)
    {
      self->model = reseau_timeline_model_new (database);
      g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (update_page), self);
      g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (update_page), self);
      g_signal_connect_swapped (self->model, "failed", G_CALLBACK (show_error), self);
      self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
      apply_filters (self);
    }

  update_page (self);
}

void
reseau_timeline_view_show_contact (ReseauTimelineView *self,
                                   const char         *uid,
                                   const char         *display_name)
{
  g_return_if_fail (RESEAU_IS_TIMELINE_VIEW (self));

  /* One restart for all the filters, not one per widget. */
  self->applying = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  reseau_contact_picker_set_contact (self->contact_picker, uid, display_name);
  self->applying = FALSE;

  apply_filters (self);
}

void
reseau_timeline_view_reload (ReseauTimelineView *self)
{
  g_return_if_fail (RESEAU_IS_TIMELINE_VIEW (self));

  if (self->model != NULL)
    reseau_timeline_model_reload (self->model);
}

GListModel *
reseau_timeline_view_get_model (ReseauTimelineView *self)
{
  g_return_val_if_fail (RESEAU_IS_TIMELINE_VIEW (self), NULL);

  return self->model != NULL ? G_LIST_MODEL (self->model) : NULL;
}
