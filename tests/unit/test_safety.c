/* The safety rules shared by the planner and the run (plan/safety.c): each rule on a scenario
 * that breaks it, the default scenario, the messages for clinicians, and the planner's own
 * scenarios, which break no blocking rule at any site, setting and skin type. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mn_test.h"
#include "mnsim/scenario.h"
#include "plan/plan_int.h"

static const mn_safety_warning *find_rule(const mn_safety_list *l, const char *rule)
{
  for (size_t i = 0; i < l->n; i++)
    if (strcmp(l->warnings[i].rule, rule) == 0) return &l->warnings[i];
  return NULL;
}

/* Messages are for clinicians: no internal notes, tags or file pointers. */
static void assert_plain(const mn_safety_list *l)
{
  static const char *const bad[] = {"[L]",   "[M]",   "[H]",         "(R)",       "issue ",
                                    ".yaml", "docs/", "from memory", "reference", "section"};
  for (size_t i = 0; i < l->n; i++) {
    assert_true(strlen(l->warnings[i].message) > 20);
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
      if (strstr(l->warnings[i].message, bad[k]) != NULL)
        fail_msg("%s: '%s' in: %s", l->warnings[i].rule, bad[k], l->warnings[i].message);
  }
}

static mn_scenario pen_at(const char *site, double needle_mm)
{
  mn_scenario s = mn_scenario_default();
  snprintf(s.skin.site, sizeof s.skin.site, "%s", site);
  s.device.type = MN_DEVICE_PEN;
  s.device.needle_length_m = needle_mm * 1e-3;
  return s;
}

static void test_default_scenario(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  mn_safety_list l;
  assert_int_equal(mn_safety_check(ctx, &s, NULL, &l), MN_OK);
  assert_false(mn_safety_has_block(&l));
  assert_int_equal(l.n, 0);
  mn_ctx_destroy(&ctx);
}

static void test_eyelid_pen(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = pen_at("periorbital", 2.5);
  mn_safety_list l;
  /* The puncture model's deepest channel (no facts) and a run's depths give the same rules. */
  assert_int_equal(mn_safety_check(ctx, &s, NULL, &l), MN_OK);
  assert_true(mn_safety_has_block(&l));
  const mn_safety_warning *w = find_rule(&l, "eyelid");
  assert_non_null(w);
  assert_int_equal(w->severity, MN_SAFETY_BLOCK);
  assert_string_equal(mn_safety_severity_name(w->severity), "block");
  assert_non_null(strstr(w->message, "2.50 mm"));
  assert_non_null(strstr(w->message, "0.50 mm"));
  assert_non_null(find_rule(&l, "bone"));
  assert_non_null(find_rule(&l, "subcutis_reached"));
  assert_plain(&l);

  /* The rule follows the insertion model's depth distribution at the run's layers, not a
   * run's sampled extremes: the pen reaches its setting whatever depths a caller reports. */
  mn_safety_facts f = mn_safety_facts_default();
  f.mean_depth_m = 0.3e-3;
  f.max_depth_m = 0.4e-3;
  assert_int_equal(mn_safety_check(ctx, &s, &f, &l), MN_OK);
  assert_non_null(find_rule(&l, "subcutis_reached"));
  assert_non_null(find_rule(&l, "eyelid"));
  /* A run's layers decide where the subcutis starts. */
  const mn_site *site = NULL;
  assert_int_equal(mn_site_find(ctx, "periorbital", &site), MN_OK);
  mn_layer_stack thin;
  memset(&thin, 0, sizeof thin);
  memcpy(thin.thickness_m, site->thickness_m, sizeof thin.thickness_m);
  thin.thickness_m[MN_LAYER_DERMIS] = 0.2e-3;
  f.layers = &thin;
  assert_int_equal(mn_safety_check(ctx, &s, &f, &l), MN_OK);
  w = find_rule(&l, "subcutis_reached");
  assert_non_null(w);
  assert_int_equal(w->severity, MN_SAFETY_BLOCK);
  assert_non_null(strstr(w->message, "0.24 mm")); /* the thin skin's subcutis top, 0.245 mm */
  /* Blocks come first. */
  for (size_t i = 1; i < l.n; i++)
    assert_true(l.warnings[i - 1].severity >= l.warnings[i].severity);

  /* 0.5 mm at the eyelid is what the planner proposes there: no block. */
  s = pen_at("periorbital", 0.5);
  assert_int_equal(mn_safety_check(ctx, &s, NULL, &l), MN_OK);
  assert_false(mn_safety_has_block(&l));
  mn_ctx_destroy(&ctx);
}

static void test_site_limits(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_safety_list l;
  mn_scenario s = pen_at("neck", 1.5);
  assert_int_equal(mn_safety_check(ctx, &s, NULL, &l), MN_OK);
  assert_non_null(find_rule(&l, "neck"));
  s = pen_at("forehead", 1.5);
  assert_int_equal(mn_safety_check(ctx, &s, NULL, &l), MN_OK);
  assert_non_null(find_rule(&l, "bone"));
  assert_null(find_rule(&l, "eyelid"));
  s = pen_at("temple", 1.0);
  assert_int_equal(mn_safety_check(ctx, &s, NULL, &l), MN_OK);
  assert_null(find_rule(&l, "bone"));
  /* A limit that names an indication applies only with it: upper-lip wrinkles. */
  s = pen_at("upper_lip", 1.0);
  mn_safety_facts f = mn_safety_facts_default();
  assert_int_equal(mn_safety_check(ctx, &s, &f, &l), MN_OK);
  assert_null(find_rule(&l, "site_needle_limit"));
  f.indication = "fine_lines";
  assert_int_equal(mn_safety_check(ctx, &s, &f, &l), MN_OK);
  const mn_safety_warning *w = find_rule(&l, "site_needle_limit");
  assert_non_null(w);
  assert_int_equal(w->severity, MN_SAFETY_BLOCK);
  assert_plain(&l);
  mn_ctx_destroy(&ctx);
}

