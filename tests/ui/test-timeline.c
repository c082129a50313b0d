/* test-timeline.c — the Timeline's paging model and its view
 *
 * The model must read a page at a time (5,000 interactions give one page
 * until the view asks for rows near the end), restart on every filter, and
 * list newest first; the view must show a day heading on the first row of
 * each day only. An interaction opened from the view fills the “Edit
 * Interaction” window and saving it rewrites the same row; deleting offers
 * an Undo that brings it back, and emptying the trash removes it for good.
 * Runs under a display (Xvfb) with a session bus, like test-ui-widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "reseau-contact-timeline.h"
#include "reseau-core.h"
#include "reseau-log-dialog.h"
#include "reseau-test-utils.h"
#include "reseau-timeline-model.h"
#include "reseau-timeline-view.h"

#define ANNE  "urn:uuid:anne"
#define BRUNO "urn:uuid:bruno"

typedef struct
{
  char           *dir;
  ReseauDatabase *database;
} Fixture;

static void
save_contact (ReseauDatabase *database,
              const char     *uid,
              const char     *name,
              const char     *tag)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(GError) error = NULL;

  reseau_contact_set_uid (contact, uid);
  reseau_contact_set_full_name (contact, name);
  reseau_contact_add_tag (contact, tag);
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

  save_contact (fixture->database, ANNE, "Anne Martin", "Client");
  save_contact (fixture->database, BRUNO, "Bruno Petit", "Partner");
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
on_timeout (gpointer user_data)
{
  /* A guard against a hang, not a measure: nothing here takes long. */
  g_error ("Timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

static void
wait_until_loaded (ReseauTimelineModel *model)
{
  guint timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) "a timeline page");

  while (reseau_timeline_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
}

static ReseauInteraction *
new_interaction (GDateTime             *when,
                 ReseauInteractionKind  kind,
                 const char            *uid,
                 const char            *note)
{
  ReseauInteraction *interaction = reseau_interaction_new ();

  reseau_interaction_set_time (interaction, when);
  interaction->kind = kind;
  g_free (interaction->note);
  interaction->note = g_strdup (note);
  reseau_interaction_add_participant (interaction, uid);

  return interaction;
}

static void
add_all (Fixture   *fixture,
         GPtrArray *interactions)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reseau_database_add_interactions (fixture->database, interactions, &error));
  g_assert_no_error (error);
}

static const ReseauTimelineRow *
row_at (GListModel *model,
        guint       position)
{
  g_autoptr(ReseauTimelineItem) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  /* The model keeps the item: the row outlives this reference. */
  return reseau_timeline_item_get_row (item);
}

static void
assert_newest_first (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 1; i < n; i++)
    {
      const ReseauTimelineRow *before = row_at (model, i - 1);
      const ReseauTimelineRow *after = row_at (model, i);

      g_assert_true (before->occurred_at > after->occurred_at
                     || (before->occurred_at == after->occurred_at && before->id > after->id));
    }
}

/* Tests */

