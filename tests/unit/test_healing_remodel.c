/* Remodelling after the last session and the patient's age (docs/model.md section 6).
 *
 * Trials report that the result keeps improving for months after the last session (Alam et al.
 * 2014: Goodman-Baron score -2.4 at 3 months, -3.4 at 6 months, 3 sessions 2 weeks apart). The
 * model shows it through its mechanism: soluble new collagen I is cross-linked into mature
 * collagen over months (Levenson 1965; Molnar 1988) while mature collagen is hardly lost
 * (Verzijl 2000), and the fibroblasts' synthesis of collagen I returns to rest over months
 * (half-life 150 days: HSP47 maintained from 1 to 6 months after a dermal wound, Xu et al. 2011).
 * Before cross-linking the new collagen fell by a third between 8 weeks and 6 months and the
 * 3-month score came out better than the 6-month one; before the persistent synthesis all new
 * collagen still fell by a quarter: these tests fail there.
 *
 * Age: fibroblasts of people over 80 make 0.68 of the procollagen I of 18-29-year-olds (Varani
 * et al. 2006); the dermis thins 6 % per decade (Branchet et al. 1990). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "heal_support.h"
#include "mn_test.h"
#include "skin/skin_int.h"

/* Alam 2014's course with the standard 1.5 mm roller, 16 crosshatched passes, on the cheek. */
static mn_scenario alam(double follow_up_months)
{
  mn_scenario s = mn_scenario_default();
  s.device.needle_length_m = 1.5e-3;
  s.treatment.passes = MNI_HEAL_CAL_PASSES;
  s.treatment.pattern = MN_PATTERN_CROSSHATCH;
  s.course.sessions = 3;
  s.course.interval_s = mn_weeks_to_s(2);
  s.course.follow_up_s = mn_months_to_s(follow_up_months);
  snprintf(s.indication, sizeof s.indication, "%s", "acne_scars_moderate");
  return s;
}

static mn_outcome *outcome(mn_ctx *ctx, double follow_up_months)
{
  mn_scenario s = alam(follow_up_months);
  mn_outcome *o = NULL;
  if (mn_outcome_of_scenario(ctx, &s, &o) != MN_OK)
    fail_msg("mn_outcome_of_scenario: %s", mn_ctx_errmsg(ctx));
  return o;
}

/* Skin, puncture and healing of a scenario; fails the test on error. */
static mn_healing *heal(mn_ctx *ctx, const mn_scenario *s)
{
  mn_layer_stack L;
  mn_channel_set *cs = NULL;
  mn_healing *h = NULL;
  if (mn_skin_build(ctx, &s->skin, &L) != MN_OK || mn_puncture_run(ctx, s, &L, &cs) != MN_OK ||
      mn_healing_run(ctx, s, &L, mn_channel_set_stats(cs), &h) != MN_OK)
    fail_msg("heal: %s", mn_ctx_errmsg(ctx));
  mn_channel_set_destroy(&cs);
  return h;
}

/* Must show: after 3 sessions 2 weeks apart the acne-scar outcome at 6 months is better than at
 * 3 months, by about what Alam 2014 saw (-3.4 vs -2.4 points), and the 3-month prediction lies
 * in Alam's 95 % interval. The 6-month value is the anchor's (the mapping passes through it);
 * the 3-month value and the order are the model's. */
static void test_acne_outcome_better_at_6_than_3_months(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_outcome *o3 = outcome(ctx, 3.0), *o6 = outcome(ctx, 6.0);
  const mn_outcome_endpoint *g3 = mn_outcome_endpoint_get(o3, 0);
  const mn_outcome_endpoint *g6 = mn_outcome_endpoint_get(o6, 0);
  assert_string_equal(g3->name, "goodman_baron_quantitative");
  assert_true(g3->lower_is_better);
  print_message("Goodman-Baron change: 3 months %.2f, 6 months %.2f points (Alam 2014: -2.4, "
                "-3.4)\n",
                g3->change, g6->change);
  assert_true(g6->change < g3->change - 0.5);            /* better (lower) by a visible margin */
  assert_true(g3->change >= -4.8 && g3->change <= 0.01); /* Alam's 95 % CI at 3 months */
  /* Since the fibroblasts' synthesis persists (synthesis_half_life_days) the cross-linked
   * collagen is laid down later and the 3-month score is -1.33, no longer near Alam's mean
   * (-2.39 before); it stays inside the trial's 95 % interval, the band of the validation case
   * alam_score_3_months (docs/validation.md). */
  assert_true(g3->change < -1.0);
  /* The share improving by a grade also grows. */
  const mn_outcome_endpoint *p3 = mn_outcome_endpoint_get(o3, 1);
  const mn_outcome_endpoint *p6 = mn_outcome_endpoint_get(o6, 1);
  print_message("improved by a grade: 3 months %.1f %%, 6 months %.1f %%\n", p3->change,
                p6->change);
  assert_true(p6->change > p3->change);
  /* The time course keeps improving, week by week, from 8 weeks after the last session (day 28)
   * to the follow-up. */
  size_t from = 0;
  while (from < g6->n && g6->days[from] < 28.0 + 56.0)
    from++;
  assert_true(from + 10 < g6->n);
  for (size_t k = from + 1; k < g6->n; k++)
    assert_true(g6->values[k] < g6->values[k - 1]);
  mn_outcome_destroy(&o3);
  mn_outcome_destroy(&o6);
  mn_ctx_destroy(&ctx);
}

