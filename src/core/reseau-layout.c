/* reseau-layout.c — force-directed layout of the network (see the header)
 *
 * Fruchterman–Reingold forces, adapted to nodes of different sizes:
 *   - every pair of nodes repels with k² · m · m' / d (summed with a
 *     Barnes–Hut quadtree, reseau-layout-quadtree.c), harder when their
 *     discs overlap; a node's mass grows with the square root of its
 *     degree (and with its size for clusters), so that hubs clear room
 *     for their neighbours;
 *   - an edge pulls with w · g² / k, where w = 1 + ln(count) and g is the
 *     gap between the two discs, divided by each end's mass: a hub with
 *     hundreds of edges is not dragged onto the centroid of all of them;
 *   - a linear gravity, times the mass, keeps disconnected parts on the
 *     map.
 * Each node moves along its net force by at most the temperature, which
 * cools geometrically from a start that depends on how many nodes had no
 * position (a map reopened as it was left barely moves). The layout has
 * converged when the largest move falls below a tenth of a node radius,
 * or when the step budget is spent.
 *
 * Everything random comes from a splitmix64 generator seeded by the
 * caller, and all sums run in index order: the same network, seed and
 * starting positions give the same positions bit for bit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "reseau-layout-private.h"

/* The ideal edge length, in world units. */
#define IDEAL_LENGTH (5.0 * RESEAU_LAYOUT_NODE_RADIUS)
#define GRAVITY 0.9
#define COOLING 0.975
#define CONVERGED_MOVE (0.1 * RESEAU_LAYOUT_NODE_RADIUS)
#define STEP_BUDGET 600
/* The starting temperature of a map whose positions are all known: a
 * force-directed layout never quite balances its forces, so a known map
 * run from any hotter start would drift a node length or more; from this
 * it moves a few units and stops. */
#define MIN_TEMPERATURE (1.1 * CONVERGED_MOVE)
/* After a drag: enough for the neighbours to follow the dragged node. */
#define REHEAT_TEMPERATURE (0.1 * IDEAL_LENGTH)
/* The drawn disc of a node is never smaller than this, in pixels. */
#define MIN_HIT_PIXELS 4.0

typedef struct
{
  guint  source;
  guint  target;
  double weight;
} Spring;

/* A uniform grid of node indices for hit-testing, built for one set of
 * positions (serial) and rebuilt lazily when they change. */
typedef struct
{
  guint   serial;
  gboolean valid;
  double  x0;
  double  y0;
  double  cell;
  guint   cols;
  guint   rows;
  guint  *start;      /* cols × rows + 1 */
  guint  *items;      /* node indices, by cell, each cell in index order */
} HitGrid;

struct _ReseauLayout
{
  ReseauNetwork  *network;
  guint           n;

  double         *x;
  double         *y;
  double         *fx;
  double         *fy;
  double         *mass;
  float          *radius;
  guint8         *known;       /* has a position (set or placed) */
  guint8         *pinned;
  ReseauPoint    *points;      /* x, y as floats, for callers */

  Spring         *springs;
  guint           n_springs;
  /* Neighbours by node, in edge order, for placing new nodes: the
   * layout's own, so that the worker never touches the network's lazily
   * built lists. neighbours[neighbour_start[i] … neighbour_start[i + 1]). */
  guint          *neighbour_start;
  guint          *neighbours;

  ReseauQuadtree  tree;
  double          theta;

  guint64         seed;
  guint64         rng;
  gboolean        placed;
  double          temperature;
  guint           n_steps;
  guint           step_limit;
  gboolean        converged;
  double          last_max_move;

  guint           serial;      /* bumped whenever positions change */
  HitGrid         grid;
  float           max_radius;
};

/* Seeded randomness ------------------------------------------------------------ */

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);

  return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double
random_unit (guint64 *state)
{
  return (double) (splitmix64 (state) >> 11) * (1.0 / 9007199254740992.0);
}

/* Construction ----------------------------------------------------------------- */

