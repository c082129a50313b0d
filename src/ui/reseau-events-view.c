/* reseau-events-view.c — the Events view: networking events and who I met
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A leaflet: the list of events on the left, the chosen one's details on
 * the right (one above the other when narrow). A freelancer goes to a few
 * events a month, so the list is a plain GtkListBox, emptied and filled
 * again on every load, with a heading before the first upcoming and the
 * first past event; the details are read in one call with the attendees.
 * A load that finishes after a newer one started is dropped (serials), so
 * the view never goes back in time.
 *
 * "Add People I Met…" opens a small form above the list of people met
 * there: Enter (or Add) saves the person through
 * reseau_database_add_event_contact_async() — a contact with how we met
 * and met-on filled in, and a reminder the day after the event — and
 * empties the form at once for the next person; a failed save puts the
 * person back in the form if it is still empty.
 *
 * Delete offers Undo in a toast: the database hands back what the event
 * was (reseau-database-events.h), and Undo puts it back.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reseau-contact-picker.h"
#include "reseau-event-dialog.h"
#include "reseau-events-view.h"

#define UNDO_TIMEOUT_SECONDS 10

struct _ReseauEventsView
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  GtkListBox          *event_list;
  GtkStack            *details_stack;
  GtkWidget           *back_button;
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkWidget           *about_group;
  AdwActionRow        *place_row;
  AdwActionRow        *link_row;
  AdwActionRow        *theme_row;
  AdwActionRow        *note_row;
  GtkWidget           *quick_group;
  GtkWidget           *open_quick_button;
  AdwEntryRow         *quick_name_row;
  AdwEntryRow         *quick_organization_row;
  AdwEntryRow         *quick_email_row;
  AdwEntryRow         *quick_phone_row;
  GtkLabel            *quick_error;
  GtkListBox          *met_list;
  GtkListBox          *attendee_list;
  GtkWidget           *attendee_picker;  /* ReseauContactPicker */

  /* Owned */
  ReseauDatabase      *database;
  GCancellable        *cancellable;
  ReseauEventDetails  *details;       /* what the details show, or NULL */
  gint64               selected_id;   /* the event chosen, or 0 */
  guint                list_serial;
  guint                details_serial;
  guint                n_adding;      /* people being saved from the form */

  guint                loaded : 1;
  guint                selecting : 1;  /* the selection changes by program */
};

G_DEFINE_FINAL_TYPE (ReseauEventsView, reseau_events_view, ADW_TYPE_BIN)

enum {
  OPEN_CONTACT,
  CONTACTS_CHANGED,
  UNDO_OFFERED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void load_details (ReseauEventsView *self);

/* Calls ------------------------------------------------------------------------- */

typedef struct
{
  ReseauEventsView *view;
  guint             serial;
  gint64            id;
  ReseauContact    *contact;   /* a person met there, while saved */
  char             *name;
} Call;

static Call *
call_new (ReseauEventsView *self,
          guint             serial)
{
  Call *call = g_new0 (Call, 1);

  call->view = g_object_ref (self);
  call->serial = serial;

  return call;
}

static void
call_free (Call *call)
{
  g_clear_object (&call->view);
  g_clear_object (&call->contact);
  g_free (call->name);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

/* Helpers ----------------------------------------------------------------------- */

static void
add_toast (ReseauEventsView *self,
           AdwToast         *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* title is plain text; toast titles are markup. */
static void
show_toast (ReseauEventsView *self,
            const char       *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  add_toast (self, adw_toast_new (escaped));
}

static void
show_error (ReseauEventsView *self,
            const GError     *error)
{
  if (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY) != NULL)
    show_toast (self, error->message);
  else
    g_message ("%s", error->message);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Rows only: the placeholder is a child of the list too, and stays. */
static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static const char *
format_label (ReseauEventFormat format)
{
  switch (format)
    {
    case RESEAU_EVENT_ONLINE:
      return _("Online");
    case RESEAU_EVENT_COWORKING:
      /* Translators: the format of an event held in a coworking space */
      return _("Coworking");
    case RESEAU_EVENT_IN_PERSON:
    default:
      return _("In person");
    }
}

static char *
format_day (const char *iso_day)
{
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  if (!reseau_date_from_string (iso_day, &date))
    return g_strdup (iso_day != NULL ? iso_day : "");
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);

  /* Translators: the day of an event in the list of events, a strftime()
   * format; French: "%A %-d %B %Y" */
  return g_date_time_format (time, _("%A, %B %-d, %Y"));
}

static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || reseau_text_is_blank (text);
}

static gint64
row_event_id (GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "event-id");

