/* reseau-followup.c — when to get back in touch (rules in the header)
 *
 * Only GDate: a day is a day, whatever the time zone or the clocks do, so
 * no computation here can land on the day before because a night in March
 * was an hour short.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reseau-followup.h"

void
reseau_followup_free (ReseauFollowup *followup)
{
  if (followup == NULL)
    return;

  g_free (followup->contact_uid);
  g_free (followup->display_name);
  g_free (followup->note);
  g_free (followup);
}

const char *
reseau_followup_reason_to_string (ReseauFollowupReason reason)
{
  static const char * const names[] = { "cadence", "reminder", "thanks", "cooling-down" };

  g_return_val_if_fail (reason <= RESEAU_FOLLOWUP_REASON_COOLING, NULL);
  return names[reason];
}

const char *
reseau_followup_group_to_string (ReseauFollowupGroup group)
{
  static const char * const names[] = { "overdue", "today", "this-week", "later", "cooling-down" };

  g_return_val_if_fail (group <= RESEAU_FOLLOWUP_COOLING_DOWN, NULL);
  return names[group];
}

const char *
reseau_followup_group_get_label (ReseauFollowupGroup group)
{
  switch (group)
    {
    case RESEAU_FOLLOWUP_OVERDUE:
      return C_("follow-up group", "Overdue");
    case RESEAU_FOLLOWUP_TODAY:
      return C_("follow-up group", "Today");
    case RESEAU_FOLLOWUP_THIS_WEEK:
      return C_("follow-up group", "This Week");
    case RESEAU_FOLLOWUP_LATER:
      return C_("follow-up group", "Later");
    case RESEAU_FOLLOWUP_COOLING_DOWN:
    default:
      /* Translators: relationships whose strength is falling */
      return C_("follow-up group", "Cooling Down");
    }
}

guint
reseau_followup_resolve_cadence (guint        contact_days,
                                 const guint *tag_days,
                                 guint        n_tags,
                                 guint        default_days)
{
  guint smallest = 0;

  g_return_val_if_fail (tag_days != NULL || n_tags == 0, 0);

  if (contact_days > 0)
    return contact_days;

  for (guint i = 0; i < n_tags; i++)
    if (tag_days[i] > 0 && (smallest == 0 || tag_days[i] < smallest))
      smallest = tag_days[i];

  return smallest > 0 ? smallest : default_days;
}

gboolean
reseau_followup_next_due (const GDate *last,
                          guint        cadence_days,
                          GDate       *due)
{
  g_return_val_if_fail (last != NULL && g_date_valid (last), FALSE);
  g_return_val_if_fail (due != NULL, FALSE);

  if (cadence_days == 0)
    return FALSE;

  *due = *last;
  g_date_add_days (due, cadence_days);
  return TRUE;
}

void
reseau_followup_apply_snooze (GDate       *due,
                              const GDate *snoozed_until)
{
  g_return_if_fail (due != NULL && g_date_valid (due));

  if (snoozed_until != NULL && g_date_valid (snoozed_until) &&
      g_date_compare (snoozed_until, due) > 0)
    *due = *snoozed_until;
}

void
reseau_followup_snooze_until (const GDate  *today,
                              ReseauSnooze  snooze,
                              GDate        *until)
{
  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (until != NULL);

  *until = *today;
  if (snooze == RESEAU_SNOOZE_MONTH)
    g_date_add_months (until, 1);  /* 31 January → 28 or 29 February */
  else
    g_date_add_days (until, 7);
}

int
reseau_followup_overdue_days (const GDate *due,
                              const GDate *today)
{
  g_return_val_if_fail (due != NULL && g_date_valid (due), 0);
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  return g_date_days_between (due, today);
}

ReseauFollowupGroup
reseau_followup_group_for (const GDate *due,
                           const GDate *today)
{
  int days = reseau_followup_overdue_days (due, today);
  GDate sunday;

  if (days > 0)
    return RESEAU_FOLLOWUP_OVERDUE;
  if (days == 0)
    return RESEAU_FOLLOWUP_TODAY;

  sunday = *today;
  g_date_add_days (&sunday, G_DATE_SUNDAY - g_date_get_weekday (today));
  if (g_date_compare (due, &sunday) <= 0)
    return RESEAU_FOLLOWUP_THIS_WEEK;

  return RESEAU_FOLLOWUP_LATER;
}

int
reseau_followup_compare (gconstpointer a,
                         gconstpointer b)
{
  const ReseauFollowup *x = *(ReseauFollowup * const *) a;
  const ReseauFollowup *y = *(ReseauFollowup * const *) b;
  int cmp = g_date_compare (&x->due, &y->due);

  if (cmp != 0)
    return cmp;
  cmp = g_strcmp0 (x->display_name, y->display_name);
  if (cmp != 0)
    return cmp;

  return (int) x->reason - (int) y->reason;
}
