/* reseau-followup-view.c — the Follow-up view: who to get back to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One AdwPreferencesGroup per ReseauFollowupGroup, each holding a boxed
 * GtkListBox that is emptied and filled again on every load. A group may
 * hold tens of thousands of people (a default cadence over a big network),
 * so the database gives each group's count and only its first rows; "Show
 * More" asks for more of them. Rows are then few enough to be plain
 * widgets rather than a recycled list view. A load that finishes after a
 * newer one started is dropped (serial), so the view never goes back in
 * time.
 *
 * Notifications are separate from the rows: once the database is open and
 * then every hour, a check lists the follow-ups due today or overdue. The
 * first check sends a summary ("3 people to get back to"); later ones
 * notify only what has fallen due since the check before.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reseau-followup-view.h"
#include "reseau-notifications.h"

#define N_GROUPS RESEAU_FOLLOWUP_N_GROUPS
/* Rows a group shows at first, and how many more each "Show More" adds. */
#define PAGE_ROWS 50
/* The notification summary names this many people, then counts the rest. */
#define SUMMARY_NAMES 5

struct _ReseauFollowupView
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  AdwPreferencesPage *page;

  /* Borrowed: children of page */
  AdwPreferencesGroup *groups[N_GROUPS];
  GtkListBox          *lists[N_GROUPS];
  GtkWidget           *more_buttons[N_GROUPS];

  /* Owned */
  ReseauDatabase     *database;
  GCancellable       *cancellable;
  GSettings          *settings;
  GPtrArray          *followups;  /* ReseauFollowup*, what the rows show */
  guint               counts[N_GROUPS];
  guint               serial;
  guint               limit;        /* rows asked for per group */
  GApplication       *application;  /* sends the notifications; NULL: none */
  GHashTable         *due_keys;     /* "reason uid" due at the last check; NULL before the first */
  guint               check_id;
};

#define CHECK_INTERVAL_SECONDS (60 * 60)

G_DEFINE_FINAL_TYPE (ReseauFollowupView, reseau_followup_view, ADW_TYPE_BIN)

enum {
  LOG_INTERACTION,
  OPEN_CONTACT,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  ReseauFollowupView *view;
  GPtrArray          *followups;  /* keeps followup alive during the call */
  guint               serial;
} Call;

static Call *
call_new (ReseauFollowupView *self)
{
  Call *call = g_new0 (Call, 1);

  call->view = g_object_ref (self);
  call->followups = self->followups != NULL ? g_ptr_array_ref (self->followups) : NULL;
  call->serial = self->serial;

  return call;
}

static void
call_free (Call *call)
{
  g_clear_object (&call->view);
  g_clear_pointer (&call->followups, g_ptr_array_unref);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
}

static char *
format_day (const GDate *date)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (g_date_get_year (date),
                                                     g_date_get_month (date),
                                                     g_date_get_day (date), 12, 0, 0);

  /* Translators: a day in a follow-up's reason, see strftime */
  return g_date_time_format (time, _("%-d %B"));
}

static char *
describe (const ReseauFollowup *followup)
{
  switch (followup->reason)
    {
    case RESEAU_FOLLOWUP_REASON_CADENCE:
      {
        g_autofree char *day = format_day (&followup->due);

        /* Translators: "Every 30 days — due 12 March" */
        return g_strdup_printf (ngettext ("Every %u day — due %s",
                                             "Every %u days — due %s", followup->cadence_days),
                                followup->cadence_days, day);
      }

    case RESEAU_FOLLOWUP_REASON_COOLING:
      return g_strdup_printf (_("Relationship strength down to %u"), followup->strength);

    case RESEAU_FOLLOWUP_REASON_REMINDER:
    case RESEAU_FOLLOWUP_REASON_THANKS:
    default:
      return g_strdup (followup->note != NULL ? followup->note : "");
    }
}

static void reload (ReseauFollowupView *self);

static ReseauFollowup *
row_followup (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return g_object_get_data (G_OBJECT (row), "followup");
}

