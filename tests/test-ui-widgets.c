/* test-ui-widgets.c — the sheet, the editor, the picker, import and duplicates
 *
 * Runs under a display (Xvfb) with a session bus, GSETTINGS_BACKEND=memory
 * and GSETTINGS_SCHEMA_DIR pointing at the build's compiled schemas.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "reseau-core.h"
#include "reseau-contact-editor.h"
#include "reseau-contact-editor-private.h"
#include "reseau-contact-picker.h"
#include "reseau-contact-sheet.h"
#include "reseau-duplicates-window.h"
#include "reseau-import-dialog.h"
#include "reseau-merge-view.h"
#include "reseau-test-utils.h"
#include "reseau-value-row.h"
#include "reseau-window.h"

#define RAW_VCARD "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:raw-kept\r\n" \
                  "FN:Élodie Lefèvre\r\nX-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/elodie\r\n" \
                  "END:VCARD\r\n"

typedef struct
{
  char           *dir;
  char           *path;
  ReseauDatabase *database;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = reseau_test_make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "reseau", "reseau.db", NULL);
  fixture->database = reseau_database_new (fixture->path);
  reseau_database_open (fixture->database, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  reseau_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Helpers */

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *flag is set; fails after 60 s. Reading
 * the big file of the responsiveness test takes 12 s alone in the
 * sanitizer build, and twice that beside other tests on two cores. */
static void
wait_for (gboolean   *flag,
          const char *what)
{
  guint timeout_id = g_timeout_add_seconds (60, on_timeout, (gpointer) what);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static void
collect_texts (GtkWidget *widget,
               GString   *texts)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_string_append (texts, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (texts, '\n');
    }
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append (texts, text);
      g_string_append_c (texts, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static char *
widget_texts (GtkWidget *widget)
{
  GString *texts = g_string_new (NULL);

  collect_texts (widget, texts);

  return g_string_free (texts, FALSE);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
assert_shows (const char *texts,
              const char *expected)
{
  if (strstr (texts, expected) == NULL)
    g_error ("“%s” is not shown; the sheet shows:\n%s", expected, texts);
}

static GBytes *
make_png (guint32 rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 64, 64);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, size);
}

static ReseauContact *
save_new_contact (Fixture    *fixture,
                  const char *given,
                  const char *family)
{
  ReseauContact *contact = reseau_contact_new ();
  g_autoptr(GError) error = NULL;

  reseau_contact_set_given_name (contact, given);
  reseau_contact_set_family_name (contact, family);
  reseau_database_save_contact (fixture->database, contact, &error);
  g_assert_no_error (error);

  return contact;
}

static ReseauContact *
make_full_contact (const char *introducer_uid)
{
  ReseauContact *contact = reseau_contact_new ();
  ReseauAddress address = { .label = (char *) "work", .street = (char *) "3 place Bellecour",
                            .postal_code = (char *) "69002", .locality = (char *) "Lyon",
                            .country = (char *) "France" };
  g_autoptr(GBytes) photo = make_png (0x3584e4ff);

  reseau_contact_set_prefix (contact, "Mme");
  reseau_contact_set_given_name (contact, "Élodie");
  reseau_contact_set_additional_names (contact, "Marie");
  reseau_contact_set_family_name (contact, "Lefèvre");
  reseau_contact_set_suffix (contact, "PhD");
  reseau_contact_set_full_name (contact, "Élodie Lefèvre");
  reseau_contact_set_nickname (contact, "Élo");
  reseau_contact_set_organization (contact, "Atelier Chêne");
  reseau_contact_set_title (contact, "Graphiste indépendante");
  reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, "work", "elodie@atelier-chene.fr");
  reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, "Associations", "elo@asso.example");
  reseau_contact_add_value (contact, RESEAU_FIELD_PHONE, "cell", "+33 6 12 34 56 78");
  reseau_contact_add_value (contact, RESEAU_FIELD_URL, NULL, "https://atelier-chene.fr");
  reseau_contact_add_address (contact, &address);
  g_assert_true (reseau_contact_set_birthday (contact, 0, 4, 12));
  reseau_contact_set_note (contact, "Cherche un développeur pour son site.\nRappeler en septembre.");
  reseau_contact_set_photo (contact, photo);
  reseau_contact_add_tag (contact, "prospect");
  reseau_contact_add_tag (contact, "design");
  reseau_contact_set_how_met (contact, "Petit-déjeuner du coworking");
  reseau_contact_set_met_on (contact, "2023-05-17");
  reseau_contact_set_introduced_by (contact, introducer_uid);
  reseau_contact_set_cadence_days (contact, 30);
  reseau_contact_set_vcard (contact, RAW_VCARD);

  return contact;
}

static char *
format_date (int         year,
             int         month,
             int         day,
             const char *format)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 12, 0, 0);

  return g_date_time_format (date, format);
}

static void
show_uid_and_wait (ReseauContactSheet *sheet,
                   const char         *uid)
{
  gboolean shown = FALSE;
  gulong handler;

  handler = g_signal_connect_swapped (sheet, "notify::contact", G_CALLBACK (set_flag), &shown);
  reseau_contact_sheet_set_uid (sheet, uid);
  wait_for (&shown, "the contact sheet");
  g_signal_handler_disconnect (sheet, handler);
}

static gpointer
template_child (gpointer    editor,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                  RESEAU_TYPE_CONTACT_EDITOR,
                                                  name);

  g_assert_nonnull (child);
  return child;
}

