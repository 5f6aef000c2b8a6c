/* The treated-skin run on a 3D patch of channels (see absorb_int.h). */
#include "spatial/absorb_int.h"

mn_status mni_absorb_3d(mn_ctx *ctx, const mni_problem1d *pb, double depth_sd_m, uint64_t seed,
                        mni_solution1d *out)
{
  (void)pb, (void)depth_sd_m, (void)seed, (void)out;
  return mni_fail(ctx, MN_E_UNSUPPORTED, "simulation.model = 3d: not wired into the stage yet");
}