static void
test_model_pages_lazily (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_interaction_free);
  g_autoptr(GDateTime) start = g_date_time_new_utc (2020, 1, 1, 9, 0, 0);
  g_autoptr(ReseauTimelineModel) model = NULL;
  GListModel *list;

  for (int i = 0; i < 5000; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_hours (start, i * 5);

      g_ptr_array_add (batch, new_interaction (when, i % RESEAU_N_INTERACTION_KINDS,
                                               i % 2 ? ANNE : BRUNO, NULL));
    }
  add_all (fixture, batch);

  model = reseau_timeline_model_new (fixture->database);
  list = G_LIST_MODEL (model);
  wait_until_loaded (model);

  /* One page, not 5,000 rows. */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, RESEAU_TIMELINE_PAGE_SIZE);
  g_assert_false (reseau_timeline_model_get_complete (model));
  {
    g_autoptr(GDateTime) newest = g_date_time_add_hours (start, 4999 * 5);

    g_assert_cmpint (row_at (list, 0)->occurred_at, ==, g_date_time_to_unix (newest));
  }

  /* Rows near the top read nothing more. */
  row_at (list, 3);
  g_assert_false (reseau_timeline_model_get_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, RESEAU_TIMELINE_PAGE_SIZE);

  /* Asking for the last rows reads the next page, after the last one. */
  row_at (list, RESEAU_TIMELINE_PAGE_SIZE - 1);
  g_assert_true (reseau_timeline_model_get_loading (model));
  wait_until_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2 * RESEAU_TIMELINE_PAGE_SIZE);
  /* Walking to the end reads on, as scrolling would. */
  assert_newest_first (list);
  wait_until_loaded (model);

  /* Every row, page by page, and then it is complete. */
  while (!reseau_timeline_model_get_complete (model))
    {
      row_at (list, g_list_model_get_n_items (list) - 1);
      wait_until_loaded (model);
    }
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 5000);
  assert_newest_first (list);
  {
    g_autoptr(GDateTime) oldest = g_date_time_add_hours (start, 0);

    g_assert_cmpint (row_at (list, 4999)->occurred_at, ==, g_date_time_to_unix (oldest));
  }
}

static void
test_model_filters (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_interaction_free);
  g_autoptr(ReseauTimelineModel) model = NULL;
  GListModel *list;
  static const struct {
    int                   day;
    ReseauInteractionKind kind;
    const char           *uid;
    const char           *note;
  } rows[] = {
    { 1, RESEAU_INTERACTION_CALL,    ANNE,  "Budget for the spring mandate" },
    { 2, RESEAU_INTERACTION_COFFEE,  BRUNO, "Talked about his new studio" },
    { 3, RESEAU_INTERACTION_CALL,    BRUNO, "Asked for a referral" },
    { 4, RESEAU_INTERACTION_MEETING, ANNE,  "Signed; budget approved" },
    { 5, RESEAU_INTERACTION_EMAIL,   ANNE,  NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 3, rows[i].day, 10, 0, 0);

      g_ptr_array_add (batch, new_interaction (when, rows[i].kind, rows[i].uid, rows[i].note));
    }
  add_all (fixture, batch);

  model = reseau_timeline_model_new (fixture->database);
  list = G_LIST_MODEL (model);
  wait_until_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 5);
  g_assert_true (reseau_timeline_model_get_complete (model));
  assert_newest_first (list);
  g_assert_cmpint (row_at (list, 0)->kind, ==, RESEAU_INTERACTION_EMAIL);

  /* A filter empties the model at once, then fills it. */
  reseau_timeline_model_set_filter (model, RESEAU_INTERACTION_CALL, NULL, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  wait_until_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_cmpstr (row_at (list, 0)->note_excerpt, ==, "Asked for a referral");
  g_assert_cmpstr (row_at (list, 1)->note_excerpt, ==, "Budget for the spring mandate");

  reseau_timeline_model_set_filter (model, -1, "Client", NULL, NULL);
  wait_until_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (row_at (list, i)->participants, ==, "Anne Martin");

  reseau_timeline_model_set_filter (model, -1, NULL, BRUNO, NULL);
  wait_until_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_cmpint (row_at (list, 0)->kind, ==, RESEAU_INTERACTION_CALL);
  g_assert_cmpint (row_at (list, 1)->kind, ==, RESEAU_INTERACTION_COFFEE);

  reseau_timeline_model_set_filter (model, -1, NULL, NULL, "budget");
  wait_until_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_cmpstr (row_at (list, 0)->note_excerpt, ==, "Signed; budget approved");

  /* Filters combine. */
  reseau_timeline_model_set_filter (model, RESEAU_INTERACTION_MEETING, "Client", ANNE, "budget");
  wait_until_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  /* A filter change while a page is read: only the last one counts. */
  reseau_timeline_model_set_filter (model, -1, NULL, ANNE, NULL);
  reseau_timeline_model_set_filter (model, -1, NULL, NULL, "");
  wait_until_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 5);
}

