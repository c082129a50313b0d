/* reseau-database-backup.c — backup and restore of the whole database
 *
 * See reseau-database-backup.h. Both run as jobs on the worker thread, the
 * only one that touches the connection: a backup is a VACUUM INTO (one
 * read transaction, so one consistent snapshot), a restore an
 * sqlite3_backup from a checked copy of the file into that connection
 * (one write transaction), after a VACUUM INTO of the current data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "reseau-database-backup.h"
#include "reseau-database-private.h"
#include "reseau-error.h"

/* How long a restore waits for another program's write to finish. */
#define BUSY_RETRIES     50
#define BUSY_RETRY_USEC  (100 * 1000)

typedef struct
{
  const char *path;         /* the database */
  const char *destination;  /* backup: the file to write */
  const char *source;       /* restore: what the user named */
  const char *staging;      /* restore: our copy of it */
  char       *kept;         /* restore: the copy of the data before */
} BackupRequest;

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf info_a, info_b;

  if (g_stat (a, &info_a) != 0 || g_stat (b, &info_b) != 0)
    return FALSE;

  return info_a.st_dev == info_b.st_dev && info_a.st_ino == info_b.st_ino;
}

static void
remove_with_journals (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static gpointer
backup_job (ReseauDatabaseWorker  *worker,
            gpointer               data,
            GError               **error)
{
  BackupRequest *request = data;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  if (!reseau_db_copy_into (worker, request->destination, error))
    return NULL;

  return RESEAU_DB_OK;
}

gboolean
reseau_database_backup_to (ReseauDatabase  *self,
                           const char      *destination,
                           GError         **error)
{
  BackupRequest request = { 0 };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  request.path = reseau_database_get_path (self);
  request.destination = destination;

  if (same_file (destination, request.path))
    {
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_ALREADY_EXISTS,
                   _("“%s” is the contacts database itself: choose another file for the backup."),
                   destination);
      return FALSE;
    }

  return reseau_db_run (self, backup_job, &request, error) != NULL;
}

/* Restore ------------------------------------------------------------------ */

static void
set_not_reseau (GError    **error,
                const char *source)
{
  g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_CORRUPT,
               _("“%s” is not a Réseau database. Nothing was changed; choose a file written by “reseau-cli backup”."),
               source);
}

/* The staging copy: an SQLite database, undamaged, with Réseau's tables,
 * and a format this build reads. */
static gboolean
check_backup (sqlite3     *db,
              const char  *source,
              int         *version,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      set_not_reseau (error, source);
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      sqlite3_finalize (stmt);
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_CORRUPT,
                   _("The backup “%s” is damaged. Nothing was changed; try an older backup."),
                   source);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  if (!reseau_database_schema_read_version (db, version, NULL))
    {
      set_not_reseau (error, source);
      return FALSE;
    }

  if (*version > RESEAU_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NEWER_SCHEMA,
                   _("The backup “%s” was written by a newer version of Réseau (format %d; this "
                     "version reads formats up to %d). Nothing was changed; install the newer "
                     "Réseau to restore it."),
                   source, *version, RESEAU_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (db,
                           "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'contacts'",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    ok = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  if (!ok || *version < 1)
    {
      set_not_reseau (error, source);
      return FALSE;
    }

  return TRUE;
}

/* A name for the copy of the current data that no earlier restore used. */
static char *
kept_copy_path (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *kept = g_strdup_printf ("%s.before-restore-%s", path, stamp);

  for (guint i = 2; g_file_test (kept, G_FILE_TEST_EXISTS); i++)
    {
      g_free (kept);
      kept = g_strdup_printf ("%s.before-restore-%s-%u", path, stamp, i);
    }

  return kept;
}

static gboolean
copy_pages (sqlite3     *destination,
            sqlite3     *source,
            const char  *path,
            GError     **error)
{
  sqlite3_backup *backup;
  int rc = SQLITE_OK;

  backup = sqlite3_backup_init (destination, "main", source, "main");
  if (backup == NULL)
    {
      reseau_database_set_sqlite_error (error, destination, sqlite3_errcode (destination), path);
      return FALSE;
    }

  for (guint i = 0; i < BUSY_RETRIES; i++)
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
        break;
      g_usleep (BUSY_RETRY_USEC);
    }

  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      reseau_database_set_sqlite_error (error, NULL, rc, path);
      return FALSE;
    }

  return TRUE;
}

