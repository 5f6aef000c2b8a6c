/* Fractional lasers through every stage (issue 15's must-shows): zones deeper with more energy
 * but slower than the energy; ablative craters raise a hydrophilic serum's uptake and
 * non-ablative zones do not; PIH risk rises with Fitzpatrick type and density; the 1,340 nm
 * arm and a 1.5 mm microneedling course give comparable acne-scar outcomes with more PIH on the
 * laser side at type IV (Cachafeiro et al. 2016). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mn_test.h"

static mn_scenario laser_scenario(mn_laser line, double energy_mj)
{
  mn_scenario s = mn_scenario_default();
  s.device.type = MN_DEVICE_FRACTIONAL_LASER;
  s.device.laser = line;
  s.device.pulse_energy_j = energy_mj * 1e-3;
  s.treatment.passes = 1;
  s.treatment.pattern = MN_PATTERN_SINGLE;
  s.treatment.area_m2 = 1e-4;
  return s;
}

/* One context for the whole group, destroyed after every result it made (a context per call
 * was never freed: the sanitizer build's leak check failed). */
static mn_ctx *ctx;

static int group_setup(void **state)
{
  (void)state;
  ctx = mn_test_ctx();
  return 0;
}

static int group_teardown(void **state)
{
  (void)state;
  mn_ctx_destroy(&ctx);
  return 0;
}

static mn_puncture_stats zone_of(mn_laser line, double energy_mj)
{
  mn_scenario s = laser_scenario(line, energy_mj);
  mn_layer_stack layers;
  mn_channel_set *cs = NULL;
  assert_int_equal(mn_skin_build(ctx, &s.skin, &layers), MN_OK);
  assert_int_equal(mn_puncture_run(ctx, &s, &layers, &cs), MN_OK);
  mn_puncture_stats st = *mn_channel_set_stats(cs);
  mn_channel_set_destroy(&cs);
  return st;
}

/* Deeper with more energy, slower than the energy (Hantash 2007: 6x the energy, depth > 3x). */
static void test_depth_grows_slower_than_energy(void **state)
{
  (void)state;
  const mn_laser lines[2] = {MN_LASER_CO2, MN_LASER_ER_GLASS_1550};
  for (int i = 0; i < 2; i++) {
    mn_puncture_stats lo = zone_of(lines[i], 10.0), hi = zone_of(lines[i], 40.0);
    printf("%s: 10 mJ %.0f um, 40 mJ %.0f um deep\n", mn_laser_name(lines[i]),
           lo.coag_depth_m * 1e6, hi.coag_depth_m * 1e6);
    assert_true(lo.is_laser && lo.coag_depth_m > 0);
    assert_true(hi.coag_depth_m > 1.2 * lo.coag_depth_m);
    assert_true(hi.coag_depth_m < 4.0 * lo.coag_depth_m);
    assert_true(hi.coag_width_m >= lo.coag_width_m);
  }
}

static mn_result *run(const mn_scenario *s)
{
  mn_result *r = NULL;
  assert_int_equal(mn_run(ctx, s, &r), MN_OK);
  return r;
}

/* A hydrophilic serum (niacinamide, log Kow -0.37): CO2 craters raise its uptake many-fold;
 * 1,550 nm zones keep the stratum corneum and leave it as it was. */
static void test_ablative_opens_nonablative_does_not(void **state)
{
  (void)state;
  double er[2];
  const mn_laser lines[2] = {MN_LASER_CO2, MN_LASER_ER_GLASS_1550};
  for (int i = 0; i < 2; i++) {
    mn_scenario s = laser_scenario(lines[i], 20.0);
    snprintf(s.formulation.compound, sizeof s.formulation.compound, "niacinamide");
    s.simulation.duration_s = 6 * 3600.0;
    s.simulation.model = MN_MODEL_1D;
    s.course.sessions = 0;
    mn_result *r = run(&s);
    const mn_puncture_stats *p = mn_channel_set_stats(mn_result_channels(r));
    er[i] = mn_absorption_summary_get(mn_result_absorption(r))->enhancement_ratio;
    printf("%s: open %.3g %%, ER %.4g\n", mn_laser_name(lines[i]), 100 * p->area_fraction, er[i]);
    if (i == 0) assert_true(p->area_fraction > 0 && p->ablation_depth_m > 0);
    if (i == 1) assert_true(p->area_fraction == 0 && p->ablation_depth_m == 0);
    mn_result_destroy(&r);
  }
  assert_true(er[0] > 10.0);
  MN_EXPECT_NEAR(er[1], 1.0, 1e-9, 0);
}

static double pih_of(mn_scenario *s)
{
  s->simulation.duration_s = 3600.0;
  s->simulation.model = MN_MODEL_1D;
  mn_result *r = run(s);
  double p = mn_healing_pih_risk_percent(mn_result_healing(r));
  mn_result_destroy(&r);
  return p;
}

