/* reseau-dav-xml.c — WebDAV request bodies and multistatus answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No HTTP here: bytes in, structs out, so that every quirk can be tested
 * from a fixture file.
 *
 * Reading follows what real servers send rather than what the RFCs draw:
 *   - elements are matched by namespace URI and local name, never by
 *     prefix (Radicale uses a default namespace, Xandikos "ns0:");
 *   - children are taken in any order (Xandikos puts <status> before
 *     <prop>, and the collection's sync-token after the responses);
 *   - a <response> may carry both a <status> and <propstat>s (SOGo); the
 *     response's own status then wins;
 *   - <supported-report-set> with or without the <report> wrapper
 *     (Xandikos leaves it out), <supported-address-data> with
 *     <address-data-type> or <content-type> (Xandikos);
 *   - the request URL answering 507 inside a sync-collection answer means
 *     "truncated, ask again from the new token" and is no member.
 * Cards (address-data) come out with CRLF line ends, as a GET gives them,
 * although XML parsing turned them into LF.
 * Every href is resolved against the request URL and percent-encoding put
 * in one canonical form, so that the sync engine may compare hrefs as
 * strings.
 *
 * Parsing is safe against hostile answers: no network access, no DTD
 * loaded, no entity substituted, and a document that declares a DTD at all
 * is refused (no DAV server needs one; it is how entity bombs come in).
 *
 * Request bodies are written as text: they are small and fixed, and the
 * only variable parts (a token, hrefs) are escaped with
 * g_markup_escape_text().
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "reseau-dav-private.h"

/* URLs ---------------------------------------------------------------------- */

/* Characters a path may hold as they are (RFC 3986 pchar without '%',
 * and '/'): their escapes are decoded, everything else is escaped. */
static gboolean
is_path_char (guchar c)
{
  return g_ascii_isalnum (c) || strchr ("-._~!$&'()*+,;=:@/", c) != NULL;
}

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

/* One canonical spelling of an already-encoded path or query: "%7e" and
 * "~" become "~", "%2f" becomes "%2F" (a slash inside a segment is not a
 * separator and stays escaped), a raw space becomes "%20". */
static char *
normalize_escapes (const char *text,
                   gboolean    is_query)
{
  GString *out = g_string_sized_new (strlen (text) + 8);
  const guchar *p;

  for (p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == '%' && hex_value (p[1]) >= 0 && hex_value (p[2]) >= 0)
        {
          guchar c = (guchar) (hex_value (p[1]) * 16 + hex_value (p[2]));

          /* In a query only unreserved characters are decoded: there
           * "%2B" and "+" or "%26" and "&" can mean different things. */
          if (g_ascii_isalnum (c) || strchr ("-._~", c) != NULL
              || (!is_query && c != '/' && is_path_char (c)))
            g_string_append_c (out, (char) c);
          else
            g_string_append_printf (out, "%%%02X", c);
          p += 2;
        }
      else if (is_path_char (*p) || (is_query && *p == '?'))
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }

  return g_string_free (out, FALSE);
}

