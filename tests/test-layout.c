/* test-layout.c — the network map's force layout, view transform and
 * hit-testing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "reseau-core.h"
#include "reseau-layout-private.h"

/* A deterministic network of people in organizations, with events and
 * shared interactions mostly between colleagues: the shape of a real
 * network, without a database. */
static ReseauNetwork *
make_network (guint n_people,
              guint n_orgs,
              guint n_events,
              guint extra_edges)
{
  ReseauNetwork *network = reseau_network_new ();
  guint32 state = 12345;

  for (guint i = 0; i < n_people; i++)
    {
      g_autofree char *key = g_strdup_printf ("p:person-%u", i);
      g_autofree char *label = g_strdup_printf ("Person %u", i);

      reseau_network_add_node (network, RESEAU_NODE_PERSON, key, label);
    }
  for (guint i = 0; i < n_orgs; i++)
    {
      g_autofree char *key = g_strdup_printf ("o:org %u", i);

      reseau_network_add_node (network, RESEAU_NODE_ORGANIZATION, key, key + 2);
    }
  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *key = g_strdup_printf ("e:%u", i + 1);

      reseau_network_add_node (network, RESEAU_NODE_EVENT, key, "Meetup");
    }

  for (guint i = 0; i < n_people && n_orgs > 0; i++)
    reseau_network_add_edge (network, i, n_people + i * n_orgs / n_people,
                             RESEAU_EDGE_WORKS_AT, 1, -1);

  for (guint e = 0; e < extra_edges; e++)
    {
      guint a, b;

      state = state * 1103515245u + 12345u;
      a = (state >> 8) % n_people;
      state = state * 1103515245u + 12345u;
      if (n_events > 0 && (state >> 8) % 5 == 0)
        {
          reseau_network_add_edge (network, a, n_people + n_orgs + (state >> 12) % n_events,
                                   RESEAU_EDGE_MET_AT, 1, 10);
          continue;
        }
      b = (a + 1 + (state >> 8) % 20) % n_people;
      reseau_network_add_edge (network, a, b, RESEAU_EDGE_INTERACTION, 1 + e % 3, (int) (e % 90));
    }

  return network;
}

static ReseauLayout *
run_to_convergence (ReseauNetwork *network,
                    guint64        seed)
{
  ReseauLayout *layout = reseau_layout_new (network, seed);

  while (!reseau_layout_step (layout))
    ;

  return layout;
}

/* Determinism ------------------------------------------------------------------ */

static void
test_deterministic_for_seed (void)
{
  g_autoptr(ReseauNetwork) network = make_network (300, 15, 4, 900);
  guint n = reseau_network_get_n_nodes (network);
  ReseauLayout *first = run_to_convergence (network, 42);
  ReseauLayout *second = run_to_convergence (network, 42);
  ReseauLayout *other = run_to_convergence (network, 43);

  g_assert_true (reseau_layout_is_converged (first));
  g_assert_cmpuint (reseau_layout_get_n_steps (first), ==, reseau_layout_get_n_steps (second));
  g_assert_cmpmem (reseau_layout_get_positions (first), n * sizeof (ReseauPoint),
                   reseau_layout_get_positions (second), n * sizeof (ReseauPoint));
  g_assert_true (memcmp (reseau_layout_get_positions (first),
                         reseau_layout_get_positions (other),
                         n * sizeof (ReseauPoint)) != 0);

  reseau_layout_free (first);
  reseau_layout_free (second);
  reseau_layout_free (other);
}

