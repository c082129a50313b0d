/* reseau-database-network.c — the network map's graph and node positions
 *
 * Jobs on the database's worker thread (see reseau-database-private.h);
 * a failed job's transaction is rolled back by the worker.
 *
 * Loading reads each table once, in a handful of statements, and lets
 * SQLite do the heavy grouping:
 *
 *   nodes        live contacts ⟕ contact_activity (organization cards
 *                first, so that an organization is labelled as its card
 *                spells it); days since the last interaction computed by
 *                julianday() against today. NOT INDEXED: left to itself,
 *                SQLite walks the contact list's partial index and visits
 *                every row from there, in sort-key order; one pass over
 *                the table in rowid order is several times faster
 *   tags         contact_tags in position order, and the tag names
 *   introduced   contacts.introduced_by, read with the nodes
 *   referrals    one row per referral with both ends known
 *   events       event_attendees ⋈ events, one row per attendee
 *   interactions one row per pair of participants, already counted and
 *                dated by GROUP BY: the shared history of two contacts
 *                never goes through C one interaction at a time
 *
 * Contacts are found again by id through a hash table over one array of
 * ids, built while the nodes are read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "reseau-database-network.h"
#include "reseau-database-private.h"
#include "reseau-interaction.h"
#include "reseau-strength.h"
#include "reseau-text.h"

typedef ReseauDatabaseWorker Worker;

typedef struct
{
  GDate          today;
  char          *today_text;
  ReseauNetwork *network;
  gint64        *ids;          /* contact ids, the keys of by_id */
  guint          n_ids;
  GHashTable    *by_id;        /* gint64 * (into ids) → node index + 1 */
  /* Organization as people's cards spell it → node index + 1 (or 0 for a
   * blank name): folding each of 20,000 spellings would cost more than
   * the rest of reading the contacts. */
  GHashTable    *org_by_spelling;
} LoadRequest;

static LoadRequest *
load_request_new (const GDate *today)
{
  LoadRequest *request = g_new0 (LoadRequest, 1);

  request->today = *today;
  request->today_text = reseau_date_to_string (today);
  request->org_by_spelling = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return request;
}

static void
load_request_free (gpointer data)
{
  LoadRequest *request = data;

  g_free (request->today_text);
  g_clear_pointer (&request->network, reseau_network_unref);
  g_clear_pointer (&request->by_id, g_hash_table_unref);
  g_clear_pointer (&request->org_by_spelling, g_hash_table_unref);
  g_free (request->ids);
  g_free (request);
}

static int
node_of_contact (LoadRequest *request,
                 gint64       id)
{
  gpointer found = g_hash_table_lookup (request->by_id, &id);

  return found != NULL ? (int) GPOINTER_TO_UINT (found) - 1 : -1;
}

/* Days from a stored day to today, as SQL: NULL stays NULL (→ -1), and a
 * day in the future counts as today. */
#define DAYS_SINCE(column) \
  "MAX(0, CAST(julianday(?1) - julianday(" column ") AS INTEGER))"

static int
column_days (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, column);
}

/* "o:" and the folded name, so that "ACME", "Acme " and "Àcme" are one
 * organization; NULL for a blank name. */
static char *
organization_key (const char *name)
{
  g_autofree char *stripped = reseau_text_strip_or_null (name);
  g_autofree char *folded = NULL;

  if (stripped == NULL)
    return NULL;

  folded = reseau_text_fold (stripped);
  return g_strconcat ("o:", folded, NULL);
}

static guint
add_organization (ReseauNetwork *network,
                  const char    *key,
                  const char    *name)
{
  g_autofree char *label = reseau_text_strip_or_null (name);

  return reseau_network_add_node (network, RESEAU_NODE_ORGANIZATION, key, label);
}

/* Nodes ------------------------------------------------------------------------- */

/* The organization node for a spelling, added when new; -1 for a blank
 * name. */
