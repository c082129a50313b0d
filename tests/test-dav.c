/* test-dav.c — the WebDAV layer: answers read from fixtures, and the
 * client against an in-process server that misbehaves on purpose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two halves:
 *   - /dav/xml/…: reseau_dav_parse_multistatus() on answers captured from
 *     the real Radicale 3.1 and Xandikos 0.2 (tests/data/dav/radicale-*,
 *     xandikos-*, taken with curl, unedited), plus hand-written files for
 *     what those two never send (quirks.xml, truncated.xml, entity.xml,
 *     malformed.xml), and the URL normalisation everything relies on;
 *   - /dav/client/…: ReseauDavClient against a SoupServer running in a
 *     thread of its own with its own GMainContext (the client blocks the
 *     test's thread). The server does what real servers cannot be made to
 *     do on demand: Retry-After, dropped connections, stalls, redirects on
 *     PUT, 10 MB answers. It counts the requests it saw, so that retries
 *     are checked by count, never by time.
 * The same operations against the real servers are in
 * test-dav-discovery.c (suite integration).
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "reseau-dav.h"

/* Fixtures ------------------------------------------------------------------- */

#define RADICALE_URL "http://127.0.0.1:5232/"
#define XANDIKOS_URL "http://127.0.0.1:5233/"

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "dav", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static ReseauDavMultistatus *
parse_fixture (const char *name,
               const char *request_url)
{
  g_autoptr(GBytes) body = load_fixture (name);
  g_autoptr(GError) error = NULL;
  ReseauDavMultistatus *multistatus;

  multistatus = reseau_dav_parse_multistatus (body, request_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (multistatus);
  return multistatus;
}

static ReseauDavResource *
response (ReseauDavMultistatus *multistatus,
          guint                 index)
{
  g_assert_cmpuint (index, <, multistatus->responses->len);
  return g_ptr_array_index (multistatus->responses, index);
}

static ReseauDavResource *
response_for (ReseauDavMultistatus *multistatus,
              const char           *href)
{
  for (guint i = 0; i < multistatus->responses->len; i++)
    {
      ReseauDavResource *resource = g_ptr_array_index (multistatus->responses, i);

      if (g_strcmp0 (resource->href, href) == 0)
        return resource;
    }
  g_test_message ("no response for %s", href);
  g_assert_not_reached ();
}

static void
test_xml_principal (void)
{
  g_autoptr(ReseauDavMultistatus) radicale = parse_fixture ("radicale-principal.xml", RADICALE_URL);
  g_autoptr(ReseauDavMultistatus) xandikos = parse_fixture ("xandikos-principal.xml", XANDIKOS_URL);

  g_assert_cmpuint (radicale->responses->len, ==, 1);
  g_assert_cmpstr (response (radicale, 0)->href, ==, RADICALE_URL);
  g_assert_cmpuint (response (radicale, 0)->status, ==, 200);
  g_assert_cmpstr (response (radicale, 0)->current_user_principal, ==, RADICALE_URL "alice/");
  g_assert_true (response (radicale, 0)->is_collection);
  g_assert_false (response (radicale, 0)->is_address_book);

  /* Xandikos: "ns0:" prefixes, <status> before <prop>. */
  g_assert_cmpuint (xandikos->responses->len, ==, 1);
  g_assert_cmpuint (response (xandikos, 0)->status, ==, 200);
  g_assert_cmpstr (response (xandikos, 0)->current_user_principal, ==, XANDIKOS_URL "alice/");
  g_assert_false (response (xandikos, 0)->is_collection);
}

static void
test_xml_home_set (void)
{
  g_autoptr(ReseauDavMultistatus) radicale = parse_fixture ("radicale-home-set.xml", RADICALE_URL "alice/");
  g_autoptr(ReseauDavMultistatus) xandikos = parse_fixture ("xandikos-home-set.xml", XANDIKOS_URL "alice/");
  ReseauDavResource *resource;

  /* Radicale's home is the principal itself. */
  resource = response (radicale, 0);
  g_assert_cmpuint (g_strv_length (resource->address_book_home_set), ==, 1);
  g_assert_cmpstr (resource->address_book_home_set[0], ==, RADICALE_URL "alice/");

  resource = response (xandikos, 0);
  g_assert_cmpuint (g_strv_length (resource->address_book_home_set), ==, 1);
  g_assert_cmpstr (resource->address_book_home_set[0], ==, XANDIKOS_URL "alice/contacts/");
}

static void
test_xml_books_radicale (void)
{
  g_autoptr(ReseauDavMultistatus) multistatus = parse_fixture ("radicale-books.xml", RADICALE_URL "alice/");
  ReseauDavResource *home;
  ReseauDavResource *book;

  g_assert_cmpuint (multistatus->responses->len, ==, 2);
  home = response_for (multistatus, RADICALE_URL "alice/");
  g_assert_false (home->is_address_book);
  g_assert_true (home->is_collection);
  /* Its displayname and ctag are in a 404 propstat: not values. */
  g_assert_null (home->display_name);
  g_assert_null (home->ctag);
  g_assert_cmpuint (home->status, ==, 200);

  book = response_for (multistatus, RADICALE_URL "alice/contacts/");
  g_assert_true (book->is_address_book);
  g_assert_cmpstr (book->display_name, ==, "Contacts");
  g_assert_true (g_str_has_prefix (book->ctag, "\""));
  g_assert_true (g_str_has_prefix (book->sync_token, "http://radicale.org/ns/sync/"));
  g_assert_true (book->supports_sync_collection);
  g_assert_false (book->supports_vcard_4);
  g_assert_false (book->read_only);
  g_assert_cmpint (book->max_resource_size, ==, 0);
}

static void
test_xml_books_xandikos (void)
{
  g_autoptr(ReseauDavMultistatus) multistatus = parse_fixture ("xandikos-books.xml",
                                                               XANDIKOS_URL "alice/contacts/");
  ReseauDavResource *home;
  ReseauDavResource *book;

  home = response_for (multistatus, XANDIKOS_URL "alice/contacts/");
  g_assert_false (home->is_address_book);
  /* supported-report-set without the <report> wrapper. */
  g_assert_true (home->supports_sync_collection);

  book = response_for (multistatus, XANDIKOS_URL "alice/contacts/addressbook/");
  g_assert_true (book->is_address_book);
  g_assert_cmpstr (book->display_name, ==, "addressbook");
  g_assert_nonnull (book->ctag);
  g_assert_nonnull (book->sync_token);
  g_assert_true (book->supports_sync_collection);
  /* <content-type version="3.0"> in place of <address-data-type>. */
  g_assert_false (book->supports_vcard_4);
  /* privilege <all/> */
  g_assert_false (book->read_only);
}

static void
test_xml_sync_collection (void)
{
  const char *servers[][3] = {
    { "radicale", RADICALE_URL, "alice/contacts/" },
    { "xandikos", XANDIKOS_URL, "alice/contacts/addressbook/" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      g_autofree char *book = g_strconcat (servers[i][1], servers[i][2], NULL);
      g_autofree char *initial_name = g_strconcat (servers[i][0], "-sync-initial.xml", NULL);
      g_autofree char *delta_name = g_strconcat (servers[i][0], "-sync-delta.xml", NULL);
      g_autofree char *bruno = g_strconcat (book, "bruno.vcf", NULL);
      g_autofree char *chloe = g_strconcat (book, "chloe.vcf", NULL);
      g_autoptr(ReseauDavMultistatus) initial = parse_fixture (initial_name, book);
      g_autoptr(ReseauDavMultistatus) delta = parse_fixture (delta_name, book);

      g_test_message ("%s", servers[i][0]);

      /* The token comes first on Radicale, last on Xandikos. */
      g_assert_nonnull (initial->sync_token);
      g_assert_false (initial->truncated);
      g_assert_cmpuint (initial->responses->len, ==, 3);
      for (guint j = 0; j < 3; j++)
        {
          ReseauDavResource *card = response (initial, j);

          g_assert_cmpuint (card->status, ==, 200);
          g_assert_true (g_str_has_prefix (card->href, book));
          g_assert_true (g_str_has_prefix (card->etag, "\""));
          g_assert_true (g_str_has_suffix (card->etag, "\""));
        }

      g_assert_nonnull (delta->sync_token);
      g_assert_cmpstr (delta->sync_token, !=, initial->sync_token);
      g_assert_cmpuint (delta->responses->len, ==, 2);
      g_assert_cmpuint (response_for (delta, bruno)->status, ==, 404);
      g_assert_null (response_for (delta, bruno)->etag);
      g_assert_cmpuint (response_for (delta, chloe)->status, ==, 200);
      g_assert_nonnull (response_for (delta, chloe)->etag);
    }
}

static void
test_xml_multiget (void)
{
  const char *servers[][3] = {
    { "radicale-multiget.xml", RADICALE_URL, "alice/contacts/" },
    { "xandikos-multiget.xml", XANDIKOS_URL, "alice/contacts/addressbook/" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      g_autofree char *book = g_strconcat (servers[i][1], servers[i][2], NULL);
      g_autofree char *chloe_url = g_strconcat (book, "chloe.vcf", NULL);
      g_autofree char *bruno_url = g_strconcat (book, "bruno.vcf", NULL);
      g_autoptr(ReseauDavMultistatus) multistatus = parse_fixture (servers[i][0], book);
      ReseauDavResource *chloe;

      g_assert_cmpuint (multistatus->responses->len, ==, 3);
      chloe = response_for (multistatus, chloe_url);
      g_assert_cmpuint (chloe->status, ==, 200);
      g_assert_nonnull (chloe->etag);
      /* Text as a GET gives it: CRLF lines, UTF-8 intact. */
      g_assert_true (g_str_has_prefix (chloe->address_data, "BEGIN:VCARD\r\nVERSION:3.0\r\n"));
      g_assert_true (g_str_has_suffix (chloe->address_data, "END:VCARD\r\n"));
      g_assert_nonnull (strstr (chloe->address_data, "FN:Chloé Martin\r\n"));
      g_assert_null (strstr (chloe->address_data, "\r\r"));

      g_assert_cmpuint (response_for (multistatus, bruno_url)->status, ==, 404);
      g_assert_null (response_for (multistatus, bruno_url)->address_data);
    }
}

static void
test_xml_etags (void)
{
  g_autoptr(ReseauDavMultistatus) radicale = parse_fixture ("radicale-etags.xml", RADICALE_URL "alice/contacts/");
  g_autoptr(ReseauDavMultistatus) xandikos = parse_fixture ("xandikos-etags.xml",
                                                            XANDIKOS_URL "alice/contacts/addressbook/");
  guint cards = 0;

  /* The collection itself is listed first and is no card. */
  g_assert_true (response (radicale, 0)->is_collection);
  g_assert_true (response (xandikos, 0)->is_collection);
  for (guint i = 1; i < xandikos->responses->len; i++)
    {
      g_assert_false (response (xandikos, i)->is_collection);
      g_assert_nonnull (response (xandikos, i)->etag);
      cards++;
    }
  g_assert_cmpuint (cards, ==, 3);
}

static void
test_xml_quirks (void)
{
  g_autoptr(ReseauDavMultistatus) multistatus = parse_fixture ("quirks.xml", "https://example.org/dav/Shared%20Books/");
  ReseauDavResource *book;
  ReseauDavResource *card;
  ReseauDavResource *missing;

  g_assert_cmpuint (multistatus->responses->len, ==, 3);

  book = response (multistatus, 0);
  g_assert_cmpstr (book->href, ==, "https://example.org/dav/Shared%20Books/team/");
  g_assert_cmpstr (book->display_name, ==, "Team & friends");
  g_assert_true (book->is_address_book);
  g_assert_true (book->supports_vcard_4);
  g_assert_true (book->read_only);
  g_assert_false (book->supports_sync_collection);
  g_assert_cmpint (book->max_resource_size, ==, 102400);
  g_assert_cmpstr (book->ctag, ==, "ctag-1");

  /* Upper-case host, default port, "%7e" and "%40": one spelling. */
  card = response (multistatus, 1);
  g_assert_cmpstr (card->href, ==, "http://example.org/dav/~alice/a@b.vcf");
  g_assert_cmpuint (card->status, ==, 200);
  g_assert_cmpstr (card->etag, ==, "\"e-1\"");

  /* Relative to the request URL; an escaped slash stays escaped. Only a
   * 404 propstat: the status says so and no value is taken. */
  missing = response (multistatus, 2);
  g_assert_cmpstr (missing->href, ==, "https://example.org/dav/Shared%20Books/relative%2Fslash.vcf");
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_null (missing->etag);
}

static void
test_xml_truncated (void)
{
  g_autoptr(ReseauDavMultistatus) multistatus = parse_fixture ("truncated.xml", "https://example.org/book/");

  g_assert_true (multistatus->truncated);
  g_assert_cmpstr (multistatus->sync_token, ==, "page-2");
  /* The 507 of the book itself is no member. */
  g_assert_cmpuint (multistatus->responses->len, ==, 1);
  g_assert_cmpstr (response (multistatus, 0)->href, ==, "https://example.org/book/one.vcf");
}

static void
test_xml_refused (void)
{
  const char *names[] = { "malformed.xml", "entity.xml", "not-dav.html", "radicale-error-sync-token.xml" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) body = load_fixture (names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(ReseauDavMultistatus) multistatus = NULL;

      g_test_message ("%s", names[i]);
      multistatus = reseau_dav_parse_multistatus (body, "https://dav.example.org/book/", &error);
      g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_MALFORMED);
      g_assert_null (multistatus);
      /* The message names where the answer came from. */
      g_assert_nonnull (strstr (error->message, "https://dav.example.org/book/"));
      g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 0);
    }

  {
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
    g_autoptr(GError) error = NULL;
    g_autoptr(ReseauDavMultistatus) multistatus = reseau_dav_parse_multistatus (empty, "https://dav.example.org/", &error);

    g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_MALFORMED);
    g_assert_null (multistatus);
  }
}

