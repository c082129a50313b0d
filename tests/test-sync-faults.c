/* test-sync-faults.c — the sync engine against a server that misbehaves
 *
 * Real servers cannot be made to truncate, stall, break a connection or
 * send garbage on demand. An in-process SoupServer plays a small CardDAV
 * address book instead, in a thread of its own (with its own main
 * context, since the engine's calls block the test's thread), and can be
 * told to:
 *   - page sync-collection answers (507 on the request URL), and fail a
 *     given sync-collection request;
 *   - answer 503 with Retry-After;
 *   - drop the connection in the middle of a multiget answer's body;
 *   - answer malformed XML;
 *   - redirect PUTs (307) to another path;
 *   - change a card, as another client would, just before our PUT or
 *     DELETE of it arrives (so that its If-Match fails).
 *
 * Its sync tokens are "http://fake.invalid/sync/N", N the number of
 * changes made to the book so far; every card remembers the change that
 * last touched it, and deleted cards stay as tombstones, so that the
 * changes since any token can be told.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "reseau-core.h"
#include "reseau-test-utils.h"

#define TOKEN_PREFIX "http://fake.invalid/sync/"

typedef struct
{
  char    *text;
  char    *etag;
  guint    seq;        /* the change that last touched it */
  gboolean deleted;
} FakeCard;

typedef struct
{
  GMutex        lock;
  GHashTable   *cards;            /* name (path below /book/) → FakeCard* */
  guint         seq;
  /* Behaviours, set by the tests. */
  guint         page_size;        /* sync-collection members per page; 0: all */
  guint         fail_sync_at;     /* answer the Nth sync-collection from now with 500 */
  guint         n_busy;           /* answer the next requests 503 + Retry-After: 1 */
  gboolean      drop_multiget;    /* close the connection in the middle of the body */
  gboolean      malformed;        /* sync-collection answers broken XML */
  gboolean      redirect_put;     /* PUT outside moved/ → 307 to moved/ */
  /* Another client changes the card (adds TITLE:Changed elsewhere) just
   * before a conditional PUT or DELETE of it arrives. */
  gboolean      change_before_write;
  char         *omit_once;        /* a card name the next multiget leaves out */
  /* What happened. */
  guint         n_sync_requests;
  guint         n_busy_answers;
  /* The server's thread. */
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GCond         ready_cond;
  guint16       port;
  char         *base_url;
  char         *book_url;
} FakeBook;

typedef struct
{
  char           *dir;
  ReseauDatabase *database;
  FakeBook       *fake;
  gint64          account_id;
  gint64          book_id;
} Fixture;

static void
fake_card_free (FakeCard *card)
{
  g_free (card->text);
  g_free (card->etag);
  g_free (card);
}

/* Callers hold the lock. */
static void
fake_store (FakeBook   *fake,
            const char *name,
            const char *text)
{
  FakeCard *card = g_new0 (FakeCard, 1);

  card->seq = ++fake->seq;
  card->text = g_strdup (text);
  card->etag = g_strdup_printf ("\"e%u\"", card->seq);
  g_hash_table_replace (fake->cards, g_strdup (name), card);
}

static void
fake_add_card (FakeBook   *fake,
               const char *name,
               const char *uid,
               const char *fn,
               const char *extra)
{
  g_autofree char *text = g_strdup_printf ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:%s\r\nFN:%s\r\n"
                                           "N:%s;;;;\r\n%sEND:VCARD\r\n",
                                           uid, fn, fn, extra != NULL ? extra : "");

  g_mutex_lock (&fake->lock);
  fake_store (fake, name, text);
  g_mutex_unlock (&fake->lock);
}

static guint
fake_count_live (FakeBook *fake)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_mutex_lock (&fake->lock);
  g_hash_table_iter_init (&iter, fake->cards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!((FakeCard *) value)->deleted)
      n++;
  g_mutex_unlock (&fake->lock);
  return n;
}

/* The server side ------------------------------------------------------------- */

static void
append_response (GString    *out,
                 const char *name,
                 FakeCard   *card,
                 gboolean    with_data)
{
  g_string_append_printf (out, "<d:response><d:href>/book/%s</d:href>", name);
  if (card == NULL || card->deleted)
    {
      g_string_append (out, "<d:status>HTTP/1.1 404 Not Found</d:status></d:response>\n");
      return;
    }
  g_string_append_printf (out, "<d:propstat><d:prop><d:getetag>%s</d:getetag>", card->etag);
  if (with_data)
    {
      g_autofree char *escaped = g_markup_escape_text (card->text, -1);

      g_string_append_printf (out, "<card:address-data>%s</card:address-data>", escaped);
    }
  g_string_append (out, "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
                        "</d:response>\n");
}

static GString *
multistatus_start (void)
{
  return g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                       "<d:multistatus xmlns:d=\"DAV:\" "
                       "xmlns:card=\"urn:ietf:params:xml:ns:carddav\">\n");
}