  return id != NULL ? *id : 0;
}

static void
update_actions (ReseauEventsView *self)
{
  gboolean shown = self->details != NULL && self->database != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.new-event", self->database != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.edit-event", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.delete-event", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.open-quick-form", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.add-person", shown);
}

static void
update_back_button (ReseauEventsView *self)
{
  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (self->leaflet));
}

static void
on_back_clicked (ReseauEventsView *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

/* The list -------------------------------------------------------------------- */

static GtkWidget *
event_row_new (const ReseauEventSummary *summary)
{
  const ReseauEvent *event = summary->event;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;
  g_autofree char *day = format_day (event->held_on);
  g_autofree char *when = NULL;
  g_autofree char *people = NULL;
  g_autofree char *where = NULL;
  const char *place = !is_blank (event->place) ? event->place
                      : !is_blank (event->link) ? event->link : NULL;

  /* Translators: an event's day and format, "Thursday 12 November 2026 · Online" */
  when = g_strdup_printf (_("%s · %s"), day, format_label (event->format));
  people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attendee", "%u attendees", summary->n_attendees),
                            summary->n_attendees);
  if (place != NULL)
    /* Translators: an event's place or link and its number of attendees, "La Cantine · 3 attendees" */
    where = g_strdup_printf (_("%s · %s"), place, people);
  else
    where = g_strdup (people);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  label = gtk_label_new (event->name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (when);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (where);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, event->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, when, -1);
  g_object_set_data_full (G_OBJECT (row), "event-id", g_memdup2 (&event->id, sizeof event->id), g_free);
  g_object_set_data_full (G_OBJECT (row), "held-on", g_strdup (event->held_on), g_free);

  return row;
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  const char *today = user_data;
  gboolean upcoming = g_strcmp0 (g_object_get_data (G_OBJECT (row), "held-on"), today) >= 0;
  GtkWidget *label;

  if (before != NULL &&
      (g_strcmp0 (g_object_get_data (G_OBJECT (before), "held-on"), today) >= 0) == upcoming)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  /* Translators: a heading in the list of events */
  label = gtk_label_new (upcoming ? _("Upcoming") : _("Past"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, before != NULL ? 18 : 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_header (row, label);
}

static void
show_no_details (ReseauEventsView *self)
{
  self->details_serial++;
  g_clear_pointer (&self->details, reseau_event_details_free);
  gtk_stack_set_visible_child_name (self->details_stack, "none");
  update_actions (self);
}

static void
select_row_of (ReseauEventsView *self,
               gint64            id)
{
  GtkListBoxRow *found = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->event_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_event_id (GTK_LIST_BOX_ROW (child)) == id)
      {
        found = GTK_LIST_BOX_ROW (child);
        break;
      }

  self->selecting = TRUE;
  gtk_list_box_select_row (self->event_list, found);
  self->selecting = FALSE;

  if (found == NULL)
    {
      self->selected_id = 0;
      show_no_details (self);
    }
}

static void
on_list_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  ReseauEventsView *self = call->view;

  summaries = reseau_database_list_event_summaries_finish (RESEAU_DATABASE (object), result, &error);
  if (summaries == NULL)
    {
      if (!is_cancelled (error))
        g_warning ("Could not load the events: %s", error->message);
      return;
    }
  if (call->serial != self->list_serial)
    return;

  gtk_list_box_set_header_func (self->event_list, update_header, today_string (), g_free);
  self->selecting = TRUE;
  clear_list (self->event_list);
  self->selecting = FALSE;
  for (guint i = 0; i < summaries->len; i++)
    gtk_list_box_append (self->event_list, event_row_new (g_ptr_array_index (summaries, i)));

  gtk_stack_set_visible_child_name (self->stack, summaries->len > 0 ? "events" : "empty");
  self->loaded = TRUE;

  if (self->selected_id != 0)
    {
      select_row_of (self, self->selected_id);
      if (self->selected_id != 0)
        load_details (self);
    }
  else
    show_no_details (self);
}

