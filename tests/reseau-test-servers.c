/* reseau-test-servers.c — real CardDAV servers on loopback for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each server is the Debian program run as a child process, with
 * everything it writes (configuration, storage, log) inside one temporary
 * folder. Only GLib and GIO are used, so that any test program can link
 * this without pulling libsoup in.
 *
 * Life of a server:
 *   - a free port is found by binding a socket to 127.0.0.1:0 and closing
 *     it. Another test program running in parallel could take the port in
 *     between: the server then fails to bind and exits at once, which is
 *     noticed (readiness needs our own child alive), and the start is tried
 *     again on another port, up to three times;
 *   - the child's stdout and stderr go to FOLDER/server.log, never to ours:
 *     the test programs speak TAP on stdout, and the log is shown with
 *     g_test_message() when the server does not come up;
 *   - the child is not reaped by GLib (G_SPAWN_DO_NOT_REAP_CHILD) so that
 *     stop can wait for it with waitpid(); on Linux it also gets
 *     PR_SET_PDEATHSIG, so a test program that aborts does not leave
 *     servers behind (they must therefore be started from the thread that
 *     lives as long as them: the main thread in practice);
 *   - "ready" means a TCP connection was accepted AND a request got an
 *     HTTP status line back: Python servers listen a moment before they
 *     can answer.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "reseau-test-servers.h"
#include "reseau-test-utils.h"

#define START_TIMEOUT_US   (20 * G_USEC_PER_SEC)
#define STOP_GRACE_US      (5 * G_USEC_PER_SEC)
#define POLL_INTERVAL_US   (50 * 1000)

static const char *
kind_program (ReseauTestServerKind kind)
{
  return kind == RESEAU_TEST_RADICALE ? "radicale" : "xandikos";
}

static guint16
find_free_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) any_port = NULL;
  g_autoptr(GSocketAddress) bound = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  any_port = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, any_port, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Radicale's configuration and an empty address book, seeded as files
 * (Radicale reads its folder on every request, so no MKCOL is needed). */
static void
prepare_radicale (ReseauTestServer *server)
{
  g_autofree char *config_path = g_build_filename (server->folder, "radicale.conf", NULL);
  g_autofree char *users_path = g_build_filename (server->folder, "users", NULL);
  g_autofree char *storage = g_build_filename (server->folder, "storage", NULL);
  g_autofree char *book = g_build_filename (storage, "collection-root",
                                            server->user, "contacts", NULL);
  g_autofree char *props = g_build_filename (book, ".Radicale.props", NULL);
  g_autofree char *users = g_strdup_printf ("%s:%s\n", server->user, server->password);
  g_autofree char *config = NULL;

  g_assert_cmpint (g_mkdir_with_parents (book, 0700), ==, 0);
  write_file (props, "{\"D:displayname\": \"Contacts\", \"tag\": \"VADDRESSBOOK\"}");
  write_file (users_path, users);

  config = g_strdup_printf ("[server]\n"
                            "hosts = 127.0.0.1:%u\n"
                            "[auth]\n"
                            "type = htpasswd\n"
                            "htpasswd_filename = %s\n"
                            "htpasswd_encryption = plain\n"
                            "[rights]\n"
                            "type = owner_only\n"
                            "[storage]\n"
                            "filesystem_folder = %s\n"
                            "[web]\n"
                            "type = none\n"
                            "[logging]\n"
                            "level = warning\n"
                            "mask_passwords = True\n",
                            server->port, users_path, storage);
  write_file (config_path, config);

  server->book_url = g_strdup_printf ("%s%s/contacts/", server->base_url, server->user);
}