static void
on_log_clicked (GtkButton          *button,
                ReseauFollowupView *self)
{
  ReseauFollowup *followup = row_followup (GTK_WIDGET (button));

  g_signal_emit (self, signals[LOG_INTERACTION], 0, followup->contact_uid, followup->display_name);
}

static void
on_open_clicked (GtkButton          *button,
                 ReseauFollowupView *self)
{
  ReseauFollowup *followup = row_followup (GTK_WIDGET (button));

  g_signal_emit (self, signals[OPEN_CONTACT], 0, followup->contact_uid);
}

static void
on_completed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;

  if (!reseau_database_complete_followup_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not complete a follow-up: %s", error->message);
    }

  reload (call->view);
}

static void
on_done_clicked (GtkButton          *button,
                 ReseauFollowupView *self)
{
  ReseauFollowup *followup = row_followup (GTK_WIDGET (button));
  GDate day;

  if (self->database == NULL)
    return;

  gtk_widget_set_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW), FALSE);
  today (&day);
  reseau_database_complete_followup_async (self->database, followup, &day, self->cancellable,
                                           on_completed, call_new (self));
}

/* The core's snooze is a blocking call, safe from any thread but the
 * database's own: run it on a pool thread so that the window never waits. */
typedef struct
{
  GPtrArray      *followups;  /* keeps followup alive */
  ReseauFollowup *followup;
  GDate           until;
} Snooze;

static void
snooze_free (Snooze *snooze)
{
  g_clear_pointer (&snooze->followups, g_ptr_array_unref);
  g_free (snooze);
}

static void
snooze_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Snooze *snooze = task_data;
  GError *error = NULL;

  if (reseau_database_snooze_followup (RESEAU_DATABASE (source_object), snooze->followup,
                                       &snooze->until, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_snoozed (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ReseauFollowupView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not snooze a follow-up: %s", error->message);
    }

  reload (self);
}

static void
snooze_row (GtkWidget   *widget,
            const GDate *until)
{
  ReseauFollowupView *self = RESEAU_FOLLOWUP_VIEW (gtk_widget_get_ancestor (widget, RESEAU_TYPE_FOLLOWUP_VIEW));
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  g_autoptr(GTask) task = NULL;
  Snooze *snooze;

  if (self->database == NULL || self->followups == NULL)
    return;

  snooze = g_new0 (Snooze, 1);
  snooze->followups = g_ptr_array_ref (self->followups);
  snooze->followup = g_object_get_data (G_OBJECT (row), "followup");
  snooze->until = *until;

  gtk_widget_set_sensitive (row, FALSE);
  task = g_task_new (self->database, self->cancellable, on_snoozed, g_object_ref (self));
  g_task_set_source_tag (task, snooze_row);
  g_task_set_task_data (task, snooze, (GDestroyNotify) snooze_free);
  g_task_run_in_thread (task, snooze_thread);
}

static void
on_snooze_clicked (GtkButton *button,
                   gpointer   user_data)
{
  ReseauSnooze kind = GPOINTER_TO_UINT (user_data);
  GDate day, until;

  today (&day);
  reseau_followup_snooze_until (&day, kind, &until);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER)));
  snooze_row (GTK_WIDGET (button), &until);
}

static void
on_snooze_until_clicked (GtkButton   *button,
                         GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  GDate until;

  g_date_clear (&until, 1);
  g_date_set_dmy (&until, g_date_time_get_day_of_month (date),
                  g_date_time_get_month (date), g_date_time_get_year (date));
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER)));
  snooze_row (GTK_WIDGET (button), &until);
}

