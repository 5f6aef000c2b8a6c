/* The absorption stage inside mn_run: the absorption.* fields of the summary JSON
 * (shared/SCENARIO.md) and absorption.csv. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output/absorption_csv_int.h"
#include "mn_test.h"

static double number(const cJSON *o, const char *key)
{
  const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
  if (!cJSON_IsNumber(x)) fail_msg("absorption.%s is missing or not a number", key);
  return x->valuedouble;
}

static void test_summary_fields(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  mn_result *r = NULL;
  assert_int_equal(mn_run(ctx, &s, &r), MN_OK);
  assert_non_null(mn_result_absorption(r));
  char *json = NULL;
  assert_int_equal(mn_result_summary_json(ctx, r, &json), MN_OK);
  cJSON *root = cJSON_Parse(json);
  assert_non_null(root);
  const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, "absorption");
  assert_non_null(a);
  /* auto picks the model (docs/model.md section 5): the default's channels take the cell */
  const char *model = cJSON_GetObjectItemCaseSensitive(a, "model")->valuestring;
  assert_true(strcmp(model, "1d") == 0 || strcmp(model, "axisymmetric") == 0 ||
              strcmp(model, "3d") == 0);
  MN_EXPECT_NEAR(number(a, "duration_h"), 24, 1e-12, 0);
  MN_EXPECT_NEAR(number(a, "dose_ug_cm2"), 40, 1e-12, 0); /* 4 mg/mL × 10 µL/cm² */
  double abs_pct = number(a, "absorbed_percent"), intact = number(a, "intact_absorbed_percent");
  assert_true(abs_pct > 0 && abs_pct <= 100);
  assert_true(number(a, "penetrated_percent") >= abs_pct);
  MN_EXPECT_NEAR(number(a, "enhancement_ratio"), abs_pct / intact, 1e-12, 0);
  assert_true(number(a, "mass_balance_error") < 1e-9);
  const cJSON *t = cJSON_GetObjectItemCaseSensitive(a, "time_h");
  const cJSON *q = cJSON_GetObjectItemCaseSensitive(a, "cumulative_absorbed_percent");
  assert_true(cJSON_IsArray(t) && cJSON_IsArray(q));
  assert_int_equal(cJSON_GetArraySize(t), s.simulation.output_points);
  assert_int_equal(cJSON_GetArraySize(q), s.simulation.output_points);
  double prev = -1;
  /* Cumulative: never decreases, up to the solver's accuracy (BDF may undershoot by a few
   * rtol of the dose once the tissue is nearly empty; with channels 99.99 % is absorbed). */
  double dip_tol_percent = 10.0 * s.simulation.tolerance * 100.0;
  for (int i = 0; i < cJSON_GetArraySize(q); i++) {
    double v = cJSON_GetArrayItem(q, i)->valuedouble;
    assert_true(v >= prev - dip_tol_percent);
    prev = v;
  }
  MN_EXPECT_NEAR(prev, abs_pct, 1e-12, 0);
  MN_EXPECT_NEAR(cJSON_GetArrayItem(t, cJSON_GetArraySize(t) - 1)->valuedouble, 24, 1e-12, 0);
  cJSON_Delete(root);
  mn_string_free(ctx, json);
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
}

static void test_csv(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  s.simulation.output_points = 11;
  mn_result *r = NULL;
  assert_int_equal(mn_run(ctx, &s, &r), MN_OK);
  char dir[] = "/tmp/mn_absorption_csv_XXXXXX";
  assert_non_null(mkdtemp(dir));
  assert_int_equal(mni_absorption_write_csv(ctx, r, dir), MN_OK);
  char path[256];
  snprintf(path, sizeof path, "%s/absorption.csv", dir);
  FILE *f = fopen(path, "r");
  assert_non_null(f);
  char line[4096];
  assert_non_null(fgets(line, sizeof line, f));
  assert_non_null(strstr(line, "skin,t_h,flux_ug_cm2_h,vehicle_ug_cm2,deposit_ug_cm2,"
                               "evaporated_ug_cm2,washed_ug_cm2,stratum_corneum_ug_cm2,"
                               "viable_epidermis_ug_cm2,dermis_ug_cm2,absorbed_ug_cm2,"
                               "vehicle_percent"));
  int rows = 0, treated = 0;
  while (fgets(line, sizeof line, f) != NULL) {
    rows++;
    treated += strncmp(line, "treated,", 8) == 0;
    /* every row's percentages sum to 100 (the mass balance, as the user reads it) */
    double v[19];
    char *p = strchr(line, ',') + 1;
    for (int k = 0; k < 18; k++) {
      v[k] = strtod(p, &p);
      p++;
    }
    double sum = 0;
    for (int k = 10; k < 18; k++)
      sum += v[k];
    MN_EXPECT_NEAR(sum, 100, 1e-9, 0);
  }
  fclose(f);
  assert_int_equal(rows, 2 * 11);
  assert_int_equal(treated, 11);
  unlink(path);
  rmdir(dir);
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_summary_fields),
      cmocka_unit_test(test_csv),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