/* The text between <…name>…</…name> in body (any prefix), or NULL. */
static GPtrArray *
find_elements (const char *body,
               const char *name)
{
  g_autofree char *pattern = g_strdup_printf ("<(?:[A-Za-z0-9]+:)?%s(?:\\s[^>]*)?>([^<]*)<", name);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (regex, body, 0, &match);
  while (g_match_info_matches (match))
    {
      g_ptr_array_add (found, g_match_info_fetch (match, 1));
      g_match_info_next (match, NULL);
    }
  return found;
}

static gint
compare_by_seq (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  FakeBook *fake = user_data;
  FakeCard *ca = g_hash_table_lookup (fake->cards, *(const char * const *) a);
  FakeCard *cb = g_hash_table_lookup (fake->cards, *(const char * const *) b);

  return (gint) ca->seq - (gint) cb->seq;
}

static void
answer_sync_collection (FakeBook          *fake,
                        SoupServerMessage *msg,
                        const char        *body)
{
  g_autoptr(GPtrArray) tokens = find_elements (body, "sync-token");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) out = NULL;
  const char *token = tokens->len > 0 ? g_ptr_array_index (tokens, 0) : "";
  GHashTableIter iter;
  gpointer key, value;
  guint since = 0;
  guint until;
  guint n;

  fake->n_sync_requests++;
  if (fake->fail_sync_at > 0 && --fake->fail_sync_at == 0)
    {
      soup_server_message_set_status (msg, 500, NULL);
      return;
    }
  if (fake->malformed)
    {
      static const char broken[] = "<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\">"
                                   "<d:response><d:href>/book/a.vcf</d:href></d:resp";

      soup_server_message_set_status (msg, 207, NULL);
      soup_server_message_set_response (msg, "application/xml; charset=utf-8",
                                        SOUP_MEMORY_STATIC, broken, strlen (broken));
      return;
    }

  if (*token != '\0')
    {
      char *end = NULL;

      if (!g_str_has_prefix (token, TOKEN_PREFIX))
        {
          soup_server_message_set_status (msg, 403, NULL);
          return;
        }
      since = (guint) g_ascii_strtoull (token + strlen (TOKEN_PREFIX), &end, 10);
      if (end == NULL || *end != '\0' || since > fake->seq)
        {
          soup_server_message_set_status (msg, 403, NULL);
          return;
        }
    }

  g_hash_table_iter_init (&iter, fake->cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      FakeCard *card = value;

      if (card->seq <= since || (since == 0 && card->deleted))
        continue;
      g_ptr_array_add (names, key);
    }
  g_ptr_array_sort_with_data (names, compare_by_seq, fake);

  n = names->len;
  until = fake->seq;
  if (fake->page_size > 0 && n > fake->page_size)
    {
      n = fake->page_size;
      until = ((FakeCard *) g_hash_table_lookup (fake->cards,
                                                 g_ptr_array_index (names, n - 1)))->seq;
    }

  out = multistatus_start ();
  for (guint i = 0; i < n; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      append_response (out, name, g_hash_table_lookup (fake->cards, name), FALSE);
    }
  if (n < names->len)
    g_string_append (out, "<d:response><d:href>/book/</d:href>"
                          "<d:status>HTTP/1.1 507 Insufficient Storage</d:status></d:response>\n");
  g_string_append_printf (out, "<d:sync-token>" TOKEN_PREFIX "%u</d:sync-token>\n"
                               "</d:multistatus>\n", until);

  soup_server_message_set_status (msg, 207, NULL);
  soup_server_message_set_response (msg, "application/xml; charset=utf-8",
                                    SOUP_MEMORY_COPY, out->str, out->len);
}

static void
answer_multiget (FakeBook          *fake,
                 SoupServerMessage *msg,
                 const char        *body)
{
  g_autoptr(GPtrArray) hrefs = find_elements (body, "href");
  g_autoptr(GString) out = multistatus_start ();

  for (guint i = 0; i < hrefs->len; i++)
    {
      const char *href = g_ptr_array_index (hrefs, i);
      const char *name = strstr (href, "/book/");

      if (name == NULL)
        continue;
      name += strlen ("/book/");
      if (g_strcmp0 (name, fake->omit_once) == 0)
        {
          g_clear_pointer (&fake->omit_once, g_free);
          continue;
        }
      append_response (out, name, g_hash_table_lookup (fake->cards, name), TRUE);
    }
  g_string_append (out, "</d:multistatus>\n");

  if (fake->drop_multiget)
    {
      /* Headers that promise the whole body, half of it, then nothing. */
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
      g_autofree char *head = g_strdup_printf ("HTTP/1.1 207 Multi-Status\r\n"
                                               "Content-Type: application/xml; charset=utf-8\r\n"
                                               "Content-Length: %zu\r\n\r\n", out->len);
      GOutputStream *output = g_io_stream_get_output_stream (stream);

      g_output_stream_write_all (output, head, strlen (head), NULL, NULL, NULL);
      g_output_stream_write_all (output, out->str, out->len / 2, NULL, NULL, NULL);
      g_io_stream_close (stream, NULL, NULL);
      return;
    }

  soup_server_message_set_status (msg, 207, NULL);
  soup_server_message_set_response (msg, "application/xml; charset=utf-8",
                                    SOUP_MEMORY_COPY, out->str, out->len);
}

