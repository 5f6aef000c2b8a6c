/* The healing model's parameters from the compiled-in data/healing.yaml, read once per context
 * through the catalogue helper (core/catalog_int.h). Rates are written per day in the file and
 * converted to per second here, once. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/catalog_int.h"
#include "healing/healing_int.h"

#define WHAT "data/healing.yaml"

/* Read `key` of the mapping `sec` (named `entry` in messages) into *out, scaled by factor. */
static mn_status get(mn_ctx *ctx, struct fy_node *sec, const char *entry, const char *key,
                     double factor, double *out)
{
  double v = 0.0;
  MN_TRY(mni_yaml_double(ctx, WHAT, entry, sec, key, &v));
  *out = v * factor;
  return MN_OK;
}

static const double per_day = 1.0 / 86400.0;

static mn_status load_model(mn_ctx *ctx, struct fy_node *m, mni_heal_params *p)
{
  mni_heal_rates *r = &p->rates;
  struct {
    const char *key;
    double factor;
    double *out;
  } items[] = {
      {"k_D_per_day", per_day, &r->k_D},
      {"r_M_per_day", per_day, &r->r_M},
      {"k_sw_per_day", per_day, &r->k_sw},
      {"d_M_per_day", per_day, &r->d_M},
      {"k_T1_per_day", per_day, &r->k_T1},
      {"k_T2_per_day", per_day, &r->k_T2},
      {"k_TF_per_day", per_day, &r->k_TF},
      {"d_T_per_day", per_day, &r->d_T},
      {"r_F_per_day", per_day, &r->r_F},
      {"d_F_per_day", per_day, &r->d_F},
      {"K_F", 1.0, &r->K_F},
      {"K_T", 1.0, &r->K_T},
      {"k_m_per_day", per_day, &r->k_m},
      {"k_3_per_day", per_day, &r->k_3},
      {"k_MC_per_day", per_day, &r->k_MC},
      {"phi", 1.0, &r->phi},
      {"s3_per_day", per_day, &r->s3},
      {"s1_per_day", per_day, &r->s1},
      {"k_E_per_day", per_day, &r->k_E},
      {"elastin_to_collagen1", 1.0, &p->elastin_to_collagen1},
  };
  for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
    MN_TRY(get(ctx, m, "model", items[i].key, items[i].factor, items[i].out));
    if (!(*items[i].out >= 0.0))
      return mni_fail(ctx, MN_E_CONFIG, "%s: model.%s = %g must be >= 0", WHAT, items[i].key,
                      *items[i].out / items[i].factor);
  }
  if (!(r->K_F > 1.0 && r->K_T > 0.0 && r->d_T > 0.0 && r->k_D > 0.0))
    return mni_fail(ctx, MN_E_CONFIG, "%s: model: need K_F > 1, K_T > 0, d_T > 0, k_D > 0", WHAT);
  /* Soluble collagen I leaves its pool at one rate; a share is cross-linked, the rest degraded. */
  double efflux = 0.0, crosslinked = 0.0;
  MN_TRY(get(ctx, m, "model", "soluble_collagen_efflux_per_day", per_day, &efflux));
  MN_TRY(get(ctx, m, "model", "soluble_collagen_crosslinked_fraction", 1.0, &crosslinked));
  if (!(efflux > 0.0 && crosslinked >= 0.0 && crosslinked <= 1.0))
    return mni_fail(ctx, MN_E_CONFIG,
                    "%s: model: soluble_collagen_efflux_per_day = %g must be > 0 and "
                    "soluble_collagen_crosslinked_fraction = %g in [0, 1]",
                    WHAT, efflux / per_day, crosslinked);
  r->k_x = efflux * crosslinked;
  r->k_1 = efflux * (1.0 - crosslinked);
  /* The fibroblasts' matrix synthesis returns to rest with this half-life. */
  double synth_half_life_days = 0.0;
  MN_TRY(get(ctx, m, "model", "synthesis_half_life_days", 1.0, &synth_half_life_days));
  if (!(isfinite(synth_half_life_days) && synth_half_life_days > 0.0))
    return mni_fail(ctx, MN_E_CONFIG,
                    "%s: model.synthesis_half_life_days = %g must be a finite number of days > 0",
                    WHAT, synth_half_life_days);
  r->k_S = log(2.0) / (synth_half_life_days * 86400.0);
  r->s_E = p->elastin_to_collagen1 * r->s1;
  return MN_OK;
}

