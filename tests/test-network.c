/* test-network.c — the network map's graph: builders, filters, clusters
 *
 * A small network used by most tests:
 *
 *   anne ─works at─ acme ─works at─ bruno        (acme: organization)
 *   anne ─introduced→ chloe ─interaction─ dana ─interaction─ emile
 *   bruno ─met at─ meetup                        (meetup: event)
 *   fanny ─works at─ globex                      (fanny: weak, no tag)
 *
 * Tags: 1 "Client" on anne and chloe; 2 "Partner" on bruno.
 * Strengths: anne 80, bruno 60, chloe 40, dana 30, emile 20, fanny 5.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-core.h"

#define TAG_CLIENT 1
#define TAG_PARTNER 2

static void
set_person (ReseauNetwork *network,
            guint          index,
            guint          strength,
            gint64         tag_id)
{
  ReseauNetworkNode *node = reseau_network_get_node_mut (network, index);

  node->strength = strength;
  if (tag_id != 0)
    {
      node->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (node->tag_ids, tag_id);
    }
}

static ReseauNetwork *
make_small_network (void)
{
  ReseauNetwork *network = reseau_network_new ();
  guint anne = reseau_network_add_node (network, RESEAU_NODE_PERSON, "p:anne", "Anne Martin");
  guint bruno = reseau_network_add_node (network, RESEAU_NODE_PERSON, "p:bruno", "Bruno Petit");
  guint chloe = reseau_network_add_node (network, RESEAU_NODE_PERSON, "p:chloe", "Chloé Durand");
  guint dana = reseau_network_add_node (network, RESEAU_NODE_PERSON, "p:dana", "Dana Weiss");
  guint emile = reseau_network_add_node (network, RESEAU_NODE_PERSON, "p:emile", "Émile Roux");
  guint fanny = reseau_network_add_node (network, RESEAU_NODE_PERSON, "p:fanny", "Fanny Blanc");
  guint acme = reseau_network_add_node (network, RESEAU_NODE_ORGANIZATION, "o:acme", "Acme");
  guint globex = reseau_network_add_node (network, RESEAU_NODE_ORGANIZATION, "o:globex", "Globex");
  guint meetup = reseau_network_add_node (network, RESEAU_NODE_EVENT, "e:1", "Meetup");

  reseau_network_set_tag_name (network, TAG_CLIENT, "Client");
  reseau_network_set_tag_name (network, TAG_PARTNER, "Partner");
  set_person (network, anne, 80, TAG_CLIENT);
  set_person (network, bruno, 60, TAG_PARTNER);
  set_person (network, chloe, 40, TAG_CLIENT);
  set_person (network, dana, 30, 0);
  set_person (network, emile, 20, 0);
  set_person (network, fanny, 5, 0);

  reseau_network_add_edge (network, anne, acme, RESEAU_EDGE_WORKS_AT, 1, -1);
  reseau_network_add_edge (network, bruno, acme, RESEAU_EDGE_WORKS_AT, 1, -1);
  reseau_network_add_edge (network, anne, chloe, RESEAU_EDGE_INTRODUCED, 1, -1);
  reseau_network_add_edge (network, chloe, dana, RESEAU_EDGE_INTERACTION, 2, 10);
  reseau_network_add_edge (network, dana, emile, RESEAU_EDGE_INTERACTION, 1, 40);
  reseau_network_add_edge (network, bruno, meetup, RESEAU_EDGE_MET_AT, 1, 3);
  reseau_network_add_edge (network, fanny, globex, RESEAU_EDGE_WORKS_AT, 1, -1);

  return network;
}

static gboolean
has_node (ReseauNetwork *network,
          const char    *key)
{
  return reseau_network_find_node (network, key) >= 0;
}

/* Builders ------------------------------------------------------------------ */