static void
test_deterministic_from_known_positions (void)
{
  g_autoptr(ReseauNetwork) network = make_network (120, 6, 2, 300);
  guint n = reseau_network_get_n_nodes (network);
  ReseauLayout *layouts[2];

  for (guint k = 0; k < 2; k++)
    {
      layouts[k] = reseau_layout_new (network, 9);
      for (guint i = 0; i < n; i += 3)
        reseau_layout_set_position (layouts[k], i, (ReseauPoint) { i * 3.0f, -(float) i });
      while (!reseau_layout_step (layouts[k]))
        ;
    }

  g_assert_cmpmem (reseau_layout_get_positions (layouts[0]), n * sizeof (ReseauPoint),
                   reseau_layout_get_positions (layouts[1]), n * sizeof (ReseauPoint));

  reseau_layout_free (layouts[0]);
  reseau_layout_free (layouts[1]);
}

/* The exact reference (theta = 0) and Barnes–Hut end up with a map of the
 * same size: the approximation does not change the picture. */
static void
test_exact_and_approximate_agree (void)
{
  g_autoptr(ReseauNetwork) network = make_network (200, 10, 3, 600);
  guint n = reseau_network_get_n_nodes (network);
  ReseauLayout *approximate = reseau_layout_new (network, 5);
  ReseauLayout *exact = reseau_layout_new (network, 5);
  double spread[2] = { 0.0, 0.0 };

  reseau_layout_set_theta (exact, 0.0);
  while (!reseau_layout_step (approximate))
    ;
  while (!reseau_layout_step (exact))
    ;

  for (guint i = 0; i < n; i++)
    {
      const ReseauPoint *a = &reseau_layout_get_positions (approximate)[i];
      const ReseauPoint *e = &reseau_layout_get_positions (exact)[i];

      spread[0] += sqrt (a->x * a->x + a->y * a->y);
      spread[1] += sqrt (e->x * e->x + e->y * e->y);
    }

  g_assert_cmpfloat (fabs (spread[0] - spread[1]) / spread[1], <, 0.1);

  reseau_layout_free (approximate);
  reseau_layout_free (exact);
}

/* Convergence and placement -------------------------------------------------------- */

static void
test_converges_within_budget (void)
{
  g_autoptr(ReseauNetwork) network = make_network (500, 25, 5, 2000);
  ReseauLayout *layout = run_to_convergence (network, 1);
  const ReseauPoint *points = reseau_layout_get_positions (layout);
  guint n = reseau_network_get_n_nodes (network);
  guint steps = reseau_layout_get_n_steps (layout);

  g_assert_cmpuint (steps, >, 10);
  g_assert_cmpuint (steps, <=, 600);
  /* A converged layout stays put. */
  g_assert_true (reseau_layout_step (layout));
  g_assert_cmpuint (reseau_layout_get_n_steps (layout), ==, steps);

  /* No two nodes end up on top of each other. */
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (isfinite (points[i].x) && isfinite (points[i].y));
      for (guint j = i + 1; j < n; j++)
        g_assert_cmpfloat (hypot (points[i].x - points[j].x, points[i].y - points[j].y), >, 1.0);
    }

  reseau_layout_free (layout);
}

static void
test_known_positions_are_kept (void)
{
  g_autoptr(ReseauNetwork) network = reseau_network_new ();
  guint anne = reseau_network_add_node (network, RESEAU_NODE_PERSON, "p:anne", "Anne");
  guint acme = reseau_network_add_node (network, RESEAU_NODE_ORGANIZATION, "o:acme", "Acme");
  guint bruno = reseau_network_add_node (network, RESEAU_NODE_PERSON, "p:bruno", "Bruno");
  guint lone = reseau_network_add_node (network, RESEAU_NODE_PERSON, "p:lone", "Lone");
  ReseauLayout *layout;
  const ReseauPoint *points;

  reseau_network_add_edge (network, bruno, acme, RESEAU_EDGE_WORKS_AT, 1, -1);
  layout = reseau_layout_new (network, 3);

  reseau_layout_set_position (layout, anne, (ReseauPoint) { 500.0f, 500.0f });
  reseau_layout_set_position (layout, acme, (ReseauPoint) { -300.0f, 200.0f });
  points = reseau_layout_get_positions (layout);

  g_assert_cmpfloat (points[anne].x, ==, 500.0f);
  g_assert_cmpfloat (points[anne].y, ==, 500.0f);
  g_assert_cmpfloat (points[acme].x, ==, -300.0f);
  /* Bruno starts next to his organization, the only one placed. */
  g_assert_cmpfloat (hypot (points[bruno].x + 300.0, points[bruno].y - 200.0), <=,
                     5.0 * RESEAU_LAYOUT_NODE_RADIUS + 0.01);
  g_assert_true (isfinite (points[lone].x));
  reseau_layout_free (layout);
}

