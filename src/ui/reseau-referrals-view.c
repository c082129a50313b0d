/* reseau-referrals-view.c — the Referrals view: favours given and received
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four groups, each a boxed GtkListBox emptied and filled again on every
 * load: the received referrals not thanked yet, the people I owe a
 * referral, every referral (outcome changeable in place) and the mandates
 * by source. The lists are short by nature (a freelancer records a few
 * referrals a month), so rows are plain widgets. Each group loads on its
 * own; a load that finishes after a newer one started is dropped (serial),
 * so the view never goes back in time.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-referrals-view.h"

#define N_SOURCES (RESEAU_MANDATE_DIRECT + 1)

struct _ReseauReferralsView
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *unthanked_group;
  GtkListBox          *unthanked_list;
  AdwPreferencesGroup *debts_group;
  GtkListBox          *debts_list;
  GtkListBox          *all_list;
  GtkListBox          *mandates_list;

  /* Owned */
  ReseauDatabase      *database;
  GCancellable        *cancellable;
  guint                serial;
  gint64               shown_referral;  /* to focus in "All referrals" once listed; 0: none */
};

G_DEFINE_FINAL_TYPE (ReseauReferralsView, reseau_referrals_view, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  ReseauReferralsView *view;
  guint                serial;
} Call;

static Call *
call_new (ReseauReferralsView *self)
{
  Call *call = g_new0 (Call, 1);

  call->view = g_object_ref (self);
  call->serial = self->serial;

  return call;
}

static void
call_free (Call *call)
{
  g_clear_object (&call->view);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static gboolean
call_is_current (Call    *call,
                 GError  *error,
                 const char *what)
{
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load %s: %s", what, error->message);
      return FALSE;
    }

  return call->serial == call->view->serial;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static const char *
outcome_label (ReseauOutcome outcome)
{
  switch (outcome)
    {
    case RESEAU_OUTCOME_WON:
      return _("Won");
    case RESEAU_OUTCOME_LOST:
      return _("Lost");
    case RESEAU_OUTCOME_PENDING:
    default:
      return _("Pending");
    }
}

static char *
format_day (const char *iso_day)
{
  GDate date;
  g_autoptr(GDateTime) time = NULL;

  if (!reseau_date_from_string (iso_day, &date))
    return g_strdup (iso_day != NULL ? iso_day : "");
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);

  /* Translators: the day of a referral, see strftime */
  return g_date_time_format (time, _("%-d %B %Y"));
}

static char *
describe (const ReseauReferral *referral)
{
  g_autofree char *day = format_day (referral->referred_on);
  g_autofree char *what = NULL;
  const char *subject = referral->subject != NULL && referral->subject[0] != '\0'
                        ? referral->subject : _("No subject");

  if (referral->to_name != NULL)
    /* Translators: "Site web — to Anne Martin", the referral's subject and client */
    what = g_strdup_printf (_("%s — to %s"), subject, referral->to_name);
  else
    what = g_strdup (subject);

  if (referral->value_cents > 0)
    {
      g_autofree char *amount = g_strdup_printf ("%.2f %s", referral->value_cents / 100.0,
                                                 referral->currency != NULL ? referral->currency : "");

      g_strstrip (amount);
      /* Translators: subject, day, amount */
      return g_strdup_printf (_("%s · %s · %s"), what, day, amount);
    }

  /* Translators: subject, day */
  return g_strdup_printf (_("%s · %s"), what, day);
}

static GtkWidget *
referral_row_new (const ReseauReferral *referral)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = describe (referral);
  g_autofree char *title = NULL;
  const char *name = referral->person_name != NULL ? referral->person_name : _("Unknown contact");

  if (referral->direction == RESEAU_REFERRAL_RECEIVED)
    /* Translators: in the list of referrals */
    title = g_strdup_printf (_("%s recommended me"), name);
  else
    /* Translators: in the list of referrals */
    title = g_strdup_printf (_("I recommended %s"), name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void
add_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_list_box_set_placeholder (list, label);
}

/* Changes ----------------------------------------------------------------------- */

static void reload (ReseauReferralsView *self);

