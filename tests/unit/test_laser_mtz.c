/* One fractional laser pulse's MTZ from physics (src/puncture/laser_mtz.c): energy balance
 * (held + perfused + out + ablated = deposited, with ablation and confined boiling), deeper
 * and wider zones with more energy (depth slower than energy: Hantash 2007 saw depth grow more
 * than 3x and width 2x from 5 to 30 mJ), Er:YAG's ablation efficiency against the measured
 * 6 um per J/cm^2 and its thin thermal rim, the stratum corneum's lid and the thresholds it
 * sets, bad input. Not yet here (docs/validation.md, laser): CO2 craters 3-4x deeper than the
 * eCO2 histology and rims too thin (the walls take only the widening beam's light, no plume or
 * char heat), and 1,550 nm at the assumed 60 um spot bursts through the surface from 8 mJ. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_int.h"
#include "mn_test.h"
#include "puncture/laser_int.h"

static mni_mtz mtz(mni_laser_kind k, double mj, double spot_um, double pulse_ms)
{
  mn_ctx *ctx = mn_test_ctx();
  mni_laser_pulse p = {k, mj * 1e-3, spot_um * 1e-6, pulse_ms * 1e-3, 34.0};
  mni_mtz m;
  assert_int_equal(mni_laser_mtz(ctx, &p, &m), MN_OK);
  print_message("%-14s %5.1f mJ, spot %3.0f um, %4.2f ms: ablated %6.1f x %5.1f um, zone %6.1f x "
                "%5.1f um (depth x width), peak %5.0f C, %zu x %zu cells, %zu steps, balance "
                "%.1e\n",
                mni_laser_line_of(k)->name, mj, spot_um, pulse_ms, m.ablation_depth_m * 1e6,
                m.ablation_width_m * 1e6, m.coag_depth_m * 1e6, m.coag_width_m * 1e6, m.peak_c,
                m.n_r, m.n_z, m.n_steps, m.energy_balance);
  assert_true(m.energy_balance < 1e-10);
  mn_ctx_destroy(&ctx);
  return m;
}

static void test_co2_grows_with_energy(void **state)
{
  (void)state;
  mni_mtz a = mtz(MNI_LASER_CO2, 5.0, 120.0, 0.5), b = mtz(MNI_LASER_CO2, 30.0, 120.0, 0.5);
  assert_true(a.ablation_depth_m > 0.0);
  double pd = log(b.coag_depth_m / a.coag_depth_m) / log(6.0);
  double pw = log(b.coag_width_m / a.coag_width_m) / log(6.0);
  print_message("CO2 5 -> 30 mJ: depth x %.2f (exponent %.2f), width x %.2f (exponent %.2f); "
                "Hantash 2007: depth > 3x, width 2x\n",
                b.coag_depth_m / a.coag_depth_m, pd, b.coag_width_m / a.coag_width_m, pw);
  assert_true(pd > 0.0 && pd < 1.0); /* deeper, and slower than energy */
  assert_true(pw > 0.0 && pw < pd);
  /* every joule that enters is deposited, down a crater deeper than the beam's Rayleigh length
   * (1.07 mm): only the surface's Fresnel 2.8 % is lost */
  assert_true(b.ablation_depth_m > 1.07e-3);
  assert_true(fabs(b.absorbed_share - (1.0 - 0.028)) < 1e-9);
}

/* Er:YAG absorbs within 1.2 um: ablation per fluence near the heat of ablation's
 * 1 / (rho c (100 - 34) + 0.7 L_v) = 5.5 um per J/cm^2; measured about 6 (laser.md 1.1). */
static void test_er_yag_ablation_efficiency(void **state)
{
  (void)state;
  mni_mtz a = mtz(MNI_LASER_ER_YAG, 2.0, 250.0, 0.25), b = mtz(MNI_LASER_ER_YAG, 4.0, 250.0, 0.25);
  double F_per_mj = 2.0 / (MN_PI * 125e-4 * 125e-4) * 1e-3; /* peak J/cm^2 per mJ */
  double eff = (b.ablation_depth_m - a.ablation_depth_m) * 1e6 / (2.0 * F_per_mj);
  print_message("Er:YAG: %.2f um of crater per J/cm^2 on the axis (measured about 6)\n", eff);
  assert_true(eff > 3.0 && eff < 8.0);
  assert_true(a.coag_depth_m - a.ablation_depth_m < 60e-6); /* a thin thermal rim: 10-50 um */
}


/* The near-infrared lines scatter: their zones are columns under the boiling point. */
static void test_non_ablative_columns(void **state)
{
  (void)state;
  mni_mtz a = mtz(MNI_LASER_ER_GLASS_1550, 10.0, 60.0, 3.0);
  mni_mtz b = mtz(MNI_LASER_ER_GLASS_1550, 40.0, 60.0, 3.0);
  mni_mtz c = mtz(MNI_LASER_ND_YAP_1340, 10.0, 60.0, 3.0);
  print_message("absorbed share: 1550 %.3f (10 mJ), %.3f (40 mJ), 1340 %.3f\n", a.absorbed_share,
                b.absorbed_share, c.absorbed_share);
  assert_true(b.coag_depth_m > a.coag_depth_m && b.coag_width_m > a.coag_width_m);
  assert_true(a.coag_depth_m > 2.0 * a.coag_width_m); /* columns */
  assert_true(c.ablation_depth_m == 0.0 && c.coag_depth_m > 0.0); /* 1,340 nm: weakly absorbed */
}

