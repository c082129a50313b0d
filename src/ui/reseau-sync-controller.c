/* reseau-sync-controller.c — when the phone sync runs, and how it went
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-sync-controller.h"

/* One controller per application, not per window: the accounts, the
 * database and the keyring belong to the process, two windows must never
 * sync the same account at the same time, and Preferences (which has no
 * main window of its own) shows the same state as the window's button.
 * The application owns it and hands it the database once it is open; the
 * main window and Preferences watch it.
 *
 * A run syncs every account in turn:
 *
 *   list the accounts (database worker)
 *     └ for each account: the password (keyring, async with a timeout)
 *         └ reseau_sync_account_async() (its own thread; progress here)
 *             └ "account-synced" (stats, error), then the next account
 *   └ "finished" with the totals; the accounts are read again, so that
 *     Preferences shows each one's last sync or last error.
 *
 * A request during a run queues one more run (not one per request). The
 * periodic timer counts from the end of the last run, and follows the
 * "sync-interval" setting live. */

/* Long enough for the window to be up and drawn before the network is
 * touched, short enough that the phone's changes show at once. */
#define STARTUP_DELAY_SECONDS 3
/* A burst of edits (an import, several saves) makes one sync. */
#define DEBOUNCE_SECONDS      10

struct _ReseauSyncController
{
  GObject          parent_instance;

  /* Owned */
  GSettings       *settings;
  ReseauDatabase  *database;
  GCancellable    *cancellable;      /* replaced whenever the database changes */
  GPtrArray       *accounts;         /* ReseauAccount*, as last read */
  GPtrArray       *run_accounts;     /* ReseauAccount*, the run under way */
  GArray          *allow_deletion;   /* gint64 account ids, for their next sync */
  ReseauSyncStats  totals;           /* of the run under way (problems unused) */

  guint            interval;
  guint            timer_id;
  guint            pending_id;
  guint            run_index;
  guint            progress_done;
  guint            progress_total;
  guint            n_syncs;

  guint            syncing : 1;
  guint            queued : 1;
  guint            has_accounts : 1;
  guint            startup_due : 1;  /* sync once the accounts are known */
};

G_DEFINE_FINAL_TYPE (ReseauSyncController, reseau_sync_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SYNCING,
  PROP_HAS_ACCOUNTS,
  PROP_INTERVAL,
  PROP_TIMER_ARMED,
  PROP_SYNC_PENDING,
  PROP_PROGRESS_DONE,
  PROP_PROGRESS_TOTAL,
  N_PROPS
};

enum {
  ACCOUNTS_CHANGED,
  ACCOUNT_SYNCED,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void start_run   (ReseauSyncController *self);
static void sync_next   (ReseauSyncController *self);
static void load_accounts (ReseauSyncController *self);

/* Labels and messages ------------------------------------------------------ */

char *
reseau_sync_format_account_label (const ReseauAccount *account)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  const char *scheme;
  int port;

  g_return_val_if_fail (account != NULL, NULL);

  uri = account->server != NULL ? g_uri_parse (account->server, G_URI_FLAGS_NONE, NULL) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup_printf ("%s@%s", account->user ? account->user : "",
                            account->server ? account->server : "");

  scheme = g_uri_get_scheme (uri);
  port = g_uri_get_port (uri);
  if (port > 0 &&
      !(port == 443 && g_strcmp0 (scheme, "https") == 0) &&
      !(port == 80 && g_strcmp0 (scheme, "http") == 0))
    host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);
  else
    host = g_strdup (g_uri_get_host (uri));

  return g_strdup_printf ("%s@%s", account->user ? account->user : "", host);
}