static void
answer_card (FakeBook          *fake,
             SoupServerMessage *msg,
             const char        *method,
             const char        *name,
             const char        *body)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *if_match = soup_message_headers_get_one (request_headers, "If-Match");
  const char *if_none_match = soup_message_headers_get_one (request_headers, "If-None-Match");
  FakeCard *card = g_hash_table_lookup (fake->cards, name);
  gboolean exists = card != NULL && !card->deleted;

  if (fake->change_before_write && exists && if_match != NULL
      && (strcmp (method, "PUT") == 0 || strcmp (method, "DELETE") == 0))
    {
      GString *changed = g_string_new (card->text);
      char *end = strstr (changed->str, "END:VCARD");

      g_string_insert (changed, end - changed->str, "TITLE:Changed elsewhere\r\n");
      fake->change_before_write = FALSE;
      fake_store (fake, name, changed->str);
      g_string_free (changed, TRUE);
      card = g_hash_table_lookup (fake->cards, name);
    }

  if (strcmp (method, "GET") == 0)
    {
      if (!exists)
        {
          soup_server_message_set_status (msg, 404, NULL);
          return;
        }
      soup_message_headers_replace (response_headers, "ETag", card->etag);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/vcard; charset=utf-8", SOUP_MEMORY_COPY,
                                        card->text, strlen (card->text));
      return;
    }

  if ((if_none_match != NULL && exists)
      || (if_match != NULL && (!exists || strcmp (if_match, card->etag) != 0)))
    {
      soup_server_message_set_status (msg, 412, NULL);
      return;
    }

  if (strcmp (method, "PUT") == 0)
    {
      if (fake->redirect_put && !g_str_has_prefix (name, "moved/"))
        {
          g_autofree char *target = g_strdup_printf ("/book/moved/%s", name);

          soup_message_headers_replace (response_headers, "Location", target);
          soup_server_message_set_status (msg, 307, NULL);
          return;
        }
      fake_store (fake, name, body);
      card = g_hash_table_lookup (fake->cards, name);
      soup_message_headers_replace (response_headers, "ETag", card->etag);
      soup_server_message_set_status (msg, exists ? 204 : 201, NULL);
      return;
    }

  if (strcmp (method, "DELETE") == 0)
    {
      if (exists)
        {
          card->deleted = TRUE;
          card->seq = ++fake->seq;
        }
      soup_server_message_set_status (msg, exists ? 204 : 404, NULL);
      return;
    }

  soup_server_message_set_status (msg, 405, NULL);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  FakeBook *fake = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) body_bytes = soup_message_body_flatten (request_body);
  g_autofree char *body = g_strndup (g_bytes_get_data (body_bytes, NULL),
                                     g_bytes_get_size (body_bytes));

  g_mutex_lock (&fake->lock);

  if (fake->n_busy > 0)
    {
      fake->n_busy--;
      fake->n_busy_answers++;
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "1");
      soup_server_message_set_status (msg, 503, NULL);
    }
  else if (strcmp (path, "/book/") == 0 && strcmp (method, "REPORT") == 0)
    {
      if (strstr (body, "sync-collection") != NULL)
        answer_sync_collection (fake, msg, body);
      else if (strstr (body, "addressbook-multiget") != NULL)
        answer_multiget (fake, msg, body);
      else
        soup_server_message_set_status (msg, 501, NULL);
    }
  else if (g_str_has_prefix (path, "/book/") && strlen (path) > strlen ("/book/"))
    answer_card (fake, msg, method, path + strlen ("/book/"), body);
  else
    soup_server_message_set_status (msg, 404, NULL);

  g_mutex_unlock (&fake->lock);
}

