/* The 1d absorption solver on skins where CVODE's BDF at orders 3-5 failed its error test
 * repeatedly a few hours in (the steps shrinking to milliseconds): 5 of the 10,000 virtual
 * patients of bench/RESULTS.md. The system is linear and smooth there; the solver now goes on
 * at order <= 2 from CVODE's last accepted step. Each case must run, conserve its mass, and
 * agree with the same run at a 100 x tighter tolerance to the tolerance's accuracy. The
 * patients' sampled inputs are written out so that the case does not depend on the sampler. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mn_test.h"

typedef struct hard_patient {
  unsigned long long seed;
  double age_years, sc_um, ve_um, dermis_um, subcutis_mm;
  int fitzpatrick, passes;
  double force_n;
} hard_patient;

/* Patient 6117 of `mnsim population --n 10000 --seed 1` (default scenario). */
static const hard_patient patients[] = {
    {2356009905996751ULL, 37.31064378353766, 20.64302389609467, 40.720215910083944,
     1853.973928719535, 3.5755356253306885, 1, 11, 0.06859846922360707},
};

static mn_scenario scenario_of(const hard_patient *p)
{
  mn_scenario s = mn_scenario_default();
  s.seed = p->seed;
  s.skin.age_years = p->age_years;
  s.skin.stratum_corneum_m = p->sc_um * 1e-6;
  s.skin.viable_epidermis_m = p->ve_um * 1e-6;
  s.skin.dermis_m = p->dermis_um * 1e-6;
  s.skin.subcutis_m = p->subcutis_mm * 1e-3;
  s.skin.fitzpatrick = p->fitzpatrick;
  s.treatment.passes = p->passes;
  s.treatment.force_n = p->force_n;
  s.simulation.model = MN_MODEL_1D;
  return s;
}

static double absorbed(mn_ctx *ctx, const mn_scenario *s, double *balance)
{
  mn_result *r = NULL;
  mn_status st = mn_run(ctx, s, &r);
  if (st != MN_OK) fprintf(stderr, "%s\n", mn_ctx_errmsg(ctx));
  assert_int_equal(st, MN_OK);
  const mn_absorption_summary *a = mn_absorption_summary_get(mn_result_absorption(r));
  double v = a->absorbed_percent;
  *balance = a->mass_balance_error;
  mn_result_destroy(&r);
  return v;
}

static void check(mn_ctx *ctx, const mn_scenario *s)
{
  double balance = 1.0, balance_tight = 1.0;
  double v = absorbed(ctx, s, &balance);
  mn_scenario tight = *s;
  tight.simulation.tolerance = s->simulation.tolerance / 100.0;
  double v_tight = absorbed(ctx, &tight, &balance_tight);
  assert_true(balance < 1e-10 && balance_tight < 1e-10);
  MN_EXPECT_NEAR(v, v_tight, 10.0 * s->simulation.tolerance, 0.0);
}

static void test_written_patient(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = scenario_of(&patients[0]);
  check(ctx, &s);
  mn_ctx_destroy(&ctx);
}

/* The same through the population's sampler (patient 9176), as a user meets it. */
static void test_sampled_patient(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario base = mn_scenario_default(), s;
  assert_int_equal(mn_population_sample(ctx, &base, 1, 9176, &s, NULL), MN_OK);
  check(ctx, &s);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_written_patient),
                                     cmocka_unit_test(test_sampled_patient)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
