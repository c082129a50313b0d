/* reseau-network.c — the professional network as a graph (see the header)
 *
 * Nodes and edges live in two GArrays; a hash table finds a node by key
 * and another merges repeated edges. Neighbour lists are built lazily as
 * one compressed array (offsets + indices) and dropped when the graph
 * changes: the graph is built once and then only read, by the filters,
 * the clustering and the layout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reseau-network.h"

struct _ReseauNetwork
{
  gatomicrefcount  ref_count;

  GArray          *nodes;          /* ReseauNetworkNode */
  GArray          *edges;          /* ReseauNetworkEdge */
  GHashTable      *node_by_key;    /* key (borrowed from the node) → index + 1 */
  /* Open addressing over the edges, by (source, target, kind): slots hold
   * an edge index + 1, or 0. A table of its own rather than a GHashTable,
   * so that the tens of thousands of edges of a big network cost no
   * allocation each. */
  guint           *edge_slots;
  guint            edge_mask;      /* number of slots − 1, a power of two minus one */
  GHashTable      *tag_names;      /* gint64 * → char * */

  /* Neighbours of node i: adjacency[adjacency_start[i] … adjacency_start[i + 1]).
   * Built on first use, under the lock: a built network is only read,
   * and may be read from several threads (the map's layout runs on one). */
  GMutex           adjacency_lock;
  guint           *adjacency_start;
  guint           *adjacency;
};

typedef struct
{
  guint          source;
  guint          target;
  ReseauEdgeKind kind;
} EdgeKey;

static gboolean
edge_kind_is_directed (ReseauEdgeKind kind)
{
  return kind != RESEAU_EDGE_INTERACTION;
}

/* Shared interactions go both ways: a–b and b–a are one edge. */
static EdgeKey
edge_key (guint          source,
          guint          target,
          ReseauEdgeKind kind)
{
  EdgeKey key = { source, target, kind };

  if (!edge_kind_is_directed (kind) && source > target)
    {
      key.source = target;
      key.target = source;
    }

  return key;
}

static guint
edge_key_hash (const EdgeKey *key)
{
  guint64 h = ((guint64) key->source << 32 | key->target) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  return (guint) (h >> 32) ^ (guint) h ^ (key->kind * 0x85EBCA6Bu);
}

/* The slot that holds the edge, or the empty slot where it would go. */
static guint
edge_slot (ReseauNetwork *self,
           const EdgeKey *key)
{
  guint slot = edge_key_hash (key) & self->edge_mask;

  for (;;)
    {
      guint held = self->edge_slots[slot];
      const ReseauNetworkEdge *edge;
      EdgeKey other;

      if (held == 0)
        return slot;

      edge = &g_array_index (self->edges, ReseauNetworkEdge, held - 1);
      other = edge_key (edge->source, edge->target, edge->kind);
      if (other.source == key->source && other.target == key->target && other.kind == key->kind)
        return slot;

      slot = (slot + 1) & self->edge_mask;
    }
}

/* Keeps the table at most half full. */
static void
grow_edge_slots (ReseauNetwork *self)
{
  guint n_slots = self->edge_mask + 1;

  if (self->edges->len * 2 < n_slots)
    return;

  g_free (self->edge_slots);
  n_slots *= 2;
  self->edge_slots = g_new0 (guint, n_slots);
  self->edge_mask = n_slots - 1;

  for (guint i = 0; i < self->edges->len; i++)
    {
      const ReseauNetworkEdge *edge = &g_array_index (self->edges, ReseauNetworkEdge, i);
      EdgeKey key = edge_key (edge->source, edge->target, edge->kind);

      self->edge_slots[edge_slot (self, &key)] = i + 1;
    }
}

static void
node_clear (gpointer data)
{
  ReseauNetworkNode *node = data;

  g_clear_pointer (&node->key, g_free);
  g_clear_pointer (&node->uid, g_free);
  g_clear_pointer (&node->label, g_free);
  g_clear_pointer (&node->initials, g_free);
  g_clear_pointer (&node->tag_ids, g_array_unref);
}

static void
drop_adjacency (ReseauNetwork *self)
{
  g_clear_pointer (&self->adjacency_start, g_free);
  g_clear_pointer (&self->adjacency, g_free);
}

