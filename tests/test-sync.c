/* test-sync.c — two-way sync against real CardDAV servers
 *
 * Each test starts its own Radicale (htpasswd authentication) or Xandikos
 * on a free loopback port with a temporary storage folder
 * (reseau-test-servers.h), a fresh database with one account, and plays
 * "the other client" with a ReseauDavClient of its own: it seeds, edits and
 * deletes cards on the server the way a phone would. Requests are counted,
 * never timed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "reseau-core.h"
#include "reseau-test-servers.h"
#include "reseau-test-utils.h"

typedef struct
{
  char             *dir;
  ReseauDatabase   *database;
  ReseauTestServer *server;
  ReseauDavClient  *phone;        /* the other client */
  gint64            account_id;
  gint64            book_id;
} Fixture;

#define NEEDS_SERVER(f) G_STMT_START { if ((f)->server == NULL) return; } G_STMT_END

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauAccount) account = NULL;
  g_autoptr(GPtrArray) books = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_address_book_free);
  g_autofree char *path = NULL;
  ReseauAddressBook *book;

  f->server = reseau_test_server_start (GPOINTER_TO_INT (data));
  if (f->server == NULL)
    return;

  f->dir = reseau_test_make_temp_dir ();
  path = g_build_filename (f->dir, "reseau.db", NULL);
  f->database = reseau_database_new (path);
  reseau_database_open (f->database, &error);
  g_assert_no_error (error);

  f->phone = reseau_dav_client_new (f->server->password != NULL ? f->server->user : NULL,
                                    f->server->password);

  account = reseau_account_new (f->server->base_url, f->server->user);
  book = reseau_address_book_new (f->server->book_url);
  book->display_name = g_strdup ("Contacts");
  book->enabled = TRUE;
  book->supports_sync_collection = TRUE;
  book->vcard_version = RESEAU_VCARD_VERSION_3_0;
  g_ptr_array_add (books, book);
  reseau_database_add_account (f->database, account, books, &error);
  g_assert_no_error (error);
  f->account_id = account->id;
  f->book_id = book->id;
  g_assert_cmpint (f->account_id, >, 0);
  g_assert_cmpint (f->book_id, >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->phone);
  g_clear_object (&f->database);
  g_clear_pointer (&f->server, reseau_test_server_stop);
  if (f->dir != NULL)
    reseau_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Helpers ------------------------------------------------------------------- */

static gboolean
run_sync (Fixture          *f,
          const char       *password,
          ReseauSyncFlags   flags,
          ReseauSyncStats  *stats,
          GError          **error)
{
  reseau_sync_stats_clear (stats);
  reseau_sync_stats_init (stats);
  return reseau_sync_account (f->database, f->account_id, password, flags,
                              NULL, NULL, stats, NULL, error);
}

static void
sync_ok (Fixture         *f,
         ReseauSyncStats *stats)
{
  g_autoptr(GError) error = NULL;

  run_sync (f, f->server->password, RESEAU_SYNC_FLAGS_NONE, stats, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stats->problems->len; i++)
    {
      g_autofree char *text = reseau_problem_format (g_ptr_array_index (stats->problems, i));

      g_test_message ("problem: %s", text);
    }
}

static char *
card_url (Fixture    *f,
          const char *name)
{
  /* NULL when the test skips for want of a server. */
  if (f->server == NULL)
    return NULL;
  return g_strconcat (f->server->book_url, name, NULL);
}

static char *
make_card (const char *uid,
           const char *fn,
           const char *extra)
{
  g_auto(GStrv) parts = g_strsplit (fn, " ", 2);

  return g_strdup_printf ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:%s\r\nFN:%s\r\nN:%s;%s;;;\r\n"
                          "%sEND:VCARD\r\n",
                          uid, fn, parts[1] != NULL ? parts[1] : "", parts[0],
                          extra != NULL ? extra : "");
}

/* The other client creates or replaces a card; returns its new ETag. */
static char *
phone_put (Fixture    *f,
           const char *name,
           const char *card,
           const char *if_match)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = card_url (f, name);
  char *etag = NULL;

  reseau_dav_client_put (f->phone, url, card, if_match, &etag, NULL, NULL, &error);
  g_assert_no_error (error);
  if (etag == NULL)
    {
      g_autofree char *text = reseau_dav_client_get (f->phone, url, &etag, NULL, &error);

      g_assert_no_error (error);
    }
  return etag;
}

static void
phone_seed (Fixture    *f,
            const char *name,
            const char *uid,
            const char *fn,
            const char *extra)
{
  g_autofree char *card = make_card (uid, fn, extra);
  g_autofree char *etag = phone_put (f, name, card, NULL);
}

/* The card's text on the server, NULL when there is none. */
static char *
phone_get (Fixture    *f,
           const char *url,
           char      **etag)
{
  g_autoptr(GError) error = NULL;
  char *text = reseau_dav_client_get (f->phone, url, etag, NULL, &error);

  if (g_error_matches (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_NOT_FOUND))
    return NULL;
  g_assert_no_error (error);
  return text;
}

static void
phone_delete (Fixture    *f,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = card_url (f, name);

  reseau_dav_client_delete (f->phone, url, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* The cards on the server: href → text. */
static GHashTable *
phone_list (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauDavMultistatus) listing = NULL;
  GHashTable *cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  listing = reseau_dav_client_propfind (f->phone, f->server->book_url, "1",
                                        RESEAU_DAV_ASK_ETAGS, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < listing->responses->len; i++)
    {
      ReseauDavResource *resource = g_ptr_array_index (listing->responses, i);

      if (resource->is_collection || resource->status == 404)
        continue;
      g_hash_table_insert (cards, g_strdup (resource->href),
                           phone_get (f, resource->href, NULL));
    }
  return cards;
}

/* The server's card with that UID, or NULL; asserts there is at most one. */
static char *
phone_find_uid (Fixture    *f,
                const char *uid,
                char      **href)
{
  g_autoptr(GHashTable) cards = phone_list (f);
  g_autofree char *needle = g_strdup_printf ("UID:%s\r\n", uid);
  GHashTableIter iter;
  gpointer key, value;
  char *found = NULL;

  g_hash_table_iter_init (&iter, cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL && strstr (value, needle) != NULL)
      {
        g_assert_null (found);
        found = g_strdup (value);
        if (href != NULL)
          *href = g_strdup (key);
      }
  return found;
}

static guint
phone_count (Fixture *f)
{
  g_autoptr(GHashTable) cards = phone_list (f);

  return g_hash_table_size (cards);
}

static guint
local_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = reseau_database_list_summaries (f->database, &error);

  g_assert_no_error (error);
  return summaries->len;
}

