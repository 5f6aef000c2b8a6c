/* Patterns: where the needles of every pass enter the simulated patch (docs/model.md, 3). */
#ifndef MNSIM_PATTERN_INT_H
#define MNSIM_PATTERN_INT_H

#include "core/core_int.h"
#include "mnsim/puncture.h"

/* A growing list of puncture positions in the patch [0, side)^2. */
typedef struct mni_points {
  double *x_m; /* one block of 2 cap doubles: x, then y */
  double *y_m;
  size_t n;
  size_t cap;
} mni_points;

void mni_points_free(mn_ctx *ctx, mni_points *p);

/** Lay every pass (treatment->passes, in the directions of treatment->pattern) over the square
 *  patch of side side_m, appending the entries to out in a fixed order. */
mn_status mni_pattern_generate(mn_ctx *ctx, const mn_device *device,
                               const mn_scenario_treatment *treatment, double side_m, mn_rng *rng,
                               mni_points *out);

#endif /* MNSIM_PATTERN_INT_H */