static mn_status load_calibration(mn_ctx *ctx, struct fy_node *c, mni_heal_params *p)
{
  mni_heal_calibration *cal = &p->cal;
  double interval_weeks, read_weeks, percent, type3_day, density, mean_um, sd_um;
  double sc_um, ve_um, dermis_um;
  MN_TRY(mni_yaml_int(ctx, WHAT, "calibration", c, "sessions", &cal->sessions));
  MN_TRY(get(ctx, c, "calibration", "interval_weeks", 1.0, &interval_weeks));
  MN_TRY(get(ctx, c, "calibration", "read_after_weeks", 1.0, &read_weeks));
  MN_TRY(get(ctx, c, "calibration", "collagen_change_percent", 1.0, &percent));
  MN_TRY(get(ctx, c, "calibration", "type3_day", 1.0, &type3_day));
  MN_TRY(get(ctx, c, "calibration", "type3_fraction", 1.0, &cal->type3_fraction));
  MN_TRY(get(ctx, c, "calibration", "density_per_cm2", 1.0, &density));
  MN_TRY(get(ctx, c, "calibration", "mean_depth_um", 1.0, &mean_um));
  MN_TRY(get(ctx, c, "calibration", "depth_sd_um", 1.0, &sd_um));
  MN_TRY(get(ctx, c, "calibration", "stratum_corneum_um", 1.0, &sc_um));
  MN_TRY(get(ctx, c, "calibration", "viable_epidermis_um", 1.0, &ve_um));
  MN_TRY(get(ctx, c, "calibration", "dermis_um", 1.0, &dermis_um));
  MN_TRY(get(ctx, c, "calibration", "age_years", 1.0, &cal->age_years));
  if (cal->sessions < 1 || !(interval_weeks > 0.0) || !(read_weeks > 0.0) || !(percent > 0.0) ||
      !(type3_day > 0.0) || !(cal->type3_fraction > 0.0 && cal->type3_fraction < 1.0) ||
      !(cal->age_years > 0.0))
    return mni_fail(ctx, MN_E_CONFIG, "%s: calibration: protocol and targets must be positive",
                    WHAT);
  if (!(density > 0.0 && mean_um > 0.0 && sd_um >= 0.0 && sc_um > 0.0 && ve_um > 0.0 &&
        dermis_um > 0.0))
    return mni_fail(ctx, MN_E_CONFIG, "%s: calibration: the session's numbers must be positive",
                    WHAT);
  cal->interval_s = mn_weeks_to_s(interval_weeks);
  cal->read_after_s = mn_weeks_to_s(read_weeks);
  cal->collagen_change_frac = percent / 100.0;
  cal->type3_time_s = mn_days_to_s(type3_day);

  mn_layer_stack *L = &cal->layers;
  memset(L, 0, sizeof *L);
  strcpy(L->site, "calibration");
  L->thickness_m[MN_LAYER_STRATUM_CORNEUM] = mn_um_to_m(sc_um);
  L->thickness_m[MN_LAYER_VIABLE_EPIDERMIS] = mn_um_to_m(ve_um);
  L->thickness_m[MN_LAYER_DERMIS] = mn_um_to_m(dermis_um);
  L->thickness_m[MN_LAYER_SUBCUTIS] = mn_mm_to_m(5.0); /* not used: injury stops in the dermis */
  for (int i = 1; i < MN_N_LAYERS; i++)
    L->top_m[i] = L->top_m[i - 1] + L->thickness_m[i - 1];

  mn_puncture_stats *inj = &cal->injury;
  memset(inj, 0, sizeof *inj);
  inj->density_per_m2 = density / mn_cm2_to_m2(1.0);
  inj->mean_depth_m = mn_um_to_m(mean_um);
  inj->depth_sd_m = mn_um_to_m(sd_um);
  inj->max_depth_m = inj->mean_depth_m + 3.0 * inj->depth_sd_m;
  inj->deepest_layer = MN_LAYER_DERMIS;
  inj->bleeding_fraction = 1.0;
  return MN_OK;
}

