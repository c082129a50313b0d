/* test-database-sync.c — what CardDAV sync keeps in the database
 *
 * Accounts and books, the revision every save raises, the local changes a
 * sync sends up, the pages of server changes it applies (each with its
 * token, all or nothing), and the conflicts a user can restore. No server
 * here: the sync engine's side is played by hand-made ReseauSyncChange.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reseau-core.h"
#include "reseau-test-utils.h"

#define SERVER   "https://dav.example.org/"
#define BOOK_URL "https://dav.example.org/dav/addressbooks/camille/contacts/"

typedef struct
{
  char           *dir;
  char           *path;
  ReseauDatabase *database;
  gint64          account_id;
  gint64          book_id;    /* the account's first book */
  gint64          book2_id;   /* its second book */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ReseauAccount) account = reseau_account_new (SERVER, "camille");
  g_autoptr(GPtrArray) books = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_address_book_free);
  g_autoptr(GError) error = NULL;

  fixture->dir = reseau_test_make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "reseau.db", NULL);
  fixture->database = reseau_database_new (fixture->path);
  reseau_database_open (fixture->database, &error);
  g_assert_no_error (error);

  g_ptr_array_add (books, reseau_address_book_new (BOOK_URL));
  g_ptr_array_add (books, reseau_address_book_new ("https://dav.example.org/dav/addressbooks/camille/work/"));
  reseau_database_add_account (fixture->database, account, books, &error);
  g_assert_no_error (error);
  fixture->account_id = account->id;
  fixture->book_id = ((ReseauAddressBook *) g_ptr_array_index (books, 0))->id;
  fixture->book2_id = ((ReseauAddressBook *) g_ptr_array_index (books, 1))->id;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  reseau_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* A contact saved here. */
static ReseauContact *
save_new_contact (Fixture    *fixture,
                  const char *name,
                  const char *note)
{
  ReseauContact *contact = reseau_contact_new ();
  g_autoptr(GError) error = NULL;

  reseau_contact_set_full_name (contact, name);
  reseau_contact_set_note (contact, note);
  reseau_database_save_contact (fixture->database, contact, &error);
  g_assert_no_error (error);

  return contact;
}

static char *
card_text (ReseauContact *contact)
{
  g_autoptr(ReseauVCard) card = reseau_contact_to_vcard (contact, FALSE);

  return reseau_vcard_to_string (card, RESEAU_VCARD_VERSION_3_0);
}

static char *
href_for (const char *name)
{
  return g_strconcat (BOOK_URL, name, ".vcf", NULL);
}

/* A change as the engine makes it: contact NULL with base NULL is a
 * removal on the server. */
static ReseauSyncChange *
new_change (const char    *name,
            const char    *uid,
            ReseauContact *contact,
            const char    *base,
            gint64         expected_revision)
{
  ReseauSyncChange *change = g_new0 (ReseauSyncChange, 1);

  change->href = href_for (name);
  change->etag = g_strdup_printf ("\"%s-%" G_GINT64_FORMAT "\"", name, expected_revision);
  change->uid = g_strdup (uid);
  change->contact = contact ? g_object_ref (contact) : NULL;
  change->base = contact ? card_text (contact) : g_strdup (base);
  change->expected_revision = expected_revision;

  return change;
}

static GPtrArray *
new_page (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_sync_change_free);
}

static gint64
revision_of (Fixture    *fixture,
             const char *uid)
{
  g_autoptr(GError) error = NULL;
  gint64 revision = reseau_database_get_contact_revision (fixture->database, uid, &error);

  g_assert_no_error (error);
  return revision;
}

/* Links a contact saved here to a card of book, as a PUT would. */
static void
record_synced (Fixture       *fixture,
               gint64         book_id,
               const char    *name,
               ReseauContact *contact)
{
  g_autofree char *href = href_for (name);
  g_autofree char *base = card_text (contact);
  g_autoptr(GError) error = NULL;

  reseau_database_record_upload (fixture->database, book_id, href, reseau_contact_get_uid (contact),
                                 "\"1\"", base, reseau_contact_get_revision (contact), &error);
  g_assert_no_error (error);
}

static ReseauSyncedCard *
find_card (GPtrArray  *cards,
           const char *uid)
{
  for (guint i = 0; i < cards->len; i++)
    {
      ReseauSyncedCard *card = g_ptr_array_index (cards, i);

      if (g_strcmp0 (card->uid, uid) == 0)
        return card;
    }
  return NULL;
}

static ReseauSyncedCard *
find_synced_card (Fixture    *fixture,
                  gint64      book_id,
                  const char *uid,
                  GPtrArray **keep)
{
  g_autoptr(GError) error = NULL;

  *keep = reseau_database_list_synced_cards (fixture->database, book_id, &error);
  g_assert_no_error (error);
  return find_card (*keep, uid);
}

static gboolean
has_contact (GPtrArray  *contacts,
             const char *uid)
{
  for (guint i = 0; i < contacts->len; i++)
    if (g_strcmp0 (reseau_contact_get_uid (g_ptr_array_index (contacts, i)), uid) == 0)
      return TRUE;
  return FALSE;
}

static ReseauAddressBook *
load_book (Fixture *fixture,
           gint64   book_id)
{
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GError) error = NULL;

  books = reseau_database_list_address_books (fixture->database, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < books->len; i++)
    {
      ReseauAddressBook *book = g_ptr_array_index (books, i);

      if (book->id == book_id)
        return reseau_address_book_copy (book);
    }
  g_assert_not_reached ();
}