/* Every local contact has a distinct UID and a distinct name. */
static void
assert_no_local_duplicates (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = reseau_database_list_summaries (f->database, &error);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_no_error (error);
  for (guint i = 0; i < summaries->len; i++)
    {
      ReseauContactSummary *summary = g_ptr_array_index (summaries, i);

      g_assert_false (g_hash_table_contains (names, summary->display_name));
      g_hash_table_add (names, summary->display_name);
    }
}

static ReseauContact *
local_load (Fixture    *f,
            const char *uid)
{
  g_autoptr(GError) error = NULL;
  ReseauContact *contact = reseau_database_load_contact (f->database, uid, &error);

  if (g_error_matches (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND))
    return NULL;
  g_assert_no_error (error);
  return contact;
}

static char *
local_add (Fixture    *f,
           const char *given,
           const char *family,
           const char *email)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauContact) contact = reseau_contact_new ();

  reseau_contact_set_given_name (contact, given);
  reseau_contact_set_family_name (contact, family);
  if (email != NULL)
    reseau_contact_add_value (contact, RESEAU_FIELD_EMAIL, "work", email);
  reseau_database_save_contact (f->database, contact, &error);
  g_assert_no_error (error);
  return g_strdup (reseau_contact_get_uid (contact));
}

static void
local_set_note (Fixture    *f,
                const char *uid,
                const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauContact) contact = local_load (f, uid);

  g_assert_nonnull (contact);
  reseau_contact_set_note (contact, note);
  reseau_contact_refresh_vcard (contact);
  reseau_database_save_contact (f->database, contact, &error);
  g_assert_no_error (error);
}

static void
trash_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  reseau_database_trash_contact_finish (RESEAU_DATABASE (source), result, error);
  g_main_context_wakeup (NULL);
  *(gboolean *) g_object_get_data (source, "test-done") = TRUE;
}

/* Deleting as the window does: into the trash. */
static void
local_trash (Fixture    *f,
             const char *uid)
{
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_object_set_data (G_OBJECT (f->database), "test-done", &done);
  reseau_database_trash_contact_async (f->database, uid, NULL, trash_done, &error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_object_set_data (G_OBJECT (f->database), "test-done", NULL);
  g_assert_no_error (error);
}

static ReseauAddressBook *
load_book (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) books = reseau_database_list_address_books (f->database, f->account_id,
                                                                    &error);

  g_assert_no_error (error);
  g_assert_cmpuint (books->len, ==, 1);
  return reseau_address_book_copy (g_ptr_array_index (books, 0));
}

static gboolean
has_problem_about (ReseauSyncStats *stats,
                   const char      *subject)
{
  for (guint i = 0; i < stats->problems->len; i++)
    {
      ReseauProblem *problem = g_ptr_array_index (stats->problems, i);

      if (g_strcmp0 (problem->subject, subject) == 0)
        return TRUE;
    }
  return FALSE;
}

static gpointer
crash_killer (gpointer data)
{
  g_usleep ((gulong) GPOINTER_TO_SIZE (data));
  raise (SIGKILL);
  return NULL;
}

/* Tests ----------------------------------------------------------------------- */

static void
test_initial_both_ways (Fixture       *f,
                        gconstpointer  data)
{
  ReseauSyncStats stats = { 0 };
  g_autofree char *local_uid = NULL;
  g_autofree char *server_text = NULL;
  g_autoptr(ReseauContact) anne = NULL;
  g_autoptr(ReseauAddressBook) book = NULL;

  NEEDS_SERVER (f);

  phone_seed (f, "anne.vcf", "uid-anne", "Anne Martin", "EMAIL;TYPE=work:anne@example.org\r\n");
  phone_seed (f, "bruno.vcf", "uid-bruno", "Bruno Petit", NULL);
  phone_seed (f, "chloe.vcf", "uid-chloe", "Chloé Durand", "TEL;TYPE=cell:+33 6 00 00 00 01\r\n");
  local_uid = local_add (f, "Denis", "Roux", "denis@example.org");
  g_free (local_add (f, "Emma", "Blanc", NULL));

  sync_ok (f, &stats);
  g_assert_cmpuint (stats.downloaded, ==, 3);
  g_assert_cmpuint (stats.uploaded, ==, 2);
  g_assert_cmpuint (stats.deleted, ==, 0);
  g_assert_cmpuint (stats.problems->len, ==, 0);
  g_assert_cmpuint (local_count (f), ==, 5);
  g_assert_cmpuint (phone_count (f), ==, 5);

  anne = local_load (f, "uid-anne");
  g_assert_nonnull (anne);
  g_assert_cmpstr (reseau_contact_get_first_value (anne, RESEAU_FIELD_EMAIL), ==,
                   "anne@example.org");
  server_text = phone_find_uid (f, local_uid, NULL);
  g_assert_nonnull (server_text);
  g_assert_nonnull (strstr (server_text, "denis@example.org"));

  book = load_book (f);
  g_assert_true (book->initial_sync_done);
  g_assert_nonnull (book->sync_token);

  /* Nothing changed anywhere: one request (sync-collection with the
   * stored token), nothing done. */
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.requests, ==, 1);
  g_assert_cmpuint (stats.downloaded, ==, 0);
  g_assert_cmpuint (stats.uploaded, ==, 0);
  g_assert_cmpuint (local_count (f), ==, 5);
  assert_no_local_duplicates (f);

  reseau_sync_stats_clear (&stats);
}

