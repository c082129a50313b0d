/* reseau-sync.c — the CardDAV sync engine: pull, merge, push
 *
 * One sync runs on one thread (the caller's, or a GTask thread for the
 * window) with one ReseauDavClient for the account. For each enabled book:
 *
 *   pull:  sync-collection pages (or ctag + ETag listing)
 *            │ hrefs whose ETag changed ──multiget, ≤ 100 a batch──▶ cards
 *            ▼
 *          server_change(): re-serialisation? untouched here? edited here?
 *            │                 (three-way merge against the stored base)
 *            ▼
 *          reseau_database_apply_sync_page(): the batch, and with the last
 *          batch of a page its removals and token, in one transaction
 *
 *   push:  reseau_database_list_local_changes()
 *            deleted ──DELETE If-Match──▶ forget the row
 *            changed ──PUT If-Match─────▶ record_upload (412: GET, merge, again)
 *            created ──PUT If-None-Match: * under a name made from the UID
 *
 * Crash safety comes from the order of things: a token is stored only in
 * the transaction that applies the changes it covers; a card is PUT before
 * its row is recorded (after a crash the next pull meets the card, finds
 * the local contact with its UID and links the two: no duplicate), and
 * DELETEd before its row is forgotten (the next DELETE finds 404: fine).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reseau-database-sync.h"
#include "reseau-error.h"
#include "reseau-problem.h"
#include "reseau-sync.h"
#include "reseau-vcard-contact.h"
#include "reseau-vcard-merge.h"

G_DEFINE_QUARK (reseau-sync-error-quark, reseau_sync_error)

/* RFC 6578 leaves the page size to the server; this is our multiget batch,
 * which CARDDAV.md caps at 100 hrefs. */
#define MULTIGET_BATCH 100
/* Rounds of PUT → 412 → merge before leaving a card for the next sync. */
#define MAX_PUT_ROUNDS 3
/* Names tried for a new card before giving up on it for this sync. */
#define MAX_NAME_ATTEMPTS 5

/* 0: the client's own defaults. Set once by tests before any sync. */
static guint client_timeout_seconds;
static guint client_max_retry_after_seconds;
static gboolean client_limits_set;

typedef struct
{
  ReseauDatabase         *database;
  ReseauDavClient        *client;
  ReseauSyncFlags         flags;
  ReseauSyncStats        *stats;
  ReseauSyncProgressFunc  progress;
  gpointer                progress_data;
  GCancellable           *cancellable;
  gint64                  default_book_id;
} Sync;

typedef struct
{
  Sync              *sync;
  ReseauAddressBook *book;
  /* The book's synced cards as stored when the step began. */
  GPtrArray         *rows;
  GHashTable        *rows_by_href;   /* href → ReseauSyncedCard*, borrowed from rows */
  GHashTable        *rows_by_uid;    /* uid → ReseauSyncedCard*, borrowed (the last one) */
  GHashTable        *uid_counts;     /* uid → number of rows with it */
  guint              n_rows_before;  /* rows when the pull began: the safety valve's base */
  /* UIDs a server card was linked to during this pull. */
  GHashTable        *linked_uids;
  /* Changes that write a contact without bringing anything from the
   * server (a re-serialised card merged with a local edit): not counted
   * as downloads. Borrowed pointers, until the change is applied. */
  GHashTable        *quiet_changes;
  guint              done;
  guint              total;
  gboolean           need_reconcile; /* the server has a UID at a href we do not know */
  gboolean           reconciled;     /* a full reconcile ran in this sync already */
} Book;

/* Small helpers ------------------------------------------------------------- */

void
reseau_sync_stats_init (ReseauSyncStats *stats)
{
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof *stats);
  stats->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
}

void
reseau_sync_stats_clear (ReseauSyncStats *stats)
{
  g_return_if_fail (stats != NULL);

  g_clear_pointer (&stats->problems, g_ptr_array_unref);
  memset (stats, 0, sizeof *stats);
}

void
reseau_sync_set_client_limits (guint timeout_seconds,
                               guint max_retry_after_seconds)
{
  client_timeout_seconds = timeout_seconds;
  client_max_retry_after_seconds = max_retry_after_seconds;
  client_limits_set = TRUE;
}

static const char *
book_name (ReseauAddressBook *book)
{
  return book->display_name != NULL && *book->display_name != '\0'
         ? book->display_name : book->url;
}

static void
report_progress (Book *bk)
{
  if (bk->sync->progress != NULL)
    bk->sync->progress (bk->done, bk->total, bk->sync->progress_data);
}

static void
add_problem (Book       *bk,
             const char *subject,
             const char *message)
{
  g_ptr_array_add (bk->sync->stats->problems,
                   reseau_problem_new (NULL, 0, subject, message));
}

/* Errors after which going on with the next card makes no sense: the
 * server, the network or the database is gone, or the user cancelled. A
 * card the server refuses (4xx, a 5xx on that PUT) is only that card's
 * problem. */
static gboolean
is_fatal (const GError *error)
{
  if (error->domain != RESEAU_DAV_ERROR)
    return TRUE;

  return error->code == RESEAU_DAV_ERROR_UNAUTHORIZED
         || error->code == RESEAU_DAV_ERROR_UNREACHABLE
         || error->code == RESEAU_DAV_ERROR_TLS
         || error->code == RESEAU_DAV_ERROR_REDIRECT;
}

/* An error on a request that carried a sync token: the token may be what
 * the server refuses (Radicale 403 valid-sync-token, Xandikos 500, others
 * 409 or 412). A wrong password or a network failure is not that. */
static gboolean
token_may_be_refused (const GError *error)
{
  if (error->domain != RESEAU_DAV_ERROR)
    return FALSE;

  return error->code == RESEAU_DAV_ERROR_FORBIDDEN
         || error->code == RESEAU_DAV_ERROR_CONFLICT
         || error->code == RESEAU_DAV_ERROR_PRECONDITION
         || error->code == RESEAU_DAV_ERROR_REFUSED
         || error->code == RESEAU_DAV_ERROR_SERVER
         || error->code == RESEAU_DAV_ERROR_MALFORMED;
}

