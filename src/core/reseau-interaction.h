/* reseau-interaction.h — interactions, reminders, referrals and events
 *
 * Plain structs with _new/_free (and g_autoptr), the records that
 * reseau-database-relations.h reads and writes. Contacts are named by UID,
 * as everywhere in the public API; the database turns them into ids.
 *
 * Every day is a local calendar date "YYYY-MM-DD" (see
 * reseau-database-schema.c, version 5, for why days and not seconds).
 * Each enum has a stable string form for the CLI and JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RESEAU_INTERACTION_MEETING,
  RESEAU_INTERACTION_CALL,
  RESEAU_INTERACTION_EMAIL,
  RESEAU_INTERACTION_MESSAGE,
  RESEAU_INTERACTION_COFFEE,
  RESEAU_INTERACTION_EVENT,
  RESEAU_INTERACTION_WALK,
  RESEAU_INTERACTION_VIDEO_CALL,
  RESEAU_INTERACTION_OTHER,
} ReseauInteractionKind;

#define RESEAU_N_INTERACTION_KINDS (RESEAU_INTERACTION_OTHER + 1)

/* Who did the favour. */
typedef enum
{
  RESEAU_DIRECTION_ASKED,   /* I asked */
  RESEAU_DIRECTION_GAVE,    /* I gave */
  RESEAU_DIRECTION_MUTUAL,
} ReseauDirection;

typedef enum
{
  RESEAU_REFERRAL_RECEIVED, /* person recommended me to to */
  RESEAU_REFERRAL_GIVEN,    /* I recommended person to to */
} ReseauReferralDirection;

typedef enum
{
  RESEAU_OUTCOME_PENDING,
  RESEAU_OUTCOME_WON,
  RESEAU_OUTCOME_LOST,
} ReseauOutcome;

typedef enum
{
  RESEAU_EVENT_IN_PERSON,
  RESEAU_EVENT_ONLINE,
  RESEAU_EVENT_COWORKING,
} ReseauEventFormat;

typedef enum
{
  RESEAU_MANDATE_FROM_REFERRAL,
  RESEAU_MANDATE_FROM_EVENT,
  RESEAU_MANDATE_DIRECT,
} ReseauMandateSource;

/* Stable names ("video-call", "gave", "won", "in-person", "referral"…) and
 * back; _from_string returns FALSE for an unknown name. _get_label gives the
 * translated label for the UI. */
const char *reseau_interaction_kind_to_string   (ReseauInteractionKind    kind);
gboolean    reseau_interaction_kind_from_string (const char              *text,
                                                 ReseauInteractionKind   *kind);
const char *reseau_interaction_kind_get_label   (ReseauInteractionKind    kind);
const char *reseau_direction_to_string          (ReseauDirection          direction);
gboolean    reseau_direction_from_string        (const char              *text,
                                                 ReseauDirection         *direction);
const char *reseau_direction_get_label          (ReseauDirection          direction);
const char *reseau_outcome_to_string            (ReseauOutcome            outcome);
gboolean    reseau_outcome_from_string          (const char              *text,
                                                 ReseauOutcome           *outcome);
const char *reseau_event_format_to_string       (ReseauEventFormat        format);
gboolean    reseau_event_format_from_string     (const char              *text,
                                                 ReseauEventFormat       *format);
const char *reseau_referral_direction_to_string (ReseauReferralDirection  direction);
const char *reseau_mandate_source_to_string     (ReseauMandateSource      source);

/* "YYYY-MM-DD" of a valid date, and back (FALSE for anything else). */
char       *reseau_date_to_string               (const GDate             *date);
gboolean    reseau_date_from_string             (const char              *text,
                                                 GDate                   *date);

/* Interactions --------------------------------------------------------------- */

typedef struct
{
  gint64                 id;           /* 0 until saved */
  ReseauInteractionKind  kind;
  gint64                 occurred_at;  /* UTC Unix seconds */
  char                  *occurred_on;  /* local day of occurred_at, "YYYY-MM-DD" */
  ReseauDirection        direction;
  char                  *note;         /* may be NULL */
  GPtrArray             *participants; /* contact UIDs (char *); never NULL */
  gint64                 created_at;
  gint64                 updated_at;
} ReseauInteraction;

