/* test-dav-discovery.c — discovery and the WebDAV client against real servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Radicale (htpasswd authentication) and Xandikos run as processes on
 * loopback (reseau-test-servers.h), one per test, each with a fresh
 * storage folder. Besides discovery from everything a user might type,
 * this pins down the answers the sync engine builds on, as these servers
 * really give them: Radicale's 409 for a UID already used at another name,
 * the invalid sync token (Radicale 403, Xandikos 500), 412s, 404 on
 * DELETE, a server that goes away and comes back. A plain web server with
 * no WebDAV at all is an in-process SoupServer.
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "reseau-dav.h"
#include "reseau-test-servers.h"

static ReseauDavClient *
client_for (ReseauTestServer *server)
{
  ReseauDavClient *client = reseau_dav_client_new (server->user, server->password);

  /* Loopback answers in milliseconds; a hang should fail the test soon. */
  reseau_dav_client_set_timeout (client, 20);
  return client;
}

static void
assert_found_book (GPtrArray        *books,
                   const char       *server_url,
                   ReseauTestServer *server)
{
  ReseauAddressBook *book;

  g_assert_nonnull (books);
  g_assert_cmpuint (books->len, ==, 1);
  book = g_ptr_array_index (books, 0);
  g_assert_cmpstr (book->url, ==, server->book_url);
  g_assert_true (book->enabled);
  g_assert_true (book->supports_sync_collection);
  g_assert_false (book->read_only);
  g_assert_cmpint (book->vcard_version, ==, RESEAU_VCARD_VERSION_3_0);
  g_assert_cmpint (book->id, ==, 0);
  g_assert_null (book->ctag);
  g_assert_null (book->sync_token);
  g_assert_cmpstr (server_url, ==, server->base_url);
  if (server->kind == RESEAU_TEST_RADICALE)
    g_assert_cmpstr (book->display_name, ==, "Contacts");
  else
    g_assert_cmpstr (book->display_name, ==, "addressbook");
}

/* From what a user may type, to the one book of the server. */
static void
test_discover (gconstpointer data)
{
  ReseauTestServerKind kind = GPOINTER_TO_INT (data);
  g_autoptr(ReseauTestServer) server = reseau_test_server_start (kind);
  g_autoptr(ReseauDavClient) client = NULL;
  g_autoptr(GPtrArray) typed = NULL;

  if (server == NULL)
    return;

  client = client_for (server);
  typed = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (typed, g_strdup (server->base_url));
  g_ptr_array_add (typed, g_strdup (server->book_url));
  /* …and without its trailing slash */
  g_ptr_array_add (typed, g_strndup (server->book_url, strlen (server->book_url) - 1));
  g_ptr_array_add (typed, g_strdup_printf ("%salice/", server->base_url));
  /* host:port with the scheme and no path */
  g_ptr_array_add (typed, g_strdup_printf ("http://127.0.0.1:%u", server->port));
  /* A path with nothing there: the well-known URL is tried next. */
  g_ptr_array_add (typed, g_strdup_printf ("%snothing/here/", server->base_url));
  /* Both servers redirect the well-known URL (301 / 302) to "/". */
  g_ptr_array_add (typed, g_strdup_printf ("%s.well-known/carddav", server->base_url));

  for (guint i = 0; i < typed->len; i++)
    {
      const char *address = g_ptr_array_index (typed, i);
      g_autoptr(GPtrArray) books = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *server_url = NULL;

      g_test_message ("typed: %s", address);
      books = reseau_dav_discover (client, address, &server_url, NULL, &error);
      g_assert_no_error (error);
      assert_found_book (books, server_url, server);
    }
}

