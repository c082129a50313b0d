/* reseau-global-search.c — one search over contacts, notes, events, referrals
 *
 * Contacts and notes have FTS5 indexes (contacts_search, folded by
 * reseau-database.c; interactions_search, folded by its tokenizer): each
 * group is one page query plus one count that stops at
 * RESEAU_GLOBAL_SEARCH_MAX_COUNT. Events and referrals are a freelancer's
 * few hundred rows: they are read whole and matched here on folded text,
 * which costs well under a millisecond at that size and needs no index to
 * keep.
 *
 * The whole search is one job on the database's worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-database-private.h"
#include "reseau-global-search.h"
#include "reseau-text.h"

typedef ReseauDatabaseWorker Worker;

/* Bytes of note shown before and after the match. */
#define SNIPPET_BEFORE 40
#define SNIPPET_AFTER  120

typedef struct
{
  char  *text;
  guint  limit;
} Request;

static void
request_free (Request *request)
{
  g_free (request->text);
  g_free (request);
}

void
reseau_global_search_hit_free (ReseauGlobalSearchHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->uid);
  g_free (hit->title);
  g_free (hit->subtitle);
  g_free (hit->day);
  g_free (hit->snippet);
  g_free (hit);
}

void
reseau_global_search_results_free (ReseauGlobalSearchResults *results)
{
  if (results == NULL)
    return;

  for (guint i = 0; i < RESEAU_GLOBAL_SEARCH_N_GROUPS; i++)
    g_clear_pointer (&results->hits[i], g_ptr_array_unref);
  g_free (results);
}

gboolean
reseau_global_search_results_is_empty (const ReseauGlobalSearchResults *results)
{
  g_return_val_if_fail (results != NULL, TRUE);

  for (guint i = 0; i < RESEAU_GLOBAL_SEARCH_N_GROUPS; i++)
    if (results->hits[i]->len > 0)
      return FALSE;

  return TRUE;
}

static ReseauGlobalSearchHit *
hit_new (ReseauGlobalSearchGroup  group,
         GPtrArray               *hits)
{
  ReseauGlobalSearchHit *hit = g_new0 (ReseauGlobalSearchHit, 1);

  hit->group = group;
  g_ptr_array_add (hits, hit);
  return hit;
}

/* Folded words ------------------------------------------------------------- */

/* text folded, every run of letters and digits kept and everything else a
 * single space, with a space before each word: " elodie oeuvray". A word
 * w is then the prefix of one of the text's words when " w" occurs in it. */
static char *
folded_words (const char *text)
{
  g_autofree char *folded = reseau_text_fold (text != NULL ? text : "");
  GString *words = g_string_new (NULL);
  gboolean in_word = FALSE;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (!in_word)
            g_string_append_c (words, ' ');
          g_string_append_unichar (words, c);
          in_word = TRUE;
        }
      else
        in_word = FALSE;
    }

  return g_string_free (words, FALSE);
}

/* The typed words as " word" needles, folded; NULL when there is none. */
static GStrv
needles_for (const char *typed)
{
  g_autofree char *words = folded_words (typed);
  g_auto(GStrv) split = g_strsplit (words, " ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any = FALSE;

  for (guint i = 0; split[i] != NULL; i++)
    if (split[i][0] != '\0')
      {
        g_autofree char *needle = g_strconcat (" ", split[i], NULL);

        g_strv_builder_add (builder, needle);
        any = TRUE;
      }

  return any ? g_strv_builder_end (builder) : NULL;
}

static gboolean
matches_all (const char          *words,
             const char * const  *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (words, needles[i]) == NULL)
      return FALSE;

  return TRUE;
}

/* The note from a little before the first word a needle starts, cut at
 * word boundaries, with ellipses where it was cut. */
