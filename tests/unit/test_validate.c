/* Validation: every case within its band (except the known disagreements listed below and the
 * published set-ups, whose rows are checked but not their verdicts), the report's numbers equal
 * to what the stages compute directly, well-formed cases, the same bits on every run, bad
 * arguments and out of memory. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mn_test.h"

/* Cases where mnsim disagrees with the literature. They stay failing in the report (the band
 * is not widened to hide them) and are excluded from the must-pass test; docs/validation.md
 * discusses them.
 * - enhancement_permeable_in_vitro: testosterone's steady-flux ER was 4.2-4.8 under a donor left
 *   on (rule: 1-3) with the channels fully aqueous; since issue 13's open pores (0.505 of the
 *   opening, Renkin hindrance) it is 1.7 and passes. Kept here while issue 13 is in progress.
 * - enhancement_hydrophilic_in_vitro: tranexamic acid 1.9e7 (rule 10-1e3): under the wkn
 *   barrier its intact flux after 24 h is about 1/16000 of its steady value (a lag time far
 *   beyond the run), against pores open to the donor.
 * - enhancement_hydrophilic_in_vivo: 3.1e7 (rule 10-1e3): the pores deliver nearly the whole
 *   dose before the serum dries (0.9 h) and the channels close, intact skin 3e-6 %.
 * - kalluri_channel_depth: the 770 um Dermaroller on rat dorsal skin reaches about 305 um
 *   (0.40 of the needle), Kalluri measured 152.5 um (0.20). The insertion model is set on human
 *   data; rat skin enters only through its thinner epidermis + dermis (0.70 mm, low-confidence
 *   values), which deepens the dimple from 94 to 171 um; how loose skin slides over its
 *   subcutis under a roller is not modelled (docs/validation.md, puncture).
 * - lam_buried_fraction_below_1mm: 0.51 of a 0.9 mm stamp pressed at moderate force on the
 *   cheek, Lam's bound < 0.5 (pig skin and silicone): since the cheek has its own thickness
 *   (E+D 2.22 mm, 50 MHz ultrasound) its skin dimples less and the needle goes deeper than on
 *   the 1.07 mm borrowed from the zygoma (0.48 then); the moderate force is assumed. */
static const char *const known_failing[] = {
    "kalluri_channel_depth",
    "lam_buried_fraction_below_1mm",
    "enhancement_permeable_in_vitro",
    "enhancement_hydrophilic_in_vitro",
    "enhancement_hydrophilic_in_vivo",
};

static int is_known_failing(const char *name)
{
  for (size_t i = 0; i < sizeof known_failing / sizeof known_failing[0]; i++)
    if (strcmp(name, known_failing[i]) == 0) return 1;
  return 0;
}

/* The independent cases on published set-ups (docs/validation.md, "Published set-ups"): their
 * rows must be there, marked independent, but their verdicts are reported, not asserted: they
 * are evidence about the physics, which issue 13 is still changing. */
static const char *const published_setups[] = {
    "sjoberg_niacinamide_ph5_permeated",
    "sjoberg_niacinamide_ph74_permeated",
    "sjoberg_niacinamide_ph5_in_skin",
    "sjoberg_niacinamide_ph74_in_skin",
    "sjoberg_niacinamide_skin_per_permeated",
    "sjoberg_niacinamide_ph_ratio",
    "wermeling_naltrexone_er",
    "wermeling_naltrexone_time_to_plateau",
    "wermeling_naltrexone_flux_48h",
    "hoang_amantadine_er",
    "hoang_pramipexole_er",
    "feldmann_caffeine_forearm",
    "bay_mal_dermaroller_er",
    "mikolajewska_mal_er_2pct",
    "mikolajewska_mal_er_16pct",
    /* the fractional laser's zone (issue 15, in progress; docs/model.md section 9) */
    "bedi_1550_40mj_depth",
    "bedi_1550_40mj_width",
    "nafl_no_crater",
    "walgrave_1540_depth",
    "walgrave_1550_depth",
    "eco2_120um_80mj_ablation",
    "eco2_120um_160mj_ablation",
    "eco2_300um_100mj_ablation",
    "eco2_300um_180mj_ablation",
    "eco2_1000um_60mj_ablation",
    "eco2_1000um_220mj_ablation",
    "eco2_1000um_60mj_coagulation",
    "eco2_1000um_220mj_coagulation",
    "hantash_co2_depth_ratio",
    "hantash_co2_width_ratio",
    "er_yag_ablation_per_fluence",
    "er_yag_thermal_rim",
    "milanic_1340_half_depth",
};

static int is_published_setup(const char *name)
{
  for (size_t i = 0; i < sizeof published_setups / sizeof published_setups[0]; i++)
    if (strcmp(name, published_setups[i]) == 0) return 1;
  return 0;
}

