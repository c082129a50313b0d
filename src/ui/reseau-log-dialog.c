/* reseau-log-dialog.c — the “Log Interaction” window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The participants are rows of a boxed list above an “Add a participant”
 * row whose contact picker searches every contact; choosing one adds a row
 * and empties the picker again. Saving goes through the database's worker
 * with the window's cancellable, so closing the main window stops it.
 *
 * Editing fills the same fields from the interaction and saves under its
 * id. Its time is kept to the second unless the day, hour or minute shown
 * was changed: the fields show minutes, and saving must not move an
 * interaction the user did not move.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "reseau-contact-picker.h"
#include "reseau-log-dialog.h"

struct _ReseauLogDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkWidget       *save_button;
  GtkLabel        *error_label;
  GtkFlowBox      *kind_box;
  GtkMenuButton   *date_button;
  GtkCalendar     *calendar;
  GtkSpinButton   *hour_spin;
  GtkSpinButton   *minute_spin;
  AdwComboRow     *direction_row;
  GtkListBox      *participants_list;
  GtkWidget       *add_row;
  GtkWidget       *picker;  /* ReseauContactPicker */
  GtkTextView     *note_view;

  /* Borrowed: children of kind_box, one per ReseauInteractionKind */
  GtkToggleButton *kind_buttons[RESEAU_N_INTERACTION_KINDS];

  /* Owned */
  ReseauDatabase  *database;
  GCancellable    *cancellable;
  GPtrArray       *uids;    /* char *, in the order of the rows */
  ReseauInteraction *saving_interaction;  /* written by the worker until saved */
  ReseauInteraction *original;            /* the one edited, or NULL */

  guint            saving : 1;
};

G_DEFINE_FINAL_TYPE (ReseauLogDialog, reseau_log_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
update_save (ReseauLogDialog *self)
{
  gtk_widget_set_sensitive (self->save_button, self->uids->len > 0 && !self->saving);
}

static void
update_date_label (ReseauLogDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  /* Translators: the day of an interaction on its button, see strftime */
  g_autofree char *label = g_date_time_format (date, _("%-d %B %Y"));

  gtk_menu_button_set_label (self->date_button, label);
}

/* Two digits, as clocks show hours and minutes. */
static gboolean
on_time_output (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
on_remove_clicked (GtkButton *button,
                   gpointer   user_data)
{
  ReseauLogDialog *self = RESEAU_LOG_DIALOG (user_data);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  const char *uid = g_object_get_data (G_OBJECT (row), "uid");

  for (guint i = 0; i < self->uids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->uids, i), uid) == 0)
      {
        g_ptr_array_remove_index (self->uids, i);
        break;
      }

  gtk_list_box_remove (self->participants_list, row);
  update_save (self);
}

static void
on_name_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AdwActionRow) row = user_data;
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(GError) error = NULL;

  contact = reseau_database_load_contact_finish (RESEAU_DATABASE (object), result, &error);
  if (contact != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reseau_contact_get_display_name (contact));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Unknown contact"));
}

void
reseau_log_dialog_add_participant (ReseauLogDialog *self,
                                   const char      *uid,
                                   const char      *display_name)
{
  GtkWidget *row;
  GtkWidget *remove;
  g_autofree char *remove_label = NULL;

  g_return_if_fail (RESEAU_IS_LOG_DIALOG (self));
  g_return_if_fail (uid != NULL);

  for (guint i = 0; i < self->uids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->uids, i), uid) == 0)
      return;

  g_ptr_array_add (self->uids, g_strdup (uid));

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display_name != NULL ? display_name : "…");
  g_object_set_data_full (G_OBJECT (row), "uid", g_strdup (uid), g_free);

  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  remove_label = g_strdup_printf (_("Remove %s"), display_name != NULL ? display_name : uid);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  gtk_list_box_insert (self->participants_list, row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->add_row)));

  if (display_name == NULL && self->database != NULL)
    reseau_database_load_contact_async (self->database, uid, self->cancellable,
                                        on_name_loaded, g_object_ref (row));

  update_save (self);
}

