/* reseau-account.c — the plain records of a CardDAV account and its books
 *
 * Both are boxed-like structs passed between the database worker, the sync
 * thread and the window, so each holder owns a copy rather than sharing one:
 * copies are deep and nothing here is reference counted. The password is no
 * field of either (it lives in the keyring, reseau-secret.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reseau-account.h"

ReseauAccount *
reseau_account_new (const char *server,
                    const char *user)
{
  ReseauAccount *account = g_new0 (ReseauAccount, 1);

  account->server = g_strdup (server);
  account->user = g_strdup (user);

  return account;
}

ReseauAccount *
reseau_account_copy (const ReseauAccount *account)
{
  ReseauAccount *copy;

  g_return_val_if_fail (account != NULL, NULL);

  copy = reseau_account_new (account->server, account->user);
  copy->id = account->id;
  copy->created_at = account->created_at;
  copy->last_sync_at = account->last_sync_at;
  copy->last_error = g_strdup (account->last_error);

  return copy;
}

void
reseau_account_free (ReseauAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->server);
  g_free (account->user);
  g_free (account->last_error);
  g_free (account);
}

ReseauAddressBook *
reseau_address_book_new (const char *url)
{
  ReseauAddressBook *book = g_new0 (ReseauAddressBook, 1);

  book->url = g_strdup (url);
  /* A book found at discovery is synced unless the user says otherwise,
   * and written as 3.0 until it advertises 4.0 (CARDDAV.md). */
  book->enabled = TRUE;
  book->vcard_version = RESEAU_VCARD_VERSION_3_0;

  return book;
}

ReseauAddressBook *
reseau_address_book_copy (const ReseauAddressBook *book)
{
  ReseauAddressBook *copy;

  g_return_val_if_fail (book != NULL, NULL);

  copy = g_new (ReseauAddressBook, 1);
  *copy = *book;
  copy->url = g_strdup (book->url);
  copy->display_name = g_strdup (book->display_name);
  copy->ctag = g_strdup (book->ctag);
  copy->sync_token = g_strdup (book->sync_token);

  return copy;
}

void
reseau_address_book_free (ReseauAddressBook *book)
{
  if (book == NULL)
    return;

  g_free (book->url);
  g_free (book->display_name);
  g_free (book->ctag);
  g_free (book->sync_token);
  g_free (book);
}
