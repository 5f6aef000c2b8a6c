/* The 3D LOD solver, both time schemes: exact decay, steady flux of a layered membrane, the
 * lag-time series and its order in time, 3D = 1D for laterally uniform skin, mass balance with
 * a finite donor, the same bits at 1, 2 and 4 threads; the Douglas scheme's steady state
 * independent of the step where the split scheme's is not; bad input. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench_cases.h"
#include "core/core_int.h"
#include "mn_test.h"
#include "numerics/lod3d_int.h"

/* The scheme under test: each test runs once per scheme (main). */
static mni_lod3d_scheme scheme = MNI_LOD_SPLIT;

/* A layered column (two layers, faces on the interface) with an optional square channel of
 * material 2 through the top layer in the middle of an n x n patch. */
typedef struct column_case {
  mni_axis x, y, z;
  uint8_t *mat;
  size_t n;
} column_case;

static void column_make(mn_ctx *ctx, column_case *cc, size_t n, double side_m, double L1_m,
                        double L2_m, size_t nz_per_layer, bool channel)
{
  double breaks[3] = {0.0, L1_m, L1_m + L2_m};
  assert_int_equal(mni_axis_uniform(ctx, 0.0, side_m, n, &cc->x), MN_OK);
  assert_int_equal(mni_axis_uniform(ctx, 0.0, side_m, n, &cc->y), MN_OK);
  mni_grid_opts o = mni_grid_opts_default();
  o.h_first_m = o.h_first_tissue_m = o.h_max_m = L1_m / (double)nz_per_layer;
  o.growth = 1.0, o.grading = MNI_GRADE_MIDDLE;
  assert_int_equal(mni_axis_graded(ctx, breaks, 3, &o, &cc->z), MN_OK);
  size_t nz = cc->z.n;
  cc->n = n;
  cc->mat = calloc(n * n * nz, 1);
  for (size_t k = 0; k < nz; k++)
    for (size_t j = 0; j < n; j++)
      for (size_t i = 0; i < n; i++) {
        bool top = mni_axis_centre(&cc->z, k) < L1_m;
        bool in_ch = channel && i >= n / 2 - 1 && i <= n / 2 && j >= n / 2 - 1 && j <= n / 2;
        cc->mat[i + n * (j + n * k)] = (uint8_t)(top ? (in_ch ? 2 : 0) : 1);
      }
}

static void column_free(mn_ctx *ctx, column_case *cc)
{
  mni_axis_free(ctx, &cc->x);
  mni_axis_free(ctx, &cc->y);
  mni_axis_free(ctx, &cc->z);
  free(cc->mat);
}

static void test_decay_exact(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mni_lod3d *s = NULL;
  assert_int_equal(mni_bench_cube_create(ctx, 12, &s), MN_OK);
  double m0 = mni_lod3d_tallies(s).in_tissue_kg;
  assert_int_equal(mni_lod3d_step(s, 50), MN_OK);
  mni_spatial_tally t = mni_lod3d_tallies(s);
  double k = 0.1 / 60.0, dt = 0.6;
  /* implicit Euler decay of the total, whatever diffusion does (zero flux all round) */
  MN_EXPECT_NEAR(t.in_tissue_kg, m0 / pow(1.0 + k * dt, 50.0), 1e-12, 0.0);
  MN_EXPECT_NEAR(t.in_tissue_kg + t.cleared_kg, m0, 1e-13, 0.0);
  mni_lod3d_destroy(&s);
  assert_null(s);
  mn_ctx_destroy(&ctx);
}