/* SQLite copies pages into a database in WAL mode only when both have
 * pages of one size: a backup of an older Réseau (4 KiB pages) into a new
 * database (16 KiB), or the other way round, is first rewritten, in the
 * staging copy, with the database's page size. */
static gboolean
match_page_size (sqlite3     *staging,
                 sqlite3     *destination,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *sql = NULL;
  int size, staging_size;
  int rc;

  if (!reseau_database_read_pragma (destination, "page_size", &size, error) ||
      !reseau_database_read_pragma (staging, "page_size", &staging_size, error))
    return FALSE;
  if (staging_size == size)
    return TRUE;

  /* A page size changes only by a VACUUM outside WAL mode. */
  sql = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA page_size = %d; VACUUM;", size);
  rc = sqlite3_exec (staging, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      reseau_database_set_sqlite_error (error, staging, rc, path);
      return FALSE;
    }

  return TRUE;
}

static gpointer
restore_job (ReseauDatabaseWorker  *worker,
             gpointer               data,
             GError               **error)
{
  BackupRequest *request = data;
  sqlite3 *source = NULL;
  g_autofree char *kept = NULL;
  int version = 0;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  rc = sqlite3_open_v2 (request->staging, &source, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close (source);
      set_not_reseau (error, request->source);
      return NULL;
    }

  if (!check_backup (source, request->source, &version, error))
    goto failed;

  kept = kept_copy_path (request->path);
  if (!reseau_db_copy_into (worker, kept, error))
    goto failed;

  if (!match_page_size (source, reseau_db_get_handle (worker), request->source, error) ||
      !copy_pages (reseau_db_get_handle (worker), source, request->path, error))
    goto failed;

  sqlite3_close (source);

  /* The data is in; an older format is brought up to date in place, as
   * opening it would have. */
  if (version < RESEAU_DATABASE_SCHEMA_VERSION &&
      !reseau_database_schema_migrate (reseau_db_get_handle (worker), version, error))
    return NULL;

  request->kept = g_steal_pointer (&kept);
  return RESEAU_DB_OK;

failed:
  sqlite3_close (source);
  return NULL;
}

gboolean
reseau_database_restore_from (ReseauDatabase  *self,
                              const char      *source,
                              char           **kept_copy,
                              GError         **error)
{
  BackupRequest request = { 0 };
  g_autofree char *staging = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  request.path = reseau_database_get_path (self);
  request.source = source;

  if (same_file (source, request.path))
    {
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_ALREADY_EXISTS,
                   _("“%s” is the contacts database itself: nothing to restore."), source);
      return FALSE;
    }

  /* Work on a copy: the user's file is never opened for writing, and a
   * journal beside it cannot get in the way. */
  staging = g_strconcat (request.path, ".restoring", NULL);
  remove_with_journals (staging);
  from = g_file_new_for_path (source);
  to = g_file_new_for_path (staging);
  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      remove_with_journals (staging);
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_FAILED,
                   _("Cannot read the backup “%s”: %s. Nothing was changed."),
                   source, local_error->message);
      return FALSE;
    }

  request.staging = staging;
  ok = reseau_db_run (self, restore_job, &request, error) != NULL;
  remove_with_journals (staging);

  if (ok && kept_copy != NULL)
    *kept_copy = g_steal_pointer (&request.kept);
  g_free (request.kept);

  return ok;
}
