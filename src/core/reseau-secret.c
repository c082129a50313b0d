/* reseau-secret.c — account passwords in the keyring (libsecret)
 *
 * Every call goes through libsecret's asynchronous password API with a
 * cancellable of our own and a timer started with the call. When the timer
 * fires, or the caller cancels, the call finishes there and then (TIMEOUT,
 * or G_IO_ERROR_CANCELLED) and libsecret is cancelled; whatever libsecret
 * answers later is dropped. The call never waits for libsecret to give up:
 * a keyring whose unlock prompt nobody answers, a Secret Service that
 * hangs, or libsecret 0.20 losing the answer of a dismissed prompt (it
 * then never calls back at all) all end in TIMEOUT instead of holding the
 * window or the sync for ever. The synchronous libsecret calls are never
 * used, since they can block without end on such a prompt.
 *
 * libsecret's errors are turned into the few cases the user can act on
 * (no keyring, locked keyring, no answer, nothing stored), each with a
 * message that says what to do.
 *
 * libsecret reports a lookup or a clear whose unlock prompt was dismissed
 * the same way as one that found nothing. To tell the two apart, an empty
 * answer is followed by a search that does not unlock: a locked item of
 * the account means LOCKED; no item at all, NOT_FOUND for a lookup and
 * success for a clear.
 *
 * The password itself never reaches a log, a label or an error message,
 * and its copies are wiped when freed (secret_password_free()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "reseau-secret.h"

#define DEFAULT_TIMEOUT_MS (10 * 1000)

G_DEFINE_QUARK (reseau-secret-error-quark, reseau_secret_error)

static guint timeout_ms = DEFAULT_TIMEOUT_MS;

void
reseau_secret_set_timeout_ms (guint milliseconds)
{
  timeout_ms = milliseconds > 0 ? milliseconds : DEFAULT_TIMEOUT_MS;
}

static const SecretSchema *
account_schema (void)
{
  static const SecretSchema schema = {
    "org.example.Reseau.Account", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static GHashTable *
account_attributes (const char *server,
                    const char *user)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  /* The strings are the caller's and outlive the call that uses them:
   * libsecret copies what it keeps. */
  g_hash_table_insert (attributes, (gpointer) "server", (gpointer) server);
  g_hash_table_insert (attributes, (gpointer) "user", (gpointer) user);

  return attributes;
}

/* Errors ----------------------------------------------------------------------- */

