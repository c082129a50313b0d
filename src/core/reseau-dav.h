/* reseau-dav.h — WebDAV and CardDAV requests, and their answers
 *
 * A ReseauDavClient is one account's HTTP session (libsoup 3): keep-alive,
 * gzip, a User-Agent, Basic authentication, TLS always verified. Its calls
 * block: they are made from a worker thread (the sync engine's, discovery's),
 * one thread at a time per client, never from the UI thread.
 *
 * Redirects are followed here, not by libsoup: the method and body are
 * kept, at most 5 hops, never from https to http. Retry-After is honoured on
 * 429 and 503; other 5xx answers to PROPFIND, REPORT and GET are retried
 * with a backoff; PUT and DELETE are never retried.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reseau-account.h"

G_BEGIN_DECLS

#define RESEAU_DAV_ERROR (reseau_dav_error_quark ())

/* Every message is translated, names the URL or server, quotes what the
 * server answered (status and reason, and the DAV precondition element when
 * there is one), and says what to do. */
typedef enum
{
  RESEAU_DAV_ERROR_UNAUTHORIZED,   /* 401: wrong user name or password */
  RESEAU_DAV_ERROR_FORBIDDEN,      /* 403 */
  RESEAU_DAV_ERROR_NOT_FOUND,      /* 404, 410 */
  RESEAU_DAV_ERROR_CONFLICT,       /* 409 (Radicale's no-uid-conflict…) */
  RESEAU_DAV_ERROR_PRECONDITION,   /* 412: If-Match or If-None-Match failed */
  RESEAU_DAV_ERROR_TOO_LARGE,      /* 413, or an answer above the client's limit */
  RESEAU_DAV_ERROR_REFUSED,        /* any other 4xx, and 507 on PUT */
  RESEAU_DAV_ERROR_SERVER,         /* 5xx, after the retries; 429; a Retry-After
                                    * longer than the client waits */
  RESEAU_DAV_ERROR_UNREACHABLE,    /* no connection, connection lost, timeout */
  RESEAU_DAV_ERROR_TLS,            /* certificate not trusted: the message says why */
  RESEAU_DAV_ERROR_REDIRECT,       /* too many redirects, or https → http */
  RESEAU_DAV_ERROR_MALFORMED,      /* an answer that is not what was asked for */
  RESEAU_DAV_ERROR_NOT_CARDDAV,    /* discovery found no address book there */
} ReseauDavError;

GQuark reseau_dav_error_quark (void);

/* The HTTP status behind a RESEAU_DAV_ERROR error, 0 when there was none
 * (no connection, TLS…). Set by every call that fails. */
guint  reseau_dav_error_get_status (const GError *error);

/* Answers ------------------------------------------------------------------ */

/* One <response> of a multistatus, with what was found of the properties
 * asked; every href and URL is absolute, resolved against the URL of the
 * request, with percent-encoding normalised. */
typedef struct
{
  char      *href;
  guint      status;                   /* of the response, or of its 200 propstat;
                                        * 404 for a member removed (sync-collection) */
  char      *etag;                     /* quotes kept, or NULL */
  char      *address_data;             /* the card's text (multiget), or NULL;
                                        * CRLF line ends, as a GET gives it */
  char      *display_name;
  char      *ctag;
  char      *sync_token;               /* the collection's sync-token property */
  gboolean   is_collection;
  gboolean   is_address_book;
  char      *current_user_principal;
  GStrv      address_book_home_set;    /* never NULL */
  gboolean   supports_sync_collection;
  gboolean   supports_vcard_4;
  gint64     max_resource_size;        /* 0: not said */
  gboolean   read_only;                /* current-user-privilege-set without write */
} ReseauDavResource;

typedef struct
{
  GPtrArray *responses;    /* of ReseauDavResource*, in the answer's order */
  char      *sync_token;   /* the multistatus's own sync-token (sync-collection) */
  gboolean   truncated;    /* the request URL itself answered 507: more pages follow */
} ReseauDavMultistatus;

void                  reseau_dav_resource_free      (ReseauDavResource    *resource);
void                  reseau_dav_multistatus_free   (ReseauDavMultistatus *multistatus);

/* Parses a 207 body by namespace URI (never by prefix), in any element
 * order. MALFORMED for anything else. */
ReseauDavMultistatus *reseau_dav_parse_multistatus  (GBytes               *body,
                                                     const char           *request_url,
                                                     GError              **error);

/* href (absolute, or relative such as "/alice/contacts/a%40b.vcf" or
 * "anne.vcf") resolved against base_url, in the normalised form every
 * answer above uses: lower-case scheme and host, no default port, dot
 * segments removed, percent-encoding canonical (escapes of characters
 * allowed as such decoded, the others upper-case), no fragment. Two
 * spellings of one resource give the same string. NULL when either is not
 * a usable http(s) URL. */
char                 *reseau_dav_resolve_href       (const char           *base_url,
                                                     const char           *href);

/* The client ---------------------------------------------------------------- */

#define RESEAU_TYPE_DAV_CLIENT (reseau_dav_client_get_type ())

G_DECLARE_FINAL_TYPE (ReseauDavClient, reseau_dav_client, RESEAU, DAV_CLIENT, GObject)

