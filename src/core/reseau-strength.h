/* reseau-strength.h — how strong a relationship is, from its interactions
 *
 * A score from 0 to 100 that a person can check by hand:
 *
 *   raw   = Σ weight(kind, direction) × 2^(−age in days / 90)
 *   score = round (100 × (1 − e^(−raw / 4)))
 *
 * Each interaction counts half as much after 90 days (the half-life), a
 * quarter after 180. Weights: meeting, coffee and walk 1; video call 0.8;
 * event 0.7; call 0.6; other 0.5; email and message 0.3; and any
 * interaction in which I gave (a favour, an introduction, advice) 1.25,
 * whatever its kind, so that giving always counts at least as much as
 * meeting. The curve saturates: the first interactions raise the score
 * quickly, more of them less and less, and it never passes 100 (one
 * meeting a month for a long time gives about 70; one a week, 99).
 *
 * Pure functions of their arguments: "today" is always given, never read
 * from the clock, and ages are counted in calendar days.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "reseau-interaction.h"

G_BEGIN_DECLS

#define RESEAU_STRENGTH_HALF_LIFE_DAYS 90
/* The Follow-up view's "Cooling down": below this score now, at or above
 * it on the day of the latest interaction. */
#define RESEAU_STRENGTH_COOLING_THRESHOLD 30

typedef struct
{
  GDate                  day;
  ReseauInteractionKind  kind;
  ReseauDirection        direction;
} ReseauStrengthEntry;

double reseau_strength_weight         (ReseauInteractionKind      kind,
                                       ReseauDirection            direction);
/* raw as it will be days later (days < 0 counts as 0). */
double reseau_strength_decay          (double                     raw,
                                       int                        days);
/* The raw sum on day on; entries after on count as if on it. */
double reseau_strength_raw            (const ReseauStrengthEntry *entries,
                                       guint                      n_entries,
                                       const GDate               *on);
guint  reseau_strength_score_from_raw (double                     raw);
/* The score on today of a relationship whose raw sum was raw on last;
 * 0 when last is not valid (no interaction). */
guint  reseau_strength_on             (double                     raw,
                                       const GDate               *last,
                                       const GDate               *today);
/* The first day on which a relationship whose raw sum was raw on last
 * scores below the cooling-down threshold, if nothing new happens: FALSE
 * (day untouched) when it already scored below it on last. */
gboolean reseau_strength_cooling_day  (double                     raw,
                                       const GDate               *last,
                                       GDate                     *day);
/* The score on today; explanation (optional) receives a translated text
 * for a tooltip saying how it was reached. */
guint  reseau_strength_score          (const ReseauStrengthEntry *entries,
                                       guint                      n_entries,
                                       const GDate               *today,
                                       char                     **explanation);

G_END_DECLS
