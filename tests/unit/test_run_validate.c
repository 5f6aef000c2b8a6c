/* mn_run validates the scenario before any stage runs: a struct filled through the C API, not
 * read by the loader, fails with MN_E_CONFIG and the loader's message naming the key (the
 * stages no longer repeat these range checks). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mn_test.h"

/* mn_run on s fails with MN_E_CONFIG, no result, and a message holding each of want. */
static void expect_config_error(mn_ctx *ctx, const mn_scenario *s, const char *want1,
                                const char *want2)
{
  mn_result *r = (mn_result *)ctx; /* must be reset to NULL */
  assert_int_equal(mn_run(ctx, s, &r), MN_E_CONFIG);
  assert_null(r);
  const char *msg = mn_ctx_errmsg(ctx);
  print_message("%s\n", msg);
  assert_non_null(strstr(msg, want1));
  if (want2 != NULL) assert_non_null(strstr(msg, want2));
}

static void test_run_validates_the_struct(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  s.device.needle_length_m = 5e-3; /* 5 mm: the key allows 0.05 to 3.5 mm */
  expect_config_error(ctx, &s, "device.needle_length_mm", "5 mm");

  s = mn_scenario_default();
  s.simulation.duration_s = 0.0;
  expect_config_error(ctx, &s, "simulation.duration_h", NULL);

  s = mn_scenario_default();
  s.simulation.tolerance = 0.5;
  expect_config_error(ctx, &s, "simulation.tolerance", NULL);

  s = mn_scenario_default();
  s.simulation.output_points = 2;
  expect_config_error(ctx, &s, "simulation.output_points", NULL);

  s = mn_scenario_default();
  s.simulation.duration_s = mn_h_to_s(2.0);
  s.simulation.n_profile_times = 1;
  s.simulation.profile_times_s[0] = mn_h_to_s(3.0);
  expect_config_error(ctx, &s, "simulation.profile_times_h", "after the end of the run");

  s = mn_scenario_default();
  s.formulation.concentration_kg_per_m3 = NAN;
  expect_config_error(ctx, &s, "formulation.concentration", NULL);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_run_validates_the_struct),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