/* Two-layer membrane, infinite donor on top, sink below: steady flux C0 / sum L/(D K). */
static void test_layered_steady_flux(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  column_case cc;
  double L1 = 20e-6, L2 = 60e-6, D1 = 1e-12, K1 = 3.0, D2 = 1e-10, K2 = 0.8, C0 = 2.0;
  column_make(ctx, &cc, 1, 1e-4, L1, L2, 10, false);
  mni_material mats[2] = {{D1, K1, 0.0}, {D2, K2, 0.0}};
  mni_lod3d_spec sp = {0};
  sp.scheme = scheme;
  sp.x = &cc.x, sp.y = &cc.y, sp.z = &cc.z;
  sp.material = cc.mat, sp.materials = mats, sp.n_materials = 2;
  sp.is_periodic_xy = true, sp.top = MNI_BC_DONOR, sp.bottom = MNI_BC_SINK;
  sp.donor_capacity_m3 = 0.0, sp.donor_u = C0, sp.dt_s = 600.0;
  mni_lod3d *s = NULL;
  assert_int_equal(mni_lod3d_create(ctx, &sp, &s), MN_OK);
  /* 60 diffusion times of the slow layer: steady to far below the tolerance */
  assert_int_equal(mni_lod3d_step(s, (size_t)(60.0 * L1 * L1 / D1 / sp.dt_s)), MN_OK);
  double q0 = mni_lod3d_tallies(s).to_bottom_kg;
  assert_int_equal(mni_lod3d_step(s, 1), MN_OK);
  mni_spatial_tally t = mni_lod3d_tallies(s);
  double A = 1e-8;
  double J = C0 / (L1 / (D1 * K1) + L2 / (D2 * K2));
  MN_EXPECT_NEAR((t.to_bottom_kg - q0) / (sp.dt_s * A), J, 1e-6, 0.0);
  /* conservation with an infinite donor: what came in is in the tissue or has left */
  MN_EXPECT_NEAR(t.in_tissue_kg + t.to_bottom_kg, t.from_donor_kg, 1e-12, 0.0);
  mni_lod3d_destroy(&s);
  column_free(ctx, &cc);
  mn_ctx_destroy(&ctx);
}

/* Crank's membrane series Q(t) (shared numerics notes); error of the LOD scheme at three
 * steps: first order in time. */
static double membrane_Q(double L, double D, double K, double C0, double t)
{
  double sum = 0.0;
  for (int n = 1; n < 200; n++)
    sum += ((n % 2) ? -1.0 : 1.0) / ((double)n * n) * exp(-D * n * n * MN_PI * MN_PI * t / (L * L));
  return L * K * C0 * (D * t / (L * L) - 1.0 / 6.0 - 2.0 / (MN_PI * MN_PI) * sum);
}

static double membrane_error(mn_ctx *ctx, double dt_s, size_t nz)
{
  column_case cc;
  double L = 20e-6, D = 1e-12, K = 2.0, C0 = 1.0;
  column_make(ctx, &cc, 1, 1e-4, 0.5 * L, 0.5 * L, nz / 2, false);
  mni_material mats[2] = {{D, K, 0.0}, {D, K, 0.0}};
  mni_lod3d_spec sp = {0};
  sp.scheme = scheme;
  sp.x = &cc.x, sp.y = &cc.y, sp.z = &cc.z;
  sp.material = cc.mat, sp.materials = mats, sp.n_materials = 2;
  sp.is_periodic_xy = true, sp.top = MNI_BC_DONOR, sp.bottom = MNI_BC_SINK;
  sp.donor_u = C0, sp.dt_s = dt_s;
  mni_lod3d *s = NULL;
  assert_int_equal(mni_lod3d_create(ctx, &sp, &s), MN_OK);
  double T = 160.0; /* 2.4 lag times */
  assert_int_equal(mni_lod3d_step(s, (size_t)llround(T / dt_s)), MN_OK);
  double Q = mni_lod3d_tallies(s).to_bottom_kg / 1e-8;
  mni_lod3d_destroy(&s);
  column_free(ctx, &cc);
  return fabs(Q - membrane_Q(L, D, K, C0, T)) / membrane_Q(L, D, K, C0, T);
}

