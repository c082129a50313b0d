/* reseau-event-dialog.c — the “New Event” / “Edit Event” window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Validation happens on Save rather than by greying the button out: a
 * greyed button says nothing, a message under the field says what to fix.
 * Once shown, a message goes away as soon as the field is right. Saving
 * goes through the database's worker with the main window's cancellable.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reseau-event-dialog.h"

struct _ReseauEventDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkLabel        *error_label;
  AdwEntryRow     *name_row;
  GtkLabel        *name_error;
  GtkMenuButton   *date_button;
  GtkCalendar     *calendar;
  AdwComboRow     *format_row;
  AdwEntryRow     *place_row;
  AdwEntryRow     *link_row;
  GtkLabel        *link_error;
  AdwEntryRow     *theme_row;
  GtkTextView     *note_view;

  /* Owned */
  ReseauDatabase  *database;
  GCancellable    *cancellable;
  ReseauEvent     *saving_event;  /* written by the worker until saved */
  gint64           event_id;      /* 0: a new event */

  guint            saving : 1;
  guint            validated : 1;  /* Save was pressed: messages follow the typing */
};

G_DEFINE_FINAL_TYPE (ReseauEventDialog, reseau_event_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

char *
reseau_event_dialog_normalize_link (const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *candidate = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return NULL;
  for (const char *p = stripped; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return NULL;

  /* "meet.example.org/abc" is what people paste from an invitation. */
  if (strstr (stripped, "://") == NULL)
    candidate = g_strconcat ("https://", stripped, NULL);
  else
    candidate = g_strdup (stripped);

  uri = g_uri_parse (candidate, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    return NULL;
  if (host == NULL || (strchr (host, '.') == NULL && g_ascii_strcasecmp (host, "localhost") != 0))
    return NULL;
  /* "mailto:anne@example.org" would pass as a user at example.org. */
  if (g_uri_get_userinfo (uri) != NULL)
    return NULL;

  return g_steal_pointer (&candidate);
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
show_field_error (GtkWidget  *row,
                  GtkLabel   *label,
                  const char *message)
{
  if (message != NULL)
    {
      gtk_label_set_label (label, message);
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/* Shows what is wrong under each field; TRUE when nothing is. */
static gboolean
validate (ReseauEventDialog *self)
{
  g_autofree char *name = entry_text (self->name_row);
  g_autofree char *link = entry_text (self->link_row);
  g_autofree char *normalized = NULL;
  const char *name_message = NULL;
  const char *link_message = NULL;

  if (*name == '\0')
    name_message = _("Give the event a name, such as “Coworking breakfast”.");

  if (*link != '\0')
    {
      normalized = reseau_event_dialog_normalize_link (link);
      if (normalized == NULL)
        link_message = _("The link must be a web address, such as https://meet.example.org/apero.");
    }

  show_field_error (GTK_WIDGET (self->name_row), self->name_error, name_message);
  show_field_error (GTK_WIDGET (self->link_row), self->link_error, link_message);

  return name_message == NULL && link_message == NULL;
}

static void
on_field_changed (ReseauEventDialog *self)
{
  if (self->validated)
    validate (self);
}

static void
update_date_label (ReseauEventDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  /* Translators: the day of an event on its button, see strftime */
  g_autofree char *label = g_date_time_format (date, _("%-d %B %Y"));

  gtk_menu_button_set_label (self->date_button, label);
  gtk_popover_popdown (gtk_menu_button_get_popover (self->date_button));
}

static void
show_error (ReseauEventDialog *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ReseauEventDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!reseau_database_save_event_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      self->saving = FALSE;
      show_error (self, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "event-dialog.save", TRUE);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->saving_event->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static char *
optional (char *text)
{
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ReseauEventDialog *self = RESEAU_EVENT_DIALOG (widget);
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *name = NULL;
  g_autofree char *link = NULL;
  g_autofree char *note = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  ReseauEvent *event;
  GDate date;

  if (self->saving || self->database == NULL)
    return;

  self->validated = TRUE;
  if (!validate (self))
    {
      /* Straight to the first field to fix. */
      if (gtk_widget_get_visible (GTK_WIDGET (self->name_error)))
        gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->link_row));
      return;
    }

  name = entry_text (self->name_row);
  link = entry_text (self->link_row);
  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (day), g_date_time_get_month (day),
                  g_date_time_get_year (day));
  event = reseau_event_new (name, &date);
  event->id = self->event_id;
  event->format = (ReseauEventFormat) MIN (adw_combo_row_get_selected (self->format_row),
                                           (guint) RESEAU_EVENT_COWORKING);
  event->place = optional (entry_text (self->place_row));
  event->link = *link != '\0' ? reseau_event_dialog_normalize_link (link) : NULL;
  event->theme = optional (entry_text (self->theme_row));
  event->note = optional (g_steal_pointer (&note));

  self->saving = TRUE;
  g_clear_pointer (&self->saving_event, reseau_event_free);
  self->saving_event = event;
  show_error (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event-dialog.save", FALSE);

  reseau_database_save_event_async (self->database, event, self->cancellable,
                                    on_saved, g_object_ref (self));
}

static void
on_entry_activated (ReseauEventDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "event-dialog.save", NULL);
}

static void
reseau_event_dialog_dispose (GObject *object)
{
  ReseauEventDialog *self = RESEAU_EVENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_EVENT_DIALOG);

  G_OBJECT_CLASS (reseau_event_dialog_parent_class)->dispose (object);
}

static void
reseau_event_dialog_finalize (GObject *object)
{
  ReseauEventDialog *self = RESEAU_EVENT_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->saving_event, reseau_event_free);

  G_OBJECT_CLASS (reseau_event_dialog_parent_class)->finalize (object);
}

static void
reseau_event_dialog_class_init (ReseauEventDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_event_dialog_dispose;
  object_class->finalize = reseau_event_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-event-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauEventDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventDialog, link_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventDialog, link_error);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventDialog, note_view);
  gtk_widget_class_bind_template_callback (widget_class, update_date_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);

  gtk_widget_class_install_action (widget_class, "event-dialog.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "event-dialog.save", NULL);
}

static void
reseau_event_dialog_init (ReseauEventDialog *self)
{
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the order of ReseauEventFormat. */
  gtk_string_list_append (formats, _("In person"));
  gtk_string_list_append (formats, _("Online"));
  /* Translators: the format of an event held in a coworking space */
  gtk_string_list_append (formats, _("Coworking"));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));

  gtk_calendar_select_day (self->calendar, now);
  update_date_label (self);
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

ReseauEventDialog *
reseau_event_dialog_new (GtkWindow         *parent,
                         ReseauDatabase    *database,
                         GCancellable      *cancellable,
                         const ReseauEvent *event)
{
  ReseauEventDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RESEAU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (RESEAU_TYPE_EVENT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();

  if (event != NULL)
    {
      GDate day;

      self->event_id = event->id;
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Event"));
      set_entry (self->name_row, event->name);
      if (reseau_date_from_string (event->held_on, &day))
        {
          g_autoptr(GDateTime) time = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day),
                                                             g_date_get_day (&day), 12, 0, 0);

          gtk_calendar_select_day (self->calendar, time);
          update_date_label (self);
        }
      adw_combo_row_set_selected (self->format_row, event->format);
      set_entry (self->place_row, event->place);
      set_entry (self->link_row, event->link);
      set_entry (self->theme_row, event->theme);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                                event->note != NULL ? event->note : "", -1);
    }

  return self;
}
