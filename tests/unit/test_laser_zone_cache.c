/* The context's cache of laser zones (src/puncture/laser_zone_cache.c): a pulse computed once
 * is answered again to the bit without computing it; another pulse is computed; a failed pulse
 * is not kept. (The oldest of 17 pulses computed again: test_laser_mtz, a slow test.) */
#include <string.h>

#include "core/core_int.h"
#include "mn_test.h"
#include "puncture/laser_int.h"

static mni_laser_pulse co2(double mj)
{
  mni_laser_pulse p = {MNI_LASER_CO2, mj * 1e-3, 120e-6, 0.2e-3, 34.0};
  return p;
}

static void expect_counts(mn_ctx *ctx, size_t hits, size_t misses)
{
  size_t h = 0, m = 0;
  mni_laser_mtz_cache_counts(ctx, &h, &m);
  assert_int_equal(h, hits);
  assert_int_equal(m, misses);
}

static void test_same_pulse_same_zone(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mni_laser_pulse p = co2(2.0);
  mni_mtz direct, first, again;
  assert_int_equal(mni_laser_mtz(ctx, &p, &direct), MN_OK);
  expect_counts(ctx, 0, 0); /* the direct call does not fill the cache */
  assert_int_equal(mni_laser_mtz_cached(ctx, &p, &first), MN_OK);
  expect_counts(ctx, 0, 1);
  assert_int_equal(mni_laser_mtz_cached(ctx, &p, &again), MN_OK);
  expect_counts(ctx, 1, 1);
  assert_memory_equal(&direct, &first, sizeof direct);
  assert_memory_equal(&first, &again, sizeof first);
  mni_laser_pulse q = co2(2.0);
  q.pulse_s = 0.3e-3; /* any field of the pulse makes another zone */
  assert_int_equal(mni_laser_mtz_cached(ctx, &q, &again), MN_OK);
  expect_counts(ctx, 1, 2);
  mn_ctx_destroy(&ctx);
}

static void test_failure_not_kept(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mni_laser_pulse bad = co2(2.0);
  bad.spot_diameter_m = -1.0;
  mni_mtz z;
  assert_int_not_equal(mni_laser_mtz_cached(ctx, &bad, &z), MN_OK);
  assert_int_not_equal(mni_laser_mtz_cached(ctx, &bad, &z), MN_OK);
  expect_counts(ctx, 0, 0);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_same_pulse_same_zone),
      cmocka_unit_test(test_failure_not_kept),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