/* user and password NULL: no authentication. */
ReseauDavClient *reseau_dav_client_new          (const char       *user,
                                                 const char       *password);
/* Seconds without an answer before a request fails as UNREACHABLE (default
 * 180; tests lower it). */
void             reseau_dav_client_set_timeout  (ReseauDavClient  *self,
                                                 guint             seconds);
/* Longest answer accepted (default 64 MiB); above it: TOO_LARGE. */
void             reseau_dav_client_set_max_body (ReseauDavClient  *self,
                                                 gsize             bytes);
/* Most seconds one Retry-After is waited (default 120); above it the
 * request fails with SERVER and the message says when to try again. */
void             reseau_dav_client_set_max_retry_after (ReseauDavClient *self,
                                                        guint            seconds);

/* HTTP requests sent so far, retries and redirects included. */
guint            reseau_dav_client_get_n_requests (ReseauDavClient *self);

/* What the properties asked in a PROPFIND are for. */
typedef enum
{
  RESEAU_DAV_ASK_PRINCIPAL,        /* current-user-principal, resourcetype */
  RESEAU_DAV_ASK_HOME_SET,         /* addressbook-home-set */
  RESEAU_DAV_ASK_BOOKS,            /* resourcetype, displayname, getctag, sync-token,
                                    * supported-report-set, supported-address-data,
                                    * max-resource-size, current-user-privilege-set */
  RESEAU_DAV_ASK_ETAGS,            /* getetag, resourcetype */
} ReseauDavAsk;

/* depth: "0" or "1". */
ReseauDavMultistatus *reseau_dav_client_propfind (ReseauDavClient  *self,
                                                  const char       *url,
                                                  const char       *depth,
                                                  ReseauDavAsk      ask,
                                                  GCancellable     *cancellable,
                                                  GError          **error);

/* sync-collection (RFC 6578), sync-level 1, getetag only, Depth 0; token
 * NULL or "" for a full listing. One page: when truncated, ask again with
 * the page's sync_token. */
ReseauDavMultistatus *reseau_dav_client_sync_collection (ReseauDavClient  *self,
                                                         const char       *book_url,
                                                         const char       *token,
                                                         GCancellable     *cancellable,
                                                         GError          **error);

/* addressbook-multiget of hrefs (absolute URLs; the caller batches them,
 * at most 100) asking getetag and address-data. An href missing from the
 * answer is simply missing: try it again later. */
ReseauDavMultistatus *reseau_dav_client_multiget (ReseauDavClient    *self,
                                                  const char         *book_url,
                                                  const char * const *hrefs,
                                                  GCancellable       *cancellable,
                                                  GError            **error);

/* GET of a card: its text, and its ETag when etag is not NULL. */
char                 *reseau_dav_client_get      (ReseauDavClient  *self,
                                                  const char       *url,
                                                  char            **etag,
                                                  GCancellable     *cancellable,
                                                  GError          **error);

/* PUT of a card (text/vcard; charset=utf-8). if_match NULL creates: the
 * request says If-None-Match: *, and PRECONDITION means the name is taken.
 * Otherwise If-Match: if_match, and PRECONDITION means the card changed on
 * the server. 200, 201 and 204 succeed. etag receives the new ETag when the
 * server gave a strong one (NULL otherwise: GET the card back), location
 * the URL the server chose when it said so, or the URL a redirect led to
 * (NULL otherwise). */
gboolean              reseau_dav_client_put      (ReseauDavClient  *self,
                                                  const char       *url,
                                                  const char       *card,
                                                  const char       *if_match,
                                                  char            **etag,
                                                  char            **location,
                                                  GCancellable     *cancellable,
                                                  GError          **error);

/* DELETE with If-Match (NULL: unconditional). 200, 204, 207 and 404
 * succeed; PRECONDITION means the card changed on the server. */
gboolean              reseau_dav_client_delete   (ReseauDavClient  *self,
                                                  const char       *url,
                                                  const char       *if_match,
                                                  GCancellable     *cancellable,
                                                  GError          **error);

/* Discovery ------------------------------------------------------------------ */

/* From what the user typed — a bare host (https is assumed), a server URL,
 * a principal or an address book's URL — to the address books, as
 * CARDDAV.md describes: the URL itself, /.well-known/carddav,
 * current-user-principal, addressbook-home-set, PROPFIND Depth 1 on each
 * home; a server without a principal falls back to the URL itself.
 * Returns the books (GPtrArray of ReseauAddressBook*, id and account_id 0,
 * enabled, capabilities filled in, ctag and sync_token left NULL) and sets
 * server to the URL to store as the account's server (the origin, such as
 * "https://dav.example.org/"). NOT_CARDDAV when nothing there is an address
 * book; UNAUTHORIZED for a wrong password. */
GPtrArray            *reseau_dav_discover        (ReseauDavClient  *self,
                                                  const char       *address,
                                                  char            **server,
                                                  GCancellable     *cancellable,
                                                  GError          **error);

/* The same in a thread of its own, for the window. */
void                  reseau_dav_discover_async  (const char          *address,
                                                  const char          *user,
                                                  const char          *password,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray            *reseau_dav_discover_finish (GAsyncResult        *result,
                                                  char               **server,
                                                  GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauDavResource, reseau_dav_resource_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauDavMultistatus, reseau_dav_multistatus_free)

G_END_DECLS
