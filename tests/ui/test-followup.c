/* test-followup.c — the Follow-up view's groups and the tag cadences of
 * Preferences, as widgets on a real database
 *
 * The view must show each group's count and only its first rows, with
 * "Show More" for the rest; the Preferences group must list the tags that
 * have a cadence and change, add and remove them in the database; the
 * contact sheet's Reminders group must write a reminder and mark it done.
 * Runs
 * under a display (Xvfb) with a session bus, like test-timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "reseau-contact-reminders.h"
#include "reseau-core.h"
#include "reseau-followup-view.h"
#include "reseau-tag-cadences-group.h"
#include "reseau-test-utils.h"

#define N_OVERDUE 120
#define PAGE_ROWS 50  /* what the view shows of a group at first */

typedef struct
{
  char           *dir;
  ReseauDatabase *database;
  GtkWidget      *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = reseau_test_make_temp_dir ();
  path = g_build_filename (fixture->dir, "reseau.db", NULL);
  fixture->database = reseau_database_new (path);
  g_assert_true (reseau_database_open (fixture->database, &error));
  g_assert_no_error (error);

  /* Met years ago and never since: with any cadence, all overdue. */
  for (guint i = 0; i < N_OVERDUE; i++)
    {
      ReseauContact *contact = reseau_contact_new ();
      g_autofree char *name = g_strdup_printf ("Personne %03u", i);

      reseau_contact_set_full_name (contact, name);
      reseau_contact_set_met_on (contact, "2020-01-15");
      reseau_contact_add_tag (contact, i % 2 == 0 ? "Client" : "Partenaire");
      if (i == 0)
        reseau_contact_add_tag (contact, "Prospect");
      g_ptr_array_add (contacts, contact);
    }
  g_assert_true (reseau_database_save_contacts (fixture->database, contacts, &error));
  g_assert_no_error (error);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 640, 800);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->database);
  reseau_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Helpers */

/* Every descendant of widget of type type, depth first. */
static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GPtrArray *
find_all (GtkWidget *root,
          GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, found);
  return found;
}

static AdwPreferencesGroup *
find_group (GtkWidget  *root,
            const char *title)
{
  g_autoptr(GPtrArray) groups = find_all (root, ADW_TYPE_PREFERENCES_GROUP);

  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (groups->pdata[i]), title) == 0)
      return groups->pdata[i];

  g_error ("No group titled %s", title);
  return NULL;
}

static guint
count_rows (AdwPreferencesGroup *group)
{
  g_autoptr(GPtrArray) rows = find_all (GTK_WIDGET (group), ADW_TYPE_ACTION_ROW);

  return rows->len;
}

/* The Follow-up view ------------------------------------------------------------------- */

typedef struct
{
  AdwPreferencesGroup *group;
  guint                n_rows;
} RowsWanted;

static gboolean
has_rows (gpointer data)
{
  RowsWanted *wanted = data;

  return gtk_widget_get_visible (GTK_WIDGET (wanted->group)) && count_rows (wanted->group) == wanted->n_rows;
}

static GtkButton *
more_button (AdwPreferencesGroup *group)
{
  g_autoptr(GPtrArray) buttons = find_all (GTK_WIDGET (group), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "Show _More") == 0)
      return buttons->pdata[i];

  g_error ("No Show More button");
  return NULL;
}

static void
test_view_groups (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *view = g_object_new (RESEAU_TYPE_FOLLOWUP_VIEW, NULL);
  AdwPreferencesGroup *overdue;
  RowsWanted wanted;

  g_settings_set_int (settings, "default-cadence", 30);
  gtk_window_set_child (GTK_WINDOW (fixture->window), view);
  gtk_window_present (GTK_WINDOW (fixture->window));
  reseau_followup_view_set_database (RESEAU_FOLLOWUP_VIEW (view), fixture->database, NULL);

  overdue = find_group (view, reseau_followup_group_get_label (RESEAU_FOLLOWUP_OVERDUE));
  wanted = (RowsWanted) { overdue, PAGE_ROWS };
  reseau_test_wait_until (has_rows, &wanted, "the first overdue rows");
  g_assert_cmpstr (adw_preferences_group_get_description (overdue), ==, "The first 50 of 120 follow-ups");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (more_button (overdue))));

  /* The rows are the earliest due, in name order on the same day. */
  {
    g_autoptr(GPtrArray) rows = find_all (GTK_WIDGET (overdue), ADW_TYPE_ACTION_ROW);

    g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "Personne 000");
    g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[49]), ==, "Personne 049");
  }

  gtk_widget_activate (GTK_WIDGET (more_button (overdue)));
  wanted.n_rows = 2 * PAGE_ROWS;
  reseau_test_wait_until (has_rows, &wanted, "more overdue rows");

  gtk_widget_activate (GTK_WIDGET (more_button (overdue)));
  wanted.n_rows = N_OVERDUE;
  reseau_test_wait_until (has_rows, &wanted, "every overdue row");
  g_assert_cmpstr (adw_preferences_group_get_description (overdue), ==, "120 follow-ups");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (more_button (overdue))));
}