float
reseau_layout_node_radius (const ReseauNetworkNode *node)
{
  g_return_val_if_fail (node != NULL, RESEAU_LAYOUT_NODE_RADIUS);

  switch (node->kind)
    {
    case RESEAU_NODE_PERSON:
      return RESEAU_LAYOUT_NODE_RADIUS * (1.0f + MIN (node->strength, 100u) / 100.0f);
    case RESEAU_NODE_CLUSTER:
      return RESEAU_LAYOUT_NODE_RADIUS * (1.0f + 0.5f * log2f (1.0f + MAX (node->n_members, 1u)));
    case RESEAU_NODE_ORGANIZATION:
    case RESEAU_NODE_EVENT:
    default:
      return RESEAU_LAYOUT_NODE_RADIUS * 1.25f;
    }
}

static void
build_springs (ReseauLayout *self)
{
  guint n_edges = reseau_network_get_n_edges (self->network);
  g_autofree guint *degree = g_new0 (guint, MAX (self->n, 1));

  self->springs = g_new (Spring, MAX (n_edges, 1));
  self->n_springs = n_edges;

  for (guint e = 0; e < n_edges; e++)
    {
      const ReseauNetworkEdge *edge = reseau_network_get_edge (self->network, e);

      self->springs[e].source = edge->source;
      self->springs[e].target = edge->target;
      self->springs[e].weight = 1.0 + log ((double) MAX (edge->count, 1u));
      degree[edge->source]++;
      degree[edge->target]++;
    }

  self->neighbour_start = g_new0 (guint, self->n + 1);
  self->neighbours = g_new (guint, MAX (2 * n_edges, 1));
  for (guint i = 0; i < self->n; i++)
    self->neighbour_start[i + 1] = self->neighbour_start[i] + degree[i];
  {
    g_autofree guint *fill = g_memdup2 (self->neighbour_start, sizeof (guint) * self->n);

    for (guint e = 0; e < n_edges; e++)
      {
        self->neighbours[fill[self->springs[e].source]++] = self->springs[e].target;
        self->neighbours[fill[self->springs[e].target]++] = self->springs[e].source;
      }
  }

  /* Hubs (organizations, events, busy people) push harder, which opens
   * up the crowd of their neighbours instead of piling it on them; a
   * cluster pushes as hard as it is big, so that its disc has room. */
  for (guint i = 0; i < self->n; i++)
    {
      self->mass[i] = 1.0 + sqrt ((double) degree[i]) / 4.0;
      if (reseau_network_get_node (self->network, i)->kind == RESEAU_NODE_CLUSTER)
        self->mass[i] *= self->radius[i] / RESEAU_LAYOUT_NODE_RADIUS;
    }
}

ReseauLayout *
reseau_layout_new (ReseauNetwork *network,
                   guint64        seed)
{
  ReseauLayout *self;
  guint n;

  g_return_val_if_fail (network != NULL, NULL);

  n = reseau_network_get_n_nodes (network);
  self = g_new0 (ReseauLayout, 1);
  self->network = reseau_network_ref (network);
  self->n = n;
  self->x = g_new0 (double, MAX (n, 1));
  self->y = g_new0 (double, MAX (n, 1));
  self->fx = g_new0 (double, MAX (n, 1));
  self->fy = g_new0 (double, MAX (n, 1));
  self->mass = g_new0 (double, MAX (n, 1));
  self->radius = g_new0 (float, MAX (n, 1));
  self->known = g_new0 (guint8, MAX (n, 1));
  self->pinned = g_new0 (guint8, MAX (n, 1));
  self->points = g_new0 (ReseauPoint, MAX (n, 1));
  self->theta = RESEAU_LAYOUT_DEFAULT_THETA;
  self->seed = seed;
  self->rng = seed;
  self->step_limit = STEP_BUDGET;
  self->last_max_move = G_MAXDOUBLE;
  reseau_quadtree_init (&self->tree);

  for (guint i = 0; i < n; i++)
    {
      self->radius[i] = reseau_layout_node_radius (reseau_network_get_node (network, i));
      self->max_radius = MAX (self->max_radius, self->radius[i]);
    }

  build_springs (self);

  return self;
}

static void
hit_grid_clear (HitGrid *grid)
{
  g_clear_pointer (&grid->start, g_free);
  g_clear_pointer (&grid->items, g_free);
  grid->valid = FALSE;
}

