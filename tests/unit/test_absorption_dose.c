/* Where the dose went (issue 13, "Output"): the absorption summary's end state per compartment,
 * the SC the intact run used and its hydration, as the C summary, summary.json, the result's
 * fields by name and absorption.csv's sc_hydration column give them; the dose figure. All on
 * the default scenario run in 1d without the healing course (a second or so each). */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mn_test.h"
#include "output/absorption_csv_int.h"
#include "output_test_data.h"

/* The default scenario on the 1d model, with skin.hydration and the barrier model given. */
static mn_result *run_1d(mn_ctx *ctx, mn_hydration hydration, mn_barrier_model barrier)
{
  mn_scenario s = mn_scenario_default();
  s.simulation.model = MN_MODEL_1D;
  s.course.sessions = 0;
  s.skin.hydration = hydration;
  s.skin.barrier_model = barrier;
  mn_result *r = NULL;
  mn_status st = mn_run(ctx, &s, &r);
  if (st != MN_OK) fail_msg("mn_run: %s", mn_ctx_errmsg(ctx));
  return r;
}

static cJSON *summary_absorption(mn_ctx *ctx, const mn_result *r, cJSON **root)
{
  char *json = NULL;
  assert_int_equal(mn_result_summary_json(ctx, r, &json), MN_OK);
  *root = cJSON_Parse(json);
  mn_string_free(ctx, json);
  assert_non_null(*root);
  cJSON *a = cJSON_GetObjectItemCaseSensitive(*root, "absorption");
  assert_non_null(a);
  return a;
}

static double number(const cJSON *o, const char *key)
{
  const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
  if (!cJSON_IsNumber(x)) fail_msg("%s is missing or not a number", key);
  return x->valuedouble;
}

/* The summary prints a number with 15 digits when they read back to within an ulp (cJSON),
 * else 17: the JSON's value is the C struct's to that. */
#define SAME(got, want) MN_EXPECT_NEAR((got), (want), 1e-15, 0)

static const char *text(const cJSON *o, const char *key)
{
  const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
  if (!cJSON_IsString(x)) fail_msg("%s is missing or not a string", key);
  return x->valuestring;
}

/* The sc_hydration column of absorption.csv: the value of the first row and the range of all
 * rows. */
static void csv_hydration(mn_ctx *ctx, const mn_result *r, double *first, double *lo, double *hi)
{
  char dir[] = "/tmp/mn_absorption_dose_XXXXXX";
  assert_non_null(mkdtemp(dir));
  assert_int_equal(mni_absorption_write_csv(ctx, r, dir), MN_OK);
  char path[256];
  snprintf(path, sizeof path, "%s/absorption.csv", dir);
  FILE *f = fopen(path, "r");
  assert_non_null(f);
  char line[8192];
  assert_non_null(fgets(line, sizeof line, f));
  size_t n = strlen(line);
  assert_true(n > 14 && strcmp(line + n - 14, ",sc_hydration\n") == 0);
  *lo = HUGE_VAL;
  *hi = -HUGE_VAL;
  int rows = 0;
  while (fgets(line, sizeof line, f) != NULL) {
    double w = strtod(strrchr(line, ',') + 1, NULL);
    if (rows++ == 0) *first = w;
    *lo = fmin(*lo, w);
    *hi = fmax(*hi, w);
  }
  fclose(f);
  assert_true(rows > 2);
  unlink(path);
  rmdir(dir);
}

/* The end state sums to the dose in both skins, and every place it is given agrees with the C
 * summary to the last bit. */
