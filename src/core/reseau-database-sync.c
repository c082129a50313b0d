/* reseau-database-sync.c — what CardDAV sync keeps, on the database's thread
 *
 * The sync engine reads the state of a book, talks to the server, and
 * hands each page of server changes back here to be written in one
 * transaction together with the book's new sync token: SIGKILL at any
 * moment leaves either the page and its token, or neither, so the next
 * sync asks for the same page again and converges.
 *
 * Local edits are told apart by revisions, never by timestamps:
 *
 *   contacts.revision      raised by every save (reseau-database.c)
 *   synced_cards.revision  the contact's revision that matches the base
 *
 *   live contact, no synced card anywhere   → created here
 *   contact.revision > card.revision        → changed here
 *   card whose contact is gone or trashed   → deleted here
 *
 * A server change carries the revision it was computed from; when the user
 * saved the contact meanwhile, the change is skipped (never overwriting the
 * edit) and comes again at the next sync, after the edit went up.
 *
 * Every job runs on the worker thread (see reseau-database-private.h); a
 * failed job's transaction is rolled back by the worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reseau-database-private.h"
#include "reseau-database-sync.h"
#include "reseau-error.h"
#include "reseau-vcard-contact.h"
#include "reseau-vcard-merge.h"

typedef ReseauDatabaseWorker Worker;

/* Free functions ------------------------------------------------------------ */

void
reseau_synced_card_free (ReseauSyncedCard *card)
{
  if (card == NULL)
    return;

  g_free (card->href);
  g_free (card->uid);
  g_free (card->etag);
  g_free (card->base);
  g_free (card);
}

void
reseau_local_changes_free (ReseauLocalChanges *changes)
{
  if (changes == NULL)
    return;

  g_clear_pointer (&changes->created, g_ptr_array_unref);
  g_clear_pointer (&changes->changed, g_ptr_array_unref);
  g_clear_pointer (&changes->deleted, g_ptr_array_unref);
  g_free (changes);
}

void
reseau_conflict_free (ReseauConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->uid);
  g_free (conflict->property);
  g_free (conflict->local_value);
  g_free (conflict->server_value);
  g_free (conflict->local_lines);
  g_free (conflict);
}

void
reseau_sync_change_free (ReseauSyncChange *change)
{
  if (change == NULL)
    return;

  g_free (change->href);
  g_free (change->etag);
  g_free (change->base);
  g_free (change->uid);
  g_clear_object (&change->contact);
  g_clear_pointer (&change->conflicts, g_ptr_array_unref);
  g_free (change);
}

/* Helpers ----------------------------------------------------------------- */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Rows changed by the statement just stepped. */
static int
changes_of (sqlite3_stmt *stmt)
{
  return sqlite3_changes (sqlite3_db_handle (stmt));
}

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
account_not_found (GError **error)
{
  g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND,
                       _("This account has been removed."));
  return NULL;
}

static gpointer
book_not_found (GError **error)
{
  g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND,
                       _("This address book is no longer synced: its account has been removed."));
  return NULL;
}

static gpointer
conflict_not_found (GError **error)
{
  g_set_error_literal (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND,
                       _("This conflict has already been resolved."));
  return NULL;
}

/* Sets *found to whether the one-column, one-parameter query over id has a
 * row; a query of existence. */