static GtkWidget *
make_snooze_button (const char *display_name)
{
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *week = gtk_button_new_with_mnemonic (_("For a _Week"));
  GtkWidget *month = gtk_button_new_with_mnemonic (_("For a _Month"));
  GtkWidget *until = gtk_label_new (_("Until a Date"));
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *chosen = gtk_button_new_with_mnemonic (_("Snooze _Until This Day"));
  g_autofree char *description = g_strdup_printf (_("Snooze %s"), display_name);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu_button), _("Snooze"));
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);

  gtk_widget_add_css_class (week, "flat");
  gtk_widget_add_css_class (month, "flat");
  gtk_widget_add_css_class (until, "heading");
  gtk_widget_set_halign (until, GTK_ALIGN_START);
  gtk_widget_set_margin_top (until, 6);
  g_signal_connect (week, "clicked", G_CALLBACK (on_snooze_clicked), GUINT_TO_POINTER (RESEAU_SNOOZE_WEEK));
  g_signal_connect (month, "clicked", G_CALLBACK (on_snooze_clicked), GUINT_TO_POINTER (RESEAU_SNOOZE_MONTH));
  g_signal_connect (chosen, "clicked", G_CALLBACK (on_snooze_until_clicked), calendar);

  gtk_box_append (GTK_BOX (box), week);
  gtk_box_append (GTK_BOX (box), month);
  gtk_box_append (GTK_BOX (box), until);
  gtk_box_append (GTK_BOX (box), calendar);
  gtk_box_append (GTK_BOX (box), chosen);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);

  return menu_button;
}

static GtkWidget *
make_button (const char *label,
             const char *description,
             GCallback   callback,
             gpointer    user_data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* The label says what, the description for whom. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  g_signal_connect (button, "clicked", callback, user_data);

  return button;
}

static GtkWidget *
make_row (ReseauFollowupView *self,
          ReseauFollowup     *followup)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *reason = describe (followup);
  g_autofree char *log_label = g_strdup_printf (_("Log an interaction with %s"), followup->display_name);
  g_autofree char *done_label = g_strdup_printf (_("Mark %s as done"), followup->display_name);
  g_autofree char *open_label = g_strdup_printf (_("Open %s"), followup->display_name);
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), followup->display_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
  g_object_set_data (G_OBJECT (row), "followup", followup);

  if (followup->overdue_days > 0)
    {
      g_autofree char *overdue = g_strdup_printf (ngettext ("%d day overdue",
                                                               "%d days overdue", followup->overdue_days),
                                                  followup->overdue_days);
      GtkWidget *label = gtk_label_new (overdue);

      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (label, "caption");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  button = make_button (_("_Log…"), log_label, G_CALLBACK (on_log_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_snooze_button (followup->display_name));

  button = make_button (_("_Done"), done_label, G_CALLBACK (on_done_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  button = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Open Contact"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, open_label, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_open_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static gboolean
same_followup (const ReseauFollowup *a,
               const ReseauFollowup *b)
{
  return a->reason == b->reason && a->group == b->group &&
         g_date_compare (&a->due, &b->due) == 0 && a->cadence_days == b->cadence_days &&
         a->strength == b->strength && a->reminder_id == b->reminder_id &&
         a->referral_id == b->referral_id && g_strcmp0 (a->contact_uid, b->contact_uid) == 0 &&
         g_strcmp0 (a->display_name, b->display_name) == 0 && g_strcmp0 (a->note, b->note) == 0;
}

/* Whether the rows shown already say all that list says. */
static gboolean
shows_already (ReseauFollowupView       *self,
               const ReseauFollowupList *list)
{
  if (self->followups == NULL || self->followups->len != list->followups->len ||
      memcmp (self->counts, list->counts, sizeof self->counts) != 0)
    return FALSE;

  for (guint i = 0; i < list->followups->len; i++)
    if (!same_followup (g_ptr_array_index (self->followups, i), g_ptr_array_index (list->followups, i)))
      return FALSE;

  return TRUE;
}

static void
show_followups (ReseauFollowupView       *self,
                const ReseauFollowupList *list)
{
  GPtrArray *followups = list->followups;
  guint shown[N_GROUPS] = { 0 };
  guint total = 0;

  /* A reload that finds nothing new (the window was only activated again)
   * leaves the rows alone, with their focus and any open snooze menu. */
  if (shows_already (self, list))
    return;
  memcpy (self->counts, list->counts, sizeof self->counts);

  for (guint g = 0; g < N_GROUPS; g++)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lists[g]))) != NULL)
        gtk_list_box_remove (self->lists[g], child);
    }

  g_clear_pointer (&self->followups, g_ptr_array_unref);
  self->followups = g_ptr_array_ref (followups);

  for (guint i = 0; i < followups->len; i++)
    {
      ReseauFollowup *followup = g_ptr_array_index (followups, i);
      guint g = MIN ((guint) followup->group, N_GROUPS - 1);

      gtk_list_box_append (self->lists[g], make_row (self, followup));
      shown[g]++;
    }

  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_autofree char *description = NULL;

      if (list->counts[g] > shown[g])
        /* Translators: a Follow-up group's description when it shows only its first rows */
        description = g_strdup_printf (ngettext ("The first %u of %u follow-up",
                                                 "The first %u of %u follow-ups", list->counts[g]),
                                       shown[g], list->counts[g]);
      else
        description = g_strdup_printf (ngettext ("%u follow-up", "%u follow-ups", list->counts[g]),
                                       list->counts[g]);
      adw_preferences_group_set_description (self->groups[g], description);
      gtk_widget_set_visible (self->more_buttons[g], list->counts[g] > shown[g]);
      gtk_widget_set_visible (GTK_WIDGET (self->groups[g]), list->counts[g] > 0);
      total += list->counts[g];
    }

  gtk_stack_set_visible_child_name (self->stack, total > 0 ? "list" : "empty");
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(ReseauFollowupList) list = NULL;
  g_autoptr(GError) error = NULL;

  list = reseau_database_list_followup_groups_finish (RESEAU_DATABASE (object), result, &error);

  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the follow-ups: %s", error->message);
      return;
    }

  if (call->serial != call->view->serial)
    return;

  show_followups (call->view, list);
}