ReseauNetwork *
reseau_network_new (void)
{
  ReseauNetwork *self = g_new0 (ReseauNetwork, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->adjacency_lock);
  self->nodes = g_array_new (FALSE, TRUE, sizeof (ReseauNetworkNode));
  g_array_set_clear_func (self->nodes, node_clear);
  self->edges = g_array_new (FALSE, TRUE, sizeof (ReseauNetworkEdge));
  self->node_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->edge_mask = 63;
  self->edge_slots = g_new0 (guint, self->edge_mask + 1);
  self->tag_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  return self;
}

ReseauNetwork *
reseau_network_ref (ReseauNetwork *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
reseau_network_unref (ReseauNetwork *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  drop_adjacency (self);
  g_mutex_clear (&self->adjacency_lock);
  g_hash_table_unref (self->node_by_key);
  g_free (self->edge_slots);
  g_hash_table_unref (self->tag_names);
  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  g_free (self);
}

/* The first letter of the first word and of the last one, in capitals:
 * what the map draws inside a node that has no photo. */
static char *
make_initials (const char *label)
{
  gunichar first = 0;
  gunichar last = 0;
  gboolean at_word_start = TRUE;
  GString *initials;

  if (label == NULL)
    return g_strdup ("");

  for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        {
          at_word_start = TRUE;
          continue;
        }

      if (at_word_start)
        {
          if (first == 0)
            first = c;
          else
            last = c;
        }
      at_word_start = FALSE;
    }

  initials = g_string_new (NULL);
  if (first != 0)
    g_string_append_unichar (initials, g_unichar_toupper (first));
  if (last != 0)
    g_string_append_unichar (initials, g_unichar_toupper (last));

  return g_string_free (initials, FALSE);
}

guint
reseau_network_add_node (ReseauNetwork  *self,
                         ReseauNodeKind  kind,
                         const char     *key,
                         const char     *label)
{
  ReseauNetworkNode node = { 0, };
  ReseauNetworkNode *stored;
  gpointer found;
  guint index;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (key != NULL, 0);

  found = g_hash_table_lookup (self->node_by_key, key);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  node.kind = kind;
  node.key = g_strdup (key);
  if (kind == RESEAU_NODE_PERSON && g_str_has_prefix (key, "p:"))
    node.uid = g_strdup (key + 2);
  node.label = g_strdup (label != NULL ? label : "");
  node.initials = make_initials (label);
  node.days_since = -1;
  node.n_members = 1;

  index = self->nodes->len;
  g_array_append_val (self->nodes, node);
  stored = &g_array_index (self->nodes, ReseauNetworkNode, index);
  g_hash_table_insert (self->node_by_key, stored->key, GUINT_TO_POINTER (index + 1));
  drop_adjacency (self);

  return index;
}

ReseauNetworkNode *
reseau_network_get_node_mut (ReseauNetwork *self,
                             guint          index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->nodes->len, NULL);

  return &g_array_index (self->nodes, ReseauNetworkNode, index);
}

void
reseau_network_add_edge (ReseauNetwork  *self,
                         guint           source,
                         guint           target,
                         ReseauEdgeKind  kind,
                         guint           count,
                         int             days_since)
{
  ReseauNetworkEdge edge;
  EdgeKey key;
  guint slot;

  g_return_if_fail (self != NULL);
  g_return_if_fail (source < self->nodes->len);
  g_return_if_fail (target < self->nodes->len);
  g_return_if_fail (kind < RESEAU_N_EDGE_KINDS);

  /* A node linked to itself draws nothing and only confuses the layout. */
  if (source == target)
    return;

  count = MAX (count, 1);
  key = edge_key (source, target, kind);
  slot = edge_slot (self, &key);
  if (self->edge_slots[slot] != 0)
    {
      ReseauNetworkEdge *existing = &g_array_index (self->edges, ReseauNetworkEdge,
                                                    self->edge_slots[slot] - 1);

      existing->count += count;
      if (days_since >= 0 && (existing->days_since < 0 || days_since < existing->days_since))
        existing->days_since = days_since;
      return;
    }

  edge.source = source;
  edge.target = target;
  edge.kind = kind;
  edge.count = count;
  edge.days_since = days_since < 0 ? -1 : days_since;
  g_array_append_val (self->edges, edge);
  self->edge_slots[slot] = self->edges->len;
  grow_edge_slots (self);
  drop_adjacency (self);
}

