/* Virtual patients (data/population.yaml, docs/population.md).
 *
 * Patient i draws from its own stream, seeded by (seed, POPULATION_STREAM + i), in a fixed order:
 *   sex          female with probability f (female_share)
 *   age          uniform on [a_min, a_max]
 *   SC, VE       log-normal, mean m_k (the site's, or the scenario's value), CV c_k (the site's)
 *   dermis       m_D * s_sex * g(age) * LN(1, c_w): s_sex = 1 / (f + (1 - f) r) for women and
 *                r times that for men (r: men's / women's dermis), so E[s_sex] = 1;
 *                g(age) = 1 - 0.006 (age - 40) (src/skin/stack.c) with E[g] = 1 on an age range
 *                centred on 40; c_w from (1 + c_D^2) = (1 + c_w^2) E[s_sex^2] E[g^2], so the
 *                population's dermis has the site's mean and CV (independent factors). A dermis
 *                the scenario gives keeps no age factor, as in mn_skin_build.
 *   subcutis     log-normal, the site's mean and CV
 *   Fitzpatrick  categorical with the stated shares
 *   force        log-normal, mean the protocol's force per needle, CV c_F
 *   passes       log-normal, mean the protocol's passes, CV c_P, rounded, at least 1
 *   seed         the patient's own scenario seed (the puncture stage's needles)
 *   kp factor    only with population.compound_uncertainty: 10^(sd N), sd the SD of log10 kp
 *                about the barrier model's value (compound.log_kp_sd); drawn last
 * The scenario's population section replaces the data file's values it gives.
 * A log-normal with mean m and CV c is m exp(sigma N - sigma^2 / 2), sigma^2 = ln(1 + c^2). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog_int.h"
#include "skin/skin_int.h"
#include "study/study_int.h"

#define WHAT "data/population.yaml"

/* The population's streams start here: far from the stages' small stream numbers. */
#define POPULATION_STREAM 0x706f700000000000ULL

/* The age the site table's thicknesses are for (src/skin/stack.c). */
#define TABLE_AGE_YEARS 40.0

typedef struct pop_model {
  double female_share;
  double dermis_ratio; /* men's / women's */
  double age_min_years, age_max_years;
  double fitz_share[6];
  double force_cv, passes_cv;
  double log_kp_sd; /* SD of log10 kp about the barrier model's (compound uncertainty) */
} pop_model;