static void
test_xml_resolve (void)
{
  const char *cases[][3] = {
    { "https://dav.example.org/book/", "anne.vcf", "https://dav.example.org/book/anne.vcf" },
    { "https://dav.example.org/book/", "/other/x.vcf", "https://dav.example.org/other/x.vcf" },
    { "https://dav.example.org/a/b/", "../c/./d.vcf", "https://dav.example.org/a/c/d.vcf" },
    { "https://dav.example.org/", "HTTPS://DAV.Example.ORG:443/x", "https://dav.example.org/x" },
    { "http://dav.example.org/", "http://dav.example.org:8080/x", "http://dav.example.org:8080/x" },
    { "https://dav.example.org/", "/%7ealice/", "https://dav.example.org/~alice/" },
    { "https://dav.example.org/", "/~alice/", "https://dav.example.org/~alice/" },
    { "https://dav.example.org/", "/a%40b.vcf", "https://dav.example.org/a@b.vcf" },
    { "https://dav.example.org/", "/a b.vcf", "https://dav.example.org/a%20b.vcf" },
    { "https://dav.example.org/", "/a%2fb.vcf", "https://dav.example.org/a%2Fb.vcf" },
    { "https://dav.example.org/", "/caf%c3%a9.vcf", "https://dav.example.org/caf%C3%A9.vcf" },
    { "https://dav.example.org/", "/café.vcf", "https://dav.example.org/caf%C3%A9.vcf" },
    { "https://dav.example.org/", " /x.vcf ", "https://dav.example.org/x.vcf" },
    { "https://dav.example.org/", "/x.vcf#part", "https://dav.example.org/x.vcf" },
    { "https://dav.example.org/book/", "", "https://dav.example.org/book/" },
    { "https://user:pw@dav.example.org/", "/x", "https://dav.example.org/x" },
    { "http://[::1]:5232/", "/x", "http://[::1]:5232/x" },
    { "https://dav.example.org/", "/x?a=%7e&b=%2B+c", "https://dav.example.org/x?a=~&b=%2B+c" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *resolved = reseau_dav_resolve_href (cases[i][0], cases[i][1]);

      g_assert_cmpstr (resolved, ==, cases[i][2]);
    }

  g_assert_null (reseau_dav_resolve_href ("https://dav.example.org/", "mailto:a@b"));
  g_assert_null (reseau_dav_resolve_href ("not a url", "/x"));
}

/* The in-process server --------------------------------------------------- */

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base;          /* "http://127.0.0.1:PORT/" */

  GMutex        lock;          /* guards what follows */
  GCond         ready;
  gboolean      started;
  GHashTable   *hits;          /* path → number of requests */
  char         *last_method;
  char         *last_body;
  char         *last_if_match;
  char         *last_content_type;
  char         *last_depth;
  char         *last_user_agent;
  char         *last_accept_encoding;
  char         *last_authorization;
  GPtrArray    *held;          /* stolen connections kept open (stalls) */
  GBytes       *huge;          /* the 10 MB multistatus, made once */
  GBytes       *huge_gzip;     /* the same, gzip-compressed */
} MockServer;