static void
reload (ReseauEventsView *self)
{
  if (self->database == NULL)
    return;

  self->list_serial++;
  self->loaded = FALSE;
  reseau_database_list_event_summaries_async (self->database, self->cancellable, on_list_loaded,
                                              call_new (self, self->list_serial));
}

/* The details ------------------------------------------------------------------- */

static void
on_remove_clicked (GtkButton        *button,
                   ReseauEventsView *self);

static GtkWidget *
person_row_new (ReseauEventsView     *self,
                const ReseauAttendee *attendee)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *remove_label = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attendee->display_name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Open Contact"));
  g_object_set_data_full (G_OBJECT (row), "uid", g_strdup (attendee->contact_uid), g_free);

  /* Translators: the button that takes someone off an event's attendees; %s is their name */
  remove_label = g_strdup_printf (_("Remove %s from this event"), attendee->display_name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove from this event"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data_full (G_OBJECT (button), "uid", g_strdup (attendee->contact_uid), g_free);
  g_object_set_data_full (G_OBJECT (button), "name", g_strdup (attendee->display_name), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

static void
set_property_row (AdwActionRow *row,
                  const char   *value)
{
  gboolean shown = !is_blank (value);

  adw_action_row_set_subtitle (row, shown ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), shown);
}

static void
show_details (ReseauEventsView *self)
{
  const ReseauEvent *event = self->details->event;
  GPtrArray *attendees = self->details->attendees;
  g_autofree char *day = format_day (event->held_on);
  g_autofree char *subtitle = NULL;

  gtk_label_set_label (self->title_label, event->name);
  /* Translators: an event's day and format, "Thursday 12 November 2026 · Online" */
  subtitle = g_strdup_printf (_("%s · %s"), day, format_label (event->format));
  gtk_label_set_label (self->subtitle_label, subtitle);

  set_property_row (self->place_row, event->place);
  set_property_row (self->link_row, event->link);
  set_property_row (self->theme_row, event->theme);
  set_property_row (self->note_row, event->note);
  gtk_widget_set_visible (self->about_group,
                          !is_blank (event->place) || !is_blank (event->link) ||
                          !is_blank (event->theme) || !is_blank (event->note));

  clear_list (self->met_list);
  clear_list (self->attendee_list);
  for (guint i = 0; i < attendees->len; i++)
    {
      const ReseauAttendee *attendee = g_ptr_array_index (attendees, i);

      gtk_list_box_append (attendee->met_there ? self->met_list : self->attendee_list,
                           person_row_new (self, attendee));
    }

  gtk_stack_set_visible_child_name (self->details_stack, "details");
  update_actions (self);
}

static void
on_details_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  ReseauEventDetails *details;
  ReseauEventsView *self = call->view;

  details = reseau_database_load_event_details_finish (RESEAU_DATABASE (object), result, &error);
  if (call->serial != self->details_serial)
    {
      g_clear_pointer (&details, reseau_event_details_free);
      return;
    }
  if (details == NULL)
    {
      if (is_cancelled (error))
        return;
      /* Deleted meanwhile (reseau-cli, another window): the list follows. */
      if (!g_error_matches (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND))
        show_error (self, error);
      show_no_details (self);
      reload (self);
      return;
    }

  g_clear_pointer (&self->details, reseau_event_details_free);
  self->details = details;
  show_details (self);
}

static void
load_details (ReseauEventsView *self)
{
  Call *call;

  if (self->database == NULL || self->selected_id == 0)
    return;

  self->details_serial++;
  call = call_new (self, self->details_serial);
  reseau_database_load_event_details_async (self->database, self->selected_id, self->cancellable,
                                            on_details_loaded, call);
}