static void
test_model_reload (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_interaction_free);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2026, 3, 1, 10, 0, 0);
  g_autoptr(GDateTime) second = g_date_time_new_utc (2026, 3, 2, 10, 0, 0);
  g_autoptr(ReseauTimelineModel) model = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;
  gint64 id;

  g_ptr_array_add (batch, new_interaction (first, RESEAU_INTERACTION_CALL, ANNE, "first"));
  g_ptr_array_add (batch, new_interaction (second, RESEAU_INTERACTION_CALL, ANNE, "second"));
  add_all (fixture, batch);

  model = reseau_timeline_model_new (fixture->database);
  list = G_LIST_MODEL (model);
  wait_until_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  id = row_at (list, 0)->id;

  /* Deleted elsewhere: a reload keeps the rows until the new ones come. */
  g_assert_true (reseau_database_trash_interaction (fixture->database, id, &error));
  g_assert_no_error (error);
  reseau_timeline_model_reload (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  wait_until_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpstr (row_at (list, 0)->note_excerpt, ==, "first");

  g_assert_true (reseau_database_restore_interaction (fixture->database, id, &error));
  g_assert_no_error (error);
  reseau_timeline_model_reload (model);
  wait_until_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_cmpstr (row_at (list, 0)->note_excerpt, ==, "second");
}

