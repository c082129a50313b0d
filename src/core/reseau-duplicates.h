/* reseau-duplicates.h — the same person twice, and putting them back together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "reseau-contact.h"

G_BEGIN_DECLS

typedef enum
{
  RESEAU_DUPLICATE_SAME_EMAIL,
  RESEAU_DUPLICATE_SAME_PHONE,
  RESEAU_DUPLICATE_SAME_NAME,
  RESEAU_DUPLICATE_SIMILAR_NAME,
} ReseauDuplicateReason;

typedef struct
{
  char                  *uid_a;
  char                  *name_a;
  char                  *uid_b;
  char                  *name_b;
  ReseauDuplicateReason  reason;
  char                  *detail;  /* the shared email or phone, or NULL */
} ReseauDuplicatePair;

void        reseau_duplicate_pair_free   (ReseauDuplicatePair *pair);

/* Possible duplicates among keys (ReseauContactKeys*, as listed by
 * reseau_database_list_contact_keys()): each pair once, strongest reason
 * first (email, phone, same name, similar name), then by name. Similar
 * means the same words in another order, or one letter typed differently
 * in a name of five letters or more. Runs in well under a second for
 * 100,000 contacts. GPtrArray of ReseauDuplicatePair*. */
GPtrArray  *reseau_find_duplicates       (GPtrArray           *keys);

/* A translated sentence: "Same email: anne@example.org". */
char       *reseau_duplicate_pair_describe (const ReseauDuplicatePair *pair);

/* A new contact holding every value of both: keep's UID, its single
 * values where set (other's otherwise), the union of emails, phones,
 * URLs, addresses and tags, both notes (joined when they differ), the
 * earliest met-on date. keep's stored card is patched to match. */
ReseauContact *reseau_contact_merge      (ReseauContact       *keep,
                                          ReseauContact       *other);

G_END_DECLS
