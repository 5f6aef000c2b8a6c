/* The numerical building blocks of src/numerics: the one graded grid (both gradings, faces on
 * the breaks, refine, too large a grid is an error), the one band LU (against a dense
 * elimination for several bandwidths, both roundings, a zero pivot), the CVODE set-up (CVODE's
 * messages reach the context, never stderr). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nvector/nvector_serial.h>
#include <sunmatrix/sunmatrix_band.h>

#include "core/core_int.h"
#include "mn_test.h"
#include "numerics/cvode_int.h"
#include "numerics/grid_int.h"

/* ---- grid ---- */

static void check_graded(const mni_axis *a, const double *br, size_t nb, double growth,
                         double h_max, bool is_scaled)
{
  assert_true(a->n > 0);
  assert_true(a->face_m[0] == br[0] && a->face_m[a->n] == br[nb - 1]);
  size_t hit = 0;
  for (size_t i = 0; i <= a->n; i++)
    for (size_t b = 0; b < nb; b++)
      hit += a->face_m[i] == br[b];
  assert_int_equal(hit, nb); /* a face exactly on every break */
  for (size_t i = 0; i < a->n; i++)
    assert_true(mni_axis_width(a, i) > 0.0 && mni_axis_width(a, i) <= h_max * (1 + 1e-9));
  for (size_t i = 1; i < a->n; i++) {
    bool on_break = false;
    for (size_t b = 0; b < nb; b++)
      on_break = on_break || a->face_m[i] == br[b];
    /* cells may jump across a break, never inside a segment; the middle rule's closing run
     * is as narrow as the gap left, so only the scaled rule bounds every ratio */
    if (on_break || !is_scaled) continue;
    double r = mni_axis_width(a, i) / mni_axis_width(a, i - 1);
    assert_true(r <= growth * (1 + 1e-9) && r >= 1 / growth * (1 - 1e-9));
  }
}

static void test_grid_gradings(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const double br[5] = {0.0, 17e-6, 67e-6, 217e-6, 1067e-6};
  for (int g = 0; g < 2; g++) {
    mni_grid_opts o = mni_grid_opts_default();
    o.grading = g == 0 ? MNI_GRADE_SCALED : MNI_GRADE_MIDDLE;
    o.fine_until_m = 17e-6;
    mni_axis a;
    assert_int_equal(mni_axis_graded(ctx, br, 5, &o, &a), MN_OK);
    check_graded(&a, br, 5, o.growth, o.h_max_m, g == 0);
    assert_true(mni_axis_width(&a, 0) <= o.h_first_m * (1 + 1e-9)); /* fine at the surface */
    assert_int_equal(mni_axis_find(&a, 0.5 * (a.face_m[3] + a.face_m[4])), 3);
    /* refine 2: every cell in four equal parts, the same faces on the breaks */
    o.refine = 2;
    mni_axis f;
    assert_int_equal(mni_axis_graded(ctx, br, 5, &o, &f), MN_OK);
    assert_int_equal(f.n, 4 * a.n);
    for (size_t i = 0; i < a.n; i++)
      MN_EXPECT_NEAR(mni_axis_width(&f, 4 * i + 1), 0.25 * mni_axis_width(&a, i), 1e-9, 0.0);
    mni_axis_free(ctx, &f);
    mni_axis_free(ctx, &a);
  }
  mn_ctx_destroy(&ctx);
}

/* The 1D grid is the scaled axis from the surface, with its centres and widths. */
static void test_grid1d_is_the_axis(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const double iface[3] = {17e-6, 67e-6, 1067e-6}, br[4] = {0.0, 17e-6, 67e-6, 1067e-6};
  mni_grid_opts o = mni_grid_opts_default();
  o.fine_until_m = 17e-6;
  mni_grid1d g;
  mni_axis a;
  assert_int_equal(mni_grid1d_build(ctx, iface, 3, &o, &g), MN_OK);
  assert_int_equal(mni_axis_graded(ctx, br, 4, &o, &a), MN_OK);
  assert_int_equal(g.n, a.n);
  assert_memory_equal(g.face_m, a.face_m, (a.n + 1) * sizeof *a.face_m);
  for (size_t i = 0; i < g.n; i++) {
    assert_true(g.h_m[i] == mni_axis_width(&a, i));
    assert_true(g.center_m[i] == mni_axis_centre(&a, i));
  }
  mni_axis_free(ctx, &a);
  mni_grid1d_free(ctx, &g);
  mn_ctx_destroy(&ctx);
}