/* A mutual meeting, now, without participants. */
ReseauInteraction *reseau_interaction_new        (void);
ReseauInteraction *reseau_interaction_copy       (const ReseauInteraction *interaction);
void               reseau_interaction_free       (ReseauInteraction       *interaction);
/* Sets occurred_at and occurred_on from a time in its own zone. */
void               reseau_interaction_set_time   (ReseauInteraction       *interaction,
                                                  GDateTime               *time);
/* A day without a time of day (reseau-cli log --date): noon of that day in
 * zone (NULL: local), which no change of clocks ever skips or repeats. */
void               reseau_interaction_set_day    (ReseauInteraction       *interaction,
                                                  const GDate             *day,
                                                  GTimeZone               *zone);
void               reseau_interaction_add_participant (ReseauInteraction  *interaction,
                                                       const char         *uid);

/* Reminders ----------------------------------------------------------------- */

typedef struct
{
  gint64  id;
  char   *contact_uid;
  char   *due_on;         /* "YYYY-MM-DD" */
  char   *note;
  char   *snoozed_until;  /* may be NULL */
  gint64  done_at;        /* 0 while open */
} ReseauReminder;

ReseauReminder    *reseau_reminder_new           (const char   *contact_uid,
                                                  const GDate  *due,
                                                  const char   *note);
void               reseau_reminder_free          (ReseauReminder *reminder);

/* Referrals ------------------------------------------------------------------ */

typedef struct
{
  gint64                   id;
  ReseauReferralDirection  direction;
  char                    *person_uid;   /* who recommended me / whom I recommended */
  char                    *to_uid;       /* to whom; may be NULL */
  char                    *subject;      /* the mandate, "for what"; may be NULL */
  char                    *referred_on;  /* "YYYY-MM-DD" */
  char                    *recorded_on;  /* set when saved: the day it was entered */
  ReseauOutcome            outcome;
  gint64                   value_cents;
  char                    *currency;     /* ISO 4217, may be NULL */
  gboolean                 thanked;
  /* Set by reseau_database_list_referrals() for display; NULL otherwise. */
  char                    *person_name;
  char                    *to_name;
} ReseauReferral;

ReseauReferral    *reseau_referral_new           (ReseauReferralDirection  direction,
                                                  const char              *person_uid,
                                                  const GDate             *referred_on);
void               reseau_referral_free          (ReseauReferral          *referral);

/* Referrals given and received with one contact (the contact sheet). A
 * referral given counts for both the one I recommended and the one I
 * recommended them to: both were helped. */
typedef struct
{
  guint received;
  guint given;
  guint unthanked;  /* received and not yet thanked */
} ReseauReferralBalance;

/* Events --------------------------------------------------------------------- */

typedef struct
{
  gint64             id;
  char              *name;
  char              *held_on;   /* "YYYY-MM-DD" */
  char              *place;     /* may be NULL */
  char              *link;      /* may be NULL */
  ReseauEventFormat  format;
  char              *theme;     /* may be NULL */
  char              *note;      /* may be NULL */
} ReseauEvent;

typedef struct
{
  char     *contact_uid;
  char     *display_name;
  gboolean  met_there;
} ReseauAttendee;

ReseauEvent       *reseau_event_new              (const char   *name,
                                                  const GDate  *held_on);
void               reseau_event_free             (ReseauEvent    *event);
void               reseau_attendee_free          (ReseauAttendee *attendee);

/* Mandates ------------------------------------------------------------------- */

typedef struct
{
  gint64               id;
  char                *title;
  char                *client_uid;   /* may be NULL */
  char                *started_on;   /* "YYYY-MM-DD" */
  ReseauMandateSource  source;
  gint64               referral_id;  /* 0 unless from a referral */
  gint64               event_id;     /* 0 unless from an event */
  gint64               value_cents;
  char                *currency;
} ReseauMandate;

ReseauMandate     *reseau_mandate_new            (const char          *title,
                                                  ReseauMandateSource  source,
                                                  const GDate         *started_on);
void               reseau_mandate_free           (ReseauMandate *mandate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauInteraction, reseau_interaction_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauReminder, reseau_reminder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauReferral, reseau_referral_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauEvent, reseau_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauAttendee, reseau_attendee_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauMandate, reseau_mandate_free)

G_END_DECLS
