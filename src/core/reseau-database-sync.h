/* reseau-database-sync.h — what CardDAV sync keeps in the database
 *
 * Per account: server, user, last sync and last error (never the password).
 * Per address book: its URL, capabilities, ctag and sync token.
 * Per synced card: the href, ETag and UID, and the base — the card exactly
 * as the server last gave it — with the revision of the local contact
 * that matches that base. A contact whose revision is higher has been
 * edited here since (every save of a contact raises its revision).
 * Per contact: the conflicts a sync resolved for the server, with the local
 * values the user can restore.
 *
 * Blocking calls are for the sync engine's thread, the CLI and tests; the
 * _async ones for the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-account.h"
#include "reseau-database.h"

G_BEGIN_DECLS

/* Accounts ---------------------------------------------------------------- */

/* Stores a new account (sets account->id and created_at) and its books
 * (sets each book's id and account_id), in one transaction. ALREADY_EXISTS
 * when the same server and user are there already. books may be NULL. The
 * _async call writes the ids into the caller's structs on the database
 * thread: keep them, unchanged, until it completes. */
gboolean        reseau_database_add_account          (ReseauDatabase    *self,
                                                      ReseauAccount     *account,
                                                      GPtrArray         *books,
                                                      GError           **error);
void            reseau_database_add_account_async    (ReseauDatabase    *self,
                                                      ReseauAccount     *account,
                                                      GPtrArray         *books,
                                                      GCancellable      *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer           user_data);
gboolean        reseau_database_add_account_finish   (ReseauDatabase    *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);

/* Every account, oldest first: GPtrArray of ReseauAccount*. */
GPtrArray      *reseau_database_list_accounts        (ReseauDatabase    *self,
                                                      GError           **error);
void            reseau_database_list_accounts_async  (ReseauDatabase    *self,
                                                      GCancellable      *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer           user_data);
GPtrArray      *reseau_database_list_accounts_finish (ReseauDatabase    *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);
/* NULL with NOT_FOUND. */
ReseauAccount  *reseau_database_get_account          (ReseauDatabase    *self,
                                                      gint64             account_id,
                                                      GError           **error);

/* Forgets an account, its books and their sync state. The contacts stay,
 * as local contacts. NOT_FOUND when there is no such account. */
gboolean        reseau_database_remove_account       (ReseauDatabase    *self,
                                                      gint64             account_id,
                                                      GError           **error);
void            reseau_database_remove_account_async (ReseauDatabase    *self,
                                                      gint64             account_id,
                                                      GCancellable      *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer           user_data);
gboolean        reseau_database_remove_account_finish (ReseauDatabase   *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);

/* Records how the account's last sync went: on success last_error is NULL
 * and last_sync_at is set; on failure only last_error changes. */
gboolean        reseau_database_set_account_state    (ReseauDatabase    *self,
                                                      gint64             account_id,
                                                      gint64             last_sync_at,
                                                      const char        *last_error,
                                                      GError           **error);

/* Address books ------------------------------------------------------------ */

/* The books of an account (account_id 0: of every account), by id:
 * GPtrArray of ReseauAddressBook*. */
GPtrArray      *reseau_database_list_address_books   (ReseauDatabase    *self,
                                                      gint64             account_id,
                                                      GError           **error);
void            reseau_database_list_address_books_async  (ReseauDatabase *self,
                                                           gint64          account_id,
                                                           GCancellable   *cancellable,
                                                           GAsyncReadyCallback callback,
                                                           gpointer        user_data);
GPtrArray      *reseau_database_list_address_books_finish (ReseauDatabase *self,
                                                           GAsyncResult   *result,
                                                           GError        **error);
/* Inserts (book->id 0; sets it) or updates every field of a book. */
gboolean        reseau_database_save_address_book    (ReseauDatabase    *self,
                                                      ReseauAddressBook *book,
                                                      GError           **error);
void            reseau_database_save_address_book_async  (ReseauDatabase    *self,
                                                          ReseauAddressBook *book,
                                                          GCancellable      *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer           user_data);
gboolean        reseau_database_save_address_book_finish (ReseauDatabase    *self,
                                                          GAsyncResult      *result,
                                                          GError           **error);

/* The book that receives contacts made here: the first enabled book of the
 * oldest account (lowest ids) that is not read-only; 0 when there is
 * none. */
gint64          reseau_database_get_default_book_id  (ReseauDatabase    *self,
                                                      GError           **error);

/* Synced cards ------------------------------------------------------------- */

typedef struct
{
  char   *href;       /* absolute URL of the card on the server */
  char   *uid;        /* the local contact's UID */
  char   *etag;       /* as the server gave it (quotes kept), or NULL */
  char   *base;       /* the card's text as the server last gave it */
  gint64  revision;   /* the contact's revision that matches base */
} ReseauSyncedCard;

void            reseau_synced_card_free              (ReseauSyncedCard  *card);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauSyncedCard, reseau_synced_card_free)

/* Every synced card of a book: GPtrArray of ReseauSyncedCard*. */
GPtrArray      *reseau_database_list_synced_cards    (ReseauDatabase    *self,
                                                      gint64             book_id,
                                                      GError           **error);

/* What changed here since the last sync of a book. */
typedef struct
{
  /* Live contacts of no book at all (made or imported here); filled only
   * when asked for (the default book), empty otherwise: GPtrArray of
   * ReseauContact*. None of the three arrays is NULL. */
  GPtrArray *created;
  /* Live contacts of this book whose revision is higher than their synced
   * card's: GPtrArray of ReseauContact*. Their card may still say the same
   * things as the base (a save that changed nothing the server sees). */
  GPtrArray *changed;
  /* Synced cards of this book whose contact was deleted or is in the
   * trash: GPtrArray of ReseauSyncedCard*. */
  GPtrArray *deleted;
} ReseauLocalChanges;

