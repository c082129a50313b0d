/* reseau-database-events.c — one networking event: load, edit, delete, undo
 *
 * Jobs on the database's worker thread (see reseau-database-private.h); a
 * failed job's transaction is rolled back by the worker.
 *
 * Undo of a deletion. The events table has no trash column and the schema
 * is not this file's to change, so a deletion really deletes (the
 * attendees go with the event by ON DELETE CASCADE, the mandates that came
 * from it lose their link by ON DELETE SET NULL) and first reads what it
 * is about to lose: the row with its creation time, each attendee's
 * contact id and met_there, the ids of the mandates that named it. Restore
 * writes them back in one transaction. Contact ids, not UIDs, because a
 * UID can change when a sync merges cards while the id stays; an attendee
 * whose contact was deleted for good in the meantime is left out, and a
 * mandate that was given another event in the meantime keeps it. The
 * event gets its own id back unless a new event took it (SQLite gives a
 * new row max(id) + 1, which is the deleted id when it was the newest):
 * the caller then learns the new id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reseau-database-events.h"
#include "reseau-database-private.h"
#include "reseau-error.h"

typedef ReseauDatabaseWorker Worker;

typedef struct
{
  gint64   contact_id;
  gboolean met_there;
} DeletedAttendee;

struct _ReseauDeletedEvent
{
  ReseauEvent *event;
  gint64       created_at;
  GArray      *attendees;    /* DeletedAttendee */
  GArray      *mandate_ids;  /* gint64 */
};

#define EVENT_COLUMNS "id, name, held_on, place, link, format, theme, note, created_at"

/* Records ------------------------------------------------------------------- */

void
reseau_event_details_free (ReseauEventDetails *details)
{
  if (details == NULL)
    return;

  g_clear_pointer (&details->event, reseau_event_free);
  g_clear_pointer (&details->attendees, g_ptr_array_unref);
  g_free (details);
}

void
reseau_event_summary_free (ReseauEventSummary *summary)
{
  if (summary == NULL)
    return;

  g_clear_pointer (&summary->event, reseau_event_free);
  g_free (summary);
}

static ReseauEvent *
copy_event (const ReseauEvent *event)
{
  ReseauEvent *copy = g_new0 (ReseauEvent, 1);

  copy->id = event->id;
  copy->name = g_strdup (event->name);
  copy->held_on = g_strdup (event->held_on);
  copy->place = g_strdup (event->place);
  copy->link = g_strdup (event->link);
  copy->format = event->format;
  copy->theme = g_strdup (event->theme);
  copy->note = g_strdup (event->note);

  return copy;
}

const ReseauEvent *
reseau_deleted_event_get_event (const ReseauDeletedEvent *deleted)
{
  g_return_val_if_fail (deleted != NULL, NULL);

  return deleted->event;
}

guint
reseau_deleted_event_get_n_attendees (const ReseauDeletedEvent *deleted)
{
  g_return_val_if_fail (deleted != NULL, 0);

  return deleted->attendees->len;
}

static ReseauDeletedEvent *
deleted_event_new (void)
{
  ReseauDeletedEvent *deleted = g_new0 (ReseauDeletedEvent, 1);

  deleted->attendees = g_array_new (FALSE, FALSE, sizeof (DeletedAttendee));
  deleted->mandate_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  return deleted;
}

static ReseauDeletedEvent *
deleted_event_copy (const ReseauDeletedEvent *deleted)
{
  ReseauDeletedEvent *copy = deleted_event_new ();

  copy->event = copy_event (deleted->event);
  copy->created_at = deleted->created_at;
  g_array_append_vals (copy->attendees, deleted->attendees->data, deleted->attendees->len);
  g_array_append_vals (copy->mandate_ids, deleted->mandate_ids->data, deleted->mandate_ids->len);

  return copy;
}