static gboolean
means_no_keyring (const GError *error)
{
  static const GDBusError no_service[] = {
    G_DBUS_ERROR_SERVICE_UNKNOWN, G_DBUS_ERROR_NAME_HAS_NO_OWNER,
    G_DBUS_ERROR_NO_SERVER, G_DBUS_ERROR_BAD_ADDRESS, G_DBUS_ERROR_DISCONNECTED,
    G_DBUS_ERROR_FILE_NOT_FOUND, G_DBUS_ERROR_SPAWN_EXEC_FAILED,
    G_DBUS_ERROR_SPAWN_FORK_FAILED, G_DBUS_ERROR_SPAWN_CHILD_EXITED,
    G_DBUS_ERROR_SPAWN_CHILD_SIGNALED, G_DBUS_ERROR_SPAWN_FAILED,
    G_DBUS_ERROR_SPAWN_SERVICE_INVALID, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND,
  };

  if (error->domain == G_DBUS_ERROR)
    {
      for (guint i = 0; i < G_N_ELEMENTS (no_service); i++)
        if (error->code == (int) no_service[i])
          return TRUE;
      return FALSE;
    }

  if (error->domain == G_IO_ERROR)
    {
      /* No session bus at all: no address to connect to, a socket that is
       * gone, or GDBus's "Cannot autolaunch D-Bus without X11 $DISPLAY". */
      if (error->code == G_IO_ERROR_NOT_FOUND
          || error->code == G_IO_ERROR_CONNECTION_REFUSED
          || error->code == G_IO_ERROR_CLOSED
          || error->code == G_IO_ERROR_BROKEN_PIPE)
        return TRUE;
      if (strstr (error->message, "autolaunch") != NULL
          || strstr (error->message, "DBUS_SESSION_BUS_ADDRESS") != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
set_locked_error (GError **error)
{
  g_set_error_literal (error, RESEAU_SECRET_ERROR, RESEAU_SECRET_ERROR_LOCKED,
                       _("The keyring is locked. Unlock your keyring, or accept its "
                         "prompt, and try again."));
}

static void
set_timeout_error (GError **error)
{
  g_set_error_literal (error, RESEAU_SECRET_ERROR, RESEAU_SECRET_ERROR_TIMEOUT,
                       _("The keyring did not answer in time. If it is asking for its "
                         "password, unlock it and try again; otherwise restart it."));
}

static void
set_not_found_error (GError    **error,
                     const char *server,
                     const char *user)
{
  /* TRANSLATORS: the user name, then the server's address */
  g_set_error (error, RESEAU_SECRET_ERROR, RESEAU_SECRET_ERROR_NOT_FOUND,
               _("No password is saved for %s on %s. Enter the password again."),
               user, server);
}

/* Turns libsecret's error into ours. */
static GError *
translate_error (const GError *error)
{
  GError *translated = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Only we cancel libsecret, and then the call has finished already;
       * left here for a libsecret that cancels on its own. */
      return g_error_copy (error);
    }
  else if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY)
           || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_TIMEOUT)
           || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_TIMED_OUT)
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      set_timeout_error (&translated);
    }
  else if (means_no_keyring (error))
    {
      g_set_error_literal (&translated, RESEAU_SECRET_ERROR, RESEAU_SECRET_ERROR_UNAVAILABLE,
                           _("No keyring is available to keep the password safe. Install "
                             "or start a keyring such as GNOME Keyring, then try again."));
    }
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED)
           || g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT))
    {
      /* NO_SUCH_OBJECT: there was no default keyring and the prompt to
       * create one was dismissed. */
      set_locked_error (&translated);
    }
  else
    {
      g_set_error (&translated, RESEAU_SECRET_ERROR, RESEAU_SECRET_ERROR_FAILED,
                   _("The keyring failed: %s"), error->message);
    }

  return translated;
}

/* Operations ------------------------------------------------------------------- */

/* What one call needs until it finishes; the task's data. */
typedef struct
{
  GCancellable *cancellable;       /* ours: what libsecret is given */
  GSource      *timer;
  GSource      *caller_watch;      /* fires when the caller cancels */
  gboolean      finished;          /* the task has returned */
  /* What finding no locked item means after an empty answer: nothing
   * stored (lookup), or nothing to remove (clear). */
  gboolean      absent_is_success;
  char         *server;
  char         *user;
} Operation;

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
operation_free (Operation *operation)
{
  clear_source (&operation->timer);
  clear_source (&operation->caller_watch);
  g_clear_object (&operation->cancellable);
  g_free (operation->server);
  g_free (operation->user);
  g_free (operation);
}

static Operation *
task_operation (GTask *task)
{
  return g_task_get_task_data (task);
}

/* TRUE when the task may return now (once only). Stops the timer and the
 * caller's watch, which hold references on the task. */
static gboolean
operation_finish (GTask *task)
{
  Operation *operation = task_operation (task);

  if (operation->finished)
    return FALSE;

  operation->finished = TRUE;
  clear_source (&operation->timer);
  clear_source (&operation->caller_watch);

  return TRUE;
}

static void
return_error (GTask  *task,
              GError *error)
{
  if (operation_finish (task))
    g_task_return_error (task, error);
  else
    g_error_free (error);
}

static void
return_translated (GTask        *task,
                   const GError *error)
{
  return_error (task, translate_error (error));
}

static void
return_success (GTask *task)
{
  if (operation_finish (task))
    g_task_return_boolean (task, TRUE);
}

static gboolean
on_timeout (gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  g_cancellable_cancel (task_operation (task)->cancellable);
  set_timeout_error (&error);
  return_error (task, error);

  return G_SOURCE_REMOVE;
}

static gboolean
on_caller_cancelled (GCancellable *caller,
                     gpointer      user_data)
{
  GTask *task = user_data;

  g_cancellable_cancel (task_operation (task)->cancellable);
  return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           _("The keyring request was cancelled.")));

  return G_SOURCE_REMOVE;
}

