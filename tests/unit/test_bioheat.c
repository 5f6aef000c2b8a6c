/* The Pennes bioheat solver against closed forms: a Gaussian heat pulse spreading in an
 * infinite medium (the adiabatic surface is its mirror plane), with and without perfusion;
 * the steady state of a Beer-Lambert source with perfusion; the order in space (2) and in time
 * (1); the energy balance with perfusion, far boundaries and ablation; ablation only at a free
 * surface, confined boiling and its burst, the stratum corneum's lid; the solved window against
 * the whole grid; bad input. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_int.h"
#include "mn_test.h"
#include "numerics/bioheat_int.h"

static const double K_SKIN = 0.37, RHOC = 1100.0 * 3400.0; /* W/m/K, J/m^3/K */

static mni_thermal tissue(double perfusion)
{
  mni_thermal t = {K_SKIN, RHOC, perfusion, 34.0, 100.0, 0.0, 0.0, 0.0, 0.0};
  return t;
}

/* theta of a Gaussian of initial 1/e radius s0 (peak th0) after t, perfusion w. */
static double gauss_exact(double th0, double s0, double kap, double w, double r, double z,
                          double t)
{
  double s2 = s0 * s0 + 4.0 * kap * t;
  return th0 * pow(s0 * s0 / s2, 1.5) * exp(-(r * r + z * z) / s2) * exp(-w * t);
}

/* The pulse on n x n uniform cells of a 400 um square, to t = 5 ms in steps dt; the largest
 * error relative to the peak now. Energy balance returned in *balance. */
static double gauss_error(size_t n, double dt, double w, double *balance)
{
  mn_ctx *ctx = mn_test_ctx();
  double side = 400e-6, s0 = 50e-6, th0 = 40.0, T = 5e-3;
  mni_axis r = {0, NULL}, z = {0, NULL};
  assert_int_equal(mni_axis_uniform(ctx, 0.0, side, n, &r), MN_OK);
  assert_int_equal(mni_axis_uniform(ctx, 0.0, side, n, &z), MN_OK);
  mni_bioheat_spec sp = {&r, &z, tissue(w), true, true};
  mni_bioheat *s = NULL;
  assert_int_equal(mni_bioheat_create(ctx, &sp, &s), MN_OK);
  double *th = mni_bioheat_theta(s), kap = K_SKIN / RHOC;
  for (size_t k = 0; k < n; k++)
    for (size_t i = 0; i < n; i++)
      th[i + n * k] =
          gauss_exact(th0, s0, kap, 0.0, mni_axis_centre(&r, i), mni_axis_centre(&z, k), 0.0);
  double e0 = mni_bioheat_energy_j(s);
  size_t steps = (size_t)llround(T / dt);
  for (size_t q = 0; q < steps; q++)
    assert_int_equal(mni_bioheat_step(s, dt, NULL), MN_OK);
  double err = 0.0, peak = gauss_exact(th0, s0, kap, w, 0.0, 0.0, T);
  for (size_t k = 0; k < n; k++)
    for (size_t i = 0; i < n; i++)
      err = fmax(err, fabs(th[i + n * k] - gauss_exact(th0, s0, kap, w, mni_axis_centre(&r, i),
                                                      mni_axis_centre(&z, k), T)));
  mni_heat_tally t = mni_bioheat_tally(s);
  *balance = fabs(mni_bioheat_energy_j(s) + t.perfused_j + t.boundary_j - e0) / e0;
  mni_bioheat_destroy(&s);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  mn_ctx_destroy(&ctx);
  return err / peak;
}

/* Space: dt tied to h^2 (dt = 0.2 h^2 / kappa), so the scheme's first-order time error falls
 * as h^2 too: the observed order is the spatial one. */
static void test_gaussian_pulse_space_order(void **state)
{
  (void)state;
  double kap = K_SKIN / RHOC, e[3], bal;
  size_t n[3] = {40, 80, 160};
  for (int q = 0; q < 3; q++) {
    double h = 400e-6 / (double)n[q];
    double dt = 5e-3 / (double)llround(5e-3 / (0.2 * h * h / kap));
    e[q] = gauss_error(n[q], dt, 0.0, &bal);
    assert_true(bal < 1e-12);
  }
  double p1 = log2(e[0] / e[1]), p2 = log2(e[1] / e[2]);
  print_message("Gaussian pulse, 5 ms: error / peak %.3g %.3g %.3g at h = 10, 5, 2.5 um "
                "(dt ~ h^2); observed order %.2f %.2f\n",
                e[0], e[1], e[2], p1, p2);
  assert_true(e[2] < 5e-3);
  assert_true(p2 > 1.8 && p2 < 2.3);
}

