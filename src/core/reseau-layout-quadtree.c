/* reseau-layout-quadtree.c — Barnes–Hut repulsion for the layout
 *
 * Bodies go in one by one, in index order, so that the tree and the
 * order of every floating-point sum are the same for the same input:
 * that is what keeps a seeded layout identical bit for bit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "reseau-layout-private.h"

/* Bodies closer than this to each other share a leaf instead of splitting
 * it forever; 2^-24 of the map's width is far below a pixel. */
#define MAX_DEPTH 24
/* Deep enough for MAX_DEPTH levels of three pending siblings each. */
#define STACK_SIZE (4 * MAX_DEPTH + 8)

void
reseau_quadtree_init (ReseauQuadtree *tree)
{
  memset (tree, 0, sizeof *tree);
}

void
reseau_quadtree_clear (ReseauQuadtree *tree)
{
  g_clear_pointer (&tree->cells, g_free);
  g_clear_pointer (&tree->next_body, g_free);
  tree->n_cells = tree->n_allocated = tree->n_bodies = 0;
}

static guint
new_cells (ReseauQuadtree *tree,
           guint           count)
{
  guint first = tree->n_cells;

  if (tree->n_cells + count > tree->n_allocated)
    {
      tree->n_allocated = MAX (2 * tree->n_allocated, tree->n_cells + count + 64);
      tree->cells = g_renew (ReseauQuadCell, tree->cells, tree->n_allocated);
    }
  tree->n_cells += count;

  return first;
}

static void
init_cell (ReseauQuadCell *cell,
           double          x0,
           double          y0,
           double          size)
{
  cell->cx = cell->cy = cell->mass = 0.0;
  cell->x0 = x0;
  cell->y0 = y0;
  cell->size = size;
  cell->child = -1;
  cell->body = -1;
}

static guint
quadrant_of (const ReseauQuadCell *cell,
             double                x,
             double                y)
{
  double half = cell->size / 2.0;

  return (x >= cell->x0 + half ? 1 : 0) + (y >= cell->y0 + half ? 2 : 0);
}

static void
split (ReseauQuadtree *tree,
       guint           index)
{
  guint first = new_cells (tree, 4);
  ReseauQuadCell *cell = &tree->cells[index];
  double half = cell->size / 2.0;

  for (guint q = 0; q < 4; q++)
    init_cell (&tree->cells[first + q],
               cell->x0 + ((q & 1) ? half : 0.0),
               cell->y0 + ((q & 2) ? half : 0.0),
               half);
  cell->child = (int) first;
}

static void
insert (ReseauQuadtree *tree,
        guint           body,
        const double   *x,
        const double   *y)
{
  guint index = 0;
  guint depth = 0;

  for (;;)
    {
      ReseauQuadCell *cell = &tree->cells[index];

      if (cell->child >= 0)
        {
          index = cell->child + quadrant_of (cell, x[body], y[body]);
          depth++;
          continue;
        }

      if (cell->body < 0 || depth >= MAX_DEPTH)
        {
          tree->next_body[body] = cell->body;
          cell->body = (int) body;
          return;
        }

      /* An occupied leaf above the deepest level: push its body down
       * and try again from the same cell, now split. */
      {
        int resident = cell->body;
        guint child;

        cell->body = -1;
        split (tree, index);
        cell = &tree->cells[index];
        child = cell->child + quadrant_of (cell, x[resident], y[resident]);
        tree->cells[child].body = resident;
        tree->next_body[resident] = -1;
      }
    }
}

/* Children are always stored after their parent, so one backward pass
 * sums every cell after its children. */
static void
summarize (ReseauQuadtree *tree,
           const double   *x,
           const double   *y,
           const double   *mass)
{
  for (guint c = tree->n_cells; c-- > 0;)
    {
      ReseauQuadCell *cell = &tree->cells[c];
      double m = 0.0, sx = 0.0, sy = 0.0;

      if (cell->child >= 0)
        {
          for (guint q = 0; q < 4; q++)
            {
              const ReseauQuadCell *child = &tree->cells[cell->child + q];

              m += child->mass;
              sx += child->cx * child->mass;
              sy += child->cy * child->mass;
            }
        }
      else
        {
          for (int b = cell->body; b >= 0; b = tree->next_body[b])
            {
              m += mass[b];
              sx += x[b] * mass[b];
              sy += y[b] * mass[b];
            }
        }

      cell->mass = m;
      cell->cx = m > 0.0 ? sx / m : 0.0;
      cell->cy = m > 0.0 ? sy / m : 0.0;
    }
}