static void
collect_day_headings (GtkWidget *widget,
                      GPtrArray *headings)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "timeline-day")
      && gtk_widget_get_visible (widget))
    g_ptr_array_add (headings, g_strdup (gtk_label_get_label (GTK_LABEL (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_day_headings (child, headings);
}

static guint
count_rows (GtkWidget *list_view)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list_view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_first_child (child) != NULL)
      n++;

  return n;
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;
  /* The kind's and the contact's popovers have lists of their own. */
  if (GTK_IS_POPOVER (widget))
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_view_day_headings (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_interaction_free);
  g_autoptr(GPtrArray) headings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = reseau_timeline_view_new ();
  GtkWidget *list_view;
  ReseauTimelineModel *model;
  guint timeout_id;
  /* Three days, at 9, 11 and 15 o'clock local. */
  static const struct { int day; int hour; } rows[] = {
    { 10, 9 }, { 10, 11 }, { 10, 15 }, { 12, 11 }, { 15, 9 }, { 15, 15 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (2025, 6, rows[i].day, rows[i].hour, 0, 0);

      g_ptr_array_add (batch, new_interaction (when, RESEAU_INTERACTION_COFFEE, ANNE, "Note\nsecond line"));
    }
  add_all (fixture, batch);

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 900);
  gtk_window_set_child (GTK_WINDOW (window), view);
  reseau_timeline_view_set_database (RESEAU_TIMELINE_VIEW (view), fixture->database);
  gtk_window_present (GTK_WINDOW (window));

  model = RESEAU_TIMELINE_MODEL (reseau_timeline_view_get_model (RESEAU_TIMELINE_VIEW (view)));
  wait_until_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 6);

  /* The model's answer, row by row. */
  g_assert_true (reseau_timeline_model_starts_day (model, 0));
  g_assert_false (reseau_timeline_model_starts_day (model, 1));
  g_assert_true (reseau_timeline_model_starts_day (model, 2));
  g_assert_true (reseau_timeline_model_starts_day (model, 3));
  g_assert_false (reseau_timeline_model_starts_day (model, 4));
  g_assert_false (reseau_timeline_model_starts_day (model, 5));

  /* And on screen: one heading per day, newest day first. */
  list_view = find_list_view (view);
  g_assert_nonnull (list_view);
  timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) "the rows on screen");
  while (count_rows (list_view) < 6)
    {
g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout_id);

  collect_day_headings (list_view, headings);
  g_assert_cmpuint (headings->len, ==, 3);
  {
    g_autofree char *day15 = reseau_timeline_format_day ("2025-06-15", now);
    g_autofree char *day12 = reseau_timeline_format_day ("2025-06-12", now);
    g_autofree char *day10 = reseau_timeline_format_day ("2025-06-10", now);

    g_assert_cmpstr (g_ptr_array_index (headings, 0), ==, day15);
    g_assert_cmpstr (g_ptr_array_index (headings, 1), ==, day12);
    g_assert_cmpstr (g_ptr_array_index (headings, 2), ==, day10);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
collect_row_titles (GtkWidget *widget,
                    GPtrArray *titles)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_ptr_array_add (titles, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_row_titles (child, titles);
}

static GtkWidget *
find_level_bar (GtkWidget *widget)
{
  if (GTK_IS_LEVEL_BAR (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_level_bar (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_contact_timeline (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_interaction_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *database_explanation = NULL;
  GtkWidget *group;
  GtkWidget *level_bar;
  GDate today;
  guint timeout_id;
  int expected;

  /* Anne: 14 coffees, one every five days up to today, the newest with a
   * note; Bruno: one call, which is not hers. */
  for (int i = 0; i < 14; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -5 * i);

      g_ptr_array_add (batch, new_interaction (when, RESEAU_INTERACTION_COFFEE, ANNE,
                                               i == 0 ? "Newest\nand more" : NULL));
    }
  g_ptr_array_add (batch, new_interaction (now, RESEAU_INTERACTION_CALL, BRUNO, NULL));
  add_all (fixture, batch);

  group = g_object_ref_sink (reseau_contact_timeline_new (fixture->database, ANNE, cancellable));
  timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) "the contact's timeline");
  while (reseau_contact_timeline_get_strength (RESEAU_CONTACT_TIMELINE (group)) < 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);

  /* The strength row, then the latest ten, newest first. */
  collect_row_titles (group, titles);
  g_assert_cmpuint (titles->len, ==, 1 + RESEAU_CONTACT_TIMELINE_LATEST);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Relationship strength");
  g_assert_cmpstr (g_ptr_array_index (titles, 1), ==, "Coffee — Newest");
  g_assert_cmpstr (g_ptr_array_index (titles, 2), ==, "Coffee");

  /* The same score and explanation as the database's. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  expected = reseau_database_get_strength (fixture->database, ANNE, &today, &database_explanation, &error);
  g_assert_no_error (error);
  g_assert_cmpint (expected, >, 0);
  g_assert_cmpint (reseau_contact_timeline_get_strength (RESEAU_CONTACT_TIMELINE (group)), ==, expected);

  level_bar = find_level_bar (group);
  g_assert_nonnull (level_bar);
  g_assert_cmpfloat (gtk_level_bar_get_value (GTK_LEVEL_BAR (level_bar)), ==, expected);
  g_assert_cmpfloat (gtk_level_bar_get_max_value (GTK_LEVEL_BAR (level_bar)), ==, 100);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (level_bar), ==, database_explanation);

  g_object_unref (group);
}

/* Editing, deleting, emptying the trash ------------------------------------- */

typedef struct
{
  GtkWidget           *window;
  GtkWidget           *view;
  ReseauTimelineModel *model;
  guint                n_deleting;
  guint                n_changed;
  AdwToast            *toast;  /* owned: the last Undo offered */
} ViewHarness;

static void
on_deleting (ReseauTimelineView *view,
             ViewHarness        *harness)
{
  harness->n_deleting++;
}

static void
on_changed (ReseauTimelineView *view,
            ViewHarness        *harness)
{
  harness->n_changed++;
}

static void
on_undo_offered (ReseauTimelineView *view,
                 AdwToast           *toast,
                 ViewHarness        *harness)
{
  /* Deleting must announce itself before the trash is touched. */
  g_assert_cmpuint (harness->n_deleting, >, 0);
  g_set_object (&harness->toast, toast);
}

/* The view in a window's toast overlay, as in the main window. */
static void
harness_set_up (ViewHarness *harness,
                Fixture     *fixture)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  memset (harness, 0, sizeof *harness);
  harness->window = gtk_window_new ();
  harness->view = reseau_timeline_view_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), harness->view);
  gtk_window_set_child (GTK_WINDOW (harness->window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (harness->window), 700, 600);
  g_signal_connect (harness->view, "deleting", G_CALLBACK (on_deleting), harness);
  g_signal_connect (harness->view, "interactions-changed", G_CALLBACK (on_changed), harness);
  g_signal_connect (harness->view, "undo-offered", G_CALLBACK (on_undo_offered), harness);
  reseau_timeline_view_set_database (RESEAU_TIMELINE_VIEW (harness->view), fixture->database);
  gtk_window_present (GTK_WINDOW (harness->window));

  harness->model = RESEAU_TIMELINE_MODEL (reseau_timeline_view_get_model (RESEAU_TIMELINE_VIEW (harness->view)));
  wait_until_loaded (harness->model);
}

static void
harness_tear_down (ViewHarness *harness)
{
  g_clear_object (&harness->toast);
  gtk_window_destroy (GTK_WINDOW (harness->window));
}

static guint
n_rows (ViewHarness *harness)
{
  return g_list_model_get_n_items (G_LIST_MODEL (harness->model));
}

/* Reloads are asynchronous: the rows change once the new page is read. */
static void
wait_for_rows (ViewHarness *harness,
               guint        n)
{
  guint timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) "the timeline's rows");

  while (reseau_timeline_model_get_loading (harness->model) || n_rows (harness) != n)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
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
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  text)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_active_toggle (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget));
}