static void test_pih_interval_indication(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_safety_list l;
  mn_scenario s = mn_scenario_default(); /* 1.5 mm home roller on the cheek */
  s.skin.fitzpatrick = 5;
  assert_int_equal(mn_safety_check(ctx, &s, NULL, &l), MN_OK);
  const mn_safety_warning *w = find_rule(&l, "pih_risk");
  assert_non_null(w);
  assert_int_equal(w->severity, MN_SAFETY_CAUTION);
  assert_non_null(strstr(w->message, "0.50 mm")); /* the first session one class lower */
  assert_false(mn_safety_has_block(&l));

  /* Home roller a week apart: caution; a clinic pen a week apart: block. */
  s = mn_scenario_default();
  s.course.interval_s = 7.0 * 86400.0;
  assert_int_equal(mn_safety_check(ctx, &s, NULL, &l), MN_OK);
  w = find_rule(&l, "interval_too_short");
  assert_non_null(w);
  assert_int_equal(w->severity, MN_SAFETY_CAUTION);
  s = pen_at("cheek", 1.0);
  s.course.interval_s = 7.0 * 86400.0;
  assert_int_equal(mn_safety_check(ctx, &s, NULL, &l), MN_OK);
  w = find_rule(&l, "interval_too_short");
  assert_non_null(w);
  assert_int_equal(w->severity, MN_SAFETY_BLOCK);
  /* One session has no interval. */
  s.course.sessions = 1;
  assert_int_equal(mn_safety_check(ctx, &s, NULL, &l), MN_OK);
  assert_null(find_rule(&l, "interval_too_short"));
  /* Redness that outlasts the interval: caution. */
  s = mn_scenario_default();
  s.course.interval_s = 14.0 * 86400.0;
  mn_safety_facts f = mn_safety_facts_default();
  f.downtime_days = 20.0;
  assert_int_equal(mn_safety_check(ctx, &s, &f, &l), MN_OK);
  w = find_rule(&l, "interval_too_short");
  assert_non_null(w);
  assert_int_equal(w->severity, MN_SAFETY_CAUTION);

  /* Longer than the indication's usual needle: caution. */
  s = pen_at("cheek", 2.5);
  f = mn_safety_facts_default();
  f.indication = "acne_scars_moderate";
  assert_int_equal(mn_safety_check(ctx, &s, &f, &l), MN_OK);
  w = find_rule(&l, "beyond_indication_depth");
  assert_non_null(w);
  assert_int_equal(w->severity, MN_SAFETY_CAUTION);
  assert_non_null(strstr(w->message, "1.50-2.00 mm"));
  assert_plain(&l);
  f.indication = "no_such_indication";
  assert_int_equal(mn_safety_check(ctx, &s, &f, &l), MN_E_NOTFOUND);
  assert_int_equal(mn_safety_check(ctx, NULL, &f, &l), MN_E_ARG);
  assert_int_equal(mn_safety_check(ctx, &s, &f, NULL), MN_E_ARG);
  mn_ctx_destroy(&ctx);
}

/* The planner and the run never disagree: the scenario of every plan (every indication, site,
 * setting and a light and a dark skin type) breaks no blocking rule, with or without its
 * indication. */
static void test_plans_pass_their_own_rules(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_indication *ind;
  const mn_site *sites;
  size_t n_ind, n_sites;
  assert_int_equal(mn_indications_list(ctx, &ind, &n_ind), MN_OK);
  assert_int_equal(mn_sites_list(ctx, &sites, &n_sites), MN_OK);
  for (size_t i = 0; i < n_ind; i++)
    for (size_t k = 0; k < n_sites; k++)
      for (int set = 0; set < 2; set++)
        for (int fz = 2; fz <= 5; fz += 3) {
          mn_plan_request rq = mn_plan_request_default();
          rq.indication = ind[i].name;
          rq.site = sites[k].name;
          rq.setting = (mn_setting)set;
          rq.fitzpatrick = fz;
          mn_plan *p = NULL;
          mn_scenario s;
          mn_safety_list l;
          mn_safety_facts f = mn_safety_facts_default();
          if (mn_plan_make(ctx, &rq, &p) != MN_OK) continue; /* no length fits: no scenario */
          assert_int_equal(mn_plan_to_scenario(ctx, p, &s), MN_OK);
          for (int with = 0; with < 2; with++) {
            f.indication = with ? ind[i].name : NULL;
            assert_int_equal(mn_safety_check(ctx, &s, &f, &l), MN_OK);
            if (mn_safety_has_block(&l))
              fail_msg("%s at %s (%s, type %d): %s: %s", ind[i].name, sites[k].name,
                       mn_setting_name(rq.setting), fz, l.warnings[0].rule, l.warnings[0].message);
            assert_null(find_rule(&l, "beyond_indication_depth"));
            assert_plain(&l);
          }
          mn_plan_destroy(&p);
        }
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_default_scenario),
      cmocka_unit_test(test_eyelid_pen),
      cmocka_unit_test(test_site_limits),
      cmocka_unit_test(test_pih_interval_indication),
      cmocka_unit_test(test_plans_pass_their_own_rules),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