/* Tag cadences in Preferences ------------------------------------------------------------- */

typedef struct
{
  Fixture    *fixture;
  const char *tag;
  guint       days;   /* 0: no cadence */
} CadenceWanted;

static gboolean
has_cadence (gpointer data)
{
  CadenceWanted *wanted = data;
  g_autoptr(GHashTable) cadences = NULL;
  g_autoptr(GError) error = NULL;

  /* Let the widgets' own work (timeouts, callbacks) run in between. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  cadences = reseau_database_list_tag_cadences (wanted->fixture->database, &error);
  g_assert_no_error (error);
  return GPOINTER_TO_UINT (g_hash_table_lookup (cadences, wanted->tag)) == wanted->days;
}

static gboolean
group_lists (gpointer data)
{
  RowsWanted *wanted = data;

  return count_rows (wanted->group) == wanted->n_rows;
}

static AdwActionRow *
row_titled (AdwPreferencesGroup *group,
            const char          *title)
{
  g_autoptr(GPtrArray) rows = find_all (GTK_WIDGET (group), ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];

  return NULL;
}

static gpointer
first_of_type (GtkWidget *root,
               GType      type)
{
  g_autoptr(GPtrArray) found = find_all (root, type);

  g_assert_cmpuint (found->len, >, 0);
  return found->pdata[0];
}

static void
test_tag_cadences (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = reseau_tag_cadences_group_new ();
  g_autoptr(GError) error = NULL;
  CadenceWanted cadence = { fixture, NULL, 0 };
  RowsWanted wanted = { ADW_PREFERENCES_GROUP (group), 2 };
  AdwActionRow *row;
  GtkDropDown *choice;

  g_assert_true (reseau_database_set_tag_cadence (fixture->database, "Client", 30, &error));
  g_assert_no_error (error);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_window_set_child (GTK_WINDOW (fixture->window), page);
  gtk_window_present (GTK_WINDOW (fixture->window));
  reseau_tag_cadences_group_set_database (RESEAU_TAG_CADENCES_GROUP (group), fixture->database);

  /* Client, then the row to add one; the other two tags are offered. */
  reseau_test_wait_until (group_lists, &wanted, "the tag rows");
  row = row_titled (ADW_PREFERENCES_GROUP (group), "Client");
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (first_of_type (GTK_WIDGET (row), GTK_TYPE_SPIN_BUTTON)),
                   ==, 30);
  choice = first_of_type (GTK_WIDGET (row_titled (ADW_PREFERENCES_GROUP (group), "Add a Cadence")),
                          GTK_TYPE_DROP_DOWN);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (choice)), ==, 2);

  /* A new value is saved once the clicks stop. */
  gtk_spin_button_set_value (first_of_type (GTK_WIDGET (row), GTK_TYPE_SPIN_BUTTON), 45);
  cadence = (CadenceWanted) { fixture, "Client", 45 };
  reseau_test_wait_until (has_cadence, &cadence, "Client at 45 days");

  /* Adding gives the chosen tag the chosen number of days. */
  {
    AdwActionRow *add_row = row_titled (ADW_PREFERENCES_GROUP (group), "Add a Cadence");
    GtkStringObject *chosen;
    g_autoptr(GPtrArray) buttons = find_all (GTK_WIDGET (add_row), GTK_TYPE_BUTTON);
    const char *tag;

    gtk_drop_down_set_selected (choice, 1);
    chosen = gtk_drop_down_get_selected_item (choice);
    tag = gtk_string_object_get_string (chosen);
    gtk_spin_button_set_value (first_of_type (GTK_WIDGET (add_row), GTK_TYPE_SPIN_BUTTON), 14);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Add") == 0)
        gtk_widget_activate (buttons->pdata[i]);
    cadence = (CadenceWanted) { fixture, g_intern_string (tag), 14 };
    reseau_test_wait_until (has_cadence, &cadence, "the added cadence");
    wanted.n_rows = 3;
    reseau_test_wait_until (group_lists, &wanted, "the added tag's row");
  }

  /* Removing takes the cadence away and the row with it. */
  row = row_titled (ADW_PREFERENCES_GROUP (group), "Client");
  {
    g_autoptr(GPtrArray) buttons = find_all (GTK_WIDGET (row), GTK_TYPE_BUTTON);
    GtkWidget *remove = NULL;

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), "Remove Cadence") == 0)
        remove = buttons->pdata[i];
    g_assert_nonnull (remove);
    gtk_widget_activate (remove);
  }
  cadence = (CadenceWanted) { fixture, "Client", 0 };
  reseau_test_wait_until (has_cadence, &cadence, "Client without a cadence");
  wanted.n_rows = 2;
  reseau_test_wait_until (group_lists, &wanted, "the rows without Client");
  g_assert_null (row_titled (ADW_PREFERENCES_GROUP (group), "Client"));
}

