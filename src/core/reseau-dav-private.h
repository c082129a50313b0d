/* reseau-dav-private.h — what the three reseau-dav-*.c files share
 *
 * reseau-dav-xml.c writes request bodies and reads answers, with no HTTP;
 * reseau-dav-client.c sends them; reseau-dav-discovery.c walks a server
 * with the client. None of this is for the rest of the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-dav.h"

G_BEGIN_DECLS

#define RESEAU_DAV_NS      "DAV:"
#define RESEAU_CARDDAV_NS  "urn:ietf:params:xml:ns:carddav"
#define RESEAU_CS_NS       "http://calendarserver.org/ns/"

/* Request bodies (UTF-8 XML). */
GBytes               *reseau_dav_xml_propfind          (ReseauDavAsk         ask);
GBytes               *reseau_dav_xml_sync_collection   (const char          *token);
GBytes               *reseau_dav_xml_multiget          (const char          *book_url,
                                                        const char * const  *hrefs);

/* The precondition or postcondition named by a DAV:error body (RFC 4918
 * §16), such as "no-uid-conflict" or "valid-sync-token"; NULL when the
 * body is not one. Never fails. */
char                 *reseau_dav_xml_error_condition   (GBytes              *body);

/* "https://host:port/" of an absolute URL, NULL when it is not one. */
char                 *reseau_dav_url_origin            (const char          *url);

/* A PROPFIND that also says the URL it was finally answered at, after
 * redirects (discovery needs it to name the server). */
ReseauDavMultistatus *reseau_dav_client_propfind_full  (ReseauDavClient     *self,
                                                        const char          *url,
                                                        const char          *depth,
                                                        ReseauDavAsk         ask,
                                                        char               **final_url,
                                                        GCancellable        *cancellable,
                                                        GError             **error);

G_END_DECLS
