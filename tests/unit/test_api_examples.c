/* Every usage example of the public headers, compiled: each function below holds one example as
 * the header writes it (the lines between the setup and the checks), and
 * test_headers_examples_are_here checks that every example line of the headers of include/mnsim (a comment
 * line " *   code") appears in this file, so an example cannot drift from code that compiles. The
 * cheap examples also run; the slow ones (validation, writing files) are only compiled. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mn_test.h"

/* The examples keep the headers' layout, line for line (test_headers_examples_are_here). */
// clang-format off

/* The run: a short scenario so the examples run quickly. */
static mn_scenario short_scenario(void)
{
  mn_scenario s = mn_scenario_default();
  s.simulation.duration_s = mn_h_to_s(2.0);
  s.simulation.model = MN_MODEL_1D;
  s.course.sessions = 1;
  s.course.follow_up_s = mn_months_to_s(3.0);
  return s;
}

/* mnsim/scenario.h, the struct */
static void example_scenario_load(mn_ctx *ctx)
{
  mn_scenario s;
  if (mn_scenario_load_file(ctx, "cheek.yaml", &s) != MN_OK ||
      mn_scenario_set(ctx, &s, "device.needle_length_mm=1.0") != MN_OK ||
      mn_scenario_validate(ctx, &s) != MN_OK)
    fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
}

/* mnsim/scenario.h, the handle */
static double example_scn(mn_ctx *ctx)
{
  mn_scn *scn = NULL;
  mn_result *res = NULL;
  double er = 0.0;
  if (mn_scn_create(ctx, &scn) != MN_OK ||
      mn_scn_set_text(scn, "device.needle_length_mm", "1.0") != MN_OK ||
      mn_scn_set_double(scn, "simulation.duration_h", 8.0) != MN_OK ||
      mn_run_scn(ctx, scn, &res) != MN_OK ||
      mn_result_get_double(res, "absorption.enhancement_ratio", &er) != MN_OK)
    fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
  mn_result_destroy(&res);
  mn_scn_destroy(&scn);
  return er;
}

/* mnsim/run.h */
static void example_run(mn_ctx *ctx)
{
  mn_scenario scenario = mn_scenario_default();
  scenario = short_scenario();
  mn_result *r = NULL;
  char *json = NULL;
  if (mn_run(ctx, &scenario, &r) != MN_OK || mn_result_summary_json(ctx, r, &json) != MN_OK)
    fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
  else
    fputs(json, stdout);
  mn_string_free(ctx, json);
  mn_result_destroy(&r);
  assert_null(r);
}

/* mnsim/output.h, the fields by name */
static size_t example_fields(mn_ctx *ctx, const mn_result *res)
{
  double er = 0.0;
  const double *curve = NULL;
  size_t n = 0;
  if (mn_result_get_double(res, "absorption.enhancement_ratio", &er) != MN_OK ||
      mn_result_get_array(res, "absorption.cumulative_absorbed_percent", &curve, &n) != MN_OK)
    fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
  for (size_t i = 0; i < mn_result_field_count(res); i++)
    printf("%s\n", mn_result_field_name(res, i));
  assert_true(er > 0.0 && curve != NULL);
  return n;
}

/* mnsim/output.h, writing files: compiled only (it writes figures). */
void example_write(mn_ctx *ctx, const mn_result *result);
void example_write(mn_ctx *ctx, const mn_result *result)
{
  mn_write_opts o = mn_write_opts_default();
  o.fields = true;  // HDF5 + XDMF of spatial runs
  if (mn_result_write(ctx, result, "out/cheek", &o) != MN_OK)
    fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
}

/* mnsim/absorption.h and mnsim/healing.h, the stages one by one */
static void example_stages(mn_ctx *ctx)
{
  mn_scenario scenario = short_scenario();
  mn_layer_stack layers;
  mn_channel_set *channel_set = NULL;
  assert_int_equal(mn_skin_build(ctx, &scenario.skin, &layers), MN_OK);
  assert_int_equal(mn_puncture_run(ctx, &scenario, &layers, &channel_set), MN_OK);
  mn_puncture_stats stats = *mn_channel_set_stats(channel_set);

  mn_absorption *a = NULL;  // channel_set NULL: intact skin only
  if (mn_absorption_run_set(ctx, &scenario, &layers, channel_set, &a) != MN_OK)
    fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
  else
    printf("ER %g\n", mn_absorption_summary_get(a)->enhancement_ratio);
  mn_absorption_destroy(&a);

  mn_healing *h = NULL;
  if (mn_healing_run(ctx, &scenario, &layers, &stats, &h) != MN_OK)
    fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
  else
    printf("collagen %+.1f %%\n", mn_healing_collagen_change_percent(h));
  mn_healing_destroy(&h);

  assert_null(a);
  assert_null(h);
  mn_channel_set_destroy(&channel_set);
}

