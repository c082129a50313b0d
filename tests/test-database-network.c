/* test-database-network.c — the network map read from a real database
 *
 * A temporary database, "today" Wednesday 18 November 2026, and:
 *
 *   Anne Martin   works at "Acme", tags Client then Partner
 *   Bruno Petit   works at "ACME " (the same organization), introduced by Anne
 *   Chloé Durand  works at "Globex"
 *   Dana Weiss    no organization; in the trash
 *   Acme          an organization card
 *
 *   8 Nov   meeting  Anne, Bruno
 *   19 Oct  call     Anne, Bruno, Chloé
 *   1 Nov   coffee   Bruno, Chloé   (deleted)
 *   13 Nov  Anne recommended me to Chloé (received)
 *   13 Nov  I recommended Bruno, to nobody on file (given)
 *   1 Nov   event "Apéro freelances": Anne and Dana
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-core.h"
#include "reseau-test-utils.h"

#define ANNE  "urn:uuid:6f1c2a1e-7d43-4a57-9d1b-0c5a8e0a0001"
#define BRUNO "urn:uuid:6f1c2a1e-7d43-4a57-9d1b-0c5a8e0a0002"
#define CHLOE "urn:uuid:6f1c2a1e-7d43-4a57-9d1b-0c5a8e0a0003"
#define DANA  "urn:uuid:6f1c2a1e-7d43-4a57-9d1b-0c5a8e0a0004"
#define ACME  "urn:uuid:6f1c2a1e-7d43-4a57-9d1b-0c5a8e0a0005"

typedef struct
{
  char           *dir;
  ReseauDatabase *database;
  GDate           today;
  gint64          event_id;
} Fixture;

static GDate
day (const char *text)
{
  GDate date;

  g_assert_true (reseau_date_from_string (text, &date));
  return date;
}

static void
save_contact (ReseauDatabase    *database,
              const char        *uid,
              ReseauContactKind  kind,
              const char        *name,
              const char        *organization,
              const char        *introduced_by,
              const char        *first_tag,
              ...)
{
  g_autoptr(ReseauContact) contact = reseau_contact_new ();
  g_autoptr(GError) error = NULL;
  va_list tags;

  reseau_contact_set_uid (contact, uid);
  reseau_contact_set_kind (contact, kind);
  reseau_contact_set_full_name (contact, name);
  reseau_contact_set_organization (contact, organization);
  reseau_contact_set_introduced_by (contact, introduced_by);
  va_start (tags, first_tag);
  for (const char *tag = first_tag; tag != NULL; tag = va_arg (tags, const char *))
    reseau_contact_add_tag (contact, tag);
  va_end (tags);

  g_assert_true (reseau_database_save_contact (database, contact, &error));
  g_assert_no_error (error);
}

static gint64
log_interaction (Fixture               *fixture,
                 const char            *on,
                 ReseauInteractionKind  kind,
                 const char            *first_uid,
                 ...)
{
  g_autoptr(ReseauInteraction) interaction = reseau_interaction_new ();
  g_autoptr(GError) error = NULL;
  GDate date = day (on);
  va_list args;

  reseau_interaction_set_day (interaction, &date, NULL);
  interaction->kind = kind;
  va_start (args, first_uid);
  for (const char *uid = first_uid; uid != NULL; uid = va_arg (args, const char *))
    reseau_interaction_add_participant (interaction, uid);
  va_end (args);

  g_assert_true (reseau_database_save_interaction (fixture->database, interaction, &error));
  g_assert_no_error (error);

  return interaction->id;
}

static void
add_referral (Fixture                 *fixture,
              ReseauReferralDirection  direction,
              const char              *person,
              const char              *to)
{
  GDate on = day ("2026-11-13");
  g_autoptr(ReseauReferral) referral = reseau_referral_new (direction, person, &on);
  g_autoptr(GError) error = NULL;

  referral->to_uid = g_strdup (to);
  g_assert_true (reseau_database_add_referral (fixture->database, referral, &error));
  g_assert_no_error (error);
}

static void
on_trashed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (reseau_database_trash_contact_finish (RESEAU_DATABASE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
trash_contact (Fixture    *fixture,
               const char *uid)
{
  gboolean done = FALSE;

  reseau_database_trash_contact_async (fixture->database, uid, NULL, on_trashed, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauEvent) event = NULL;
  GDate held_on = day ("2026-11-01");
  gint64 deleted;

  fixture->dir = reseau_test_make_temp_dir ();
  path = g_build_filename (fixture->dir, "reseau.db", NULL);
  fixture->database = reseau_database_new (path);
  g_assert_true (reseau_database_open (fixture->database, &error));
  g_assert_no_error (error);
  fixture->today = day ("2026-11-18");

  save_contact (fixture->database, ACME, RESEAU_CONTACT_KIND_ORGANIZATION, "Acme", NULL, NULL, NULL);
  save_contact (fixture->database, ANNE, RESEAU_CONTACT_KIND_INDIVIDUAL, "Anne Martin", "Acme",
                NULL, "Client", "Partner", NULL);
  save_contact (fixture->database, BRUNO, RESEAU_CONTACT_KIND_INDIVIDUAL, "Bruno Petit", "ACME ",
                ANNE, NULL);
  save_contact (fixture->database, CHLOE, RESEAU_CONTACT_KIND_INDIVIDUAL, "Chloé Durand", "Globex",
                NULL, NULL);
  save_contact (fixture->database, DANA, RESEAU_CONTACT_KIND_INDIVIDUAL, "Dana Weiss", NULL,
                NULL, NULL);

  log_interaction (fixture, "2026-11-08", RESEAU_INTERACTION_MEETING, ANNE, BRUNO, NULL);
  log_interaction (fixture, "2026-10-19", RESEAU_INTERACTION_CALL, ANNE, BRUNO, CHLOE, NULL);
  deleted = log_interaction (fixture, "2026-11-01", RESEAU_INTERACTION_COFFEE, BRUNO, CHLOE, NULL);
  g_assert_true (reseau_database_trash_interaction (fixture->database, deleted, &error));
  g_assert_no_error (error);

  add_referral (fixture, RESEAU_REFERRAL_RECEIVED, ANNE, CHLOE);
  add_referral (fixture, RESEAU_REFERRAL_GIVEN, BRUNO, NULL);

  event = reseau_event_new ("Apéro freelances", &held_on);
  g_assert_true (reseau_database_add_event (fixture->database, event, &error));
  g_assert_no_error (error);
  fixture->event_id = event->id;
  g_assert_true (reseau_database_add_attendee (fixture->database, event->id, ANNE, TRUE, &error));
  g_assert_true (reseau_database_add_attendee (fixture->database, event->id, DANA, TRUE, &error));
  g_assert_no_error (error);

  trash_contact (fixture, DANA);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  reseau_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static ReseauNetwork *
load (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  ReseauNetwork *network = reseau_database_load_network (fixture->database, &fixture->today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (network);
  return network;
}

static const ReseauNetworkNode *
node_by_key (ReseauNetwork *network,
             const char    *key)
{
  int index = reseau_network_find_node (network, key);

  g_assert_cmpint (index, >=, 0);
  return reseau_network_get_node (network, index);
}

/* The edge of that kind between the two keys, or NULL. */
static const ReseauNetworkEdge *
find_edge (ReseauNetwork  *network,
           const char     *source,
           const char     *target,
           ReseauEdgeKind  kind)
{
  int s = reseau_network_find_node (network, source);
  int t = reseau_network_find_node (network, target);

  for (guint e = 0; e < reseau_network_get_n_edges (network); e++)
    {
      const ReseauNetworkEdge *edge = reseau_network_get_edge (network, e);

      if (edge->kind != kind)
        continue;
      if ((edge->source == (guint) s && edge->target == (guint) t) ||
          (kind == RESEAU_EDGE_INTERACTION && edge->source == (guint) t && edge->target == (guint) s))
        return edge;
    }

  return NULL;
}