static char *
card_text_uid (const ReseauVCard *card)
{
  ReseauVCardProperty *uid = reseau_vcard_get (card, "UID");
  char *text;

  if (uid == NULL)
    return NULL;
  text = reseau_vcard_property_get_text (uid);
  if (text != NULL && *g_strstrip (text) == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* What to call a card in a message when there is no contact to name. */
static char *
card_subject (const char *text,
              const char *fallback)
{
  g_autoptr(ReseauVCard) card = text != NULL ? reseau_vcard_parse (text, -1, NULL) : NULL;
  ReseauVCardProperty *fn = card != NULL ? reseau_vcard_get (card, "FN") : NULL;

  if (fn != NULL)
    return reseau_vcard_property_get_text (fn);
  return g_strdup (fallback);
}

/* The resource name of a new card: its UID kept to what no server or
 * proxy mangles, so that a card PUT before a crash is found again under
 * the same name (If-None-Match then answers 412 and the GET links it). */
static char *
resource_name (const char *uid,
               guint       attempt)
{
  GString *name = g_string_new (NULL);

  if (g_str_has_prefix (uid, "urn:uuid:"))
    uid += strlen ("urn:uuid:");
  for (const char *p = uid; *p != '\0' && name->len < 200; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '.' || *p == '_' || *p == '-')
        g_string_append_c (name, *p);
      else
        g_string_append_c (name, '_');
    }
  if (name->len == 0)
    g_string_append (name, "contact");
  if (attempt > 0)
    g_string_append_printf (name, "-%u", attempt);
  g_string_append (name, ".vcf");

  return g_string_free (name, FALSE);
}

static char *
member_url (ReseauAddressBook *book,
            const char        *name)
{
  if (g_str_has_suffix (book->url, "/"))
    return g_strconcat (book->url, name, NULL);
  return g_strconcat (book->url, "/", name, NULL);
}

/* Hrefs come back from the client absolute and normalised; the book's own
 * URL may differ from the collection's href by a trailing slash only. */
static gboolean
is_book_itself (Book              *bk,
                ReseauDavResource *resource)
{
  gsize book_len = strlen (bk->book->url);
  gsize href_len = strlen (resource->href);

  if (resource->is_collection)
    return TRUE;
  while (book_len > 0 && bk->book->url[book_len - 1] == '/')
    book_len--;
  while (href_len > 0 && resource->href[href_len - 1] == '/')
    href_len--;
  return book_len == href_len && strncmp (bk->book->url, resource->href, book_len) == 0;
}

static ReseauSyncChange *
change_new (const char *href,
            const char *etag,
            const char *base,
            const char *uid)
{
  ReseauSyncChange *change = g_new0 (ReseauSyncChange, 1);

  change->href = g_strdup (href);
  change->etag = g_strdup (etag);
  change->base = g_strdup (base);
  change->uid = g_strdup (uid);

  return change;
}

static GPtrArray *
changes_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_sync_change_free);
}

/* Rows ------------------------------------------------------------------------ */

static void
book_clear_rows (Book *bk)
{
  g_clear_pointer (&bk->rows_by_href, g_hash_table_unref);
  g_clear_pointer (&bk->rows_by_uid, g_hash_table_unref);
  g_clear_pointer (&bk->uid_counts, g_hash_table_unref);
  g_clear_pointer (&bk->rows, g_ptr_array_unref);
}

static gboolean
book_load_rows (Book    *bk,
                GError **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  rows = reseau_database_list_synced_cards (bk->sync->database, bk->book->id, error);
  if (rows == NULL)
    return FALSE;

  book_clear_rows (bk);
  bk->rows = g_steal_pointer (&rows);
  bk->rows_by_href = g_hash_table_new (g_str_hash, g_str_equal);
  bk->rows_by_uid = g_hash_table_new (g_str_hash, g_str_equal);
  bk->uid_counts = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < bk->rows->len; i++)
    {
      ReseauSyncedCard *row = g_ptr_array_index (bk->rows, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (bk->uid_counts, row->uid));

      g_hash_table_insert (bk->rows_by_href, row->href, row);
      g_hash_table_insert (bk->rows_by_uid, row->uid, row);
      g_hash_table_insert (bk->uid_counts, row->uid, GUINT_TO_POINTER (count + 1));
    }

  return TRUE;
}