/* mnsim/outcome.h: the endpoints of an indication from a healing result */
static void example_outcome(mn_ctx *ctx, const mn_healing *healing)
{
  mn_outcome *o = NULL;
  if (mn_outcome_run(ctx, "acne_scars_moderate", healing, &o) == MN_OK &&
      mn_outcome_n_endpoints(o) > 0)
    printf("%s %+.2f\n", mn_outcome_endpoint_get(o, 0)->label,
           mn_outcome_endpoint_get(o, 0)->change);
  mn_outcome_destroy(&o);
  assert_null(o);
}

/* mnsim/plan.h */
static void example_plan(mn_ctx *ctx)
{
  mn_plan_request rq = mn_plan_request_default();
  rq.indication = "acne_scars_moderate"; rq.site = "cheek"; rq.setting = MN_SETTING_HOME;
  mn_plan *p = NULL;
  if (mn_plan_make(ctx, &rq, &p) != MN_OK) fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
  else
    printf("%d to %d sessions\n", mn_plan_protocol_get(p)->sessions[0],
           mn_plan_protocol_get(p)->sessions[1]);
  mn_plan_destroy(&p);
}

/* mnsim/validate.h: compiled only (the validation cases take a while). */
void example_validate(mn_ctx *ctx);
void example_validate(mn_ctx *ctx)
{
  mn_validation_report *r = NULL;
  if (mn_validate_run(ctx, &r) != MN_OK) fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
  for (size_t i = 0; i < mn_validation_report_count(r); i++)
    printf("%s %s\n", mn_validation_report_case(r, i)->name,
           mn_validation_report_case(r, i)->is_pass ? "pass" : "FAIL");
  mn_validation_report_destroy(&r);
}

/* mnsim/study.h: compiled only (a thousand patients and their files take a while). */
void example_population(mn_ctx *ctx);
void example_population(mn_ctx *ctx)
{
  mn_scenario base = mn_scenario_default();
  mn_study *pop = NULL;
  if (mn_population_run(ctx, &base, 1000, 42, &pop) != MN_OK ||
      mn_population_write(ctx, pop, "out/pop", NULL) != MN_OK)
    fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
  mn_study_destroy(&pop);
}

// clang-format on

static void test_examples_run(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  example_scenario_load(ctx); /* cheek.yaml is not there: the message goes to stderr */
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "cheek.yaml"));
  assert_true(example_scn(ctx) > 1.0);
  example_run(ctx);
  mn_scenario s = short_scenario();
  mn_result *r = NULL;
  assert_int_equal(mn_run(ctx, &s, &r), MN_OK);
  assert_int_equal(example_fields(ctx, r), (size_t)s.simulation.output_points);
  mn_result_destroy(&r);
  example_stages(ctx);
  s.course.sessions = 1;
  assert_int_equal(mn_run(ctx, &s, &r), MN_OK);
  example_outcome(ctx, mn_result_healing(r));
  mn_result_destroy(&r);
  example_plan(ctx);
  mn_ctx_destroy(&ctx);
}

static char *read_all(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  if (s != NULL && fread(s, 1, (size_t)n, f) != (size_t)n) {
    free(s);
    s = NULL;
  }
  if (s != NULL) s[n] = '\0';
  fclose(f);
  return s;
}

/* Every " *   code" line of a header's comments is a line of an example (three blanks after
 * the star, then code; documentation continues with more blanks or none). */
static void test_headers_examples_are_here(void **state)
{
  (void)state;
  const char *src = getenv("MN_SOURCE_DIR");
  assert_non_null(src);
  char path[4096];
  snprintf(path, sizeof path, "%s/tests/unit/test_api_examples.c", src);
  char *self = read_all(path);
  assert_non_null(self);
  snprintf(path, sizeof path, "%s/include/mnsim", src);
  DIR *dir = opendir(path);
  assert_non_null(dir);
  int n_lines = 0, n_missing = 0;
  for (struct dirent *e; (e = readdir(dir)) != NULL;) {
    size_t len = strlen(e->d_name);
    if (len < 3 || strcmp(e->d_name + len - 2, ".h") != 0) continue;
    char hp[4096 + 260];
    snprintf(hp, sizeof hp, "%s/%s", path, e->d_name);
    char *h = read_all(hp);
    assert_non_null(h);
    for (char *line = strtok(h, "\n"); line != NULL; line = strtok(NULL, "\n")) {
      if (strncmp(line, " *   ", 5) != 0 || line[5] == ' ' || line[5] == '\0') continue;
      n_lines++;
      if (strstr(self, line + 5) == NULL) {
        fprintf(stderr, "%s: example line not in test_api_examples.c: %s\n", e->d_name, line + 5);
        n_missing++;
      }
    }
    free(h);
  }
  closedir(dir);
  free(self);
  assert_true(n_lines > 40);
  assert_int_equal(n_missing, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_examples_run),
      cmocka_unit_test(test_headers_examples_are_here),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
