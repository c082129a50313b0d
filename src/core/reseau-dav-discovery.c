/* reseau-dav-discovery.c — from what the user typed to address books
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The walk (CARDDAV.md, RFC 6764 without DNS):
 *
 *   candidates: the typed URL, then ORIGIN/.well-known/carddav
 *     │  PROPFIND Depth 0 {current-user-principal, resourcetype}
 *     ├─ the URL is an address book ──────────────────► that book alone
 *     ├─ principal = current-user-principal, or the URL itself
 *     │  PROPFIND Depth 0 {addressbook-home-set} on the principal
 *     ├─ homes = the home set, or the principal itself
 *     │  PROPFIND Depth 1 {book properties} on each home
 *     └─ the address books found ──────────────────────► books
 *
 * A candidate that answers nothing useful (404, 405, not WebDAV, a DAV
 * server without books there) moves on to the next one; what no candidate
 * can get past — a wrong password, a certificate problem, no connection,
 * cancellation — stops the walk at once with that error, so that the user
 * is told the real reason rather than "no address book". Redirects are
 * followed by the client, and the account's server is the origin of the
 * URL that finally answered.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "reseau-dav-private.h"

/* "dav.example.org" → "https://dav.example.org/"; a URL without a path
 * gets "/". NULL when there is nothing usable. */
static char *
address_to_url (const char *address)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (address));
  g_autofree char *with_scheme = NULL;

  if (*trimmed == '\0')
    return NULL;
  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_steal_pointer (&trimmed);

  /* Resolving "" keeps the URL and normalises it; an empty path is "/". */
  return reseau_dav_resolve_href (with_scheme, "");
}

static gboolean
stops_discovery (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         || g_error_matches (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNAUTHORIZED)
         || g_error_matches (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_TLS)
         || g_error_matches (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_UNREACHABLE)
         || g_error_matches (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_REDIRECT);
}

/* The response that describes url itself (Depth 0 answers have one, but
 * servers differ on the trailing slash), else the first. */
static ReseauDavResource *
find_self (ReseauDavMultistatus *multistatus,
           const char           *url)
{
  gsize url_len = strlen (url);

  if (multistatus->responses->len == 0)
    return NULL;

  for (guint i = 0; i < multistatus->responses->len; i++)
    {
      ReseauDavResource *resource = g_ptr_array_index (multistatus->responses, i);
      gsize len = strlen (resource->href);

      if (strcmp (resource->href, url) == 0
          || (len + 1 == url_len && url[len] == '/' && strncmp (resource->href, url, len) == 0)
          || (url_len + 1 == len && resource->href[url_len] == '/'
              && strncmp (resource->href, url, url_len) == 0))
        return resource;
    }
  return g_ptr_array_index (multistatus->responses, 0);
}

static ReseauAddressBook *
book_from_resource (const ReseauDavResource *resource)
{
  ReseauAddressBook *book = reseau_address_book_new (resource->href);

  book->display_name = g_strdup (resource->display_name);
  book->enabled = TRUE;
  book->supports_sync_collection = resource->supports_sync_collection;
  book->vcard_version = resource->supports_vcard_4 ? RESEAU_VCARD_VERSION_4_0
                                                   : RESEAU_VCARD_VERSION_3_0;
  book->read_only = resource->read_only;
  book->max_resource_size = resource->max_resource_size;

  return book;
}

static gboolean
has_book (GPtrArray  *books,
          const char *url)
{
  for (guint i = 0; i < books->len; i++)
    if (strcmp (((ReseauAddressBook *) g_ptr_array_index (books, i))->url, url) == 0)
      return TRUE;
  return FALSE;
}

/* Adds the address books among a multistatus's responses. */
static void
collect_books (GPtrArray            *books,
               ReseauDavMultistatus *multistatus)
{
  for (guint i = 0; i < multistatus->responses->len; i++)
    {
      ReseauDavResource *resource = g_ptr_array_index (multistatus->responses, i);

      if (resource->is_address_book && resource->status >= 200 && resource->status < 300
          && !has_book (books, resource->href))
        g_ptr_array_add (books, book_from_resource (resource));
    }
}

/* Tries one candidate URL. Returns the books (possibly none) and the URL
 * that answered, or NULL with an error. */
