/* test-followup.c — when to get back in touch, as pure date logic
 *
 * Every test fixes "today"; none reads the clock. The time zone is
 * Europe/Paris (set before GLib reads it) so that the daylight-saving
 * changes of 29 March and 25 October 2026 fall inside the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reseau-core.h"

static GDate
day (const char *text)
{
  GDate date;

  g_assert_true (reseau_date_from_string (text, &date));
  return date;
}

static void
assert_day (const GDate *date,
            const char  *expected)
{
  g_autofree char *text = reseau_date_to_string (date);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_dates_round_trip (void)
{
  GDate date;

  g_assert_true (reseau_date_from_string ("2028-02-29", &date));
  assert_day (&date, "2028-02-29");
  g_assert_false (reseau_date_from_string ("2026-02-29", &date));
  g_assert_false (reseau_date_from_string ("2026-1-5", &date));
  g_assert_false (reseau_date_from_string ("2026-01-05T10:00", &date));
  g_assert_false (reseau_date_from_string ("", &date));
  g_assert_false (reseau_date_from_string (NULL, &date));
}

/* The contact's own cadence, else the smallest of its tags', else the
 * global default. */
static void
test_cadence_resolution (void)
{
  const guint client_prospect[] = { 30, 14 };
  const guint partner_untagged[] = { 60, 0 };

  g_assert_cmpuint (reseau_followup_resolve_cadence (10, client_prospect, 2, 90), ==, 10);
  g_assert_cmpuint (reseau_followup_resolve_cadence (0, client_prospect, 2, 90), ==, 14);
  g_assert_cmpuint (reseau_followup_resolve_cadence (0, partner_untagged, 2, 90), ==, 60);
  g_assert_cmpuint (reseau_followup_resolve_cadence (0, NULL, 0, 90), ==, 90);
  g_assert_cmpuint (reseau_followup_resolve_cadence (0, (const guint[]) { 0 }, 1, 0), ==, 0);
  /* A contact's own cadence wins even when longer than its tags'. */
  g_assert_cmpuint (reseau_followup_resolve_cadence (120, client_prospect, 2, 90), ==, 120);
}

static void
test_next_due_month_ends (void)
{
  GDate last, due;

  last = day ("2026-01-31");
  g_assert_true (reseau_followup_next_due (&last, 30, &due));
  assert_day (&due, "2026-03-02");

  last = day ("2028-01-31");  /* leap year */
  g_assert_true (reseau_followup_next_due (&last, 30, &due));
  assert_day (&due, "2028-03-01");

  last = day ("2026-12-15");
  g_assert_true (reseau_followup_next_due (&last, 30, &due));
  assert_day (&due, "2027-01-14");

  /* No cadence: never due, and due is left alone. */
  due = day ("2020-01-01");
  g_assert_false (reseau_followup_next_due (&last, 0, &due));
  assert_day (&due, "2020-01-01");
}

/* The due date follows the interaction's own day: one logged today about
 * a coffee ten days ago counts from ten days ago. */
static void
test_back_dated_interaction (void)
{
  g_autoptr(ReseauInteraction) interaction = reseau_interaction_new ();
  GDate coffee = day ("2026-11-08");
  GDate due, today = day ("2026-11-18");

  reseau_interaction_set_day (interaction, &coffee, NULL);
  g_assert_cmpstr (interaction->occurred_on, ==, "2026-11-08");

  g_assert_true (reseau_date_from_string (interaction->occurred_on, &coffee));
  g_assert_true (reseau_followup_next_due (&coffee, 7, &due));
  assert_day (&due, "2026-11-15");
  g_assert_cmpint (reseau_followup_overdue_days (&due, &today), ==, 3);
  g_assert_cmpint (reseau_followup_group_for (&due, &today), ==, RESEAU_FOLLOWUP_OVERDUE);
}