static void
test_nodes (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ReseauNetwork) network = load (fixture);
  g_autofree char *event_key = g_strdup_printf ("e:%" G_GINT64_FORMAT, fixture->event_id);
  g_autoptr(GError) error = NULL;
  const ReseauNetworkNode *node;
  int strength;

  /* Anne, Bruno, Chloé, Acme, Globex and the event; not Dana (trashed). */
  g_assert_cmpuint (reseau_network_get_n_nodes (network), ==, 6);
  g_assert_cmpint (reseau_network_find_node (network, "p:" DANA), ==, -1);

  node = node_by_key (network, "p:" ANNE);
  g_assert_cmpint (node->kind, ==, RESEAU_NODE_PERSON);
  g_assert_cmpstr (node->uid, ==, ANNE);
  g_assert_cmpstr (node->label, ==, "Anne Martin");
  g_assert_cmpstr (node->initials, ==, "AM");
  g_assert_cmpint (node->days_since, ==, 10);
  strength = reseau_database_get_strength (fixture->database, ANNE, &fixture->today, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (strength, >, 0);
  g_assert_cmpuint (node->strength, ==, (guint) strength);
  g_assert_nonnull (node->tag_ids);
  g_assert_cmpuint (node->tag_ids->len, ==, 2);
  g_assert_cmpstr (reseau_network_get_tag_name (network, g_array_index (node->tag_ids, gint64, 0)),
                   ==, "Client");
  g_assert_cmpstr (reseau_network_get_tag_name (network, g_array_index (node->tag_ids, gint64, 1)),
                   ==, "Partner");

  node = node_by_key (network, "p:" CHLOE);
  g_assert_cmpint (node->days_since, ==, 30);
  g_assert_null (node->tag_ids);

  /* "Acme", "ACME " and the card are one organization, named as the
   * card spells it. */
  node = node_by_key (network, "o:acme");
  g_assert_cmpint (node->kind, ==, RESEAU_NODE_ORGANIZATION);
  g_assert_cmpstr (node->label, ==, "Acme");
  g_assert_null (node->uid);
  g_assert_cmpuint (node->strength, ==, 0);
  g_assert_cmpint (node->days_since, ==, 10);
  node = node_by_key (network, "o:globex");
  g_assert_cmpstr (node->label, ==, "Globex");

  node = node_by_key (network, event_key);
  g_assert_cmpint (node->kind, ==, RESEAU_NODE_EVENT);
  g_assert_cmpstr (node->label, ==, "Apéro freelances");
  g_assert_cmpint (node->days_since, ==, 17);
}

