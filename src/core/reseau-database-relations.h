/* reseau-database-relations.h — interactions, follow-ups, referrals, events
 *
 * What the Timeline, Follow-up, Referrals and Events views and reseau-cli
 * read and write, on the database's worker thread (see reseau-database.h:
 * blocking calls for the CLI, tests and benchmarks, _async/_finish pairs
 * for the window). All of it stays local: none of it is part of a
 * contact's card, so CardDAV sync never sends it.
 *
 * Contacts are named by UID; an unknown or trashed one is NOT_FOUND.
 * Days are local calendar dates (GDate, or "YYYY-MM-DD" in records).
 * "today" is always a parameter, so that tests and the CLI decide it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-database.h"
#include "reseau-followup.h"
#include "reseau-interaction.h"

G_BEGIN_DECLS

/* Interactions ---------------------------------------------------------------- */

/* Inserts (id 0) or updates an interaction and its participants (at least
 * one); sets its id and times. Logging a new one counts as getting back in
 * touch: its participants' cadence snoozes are cleared (an edit keeps them). The _async call writes
 * into the caller's interaction: keep it unchanged until it completes. */
gboolean            reseau_database_save_interaction        (ReseauDatabase        *self,
                                                             ReseauInteraction     *interaction,
                                                             GError               **error);