static const char small_multistatus[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
  "<multistatus xmlns=\"DAV:\"><response><href>/ok/</href>"
  "<propstat><prop><displayname>OK</displayname></prop>"
  "<status>HTTP/1.1 200 OK</status></propstat></response></multistatus>";

static guint
count_hit (MockServer *mock,
           const char *path)
{
  guint n;

  g_mutex_lock (&mock->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (mock->hits, path)) + 1;
  g_hash_table_insert (mock->hits, g_strdup (path), GUINT_TO_POINTER (n));
  g_mutex_unlock (&mock->lock);
  return n;
}

static guint
mock_hits (MockServer *mock,
           const char *path)
{
  guint n;

  g_mutex_lock (&mock->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (mock->hits, path));
  g_mutex_unlock (&mock->lock);
  return n;
}

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *content_type,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
reply_multistatus (SoupServerMessage *msg)
{
  reply (msg, 207, "application/xml; charset=utf-8", small_multistatus);
}

static GBytes *
make_huge_multistatus (void)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                               "<d:multistatus xmlns:d=\"DAV:\" "
                               "xmlns:c=\"urn:ietf:params:xml:ns:carddav\">");
  g_autofree char *note = NULL;
  guint i = 0;

  /* Cards of about 1 KB, as many as make 10 MB. */
  note = g_strnfill (900, 'x');
  while (xml->len < 10 * 1024 * 1024)
    {
      g_string_append_printf (xml,
                              "<d:response><d:href>/huge/card-%u.vcf</d:href><d:propstat><d:prop>"
                              "<d:getetag>\"%u\"</d:getetag><c:address-data>BEGIN:VCARD&#13;\n"
                              "VERSION:3.0&#13;\nUID:card-%u&#13;\nFN:Card %u&#13;\nNOTE:%s&#13;\n"
                              "END:VCARD&#13;\n</c:address-data></d:prop>"
                              "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>",
                              i, i, i, i, note);
      i++;
    }
  g_string_append (xml, "</d:multistatus>");
  return g_string_free_to_bytes (xml);
}

static GBytes *
gzip_bytes (GBytes *bytes)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GInputStream) plain = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GInputStream) compressed = g_converter_input_stream_new (plain, G_CONVERTER (compressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, compressed,
                          G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                          NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* Takes the connection from libsoup and writes raw bytes on it. */
static GIOStream *
steal (SoupServerMessage *msg,
       const char        *raw)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);

  if (raw != NULL)
    g_output_stream_write_all (g_io_stream_get_output_stream (stream),
                               raw, strlen (raw), NULL, NULL, NULL);
  return stream;
}