/* Reminders on the contact sheet ----------------------------------------------------- */

typedef struct
{
  Fixture *fixture;
  guint    n_open;
} RemindersWanted;

static gboolean
has_open_reminders (gpointer data)
{
  RemindersWanted *wanted = data;
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GError) error = NULL;

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  reminders = reseau_database_list_reminders (wanted->fixture->database, "urn:uuid:anne", &error);
  g_assert_no_error (error);
  return reminders->len == wanted->n_open;
}

static void
test_contact_reminders (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ReseauContact) anne = reseau_contact_new ();
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *tomorrow_text = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  RemindersWanted wanted = { fixture, 1 };
  GtkWidget *group;
  GtkMenuButton *add;
  GtkEditable *note;
  RowsWanted rows;

  reseau_contact_set_uid (anne, "urn:uuid:anne");
  reseau_contact_set_full_name (anne, "Anne Martin");
  g_assert_true (reseau_database_save_contact (fixture->database, anne, &error));
  g_assert_no_error (error);

  group = reseau_contact_reminders_new (fixture->database, "urn:uuid:anne", NULL);
  gtk_window_set_child (GTK_WINDOW (fixture->window), group);
  gtk_window_present (GTK_WINDOW (fixture->window));

  /* Write one through the popover: a note, the day left at tomorrow. */
  add = first_of_type (group, GTK_TYPE_MENU_BUTTON);
  gtk_menu_button_popup (add);
  note = first_of_type (GTK_WIDGET (gtk_menu_button_get_popover (add)), GTK_TYPE_ENTRY);
  gtk_editable_set_text (note, "Remercier Anne pour la recommandation");
  {
    g_autoptr(GPtrArray) buttons = find_all (GTK_WIDGET (gtk_menu_button_get_popover (add)), GTK_TYPE_BUTTON);

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Add Reminder") == 0)
        {
          g_assert_true (gtk_widget_get_sensitive (buttons->pdata[i]));
          gtk_widget_activate (buttons->pdata[i]);
        }
  }
  reseau_test_wait_until (has_open_reminders, &wanted, "the reminder in the database");

  reminders = reseau_database_list_reminders (fixture->database, "urn:uuid:anne", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((ReseauReminder *) reminders->pdata[0])->note, ==, "Remercier Anne pour la recommandation");
  g_assert_cmpstr (((ReseauReminder *) reminders->pdata[0])->due_on, ==, tomorrow_text);

  rows = (RowsWanted) { first_of_type (group, ADW_TYPE_PREFERENCES_GROUP), 1 };
  reseau_test_wait_until (group_lists, &rows, "the reminder's row");

  /* Done closes it: it leaves the group and the open reminders. */
  gtk_widget_activate (first_of_type (GTK_WIDGET (row_titled (rows.group,
                                                              "Remercier Anne pour la recommandation")),
                                      GTK_TYPE_BUTTON));
  wanted.n_open = 0;
  reseau_test_wait_until (has_open_reminders, &wanted, "the reminder done");
  rows.n_rows = 0;
  reseau_test_wait_until (group_lists, &rows, "no reminder row");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* Titles and descriptions are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/followup/view-groups", test_view_groups);
  ADD ("/ui/followup/tag-cadences", test_tag_cadences);
  ADD ("/ui/followup/contact-reminders", test_contact_reminders);

  return g_test_run ();
}