static void
on_picker_chosen (ReseauLogDialog *self)
{
  ReseauContactPicker *picker = RESEAU_CONTACT_PICKER (self->picker);
  g_autofree char *uid = g_strdup (reseau_contact_picker_get_uid (picker));
  g_autofree char *name = g_strdup (reseau_contact_picker_get_display_name (picker));

  /* The name comes last when a contact is chosen: the choice is complete. */
  if (uid == NULL || name == NULL)
    return;

  reseau_contact_picker_set_contact (picker, NULL, NULL);
  reseau_log_dialog_add_participant (self, uid, name);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ReseauLogDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!reseau_database_save_interaction_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      self->saving = FALSE;
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      update_save (self);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_save_clicked (ReseauLogDialog *self)
{
  ReseauInteraction *interaction;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GtkTextBuffer) buffer = NULL;
  GtkTextIter start, end;
  g_autofree char *note = NULL;

  if (self->uids->len == 0 || self->saving || self->database == NULL)
    return;

  interaction = reseau_interaction_new ();
  for (guint i = 0; i < RESEAU_N_INTERACTION_KINDS; i++)
    if (gtk_toggle_button_get_active (self->kind_buttons[i]))
      interaction->kind = i;
  interaction->direction = adw_combo_row_get_selected (self->direction_row);

  day = gtk_calendar_get_date (self->calendar);
  time = g_date_time_new_local (g_date_time_get_year (day),
                                g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin),
                                0);
  reseau_interaction_set_time (interaction, time);

  buffer = g_object_ref (gtk_text_view_get_buffer (self->note_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*note != '\0')
    interaction->note = g_steal_pointer (&note);

  if (self->original != NULL)
    {
      g_autoptr(GDateTime) before = g_date_time_new_from_unix_local (self->original->occurred_at);

      interaction->id = self->original->id;
      interaction->created_at = self->original->created_at;
      if (before != NULL && time != NULL
          && g_date_time_get_year (before) == g_date_time_get_year (time)
          && g_date_time_get_day_of_year (before) == g_date_time_get_day_of_year (time)
          && g_date_time_get_hour (before) == g_date_time_get_hour (time)
          && g_date_time_get_minute (before) == g_date_time_get_minute (time))
        {
          interaction->occurred_at = self->original->occurred_at;
          g_free (interaction->occurred_on);
          interaction->occurred_on = g_strdup (self->original->occurred_on);
        }
    }

  for (guint i = 0; i < self->uids->len; i++)
    reseau_interaction_add_participant (interaction, g_ptr_array_index (self->uids, i));

  self->saving = TRUE;
  reseau_interaction_free (self->saving_interaction);
  self->saving_interaction = interaction;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_save (self);

  reseau_database_save_interaction_async (self->database, interaction, self->cancellable,
                                          on_saved, g_object_ref (self));
}

static void
reseau_log_dialog_dispose (GObject *object)
{
  ReseauLogDialog *self = RESEAU_LOG_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_LOG_DIALOG);

  G_OBJECT_CLASS (reseau_log_dialog_parent_class)->dispose (object);
}

static void
reseau_log_dialog_finalize (GObject *object)
{
  ReseauLogDialog *self = RESEAU_LOG_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->uids, g_ptr_array_unref);
  g_clear_pointer (&self->saving_interaction, reseau_interaction_free);
  g_clear_pointer (&self->original, reseau_interaction_free);

  G_OBJECT_CLASS (reseau_log_dialog_parent_class)->finalize (object);
}

