/* reseau-database.c — the one SQLite connection and the thread that owns it
 *
 * Every query runs on one worker thread that owns the only sqlite3 handle:
 *
 *   caller (UI thread, CLI, test)          worker thread
 *   ─────────────────────────────          ─────────────────────────────
 *   foo_async () ─ Job{func, data, GTask} ─▶ GAsyncQueue ─▶ func (worker)
 *   callback ◀──── g_task_return_* ◀─────────────────────── result/error
 *   foo ()  (blocking) ─ Job{func, data, SyncWait} ─▶ … ─▶ GCond signalled
 *
 * The UI thread never touches SQLite, so a slow disk or a big write cannot
 * freeze the window. When the queue has been idle for a while the worker
 * takes its daily backup copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "reseau-database-private.h"
#include "reseau-error.h"
#include "reseau-interaction.h"
#include "reseau-strength.h"
#include "reseau-text.h"

/* How long the queue must be idle before the daily backup runs. */
#define IDLE_BACKUP_DELAY_USEC (5 * G_USEC_PER_SEC)
#define BACKUP_EVERY_SECONDS   (24 * 60 * 60)
/* Contacts left in the trash by a session that ended without emptying it
 * are deleted for good at the next start, after this long. */
#define TRASH_KEEP_SECONDS     (60 * 60)

typedef ReseauDatabaseWorker Worker;
typedef ReseauDatabaseJob JobFunc;

/* State of the worker thread; only the worker thread reads or writes it. */
struct _ReseauDatabaseWorker
{
  char        *path;
  sqlite3     *db;
  GHashTable  *statements;  /* const char *sql → sqlite3_stmt* */
  GAsyncQueue *queue;
  gint64       last_backup; /* monotonic time, 0 = never in this session */
};

typedef struct
{
  GMutex    mutex;
  GCond     cond;
  gboolean  done;
  gpointer  result;
  GError   *error;
} SyncWait;

typedef struct
{
  JobFunc         func;       /* NULL asks the worker to stop */
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
  GTask          *task;       /* for _async calls */
  SyncWait       *wait;       /* for blocking calls */
  GCancellable   *cancellable;
} Job;

struct _ReseauDatabase
{
  GObject       parent_instance;

  char         *path;
  GThread      *thread;
  GAsyncQueue  *queue;
};

G_DEFINE_FINAL_TYPE (ReseauDatabase, reseau_database, G_TYPE_OBJECT)

#define JOB_OK RESEAU_DB_OK

void
reseau_contact_summary_free (ReseauContactSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->uid);
  g_free (summary->display_name);
  g_free (summary->subtitle);
  g_free (summary->sort_key);
  g_free (summary);
}

/* Errors ------------------------------------------------------------------ */

void
reseau_database_set_sqlite_error (GError     **error,
                                  sqlite3     *db,
                                  int          code,
                                  const char  *path)
{
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (code);

  switch (code & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_CORRUPT,
                   _("The contacts database “%s” is damaged (%s). It has not been changed. "
                     "Restore the last backup, or move the file away to start afresh."),
                   path, detail);
      break;

    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_WRITABLE,
                   _("Cannot write the contacts database “%s” (%s). Check that its folder "
                     "exists and that you are allowed to write to it."),
                   path, detail);
      break;

    case SQLITE_FULL:
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_WRITABLE,
                   _("The disk holding the contacts database “%s” is full. Free some space "
                     "and try again; nothing was changed."),
                   path);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_FAILED,
                   _("The contacts database “%s” is busy in another program. Try again in "
                     "a moment."),
                   path);
      break;

    default:
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_FAILED,
                   _("The contacts database “%s” could not be used: %s"),
                   path, detail);
      break;
    }
}

gpointer
reseau_db_fail (Worker  *worker,
                int      code,
                GError **error)
{
  reseau_database_set_sqlite_error (error, worker->db, code, worker->path);
  return NULL;
}

/* Statements -------------------------------------------------------------- */

/* Prepared once per connection and kept: the SQL text must be a string
 * literal, whose address is the cache key. */
sqlite3_stmt *
reseau_db_statement (Worker      *worker,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (worker->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (worker->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      reseau_db_fail (worker, rc, error);
      return NULL;
    }

  g_hash_table_insert (worker->statements, (gpointer) sql, stmt);
  return stmt;
}

void
reseau_db_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* For text that stays alive and unchanged until the statement has been
 * stepped, such as the fields of the contact being written: SQLite then
 * reads it in place instead of copying every field of every contact of an
 * import. The statement cache clears the binding before the next use. */
static void
bind_borrowed_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

char *
reseau_db_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Runs a statement that returns no rows. */
gboolean
reseau_db_step_done (Worker        *worker,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      reseau_db_fail (worker, rc, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
reseau_db_exec (Worker      *worker,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = reseau_db_statement (worker, sql, error);

  return stmt != NULL && reseau_db_step_done (worker, stmt, error);
}

void
reseau_db_rollback (Worker *worker)
{
  if (worker->db != NULL && !sqlite3_get_autocommit (worker->db))
    sqlite3_exec (worker->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Opening ----------------------------------------------------------------- */

static gboolean
looks_like_sqlite (const char  *path,
                   GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  char header[16];
  gsize n_read = 0;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_WRITABLE,
                   _("Cannot read the contacts database “%s” (%s). Check its permissions."),
                   path, local_error->message);
      return FALSE;
    }

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read,
                                NULL, &local_error))
    {
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_WRITABLE,
                   _("Cannot read the contacts database “%s” (%s). Check its permissions."),
                   path, local_error->message);
      return FALSE;
    }

  /* An empty file is a database that was never written to. */
  if (n_read == 0 || (n_read == sizeof header && memcmp (header, magic, sizeof magic) == 0))
    return TRUE;

  g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_CORRUPT,
               _("The contacts database “%s” is damaged (it is not an SQLite database). "
                 "It has not been changed. Restore the last backup, or move the file away "
                 "to start afresh."),
               path);
  return FALSE;
}

/* A consistent copy, even while the database is in WAL mode. */
gboolean
reseau_db_copy_into (Worker      *worker,
                     const char  *destination,
                     GError     **error)
{
  g_autofree char *partial = g_strconcat (destination, ".partial", NULL);
  sqlite3_stmt *stmt;

  g_unlink (partial);

  stmt = reseau_db_statement (worker, "VACUUM INTO ?1", error);
  if (stmt == NULL)
    return FALSE;
  reseau_db_bind_text (stmt, 1, partial);
  if (!reseau_db_step_done (worker, stmt, error))
    {
      g_unlink (partial);
      return FALSE;
    }

  /* Replace the previous copy only once the new one is complete. */
  if (g_rename (partial, destination) != 0)
    {
      int saved_errno = errno;

      g_unlink (partial);
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_WRITABLE,
                   _("Cannot write the backup “%s”: %s"), destination, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static char *
daily_backup_path (const char *path)
{
  return g_strconcat (path, ".bak", NULL);
}

static char *
migration_backup_path (const char *path,
                       int         version)
{
  return g_strdup_printf ("%s.bak-v%d", path, version);
}

/* SQL reseau_cooling_on (strength_raw, last_on): the day the contact's
 * strength falls below the cooling-down threshold, or NULL (see
 * reseau_strength_cooling_day()). In SQL so that a migration or a
 * set-based update can fill contact_activity.cooling_on. */
static void
cooling_on_function (sqlite3_context  *context,
                     int               n_args,
                     sqlite3_value   **args)
{
  const char *last_on = (const char *) sqlite3_value_text (args[1]);
  g_autofree char *text = NULL;
  GDate last, day;

  g_date_clear (&last, 1);
  if (last_on == NULL || !reseau_date_from_string (last_on, &last) ||
      !reseau_strength_cooling_day (sqlite3_value_double (args[0]), &last, &day))
    {
      sqlite3_result_null (context);
      return;
    }

  text = reseau_date_to_string (&day);
  sqlite3_result_text (context, text, -1, SQLITE_TRANSIENT);
}

/* WAL, but for a while: another process's first import runs with a
 * rollback journal and holds the file meanwhile (see "A first import"),
 * when the journal cannot change. This connection then works in that
 * mode, with synchronous = FULL as a rollback journal needs to survive a
 * power cut, and a later opening brings WAL back. */
static int
set_journal (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
      if (rc == SQLITE_ROW || (rc & 0xff) == SQLITE_BUSY)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, wal ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL",
                       NULL, NULL, NULL);
  return rc;
}

/* Pages of 16 KiB rather than SQLite's 4 KiB, for a file made now (an
 * existing one keeps its own): a contact's row with its vCard is over half
 * a kilobyte, and the bigger pages cut the splitting and writing of pages
 * that dominates a big import. Measured side by side on 100,000 cards, the
 * first import takes 0.3 s less (2.75 s instead of 3.1 s); 32 KiB saved a
 * little more but made the follow-up lists 40 % slower.
 *
 * A cache of 8 MiB, instead of SQLite's 2 MiB, holds as many of them as
 * the smaller pages: with it, the follow-up view, timeline and searches
 * on 100,000 contacts and 1,000,000 interactions take the same time as
 * with 4 KiB pages (without it, the timeline's pages took three times as
 * long). The cache grows only as pages are read. */
#define PAGE_SIZE          "16384"
#define DEFAULT_CACHE      -8192  /* KiB */

static gboolean
configure_connection (Worker  *worker,
                      GError **error)
{
  int rc;

  /* Wait for a CLI writing at the same moment rather than failing. */
  sqlite3_busy_timeout (worker->db, 5000);

  /* Before WAL, which writes the file's first page. */
  rc = sqlite3_exec (worker->db,
                     "PRAGMA page_size = " PAGE_SIZE ";"
                     "PRAGMA cache_size = " G_STRINGIFY (DEFAULT_CACHE) ";",
                     NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = set_journal (worker->db);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (worker->db,
                       "PRAGMA foreign_keys = ON;"
                       "PRAGMA temp_store = MEMORY;"
                       /* See reseau-database-followups.c. */
                       "CREATE TEMP TABLE followups_stale (contact_id INTEGER PRIMARY KEY);",
                       NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (worker->db, "reseau_cooling_on", 2,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                  NULL, cooling_on_function, NULL, NULL);
  if (rc != SQLITE_OK)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

static gpointer
open_job (Worker   *worker,
          gpointer  data,
          GError  **error)
{
  g_autofree char *folder = g_path_get_dirname (worker->path);
  int version = 0;
  int rc;

  if (worker->db != NULL)
    return JOB_OK;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_WRITABLE,
                   _("Cannot create the folder “%s” for the contacts database: %s. Check "
                     "that you are allowed to write there."),
                   folder, g_strerror (saved_errno));
      return NULL;
    }

  if (!looks_like_sqlite (worker->path, error))
    return NULL;

  rc = sqlite3_open_v2 (worker->path, &worker->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      reseau_db_fail (worker, rc, error);
      g_clear_pointer (&worker->db, sqlite3_close);
      return NULL;
    }

  /* Read the version before anything writes to the file: a database from a
   * newer Réseau must be left exactly as it is. */
  if (!reseau_database_schema_read_version (worker->db, &version, error))
    goto failed;

  if (version > RESEAU_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NEWER_SCHEMA,
                   _("The contacts database “%s” was written by a newer version of Réseau "
                     "(format %d; this version reads formats up to %d). It has not been "
                     "changed. Install the newer Réseau to open it."),
                   worker->path, version, RESEAU_DATABASE_SCHEMA_VERSION);
      goto failed;
    }

  if (!sqlite3_db_readonly (worker->db, "main") && access (worker->path, W_OK) != 0 &&
      g_file_test (worker->path, G_FILE_TEST_EXISTS))
    {
      rc = SQLITE_READONLY;
      reseau_db_fail (worker, rc, error);
      goto failed;
    }

  if (!configure_connection (worker, error))
    goto failed;

  if (version < RESEAU_DATABASE_SCHEMA_VERSION)
    {
      /* Keep the data as it was before a migration touches it. A fresh file
       * (version 0) holds nothing to keep. */
      if (version > 0)
        {
          g_autofree char *backup = migration_backup_path (worker->path, version);

          if (!reseau_db_copy_into (worker, backup, error))
            goto failed;
        }

      if (!reseau_database_schema_migrate (worker->db, version, error))
        goto failed;
    }

  /* A quick look at the structure catches most damage now rather than in
   * the middle of an edit. */
  {
    sqlite3_stmt *stmt = reseau_db_statement (worker, "SELECT count(*) FROM sqlite_schema", error);

    if (stmt == NULL)
      goto failed;
    rc = sqlite3_step (stmt);
    sqlite3_reset (stmt);
    if (rc != SQLITE_ROW)
      {
        reseau_db_fail (worker, rc, error);
        goto failed;
      }
  }

  {
    sqlite3_stmt *stmt = reseau_db_statement (worker,
                                              "DELETE FROM contacts WHERE trashed_at < ?1", error);

    if (stmt == NULL)
      goto failed;
    sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC - TRASH_KEEP_SECONDS);
    if (!reseau_db_step_done (worker, stmt, error))
      goto failed;
  }

  return JOB_OK;

failed:
  g_hash_table_remove_all (worker->statements);
  g_clear_pointer (&worker->db, sqlite3_close);
  return NULL;
}