/* A map reopened from where it was left settles at once and its nodes
 * move less than their radius on average: it does not reshuffle. */
static void
test_reopened_map_barely_moves (void)
{
  g_autoptr(ReseauNetwork) network = make_network (400, 20, 4, 1500);
  guint n = reseau_network_get_n_nodes (network);
  ReseauLayout *first = run_to_convergence (network, 21);
  ReseauLayout *reopened = reseau_layout_new (network, 22);
  const ReseauPoint *before = reseau_layout_get_positions (first);
  const ReseauPoint *after;
  double drift = 0.0;

  for (guint i = 0; i < n; i++)
    reseau_layout_set_position (reopened, i, before[i]);
  while (!reseau_layout_step (reopened))
    ;

  after = reseau_layout_get_positions (reopened);
  for (guint i = 0; i < n; i++)
    drift += hypot (after[i].x - before[i].x, after[i].y - before[i].y);

  g_assert_cmpuint (reseau_layout_get_n_steps (reopened), <, 20);
  g_assert_cmpfloat (drift / n, <, RESEAU_LAYOUT_NODE_RADIUS / 2);

  reseau_layout_free (first);
  reseau_layout_free (reopened);
}

static void
test_pinned_node_stays (void)
{
  g_autoptr(ReseauNetwork) network = make_network (60, 3, 1, 100);
  ReseauLayout *layout = reseau_layout_new (network, 11);
  const ReseauPoint *points;

  reseau_layout_set_position (layout, 5, (ReseauPoint) { 1000.0f, -1000.0f });
  reseau_layout_set_pinned (layout, 5, TRUE);
  while (!reseau_layout_step (layout))
    ;

  points = reseau_layout_get_positions (layout);
  g_assert_cmpfloat (points[5].x, ==, 1000.0f);
  g_assert_cmpfloat (points[5].y, ==, -1000.0f);

  /* Released and moved, the layout runs again. */
  reseau_layout_set_pinned (layout, 5, FALSE);
  reseau_layout_set_position (layout, 5, (ReseauPoint) { 0.0f, 0.0f });
  g_assert_false (reseau_layout_is_converged (layout));
  reseau_layout_free (layout);
}

static void
test_empty_and_single (void)
{
  g_autoptr(ReseauNetwork) empty = reseau_network_new ();
  g_autoptr(ReseauNetwork) single = reseau_network_new ();
  ReseauViewTransform view = { .zoom = 1.0 };
  ReseauLayout *layout = reseau_layout_new (empty, 1);

  g_assert_true (reseau_layout_step (layout));
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, 0.0, 0.0), ==, -1);
  reseau_layout_free (layout);

  reseau_network_add_node (single, RESEAU_NODE_PERSON, "p:alone", "Alone");
  layout = reseau_layout_new (single, 1);
  while (!reseau_layout_step (layout))
    ;
  g_assert_true (isfinite (reseau_layout_get_positions (layout)[0].x));
  reseau_view_transform_fit (&view, reseau_layout_get_positions (layout), 1, 100.0, 100.0, 10.0);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, 50.0, 50.0), ==, 0);
  reseau_layout_free (layout);
}

