/* Outcome: the clinical endpoint of each indication read from the healing stage's new collagen
 * through its anchor study (docs/model.md section 6.10, data/outcomes.yaml).
 *
 * For each indication, the anchor study's protocol, run through skin, puncture and healing,
 * must give a change within the published range of its anchor, and so must every other
 * published result of the catalogue ("checks", e.g. Alam 2014 at 3 months). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mn_test.h"
#include "outcome/outcome_int.h"

static int within(double v, double lo, double hi)
{
  return v >= lo - 1e-9 * fabs(lo) && v <= hi + 1e-9 * fabs(hi);
}

/* The mapping: 0 without remodelling, the anchor's change at the anchor's, monotone and
 * saturating at the scale's limit. */
static void test_map(void **state)
{
  (void)state;
  assert_true(mn_outcome_map(0.0, -3.4, 11.73) == 0.0);
  MN_EXPECT_NEAR(mn_outcome_map(1.0, -3.4, 11.73), -3.4, 1e-12, 0);
  MN_EXPECT_NEAR(mn_outcome_map(1.0, 94.4, 100), 94.4, 1e-12, 0);
  double prev = 0;
  for (double x = 0.25; x < 50; x *= 2) {
    double v = mn_outcome_map(x, -3.4, 11.73);
    assert_true(v < prev && v > -11.73);
    prev = v;
  }
  MN_EXPECT_NEAR(mn_outcome_map(1e3, -3.4, 11.73), -11.73, 1e-9, 0);
  /* Small remodelling: proportional. */
  MN_EXPECT_NEAR(mn_outcome_map(1e-6, 43.8, 100) / 1e-6, -100 * log1p(-0.438), 1e-5, 0);
}

/* Every indication of data/indications.yaml has an outcome entry and every entry names one. */
static void test_every_indication_has_an_outcome(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_indication *ind = NULL;
  size_t n_ind = 0, n_out = 0;
  const mni_out_entry *out = NULL;
  assert_int_equal(mn_indications_list(ctx, &ind, &n_ind), MN_OK);
  assert_int_equal(mni_out_list(ctx, &out, &n_out), MN_OK);
  assert_int_equal(n_ind, n_out);
  for (size_t i = 0; i < n_ind; i++) {
    const mni_out_entry *e = NULL;
    if (mni_out_find(ctx, ind[i].name, &e) != MN_OK) fail_msg("%s", mn_ctx_errmsg(ctx));
    assert_true(strlen(e->weakness) > 20);
  }
  /* Product delivery has no clinical endpoint; every other indication one at least, with an
   * anchor that has a range. */
  for (size_t i = 0; i < n_out; i++) {
    if (strcmp(out[i].name, "product_delivery") == 0) {
      assert_int_equal(out[i].n_endpoints, 0);
      continue;
    }
    assert_true(out[i].n_endpoints >= 1);
    for (size_t j = 0; j < out[i].n_endpoints; j++)
      assert_true(isfinite(out[i].endpoints[j].anchor.lo));
  }
  mn_ctx_destroy(&ctx);
}

/* The anchor protocol's predicted change lies within the published range of its anchor (it
 * gives the anchor's mean, by construction of the mapping), and each check's protocol within
 * the check's range (a real test: Alam 2014 at 3 months from the 6-month anchor). */
static void test_anchors_within_published_ranges(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mni_out_entry *out = NULL;
  size_t n = 0;
  assert_int_equal(mni_out_list(ctx, &out, &n), MN_OK);
  size_t tested = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < out[i].n_endpoints; j++) {
      const mni_out_endpoint *e = &out[i].endpoints[j];
      double c = 0;
      if (mni_out_predict(ctx, e, &e->anchor, &c) != MN_OK) fail_msg("%s", mn_ctx_errmsg(ctx));
      printf("%-22s %-28s anchor %+.3g, model %+.3g, range [%g, %g]\n", out[i].name, e->name,
             e->anchor.change, c, e->anchor.lo, e->anchor.hi);
      MN_EXPECT_NEAR(c, e->anchor.change, 1e-9, 0);
      assert_true(within(c, e->anchor.lo, e->anchor.hi));
      tested++;
      for (size_t k = 0; k < e->n_checks; k++) {
        const mni_out_anchor *a = &e->checks[k];
        if (mni_out_predict(ctx, e, a, &c) != MN_OK) fail_msg("%s", mn_ctx_errmsg(ctx));
        printf("%-22s %-28s check %+.3g, model %+.3g, range [%g, %g] (%s)\n", out[i].name, e->name,
               a->change, c, a->lo, a->hi, a->source);
        if (!within(c, a->lo, a->hi))
          fail_msg("%s %s: the model gives %g for %s, outside [%g, %g]", out[i].name, e->name, c,
                   a->source, a->lo, a->hi);
        tested++;
      }
    }
  assert_true(tested >= 9);
  mn_ctx_destroy(&ctx);
}

/* The same through the public path: the anchor protocol as a scenario with its indication
 * (skin, puncture, healing, mapping at the scenario's follow-up). */