static void
close_quick_form (ReseauEventsView *self)
{
  gtk_widget_set_visible (self->quick_group, FALSE);
  gtk_widget_set_visible (self->open_quick_button, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->quick_error), FALSE);
}

static void
on_event_selected (ReseauEventsView *self,
                   GtkListBoxRow    *row)
{
  gint64 id;

  if (self->selecting || row == NULL)
    return;

  id = row_event_id (row);
  if (id != self->selected_id)
    {
      close_quick_form (self);
      self->selected_id = id;
      load_details (self);
    }
}

static void
on_event_activated (ReseauEventsView *self,
                    GtkListBoxRow    *row)
{
  on_event_selected (self, row);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->details_stack));
}

static void
on_person_activated (ReseauEventsView *self,
                     GtkListBoxRow    *row)
{
  const char *uid = g_object_get_data (G_OBJECT (row), "uid");

  if (uid != NULL)
    g_signal_emit (self, signals[OPEN_CONTACT], 0, uid);
}

static void
on_open_link_clicked (ReseauEventsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->details == NULL || is_blank (self->details->event->link))
    return;

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->details->event->link,
                GDK_CURRENT_TIME);
}

/* Attendees ---------------------------------------------------------------------- */

static void
attendees_changed (Call         *call,
                   gboolean      done,
                   const GError *error)
{
  ReseauEventsView *self = call->view;

  if (!done)
    {
      if (is_cancelled (error))
        return;
      show_error (self, error);
    }
  else if (call->name != NULL)
    {
      /* Translators: shown after taking someone off an event's attendees; %s is their name */
      g_autofree char *title = g_strdup_printf (_("%s removed from this event"), call->name);

      show_toast (self, title);
    }

  reload (self);
}

static void
on_attendee_removed (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = reseau_database_remove_attendee_finish (RESEAU_DATABASE (object), result, &error);

  attendees_changed (call, done, error);
}

static void
on_attendee_added (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = reseau_database_set_attendee_finish (RESEAU_DATABASE (object), result, &error);

  attendees_changed (call, done, error);
}

static void
on_remove_clicked (GtkButton        *button,
                   ReseauEventsView *self)
{
  const char *uid = g_object_get_data (G_OBJECT (button), "uid");
  Call *call;

  if (self->database == NULL || self->selected_id == 0 || uid == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  call = call_new (self, 0);
  call->name = g_strdup (g_object_get_data (G_OBJECT (button), "name"));
  reseau_database_remove_attendee_async (self->database, self->selected_id, uid, self->cancellable,
                                         on_attendee_removed, call);
}

static void
on_attendee_picked (ReseauEventsView *self)
{
  ReseauContactPicker *picker = RESEAU_CONTACT_PICKER (self->attendee_picker);
  g_autofree char *uid = g_strdup (reseau_contact_picker_get_uid (picker));
  g_autofree char *name = g_strdup (reseau_contact_picker_get_display_name (picker));

  if (uid == NULL || self->database == NULL || self->selected_id == 0)
    return;

  /* The picker only chooses: it goes back to “Add Attendee…” at once. */
  reseau_contact_picker_set_contact (picker, NULL, NULL);

  if (self->details != NULL)
    for (guint i = 0; i < self->details->attendees->len; i++)
      {
        const ReseauAttendee *attendee = g_ptr_array_index (self->details->attendees, i);

        if (g_strcmp0 (attendee->contact_uid, uid) == 0)
          {
            /* Translators: %s is a contact's name */
            g_autofree char *title = g_strdup_printf (_("%s is already on the list"), attendee->display_name);

            show_toast (self, title);
            return;
          }
      }

  reseau_database_set_attendee_async (self->database, self->selected_id, uid, FALSE, self->cancellable,
                                      on_attendee_added, call_new (self, 0));
}

/* People I met ------------------------------------------------------------------- */

static char *
quick_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_quick_error (ReseauEventsView *self,
                 GtkWidget        *row,
                 const char       *message)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->quick_name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->quick_email_row), "error");
  if (row != NULL)
    gtk_widget_add_css_class (row, "error");

  gtk_label_set_label (self->quick_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->quick_error), message != NULL);
}