char *
reseau_sync_describe_error (const GError     *error,
                            const char       *account_label,
                            guint             interval_minutes,
                            ReseauSyncRemedy *remedy)
{
  ReseauSyncRemedy dummy;

  g_return_val_if_fail (error != NULL, NULL);

  if (remedy == NULL)
    remedy = &dummy;
  if (account_label == NULL)
    account_label = "";

  *remedy = RESEAU_SYNC_REMEDY_RETRY;

  if (error->domain == RESEAU_DAV_ERROR)
    {
      switch ((ReseauDavError) error->code)
        {
        case RESEAU_DAV_ERROR_UNAUTHORIZED:
          *remedy = RESEAU_SYNC_REMEDY_PASSWORD;
          /* Translators: %s is an account, "alice@dav.example.org" */
          return g_strdup_printf (_("The server refused the password of %s. Re-enter it to sync again."),
                                  account_label);

        case RESEAU_DAV_ERROR_UNREACHABLE:
          if (interval_minutes > 0)
            /* Translators: %s is an account, %u a number of minutes */
            return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "The server of %s cannot be reached. Réseau tries again in %u minute; check your connection.",
                                                 "The server of %s cannot be reached. Réseau tries again in %u minutes; check your connection.",
                                                 interval_minutes),
                                    account_label, interval_minutes);
          /* Translators: %s is an account */
          return g_strdup_printf (_("The server of %s cannot be reached. Check your connection, then sync again."),
                                  account_label);

        case RESEAU_DAV_ERROR_TLS:
          *remedy = RESEAU_SYNC_REMEDY_SETTINGS;
          /* Translators: %s is an account, then what was wrong with the certificate.
           * Nothing is ever accepted without the user. */
          return g_strdup_printf (_("The security certificate of the server of %s is not trusted, so nothing was sent: %s"),
                                  account_label, error->message);

        case RESEAU_DAV_ERROR_FORBIDDEN:
        case RESEAU_DAV_ERROR_NOT_FOUND:
        case RESEAU_DAV_ERROR_NOT_CARDDAV:
        case RESEAU_DAV_ERROR_REDIRECT:
          *remedy = RESEAU_SYNC_REMEDY_SETTINGS;
          /* Translators: %s is an account, then the server's answer */
          return g_strdup_printf (_("Sync with %s failed: %s"), account_label, error->message);

        case RESEAU_DAV_ERROR_CONFLICT:
        case RESEAU_DAV_ERROR_PRECONDITION:
        case RESEAU_DAV_ERROR_TOO_LARGE:
        case RESEAU_DAV_ERROR_REFUSED:
        case RESEAU_DAV_ERROR_SERVER:
        case RESEAU_DAV_ERROR_MALFORMED:
        default:
          return g_strdup_printf (_("Sync with %s failed: %s"), account_label, error->message);
        }
    }

  if (error->domain == RESEAU_SECRET_ERROR)
    {
      switch ((ReseauSecretError) error->code)
        {
        case RESEAU_SECRET_ERROR_UNAVAILABLE:
          /* Translators: %s is an account */
          return g_strdup_printf (_("The password of %s cannot be read: no keyring is running. Start your desktop’s keyring (such as GNOME Keyring), then sync again."),
                                  account_label);

        case RESEAU_SECRET_ERROR_LOCKED:
          return g_strdup_printf (_("The password of %s cannot be read: the keyring is locked. Unlock it when asked, then sync again."),
                                  account_label);

        case RESEAU_SECRET_ERROR_TIMEOUT:
          return g_strdup_printf (_("The keyring did not answer in time, so %s was not synced. Unlock the keyring if it asks, then sync again."),
                                  account_label);

        case RESEAU_SECRET_ERROR_NOT_FOUND:
          *remedy = RESEAU_SYNC_REMEDY_PASSWORD;
          return g_strdup_printf (_("No password is stored for %s. Re-enter it to sync again."),
                                  account_label);

        case RESEAU_SECRET_ERROR_FAILED:
        default:
          return g_strdup_printf (_("The password of %s cannot be read: %s"),
                                  account_label, error->message);
        }
    }

  if (error->domain == RESEAU_SYNC_ERROR)
    {
      switch ((ReseauSyncError) error->code)
        {
        case RESEAU_SYNC_ERROR_MASS_DELETION:
          *remedy = RESEAU_SYNC_REMEDY_CONFIRM_DELETION;
          /* Translators: %s is an account */
          return g_strdup_printf (_("Syncing %s would delete most of its contacts here, so nothing was deleted. Confirm to go ahead."),
                                  account_label);

        case RESEAU_SYNC_ERROR_NO_ADDRESS_BOOK:
          *remedy = RESEAU_SYNC_REMEDY_SETTINGS;
          return g_strdup_printf (_("No address book of %s is chosen for sync. Choose one in Preferences."),
                                  account_label);

        default:
          break;
        }
    }

  return g_strdup_printf (_("Sync with %s failed: %s"), account_label, error->message);
}