static void test_anchor_scenario_end_to_end(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mni_out_entry *e = NULL;
  assert_int_equal(mni_out_find(ctx, "acne_scars_moderate", &e), MN_OK);
  mn_scenario s;
  mni_out_protocol_scenario(&e->endpoints[0].anchor.protocol, &s);
  snprintf(s.indication, sizeof s.indication, "acne_scars_moderate");
  mn_outcome *o = NULL;
  if (mn_outcome_of_scenario(ctx, &s, &o) != MN_OK) fail_msg("%s", mn_ctx_errmsg(ctx));
  assert_int_equal(mn_outcome_n_endpoints(o), 2);
  const mn_outcome_endpoint *x = mn_outcome_endpoint_get(o, 0);
  assert_string_equal(x->name, "goodman_baron_quantitative");
  MN_EXPECT_NEAR(x->change, -3.4, 1e-9, 0);
  MN_EXPECT_NEAR(x->range_lo, -6.5, 1e-9, 0);
  MN_EXPECT_NEAR(x->range_hi, -0.2, 1e-9, 0);
  MN_EXPECT_NEAR(x->remodelling_ratio, 1.0, 1e-12, 0);
  /* The time course: from 0 on day 0 to the change at the follow-up. */
  assert_true(x->n > 2);
  assert_true(x->values[0] == 0.0);
  MN_EXPECT_NEAR(x->values[x->n - 1], x->change, 1e-12, 0);
  assert_true(x->days[x->n - 1] > x->days[x->n - 2]);
  mn_outcome_destroy(&o);
  /* An indication with no endpoint. */
  snprintf(s.indication, sizeof s.indication, "product_delivery");
  assert_int_equal(mn_outcome_of_scenario(ctx, &s, &o), MN_OK);
  assert_int_equal(mn_outcome_n_endpoints(o), 0);
  mn_outcome_destroy(&o);
  mn_ctx_destroy(&ctx);
}

/* A bad name: the key and the valid names in the message. */
static void test_bad_indication_name(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  assert_int_equal(mn_scenario_set(ctx, &s, "indication=acne"), MN_E_NOTFOUND);
  const char *msg = mn_ctx_errmsg(ctx);
  assert_non_null(strstr(msg, "indication"));
  assert_non_null(strstr(msg, "acne_scars_moderate"));
  assert_int_equal(mn_scenario_set(ctx, &s, "indication=melasma"), MN_OK);
  assert_string_equal(s.indication, "melasma");
  mn_outcome *o = NULL;
  assert_int_equal(mn_outcome_of_scenario(ctx, NULL, &o), MN_E_ARG);
  /* Through the API, past the loader: the run's outcome names the key too. */
  snprintf(s.indication, sizeof s.indication, "acne");
  s.course.sessions = 1;
  assert_int_equal(mn_outcome_of_scenario(ctx, &s, &o), MN_E_NOTFOUND);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "indication = 'acne'"));
  assert_null(o);
  mn_ctx_destroy(&ctx);
}

/* A malformed catalogue fails with the file, line and what is wrong. */
static void test_malformed_catalogue(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  static const char head[] =
      "outcomes:\n"
      "  - name: scars\n"
      "    weakness: \"a weakness stated in words\"\n"
      "    endpoints:\n"
      "      - name: responders_percent\n"
      "        label: responders\n"
      "        unit: \"%\"\n"
      "        better: higher\n"
      "        limit: 100\n"
      "        limit_source: a share\n"
      "        anchor:\n"
      "          source: a study\n"
      "          protocol: {site: abdomen, device: pen, needle_mm: 2.0, passes: 3, sessions: 3, "
      "interval_weeks: 4, follow_up_months: 3}\n"
      "          change: 73.3\n";
  static const struct {
    const char *tail, *want;
  } cases[] = {
      {"          range: [54.1, 87.7]\n          range_source: binomial\n", NULL},
      {"          range: [80, 87.7]\n          range_source: binomial\n", "must hold the change"},
      {"          range: [54.1, 87.7]\n", "range_source"},
      {"  - name: pores\n    weakness: \"none at all here\"\n    endpoints:\n      - {ref: nope}\n",
       "no endpoint of that name above"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char text[2048];
    snprintf(text, sizeof text, "%s%s", head, cases[i].tail);
    mn_status st = mni_out_check_text(ctx, text, strlen(text));
    if (cases[i].want == NULL) {
      if (st != MN_OK) fail_msg("case %zu: %s", i, mn_ctx_errmsg(ctx));
    } else {
      assert_int_equal(st, MN_E_CONFIG);
      if (strstr(mn_ctx_errmsg(ctx), cases[i].want) == NULL ||
          strstr(mn_ctx_errmsg(ctx), "data/outcomes.yaml:") == NULL)
        fail_msg("case %zu: '%s' lacks '%s'", i, mn_ctx_errmsg(ctx), cases[i].want);
    }
  }
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_map),
      cmocka_unit_test(test_every_indication_has_an_outcome),
      cmocka_unit_test(test_anchors_within_published_ranges),
      cmocka_unit_test(test_anchor_scenario_end_to_end),
      cmocka_unit_test(test_bad_indication_name),
      cmocka_unit_test(test_malformed_catalogue),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