static void
test_node_radius (void)
{
  ReseauNetworkNode person = { .kind = RESEAU_NODE_PERSON, .strength = 0, .n_members = 1 };
  ReseauNetworkNode strong = { .kind = RESEAU_NODE_PERSON, .strength = 100, .n_members = 1 };
  ReseauNetworkNode small = { .kind = RESEAU_NODE_CLUSTER, .n_members = 3 };
  ReseauNetworkNode big = { .kind = RESEAU_NODE_CLUSTER, .n_members = 300 };

  g_assert_cmpfloat (reseau_layout_node_radius (&person), ==, RESEAU_LAYOUT_NODE_RADIUS);
  g_assert_cmpfloat (reseau_layout_node_radius (&strong), ==, 2 * RESEAU_LAYOUT_NODE_RADIUS);
  g_assert_cmpfloat (reseau_layout_node_radius (&small), <, reseau_layout_node_radius (&big));
}

/* Running on a thread ---------------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  guint      n_frames;
  GArray    *last_frame;
  gboolean   done;
  gboolean   ok;
  GError    *error;
  ReseauLayout *layout;
} RunState;

static void
on_positions (GArray   *positions,
              gpointer  user_data)
{
  RunState *state = user_data;

  g_assert_false (state->done);
  state->n_frames++;
  g_clear_pointer (&state->last_frame, g_array_unref);
  state->last_frame = positions;
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunState *state = user_data;

  state->ok = reseau_layout_run_finish (state->layout, result, &state->error);
  state->done = TRUE;
  g_main_loop_quit (state->loop);
}

static void
test_run_async_matches_steps (void)
{
  g_autoptr(ReseauNetwork) network = make_network (300, 12, 3, 900);
  guint n = reseau_network_get_n_nodes (network);
  ReseauLayout *reference = run_to_convergence (network, 77);
  RunState state = { 0, };

  state.loop = g_main_loop_new (NULL, FALSE);
  state.layout = reseau_layout_new (network, 77);
  reseau_layout_run_async (state.layout, 0, on_positions, &state, NULL, on_run_done, &state);
  g_main_loop_run (state.loop);

  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_true (reseau_layout_is_converged (state.layout));
  g_assert_cmpuint (state.n_frames, >=, 1);
  /* The last frame is the final layout, the same as stepping here. */
  g_assert_cmpuint (state.last_frame->len, ==, n);
  g_assert_cmpmem (state.last_frame->data, n * sizeof (ReseauPoint),
                   reseau_layout_get_positions (reference), n * sizeof (ReseauPoint));
  g_assert_cmpmem (reseau_layout_get_positions (state.layout), n * sizeof (ReseauPoint),
                   reseau_layout_get_positions (reference), n * sizeof (ReseauPoint));

  g_array_unref (state.last_frame);
  g_main_loop_unref (state.loop);
  reseau_layout_free (state.layout);
  reseau_layout_free (reference);
}