/* State ------------------------------------------------------------------- */

static void
set_syncing (ReseauSyncController *self,
             gboolean              syncing)
{
  syncing = !!syncing;
  if (self->syncing == syncing)
    return;

  self->syncing = syncing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

static void
set_progress (ReseauSyncController *self,
              guint                 done,
              guint                 total)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->progress_done != done)
    {
      self->progress_done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_DONE]);
    }
  if (self->progress_total != total)
    {
      self->progress_total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TOTAL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
on_timer (gpointer user_data)
{
  ReseauSyncController *self = user_data;

  self->timer_id = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMER_ARMED]);
  reseau_sync_controller_sync_now (self);

  return G_SOURCE_REMOVE;
}

/* The periodic sync counts from now: after a run, or a new setting. */
static void
rearm_timer (ReseauSyncController *self)
{
  gboolean was_armed = self->timer_id != 0;

  g_clear_handle_id (&self->timer_id, g_source_remove);

  /* During a run the timer waits for its end (see finish_run). */
  if (self->database != NULL && self->has_accounts && self->interval > 0 && !self->syncing)
    self->timer_id = g_timeout_add_seconds (self->interval * 60, on_timer, self);

  if (was_armed != (self->timer_id != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMER_ARMED]);
}

static gboolean
on_pending (gpointer user_data)
{
  ReseauSyncController *self = user_data;

  self->pending_id = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_PENDING]);
  reseau_sync_controller_sync_now (self);

  return G_SOURCE_REMOVE;
}

static void
set_pending (ReseauSyncController *self,
             guint                 seconds)
{
  gboolean was_pending = self->pending_id != 0;

  g_clear_handle_id (&self->pending_id, g_source_remove);
  if (seconds > 0)
    self->pending_id = g_timeout_add_seconds (seconds, on_pending, self);

  if (was_pending != (self->pending_id != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_PENDING]);
}

static void
set_has_accounts (ReseauSyncController *self,
                  gboolean              has_accounts)
{
  has_accounts = !!has_accounts;
  if (self->has_accounts == has_accounts)
    return;

  self->has_accounts = has_accounts;
  if (!has_accounts)
    set_pending (self, 0);
  rearm_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ACCOUNTS]);
}

static void
on_interval_changed (ReseauSyncController *self)
{
  guint interval = g_settings_get_uint (self->settings, "sync-interval");

  if (self->interval == interval)
    return;

  self->interval = interval;
  rearm_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

static void
set_accounts (ReseauSyncController *self,
              GPtrArray            *accounts)
{
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  self->accounts = accounts != NULL
                   ? g_ptr_array_ref (accounts)
                   : g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_account_free);

  set_has_accounts (self, self->accounts->len > 0);
  g_signal_emit (self, signals[ACCOUNTS_CHANGED], 0);
}

/* Reading the accounts ---------------------------------------------------- */

static void
accounts_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ReseauSyncController) self = user_data;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  accounts = reseau_database_list_accounts_finish (RESEAU_DATABASE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || RESEAU_DATABASE (object) != self->database)
    return;

  if (accounts == NULL)
    {
      g_message ("Could not read the sync accounts: %s", error->message);
      return;
    }

  set_accounts (self, accounts);

  if (self->startup_due)
    {
      self->startup_due = FALSE;
      if (self->has_accounts && !self->syncing)
        set_pending (self, STARTUP_DELAY_SECONDS);
    }
}