/* The live contact with that UID, NULL (no error) when there is none. */
static gboolean
load_live_contact (Book           *bk,
                   const char     *uid,
                   ReseauContact **contact,
                   GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  *contact = NULL;
  if (uid == NULL)
    return TRUE;

  *contact = reseau_database_load_contact (bk->sync->database, uid, &local_error);
  if (*contact == NULL)
    {
      if (g_error_matches (local_error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* The stored revision of the contact uid, live or in the trash; 0 when
 * there is none. */
static gboolean
read_revision (Book        *bk,
               const char  *uid,
               gint64      *revision,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *revision = 0;
  if (uid == NULL)
    return TRUE;
  *revision = reseau_database_get_contact_revision (bk->sync->database, uid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Server changes --------------------------------------------------------------- */

/* The change a server card makes here. Returns FALSE only on a database
 * error; *out is NULL when the card is left aside (unreadable, a group
 * card, a card with nothing to show a contact by). */
static gboolean
server_change (Book               *bk,
               const char         *href,
               const char         *etag,
               const char         *text,
               ReseauSyncChange  **out,
               GError            **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(ReseauVCard) card = NULL;
  g_autoptr(ReseauVCard) base = NULL;
  g_autoptr(ReseauContact) local = NULL;
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(ReseauSyncChange) change = NULL;
  g_autofree char *card_uid = NULL;
  ReseauSyncedCard *row;
  const char *uid;
  gint64 revision;
  gboolean quiet = FALSE;

  *out = NULL;

  card = reseau_vcard_parse (text, -1, &parse_error);
  if (card == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The server sent a card that cannot be read (%s); it was left "
                           "as it is on the server. Check it with another client."),
                         parse_error->message);

      add_problem (bk, href, message);
      bk->sync->stats->skipped++;
      return TRUE;
    }

  /* Groups (vCard 4 KIND:group, Apple's X-ADDRESSBOOKSERVER-KIND) are not
   * people: they stay on the server untouched, never linked, so that no
   * push can ever delete or rewrite them. */
  if (reseau_vcard_is_group (card))
    return TRUE;

  row = g_hash_table_lookup (bk->rows_by_href, href);
  card_uid = card_text_uid (card);
  /* The href remembers the link of a card that has no UID of its own. */
  uid = row != NULL ? row->uid : card_uid;

  if (row != NULL && row->base != NULL)
    base = reseau_vcard_parse (row->base, -1, NULL);

  if (!load_live_contact (bk, uid, &local, error))
    return FALSE;
  revision = local != NULL ? reseau_contact_get_revision (local) : 0;

  change = change_new (href, etag, text, NULL);
  /* What apply_sync_page() compares with: a trashed contact has one too. */
  if (!read_revision (bk, uid, &change->expected_revision, error))
    return FALSE;

  /* Radicale sorts and unfolds what it is sent: the same card said again
   * is not an edit. Only the row changes then — unless the contact was
   * edited here, whose edit the merge below keeps for the push (a
   * row-only change would record the edited revision as sent). */
  if (row != NULL && base != NULL && reseau_vcard_equal (base, card)
      && (local == NULL || revision <= row->revision))
    {
      change->uid = g_strdup (row->uid);
      if (uid != NULL)
        g_hash_table_add (bk->linked_uids, g_strdup (uid));
      *out = g_steal_pointer (&change);
      return TRUE;
    }

  if (local == NULL)
    {
      /* New here, or deleted here while it changed there: the edit wins
       * over the delete, so the server's card comes (back). */
      contact = reseau_contact_new_from_vcard (card);
      if (uid != NULL)
        reseau_contact_set_uid (contact, uid);
    }
  else if (row != NULL && revision <= row->revision)
    contact = reseau_contact_with_card (local, card);
  else
    {
      /* Edited on both sides (or meeting for the first time, base NULL):
       * merge, field by field. */
      g_autoptr(ReseauVCard) local_card = reseau_contact_to_vcard (local, FALSE);
      g_autoptr(ReseauVCard) merged = NULL;
      g_autoptr(GPtrArray) conflicts =
        g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_conflict_free);

      merged = reseau_vcard_merge3 (base, local_card, card, conflicts);
      contact = reseau_contact_with_card (local, merged);
      change->needs_upload = !reseau_vcard_equal (merged, card);
      quiet = reseau_vcard_equal (merged, local_card);
      for (guint i = 0; i < conflicts->len; i++)
        {
          ReseauConflict *conflict = g_ptr_array_index (conflicts, i);

          g_free (conflict->uid);
          conflict->uid = g_strdup (reseau_contact_get_uid (local));
        }
      bk->sync->stats->conflicts += conflicts->len;
      if (conflicts->len > 0)
        change->conflicts = g_steal_pointer (&conflicts);
    }

  if (reseau_contact_is_empty (contact))
    {
      add_problem (bk, href,
                   _("The server has a card without a name, organization, email or "
                     "phone; it was left on the server and not shown here."));
      bk->sync->stats->skipped++;
      return TRUE;
    }

  change->uid = g_strdup (reseau_contact_get_uid (contact));
  change->contact = g_steal_pointer (&contact);
  g_hash_table_add (bk->linked_uids, g_strdup (change->uid));
  if (quiet)
    g_hash_table_add (bk->quiet_changes, change);
  *out = g_steal_pointer (&change);
  return TRUE;
}

/* A card removed on the server, or absent from a full listing. */
static gboolean
removal_change (Book               *bk,
                ReseauSyncedCard   *row,
                ReseauSyncChange  **out,
                GError            **error)
{
  g_autoptr(ReseauSyncChange) change = change_new (row->href, NULL, NULL, row->uid);
  g_autoptr(ReseauContact) contact = NULL;
  guint n_rows_with_uid;

  if (!read_revision (bk, row->uid, &change->expected_revision, error)
      || !load_live_contact (bk, row->uid, &contact, error))
    return FALSE;
  n_rows_with_uid = GPOINTER_TO_UINT (g_hash_table_lookup (bk->uid_counts, row->uid));

  if (contact != NULL && reseau_contact_get_revision (contact) > row->revision)
    {
      /* Edited here since: the edit wins. Forgetting the row makes it a
       * contact of no book, which the push sends again as a new card. */
      add_problem (bk, reseau_contact_get_display_name (contact),
                   _("This contact was deleted on the server after you edited it here. "
                     "It was kept, and will be sent to the server again."));
    }
  else if (n_rows_with_uid > 1 || g_hash_table_contains (bk->linked_uids, row->uid))
    {
      /* The contact lives on under another href (a card moved or made
       * twice): only this link goes. */
    }
  else
    change->delete_contact = TRUE;

  *out = g_steal_pointer (&change);
  return TRUE;
}

/* The safety valve, before any removal of a pull is applied. */
static gboolean
check_mass_deletion (Book     *bk,
                     guint     n_removed,
                     gboolean  listing_empty,
                     GError  **error)
{
  guint n_rows = bk->n_rows_before;

  if (bk->sync->flags & RESEAU_SYNC_ALLOW_MASS_DELETION)
    return TRUE;
  if (n_removed == 0)
    return TRUE;
  if (!(n_rows >= 10 && n_removed * 2 > n_rows) && !(listing_empty && n_rows > 0))
    return TRUE;

  g_set_error (error, RESEAU_SYNC_ERROR, RESEAU_SYNC_ERROR_MASS_DELETION,
               /* Translators: the first %u is how many were deleted, the second how
                * many the address book held, %s its name */
               g_dngettext (GETTEXT_PACKAGE,
                            "The server says %u of the %u contacts of “%s” was deleted there. "
                            "To protect your contacts nothing was deleted here. If this is "
                            "what you want, sync again allowing mass deletion; otherwise "
                            "check the address book on the server.",
                            "The server says %u of the %u contacts of “%s” were deleted there. "
                            "To protect your contacts nothing was deleted here. If this is "
                            "what you want, sync again allowing mass deletion; otherwise "
                            "check the address book on the server.",
                            n_removed),
               n_removed, n_rows, book_name (bk->book));
  return FALSE;
}

/* Applies one list of changes, counting what happened. */
static gboolean
apply_changes (Book        *bk,
               GPtrArray   *changes,
               const char  *sync_token,
               const char  *ctag,
               gboolean     initial_sync_done,
               GError     **error)
{
  guint n_skipped = 0;
  guint n_downloaded = 0;
  guint n_deleted = 0;

  for (guint i = 0; i < changes->len; i++)
    {
      ReseauSyncChange *change = g_ptr_array_index (changes, i);

      if (change->contact != NULL)
        {
          if (!g_hash_table_remove (bk->quiet_changes, change))
            n_downloaded++;
        }
      else if (change->base == NULL && change->delete_contact && change->expected_revision > 0)
        n_deleted++;
    }

  /* Nothing new: no write at all (the sync that finds nothing changed). */
  if (changes->len == 0
      && (sync_token == NULL || g_strcmp0 (sync_token, bk->book->sync_token) == 0)
      && (ctag == NULL || g_strcmp0 (ctag, bk->book->ctag) == 0)
      && (!initial_sync_done || bk->book->initial_sync_done))
    return TRUE;

  if (!reseau_database_apply_sync_page (bk->sync->database, bk->book->id, changes,
                                        sync_token, ctag, initial_sync_done,
                                        &n_skipped, error))
    return FALSE;

  /* n_skipped does not say which changes were skipped: a skipped change is
   * counted as a download left for later, the most common case. */
  bk->sync->stats->skipped += n_skipped;
  bk->sync->stats->downloaded += n_downloaded - MIN (n_downloaded, n_skipped);
  bk->sync->stats->deleted += n_deleted;
  if (sync_token != NULL)
    {
      g_free (bk->book->sync_token);
      bk->book->sync_token = g_strdup (sync_token);
    }
  if (ctag != NULL)
    {
      g_free (bk->book->ctag);
      bk->book->ctag = g_strdup (ctag);
    }
  if (initial_sync_done)
    bk->book->initial_sync_done = TRUE;
  return TRUE;
}

/* Fetches hrefs (borrowed strings) by multiget in batches and applies each
 * batch; the last batch carries removals, the token and the ctag. A href
 * the server did not send sets *missing: its card comes at a later sync,
 * so the token must not be stored past it (it would never be listed as
 * changed again). */
static gboolean
fetch_and_apply (Book        *bk,
                 GPtrArray   *hrefs,
                 GPtrArray   *removals,
                 const char  *sync_token,
                 const char  *ctag,
                 gboolean     initial_sync_done,
                 gboolean    *missing,
                 GError     **error)
{
  guint next = 0;
  gboolean last;

  bk->total += hrefs->len;
  report_progress (bk);

  do
    {
      g_autoptr(GPtrArray) changes = changes_new ();
      guint n = MIN (MULTIGET_BATCH, hrefs->len - next);

      if (n > 0)
        {
          g_autoptr(GPtrArray) batch = g_ptr_array_sized_new (n + 1);
          g_autoptr(GHashTable) asked = g_hash_table_new (g_str_hash, g_str_equal);
          g_autoptr(GHashTable) answered = g_hash_table_new (g_str_hash, g_str_equal);
          g_autoptr(ReseauDavMultistatus) answer = NULL;

          for (guint i = 0; i < n; i++)
            {
              g_ptr_array_add (batch, g_ptr_array_index (hrefs, next + i));
              g_hash_table_add (asked, g_ptr_array_index (hrefs, next + i));
            }
          g_ptr_array_add (batch, NULL);

          answer = reseau_dav_client_multiget (bk->sync->client, bk->book->url,
                                               (const char * const *) batch->pdata,
                                               bk->sync->cancellable, error);
          if (answer == NULL)
            return FALSE;

          for (guint i = 0; i < answer->responses->len; i++)
            {
              ReseauDavResource *resource = g_ptr_array_index (answer->responses, i);
              ReseauSyncChange *change = NULL;

              if (resource->address_data == NULL
                  || (resource->status != 0 && resource->status != 200))
                continue;
              if (!g_hash_table_contains (asked, resource->href)
                  || g_hash_table_contains (answered, resource->href))
                continue;
              g_hash_table_add (answered, resource->href);
              if (!server_change (bk, resource->href, resource->etag,
                                  resource->address_data, &change, error))
                return FALSE;
              if (change != NULL)
                g_ptr_array_add (changes, change);
            }

          for (guint i = 0; i < n; i++)
            if (!g_hash_table_contains (answered, g_ptr_array_index (batch, i)))
              {
                *missing = TRUE;
                bk->sync->stats->skipped++;
              }

          next += n;
          bk->done += n;
        }

      last = next >= hrefs->len;
      if (last && removals != NULL)
        {
          g_ptr_array_extend_and_steal (changes, g_ptr_array_ref (removals));
          g_ptr_array_set_size (removals, 0);
        }

      if (!apply_changes (bk, changes,
                          last && !*missing ? sync_token : NULL,
                          last && !*missing ? ctag : NULL,
                          last && !*missing && initial_sync_done,
                          error))
        return FALSE;
      report_progress (bk);
    }
  while (!last);

  return TRUE;
}

/* Collects the removals of a full listing: rows synced before that the
 * server no longer lists. */
static gboolean
collect_absent (Book        *bk,
                GHashTable  *listed,
                GPtrArray   *removals,
                GError     **error)
{
  for (guint i = 0; i < bk->rows->len; i++)
    {
      ReseauSyncedCard *row = g_ptr_array_index (bk->rows, i);
      ReseauSyncChange *change = NULL;

      if (g_hash_table_contains (listed, row->href))
        continue;
      if (!removal_change (bk, row, &change, error))
        return FALSE;
      g_ptr_array_add (removals, change);
    }
  return TRUE;
}

/* Pull with sync-collection. full: ignore the stored token. */
static gboolean
pull_sync_collection (Book     *bk,
                      gboolean  full,
                      GError  **error)
{
  g_autofree char *token = NULL;
  g_autoptr(GHashTable) listed = NULL;
  gboolean missing = FALSE;
  guint n_removed = 0;
  gboolean retried = full;
  gboolean rows_loaded = FALSE;
  gboolean rows_stale = TRUE;

  if (!full && bk->book->sync_token != NULL && *bk->book->sync_token != '\0')
    token = g_strdup (bk->book->sync_token);

  full = token == NULL;
  if (full)
    listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(ReseauDavMultistatus) page = NULL;
      g_autoptr(GPtrArray) fetch = g_ptr_array_new ();
      g_autoptr(GPtrArray) removals = changes_new ();
      gboolean last;

      page = reseau_dav_client_sync_collection (bk->sync->client, bk->book->url, token,
                                                bk->sync->cancellable, &local_error);
      if (page == NULL)
        {
          if (token != NULL && !retried && token_may_be_refused (local_error))
            {
              /* Once, from scratch: a full listing reconciled against the
               * rows, which deletes only what was synced before. */
              g_debug ("Sync token of %s refused (%s); listing the book in full",
                       bk->book->url, local_error->message);
              return pull_sync_collection (bk, TRUE, error);
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Only the first request of an incremental pull tells whether the
       * stored token is refused; later ones carry the server's own. */
      retried = TRUE;
      last = !page->truncated;

      /* The rows are read only when there is something to compare them
       * with (a sync that finds nothing changed reads none), and again
       * after a page changed them: a card that page 1 brought and page 2
       * removes must be found. */
      if (rows_stale && (page->responses->len > 0 || (full && last)))
        {
          if (!book_load_rows (bk, error))
            return FALSE;
          if (!rows_loaded)
            bk->n_rows_before = bk->rows->len;
          rows_loaded = TRUE;
          rows_stale = FALSE;
        }

      for (guint i = 0; i < page->responses->len; i++)
        {
          ReseauDavResource *resource = g_ptr_array_index (page->responses, i);
          ReseauSyncedCard *row;

          if (is_book_itself (bk, resource))
            continue;
          row = g_hash_table_lookup (bk->rows_by_href, resource->href);
          if (resource->status == 404)
            {
              ReseauSyncChange *change = NULL;

              if (full || row == NULL)
                continue;
              if (!removal_change (bk, row, &change, error))
                return FALSE;
              g_ptr_array_add (removals, change);
              continue;
            }
          if (listed != NULL)
            g_hash_table_add (listed, g_strdup (resource->href));
          if (row != NULL && resource->etag != NULL && row->etag != NULL
              && strcmp (resource->etag, row->etag) == 0)
            continue;
          g_ptr_array_add (fetch, resource->href);
        }

      if (full && last)
        {
          if (!collect_absent (bk, listed, removals, error))
            return FALSE;
          if (!check_mass_deletion (bk, removals->len, g_hash_table_size (listed) == 0, error))
            return FALSE;
        }
      else if (!check_mass_deletion (bk, n_removed + removals->len, FALSE, error))
        return FALSE;
      n_removed += removals->len;

      /* A full listing's removals are known only at its end, and must be
       * applied with the token that covers them: before that, no token is
       * stored (a crash then starts the listing again, and the cards
       * already applied are not fetched again since their ETags match). */
      rows_stale = rows_stale || fetch->len > 0 || removals->len > 0;
      if (!fetch_and_apply (bk, fetch, removals,
                            full && !last ? NULL : page->sync_token, NULL,
                            full && last, &missing, error))
        return FALSE;

      if (last)
        return TRUE;
      if (page->sync_token == NULL || *page->sync_token == '\0')
        {
          g_set_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_MALFORMED,
                       _("The server %s said more changes follow but gave no sync token "
                         "to ask for them. Try again later; if it persists, report it to "
                         "the server’s administrator."),
                       bk->book->url);
          return FALSE;
        }
      g_free (token);
      token = g_strdup (page->sync_token);
    }
}

/* Pull without sync-collection: the ctag, then a Depth 1 ETag listing. */
static gboolean
pull_ctag (Book     *bk,
           gboolean  force,
           GError  **error)
{
  g_autoptr(ReseauDavMultistatus) props = NULL;
  g_autoptr(ReseauDavMultistatus) listing = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) fetch = g_ptr_array_new ();
  g_autoptr(GPtrArray) removals = changes_new ();
  const char *ctag = NULL;
  gboolean missing = FALSE;

  props = reseau_dav_client_propfind (bk->sync->client, bk->book->url, "0",
                                      RESEAU_DAV_ASK_BOOKS, bk->sync->cancellable, error);
  if (props == NULL)
    return FALSE;
  for (guint i = 0; i < props->responses->len; i++)
    {
      ReseauDavResource *resource = g_ptr_array_index (props->responses, i);

      if (resource->ctag != NULL)
        ctag = resource->ctag;
    }
  if (!force && ctag != NULL && bk->book->ctag != NULL && bk->book->initial_sync_done
      && strcmp (ctag, bk->book->ctag) == 0)
    return TRUE;

  if (!book_load_rows (bk, error))
    return FALSE;
  bk->n_rows_before = bk->rows->len;

  listing = reseau_dav_client_propfind (bk->sync->client, bk->book->url, "1",
                                        RESEAU_DAV_ASK_ETAGS, bk->sync->cancellable, error);
  if (listing == NULL)
    return FALSE;

  for (guint i = 0; i < listing->responses->len; i++)
    {
      ReseauDavResource *resource = g_ptr_array_index (listing->responses, i);
      ReseauSyncedCard *row;

      if (is_book_itself (bk, resource) || resource->status == 404)
        continue;
      g_hash_table_add (listed, resource->href);
      row = g_hash_table_lookup (bk->rows_by_href, resource->href);
      if (row != NULL && resource->etag != NULL && row->etag != NULL
          && strcmp (resource->etag, row->etag) == 0)
        continue;
      g_ptr_array_add (fetch, resource->href);
    }

  if (!collect_absent (bk, listed, removals, error))
    return FALSE;
  if (!check_mass_deletion (bk, removals->len, g_hash_table_size (listed) == 0, error))
    return FALSE;

  return fetch_and_apply (bk, fetch, removals, NULL, ctag, TRUE, &missing, error);
}

static gboolean
pull (Book     *bk,
      gboolean  full,
      GError  **error)
{
  g_hash_table_remove_all (bk->linked_uids);
  if (bk->book->supports_sync_collection)
    return pull_sync_collection (bk, full, error);
  return pull_ctag (bk, full, error);
}

/* Push --------------------------------------------------------------------------- */

/* After a PUT: the card as the server keeps it. Without a strong ETag the
 * server may have changed the card: GET it back, and keep its text as the
 * base, so that the next pull compares against what the server holds. */
static gboolean
record_sent_card (Book        *bk,
                  const char  *href,
                  const char  *uid,
                  const char  *etag,
                  const char  *sent,
                  gint64       revision,
                  GError     **error)
{
  g_autofree char *server_etag = NULL;
  g_autofree char *server_text = NULL;

  if (etag == NULL)
    {
      server_text = reseau_dav_client_get (bk->sync->client, href, &server_etag,
                                           bk->sync->cancellable, error);
      if (server_text == NULL)
        return FALSE;
    }

  return reseau_database_record_upload (bk->sync->database, bk->book->id, href, uid,
                                        etag != NULL ? etag : server_etag,
                                        server_text != NULL ? server_text : sent,
                                        revision, error);
}

static void add_card_problem (Book          *bk,
                              ReseauContact *contact,
                              const char    *format,
                              ...) G_GNUC_PRINTF (3, 4);

static void
add_card_problem (Book          *bk,
                  ReseauContact *contact,
                  const char    *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem (bk, reseau_contact_get_display_name (contact), message);
}

static gboolean
check_size (Book          *bk,
            ReseauContact *contact,
            const char    *text)
{
  gsize size = strlen (text);
  g_autofree char *size_text = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *message = NULL;

  if (bk->book->max_resource_size <= 0 || size <= (gsize) bk->book->max_resource_size)
    return TRUE;

  size_text = g_format_size (size);
  limit_text = g_format_size (bk->book->max_resource_size);
  message = g_strdup_printf (_("This contact’s card (%s) is larger than the server accepts "
                               "(%s); it was not sent. Make its photo smaller or its note "
                               "shorter, then sync again."),
                             size_text, limit_text);
  add_problem (bk, reseau_contact_get_display_name (contact), message);
  return FALSE;
}

/* A PUT refused for another reason than a precondition (412): a fatal
 * error ends the sync (FALSE, put_error moved to error); any other leaves
 * this card unsent, as a problem of its own, and the push goes on (TRUE).
 * Takes put_error. */
static gboolean
put_refused (Book           *bk,
             ReseauContact  *contact,
             GError         *put_error,
             GError        **error)
{
  g_autoptr(GError) refused = put_error;

  if (is_fatal (refused))
    {
      g_propagate_error (error, g_steal_pointer (&refused));
      return FALSE;
    }
  add_card_problem (bk, contact, _("The server refused this contact, which was not sent: %s"),
                    refused->message);
  return TRUE;
}

/* PUTs contact to href (etag NULL: If-None-Match, a re-creation), merging
 * with the server's card on 412, a few rounds at most. base_text is the
 * card as last synced (NULL when there is none). */
static gboolean
upload_contact (Book          *bk,
                ReseauContact *contact,
                const char    *href,
                const char    *etag,
                const char    *base_text,
                GError       **error)
{
  g_autoptr(ReseauContact) current = g_object_ref (contact);
  g_autofree char *current_etag = g_strdup (etag);
  g_autofree char *current_base = g_strdup (base_text);
  ReseauVCardVersion version = bk->book->vcard_version == RESEAU_VCARD_VERSION_4_0
                               ? RESEAU_VCARD_VERSION_4_0 : RESEAU_VCARD_VERSION_3_0;

  for (guint round = 0; round < MAX_PUT_ROUNDS; round++)
    {
      g_autoptr(GError) put_error = NULL;
      g_autoptr(GError) get_error = NULL;
      g_autoptr(ReseauVCard) card = reseau_contact_to_vcard_for_version (current, FALSE, version);
      g_autoptr(ReseauVCard) base = NULL;
      g_autoptr(ReseauVCard) server = NULL;
      g_autoptr(ReseauVCard) merged = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GPtrArray) conflicts = NULL;
      g_autofree char *text = reseau_vcard_to_string (card, version);
      g_autofree char *new_etag = NULL;
      g_autofree char *location = NULL;
      g_autofree char *server_etag = NULL;
      g_autofree char *server_text = NULL;
      ReseauSyncChange *change;
      gint64 revision = reseau_contact_get_revision (current);
      guint n_skipped = 0;

      if (!check_size (bk, current, text))
        return TRUE;

      if (reseau_dav_client_put (bk->sync->client, href, text, current_etag,
                                 &new_etag, &location, bk->sync->cancellable, &put_error))
        {
          if (!record_sent_card (bk, location != NULL ? location : href,
                                 reseau_contact_get_uid (current), new_etag, text,
                                 revision, error))
            return FALSE;
          bk->sync->stats->uploaded++;
          return TRUE;
        }

      if (g_error_matches (put_error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_NOT_FOUND)
          && current_etag != NULL)
        {
          /* Deleted there while edited here: the edit wins. */
          add_problem (bk, reseau_contact_get_display_name (current),
                       _("This contact was deleted on the server after you edited it "
                         "here. It was kept, and sent to the server again."));
          g_clear_pointer (&current_etag, g_free);
          continue;
        }
      if (!g_error_matches (put_error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_PRECONDITION))
        return put_refused (bk, current, g_steal_pointer (&put_error), error);

      /* 412: the card changed on the server since the base (or, for a
       * re-creation, someone made one there): merge with it. */
      server_text = reseau_dav_client_get (bk->sync->client, href, &server_etag,
                                           bk->sync->cancellable, &get_error);
      if (server_text == NULL)
        {
          if (g_error_matches (get_error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_NOT_FOUND))
            {
              /* Gone since: If-Match can never succeed; create it again. */
              g_clear_pointer (&current_etag, g_free);
              continue;
            }
          if (is_fatal (get_error))
            {
              g_propagate_error (error, g_steal_pointer (&get_error));
              return FALSE;
            }
          add_card_problem (bk, current,
                            _("This contact changed on the server and could not be read "
                              "back; it will be sent at the next sync: %s"),
                            get_error->message);
          return TRUE;
        }

      server = reseau_vcard_parse (server_text, -1, NULL);
      if (server == NULL)
        {
          add_problem (bk, reseau_contact_get_display_name (current),
                       _("This contact changed on the server, which sent it back "
                         "unreadable; your version was not sent. Check it with another "
                         "client."));
          return TRUE;
        }
      if (current_base != NULL)
        base = reseau_vcard_parse (current_base, -1, NULL);
      conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_conflict_free);
      merged = reseau_vcard_merge3 (base, card, server, conflicts);
      for (guint i = 0; i < conflicts->len; i++)
        {
          ReseauConflict *conflict = g_ptr_array_index (conflicts, i);

          g_free (conflict->uid);
          conflict->uid = g_strdup (reseau_contact_get_uid (current));
        }
      bk->sync->stats->conflicts += conflicts->len;

      change = change_new (href, server_etag, server_text, reseau_contact_get_uid (current));
      change->contact = reseau_contact_with_card (current, merged);
      change->expected_revision = revision;
      change->needs_upload = !reseau_vcard_equal (merged, server);
      if (conflicts->len > 0)
        change->conflicts = g_steal_pointer (&conflicts);
      changes = changes_new ();
      g_ptr_array_add (changes, change);

      if (!reseau_database_apply_sync_page (bk->sync->database, bk->book->id, changes,
                                            NULL, NULL, FALSE, &n_skipped, error))
        return FALSE;
      if (n_skipped > 0)
        {
          /* Edited here again meanwhile: that edit goes at the next sync. */
          bk->sync->stats->skipped++;
          return TRUE;
        }
      if (!change->needs_upload)
        {
          bk->sync->stats->downloaded++;
          return TRUE;
        }

      g_clear_object (&current);
      if (!load_live_contact (bk, change->uid, &current, error))
        return FALSE;
      if (current == NULL)
        return TRUE;
      g_free (current_etag);
      current_etag = g_strdup (server_etag);
      g_free (current_base);
      current_base = g_steal_pointer (&server_text);
    }

  add_problem (bk, reseau_contact_get_display_name (current),
               _("This contact keeps changing on the server; your changes will be sent "
                 "at the next sync."));
  return TRUE;
}