void            reseau_local_changes_free            (ReseauLocalChanges *changes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauLocalChanges, reseau_local_changes_free)

ReseauLocalChanges *reseau_database_list_local_changes (ReseauDatabase  *self,
                                                        gint64           book_id,
                                                        gboolean         include_created,
                                                        GError         **error);

/* The current revision of the contact with that UID, live or in the
 * trash (a trashed contact still has the revision a change was computed
 * from), or 0 when there is no contact with that UID at all. */
gint64          reseau_database_get_contact_revision (ReseauDatabase    *self,
                                                      const char        *uid,
                                                      GError           **error);

/* A conflict the sync resolved for the server: the local value it set
 * aside, which the user can restore. */
typedef struct
{
  gint64  id;            /* 0 until stored */
  char   *uid;           /* the contact's UID */
  char   *property;      /* upper-case vCard name: "FN", "NOTE", "BDAY"… */
  char   *local_value;   /* the local value as text, for people */
  char   *server_value;  /* the value kept, as text; NULL when the server removed it */
  char   *local_lines;   /* the local properties as vCard lines, to restore them */
  gint64  created_at;    /* Unix seconds */
} ReseauConflict;

void            reseau_conflict_free                 (ReseauConflict    *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauConflict, reseau_conflict_free)

/* One server card to apply. */
typedef struct
{
  char           *href;
  char           *etag;              /* may be NULL */
  /* Kind of change:
   * - contact != NULL: the card's text is base; write contact (the merge
   *   of the server's card with the local contact), link it to href;
   * - contact == NULL && base != NULL: the server's card says what the
   *   local contact says already; only the synced card row changes;
   * - base == NULL: the card was removed on the server; the local contact
   *   (uid) is deleted for good when delete_contact, and the row forgotten. */
  char           *base;
  char           *uid;               /* the local contact's UID */
  ReseauContact  *contact;
  gboolean        delete_contact;
  /* The revision of the local contact the change was computed from (0 when
   * there was none). When the stored contact's revision differs — the user
   * saved it during the sync — the change is skipped and counted: the edit
   * goes up at the next sync and the server's card comes again. */
  gint64          expected_revision;
  /* contact holds local changes the server has not got yet (a merge kept
   * them): the synced card then keeps a revision below the contact's, so
   * that the push sends the contact. */
  gboolean        needs_upload;
  GPtrArray      *conflicts;         /* of ReseauConflict*, may be NULL */
} ReseauSyncChange;

void            reseau_sync_change_free              (ReseauSyncChange  *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauSyncChange, reseau_sync_change_free)

/* Applies a page of server changes and stores the book's new sync token
 * and ctag (each only when not NULL) in one transaction: after a crash,
 * either all of the page and its token are there, or none. When
 * initial_sync_done, the book's flag is set too. n_skipped (may be NULL)
 * counts the changes skipped for a local edit. */
gboolean        reseau_database_apply_sync_page      (ReseauDatabase    *self,
                                                      gint64             book_id,
                                                      GPtrArray         *changes,
                                                      const char        *sync_token,
                                                      const char        *ctag,
                                                      gboolean           initial_sync_done,
                                                      guint             *n_skipped,
                                                      GError           **error);

/* After a PUT succeeded: the book's card at href is now base, with etag,
 * for the contact uid at revision (the revision whose card was sent). */
gboolean        reseau_database_record_upload        (ReseauDatabase    *self,
                                                      gint64             book_id,
                                                      const char        *href,
                                                      const char        *uid,
                                                      const char        *etag,
                                                      const char        *base,
                                                      gint64             revision,
                                                      GError           **error);

/* After a DELETE succeeded (or found nothing): forgets the card. */
gboolean        reseau_database_forget_synced_card   (ReseauDatabase    *self,
                                                      gint64             book_id,
                                                      const char        *href,
                                                      GError           **error);

/* Conflicts ----------------------------------------------------------------- */

/* The conflicts of a live contact (uid NULL: of every live contact; those of
 * a trashed contact come back with it), newest first: GPtrArray of
 * ReseauConflict*. */
GPtrArray      *reseau_database_list_conflicts       (ReseauDatabase    *self,
                                                      const char        *uid,
                                                      GError           **error);
void            reseau_database_list_conflicts_async (ReseauDatabase    *self,
                                                      const char        *uid,
                                                      GCancellable      *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer           user_data);
GPtrArray      *reseau_database_list_conflicts_finish (ReseauDatabase   *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);

/* Puts the conflict's local value back into the contact (which raises its
 * revision, so that the next sync sends it) and forgets the conflict, in
 * one transaction. NOT_FOUND when there is no such conflict. */
gboolean        reseau_database_restore_conflict     (ReseauDatabase    *self,
                                                      gint64             conflict_id,
                                                      GError           **error);
void            reseau_database_restore_conflict_async  (ReseauDatabase *self,
                                                         gint64          conflict_id,
                                                         GCancellable   *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer        user_data);
gboolean        reseau_database_restore_conflict_finish (ReseauDatabase *self,
                                                         GAsyncResult   *result,
                                                         GError        **error);

/* Forgets a conflict, keeping the server's value. A conflict that is not
 * there (dismissed already) is no error. */
gboolean        reseau_database_dismiss_conflict     (ReseauDatabase    *self,
                                                      gint64             conflict_id,
                                                      GError           **error);
void            reseau_database_dismiss_conflict_async  (ReseauDatabase *self,
                                                         gint64          conflict_id,
                                                         GCancellable   *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer        user_data);
gboolean        reseau_database_dismiss_conflict_finish (ReseauDatabase *self,
                                                         GAsyncResult   *result,
                                                         GError        **error);

G_END_DECLS