static void
load_accounts (ReseauSyncController *self)
{
  if (self->database == NULL)
    return;

  reseau_database_list_accounts_async (self->database, self->cancellable,
                                       accounts_loaded_cb, g_object_ref (self));
}

/* A run ------------------------------------------------------------------- */

/* What a callback of the run needs: the run it belongs to is over when its
 * cancellable was cancelled (the database changed, the controller went). */
typedef struct
{
  ReseauSyncController *self;
  GCancellable         *cancellable;
  ReseauAccount        *account;
} Step;

static Step *
step_new (ReseauSyncController *self,
          ReseauAccount        *account)
{
  Step *step = g_new0 (Step, 1);

  step->self = g_object_ref (self);
  step->cancellable = g_object_ref (self->cancellable);
  step->account = account != NULL ? reseau_account_copy (account) : NULL;

  return step;
}

static void
step_free (Step *step)
{
  g_clear_object (&step->self);
  g_clear_object (&step->cancellable);
  g_clear_pointer (&step->account, reseau_account_free);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Step, step_free)

static gboolean
step_is_over (Step *step)
{
  return g_cancellable_is_cancelled (step->cancellable);
}

static void
finish_run (ReseauSyncController *self)
{
  gboolean synced_any = self->run_accounts != NULL && self->run_accounts->len > 0;

  g_clear_pointer (&self->run_accounts, g_ptr_array_unref);
  set_progress (self, 0, 0);
  set_syncing (self, FALSE);

  if (synced_any)
    {
      g_signal_emit (self, signals[FINISHED], 0, &self->totals);
      /* Each account's last sync and last error, for Preferences. */
      load_accounts (self);
    }
  reseau_sync_stats_clear (&self->totals);
  reseau_sync_stats_init (&self->totals);

  if (self->queued)
    {
      self->queued = FALSE;
      start_run (self);
      return;
    }

  rearm_timer (self);
}

static void
report_account (ReseauSyncController  *self,
                gint64                 account_id,
                const ReseauSyncStats *stats,
                const GError          *error)
{
  self->n_syncs++;

  self->totals.downloaded += stats->downloaded;
  self->totals.uploaded += stats->uploaded;
  self->totals.deleted += stats->deleted;
  self->totals.conflicts += stats->conflicts;
  self->totals.skipped += stats->skipped;
  self->totals.requests += stats->requests;

  g_signal_emit (self, signals[ACCOUNT_SYNCED], 0, account_id, stats, error);
}

static void
record_state_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ReseauAccount *account = task_data;
  GError *error = NULL;

  /* The only blocking form there is; it runs on the database's worker and
   * this pool thread waits for it, never the window. */
  if (reseau_database_set_account_state (RESEAU_DATABASE (source_object), account->id,
                                         account->last_sync_at, account->last_error, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}


static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  ReseauSyncController *self = user_data;

  /* Called in this thread's main context while the run's step holds a
   * reference; after a cancel the numbers no longer matter. */
  if (self->syncing)
    set_progress (self, done, total);
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  ReseauSyncController *self = step->self;
  ReseauSyncStats stats;
  g_autoptr(GError) error = NULL;

  reseau_sync_stats_init (&stats);
  reseau_sync_account_finish (result, &stats, &error);

  if (step_is_over (step))
    {
      reseau_sync_stats_clear (&stats);
      return;
    }

  report_account (self, step->account->id, &stats, error);
  reseau_sync_stats_clear (&stats);

  self->run_index++;
  sync_next (self);
}

static gboolean
take_allow_deletion (ReseauSyncController *self,
                     gint64                account_id)
{
  for (guint i = 0; i < self->allow_deletion->len; i++)
    {
      if (g_array_index (self->allow_deletion, gint64, i) == account_id)
        {
          g_array_remove_index (self->allow_deletion, i);
          return TRUE;
        }
    }

  return FALSE;
}

typedef struct
{
  Step   *step;
  GError *error;   /* the keyring's */
} Failure;

static void
failure_free (Failure *failure)
{
  g_clear_pointer (&failure->step, step_free);
  g_clear_error (&failure->error);
  g_free (failure);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Failure, failure_free)