/* Async calls complete on the main context. */
typedef struct
{
  GAsyncResult *result;
} AsyncWait;

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (AsyncWait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

/* Moving to the trash exists only as an async call (the window's). */
static void
trash_contact (Fixture    *fixture,
               const char *uid)
{
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { NULL };

  reseau_database_trash_contact_async (fixture->database, uid, NULL, got_result, &wait);
  g_assert_true (reseau_database_trash_contact_finish (fixture->database, wait_for (&wait), &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);
}

/* Accounts ---------------------------------------------------------------- */

static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ReseauAccount) again = reseau_account_new (SERVER, "camille");
  g_autoptr(ReseauAccount) other = reseau_account_new (SERVER, "dominique");
  g_autoptr(ReseauAccount) loaded = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) books = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_address_book_free);
  g_autoptr(GError) error = NULL;
  ReseauAddressBook *book;

  g_assert_cmpint (fixture->account_id, >, 0);
  g_assert_cmpint (fixture->book_id, >, 0);
  g_assert_cmpint (fixture->book2_id, >, fixture->book_id);

  /* Same server and user: refused, and nothing of it is kept. */
  book = reseau_address_book_new ("https://dav.example.org/dav/addressbooks/camille/new/");
  g_ptr_array_add (books, book);
  g_assert_false (reseau_database_add_account (fixture->database, again, books, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_ALREADY_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (again->id, ==, 0);
  g_assert_cmpint (book->id, ==, 0);

  /* Another user of the same server is another account. */
  g_ptr_array_set_size (books, 0);
  g_assert_true (reseau_database_add_account (fixture->database, other, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (other->id, >, fixture->account_id);
  g_assert_cmpint (other->created_at, >, 0);

  accounts = reseau_database_list_accounts (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 2);
  g_assert_cmpint (((ReseauAccount *) g_ptr_array_index (accounts, 0))->id, ==, fixture->account_id);
  g_assert_cmpstr (((ReseauAccount *) g_ptr_array_index (accounts, 0))->user, ==, "camille");
  g_assert_cmpstr (((ReseauAccount *) g_ptr_array_index (accounts, 1))->user, ==, "dominique");

  /* A failed sync keeps the time of the last good one. */
  g_assert_true (reseau_database_set_account_state (fixture->database, other->id, 1795380000, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (reseau_database_set_account_state (fixture->database, other->id, 1795390000,
                                                    "The server did not answer.", &error));
  g_assert_no_error (error);
  loaded = reseau_database_get_account (fixture->database, other->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->server, ==, SERVER);
  g_assert_cmpint (loaded->created_at, ==, other->created_at);
  g_assert_cmpint (loaded->last_sync_at, ==, 1795380000);
  g_assert_cmpstr (loaded->last_error, ==, "The server did not answer.");
  g_clear_pointer (&loaded, reseau_account_free);
  g_assert_true (reseau_database_set_account_state (fixture->database, other->id, 1795400000, NULL, &error));
  g_assert_no_error (error);
  loaded = reseau_database_get_account (fixture->database, other->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->last_sync_at, ==, 1795400000);
  g_assert_null (loaded->last_error);
  g_clear_pointer (&loaded, reseau_account_free);

  g_assert_true (reseau_database_remove_account (fixture->database, other->id, &error));
  g_assert_no_error (error);
  g_assert_false (reseau_database_remove_account (fixture->database, other->id, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  loaded = reseau_database_get_account (fixture->database, other->id, &error);
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_clear_error (&error);
  g_assert_false (reseau_database_set_account_state (fixture->database, other->id, 1, NULL, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
}

/* Removing an account forgets its books and what was synced, never the
 * contacts: they become local contacts, to go up to the next account. */
static void
test_remove_account_keeps_contacts (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = save_new_contact (fixture, "Capucine Lemaître", NULL);
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(ReseauLocalChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  const char *uid = reseau_contact_get_uid (contact);

  record_synced (fixture, fixture->book_id, "capucine", contact);

  g_assert_true (reseau_database_remove_account (fixture->database, fixture->account_id, &error));
  g_assert_no_error (error);

  books = reseau_database_list_address_books (fixture->database, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (books->len, ==, 0);
  cards = reseau_database_list_synced_cards (fixture->database, fixture->book_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 0);

  loaded = reseau_database_load_contact (fixture->database, uid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_display_name (loaded), ==, "Capucine Lemaître");

  changes = reseau_database_list_local_changes (fixture->database, 0, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (has_contact (changes->created, uid));
  g_assert_cmpint (reseau_database_get_default_book_id (fixture->database, &error), ==, 0);
  g_assert_no_error (error);
}

/* Address books ------------------------------------------------------------ */

static void
test_books (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ReseauAddressBook) book = NULL;
  g_autoptr(ReseauAddressBook) loaded = NULL;
  g_autoptr(ReseauAddressBook) copy = NULL;
  g_autoptr(ReseauAddressBook) stray = reseau_address_book_new ("https://dav.example.org/stray/");
  g_autoptr(ReseauAccount) later = reseau_account_new ("https://cloud.example.net/", "camille");
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(GPtrArray) later_books = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_address_book_free);
  g_autoptr(GError) error = NULL;
  ReseauAddressBook *later_book;

  books = reseau_database_list_address_books (fixture->database, fixture->account_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (books->len, ==, 2);
  g_assert_cmpstr (((ReseauAddressBook *) g_ptr_array_index (books, 0))->url, ==, BOOK_URL);
  g_assert_cmpint (((ReseauAddressBook *) g_ptr_array_index (books, 0))->account_id, ==, fixture->account_id);

  /* A new book, then every field changed. */
  book = reseau_address_book_new ("https://dav.example.org/dav/addressbooks/camille/friends/");
  book->account_id = fixture->account_id;
  g_assert_true (reseau_database_save_address_book (fixture->database, book, &error));
  g_assert_no_error (error);
  g_assert_cmpint (book->id, >, fixture->book2_id);

  g_free (book->display_name);
  book->display_name = g_strdup ("Amis");
  book->enabled = FALSE;
  book->ctag = g_strdup ("ctag-7");
  book->sync_token = g_strdup ("http://dav.example.org/sync/7");
  book->supports_sync_collection = TRUE;
  book->vcard_version = RESEAU_VCARD_VERSION_4_0;
  book->read_only = TRUE;
  book->max_resource_size = 1048576;
  book->initial_sync_done = TRUE;
  g_assert_true (reseau_database_save_address_book (fixture->database, book, &error));
  g_assert_no_error (error);

  loaded = load_book (fixture, book->id);
  g_assert_cmpint (loaded->account_id, ==, fixture->account_id);
  g_assert_cmpstr (loaded->url, ==, book->url);
  g_assert_cmpstr (loaded->display_name, ==, "Amis");
  g_assert_false (loaded->enabled);
  g_assert_cmpstr (loaded->ctag, ==, "ctag-7");
  g_assert_cmpstr (loaded->sync_token, ==, "http://dav.example.org/sync/7");
  g_assert_true (loaded->supports_sync_collection);
  g_assert_cmpint (loaded->vcard_version, ==, RESEAU_VCARD_VERSION_4_0);
  g_assert_true (loaded->read_only);
  g_assert_cmpint (loaded->max_resource_size, ==, 1048576);
  g_assert_true (loaded->initial_sync_done);

  /* One URL once per account. */
  copy = reseau_address_book_copy (book);
  copy->id = 0;
  g_assert_false (reseau_database_save_address_book (fixture->database, copy, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_ALREADY_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (copy->id, ==, 0);

  /* A book of no stored account, or no stored book. */
  stray->account_id = 9999;
  g_assert_false (reseau_database_save_address_book (fixture->database, stray, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  stray->account_id = fixture->account_id;
  stray->id = 9999;
  g_assert_false (reseau_database_save_address_book (fixture->database, stray, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The default book: the first enabled, writable book of the oldest
   * account. */
  later_book = reseau_address_book_new ("https://cloud.example.net/carddav/camille/");
  g_ptr_array_add (later_books, later_book);
  g_assert_true (reseau_database_add_account (fixture->database, later, later_books, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reseau_database_get_default_book_id (fixture->database, &error), ==, fixture->book_id);
  g_assert_no_error (error);

  g_clear_pointer (&loaded, reseau_address_book_free);
  loaded = load_book (fixture, fixture->book_id);
  loaded->enabled = FALSE;
  g_assert_true (reseau_database_save_address_book (fixture->database, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reseau_database_get_default_book_id (fixture->database, &error), ==, fixture->book2_id);
  g_assert_no_error (error);

  g_clear_pointer (&loaded, reseau_address_book_free);
  loaded = load_book (fixture, fixture->book2_id);
  loaded->read_only = TRUE;
  g_assert_true (reseau_database_save_address_book (fixture->database, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reseau_database_get_default_book_id (fixture->database, &error), ==, later_book->id);
  g_assert_no_error (error);

  g_clear_pointer (&books, g_ptr_array_unref);
  books = reseau_database_list_address_books (fixture->database, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (books->len, ==, 4);
}

/* Revisions ----------------------------------------------------------------- */

static void
test_revision (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = save_new_contact (fixture, "Loïc Rivière", NULL);
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  const char *uid = reseau_contact_get_uid (contact);

  g_assert_cmpint (reseau_contact_get_revision (contact), ==, 1);
  g_assert_cmpint (revision_of (fixture, uid), ==, 1);

  reseau_contact_set_title (contact, "Motion designer");
  g_assert_true (reseau_database_save_contact (fixture->database, contact, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reseau_contact_get_revision (contact), ==, 2);

  /* Even a save that changes nothing counts: sync compares the cards. */
  g_ptr_array_add (batch, contact);
  g_assert_true (reseau_database_save_contacts (fixture->database, batch, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reseau_contact_get_revision (contact), ==, 3);

  loaded = reseau_database_load_contact (fixture->database, uid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reseau_contact_get_revision (loaded), ==, 3);
  all = reseau_database_list_contacts (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpint (reseau_contact_get_revision (g_ptr_array_index (all, 0)), ==, 3);

  /* The trash keeps the revision; a contact gone for good has none. */
  trash_contact (fixture, uid);
  g_assert_cmpint (revision_of (fixture, uid), ==, 3);
  g_assert_true (reseau_database_empty_trash (fixture->database, &error));
  g_assert_no_error (error);
  g_assert_cmpint (revision_of (fixture, uid), ==, 0);
  g_assert_cmpint (revision_of (fixture, "urn:uuid:never-there"), ==, 0);
}

/* Local changes -------------------------------------------------------------- */

static void
test_local_changes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ReseauContact) same = save_new_contact (fixture, "Anne Synchro", NULL);
  g_autoptr(ReseauContact) edited = save_new_contact (fixture, "Bruno Modifié", NULL);
  g_autoptr(ReseauContact) trashed = save_new_contact (fixture, "Chloé Corbeille", NULL);
  g_autoptr(ReseauContact) deleted = save_new_contact (fixture, "Denis Effacé", NULL);
  g_autoptr(ReseauContact) created = save_new_contact (fixture, "Élise Nouvelle", NULL);
  g_autoptr(ReseauContact) created_trashed = save_new_contact (fixture, "Fanny Jamais", NULL);
  g_autoptr(ReseauContact) elsewhere = save_new_contact (fixture, "Gaël Ailleurs", NULL);
  g_autoptr(ReseauLocalChanges) changes = NULL;
  g_autoptr(ReseauLocalChanges) without_created = NULL;
  g_autoptr(GError) error = NULL;
  ReseauContact *changed;

  record_synced (fixture, fixture->book_id, "same", same);
  record_synced (fixture, fixture->book_id, "edited", edited);
  record_synced (fixture, fixture->book_id, "trashed", trashed);
  record_synced (fixture, fixture->book_id, "deleted", deleted);
  record_synced (fixture, fixture->book2_id, "elsewhere", elsewhere);

  reseau_contact_set_note (edited, "Changé de poste.");
  g_assert_true (reseau_database_save_contact (fixture->database, edited, &error));
  g_assert_no_error (error);
  reseau_contact_set_note (elsewhere, "Changé ailleurs.");
  g_assert_true (reseau_database_save_contact (fixture->database, elsewhere, &error));
  g_assert_no_error (error);

  trash_contact (fixture, reseau_contact_get_uid (trashed));
  trash_contact (fixture, reseau_contact_get_uid (created_trashed));
  g_assert_true (reseau_database_delete_contact (fixture->database, reseau_contact_get_uid (deleted), &error));
  g_assert_no_error (error);

  changes = reseau_database_list_local_changes (fixture->database, fixture->book_id, TRUE, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (changes->created->len, ==, 1);
  g_assert_cmpstr (reseau_contact_get_uid (g_ptr_array_index (changes->created, 0)), ==,
                   reseau_contact_get_uid (created));
  g_assert_cmpint (reseau_contact_get_revision (g_ptr_array_index (changes->created, 0)), ==, 1);

  g_assert_cmpuint (changes->changed->len, ==, 1);
  changed = g_ptr_array_index (changes->changed, 0);
  g_assert_cmpstr (reseau_contact_get_uid (changed), ==, reseau_contact_get_uid (edited));
  g_assert_cmpstr (reseau_contact_get_note (changed), ==, "Changé de poste.");
  g_assert_cmpint (reseau_contact_get_revision (changed), ==, 2);

  g_assert_cmpuint (changes->deleted->len, ==, 2);
  g_assert_nonnull (find_card (changes->deleted, reseau_contact_get_uid (trashed)));
  g_assert_nonnull (find_card (changes->deleted, reseau_contact_get_uid (deleted)));
  g_assert_cmpstr (find_card (changes->deleted, reseau_contact_get_uid (deleted))->etag, ==, "\"1\"");

  /* Only the default book is asked for the contacts made here. */
  without_created = reseau_database_list_local_changes (fixture->database, fixture->book2_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (without_created->created);
  g_assert_cmpuint (without_created->created->len, ==, 0);
  g_assert_cmpuint (without_created->changed->len, ==, 1);
  g_assert_cmpstr (reseau_contact_get_uid (g_ptr_array_index (without_created->changed, 0)), ==,
                   reseau_contact_get_uid (elsewhere));
  g_assert_cmpuint (without_created->deleted->len, ==, 0);
}

/* Applying server pages -------------------------------------------------------- */

static void
test_apply_new_and_changed (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ReseauContact) from_server = reseau_contact_new ();
  g_autoptr(ReseauContact) local = save_new_contact (fixture, "Hugo Local", NULL);
  g_autoptr(ReseauContact) same = save_new_contact (fixture, "Inès Pareille", NULL);
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(ReseauLocalChanges) changes = NULL;
  g_autoptr(ReseauAddressBook) book = NULL;
  g_autoptr(GPtrArray) page = new_page ();
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  ReseauSyncedCard *card;
  guint n_skipped = 99;

  record_synced (fixture, fixture->book_id, "local", local);

  /* New on the server; changed on the server; the same on both sides,
   * after a local save the server never saw. */
  reseau_contact_set_full_name (from_server, "Julie Serveur");
  g_ptr_array_add (page, new_change ("julie", reseau_contact_get_uid (from_server), from_server, NULL, 0));
  {
    g_autoptr(ReseauContact) merged = reseau_contact_copy (local);

    reseau_contact_set_title (merged, "Directeur");
    g_ptr_array_add (page, new_change ("local", reseau_contact_get_uid (local), merged, NULL,
                                       reseau_contact_get_revision (local)));
  }
  {
    g_autofree char *base = card_text (same);

    g_ptr_array_add (page, new_change ("same", reseau_contact_get_uid (same), NULL, base,
                                       reseau_contact_get_revision (same)));
  }

  g_assert_true (reseau_database_apply_sync_page (fixture->database, fixture->book_id, page,
                                                  "token-1", "ctag-1", FALSE, &n_skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_skipped, ==, 0);

  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (from_server), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_display_name (loaded), ==, "Julie Serveur");
  g_assert_cmpint (reseau_contact_get_revision (loaded), ==, 1);
  g_clear_object (&loaded);
  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (local), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_title (loaded), ==, "Directeur");
  g_assert_cmpint (reseau_contact_get_revision (loaded), ==, 2);

  cards = reseau_database_list_synced_cards (fixture->database, fixture->book_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 3);
  card = find_card (cards, reseau_contact_get_uid (from_server));
  g_assert_cmpint (card->revision, ==, 1);
  g_assert_cmpstr (card->etag, ==, "\"julie-0\"");
  g_assert_true (g_str_has_suffix (card->href, "/julie.vcf"));
  g_assert_true (strstr (card->base, "FN:Julie Serveur") != NULL);
  card = find_card (cards, reseau_contact_get_uid (local));
  g_assert_cmpint (card->revision, ==, 2);
  g_assert_true (strstr (card->base, "Directeur") != NULL);
  card = find_card (cards, reseau_contact_get_uid (same));
  g_assert_cmpint (card->revision, ==, 1);

  /* What the server sent is not sent back. */
  changes = reseau_database_list_local_changes (fixture->database, fixture->book_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->created->len, ==, 0);
  g_assert_cmpuint (changes->changed->len, ==, 0);
  g_assert_cmpuint (changes->deleted->len, ==, 0);

  book = load_book (fixture, fixture->book_id);
  g_assert_cmpstr (book->sync_token, ==, "token-1");
  g_assert_cmpstr (book->ctag, ==, "ctag-1");
  g_assert_false (book->initial_sync_done);

  /* An empty page still moves the token; NULL keeps what was there. */
  g_ptr_array_set_size (page, 0);
  g_assert_true (reseau_database_apply_sync_page (fixture->database, fixture->book_id, page,
                                                  "token-2", NULL, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&book, reseau_address_book_free);
  book = load_book (fixture, fixture->book_id);
  g_assert_cmpstr (book->sync_token, ==, "token-2");
  g_assert_cmpstr (book->ctag, ==, "ctag-1");
  g_assert_true (book->initial_sync_done);

  /* Once done, a later page does not undo it. */
  g_assert_true (reseau_database_apply_sync_page (fixture->database, fixture->book_id, NULL,
                                                  NULL, "ctag-3", FALSE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&book, reseau_address_book_free);
  book = load_book (fixture, fixture->book_id);
  g_assert_cmpstr (book->sync_token, ==, "token-2");
  g_assert_cmpstr (book->ctag, ==, "ctag-3");
  g_assert_true (book->initial_sync_done);
}

static void
test_apply_removals (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ReseauContact) gone = save_new_contact (fixture, "Karim Parti", NULL);
  g_autoptr(ReseauContact) kept = save_new_contact (fixture, "Léa Gardée", NULL);
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(ReseauLocalChanges) changes = NULL;
  g_autoptr(GPtrArray) page = new_page ();
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  ReseauSyncChange *change;

  record_synced (fixture, fixture->book_id, "gone", gone);
  record_synced (fixture, fixture->book_id, "kept", kept);

  change = new_change ("gone", reseau_contact_get_uid (gone), NULL, NULL, reseau_contact_get_revision (gone));
  change->delete_contact = TRUE;
  g_ptr_array_add (page, change);
  /* Removed on the server but edited here: the engine keeps the contact. */
  g_ptr_array_add (page, new_change ("kept", reseau_contact_get_uid (kept), NULL, NULL,
                                     reseau_contact_get_revision (kept)));

  g_assert_true (reseau_database_apply_sync_page (fixture->database, fixture->book_id, page,
                                                  "token-1", NULL, FALSE, NULL, &error));
  g_assert_no_error (error);

  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (gone), &error);
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_clear_error (&error);
  g_assert_cmpint (revision_of (fixture, reseau_contact_get_uid (gone)), ==, 0);

  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (kept), &error);
  g_assert_no_error (error);

  cards = reseau_database_list_synced_cards (fixture->database, fixture->book_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 0);

  /* Linked to no card any more, the kept contact goes up again. */
  changes = reseau_database_list_local_changes (fixture->database, fixture->book_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->created->len, ==, 1);
  g_assert_true (has_contact (changes->created, reseau_contact_get_uid (kept)));
  g_assert_cmpuint (changes->deleted->len, ==, 0);
}

/* A server edit against a local delete keeps the edited contact. */
static void
test_apply_revives_trashed (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = save_new_contact (fixture, "Manon Corbeille", NULL);
  g_autoptr(ReseauContact) merged = NULL;
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(ReseauContact) other = save_new_contact (fixture, "Manon Corbeille bis", NULL);
  g_autoptr(GPtrArray) page = new_page ();
  g_autoptr(GError) error = NULL;
  const char *uid = reseau_contact_get_uid (contact);

  record_synced (fixture, fixture->book_id, "manon", contact);
  /* A merge moves the absorbed contact to the trash. */
  g_assert_true (reseau_database_merge_contacts (fixture->database, other, uid, &error));
  g_assert_no_error (error);
  loaded = reseau_database_load_contact (fixture->database, uid, &error);
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  merged = reseau_contact_copy (contact);
  reseau_contact_set_note (merged, "Nouvelle adresse.");
  g_ptr_array_add (page, new_change ("manon", uid, merged, NULL, revision_of (fixture, uid)));
  g_assert_true (reseau_database_apply_sync_page (fixture->database, fixture->book_id, page,
                                                  NULL, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);

  loaded = reseau_database_load_contact (fixture->database, uid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_note (loaded), ==, "Nouvelle adresse.");
}

static void
test_apply_needs_upload (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ReseauContact) local = save_new_contact (fixture, "Nadia Fusion", NULL);
  g_autoptr(ReseauContact) merged = NULL;
  g_autoptr(ReseauLocalChanges) changes = NULL;
  g_autoptr(GPtrArray) page = new_page ();
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  ReseauSyncChange *change;
  gint64 before;

  record_synced (fixture, fixture->book_id, "nadia", local);
  before = reseau_contact_get_revision (local);

  /* The merge took the server's title and kept a local note. */
  merged = reseau_contact_copy (local);
  reseau_contact_set_title (merged, "Architecte");
  reseau_contact_set_note (merged, "Note locale gardée.");
  change = new_change ("nadia", reseau_contact_get_uid (local), merged, NULL, before);
  change->needs_upload = TRUE;
  g_ptr_array_add (page, change);
  g_assert_true (reseau_database_apply_sync_page (fixture->database, fixture->book_id, page,
                                                  NULL, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reseau_contact_get_revision (merged), ==, before + 1);

  cards = reseau_database_list_synced_cards (fixture->database, fixture->book_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (find_card (cards, reseau_contact_get_uid (local))->revision, ==, before);

  changes = reseau_database_list_local_changes (fixture->database, fixture->book_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->changed->len, ==, 1);
  g_assert_cmpstr (reseau_contact_get_note (g_ptr_array_index (changes->changed, 0)), ==,
                   "Note locale gardée.");
}

/* A save during the sync wins over the page's change to that contact; the
 * rest of the page, and its token, still land. */
static void
test_apply_skips_local_edit (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ReseauContact) busy = save_new_contact (fixture, "Olivier Occupé", NULL);
  g_autoptr(ReseauContact) from_server = reseau_contact_new ();
  g_autoptr(ReseauContact) stale = NULL;
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(ReseauAddressBook) book = NULL;
  g_autoptr(GPtrArray) page = new_page ();
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  const char *uid = reseau_contact_get_uid (busy);
  gint64 seen;
  guint n_skipped = 0;

  record_synced (fixture, fixture->book_id, "olivier", busy);
  seen = reseau_contact_get_revision (busy);

  /* The engine computed its change from revision seen… */
  stale = reseau_contact_copy (busy);
  reseau_contact_set_title (stale, "Titre du serveur");
  g_ptr_array_add (page, new_change ("olivier", uid, stale, NULL, seen));
  /* …and a card for a UID it believed absent, which was created here since. */
  reseau_contact_set_uid (from_server, "urn:uuid:paula");
  reseau_contact_set_full_name (from_server, "Paula Serveur");
  g_ptr_array_add (page, new_change ("paula", reseau_contact_get_uid (from_server), from_server, NULL, 0));
  {
    g_autoptr(ReseauContact) paula = reseau_contact_new ();

    reseau_contact_set_uid (paula, "urn:uuid:paula");
    reseau_contact_set_full_name (paula, "Paula Locale");
    g_assert_true (reseau_database_save_contact (fixture->database, paula, &error));
    g_assert_no_error (error);
  }

  /* …then the user saved. */
  reseau_contact_set_note (busy, "Saisi pendant la synchronisation.");
  g_assert_true (reseau_database_save_contact (fixture->database, busy, &error));
  g_assert_no_error (error);

  g_assert_true (reseau_database_apply_sync_page (fixture->database, fixture->book_id, page,
                                                  "token-9", NULL, FALSE, &n_skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_skipped, ==, 2);

  loaded = reseau_database_load_contact (fixture->database, uid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_note (loaded), ==, "Saisi pendant la synchronisation.");
  g_assert_null (reseau_contact_get_title (loaded));
  g_clear_object (&loaded);
  loaded = reseau_database_load_contact (fixture->database, "urn:uuid:paula", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_display_name (loaded), ==, "Paula Locale");

  cards = reseau_database_list_synced_cards (fixture->database, fixture->book_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 1);
  g_assert_cmpint (find_card (cards, uid)->revision, ==, seen);

  book = load_book (fixture, fixture->book_id);
  g_assert_cmpstr (book->sync_token, ==, "token-9");
}

/* One bad change and nothing of the page lands, not even its token: the
 * next sync asks for the same page again. */
static void
test_apply_all_or_nothing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ReseauContact) fine = reseau_contact_new ();
  g_autoptr(ReseauContact) empty = reseau_contact_new ();
  g_autoptr(ReseauContact) local = save_new_contact (fixture, "Quentin Avant", NULL);
  g_autoptr(ReseauContact) changed = NULL;
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(ReseauAddressBook) book = NULL;
  g_autoptr(GPtrArray) page = new_page ();
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  ReseauSyncChange *change;
  guint n_skipped = 42;

  record_synced (fixture, fixture->book_id, "quentin", local);
  g_assert_true (reseau_database_apply_sync_page (fixture->database, fixture->book_id, NULL,
                                                  "token-before", "ctag-before", FALSE, NULL, &error));
  g_assert_no_error (error);

  reseau_contact_set_full_name (fine, "Rose Valide");
  g_ptr_array_add (page, new_change ("rose", reseau_contact_get_uid (fine), fine, NULL, 0));
  changed = reseau_contact_copy (local);
  reseau_contact_set_title (changed, "Changé");
  g_ptr_array_add (page, new_change ("quentin", reseau_contact_get_uid (local), changed, NULL,
                                     reseau_contact_get_revision (local)));
  change = new_change ("empty", reseau_contact_get_uid (empty), NULL, "BEGIN:VCARD\r\nEND:VCARD\r\n", 0);
  change->contact = g_object_ref (empty);
  g_ptr_array_add (page, change);

  g_assert_false (reseau_database_apply_sync_page (fixture->database, fixture->book_id, page,
                                                   "token-after", "ctag-after", TRUE, &n_skipped, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_EMPTY_CONTACT);
  g_clear_error (&error);
  g_assert_cmpuint (n_skipped, ==, 0);

  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (fine), &error);
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (local), &error);
  g_assert_no_error (error);
  g_assert_null (reseau_contact_get_title (loaded));
  g_assert_cmpint (reseau_contact_get_revision (loaded), ==, reseau_contact_get_revision (local));

  cards = reseau_database_list_synced_cards (fixture->database, fixture->book_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 1);

  book = load_book (fixture, fixture->book_id);
  g_assert_cmpstr (book->sync_token, ==, "token-before");
  g_assert_cmpstr (book->ctag, ==, "ctag-before");
  g_assert_false (book->initial_sync_done);
}

/* The account went away while the engine was talking to the server. */
static void
test_apply_to_removed_book (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ReseauContact) from_server = reseau_contact_new ();
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(GPtrArray) page = new_page ();
  g_autoptr(GError) error = NULL;

  reseau_contact_set_full_name (from_server, "Sami Tardif");
  g_ptr_array_add (page, new_change ("sami", reseau_contact_get_uid (from_server), from_server, NULL, 0));
  g_assert_true (reseau_database_remove_account (fixture->database, fixture->account_id, &error));
  g_assert_no_error (error);

  g_assert_false (reseau_database_apply_sync_page (fixture->database, fixture->book_id, page,
                                                   "token", NULL, FALSE, NULL, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (from_server), &error);
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);

  g_clear_error (&error);
  g_assert_false (reseau_database_record_upload (fixture->database, fixture->book_id, "https://x/y.vcf",
                                                 "urn:uuid:y", NULL, "BEGIN:VCARD\r\nEND:VCARD\r\n", 1,
                                                 &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
}

/* Uploads ----------------------------------------------------------------------- */

static void
test_record_upload_and_forget (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = save_new_contact (fixture, "Théo Envoyé", NULL);
  g_autoptr(ReseauLocalChanges) changes = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *href = href_for ("theo");
  g_autofree char *base = card_text (contact);
  const char *uid = reseau_contact_get_uid (contact);
  gint64 sent = reseau_contact_get_revision (contact);
  ReseauSyncedCard *card;

  /* Saved again while the PUT of revision sent was on its way. */
  g_assert_true (reseau_database_save_contact (fixture->database, contact, &error));
  g_assert_no_error (error);

  g_assert_true (reseau_database_record_upload (fixture->database, fixture->book_id, href, uid,
                                                "\"e1\"", base, sent, &error));
  g_assert_no_error (error);
  card = find_synced_card (fixture, fixture->book_id, uid, &cards);
  g_assert_nonnull (card);
  g_assert_cmpstr (card->href, ==, href);
  g_assert_cmpstr (card->etag, ==, "\"e1\"");
  g_assert_cmpstr (card->base, ==, base);
  g_assert_cmpint (card->revision, ==, sent);

  changes = reseau_database_list_local_changes (fixture->database, fixture->book_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->created->len, ==, 0);
  g_assert_cmpuint (changes->changed->len, ==, 1);
  g_clear_pointer (&changes, reseau_local_changes_free);

  /* The second PUT: the same href, a new ETag, nothing left to send. A
   * server without ETags on PUT gives none. */
  g_assert_true (reseau_database_record_upload (fixture->database, fixture->book_id, href, uid,
                                                NULL, base, reseau_contact_get_revision (contact), &error));
  g_assert_no_error (error);
  g_clear_pointer (&cards, g_ptr_array_unref);
  card = find_synced_card (fixture, fixture->book_id, uid, &cards);
  g_assert_null (card->etag);
  g_assert_cmpuint (cards->len, ==, 1);
  changes = reseau_database_list_local_changes (fixture->database, fixture->book_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->changed->len, ==, 0);
  g_clear_pointer (&changes, reseau_local_changes_free);

  g_assert_true (reseau_database_forget_synced_card (fixture->database, fixture->book_id, href, &error));
  g_assert_no_error (error);
  /* Forgetting what is not there is no error (a DELETE that found nothing). */
  g_assert_true (reseau_database_forget_synced_card (fixture->database, fixture->book_id, href, &error));
  g_assert_no_error (error);
  g_clear_pointer (&cards, g_ptr_array_unref);
  g_assert_null (find_synced_card (fixture, fixture->book_id, uid, &cards));
  changes = reseau_database_list_local_changes (fixture->database, fixture->book_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (has_contact (changes->created, uid));
}

/* Two hrefs with one UID (Xandikos accepts it): both are kept. */
static void
test_one_uid_two_hrefs (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ReseauContact) contact = save_new_contact (fixture, "Ugo Double", NULL);
  g_autoptr(ReseauLocalChanges) changes = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;

  record_synced (fixture, fixture->book_id, "ugo-1", contact);
  record_synced (fixture, fixture->book_id, "ugo-2", contact);
  cards = reseau_database_list_synced_cards (fixture->database, fixture->book_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 2);

  g_assert_true (reseau_database_save_contact (fixture->database, contact, &error));
  g_assert_no_error (error);
  changes = reseau_database_list_local_changes (fixture->database, fixture->book_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->changed->len, ==, 1);
}

/* Conflicts ------------------------------------------------------------------------ */

static ReseauConflict *
new_note_conflict (const char *local_note,
                   const char *server_note)
{
  ReseauConflict *conflict = g_new0 (ReseauConflict, 1);

  conflict->property = g_strdup ("NOTE");
  conflict->local_value = g_strdup (local_note);
  conflict->server_value = g_strdup (server_note);
  conflict->local_lines = g_strdup_printf ("NOTE:%s\r\n", local_note);

  return conflict;
}

/* Applies a server change of the contact's note that kept local_note aside. */
static void
apply_note_conflict (Fixture       *fixture,
                     const char    *name,
                     ReseauContact *contact,
                     const char    *local_note,
                     const char    *server_note)
{
  g_autoptr(ReseauContact) merged = reseau_contact_copy (contact);
  g_autoptr(GPtrArray) page = new_page ();
  g_autoptr(GError) error = NULL;
  ReseauSyncChange *change;

  reseau_contact_set_note (merged, server_note);
  reseau_contact_refresh_vcard (merged);
  change = new_change (name, reseau_contact_get_uid (contact), merged, NULL,
                       revision_of (fixture, reseau_contact_get_uid (contact)));
  change->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_conflict_free);
  g_ptr_array_add (change->conflicts, new_note_conflict (local_note, server_note));
  g_ptr_array_add (page, change);

  g_assert_true (reseau_database_apply_sync_page (fixture->database, fixture->book_id, page,
                                                  NULL, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
}

static void
test_conflicts (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ReseauContact) vera = save_new_contact (fixture, "Véra Conflit", "Note locale de Véra.");
  g_autoptr(ReseauContact) will = save_new_contact (fixture, "William Conflit", "Note locale de William.");
  g_autoptr(ReseauContact) loaded = NULL;
  g_autoptr(ReseauLocalChanges) changes = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) of_vera = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  ReseauConflict *conflict;
  gint64 conflict_id;
  gint64 before;

  record_synced (fixture, fixture->book_id, "vera", vera);
  apply_note_conflict (fixture, "vera", vera, "Note locale de Véra.", "Note du serveur pour Véra.");
  apply_note_conflict (fixture, "will", will, "Note locale de William.", "Note du serveur pour William.");
  /* The same card merged again (after a skipped change): one conflict. */
  apply_note_conflict (fixture, "will", will, "Note locale de William.", "Note du serveur pour William.");

  all = reseau_database_list_conflicts (fixture->database, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  of_vera = reseau_database_list_conflicts (fixture->database, reseau_contact_get_uid (vera), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_vera->len, ==, 1);
  conflict = g_ptr_array_index (of_vera, 0);
  g_assert_cmpint (conflict->id, >, 0);
  g_assert_cmpstr (conflict->uid, ==, reseau_contact_get_uid (vera));
  g_assert_cmpstr (conflict->property, ==, "NOTE");
  g_assert_cmpstr (conflict->local_value, ==, "Note locale de Véra.");
  g_assert_cmpstr (conflict->server_value, ==, "Note du serveur pour Véra.");
  g_assert_cmpint (conflict->created_at, >, 0);

  /* The server's value is what the contact says until the user restores. */
  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (vera), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_note (loaded), ==, "Note du serveur pour Véra.");
  before = reseau_contact_get_revision (loaded);
  g_clear_object (&loaded);

  g_assert_true (reseau_database_restore_conflict (fixture->database, conflict->id, &error));
  g_assert_no_error (error);
  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (vera), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_note (loaded), ==, "Note locale de Véra.");
  g_assert_cmpstr (reseau_contact_get_display_name (loaded), ==, "Véra Conflit");
  g_assert_cmpint (reseau_contact_get_revision (loaded), ==, before + 1);

  /* Restored means changed here: the next sync sends it. */
  changes = reseau_database_list_local_changes (fixture->database, fixture->book_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (has_contact (changes->changed, reseau_contact_get_uid (vera)));

  conflict_id = conflict->id;
  g_clear_pointer (&of_vera, g_ptr_array_unref);
  of_vera = reseau_database_list_conflicts (fixture->database, reseau_contact_get_uid (vera), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_vera->len, ==, 0);
  g_assert_false (reseau_database_restore_conflict (fixture->database, conflict_id, &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Dismissed: the server's value stays. */
  g_clear_pointer (&all, g_ptr_array_unref);
  all = reseau_database_list_conflicts (fixture->database, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  conflict = g_ptr_array_index (all, 0);
  g_assert_cmpstr (conflict->uid, ==, reseau_contact_get_uid (will));
  g_assert_true (reseau_database_dismiss_conflict (fixture->database, conflict->id, &error));
  g_assert_no_error (error);
  g_assert_true (reseau_database_dismiss_conflict (fixture->database, conflict->id, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = reseau_database_load_contact (fixture->database, reseau_contact_get_uid (will), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reseau_contact_get_note (loaded), ==, "Note du serveur pour William.");
  g_clear_pointer (&all, g_ptr_array_unref);
  all = reseau_database_list_conflicts (fixture->database, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);

  /* A conflict goes with its contact. */
  apply_note_conflict (fixture, "will", will, "Autre note locale.", "Autre note du serveur.");
  g_assert_true (reseau_database_delete_contact (fixture->database, reseau_contact_get_uid (will), &error));
  g_assert_no_error (error);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = reseau_database_list_conflicts (fixture->database, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ReseauAccount) account = reseau_account_new ("https://async.example.org/", "camille");
  g_autoptr(GPtrArray) books = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_address_book_free);
  g_autoptr(ReseauContact) contact = save_new_contact (fixture, "Xavier Async", "Note locale.");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  ReseauAddressBook *book = reseau_address_book_new ("https://async.example.org/books/1/");
  AsyncWait wait = { NULL };
  gint64 conflict_id;

  g_ptr_array_add (books, book);
  reseau_database_add_account_async (fixture->database, account, books, NULL, got_result, &wait);
  g_assert_true (reseau_database_add_account_finish (fixture->database, wait_for (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_cmpint (account->id, >, fixture->account_id);
  g_assert_cmpint (book->account_id, ==, account->id);

  reseau_database_list_accounts_async (fixture->database, NULL, got_result, &wait);
  list = reseau_database_list_accounts_finish (fixture->database, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  book->display_name = g_strdup ("Async");
  reseau_database_save_address_book_async (fixture->database, book, NULL, got_result, &wait);
  g_assert_true (reseau_database_save_address_book_finish (fixture->database, wait_for (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  reseau_database_list_address_books_async (fixture->database, account->id, NULL, got_result, &wait);
  list = reseau_database_list_address_books_finish (fixture->database, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((ReseauAddressBook *) g_ptr_array_index (list, 0))->display_name, ==, "Async");
  g_clear_pointer (&list, g_ptr_array_unref);

  apply_note_conflict (fixture, "xavier", contact, "Note locale.", "Note du serveur.");
  apply_note_conflict (fixture, "xavier", contact, "Autre note locale.", "Note du serveur.");
  reseau_database_list_conflicts_async (fixture->database, reseau_contact_get_uid (contact), NULL,
                                        got_result, &wait);
  list = reseau_database_list_conflicts_finish (fixture->database, wait_for (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_cmpuint (list->len, ==, 2);

  conflict_id = ((ReseauConflict *) g_ptr_array_index (list, 0))->id;
  reseau_database_dismiss_conflict_async (fixture->database, conflict_id, NULL, got_result, &wait);
  g_assert_true (reseau_database_dismiss_conflict_finish (fixture->database, wait_for (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  conflict_id = ((ReseauConflict *) g_ptr_array_index (list, 1))->id;
  reseau_database_restore_conflict_async (fixture->database, conflict_id, NULL, got_result, &wait);
  g_assert_true (reseau_database_restore_conflict_finish (fixture->database, wait_for (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_clear_pointer (&list, g_ptr_array_unref);

  reseau_database_remove_account_async (fixture->database, account->id, NULL, got_result, &wait);
  g_assert_true (reseau_database_remove_account_finish (fixture->database, wait_for (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  reseau_database_remove_account_async (fixture->database, account->id, NULL, got_result, &wait);
  g_assert_false (reseau_database_remove_account_finish (fixture->database, wait_for (&wait), &error));
  g_assert_error (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND);
  g_clear_object (&wait.result);
}

/* The password lives in the keyring only: no column of the schema could
 * hold it. */
static void
test_no_password_column (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  sqlite3_stmt *tables;
  guint n_tables = 0;
  guint n_columns = 0;

  /* Make sure the database is written before reading it from outside. */
  accounts = reseau_database_list_accounts (fixture->database, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      sqlite3_stmt *columns;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info (?1)", -1,
                                           &columns, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (columns, 1, (const char *) sqlite3_column_text (tables, 0), -1,
                         SQLITE_TRANSIENT);
      while (sqlite3_step (columns) == SQLITE_ROW)
        {
          g_autofree char *name = g_ascii_strdown ((const char *) sqlite3_column_text (columns, 0), -1);

          g_assert_null (strstr (name, "pass"));
          g_assert_null (strstr (name, "pwd"));
          g_assert_null (strstr (name, "secret"));
          n_columns++;
        }
      sqlite3_finalize (columns);
      n_tables++;
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);

  /* The check looked at the sync tables, not at nothing. */
  g_assert_cmpuint (n_tables, >=, 10);
  g_assert_cmpuint (n_columns, >, 60);
}

/* Crash safety -------------------------------------------------------------------- */

/* Each page brings CRASH_PAGE_SIZE new cards and a server edit of one
 * shared contact, whose note names the page. */
#define CRASH_PAGES     40
#define CRASH_PAGE_SIZE 25
#define SHARED_UID      "urn:uuid:shared-by-every-page"

static char *test_program;

/* The child process: applies pages first…last to the book, as the sync
 * engine would, and says on stdout when each one is committed. */
static int
apply_pages_main (const char *path,
                  gint64      book_id,
                  int         first,
                  int         last)
{
  g_autoptr(ReseauDatabase) database = reseau_database_new (path);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;

  if (!reseau_database_open (database, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* Made beforehand, so that once a page is committed the next one is
   * under way at once: the kill then lands inside a transaction. */
  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (int number = first; number <= last; number++)
    {
      GPtrArray *page = new_page ();
      g_autoptr(ReseauContact) shared = reseau_contact_new ();
      g_autofree char *note = g_strdup_printf ("page %d", number);

      for (int i = 0; i < CRASH_PAGE_SIZE; i++)
        {
          g_autoptr(ReseauContact) contact = reseau_contact_new ();
          g_autofree char *uid = g_strdup_printf ("urn:uuid:page-%d-card-%d", number, i);
          g_autofree char *name = g_strdup_printf ("Carte %d de la page %d", i, number);
          g_autofree char *href = g_strdup_printf ("p%d-c%d", number, i);

          reseau_contact_set_uid (contact, uid);
          reseau_contact_set_full_name (contact, name);
          g_ptr_array_add (page, new_change (href, uid, contact, NULL, 0));
        }

      reseau_contact_set_uid (shared, SHARED_UID);
      reseau_contact_set_full_name (shared, "Contact partagé");
      reseau_contact_set_note (shared, note);
      g_ptr_array_add (page, new_change ("shared", SHARED_UID, shared, NULL, 0));
      g_ptr_array_add (pages, page);
    }

  for (int number = first; number <= last; number++)
    {
      GPtrArray *page = g_ptr_array_index (pages, number - first);
      ReseauSyncChange *shared_change = g_ptr_array_index (page, page->len - 1);
      g_autofree char *token = g_strdup_printf ("token-%d", number);

      shared_change->expected_revision = reseau_database_get_contact_revision (database, SHARED_UID,
                                                                               &error);
      if (error != NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      if (!reseau_database_apply_sync_page (database, book_id, page, token, NULL,
                                            number == last, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("%d\n", number);
      fflush (stdout);
    }

  return 0;
}

static GSubprocess *
spawn_applier (Fixture *fixture,
               int      first)
{
  g_autofree char *book = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->book_id);
  g_autofree char *from = g_strdup_printf ("%d", first);
  g_autofree char *to = g_strdup_printf ("%d", CRASH_PAGES);
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, test_program, "--apply-pages",
                            fixture->path, book, from, to, NULL);
  g_assert_no_error (error);
  return child;
}

/* What the database holds must be exactly pages 1…n, n being the page of
 * the stored token: never a card without its token, nor a token without
 * its cards. Returns n. */
static int
assert_whole_pages (Fixture *fixture)
{
  g_autoptr(ReseauDatabase) database = reseau_database_new (fixture->path);
  g_autoptr(ReseauAddressBook) book = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(ReseauContact) shared = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  int n = 0;

  g_assert_true (reseau_database_open (database, &error));
  g_assert_no_error (error);

  g_clear_object (&fixture->database);
  fixture->database = g_object_ref (database);
  book = load_book (fixture, fixture->book_id);
  g_assert_nonnull (book->sync_token);
  g_assert_true (g_str_has_prefix (book->sync_token, "token-"));
  n = atoi (book->sync_token + strlen ("token-"));
  g_assert_cmpint (n, >=, 1);
  g_assert_cmpint (n, <=, CRASH_PAGES);
  g_assert_true (book->initial_sync_done == (n == CRASH_PAGES));

  summaries = reseau_database_list_summaries (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, n * CRASH_PAGE_SIZE + 1);
  cards = reseau_database_list_synced_cards (database, fixture->book_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, n * CRASH_PAGE_SIZE + 1);
  for (int number = 1; number <= n; number++)
    {
      g_autofree char *uid = g_strdup_printf ("urn:uuid:page-%d-card-%d", number, CRASH_PAGE_SIZE - 1);

      g_assert_nonnull (find_card (cards, uid));
    }

  shared = reseau_database_load_contact (database, SHARED_UID, &error);
  g_assert_no_error (error);
  note = g_strdup_printf ("page %d", n);
  g_assert_cmpstr (reseau_contact_get_note (shared), ==, note);
  /* One save per page that reached the disk, none lost, none twice. */
  g_assert_cmpint (reseau_contact_get_revision (shared), ==, n);

  return n;
}

/* SIGKILL in the middle of a sync, again and again, each time followed by
 * a sync that goes on from the stored token: the same contacts as an
 * uninterrupted sync, none twice, none lost. Where each kill lands varies
 * from run to run; what is asserted holds wherever it lands. */
static void
test_killed_during_sync (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_kills = 0;
  int n = 0;

  /* The child is the only writer, as a sync engine in another process. */
  g_clear_object (&fixture->database);

  while (n < CRASH_PAGES)
    {
      g_autoptr(GSubprocess) child = spawn_applier (fixture, n + 1);
      g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      int seen = n;
      int now;

      /* Two pages in, kill it: the third is most likely being written. */
      while (seen < n + 2)
        {
          g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);

          g_assert_no_error (error);
          if (line == NULL)
            break;
          seen = atoi (line);
        }
      g_subprocess_force_exit (child);
      g_assert_true (g_subprocess_wait (child, NULL, &error));
      g_assert_no_error (error);
      if (g_subprocess_get_if_signaled (child))
        n_kills++;

      now = assert_whole_pages (fixture);
      g_assert_cmpint (now, >=, seen);
      n = now;
      g_clear_object (&fixture->database);
    }

  g_test_message ("Killed %u times in %d pages", n_kills, CRASH_PAGES);
  g_assert_cmpuint (n_kills, >=, 1);
  g_assert_cmpint (assert_whole_pages (fixture), ==, CRASH_PAGES);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 6 && g_str_equal (argv[1], "--apply-pages"))
    return apply_pages_main (argv[2], g_ascii_strtoll (argv[3], NULL, 10), atoi (argv[4]), atoi (argv[5]));

  test_program = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/database-sync/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("accounts", test_accounts);
  ADD ("remove-account-keeps-contacts", test_remove_account_keeps_contacts);
  ADD ("books", test_books);
  ADD ("revision", test_revision);
  ADD ("local-changes", test_local_changes);
  ADD ("apply/new-and-changed", test_apply_new_and_changed);
  ADD ("apply/removals", test_apply_removals);
  ADD ("apply/revives-trashed", test_apply_revives_trashed);
  ADD ("apply/needs-upload", test_apply_needs_upload);
  ADD ("apply/skips-local-edit", test_apply_skips_local_edit);
  ADD ("apply/all-or-nothing", test_apply_all_or_nothing);
  ADD ("apply/removed-book", test_apply_to_removed_book);
  ADD ("record-upload-and-forget", test_record_upload_and_forget);
  ADD ("one-uid-two-hrefs", test_one_uid_two_hrefs);
  ADD ("conflicts", test_conflicts);
  ADD ("async", test_async);
  ADD ("no-password-column", test_no_password_column);
  ADD ("killed-during-sync", test_killed_during_sync);

#undef ADD

  return g_test_run ();
}