static void
test_incremental (Fixture       *f,
                  gconstpointer  data)
{
  ReseauSyncStats stats = { 0 };
  g_autoptr(ReseauContact) new_one = NULL;

  NEEDS_SERVER (f);

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("card-%u.vcf", i);
      g_autofree char *uid = g_strdup_printf ("uid-%u", i);
      g_autofree char *fn = g_strdup_printf ("Person%u Number%u", i, i);

      phone_seed (f, name, uid, fn, NULL);
    }
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.downloaded, ==, 30);

  phone_seed (f, "late.vcf", "uid-late", "Lucie Tardive", "NOTE:arrivée après\r\n");
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.downloaded, ==, 1);
  g_assert_cmpuint (stats.uploaded, ==, 0);
  /* sync-collection, then one multiget: never a listing of the book. */
  g_assert_cmpuint (stats.requests, <=, 3);
  new_one = local_load (f, "uid-late");
  g_assert_nonnull (new_one);
  g_assert_cmpstr (reseau_contact_get_note (new_one), ==, "arrivée après");
  g_assert_cmpuint (local_count (f), ==, 31);

  reseau_sync_stats_clear (&stats);
}

/* Without sync-collection: the ctag, then a listing of ETags. */
static void
test_ctag_fallback (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauAddressBook) book = NULL;
  g_autoptr(ReseauContact) contact = NULL;
  ReseauSyncStats stats = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *old = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *card = NULL;

  NEEDS_SERVER (f);

  book = load_book (f);
  book->supports_sync_collection = FALSE;
  reseau_database_save_address_book (f->database, book, &error);
  g_assert_no_error (error);

  phone_seed (f, "anne.vcf", "uid-anne", "Anne Martin", NULL);
  phone_seed (f, "bruno.vcf", "uid-bruno", "Bruno Petit", NULL);
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.downloaded, ==, 2);

  sync_ok (f, &stats);
  g_assert_cmpuint (stats.requests, ==, 1);
  g_assert_cmpuint (stats.downloaded, ==, 0);

  url = card_url (f, "anne.vcf");
  old = phone_get (f, url, &etag);
  card = make_card ("uid-anne", "Anne Martin", "NOTE:changée\r\n");
  g_free (phone_put (f, "anne.vcf", card, etag));
  phone_delete (f, "bruno.vcf");

  sync_ok (f, &stats);
  g_assert_cmpuint (stats.downloaded, ==, 1);
  g_assert_cmpuint (stats.deleted, ==, 1);
  contact = local_load (f, "uid-anne");
  g_assert_cmpstr (reseau_contact_get_note (contact), ==, "changée");
  g_assert_null (local_load (f, "uid-bruno"));

  reseau_sync_stats_clear (&stats);
}

static void
test_edits_both_ways (Fixture       *f,
                      gconstpointer  data)
{
  ReseauSyncStats stats = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *text = NULL;
  g_autofree char *card = NULL;
  g_autoptr(ReseauContact) bruno = NULL;

  NEEDS_SERVER (f);

  phone_seed (f, "anne.vcf", "uid-anne", "Anne Martin", NULL);
  phone_seed (f, "bruno.vcf", "uid-bruno", "Bruno Petit", NULL);
  sync_ok (f, &stats);

  /* Edited here → uploaded. */
  local_set_note (f, "uid-anne", "Vue au salon");
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  g_assert_cmpuint (stats.downloaded, ==, 0);
  url = card_url (f, "anne.vcf");
  text = phone_get (f, url, NULL);
  g_assert_nonnull (strstr (text, "NOTE:Vue au salon"));

  /* Edited there → downloaded. */
  g_clear_pointer (&url, g_free);
  g_clear_pointer (&text, g_free);
  url = card_url (f, "bruno.vcf");
  text = phone_get (f, url, &etag);
  card = make_card ("uid-bruno", "Bruno Petit", "TITLE:Architecte\r\n");
  g_free (phone_put (f, "bruno.vcf", card, etag));
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.downloaded, ==, 1);
  g_assert_cmpuint (stats.uploaded, ==, 0);
  bruno = local_load (f, "uid-bruno");
  g_assert_cmpstr (reseau_contact_get_title (bruno), ==, "Architecte");

  /* And nothing goes back up from that download. */
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.uploaded, ==, 0);
  g_assert_cmpuint (stats.requests, ==, 1);

  reseau_sync_stats_clear (&stats);
}

static void
test_deletes_both_ways (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ReseauSyncStats stats = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;

  NEEDS_SERVER (f);

  phone_seed (f, "anne.vcf", "uid-anne", "Anne Martin", NULL);
  phone_seed (f, "bruno.vcf", "uid-bruno", "Bruno Petit", NULL);
  phone_seed (f, "chloe.vcf", "uid-chloe", "Chloé Durand", NULL);
  sync_ok (f, &stats);
  g_assert_cmpuint (local_count (f), ==, 3);

  /* Deleted here (the trash, as the window does, and for good, as the
   * CLI does) → deleted there. */
  local_trash (f, "uid-anne");
  reseau_database_delete_contact (f->database, "uid-chloe", &error);
  g_assert_no_error (error);
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.deleted, ==, 2);
  url = card_url (f, "anne.vcf");
  text = phone_get (f, url, NULL);
  g_assert_null (text);
  g_assert_cmpuint (phone_count (f), ==, 1);

  /* Deleted there → deleted here. */
  phone_delete (f, "bruno.vcf");
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.deleted, ==, 1);
  g_assert_null (local_load (f, "uid-bruno"));
  g_assert_cmpuint (local_count (f), ==, 0);

  reseau_sync_stats_clear (&stats);
}

