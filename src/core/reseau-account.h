/* reseau-account.h — a CardDAV account and its address books, as stored
 *
 * An account is a server and a user name; its password lives in the
 * keyring only (reseau-secret.h), under the account's server and user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "reseau-vcard.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;            /* 0 until stored */
  char   *server;        /* the server's URL as discovery settled it
                          * ("https://dav.example.org/"); the keyring's
                          * "server" attribute */
  char   *user;          /* the keyring's "user" attribute */
  gint64  created_at;    /* Unix seconds */
  gint64  last_sync_at;  /* Unix seconds of the last sync that succeeded; 0: never */
  char   *last_error;    /* translated message of the last sync that failed,
                          * NULL once a sync succeeds */
} ReseauAccount;

typedef struct
{
  gint64              id;                        /* 0 until stored */
  gint64              account_id;
  char               *url;                       /* absolute URL of the collection */
  char               *display_name;              /* may be NULL */
  gboolean            enabled;                   /* the user chose to sync it */
  char               *ctag;                      /* getctag as last synced, or NULL */
  char               *sync_token;                /* RFC 6578 token as last synced, or NULL */
  gboolean            supports_sync_collection;
  ReseauVCardVersion  vcard_version;             /* what is written to it: 4.0 only
                                                  * when the book advertises it */
  gboolean            read_only;
  gint64              max_resource_size;         /* bytes; 0: not said */
  gboolean            initial_sync_done;         /* a full sync has completed once */
} ReseauAddressBook;

ReseauAccount     *reseau_account_new          (const char              *server,
                                                const char              *user);
ReseauAccount     *reseau_account_copy         (const ReseauAccount     *account);
void               reseau_account_free         (ReseauAccount           *account);

ReseauAddressBook *reseau_address_book_new     (const char              *url);
ReseauAddressBook *reseau_address_book_copy    (const ReseauAddressBook *book);
void               reseau_address_book_free    (ReseauAddressBook       *book);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauAccount, reseau_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauAddressBook, reseau_address_book_free)

G_END_DECLS
