/* The spatial order of the 3D LOD solver (numerics/lod3d.c) on problems with a known solution.
 *
 * A separable product of modes, u0 = cos(2 pi x / Lx) cos(2 pi y / Ly) Z(z), in a box periodic
 * in x and y, with Z = cos(pi z / Lz) between zero-flux faces on a uniform grid, or
 * Z = sin(pi z / Lz) between two sinks (u = 0 on the faces: the skin surface and the receptor)
 * on a depth grid stretched towards both faces (cells 4x finer there than in the middle, as
 * the skin's grids are), and first-order clearance k. Each factor is an eigenfunction of its
 * direction's operator, so LOD with implicit Euler per direction maps it exactly to
 *   u_n = u0 / prod_d (1 + dt (D k_d^2 [+ k in z]))^n
 * when space is exact. That is the reference: the time discretisation is the scheme's own, so
 * the difference is the spatial error alone, whatever dt (a reference exact in time as well
 * would need steps so small that the time error stays below the finest grid's spatial error;
 * here 40 steps do). Grids of n, 2n, 4n cells per direction (the stretched grid refined by
 * halving every cell of its mapping); the finite-volume scheme is second order on a smooth
 * problem. On the uniform grid the modes are exact eigenvectors of the discrete operator, so
 * its error is that of the eigenvalues, (k h)^2 / 12; on the stretched one they are not, and the
 * order comes from the scheme's consistency with the harmonic face conductances. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/core_int.h"
#include "mn_test.h"
#include "numerics/lod3d_int.h"

#define LX_M          240e-6
#define LY_M          200e-6
#define LZ_M          60e-6
#define D_M2_S        1e-9
#define K_PART        1.5  /* partition coefficient: cancels from the equation for u */
#define K_CLEAR_PER_S 2e-2 /* clearance [1/s] */
#define N_STEPS       40

/* n cells on [0, LZ_M] with faces z(xi) = LZ_M (xi - a sin(2 pi xi) / (2 pi)) at xi = i / n: a
 * smooth mapping, width LZ_M (1 - a cos(2 pi xi)) / n, a = 0.6 (ends 4x finer than the middle). */
static void stretched_axis(mn_ctx *ctx, size_t n, mni_axis *out)
{
  out->n = n;
  out->face_m = mn_alloc(ctx, (n + 1) * sizeof *out->face_m);
  assert_non_null(out->face_m);
  for (size_t i = 0; i <= n; i++) {
    double xi = (double)i / (double)n;
    out->face_m[i] = LZ_M * (xi - 0.6 * sin(2.0 * MN_PI * xi) / (2.0 * MN_PI));
  }
  out->face_m[0] = 0.0, out->face_m[n] = LZ_M;
}

/* Max error over the cells relative to the amplitude, after N_STEPS steps on n^3 cells; the
 * z mode is a cosine between zero-flux faces on a uniform grid (is_sink false) or a sine
 * between sinks on the stretched grid. */
static double spatial_error(mn_ctx *ctx, size_t n, bool is_sink)
{
  double kx = 2.0 * MN_PI / LX_M, ky = 2.0 * MN_PI / LY_M, kz = MN_PI / LZ_M;
  double lambda = D_M2_S * (kx * kx + ky * ky + kz * kz);
  double dt = 1.0 / (lambda * N_STEPS); /* the amplitude falls to about 1/e */
  mni_axis x = {0, NULL}, y = {0, NULL}, z = {0, NULL};
  assert_int_equal(mni_axis_uniform(ctx, 0.0, LX_M, n, &x), MN_OK);
  assert_int_equal(mni_axis_uniform(ctx, 0.0, LY_M, n, &y), MN_OK);
  if (is_sink)
    stretched_axis(ctx, n, &z);
  else
    assert_int_equal(mni_axis_uniform(ctx, 0.0, LZ_M, n, &z), MN_OK);
  size_t N = n * n * n;
  uint8_t *mat = mn_calloc(ctx, N, 1);
  assert_non_null(mat);
  mni_material m = {D_M2_S, K_PART, K_CLEAR_PER_S};
  mni_lod3d_spec sp = {0};
  sp.x = &x, sp.y = &y, sp.z = &z, sp.material = mat, sp.materials = &m, sp.n_materials = 1;
  sp.is_periodic_xy = true;
  sp.top = sp.bottom = is_sink ? MNI_BC_SINK : MNI_BC_ZERO_FLUX;
  sp.dt_s = dt;
  sp.n_threads = 1;
  mni_lod3d *s = NULL;
  assert_int_equal(mni_lod3d_create(ctx, &sp, &s), MN_OK);
  double *u = mni_lod3d_u(s);
  for (size_t k = 0; k < n; k++)
    for (size_t j = 0; j < n; j++)
      for (size_t i = 0; i < n; i++) {
        double zc = mni_axis_centre(&z, k);
        u[i + n * (j + n * k)] = cos(kx * mni_axis_centre(&x, i)) *
                                 cos(ky * mni_axis_centre(&y, j)) *
                                 (is_sink ? sin(kz * zc) : cos(kz * zc));
      }
  assert_int_equal(mni_lod3d_step(s, N_STEPS), MN_OK);
  double g = 1.0 / ((1.0 + dt * D_M2_S * kx * kx) * (1.0 + dt * D_M2_S * ky * ky) *
                    (1.0 + dt * (D_M2_S * kz * kz + K_CLEAR_PER_S)));
  double amp = pow(g, N_STEPS), worst = 0.0;
  for (size_t k = 0; k < n; k++)
    for (size_t j = 0; j < n; j++)
      for (size_t i = 0; i < n; i++) {
        double zc = mni_axis_centre(&z, k);
        double want = amp * cos(kx * mni_axis_centre(&x, i)) * cos(ky * mni_axis_centre(&y, j)) *
                      (is_sink ? sin(kz * zc) : cos(kz * zc));
        worst = fmax(worst, fabs(u[i + n * (j + n * k)] - want));
      }
  mni_lod3d_destroy(&s);
  mn_free(ctx, mat, N);
  mni_axis_free(ctx, &x);
  mni_axis_free(ctx, &y);
  mni_axis_free(ctx, &z);
  return worst / amp;
}

static void expect_order_two(bool is_sink)
{
  mn_ctx *ctx = mn_test_ctx();
  const size_t n[3] = {16, 32, 64};
  double err[3];
  for (int q = 0; q < 3; q++)
    err[q] = spatial_error(ctx, n[q], is_sink);
  double p1 = log2(err[0] / err[1]), p2 = log2(err[1] / err[2]);
  print_message("3D LOD, %s: max error %.3e, %.3e, %.3e at %zu, %zu, %zu cells a side; "
                "observed order %.3f, %.3f\n",
                is_sink ? "sinks, stretched depth grid" : "zero flux, uniform grid", err[0], err[1],
                err[2], n[0], n[1], n[2], p1, p2);
  assert_true(err[2] < err[1] && err[1] < err[0]);
  assert_true(fabs(p1 - 2.0) < 0.1);
  assert_true(fabs(p2 - 2.0) < 0.1);
  mn_ctx_destroy(&ctx);
}

/* Periodic in x and y, zero flux at the top and the bottom, uniform cells. */
static void test_order_zero_flux(void **state)
{
  (void)state;
  expect_order_two(false);
}

/* Sinks at the top and the bottom, cells stretched in depth: the half-cell closure of the
 * sinks and the non-uniform cells are locally first order, the solution second order. */
static void test_order_sinks(void **state)
{
  (void)state;
  expect_order_two(true);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_order_zero_flux),
      cmocka_unit_test(test_order_sinks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