/* Photos are not in the network, only whether there is one; they are
 * loaded by UID, in order, NULL for none. */
static void
test_photos (Fixture       *fixture,
             gconstpointer  data)
{
  static const guint8 image[] = { 0x89, 'P', 'N', 'G', 0, 1, 2, 3 };
  g_autoptr(GBytes) photo = g_bytes_new_static (image, sizeof image);
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(ReseauNetwork) network = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;
  const char *uids[] = { CHLOE, ANNE, "urn:uuid:nobody", CHLOE, NULL };

  contact = reseau_database_load_contact (fixture->database, CHLOE, &error);
  g_assert_no_error (error);
  reseau_contact_set_photo (contact, photo);
  g_assert_true (reseau_database_save_contact (fixture->database, contact, &error));
  g_assert_no_error (error);

  network = load (fixture);
  g_assert_true (node_by_key (network, "p:" CHLOE)->has_photo);
  g_assert_false (node_by_key (network, "p:" ANNE)->has_photo);
  g_assert_false (node_by_key (network, "o:acme")->has_photo);

  photos = reseau_database_load_photos (fixture->database, uids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 4);
  g_assert_true (g_bytes_equal (g_ptr_array_index (photos, 0), photo));
  g_assert_null (g_ptr_array_index (photos, 1));
  g_assert_null (g_ptr_array_index (photos, 2));
  g_assert_true (g_bytes_equal (g_ptr_array_index (photos, 3), photo));
}