static gpointer
fake_thread (gpointer user_data)
{
  FakeBook *fake = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;

  g_main_context_push_thread_default (fake->context);

  server = soup_server_new ("server-header", "fake-carddav", NULL);
  soup_server_add_handler (server, NULL, handle_request, fake, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&fake->lock);
  fake->port = (guint16) g_uri_get_port (uris->data);
  g_cond_signal (&fake->ready_cond);
  g_mutex_unlock (&fake->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (fake->loop);

  soup_server_disconnect (server);
  g_main_context_pop_thread_default (fake->context);
  return NULL;
}

static FakeBook *
fake_book_start (void)
{
  FakeBook *fake = g_new0 (FakeBook, 1);

  g_mutex_init (&fake->lock);
  g_cond_init (&fake->ready_cond);
  fake->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) fake_card_free);
  fake->context = g_main_context_new ();
  fake->loop = g_main_loop_new (fake->context, FALSE);

  g_mutex_lock (&fake->lock);
  fake->thread = g_thread_new ("fake-carddav", fake_thread, fake);
  while (fake->port == 0)
    g_cond_wait (&fake->ready_cond, &fake->lock);
  g_mutex_unlock (&fake->lock);

  fake->base_url = g_strdup_printf ("http://127.0.0.1:%u/", fake->port);
  fake->book_url = g_strdup_printf ("http://127.0.0.1:%u/book/", fake->port);
  return fake;
}

static void
fake_book_stop (FakeBook *fake)
{
  g_main_loop_quit (fake->loop);
  g_thread_join (fake->thread);
  g_main_loop_unref (fake->loop);
  g_main_context_unref (fake->context);
  g_hash_table_unref (fake->cards);
  g_mutex_clear (&fake->lock);
  g_cond_clear (&fake->ready_cond);
  g_free (fake->omit_once);
  g_free (fake->base_url);
  g_free (fake->book_url);
  g_free (fake);
}

/* The fixture ------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauAccount) account = NULL;
  g_autoptr(GPtrArray) books = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_address_book_free);
  g_autofree char *path = NULL;
  ReseauAddressBook *book;

  /* Stalls fail in seconds; one Retry-After of a second is waited. */
  reseau_sync_set_client_limits (10, 2);

  f->fake = fake_book_start ();
  f->dir = reseau_test_make_temp_dir ();
  path = g_build_filename (f->dir, "reseau.db", NULL);
  f->database = reseau_database_new (path);
  reseau_database_open (f->database, &error);
  g_assert_no_error (error);

  account = reseau_account_new (f->fake->base_url, "alice");
  book = reseau_address_book_new (f->fake->book_url);
  book->enabled = TRUE;
  book->supports_sync_collection = TRUE;
  book->vcard_version = RESEAU_VCARD_VERSION_3_0;
  g_ptr_array_add (books, book);
  reseau_database_add_account (f->database, account, books, &error);
  g_assert_no_error (error);
  f->account_id = account->id;
  f->book_id = book->id;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->database);
  g_clear_pointer (&f->fake, fake_book_stop);
  reseau_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
run_sync (Fixture          *f,
          ReseauSyncStats  *stats,
          GError          **error)
{
  reseau_sync_stats_clear (stats);
  reseau_sync_stats_init (stats);
  /* No authentication on the fake server: no password. */
  return reseau_sync_account (f->database, f->account_id, NULL, RESEAU_SYNC_FLAGS_NONE,
                              NULL, NULL, stats, NULL, error);
}

static guint
local_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = reseau_database_list_summaries (f->database, &error);

  g_assert_no_error (error);
  return summaries->len;
}

static ReseauAddressBook *
load_book (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) books = reseau_database_list_address_books (f->database, f->account_id,
                                                                    &error);

  g_assert_no_error (error);
  return reseau_address_book_copy (g_ptr_array_index (books, 0));
}

static void
assert_token (Fixture *f,
              guint    seq)
{
  g_autoptr(ReseauAddressBook) book = load_book (f);
  g_autofree char *expected = g_strdup_printf (TOKEN_PREFIX "%u", seq);

  g_assert_cmpstr (book->sync_token, ==, expected);
}

static void
add_cards (Fixture *f,
           guint    first,
           guint    n)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%u.vcf", i);
      g_autofree char *uid = g_strdup_printf ("uid-%u", i);
      g_autofree char *fn = g_strdup_printf ("Person%u", i);

      fake_add_card (f->fake, name, uid, fn, NULL);
    }
}

/* Tests -------------------------------------------------------------------------- */

/* A full listing in pages: every page applied, the last token kept. */
static void
test_truncated_initial (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauAddressBook) book = NULL;
  ReseauSyncStats stats = { 0 };

  add_cards (f, 0, 5);
  f->fake->page_size = 2;

  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->fake->n_sync_requests, ==, 3);
  g_assert_cmpuint (stats.downloaded, ==, 5);
  g_assert_cmpuint (local_count (f), ==, 5);
  assert_token (f, 5);
  book = load_book (f);
  g_assert_true (book->initial_sync_done);

  reseau_sync_stats_clear (&stats);
}

/* Incremental pages: page 1 is committed with its token; a failure on
 * page 2 leaves exactly that, and the next sync goes on from there. */