static int
organization_of_spelling (LoadRequest *request,
                          const char  *spelling)
{
  gpointer found;
  g_autofree char *key = NULL;
  guint org;

  if (g_hash_table_lookup_extended (request->org_by_spelling, spelling, NULL, &found))
    return (int) GPOINTER_TO_UINT (found) - 1;

  key = organization_key (spelling);
  if (key == NULL)
    {
      g_hash_table_insert (request->org_by_spelling, g_strdup (spelling), GUINT_TO_POINTER (0));
      return -1;
    }

  org = add_organization (request->network, key, spelling);
  g_hash_table_insert (request->org_by_spelling, g_strdup (spelling), GUINT_TO_POINTER (org + 1));

  return (int) org;
}

typedef struct
{
  gint64 id;
  guint  node;
  gint64 introduced_by;
} Introduction;

static guint
add_person (LoadRequest  *request,
            sqlite3_stmt *stmt)
{
  const char *uid = (const char *) sqlite3_column_text (stmt, 1);
  const char *name = (const char *) sqlite3_column_text (stmt, 3);
  const char *organization = (const char *) sqlite3_column_text (stmt, 4);
  g_autofree char *key = g_strconcat ("p:", uid, NULL);
  ReseauNetworkNode *person;
  int days = column_days (stmt, 6);
  guint node;
  int org;

  node = reseau_network_add_node (request->network, RESEAU_NODE_PERSON, key, name);
  person = reseau_network_get_node_mut (request->network, node);
  person->days_since = days;
  person->has_photo = sqlite3_column_int (stmt, 8);
  if (days >= 0)
    person->strength = reseau_strength_score_from_raw (
      reseau_strength_decay (sqlite3_column_double (stmt, 7), days));

  org = organization != NULL ? organization_of_spelling (request, organization) : -1;
  if (org >= 0)
    reseau_network_add_edge (request->network, node, org, RESEAU_EDGE_WORKS_AT, 1, days);

  return node;
}

