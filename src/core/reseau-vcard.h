/* reseau-vcard.h — vCard 2.1, 3.0 and 4.0: a tolerant reader, a strict writer
 *
 * A card is kept as the list of its properties, each with its group, name,
 * parameters and value, so that everything the app does not understand
 * (X-ABLabel, X-SOCIALPROFILE, RELATED, IMPP, any X-…) is written back as it
 * came. Values are held in one canonical form whatever the source version:
 * unfolded, decoded from quoted-printable and legacy charsets to UTF-8, and
 * escaped as vCard 3.0/4.0 escapes text (\n \, \; \\). Accessors below
 * unescape them; setters escape.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  RESEAU_VCARD_VERSION_2_1 = 21,
  RESEAU_VCARD_VERSION_3_0 = 30,
  RESEAU_VCARD_VERSION_4_0 = 40,
} ReseauVCardVersion;

#define RESEAU_VCARD_ERROR (reseau_vcard_error_quark ())

typedef enum
{
  RESEAU_VCARD_ERROR_NOT_VCARD,   /* no BEGIN:VCARD at all */
  RESEAU_VCARD_ERROR_MALFORMED,   /* a card that could not be repaired */
} ReseauVCardError;

GQuark reseau_vcard_error_quark (void);

typedef struct
{
  char  *name;     /* upper-case: "TYPE", "PREF", "VALUE", "X-…" */
  char **values;   /* NULL-terminated, unquoted; a bare 2.1 type (TEL;WORK) is
                    * read as TYPE with that one value */
} ReseauVCardParam;

typedef struct
{
  char      *group;   /* "item1" in item1.EMAIL, or NULL */
  char      *name;    /* upper-case: "EMAIL", "X-ABLABEL" */
  GPtrArray *params;  /* of ReseauVCardParam*, in source order; never NULL */
  char      *value;   /* canonical form, see the top of this file */
  guint      line;    /* 1-based line of the source where it began; 0 when made here */
} ReseauVCardProperty;

typedef struct
{
  ReseauVCardVersion  version;     /* as read; 4.0 for a new card */
  guint               line;        /* line of BEGIN:VCARD in the source; 0 when made here */
  GPtrArray          *properties;  /* of ReseauVCardProperty*, in source order, without
                                    * BEGIN, VERSION and END */
} ReseauVCard;

/* Properties ---------------------------------------------------------------- */

ReseauVCardProperty *reseau_vcard_property_new       (const char                *group,
                                                      const char                *name,
                                                      const char                *value);
ReseauVCardProperty *reseau_vcard_property_copy      (const ReseauVCardProperty *property);
void                 reseau_vcard_property_free      (ReseauVCardProperty       *property);

/* The first value of a parameter (name compared without case), or NULL. */
const char          *reseau_vcard_property_get_param (const ReseauVCardProperty *property,
                                                      const char                *name);
/* TRUE when one of the TYPE values is type, without case; handles
 * TYPE=work,voice, TYPE="work,voice", repeated TYPE= and bare 2.1 types. */
gboolean             reseau_vcard_property_has_type  (const ReseauVCardProperty *property,
                                                      const char                *type);
void                 reseau_vcard_property_add_param (ReseauVCardProperty       *property,
                                                      const char                *name,
                                                      const char                *value);
void                 reseau_vcard_property_remove_param (ReseauVCardProperty    *property,
                                                         const char             *name);

/* The whole value unescaped (FN, NOTE, TITLE, EMAIL…). Unknown escapes and
 * the stray "\:" exporters write come out as the character itself. */
char                *reseau_vcard_property_get_text  (const ReseauVCardProperty *property);
/* Split at unescaped ';', each part unescaped (N, ADR, ORG, GENDER). */
char               **reseau_vcard_property_get_components (const ReseauVCardProperty *property);
/* Split at unescaped ',', each item unescaped and trimmed, empty items
 * dropped (CATEGORIES, NICKNAME). */
char               **reseau_vcard_property_get_list  (const ReseauVCardProperty *property);
/* Inline binary data: ENCODING=b / BASE64, or a data: URI. NULL when the
 * value is a link or cannot be decoded. mime_type (may be NULL) receives
 * "image/jpeg" etc. when known. */
GBytes              *reseau_vcard_property_get_binary (const ReseauVCardProperty *property,
                                                       char                    **mime_type);