/* Time: a fine grid, dt halved twice: first order. With perfusion (w = 50 /s: e^-0.25 over the
 * run) against exp(-w t) times the pulse. */
static void test_gaussian_pulse_time_order_with_perfusion(void **state)
{
  (void)state;
  double e[3], bal, dt[3] = {5e-4, 2.5e-4, 1.25e-4};
  for (int q = 0; q < 3; q++) {
    e[q] = gauss_error(160, dt[q], 50.0, &bal);
    assert_true(bal < 1e-12); /* perfusion and the far faces tallied */
  }
  double p1 = log2(e[0] / e[1]), p2 = log2(e[1] / e[2]);
  print_message("Gaussian pulse with perfusion: error / peak %.3g %.3g %.3g at dt = 0.5, "
                "0.25, 0.125 ms; observed order %.2f %.2f\n",
                e[0], e[1], e[2], p1, p2);
  assert_true(p2 > 0.8 && p2 < 1.3);
  assert_true(e[2] < 2e-2);
}

/* Steady state of q = S exp(-mu z) with perfusion, laterally uniform (one ring), adiabatic
 * surface: theta = A (exp(-mu z) - (mu / m) exp(-m z)), A = S / (w rho c - k mu^2),
 * m = sqrt(w rho c / k). */
static double beer_steady_error(size_t nz)
{
  mn_ctx *ctx = mn_test_ctx();
  double w = 0.5, mu = 5000.0, S = 1e7, L = 5e-3;
  mni_axis r = {0, NULL}, z = {0, NULL};
  assert_int_equal(mni_axis_uniform(ctx, 0.0, 1e-3, 1, &r), MN_OK);
  assert_int_equal(mni_axis_uniform(ctx, 0.0, L, nz, &z), MN_OK);
  mni_bioheat_spec sp = {&r, &z, tissue(w), false, true};
  mni_bioheat *s = NULL;
  assert_int_equal(mni_bioheat_create(ctx, &sp, &s), MN_OK);
  double *q = malloc(nz * sizeof *q);
  for (size_t k = 0; k < nz; k++) /* the cell's mean of the source: its exact integral */
    q[k] = S * (exp(-mu * z.face_m[k]) - exp(-mu * z.face_m[k + 1])) / (mu * mni_axis_width(&z, k));
  for (int it = 0; it < 300; it++) /* 1 / w = 2 s; 3000 s */
    assert_int_equal(mni_bioheat_step(s, 10.0, q), MN_OK);
  double m = sqrt(w * RHOC / K_SKIN), A = S / (w * RHOC - K_SKIN * mu * mu);
  const double *th = mni_bioheat_theta(s);
  double err = 0.0, peak = A * (1.0 - mu / m);
  for (size_t k = 0; k < nz; k++) {
    double zz = mni_axis_centre(&z, k);
    err = fmax(err, fabs(th[k] - A * (exp(-mu * zz) - mu / m * exp(-m * zz))));
  }
  free(q);
  mni_bioheat_destroy(&s);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  mn_ctx_destroy(&ctx);
  return fabs(err / peak);
}

static void test_beer_lambert_steady_with_perfusion(void **state)
{
  (void)state;
  double e1 = beer_steady_error(250), e2 = beer_steady_error(500);
  print_message("Beer-Lambert source, perfusion, steady: error / peak %.3g (20 um), %.3g "
                "(10 um); order %.2f\n",
                e1, e2, log2(e1 / e2));
  assert_true(e2 < 1e-3);
  assert_true(log2(e1 / e2) > 1.8);
}

/* A source hot enough to boil the top cells: they store latent heat, then leave; every joule
 * is accounted for. */