gboolean
reseau_db_require_open (Worker  *worker,
                        GError **error)
{
  if (worker->db != NULL)
    return TRUE;

  return open_job (worker, NULL, error) != NULL;
}

/* Contacts: reading ------------------------------------------------------- */

static ReseauContact *
load_contact_row (Worker        *worker,
                  sqlite3_stmt  *row,
                  GError       **error)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  id = sqlite3_column_int64 (row, 0);
  reseau_contact_set_id (contact, id);
  reseau_contact_set_uid (contact, (const char *) sqlite3_column_text (row, 1));
  reseau_contact_set_kind (contact, sqlite3_column_int (row, 2));
  reseau_contact_set_full_name (contact, (const char *) sqlite3_column_text (row, 3));
  reseau_contact_set_prefix (contact, (const char *) sqlite3_column_text (row, 4));
  reseau_contact_set_given_name (contact, (const char *) sqlite3_column_text (row, 5));
  reseau_contact_set_additional_names (contact, (const char *) sqlite3_column_text (row, 6));
  reseau_contact_set_family_name (contact, (const char *) sqlite3_column_text (row, 7));
  reseau_contact_set_suffix (contact, (const char *) sqlite3_column_text (row, 8));
  reseau_contact_set_nickname (contact, (const char *) sqlite3_column_text (row, 9));
  reseau_contact_set_organization (contact, (const char *) sqlite3_column_text (row, 10));
  reseau_contact_set_title (contact, (const char *) sqlite3_column_text (row, 11));
  if (sqlite3_column_int (row, 13) != 0)
    reseau_contact_set_birthday (contact, sqlite3_column_int (row, 12),
                                 sqlite3_column_int (row, 13), sqlite3_column_int (row, 14));
  reseau_contact_set_note (contact, (const char *) sqlite3_column_text (row, 15));
  if (sqlite3_column_bytes (row, 16) > 0)
    {
      g_autoptr(GBytes) photo = g_bytes_new (sqlite3_column_blob (row, 16),
                                             sqlite3_column_bytes (row, 16));
      reseau_contact_set_photo (contact, photo);
    }
  reseau_contact_set_how_met (contact, (const char *) sqlite3_column_text (row, 17));
  reseau_contact_set_met_on (contact, (const char *) sqlite3_column_text (row, 18));
  reseau_contact_set_introduced_by (contact, (const char *) sqlite3_column_text (row, 19));
  reseau_contact_set_cadence_days (contact, sqlite3_column_int (row, 20));
  reseau_contact_set_created_at (contact, sqlite3_column_int64 (row, 21));
  reseau_contact_set_updated_at (contact, sqlite3_column_int64 (row, 22));
  reseau_contact_set_vcard (contact, (const char *) sqlite3_column_text (row, 23));
  reseau_contact_set_role (contact, (const char *) sqlite3_column_text (row, 24));
  if (sqlite3_column_int (row, 26) != 0)
    reseau_contact_set_anniversary (contact, sqlite3_column_int (row, 25),
                                    sqlite3_column_int (row, 26), sqlite3_column_int (row, 27));
  reseau_contact_set_revision (contact, sqlite3_column_int64 (row, 28));

  stmt = reseau_db_statement (worker,
                              "SELECT field, label, value FROM contact_values"
                              " WHERE contact_id = ?1 ORDER BY field, position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    reseau_contact_add_value (contact, sqlite3_column_int (stmt, 0),
                              (const char *) sqlite3_column_text (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  stmt = reseau_db_statement (worker,
                              "SELECT label, po_box, extended, street, locality, region, postal_code,"
                              " country FROM contact_addresses WHERE contact_id = ?1 ORDER BY position",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauAddress address = {
        .label = (char *) sqlite3_column_text (stmt, 0),
        .po_box = (char *) sqlite3_column_text (stmt, 1),
        .extended = (char *) sqlite3_column_text (stmt, 2),
        .street = (char *) sqlite3_column_text (stmt, 3),
        .locality = (char *) sqlite3_column_text (stmt, 4),
        .region = (char *) sqlite3_column_text (stmt, 5),
        .postal_code = (char *) sqlite3_column_text (stmt, 6),
        .country = (char *) sqlite3_column_text (stmt, 7),
      };
      reseau_contact_add_address (contact, &address);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  stmt = reseau_db_statement (worker,
                              "SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id"
                              " WHERE ct.contact_id = ?1 ORDER BY ct.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    reseau_contact_add_tag (contact, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&contact);
}

#define SELECT_CONTACT \
  "SELECT c.id, c.uid, c.kind, c.full_name, c.prefix, c.given_name, c.additional_names," \
  " c.family_name, c.suffix, c.nickname, c.organization, c.title, c.birthday_year," \
  " c.birthday_month, c.birthday_day, c.note, c.photo, c.how_met, c.met_on, i.uid," \
  " c.cadence_days, c.created_at, c.updated_at, c.vcard, c.role, c.anniversary_year," \
  " c.anniversary_month, c.anniversary_day, c.revision" \
  " FROM contacts c LEFT JOIN contacts i ON i.id = c.introduced_by"

ReseauContact *
reseau_db_load_contact (Worker      *worker,
                        const char  *uid,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  ReseauContact *contact;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker, SELECT_CONTACT " WHERE c.uid = ?1 AND c.trashed_at IS NULL", error);
  if (stmt == NULL)
    return NULL;
  reseau_db_bind_text (stmt, 1, uid);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND,
                   _("There is no contact with UID “%s”."), uid);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return reseau_db_fail (worker, rc, error);
    }

  /* The row's columns stay valid until the next step or reset; the nested
   * queries use other statements. */
  contact = load_contact_row (worker, stmt, error);
  sqlite3_reset (stmt);

  return contact;
}

static gpointer
load_contact_job (Worker   *worker,
                  gpointer  data,
                  GError  **error)
{
  return reseau_db_load_contact (worker, data, error);
}

static gpointer
list_contacts_job (Worker   *worker,
                   gpointer  data,
                   GError  **error)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              SELECT_CONTACT " WHERE c.trashed_at IS NULL ORDER BY c.sort_key, c.id",
                              error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauContact *contact = load_contact_row (worker, stmt, error);

      if (contact == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (contacts, contact);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&contacts);
}

static gpointer
list_summaries_job (Worker   *worker,
                    gpointer  data,
                    GError  **error)
{
  g_autoptr(GPtrArray) summaries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT id, uid, display_name, subtitle, sort_key, kind FROM contacts"
                              " WHERE trashed_at IS NULL ORDER BY sort_key, id", error);
  if (stmt == NULL)
    return NULL;

  summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_contact_summary_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauContactSummary *summary = g_new (ReseauContactSummary, 1);

      summary->id = sqlite3_column_int64 (stmt, 0);
      summary->uid = reseau_db_column_text (stmt, 1);
      summary->display_name = reseau_db_column_text (stmt, 2);
      summary->subtitle = reseau_db_column_text (stmt, 3);
      summary->sort_key = reseau_db_column_text (stmt, 4);
      summary->kind = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (summaries, summary);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&summaries);
}

static gpointer
search_job (Worker   *worker,
            gpointer  data,
            GError  **error)
{
  g_autofree char *query = reseau_text_build_fts_query (data);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;
  if (query == NULL)
    return g_steal_pointer (&ids);

  /* Trashed contacts are removed from the index, so no join is needed. */
  stmt = reseau_db_statement (worker,
                              "SELECT rowid FROM contacts_search WHERE contacts_search MATCH ?1", error);
  if (stmt == NULL)
    return NULL;
  reseau_db_bind_text (stmt, 1, query);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&ids);
}

static gpointer
list_tags_job (Worker   *worker,
               gpointer  data,
               GError  **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT name FROM tags WHERE id IN (SELECT tag_id FROM contact_tags)"
                              " ORDER BY name", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_strv_builder_end (builder);
}

/* Contacts: writing ------------------------------------------------------- */

static void
append_search_text (GString    *body,
                    const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;

  if (body->len > 0)
    g_string_append_c (body, ' ');
  reseau_text_append_folded (body, text, -1);
}

/* Everything search-as-you-type looks into, folded like the queries. */
char *
reseau_db_search_body (ReseauContact *contact)
{
  GString *body = g_string_sized_new (256);
  const char *texts[] = {
    reseau_contact_get_full_name (contact),
    reseau_contact_get_prefix (contact),
    reseau_contact_get_given_name (contact),
    reseau_contact_get_additional_names (contact),
    reseau_contact_get_family_name (contact),
    reseau_contact_get_suffix (contact),
    reseau_contact_get_nickname (contact),
    reseau_contact_get_organization (contact),
    reseau_contact_get_title (contact),
    reseau_contact_get_role (contact),
    reseau_contact_get_how_met (contact),
    reseau_contact_get_note (contact),
  };
  GPtrArray *array;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    append_search_text (body, texts[i]);

  array = reseau_contact_get_values (contact, RESEAU_FIELD_EMAIL);
  for (guint i = 0; i < array->len; i++)
    append_search_text (body, ((ReseauLabeledValue *) g_ptr_array_index (array, i))->value);

  array = reseau_contact_get_values (contact, RESEAU_FIELD_PHONE);
  for (guint i = 0; i < array->len; i++)
    {
      const ReseauLabeledValue *phone = g_ptr_array_index (array, i);
      g_autofree char *terms = reseau_text_phone_search_terms (phone->value);

      append_search_text (body, terms);
    }

  array = reseau_contact_get_values (contact, RESEAU_FIELD_URL);
  for (guint i = 0; i < array->len; i++)
    append_search_text (body, ((ReseauLabeledValue *) g_ptr_array_index (array, i))->value);

  array = reseau_contact_get_addresses (contact);
  for (guint i = 0; i < array->len; i++)
    {
      g_autofree char *formatted = reseau_address_format (g_ptr_array_index (array, i));
      append_search_text (body, formatted);
    }

  array = reseau_contact_get_tags (contact);
  for (guint i = 0; i < array->len; i++)
    append_search_text (body, g_ptr_array_index (array, i));

  return g_string_free (body, FALSE);
}

typedef struct
{
  gint64  id;
  char   *introducer_uid;
} PendingIntroduction;

/* State shared by the contacts written in one transaction. Tag ids are
 * remembered so that an import of thousands of contacts sharing a handful
 * of tags looks each tag up once; the cache dies with the transaction, so a
 * rollback cannot leave a stale id behind. */
