/* reseau-dav-client.c — one account's HTTP session for WebDAV and CardDAV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Blocking calls over libsoup 3 (soup_session_send), made from a worker
 * thread. Every call goes through perform(), which is a small loop:
 *
 *   send_once() ──► 3xx with Location? ── follow (≤ 5 hops, never https→http,
 *       ▲                                  method, body and headers kept)
 *       │         ► 429/503 + Retry-After? ── wait it (≤ max_retry_after)
 *       │         ► other 5xx, safe method? ── back off 1 s, then 2 s
 *       └──────────────── again ◄──────────┘
 *
 * and the caller turns the final status into a result or a ReseauDavError.
 *
 * Choices worth knowing:
 *   - The SoupSession is made lazily, in the thread that first uses it, and
 *     made again when a later call comes from another thread (a new sync
 *     runs in a new GTask thread): libsoup sessions are not meant to be
 *     shared between threads, and one lost keep-alive connection is cheap.
 *   - libsoup's redirect handling is off (SOUP_MESSAGE_NO_REDIRECT): it
 *     would turn a redirected PUT or REPORT into a body-less GET.
 *   - libsoup's auth manager is removed: Basic credentials are sent with
 *     the first request (no 401 round trip per request, which doubles a
 *     sync's requests against Radicale's HTTP/1.0), and a 401 is then an
 *     answer, never a loop. The Authorization value is built once, never
 *     logged, and wiped at finalize; it follows a redirect only to the same
 *     host or over https.
 *   - The body is read here, chunk by chunk, so that the size limit holds
 *     while reading (a hostile or broken server cannot fill memory), on the
 *     decoded bytes (gzip is decoded by SoupContentDecoder).
 *   - Retry-After is honoured for every method whose repetition is safe:
 *     PROPFIND, REPORT, GET, and PUT or DELETE carrying a precondition (a
 *     429/503 means the request was not carried out, and If-Match makes a
 *     repeat harmless). Other 5xx are retried for PROPFIND, REPORT and GET
 *     only — except a 500 to a sync-collection that carried a token, which
 *     is how Xandikos says "invalid token": the sync engine restarts
 *     without the token at once rather than after two pointless retries.
 *   - reseau_dav_error_get_status(): the status lives in the GError itself,
 *     as the private data of an extended error domain
 *     (G_DEFINE_EXTENDED_ERROR, GLib 2.68). It is copied with the error and
 *     freed with it, works across threads and GTask, and needs no table.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "reseau-dav-private.h"

/* Seconds without a byte from the server. Generous: a Radicale meeting a
 * book of 5,000 cards for the first time says nothing for 35 to 115 s
 * while it builds its cache (measured here), and that first sync must not
 * fail as "unreachable". */
#define DEFAULT_TIMEOUT          180
#define DEFAULT_MAX_BODY         (64 * 1024 * 1024)
#define DEFAULT_MAX_RETRY_AFTER  120
#define MAX_REDIRECTS            5
#define MAX_BACKOFF_RETRIES      2
#define MAX_RETRY_AFTER_WAITS    3
#define READ_CHUNK               (64 * 1024)

/* Errors ------------------------------------------------------------------- */

typedef struct
{
  guint status;
} ReseauDavErrorPrivate;

static void
reseau_dav_error_private_init (ReseauDavErrorPrivate *priv)
{
  priv->status = 0;
}

static void
reseau_dav_error_private_copy (const ReseauDavErrorPrivate *src,
                               ReseauDavErrorPrivate       *dest)
{
  dest->status = src->status;
}

static void
reseau_dav_error_private_clear (ReseauDavErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (ReseauDavError, reseau_dav_error)

guint
reseau_dav_error_get_status (const GError *error)
{
  g_return_val_if_fail (error != NULL, 0);

  if (error->domain != RESEAU_DAV_ERROR)
    return 0;
  return reseau_dav_error_get_private (error)->status;
}

static void set_dav_error (GError         **error,
                           ReseauDavError   code,
                           guint            status,
                           const char      *format,
                           ...) G_GNUC_PRINTF (4, 5);

static void
set_dav_error (GError         **error,
               ReseauDavError   code,
               guint            status,
               const char      *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, RESEAU_DAV_ERROR, code, message);
  if (*error != NULL)
    reseau_dav_error_get_private (*error)->status = status;
}

/* The object ---------------------------------------------------------------- */

struct _ReseauDavClient
{
  GObject      parent_instance;