static ReseauLogDialog *
find_log_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (RESEAU_IS_LOG_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return RESEAU_LOG_DIALOG (window);
    }

  return NULL;
}

static ReseauLogDialog *
wait_for_log_dialog (void)
{
  guint timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) "the “Edit Interaction” window");
  ReseauLogDialog *dialog;

  while ((dialog = find_log_dialog ()) == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
  return dialog;
}

static gboolean
participants_named (GtkWidget  *dialog,
                    const char *first,
                    const char *second)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  gboolean found_first = FALSE, found_second = FALSE;

  collect_row_titles (dialog, titles);
  for (guint i = 0; i < titles->len; i++)
    {
      found_first |= g_strcmp0 (g_ptr_array_index (titles, i), first) == 0;
      found_second |= g_strcmp0 (g_ptr_array_index (titles, i), second) == 0;
    }

  return found_first && found_second;
}

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gint64
add_one (Fixture               *fixture,
         GDateTime             *when,
         ReseauInteractionKind  kind,
         ReseauDirection        direction,
         const char            *note,
         const char            *second_uid)
{
  g_autoptr(ReseauInteraction) interaction = new_interaction (when, kind, ANNE, note);
  g_autoptr(GError) error = NULL;

  interaction->direction = direction;
  if (second_uid != NULL)
    reseau_interaction_add_participant (interaction, second_uid);
  g_assert_true (reseau_database_save_interaction (fixture->database, interaction, &error));
  g_assert_no_error (error);
  g_assert_cmpint (interaction->id, >, 0);

  return interaction->id;
}