/* More cells than the limit: MN_E_CONFIG naming the numbers, never a silently capped grid
 * (the former builders stopped at 8000 / 2 x 4096 cells and stretched them to fit). */
static void test_grid_too_large_is_an_error(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const double br[2] = {0.0, 1.0};
  for (int g = 0; g < 2; g++) {
    mni_grid_opts o = mni_grid_opts_default();
    o.grading = g == 0 ? MNI_GRADE_SCALED : MNI_GRADE_MIDDLE;
    o.h_first_m = o.h_first_tissue_m = o.h_max_m = 1e-7; /* 1 m in 0.1 µm cells: 1e7 */
    mni_axis a = {0, NULL};
    assert_int_equal(mni_axis_graded(ctx, br, 2, &o, &a), MN_E_CONFIG);
    assert_null(a.face_m);
    assert_non_null(strstr(mn_ctx_errmsg(ctx), "limit of 1000000 cells"));
    assert_non_null(strstr(mn_ctx_errmsg(ctx), "1e-07 m"));
    /* 10000 cells: above the former caps, below the limit, and every one of them there */
    o.h_first_m = o.h_first_tissue_m = o.h_max_m = 1e-4;
    assert_int_equal(mni_axis_graded(ctx, br, 2, &o, &a), MN_OK);
    assert_true(a.n >= 10000 && a.n <= 10002);
    for (size_t i = 0; i < a.n && g == 0; i++) /* (the middle rule may end on a sliver) */
      MN_EXPECT_NEAR(mni_axis_width(&a, i), 1e-4, 1e-3, 0.0);
    mni_axis_free(ctx, &a);
    /* refine multiplies: 10000 cells x 2^8 is over the limit too */
    o.refine = 8;
    assert_int_equal(mni_axis_graded(ctx, br, 2, &o, &a), MN_E_CONFIG);
  }
  mni_axis a;
  assert_int_equal(mni_axis_uniform(ctx, 0.0, 1.0, 2000000, &a), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "2000000 cells"));
  /* bad breaks and options stay MN_E_ARG */
  const double bad[3] = {0.0, 20e-6, 10e-6};
  mni_grid_opts o = mni_grid_opts_default();
  assert_int_equal(mni_axis_graded(ctx, bad, 3, &o, &a), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "break 2"));
  o.growth = 3.0;
  assert_int_equal(mni_axis_graded(ctx, br, 2, &o, &a), MN_E_ARG);
  mn_ctx_destroy(&ctx);
}

/* ---- band LU ---- */

/* A random M-matrix I - gamma J of bandwidths mu = ml = bw (diagonally dominant by columns). */
static void band_fill(SUNMatrix A, double *dense, long n, long bw, unsigned seed)
{
  srand(seed);
  SUNMatZero(A);
  memset(dense, 0, (size_t)(n * n) * sizeof *dense);
  for (long j = 0; j < n; j++) {
    double d = 1.0;
    for (long i = j - bw; i <= j + bw; i++) {
      if (i < 0 || i >= n || i == j) continue;
      double v = (rand() % 4 == 0) ? 0.0 : -(double)rand() / RAND_MAX;
      SM_ELEMENT_B(A, i, j) = v;
      dense[i * n + j] = v;
      d -= v;
    }
    SM_ELEMENT_B(A, j, j) = d;
    dense[j * n + j] = d;
  }
}

