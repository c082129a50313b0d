/* reseau-sync-controller.h — when the phone sync runs, and how it went
 *
 * One controller per application (see reseau-sync-controller.c for why).
 * It syncs every CardDAV account, one at a time: at start, every
 * "sync-interval" minutes, shortly after a contact changed, and on demand.
 * The windows show what it reports; they never talk to the sync engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* What the user can do about a failed sync: the button the window offers. */
typedef enum
{
  RESEAU_SYNC_REMEDY_NONE,
  RESEAU_SYNC_REMEDY_RETRY,            /* sync again (now, or after fixing the cause) */
  RESEAU_SYNC_REMEDY_PASSWORD,         /* re-enter the account's password */
  RESEAU_SYNC_REMEDY_SETTINGS,         /* look at the account in Preferences */
  RESEAU_SYNC_REMEDY_DETAILS,          /* read the list of refused cards */
  RESEAU_SYNC_REMEDY_CONFIRM_DELETION, /* confirm a sync that deletes most contacts */
} ReseauSyncRemedy;

#define RESEAU_TYPE_SYNC_CONTROLLER (reseau_sync_controller_get_type ())

G_DECLARE_FINAL_TYPE (ReseauSyncController, reseau_sync_controller, RESEAU, SYNC_CONTROLLER, GObject)

ReseauSyncController *reseau_sync_controller_new               (void);

/* The database to sync; NULL stops everything (a sync under way is
 * cancelled). Setting one reads its accounts and, when there are some,
 * syncs them shortly after. */
void                  reseau_sync_controller_set_database      (ReseauSyncController *self,
                                                                ReseauDatabase       *database);
ReseauDatabase       *reseau_sync_controller_get_database      (ReseauSyncController *self);

/* Syncs every account now, or once more after the sync under way. */
void                  reseau_sync_controller_sync_now          (ReseauSyncController *self);
/* Syncs the account once with RESEAU_SYNC_ALLOW_MASS_DELETION, after the
 * user confirmed it. */
void                  reseau_sync_controller_sync_allowing_deletion (ReseauSyncController *self,
                                                                     gint64                account_id);
/* A contact was saved, restored or deleted here: a sync follows a few
 * seconds later (one for a burst of edits). Nothing without an account. */
void                  reseau_sync_controller_contact_changed   (ReseauSyncController *self);
/* Reads the accounts again (one was added, removed or changed), then
 * emits "accounts-changed". */
void                  reseau_sync_controller_reload_accounts   (ReseauSyncController *self);

/* The accounts as last read: GPtrArray of ReseauAccount*, never NULL. */
GPtrArray            *reseau_sync_controller_get_accounts      (ReseauSyncController *self);
/* "alice@dav.example.org" for the account with that id, or NULL. */
char                 *reseau_sync_controller_dup_account_label (ReseauSyncController *self,
                                                                gint64                account_id);

/* State, for the windows (and the tests, which never look at the clock). */
gboolean              reseau_sync_controller_get_syncing       (ReseauSyncController *self);
gboolean              reseau_sync_controller_get_has_accounts  (ReseauSyncController *self);
/* Minutes between automatic syncs as the controller follows the setting. */
guint                 reseau_sync_controller_get_interval      (ReseauSyncController *self);
/* The periodic sync is armed (there are accounts and an interval). */
gboolean              reseau_sync_controller_get_timer_armed   (ReseauSyncController *self);
/* A sync is due soon: after an edit, or shortly after start. */
gboolean              reseau_sync_controller_get_sync_pending  (ReseauSyncController *self);
/* Steps done and to do in the current book (total 0: not known yet). */
void                  reseau_sync_controller_get_progress      (ReseauSyncController *self,
                                                                guint                *done,
                                                                guint                *total);
/* Accounts synced (successfully or not) since the controller was made. */
guint                 reseau_sync_controller_get_n_syncs       (ReseauSyncController *self);

/* "alice@dav.example.org" (the port too when it is not the default). */
char                 *reseau_sync_format_account_label         (const ReseauAccount  *account);
/* The translated message for a failed sync of account_label, saying what
 * to do; remedy (may be NULL) receives the button to offer.
 * interval_minutes says when an unreachable server is tried again. */
char                 *reseau_sync_describe_error               (const GError         *error,
                                                                const char           *account_label,
                                                                guint                 interval_minutes,
                                                                ReseauSyncRemedy     *remedy);

G_END_DECLS
