/* test-database-events.c — one event: load, update, delete with Undo,
 * attendees removed
 *
 * Against a real database in a temporary folder, with three contacts
 * (Anne, Bruno, Chloé) and one event, "Apéro freelances", held on 12
 * November 2026 at La Cantine, which Anne attended and where I met Bruno.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reseau-core.h"
#include "reseau-test-utils.h"

#define ANNE  "urn:uuid:5d1c0e2a-7a51-4f0e-9d7c-0e7e5e0a0001"
#define BRUNO "urn:uuid:5d1c0e2a-7a51-4f0e-9d7c-0e7e5e0a0002"
#define CHLOE "urn:uuid:5d1c0e2a-7a51-4f0e-9d7c-0e7e5e0a0003"

typedef struct
{
  char           *dir;
  ReseauDatabase *database;
  gint64          event_id;
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
  g_autoptr(ReseauEvent) event = NULL;
  GDate day;

  fixture->dir = reseau_test_make_temp_dir ();
  path = g_build_filename (fixture->dir, "reseau.db", NULL);
  fixture->database = reseau_database_new (path);
  g_assert_true (reseau_database_open (fixture->database, &error));
  g_assert_no_error (error);

  save_contact (fixture->database, ANNE, "Anne Martin");
  save_contact (fixture->database, BRUNO, "Bruno Petit");
  save_contact (fixture->database, CHLOE, "Chloé Durand");

  g_assert_true (reseau_date_from_string ("2026-11-12", &day));
  event = reseau_event_new ("Apéro freelances", &day);
  event->place = g_strdup ("La Cantine, Nantes");
  event->format = RESEAU_EVENT_COWORKING;
  event->theme = g_strdup ("Prospection");
  event->note = g_strdup ("Bring cards");
  g_assert_true (reseau_database_add_event (fixture->database, event, &error));
  g_assert_no_error (error);
  fixture->event_id = event->id;

  g_assert_true (reseau_database_add_attendee (fixture->database, event->id, ANNE, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (reseau_database_add_attendee (fixture->database, event->id, BRUNO, TRUE, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  reseau_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static ReseauEventDetails *
details_of (Fixture *fixture,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  ReseauEventDetails *details = reseau_database_load_event_details (fixture->database, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (details);
  return details;
}

static const ReseauAttendee *
find_attendee (GPtrArray  *attendees,
               const char *uid)
{
  for (guint i = 0; i < attendees->len; i++)
    {
      const ReseauAttendee *attendee = g_ptr_array_index (attendees, i);

      if (g_strcmp0 (attendee->contact_uid, uid) == 0)
        return attendee;
    }

  return NULL;
}

static guint
count_events (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = reseau_database_list_events (fixture->database, &error);

  g_assert_no_error (error);
  return events->len;
}

/* The async calls, through the main loop. */

