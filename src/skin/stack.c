/* The layer stack a run uses: the site's thicknesses with the scenario's overrides, or one
 * person drawn from the site's between-person spread.
 *
 * Sampling (virtual populations): each layer's thickness h is log-normal with the site's mean m
 * and coefficient of variation c, so that E[h] = m and SD[h]/E[h] = c exactly:
 *   sigma^2 = ln(1 + c^2),  mu = ln(m) - sigma^2 / 2,  h = exp(mu + sigma * N(0, 1)).
 * The log-normal keeps every thickness positive and is right-skewed, as measured thicknesses
 * are. Layers are drawn independently (the reference gives no correlations), in the order
 * stratum corneum, viable epidermis, dermis, subcutis, one normal deviate each.
 *
 * Age (patient.age_years): the site's dermis, unless given, thins by 6 % of its value per decade
 * of age (Branchet et al. 1990, Gerontology 36:28, upper inner arm biopsies, men and women):
 *   h(age) = h_site (1 - 0.006 (age - 40)).
 * The site table's thicknesses are taken as those of a 40-year-old (the default age): its
 * cohorts are young to middle-aged adults, and at 40 a default run keeps the table's values.
 * Only the dermis: Branchet's epidermal trend (-5.7 to -7.2 %/decade) is left out because the
 * viable epidermis of the site table is already a facial value of mixed ages. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/core_int.h"
#include "mnsim/skin.h"
#include "skin/skin_int.h"

/* The scenario key of each layer and its unit, for messages. */
static const struct {
  const char *key;
  const char *unit;
  double to_m;
} override_keys[MN_N_LAYERS] = {
    {"skin.stratum_corneum_um", "µm", 1e-6},
    {"skin.viable_epidermis_um", "µm", 1e-6},
    {"skin.dermis_um", "µm", 1e-6},
    {"skin.subcutis_mm", "mm", 1e-3},
};

/* Depth of each layer's top: the running sum of the thicknesses above it. */
static void set_tops(mn_layer_stack *s)
{
  double z_m = 0.0;
  for (int k = 0; k < MN_N_LAYERS; k++) {
    s->top_m[k] = z_m;
    z_m += s->thickness_m[k];
  }
}

/* Branchet 1990: -6 % per decade; the site table's age. */
static const double dermis_loss_per_year = 0.006;
static const double site_table_age_years = 40.0;

double mni_skin_dermis_age_factor(double age_years)
{
  if (!isfinite(age_years)) return 1.0;
  return 1.0 - dermis_loss_per_year * (age_years - site_table_age_years);
}

static void start_stack(mn_layer_stack *s, const mn_site *site)
{
  memset(s, 0, sizeof *s);
  snprintf(s->site, sizeof s->site, "%s", site->name ? site->name : "");
}

mn_status mn_skin_build(mn_ctx *ctx, const mn_scenario_skin *skin, mn_layer_stack *out)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, skin != NULL && out != NULL, MN_E_ARG, "mn_skin_build: NULL argument");
  MN_REQUIRE(ctx, memchr(skin->site, '\0', sizeof skin->site) != NULL, MN_E_CONFIG,
             "skin.site: a name has at most %d characters", MN_NAME_MAX - 1);
  const mn_site *site = NULL;
  MN_TRY(mn_site_find(ctx, skin->site, &site));

  const double given_m[MN_N_LAYERS] = {skin->stratum_corneum_m, skin->viable_epidermis_m,
                                       skin->dermis_m, skin->subcutis_m};
  MN_REQUIRE(ctx, skin->age_years >= 18.0 && skin->age_years <= 100.0, MN_E_CONFIG,
             "patient.age_years = %g: expected 18 to 100 [years]", skin->age_years);
  mn_layer_stack s;
  start_stack(&s, site);
  for (int k = 0; k < MN_N_LAYERS; k++) {
    if (isnan(given_m[k])) { /* not given: the site's value, the dermis at the patient's age */
      s.thickness_m[k] = site->thickness_m[k];
      if (k == MN_LAYER_DERMIS) s.thickness_m[k] *= mni_skin_dermis_age_factor(skin->age_years);
      continue;
    }
    MN_REQUIRE(ctx, isfinite(given_m[k]) && given_m[k] > 0.0, MN_E_CONFIG,
               "%s = %g %s: a thickness must be finite and > 0", override_keys[k].key,
               given_m[k] / override_keys[k].to_m, override_keys[k].unit);
    s.thickness_m[k] = given_m[k];
    s.is_overridden[k] = 1;
  }
  set_tops(&s);
  *out = s;
  return MN_OK;
}

mn_layer_id mn_layer_at_depth(const mn_layer_stack *stack, double z_m)
{
  if (stack == NULL || !(z_m >= stack->top_m[MN_LAYER_VIABLE_EPIDERMIS]))
    return MN_LAYER_STRATUM_CORNEUM; /* also z < 0 (above the surface) and NaN */
  if (z_m < stack->top_m[MN_LAYER_DERMIS]) return MN_LAYER_VIABLE_EPIDERMIS;
  if (z_m < stack->top_m[MN_LAYER_SUBCUTIS]) return MN_LAYER_DERMIS;
  return MN_LAYER_SUBCUTIS;
}

mn_status mn_skin_sample(mn_ctx *ctx, const mn_site *site, mn_rng *rng, mn_layer_stack *out)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, site != NULL && rng != NULL && out != NULL, MN_E_ARG,
             "mn_skin_sample: NULL argument");
  for (int k = 0; k < MN_N_LAYERS; k++) {
    MN_REQUIRE(ctx, isfinite(site->thickness_m[k]) && site->thickness_m[k] > 0.0, MN_E_ARG,
               "site '%s': %s thickness_m = %g must be finite and > 0",
               site->name ? site->name : "", mn_layer_name((mn_layer_id)k), site->thickness_m[k]);
    MN_REQUIRE(ctx, isfinite(site->cv[k]) && site->cv[k] >= 0.0, MN_E_ARG,
               "site '%s': %s cv = %g must be finite and >= 0", site->name ? site->name : "",
               mn_layer_name((mn_layer_id)k), site->cv[k]);
  }
  mn_layer_stack s;
  start_stack(&s, site);
  for (int k = 0; k < MN_N_LAYERS; k++) {
    double sigma2 = log1p(site->cv[k] * site->cv[k]);
    double mu = log(site->thickness_m[k]) - 0.5 * sigma2;
    s.thickness_m[k] = exp(mu + sqrt(sigma2) * mn_rng_normal(rng));
  }
  set_tops(&s);
  *out = s;
  return MN_OK;
}
