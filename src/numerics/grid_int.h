/* The one graded grid of the solvers (grid.c): an axis is its n + 1 faces, increasing; the 1D
 * model uses one axis in depth (mni_grid1d adds its centres and widths), the spatial solvers
 * one per direction (tensor product).
 *
 * Faces sit on every break given (layer interfaces, channel walls and bottoms) so that the
 * harmonic face conductances make a layered medium's steady flux exact (shared numerics notes,
 * "Partition jumps"); inside a segment the cells grow geometrically away from both ends, from
 * h_first up to h_max. Two rules fill a segment (mni_grading): the 1D model's and the spatial
 * solvers' grids were tuned (and validated) with different ones, and each keeps its cells.
 * No silent cap: more than MNI_GRID_MAX_CELLS cells on an axis is MN_E_CONFIG. */
#ifndef MNSIM_NUMERICS_GRID_INT_H
#define MNSIM_NUMERICS_GRID_INT_H

#include <stddef.h>

#include "mnsim/core.h"

/** Most cells on one axis (a 1D model of that size already takes minutes). */
#define MNI_GRID_MAX_CELLS 1000000

typedef struct mni_axis {
  size_t n;       /* cells */
  double *face_m; /* n + 1 faces, increasing */
} mni_axis;

typedef enum mni_grading {
  /* cells alternate between the two ends (h_first, h_first g, ... up to h_max) until they
   * cover the segment; then all are scaled to fill it exactly (the 1D model) */
  MNI_GRADE_SCALED = 0,
  /* geometric from both ends up to the middle, unscaled; a run of equal cells no wider than
   * the last closes the gap (the spatial solvers) */
  MNI_GRADE_MIDDLE = 1
} mni_grading;

typedef struct mni_grid_opts {
  double h_first_m;        /* width of the cells touching a stratum corneum face */
  double h_first_tissue_m; /* width of the cells touching the other breaks */
  double fine_until_m;     /* segments ending at or above this depth use h_first_m
                                   (the solvers set it to the stratum corneum's bottom) */
  double h_max_m;          /* cap on a cell's width (a segment's h_first when larger) */
  double growth;           /* ratio of neighbouring cells inside a segment, in [1, 2] */
  int refine;              /* split every cell into 2^refine equal cells (convergence) */
  mni_grading grading;
} mni_grid_opts;

/** The 1D model's defaults (MNI_GRADE_SCALED, growth 1.2). */
mni_grid_opts mni_grid_opts_default(void);

/** n equal cells on [lo_m, hi_m]. */
mn_status mni_axis_uniform(mn_ctx *ctx, double lo_m, double hi_m, size_t n, mni_axis *out);

/** Faces on every break (breaks_m increasing, the first and last are the ends), cells graded
 *  inside each segment by o. */
mn_status mni_axis_graded(mn_ctx *ctx, const double *breaks_m, size_t n_breaks,
                          const mni_grid_opts *o, mni_axis *out);

/** Free the faces; the axis becomes empty. */
void mni_axis_free(mn_ctx *ctx, mni_axis *a);

/** Width of cell i [m]. */
static inline double mni_axis_width(const mni_axis *a, size_t i)
{
  return a->face_m[i + 1] - a->face_m[i];
}
/** Centre of cell i [m]. */
static inline double mni_axis_centre(const mni_axis *a, size_t i)
{
  return 0.5 * (a->face_m[i] + a->face_m[i + 1]);
}
/** The cell containing x (clamped to the axis). */
size_t mni_axis_find(const mni_axis *a, double x_m);

/* ---- The 1D model's depth grid: an axis from the surface with its centres and widths ---- */

typedef struct mni_grid1d {
  size_t n;         /* cells */
  double *face_m;   /* n + 1 face depths, face_m[0] = 0 (the surface) */
  double *center_m; /* n cell centres */
  double *h_m;      /* n cell widths */
} mni_grid1d;

/** Grid over [0, iface_m[n_iface-1]] with a face on every depth of iface_m (increasing, > 0). */
mn_status mni_grid1d_build(mn_ctx *ctx, const double *iface_m, size_t n_iface,
                           const mni_grid_opts *o, mni_grid1d *out);
void mni_grid1d_free(mn_ctx *ctx, mni_grid1d *g);

#endif /* MNSIM_NUMERICS_GRID_INT_H */