  /* owned */
  char        *authorization;   /* "Basic …", or NULL without credentials */
  SoupSession *session;         /* NULL until the first request */
  GThread     *session_thread;  /* where session was made; only compared */

  guint        timeout;
  gsize        max_body;
  guint        max_retry_after;
  guint        n_requests;      /* atomic */
};

G_DEFINE_FINAL_TYPE (ReseauDavClient, reseau_dav_client, G_TYPE_OBJECT)

static void
reseau_dav_client_finalize (GObject *object)
{
  ReseauDavClient *self = RESEAU_DAV_CLIENT (object);

  if (self->authorization != NULL)
    {
      memset (self->authorization, 0, strlen (self->authorization));
      g_clear_pointer (&self->authorization, g_free);
    }
  g_clear_object (&self->session);

  G_OBJECT_CLASS (reseau_dav_client_parent_class)->finalize (object);
}

static void
reseau_dav_client_class_init (ReseauDavClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reseau_dav_client_finalize;
}

static void
reseau_dav_client_init (ReseauDavClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->max_body = DEFAULT_MAX_BODY;
  self->max_retry_after = DEFAULT_MAX_RETRY_AFTER;
}

ReseauDavClient *
reseau_dav_client_new (const char *user,
                       const char *password)
{
  ReseauDavClient *self = g_object_new (RESEAU_TYPE_DAV_CLIENT, NULL);

  if (user != NULL)
    {
      g_autofree char *pair = g_strconcat (user, ":", password != NULL ? password : "", NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

      self->authorization = g_strconcat ("Basic ", encoded, NULL);
      memset (pair, 0, strlen (pair));
      memset (encoded, 0, strlen (encoded));
    }

  return self;
}

void
reseau_dav_client_set_timeout (ReseauDavClient *self,
                               guint            seconds)
{
  g_return_if_fail (RESEAU_IS_DAV_CLIENT (self));

  self->timeout = seconds;
  if (self->session != NULL)
    soup_session_set_timeout (self->session, seconds);
}

void
reseau_dav_client_set_max_body (ReseauDavClient *self,
                                gsize            bytes)
{
  g_return_if_fail (RESEAU_IS_DAV_CLIENT (self));

  self->max_body = bytes;
}

void
reseau_dav_client_set_max_retry_after (ReseauDavClient *self,
                                       guint            seconds)
{
  g_return_if_fail (RESEAU_IS_DAV_CLIENT (self));

  self->max_retry_after = seconds;
}

guint
reseau_dav_client_get_n_requests (ReseauDavClient *self)
{
  g_return_val_if_fail (RESEAU_IS_DAV_CLIENT (self), 0);

  return (guint) g_atomic_int_get (&self->n_requests);
}

static SoupSession *
get_session (ReseauDavClient *self)
{
  if (self->session != NULL && self->session_thread != g_thread_self ())
    g_clear_object (&self->session);

  if (self->session == NULL)
    {
      self->session = soup_session_new_with_options ("user-agent", "Reseau/" PACKAGE_VERSION,
                                                     "timeout", self->timeout,
                                                     NULL);
      soup_session_remove_feature_by_type (self->session, SOUP_TYPE_AUTH_MANAGER);
      if (!soup_session_has_feature (self->session, SOUP_TYPE_CONTENT_DECODER))
        soup_session_add_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
      self->session_thread = g_thread_self ();
    }

  return self->session;
}

/* Requests ------------------------------------------------------------------ */

typedef struct
{
  const char *method;
  const char *url;
  const char *depth;          /* NULL: no Depth header */
  const char *content_type;
  GBytes     *body;           /* NULL: none */
  const char *if_match;
  gboolean    if_none_match;  /* If-None-Match: * */
  gboolean    retry_errors;   /* back off and retry 5xx */
  gboolean    retry_500;      /* …including 500 */
  gboolean    honour_retry_after;
} Request;

typedef struct
{
  guint               status;
  char               *reason;
  SoupMessageHeaders *headers;
  GBytes             *body;
  char               *url;    /* where the answer finally came from */
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->reason, g_free);
  g_clear_pointer (&answer->headers, soup_message_headers_unref);
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_clear_pointer (&answer->url, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

/* The host part of a URL, for messages: "dav.example.org". */
static char *
url_host (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

static char *
describe_certificate_problems (GTlsCertificateFlags flags)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();

  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_ptr_array_add (reasons, _("it is not signed by a known certificate authority"));
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    g_ptr_array_add (reasons, _("it was issued for another server name"));
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    g_ptr_array_add (reasons, _("it is not valid yet"));
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    g_ptr_array_add (reasons, _("it has expired"));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    g_ptr_array_add (reasons, _("it has been revoked"));
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    g_ptr_array_add (reasons, _("it uses an insecure algorithm"));
  if (reasons->len == 0)
    g_ptr_array_add (reasons, _("it could not be checked"));
  g_ptr_array_add (reasons, NULL);

  /* TRANSLATORS: joins the reasons a certificate is not trusted */
  return g_strjoinv (_("; "), (char **) reasons->pdata);
}

/* A failure before any status: no connection, TLS, timeout, a connection
 * lost while reading. Cancellation is passed on unchanged. */
static void
set_transport_error (GError         **error,
                     const char      *url,
                     SoupMessage     *message,
                     const GError    *cause,
                     guint            timeout)
{
  g_autofree char *host = url_host (url);
  GTlsCertificateFlags tls_flags = soup_message_get_tls_peer_certificate_errors (message);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
      return;
    }

  if (cause->domain == G_TLS_ERROR && tls_flags == 0
      && !g_error_matches (cause, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    {
      /* No certificate was judged: the handshake itself failed, most
       * often because "dav.example.org:8080" was typed for a server
       * without TLS (https is then assumed) and it answered in clear. */
      set_dav_error (error, RESEAU_DAV_ERROR_UNREACHABLE, 0,
                     _("No secure connection (https) could be made with %s (%s). Check the "
                       "address and its port; a server without encryption needs an address "
                       "that starts with “http://”."),
                     host, cause->message);
      return;
    }

  if (tls_flags != 0 || cause->domain == G_TLS_ERROR)
    {
      g_autofree char *problems = describe_certificate_problems (tls_flags);

      set_dav_error (error, RESEAU_DAV_ERROR_TLS, 0,
                     _("The security certificate of %s is not trusted: %s. "
                       "Nothing was sent. Check the server address; if it is right, "
                       "ask the server’s administrator to fix its certificate."),
                     host, problems);
      return;
    }

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      set_dav_error (error, RESEAU_DAV_ERROR_UNREACHABLE, 0,
                     g_dngettext (GETTEXT_PACKAGE, "%s did not answer within %u second. "
                               "Synchronization will be tried again later.",
                               "%s did not answer within %u seconds. "
                               "Synchronization will be tried again later.",
                               timeout),
                     host, timeout);
      return;
    }

  set_dav_error (error, RESEAU_DAV_ERROR_UNREACHABLE, 0,
                 _("Could not reach %s (%s). Synchronization will be tried again later."),
                 host, cause->message);
}

/* Sleeps, waking early when cancelled. */
static gboolean
sleep_cancellable (guint          milliseconds,
                   GCancellable  *cancellable,
                   GError       **error)
{
  GPollFD pollfd;

  if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      g_usleep ((gulong) milliseconds * 1000);
      return TRUE;
    }

  g_poll (&pollfd, 1, (int) MIN (milliseconds, (guint) G_MAXINT));
  g_cancellable_release_fd (cancellable);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static GBytes *
read_body (ReseauDavClient  *self,
           GInputStream     *stream,
           const char       *url,
           SoupMessage      *message,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  goffset announced;

  announced = soup_message_headers_get_content_length (soup_message_get_response_headers (message));
  if (announced > 0 && (guint64) announced > self->max_body
      && soup_message_headers_get_encoding (soup_message_get_response_headers (message))
         == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_one (soup_message_get_response_headers (message),
                                       "Content-Encoding") == NULL)
    goto too_large;

  for (;;)
    {
      guint8 buffer[READ_CHUNK];
      gssize n_read;

      n_read = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, &local_error);
      if (n_read < 0)
        {
          set_transport_error (error, url, message, local_error, self->timeout);
          return NULL;
        }
      if (n_read == 0)
        break;
      if (data->len + (gsize) n_read > self->max_body)
        goto too_large;
      g_byte_array_append (data, buffer, (guint) n_read);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));

too_large:
  {
    g_autofree char *limit = g_format_size (self->max_body);

    set_dav_error (error, RESEAU_DAV_ERROR_TOO_LARGE,
                   soup_message_get_status (message),
                   _("The answer from %s is larger than %s and was not read. "
                     "Tell the server’s administrator."),
                   url, limit);
    return NULL;
  }
}