static void
changed (Call   *call,
         GError *error)
{
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not change a referral: %s", error->message);
    }

  reload (call->view);
  g_signal_emit (call->view, signals[CHANGED], 0);
}

static void
on_thanked_finished (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;

  reseau_database_set_referral_thanked_finish (RESEAU_DATABASE (object), result, &error);
  changed (call, error);
}

static void
on_outcome_finished (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;

  reseau_database_set_referral_outcome_finish (RESEAU_DATABASE (object), result, &error);
  changed (call, error);
}

static void
on_thank_clicked (GtkButton           *button,
                  ReseauReferralsView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "referral-id");

  if (self->database == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  reseau_database_set_referral_thanked_async (self->database, id, TRUE, self->cancellable,
                                              on_thanked_finished, call_new (self));
}

static void
on_outcome_selected (GtkDropDown         *drop_down,
                     GParamSpec          *pspec,
                     ReseauReferralsView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (drop_down), "referral-id");
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (self->database == NULL || selected > RESEAU_OUTCOME_LOST)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (drop_down), FALSE);
  reseau_database_set_referral_outcome_async (self->database, id, (ReseauOutcome) selected,
                                              self->cancellable, on_outcome_finished, call_new (self));
}

static void
set_referral_id (GObject *object,
                 gint64   id)
{
  g_object_set_data_full (object, "referral-id", g_memdup2 (&id, sizeof id), g_free);
}

/* Loads ------------------------------------------------------------------------- */

static void
on_unthanked_loaded (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) referrals = reseau_database_list_referrals_finish (RESEAU_DATABASE (object),
                                                                          result, &error);
  ReseauReferralsView *self = call->view;

  if (!call_is_current (call, error, "referrals"))
    return;

  clear_list (self->unthanked_list);
  for (guint i = 0; i < referrals->len; i++)
    {
      const ReseauReferral *referral = g_ptr_array_index (referrals, i);
      GtkWidget *row = referral_row_new (referral);
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Mark _Thanked"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      set_referral_id (G_OBJECT (button), referral->id);
      g_signal_connect (button, "clicked", G_CALLBACK (on_thank_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->unthanked_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->unthanked_group), referrals->len > 0);
}

static void
on_debts_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) debts = reseau_database_list_referral_debts_finish (RESEAU_DATABASE (object),
                                                                          result, &error);
  ReseauReferralsView *self = call->view;

  if (!call_is_current (call, error, "referral debts"))
    return;

  clear_list (self->debts_list);
  for (guint i = 0; i < debts->len; i++)
    {
      const ReseauReferralDebt *debt = g_ptr_array_index (debts, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      /* Translators: the balance with one person, "Gave 1 · Received 3" */
      subtitle = g_strdup_printf (_("Gave %u · Received %u"), debt->given, debt->received);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), debt->display_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->debts_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->debts_group), debts->len > 0);
}

static void
on_all_loaded (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) referrals = reseau_database_list_referrals_finish (RESEAU_DATABASE (object),
                                                                          result, &error);
  ReseauReferralsView *self = call->view;

  if (!call_is_current (call, error, "referrals"))
    return;

  clear_list (self->all_list);
  for (guint i = 0; i < referrals->len; i++)
    {
      const ReseauReferral *referral = g_ptr_array_index (referrals, i);
      const char *outcomes[] = {
        outcome_label (RESEAU_OUTCOME_PENDING),
        outcome_label (RESEAU_OUTCOME_WON),
        outcome_label (RESEAU_OUTCOME_LOST),
        NULL
      };
      GtkWidget *row = referral_row_new (referral);
      GtkWidget *drop_down = gtk_drop_down_new_from_strings (outcomes);

      gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (drop_down, _("Outcome"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Outcome"), -1);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), referral->outcome);
      set_referral_id (G_OBJECT (drop_down), referral->id);
      /* Connected after the initial selection, so that only the user's
       * choice writes. */
      g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_outcome_selected), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
      gtk_list_box_append (self->all_list, row);

      /* The focus scrolls the page to the row and tells a screen reader. */
      if (referral->id == self->shown_referral)
        {
          self->shown_referral = 0;
          gtk_widget_grab_focus (row);
        }
    }
}