static mn_status parse_model(mn_ctx *ctx, const mni_catalog *cat, void *extra)
{
  pop_model *m = extra;
  struct fy_node *sex = mni_yaml_child(cat->root, "sex");
  struct fy_node *age = mni_yaml_child(cat->root, "age_years");
  struct fy_node *fz = mni_yaml_child(cat->root, "fitzpatrick");
  struct fy_node *force = mni_yaml_child(cat->root, "force");
  struct fy_node *passes = mni_yaml_child(cat->root, "passes");
  struct fy_node *compound = mni_yaml_child(cat->root, "compound");
  MN_REQUIRE(ctx, sex && age && fz && force && passes && compound, MN_E_CONFIG,
             "%s: needs the sections sex, age_years, fitzpatrick, force, passes and compound",
             WHAT);
  MN_TRY(mni_yaml_double(ctx, WHAT, "compound", compound, "log_kp_sd", &m->log_kp_sd));
  MN_TRY(mni_yaml_double(ctx, WHAT, "sex", sex, "female_share", &m->female_share));
  MN_TRY(mni_yaml_double(ctx, WHAT, "sex", sex, "dermis_male_to_female_ratio", &m->dermis_ratio));
  MN_TRY(mni_yaml_double(ctx, WHAT, "age_years", age, "min", &m->age_min_years));
  MN_TRY(mni_yaml_double(ctx, WHAT, "age_years", age, "max", &m->age_max_years));
  MN_TRY(mni_yaml_double(ctx, WHAT, "force", force, "cv", &m->force_cv));
  MN_TRY(mni_yaml_double(ctx, WHAT, "passes", passes, "cv", &m->passes_cv));
  struct fy_node *shares = NULL;
  MN_TRY(mni_yaml_seq(ctx, WHAT, fz, "shares", &shares));
  MN_REQUIRE(ctx, fy_node_sequence_item_count(shares) == 6, MN_E_CONFIG,
             "%s:%d: fitzpatrick.shares: expected 6 shares (types I to VI)", WHAT,
             mni_yaml_line(shares));
  double sum = 0.0;
  for (int t = 0; t < 6; t++) {
    struct fy_node *item = fy_node_sequence_get_by_index(shares, t);
    const char *text = fy_node_get_scalar0(item);
    char *end = NULL;
    double v = text != NULL ? strtod(text, &end) : (double)NAN;
    MN_REQUIRE(ctx, text != NULL && end != text && *end == '\0' && v >= 0.0 && v <= 1.0,
               MN_E_CONFIG, "%s:%d: fitzpatrick.shares[%d]: expected a number in [0, 1]", WHAT,
               mni_yaml_line(item), t);
    m->fitz_share[t] = v;
    sum += v;
  }
  MN_REQUIRE(ctx, fabs(sum - 1.0) < 1e-9, MN_E_CONFIG,
             "%s: fitzpatrick.shares add up to %g, expected 1", WHAT, sum);
  MN_REQUIRE(ctx, m->female_share >= 0.0 && m->female_share <= 1.0, MN_E_CONFIG,
             "%s: sex.female_share = %g: expected 0 to 1", WHAT, m->female_share);
  MN_REQUIRE(ctx, m->dermis_ratio > 0.0, MN_E_CONFIG,
             "%s: sex.dermis_male_to_female_ratio = %g: expected > 0", WHAT, m->dermis_ratio);
  MN_REQUIRE(ctx,
             m->age_min_years >= 18.0 && m->age_max_years <= 100.0 &&
                 m->age_min_years <= m->age_max_years,
             MN_E_CONFIG, "%s: age_years: expected 18 <= min <= max <= 100 (got %g, %g)", WHAT,
             m->age_min_years, m->age_max_years);
  MN_REQUIRE(ctx, m->force_cv >= 0.0 && m->passes_cv >= 0.0 && m->log_kp_sd >= 0.0,
             MN_E_CONFIG, "%s: force.cv, passes.cv and compound.log_kp_sd must be >= 0", WHAT);
  return MN_OK;
}

static const mni_catalog_schema schema = {.extra_size = sizeof(pop_model),
                                          .parse_extra = parse_model};

/* The data file's distributions with the scenario's population section over them (each value
 * the scenario gives replaces the file's; the scenario's checks hold the ranges). */
static mn_status model_get(mn_ctx *ctx, const mn_scenario *base, pop_model *out)
{
  const mni_catalog *cat = NULL;
  MN_TRY(mni_catalog_get(ctx, MNI_SLOT_POPULATION, &schema, &cat));
  pop_model m = *(const pop_model *)cat->extra;
  const mn_scenario_population *p = &base->population;
  if (!isnan(p->female_share)) m.female_share = p->female_share;
  if (!isnan(p->dermis_male_to_female_ratio)) m.dermis_ratio = p->dermis_male_to_female_ratio;
  if (!isnan(p->age_min_years)) m.age_min_years = p->age_min_years;
  if (!isnan(p->age_max_years)) m.age_max_years = p->age_max_years;
  if (p->n_fitzpatrick_shares == 6) memcpy(m.fitz_share, p->fitzpatrick_shares, sizeof m.fitz_share);
  if (!isnan(p->force_cv)) m.force_cv = p->force_cv;
  if (!isnan(p->passes_cv)) m.passes_cv = p->passes_cv;
  if (!isnan(p->log_kp_sd)) m.log_kp_sd = p->log_kp_sd;
  MN_REQUIRE(ctx, m.age_min_years <= m.age_max_years, MN_E_CONFIG,
             "population.age_years: min %g > max %g years (the scenario's over %s's)",
             m.age_min_years, m.age_max_years, WHAT);
  *out = m;
  return MN_OK;
}

size_t mni_population_inputs(const mn_scenario *base)
{
  return MN_POPULATION_INPUTS + (base->population.compound_uncertainty ? 1 : 0);
}

/* A log-normal draw with mean m and coefficient of variation cv (one normal deviate). */
static double lognormal(mn_rng *rng, double mean, double cv)
{
  double s2 = log(1.0 + cv * cv);
  return mean * exp(sqrt(s2) * mn_rng_normal(rng) - 0.5 * s2);
}

