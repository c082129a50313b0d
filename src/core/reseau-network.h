/* reseau-network.h — the professional network as a graph, for the map
 *
 * Nodes are contacts (people), organizations and events; edges say how two
 * nodes are linked. The graph is read once from the database (see
 * reseau_database_load_network() in reseau-database-network.h), then
 * filtered, clustered, laid out (reseau-layout.h) and drawn by the UI.
 * Nothing here knows about GTK.
 *
 * Organizations are one node per organization name (accent- and
 * case-folded), whether or not an organization card exists for it; a
 * person who works there has a WORKS_AT edge to it, which draws "works at
 * the same organization" without a clique of person-to-person edges.
 * Events work the same way with MET_AT.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RESEAU_NODE_PERSON,
  RESEAU_NODE_ORGANIZATION,
  RESEAU_NODE_EVENT,
  RESEAU_NODE_CLUSTER,        /* a collapsed group of nodes (see clustering) */
} ReseauNodeKind;

typedef enum
{
  RESEAU_EDGE_INTRODUCED,     /* source introduced target (directed) */
  RESEAU_EDGE_REFERRAL,       /* source recommended target or to target (directed) */
  RESEAU_EDGE_WORKS_AT,       /* person → organization */
  RESEAU_EDGE_MET_AT,         /* person → event */
  RESEAU_EDGE_INTERACTION,    /* took part in the same interactions */
  RESEAU_N_EDGE_KINDS
} ReseauEdgeKind;

typedef struct
{
  ReseauNodeKind  kind;
  char           *key;          /* stable across runs: "p:UID", "o:folded name", "e:ID", "g:…" */
  char           *uid;          /* people: the contact's UID; NULL otherwise */
  char           *label;        /* display name, organization name, event name */
  char           *initials;     /* one or two letters for the avatar */
  guint           strength;     /* people: 0–100 on the day loaded; others 0 */
  int             days_since;   /* days since the latest interaction; -1: never */
  guint           n_members;    /* clusters: how many nodes it stands for; else 1 */
  GArray         *tag_ids;      /* gint64, people's tags; may be NULL */
  gboolean        has_photo;    /* people: the contact has a photo (loaded apart) */
} ReseauNetworkNode;

typedef struct
{
  guint          source;        /* node indices */
  guint          target;
  ReseauEdgeKind kind;
  guint          count;         /* referrals or shared interactions; ≥ 1 */
  int            days_since;    /* recency of the link; -1: unknown */
} ReseauNetworkEdge;

typedef struct _ReseauNetwork ReseauNetwork;

ReseauNetwork           *reseau_network_new             (void);
ReseauNetwork           *reseau_network_ref             (ReseauNetwork *self);
void                     reseau_network_unref           (ReseauNetwork *self);

/* Builders (the database and tests use them). Adding returns the index;
 * a node with a key already present is not added twice: its index is
 * returned. A person keyed "p:UID" gets uid; every node gets initials
 * from its label. get_node_mut()'s pointer is valid until the next
 * add_node(). Edges between the same two nodes of the same kind add up
 * their counts and keep the most recent days_since; INTERACTION edges
 * have no direction (a–b and b–a are one edge); an edge from a node to
 * itself is ignored. */
guint                    reseau_network_add_node        (ReseauNetwork       *self,
                                                         ReseauNodeKind       kind,
                                                         const char          *key,
                                                         const char          *label);
ReseauNetworkNode       *reseau_network_get_node_mut    (ReseauNetwork       *self,
                                                         guint                index);
void                     reseau_network_add_edge        (ReseauNetwork       *self,
                                                         guint                source,
                                                         guint                target,
                                                         ReseauEdgeKind       kind,
                                                         guint                count,
                                                         int                  days_since);

guint                    reseau_network_get_n_nodes     (ReseauNetwork       *self);
const ReseauNetworkNode *reseau_network_get_node        (ReseauNetwork       *self,
                                                         guint                index);
guint                    reseau_network_get_n_edges     (ReseauNetwork       *self);
const ReseauNetworkEdge *reseau_network_get_edge        (ReseauNetwork       *self,
                                                         guint                index);
/* -1 when there is no such node. */
int                      reseau_network_find_node       (ReseauNetwork       *self,
                                                         const char          *key);
/* The indices of the node's neighbours (either direction), GArray of guint. */
GArray                  *reseau_network_get_neighbours  (ReseauNetwork       *self,
                                                         guint                index);

/* Tag names, for the labels of tag clusters; the database sets them.
 * Filtered and clustered networks carry them over. */
void                     reseau_network_set_tag_name    (ReseauNetwork       *self,
                                                         gint64               tag_id,
                                                         const char          *name);
/* NULL when unknown. */
const char              *reseau_network_get_tag_name    (ReseauNetwork       *self,
                                                         gint64               tag_id);

/* A translated "Last interaction 12 days ago" for a node's or an edge's
 * days_since ("No interaction logged yet" for -1). */
char                    *reseau_network_describe_recency (int days_since);

/* Filters --------------------------------------------------------------------- */

typedef struct
{
  gint64      tag_id;         /* 0: any; else people must carry this tag */
  guint       min_strength;   /* people below it are hidden; 0: none hidden */
  int         ego;            /* node index, or -1: the whole network */
  guint       ego_hops;       /* with ego: neighbours up to this many hops */
} ReseauNetworkFilter;

/* The ego network walks every kind of edge (a colleague is two hops
 * away, through the organization) but only through nodes that pass the
 * tag and strength criteria; the ego itself always stays. */

void                     reseau_network_filter_init     (ReseauNetworkFilter *filter);
/* A new network holding only the nodes that pass (organizations and events
 * stay when a visible person links to them) and the edges between them;
 * every node keeps its key, so layouts carry over by key. */
ReseauNetwork           *reseau_network_filter          (ReseauNetwork             *self,
                                                         const ReseauNetworkFilter *filter);

/* Clustering for big networks ------------------------------------------------------ */

/* Above max_nodes, people are folded into one CLUSTER node per
 * organization (else per first tag, else one "Others" cluster), except
 * the groups whose key is in expanded (a set of cluster keys; may be
 * NULL). A cluster's edges are the sum of its members' edges. Returns a
 * new reference to self when it has at most max_nodes nodes.
 *
 * Cluster keys: "g:" + the organization's key ("g:o:acme"; the
 * organization node is folded in with its people), "g:t:" + tag id,
 * "g:others". A group of one person without an organization is not
 * folded (it would save nothing). The label reads "Acme (12 people)";
 * strength is the strongest member's, days_since the most recent. */
ReseauNetwork           *reseau_network_cluster         (ReseauNetwork       *self,
                                                         guint                max_nodes,
                                                         GHashTable          *expanded);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauNetwork, reseau_network_unref)

G_END_DECLS
