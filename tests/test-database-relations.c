/* test-database-relations.c — interactions, follow-ups, referrals, events
 *
 * Against a real database in a temporary folder, with a fixed "today"
 * (Wednesday 18 November 2026) and a few contacts: Anne (tag Client),
 * Bruno (tag Partner), Chloé (her own cadence of 10 days, so always in
 * the follow-ups) and Dana (no tag, met on 1 November). Tags have no
 * cadence until a test gives them one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-core.h"
#include "reseau-test-utils.h"

#define ANNE  "urn:uuid:0b6e0f7c-3a39-4c39-9d58-a1a2b7b5e001"
#define BRUNO "urn:uuid:0b6e0f7c-3a39-4c39-9d58-a1a2b7b5e002"
#define CHLOE "urn:uuid:0b6e0f7c-3a39-4c39-9d58-a1a2b7b5e003"
#define DANA  "urn:uuid:0b6e0f7c-3a39-4c39-9d58-a1a2b7b5e004"

typedef struct
{
  char           *dir;
  ReseauDatabase *database;
  GDate           today;
} Fixture;

static GDate
day (const char *text)
{
  GDate date;

  g_assert_true (reseau_date_from_string (text, &date));
  return date;
}

static void
save_contact (ReseauDatabase *database,
              const char     *uid,
              const char     *name,
              const char     *tag,
              guint           cadence,
              const char     *met_on)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(GError) error = NULL;

  reseau_contact_set_uid (contact, uid);
  reseau_contact_set_full_name (contact, name);
  if (tag != NULL)
    reseau_contact_add_tag (contact, tag);
  reseau_contact_set_cadence_days (contact, cadence);
  reseau_contact_set_met_on (contact, met_on);
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
  fixture->today = day ("2026-11-18");

  save_contact (fixture->database, ANNE, "Anne Martin", "Client", 0, "2025-01-01");
  save_contact (fixture->database, BRUNO, "Bruno Petit", "Partner", 0, "2025-01-01");
  save_contact (fixture->database, CHLOE, "Chloé Durand", NULL, 10, "2025-01-01");
  save_contact (fixture->database, DANA, "Dana Weiss", NULL, 0, "2026-11-01");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  reseau_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Logs an interaction at noon (local) on a day; returns its id. */
static gint64
log_interaction (Fixture                *fixture,
                 const char             *on,
                 ReseauInteractionKind   kind,
                 ReseauDirection         direction,
                 const char             *note,
                 const char             *first_uid,
                 ...)
{
  g_autoptr(ReseauInteraction) interaction = reseau_interaction_new ();
  g_autoptr(GError) error = NULL;
  GDate date = day (on);
  va_list args;

  reseau_interaction_set_day (interaction, &date, NULL);
  interaction->kind = kind;
  interaction->direction = direction;
  interaction->note = g_strdup (note);
  va_start (args, first_uid);
  for (const char *uid = first_uid; uid != NULL; uid = va_arg (args, const char *))
    reseau_interaction_add_participant (interaction, uid);
  va_end (args);

  g_assert_true (reseau_database_save_interaction (fixture->database, interaction, &error));
  g_assert_no_error (error);
  g_assert_cmpint (interaction->id, >, 0);

  return interaction->id;
}

static GPtrArray *
timeline (Fixture                    *fixture,
          const ReseauTimelineFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = reseau_database_timeline_page (fixture->database, filter, 0, 0, 1000, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static GPtrArray *
followups (Fixture *fixture,
           guint    default_cadence)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = reseau_database_list_followups (fixture->database, &fixture->today,
                                                    default_cadence, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

/* The row of that reason for that contact, or NULL. */
static ReseauFollowup *
find_row (GPtrArray            *rows,
          const char           *uid,
          ReseauFollowupReason  reason)
{
  for (guint i = 0; i < rows->len; i++)
    {
      ReseauFollowup *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->contact_uid, uid) == 0 && row->reason == reason)
        return row;
    }

  return NULL;
}

static guint
count_reason (GPtrArray            *rows,
              ReseauFollowupReason  reason)
{
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (((ReseauFollowup *) g_ptr_array_index (rows, i))->reason == reason)
      n++;

  return n;
}

static void
assert_due (const ReseauFollowup *row,
            const char           *expected)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (row);
  text = reseau_date_to_string (&row->due);
  g_assert_cmpstr (text, ==, expected);
}

/* Interactions ---------------------------------------------------------------- */