void
reseau_layout_free (ReseauLayout *self)
{
  g_return_if_fail (self != NULL);

  reseau_quadtree_clear (&self->tree);
  hit_grid_clear (&self->grid);
  g_free (self->x);
  g_free (self->y);
  g_free (self->fx);
  g_free (self->fy);
  g_free (self->mass);
  g_free (self->radius);
  g_free (self->known);
  g_free (self->pinned);
  g_free (self->points);
  g_free (self->springs);
  g_free (self->neighbour_start);
  g_free (self->neighbours);
  reseau_network_unref (self->network);
  g_free (self);
}

ReseauNetwork *
reseau_layout_get_network (ReseauLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->network;
}

void
reseau_layout_set_theta (ReseauLayout *self,
                         double        theta)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (theta >= 0.0);

  self->theta = theta;
}

static void
sync_point (ReseauLayout *self,
            guint         i)
{
  self->points[i].x = (float) self->x[i];
  self->points[i].y = (float) self->y[i];
}

void
reseau_layout_set_position (ReseauLayout *self,
                            guint         node,
                            ReseauPoint   position)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (node < self->n);

  self->x[node] = position.x;
  self->y[node] = position.y;
  self->known[node] = TRUE;
  sync_point (self, node);
  self->serial++;

  /* A node moved after the layout settled (dragged by the user) may pull
   * its neighbours along: let the next steps run, gently. */
  if (self->placed && self->converged)
    reseau_layout_reheat (self);
}

void
reseau_layout_set_pinned (ReseauLayout *self,
                          guint         node,
                          gboolean      pinned)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (node < self->n);

  self->pinned[node] = pinned != FALSE;
}

void
reseau_layout_reheat (ReseauLayout *self)
{
  g_return_if_fail (self != NULL);

  self->converged = FALSE;
  self->temperature = MAX (self->temperature, REHEAT_TEMPERATURE);
  self->step_limit = self->n_steps + STEP_BUDGET;
}

/* Placement of nodes without a position ------------------------------------------- */

/* Near the first neighbour that already has a place (known, or placed
 * earlier in this pass), at a seeded angle and distance. */
static gboolean
place_near_neighbour (ReseauLayout *self,
                      guint         i)
{
  for (guint j = self->neighbour_start[i]; j < self->neighbour_start[i + 1]; j++)
    {
      guint other = self->neighbours[j];
      double angle, distance;

      if (!self->known[other])
        continue;

      angle = random_unit (&self->rng) * 2.0 * G_PI;
      distance = IDEAL_LENGTH * (0.5 + 0.5 * random_unit (&self->rng));
      self->x[i] = self->x[other] + cos (angle) * distance;
      self->y[i] = self->y[other] + sin (angle) * distance;
      return TRUE;
    }

  return FALSE;
}

/* A sunflower spiral (golden angle) spreads nodes evenly over a disc of
 * about the area the layout will give them; the seed turns it. */
static void
place_on_spiral (ReseauLayout *self,
                 guint         i,
                 guint         turn,
                 double        phase,
                 double        centre_x,
                 double        centre_y)
{
  const double golden_angle = G_PI * (3.0 - sqrt (5.0));
  double radius = 0.8 * IDEAL_LENGTH * sqrt (turn + 0.5);
  double angle = phase + turn * golden_angle;
  double jitter = 0.1 * IDEAL_LENGTH;

  self->x[i] = centre_x + cos (angle) * radius + (random_unit (&self->rng) - 0.5) * jitter;
  self->y[i] = centre_y + sin (angle) * radius + (random_unit (&self->rng) - 0.5) * jitter;
}

