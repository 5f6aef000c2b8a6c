/* The non-uniform 1D grid of the 1D model (grid1d.c): a face on every interface, cells growing
 * geometrically inside each segment. */
#ifndef MNSIM_NUMERICS_GRID1D_INT_H
#define MNSIM_NUMERICS_GRID1D_INT_H

#include <stddef.h>

#include "mnsim/core.h"

/* ---- Grid ------------------------------------------------------------------------------------ */

typedef struct mni_grid1d {
  size_t n;         /* cells */
  double *face_m;   /* n + 1 face depths, face_m[0] = 0 (the surface) */
  double *center_m; /* n cell centres */
  double *h_m;      /* n cell widths */
} mni_grid1d;

typedef struct mni_grid_opts {
  double h_first_m;        /* width of the cells touching a stratum corneum face */
  double h_first_tissue_m; /* width of the cells touching the other interfaces */
  double fine_until_m;     /* segments ending at or above this depth use h_first_m
                                   (the solver sets it to the stratum corneum's bottom) */
  double h_max_m;          /* cap on a cell's width */
  double growth;           /* ratio of neighbouring cells inside a segment (<= 1.2) */
  int refine;              /* split every cell into 2^refine equal cells (convergence) */
} mni_grid_opts;

mni_grid_opts mni_grid_opts_default(void);
/** Grid over [0, iface_m[n_iface-1]] with a face on every depth of iface_m (increasing, > 0). */
mn_status mni_grid1d_build(mn_ctx *ctx, const double *iface_m, size_t n_iface,
                           const mni_grid_opts *o, mni_grid1d *out);
void mni_grid1d_free(mn_ctx *ctx, mni_grid1d *g);

#endif /* MNSIM_NUMERICS_GRID1D_INT_H */