static void
test_interaction_crud (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ReseauInteraction) loaded = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = log_interaction (fixture, "2026-11-10", RESEAU_INTERACTION_COFFEE, RESEAU_DIRECTION_GAVE,
                        "Café au Marché : présenté à Luc", ANNE, BRUNO, NULL);

  loaded = reseau_database_load_interaction (fixture->database, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->kind, ==, RESEAU_INTERACTION_COFFEE);
  g_assert_cmpint (loaded->direction, ==, RESEAU_DIRECTION_GAVE);
  g_assert_cmpstr (loaded->occurred_on, ==, "2026-11-10");
  g_assert_cmpstr (loaded->note, ==, "Café au Marché : présenté à Luc");
  g_assert_cmpuint (loaded->participants->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (loaded->participants, 0), ==, ANNE);
  g_assert_cmpstr (g_ptr_array_index (loaded->participants, 1), ==, BRUNO);

  /* Edit: another kind, note and set of participants. */
  loaded->kind = RESEAU_INTERACTION_CALL;
  g_free (loaded->note);
  loaded->note = g_strdup ("Appel de suivi");
  g_ptr_array_set_size (loaded->participants, 0);
  reseau_interaction_add_participant (loaded, CHLOE);
  g_assert_true (reseau_database_save_interaction (fixture->database, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (loaded->id, ==, id);
  g_clear_pointer (&loaded, reseau_interaction_free);
  loaded = reseau_database_load_interaction (fixture->database, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->kind, ==, RESEAU_INTERACTION_CALL);
  g_assert_cmpuint (loaded->participants->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (loaded->participants, 0), ==, CHLOE);

  /* The notes' index follows the edit. */
  {
    ReseauTimelineFilter old_words = { -1, NULL, NULL, "marche" };
    ReseauTimelineFilter new_words = { -1, NULL, NULL, "suivi" };

    rows = timeline (fixture, &old_words);
    g_assert_cmpuint (rows->len, ==, 0);
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = timeline (fixture, &new_words);
    g_assert_cmpuint (rows->len, ==, 1);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }

  /* Editing someone else's deleted interaction is refused. */
  g_assert_true (reseau_database_trash_interaction (fixture->database, id, &error));
  g_assert_no_error (error);
  g_assert_false (reseau_database_save_interaction (fixture->database, loaded, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
}

static void
test_interaction_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ReseauInteraction) interaction = reseau_interaction_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  /* Nobody. */
  g_assert_false (reseau_database_save_interaction (fixture->database, interaction, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  /* Someone unknown among known people: nothing is written. */
  reseau_interaction_add_participant (interaction, ANNE);
  reseau_interaction_add_participant (interaction, "urn:uuid:nobody");
  g_assert_false (reseau_database_save_interaction (fixture->database, interaction, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpint (interaction->id, ==, 0);
  rows = timeline (fixture, NULL);
  g_assert_cmpuint (rows->len, ==, 0);
}

/* Delete with Undo: the trash hides an interaction from the timeline and
 * from follow-ups, restore brings both back. */
static void
test_trash_and_restore (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GDate last;
  gint64 older, newer;

  older = log_interaction (fixture, "2026-10-01", RESEAU_INTERACTION_MEETING,
                           RESEAU_DIRECTION_MUTUAL, NULL, ANNE, NULL);
  newer = log_interaction (fixture, "2026-11-15", RESEAU_INTERACTION_CALL,
                           RESEAU_DIRECTION_MUTUAL, NULL, ANNE, NULL);
  g_assert_true (reseau_database_get_last_interaction_day (fixture->database, ANNE, &last, &error));
  g_assert_true (g_date_valid (&last));
  {
    GDate expected = day ("2026-11-15");

    g_assert_cmpint (g_date_compare (&last, &expected), ==, 0);
  }

  g_assert_true (reseau_database_trash_interaction (fixture->database, newer, &error));
  g_assert_no_error (error);
  /* Twice is no error. */
  g_assert_true (reseau_database_trash_interaction (fixture->database, newer, &error));
  g_assert_no_error (error);

  rows = timeline (fixture, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((ReseauTimelineRow *) rows->pdata[0])->id, ==, older);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_null (reseau_database_load_interaction (fixture->database, newer, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Due again from the older meeting: 1 October + 30 days (Client). */
  g_assert_true (reseau_database_set_tag_cadence (fixture->database, "Client", 30, &error));
  rows = followups (fixture, 0);
  assert_due (find_row (rows, ANNE, RESEAU_FOLLOWUP_REASON_CADENCE), "2026-10-31");
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_assert_true (reseau_database_restore_interaction (fixture->database, newer, &error));
  g_assert_no_error (error);
  rows = timeline (fixture, NULL);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (((ReseauTimelineRow *) rows->pdata[0])->id, ==, newer);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = followups (fixture, 0);
  assert_due (find_row (rows, ANNE, RESEAU_FOLLOWUP_REASON_CADENCE), "2026-12-15");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Emptied for good, a trashed interaction cannot come back. */
  g_assert_true (reseau_database_trash_interaction (fixture->database, newer, &error));
  g_assert_true (reseau_database_empty_interaction_trash (fixture->database, &error));
  g_assert_no_error (error);
  g_assert_false (reseau_database_restore_interaction (fixture->database, newer, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
}

/* Timeline ---------------------------------------------------------------------- */

static void
test_timeline_paging (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_timeline_row_free);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_interaction_free);
  g_autoptr(GError) error = NULL;
  gint64 before_at = 0, before_id = 0;
  guint n_pages = 0;

  /* 37 interactions, several at the very same second (ties by id), all
   * logged in one go and in no particular order. */
  for (int i = 0; i < 37; i++)
    {
      ReseauInteraction *interaction = reseau_interaction_new ();
      g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 1 + i % 4, 1 + i % 3, 9, 0, 0);

      reseau_interaction_set_time (interaction, when);
      reseau_interaction_add_participant (interaction, i % 2 ? ANNE : BRUNO);
      g_ptr_array_add (batch, interaction);
    }
  g_assert_true (reseau_database_add_interactions (fixture->database, batch, &error));
  g_assert_no_error (error);

  for (;;)
    {
      g_autoptr(GPtrArray) page = reseau_database_timeline_page (fixture->database, NULL, before_at,
                                                                 before_id, 10, &error);
      ReseauTimelineRow *last;

      g_assert_no_error (error);
      if (page->len == 0)
        break;
      g_assert_cmpuint (page->len, <=, 10);
      n_pages++;
      last = g_ptr_array_index (page, page->len - 1);
      before_at = last->occurred_at;
      before_id = last->id;
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&page));
    }
  g_assert_cmpuint (n_pages, ==, 4);
  g_assert_cmpuint (all->len, ==, 37);

  /* Strictly newest first, by time then id: no row twice, none left out. */
  for (guint i = 1; i < all->len; i++)
    {
      ReseauTimelineRow *a = g_ptr_array_index (all, i - 1);
      ReseauTimelineRow *b = g_ptr_array_index (all, i);

      g_assert_true (a->occurred_at > b->occurred_at ||
                     (a->occurred_at == b->occurred_at && a->id > b->id));
    }
  g_assert_cmpstr (((ReseauTimelineRow *) all->pdata[0])->participants, ==, "Anne Martin");
}

static void
test_timeline_filters (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 coffee, call, walk;

  coffee = log_interaction (fixture, "2026-11-01", RESEAU_INTERACTION_COFFEE, RESEAU_DIRECTION_MUTUAL,
                            "Café avec Anne et Bruno, projet « Éole »", ANNE, BRUNO, NULL);
  call = log_interaction (fixture, "2026-11-05", RESEAU_INTERACTION_CALL, RESEAU_DIRECTION_ASKED,
                          "Devis Éole", ANNE, NULL);
  walk = log_interaction (fixture, "2026-11-07", RESEAU_INTERACTION_WALK, RESEAU_DIRECTION_GAVE,
                          "Balade, conseils", CHLOE, NULL);

  {
    ReseauTimelineFilter filter = { RESEAU_INTERACTION_CALL, NULL, NULL, NULL };

    rows = timeline (fixture, &filter);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpint (((ReseauTimelineRow *) rows->pdata[0])->id, ==, call);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }
  {
    ReseauTimelineFilter filter = { -1, ANNE, NULL, NULL };

    rows = timeline (fixture, &filter);
    g_assert_cmpuint (rows->len, ==, 2);
    g_assert_cmpint (((ReseauTimelineRow *) rows->pdata[0])->id, ==, call);
    g_assert_cmpint (((ReseauTimelineRow *) rows->pdata[1])->id, ==, coffee);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }
  {
    /* Tags ignore case, like everywhere else. */
    ReseauTimelineFilter filter = { -1, NULL, "partner", NULL };

    rows = timeline (fixture, &filter);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpint (((ReseauTimelineRow *) rows->pdata[0])->id, ==, coffee);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }
  {
    /* Accents and case ignored, words as prefixes, FTS5 syntax inert. */
    ReseauTimelineFilter filter = { -1, NULL, NULL, "(eol\"* -" };

    rows = timeline (fixture, &filter);
    g_assert_cmpuint (rows->len, ==, 2);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }
  {
    ReseauTimelineFilter filter = { -1, ANNE, NULL, "devis" };

    rows = timeline (fixture, &filter);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpint (((ReseauTimelineRow *) rows->pdata[0])->id, ==, call);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }
  {
    ReseauTimelineFilter filter = { RESEAU_INTERACTION_WALK, NULL, NULL, "conseil" };

    rows = timeline (fixture, &filter);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpint (((ReseauTimelineRow *) rows->pdata[0])->id, ==, walk);
    g_assert_cmpstr (((ReseauTimelineRow *) rows->pdata[0])->occurred_on, ==, "2026-11-07");
    g_assert_cmpstr (((ReseauTimelineRow *) rows->pdata[0])->participants, ==, "Chloé Durand");
    g_clear_pointer (&rows, g_ptr_array_unref);
  }
  {
    ReseauTimelineFilter filter = { -1, NULL, "No such tag", NULL };

    rows = timeline (fixture, &filter);
    g_assert_cmpuint (rows->len, ==, 0);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }
  {
    ReseauTimelineFilter filter = { -1, "urn:uuid:nobody", NULL, NULL };

    rows = reseau_database_timeline_page (fixture->database, &filter, 0, 0, 10, &error);
    g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
    g_assert_null (rows);
  }
}

static void
on_page (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GPtrArray **rows = user_data;
  g_autoptr(GError) error = NULL;

  *rows = reseau_database_timeline_page_finish (RESEAU_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_timeline_async (Fixture       *fixture,
                     gconstpointer  data)
{
  ReseauTimelineFilter filter = { -1, BRUNO, NULL, NULL };
  g_autoptr(GPtrArray) rows = NULL;

  log_interaction (fixture, "2026-11-01", RESEAU_INTERACTION_EMAIL, RESEAU_DIRECTION_MUTUAL, NULL,
                   BRUNO, NULL);
  reseau_database_timeline_page_async (fixture->database, &filter, 0, 0, 50, NULL, on_page, &rows);
  while (rows == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((ReseauTimelineRow *) rows->pdata[0])->kind, ==, RESEAU_INTERACTION_EMAIL);
}

/* Follow-ups ------------------------------------------------------------------------ */

static void
test_followups (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) cadences = NULL;
  g_autoptr(GError) error = NULL;
  ReseauFollowup *row;

  g_assert_true (reseau_database_set_tag_cadence (fixture->database, "Client", 30, &error));
  g_assert_true (reseau_database_set_tag_cadence (fixture->database, "Partner", 60, &error));
  g_assert_true (reseau_database_set_tag_cadence (fixture->database, "Prospect", 14, &error));
  g_assert_no_error (error);
  cadences = reseau_database_list_tag_cadences (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (cadences), ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (cadences, "Prospect")), ==, 14);

  log_interaction (fixture, "2026-10-01", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_MUTUAL, NULL,
                   ANNE, NULL);
  log_interaction (fixture, "2026-11-01", RESEAU_INTERACTION_CALL, RESEAU_DIRECTION_MUTUAL, NULL,
                   BRUNO, NULL);
  log_interaction (fixture, "2026-11-10", RESEAU_INTERACTION_EMAIL, RESEAU_DIRECTION_MUTUAL, NULL,
                   CHLOE, NULL);

  /* Global default 90 days: Dana, never met since 1 November. */
  rows = followups (fixture, 90);
  g_assert_cmpuint (rows->len, ==, 4);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->contact_uid, ==, ANNE);  /* due order */
  assert_due (row, "2026-10-31");
  g_assert_cmpint (row->overdue_days, ==, 18);
  g_assert_cmpint (row->group, ==, RESEAU_FOLLOWUP_OVERDUE);
  g_assert_cmpuint (row->cadence_days, ==, 30);
  row = find_row (rows, CHLOE, RESEAU_FOLLOWUP_REASON_CADENCE);
  assert_due (row, "2026-11-20");  /* her own 10 days */
  g_assert_cmpint (row->group, ==, RESEAU_FOLLOWUP_THIS_WEEK);
  g_assert_cmpint (row->overdue_days, ==, -2);
  row = find_row (rows, BRUNO, RESEAU_FOLLOWUP_REASON_CADENCE);
  assert_due (row, "2026-12-31");
  g_assert_cmpint (row->group, ==, RESEAU_FOLLOWUP_LATER);
  assert_due (find_row (rows, DANA, RESEAU_FOLLOWUP_REASON_CADENCE), "2027-01-30");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* No global default: Dana drops out. */
  rows = followups (fixture, 0);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_null (find_row (rows, DANA, RESEAU_FOLLOWUP_REASON_CADENCE));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Anne becomes a Prospect too: the shorter cadence wins. */
  {
    g_autoptr(ReseauContact) anne = reseau_database_load_contact (fixture->database, ANNE, &error);

    reseau_contact_add_tag (anne, "Prospect");
    g_assert_true (reseau_database_save_contact (fixture->database, anne, &error));
    g_assert_no_error (error);
  }
  rows = followups (fixture, 0);
  assert_due (find_row (rows, ANNE, RESEAU_FOLLOWUP_REASON_CADENCE), "2026-10-15");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Logging an interaction resets the cadence. */
  log_interaction (fixture, "2026-11-18", RESEAU_INTERACTION_VIDEO_CALL, RESEAU_DIRECTION_MUTUAL, NULL,
                   ANNE, NULL);
  rows = followups (fixture, 0);
  row = find_row (rows, ANNE, RESEAU_FOLLOWUP_REASON_CADENCE);
  assert_due (row, "2026-12-02");
  g_assert_cmpint (row->group, ==, RESEAU_FOLLOWUP_LATER);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Removing a tag default: Anne is back to Client's 30 days. */
  g_assert_true (reseau_database_set_tag_cadence (fixture->database, "Prospect", 0, &error));
  rows = followups (fixture, 0);
  assert_due (find_row (rows, ANNE, RESEAU_FOLLOWUP_REASON_CADENCE), "2026-12-18");
}

/* Logged after the fact, an interaction counts from its own day: an older
 * one changes nothing, a newer one moves the due date. */
/* The view's groups: counts of everyone, the first rows of each, and the
 * stored due dates following every change they depend on. */
static void
test_followup_groups (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ReseauFollowupList) list = NULL;
  g_autoptr(GError) error = NULL;
  ReseauFollowup *row;

  /* Today is Wednesday 18 November; this week ends on Sunday the 22nd. */
  log_interaction (fixture, "2026-09-01", RESEAU_INTERACTION_CALL, RESEAU_DIRECTION_MUTUAL, NULL,
                   ANNE, NULL);
  log_interaction (fixture, "2026-10-01", RESEAU_INTERACTION_CALL, RESEAU_DIRECTION_MUTUAL, NULL,
                   BRUNO, NULL);
  log_interaction (fixture, "2026-10-21", RESEAU_INTERACTION_CALL, RESEAU_DIRECTION_MUTUAL, NULL,
                   CHLOE, NULL);

  /* Default 30 days: Anne (1 October), Bruno (31 October) and Chloé (31
   * October, her own 10 days) are overdue; Dana, met on 1 November, is due
   * on 1 December. Two rows asked for per group. */
  list = reseau_database_list_followup_groups (fixture->database, &fixture->today, 30, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_OVERDUE], ==, 3);
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_TODAY], ==, 0);
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_THIS_WEEK], ==, 0);
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_LATER], ==, 1);
  g_assert_cmpuint (list->followups->len, ==, 3);
  row = g_ptr_array_index (list->followups, 0);
  g_assert_cmpstr (row->contact_uid, ==, ANNE);
  assert_due (row, "2026-10-01");
  row = g_ptr_array_index (list->followups, 1);
  g_assert_cmpstr (row->contact_uid, ==, BRUNO);  /* same day as Chloé, first by name */
  assert_due (row, "2026-10-31");
  row = g_ptr_array_index (list->followups, 2);
  g_assert_cmpstr (row->contact_uid, ==, DANA);
  g_assert_cmpint (row->group, ==, RESEAU_FOLLOWUP_LATER);
  assert_due (row, "2026-12-01");
  g_clear_pointer (&list, reseau_followup_list_free);

  /* A reminder due on Friday joins This week; a trashed contact leaves
   * every group and comes back with Undo. */
  {
    ReseauReminder reminder = { 0, (char *) DANA, (char *) "2026-11-20", (char *) "Envoyer le devis", NULL };

    g_assert_true (reseau_database_add_reminder (fixture->database, &reminder, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    reseau_database_trash_contact_async (fixture->database, ANNE, NULL, reseau_test_store_result, &result);
    g_assert_true (reseau_database_trash_contact_finish (fixture->database,
                                                         reseau_test_await_result (&result), &error));
    g_assert_no_error (error);
  }
  list = reseau_database_list_followup_groups (fixture->database, &fixture->today, 30, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_OVERDUE], ==, 2);
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_THIS_WEEK], ==, 1);
  g_assert_null (find_row (list->followups, ANNE, RESEAU_FOLLOWUP_REASON_CADENCE));
  g_assert_nonnull (find_row (list->followups, DANA, RESEAU_FOLLOWUP_REASON_REMINDER));
  g_clear_pointer (&list, reseau_followup_list_free);
  {
    g_autoptr(GAsyncResult) result = NULL;

    reseau_database_restore_contact_async (fixture->database, ANNE, NULL, reseau_test_store_result, &result);
    g_assert_true (reseau_database_restore_contact_finish (fixture->database,
                                                           reseau_test_await_result (&result), &error));
    g_assert_no_error (error);
  }

  /* Another default moves everyone who follows it, and only them: Chloé
   * keeps her 10 days. */
  list = reseau_database_list_followup_groups (fixture->database, &fixture->today, 60, 0, &error);
  g_assert_no_error (error);
  assert_due (find_row (list->followups, ANNE, RESEAU_FOLLOWUP_REASON_CADENCE), "2026-10-31");
  assert_due (find_row (list->followups, BRUNO, RESEAU_FOLLOWUP_REASON_CADENCE), "2026-11-30");
  assert_due (find_row (list->followups, CHLOE, RESEAU_FOLLOWUP_REASON_CADENCE), "2026-10-31");
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_OVERDUE], ==, 2);
  g_clear_pointer (&list, reseau_followup_list_free);

  /* A tag's cadence moves the contacts that carry it. */
  g_assert_true (reseau_database_set_tag_cadence (fixture->database, "Partner", 7, &error));
  g_assert_no_error (error);
  list = reseau_database_list_followup_groups (fixture->database, &fixture->today, 60, 0, &error);
  g_assert_no_error (error);
  assert_due (find_row (list->followups, BRUNO, RESEAU_FOLLOWUP_REASON_CADENCE), "2026-10-08");
  g_assert_cmpuint (list->counts[RESEAU_FOLLOWUP_OVERDUE], ==, 3);
}