static gboolean
send_once (ReseauDavClient  *self,
           const Request    *request,
           const char       *url,
           gboolean          with_credentials,
           Answer           *answer,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  SoupMessageHeaders *headers;
  const char *reason;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0
                      && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      set_dav_error (error, RESEAU_DAV_ERROR_NOT_FOUND, 0,
                     _("“%s” is not a web address that can be used."), url);
      return FALSE;
    }

  message = soup_message_new_from_uri (request->method, uri);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (message);
  if (request->depth != NULL)
    soup_message_headers_replace (headers, "Depth", request->depth);
  if (request->if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", request->if_match);
  if (request->if_none_match)
    soup_message_headers_replace (headers, "If-None-Match", "*");
  if (with_credentials && self->authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", self->authorization);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (message, request->content_type, request->body);

  g_atomic_int_inc (&self->n_requests);
  g_debug ("%s %s", request->method, url);

  stream = soup_session_send (get_session (self), message, cancellable, &local_error);
  if (stream == NULL)
    {
      set_transport_error (error, url, message, local_error, self->timeout);
      return FALSE;
    }

  answer->body = read_body (self, stream, url, message, cancellable, error);
  g_input_stream_close (stream, NULL, NULL);
  if (answer->body == NULL)
    return FALSE;

  answer->status = soup_message_get_status (message);
  reason = soup_message_get_reason_phrase (message);
  if (reason == NULL || *reason == '\0')
    reason = soup_status_get_phrase (answer->status);
  answer->reason = g_strdup (reason != NULL ? reason : "");
  answer->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
  answer->url = g_strdup (url);

  return TRUE;
}

/* Seconds to wait from a Retry-After value (delta-seconds or an HTTP
 * date); -1 when there is none or it cannot be read. */
static gint64
parse_retry_after (const char *value)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *p;

  if (value == NULL)
    return -1;
  while (g_ascii_isspace (*value))
    value++;
  for (p = value; g_ascii_isdigit (*p); p++)
    ;
  if (p != value)
    return (gint64) MIN (g_ascii_strtoull (value, NULL, 10), (guint64) G_MAXINT32);

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (g_date_time_difference (when, now) / G_TIME_SPAN_SECOND, 0);
}