void
reseau_deleted_event_free (ReseauDeletedEvent *deleted)
{
  if (deleted == NULL)
    return;

  g_clear_pointer (&deleted->event, reseau_event_free);
  g_clear_pointer (&deleted->attendees, g_array_unref);
  g_clear_pointer (&deleted->mandate_ids, g_array_unref);
  g_free (deleted);
}

/* Helpers ------------------------------------------------------------------- */

static gpointer
begin_write (Worker  *worker,
             GError **error)
{
  if (!reseau_db_require_open (worker, error) ||
      !reseau_db_exec (worker, "BEGIN IMMEDIATE", error))
    return NULL;

  return RESEAU_DB_OK;
}

static gpointer
commit (Worker  *worker,
        GError **error)
{
  return reseau_db_exec (worker, "COMMIT", error) ? RESEAU_DB_OK : NULL;
}

static gpointer
event_not_found (GError **error)
{
  g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND,
                       _("This event has been deleted."));
  return NULL;
}

static gboolean
validate_event (const ReseauEvent  *event,
                GError            **error)
{
  g_autofree char *name = g_strstrip (g_strdup (event->name != NULL ? event->name : ""));
  GDate day;

  if (*name == '\0' || !reseau_date_from_string (event->held_on, &day))
    {
      g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_FAILED,
                           _("An event needs a name and a date."));
      return FALSE;
    }

  if ((int) event->format < RESEAU_EVENT_IN_PERSON || event->format > RESEAU_EVENT_COWORKING)
    {
      g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_FAILED,
                           _("An event is in person, online or in a coworking space."));
      return FALSE;
    }

  return TRUE;
}

static ReseauEvent *
event_from_row (sqlite3_stmt *stmt)
{
  ReseauEvent *event = g_new0 (ReseauEvent, 1);

  event->id = sqlite3_column_int64 (stmt, 0);
  event->name = reseau_db_column_text (stmt, 1);
  event->held_on = reseau_db_column_text (stmt, 2);
  event->place = reseau_db_column_text (stmt, 3);
  event->link = reseau_db_column_text (stmt, 4);
  event->format = sqlite3_column_int (stmt, 5);
  event->theme = reseau_db_column_text (stmt, 6);
  event->note = reseau_db_column_text (stmt, 7);

  return event;
}

/* Reads the event; NULL with NOT_FOUND when there is none. created_at may
 * be NULL. */
static ReseauEvent *
read_event (Worker   *worker,
            gint64    id,
            gint64   *created_at,
            GError  **error)
{
  ReseauEvent *event = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = reseau_db_statement (worker, "SELECT " EVENT_COLUMNS " FROM events WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      event = event_from_row (stmt);
      if (created_at != NULL)
        *created_at = sqlite3_column_int64 (stmt, 8);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);
  if (event == NULL)
    return event_not_found (error);

  return event;
}