static void
test_followups_back_dated (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  log_interaction (fixture, "2026-11-10", RESEAU_INTERACTION_EMAIL, RESEAU_DIRECTION_MUTUAL, NULL,
                   CHLOE, NULL);
  log_interaction (fixture, "2026-09-01", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_MUTUAL, NULL,
                   CHLOE, NULL);
  rows = followups (fixture, 0);
  assert_due (find_row (rows, CHLOE, RESEAU_FOLLOWUP_REASON_CADENCE), "2026-11-20");
  g_clear_pointer (&rows, g_ptr_array_unref);

  log_interaction (fixture, "2026-11-14", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_MUTUAL, NULL,
                   CHLOE, NULL);
  rows = followups (fixture, 0);
  assert_due (find_row (rows, CHLOE, RESEAU_FOLLOWUP_REASON_CADENCE), "2026-11-24");
}

static void
test_snooze_and_done (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GDate until;
  gint64 first;

  first = log_interaction (fixture, "2026-10-01", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_MUTUAL,
                           NULL, CHLOE, NULL);
  rows = followups (fixture, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_due (g_ptr_array_index (rows, 0), "2026-10-11");

  reseau_followup_snooze_until (&fixture->today, RESEAU_SNOOZE_MONTH, &until);
  g_assert_true (reseau_database_snooze_followup (fixture->database, g_ptr_array_index (rows, 0),
                                                  &until, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = followups (fixture, 0);
  assert_due (g_ptr_array_index (rows, 0), "2026-12-18");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Correcting the old meeting's note is not getting back in touch: the
   * snooze stays. */
  {
    g_autoptr(ReseauInteraction) meeting = reseau_database_load_interaction (fixture->database, first, &error);

    g_assert_no_error (error);
    g_free (meeting->note);
    meeting->note = g_strdup ("Déjeuner au Comptoir");
    g_assert_true (reseau_database_save_interaction (fixture->database, meeting, &error));
    g_assert_no_error (error);
  }
  rows = followups (fixture, 0);
  assert_due (g_ptr_array_index (rows, 0), "2026-12-18");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A logged interaction clears the snooze: due from the interaction. */
  log_interaction (fixture, "2026-11-16", RESEAU_INTERACTION_CALL, RESEAU_DIRECTION_MUTUAL, NULL,
                   CHLOE, NULL);
  rows = followups (fixture, 0);
  assert_due (g_ptr_array_index (rows, 0), "2026-11-26");

  /* Done without logging: the cadence starts again from today. */
  g_assert_true (reseau_database_complete_followup (fixture->database, g_ptr_array_index (rows, 0),
                                                    &fixture->today, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = followups (fixture, 0);
  assert_due (g_ptr_array_index (rows, 0), "2026-11-28");
}

static void
test_reminders (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ReseauReminder) reminder = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  ReseauFollowup *row;
  GDate until;

  reminder = reseau_reminder_new (BRUNO, &fixture->today, "Envoyer la plaquette");
  g_assert_true (reseau_database_add_reminder (fixture->database, reminder, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reminder->id, >, 0);

  rows = followups (fixture, 0);
  g_assert_cmpuint (count_reason (rows, RESEAU_FOLLOWUP_REASON_REMINDER), ==, 1);
  row = find_row (rows, BRUNO, RESEAU_FOLLOWUP_REASON_REMINDER);
  g_assert_cmpint (row->reason, ==, RESEAU_FOLLOWUP_REASON_REMINDER);
  g_assert_cmpint (row->group, ==, RESEAU_FOLLOWUP_TODAY);
  g_assert_cmpint (row->reminder_id, ==, reminder->id);
  g_assert_cmpstr (row->note, ==, "Envoyer la plaquette");
  g_assert_cmpstr (row->display_name, ==, "Bruno Petit");

  reseau_followup_snooze_until (&fixture->today, RESEAU_SNOOZE_WEEK, &until);
  g_assert_true (reseau_database_snooze_followup (fixture->database, row, &until, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = followups (fixture, 0);
  row = find_row (rows, BRUNO, RESEAU_FOLLOWUP_REASON_REMINDER);
  assert_due (row, "2026-11-25");
  g_assert_cmpint (row->group, ==, RESEAU_FOLLOWUP_LATER);

  open = reseau_database_list_reminders (fixture->database, BRUNO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (((ReseauReminder *) open->pdata[0])->snoozed_until, ==, "2026-11-25");
  g_clear_pointer (&open, g_ptr_array_unref);

  g_assert_true (reseau_database_complete_followup (fixture->database, row, &fixture->today, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = followups (fixture, 0);
  g_assert_cmpuint (count_reason (rows, RESEAU_FOLLOWUP_REASON_REMINDER), ==, 0);
  open = reseau_database_list_reminders (fixture->database, BRUNO, &error);
  g_assert_cmpuint (open->len, ==, 0);
}

/* Strength ------------------------------------------------------------------------- */

static void
test_strength (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GArray) strengths = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *explanation = NULL;
  g_autoptr(ReseauContact) anne = NULL;
  g_autoptr(ReseauContact) bruno = NULL;
  ReseauFollowup *row;
  int score;

  log_interaction (fixture, "2026-11-18", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_MUTUAL, NULL,
                   ANNE, NULL);
  score = reseau_database_get_strength (fixture->database, ANNE, &fixture->today, &explanation, &error);
  g_assert_no_error (error);
  g_assert_cmpint (score, ==, 22);
  g_assert_nonnull (explanation);
  g_assert_cmpint (reseau_database_get_strength (fixture->database, DANA, &fixture->today, NULL, &error),
                   ==, 0);

  /* Bruno: six meetings in January, long quiet since: cooling down. */
  for (int i = 0; i < 6; i++)
    log_interaction (fixture, "2026-01-10", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_MUTUAL, NULL,
                     BRUNO, NULL);
  score = reseau_database_get_strength (fixture->database, BRUNO, &fixture->today, NULL, &error);
  g_assert_cmpint (score, <, RESEAU_STRENGTH_COOLING_THRESHOLD);
  g_assert_cmpint (score, >, 0);

  anne = reseau_database_load_contact (fixture->database, ANNE, &error);
  bruno = reseau_database_load_contact (fixture->database, BRUNO, &error);
  strengths = reseau_database_list_strengths (fixture->database, &fixture->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strengths->len, ==, 2);
  for (guint i = 0; i < strengths->len; i++)
    {
      ReseauContactStrength *s = &g_array_index (strengths, ReseauContactStrength, i);

      if (s->contact_id == reseau_contact_get_id (anne))
        g_assert_cmpuint (s->strength, ==, 22);
      else
        {
          g_assert_cmpint (s->contact_id, ==, reseau_contact_get_id (bruno));
          g_assert_cmpint (s->strength, ==, score);
        }
    }

  /* With no cadence anywhere, Bruno still shows up, as cooling down. */
  rows = followups (fixture, 0);
  g_assert_cmpuint (count_reason (rows, RESEAU_FOLLOWUP_REASON_COOLING), ==, 1);
  row = find_row (rows, BRUNO, RESEAU_FOLLOWUP_REASON_COOLING);
  g_assert_cmpstr (row->contact_uid, ==, BRUNO);
  g_assert_cmpint (row->reason, ==, RESEAU_FOLLOWUP_REASON_COOLING);
  g_assert_cmpint (row->group, ==, RESEAU_FOLLOWUP_COOLING_DOWN);
  g_assert_cmpuint (row->strength, ==, (guint) score);

  /* Done: quiet for a while. */
  g_assert_true (reseau_database_complete_followup (fixture->database, row, &fixture->today, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = followups (fixture, 0);
  g_assert_cmpuint (count_reason (rows, RESEAU_FOLLOWUP_REASON_COOLING), ==, 0);
}

/* Referrals ------------------------------------------------------------------------- */

static void
test_referrals (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ReseauReferral) received = NULL;
  g_autoptr(ReseauReferral) given = NULL;
  g_autoptr(ReseauReferral) today_s = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) debts = NULL;
  g_autoptr(GError) error = NULL;
  ReseauReferralBalance balance;
  ReseauFollowup *row;
  GDate when = day ("2026-11-02");

  /* Anne recommended me to Bruno for a site redesign; recorded on the 12th. */
  received = reseau_referral_new (RESEAU_REFERRAL_RECEIVED, ANNE, &when);
  received->to_uid = g_strdup (BRUNO);
  received->subject = g_strdup ("Refonte du site");
  received->recorded_on = g_strdup ("2026-11-12");
  received->value_cents = 450000;
  received->currency = g_strdup ("EUR");
  g_assert_true (reseau_database_add_referral (fixture->database, received, &error));
  g_assert_no_error (error);

  /* The "Thank …" follow-up, due the day it was recorded. */
  rows = followups (fixture, 0);
  g_assert_cmpuint (count_reason (rows, RESEAU_FOLLOWUP_REASON_THANKS), ==, 1);
  row = find_row (rows, ANNE, RESEAU_FOLLOWUP_REASON_THANKS);
  g_assert_cmpint (row->reason, ==, RESEAU_FOLLOWUP_REASON_THANKS);
  g_assert_cmpstr (row->contact_uid, ==, ANNE);
  assert_due (row, "2026-11-12");
  g_assert_cmpint (row->overdue_days, ==, 6);
  g_assert_cmpstr (row->note, ==, "Thank Anne Martin for the referral (Refonte du site)");
  g_assert_cmpint (row->referral_id, ==, received->id);

  g_assert_true (reseau_database_get_referral_balance (fixture->database, ANNE, &balance, &error));
  g_assert_cmpuint (balance.received, ==, 1);
  g_assert_cmpuint (balance.given, ==, 0);
  g_assert_cmpuint (balance.unthanked, ==, 1);
  debts = reseau_database_list_referral_debts (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (debts->len, ==, 1);
  g_assert_cmpstr (((ReseauReferralDebt *) debts->pdata[0])->contact_uid, ==, ANNE);
  g_clear_pointer (&debts, g_ptr_array_unref);
  list = reseau_database_list_referrals (fixture->database, RESEAU_REFERRALS_NOT_THANKED, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Done on the row is "thanked". */
  g_assert_true (reseau_database_complete_followup (fixture->database, row, &fixture->today, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = followups (fixture, 0);
  g_assert_cmpuint (count_reason (rows, RESEAU_FOLLOWUP_REASON_THANKS), ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_true (reseau_database_get_referral_balance (fixture->database, ANNE, &balance, &error));
  g_assert_cmpuint (balance.unthanked, ==, 0);
  list = reseau_database_list_referrals (fixture->database, RESEAU_REFERRALS_NOT_THANKED, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* I recommend Anne to Chloé: a favour to both. Anne's debt is paid. */
  given = reseau_referral_new (RESEAU_REFERRAL_GIVEN, ANNE, &fixture->today);
  given->to_uid = g_strdup (CHLOE);
  g_assert_true (reseau_database_add_referral (fixture->database, given, &error));
  g_assert_no_error (error);
  g_assert_true (reseau_database_get_referral_balance (fixture->database, ANNE, &balance, &error));
  g_assert_cmpuint (balance.received, ==, 1);
  g_assert_cmpuint (balance.given, ==, 1);
  g_assert_true (reseau_database_get_referral_balance (fixture->database, CHLOE, &balance, &error));
  g_assert_cmpuint (balance.given, ==, 1);
  g_assert_cmpuint (balance.received, ==, 0);
  debts = reseau_database_list_referral_debts (fixture->database, &error);
  g_assert_cmpuint (debts->len, ==, 0);

  /* Given referrals ask for no thanks. */
  rows = followups (fixture, 0);
  g_assert_cmpuint (count_reason (rows, RESEAU_FOLLOWUP_REASON_THANKS), ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Recorded without a day: today, by the clock, so due today. */
  when = day ("2026-10-20");
  today_s = reseau_referral_new (RESEAU_REFERRAL_RECEIVED, DANA, &when);
  g_assert_true (reseau_database_add_referral (fixture->database, today_s, &error));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *expected = g_date_time_format (now, "%Y-%m-%d");

    g_assert_cmpstr (today_s->recorded_on, ==, expected);
  }

  list = reseau_database_list_referrals (fixture->database, RESEAU_REFERRALS_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  /* Newest referral first. */
  g_assert_cmpint (((ReseauReferral *) list->pdata[0])->id, ==, given->id);
  {
    ReseauReferral *first = list->pdata[1];

    g_assert_cmpint (first->id, ==, received->id);
    g_assert_cmpstr (first->person_uid, ==, ANNE);
    g_assert_cmpstr (first->to_uid, ==, BRUNO);
    g_assert_cmpstr (first->subject, ==, "Refonte du site");
    g_assert_cmpint (first->value_cents, ==, 450000);
    g_assert_cmpstr (first->currency, ==, "EUR");
    g_assert_true (first->thanked);
  }
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* The window's calls: the same answers as the blocking ones. */
static void
test_referrals_async (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ReseauReferral) referral = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) debts = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  ReseauReferralBalance balance = { 0 };
  guint counts[3] = { 0 };
  GDate when = day ("2026-10-02");

  referral = reseau_referral_new (RESEAU_REFERRAL_RECEIVED, ANNE, &when);
  referral->to_uid = g_strdup (BRUNO);
  referral->subject = g_strdup ("Site web");
  reseau_database_add_referral_async (fixture->database, referral, NULL, on_async_done, &result);
  g_assert_true (reseau_database_add_referral_finish (fixture->database, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (referral->id, >, 0);
  g_clear_object (&result);

  /* The list names both people for the view. */
  list = reseau_database_list_referrals (fixture->database, RESEAU_REFERRALS_NOT_THANKED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((ReseauReferral *) list->pdata[0])->person_name, ==, "Anne Martin");
  g_assert_cmpstr (((ReseauReferral *) list->pdata[0])->to_name, ==, "Bruno Petit");
  g_clear_pointer (&list, g_ptr_array_unref);

  reseau_database_list_referral_debts_async (fixture->database, NULL, on_async_done, &result);
  debts = reseau_database_list_referral_debts_finish (fixture->database, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (debts->len, ==, 1);
  g_assert_cmpstr (((ReseauReferralDebt *) debts->pdata[0])->contact_uid, ==, ANNE);
  g_clear_object (&result);

  reseau_database_set_referral_thanked_async (fixture->database, referral->id, TRUE, NULL,
                                              on_async_done, &result);
  g_assert_true (reseau_database_set_referral_thanked_finish (fixture->database, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  reseau_database_get_referral_balance_async (fixture->database, ANNE, NULL, on_async_done, &result);
  g_assert_true (reseau_database_get_referral_balance_finish (fixture->database, wait_result (&result),
                                                              &balance, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (balance.received, ==, 1);
  g_assert_cmpuint (balance.given, ==, 0);
  g_assert_cmpuint (balance.unthanked, ==, 0);
  g_clear_object (&result);

  reseau_database_set_referral_outcome_async (fixture->database, referral->id, RESEAU_OUTCOME_WON, NULL,
                                              on_async_done, &result);
  g_assert_true (reseau_database_set_referral_outcome_finish (fixture->database, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  reseau_database_count_mandates_by_source_async (fixture->database, NULL, on_async_done, &result);
  g_assert_true (reseau_database_count_mandates_by_source_finish (fixture->database, wait_result (&result),
                                                                  counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[RESEAU_MANDATE_FROM_REFERRAL], ==, 1);
  g_assert_cmpuint (counts[RESEAU_MANDATE_DIRECT], ==, 0);
  g_clear_object (&result);
}

static void
test_mandates (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ReseauReferral) referral = NULL;
  g_autoptr(ReseauMandate) direct = NULL;
  g_autoptr(GPtrArray) mandates = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[3];
  GDate when = day ("2026-10-02");

  referral = reseau_referral_new (RESEAU_REFERRAL_RECEIVED, ANNE, &when);
  referral->to_uid = g_strdup (BRUNO);
  referral->subject = g_strdup ("Audit SEO");
  referral->value_cents = 120000;
  g_assert_true (reseau_database_add_referral (fixture->database, referral, &error));
  direct = reseau_mandate_new ("Formation", RESEAU_MANDATE_DIRECT, &fixture->today);
  g_assert_true (reseau_database_add_mandate (fixture->database, direct, &error));
  g_assert_no_error (error);

  g_assert_true (reseau_database_set_referral_outcome (fixture->database, referral->id,
                                                       RESEAU_OUTCOME_WON, &error));
  g_assert_no_error (error);
  /* Won twice is still one mandate. */
  g_assert_true (reseau_database_set_referral_outcome (fixture->database, referral->id,
                                                       RESEAU_OUTCOME_WON, &error));
  g_assert_true (reseau_database_count_mandates_by_source (fixture->database, counts, &error));
  g_assert_cmpuint (counts[RESEAU_MANDATE_FROM_REFERRAL], ==, 1);
  g_assert_cmpuint (counts[RESEAU_MANDATE_FROM_EVENT], ==, 0);
  g_assert_cmpuint (counts[RESEAU_MANDATE_DIRECT], ==, 1);

  /* Chloé, whom I recommended to Bruno, won the work: her mandate, not
   * mine. */
  {
    g_autoptr(ReseauReferral) given = reseau_referral_new (RESEAU_REFERRAL_GIVEN, CHLOE, &when);

    given->to_uid = g_strdup (BRUNO);
    given->subject = g_strdup ("Refonte du site");
    given->outcome = RESEAU_OUTCOME_WON;
    g_assert_true (reseau_database_add_referral (fixture->database, given, &error));
    g_assert_no_error (error);
    g_assert_true (reseau_database_set_referral_outcome (fixture->database, given->id,
                                                         RESEAU_OUTCOME_WON, &error));
    g_assert_no_error (error);
    g_assert_true (reseau_database_count_mandates_by_source (fixture->database, counts, &error));
    g_assert_cmpuint (counts[RESEAU_MANDATE_FROM_REFERRAL], ==, 1);
  }

  mandates = reseau_database_list_mandates (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mandates->len, ==, 2);
  {
    ReseauMandate *won = mandates->pdata[1];

    g_assert_cmpstr (won->title, ==, "Audit SEO");
    g_assert_cmpstr (won->client_uid, ==, BRUNO);
    g_assert_cmpint (won->referral_id, ==, referral->id);
    g_assert_cmpint (won->value_cents, ==, 120000);
    g_assert_cmpint (won->source, ==, RESEAU_MANDATE_FROM_REFERRAL);
  }

  g_assert_true (reseau_database_set_referral_outcome (fixture->database, referral->id,
                                                       RESEAU_OUTCOME_LOST, &error));
  g_assert_true (reseau_database_count_mandates_by_source (fixture->database, counts, &error));
  g_assert_cmpuint (counts[RESEAU_MANDATE_FROM_REFERRAL], ==, 0);
  g_assert_cmpuint (counts[RESEAU_MANDATE_DIRECT], ==, 1);

  /* Recorded as won from the start: its mandate comes with it. */
  {
    g_autoptr(ReseauReferral) won = reseau_referral_new (RESEAU_REFERRAL_RECEIVED, CHLOE, &when);

    won->outcome = RESEAU_OUTCOME_WON;
    g_assert_true (reseau_database_add_referral (fixture->database, won, &error));
    g_assert_no_error (error);
    g_assert_true (reseau_database_count_mandates_by_source (fixture->database, counts, &error));
    g_assert_cmpuint (counts[RESEAU_MANDATE_FROM_REFERRAL], ==, 1);
  }

  g_assert_false (reseau_database_set_referral_outcome (fixture->database, 9999, RESEAU_OUTCOME_WON,
                                                        &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
}

/* Events ----------------------------------------------------------------------------- */

static void
test_events (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(ReseauContact) met = reseau_contact_new ();
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GError) error = NULL;
  GDate held = day ("2026-11-17");
  ReseauAttendee *attendee;

  event = reseau_event_new ("Apéro freelances Nantes", &held);
  event->place = g_strdup ("La Cantine, Nantes");
  event->format = RESEAU_EVENT_COWORKING;
  event->theme = g_strdup ("Prospection");
  g_assert_true (reseau_database_add_event (fixture->database, event, &error));
  g_assert_no_error (error);
  g_assert_cmpint (event->id, >, 0);

  g_assert_true (reseau_database_add_attendee (fixture->database, event->id, ANNE, FALSE, &error));
  g_assert_no_error (error);

  /* Someone met there, created from the event. */
  reseau_contact_set_full_name (met, "Élise Roux");
  g_assert_true (reseau_database_add_event_contact (fixture->database, event->id, met, &error));
  g_assert_no_error (error);
  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (met), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_how_met (loaded), ==, "Apéro freelances Nantes");
  g_assert_cmpstr (reseau_contact_get_met_on (loaded), ==, "2026-11-17");

  reminders = reseau_database_list_reminders (fixture->database, reseau_contact_get_uid (met), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reminders->len, ==, 1);
  g_assert_cmpstr (((ReseauReminder *) reminders->pdata[0])->due_on, ==, "2026-11-18");
  g_assert_cmpstr (((ReseauReminder *) reminders->pdata[0])->note, ==,
                   "Follow up after Apéro freelances Nantes");

  attendees = reseau_database_list_attendees (fixture->database, event->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, 2);
  attendee = g_ptr_array_index (attendees, 0);
  g_assert_cmpstr (attendee->contact_uid, ==, ANNE);
  g_assert_false (attendee->met_there);
  attendee = g_ptr_array_index (attendees, 1);
  g_assert_cmpstr (attendee->display_name, ==, "Élise Roux");
  g_assert_true (attendee->met_there);

  events = reseau_database_list_events (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((ReseauEvent *) events->pdata[0])->place, ==, "La Cantine, Nantes");
  g_assert_cmpint (((ReseauEvent *) events->pdata[0])->format, ==, RESEAU_EVENT_COWORKING);

  g_assert_false (reseau_database_add_attendee (fixture->database, 9999, ANNE, TRUE, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
}

/* Local only ---------------------------------------------------------------------- */

static char *
card_of (Fixture    *fixture,
         const char *uid)
{
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(ReseauVCard) card = NULL;
  g_autoptr(GError) error = NULL;

  contact = reseau_database_load_contact (fixture->database, uid, &error);
  g_assert_no_error (error);
  card = reseau_contact_to_vcard (contact, TRUE);

  return reseau_vcard_to_string (card, RESEAU_VCARD_VERSION_4_0);
}

/* Interactions, reminders, referrals and events never reach the contact's
 * card, nor raise its revision (which would make sync send it up). */
static void
test_nothing_in_the_card (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *before = card_of (fixture, ANNE);
  g_autofree char *after = NULL;
  g_autoptr(ReseauReferral) referral = NULL;
  g_autoptr(ReseauReminder) reminder = NULL;
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  gint64 revision = reseau_database_get_contact_revision (fixture->database, ANNE, &error);
  GDate when = day ("2026-11-01");

  g_assert_no_error (error);
  log_interaction (fixture, "2026-11-10", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_GAVE,
                   "Secret de la négociation", ANNE, NULL);
  referral = reseau_referral_new (RESEAU_REFERRAL_RECEIVED, ANNE, &when);
  g_assert_true (reseau_database_add_referral (fixture->database, referral, &error));
  reminder = reseau_reminder_new (ANNE, &when, "Relancer");
  g_assert_true (reseau_database_add_reminder (fixture->database, reminder, &error));
  event = reseau_event_new ("Salon", &when);
  g_assert_true (reseau_database_add_event (fixture->database, event, &error));
  g_assert_true (reseau_database_add_attendee (fixture->database, event->id, ANNE, TRUE, &error));
  g_assert_true (reseau_database_set_tag_cadence (fixture->database, "Client", 30, &error));
  g_assert_no_error (error);

  after = card_of (fixture, ANNE);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (strstr (after, "gociation"));
  g_assert_cmpint (reseau_database_get_contact_revision (fixture->database, ANNE, &error), ==, revision);
}

/* A contact deleted for good takes its participations, reminders and
 * attendances with it; the interaction itself stays for the others. */
static void
test_contact_deleted (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  log_interaction (fixture, "2026-11-10", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_MUTUAL, NULL,
                   ANNE, BRUNO, NULL);
  g_assert_true (reseau_database_delete_contact (fixture->database, BRUNO, &error));
  g_assert_no_error (error);

  rows = timeline (fixture, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((ReseauTimelineRow *) rows->pdata[0])->participants, ==, "Anne Martin");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/database-relations/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("interaction-crud", test_interaction_crud);
  ADD ("interaction-refused", test_interaction_refused);
  ADD ("trash-and-restore", test_trash_and_restore);
  ADD ("timeline-paging", test_timeline_paging);
  ADD ("timeline-filters", test_timeline_filters);
  ADD ("timeline-async", test_timeline_async);
  ADD ("followups", test_followups);
  ADD ("followup-groups", test_followup_groups);
  ADD ("followups-back-dated", test_followups_back_dated);
  ADD ("snooze-and-done", test_snooze_and_done);
  ADD ("reminders", test_reminders);
  ADD ("strength", test_strength);
  ADD ("referrals", test_referrals);
  ADD ("referrals-async", test_referrals_async);
  ADD ("mandates", test_mandates);
  ADD ("events", test_events);
  ADD ("nothing-in-the-card", test_nothing_in_the_card);
  ADD ("contact-deleted", test_contact_deleted);

#undef ADD

  return g_test_run ();
}
