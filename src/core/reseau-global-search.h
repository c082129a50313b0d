/* reseau-global-search.h — one search over contacts, notes, events, referrals
 *
 * What Ctrl+K shows: the first few matches of each kind, with how many
 * there are in all. Every word typed must be the prefix of a word of the
 * match, case and accents ignored (the folding of reseau-text.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-database.h"
#include "reseau-interaction.h"

G_BEGIN_DECLS

typedef enum
{
  RESEAU_GLOBAL_SEARCH_CONTACTS,
  RESEAU_GLOBAL_SEARCH_INTERACTIONS,
  RESEAU_GLOBAL_SEARCH_EVENTS,
  RESEAU_GLOBAL_SEARCH_REFERRALS,
  RESEAU_GLOBAL_SEARCH_N_GROUPS
} ReseauGlobalSearchGroup;

/* Counts stop at this many: counting every match of a common prefix among a
 * million notes would cost more than the search itself. */
#define RESEAU_GLOBAL_SEARCH_MAX_COUNT 1000

typedef struct
{
  ReseauGlobalSearchGroup  group;
  gint64                   id;        /* interactions, events, referrals */
  char                    *uid;       /* contacts; a referral's first person, or NULL */
  char                    *title;     /* name, participants, event name, subject */
  char                    *subtitle;  /* contact subtitle, people of a referral; may be NULL */
  char                    *day;       /* "YYYY-MM-DD": interactions, events, referrals */
  char                    *snippet;   /* interactions: the note around the match */
  ReseauInteractionKind    interaction_kind;
} ReseauGlobalSearchHit;

typedef struct
{
  /* Of ReseauGlobalSearchHit, best first, at most the limit each. */
  GPtrArray *hits[RESEAU_GLOBAL_SEARCH_N_GROUPS];
  /* All the matches of each group, up to RESEAU_GLOBAL_SEARCH_MAX_COUNT. */
  guint      totals[RESEAU_GLOBAL_SEARCH_N_GROUPS];
} ReseauGlobalSearchResults;

void                       reseau_global_search_hit_free     (ReseauGlobalSearchHit     *hit);
void                       reseau_global_search_results_free (ReseauGlobalSearchResults *results);
/* TRUE when no group has a match. */
gboolean                   reseau_global_search_results_is_empty (const ReseauGlobalSearchResults *results);

/* Searches for text, at most limit hits per group; empty results when text
 * has no word. */
ReseauGlobalSearchResults *reseau_global_search              (ReseauDatabase       *database,
                                                              const char           *text,
                                                              guint                 limit,
                                                              GError              **error);
void                       reseau_global_search_async        (ReseauDatabase       *database,
                                                              const char           *text,
                                                              guint                 limit,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
ReseauGlobalSearchResults *reseau_global_search_finish       (ReseauDatabase       *database,
                                                              GAsyncResult         *result,
                                                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauGlobalSearchResults, reseau_global_search_results_free)

G_END_DECLS