static void test_membrane_series_order(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  double e1 = membrane_error(ctx, 4.0, 400), e2 = membrane_error(ctx, 2.0, 400),
         e3 = membrane_error(ctx, 1.0, 400);
  double p1 = log2(e1 / e2), p2 = log2(e2 / e3);
  print_message("membrane Q(2.4 lag): errors %.3g %.3g %.3g, observed order in time %.2f %.2f\n",
                e1, e2, e3, p1, p2);
  assert_true(e3 < 1e-2);
  assert_true(p2 > 0.8 && p2 < 1.3); /* implicit Euler: first order */
  mn_ctx_destroy(&ctx);
}

/* Laterally uniform skin: every column of a 3D patch is the 1D column. */
static void test_3d_equals_1d_intact(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mni_material mats[2] = {{1e-13, 5.0, 0.0}, {8e-11, 0.9, 5e-4}};
  double res[2][3];
  for (int c = 0; c < 2; c++) {
    column_case cc;
    column_make(ctx, &cc, c == 0 ? 1 : 10, 1e-4, 15e-6, 100e-6, 8, false);
    mni_lod3d_spec sp = {0};
  sp.scheme = scheme;
    sp.x = &cc.x, sp.y = &cc.y, sp.z = &cc.z;
    sp.material = cc.mat, sp.materials = mats, sp.n_materials = 2;
    sp.is_periodic_xy = true, sp.top = MNI_BC_DONOR, sp.bottom = MNI_BC_SINK;
    sp.donor_capacity_m3 = 1e-4 * 1e-8, sp.donor_u = 4.0, sp.dt_s = 60.0;
    mni_lod3d *s = NULL;
    assert_int_equal(mni_lod3d_create(ctx, &sp, &s), MN_OK);
    assert_int_equal(mni_lod3d_step(s, 600), MN_OK);
    mni_spatial_tally t = mni_lod3d_tallies(s);
    double A = 1e-8;
    res[c][0] = t.to_bottom_kg / A;
    res[c][1] = t.cleared_kg / A;
    res[c][2] = t.in_tissue_kg / A;
    mni_lod3d_destroy(&s);
    column_free(ctx, &cc);
  }
  for (int q = 0; q < 3; q++)
    MN_EXPECT_NEAR(res[1][q], res[0][q], 1e-10, 0.0);
  mn_ctx_destroy(&ctx);
}

/* A finite donor over a patch with a channel: the balance closes at round-off. */
static mni_lod3d *patch_of(mn_ctx *ctx, column_case *cc, int n_threads, mni_lod3d_scheme sch,
                           double donor_capacity_m3, double dt_s)
{
  column_make(ctx, cc, 12, 200e-6, 20e-6, 100e-6, 6, true);
  mni_material mats[3] = {{1e-13, 5.0, 0.0}, {8e-11, 0.9, 5e-4}, {6e-10, 1.0, 0.0}};
  mni_lod3d_spec sp = {0};
  sp.scheme = sch;
  sp.x = &cc->x, sp.y = &cc->y, sp.z = &cc->z;
  sp.material = cc->mat, sp.materials = mats, sp.n_materials = 3;
  sp.is_periodic_xy = true, sp.top = MNI_BC_DONOR, sp.bottom = MNI_BC_SINK;
  sp.donor_capacity_m3 = donor_capacity_m3, sp.donor_u = 4.0, sp.dt_s = dt_s;
  sp.n_threads = n_threads;
  mni_lod3d *s = NULL;
  assert_int_equal(mni_lod3d_create(ctx, &sp, &s), MN_OK);
  return s;
}

static mni_lod3d *channel_patch(mn_ctx *ctx, column_case *cc, int n_threads)
{
  return patch_of(ctx, cc, n_threads, scheme, 1e-4 * 4e-8, 30.0);
}

