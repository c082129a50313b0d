/* test-events.c — the Events view and the event window
 *
 * The view must list the events newest first under “Upcoming” and “Past”
 * with their attendee counts, show the chosen one's people, create a
 * contact from the quick form on Enter (refusing a missing name or a
 * broken email, saying so), add an existing contact as an attendee, and
 * delete an event with an Undo that brings it back with its people; the
 * window must refuse an event without a name or with a link that is not a
 * web address, saying so under the field, and save a valid one or an
 * edit. Runs under a display (Xvfb) with a session bus, like
 * test-timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "reseau-contact-picker.h"
#include "reseau-core.h"
#include "reseau-event-dialog.h"
#include "reseau-events-view.h"
#include "reseau-test-utils.h"

#define ANNE  "urn:uuid:events-anne"
#define BRUNO "urn:uuid:events-bruno"

typedef struct
{
  char           *dir;
  ReseauDatabase *database;
} Fixture;

static void
save_contact (ReseauDatabase *database,
              const char     *uid,
              const char     *name)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(GError) error = NULL;

  reseau_contact_set_uid (contact, uid);
  reseau_contact_set_full_name (contact, name);
  g_assert_true (reseau_database_save_contact (database, contact, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = reseau_test_make_temp_dir ();
  path = g_build_filename (fixture->dir, "reseau.db", NULL);
  fixture->database = reseau_database_new (path);
  g_assert_true (reseau_database_open (fixture->database, &error));
  g_assert_no_error (error);

  save_contact (fixture->database, ANNE, "Anne Martin");
  save_contact (fixture->database, BRUNO, "Bruno Petit");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  reseau_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Helpers */

static gboolean
view_loaded (gpointer data)
{
  return reseau_events_view_is_loaded (RESEAU_EVENTS_VIEW (data));
}

static gint64
add_event (Fixture           *fixture,
           const char        *name,
           int                days_from_today,
           ReseauEventFormat  format,
           const char        *place)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = g_date_time_add_days (now, days_from_today);
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (when), g_date_time_get_month (when),
                  g_date_time_get_year (when));
  event = reseau_event_new (name, &day);
  event->format = format;
  event->place = g_strdup (place);
  g_assert_true (reseau_database_add_event (fixture->database, event, &error));
  g_assert_no_error (error);

  return event->id;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             gboolean (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_sidebar_list (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar");
}

static gboolean
is_entry_row (GtkWidget     *widget,
              gconstpointer  title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_group (GtkWidget     *widget,
          gconstpointer  title)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

static gboolean
is_shown_error (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_get_visible (widget) && gtk_widget_get_child_visible (widget) &&
         g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), data);
}

static gboolean
is_picker (GtkWidget     *widget,
           gconstpointer  data)
{
  return RESEAU_IS_CONTACT_PICKER (widget);
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* The texts of a row's labels, joined by " | ". */
static char *
row_text (GtkWidget *widget)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *child = GTK_IS_LIST_BOX_ROW (widget)
                     ? gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (widget)) : widget;

  for (GtkWidget *label = gtk_widget_get_first_child (child); label != NULL;
       label = gtk_widget_get_next_sibling (label))
    if (GTK_IS_LABEL (label))
      {
        if (text->len > 0)
          g_string_append (text, " | ");
        g_string_append (text, gtk_label_get_label (GTK_LABEL (label)));
      }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GPtrArray *
list_rows (GtkListBox *list)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    g_ptr_array_add (rows, gtk_list_box_get_row_at_index (list, i));

  return rows;
}

static const char *
header_of (GtkListBoxRow *row)
{
  GtkWidget *header = gtk_list_box_row_get_header (row);

  return header != NULL ? gtk_label_get_label (GTK_LABEL (header)) : NULL;
}

static void
find_last_list_box (GtkWidget   *widget,
                    GtkWidget  **last)
{
  if (GTK_IS_LIST_BOX (widget))
    *last = widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_last_list_box (child, last);
}

/* The view's own list in a group: the last one, after the group's
 * internal list of rows. */
static GtkListBox *
group_list (GtkWidget  *view,
            const char *title)
{
  GtkWidget *group = find_widget (view, is_group, title);
  GtkWidget *list = NULL;

  g_assert_nonnull (group);
  find_last_list_box (group, &list);
  g_assert_nonnull (list);
  return GTK_LIST_BOX (list);
}

static guint
count_list (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  return n;
}

/* Tests */

