/* The axisymmetric channel cell: Crank's membrane series, reduction to 1D as the channel
 * vanishes, mass balance with closure, clearance, a finite donor and a sink, the observed order
 * of convergence in space, and agreement with the 3D solver (intact skin: 1D; a regular stamp
 * pattern: the square unit cell in 3D against the equal-area cylinder). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core_int.h"
#include "mn_test.h"
#include "spatial/axisym_int.h"
#include "spatial/build_int.h"
#include "numerics/lod3d_int.h"

/* A three-layer column, caffeine-like: SC, viable epidermis (D_aq / 7), dermis with capillary
 * clearance; an aqueous channel with D_aq. Values are test inputs, not a calibration. */
static mni_skin_column test_column(double h)
{
  mni_skin_column col = {0};
  col.n_layers = 3;
  col.thickness_m[0] = 15e-6;
  col.thickness_m[1] = 50e-6;
  col.thickness_m[2] = 150e-6;
  col.layer[0] = (mni_material){2.5e-15, 2.0, 0.0}; /* kp = D K / L ~ 1.2e-4 cm/h */
  col.layer[1] = (mni_material){6e-10 / 7.0, 1.0, 0.0};
  col.layer[2] = (mni_material){1.5e-10, 0.8, 5e-4};
  col.channel = (mni_material){6e-10, 1.0, 0.0};
  col.h_min_m = h;
  col.h_max_m = 8.0 * h;
  col.ratio = 1.2;
  return col;
}

typedef struct run_out {
  double absorbed_frac; /* (bottom + cleared) / dose */
  double balance;       /* |dose - all| / dose */
  long steps;
} run_out;

/* One axisymmetric run of T seconds; dose: finite film of thickness film_m over the cell. */
static run_out axisym_run(mn_ctx *ctx, const mni_skin_column *col, double R, double depth,
                          double radius, double h_r, double tau_s, double T, double rtol)
{
  mni_axis r, z;
  uint8_t *mat = NULL;
  assert_int_equal(mni_build_axisym(ctx, col, R, depth, radius, h_r, &r, &z, &mat), MN_OK);
  mni_material mats[2 * MNI_MAX_LAYERS];
  double Dc[2 * MNI_MAX_LAYERS];
  mni_build_materials(col, mats, Dc);
  double film = 1e-5; /* 10 µL/cm² */
  mni_axisym_spec sp = {0};
  sp.r = &r, sp.z = &z, sp.material = mat, sp.materials = mats;
  sp.n_materials = 2 * col->n_layers, sp.D_closed_m2_per_s = Dc, sp.tau_close_s = tau_s;
  sp.bottom = MNI_BC_SINK, sp.donor_capacity_m3 = MN_PI * R * R * film, sp.donor_u = 4.0;
  sp.rtol = rtol;
  mni_axisym *s = NULL;
  clock_t c0 = clock();
  assert_int_equal(mni_axisym_create(ctx, &sp, &s), MN_OK);
  double dose = sp.donor_capacity_m3 * sp.donor_u;
  assert_int_equal(mni_axisym_advance(s, T), MN_OK);
  mni_spatial_tally t = mni_axisym_tallies(s);
  run_out o;
  o.absorbed_frac = (t.to_bottom_kg + t.cleared_kg) / dose;
  o.balance = fabs(dose - t.donor_kg - t.in_tissue_kg - t.to_bottom_kg - t.cleared_kg) / dose;
  o.steps = mni_axisym_steps(s);
  long ns, nf, nsu, nj;
  mni_axisym_stats(s, &ns, &nf, &nsu, &nj);
  print_message("  [nr %zu nz %zu, %ld steps, %ld rhs, %ld setups, %ld jac, %.2f s]\n", r.n, z.n,
                ns, nf, nsu, nj, (double)(clock() - c0) / CLOCKS_PER_SEC);
  mni_axisym_destroy(&s);
  mn_free(ctx, mat, r.n * z.n);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  return o;
}

static double membrane_Q(double L, double D, double K, double C0, double t)
{
  double sum = 0.0;
  for (int n = 1; n < 200; n++)
    sum += ((n % 2) ? -1.0 : 1.0) / ((double)n * n) * exp(-D * n * n * MN_PI * MN_PI * t / (L * L));
  return L * K * C0 * (D * t / (L * L) - 1.0 / 6.0 - 2.0 / (MN_PI * MN_PI) * sum);
}