static void test_finite_donor_mass_balance(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  column_case cc;
  mni_lod3d *s = channel_patch(ctx, &cc, 0);
  double m0 = mni_lod3d_tallies(s).donor_kg;
  assert_int_equal(mni_lod3d_step(s, 400), MN_OK);
  mni_spatial_tally t = mni_lod3d_tallies(s);
  double sum = t.donor_kg + t.in_tissue_kg + t.to_bottom_kg + t.cleared_kg;
  print_message("finite donor: donor %.3g tissue %.3g out %.3g cleared %.3g of %.3g kg\n",
                t.donor_kg, t.in_tissue_kg, t.to_bottom_kg, t.cleared_kg, m0);
  assert_true(fabs(sum - m0) / m0 < 1e-12);
  MN_EXPECT_NEAR(m0 - t.donor_kg, t.from_donor_kg, 1e-10, 0.0);
  assert_true(t.to_bottom_kg > 0.0 && t.cleared_kg > 0.0 && t.donor_kg < m0);
  /* a closing channel (smaller D) keeps the balance */
  mni_material closed = {1e-12, 1.0, 0.0};
  assert_int_equal(mni_lod3d_set_material(s, 2, closed), MN_OK);
  assert_int_equal(mni_lod3d_step(s, 100), MN_OK);
  t = mni_lod3d_tallies(s);
  sum = t.donor_kg + t.in_tissue_kg + t.to_bottom_kg + t.cleared_kg;
  assert_true(fabs(sum - m0) / m0 < 1e-12);
  mni_lod3d_destroy(&s);
  column_free(ctx, &cc);
  mn_ctx_destroy(&ctx);
}

static void test_same_bits_any_thread_count(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  double *ref = NULL;
  mni_spatial_tally tref = {0};
  size_t N = 0;
  int threads[3] = {1, 2, 4};
  for (int t = 0; t < 3; t++) {
    column_case cc;
    mni_lod3d *s = channel_patch(ctx, &cc, threads[t]);
    assert_int_equal(mni_lod3d_step(s, 50), MN_OK);
    mni_spatial_tally tl = mni_lod3d_tallies(s);
    N = cc.x.n * cc.y.n * cc.z.n;
    if (t == 0) {
      ref = malloc(N * sizeof *ref);
      memcpy(ref, mni_lod3d_u(s), N * sizeof *ref);
      tref = tl;
    } else {
      assert_memory_equal(ref, mni_lod3d_u(s), N * sizeof *ref);
      assert_memory_equal(&tref, &tl, sizeof tl);
    }
    mni_lod3d_destroy(&s);
    column_free(ctx, &cc);
  }
  free(ref);
  mn_ctx_destroy(&ctx);
}

/* A held donor over the channel patch, run to its steady state (the split scheme's at 30 s
 * steps; the Douglas scheme with 1 s steps, which damp its stiff modes); then one step of
 * 3000 s. The Douglas scheme's steady state is a fixed point of its step at any step (A u = 0
 * gives u' = u); the split scheme moves away by an amount of order dt. */