static void
ensure_placed (ReseauLayout *self)
{
  double centre_x = 0.0, centre_y = 0.0;
  guint n_known = 0;
  guint turn = 0;
  double phase;

  if (self->placed)
    return;
  self->placed = TRUE;

  for (guint i = 0; i < self->n; i++)
    if (self->known[i])
      {
        centre_x += self->x[i];
        centre_y += self->y[i];
        n_known++;
      }
  if (n_known > 0)
    {
      centre_x /= n_known;
      centre_y /= n_known;
    }

  phase = random_unit (&self->rng) * 2.0 * G_PI;

  /* Two passes: the first places the nodes that have a placed
   * neighbour, the spiral takes the rest; a node placed on the spiral
   * then draws its own neighbours around it. */
  for (guint i = 0; i < self->n; i++)
    {
      if (self->known[i])
        continue;
      if (!place_near_neighbour (self, i))
        place_on_spiral (self, i, turn++, phase, centre_x, centre_y);
      self->known[i] = TRUE;
    }

  for (guint i = 0; i < self->n; i++)
    sync_point (self, i);

  /* Starting hot enough to unfold what was placed, but no hotter:
   * a map reopened with every position known barely moves. */
  self->temperature = MAX (MIN_TEMPERATURE,
                           0.06 * IDEAL_LENGTH * sqrt ((double) self->n) *
                           (self->n > 0 ? (double) (self->n - n_known) / self->n : 0.0));
  self->serial++;
}

/* Stepping ---------------------------------------------------------------------- */

/* Every pair, for the bench's side-by-side reference (theta = 0). A
 * plain double loop, not a quadtree that opens every cell, so that the
 * comparison is fair to the exact method. */
static void
apply_exact_repulsion (ReseauLayout *self,
                       double        strength)
{
  for (guint i = 0; i < self->n; i++)
    for (guint j = i + 1; j < self->n; j++)
      {
        double dx = self->x[i] - self->x[j];
        double dy = self->y[i] - self->y[j];
        double d2, scale;

        if (dx == 0.0 && dy == 0.0)
          {
            dx = (i < j ? -1e-3 : 1e-3);
            dy = 0.0;
          }
        d2 = MAX (dx * dx + dy * dy, 1e-2);
        scale = strength * self->mass[i] * self->mass[j] / d2 *
                reseau_layout_collision_factor (self->radius[i], self->radius[j], d2);
        self->fx[i] += dx * scale;
        self->fy[i] += dy * scale;
        self->fx[j] -= dx * scale;
        self->fy[j] -= dy * scale;
      }
}

static void
apply_repulsion (ReseauLayout *self)
{
  double strength = IDEAL_LENGTH * IDEAL_LENGTH;

  if (self->theta == 0.0)
    {
      apply_exact_repulsion (self, strength);
      return;
    }

  reseau_quadtree_build (&self->tree, self->x, self->y, self->mass, self->n);

  for (guint i = 0; i < self->n; i++)
    reseau_quadtree_repulse (&self->tree, i, self->x[i], self->y[i], self->mass[i], self->radius[i],
                             self->x, self->y, self->mass, self->radius, strength, self->theta,
                             &self->fx[i], &self->fy[i]);
}

static void
apply_springs (ReseauLayout *self)
{
  for (guint e = 0; e < self->n_springs; e++)
    {
      const Spring *spring = &self->springs[e];
      double dx = self->x[spring->target] - self->x[spring->source];
      double dy = self->y[spring->target] - self->y[spring->source];
      double d = sqrt (dx * dx + dy * dy);
      /* w · g² / k along (dx, dy) / d, where g is the gap between the two
       * discs rather than between their centres: big nodes (clusters,
       * strong contacts) are not pulled into their neighbours. */
      double gap = MAX (d - self->radius[spring->source] - self->radius[spring->target], 0.0);
      double pull = d > 0.0 ? spring->weight * gap * gap / (IDEAL_LENGTH * d) : 0.0;

      self->fx[spring->source] += dx * pull / self->mass[spring->source];
      self->fy[spring->source] += dy * pull / self->mass[spring->source];
      self->fx[spring->target] -= dx * pull / self->mass[spring->target];
      self->fy[spring->target] -= dy * pull / self->mass[spring->target];
    }
}

static void
apply_gravity (ReseauLayout *self)
{
  for (guint i = 0; i < self->n; i++)
    {
      self->fx[i] -= GRAVITY * self->mass[i] * self->x[i];
      self->fy[i] -= GRAVITY * self->mass[i] * self->y[i];
    }
}

/* Moves every free node along its force by at most the temperature;
 * returns the largest move. */