static char *
due_key (const ReseauFollowup *followup)
{
  return g_strdup_printf ("%d %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                          followup->reason, followup->contact_uid,
                          followup->reminder_id, followup->referral_id);
}

static gboolean
is_due (const ReseauFollowup *followup)
{
  return followup->group == RESEAU_FOLLOWUP_OVERDUE || followup->group == RESEAU_FOLLOWUP_TODAY;
}

/* due: the follow-ups to announce; n_due: how many are due in all, when
 * this is the summary at start (due then holds only the first of them). */
static void
send_notification (ReseauFollowupView *self,
                   GPtrArray          *due,
                   guint               n_due,
                   gboolean            summary)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  guint n_named = summary ? MIN (due->len, SUMMARY_NAMES) : due->len;

  if (summary)
    title = g_strdup_printf (ngettext ("%u person to get back to",
                                       "%u people to get back to", n_due),
                             n_due);
  else if (due->len == 1)
    title = g_strdup_printf (_("Time to get back to %s"),
                             ((ReseauFollowup *) g_ptr_array_index (due, 0))->display_name);
  else
    title = g_strdup_printf (ngettext ("%u more person to get back to",
                                       "%u more people to get back to", due->len),
                             due->len);

  for (guint i = 0; i < n_named; i++)
    {
      ReseauFollowup *followup = g_ptr_array_index (due, i);
      g_autofree char *reason = describe (followup);

      g_string_append_printf (body, "%s%s — %s", i > 0 ? "\n" : "", followup->display_name, reason);
    }
  if (summary && n_due > n_named)
    {
      g_string_append_c (body, '\n');
      /* Translators: ends the list of people in the follow-up summary */
      g_string_append_printf (body, ngettext ("and %u other", "and %u others", n_due - n_named),
                              n_due - n_named);
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_application_send_notification (self->application, "follow-up-due", notification);
}

/* What a check found to announce, while the bus says whether anyone
 * would see it. */
typedef struct
{
  ReseauFollowupView *view;
  ReseauFollowupList *list;   /* owns the rows of fresh */
  GPtrArray          *fresh;
  gboolean            summary;
} Announcement;