static void
test_edges (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ReseauNetwork) network = load (fixture);
  g_autofree char *event_key = g_strdup_printf ("e:%" G_GINT64_FORMAT, fixture->event_id);
  const ReseauNetworkEdge *edge;

  g_assert_nonnull (find_edge (network, "p:" ANNE, "o:acme", RESEAU_EDGE_WORKS_AT));
  g_assert_nonnull (find_edge (network, "p:" BRUNO, "o:acme", RESEAU_EDGE_WORKS_AT));
  g_assert_nonnull (find_edge (network, "p:" CHLOE, "o:globex", RESEAU_EDGE_WORKS_AT));

  edge = find_edge (network, "p:" ANNE, "p:" BRUNO, RESEAU_EDGE_INTRODUCED);
  g_assert_nonnull (edge);
  g_assert_cmpuint (edge->count, ==, 1);

  /* Two live interactions together, the latest ten days ago. */
  edge = find_edge (network, "p:" ANNE, "p:" BRUNO, RESEAU_EDGE_INTERACTION);
  g_assert_nonnull (edge);
  g_assert_cmpuint (edge->count, ==, 2);
  g_assert_cmpint (edge->days_since, ==, 10);
  edge = find_edge (network, "p:" ANNE, "p:" CHLOE, RESEAU_EDGE_INTERACTION);
  g_assert_cmpuint (edge->count, ==, 1);
  g_assert_cmpint (edge->days_since, ==, 30);
  /* The deleted coffee does not count. */
  edge = find_edge (network, "p:" BRUNO, "p:" CHLOE, RESEAU_EDGE_INTERACTION);
  g_assert_cmpuint (edge->count, ==, 1);
  g_assert_cmpint (edge->days_since, ==, 30);

  edge = find_edge (network, "p:" ANNE, "p:" CHLOE, RESEAU_EDGE_REFERRAL);
  g_assert_nonnull (edge);
  g_assert_cmpint (edge->days_since, ==, 5);

  edge = find_edge (network, "p:" ANNE, event_key, RESEAU_EDGE_MET_AT);
  g_assert_nonnull (edge);
  g_assert_cmpint (edge->days_since, ==, 17);

  /* Three works-at, one introduction, three shared histories, one
   * referral (the given one has nobody at the other end), one event. */
  g_assert_cmpuint (reseau_network_get_n_edges (network), ==, 9);
}

static void
on_network_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ReseauNetwork **network = user_data;
  g_autoptr(GError) error = NULL;

  *network = reseau_database_load_network_finish (RESEAU_DATABASE (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*network);
}

static void
test_load_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ReseauNetwork) network = NULL;

  reseau_database_load_network_async (fixture->database, &fixture->today, NULL,
                                      on_network_loaded, &network);
  while (network == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (reseau_network_get_n_nodes (network), ==, 6);
  g_assert_cmpuint (reseau_network_get_n_edges (network), ==, 9);
}

static GHashTable *
load_positions (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GHashTable *positions = reseau_database_load_node_positions (fixture->database, &error);

  g_assert_no_error (error);
  g_assert_nonnull (positions);
  return positions;
}