static GTask *
operation_start (const char          *server,
                 const char          *user,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data,
                 gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Operation *operation = g_new0 (Operation, 1);

  g_task_set_source_tag (task, source_tag);
  /* The caller's cancellation is reported by on_caller_cancelled(). */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, operation, (GDestroyNotify) operation_free);

  operation->cancellable = g_cancellable_new ();
  operation->server = g_strdup (server);
  operation->user = g_strdup (user);

  /* Both sources run in the task's context, as do libsecret's callbacks,
   * so that "finished" needs no lock. Their references on the task go
   * with them when the call finishes. */
  operation->timer = g_timeout_source_new (timeout_ms);
  g_source_set_callback (operation->timer, on_timeout, g_object_ref (task), g_object_unref);
  g_source_set_static_name (operation->timer, "[reseau] keyring timeout");
  g_source_attach (operation->timer, g_task_get_context (task));

  if (cancellable != NULL)
    {
      operation->caller_watch = g_cancellable_source_new (cancellable);
      g_source_set_callback (operation->caller_watch, G_SOURCE_FUNC (on_caller_cancelled),
                             g_object_ref (task), g_object_unref);
      g_source_set_static_name (operation->caller_watch, "[reseau] keyring cancelled");
      g_source_attach (operation->caller_watch, g_task_get_context (task));
    }

  return task;
}

/* Store ------------------------------------------------------------------------ */

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (secret_password_store_finish (result, &error))
    {
      return_success (task);
    }
  else if (error != NULL)
    {
      return_translated (task, error);
    }
  else
    {
      GError *locked = NULL;

      set_locked_error (&locked);
      return_error (task, locked);
    }
}

void
reseau_secret_store_async (const char          *server,
                           const char          *user,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (server != NULL && *server != '\0');
  g_return_if_fail (user != NULL && *user != '\0');
  g_return_if_fail (password != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_start (server, user, cancellable, callback, user_data,
                          reseau_secret_store_async);
  attributes = account_attributes (server, user);
  /* TRANSLATORS: the name of the password in the keyring (Seahorse shows
   * it): the user name, then the server's address */
  label = g_strdup_printf (_("Réseau: %s on %s"), user, server);

  secret_password_storev (account_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, password, task_operation (task)->cancellable,
                          on_stored, task);
}

gboolean
reseau_secret_store_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == reseau_secret_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Locked or absent ---------------------------------------------------------------- */

static void
return_absent (GTask *task)
{
  Operation *operation = task_operation (task);
  GError *error = NULL;

  if (operation->absent_is_success)
    {
      return_success (task);
      return;
    }

  set_not_found_error (&error, operation->server, operation->user);
  return_error (task, error);
}

static void
on_locked_searched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items;
  gboolean locked = FALSE;

  items = secret_service_search_finish (SECRET_SERVICE (source), result, &error);
  for (GList *l = items; l != NULL; l = l->next)
    locked |= secret_item_get_locked (l->data);
  g_list_free_full (items, g_object_unref);

  /* A failure of this second look tells nothing more than the first
   * answer did. */
  if (locked)
    {
      GError *reported = NULL;

      set_locked_error (&reported);
      return_error (task, reported);
    }
  else
    {
      return_absent (task);
    }
}

static void
on_locked_service (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Operation *operation = task_operation (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  service = secret_service_get_finish (result, &error);
  if (service == NULL || operation->finished)
    {
      return_absent (task);
      return;
    }

  attributes = account_attributes (operation->server, operation->user);
  secret_service_search (service, account_schema (), attributes, SECRET_SEARCH_ALL,
                         operation->cancellable, on_locked_searched,
                         g_steal_pointer (&task));
}

/* Looks again without unlocking; the timer keeps running. */
static void
check_locked (GTask *task)
{
  secret_service_get (SECRET_SERVICE_NONE, task_operation (task)->cancellable,
                      on_locked_service, task);
}

/* Lookup ----------------------------------------------------------------------- */

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (password != NULL)
    {
      if (operation_finish (task))
        g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
      else
        secret_password_free (password);
    }
  else if (error != NULL)
    {
      return_translated (task, error);
    }
  else if (!task_operation (task)->finished)
    {
      /* Nothing found, or found locked and the unlock prompt dismissed. */
      check_locked (g_steal_pointer (&task));
    }
}