static gboolean
push_deleted (Book      *bk,
              gpointer   item,
              GError   **error)
{
  ReseauSyncedCard *row = item;
  g_autoptr(GError) delete_error = NULL;
  g_autoptr(GError) get_error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *server_etag = NULL;
  g_autofree char *server_text = NULL;
  g_autofree char *subject = NULL;
  ReseauSyncChange *change = NULL;

  if (reseau_dav_client_delete (bk->sync->client, row->href, row->etag,
                                bk->sync->cancellable, &delete_error))
    {
      bk->sync->stats->deleted++;
      return reseau_database_forget_synced_card (bk->sync->database, bk->book->id,
                                                 row->href, error);
    }

  subject = card_subject (row->base, row->uid);
  if (!g_error_matches (delete_error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_PRECONDITION))
    {
      g_autofree char *message = NULL;

      if (is_fatal (delete_error))
        {
          g_propagate_error (error, g_steal_pointer (&delete_error));
          return FALSE;
        }
      message = g_strdup_printf (_("The server refused to delete this contact: %s"),
                                 delete_error->message);
      add_problem (bk, subject, message);
      return TRUE;
    }

  /* 412: changed there since; never delete a changed card silently. The
   * server's card comes back here instead. */
  server_text = reseau_dav_client_get (bk->sync->client, row->href, &server_etag,
                                       bk->sync->cancellable, &get_error);
  if (server_text == NULL)
    {
      if (g_error_matches (get_error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_NOT_FOUND))
        return reseau_database_forget_synced_card (bk->sync->database, bk->book->id,
                                                   row->href, error);
      if (is_fatal (get_error))
        {
          g_propagate_error (error, g_steal_pointer (&get_error));
          return FALSE;
        }
      add_problem (bk, subject, get_error->message);
      return TRUE;
    }

  if (!server_change (bk, row->href, server_etag, server_text, &change, error))
    return FALSE;
  if (change == NULL)
    return TRUE;
  changes = changes_new ();
  g_ptr_array_add (changes, change);
  if (!apply_changes (bk, changes, NULL, NULL, FALSE, error))
    return FALSE;
  add_problem (bk, subject,
               _("This contact was changed on the server after you deleted it here. "
                 "It was kept with the server’s changes; delete it again if you no "
                 "longer want it."));
  return TRUE;
}