static void
on_quick_changed (ReseauEventsView *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->quick_error)))
    set_quick_error (self, NULL, NULL);
}

static void
clear_quick_form (ReseauEventsView *self)
{
  AdwEntryRow *rows[] = {
    self->quick_name_row, self->quick_organization_row, self->quick_email_row, self->quick_phone_row,
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
  set_quick_error (self, NULL, NULL);
}

/* A save failed: the person goes back into the form, unless the user has
 * started on the next one. */
static void
restore_quick_form (ReseauEventsView *self,
                    ReseauContact    *contact)
{
  const char *values[] = {
    reseau_contact_get_full_name (contact),
    reseau_contact_get_organization (contact),
    reseau_contact_get_first_value (contact, RESEAU_FIELD_EMAIL),
    reseau_contact_get_first_value (contact, RESEAU_FIELD_PHONE),
  };
  AdwEntryRow *rows[] = {
    self->quick_name_row, self->quick_organization_row, self->quick_email_row, self->quick_phone_row,
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (*gtk_editable_get_text (GTK_EDITABLE (rows[i])) != '\0')
      return;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), values[i] != NULL ? values[i] : "");
}

static void
on_person_added (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  ReseauEventsView *self = call->view;
  g_autofree char *title = NULL;

  self->n_adding--;

  if (!reseau_database_add_event_contact_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (is_cancelled (error))
        return;
      /* Another event is shown now: the person must not go into its form. */
      if (call->id != self->selected_id)
        {
          show_error (self, error);
          return;
        }
      gtk_widget_set_visible (self->quick_group, TRUE);
      gtk_widget_set_visible (self->open_quick_button, FALSE);
      restore_quick_form (self, call->contact);
      set_quick_error (self, NULL, error->message);
      return;
    }

  /* Translators: shown after adding someone met at an event; %s is their name */
  title = g_strdup_printf (_("%s added, with a follow-up"), call->name);
  show_toast (self, title);

  reload (self);
  g_signal_emit (self, signals[CONTACTS_CHANGED], 0);
}

static void
add_person_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ReseauEventsView *self = RESEAU_EVENTS_VIEW (widget);
  g_autofree char *name = quick_text (self->quick_name_row);
  g_autofree char *organization = quick_text (self->quick_organization_row);
  g_autofree char *email = quick_text (self->quick_email_row);
  g_autofree char *phone = quick_text (self->quick_phone_row);
  g_autoptr(ReseauContact) contact = NULL;
  Call *call;

  if (self->database == NULL || self->selected_id == 0)
    return;

  if (*name == '\0')
    {
      set_quick_error (self, GTK_WIDGET (self->quick_name_row), _("Type the person’s name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->quick_name_row));
      return;
    }
  if (*email != '\0' && (strchr (email, '@') == NULL || email[0] == '@' || g_str_has_suffix (email, "@")))
    {
      set_quick_error (self, GTK_WIDGET (self->quick_email_row),
                       _("The email address is incomplete: type it in full, such as camille@example.org."));
      gtk_widget_grab_focus (GTK_WIDGET (self->quick_email_row));
      return;
    }

  contact = reseau_contact_new ();
  reseau_contact_set_full_name (contact, name);
  if (*organization != '\0')
    reseau_contact_set_organization (contact, organization);
  if (*email != '\0')
    reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, NULL, email);
  if (*phone != '\0')
    reseau_contact_add_value (contact, RESEAU_FIELD_PHONE, NULL, phone);
  /* Made here, not on the worker, which must find it unchanged. */
  reseau_contact_get_uid (contact);

  /* Empty at once: the next person can be typed while this one is saved. */
  clear_quick_form (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->quick_name_row));

  call = call_new (self, 0);
  call->id = self->selected_id;
  call->contact = g_steal_pointer (&contact);
  call->name = g_steal_pointer (&name);
  self->n_adding++;
  reseau_database_add_event_contact_async (self->database, self->selected_id, call->contact,
                                           self->cancellable, on_person_added, call);
}