static void test_ablation_balance(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  size_t nr = 30, nz = 60;
  mni_axis r = {0, NULL}, z = {0, NULL};
  assert_int_equal(mni_axis_uniform(ctx, 0.0, 300e-6, nr, &r), MN_OK);
  assert_int_equal(mni_axis_uniform(ctx, 0.0, 300e-6, nz, &z), MN_OK);
  mni_thermal t = tissue(2e-3);
  t.h_vap_j_per_m3 = 0.7 * 2.26e9; /* water fraction x latent heat of water per m^3 */
  mni_bioheat_spec sp = {&r, &z, t, true, true};
  mni_bioheat *s = NULL;
  assert_int_equal(mni_bioheat_create(ctx, &sp, &s), MN_OK);
  double *q = calloc(nr * nz, sizeof *q);
  for (size_t k = 0; k < nz; k++)
    for (size_t i = 0; i < nr; i++) {
      double rr = mni_axis_centre(&r, i), zz = mni_axis_centre(&z, k);
      q[i + nr * k] = 5e13 * exp(-2.0 * rr * rr / (50e-6 * 50e-6)) * exp(-zz / 20e-6);
    }
  for (int it = 0; it < 200; it++)
    assert_int_equal(mni_bioheat_step(s, 1e-6, q), MN_OK);
  free(q);
  size_t n_ab = 0;
  for (size_t c = 0; c < nr * nz; c++)
    n_ab += mni_bioheat_ablated(s)[c];
  mni_heat_tally tl = mni_bioheat_tally(s);
  double bal = fabs(mni_bioheat_energy_j(s) + tl.perfused_j + tl.boundary_j + tl.ablated_j -
                    tl.deposited_j) /
               tl.deposited_j;
  print_message("ablation: %zu cells gone, crater %.1f um deep on the axis; %.3g of %.3g J "
                "left with them; balance %.2g\n",
                n_ab, mni_bioheat_top_m(s, 0) * 1e6, tl.ablated_j, tl.deposited_j, bal);
  assert_true(n_ab > 0 && mni_bioheat_top_m(s, 0) > 0.0);
  assert_true(mni_bioheat_top_m(s, nr - 1) == 0.0); /* the beam's edge stays */
  assert_true(bal < 1e-12);
  const double *th = mni_bioheat_theta(s);
  for (size_t c = 0; c < nr * nz; c++)
    assert_true(th[c] <= 100.0 - 34.0 + 1e-9); /* nothing passes the boiling point */
  mni_bioheat_destroy(&s);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  mn_ctx_destroy(&ctx);
}

/* Run a source q for n steps of dt then cool for as long; the balance. */
static double run_balance(mni_bioheat *s, const double *q, int n, double dt)
{
  for (int it = 0; it < n; it++)
    assert_int_equal(mni_bioheat_step(s, dt, q), MN_OK);
  for (int it = 0; it < n; it++)
    assert_int_equal(mni_bioheat_step(s, dt, NULL), MN_OK);
  mni_heat_tally tl = mni_bioheat_tally(s);
  return fabs(mni_bioheat_energy_j(s) + tl.perfused_j + tl.boundary_j + tl.ablated_j -
              tl.deposited_j) /
         tl.deposited_j;
}

/* Ablation needs a free surface. A source peaked 100 um down boils the tissue there: it
 * stores its latent heat and, full, heats on (confined), but no cell leaves while intact
 * tissue covers it; cooling gives the latent heat back. With a burst temperature the
 * confined tissue bursts and takes the column above it. Every joule accounted for. */
static void test_buried_boiling(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  size_t nr = 30, nz = 60;
  mni_axis r = {0, NULL}, z = {0, NULL};
  assert_int_equal(mni_axis_uniform(ctx, 0.0, 300e-6, nr, &r), MN_OK);
  assert_int_equal(mni_axis_uniform(ctx, 0.0, 300e-6, nz, &z), MN_OK);
  double *q = calloc(nr * nz, sizeof *q);
  for (size_t k = 0; k < nz; k++)
    for (size_t i = 0; i < nr; i++) {
      double rr = mni_axis_centre(&r, i), dz = mni_axis_centre(&z, k) - 100e-6;
      q[i + nr * k] =
          2e13 * exp(-2.0 * rr * rr / (40e-6 * 40e-6)) * exp(-dz * dz / (20e-6 * 20e-6));
    }
  for (int burst = 0; burst < 2; burst++) {
    mni_thermal t = tissue(2e-3);
    t.h_vap_j_per_m3 = 0.7 * 2.26e9;
    t.t_burst_c = burst ? 300.0 : 0.0;
    mni_bioheat_spec sp = {&r, &z, t, true, true};
    mni_bioheat *s = NULL;
    assert_int_equal(mni_bioheat_create(ctx, &sp, &s), MN_OK);
    double bal = run_balance(s, q, 400, 1e-6);
    size_t n_ab = 0;
    for (size_t c = 0; c < nr * nz; c++)
      n_ab += mni_bioheat_ablated(s)[c];
    double hottest = 0.0;
    for (size_t c = 0; c < nr * nz; c++)
      hottest = fmax(hottest, mni_bioheat_theta(s)[c]);
    print_message("buried boiling%s: %zu cells gone, crater %.0f um on the axis, hottest now "
                  "%.0f C, balance %.2g\n",
                  burst ? ", bursting at 300 C" : "", n_ab, mni_bioheat_top_m(s, 0) * 1e6,
                  34.0 + hottest, bal);
    assert_true(bal < 1e-12);
    if (burst) {
      assert_true(n_ab > 0 && mni_bioheat_top_m(s, 0) >= 100e-6); /* open to the surface */
    } else {
      assert_true(n_ab == 0);
    }
    mni_bioheat_destroy(&s);
  }
  free(q);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  mn_ctx_destroy(&ctx);
}