static char *
snippet_for (const char          *note,
             const char * const  *needles)
{
  const char *start = NULL;
  const char *from;
  const char *to;
  GString *snippet;

  if (note == NULL)
    return NULL;

  /* Word by word, so that the offset found is the note's own. */
  for (const char *p = note; *p && start == NULL; )
    {
      const char *end = p;
      g_autofree char *word = NULL;
      g_autofree char *folded = NULL;

      if (!g_unichar_isalnum (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      while (*end && g_unichar_isalnum (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);
      word = g_strndup (p, end - p);
      folded = folded_words (word);
      for (guint i = 0; needles[i] != NULL; i++)
        if (g_str_has_prefix (folded, needles[i]))
          start = p;
      p = end;
    }
  if (start == NULL)
    start = note;

  from = start;
  if (from - note > SNIPPET_BEFORE)
    {
      from = g_utf8_find_prev_char (note, start - SNIPPET_BEFORE + 1);
      while (from != NULL && from > note && !g_unichar_isspace (g_utf8_get_char (from)))
        from = g_utf8_find_prev_char (note, from);
      if (from == NULL || from == note)
        from = start;
      else
        from = g_utf8_next_char (from);
    }
  else
    from = note;

  to = from + strlen (from);
  if (to - start > SNIPPET_AFTER)
    {
      to = g_utf8_find_prev_char (from, start + SNIPPET_AFTER);
      while (to > start && !g_unichar_isspace (g_utf8_get_char (to)))
        to = g_utf8_find_prev_char (from, to);
      if (to <= start)
        to = g_utf8_find_prev_char (from, start + SNIPPET_AFTER);
    }

  snippet = g_string_new (from > note ? "…" : "");
  g_string_append_len (snippet, from, to - from);
  if (*to != '\0')
    g_string_append (snippet, "…");

  /* One line in a list row. */
  for (char *p = snippet->str; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';

  return g_string_free (snippet, FALSE);
}

/* Groups ----------------------------------------------------------------- */

static gboolean
count_rows (Worker      *worker,
            const char  *sql,
            const char  *match,
            guint       *total,
            GError     **error)
{
  sqlite3_stmt *stmt = reseau_db_statement (worker, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  reseau_db_bind_text (stmt, 1, match);
  sqlite3_bind_int (stmt, 2, RESEAU_GLOBAL_SEARCH_MAX_COUNT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *total = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

static gboolean
search_contacts (Worker                     *worker,
                 const char                 *match,
                 guint                       limit,
                 ReseauGlobalSearchResults  *results,
                 GError                    **error)
{
  GPtrArray *hits = results->hits[RESEAU_GLOBAL_SEARCH_CONTACTS];
  sqlite3_stmt *stmt;
  int rc;

  /* Trashed contacts are not in the index. */
  if (!count_rows (worker,
                   "SELECT count(*) FROM (SELECT 1 FROM contacts_search"
                   " WHERE contacts_search MATCH ?1 LIMIT ?2)",
                   match, &results->totals[RESEAU_GLOBAL_SEARCH_CONTACTS], error))
    return FALSE;

  /* In the list's order; many matches walk the list's index instead of
   * sorting them all (as for interactions, below). */
  if (results->totals[RESEAU_GLOBAL_SEARCH_CONTACTS] < RESEAU_GLOBAL_SEARCH_MAX_COUNT)
    stmt = reseau_db_statement (worker,
                                "SELECT c.uid, c.display_name, c.subtitle"
                                " FROM contacts_search s CROSS JOIN contacts c ON c.id = s.rowid"
                                " WHERE contacts_search MATCH ?1 AND c.trashed_at IS NULL"
                                " ORDER BY c.sort_key, c.id LIMIT ?2", error);
  else
    stmt = reseau_db_statement (worker,
                                "SELECT c.uid, c.display_name, c.subtitle FROM contacts c"
                                " WHERE c.trashed_at IS NULL AND c.id + 0 IN"
                                " (SELECT rowid FROM contacts_search WHERE contacts_search MATCH ?1)"
                                " ORDER BY c.sort_key, c.id LIMIT ?2", error);
  if (stmt == NULL)
    return FALSE;
  reseau_db_bind_text (stmt, 1, match);
  sqlite3_bind_int (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauGlobalSearchHit *hit = hit_new (RESEAU_GLOBAL_SEARCH_CONTACTS, hits);

      hit->uid = reseau_db_column_text (stmt, 0);
      hit->title = reseau_db_column_text (stmt, 1);
      hit->subtitle = reseau_db_column_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

#define INTERACTION_COLUMNS \
  "SELECT i.id, i.kind, i.occurred_on, i.note," \
  " (SELECT group_concat (c.display_name, ', ') FROM interaction_participants p" \
  "   JOIN contacts c ON c.id = p.contact_id WHERE p.interaction_id = i.id)," \
  " (SELECT c.uid FROM interaction_participants p" \
  "   JOIN contacts c ON c.id = p.contact_id WHERE p.interaction_id = i.id" \
  "   AND c.trashed_at IS NULL LIMIT 1)"

static gboolean
search_interactions (Worker                     *worker,
                     const char                 *match,
                     const char * const         *needles,
                     guint                       limit,
                     ReseauGlobalSearchResults  *results,
                     GError                    **error)
{
  GPtrArray *hits = results->hits[RESEAU_GLOBAL_SEARCH_INTERACTIONS];
  sqlite3_stmt *stmt;
  int rc;

  if (!count_rows (worker,
                   "SELECT count(*) FROM (SELECT 1 FROM interactions_search s"
                   " CROSS JOIN interactions i ON i.id = s.rowid"
                   " WHERE interactions_search MATCH ?1 AND i.deleted_at IS NULL LIMIT ?2)",
                   match, &results->totals[RESEAU_GLOBAL_SEARCH_INTERACTIONS], error))
    return FALSE;

  /* Newest first, as the Timeline shows them. Few matches: from the
   * index, sorted. Many (a common prefix, tens of thousands of notes):
   * sorting them all costs more than walking the timeline from the newest
   * until the page is full, checking each against the matches ("+ 0"
   * keeps SQLite from driving the join from them). */
  if (results->totals[RESEAU_GLOBAL_SEARCH_INTERACTIONS] < RESEAU_GLOBAL_SEARCH_MAX_COUNT)
    stmt = reseau_db_statement (worker, INTERACTION_COLUMNS
                                " FROM interactions_search s CROSS JOIN interactions i ON i.id = s.rowid"
                                " WHERE interactions_search MATCH ?1 AND i.deleted_at IS NULL"
                                " ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?2", error);
  else
    stmt = reseau_db_statement (worker, INTERACTION_COLUMNS
                                " FROM interactions i"
                                " WHERE i.deleted_at IS NULL AND i.id + 0 IN"
                                " (SELECT rowid FROM interactions_search WHERE interactions_search MATCH ?1)"
                                " ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?2", error);
  if (stmt == NULL)
    return FALSE;
  reseau_db_bind_text (stmt, 1, match);
  sqlite3_bind_int (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauGlobalSearchHit *hit = hit_new (RESEAU_GLOBAL_SEARCH_INTERACTIONS, hits);

      hit->id = sqlite3_column_int64 (stmt, 0);
      hit->interaction_kind = sqlite3_column_int (stmt, 1);
      hit->day = reseau_db_column_text (stmt, 2);
      hit->snippet = snippet_for ((const char *) sqlite3_column_text (stmt, 3), needles);
      hit->title = reseau_db_column_text (stmt, 4);
      hit->uid = reseau_db_column_text (stmt, 5);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

static gboolean
search_events (Worker                     *worker,
               const char * const         *needles,
               guint                       limit,
               ReseauGlobalSearchResults  *results,
               GError                    **error)
{
  GPtrArray *hits = results->hits[RESEAU_GLOBAL_SEARCH_EVENTS];
  guint *total = &results->totals[RESEAU_GLOBAL_SEARCH_EVENTS];
  sqlite3_stmt *stmt;
  int rc;

  stmt = reseau_db_statement (worker,
                              "SELECT id, name, held_on, name || ' ' || coalesce (place, '') || ' ' || coalesce (theme, '') || ' ' || coalesce (note, '')"
                              " FROM events ORDER BY held_on DESC, id DESC", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && *total < RESEAU_GLOBAL_SEARCH_MAX_COUNT)
    {
      g_autofree char *words = folded_words ((const char *) sqlite3_column_text (stmt, 3));
      ReseauGlobalSearchHit *hit;

      if (!matches_all (words, needles))
        continue;
      if ((*total)++ >= limit)
        continue;
      hit = hit_new (RESEAU_GLOBAL_SEARCH_EVENTS, hits);
      hit->id = sqlite3_column_int64 (stmt, 0);
      hit->title = reseau_db_column_text (stmt, 1);
      hit->day = reseau_db_column_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

static gboolean
search_referrals (Worker                     *worker,
                  const char * const         *needles,
                  guint                       limit,
                  ReseauGlobalSearchResults  *results,
                  GError                    **error)
{
  GPtrArray *hits = results->hits[RESEAU_GLOBAL_SEARCH_REFERRALS];
  guint *total = &results->totals[RESEAU_GLOBAL_SEARCH_REFERRALS];
  sqlite3_stmt *stmt;
  int rc;

  /* A trashed person still names the referral; it is not opened. */
  stmt = reseau_db_statement (worker,
                              "SELECT r.id, r.subject, r.referred_on, p.display_name, t.display_name,"
                              " CASE WHEN p.trashed_at IS NULL THEN p.uid END,"
                              " CASE WHEN t.trashed_at IS NULL THEN t.uid END"
                              " FROM referrals r LEFT JOIN contacts p ON p.id = r.person_id"
                              " LEFT JOIN contacts t ON t.id = r.to_id"
                              " ORDER BY r.referred_on DESC, r.id DESC", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && *total < RESEAU_GLOBAL_SEARCH_MAX_COUNT)
    {
      const char *subject = (const char *) sqlite3_column_text (stmt, 1);
      const char *person = (const char *) sqlite3_column_text (stmt, 3);
      const char *to = (const char *) sqlite3_column_text (stmt, 4);
      g_autofree char *text = g_strjoin (" ", subject ? subject : "", person ? person : "",
                                         to ? to : "", NULL);
      g_autofree char *words = folded_words (text);
      ReseauGlobalSearchHit *hit;

      if (!matches_all (words, needles))
        continue;
      if ((*total)++ >= limit)
        continue;
      hit = hit_new (RESEAU_GLOBAL_SEARCH_REFERRALS, hits);
      hit->id = sqlite3_column_int64 (stmt, 0);
      hit->title = g_strdup (subject);
      hit->day = reseau_db_column_text (stmt, 2);
      if (person != NULL && to != NULL)
        hit->subtitle = g_strdup_printf ("%s → %s", person, to);
      else
        hit->subtitle = g_strdup (person != NULL ? person : to);
      hit->uid = reseau_db_column_text (stmt, 5);
      if (hit->uid == NULL)
        hit->uid = reseau_db_column_text (stmt, 6);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

static gpointer
global_search_job (Worker   *worker,
                   gpointer  data,
                   GError  **error)
{
  Request *request = data;
  g_autoptr(ReseauGlobalSearchResults) results = g_new0 (ReseauGlobalSearchResults, 1);
  g_autofree char *match = NULL;
  g_auto(GStrv) needles = NULL;

  for (guint i = 0; i < RESEAU_GLOBAL_SEARCH_N_GROUPS; i++)
    results->hits[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_global_search_hit_free);

  if (!reseau_db_require_open (worker, error))
    return NULL;

  match = reseau_text_build_fts_query (request->text);
  needles = needles_for (request->text);
  if (match == NULL || needles == NULL)
    return g_steal_pointer (&results);

  /* One read transaction: the four groups see the same database. */
  if (!reseau_db_exec (worker, "BEGIN", error))
    return NULL;
  if (!search_contacts (worker, match, request->limit, results, error) ||
      !search_interactions (worker, match, (const char * const *) needles, request->limit, results, error) ||
      !search_events (worker, (const char * const *) needles, request->limit, results, error) ||
      !search_referrals (worker, (const char * const *) needles, request->limit, results, error) ||
      !reseau_db_exec (worker, "COMMIT", error))
    return NULL;

  return g_steal_pointer (&results);
}

ReseauGlobalSearchResults *
reseau_global_search (ReseauDatabase  *database,
                      const char      *text,
                      guint            limit,
                      GError         **error)
{
  Request request = { (char *) text, limit };

  g_return_val_if_fail (RESEAU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  return reseau_db_run (database, global_search_job, &request, error);
}

void
reseau_global_search_async (ReseauDatabase      *database,
                            const char          *text,
                            guint                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Request *request;

  g_return_if_fail (RESEAU_IS_DATABASE (database));
  g_return_if_fail (text != NULL);

  request = g_new0 (Request, 1);
  request->text = g_strdup (text);
  request->limit = limit;
  reseau_db_run_async (database, global_search_job, request, (GDestroyNotify) request_free,
                       (GDestroyNotify) reseau_global_search_results_free,
                       reseau_global_search_async, cancellable, callback, user_data);
}

ReseauGlobalSearchResults *
reseau_global_search_finish (ReseauDatabase  *database,
                             GAsyncResult    *result,
                             GError         **error)
{
  return reseau_db_finish (database, result, reseau_global_search_async, error);
}