static void
discovered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_discover_async (void)
{
  g_autoptr(ReseauTestServer) server = reseau_test_server_start (RESEAU_TEST_RADICALE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_url = NULL;

  if (server == NULL)
    return;

  reseau_dav_discover_async (server->base_url, server->user, server->password,
                             NULL, discovered_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  books = reseau_dav_discover_finish (result, &server_url, &error);
  g_assert_no_error (error);
  assert_found_book (books, server_url, server);
}

static void
test_discover_wrong_password (void)
{
  g_autoptr(ReseauTestServer) server = reseau_test_server_start (RESEAU_TEST_RADICALE);
  g_autoptr(ReseauDavClient) client = NULL;
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_url = NULL;

  if (server == NULL)
    return;

  client = reseau_dav_client_new (server->user, "not-the-password");
  books = reseau_dav_discover (client, server->base_url, &server_url, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 401);
  g_assert_null (books);
  g_assert_null (server_url);
  /* The message says what to do, and never repeats the password. */
  g_assert_nonnull (strstr (error->message, "password"));
  g_assert_null (strstr (error->message, "not-the-password"));
  /* One request: no retry with the same wrong password. */
  g_assert_cmpuint (reseau_dav_client_get_n_requests (client), ==, 1);
}

/* A host and port typed without a scheme mean https; a server without TLS
 * there is said so, rather than reported as a certificate problem. */
static void
test_discover_bare_host (gconstpointer data)
{
  ReseauTestServerKind kind = GPOINTER_TO_INT (data);
  g_autoptr(ReseauTestServer) server = reseau_test_server_start (kind);
  g_autoptr(ReseauDavClient) client = NULL;
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *server_url = NULL;

  if (server == NULL)
    return;

  client = client_for (server);
  typed = g_strdup_printf ("127.0.0.1:%u", server->port);
  books = reseau_dav_discover (client, typed, &server_url, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "http://"));
  g_assert_null (books);
  g_assert_null (server_url);
}

/* A web server that knows nothing of WebDAV. */
static void
plain_handler (SoupServer        *soup_server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  static const char page[] = "<!DOCTYPE html><html><body><p>It works.</p></body></html>";

  if (g_str_equal (soup_server_message_get_method (msg), "GET"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
    }
  else
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "GET, HEAD");
      soup_server_message_set_status (msg, 405, NULL);
    }
}

typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        lock;
  GCond         cond;
  guint16       port;
} PlainServer;

static gpointer
plain_thread (gpointer data)
{
  PlainServer *plain = data;
  g_autoptr(SoupServer) soup_server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  g_main_context_push_thread_default (plain->context);
  soup_server = soup_server_new (NULL, NULL);
  soup_server_add_handler (soup_server, NULL, plain_handler, NULL, NULL);
  soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (soup_server);

  g_mutex_lock (&plain->lock);
  plain->port = (guint16) g_uri_get_port (uris->data);
  g_cond_signal (&plain->cond);
  g_mutex_unlock (&plain->lock);

  g_main_loop_run (plain->loop);
  soup_server_disconnect (soup_server);
  while (g_main_context_iteration (plain->context, FALSE))
    ;
  g_main_context_pop_thread_default (plain->context);
  return NULL;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
test_discover_not_carddav (void)
{
  PlainServer plain = { 0 };
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new ("alice", "secret");
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *server_url = NULL;
  GThread *thread;

  g_mutex_init (&plain.lock);
  g_cond_init (&plain.cond);
  plain.context = g_main_context_new ();
  plain.loop = g_main_loop_new (plain.context, FALSE);
  thread = g_thread_new ("plain-server", plain_thread, &plain);
  g_mutex_lock (&plain.lock);
  while (plain.port == 0)
    g_cond_wait (&plain.cond, &plain.lock);
  g_mutex_unlock (&plain.lock);

  url = g_strdup_printf ("http://127.0.0.1:%u/", plain.port);
  books = reseau_dav_discover (client, url, &server_url, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_NOT_CARDDAV);
  g_assert_null (books);
  g_assert_null (server_url);
  g_assert_nonnull (strstr (error->message, url));
  /* The URL, then the well-known one; nothing more to try. */
  g_assert_cmpuint (reseau_dav_client_get_n_requests (client), ==, 2);

  g_main_context_invoke (plain.context, quit_loop, plain.loop);
  g_thread_join (thread);
  g_main_loop_unref (plain.loop);
  g_main_context_unref (plain.context);
  g_mutex_clear (&plain.lock);
  g_cond_clear (&plain.cond);
}

/* What the sync engine relies on ------------------------------------------ */

static char *
make_card (const char *uid,
           const char *name)
{
  return g_strdup_printf ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:%s\r\nFN:%s\r\nN:;%s;;;\r\n"
                          "END:VCARD\r\n", uid, name, name);
}

/* PUT, GET, multiget, sync-collection, DELETE on both servers, with the
 * statuses each really answers. */
