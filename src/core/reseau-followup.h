/* reseau-followup.h — when to get back in touch, as pure date logic
 *
 * Cadence: a contact's own cadence when it has one (cadence_days > 0),
 * else the smallest cadence among its tags' defaults, else the global
 * default (GSettings default-cadence; 0 = none). The smallest tag wins
 * because a person who is both a Client (30 days) and a Partner (60) is
 * neglected as a client after 30 days, whatever else they are.
 *
 * Due date: the day of the latest interaction, by the interaction's own
 * day even when it was logged afterwards, plus the cadence in calendar
 * days (GDate arithmetic: 31 January + 30 days is 2 March, or 1 March in a
 * leap year; a change of clocks changes nothing). A contact never met has
 * the day it was met on or added as its reference instead. A snooze moves
 * the due date to the snooze day when that is later; logging an
 * interaction clears it.
 *
 * Groups, relative to a "today" that is always given (never the clock, so
 * that tests fix it): Overdue (before today), Today, This week (after
 * today, up to the Sunday of today's ISO week) and Later; Cooling down is
 * chosen by the database from the strength (see reseau-strength.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RESEAU_FOLLOWUP_OVERDUE,
  RESEAU_FOLLOWUP_TODAY,
  RESEAU_FOLLOWUP_THIS_WEEK,
  RESEAU_FOLLOWUP_LATER,
  RESEAU_FOLLOWUP_COOLING_DOWN,
} ReseauFollowupGroup;

#define RESEAU_FOLLOWUP_N_GROUPS (RESEAU_FOLLOWUP_COOLING_DOWN + 1)

typedef enum
{
  RESEAU_FOLLOWUP_REASON_CADENCE,   /* the cadence has run out */
  RESEAU_FOLLOWUP_REASON_REMINDER,  /* an explicit reminder */
  RESEAU_FOLLOWUP_REASON_THANKS,    /* a received referral not yet thanked */
  RESEAU_FOLLOWUP_REASON_COOLING,   /* strength falling below the threshold */
} ReseauFollowupReason;

typedef enum
{
  RESEAU_SNOOZE_WEEK,   /* today + 7 days */
  RESEAU_SNOOZE_MONTH,  /* the same day next month, or its last day */
} ReseauSnooze;

/* One row of the Follow-up view, and of reseau-cli due. */
typedef struct
{
  ReseauFollowupReason  reason;
  ReseauFollowupGroup   group;
  char                 *contact_uid;
  char                 *display_name;
  GDate                 due;
  int                   overdue_days;  /* today − due; ≤ 0 when not overdue */
  guint                 cadence_days;  /* the resolved cadence (CADENCE rows) */
  guint                 strength;      /* 0–100 today */
  gint64                reminder_id;   /* REMINDER rows */
  gint64                referral_id;   /* THANKS rows */
  char                 *note;          /* the reminder's note, or a translated "Thank …" */
} ReseauFollowup;

void                reseau_followup_free            (ReseauFollowup *followup);

/* "cadence", "reminder", "thanks", "cooling-down" (the JSON reason). */
const char         *reseau_followup_reason_to_string (ReseauFollowupReason reason);
/* "overdue", "today", "this-week", "later", "cooling-down". */
const char         *reseau_followup_group_to_string  (ReseauFollowupGroup  group);
/* The group's translated heading. */
const char         *reseau_followup_group_get_label  (ReseauFollowupGroup  group);

/* 0 means no cadence at all. tag_days may hold zeros (tags without one). */
guint               reseau_followup_resolve_cadence (guint              contact_days,
                                                     const guint       *tag_days,
                                                     guint              n_tags,
                                                     guint              default_days);
/* FALSE (due untouched) when cadence_days is 0. */
gboolean            reseau_followup_next_due        (const GDate       *last,
                                                     guint              cadence_days,
                                                     GDate             *due);
/* Moves due to snoozed_until when that is later; NULL or invalid: nothing. */
void                reseau_followup_apply_snooze    (GDate             *due,
                                                     const GDate       *snoozed_until);
void                reseau_followup_snooze_until    (const GDate       *today,
                                                     ReseauSnooze       snooze,
                                                     GDate             *until);
int                 reseau_followup_overdue_days    (const GDate       *due,
                                                     const GDate       *today);
ReseauFollowupGroup reseau_followup_group_for       (const GDate       *due,
                                                     const GDate       *today);
/* Due order: earliest first, then by name, then by reason. */
int                 reseau_followup_compare         (gconstpointer      a,
                                                     gconstpointer      b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauFollowup, reseau_followup_free)

G_END_DECLS