static void
test_add_node_once_per_key (void)
{
  g_autoptr(ReseauNetwork) network = reseau_network_new ();
  guint first = reseau_network_add_node (network, RESEAU_NODE_PERSON, "p:uid-1", "Élodie Œuvray");
  guint again = reseau_network_add_node (network, RESEAU_NODE_PERSON, "p:uid-1", "Other");
  guint org = reseau_network_add_node (network, RESEAU_NODE_ORGANIZATION, "o:acme", "ACME");
  const ReseauNetworkNode *node = reseau_network_get_node (network, first);

  g_assert_cmpuint (first, ==, again);
  g_assert_cmpuint (reseau_network_get_n_nodes (network), ==, 2);
  g_assert_cmpstr (node->key, ==, "p:uid-1");
  g_assert_cmpstr (node->uid, ==, "uid-1");
  g_assert_cmpstr (node->label, ==, "Élodie Œuvray");
  g_assert_cmpstr (node->initials, ==, "ÉŒ");
  g_assert_cmpint (node->days_since, ==, -1);
  g_assert_cmpuint (node->n_members, ==, 1);
  g_assert_null (reseau_network_get_node (network, org)->uid);
  g_assert_cmpstr (reseau_network_get_node (network, org)->initials, ==, "A");

  g_assert_cmpint (reseau_network_find_node (network, "o:acme"), ==, (int) org);
  g_assert_cmpint (reseau_network_find_node (network, "o:nothing"), ==, -1);
}

static void
test_edges_add_up (void)
{
  g_autoptr(ReseauNetwork) network = reseau_network_new ();
  guint a = reseau_network_add_node (network, RESEAU_NODE_PERSON, "p:a", "A");
  guint b = reseau_network_add_node (network, RESEAU_NODE_PERSON, "p:b", "B");
  const ReseauNetworkEdge *edge;

  reseau_network_add_edge (network, a, b, RESEAU_EDGE_REFERRAL, 1, 30);
  reseau_network_add_edge (network, a, b, RESEAU_EDGE_REFERRAL, 2, 5);
  reseau_network_add_edge (network, a, b, RESEAU_EDGE_REFERRAL, 1, -1);
  /* The other direction of a directed kind is another edge… */
  reseau_network_add_edge (network, b, a, RESEAU_EDGE_REFERRAL, 1, 50);
  /* …but shared interactions have no direction. */
  reseau_network_add_edge (network, a, b, RESEAU_EDGE_INTERACTION, 3, 20);
  reseau_network_add_edge (network, b, a, RESEAU_EDGE_INTERACTION, 1, 12);
  /* A node is not linked to itself. */
  reseau_network_add_edge (network, a, a, RESEAU_EDGE_INTERACTION, 1, 1);

  g_assert_cmpuint (reseau_network_get_n_edges (network), ==, 3);
  edge = reseau_network_get_edge (network, 0);
  g_assert_cmpuint (edge->count, ==, 4);
  g_assert_cmpint (edge->days_since, ==, 5);
  edge = reseau_network_get_edge (network, 1);
  g_assert_cmpuint (edge->source, ==, b);
  g_assert_cmpuint (edge->count, ==, 1);
  edge = reseau_network_get_edge (network, 2);
  g_assert_cmpint (edge->kind, ==, RESEAU_EDGE_INTERACTION);
  g_assert_cmpuint (edge->count, ==, 4);
  g_assert_cmpint (edge->days_since, ==, 12);
}

static void
test_neighbours (void)
{
  g_autoptr(ReseauNetwork) network = make_small_network ();
  int anne = reseau_network_find_node (network, "p:anne");
  int acme = reseau_network_find_node (network, "o:acme");
  g_autoptr(GArray) of_anne = reseau_network_get_neighbours (network, anne);
  g_autoptr(GArray) of_acme = reseau_network_get_neighbours (network, acme);
  g_autoptr(GArray) of_b = NULL;

  g_assert_cmpuint (of_anne->len, ==, 2);
  g_assert_cmpuint (g_array_index (of_anne, guint, 0), ==, acme);
  g_assert_cmpuint (g_array_index (of_anne, guint, 1), ==, reseau_network_find_node (network, "p:chloe"));
  g_assert_cmpuint (of_acme->len, ==, 2);

  /* Linked twice (two kinds), still one neighbour; and the lists follow
   * edges added later. */
  reseau_network_add_edge (network, anne, acme, RESEAU_EDGE_REFERRAL, 1, 2);
  of_b = reseau_network_get_neighbours (network, anne);
  g_assert_cmpuint (of_b->len, ==, 2);
}