typedef struct
{
  gint64      now;
  GHashTable *tag_ids;  /* ASCII-lowercased name → gint64 id */
  /* Introducers not found when their contact was written: an exported file
   * is in name order, so a card often names an introducer that comes later
   * in the same batch. Resolved again once every contact is written. */
  GArray     *pending;  /* of PendingIntroduction */
  /* When set (big batches), the values, tags and search text of new
   * contacts go to temporary tables first; see flush_staged(). */
  gboolean    staging;
  guint       n_staged;  /* contacts whose rows wait there */
  /* Set when the batch began on an empty contacts table: then only an
   * earlier contact of the same batch can hold a UID, and this table
   * answers instead of a query per contact. Keys are borrowed from the
   * contacts, which the caller holds for the whole batch. */
  GHashTable *fresh;     /* UID → ReseauContact (first written with it) */
  /* CREATE INDEX statements of the indexes dropped for the batch, to run
   * again once its rows are in; see drop_fresh_indexes(). */
  GPtrArray  *dropped_indexes;
  /* Set with fresh in a big batch: the search index is built on another
   * thread (reseau-database-search-build.c) and staged search text is not. */
  ReseauSearchBuild *search_build;
} WriteBatch;

static void
pending_introduction_clear (gpointer data)
{
  PendingIntroduction *pending = data;

  g_free (pending->introducer_uid);
}

static void
write_batch_init (WriteBatch *batch)
{
  batch->now = g_get_real_time () / G_USEC_PER_SEC;
  batch->staging = FALSE;
  batch->n_staged = 0;
  batch->fresh = NULL;
  batch->dropped_indexes = NULL;
  batch->search_build = NULL;
  batch->tag_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  batch->pending = g_array_new (FALSE, FALSE, sizeof (PendingIntroduction));
  g_array_set_clear_func (batch->pending, pending_introduction_clear);
}

static void
write_batch_clear (WriteBatch *batch)
{
  g_clear_pointer (&batch->tag_ids, g_hash_table_unref);
  g_clear_pointer (&batch->pending, g_array_unref);
  g_clear_pointer (&batch->fresh, g_hash_table_unref);
  g_clear_pointer (&batch->dropped_indexes, g_ptr_array_unref);
  g_clear_pointer (&batch->search_build, reseau_search_build_free);
}

/* Staging ------------------------------------------------------------------
 *
 * A row inserted with its own statement costs SQLite far more than the
 * same row copied by one INSERT … SELECT: at every step it opens the
 * tables and indexes again and walks down to the leaf, between inserts
 * into other tables that push those pages out of the way. In a big batch
 * the rows of new contacts are therefore appended to temporary tables
 * (in memory: temp_store is MEMORY), and copied into the real ones every
 * STAGE_FLUSH_EVERY contacts and at the end, all inside the batch's
 * transaction: a failure or a cancellation still writes nothing.
 * Measured on 100,000 typical cards, side by side: the writing thread
 * used 3.7 s of CPU instead of 4.7 s (values 1.3 s → 0.3 s staged + 0.4 s
 * copied, search index 1.6 s → 0.2 s + 1.0 s, tags 0.26 s → 0.2 s). The
 * copies come every few thousand contacts so that progress and
 * cancellation stay as lively as before. Contacts being updated are
 * written directly, after a copy, so that their DELETEs see every row
 * written before them. */
#define STAGE_FLUSH_EVERY 4096

static gboolean
begin_staging (Worker      *worker,
               WriteBatch  *batch,
               GError     **error)
{
  /* Made outside the transaction, so that a rollback leaves them for the
   * next batch; they live as long as the connection. */
  if (!reseau_db_exec (worker,
                       "CREATE TEMP TABLE IF NOT EXISTS staged_values (contact_id INTEGER,"
                       " field INTEGER, position INTEGER, label TEXT, value TEXT)", error) ||
      !reseau_db_exec (worker,
                       "CREATE TEMP TABLE IF NOT EXISTS staged_tags (contact_id INTEGER,"
                       " tag_id INTEGER, position INTEGER)", error) ||
      !reseau_db_exec (worker,
                       "CREATE TEMP TABLE IF NOT EXISTS staged_search (id INTEGER PRIMARY KEY,"
                       " body TEXT)", error))
    return FALSE;

  batch->staging = TRUE;
  batch->n_staged = 0;
  return TRUE;
}

/* Copies the staged rows into the real tables, in the order they were
 * staged, and empties the temporary tables. */
static gboolean
flush_staged (Worker      *worker,
              WriteBatch  *batch,
              GError     **error)
{
  if (batch->n_staged == 0)
    return TRUE;

  if (batch->search_build != NULL)
    reseau_search_build_copy_staged (batch->search_build);

  if (!reseau_db_exec (worker,
                       "INSERT INTO contact_values (contact_id, field, position, label, value)"
                       " SELECT contact_id, field, position, label, value"
                       " FROM temp.staged_values ORDER BY rowid", error) ||
      /* Two tags of one contact may differ only by ASCII case. */
      !reseau_db_exec (worker,
                       "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id, position)"
                       " SELECT contact_id, tag_id, position FROM temp.staged_tags ORDER BY rowid",
                       error) ||
      !reseau_db_exec (worker,
                       "INSERT INTO contacts_search (rowid, body)"
                       " SELECT id, body FROM temp.staged_search ORDER BY id", error) ||
      !reseau_db_exec (worker, "DELETE FROM temp.staged_values", error) ||
      !reseau_db_exec (worker, "DELETE FROM temp.staged_tags", error) ||
      !reseau_db_exec (worker, "DELETE FROM temp.staged_search", error))
    return FALSE;

  batch->n_staged = 0;
  return TRUE;
}

/* is_new: the contact was just inserted, so there is nothing of it to
 * remove from the index first. */