static void
on_mandates_counted (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  guint counts[N_SOURCES] = { 0 };
  guint total = 0;
  ReseauReferralsView *self = call->view;
  const char *titles[N_SOURCES] = {
    [RESEAU_MANDATE_FROM_REFERRAL] = _("From a referral"),
    [RESEAU_MANDATE_FROM_EVENT] = _("From an event"),
    [RESEAU_MANDATE_DIRECT] = _("Direct"),
  };

  reseau_database_count_mandates_by_source_finish (RESEAU_DATABASE (object), result, counts, &error);
  if (!call_is_current (call, error, "mandate counts"))
    return;

  for (guint i = 0; i < N_SOURCES; i++)
    total += counts[i];

  clear_list (self->mandates_list);
  for (guint i = 0; i < N_SOURCES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *level = gtk_level_bar_new_for_interval (0.0, 1.0);
      guint percent = total > 0 ? (counts[i] * 100 + total / 2) / total : 0;
      g_autofree char *subtitle = NULL;

      /* Translators: "3 mandates · 60 %" */
      subtitle = g_strdup_printf (ngettext ("%u mandate · %u %%", "%u mandates · %u %%", counts[i]),
                                  counts[i], percent);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), titles[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (level), total > 0 ? (double) counts[i] / total : 0.0);
      gtk_widget_set_valign (level, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (level, 120, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (level),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, titles[i], -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), level);
      gtk_list_box_append (self->mandates_list, row);
    }
}

static void
reload (ReseauReferralsView *self)
{
  if (self->database == NULL)
    return;

  self->serial++;
  reseau_database_list_referrals_async (self->database, RESEAU_REFERRALS_NOT_THANKED, self->cancellable,
                                        on_unthanked_loaded, call_new (self));
  reseau_database_list_referral_debts_async (self->database, self->cancellable,
                                             on_debts_loaded, call_new (self));
  reseau_database_list_referrals_async (self->database, RESEAU_REFERRALS_ALL, self->cancellable,
                                        on_all_loaded, call_new (self));
  reseau_database_count_mandates_by_source_async (self->database, self->cancellable,
                                                  on_mandates_counted, call_new (self));
}

/* Public ------------------------------------------------------------------------ */

void
reseau_referrals_view_set_database (ReseauReferralsView *self,
                                    ReseauDatabase      *database,
                                    GCancellable        *cancellable)
{
  g_return_if_fail (RESEAU_IS_REFERRALS_VIEW (self));
  g_return_if_fail (RESEAU_IS_DATABASE (database));

  g_set_object (&self->database, database);
  g_set_object (&self->cancellable, cancellable);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

void
reseau_referrals_view_show_referral (ReseauReferralsView *self,
                                     gint64               id)
{
  g_return_if_fail (RESEAU_IS_REFERRALS_VIEW (self));

  self->shown_referral = id;
  reseau_referrals_view_reload (self);
}

void
reseau_referrals_view_reload (ReseauReferralsView *self)
{
  g_return_if_fail (RESEAU_IS_REFERRALS_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

static void
reseau_referrals_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (reseau_referrals_view_parent_class)->map (widget);

  reload (RESEAU_REFERRALS_VIEW (widget));
}

static void
reseau_referrals_view_dispose (GObject *object)
{
  ReseauReferralsView *self = RESEAU_REFERRALS_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_REFERRALS_VIEW);
  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (reseau_referrals_view_parent_class)->dispose (object);
}

static void
reseau_referrals_view_class_init (ReseauReferralsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_referrals_view_dispose;
  widget_class->map = reseau_referrals_view_map;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-referrals-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralsView, unthanked_group);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralsView, unthanked_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralsView, debts_group);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralsView, debts_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralsView, all_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauReferralsView, mandates_list);
}

static void
reseau_referrals_view_init (ReseauReferralsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_placeholder (self->all_list, _("No referrals yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->unthanked_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->debts_group), FALSE);
}