static double
move_nodes (ReseauLayout *self)
{
  double max_move = 0.0;

  for (guint i = 0; i < self->n; i++)
    {
      double length, move;

      if (self->pinned[i])
        continue;

      length = sqrt (self->fx[i] * self->fx[i] + self->fy[i] * self->fy[i]);
      if (length <= 0.0 || !isfinite (length))
        continue;

      move = MIN (length, self->temperature);
      self->x[i] += self->fx[i] / length * move;
      self->y[i] += self->fy[i] / length * move;
      sync_point (self, i);
      max_move = MAX (max_move, move);
    }

  return max_move;
}

gboolean
reseau_layout_step (ReseauLayout *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  ensure_placed (self);

  if (self->converged)
    return TRUE;

  memset (self->fx, 0, sizeof (double) * self->n);
  memset (self->fy, 0, sizeof (double) * self->n);

  apply_repulsion (self);
  apply_springs (self);
  apply_gravity (self);
  self->last_max_move = move_nodes (self);

  self->temperature *= COOLING;
  self->n_steps++;
  self->serial++;

  if (self->last_max_move < CONVERGED_MOVE || self->n_steps >= self->step_limit)
    self->converged = TRUE;

  return self->converged;
}

gboolean
reseau_layout_is_converged (ReseauLayout *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->converged;
}

guint
reseau_layout_get_n_steps (ReseauLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_steps;
}

const ReseauPoint *
reseau_layout_get_positions (ReseauLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  ensure_placed (self);

  return self->points;
}

/* Running on a worker thread ---------------------------------------------------- */

typedef struct
{
  ReseauLayout              *layout;
  gint64                     frame_us;
  ReseauLayoutPositionsFunc  positions;
  gpointer                   positions_data;
  GMainContext              *context;
  int                        frame_pending;   /* atomic */
} RunData;

typedef struct
{
  GTask  *task;
  GArray *positions;
} Frame;

static void
run_data_free (gpointer data)
{
  RunData *run = data;

  g_main_context_unref (run->context);
  g_free (run);
}

static void
frame_free (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->positions, g_array_unref);
  g_object_unref (frame->task);
  g_free (frame);
}

/* On the caller's main context. A frame that arrives after the task
 * completed is dropped: the caller may have freed positions_data. */
static gboolean
deliver_frame (gpointer data)
{
  Frame *frame = data;
  RunData *run = g_task_get_task_data (frame->task);

  g_atomic_int_set (&run->frame_pending, FALSE);

  if (!g_task_get_completed (frame->task) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (frame->task)))
    run->positions (g_steal_pointer (&frame->positions), run->positions_data);

  return G_SOURCE_REMOVE;
}

/* From the worker thread. An explicit idle source rather than
 * g_main_context_invoke(), which would call the function right here when
 * the worker happens to be able to acquire the context. */
static void
send_frame (GTask        *task,
            RunData      *run)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  Frame *frame = g_new0 (Frame, 1);

  frame->task = g_object_ref (task);
  frame->positions = g_array_sized_new (FALSE, FALSE, sizeof (ReseauPoint), run->layout->n);
  g_array_append_vals (frame->positions, run->layout->points, run->layout->n);

  g_atomic_int_set (&run->frame_pending, TRUE);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_frame, frame, frame_free);
  g_source_set_static_name (source, "[reseau] layout frame");
  g_source_attach (source, run->context);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RunData *run = task_data;
  gint64 last_frame = g_get_monotonic_time ();

  while (!reseau_layout_step (run->layout))
    {
      gint64 now;

      if (g_task_return_error_if_cancelled (task))
        return;

      /* A frame still waiting for the main context is not followed by
       * another: a busy UI gets fewer frames, not a queue of them. */
      now = g_get_monotonic_time ();
      if (now - last_frame >= run->frame_us && !g_atomic_int_get (&run->frame_pending))
        {
          send_frame (task, run);
          last_frame = now;
        }
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  /* The final positions, queued before the task's completion so that the
   * animation ends where the layout did. */
  send_frame (task, run);
  g_task_return_boolean (task, TRUE);
}

