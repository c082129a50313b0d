/* reseau-database-private.h — shared by the files that make up ReseauDatabase
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "reseau-database.h"

G_BEGIN_DECLS

/* The worker thread's side of ReseauDatabase (see reseau-database.c), for
 * the files that add operations to it, such as the sync state
 * (reseau-database-sync.c). Everything named reseau_db_*() with a worker
 * runs on the worker thread, inside a job. */
typedef struct _ReseauDatabaseWorker ReseauDatabaseWorker;

/* A job: runs on the worker thread, returns a non-NULL result or NULL with
 * error set. A job that returns no value returns RESEAU_DB_OK. A failed
 * job's open transaction is rolled back for it. */
typedef gpointer (*ReseauDatabaseJob) (ReseauDatabaseWorker  *worker,
                                       gpointer               data,
                                       GError               **error);

#define RESEAU_DB_OK GINT_TO_POINTER (1)

/* Runs job on the worker thread and waits for it (never from the UI
 * thread). */
gpointer       reseau_db_run           (ReseauDatabase        *self,
                                        ReseauDatabaseJob      job,
                                        gpointer               data,
                                        GError               **error);
/* Runs job on the worker thread; data is freed with data_free afterwards,
 * an unclaimed result with result_free. A cancelled call reports
 * G_IO_ERROR_CANCELLED even when the job ran. */
void           reseau_db_run_async     (ReseauDatabase        *self,
                                        ReseauDatabaseJob      job,
                                        gpointer               data,
                                        GDestroyNotify         data_free,
                                        GDestroyNotify         result_free,
                                        gpointer               source_tag,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
gpointer       reseau_db_finish        (ReseauDatabase        *self,
                                        GAsyncResult          *result,
                                        gpointer               source_tag,
                                        GError               **error);
/* reseau_db_run_async() on a copy of a row id (the job gets a gint64 *)
 * or of a UID (the job gets a const char *), freed for the caller. */
void           reseau_db_run_id_async  (ReseauDatabase        *self,
                                        ReseauDatabaseJob      job,
                                        gint64                 id,
                                        GDestroyNotify         result_free,
                                        gpointer               source_tag,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
void           reseau_db_run_uid_async (ReseauDatabase        *self,
                                        ReseauDatabaseJob      job,
                                        const char            *uid,
                                        GDestroyNotify         result_free,
                                        gpointer               source_tag,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);

/* Define the public operation_finish() of an operation_async() that passed
 * itself as the source tag and has nothing to hand back but the job's
 * result. Deriving the tag from the name keeps each _finish paired with
 * its own _async; the prototypes stay in the public headers.
 * RESEAU_DB_DEFINE_FINISH_BOOLEAN is for jobs that return RESEAU_DB_OK,
 * whose pointer must be tested, not cast, to become a gboolean. */
#define RESEAU_DB_DEFINE_FINISH(ResultType, operation)                  \
  ResultType                                                            \
  operation##_finish (ReseauDatabase  *self,                            \
                      GAsyncResult    *result,                          \
                      GError         **error)                           \
  {                                                                     \
    return reseau_db_finish (self, result, operation##_async, error);   \
  }

#define RESEAU_DB_DEFINE_FINISH_BOOLEAN(operation)                              \
  gboolean                                                                      \
  operation##_finish (ReseauDatabase  *self,                                    \
                      GAsyncResult    *result,                                  \
                      GError         **error)                                   \
  {                                                                             \
    return reseau_db_finish (self, result, operation##_async, error) != NULL;   \
  }

/* Define an operation on one row id, whole: its blocking call, its _async
 * and its _finish, the prototypes staying in the public headers. job gets
 * a gint64 *; result_free frees what it returns when nobody finishes the
 * call. Most operations on one event, interaction, account or conflict
 * have just this shape; the _BOOLEAN one is for jobs that return
 * RESEAU_DB_OK. */
#define RESEAU_DB_DEFINE_ID_OPERATION(ResultType, operation, job, result_free)    \
  ResultType                                                                      \
  operation (ReseauDatabase  *self,                                               \
             gint64           id,                                                 \
             GError         **error)                                              \
  {                                                                               \
    g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);                       \
                                                                                  \
    return reseau_db_run (self, job, &id, error);                                 \
  }                                                                               \
                                                                                  \
  RESEAU_DB_DEFINE_ID_ASYNC (operation, job, result_free)                         \
  RESEAU_DB_DEFINE_FINISH (ResultType, operation)

#define RESEAU_DB_DEFINE_ID_OPERATION_BOOLEAN(operation, job)                     \
  gboolean                                                                        \
  operation (ReseauDatabase  *self,                                               \
             gint64           id,                                                 \
             GError         **error)                                              \
  {                                                                               \
    g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);                      \
                                                                                  \
    return reseau_db_run (self, job, &id, error) != NULL;                         \
  }                                                                               \
                                                                                  \
  RESEAU_DB_DEFINE_ID_ASYNC (operation, job, NULL)                                \
  RESEAU_DB_DEFINE_FINISH_BOOLEAN (operation)