static void
failure_recorded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Failure) failure = user_data;
  ReseauSyncController *self = failure->step->self;
  g_autoptr(GError) error = NULL;
  ReseauSyncStats stats;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not record how the sync went: %s", error->message);

  if (step_is_over (failure->step))
    return;

  reseau_sync_stats_init (&stats);
  report_account (self, failure->step->account->id, &stats, failure->error);
  reseau_sync_stats_clear (&stats);

  self->run_index++;
  sync_next (self);
}

/* The sync engine records its own failures; a keyring failure happens
 * before it runs, so it is recorded here for Preferences to show, before
 * the run goes on (Preferences then reads it at the end of the run). */
static void
record_failure (ReseauSyncController *self,
                Step                 *step,
                GError               *error)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = reseau_sync_format_account_label (step->account);
  ReseauAccount *state = reseau_account_copy (step->account);
  Failure *failure = g_new0 (Failure, 1);

  g_free (state->last_error);
  state->last_error = reseau_sync_describe_error (error, label, self->interval, NULL);

  failure->step = step;
  failure->error = error;

  task = g_task_new (self->database, NULL, failure_recorded_cb, failure);
  g_task_set_source_tag (task, record_failure);
  g_task_set_task_data (task, state, (GDestroyNotify) reseau_account_free);
  g_task_run_in_thread (task, record_state_thread);
}

static void
password_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  ReseauSyncController *self = step->self;
  g_autoptr(GError) error = NULL;
  ReseauSyncFlags flags = RESEAU_SYNC_FLAGS_NONE;
  char *password;

  password = reseau_secret_lookup_finish (result, &error);

  if (step_is_over (step))
    {
      if (password != NULL)
        reseau_secret_free (password);
      return;
    }

  if (password == NULL)
    {
      record_failure (self, g_steal_pointer (&step), g_steal_pointer (&error));
      return;
    }

  if (take_allow_deletion (self, step->account->id))
    flags |= RESEAU_SYNC_ALLOW_MASS_DELETION;

  set_progress (self, 0, 0);
  reseau_sync_account_async (self->database, step->account->id, password, flags,
                             on_progress, self, self->cancellable,
                             synced_cb, step_new (self, step->account));
  reseau_secret_free (password);
}

static void
sync_next (ReseauSyncController *self)
{
  ReseauAccount *account;

  if (self->run_accounts == NULL || self->run_index >= self->run_accounts->len)
    {
      finish_run (self);
      return;
    }

  account = g_ptr_array_index (self->run_accounts, self->run_index);
  reseau_secret_lookup_async (account->server, account->user, self->cancellable,
                              password_cb, step_new (self, account));
}

static void
run_accounts_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Step) step = user_data;
  ReseauSyncController *self = step->self;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  accounts = reseau_database_list_accounts_finish (RESEAU_DATABASE (object), result, &error);
  if (step_is_over (step))
    return;

  if (accounts == NULL)
    {
      g_message ("Could not read the sync accounts: %s", error->message);
      finish_run (self);
      return;
    }

  set_accounts (self, accounts);

  /* Nothing runs without an account: no signal, no toast. */
  self->run_accounts = g_ptr_array_ref (accounts);
  self->run_index = 0;
  if (accounts->len == 0)
    g_clear_pointer (&self->run_accounts, g_ptr_array_unref);

  sync_next (self);
}

static void
start_run (ReseauSyncController *self)
{
  g_assert (!self->syncing);
  g_assert (self->database != NULL);

  set_pending (self, 0);
  if (self->timer_id != 0)
    {
      g_clear_handle_id (&self->timer_id, g_source_remove);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMER_ARMED]);
    }

  reseau_sync_stats_clear (&self->totals);
  reseau_sync_stats_init (&self->totals);
  set_progress (self, 0, 0);
  set_syncing (self, TRUE);

  /* The accounts are read afresh: one may have been added or removed
   * since, and each run needs their current books. */
  reseau_database_list_accounts_async (self->database, self->cancellable,
                                       run_accounts_cb, step_new (self, NULL));
}