static void
test_truncated_failure (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ReseauSyncStats stats = { 0 };

  add_cards (f, 0, 1);
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  assert_token (f, 1);

  add_cards (f, 1, 4);
  f->fake->page_size = 2;
  f->fake->fail_sync_at = 2;
  f->fake->n_sync_requests = 0;
  g_assert_false (run_sync (f, &stats, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_cmpuint (f->fake->n_sync_requests, ==, 2);
  g_assert_cmpuint (local_count (f), ==, 3);
  assert_token (f, 3);

  f->fake->n_sync_requests = 0;
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  /* From page 1's token: pages 2 and nothing more. */
  g_assert_cmpuint (f->fake->n_sync_requests, ==, 1);
  g_assert_cmpuint (stats.downloaded, ==, 2);
  g_assert_cmpuint (local_count (f), ==, 5);
  assert_token (f, 5);

  reseau_sync_stats_clear (&stats);
}

static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ReseauSyncStats stats = { 0 };

  add_cards (f, 0, 2);
  f->fake->n_busy = 1;

  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->fake->n_busy_answers, ==, 1);
  g_assert_cmpuint (local_count (f), ==, 2);
  /* The 503, the sync-collection again, the multiget. */
  g_assert_cmpuint (stats.requests, ==, 3);

  reseau_sync_stats_clear (&stats);
}

static void
test_dropped_connection (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  ReseauSyncStats stats = { 0 };

  add_cards (f, 0, 2);
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  before = reseau_database_list_synced_cards (f->database, f->book_id, &error);
  g_assert_no_error (error);

  add_cards (f, 2, 3);
  f->fake->drop_multiget = TRUE;
  g_assert_false (run_sync (f, &stats, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_cmpuint (local_count (f), ==, 2);
  assert_token (f, 2);
  after = reseau_database_list_synced_cards (f->database, f->book_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);

  f->fake->drop_multiget = FALSE;
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (local_count (f), ==, 5);
  assert_token (f, 5);

  reseau_sync_stats_clear (&stats);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauAccount) account = NULL;
  g_autofree char *host = NULL;
  ReseauSyncStats stats = { 0 };

  add_cards (f, 0, 2);
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);

  add_cards (f, 2, 1);
  f->fake->malformed = TRUE;
  g_assert_false (run_sync (f, &stats, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_MALFORMED);
  host = g_strdup_printf ("127.0.0.1:%u", f->fake->port);
  g_assert_nonnull (strstr (error->message, host));
  g_assert_cmpuint (local_count (f), ==, 2);
  assert_token (f, 2);

  account = reseau_database_get_account (f->database, f->account_id, NULL);
  g_assert_nonnull (account);
  g_assert_cmpstr (account->last_error, ==, error->message);

  reseau_sync_stats_clear (&stats);
}

/* About 10 MB of multistatus: cards with big photos. */
static void
test_big_answer (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauContact) contact = NULL;
  GBytes *photo;
  g_autofree guchar *pixels = g_malloc (256 * 1024);
  g_autofree char *encoded = NULL;
  ReseauSyncStats stats = { 0 };

  /* Not a real image; the sync carries bytes, it does not decode them. */
  for (gsize i = 0; i < 256 * 1024; i++)
    pixels[i] = (guchar) g_random_int ();
  pixels[0] = 0xff;
  pixels[1] = 0xd8;
  encoded = g_base64_encode (pixels, 256 * 1024);

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("big%u.vcf", i);
      g_autofree char *uid = g_strdup_printf ("uid-big-%u", i);
      g_autofree char *fn = g_strdup_printf ("Big%u", i);
      g_autofree char *extra = g_strdup_printf ("PHOTO;ENCODING=b;TYPE=JPEG:%s\r\n", encoded);

      fake_add_card (f->fake, name, uid, fn, extra);
    }

  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.downloaded, ==, 30);
  g_assert_cmpuint (local_count (f), ==, 30);
  contact = reseau_database_load_contact (f->database, "uid-big-7", &error);
  g_assert_no_error (error);
  photo = reseau_contact_get_photo (contact);
  g_assert_nonnull (photo);
  g_assert_cmpuint (g_bytes_get_size (photo), ==, 256 * 1024);

  reseau_sync_stats_clear (&stats);
}

static void
test_redirected_put (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *prefix = NULL;
  ReseauSyncedCard *row;
  FakeCard *card;
  ReseauSyncStats stats = { 0 };

  reseau_contact_set_full_name (contact, "Denis Roux");
  reseau_database_save_contact (f->database, contact, &error);
  g_assert_no_error (error);
  f->fake->redirect_put = TRUE;

  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  g_assert_cmpuint (fake_count_live (f->fake), ==, 1);

  rows = reseau_database_list_synced_cards (f->database, f->book_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  prefix = g_strconcat (f->fake->book_url, "moved/", NULL);
  g_assert_true (g_str_has_prefix (row->href, prefix));
  card = g_hash_table_lookup (f->fake->cards, row->href + strlen (f->fake->book_url));
  g_assert_nonnull (card);
  g_assert_cmpstr (row->etag, ==, card->etag);

  /* Converged: nothing to fetch, nothing to send. */
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.requests, ==, 1);
  g_assert_cmpuint (stats.uploaded + stats.downloaded, ==, 0);

  reseau_sync_stats_clear (&stats);
}