static void
set_text (gpointer    editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static GtkWidget *
first_value_row (ReseauContactEditor *editor,
                 const char          *list_name)
{
  GtkWidget *list = template_child (editor, list_name);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (RESEAU_IS_VALUE_ROW (row))
      return row;

  return NULL;
}

static void
on_saved (ReseauContactEditor *editor,
          const char          *uid,
          char               **saved_uid)
{
  *saved_uid = g_strdup (uid);
}

static void
on_saved_flag (ReseauContactEditor *editor,
               const char          *uid,
               gboolean            *flag)
{
  *flag = TRUE;
}

/* Activates Save and waits for "saved"; returns the UID. The caller holds a
 * reference, so the editor is hidden and destroyed but not finalized. */
static char *
save_and_wait (ReseauContactEditor *editor)
{
  char *saved_uid = NULL;
  gboolean done = FALSE;
  gulong handler;
  gulong flag_handler;

  g_assert_true (reseau_contact_editor_get_can_save (editor));
  handler = g_signal_connect (editor, "saved", G_CALLBACK (on_saved), &saved_uid);
  flag_handler = g_signal_connect (editor, "saved", G_CALLBACK (on_saved_flag), &done);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  wait_for (&done, "the editor to save");
  g_signal_handler_disconnect (editor, handler);
  g_signal_handler_disconnect (editor, flag_handler);
  g_assert_nonnull (saved_uid);
  /* It closed itself. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));

  return saved_uid;
}

static const char *
value_at (ReseauContact *contact,
          ReseauField    field,
          guint          index,
          const char   **label)
{
  GPtrArray *values = reseau_contact_get_values (contact, field);
  const ReseauLabeledValue *lv;

  g_assert_cmpuint (values->len, >, index);
  lv = g_ptr_array_index (values, index);
  if (label != NULL)
    *label = lv->label;

  return lv->value;
}

/* Tests */

static void
test_sheet_shows_every_field (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(ReseauContact) introducer = save_new_contact (fixture, "Bernard", "Introducteur");
  g_autoptr(ReseauContact) contact = make_full_contact (reseau_contact_get_uid (introducer));
  g_autoptr(GError) error = NULL;
  g_autofree char *birthday = NULL;
  g_autofree char *met_on = NULL;
  ReseauContactSheet *sheet;
  GtkWidget *window;
  GtkStack *stack;
  char *texts = NULL;
  gint64 deadline;

  reseau_database_save_contact (fixture->database, contact, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  sheet = RESEAU_CONTACT_SHEET (reseau_contact_sheet_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (sheet));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 900);
  gtk_window_present (GTK_WINDOW (window));

  reseau_contact_sheet_set_database (sheet, fixture->database);
  show_uid_and_wait (sheet, reseau_contact_get_uid (contact));

  g_assert_cmpstr (reseau_contact_sheet_get_uid (sheet), ==, reseau_contact_get_uid (contact));
  g_assert_nonnull (reseau_contact_sheet_get_contact (sheet));
  g_assert_cmpstr (reseau_contact_get_uid (reseau_contact_sheet_get_contact (sheet)), ==,
                   reseau_contact_get_uid (contact));

  /* The introducer's name arrives with a second load. */
  /* Only a guard against waiting forever. */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  do
    {
      g_free (texts);
      g_main_context_iteration (NULL, FALSE);
      texts = widget_texts (GTK_WIDGET (sheet));
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  while (strstr (texts, "Bernard Introducteur") == NULL);

  birthday = format_date (2000, 4, 12, "%-e %B");
  met_on = format_date (2023, 5, 17, "%-e %B %Y");

  assert_shows (texts, "Élodie Lefèvre");
  assert_shows (texts, "Graphiste indépendante · Atelier Chêne");
  assert_shows (texts, "elodie@atelier-chene.fr");
  assert_shows (texts, "Work");
  assert_shows (texts, "elo@asso.example");
  assert_shows (texts, "Associations");
  assert_shows (texts, "+33 6 12 34 56 78");
  assert_shows (texts, "Mobile");
  assert_shows (texts, "https://atelier-chene.fr");
  assert_shows (texts, "3 place Bellecour");
  assert_shows (texts, "69002 Lyon");
  assert_shows (texts, "Élo");
  assert_shows (texts, "Mme Élodie Marie Lefèvre PhD");
  assert_shows (texts, birthday);
  g_assert_null (strstr (texts, "2000"));
  assert_shows (texts, "Petit-déjeuner du coworking");
  assert_shows (texts, met_on);
  assert_shows (texts, "Bernard Introducteur");
  assert_shows (texts, "Every 30 days");
  assert_shows (texts, "prospect");
  assert_shows (texts, "design");
  assert_shows (texts, "Rappeler en septembre.");
  assert_shows (texts, "Added on");
  g_free (texts);

  /* Clearing and setting the same UID again, as a window does to refresh
   * the sheet after an edit, never shows the empty page in between. */
  stack = GTK_STACK (find_descendant (GTK_WIDGET (sheet), GTK_TYPE_STACK));
  reseau_contact_sheet_set_uid (sheet, NULL);
  g_assert_null (reseau_contact_sheet_get_contact (sheet));
  show_uid_and_wait (sheet, reseau_contact_get_uid (contact));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "contact");
  g_assert_nonnull (reseau_contact_sheet_get_contact (sheet));

  /* Clearing shows nothing of it any more. */
  reseau_contact_sheet_set_uid (sheet, NULL);
  g_assert_null (reseau_contact_sheet_get_contact (sheet));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  texts = widget_texts (GTK_WIDGET (sheet));
  g_assert_null (strstr (texts, "elodie@atelier-chene.fr"));
  g_free (texts);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sheet_missing_contact (Fixture       *fixture,
                            gconstpointer  data)
{
  ReseauContactSheet *sheet = RESEAU_CONTACT_SHEET (reseau_contact_sheet_new ());
  g_autofree char *texts = NULL;

  g_object_ref_sink (sheet);
  reseau_contact_sheet_set_database (sheet, fixture->database);
  show_uid_and_wait (sheet, "urn:uuid:nobody");
  g_assert_null (reseau_contact_sheet_get_contact (sheet));
  texts = widget_texts (GTK_WIDGET (sheet));
  assert_shows (texts, "Contact Not Found");
  g_object_unref (sheet);
}

typedef struct
{
  gint64 last;
  gint64 longest;
} StallProbe;

/* Ticks every 5 ms; the longest gap between ticks is how long the main
 * thread was busy without a break, i.e. how long the window froze. */
static gboolean
on_stall_probe (gpointer user_data)
{
  StallProbe *probe = user_data;
  gint64 now = g_get_monotonic_time ();

  probe->longest = MAX (probe->longest, now - probe->last);
  probe->last = now;

  return G_SOURCE_CONTINUE;
}

static void
test_sheet_big_note (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  ReseauContactSheet *sheet;
  GtkWidget *window;
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gint64 start, shown, drawn;
  StallProbe probe = { 0, 0 };
  gint64 stall_until_drawn;
  guint probe_id;
  gulong handler;

  while (note->len < 1024 * 1024)
    g_string_append_printf (note, "Ligne %u : compte rendu d’un échange sur le projet, "
                            "avec des détails à ne pas perdre.\n", (guint) (note->len / 80));

  reseau_contact_set_given_name (contact, "Note");
  reseau_contact_set_family_name (contact, "Très Longue");
  reseau_contact_set_note (contact, note->str);
  reseau_database_save_contact (fixture->database, contact, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  sheet = RESEAU_CONTACT_SHEET (reseau_contact_sheet_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (sheet));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 800);
  gtk_window_present (GTK_WINDOW (window));
  reseau_contact_sheet_set_database (sheet, fixture->database);

  /* Let the window show, and show a small contact first, so that what is
   * measured is the note and not the first-time costs (styles, icons,
   * shaders) that any first contact pays. */
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  {
    g_autoptr(ReseauContact) small = save_new_contact (fixture, "Petite", "Note");

    reseau_contact_set_note (small, "Une ligne.");
    reseau_database_save_contact (fixture->database, small, &error);
    g_assert_no_error (error);
    show_uid_and_wait (sheet, reseau_contact_get_uid (small));
    clock = gtk_widget_get_frame_clock (window);
    handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_flag), &painted);
    wait_for (&painted, "the first frame with a small note");
    g_signal_handler_disconnect (clock, handler);
    painted = FALSE;
  }

  start = g_get_monotonic_time ();
  probe.last = start;
  probe_id = g_timeout_add (5, on_stall_probe, &probe);
  show_uid_and_wait (sheet, reseau_contact_get_uid (contact));
  shown = g_get_monotonic_time ();

  clock = gtk_widget_get_frame_clock (window);
  handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_flag), &painted);
  gtk_widget_queue_draw (window);
  wait_for (&painted, "the first frame with the big note");
  g_signal_handler_disconnect (clock, handler);
  drawn = g_get_monotonic_time ();
  on_stall_probe (&probe);
  stall_until_drawn = probe.longest;

  /* The text view lays out the rest of the note in the background: that
   * must come in slices too. */
  probe.longest = 0;
  while (g_get_monotonic_time () < drawn + G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (probe_id);

  /* Reported, not asserted: timings depend on the machine. */
  g_test_message ("1 MB note: shown after %.1f ms, first frame after %.1f ms, "
                  "longest main-thread stall %.1f ms until then, %.1f ms in the next second",
                  (shown - start) / 1000.0, (drawn - start) / 1000.0,
                  stall_until_drawn / 1000.0, probe.longest / 1000.0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_editor_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ReseauContact) introducer = save_new_contact (fixture, "Bernard", "Introducteur");
  g_autoptr(ReseauContact) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *birthday = NULL;
  ReseauContactEditor *editor;
  GtkWidget *row;
  GtkWidget *address_row;
  GtkTextBuffer *buffer;
  GPtrArray *addresses;
  const ReseauAddress *address;
  const char *label = NULL;
  g_autoptr(GBytes) photo = make_png (0xe01b24ff);

  editor = reseau_contact_editor_new (NULL, fixture->database, NULL);
  g_object_ref (editor);
  gtk_window_present (GTK_WINDOW (editor));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Contact");
  /* The default cadence comes from GSettings (30 in the schema). */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (template_child (editor, "cadence_spin")), ==, 30);
  g_assert_false (reseau_contact_editor_get_can_save (editor));
  g_assert_false (reseau_contact_editor_get_has_changes (editor));

  set_text (template_child (editor, "given_row"), "  Camille ");
  set_text (template_child (editor, "family_row"), "Dubois");
  set_text (template_child (editor, "prefix_row"), "Dr");
  set_text (template_child (editor, "additional_row"), "Anne");
  set_text (template_child (editor, "suffix_row"), "Jr");
  set_text (template_child (editor, "nickname_row"), "Cam");
  set_text (template_child (editor, "organization_row"), "Studio Lumière");
  set_text (template_child (editor, "title_row"), "Photographe");
  g_assert_true (reseau_contact_editor_get_can_save (editor));
  g_assert_true (reseau_contact_editor_get_has_changes (editor));

  /* A new contact comes with an empty email and phone row. */
  row = first_value_row (editor, "emails_list");
  g_assert_nonnull (row);
  set_text (row, "camille@studio-lumiere.fr");
  row = reseau_contact_editor_add_value (editor, RESEAU_FIELD_EMAIL);
  set_text (row, "cam@maison.example");
  reseau_value_row_set_label (RESEAU_VALUE_ROW (row), "home");
  row = first_value_row (editor, "phones_list");
  set_text (row, "06 98 76 54 32");
  row = reseau_contact_editor_add_value (editor, RESEAU_FIELD_URL);
  set_text (row, "https://studio-lumiere.fr");
  reseau_value_row_set_label (RESEAU_VALUE_ROW (row), "Portfolio");
  /* An empty row is not saved. */
  reseau_contact_editor_add_value (editor, RESEAU_FIELD_PHONE);

  address_row = reseau_contact_editor_add_address (editor);
  set_text (reseau_contact_editor_get_address_part (address_row, "street"), "12 rue des Lilas");
  set_text (reseau_contact_editor_get_address_part (address_row, "postal-code"), "44000");
  set_text (reseau_contact_editor_get_address_part (address_row, "locality"), "Nantes");
  set_text (reseau_contact_editor_get_address_part (address_row, "country"), "France");

  g_signal_emit_by_name (template_child (editor, "birthday_add_button"), "clicked");
  gtk_spin_button_set_value (template_child (editor, "birthday_day"), 29);
  gtk_drop_down_set_selected (template_child (editor, "birthday_month"), 1);
  set_text (template_child (editor, "birthday_year"), "");
  g_assert_true (reseau_contact_editor_get_can_save (editor));

  set_text (template_child (editor, "how_met_row"), "Salon des indépendants");
  set_text (template_child (editor, "met_on_entry"), "2022-11-08");
  reseau_contact_picker_set_contact (template_child (editor, "introducer_picker"),
                                     reseau_contact_get_uid (introducer),
                                     reseau_contact_get_display_name (introducer));
  gtk_spin_button_set_value (template_child (editor, "cadence_spin"), 45);

  set_text (template_child (editor, "tag_entry"), "photo");
  g_signal_emit_by_name (template_child (editor, "tag_entry"), "activate");
  set_text (template_child (editor, "tag_entry"), "Nantes");
  g_signal_emit_by_name (template_child (editor, "tag_entry"), "activate");
  /* Already there, whatever the case: not added twice. */
  set_text (template_child (editor, "tag_entry"), "PHOTO");
  g_signal_emit_by_name (template_child (editor, "tag_entry"), "activate");
  g_assert_cmpstr (gtk_editable_get_text (template_child (editor, "tag_entry")), ==, "");

  buffer = gtk_text_view_get_buffer (template_child (editor, "note_view"));
  gtk_text_buffer_set_text (buffer, "Photos du salon à envoyer.\nDeuxième ligne.", -1);

  gtk_toggle_button_set_active (template_child (editor, "organization_toggle"), TRUE);
  gtk_toggle_button_set_active (template_child (editor, "person_toggle"), TRUE);

  uid = save_and_wait (editor);
  g_object_unref (editor);

  saved = reseau_database_load_contact (fixture->database, uid, &error);
  g_assert_no_error (error);

  g_assert_cmpint (reseau_contact_get_kind (saved), ==, RESEAU_CONTACT_KIND_INDIVIDUAL);
  g_assert_cmpstr (reseau_contact_get_given_name (saved), ==, "Camille");
  g_assert_cmpstr (reseau_contact_get_family_name (saved), ==, "Dubois");
  g_assert_cmpstr (reseau_contact_get_prefix (saved), ==, "Dr");
  g_assert_cmpstr (reseau_contact_get_additional_names (saved), ==, "Anne");
  g_assert_cmpstr (reseau_contact_get_suffix (saved), ==, "Jr");
  g_assert_cmpstr (reseau_contact_get_nickname (saved), ==, "Cam");
  g_assert_cmpstr (reseau_contact_get_display_name (saved), ==, "Camille Dubois");
  g_assert_cmpstr (reseau_contact_get_organization (saved), ==, "Studio Lumière");
  g_assert_cmpstr (reseau_contact_get_title (saved), ==, "Photographe");

  g_assert_cmpuint (reseau_contact_get_values (saved, RESEAU_FIELD_EMAIL)->len, ==, 2);
  g_assert_cmpstr (value_at (saved, RESEAU_FIELD_EMAIL, 0, &label), ==, "camille@studio-lumiere.fr");
  g_assert_cmpstr (label, ==, "work");
  g_assert_cmpstr (value_at (saved, RESEAU_FIELD_EMAIL, 1, &label), ==, "cam@maison.example");
  g_assert_cmpstr (label, ==, "home");
  g_assert_cmpuint (reseau_contact_get_values (saved, RESEAU_FIELD_PHONE)->len, ==, 1);
  g_assert_cmpstr (value_at (saved, RESEAU_FIELD_PHONE, 0, &label), ==, "06 98 76 54 32");
  g_assert_cmpstr (label, ==, "mobile");
  g_assert_cmpstr (value_at (saved, RESEAU_FIELD_URL, 0, &label), ==, "https://studio-lumiere.fr");
  g_assert_cmpstr (label, ==, "Portfolio");

  addresses = reseau_contact_get_addresses (saved);
  g_assert_cmpuint (addresses->len, ==, 1);
  address = g_ptr_array_index (addresses, 0);
  g_assert_cmpstr (address->street, ==, "12 rue des Lilas");
  g_assert_cmpstr (address->postal_code, ==, "44000");
  g_assert_cmpstr (address->locality, ==, "Nantes");
  g_assert_cmpstr (address->country, ==, "France");
  g_assert_cmpstr (address->label, ==, "home");

  birthday = reseau_contact_format_birthday (saved);
  g_assert_cmpstr (birthday, ==, "--02-29");
  g_assert_cmpstr (reseau_contact_get_how_met (saved), ==, "Salon des indépendants");
  g_assert_cmpstr (reseau_contact_get_met_on (saved), ==, "2022-11-08");
  g_assert_cmpstr (reseau_contact_get_introduced_by (saved), ==, reseau_contact_get_uid (introducer));
  g_assert_cmpuint (reseau_contact_get_cadence_days (saved), ==, 45);
  g_assert_cmpuint (reseau_contact_get_tags (saved)->len, ==, 2);
  g_assert_true (reseau_contact_has_tag (saved, "photo"));
  g_assert_true (reseau_contact_has_tag (saved, "Nantes"));
  g_assert_cmpstr (reseau_contact_get_note (saved), ==, "Photos du salon à envoyer.\nDeuxième ligne.");
  g_assert_null (reseau_contact_get_photo (saved));

  /* The photo, through a second edit: chosen as a file, decoded in a
   * thread, stored re-encoded. */
  {
    g_autoptr(ReseauContact) again = NULL;
    g_autoptr(GFile) file = NULL;
    g_autoptr(GdkTexture) texture = NULL;
    g_autofree char *photo_path = g_build_filename (fixture->dir, "photo.png", NULL);
    AdwAvatar *avatar;
    gint64 deadline;

    g_file_set_contents (photo_path, g_bytes_get_data (photo, NULL), g_bytes_get_size (photo), &error);
    g_assert_no_error (error);
    file = g_file_new_for_path (photo_path);

    editor = reseau_contact_editor_new (NULL, fixture->database, saved);
    g_object_ref (editor);
    gtk_window_present (GTK_WINDOW (editor));
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Contact");
    g_assert_false (reseau_contact_editor_get_has_changes (editor));

    avatar = template_child (editor, "avatar");
    g_assert_null (adw_avatar_get_custom_image (avatar));
    reseau_contact_editor_load_photo_file (editor, file);
    /* Only a guard against waiting forever. */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    while (adw_avatar_get_custom_image (avatar) == NULL)
      {
        g_main_context_iteration (NULL, TRUE);
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      }
    g_assert_true (reseau_contact_editor_get_has_changes (editor));

    g_clear_pointer (&uid, g_free);
    uid = save_and_wait (editor);
    g_object_unref (editor);
    again = reseau_database_load_contact (fixture->database, uid, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (reseau_contact_get_note (again), ==, reseau_contact_get_note (saved));
    g_assert_nonnull (reseau_contact_get_photo (again));
    texture = gdk_texture_new_from_bytes (reseau_contact_get_photo (again), &error);
    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), ==, 64);
  }
}