static gboolean
push_changed (Book      *bk,
              gpointer   item,
              GError   **error)
{
  ReseauContact *contact = item;
  g_autoptr(ReseauVCard) card = NULL;
  g_autoptr(ReseauVCard) base = NULL;
  ReseauVCardVersion version = bk->book->vcard_version == RESEAU_VCARD_VERSION_4_0
                               ? RESEAU_VCARD_VERSION_4_0 : RESEAU_VCARD_VERSION_3_0;
  ReseauSyncedCard *row = g_hash_table_lookup (bk->rows_by_uid,
                                               reseau_contact_get_uid (contact));

  if (row == NULL)
    return TRUE;

  card = reseau_contact_to_vcard_for_version (contact, FALSE, version);
  if (row->base != NULL)
    base = reseau_vcard_parse (row->base, -1, NULL);
  if (base != NULL && reseau_vcard_equal (card, base))
    {
      /* Saved here without a change the server would see (an app-only
       * field, the same value typed again): nothing to send. */
      return reseau_database_record_upload (bk->sync->database, bk->book->id, row->href,
                                            row->uid, row->etag, row->base,
                                            reseau_contact_get_revision (contact), error);
    }

  return upload_contact (bk, contact, row->href, row->etag, row->base, error);
}

static gboolean
push_created (Book      *bk,
              gpointer   item,
              GError   **error)
{
  ReseauContact *contact = item;
  const char *uid = reseau_contact_get_uid (contact);
  ReseauVCardVersion version = bk->book->vcard_version == RESEAU_VCARD_VERSION_4_0
                               ? RESEAU_VCARD_VERSION_4_0 : RESEAU_VCARD_VERSION_3_0;

  for (guint attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++)
    {
      g_autoptr(GError) put_error = NULL;
      g_autoptr(GError) get_error = NULL;
      g_autoptr(ReseauVCard) card = reseau_contact_to_vcard_for_version (contact, FALSE, version);
      g_autoptr(ReseauVCard) server = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(ReseauSyncChange) change = NULL;
      g_autofree char *name = resource_name (uid, attempt);
      g_autofree char *href = member_url (bk->book, name);
      g_autofree char *text = reseau_vcard_to_string (card, version);
      g_autofree char *new_etag = NULL;
      g_autofree char *location = NULL;
      g_autofree char *server_etag = NULL;
      g_autofree char *server_text = NULL;
      g_autofree char *server_uid = NULL;
      gboolean needs_upload;

      if (!check_size (bk, contact, text))
        return TRUE;

      if (reseau_dav_client_put (bk->sync->client, href, text, NULL, &new_etag, &location,
                                 bk->sync->cancellable, &put_error))
        {
          if (!record_sent_card (bk, location != NULL ? location : href, uid, new_etag,
                                 text, reseau_contact_get_revision (contact), error))
            return FALSE;
          bk->sync->stats->uploaded++;
          return TRUE;
        }

      if (g_error_matches (put_error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_CONFLICT))
        {
          /* Radicale's no-uid-conflict: the server has this UID under
           * another name (a card sent before a crash, another client). A
           * full listing will meet it and link it; no duplicate is made. */
          g_debug ("%s: UID already on the server under another name", href);
          bk->need_reconcile = TRUE;
          return TRUE;
        }
      if (!g_error_matches (put_error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_PRECONDITION))
        return put_refused (bk, contact, g_steal_pointer (&put_error), error);

      /* 412: the name is taken. By this very contact (sent before a
       * crash, before its row was recorded)? Then link them. */
      server_text = reseau_dav_client_get (bk->sync->client, href, &server_etag,
                                           bk->sync->cancellable, &get_error);
      if (server_text == NULL)
        {
          if (is_fatal (get_error))
            {
              g_propagate_error (error, g_steal_pointer (&get_error));
              return FALSE;
            }
          continue;
        }
      server = reseau_vcard_parse (server_text, -1, NULL);
      server_uid = server != NULL ? card_text_uid (server) : NULL;
      if (g_strcmp0 (server_uid, uid) != 0)
        continue;

      if (!server_change (bk, href, server_etag, server_text, &change, error))
        return FALSE;
      if (change == NULL)
        return TRUE;
      needs_upload = change->needs_upload;
      changes = changes_new ();
      g_ptr_array_add (changes, g_steal_pointer (&change));
      if (!apply_changes (bk, changes, NULL, NULL, FALSE, error))
        return FALSE;
      if (needs_upload)
        {
          g_autoptr(ReseauContact) linked = NULL;

          if (!load_live_contact (bk, uid, &linked, error))
            return FALSE;
          if (linked != NULL)
            return upload_contact (bk, linked, href, server_etag, server_text, error);
        }
      return TRUE;
    }

  add_problem (bk, reseau_contact_get_display_name (contact),
               _("No free name could be found for this contact on the server; it will be "
                 "sent at the next sync."));
  return TRUE;
}

