/* From one session's channels to the healing model's inputs: the injury impulse and the days
 * of visible redness (docs/model.md sections 6.2 and 6.6).
 *
 * Depths of the channels are taken as normal, Z ~ N(mean, sd); S(z) = P(Z > z) is the share of
 * channels that reach depth z. The expected length of a channel inside the dermis (top a,
 * bottom b) is x_d = integral_a^b S(z) dz = G(a) - G(b) with
 * G(c) = E[(Z - c)+] = (mu - c) Phi(t) + sd phi(t), t = (mu - c) / sd.
 *
 * Each channel wounds the tissue within r_w of its track (the wound zone radius, one value for
 * every channel: it is mostly tissue around the cut, not the cut itself). Punctures that land
 * in tissue already wounded add nothing, so what counts is the union of the wound zones. With
 * n channels per area placed at random (Poisson), the share of the dermis wounded at depth z is
 * c(z) = 1 - exp(-n pi r_w^2 S(z)), and the wounded dermis per skin area is
 * W = integral_a^b c(z) dz. Sparse channels give W = n pi r_w^2 x_d (the sum of
 * the channels); channels that crowd give W -> the depth reached (the union saturates). */
#include <math.h>

#include "healing/healing_int.h"

/* Above mean - 8 sd every channel passes (S = 1 to 1e-15), beyond mean + 8 sd none: c(z) is
 * flat outside that window, and smooth on the scale of sd inside it (Simpson). */
#define WOUND_DEPTH_SDS      8.0
#define WOUND_QUAD_INTERVALS 256

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

/* Mean number of wound zones over a point of the surface: n pi r^2. A needle's cut lies within
 * r_w; a laser zone destroys the tissue out to its own radius, and the tissue that reacts
 * reaches r_w beyond it (assumed: the same reach around dead tissue as around a cut;
 * docs/model.md §9). */
static double zones_per_point(const mni_heal_params *p, const mn_puncture_stats *inj)
{
  double r = p->wound_radius_m + inj->zone_radius_m;
  return inj->density_per_m2 * MN_PI * r * r;
}

double mni_heal_wound_coverage(const mni_heal_params *p, const mn_puncture_stats *inj)
{
  return -expm1(-zones_per_point(p, inj));
}

/* c(z) = 1 - exp(-m S(z)) */
static double covered(double m, double mu, double sd, double z)
{
  double S = 0.5 * erfc((z - mu) / (sd * sqrt(2.0)));
  return -expm1(-m * S);
}

double mni_heal_wounded_dermis_m(const mni_heal_params *p, const mn_layer_stack *layers,
                                 const mn_puncture_stats *inj)
{
  double a = layers->top_m[MN_LAYER_DERMIS];
  double b = a + layers->thickness_m[MN_LAYER_DERMIS];
  double m = zones_per_point(p, inj), mu = inj->mean_depth_m, sd = inj->depth_sd_m;
  if (!(m > 0.0)) return 0.0;
  /* Where every channel passes, c = 1 - exp(-m); below the window nothing is wounded. */
  double half = sd > 0.0 ? WOUND_DEPTH_SDS * sd : 0.0, lo = mu - half, hi = mu + half;
  double W = -expm1(-m) * fmax(0.0, fmin(lo, b) - a);
  lo = fmax(lo, a);
  hi = fmin(hi, b);
  if (!(hi > lo)) return W;
  double h = (hi - lo) / WOUND_QUAD_INTERVALS;
  double sum = covered(m, mu, sd, lo) + covered(m, mu, sd, hi);
  for (int k = 1; k < WOUND_QUAD_INTERVALS; k++)
    sum += (k % 2 ? 4.0 : 2.0) * covered(m, mu, sd, lo + h * (double)k);
  return W + sum * h / 3.0;
}

/* I = W / W_calibration: the wounded dermis per skin area over the calibration session's. */
double mni_heal_impulse(const mni_heal_params *p, const mn_layer_stack *layers,
                        const mn_puncture_stats *inj)
{
  return mni_heal_wounded_dermis_m(p, layers, inj) / p->ref_wounded_m;
}

/* days = (C / C_ref)^q [tau_epi min(1, depth / top of dermis) + tau_d (x_d / 1 mm)^p], with C the
 * share of the skin inside a wound zone (the same union as the impulse). */
double mni_heal_downtime_days(const mni_heal_params *p, const mn_layer_stack *layers,
                              const mn_puncture_stats *inj)
{
  double top = layers->top_m[MN_LAYER_DERMIS];
  double x_d_mm = mn_m_to_mm(mni_heal_dermal_depth_m(layers, inj->mean_depth_m, inj->depth_sd_m));
  double epi = top > 0.0 ? fmin(1.0, inj->mean_depth_m / top) : 1.0;
  double cover = pow(mni_heal_wound_coverage(p, inj) / p->ref_coverage, p->coverage_exponent);
  return cover * (p->tau_epi_days * epi + p->tau_derm_days * pow(x_d_mm, p->depth_exponent));
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
