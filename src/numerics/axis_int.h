/* Grids of the spatial solvers: one non-uniform axis per direction (tensor product).
 *
 * An axis is its n + 1 faces, increasing. Faces sit on every interface given (layer
 * boundaries, channel walls and bottoms) so that the harmonic face conductances make a layered
 * medium's steady flux exact (shared numerics notes, "Partition jumps"); inside a segment the
 * cells grow geometrically away from both ends (ratio <= 1.2), from h_min up to h_max. */
#ifndef MNSIM_NUMERICS_AXIS_INT_H
#define MNSIM_NUMERICS_AXIS_INT_H

#include <stddef.h>

#include "mnsim/core.h"

typedef struct mni_axis {
  size_t n;       /* cells */
  double *face_m; /* n + 1 faces, increasing */
} mni_axis;

/** n equal cells on [lo_m, hi_m]. */
mn_status mni_axis_uniform(mn_ctx *ctx, double lo_m, double hi_m, size_t n, mni_axis *out);

/** Faces on every break (breaks_m increasing, first and last are the ends); inside each
 *  segment cells start at h_min_m at both ends and grow by `ratio` up to h_max_m. */
mn_status mni_axis_graded(mn_ctx *ctx, const double *breaks_m, size_t n_breaks, double h_min_m,
                          double h_max_m, double ratio, mni_axis *out);

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

#endif /* MNSIM_NUMERICS_AXIS_INT_H */
