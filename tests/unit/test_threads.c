/* Two contexts running two different scenarios on two threads at once give, byte for byte, the
 * summaries of the same runs done one after the other: the library keeps no global mutable
 * state (message, RNG, allocator, catalogues and caches live in the context). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mn_test.h"

typedef struct job {
  const char *yaml; /* the scenario */
  char *json;       /* its summary (malloc'd copy) */
  double er;        /* absorption.enhancement_ratio read by name */
  mn_status st;
  char msg[512];
} job;

static const char *const scenario_a = "name: threads a\n"
                                      "seed: 7\n"
                                      "device: {needle_length_mm: 1.0}\n"
                                      "simulation: {duration_h: 1}\n"
                                      "course: {sessions: 2, follow_up_months: 3}\n";

static const char *const scenario_b = "name: threads b\n"
                                      "seed: 18446744073709551557\n"
                                      "skin: {site: abdomen}\n"
                                      "device: {type: pen, needle_length_mm: 0.5}\n"
                                      "formulation: {compound: niacinamide}\n"
                                      "simulation: {duration_h: 6, mode: franz_cell, model: 1d}\n"
                                      "course: {sessions: 0}\n";

static void *run_job(void *arg)
{
  job *j = arg;
  mn_ctx *ctx = NULL;
  mn_scn *s = NULL;
  mn_result *r = NULL;
  char *json = NULL;
  j->st = mn_ctx_create(NULL, NULL, &ctx);
  if (j->st == MN_OK) j->st = mn_scn_create(ctx, &s);
  if (j->st == MN_OK) j->st = mn_scn_load_string(s, j->yaml, strlen(j->yaml), "job");
  if (j->st == MN_OK) j->st = mn_run_scn(ctx, s, &r);
  if (j->st == MN_OK) j->st = mn_result_summary_json(ctx, r, &json);
  if (j->st == MN_OK) j->st = mn_result_get_double(r, "absorption.enhancement_ratio", &j->er);
  if (j->st == MN_OK) {
    size_t n = strlen(json) + 1;
    j->json = malloc(n);
    if (j->json != NULL) memcpy(j->json, json, n);
  } else if (ctx != NULL) {
    snprintf(j->msg, sizeof j->msg, "%s", mn_ctx_errmsg(ctx));
  }
  mn_string_free(ctx, json);
  mn_result_destroy(&r);
  mn_scn_destroy(&s);
  mn_ctx_destroy(&ctx);
  return NULL;
}

static void expect_ok(const job *j)
{
  if (j->st != MN_OK) fprintf(stderr, "run failed: %s: %s\n", mn_status_str(j->st), j->msg);
  assert_int_equal(j->st, MN_OK);
  assert_non_null(j->json);
}

static void test_two_threads_equal_sequential(void **state)
{
  (void)state;
  job seq[2] = {{.yaml = scenario_a}, {.yaml = scenario_b}};
  run_job(&seq[0]);
  run_job(&seq[1]);
  expect_ok(&seq[0]);
  expect_ok(&seq[1]);
  assert_true(strcmp(seq[0].json, seq[1].json) != 0); /* two different scenarios */

  for (int round = 0; round < 2; round++) {
    job par[2] = {{.yaml = scenario_a}, {.yaml = scenario_b}};
    pthread_t th[2];
    for (int k = 0; k < 2; k++)
      assert_int_equal(pthread_create(&th[k], NULL, run_job, &par[k]), 0);
    for (int k = 0; k < 2; k++)
      assert_int_equal(pthread_join(th[k], NULL), 0);
    for (int k = 0; k < 2; k++) {
      expect_ok(&par[k]);
      assert_string_equal(par[k].json, seq[k].json);
      assert_true(par[k].er == seq[k].er);
      free(par[k].json);
    }
  }
  assert_non_null(strstr(seq[1].json, "\"seed\":\t18446744073709551557,"));
  free(seq[0].json);
  free(seq[1].json);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_two_threads_equal_sequential),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