/* One report shared by the tests that only read it (a report takes tens of seconds with the
 * laser's zones); made by the group's setup. */
static mn_ctx *shared_ctx;
static mn_validation_report *shared;

static mn_validation_report *run_report(mn_ctx *ctx)
{
  mn_validation_report *r = NULL;
  mn_status st = mn_validate_run(ctx, &r);
  if (st != MN_OK) print_error("mn_validate_run: %s: %s\n", mn_status_str(st), mn_ctx_errmsg(ctx));
  assert_int_equal(st, MN_OK);
  assert_non_null(r);
  return r;
}

static void test_every_case_passes(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_validation_report *r = shared;
  size_t n = mn_validation_report_count(r);
  assert_true(n >= 20);
  for (size_t i = 0; i < n; i++) {
    const mn_validation_case *c = mn_validation_report_case(r, i);
    print_message("%-40s %-14s predicted %-10.4g band [%.4g, %.4g] %s\n", c->name,
                  mn_validation_kind_name(c->kind), c->predicted, c->band_low, c->band_high,
                  c->is_pass ? "pass" : "FAIL");
    if (is_known_failing(c->name) || is_published_setup(c->name)) continue;
    if (!c->is_pass)
      print_error("case %s: predicted %g outside [%g, %g]\n", c->name, c->predicted, c->band_low,
                  c->band_high);
    assert_true(c->is_pass);
  }
  /* Every known failure is still a case of the table (the list does not rot silently). */
  for (size_t i = 0; i < sizeof known_failing / sizeof known_failing[0]; i++)
    assert_non_null(mn_validation_report_find(r, known_failing[i]));
  mn_ctx_destroy(&ctx);
}

/* The report's numbers are the stages' numbers: the Kalluri depth from mn_puncture_run, the
 * Potts-Guy kp from mn_compound_props_derive, the Sjöberg permeation and the Feldmann caffeine
 * from mn_absorption_run, the Lotfi collagen from mn_healing_run, each recomputed here from the
 * set-up the case states. */
static void test_report_equals_the_stages(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_validation_report *r = shared;

  mn_scenario s = mn_scenario_default();
  strcpy(s.device.model, "generic_roller");
  s.device.needle_length_m = 770e-6;
  s.device.needle_base_diameter_m = 140e-6;
  s.device.needle_tip_radius_m = 4e-6;
  s.treatment.pressure = MN_PRESSURE_MODERATE;
  s.treatment.passes = 1;
  /* The rat's dorsal skin of the case, as layer overrides. */
  s.skin.stratum_corneum_m = 18e-6;
  s.skin.viable_epidermis_m = 22e-6;
  s.skin.dermis_m = 660e-6;
  s.skin.subcutis_m = 0.5e-3;
  mn_layer_stack L;
  assert_int_equal(mn_skin_build(ctx, &s.skin, &L), MN_OK);
  mn_channel_set *cs = NULL;
  assert_int_equal(mn_puncture_run(ctx, &s, &L, &cs), MN_OK);
  const mn_puncture_stats *p = mn_channel_set_stats(cs);
  assert_true(mn_validation_report_find(r, "kalluri_channel_depth")->predicted ==
              mn_m_to_um(p->mean_depth_m));
  assert_true(mn_validation_report_find(r, "kalluri_channel_opening")->predicted ==
              mn_m_to_um(p->surface_diameter_m));
  mn_channel_set_destroy(&cs);

  s = mn_scenario_default();
  strcpy(s.formulation.compound, "caffeine");
  mn_compound_props props;
  assert_int_equal(mn_compound_props_derive(ctx, &s.formulation, &props), MN_OK);
  assert_true(mn_validation_report_find(r, "potts_guy_kp_caffeine")->predicted ==
              mn_m_per_s_to_cm_per_h(props.kp_potts_guy_m_per_s));

  s = mn_scenario_default();
  strcpy(s.formulation.compound, "niacinamide");
  strcpy(s.skin.site, "abdomen");
  s.formulation.concentration_kg_per_m3 = 500.0;
  s.formulation.dose_film_m = mn_ul_per_cm2_to_m(140.0);
  s.formulation.infinite_dose = true;
  s.treatment.occluded = true;
  s.simulation.mode = MN_MODE_FRANZ_CELL;
  assert_int_equal(mn_skin_build(ctx, &s.skin, &L), MN_OK);
  mn_absorption *a = NULL;
  assert_int_equal(mn_absorption_run(ctx, &s, &L, NULL, &a), MN_OK);
  /* The dose is the 70 mg/cm² of the study. */
  MN_EXPECT_NEAR(mn_kg_per_m2_to_ug_per_cm2(mn_absorption_summary_get(a)->dose_kg_per_m2), 70e3,
                 1e-12, 0);
  assert_true(mn_validation_report_find(r, "sjoberg_niacinamide_franz_24h")->predicted ==
              mn_absorption_summary_get(a)->intact_absorbed_percent);
  mn_absorption_destroy(&a);

  /* Feldmann & Maibach 1970: 4 ug/cm2 of caffeine in acetone on the forearm, 120 h, intact. */
  s = mn_scenario_default();
  strcpy(s.formulation.compound, "caffeine");
  strcpy(s.skin.site, "forearm");
  s.formulation.vehicle = MN_VEHICLE_ACETONE;
  s.formulation.concentration_kg_per_m3 = 0.4;
  s.formulation.dose_film_m = mn_ul_per_cm2_to_m(10.0);
  s.simulation.model = MN_MODEL_1D;
  s.simulation.duration_s = mn_h_to_s(120);
  assert_int_equal(mn_skin_build(ctx, &s.skin, &L), MN_OK);
  assert_int_equal(mn_absorption_run(ctx, &s, &L, NULL, &a), MN_OK);
  MN_EXPECT_NEAR(mn_kg_per_m2_to_ug_per_cm2(mn_absorption_summary_get(a)->dose_kg_per_m2), 4.0,
                 1e-12, 0);
  assert_true(mn_validation_report_find(r, "feldmann_caffeine_forearm")->predicted ==
              mn_absorption_summary_get(a)->intact_absorbed_percent);
  mn_absorption_destroy(&a);

  /* Lotfi 2013: 5 sessions 4 weeks apart of the calibration session, read 8 weeks later. */
  s = mn_scenario_default();
  s.device.needle_length_m = 1.5e-3;
  s.treatment.passes = 16;
  s.course.sessions = 5;
  s.course.interval_s = mn_weeks_to_s(4);
  s.course.follow_up_s = mn_weeks_to_s(8);
  s.skin.age_years = 30.0; /* the calibration cohort's (data/healing.yaml) */
  assert_int_equal(mn_skin_build(ctx, &s.skin, &L), MN_OK);
  assert_int_equal(mn_puncture_run(ctx, &s, &L, &cs), MN_OK);
  mn_healing *h = NULL;
  assert_int_equal(mn_healing_run(ctx, &s, &L, mn_channel_set_stats(cs), &h), MN_OK);
  assert_true(mn_validation_report_find(r, "lotfi_collagen_5_monthly")->predicted ==
              mn_healing_collagen_change_percent(h));
  mn_healing_destroy(&h);
  mn_channel_set_destroy(&cs);

  mn_ctx_destroy(&ctx);
}

