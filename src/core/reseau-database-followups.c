/* reseau-database-followups.c — who to get back to, and when
 *
 * The Follow-up view of 100,000 contacts must cost what one screen costs,
 * not what 100,000 due dates cost. So the due dates are stored:
 * contact_activity holds, per contact, the resolved cadence, the day its
 * cadence follow-up is due (snooze included) and the day its strength
 * falls below the cooling-down threshold (see schema version 6). Each
 * group of the view is then a range of the indexes over those two days —
 * a count and the first rows — whatever the size of the network.
 *
 * Whatever a stored day depends on marks the contact stale in the
 * temporary table followups_stale, within the same transaction, and
 * reseau_db_refresh_stale_followups() recomputes every marked contact in
 * one statement before the commit. The SQL below is the cadence rule of
 * reseau-followup.h: the contact's own cadence, else the smallest among
 * its tags', else the default; due on the day of the latest interaction
 * (else met-on, else the day it was added) plus the cadence, or the
 * snooze when that is later; SQLite's date (day, '+N days') is the same
 * calendar arithmetic as g_date_add_days(). The default cadence lives in
 * GSettings: the database keeps a copy in settings, and a listing asked
 * with another default recomputes everyone once.
 *
 * Reminders and thanks are few; they are read whole and merged into the
 * groups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reseau-database-private.h"
#include "reseau-database-relations.h"
#include "reseau-error.h"
#include "reseau-strength.h"

typedef ReseauDatabaseWorker Worker;

/* Stored due dates --------------------------------------------------------------- */

/* The columns of contact_activity that follow from a contact and its
 * activity, for the contacts of FROM (which must join contacts c and
 * contact_activity a). A trashed contact keeps neither day, so that no
 * listing has to look at the trash. */
#define STORED_DAYS_UPSERT(from) \
  "INSERT INTO contact_activity (contact_id, cadence_days, due_on, cooling_on)" \
  " SELECT id, days," \
  "  CASE WHEN live AND days > 0 THEN max (date (reference, '+' || days || ' days'), snooze) END," \
  "  CASE WHEN live THEN reseau_cooling_on (raw, last_on) END" \
  " FROM (SELECT c.id AS id, c.trashed_at IS NULL AS live," \
  "   coalesce (nullif (c.cadence_days, 0)," \
  "     (SELECT min (tc.days) FROM contact_tags ct JOIN tag_cadences tc ON tc.tag_id = ct.tag_id" \
  "      WHERE ct.contact_id = c.id)," \
  "     (SELECT value FROM settings WHERE key = 'default-cadence'), 0) AS days," \
  "   coalesce (a.last_on, date (c.met_on), date (c.created_at, 'unixepoch', 'localtime')) AS reference," \
  "   coalesce (a.snoozed_until, '') AS snooze, a.strength_raw AS raw, a.last_on AS last_on" \
  "   " from ")" \
  " WHERE true ON CONFLICT (contact_id) DO UPDATE SET cadence_days = excluded.cadence_days," \
  " due_on = excluded.due_on, cooling_on = excluded.cooling_on"

