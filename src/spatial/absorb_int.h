/* The absorption stage's treated-skin run on the spatial models: the same physics as the 1D
 * model (transport_int.h: media, vehicle with evaporation, deposit and wash-off, closure,
 * accounting), on the axisymmetric channel cell or a 3D patch of channels.
 * Each fills an mni_solution1d exactly as mni_solve1d does (amounts per m² of skin at the
 * problem's output times), so the stage's summary and outputs do not care which model ran. */
#ifndef MNSIM_SPATIAL_ABSORB_INT_H
#define MNSIM_SPATIAL_ABSORB_INT_H

#include "transport/transport_int.h"

/** Axisymmetric cells around channels of pb's density, radius and depth. depth_sd_m > 0: three
 *  cells at depth - sqrt(3) sd, depth, depth + sqrt(3) sd weighted 1/6, 2/3, 1/6 (Gauss-Hermite),
 *  their amounts averaged. pb->n_columns must be 2 (channels given). */
mn_status mni_absorb_axisym(mn_ctx *ctx, const mni_problem1d *pb, double depth_sd_m,
                            mni_solution1d *out);

/** 3D patch of about n_target channels at pb's density, placed at random (seeded) with depths
 *  drawn from mean and sd, periodic sides; LOD steps growing from 1 s to dt_max_s. */
mn_status mni_absorb_3d(mn_ctx *ctx, const mni_problem1d *pb, double depth_sd_m, uint64_t seed,
                        mni_solution1d *out);

/** Model choice of simulation.model = auto: the cheapest that meets the tolerance (docs/model.md
 *  section 5). *reason receives a static sentence. */
mn_model mni_absorb_choose(const mni_problem1d *pb, double depth_sd_m, const char **reason);

#endif /* MNSIM_SPATIAL_ABSORB_INT_H */