/* A lid (the stratum corneum) with little water on a surface-heated tissue: without a burst
 * temperature nothing leaves (the lid's water boils off, the tissue under it is confined);
 * with one the lid and the tissue go. */
static void test_lid(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  size_t nr = 30, nz = 60;
  mni_axis r = {0, NULL}, z = {0, NULL};
  assert_int_equal(mni_axis_uniform(ctx, 0.0, 300e-6, nr, &r), MN_OK);
  assert_int_equal(mni_axis_uniform(ctx, 0.0, 300e-6, nz, &z), MN_OK);
  double *q = calloc(nr * nz, sizeof *q);
  for (size_t k = 0; k < nz; k++)
    for (size_t i = 0; i < nr; i++) {
      double rr = mni_axis_centre(&r, i), zz = mni_axis_centre(&z, k);
      q[i + nr * k] = 5e13 * exp(-2.0 * rr * rr / (50e-6 * 50e-6)) * exp(-zz / 20e-6);
    }
  for (int burst = 0; burst < 2; burst++) {
    mni_thermal t = tissue(2e-3);
    t.h_vap_j_per_m3 = 0.7 * 2.26e9;
    t.lid_m = 15e-6;
    t.h_vap_lid_j_per_m3 = 0.25 * 2.26e9;
    t.t_burst_c = burst ? 300.0 : 0.0;
    mni_bioheat_spec sp = {&r, &z, t, true, true};
    mni_bioheat *s = NULL;
    assert_int_equal(mni_bioheat_create(ctx, &sp, &s), MN_OK);
    double bal = run_balance(s, q, 200, 1e-6);
    print_message("lid%s: crater %.0f um on the axis, balance %.2g\n",
                  burst ? ", bursting at 300 C" : "", mni_bioheat_top_m(s, 0) * 1e6, bal);
    assert_true(bal < 1e-12);
    assert_true(burst ? mni_bioheat_top_m(s, 0) > 15e-6 : mni_bioheat_top_m(s, 0) == 0.0);
    mni_bioheat_destroy(&s);
  }
  free(q);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  mn_ctx_destroy(&ctx);
}

/* An ablating source at the top of a deep grid, on the step_in path with its box, heating
 * then cooling; one grid as mnsim runs it, where only the warm corner is solved (the window),
 * and one made to solve everything from the start (a cell at the far corner 2e-9 K warm, above
 * the window's threshold). They agree to that nudge, the window stays far from the bottom,
 * and the balance closes. */
