/* reseau-referral-dialog.c — the “Record Referral” window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One form for both directions: the direction renames the person's row
 * ("Who recommended me" / "Whom I recommended") and hides the thanked
 * switch for a referral given. Saving goes through the database's worker
 * with the window's cancellable, so closing the main window stops it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "reseau-contact-picker.h"
#include "reseau-referral-dialog.h"

struct _ReseauReferralDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkWidget       *save_button;
  GtkLabel        *error_label;
  GtkToggleButton *received_button;
  GtkToggleButton *given_button;
  AdwActionRow    *person_row;
  GtkWidget       *person_picker;  /* ReseauContactPicker */
  GtkWidget       *to_picker;      /* ReseauContactPicker */
  AdwEntryRow     *subject_row;
  GtkMenuButton   *date_button;
  GtkCalendar     *calendar;
  AdwComboRow     *outcome_row;
  AdwEntryRow     *value_row;
  GtkWidget       *thanked_row;
  GtkSwitch       *thanked_switch;

  /* Owned */
  ReseauDatabase  *database;
  GCancellable    *cancellable;
  ReseauReferral  *saving_referral;  /* written by the worker until saved */

  guint            saving : 1;
};

G_DEFINE_FINAL_TYPE (ReseauReferralDialog, reseau_referral_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
update_save (ReseauReferralDialog *self)
{
  const char *uid = reseau_contact_picker_get_uid (RESEAU_CONTACT_PICKER (self->person_picker));

  gtk_widget_set_sensitive (self->save_button, uid != NULL && !self->saving);
}

static void
update_direction (ReseauReferralDialog *self)
{
  gboolean received = gtk_toggle_button_get_active (self->received_button);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->person_row),
                                 received ? _("Who recommended me") : _("Whom I recommended"));
  gtk_widget_set_visible (self->thanked_row, received);
}

static void
update_date_label (ReseauReferralDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  /* Translators: the day of a referral, see strftime */
  g_autofree char *label = g_date_time_format (date, _("%-d %B %Y"));

  gtk_menu_button_set_label (self->date_button, label);
}

/* An optional amount as typed ("1200", "1 200,50", "1200.5"): cents, 0
 * when empty; FALSE when it is not a number. */
static gboolean
parse_value (const char *text,
             gint64     *cents)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  double value;
  char *end;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      g_string_append_c (clean, c == ',' ? '.' : (char) c);
      if (c > 127)
        return FALSE;
    }

  *cents = 0;
  if (clean->len == 0)
    return TRUE;

  value = g_ascii_strtod (clean->str, &end);
  if (*end != '\0' || value < 0 || value > 1e12)
    return FALSE;
  *cents = (gint64) (value * 100 + 0.5);

  return TRUE;
}

static void
show_error (ReseauReferralDialog *self,
            const char           *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ReseauReferralDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!reseau_database_add_referral_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      self->saving = FALSE;
      show_error (self, error->message);
      update_save (self);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_save_clicked (ReseauReferralDialog *self)
{
  const char *person = reseau_contact_picker_get_uid (RESEAU_CONTACT_PICKER (self->person_picker));
  const char *to = reseau_contact_picker_get_uid (RESEAU_CONTACT_PICKER (self->to_picker));
  ReseauReferralDirection direction = gtk_toggle_button_get_active (self->received_button)
                                      ? RESEAU_REFERRAL_RECEIVED : RESEAU_REFERRAL_GIVEN;
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row))));
  ReseauReferral *referral;
  GDate date;
  gint64 cents;

  if (person == NULL || self->saving || self->database == NULL)
    return;

  if (!parse_value (gtk_editable_get_text (GTK_EDITABLE (self->value_row)), &cents))
    {
      show_error (self, _("The value must be an amount, such as 1200 or 1200.50."));
      return;
    }

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (day), g_date_time_get_month (day),
                  g_date_time_get_year (day));
  referral = reseau_referral_new (direction, person, &date);
  referral->to_uid = g_strdup (to);
  if (*subject != '\0')
    referral->subject = g_steal_pointer (&subject);
  referral->outcome = adw_combo_row_get_selected (self->outcome_row);
  referral->value_cents = cents;
  referral->thanked = direction == RESEAU_REFERRAL_RECEIVED && gtk_switch_get_active (self->thanked_switch);

  self->saving = TRUE;
  reseau_referral_free (self->saving_referral);
  self->saving_referral = referral;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_save (self);

  reseau_database_add_referral_async (self->database, referral, self->cancellable,
                                      on_saved, g_object_ref (self));
}

static void
reseau_referral_dialog_dispose (GObject *object)
{
  ReseauReferralDialog *self = RESEAU_REFERRAL_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_REFERRAL_DIALOG);

  G_OBJECT_CLASS (reseau_referral_dialog_parent_class)->dispose (object);
}

static void
reseau_referral_dialog_finalize (GObject *object)
{
  ReseauReferralDialog *self = RESEAU_REFERRAL_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->saving_referral, reseau_referral_free);

  G_OBJECT_CLASS (reseau_referral_dialog_parent_class)->finalize (object);
}

static void
reseau_referral_dialog_class_init (ReseauReferralDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_referral_dialog_dispose;
  object_class->finalize = reseau_referral_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RESEAU_TYPE_CONTACT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-referral-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralDialog, received_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralDialog, given_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralDialog, person_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralDialog, person_picker);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralDialog, to_picker);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralDialog, value_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralDialog, thanked_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralDialog, thanked_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, update_save);
  gtk_widget_class_bind_template_callback (widget_class, update_direction);
  gtk_widget_class_bind_template_callback (widget_class, update_date_label);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reseau_referral_dialog_init (ReseauReferralDialog *self)
{
  g_autoptr(GtkStringList) outcomes = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the order of ReseauOutcome. */
  gtk_string_list_append (outcomes, _("Pending"));
  gtk_string_list_append (outcomes, _("Won"));
  gtk_string_list_append (outcomes, _("Lost"));
  adw_combo_row_set_model (self->outcome_row, G_LIST_MODEL (outcomes));

  reseau_contact_picker_set_empty_text (RESEAU_CONTACT_PICKER (self->to_picker), NULL,
                                        _("No client"));
  gtk_calendar_select_day (self->calendar, now);
  update_date_label (self);
  update_direction (self);
  update_save (self);
}

ReseauReferralDialog *
reseau_referral_dialog_new (GtkWindow      *parent,
                            ReseauDatabase *database,
                            GCancellable   *cancellable)
{
  ReseauReferralDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RESEAU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (RESEAU_TYPE_REFERRAL_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  reseau_contact_picker_set_database (RESEAU_CONTACT_PICKER (self->person_picker), database);
  reseau_contact_picker_set_database (RESEAU_CONTACT_PICKER (self->to_picker), database);

  return self;
}

void
reseau_referral_dialog_set_person (ReseauReferralDialog *self,
                                   const char           *uid,
                                   const char           *display_name)
{
  g_return_if_fail (RESEAU_IS_REFERRAL_DIALOG (self));

  reseau_contact_picker_set_contact (RESEAU_CONTACT_PICKER (self->person_picker), uid, display_name);
  update_save (self);
}