/* Setters escape what they are given. */
void                 reseau_vcard_property_set_text  (ReseauVCardProperty       *property,
                                                      const char                *text);
void                 reseau_vcard_property_set_components (ReseauVCardProperty  *property,
                                                           const char * const   *components,
                                                           gsize                 n_components);
void                 reseau_vcard_property_set_list  (ReseauVCardProperty       *property,
                                                      const char * const        *items);
/* Stores the bytes base64-encoded with ENCODING=b and TYPE from mime_type;
 * the writer turns that into a data: URI for 4.0. */
void                 reseau_vcard_property_set_binary (ReseauVCardProperty      *property,
                                                       GBytes                   *data,
                                                       const char               *mime_type);

/* Escapes text for a value: \ , ; and newlines. */
char                *reseau_vcard_escape             (const char                *text);

/* Cards ---------------------------------------------------------------------- */

ReseauVCard         *reseau_vcard_new                (void);
ReseauVCard         *reseau_vcard_copy               (const ReseauVCard         *card);
void                 reseau_vcard_free               (ReseauVCard               *card);

/* The first property of that name (without case) in any group, or NULL. */
ReseauVCardProperty *reseau_vcard_get                (const ReseauVCard         *card,
                                                      const char                *name);
/* The first property of that name in that group (Apple's item1.X-ABLabel). */
ReseauVCardProperty *reseau_vcard_get_in_group       (const ReseauVCard         *card,
                                                      const char                *group,
                                                      const char                *name);
/* Takes the property; returns it. */
ReseauVCardProperty *reseau_vcard_append             (ReseauVCard               *card,
                                                      ReseauVCardProperty       *property);
/* Removes every property of that name; returns how many. */
guint                reseau_vcard_remove_all         (ReseauVCard               *card,
                                                      const char                *name);

/* Parses exactly one card (a stored card, a CardDAV resource). Repairs what
 * the reader repairs; fails only when there is no card at all. */
ReseauVCard         *reseau_vcard_parse              (const char                *text,
                                                      gssize                     length,
                                                      GError                   **error);

/* Writes the card as 3.0 or 4.0: CRLF line ends, lines folded at 75 octets
 * without splitting a UTF-8 sequence, VERSION first, binary values as
 * ENCODING=b (3.0) or data: URIs (4.0). */
void                 reseau_vcard_write              (const ReseauVCard         *card,
                                                      ReseauVCardVersion         version,
                                                      GString                   *out);
char                *reseau_vcard_to_string          (const ReseauVCard         *card,
                                                      ReseauVCardVersion         version);

/* TRUE when both cards have the same properties, in any order, once names
 * are upper-cased, parameters normalised and PRODID and REV left out: a
 * server that re-serialises a card has not edited it. */
gboolean             reseau_vcard_equal              (const ReseauVCard         *a,
                                                      const ReseauVCard         *b);

/* Reading a file of many cards ----------------------------------------------- */

typedef struct _ReseauVCardReader ReseauVCardReader;

/* TRUE when data, after an optional BOM and blank lines, starts a vCard. */
gboolean             reseau_vcard_looks_like         (const char                *data,
                                                      gsize                      length);

/* Reads the cards of data one at a time, without copying it; data is
 * referenced until the reader is freed. */
ReseauVCardReader   *reseau_vcard_reader_new         (GBytes                    *data);
void                 reseau_vcard_reader_free        (ReseauVCardReader         *reader);
/* The next card, or NULL at the end. A broken card is repaired when it can
 * be (a missing END, a line without a colon dropped) and skipped when not;
 * either way a problem naming the line and the reason is recorded. Text
 * between cards is ignored. */
ReseauVCard         *reseau_vcard_reader_next        (ReseauVCardReader         *reader);
/* Bytes read so far, for a progress bar. */
gsize                reseau_vcard_reader_get_position (ReseauVCardReader        *reader);
/* The problems met so far: ReseauProblem* with line and message set (file
 * is left NULL for the caller to fill). Owned by the reader. */
GPtrArray           *reseau_vcard_reader_get_problems (ReseauVCardReader        *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauVCardProperty, reseau_vcard_property_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauVCard, reseau_vcard_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauVCardReader, reseau_vcard_reader_free)

G_END_DECLS
