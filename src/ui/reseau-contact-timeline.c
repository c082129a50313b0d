/* reseau-contact-timeline.c — the Timeline group of the contact sheet
 *
 * One walk through the contact's timeline, a page at a time (keyset, as
 * the Timeline view does, filtered on the contact): the first rows are the
 * latest interactions the group lists, and every row gives its day, kind
 * and direction to reseau_strength_score(), which computes the score and
 * the tooltip's explanation from them, exactly as the database does. No
 * blocking call: everything goes through the database's worker.
 *
 * Each interaction's row opens it for editing when activated, and has Edit
 * and Delete buttons: all three go through the window's actions
 * (win.edit-interaction, win.delete-interaction), which the Timeline view
 * carries out with its Undo; the window then rebuilds the sheet, and this
 * group with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reseau-contact-timeline.h"

#define PAGE_SIZE 500

struct _ReseauContactTimeline
{
  AdwBin               parent_instance;

  /* Children */
  AdwPreferencesGroup *group;
  AdwActionRow        *strength_row;
  GtkLevelBar         *level_bar;

  /* Owned */
  ReseauDatabase      *database;
  GCancellable        *cancellable;
  char                *uid;
  GArray              *entries;  /* ReseauStrengthEntry */
  guint                n_listed;
  int                  strength;
};

G_DEFINE_FINAL_TYPE (ReseauContactTimeline, reseau_contact_timeline, ADW_TYPE_BIN)

static char *
format_day (const char *day)
{
  GDate date;
  char buffer[128];

  if (!reseau_date_from_string (day, &date))
    return g_strdup (day);

  /* Translators: the day of an interaction on the contact sheet, a
   * strftime() format; French: "%-d %B %Y" */
  if (g_date_strftime (buffer, sizeof buffer, _("%B %-d, %Y"), &date) == 0)
    return g_strdup (day);

  return g_strdup (buffer);
}

static GtkWidget *
new_action_button (const char *icon_name,
                   const char *label,
                   const char *action_name,
                   gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);

  return button;
}

static void
on_row_activated (AdwActionRow *row)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "interaction-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (row), "win.edit-interaction", "x", *id);
}

static void
add_interaction_row (ReseauContactTimeline   *self,
                     const ReseauTimelineRow *row)
{
  GtkWidget *action_row = adw_action_row_new ();
  g_autofree char *day = format_day (row->occurred_on);
  g_autofree char *subtitle = NULL;
  g_autofree char *note = NULL;
  g_autofree char *escaped = NULL;

  if (row->note_excerpt != NULL && *row->note_excerpt != '\0')
    {
      const char *end = strchr (row->note_excerpt, '\n');

      note = end != NULL ? g_strndup (row->note_excerpt, end - row->note_excerpt)
                         : g_strdup (row->note_excerpt);
    }

  /* Translators: on the contact sheet, an interaction's kind and the first
   * line of its note, e.g. "Coffee — talked about the new studio" */
  escaped = note != NULL
            ? g_markup_printf_escaped (_("%s — %s"), reseau_interaction_kind_get_label (row->kind), note)
            : g_markup_escape_text (reseau_interaction_kind_get_label (row->kind), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), escaped);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (action_row), 1);

  /* Translators: on the contact sheet, an interaction's day and who did
   * the favour, e.g. "March 4, 2026 · I gave" */
  subtitle = g_markup_printf_escaped (_("%s · %s"), day, reseau_direction_get_label (row->direction));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);

  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row),
                             new_action_button ("document-edit-symbolic", _("Edit Interaction"),
                                                "win.edit-interaction", row->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row),
                             new_action_button ("user-trash-symbolic", _("Delete Interaction"),
                                                "win.delete-interaction", row->id));

  /* Activating the row (Enter, a click) edits the interaction too. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (action_row), TRUE);
  g_object_set_data_full (G_OBJECT (action_row), "interaction-id",
                          g_memdup2 (&row->id, sizeof row->id), g_free);
  g_signal_connect (action_row, "activated", G_CALLBACK (on_row_activated), NULL);

  adw_preferences_group_add (self->group, action_row);
}

static void
show_strength (ReseauContactTimeline *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *explanation = NULL;
  g_autofree char *value = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));

  self->strength = (int) reseau_strength_score ((const ReseauStrengthEntry *) (gpointer) self->entries->data,
                                                self->entries->len, &today, &explanation);

  gtk_level_bar_set_value (self->level_bar, self->strength);
  /* Translators: the relationship strength on the contact sheet */
  value = g_strdup_printf (_("%d of 100"), self->strength);
  adw_action_row_set_subtitle (self->strength_row, value);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->strength_row), explanation);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->level_bar), explanation);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_bar),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, explanation,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self->level_bar), TRUE);
}