/* Filters ------------------------------------------------------------------- */

static void
test_filter_everything (void)
{
  g_autoptr(ReseauNetwork) network = make_small_network ();
  g_autoptr(ReseauNetwork) all = NULL;
  ReseauNetworkFilter filter;

  reseau_network_filter_init (&filter);
  g_assert_cmpint (filter.ego, ==, -1);
  all = reseau_network_filter (network, &filter);

  g_assert_cmpuint (reseau_network_get_n_nodes (all), ==, reseau_network_get_n_nodes (network));
  g_assert_cmpuint (reseau_network_get_n_edges (all), ==, reseau_network_get_n_edges (network));
  g_assert_cmpstr (reseau_network_get_node (all, 2)->label, ==, "Chloé Durand");
  g_assert_cmpuint (reseau_network_get_node (all, 2)->strength, ==, 40);
  g_assert_cmpstr (reseau_network_get_tag_name (all, TAG_CLIENT), ==, "Client");
}

static void
test_filter_by_tag (void)
{
  g_autoptr(ReseauNetwork) network = make_small_network ();
  g_autoptr(ReseauNetwork) clients = NULL;
  ReseauNetworkFilter filter;

  reseau_network_filter_init (&filter);
  filter.tag_id = TAG_CLIENT;
  clients = reseau_network_filter (network, &filter);

  /* Anne and Chloé, and Acme because Anne works there; no Globex (only
   * Fanny, hidden, works there), no meetup (only Bruno went). */
  g_assert_cmpuint (reseau_network_get_n_nodes (clients), ==, 3);
  g_assert_true (has_node (clients, "p:anne"));
  g_assert_true (has_node (clients, "p:chloe"));
  g_assert_true (has_node (clients, "o:acme"));
  g_assert_false (has_node (clients, "o:globex"));
  g_assert_false (has_node (clients, "e:1"));
  /* anne → acme and anne → chloé */
  g_assert_cmpuint (reseau_network_get_n_edges (clients), ==, 2);
}

static void
test_filter_by_strength (void)
{
  g_autoptr(ReseauNetwork) network = make_small_network ();
  g_autoptr(ReseauNetwork) strong = NULL;
  ReseauNetworkFilter filter;

  reseau_network_filter_init (&filter);
  filter.min_strength = 40;
  strong = reseau_network_filter (network, &filter);

  g_assert_true (has_node (strong, "p:anne"));
  g_assert_true (has_node (strong, "p:bruno"));
  g_assert_true (has_node (strong, "p:chloe"));
  g_assert_false (has_node (strong, "p:dana"));
  g_assert_false (has_node (strong, "p:emile"));
  g_assert_false (has_node (strong, "p:fanny"));
  g_assert_true (has_node (strong, "o:acme"));
  g_assert_true (has_node (strong, "e:1"));
  g_assert_false (has_node (strong, "o:globex"));
  g_assert_cmpuint (reseau_network_get_n_nodes (strong), ==, 5);
}

static ReseauNetwork *
ego_of (ReseauNetwork *network,
        const char    *key,
        guint          hops)
{
  ReseauNetworkFilter filter;

  reseau_network_filter_init (&filter);
  filter.ego = reseau_network_find_node (network, key);
  filter.ego_hops = hops;

  return reseau_network_filter (network, &filter);
}