/* Public ------------------------------------------------------------------ */

void
reseau_sync_controller_sync_now (ReseauSyncController *self)
{
  g_return_if_fail (RESEAU_IS_SYNC_CONTROLLER (self));

  if (self->database == NULL)
    return;

  if (self->syncing)
    {
      self->queued = TRUE;
      return;
    }

  start_run (self);
}

void
reseau_sync_controller_sync_allowing_deletion (ReseauSyncController *self,
                                               gint64                account_id)
{
  g_return_if_fail (RESEAU_IS_SYNC_CONTROLLER (self));

  if (self->database == NULL)
    return;

  /* Once per confirmation, however often the user confirmed. */
  take_allow_deletion (self, account_id);
  g_array_append_val (self->allow_deletion, account_id);
  reseau_sync_controller_sync_now (self);
}

void
reseau_sync_controller_contact_changed (ReseauSyncController *self)
{
  g_return_if_fail (RESEAU_IS_SYNC_CONTROLLER (self));

  if (self->database == NULL || !self->has_accounts)
    return;

  set_pending (self, DEBOUNCE_SECONDS);
}

void
reseau_sync_controller_reload_accounts (ReseauSyncController *self)
{
  g_return_if_fail (RESEAU_IS_SYNC_CONTROLLER (self));

  load_accounts (self);
}

void
reseau_sync_controller_set_database (ReseauSyncController *self,
                                     ReseauDatabase       *database)
{
  g_return_if_fail (RESEAU_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (database == NULL || RESEAU_IS_DATABASE (database));

  if (self->database == database)
    return;

  /* Whatever ran on the previous database ends here. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->run_accounts, g_ptr_array_unref);
  g_array_set_size (self->allow_deletion, 0);
  self->queued = FALSE;
  set_pending (self, 0);
  set_progress (self, 0, 0);
  set_syncing (self, FALSE);

  g_set_object (&self->database, database);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);

  if (database == NULL)
    {
      set_accounts (self, NULL);
      return;
    }

  /* Until the new database's accounts are read, none: "accounts-changed"
   * then comes once, with them. */
  g_ptr_array_set_size (self->accounts, 0);
  set_has_accounts (self, FALSE);
  self->startup_due = TRUE;
  load_accounts (self);
}

ReseauDatabase *
reseau_sync_controller_get_database (ReseauSyncController *self)
{
  g_return_val_if_fail (RESEAU_IS_SYNC_CONTROLLER (self), NULL);

  return self->database;
}

GPtrArray *
reseau_sync_controller_get_accounts (ReseauSyncController *self)
{
  g_return_val_if_fail (RESEAU_IS_SYNC_CONTROLLER (self), NULL);

  return self->accounts;
}

char *
reseau_sync_controller_dup_account_label (ReseauSyncController *self,
                                          gint64                account_id)
{
  g_return_val_if_fail (RESEAU_IS_SYNC_CONTROLLER (self), NULL);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      const ReseauAccount *account = g_ptr_array_index (self->accounts, i);

      if (account->id == account_id)
        return reseau_sync_format_account_label (account);
    }

  return NULL;
}

gboolean
reseau_sync_controller_get_syncing (ReseauSyncController *self)
{
  g_return_val_if_fail (RESEAU_IS_SYNC_CONTROLLER (self), FALSE);

  return self->syncing;
}

gboolean
reseau_sync_controller_get_has_accounts (ReseauSyncController *self)
{
  g_return_val_if_fail (RESEAU_IS_SYNC_CONTROLLER (self), FALSE);

  return self->has_accounts;
}

guint
reseau_sync_controller_get_interval (ReseauSyncController *self)
{
  g_return_val_if_fail (RESEAU_IS_SYNC_CONTROLLER (self), 0);

  return self->interval;
}

gboolean
reseau_sync_controller_get_timer_armed (ReseauSyncController *self)
{
  g_return_val_if_fail (RESEAU_IS_SYNC_CONTROLLER (self), FALSE);

  return self->timer_id != 0;
}