static void test_steady_state_any_step(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  double change[2], dflux[2];
  for (int q = 0; q < 2; q++) {
    column_case cc;
    double dt = q == 0 ? 30.0 : 1.0;
    mni_lod3d *s = patch_of(ctx, &cc, 0, q == 0 ? MNI_LOD_SPLIT : MNI_LOD_DOUGLAS, 0.0,
                            dt); /* capacity 0: a held donor, infinite dose */
    /* the slowest mode: the SC's L^2 / (pi^2 D) = 405 s; 12000 s leaves e^-30 of it */
    assert_int_equal(mni_lod3d_step(s, (size_t)llround(12000.0 / dt)), MN_OK);
    size_t N = mni_lod3d_n_cells(s);
    double *u0 = malloc(N * sizeof *u0);
    memcpy(u0, mni_lod3d_u(s), N * sizeof *u0);
    mni_spatial_tally t0 = mni_lod3d_flows(s);
    assert_int_equal(mni_lod3d_step(s, 1), MN_OK);
    mni_spatial_tally t1 = mni_lod3d_flows(s);
    double J30 = (t1.cleared_kg + t1.to_bottom_kg - t0.cleared_kg - t0.to_bottom_kg) / dt;
    assert_int_equal(mni_lod3d_set_dt(s, 3000.0), MN_OK);
    t0 = t1;
    assert_int_equal(mni_lod3d_step(s, 1), MN_OK);
    t1 = mni_lod3d_flows(s);
    double J3000 = (t1.cleared_kg + t1.to_bottom_kg - t0.cleared_kg - t0.to_bottom_kg) / 3000.0;
    const double *u = mni_lod3d_u(s);
    double num = 0.0, den = 0.0;
    for (size_t c = 0; c < N; c++) {
      num = fmax(num, fabs(u[c] - u0[c]));
      den = fmax(den, fabs(u0[c]));
    }
    change[q] = num / den;
    dflux[q] = fabs(J3000 - J30) / J30;
    /* the balance holds for either scheme: in from the donor = out + cleared + held */
    mni_spatial_tally t = mni_lod3d_tallies(s);
    MN_EXPECT_NEAR(t.in_tissue_kg + t.to_bottom_kg + t.cleared_kg, t.from_donor_kg, 1e-12, 0.0);
    free(u0);
    mni_lod3d_destroy(&s);
    column_free(ctx, &cc);
  }
  print_message("steady state, then one step of 3000 s: max change of u "
                "split %.3g, Douglas %.3g; flux into the body split %.3g, Douglas %.3g\n",
                change[0], change[1], dflux[0], dflux[1]);
  assert_true(change[1] < 1e-9 && dflux[1] < 1e-9);
  assert_true(change[0] > 1e-3 && dflux[0] > 1e-3); /* what the Douglas scheme removes */
  mn_ctx_destroy(&ctx);
}

static void test_bad_input(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  column_case cc;
  column_make(ctx, &cc, 2, 1e-4, 10e-6, 10e-6, 2, false);
  mni_material mats[2] = {{-1e-12, 1.0, 0.0}, {1e-10, 1.0, 0.0}};
  mni_lod3d_spec sp = {0};
  sp.scheme = scheme;
  sp.x = &cc.x, sp.y = &cc.y, sp.z = &cc.z;
  sp.material = cc.mat, sp.materials = mats, sp.n_materials = 2, sp.dt_s = 1.0;
  mni_lod3d *s = (mni_lod3d *)&sp;
  assert_int_equal(mni_lod3d_create(ctx, &sp, &s), MN_E_ARG);
  assert_null(s);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "D_m2_per_s = -1e-12"));
  mats[0].D_m2_per_s = 1e-12;
  sp.dt_s = 0.0;
  assert_int_equal(mni_lod3d_create(ctx, &sp, &s), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "dt_s = 0"));
  sp.dt_s = 1.0;
  sp.n_materials = 1;
  assert_int_equal(mni_lod3d_create(ctx, &sp, &s), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "material 1"));
  sp.n_materials = 2;
  sp.scheme = (mni_lod3d_scheme)7;
  assert_int_equal(mni_lod3d_create(ctx, &sp, &s), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "scheme 7"));
  column_free(ctx, &cc);
  mn_ctx_destroy(&ctx);
}

static int use_split(void **state)
{
  (void)state;
  scheme = MNI_LOD_SPLIT;
  return 0;
}

static int use_douglas(void **state)
{
  (void)state;
  scheme = MNI_LOD_DOUGLAS;
  return 0;
}

int main(void)
{
  const struct CMUnitTest both[] = {
      cmocka_unit_test(test_layered_steady_flux),
      cmocka_unit_test(test_membrane_series_order),
      cmocka_unit_test(test_3d_equals_1d_intact),
      cmocka_unit_test(test_finite_donor_mass_balance),
      cmocka_unit_test(test_same_bits_any_thread_count),
  };
  const struct CMUnitTest once[] = {
      cmocka_unit_test(test_decay_exact),
      cmocka_unit_test(test_steady_state_any_step),
      cmocka_unit_test(test_bad_input),
  };
  int fails = cmocka_run_group_tests_name("split", both, use_split, NULL);
  fails += cmocka_run_group_tests_name("douglas", both, use_douglas, NULL);
  fails += cmocka_run_group_tests_name("lod3d", once, NULL, NULL);
  return fails;
}