/* The published set-ups' rows are in the report, independent, of the transport stage, with a
 * finite prediction and a band; whether they pass is not asserted (see published_setups). */
static void test_published_setups_present(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_validation_report *r = shared;
  for (size_t i = 0; i < sizeof published_setups / sizeof published_setups[0]; i++) {
    const mn_validation_case *c = mn_validation_report_find(r, published_setups[i]);
    if (c == NULL) print_error("case %s missing\n", published_setups[i]);
    assert_non_null(c);
    assert_int_equal(c->kind, MN_VALIDATION_INDEPENDENT);
    assert_true(c->stage == MN_VALIDATION_TRANSPORT || c->stage == MN_VALIDATION_LASER);
    assert_true(isfinite(c->predicted) && c->predicted >= 0.0);
    assert_true(c->band_low < c->band_high);
    print_message("%-40s predicted %-10.4g band [%.4g, %.4g] %s (not asserted)\n", c->name,
                  c->predicted, c->band_low, c->band_high, c->is_pass ? "pass" : "FAIL");
  }
  mn_ctx_destroy(&ctx);
}

static int is_lower_snake(const char *s)
{
  if (s == NULL || !islower((unsigned char)s[0])) return 0;
  for (; *s; s++)
    if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_')) return 0;
  return 1;
}

static int is_text(const char *s)
{
  return s != NULL && s[0] != '\0';
}

/* Every case is complete and consistent: a unique lowercase name, a stage, the texts, a band
 * that holds the published value, and a verdict that agrees with the band. */