void
reseau_quadtree_build (ReseauQuadtree *tree,
                       const double   *x,
                       const double   *y,
                       const double   *mass,
                       guint           n)
{
  double min_x = 0.0, min_y = 0.0, max_x = 0.0, max_y = 0.0;
  double size;

  if (tree->n_bodies < n)
    tree->next_body = g_renew (int, tree->next_body, n);
  tree->n_bodies = n;
  tree->n_cells = 0;

  for (guint i = 0; i < n; i++)
    {
      if (i == 0 || x[i] < min_x) min_x = x[i];
      if (i == 0 || y[i] < min_y) min_y = y[i];
      if (i == 0 || x[i] > max_x) max_x = x[i];
      if (i == 0 || y[i] > max_y) max_y = y[i];
    }

  /* A square a little larger than the bounds, so that the bodies on the
   * far edge fall inside it. */
  size = MAX (MAX (max_x - min_x, max_y - min_y), 1.0) * 1.0001 + 1e-3;
  new_cells (tree, 1);
  init_cell (&tree->cells[0], min_x, min_y, size);

  for (guint i = 0; i < n; i++)
    insert (tree, i, x, y);

  summarize (tree, x, y, mass);
}

/* Two bodies on the same spot push each other along a direction that
 * depends only on their indices, so the layout stays deterministic. */
static void
separate_coincident (guint   i,
                     guint   j,
                     double *dx,
                     double *dy)
{
  double angle = (double) ((i * 2654435761u) ^ (j * 40503u)) * (G_PI * 2.0 / 4294967296.0);

  *dx = cos (angle) * 1e-3;
  *dy = sin (angle) * 1e-3;
  if (i < j)
    {
      *dx = -*dx;
      *dy = -*dy;
    }
}

static inline void
push_away (double  dx,
           double  dy,
           double  scale,
           double *fx,
           double *fy)
{
  /* Magnitude scale / d along (dx, dy) / d; the floor keeps two nearly
   * coincident bodies from flinging each other across the map. */
  double push = scale / MAX (dx * dx + dy * dy, 1e-2);

  *fx += dx * push;
  *fy += dy * push;
}

void
reseau_quadtree_repulse (const ReseauQuadtree *tree,
                         guint                 i,
                         double                x,
                         double                y,
                         double                m,
                         double                r,
                         const double         *bx,
                         const double         *by,
                         const double         *bmass,
                         const float          *bradius,
                         double                strength,
                         double                theta,
                         double               *fx,
                         double               *fy)
{
  int stack[STACK_SIZE];
  guint top = 0;
  double theta2 = theta * theta;

  if (tree->n_cells == 0)
    return;

  stack[top++] = 0;
  while (top > 0)
    {
      const ReseauQuadCell *cell = &tree->cells[stack[--top]];
      double dx, dy;

      if (cell->mass <= 0.0)
        continue;

      if (cell->child < 0)
        {
          for (int b = cell->body; b >= 0; b = tree->next_body[b])
            {
              if ((guint) b == i)
                continue;
              dx = x - bx[b];
              dy = y - by[b];
              if (dx == 0.0 && dy == 0.0)
                separate_coincident (i, b, &dx, &dy);
              push_away (dx, dy,
                         strength * m * bmass[b] *
                         reseau_layout_collision_factor (r, bradius[b], dx * dx + dy * dy),
                         fx, fy);
            }
          continue;
        }

      dx = x - cell->cx;
      dy = y - cell->cy;
      /* A cell that holds the body itself is always opened, or the body
       * would push itself. */
      if (cell->size * cell->size < theta2 * (dx * dx + dy * dy) &&
          !(x >= cell->x0 && x < cell->x0 + cell->size &&
            y >= cell->y0 && y < cell->y0 + cell->size))
        {
          push_away (dx, dy, strength * m * cell->mass, fx, fy);
          continue;
        }

      g_assert (top + 4 <= STACK_SIZE);
      for (guint q = 4; q-- > 0;)
        if (tree->cells[cell->child + q].mass > 0.0)
          stack[top++] = cell->child + q;
    }
}