/* The command line serves both start and restart. */
static GStrv
server_argv (ReseauTestServer *server)
{
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();

  if (server->kind == RESEAU_TEST_RADICALE)
    {
      g_autofree char *config_path = g_build_filename (server->folder, "radicale.conf", NULL);

      g_strv_builder_add_many (argv, "radicale", "-C", config_path, NULL);
    }
  else
    {
      /* Xandikos makes its principal and book itself (--defaults). */
      g_autofree char *data = g_build_filename (server->folder, "data", NULL);
      g_autofree char *port = g_strdup_printf ("%u", server->port);
      g_autofree char *principal = g_strdup_printf ("/%s/", server->user);

      g_strv_builder_add_many (argv, "xandikos", "-d", data, "-l", "127.0.0.1",
                               "-p", port, "--defaults",
                               "--current-user-principal", principal, NULL);
    }

  return g_strv_builder_end (argv);
}

static void
child_setup (gpointer user_data)
{
#ifdef __linux__
  /* The server dies with the test program, even when that one aborts. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static gboolean
spawn_server (ReseauTestServer  *server,
              GStrv              argv,
              GError           **error)
{
  g_autofree char *log_path = g_build_filename (server->folder, "server.log", NULL);
  int log_fd;
  gboolean ok;

  log_fd = g_open (log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "cannot open %s: %s", log_path, g_strerror (errno));
      return FALSE;
    }

  ok = g_spawn_async_with_pipes_and_fds (server->folder,
                                         (const char * const *) argv, NULL,
                                         G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD
                                         | G_SPAWN_STDIN_FROM_DEV_NULL,
                                         child_setup, NULL,
                                         -1, log_fd, log_fd,
                                         NULL, NULL, 0,
                                         &server->pid, NULL, NULL, NULL,
                                         error);
  close (log_fd);
  return ok;
}

/* Whether the child has exited; reaps it when it has. */
static gboolean
child_exited (ReseauTestServer *server)
{
  int status;
  pid_t pid;

  if (server->pid <= 0)
    return TRUE;
  do
    pid = waitpid (server->pid, &status, WNOHANG);
  while (pid < 0 && errno == EINTR);
  if (pid == server->pid || (pid < 0 && errno == ECHILD))
    {
      server->pid = 0;
      return TRUE;
    }
  return FALSE;
}

/* One attempt: connect, send a request, read an HTTP status line. Any
 * status counts (Radicale answers 401 without credentials): the point is
 * that the server is answering. */
static gboolean
server_answers (ReseauTestServer *server)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autofree char *request = NULL;
  char buffer[16] = { 0 };
  gsize n_read = 0;

  g_socket_client_set_timeout (client, 2);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", server->port,
                                                NULL, NULL);
  if (connection == NULL)
    return FALSE;

  request = g_strdup_printf ("OPTIONS / HTTP/1.0\r\nHost: 127.0.0.1:%u\r\n\r\n",
                             server->port);
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                  request, strlen (request), NULL, NULL, NULL))
    return FALSE;
  if (!g_input_stream_read_all (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                buffer, sizeof buffer - 1, &n_read, NULL, NULL))
    return FALSE;

  return n_read >= 5 && strncmp (buffer, "HTTP/", 5) == 0;
}

static void
show_log (ReseauTestServer *server)
{
  g_autofree char *log_path = g_build_filename (server->folder, "server.log", NULL);
  g_autofree char *log = NULL;

  if (g_file_get_contents (log_path, &log, NULL, NULL))
    g_test_message ("%s log:\n%s", kind_program (server->kind), log);
}

typedef enum
{
  SERVER_READY,
  SERVER_EXITED,
  SERVER_SILENT,
} ServerState;

static ServerState
wait_until_ready (ReseauTestServer *server)
{
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_US;

  while (g_get_monotonic_time () < deadline)
    {
      if (child_exited (server))
        return SERVER_EXITED;
      if (server_answers (server))
        return SERVER_READY;
      g_usleep (POLL_INTERVAL_US);
    }
  return SERVER_SILENT;
}

static void
fail_start (ReseauTestServer *server,
            ServerState       state)
{
  show_log (server);
  if (state == SERVER_EXITED)
    g_test_fail_printf ("%s exited before answering on port %u",
                        kind_program (server->kind), server->port);
  else
    g_test_fail_printf ("%s did not answer on port %u within %d s",
                        kind_program (server->kind), server->port,
                        (int) (START_TIMEOUT_US / G_USEC_PER_SEC));
}