static void
test_editor_keeps_other_fields (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(ReseauContact) introducer = save_new_contact (fixture, "Bernard", "Introducteur");
  g_autoptr(ReseauContact) original = make_full_contact (reseau_contact_get_uid (introducer));
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(ReseauContact) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *card_before = NULL;
  g_autoptr(GString) card_expected = NULL;
  ReseauContactEditor *editor;

  /* The stored card as an import leaves it: every field, plus a property
   * the app does not model. */
  reseau_contact_refresh_vcard (original);
  card_before = g_strdup (reseau_contact_get_vcard (original));
  g_assert_nonnull (strstr (card_before, "X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/elodie\r\n"));
  g_assert_nonnull (strstr (card_before, "TITLE:Graphiste indépendante\r\n"));

  reseau_database_save_contact (fixture->database, original, &error);
  g_assert_no_error (error);
  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (original), &error);
  g_assert_no_error (error);

  editor = reseau_contact_editor_new (NULL, fixture->database, loaded);
  g_object_ref (editor);
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_false (reseau_contact_editor_get_has_changes (editor));
  g_assert_true (reseau_contact_editor_get_can_save (editor));

  set_text (template_child (editor, "title_row"), "Directrice artistique");
  g_assert_true (reseau_contact_editor_get_has_changes (editor));
  uid = save_and_wait (editor);
  g_object_unref (editor);
  g_assert_cmpstr (uid, ==, reseau_contact_get_uid (original));

  edited = reseau_database_load_contact (fixture->database, uid, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (reseau_contact_get_title (edited), ==, "Directrice artistique");
  /* The card changed in the edited property only. */
  card_expected = g_string_new (card_before);
  g_string_replace (card_expected, "TITLE:Graphiste indépendante\r\n", "TITLE:Directrice artistique\r\n", 1);
  g_assert_cmpstr (reseau_contact_get_vcard (edited), ==, card_expected->str);
  g_assert_cmpstr (reseau_contact_get_full_name (edited), ==, "Élodie Lefèvre");
  g_assert_cmpstr (reseau_contact_get_prefix (edited), ==, "Mme");
  g_assert_cmpstr (reseau_contact_get_additional_names (edited), ==, "Marie");
  g_assert_cmpstr (reseau_contact_get_suffix (edited), ==, "PhD");
  g_assert_cmpstr (reseau_contact_get_nickname (edited), ==, "Élo");
  g_assert_cmpstr (reseau_contact_get_organization (edited), ==, "Atelier Chêne");
  g_assert_cmpuint (reseau_contact_get_values (edited, RESEAU_FIELD_EMAIL)->len, ==, 2);
  {
    const char *label = NULL;

    g_assert_cmpstr (value_at (edited, RESEAU_FIELD_EMAIL, 1, &label), ==, "elo@asso.example");
    g_assert_cmpstr (label, ==, "Associations");
    /* "cell" is shown as Mobile but stays "cell" when left alone. */
    g_assert_cmpstr (value_at (edited, RESEAU_FIELD_PHONE, 0, &label), ==, "+33 6 12 34 56 78");
    g_assert_cmpstr (label, ==, "cell");
    g_assert_cmpstr (value_at (edited, RESEAU_FIELD_URL, 0, &label), ==, "https://atelier-chene.fr");
    g_assert_null (label);
  }
  g_assert_cmpuint (reseau_contact_get_addresses (edited)->len, ==, 1);
  before = reseau_contact_format_birthday (original);
  after = reseau_contact_format_birthday (edited);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (reseau_contact_get_note (edited), ==, reseau_contact_get_note (original));
  g_assert_nonnull (reseau_contact_get_photo (edited));
  g_assert_true (g_bytes_equal (reseau_contact_get_photo (edited), reseau_contact_get_photo (original)));
  g_assert_cmpuint (reseau_contact_get_tags (edited)->len, ==, 2);
  g_assert_cmpstr (reseau_contact_get_how_met (edited), ==, "Petit-déjeuner du coworking");
  g_assert_cmpstr (reseau_contact_get_met_on (edited), ==, "2023-05-17");
  g_assert_cmpstr (reseau_contact_get_introduced_by (edited), ==, reseau_contact_get_uid (introducer));
  g_assert_cmpuint (reseau_contact_get_cadence_days (edited), ==, 30);
  g_assert_cmpint (reseau_contact_get_created_at (edited), ==, reseau_contact_get_created_at (loaded));
}