static void
remember (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
mock_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  MockServer *mock = user_data;
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  guint hit = count_hit (mock, path);

  g_mutex_lock (&mock->lock);
  {
    SoupMessageBody *body = soup_server_message_get_request_body (msg);
    g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

    remember (&mock->last_method, method);
    g_free (mock->last_body);
    mock->last_body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    remember (&mock->last_if_match, soup_message_headers_get_one (in, "If-Match"));
    remember (&mock->last_content_type, soup_message_headers_get_one (in, "Content-Type"));
    remember (&mock->last_depth, soup_message_headers_get_one (in, "Depth"));
    remember (&mock->last_user_agent, soup_message_headers_get_one (in, "User-Agent"));
    remember (&mock->last_accept_encoding, soup_message_headers_get_one (in, "Accept-Encoding"));
    remember (&mock->last_authorization, soup_message_headers_get_one (in, "Authorization"));
  }
  g_mutex_unlock (&mock->lock);

  if (g_str_equal (path, "/ok/"))
    reply_multistatus (msg);
  else if (g_str_equal (path, "/nopal/"))
    {
      /* A DAV server without principals (Synology's kind): the collection
       * knows neither current-user-principal nor a home set, and lists
       * its book one level down. */
      g_autofree char *body = NULL;

      g_mutex_lock (&mock->lock);
      body = g_strdup (mock->last_body);
      g_mutex_unlock (&mock->lock);

      if (strstr (body, "current-user-principal") != NULL || strstr (body, "addressbook-home-set") != NULL)
        reply (msg, 207, "application/xml",
               "<multistatus xmlns=\"DAV:\"><response><href>/nopal/</href>"
               "<propstat><prop><resourcetype><collection/></resourcetype></prop>"
               "<status>HTTP/1.1 200 OK</status></propstat>"
               "<propstat><prop><current-user-principal/>"
               "<addressbook-home-set xmlns=\"urn:ietf:params:xml:ns:carddav\"/></prop>"
               "<status>HTTP/1.1 404 Not Found</status></propstat></response></multistatus>");
      else if (g_strcmp0 (soup_message_headers_get_one (in, "Depth"), "1") == 0)
        reply (msg, 207, "application/xml",
               "<multistatus xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\">"
               "<response><href>/nopal/</href><propstat><prop><resourcetype><collection/>"
               "</resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response>"
               "<response><href>/nopal/book/</href><propstat><prop><resourcetype><collection/>"
               "<C:addressbook/></resourcetype><displayname>Shared</displayname>"
               "<current-user-privilege-set><privilege><read/></privilege></current-user-privilege-set>"
               "</prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>");
      else
        reply (msg, 400, "text/plain", "unexpected request");
    }
  else if (g_str_equal (path, "/retry-after/"))
    {
      /* Busy once, for one second, then fine. */
      if (hit == 1)
        {
          soup_message_headers_replace (out, "Retry-After", "1");
          reply (msg, 503, "text/plain", "busy");
        }
      else
        reply_multistatus (msg);
    }
  else if (g_str_equal (path, "/too-many/"))
    {
      /* An HTTP date in the past: retry at once. */
      if (hit == 1)
        {
          soup_message_headers_replace (out, "Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
          reply (msg, 429, "text/plain", "slow down");
        }
      else
        reply_multistatus (msg);
    }
  else if (g_str_equal (path, "/long-wait/"))
    {
      /* Within the client's cap: it waits, until it is cancelled. */
      soup_message_headers_replace (out, "Retry-After", "100");
      reply (msg, 503, "text/plain", "busy");
    }
  else if (g_str_equal (path, "/gzip/"))
    {
      /* 10 MB that travel as a few hundred KB. */
      g_mutex_lock (&mock->lock);
      if (mock->huge == NULL)
        mock->huge = make_huge_multistatus ();
      if (mock->huge_gzip == NULL)
        mock->huge_gzip = gzip_bytes (mock->huge);
      g_mutex_unlock (&mock->lock);

      soup_server_message_set_status (msg, 207, NULL);
      soup_message_headers_set_content_type (out, "application/xml; charset=utf-8", NULL);
      soup_message_headers_replace (out, "Content-Encoding", "gzip");
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), mock->huge_gzip);
    }
  else if (g_str_equal (path, "/busy/"))
    {
      soup_message_headers_replace (out, "Retry-After", "3600");
      reply (msg, 503, "text/plain", "maintenance");
    }
  else if (g_str_equal (path, "/flaky/"))
    {
      if (hit <= 2)
        reply (msg, 502, "text/plain", "bad gateway");
      else
        reply_multistatus (msg);
    }
  else if (g_str_equal (path, "/broken/"))
    reply (msg, 500, "text/plain", "500 Internal Server Error\n\nServer got itself in trouble");
  else if (g_str_equal (path, "/flaky-put/card.vcf"))
    reply (msg, 502, "text/plain", "bad gateway");
  else if (g_str_equal (path, "/drop/"))
    {
      g_autoptr(GIOStream) stream = steal (msg,
                                           "HTTP/1.1 207 Multi-Status\r\n"
                                           "Content-Type: application/xml\r\n"
                                           "Content-Length: 5000\r\n\r\n"
                                           "<?xml version=\"1.0\"?><multistatus xmlns=\"DAV:\"><resp");
      g_io_stream_close (stream, NULL, NULL);
    }
  else if (g_str_equal (path, "/stall/"))
    {
      GIOStream *stream = steal (msg, NULL);

      g_mutex_lock (&mock->lock);
      g_ptr_array_add (mock->held, stream);
      g_mutex_unlock (&mock->lock);
    }
  else if (g_str_equal (path, "/malformed/"))
    reply (msg, 207, "application/xml", "<?xml version=\"1.0\"?><multistatus xmlns=\"DAV:\"><response>");
  else if (g_str_equal (path, "/huge/") || g_str_equal (path, "/huge-chunked/"))
    {
      g_mutex_lock (&mock->lock);
      if (mock->huge == NULL)
        mock->huge = make_huge_multistatus ();
      g_mutex_unlock (&mock->lock);

      soup_server_message_set_status (msg, 207, NULL);
      soup_message_headers_set_content_type (out, "application/xml; charset=utf-8", NULL);
      if (g_str_equal (path, "/huge-chunked/"))
        {
          /* No Content-Length: the limit can only hold while reading. */
          gsize size = g_bytes_get_size (mock->huge);

          soup_message_headers_set_encoding (out, SOUP_ENCODING_CHUNKED);
          for (gsize offset = 0; offset < size; offset += 256 * 1024)
            {
              g_autoptr(GBytes) part = g_bytes_new_from_bytes (mock->huge, offset,
                                                               MIN (256 * 1024, size - offset));

              soup_message_body_append_bytes (soup_server_message_get_response_body (msg), part);
            }
          soup_message_body_complete (soup_server_message_get_response_body (msg));
        }
      else
        soup_message_body_append_bytes (soup_server_message_get_response_body (msg), mock->huge);
    }
  else if (g_str_equal (path, "/redirect-307/card.vcf") || g_str_equal (path, "/redirect-308/card.vcf"))
    {
      soup_message_headers_replace (out, "Location", "/final/card.vcf");
      reply (msg, g_str_has_prefix (path, "/redirect-307") ? 307 : 308, NULL, NULL);
    }
  else if (g_str_equal (path, "/final/card.vcf"))
    {
      soup_message_headers_replace (out, "ETag", "\"after-redirect\"");
      reply (msg, 201, NULL, NULL);
    }
  else if (g_str_equal (path, "/loop/"))
    {
      soup_message_headers_replace (out, "Location", "/loop/");
      reply (msg, 302, NULL, NULL);
    }
  else if (g_str_equal (path, "/to-http/"))
    {
      soup_message_headers_replace (out, "Location", "http://127.0.0.1:9/x");
      reply (msg, 301, NULL, NULL);
    }
  else if (g_str_equal (path, "/unauthorized/"))
    {
      soup_message_headers_replace (out, "WWW-Authenticate", "Basic realm=\"test\"");
      reply (msg, 401, "text/plain", "Access to the requested resource forbidden.");
    }
  else if (g_str_equal (path, "/precondition/card.vcf"))
    reply (msg, 412, "text/plain", "Precondition failed.");
  else if (g_str_equal (path, "/conflict/card.vcf"))
    reply (msg, 409, "text/xml; charset=utf-8",
           "<?xml version='1.0' encoding='utf-8'?>\n"
           "<error xmlns=\"DAV:\" xmlns:CR=\"urn:ietf:params:xml:ns:carddav\">"
           "<CR:no-uid-conflict /></error>");
  else if (g_str_equal (path, "/insufficient/card.vcf"))
    reply (msg, 507, "text/plain", "full");
  else if (g_str_equal (path, "/gone/card.vcf"))
    reply (msg, 404, "text/plain", "not here");
  else if (g_str_equal (path, "/weak/card.vcf"))
    {
      soup_message_headers_replace (out, "ETag", "W/\"x\"");
      reply (msg, 201, NULL, NULL);
    }
  else if (g_str_equal (path, "/strong/card.vcf"))
    {
      soup_message_headers_replace (out, "ETag", "\"abc\"");
      soup_message_headers_replace (out, "Location", "/strong/chosen-by-server.vcf");
      reply (msg, 204, NULL, NULL);
    }
  else if (g_str_equal (path, "/card/anne.vcf"))
    {
      soup_message_headers_replace (out, "ETag", "\"anne-1\"");
      reply (msg, 200, "text/vcard; charset=utf-8",
             "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:anne\r\nFN:Anne Lévy\r\nEND:VCARD\r\n");
    }
  else
    reply (msg, 404, "text/plain", "no such test path");
}