static void
test_run_async_cancelled (void)
{
  g_autoptr(ReseauNetwork) network = make_network (2000, 50, 10, 8000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  RunState state = { 0, };

  state.loop = g_main_loop_new (NULL, FALSE);
  state.layout = reseau_layout_new (network, 1);
  g_cancellable_cancel (cancellable);
  reseau_layout_run_async (state.layout, 1000, on_positions, &state, cancellable,
                           on_run_done, &state);
  g_main_loop_run (state.loop);

  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (state.ok);
  g_assert_false (reseau_layout_is_converged (state.layout));
  g_assert_cmpuint (state.n_frames, ==, 0);

  /* Nothing arrives after the callback either. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (state.n_frames, ==, 0);

  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
  reseau_layout_free (state.layout);
}

/* View transform ---------------------------------------------------------------- */

static void
test_view_transform_round_trip (void)
{
  ReseauViewTransform view = { .zoom = 2.0, .origin_x = -100.0, .origin_y = 50.0 };
  ReseauPoint world = { 20.0f, 70.0f };
  ReseauPoint back;
  double sx, sy;

  reseau_view_transform_to_screen (&view, world, &sx, &sy);
  g_assert_cmpfloat (sx, ==, 240.0);
  g_assert_cmpfloat (sy, ==, 40.0);

  back = reseau_view_transform_to_world (&view, sx, sy);
  g_assert_cmpfloat (back.x, ==, world.x);
  g_assert_cmpfloat (back.y, ==, world.y);
}

static void
test_view_transform_zoom_at (void)
{
  ReseauViewTransform view = { .zoom = 1.0, .origin_x = 0.0, .origin_y = 0.0 };
  ReseauPoint before = reseau_view_transform_to_world (&view, 300.0, 200.0);
  ReseauPoint after;

  reseau_view_transform_zoom_at (&view, 2.5, 300.0, 200.0);
  g_assert_cmpfloat (view.zoom, ==, 2.5);
  after = reseau_view_transform_to_world (&view, 300.0, 200.0);
  g_assert_cmpfloat_with_epsilon (after.x, before.x, 1e-4);
  g_assert_cmpfloat_with_epsilon (after.y, before.y, 1e-4);

  reseau_view_transform_zoom_at (&view, 1000.0, 0.0, 0.0);
  g_assert_cmpfloat (view.zoom, ==, RESEAU_VIEW_MAX_ZOOM);
  reseau_view_transform_zoom_at (&view, 1e-6, 0.0, 0.0);
  g_assert_cmpfloat (view.zoom, ==, RESEAU_VIEW_MIN_ZOOM);
}

static void
test_view_transform_fit (void)
{
  ReseauPoint points[] = { { -100.0f, -50.0f }, { 300.0f, 150.0f }, { 0.0f, 0.0f } };
  ReseauViewTransform view = { .zoom = 1.0 };

  reseau_view_transform_fit (&view, points, G_N_ELEMENTS (points), 840.0, 640.0, 20.0);

  /* 400 × 200 world units in 800 × 600 pixels: the width decides. */
  g_assert_cmpfloat_with_epsilon (view.zoom, 2.0, 1e-9);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double sx, sy;

      reseau_view_transform_to_screen (&view, points[i], &sx, &sy);
      g_assert_cmpfloat (sx, >=, 20.0 - 1e-6);
      g_assert_cmpfloat (sx, <=, 820.0 + 1e-6);
      g_assert_cmpfloat (sy, >=, 20.0 - 1e-6);
      g_assert_cmpfloat (sy, <=, 620.0 + 1e-6);
    }

  /* One point: centred, at zoom 1. */
  reseau_view_transform_fit (&view, points, 1, 200.0, 100.0, 10.0);
  g_assert_cmpfloat (view.zoom, ==, 1.0);
  g_assert_cmpfloat (view.origin_x, ==, -200.0);
  g_assert_cmpfloat (view.origin_y, ==, -100.0);
}

/* Hit-testing ------------------------------------------------------------------ */

/* Three people: a at (0, 0), b at (1000, 0), and c at (1004, 0) over b;
 * a has strength 0 (radius 8), b and c strength 50 (radius 12). */
static ReseauLayout *
make_hit_layout (ReseauNetwork **network_out)
{
  ReseauNetwork *network = reseau_network_new ();
  const char *keys[] = { "p:a", "p:b", "p:c" };
  const ReseauPoint where[] = { { 0.0f, 0.0f }, { 1000.0f, 0.0f }, { 1004.0f, 0.0f } };
  ReseauLayout *layout;

  for (guint i = 0; i < 3; i++)
    {
      guint index = reseau_network_add_node (network, RESEAU_NODE_PERSON, keys[i], keys[i] + 2);

      reseau_network_get_node_mut (network, index)->strength = i == 0 ? 0 : 50;
    }

  layout = reseau_layout_new (network, 1);
  for (guint i = 0; i < 3; i++)
    reseau_layout_set_position (layout, i, where[i]);

  *network_out = network;
  return layout;
}

static void
screen_of (const ReseauViewTransform *view,
           float                      x,
           float                      y,
           double                    *sx,
           double                    *sy)
{
  reseau_view_transform_to_screen (view, (ReseauPoint) { x, y }, sx, sy);
}

static void
test_hit_test_zoom_1 (void)
{
  g_autoptr(ReseauNetwork) network = NULL;
  ReseauLayout *layout = make_hit_layout (&network);
  ReseauViewTransform view = { .zoom = 1.0, .origin_x = -50.0, .origin_y = -50.0 };
  double sx, sy;

  screen_of (&view, 0.0f, 0.0f, &sx, &sy);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx, sy), ==, 0);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 7.5, sy), ==, 0);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 5.0, sy - 5.0), ==, 0);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 8.5, sy), ==, -1);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 6.0, sy + 6.0), ==, -1);

  /* b alone on its left, b and c overlapping in the middle: c is on top. */
  screen_of (&view, 1000.0f, 0.0f, &sx, &sy);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx - 10.0, sy), ==, 1);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 2.0, sy), ==, 2);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 15.0, sy), ==, 2);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 17.0, sy), ==, -1);

  reseau_layout_free (layout);
}