typedef struct
{
  GAsyncResult *result;
} Waiter;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Waiter *waiter)
{
  while (waiter->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return waiter->result;
}

static void
trash_contact (Fixture    *fixture,
               const char *uid)
{
  g_autoptr(GError) error = NULL;
  Waiter waiter = { NULL };

  reseau_database_trash_contact_async (fixture->database, uid, NULL, on_done, &waiter);
  g_assert_true (reseau_database_trash_contact_finish (fixture->database, wait_result (&waiter), &error));
  g_clear_object (&waiter.result);
  g_assert_no_error (error);
}

/* Tests ----------------------------------------------------------------------- */

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(ReseauEventDetails) details = NULL;
  g_autoptr(GError) error = NULL;

  event = reseau_database_load_event (fixture->database, fixture->event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (event->id, ==, fixture->event_id);
  g_assert_cmpstr (event->name, ==, "Apéro freelances");
  g_assert_cmpstr (event->held_on, ==, "2026-11-12");
  g_assert_cmpstr (event->place, ==, "La Cantine, Nantes");
  g_assert_null (event->link);
  g_assert_cmpint (event->format, ==, RESEAU_EVENT_COWORKING);
  g_assert_cmpstr (event->theme, ==, "Prospection");
  g_assert_cmpstr (event->note, ==, "Bring cards");

  /* The attendees by name, with who I met there. */
  details = details_of (fixture, fixture->event_id);
  g_assert_cmpstr (details->event->name, ==, "Apéro freelances");
  g_assert_cmpuint (details->attendees->len, ==, 2);
  g_assert_cmpstr (((ReseauAttendee *) details->attendees->pdata[0])->display_name, ==, "Anne Martin");
  g_assert_false (((ReseauAttendee *) details->attendees->pdata[0])->met_there);
  g_assert_cmpstr (((ReseauAttendee *) details->attendees->pdata[1])->display_name, ==, "Bruno Petit");
  g_assert_true (((ReseauAttendee *) details->attendees->pdata[1])->met_there);
}

static void
test_summaries (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ReseauEvent) older = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;
  const ReseauEventSummary *summary;
  GDate day;

  g_assert_true (reseau_date_from_string ("2026-10-01", &day));
  older = reseau_event_new ("Petit-déjeuner coworking", &day);
  g_assert_true (reseau_database_save_event (fixture->database, older, &error));
  g_assert_no_error (error);

  /* Newest first, with the attendees counted. */
  summaries = reseau_database_list_event_summaries (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 2);
  summary = g_ptr_array_index (summaries, 0);
  g_assert_cmpint (summary->event->id, ==, fixture->event_id);
  g_assert_cmpstr (summary->event->place, ==, "La Cantine, Nantes");
  g_assert_cmpuint (summary->n_attendees, ==, 2);
  g_assert_cmpuint (summary->n_met, ==, 1);
  summary = g_ptr_array_index (summaries, 1);
  g_assert_cmpstr (summary->event->name, ==, "Petit-déjeuner coworking");
  g_assert_cmpuint (summary->n_attendees, ==, 0);
  g_clear_pointer (&summaries, g_ptr_array_unref);

  /* A contact in the trash is not counted. */
  trash_contact (fixture, BRUNO);
  summaries = reseau_database_list_event_summaries (fixture->database, &error);
  g_assert_no_error (error);
  summary = g_ptr_array_index (summaries, 0);
  g_assert_cmpuint (summary->n_attendees, ==, 1);
  g_assert_cmpuint (summary->n_met, ==, 0);
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(ReseauEvent) loaded = NULL;
  g_autoptr(ReseauEventDetails) details = NULL;
  g_autoptr(GError) error = NULL;

  event = reseau_database_load_event (fixture->database, fixture->event_id, &error);
  g_assert_no_error (error);

  g_free (event->name);
  event->name = g_strdup ("  Apéro freelances de novembre ");
  g_free (event->held_on);
  event->held_on = g_strdup ("2026-11-13");
  g_clear_pointer (&event->place, g_free);
  event->link = g_strdup ("https://meet.example.org/apero");
  event->format = RESEAU_EVENT_ONLINE;
  g_clear_pointer (&event->theme, g_free);
  g_free (event->note);
  event->note = g_strdup ("Moved online");
  g_assert_true (reseau_database_update_event (fixture->database, event, &error));
  g_assert_no_error (error);

  loaded = reseau_database_load_event (fixture->database, fixture->event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Apéro freelances de novembre");
  g_assert_cmpstr (loaded->held_on, ==, "2026-11-13");
  g_assert_null (loaded->place);
  g_assert_cmpstr (loaded->link, ==, "https://meet.example.org/apero");
  g_assert_cmpint (loaded->format, ==, RESEAU_EVENT_ONLINE);
  g_assert_null (loaded->theme);
  g_assert_cmpstr (loaded->note, ==, "Moved online");

  /* The attendees stay, and there is still one event. */
  details = details_of (fixture, fixture->event_id);
  g_assert_cmpuint (details->attendees->len, ==, 2);
  g_assert_cmpuint (count_events (fixture), ==, 1);
}

static void
test_update_invalid (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(ReseauEvent) loaded = NULL;
  g_autoptr(GError) error = NULL;

  event = reseau_database_load_event (fixture->database, fixture->event_id, &error);
  g_assert_no_error (error);

  /* A blank name. */
  g_free (event->name);
  event->name = g_strdup ("   ");
  g_assert_false (reseau_database_update_event (fixture->database, event, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  /* A day that is not one. */
  g_free (event->name);
  event->name = g_strdup ("Apéro");
  g_free (event->held_on);
  event->held_on = g_strdup ("2026-02-30");
  g_assert_false (reseau_database_update_event (fixture->database, event, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  /* Nothing was written. */
  loaded = reseau_database_load_event (fixture->database, fixture->event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Apéro freelances");
  g_assert_cmpstr (loaded->held_on, ==, "2026-11-12");
}

static void
test_save_inserts (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(ReseauEvent) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GDate day;

  g_assert_true (reseau_date_from_string ("2026-12-01", &day));
  event = reseau_event_new ("Meetup Rust", &day);
  event->format = RESEAU_EVENT_IN_PERSON;
  g_assert_true (reseau_database_save_event (fixture->database, event, &error));
  g_assert_no_error (error);
  g_assert_cmpint (event->id, >, 0);
  g_assert_cmpint (event->id, !=, fixture->event_id);

  loaded = reseau_database_load_event (fixture->database, event->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Meetup Rust");
  g_assert_cmpuint (count_events (fixture), ==, 2);
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ReseauDeletedEvent) deleted = NULL;
  g_autoptr(ReseauEventDetails) details = NULL;
  g_autoptr(ReseauEvent) gone = NULL;
  g_autoptr(ReseauMandate) mandate = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GPtrArray) mandates = NULL;
  g_autoptr(GError) error = NULL;
  GDate day;
  gint64 id;

  /* A mandate that came from the event. */
  g_assert_true (reseau_date_from_string ("2026-11-20", &day));
  mandate = reseau_mandate_new ("Site vitrine", RESEAU_MANDATE_FROM_EVENT, &day);
  mandate->event_id = fixture->event_id;
  g_assert_true (reseau_database_add_mandate (fixture->database, mandate, &error));
  g_assert_no_error (error);

  deleted = reseau_database_delete_event (fixture->database, fixture->event_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_cmpstr (reseau_deleted_event_get_event (deleted)->name, ==, "Apéro freelances");
  g_assert_cmpuint (reseau_deleted_event_get_n_attendees (deleted), ==, 2);

  /* Gone: not listed, not loadable, no attendees, the mandate unlinked. */
  g_assert_cmpuint (count_events (fixture), ==, 0);
  gone = reseau_database_load_event (fixture->database, fixture->event_id, &error);
  g_assert_null (gone);
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  attendees = reseau_database_list_attendees (fixture->database, fixture->event_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, 0);
  mandates = reseau_database_list_mandates (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mandates->len, ==, 1);
  g_assert_cmpint (((ReseauMandate *) mandates->pdata[0])->event_id, ==, 0);
  g_clear_pointer (&mandates, g_ptr_array_unref);

  /* Undo: back as it was, under its own id. */
  id = reseau_database_restore_event (fixture->database, deleted, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, fixture->event_id);

  details = details_of (fixture, id);
  g_assert_cmpstr (details->event->name, ==, "Apéro freelances");
  g_assert_cmpstr (details->event->held_on, ==, "2026-11-12");
  g_assert_cmpstr (details->event->place, ==, "La Cantine, Nantes");
  g_assert_cmpint (details->event->format, ==, RESEAU_EVENT_COWORKING);
  g_assert_cmpstr (details->event->theme, ==, "Prospection");
  g_assert_cmpstr (details->event->note, ==, "Bring cards");
  g_assert_cmpuint (details->attendees->len, ==, 2);
  g_assert_false (find_attendee (details->attendees, ANNE)->met_there);
  g_assert_true (find_attendee (details->attendees, BRUNO)->met_there);
  g_assert_cmpuint (count_events (fixture), ==, 1);

  mandates = reseau_database_list_mandates (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((ReseauMandate *) mandates->pdata[0])->event_id, ==, fixture->event_id);
}

/* A new event took the deleted one's id before Undo: the restored event
 * gets another id, and neither loses anything. */
static void
test_undo_after_id_taken (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ReseauDeletedEvent) deleted = NULL;
  g_autoptr(ReseauEventDetails) restored = NULL;
  g_autoptr(ReseauEventDetails) newer = NULL;
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  GDate day;
  gint64 id;

  deleted = reseau_database_delete_event (fixture->database, fixture->event_id, &error);
  g_assert_no_error (error);

  g_assert_true (reseau_date_from_string ("2026-12-03", &day));
  event = reseau_event_new ("Salon du freelance", &day);
  g_assert_true (reseau_database_save_event (fixture->database, event, &error));
  g_assert_no_error (error);
  g_assert_cmpint (event->id, ==, fixture->event_id);
  g_assert_true (reseau_database_set_attendee (fixture->database, event->id, CHLOE, TRUE, &error));
  g_assert_no_error (error);

  id = reseau_database_restore_event (fixture->database, deleted, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (id, !=, event->id);

  restored = details_of (fixture, id);
  g_assert_cmpstr (restored->event->name, ==, "Apéro freelances");
  g_assert_cmpuint (restored->attendees->len, ==, 2);
  g_assert_nonnull (find_attendee (restored->attendees, ANNE));
  g_assert_nonnull (find_attendee (restored->attendees, BRUNO));

  newer = details_of (fixture, event->id);
  g_assert_cmpstr (newer->event->name, ==, "Salon du freelance");
  g_assert_cmpuint (newer->attendees->len, ==, 1);
  g_assert_nonnull (find_attendee (newer->attendees, CHLOE));
  g_assert_cmpuint (count_events (fixture), ==, 2);
}

static void
test_remove_attendee (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ReseauEventDetails) details = NULL;
  g_autoptr(ReseauContact) anne = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (reseau_database_remove_attendee (fixture->database, fixture->event_id, ANNE, &error));
  g_assert_no_error (error);

  details = details_of (fixture, fixture->event_id);
  g_assert_cmpuint (details->attendees->len, ==, 1);
  g_assert_null (find_attendee (details->attendees, ANNE));
  g_assert_nonnull (find_attendee (details->attendees, BRUNO));

  /* The contact herself stays. */
  anne = reseau_database_load_contact (fixture->database, ANNE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_display_name (anne), ==, "Anne Martin");

  /* Removing her again: she is not on the list any more. */
  g_assert_false (reseau_database_remove_attendee (fixture->database, fixture->event_id, ANNE, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Chloé never was. */
  g_assert_false (reseau_database_remove_attendee (fixture->database, fixture->event_id, CHLOE, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
}

static void
test_set_attendee (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ReseauEventDetails) details = NULL;
  g_autoptr(GError) error = NULL;

  /* Added, then marked as met there; never twice. */
  g_assert_true (reseau_database_set_attendee (fixture->database, fixture->event_id, CHLOE, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (reseau_database_set_attendee (fixture->database, fixture->event_id, CHLOE, TRUE, &error));
  g_assert_no_error (error);

  details = details_of (fixture, fixture->event_id);
  g_assert_cmpuint (details->attendees->len, ==, 3);
  g_assert_true (find_attendee (details->attendees, CHLOE)->met_there);
}

static void
test_unknown_ids (Fixture       *fixture,
                  gconstpointer  data)
{
  const gint64 unknown = fixture->event_id + 1000;
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(ReseauEventDetails) details = NULL;
  g_autoptr(ReseauDeletedEvent) deleted = NULL;
  g_autoptr(GError) error = NULL;

  event = reseau_database_load_event (fixture->database, unknown, &error);
  g_assert_null (event);
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  details = reseau_database_load_event_details (fixture->database, unknown, &error);
  g_assert_null (details);
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  event = reseau_database_load_event (fixture->database, fixture->event_id, &error);
  g_assert_no_error (error);
  event->id = unknown;
  g_assert_false (reseau_database_update_event (fixture->database, event, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Saving with an unknown id does not insert either. */
  g_assert_false (reseau_database_save_event (fixture->database, event, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_events (fixture), ==, 1);

  deleted = reseau_database_delete_event (fixture->database, unknown, &error);
  g_assert_null (deleted);
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (reseau_database_remove_attendee (fixture->database, unknown, ANNE, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (reseau_database_remove_attendee (fixture->database, fixture->event_id,
                                                   "urn:uuid:nobody", &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (reseau_database_set_attendee (fixture->database, unknown, ANNE, TRUE, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (reseau_database_set_attendee (fixture->database, fixture->event_id,
                                                "urn:uuid:nobody", TRUE, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ReseauEventDetails) details = NULL;
  g_autoptr(ReseauDeletedEvent) deleted = NULL;
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  Waiter waiter = { NULL };
  gint64 id;

  reseau_database_load_event_details_async (fixture->database, fixture->event_id, NULL, on_done, &waiter);
  details = reseau_database_load_event_details_finish (fixture->database, wait_result (&waiter), &error);
  g_clear_object (&waiter.result);
  g_assert_no_error (error);
  g_assert_cmpuint (details->attendees->len, ==, 2);

  reseau_database_remove_attendee_async (fixture->database, fixture->event_id, ANNE, NULL, on_done, &waiter);
  g_assert_true (reseau_database_remove_attendee_finish (fixture->database, wait_result (&waiter), &error));
  g_clear_object (&waiter.result);
  g_assert_no_error (error);

  reseau_database_set_attendee_async (fixture->database, fixture->event_id, CHLOE, TRUE, NULL, on_done, &waiter);
  g_assert_true (reseau_database_set_attendee_finish (fixture->database, wait_result (&waiter), &error));
  g_clear_object (&waiter.result);
  g_assert_no_error (error);

  reseau_database_delete_event_async (fixture->database, fixture->event_id, NULL, on_done, &waiter);
  deleted = reseau_database_delete_event_finish (fixture->database, wait_result (&waiter), &error);
  g_clear_object (&waiter.result);
  g_assert_no_error (error);
  g_assert_cmpuint (reseau_deleted_event_get_n_attendees (deleted), ==, 2);
  g_assert_cmpuint (count_events (fixture), ==, 0);

  reseau_database_restore_event_async (fixture->database, deleted, NULL, on_done, &waiter);
  /* The call copied what it needs. */
  g_clear_pointer (&deleted, reseau_deleted_event_free);
  id = reseau_database_restore_event_finish (fixture->database, wait_result (&waiter), &error);
  g_clear_object (&waiter.result);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, fixture->event_id);

  g_clear_pointer (&details, reseau_event_details_free);
  details = details_of (fixture, id);
  g_assert_cmpuint (details->attendees->len, ==, 2);
  g_assert_nonnull (find_attendee (details->attendees, BRUNO));
  g_assert_nonnull (find_attendee (details->attendees, CHLOE));
  g_assert_null (find_attendee (details->attendees, ANNE));

  event = reseau_database_load_event (fixture->database, id, &error);
  g_assert_no_error (error);
  g_free (event->theme);
  event->theme = g_strdup ("Réseau");
  reseau_database_save_event_async (fixture->database, event, NULL, on_done, &waiter);
  g_assert_true (reseau_database_save_event_finish (fixture->database, wait_result (&waiter), &error));
  g_clear_object (&waiter.result);
  g_assert_no_error (error);

  g_clear_pointer (&event, reseau_event_free);
  reseau_database_load_event_async (fixture->database, id, NULL, on_done, &waiter);
  event = reseau_database_load_event_finish (fixture->database, wait_result (&waiter), &error);
  g_clear_object (&waiter.result);
  g_assert_no_error (error);
  g_assert_cmpstr (event->theme, ==, "Réseau");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/database-events/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("load", test_load);
  ADD ("summaries", test_summaries);
  ADD ("update", test_update);
  ADD ("update-invalid", test_update_invalid);
  ADD ("save-inserts", test_save_inserts);
  ADD ("delete-and-undo", test_delete_and_undo);
  ADD ("undo-after-id-taken", test_undo_after_id_taken);
  ADD ("remove-attendee", test_remove_attendee);
  ADD ("set-attendee", test_set_attendee);
  ADD ("unknown-ids", test_unknown_ids);
  ADD ("async", test_async);

#undef ADD

  return g_test_run ();
}
