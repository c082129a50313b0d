/* reseau-interaction.c — interactions, reminders, referrals and events
 *
 * Records without behaviour: what they mean is in reseau-followup.c,
 * reseau-strength.c and reseau-database-relations.c. The string forms of
 * the enums are part of the CLI's JSON and must never change; their
 * labels are for people and translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reseau-interaction.h"

static const char * const kind_names[] = {
  "meeting", "call", "email", "message", "coffee", "event", "walk", "video-call", "other",
};
G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == RESEAU_N_INTERACTION_KINDS);

static const char * const direction_names[] = { "asked", "gave", "mutual" };
static const char * const outcome_names[] = { "pending", "won", "lost" };
static const char * const format_names[] = { "in-person", "online", "coworking" };
static const char * const referral_direction_names[] = { "received", "given" };
static const char * const source_names[] = { "referral", "event", "direct" };

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *text,
             int                *value)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    if (strcmp (names[i], text) == 0)
      {
        *value = (int) i;
        return TRUE;
      }

  return FALSE;
}

const char *
reseau_interaction_kind_to_string (ReseauInteractionKind kind)
{
  g_return_val_if_fail (kind < RESEAU_N_INTERACTION_KINDS, NULL);
  return kind_names[kind];
}

gboolean
reseau_interaction_kind_from_string (const char            *text,
                                     ReseauInteractionKind *kind)
{
  int value;

  if (!lookup_name (kind_names, G_N_ELEMENTS (kind_names), text, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

const char *
reseau_interaction_kind_get_label (ReseauInteractionKind kind)
{
  switch (kind)
    {
    case RESEAU_INTERACTION_MEETING:
      return C_("interaction kind", "Meeting");
    case RESEAU_INTERACTION_CALL:
      return C_("interaction kind", "Call");
    case RESEAU_INTERACTION_EMAIL:
      return C_("interaction kind", "Email");
    case RESEAU_INTERACTION_MESSAGE:
      return C_("interaction kind", "Message");
    case RESEAU_INTERACTION_COFFEE:
      return C_("interaction kind", "Coffee");
    case RESEAU_INTERACTION_EVENT:
      return C_("interaction kind", "Event");
    case RESEAU_INTERACTION_WALK:
      return C_("interaction kind", "Walk");
    case RESEAU_INTERACTION_VIDEO_CALL:
      return C_("interaction kind", "Video call");
    case RESEAU_INTERACTION_OTHER:
    default:
      return C_("interaction kind", "Other");
    }
}

const char *
reseau_direction_to_string (ReseauDirection direction)
{
  g_return_val_if_fail (direction <= RESEAU_DIRECTION_MUTUAL, NULL);
  return direction_names[direction];
}

gboolean
reseau_direction_from_string (const char      *text,
                              ReseauDirection *direction)
{
  int value;

  if (!lookup_name (direction_names, G_N_ELEMENTS (direction_names), text, &value))
    return FALSE;
  *direction = value;
  return TRUE;
}

const char *
reseau_direction_get_label (ReseauDirection direction)
{
  switch (direction)
    {
    case RESEAU_DIRECTION_ASKED:
      /* Translators: who did the favour in an interaction */
      return C_("direction", "I asked");
    case RESEAU_DIRECTION_GAVE:
      /* Translators: who did the favour in an interaction */
      return C_("direction", "I gave");
    case RESEAU_DIRECTION_MUTUAL:
    default:
      /* Translators: who did the favour in an interaction: both */
      return C_("direction", "Mutual");
    }
}

const char *
reseau_outcome_to_string (ReseauOutcome outcome)
{
  g_return_val_if_fail (outcome <= RESEAU_OUTCOME_LOST, NULL);
  return outcome_names[outcome];
}

gboolean
reseau_outcome_from_string (const char    *text,
                            ReseauOutcome *outcome)
{
  int value;

  if (!lookup_name (outcome_names, G_N_ELEMENTS (outcome_names), text, &value))
    return FALSE;
  *outcome = value;
  return TRUE;
}

const char *
reseau_event_format_to_string (ReseauEventFormat format)
{
  g_return_val_if_fail (format <= RESEAU_EVENT_COWORKING, NULL);
  return format_names[format];
}

gboolean
reseau_event_format_from_string (const char        *text,
                                 ReseauEventFormat *format)
{
  int value;

  if (!lookup_name (format_names, G_N_ELEMENTS (format_names), text, &value))
    return FALSE;
  *format = value;
  return TRUE;
}

const char *
reseau_referral_direction_to_string (ReseauReferralDirection direction)
{
  g_return_val_if_fail (direction <= RESEAU_REFERRAL_GIVEN, NULL);
  return referral_direction_names[direction];
}

const char *
reseau_mandate_source_to_string (ReseauMandateSource source)
{
  g_return_val_if_fail (source <= RESEAU_MANDATE_DIRECT, NULL);
  return source_names[source];
}

/* Dates ----------------------------------------------------------------------- */