static void
test_filter_ego_network (void)
{
  g_autoptr(ReseauNetwork) network = make_small_network ();
  g_autoptr(ReseauNetwork) zero = ego_of (network, "p:chloe", 0);
  g_autoptr(ReseauNetwork) one = ego_of (network, "p:chloe", 1);
  g_autoptr(ReseauNetwork) two = ego_of (network, "p:chloe", 2);
  g_autoptr(ReseauNetwork) three = ego_of (network, "p:chloe", 3);

  g_assert_cmpuint (reseau_network_get_n_nodes (zero), ==, 1);
  g_assert_true (has_node (zero, "p:chloe"));

  /* Chloé, Anne who introduced her, Dana she meets. */
  g_assert_cmpuint (reseau_network_get_n_nodes (one), ==, 3);
  g_assert_true (has_node (one, "p:anne"));
  g_assert_true (has_node (one, "p:dana"));
  g_assert_cmpuint (reseau_network_get_n_edges (one), ==, 2);

  /* Two hops: Acme (through Anne) and Émile (through Dana). */
  g_assert_cmpuint (reseau_network_get_n_nodes (two), ==, 5);
  g_assert_true (has_node (two, "o:acme"));
  g_assert_true (has_node (two, "p:emile"));
  g_assert_false (has_node (two, "p:bruno"));

  /* Three: Bruno, Anne's colleague; not yet the meetup he went to, and
   * never Fanny or Globex, which are not connected. */
  g_assert_true (has_node (three, "p:bruno"));
  g_assert_false (has_node (three, "e:1"));
  g_assert_false (has_node (three, "p:fanny"));
  g_assert_false (has_node (three, "o:globex"));
}

static void
test_filter_ego_respects_other_criteria (void)
{
  g_autoptr(ReseauNetwork) network = make_small_network ();
  g_autoptr(ReseauNetwork) filtered = NULL;
  ReseauNetworkFilter filter;

  /* Dana (30) is below 35: she neither shows nor connects Chloé to Émile. */
  reseau_network_filter_init (&filter);
  filter.ego = reseau_network_find_node (network, "p:chloe");
  filter.ego_hops = 3;
  filter.min_strength = 35;
  filtered = reseau_network_filter (network, &filter);

  g_assert_true (has_node (filtered, "p:chloe"));
  g_assert_true (has_node (filtered, "p:anne"));
  g_assert_false (has_node (filtered, "p:dana"));
  g_assert_false (has_node (filtered, "p:emile"));
  g_assert_true (has_node (filtered, "p:bruno"));
}

static void
test_filter_ego_organization (void)
{
  g_autoptr(ReseauNetwork) network = make_small_network ();
  g_autoptr(ReseauNetwork) acme = ego_of (network, "o:acme", 1);

  g_assert_cmpuint (reseau_network_get_n_nodes (acme), ==, 3);
  g_assert_true (has_node (acme, "o:acme"));
  g_assert_true (has_node (acme, "p:anne"));
  g_assert_true (has_node (acme, "p:bruno"));
}

/* Clustering ------------------------------------------------------------------ */

/* n people; 70 % in one of n_orgs organizations, then 20 % with one of
 * ten tags, the rest with neither; a few events; interactions between
 * neighbours in index order. */
static ReseauNetwork *
make_big_network (guint n,
                  guint n_orgs)
{
  ReseauNetwork *network = reseau_network_new ();
  guint32 state = 7;

  for (guint t = 1; t <= 10; t++)
    {
      g_autofree char *name = g_strdup_printf ("Tag %u", t);

      reseau_network_set_tag_name (network, t, name);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("p:%u", i);
      guint index = reseau_network_add_node (network, RESEAU_NODE_PERSON, key, "Some One");
      ReseauNetworkNode *node = reseau_network_get_node_mut (network, index);

      node->strength = i % 100;
      node->days_since = (int) (i % 365);
      if (i % 10 >= 7 && i % 10 < 9)
        {
          gint64 tag = 1 + (i / 10) % 10;

          node->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_array_append_val (node->tag_ids, tag);
        }
    }

  for (guint o = 0; o < n_orgs; o++)
    {
      g_autofree char *key = g_strdup_printf ("o:org %u", o);
      g_autofree char *label = g_strdup_printf ("Org %u", o);

      reseau_network_add_node (network, RESEAU_NODE_ORGANIZATION, key, label);
    }
  for (guint e = 0; e < 5; e++)
    {
      g_autofree char *key = g_strdup_printf ("e:%u", e);

      reseau_network_add_node (network, RESEAU_NODE_EVENT, key, "Event");
    }

  for (guint i = 0; i < n; i++)
    {
      if (i % 10 < 7)
        reseau_network_add_edge (network, i, n + (i / 10) % n_orgs, RESEAU_EDGE_WORKS_AT, 1, -1);
      state = state * 1103515245u + 12345u;
      reseau_network_add_edge (network, i, (i + 1 + (state >> 8) % 50) % n,
                               RESEAU_EDGE_INTERACTION, 1, (int) (state >> 24));
      if (i % 50 == 0)
        reseau_network_add_edge (network, i, n + n_orgs + (i / 50) % 5, RESEAU_EDGE_MET_AT, 1, 4);
    }

  return network;
}