static gboolean
index_contact (Worker         *worker,
               gint64          id,
               ReseauContact  *contact,
               gboolean        is_new,
               GError        **error)
{
  sqlite3_stmt *stmt;

  if (!is_new)
    {
      stmt = reseau_db_statement (worker, "DELETE FROM contacts_search WHERE rowid = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!reseau_db_step_done (worker, stmt, error))
        return FALSE;
    }

  if (contact == NULL)
    return TRUE;

  stmt = reseau_db_statement (worker, "INSERT INTO contacts_search (rowid, body) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, reseau_db_search_body (contact), -1, g_free);

  return reseau_db_step_done (worker, stmt, error);
}

/* index_contact() for a contact of a batch: handed to the builder, or
 * staged, when it can be. */
static gboolean
index_written_contact (Worker         *worker,
                       WriteBatch     *batch,
                       gint64          id,
                       ReseauContact  *contact,
                       gboolean        is_new,
                       GError        **error)
{
  sqlite3_stmt *stmt;

  if (batch->search_build != NULL)
    {
      reseau_search_build_add (batch->search_build, id, contact, is_new);
      return TRUE;
    }

  if (!batch->staging || !is_new)
    return index_contact (worker, id, contact, is_new, error);

  stmt = reseau_db_statement (worker, "INSERT INTO temp.staged_search (id, body) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, reseau_db_search_body (contact), -1, g_free);

  return reseau_db_step_done (worker, stmt, error);
}

static gboolean
lookup_id (Worker      *worker,
           const char  *uid,
           gint64      *id,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *id = 0;
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

  return TRUE;
}

static gboolean
write_values (Worker         *worker,
              WriteBatch     *batch,
              gint64          id,
              ReseauContact  *contact,
              gboolean        is_new,
              GError        **error)
{
  gboolean staged = batch->staging && is_new;
  sqlite3_stmt *stmt;
  GPtrArray *addresses;

  if (!is_new)
    {
      /* The same contact twice in a batch: its staged rows must be in
       * place for the DELETEs below. */
      if (!flush_staged (worker, batch, error))
        return FALSE;

      stmt = reseau_db_statement (worker, "DELETE FROM contact_values WHERE contact_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!reseau_db_step_done (worker, stmt, error))
        return FALSE;

      stmt = reseau_db_statement (worker, "DELETE FROM contact_addresses WHERE contact_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!reseau_db_step_done (worker, stmt, error))
        return FALSE;
    }

  /* One row per statement: measured, a multi-row INSERT of a card's two to
   * four values took longer than as many single-row runs. */
  for (guint field = 0; field < RESEAU_N_FIELDS; field++)
    {
      GPtrArray *values = reseau_contact_get_values (contact, field);

      for (guint i = 0; i < values->len; i++)
        {
          const ReseauLabeledValue *value = g_ptr_array_index (values, i);

          if (staged)
            stmt = reseau_db_statement (worker,
                                        "INSERT INTO temp.staged_values (contact_id, field, position,"
                                        " label, value) VALUES (?1, ?2, ?3, ?4, ?5)", error);
          else
            stmt = reseau_db_statement (worker,
                                        "INSERT INTO contact_values (contact_id, field, position, label,"
                                        " value) VALUES (?1, ?2, ?3, ?4, ?5)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int (stmt, 2, field);
          sqlite3_bind_int (stmt, 3, i);
          bind_borrowed_text (stmt, 4, value->label);
          bind_borrowed_text (stmt, 5, value->value);
          if (!reseau_db_step_done (worker, stmt, error))
            return FALSE;
        }
    }

  addresses = reseau_contact_get_addresses (contact);
  for (guint i = 0; i < addresses->len; i++)
    {
      const ReseauAddress *address = g_ptr_array_index (addresses, i);

      stmt = reseau_db_statement (worker,
                                  "INSERT INTO contact_addresses (contact_id, position, label, po_box,"
                                  " extended, street, locality, region, postal_code, country)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      bind_borrowed_text (stmt, 3, address->label);
      bind_borrowed_text (stmt, 4, address->po_box);
      bind_borrowed_text (stmt, 5, address->extended);
      bind_borrowed_text (stmt, 6, address->street);
      bind_borrowed_text (stmt, 7, address->locality);
      bind_borrowed_text (stmt, 8, address->region);
      bind_borrowed_text (stmt, 9, address->postal_code);
      bind_borrowed_text (stmt, 10, address->country);
      if (!reseau_db_step_done (worker, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
find_tag_id (Worker      *worker,
             WriteBatch  *batch,
             const char  *tag,
             gint64      *tag_id,
             GError     **error)
{
  /* The column compares with NOCASE, which folds ASCII letters only: the
   * cache key folds exactly the same way, so "client" finds "Client" but
   * "école" and "École" stay two tags, as in the table. */
  g_autofree char *key = g_ascii_strdown (tag, -1);
  const gint64 *cached = g_hash_table_lookup (batch->tag_ids, key);
  sqlite3_stmt *stmt;
  int rc;

  if (cached != NULL)
    {
      *tag_id = *cached;
      return TRUE;
    }

  stmt = reseau_db_statement (worker, "INSERT OR IGNORE INTO tags (name) VALUES (?1)", error);
  if (stmt == NULL)
    return FALSE;
  reseau_db_bind_text (stmt, 1, tag);
  if (!reseau_db_step_done (worker, stmt, error))
    return FALSE;

  stmt = reseau_db_statement (worker, "SELECT id FROM tags WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  reseau_db_bind_text (stmt, 1, tag);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *tag_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return reseau_db_fail (worker, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc, error) != NULL;

  g_hash_table_insert (batch->tag_ids, g_steal_pointer (&key),
                       g_memdup2 (tag_id, sizeof *tag_id));
  return TRUE;
}

static gboolean
write_tags (Worker         *worker,
            WriteBatch     *batch,
            gint64          id,
            ReseauContact  *contact,
            gboolean        is_new,
            GError        **error)
{
  GPtrArray *tags = reseau_contact_get_tags (contact);
  sqlite3_stmt *stmt;

  if (!is_new)
    {
      stmt = reseau_db_statement (worker, "DELETE FROM contact_tags WHERE contact_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!reseau_db_step_done (worker, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < tags->len; i++)
    {
      gint64 tag_id = 0;

      if (!find_tag_id (worker, batch, g_ptr_array_index (tags, i), &tag_id, error))
        return FALSE;

      /* Two tags of one contact may differ only by ASCII case (the copy of
       * staged rows ignores the second alike). */
      if (batch->staging && is_new)
        stmt = reseau_db_statement (worker,
                                    "INSERT INTO temp.staged_tags (contact_id, tag_id, position)"
                                    " VALUES (?1, ?2, ?3)", error);
      else
        stmt = reseau_db_statement (worker,
                                    "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id, position)"
                                    " VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, tag_id);
      sqlite3_bind_int (stmt, 3, i);
      if (!reseau_db_step_done (worker, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static char *
subtitle_for (ReseauContact *contact)
{
  const char *organization = reseau_contact_get_organization (contact);
  const char *display_name = reseau_contact_get_display_name (contact);
  const char *email = reseau_contact_get_first_value (contact, RESEAU_FIELD_EMAIL);

  /* Never repeat the display name under itself. */
  if (organization != NULL && g_strcmp0 (organization, display_name) != 0)
    return g_strdup (organization);
  if (email != NULL && g_strcmp0 (email, display_name) != 0)
    return g_strdup (email);

  return NULL;
}

/* Links the contacts whose introducer came later in the batch. An
 * introducer that is nowhere to be found stays unknown, as before. */
static gboolean
resolve_pending_introductions (Worker      *worker,
                               WriteBatch  *batch,
                               GError     **error)
{
  for (guint i = 0; i < batch->pending->len; i++)
    {
      const PendingIntroduction *pending = &g_array_index (batch->pending,
                                                           PendingIntroduction, i);
      sqlite3_stmt *stmt;
      gint64 introducer_id;

      if (!lookup_id (worker, pending->introducer_uid, &introducer_id, error))
        return FALSE;
      if (introducer_id == 0)
        continue;

      stmt = reseau_db_statement (worker, "UPDATE contacts SET introduced_by = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pending->id);
      sqlite3_bind_int64 (stmt, 2, introducer_id);
      if (!reseau_db_step_done (worker, stmt, error))
        return FALSE;
    }

  g_array_set_size (batch->pending, 0);
  return TRUE;
}

static gboolean
set_empty_contact_error (GError **error)
{
  g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_EMPTY_CONTACT,
                       _("This contact has no name, organization, email or phone: there "
                         "is nothing to save. Fill in at least one of them."));
  return FALSE;
}

/* The columns of the contacts table that a save writes, in the order of
 * the parameters ?1…?28 of both the INSERT and the UPDATE below. */
#define CONTACT_COLUMNS \
  "uid, kind, full_name, prefix, given_name, additional_names, family_name, suffix," \
  " nickname, organization, title, display_name, sort_key, subtitle, birthday_year," \
  " birthday_month, birthday_day, note, photo, how_met, met_on, introduced_by," \
  " cadence_days, updated_at, vcard, role, anniversary_year, anniversary_month," \
  " anniversary_day"

static void
bind_contact (sqlite3_stmt  *stmt,
              ReseauContact *contact,
              const char    *sort_key,
              const char    *subtitle,
              gint64         introducer_id,
              gint64         now)
{
  int year, month, day;

  bind_borrowed_text (stmt, 1, reseau_contact_get_uid (contact));
  sqlite3_bind_int (stmt, 2, reseau_contact_get_kind (contact));
  bind_borrowed_text (stmt, 3, reseau_contact_get_full_name (contact));
  bind_borrowed_text (stmt, 4, reseau_contact_get_prefix (contact));
  bind_borrowed_text (stmt, 5, reseau_contact_get_given_name (contact));
  bind_borrowed_text (stmt, 6, reseau_contact_get_additional_names (contact));
  bind_borrowed_text (stmt, 7, reseau_contact_get_family_name (contact));
  bind_borrowed_text (stmt, 8, reseau_contact_get_suffix (contact));
  bind_borrowed_text (stmt, 9, reseau_contact_get_nickname (contact));
  bind_borrowed_text (stmt, 10, reseau_contact_get_organization (contact));
  bind_borrowed_text (stmt, 11, reseau_contact_get_title (contact));
  bind_borrowed_text (stmt, 12, reseau_contact_get_display_name (contact));
  bind_borrowed_text (stmt, 13, sort_key);
  bind_borrowed_text (stmt, 14, subtitle);
  reseau_contact_get_birthday (contact, &year, &month, &day);
  sqlite3_bind_int (stmt, 15, year);
  sqlite3_bind_int (stmt, 16, month);
  sqlite3_bind_int (stmt, 17, day);
  bind_borrowed_text (stmt, 18, reseau_contact_get_note (contact));
  if (reseau_contact_get_photo (contact) != NULL)
    {
      gsize size;
      gconstpointer bytes = g_bytes_get_data (reseau_contact_get_photo (contact), &size);

      sqlite3_bind_blob64 (stmt, 19, bytes, size, SQLITE_STATIC);
    }
  else
    sqlite3_bind_null (stmt, 19);
  bind_borrowed_text (stmt, 20, reseau_contact_get_how_met (contact));
  bind_borrowed_text (stmt, 21, reseau_contact_get_met_on (contact));
  if (introducer_id != 0)
    sqlite3_bind_int64 (stmt, 22, introducer_id);
  else
    sqlite3_bind_null (stmt, 22);
  sqlite3_bind_int (stmt, 23, reseau_contact_get_cadence_days (contact));
  sqlite3_bind_int64 (stmt, 24, now);
  bind_borrowed_text (stmt, 25, reseau_contact_get_vcard (contact));
  bind_borrowed_text (stmt, 26, reseau_contact_get_role (contact));
  reseau_contact_get_anniversary (contact, &year, &month, &day);
  sqlite3_bind_int (stmt, 27, year);
  sqlite3_bind_int (stmt, 28, month);
  sqlite3_bind_int (stmt, 29, day);
}

/* Within the caller's transaction. A contact whose UID is new is inserted
 * with plain INSERTs: none of the deletions an update needs, which is most
 * of what an import into a young address book writes. */
static gboolean
write_contact (Worker         *worker,
               WriteBatch     *batch,
               ReseauContact  *contact,
               GError        **error)
{
  g_autofree char *sort_key = NULL;
  g_autofree char *subtitle = NULL;
  const char *introduced_by;
  const char *uid;
  sqlite3_stmt *stmt;
  gint64 introducer_id = 0;
  gint64 created_at = batch->now;
  gint64 revision = 1;
  gint64 id = 0;
  gboolean is_new;
  int rc;

  if (reseau_contact_is_empty (contact))
    return set_empty_contact_error (error);

  uid = reseau_contact_get_uid (contact);
  introduced_by = reseau_contact_get_introduced_by (contact);
  if (introduced_by != NULL && g_strcmp0 (introduced_by, uid) != 0)
    {
      if (batch->fresh != NULL)
        {
          ReseauContact *introducer = g_hash_table_lookup (batch->fresh, introduced_by);

          if (introducer != NULL)
            introducer_id = reseau_contact_get_id (introducer);
        }
      else if (!lookup_id (worker, introduced_by, &introducer_id, error))
        return FALSE;
    }

  /* Into an empty table, a UID not yet written in the batch is new without
   * asking (the INSERT walks the same UID index anyway, so this saves less
   * than it seems: measured on 100,000 cards, side by side, 0.0–0.1 s of
   * the writing thread). A UID seen before (a file may hold one twice)
   * takes the query below, which also gives its revision. */
  if (batch->fresh != NULL && uid != NULL && !g_hash_table_contains (batch->fresh, uid))
    rc = SQLITE_DONE;
  else
    {
      stmt = reseau_db_statement (worker, "SELECT id, created_at, revision FROM contacts WHERE uid = ?1", error);
      if (stmt == NULL)
        return FALSE;
      reseau_db_bind_text (stmt, 1, uid);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          id = sqlite3_column_int64 (stmt, 0);
          created_at = sqlite3_column_int64 (stmt, 1);
          /* Sync tells an edit made here by the revision: every save raises it. */
          revision = sqlite3_column_int64 (stmt, 2) + 1;
        }
      sqlite3_reset (stmt);
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;
  is_new = (id == 0);

  sort_key = reseau_text_fold (reseau_contact_get_display_name (contact));
  subtitle = subtitle_for (contact);

  if (is_new)
    stmt = reseau_db_statement (worker,
                                "INSERT INTO contacts (" CONTACT_COLUMNS ", created_at, revision) VALUES (?1, ?2,"
                                " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
                                " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?24, 1)", error);
  else
    stmt = reseau_db_statement (worker,
                                "UPDATE contacts SET (" CONTACT_COLUMNS ", trashed_at, revision) = (?1, ?2, ?3, ?4,"
                                " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,"
                                " ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, NULL, revision + 1) WHERE id = ?30", error);
  if (stmt == NULL)
    return FALSE;

  bind_contact (stmt, contact, sort_key, subtitle, introducer_id, batch->now);
  if (!is_new)
    sqlite3_bind_int64 (stmt, 30, id);
  if (!reseau_db_step_done (worker, stmt, error))
    return FALSE;
  if (is_new)
    id = sqlite3_last_insert_rowid (worker->db);

  if (introduced_by != NULL && introducer_id == 0 &&
      g_strcmp0 (introduced_by, reseau_contact_get_uid (contact)) != 0)
    {
      PendingIntroduction pending = { id, g_strdup (introduced_by) };

      g_array_append_val (batch->pending, pending);
    }

  reseau_contact_set_id (contact, id);
  if (batch->fresh != NULL && uid != NULL && is_new)
    g_hash_table_insert (batch->fresh, (gpointer) uid, contact);
  reseau_contact_set_created_at (contact, created_at);
  reseau_contact_set_updated_at (contact, batch->now);
  reseau_contact_set_revision (contact, revision);

  if (!write_values (worker, batch, id, contact, is_new, error) ||
      !write_tags (worker, batch, id, contact, is_new, error) ||
      !index_written_contact (worker, batch, id, contact, is_new, error) ||
      /* Into an empty address book every contact is the batch's: they are
       * all brought up to date at its end, unmarked. */
      (batch->fresh == NULL && !reseau_db_mark_followups_stale (worker, id, error)))
    return FALSE;

  if (batch->staging && is_new)
    batch->n_staged++;
  return TRUE;
}

gboolean
reseau_db_write_contacts (Worker     *worker,
                          GPtrArray  *contacts,
                          GError    **error)
{
  WriteBatch batch;
  gboolean ok = TRUE;

  for (guint i = 0; i < contacts->len; i++)
    if (reseau_contact_is_empty (g_ptr_array_index (contacts, i)))
      return set_empty_contact_error (error);

  write_batch_init (&batch);
  for (guint i = 0; ok && i < contacts->len; i++)
    ok = write_contact (worker, &batch, g_ptr_array_index (contacts, i), error);
  if (ok)
    ok = resolve_pending_introductions (worker, &batch, error) &&
         reseau_db_refresh_stale_followups (worker, error);
  write_batch_clear (&batch);

  return ok;
}

typedef struct
{
  GPtrArray    *contacts;
  guint        *n_saved;      /* may be NULL */
  GCancellable *cancellable;  /* may be NULL */
} WriteRequest;

static void
write_request_free (WriteRequest *request)
{
  g_ptr_array_unref (request->contacts);
  g_clear_object (&request->cancellable);
  g_free (request);
}

/* A big batch gets a bigger page cache for its transaction. With SQLite's
 * default of 2 MB, the pages of the growing indexes are spilled to the WAL
 * and read back again and again. Measured on 100,000 typical cards: 32 MB
 * saves about a sixth of the time; 64 or 256 MB save no more and cost up
 * to 100 MB more memory at the peak. The cache only grows as pages are
 * used, and shrinks back once the batch is written. */
#define BIG_BATCH          1000
#define BIG_BATCH_CACHE    -32768  /* KiB */

static void
restore_cache_size (Worker   *worker,
                    gboolean  big)
{
  g_autoptr(GError) error = NULL;

  /* Only costs memory when it fails, so it is not worth failing the batch. */
  if (big && !reseau_db_exec (worker, "PRAGMA cache_size = " G_STRINGIFY (DEFAULT_CACHE), &error))
    g_warning ("Could not shrink the database cache: %s", error->message);
}

/* Whether the contacts table holds no row at all, trashed ones included. */
static gboolean
contacts_table_is_empty (Worker    *worker,
                         gboolean  *empty,
                         GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = reseau_db_statement (worker, "SELECT 1 FROM contacts LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  *empty = (rc == SQLITE_DONE);
  return TRUE;
}

/* Secondary indexes that a big batch into an empty table builds once at the
 * end, in one sorted pass, instead of entry by entry in random order. Their
 * own CREATE INDEX statements are read back from the schema and run again
 * in the same transaction, so a rollback brings the originals back and the
 * schema stays exactly what the migrations made. Measured on 100,000 cards,
 * two series of six and seven runs side by side on a loaded machine: with
 * the UID shortcut of write_contact(), the writing thread's median CPU went
 * from 3.90 s to 3.60 s, and from 3.49 s to 3.17 s (the UID shortcut alone:
 * 3.87 s). Other indexes of contacts gained nothing measurable. */
static const char * const fresh_indexes[] = {
  "contacts_list",
  "contact_tags_by_tag",
};

/* For SQL made at run time: reseau_db_exec() caches statements by the
 * address of their text, which a freed string would hand to another. */
static gboolean
exec_uncached (Worker      *worker,
               const char  *sql,
               GError     **error)
{
  int rc = sqlite3_exec (worker->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

static gboolean
drop_fresh_indexes (Worker      *worker,
                    WriteBatch  *batch,
                    GError     **error)
{
  batch->dropped_indexes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (fresh_indexes); i++)
    {
      g_autofree char *drop = NULL;
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;
      int rc;

      stmt = reseau_db_statement (worker,
                                  "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                                  error);
      if (stmt == NULL)
        return FALSE;
      reseau_db_bind_text (stmt, 1, fresh_indexes[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        sql = reseau_db_column_text (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return reseau_db_fail (worker, rc, error) != NULL;
      if (sql == NULL)
        continue;

      /* The name is one of ours above, never user text. */
      drop = g_strdup_printf ("DROP INDEX %s", fresh_indexes[i]);
      if (!exec_uncached (worker, drop, error))
        return FALSE;
      g_ptr_array_add (batch->dropped_indexes, g_steal_pointer (&sql));
    }

  return TRUE;
}

static gboolean
create_dropped_indexes (Worker      *worker,
                        WriteBatch  *batch,
                        GError     **error)
{
  if (batch->dropped_indexes == NULL)
    return TRUE;

  for (guint i = 0; i < batch->dropped_indexes->len; i++)
    if (!exec_uncached (worker, g_ptr_array_index (batch->dropped_indexes, i), error))
      return FALSE;

  g_clear_pointer (&batch->dropped_indexes, g_ptr_array_unref);
  return TRUE;
}

/* A first import ------------------------------------------------------------
 *
 * A big batch into an empty address book, besides the shortcuts above:
 *
 * - runs with a rollback journal instead of WAL. In WAL mode each page
 *   goes into the WAL at the commit, then into the database file at the
 *   next checkpoint; with a rollback journal, a page past the end the file
 *   had when the transaction began has nothing to undo and is written
 *   once, and a first import is nearly all such pages (130 MB for 100,000
 *   cards). synchronous = FULL keeps the batch as crash-safe as WAL: the
 *   journal is synced before the database is touched, and a batch cut
 *   short leaves a hot journal that the next opening rolls back. Leaving
 *   WAL needs the file to itself: with another connection open on it, the
 *   batch stays in WAL. Measured on 100,000 cards: the commit went from
 *   0.43 s to 0.13 s, closing the database from 0.27 s to 0.18 s;
 * - has its search index built on another thread
 *   (reseau-database-search-build.c);
 * - ends with the connection opened again (reopen_after_first_import()).
 */

/* FALSE only on an error; *left tells whether the journal changed. */
static gboolean
leave_wal_for_batch (Worker    *worker,
                     gboolean  *left,
                     GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *left = FALSE;
  stmt = reseau_db_statement (worker, "PRAGMA journal_mode = DELETE", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *left = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0;
  sqlite3_reset (stmt);

  /* Busy: another connection has the file open; WAL it stays. */
  if (rc != SQLITE_ROW && (rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
    return reseau_db_fail (worker, rc, error) != NULL;

  return !*left || reseau_db_exec (worker, "PRAGMA synchronous = FULL", error);
}

/* The connection after a first import is opened again, which also brings
 * back WAL and synchronous = NORMAL as every opening sets them: FTS5 keeps
 * in memory the structure of the search index it last read, and the
 * builder's rows replaced that index under it. A failure leaves the
 * database closed, to be opened by the next job. */
static void
reopen_after_first_import (Worker *worker)
{
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (worker->statements);
  g_clear_pointer (&worker->db, sqlite3_close);
  if (open_job (worker, NULL, &error) == NULL)
    g_warning ("Could not open the contacts database again after an import: %s", error->message);
}

/* All or nothing: any failure or a cancellation rolls back every contact. */
static gboolean
write_contacts (Worker        *worker,
                WriteRequest  *request,
                GError       **error)
{
  WriteBatch batch;
  gboolean ok = TRUE;
  gboolean empty = FALSE;
  gboolean left_wal = FALSE;
  gboolean first_import;
  gboolean big;

  if (!reseau_db_require_open (worker, error))
    return FALSE;

  /* Refuse before writing anything: an import with one empty card should
   * not cost the time of writing the others and rolling them back. */
  for (guint i = 0; i < request->contacts->len; i++)
    if (reseau_contact_is_empty (g_ptr_array_index (request->contacts, i)))
      return set_empty_contact_error (error);

  big = request->contacts->len >= BIG_BATCH;
  if (big && !reseau_db_exec (worker, "PRAGMA cache_size = " G_STRINGIFY (BIG_BATCH_CACHE), error))
    return FALSE;

  write_batch_init (&batch);
  /* Emptiness is looked at before the transaction too, since the journal
   * can only change outside one. */
  if (big)
    ok = begin_staging (worker, &batch, error) &&
         contacts_table_is_empty (worker, &empty, error) &&
         (!empty || leave_wal_for_batch (worker, &left_wal, error));
  if (ok)
    ok = reseau_db_exec (worker, "BEGIN IMMEDIATE", error);

  /* Checked inside the transaction, which holds the write lock. */
  if (ok)
    ok = contacts_table_is_empty (worker, &empty, error);
  if (ok && empty)
    batch.fresh = g_hash_table_new (g_str_hash, g_str_equal);
  if (ok && empty && big)
    ok = drop_fresh_indexes (worker, &batch, error);
  if (ok && empty && big)
    ok = (batch.search_build = reseau_search_build_start (worker, error)) != NULL;
  first_import = left_wal || batch.search_build != NULL;

  for (guint i = 0; ok && i < request->contacts->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (request->cancellable, error))
        ok = FALSE;
      else
        ok = write_contact (worker, &batch, g_ptr_array_index (request->contacts, i), error);

      if (ok && batch.n_staged >= STAGE_FLUSH_EVERY)
        ok = flush_staged (worker, &batch, error);

      /* A staged contact counts as saved: the copies come every
       * STAGE_FLUSH_EVERY contacts, so the count still moves evenly. */
      if (ok && request->n_saved != NULL)
        g_atomic_int_set ((gint *) request->n_saved, (gint) (i + 1));
    }
  if (ok)
    ok = flush_staged (worker, &batch, error);
  if (ok)
    ok = resolve_pending_introductions (worker, &batch, error);
  if (ok)
    ok = create_dropped_indexes (worker, &batch, error);
  if (ok)
    ok = batch.fresh != NULL ? reseau_db_refresh_all_followups (worker, error)
                             : reseau_db_refresh_stale_followups (worker, error);
  /* Last, so that the builder has had all of the above to catch up. */
  if (ok && batch.search_build != NULL)
    ok = reseau_search_build_finish (batch.search_build, worker, error);
  write_batch_clear (&batch);

  /* A cancellation that arrives during the last contact still wins: the
   * caller asked for nothing to be written. */
  if (ok && g_cancellable_set_error_if_cancelled (request->cancellable, error))
    ok = FALSE;

  if (ok && !reseau_db_exec (worker, "COMMIT", error))
    ok = FALSE;

  if (!ok)
    {
      reseau_db_rollback (worker);
      if (request->n_saved != NULL)
        g_atomic_int_set ((gint *) request->n_saved, 0);
    }
  restore_cache_size (worker, big);
  if (first_import)
    reopen_after_first_import (worker);

  return ok;
}

static gpointer
save_contacts_job (Worker   *worker,
                   gpointer  data,
                   GError  **error)
{
  WriteRequest request = { .contacts = data };

  return write_contacts (worker, &request, error) ? JOB_OK : NULL;
}

static gpointer
import_contacts_job (Worker   *worker,
                     gpointer  data,
                     GError  **error)
{
  return write_contacts (worker, data, error) ? JOB_OK : NULL;
}

static gboolean
require_contact (Worker      *worker,
                 const char  *uid,
                 gint64      *id,
                 GError     **error)
{
  if (!lookup_id (worker, uid, id, error))
    return FALSE;

  if (*id == 0)
    {
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND,
                   _("There is no contact with UID “%s”."), uid);
      return FALSE;
    }

  return TRUE;
}

static gpointer
trash_contact_job (Worker   *worker,
                   gpointer  data,
                   GError  **error)
{
  const char *uid = data;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!reseau_db_require_open (worker, error))
    return NULL;
  if (!reseau_db_exec (worker, "BEGIN IMMEDIATE", error))
    return NULL;
  if (!require_contact (worker, uid, &id, error))
    goto failed;

  stmt = reseau_db_statement (worker,
                              "UPDATE contacts SET trashed_at = ?2 WHERE id = ?1 AND trashed_at IS NULL",
                              error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  if (!reseau_db_step_done (worker, stmt, error) || !index_contact (worker, id, NULL, FALSE, error) ||
      !reseau_db_refresh_followups (worker, id, error))
    goto failed;

  if (!reseau_db_exec (worker, "COMMIT", error))
    goto failed;

  return JOB_OK;

failed:
  reseau_db_rollback (worker);
  return NULL;
}

static gpointer
restore_contact_job (Worker   *worker,
                     gpointer  data,
                     GError  **error)
{
  const char *uid = data;
  g_autoptr(ReseauContact) contact = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!reseau_db_require_open (worker, error))
    return NULL;
  if (!reseau_db_exec (worker, "BEGIN IMMEDIATE", error))
    return NULL;
  if (!require_contact (worker, uid, &id, error))
    goto failed;

  stmt = reseau_db_statement (worker, "UPDATE contacts SET trashed_at = NULL WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!reseau_db_step_done (worker, stmt, error))
    goto failed;

  contact = reseau_db_load_contact (worker, uid, error);
  if (contact == NULL || !index_contact (worker, id, contact, FALSE, error) ||
      !reseau_db_refresh_followups (worker, id, error))
    goto failed;

  if (!reseau_db_exec (worker, "COMMIT", error))
    goto failed;

  return JOB_OK;

failed:
  reseau_db_rollback (worker);
  return NULL;
}

/* Within the caller's transaction; a contact that is not there is no error. */
gboolean
reseau_db_remove_contact (Worker      *worker,
                          const char  *uid,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!lookup_id (worker, uid, &id, error))
    return FALSE;
  if (id == 0)
    return TRUE;

  stmt = reseau_db_statement (worker, "DELETE FROM contacts WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  return reseau_db_step_done (worker, stmt, error) &&
         index_contact (worker, id, NULL, FALSE, error);
}

static gpointer
delete_contact_job (Worker   *worker,
                    gpointer  data,
                    GError  **error)
{
  const char *uid = data;
  gint64 id;

  if (!reseau_db_require_open (worker, error))
    return NULL;
  if (!reseau_db_exec (worker, "BEGIN IMMEDIATE", error))
    return NULL;
  if (!require_contact (worker, uid, &id, error) ||
      !reseau_db_remove_contact (worker, uid, error) ||
      !reseau_db_exec (worker, "COMMIT", error))
    {
      reseau_db_rollback (worker);
      return NULL;
    }

  return JOB_OK;
}

static gpointer
empty_trash_job (Worker   *worker,
                 gpointer  data,
                 GError  **error)
{
  if (!reseau_db_require_open (worker, error))
    return NULL;

  /* Trashed contacts already left the search index. */
  if (!reseau_db_exec (worker, "DELETE FROM contacts WHERE trashed_at IS NOT NULL", error))
    return NULL;

  return JOB_OK;
}

/* Imports and duplicates -------------------------------------------------- */

static gpointer
load_contacts_job (Worker   *worker,
                   gpointer  data,
                   GError  **error)
{
  const char * const *uids = data;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);

  if (!reseau_db_require_open (worker, error))
    return NULL;

  for (guint i = 0; uids[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      ReseauContact *contact = reseau_db_load_contact (worker, uids[i], &local_error);

      if (contact != NULL)
        g_ptr_array_add (contacts, contact);
      else if (!g_error_matches (local_error, RESEAU_DATABASE_ERROR,
                                 RESEAU_DATABASE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  return g_steal_pointer (&contacts);
}

static void
keys_take_values (ReseauContactKeys *keys,
                  GPtrArray         *emails,
                  GPtrArray         *phones)
{
  g_ptr_array_add (emails, NULL);
  g_ptr_array_add (phones, NULL);
  g_strfreev (keys->emails);
  g_strfreev (keys->phones);
  keys->emails = (GStrv) g_ptr_array_steal (emails, NULL);
  keys->phones = (GStrv) g_ptr_array_steal (phones, NULL);
}

/* Two ordered passes, contacts by id and their values by contact id, joined
 * as they go: no query per contact and no lookup table. */
static gboolean
read_contact_keys (Worker     *worker,
                   GPtrArray  *all_keys,
                   GError    **error)
{
  g_autoptr(GPtrArray) emails = g_ptr_array_new ();
  g_autoptr(GPtrArray) phones = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  gint64 current = 0;
  guint k = 0;
  int rc;

  stmt = reseau_db_statement (worker,
                              "SELECT id, uid, display_name, organization FROM contacts"
                              " WHERE trashed_at IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauContactKeys *keys = g_new0 (ReseauContactKeys, 1);

      keys->id = sqlite3_column_int64 (stmt, 0);
      keys->uid = reseau_db_column_text (stmt, 1);
      keys->display_name = reseau_db_column_text (stmt, 2);
      keys->organization = reseau_db_column_text (stmt, 3);
      keys->emails = g_new0 (char *, 1);
      keys->phones = g_new0 (char *, 1);
      g_ptr_array_add (all_keys, keys);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT v.contact_id, v.field, v.value FROM contact_values v"
                              " JOIN contacts c ON c.id = v.contact_id"
                              " WHERE c.trashed_at IS NULL AND v.field IN (?1, ?2)"
                              " ORDER BY v.contact_id, v.field, v.position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, RESEAU_FIELD_EMAIL);
  sqlite3_bind_int (stmt, 2, RESEAU_FIELD_PHONE);
  for (;;)
    {
      gint64 contact_id = 0;

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        contact_id = sqlite3_column_int64 (stmt, 0);

      /* The values of the previous contact are complete. */
      if (current != 0 && (rc != SQLITE_ROW || contact_id != current))
        {
          while (k < all_keys->len &&
                 ((ReseauContactKeys *) g_ptr_array_index (all_keys, k))->id < current)
            k++;
          if (k < all_keys->len &&
              ((ReseauContactKeys *) g_ptr_array_index (all_keys, k))->id == current)
            keys_take_values (g_ptr_array_index (all_keys, k), emails, phones);
          else
            {
              g_ptr_array_set_free_func (emails, g_free);
              g_ptr_array_set_size (emails, 0);
              g_ptr_array_set_size (phones, 0);
            }
        }

      if (rc != SQLITE_ROW)
        break;

      current = contact_id;
      g_ptr_array_add (sqlite3_column_int (stmt, 1) == RESEAU_FIELD_EMAIL ? emails : phones,
                       reseau_db_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

static gpointer
list_contact_keys_job (Worker   *worker,
                       gpointer  data,
                       GError  **error)
{
  g_autoptr(GPtrArray) all_keys = NULL;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  all_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_contact_keys_free);

  /* One read transaction: both passes see the same state even when
   * reseau-cli writes in between. */
  if (!reseau_db_exec (worker, "BEGIN", error))
    return NULL;
  if (!read_contact_keys (worker, all_keys, error))
    return NULL;
  if (!reseau_db_exec (worker, "COMMIT", error))
    return NULL;

  return g_steal_pointer (&all_keys);
}

typedef struct
{
  ReseauContact *contact;       /* merged, or the kept contact as it was */
  char          *absorbed_uid;
} MergeRequest;

static void
merge_request_free (MergeRequest *request)
{
  g_clear_object (&request->contact);
  g_free (request->absorbed_uid);
  g_free (request);
}

static MergeRequest *
merge_request_new (ReseauContact *contact,
                   const char    *absorbed_uid)
{
  MergeRequest *request = g_new0 (MergeRequest, 1);

  request->contact = g_object_ref (contact);
  request->absorbed_uid = g_strdup (absorbed_uid);

  return request;
}

static gboolean
require_live_contact (Worker      *worker,
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

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND,
                   _("There is no contact with UID “%s”: it may have been deleted in the "
                     "meantime. Reload the list and try again."), uid);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

/* Runs a statement whose parameters are the integers that follow. */
static gboolean
run_with (Worker      *worker,
          const char  *sql,
          GError     **error,
          int          n_params,
          ...)
{
  sqlite3_stmt *stmt = reseau_db_statement (worker, sql, error);
  va_list args;

  if (stmt == NULL)
    return FALSE;

  va_start (args, n_params);
  for (int i = 1; i <= n_params; i++)
    sqlite3_bind_int64 (stmt, i, va_arg (args, gint64));
  va_end (args);

  return reseau_db_step_done (worker, stmt, error);
}

/* merged_links.kind: what a merge moved from the absorbed contact to the
 * kept one. Stored in the database: never renumber. A SHARED row is a
 * participation or attendance the kept contact already had, so the
 * absorbed contact's own was dropped rather than moved; MET_THERE_RAISED
 * is a shared attendance whose met_there the merge set on the kept
 * contact's row because only the absorbed contact had it. */
#define MERGED_PARTICIPATION        "0"
#define MERGED_SHARED_PARTICIPATION "1"
#define MERGED_ATTENDANCE           "2"
#define MERGED_SHARED_ATTENDANCE    "3"
#define MERGED_MET_THERE_RAISED     "4"
#define MERGED_REFERRAL_PERSON      "5"
#define MERGED_REFERRAL_TO          "6"
#define MERGED_REMINDER             "7"
#define MERGED_MANDATE              "8"

#define MERGED_IDS(kind) \
  " (SELECT row_id FROM merged_links WHERE absorbed_id = ?1 AND kind = " kind ")"

/* Gives the kept contact (?2) the absorbed one's (?1) interactions, event
 * attendances, referrals, reminders and mandates, remembering each row in
 * merged_links for move_back_merged_links(). */
static gboolean
move_merged_links (Worker  *worker,
                   gint64   absorbed_id,
                   gint64   kept_id,
                   GError **error)
{
  /* What is left of an earlier merge of this contact, restored from the
   * trash since, can no longer be undone: it would give back too much. */
  return run_with (worker, "DELETE FROM merged_links WHERE absorbed_id = ?1", error, 1, absorbed_id) &&
         run_with (worker,
                   "INSERT INTO merged_links (absorbed_id, kind, row_id)"
                   " SELECT ?1, iif (k.contact_id IS NULL, " MERGED_PARTICIPATION ","
                   " " MERGED_SHARED_PARTICIPATION "), p.interaction_id"
                   " FROM interaction_participants p LEFT JOIN interaction_participants k"
                   " ON k.contact_id = ?2 AND k.interaction_id = p.interaction_id"
                   " WHERE p.contact_id = ?1",
                   error, 2, absorbed_id, kept_id) &&
         /* An interaction both took part in keeps one participation. */
         run_with (worker,
                   "UPDATE OR IGNORE interaction_participants SET contact_id = ?2 WHERE contact_id = ?1",
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker, "DELETE FROM interaction_participants WHERE contact_id = ?1",
                   error, 1, absorbed_id) &&
         run_with (worker,
                   "INSERT INTO merged_links (absorbed_id, kind, row_id, met_there)"
                   " SELECT ?1, iif (k.contact_id IS NULL, " MERGED_ATTENDANCE ","
                   " " MERGED_SHARED_ATTENDANCE "), a.event_id, a.met_there"
                   " FROM event_attendees a LEFT JOIN event_attendees k"
                   " ON k.event_id = a.event_id AND k.contact_id = ?2"
                   " WHERE a.contact_id = ?1",
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker,
                   "INSERT INTO merged_links (absorbed_id, kind, row_id)"
                   " SELECT ?1, " MERGED_MET_THERE_RAISED ", a.event_id"
                   " FROM event_attendees a JOIN event_attendees k"
                   " ON k.event_id = a.event_id AND k.contact_id = ?2"
                   " WHERE a.contact_id = ?1 AND a.met_there != 0 AND k.met_there = 0",
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker,
                   "UPDATE event_attendees SET met_there = 1 WHERE contact_id = ?2"
                   " AND event_id IN" MERGED_IDS (MERGED_MET_THERE_RAISED),
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker,
                   "UPDATE OR IGNORE event_attendees SET contact_id = ?2 WHERE contact_id = ?1",
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker, "DELETE FROM event_attendees WHERE contact_id = ?1",
                   error, 1, absorbed_id) &&
         run_with (worker,
                   "INSERT INTO merged_links (absorbed_id, kind, row_id)"
                   " SELECT ?1, " MERGED_REFERRAL_PERSON ", id FROM referrals WHERE person_id = ?1"
                   " UNION ALL SELECT ?1, " MERGED_REFERRAL_TO ", id FROM referrals WHERE to_id = ?1"
                   " UNION ALL SELECT ?1, " MERGED_REMINDER ", id FROM reminders WHERE contact_id = ?1"
                   " UNION ALL SELECT ?1, " MERGED_MANDATE ", id FROM mandates WHERE client_id = ?1",
                   error, 1, absorbed_id) &&
         run_with (worker, "UPDATE referrals SET person_id = ?2 WHERE person_id = ?1",
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker, "UPDATE referrals SET to_id = ?2 WHERE to_id = ?1",
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker, "UPDATE reminders SET contact_id = ?2 WHERE contact_id = ?1",
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker, "UPDATE mandates SET client_id = ?2 WHERE client_id = ?1",
                   error, 2, absorbed_id, kept_id);
}

/* Undoes move_merged_links(): each remembered row the kept contact (?2)
 * still holds goes back to the absorbed one (?1); whatever was changed
 * since (an interaction that no longer names the kept contact, a reminder
 * given to someone else) stays as it is. */
static gboolean
move_back_merged_links (Worker  *worker,
                        gint64   absorbed_id,
                        gint64   kept_id,
                        GError **error)
{
  return run_with (worker,
                   "INSERT OR IGNORE INTO interaction_participants (contact_id, interaction_id)"
                   " SELECT ?1, l.row_id FROM merged_links l JOIN interaction_participants k"
                   " ON k.contact_id = ?2 AND k.interaction_id = l.row_id"
                   " WHERE l.absorbed_id = ?1 AND l.kind IN (" MERGED_PARTICIPATION ","
                   " " MERGED_SHARED_PARTICIPATION ")",
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker,
                   "DELETE FROM interaction_participants WHERE contact_id = ?2"
                   " AND interaction_id IN" MERGED_IDS (MERGED_PARTICIPATION),
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker,
                   "INSERT OR IGNORE INTO event_attendees (event_id, contact_id, met_there)"
                   " SELECT l.row_id, ?1, iif (l.kind = " MERGED_ATTENDANCE ", k.met_there, l.met_there)"
                   " FROM merged_links l JOIN event_attendees k"
                   " ON k.event_id = l.row_id AND k.contact_id = ?2"
                   " WHERE l.absorbed_id = ?1 AND l.kind IN (" MERGED_ATTENDANCE ","
                   " " MERGED_SHARED_ATTENDANCE ")",
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker,
                   "UPDATE event_attendees SET met_there = 0 WHERE contact_id = ?2"
                   " AND event_id IN" MERGED_IDS (MERGED_MET_THERE_RAISED),
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker,
                   "DELETE FROM event_attendees WHERE contact_id = ?2"
                   " AND event_id IN" MERGED_IDS (MERGED_ATTENDANCE),
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker,
                   "UPDATE referrals SET person_id = ?1 WHERE person_id = ?2"
                   " AND id IN" MERGED_IDS (MERGED_REFERRAL_PERSON),
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker,
                   "UPDATE referrals SET to_id = ?1 WHERE to_id = ?2"
                   " AND id IN" MERGED_IDS (MERGED_REFERRAL_TO),
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker,
                   "UPDATE reminders SET contact_id = ?1 WHERE contact_id = ?2"
                   " AND id IN" MERGED_IDS (MERGED_REMINDER),
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker,
                   "UPDATE mandates SET client_id = ?1 WHERE client_id = ?2"
                   " AND id IN" MERGED_IDS (MERGED_MANDATE),
                   error, 2, absorbed_id, kept_id) &&
         run_with (worker, "DELETE FROM merged_links WHERE absorbed_id = ?1", error, 1, absorbed_id);
}

/* The contact_activity and follow-ups of both contacts of a merge, after
 * their interactions, reminders and referrals moved. */
static gboolean
refresh_merged_activity (Worker  *worker,
                         gint64   kept_id,
                         gint64   absorbed_id,
                         GError **error)
{
  return reseau_db_refresh_activity (worker, kept_id, error) &&
         reseau_db_refresh_activity (worker, absorbed_id, error) &&
         reseau_db_refresh_followups (worker, kept_id, error) &&
         reseau_db_refresh_followups (worker, absorbed_id, error);
}

static gpointer
merge_contacts_job (Worker   *worker,
                    gpointer  data,
                    GError  **error)
{
  MergeRequest *request = data;
  WriteBatch batch;
  gint64 kept_id, absorbed_id;
  gboolean ok;

  if (!reseau_db_require_open (worker, error))
    return NULL;
  if (reseau_contact_is_empty (request->contact))
    {
      set_empty_contact_error (error);
      return NULL;
    }
  if (!reseau_db_exec (worker, "BEGIN IMMEDIATE", error))
    return NULL;

  write_batch_init (&batch);
  ok = require_live_contact (worker, reseau_contact_get_uid (request->contact), &kept_id, error) &&
       require_live_contact (worker, request->absorbed_uid, &absorbed_id, error) &&
       write_contact (worker, &batch, request->contact, error) &&
       resolve_pending_introductions (worker, &batch, error) &&
       /* Remember whom the absorbed contact had introduced, for an undo. */
       run_with (worker,
                 "INSERT OR IGNORE INTO merged_introductions (absorbed_id, contact_id)"
                 " SELECT ?1, id FROM contacts WHERE introduced_by = ?1 AND id != ?2",
                 error, 2, absorbed_id, kept_id) &&
       /* The kept contact cannot have been introduced by itself. */
       run_with (worker,
                 "UPDATE contacts SET introduced_by = iif (id = ?2, NULL, ?2)"
                 " WHERE introduced_by = ?1",
                 error, 2, absorbed_id, kept_id) &&
       move_merged_links (worker, absorbed_id, kept_id, error) &&
       run_with (worker, "UPDATE contacts SET trashed_at = ?2 WHERE id = ?1",
                 error, 2, absorbed_id, batch.now) &&
       index_contact (worker, absorbed_id, NULL, FALSE, error) &&
       refresh_merged_activity (worker, kept_id, absorbed_id, error) &&
       reseau_db_exec (worker, "COMMIT", error);
  write_batch_clear (&batch);

  if (!ok)
    {
      reseau_db_rollback (worker);
      return NULL;
    }

  return JOB_OK;
}

static gpointer
unmerge_contacts_job (Worker   *worker,
                      gpointer  data,
                      GError  **error)
{
  MergeRequest *request = data;
  g_autoptr(ReseauContact) absorbed = NULL;
  WriteBatch batch;
  gint64 kept_id, absorbed_id;
  gboolean ok;

  if (!reseau_db_require_open (worker, error))
    return NULL;
  if (reseau_contact_is_empty (request->contact))
    {
      set_empty_contact_error (error);
      return NULL;
    }
  if (!reseau_db_exec (worker, "BEGIN IMMEDIATE", error))
    return NULL;

  write_batch_init (&batch);
  ok = require_live_contact (worker, reseau_contact_get_uid (request->contact), &kept_id, error) &&
       require_contact (worker, request->absorbed_uid, &absorbed_id, error) &&
       run_with (worker, "UPDATE contacts SET trashed_at = NULL WHERE id = ?1",
                 error, 1, absorbed_id);
  if (ok)
    {
      absorbed = reseau_db_load_contact (worker, request->absorbed_uid, error);
      ok = absorbed != NULL;
    }
  /* Only the links the merge moved and nobody changed since go back. */
  ok = ok &&
       index_contact (worker, absorbed_id, absorbed, FALSE, error) &&
       run_with (worker,
                 "UPDATE contacts SET introduced_by = ?1 WHERE introduced_by = ?2"
                 " AND id IN (SELECT contact_id FROM merged_introductions"
                 " WHERE absorbed_id = ?1)",
                 error, 2, absorbed_id, kept_id) &&
       run_with (worker, "DELETE FROM merged_introductions WHERE absorbed_id = ?1",
                 error, 1, absorbed_id) &&
       move_back_merged_links (worker, absorbed_id, kept_id, error) &&
       write_contact (worker, &batch, request->contact, error) &&
       resolve_pending_introductions (worker, &batch, error) &&
       refresh_merged_activity (worker, kept_id, absorbed_id, error) &&
       reseau_db_exec (worker, "COMMIT", error);
  write_batch_clear (&batch);

  if (!ok)
    {
      reseau_db_rollback (worker);
      return NULL;
    }

  return JOB_OK;
}

/* The worker thread ------------------------------------------------------- */

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static void
take_idle_backup (Worker *worker)
{
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf info;

  if (worker->db == NULL)
    return;

  backup = daily_backup_path (worker->path);
  if (g_stat (backup, &info) == 0 &&
      g_get_real_time () / G_USEC_PER_SEC - info.st_mtime < BACKUP_EVERY_SECONDS)
    return;

  if (!reseau_db_copy_into (worker, backup, &error))
    /* The disk, not the program, is at fault (full, folder gone): worth a
     * line in the log, not a warning that test runs treat as a bug. */
    g_message ("Could not take the daily backup: %s", error->message);
}

static void
run_job (Worker *worker,
         Job    *job)
{
  GError *error = NULL;
  gpointer result = NULL;

  if (!g_cancellable_set_error_if_cancelled (job->cancellable, &error))
    result = job->func (worker, job->data, &error);

  /* A failed job must not leave a transaction open for the next one. */
  if (result == NULL)
    reseau_db_rollback (worker);

  if (job->task != NULL)
    {
      if (result != NULL)
        g_task_return_pointer (job->task, result, job->result_free);
      else
        g_task_return_error (job->task, error);
      g_clear_object (&job->task);
    }
  else
    {
      SyncWait *wait = job->wait;

      g_mutex_lock (&wait->mutex);
      wait->result = result;
      wait->error = error;
      wait->done = TRUE;
      g_cond_signal (&wait->cond);
      g_mutex_unlock (&wait->mutex);
    }
}

static gpointer
worker_main (gpointer data)
{
  Worker *worker = data;

  for (;;)
    {
      Job *job = g_async_queue_timeout_pop (worker->queue, IDLE_BACKUP_DELAY_USEC);

      if (job == NULL)
        {
          /* Idle: a good moment for the backup, once a session. */
          if (worker->last_backup == 0 && worker->db != NULL)
            {
              take_idle_backup (worker);
              worker->last_backup = g_get_monotonic_time ();
            }
          continue;
        }

      if (job->func == NULL)
        {
          job_free (job);
          break;
        }

      run_job (worker, job);
      job_free (job);
    }

  g_hash_table_unref (worker->statements);
  g_clear_pointer (&worker->db, sqlite3_close);
  g_async_queue_unref (worker->queue);
  g_free (worker->path);
  g_free (worker);

  return NULL;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
push_job (ReseauDatabase *self,
          Job            *job)
{
  if (self->thread == NULL)
    {
      Worker *worker = g_new0 (Worker, 1);

      worker->path = g_strdup (self->path);
      worker->queue = g_async_queue_ref (self->queue);
      worker->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
      self->thread = g_thread_new ("reseau-database", worker_main, worker);
    }

  g_async_queue_push (self->queue, job);
}

void
reseau_db_run_async (ReseauDatabase      *self,
                     JobFunc              func,
                     gpointer             data,
                     GDestroyNotify       data_free,
                     GDestroyNotify       result_free,
                     gpointer             source_tag,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);
  /* A cancelled call reports G_IO_ERROR_CANCELLED even if the job ran. */
  g_task_set_return_on_cancel (job->task, FALSE);
  g_task_set_check_cancellable (job->task, TRUE);

  push_job (self, job);
}

/* For a job that checks the cancellable itself and reports exactly what
 * happened: an import cancelled just after its commit must say it was
 * written, not that it was cancelled. */
static void
run_async_reporting_outcome (ReseauDatabase      *self,
                             JobFunc              func,
                             gpointer             data,
                             GDestroyNotify       data_free,
                             gpointer             source_tag,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);
  g_task_set_return_on_cancel (job->task, FALSE);
  g_task_set_check_cancellable (job->task, FALSE);

  push_job (self, job);
}

gpointer
reseau_db_run (ReseauDatabase  *self,
               JobFunc          func,
               gpointer         data,
               GError         **error)
{
  SyncWait wait = { 0 };
  Job *job = g_new0 (Job, 1);

  g_return_val_if_fail (self->thread == NULL || g_thread_self () != self->thread, NULL);

  g_mutex_init (&wait.mutex);
  g_cond_init (&wait.cond);
  job->func = func;
  job->data = data;
  job->wait = &wait;

  push_job (self, job);

  g_mutex_lock (&wait.mutex);
  while (!wait.done)
    g_cond_wait (&wait.cond, &wait.mutex);
  g_mutex_unlock (&wait.mutex);
  g_mutex_clear (&wait.mutex);
  g_cond_clear (&wait.cond);

  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.result;
}

gpointer
reseau_db_finish (ReseauDatabase  *self,
                  GAsyncResult    *result,
                  gpointer         source_tag,
                  GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The two arguments most operations take, copied because the caller's may
 * be gone by the time the worker runs the job. */
void
reseau_db_run_id_async (ReseauDatabase      *self,
                        JobFunc              func,
                        gint64               id,
                        GDestroyNotify       result_free,
                        gpointer             source_tag,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  reseau_db_run_async (self, func, g_memdup2 (&id, sizeof id), g_free, result_free,
                       source_tag, cancellable, callback, user_data);
}

void
reseau_db_run_uid_async (ReseauDatabase      *self,
                         JobFunc              func,
                         const char          *uid,
                         GDestroyNotify       result_free,
                         gpointer             source_tag,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  reseau_db_run_async (self, func, g_strdup (uid), g_free, result_free,
                       source_tag, cancellable, callback, user_data);
}

/* GObject ----------------------------------------------------------------- */

static void
reseau_database_finalize (GObject *object)
{
  ReseauDatabase *self = (ReseauDatabase *)object;

  if (self->thread != NULL)
    {
      /* An empty job tells the worker to close the database and stop. */
      g_async_queue_push (self->queue, g_new0 (Job, 1));
      if (g_thread_self () != self->thread)
        g_thread_join (self->thread);
      else
        g_thread_unref (self->thread);
    }

  g_async_queue_unref (self->queue);
  g_free (self->path);

  G_OBJECT_CLASS (reseau_database_parent_class)->finalize (object);
}

static void
reseau_database_class_init (ReseauDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reseau_database_finalize;

  /* SQLite counts every allocation under one mutex for all connections
   * (sqlite3_status(), which nothing here reads): the worker and the
   * search index builder of a first import would take turns at it a
   * million times. Refused, harmlessly, when SQLite already started. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
}

static void
reseau_database_init (ReseauDatabase *self)
{
  self->queue = g_async_queue_new ();
}

/* Public API -------------------------------------------------------------- */

char *
reseau_database_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "reseau", "reseau.db", NULL);
}

ReseauDatabase *
reseau_database_new (const char *path)
{
  ReseauDatabase *self = g_object_new (RESEAU_TYPE_DATABASE, NULL);

  self->path = path ? g_strdup (path) : reseau_database_get_default_path ();

  return self;
}

const char *
reseau_database_get_path (ReseauDatabase *self)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);
  return self->path;
}

char *
reseau_database_find_backup (ReseauDatabase *self)
{
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GDir) dir = NULL;
  char *newest = NULL;
  gint64 newest_time = 0;
  const char *name;

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  folder = g_path_get_dirname (self->path);
  base = g_path_get_basename (self->path);
  prefix = g_strconcat (base, ".bak", NULL);

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *candidate = NULL;
      GStatBuf info;

      if (!g_str_has_prefix (name, prefix) || g_str_has_suffix (name, ".partial"))
        continue;

      candidate = g_build_filename (folder, name, NULL);
      if (g_stat (candidate, &info) != 0 || info.st_size == 0)
        continue;

      if (newest == NULL || info.st_mtime > newest_time)
        {
          g_free (newest);
          newest = g_steal_pointer (&candidate);
          newest_time = info.st_mtime;
        }
    }

  return newest;
}

void
reseau_database_open_async (ReseauDatabase      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, open_job, NULL, NULL, NULL, reseau_database_open_async,
                       cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_open)

gboolean
reseau_database_open (ReseauDatabase  *self,
                      GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);

  return reseau_db_run (self, open_job, NULL, error) != NULL;
}

void
reseau_database_load_contact_async (ReseauDatabase      *self,
                                    const char          *uid,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (uid != NULL);

  reseau_db_run_uid_async (self, load_contact_job, uid, g_object_unref,
                           reseau_database_load_contact_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (ReseauContact *, reseau_database_load_contact)

ReseauContact *
reseau_database_load_contact (ReseauDatabase  *self,
                              const char      *uid,
                              GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  return reseau_db_run (self, load_contact_job, (gpointer) uid, error);
}

static GPtrArray *
single_contact (ReseauContact *contact)
{
  GPtrArray *contacts = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (contacts, g_object_ref (contact));
  return contacts;
}

void
reseau_database_save_contact_async (ReseauDatabase      *self,
                                    ReseauContact       *contact,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (RESEAU_IS_CONTACT (contact));

  /* The worker sets the id and times on the caller's object: the caller
   * must not change the contact until the call completes. */
  reseau_db_run_async (self, save_contacts_job, single_contact (contact),
                       (GDestroyNotify) g_ptr_array_unref, NULL,
                       reseau_database_save_contact_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_save_contact)

gboolean
reseau_database_save_contact (ReseauDatabase  *self,
                              ReseauContact   *contact,
                              GError         **error)
{
  g_autoptr(GPtrArray) contacts = NULL;

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (RESEAU_IS_CONTACT (contact), FALSE);

  contacts = single_contact (contact);
  return reseau_db_run (self, save_contacts_job, contacts, error) != NULL;
}

gboolean
reseau_database_save_contacts (ReseauDatabase  *self,
                               GPtrArray       *contacts,
                               GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (contacts != NULL, FALSE);

  return reseau_db_run (self, save_contacts_job, contacts, error) != NULL;
}

void
reseau_database_trash_contact_async (ReseauDatabase      *self,
                                     const char          *uid,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (uid != NULL);

  reseau_db_run_uid_async (self, trash_contact_job, uid, NULL,
                           reseau_database_trash_contact_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_trash_contact)

void
reseau_database_restore_contact_async (ReseauDatabase      *self,
                                       const char          *uid,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (uid != NULL);

  reseau_db_run_uid_async (self, restore_contact_job, uid, NULL,
                           reseau_database_restore_contact_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_restore_contact)

gboolean
reseau_database_delete_contact (ReseauDatabase  *self,
                                const char      *uid,
                                GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  return reseau_db_run (self, delete_contact_job, (gpointer) uid, error) != NULL;
}

void
reseau_database_empty_trash_async (ReseauDatabase      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, empty_trash_job, NULL, NULL, NULL,
                       reseau_database_empty_trash_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_empty_trash)

gboolean
reseau_database_empty_trash (ReseauDatabase  *self,
                             GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);

  return reseau_db_run (self, empty_trash_job, NULL, error) != NULL;
}

void
reseau_database_list_summaries_async (ReseauDatabase      *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, list_summaries_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                       reseau_database_list_summaries_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GPtrArray *, reseau_database_list_summaries)

GPtrArray *
reseau_database_list_summaries (ReseauDatabase  *self,
                                GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_summaries_job, NULL, error);
}

GPtrArray *
reseau_database_list_contacts (ReseauDatabase  *self,
                               GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_contacts_job, NULL, error);
}

void
reseau_database_search_async (ReseauDatabase      *self,
                              const char          *text,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (text != NULL);

  reseau_db_run_async (self, search_job, g_strdup (text), g_free, (GDestroyNotify) g_array_unref,
                       reseau_database_search_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GArray *, reseau_database_search)

GArray *
reseau_database_search (ReseauDatabase  *self,
                        const char      *text,
                        GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  return reseau_db_run (self, search_job, (gpointer) text, error);
}

void
reseau_database_list_tags_async (ReseauDatabase      *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, list_tags_job, NULL, NULL, (GDestroyNotify) g_strfreev,
                       reseau_database_list_tags_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GStrv, reseau_database_list_tags)

GStrv
reseau_database_list_tags (ReseauDatabase  *self,
                           GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_tags_job, NULL, error);
}

void
reseau_contact_keys_free (ReseauContactKeys *keys)
{
  if (keys == NULL)
    return;

  g_free (keys->uid);
  g_free (keys->display_name);
  g_free (keys->organization);
  g_strfreev (keys->emails);
  g_strfreev (keys->phones);
  g_free (keys);
}

void
reseau_database_list_contact_keys_async (ReseauDatabase      *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, list_contact_keys_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                       reseau_database_list_contact_keys_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GPtrArray *, reseau_database_list_contact_keys)

GPtrArray *
reseau_database_list_contact_keys (ReseauDatabase  *self,
                                   GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_contact_keys_job, NULL, error);
}

GPtrArray *
reseau_database_load_contacts (ReseauDatabase      *self,
                               const char * const  *uids,
                               GError             **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);
  g_return_val_if_fail (uids != NULL, NULL);

  return reseau_db_run (self, load_contacts_job, (gpointer) uids, error);
}

static WriteRequest *
write_request_new (GPtrArray    *contacts,
                   guint        *n_saved,
                   GCancellable *cancellable)
{
  WriteRequest *request = g_new0 (WriteRequest, 1);

  request->contacts = g_ptr_array_ref (contacts);
  request->n_saved = n_saved;
  request->cancellable = cancellable ? g_object_ref (cancellable) : NULL;

  return request;
}

void
reseau_database_import_contacts_async (ReseauDatabase      *self,
                                       GPtrArray           *contacts,
                                       guint               *n_saved,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (contacts != NULL);

  /* The worker sets ids and times on the caller's contacts: the caller must
   * not change them until the call completes. */
  run_async_reporting_outcome (self, import_contacts_job,
                               write_request_new (contacts, n_saved, cancellable),
                               (GDestroyNotify) write_request_free,
                               reseau_database_import_contacts_async,
                               cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_import_contacts)

gboolean
reseau_database_import_contacts (ReseauDatabase  *self,
                                 GPtrArray       *contacts,
                                 guint           *n_saved,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  WriteRequest request = { contacts, n_saved, cancellable };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (contacts != NULL, FALSE);

  return reseau_db_run (self, import_contacts_job, &request, error) != NULL;
}

void
reseau_database_merge_contacts_async (ReseauDatabase      *self,
                                      ReseauContact       *merged,
                                      const char          *absorbed_uid,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (RESEAU_IS_CONTACT (merged));
  g_return_if_fail (absorbed_uid != NULL);
  g_return_if_fail (g_strcmp0 (reseau_contact_get_uid (merged), absorbed_uid) != 0);

  reseau_db_run_async (self, merge_contacts_job, merge_request_new (merged, absorbed_uid),
                       (GDestroyNotify) merge_request_free, NULL,
                       reseau_database_merge_contacts_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_merge_contacts)

gboolean
reseau_database_merge_contacts (ReseauDatabase  *self,
                                ReseauContact   *merged,
                                const char      *absorbed_uid,
                                GError         **error)
{
  MergeRequest request = { merged, (char *) absorbed_uid };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (RESEAU_IS_CONTACT (merged), FALSE);
  g_return_val_if_fail (absorbed_uid != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (reseau_contact_get_uid (merged), absorbed_uid) != 0, FALSE);

  return reseau_db_run (self, merge_contacts_job, &request, error) != NULL;
}

void
reseau_database_unmerge_contacts_async (ReseauDatabase      *self,
                                        ReseauContact       *previous,
                                        const char          *absorbed_uid,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (RESEAU_IS_CONTACT (previous));
  g_return_if_fail (absorbed_uid != NULL);
  g_return_if_fail (g_strcmp0 (reseau_contact_get_uid (previous), absorbed_uid) != 0);

  reseau_db_run_async (self, unmerge_contacts_job, merge_request_new (previous, absorbed_uid),
                       (GDestroyNotify) merge_request_free, NULL,
                       reseau_database_unmerge_contacts_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_unmerge_contacts)

gboolean
reseau_database_unmerge_contacts (ReseauDatabase  *self,
                                  ReseauContact   *previous,
                                  const char      *absorbed_uid,
                                  GError         **error)
{
  MergeRequest request = { previous, (char *) absorbed_uid };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (RESEAU_IS_CONTACT (previous), FALSE);
  g_return_val_if_fail (absorbed_uid != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (reseau_contact_get_uid (previous), absorbed_uid) != 0, FALSE);

  return reseau_db_run (self, unmerge_contacts_job, &request, error) != NULL;
}

/* The connection itself, for the few operations that need more than
 * statements (reseau-database-backup.c: the SQLite backup API). */
sqlite3 *
reseau_db_get_handle (Worker *worker)
{
  return worker->db;
}