gboolean
reseau_db_mark_followups_stale (Worker  *worker,
                                gint64   contact_id,
                                GError **error)
{
  sqlite3_stmt *stmt;

  stmt = reseau_db_statement (worker, "INSERT OR IGNORE INTO followups_stale (contact_id) VALUES (?1)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);

  return reseau_db_step_done (worker, stmt, error);
}

gboolean
reseau_db_refresh_stale_followups (Worker  *worker,
                                   GError **error)
{
  return reseau_db_exec (worker,
                         STORED_DAYS_UPSERT ("FROM followups_stale s JOIN contacts c ON c.id = s.contact_id"
                                             " LEFT JOIN contact_activity a ON a.contact_id = c.id"),
                         error) &&
         reseau_db_exec (worker, "DELETE FROM followups_stale", error);
}

gboolean
reseau_db_refresh_followups (Worker  *worker,
                             gint64   contact_id,
                             GError **error)
{
  return reseau_db_mark_followups_stale (worker, contact_id, error) &&
         reseau_db_refresh_stale_followups (worker, error);
}

gboolean
reseau_db_refresh_all_followups (Worker  *worker,
                                 GError **error)
{
  return reseau_db_exec (worker,
                         STORED_DAYS_UPSERT ("FROM contacts c LEFT JOIN contact_activity a ON a.contact_id = c.id"),
                         error);
}

/* Makes the stored days follow default_cadence, in a write transaction of
 * its own, when they followed another one (or none yet). */
static gboolean
follow_default_cadence (Worker  *worker,
                        guint    default_cadence,
                        GError **error)
{
  sqlite3_stmt *stmt;
  gboolean same;
  int rc;

  stmt = reseau_db_statement (worker, "SELECT value = ?1 FROM settings WHERE key = 'default-cadence'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) default_cadence);
  rc = sqlite3_step (stmt);
  same = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;
  if (same)
    return TRUE;

  if (!reseau_db_exec (worker, "BEGIN IMMEDIATE", error))
    return FALSE;
  stmt = reseau_db_statement (worker,
                              "INSERT INTO settings (key, value) VALUES ('default-cadence', ?1)"
                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) default_cadence);

  return reseau_db_step_done (worker, stmt, error) &&
         reseau_db_refresh_all_followups (worker, error) &&
         reseau_db_commit (worker, error) != NULL;
}

/* Tag cadences ------------------------------------------------------------------- */

typedef struct
{
  char  *tag;
  guint  days;
} TagCadenceRequest;

static gpointer
set_tag_cadence_job (Worker   *worker,
                     gpointer  data,
                     GError  **error)
{
  TagCadenceRequest *request = data;
  sqlite3_stmt *stmt;
  gint64 tag_id = 0;
  int rc;

  if (!reseau_db_begin_write (worker, error))
    return NULL;

  if (request->days > 0)
    {
      stmt = reseau_db_statement (worker, "INSERT OR IGNORE INTO tags (name) VALUES (?1)", error);
      if (stmt == NULL)
        return NULL;
      reseau_db_bind_text (stmt, 1, request->tag);
      if (!reseau_db_step_done (worker, stmt, error))
        return NULL;
    }

  stmt = reseau_db_statement (worker, "SELECT id FROM tags WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;
  reseau_db_bind_text (stmt, 1, request->tag);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    tag_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  if (tag_id != 0)
    {
      if (request->days > 0)
        stmt = reseau_db_statement (worker,
                                    "INSERT INTO tag_cadences (tag_id, days) VALUES (?1, ?2)"
                                    " ON CONFLICT (tag_id) DO UPDATE SET days = excluded.days", error);
      else
        stmt = reseau_db_statement (worker, "DELETE FROM tag_cadences WHERE tag_id = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, tag_id);
      if (request->days > 0)
        sqlite3_bind_int (stmt, 2, (int) request->days);
      if (!reseau_db_step_done (worker, stmt, error))
        return NULL;

      stmt = reseau_db_statement (worker,
                                  "INSERT OR IGNORE INTO followups_stale (contact_id)"
                                  " SELECT contact_id FROM contact_tags WHERE tag_id = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, tag_id);
      if (!reseau_db_step_done (worker, stmt, error) ||
          !reseau_db_refresh_stale_followups (worker, error))
        return NULL;
    }

  return reseau_db_commit (worker, error);
}

static gpointer
list_tag_cadences_job (Worker   *worker,
                       gpointer  data,
                       GError  **error)
{
  g_autoptr(GHashTable) cadences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT t.name, tc.days FROM tag_cadences tc JOIN tags t ON t.id = tc.tag_id",
                              error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (cadences, reseau_db_column_text (stmt, 0),
                         GUINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&cadences);
}

/* Reminders and thanks ----------------------------------------------------------- */

typedef struct
{
  GDate today;
  guint default_cadence;
  guint limit;
} FollowupsRequest;

static ReseauFollowup *
followup_new (ReseauFollowupReason  reason,
              sqlite3_stmt         *stmt,
              int                   uid_column,
              const GDate          *due,
              const GDate          *today)
{
  ReseauFollowup *followup = g_new0 (ReseauFollowup, 1);

  followup->reason = reason;
  followup->contact_uid = reseau_db_column_text (stmt, uid_column);
  followup->display_name = reseau_db_column_text (stmt, uid_column + 1);
  followup->due = *due;
  followup->overdue_days = reseau_followup_overdue_days (due, today);
  followup->group = reseau_followup_group_for (due, today);

  return followup;
}

static gboolean
list_reminder_followups (Worker            *worker,
                         FollowupsRequest  *request,
                         GPtrArray         *followups,
                         GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = reseau_db_statement (worker,
                              "SELECT r.id, r.due_on, r.snoozed_until, r.note, c.uid, c.display_name"
                              " FROM reminders r JOIN contacts c ON c.id = r.contact_id"
                              " WHERE r.done_at IS NULL AND c.trashed_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauFollowup *followup;
      GDate due, snooze;

      if (!reseau_db_column_date (stmt, 1, &due))
        continue;
      reseau_db_column_date (stmt, 2, &snooze);
      reseau_followup_apply_snooze (&due, &snooze);
      followup = followup_new (RESEAU_FOLLOWUP_REASON_REMINDER, stmt, 4, &due, &request->today);
      followup->reminder_id = sqlite3_column_int64 (stmt, 0);
      followup->note = reseau_db_column_text (stmt, 3);
      g_ptr_array_add (followups, followup);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

static gboolean
list_thanks_followups (Worker            *worker,
                       FollowupsRequest  *request,
                       GPtrArray         *followups,
                       GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = reseau_db_statement (worker,
                              "SELECT r.id, r.recorded_on, r.thank_snoozed_until, r.subject,"
                              " c.uid, c.display_name"
                              " FROM referrals r JOIN contacts c ON c.id = r.person_id"
                              " WHERE r.direction = 0 AND r.thanked = 0 AND c.trashed_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *subject = (const char *) sqlite3_column_text (stmt, 3);
      ReseauFollowup *followup;
      GDate due, snooze;

      if (!reseau_db_column_date (stmt, 1, &due))
        continue;
      reseau_db_column_date (stmt, 2, &snooze);
      reseau_followup_apply_snooze (&due, &snooze);
      followup = followup_new (RESEAU_FOLLOWUP_REASON_THANKS, stmt, 4, &due, &request->today);
      followup->referral_id = sqlite3_column_int64 (stmt, 0);
      if (subject != NULL && *subject != '\0')
        /* Translators: a follow-up; the first %s is a person, the second what they recommended you for */
        followup->note = g_strdup_printf (_("Thank %s for the referral (%s)"),
                                          followup->display_name, subject);
      else
        /* Translators: a follow-up; %s is a person */
        followup->note = g_strdup_printf (_("Thank %s for the referral"), followup->display_name);
      g_ptr_array_add (followups, followup);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

/* Listing -------------------------------------------------------------------------- */

/* Each group's condition on contact_activity a, with ?1 today and ?2 the
 * Sunday of this week: the ranges of reseau_followup_group_for(), plus
 * Cooling down, which takes the fading contacts that are not due before
 * Later, and those without a cadence (due_on NULL: suggested for today,
 * and first). Each condition is a range of one of the two indexes, which
 * hold every column it reads, walked in due order and stopped after the
 * first rows: Cooling down is asked as its two ranges. */
#define COOLING_NOW "a.cooling_on <= ?1 AND coalesce (a.snoozed_until, '') <= ?1"
#define OVERDUE_WHERE   "a.due_on < ?1"
#define TODAY_WHERE     "a.due_on = ?1"
#define THIS_WEEK_WHERE "a.due_on > ?1 AND a.due_on <= ?2"
#define LATER_WHERE     "a.due_on > ?2 AND NOT coalesce (" COOLING_NOW ", 0)"
#define COOLING_UNDATED "a.due_on IS NULL AND " COOLING_NOW
#define COOLING_LATER   "a.due_on > ?2 AND " COOLING_NOW

#define GROUP_COUNT(where) "SELECT count(*) FROM contact_activity a WHERE " where
/* The first rows are chosen from the index and the names, then only they
 * read the rest of their activity. */
#define GROUP_PAGE(where) \
  "SELECT p.uid, p.display_name, p.due_on, a.cadence_days, a.strength_raw, a.last_on" \
  " FROM (SELECT a.contact_id AS id, a.due_on AS due_on, c.uid AS uid, c.display_name AS display_name" \
  "  FROM contact_activity a JOIN contacts c ON c.id = a.contact_id WHERE " where \
  "  ORDER BY a.due_on, c.display_name, c.id LIMIT ?3) p" \
  " JOIN contact_activity a ON a.contact_id = p.id ORDER BY p.due_on, p.display_name, p.id"

static const struct
{
  const char *count;
  const char *pages[2];
} group_queries[RESEAU_FOLLOWUP_N_GROUPS] = {
  [RESEAU_FOLLOWUP_OVERDUE] = { GROUP_COUNT (OVERDUE_WHERE), { GROUP_PAGE (OVERDUE_WHERE) } },
  [RESEAU_FOLLOWUP_TODAY] = { GROUP_COUNT (TODAY_WHERE), { GROUP_PAGE (TODAY_WHERE) } },
  [RESEAU_FOLLOWUP_THIS_WEEK] = { GROUP_COUNT (THIS_WEEK_WHERE), { GROUP_PAGE (THIS_WEEK_WHERE) } },
  [RESEAU_FOLLOWUP_LATER] = { GROUP_COUNT (LATER_WHERE), { GROUP_PAGE (LATER_WHERE) } },
  [RESEAU_FOLLOWUP_COOLING_DOWN] = { "SELECT (" GROUP_COUNT (COOLING_UNDATED) ") + (" GROUP_COUNT (COOLING_LATER) ")",
                                     { GROUP_PAGE (COOLING_UNDATED), GROUP_PAGE (COOLING_LATER) } },
};

static void
bind_group_days (sqlite3_stmt *stmt,
                 const GDate  *today)
{
  GDate sunday = *today;

  g_date_add_days (&sunday, G_DATE_SUNDAY - g_date_get_weekday (today));
  reseau_db_bind_date (stmt, 1, today);
  reseau_db_bind_date (stmt, 2, &sunday);
}

static gboolean
count_cadence_group (Worker              *worker,
                     ReseauFollowupGroup  group,
                     const GDate         *today,
                     guint               *count,
                     GError             **error)
{
  sqlite3_stmt *stmt = reseau_db_statement (worker, group_queries[group].count, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_group_days (stmt, today);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

static gboolean
read_page (Worker              *worker,
           const char          *sql,
           ReseauFollowupGroup  group,
           FollowupsRequest    *request,
           GPtrArray           *followups,
           GError             **error)
{
  const GDate *today = &request->today;
  sqlite3_stmt *stmt = reseau_db_statement (worker, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_group_days (stmt, today);
  sqlite3_bind_int64 (stmt, 3, request->limit > 0 ? (gint64) request->limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauFollowup *followup;
      GDate due, last;

      if (!reseau_db_column_date (stmt, 2, &due))
        due = *today;
      followup = followup_new (group == RESEAU_FOLLOWUP_COOLING_DOWN ? RESEAU_FOLLOWUP_REASON_COOLING
                                                                     : RESEAU_FOLLOWUP_REASON_CADENCE,
                               stmt, 0, &due, today);
      followup->group = group;
      followup->cadence_days = (guint) MAX (sqlite3_column_int (stmt, 3), 0);
      reseau_db_column_date (stmt, 5, &last);
      followup->strength = reseau_strength_on (sqlite3_column_double (stmt, 4), &last, today);
      g_ptr_array_add (followups, followup);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

/* The group's first cadence (or cooling-down) rows, at most limit of each
 * range (0: all); the caller keeps the first limit of them all. */
static gboolean
list_cadence_group (Worker              *worker,
                    ReseauFollowupGroup  group,
                    FollowupsRequest    *request,
                    GPtrArray           *followups,
                    GError             **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (group_queries[group].pages); i++)
    if (group_queries[group].pages[i] != NULL &&
        !read_page (worker, group_queries[group].pages[i], group, request, followups, error))
      return FALSE;

  return TRUE;
}

void
reseau_followup_list_free (ReseauFollowupList *list)
{
  g_clear_pointer (&list->followups, g_ptr_array_unref);
  g_free (list);
}

static gpointer
list_followups_job (Worker   *worker,
                    gpointer  data,
                    GError  **error)
{
  FollowupsRequest *request = data;
  g_autoptr(ReseauFollowupList) list = g_new0 (ReseauFollowupList, 1);
  g_autoptr(GPtrArray) few = g_ptr_array_new ();
  GPtrArray *groups[RESEAU_FOLLOWUP_N_GROUPS];
  gboolean ok = TRUE;

  if (!reseau_db_require_open (worker, error) ||
      !follow_default_cadence (worker, request->default_cadence, error))
    return NULL;

  list->followups = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_followup_free);
  for (guint g = 0; g < RESEAU_FOLLOWUP_N_GROUPS; g++)
    groups[g] = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_followup_free);

  /* One read transaction, so that the parts agree with each other. */
  ok = reseau_db_exec (worker, "BEGIN", error);
  for (guint g = 0; ok && g < RESEAU_FOLLOWUP_N_GROUPS; g++)
    ok = count_cadence_group (worker, g, &request->today, &list->counts[g], error) &&
         list_cadence_group (worker, g, request, groups[g], error);
  ok = ok &&
       list_reminder_followups (worker, request, few, error) &&
       list_thanks_followups (worker, request, few, error) &&
       reseau_db_exec (worker, "COMMIT", error);

  /* Reminders and thanks join their groups; each group keeps its first
   * rows in due order. */
  for (guint i = 0; i < few->len; i++)
    {
      ReseauFollowup *followup = g_ptr_array_index (few, i);

      list->counts[followup->group]++;
      g_ptr_array_add (groups[followup->group], followup);
    }
  for (guint g = 0; g < RESEAU_FOLLOWUP_N_GROUPS; g++)
    {
      GPtrArray *rows = groups[g];

      g_ptr_array_sort (rows, reseau_followup_compare);
      if (request->limit > 0 && rows->len > request->limit)
        g_ptr_array_remove_range (rows, request->limit, rows->len - request->limit);
      g_ptr_array_set_free_func (rows, NULL);
      g_ptr_array_extend_and_steal (list->followups, rows);
    }

  if (!ok)
    return NULL;

  return g_steal_pointer (&list);
}

/* Snooze and done ------------------------------------------------------------------ */

typedef struct
{
  ReseauFollowupReason reason;
  char                *contact_uid;
  gint64               reminder_id;
  gint64               referral_id;
  GDate                until;    /* the snooze, or today when completing */
  guint                cadence_days;
  gboolean             complete;
} FollowupAction;

static void
followup_action_free (FollowupAction *action)
{
  g_free (action->contact_uid);
  g_free (action);
}

static FollowupAction *
followup_action_new (const ReseauFollowup *followup,
                     const GDate          *day,
                     gboolean              complete)
{
  FollowupAction *action = g_new0 (FollowupAction, 1);

  action->reason = followup->reason;
  action->contact_uid = g_strdup (followup->contact_uid);
  action->reminder_id = followup->reminder_id;
  action->referral_id = followup->referral_id;
  action->until = *day;
  action->cadence_days = followup->cadence_days;
  action->complete = complete;

  return action;
}

static gboolean
snooze_contact (Worker      *worker,
                const char  *uid,
                const GDate *until,
                GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!reseau_db_live_contact_id (worker, uid, &id, error))
    return FALSE;
  stmt = reseau_db_statement (worker,
                              "INSERT INTO contact_activity (contact_id, snoozed_until) VALUES (?1, ?2)"
                              " ON CONFLICT (contact_id) DO UPDATE SET snoozed_until = excluded.snoozed_until",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  reseau_db_bind_date (stmt, 2, until);

  return reseau_db_step_done (worker, stmt, error) &&
         reseau_db_refresh_followups (worker, id, error);
}

static gpointer
followup_action_job (Worker   *worker,
                     gpointer  data,
                     GError  **error)
{
  FollowupAction *action = data;
  sqlite3_stmt *stmt = NULL;
  GDate until = action->until;

  if (!reseau_db_begin_write (worker, error))
    return NULL;

  switch (action->reason)
    {
    case RESEAU_FOLLOWUP_REASON_CADENCE:
    case RESEAU_FOLLOWUP_REASON_COOLING:
      if (action->complete)
        g_date_add_days (&until, action->reason == RESEAU_FOLLOWUP_REASON_CADENCE &&
                                 action->cadence_days > 0 ? action->cadence_days
                                                          : RESEAU_STRENGTH_HALF_LIFE_DAYS);
      if (!snooze_contact (worker, action->contact_uid, &until, error))
        return NULL;
      break;

    case RESEAU_FOLLOWUP_REASON_REMINDER:
      if (action->complete)
        {
          stmt = reseau_db_statement (worker, "UPDATE reminders SET done_at = ?2 WHERE id = ?1", error);
          if (stmt != NULL)
            sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
        }
      else
        {
          stmt = reseau_db_statement (worker, "UPDATE reminders SET snoozed_until = ?2 WHERE id = ?1",
                                      error);
          if (stmt != NULL)
            reseau_db_bind_date (stmt, 2, &until);
        }
      if (stmt == NULL ||
          !reseau_db_update_by_id (worker, stmt, action->reminder_id, _("This reminder has been deleted."), error))
        return NULL;
      break;

    case RESEAU_FOLLOWUP_REASON_THANKS:
    default:
      if (action->complete)
        stmt = reseau_db_statement (worker, "UPDATE referrals SET thanked = 1 WHERE id = ?1", error);
      else
        {
          stmt = reseau_db_statement (worker,
                                      "UPDATE referrals SET thank_snoozed_until = ?2 WHERE id = ?1", error);
          if (stmt != NULL)
            reseau_db_bind_date (stmt, 2, &until);
        }
      if (stmt == NULL ||
          !reseau_db_update_by_id (worker, stmt, action->referral_id, _("This referral has been deleted."), error))
        return NULL;
      break;
    }

  return reseau_db_commit (worker, error);
}


/* Public API: follow-ups ----------------------------------------------------------- */

gboolean
reseau_database_set_tag_cadence (ReseauDatabase  *self,
                                 const char      *tag,
                                 guint            days,
                                 GError         **error)
{
  TagCadenceRequest request = { (char *) tag, days };

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (tag != NULL && *tag != '\0', FALSE);

  return reseau_db_run (self, set_tag_cadence_job, &request, error) != NULL;
}

GHashTable *
reseau_database_list_tag_cadences (ReseauDatabase  *self,
                                   GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);

  return reseau_db_run (self, list_tag_cadences_job, NULL, error);
}

static void
tag_cadence_request_free (TagCadenceRequest *request)
{
  g_free (request->tag);
  g_free (request);
}

void
reseau_database_set_tag_cadence_async (ReseauDatabase      *self,
                                       const char          *tag,
                                       guint                days,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  TagCadenceRequest *request;

  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (tag != NULL && *tag != '\0');

  request = g_new0 (TagCadenceRequest, 1);
  request->tag = g_strdup (tag);
  request->days = days;
  reseau_db_run_async (self, set_tag_cadence_job, request, (GDestroyNotify) tag_cadence_request_free, NULL,
                       reseau_database_set_tag_cadence_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_set_tag_cadence)

void
reseau_database_list_tag_cadences_async (ReseauDatabase      *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, list_tag_cadences_job, NULL, NULL, (GDestroyNotify) g_hash_table_unref,
                       reseau_database_list_tag_cadences_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GHashTable *, reseau_database_list_tag_cadences)

GPtrArray *
reseau_database_list_followups (ReseauDatabase  *self,
                                const GDate     *today,
                                guint            default_cadence,
                                GError         **error)
{
  g_autoptr(ReseauFollowupList) list = NULL;

  list = reseau_database_list_followup_groups (self, today, default_cadence, 0, error);
  if (list == NULL)
    return NULL;

  /* Groups come one after the other; all of them together in due order. */
  g_ptr_array_sort (list->followups, reseau_followup_compare);

  return g_steal_pointer (&list->followups);
}

static FollowupsRequest *
followups_request_new (const GDate *today,
                       guint        default_cadence,
                       guint        limit)
{
  FollowupsRequest *request = g_new0 (FollowupsRequest, 1);

  request->today = *today;
  request->default_cadence = default_cadence;
  request->limit = limit;

  return request;
}

ReseauFollowupList *
reseau_database_list_followup_groups (ReseauDatabase  *self,
                                      const GDate     *today,
                                      guint            default_cadence,
                                      guint            limit,
                                      GError         **error)
{
  g_autofree FollowupsRequest *request = NULL;

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  request = followups_request_new (today, default_cadence, limit);

  return reseau_db_run (self, list_followups_job, request, error);
}

void
reseau_database_list_followup_groups_async (ReseauDatabase      *self,
                                            const GDate         *today,
                                            guint                default_cadence,
                                            guint                limit,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  reseau_db_run_async (self, list_followups_job, followups_request_new (today, default_cadence, limit),
                       g_free, (GDestroyNotify) reseau_followup_list_free,
                       reseau_database_list_followup_groups_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (ReseauFollowupList *, reseau_database_list_followup_groups)

gboolean
reseau_database_snooze_followup (ReseauDatabase        *self,
                                 const ReseauFollowup  *followup,
                                 const GDate           *until,
                                 GError               **error)
{
  FollowupAction *action;
  gboolean done;

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (followup != NULL, FALSE);
  g_return_val_if_fail (until != NULL && g_date_valid (until), FALSE);

  action = followup_action_new (followup, until, FALSE);
  done = reseau_db_run (self, followup_action_job, action, error) != NULL;
  followup_action_free (action);

  return done;
}

gboolean
reseau_database_complete_followup (ReseauDatabase        *self,
                                   const ReseauFollowup  *followup,
                                   const GDate           *today,
                                   GError               **error)
{
  FollowupAction *action;
  gboolean done;

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (followup != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  action = followup_action_new (followup, today, TRUE);
  done = reseau_db_run (self, followup_action_job, action, error) != NULL;
  followup_action_free (action);

  return done;
}

void
reseau_database_complete_followup_async (ReseauDatabase        *self,
                                         const ReseauFollowup  *followup,
                                         const GDate           *today,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (followup != NULL);
  g_return_if_fail (today != NULL && g_date_valid (today));

  reseau_db_run_async (self, followup_action_job, followup_action_new (followup, today, TRUE),
                       (GDestroyNotify) followup_action_free, NULL,
                       reseau_database_complete_followup_async, cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_complete_followup)