guint
reseau_network_get_n_nodes (ReseauNetwork *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->nodes->len;
}

const ReseauNetworkNode *
reseau_network_get_node (ReseauNetwork *self,
                         guint          index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->nodes->len, NULL);

  return &g_array_index (self->nodes, ReseauNetworkNode, index);
}

guint
reseau_network_get_n_edges (ReseauNetwork *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->edges->len;
}

const ReseauNetworkEdge *
reseau_network_get_edge (ReseauNetwork *self,
                         guint          index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->edges->len, NULL);

  return &g_array_index (self->edges, ReseauNetworkEdge, index);
}

int
reseau_network_find_node (ReseauNetwork *self,
                          const char    *key)
{
  gpointer found;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (key != NULL, -1);

  found = g_hash_table_lookup (self->node_by_key, key);

  return found != NULL ? (int) GPOINTER_TO_UINT (found) - 1 : -1;
}

void
reseau_network_set_tag_name (ReseauNetwork *self,
                             gint64         tag_id,
                             const char    *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  g_hash_table_replace (self->tag_names, g_memdup2 (&tag_id, sizeof tag_id), g_strdup (name));
}

const char *
reseau_network_get_tag_name (ReseauNetwork *self,
                             gint64         tag_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_hash_table_lookup (self->tag_names, &tag_id);
}

static void
copy_tag_names (ReseauNetwork *to,
                ReseauNetwork *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from->tag_names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    reseau_network_set_tag_name (to, *(gint64 *) key, value);
}

/* Counting sort of both ends of every edge: neighbours come out in edge
 * order, which keeps every walk over them deterministic. */
static void
build_adjacency (ReseauNetwork *self)
{
  guint n_nodes = self->nodes->len;
  guint n_edges = self->edges->len;
  g_autofree guint *fill = NULL;

  self->adjacency_start = g_new0 (guint, n_nodes + 1);
  self->adjacency = g_new (guint, MAX (2 * n_edges, 1));

  for (guint i = 0; i < n_edges; i++)
    {
      const ReseauNetworkEdge *edge = &g_array_index (self->edges, ReseauNetworkEdge, i);

      self->adjacency_start[edge->source + 1]++;
      self->adjacency_start[edge->target + 1]++;
    }
  for (guint i = 0; i < n_nodes; i++)
    self->adjacency_start[i + 1] += self->adjacency_start[i];

  fill = g_memdup2 (self->adjacency_start, sizeof (guint) * (n_nodes + 1));
  for (guint i = 0; i < n_edges; i++)
    {
      const ReseauNetworkEdge *edge = &g_array_index (self->edges, ReseauNetworkEdge, i);

      self->adjacency[fill[edge->source]++] = edge->target;
      self->adjacency[fill[edge->target]++] = edge->source;
    }
}

static void
ensure_adjacency (ReseauNetwork *self)
{
  g_mutex_lock (&self->adjacency_lock);
  if (self->adjacency_start == NULL)
    build_adjacency (self);
  g_mutex_unlock (&self->adjacency_lock);
}

GArray *
reseau_network_get_neighbours (ReseauNetwork *self,
                               guint          index)
{
  GArray *neighbours;
  guint start, end;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->nodes->len, NULL);

  ensure_adjacency (self);
  start = self->adjacency_start[index];
  end = self->adjacency_start[index + 1];

  neighbours = g_array_sized_new (FALSE, FALSE, sizeof (guint), end - start);
  for (guint i = start; i < end; i++)
    {
      guint other = self->adjacency[i];
      gboolean seen = FALSE;

      /* Two nodes linked by several kinds of edge are still one neighbour. */
      for (guint j = 0; j < neighbours->len && !seen; j++)
        seen = g_array_index (neighbours, guint, j) == other;
      if (!seen)
        g_array_append_val (neighbours, other);
    }

  return neighbours;
}

/* Copying ----------------------------------------------------------------------- */