static void
announcement_free (Announcement *announcement)
{
  g_clear_object (&announcement->view);
  g_clear_pointer (&announcement->list, reseau_followup_list_free);
  g_clear_pointer (&announcement->fresh, g_ptr_array_unref);
  g_free (announcement);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Announcement, announcement_free)

static void
on_notifications_available (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(Announcement) announcement = user_data;
  ReseauFollowupView *self = announcement->view;
  ReseauFollowupList *list = announcement->list;
  g_autoptr(GError) error = NULL;

  if (!reseau_notifications_available_finish (result, &error))
    {
      /* Nobody to show it to is no error: the view itself still lists them. */
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No desktop notifications: %s", error->message);
      return;
    }

  if (self->application != NULL)
    send_notification (self, announcement->fresh,
                       list->counts[RESEAU_FOLLOWUP_OVERDUE] + list->counts[RESEAU_FOLLOWUP_TODAY],
                       announcement->summary);
}

/* Later checks compare the rows due now with those of the check before:
 * what is new has fallen due since. They look at the first rows of each
 * group only, which at an hourly check is what matters: what fell due
 * today sorts first in Today. */
static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  ReseauFollowupView *self = call->view;
  g_autoptr(ReseauFollowupList) list = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  gboolean first;

  list = reseau_database_list_followup_groups_finish (RESEAU_DATABASE (object), result, &error);
  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not check the follow-ups: %s", error->message);
      return;
    }

  if (self->application == NULL || object != (GObject *) self->database)
    return;

  first = self->due_keys == NULL;
  for (guint i = 0; i < list->followups->len; i++)
    {
      ReseauFollowup *followup = g_ptr_array_index (list->followups, i);
      char *key;

      if (!is_due (followup))
        continue;

      key = due_key (followup);
      if (first || !g_hash_table_contains (self->due_keys, key))
        g_ptr_array_add (fresh, followup);
      g_hash_table_add (keys, key);
    }

  g_clear_pointer (&self->due_keys, g_hash_table_unref);
  self->due_keys = g_steal_pointer (&keys);

  if (fresh->len > 0)
    {
      Announcement *announcement = g_new0 (Announcement, 1);

      announcement->view = g_object_ref (self);
      announcement->list = g_steal_pointer (&list);
      announcement->fresh = g_steal_pointer (&fresh);
      announcement->summary = first;
      reseau_notifications_available_async (self->cancellable, on_notifications_available, announcement);
    }
}

static void
check_due (ReseauFollowupView *self)
{
  GDate day;
  int cadence;

  if (self->database == NULL || self->application == NULL)
    return;

  today (&day);
  cadence = g_settings_get_int (self->settings, "default-cadence");
  reseau_database_list_followup_groups_async (self->database, &day, (guint) MAX (cadence, 0), PAGE_ROWS,
                                              self->cancellable, on_checked, call_new (self));
}

static gboolean
check_due_cb (gpointer user_data)
{
  check_due (RESEAU_FOLLOWUP_VIEW (user_data));

  return G_SOURCE_CONTINUE;
}

static void
start_checks (ReseauFollowupView *self)
{
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_pointer (&self->due_keys, g_hash_table_unref);

  if (self->database == NULL || self->application == NULL)
    return;

  check_due (self);
  self->check_id = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, check_due_cb, self);
}

void
reseau_followup_view_set_application (ReseauFollowupView *self,
                                      GApplication       *application)
{
  g_return_if_fail (RESEAU_IS_FOLLOWUP_VIEW (self));
  g_return_if_fail (application == NULL || G_IS_APPLICATION (application));

  /* Not a reference: the application outlives its windows. */
  self->application = application;
  start_checks (self);
}

static void
reload (ReseauFollowupView *self)
{
  GDate day;
  int cadence;

  if (self->database == NULL)
    return;

  self->serial++;
  today (&day);
  cadence = g_settings_get_int (self->settings, "default-cadence");
  reseau_database_list_followup_groups_async (self->database, &day, (guint) MAX (cadence, 0), self->limit,
                                              self->cancellable, on_loaded, call_new (self));
}

