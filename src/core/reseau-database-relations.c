/* reseau-database-relations.c — interactions, follow-ups, referrals, events
 *
 * Jobs on the database's worker thread (see reseau-database-private.h);
 * a failed job's transaction is rolled back by the worker.
 *
 * The views must stay fast with 100,000 contacts and a million
 * interactions, so nothing here reads every interaction:
 *
 *   timeline page     interactions_timeline (occurred_at, id), walked from
 *                     the cursor backwards and stopped after one page; a
 *                     contact's timeline starts from its participations,
 *                     a search from the notes' FTS5 index
 *   follow-ups        one pass over contacts ⟕ contact_activity (the latest
 *                     day and strength per contact), plus the contacts
 *                     whose tags have a cadence, the open reminders and the
 *                     unthanked referrals
 *   contact_activity  rewritten for the participants of every interaction
 *                     written, trashed or restored, from their own
 *                     interactions only (PRIMARY KEY (contact_id, …))
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reseau-database-private.h"
#include "reseau-database-relations.h"
#include "reseau-error.h"
#include "reseau-strength.h"

typedef ReseauDatabaseWorker Worker;

#define NOTE_EXCERPT_BYTES 280

/* Helpers ------------------------------------------------------------------ */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
local_today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static int
changes_of (sqlite3_stmt *stmt)
{
  return sqlite3_changes (sqlite3_db_handle (stmt));
}

gpointer
reseau_db_begin_write (Worker  *worker,
                       GError **error)
{
  if (!reseau_db_require_open (worker, error) ||
      !reseau_db_exec (worker, "BEGIN IMMEDIATE", error))
    return NULL;

  return RESEAU_DB_OK;
}

gpointer
reseau_db_commit (Worker  *worker,
                  GError **error)
{
  return reseau_db_exec (worker, "COMMIT", error) ? RESEAU_DB_OK : NULL;
}

gpointer
reseau_db_not_found (GError     **error,
                     const char  *message)
{
  g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND, message);
  return NULL;
}

static gint64 *
copy_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static GDate *
copy_date (const GDate *date)
{
  return g_memdup2 (date, sizeof *date);
}

/* Parses a stored day; an invalid or NULL one leaves day cleared. */
gboolean
reseau_db_column_date (sqlite3_stmt *stmt,
                       int           column,
                       GDate        *day)
{
  g_date_clear (day, 1);
  return reseau_date_from_string ((const char *) sqlite3_column_text (stmt, column), day);
}

void
reseau_db_bind_date (sqlite3_stmt *stmt,
                     int           index,
                     const GDate  *day)
{
  g_autofree char *text = NULL;

  if (day == NULL || !g_date_valid (day))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  text = reseau_date_to_string (day);
  reseau_db_bind_text (stmt, index, text);
}

/* The id of a live contact, or NOT_FOUND. */
gboolean
reseau_db_live_contact_id (Worker      *worker,
                           const char  *uid,
                           gint64      *id,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *id = 0;
  stmt = reseau_db_statement (worker, "SELECT id FROM contacts WHERE uid = ?1 AND trashed_at IS NULL",
                              error);
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
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND,
                   _("There is no contact with UID “%s”."), uid ? uid : "");
      return FALSE;
    }

  return TRUE;
}

gboolean
reseau_db_update_by_id (Worker       *worker,
                        sqlite3_stmt *stmt,
                        gint64        id,
                        const char   *gone,
                        GError      **error)
{
  sqlite3_bind_int64 (stmt, 1, id);
  if (!reseau_db_step_done (worker, stmt, error))
    return FALSE;
  if (sqlite3_changes (sqlite3_db_handle (stmt)) == 0)
    return reseau_db_not_found (error, gone) != NULL;

  return TRUE;
}

/* Runs a query of one integer over one id parameter; *value is 0 without
 * a row. */