/* Gaussian elimination with partial pivoting on the dense copy (the reference). */
static void dense_solve(double *a, double *x, long n)
{
  for (long k = 0; k < n; k++) {
    long p = k;
    for (long i = k + 1; i < n; i++)
      if (fabs(a[i * n + k]) > fabs(a[p * n + k])) p = i;
    if (p != k) {
      for (long j = 0; j < n; j++) {
        double t = a[k * n + j];
        a[k * n + j] = a[p * n + j];
        a[p * n + j] = t;
      }
      double t = x[k];
      x[k] = x[p];
      x[p] = t;
    }
    for (long i = k + 1; i < n; i++) {
      double l = a[i * n + k] / a[k * n + k];
      for (long j = k; j < n; j++)
        a[i * n + j] -= l * a[k * n + j];
      x[i] -= l * x[k];
    }
  }
  for (long i = n - 1; i >= 0; i--) {
    double s = x[i];
    for (long j = i + 1; j < n; j++)
      s -= a[i * n + j] * x[j];
    x[i] = s / a[i * n + i];
  }
}

static void test_band_lu_against_dense(void **state)
{
  (void)state;
  SUNContext sun = NULL;
  assert_int_equal(mni_sun_context_create(&sun), 0);
  /* sunindextype: 64-bit on Debian 12, 32-bit on Debian 13 */
  const sunindextype n = 120, bws[5] = {1, 2, 4, 13, 40};
  double *dense = malloc((size_t)(n * n) * sizeof *dense), ref[120];
  for (int r = 0; r < 2; r++)
    for (int q = 0; q < 5; q++) {
      sunindextype bw = bws[q];
      /* the 1D solver's storage (smu = mu + ml) and the axisymmetric cell's (smu = mu) */
      SUNMatrix A = SUNBandMatrixStorage(n, bw, bw, r == 0 ? 2 * bw : bw, sun);
      N_Vector b = N_VNew_Serial(n, sun), x = N_VClone(b);
      SUNLinearSolver LS = mni_band_lu_solver(sun, r == 0 ? MNI_LU_DIVIDE : MNI_LU_RECIPROCAL);
      assert_non_null(LS);
      band_fill(A, dense, n, bw, (unsigned)(17 * q + r));
      for (long i = 0; i < n; i++)
        ref[i] = NV_Ith_S(b, i) = sin(0.3 * (double)i) + 0.1;
      dense_solve(dense, ref, n);
      assert_int_equal(SUNLinSolInitialize(LS), 0); /* success: 0 in SUNDIALS 6 and 7 */
      assert_int_equal(SUNLinSolSetup(LS, A), 0);
      assert_int_equal(SUNLinSolSolve(LS, A, x, b, 0.0), 0);
      for (long i = 0; i < n; i++)
        MN_EXPECT_NEAR(NV_Ith_S(x, i), ref[i], 1e-12, 1e-14);
      /* in place: x = b */
      assert_int_equal(SUNLinSolSolve(LS, A, b, b, 0.0), 0);
      for (long i = 0; i < n; i++)
        assert_true(NV_Ith_S(b, i) == NV_Ith_S(x, i));
      SUNLinSolFree(LS);
      N_VDestroy(x);
      N_VDestroy(b);
      SUNMatDestroy(A);
    }
  free(dense);
  SUNContext_Free(&sun);
}

static void test_band_lu_zero_pivot(void **state)
{
  (void)state;
  SUNContext sun = NULL;
  assert_int_equal(mni_sun_context_create(&sun), 0);
  SUNMatrix A = SUNBandMatrix(5, 1, 1, sun);
  SUNMatZero(A);
  for (long i = 0; i < 5; i++)
    SM_ELEMENT_B(A, i, i) = i == 3 ? 0.0 : 1.0;
  SUNLinearSolver LS = mni_band_lu_solver(sun, MNI_LU_DIVIDE);
  assert_int_equal(SUNLinSolSetup(LS, A), SUNLS_LUFACT_FAIL);
  SUNLinSolFree(LS);
  SUNMatDestroy(A);
  SUNContext_Free(&sun);
}

/* ---- CVODE set-up ---- */

static int rhs_decay(sunrealtype t, N_Vector y, N_Vector ydot, void *ud)
{
  (void)ud;
  NV_Ith_S(ydot, 0) = -NV_Ith_S(y, 0);
  return t > 1.0 ? -1 : 0; /* unrecoverable past t = 1 */
}

typedef struct log_seen {
  int n;
  char last[512];
} log_seen;

static void on_log(void *ud, mn_log_level level, const char *msg)
{
  (void)level;
  log_seen *s = ud;
  s->n++;
  snprintf(s->last, sizeof s->last, "%s", msg);
}