static gboolean
load_nodes (Worker       *worker,
            LoadRequest  *request,
            GArray       *introductions,
            GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  sqlite3_stmt *stmt;
  int rc;

  stmt = reseau_db_statement (worker,
                              "SELECT c.id, c.uid, c.kind, c.display_name, c.organization,"
                              "       c.introduced_by, " DAYS_SINCE ("a.last_on") ","
                              "       a.strength_raw, c.photo IS NOT NULL"
                              " FROM contacts c NOT INDEXED"
                              " LEFT JOIN contact_activity a ON a.contact_id = c.id"
                              " WHERE c.trashed_at IS NULL"
                              " ORDER BY c.kind DESC, c.id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, request->today_text, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint node;

      if (sqlite3_column_int (stmt, 2) == 1)
        {
          const char *organization = (const char *) sqlite3_column_text (stmt, 4);
          const char *name = (const char *) sqlite3_column_text (stmt, 3);
          g_autofree char *key = organization_key (name);

          /* An organization's card names it in display_name; the
           * organization field, when set, is how people's cards spell it. */
          if (organization != NULL && !reseau_text_is_blank (organization))
            {
              g_free (key);
              key = organization_key (organization);
            }
          if (key == NULL)
            continue;
          node = add_organization (request->network, key, name);
        }
      else
        {
          node = add_person (request, stmt);
        }

      g_array_append_val (ids, id);
      g_array_append_val (nodes, node);
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        {
          Introduction introduction = { id, node, sqlite3_column_int64 (stmt, 5) };

          g_array_append_val (introductions, introduction);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  request->n_ids = ids->len;
  request->ids = g_array_steal (ids, NULL);
  request->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < request->n_ids; i++)
    g_hash_table_insert (request->by_id, &request->ids[i],
                         GUINT_TO_POINTER (g_array_index (nodes, guint, i) + 1));

  return TRUE;
}

/* Tags ---------------------------------------------------------------------------- */

static gboolean
load_tags (Worker       *worker,
           LoadRequest  *request,
           GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = reseau_db_statement (worker, "SELECT id, name FROM tags", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    reseau_network_set_tag_name (request->network, sqlite3_column_int64 (stmt, 0),
                                 (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT contact_id, tag_id FROM contact_tags"
                              " ORDER BY contact_id, position", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int node = node_of_contact (request, sqlite3_column_int64 (stmt, 0));
      gint64 tag_id = sqlite3_column_int64 (stmt, 1);
      ReseauNetworkNode *person;

      if (node < 0)
        continue;
      person = reseau_network_get_node_mut (request->network, node);
      if (person->kind != RESEAU_NODE_PERSON)
        continue;
      if (person->tag_ids == NULL)
        person->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (person->tag_ids, tag_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

/* Edges ----------------------------------------------------------------------------- */

static void
add_introductions (LoadRequest *request,
                   GArray      *introductions)
{
  for (guint i = 0; i < introductions->len; i++)
    {
      const Introduction *introduction = &g_array_index (introductions, Introduction, i);
      int introducer = node_of_contact (request, introduction->introduced_by);

      if (introducer >= 0)
        reseau_network_add_edge (request->network, introducer, introduction->node,
                                 RESEAU_EDGE_INTRODUCED, 1, -1);
    }
}

/* Received or given, a referral links the one who recommended (or whom I
 * recommended) to the one it was to; without that second contact it is
 * a link with me, whom the map does not draw. */
static gboolean
load_referrals (Worker       *worker,
                LoadRequest  *request,
                GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = reseau_db_statement (worker,
                              "SELECT person_id, to_id, " DAYS_SINCE ("referred_on")
                              " FROM referrals"
                              " WHERE person_id IS NOT NULL AND to_id IS NOT NULL"
                              " ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, request->today_text, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int source = node_of_contact (request, sqlite3_column_int64 (stmt, 0));
      int target = node_of_contact (request, sqlite3_column_int64 (stmt, 1));

      if (source >= 0 && target >= 0)
        reseau_network_add_edge (request->network, source, target, RESEAU_EDGE_REFERRAL, 1,
                                 column_days (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

/* An event becomes a node with its first live attendee: an event nobody
 * in the network went to is not part of the network. */
static gboolean
load_events (Worker       *worker,
             LoadRequest  *request,
             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = reseau_db_statement (worker,
                              "SELECT e.id, e.name, " DAYS_SINCE ("e.held_on") ", ea.contact_id"
                              " FROM events e JOIN event_attendees ea ON ea.event_id = e.id"
                              " ORDER BY e.id, ea.contact_id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, request->today_text, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int person = node_of_contact (request, sqlite3_column_int64 (stmt, 3));
      int days = column_days (stmt, 2);
      char key[32];
      guint event;

      if (person < 0)
        continue;

      g_snprintf (key, sizeof key, "e:%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      event = reseau_network_add_node (request->network, RESEAU_NODE_EVENT, key,
                                       (const char *) sqlite3_column_text (stmt, 1));
      reseau_network_get_node_mut (request->network, event)->days_since = days;
      reseau_network_add_edge (request->network, person, event, RESEAU_EDGE_MET_AT, 1, days);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

/* Every pair of participants of the live interactions, counted and dated
 * by SQLite; "b > a" lists each pair once. Most interactions have one
 * participant and no pair: a pass over the covering index of
 * participants by interaction finds the others first, so that only their
 * rows of interactions are read (at 20,000 contacts and 100,000
 * interactions, 0.2 s instead of 0.8). */
static gboolean
load_shared_interactions (Worker       *worker,
                          LoadRequest  *request,
                          GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = reseau_db_statement (worker,
                              "SELECT a.contact_id, b.contact_id, COUNT(*),"
                              "       " DAYS_SINCE ("MAX(i.occurred_on)")
                              " FROM (SELECT interaction_id FROM interaction_participants"
                              "       GROUP BY interaction_id HAVING COUNT(*) > 1) m"
                              " JOIN interactions i ON i.id = m.interaction_id"
                              " JOIN interaction_participants a ON a.interaction_id = m.interaction_id"
                              " JOIN interaction_participants b"
                              "   ON b.interaction_id = m.interaction_id AND b.contact_id > a.contact_id"
                              " WHERE i.deleted_at IS NULL"
                              " GROUP BY a.contact_id, b.contact_id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, request->today_text, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int a = node_of_contact (request, sqlite3_column_int64 (stmt, 0));
      int b = node_of_contact (request, sqlite3_column_int64 (stmt, 1));

      if (a >= 0 && b >= 0)
        reseau_network_add_edge (request->network, a, b, RESEAU_EDGE_INTERACTION,
                                 sqlite3_column_int (stmt, 2), column_days (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error) != NULL;

  return TRUE;
}

/* An organization is as recent as the latest contact with anyone there. */
static void
date_organizations (ReseauNetwork *network)
{
  for (guint e = 0; e < reseau_network_get_n_edges (network); e++)
    {
      const ReseauNetworkEdge *edge = reseau_network_get_edge (network, e);
      ReseauNetworkNode *org;

      if (edge->kind != RESEAU_EDGE_WORKS_AT || edge->days_since < 0)
        continue;

      org = reseau_network_get_node_mut (network, edge->target);
      if (org->days_since < 0 || edge->days_since < org->days_since)
        org->days_since = edge->days_since;
    }
}

static gpointer
load_network_job (Worker   *worker,
                  gpointer  data,
                  GError  **error)
{
  LoadRequest *request = data;
  g_autoptr(GArray) introductions = g_array_new (FALSE, FALSE, sizeof (Introduction));

  if (!reseau_db_require_open (worker, error))
    return NULL;

  request->network = reseau_network_new ();

  /* One read transaction: a write between two statements would otherwise
   * give edges to nodes that are not there. */
  if (!reseau_db_exec (worker, "BEGIN", error))
    return NULL;

  if (!load_nodes (worker, request, introductions, error) ||
      !load_tags (worker, request, error) ||
      !load_referrals (worker, request, error) ||
      !load_events (worker, request, error) ||
      !load_shared_interactions (worker, request, error))
    return NULL;

  if (!reseau_db_exec (worker, "COMMIT", error))
    return NULL;

  add_introductions (request, introductions);
  date_organizations (request->network);

  return g_steal_pointer (&request->network);
}

ReseauNetwork *
reseau_database_load_network (ReseauDatabase  *self,
                              const GDate     *today,
                              GError         **error)
{
  LoadRequest *request;
  ReseauNetwork *network;

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  request = load_request_new (today);
  network = reseau_db_run (self, load_network_job, request, error);
  load_request_free (request);

  return network;
}

void
reseau_database_load_network_async (ReseauDatabase      *self,
                                    const GDate         *today,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  reseau_db_run_async (self, load_network_job, load_request_new (today), load_request_free,
                       (GDestroyNotify) reseau_network_unref, reseau_database_load_network_async,
                       cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (ReseauNetwork *, reseau_database_load_network)

/* Photos --------------------------------------------------------------------------- */

/* Photos are not in the network: a few hundred people are drawn big
 * enough to show one at a time, out of thousands, each photo tens of
 * kilobytes. */
static gpointer
load_photos_job (Worker   *worker,
                 gpointer  data,
                 GError  **error)
{
  const char * const *uids = data;
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  sqlite3_stmt *stmt;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "SELECT photo FROM contacts WHERE uid = ?1 AND photo IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; uids[i] != NULL; i++)
    {
      int rc;

      sqlite3_bind_text (stmt, 1, uids[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (photos, g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0)));
      else if (rc == SQLITE_DONE)
        g_ptr_array_add (photos, NULL);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return reseau_db_fail (worker, rc, error);
    }

  return g_steal_pointer (&photos);
}

GPtrArray *
reseau_database_load_photos (ReseauDatabase     *self,
                             const char * const *uids,
                             GError            **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);
  g_return_val_if_fail (uids != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return reseau_db_run (self, load_photos_job, (gpointer) uids, error);
}

void
reseau_database_load_photos_async (ReseauDatabase      *self,
                                   const char * const  *uids,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (uids != NULL);

  reseau_db_run_async (self, load_photos_job, g_strdupv ((char **) uids), (GDestroyNotify) g_strfreev,
                       (GDestroyNotify) g_ptr_array_unref, reseau_database_load_photos_async,
                       cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GPtrArray *, reseau_database_load_photos)

/* Positions ------------------------------------------------------------------------ */

static gpointer
load_positions_job (Worker   *worker,
                    gpointer  data,
                    GError  **error)
{
  g_autoptr(GHashTable) positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!reseau_db_require_open (worker, error))
    return NULL;

  stmt = reseau_db_statement (worker, "SELECT node_key, x, y FROM network_positions", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReseauPoint *point = g_new (ReseauPoint, 1);

      point->x = (float) sqlite3_column_double (stmt, 1);
      point->y = (float) sqlite3_column_double (stmt, 2);
      g_hash_table_replace (positions, reseau_db_column_text (stmt, 0), point);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return reseau_db_fail (worker, rc, error);

  return g_steal_pointer (&positions);
}

GHashTable *
reseau_database_load_node_positions (ReseauDatabase  *self,
                                     GError         **error)
{
  g_return_val_if_fail (RESEAU_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return reseau_db_run (self, load_positions_job, NULL, error);
}

void
reseau_database_load_node_positions_async (ReseauDatabase      *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));

  reseau_db_run_async (self, load_positions_job, NULL, NULL,
                       (GDestroyNotify) g_hash_table_unref,
                       reseau_database_load_node_positions_async,
                       cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH (GHashTable *, reseau_database_load_node_positions)

/* What saving needs of a layout, copied so that the layout may go on
 * (or go away) while the worker writes. */
typedef struct
{
  GPtrArray   *keys;
  ReseauPoint *points;
} PositionsCopy;

static PositionsCopy *
positions_copy_new (ReseauLayout *layout)
{
  ReseauNetwork *network = reseau_layout_get_network (layout);
  guint n = reseau_network_get_n_nodes (network);
  PositionsCopy *copy = g_new0 (PositionsCopy, 1);

  copy->keys = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (copy->keys, g_strdup (reseau_network_get_node (network, i)->key));
  copy->points = g_memdup2 (reseau_layout_get_positions (layout), sizeof (ReseauPoint) * MAX (n, 1));

  return copy;
}

static void
positions_copy_free (gpointer data)
{
  PositionsCopy *copy = data;

  g_ptr_array_unref (copy->keys);
  g_free (copy->points);
  g_free (copy);
}

static gpointer
save_positions_job (Worker   *worker,
                    gpointer  data,
                    GError  **error)
{
  PositionsCopy *copy = data;
  sqlite3_stmt *stmt;

  if (!reseau_db_require_open (worker, error) ||
      !reseau_db_exec (worker, "BEGIN IMMEDIATE", error))
    return NULL;

  stmt = reseau_db_statement (worker,
                              "INSERT INTO network_positions (node_key, x, y) VALUES (?1, ?2, ?3)"
                              " ON CONFLICT (node_key) DO UPDATE SET x = excluded.x, y = excluded.y",
                              error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < copy->keys->len; i++)
    {
      /* A node the layout could not place has no position worth keeping. */
      if (!isfinite (copy->points[i].x) || !isfinite (copy->points[i].y))
        continue;

      sqlite3_bind_text (stmt, 1, g_ptr_array_index (copy->keys, i), -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 2, copy->points[i].x);
      sqlite3_bind_double (stmt, 3, copy->points[i].y);
      if (!reseau_db_step_done (worker, stmt, error))
        return NULL;
    }

  return reseau_db_exec (worker, "COMMIT", error) ? RESEAU_DB_OK : NULL;
}

gboolean
reseau_database_save_node_positions (ReseauDatabase  *self,
                                     ReseauLayout    *layout,
                                     GError         **error)
{
  PositionsCopy *copy;
  gboolean ok;

  g_return_val_if_fail (RESEAU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  copy = positions_copy_new (layout);
  ok = reseau_db_run (self, save_positions_job, copy, error) != NULL;
  positions_copy_free (copy);

  return ok;
}

void
reseau_database_save_node_positions_async (ReseauDatabase      *self,
                                           ReseauLayout        *layout,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (RESEAU_IS_DATABASE (self));
  g_return_if_fail (layout != NULL);

  reseau_db_run_async (self, save_positions_job, positions_copy_new (layout), positions_copy_free,
                       NULL, reseau_database_save_node_positions_async,
                       cancellable, callback, user_data);
}

RESEAU_DB_DEFINE_FINISH_BOOLEAN (reseau_database_save_node_positions)
