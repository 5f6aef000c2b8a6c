/* The stratum corneum's hydration over a run (skin.hydration auto, docs/model.md §4.3).
 *
 * Fully hydrated while the product is occluded or its aqueous film is wet; after the film dries
 * the SC loses its excess water with a time constant of 12 min (range 5-30 min): after 5 min
 * in water, 57 % of the excess water left the skin within 10 min and all of it within 30 min
 * (TEWL, 41 volunteers; Nitiyarom, Siriwat & Wisuthsarewong 2021, Siriraj Med J 73:386; a
 * single exponential through 57 % at 10 min gives 12 min). Between the states the SC keeps the
 * partially hydrated thickness and partition and its diffusivity moves on a log scale from the
 * fully to the partially hydrated kp: the amount the SC holds is then unchanged by hydration
 * (mass is conserved exactly), and the flux at steady state follows the state's kp. The swelling
 * (13.4 -> 43.4 µm, Egawa et al. 2007 saw up to 2x after 90 min of water) is represented only
 * when the SC is fully hydrated for the whole run. */
#include <math.h>

#include "transport/transport_int.h"

double mni_hydration_weight(const mn_compound_props *p, double t_s)
{
  if (p->hydration_state == MN_HYDRATION_FULL) return 1.0;
  if (p->hydration_state == MN_HYDRATION_PARTIAL) return 0.0;
  if (t_s <= p->hydration_full_until_s) return 1.0;
  if (!(p->hydration_relax_s > 0.0)) return 0.0;
  return exp(-(t_s - p->hydration_full_until_s) / p->hydration_relax_s);
}

bool mni_hydration_varies(const mn_compound_props *p)
{
  /* (a zeroed struct, as tests build by hand, has ratio 0: fixed) */
  return p->hydration_state == MN_HYDRATION_AUTO && p->sc_kp_full_over_partial > 0.0 &&
         p->sc_kp_full_over_partial != 1.0;
}

double mni_hydration_D_factor(const mn_compound_props *p, double t_s)
{
  if (!mni_hydration_varies(p)) return 1.0;
  return pow(p->sc_kp_full_over_partial, mni_hydration_weight(p, t_s));
}