/* The _async of both. */
#define RESEAU_DB_DEFINE_ID_ASYNC(operation, job, result_free)                    \
  void                                                                            \
  operation##_async (ReseauDatabase      *self,                                   \
                     gint64               id,                                     \
                     GCancellable        *cancellable,                            \
                     GAsyncReadyCallback  callback,                               \
                     gpointer             user_data)                              \
  {                                                                               \
    g_return_if_fail (RESEAU_IS_DATABASE (self));                                 \
                                                                                  \
    reseau_db_run_id_async (self, job, id, result_free, operation##_async,        \
                            cancellable, callback, user_data);                    \
  }

/* Opens the database first if no job has yet. */
gboolean       reseau_db_require_open  (ReseauDatabaseWorker  *worker,
                                        GError               **error);
/* A prepared statement, reset and unbound. The SQL text must be a string
 * literal: its address is the key of the statement cache. */
sqlite3_stmt  *reseau_db_statement     (ReseauDatabaseWorker  *worker,
                                        const char            *sql,
                                        GError               **error);
/* Steps a statement that returns no rows, and resets it. */
gboolean       reseau_db_step_done     (ReseauDatabaseWorker  *worker,
                                        sqlite3_stmt          *stmt,
                                        GError               **error);
/* Runs one statement without rows ("BEGIN IMMEDIATE", "COMMIT"…). */
gboolean       reseau_db_exec          (ReseauDatabaseWorker  *worker,
                                        const char            *sql,
                                        GError               **error);
/* Rolls back the open transaction, if there is one. */
void           reseau_db_rollback      (ReseauDatabaseWorker  *worker);
/* Sets error from an SQLite result code; returns NULL. */
gpointer       reseau_db_fail          (ReseauDatabaseWorker  *worker,
                                        int                    code,
                                        GError               **error);
/* The open connection (after reseau_db_require_open()), for what only the
 * SQLite API itself offers, such as sqlite3_backup. */
sqlite3       *reseau_db_get_handle    (ReseauDatabaseWorker  *worker);
/* A consistent copy of the database (VACUUM INTO, fine in WAL mode) into a
 * partial file renamed to destination once complete. */
gboolean       reseau_db_copy_into     (ReseauDatabaseWorker  *worker,
                                        const char            *destination,
                                        GError               **error);
/* Binds text (copied), or NULL. */
void           reseau_db_bind_text     (sqlite3_stmt          *stmt,
                                        int                    index,
                                        const char            *text);
/* A copy of a text column, or NULL. */
char          *reseau_db_column_text   (sqlite3_stmt          *stmt,
                                        int                    column);

/* Contacts, within the caller's transaction. */

/* A live contact, or NULL with NOT_FOUND. */
ReseauContact *reseau_db_load_contact   (ReseauDatabaseWorker  *worker,
                                         const char            *uid,
                                         GError               **error);
/* Inserts or updates (by UID) each contact, as
 * reseau_database_save_contacts() does but in the caller's transaction.
 * Sets each contact's id and times. */
gboolean       reseau_db_write_contacts (ReseauDatabaseWorker  *worker,
                                         GPtrArray             *contacts,
                                         GError               **error);
/* What search-as-you-type looks into for a contact, folded like the
 * queries: the body of its row in contacts_search. Reads the contact only. */
char          *reseau_db_search_body    (ReseauContact         *contact);
/* Deletes a contact for good (live or trashed); a UID that is not there
 * is no error. */
gboolean       reseau_db_remove_contact (ReseauDatabaseWorker  *worker,
                                         const char            *uid,
                                         GError               **error);

/* Relationships (reseau-database-relations.c) ------------------------------------ */

/* BEGIN IMMEDIATE after opening; RESEAU_DB_OK or NULL. */
gpointer       reseau_db_begin_write   (ReseauDatabaseWorker  *worker,
                                        GError               **error);
/* COMMIT; RESEAU_DB_OK or NULL. */
gpointer       reseau_db_commit        (ReseauDatabaseWorker  *worker,
                                        GError               **error);