static void
test_view_lists_events (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = reseau_events_view_new ();
  GtkListBox *list;
  gint64 old;

  add_event (fixture, "Salon des indépendants", -40, RESEAU_EVENT_IN_PERSON, "Parc des expositions");
  add_event (fixture, "Meetup Rust", 7, RESEAU_EVENT_ONLINE, NULL);
  old = add_event (fixture, "Apéro freelances", -3, RESEAU_EVENT_COWORKING, "La Cantine");
  g_assert_true (reseau_database_add_attendee (fixture->database, old, ANNE, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (reseau_database_add_attendee (fixture->database, old, BRUNO, TRUE, &error));
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  reseau_events_view_set_database (RESEAU_EVENTS_VIEW (view), fixture->database, NULL);
  gtk_window_present (GTK_WINDOW (window));
  reseau_test_wait_until (view_loaded, view, "the list of events");

  /* Newest first, the upcoming one under its heading, then the past. */
  list = GTK_LIST_BOX (find_widget (view, is_sidebar_list, NULL));
  g_assert_nonnull (list);
  rows = list_rows (list);
  g_assert_cmpuint (rows->len, ==, 3);
  {
    g_autofree char *first = row_text (rows->pdata[0]);
    g_autofree char *second = row_text (rows->pdata[1]);
    g_autofree char *third = row_text (rows->pdata[2]);

    g_assert_true (g_str_has_prefix (first, "Meetup Rust | "));
    g_assert_true (g_str_has_suffix (first, "· Online | 0 attendees"));
    g_assert_true (g_str_has_prefix (second, "Apéro freelances | "));
    g_assert_true (g_str_has_suffix (second, "· Coworking | La Cantine · 2 attendees"));
    g_assert_true (g_str_has_prefix (third, "Salon des indépendants | "));
  }
  g_assert_cmpstr (header_of (rows->pdata[0]), ==, "Upcoming");
  g_assert_cmpstr (header_of (rows->pdata[1]), ==, "Past");
  g_assert_null (header_of (rows->pdata[2]));

  /* Choosing one shows who I met there and who else came. */
  reseau_events_view_show_event (RESEAU_EVENTS_VIEW (view), old);
  reseau_test_wait_until (view_loaded, view, "the event's details");
  g_assert_cmpint (reseau_events_view_get_event_id (RESEAU_EVENTS_VIEW (view)), ==, old);
  g_assert_nonnull (find_widget (view, is_label, "Apéro freelances"));
  /* The list was read again: its rows are new ones. */
  {
    GtkListBoxRow *selected = gtk_list_box_get_selected_row (list);
    g_autofree char *text = NULL;

    g_assert_nonnull (selected);
    text = row_text (GTK_WIDGET (selected));
    g_assert_true (g_str_has_prefix (text, "Apéro freelances | "));
  }
  g_assert_cmpuint (count_list (group_list (view, "People I met there")), ==, 1);
  g_assert_cmpuint (count_list (group_list (view, "Other attendees")), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     gtk_list_box_get_row_at_index (group_list (view, "People I met there"), 0))),
                   ==, "Bruno Petit");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_n_met (gpointer data)
{
  GtkWidget *view = data;

  return reseau_events_view_is_loaded (RESEAU_EVENTS_VIEW (view)) &&
         count_list (group_list (view, "People I met there")) == 1;
}

static gboolean
has_other_attendee (gpointer data)
{
  GtkWidget *view = data;

  return reseau_events_view_is_loaded (RESEAU_EVENTS_VIEW (view)) &&
         count_list (group_list (view, "Other attendees")) == 1;
}

static void
test_quick_form (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = reseau_events_view_new ();
  GtkWidget *name_row;
  GtkWidget *email_row;
  GtkWidget *picker;
  ReseauAttendee *attendee;
  gint64 id;

  id = add_event (fixture, "Petit-déjeuner coworking", 0, RESEAU_EVENT_COWORKING, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  reseau_events_view_set_database (RESEAU_EVENTS_VIEW (view), fixture->database, NULL);
  gtk_window_present (GTK_WINDOW (window));
  reseau_events_view_show_event (RESEAU_EVENTS_VIEW (view), id);
  reseau_test_wait_until (view_loaded, view, "the event's details");

  g_assert_true (gtk_widget_activate_action (view, "events.open-quick-form", NULL));
  name_row = find_widget (view, is_entry_row, "Name");
  email_row = find_widget (view, is_entry_row, "Email");
  g_assert_nonnull (name_row);
  g_assert_true (gtk_widget_is_visible (name_row));

  /* Enter without a name: a message, nothing saved. */
  g_signal_emit_by_name (name_row, "entry-activated");
  g_assert_nonnull (find_widget (view, is_shown_error, "Type the person’s name."));

  /* An email without its domain. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Camille Roux");
  gtk_editable_set_text (GTK_EDITABLE (email_row), "camille@");
  g_signal_emit_by_name (email_row, "entry-activated");
  g_assert_nonnull (find_widget (view, is_shown_error, "The email address is incomplete"));
  attendees = reseau_database_list_attendees (fixture->database, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, 0);
  g_clear_pointer (&attendees, g_ptr_array_unref);

  /* Enter adds her and empties the form for the next person. */
  gtk_editable_set_text (GTK_EDITABLE (email_row), "camille@example.org");
  g_assert_null (find_widget (view, is_shown_error, ""));
  g_signal_emit_by_name (name_row, "entry-activated");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email_row)), ==, "");
  g_assert_true (gtk_widget_is_visible (name_row));
  reseau_test_wait_until (has_n_met, view, "the person met there");

  attendees = reseau_database_list_attendees (fixture->database, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, 1);
  attendee = g_ptr_array_index (attendees, 0);
  g_assert_cmpstr (attendee->display_name, ==, "Camille Roux");
  g_assert_true (attendee->met_there);
  contact = reseau_database_load_contact (fixture->database, attendee->contact_uid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_how_met (contact), ==, "Petit-déjeuner coworking");
  g_assert_cmpstr (reseau_contact_get_first_value (contact, RESEAU_FIELD_EMAIL), ==, "camille@example.org");

  /* An existing contact chosen in “Add Attendee…” joins the others, and
   * the picker is ready for the next one. */
  picker = find_widget (view, is_picker, NULL);
  g_assert_nonnull (picker);
  reseau_contact_picker_set_contact (RESEAU_CONTACT_PICKER (picker), ANNE, "Anne Martin");
  g_assert_null (reseau_contact_picker_get_uid (RESEAU_CONTACT_PICKER (picker)));
  reseau_test_wait_until (has_other_attendee, view, "the attendee added");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     gtk_list_box_get_row_at_index (group_list (view, "Other attendees"), 0))),
                   ==, "Anne Martin");
  g_clear_pointer (&attendees, g_ptr_array_unref);
  attendees = reseau_database_list_attendees (fixture->database, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_undo_offered (ReseauEventsView  *view,
                 AdwToast          *toast,
                 AdwToast         **offered)
{
  g_set_object (offered, toast);
}

static gboolean
has_toast (gpointer data)
{
  return *(AdwToast **) data != NULL;
}

static gboolean
shows_no_event (gpointer data)
{
  return reseau_events_view_is_loaded (RESEAU_EVENTS_VIEW (data)) &&
         reseau_events_view_get_event_id (RESEAU_EVENTS_VIEW (data)) == 0;
}

static gboolean
shows_an_event (gpointer data)
{
  return reseau_events_view_is_loaded (RESEAU_EVENTS_VIEW (data)) &&
         reseau_events_view_get_event_id (RESEAU_EVENTS_VIEW (data)) != 0;
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *view = reseau_events_view_new ();
  gint64 id;

  id = add_event (fixture, "Apéro freelances", -3, RESEAU_EVENT_COWORKING, "La Cantine");
  g_assert_true (reseau_database_add_attendee (fixture->database, id, BRUNO, TRUE, &error));
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), view);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  g_signal_connect (view, "undo-offered", G_CALLBACK (on_undo_offered), &toast);
  reseau_events_view_set_database (RESEAU_EVENTS_VIEW (view), fixture->database, NULL);
  gtk_window_present (GTK_WINDOW (window));
  reseau_events_view_show_event (RESEAU_EVENTS_VIEW (view), id);
  reseau_test_wait_until (view_loaded, view, "the event's details");

  g_assert_true (gtk_widget_activate_action (view, "events.delete-event", NULL));
  reseau_test_wait_until (has_toast, &toast, "the Undo toast");
  reseau_test_wait_until (shows_no_event, view, "the event gone");
  events = reseau_database_list_events (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“Apéro freelances” deleted");

  /* Undo: back, with the person met there, and shown again. */
  g_signal_emit_by_name (toast, "button-clicked");
  reseau_test_wait_until (shows_an_event, view, "the event back");
  g_assert_cmpint (reseau_events_view_get_event_id (RESEAU_EVENTS_VIEW (view)), ==, id);
  attendees = reseau_database_list_attendees (fixture->database, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, 1);
  g_assert_cmpuint (count_list (group_list (view, "People I met there")), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_saved (ReseauEventDialog *dialog,
          gint64             id,
          gint64            *saved_id)
{
  *saved_id = id;
}

static gboolean
is_saved (gpointer data)
{
  return *(gint64 *) data != 0;
}

static void
test_dialog_validates (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  ReseauEventDialog *dialog;
  GtkWidget *name_row;
  GtkWidget *link_row;
  gint64 saved_id = 0;

  dialog = reseau_event_dialog_new (NULL, fixture->database, NULL, NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved), &saved_id);
  gtk_window_present (GTK_WINDOW (dialog));
  name_row = find_widget (GTK_WIDGET (dialog), is_entry_row, "Name");
  link_row = find_widget (GTK_WIDGET (dialog), is_entry_row, "Link");
  g_assert_nonnull (name_row);
  g_assert_nonnull (link_row);

  /* No message before Save is pressed. */
  g_assert_null (find_widget (GTK_WIDGET (dialog), is_shown_error, ""));

  /* No name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "event-dialog.save", NULL));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_shown_error, "Give the event a name"));
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));

  /* The message goes as soon as there is a name; a bad link gets its own. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Meetup Rust");
  g_assert_null (find_widget (GTK_WIDGET (dialog), is_shown_error, "Give the event a name"));
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (link_row), "not a link");
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_shown_error, "The link must be a web address"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "event-dialog.save", NULL));

  /* Nothing was saved while anything was wrong. */
  events = reseau_database_list_events (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
  g_assert_nonnull (dialog);

  /* Fixed: saved, with the link made a web address, and the window goes. */
  gtk_editable_set_text (GTK_EDITABLE (link_row), "meet.example.org/rust");
  g_assert_null (find_widget (GTK_WIDGET (dialog), is_shown_error, ""));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "event-dialog.save", NULL));
  reseau_test_wait_until (is_saved, &saved_id, "the event to be saved");
  g_assert_null (dialog);

  event = reseau_database_load_event (fixture->database, saved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (event->name, ==, "Meetup Rust");
  g_assert_cmpstr (event->link, ==, "https://meet.example.org/rust");
  g_assert_null (event->place);
}

static void
test_dialog_edits (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(ReseauEvent) loaded = NULL;
  g_autoptr(GError) error = NULL;
  ReseauEventDialog *dialog;
  GtkWidget *theme_row;
  gint64 saved_id = 0;
  gint64 id;

  id = add_event (fixture, "Apéro freelances", -3, RESEAU_EVENT_COWORKING, "La Cantine");
  event = reseau_database_load_event (fixture->database, id, &error);
  g_assert_no_error (error);

  dialog = reseau_event_dialog_new (NULL, fixture->database, NULL, event);
  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved), &saved_id);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Event");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), is_entry_row, "Name"))),
                   ==, "Apéro freelances");
  theme_row = find_widget (GTK_WIDGET (dialog), is_entry_row, "Theme");
  gtk_editable_set_text (GTK_EDITABLE (theme_row), "Prospection");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "event-dialog.save", NULL));
  reseau_test_wait_until (is_saved, &saved_id, "the event to be saved");
  g_assert_cmpint (saved_id, ==, id);

  loaded = reseau_database_load_event (fixture->database, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->theme, ==, "Prospection");
  g_assert_cmpstr (loaded->place, ==, "La Cantine");
  g_assert_cmpstr (loaded->held_on, ==, event->held_on);
  g_assert_cmpint (loaded->format, ==, RESEAU_EVENT_COWORKING);
}

