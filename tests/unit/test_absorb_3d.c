/* The absorption stage on the 3d patch (slow: ~20 s, label `slow`). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench_cases.h"
#include "core/core_int.h"
#include "mn_test.h"
#include "mnsim/absorption.h"

static const char *compound = "caffeine";

static double tolerance = 1e-4;

/* The stage on model with channels p; the 3d model on a random channel list of p's statistics
 * (tests/support: the stage never places channels itself). */
static const mn_absorption_summary *run(mn_ctx *ctx, mn_model model, const mn_puncture_stats *p,
                                        double hours, mn_absorption **a)
{
  mn_scenario s = mn_scenario_default();
  s.simulation.tolerance = tolerance;
  snprintf(s.formulation.compound, sizeof s.formulation.compound, "%s", compound);
  s.simulation.model = model;
  s.simulation.duration_s = mn_h_to_s(hours);
  mn_layer_stack L;
  assert_int_equal(mn_skin_build(ctx, &s.skin, &L), MN_OK);
  mni_channel_list list;
  assert_int_equal(mni_bench_channel_list(ctx, p, s.seed, &list), MN_OK);
  mn_status st = mni_absorption_run_list(ctx, &s, &L, p, model == MN_MODEL_3D ? &list : NULL, a);
  mni_bench_channel_list_free(ctx, &list);
  if (st != MN_OK) print_error("%s\n", mn_ctx_errmsg(ctx));
  assert_int_equal(st, MN_OK);
  return mn_absorption_summary_get(*a);
}

/* The 3d patch in the stage: closes its balance, gives the same bits at 1 and 2 threads, and
 * lands near the axisymmetric cell (random positions, so not on it). Its steps are first
 * order in time: at tolerance 1e-3 the early absorption (0.25 h, dominated by the stratum
 * corneum's uptake and the channels' first flux) is some 2 % high; at the default 1e-4 it
 * must come closer, within 0.1 % of the dose. */
static void test_3d_stage(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_puncture_stats p = mn_test_channel_stats(2500.0, 50.0, 150.0, 15.0);
  mn_absorption *ax = NULL, *a3[3] = {NULL, NULL, NULL};
  const mn_absorption_summary *sx = run(ctx, MN_MODEL_AXISYMMETRIC, &p, 0.25, &ax);
  tolerance = 1e-3;
  for (int q = 0; q < 2; q++) {
    mn_ctx_set_threads(ctx, q + 1);
    run(ctx, MN_MODEL_3D, &p, 0.25, &a3[q]);
  }
  tolerance = 1e-4;
  run(ctx, MN_MODEL_3D, &p, 0.25, &a3[2]);
  const mn_absorption_summary *s3 = mn_absorption_summary_get(a3[0]);
  const mn_absorption_summary *s3f = mn_absorption_summary_get(a3[2]);
  print_message("0.25 h, 2500 channels/cm2: absorbed axisymmetric %.5g %%, 3d %.5g %% (tolerance "
                "1e-3), %.5g %% (1e-4); 3d balance %.2g\n",
                sx->absorbed_percent, s3->absorbed_percent, s3f->absorbed_percent,
                s3->mass_balance_error);
  assert_int_equal(s3->model, MN_MODEL_3D);
  assert_true(s3->mass_balance_error < 1e-9 && s3f->mass_balance_error < 1e-9);
  assert_memory_equal(s3, mn_absorption_summary_get(a3[1]), sizeof *s3);
  assert_true(fabs(s3f->absorbed_percent - sx->absorbed_percent) <
              fabs(s3->absorbed_percent - sx->absorbed_percent));
  MN_EXPECT_NEAR(s3f->absorbed_percent, sx->absorbed_percent, 0.1, 0.0);
  mn_absorption_destroy(&ax);
  for (int q = 0; q < 3; q++)
    mn_absorption_destroy(&a3[q]);
  mn_ctx_destroy(&ctx);
}

/* The 3d patch on the puncture stage's own channel set (positions, depths, openings). */
static void test_3d_on_the_channel_set(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  s.simulation.model = MN_MODEL_3D;
  s.simulation.duration_s = mn_h_to_s(0.1);
  s.simulation.tolerance = 1e-2;
  mn_layer_stack L;
  assert_int_equal(mn_skin_build(ctx, &s.skin, &L), MN_OK);
  mn_channel_set *set = NULL;
  assert_int_equal(mn_puncture_run(ctx, &s, &L, &set), MN_OK);
  mn_absorption *a = NULL;
  mn_status st = mn_absorption_run_set(ctx, &s, &L, set, &a);
  if (st != MN_OK) print_error("%s\n", mn_ctx_errmsg(ctx));
  assert_int_equal(st, MN_OK);
  const mn_absorption_summary *sm = mn_absorption_summary_get(a);
  print_message("channel set of %zu channels (%.0f /cm2): 6 min absorbed 3d %.4g %%, intact %.4g "
                "%%, balance %.2g\n",
                mn_channel_set_count(set), mn_channel_set_stats(set)->density_per_m2 * 1e-4,
                sm->absorbed_percent, sm->intact_absorbed_percent, sm->mass_balance_error);
  assert_int_equal(sm->model, MN_MODEL_3D);
  assert_true(sm->mass_balance_error < 1e-9);
  assert_true(sm->absorbed_percent > sm->intact_absorbed_percent);
  mn_absorption_destroy(&a);
  mn_channel_set_destroy(&set);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_3d_stage),
      cmocka_unit_test(test_3d_on_the_channel_set),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