static void
test_conflict_merge (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ReseauSyncStats stats = { 0 };
  g_autofree char *url = card_url (f, "anne.vcf");
  g_autofree char *etag = NULL;
  g_autofree char *text = NULL;
  g_autofree char *card = NULL;
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(ReseauContact) restored = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  ReseauConflict *conflict;

  NEEDS_SERVER (f);

  phone_seed (f, "anne.vcf", "uid-anne", "Anne Martin",
              "NOTE:première note\r\nEMAIL;TYPE=work:anne@example.org\r\n");
  sync_ok (f, &stats);

  /* Here: the note and a title. There: the note and an organization. */
  contact = local_load (f, "uid-anne");
  reseau_contact_set_note (contact, "note d’ici");
  reseau_contact_set_title (contact, "Photographe");
  reseau_contact_refresh_vcard (contact);
  reseau_database_save_contact (f->database, contact, &error);
  g_assert_no_error (error);
  g_clear_object (&contact);

  text = phone_get (f, url, &etag);
  card = make_card ("uid-anne", "Anne Martin",
                    "NOTE:note de là-bas\r\nORG:Studio Lumière\r\n"
                    "EMAIL;TYPE=work:anne@example.org\r\n");
  g_free (phone_put (f, "anne.vcf", card, etag));

  sync_ok (f, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  contact = local_load (f, "uid-anne");
  g_assert_cmpstr (reseau_contact_get_note (contact), ==, "note de là-bas");
  g_assert_cmpstr (reseau_contact_get_title (contact), ==, "Photographe");
  g_assert_cmpstr (reseau_contact_get_organization (contact), ==, "Studio Lumière");
  g_clear_pointer (&text, g_free);
  text = phone_get (f, url, NULL);
  g_assert_nonnull (strstr (text, "Photographe"));
  g_assert_nonnull (strstr (text, "Studio Lumi"));
  g_assert_nonnull (strstr (text, "NOTE:note de là-bas"));

  /* The local value is kept where the user can see it and restore it. */
  conflicts = reseau_database_list_conflicts (f->database, "uid-anne", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->property, ==, "NOTE");
  g_assert_cmpstr (conflict->local_value, ==, "note d’ici");
  reseau_database_restore_conflict (f->database, conflict->id, &error);
  g_assert_no_error (error);
  restored = local_load (f, "uid-anne");
  g_assert_cmpstr (reseau_contact_get_note (restored), ==, "note d’ici");

  sync_ok (f, &stats);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  g_clear_pointer (&text, g_free);
  text = phone_get (f, url, NULL);
  g_assert_nonnull (strstr (text, "NOTE:note d’ici"));
  g_assert_nonnull (strstr (text, "Studio Lumi"));
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = reseau_database_list_conflicts (f->database, "uid-anne", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);

  reseau_sync_stats_clear (&stats);
}

/* Deleted here, edited there: the edit wins. */
static void
test_delete_here_edit_there (Fixture       *f,
                             gconstpointer  data)
{
  ReseauSyncStats stats = { 0 };
  g_autofree char *url = card_url (f, "anne.vcf");
  g_autofree char *etag = NULL;
  g_autofree char *text = NULL;
  g_autofree char *card = NULL;
  g_autoptr(ReseauContact) contact = NULL;

  NEEDS_SERVER (f);

  phone_seed (f, "anne.vcf", "uid-anne", "Anne Martin", NULL);
  sync_ok (f, &stats);

  local_trash (f, "uid-anne");
  text = phone_get (f, url, &etag);
  card = make_card ("uid-anne", "Anne Martin", "TEL;TYPE=cell:+33 6 11 22 33 44\r\n");
  g_free (phone_put (f, "anne.vcf", card, etag));

  sync_ok (f, &stats);
  contact = local_load (f, "uid-anne");
  g_assert_nonnull (contact);
  g_assert_cmpstr (reseau_contact_get_first_value (contact, RESEAU_FIELD_PHONE), ==,
                   "+33 6 11 22 33 44");
  g_clear_pointer (&text, g_free);
  text = phone_get (f, url, NULL);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "+33 6 11 22 33 44"));

  /* And it stays so. */
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.deleted, ==, 0);
  g_clear_pointer (&text, g_free);
  text = phone_get (f, url, NULL);
  g_assert_nonnull (text);

  reseau_sync_stats_clear (&stats);
}

/* Edited here, deleted there: the edit wins, and goes up again. */
static void
test_edit_here_delete_there (Fixture       *f,
                             gconstpointer  data)
{
  ReseauSyncStats stats = { 0 };
  g_autofree char *text = NULL;
  g_autoptr(ReseauContact) contact = NULL;

  NEEDS_SERVER (f);

  phone_seed (f, "anne.vcf", "uid-anne", "Anne Martin", NULL);
  phone_seed (f, "bruno.vcf", "uid-bruno", "Bruno Petit", NULL);
  sync_ok (f, &stats);

  local_set_note (f, "uid-anne", "à rappeler");
  phone_delete (f, "anne.vcf");

  sync_ok (f, &stats);
  contact = local_load (f, "uid-anne");
  g_assert_nonnull (contact);
  g_assert_cmpstr (reseau_contact_get_note (contact), ==, "à rappeler");
  g_assert_true (has_problem_about (&stats, "Anne Martin"));
  text = phone_find_uid (f, "uid-anne", NULL);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "à rappeler"));
  g_assert_cmpuint (local_count (f), ==, 2);

  sync_ok (f, &stats);
  g_assert_cmpuint (stats.uploaded + stats.downloaded + stats.deleted, ==, 0);
  g_assert_cmpuint (phone_count (f), ==, 2);

  reseau_sync_stats_clear (&stats);
}

/* Radicale rewrites what it is sent; here the card's file is rewritten in
 * another order with other folding, as another server or client would. */