static gboolean
is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

static gboolean
same_host (GUri *a,
           GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0;
}

static gboolean
perform (ReseauDavClient  *self,
         const Request    *request,
         Answer           *answer,
         GCancellable     *cancellable,
         GError          **error)
{
  g_autofree char *url = g_strdup (request->url);
  g_autoptr(GUri) first = g_uri_parse (request->url, SOUP_HTTP_URI_FLAGS, NULL);
  gboolean with_credentials = TRUE;
  guint redirects = 0;
  guint backoffs = 0;
  guint retry_after_waits = 0;

  for (;;)
    {
      const char *location;
      const char *retry_after;
      gint64 wait;

      answer_clear (answer);
      if (!send_once (self, request, url, with_credentials, answer, cancellable, error))
        return FALSE;

      location = soup_message_headers_get_one (answer->headers, "Location");
      if (is_redirect (answer->status) && location != NULL)
        {
          g_autofree char *target = reseau_dav_resolve_href (url, location);
          g_autoptr(GUri) from = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
          g_autoptr(GUri) to = target != NULL ? g_uri_parse (target, SOUP_HTTP_URI_FLAGS, NULL) : NULL;

          if (to == NULL)
            {
              set_dav_error (error, RESEAU_DAV_ERROR_REDIRECT, answer->status,
                             _("%s redirected to “%s”, which is not a usable web address. "
                               "Check the address."), url, location);
              return FALSE;
            }
          if (g_strcmp0 (g_uri_get_scheme (from), "https") == 0
              && g_strcmp0 (g_uri_get_scheme (to), "https") != 0)
            {
              set_dav_error (error, RESEAU_DAV_ERROR_REDIRECT, answer->status,
                             _("%s redirected to an unencrypted address (%s). This is refused "
                               "so that nothing is sent in clear. Check the address."),
                             url, target);
              return FALSE;
            }
          if (++redirects > MAX_REDIRECTS)
            {
              set_dav_error (error, RESEAU_DAV_ERROR_REDIRECT, answer->status,
                             _("%s redirected more than %d times. Check the address; "
                               "if it is right, tell the server’s administrator."),
                             request->url, MAX_REDIRECTS);
              return FALSE;
            }
          /* The password goes to the host it was given for, or elsewhere
           * only over TLS. */
          if (first == NULL || !same_host (first, to))
            with_credentials = with_credentials && g_strcmp0 (g_uri_get_scheme (to), "https") == 0;
          g_debug ("%s redirected (%u) to %s", url, answer->status, target);
          g_free (url);
          url = g_steal_pointer (&target);
          continue;
        }

      retry_after = soup_message_headers_get_one (answer->headers, "Retry-After");
      wait = (answer->status == 429 || answer->status == 503) ? parse_retry_after (retry_after) : -1;
      if (wait >= 0 && request->honour_retry_after && retry_after_waits < MAX_RETRY_AFTER_WAITS)
        {
          if (wait > self->max_retry_after)
            {
              g_autoptr(GDateTime) now = g_date_time_new_now_local ();
              g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (gdouble) wait);
              g_autofree char *when = g_date_time_format (then, "%c");
              g_autofree char *host = url_host (url);

              set_dav_error (error, RESEAU_DAV_ERROR_SERVER, answer->status,
                             _("%s is busy (it answered “%u %s”) and asked to wait until %s. "
                               "Synchronization will be tried again later."),
                             host, answer->status, answer->reason, when);
              return FALSE;
            }
          retry_after_waits++;
          g_debug ("%s answered %u, waiting %" G_GINT64_FORMAT " s", url, answer->status, wait);
          if (!sleep_cancellable ((guint) MIN (wait, G_MAXUINT / 1000) * 1000, cancellable, error))
            return FALSE;
          continue;
        }

      if (answer->status >= 500 && answer->status <= 504 && answer->status != 501
          && request->retry_errors
          && (answer->status != 500 || request->retry_500)
          && backoffs < MAX_BACKOFF_RETRIES)
        {
          backoffs++;
          g_debug ("%s answered %u, retry %u", url, answer->status, backoffs);
          if (!sleep_cancellable (1000 * backoffs, cancellable, error))
            return FALSE;
          continue;
        }

      return TRUE;
    }
}