static mn_status load_inflammation(mn_ctx *ctx, struct fy_node *s, mni_heal_params *p)
{
  double window_days, limit_weeks, min_days, depth_mm, read_months;
  MN_TRY(get(ctx, s, "inflammation", "window_days", 1.0, &window_days));
  MN_TRY(mni_yaml_int(ctx, WHAT, "inflammation", s, "limit_sessions", &p->limit_sessions));
  MN_TRY(get(ctx, s, "inflammation", "limit_interval_weeks", 1.0, &limit_weeks));
  MN_TRY(get(ctx, s, "inflammation", "min_interval_days", 1.0, &min_days));
  MN_TRY(get(ctx, s, "inflammation", "interval_warning_dermal_depth_mm", 1.0, &depth_mm));
  MN_TRY(get(ctx, s, "inflammation", "min_read_months", 1.0, &read_months));
  if (!(window_days > 0.0) || p->limit_sessions < 1 || !(limit_weeks > 0.0))
    return mni_fail(ctx, MN_E_CONFIG, "%s: inflammation: window and limit protocol must be > 0",
                    WHAT);
  p->window_s = mn_days_to_s(window_days);
  p->limit_interval_s = mn_weeks_to_s(limit_weeks);
  p->min_interval_s = mn_days_to_s(min_days);
  p->interval_warn_depth_m = mn_mm_to_m(depth_mm);
  p->min_read_s = mn_months_to_s(read_months);
  return MN_OK;
}

/* Fibroblast collagen output by age: two groups of Varani et al. 2006 (section age). */
static mn_status load_age(mn_ctx *ctx, struct fy_node *s, mni_heal_params *p)
{
  MN_TRY(get(ctx, s, "age", "young_years", 1.0, &p->age_young_years));
  MN_TRY(get(ctx, s, "age", "old_years", 1.0, &p->age_old_years));
  MN_TRY(get(ctx, s, "age", "old_output_ratio", 1.0, &p->age_old_factor));
  if (!(p->age_young_years > 0.0 && p->age_old_years > p->age_young_years &&
        p->age_old_factor > 0.0 && p->age_old_factor <= 1.0))
    return mni_fail(ctx, MN_E_CONFIG,
                    "%s: age: need 0 < young_years < old_years and 0 < old_output_ratio <= 1",
                    WHAT);
  return MN_OK;
}

/* Output relative to the young group: 1 up to young_years, old_output_ratio from old_years. */
static double output_at(const mni_heal_params *p, double age_years)
{
  double a = fmin(fmax(age_years, p->age_young_years), p->age_old_years);
  double x = (a - p->age_young_years) / (p->age_old_years - p->age_young_years);
  return 1.0 - x * (1.0 - p->age_old_factor);
}

double mni_heal_age_factor(const mni_heal_params *p, double age_years)
{
  return output_at(p, age_years) / output_at(p, p->cal.age_years);
}

mni_heal_rates mni_heal_rates_at_age(const mni_heal_params *p, double age_years)
{
  mni_heal_rates r = p->rates;
  double f = mni_heal_age_factor(p, age_years);
  r.s1 *= f;
  r.s3 *= f;
  r.s_E *= f;
  return r;
}

/* The dermal part of downtime is tau_d (x_d / 1 mm)^p. Each anchor is a session (dermal depth,
 * density) whose downtime is the geometric centre of its band: solve for p and tau_d. */
static mn_status load_downtime(mn_ctx *ctx, struct fy_node *s, mni_heal_params *p)
{
  double x[2], cover[2], lo[2], hi[2];
  char key[64];
  MN_TRY(get(ctx, s, "downtime", "tau_epi_days", 1.0, &p->tau_epi_days));
  MN_TRY(get(ctx, s, "downtime", "coverage_exponent", 1.0, &p->coverage_exponent));
  for (int i = 0; i < 2; i++) {
    mn_puncture_stats anchor;
    memset(&anchor, 0, sizeof anchor);
    snprintf(key, sizeof key, "anchor%d_dermal_depth_um", i + 1);
    MN_TRY(get(ctx, s, "downtime", key, 1e-3, &x[i])); /* in mm */
    snprintf(key, sizeof key, "anchor%d_density_per_cm2", i + 1);
    MN_TRY(get(ctx, s, "downtime", key, 1e4, &anchor.density_per_m2)); /* per m^2 */
    cover[i] = mni_heal_wound_coverage(p, &anchor) / p->ref_coverage;
    snprintf(key, sizeof key, "anchor%d_days_low", i + 1);
    MN_TRY(get(ctx, s, "downtime", key, 1.0, &lo[i]));
    snprintf(key, sizeof key, "anchor%d_days_high", i + 1);
    MN_TRY(get(ctx, s, "downtime", key, 1.0, &hi[i]));
  }
  double dermal[2];
  for (int i = 0; i < 2; i++)
    dermal[i] = sqrt(lo[i] * hi[i]) / pow(cover[i], p->coverage_exponent) - p->tau_epi_days;
  if (!(x[0] > 0.0 && x[1] > x[0] && dermal[0] > 0.0 && dermal[1] > dermal[0]))
    return mni_fail(ctx, MN_E_CONFIG,
                    "%s: downtime: anchors must reach the dermis and increase (dermal depths "
                    "%g, %g mm; dermal days %g, %g)",
                    WHAT, x[0], x[1], dermal[0], dermal[1]);
  p->depth_exponent = log(dermal[1] / dermal[0]) / log(x[1] / x[0]);
  p->tau_derm_days = dermal[0] / pow(x[0], p->depth_exponent);
  return MN_OK;
}