static void
test_reserialisation_is_not_an_edit (Fixture       *f,
                                     gconstpointer  data)
{
  ReseauSyncStats stats = { 0 };
  g_autoptr(ReseauContact) contact = NULL;
  g_autofree char *url = card_url (f, "anne.vcf");
  g_autofree char *text = NULL;

  NEEDS_SERVER (f);

  reseau_test_server_seed_card (f->server, "anne.vcf",
                                "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:uid-anne\r\nFN:Anne Martin\r\n"
                                "N:Martin;Anne;;;\r\nNOTE:Une note assez longue pour être pliée "
                                "sur deux lignes par un serveur\r\nEMAIL;TYPE=WORK:anne@example.org\r\n"
                                "END:VCARD\r\n");
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.downloaded, ==, 1);

  local_set_note (f, "uid-anne", "modifiée ici");
  reseau_test_server_seed_card (f->server, "anne.vcf",
                                "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Other//EN\r\n"
                                "email;type=WORK:anne@example.org\r\nfn:Anne Martin\r\n"
                                "NOTE:Une note assez longue pour être pliée sur deux lignes \r\n"
                                " par un serveur\r\nN:Martin;Anne;;;\r\nUID:uid-anne\r\nEND:VCARD\r\n");

  sync_ok (f, &stats);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  g_assert_cmpuint (stats.downloaded, ==, 0);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  contact = local_load (f, "uid-anne");
  g_assert_cmpstr (reseau_contact_get_note (contact), ==, "modifiée ici");
  text = phone_get (f, url, NULL);
  g_assert_nonnull (strstr (text, "modifiée ici"));

  reseau_sync_stats_clear (&stats);
}

static void
test_invalid_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauAddressBook) book = NULL;
  ReseauSyncStats stats = { 0 };
  g_autofree char *local_uid = NULL;

  NEEDS_SERVER (f);

  phone_seed (f, "anne.vcf", "uid-anne", "Anne Martin", NULL);
  phone_seed (f, "bruno.vcf", "uid-bruno", "Bruno Petit", NULL);
  phone_seed (f, "chloe.vcf", "uid-chloe", "Chloé Durand", NULL);
  local_uid = local_add (f, "Denis", "Roux", NULL);
  sync_ok (f, &stats);
  g_assert_cmpuint (local_count (f), ==, 4);

  /* A token the server never gave (Radicale answers 403, Xandikos 500),
   * while things changed on both sides. */
  book = load_book (f);
  g_free (book->sync_token);
  book->sync_token = g_strdup ("http://radicale.org/ns/sync/0000000000000000000000000000000000000000");
  reseau_database_save_address_book (f->database, book, &error);
  g_assert_no_error (error);
  phone_seed (f, "emma.vcf", "uid-emma", "Emma Blanc", NULL);
  phone_delete (f, "bruno.vcf");
  local_set_note (f, "uid-anne", "gardée");

  sync_ok (f, &stats);
  g_assert_cmpuint (stats.downloaded, ==, 1);
  g_assert_cmpuint (stats.deleted, ==, 1);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  g_assert_cmpuint (local_count (f), ==, 4);
  g_assert_cmpuint (phone_count (f), ==, 4);
  g_assert_null (local_load (f, "uid-bruno"));
  g_assert_nonnull (local_load (f, "uid-emma"));
  g_assert_nonnull (local_load (f, local_uid));
  assert_no_local_duplicates (f);

  g_clear_pointer (&book, reseau_address_book_free);
  book = load_book (f);
  g_assert_cmpstr (book->sync_token, !=,
                   "http://radicale.org/ns/sync/0000000000000000000000000000000000000000");

  /* Converged: the next sync has nothing to do. */
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.requests, ==, 1);

  reseau_sync_stats_clear (&stats);
}

/* Radicale refuses a second card with a UID it has (409 no-uid-conflict):
 * the card is linked to the one there, never duplicated. */