static void
on_quick_activated (ReseauEventsView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "events.add-person", NULL);
}

static void
open_quick_form_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ReseauEventsView *self = RESEAU_EVENTS_VIEW (widget);

  clear_quick_form (self);
  gtk_widget_set_visible (self->quick_group, TRUE);
  gtk_widget_set_visible (self->open_quick_button, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->quick_name_row));
}

static void
close_quick_form_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  close_quick_form (RESEAU_EVENTS_VIEW (widget));
}

/* New, edit, delete -------------------------------------------------------------- */

static void
on_dialog_saved (ReseauEventsView *self,
                 gint64            id)
{
  reseau_events_view_show_event (self, id);
}

static void
open_dialog (ReseauEventsView  *self,
             const ReseauEvent *event)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ReseauEventDialog *dialog;

  if (self->database == NULL)
    return;

  dialog = reseau_event_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    self->database, self->cancellable, event);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_dialog (RESEAU_EVENTS_VIEW (widget), NULL);
}

static void
edit_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ReseauEventsView *self = RESEAU_EVENTS_VIEW (widget);

  if (self->details != NULL)
    open_dialog (self, self->details->event);
}

static void
on_restored (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = reseau_database_restore_event_finish (RESEAU_DATABASE (object), result, &error);
  if (id == 0)
    {
      if (!is_cancelled (error))
        show_error (call->view, error);
      return;
    }

  reseau_events_view_show_event (call->view, id);
}

typedef struct
{
  ReseauEventsView   *view;
  ReseauDeletedEvent *deleted;
} UndoData;

static void
undo_data_free (UndoData *data)
{
  g_clear_object (&data->view);
  g_clear_pointer (&data->deleted, reseau_deleted_event_free);
  g_free (data);
}

static void
on_undo_clicked (AdwToast *toast,
                 UndoData *data)
{
  ReseauEventsView *self = data->view;

  if (self->database == NULL)
    return;

  reseau_database_restore_event_async (self->database, data->deleted, self->cancellable,
                                       on_restored, call_new (self, 0));
}

static void
on_deleted (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  ReseauEventsView *self = call->view;
  ReseauDeletedEvent *deleted;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  UndoData *data;
  AdwToast *toast;

  deleted = reseau_database_delete_event_finish (RESEAU_DATABASE (object), result, &error);
  if (deleted == NULL)
    {
      if (!is_cancelled (error))
        show_error (self, error);
      return;
    }

  if (self->selected_id == call->id)
    {
      self->selected_id = 0;
      show_no_details (self);
      adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
    }
  reload (self);

  escaped = g_markup_escape_text (reseau_deleted_event_get_event (deleted)->name, -1);
  /* Translators: shown after deleting an event; %s is its name */
  title = g_strdup_printf (_("“%s” deleted"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, UNDO_TIMEOUT_SECONDS);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  data = g_new0 (UndoData, 1);
  data->view = g_object_ref (self);
  data->deleted = deleted;
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), data,
                         (GClosureNotify) (void (*) (void)) undo_data_free, 0);
  g_signal_emit (self, signals[UNDO_OFFERED], 0, toast);
  add_toast (self, toast);
}

static void
delete_event_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ReseauEventsView *self = RESEAU_EVENTS_VIEW (widget);
  Call *call;

  if (self->database == NULL || self->details == NULL)
    return;

  gtk_widget_action_set_enabled (widget, "events.delete-event", FALSE);
  call = call_new (self, 0);
  call->id = self->details->event->id;
  reseau_database_delete_event_async (self->database, call->id, self->cancellable, on_deleted, call);
}

/* Public ------------------------------------------------------------------------- */

GtkWidget *
reseau_events_view_new (void)
{
  return g_object_new (RESEAU_TYPE_EVENTS_VIEW, NULL);
}