static void
test_positions_round_trip (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ReseauNetwork) network = load (fixture);
  g_autoptr(GHashTable) before = load_positions (fixture);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GHashTable) moved = NULL;
  g_autoptr(GError) error = NULL;
  ReseauLayout *layout = reseau_layout_new (network, 4);
  ReseauLayout *reopened = NULL;
  guint n = reseau_network_get_n_nodes (network);
  const ReseauPoint *points;
  ReseauPoint *saved;

  g_assert_cmpuint (g_hash_table_size (before), ==, 0);

  while (!reseau_layout_step (layout))
    ;
  g_assert_true (reseau_database_save_node_positions (fixture->database, layout, &error));
  g_assert_no_error (error);

  after = load_positions (fixture);
  g_assert_cmpuint (g_hash_table_size (after), ==, n);
  points = reseau_layout_get_positions (layout);
  for (guint i = 0; i < n; i++)
    {
      saved = g_hash_table_lookup (after, reseau_network_get_node (network, i)->key);
      g_assert_nonnull (saved);
      g_assert_cmpfloat (saved->x, ==, points[i].x);
      g_assert_cmpfloat (saved->y, ==, points[i].y);
    }

  /* Reopened from the saved positions, the map starts as it was left. */
  reopened = reseau_layout_new (network, 99);
  for (guint i = 0; i < n; i++)
    reseau_layout_set_position (reopened, i,
                                *(ReseauPoint *) g_hash_table_lookup (after,
                                                                      reseau_network_get_node (network, i)->key));
  g_assert_cmpmem (reseau_layout_get_positions (reopened), n * sizeof (ReseauPoint),
                   points, n * sizeof (ReseauPoint));

  /* Saving again replaces, by key. */
  reseau_layout_set_position (reopened, 0, (ReseauPoint) { 12.5f, -7.25f });
  g_assert_true (reseau_database_save_node_positions (fixture->database, reopened, &error));
  g_assert_no_error (error);
  moved = load_positions (fixture);
  g_assert_cmpuint (g_hash_table_size (moved), ==, n);
  saved = g_hash_table_lookup (moved, reseau_network_get_node (network, 0)->key);
  g_assert_cmpfloat (saved->x, ==, 12.5f);
  g_assert_cmpfloat (saved->y, ==, -7.25f);

  reseau_layout_free (layout);
  reseau_layout_free (reopened);
}

typedef struct
{
  gboolean    saved;
  GHashTable *positions;
} AsyncPositions;

