/* simulation.model = auto: the cheapest model that meets simulation.tolerance.
 *
 * Intact skin is uniform sideways: 1d is exact. With channels, the 1d two-pathway model
 * replaces the flow around each channel by a pseudo-steady exchange (docs/model.md §4); its
 * error against the resolved cell is a modelling error, not one the tolerance controls, and on
 * the default scenario it is well above 1e-2 (docs/model.md §5), so with channels auto takes
 * the axisymmetric cell, which resolves that flow at a cost of well under a second. The cell
 * assumes channels on a regular pattern that do not overlap; when they crowd so that
 * openings touch (cell radius below 1.5 channel radii, area fraction above about 44 %) the
 * cylinder cannot hold them and auto takes the 3d patch, whatever it costs (minutes). */
#include <math.h>

#include "absorption/absorb_int.h"

mn_model mni_absorb_choose(const mni_problem1d *pb, double depth_sd_m, const char **reason)
{
  (void)depth_sd_m;
  if (pb->n_columns < 2 || pb->pore_density_per_m2 <= 0 || pb->pore_radius_m <= 0) {
    *reason = "no channels: intact skin is uniform sideways, 1d is exact";
    return MN_MODEL_1D;
  }
  double R = 1.0 / sqrt(MN_PI * pb->pore_density_per_m2);
  if (R < 1.5 * pb->pore_radius_m) {
    *reason = "channels overlap (cell radius below 1.5 channel radii): the 3d patch resolves "
              "them";
    return MN_MODEL_3D;
  }
  *reason = "channels resolved by the axisymmetric cell: the 1d exchange model's error is "
            "above the tolerance and the cell costs well under a second";
  return MN_MODEL_AXISYMMETRIC;
}