static void
test_snooze (void)
{
  GDate today = day ("2026-01-31");
  GDate until, due;

  reseau_followup_snooze_until (&today, RESEAU_SNOOZE_WEEK, &until);
  assert_day (&until, "2026-02-07");
  reseau_followup_snooze_until (&today, RESEAU_SNOOZE_MONTH, &until);
  assert_day (&until, "2026-02-28");
  today = day ("2028-01-31");
  reseau_followup_snooze_until (&today, RESEAU_SNOOZE_MONTH, &until);
  assert_day (&until, "2028-02-29");
  today = day ("2026-12-20");
  reseau_followup_snooze_until (&today, RESEAU_SNOOZE_MONTH, &until);
  assert_day (&until, "2027-01-20");

  /* A snooze moves the due date later, never earlier. */
  due = day ("2026-03-01");
  until = day ("2026-03-10");
  reseau_followup_apply_snooze (&due, &until);
  assert_day (&due, "2026-03-10");
  until = day ("2026-02-01");
  reseau_followup_apply_snooze (&due, &until);
  assert_day (&due, "2026-03-10");
  reseau_followup_apply_snooze (&due, NULL);
  assert_day (&due, "2026-03-10");
}

/* Today is Wednesday 18 November 2026: this week runs to Sunday 22. */
static void
test_groups (void)
{
  GDate today = day ("2026-11-18");
  GDate due;

  due = day ("2026-11-17");
  g_assert_cmpint (reseau_followup_group_for (&due, &today), ==, RESEAU_FOLLOWUP_OVERDUE);
  g_assert_cmpint (reseau_followup_overdue_days (&due, &today), ==, 1);
  due = day ("2026-11-18");
  g_assert_cmpint (reseau_followup_group_for (&due, &today), ==, RESEAU_FOLLOWUP_TODAY);
  g_assert_cmpint (reseau_followup_overdue_days (&due, &today), ==, 0);
  due = day ("2026-11-19");
  g_assert_cmpint (reseau_followup_group_for (&due, &today), ==, RESEAU_FOLLOWUP_THIS_WEEK);
  g_assert_cmpint (reseau_followup_overdue_days (&due, &today), ==, -1);
  due = day ("2026-11-22");
  g_assert_cmpint (reseau_followup_group_for (&due, &today), ==, RESEAU_FOLLOWUP_THIS_WEEK);
  due = day ("2026-11-23");
  g_assert_cmpint (reseau_followup_group_for (&due, &today), ==, RESEAU_FOLLOWUP_LATER);

  /* On a Sunday, tomorrow is already next week. */
  today = day ("2026-11-22");
  due = day ("2026-11-23");
  g_assert_cmpint (reseau_followup_group_for (&due, &today), ==, RESEAU_FOLLOWUP_LATER);
  /* Across a year end. */
  today = day ("2026-12-31");
  due = day ("2027-01-03");
  g_assert_cmpint (reseau_followup_group_for (&due, &today), ==, RESEAU_FOLLOWUP_THIS_WEEK);
  due = day ("2026-01-03");
  g_assert_cmpint (reseau_followup_overdue_days (&due, &today), ==, 362);
}

/* Late evening before the spring change: adding a day's worth of seconds
 * would land at 00:30 on the 30th; calendar days land on the 29th. */
static void
test_daylight_saving (void)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) late = NULL;
  g_autoptr(GDateTime) naive = NULL;
  g_autoptr(ReseauInteraction) interaction = reseau_interaction_new ();
  GDate last, due;

  g_assert_nonnull (paris);
  late = g_date_time_new (paris, 2026, 3, 28, 23, 30, 0);
  reseau_interaction_set_time (interaction, late);
  g_assert_cmpstr (interaction->occurred_on, ==, "2026-03-28");
  g_assert_cmpint (interaction->occurred_at, ==, 1774737000);  /* 22:30 UTC */

  naive = g_date_time_add_seconds (late, 24 * 60 * 60);
  g_assert_cmpint (g_date_time_get_day_of_month (naive), ==, 30);

  g_assert_true (reseau_date_from_string (interaction->occurred_on, &last));
  g_assert_true (reseau_followup_next_due (&last, 1, &due));
  assert_day (&due, "2026-03-29");
  g_assert_true (reseau_followup_next_due (&last, 30, &due));
  assert_day (&due, "2026-04-27");

  /* A day without a time is noon in the zone, which exists on the day the
   * clocks skip an hour (29 March) and is unique on the day they repeat
   * one (25 October). */
  last = day ("2026-03-29");
  reseau_interaction_set_day (interaction, &last, paris);
  g_assert_cmpstr (interaction->occurred_on, ==, "2026-03-29");
  g_assert_cmpint (interaction->occurred_at, ==, 1774778400);  /* 10:00 UTC, CEST */
  last = day ("2026-10-25");
  reseau_interaction_set_day (interaction, &last, paris);
  g_assert_cmpstr (interaction->occurred_on, ==, "2026-10-25");
  g_assert_cmpint (interaction->occurred_at, ==, 1792926000);  /* 11:00 UTC, CET */

  /* The local zone is Paris too (TZ), and gives the same. */
  reseau_interaction_set_day (interaction, &last, NULL);
  g_assert_cmpint (interaction->occurred_at, ==, 1792926000);

  /* Over the autumn change, days stay days. */
  last = day ("2026-10-24");
  g_assert_true (reseau_followup_next_due (&last, 2, &due));
  assert_day (&due, "2026-10-26");
}