static void
test_duplicate_uid (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauAddressBook) book = NULL;
  g_autoptr(ReseauDavMultistatus) page = NULL;
  g_autoptr(ReseauContact) contact = NULL;
  ReseauSyncStats stats = { 0 };
  g_autofree char *uid = NULL;
  g_autofree char *card = NULL;
  g_autofree char *href = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  NEEDS_SERVER (f);

  sync_ok (f, &stats);

  /* A contact made here, and the same UID put on the server by someone
   * else under another name, at a moment our stored token already
   * covers (as after a crash between a PUT and its record). */
  uid = local_add (f, "Denis", "Roux", "denis@example.org");
  card = make_card (uid, "Denis Roux", "TEL:+33 4 00 00 00 00\r\n");
  g_free (phone_put (f, "elsewhere.vcf", card, NULL));
  page = reseau_dav_client_sync_collection (f->phone, f->server->book_url, NULL, NULL, &error);
  g_assert_no_error (error);
  book = load_book (f);
  g_free (book->sync_token);
  book->sync_token = g_strdup (page->sync_token);
  reseau_database_save_address_book (f->database, book, &error);
  g_assert_no_error (error);

  sync_ok (f, &stats);
  g_assert_cmpuint (phone_count (f), ==, 1);
  g_assert_cmpuint (local_count (f), ==, 1);
  text = phone_find_uid (f, uid, &href);
  expected = card_url (f, "elsewhere.vcf");
  g_assert_cmpstr (href, ==, expected);
  /* Both sides' fields, merged. */
  g_assert_nonnull (strstr (text, "denis@example.org"));
  contact = local_load (f, uid);
  g_assert_cmpstr (reseau_contact_get_first_value (contact, RESEAU_FIELD_PHONE), ==,
                   "+33 4 00 00 00 00");

  sync_ok (f, &stats);
  g_assert_cmpuint (stats.uploaded + stats.downloaded, ==, 0);
  g_assert_cmpuint (phone_count (f), ==, 1);

  reseau_sync_stats_clear (&stats);
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauAccount) account = NULL;
  ReseauSyncStats stats = { 0 };

  NEEDS_SERVER (f);

  phone_seed (f, "anne.vcf", "uid-anne", "Anne Martin", NULL);
  g_free (local_add (f, "Denis", "Roux", NULL));

  g_assert_false (run_sync (f, "not-the-password", RESEAU_SYNC_FLAGS_NONE, &stats, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (local_count (f), ==, 1);
  g_assert_null (local_load (f, "uid-anne"));
  g_assert_cmpuint (phone_count (f), ==, 1);

  {
    g_autoptr(GError) account_error = NULL;

    account = reseau_database_get_account (f->database, f->account_id, &account_error);
    g_assert_no_error (account_error);
    g_assert_cmpstr (account->last_error, ==, error->message);
    g_assert_cmpint (account->last_sync_at, ==, 0);
    g_clear_error (&error);
  }

  /* The right one: the error goes away. */
  sync_ok (f, &stats);
  g_clear_pointer (&account, reseau_account_free);
  account = reseau_database_get_account (f->database, f->account_id, &error);
  g_assert_no_error (error);
  g_assert_null (account->last_error);
  g_assert_cmpint (account->last_sync_at, >, 0);

  reseau_sync_stats_clear (&stats);
}

typedef struct
{
  ReseauTestServer *server;
  gboolean          killed;
} KillOnPush;

static void
kill_when_push_starts (guint    done,
                       guint    total,
                       gpointer user_data)
{
  KillOnPush *kill = user_data;

  /* The pull has nothing to fetch in this test: the first progress with
   * a total is the push's. One PUT goes through first. */
  if (!kill->killed && total > 0 && done == 1)
    {
      reseau_test_server_kill (kill->server);
      kill->killed = TRUE;
    }
}

static void
test_server_down (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ReseauSyncStats stats = { 0 };
  KillOnPush kill = { 0 };

  NEEDS_SERVER (f);

  reseau_sync_set_client_limits (5, 1);
  phone_seed (f, "anne.vcf", "uid-anne", "Anne Martin", NULL);
  sync_ok (f, &stats);

  /* Down before the sync. */
  reseau_test_server_kill (f->server);
  g_free (local_add (f, "Denis", "Roux", NULL));
  g_assert_false (run_sync (f, f->server->password, RESEAU_SYNC_FLAGS_NONE, &stats, &error));
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_true (reseau_test_server_restart (f->server));

  /* Down in the middle of the push. */
  g_free (local_add (f, "Emma", "Blanc", NULL));
  g_free (local_add (f, "Farid", "Haddad", NULL));
  kill.server = f->server;
  reseau_sync_stats_clear (&stats);
  reseau_sync_stats_init (&stats);
  g_assert_false (reseau_sync_account (f->database, f->account_id, f->server->password,
                                       RESEAU_SYNC_FLAGS_NONE, kill_when_push_starts, &kill,
                                       &stats, NULL, &error));
  g_assert_true (kill.killed);
  g_assert_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_true (reseau_test_server_restart (f->server));

  /* Up again: converges, without duplicates. */
  sync_ok (f, &stats);
  g_assert_cmpuint (phone_count (f), ==, 4);
  g_assert_cmpuint (local_count (f), ==, 4);
  assert_no_local_duplicates (f);
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.uploaded + stats.downloaded + stats.deleted, ==, 0);

  reseau_sync_set_client_limits (0, 120);
  reseau_sync_stats_clear (&stats);
}

static void
test_safety_valve (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ReseauSyncStats stats = { 0 };

  NEEDS_SERVER (f);

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("card-%u.vcf", i);
      g_autofree char *uid = g_strdup_printf ("uid-%u", i);
      g_autofree char *fn = g_strdup_printf ("Person%u Number%u", i, i);

      phone_seed (f, name, uid, fn, NULL);
    }
  sync_ok (f, &stats);
  g_assert_cmpuint (local_count (f), ==, 12);

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("card-%u.vcf", i);

      phone_delete (f, name);
    }

  g_assert_false (run_sync (f, f->server->password, RESEAU_SYNC_FLAGS_NONE, &stats, &error));
  g_assert_error (error, RESEAU_SYNC_ERROR, RESEAU_SYNC_ERROR_MASS_DELETION);
  g_assert_nonnull (strstr (error->message, "12"));
  g_assert_cmpuint (stats.deleted, ==, 0);
  g_assert_cmpuint (local_count (f), ==, 12);
  g_clear_error (&error);

  /* Asked again: still stopped (the token was not moved past it). */
  g_assert_false (run_sync (f, f->server->password, RESEAU_SYNC_FLAGS_NONE, &stats, &error));
  g_assert_error (error, RESEAU_SYNC_ERROR, RESEAU_SYNC_ERROR_MASS_DELETION);
  g_clear_error (&error);
  g_assert_cmpuint (local_count (f), ==, 12);

  g_assert_true (run_sync (f, f->server->password, RESEAU_SYNC_ALLOW_MASS_DELETION, &stats,
                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.deleted, ==, 12);
  g_assert_cmpuint (local_count (f), ==, 0);

  reseau_sync_stats_clear (&stats);
}

/* Apple's labels, properties nobody here knows, a photo and a group card
 * all survive a local edit and a round trip. */
static void
test_fidelity (Fixture       *f,
               gconstpointer  data)
{
  ReseauSyncStats stats = { 0 };
  g_autofree char *url = card_url (f, "anne.vcf");
  g_autofree char *group_url = card_url (f, "group.vcf");
  g_autofree char *text = NULL;
  g_autofree char *group_text = NULL;
  g_autoptr(ReseauVCard) card = NULL;
  g_autoptr(GBytes) photo = NULL;
  ReseauVCardProperty *property;

  NEEDS_SERVER (f);

  phone_seed (f, "anne.vcf", "uid-anne", "Anne Martin",
              "item1.EMAIL;TYPE=INTERNET:anne@atelier.example\r\n"
              "item1.X-ABLabel:atelier\r\n"
              "X-UNKNOWN-THING;X-PARAM=1:gardez-moi\r\n"
              "PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==\r\n");
  {
    g_autofree char *group = g_strdup ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:uid-group\r\n"
                                       "FN:Clients\r\nN:Clients;;;;\r\n"
                                       "X-ADDRESSBOOKSERVER-KIND:group\r\n"
                                       "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:uid-anne\r\n"
                                       "END:VCARD\r\n");
    g_autofree char *etag = phone_put (f, "group.vcf", group, NULL);
  }
  sync_ok (f, &stats);

  local_set_note (f, "uid-anne", "modifiée");
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.uploaded, ==, 1);

  text = phone_get (f, url, NULL);
  card = reseau_vcard_parse (text, -1, NULL);
  g_assert_nonnull (card);
  property = reseau_vcard_get (card, "X-ABLABEL");
  g_assert_nonnull (property);
  g_assert_nonnull (property->group);
  g_assert_cmpstr (property->value, ==, "atelier");
  g_assert_nonnull (reseau_vcard_get_in_group (card, property->group, "EMAIL"));
  property = reseau_vcard_get (card, "X-UNKNOWN-THING");
  g_assert_nonnull (property);
  g_assert_cmpstr (property->value, ==, "gardez-moi");
  g_assert_cmpstr (reseau_vcard_property_get_param (property, "X-PARAM"), ==, "1");
  property = reseau_vcard_get (card, "PHOTO");
  g_assert_nonnull (property);
  photo = reseau_vcard_property_get_binary (property, NULL);
  g_assert_nonnull (photo);
  g_assert_cmpuint (g_bytes_get_size (photo), ==, 70);
  g_assert_nonnull (strstr (text, "modifiée"));

  group_text = phone_get (f, group_url, NULL);
  g_assert_nonnull (group_text);
  g_assert_nonnull (strstr (group_text, "X-ADDRESSBOOKSERVER-MEMBER"));

  reseau_sync_stats_clear (&stats);
}