static gboolean
event_exists (Worker   *worker,
              gint64    id,
              gboolean *exists,
              GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = reseau_db_statement (worker, "SELECT 1 FROM events WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  *exists = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
require_event (Worker  *worker,
               gint64   id,
               GError **error)
{
  gboolean exists;

  if (!event_exists (worker, id, &exists, error))
    return FALSE;
  if (!exists)
    return event_not_found (error) != NULL;

  return TRUE;
}

/* The id of a contact by UID; live_only leaves out the trash. */
static gboolean
contact_id_of (Worker      *worker,
               const char  *uid,
               gboolean     live_only,
               gint64      *id,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *id = 0;
  if (live_only)
    stmt = reseau_db_statement (worker, "SELECT id FROM contacts WHERE uid = ?1 AND trashed_at IS NULL", error);
  else
    stmt = reseau_db_statement (worker, "SELECT id FROM contacts WHERE uid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  reseau_db_bind_text (stmt, 1, uid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  if (*id == 0)
    {
      g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND,
                           _("This contact has been deleted."));
      return FALSE;
    }

  return TRUE;
}

static GPtrArray *
read_attendees (Worker  *worker,
                gint64   event_id,
                GError **error)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_attendee_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = reseau_db_statement (worker,
                              "SELECT c.uid, c.display_name, a.met_there FROM event_attendees a"
                              " JOIN contacts c ON c.id = a.contact_id"
                              " WHERE a.event_id = ?1 AND c.trashed_at IS NULL"
                              " ORDER BY c.sort_key, c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauAttendee *attendee = g_new0 (ReseauAttendee, 1);

      attendee->contact_uid = reseau_db_column_text (stmt, 0);
      attendee->display_name = reseau_db_column_text (stmt, 1);
      attendee->met_there = sqlite3_column_int (stmt, 2) != 0;
      g_ptr_array_add (attendees, attendee);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&attendees);
}

/* Jobs ---------------------------------------------------------------------- */

static gpointer
list_event_summaries_job (Worker   *worker,
                          gpointer  data,
                          GError  **error)
{
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_event_summary_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  /* Counted per event from event_attendees' primary key: a handful of
   * rows each, whatever the number of contacts. */
  stmt = reseau_db_statement (worker,
                              "SELECT e.id, e.name, e.held_on, e.place, e.link, e.format, e.theme, e.note,"
                              "  (SELECT count(*) FROM event_attendees a JOIN contacts c ON c.id = a.contact_id"
                              "    WHERE a.event_id = e.id AND c.trashed_at IS NULL),"
                              "  (SELECT count(*) FROM event_attendees a JOIN contacts c ON c.id = a.contact_id"
                              "    WHERE a.event_id = e.id AND a.met_there != 0 AND c.trashed_at IS NULL)"
                              " FROM events e ORDER BY e.held_on DESC, e.id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauEventSummary *summary = g_new0 (ReseauEventSummary, 1);

      summary->event = event_from_row (stmt);
      summary->n_attendees = sqlite3_column_int (stmt, 8);
      summary->n_met = sqlite3_column_int (stmt, 9);
      g_ptr_array_add (summaries, summary);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&summaries);
}

static gpointer
load_event_job (Worker   *worker,
                gpointer  data,
                GError  **error)
{
  if (!reseau_db_require_open (worker, error))
    return NULL;

  return read_event (worker, *(gint64 *) data, NULL, error);
}

static gpointer
load_event_details_job (Worker   *worker,
                        gpointer  data,
                        GError  **error)
{
  g_autoptr(ReseauEventDetails) details = g_new0 (ReseauEventDetails, 1);
  gint64 id = *(gint64 *) data;

  /* One read transaction: the attendees are those of this very event. */
  if (!reseau_db_require_open (worker, error) ||
      !reseau_db_exec (worker, "BEGIN", error))
    return NULL;

  details->event = read_event (worker, id, NULL, error);
  if (details->event == NULL)
    return NULL;
  details->attendees = read_attendees (worker, id, error);
  if (details->attendees == NULL || commit (worker, error) == NULL)
    return NULL;

  return g_steal_pointer (&details);
}

static gpointer
save_event_job (Worker   *worker,
                gpointer  data,
                GError  **error)
{
  ReseauEvent *event = data;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;

  if (!validate_event (event, error) || !begin_write (worker, error))
    return NULL;

  name = g_strstrip (g_strdup (event->name));
  if (event->id == 0)
    stmt = reseau_db_statement (worker,
                                "INSERT INTO events (name, held_on, place, link, format, theme, note,"
                                " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  else
    stmt = reseau_db_statement (worker,
                                "UPDATE events SET name = ?1, held_on = ?2, place = ?3, link = ?4,"
                                " format = ?5, theme = ?6, note = ?7 WHERE id = ?9", error);
  if (stmt == NULL)
    return NULL;

  reseau_db_bind_text (stmt, 1, name);
  reseau_db_bind_text (stmt, 2, event->held_on);
  reseau_db_bind_text (stmt, 3, event->place);
  reseau_db_bind_text (stmt, 4, event->link);
  sqlite3_bind_int (stmt, 5, event->format);
  reseau_db_bind_text (stmt, 6, event->theme);
  reseau_db_bind_text (stmt, 7, event->note);
  if (event->id == 0)
    sqlite3_bind_int64 (stmt, 8, g_get_real_time () / G_USEC_PER_SEC);
  else
    sqlite3_bind_int64 (stmt, 9, event->id);
  if (!reseau_db_step_done (worker, stmt, error))
    return NULL;

  if (event->id == 0)
    event->id = sqlite3_last_insert_rowid (reseau_db_get_handle (worker));
  else if (sqlite3_changes (reseau_db_get_handle (worker)) == 0)
    return event_not_found (error);

  return commit (worker, error);
}

static gpointer
delete_event_job (Worker   *worker,
                  gpointer  data,
                  GError  **error)
{
  g_autoptr(ReseauDeletedEvent) deleted = deleted_event_new ();
  gint64 id = *(gint64 *) data;
  sqlite3_stmt *stmt;
  int rc;

  if (!begin_write (worker, error))
    return NULL;

  deleted->event = read_event (worker, id, &deleted->created_at, error);
  if (deleted->event == NULL)
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT contact_id, met_there FROM event_attendees WHERE event_id = ?1",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeletedAttendee attendee = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int (stmt, 1) != 0,
      };

      g_array_append_val (deleted->attendees, attendee);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  stmt = reseau_db_statement (worker, "SELECT id FROM mandates WHERE event_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 mandate_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (deleted->mandate_ids, mandate_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  /* The foreign keys would do both; said here, it does not depend on
   * the connection's foreign_keys setting. */
  stmt = reseau_db_statement (worker, "UPDATE mandates SET event_id = NULL WHERE event_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!reseau_db_step_done (worker, stmt, error))
    return NULL;

  stmt = reseau_db_statement (worker, "DELETE FROM event_attendees WHERE event_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!reseau_db_step_done (worker, stmt, error))
    return NULL;

  stmt = reseau_db_statement (worker, "DELETE FROM events WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!reseau_db_step_done (worker, stmt, error) || commit (worker, error) == NULL)
    return NULL;

  return g_steal_pointer (&deleted);
}

static gpointer
restore_event_job (Worker   *worker,
                   gpointer  data,
                   GError  **error)
{
  const ReseauDeletedEvent *deleted = data;
  const ReseauEvent *event = deleted->event;
  gboolean taken;
  gint64 id;
  sqlite3_stmt *stmt;

  if (!validate_event (event, error) || !begin_write (worker, error))
    return NULL;

  if (!event_exists (worker, event->id, &taken, error))
    return NULL;

  /* ?1 NULL lets SQLite choose a new id. */
  stmt = reseau_db_statement (worker,
                              "INSERT INTO events (id, name, held_on, place, link, format, theme, note,"
                              " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return NULL;
  if (taken || event->id <= 0)
    sqlite3_bind_null (stmt, 1);
  else
    sqlite3_bind_int64 (stmt, 1, event->id);
  reseau_db_bind_text (stmt, 2, event->name);
  reseau_db_bind_text (stmt, 3, event->held_on);
  reseau_db_bind_text (stmt, 4, event->place);
  reseau_db_bind_text (stmt, 5, event->link);
  sqlite3_bind_int (stmt, 6, event->format);
  reseau_db_bind_text (stmt, 7, event->theme);
  reseau_db_bind_text (stmt, 8, event->note);
  sqlite3_bind_int64 (stmt, 9, deleted->created_at);
  if (!reseau_db_step_done (worker, stmt, error))
    return NULL;
  id = sqlite3_last_insert_rowid (reseau_db_get_handle (worker));

  for (guint i = 0; i < deleted->attendees->len; i++)
    {
      const DeletedAttendee *attendee = &g_array_index (deleted->attendees, DeletedAttendee, i);

      /* Only a contact that still exists (live or in the trash). */
      stmt = reseau_db_statement (worker,
                                  "INSERT INTO event_attendees (event_id, contact_id, met_there)"
                                  " SELECT ?1, id, ?3 FROM contacts WHERE id = ?2"
                                  " ON CONFLICT (event_id, contact_id) DO NOTHING", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, attendee->contact_id);
      sqlite3_bind_int (stmt, 3, attendee->met_there != FALSE);
      if (!reseau_db_step_done (worker, stmt, error))
        return NULL;
    }

  for (guint i = 0; i < deleted->mandate_ids->len; i++)
    {
      stmt = reseau_db_statement (worker,
                                  "UPDATE mandates SET event_id = ?1 WHERE id = ?2 AND event_id IS NULL",
                                  error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (deleted->mandate_ids, gint64, i));
      if (!reseau_db_step_done (worker, stmt, error))
        return NULL;
    }

  if (commit (worker, error) == NULL)
    return NULL;

  return g_memdup2 (&id, sizeof id);
}

typedef struct
{
  gint64    event_id;
  char     *uid;
  gboolean  met_there;
} AttendeeRequest;

static void
attendee_request_free (AttendeeRequest *request)
{
  g_free (request->uid);
  g_free (request);
}

static AttendeeRequest *
attendee_request_new (gint64      event_id,
                      const char *uid,
                      gboolean    met_there)
{
  AttendeeRequest *request = g_new0 (AttendeeRequest, 1);

  request->event_id = event_id;
  request->uid = g_strdup (uid);
  request->met_there = met_there;

  return request;
}

static gpointer
set_attendee_job (Worker   *worker,
                  gpointer  data,
                  GError  **error)
{
  AttendeeRequest *request = data;
  sqlite3_stmt *stmt;
  gint64 contact_id;

  if (!begin_write (worker, error) ||
      !require_event (worker, request->event_id, error) ||
      !contact_id_of (worker, request->uid, TRUE, &contact_id, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "INSERT INTO event_attendees (event_id, contact_id, met_there)"
                              " VALUES (?1, ?2, ?3)"
                              " ON CONFLICT (event_id, contact_id) DO UPDATE SET met_there = excluded.met_there",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request->event_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  sqlite3_bind_int (stmt, 3, request->met_there != FALSE);
  if (!reseau_db_step_done (worker, stmt, error))
    return NULL;

  return commit (worker, error);
}

static gpointer
remove_attendee_job (Worker   *worker,
                     gpointer  data,
                     GError  **error)
{
  AttendeeRequest *request = data;
  sqlite3_stmt *stmt;
  gint64 contact_id;

  if (!begin_write (worker, error) ||
      !require_event (worker, request->event_id, error) ||
      !contact_id_of (worker, request->uid, FALSE, &contact_id, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "DELETE FROM event_attendees WHERE event_id = ?1 AND contact_id = ?2",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request->event_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  if (!reseau_db_step_done (worker, stmt, error))
    return NULL;

  if (sqlite3_changes (reseau_db_get_handle (worker)) == 0)
    {
      g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND,
                           _("This person is not on the event’s list any more."));
      return NULL;
    }

  return commit (worker, error);
}

/* Public API ------------------------------------------------------------------ */

GPtrArray *
reseau_database_list_event_summaries (ReseauDatabase  *self,
                                      GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_event_summaries_job, NULL, error);
}

void
reseau_database_list_event_summaries_async (ReseauDatabase      *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, list_event_summaries_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                       reseau_database_list_event_summaries_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GPtrArray *, reseau_database_list_event_summaries)

RESEAU_DB_DEFINE_ID_OPERATION (ReseauEvent *, reseau_database_load_event, load_event_job,
                               (GDestroyNotify) reseau_event_free)

RESEAU_DB_DEFINE_ID_OPERATION (ReseauEventDetails *, reseau_database_load_event_details, load_event_details_job,
                               (GDestroyNotify) reseau_event_details_free)

gboolean
reseau_database_update_event (ReseauDatabase     *self,
                              const ReseauEvent  *event,
                              GError            **error)
{
  g_autoptr(ReseauEvent) copy = NULL;

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  if (event->id <= 0)
    return event_not_found (error) != NULL;

  copy = copy_event (event);
  return reseau_db_run (self, save_event_job, copy, error) != NULL;
}

gboolean
reseau_database_save_event (ReseauDatabase  *self,
                            ReseauEvent     *event,
                            GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  return reseau_db_run (self, save_event_job, event, error) != NULL;
}

void
reseau_database_save_event_async (ReseauDatabase      *self,
                                  ReseauEvent         *event,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (event != NULL);

  /* Written into on the worker (the new id): the caller keeps it. */
  reseau_db_run_async (self, save_event_job, event, NULL, NULL,
                       reseau_database_save_event_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_save_event)

RESEAU_DB_DEFINE_ID_OPERATION (ReseauDeletedEvent *, reseau_database_delete_event, delete_event_job,
                               (GDestroyNotify) reseau_deleted_event_free)

gint64
reseau_database_restore_event (ReseauDatabase            *self,
                               const ReseauDeletedEvent  *deleted,
                               GError                   **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), 0);
  g_return_val_if_fail (deleted != NULL, 0);

  id = reseau_db_run (self, restore_event_job, (gpointer) deleted, error);

  return id != NULL ? *id : 0;
}

void
reseau_database_restore_event_async (ReseauDatabase           *self,
                                     const ReseauDeletedEvent *deleted,
                                     GCancellable             *cancellable,
                                     GAsyncReadyCallback       callback,
                                     gpointer                  user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (deleted != NULL);

  reseau_db_run_async (self, restore_event_job, deleted_event_copy (deleted),
                       (GDestroyNotify) reseau_deleted_event_free, g_free,
                       reseau_database_restore_event_async, cancellable, callback, user_data);
}

gint64
reseau_database_restore_event_finish (ReseauDatabase  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_autofree gint64 *id = reseau_db_finish (self, result, reseau_database_restore_event_async, error);

  return id != NULL ? *id : 0;
}

gboolean
reseau_database_set_attendee (ReseauDatabase  *self,
                              gint64           event_id,
                              const char      *uid,
                              gboolean         met_there,
                              GError         **error)
{
  AttendeeRequest request = { event_id, (char *) uid, met_there };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  return reseau_db_run (self, set_attendee_job, &request, error) != NULL;
}

void
reseau_database_set_attendee_async (ReseauDatabase      *self,
                                    gint64               event_id,
                                    const char          *uid,
                                    gboolean             met_there,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (uid != NULL);

  reseau_db_run_async (self, set_attendee_job, attendee_request_new (event_id, uid, met_there),
                       (GDestroyNotify) attendee_request_free, NULL,
                       reseau_database_set_attendee_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_set_attendee)

gboolean
reseau_database_remove_attendee (ReseauDatabase  *self,
                                 gint64           event_id,
                                 const char      *uid,
                                 GError         **error)
{
  AttendeeRequest request = { event_id, (char *) uid, FALSE };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  return reseau_db_run (self, remove_attendee_job, &request, error) != NULL;
}

void
reseau_database_remove_attendee_async (ReseauDatabase      *self,
                                       gint64               event_id,
                                       const char          *uid,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (uid != NULL);

  reseau_db_run_async (self, remove_attendee_job, attendee_request_new (event_id, uid, FALSE),
                       (GDestroyNotify) attendee_request_free, NULL,
                       reseau_database_remove_attendee_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_remove_attendee)