static guint
copy_node (ReseauNetwork           *to,
           const ReseauNetworkNode *node)
{
  guint index = reseau_network_add_node (to, node->kind, node->key, node->label);
  ReseauNetworkNode *copy = reseau_network_get_node_mut (to, index);

  g_free (copy->uid);
  copy->uid = g_strdup (node->uid);
  g_free (copy->initials);
  copy->initials = g_strdup (node->initials);
  copy->strength = node->strength;
  copy->days_since = node->days_since;
  copy->n_members = node->n_members;
  copy->has_photo = node->has_photo;
  if (node->tag_ids != NULL)
    {
      copy->tag_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), node->tag_ids->len);
      g_array_append_vals (copy->tag_ids, node->tag_ids->data, node->tag_ids->len);
    }

  return index;
}

/* A new network of the nodes whose new_index is not -1, in their old
 * order, and the edges between them. */
static ReseauNetwork *
copy_subset (ReseauNetwork *self,
             const int     *keep)
{
  ReseauNetwork *subset = reseau_network_new ();
  g_autofree int *new_index = g_new (int, MAX (self->nodes->len, 1));

  copy_tag_names (subset, self);

  for (guint i = 0; i < self->nodes->len; i++)
    new_index[i] = keep[i] ? (int) copy_node (subset, reseau_network_get_node (self, i)) : -1;

  for (guint i = 0; i < self->edges->len; i++)
    {
      const ReseauNetworkEdge *edge = &g_array_index (self->edges, ReseauNetworkEdge, i);

      if (new_index[edge->source] >= 0 && new_index[edge->target] >= 0)
        reseau_network_add_edge (subset, new_index[edge->source], new_index[edge->target],
                                 edge->kind, edge->count, edge->days_since);
    }

  return subset;
}

/* Filters ------------------------------------------------------------------------ */

void
reseau_network_filter_init (ReseauNetworkFilter *filter)
{
  g_return_if_fail (filter != NULL);

  filter->tag_id = 0;
  filter->min_strength = 0;
  filter->ego = -1;
  filter->ego_hops = 1;
}

static gboolean
node_has_tag (const ReseauNetworkNode *node,
              gint64                   tag_id)
{
  if (node->tag_ids == NULL)
    return FALSE;

  for (guint i = 0; i < node->tag_ids->len; i++)
    if (g_array_index (node->tag_ids, gint64, i) == tag_id)
      return TRUE;

  return FALSE;
}

/* Whether a node may be shown at all by the tag and strength criteria.
 * Organizations and events are decided later, by the people around them;
 * a cluster stands for people the filters cannot see, so it stays. */
static gboolean
node_passes (const ReseauNetworkNode   *node,
             const ReseauNetworkFilter *filter)
{
  if (node->kind != RESEAU_NODE_PERSON)
    return TRUE;
  if (filter->tag_id != 0 && !node_has_tag (node, filter->tag_id))
    return FALSE;
  if (node->strength < filter->min_strength)
    return FALSE;

  return TRUE;
}

/* Marks the nodes within hops of ego, walking only through nodes that
 * pass: a hidden person does not connect two visible ones. */
static void
mark_ego_network (ReseauNetwork             *self,
                  const ReseauNetworkFilter *filter,
                  int                       *keep)
{
  guint n_nodes = self->nodes->len;
  g_autofree guint *queue = g_new (guint, n_nodes);
  g_autofree guint *depth = g_new (guint, n_nodes);
  guint head = 0;
  guint tail = 0;

  ensure_adjacency (self);

  for (guint i = 0; i < n_nodes; i++)
    keep[i] = FALSE;

  keep[filter->ego] = TRUE;
  depth[filter->ego] = 0;
  queue[tail++] = filter->ego;

  while (head < tail)
    {
      guint current = queue[head++];

      if (depth[current] >= filter->ego_hops)
        continue;

      for (guint a = self->adjacency_start[current]; a < self->adjacency_start[current + 1]; a++)
        {
          guint next = self->adjacency[a];

          if (keep[next] || !node_passes (reseau_network_get_node (self, next), filter))
            continue;

          keep[next] = TRUE;
          depth[next] = depth[current] + 1;
          queue[tail++] = next;
        }
    }
}

/* Organizations and events stay only when a visible person links to
 * them; an ego that is itself an organization or event stays. */