char *
reseau_date_to_string (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

gboolean
reseau_date_from_string (const char *text,
                         GDate      *date)
{
  guint year, month, day;

  /* Exactly YYYY-MM-DD: the stored form, and ISO 8601's calendar date. */
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* Interactions --------------------------------------------------------------- */

ReseauInteraction *
reseau_interaction_new (void)
{
  ReseauInteraction *interaction = g_new0 (ReseauInteraction, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  interaction->kind = RESEAU_INTERACTION_MEETING;
  interaction->direction = RESEAU_DIRECTION_MUTUAL;
  interaction->participants = g_ptr_array_new_with_free_func (g_free);
  reseau_interaction_set_time (interaction, now);

  return interaction;
}

ReseauInteraction *
reseau_interaction_copy (const ReseauInteraction *interaction)
{
  ReseauInteraction *copy;

  g_return_val_if_fail (interaction != NULL, NULL);

  copy = g_memdup2 (interaction, sizeof *interaction);
  copy->occurred_on = g_strdup (interaction->occurred_on);
  copy->note = g_strdup (interaction->note);
  copy->participants = g_ptr_array_new_full (interaction->participants->len, g_free);
  for (guint i = 0; i < interaction->participants->len; i++)
    g_ptr_array_add (copy->participants, g_strdup (g_ptr_array_index (interaction->participants, i)));

  return copy;
}

void
reseau_interaction_free (ReseauInteraction *interaction)
{
  if (interaction == NULL)
    return;

  g_free (interaction->occurred_on);
  g_free (interaction->note);
  g_clear_pointer (&interaction->participants, g_ptr_array_unref);
  g_free (interaction);
}

void
reseau_interaction_set_time (ReseauInteraction *interaction,
                             GDateTime         *time)
{
  g_return_if_fail (interaction != NULL);
  g_return_if_fail (time != NULL);

  interaction->occurred_at = g_date_time_to_unix (time);
  g_free (interaction->occurred_on);
  interaction->occurred_on = g_date_time_format (time, "%Y-%m-%d");
}

void
reseau_interaction_set_day (ReseauInteraction *interaction,
                            const GDate       *day,
                            GTimeZone         *zone)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) noon = NULL;

  g_return_if_fail (interaction != NULL);
  g_return_if_fail (day != NULL && g_date_valid (day));

  if (zone == NULL)
    zone = local = g_time_zone_new_local ();
  noon = g_date_time_new (zone, g_date_get_year (day), g_date_get_month (day),
                          g_date_get_day (day), 12, 0, 0);
  reseau_interaction_set_time (interaction, noon);
}

void
reseau_interaction_add_participant (ReseauInteraction *interaction,
                                    const char        *uid)
{
  g_return_if_fail (interaction != NULL);
  g_return_if_fail (uid != NULL);

  g_ptr_array_add (interaction->participants, g_strdup (uid));
}

/* Reminders, referrals, events, mandates ------------------------------------------ */

ReseauReminder *
reseau_reminder_new (const char  *contact_uid,
                     const GDate *due,
                     const char  *note)
{
  ReseauReminder *reminder;

  g_return_val_if_fail (contact_uid != NULL, NULL);
  g_return_val_if_fail (due != NULL && g_date_valid (due), NULL);

  reminder = g_new0 (ReseauReminder, 1);
  reminder->contact_uid = g_strdup (contact_uid);
  reminder->due_on = reseau_date_to_string (due);
  reminder->note = g_strdup (note ? note : "");

  return reminder;
}

void
reseau_reminder_free (ReseauReminder *reminder)
{
  if (reminder == NULL)
    return;

  g_free (reminder->contact_uid);
  g_free (reminder->due_on);
  g_free (reminder->note);
  g_free (reminder->snoozed_until);
  g_free (reminder);
}

ReseauReferral *
reseau_referral_new (ReseauReferralDirection  direction,
                     const char              *person_uid,
                     const GDate             *referred_on)
{
  ReseauReferral *referral;

  g_return_val_if_fail (referred_on != NULL && g_date_valid (referred_on), NULL);

  referral = g_new0 (ReseauReferral, 1);
  referral->direction = direction;
  referral->person_uid = g_strdup (person_uid);
  referral->referred_on = reseau_date_to_string (referred_on);
  referral->outcome = RESEAU_OUTCOME_PENDING;

  return referral;
}

void
reseau_referral_free (ReseauReferral *referral)
{
  if (referral == NULL)
    return;

  g_free (referral->person_uid);
  g_free (referral->to_uid);
  g_free (referral->subject);
  g_free (referral->referred_on);
  g_free (referral->recorded_on);
  g_free (referral->currency);
  g_free (referral->person_name);
  g_free (referral->to_name);
  g_free (referral);
}

ReseauEvent *
reseau_event_new (const char  *name,
                  const GDate *held_on)
{
  ReseauEvent *event;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (held_on != NULL && g_date_valid (held_on), NULL);

  event = g_new0 (ReseauEvent, 1);
  event->name = g_strdup (name);
  event->held_on = reseau_date_to_string (held_on);

  return event;
}

void
reseau_event_free (ReseauEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->name);
  g_free (event->held_on);
  g_free (event->place);
  g_free (event->link);
  g_free (event->theme);
  g_free (event->note);
  g_free (event);
}

void
reseau_attendee_free (ReseauAttendee *attendee)
{
  if (attendee == NULL)
    return;

  g_free (attendee->contact_uid);
  g_free (attendee->display_name);
  g_free (attendee);
}

ReseauMandate *
reseau_mandate_new (const char          *title,
                    ReseauMandateSource  source,
                    const GDate         *started_on)
{
  ReseauMandate *mandate;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (started_on != NULL && g_date_valid (started_on), NULL);

  mandate = g_new0 (ReseauMandate, 1);
  mandate->title = g_strdup (title);
  mandate->source = source;
  mandate->started_on = reseau_date_to_string (started_on);

  return mandate;
}

void
reseau_mandate_free (ReseauMandate *mandate)
{
  if (mandate == NULL)
    return;

  g_free (mandate->title);
  g_free (mandate->client_uid);
  g_free (mandate->started_on);
  g_free (mandate->currency);
  g_free (mandate);
}