static gpointer
mock_thread (gpointer data)
{
  MockServer *mock = data;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  g_main_context_push_thread_default (mock->context);

  mock->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (mock->server, NULL, mock_handler, mock, NULL);
  soup_server_listen_local (mock->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (mock->server);
  g_assert_nonnull (uris);

  g_mutex_lock (&mock->lock);
  mock->base = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));
  mock->started = TRUE;
  g_cond_signal (&mock->ready);
  g_mutex_unlock (&mock->lock);

  g_main_loop_run (mock->loop);

  soup_server_disconnect (mock->server);
  g_clear_object (&mock->server);
  /* Let the disconnections run before the context goes. */
  while (g_main_context_iteration (mock->context, FALSE))
    ;
  g_main_context_pop_thread_default (mock->context);
  return NULL;
}

static MockServer *
mock_start (void)
{
  MockServer *mock = g_new0 (MockServer, 1);

  g_mutex_init (&mock->lock);
  g_cond_init (&mock->ready);
  mock->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  mock->held = g_ptr_array_new_with_free_func (g_object_unref);
  mock->context = g_main_context_new ();
  mock->loop = g_main_loop_new (mock->context, FALSE);
  mock->thread = g_thread_new ("mock-server", mock_thread, mock);

  g_mutex_lock (&mock->lock);
  while (!mock->started)
    g_cond_wait (&mock->ready, &mock->lock);
  g_mutex_unlock (&mock->lock);

  return mock;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
mock_stop (MockServer *mock)
{
  g_main_context_invoke (mock->context, quit_loop, mock->loop);
  g_thread_join (mock->thread);

  for (guint i = 0; i < mock->held->len; i++)
    g_io_stream_close (g_ptr_array_index (mock->held, i), NULL, NULL);
  g_ptr_array_unref (mock->held);
  g_hash_table_unref (mock->hits);
  g_main_loop_unref (mock->loop);
  g_main_context_unref (mock->context);
  g_clear_pointer (&mock->huge, g_bytes_unref);
  g_clear_pointer (&mock->huge_gzip, g_bytes_unref);
  g_free (mock->base);
  g_free (mock->last_method);
  g_free (mock->last_body);
  g_free (mock->last_if_match);
  g_free (mock->last_content_type);
  g_free (mock->last_depth);
  g_free (mock->last_user_agent);
  g_free (mock->last_accept_encoding);
  g_free (mock->last_authorization);
  g_mutex_clear (&mock->lock);
  g_cond_clear (&mock->ready);
  g_free (mock);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MockServer, mock_stop)

static char *
mock_url (MockServer *mock,
          const char *path)
{
  return g_strconcat (mock->base, path + 1, NULL);
}

/* Client tests ------------------------------------------------------------ */

static const char card[] = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:t\r\nFN:T\r\nEND:VCARD\r\n";

static void
test_client_headers (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new ("alice", "pässword");
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, "/ok/");
  g_autofree char *expected_auth = NULL;

  multistatus = reseau_dav_client_propfind (client, url, "1", RESEAU_DAV_ASK_BOOKS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (multistatus->responses->len, ==, 1);
  g_assert_cmpstr (response (multistatus, 0)->href, ==, url);
  g_assert_cmpstr (response (multistatus, 0)->display_name, ==, "OK");

  g_assert_cmpstr (mock->last_method, ==, "PROPFIND");
  g_assert_cmpstr (mock->last_depth, ==, "1");
  g_assert_cmpstr (mock->last_content_type, ==, "application/xml; charset=utf-8");
  g_assert_cmpstr (mock->last_user_agent, ==, "Reseau/" PACKAGE_VERSION);
  g_assert_nonnull (strstr (mock->last_accept_encoding, "gzip"));
  g_assert_nonnull (strstr (mock->last_body, "supported-report-set"));
  /* Sent with the first request, without waiting for a 401; compared
   * without printing it. */
  {
    const char *pair = "alice:pässword";
    g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

    expected_auth = g_strconcat ("Basic ", encoded, NULL);
  }
  g_assert_true (g_strcmp0 (mock->last_authorization, expected_auth) == 0);
  g_assert_cmpuint (reseau_dav_client_get_n_requests (client), ==, 1);

  /* A REPORT sends Depth too; a token is escaped into the body. */
  g_clear_pointer (&multistatus, reseau_dav_multistatus_free);
  multistatus = reseau_dav_client_sync_collection (client, url, "tok<&>", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mock->last_method, ==, "REPORT");
  g_assert_cmpstr (mock->last_depth, ==, "0");
  g_assert_nonnull (strstr (mock->last_body, "tok&lt;&amp;&gt;"));
  g_assert_null (strstr (mock->last_body, "limit"));

  /* Without credentials, no Authorization at all. */
  {
    g_autoptr(ReseauDavClient) anonymous = reseau_dav_client_new (NULL, NULL);
    g_autoptr(ReseauDavMultistatus) again = NULL;

    again = reseau_dav_client_propfind (anonymous, url, "0", RESEAU_DAV_ASK_PRINCIPAL, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (mock->last_authorization);
  }
}

static void
test_client_multiget_body (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, "/ok/");
  g_autofree char *a = mock_url (mock, "/ok/a%40b.vcf");
  const char *hrefs[] = { a, "https://elsewhere.example.org/c.vcf", NULL };

  multistatus = reseau_dav_client_multiget (client, url, hrefs, NULL, &error);
  g_assert_no_error (error);
  /* Same origin: the path, as servers write hrefs; another: the URL. */
  g_assert_nonnull (strstr (mock->last_body, "<D:href>/ok/a%40b.vcf</D:href>"));
  g_assert_nonnull (strstr (mock->last_body, "<D:href>https://elsewhere.example.org/c.vcf</D:href>"));
  g_assert_nonnull (strstr (mock->last_body, "address-data"));
  g_assert_cmpstr (mock->last_depth, ==, "0");
}

static void
test_client_retry_after (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, "/retry-after/");
  g_autofree char *url_429 = mock_url (mock, "/too-many/");
  g_autoptr(ReseauDavMultistatus) first = NULL;
  g_autoptr(ReseauDavMultistatus) second = NULL;

  first = reseau_dav_client_propfind (client, url, "0", RESEAU_DAV_ASK_PRINCIPAL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpuint (mock_hits (mock, "/retry-after/"), ==, 2);

  second = reseau_dav_client_propfind (client, url_429, "0", RESEAU_DAV_ASK_PRINCIPAL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpuint (mock_hits (mock, "/too-many/"), ==, 2);
  g_assert_cmpuint (reseau_dav_client_get_n_requests (client), ==, 4);
}

static void
test_client_retry_after_too_long (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, "/busy/");
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;

  reseau_dav_client_set_max_retry_after (client, 60);
  multistatus = reseau_dav_client_propfind (client, url, "0", RESEAU_DAV_ASK_PRINCIPAL, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_SERVER);
  g_assert_null (multistatus);
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 503);
  g_assert_nonnull (strstr (error->message, "503"));
  /* Given up at once: one request, no waiting. */
  g_assert_cmpuint (mock_hits (mock, "/busy/"), ==, 1);
}