gboolean
reseau_sync_controller_get_sync_pending (ReseauSyncController *self)
{
  g_return_val_if_fail (RESEAU_IS_SYNC_CONTROLLER (self), FALSE);

  return self->pending_id != 0;
}

void
reseau_sync_controller_get_progress (ReseauSyncController *self,
                                     guint                *done,
                                     guint                *total)
{
  g_return_if_fail (RESEAU_IS_SYNC_CONTROLLER (self));

  if (done != NULL)
    *done = self->progress_done;
  if (total != NULL)
    *total = self->progress_total;
}

guint
reseau_sync_controller_get_n_syncs (ReseauSyncController *self)
{
  g_return_val_if_fail (RESEAU_IS_SYNC_CONTROLLER (self), 0);

  return self->n_syncs;
}

/* GObject ----------------------------------------------------------------- */

static void
reseau_sync_controller_dispose (GObject *object)
{
  ReseauSyncController *self = RESEAU_SYNC_CONTROLLER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->pending_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (reseau_sync_controller_parent_class)->dispose (object);
}

static void
reseau_sync_controller_finalize (GObject *object)
{
  ReseauSyncController *self = RESEAU_SYNC_CONTROLLER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->run_accounts, g_ptr_array_unref);
  g_clear_pointer (&self->allow_deletion, g_array_unref);
  reseau_sync_stats_clear (&self->totals);

  G_OBJECT_CLASS (reseau_sync_controller_parent_class)->finalize (object);
}

static void
reseau_sync_controller_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ReseauSyncController *self = RESEAU_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_SYNCING:
      g_value_set_boolean (value, self->syncing);
      break;

    case PROP_HAS_ACCOUNTS:
      g_value_set_boolean (value, self->has_accounts);
      break;

    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;

    case PROP_TIMER_ARMED:
      g_value_set_boolean (value, self->timer_id != 0);
      break;

    case PROP_SYNC_PENDING:
      g_value_set_boolean (value, self->pending_id != 0);
      break;

    case PROP_PROGRESS_DONE:
      g_value_set_uint (value, self->progress_done);
      break;

    case PROP_PROGRESS_TOTAL:
      g_value_set_uint (value, self->progress_total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reseau_sync_controller_class_init (ReseauSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reseau_sync_controller_dispose;
  object_class->finalize = reseau_sync_controller_finalize;
  object_class->get_property = reseau_sync_controller_get_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         RESEAU_TYPE_DATABASE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HAS_ACCOUNTS] =
    g_param_spec_boolean ("has-accounts", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMER_ARMED] =
    g_param_spec_boolean ("timer-armed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SYNC_PENDING] =
    g_param_spec_boolean ("sync-pending", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROGRESS_DONE] =
    g_param_spec_uint ("progress-done", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROGRESS_TOTAL] =
    g_param_spec_uint ("progress-total", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The accounts were read again: reseau_sync_controller_get_accounts(). */
  signals[ACCOUNTS_CHANGED] =
    g_signal_new ("accounts-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* One account was synced: its id, the const ReseauSyncStats* (problems
   * lists the cards refused), and the GError that stopped it or NULL. */
  signals[ACCOUNT_SYNCED] =
    g_signal_new ("account-synced",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_INT64,
                  G_TYPE_POINTER,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  /* A run that synced at least one account ended: the const
   * ReseauSyncStats* totals (without problems). */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_POINTER);
}

static void
reseau_sync_controller_init (ReseauSyncController *self)
{
  self->cancellable = g_cancellable_new ();
  self->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_account_free);
  self->allow_deletion = g_array_new (FALSE, FALSE, sizeof (gint64));
  reseau_sync_stats_init (&self->totals);

  self->settings = g_settings_new (APP_ID);
  self->interval = g_settings_get_uint (self->settings, "sync-interval");
  g_signal_connect_swapped (self->settings, "changed::sync-interval",
                            G_CALLBACK (on_interval_changed), self);
}

ReseauSyncController *
reseau_sync_controller_new (void)
{
  return g_object_new (RESEAU_TYPE_SYNC_CONTROLLER, NULL);
}