typedef gboolean (*PushFunc) (Book      *bk,
                              gpointer   item,
                              GError   **error);

/* Sends one kind of local change, item by item, counting progress. */
static gboolean
push_each (Book       *bk,
           GPtrArray  *items,
           PushFunc    push_one,
           GError    **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (bk->sync->cancellable, error) ||
          !push_one (bk, g_ptr_array_index (items, i), error))
        return FALSE;
      bk->done++;
      report_progress (bk);
    }

  return TRUE;
}

static gboolean
push (Book     *bk,
      GError  **error)
{
  g_autoptr(ReseauLocalChanges) changes = NULL;
  gboolean include_created = bk->book->id == bk->sync->default_book_id;
  guint n;

  changes = reseau_database_list_local_changes (bk->sync->database, bk->book->id,
                                                include_created, error);
  if (changes == NULL)
    return FALSE;

  n = changes->deleted->len + changes->changed->len + changes->created->len;
  if (n == 0)
    return TRUE;

  if (bk->book->read_only)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The address book “%s” is read-only on the server: "
                                      "%u change made here was not sent.",
                                      "The address book “%s” is read-only on the server: "
                                      "%u changes made here were not sent.",
                                      n),
                         book_name (bk->book), n);

      add_problem (bk, NULL, message);
      return TRUE;
    }

  if (!book_load_rows (bk, error))
    return FALSE;
  bk->total += n;
  report_progress (bk);

  return push_each (bk, changes->deleted, push_deleted, error) &&
         push_each (bk, changes->changed, push_changed, error) &&
         push_each (bk, changes->created, push_created, error);
}