static void
set_book (Fixture  *f,
          gboolean  enabled,
          gboolean  read_only,
          gint64    max_resource_size,
          guint     token_seq)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauAddressBook) book = load_book (f);

  book->enabled = enabled;
  book->read_only = read_only;
  book->max_resource_size = max_resource_size;
  if (token_seq > 0)
    {
      g_free (book->sync_token);
      book->sync_token = g_strdup_printf (TOKEN_PREFIX "%u", token_seq);
    }
  reseau_database_save_address_book (f->database, book, &error);
  g_assert_no_error (error);
}

static char *
add_local (Fixture    *f,
           const char *name,
           const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauContact) contact = reseau_contact_new ();

  reseau_contact_set_full_name (contact, name);
  reseau_contact_set_note (contact, note);
  reseau_database_save_contact (f->database, contact, &error);
  g_assert_no_error (error);
  return g_strdup (reseau_contact_get_uid (contact));
}

static void
set_local_note (Fixture    *f,
                const char *uid,
                const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauContact) contact = reseau_database_load_contact (f->database, uid, &error);

  g_assert_no_error (error);
  reseau_contact_set_note (contact, note);
  reseau_contact_refresh_vcard (contact);
  reseau_database_save_contact (f->database, contact, &error);
  g_assert_no_error (error);
}

/* A card the multiget answer leaves out (Google and Zoho do) comes at the
 * next sync: the token is not moved past it. */
static void
test_missing_from_multiget (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ReseauSyncStats stats = { 0 };

  add_cards (f, 0, 1);
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  assert_token (f, 1);

  add_cards (f, 1, 3);
  f->fake->omit_once = g_strdup ("c2.vcf");
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.skipped, ==, 1);
  g_assert_cmpuint (stats.downloaded, ==, 2);
  g_assert_cmpuint (local_count (f), ==, 3);
  assert_token (f, 1);

  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.skipped, ==, 0);
  g_assert_cmpuint (stats.downloaded, ==, 1);
  g_assert_cmpuint (local_count (f), ==, 4);
  assert_token (f, 4);

  reseau_sync_stats_clear (&stats);
}

/* A card without UID gets one here; its href keeps the link, so that it
 * is neither duplicated nor sent as a new card. */
static void
test_card_without_uid (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  ReseauSyncedCard *row;
  FakeCard *card;
  ReseauSyncStats stats = { 0 };

  g_mutex_lock (&f->fake->lock);
  fake_store (f->fake, "nouid.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sans Identifiant\r\n"
                                    "N:Identifiant;Sans;;;\r\nEND:VCARD\r\n");
  g_mutex_unlock (&f->fake->lock);

  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (local_count (f), ==, 1);
  rows = reseau_database_list_synced_cards (f->database, f->book_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);

  set_local_note (f, row->uid, "vue ici");
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  g_assert_cmpuint (fake_count_live (f->fake), ==, 1);
  card = g_hash_table_lookup (f->fake->cards, "nouid.vcf");
  g_assert_nonnull (strstr (card->text, "NOTE:vue ici"));

  /* A full listing (the token refused) links it again by its href. */
  {
    g_autoptr(ReseauAddressBook) book = load_book (f);

    g_free (book->sync_token);
    book->sync_token = g_strdup ("refused-token");
    reseau_database_save_address_book (f->database, book, &error);
    g_assert_no_error (error);
  }
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (local_count (f), ==, 1);
  g_assert_cmpuint (fake_count_live (f->fake), ==, 1);
  g_assert_cmpuint (stats.uploaded + stats.downloaded + stats.deleted, ==, 0);

  reseau_sync_stats_clear (&stats);
}

/* A full listing that comes back empty while cards were synced: the
 * safety valve, however few they are. */
static void
test_empty_listing (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;
  ReseauSyncStats stats = { 0 };

  add_cards (f, 0, 3);
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);

  /* The book emptied, and our token refused: only a full listing is left. */
  g_mutex_lock (&f->fake->lock);
  g_hash_table_iter_init (&iter, f->fake->cards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ((FakeCard *) value)->deleted = TRUE;
      ((FakeCard *) value)->seq = ++f->fake->seq;
    }
  g_mutex_unlock (&f->fake->lock);
  {
    g_autoptr(ReseauAddressBook) book = load_book (f);

    g_free (book->sync_token);
    book->sync_token = g_strdup ("refused-token");
    reseau_database_save_address_book (f->database, book, &error);
    g_assert_no_error (error);
  }

  g_assert_false (run_sync (f, &stats, &error));
  g_assert_error (error, RESEAU_SYNC_ERROR, RESEAU_SYNC_ERROR_MASS_DELETION);
  g_clear_error (&error);
  g_assert_cmpuint (local_count (f), ==, 3);

  reseau_sync_stats_clear (&stats);
  reseau_sync_stats_init (&stats);
  g_assert_true (reseau_sync_account (f->database, f->account_id, NULL,
                                      RESEAU_SYNC_ALLOW_MASS_DELETION, NULL, NULL, &stats,
                                      NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.deleted, ==, 3);
  g_assert_cmpuint (local_count (f), ==, 0);

  reseau_sync_stats_clear (&stats);
}

