/* Core: context, allocation failure, status texts, RNG reproducibility and statistics, units,
 * and the scenario key table. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_int.h"
#include "mn_test.h"

static void test_ctx_lifecycle(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  assert_string_equal(mn_ctx_errmsg(ctx), "");
  assert_int_equal(mni_fail(ctx, MN_E_ARG, "dt_s = %g must be > 0", -1.0), MN_E_ARG);
  assert_string_equal(mn_ctx_errmsg(ctx), "dt_s = -1 must be > 0");
  mn_ctx_destroy(&ctx);
  assert_null(ctx);
  mn_ctx_destroy(&ctx); /* NULL is a no-op */
  mn_ctx_destroy(NULL);
}

static void test_ctx_out_of_memory(void **state)
{
  (void)state;
  mn_test_alloc fa = {.allocs_left = 0};
  mn_ctx *ctx = (mn_ctx *)0x1;
  assert_int_equal(mn_ctx_create(mn_test_fail_alloc, &fa, &ctx), MN_E_NOMEM);
  assert_null(ctx);
  fa.allocs_left = 1;
  assert_int_equal(mn_ctx_create(mn_test_fail_alloc, &fa, &ctx), MN_OK);
  assert_null(mn_alloc(ctx, 100));
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "100 bytes"));
  assert_null(mn_calloc(ctx, (size_t)-1, 16)); /* overflow caught before the allocator */
  mn_ctx_destroy(&ctx);
  assert_int_equal(fa.live_bytes, 0);
}

static void test_status_text(void **state)
{
  (void)state;
  assert_string_equal(mn_status_str(MN_OK), "success");
  assert_string_equal(mn_status_str(MN_E_NOMEM), "out of memory");
  assert_string_equal(mn_status_str(MN_E_NOTFOUND), "name not found");
  assert_string_equal(mn_status_str((mn_status)-999), "unknown status");
  assert_non_null(strchr(mn_version(), '.'));
}

static void test_rng_reproducible_and_streams_differ(void **state)
{
  (void)state;
  mn_rng a, b, c;
  mn_rng_seed(&a, 42, 1);
  mn_rng_seed(&b, 42, 1);
  mn_rng_seed(&c, 42, 2);
  int same_ac = 0;
  for (int i = 0; i < 1000; i++) {
    uint64_t x = mn_rng_next(&a), y = mn_rng_next(&b), z = mn_rng_next(&c);
    assert_true(x == y);
    same_ac += (x == z);
  }
  assert_int_equal(same_ac, 0);
}

static void test_rng_moments(void **state)
{
  (void)state;
  mn_rng r;
  mn_rng_seed(&r, 7, 0);
  const int n = 200000;
  double su = 0, su2 = 0, sn = 0, sn2 = 0;
  for (int i = 0; i < n; i++) {
    double u = mn_rng_uniform(&r);
    assert_true(u >= 0.0 && u < 1.0);
    su += u;
    su2 += u * u;
    double g = mn_rng_normal(&r);
    sn += g;
    sn2 += g * g;
  }
  /* Standard errors: uniform mean 0.00065, normal mean 0.0022: allow about 5 of them. */
  MN_EXPECT_NEAR(su / n, 0.5, 0, 0.004);
  MN_EXPECT_NEAR(su2 / n - (su / n) * (su / n), 1.0 / 12.0, 0, 0.002);
  MN_EXPECT_NEAR(sn / n, 0.0, 0, 0.012);
  MN_EXPECT_NEAR(sn2 / n, 1.0, 0, 0.02);
}

static void test_units_round_trip(void **state)
{
  (void)state;
  MN_EXPECT_NEAR(mn_m_to_um(mn_um_to_m(17.0)), 17.0, 1e-15, 0);
  MN_EXPECT_NEAR(mn_m_to_mm(mn_mm_to_m(1.5)), 1.5, 1e-15, 0);
  MN_EXPECT_NEAR(mn_s_to_h(mn_h_to_s(24.0)), 24.0, 1e-15, 0);
  MN_EXPECT_NEAR(mn_s_to_days(mn_weeks_to_s(4.0)), 28.0, 1e-15, 0);
  MN_EXPECT_NEAR(mn_m2_to_cm2(mn_cm2_to_m2(10.0)), 10.0, 1e-15, 0);
  MN_EXPECT_NEAR(mn_m_to_ul_per_cm2(mn_ul_per_cm2_to_m(10.0)), 10.0, 1e-15, 0);
  MN_EXPECT_NEAR(mn_kg_per_m2_to_ug_per_cm2(mn_ug_per_cm2_to_kg_per_m2(40.0)), 40.0, 1e-15, 0);
  MN_EXPECT_NEAR(mn_m_per_s_to_cm_per_h(mn_cm_per_h_to_m_per_s(1.1e-4)), 1.1e-4, 1e-15, 0);
  /* 10 µL/cm² of a 4 mg/mL serum is 40 µg/cm². */
  double dose = mn_ul_per_cm2_to_m(10.0) * mn_mg_per_ml_to_kg_per_m3(4.0);
  MN_EXPECT_NEAR(mn_kg_per_m2_to_ug_per_cm2(dose), 40.0, 1e-12, 0);
}

static void test_scenario_keys(void **state)
{
  (void)state;
  size_t n = 0;
  const mn_scenario_key *keys = mn_scenario_keys(&n);
  assert_true(n > 30);
  for (size_t i = 0; i < n; i++) {
    assert_ptr_equal(mn_scenario_key_find(keys[i].path), &keys[i]);
    assert_true(keys[i].to_si > 0);
    if (keys[i].type == MN_KEY_DOUBLE || keys[i].type == MN_KEY_INT ||
        keys[i].type == MN_KEY_DOUBLE_LIST)
      assert_true(keys[i].min < keys[i].max);
    if (keys[i].type == MN_KEY_ENUM)
      assert_non_null(keys[i].enum_names);
  }
  assert_null(mn_scenario_key_find("device.needle_length"));
  const mn_scenario_key *k = mn_scenario_key_suggest("device.needle_lenght_mm");
  assert_non_null(k);
  assert_string_equal(k->path, "device.needle_length_mm");
  k = mn_scenario_key_suggest("skin.dermis_mm");
  assert_non_null(k);
  assert_string_equal(k->path, "skin.dermis_um");
  assert_null(mn_scenario_key_suggest("completely.unrelated.thing_here"));
}

static void test_scenario_default(void **state)
{
  (void)state;
  mn_scenario s = mn_scenario_default();
  assert_string_equal(s.skin.site, "cheek");
  assert_int_equal(s.device.type, MN_DEVICE_ROLLER);
  MN_EXPECT_NEAR(s.device.needle_length_m, 1.5e-3, 1e-15, 0);
  assert_string_equal(s.formulation.compound, "caffeine");
  MN_EXPECT_NEAR(s.simulation.duration_s, 86400.0, 1e-15, 0);
  assert_int_equal(s.course.sessions, 4);
  assert_true(isnan(s.skin.dermis_m));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ctx_lifecycle),
      cmocka_unit_test(test_ctx_out_of_memory),
      cmocka_unit_test(test_status_text),
      cmocka_unit_test(test_rng_reproducible_and_streams_differ),
      cmocka_unit_test(test_rng_moments),
      cmocka_unit_test(test_units_round_trip),
      cmocka_unit_test(test_scenario_keys),
      cmocka_unit_test(test_scenario_default),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