/* A drawn value inside its scenario key's valid range (SI): the tails of a log-normal are cut
 * at the key's bounds, so every patient passes the scenario's validation. */
static double clamp_key(const char *path, double v_si)
{
  const mn_scenario_key *key = mn_scenario_key_find(path);
  if (key == NULL) return v_si;
  double lo = key->min * key->to_si, hi = key->max * key->to_si;
  return v_si < lo ? lo : (v_si > hi ? hi : v_si);
}

/* The within-sex, within-age CV of the dermis that gives the site's CV overall (see the top). */
static double dermis_within_cv(const pop_model *m, double cv_total, bool has_age)
{
  double f = m->female_share, r = m->dermis_ratio;
  double s_w = 1.0 / (f + (1.0 - f) * r), s_m = r * s_w;
  double e_s2 = f * s_w * s_w + (1.0 - f) * s_m * s_m;
  double e_g2 = 1.0;
  if (has_age) { /* uniform age: Var[g] = (0.006 (max - min))^2 / 12, E[g] = 1 when centred */
    double mean_g = mni_skin_dermis_age_factor(0.5 * (m->age_min_years + m->age_max_years));
    double w =
        mni_skin_dermis_age_factor(m->age_min_years) - mni_skin_dermis_age_factor(m->age_max_years);
    e_g2 = mean_g * mean_g + w * w / 12.0;
  }
  double within = (1.0 + cv_total * cv_total) / (e_s2 * e_g2) - 1.0;
  return within > 0.0 ? sqrt(within) : 0.0;
}

mn_status mn_population_sample(mn_ctx *ctx, const mn_scenario *base, uint64_t seed, size_t i,
                               mn_scenario *out, double *inputs)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, base != NULL && out != NULL, MN_E_ARG, "mn_population_sample: NULL argument");
  pop_model model = {0};
  const pop_model *m = &model;
  const mn_site *site = NULL;
  MN_TRY(model_get(ctx, base, &model));
  MN_TRY(mn_site_find(ctx, base->skin.site, &site));
  mn_scenario s = mni_study_base(base);
  mn_rng rng;
  mn_rng_seed(&rng, seed, POPULATION_STREAM + (uint64_t)i);

  bool is_female = mn_rng_uniform(&rng) < m->female_share;
  double age = m->age_min_years + (m->age_max_years - m->age_min_years) * mn_rng_uniform(&rng);

  const double given[MN_N_LAYERS] = {base->skin.stratum_corneum_m, base->skin.viable_epidermis_m,
                                     base->skin.dermis_m, base->skin.subcutis_m};
  double h[MN_N_LAYERS];
  for (int k = 0; k < MN_N_LAYERS; k++) {
    bool is_given = !isnan(given[k]);
    double mean = is_given ? given[k] : site->thickness_m[k];
    if (k != MN_LAYER_DERMIS) {
      h[k] = lognormal(&rng, mean, site->cv[k]);
      continue;
    }
    double f = m->female_share, r = m->dermis_ratio;
    double s_sex = 1.0 / (f + (1.0 - f) * r) * (is_female ? 1.0 : r);
    double g = is_given
                   ? 1.0
                   : mni_skin_dermis_age_factor(age) / mni_skin_dermis_age_factor(TABLE_AGE_YEARS);
    h[k] = mean * s_sex * g * lognormal(&rng, 1.0, dermis_within_cv(m, site->cv[k], !is_given));
  }
  static const char *const layer_keys[MN_N_LAYERS] = {
      "skin.stratum_corneum_um", "skin.viable_epidermis_um", "skin.dermis_um", "skin.subcutis_mm"};
  for (int k = 0; k < MN_N_LAYERS; k++)
    h[k] = clamp_key(layer_keys[k], h[k]);

  double u = mn_rng_uniform(&rng), acc = 0.0;
  int fitz = 6;
  for (int t = 0; t < 6; t++) {
    acc += m->fitz_share[t];
    if (u < acc) {
      fitz = t + 1;
      break;
    }
  }
  double force = lognormal(
      &rng, mn_pressure_force_n(base->treatment.pressure, base->treatment.force_n), m->force_cv);
  force = clamp_key("treatment.force_n", force);
  double passes = floor(lognormal(&rng, (double)base->treatment.passes, m->passes_cv) + 0.5);
  if (passes < 1.0) passes = 1.0;
  passes = clamp_key("treatment.passes", passes);

  s.skin.stratum_corneum_m = h[MN_LAYER_STRATUM_CORNEUM];
  s.skin.viable_epidermis_m = h[MN_LAYER_VIABLE_EPIDERMIS];
  s.skin.dermis_m = h[MN_LAYER_DERMIS];
  s.skin.subcutis_m = h[MN_LAYER_SUBCUTIS];
  s.skin.age_years = age;
  s.skin.fitzpatrick = fitz;
  s.treatment.force_n = force;
  s.treatment.passes = (int)passes;
  s.seed = mn_rng_next(&rng) >> 11; /* 53 bits: exact as a JSON number */
  /* Drawn last, so a population without it keeps every other draw of every patient. */
  double kp_factor = 1.0;
  if (base->population.compound_uncertainty) {
    kp_factor = pow(10.0, m->log_kp_sd * mn_rng_normal(&rng));
    kp_factor = clamp_key("formulation.sc_kp_factor", kp_factor);
    s.formulation.sc_kp_factor = base->formulation.sc_kp_factor * kp_factor;
  }
  *out = s;
  if (inputs != NULL) {
    inputs[0] = is_female ? 1.0 : 0.0;
    inputs[1] = age;
    inputs[2] = mn_m_to_um(h[MN_LAYER_STRATUM_CORNEUM]);
    inputs[3] = mn_m_to_um(h[MN_LAYER_VIABLE_EPIDERMIS]);
    inputs[4] = mn_m_to_um(h[MN_LAYER_DERMIS]);
    inputs[5] = mn_m_to_mm(h[MN_LAYER_SUBCUTIS]);
    inputs[6] = (double)fitz;
    inputs[7] = force;
    inputs[8] = passes;
    if (base->population.compound_uncertainty) inputs[9] = kp_factor;
  }
  return MN_OK;
}