static void
drop_lonely_places (ReseauNetwork             *self,
                    const ReseauNetworkFilter *filter,
                    int                       *keep)
{
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const ReseauNetworkNode *node = reseau_network_get_node (self, i);
      gboolean linked = FALSE;

      if (!keep[i] || (int) i == filter->ego)
        continue;
      if (node->kind != RESEAU_NODE_ORGANIZATION && node->kind != RESEAU_NODE_EVENT)
        continue;

      for (guint a = self->adjacency_start[i]; a < self->adjacency_start[i + 1] && !linked; a++)
        {
          guint other = self->adjacency[a];
          ReseauNodeKind kind = reseau_network_get_node (self, other)->kind;

          linked = keep[other] && (kind == RESEAU_NODE_PERSON || kind == RESEAU_NODE_CLUSTER);
        }

      keep[i] = linked;
    }
}

ReseauNetwork *
reseau_network_filter (ReseauNetwork             *self,
                       const ReseauNetworkFilter *filter)
{
  g_autofree int *keep = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (filter->ego < (int) self->nodes->len, NULL);

  keep = g_new (int, MAX (self->nodes->len, 1));
  ensure_adjacency (self);

  if (filter->ego >= 0)
    {
      mark_ego_network (self, filter, keep);
    }
  else
    {
      for (guint i = 0; i < self->nodes->len; i++)
        keep[i] = node_passes (reseau_network_get_node (self, i), filter);
    }

  drop_lonely_places (self, filter, keep);

  return copy_subset (self, keep);
}

/* Clustering ----------------------------------------------------------------------- */

typedef struct
{
  char     *key;        /* "g:o:folded name", "g:t:tag id", "g:others" */
  char     *name;       /* the organization or tag name, or NULL for others */
  int       org;        /* the organization node folded in, or -1 */
  guint     n_people;
  int       new_index;  /* in the clustered network, once created */
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->key);
  g_free (group->name);
  g_free (group);
}

/* The organization a person works at: its WORKS_AT edge with the lowest
 * index, or -1. */
static int
organization_of (ReseauNetwork *self,
                 guint          person)
{
  for (guint a = self->adjacency_start[person]; a < self->adjacency_start[person + 1]; a++)
    {
      guint other = self->adjacency[a];

      if (reseau_network_get_node (self, other)->kind == RESEAU_NODE_ORGANIZATION)
        {
          /* Only a WORKS_AT edge makes a member: a referral to an
           * organization's card does not. */
          EdgeKey key = edge_key (person, other, RESEAU_EDGE_WORKS_AT);

          if (self->edge_slots[edge_slot (self, &key)] != 0)
            return other;
        }
    }

  return -1;
}

static Group *
lookup_group (GHashTable *groups,
              GPtrArray  *order,
              const char *key,
              const char *name,
              int         org)
{
  Group *group = g_hash_table_lookup (groups, key);

  if (group == NULL)
    {
      group = g_new0 (Group, 1);
      group->key = g_strdup (key);
      group->name = g_strdup (name);
      group->org = org;
      group->new_index = -1;
      g_hash_table_insert (groups, group->key, group);
      g_ptr_array_add (order, group);
    }

  return group;
}

/* Which group each person falls in (NULL for other nodes). */
static Group **
assign_groups (ReseauNetwork *self,
               GHashTable    *groups,
               GPtrArray     *order)
{
  guint n_nodes = self->nodes->len;
  Group **group_of = g_new0 (Group *, MAX (n_nodes, 1));

  for (guint i = 0; i < n_nodes; i++)
    {
      const ReseauNetworkNode *node = reseau_network_get_node (self, i);
      g_autofree char *key = NULL;
      const char *name = NULL;
      int org;

      if (node->kind != RESEAU_NODE_PERSON)
        continue;

      org = organization_of (self, i);
      if (org >= 0)
        {
          const ReseauNetworkNode *org_node = reseau_network_get_node (self, org);

          key = g_strconcat ("g:", org_node->key, NULL);
          name = org_node->label;
        }
      else if (node->tag_ids != NULL && node->tag_ids->len > 0)
        {
          gint64 tag_id = g_array_index (node->tag_ids, gint64, 0);

          key = g_strdup_printf ("g:t:%" G_GINT64_FORMAT, tag_id);
          name = reseau_network_get_tag_name (self, tag_id);
          if (name == NULL)
            name = _("Tag");
        }
      else
        {
          key = g_strdup ("g:others");
        }

      group_of[i] = lookup_group (groups, order, key, name, org);
      group_of[i]->n_people++;
    }

  return group_of;
}

