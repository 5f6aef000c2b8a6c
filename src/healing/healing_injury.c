/* From one session's channels to the healing model's inputs: the injury impulse and the days
 * of visible redness (docs/model.md section 6).
 *
 * Depths of the channels are taken as normal, N(mean, sd). The expected length of a channel
 * inside the dermis (top a, bottom b) is E[min(max(Z - a, 0), b - a)] = G(a) - G(b) with
 * G(c) = E[(Z - c)+] = (mu - c) Phi(z) + sd phi(z), z = (mu - c) / sd. */
#include <math.h>

#include "healing/healing_int.h"

static double excess_mean(double mu, double sd, double c)
{
  if (!(sd > 0.0)) return mu > c ? mu - c : 0.0;
  double z = (mu - c) / sd;
  double Phi = 0.5 * erfc(-z / sqrt(2.0));
  double phi = exp(-0.5 * z * z) / sqrt(2.0 * MN_PI);
  return (mu - c) * Phi + sd * phi;
}

double mni_heal_dermal_depth_m(const mn_layer_stack *layers, double mean_depth_m, double depth_sd_m)
{
  double a = layers->top_m[MN_LAYER_DERMIS];
  double b = a + layers->thickness_m[MN_LAYER_DERMIS];
  double x = excess_mean(mean_depth_m, depth_sd_m, a) - excess_mean(mean_depth_m, depth_sd_m, b);
  return x > 0.0 ? x : 0.0;
}

/* I = dermal channel length per skin area over the calibration session's: n x_d / (n x_d)_ref. */
double mni_heal_impulse(const mni_heal_params *p, const mn_layer_stack *layers,
                        const mn_puncture_stats *inj)
{
  double x_d = mni_heal_dermal_depth_m(layers, inj->mean_depth_m, inj->depth_sd_m);
  return (inj->density_per_m2 / p->ref_density_per_m2) * (x_d / p->ref_dermal_depth_m);
}

/* days = (n / n_ref)^q [tau_epi min(1, depth / top of dermis) + tau_d (x_d / 1 mm)^p] */
double mni_heal_downtime_days(const mni_heal_params *p, const mn_layer_stack *layers,
                              const mn_puncture_stats *inj)
{
  double top = layers->top_m[MN_LAYER_DERMIS];
  double x_d_mm = mn_m_to_mm(mni_heal_dermal_depth_m(layers, inj->mean_depth_m, inj->depth_sd_m));
  double epi = top > 0.0 ? fmin(1.0, inj->mean_depth_m / top) : 1.0;
  double density = pow(inj->density_per_m2 / p->ref_density_per_m2, p->density_exponent);
  return density * (p->tau_epi_days * epi + p->tau_derm_days * pow(x_d_mm, p->depth_exponent));
}

mn_status mni_heal_check_input(mn_ctx *ctx, const mn_layer_stack *layers,
                               const mn_puncture_stats *inj)
{
  MN_REQUIRE(ctx, isfinite(inj->density_per_m2) && inj->density_per_m2 >= 0.0, MN_E_ARG,
             "healing: injury density_per_m2 = %g must be finite and >= 0 [1/m²]",
             inj->density_per_m2);
  MN_REQUIRE(ctx, isfinite(inj->mean_depth_m) && inj->mean_depth_m >= 0.0, MN_E_ARG,
             "healing: injury mean_depth_m = %g must be finite and >= 0 [m]", inj->mean_depth_m);
  MN_REQUIRE(ctx, isfinite(inj->depth_sd_m) && inj->depth_sd_m >= 0.0, MN_E_ARG,
             "healing: injury depth_sd_m = %g must be finite and >= 0 [m]", inj->depth_sd_m);
  for (int i = 0; i < MN_N_LAYERS; i++)
    MN_REQUIRE(ctx, isfinite(layers->thickness_m[i]) && layers->thickness_m[i] > 0.0, MN_E_ARG,
               "healing: layer %s thickness_m = %g must be > 0 [m]",
               i == MN_LAYER_DERMIS ? "dermis" : (i < MN_LAYER_DERMIS ? "epidermal" : "subcutis"),
               layers->thickness_m[i]);
  return MN_OK;
}