static void test_pih_rises_with_type_and_density(void **state)
{
  (void)state;
  double prev = 0.0;
  for (int f = 1; f <= 6; f++) {
    mn_scenario s = laser_scenario(MN_LASER_ER_GLASS_1550, 10.0);
    s.skin.fitzpatrick = f;
    double p = pih_of(&s);
    printf("type %d: PIH %.3g %%\n", f, p);
    assert_true(p > prev && p < 100.0);
    prev = p;
  }
  mn_scenario lo = laser_scenario(MN_LASER_ER_GLASS_1550, 10.0), hi = lo;
  lo.skin.fitzpatrick = hi.skin.fitzpatrick = 4;
  lo.device.density_per_m2 = 100e4;
  hi.device.density_per_m2 = 400e4;
  double p_lo = pih_of(&lo), p_hi = pih_of(&hi);
  printf("type 4: PIH %.3g %% at 100 zones/cm2, %.3g %% at 400\n", p_lo, p_hi);
  assert_true(p_hi > 1.5 * p_lo);
}

/* Cachafeiro et al. 2016: 3 monthly sessions, microneedling against 1,340 nm, acne scars: no
 * difference in the Goodman-Baron score (p = .264), PIH 13.6 % after the laser and 0 % after
 * needling. The needling arm: a 1.5 mm roller at type IV. */
static void test_cachafeiro_arms(void **state)
{
  (void)state;
  mn_scenario mn = mn_scenario_default(), laser;
  mn.skin.fitzpatrick = 4;
  mn.course.sessions = 3;
  mn.course.interval_s = 28 * 86400.0;
  mn.course.follow_up_s = 6 * 2629800.0;
  mn.simulation.duration_s = 3600.0;
  mn.simulation.model = MN_MODEL_1D;
  snprintf(mn.indication, sizeof mn.indication, "acne_scars_moderate");
  assert_int_equal(mn_compare_laser_scenario(ctx, &mn, MN_LASER_ND_YAP_1340, &laser), MN_OK);
  assert_int_equal(laser.device.type, MN_DEVICE_FRACTIONAL_LASER);
  mn_result *a = run(&mn), *b = run(&laser);
  const mn_outcome_endpoint *ea = mn_outcome_endpoint_get(mn_result_outcome(a), 0);
  const mn_outcome_endpoint *eb = mn_outcome_endpoint_get(mn_result_outcome(b), 0);
  double pa = mn_healing_pih_risk_percent(mn_result_healing(a));
  double pb = mn_healing_pih_risk_percent(mn_result_healing(b));
  printf("needling %+.3g %s, PIH %.3g %%; 1,340 nm %+.3g %s, PIH %.3g %%\n", ea->change, ea->unit,
         pa, eb->change, eb->unit, pb);
  assert_true(ea->change < 0 && eb->change < 0);
  assert_true(pb > pa);
  /* The trial saw no difference in the score. Comparable here: each arm's expected change lies
   * within the other arm's range, the spread of the anchor trial mapped the same way (Alam 2014's
   * 95 % interval for acne scars), so a trial like the anchor could not tell them apart. */
  printf("laser / needling score change: %.3g (trial: no difference); needling range [%.3g, %.3g], "
         "laser range [%.3g, %.3g]\n",
         eb->change / ea->change, ea->range_lo, ea->range_hi, eb->range_lo, eb->range_hi);
  assert_true(isfinite(ea->range_lo) && isfinite(ea->range_hi));
  assert_true(eb->change >= fmin(ea->range_lo, ea->range_hi) &&
              eb->change <= fmax(ea->range_lo, ea->range_hi));
  assert_true(ea->change >= fmin(eb->range_lo, eb->range_hi) &&
              ea->change <= fmax(eb->range_lo, eb->range_hi));
  mn_compare_row rows[MN_COMPARE_MAX_ROWS];
  size_t n = 0;
  assert_int_equal(mn_compare_rows(ctx, a, b, rows, &n), MN_OK);
  assert_true(n >= 10);
  for (size_t i = 0; i < n; i++) { /* no row's text cut short by its field */
    assert_true(strlen(rows[i].evidence) + 1 < sizeof rows[i].evidence);
    assert_true(strlen(rows[i].arm[0]) + 1 < sizeof rows[i].arm[0]);
    assert_true(strlen(rows[i].arm[1]) + 1 < sizeof rows[i].arm[1]);
    if (strcmp(rows[i].what, "serum uptake (enhancement)") == 0) { /* its bound is stated */
      const mn_absorption_summary *sa = mn_absorption_summary_get(mn_result_absorption(a));
      bool lo = sa->enhancement_is_lower_bound, hi = sa->enhancement_is_upper_bound;
      const char *want = lo && hi ? "undetermined x" : lo ? "at least x" : hi ? "at most x" : "x";
      printf("needling arm's uptake: %s\n", rows[i].arm[0]);
      assert_true(strncmp(rows[i].arm[0], want, strlen(want)) == 0);
    }
  }
  mn_result_destroy(&a);
  mn_result_destroy(&b);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_depth_grows_slower_than_energy),
      cmocka_unit_test(test_ablative_opens_nonablative_does_not),
      cmocka_unit_test(test_pih_rises_with_type_and_density),
      cmocka_unit_test(test_cachafeiro_arms),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