static char *
cluster_label (const Group *group)
{
  const char *name = group->name != NULL ? group->name : _("Others");

  /* TRANSLATORS: a group of contacts on the network map, e.g. "Acme (12 people)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u person)", "%s (%u people)",
                                       group->n_people),
                          name, group->n_people);
}

static guint
add_cluster_node (ReseauNetwork *clustered,
                  Group         *group)
{
  g_autofree char *label = cluster_label (group);
  guint index = reseau_network_add_node (clustered, RESEAU_NODE_CLUSTER, group->key, label);
  ReseauNetworkNode *node = reseau_network_get_node_mut (clustered, index);

  g_free (node->initials);
  node->initials = make_initials (group->name != NULL ? group->name : _("Others"));
  node->n_members = group->n_people;
  group->new_index = index;

  return index;
}

/* A group is folded unless the user expanded it, or folding would not
 * save a node (a lone person without an organization). */
static gboolean
group_is_folded (const Group *group,
                 GHashTable  *expanded)
{
  if (group == NULL)
    return FALSE;
  if (expanded != NULL && g_hash_table_contains (expanded, group->key))
    return FALSE;

  return group->n_people + (group->org >= 0 ? 1 : 0) >= 2;
}

static void
merge_member (ReseauNetworkNode       *cluster,
              const ReseauNetworkNode *member)
{
  if (member->kind != RESEAU_NODE_PERSON)
    return;

  cluster->strength = MAX (cluster->strength, member->strength);
  if (member->days_since >= 0 &&
      (cluster->days_since < 0 || member->days_since < cluster->days_since))
    cluster->days_since = member->days_since;
}

ReseauNetwork *
reseau_network_cluster (ReseauNetwork *self,
                        guint          max_nodes,
                        GHashTable    *expanded)
{
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autofree Group **group_of = NULL;
  g_autofree Group **org_group = NULL;
  g_autofree guint *new_index = NULL;
  ReseauNetwork *clustered;
  guint n_nodes;

  g_return_val_if_fail (self != NULL, NULL);

  n_nodes = self->nodes->len;
  if (n_nodes <= max_nodes)
    return reseau_network_ref (self);

  ensure_adjacency (self);
  groups = g_hash_table_new (g_str_hash, g_str_equal);
  order = g_ptr_array_new_with_free_func (group_free);
  group_of = assign_groups (self, groups, order);

  /* An organization whose people are folded is folded with them. */
  org_group = g_new0 (Group *, MAX (n_nodes, 1));
  for (guint g = 0; g < order->len; g++)
    {
      Group *group = g_ptr_array_index (order, g);

      if (group->org >= 0)
        org_group[group->org] = group;
    }

  clustered = reseau_network_new ();
  copy_tag_names (clustered, self);
  new_index = g_new (guint, MAX (n_nodes, 1));

  /* Nodes in their old order, each cluster where its first member was,
   * so that the result does not depend on hash table order. */
  for (guint i = 0; i < n_nodes; i++)
    {
      const ReseauNetworkNode *node = reseau_network_get_node (self, i);
      Group *group = node->kind == RESEAU_NODE_PERSON ? group_of[i] : org_group[i];

      if (group_is_folded (group, expanded))
        {
          if (group->new_index < 0)
            add_cluster_node (clustered, group);
          new_index[i] = group->new_index;
          merge_member (reseau_network_get_node_mut (clustered, group->new_index), node);
        }
      else
        {
          new_index[i] = copy_node (clustered, node);
        }
    }

  for (guint i = 0; i < self->edges->len; i++)
    {
      const ReseauNetworkEdge *edge = &g_array_index (self->edges, ReseauNetworkEdge, i);

      /* Edges inside one cluster vanish (add_edge drops them); the others
       * add up between the clusters they join. */
      reseau_network_add_edge (clustered, new_index[edge->source], new_index[edge->target],
                               edge->kind, edge->count, edge->days_since);
    }

  return clustered;
}

char *
reseau_network_describe_recency (int days_since)
{
  if (days_since < 0)
    return g_strdup (_("No interaction logged yet"));
  if (days_since == 0)
    return g_strdup (_("Last interaction today"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last interaction %d day ago",
                                       "Last interaction %d days ago", days_since),
                          days_since);
}