static void test_cases_are_well_formed(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_validation_report *r = shared;
  size_t n = mn_validation_report_count(r), kinds[3] = {0, 0, 0};
  for (size_t i = 0; i < n; i++) {
    const mn_validation_case *c = mn_validation_report_case(r, i);
    assert_true(is_lower_snake(c->name));
    assert_ptr_equal(mn_validation_report_find(r, c->name), c); /* unique */
    assert_string_not_equal(mn_validation_stage_name(c->stage), "?");
    assert_true(is_text(c->measured) && is_text(c->unit) && is_text(c->published_text) &&
                is_text(c->band_basis) && is_text(c->source) && is_text(c->setup) &&
                is_text(c->limits));
    assert_true((int)c->kind >= 0 && (int)c->kind <= 2);
    kinds[c->kind]++;
    assert_true(c->band_low < c->band_high);
    if (isfinite(c->published))
      assert_true(c->published >= c->band_low && c->published <= c->band_high);
    assert_true(isfinite(c->predicted));
    assert_int_equal(c->is_pass, c->predicted >= c->band_low && c->predicted <= c->band_high);
  }
  /* The report says which checks are evidence and which are not. */
  assert_true(kinds[MN_VALIDATION_INDEPENDENT] > 0);
  assert_true(kinds[MN_VALIDATION_CALIBRATION] > 0);
  assert_true(kinds[MN_VALIDATION_IMPLEMENTATION] > 0);
  assert_string_equal(mn_validation_kind_name(MN_VALIDATION_CALIBRATION), "calibration");
  assert_null(mn_validation_report_case(r, n));
  assert_null(mn_validation_report_find(r, "no_such_case"));
  size_t failed = 0;
  for (size_t i = 0; i < n; i++)
    failed += mn_validation_report_case(r, i)->is_pass ? 0 : 1;
  assert_int_equal(mn_validation_report_failed(r), failed);
  mn_ctx_destroy(&ctx);
}

static void test_same_bits_every_run(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_validation_report *a = shared, *b = run_report(ctx);
  assert_int_equal(mn_validation_report_count(a), mn_validation_report_count(b));
  for (size_t i = 0; i < mn_validation_report_count(a); i++) {
    double pa = mn_validation_report_case(a, i)->predicted;
    double pb = mn_validation_report_case(b, i)->predicted;
    assert_memory_equal(&pa, &pb, sizeof pa);
  }
  mn_validation_report_destroy(&b);
  mn_ctx_destroy(&ctx);
}

static void test_bad_arguments(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  assert_int_equal(mn_validate_run(ctx, NULL), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "out"));
  mn_validation_report *r = NULL;
  assert_int_equal(mn_validate_run(NULL, &r), MN_E_ARG);
  assert_null(r);
  mn_validation_report_destroy(&r); /* NULL: a no-op */
  mn_validation_report_destroy(NULL);
  assert_int_equal(mn_validation_report_count(NULL), 0);
  assert_null(mn_validation_report_case(NULL, 0));
  assert_null(mn_validation_report_find(NULL, "kalluri_channel_depth"));
  assert_int_equal(mn_validation_report_failed(NULL), 0);
  mn_ctx_destroy(&ctx);
}

/* Out of memory at the k-th allocation, for the first allocations and then a stride through
 * the whole run (every allocation in turn would take minutes): MN_E_NOMEM naming the case,
 * never a crash or a leak. */
static void test_out_of_memory(void **state)
{
  (void)state;
  mn_test_alloc count = {.allocs_left = 1L << 40};
  mn_ctx *ctx = NULL;
  assert_int_equal(mn_ctx_create(mn_test_fail_alloc, &count, &ctx), MN_OK);
  long base = count.allocs;
  mn_validation_report *r = run_report(ctx);
  long total = count.allocs - base;
  mn_validation_report_destroy(&r);
  mn_ctx_destroy(&ctx);
  assert_int_equal(count.live_bytes, 0);
  /* the first 20 allocations, then 12 spread over the rest: a whole report takes 3 s */
  long stride = total / 12 + 1;
  int n_tried = 0;
  for (long k = 0; k < total; k += (k < 20 ? 1 : stride)) {
    mn_test_alloc fa = {.allocs_left = 1L << 40};
    assert_int_equal(mn_ctx_create(mn_test_fail_alloc, &fa, &ctx), MN_OK);
    fa.allocs_left = k;
    mn_status st = mn_validate_run(ctx, &r);
    if (st != MN_OK) {
      assert_int_equal(st, MN_E_NOMEM);
      assert_null(r);
    }
    mn_validation_report_destroy(&r);
    mn_ctx_destroy(&ctx);
    assert_int_equal(fa.live_bytes, 0);
    n_tried++;
  }
  print_message("out of memory at %d of the %ld allocations of a report: handled\n", n_tried,
                total);
}

static int make_shared(void **state)
{
  (void)state;
  shared_ctx = mn_test_ctx();
  return mn_validate_run(shared_ctx, &shared) == MN_OK ? 0 : -1;
}

static int free_shared(void **state)
{
  (void)state;
  mn_validation_report_destroy(&shared);
  mn_ctx_destroy(&shared_ctx);
  return 0;
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_case_passes),
      cmocka_unit_test(test_report_equals_the_stages),
      cmocka_unit_test(test_cases_are_well_formed),
      cmocka_unit_test(test_same_bits_every_run),
      cmocka_unit_test(test_bad_arguments),
      cmocka_unit_test(test_out_of_memory),
      cmocka_unit_test(test_published_setups_present),
  };
  return cmocka_run_group_tests(tests, make_shared, free_shared);
}
