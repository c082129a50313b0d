/* reseau-contact-reminders.c — the Reminders group of the contact sheet
 *
 * An explicit reminder is one of the Follow-up view's rows: the database
 * lists it there from the day it is due. This group is where one is
 * written for a contact and where its open ones can be seen and done.
 * "Add Reminder" opens a popover with the note first (what the user has in
 * mind) and the day under it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-contact-reminders.h"

struct _ReseauContactReminders
{
  AdwBin               parent_instance;

  /* Children */
  AdwPreferencesGroup *group;
  GtkWidget           *add_button;
  GtkPopover          *popover;
  GtkEntry            *note_entry;
  GtkCalendar         *calendar;
  GtkWidget           *save_button;
  GPtrArray           *rows;        /* the reminders' rows, to take away on reload */

  /* Owned */
  ReseauDatabase      *database;
  GCancellable        *cancellable;
  char                *uid;
};

G_DEFINE_FINAL_TYPE (ReseauContactReminders, reseau_contact_reminders, ADW_TYPE_BIN)

static void reload (ReseauContactReminders *self);

static void
report (ReseauContactReminders *self,
        const GError           *error)
{
  GtkWidget *overlay;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The window's toast overlay, when there is one above. */
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
  else
    g_warning ("Reminders: %s", error->message);
}

static char *
format_due (const char *due_on)
{
  GDate date;
  char buffer[128];

  if (!reseau_date_from_string (due_on, &date) ||
      /* Translators: the day a reminder is due, a strftime() format; French: "%A %-d %B %Y" */
      g_date_strftime (buffer, sizeof buffer, _("%A, %B %-d, %Y"), &date) == 0)
    return g_strdup (due_on);

  /* Translators: %s is a day */
  return g_strdup_printf (_("Due %s"), buffer);
}

/* Done ---------------------------------------------------------------------------- */

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ReseauContactReminders) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!reseau_database_complete_followup_finish (RESEAU_DATABASE (object), result, &error))
    report (self, error);
  reload (self);
}

static void
on_done_clicked (GtkButton              *button,
                 ReseauContactReminders *self)
{
  ReseauFollowup followup = { 0 };
  GDate today;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  followup.reason = RESEAU_FOLLOWUP_REASON_REMINDER;
  followup.contact_uid = self->uid;
  followup.reminder_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "reseau-reminder-id");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  reseau_database_complete_followup_async (self->database, &followup, &today, self->cancellable,
                                           done_cb, g_object_ref (self));
}

/* Listing -------------------------------------------------------------------------- */

static GtkWidget *
make_row (ReseauContactReminders *self,
          const ReseauReminder   *reminder)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *done = gtk_button_new_from_icon_name ("object-select-symbolic");
  g_autofree char *due = format_due (reminder->due_on);
  /* Translators: accessible name of a button; %s is a reminder's note */
  g_autofree char *done_label = g_strdup_printf (_("Mark “%s” as done"), reminder->note);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reminder->note);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), due);

  gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (done, "flat");
  gtk_widget_set_tooltip_text (done, _("Done"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (done), GTK_ACCESSIBLE_PROPERTY_LABEL, done_label, -1);
  g_object_set_data_full (G_OBJECT (done), "reseau-reminder-id",
                          g_memdup2 (&reminder->id, sizeof reminder->id), g_free);
  g_signal_connect_object (done, "clicked", G_CALLBACK (on_done_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);

  return row;
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ReseauContactReminders) self = user_data;
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GError) error = NULL;

  reminders = reseau_database_list_reminders_finish (RESEAU_DATABASE (object), result, &error);
  if (reminders == NULL)
    {
      report (self, error);
      return;
    }
  if (self->rows == NULL)  /* disposed meanwhile */
    return;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < reminders->len; i++)
    {
      GtkWidget *row = make_row (self, g_ptr_array_index (reminders, i));

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  adw_preferences_group_set_description (self->group,
                                         reminders->len == 0 ? _("Nothing planned with this person") : NULL);
}

static void
reload (ReseauContactReminders *self)
{
  if (self->database == NULL || self->rows == NULL)
    return;

  reseau_database_list_reminders_async (self->database, self->uid, self->cancellable, listed_cb,
                                        g_object_ref (self));
}