static void
test_editor_refuses_empty (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;
  ReseauContactEditor *editor;
  GtkWidget *hint;
  GtkWidget *row;

  editor = reseau_contact_editor_new (NULL, fixture->database, NULL);
  g_object_ref (editor);
  gtk_window_present (GTK_WINDOW (editor));

  hint = template_child (editor, "empty_hint");
  g_assert_false (reseau_contact_editor_get_can_save (editor));
  g_assert_true (gtk_widget_get_visible (hint));

  /* Blank text and a job title alone make no contact. */
  set_text (template_child (editor, "given_row"), "   ");
  set_text (template_child (editor, "title_row"), "Consultant");
  set_text (template_child (editor, "how_met_row"), "Quelque part");
  g_assert_false (reseau_contact_editor_get_can_save (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  summaries = reseau_database_list_summaries (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 0);

  /* An email is enough; removing it again is not. */
  row = first_value_row (editor, "emails_list");
  set_text (row, "quelqu.un@example.org");
  g_assert_true (reseau_contact_editor_get_can_save (editor));
  g_assert_false (gtk_widget_get_visible (hint));
  set_text (row, "");
  g_assert_false (reseau_contact_editor_get_can_save (editor));

  set_text (template_child (editor, "organization_row"), "Coopérative Oxalis");
  g_assert_true (reseau_contact_editor_get_can_save (editor));

  g_assert_false (reseau_contact_editor_get_has_changes (editor) == FALSE);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
}

static void
test_editor_refuses_bad_dates (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(ReseauContact) scratch = reseau_contact_new ();
  ReseauContactEditor *editor;
  GtkWidget *revealer;
  GtkLabel *error_label;

  /* The core refuses it, and the editor says so before trying. */
  g_assert_false (reseau_contact_set_birthday (scratch, 0, 2, 31));

  editor = reseau_contact_editor_new (NULL, fixture->database, NULL);
  g_object_ref (editor);
  gtk_window_present (GTK_WINDOW (editor));
  set_text (template_child (editor, "given_row"), "Date");
  g_assert_true (reseau_contact_editor_get_can_save (editor));

  revealer = template_child (editor, "birthday_error_revealer");
  error_label = template_child (editor, "birthday_error");

  g_signal_emit_by_name (template_child (editor, "birthday_add_button"), "clicked");
  gtk_spin_button_set_value (template_child (editor, "birthday_day"), 31);
  gtk_drop_down_set_selected (template_child (editor, "birthday_month"), 1);
  g_assert_false (reseau_contact_editor_get_can_save (editor));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "31"));

  /* 29 February: fine without a year and in 2024, not in 2023. */
  gtk_spin_button_set_value (template_child (editor, "birthday_day"), 29);
  g_assert_true (reseau_contact_editor_get_can_save (editor));
  set_text (template_child (editor, "birthday_year"), "2023");
  g_assert_false (reseau_contact_editor_get_can_save (editor));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "2023"));
  set_text (template_child (editor, "birthday_year"), "2024");
  g_assert_true (reseau_contact_editor_get_can_save (editor));
  set_text (template_child (editor, "birthday_year"), "19x5");
  g_assert_false (reseau_contact_editor_get_can_save (editor));

  /* Clearing the birthday clears the error. */
  g_signal_emit_by_name (template_child (editor, "birthday_clear_button"), "clicked");
  g_assert_true (reseau_contact_editor_get_can_save (editor));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  set_text (template_child (editor, "met_on_entry"), "2023-02-30");
  g_assert_false (reseau_contact_editor_get_can_save (editor));
  set_text (template_child (editor, "met_on_entry"), "2023-02-28");
  g_assert_true (reseau_contact_editor_get_can_save (editor));

  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
}