static void test_end_state(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_result *r = run_1d(ctx, MN_HYDRATION_AUTO, MN_BARRIER_WKN);
  const mn_absorption *ab = mn_result_absorption(r);
  const mn_absorption_summary *sm = mn_absorption_summary_get(ab);
  assert_true(sm->has_channels);
  assert_int_equal(sm->model, MN_MODEL_1D);
  double sum = 0, sum_intact = 0;
  for (int c = 0; c < MN_N_COMP; c++) {
    assert_true(sm->end_percent[c] > -1e-9 && sm->intact_end_percent[c] > -1e-9);
    sum += sm->end_percent[c];
    sum_intact += sm->intact_end_percent[c];
  }
  MN_EXPECT_NEAR(sum, 100, 0, 1e-9); /* mass balance */
  MN_EXPECT_NEAR(sum_intact, 100, 0, 1e-9);
  assert_true(sm->end_percent[MN_COMP_ABSORBED] == sm->absorbed_percent);
  assert_true(sm->intact_end_percent[MN_COMP_ABSORBED] == sm->intact_absorbed_percent);

  cJSON *root = NULL;
  const cJSON *a = summary_absorption(ctx, r, &root);
  /* the fields of shared/SCENARIO.md, treated skin, and their intact twins */
  SAME(number(a, "in_stratum_corneum_percent"), sm->end_percent[MN_COMP_SC]);
  SAME(number(a, "deposit_percent"), sm->end_percent[MN_COMP_DEPOSIT]);
  SAME(number(a, "evaporated_percent"), sm->end_percent[MN_COMP_EVAPORATED]);
  SAME(number(a, "intact_in_stratum_corneum_percent"), sm->intact_end_percent[MN_COMP_SC]);
  SAME(number(a, "intact_deposit_percent"), sm->intact_end_percent[MN_COMP_DEPOSIT]);
  SAME(number(a, "intact_evaporated_percent"), sm->intact_end_percent[MN_COMP_EVAPORATED]);
  const cJSON *parts = cJSON_GetObjectItemCaseSensitive(a, "compartments_percent");
  const cJSON *tr = cJSON_GetObjectItemCaseSensitive(parts, "treated");
  const cJSON *in = cJSON_GetObjectItemCaseSensitive(parts, "intact");
  assert_true(cJSON_IsObject(tr) && cJSON_IsObject(in));
  assert_int_equal(cJSON_GetArraySize(tr), MN_N_COMP);
  for (int c = 0; c < MN_N_COMP; c++) {
    const char *name = mn_compartment_name((mn_compartment)c);
    SAME(number(tr, name), sm->end_percent[c]);
    SAME(number(in, name), sm->intact_end_percent[c]);
    /* the result's fields by their summary names */
    char key[128];
    double v = NAN;
    snprintf(key, sizeof key, "absorption.compartments_percent.treated.%s", name);
    assert_int_equal(mn_result_get_double(r, key, &v), MN_OK);
    SAME(v, sm->end_percent[c]);
    assert_true(v == number(tr, name)); /* read from the summary's text: the same bits */
    snprintf(key, sizeof key, "absorption.compartments_percent.intact.%s", name);
    assert_int_equal(mn_result_get_double(r, key, &v), MN_OK);
    SAME(v, sm->intact_end_percent[c]);
  }
  double v = NAN;
  assert_int_equal(mn_result_get_double(r, "absorption.in_stratum_corneum_percent", &v), MN_OK);
  SAME(v, sm->end_percent[MN_COMP_SC]);

  /* the SC of the intact run, in the summary's units */
  const mn_compound_props *p = mn_absorption_props(ab);
  assert_true(sm->sc_partition == p->K_sc);
  assert_true(sm->sc_diffusivity_m2_per_s == p->D_sc_m2_per_s);
  MN_EXPECT_NEAR(sm->sc_thickness_m,
                 mn_result_layers(r)->thickness_m[MN_LAYER_STRATUM_CORNEUM] *
                     p->sc_thickness_factor,
                 1e-15, 0);
  MN_EXPECT_NEAR(sm->sc_kp_m_per_s,
                 sm->sc_partition * sm->sc_diffusivity_m2_per_s / sm->sc_thickness_m, 1e-15, 0);
  SAME(number(a, "sc_partition"), sm->sc_partition);
  MN_EXPECT_NEAR(number(a, "sc_diffusivity_cm2_s"), sm->sc_diffusivity_m2_per_s * 1e4, 1e-15, 0);
  MN_EXPECT_NEAR(number(a, "sc_kp_cm_h"), sm->sc_kp_m_per_s * 3.6e5, 1e-15, 0);
  MN_EXPECT_NEAR(number(a, "sc_thickness_um"), sm->sc_thickness_m * 1e6, 1e-15, 0);
  SAME(number(a, "unionised_fraction_sc"), p->unionised_frac_sc);
  SAME(number(a, "unionised_fraction_body"), p->unionised_frac_body);
  SAME(number(a, "channel_hindrance"), p->channel_hindrance);
  assert_true(p->channel_hindrance > 0 && p->channel_hindrance <= 1);

  /* sc_hydration: one weight per time of the curve */
  const cJSON *t = cJSON_GetObjectItemCaseSensitive(a, "time_h");
  const cJSON *w = cJSON_GetObjectItemCaseSensitive(a, "sc_hydration");
  assert_true(cJSON_IsArray(t) && cJSON_IsArray(w));
  assert_int_equal(cJSON_GetArraySize(w), cJSON_GetArraySize(t));
  size_t n = 0;
  assert_int_equal(mn_result_field_length(r, "absorption.sc_hydration", &n), MN_OK);
  assert_int_equal(n, (size_t)cJSON_GetArraySize(t));
  cJSON_Delete(root);
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
}

/* The hydration states: the summary's words and times, the weight over the run in summary.json
 * and absorption.csv (1 at t = 0 when full, 0 when partial), none under potts_guy. */
