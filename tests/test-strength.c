/* test-strength.c — the relationship strength score
 *
 * The formula is in reseau-strength.h; these tests hold it to its
 * promises: half as much after the half-life, giving at least as much as
 * meeting, more or newer interactions never lowering the score, 0 without
 * interactions, never above 100.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "reseau-core.h"

static ReseauStrengthEntry
entry (const char            *day,
       ReseauInteractionKind  kind,
       ReseauDirection        direction)
{
  ReseauStrengthEntry e;

  g_assert_true (reseau_date_from_string (day, &e.day));
  e.kind = kind;
  e.direction = direction;
  return e;
}

static GDate
today (void)
{
  GDate date;

  g_assert_true (reseau_date_from_string ("2026-11-18", &date));
  return date;
}

static void
test_nothing_is_zero (void)
{
  GDate now = today ();
  g_autofree char *explanation = NULL;

  g_assert_cmpuint (reseau_strength_score (NULL, 0, &now, &explanation), ==, 0);
  g_assert_nonnull (explanation);
  g_assert_cmpuint (reseau_strength_score_from_raw (0.0), ==, 0);
  g_assert_cmpuint (reseau_strength_score_from_raw (-1.0), ==, 0);
}

static void
test_half_life (void)
{
  GDate now = today ();
  ReseauStrengthEntry meetings[] = {
    entry ("2026-11-18", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_MUTUAL),
    entry ("2026-08-20", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_MUTUAL),  /* 90 days before */
    entry ("2026-05-22", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_MUTUAL),  /* 180 days before */
  };

  g_assert_cmpfloat_with_epsilon (reseau_strength_raw (&meetings[0], 1, &now), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (reseau_strength_raw (&meetings[1], 1, &now), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (reseau_strength_raw (&meetings[2], 1, &now), 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (reseau_strength_raw (meetings, 3, &now), 1.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (reseau_strength_decay (2.0, RESEAU_STRENGTH_HALF_LIFE_DAYS), 1.0, 1e-9);

  /* One meeting today: 100 × (1 − e^(−1/4)). */
  g_assert_cmpuint (reseau_strength_score (meetings, 1, &now, NULL), ==, 22);
  /* Decaying the raw sum of the last day gives the raw sum of today. */
  {
    GDate last = meetings[0].day;
    GDate later = now;

    g_date_add_days (&later, 45);
    g_assert_cmpfloat_with_epsilon (reseau_strength_decay (reseau_strength_raw (meetings, 3, &last), 45),
                                    reseau_strength_raw (meetings, 3, &later), 1e-9);
  }
}

static void
test_giving_counts_at_least_as_much_as_meeting (void)
{
  GDate now = today ();
  double meeting = reseau_strength_weight (RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_MUTUAL);

  for (int kind = 0; kind < RESEAU_N_INTERACTION_KINDS; kind++)
    {
      ReseauStrengthEntry gave = entry ("2026-11-01", kind, RESEAU_DIRECTION_GAVE);
      ReseauStrengthEntry met = entry ("2026-11-01", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_MUTUAL);

      g_assert_cmpfloat (reseau_strength_weight (kind, RESEAU_DIRECTION_GAVE), >=, meeting);
      g_assert_cmpuint (reseau_strength_score (&gave, 1, &now, NULL), >=,
                        reseau_strength_score (&met, 1, &now, NULL));
      /* No kind weighs more than a meeting unless something was given. */
      g_assert_cmpfloat (reseau_strength_weight (kind, RESEAU_DIRECTION_ASKED), <=, meeting);
    }
  /* An email is worth less than a meeting. */
  g_assert_cmpfloat (reseau_strength_weight (RESEAU_INTERACTION_EMAIL, RESEAU_DIRECTION_MUTUAL), <, meeting);
}

static void
test_monotonic (void)
{
  GDate now = today ();
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (ReseauStrengthEntry));
  guint previous = 0;
  GDate day;

  /* Adding interactions never lowers the score. */
  for (int i = 0; i < 60; i++)
    {
      GDate when = now;
      ReseauStrengthEntry e;
      guint score;

      g_date_subtract_days (&when, (guint) (i * 11 % 400));
      e.day = when;
      e.kind = i % RESEAU_N_INTERACTION_KINDS;
      e.direction = i % 3;
      g_array_append_val (entries, e);
      score = reseau_strength_score ((ReseauStrengthEntry *) entries->data, entries->len, &now, NULL);
      g_assert_cmpuint (score, >=, previous);
      g_assert_cmpuint (score, <=, 100);
      previous = score;
    }
  g_assert_cmpuint (previous, >, 90);

  /* As days pass without interactions, it only falls. */
  day = now;
  for (int i = 0; i < 800; i += 7)
    {
      guint score = reseau_strength_score ((ReseauStrengthEntry *) entries->data, entries->len, &day, NULL);

      g_assert_cmpuint (score, <=, previous);
      previous = score;
      g_date_add_days (&day, 7);
    }
  g_assert_cmpuint (previous, <, 10);

  /* A newer interaction counts more than an older one of the same kind. */
  {
    ReseauStrengthEntry newer = entry ("2026-11-10", RESEAU_INTERACTION_CALL, RESEAU_DIRECTION_MUTUAL);
    ReseauStrengthEntry older = entry ("2026-06-10", RESEAU_INTERACTION_CALL, RESEAU_DIRECTION_MUTUAL);

    g_assert_cmpuint (reseau_strength_score (&newer, 1, &now, NULL), >,
                      reseau_strength_score (&older, 1, &now, NULL));
  }
}

static void
test_saturates_at_100 (void)
{
  GDate now = today ();
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (ReseauStrengthEntry));
  g_autofree char *explanation = NULL;
  ReseauStrengthEntry future = entry ("2027-01-01", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_GAVE);

  for (int i = 0; i < 1000; i++)
    {
      ReseauStrengthEntry e = entry ("2026-11-18", RESEAU_INTERACTION_MEETING, RESEAU_DIRECTION_GAVE);

      g_array_append_val (entries, e);
    }
  g_assert_cmpuint (reseau_strength_score ((ReseauStrengthEntry *) entries->data, entries->len, &now,
                                           &explanation), ==, 100);
  g_assert_true (g_str_has_prefix (explanation, "Strength 100 of 100, from 1000 interactions."));
  g_assert_cmpuint (reseau_strength_score_from_raw (1e300), ==, 100);
  /* A date after today counts as today, not more. */
  g_assert_cmpfloat_with_epsilon (reseau_strength_raw (&future, 1, &now), 1.25, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/strength/nothing-is-zero", test_nothing_is_zero);
  g_test_add_func ("/strength/half-life", test_half_life);
  g_test_add_func ("/strength/giving", test_giving_counts_at_least_as_much_as_meeting);
  g_test_add_func ("/strength/monotonic", test_monotonic);
  g_test_add_func ("/strength/saturates", test_saturates_at_100);

  return g_test_run ();
}