static void
test_editor_asks_before_discarding (Fixture       *fixture,
                                    gconstpointer  data)
{
  ReseauContactEditor *editor;
  gboolean destroyed = FALSE;
  GListModel *toplevels;
  AdwMessageDialog *dialog = NULL;

  /* Nothing typed: Escape closes at once. */
  editor = reseau_contact_editor_new (NULL, fixture->database, NULL);
  g_signal_connect_swapped (editor, "destroy", G_CALLBACK (set_flag), &destroyed);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  wait_for (&destroyed, "the untouched editor to close");

  /* Something typed: a confirmation first. */
  destroyed = FALSE;
  editor = reseau_contact_editor_new (NULL, fixture->database, NULL);
  g_signal_connect_swapped (editor, "destroy", G_CALLBACK (set_flag), &destroyed);
  gtk_window_present (GTK_WINDOW (editor));
  set_text (template_child (editor, "given_row"), "Brouillon");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  g_assert_false (destroyed);

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (editor))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard Changes?");

  adw_message_dialog_response (dialog, "keep");
  g_assert_false (destroyed);

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  dialog = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (editor))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  wait_for (&destroyed, "the editor to close after Discard");
}

static void
test_picker (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ReseauContact) anne = save_new_contact (fixture, "Anne", "Martin");
  g_autoptr(ReseauContact) bruno = save_new_contact (fixture, "Bruno", "Petit");
  ReseauContactPicker *picker = RESEAU_CONTACT_PICKER (reseau_contact_picker_new ());
  gboolean named = FALSE;
  g_autofree char *texts = NULL;

  g_object_ref_sink (picker);
  reseau_contact_picker_set_database (picker, fixture->database);
  reseau_contact_picker_set_excluded_uid (picker, reseau_contact_get_uid (anne));

  texts = widget_texts (GTK_WIDGET (picker));
  assert_shows (texts, "Nobody");
  g_assert_null (reseau_contact_picker_get_uid (picker));

  /* Given only a UID, the picker finds the name itself. */
  g_signal_connect_swapped (picker, "notify::display-name", G_CALLBACK (set_flag), &named);
  reseau_contact_picker_set_contact (picker, reseau_contact_get_uid (bruno), NULL);
  g_assert_cmpstr (reseau_contact_picker_get_uid (picker), ==, reseau_contact_get_uid (bruno));
  while (reseau_contact_picker_get_display_name (picker) == NULL)
    wait_for (&named, "the picker to load a name");
  g_assert_cmpstr (reseau_contact_picker_get_display_name (picker), ==, "Bruno Petit");

  reseau_contact_picker_set_contact (picker, NULL, NULL);
  g_assert_null (reseau_contact_picker_get_uid (picker));
  g_clear_pointer (&texts, g_free);
  texts = widget_texts (GTK_WIDGET (picker));
  assert_shows (texts, "Nobody");

  g_object_unref (picker);
}

static void
wait_for_n_items (GListModel *model,
                  guint       n_items,
                  const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_list_model_get_n_items (model) != n_items)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s: %u items, not %u",
                 what, g_list_model_get_n_items (model), n_items);
      g_main_context_iteration (NULL, FALSE);
    }
}

static void
test_picker_popover (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ReseauContact) anne = save_new_contact (fixture, "Anne", "Martin");
  g_autoptr(ReseauContact) bruno = save_new_contact (fixture, "Bruno", "Petit");
  g_autoptr(ReseauContact) chloe = save_new_contact (fixture, "Chloé", "Bernard");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *picker = reseau_contact_picker_new ();
  GtkWidget *button;
  GtkWidget *popover;
  GtkWidget *search;
  GtkListView *list_view;
  GListModel *model;

  gtk_window_set_child (GTK_WINDOW (window), picker);
  gtk_window_present (GTK_WINDOW (window));
  reseau_contact_picker_set_database (RESEAU_CONTACT_PICKER (picker), fixture->database);
  /* The contact being edited is never offered as its own introducer. */
  reseau_contact_picker_set_excluded_uid (RESEAU_CONTACT_PICKER (picker), reseau_contact_get_uid (anne));

  button = find_descendant (picker, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  list_view = GTK_LIST_VIEW (find_descendant (popover, GTK_TYPE_LIST_VIEW));
  search = find_descendant (popover, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (list_view);
  g_assert_nonnull (search);

  model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  g_assert_nonnull (model);
  wait_for_n_items (model, 2, "every contact but the excluded one");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ReseauContactItem) item = g_list_model_get_item (model, i);

      g_assert_cmpstr (reseau_contact_item_get_uid (item), !=, reseau_contact_get_uid (anne));
    }

  /* Searching "mart" finds only the excluded Anne Martin: nothing. */
  gtk_editable_set_text (GTK_EDITABLE (search), "mart");
  wait_for_n_items (model, 0, "a search that only matches the excluded contact");

  gtk_editable_set_text (GTK_EDITABLE (search), "chlo");
  wait_for_n_items (model, 1, "the search for Chloé");
  g_signal_emit_by_name (list_view, "activate", 0);
  g_assert_cmpstr (reseau_contact_picker_get_uid (RESEAU_CONTACT_PICKER (picker)), ==,
                   reseau_contact_get_uid (chloe));
  g_assert_cmpstr (reseau_contact_picker_get_display_name (RESEAU_CONTACT_PICKER (picker)), ==,
                   "Chloé Bernard");
  g_assert_false (gtk_widget_get_visible (popover));

  gtk_window_destroy (GTK_WINDOW (window));
  (void) bruno;
}

static void
test_editor_tag_suggestions (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ReseauContact) tagged = reseau_contact_new ();
  g_autoptr(GError) error = NULL;
  ReseauContactEditor *editor;
  GtkWidget *entry;
  GtkWidget *popover = NULL;
  GtkWidget *list;
  GtkListBoxRow *row;
  gint64 deadline;

  reseau_contact_set_given_name (tagged, "Tag");
  reseau_contact_add_tag (tagged, "prospect");
  reseau_contact_add_tag (tagged, "client");
  reseau_contact_add_tag (tagged, "Promo 2019");
  reseau_database_save_contact (fixture->database, tagged, &error);
  g_assert_no_error (error);

  editor = reseau_contact_editor_new (NULL, fixture->database, NULL);
  g_object_ref (editor);
  gtk_window_present (GTK_WINDOW (editor));
  entry = template_child (editor, "tag_entry");
  for (GtkWidget *child = gtk_widget_get_first_child (entry); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      popover = child;
  g_assert_nonnull (popover);

  /* The known tags arrive asynchronously; typing then offers them. */
  /* Only a guard against waiting forever. */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  do
    {
      set_text (entry, "");
      set_text (entry, "PRO");
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  while (!gtk_widget_get_visible (popover));

  list = find_descendant (popover, GTK_TYPE_LIST_BOX);
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  set_text (template_child (editor, "given_row"), "Nouvelle");
  {
    g_autoptr(ReseauContact) built = reseau_contact_editor_build_contact (editor);

    g_assert_cmpuint (reseau_contact_get_tags (built)->len, ==, 1);
    g_assert_true (reseau_contact_has_tag (built, "prospect") ||
                   reseau_contact_has_tag (built, "Promo 2019"));
  }

  /* A tag already on the contact is not offered again. */
  set_text (entry, "");
  set_text (entry, "pro");
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));

  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
}

/* Role and anniversary */

