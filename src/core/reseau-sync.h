/* reseau-sync.h — two-way sync of an account's address books over CardDAV
 *
 * For each enabled book of the account (CARDDAV.md is the checklist):
 *
 *   1. pull: sync-collection from the stored token (a full listing when
 *      there is none; an error on a request that carried a token is retried
 *      once without it, then reconciled in full), or, without
 *      sync-collection, the ctag and a Depth 1 ETag listing diffed against
 *      the stored ETags; changed cards fetched by multiget in batches of 100;
 *      each page applied — three-way merged against the stored base with
 *      any local edit — and committed together with its token
 *      (reseau_database_apply_sync_page()), so that a crash at any moment
 *      loses nothing and duplicates nothing;
 *   2. push: cards deleted here are deleted there (If-Match), edited ones
 *      PUT with If-Match (412 → fetched, merged, sent again), new ones PUT
 *      with If-None-Match: * into the default book, under a name made from
 *      their UID;
 *
 * A server's re-serialisation of a card is not an edit (normalised
 * comparison). A delete on one side against an edit on the other keeps the
 * edited contact. A pull that would delete most of a non-empty book, or a
 * book that comes back empty, stops with MASS_DELETION unless
 * RESEAU_SYNC_ALLOW_MASS_DELETION is given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-account.h"
#include "reseau-database.h"
#include "reseau-dav.h"

G_BEGIN_DECLS

#define RESEAU_SYNC_ERROR (reseau_sync_error_quark ())

typedef enum
{
  RESEAU_SYNC_ERROR_MASS_DELETION,   /* the safety valve: nothing was deleted */
  RESEAU_SYNC_ERROR_NO_ADDRESS_BOOK, /* the account has no enabled book */
} ReseauSyncError;

GQuark reseau_sync_error_quark (void);

typedef enum
{
  RESEAU_SYNC_FLAGS_NONE          = 0,
  RESEAU_SYNC_ALLOW_MASS_DELETION = 1 << 0,
} ReseauSyncFlags;

typedef struct
{
  guint      downloaded;   /* contacts created or changed here from the server */
  guint      uploaded;     /* cards created or changed on the server */
  guint      deleted;      /* deletions, both ways */
  guint      conflicts;    /* fields where the server's value won over a local one */
  guint      skipped;      /* server changes left for next time (a local edit
                            * during the sync, a card the server did not send) */
  guint      requests;     /* HTTP requests made (the benchmark counts them) */
  /* What went wrong with single cards without stopping the sync (a card
   * the server refused, one it sent unreadable): ReseauProblem*, whose
   * subject names the contact and message quotes the server. */
  GPtrArray *problems;
} ReseauSyncStats;

void reseau_sync_stats_init  (ReseauSyncStats *stats);
void reseau_sync_stats_clear (ReseauSyncStats *stats);

/* Called from the sync's thread: done of total steps of the current book
 * (total 0 when not known yet). */
typedef void (*ReseauSyncProgressFunc) (guint     done,
                                        guint     total,
                                        gpointer  user_data);

/* Blocking (CLI, tests): syncs every enabled book of the account, with the
 * password the caller took from the keyring, and records how it went in
 * the account (reseau_database_set_account_state()). stats is filled in
 * even on failure (what was done before it). progress may be NULL. */
gboolean reseau_sync_account        (ReseauDatabase          *database,
                                     gint64                   account_id,
                                     const char              *password,
                                     ReseauSyncFlags          flags,
                                     ReseauSyncProgressFunc   progress,
                                     gpointer                 progress_data,
                                     ReseauSyncStats         *stats,
                                     GCancellable            *cancellable,
                                     GError                 **error);

/* The same in a thread of its own (the window); progress is then called in
 * the thread-default main context of the caller. */
void     reseau_sync_account_async  (ReseauDatabase          *database,
                                     gint64                   account_id,
                                     const char              *password,
                                     ReseauSyncFlags          flags,
                                     ReseauSyncProgressFunc   progress,
                                     gpointer                 progress_data,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data);
gboolean reseau_sync_account_finish (GAsyncResult            *result,
                                     ReseauSyncStats         *stats,
                                     GError                 **error);

/* Tests only: the client settings the engine uses (timeout seconds, most
 * seconds waited on Retry-After), so that a stalled server fails fast. */
void     reseau_sync_set_client_limits (guint timeout_seconds,
                                        guint max_retry_after_seconds);

G_END_DECLS
