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
 * constant.
 *
 * A fractional laser's crater is not a track the tissue springs back over: it stays open
 * until the epidermis has grown over it, about 48 h after ablative fractional treatment
 * (Hantash et al. 2007, Lasers Surg Med 39:96; 48-72 h in a textbook chapter): tau_crater =
 * 48 h / 3 (95 % closed at 48 h), wet or dry, x1.3 in darker skin as above. */
#include <math.h>

#include "transport/transport_int.h"

#define TAU_AIR_S        (0.5 * 3600.0)
#define T_HALF_WET_S     (24.0 * 3600.0)
#define DARK_SKIN_FACTOR 1.3
#define TAU_CRATER_S     (48.0 * 3600.0 / 3.0)

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

mni_closure mni_closure_of_craters(const mn_scenario *s, const mni_vehicle *v)
{
  mni_closure c = mni_closure_from_scenario(s, v);
  double f = s->skin.fitzpatrick >= 5 ? DARK_SKIN_FACTOR : 1.0;
  c.tau_air_s = c.tau_wet_s = TAU_CRATER_S * f;
  c.open_at_application = exp(-s->formulation.applied_after_s / c.tau_air_s);
  return c;
}
