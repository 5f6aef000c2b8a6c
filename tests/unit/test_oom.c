/* Out of memory in the JSON writers (issue 18): cJSON allocates through the context's allocator
 * (core/json_alloc.c), so failing the k-th allocation of the context reaches every cJSON node.
 * For each k until the call succeeds: MN_E_NOMEM and no output, never a crash; nothing left
 * allocated once the context is gone (live bytes 0; the ASan build checks the rest). Also: the
 * allocations are counted (cJSON's nodes are routed, not only the final text), and a JSON block
 * made under one context and freed outside any scope goes back to its own allocator. */
#include <string.h>

#include "mn_test.h"

/* A short 1d run, made once with an ordinary context: the writers only read it. */
static mn_result *short_run(mn_ctx *ctx)
{
  mn_scenario s = mn_scenario_default();
  s.simulation.model = MN_MODEL_1D;
  s.simulation.duration_s = 600.0;
  s.simulation.output_points = 5;
  s.course.sessions = 0;
  mn_result *r = NULL;
  assert_int_equal(mn_run(ctx, &s, &r), MN_OK);
  return r;
}

typedef mn_status (*json_fn)(mn_ctx *ctx, const void *obj, char **out);

static mn_status summary(mn_ctx *ctx, const void *r, char **out)
{
  return mn_result_summary_json(ctx, r, out);
}

static mn_status plan_json(mn_ctx *ctx, const void *p, char **out)
{
  return mn_plan_json(ctx, p, out);
}

/* Fails allocation k = 0, 1, ... until fn succeeds; returns the allocations of the success. */
static long fail_each(json_fn fn, const void *obj, const char *what)
{
  mn_status st = MN_E_NOMEM;
  long k = 0, allocs = 0;
  for (; st != MN_OK && k < 100000; k++) {
    mn_test_alloc fa = {.allocs_left = k};
    mn_ctx *ctx = NULL;
    if (mn_ctx_create(mn_test_fail_alloc, &fa, &ctx) != MN_OK) continue; /* k = 0 */
    char *json = NULL;
    st = fn(ctx, obj, &json);
    if (st != MN_OK) {
      assert_int_equal(st, MN_E_NOMEM);
      assert_null(json);
      assert_true(mn_ctx_errmsg(ctx)[0] != '\0'); /* a message says what failed */
    }
    mn_string_free(ctx, json);
    allocs = fa.allocs;
    mn_ctx_destroy(&ctx);
    if (fa.live_bytes != 0)
      print_message("%s: leak of %ld bytes at allocation %ld\n", what, fa.live_bytes, k);
    assert_int_equal(fa.live_bytes, 0); /* no leak on any path */
  }
  assert_int_equal(st, MN_OK);
  print_message("%s: out of memory at each of the first %ld allocations: handled\n", what, k - 1);
  return allocs;
}

static void test_summary_json_oom(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_result *r = short_run(ctx);
  long allocs = fail_each(summary, r, "summary JSON");
  assert_true(allocs > 100); /* cJSON's nodes, not only the text: they are routed */
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
}

static void test_plan_json_oom(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_plan_request rq = mn_plan_request_default();
  rq.indication = "acne_scars_moderate";
  rq.site = "cheek";
  rq.conditions[rq.n_conditions++] = "isotretinoin";
  mn_plan *p = NULL;
  assert_int_equal(mn_plan_make(ctx, &rq, &p), MN_OK);
  long allocs = fail_each(plan_json, p, "plan JSON");
  assert_true(allocs > 20);
  mn_plan_destroy(&p);
  mn_ctx_destroy(&ctx);
}

/* The planner itself, allocation by allocation (its catalogues are read on first use). */
static void test_plan_make_oom(void **state)
{
  (void)state;
  mn_status st = MN_E_NOMEM;
  long k = 0;
  for (; st != MN_OK && k < 100000; k++) {
    mn_test_alloc fa = {.allocs_left = k};
    mn_ctx *ctx = NULL;
    if (mn_ctx_create(mn_test_fail_alloc, &fa, &ctx) != MN_OK) continue;
    mn_plan_request rq = mn_plan_request_default();
    rq.indication = "fine_lines";
    rq.site = "periorbital";
    mn_plan *p = NULL;
    st = mn_plan_make(ctx, &rq, &p);
    if (st != MN_OK) {
      assert_int_equal(st, MN_E_NOMEM);
      assert_null(p);
    }
    mn_plan_destroy(&p);
    mn_ctx_destroy(&ctx);
    assert_int_equal(fa.live_bytes, 0);
  }
  assert_int_equal(st, MN_OK);
  print_message("plan: out of memory at each of the first %ld allocations: handled\n", k - 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_summary_json_oom),
      cmocka_unit_test(test_plan_json_oom),
      cmocka_unit_test(test_plan_make_oom),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