static gboolean
exists_by_id (Worker      *worker,
              const char  *sql,
              gint64       id,
              gboolean    *found,
              GError     **error)
{
  sqlite3_stmt *stmt = reseau_db_statement (worker, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  *found = (rc == SQLITE_ROW);
  return TRUE;
}

static gboolean
require_book (Worker  *worker,
              gint64   book_id,
              GError **error)
{
  gboolean found = FALSE;

  if (!exists_by_id (worker, "SELECT 1 FROM address_books WHERE id = ?1", book_id, &found, error))
    return FALSE;
  if (!found)
    return book_not_found (error) != NULL;

  return TRUE;
}

/* The revision of the contact with that UID, live or trashed; 0 when there
 * is none. The trash counts: a change computed against a trashed contact
 * must still be told from one computed against no contact. */
static gboolean
read_revision (Worker      *worker,
               const char  *uid,
               gint64      *revision,
               gint64      *contact_id,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *revision = 0;
  if (contact_id != NULL)
    *contact_id = 0;

  stmt = reseau_db_statement (worker, "SELECT revision, id FROM contacts WHERE uid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  reseau_db_bind_text (stmt, 1, uid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *revision = sqlite3_column_int64 (stmt, 0);
      if (contact_id != NULL)
        *contact_id = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

static gboolean
upsert_synced_card (Worker      *worker,
                    gint64       book_id,
                    const char  *href,
                    const char  *uid,
                    const char  *etag,
                    const char  *base,
                    gint64       revision,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = reseau_db_statement (worker,
                              "INSERT INTO synced_cards (book_id, href, uid, etag, base, revision)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                              " ON CONFLICT (book_id, href) DO UPDATE SET uid = excluded.uid,"
                              " etag = excluded.etag, base = excluded.base,"
                              " revision = excluded.revision", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, book_id);
  reseau_db_bind_text (stmt, 2, href);
  reseau_db_bind_text (stmt, 3, uid);
  reseau_db_bind_text (stmt, 4, etag);
  reseau_db_bind_text (stmt, 5, base);
  sqlite3_bind_int64 (stmt, 6, revision);

  return reseau_db_step_done (worker, stmt, error);
}

static gboolean
delete_synced_card (Worker      *worker,
                    gint64       book_id,
                    const char  *href,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = reseau_db_statement (worker, "DELETE FROM synced_cards WHERE book_id = ?1 AND href = ?2",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, book_id);
  reseau_db_bind_text (stmt, 2, href);

  return reseau_db_step_done (worker, stmt, error);
}

/* Accounts ---------------------------------------------------------------- */

static ReseauAccount *
account_from_row (sqlite3_stmt *stmt)
{
  ReseauAccount *account = reseau_account_new ((const char *) sqlite3_column_text (stmt, 1),
                                               (const char *) sqlite3_column_text (stmt, 2));

  account->id = sqlite3_column_int64 (stmt, 0);
  account->created_at = sqlite3_column_int64 (stmt, 3);
  account->last_sync_at = sqlite3_column_int64 (stmt, 4);
  account->last_error = reseau_db_column_text (stmt, 5);

  return account;
}

#define SELECT_ACCOUNT \
  "SELECT id, server, user, created_at, last_sync_at, last_error FROM accounts"

/* Inserts the book (id 0) or updates every field of it. */
static gboolean
write_book (Worker             *worker,
            ReseauAddressBook  *book,
            GError            **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  if (!exists_by_id (worker, "SELECT 1 FROM accounts WHERE id = ?1", book->account_id, &found, error))
    return FALSE;
  if (!found)
    return account_not_found (error) != NULL;

  /* Told apart here rather than from SQLite's constraint error, which
   * would not say which constraint failed. */
  stmt = reseau_db_statement (worker,
                              "SELECT id FROM address_books WHERE account_id = ?1 AND url = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, book->account_id);
  reseau_db_bind_text (stmt, 2, book->url);
  rc = sqlite3_step (stmt);
  found = (rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) != book->id);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;
  if (found)
    {
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_ALREADY_EXISTS,
                   _("The address book “%s” is already part of this account."), book->url);
      return FALSE;
    }

  if (book->id == 0)
    stmt = reseau_db_statement (worker,
                                "INSERT INTO address_books (account_id, url, display_name, enabled,"
                                " ctag, sync_token, supports_sync_collection, vcard_version, read_only,"
                                " max_resource_size, initial_sync_done)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  else
    stmt = reseau_db_statement (worker,
                                "UPDATE address_books SET (account_id, url, display_name, enabled,"
                                " ctag, sync_token, supports_sync_collection, vcard_version, read_only,"
                                " max_resource_size, initial_sync_done)"
                                " = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) WHERE id = ?12", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, book->account_id);
  reseau_db_bind_text (stmt, 2, book->url);
  reseau_db_bind_text (stmt, 3, book->display_name);
  sqlite3_bind_int (stmt, 4, book->enabled != FALSE);
  reseau_db_bind_text (stmt, 5, book->ctag);
  reseau_db_bind_text (stmt, 6, book->sync_token);
  sqlite3_bind_int (stmt, 7, book->supports_sync_collection != FALSE);
  sqlite3_bind_int (stmt, 8, book->vcard_version);
  sqlite3_bind_int (stmt, 9, book->read_only != FALSE);
  sqlite3_bind_int64 (stmt, 10, book->max_resource_size);
  sqlite3_bind_int (stmt, 11, book->initial_sync_done != FALSE);
  if (book->id != 0)
    sqlite3_bind_int64 (stmt, 12, book->id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return reseau_db_fail (worker, rc, error) != NULL;
    }

  if (book->id == 0)
    book->id = sqlite3_last_insert_rowid (sqlite3_db_handle (stmt));
  else if (changes_of (stmt) == 0)
    {
      sqlite3_reset (stmt);
      return book_not_found (error) != NULL;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

typedef struct
{
  ReseauAccount *account;  /* borrowed: the caller keeps it until done */
  GPtrArray     *books;    /* may be NULL */
} AddAccountRequest;

static void
add_account_request_free (AddAccountRequest *request)
{
  g_clear_pointer (&request->books, g_ptr_array_unref);
  g_free (request);
}

static gboolean
add_account (Worker             *worker,
             AddAccountRequest  *request,
             GError            **error)
{
  ReseauAccount *account = request->account;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  stmt = reseau_db_statement (worker, "SELECT 1 FROM accounts WHERE server = ?1 AND user = ?2", error);
  if (stmt == NULL)
    return FALSE;
  reseau_db_bind_text (stmt, 1, account->server);
  reseau_db_bind_text (stmt, 2, account->user);
  rc = sqlite3_step (stmt);
  found = (rc == SQLITE_ROW);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;
  if (found)
    {
      g_set_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_ALREADY_EXISTS,
                   _("The account of “%s” on %s has already been added."),
                   account->user, account->server);
      return FALSE;
    }

  account->created_at = now_seconds ();
  stmt = reseau_db_statement (worker,
                              "INSERT INTO accounts (server, user, created_at, last_sync_at, last_error)"
                              " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  reseau_db_bind_text (stmt, 1, account->server);
  reseau_db_bind_text (stmt, 2, account->user);
  sqlite3_bind_int64 (stmt, 3, account->created_at);
  sqlite3_bind_int64 (stmt, 4, account->last_sync_at);
  reseau_db_bind_text (stmt, 5, account->last_error);
  if (!reseau_db_step_done (worker, stmt, error))
    return FALSE;
  account->id = sqlite3_last_insert_rowid (sqlite3_db_handle (stmt));

  for (guint i = 0; request->books != NULL && i < request->books->len; i++)
    {
      ReseauAddressBook *book = g_ptr_array_index (request->books, i);

      book->id = 0;
      book->account_id = account->id;
      if (!write_book (worker, book, error))
        return FALSE;
    }

  return TRUE;
}

static gpointer
add_account_job (Worker   *worker,
                 gpointer  data,
                 GError  **error)
{
  AddAccountRequest *request = data;

  if (!begin_write (worker, error))
    return NULL;

  if (add_account (worker, request, error) && commit (worker, error))
    return RESEAU_DB_OK;

  /* Rolled back: ids given out in the transaction name nothing now. */
  reseau_db_rollback (worker);
  request->account->id = 0;
  request->account->created_at = 0;
  for (guint i = 0; request->books != NULL && i < request->books->len; i++)
    {
      ReseauAddressBook *book = g_ptr_array_index (request->books, i);

      book->id = 0;
      book->account_id = 0;
    }
  return NULL;
}

static gpointer
list_accounts_job (Worker   *worker,
                   gpointer  data,
                   GError  **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_account_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker, SELECT_ACCOUNT " ORDER BY created_at, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, account_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&accounts);
}

static gpointer
get_account_job (Worker   *worker,
                 gpointer  data,
                 GError  **error)
{
  ReseauAccount *account = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker, SELECT_ACCOUNT " WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, *(gint64 *) data);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    account = account_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return account_not_found (error);
  if (rc != SQLITE_ROW)
    return reseau_db_fail (worker, rc, error);

  return account;
}

static gpointer
remove_account_job (Worker   *worker,
                    gpointer  data,
                    GError  **error)
{
  sqlite3_stmt *stmt;
  int n_changes;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  /* Its books and their synced cards go with it (ON DELETE CASCADE), in
   * this one statement; the contacts stay, as local contacts. */
  stmt = reseau_db_statement (worker, "DELETE FROM accounts WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, *(gint64 *) data);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_reset (stmt);

      return reseau_db_fail (worker, rc, error);
    }
  n_changes = changes_of (stmt);
  sqlite3_reset (stmt);

  if (n_changes == 0)
    return account_not_found (error);

  return RESEAU_DB_OK;
}

typedef struct
{
  gint64      account_id;
  gint64      last_sync_at;
  const char *last_error;
} AccountState;

static gpointer
set_account_state_job (Worker   *worker,
                       gpointer  data,
                       GError  **error)
{
  AccountState *state = data;
  sqlite3_stmt *stmt;
  int n_changes;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  if (state->last_error == NULL)
    {
      stmt = reseau_db_statement (worker,
                                  "UPDATE accounts SET last_sync_at = ?2, last_error = NULL WHERE id = ?1",
                                  error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 2, state->last_sync_at);
    }
  else
    {
      /* The last good sync stays known: "failed, last synced yesterday". */
      stmt = reseau_db_statement (worker, "UPDATE accounts SET last_error = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return NULL;
      reseau_db_bind_text (stmt, 2, state->last_error);
    }
  sqlite3_bind_int64 (stmt, 1, state->account_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_reset (stmt);

      return reseau_db_fail (worker, rc, error);
    }
  n_changes = changes_of (stmt);
  sqlite3_reset (stmt);

  if (n_changes == 0)
    return account_not_found (error);

  return RESEAU_DB_OK;
}

/* Address books ------------------------------------------------------------ */

static gpointer
list_address_books_job (Worker   *worker,
                        gpointer  data,
                        GError  **error)
{
  g_autoptr(GPtrArray) books = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_address_book_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT id, account_id, url, display_name, enabled, ctag, sync_token,"
                              " supports_sync_collection, vcard_version, read_only, max_resource_size,"
                              " initial_sync_done FROM address_books"
                              " WHERE ?1 = 0 OR account_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, *(gint64 *) data);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauAddressBook *book = reseau_address_book_new ((const char *) sqlite3_column_text (stmt, 2));

      book->id = sqlite3_column_int64 (stmt, 0);
      book->account_id = sqlite3_column_int64 (stmt, 1);
      g_free (book->display_name);
      book->display_name = reseau_db_column_text (stmt, 3);
      book->enabled = sqlite3_column_int (stmt, 4) != 0;
      g_free (book->ctag);
      book->ctag = reseau_db_column_text (stmt, 5);
      g_free (book->sync_token);
      book->sync_token = reseau_db_column_text (stmt, 6);
      book->supports_sync_collection = sqlite3_column_int (stmt, 7) != 0;
      book->vcard_version = sqlite3_column_int (stmt, 8);
      book->read_only = sqlite3_column_int (stmt, 9) != 0;
      book->max_resource_size = sqlite3_column_int64 (stmt, 10);
      book->initial_sync_done = sqlite3_column_int (stmt, 11) != 0;
      g_ptr_array_add (books, book);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&books);
}

static gpointer
save_address_book_job (Worker   *worker,
                       gpointer  data,
                       GError  **error)
{
  ReseauAddressBook *book = data;
  gboolean inserting = (book->id == 0);

  if (!begin_write (worker, error))
    return NULL;

  if (write_book (worker, book, error) && commit (worker, error))
    return RESEAU_DB_OK;

  reseau_db_rollback (worker);
  if (inserting)
    book->id = 0;
  return NULL;
}

static gpointer
get_default_book_id_job (Worker   *worker,
                         gpointer  data,
                         GError  **error)
{
  gint64 *book_id = g_new0 (gint64, 1);
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    goto failed;

  /* A read-only book could never take a contact made here up to the
   * server. */
  stmt = reseau_db_statement (worker,
                              "SELECT b.id FROM address_books b JOIN accounts a ON a.id = b.account_id"
                              " WHERE b.enabled AND NOT b.read_only"
                              " ORDER BY a.created_at, a.id, b.id LIMIT 1", error);
  if (stmt == NULL)
    goto failed;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *book_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      reseau_db_fail (worker, rc, error);
      goto failed;
    }

  return book_id;

failed:
  g_free (book_id);
  return NULL;
}

/* Synced cards ------------------------------------------------------------- */

static ReseauSyncedCard *
synced_card_from_row (sqlite3_stmt *stmt)
{
  ReseauSyncedCard *card = g_new0 (ReseauSyncedCard, 1);

  card->href = reseau_db_column_text (stmt, 0);
  card->uid = reseau_db_column_text (stmt, 1);
  card->etag = reseau_db_column_text (stmt, 2);
  card->base = reseau_db_column_text (stmt, 3);
  card->revision = sqlite3_column_int64 (stmt, 4);

  return card;
}

static gpointer
list_synced_cards_job (Worker   *worker,
                       gpointer  data,
                       GError  **error)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_synced_card_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT href, uid, etag, base, revision FROM synced_cards"
                              " WHERE book_id = ?1 ORDER BY href", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, *(gint64 *) data);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cards, synced_card_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&cards);
}

/* Reads the UIDs of the statement's first column, then loads each contact:
 * loading runs other statements, which must not interleave with a
 * statement whose rows are still being read. */
static gboolean
load_contacts_of (Worker        *worker,
                  sqlite3_stmt  *stmt,
                  GPtrArray     *contacts,
                  GError       **error)
{
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (uids, reseau_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  for (guint i = 0; i < uids->len; i++)
    {
      ReseauContact *contact = reseau_db_load_contact (worker, g_ptr_array_index (uids, i), error);

      if (contact == NULL)
        return FALSE;
      g_ptr_array_add (contacts, contact);
    }

  return TRUE;
}

typedef struct
{
  gint64   book_id;
  gboolean include_created;
} LocalChangesRequest;

static gboolean
list_local_changes (Worker               *worker,
                    LocalChangesRequest  *request,
                    ReseauLocalChanges   *changes,
                    GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (request->include_created)
    {
      stmt = reseau_db_statement (worker,
                                  "SELECT c.uid FROM contacts c WHERE c.trashed_at IS NULL"
                                  " AND NOT EXISTS (SELECT 1 FROM synced_cards s WHERE s.uid = c.uid)"
                                  " ORDER BY c.id", error);
      if (stmt == NULL || !load_contacts_of (worker, stmt, changes->created, error))
        return FALSE;
    }

  /* DISTINCT: one UID may sit at two hrefs of the book. */
  stmt = reseau_db_statement (worker,
                              "SELECT DISTINCT c.uid FROM synced_cards s JOIN contacts c ON c.uid = s.uid"
                              " WHERE s.book_id = ?1 AND c.trashed_at IS NULL AND c.revision > s.revision"
                              " ORDER BY c.uid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->book_id);
  if (!load_contacts_of (worker, stmt, changes->changed, error))
    return FALSE;

  stmt = reseau_db_statement (worker,
                              "SELECT s.href, s.uid, s.etag, s.base, s.revision FROM synced_cards s"
                              " WHERE s.book_id = ?1 AND NOT EXISTS (SELECT 1 FROM contacts c"
                              " WHERE c.uid = s.uid AND c.trashed_at IS NULL) ORDER BY s.href", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->book_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (changes->deleted, synced_card_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

static gpointer
list_local_changes_job (Worker   *worker,
                        gpointer  data,
                        GError  **error)
{
  g_autoptr(ReseauLocalChanges) changes = g_new0 (ReseauLocalChanges, 1);

  changes->created = g_ptr_array_new_with_free_func (g_object_unref);
  changes->changed = g_ptr_array_new_with_free_func (g_object_unref);
  changes->deleted = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_synced_card_free);

  if (!reseau_db_require_open (worker, error))
    return NULL;

  /* One read transaction: the three lists describe one moment, even if
   * the CLI writes in between. */
  if (!reseau_db_exec (worker, "BEGIN", error))
    return NULL;
  if (!list_local_changes (worker, data, changes, error) || !commit (worker, error))
    return NULL;

  return g_steal_pointer (&changes);
}

static gpointer
get_contact_revision_job (Worker   *worker,
                          gpointer  data,
                          GError  **error)
{
  gint64 *revision = g_new0 (gint64, 1);

  if (!reseau_db_require_open (worker, error) ||
      !read_revision (worker, data, revision, NULL, error))
    {
      g_free (revision);
      return NULL;
    }

  return revision;
}

/* Stores the conflicts of one change, for the contact contact_id. A
 * conflict already recorded as it is (the same server card merged again
 * after a skipped change) is not recorded twice. */
static gboolean
insert_conflicts (Worker      *worker,
                  gint64       contact_id,
                  GPtrArray   *conflicts,
                  GError     **error)
{
  gint64 now = now_seconds ();

  for (guint i = 0; i < conflicts->len; i++)
    {
      ReseauConflict *conflict = g_ptr_array_index (conflicts, i);
      sqlite3_stmt *stmt;

      stmt = reseau_db_statement (worker,
                                  "INSERT INTO contact_conflicts (contact_id, property, local_value,"
                                  " server_value, local_lines, created_at)"
                                  " SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (SELECT 1"
                                  " FROM contact_conflicts WHERE contact_id = ?1 AND property = ?2"
                                  " AND local_lines = ?5 AND server_value IS ?4)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, contact_id);
      reseau_db_bind_text (stmt, 2, conflict->property);
      reseau_db_bind_text (stmt, 3, conflict->local_value);
      reseau_db_bind_text (stmt, 4, conflict->server_value);
      reseau_db_bind_text (stmt, 5, conflict->local_lines ? conflict->local_lines : "");
      sqlite3_bind_int64 (stmt, 6, conflict->created_at != 0 ? conflict->created_at : now);
      if (!reseau_db_step_done (worker, stmt, error))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  gint64      book_id;
  GPtrArray  *changes;
  const char *sync_token;
  const char *ctag;
  gboolean    initial_sync_done;
  guint       n_skipped;
} SyncPage;

static gboolean
apply_change (Worker            *worker,
              gint64             book_id,
              ReseauSyncChange  *change,
              gboolean          *skipped,
              GError           **error)
{
  gint64 revision;
  gint64 contact_id;

  if (!read_revision (worker, change->uid, &revision, &contact_id, error))
    return FALSE;

  /* Saved here since the engine looked: the edit wins for now, and the
   * server's card comes again at the next sync. */
  *skipped = (revision != change->expected_revision);
  if (*skipped)
    return TRUE;

  if (change->contact != NULL)
    {
      g_autoptr(GPtrArray) contacts = g_ptr_array_new ();
      gint64 card_revision;

      /* Writing also brings a trashed contact back: a server edit against a
       * local delete keeps the edited contact. */
      g_ptr_array_add (contacts, change->contact);
      if (!reseau_db_write_contacts (worker, contacts, error))
        return FALSE;
      contact_id = reseau_contact_get_id (change->contact);

      /* Below the new revision when the merge kept local changes the server
       * has not got: the contact then counts as changed, and goes up. */
      card_revision = change->needs_upload ? change->expected_revision
                                           : reseau_contact_get_revision (change->contact);
      if (!upsert_synced_card (worker, book_id, change->href, change->uid, change->etag,
                               change->base, card_revision, error))
        return FALSE;
    }
  else if (change->base != NULL)
    {
      if (!upsert_synced_card (worker, book_id, change->href, change->uid, change->etag,
                               change->base, revision, error))
        return FALSE;
    }
  else
    {
      if (change->delete_contact)
        {
          if (!reseau_db_remove_contact (worker, change->uid, error))
            return FALSE;
          contact_id = 0;
        }
      if (!delete_synced_card (worker, book_id, change->href, error))
        return FALSE;
    }

  /* Conflicts only come from a merge, which writes a contact; one without
   * a contact to hold it has nothing a user could restore. */
  if (change->conflicts != NULL && contact_id != 0 &&
      !insert_conflicts (worker, contact_id, change->conflicts, error))
    return FALSE;

  return TRUE;
}

static gpointer
apply_sync_page_job (Worker   *worker,
                     gpointer  data,
                     GError  **error)
{
  SyncPage *page = data;
  sqlite3_stmt *stmt;
  guint n_skipped = 0;

  if (!begin_write (worker, error))
    return NULL;

  /* The account may have been removed while the engine talked to the
   * server: nothing of its page must land then. */
  if (!require_book (worker, page->book_id, error))
    return NULL;

  for (guint i = 0; page->changes != NULL && i < page->changes->len; i++)
    {
      gboolean skipped = FALSE;

      if (!apply_change (worker, page->book_id, g_ptr_array_index (page->changes, i),
                         &skipped, error))
        return NULL;
      if (skipped)
        n_skipped++;
    }

  stmt = reseau_db_statement (worker,
                              "UPDATE address_books SET sync_token = coalesce (?2, sync_token),"
                              " ctag = coalesce (?3, ctag),"
                              " initial_sync_done = initial_sync_done OR ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, page->book_id);
  reseau_db_bind_text (stmt, 2, page->sync_token);
  reseau_db_bind_text (stmt, 3, page->ctag);
  sqlite3_bind_int (stmt, 4, page->initial_sync_done != FALSE);
  if (!reseau_db_step_done (worker, stmt, error))
    return NULL;

  if (!commit (worker, error))
    return NULL;

  page->n_skipped = n_skipped;
  return RESEAU_DB_OK;
}

typedef struct
{
  gint64      book_id;
  const char *href;
  const char *uid;
  const char *etag;
  const char *base;
  gint64      revision;
} Upload;

static gpointer
record_upload_job (Worker   *worker,
                   gpointer  data,
                   GError  **error)
{
  Upload *upload = data;

  if (!begin_write (worker, error))
    return NULL;
  if (!require_book (worker, upload->book_id, error) ||
      !upsert_synced_card (worker, upload->book_id, upload->href, upload->uid, upload->etag,
                           upload->base, upload->revision, error))
    return NULL;

  return commit (worker, error);
}

static gpointer
forget_synced_card_job (Worker   *worker,
                        gpointer  data,
                        GError  **error)
{
  Upload *upload = data;

  if (!reseau_db_require_open (worker, error) ||
      !delete_synced_card (worker, upload->book_id, upload->href, error))
    return NULL;

  return RESEAU_DB_OK;
}

/* Conflicts ----------------------------------------------------------------- */

static gpointer
list_conflicts_job (Worker   *worker,
                    gpointer  data,
                    GError  **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_conflict_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  /* Only live contacts: a trashed contact's conflicts come back with it. */
  stmt = reseau_db_statement (worker,
                              "SELECT k.id, c.uid, k.property, k.local_value, k.server_value,"
                              " k.local_lines, k.created_at"
                              " FROM contact_conflicts k JOIN contacts c ON c.id = k.contact_id"
                              " WHERE c.trashed_at IS NULL AND (?1 IS NULL OR c.uid = ?1)"
                              " ORDER BY k.created_at DESC, k.id DESC", error);
  if (stmt == NULL)
    return NULL;
  reseau_db_bind_text (stmt, 1, data);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauConflict *conflict = g_new0 (ReseauConflict, 1);

      conflict->id = sqlite3_column_int64 (stmt, 0);
      conflict->uid = reseau_db_column_text (stmt, 1);
      conflict->property = reseau_db_column_text (stmt, 2);
      conflict->local_value = reseau_db_column_text (stmt, 3);
      conflict->server_value = reseau_db_column_text (stmt, 4);
      conflict->local_lines = reseau_db_column_text (stmt, 5);
      conflict->created_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (conflicts, conflict);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&conflicts);
}

static gboolean
delete_conflict (Worker   *worker,
                 gint64    conflict_id,
                 int      *n_changes,
                 GError  **error)
{
  sqlite3_stmt *stmt = reseau_db_statement (worker, "DELETE FROM contact_conflicts WHERE id = ?1",
                                            error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  rc = sqlite3_step (stmt);
  *n_changes = changes_of (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

static gboolean
restore_conflict (Worker   *worker,
                  gint64    conflict_id,
                  GError  **error)
{
  g_autofree char *uid = NULL;
  g_autofree char *property = NULL;
  g_autofree char *lines = NULL;
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(ReseauContact) restored = NULL;
  g_autoptr(ReseauVCard) card = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  sqlite3_stmt *stmt;
  int n_changes;
  int rc;

  stmt = reseau_db_statement (worker,
                              "SELECT c.uid, k.property, k.local_lines"
                              " FROM contact_conflicts k JOIN contacts c ON c.id = k.contact_id"
                              " WHERE k.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      uid = reseau_db_column_text (stmt, 0);
      property = reseau_db_column_text (stmt, 1);
      lines = reseau_db_column_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return conflict_not_found (error) != NULL;
  if (rc != SQLITE_ROW)
    return reseau_db_fail (worker, rc, error) != NULL;

  contact = reseau_db_load_contact (worker, uid, error);
  if (contact == NULL)
    return FALSE;

  /* Through the card, so that what the contact's fields do not hold
   * (groups, parameters, properties the app does not know) comes back as
   * the user had it. */
  card = reseau_contact_to_vcard (contact, FALSE);
  if (!reseau_vcard_restore_field (card, property, lines, error))
    return FALSE;
  restored = reseau_contact_with_card (contact, card);

  /* Raises the revision: the next sync sends the restored value up. */
  contacts = g_ptr_array_new ();
  g_ptr_array_add (contacts, restored);
  if (!reseau_db_write_contacts (worker, contacts, error))
    return FALSE;

  return delete_conflict (worker, conflict_id, &n_changes, error);
}

static gpointer
restore_conflict_job (Worker   *worker,
                      gpointer  data,
                      GError  **error)
{
  if (!begin_write (worker, error))
    return NULL;
  if (!restore_conflict (worker, *(gint64 *) data, error))
    return NULL;

  return commit (worker, error);
}

static gpointer
dismiss_conflict_job (Worker   *worker,
                      gpointer  data,
                      GError  **error)
{
  int n_changes = 0;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  /* A conflict dismissed twice (two windows, a double click) is no error:
   * the server's value is kept either way. */
  if (!delete_conflict (worker, *(gint64 *) data, &n_changes, error))
    return NULL;

  return RESEAU_DB_OK;
}

/* Public API: accounts ------------------------------------------------------ */

gboolean
reseau_database_add_account (ReseauDatabase  *self,
                             ReseauAccount   *account,
                             GPtrArray       *books,
                             GError         **error)
{
  AddAccountRequest request = { account, books };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (account != NULL && account->server != NULL && account->user != NULL, FALSE);

  return reseau_db_run (self, add_account_job, &request, error) != NULL;
}

void
reseau_database_add_account_async (ReseauDatabase      *self,
                                   ReseauAccount       *account,
                                   GPtrArray           *books,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  AddAccountRequest *request;

  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (account != NULL && account->server != NULL && account->user != NULL);

  /* The worker sets the ids on the caller's account and books: the caller
   * keeps them, unchanged, until the call completes. */
  request = g_new0 (AddAccountRequest, 1);
  request->account = account;
  request->books = books ? g_ptr_array_ref (books) : NULL;
  reseau_db_run_async (self, add_account_job, request, (GDestroyNotify) add_account_request_free,
                       NULL, reseau_database_add_account_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_add_account)

GPtrArray *
reseau_database_list_accounts (ReseauDatabase  *self,
                               GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_accounts_job, NULL, error);
}

void
reseau_database_list_accounts_async (ReseauDatabase      *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, list_accounts_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                       reseau_database_list_accounts_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GPtrArray *, reseau_database_list_accounts)

ReseauAccount *
reseau_database_get_account (ReseauDatabase  *self,
                             gint64           account_id,
                             GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, get_account_job, &account_id, error);
}

RESEAU_DB_DEFINE_ID_OPERATION_BOOLEAN (reseau_database_remove_account, remove_account_job)

gboolean
reseau_database_set_account_state (ReseauDatabase  *self,
                                   gint64           account_id,
                                   gint64           last_sync_at,
                                   const char      *last_error,
                                   GError         **error)
{
  AccountState state = { account_id, last_sync_at, last_error };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);

  return reseau_db_run (self, set_account_state_job, &state, error) != NULL;
}

/* Public API: address books ---------------------------------------------------- */

RESEAU_DB_DEFINE_ID_OPERATION (GPtrArray *, reseau_database_list_address_books, list_address_books_job,
                               (GDestroyNotify) g_ptr_array_unref)

gboolean
reseau_database_save_address_book (ReseauDatabase     *self,
                                   ReseauAddressBook  *book,
                                   GError            **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (book != NULL && book->url != NULL, FALSE);

  return reseau_db_run (self, save_address_book_job, book, error) != NULL;
}

void
reseau_database_save_address_book_async (ReseauDatabase      *self,
                                         ReseauAddressBook   *book,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (book != NULL && book->url != NULL);

  /* The worker sets the id of a new book on the caller's struct: the caller
   * keeps it, unchanged, until the call completes. */
  reseau_db_run_async (self, save_address_book_job, book, NULL, NULL,
                       reseau_database_save_address_book_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_save_address_book)

gint64
reseau_database_get_default_book_id (ReseauDatabase  *self,
                                     GError         **error)
{
  g_autofree gint64 *book_id = NULL;

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), 0);

  book_id = reseau_db_run (self, get_default_book_id_job, NULL, error);
  return book_id != NULL ? *book_id : 0;
}

/* Public API: synced cards ------------------------------------------------------ */

GPtrArray *
reseau_database_list_synced_cards (ReseauDatabase  *self,
                                   gint64           book_id,
                                   GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_synced_cards_job, &book_id, error);
}

ReseauLocalChanges *
reseau_database_list_local_changes (ReseauDatabase  *self,
                                    gint64           book_id,
                                    gboolean         include_created,
                                    GError         **error)
{
  LocalChangesRequest request = { book_id, include_created };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_local_changes_job, &request, error);
}

gint64
reseau_database_get_contact_revision (ReseauDatabase  *self,
                                      const char      *uid,
                                      GError         **error)
{
  g_autofree gint64 *revision = NULL;

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), 0);
  g_return_val_if_fail (uid != NULL, 0);

  revision = reseau_db_run (self, get_contact_revision_job, (gpointer) uid, error);
  return revision != NULL ? *revision : 0;
}

gboolean
reseau_database_apply_sync_page (ReseauDatabase  *self,
                                 gint64           book_id,
                                 GPtrArray       *changes,
                                 const char      *sync_token,
                                 const char      *ctag,
                                 gboolean         initial_sync_done,
                                 guint           *n_skipped,
                                 GError         **error)
{
  SyncPage page = { book_id, changes, sync_token, ctag, initial_sync_done, 0 };
  gboolean ok;

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      ReseauSyncChange *change = g_ptr_array_index (changes, i);

      g_return_val_if_fail (change->href != NULL && change->uid != NULL, FALSE);
      g_return_val_if_fail (change->contact == NULL || change->base != NULL, FALSE);
      g_return_val_if_fail (change->contact == NULL ||
                            g_strcmp0 (reseau_contact_get_uid (change->contact), change->uid) == 0, FALSE);
    }

  ok = reseau_db_run (self, apply_sync_page_job, &page, error) != NULL;
  if (n_skipped != NULL)
    *n_skipped = ok ? page.n_skipped : 0;

  return ok;
}

gboolean
reseau_database_record_upload (ReseauDatabase  *self,
                               gint64           book_id,
                               const char      *href,
                               const char      *uid,
                               const char      *etag,
                               const char      *base,
                               gint64           revision,
                               GError         **error)
{
  Upload upload = { book_id, href, uid, etag, base, revision };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (href != NULL && uid != NULL && base != NULL, FALSE);

  return reseau_db_run (self, record_upload_job, &upload, error) != NULL;
}

gboolean
reseau_database_forget_synced_card (ReseauDatabase  *self,
                                    gint64           book_id,
                                    const char      *href,
                                    GError         **error)
{
  Upload upload = { .book_id = book_id, .href = href };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (href != NULL, FALSE);

  return reseau_db_run (self, forget_synced_card_job, &upload, error) != NULL;
}

/* Public API: conflicts ----------------------------------------------------------- */

GPtrArray *
reseau_database_list_conflicts (ReseauDatabase  *self,
                                const char      *uid,
                                GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_conflicts_job, (gpointer) uid, error);
}

void
reseau_database_list_conflicts_async (ReseauDatabase      *self,
                                      const char          *uid,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_uid_async (self, list_conflicts_job, uid, (GDestroyNotify) g_ptr_array_unref,
                           reseau_database_list_conflicts_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GPtrArray *, reseau_database_list_conflicts)

RESEAU_DB_DEFINE_ID_OPERATION_BOOLEAN (reseau_database_restore_conflict, restore_conflict_job)

RESEAU_DB_DEFINE_ID_OPERATION_BOOLEAN (reseau_database_dismiss_conflict, dismiss_conflict_job)