static void
test_view_edit (Fixture       *fixture,
                gconstpointer  data)
{
  /* Seconds that the dialog does not show: saving must keep them. */
  g_autoptr(GDateTime) when = g_date_time_new_local (2025, 6, 10, 14, 35, 20);
  g_autoptr(GDateTime) older = g_date_time_new_local (2025, 6, 2, 9, 0, 0);
  g_autoptr(ReseauInteraction) saved = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  ViewHarness harness;
  ReseauLogDialog *dialog;
  GtkWidget *widget;
  GtkTextBuffer *buffer;
  guint timeout_id;
  gint64 id;

  id = add_one (fixture, when, RESEAU_INTERACTION_COFFEE, RESEAU_DIRECTION_GAVE, "Old note", BRUNO);
  add_one (fixture, older, RESEAU_INTERACTION_CALL, RESEAU_DIRECTION_MUTUAL, "Older", NULL);
  harness_set_up (&harness, fixture);
  g_assert_cmpuint (n_rows (&harness), ==, 2);
  g_assert_cmpint (row_at (G_LIST_MODEL (harness.model), 0)->id, ==, id);

  /* Activating the newest row (Enter, a double click) opens it. */
  widget = find_list_view (harness.view);
  g_assert_nonnull (widget);
  g_signal_emit_by_name (widget, "activate", 0);
  dialog = wait_for_log_dialog ();
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Interaction");
  g_assert_cmpint (reseau_log_dialog_get_interaction_id (dialog), ==, id);

  /* Every field starts from the interaction. */
  widget = find_widget (GTK_WIDGET (dialog), is_active_toggle, NULL);
  g_assert_nonnull (widget);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (widget)), ==,
                   reseau_interaction_kind_get_label (RESEAU_INTERACTION_COFFEE));

  widget = find_widget (GTK_WIDGET (dialog), is_of_type, GSIZE_TO_POINTER (GTK_TYPE_CALENDAR));
  g_assert_nonnull (widget);
  day = gtk_calendar_get_date (GTK_CALENDAR (widget));
  g_assert_cmpint (g_date_time_get_year (day), ==, 2025);
  g_assert_cmpint (g_date_time_get_month (day), ==, 6);
  g_assert_cmpint (g_date_time_get_day_of_month (day), ==, 10);

  widget = find_widget (GTK_WIDGET (dialog), is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON));
  g_assert_nonnull (widget);
  /* The hour comes first, then the minute, in the same box. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget)), ==, 14);
  widget = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (widget));
  g_assert_true (GTK_IS_SPIN_BUTTON (widget));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget)), ==, 35);

  widget = find_widget (GTK_WIDGET (dialog), is_of_type, GSIZE_TO_POINTER (ADW_TYPE_COMBO_ROW));
  g_assert_nonnull (widget);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (widget)), ==, RESEAU_DIRECTION_GAVE);

  widget = find_widget (GTK_WIDGET (dialog), is_of_type, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (widget);
  note = text_view_text (GTK_TEXT_VIEW (widget));
  g_assert_cmpstr (note, ==, "Old note");

  /* The participants' names are read from the database. */
  timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) "the participants' names");
  while (!participants_named (GTK_WIDGET (dialog), "Anne Martin", "Bruno Petit"))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);

  /* A new note, saved. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_set_text (buffer, "New note\nwith a second line", -1);
  widget = find_widget (GTK_WIDGET (dialog), is_button_labelled, "_Save");
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_get_sensitive (widget));
  gtk_widget_activate (widget);

  timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) "the dialog to close once saved");
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
  g_assert_cmpuint (harness.n_changed, ==, 1);

  /* The same row, with the new note, still newest first. */
  timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) "the edited row");
  while (reseau_timeline_model_get_loading (harness.model)
         || n_rows (&harness) != 2
         || g_strcmp0 (row_at (G_LIST_MODEL (harness.model), 0)->note_excerpt, "Old note") == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
  g_assert_cmpint (row_at (G_LIST_MODEL (harness.model), 0)->id, ==, id);
  g_assert_true (g_str_has_prefix (row_at (G_LIST_MODEL (harness.model), 0)->note_excerpt, "New note"));

  /* In the database: updated in place, the rest as it was. */
  saved = reseau_database_load_interaction (fixture->database, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpstr (saved->note, ==, "New note\nwith a second line");
  g_assert_cmpint (saved->kind, ==, RESEAU_INTERACTION_COFFEE);
  g_assert_cmpint (saved->direction, ==, RESEAU_DIRECTION_GAVE);
  g_assert_cmpint (saved->occurred_at, ==, g_date_time_to_unix (when));
  g_assert_cmpuint (saved->participants->len, ==, 2);

  harness_tear_down (&harness);
}

static void
test_view_edit_button (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2025, 6, 10, 14, 35, 0);
  g_autoptr(ReseauInteraction) saved = NULL;
  g_autoptr(GError) error = NULL;
  ViewHarness harness;
  ReseauLogDialog *dialog;
  GtkWidget *list_view;
  GtkWidget *widget;
  guint timeout_id;
  gint64 id;

  id = add_one (fixture, when, RESEAU_INTERACTION_CALL, RESEAU_DIRECTION_ASKED, "Call", NULL);
  harness_set_up (&harness, fixture);

  /* The row's Edit button, once the row is on screen. */
  list_view = find_list_view (harness.view);
  timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) "the row's Edit button");
  while ((widget = find_widget (list_view, has_tooltip, "Edit Interaction")) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
  gtk_widget_activate (widget);

  dialog = wait_for_log_dialog ();
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpint (reseau_log_dialog_get_interaction_id (dialog), ==, id);

  /* A new time moves it: 16:05 the same day. */
  widget = find_widget (GTK_WIDGET (dialog), is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), 16);
  widget = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (widget));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), 5);
  gtk_widget_activate (find_widget (GTK_WIDGET (dialog), is_button_labelled, "_Save"));

  timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) "the dialog to close once saved");
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);

  saved = reseau_database_load_interaction (fixture->database, id, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GDateTime) moved = g_date_time_new_local (2025, 6, 10, 16, 5, 0);

    g_assert_cmpint (saved->occurred_at, ==, g_date_time_to_unix (moved));
  }
  g_assert_cmpstr (saved->note, ==, "Call");
  g_assert_cmpint (saved->direction, ==, RESEAU_DIRECTION_ASKED);

  harness_tear_down (&harness);
}