/* The window's way: in a thread, progress in the caller's context. */
typedef struct
{
  GMainLoop       *loop;
  GThread         *main_thread;
  guint            n_progress;
  gboolean         ok;
  GError          *error;
  ReseauSyncStats  stats;
} AsyncRun;

static void
async_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_cmpuint (done, <=, total == 0 ? done : total);
  run->n_progress++;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->ok = reseau_sync_account_finish (result, &run->stats, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  AsyncRun run = { 0 };

  NEEDS_SERVER (f);

  phone_seed (f, "anne.vcf", "uid-anne", "Anne Martin", NULL);
  g_free (local_add (f, "Denis", "Roux", NULL));

  reseau_sync_stats_init (&run.stats);
  run.loop = g_main_loop_new (NULL, FALSE);
  run.main_thread = g_thread_self ();
  reseau_sync_account_async (f->database, f->account_id, f->server->password,
                             RESEAU_SYNC_FLAGS_NONE, async_progress, &run, NULL,
                             async_done, &run);
  g_main_loop_run (run.loop);

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.stats.downloaded, ==, 1);
  g_assert_cmpuint (run.stats.uploaded, ==, 1);
  g_assert_cmpuint (run.n_progress, >, 0);
  g_assert_cmpuint (run.stats.requests, >, 0);

  g_main_loop_unref (run.loop);
  reseau_sync_stats_clear (&run.stats);
}

/* Crash safety: a child process syncs and is killed (SIGKILL) at a
 * moment that moves later from one round to the next — in a multiget, in
 * a transaction, between a PUT and its record. Wherever it lands, a normal
 * sync afterwards must converge: no duplicate, no lost contact, no lost
 * edit. */
static int
crash_child (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauDatabase) database = reseau_database_new (db_path);
  ReseauSyncStats stats = { 0 };
  gint64 account_id = g_ascii_strtoll (g_getenv ("RESEAU_CRASH_ACCOUNT"), NULL, 10);
  guint64 after_us = g_ascii_strtoull (g_getenv ("RESEAU_CRASH_AFTER_US"), NULL, 10);

  if (!reseau_database_open (database, &error))
    return 2;
  g_thread_unref (g_thread_new ("killer", crash_killer, GSIZE_TO_POINTER ((gsize) after_us)));
  reseau_sync_stats_init (&stats);
  reseau_sync_account (database, account_id, g_getenv ("RESEAU_CRASH_PASSWORD"),
                       RESEAU_SYNC_FLAGS_NONE, NULL, NULL, &stats, NULL, &error);
  reseau_sync_stats_clear (&stats);
  /* Finished before the killer woke: fine too. */
  return 0;
}

static void
open_database (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "reseau.db", NULL);

  f->database = reseau_database_new (path);
  reseau_database_open (f->database, &error);
  g_assert_no_error (error);
}