/* The error for an answer that is not a success. */
static void
set_status_error (GError        **error,
                  const Request  *request,
                  const Answer   *answer)
{
  g_autofree char *condition = reseau_dav_xml_error_condition (answer->body);
  g_autofree char *said = NULL;
  g_autofree char *host = url_host (request->url);
  const char *url = request->url;
  guint status = answer->status;

  /* What the server said, quoted as is: "409 Conflict, no-uid-conflict". */
  if (condition != NULL)
    said = g_strdup_printf ("%u %s, %s", status, answer->reason, condition);
  else
    said = g_strdup_printf ("%u %s", status, answer->reason);

  if (status == 401)
    set_dav_error (error, RESEAU_DAV_ERROR_UNAUTHORIZED, status,
                   _("%s did not accept the user name or password (it answered “%s”). "
                     "Enter the password again in the account’s settings."),
                   host, said);
  else if (status == 403)
    set_dav_error (error, RESEAU_DAV_ERROR_FORBIDDEN, status,
                   _("%s refused access to %s (it answered “%s”). "
                     "Check that this account may use it."),
                   host, url, said);
  else if (status == 404 || status == 410)
    set_dav_error (error, RESEAU_DAV_ERROR_NOT_FOUND, status,
                   _("Nothing was found at %s (the server answered “%s”). Check the address."),
                   url, said);
  else if (status == 409)
    set_dav_error (error, RESEAU_DAV_ERROR_CONFLICT, status,
                   _("%s refused %s because it conflicts with what the server already holds "
                     "(it answered “%s”)."),
                   host, url, said);
  else if (status == 412 && request->if_none_match)
    set_dav_error (error, RESEAU_DAV_ERROR_PRECONDITION, status,
                   _("Something already exists at %s (the server answered “%s”)."),
                   url, said);
  else if (status == 412)
    set_dav_error (error, RESEAU_DAV_ERROR_PRECONDITION, status,
                   _("%s was changed on the server in the meantime (it answered “%s”)."),
                   url, said);
  else if (status == 413)
    set_dav_error (error, RESEAU_DAV_ERROR_TOO_LARGE, status,
                   _("%s refused %s as too large (it answered “%s”). "
                     "Make the contact smaller, for example its photo."),
                   host, url, said);
  else if (status == 507 && g_strcmp0 (request->method, "PUT") == 0)
    set_dav_error (error, RESEAU_DAV_ERROR_REFUSED, status,
                   _("%s has no room left for %s (it answered “%s”). "
                     "Free some space on the server or ask its administrator."),
                   host, url, said);
  else if (status == 429)
    /* Not the request's fault: the server wants fewer of them. */
    set_dav_error (error, RESEAU_DAV_ERROR_SERVER, status,
                   _("%s is receiving too many requests (it answered “%s”). "
                     "Synchronization will be tried again later."),
                   host, said);
  else if (status >= 400 && status < 500)
    set_dav_error (error, RESEAU_DAV_ERROR_REFUSED, status,
                   _("%s refused the request for %s (it answered “%s”)."),
                   host, url, said);
  else if (status >= 500)
    set_dav_error (error, RESEAU_DAV_ERROR_SERVER, status,
                   _("%s had a problem with %s (it answered “%s”). "
                     "Synchronization will be tried again later."),
                   host, url, said);
  else
    set_dav_error (error, RESEAU_DAV_ERROR_MALFORMED, status,
                   _("%s answered the request for %s with an unexpected “%s”."),
                   host, url, said);
}