void
reseau_events_view_set_database (ReseauEventsView *self,
                                 ReseauDatabase   *database,
                                 GCancellable     *cancellable)
{
  g_return_if_fail (RESEAU_IS_EVENTS_VIEW (self));
  g_return_if_fail (database == NULL || RESEAU_IS_DATABASE (database));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (self->database == database)
    return;

  g_set_object (&self->database, database);
  g_clear_object (&self->cancellable);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  reseau_contact_picker_set_database (RESEAU_CONTACT_PICKER (self->attendee_picker), database);

  self->selected_id = 0;
  self->list_serial++;
  show_no_details (self);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  update_actions (self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

void
reseau_events_view_reload (ReseauEventsView *self)
{
  g_return_if_fail (RESEAU_IS_EVENTS_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

void
reseau_events_view_show_event (ReseauEventsView *self,
                               gint64            id)
{
  g_return_if_fail (RESEAU_IS_EVENTS_VIEW (self));

  if (id != self->selected_id)
    close_quick_form (self);
  self->selected_id = id;
  if (id != 0)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->details_stack));
  /* Loaded now even when hidden: the view is about to be shown. */
  reload (self);
}

gint64
reseau_events_view_get_event_id (ReseauEventsView *self)
{
  g_return_val_if_fail (RESEAU_IS_EVENTS_VIEW (self), 0);

  return self->details != NULL ? self->details->event->id : 0;
}

gboolean
reseau_events_view_is_loaded (ReseauEventsView *self)
{
  g_return_val_if_fail (RESEAU_IS_EVENTS_VIEW (self), FALSE);

  return self->loaded && self->n_adding == 0 &&
         (self->selected_id == 0 || (self->details != NULL && self->details->event->id == self->selected_id));
}

static void
reseau_events_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (reseau_events_view_parent_class)->map (widget);

  reload (RESEAU_EVENTS_VIEW (widget));
}

static void
reseau_events_view_dispose (GObject *object)
{
  ReseauEventsView *self = RESEAU_EVENTS_VIEW (object);

  /* The stack is both AdwBin's child and a template child: take it from
   * the bin first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_EVENTS_VIEW);
  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->details, reseau_event_details_free);

  G_OBJECT_CLASS (reseau_events_view_parent_class)->dispose (object);
}

static void
reseau_events_view_class_init (ReseauEventsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_events_view_dispose;
  widget_class->map = reseau_events_view_map;

  signals[OPEN_CONTACT] = g_signal_new ("open-contact", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CONTACTS_CHANGED] = g_signal_new ("contacts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[UNDO_OFFERED] = g_signal_new ("undo-offered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (RESEAU_TYPE_CONTACT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-events-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, event_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, details_stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, back_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, about_group);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, place_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, link_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, theme_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, note_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, quick_group);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, open_quick_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, quick_name_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, quick_organization_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, quick_email_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, quick_phone_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, quick_error);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, met_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, attendee_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauEventsView, attendee_picker);
  gtk_widget_class_bind_template_callback (widget_class, update_back_button);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_event_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_event_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_person_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_open_link_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_attendee_picked);
  gtk_widget_class_bind_template_callback (widget_class, on_quick_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_quick_activated);

  gtk_widget_class_install_action (widget_class, "events.new-event", NULL, new_event_action);
  gtk_widget_class_install_action (widget_class, "events.edit-event", NULL, edit_event_action);
  gtk_widget_class_install_action (widget_class, "events.delete-event", NULL, delete_event_action);
  gtk_widget_class_install_action (widget_class, "events.open-quick-form", NULL, open_quick_form_action);
  gtk_widget_class_install_action (widget_class, "events.close-quick-form", NULL, close_quick_form_action);
  gtk_widget_class_install_action (widget_class, "events.add-person", NULL, add_person_action);
}

static void
reseau_events_view_init (ReseauEventsView *self)
{
  GtkWidget *label;

  gtk_widget_init_template (GTK_WIDGET (self));

  reseau_contact_picker_set_empty_text (RESEAU_CONTACT_PICKER (self->attendee_picker),
                                        _("Add Attendee…"), NULL);

  label = gtk_label_new (_("Nobody yet"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_list_box_set_placeholder (self->met_list, label);

  label = gtk_label_new (_("No other attendees"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_list_box_set_placeholder (self->attendee_list, label);

  update_back_button (self);
  update_actions (self);
}
