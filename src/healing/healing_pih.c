/* Post-inflammatory hyperpigmentation (PIH) over a course: an empirical logistic model on the
 * patient's Fitzpatrick type and the share of the epidermis a session injures, anchored per
 * modality on trial incidences (data/healing.yaml, section pih; docs/model.md §6.7). It is
 * not a mechanism: no study measures melanocyte response against injured area. */
#include <math.h>

#include "healing/healing_int.h"

static double logit(double p)
{
  return log(p / (1.0 - p));
}

double mni_heal_pih_risk(const mni_heal_params *p, const mn_puncture_stats *inj, int fitzpatrick)
{
  double ref, share;
  if (inj->is_laser) { /* the surface inside the zones, against the usual settings' */
    ref = p->pih_laser_type4;
    share = inj->zone_area_fraction / p->pih_laser_ref_share;
  } else { /* the share inside a wound zone, against the calibration session's */
    ref = p->pih_needling_type4;
    share = mni_heal_wound_coverage(p, inj) / p->ref_coverage;
  }
  if (!(share > 0.0)) return 0.0;
  double x = logit(ref) + p->pih_per_type * ((double)fitzpatrick - 4.0) +
             p->pih_per_log_share * log(share);
  return 1.0 / (1.0 + exp(-x));
}