/* The stratum corneum is a lid (laser_int.h): below its burst the pulse boils tissue but opens
 * nothing. Er:YAG: the lid raises the ablation threshold from the water-only 0.22 J/cm^2
 * (rho c (100 - 34) + 0.7 L_v over mu_a) to about 1 J/cm^2 (measured 1-3 J/cm^2, laser.md
 * 1.4); the 1,340 nm handpiece at the catalogue's 50 mJ on 100 um and 1,550 nm at 4 mJ on
 * 60 um coagulate under an intact surface. */
static void test_lid_thresholds(void **state)
{
  (void)state;
  mni_mtz a = mtz(MNI_LASER_ER_YAG, 0.1, 250.0, 0.2); /* 0.41 J/cm^2 on the axis */
  mni_mtz b = mtz(MNI_LASER_ER_YAG, 0.5, 250.0, 0.2); /* 2.0 J/cm^2 */
  assert_true(a.ablation_depth_m == 0.0 && a.coag_depth_m > 0.0);
  assert_true(b.ablation_depth_m > 0.0);
  mni_mtz c = mtz(MNI_LASER_ND_YAP_1340, 50.0, 100.0, 3.0);
  mni_mtz d = mtz(MNI_LASER_ER_GLASS_1550, 4.0, 60.0, 3.0);
  assert_true(c.ablation_depth_m == 0.0 && c.coag_depth_m > 200e-6);
  assert_true(d.ablation_depth_m == 0.0 && d.coag_depth_m > 200e-6);
}

/* The Monte Carlo's light adds up (absorbed + reflected + transmitted = 1 on a grid wide
 * enough to keep it all), and where a 1,340 nm beam leaves its energy, printed against the
 * measured half within 0.36 mm and 90 % within 0.86 mm (Milanic & Majaron): the model puts it
 * about 2x deeper (docs/model.md section 9). */
static void test_1340_deposition(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mni_axis r = {0, NULL}, z = {0, NULL};
  assert_int_equal(mni_axis_uniform(ctx, 0.0, 30e-3, 300, &r), MN_OK);
  assert_int_equal(mni_axis_uniform(ctx, 0.0, 6e-3, 600, &z), MN_OK);
  const mni_laser_line *L = mni_laser_line_of(MNI_LASER_ND_YAP_1340);
  mni_tissue_optics o = {L->mu_per_m, mni_tissue_mus_prime_per_m(1340.0) / (1.0 - MNI_TISSUE_G),
                         MNI_TISSUE_G, 1.4};
  double *a = calloc(r.n * z.n, sizeof *a), refl, trans;
  assert_int_equal(mni_light_mc(ctx, &o, 2.5e-3, &r, &z, 40000, 7, a, &refl, &trans), MN_OK);
  double tot = mni_light_absorbed(a, &r, &z);
  double z50 = mni_light_depth_of_share(a, &r, &z, 0.5);
  double z90 = mni_light_depth_of_share(a, &r, &z, 0.9);
  print_message("1340 nm, 5 mm beam: absorbed %.3f, reflected %.3f, transmitted %.3f; half within "
                "%.2f mm, 90 %% within %.2f mm (measured 0.36, 0.86)\n",
                tot, refl, trans, z50 * 1e3, z90 * 1e3);
  MN_EXPECT_NEAR(tot + refl + trans, 1.0, 0.0, 1e-2); /* roulette is unbiased, not exact */
  free(a);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  mn_ctx_destroy(&ctx);
}

static void test_bad_input(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mni_laser_pulse p = {MNI_LASER_CO2, 0.0, 120e-6, 5e-4, 34.0};
  mni_mtz m;
  assert_int_equal(mni_laser_mtz(ctx, &p, &m), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "energy 0 J"));
  p.energy_j = 1e-3;
  p.laser = (mni_laser_kind)42;
  assert_int_equal(mni_laser_mtz(ctx, &p, &m), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "unknown line 42"));
  mn_ctx_destroy(&ctx);
}

/* The context's zone cache (laser_zone_cache.c) holds 16: of 17 pulses the oldest is computed
 * again, the newest is not. */
static void cache_counts_are(mn_ctx *ctx, size_t hits, size_t misses)
{
  size_t h = 0, m = 0;
  mni_laser_mtz_cache_counts(ctx, &h, &m);
  assert_int_equal(h, hits);
  assert_int_equal(m, misses);
}

static void test_zone_cache_oldest_goes_first(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mni_mtz z;
  for (int k = 0; k < 17; k++) { /* one more than the cache holds */
    mni_laser_pulse p = {MNI_LASER_CO2, (1.0 + 0.1 * k) * 1e-3, 120e-6, 0.2e-3, 34.0};
    assert_int_equal(mni_laser_mtz_cached(ctx, &p, &z), MN_OK);
  }
  cache_counts_are(ctx, 0, 17);
  mni_laser_pulse newest = {MNI_LASER_CO2, (1.0 + 0.1 * 16) * 1e-3, 120e-6, 0.2e-3, 34.0};
  mni_laser_pulse oldest = {MNI_LASER_CO2, (1.0 + 0.1 * 0) * 1e-3, 120e-6, 0.2e-3, 34.0};
  assert_int_equal(mni_laser_mtz_cached(ctx, &newest, &z), MN_OK);
  cache_counts_are(ctx, 1, 17);
  assert_int_equal(mni_laser_mtz_cached(ctx, &oldest, &z), MN_OK);
  cache_counts_are(ctx, 1, 18);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_zone_cache_oldest_goes_first),
      cmocka_unit_test(test_co2_grows_with_energy),
      cmocka_unit_test(test_er_yag_ablation_efficiency),
      cmocka_unit_test(test_non_ablative_columns),
      cmocka_unit_test(test_lid_thresholds),
      cmocka_unit_test(test_1340_deposition),
      cmocka_unit_test(test_bad_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