static void
test_editor_role_anniversary (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(ReseauContact) original = reseau_contact_new ();
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(ReseauContact) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *anniversary = NULL;
  ReseauContactEditor *editor;

  reseau_contact_set_full_name (original, "Jeanne Moreau");
  reseau_contact_set_title (original, "Directrice des achats");
  reseau_contact_set_role (original, "Acheteuse");
  g_assert_true (reseau_contact_set_anniversary (original, 0, 6, 15));
  reseau_database_save_contact (fixture->database, original, &error);
  g_assert_no_error (error);
  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (original), &error);
  g_assert_no_error (error);

  editor = reseau_contact_editor_new (NULL, fixture->database, loaded);
  g_object_ref (editor);
  gtk_window_present (GTK_WINDOW (editor));

  /* What the contact holds is shown, and shown as unchanged. */
  g_assert_cmpstr (gtk_editable_get_text (template_child (editor, "role_row")), ==, "Acheteuse");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (editor, "anniversary_stack")), ==, "set");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (template_child (editor, "anniversary_day")), ==, 15);
  g_assert_cmpuint (gtk_drop_down_get_selected (template_child (editor, "anniversary_month")), ==, 5);
  g_assert_cmpstr (gtk_editable_get_text (template_child (editor, "anniversary_year")), ==, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (editor, "birthday_stack")), ==, "unset");
  g_assert_false (reseau_contact_editor_get_has_changes (editor));

  /* The anniversary is checked like the birthday, with its own message. */
  gtk_spin_button_set_value (template_child (editor, "anniversary_day"), 31);
  g_assert_false (reseau_contact_editor_get_can_save (editor));
  g_assert_true (gtk_revealer_get_reveal_child (template_child (editor, "anniversary_error_revealer")));
  g_assert_false (gtk_revealer_get_reveal_child (template_child (editor, "birthday_error_revealer")));
  gtk_spin_button_set_value (template_child (editor, "anniversary_day"), 20);
  set_text (template_child (editor, "anniversary_year"), "2010");
  g_assert_true (reseau_contact_editor_get_can_save (editor));
  g_assert_false (gtk_revealer_get_reveal_child (template_child (editor, "anniversary_error_revealer")));

  set_text (template_child (editor, "role_row"), "Responsable des partenariats");
  g_assert_true (reseau_contact_editor_get_has_changes (editor));
  uid = save_and_wait (editor);
  g_object_unref (editor);

  edited = reseau_database_load_contact (fixture->database, uid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_role (edited), ==, "Responsable des partenariats");
  g_assert_cmpstr (reseau_contact_get_title (edited), ==, "Directrice des achats");
  anniversary = reseau_contact_format_anniversary (edited);
  g_assert_cmpstr (anniversary, ==, "2010-06-20");
  g_assert_false (reseau_contact_get_birthday (edited, NULL, NULL, NULL));

  /* Removing the anniversary removes it. */
  editor = reseau_contact_editor_new (NULL, fixture->database, edited);
  g_object_ref (editor);
  gtk_window_present (GTK_WINDOW (editor));
  g_signal_emit_by_name (template_child (editor, "anniversary_clear_button"), "clicked");
  g_clear_pointer (&uid, g_free);
  uid = save_and_wait (editor);
  g_object_unref (editor);
  g_clear_object (&edited);
  edited = reseau_database_load_contact (fixture->database, uid, &error);
  g_assert_no_error (error);
  g_assert_false (reseau_contact_get_anniversary (edited, NULL, NULL, NULL));
}

static void
test_sheet_role_anniversary (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *texts = NULL;
  g_autofree char *anniversary = NULL;
  GtkWidget *sheet = reseau_contact_sheet_new ();
  GtkWidget *window = gtk_window_new ();

  reseau_contact_set_full_name (contact, "Jeanne Moreau");
  reseau_contact_set_title (contact, "Directrice des achats");
  reseau_contact_set_role (contact, "Acheteuse");
  g_assert_true (reseau_contact_set_anniversary (contact, 2010, 6, 20));
  reseau_database_save_contact (fixture->database, contact, &error);
  g_assert_no_error (error);

  gtk_window_set_child (GTK_WINDOW (window), sheet);
  gtk_window_present (GTK_WINDOW (window));
  reseau_contact_sheet_set_database (RESEAU_CONTACT_SHEET (sheet), fixture->database);
  show_uid_and_wait (RESEAU_CONTACT_SHEET (sheet), reseau_contact_get_uid (contact));

  texts = widget_texts (sheet);
  assert_shows (texts, "Directrice des achats · Acheteuse");
  anniversary = format_date (2010, 6, 20, "%-e %B %Y");
  assert_shows (texts, anniversary);
  assert_shows (texts, "Anniversary");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Import dialog */

static GFile *
write_fixture (Fixture    *fixture,
               const char *name,
               const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

/* Élise twice (a problem at line 6), Hugo already known by his email (an
 * update: the card brings a phone), Inès new. */
#define NETWORK_VCF \
  "BEGIN:VCARD\nVERSION:3.0\nFN:Élise Garnier\nEMAIL:elise@garnier.example\nEND:VCARD\n" \
  "BEGIN:VCARD\nVERSION:3.0\nFN:Élise Garnier\nEMAIL:ELISE@garnier.example\nTEL:+33 6 00 00 00 07\nEND:VCARD\n" \
  "BEGIN:VCARD\nVERSION:3.0\nFN:Hugo Marchand\nEMAIL:hugo@marchand.example\nTEL:+33 6 11 22 33 44\nEND:VCARD\n" \
  "BEGIN:VCARD\nVERSION:4.0\nFN:Inès Robert\nN:Robert;Inès;;;\nEND:VCARD\n"

static guint
count_contacts (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = reseau_database_list_summaries (fixture->database, &error);

  g_assert_no_error (error);
  return summaries->len;
}

static void
save_hugo (Fixture *fixture)
{
  g_autoptr(ReseauContact) hugo = reseau_contact_new ();
  g_autoptr(GError) error = NULL;

  reseau_contact_set_full_name (hugo, "Hugo Marchand");
  reseau_contact_add_value (hugo, RESEAU_FIELD_EMAIL, NULL, "hugo@marchand.example");
  reseau_database_save_contact (fixture->database, hugo, &error);
  g_assert_no_error (error);
}

static ReseauImportDialog *
open_import_dialog (Fixture    *fixture,
                    GFile      *file,
                    const char *page)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  ReseauImportDialog *dialog;
  gboolean reached = FALSE;
  gulong handler;

  g_ptr_array_add (files, g_object_ref (file));
  dialog = reseau_import_dialog_new (NULL, fixture->database, files);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  handler = g_signal_connect_swapped (dialog, "notify::page", G_CALLBACK (set_flag), &reached);
  while (g_strcmp0 (reseau_import_dialog_get_page (dialog), page) != 0)
    {
      reached = FALSE;
      wait_for (&reached, page);
    }
  g_signal_handler_disconnect (dialog, handler);

  return dialog;
}

/* gtk_window_destroy() drops the toplevel's reference: with the test's own
 * reference still held, the window is gone from the toplevels but not
 * disposed, so "destroy" does not tell. */
static gboolean
is_open (gpointer window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_items = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (item == window)
        return TRUE;
    }

  return FALSE;
}

static void
wait_until_closed (gpointer    window,
                   const char *what)
{
  guint timeout_id = g_timeout_add_seconds (20, on_timeout, (gpointer) what);

  while (is_open (window))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
}

static gpointer
dialog_child (gpointer    dialog,
              const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog), RESEAU_TYPE_IMPORT_DIALOG, name);

  g_assert_nonnull (child);
  return child;
}

typedef struct
{
  gboolean done;
  guint    n_new;
  guint    n_updated;
} Imported;

static void
on_imported (ReseauImportDialog *dialog,
             guint               n_new,
             guint               n_updated,
             Imported           *imported)
{
  imported->done = TRUE;
  imported->n_new = n_new;
  imported->n_updated = n_updated;
}