void                reseau_database_save_interaction_async  (ReseauDatabase        *self,
                                                             ReseauInteraction     *interaction,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean            reseau_database_save_interaction_finish (ReseauDatabase        *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
/* Many new interactions in one transaction (imports, demo, benchmarks). */
gboolean            reseau_database_add_interactions        (ReseauDatabase        *self,
                                                             GPtrArray             *interactions,
                                                             GError               **error);
/* NULL with NOT_FOUND when there is no such live interaction. */
ReseauInteraction  *reseau_database_load_interaction        (ReseauDatabase        *self,
                                                             gint64                 id,
                                                             GError               **error);
void                reseau_database_load_interaction_async  (ReseauDatabase        *self,
                                                             gint64                 id,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
ReseauInteraction  *reseau_database_load_interaction_finish (ReseauDatabase        *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);

/* Deleting moves an interaction to the trash (the window's Undo brings it
 * back with restore); reseau_database_empty_interaction_trash() deletes
 * them for good. */
gboolean            reseau_database_trash_interaction       (ReseauDatabase        *self,
                                                             gint64                 id,
                                                             GError               **error);
void                reseau_database_trash_interaction_async (ReseauDatabase        *self,
                                                             gint64                 id,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean            reseau_database_trash_interaction_finish (ReseauDatabase       *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
gboolean            reseau_database_restore_interaction     (ReseauDatabase        *self,
                                                             gint64                 id,
                                                             GError               **error);
void                reseau_database_restore_interaction_async (ReseauDatabase      *self,
                                                             gint64                 id,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean            reseau_database_restore_interaction_finish (ReseauDatabase     *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
gboolean            reseau_database_empty_interaction_trash (ReseauDatabase        *self,
                                                             GError               **error);
/* Queued on the worker in call order, like every request: a restore asked
 * for before it runs first; a deletion asked for after it is not emptied. */
void                reseau_database_empty_interaction_trash_async  (ReseauDatabase *self,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean            reseau_database_empty_interaction_trash_finish (ReseauDatabase *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);

/* Timeline -------------------------------------------------------------------- */

/* Every field is optional: kind -1, NULL or "" mean no filter. text
 * matches the notes, every word as a prefix, ignoring case and accents. */
typedef struct
{
  int         kind;         /* ReseauInteractionKind, or -1 */
  const char *contact_uid;
  const char *tag;
  const char *text;
} ReseauTimelineFilter;

/* One row of the timeline: no more than a row shows. */
typedef struct
{
  gint64                 id;
  ReseauInteractionKind  kind;
  gint64                 occurred_at;
  char                  *occurred_on;   /* the day heading */
  ReseauDirection        direction;
  char                  *note_excerpt;  /* the note's first 280 characters; may be NULL */
  char                  *participants;  /* display names, comma-separated */
} ReseauTimelineRow;

void                reseau_timeline_row_free                (ReseauTimelineRow     *row);

/* Up to limit rows, newest first (occurred_at, then id, descending),
 * strictly older than the cursor (before_at, before_id): 0, 0 asks for the
 * first page; the next page starts after the last row of this one. Keyset
 * pagination: every page costs the same, however deep. GPtrArray of
 * ReseauTimelineRow*. filter may be NULL. */
GPtrArray          *reseau_database_timeline_page           (ReseauDatabase              *self,
                                                             const ReseauTimelineFilter  *filter,
                                                             gint64                       before_at,
                                                             gint64                       before_id,
                                                             guint                        limit,
                                                             GError                     **error);
void                reseau_database_timeline_page_async     (ReseauDatabase              *self,
                                                             const ReseauTimelineFilter  *filter,
                                                             gint64                       before_at,
                                                             gint64                       before_id,
                                                             guint                        limit,
                                                             GCancellable                *cancellable,
                                                             GAsyncReadyCallback          callback,
                                                             gpointer                     user_data);
GPtrArray          *reseau_database_timeline_page_finish    (ReseauDatabase              *self,
                                                             GAsyncResult                *result,
                                                             GError                     **error);

/* The day of the contact's latest live interaction (by the interaction's
 * own day); day is cleared (g_date_valid() FALSE) when there is none. */
gboolean            reseau_database_get_last_interaction_day (ReseauDatabase       *self,
                                                             const char            *uid,
                                                             GDate                 *day,
                                                             GError               **error);

/* Strength -------------------------------------------------------------------- */

/* The contact's strength on today (see reseau-strength.h), and the
 * tooltip's explanation when explanation is not NULL. -1 on error. */
int                 reseau_database_get_strength            (ReseauDatabase        *self,
                                                             const char            *uid,
                                                             const GDate           *today,
                                                             char                 **explanation,
                                                             GError               **error);

typedef struct
{
  gint64 contact_id;  /* ReseauContactSummary.id */
  guint  strength;
} ReseauContactStrength;

/* The strength on today of every contact that has one (> 0), to sort the
 * contact list: GArray of ReseauContactStrength, in no order. Contacts in
 * the trash may be among them (no list shows them): leaving them in spares
 * a look at every contact's row. */
GArray             *reseau_database_list_strengths          (ReseauDatabase        *self,
                                                             const GDate           *today,
                                                             GError               **error);
void                reseau_database_list_strengths_async    (ReseauDatabase        *self,
                                                             const GDate           *today,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
GArray             *reseau_database_list_strengths_finish   (ReseauDatabase        *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);

/* Follow-ups ------------------------------------------------------------------- */

/* Tag defaults of the cadence (Preferences). days 0 removes the tag's
 * default; a tag not yet used is created. */
gboolean            reseau_database_set_tag_cadence         (ReseauDatabase        *self,
                                                             const char            *tag,
                                                             guint                  days,
                                                             GError               **error);
/* Tag name → days (GUINT_TO_POINTER), for every tag that has a default. */
GHashTable         *reseau_database_list_tag_cadences       (ReseauDatabase        *self,
                                                             GError               **error);
void                reseau_database_set_tag_cadence_async   (ReseauDatabase        *self,
                                                             const char            *tag,
                                                             guint                  days,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean            reseau_database_set_tag_cadence_finish  (ReseauDatabase        *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
void                reseau_database_list_tag_cadences_async (ReseauDatabase        *self,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
GHashTable         *reseau_database_list_tag_cadences_finish (ReseauDatabase       *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);

/* The Follow-up view on today: a cadence row for every live contact whose
 * resolved cadence is not 0 (default_cadence is GSettings'
 * default-cadence), a row per open reminder, a "Thank …" row per received
 * referral not yet thanked (due the day it was recorded), and a
 * cooling-down row for contacts whose strength fell below the threshold
 * and that are due no sooner than Later. GPtrArray of ReseauFollowup*, in
 * due order. For reseau-cli and tests: the window asks for groups. */
GPtrArray          *reseau_database_list_followups          (ReseauDatabase        *self,
                                                             const GDate           *today,
                                                             guint                  default_cadence,
                                                             GError               **error);

/* The same rows by group, as the Follow-up view shows them: how many
 * each group holds, and its first limit rows in due order (0: all). */
typedef struct
{
  GPtrArray *followups;                        /* ReseauFollowup*, group after group */
  guint      counts[RESEAU_FOLLOWUP_N_GROUPS];
} ReseauFollowupList;

void                reseau_followup_list_free               (ReseauFollowupList    *list);
ReseauFollowupList *reseau_database_list_followup_groups    (ReseauDatabase        *self,
                                                             const GDate           *today,
                                                             guint                  default_cadence,
                                                             guint                  limit,
                                                             GError               **error);
void                reseau_database_list_followup_groups_async (ReseauDatabase     *self,
                                                             const GDate           *today,
                                                             guint                  default_cadence,
                                                             guint                  limit,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
ReseauFollowupList *reseau_database_list_followup_groups_finish (ReseauDatabase    *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);

/* Snoozes a row until a day: the contact's cadence (cadence and
 * cooling-down rows), the reminder, or the thanks. */
gboolean            reseau_database_snooze_followup         (ReseauDatabase        *self,
                                                             const ReseauFollowup  *followup,
                                                             const GDate           *until,
                                                             GError               **error);
/* "Done": a reminder is done, a referral thanked; a cadence row starts
 * its cadence again from today without an interaction being logged (a
 * snooze until today + cadence); a cooling-down row is quiet for the
 * half-life. */
gboolean            reseau_database_complete_followup       (ReseauDatabase        *self,
                                                             const ReseauFollowup  *followup,
                                                             const GDate           *today,
                                                             GError               **error);
void                reseau_database_complete_followup_async (ReseauDatabase        *self,
                                                             const ReseauFollowup  *followup,
                                                             const GDate           *today,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean            reseau_database_complete_followup_finish (ReseauDatabase       *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);

/* Stores a reminder (sets its id). */
gboolean            reseau_database_add_reminder            (ReseauDatabase        *self,
                                                             ReseauReminder        *reminder,
                                                             GError               **error);
/* The contact's open reminders, earliest first: GPtrArray of ReseauReminder*. */
GPtrArray          *reseau_database_list_reminders          (ReseauDatabase        *self,
                                                             const char            *uid,
                                                             GError               **error);
/* The _async call writes the id into the caller's reminder: keep it until
 * it completes. */
void                reseau_database_add_reminder_async      (ReseauDatabase        *self,
                                                             ReseauReminder        *reminder,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean            reseau_database_add_reminder_finish     (ReseauDatabase        *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
void                reseau_database_list_reminders_async    (ReseauDatabase        *self,
                                                             const char            *uid,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
GPtrArray          *reseau_database_list_reminders_finish   (ReseauDatabase        *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);

/* Referrals and mandates ---------------------------------------------------------- */

/* Stores a referral (sets its id, and recorded_on to the local today when
 * it is NULL), with its mandate when its outcome is already "won". */
gboolean            reseau_database_add_referral            (ReseauDatabase        *self,
                                                             ReseauReferral        *referral,
                                                             GError               **error);
/* A received referral that is won gives me its mandate (source
 * "referral", the subject as title, the value, the "to" contact as
 * client); any other outcome takes it away. A given one that is won is
 * the mandate of the person I recommended, not mine: it makes none. */
gboolean            reseau_database_set_referral_outcome    (ReseauDatabase        *self,
                                                             gint64                 id,
                                                             ReseauOutcome          outcome,
                                                             GError               **error);
gboolean            reseau_database_set_referral_thanked    (ReseauDatabase        *self,
                                                             gint64                 id,
                                                             gboolean               thanked,
                                                             GError               **error);
/* The _async call writes into the caller's referral: keep it unchanged
 * until it completes. */
void                reseau_database_add_referral_async      (ReseauDatabase        *self,
                                                             ReseauReferral        *referral,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean            reseau_database_add_referral_finish     (ReseauDatabase        *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
void                reseau_database_set_referral_outcome_async  (ReseauDatabase    *self,
                                                             gint64                 id,
                                                             ReseauOutcome          outcome,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean            reseau_database_set_referral_outcome_finish (ReseauDatabase    *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
void                reseau_database_set_referral_thanked_async  (ReseauDatabase    *self,
                                                             gint64                 id,
                                                             gboolean               thanked,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean            reseau_database_set_referral_thanked_finish (ReseauDatabase    *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);

typedef enum
{
  RESEAU_REFERRALS_ALL,
  RESEAU_REFERRALS_NOT_THANKED,  /* received and not yet thanked */
} ReseauReferralQuery;

/* Newest first (referred_on, then id): GPtrArray of ReseauReferral*. */
GPtrArray          *reseau_database_list_referrals          (ReseauDatabase        *self,
                                                             ReseauReferralQuery    query,
                                                             GError               **error);
void                reseau_database_list_referrals_async    (ReseauDatabase        *self,
                                                             ReseauReferralQuery    query,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
GPtrArray          *reseau_database_list_referrals_finish   (ReseauDatabase        *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
gboolean            reseau_database_get_referral_balance    (ReseauDatabase        *self,
                                                             const char            *uid,
                                                             ReseauReferralBalance *balance,
                                                             GError               **error);
void                reseau_database_get_referral_balance_async  (ReseauDatabase    *self,
                                                             const char            *uid,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean            reseau_database_get_referral_balance_finish (ReseauDatabase    *self,
                                                             GAsyncResult          *result,
                                                             ReseauReferralBalance *balance,
                                                             GError               **error);

/* "I owe a referral": the contacts who recommended me more often than I
 * recommended them or to them, most owed first. */
typedef struct
{
  char  *contact_uid;
  char  *display_name;
  guint  received;
  guint  given;
} ReseauReferralDebt;

void                reseau_referral_debt_free               (ReseauReferralDebt    *debt);
GPtrArray          *reseau_database_list_referral_debts     (ReseauDatabase        *self,
                                                             GError               **error);
void                reseau_database_list_referral_debts_async  (ReseauDatabase     *self,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
GPtrArray          *reseau_database_list_referral_debts_finish (ReseauDatabase     *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);

gboolean            reseau_database_add_mandate             (ReseauDatabase        *self,
                                                             ReseauMandate         *mandate,
                                                             GError               **error);
/* Newest first: GPtrArray of ReseauMandate*. */
GPtrArray          *reseau_database_list_mandates           (ReseauDatabase        *self,
                                                             GError               **error);
/* How many mandates came from each ReseauMandateSource (counts[3]). */
gboolean            reseau_database_count_mandates_by_source (ReseauDatabase       *self,
                                                             guint                 *counts,
                                                             GError               **error);
void                reseau_database_count_mandates_by_source_async  (ReseauDatabase *self,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean            reseau_database_count_mandates_by_source_finish (ReseauDatabase *self,
                                                             GAsyncResult          *result,
                                                             guint                 *counts,
                                                             GError               **error);

/* Events ----------------------------------------------------------------------- */

gboolean            reseau_database_add_event               (ReseauDatabase        *self,
                                                             ReseauEvent           *event,
                                                             GError               **error);
/* Newest first: GPtrArray of ReseauEvent*. */
GPtrArray          *reseau_database_list_events             (ReseauDatabase        *self,
                                                             GError               **error);
void                reseau_database_list_events_async       (ReseauDatabase        *self,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
GPtrArray          *reseau_database_list_events_finish      (ReseauDatabase        *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
/* Adds a contact to the event's attendees, or changes met_there. */
gboolean            reseau_database_add_attendee            (ReseauDatabase        *self,
                                                             gint64                 event_id,
                                                             const char            *uid,
                                                             gboolean               met_there,
                                                             GError               **error);
/* By display name: GPtrArray of ReseauAttendee*. */
GPtrArray          *reseau_database_list_attendees          (ReseauDatabase        *self,
                                                             gint64                 event_id,
                                                             GError               **error);
/* "People I met there", in one transaction: saves the new contact with
 * how-we-met (the event's name) and met-on (its day) filled in where
 * empty, as someone met at the event, with a reminder the next day. */
gboolean            reseau_database_add_event_contact       (ReseauDatabase        *self,
                                                             gint64                 event_id,
                                                             ReseauContact         *contact,
                                                             GError               **error);
void                reseau_database_add_event_contact_async (ReseauDatabase        *self,
                                                             gint64                 event_id,
                                                             ReseauContact         *contact,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
gboolean            reseau_database_add_event_contact_finish (ReseauDatabase       *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauTimelineRow, reseau_timeline_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauFollowupList, reseau_followup_list_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauReferralDebt, reseau_referral_debt_free)

G_END_DECLS