static void
test_crash_safety (Fixture       *f,
                   gconstpointer  data)
{
  static const guint delays_ms[] = { 5, 10, 20, 30, 45, 60, 80, 100, 130, 160, 200, 250, 300, 400 };
  g_autoptr(GError) error = NULL;
  g_autofree char *self = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GPtrArray) local_new = g_ptr_array_new_with_free_func (g_free);
  ReseauSyncStats stats = { 0 };
  guint n_killed = 0;

  NEEDS_SERVER (f);

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("old-%u.vcf", i);
      g_autofree char *uid = g_strdup_printf ("uid-old-%u", i);
      g_autofree char *fn = g_strdup_printf ("Old%u Person", i);

      phone_seed (f, name, uid, fn, NULL);
    }
  sync_ok (f, &stats);
  g_assert_cmpuint (local_count (f), ==, 20);

  /* Both sides change: 20 new cards, 2 edits and 2 deletions there; 15
   * new contacts, 3 edits and 2 deletions here, on other cards. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("new-%u.vcf", i);
      g_autofree char *uid = g_strdup_printf ("uid-new-%u", i);
      g_autofree char *fn = g_strdup_printf ("New%u Person", i);

      phone_seed (f, name, uid, fn, NULL);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("old-%u.vcf", i);
      g_autofree char *url = card_url (f, name);
      g_autofree char *etag = NULL;
      g_autofree char *old = phone_get (f, url, &etag);
      g_autofree char *uid = g_strdup_printf ("uid-old-%u", i);
      g_autofree char *fn = g_strdup_printf ("Old%u Person", i);
      g_autofree char *card = make_card (uid, fn, "NOTE:édité là-bas\r\n");

      g_free (phone_put (f, name, card, etag));
      g_clear_pointer (&name, g_free);
      name = g_strdup_printf ("old-%u.vcf", 2 + i);
      phone_delete (f, name);
    }
  for (guint i = 0; i < 15; i++)
    {
      g_autofree char *given = g_strdup_printf ("Local%u", i);

      g_ptr_array_add (local_new, local_add (f, given, "Nouveau", NULL));
    }
  for (guint i = 4; i < 7; i++)
    {
      g_autofree char *uid = g_strdup_printf ("uid-old-%u", i);

      local_set_note (f, uid, "édité ici");
    }
  for (guint i = 7; i < 9; i++)
    {
      g_autofree char *uid = g_strdup_printf ("uid-old-%u", i);

      reseau_database_delete_contact (f->database, uid, &error);
      g_assert_no_error (error);
    }

  self = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (f->dir, "reseau.db", NULL);
  /* The child has the database to itself. */
  g_clear_object (&f->database);

  for (guint round = 0; round < G_N_ELEMENTS (delays_ms); round++)
    {
      g_auto(GStrv) env = g_get_environ ();
      g_autofree char *account = g_strdup_printf ("%" G_GINT64_FORMAT, f->account_id);
      g_autofree char *after = g_strdup_printf ("%u", delays_ms[round] * 1000);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *argv[] = { self, NULL };
      int status = 0;

      env = g_environ_setenv (env, "RESEAU_CRASH_DB", db_path, TRUE);
      env = g_environ_setenv (env, "RESEAU_CRASH_ACCOUNT", account, TRUE);
      env = g_environ_setenv (env, "RESEAU_CRASH_AFTER_US", after, TRUE);
      if (f->server->password != NULL)
        env = g_environ_setenv (env, "RESEAU_CRASH_PASSWORD", f->server->password, TRUE);
      g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                    &out, &err, &status, &error);
      g_assert_no_error (error);
      if (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL)
        n_killed++;
      else
        g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    }
  /* Otherwise the test proved nothing. */
  g_test_message ("%u of %zu syncs killed", n_killed, G_N_ELEMENTS (delays_ms));
  g_assert_cmpuint (n_killed, >, 0);

  open_database (f);
  sync_ok (f, &stats);
  sync_ok (f, &stats);
  g_assert_cmpuint (stats.uploaded + stats.downloaded + stats.deleted, ==, 0);

  /* 20 + 20 - 2 + 15 - 2 on both sides, each UID once. */
  g_assert_cmpuint (local_count (f), ==, 51);
  g_assert_cmpuint (phone_count (f), ==, 51);
  assert_no_local_duplicates (f);
  for (guint i = 0; i < local_new->len; i++)
    {
      g_autofree char *text = phone_find_uid (f, g_ptr_array_index (local_new, i), NULL);

      g_assert_nonnull (text);
    }
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *uid = g_strdup_printf ("uid-new-%u", i);
      g_autoptr(ReseauContact) contact = local_load (f, uid);

      g_assert_nonnull (contact);
    }
  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *uid = g_strdup_printf ("uid-old-%u", i);
      g_autoptr(ReseauContact) contact = local_load (f, uid);
      g_autofree char *text = phone_find_uid (f, uid, NULL);

      if (i < 2)
        {
          g_assert_cmpstr (reseau_contact_get_note (contact), ==, "édité là-bas");
          g_assert_nonnull (strstr (text, "édité là-bas"));
        }
      else if (i < 4 || i >= 7)
        {
          g_assert_null (contact);
          g_assert_null (text);
        }
      else
        {
          g_assert_cmpstr (reseau_contact_get_note (contact), ==, "édité ici");
          g_assert_nonnull (strstr (text, "édité ici"));
        }
    }

  reseau_sync_stats_clear (&stats);
}

static void
add (const char    *name,
     void         (*test) (Fixture *, gconstpointer),
     gboolean       radicale,
     gboolean       xandikos)
{
  if (radicale)
    {
      g_autofree char *path = g_strdup_printf ("/sync/radicale/%s", name);

      g_test_add (path, Fixture, GINT_TO_POINTER (RESEAU_TEST_RADICALE),
                  fixture_set_up, test, fixture_tear_down);
    }
  if (xandikos)
    {
      g_autofree char *path = g_strdup_printf ("/sync/xandikos/%s", name);

      g_test_add (path, Fixture, GINT_TO_POINTER (RESEAU_TEST_XANDIKOS),
                  fixture_set_up, test, fixture_tear_down);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("RESEAU_CRASH_DB") != NULL)
    return crash_child (g_getenv ("RESEAU_CRASH_DB"));

  g_test_init (&argc, &argv, NULL);

  add ("initial-both-ways", test_initial_both_ways, TRUE, TRUE);
  add ("incremental", test_incremental, TRUE, TRUE);
  add ("ctag-fallback", test_ctag_fallback, TRUE, TRUE);
  add ("edits-both-ways", test_edits_both_ways, TRUE, TRUE);
  add ("deletes-both-ways", test_deletes_both_ways, TRUE, TRUE);
  add ("conflict-merge", test_conflict_merge, TRUE, TRUE);
  add ("delete-here-edit-there", test_delete_here_edit_there, TRUE, TRUE);
  add ("edit-here-delete-there", test_edit_here_delete_there, TRUE, TRUE);
  /* Seeding by file, behind the server's back: Radicale only. */
  add ("reserialisation", test_reserialisation_is_not_an_edit, TRUE, FALSE);
  add ("invalid-token", test_invalid_token, TRUE, TRUE);
  /* Xandikos accepts a duplicate UID: nothing to handle there. */
  add ("duplicate-uid", test_duplicate_uid, TRUE, FALSE);
  /* Xandikos has no authentication. */
  add ("wrong-password", test_wrong_password, TRUE, FALSE);
  add ("server-down", test_server_down, TRUE, TRUE);
  add ("safety-valve", test_safety_valve, TRUE, TRUE);
  add ("fidelity", test_fidelity, TRUE, TRUE);
  add ("async", test_async, TRUE, FALSE);
  add ("crash-safety", test_crash_safety, TRUE, TRUE);

  return g_test_run ();
}