void
reseau_followup_view_reload (ReseauFollowupView *self)
{
  g_return_if_fail (RESEAU_IS_FOLLOWUP_VIEW (self));

  reload (self);
}

void
reseau_followup_view_set_database (ReseauFollowupView *self,
                                   ReseauDatabase     *database,
                                   GCancellable       *cancellable)
{
  g_return_if_fail (RESEAU_IS_FOLLOWUP_VIEW (self));
  g_return_if_fail (database == NULL || RESEAU_IS_DATABASE (database));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  g_set_object (&self->database, database);
  g_set_object (&self->cancellable, cancellable);
  start_checks (self);

  if (database == NULL)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();
      ReseauFollowupList empty = { none, { 0 } };

      self->serial++;
      show_followups (self, &empty);
      return;
    }

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

static void
on_more_clicked (ReseauFollowupView *self)
{
  self->limit += PAGE_ROWS;
  reload (self);
}

/* Coming back to the window (from Preferences, another application, a
 * reseau-cli run) may find other follow-ups: tag cadences, a logged call. */
static void
on_window_active (ReseauFollowupView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root) && gtk_window_is_active (GTK_WINDOW (root)) &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

static void
reseau_followup_view_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (reseau_followup_view_parent_class)->root (widget);

  g_signal_connect_object (gtk_widget_get_root (widget), "notify::is-active",
                           G_CALLBACK (on_window_active), widget, G_CONNECT_SWAPPED);
}

static void
reseau_followup_view_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), on_window_active, widget);

  GTK_WIDGET_CLASS (reseau_followup_view_parent_class)->unroot (widget);
}

static void
reseau_followup_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (reseau_followup_view_parent_class)->map (widget);

  reload (RESEAU_FOLLOWUP_VIEW (widget));
}

static void
reseau_followup_view_dispose (GObject *object)
{
  ReseauFollowupView *self = RESEAU_FOLLOWUP_VIEW (object);

  /* The stack is both AdwBin's child and a template child: take it from
   * the bin first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_FOLLOWUP_VIEW);
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_pointer (&self->due_keys, g_hash_table_unref);
  self->application = NULL;
  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->followups, g_ptr_array_unref);

  G_OBJECT_CLASS (reseau_followup_view_parent_class)->dispose (object);
}

static void
reseau_followup_view_class_init (ReseauFollowupViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_followup_view_dispose;
  widget_class->map = reseau_followup_view_map;
  widget_class->root = reseau_followup_view_root;
  widget_class->unroot = reseau_followup_view_unroot;

  signals[LOG_INTERACTION] = g_signal_new ("log-interaction", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE,
                                           2, G_TYPE_STRING, G_TYPE_STRING);
  signals[OPEN_CONTACT] = g_signal_new ("open-contact", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-followup-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauFollowupView, stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauFollowupView, page);
}

static void
reseau_followup_view_init (ReseauFollowupView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->limit = PAGE_ROWS;

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::default-cadence",
                           G_CALLBACK (reload), self, G_CONNECT_SWAPPED);

  for (guint g = 0; g < N_GROUPS; g++)
    {
      const char *title = reseau_followup_group_get_label (g);

      self->groups[g] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (self->groups[g], title);
      gtk_widget_set_visible (GTK_WIDGET (self->groups[g]), FALSE);

      self->lists[g] = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (self->lists[g], GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (self->lists[g]), "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->lists[g]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_preferences_group_add (self->groups[g], GTK_WIDGET (self->lists[g]));

      self->more_buttons[g] = gtk_button_new_with_mnemonic (_("Show _More"));
      gtk_widget_set_valign (self->more_buttons[g], GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (self->more_buttons[g], "flat");
      gtk_widget_set_visible (self->more_buttons[g], FALSE);
      g_signal_connect_object (self->more_buttons[g], "clicked", G_CALLBACK (on_more_clicked), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_set_header_suffix (self->groups[g], self->more_buttons[g]);
      adw_preferences_page_add (self->page, self->groups[g]);
    }

  gtk_stack_set_visible_child_name (self->stack, "empty");
}