static void
test_hit_test_zoom_4 (void)
{
  g_autoptr(ReseauNetwork) network = NULL;
  ReseauLayout *layout = make_hit_layout (&network);
  ReseauViewTransform view = { .zoom = 4.0, .origin_x = -20.0, .origin_y = -20.0 };
  double sx, sy;

  /* Radius 8 world units is 32 pixels. */
  screen_of (&view, 0.0f, 0.0f, &sx, &sy);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 31.0, sy), ==, 0);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx, sy - 31.0), ==, 0);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 33.0, sy), ==, -1);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 23.0, sy + 23.0), ==, -1);

  screen_of (&view, 1000.0f, 0.0f, &sx, &sy);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx - 47.0, sy), ==, 1);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 8.0, sy), ==, 2);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 63.0, sy), ==, 2);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 65.0, sy), ==, -1);

  reseau_layout_free (layout);
}

static void
test_hit_test_zoom_0_05 (void)
{
  g_autoptr(ReseauNetwork) network = NULL;
  ReseauLayout *layout = make_hit_layout (&network);
  ReseauViewTransform view = { .zoom = 0.05, .origin_x = -200.0, .origin_y = -200.0 };
  double sx, sy;

  /* Radius 8 world units would be 0.4 pixels: the 4-pixel minimum
   * applies, 80 world units. */
  screen_of (&view, 0.0f, 0.0f, &sx, &sy);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx, sy), ==, 0);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 3.5, sy), ==, 0);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx - 2.0, sy + 2.0), ==, 0);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 4.5, sy), ==, -1);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 3.0, sy + 3.0), ==, -1);

  /* b and c are 0.2 pixels apart: c, drawn last, wins almost everywhere;
   * b only on its far left. */
  screen_of (&view, 1000.0f, 0.0f, &sx, &sy);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx, sy), ==, 2);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx - 3.9, sy), ==, 1);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 4.1, sy), ==, 2);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx + 4.3, sy), ==, -1);

  reseau_layout_free (layout);
}

/* The brute-force answer, to check the grid on a big layout. */
static int
hit_test_linear (ReseauNetwork             *network,
                 const ReseauPoint         *points,
                 const ReseauViewTransform *view,
                 double                     sx,
                 double                     sy)
{
  double wx = sx / view->zoom + view->origin_x;
  double wy = sy / view->zoom + view->origin_y;
  int best = -1;

  for (guint i = 0; i < reseau_network_get_n_nodes (network); i++)
    {
      double radius = MAX (reseau_layout_node_radius (reseau_network_get_node (network, i)),
                           4.0 / view->zoom);
      double dx = wx - points[i].x;
      double dy = wy - points[i].y;

      if (dx * dx + dy * dy <= radius * radius)
        best = i;
    }

  return best;
}

