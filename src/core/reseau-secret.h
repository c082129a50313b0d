/* reseau-secret.h — account passwords in the keyring (libsecret)
 *
 * Schema "org.example.Reseau.Account", attributes "server" and "user". The
 * password is never written anywhere else. Every call is asynchronous with
 * a timeout (10 s): a keyring that does not answer — a locked one whose
 * prompt nobody answers — fails with TIMEOUT instead of blocking the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RESEAU_SECRET_ERROR (reseau_secret_error_quark ())

/* Translated messages that say what to do (start or unlock the keyring,
 * enter the password again). */
typedef enum
{
  RESEAU_SECRET_ERROR_UNAVAILABLE,  /* no session bus, no Secret Service */
  RESEAU_SECRET_ERROR_LOCKED,       /* locked, and the unlock prompt was dismissed */
  RESEAU_SECRET_ERROR_TIMEOUT,      /* no answer in time */
  RESEAU_SECRET_ERROR_NOT_FOUND,    /* no password stored for this account */
  RESEAU_SECRET_ERROR_FAILED,
} ReseauSecretError;

GQuark   reseau_secret_error_quark      (void);

void     reseau_secret_store_async      (const char           *server,
                                         const char           *user,
                                         const char           *password,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean reseau_secret_store_finish     (GAsyncResult         *result,
                                         GError              **error);

void     reseau_secret_lookup_async     (const char           *server,
                                         const char           *user,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* The password (free with reseau_secret_free()), or NULL with NOT_FOUND. */
char    *reseau_secret_lookup_finish    (GAsyncResult         *result,
                                         GError              **error);

/* Removing a password that is not there is no error. */
void     reseau_secret_clear_async      (const char           *server,
                                         const char           *user,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean reseau_secret_clear_finish     (GAsyncResult         *result,
                                         GError              **error);

/* Blocking forms for the CLI: the async calls, run in a main context of
 * their own until they finish or time out. */
gboolean reseau_secret_store            (const char           *server,
                                         const char           *user,
                                         const char           *password,
                                         GError              **error);
char    *reseau_secret_lookup           (const char           *server,
                                         const char           *user,
                                         GError              **error);
gboolean reseau_secret_clear            (const char           *server,
                                         const char           *user,
                                         GError              **error);

/* Overwrites the password's memory before freeing it. */
void     reseau_secret_free             (char                 *password);

/* Tests only: how long every call waits for the keyring (10 s by
 * default; 0 restores the default), so that a test of a keyring that
 * never answers takes a fraction of a second rather than ten. */
void     reseau_secret_set_timeout_ms   (guint                 milliseconds);

G_END_DECLS