/* Changed there between our pull and our PUT: 412, GET, merge, PUT again;
 * both edits end up on both sides. */
static void
test_put_precondition (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauContact) contact = NULL;
  FakeCard *card;
  ReseauSyncStats stats = { 0 };

  fake_add_card (f->fake, "anne.vcf", "uid-anne", "Anne", NULL);
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);

  set_local_note (f, "uid-anne", "vue ici");
  f->fake->change_before_write = TRUE;
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  g_assert_cmpuint (stats.conflicts, ==, 0);

  card = g_hash_table_lookup (f->fake->cards, "anne.vcf");
  g_assert_nonnull (strstr (card->text, "NOTE:vue ici"));
  g_assert_nonnull (strstr (card->text, "TITLE:Changed elsewhere"));
  contact = reseau_database_load_contact (f->database, "uid-anne", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_title (contact), ==, "Changed elsewhere");
  g_assert_cmpstr (reseau_contact_get_note (contact), ==, "vue ici");

  g_assert_true (run_sync (f, &stats, &error));
  g_assert_cmpuint (stats.requests, ==, 1);
  g_assert_cmpuint (stats.uploaded + stats.downloaded, ==, 0);

  reseau_sync_stats_clear (&stats);
}

/* Deleted here, changed there between our pull and our DELETE: the
 * changed card is not deleted, and comes back here. */
static void
test_delete_precondition (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauContact) contact = NULL;
  ReseauSyncStats stats = { 0 };

  fake_add_card (f->fake, "anne.vcf", "uid-anne", "Anne", NULL);
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);

  reseau_database_delete_contact (f->database, "uid-anne", &error);
  g_assert_no_error (error);
  f->fake->change_before_write = TRUE;
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.deleted, ==, 0);
  g_assert_cmpuint (stats.problems->len, ==, 1);
  g_assert_cmpuint (fake_count_live (f->fake), ==, 1);
  contact = reseau_database_load_contact (f->database, "uid-anne", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_title (contact), ==, "Changed elsewhere");

  g_assert_true (run_sync (f, &stats, &error));
  g_assert_cmpuint (stats.uploaded + stats.downloaded + stats.deleted, ==, 0);
  g_assert_cmpuint (fake_count_live (f->fake), ==, 1);

  reseau_sync_stats_clear (&stats);
}

/* A card PUT before a crash, whose row was never recorded, and which the
 * stored token already covers: the new card's name is taken (412) by the
 * card itself, which is linked, not duplicated. */
static void
test_name_taken_by_itself (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *name = NULL;
  ReseauSyncStats stats = { 0 };

  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);

  uid = add_local (f, "Denis", "d’ici");
  name = g_strconcat (uid + strlen ("urn:uuid:"), ".vcf", NULL);
  fake_add_card (f->fake, name, uid, "Denis", "NOTE:d’ici\r\n");
  set_book (f, TRUE, FALSE, 0, f->fake->seq);

  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake_count_live (f->fake), ==, 1);
  g_assert_cmpuint (local_count (f), ==, 1);
  rows = reseau_database_list_synced_cards (f->database, f->book_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (g_str_has_suffix (((ReseauSyncedCard *) g_ptr_array_index (rows, 0))->href,
                                   name));

  g_assert_true (run_sync (f, &stats, &error));
  g_assert_cmpuint (stats.uploaded + stats.downloaded, ==, 0);
  g_assert_cmpuint (fake_count_live (f->fake), ==, 1);

  reseau_sync_stats_clear (&stats);
}

/* Edits to a read-only book are not sent: one problem says so, and the
 * server's cards still come. */
static void
test_read_only_book (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  FakeCard *card;
  ReseauSyncStats stats = { 0 };

  fake_add_card (f->fake, "anne.vcf", "uid-anne", "Anne", NULL);
  set_book (f, TRUE, TRUE, 0, 0);
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.downloaded, ==, 1);

  set_local_note (f, "uid-anne", "modifiée ici");
  fake_add_card (f->fake, "bruno.vcf", "uid-bruno", "Bruno", NULL);
  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.downloaded, ==, 1);
  g_assert_cmpuint (stats.uploaded, ==, 0);
  g_assert_cmpuint (stats.problems->len, ==, 1);
  card = g_hash_table_lookup (f->fake->cards, "anne.vcf");
  g_assert_null (strstr (card->text, "modifiée"));
  g_assert_cmpuint (local_count (f), ==, 2);

  reseau_sync_stats_clear (&stats);
}