static void
test_cluster_small_network_unchanged (void)
{
  g_autoptr(ReseauNetwork) network = make_small_network ();
  g_autoptr(ReseauNetwork) same = reseau_network_cluster (network, 100, NULL);

  g_assert_true (same == network);
}

static void
test_cluster_folds_big_network (void)
{
  g_autoptr(ReseauNetwork) network = make_big_network (20000, 300);
  g_autoptr(ReseauNetwork) clustered = reseau_network_cluster (network, 2000, NULL);
  guint n_nodes = reseau_network_get_n_nodes (clustered);
  guint members = 0;
  guint people = 0;
  int org7;
  const ReseauNetworkNode *node;

  /* 300 organizations, 10 tags, "Others" and 5 events. */
  g_assert_cmpuint (n_nodes, ==, 300 + 10 + 1 + 5);
  g_assert_cmpuint (reseau_network_get_n_edges (clustered), >, 0);

  for (guint i = 0; i < n_nodes; i++)
    {
      node = reseau_network_get_node (clustered, i);
      g_assert_cmpint (node->kind, !=, RESEAU_NODE_PERSON);
      g_assert_cmpint (node->kind, !=, RESEAU_NODE_ORGANIZATION);
      if (node->kind == RESEAU_NODE_CLUSTER)
        members += node->n_members;
    }
  for (guint i = 0; i < reseau_network_get_n_nodes (network); i++)
    people += reseau_network_get_node (network, i)->kind == RESEAU_NODE_PERSON;
  g_assert_cmpuint (members, ==, people);

  org7 = reseau_network_find_node (clustered, "g:o:org 7");
  g_assert_cmpint (org7, >=, 0);
  node = reseau_network_get_node (clustered, org7);
  /* People 70–76, 3070–3076, … 18070–18076: 7 × 7. */
  g_assert_cmpuint (node->n_members, ==, 49);
  g_assert_cmpstr (node->label, ==, "Org 7 (49 people)");
  g_assert_cmpuint (node->strength, >, 0);

  node = reseau_network_get_node (clustered, reseau_network_find_node (clustered, "g:t:3"));
  g_assert_cmpstr (node->label, ==, "Tag 3 (400 people)");
  node = reseau_network_get_node (clustered, reseau_network_find_node (clustered, "g:others"));
  g_assert_cmpuint (node->n_members, ==, 2000);
  g_assert_cmpstr (node->label, ==, "Others (2000 people)");

  /* Edges between clusters add up, none inside one. */
  for (guint e = 0; e < reseau_network_get_n_edges (clustered); e++)
    {
      const ReseauNetworkEdge *edge = reseau_network_get_edge (clustered, e);

      g_assert_cmpuint (edge->source, !=, edge->target);
      g_assert_cmpuint (edge->count, >=, 1);
    }
}

static void
test_cluster_expand (void)
{
  g_autoptr(ReseauNetwork) network = make_big_network (20000, 300);
  g_autoptr(ReseauNetwork) folded = reseau_network_cluster (network, 2000, NULL);
  g_autoptr(GHashTable) expanded = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ReseauNetwork) unfolded = NULL;
  int org;

  g_hash_table_add (expanded, (gpointer) "g:o:org 7");
  unfolded = reseau_network_cluster (network, 2000, expanded);

  /* The cluster gives way to its 49 people and the organization itself. */
  g_assert_cmpuint (reseau_network_get_n_nodes (unfolded), ==,
                    reseau_network_get_n_nodes (folded) - 1 + 49 + 1);
  g_assert_cmpint (reseau_network_find_node (unfolded, "g:o:org 7"), ==, -1);
  org = reseau_network_find_node (unfolded, "o:org 7");
  g_assert_cmpint (org, >=, 0);
  g_assert_true (has_node (unfolded, "p:70"));
  g_assert_true (has_node (unfolded, "p:3076"));
  g_assert_false (has_node (unfolded, "p:77"));
  g_assert_cmpuint (reseau_network_get_node (unfolded, reseau_network_find_node (unfolded, "p:70"))->strength,
                    ==, 70);

  {
    g_autoptr(GArray) staff = reseau_network_get_neighbours (unfolded, org);

    g_assert_cmpuint (staff->len, ==, 49);
  }
}