static double window_run(bool force_full, double *theta_out, size_t *nz_w, double *balance)
{
  mn_ctx *ctx = mn_test_ctx();
  size_t nr = 40, nz = 600;
  mni_axis r = {0, NULL}, z = {0, NULL};
  assert_int_equal(mni_axis_uniform(ctx, 0.0, 200e-6, nr, &r), MN_OK);
  assert_int_equal(mni_axis_uniform(ctx, 0.0, 1.2e-3, nz, &z), MN_OK);
  mni_thermal t = tissue(2e-3);
  t.h_vap_j_per_m3 = 0.7 * 2.26e9;
  mni_bioheat_spec sp = {&r, &z, t, true, true};
  mni_bioheat *s = NULL;
  assert_int_equal(mni_bioheat_create(ctx, &sp, &s), MN_OK);
  double *th = mni_bioheat_theta(s);
  if (force_full) th[(nr - 1) + nr * (nz - 1)] = 2e-9;
  size_t box_r = 12, box_z = 30; /* the source: 60 um wide, 60 um deep */
  double *q = calloc(nr * nz, sizeof *q);
  for (size_t k = 0; k < box_z; k++)
    for (size_t i = 0; i < box_r; i++) {
      double rr = mni_axis_centre(&r, i), zz = mni_axis_centre(&z, k);
      q[i + nr * k] = 5e13 * exp(-2.0 * rr * rr / (25e-6 * 25e-6)) * exp(-zz / 10e-6);
    }
  double e0 = mni_bioheat_energy_j(s);
  for (int it = 0; it < 200; it++)
    assert_int_equal(mni_bioheat_step_in(s, 1e-6, q, box_r, box_z), MN_OK);
  double dt = 1e-6;
  for (int it = 0; it < 150; it++, dt *= 1.05)
    assert_int_equal(mni_bioheat_step(s, dt, NULL), MN_OK);
  free(q);
  memcpy(theta_out, mni_bioheat_theta(s), nr * nz * sizeof *theta_out);
  size_t nr_w;
  mni_bioheat_window(s, &nr_w, nz_w);
  mni_heat_tally tl = mni_bioheat_tally(s);
  *balance = fabs(mni_bioheat_energy_j(s) - e0 + tl.perfused_j + tl.boundary_j + tl.ablated_j -
                  tl.deposited_j) /
             tl.deposited_j;
  double top = mni_bioheat_top_m(s, 0);
  mni_bioheat_destroy(&s);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  mn_ctx_destroy(&ctx);
  return top;
}

static void test_window_matches_full_grid(void **state)
{
  (void)state;
  size_t n = 40 * 600, nz_win = 0, nz_full = 0;
  double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), bal_a, bal_b;
  double top_a = window_run(false, a, &nz_win, &bal_a);
  double top_b = window_run(true, b, &nz_full, &bal_b);
  double diff = 0.0, peak = 0.0;
  for (size_t c = 0; c < n; c++) {
    diff = fmax(diff, fabs(a[c] - b[c]));
    peak = fmax(peak, fabs(b[c]));
  }
  print_message("window: %zu of 600 rows solved (full: %zu); crater %.1f / %.1f um; largest "
                "difference %.3g K (peak %.3g K); balance %.2g / %.2g\n",
                nz_win, nz_full, top_a * 1e6, top_b * 1e6, diff, peak, bal_a, bal_b);
  assert_true(nz_full == 600);
  assert_true(nz_win < 400);
  assert_true(top_a > 0.0 && top_a == top_b);
  assert_true(diff < 2e-9);
  assert_true(bal_a < 1e-12 && bal_b < 1e-12);
  free(a);
  free(b);
}

static void test_bad_input(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mni_axis r = {0, NULL}, z = {0, NULL};
  assert_int_equal(mni_axis_uniform(ctx, 0.0, 1e-4, 4, &r), MN_OK);
  assert_int_equal(mni_axis_uniform(ctx, 1e-6, 1e-4, 4, &z), MN_OK);
  mni_bioheat_spec sp = {&r, &z, tissue(0.0), true, true};
  mni_bioheat *s = (mni_bioheat *)&sp;
  assert_int_equal(mni_bioheat_create(ctx, &sp, &s), MN_E_ARG);
  assert_null(s);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "z on the surface"));
  mni_axis_free(ctx, &z);
  assert_int_equal(mni_axis_uniform(ctx, 0.0, 1e-4, 4, &z), MN_OK);
  sp.tissue.k_w_per_m_k = -1.0;
  assert_int_equal(mni_bioheat_create(ctx, &sp, &s), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "k -1"));
  sp.tissue = tissue(0.0);
  assert_int_equal(mni_bioheat_create(ctx, &sp, &s), MN_OK);
  assert_int_equal(mni_bioheat_step(s, 0.0, NULL), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "dt_s = 0"));
  mni_bioheat_destroy(&s);
  mni_axis_free(ctx, &r);
  mni_axis_free(ctx, &z);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gaussian_pulse_space_order),
      cmocka_unit_test(test_gaussian_pulse_time_order_with_perfusion),
      cmocka_unit_test(test_beer_lambert_steady_with_perfusion),
      cmocka_unit_test(test_ablation_balance),
      cmocka_unit_test(test_buried_boiling),
      cmocka_unit_test(test_lid),
      cmocka_unit_test(test_window_matches_full_grid),
      cmocka_unit_test(test_bad_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