static void
test_import_dialog_preview (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GFile) file = write_fixture (fixture, "network.vcf", NETWORK_VCF);
  g_autofree char *counts = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *problems = NULL;
  ReseauImportDialog *dialog;
  Imported imported = { FALSE, 0, 0 };

  save_hugo (fixture);
  dialog = open_import_dialog (fixture, file, "preview");

  counts = widget_texts (dialog_child (dialog, "counts_box"));
  g_assert_cmpstr (counts, ==, "2\nNew\n1\nUpdated\n0\nUnchanged\n1\nProblems\n");

  /* What changes is listed, with what matched what. */
  rows = widget_texts (dialog_child (dialog, "entries_list"));
  assert_shows (rows, "Élise Garnier\nNew contact\n");
  assert_shows (rows, "Hugo Marchand\nUpdate — Matched “Hugo Marchand” by email hugo@marchand.example\n");
  assert_shows (rows, "Inès Robert\nNew contact\n");

  problems = widget_texts (dialog_child (dialog, "problems_list"));
  assert_shows (problems, "network.vcf:6: ");
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "problems_group")));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "nothing_label")));

  /* Import writes, says how many, and closes. */
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), &imported);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_cmpstr (reseau_import_dialog_get_page (dialog), ==, "writing");
  wait_for (&imported.done, "the import");
  g_assert_cmpuint (imported.n_new, ==, 2);
  g_assert_cmpuint (imported.n_updated, ==, 1);
  g_assert_false (is_open (dialog));
  g_assert_cmpuint (count_contacts (fixture), ==, 3);
  g_object_unref (dialog);

  /* The same file again: nothing new, nothing to import. */
  dialog = open_import_dialog (fixture, file, "preview");
  g_clear_pointer (&counts, g_free);
  counts = widget_texts (dialog_child (dialog, "counts_box"));
  g_assert_cmpstr (counts, ==, "0\nNew\n0\nUpdated\n3\nUnchanged\n1\nProblems\n");
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "nothing_label")));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "entries_group")));
  g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, "import_button")));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* The window's drop target, wherever it sits in the window. */
static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropTarget *target = find_drop_target (child);

      if (target != NULL)
        return target;
    }

  return NULL;
}

static ReseauImportDialog *
find_import_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (RESEAU_IS_IMPORT_DIALOG (window))
        return RESEAU_IMPORT_DIALOG (window);
    }

  return NULL;
}

/* Files dropped on the window (as from a file manager) open the import's
 * preview, as the Import… button does, and import from there; a drop
 * while the database cannot be used is refused. */
static void
test_window_drop_imports (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = write_fixture (fixture, "network.vcf", NETWORK_VCF);
  g_autoptr(GtkApplication) application = gtk_application_new ("org.example.Reseau.DropTest",
                                                               G_APPLICATION_NON_UNIQUE);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  Imported imported = { FALSE, 0, 0 };
  ReseauImportDialog *dialog = NULL;
  GtkDropTarget *target;
  ReseauWindow *window;
  GdkDragAction action;
  gboolean accepted = FALSE;

  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  window = reseau_window_new (application, FALSE);
  target = find_drop_target (GTK_WIDGET (window));
  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));

  /* No database yet (it is still opening, or failed): no drop. */
  g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
  g_assert_cmpint (action, ==, 0);

  reseau_window_set_database (window, fixture->database);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_COPY);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);

  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  while (g_strcmp0 (reseau_import_dialog_get_page (dialog), "preview") != 0)
    g_main_context_iteration (NULL, TRUE);

  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), &imported);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  wait_for (&imported.done, "the import");
  g_assert_cmpuint (imported.n_new, ==, 3);
  g_assert_cmpuint (count_contacts (fixture), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GFile *
write_many_cards (Fixture *fixture,
                  guint    n_cards)
{
  g_autoptr(GString) cards = g_string_new (NULL);

  for (guint i = 0; i < n_cards; i++)
    g_string_append_printf (cards,
                            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:many-%u\r\n"
                            "FN:Contact %u\r\nEMAIL:contact%u@many.example\r\nEND:VCARD\r\n",
                            i, i, i);

  return write_fixture (fixture, "many.vcf", cards->str);
}

static void
test_import_dialog_cancel (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = write_fixture (fixture, "network.vcf", NETWORK_VCF);
  ReseauImportDialog *dialog;
  Imported imported = { FALSE, 0, 0 };

  save_hugo (fixture);

  /* Cancel on the preview: closed, nothing written. */
  dialog = open_import_dialog (fixture, file, "preview");
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), &imported);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  g_assert_false (is_open (dialog));
  g_object_unref (dialog);
  g_assert_false (imported.done);
  g_assert_cmpuint (count_contacts (fixture), ==, 1);

  /* Cancel while writing: the dialog stays until the import has rolled
   * back, then closes with nothing written. Enough cards that the writer
   * is still at work when Cancel comes. */
  g_clear_object (&file);
  file = write_many_cards (fixture, 3000);
  dialog = open_import_dialog (fixture, file, "preview");
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), &imported);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  g_assert_true (is_open (dialog));
  g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "writing_label")), ==, "Cancelling…");
  wait_until_closed (dialog, "the cancelled import to close the dialog");
  g_object_unref (dialog);
  g_assert_false (imported.done);
  g_assert_cmpuint (count_contacts (fixture), ==, 1);
}

typedef struct
{
  gint64 last;
  gint64 longest;
  guint  ticks;
} Ticks;

static gboolean
on_tick (gpointer user_data)
{
  Ticks *ticks = user_data;
  gint64 now = g_get_monotonic_time ();

  if (ticks->last != 0)
    ticks->longest = MAX (ticks->longest, now - ticks->last);
  ticks->last = now;
  ticks->ticks++;

  return G_SOURCE_CONTINUE;
}

static void
on_read_progress (GtkProgressBar *bar,
                  GParamSpec     *pspec,
                  gboolean       *moved)
{
  double fraction = gtk_progress_bar_get_fraction (bar);

  if (fraction > 0.0 && fraction < 1.0)
    *moved = TRUE;
}

/* Reading a big file happens off the main thread: the window keeps
 * drawing and the progress bar moves meanwhile. */
static void
test_import_dialog_responsive (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GFile) file = write_many_cards (fixture, 30000);
  Ticks ticks = { 0, 0, 0 };
  gboolean moved = FALSE;
  ReseauImportDialog *dialog;
  guint tick_id;
  GtkProgressBar *bar;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean reached = FALSE;
  gulong handler;

  g_ptr_array_add (files, g_object_ref (file));
  tick_id = g_timeout_add (10, on_tick, &ticks);
  dialog = reseau_import_dialog_new (NULL, fixture->database, files);
  g_object_ref (dialog);
  bar = dialog_child (dialog, "read_progress");
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (on_read_progress), &moved);
  gtk_window_present (GTK_WINDOW (dialog));

  handler = g_signal_connect_swapped (dialog, "notify::page", G_CALLBACK (set_flag), &reached);
  while (g_strcmp0 (reseau_import_dialog_get_page (dialog), "preview") != 0)
    {
      reached = FALSE;
      wait_for (&reached, "the preview of a big file");
    }
  g_signal_handler_disconnect (dialog, handler);
  g_source_remove (tick_id);

  g_test_message ("%u ticks while reading, longest gap %" G_GINT64_FORMAT " ms",
                  ticks.ticks, ticks.longest / 1000);
  g_assert_true (moved);
  /* The main loop kept turning while the file was read: the read never
   * held it for the whole file. How long its longest gap was is reported
   * above, not asserted: that depends on the machine. */
  g_assert_cmpuint (ticks.ticks, >, 5);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_import_dialog_error (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = write_fixture (fixture, "notes.txt", "Just some notes,\nnot contacts at all.\n");
  g_autoptr(GFile) missing = g_file_new_build_filename (fixture->dir, "missing.vcf", NULL);
  AdwStatusPage *page;
  ReseauImportDialog *dialog;

  dialog = open_import_dialog (fixture, file, "error");
  page = dialog_child (dialog, "error_page");
  g_assert_nonnull (adw_status_page_get_description (page));
  g_assert_cmpstr (adw_status_page_get_description (page), !=, "");
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "import_button")));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  dialog = open_import_dialog (fixture, missing, "error");
  page = dialog_child (dialog, "error_page");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "missing.vcf"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* Duplicates and merging */