/* Run f with stderr sent to a temporary file; return how many bytes reached it. */
static long stderr_bytes_of(void (*f)(void *), void *arg)
{
  fflush(stderr);
  FILE *tmp = tmpfile();
  assert_non_null(tmp);
  int saved = dup(2);
  assert_true(saved >= 0);
  assert_true(dup2(fileno(tmp), 2) >= 0);
  f(arg);
  fflush(stderr);
  assert_true(dup2(saved, 2) >= 0);
  close(saved);
  long n = ftell(tmp) >= 0 ? (fseek(tmp, 0, SEEK_END), ftell(tmp)) : -1;
  fclose(tmp);
  return n;
}

typedef struct cv_case {
  mn_ctx *ctx;
  mn_status create_st, run_st;
  double rtol;
} cv_case;

static void run_cvode(void *arg)
{
  cv_case *c = arg;
  SUNContext sun = NULL;
  assert_int_equal(mni_sun_context_create(&sun), 0);
  N_Vector y = N_VNew_Serial(1, sun);
  NV_Ith_S(y, 0) = 1.0;
  SUNMatrix A = SUNBandMatrix(1, 0, 0, sun);
  SUNLinearSolver LS = mni_band_lu_solver(sun, MNI_LU_DIVIDE);
  mni_cvode cv;
  mni_cvode_spec cs = {.sun = sun,
                       .who = "test",
                       .rhs = rhs_decay,
                       .y0 = y,
                       .rtol = c->rtol,
                       .atol = 1e-10,
                       .A = A,
                       .LS = LS};
  c->create_st = mni_cvode_create(c->ctx, &cs, &cv);
  c->run_st = MN_OK;
  if (c->create_st == MN_OK) {
    sunrealtype t = 0.0;
    int flag = CVode(cv.mem, 5.0, y, &t, CV_NORMAL);
    if (flag < 0) c->run_st = mni_cvode_fail(&cv, MN_E_NOCONVERGE, "test: CVODE failed");
  }
  mni_cvode_free(&cv);
  SUNLinSolFree(LS);
  SUNMatDestroy(A);
  N_VDestroy(y);
  SUNContext_Free(&sun);
}

static void test_cvode_messages_reach_the_context(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  log_seen seen = {0, ""};
  mn_ctx_set_logger(ctx, on_log, &seen);
  /* an unrecoverable right-hand side: CVode fails, and says so into the context */
  cv_case c = {ctx, MN_OK, MN_OK, 1e-6};
  assert_int_equal(stderr_bytes_of(run_cvode, &c), 0);
  assert_int_equal(c.create_st, MN_OK);
  assert_int_equal(c.run_st, MN_E_NOCONVERGE);
  /* CVODE's function, code and words; the function is SUNDIALS' own business (SUNDIALS 6 says
   * CVode, 7 cvHandleFailure) */
  const char *msg = mn_ctx_errmsg(ctx);
  char code[32];
  snprintf(code, sizeof code, " (%d): ", CV_RHSFUNC_FAIL);
  assert_non_null(strstr(msg, "test: CVODE failed: CVODE "));
  assert_non_null(strstr(msg, code));
  assert_non_null(strstr(msg, "right-hand side")); /* CVODE's own words */
  assert_true(seen.n >= 1 && strstr(seen.last, "test: CVODE ") != NULL &&
              strstr(seen.last, "right-hand side") != NULL);
  /* an impossible tolerance: the set-up fails with CVODE's reason */
  c.rtol = -1.0;
  assert_int_equal(stderr_bytes_of(run_cvode, &c), 0);
  assert_int_equal(c.create_st, MN_E_ARG);
  msg = mn_ctx_errmsg(ctx);
  assert_non_null(strstr(msg, "test: cannot set up CVODE (tolerances): CVODE"));
  assert_non_null(strstr(msg, "reltol < 0"));
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_grid_gradings),
      cmocka_unit_test(test_grid1d_is_the_axis),
      cmocka_unit_test(test_grid_too_large_is_an_error),
      cmocka_unit_test(test_band_lu_against_dense),
      cmocka_unit_test(test_band_lu_zero_pivot),
      cmocka_unit_test(test_cvode_messages_reach_the_context),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
