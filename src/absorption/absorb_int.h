/* The absorption stage's treated-skin run on the spatial models: the same physics as the 1D
 * model (transport_int.h: media, vehicle with evaporation, deposit and wash-off, closure,
 * accounting), on the axisymmetric channel cell or a 3D patch of channels.
 * Each fills an mni_solution1d exactly as mni_solve1d does (amounts per m² of skin at the
 * problem's output times), so the stage's summary and outputs do not care which model ran. */
#ifndef MNSIM_ABSORPTION_ABSORB_INT_H
#define MNSIM_ABSORPTION_ABSORB_INT_H

#include "mnsim/absorption.h"
#include "spatial/build_int.h"
#include "transport/transport_int.h"

/** Axisymmetric cells around channels of pb's density, radius and depth. depth_sd_m > 0: three
 *  cells at depth - sqrt(3) sd, depth, depth + sqrt(3) sd weighted 1/6, 2/3, 1/6 (Gauss-Hermite),
 *  their amounts averaged. pb->n_columns must be 2 (channels given). */
mn_status mni_absorb_axisym(mn_ctx *ctx, const mni_problem1d *pb, double depth_sd_m,
                            mni_solution1d *out);

/** Channels given by the puncture stage: positions in a periodic square of side side_m. */
typedef struct mni_channel_list {
  const double *x_m, *y_m, *depth_m, *radius_m;
  size_t n;
  double side_m;
} mni_channel_list;

/** 3D patch of the puncture stage's channels (set, not NULL: the stage never places channels
 *  of its own): the window [0, w)² of the set's square holding about 16 channels at pb's
 *  density (the whole square if smaller), with the channels whose centres lie in it, periodic
 *  on the window; LOD steps from 0.5 s, step doubling on simulation.tolerance (first order in
 *  time). The flux of each output is the rate into the body at that time, as in 1d. */
mn_status mni_absorb_3d(mn_ctx *ctx, const mni_problem1d *pb, const mni_channel_list *set,
                        mni_solution1d *out);

/* Shared by the two: the skin column of the problem (layer_comp[l]: compartment of layer l),
 * the solution's arrays, and the final mass balance check. */
void mni_absorb_column(const mni_problem1d *pb, mni_skin_column *col, mn_compartment *layer_comp);
/** Per material of mni_build_materials (2 n_layers: tissue, then channel): whether it is SC
 *  (its diffusivity follows the hydration) and its initial u (the loading zone's tissue at the
 *  problem's load concentration, the rest 0). */
void mni_absorb_material_state(const mni_problem1d *pb, const mni_skin_column *col,
                               const mn_compartment *layer_comp, bool *is_sc, double *u0);
mn_status mni_absorb_alloc(mn_ctx *ctx, size_t n_out, mni_solution1d *out);
mn_status mni_absorb_finish(mn_ctx *ctx, mni_solution1d *out, const char *model);

/** Model choice of simulation.model = auto: a rule on the channels' geometry, not on the
 *  tolerance (absorb_choose.c, docs/model.md section 5). *reason receives a static sentence. */
mn_model mni_absorb_choose(const mni_problem1d *pb, const char **reason);

/** The stage (mn_absorption_run, mn_absorption_run_set) on channels given as statistics and,
 *  for the 3d model, as a list of their own (set NULL: statistics only; the 3d model then
 *  fails with MN_E_CONFIG). Tests build a list with tests/support/bench_cases.h. */
mn_status mni_absorption_run_list(mn_ctx *ctx, const mn_scenario *s, const mn_layer_stack *layers,
                                  const mn_puncture_stats *channels, const mni_channel_list *set,
                                  mn_absorption **out);

/** The field of a run's treated skin; NULL when its model keeps none (1d, intact only). */
const mni_field_store *mni_absorption_field(const mn_absorption *a);

#endif /* MNSIM_ABSORPTION_ABSORB_INT_H */