static const char *const input_names[MN_POPULATION_INPUTS + 1] = {
    "patient.female",           "patient.age_years", "skin.stratum_corneum_um",
    "skin.viable_epidermis_um", "skin.dermis_um",    "skin.subcutis_mm",
    "skin.fitzpatrick",         "treatment.force_n", "treatment.passes",
    "formulation.sc_kp_factor",
};

typedef struct pop_rows {
  const mn_scenario *base;
  uint64_t seed;
} pop_rows;

static mn_status pop_row(mn_ctx *ctx, const void *ud, size_t i, mn_scenario *s, double *inputs)
{
  const pop_rows *p = ud;
  return mn_population_sample(ctx, p->base, p->seed, i, s, inputs);
}

mn_status mn_population_run(mn_ctx *ctx, const mn_scenario *base, size_t n, uint64_t seed,
                            mn_study **out)
{
  return mn_population_run_range(ctx, base, n, seed, 0, n, out);
}

mn_status mn_population_run_range(mn_ctx *ctx, const mn_scenario *base, size_t n, uint64_t seed,
                                  size_t first, size_t last, mn_study **out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, out != NULL && base != NULL, MN_E_ARG, "mn_population_run: NULL argument");
  *out = NULL;
  MN_REQUIRE(ctx, n >= 1, MN_E_ARG, "a population needs at least 1 patient (got %zu)", n);
  MN_REQUIRE(ctx, first <= last && last <= n, MN_E_ARG,
             "population: patients %zu to %zu of %zu", first, last, n);
  /* The data file and the site are checked here, once, rather than failing every patient. */
  mn_scenario probe;
  MN_TRY(mn_population_sample(ctx, base, seed, 0, &probe, NULL));
  MN_TRY(mn_scenario_validate(ctx, base));
  mn_study *st = NULL;
  MN_TRY(mni_study_create(ctx, "population", n, mni_population_inputs(base), input_names, &st));
  st->seed = seed;
  st->has_base = true;
  st->base = *base;
  st->first = first;
  st->last = last;
  pop_rows rows = {base, seed};
  mn_status rc = mni_study_fill(ctx, st, pop_row, &rows);
  if (rc != MN_OK) {
    mn_study_destroy(&st);
    return rc;
  }
  *out = st;
  return MN_OK;
}
