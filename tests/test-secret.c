/* test-secret.c — account passwords in the keyring, and its failures
 *
 * The round trip runs against the real GNOME Keyring that
 * build-aux/test-session starts and unlocks, and is checked from outside
 * with secret-tool, so that the schema and attributes are those another
 * program (Seahorse, a script) would look for.
 *
 * The failures each run in a subprocess that points DBUS_SESSION_BUS_ADDRESS
 * at a bus of its own, started here with a configuration of its own (the
 * stock session configuration would activate the installed gnome-keyring
 * as org.freedesktop.secrets):
 * - a socket nobody listens on, and no bus at all: UNAVAILABLE;
 * - a bus without any Secret Service: UNAVAILABLE, with the call's timeout
 *   set far beyond the subprocess's time limit, so that a call that waited
 *   for the timeout would fail the test instead of passing late;
 * - a bus where a fake org.freedesktop.secrets never answers: TIMEOUT, with
 *   a timeout of a fraction of a second; and a caller's cancellation
 *   stays CANCELLED;
 * - a GNOME Keyring of its own, locked, whose unlock prompt is dismissed
 *   (it has no display to show it on): LOCKED for store, lookup and clear.
 * The daemons started here run without the tests' G_DEBUG settings, as on
 * a desktop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "reseau-core.h"
#include "reseau-test-utils.h"

/* A hang guard for subprocesses, far above what any of them needs. */
#define SUBPROCESS_LIMIT_USEC (60 * G_USEC_PER_SEC)

/* Helpers --------------------------------------------------------------------- */

static gboolean
have_session_bus (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus: run the tests through build-aux/test-session, "
                   "which provides a bus and an unlocked GNOME Keyring");
      return FALSE;
    }

  return TRUE;
}

static char *
run_secret_tool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "secret-tool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&out);
}

static void
assert_lookup (const char *server,
               const char *user,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  char *password = reseau_secret_lookup (server, user, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, expected);
  reseau_secret_free (password);
}

static void
assert_not_found (const char *server,
                  const char *user)
{
  g_autoptr(GError) error = NULL;
  char *password = reseau_secret_lookup (server, user, &error);

  g_assert_error (error, RESEAU_SECRET_ERROR, RESEAU_SECRET_ERROR_NOT_FOUND);
  g_assert_null (password);
  /* The message names the account and says what to do. */
  g_assert_nonnull (strstr (error->message, user));
  g_assert_nonnull (strstr (error->message, server));
}

/* A private bus ------------------------------------------------------------------ */