/* Must show (issue 14): after 3 sessions 2 weeks apart, all new collagen 6 months after the last
 * session is not below its value at 8 weeks; the same for the calibration course (Lotfi 2013,
 * 5 monthly). The mechanism: the fibroblasts' synthesis of collagen I returns to rest with a
 * half-life of 150 days (HSP47 maintained from 1 to 6 months after a dermal wound, Xu et al.
 * 2011), while soluble collagen I matures (Levenson 1965) or is degraded (Molnar 1988: 46 %
 * cross-linked). Before it all new collagen fell from 30.1 to 22.0 % (Alam's course, 40 years)
 * and only the cross-linked part rose. The cross-linked collagen grows every day too. */
static void test_collagen_at_6_months_not_below_8_weeks(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const struct {
    int sessions;
    double interval_weeks;
  } courses[] = {{3, 2.0}, {5, 4.0}};
  for (size_t i = 0; i < 2; i++) {
    mn_scenario s = alam(6.0);
    s.course.sessions = courses[i].sessions;
    s.course.interval_s = mn_weeks_to_s(courses[i].interval_weeks);
    mn_healing *h = heal(ctx, &s);
    size_t last = (size_t)lround(mn_s_to_days((courses[i].sessions - 1) * s.course.interval_s));
    size_t w8 = last + 56, n = mn_healing_n_days(h);
    assert_true(w8 < n);
    const double *mature = mn_healing_curve(h, MN_HEAL_COLLAGEN_MATURE);
    const double *all = mn_healing_collagen_curve(h);
    double m8 = 100.0 * mature[w8], m6 = mn_healing_mature_collagen_percent(h);
    double a8 = 100.0 * all[w8], a6 = mn_healing_collagen_change_percent(h);
    print_message("%d sessions %g weeks apart: mature collagen %.1f %% at 8 weeks, %.1f %% at 6 "
                  "months; all new collagen %.1f -> %.1f %%\n",
                  courses[i].sessions, courses[i].interval_weeks, m8, m6, a8, a6);
    assert_true(m6 >= m8);
    assert_true(m6 > 1.3 * m8); /* a real gain, not a plateau */
    /* Mature collagen grows every day from 8 weeks to 6 months. */
    for (size_t j = w8 + 1; j < n; j++)
      assert_true(mature[j] > mature[j - 1]);
    assert_true(a6 >= a8);       /* the must-show */
    assert_true(a6 > 1.3 * a8); /* a real gain, not a plateau */
    /* All new collagen grows every day from 8 weeks to 6 months. */
    for (size_t j = w8 + 1; j < n; j++)
      assert_true(all[j] >= all[j - 1]);
    mn_healing_destroy(&h);
  }
  mn_ctx_destroy(&ctx);
}

/* Must show: an 80-year-old builds less collagen than a 25-year-old with the same protocol, by
 * Varani's ratio 56/82 = 0.683 of fibroblast procollagen I output. Tolerance 3 %: the model
 * takes the output of a 25-year-old as 0.992 of the 18-29 group's (linear from 23.5 years),
 * and the thinner dermis of the old patient changes the wounded dermis of a 1.5 mm roller on
 * the cheek by about 1.4 % (thinner skin dimples more, so the channels end a little higher). */