static gboolean
sync_book (Sync               *sync,
           ReseauAddressBook  *book,
           GError            **error)
{
  Book bk = { 0 };
  gboolean ok;

  bk.sync = sync;
  bk.book = book;
  bk.linked_uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  bk.quiet_changes = g_hash_table_new (NULL, NULL);
  report_progress (&bk);

  ok = pull (&bk, FALSE, error) && push (&bk, error);

  /* A card of ours is on the server under a name we do not know: list
   * the book in full, which links it by UID, then push what is left.
   * Once per sync, so that a server that keeps answering 409 cannot make
   * this loop. */
  if (ok && bk.need_reconcile && !bk.reconciled)
    {
      bk.reconciled = TRUE;
      bk.need_reconcile = FALSE;
      ok = pull (&bk, TRUE, error) && push (&bk, error);
    }
  if (ok && bk.need_reconcile)
    add_problem (&bk, NULL,
                 _("The server already has a contact with the same identifier as one "
                   "made here, under a name it does not list. That contact was not sent; "
                   "check the address book on the server."));

  book_clear_rows (&bk);
  g_hash_table_unref (bk.linked_uids);
  g_hash_table_unref (bk.quiet_changes);
  return ok;
}

/* The account --------------------------------------------------------------------- */

static void
record_account_state (ReseauDatabase *database,
                      gint64          account_id,
                      const GError   *failure)
{
  g_autoptr(GError) error = NULL;

  if (!reseau_database_set_account_state (database, account_id,
                                          failure == NULL ? g_get_real_time () / G_USEC_PER_SEC : 0,
                                          failure != NULL ? failure->message : NULL,
                                          &error))
    g_warning ("Could not record how the sync went: %s", error->message);
}