static gboolean
have_dbus_daemon (void)
{
  g_autofree char *program = g_find_program_in_path ("dbus-daemon");

  if (program == NULL)
    {
      g_test_skip ("dbus-daemon is not installed (package dbus)");
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char        *dir;
  GSubprocess *daemon;
  char        *address;
} PrivateBus;

/* The daemons run as they do on a desktop: the tests' G_DEBUG=fatal-warnings
 * would make the keyring abort on a warning of its own (its prompter
 * failing without a display) and lose every call in progress. */
static void
unset_test_debugging (GSubprocessLauncher *launcher)
{
  static const char * const names[] = {
    "G_DEBUG", "G_ENABLE_DIAGNOSTIC", "MALLOC_CHECK_", "MALLOC_PERTURB_",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_subprocess_launcher_unsetenv (launcher, names[i]);
}

#ifdef __linux__
/* A subprocess that aborts on a failed assertion leaves no daemon behind. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}
#endif

/* Starts a bus daemon, or returns FALSE (and marks the test skipped) when
 * there is no dbus-daemon to start. It activates nothing unless
 * with_services: then it activates the session services installed (the
 * keyring's prompter among them). */
static gboolean
private_bus_start (PrivateBus *bus,
                   gboolean    with_services)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("dbus-daemon");
  g_autofree char *config = NULL;
  g_autofree char *config_path = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  memset (bus, 0, sizeof *bus);
  if (program == NULL)
    {
      g_test_skip ("dbus-daemon is not installed (package dbus)");
      return FALSE;
    }

  bus->dir = reseau_test_make_temp_dir ();
  config = g_strdup_printf (
    "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
    " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
    "<busconfig>\n"
    "  <type>session</type>\n"
    "  <listen>unix:dir=%s</listen>\n"
    "  <auth>EXTERNAL</auth>\n"
    "  %s\n"
    "  <policy context=\"default\">\n"
    "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
    "    <allow eavesdrop=\"true\"/>\n"
    "    <allow own=\"*\"/>\n"
    "  </policy>\n"
    "</busconfig>\n", bus->dir, with_services ? "<standard_session_servicedirs/>" : "");
  config_path = g_build_filename (bus->dir, "bus.conf", NULL);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  /* Its stderr silenced: a daemon holding the subprocess's stderr open
   * would keep the parent test waiting after a failed assertion. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
#ifdef __linux__
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
#endif
  /* Services it starts (a keyring prompt) must have no display to appear
   * on, or they would wait for someone to answer. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  unset_test_debugging (launcher);
  bus->daemon = g_subprocess_launcher_spawn (launcher, &error,
                                             program, "--config-file", config_path,
                                             "--nofork", "--print-address=1", NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus->daemon));
  bus->address = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bus->address);
  g_strstrip (bus->address);

  /* Before anything in this process has touched the session bus. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus->address, TRUE);

  return TRUE;
}

static void
private_bus_stop (PrivateBus *bus)
{
  if (bus->daemon != NULL)
    {
      g_subprocess_force_exit (bus->daemon);
      g_subprocess_wait (bus->daemon, NULL, NULL);
    }
  g_clear_object (&bus->daemon);
  if (bus->dir != NULL)
    reseau_test_remove_tree (bus->dir);
  g_clear_pointer (&bus->dir, g_free);
  g_clear_pointer (&bus->address, g_free);
}

/* Round trip -------------------------------------------------------------------- */

static void
test_round_trip (void)
{
  static const char server[] = "https://dav.example.org/";
  static const char other_server[] = "https://cloud.example.net/remote.php/dav/";
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *program = g_find_program_in_path ("secret-tool");

  if (!have_session_bus ())
    return;
  if (program == NULL)
    {
      g_test_skip ("secret-tool is not installed (package libsecret-tools)");
      return;
    }

  g_assert_true (reseau_secret_store (server, "alice", "pâss wörd;1", &error));
  g_assert_no_error (error);
  assert_lookup (server, "alice", "pâss wörd;1");

  /* Another program finds it by the schema's attributes. */
  seen = run_secret_tool ((const char * const[]) { "lookup", "server", server, "user", "alice", NULL });
  g_assert_cmpstr (g_strchomp (seen), ==, "pâss wörd;1");
  /* Found by the schema's name too, under a label without the password
   * (secret-tool prints the attributes themselves on stderr). */
  listing = run_secret_tool ((const char * const[]) { "search", "--all", "xdg:schema", "org.example.Reseau.Account",
                                                      "server", server, "user", "alice", NULL });
  g_assert_nonnull (strstr (listing, "\nlabel = Réseau: alice on https://dav.example.org/\n"));
  g_assert_nonnull (strstr (listing, "\nschema = org.example.Reseau.Account\n"));

  /* Two other accounts, one on the same server, one with the same user. */
  g_assert_true (reseau_secret_store (server, "bob", "bob's", &error));
  g_assert_no_error (error);
  g_assert_true (reseau_secret_store (other_server, "alice", "elsewhere", &error));
  g_assert_no_error (error);
  assert_lookup (server, "alice", "pâss wörd;1");
  assert_lookup (server, "bob", "bob's");
  assert_lookup (other_server, "alice", "elsewhere");
  assert_not_found (other_server, "bob");

  /* Storing again replaces. */
  g_assert_true (reseau_secret_store (server, "alice", "new one", &error));
  g_assert_no_error (error);
  assert_lookup (server, "alice", "new one");

  /* Clearing removes that account's only; clearing again is no error. */
  g_assert_true (reseau_secret_clear (server, "alice", &error));
  g_assert_no_error (error);
  assert_not_found (server, "alice");
  assert_lookup (server, "bob", "bob's");
  assert_lookup (other_server, "alice", "elsewhere");
  g_assert_true (reseau_secret_clear (server, "alice", &error));
  g_assert_no_error (error);

  g_free (seen);
  seen = run_secret_tool ((const char * const[]) { "lookup", "server", server, "user", "alice", NULL });
  g_assert_cmpstr (seen, ==, "");

  g_assert_true (reseau_secret_clear (server, "bob", &error));
  g_assert_no_error (error);
  g_assert_true (reseau_secret_clear (other_server, "alice", &error));
  g_assert_no_error (error);
}

/* The asynchronous API as the window uses it. */
typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Waiter;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

static GAsyncResult *
wait_for (Waiter *waiter)
{
  g_main_loop_run (waiter->loop);
  g_assert_nonnull (waiter->result);

  return waiter->result;
}

static void
test_async (void)
{
  static const char server[] = "https://async.example.org/";
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Waiter waiter = { loop, NULL };
  char *password;

  if (!have_session_bus ())
    return;

  reseau_secret_store_async (server, "carol", "c4r0l", NULL, on_done, &waiter);
  g_assert_true (reseau_secret_store_finish (wait_for (&waiter), &error));
  g_assert_no_error (error);
  g_clear_object (&waiter.result);

  reseau_secret_lookup_async (server, "carol", NULL, on_done, &waiter);
  password = reseau_secret_lookup_finish (wait_for (&waiter), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "c4r0l");
  reseau_secret_free (password);
  g_clear_object (&waiter.result);

  /* The caller's own cancellation is no keyring failure. */
  g_cancellable_cancel (cancelled);
  reseau_secret_lookup_async (server, "carol", cancelled, on_done, &waiter);
  password = reseau_secret_lookup_finish (wait_for (&waiter), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (password);
  g_clear_error (&error);
  g_clear_object (&waiter.result);

  reseau_secret_clear_async (server, "carol", NULL, on_done, &waiter);
  g_assert_true (reseau_secret_clear_finish (wait_for (&waiter), &error));
  g_assert_no_error (error);
  g_clear_object (&waiter.result);

  reseau_secret_lookup_async (server, "carol", NULL, on_done, &waiter);
  password = reseau_secret_lookup_finish (wait_for (&waiter), &error);
  g_assert_error (error, RESEAU_SECRET_ERROR, RESEAU_SECRET_ERROR_NOT_FOUND);
  g_assert_null (password);
  g_clear_object (&waiter.result);
}

/* No Secret Service --------------------------------------------------------------- */

static void
assert_all_fail_with (int code)
{
  g_autoptr(GError) error = NULL;
  char *password;

  g_assert_false (reseau_secret_store ("https://dav.example.org/", "alice", "secret", &error));
  g_assert_error (error, RESEAU_SECRET_ERROR, code);
  /* The message never repeats the password. */
  g_assert_null (strstr (error->message, "secret"));
  g_clear_error (&error);

  password = reseau_secret_lookup ("https://dav.example.org/", "alice", &error);
  g_assert_null (password);
  g_assert_error (error, RESEAU_SECRET_ERROR, code);
  g_clear_error (&error);

  g_assert_false (reseau_secret_clear ("https://dav.example.org/", "alice", &error));
  g_assert_error (error, RESEAU_SECRET_ERROR, code);
}

static void
test_no_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = reseau_test_make_temp_dir ();
      g_autofree char *address = g_strdup_printf ("unix:path=%s/no-bus-here", dir);

      /* A long timeout: only an immediate failure passes in time. */
      reseau_secret_set_timeout_ms (3600 * 1000);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      assert_all_fail_with (RESEAU_SECRET_ERROR_UNAVAILABLE);
      reseau_test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, SUBPROCESS_LIMIT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_no_bus_address (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = reseau_test_make_temp_dir ();

      /* Nothing to find a bus by: no address, no display to autolaunch
       * one on, no socket in the runtime folder. */
      reseau_secret_set_timeout_ms (3600 * 1000);
      g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
      g_unsetenv ("DISPLAY");
      g_setenv ("XDG_RUNTIME_DIR", dir, TRUE);
      assert_all_fail_with (RESEAU_SECRET_ERROR_UNAVAILABLE);
      reseau_test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, SUBPROCESS_LIMIT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_no_secret_service (void)
{
  if (g_test_subprocess ())
    {
      PrivateBus bus;

      if (!private_bus_start (&bus, FALSE))
        return;
      reseau_secret_set_timeout_ms (3600 * 1000);
      assert_all_fail_with (RESEAU_SECRET_ERROR_UNAVAILABLE);
      private_bus_stop (&bus);
      return;
    }

  if (!have_dbus_daemon ())
    return;
  g_test_trap_subprocess (NULL, SUBPROCESS_LIMIT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A locked keyring ------------------------------------------------------------------- */

static void
on_name_appeared (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  g_main_loop_quit (user_data);
}

/* Starts a GNOME Keyring of its own on the private bus, with a login
 * keyring created and unlocked with the password "test"; it leaves with
 * the bus. */
static void
start_keyring (PrivateBus *bus)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) keyring = NULL;
  g_autoptr(GBytes) input = g_bytes_new_static ("test", 4);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_build_filename (bus->dir, "home", NULL);
  g_autofree char *data = g_build_filename (bus->dir, "data", NULL);
  g_autofree char *runtime = g_build_filename (bus->dir, "runtime", NULL);
  guint watch;

  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (runtime, 0700), ==, 0);

  /* Its files and control socket here, and no display it could show an
   * unlock prompt on: a prompt is dismissed at once. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  unset_test_debugging (launcher);
  keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                         "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (keyring, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (keyring));

  /* The starter exits before the daemon is always on the bus. */
  watch = g_bus_watch_name (G_BUS_TYPE_SESSION, "org.freedesktop.secrets",
                            G_BUS_NAME_WATCHER_FLAGS_NONE, on_name_appeared, NULL,
                            loop, NULL);
  g_main_loop_run (loop);
  g_bus_unwatch_name (watch);
}

static void
lock_default_keyring (void)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GVariant) alias = NULL;
  g_autoptr(GVariant) locked = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;

  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  alias = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "ReadAlias",
                                       g_variant_new ("(s)", "default"), G_VARIANT_TYPE ("(o)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (alias, "(&o)", &path);
  g_assert_cmpstr (path, !=, "/");
  locked = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                        "org.freedesktop.Secret.Service", "Lock",
                                        g_variant_new_parsed ("([%o],)", path), G_VARIANT_TYPE ("(aoo)"),
                                        G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
test_locked_keyring (void)
{
  if (g_test_subprocess ())
    {
      static const char server[] = "https://dav.example.org/";
      g_autoptr(GError) error = NULL;
      PrivateBus bus;
      char *password;

      if (!private_bus_start (&bus, TRUE))
        return;
      start_keyring (&bus);
      /* Long enough that only the dismissed prompt can end the calls. */
      reseau_secret_set_timeout_ms (3600 * 1000);

      g_assert_true (reseau_secret_store (server, "alice", "before the lock", &error));
      g_assert_no_error (error);
      assert_lookup (server, "alice", "before the lock");

      /* Locked, and the unlock prompt dismissed (there is no display). */
      lock_default_keyring ();

      password = reseau_secret_lookup (server, "alice", &error);
      g_assert_null (password);
      g_assert_error (error, RESEAU_SECRET_ERROR, RESEAU_SECRET_ERROR_LOCKED);
      g_clear_error (&error);

      g_assert_false (reseau_secret_store (server, "bob", "not saved", &error));
      g_assert_error (error, RESEAU_SECRET_ERROR, RESEAU_SECRET_ERROR_LOCKED);
      g_assert_null (strstr (error->message, "not saved"));
      g_clear_error (&error);

      g_assert_false (reseau_secret_clear (server, "alice", &error));
      g_assert_error (error, RESEAU_SECRET_ERROR, RESEAU_SECRET_ERROR_LOCKED);
      g_clear_error (&error);

      /* An account with nothing stored is still simply not found. */
      assert_not_found (server, "nobody");

      private_bus_stop (&bus);
      return;
    }

  if (!have_dbus_daemon ())
    return;
  {
    g_autofree char *keyring = g_find_program_in_path ("gnome-keyring-daemon");

    if (keyring == NULL)
      {
        g_test_skip ("gnome-keyring-daemon is not installed (package gnome-keyring)");
        return;
      }
  }
  g_test_trap_subprocess (NULL, SUBPROCESS_LIMIT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A Secret Service that never answers --------------------------------------------- */

static const char service_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Secret.Service'>"
  "    <method name='OpenSession'>"
  "      <arg name='algorithm' type='s' direction='in'/>"
  "      <arg name='input' type='v' direction='in'/>"
  "      <arg name='output' type='v' direction='out'/>"
  "      <arg name='result' type='o' direction='out'/>"
  "    </method>"
  "    <method name='SearchItems'>"
  "      <arg name='attributes' type='a{ss}' direction='in'/>"
  "      <arg name='unlocked' type='ao' direction='out'/>"
  "      <arg name='locked' type='ao' direction='out'/>"
  "    </method>"
  "    <property name='Collections' type='ao' access='read'/>"
  "  </interface>"
  "</node>";

/* Keeps every call, answering none. */
static void
on_silent_call (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  GPtrArray *pending = user_data;

  g_ptr_array_add (pending, invocation);
}

static void
test_service_never_answers (void)
{
  if (g_test_subprocess ())
    {
      static const GDBusInterfaceVTable vtable = { on_silent_call, NULL, NULL, { NULL } };
      g_autoptr(GPtrArray) pending = g_ptr_array_new ();
      g_autoptr(GDBusConnection) connection = NULL;
      g_autoptr(GDBusNodeInfo) info = NULL;
      g_autoptr(GVariant) reply = NULL;
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      g_autoptr(GError) error = NULL;
      Waiter waiter = { loop, NULL };
      PrivateBus bus;
      guint registration;
      guint32 owned;
      char *password;

      if (!private_bus_start (&bus, FALSE))
        return;

      connection = g_dbus_connection_new_for_address_sync (bus.address,
                                                           G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                           | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                           NULL, NULL, &error);
      g_assert_no_error (error);
      reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "RequestName",
                                           g_variant_new ("(su)", "org.freedesktop.secrets", 4),
                                           G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                           NULL, &error);
      g_assert_no_error (error);
      g_variant_get (reply, "(u)", &owned);
      g_assert_cmpuint (owned, ==, 1);  /* DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER */

      info = g_dbus_node_info_new_for_xml (service_xml, &error);
      g_assert_no_error (error);
      registration = g_dbus_connection_register_object (connection, "/org/freedesktop/secrets",
                                                        info->interfaces[0], &vtable,
                                                        pending, NULL, &error);
      g_assert_no_error (error);

      reseau_secret_set_timeout_ms (300);
      assert_all_fail_with (RESEAU_SECRET_ERROR_TIMEOUT);

      /* The window's way, with the default context running (and the fake
       * service's calls arriving in it, still unanswered). */
      reseau_secret_lookup_async ("https://dav.example.org/", "alice", NULL, on_done, &waiter);
      password = reseau_secret_lookup_finish (wait_for (&waiter), &error);
      g_assert_null (password);
      g_assert_error (error, RESEAU_SECRET_ERROR, RESEAU_SECRET_ERROR_TIMEOUT);
      g_clear_error (&error);
      g_clear_object (&waiter.result);

      /* Cancelled by the caller before the timer: CANCELLED, not TIMEOUT. */
      reseau_secret_set_timeout_ms (3600 * 1000);
      reseau_secret_lookup_async ("https://dav.example.org/", "alice", cancellable, on_done, &waiter);
      g_idle_add_once ((GSourceOnceFunc) g_cancellable_cancel, cancellable);
      password = reseau_secret_lookup_finish (wait_for (&waiter), &error);
      g_assert_null (password);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_object (&waiter.result);

      /* The fake service was asked, and never answered. */
      g_assert_cmpuint (pending->len, >, 0);
      for (guint i = 0; i < pending->len; i++)
        g_dbus_method_invocation_return_dbus_error (g_ptr_array_index (pending, i),
                                                    "org.freedesktop.DBus.Error.Failed",
                                                    "The test is over");
      g_dbus_connection_unregister_object (connection, registration);
      g_dbus_connection_close_sync (connection, NULL, NULL);
      private_bus_stop (&bus);
      return;
    }

  if (!have_dbus_daemon ())
    return;
  g_test_trap_subprocess (NULL, SUBPROCESS_LIMIT_USEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret/round-trip", test_round_trip);
  g_test_add_func ("/secret/async", test_async);
  g_test_add_func ("/secret/unavailable/no-bus", test_no_bus);
  g_test_add_func ("/secret/unavailable/no-bus-address", test_no_bus_address);
  g_test_add_func ("/secret/unavailable/no-secret-service", test_no_secret_service);
  g_test_add_func ("/secret/locked", test_locked_keyring);
  g_test_add_func ("/secret/timeout/service-never-answers", test_service_never_answers);

  return g_test_run ();
}