static void
test_card_cycle (gconstpointer data)
{
  ReseauTestServerKind kind = GPOINTER_TO_INT (data);
  g_autoptr(ReseauTestServer) server = reseau_test_server_start (kind);
  g_autoptr(ReseauDavClient) client = NULL;
  g_autoptr(ReseauDavMultistatus) listing = NULL;
  g_autoptr(ReseauDavMultistatus) delta = NULL;
  g_autoptr(ReseauDavMultistatus) cards = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *card = make_card ("anne-uid", "Anne");
  g_autofree char *edited = make_card ("anne-uid", "Anne Lévy");
  g_autofree char *etag = NULL;
  g_autofree char *etag2 = NULL;
  g_autofree char *location = NULL;
  g_autofree char *text = NULL;
  g_autofree char *got_etag = NULL;
  ReseauDavResource *resource;

  if (server == NULL)
    return;

  client = client_for (server);
  url = g_strconcat (server->book_url, "anne.vcf", NULL);
  missing = g_strconcat (server->book_url, "nobody.vcf", NULL);

  /* Create: a strong ETag comes back. */
  g_assert_true (reseau_dav_client_put (client, url, card, NULL, &etag, &location, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (etag);
  g_test_message ("created, ETag %s", etag);

  /* Create again at the same name: If-None-Match fails. */
  g_assert_false (reseau_dav_client_put (client, url, card, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_PRECONDITION);
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 412);
  g_clear_error (&error);

  /* Update with a stale ETag: fails; with the right one: succeeds. */
  g_assert_false (reseau_dav_client_put (client, url, edited, "\"stale\"", NULL, NULL, NULL, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_PRECONDITION);
  g_clear_error (&error);
  g_assert_true (reseau_dav_client_put (client, url, edited, etag, &etag2, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (etag2);
  g_assert_cmpstr (etag2, !=, etag);

  text = reseau_dav_client_get (client, url, &got_etag, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "FN:Anne Lévy\r\n"));
  g_assert_cmpstr (got_etag, ==, etag2);

  /* A full listing, then a multiget of it plus a name that is not there. */
  listing = reseau_dav_client_sync_collection (client, server->book_url, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (listing->sync_token);
  g_assert_false (listing->truncated);
  g_assert_cmpuint (listing->responses->len, ==, 1);
  resource = g_ptr_array_index (listing->responses, 0);
  g_assert_cmpstr (resource->href, ==, url);
  g_assert_cmpstr (resource->etag, ==, etag2);

  {
    const char *hrefs[] = { url, missing, NULL };

    cards = reseau_dav_client_multiget (client, server->book_url, hrefs, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < cards->responses->len; i++)
      {
        resource = g_ptr_array_index (cards->responses, i);
        if (g_str_equal (resource->href, url))
          {
            g_assert_cmpuint (resource->status, ==, 200);
            g_assert_cmpstr (resource->etag, ==, etag2);
            g_assert_true (g_str_has_prefix (resource->address_data, "BEGIN:VCARD\r\n"));
            g_assert_nonnull (strstr (resource->address_data, "FN:Anne Lévy\r\n"));
          }
        else
          {
            g_assert_cmpstr (resource->href, ==, missing);
            g_assert_cmpuint (resource->status, ==, 404);
          }
      }
  }

  /* Delete with a stale ETag: refused; with the right one: gone; again: a
   * 404, which is success. */
  g_assert_false (reseau_dav_client_delete (client, url, "\"stale\"", NULL, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_PRECONDITION);
  g_clear_error (&error);
  g_assert_true (reseau_dav_client_delete (client, url, etag2, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (reseau_dav_client_delete (client, url, NULL, NULL, &error));
  g_assert_no_error (error);

  /* From the first token: the card is reported removed (404). */
  delta = reseau_dav_client_sync_collection (client, server->book_url, listing->sync_token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (delta->responses->len, ==, 1);
  resource = g_ptr_array_index (delta->responses, 0);
  g_assert_cmpstr (resource->href, ==, url);
  g_assert_cmpuint (resource->status, ==, 404);
  g_assert_cmpstr (delta->sync_token, !=, listing->sync_token);

  {
    g_autofree char *gone = reseau_dav_client_get (client, url, NULL, NULL, &error);

    g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_NOT_FOUND);
    g_assert_null (gone);
  }
}

/* Radicale refuses a second card with the same UID under another name. */
static void
test_radicale_duplicate_uid (void)
{
  g_autoptr(ReseauTestServer) server = reseau_test_server_start (RESEAU_TEST_RADICALE);
  g_autoptr(ReseauDavClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *card = make_card ("same-uid", "Anne");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (server == NULL)
    return;

  client = client_for (server);
  first = g_strconcat (server->book_url, "first.vcf", NULL);
  second = g_strconcat (server->book_url, "second.vcf", NULL);

  g_assert_true (reseau_dav_client_put (client, first, card, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (reseau_dav_client_put (client, second, card, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_CONFLICT);
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 409);
  g_assert_nonnull (strstr (error->message, "no-uid-conflict"));
}

/* An invalid sync token: Radicale 403 (FORBIDDEN), Xandikos 500 (SERVER,
 * not retried). Without the token, both list everything. */
static void
test_invalid_token (gconstpointer data)
{
  ReseauTestServerKind kind = GPOINTER_TO_INT (data);
  g_autoptr(ReseauTestServer) server = reseau_test_server_start (kind);
  g_autoptr(ReseauDavClient) client = NULL;
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;
  g_autoptr(GError) error = NULL;
  const char *bad_token;

  if (server == NULL)
    return;

  client = client_for (server);
  bad_token = kind == RESEAU_TEST_RADICALE ? "http://radicale.org/ns/sync/0000" : "0000000000";
  multistatus = reseau_dav_client_sync_collection (client, server->book_url, bad_token, NULL, &error);
  g_assert_null (multistatus);
  if (kind == RESEAU_TEST_RADICALE)
    {
      g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_FORBIDDEN);
      g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 403);
      g_assert_nonnull (strstr (error->message, "valid-sync-token"));
    }
  else
    {
      g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_SERVER);
      g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 500);
    }
  g_assert_cmpuint (reseau_dav_client_get_n_requests (client), ==, 1);
  g_clear_error (&error);

  multistatus = reseau_dav_client_sync_collection (client, server->book_url, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (multistatus->sync_token);
}

/* Seeded cards are seen; the server going away is UNREACHABLE, and it
 * comes back with the same data on the same port. */
static void
test_server_down (void)
{
  g_autoptr(ReseauTestServer) server = reseau_test_server_start (RESEAU_TEST_RADICALE);
  g_autoptr(ReseauDavClient) client = NULL;
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *card = make_card ("seeded", "Seeded Card");

  if (server == NULL)
    return;

  client = client_for (server);
  reseau_test_server_seed_card (server, "seeded.vcf", card);

  multistatus = reseau_dav_client_propfind (client, server->book_url, "1", RESEAU_DAV_ASK_ETAGS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (multistatus->responses->len, ==, 2);
  g_clear_pointer (&multistatus, reseau_dav_multistatus_free);

  reseau_test_server_kill (server);
  multistatus = reseau_dav_client_propfind (client, server->book_url, "1", RESEAU_DAV_ASK_ETAGS, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "tried again later"));
  g_assert_null (multistatus);
  g_clear_error (&error);

  g_assert_true (reseau_test_server_restart (server));
  multistatus = reseau_dav_client_propfind (client, server->book_url, "1", RESEAU_DAV_ASK_ETAGS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (multistatus->responses->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/dav/discovery/radicale", GINT_TO_POINTER (RESEAU_TEST_RADICALE), test_discover);
  g_test_add_data_func ("/dav/discovery/xandikos", GINT_TO_POINTER (RESEAU_TEST_XANDIKOS), test_discover);
  g_test_add_func ("/dav/discovery/async", test_discover_async);
  g_test_add_func ("/dav/discovery/wrong-password", test_discover_wrong_password);
  g_test_add_func ("/dav/discovery/not-carddav", test_discover_not_carddav);
  g_test_add_data_func ("/dav/discovery/bare-host/radicale", GINT_TO_POINTER (RESEAU_TEST_RADICALE), test_discover_bare_host);
  g_test_add_data_func ("/dav/discovery/bare-host/xandikos", GINT_TO_POINTER (RESEAU_TEST_XANDIKOS), test_discover_bare_host);
  g_test_add_data_func ("/dav/server/card-cycle/radicale", GINT_TO_POINTER (RESEAU_TEST_RADICALE), test_card_cycle);
  g_test_add_data_func ("/dav/server/card-cycle/xandikos", GINT_TO_POINTER (RESEAU_TEST_XANDIKOS), test_card_cycle);
  g_test_add_func ("/dav/server/duplicate-uid/radicale", test_radicale_duplicate_uid);
  g_test_add_data_func ("/dav/server/invalid-token/radicale", GINT_TO_POINTER (RESEAU_TEST_RADICALE), test_invalid_token);
  g_test_add_data_func ("/dav/server/invalid-token/xandikos", GINT_TO_POINTER (RESEAU_TEST_XANDIKOS), test_invalid_token);
  g_test_add_func ("/dav/server/down-and-back", test_server_down);

  return g_test_run ();
}