static void
test_normalize_link (void)
{
  static const struct { const char *text; const char *expected; } cases[] = {
    { "https://meet.example.org/abc", "https://meet.example.org/abc" },
    { "  meet.example.org/abc ", "https://meet.example.org/abc" },
    { "http://localhost:8080/x", "http://localhost:8080/x" },
    { "not a link", NULL },
    { "mailto:anne@example.org", NULL },
    { "ftp://example.org/file", NULL },
    { "example", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *link = reseau_event_dialog_normalize_link (cases[i].text);

      g_assert_cmpstr (link, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* The headings and messages are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/events/view-lists-events", Fixture, NULL, fixture_set_up, test_view_lists_events, fixture_tear_down);
  g_test_add ("/events/quick-form", Fixture, NULL, fixture_set_up, test_quick_form, fixture_tear_down);
  g_test_add ("/events/delete-and-undo", Fixture, NULL, fixture_set_up, test_delete_and_undo, fixture_tear_down);
  g_test_add ("/events/dialog-validates", Fixture, NULL, fixture_set_up, test_dialog_validates, fixture_tear_down);
  g_test_add ("/events/dialog-edits", Fixture, NULL, fixture_set_up, test_dialog_edits, fixture_tear_down);
  g_test_add_func ("/events/normalize-link", test_normalize_link);

  return g_test_run ();
}