static void test_membrane_series(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  double L = 20e-6, D = 1e-12, K = 2.0, C0 = 1.0, R = 50e-6;
  mni_axis r, z;
  assert_int_equal(mni_axis_uniform(ctx, 0.0, R, 3, &r), MN_OK);
  assert_int_equal(mni_axis_uniform(ctx, 0.0, L, 200, &z), MN_OK);
  uint8_t mat[600] = {0};
  mni_material m = {D, K, 0.0};
  mni_axisym_spec sp = {0};
  sp.r = &r, sp.z = &z, sp.material = mat, sp.materials = &m, sp.n_materials = 1;
  sp.bottom = MNI_BC_SINK, sp.donor_u = C0, sp.rtol = 1e-8;
  mni_axisym *s = NULL;
  assert_int_equal(mni_axisym_create(ctx, &sp, &s), MN_OK);
  double A = MN_PI * R * R;
  double times[3] = {50.0, 200.0, 1000.0};
  for (int q = 0; q < 3; q++) {
    assert_int_equal(mni_axisym_advance(s, times[q]), MN_OK);
    mni_spatial_tally t = mni_axisym_tallies(s);
    MN_EXPECT_NEAR(t.to_bottom_kg / A, membrane_Q(L, D, K, C0, times[q]), 2e-4, 0.0);
    MN_EXPECT_NEAR(t.in_tissue_kg + t.to_bottom_kg, t.from_donor_kg, 1e-10, 0.0);
  }
  mni_axisym_destroy(&s);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  mn_ctx_destroy(&ctx);
}

static void test_reduces_to_1d(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mni_skin_column col = test_column(0.5e-6);
  col.ratio = 1.6; /* fewer radial cells between a vanishing channel and R */
  double R = 150e-6, T = 4.0 * 3600.0;
  run_out one_d = axisym_run(ctx, &col, R, 0.0, 0.0, 5e-6, 0.0, T, 1e-8);
  double radii[3] = {0.04e-6, 0.004e-6, 0.0004e-6}, diff[3];
  for (int q = 0; q < 3; q++) {
    run_out o = axisym_run(ctx, &col, R, 40e-6, radii[q], radii[q], 0.0, T, 1e-8);
    diff[q] = fabs(o.absorbed_frac - one_d.absorbed_frac) / one_d.absorbed_frac;
  }
  print_message("1D absorbed %.6g; relative difference at channel radius 0.04, 0.004, 0.0004 um: "
                "%.3g %.3g %.3g\n",
                one_d.absorbed_frac, diff[0], diff[1], diff[2]);
  assert_true(diff[1] < diff[0] && diff[2] < diff[1]);
  assert_true(diff[2] < 1e-5);
  assert_true(diff[0] > 1e-3); /* even a 40 nm pore changes the answer: SC is a strong barrier */
  mn_ctx_destroy(&ctx);
}

static void test_mass_balance(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mni_skin_column col = test_column(1e-6);
  double R = mni_axisym_cell_radius_m(200.0 / mn_cm2_to_m2(1.0)); /* 200 channels per cm² */
  run_out o = axisym_run(ctx, &col, R, 150e-6, 35e-6, 2e-6, 1800.0, 24.0 * 3600.0, 1e-6);
  print_message("channel cell R = %.1f um, 24 h: absorbed %.4g of the dose, balance %.3g, %ld "
                "steps\n",
                mn_m_to_um(R), o.absorbed_frac, o.balance, o.steps);
  assert_true(o.balance < 1e-9);
  assert_true(o.absorbed_frac > 0.0 && o.absorbed_frac < 1.0);
  mn_ctx_destroy(&ctx);
}

/* Observed order in space: uniform cells in every segment (ratio 1), halved twice. */
static void test_convergence_order(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  double Q[3];
  for (int q = 0; q < 3; q++) {
    /* a mild barrier whose boundary layers the grids resolve: the asymptotic range */
    double h = 4e-6 / (double)(1 << q);
    mni_skin_column col = test_column(h);
    col.layer[0].D_m2_per_s = 1e-12;
    col.h_max_m = h;
    col.ratio = 1.0;
    col.thickness_m[1] = 32e-6;
    col.thickness_m[2] = 32e-6;
    Q[q] = axisym_run(ctx, &col, 40e-6, 24e-6, 12e-6, h, 0.0, 300.0, 1e-10).absorbed_frac;
  }
  double p = log2(fabs(Q[0] - Q[1]) / fabs(Q[1] - Q[2]));
  print_message("absorbed at h, h/2, h/4: %.10g %.10g %.10g; observed order %.2f\n", Q[0], Q[1],
                Q[2], p);
  assert_true(p > 1.6 && p < 2.6);
  mn_ctx_destroy(&ctx);
}