static void
test_view_delete_undo (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) first = g_date_time_new_local (2025, 6, 10, 9, 0, 0);
  g_autoptr(GDateTime) second = g_date_time_new_local (2025, 6, 11, 9, 0, 0);
  g_autoptr(ReseauInteraction) loaded = NULL;
  g_autoptr(GError) error = NULL;
  ViewHarness harness;
  guint timeout_id;
  gint64 id;

  add_one (fixture, first, RESEAU_INTERACTION_CALL, RESEAU_DIRECTION_MUTUAL, "kept", NULL);
  id = add_one (fixture, second, RESEAU_INTERACTION_WALK, RESEAU_DIRECTION_MUTUAL, "deleted", NULL);
  harness_set_up (&harness, fixture);
  g_assert_cmpuint (n_rows (&harness), ==, 2);

  reseau_timeline_view_delete_interaction (RESEAU_TIMELINE_VIEW (harness.view), id);
  g_assert_cmpuint (harness.n_deleting, ==, 1);
  timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) "the Undo toast");
  while (harness.toast == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
  wait_for_rows (&harness, 1);
  g_assert_cmpstr (row_at (G_LIST_MODEL (harness.model), 0)->note_excerpt, ==, "kept");
  g_assert_cmpuint (harness.n_changed, ==, 1);

  loaded = reseau_database_load_interaction (fixture->database, id, &error);
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_clear_error (&error);

  /* Undo, as the toast's button does. */
  g_signal_emit_by_name (harness.toast, "button-clicked");
  wait_for_rows (&harness, 2);
  g_assert_cmpstr (row_at (G_LIST_MODEL (harness.model), 0)->note_excerpt, ==, "deleted");
  g_assert_cmpuint (harness.n_changed, ==, 2);

  loaded = reseau_database_load_interaction (fixture->database, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (loaded->note, ==, "deleted");

  harness_tear_down (&harness);
}

static void
on_emptied (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reseau_database_empty_interaction_trash_finish (RESEAU_DATABASE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
on_restored (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reseau_database_restore_interaction_finish (RESEAU_DATABASE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
wait_for_flag (gboolean   *flag,
               const char *what)
{
  guint timeout_id = g_timeout_add_seconds (30, on_timeout, (gpointer) what);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
}

static void
test_empty_trash (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) first = g_date_time_new_local (2025, 6, 10, 9, 0, 0);
  g_autoptr(GDateTime) second = g_date_time_new_local (2025, 6, 11, 9, 0, 0);
  g_autoptr(GDateTime) third = g_date_time_new_local (2025, 6, 12, 9, 0, 0);
  g_autoptr(ReseauInteraction) loaded = NULL;
  g_autoptr(GError) error = NULL;
  ViewHarness harness;
  gboolean restored = FALSE;
  gboolean emptied = FALSE;
  gint64 kept, gone, undone;

  kept = add_one (fixture, first, RESEAU_INTERACTION_CALL, RESEAU_DIRECTION_MUTUAL, "kept", NULL);
  gone = add_one (fixture, second, RESEAU_INTERACTION_WALK, RESEAU_DIRECTION_MUTUAL, "gone", NULL);
  undone = add_one (fixture, third, RESEAU_INTERACTION_EMAIL, RESEAU_DIRECTION_MUTUAL, "undone", NULL);
  harness_set_up (&harness, fixture);

  reseau_timeline_view_delete_interaction (RESEAU_TIMELINE_VIEW (harness.view), gone);
  wait_for_rows (&harness, 2);
  reseau_timeline_view_delete_interaction (RESEAU_TIMELINE_VIEW (harness.view), undone);
  wait_for_rows (&harness, 1);

  /* An Undo asked for just before the trash is emptied still counts: the
   * requests run in the order they were made. */
  reseau_database_restore_interaction_async (fixture->database, undone, NULL, on_restored, &restored);
  reseau_database_empty_interaction_trash_async (fixture->database, NULL, on_emptied, &emptied);
  wait_for_flag (&restored, "the restore");
  wait_for_flag (&emptied, "the trash to be emptied");

  /* Gone for good: no Undo can bring it back. */
  loaded = reseau_database_load_interaction (fixture->database, gone, &error);
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_clear_error (&error);
  g_assert_false (reseau_database_restore_interaction (fixture->database, gone, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  loaded = reseau_database_load_interaction (fixture->database, gone, &error);
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The others are untouched. */
  loaded = reseau_database_load_interaction (fixture->database, kept, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->note, ==, "kept");
  g_clear_pointer (&loaded, reseau_interaction_free);
  loaded = reseau_database_load_interaction (fixture->database, undone, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->note, ==, "undone");

  reseau_timeline_view_reload (RESEAU_TIMELINE_VIEW (harness.view));
  wait_for_rows (&harness, 2);

  harness_tear_down (&harness);
}

static void
test_format_day (void)
{
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 11, 18, 15, 0, 0);
  g_autofree char *same = reseau_timeline_format_day ("2026-11-18", today);
  g_autofree char *before = reseau_timeline_format_day ("2026-11-17", today);
  g_autofree char *older = reseau_timeline_format_day ("2026-11-10", today);

  g_assert_cmpstr (same, ==, "Today");
  g_assert_cmpstr (before, ==, "Yesterday");
  g_assert_cmpstr (older, ==, "Tuesday, November 10, 2026");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* The day headings are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/timeline/model/pages-lazily", test_model_pages_lazily);
  ADD ("/ui/timeline/model/filters", test_model_filters);
  ADD ("/ui/timeline/model/reload", test_model_reload);
  ADD ("/ui/timeline/view/day-headings", test_view_day_headings);
  ADD ("/ui/timeline/contact-sheet-group", test_contact_timeline);
  ADD ("/ui/timeline/view/edit", test_view_edit);
  ADD ("/ui/timeline/view/edit-button", test_view_edit_button);
  ADD ("/ui/timeline/view/delete-undo", test_view_delete_undo);
  ADD ("/ui/timeline/view/empty-trash", test_empty_trash);
  g_test_add_func ("/ui/timeline/format-day", test_format_day);

  return g_test_run ();
}