/* Adding ---------------------------------------------------------------------------- */

typedef struct
{
  ReseauContactReminders *self;
  ReseauReminder         *reminder;
} AddCall;

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  AddCall *call = user_data;
  g_autoptr(ReseauContactReminders) self = call->self;
  g_autoptr(GError) error = NULL;

  if (!reseau_database_add_reminder_finish (RESEAU_DATABASE (object), result, &error))
    report (self, error);
  reseau_reminder_free (call->reminder);
  g_free (call);
  reload (self);
}

static void
update_save_button (ReseauContactReminders *self)
{
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));

  gtk_widget_set_sensitive (self->save_button, *note != '\0');
}

static void
on_save (ReseauContactReminders *self)
{
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  g_autoptr(GDateTime) chosen = gtk_calendar_get_date (self->calendar);
  AddCall *call;
  GDate due;

  if (*note == '\0' || self->database == NULL)
    return;

  g_date_clear (&due, 1);
  g_date_set_dmy (&due, g_date_time_get_day_of_month (chosen), g_date_time_get_month (chosen),
                  g_date_time_get_year (chosen));

  call = g_new0 (AddCall, 1);
  call->self = g_object_ref (self);
  call->reminder = reseau_reminder_new (self->uid, &due, note);
  reseau_database_add_reminder_async (self->database, call->reminder, self->cancellable, added_cb, call);

  gtk_popover_popdown (self->popover);
}

/* Each time it opens: an empty note, due tomorrow. */
static void
on_popover_show (ReseauContactReminders *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_calendar_select_day (self->calendar, tomorrow);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
}

static GtkWidget *
make_popover (ReseauContactReminders *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *note_label = gtk_label_new_with_mnemonic (_("_Note"));
  GtkWidget *day_label = gtk_label_new_with_mnemonic (_("_Day"));

  self->note_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->note_entry, _("Thank Anne for the referral"));
  gtk_entry_set_activates_default (self->note_entry, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (note_label), GTK_WIDGET (self->note_entry));
  gtk_label_set_xalign (GTK_LABEL (note_label), 0);
  g_signal_connect_object (self->note_entry, "changed", G_CALLBACK (update_save_button), self,
                           G_CONNECT_SWAPPED);

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_label_set_mnemonic_widget (GTK_LABEL (day_label), GTK_WIDGET (self->calendar));
  gtk_label_set_xalign (GTK_LABEL (day_label), 0);

  self->save_button = gtk_button_new_with_mnemonic (_("_Add Reminder"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_widget_set_sensitive (self->save_button, FALSE);
  g_signal_connect_object (self->save_button, "clicked", G_CALLBACK (on_save), self, G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), note_label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->note_entry));
  gtk_box_append (GTK_BOX (box), day_label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (box), self->save_button);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, box);
  gtk_popover_set_default_widget (self->popover, self->save_button);
  g_signal_connect_object (self->popover, "show", G_CALLBACK (on_popover_show), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self->popover);
}

GtkWidget *
reseau_contact_reminders_new (ReseauDatabase *database,
                              const char     *uid,
                              GCancellable   *cancellable)
{
  ReseauContactReminders *self;

  g_return_val_if_fail (RESEAU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uid != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (RESEAU_TYPE_CONTACT_REMINDERS, NULL);
  self->database = g_object_ref (database);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->uid = g_strdup (uid);
  reload (self);

  return GTK_WIDGET (self);
}

static void
reseau_contact_reminders_dispose (GObject *object)
{
  ReseauContactReminders *self = RESEAU_CONTACT_REMINDERS (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->uid, g_free);

  G_OBJECT_CLASS (reseau_contact_reminders_parent_class)->dispose (object);
}

static void
reseau_contact_reminders_class_init (ReseauContactRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reseau_contact_reminders_dispose;
}

static void
reseau_contact_reminders_init (ReseauContactReminders *self)
{
  GtkWidget *add = gtk_menu_button_new ();

  self->rows = g_ptr_array_new ();
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Reminders"));

  gtk_menu_button_set_label (GTK_MENU_BUTTON (add), _("Add _Reminder…"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (add), TRUE);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (add), make_popover (self));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  self->add_button = add;
  adw_preferences_group_set_header_suffix (self->group, add);

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
}