static GPtrArray *
discover_from (ReseauDavClient  *client,
               const char       *url,
               char            **answered_url,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(ReseauDavMultistatus) first = NULL;
  g_autoptr(ReseauDavMultistatus) principal_answer = NULL;
  g_autoptr(GPtrArray) books = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_address_book_free);
  g_autofree char *final_url = NULL;
  g_autofree char *principal = NULL;
  g_auto(GStrv) homes = NULL;
  ReseauDavResource *self_resource;

  first = reseau_dav_client_propfind_full (client, url, "0", RESEAU_DAV_ASK_PRINCIPAL,
                                           &final_url, cancellable, error);
  if (first == NULL)
    return NULL;

  self_resource = find_self (first, final_url);
  if (self_resource == NULL || self_resource->status < 200 || self_resource->status >= 300)
    {
      /* Nothing there (Xandikos answers a 207 whose only response is a
       * 404): no principal or home to look for below it. */
      *answered_url = g_steal_pointer (&final_url);
      return g_steal_pointer (&books);
    }
  if (self_resource->is_address_book)
    {
      g_autoptr(ReseauDavMultistatus) book_answer = NULL;

      /* The user typed the book's own address: that book, and only it. */
      book_answer = reseau_dav_client_propfind (client, self_resource->href, "0",
                                                RESEAU_DAV_ASK_BOOKS, cancellable, error);
      if (book_answer == NULL)
        return NULL;
      collect_books (books, book_answer);
      *answered_url = g_steal_pointer (&final_url);
      return g_steal_pointer (&books);
    }

  if (self_resource->current_user_principal != NULL)
    principal = g_strdup (self_resource->current_user_principal);
  else
    principal = g_strdup (final_url);

  principal_answer = reseau_dav_client_propfind (client, principal, "0",
                                                 RESEAU_DAV_ASK_HOME_SET, cancellable, error);
  if (principal_answer == NULL)
    return NULL;

  self_resource = find_self (principal_answer, principal);
  if (self_resource != NULL && self_resource->address_book_home_set[0] != NULL)
    homes = g_strdupv (self_resource->address_book_home_set);
  else
    homes = g_strdupv ((char *[]) { principal, NULL });

  for (guint i = 0; homes[i] != NULL; i++)
    {
      g_autoptr(ReseauDavMultistatus) home_answer = NULL;
      g_autoptr(GError) home_error = NULL;

      home_answer = reseau_dav_client_propfind (client, homes[i], "1", RESEAU_DAV_ASK_BOOKS,
                                                cancellable, &home_error);
      if (home_answer == NULL)
        {
          /* One home out of reach does not hide the others' books. */
          if (stops_discovery (home_error))
            {
              g_propagate_error (error, g_steal_pointer (&home_error));
              return NULL;
            }
          g_debug ("Address book home %s: %s", homes[i], home_error->message);
          continue;
        }
      collect_books (books, home_answer);
    }

  *answered_url = g_steal_pointer (&final_url);
  return g_steal_pointer (&books);
}

GPtrArray *
reseau_dav_discover (ReseauDavClient  *self,
                     const char       *address,
                     char            **server,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_autofree char *url = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *well_known = NULL;
  g_autoptr(GError) first_error = NULL;
  const char *candidates[2];

  g_return_val_if_fail (RESEAU_IS_DAV_CLIENT (self), NULL);
  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (server != NULL)
    *server = NULL;

  url = address_to_url (address);
  if (url == NULL)
    {
      g_set_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_NOT_CARDDAV,
                   _("“%s” is not a server address. Type an address such as "
                     "“dav.example.org” or “https://dav.example.org/”."),
                   address);
      return NULL;
    }
  origin = reseau_dav_url_origin (url);
  well_known = g_strconcat (origin, ".well-known/carddav", NULL);

  candidates[0] = url;
  candidates[1] = strcmp (url, well_known) != 0 ? well_known : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (candidates) && candidates[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) books = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *answered_url = NULL;

      books = discover_from (self, candidates[i], &answered_url, cancellable, &local_error);
      if (books == NULL)
        {
          if (stops_discovery (local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_debug ("Discovery from %s: %s", candidates[i], local_error->message);
          if (first_error == NULL)
            first_error = g_steal_pointer (&local_error);
          continue;
        }

      if (books->len > 0)
        {
          if (server != NULL)
            *server = reseau_dav_url_origin (answered_url);
          return g_steal_pointer (&books);
        }
    }

  if (first_error != NULL && first_error->domain == RESEAU_DAV_ERROR
      && reseau_dav_error_get_status (first_error) != 0)
    g_set_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_NOT_CARDDAV,
                 _("No address book was found at %s (%s). Check the address; your provider’s "
                   "help pages usually give the CardDAV address to use."),
                 url, first_error->message);
  else
    g_set_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_NOT_CARDDAV,
                 _("No address book was found at %s. Check the address; your provider’s "
                   "help pages usually give the CardDAV address to use."),
                 url);
  return NULL;
}

/* In a thread ---------------------------------------------------------------- */

typedef struct
{
  char *address;
  char *user;
  char *password;
} DiscoverData;

typedef struct
{
  GPtrArray *books;
  char      *server;
} DiscoverResult;

static void
discover_data_free (DiscoverData *data)
{
  g_free (data->address);
  g_free (data->user);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static void
discover_result_free (DiscoverResult *result)
{
  g_clear_pointer (&result->books, g_ptr_array_unref);
  g_free (result->server);
  g_free (result);
}

static void
discover_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  DiscoverData *data = task_data;
  g_autoptr(ReseauDavClient) client = reseau_dav_client_new (data->user, data->password);
  g_autoptr(GError) error = NULL;
  DiscoverResult *result = g_new0 (DiscoverResult, 1);

  result->books = reseau_dav_discover (client, data->address, &result->server,
                                       cancellable, &error);
  if (result->books == NULL)
    {
      discover_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) discover_result_free);
}

void
reseau_dav_discover_async (const char          *address,
                           const char          *user,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DiscoverData *data;

  g_return_if_fail (address != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (DiscoverData, 1);
  data->address = g_strdup (address);
  data->user = g_strdup (user);
  data->password = g_strdup (password);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, reseau_dav_discover_async);
  g_task_set_task_data (task, data, (GDestroyNotify) discover_data_free);
  g_task_run_in_thread (task, discover_thread);
}

GPtrArray *
reseau_dav_discover_finish (GAsyncResult  *result,
                            char         **server,
                            GError       **error)
{
  DiscoverResult *discovered;
  GPtrArray *books;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == reseau_dav_discover_async, NULL);

  if (server != NULL)
    *server = NULL;

  discovered = g_task_propagate_pointer (G_TASK (result), error);
  if (discovered == NULL)
    return NULL;

  books = g_steal_pointer (&discovered->books);
  if (server != NULL)
    *server = g_steal_pointer (&discovered->server);
  discover_result_free (discovered);
  return books;
}