static void
terminate_child (ReseauTestServer *server)
{
  gint64 deadline;

  if (server->pid <= 0)
    return;

  kill (server->pid, SIGTERM);
  deadline = g_get_monotonic_time () + STOP_GRACE_US;
  while (!child_exited (server))
    {
      if (g_get_monotonic_time () >= deadline)
        {
          kill (server->pid, SIGKILL);
          while (!child_exited (server))
            g_usleep (POLL_INTERVAL_US);
          break;
        }
      g_usleep (POLL_INTERVAL_US);
    }
}

static void
server_free (ReseauTestServer *server)
{
  g_free (server->folder);
  g_free (server->base_url);
  g_free (server->book_url);
  g_free (server);
}

ReseauTestServer *
reseau_test_server_start (ReseauTestServerKind kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path (kind_program (kind));
  ReseauTestServer *server;

  if (program == NULL)
    {
      g_test_skip_printf ("%s is not installed (Debian package %s)",
                          kind_program (kind), kind_program (kind));
      return NULL;
    }

  server = g_new0 (ReseauTestServer, 1);
  server->kind = kind;
  server->folder = reseau_test_make_temp_dir ();
  server->user = "alice";
  server->password = kind == RESEAU_TEST_RADICALE ? "secret-alice" : NULL;

  /* The free port may be taken by another test program between our check
   * and the server's bind: the server then exits at once, and another
   * port is tried. */
  for (guint attempt = 1; ; attempt++)
    {
      g_auto(GStrv) argv = NULL;
      ServerState state;

      server->port = find_free_port ();
      g_free (server->base_url);
      server->base_url = g_strdup_printf ("http://127.0.0.1:%u/", server->port);
      g_free (server->book_url);
      if (kind == RESEAU_TEST_RADICALE)
        prepare_radicale (server);
      else
        server->book_url = g_strdup_printf ("%s%s/contacts/addressbook/",
                                            server->base_url, server->user);
      argv = server_argv (server);

      if (!spawn_server (server, argv, &error))
        {
          g_test_fail_printf ("cannot start %s: %s", kind_program (kind), error->message);
          break;
        }

      state = wait_until_ready (server);
      if (state == SERVER_READY)
        return server;
      if (state == SERVER_EXITED && attempt < 3)
        {
          g_test_message ("%s exited at once on port %u; trying another port",
                          kind_program (kind), server->port);
          continue;
        }
      fail_start (server, state);
      terminate_child (server);
      break;
    }

  reseau_test_remove_tree (server->folder);
  server_free (server);
  return NULL;
}

void
reseau_test_server_kill (ReseauTestServer *server)
{
  g_return_if_fail (server != NULL);

  terminate_child (server);
}

gboolean
reseau_test_server_restart (ReseauTestServer *server)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  ServerState state;

  g_return_val_if_fail (server != NULL, FALSE);

  terminate_child (server);
  argv = server_argv (server);
  if (!spawn_server (server, argv, &error))
    {
      g_test_fail_printf ("cannot restart %s: %s",
                          kind_program (server->kind), error->message);
      return FALSE;
    }
  state = wait_until_ready (server);
  if (state != SERVER_READY)
    {
      fail_start (server, state);
      terminate_child (server);
      return FALSE;
    }
  return TRUE;
}

void
reseau_test_server_stop (ReseauTestServer *server)
{
  if (server == NULL)
    return;

  terminate_child (server);
  reseau_test_remove_tree (server->folder);
  server_free (server);
}

void
reseau_test_server_seed_card (ReseauTestServer *server,
                              const char       *name,
                              const char       *vcard)
{
  g_autofree char *path = NULL;

  g_return_if_fail (server != NULL);
  g_return_if_fail (server->kind == RESEAU_TEST_RADICALE);
  g_return_if_fail (name != NULL && strchr (name, '/') == NULL);
  g_return_if_fail (vcard != NULL);

  path = g_build_filename (server->folder, "storage", "collection-root",
                           server->user, "contacts", name, NULL);
  write_file (path, vcard);
}