/* Sets a NOT_FOUND error with message; returns NULL. */
gpointer       reseau_db_not_found     (GError               **error,
                                        const char            *message);
/* Parses a stored day; an invalid or NULL one leaves day cleared. */
gboolean       reseau_db_column_date   (sqlite3_stmt          *stmt,
                                        int                    column,
                                        GDate                 *day);
/* Binds a day as "YYYY-MM-DD", or NULL when day is NULL or invalid. */
void           reseau_db_bind_date     (sqlite3_stmt          *stmt,
                                        int                    index,
                                        const GDate           *day);
/* The id of a live contact, or NOT_FOUND. */
gboolean       reseau_db_live_contact_id (ReseauDatabaseWorker *worker,
                                        const char            *uid,
                                        gint64                *id,
                                        GError               **error);

/* Steps an UPDATE whose ?1 is the id, and resets it: NOT_FOUND with the
 * message gone when no row had that id. */
gboolean       reseau_db_update_by_id  (ReseauDatabaseWorker  *worker,
                                        sqlite3_stmt          *stmt,
                                        gint64                 id,
                                        const char            *gone,
                                        GError               **error);
/* Rewrites the contact's contact_activity from its live interactions
 * (keeping its snooze) and marks its follow-ups stale, for a change made
 * to its participations outside an interaction's own save (a merge). */
gboolean       reseau_db_refresh_activity (ReseauDatabaseWorker *worker,
                                        gint64                 contact_id,
                                        GError               **error);

/* Follow-ups (reseau-database-followups.c) ----------------------------------------- */

/* contact_activity's due date and cooling-down day depend on a contact's
 * interactions, cadence, met-on day, tags, trash and snooze: whatever
 * changes one of them marks the contact, and the marked contacts are
 * brought up to date, in one statement, before the transaction commits. */
gboolean       reseau_db_mark_followups_stale    (ReseauDatabaseWorker  *worker,
                                                  gint64                 contact_id,
                                                  GError               **error);
gboolean       reseau_db_refresh_stale_followups (ReseauDatabaseWorker  *worker,
                                                  GError               **error);
/* Every contact's, marked or not. */
gboolean       reseau_db_refresh_all_followups   (ReseauDatabaseWorker  *worker,
                                                  GError               **error);
/* Both, for one contact. */
gboolean       reseau_db_refresh_followups       (ReseauDatabaseWorker  *worker,
                                                  gint64                 contact_id,
                                                  GError               **error);

/* Search index of a first import (reseau-database-search-build.c) ---------------- */

/* The search index of a big batch into an empty address book, built on a
 * thread of its own while the worker writes the rest. */
typedef struct _ReseauSearchBuild ReseauSearchBuild;

ReseauSearchBuild *reseau_search_build_start       (ReseauDatabaseWorker  *worker,
                                                    GError               **error);
/* Indexes a contact once written with this id; is_new FALSE replaces the
 * row an earlier contact of the batch gave that id. */
void               reseau_search_build_add         (ReseauSearchBuild     *build,
                                                    gint64                 id,
                                                    ReseauContact         *contact,
                                                    gboolean               is_new);
/* Where the worker copies its staged rows: the builder copies its own. */
void               reseau_search_build_copy_staged (ReseauSearchBuild     *build);
/* Waits for the builder, then puts what it built in place of the rows of
 * contacts_search, in the caller's transaction. The connection must be
 * reopened after the commit: FTS5 keeps the structure it last read. */
gboolean           reseau_search_build_finish      (ReseauSearchBuild     *build,
                                                    ReseauDatabaseWorker  *worker,
                                                    GError               **error);
/* Stops the builder (at once when not finished) and frees it. */
void               reseau_search_build_free        (ReseauSearchBuild     *build);

/* Reads a PRAGMA whose value is an integer ("page_size"). */
gboolean reseau_database_read_pragma        (sqlite3     *db,
                                             const char  *pragma,
                                             int         *value,
                                             GError     **error);
/* Reads PRAGMA user_version. */
gboolean reseau_database_schema_read_version (sqlite3  *db,
                                              int      *version,
                                              GError  **error);
/* Brings a database from from_version up to RESEAU_DATABASE_SCHEMA_VERSION,
 * one transaction per step. */
gboolean reseau_database_schema_migrate      (sqlite3  *db,
                                              int       from_version,
                                              GError  **error);
/* Turns an SQLite failure into a ReseauDatabaseError a user can act on. */
void     reseau_database_set_sqlite_error    (GError      **error,
                                              sqlite3      *db,
                                              int           code,
                                              const char   *path);

G_END_DECLS