typedef struct
{
  MockServer   *mock;
  GCancellable *cancellable;
} CancelWhenAsked;

/* Cancels once the server has seen the request, i.e. while the client
 * waits for its Retry-After. */
static gpointer
cancel_when_asked (gpointer data)
{
  CancelWhenAsked *cancel = data;

  while (mock_hits (cancel->mock, "/long-wait/") == 0)
    g_usleep (10 * 1000);
  g_cancellable_cancel (cancel->cancellable);
  return NULL;
}

static void
test_client_retry_after_cancelled (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, "/long-wait/");
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;
  CancelWhenAsked cancel = { mock, cancellable };
  GThread *thread;

  /* Were the wait deaf to the cancellable, this would take 100 s and the
   * test would time out. */
  thread = g_thread_new ("canceller", cancel_when_asked, &cancel);
  multistatus = reseau_dav_client_propfind (client, url, "0", RESEAU_DAV_ASK_PRINCIPAL, cancellable, &error);
  g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (multistatus);
  g_assert_cmpuint (mock_hits (mock, "/long-wait/"), ==, 1);
}

static void
test_client_backoff (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *flaky = mock_url (mock, "/flaky/");
  g_autofree char *flaky_put = mock_url (mock, "/flaky-put/card.vcf");
  g_autofree char *broken = mock_url (mock, "/broken/");
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;

  /* Two 502s, then an answer: two retries are enough. */
  multistatus = reseau_dav_client_propfind (client, flaky, "0", RESEAU_DAV_ASK_PRINCIPAL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (multistatus);
  g_assert_cmpuint (mock_hits (mock, "/flaky/"), ==, 3);

  /* A PUT is never repeated on its own. */
  g_assert_false (reseau_dav_client_put (client, flaky_put, card, "\"1\"", NULL, NULL, NULL, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_SERVER);
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 502);
  g_assert_cmpuint (mock_hits (mock, "/flaky-put/card.vcf"), ==, 1);
  g_clear_error (&error);

  /* A 500 to a sync-collection that carried a token is Xandikos's way of
   * saying "invalid token": reported at once, not retried. */
  g_clear_pointer (&multistatus, reseau_dav_multistatus_free);
  multistatus = reseau_dav_client_sync_collection (client, broken, "old-token", NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_SERVER);
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 500);
  g_assert_cmpuint (mock_hits (mock, "/broken/"), ==, 1);
  g_clear_error (&error);

  /* Without a token it is an ordinary 5xx: three tries in all. */
  multistatus = reseau_dav_client_sync_collection (client, broken, NULL, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_SERVER);
  g_assert_cmpuint (mock_hits (mock, "/broken/"), ==, 4);
  g_assert_nonnull (strstr (error->message, "500"));
}

static void
test_client_dropped (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, "/drop/");
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;

  multistatus = reseau_dav_client_propfind (client, url, "1", RESEAU_DAV_ASK_ETAGS, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNREACHABLE);
  g_assert_null (multistatus);
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 0);
}

static void
test_client_stalled (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, "/stall/");
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;

  reseau_dav_client_set_timeout (client, 1);
  multistatus = reseau_dav_client_propfind (client, url, "0", RESEAU_DAV_ASK_PRINCIPAL, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "tried again later"));
}

static void
test_client_unreachable (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, "/ok/");
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;

  /* The port is free once the server is gone. */
  g_clear_pointer (&mock, mock_stop);
  multistatus = reseau_dav_client_propfind (client, url, "0", RESEAU_DAV_ASK_PRINCIPAL, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNREACHABLE);
  g_assert_null (multistatus);
}

static void
test_client_malformed (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, "/malformed/");
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;

  multistatus = reseau_dav_client_sync_collection (client, url, NULL, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_MALFORMED);
  g_assert_null (multistatus);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 207);
}

static void
test_client_huge (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, "/huge/");
  g_autofree char *chunked = mock_url (mock, "/huge-chunked/");
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;
  ReseauDavResource *last;

  /* With the default limit, 10 MB is read and parsed. */
  multistatus = reseau_dav_client_sync_collection (client, url, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (multistatus->responses->len, >, 8000);
  last = response (multistatus, multistatus->responses->len - 1);
  g_assert_true (g_str_has_prefix (last->address_data, "BEGIN:VCARD\r\n"));
  g_assert_cmpuint (last->status, ==, 200);

  /* Above the limit: refused, whether the size was announced or not. */
  reseau_dav_client_set_max_body (client, 1024 * 1024);
  g_clear_pointer (&multistatus, reseau_dav_multistatus_free);
  multistatus = reseau_dav_client_sync_collection (client, url, NULL, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_TOO_LARGE);
  g_assert_null (multistatus);
  g_clear_error (&error);

  multistatus = reseau_dav_client_sync_collection (client, chunked, NULL, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_TOO_LARGE);
  g_assert_null (multistatus);
}