static void
test_hit_test_matches_brute_force (void)
{
  g_autoptr(ReseauNetwork) network = make_network (20000, 400, 20, 20000);
  ReseauLayout *layout = reseau_layout_new (network, 2);
  const double zooms[] = { 0.02, 0.05, 0.3, 1.0, 4.0 };
  const ReseauPoint *points;
  guint32 state = 99;
  guint hits = 0;

  for (guint i = 0; i < 20; i++)
    reseau_layout_step (layout);
  points = reseau_layout_get_positions (layout);

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      ReseauViewTransform view = { 0, };

      view.zoom = zooms[z];
      for (guint k = 0; k < 300; k++)
        {
          guint node;
          double sx, sy;
          int expected;

          state = state * 1103515245u + 12345u;
          node = (state >> 8) % reseau_network_get_n_nodes (network);
          view.origin_x = points[node].x - 400.0 / view.zoom;
          view.origin_y = points[node].y - 300.0 / view.zoom;
          state = state * 1103515245u + 12345u;
          sx = 400.0 + ((state >> 8) % 41) - 20.0;
          sy = 300.0 + ((state >> 16) % 41) - 20.0;

          expected = hit_test_linear (network, points, &view, sx, sy);
          g_assert_cmpint (reseau_layout_hit_test (layout, &view, sx, sy), ==, expected);
          hits += expected >= 0;
        }
    }

  /* The sample is not all misses. */
  g_assert_cmpuint (hits, >, 300);
  reseau_layout_free (layout);
}

static void
test_hit_test_follows_moves (void)
{
  g_autoptr(ReseauNetwork) network = NULL;
  ReseauLayout *layout = make_hit_layout (&network);
  ReseauViewTransform view = { .zoom = 1.0, .origin_x = 0.0, .origin_y = 0.0 };

  g_assert_cmpint (reseau_layout_hit_test (layout, &view, 500.0, 500.0), ==, -1);
  reseau_layout_set_position (layout, 0, (ReseauPoint) { 500.0f, 500.0f });
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, 500.0, 500.0), ==, 0);
  g_assert_cmpint (reseau_layout_hit_test (layout, &view, 0.0, 0.0), ==, -1);

  reseau_layout_free (layout);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/deterministic-for-seed", test_deterministic_for_seed);
  g_test_add_func ("/layout/deterministic-from-known-positions", test_deterministic_from_known_positions);
  g_test_add_func ("/layout/exact-and-approximate-agree", test_exact_and_approximate_agree);
  g_test_add_func ("/layout/converges-within-budget", test_converges_within_budget);
  g_test_add_func ("/layout/known-positions-are-kept", test_known_positions_are_kept);
  g_test_add_func ("/layout/reopened-map-barely-moves", test_reopened_map_barely_moves);
  g_test_add_func ("/layout/pinned-node-stays", test_pinned_node_stays);
  g_test_add_func ("/layout/empty-and-single", test_empty_and_single);
  g_test_add_func ("/layout/node-radius", test_node_radius);
  g_test_add_func ("/layout/run-async-matches-steps", test_run_async_matches_steps);
  g_test_add_func ("/layout/run-async-cancelled", test_run_async_cancelled);
  g_test_add_func ("/view/round-trip", test_view_transform_round_trip);
  g_test_add_func ("/view/zoom-at", test_view_transform_zoom_at);
  g_test_add_func ("/view/fit", test_view_transform_fit);
  g_test_add_func ("/hit-test/zoom-1", test_hit_test_zoom_1);
  g_test_add_func ("/hit-test/zoom-4", test_hit_test_zoom_4);
  g_test_add_func ("/hit-test/zoom-0.05", test_hit_test_zoom_0_05);
  g_test_add_func ("/hit-test/matches-brute-force", test_hit_test_matches_brute_force);
  g_test_add_func ("/hit-test/follows-moves", test_hit_test_follows_moves);

  return g_test_run ();
}