static ReseauContact *
save_contact_with (Fixture    *fixture,
                   const char *name,
                   const char *email,
                   const char *phone,
                   const char *organization)
{
  ReseauContact *contact = reseau_contact_new ();
  g_autoptr(GError) error = NULL;

  reseau_contact_set_full_name (contact, name);
  if (email != NULL)
    reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, "work", email);
  if (phone != NULL)
    reseau_contact_add_value (contact, RESEAU_FIELD_PHONE, "cell", phone);
  reseau_contact_set_organization (contact, organization);
  reseau_database_save_contact (fixture->database, contact, &error);
  g_assert_no_error (error);

  return contact;
}

static void
test_merge_view (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ReseauContact) first = save_contact_with (fixture, "Anne Martin", "anne@martin.example",
                                                      NULL, "Atelier Martin");
  g_autoptr(ReseauContact) second = save_contact_with (fixture, "A. Martin", "anne@martin.example",
                                                       "+33 6 55 44 33 22", NULL);
  GtkWidget *view = reseau_merge_view_new ();
  GtkWidget *window = gtk_window_new ();
  g_autofree char *texts = NULL;

  reseau_contact_add_tag (second, "client");
  reseau_contact_set_note (first, "Préfère les appels le matin.");

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (reseau_merge_view_get_keep (RESEAU_MERGE_VIEW (view)));

  reseau_merge_view_set_contacts (RESEAU_MERGE_VIEW (view), first, second);
  texts = widget_texts (view);
  assert_shows (texts, "Anne Martin");
  assert_shows (texts, "A. Martin");
  assert_shows (texts, "Atelier Martin");
  assert_shows (texts, "anne@martin.example (work)");
  assert_shows (texts, "+33 6 55 44 33 22 (cell)");
  assert_shows (texts, "client");
  assert_shows (texts, "Préfère les appels le matin.");
  /* A field neither has gets no row. */
  g_assert_null (strstr (texts, "Anniversary"));

  g_assert_true (reseau_merge_view_get_keep (RESEAU_MERGE_VIEW (view)) == first);
  g_assert_true (reseau_merge_view_get_other (RESEAU_MERGE_VIEW (view)) == second);
  reseau_merge_view_set_keep_second (RESEAU_MERGE_VIEW (view), TRUE);
  g_assert_true (reseau_merge_view_get_keep (RESEAU_MERGE_VIEW (view)) == second);
  g_assert_true (reseau_merge_view_get_other (RESEAU_MERGE_VIEW (view)) == first);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
wait_for_page (ReseauDuplicatesWindow *window,
               const char             *page)
{
  gboolean reached = FALSE;
  gulong handler = g_signal_connect_swapped (window, "notify::page", G_CALLBACK (set_flag), &reached);

  while (g_strcmp0 (reseau_duplicates_window_get_page (window), page) != 0)
    {
      reached = FALSE;
      wait_for (&reached, page);
    }
  g_signal_handler_disconnect (window, handler);
}

static void
on_undo_offered (ReseauDuplicatesWindow *window,
                 AdwToast               *toast,
                 AdwToast              **offered)
{
  g_set_object (offered, toast);
}

static void
test_duplicates_merge_and_undo (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(ReseauContact) first = save_contact_with (fixture, "Anne Martin", "anne@martin.example",
                                                      NULL, "Atelier Martin");
  g_autoptr(ReseauContact) second = save_contact_with (fixture, "A. Martin", "ANNE@martin.example",
                                                       "+33 6 55 44 33 22", NULL);
  g_autoptr(ReseauContact) lone = save_contact_with (fixture, "Zoé Petit", "zoe@petit.example", NULL, NULL);
  g_autoptr(ReseauContact) merged = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *texts = NULL;
  ReseauDuplicatesWindow *window;
  GtkListBox *pairs;
  GtkListBoxRow *row;
  guint changes = 0;
  gboolean changed = FALSE;

  window = reseau_duplicates_window_new (NULL, fixture->database);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect_swapped (window, "contacts-changed", G_CALLBACK (set_flag), &changed);
  g_signal_connect (window, "undo-offered", G_CALLBACK (on_undo_offered), &toast);

  wait_for_page (window, "list");
  pairs = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (window), RESEAU_TYPE_DUPLICATES_WINDOW, "pairs_list"));
  texts = widget_texts (GTK_WIDGET (pairs));
  assert_shows (texts, "Anne Martin and A. Martin\n");
  assert_shows (texts, "anne@martin.example");
  g_assert_null (strstr (texts, "Zoé"));
  row = gtk_list_box_get_row_at_index (pairs, 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (pairs, 1));

  /* The pair side by side, then merged into the first. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (row)));
  wait_for_page (window, "merge");
  g_clear_pointer (&texts, g_free);
  texts = widget_texts (GTK_WIDGET (window));
  assert_shows (texts, "Atelier Martin");
  assert_shows (texts, "+33 6 55 44 33 22 (cell)");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "duplicates.merge", NULL));
  wait_for (&changed, "the merge");
  changes++;
  g_assert_cmpstr (reseau_duplicates_window_get_page (window), ==, "empty");
  g_assert_cmpuint (count_contacts (fixture), ==, 2);
  merged = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (first), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_organization (merged), ==, "Atelier Martin");
  g_assert_cmpuint (reseau_contact_get_values (merged, RESEAU_FIELD_PHONE)->len, ==, 1);
  g_assert_nonnull (toast);

  /* Undo brings both back as they were, and the pair with them. */
  changed = FALSE;
  g_signal_emit_by_name (toast, "button-clicked");
  wait_for (&changed, "the undo");
  changes++;
  wait_for_page (window, "list");
  g_assert_cmpuint (count_contacts (fixture), ==, 3);
  g_clear_object (&merged);
  merged = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (first), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reseau_contact_get_values (merged, RESEAU_FIELD_PHONE)->len, ==, 0);
  g_assert_cmpuint (changes, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

static void
test_duplicates_empty (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ReseauContact) first = save_contact_with (fixture, "Anne Martin", "anne@martin.example", NULL, NULL);
  g_autoptr(ReseauContact) second = save_contact_with (fixture, "Zoé Petit", "zoe@petit.example", NULL, NULL);
  ReseauDuplicatesWindow *window;

  window = reseau_duplicates_window_new (NULL, fixture->database);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_page (window, "empty");

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it also empties XDG_DATA_DIRS, where
   * the MIME database lives, and GTK then cannot tell an SVG icon is an
   * SVG. Each test gets its own database folder instead (see the fixture). */
  /* Software GL (llvmpipe under Xvfb) compiles shaders on first use and
   * would swamp what the big-note test reports; GL is not what is tested. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/sheet/every-field", test_sheet_shows_every_field);
  ADD ("/ui/sheet/missing-contact", test_sheet_missing_contact);
  ADD ("/ui/sheet/big-note", test_sheet_big_note);
  ADD ("/ui/editor/round-trip", test_editor_round_trip);
  ADD ("/ui/editor/keeps-other-fields", test_editor_keeps_other_fields);
  ADD ("/ui/editor/refuses-empty", test_editor_refuses_empty);
  ADD ("/ui/editor/refuses-bad-dates", test_editor_refuses_bad_dates);
  ADD ("/ui/editor/asks-before-discarding", test_editor_asks_before_discarding);
  ADD ("/ui/editor/tag-suggestions", test_editor_tag_suggestions);
  ADD ("/ui/editor/role-anniversary", test_editor_role_anniversary);
  ADD ("/ui/sheet/role-anniversary", test_sheet_role_anniversary);
  ADD ("/ui/import-dialog/preview", test_import_dialog_preview);
  ADD ("/ui/import-dialog/cancel", test_import_dialog_cancel);
  ADD ("/ui/import-dialog/error", test_import_dialog_error);
  ADD ("/ui/import-dialog/responsive", test_import_dialog_responsive);
  ADD ("/ui/window/drop-imports", test_window_drop_imports);
  ADD ("/ui/merge-view/both-contacts", test_merge_view);
  ADD ("/ui/duplicates/merge-and-undo", test_duplicates_merge_and_undo);
  ADD ("/ui/duplicates/empty", test_duplicates_empty);
  ADD ("/ui/picker/name", test_picker);
  ADD ("/ui/picker/popover", test_picker_popover);

  return g_test_run ();
}
