/* simulation.model = auto: a fixed rule on the channels' geometry (docs/model.md §5, "auto").
 * simulation.tolerance plays no part in it: no model here has an estimate of its own modelling
 * error, so none can be said to meet a tolerance. The rule, in order:
 *   1. no channels: 1d. Intact skin is uniform sideways, so the 1d column is exact;
 *   2. openings touch (the equal-area cell radius R = 1 / sqrt(pi n) is below 1.5 channel radii
 *      a, i.e. an area fraction n pi a^2 above 1 / 2.25 = 44 %): 3d. The axisymmetric cylinder
 *      holds one channel and cannot represent crowding or overlap; the 3d patch can, at a cost
 *      of minutes;
 *   3. otherwise: axisymmetric. It resolves the flow around a channel, which the 1d exchange
 *      model lumps into a pseudo-steady conductance (ascorbic acid, 200 channels/cm² 150 µm
 *      deep: 1.95 % absorbed in 1d against 2.22 % in the cell at 15 min, docs/model.md §5),
 *      and costs well under a second.
 * The 1d two-pathway model is never chosen with channels: it is there to be asked for. */
#include <math.h>

#include "absorption/absorb_int.h"

/* Rule 2's threshold: cell radius over channel radius below which the openings touch. */
#define TOUCHING_CELL_RADII 1.5

mn_model mni_absorb_choose(const mni_problem1d *pb, const char **reason)
{
  if (pb->n_columns < 2 || pb->pore_density_per_m2 <= 0 || pb->pore_radius_m <= 0) {
    *reason = "no channels: intact skin is uniform sideways, 1d is exact";
    return MN_MODEL_1D;
  }
  double R = 1.0 / sqrt(MN_PI * pb->pore_density_per_m2);
  if (R < TOUCHING_CELL_RADII * pb->pore_radius_m) {
    *reason = "channels overlap (cell radius below 1.5 channel radii): the 3d patch resolves "
              "them";
    return MN_MODEL_3D;
  }
  *reason = "channels apart, cell radius at least 1.5 channel radii: the axisymmetric cell "
            "resolves the flow around each; a rule on geometry, not on simulation.tolerance";
  return MN_MODEL_AXISYMMETRIC;
}