static void load_page (ReseauContactTimeline *self,
                       gint64                 before_at,
                       gint64                 before_id);

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ReseauContactTimeline) self = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  ReseauTimelineRow *last;

  rows = reseau_database_timeline_page_finish (RESEAU_DATABASE (object), result, &error);
  if (self->database == NULL)
    return;
  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->strength_row, error->message);
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const ReseauTimelineRow *row = g_ptr_array_index (rows, i);
      ReseauStrengthEntry entry = { .kind = row->kind, .direction = row->direction };

      g_date_clear (&entry.day, 1);
      if (!reseau_date_from_string (row->occurred_on, &entry.day))
        continue;
      g_array_append_val (self->entries, entry);

      if (self->n_listed < RESEAU_CONTACT_TIMELINE_LATEST)
        {
          add_interaction_row (self, row);
          self->n_listed++;
        }
    }

  if (rows->len == PAGE_SIZE)
    {
      last = g_ptr_array_index (rows, rows->len - 1);
      load_page (self, last->occurred_at, last->id);
      return;
    }

  if (self->n_listed == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No interactions yet"));
      adw_preferences_group_add (self->group, row);
    }

  show_strength (self);
}

static void
load_page (ReseauContactTimeline *self,
           gint64                 before_at,
           gint64                 before_id)
{
  ReseauTimelineFilter filter = { .kind = -1, .contact_uid = self->uid };

  reseau_database_timeline_page_async (self->database, &filter, before_at, before_id, PAGE_SIZE,
                                       self->cancellable, page_cb, g_object_ref (self));
}

static void
reseau_contact_timeline_dispose (GObject *object)
{
  ReseauContactTimeline *self = RESEAU_CONTACT_TIMELINE (object);

  /* A page may still arrive: it finds no database and stops. */
  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  self->group = NULL;
  self->strength_row = NULL;
  self->level_bar = NULL;

  G_OBJECT_CLASS (reseau_contact_timeline_parent_class)->dispose (object);
}

static void
reseau_contact_timeline_finalize (GObject *object)
{
  ReseauContactTimeline *self = RESEAU_CONTACT_TIMELINE (object);

  g_clear_pointer (&self->uid, g_free);
  g_clear_pointer (&self->entries, g_array_unref);

  G_OBJECT_CLASS (reseau_contact_timeline_parent_class)->finalize (object);
}

static void
reseau_contact_timeline_class_init (ReseauContactTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reseau_contact_timeline_dispose;
  object_class->finalize = reseau_contact_timeline_finalize;
}

static void
reseau_contact_timeline_init (ReseauContactTimeline *self)
{
  GtkWidget *show_all;

  self->entries = g_array_new (FALSE, FALSE, sizeof (ReseauStrengthEntry));
  self->strength = -1;

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Timeline"));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));

  show_all = gtk_button_new_with_mnemonic (_("Show _All"));
  gtk_widget_add_css_class (show_all, "flat");
  gtk_widget_set_valign (show_all, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (show_all, _("Every interaction with this contact in the Timeline"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (show_all), "win.show-timeline");
  adw_preferences_group_set_header_suffix (self->group, show_all);

  self->strength_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->strength_row), _("Relationship strength"));
  self->level_bar = GTK_LEVEL_BAR (gtk_level_bar_new_for_interval (0, 100));
  gtk_widget_set_size_request (GTK_WIDGET (self->level_bar), 120, -1);
  gtk_widget_set_valign (GTK_WIDGET (self->level_bar), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->level_bar), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Relationship strength"),
                                  -1);
  adw_action_row_add_suffix (self->strength_row, GTK_WIDGET (self->level_bar));
  adw_preferences_group_add (self->group, GTK_WIDGET (self->strength_row));
}

GtkWidget *
reseau_contact_timeline_new (ReseauDatabase *database,
                             const char     *uid,
                             GCancellable   *cancellable)
{
  ReseauContactTimeline *self;

  g_return_val_if_fail (RESEAU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (uid != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (RESEAU_TYPE_CONTACT_TIMELINE, NULL);
  self->database = g_object_ref (database);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->uid = g_strdup (uid);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (adw_preferences_group_get_header_suffix (self->group)),
                                    "s", uid);
  load_page (self, 0, 0);

  return GTK_WIDGET (self);
}

int
reseau_contact_timeline_get_strength (ReseauContactTimeline *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_TIMELINE (self), -1);

  return self->strength;
}