void
reseau_secret_lookup_async (const char          *server,
                            const char          *user,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (server != NULL && *server != '\0');
  g_return_if_fail (user != NULL && *user != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_start (server, user, cancellable, callback, user_data,
                          reseau_secret_lookup_async);
  attributes = account_attributes (server, user);

  secret_password_lookupv (account_schema (), attributes,
                           task_operation (task)->cancellable, on_looked_up, task);
}

char *
reseau_secret_lookup_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == reseau_secret_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Clear ------------------------------------------------------------------------ */

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (secret_password_clear_finish (result, &error))
    return_success (task);
  else if (error != NULL)
    return_translated (task, error);
  else if (!task_operation (task)->finished)
    /* Nothing removed: nothing there, which is fine, or a locked item. */
    check_locked (g_steal_pointer (&task));
}

void
reseau_secret_clear_async (const char          *server,
                           const char          *user,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (server != NULL && *server != '\0');
  g_return_if_fail (user != NULL && *user != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_start (server, user, cancellable, callback, user_data,
                          reseau_secret_clear_async);
  task_operation (task)->absent_is_success = TRUE;
  attributes = account_attributes (server, user);

  secret_password_clearv (account_schema (), attributes,
                          task_operation (task)->cancellable, on_cleared, task);
}

gboolean
reseau_secret_clear_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == reseau_secret_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Blocking forms ----------------------------------------------------------------- */

/* Runs the asynchronous calls in a main context of this thread's own, so
 * that nothing else the thread's default context holds (a window) runs
 * meanwhile, and the timer still bounds the wait.
 *
 * The context is kept for the thread's life, not made per call: when a
 * call ends early (the timeout, a locked keyring), libsecret is still
 * waiting on D-Bus in it. Dropping the context would abandon that work
 * (LeakSanitizer saw its closures leak); kept, the next call of the thread
 * lets it finish. */
static GPrivate blocking_contexts = G_PRIVATE_INIT ((GDestroyNotify) g_main_context_unref);

typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} Blocking;

static void
blocking_begin (Blocking *blocking)
{
  blocking->context = g_private_get (&blocking_contexts);
  if (blocking->context == NULL)
    {
      blocking->context = g_main_context_new ();
      g_private_set (&blocking_contexts, blocking->context);
    }
  blocking->result = NULL;
  g_main_context_push_thread_default (blocking->context);
}

static void
on_blocking_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Blocking *blocking = user_data;

  blocking->result = g_object_ref (result);
}

static void
blocking_wait (Blocking *blocking)
{
  while (blocking->result == NULL)
    g_main_context_iteration (blocking->context, TRUE);
}

static void
blocking_end (Blocking *blocking)
{
  /* What is ready already (the rest of libsecret's answers) runs now. */
  while (g_main_context_iteration (blocking->context, FALSE))
    ;
  g_main_context_pop_thread_default (blocking->context);
  g_clear_object (&blocking->result);
}

gboolean
reseau_secret_store (const char  *server,
                     const char  *user,
                     const char  *password,
                     GError     **error)
{
  Blocking blocking;
  gboolean stored;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  blocking_begin (&blocking);
  reseau_secret_store_async (server, user, password, NULL, on_blocking_done, &blocking);
  blocking_wait (&blocking);
  stored = reseau_secret_store_finish (blocking.result, error);
  blocking_end (&blocking);

  return stored;
}

char *
reseau_secret_lookup (const char  *server,
                      const char  *user,
                      GError     **error)
{
  Blocking blocking;
  char *password;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  blocking_begin (&blocking);
  reseau_secret_lookup_async (server, user, NULL, on_blocking_done, &blocking);
  blocking_wait (&blocking);
  password = reseau_secret_lookup_finish (blocking.result, error);
  blocking_end (&blocking);

  return password;
}

gboolean
reseau_secret_clear (const char  *server,
                     const char  *user,
                     GError     **error)
{
  Blocking blocking;
  gboolean cleared;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  blocking_begin (&blocking);
  reseau_secret_clear_async (server, user, NULL, on_blocking_done, &blocking);
  blocking_wait (&blocking);
  cleared = reseau_secret_clear_finish (blocking.result, error);
  blocking_end (&blocking);

  return cleared;
}

void
reseau_secret_free (char *password)
{
  if (password != NULL)
    secret_password_free (password);
}