static gboolean
query_int64 (Worker      *worker,
             const char  *sql,
             gint64       id,
             gint64      *value,
             GError     **error)
{
  sqlite3_stmt *stmt = reseau_db_statement (worker, sql, error);
  int rc;

  *value = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

/* Contact activity ------------------------------------------------------------ */

/* Rewrites what contact_activity says of one contact from its live
 * interactions; clear_snooze when the change is a new contact with them. */
static gboolean
refresh_activity (Worker    *worker,
                  gint64     contact_id,
                  gboolean   clear_snooze,
                  GError   **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (ReseauStrengthEntry));
  g_autofree char *last_on = NULL;
  gint64 last_at = 0;
  sqlite3_stmt *stmt;
  GDate last;
  int rc;

  stmt = reseau_db_statement (worker,
                              "SELECT i.occurred_at, i.occurred_on, i.kind, i.direction"
                              " FROM interaction_participants p"
                              " JOIN interactions i ON i.id = p.interaction_id"
                              " WHERE p.contact_id = ?1 AND i.deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauStrengthEntry entry;
      const char *on = (const char *) sqlite3_column_text (stmt, 1);
      gint64 at = sqlite3_column_int64 (stmt, 0);

      if (!reseau_db_column_date (stmt, 1, &entry.day))
        continue;
      entry.kind = CLAMP (sqlite3_column_int (stmt, 2), 0, RESEAU_N_INTERACTION_KINDS - 1);
      entry.direction = CLAMP (sqlite3_column_int (stmt, 3), 0, RESEAU_DIRECTION_MUTUAL);
      g_array_append_val (entries, entry);

      /* Latest by its own day; the instant only breaks ties. */
      if (last_on == NULL || strcmp (on, last_on) > 0 || (strcmp (on, last_on) == 0 && at > last_at))
        {
          g_free (last_on);
          last_on = g_strdup (on);
          last_at = at;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  if (last_on == NULL)
    {
      stmt = reseau_db_statement (worker,
                                  "UPDATE contact_activity SET last_at = NULL, last_on = NULL,"
                                  " strength_raw = 0 WHERE contact_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, contact_id);
      return reseau_db_step_done (worker, stmt, error) &&
             reseau_db_mark_followups_stale (worker, contact_id, error);
    }

  g_date_clear (&last, 1);
  reseau_date_from_string (last_on, &last);
  stmt = reseau_db_statement (worker,
                              "INSERT INTO contact_activity (contact_id, last_at, last_on, strength_raw)"
                              " VALUES (?1, ?2, ?3, ?4)"
                              " ON CONFLICT (contact_id) DO UPDATE SET last_at = excluded.last_at,"
                              " last_on = excluded.last_on, strength_raw = excluded.strength_raw,"
                              " snoozed_until = CASE WHEN ?5 THEN NULL ELSE snoozed_until END", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  sqlite3_bind_int64 (stmt, 2, last_at);
  reseau_db_bind_text (stmt, 3, last_on);
  sqlite3_bind_double (stmt, 4, reseau_strength_raw ((ReseauStrengthEntry *) entries->data,
                                                     entries->len, &last));
  sqlite3_bind_int (stmt, 5, clear_snooze != FALSE);

  return reseau_db_step_done (worker, stmt, error) &&
         reseau_db_mark_followups_stale (worker, contact_id, error);
}

gboolean
reseau_db_refresh_activity (Worker  *worker,
                            gint64   contact_id,
                            GError **error)
{
  return refresh_activity (worker, contact_id, FALSE, error);
}

/* Adds the interaction's participants' ids to contact_ids (a set). */
static gboolean
collect_participants (Worker      *worker,
                      gint64       interaction_id,
                      GHashTable  *contact_ids,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = reseau_db_statement (worker,
                              "SELECT contact_id FROM interaction_participants WHERE interaction_id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, interaction_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (contact_ids, copy_id (sqlite3_column_int64 (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

static gboolean
refresh_activities (Worker      *worker,
                    GHashTable  *contact_ids,
                    gboolean     clear_snooze,
                    GError     **error)
{
  GHashTableIter iter;
  gint64 *id;

  g_hash_table_iter_init (&iter, contact_ids);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (!refresh_activity (worker, *id, clear_snooze, error))
      return FALSE;

  return reseau_db_refresh_stale_followups (worker, error);
}

static GHashTable *
id_set_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* Interactions ----------------------------------------------------------------- */

static gboolean
check_interaction (ReseauInteraction  *interaction,
                   GError            **error)
{
  GDate day;

  if (interaction->participants->len == 0)
    {
      g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_FAILED,
                           _("An interaction needs at least one participant."));
      return FALSE;
    }
  if (!reseau_date_from_string (interaction->occurred_on, &day) ||
      interaction->kind >= RESEAU_N_INTERACTION_KINDS ||
      interaction->direction > RESEAU_DIRECTION_MUTUAL)
    {
      g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_FAILED,
                           _("This interaction has no valid date."));
      return FALSE;
    }

  return TRUE;
}

/* Within the caller's transaction. Adds the ids of the contacts whose
 * activity changes (old and new participants) to touched. */
static gboolean
write_interaction (Worker             *worker,
                   ReseauInteraction  *interaction,
                   gint64              now,
                   GHashTable         *touched,
                   GError            **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!check_interaction (interaction, error))
    return FALSE;

  for (guint i = 0; i < interaction->participants->len; i++)
    {
      gint64 id;

      if (!reseau_db_live_contact_id (worker, g_ptr_array_index (interaction->participants, i), &id, error))
        return FALSE;
      g_array_append_val (ids, id);
    }

  if (interaction->id == 0)
    {
      stmt = reseau_db_statement (worker,
                                  "INSERT INTO interactions (kind, occurred_at, occurred_on, direction,"
                                  " note, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                                  error);
      if (stmt == NULL)
        return FALSE;
    }
  else
    {
      if (!collect_participants (worker, interaction->id, touched, error))
        return FALSE;
      stmt = reseau_db_statement (worker,
                                  "UPDATE interactions SET (kind, occurred_at, occurred_on, direction,"
                                  " note, updated_at) = (?1, ?2, ?3, ?4, ?5, ?6)"
                                  " WHERE id = ?7 AND deleted_at IS NULL", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 7, interaction->id);
    }

  sqlite3_bind_int (stmt, 1, interaction->kind);
  sqlite3_bind_int64 (stmt, 2, interaction->occurred_at);
  reseau_db_bind_text (stmt, 3, interaction->occurred_on);
  sqlite3_bind_int (stmt, 4, interaction->direction);
  reseau_db_bind_text (stmt, 5, interaction->note && *interaction->note ? interaction->note : NULL);
  sqlite3_bind_int64 (stmt, 6, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_reset (stmt);
      return reseau_db_fail (worker, rc, error) != NULL;
    }

  if (interaction->id == 0)
    {
      interaction->id = sqlite3_last_insert_rowid (sqlite3_db_handle (stmt));
      interaction->created_at = now;
    }
  else if (changes_of (stmt) == 0)
    {
      sqlite3_reset (stmt);
      return reseau_db_not_found (error, _("This interaction has been deleted.")) != NULL;
    }
  sqlite3_reset (stmt);
  interaction->updated_at = now;

  stmt = reseau_db_statement (worker, "DELETE FROM interaction_participants WHERE interaction_id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, interaction->id);
  if (!reseau_db_step_done (worker, stmt, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 contact_id = g_array_index (ids, gint64, i);

      stmt = reseau_db_statement (worker,
                                  "INSERT OR IGNORE INTO interaction_participants (contact_id, interaction_id)"
                                  " VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, contact_id);
      sqlite3_bind_int64 (stmt, 2, interaction->id);
      if (!reseau_db_step_done (worker, stmt, error))
        return FALSE;
      g_hash_table_add (touched, copy_id (contact_id));
    }

  return TRUE;
}

static gpointer
save_interaction_job (Worker   *worker,
                      gpointer  data,
                      GError  **error)
{
  ReseauInteraction *interaction = data;
  g_autoptr(GHashTable) touched = id_set_new ();
  /* Logging an interaction is getting back in touch, which ends a snooze;
   * correcting an old one (its note, its time) is not. */
  gboolean is_new = interaction->id == 0;

  if (!reseau_db_begin_write (worker, error) ||
      !write_interaction (worker, interaction, now_seconds (), touched, error) ||
      !refresh_activities (worker, touched, is_new, error))
    return NULL;

  return reseau_db_commit (worker, error);
}

static gpointer
add_interactions_job (Worker   *worker,
                      gpointer  data,
                      GError  **error)
{
  GPtrArray *interactions = data;
  g_autoptr(GHashTable) touched = id_set_new ();
  gint64 now = now_seconds ();

  if (!reseau_db_begin_write (worker, error))
    return NULL;
  for (guint i = 0; i < interactions->len; i++)
    {
      ReseauInteraction *interaction = g_ptr_array_index (interactions, i);

      g_return_val_if_fail (interaction->id == 0, NULL);
      if (!write_interaction (worker, interaction, now, touched, error))
        return NULL;
    }
  if (!refresh_activities (worker, touched, TRUE, error))
    return NULL;

  return reseau_db_commit (worker, error);
}

static gpointer
load_interaction_job (Worker   *worker,
                      gpointer  data,
                      GError  **error)
{
  g_autoptr(ReseauInteraction) interaction = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT kind, occurred_at, occurred_on, direction, note, created_at,"
                              " updated_at FROM interactions WHERE id = ?1 AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, *(gint64 *) data);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      interaction = g_new0 (ReseauInteraction, 1);
      interaction->id = *(gint64 *) data;
      interaction->kind = sqlite3_column_int (stmt, 0);
      interaction->occurred_at = sqlite3_column_int64 (stmt, 1);
      interaction->occurred_on = reseau_db_column_text (stmt, 2);
      interaction->direction = sqlite3_column_int (stmt, 3);
      interaction->note = reseau_db_column_text (stmt, 4);
      interaction->created_at = sqlite3_column_int64 (stmt, 5);
      interaction->updated_at = sqlite3_column_int64 (stmt, 6);
      interaction->participants = g_ptr_array_new_with_free_func (g_free);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);
  if (interaction == NULL)
    return reseau_db_not_found (error, _("This interaction has been deleted."));

  stmt = reseau_db_statement (worker,
                              "SELECT c.uid FROM interaction_participants p"
                              " JOIN contacts c ON c.id = p.contact_id"
                              " WHERE p.interaction_id = ?1 ORDER BY c.sort_key, c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, interaction->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (interaction->participants, reseau_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&interaction);
}

/* Trashes (deleted_at now) or restores (NULL) one interaction. */
static gpointer
set_interaction_deleted (Worker    *worker,
                         gint64     id,
                         gboolean   deleted,
                         GError   **error)
{
  g_autoptr(GHashTable) touched = id_set_new ();
  sqlite3_stmt *stmt;

  if (!reseau_db_begin_write (worker, error))
    return NULL;

  if (deleted)
    stmt = reseau_db_statement (worker,
                                "UPDATE interactions SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
                                error);
  else
    stmt = reseau_db_statement (worker,
                                "UPDATE interactions SET deleted_at = NULL WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (deleted)
    sqlite3_bind_int64 (stmt, 2, now_seconds ());
  if (!reseau_db_step_done (worker, stmt, error))
    return NULL;
  /* Deleting twice (two windows, a double click) is no error. */
  if (!deleted && changes_of (stmt) == 0)
    return reseau_db_not_found (error, _("This interaction has been deleted for good."));

  if (!collect_participants (worker, id, touched, error) ||
      !refresh_activities (worker, touched, FALSE, error))
    return NULL;

  return reseau_db_commit (worker, error);
}

static gpointer
trash_interaction_job (Worker   *worker,
                       gpointer  data,
                       GError  **error)
{
  return set_interaction_deleted (worker, *(gint64 *) data, TRUE, error);
}

static gpointer
restore_interaction_job (Worker   *worker,
                         gpointer  data,
                         GError  **error)
{
  return set_interaction_deleted (worker, *(gint64 *) data, FALSE, error);
}

static gpointer
empty_interaction_trash_job (Worker   *worker,
                             gpointer  data,
                             GError  **error)
{
  /* Trashed interactions already left contact_activity. */
  if (!reseau_db_require_open (worker, error) ||
      !reseau_db_exec (worker, "DELETE FROM interactions WHERE deleted_at IS NOT NULL", error))
    return NULL;

  return RESEAU_DB_OK;
}

/* Timeline --------------------------------------------------------------------- */

void
reseau_timeline_row_free (ReseauTimelineRow *row)
{
  if (row == NULL)
    return;

  g_free (row->occurred_on);
  g_free (row->note_excerpt);
  g_free (row->participants);
  g_free (row);
}

typedef struct
{
  int     kind;
  char   *contact_uid;
  char   *tag;
  char   *text;
  gint64  before_at;
  gint64  before_id;
  guint   limit;
} TimelineRequest;

static void
timeline_request_free (TimelineRequest *request)
{
  g_free (request->contact_uid);
  g_free (request->tag);
  g_free (request->text);
  g_free (request);
}

static TimelineRequest *
timeline_request_new (const ReseauTimelineFilter *filter,
                      gint64                      before_at,
                      gint64                      before_id,
                      guint                       limit)
{
  TimelineRequest *request = g_new0 (TimelineRequest, 1);

  request->kind = -1;
  if (filter != NULL)
    {
      request->kind = filter->kind;
      if (filter->contact_uid != NULL && *filter->contact_uid != '\0')
        request->contact_uid = g_strdup (filter->contact_uid);
      if (filter->tag != NULL && *filter->tag != '\0')
        request->tag = g_strdup (filter->tag);
      if (filter->text != NULL && *filter->text != '\0')
        request->text = g_strdup (filter->text);
    }
  /* 0, 0 is the first page: older than anything. */
  if (before_at == 0 && before_id == 0)
    {
      before_at = G_MAXINT64;
      before_id = G_MAXINT64;
    }
  request->before_at = before_at;
  request->before_id = before_id;
  request->limit = limit;

  return request;
}

/* An FTS5 query asking for every word of text as a prefix: each run of
 * letters and digits becomes a quoted term, so that nothing the user
 * types is read as FTS5 syntax; NULL when there is no word. */
static char *
notes_match_query (const char *text)
{
  GString *query = g_string_new (NULL);
  GString *word = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char (p) : 0;

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          g_string_append_printf (query, "%s\"%s\"*", query->len ? " " : "", word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);

  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }

  return g_string_free (query, FALSE);
}

#define TIMELINE_COLUMNS \
  "SELECT i.id, i.kind, i.occurred_at, i.occurred_on, i.direction," \
  " substr (i.note, 1, " G_STRINGIFY (NOTE_EXCERPT_BYTES) ")," \
  " (SELECT group_concat (c.display_name, ', ') FROM interaction_participants p" \
  "   JOIN contacts c ON c.id = p.contact_id WHERE p.interaction_id = i.id)"

/* Checks common to every plan: ?1 ?2 cursor, ?3 kind, ?4 tag id, ?5 limit. */
#define TIMELINE_CHECKS \
  " i.deleted_at IS NULL AND (i.occurred_at, i.id) < (?1, ?2)" \
  " AND (?3 < 0 OR i.kind = ?3)" \
  " AND (?4 = 0 OR EXISTS (SELECT 1 FROM interaction_participants tp" \
  "   JOIN contact_tags ct ON ct.contact_id = tp.contact_id" \
  "   WHERE tp.interaction_id = i.id AND ct.tag_id = ?4))"

#define TIMELINE_ORDER " ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?5"

/* Three plans, by the most selective filter: all interactions walk the
 * timeline index from the cursor; a contact's start from its
 * participations, a search from the FTS5 index (CROSS JOIN keeps SQLite
 * from walking the whole timeline index instead to save a sort). */
static const char timeline_all_sql[] =
  TIMELINE_COLUMNS " FROM interactions i WHERE" TIMELINE_CHECKS TIMELINE_ORDER;

static const char timeline_contact_sql[] =
  TIMELINE_COLUMNS " FROM interaction_participants pc CROSS JOIN interactions i"
  " ON i.id = pc.interaction_id WHERE pc.contact_id = ?6 AND" TIMELINE_CHECKS
  " AND (?7 IS NULL OR i.id IN (SELECT rowid FROM interactions_search"
  "   WHERE interactions_search MATCH ?7))" TIMELINE_ORDER;

static const char timeline_search_sql[] =
  TIMELINE_COLUMNS " FROM interactions_search s CROSS JOIN interactions i"
  " ON i.id = s.rowid WHERE interactions_search MATCH ?7 AND" TIMELINE_CHECKS TIMELINE_ORDER;

static gpointer
timeline_page_job (Worker   *worker,
                   gpointer  data,
                   GError  **error)
{
  TimelineRequest *request = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_timeline_row_free);
  g_autofree char *match = request->text ? notes_match_query (request->text) : NULL;
  gint64 contact_id = 0;
  gint64 tag_id = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  if (request->contact_uid != NULL && !reseau_db_live_contact_id (worker, request->contact_uid, &contact_id, error))
    return NULL;

  if (request->tag != NULL)
    {
      stmt = reseau_db_statement (worker, "SELECT id FROM tags WHERE name = ?1", error);
      if (stmt == NULL)
        return NULL;
      reseau_db_bind_text (stmt, 1, request->tag);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        tag_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return reseau_db_fail (worker, rc, error);
      /* No such tag: nobody carries it. */
      if (tag_id == 0)
        return g_steal_pointer (&rows);
    }

  if (request->limit == 0)
    return g_steal_pointer (&rows);

  if (contact_id != 0)
    stmt = reseau_db_statement (worker, timeline_contact_sql, error);
  else if (match != NULL)
    stmt = reseau_db_statement (worker, timeline_search_sql, error);
  else
    stmt = reseau_db_statement (worker, timeline_all_sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, request->before_at);
  sqlite3_bind_int64 (stmt, 2, request->before_id);
  sqlite3_bind_int (stmt, 3, request->kind);
  sqlite3_bind_int64 (stmt, 4, tag_id);
  sqlite3_bind_int64 (stmt, 5, request->limit);
  if (contact_id != 0)
    sqlite3_bind_int64 (stmt, 6, contact_id);
  if (contact_id != 0 || match != NULL)
    reseau_db_bind_text (stmt, 7, match);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauTimelineRow *row = g_new0 (ReseauTimelineRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->kind = sqlite3_column_int (stmt, 1);
      row->occurred_at = sqlite3_column_int64 (stmt, 2);
      row->occurred_on = reseau_db_column_text (stmt, 3);
      row->direction = sqlite3_column_int (stmt, 4);
      row->note_excerpt = reseau_db_column_text (stmt, 5);
      row->participants = reseau_db_column_text (stmt, 6);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&rows);
}

typedef struct
{
  char  *uid;
  GDate  day;
} DayRequest;

static gpointer
last_interaction_day_job (Worker   *worker,
                          gpointer  data,
                          GError  **error)
{
  DayRequest *request = data;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_date_clear (&request->day, 1);
  if (!reseau_db_require_open (worker, error) ||
      !reseau_db_live_contact_id (worker, request->uid, &id, error))
    return NULL;

  stmt = reseau_db_statement (worker, "SELECT last_on FROM contact_activity WHERE contact_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    reseau_db_column_date (stmt, 0, &request->day);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return RESEAU_DB_OK;
}

/* Strength --------------------------------------------------------------------- */

typedef struct
{
  char   *uid;
  GDate   today;
  char   *explanation;
  guint   score;
  gboolean want_explanation;
} StrengthRequest;

static gpointer
strength_job (Worker   *worker,
              gpointer  data,
              GError  **error)
{
  StrengthRequest *request = data;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (ReseauStrengthEntry));
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  if (!reseau_db_require_open (worker, error) ||
      !reseau_db_live_contact_id (worker, request->uid, &id, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT i.occurred_on, i.kind, i.direction"
                              " FROM interaction_participants p"
                              " JOIN interactions i ON i.id = p.interaction_id"
                              " WHERE p.contact_id = ?1 AND i.deleted_at IS NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauStrengthEntry entry;

      if (!reseau_db_column_date (stmt, 0, &entry.day))
        continue;
      entry.kind = CLAMP (sqlite3_column_int (stmt, 1), 0, RESEAU_N_INTERACTION_KINDS - 1);
      entry.direction = CLAMP (sqlite3_column_int (stmt, 2), 0, RESEAU_DIRECTION_MUTUAL);
      g_array_append_val (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  request->score = reseau_strength_score ((ReseauStrengthEntry *) entries->data, entries->len,
                                          &request->today,
                                          request->want_explanation ? &request->explanation : NULL);
  return RESEAU_DB_OK;
}

/* Strength now of a contact whose raw sum on its last day was raw. */
static gpointer
list_strengths_job (Worker   *worker,
                    gpointer  data,
                    GError  **error)
{
  const GDate *today = data;
  g_autoptr(GArray) strengths = g_array_new (FALSE, FALSE, sizeof (ReseauContactStrength));
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT contact_id, last_on, strength_raw FROM contact_activity"
                              " WHERE last_on IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauContactStrength strength;
      GDate last;

      reseau_db_column_date (stmt, 1, &last);
      strength.contact_id = sqlite3_column_int64 (stmt, 0);
      strength.strength = reseau_strength_on (sqlite3_column_double (stmt, 2), &last, today);
      if (strength.strength > 0)
        g_array_append_val (strengths, strength);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&strengths);
}

/* Reminders --------------------------------------------------------------------- */

static gboolean
write_reminder (Worker          *worker,
                ReseauReminder  *reminder,
                GError         **error)
{
  sqlite3_stmt *stmt;
  GDate due;
  gint64 id;

  if (!reseau_date_from_string (reminder->due_on, &due))
    {
      g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_FAILED,
                           _("This reminder has no valid date."));
      return FALSE;
    }
  if (!reseau_db_live_contact_id (worker, reminder->contact_uid, &id, error))
    return FALSE;

  stmt = reseau_db_statement (worker,
                              "INSERT INTO reminders (contact_id, due_on, note, created_at)"
                              " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  reseau_db_bind_text (stmt, 2, reminder->due_on);
  reseau_db_bind_text (stmt, 3, reminder->note ? reminder->note : "");
  sqlite3_bind_int64 (stmt, 4, now_seconds ());
  if (!reseau_db_step_done (worker, stmt, error))
    return FALSE;
  reminder->id = sqlite3_last_insert_rowid (sqlite3_db_handle (stmt));

  return TRUE;
}

static gpointer
add_reminder_job (Worker   *worker,
                  gpointer  data,
                  GError  **error)
{
  if (!reseau_db_begin_write (worker, error) || !write_reminder (worker, data, error))
    return NULL;

  return reseau_db_commit (worker, error);
}

static gpointer
list_reminders_job (Worker   *worker,
                    gpointer  data,
                    GError  **error)
{
  g_autoptr(GPtrArray) reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_reminder_free);
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  if (!reseau_db_require_open (worker, error) || !reseau_db_live_contact_id (worker, data, &id, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT id, due_on, note, snoozed_until FROM reminders"
                              " WHERE contact_id = ?1 AND done_at IS NULL ORDER BY due_on, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauReminder *reminder = g_new0 (ReseauReminder, 1);

      reminder->id = sqlite3_column_int64 (stmt, 0);
      reminder->contact_uid = g_strdup (data);
      reminder->due_on = reseau_db_column_text (stmt, 1);
      reminder->note = reseau_db_column_text (stmt, 2);
      reminder->snoozed_until = reseau_db_column_text (stmt, 3);
      g_ptr_array_add (reminders, reminder);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&reminders);
}

/* Referrals and mandates --------------------------------------------------------------- */

/* The id of the live contact uid, or 0 for NULL. */
static gboolean
optional_contact_id (Worker      *worker,
                     const char  *uid,
                     gint64      *id,
                     GError     **error)
{
  *id = 0;
  return uid == NULL || reseau_db_live_contact_id (worker, uid, id, error);
}

typedef struct
{
  gint64        id;
  ReseauOutcome outcome;
} OutcomeRequest;

/* Within the caller's transaction: the outcome, and the mandate that goes
 * with "won". */
static gboolean
write_outcome (Worker         *worker,
               gint64          id,
               ReseauOutcome   outcome,
               GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = reseau_db_statement (worker, "UPDATE referrals SET outcome = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 2, outcome);
  if (!reseau_db_update_by_id (worker, stmt, id, _("This referral has been deleted."), error))
    return FALSE;

  if (outcome == RESEAU_OUTCOME_WON)
    stmt = reseau_db_statement (worker,
                                "INSERT OR IGNORE INTO mandates (title, client_id, started_on, source,"
                                " referral_id, value_cents, currency, created_at)"
                                " SELECT coalesce (subject, ''), to_id, referred_on, 0, id, value_cents,"
                                " currency, ?2 FROM referrals WHERE id = ?1 AND direction = 0", error);
  else
    stmt = reseau_db_statement (worker, "DELETE FROM mandates WHERE referral_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (outcome == RESEAU_OUTCOME_WON)
    sqlite3_bind_int64 (stmt, 2, now_seconds ());

  return reseau_db_step_done (worker, stmt, error);
}

static gpointer
set_referral_outcome_job (Worker   *worker,
                          gpointer  data,
                          GError  **error)
{
  OutcomeRequest *request = data;

  if (!reseau_db_begin_write (worker, error) || !write_outcome (worker, request->id, request->outcome, error))
    return NULL;

  return reseau_db_commit (worker, error);
}

static gpointer
add_referral_job (Worker   *worker,
                  gpointer  data,
                  GError  **error)
{
  ReseauReferral *referral = data;
  sqlite3_stmt *stmt;
  gint64 person_id, to_id;
  GDate day;

  if (!reseau_date_from_string (referral->referred_on, &day) ||
      (referral->recorded_on != NULL && !reseau_date_from_string (referral->recorded_on, &day)))
    {
      g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_FAILED,
                           _("This referral has no valid date."));
      return NULL;
    }

  if (!reseau_db_begin_write (worker, error) ||
      !optional_contact_id (worker, referral->person_uid, &person_id, error) ||
      !optional_contact_id (worker, referral->to_uid, &to_id, error))
    return NULL;

  if (referral->recorded_on == NULL)
    referral->recorded_on = local_today_string ();

  stmt = reseau_db_statement (worker,
                              "INSERT INTO referrals (direction, person_id, to_id, subject, referred_on,"
                              " recorded_on, outcome, value_cents, currency, thanked, created_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8, ?9, ?10)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, referral->direction);
  if (person_id != 0)
    sqlite3_bind_int64 (stmt, 2, person_id);
  if (to_id != 0)
    sqlite3_bind_int64 (stmt, 3, to_id);
  reseau_db_bind_text (stmt, 4, referral->subject);
  reseau_db_bind_text (stmt, 5, referral->referred_on);
  reseau_db_bind_text (stmt, 6, referral->recorded_on);
  sqlite3_bind_int64 (stmt, 7, referral->value_cents);
  reseau_db_bind_text (stmt, 8, referral->currency);
  sqlite3_bind_int (stmt, 9, referral->thanked != FALSE);
  sqlite3_bind_int64 (stmt, 10, now_seconds ());
  if (!reseau_db_step_done (worker, stmt, error))
    return NULL;
  referral->id = sqlite3_last_insert_rowid (sqlite3_db_handle (stmt));

  if (referral->outcome != RESEAU_OUTCOME_PENDING &&
      !write_outcome (worker, referral->id, referral->outcome, error))
    return NULL;

  return reseau_db_commit (worker, error);
}

typedef struct
{
  gint64   id;
  gboolean thanked;
} ThankedRequest;

static gpointer
set_referral_thanked_job (Worker   *worker,
                          gpointer  data,
                          GError  **error)
{
  ThankedRequest *request = data;
  sqlite3_stmt *stmt;

  if (!reseau_db_require_open (worker, error))
    return NULL;
  stmt = reseau_db_statement (worker, "UPDATE referrals SET thanked = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 2, request->thanked != FALSE);
  if (!reseau_db_update_by_id (worker, stmt, request->id, _("This referral has been deleted."), error))
    return NULL;

  return RESEAU_DB_OK;
}

static gpointer
list_referrals_job (Worker   *worker,
                    gpointer  data,
                    GError  **error)
{
  ReseauReferralQuery query = GPOINTER_TO_INT (data);
  g_autoptr(GPtrArray) referrals = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_referral_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT r.id, r.direction, p.uid, t.uid, r.subject, r.referred_on,"
                              " r.recorded_on, r.outcome, r.value_cents, r.currency, r.thanked,"
                              " p.display_name, t.display_name"
                              " FROM referrals r"
                              " LEFT JOIN contacts p ON p.id = r.person_id"
                              " LEFT JOIN contacts t ON t.id = r.to_id"
                              " WHERE ?1 = 0 OR (r.direction = 0 AND r.thanked = 0)"
                              " ORDER BY r.referred_on DESC, r.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, query == RESEAU_REFERRALS_NOT_THANKED);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauReferral *referral = g_new0 (ReseauReferral, 1);

      referral->id = sqlite3_column_int64 (stmt, 0);
      referral->direction = sqlite3_column_int (stmt, 1);
      referral->person_uid = reseau_db_column_text (stmt, 2);
      referral->to_uid = reseau_db_column_text (stmt, 3);
      referral->subject = reseau_db_column_text (stmt, 4);
      referral->referred_on = reseau_db_column_text (stmt, 5);
      referral->recorded_on = reseau_db_column_text (stmt, 6);
      referral->outcome = sqlite3_column_int (stmt, 7);
      referral->value_cents = sqlite3_column_int64 (stmt, 8);
      referral->currency = reseau_db_column_text (stmt, 9);
      referral->thanked = sqlite3_column_int (stmt, 10) != 0;
      referral->person_name = reseau_db_column_text (stmt, 11);
      referral->to_name = reseau_db_column_text (stmt, 12);
      g_ptr_array_add (referrals, referral);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&referrals);
}

typedef struct
{
  char                  *uid;
  ReseauReferralBalance  balance;
} BalanceRequest;

static gpointer
referral_balance_job (Worker   *worker,
                      gpointer  data,
                      GError  **error)
{
  BalanceRequest *request = data;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  if (!reseau_db_require_open (worker, error) || !reseau_db_live_contact_id (worker, request->uid, &id, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT"
                              " (SELECT count (*) FROM referrals WHERE direction = 0 AND person_id = ?1),"
                              " (SELECT count (*) FROM referrals WHERE direction = 1"
                              "   AND (person_id = ?1 OR to_id = ?1)),"
                              " (SELECT count (*) FROM referrals WHERE direction = 0 AND thanked = 0"
                              "   AND person_id = ?1)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      request->balance.received = (guint) sqlite3_column_int (stmt, 0);
      request->balance.given = (guint) sqlite3_column_int (stmt, 1);
      request->balance.unthanked = (guint) sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return reseau_db_fail (worker, rc, error);

  return RESEAU_DB_OK;
}

void
reseau_referral_debt_free (ReseauReferralDebt *debt)
{
  if (debt == NULL)
    return;

  g_free (debt->contact_uid);
  g_free (debt->display_name);
  g_free (debt);
}

static gpointer
list_referral_debts_job (Worker   *worker,
                         gpointer  data,
                         GError  **error)
{
  g_autoptr(GPtrArray) debts = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_referral_debt_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "WITH received (id, n) AS ("
                              "   SELECT person_id, count (*) FROM referrals"
                              "   WHERE direction = 0 AND person_id IS NOT NULL GROUP BY person_id),"
                              " given (id) AS ("
                              "   SELECT person_id FROM referrals WHERE direction = 1 AND person_id IS NOT NULL"
                              "   UNION ALL"
                              "   SELECT to_id FROM referrals WHERE direction = 1 AND to_id IS NOT NULL)"
                              " SELECT c.uid, c.display_name, r.n,"
                              "   (SELECT count (*) FROM given g WHERE g.id = r.id) AS n_given"
                              " FROM received r JOIN contacts c ON c.id = r.id"
                              " WHERE c.trashed_at IS NULL AND r.n > n_given"
                              " ORDER BY r.n - n_given DESC, c.sort_key, c.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauReferralDebt *debt = g_new0 (ReseauReferralDebt, 1);

      debt->contact_uid = reseau_db_column_text (stmt, 0);
      debt->display_name = reseau_db_column_text (stmt, 1);
      debt->received = (guint) sqlite3_column_int (stmt, 2);
      debt->given = (guint) sqlite3_column_int (stmt, 3);
      g_ptr_array_add (debts, debt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&debts);
}

static gpointer
add_mandate_job (Worker   *worker,
                 gpointer  data,
                 GError  **error)
{
  ReseauMandate *mandate = data;
  sqlite3_stmt *stmt;
  gint64 client_id;
  GDate day;

  if (!reseau_date_from_string (mandate->started_on, &day))
    {
      g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_FAILED,
                           _("This mandate has no valid start date."));
      return NULL;
    }
  if (!reseau_db_begin_write (worker, error) ||
      !optional_contact_id (worker, mandate->client_uid, &client_id, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "INSERT INTO mandates (title, client_id, started_on, source, referral_id,"
                              " event_id, value_cents, currency, created_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return NULL;
  reseau_db_bind_text (stmt, 1, mandate->title);
  if (client_id != 0)
    sqlite3_bind_int64 (stmt, 2, client_id);
  reseau_db_bind_text (stmt, 3, mandate->started_on);
  sqlite3_bind_int (stmt, 4, mandate->source);
  if (mandate->referral_id != 0)
    sqlite3_bind_int64 (stmt, 5, mandate->referral_id);
  if (mandate->event_id != 0)
    sqlite3_bind_int64 (stmt, 6, mandate->event_id);
  sqlite3_bind_int64 (stmt, 7, mandate->value_cents);
  reseau_db_bind_text (stmt, 8, mandate->currency);
  sqlite3_bind_int64 (stmt, 9, now_seconds ());
  if (!reseau_db_step_done (worker, stmt, error))
    return NULL;
  mandate->id = sqlite3_last_insert_rowid (sqlite3_db_handle (stmt));

  return reseau_db_commit (worker, error);
}

static gpointer
list_mandates_job (Worker   *worker,
                   gpointer  data,
                   GError  **error)
{
  g_autoptr(GPtrArray) mandates = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_mandate_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT m.id, m.title, c.uid, m.started_on, m.source, m.referral_id,"
                              " m.event_id, m.value_cents, m.currency"
                              " FROM mandates m LEFT JOIN contacts c ON c.id = m.client_id"
                              " ORDER BY m.started_on DESC, m.id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauMandate *mandate = g_new0 (ReseauMandate, 1);

      mandate->id = sqlite3_column_int64 (stmt, 0);
      mandate->title = reseau_db_column_text (stmt, 1);
      mandate->client_uid = reseau_db_column_text (stmt, 2);
      mandate->started_on = reseau_db_column_text (stmt, 3);
      mandate->source = sqlite3_column_int (stmt, 4);
      mandate->referral_id = sqlite3_column_int64 (stmt, 5);
      mandate->event_id = sqlite3_column_int64 (stmt, 6);
      mandate->value_cents = sqlite3_column_int64 (stmt, 7);
      mandate->currency = reseau_db_column_text (stmt, 8);
      g_ptr_array_add (mandates, mandate);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&mandates);
}

static gpointer
count_mandates_job (Worker   *worker,
                    gpointer  data,
                    GError  **error)
{
  guint *counts = data;
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker, "SELECT source, count (*) FROM mandates GROUP BY source", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int source = sqlite3_column_int (stmt, 0);

      if (source >= 0 && source <= RESEAU_MANDATE_DIRECT)
        counts[source] = (guint) sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return RESEAU_DB_OK;
}

/* For the _async call: the balance as the job's own result. */
static gpointer
referral_balance_copy_job (Worker   *worker,
                           gpointer  data,
                           GError  **error)
{
  BalanceRequest request = { data, { 0 } };

  if (referral_balance_job (worker, &request, error) == NULL)
    return NULL;

  return g_memdup2 (&request.balance, sizeof request.balance);
}

/* For the _async call: the counts as the job's own result. */
static gpointer
count_mandates_copy_job (Worker   *worker,
                         gpointer  data,
                         GError  **error)
{
  guint counts[RESEAU_MANDATE_DIRECT + 1] = { 0 };

  if (count_mandates_job (worker, counts, error) == NULL)
    return NULL;

  return g_memdup2 (counts, sizeof counts);
}

/* Events ------------------------------------------------------------------------- */

static gboolean
write_event (Worker       *worker,
             ReseauEvent  *event,
             GError      **error)
{
  sqlite3_stmt *stmt;
  GDate day;

  if (event->name == NULL || *event->name == '\0' || !reseau_date_from_string (event->held_on, &day))
    {
      g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_FAILED,
                           _("An event needs a name and a date."));
      return FALSE;
    }

  stmt = reseau_db_statement (worker,
                              "INSERT INTO events (name, held_on, place, link, format, theme, note,"
                              " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  reseau_db_bind_text (stmt, 1, event->name);
  reseau_db_bind_text (stmt, 2, event->held_on);
  reseau_db_bind_text (stmt, 3, event->place);
  reseau_db_bind_text (stmt, 4, event->link);
  sqlite3_bind_int (stmt, 5, event->format);
  reseau_db_bind_text (stmt, 6, event->theme);
  reseau_db_bind_text (stmt, 7, event->note);
  sqlite3_bind_int64 (stmt, 8, now_seconds ());
  if (!reseau_db_step_done (worker, stmt, error))
    return FALSE;
  event->id = sqlite3_last_insert_rowid (sqlite3_db_handle (stmt));

  return TRUE;
}

static gpointer
add_event_job (Worker   *worker,
               gpointer  data,
               GError  **error)
{
  if (!reseau_db_begin_write (worker, error) || !write_event (worker, data, error))
    return NULL;

  return reseau_db_commit (worker, error);
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

static gpointer
list_events_job (Worker   *worker,
                 gpointer  data,
                 GError  **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_event_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT id, name, held_on, place, link, format, theme, note FROM events"
                              " ORDER BY held_on DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&events);
}

static gboolean
write_attendee (Worker      *worker,
                gint64       event_id,
                gint64       contact_id,
                gboolean     met_there,
                GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 found;

  if (!query_int64 (worker, "SELECT id FROM events WHERE id = ?1", event_id, &found, error))
    return FALSE;
  if (found == 0)
    return reseau_db_not_found (error, _("This event has been deleted.")) != NULL;

  stmt = reseau_db_statement (worker,
                              "INSERT INTO event_attendees (event_id, contact_id, met_there)"
                              " VALUES (?1, ?2, ?3)"
                              " ON CONFLICT (event_id, contact_id) DO UPDATE SET met_there = excluded.met_there",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  sqlite3_bind_int (stmt, 3, met_there != FALSE);

  return reseau_db_step_done (worker, stmt, error);
}

typedef struct
{
  gint64          event_id;
  char           *uid;
  gboolean        met_there;
  ReseauContact  *contact;  /* borrowed: the caller keeps it until done */
} AttendeeRequest;

static void
attendee_request_free (AttendeeRequest *request)
{
  g_free (request->uid);
  g_free (request);
}

static gpointer
add_attendee_job (Worker   *worker,
                  gpointer  data,
                  GError  **error)
{
  AttendeeRequest *request = data;
  gint64 contact_id;

  if (!reseau_db_begin_write (worker, error) ||
      !reseau_db_live_contact_id (worker, request->uid, &contact_id, error) ||
      !write_attendee (worker, request->event_id, contact_id, request->met_there, error))
    return NULL;

  return reseau_db_commit (worker, error);
}

static gpointer
list_attendees_job (Worker   *worker,
                    gpointer  data,
                    GError  **error)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_attendee_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT c.uid, c.display_name, a.met_there FROM event_attendees a"
                              " JOIN contacts c ON c.id = a.contact_id"
                              " WHERE a.event_id = ?1 AND c.trashed_at IS NULL"
                              " ORDER BY c.sort_key, c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, *(gint64 *) data);
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

static gpointer
add_event_contact_job (Worker   *worker,
                       gpointer  data,
                       GError  **error)
{
  AttendeeRequest *request = data;
  ReseauContact *contact = request->contact;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new ();
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(ReseauReminder) reminder = NULL;
  g_autofree char *note = NULL;
  sqlite3_stmt *stmt;
  GDate next_day;
  int rc;

  if (!reseau_db_begin_write (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT id, name, held_on, place, link, format, theme, note FROM events"
                              " WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request->event_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    event = event_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);
  if (event == NULL)
    return reseau_db_not_found (error, _("This event has been deleted."));

  if (reseau_contact_get_how_met (contact) == NULL)
    reseau_contact_set_how_met (contact, event->name);
  if (reseau_contact_get_met_on (contact) == NULL)
    reseau_contact_set_met_on (contact, event->held_on);

  g_ptr_array_add (contacts, contact);
  if (!reseau_db_write_contacts (worker, contacts, error) ||
      !write_attendee (worker, event->id, reseau_contact_get_id (contact), TRUE, error))
    return NULL;

  reseau_date_from_string (event->held_on, &next_day);
  g_date_add_days (&next_day, 1);
  /* Translators: a reminder the day after an event; %s is the event's name */
  note = g_strdup_printf (_("Follow up after %s"), event->name);
  reminder = reseau_reminder_new (reseau_contact_get_uid (contact), &next_day, note);
  if (!write_reminder (worker, reminder, error))
    return NULL;

  return reseau_db_commit (worker, error);
}

/* Public API: interactions ---------------------------------------------------------- */

gboolean
reseau_database_save_interaction (ReseauDatabase     *self,
                                  ReseauInteraction  *interaction,
                                  GError            **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (interaction != NULL, FALSE);

  return reseau_db_run (self, save_interaction_job, interaction, error) != NULL;
}

void
reseau_database_save_interaction_async (ReseauDatabase      *self,
                                        ReseauInteraction   *interaction,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (interaction != NULL);

  /* Written into on the worker: the caller keeps it until completion. */
  reseau_db_run_async (self, save_interaction_job, interaction, NULL, NULL,
                       reseau_database_save_interaction_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_save_interaction)

gboolean
reseau_database_add_interactions (ReseauDatabase  *self,
                                  GPtrArray       *interactions,
                                  GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (interactions != NULL, FALSE);

  return reseau_db_run (self, add_interactions_job, interactions, error) != NULL;
}

RESEAU_DB_DEFINE_ID_OPERATION (ReseauInteraction *, reseau_database_load_interaction, load_interaction_job,
                               (GDestroyNotify) reseau_interaction_free)

RESEAU_DB_DEFINE_ID_OPERATION_BOOLEAN (reseau_database_trash_interaction, trash_interaction_job)

RESEAU_DB_DEFINE_ID_OPERATION_BOOLEAN (reseau_database_restore_interaction, restore_interaction_job)

gboolean
reseau_database_empty_interaction_trash (ReseauDatabase  *self,
                                         GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);

  return reseau_db_run (self, empty_interaction_trash_job, NULL, error) != NULL;
}

void
reseau_database_empty_interaction_trash_async (ReseauDatabase      *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, empty_interaction_trash_job, NULL, NULL, NULL,
                       reseau_database_empty_interaction_trash_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_empty_interaction_trash)

GPtrArray *
reseau_database_timeline_page (ReseauDatabase              *self,
                               const ReseauTimelineFilter  *filter,
                               gint64                       before_at,
                               gint64                       before_id,
                               guint                        limit,
                               GError                     **error)
{
  TimelineRequest *request;
  GPtrArray *rows;

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  request = timeline_request_new (filter, before_at, before_id, limit);
  rows = reseau_db_run (self, timeline_page_job, request, error);
  timeline_request_free (request);

  return rows;
}

void
reseau_database_timeline_page_async (ReseauDatabase              *self,
                                     const ReseauTimelineFilter  *filter,
                                     gint64                       before_at,
                                     gint64                       before_id,
                                     guint                        limit,
                                     GCancellable                *cancellable,
                                     GAsyncReadyCallback          callback,
                                     gpointer                     user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, timeline_page_job, timeline_request_new (filter, before_at, before_id, limit),
                       (GDestroyNotify) timeline_request_free, (GDestroyNotify) g_ptr_array_unref,
                       reseau_database_timeline_page_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GPtrArray *, reseau_database_timeline_page)

gboolean
reseau_database_get_last_interaction_day (ReseauDatabase  *self,
                                          const char      *uid,
                                          GDate           *day,
                                          GError         **error)
{
  DayRequest request = { (char *) uid, { 0 } };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  g_date_clear (day, 1);
  if (reseau_db_run (self, last_interaction_day_job, &request, error) == NULL)
    return FALSE;
  *day = request.day;

  return TRUE;
}

/* Public API: strength ------------------------------------------------------------- */

int
reseau_database_get_strength (ReseauDatabase  *self,
                              const char      *uid,
                              const GDate     *today,
                              char           **explanation,
                              GError         **error)
{
  StrengthRequest request = { 0 };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), -1);
  g_return_val_if_fail (uid != NULL, -1);
  g_return_val_if_fail (today != NULL && g_date_valid (today), -1);

  request.uid = (char *) uid;
  request.today = *today;
  request.want_explanation = explanation != NULL;
  if (reseau_db_run (self, strength_job, &request, error) == NULL)
    return -1;

  if (explanation != NULL)
    *explanation = request.explanation;

  return (int) request.score;
}

GArray *
reseau_database_list_strengths (ReseauDatabase  *self,
                                const GDate     *today,
                                GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  return reseau_db_run (self, list_strengths_job, (gpointer) today, error);
}

void
reseau_database_list_strengths_async (ReseauDatabase      *self,
                                      const GDate         *today,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  reseau_db_run_async (self, list_strengths_job, copy_date (today), g_free,
                       (GDestroyNotify) g_array_unref, reseau_database_list_strengths_async,
                       cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GArray *, reseau_database_list_strengths)

/* Public API: reminders ------------------------------------------------------------ */

gboolean
reseau_database_add_reminder (ReseauDatabase  *self,
                              ReseauReminder  *reminder,
                              GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (reminder != NULL, FALSE);

  return reseau_db_run (self, add_reminder_job, reminder, error) != NULL;
}

GPtrArray *
reseau_database_list_reminders (ReseauDatabase  *self,
                                const char      *uid,
                                GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  return reseau_db_run (self, list_reminders_job, (gpointer) uid, error);
}

void
reseau_database_add_reminder_async (ReseauDatabase      *self,
                                    ReseauReminder      *reminder,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (reminder != NULL);

  reseau_db_run_async (self, add_reminder_job, reminder, NULL, NULL,
                       reseau_database_add_reminder_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_add_reminder)

void
reseau_database_list_reminders_async (ReseauDatabase      *self,
                                      const char          *uid,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (uid != NULL);

  reseau_db_run_uid_async (self, list_reminders_job, uid, (GDestroyNotify) g_ptr_array_unref,
                           reseau_database_list_reminders_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GPtrArray *, reseau_database_list_reminders)

/* Public API: referrals and mandates -------------------------------------------------- */

gboolean
reseau_database_add_referral (ReseauDatabase  *self,
                              ReseauReferral  *referral,
                              GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (referral != NULL, FALSE);

  return reseau_db_run (self, add_referral_job, referral, error) != NULL;
}

gboolean
reseau_database_set_referral_outcome (ReseauDatabase  *self,
                                      gint64           id,
                                      ReseauOutcome    outcome,
                                      GError         **error)
{
  OutcomeRequest request = { id, outcome };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (outcome <= RESEAU_OUTCOME_LOST, FALSE);

  return reseau_db_run (self, set_referral_outcome_job, &request, error) != NULL;
}

gboolean
reseau_database_set_referral_thanked (ReseauDatabase  *self,
                                      gint64           id,
                                      gboolean         thanked,
                                      GError         **error)
{
  ThankedRequest request = { id, thanked };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);

  return reseau_db_run (self, set_referral_thanked_job, &request, error) != NULL;
}

GPtrArray *
reseau_database_list_referrals (ReseauDatabase       *self,
                                ReseauReferralQuery   query,
                                GError              **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_referrals_job, GINT_TO_POINTER (query), error);
}

void
reseau_database_list_referrals_async (ReseauDatabase      *self,
                                      ReseauReferralQuery  query,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, list_referrals_job, GINT_TO_POINTER (query), NULL,
                       (GDestroyNotify) g_ptr_array_unref, reseau_database_list_referrals_async,
                       cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GPtrArray *, reseau_database_list_referrals)

gboolean
reseau_database_get_referral_balance (ReseauDatabase         *self,
                                      const char             *uid,
                                      ReseauReferralBalance  *balance,
                                      GError                **error)
{
  BalanceRequest request = { (char *) uid, { 0 } };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);
  g_return_val_if_fail (balance != NULL, FALSE);

  if (reseau_db_run (self, referral_balance_job, &request, error) == NULL)
    return FALSE;
  *balance = request.balance;

  return TRUE;
}

GPtrArray *
reseau_database_list_referral_debts (ReseauDatabase  *self,
                                     GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_referral_debts_job, NULL, error);
}

gboolean
reseau_database_add_mandate (ReseauDatabase  *self,
                             ReseauMandate   *mandate,
                             GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (mandate != NULL, FALSE);

  return reseau_db_run (self, add_mandate_job, mandate, error) != NULL;
}

GPtrArray *
reseau_database_list_mandates (ReseauDatabase  *self,
                               GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_mandates_job, NULL, error);
}

gboolean
reseau_database_count_mandates_by_source (ReseauDatabase  *self,
                                          guint           *counts,
                                          GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof (guint) * (RESEAU_MANDATE_DIRECT + 1));
  return reseau_db_run (self, count_mandates_job, counts, error) != NULL;
}

void
reseau_database_add_referral_async (ReseauDatabase      *self,
                                    ReseauReferral      *referral,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (referral != NULL);

  reseau_db_run_async (self, add_referral_job, referral, NULL, NULL,
                       reseau_database_add_referral_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_add_referral)

void
reseau_database_set_referral_outcome_async (ReseauDatabase      *self,
                                            gint64               id,
                                            ReseauOutcome        outcome,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  OutcomeRequest request = { id, outcome };

  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (outcome <= RESEAU_OUTCOME_LOST);

  reseau_db_run_async (self, set_referral_outcome_job, g_memdup2 (&request, sizeof request), g_free, NULL,
                       reseau_database_set_referral_outcome_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_set_referral_outcome)

void
reseau_database_set_referral_thanked_async (ReseauDatabase      *self,
                                            gint64               id,
                                            gboolean             thanked,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  ThankedRequest request = { id, thanked };

  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, set_referral_thanked_job, g_memdup2 (&request, sizeof request), g_free, NULL,
                       reseau_database_set_referral_thanked_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_set_referral_thanked)

void
reseau_database_get_referral_balance_async (ReseauDatabase      *self,
                                            const char          *uid,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (uid != NULL);

  reseau_db_run_uid_async (self, referral_balance_copy_job, uid, g_free,
                           reseau_database_get_referral_balance_async, cancellable, callback, user_data);
}

gboolean
reseau_database_get_referral_balance_finish (ReseauDatabase         *self,
                                             GAsyncResult           *result,
                                             ReseauReferralBalance  *balance,
                                             GError                **error)
{
  g_autofree ReseauReferralBalance *found = reseau_db_finish (self, result,
                                                              reseau_database_get_referral_balance_async,
                                                              error);

  if (found == NULL)
    return FALSE;
  *balance = *found;

  return TRUE;
}

void
reseau_database_list_referral_debts_async (ReseauDatabase      *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, list_referral_debts_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                       reseau_database_list_referral_debts_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GPtrArray *, reseau_database_list_referral_debts)

void
reseau_database_count_mandates_by_source_async (ReseauDatabase      *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, count_mandates_copy_job, NULL, NULL, g_free,
                       reseau_database_count_mandates_by_source_async, cancellable, callback, user_data);
}

gboolean
reseau_database_count_mandates_by_source_finish (ReseauDatabase  *self,
                                                 GAsyncResult    *result,
                                                 guint           *counts,
                                                 GError         **error)
{
  g_autofree guint *result_counts = reseau_db_finish (self, result, reseau_database_count_mandates_by_source_async, error);

  if (result_counts == NULL)
    return FALSE;
  memcpy (counts, result_counts, sizeof (guint) * (RESEAU_MANDATE_DIRECT + 1));

  return TRUE;
}

/* Public API: events ---------------------------------------------------------------- */

gboolean
reseau_database_add_event (ReseauDatabase  *self,
                           ReseauEvent     *event,
                           GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  return reseau_db_run (self, add_event_job, event, error) != NULL;
}

GPtrArray *
reseau_database_list_events (ReseauDatabase  *self,
                             GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_events_job, NULL, error);
}

void
reseau_database_list_events_async (ReseauDatabase      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, list_events_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                       reseau_database_list_events_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GPtrArray *, reseau_database_list_events)

gboolean
reseau_database_add_attendee (ReseauDatabase  *self,
                              gint64           event_id,
                              const char      *uid,
                              gboolean         met_there,
                              GError         **error)
{
  AttendeeRequest request = { event_id, (char *) uid, met_there, NULL };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  return reseau_db_run (self, add_attendee_job, &request, error) != NULL;
}

GPtrArray *
reseau_database_list_attendees (ReseauDatabase  *self,
                                gint64           event_id,
                                GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_attendees_job, &event_id, error);
}

gboolean
reseau_database_add_event_contact (ReseauDatabase  *self,
                                   gint64           event_id,
                                   ReseauContact   *contact,
                                   GError         **error)
{
  AttendeeRequest request = { event_id, NULL, TRUE, contact };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (RESEAU_IS_CONTACT (contact), FALSE);

  return reseau_db_run (self, add_event_contact_job, &request, error) != NULL;
}

void
reseau_database_add_event_contact_async (ReseauDatabase      *self,
                                         gint64               event_id,
                                         ReseauContact       *contact,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  AttendeeRequest *request;

  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (RESEAU_IS_CONTACT (contact));

  /* The worker fills in the caller's contact (id, how we met): the caller
   * keeps it, unchanged, until the call completes. */
  request = g_new0 (AttendeeRequest, 1);
  request->event_id = event_id;
  request->met_there = TRUE;
  request->contact = contact;
  reseau_db_run_async (self, add_event_contact_job, request, (GDestroyNotify) attendee_request_free,
                       NULL, reseau_database_add_event_contact_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_add_event_contact)