gboolean
reseau_sync_account (ReseauDatabase          *database,
                     gint64                   account_id,
                     const char              *password,
                     ReseauSyncFlags          flags,
                     ReseauSyncProgressFunc   progress,
                     gpointer                 progress_data,
                     ReseauSyncStats         *stats,
                     GCancellable            *cancellable,
                     GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ReseauAccount) account = NULL;
  g_autoptr(GPtrArray) books = NULL;
  g_autoptr(ReseauDavClient) client = NULL;
  Sync sync = { 0 };
  guint n_enabled = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (RESEAU_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stats->problems == NULL)
    stats->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);

  account = reseau_database_get_account (database, account_id, error);
  if (account == NULL)
    return FALSE;
  books = reseau_database_list_address_books (database, account_id, error);
  if (books == NULL)
    return FALSE;

  /* Xandikos and other servers without authentication: no password. */
  client = reseau_dav_client_new (password != NULL ? account->user : NULL, password);
  if (client_limits_set)
    {
      if (client_timeout_seconds > 0)
        reseau_dav_client_set_timeout (client, client_timeout_seconds);
      reseau_dav_client_set_max_retry_after (client, client_max_retry_after_seconds);
    }

  sync.database = database;
  sync.client = client;
  sync.flags = flags;
  sync.stats = stats;
  sync.progress = progress;
  sync.progress_data = progress_data;
  sync.cancellable = cancellable;
  sync.default_book_id = reseau_database_get_default_book_id (database, &local_error);
  if (local_error != NULL)
    ok = FALSE;

  for (guint i = 0; ok && i < books->len; i++)
    {
      ReseauAddressBook *book = g_ptr_array_index (books, i);

      if (!book->enabled)
        continue;
      n_enabled++;
      ok = sync_book (&sync, book, &local_error);
    }

  if (ok && n_enabled == 0)
    {
      g_set_error (&local_error, RESEAU_SYNC_ERROR, RESEAU_SYNC_ERROR_NO_ADDRESS_BOOK,
                   _("No address book of %s is chosen for sync. Choose one in the "
                     "account’s settings."),
                   account->server);
      ok = FALSE;
    }

  stats->requests = reseau_dav_client_get_n_requests (client);

  /* A sync the user stopped did not fail: nothing to tell them next time. */
  if (ok || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    record_account_state (database, account_id, ok ? NULL : local_error);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* In a thread --------------------------------------------------------------------- */

typedef struct
{
  ReseauDatabase         *database;
  gint64                  account_id;
  char                   *password;
  ReseauSyncFlags         flags;
  ReseauSyncProgressFunc  progress;
  gpointer                progress_data;
  GMainContext           *context;
  ReseauSyncStats         stats;
} SyncTaskData;

typedef struct
{
  ReseauSyncProgressFunc  progress;
  gpointer                progress_data;
  guint                   done;
  guint                   total;
} ProgressCall;

static void
sync_task_data_free (SyncTaskData *data)
{
  g_clear_object (&data->database);
  if (data->password != NULL)
    {
      /* Not left lying in freed memory. */
      memset (data->password, 0, strlen (data->password));
      g_free (data->password);
    }
  g_clear_pointer (&data->context, g_main_context_unref);
  reseau_sync_stats_clear (&data->stats);
  g_free (data);
}

static gboolean
progress_call_run (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->progress (call->done, call->total, call->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_in_caller_context (guint    done,
                            guint    total,
                            gpointer user_data)
{
  SyncTaskData *data = user_data;
  ProgressCall *call = g_new0 (ProgressCall, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  call->progress = data->progress;
  call->progress_data = data->progress_data;
  call->done = done;
  call->total = total;
  /* Always through a source, never g_main_context_invoke(): when the
   * caller's context is the global default one and nobody owns it at that
   * moment, invoke would run the callback right here, in the sync's
   * thread. Sources of one priority run in the order they were attached,
   * so every progress call comes before the task's completion. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_call_run, call, g_free);
  g_source_set_static_name (source, "[reseau] sync progress");
  g_source_attach (source, data->context);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SyncTaskData *data = task_data;
  GError *error = NULL;

  if (reseau_sync_account (data->database, data->account_id, data->password, data->flags,
                           data->progress != NULL ? progress_in_caller_context : NULL,
                           data, &data->stats, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
reseau_sync_account_async (ReseauDatabase          *database,
                           gint64                   account_id,
                           const char              *password,
                           ReseauSyncFlags          flags,
                           ReseauSyncProgressFunc   progress,
                           gpointer                 progress_data,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  SyncTaskData *data;

  g_return_if_fail (RESEAU_IS_DATABASE (database));

  data = g_new0 (SyncTaskData, 1);
  data->database = g_object_ref (database);
  data->account_id = account_id;
  data->password = g_strdup (password);
  data->flags = flags;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  reseau_sync_stats_init (&data->stats);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, reseau_sync_account_async);
  g_task_set_task_data (task, data, (GDestroyNotify) sync_task_data_free);
  g_task_run_in_thread (task, sync_thread);
}

gboolean
reseau_sync_account_finish (GAsyncResult     *result,
                            ReseauSyncStats  *stats,
                            GError          **error)
{
  SyncTaskData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == reseau_sync_account_async,
                        FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (stats != NULL)
    {
      if (stats->problems != NULL)
        g_ptr_array_unref (stats->problems);
      *stats = data->stats;
      /* Handed over: the task data no longer owns them. */
      data->stats.problems = NULL;
    }

  return g_task_propagate_boolean (G_TASK (result), error);
}