static void
test_client_gzip (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, "/gzip/");
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;

  multistatus = reseau_dav_client_sync_collection (client, url, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (multistatus->responses->len, >, 8000);

  /* The limit holds on what the answer becomes once decoded: a small
   * compressed answer cannot fill memory. */
  reseau_dav_client_set_max_body (client, 1024 * 1024);
  g_assert_cmpuint (g_bytes_get_size (mock->huge_gzip), <, 1024 * 1024);
  g_clear_pointer (&multistatus, reseau_dav_multistatus_free);
  multistatus = reseau_dav_client_sync_collection (client, url, NULL, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_TOO_LARGE);
  g_assert_null (multistatus);
}

static void
test_client_redirect_put (gconstpointer data)
{
  const char *path = data;
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new ("alice", "secret");
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, path);
  g_autofree char *etag = NULL;
  g_autofree char *location = NULL;

  g_assert_true (reseau_dav_client_put (client, url, card, "\"e1\"", &etag, &location, NULL, &error));
  g_assert_no_error (error);

  /* The final server got the PUT itself: method, body, precondition. */
  g_assert_cmpuint (mock_hits (mock, path), ==, 1);
  g_assert_cmpuint (mock_hits (mock, "/final/card.vcf"), ==, 1);
  g_assert_cmpstr (mock->last_method, ==, "PUT");
  g_assert_cmpstr (mock->last_body, ==, card);
  g_assert_cmpstr (mock->last_if_match, ==, "\"e1\"");
  g_assert_cmpstr (mock->last_content_type, ==, "text/vcard; charset=utf-8");
  /* Same host: the credentials follow. */
  g_assert_nonnull (mock->last_authorization);
  g_assert_cmpstr (etag, ==, "\"after-redirect\"");
  /* The card lives where the redirect led. */
  g_assert_true (g_str_has_suffix (location, "/final/card.vcf"));
  g_assert_cmpuint (reseau_dav_client_get_n_requests (client), ==, 2);
}

static void
test_client_redirect_loop (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, "/loop/");
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;

  multistatus = reseau_dav_client_propfind (client, url, "0", RESEAU_DAV_ASK_PRINCIPAL, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_REDIRECT);
  g_assert_null (multistatus);
  /* The first request and five redirects followed. */
  g_assert_cmpuint (mock_hits (mock, "/loop/"), ==, 6);
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 302);
}

