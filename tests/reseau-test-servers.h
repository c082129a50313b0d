/* reseau-test-servers.h — real CardDAV servers on loopback for the tests
 *
 * Radicale (with htpasswd authentication) and Xandikos, the Debian
 * packages, started on a free 127.0.0.1 port with a temporary storage
 * folder, waited for until they answer, stopped by PID. A test that cannot
 * find the program skips with g_test_skip() saying which package is
 * missing (CI installs them all, so nothing skips there).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RESEAU_TEST_RADICALE,
  RESEAU_TEST_XANDIKOS,
} ReseauTestServerKind;

typedef struct
{
  ReseauTestServerKind  kind;
  GPid                  pid;
  guint16               port;
  char                 *folder;     /* storage and configuration, removed by stop */
  char                 *base_url;   /* "http://127.0.0.1:PORT/" */
  char                 *book_url;   /* the user's address book, created empty:
                                     * Radicale ".../alice/contacts/",
                                     * Xandikos ".../alice/contacts/addressbook/" */
  const char           *user;       /* "alice" */
  const char           *password;   /* Radicale: "secret-alice"; Xandikos: none (NULL) */
} ReseauTestServer;

/* Starts a server, or returns NULL after g_test_skip() when its program
 * is not installed. Fails the test when it does not come up in 20 s. */
ReseauTestServer *reseau_test_server_start (ReseauTestServerKind  kind);
/* Stops the server (SIGTERM, then SIGKILL) and removes its folder. */
void              reseau_test_server_stop  (ReseauTestServer     *server);
/* Stops the process only, keeping the storage: restart brings the same
 * data back on the same port (the "server went down" tests). */
void              reseau_test_server_kill  (ReseauTestServer     *server);
gboolean          reseau_test_server_restart (ReseauTestServer   *server);

/* Writes a card straight into the storage, as another client would have
 * (name: the file name in the book, such as "anne.vcf"). Radicale only: it
 * reads its folder on every request. Xandikos keeps a git repository:
 * use a PUT instead. */
void              reseau_test_server_seed_card (ReseauTestServer *server,
                                                const char       *name,
                                                const char       *vcard);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauTestServer, reseau_test_server_stop)

G_END_DECLS
