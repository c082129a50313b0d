/* reseau-layout-private.h — the layout's quadtree, and switches for tests
 * and the bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-layout.h"

G_BEGIN_DECLS

/* A Barnes–Hut quadtree over n bodies, rebuilt for each step. Cells are
 * kept in one array and refer to each other by index, so that a rebuild
 * reuses the memory of the previous one. */
typedef struct
{
  double cx;          /* centre of mass, once summarized */
  double cy;
  double mass;
  double x0;          /* the cell's square */
  double y0;
  double size;
  int    child;       /* first of four consecutive children, or -1 for a leaf */
  int    body;        /* a leaf's first body (chained through next_body), or -1 */
} ReseauQuadCell;

typedef struct
{
  ReseauQuadCell *cells;
  guint           n_cells;
  guint           n_allocated;
  int            *next_body;    /* bodies that share a leaf at the deepest level */
  guint           n_bodies;
} ReseauQuadtree;

void     reseau_quadtree_init    (ReseauQuadtree *tree);
void     reseau_quadtree_clear   (ReseauQuadtree *tree);
void     reseau_quadtree_build   (ReseauQuadtree *tree,
                                  const double   *x,
                                  const double   *y,
                                  const double   *mass,
                                  guint           n);
/* Adds to (*fx, *fy) the repulsion on body i at (x, y) of mass m and
 * radius r: strength × m × m' / d from every other body, far cells
 * summarized when size / distance < theta (theta = 0 would be the exact
 * O(n) sum). Two bodies closer than their radii allow push harder
 * (reseau_layout_collision_factor()). */
void     reseau_quadtree_repulse (const ReseauQuadtree *tree,
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
                                  double               *fy);

/* 1, or more when two nodes of radii ra and rb at squared distance d2
 * overlap (with a little room): (room / d)², so that discs part instead
 * of piling up on a hub. */
static inline double
reseau_layout_collision_factor (double ra,
                                double rb,
                                double d2)
{
  double room = 1.2 * (ra + rb);

  return d2 < room * room ? room * room / MAX (d2, 1e-2) : 1.0;
}

/* The Barnes–Hut opening angle (RESEAU_LAYOUT_DEFAULT_THETA unless set);
 * 0 makes repulsion exact, O(n²) per step: the bench's reference. */
#define RESEAU_LAYOUT_DEFAULT_THETA 0.8
void     reseau_layout_set_theta (ReseauLayout *self,
                                  double        theta);

G_END_DECLS