static void
test_due_order (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_followup_free);
  const char *names[] = { "Bruno", "Anne", "Anne" };
  const char *dues[] = { "2026-11-10", "2026-11-10", "2026-11-09" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      ReseauFollowup *row = g_new0 (ReseauFollowup, 1);

      row->display_name = g_strdup (names[i]);
      row->due = day (dues[i]);
      row->reason = i == 1 ? RESEAU_FOLLOWUP_REASON_THANKS : RESEAU_FOLLOWUP_REASON_CADENCE;
      g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort (rows, reseau_followup_compare);

  assert_day (&((ReseauFollowup *) rows->pdata[0])->due, "2026-11-09");
  g_assert_cmpstr (((ReseauFollowup *) rows->pdata[1])->display_name, ==, "Anne");
  g_assert_cmpstr (((ReseauFollowup *) rows->pdata[2])->display_name, ==, "Bruno");
  g_assert_cmpstr (reseau_followup_reason_to_string (RESEAU_FOLLOWUP_REASON_THANKS), ==, "thanks");
  g_assert_cmpstr (reseau_followup_group_to_string (RESEAU_FOLLOWUP_THIS_WEEK), ==, "this-week");
}

static void
test_enum_strings (void)
{
  ReseauInteractionKind kind;
  ReseauDirection direction;
  ReseauOutcome outcome;
  ReseauEventFormat format;

  for (int i = 0; i < RESEAU_N_INTERACTION_KINDS; i++)
    {
      g_assert_true (reseau_interaction_kind_from_string (reseau_interaction_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_nonnull (reseau_interaction_kind_get_label (i));
    }
  g_assert_cmpstr (reseau_interaction_kind_to_string (RESEAU_INTERACTION_VIDEO_CALL), ==, "video-call");
  g_assert_false (reseau_interaction_kind_from_string ("lunch", &kind));
  g_assert_true (reseau_direction_from_string ("gave", &direction));
  g_assert_cmpint (direction, ==, RESEAU_DIRECTION_GAVE);
  g_assert_false (reseau_direction_from_string ("GAVE", &direction));
  g_assert_true (reseau_outcome_from_string ("lost", &outcome));
  g_assert_cmpint (outcome, ==, RESEAU_OUTCOME_LOST);
  g_assert_true (reseau_event_format_from_string ("in-person", &format));
  g_assert_cmpint (format, ==, RESEAU_EVENT_IN_PERSON);
  g_assert_cmpstr (reseau_event_format_to_string (RESEAU_EVENT_COWORKING), ==, "coworking");
  g_assert_cmpstr (reseau_mandate_source_to_string (RESEAU_MANDATE_FROM_EVENT), ==, "event");
}

int
main (int   argc,
      char *argv[])
{
  /* Before GLib reads the local zone for the first time. */
  g_setenv ("TZ", "Europe/Paris", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/followup/dates", test_dates_round_trip);
  g_test_add_func ("/followup/cadence-resolution", test_cadence_resolution);
  g_test_add_func ("/followup/month-ends", test_next_due_month_ends);
  g_test_add_func ("/followup/back-dated", test_back_dated_interaction);
  g_test_add_func ("/followup/snooze", test_snooze);
  g_test_add_func ("/followup/groups", test_groups);
  g_test_add_func ("/followup/daylight-saving", test_daylight_saving);
  g_test_add_func ("/followup/due-order", test_due_order);
  g_test_add_func ("/followup/enum-strings", test_enum_strings);

  return g_test_run ();
}