char *
reseau_dav_resolve_href (const char *base_url,
                         const char *href)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  const char *scheme;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (href != NULL, NULL);

  base = g_uri_parse (base_url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (base == NULL)
    return NULL;
  /* Servers do send hrefs with stray spaces around them. */
  {
    g_autofree char *trimmed = g_strstrip (g_strdup (href));

    uri = g_uri_parse_relative (base, trimmed,
                                G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE
                                | G_URI_FLAGS_PARSE_RELAXED, NULL);
  }
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return NULL;
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  path = normalize_escapes (*g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/", FALSE);
  if (g_uri_get_query (uri) != NULL)
    query = normalize_escapes (g_uri_get_query (uri), TRUE);

  {
    g_autofree char *lower_scheme = g_ascii_strdown (scheme, -1);

    /* No user information: credentials never travel inside a URL here. */
    return g_uri_join (G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE,
                       lower_scheme, NULL, host, g_uri_get_port (uri),
                       path, query, NULL);
  }
}

char *
reseau_dav_url_origin (const char *url)
{
  g_autofree char *resolved = NULL;
  g_autoptr(GUri) uri = NULL;

  resolved = reseau_dav_resolve_href (url, "/");
  if (resolved == NULL)
    return NULL;
  uri = g_uri_parse (resolved, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (uri == NULL)
    return NULL;
  return g_uri_join (G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE,
                     g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "/", NULL, NULL);
}

/* Request bodies ------------------------------------------------------------ */

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"

GBytes *
reseau_dav_xml_propfind (ReseauDavAsk ask)
{
  const char *props = NULL;
  char *body;

  switch (ask)
    {
    case RESEAU_DAV_ASK_PRINCIPAL:
      props = "<D:current-user-principal/><D:resourcetype/>";
      break;
    case RESEAU_DAV_ASK_HOME_SET:
      props = "<C:addressbook-home-set/><D:resourcetype/>";
      break;
    case RESEAU_DAV_ASK_BOOKS:
      props = "<D:resourcetype/><D:displayname/><CS:getctag/><D:sync-token/>"
              "<D:supported-report-set/><C:supported-address-data/>"
              "<C:max-resource-size/><D:current-user-privilege-set/>";
      break;
    case RESEAU_DAV_ASK_ETAGS:
      props = "<D:getetag/><D:resourcetype/>";
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  body = g_strconcat (XML_HEAD,
                      "<D:propfind xmlns:D=\"" RESEAU_DAV_NS "\""
                      " xmlns:C=\"" RESEAU_CARDDAV_NS "\""
                      " xmlns:CS=\"" RESEAU_CS_NS "\"><D:prop>",
                      props,
                      "</D:prop></D:propfind>\n", NULL);
  return g_bytes_new_take (body, strlen (body));
}

GBytes *
reseau_dav_xml_sync_collection (const char *token)
{
  g_autofree char *escaped = g_markup_escape_text (token != NULL ? token : "", -1);
  char *body;

  /* No DAV:limit: servers ignore or mishandle it, and 507 pages anyway. */
  body = g_strconcat (XML_HEAD,
                      "<D:sync-collection xmlns:D=\"" RESEAU_DAV_NS "\">",
                      *escaped != '\0' ? "<D:sync-token>" : "<D:sync-token/>",
                      escaped,
                      *escaped != '\0' ? "</D:sync-token>" : "",
                      "<D:sync-level>1</D:sync-level>"
                      "<D:prop><D:getetag/></D:prop>"
                      "</D:sync-collection>\n", NULL);
  return g_bytes_new_take (body, strlen (body));
}

GBytes *
reseau_dav_xml_multiget (const char         *book_url,
                         const char * const *hrefs)
{
  g_autofree char *origin = reseau_dav_url_origin (book_url);
  GString *body = g_string_new (XML_HEAD);

  g_string_append (body,
                   "<C:addressbook-multiget xmlns:D=\"" RESEAU_DAV_NS "\""
                   " xmlns:C=\"" RESEAU_CARDDAV_NS "\">"
                   "<D:prop><D:getetag/><C:address-data/></D:prop>");

  for (gsize i = 0; hrefs != NULL && hrefs[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;
      const char *href = hrefs[i];

      /* Servers answer with absolute paths; send the same form, which
       * every server accepts, when the card lives on the book's origin. */
      if (origin != NULL && g_str_has_prefix (href, origin))
        href += strlen (origin) - 1;
      escaped = g_markup_escape_text (href, -1);
      g_string_append_printf (body, "<D:href>%s</D:href>", escaped);
    }

  g_string_append (body, "</C:addressbook-multiget>\n");
  return g_string_free_to_bytes (body);
}

/* Reading ------------------------------------------------------------------- */

static gboolean
is_element (xmlNode    *node,
            const char *ns,
            const char *name)
{
  return node != NULL
         && node->type == XML_ELEMENT_NODE
         && node->ns != NULL
         && node->ns->href != NULL
         && strcmp ((const char *) node->ns->href, ns) == 0
         && strcmp ((const char *) node->name, name) == 0;
}

#define FOR_EACH_ELEMENT(child, parent) \
  for (xmlNode *child = (parent)->children; child != NULL; child = child->next) \
    if (child->type == XML_ELEMENT_NODE)

static xmlNode *
find_child (xmlNode    *parent,
            const char *ns,
            const char *name)
{
  FOR_EACH_ELEMENT (child, parent)
    if (is_element (child, ns, name))
      return child;
  return NULL;
}

static gboolean
has_descendant (xmlNode    *parent,
                const char *ns,
                const char *name)
{
  FOR_EACH_ELEMENT (child, parent)
    {
      if (is_element (child, ns, name) || has_descendant (child, ns, name))
        return TRUE;
    }
  return FALSE;
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup (content != NULL ? (const char *) content : "");

  xmlFree (content);
  return text;
}

static char *
node_text_stripped (xmlNode *node)
{
  char *text = node_text (node);

  g_strstrip (text);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* XML turns every CRLF into LF (XML 1.0 §2.11), so a card read from a
 * multiget would not be the card a GET gives. vCard lines end in CRLF:
 * put them back, so that both ways of fetching give the same text. */
static char *
crlf_lines (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 64);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' && (p == text || p[-1] != '\r'))
        g_string_append_c (out, '\r');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* "HTTP/1.1 404 Not Found" → 404; 0 when unreadable. */
static guint
parse_status_line (xmlNode *node)
{
  g_autofree char *text = node_text_stripped (node);
  const char *space;
  guint64 status;

  if (text == NULL || (space = strchr (text, ' ')) == NULL)
    return 0;
  status = g_ascii_strtoull (space + 1, NULL, 10);
  return status >= 100 && status <= 999 ? (guint) status : 0;
}

static char *
resolve_href_node (xmlNode    *node,
                   const char *base_url)
{
  g_autofree char *text = node_text_stripped (node);

  return text != NULL ? reseau_dav_resolve_href (base_url, text) : NULL;
}

static ReseauDavResource *
resource_new (void)
{
  ReseauDavResource *resource = g_new0 (ReseauDavResource, 1);

  resource->address_book_home_set = g_new0 (char *, 1);
  return resource;
}

void
reseau_dav_resource_free (ReseauDavResource *resource)
{
  if (resource == NULL)
    return;

  g_free (resource->href);
  g_free (resource->etag);
  g_free (resource->address_data);
  g_free (resource->display_name);
  g_free (resource->ctag);
  g_free (resource->sync_token);
  g_free (resource->current_user_principal);
  g_strfreev (resource->address_book_home_set);
  g_free (resource);
}

void
reseau_dav_multistatus_free (ReseauDavMultistatus *multistatus)
{
  if (multistatus == NULL)
    return;

  g_clear_pointer (&multistatus->responses, g_ptr_array_unref);
  g_free (multistatus->sync_token);
  g_free (multistatus);
}

static void
read_privileges (ReseauDavResource *resource,
                 xmlNode           *set)
{
  static const char * const writing[] = { "all", "write", "write-content", "bind" };

  for (gsize i = 0; i < G_N_ELEMENTS (writing); i++)
    if (has_descendant (set, RESEAU_DAV_NS, writing[i]))
      {
        resource->read_only = FALSE;
        return;
      }
  resource->read_only = TRUE;
}

static void
read_address_data_types (ReseauDavResource *resource,
                         xmlNode           *supported)
{
  FOR_EACH_ELEMENT (type, supported)
    {
      xmlChar *content_type;
      xmlChar *version;

      if (!is_element (type, RESEAU_CARDDAV_NS, "address-data-type")
          && !is_element (type, RESEAU_CARDDAV_NS, "content-type"))
        continue;

      content_type = xmlGetNoNsProp (type, (const xmlChar *) "content-type");
      version = xmlGetNoNsProp (type, (const xmlChar *) "version");
      if (content_type != NULL && version != NULL
          && g_ascii_strcasecmp ((const char *) content_type, "text/vcard") == 0
          && strcmp ((const char *) version, "4.0") == 0)
        resource->supports_vcard_4 = TRUE;
      xmlFree (content_type);
      xmlFree (version);
    }
}

static void
read_prop (ReseauDavResource *resource,
           xmlNode           *prop,
           const char        *base_url)
{
  FOR_EACH_ELEMENT (node, prop)
    {
      if (is_element (node, RESEAU_DAV_NS, "resourcetype"))
        {
          resource->is_collection = find_child (node, RESEAU_DAV_NS, "collection") != NULL;
          resource->is_address_book = find_child (node, RESEAU_CARDDAV_NS, "addressbook") != NULL;
        }
      else if (is_element (node, RESEAU_DAV_NS, "getetag"))
        {
          g_free (resource->etag);
          resource->etag = node_text_stripped (node);
        }
      else if (is_element (node, RESEAU_CARDDAV_NS, "address-data"))
        {
          g_autofree char *text = node_text (node);

          g_free (resource->address_data);
          resource->address_data = crlf_lines (text);
        }
      else if (is_element (node, RESEAU_DAV_NS, "displayname"))
        {
          g_free (resource->display_name);
          resource->display_name = node_text_stripped (node);
        }
      else if (is_element (node, RESEAU_CS_NS, "getctag"))
        {
          g_free (resource->ctag);
          resource->ctag = node_text_stripped (node);
        }
      else if (is_element (node, RESEAU_DAV_NS, "getctag"))
        {
          /* Some servers put getctag in the DAV: namespace too: only a
           * fallback for the calendarserver one. */
          if (resource->ctag == NULL)
            resource->ctag = node_text_stripped (node);
        }
      else if (is_element (node, RESEAU_DAV_NS, "sync-token"))
        {
          g_free (resource->sync_token);
          resource->sync_token = node_text_stripped (node);
        }
      else if (is_element (node, RESEAU_DAV_NS, "current-user-principal"))
        {
          xmlNode *href = find_child (node, RESEAU_DAV_NS, "href");

          g_free (resource->current_user_principal);
          resource->current_user_principal = href != NULL ? resolve_href_node (href, base_url) : NULL;
        }
      else if (is_element (node, RESEAU_CARDDAV_NS, "addressbook-home-set"))
        {
          g_autoptr(GStrvBuilder) homes = g_strv_builder_new ();

          FOR_EACH_ELEMENT (href, node)
            if (is_element (href, RESEAU_DAV_NS, "href"))
              {
                g_autofree char *url = resolve_href_node (href, base_url);

                if (url != NULL)
                  g_strv_builder_add (homes, url);
              }
          g_strfreev (resource->address_book_home_set);
          resource->address_book_home_set = g_strv_builder_end (homes);
        }
      else if (is_element (node, RESEAU_DAV_NS, "supported-report-set"))
        {
          FOR_EACH_ELEMENT (report, node)
            if (is_element (report, RESEAU_DAV_NS, "supported-report")
                && has_descendant (report, RESEAU_DAV_NS, "sync-collection"))
              resource->supports_sync_collection = TRUE;
        }
      else if (is_element (node, RESEAU_CARDDAV_NS, "supported-address-data"))
        read_address_data_types (resource, node);
      else if (is_element (node, RESEAU_CARDDAV_NS, "max-resource-size"))
        {
          g_autofree char *text = node_text_stripped (node);
          gint64 size = text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;

          resource->max_resource_size = MAX (size, 0);
        }
      else if (is_element (node, RESEAU_DAV_NS, "current-user-privilege-set"))
        read_privileges (resource, node);
    }
}

/* Whether two normalised URLs name one collection: servers differ on the
 * trailing slash of the href they answer for the request URL. */
static gboolean
same_collection (const char *a,
                 const char *b)
{
  gsize la = strlen (a);
  gsize lb = strlen (b);

  if (la > 0 && a[la - 1] == '/')
    la--;
  if (lb > 0 && b[lb - 1] == '/')
    lb--;
  return la == lb && strncmp (a, b, la) == 0;
}

/* Adds the resources of one <response> (the "status" form may name several
 * hrefs), or marks the answer truncated when it is the request URL's 507. */
static void
read_response (ReseauDavMultistatus *multistatus,
               xmlNode              *response,
               const char           *base_url,
               const char           *request_url)
{
  g_autoptr(ReseauDavResource) props = resource_new ();
  g_autoptr(GPtrArray) hrefs = g_ptr_array_new_with_free_func (g_free);
  guint response_status = 0;
  guint ok_status = 0;
  guint other_status = 0;

  FOR_EACH_ELEMENT (node, response)
    {
      if (is_element (node, RESEAU_DAV_NS, "href"))
        {
          char *url = resolve_href_node (node, base_url);

          if (url != NULL)
            g_ptr_array_add (hrefs, url);
        }
      else if (is_element (node, RESEAU_DAV_NS, "status"))
        response_status = parse_status_line (node);
      else if (is_element (node, RESEAU_DAV_NS, "propstat"))
        {
          xmlNode *status_node = find_child (node, RESEAU_DAV_NS, "status");
          xmlNode *prop = find_child (node, RESEAU_DAV_NS, "prop");
          guint status = status_node != NULL ? parse_status_line (status_node) : 0;

          /* Properties under a 404 or 403 propstat are the ones the server
           * does not have: only the successful ones carry values. */
          if (status >= 200 && status < 300)
            {
              if (ok_status == 0)
                ok_status = status;
              if (prop != NULL)
                read_prop (props, prop, base_url);
            }
          else if (other_status == 0)
            other_status = status;
        }
    }

  props->status = response_status != 0 ? response_status
                  : ok_status != 0 ? ok_status
                  : other_status;

  for (guint i = 0; i < hrefs->len; i++)
    {
      const char *url = g_ptr_array_index (hrefs, i);
      ReseauDavResource *resource;

      if (props->status == 507 && same_collection (url, request_url))
        {
          multistatus->truncated = TRUE;
          continue;
        }

      if (i + 1 == hrefs->len)
        resource = g_steal_pointer (&props);
      else
        {
          resource = resource_new ();
          resource->status = props->status;
        }
      resource->href = g_strdup (url);
      g_ptr_array_add (multistatus->responses, resource);
    }
}

static xmlDoc *
read_document (GBytes      *body,
               const char  *request_url,
               GError     **error)
{
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  xmlDoc *doc;

  if (data == NULL || size == 0 || size > G_MAXINT)
    {
      g_set_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_MALFORMED,
                   _("The server at %s sent an empty or unreadable answer. "
                     "Try again later; if it keeps happening, tell the server’s administrator."),
                   request_url);
      return NULL;
    }

  /* NONET: no DTD or entity fetched from anywhere; no NOENT, no DTDLOAD:
   * entities are never substituted. NOERROR/NOWARNING: libxml2 would
   * otherwise print to stderr; the error below says what is needed. */
  doc = xmlReadMemory (data, (int) size, request_url, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING
                       | XML_PARSE_NOCDATA);
  if (doc == NULL)
    {
      const xmlError *xml_error = xmlGetLastError ();

      g_set_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_MALFORMED,
                   _("The server at %s sent an answer that is not valid XML (line %d). "
                     "Try again later; if it keeps happening, tell the server’s administrator."),
                   request_url, xml_error != NULL ? xml_error->line : 0);
      return NULL;
    }

  return doc;
}

ReseauDavMultistatus *
reseau_dav_parse_multistatus (GBytes      *body,
                              const char  *request_url,
                              GError     **error)
{
  g_autoptr(ReseauDavMultistatus) multistatus = NULL;
  g_autofree char *base_url = NULL;
  xmlDoc *doc;
  xmlNode *root;

  g_return_val_if_fail (request_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  base_url = reseau_dav_resolve_href (request_url, "");
  if (base_url == NULL)
    {
      g_set_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_MALFORMED,
                   _("“%s” is not a web address that can be used."), request_url);
      return NULL;
    }

  doc = read_document (body, request_url, error);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  if (!is_element (root, RESEAU_DAV_NS, "multistatus"))
    {
      xmlFreeDoc (doc);
      g_set_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_MALFORMED,
                   _("The server at %s did not answer as a WebDAV server does "
                     "(no multistatus in its answer). Check the address."),
                   request_url);
      return NULL;
    }

  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      xmlFreeDoc (doc);
      g_set_error (error, RESEAU_DAV_ERROR, RESEAU_DAV_ERROR_MALFORMED,
                   _("The server at %s sent an XML answer with a document type declaration, "
                     "which is refused for safety. Tell the server’s administrator."),
                   request_url);
      return NULL;
    }

  multistatus = g_new0 (ReseauDavMultistatus, 1);
  multistatus->responses = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_dav_resource_free);

  FOR_EACH_ELEMENT (node, root)
    {
      if (is_element (node, RESEAU_DAV_NS, "response"))
        read_response (multistatus, node, base_url, base_url);
      else if (is_element (node, RESEAU_DAV_NS, "sync-token"))
        {
          g_free (multistatus->sync_token);
          multistatus->sync_token = node_text_stripped (node);
        }
    }

  xmlFreeDoc (doc);
  return g_steal_pointer (&multistatus);
}

char *
reseau_dav_xml_error_condition (GBytes *body)
{
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  char *condition = NULL;
  xmlDoc *doc;
  xmlNode *root;

  if (data == NULL || size == 0 || size > G_MAXINT)
    return NULL;

  doc = xmlReadMemory (data, (int) size, NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  if (doc->intSubset == NULL && is_element (root, RESEAU_DAV_NS, "error"))
    {
      FOR_EACH_ELEMENT (child, root)
        {
          condition = g_strdup ((const char *) child->name);
          break;
        }
    }

  xmlFreeDoc (doc);
  return condition;
}