static void
test_client_statuses (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new ("alice", "wrong");
  g_autoptr(GError) error = NULL;
  g_autofree char *unauthorized = mock_url (mock, "/unauthorized/");
  g_autofree char *precondition = mock_url (mock, "/precondition/card.vcf");
  g_autofree char *conflict = mock_url (mock, "/conflict/card.vcf");
  g_autofree char *insufficient = mock_url (mock, "/insufficient/card.vcf");
  g_autofree char *missing = mock_url (mock, "/nothing-here/");
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;

  multistatus = reseau_dav_client_propfind (client, unauthorized, "0", RESEAU_DAV_ASK_PRINCIPAL, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 401);
  /* Asked once: a 401 is an answer, not a reason to loop. */
  g_assert_cmpuint (mock_hits (mock, "/unauthorized/"), ==, 1);
  g_assert_null (strstr (error->message, "wrong"));
  g_clear_error (&error);

  /* If-Match failed; If-None-Match failed. */
  g_assert_false (reseau_dav_client_put (client, precondition, card, "\"old\"", NULL, NULL, NULL, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_PRECONDITION);
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 412);
  g_assert_cmpstr (mock->last_if_match, ==, "\"old\"");
  g_clear_error (&error);
  g_assert_false (reseau_dav_client_put (client, precondition, card, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_PRECONDITION);
  g_assert_null (mock->last_if_match);
  g_clear_error (&error);
  g_assert_false (reseau_dav_client_delete (client, precondition, "\"old\"", NULL, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_PRECONDITION);
  g_clear_error (&error);

  /* Radicale's answer to a UID already used at another name. */
  g_assert_false (reseau_dav_client_put (client, conflict, card, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_CONFLICT);
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 409);
  g_assert_nonnull (strstr (error->message, "no-uid-conflict"));
  g_assert_nonnull (strstr (error->message, "409"));
  g_clear_error (&error);

  g_assert_false (reseau_dav_client_put (client, insufficient, card, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_REFUSED);
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 507);
  g_clear_error (&error);

  multistatus = reseau_dav_client_propfind (client, missing, "0", RESEAU_DAV_ASK_PRINCIPAL, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_NOT_FOUND);
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 404);
  g_clear_error (&error);

  /* The status survives a copy (GTask hands errors on as copies). */
  {
    g_autoptr(GError) original = NULL;
    g_autoptr(GError) copy = NULL;

    g_assert_false (reseau_dav_client_put (client, conflict, card, NULL, NULL, NULL, NULL, &original));
    copy = g_error_copy (original);
    g_assert_cmpuint (reseau_dav_error_get_status (copy), ==, 409);
  }
}

static void
test_client_put_delete_get (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *weak = mock_url (mock, "/weak/card.vcf");
  g_autofree char *strong = mock_url (mock, "/strong/card.vcf");
  g_autofree char *gone = mock_url (mock, "/gone/card.vcf");
  g_autofree char *anne = mock_url (mock, "/card/anne.vcf");
  g_autofree char *chosen = mock_url (mock, "/strong/chosen-by-server.vcf");
  g_autofree char *etag = NULL;
  g_autofree char *location = NULL;
  g_autofree char *text = NULL;

  /* A weak ETag is no ETag of these bytes. */
  g_assert_true (reseau_dav_client_put (client, weak, card, NULL, &etag, &location, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (etag);
  g_assert_null (location);

  g_assert_true (reseau_dav_client_put (client, strong, card, "\"1\"", &etag, &location, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (etag, ==, "\"abc\"");
  g_assert_cmpstr (location, ==, chosen);

  /* Deleting what is already gone is what was asked. */
  g_assert_true (reseau_dav_client_delete (client, gone, "\"1\"", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mock->last_method, ==, "DELETE");
  g_assert_cmpstr (mock->last_if_match, ==, "\"1\"");

  g_clear_pointer (&etag, g_free);
  text = reseau_dav_client_get (client, anne, &etag, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:anne\r\nFN:Anne Lévy\r\nEND:VCARD\r\n");
  g_assert_cmpstr (etag, ==, "\"anne-1\"");
}

/* A TLS server with a self-signed certificate: `openssl s_server`, run as
 * a process of its own. Not a SoupServer in this process: glib-networking
 * would do the server's handshakes in GLib's thread pool, whose threads
 * outlive the test with GnuTLS's thread-local storage, and LeakSanitizer's
 * tracer crashes on that at exit (gcc 12). The certificate is made for
 * the test: a file kept in the tree would expire one day, or not be valid
 * yet on a machine with a skewed clock. */
static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
run_openssl (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &output, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("openssl: %s", output);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_client_tls (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *folder = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *accept = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new ("alice", "secret");
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed (Debian package openssl): no TLS server to test with");
      return;
    }

  folder = g_dir_make_tmp ("reseau-tls-XXXXXX", &error);
  g_assert_no_error (error);
  cert = g_build_filename (folder, "cert.pem", NULL);
  key = g_build_filename (folder, "key.pem", NULL);
  run_openssl ((const char *[]) { "openssl", "req", "-x509", "-newkey", "ec",
                                  "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                  "-days", "2", "-subj", "/CN=reseau-test.invalid",
                                  "-keyout", key, "-out", cert, NULL });

  port = free_port ();
  accept = g_strdup_printf ("127.0.0.1:%u", port);
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                             | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                             "openssl", "s_server", "-quiet", "-www", "-accept", accept,
                             "-cert", cert, "-key", key, NULL);
  g_assert_no_error (error);

  /* Wait until it listens: a plain TCP connection is accepted. */
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GSocketClient) probe = g_socket_client_new ();
      g_autoptr(GSocketConnection) connection = NULL;

      connection = g_socket_client_connect_to_host (probe, "127.0.0.1", port, NULL, NULL);
      if (connection != NULL)
        break;
      g_assert_cmpuint (attempt, <, 200);
      g_usleep (50 * 1000);
    }

  /* Never accepted, and the problems spelled out: unknown issuer, a
   * certificate made for another name. */
  url = g_strdup_printf ("https://127.0.0.1:%u/book/", port);
  multistatus = reseau_dav_client_propfind (client, url, "0", RESEAU_DAV_ASK_PRINCIPAL, NULL, &error);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_TLS);
  g_assert_null (multistatus);
  g_assert_cmpuint (reseau_dav_error_get_status (error), ==, 0);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "not signed by a known certificate authority"));
  g_assert_nonnull (strstr (error->message, "issued for another server name"));
  g_assert_nonnull (strstr (error->message, accept));
  g_assert_cmpuint (reseau_dav_client_get_n_requests (client), ==, 1);

  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
  g_unlink (cert);
  g_unlink (key);
  g_rmdir (folder);
}

static void
test_discover_without_principal (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new ("alice", "secret");
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, "/nopal/");
  g_autofree char *book_url = mock_url (mock, "/nopal/book/");
  g_autofree char *server = NULL;
  ReseauAddressBook *book;

  books = reseau_dav_discover (client, url, &server, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (books->len, ==, 1);
  book = g_ptr_array_index (books, 0);
  g_assert_cmpstr (book->url, ==, book_url);
  g_assert_cmpstr (book->display_name, ==, "Shared");
  g_assert_true (book->read_only);
  g_assert_false (book->supports_sync_collection);
  g_assert_cmpstr (server, ==, mock->base);
  /* The URL, its home set, then its members: nothing more. */
  g_assert_cmpuint (reseau_dav_client_get_n_requests (client), ==, 3);
}

typedef struct
{
  ReseauDavClient *client;
  const char      *url;
} ThreadCall;

static gpointer
propfind_in_thread (gpointer data)
{
  ThreadCall *call = data;
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;
  g_autoptr(GError) error = NULL;

  multistatus = reseau_dav_client_propfind (call->client, call->url, "0",
                                            RESEAU_DAV_ASK_PRINCIPAL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (multistatus);
  return NULL;
}

/* One client used from one thread after another (a sync per GTask
 * thread), made in the main thread and released there. */
static void
test_client_threads (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autofree char *url = mock_url (mock, "/ok/");
  ThreadCall call = { client, url };

  for (guint i = 0; i < 3; i++)
    g_thread_join (g_thread_new ("dav-caller", propfind_in_thread, &call));
  propfind_in_thread (&call);
  g_assert_cmpuint (reseau_dav_client_get_n_requests (client), ==, 4);
  g_assert_cmpuint (mock_hits (mock, "/ok/"), ==, 4);
}

static void
test_client_cancelled (void)
{
  g_autoptr(MockServer) mock = mock_start ();
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (NULL, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = mock_url (mock, "/ok/");
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;

  /* Cancellation is no DAV error: callers tell it apart. */
  g_cancellable_cancel (cancellable);
  multistatus = reseau_dav_client_propfind (client, url, "0", RESEAU_DAV_ASK_PRINCIPAL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (multistatus);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dav/xml/principal", test_xml_principal);
  g_test_add_func ("/dav/xml/home-set", test_xml_home_set);
  g_test_add_func ("/dav/xml/books/radicale", test_xml_books_radicale);
  g_test_add_func ("/dav/xml/books/xandikos", test_xml_books_xandikos);
  g_test_add_func ("/dav/xml/sync-collection", test_xml_sync_collection);
  g_test_add_func ("/dav/xml/multiget", test_xml_multiget);
  g_test_add_func ("/dav/xml/etags", test_xml_etags);
  g_test_add_func ("/dav/xml/quirks", test_xml_quirks);
  g_test_add_func ("/dav/xml/truncated", test_xml_truncated);
  g_test_add_func ("/dav/xml/refused", test_xml_refused);
  g_test_add_func ("/dav/xml/resolve", test_xml_resolve);

  g_test_add_func ("/dav/client/headers", test_client_headers);
  g_test_add_func ("/dav/client/multiget-body", test_client_multiget_body);
  g_test_add_func ("/dav/client/retry-after", test_client_retry_after);
  g_test_add_func ("/dav/client/retry-after-too-long", test_client_retry_after_too_long);
  g_test_add_func ("/dav/client/retry-after-cancelled", test_client_retry_after_cancelled);
  g_test_add_func ("/dav/client/backoff", test_client_backoff);
  g_test_add_func ("/dav/client/dropped", test_client_dropped);
  g_test_add_func ("/dav/client/stalled", test_client_stalled);
  g_test_add_func ("/dav/client/unreachable", test_client_unreachable);
  g_test_add_func ("/dav/client/malformed", test_client_malformed);
  g_test_add_func ("/dav/client/huge", test_client_huge);
  g_test_add_func ("/dav/client/gzip", test_client_gzip);
  g_test_add_data_func ("/dav/client/redirect-put/307", "/redirect-307/card.vcf", test_client_redirect_put);
  g_test_add_data_func ("/dav/client/redirect-put/308", "/redirect-308/card.vcf", test_client_redirect_put);
  g_test_add_func ("/dav/client/redirect-loop", test_client_redirect_loop);
  g_test_add_func ("/dav/client/statuses", test_client_statuses);
  g_test_add_func ("/dav/client/put-delete-get", test_client_put_delete_get);
  g_test_add_func ("/dav/client/cancelled", test_client_cancelled);
  g_test_add_func ("/dav/client/tls", test_client_tls);
  g_test_add_func ("/dav/client/threads", test_client_threads);
  g_test_add_func ("/dav/discovery/without-principal", test_discover_without_principal);

  return g_test_run ();
}