static void
test_cluster_aggregates_edges (void)
{
  g_autoptr(ReseauNetwork) network = reseau_network_new ();
  g_autoptr(ReseauNetwork) clustered = NULL;
  guint acme = reseau_network_add_node (network, RESEAU_NODE_ORGANIZATION, "o:acme", "Acme");
  guint globex = reseau_network_add_node (network, RESEAU_NODE_ORGANIZATION, "o:globex", "Globex");
  guint people[4];
  int g_acme, g_globex;
  const ReseauNetworkEdge *edge;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *key = g_strdup_printf ("p:%u", i);

      people[i] = reseau_network_add_node (network, RESEAU_NODE_PERSON, key, key);
      reseau_network_add_edge (network, people[i], i < 2 ? acme : globex,
                               RESEAU_EDGE_WORKS_AT, 1, -1);
    }
  /* 0 and 1 at Acme, 2 and 3 at Globex; three interactions across, one inside. */
  reseau_network_add_edge (network, people[0], people[2], RESEAU_EDGE_INTERACTION, 2, 30);
  reseau_network_add_edge (network, people[1], people[3], RESEAU_EDGE_INTERACTION, 1, 8);
  reseau_network_add_edge (network, people[0], people[1], RESEAU_EDGE_INTERACTION, 5, 1);

  clustered = reseau_network_cluster (network, 3, NULL);
  g_assert_cmpuint (reseau_network_get_n_nodes (clustered), ==, 2);
  g_acme = reseau_network_find_node (clustered, "g:o:acme");
  g_globex = reseau_network_find_node (clustered, "g:o:globex");
  g_assert_cmpint (g_acme, >=, 0);
  g_assert_cmpint (g_globex, >=, 0);
  g_assert_cmpuint (reseau_network_get_node (clustered, g_acme)->n_members, ==, 2);
  g_assert_cmpstr (reseau_network_get_node (clustered, g_acme)->label, ==, "Acme (2 people)");

  g_assert_cmpuint (reseau_network_get_n_edges (clustered), ==, 1);
  edge = reseau_network_get_edge (clustered, 0);
  g_assert_cmpint (edge->kind, ==, RESEAU_EDGE_INTERACTION);
  g_assert_cmpuint (edge->count, ==, 3);
  g_assert_cmpint (edge->days_since, ==, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/network/add-node-once-per-key", test_add_node_once_per_key);
  g_test_add_func ("/network/edges-add-up", test_edges_add_up);
  g_test_add_func ("/network/neighbours", test_neighbours);
  g_test_add_func ("/network/filter/everything", test_filter_everything);
  g_test_add_func ("/network/filter/tag", test_filter_by_tag);
  g_test_add_func ("/network/filter/strength", test_filter_by_strength);
  g_test_add_func ("/network/filter/ego", test_filter_ego_network);
  g_test_add_func ("/network/filter/ego-with-criteria", test_filter_ego_respects_other_criteria);
  g_test_add_func ("/network/filter/ego-organization", test_filter_ego_organization);
  g_test_add_func ("/network/cluster/small-unchanged", test_cluster_small_network_unchanged);
  g_test_add_func ("/network/cluster/folds-big-network", test_cluster_folds_big_network);
  g_test_add_func ("/network/cluster/expand", test_cluster_expand);
  g_test_add_func ("/network/cluster/aggregates-edges", test_cluster_aggregates_edges);

  return g_test_run ();
}