static void
on_positions_saved (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AsyncPositions *state = user_data;
  g_autoptr(GError) error = NULL;

  state->saved = reseau_database_save_node_positions_finish (RESEAU_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

static void
on_positions_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AsyncPositions *state = user_data;
  g_autoptr(GError) error = NULL;

  state->positions = reseau_database_load_node_positions_finish (RESEAU_DATABASE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_positions_async (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ReseauNetwork) network = load (fixture);
  ReseauLayout *layout = reseau_layout_new (network, 4);
  AsyncPositions state = { 0, };
  ReseauPoint expected;
  ReseauPoint *saved;

  reseau_layout_set_position (layout, 2, (ReseauPoint) { 3.0f, 4.0f });
  expected = reseau_layout_get_positions (layout)[2];

  /* The layout may go away as soon as the call returns. */
  reseau_database_save_node_positions_async (fixture->database, layout, NULL,
                                             on_positions_saved, &state);
  reseau_layout_free (layout);
  while (!state.saved)
    g_main_context_iteration (NULL, TRUE);

  reseau_database_load_node_positions_async (fixture->database, NULL, on_positions_loaded, &state);
  while (state.positions == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (g_hash_table_size (state.positions), ==, reseau_network_get_n_nodes (network));
  saved = g_hash_table_lookup (state.positions, reseau_network_get_node (network, 2)->key);
  g_assert_cmpfloat (saved->x, ==, expected.x);
  g_assert_cmpfloat (saved->y, ==, expected.y);
  g_hash_table_unref (state.positions);
}

/* The demo ------------------------------------------------------------------------ */

static ReseauNetwork *
demo_network (const char  *dir,
              const char  *name,
              const GDate *today)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(ReseauDatabase) database = reseau_database_new (path);
  g_autoptr(GPtrArray) contacts = reseau_demo_generate (300, 1);
  g_autoptr(GError) error = NULL;
  ReseauNetwork *network;

  g_assert_true (reseau_database_open (database, &error));
  g_assert_true (reseau_database_save_contacts (database, contacts, &error));
  g_assert_no_error (error);
  g_assert_true (reseau_demo_add_relations (database, contacts, 1, today, &error));
  g_assert_no_error (error);

  network = reseau_database_load_network (database, today, &error);
  g_assert_no_error (error);
  return network;
}

static void
test_demo_relations (void)
{
  g_autofree char *dir = reseau_test_make_temp_dir ();
  GDate today = day ("2026-11-18");
  g_autoptr(ReseauNetwork) network = demo_network (dir, "first.db", &today);
  g_autoptr(ReseauNetwork) again = demo_network (dir, "second.db", &today);
  guint by_kind[RESEAU_N_EDGE_KINDS] = { 0, };
  guint n_events = 0;
  guint strong = 0, weak = 0;

  for (guint i = 0; i < reseau_network_get_n_nodes (network); i++)
    {
      const ReseauNetworkNode *node = reseau_network_get_node (network, i);

      n_events += node->kind == RESEAU_NODE_EVENT;
      if (node->kind == RESEAU_NODE_PERSON)
        {
          strong += node->strength >= 50;
          weak += node->strength > 0 && node->strength < 20;
        }
    }
  for (guint e = 0; e < reseau_network_get_n_edges (network); e++)
    by_kind[reseau_network_get_edge (network, e)->kind]++;

  g_assert_cmpuint (n_events, >=, 5);
  g_assert_cmpuint (n_events, <=, 8);
  g_assert_cmpuint (by_kind[RESEAU_EDGE_MET_AT], >=, 5 * 5);
  g_assert_cmpuint (by_kind[RESEAU_EDGE_REFERRAL], >=, 5);
  g_assert_cmpuint (by_kind[RESEAU_EDGE_REFERRAL], <=, 20);
  g_assert_cmpuint (by_kind[RESEAU_EDGE_INTERACTION], >, 50);
  g_assert_cmpuint (by_kind[RESEAU_EDGE_WORKS_AT], >, 50);
  /* Strengths spread: close contacts and fading ones. */
  g_assert_cmpuint (strong, >, 5);
  g_assert_cmpuint (weak, >, 5);

  /* The same seed and day give the same history. */
  g_assert_cmpuint (reseau_network_get_n_nodes (again), ==, reseau_network_get_n_nodes (network));
  g_assert_cmpuint (reseau_network_get_n_edges (again), ==, reseau_network_get_n_edges (network));
  for (guint e = 0; e < reseau_network_get_n_edges (network); e++)
    {
      const ReseauNetworkEdge *a = reseau_network_get_edge (network, e);
      const ReseauNetworkEdge *b = reseau_network_get_edge (again, e);

      g_assert_cmpstr (reseau_network_get_node (network, a->source)->key, ==,
                       reseau_network_get_node (again, b->source)->key);
      g_assert_cmpstr (reseau_network_get_node (network, a->target)->key, ==,
                       reseau_network_get_node (again, b->target)->key);
      g_assert_cmpuint (a->count, ==, b->count);
      g_assert_cmpint (a->days_since, ==, b->days_since);
    }

  reseau_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/database-network/nodes", test_nodes);
  ADD ("/database-network/edges", test_edges);
  ADD ("/database-network/photos", test_photos);
  ADD ("/database-network/load-async", test_load_async);
  ADD ("/database-network/positions-round-trip", test_positions_round_trip);
  ADD ("/database-network/positions-async", test_positions_async);

#undef ADD

  g_test_add_func ("/database-network/demo-relations", test_demo_relations);

  return g_test_run ();
}