/* The calibration session is the unit of the injury (I = 1). Its wound zones reach a set share
 * of the mean spacing between its channels, 1/sqrt(n): that fixes the wound zone radius. */
mn_status mni_heal_set_reference(mn_ctx *ctx, mni_heal_params *p)
{
  const mn_puncture_stats *inj = &p->cal.injury;
  p->wound_radius_m = p->wound_reach_of_spacing / sqrt(inj->density_per_m2);
  p->ref_wounded_m = mni_heal_wounded_dermis_m(p, &p->cal.layers, inj);
  p->ref_coverage = mni_heal_wound_coverage(p, inj);
  p->ref_dermal_depth_m =
      mni_heal_dermal_depth_m(&p->cal.layers, inj->mean_depth_m, inj->depth_sd_m);
  if (!(p->ref_wounded_m > 0.0 && p->ref_dermal_depth_m > 0.0))
    return mni_fail(ctx, MN_E_CONFIG, "%s: calibration: the session does not reach the dermis",
                    WHAT);
  return MN_OK;
}

static mn_status parse_all(mn_ctx *ctx, const mni_catalog *file, void *extra)
{
  mni_heal_params *out = extra;
  struct fy_node *model = mni_yaml_child(file->root, "model");
  struct fy_node *cal = mni_yaml_child(file->root, "calibration");
  struct fy_node *infl = mni_yaml_child(file->root, "inflammation");
  struct fy_node *down = mni_yaml_child(file->root, "downtime");
  struct fy_node *injury = mni_yaml_child(file->root, "injury");
  struct fy_node *age = mni_yaml_child(file->root, "age");
  struct fy_node *pih = mni_yaml_child(file->root, "pih");
  MN_REQUIRE(ctx, model && cal && injury && infl && down && age && pih, MN_E_CONFIG,
             "%s: needs the sections model, calibration, injury, inflammation, downtime, age, "
             "pih",
             WHAT);
  MN_TRY(load_model(ctx, model, out));
  MN_TRY(load_calibration(ctx, cal, out));
  MN_TRY(get(ctx, injury, "injury", "wound_reach_of_spacing", 1.0, &out->wound_reach_of_spacing));
  MN_REQUIRE(ctx, out->wound_reach_of_spacing > 0.0, MN_E_CONFIG,
             "%s: injury.wound_reach_of_spacing = %g must be > 0", WHAT,
             out->wound_reach_of_spacing);
  MN_TRY(mni_heal_set_reference(ctx, out));
  MN_TRY(load_inflammation(ctx, infl, out));
  MN_TRY(load_downtime(ctx, down, out));
  MN_TRY(load_age(ctx, age, out));
  MN_TRY(get(ctx, pih, "pih", "per_type", 1.0, &out->pih_per_type));
  MN_TRY(get(ctx, pih, "pih", "per_log_share", 1.0, &out->pih_per_log_share));
  MN_TRY(get(ctx, pih, "pih", "laser_percent_type4", 0.01, &out->pih_laser_type4));
  MN_TRY(get(ctx, pih, "pih", "laser_reference_share", 1.0, &out->pih_laser_ref_share));
  MN_TRY(get(ctx, pih, "pih", "needling_percent_type4", 0.01, &out->pih_needling_type4));
  MN_REQUIRE(ctx,
             out->pih_laser_type4 > 0 && out->pih_laser_type4 < 1 && out->pih_needling_type4 > 0 &&
                 out->pih_needling_type4 < 1 && out->pih_laser_ref_share > 0,
             MN_E_CONFIG, "%s: pih: the reference risks must be in (0, 100) %% and the share > 0",
             WHAT);
  /* Solved once here rather than in every run (it was a third of a course's time). */
  out->limit_28d_days = NAN;
  return mni_heal_inflammation_limit(ctx, out, &out->limit_28d_days);
}

static const mni_catalog_schema schema = {.extra_size = sizeof(mni_heal_params),
                                          .parse_extra = parse_all};

mn_status mni_heal_params_load(mn_ctx *ctx, mni_heal_params *out)
{
  const mni_catalog *file = NULL;
  MN_TRY(mni_catalog_get(ctx, MNI_SLOT_HEALING, &schema, &file));
  *out = *(const mni_heal_params *)file->extra;
  return MN_OK;
}