/* A card above the book's max-resource-size is not sent: one problem
 * naming the contact, and the others go up. */
static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_note = g_strnfill (4000, 'x');
  g_autofree char *small = NULL;
  g_autofree char *big = NULL;
  ReseauProblem *problem;
  ReseauSyncStats stats = { 0 };

  set_book (f, TRUE, FALSE, 1000, 0);
  small = add_local (f, "Petit", "court");
  big = add_local (f, "Grand", long_note);

  g_assert_true (run_sync (f, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  g_assert_cmpuint (stats.problems->len, ==, 1);
  problem = g_ptr_array_index (stats.problems, 0);
  g_assert_cmpstr (problem->subject, ==, "Grand");
  g_assert_cmpuint (fake_count_live (f->fake), ==, 1);

  reseau_sync_stats_clear (&stats);
}

static void
test_no_book (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauAccount) account = NULL;
  ReseauSyncStats stats = { 0 };

  set_book (f, FALSE, FALSE, 0, 0);
  g_assert_false (run_sync (f, &stats, &error));
  g_assert_error (error, RESEAU_SYNC_ERROR, RESEAU_SYNC_ERROR_NO_ADDRESS_BOOK);
  g_assert_cmpuint (stats.requests, ==, 0);
  account = reseau_database_get_account (f->database, f->account_id, NULL);
  g_assert_cmpstr (account->last_error, ==, error->message);

  reseau_sync_stats_clear (&stats);
}

/* Stopped by the user: not a failure to report. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ReseauAccount) account = NULL;
  ReseauSyncStats stats = { 0 };

  fake_add_card (f->fake, "anne.vcf", "uid-anne", "Anne", NULL);
  g_cancellable_cancel (cancellable);
  reseau_sync_stats_init (&stats);
  g_assert_false (reseau_sync_account (f->database, f->account_id, NULL,
                                       RESEAU_SYNC_FLAGS_NONE, NULL, NULL, &stats,
                                       cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (local_count (f), ==, 0);
  account = reseau_database_get_account (f->database, f->account_id, NULL);
  g_assert_null (account->last_error);

  reseau_sync_stats_clear (&stats);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-faults/truncated-initial", Fixture, NULL,
              fixture_set_up, test_truncated_initial, fixture_tear_down);
  g_test_add ("/sync-faults/truncated-failure", Fixture, NULL,
              fixture_set_up, test_truncated_failure, fixture_tear_down);
  g_test_add ("/sync-faults/retry-after", Fixture, NULL,
              fixture_set_up, test_retry_after, fixture_tear_down);
  g_test_add ("/sync-faults/dropped-connection", Fixture, NULL,
              fixture_set_up, test_dropped_connection, fixture_tear_down);
  g_test_add ("/sync-faults/malformed", Fixture, NULL,
              fixture_set_up, test_malformed, fixture_tear_down);
  g_test_add ("/sync-faults/big-answer", Fixture, NULL,
              fixture_set_up, test_big_answer, fixture_tear_down);
  g_test_add ("/sync-faults/redirected-put", Fixture, NULL,
              fixture_set_up, test_redirected_put, fixture_tear_down);
  g_test_add ("/sync-faults/missing-from-multiget", Fixture, NULL,
              fixture_set_up, test_missing_from_multiget, fixture_tear_down);
  g_test_add ("/sync-faults/card-without-uid", Fixture, NULL,
              fixture_set_up, test_card_without_uid, fixture_tear_down);
  g_test_add ("/sync-faults/empty-listing", Fixture, NULL,
              fixture_set_up, test_empty_listing, fixture_tear_down);
  g_test_add ("/sync-faults/put-precondition", Fixture, NULL,
              fixture_set_up, test_put_precondition, fixture_tear_down);
  g_test_add ("/sync-faults/delete-precondition", Fixture, NULL,
              fixture_set_up, test_delete_precondition, fixture_tear_down);
  g_test_add ("/sync-faults/name-taken-by-itself", Fixture, NULL,
              fixture_set_up, test_name_taken_by_itself, fixture_tear_down);
  g_test_add ("/sync-faults/read-only-book", Fixture, NULL,
              fixture_set_up, test_read_only_book, fixture_tear_down);
  g_test_add ("/sync-faults/too-large", Fixture, NULL,
              fixture_set_up, test_too_large, fixture_tear_down);
  g_test_add ("/sync-faults/no-book", Fixture, NULL,
              fixture_set_up, test_no_book, fixture_tear_down);
  g_test_add ("/sync-faults/cancelled", Fixture, NULL,
              fixture_set_up, test_cancelled, fixture_tear_down);

  return g_test_run ();
}