static void test_age_80_builds_less_than_25_by_varani_ratio(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario young = alam(6.0), old = alam(6.0);
  young.skin.age_years = 25.0;
  old.skin.age_years = 80.0;
  mn_healing *hy = heal(ctx, &young), *ho = heal(ctx, &old);
  double ratio = mn_healing_collagen_change_percent(ho) / mn_healing_collagen_change_percent(hy);
  double mature_ratio =
      mn_healing_mature_collagen_percent(ho) / mn_healing_mature_collagen_percent(hy);
  print_message("collagen 80 / 25 years: %.4f (mature %.4f); Varani 2006: %.4f\n", ratio,
                mature_ratio, 56.0 / 82.0);
  MN_EXPECT_NEAR(ratio, 56.0 / 82.0, 0.03, 0.0);
  MN_EXPECT_NEAR(mature_ratio, 56.0 / 82.0, 0.03, 0.0);
  assert_true(ratio < 1.0);
  /* Age does not touch the inflammation itself; only the thinner dermis moves the channels
   * (thinner skin dimples more under the needles, docs/model.md §2): measured 0.986. */
  print_message("inflammation burden 80 / 25 years: %.4f\n",
                mn_healing_inflammation_burden(ho) / mn_healing_inflammation_burden(hy));
  MN_EXPECT_NEAR(mn_healing_inflammation_burden(ho), mn_healing_inflammation_burden(hy), 0.03, 0.0);
  /* Dermis: -6 % per decade from the site table's 40 years (Branchet 1990). */
  mn_layer_stack Ly, Lo, L40;
  mn_scenario mid = alam(6.0);
  assert_int_equal(mn_skin_build(ctx, &young.skin, &Ly), MN_OK);
  assert_int_equal(mn_skin_build(ctx, &old.skin, &Lo), MN_OK);
  assert_int_equal(mn_skin_build(ctx, &mid.skin, &L40), MN_OK);
  const int D = MN_LAYER_DERMIS;
  MN_EXPECT_NEAR(Lo.thickness_m[D] / Ly.thickness_m[D], (1.0 - 0.24) / (1.0 + 0.09), 1e-12, 0.0);
  MN_EXPECT_NEAR(Ly.thickness_m[D] / L40.thickness_m[D], 1.09, 1e-12, 0.0);
  assert_true(Lo.thickness_m[MN_LAYER_VIABLE_EPIDERMIS] ==
              L40.thickness_m[MN_LAYER_VIABLE_EPIDERMIS]);
  /* A dermis given by the user is the patient's own: the age leaves it alone. */
  old.skin.dermis_m = 1.2e-3;
  assert_int_equal(mn_skin_build(ctx, &old.skin, &Lo), MN_OK);
  assert_true(Lo.thickness_m[D] == 1.2e-3);
  MN_EXPECT_NEAR(mni_skin_dermis_age_factor(50.0), 0.94, 1e-12, 0.0);
  mn_healing_destroy(&hy);
  mn_healing_destroy(&ho);
  mn_ctx_destroy(&ctx);
}

/* Must show: the default scenario still runs end to end, its patient is 40 and builds the
 * collagen of the calibration cohort (30 years) times the age factor; a bad age is refused
 * with where, key, value and the valid range. */
static void test_default_run_and_bad_age(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  assert_true(s.skin.age_years == 40.0);
  mn_result *r = NULL;
  if (mn_run(ctx, &s, &r) != MN_OK) fail_msg("mn_run: %s", mn_ctx_errmsg(ctx));
  const mn_healing *h = mn_result_healing(r);
  assert_non_null(h);
  double f = mn_healing_age_factor(h);
  print_message("default: collagen %.1f %%, mature %.1f %%, age factor %.4f\n",
                mn_healing_collagen_change_percent(h), mn_healing_mature_collagen_percent(h), f);
  assert_true(f > 0.9 && f < 1.0);
  assert_true(mn_healing_mature_collagen_percent(h) > 0.0);
  assert_true(mn_healing_mature_collagen_percent(h) < mn_healing_collagen_change_percent(h));
  mn_result_destroy(&r);

  mn_scenario bad;
  const char *text = "patient:\n  age_years: 12\n";
  assert_int_equal(mn_scenario_load_string(ctx, text, strlen(text), "t.yaml", &bad), MN_E_CONFIG);
  const char *msg = mn_ctx_errmsg(ctx);
  print_message("%s\n", msg);
  assert_non_null(strstr(msg, "t.yaml:2:"));
  assert_non_null(strstr(msg, "patient.age_years"));
  assert_non_null(strstr(msg, "12"));
  assert_non_null(strstr(msg, "18 to 100"));
  assert_int_equal(mn_scenario_set(ctx, &s, "patient.age_years=101"), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "patient.age_years"));
  /* A hand-built scenario past the key table is refused by the stages too. */
  s.skin.age_years = 7.0;
  mn_layer_stack L;
  assert_int_equal(mn_skin_build(ctx, &s.skin, &L), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "patient.age_years = 7"));
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_acne_outcome_better_at_6_than_3_months),
      cmocka_unit_test(test_collagen_at_6_months_not_below_8_weeks),
      cmocka_unit_test(test_age_80_builds_less_than_25_by_varani_ratio),
      cmocka_unit_test(test_default_run_and_bad_age),
  };
  return cmocka_run_group_tests_name("healing_remodel", tests, NULL, NULL);
}