/* 3D square unit cell (one channel of a regular stamp pattern, periodic sides) against the
 * axisymmetric cylinder of equal area. */
static void test_3d_agrees_with_axisym(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mni_skin_column col = test_column(1e-6);
  double p = 200e-6, a = 20e-6, depth = 40e-6, T = 300.0;
  double R = p / sqrt(MN_PI);
  run_out ax = axisym_run(ctx, &col, R, depth, a, 1e-6, 0.0, T, 1e-8);

  mni_axis x, y, z;
  uint8_t *mat = NULL;
  mni_channel ch = {0.5 * p, 0.5 * p, depth, a};
  assert_int_equal(mni_build_patch(ctx, &col, p, p, 4e-6, &ch, 1, &x, &y, &z, &mat), MN_OK);
  mni_material mats[2 * MNI_MAX_LAYERS];
  double Dc[2 * MNI_MAX_LAYERS];
  mni_build_materials(&col, mats, Dc);
  mni_lod3d_spec sp = {0};
  sp.x = &x, sp.y = &y, sp.z = &z, sp.material = mat, sp.materials = mats;
  sp.n_materials = 2 * col.n_layers, sp.is_periodic_xy = true;
  sp.top = MNI_BC_DONOR, sp.bottom = MNI_BC_SINK;
  sp.donor_capacity_m3 = p * p * 1e-5, sp.donor_u = 4.0, sp.dt_s = 1.0;
  mni_lod3d *s = NULL;
  assert_int_equal(mni_lod3d_create(ctx, &sp, &s), MN_OK);
  /* the stamped channel's area differs from pi a^2 on a 4 µm grid: compare per channel area */
  size_t n_ch = 0;
  for (size_t c = 0; c < x.n * y.n; c++)
    n_ch += mat[c] == col.n_layers;
  double area3 = (double)n_ch * 16e-12;
  assert_int_equal(mni_lod3d_step(s, (size_t)(T / sp.dt_s)), MN_OK);
  mni_spatial_tally t = mni_lod3d_tallies(s);
  double dose = sp.donor_capacity_m3 * sp.donor_u;
  double f3 = (t.to_bottom_kg + t.cleared_kg) / dose;
  double rel = fabs(f3 - ax.absorbed_frac) / ax.absorbed_frac;
  print_message("absorbed in 5 min: 3D %.5g (channel area %.4g um2), axisymmetric %.5g (%.4g um2); "
                "difference %.2f%%\n",
                f3, area3 * 1e12, ax.absorbed_frac, MN_PI * a * a * 1e12, 100.0 * rel);
  assert_true(rel < 0.05);
  mni_lod3d_destroy(&s);
  mn_free(ctx, mat, x.n * y.n * z.n);
  mni_axis_free(ctx, &x);
  mni_axis_free(ctx, &y);
  mni_axis_free(ctx, &z);
  mn_ctx_destroy(&ctx);
}

static void test_bad_input(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mni_skin_column col = test_column(1e-6);
  mni_axis r, z;
  uint8_t *mat = NULL;
  assert_int_equal(mni_build_axisym(ctx, &col, 30e-6, 40e-6, 35e-6, 1e-6, &r, &z, &mat), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "channel radius 35 um"));
  assert_null(mat);
  assert_int_equal(mni_build_axisym(ctx, &col, 100e-6, 40e-6, 20e-6, 1e-6, &r, &z, &mat), MN_OK);
  mni_material mats[2 * MNI_MAX_LAYERS];
  double Dc[2 * MNI_MAX_LAYERS];
  mni_build_materials(&col, mats, Dc);
  mni_axisym_spec sp = {0};
  sp.r = &r, sp.z = &z, sp.material = mat, sp.materials = mats, sp.n_materials = 6;
  sp.rtol = 0.0;
  mni_axisym *s = NULL;
  assert_int_equal(mni_axisym_create(ctx, &sp, &s), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "rtol = 0"));
  sp.rtol = 1e-6;
  assert_int_equal(mni_axisym_create(ctx, &sp, &s), MN_OK);
  assert_int_equal(mni_axisym_advance(s, 10.0), MN_OK);
  assert_int_equal(mni_axisym_advance(s, 5.0), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "t_s = 5 s"));
  mni_axisym_destroy(&s);
  assert_null(s);
  mn_free(ctx, mat, r.n * z.n);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_membrane_series),       cmocka_unit_test(test_reduces_to_1d),
      cmocka_unit_test(test_mass_balance),          cmocka_unit_test(test_convergence_order),
      cmocka_unit_test(test_3d_agrees_with_axisym), cmocka_unit_test(test_bad_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
