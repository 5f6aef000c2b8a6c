/* Closure of the channels' barrier (docs/model.md §4; physics notes §3).
 *
 * The open fraction c of the channels decays with first-order kinetics, dc/dt = -c / tau, with
 *   tau_air = 0.5 h   open to the air (resealed within 2 h ≈ 3 tau: Gupta et al. 2011),
 *   tau_wet = 24 h / ln 2   when occluded or with the product on the skin (closure half-life
 *                           20-26 h: Brogden group 2021, PMC8259462),
 * both ×1.3 in darker skin (Fitzpatrick 5-6; micropore lifetime 66.5 h in Black vs 50.2 h in
 * White participants: Ogunjimi et al. 2020). Between needling and application the channels
 * are open to air (unless occluded); after application they close at tau_wet while the film is
 * wet and at tau_air once it has dried or been washed off. c(t) is exact: tau is piecewise
 * constant. */
#include <math.h>

#include "transport/transport_int.h"

#define TAU_AIR_S        (0.5 * 3600.0)
#define T_HALF_WET_S     (24.0 * 3600.0)
#define DARK_SKIN_FACTOR 1.3

mni_closure mni_closure_from_scenario(const mn_scenario *s, const mni_vehicle *v)
{
  double f = s->skin.fitzpatrick >= 5 ? DARK_SKIN_FACTOR : 1.0;
  mni_closure c;
  c.tau_air_s = TAU_AIR_S * f;
  c.tau_wet_s = T_HALF_WET_S / log(2.0) * f;
  bool occluded = s->treatment.occluded;
  double tau_before = occluded ? c.tau_wet_s : c.tau_air_s;
  c.open_at_application = exp(-s->formulation.applied_after_s / tau_before);
  c.wet_until_s = occluded ? HUGE_VAL : fmin(mni_vehicle_dry_time(v), v->wash_off_s);
  return c;
}

double mni_closure_open_frac(const mni_closure *c, double t_s)
{
  if (t_s <= 0) return c->open_at_application;
  double t_wet = fmin(t_s, c->wet_until_s);
  double t_air = t_s - t_wet;
  return c->open_at_application * exp(-t_wet / c->tau_wet_s - t_air / c->tau_air_s);
}