static void
reseau_log_dialog_class_init (ReseauLogDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_log_dialog_dispose;
  object_class->finalize = reseau_log_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RESEAU_TYPE_CONTACT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-log-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauLogDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauLogDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauLogDialog, kind_box);
  gtk_widget_class_bind_template_child (widget_class, ReseauLogDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauLogDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, ReseauLogDialog, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, ReseauLogDialog, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, ReseauLogDialog, direction_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauLogDialog, participants_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauLogDialog, add_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauLogDialog, picker);
  gtk_widget_class_bind_template_child (widget_class, ReseauLogDialog, note_view);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_picker_chosen);
  gtk_widget_class_bind_template_callback (widget_class, update_date_label);
  gtk_widget_class_bind_template_callback (widget_class, on_time_output);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reseau_log_dialog_init (ReseauLogDialog *self)
{
  g_autoptr(GtkStringList) directions = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->uids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Toggle buttons in one group rather than a drop-down: one click picks a
   * type, and each is a button that assistive technologies can press. */
  for (guint i = 0; i < RESEAU_N_INTERACTION_KINDS; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (reseau_interaction_kind_get_label (i));

      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "small");
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->kind_buttons[0]);
      self->kind_buttons[i] = GTK_TOGGLE_BUTTON (button);
      gtk_flow_box_append (self->kind_box, button);
    }
  gtk_toggle_button_set_active (self->kind_buttons[RESEAU_INTERACTION_MEETING], TRUE);

  for (guint i = RESEAU_DIRECTION_ASKED; i <= RESEAU_DIRECTION_MUTUAL; i++)
    gtk_string_list_append (directions, reseau_direction_get_label (i));
  adw_combo_row_set_model (self->direction_row, G_LIST_MODEL (directions));
  adw_combo_row_set_selected (self->direction_row, RESEAU_DIRECTION_MUTUAL);

  gtk_calendar_select_day (self->calendar, now);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (now));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (now));
  update_date_label (self);
  update_save (self);
}

ReseauLogDialog *
reseau_log_dialog_new (GtkWindow      *parent,
                       ReseauDatabase *database,
                       GCancellable   *cancellable)
{
  ReseauLogDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RESEAU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (RESEAU_TYPE_LOG_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  reseau_contact_picker_set_database (RESEAU_CONTACT_PICKER (self->picker), database);

  return self;
}

ReseauLogDialog *
reseau_log_dialog_new_for_interaction (GtkWindow               *parent,
                                       ReseauDatabase          *database,
                                       const ReseauInteraction *interaction,
                                       GCancellable            *cancellable)
{
  ReseauLogDialog *self;
  g_autoptr(GDateTime) time = NULL;
  GtkTextBuffer *buffer;

  g_return_val_if_fail (interaction != NULL, NULL);
  g_return_val_if_fail (interaction->id > 0, NULL);

  self = reseau_log_dialog_new (parent, database, cancellable);
  if (self == NULL)
    return NULL;

  self->original = reseau_interaction_copy (interaction);
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Interaction"));

  if ((guint) interaction->kind < RESEAU_N_INTERACTION_KINDS)
    gtk_toggle_button_set_active (self->kind_buttons[interaction->kind], TRUE);
  if (interaction->direction <= RESEAU_DIRECTION_MUTUAL)
    adw_combo_row_set_selected (self->direction_row, interaction->direction);

  time = g_date_time_new_from_unix_local (interaction->occurred_at);
  if (time != NULL)
    {
      gtk_calendar_select_day (self->calendar, time);
      gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (time));
      gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (time));
      update_date_label (self);
    }

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_set_text (buffer, interaction->note != NULL ? interaction->note : "", -1);

  for (guint i = 0; i < interaction->participants->len; i++)
    reseau_log_dialog_add_participant (self, g_ptr_array_index (interaction->participants, i), NULL);

  return self;
}

gint64
reseau_log_dialog_get_interaction_id (ReseauLogDialog *self)
{
  g_return_val_if_fail (RESEAU_IS_LOG_DIALOG (self), 0);

  return self->original != NULL ? self->original->id : 0;
}