static ReseauDavMultistatus *
multistatus_request (ReseauDavClient  *self,
                     const Request    *request,
                     char            **final_url,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_auto(Answer) answer = { 0 };
  ReseauDavMultistatus *multistatus;

  if (!perform (self, request, &answer, cancellable, error))
    return NULL;

  if (answer.status != 207 && answer.status != 200)
    {
      set_status_error (error, request, &answer);
      return NULL;
    }

  multistatus = reseau_dav_parse_multistatus (answer.body, answer.url, error);
  if (multistatus == NULL)
    {
      if (error != NULL && *error != NULL && (*error)->domain == RESEAU_DAV_ERROR)
        reseau_dav_error_get_private (*error)->status = answer.status;
      return NULL;
    }

  if (final_url != NULL)
    *final_url = g_steal_pointer (&answer.url);
  return multistatus;
}

ReseauDavMultistatus *
reseau_dav_client_propfind_full (ReseauDavClient  *self,
                                 const char       *url,
                                 const char       *depth,
                                 ReseauDavAsk      ask,
                                 char            **final_url,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_autoptr(GBytes) body = reseau_dav_xml_propfind (ask);
  Request request = {
    .method = "PROPFIND",
    .url = url,
    .depth = depth,
    .content_type = "application/xml; charset=utf-8",
    .body = body,
    .retry_errors = TRUE,
    .retry_500 = TRUE,
    .honour_retry_after = TRUE,
  };

  g_return_val_if_fail (RESEAU_IS_DAV_CLIENT (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (g_strcmp0 (depth, "0") == 0 || g_strcmp0 (depth, "1") == 0, NULL);

  return multistatus_request (self, &request, final_url, cancellable, error);
}

ReseauDavMultistatus *
reseau_dav_client_propfind (ReseauDavClient  *self,
                            const char       *url,
                            const char       *depth,
                            ReseauDavAsk      ask,
                            GCancellable     *cancellable,
                            GError          **error)
{
  return reseau_dav_client_propfind_full (self, url, depth, ask, NULL, cancellable, error);
}

ReseauDavMultistatus *
reseau_dav_client_sync_collection (ReseauDavClient  *self,
                                   const char       *book_url,
                                   const char       *token,
                                   GCancellable     *cancellable,
                                   GError          **error)
{
  g_autoptr(GBytes) body = reseau_dav_xml_sync_collection (token);
  Request request = {
    .method = "REPORT",
    .url = book_url,
    .depth = "0",
    .content_type = "application/xml; charset=utf-8",
    .body = body,
    .retry_errors = TRUE,
    .retry_500 = token == NULL || *token == '\0',
    .honour_retry_after = TRUE,
  };

  g_return_val_if_fail (RESEAU_IS_DAV_CLIENT (self), NULL);
  g_return_val_if_fail (book_url != NULL, NULL);

  return multistatus_request (self, &request, NULL, cancellable, error);
}

ReseauDavMultistatus *
reseau_dav_client_multiget (ReseauDavClient    *self,
                            const char         *book_url,
                            const char * const *hrefs,
                            GCancellable       *cancellable,
                            GError            **error)
{
  g_autoptr(GBytes) body = NULL;
  Request request = {
    .method = "REPORT",
    .url = book_url,
    /* RFC 6352 §8.7 has the server ignore Depth here; it is sent all the
     * same because some servers assume infinity without one. */
    .depth = "0",
    .content_type = "application/xml; charset=utf-8",
    .retry_errors = TRUE,
    .retry_500 = TRUE,
    .honour_retry_after = TRUE,
  };

  g_return_val_if_fail (RESEAU_IS_DAV_CLIENT (self), NULL);
  g_return_val_if_fail (book_url != NULL, NULL);
  g_return_val_if_fail (hrefs != NULL, NULL);

  body = reseau_dav_xml_multiget (book_url, hrefs);
  request.body = body;
  return multistatus_request (self, &request, NULL, cancellable, error);
}

char *
reseau_dav_client_get (ReseauDavClient  *self,
                       const char       *url,
                       char            **etag,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_auto(Answer) answer = { 0 };
  Request request = {
    .method = "GET",
    .url = url,
    .retry_errors = TRUE,
    .retry_500 = TRUE,
    .honour_retry_after = TRUE,
  };
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (RESEAU_IS_DAV_CLIENT (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (!perform (self, &request, &answer, cancellable, error))
    return NULL;

  if (answer.status != 200)
    {
      set_status_error (error, &request, &answer);
      return NULL;
    }

  data = g_bytes_get_data (answer.body, &size);
  if (!g_utf8_validate_len (data != NULL ? data : "", size, NULL) || memchr (data, '\0', size) != NULL)
    {
      set_dav_error (error, RESEAU_DAV_ERROR_MALFORMED, answer.status,
                     _("The card at %s is not UTF-8 text and cannot be read."), url);
      return NULL;
    }

  if (etag != NULL)
    *etag = g_strdup (soup_message_headers_get_one (answer.headers, "ETag"));
  return g_strndup (data != NULL ? data : "", size);
}

gboolean
reseau_dav_client_put (ReseauDavClient  *self,
                       const char       *url,
                       const char       *card,
                       const char       *if_match,
                       char            **etag,
                       char            **location,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GBytes) body = NULL;
  g_auto(Answer) answer = { 0 };
  Request request = {
    .method = "PUT",
    .url = url,
    .content_type = "text/vcard; charset=utf-8",
    .if_match = if_match,
    .if_none_match = if_match == NULL,
    /* Safe to repeat on 429/503: the precondition is always there. */
    .honour_retry_after = TRUE,
  };
  const char *value;

  g_return_val_if_fail (RESEAU_IS_DAV_CLIENT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (card != NULL, FALSE);

  if (etag != NULL)
    *etag = NULL;
  if (location != NULL)
    *location = NULL;

  body = g_bytes_new (card, strlen (card));
  request.body = body;
  if (!perform (self, &request, &answer, cancellable, error))
    return FALSE;

  if (answer.status != 200 && answer.status != 201 && answer.status != 204)
    {
      set_status_error (error, &request, &answer);
      return FALSE;
    }

  /* A weak ETag says the server stored something equivalent, not these
   * bytes: the caller must GET the card back to know its ETag. */
  value = soup_message_headers_get_one (answer.headers, "ETag");
  if (etag != NULL && value != NULL && !g_str_has_prefix (value, "W/"))
    *etag = g_strstrip (g_strdup (value));

  /* Where the card now lives: the server's Location, else the end of a
   * redirect (the PUT was carried out there, not at url). */
  value = soup_message_headers_get_one (answer.headers, "Location");
  if (location != NULL && value != NULL)
    *location = reseau_dav_resolve_href (answer.url, value);
  else if (location != NULL && g_strcmp0 (answer.url, url) != 0)
    *location = g_strdup (answer.url);

  return TRUE;
}

gboolean
reseau_dav_client_delete (ReseauDavClient  *self,
                          const char       *url,
                          const char       *if_match,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_auto(Answer) answer = { 0 };
  Request request = {
    .method = "DELETE",
    .url = url,
    .if_match = if_match,
    .honour_retry_after = if_match != NULL,
  };

  g_return_val_if_fail (RESEAU_IS_DAV_CLIENT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!perform (self, &request, &answer, cancellable, error))
    return FALSE;

  switch (answer.status)
    {
    case 200:
    case 204:
    case 207:
    case 404:   /* already gone: what was asked */
    case 410:
      return TRUE;
    default:
      set_status_error (error, &request, &answer);
      return FALSE;
    }
}
