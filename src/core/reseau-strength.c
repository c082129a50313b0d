/* reseau-strength.c — how strong a relationship is (formula in the header)
 *
 * The database keeps, per contact, raw as of the day of the latest
 * interaction; raw on any later day is that value decayed by the days in
 * between (reseau_strength_decay()), because every term of the sum decays
 * by the same factor. That is what lets 100,000 contacts be sorted by
 * strength without reading their interactions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "reseau-strength.h"

/* raw at which the score reaches 63 (1 − 1/e): about four recent meetings. */
#define SATURATION 4.0
#define GIVING_WEIGHT 1.25

static const double kind_weights[] = {
  [RESEAU_INTERACTION_MEETING] = 1.0,
  [RESEAU_INTERACTION_CALL] = 0.6,
  [RESEAU_INTERACTION_EMAIL] = 0.3,
  [RESEAU_INTERACTION_MESSAGE] = 0.3,
  [RESEAU_INTERACTION_COFFEE] = 1.0,
  [RESEAU_INTERACTION_EVENT] = 0.7,
  [RESEAU_INTERACTION_WALK] = 1.0,
  [RESEAU_INTERACTION_VIDEO_CALL] = 0.8,
  [RESEAU_INTERACTION_OTHER] = 0.5,
};
G_STATIC_ASSERT (G_N_ELEMENTS (kind_weights) == RESEAU_N_INTERACTION_KINDS);

double
reseau_strength_weight (ReseauInteractionKind kind,
                        ReseauDirection       direction)
{
  g_return_val_if_fail (kind < RESEAU_N_INTERACTION_KINDS, 0.0);

  if (direction == RESEAU_DIRECTION_GAVE)
    return MAX (GIVING_WEIGHT, kind_weights[RESEAU_INTERACTION_MEETING]);

  return kind_weights[kind];
}

double
reseau_strength_decay (double raw,
                       int    days)
{
  return raw * exp2 (-(double) MAX (days, 0) / RESEAU_STRENGTH_HALF_LIFE_DAYS);
}

double
reseau_strength_raw (const ReseauStrengthEntry *entries,
                     guint                      n_entries,
                     const GDate               *on)
{
  double raw = 0.0;

  g_return_val_if_fail (entries != NULL || n_entries == 0, 0.0);
  g_return_val_if_fail (on != NULL && g_date_valid (on), 0.0);

  for (guint i = 0; i < n_entries; i++)
    {
      const ReseauStrengthEntry *entry = &entries[i];

      g_return_val_if_fail (g_date_valid (&entry->day), 0.0);
      raw += reseau_strength_decay (reseau_strength_weight (entry->kind, entry->direction),
                                    g_date_days_between (&entry->day, on));
    }

  return raw;
}

guint
reseau_strength_score_from_raw (double raw)
{
  if (!(raw > 0.0))
    return 0;

  return (guint) CLAMP (lround (100.0 * (1.0 - exp (-raw / SATURATION))), 0, 100);
}

guint
reseau_strength_on (double       raw,
                    const GDate *last,
                    const GDate *today)
{
  if (last == NULL || !g_date_valid (last))
    return 0;

  return reseau_strength_score_from_raw (reseau_strength_decay (raw, g_date_days_between (last, today)));
}

gboolean
reseau_strength_cooling_day (double       raw,
                             const GDate *last,
                             GDate       *day)
{
  guint days;

  g_return_val_if_fail (g_date_valid (last), FALSE);

  if (reseau_strength_score_from_raw (raw) < RESEAU_STRENGTH_COOLING_THRESHOLD)
    return FALSE;

  /* The score falls by whole points as raw halves every half-life: start
   * from the closed form for the threshold and settle on the exact first
   * day by the rounded score itself. */
  days = (guint) MAX (0.0, floor (RESEAU_STRENGTH_HALF_LIFE_DAYS *
                                  log2 (raw / (-SATURATION * log1p (-RESEAU_STRENGTH_COOLING_THRESHOLD / 100.0)))));
  while (days > 0 && reseau_strength_score_from_raw (reseau_strength_decay (raw, (int) days - 1)) <
                     RESEAU_STRENGTH_COOLING_THRESHOLD)
    days--;
  while (reseau_strength_score_from_raw (reseau_strength_decay (raw, (int) days)) >=
         RESEAU_STRENGTH_COOLING_THRESHOLD)
    days++;

  *day = *last;
  g_date_add_days (day, days);

  return TRUE;
}

guint
reseau_strength_score (const ReseauStrengthEntry *entries,
                       guint                      n_entries,
                       const GDate               *today,
                       char                     **explanation)
{
  double raw;
  guint score;
  const GDate *latest = NULL;
  guint n_given = 0;

  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  raw = reseau_strength_raw (entries, n_entries, today);
  score = reseau_strength_score_from_raw (raw);

  if (explanation == NULL)
    return score;

  if (n_entries == 0)
    {
      *explanation = g_strdup (_("Strength 0 of 100: no interaction yet."));
      return score;
    }

  for (guint i = 0; i < n_entries; i++)
    {
      if (latest == NULL || g_date_compare (&entries[i].day, latest) > 0)
        latest = &entries[i].day;
      if (entries[i].direction == RESEAU_DIRECTION_GAVE)
        n_given++;
    }

  {
    int age = MAX (g_date_days_between (latest, today), 0);
    g_autofree char *counted = NULL;
    g_autofree char *ago = NULL;
    g_autofree char *given = NULL;

    /* Translators: first part of the strength tooltip; %u is the score, then
     * the number of interactions */
    counted = g_strdup_printf (ngettext ("Strength %u of 100, from %u interaction.",
                                         "Strength %u of 100, from %u interactions.",
                                         n_entries),
                               score, n_entries);
    ago = g_strdup_printf (ngettext ("The latest was %d day ago.",
                                     "The latest was %d days ago.", age),
                           age);
    given = g_strdup_printf (ngettext ("You gave in %u of them.",
                                       "You gave in %u of them.", n_given),
                             n_given);
    /* Translators: the rest of the strength tooltip; %d is the half-life in days */
    *explanation = g_strdup_printf (_("%s %s %s Each interaction counts half as much after "
                                      "%d days; meetings, coffees, walks and favours you gave "
                                      "count most."),
                                    counted, ago, given, RESEAU_STRENGTH_HALF_LIFE_DAYS);
  }

  return score;
}