void
reseau_layout_run_async (ReseauLayout              *self,
                         gint64                     frame_us,
                         ReseauLayoutPositionsFunc  positions,
                         gpointer                   positions_data,
                         GCancellable              *cancellable,
                         GAsyncReadyCallback        callback,
                         gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *run;

  g_return_if_fail (self != NULL);
  g_return_if_fail (positions != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* The first step places the nodes that have no position yet, on the
   * worker like the rest: for a big network it is not free. */
  run = g_new0 (RunData, 1);
  run->layout = self;
  run->frame_us = MAX (frame_us, 0);
  run->positions = positions;
  run->positions_data = positions_data;
  run->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, reseau_layout_run_async);
  g_task_set_name (task, "[reseau] layout");
  g_task_set_task_data (task, run, run_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

gboolean
reseau_layout_run_finish (ReseauLayout  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == reseau_layout_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The view transform ----------------------------------------------------------- */

void
reseau_view_transform_to_screen (const ReseauViewTransform *self,
                                 ReseauPoint                world,
                                 double                    *sx,
                                 double                    *sy)
{
  g_return_if_fail (self != NULL);

  if (sx != NULL)
    *sx = (world.x - self->origin_x) * self->zoom;
  if (sy != NULL)
    *sy = (world.y - self->origin_y) * self->zoom;
}

ReseauPoint
reseau_view_transform_to_world (const ReseauViewTransform *self,
                                double                     sx,
                                double                     sy)
{
  ReseauPoint world = { 0.0f, 0.0f };

  g_return_val_if_fail (self != NULL, world);
  g_return_val_if_fail (self->zoom > 0.0, world);

  world.x = (float) (sx / self->zoom + self->origin_x);
  world.y = (float) (sy / self->zoom + self->origin_y);

  return world;
}

void
reseau_view_transform_zoom_at (ReseauViewTransform *self,
                               double               factor,
                               double               sx,
                               double               sy)
{
  double world_x, world_y;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->zoom > 0.0);
  g_return_if_fail (factor > 0.0);

  /* In doubles: going through a float ReseauPoint would make the point
   * under the pointer drift a little on every wheel click. */
  world_x = sx / self->zoom + self->origin_x;
  world_y = sy / self->zoom + self->origin_y;
  self->zoom = CLAMP (self->zoom * factor, RESEAU_VIEW_MIN_ZOOM, RESEAU_VIEW_MAX_ZOOM);
  self->origin_x = world_x - sx / self->zoom;
  self->origin_y = world_y - sy / self->zoom;
}

void
reseau_view_transform_fit (ReseauViewTransform *self,
                           const ReseauPoint   *points,
                           guint                n_points,
                           double               width,
                           double               height,
                           double               margin)
{
  double min_x = 0.0, min_y = 0.0, max_x = 0.0, max_y = 0.0;
  double inner_width, inner_height, zoom;

  g_return_if_fail (self != NULL);
  g_return_if_fail (points != NULL || n_points == 0);

  for (guint i = 0; i < n_points; i++)
    {
      if (i == 0 || points[i].x < min_x) min_x = points[i].x;
      if (i == 0 || points[i].y < min_y) min_y = points[i].y;
      if (i == 0 || points[i].x > max_x) max_x = points[i].x;
      if (i == 0 || points[i].y > max_y) max_y = points[i].y;
    }

  inner_width = MAX (width - 2.0 * margin, 1.0);
  inner_height = MAX (height - 2.0 * margin, 1.0);

  /* A single point (or none) is shown at zoom 1 rather than at the
   * largest zoom. */
  if (max_x - min_x <= 0.0 && max_y - min_y <= 0.0)
    zoom = 1.0;
  else
    zoom = MIN (inner_width / MAX (max_x - min_x, 1e-6), inner_height / MAX (max_y - min_y, 1e-6));

  self->zoom = CLAMP (zoom, RESEAU_VIEW_MIN_ZOOM, RESEAU_VIEW_MAX_ZOOM);
  self->origin_x = (min_x + max_x) / 2.0 - width / 2.0 / self->zoom;
  self->origin_y = (min_y + max_y) / 2.0 - height / 2.0 / self->zoom;
}

/* Hit-testing --------------------------------------------------------------------- */

/* Cells about as wide as the biggest node, or larger when the map is so
 * spread out that the grid would exceed 1024 cells a side. */
static void
hit_grid_build (ReseauLayout *self)
{
  HitGrid *grid = &self->grid;
  double min_x = 0.0, min_y = 0.0, max_x = 0.0, max_y = 0.0;
  g_autofree guint *fill = NULL;
  guint n_cells;

  hit_grid_clear (grid);

  for (guint i = 0; i < self->n; i++)
    {
      if (i == 0 || self->points[i].x < min_x) min_x = self->points[i].x;
      if (i == 0 || self->points[i].y < min_y) min_y = self->points[i].y;
      if (i == 0 || self->points[i].x > max_x) max_x = self->points[i].x;
      if (i == 0 || self->points[i].y > max_y) max_y = self->points[i].y;
    }

  grid->cell = MAX (2.0 * self->max_radius, MAX (max_x - min_x, max_y - min_y) / 1024.0);
  grid->cell = MAX (grid->cell, 1.0);
  grid->x0 = min_x;
  grid->y0 = min_y;
  grid->cols = (guint) ((max_x - min_x) / grid->cell) + 1;
  grid->rows = (guint) ((max_y - min_y) / grid->cell) + 1;
  n_cells = grid->cols * grid->rows;

  grid->start = g_new0 (guint, n_cells + 1);
  grid->items = g_new (guint, MAX (self->n, 1));

  /* Counting sort by cell, in node order. */
  for (guint i = 0; i < self->n; i++)
    {
      guint col = MIN ((guint) ((self->points[i].x - min_x) / grid->cell), grid->cols - 1);
      guint row = MIN ((guint) ((self->points[i].y - min_y) / grid->cell), grid->rows - 1);

      grid->start[row * grid->cols + col + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    grid->start[c + 1] += grid->start[c];

  fill = g_memdup2 (grid->start, sizeof (guint) * (n_cells + 1));
  for (guint i = 0; i < self->n; i++)
    {
      guint col = MIN ((guint) ((self->points[i].x - min_x) / grid->cell), grid->cols - 1);
      guint row = MIN ((guint) ((self->points[i].y - min_y) / grid->cell), grid->rows - 1);

      grid->items[fill[row * grid->cols + col]++] = i;
    }

  grid->serial = self->serial;
  grid->valid = TRUE;
}

static int
cell_index (double value,
            double origin,
            double cell,
            guint  count)
{
  double index = floor ((value - origin) / cell);

  return (int) CLAMP (index, -1.0, (double) count);
}

int
reseau_layout_hit_test (ReseauLayout              *self,
                        const ReseauViewTransform *view,
                        double                     sx,
                        double                     sy)
{
  HitGrid *grid;
  double world_x, world_y, min_radius, reach;
  int col0, col1, row0, row1;
  int best = -1;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (view != NULL, -1);
  g_return_val_if_fail (view->zoom > 0.0, -1);

  if (self->n == 0)
    return -1;

  ensure_placed (self);
  grid = &self->grid;
  if (!grid->valid || grid->serial != self->serial)
    hit_grid_build (self);

  world_x = sx / view->zoom + view->origin_x;
  world_y = sy / view->zoom + view->origin_y;
  min_radius = MIN_HIT_PIXELS / view->zoom;
  reach = MAX (self->max_radius, min_radius);

  col0 = MAX (cell_index (world_x - reach, grid->x0, grid->cell, grid->cols), 0);
  col1 = MIN (cell_index (world_x + reach, grid->x0, grid->cell, grid->cols), (int) grid->cols - 1);
  row0 = MAX (cell_index (world_y - reach, grid->y0, grid->cell, grid->rows), 0);
  row1 = MIN (cell_index (world_y + reach, grid->y0, grid->cell, grid->rows), (int) grid->rows - 1);

  for (int row = row0; row <= row1; row++)
    for (int col = col0; col <= col1; col++)
      {
        guint cell = row * grid->cols + col;

        for (guint k = grid->start[cell]; k < grid->start[cell + 1]; k++)
          {
            guint i = grid->items[k];
            double dx = world_x - self->points[i].x;
            double dy = world_y - self->points[i].y;
            double radius = MAX ((double) self->radius[i], min_radius);

            if ((int) i > best && dx * dx + dy * dy <= radius * radius)
              best = i;
          }
      }

  return best;
}