static void test_hydration(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  assert_true(isnan(mn_absorption_hydration_weight(NULL, 0.0)));
  static const struct {
    mn_hydration hydration;
    mn_barrier_model barrier;
    const char *word;
    double w_first, w_lo, w_hi;
  } cases[] = {
      {MN_HYDRATION_FULL, MN_BARRIER_WKN, "full", 1, 1, 1},
      {MN_HYDRATION_PARTIAL, MN_BARRIER_WKN, "partial", 0, 0, 0},
      /* the default serum is a water film that dries at 0.9 h: full, then relaxing */
      {MN_HYDRATION_AUTO, MN_BARRIER_WKN, "full_then_partial", 1, 0, 1},
      {MN_HYDRATION_AUTO, MN_BARRIER_POTTS_GUY, "none", 0, 0, 0},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    mn_result *r = run_1d(ctx, cases[k].hydration, cases[k].barrier);
    const mn_absorption *ab = mn_result_absorption(r);
    const mn_absorption_summary *sm = mn_absorption_summary_get(ab);
    assert_int_equal(sm->has_hydration, cases[k].barrier == MN_BARRIER_WKN);
    cJSON *root = NULL;
    const cJSON *a = summary_absorption(ctx, r, &root);
    assert_string_equal(text(a, "hydration_state"), cases[k].word);
    const cJSON *until = cJSON_GetObjectItemCaseSensitive(a, "hydration_full_until_h");
    const cJSON *relax = cJSON_GetObjectItemCaseSensitive(a, "hydration_relax_h");
    if (strcmp(cases[k].word, "full_then_partial") == 0) {
      assert_int_equal(sm->hydration_state, MN_HYDRATION_AUTO);
      MN_EXPECT_NEAR(number(a, "hydration_full_until_h"), sm->hydration_full_until_s / 3600, 1e-15,
                     0);
      MN_EXPECT_NEAR(number(a, "hydration_full_until_h"), 0.9, 1e-12, 0);
      MN_EXPECT_NEAR(number(a, "hydration_relax_h"), 0.2, 1e-12, 0); /* 12 min */
      /* the weight: 1 while the film is wet, e^-1 one time constant after */
      double t1 = sm->hydration_full_until_s + sm->hydration_relax_s;
      MN_EXPECT_NEAR(mn_absorption_hydration_weight(ab, sm->hydration_full_until_s), 1, 0, 0);
      MN_EXPECT_NEAR(mn_absorption_hydration_weight(ab, t1), exp(-1.0), 1e-12, 0);
    } else {
      assert_true(cJSON_IsNull(until) && cJSON_IsNull(relax));
    }
    if (strcmp(cases[k].word, "full") == 0) {
      assert_int_equal(sm->hydration_state, MN_HYDRATION_FULL);
      assert_true(isinf(sm->hydration_full_until_s));
      /* the swollen SC: 43.4 / 13.4 of the site's */
      MN_EXPECT_NEAR(number(a, "sc_thickness_um"), 17.0 * 43.4 / 13.4, 1e-12, 0);
    } else {
      MN_EXPECT_NEAR(number(a, "sc_thickness_um"), 17.0, 1e-12, 0);
    }
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(a, "sc_hydration");
    assert_true(cJSON_IsArray(w));
    double lo = HUGE_VAL, hi = -HUGE_VAL, prev = HUGE_VAL;
    for (const cJSON *e = w->child; e != NULL; e = e->next) {
      lo = fmin(lo, e->valuedouble);
      hi = fmax(hi, e->valuedouble);
      assert_true(e->valuedouble <= prev); /* it only dries */
      prev = e->valuedouble;
    }
    assert_true(lo >= 0 && hi <= 1);
    MN_EXPECT_NEAR(cJSON_GetArrayItem(w, 0)->valuedouble, cases[k].w_first, 0, 0);
    double first = NAN, csv_lo = NAN, csv_hi = NAN;
    csv_hydration(ctx, r, &first, &csv_lo, &csv_hi);
    assert_true(csv_lo >= 0 && csv_hi <= 1);
    MN_EXPECT_NEAR(first, cases[k].w_first, 0, 0);
    MN_EXPECT_NEAR(csv_hi, cases[k].w_hi, 0, 0);
    if (cases[k].w_lo < cases[k].w_hi)
      assert_true(csv_lo < 1e-6); /* relaxed to partial by 24 h (12 min time constant) */
    else
      MN_EXPECT_NEAR(csv_lo, cases[k].w_lo, 0, 0);
    cJSON_Delete(root);
    mn_result_destroy(&r);
  }
  mn_ctx_destroy(&ctx);
}

/* mn_result_write draws dose.png and dose.svg and the report embeds the figure. */
static void test_dose_figure(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_result *r = run_1d(ctx, MN_HYDRATION_AUTO, MN_BARRIER_WKN);
  char dir[] = "/tmp/mn_dose_figure_XXXXXX";
  assert_non_null(mkdtemp(dir));
  mn_write_opts o = mn_write_opts_default();
  assert_int_equal(mn_result_write(ctx, r, dir, &o), MN_OK);
  char path[256];
  snprintf(path, sizeof path, "%s/dose.png", dir);
  assert_true(mn_test_is_png(path));
  snprintf(path, sizeof path, "%s/dose.svg", dir);
  assert_true(mn_test_svg_parses(path));
  snprintf(path, sizeof path, "%s/report.html", dir);
  char *html = mn_test_slurp(path, NULL);
  assert_non_null(html);
  assert_non_null(strstr(html, "Where the dose went"));
  int n_img = 0;
  assert_true(mn_test_html_self_contained(html, &n_img));
  assert_int_equal(n_img, mn_test_count_suffix(dir, ".png"));
  free(html);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_end_state),
      cmocka_unit_test(test_hydration),
      cmocka_unit_test(test_dose_figure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
