/* Verification of the 1D transport solver against the closed forms of numerics.md (Crank 1975):
 * steady flux and lag time of a membrane and of a layered membrane, the full series Q(t), the
 * erfc profile of a semi-infinite medium, a finite well-mixed donor, first-order clearance;
 * observed orders of convergence in space and time; mass balance in every run. */
#include <math.h>
#include <string.h>

#include "mn_test.h"
#include "transport/transport_int.h"

#define N_OUT 41

typedef struct fixture {
  mn_compound_props p;
  mn_layer_stack L;
  mni_problem1d pb;
  double t_out[N_OUT];
} fixture;

/* A three-layer slab (D, K per layer) under an infinite donor at C0 = 1 kg/m³ (aqueous
 * vehicle), perfect sink below, no clearance: the Franz-cell membrane of the closed forms. */
static void slab(fixture *f, const double l_m[3], const double D[3], const double K[3],
                 double duration_s)
{
  memset(f, 0, sizeof *f);
  f->p.molecular_weight_da = 200;
  f->p.water_solubility_kg_per_m3 = HUGE_VAL;
  f->p.D_aq_m2_per_s = 1e-9;
  f->p.D_sc_m2_per_s = D[0];
  f->p.K_sc = K[0];
  f->p.D_ve_m2_per_s = D[1];
  f->p.K_ve = K[1];
  f->p.D_de_m2_per_s = D[2];
  f->p.K_de = K[2];
  f->p.k_clear_per_s = 0.0;
  double z = 0.0;
  for (int i = 0; i < 3; i++) {
    f->L.thickness_m[i] = l_m[i];
    f->L.top_m[i] = z;
    z += l_m[i];
  }
  f->L.thickness_m[3] = 1e-3;
  f->L.top_m[3] = z;
  mni_problem1d *pb = &f->pb;
  pb->props = &f->p;
  pb->layers = &f->L;
  pb->bottom_m = z;
  pb->is_in_vivo = false;
  pb->capillary_top_m = HUGE_VAL;
  pb->vehicle.film0_m = 1e-4;
  pb->vehicle.conc0_kg_per_m3 = 1.0;
  pb->vehicle.solubility_kg_per_m3 = HUGE_VAL;
  pb->vehicle.K_vehicle = 1.0;
  pb->vehicle.wash_off_s = HUGE_VAL;
  pb->vehicle.is_infinite = true;
  pb->closure.tau_air_s = 1800;
  pb->closure.tau_wet_s = 1e5;
  pb->closure.open_at_application = 1.0;
  pb->closure.wet_until_s = HUGE_VAL;
  pb->n_columns = 1;
  pb->duration_s = duration_s;
  pb->rtol = 1e-8;
  pb->grid = mni_grid_opts_default();
  pb->grid.h_first_m = 0.1e-6;
  pb->grid.h_first_tissue_m = 0.5e-6;
  pb->grid.h_max_m = 2e-6;
  for (int k = 0; k < N_OUT; k++)
    f->t_out[k] = duration_s * k / (N_OUT - 1);
  pb->out_t_s = f->t_out;
  pb->n_out = N_OUT;
}

/* Total resistance R = sum l_i / (D_i K_i) and the lag time of a layered membrane,
 * t_lag = (1/R) ∫ K(x) w(x) (R - w(x)) dx with w(x) = ∫_0^x dξ / (D K) (derived from the
 * Laplace transform of the outflow; reduces to L²/6D for one layer). */
static double resistance(const double l[3], const double D[3], const double K[3])
{
  return l[0] / (D[0] * K[0]) + l[1] / (D[1] * K[1]) + l[2] / (D[2] * K[2]);
}

static double lag_time(const double l[3], const double D[3], const double K[3])
{
  double R = resistance(l, D, K), W = 0.0, sum = 0.0;
  for (int i = 0; i < 3; i++) {
    double W1 = W + l[i] / (D[i] * K[i]);
    double F1 = R * W1 * W1 / 2 - W1 * W1 * W1 / 3, F0 = R * W * W / 2 - W * W * W / 3;
    sum += K[i] * K[i] * D[i] * (F1 - F0); /* dx = D K dw */
    W = W1;
  }
  return sum / R;
}

/* Crank's series for the cumulative amount through a membrane (numerics.md). */
static double q_series(double L, double D, double K, double C0, double t)
{
  double s = 0.0;
  for (int n = 1; n < 2000; n++)
    s += (n % 2 ? -1.0 : 1.0) / ((double)n * n) * exp(-D * n * n * MN_PI * MN_PI * t / (L * L));
  return L * K * C0 * (D * t / (L * L) - 1.0 / 6.0 - 2.0 / (MN_PI * MN_PI) * s);
}

/* A dried deposit touching a tenth of the surface in patches of 5 µm, over a layered membrane:
 * the steady flux is S / (R_c + R), R_c = pi a (1 - sqrt f)^1.5 / (4 f D_0 K_0) the constriction
 * resistance of the patches (Cooper, Mikic & Yovanovich 1969), whatever the grid (the contact
 * is a resistance in series with the top cell, not a share of its conductance). */
static void test_deposit_contact_is_grid_independent(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const double l[3] = {15e-6, 20e-6, 65e-6}, D[3] = {1e-13, 1e-12, 1e-11}, K[3] = {4, 1, 1};
  const double f_c = 0.1, a = 5e-6, S = 1.0;
  double R_c = MN_PI * a * pow(1 - sqrt(f_c), 1.5) / (4 * f_c * D[0] * K[0]);
  double J = S / (R_c + resistance(l, D, K));
  double h_first[2] = {0.1e-6, 1e-6};
  for (int g = 0; g < 2; g++) {
    fixture f;
    slab(&f, l, D, K, 30 * l[0] * l[0] / D[0]);
    mni_vehicle *v = &f.pb.vehicle;
    v->is_infinite = false;
    v->is_deposit = true;
    v->conc0_kg_per_m3 = 1e4; /* a deposit far larger than the run takes */
    v->solubility_kg_per_m3 = S;
    v->residual_film_m = 1e-9;
    v->has_dry_deposit = true;
    v->dry_deposit_from_s = 0.0;
    v->contact_frac = f_c;
    v->patch_m = a;
    v->dissolution_m_per_s = HUGE_VAL;
    f.pb.grid.h_first_m = h_first[g];
    mni_solution1d sol;
    assert_int_equal(mni_solve1d(ctx, &f.pb, &sol), MN_OK);
    size_t e = N_OUT - 1;
    const double *Q = sol.amount[MN_COMP_ABSORBED];
    double J_num = (Q[e] - Q[e - 4]) / (sol.t_s[e] - sol.t_s[e - 4]);
    print_message("first cell %.2g µm: steady flux %.6g, closed form %.6g (contact %.0f %% of "
                  "the resistance)\n",
                  h_first[g] * 1e6, J_num, J, 100 * R_c / (R_c + resistance(l, D, K)));
    MN_EXPECT_NEAR(J_num, J, 2e-3, 0);
    assert_true(sol.mass_balance_error < 1e-9);
    mni_solution1d_free(ctx, &sol);
  }
  mn_ctx_destroy(&ctx);
}

static void test_membrane_steady_flux_lag_and_series(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const double l[3] = {10e-6, 20e-6, 70e-6}, D[3] = {1e-12, 1e-12, 1e-12}, K[3] = {2, 2, 2};
  double L = 100e-6, lag = L * L / (6 * D[0]);
  fixture f;
  slab(&f, l, D, K, 20 * lag);
  mni_solution1d sol;
  assert_int_equal(mni_solve1d(ctx, &f.pb, &sol), MN_OK);
  const double *Q = sol.amount[MN_COMP_ABSORBED];
  size_t e = N_OUT - 1;
  double J = K[0] * D[0] * 1.0 / L;
  double J_num = (Q[e] - Q[e - 4]) / (sol.t_s[e] - sol.t_s[e - 4]);
  MN_EXPECT_NEAR(J_num, J, 1e-3, 0);
  MN_EXPECT_NEAR(sol.t_s[e] - Q[e] / J_num, lag, 1e-2, 0);
  for (size_t k = 1; k < N_OUT; k++) /* the whole curve, from early times on */
    MN_EXPECT_NEAR(Q[k], q_series(L, D[0], K[0], 1.0, sol.t_s[k]), 1e-2, 1e-4 * J * lag);
  assert_true(sol.mass_balance_error < 1e-9);
  mni_solution1d_free(ctx, &sol);
  mn_ctx_destroy(&ctx);
}

static void test_layered_membrane(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  /* A stratum-corneum-like barrier over two faster layers, with partition jumps. */
  const double l[3] = {15e-6, 50e-6, 200e-6}, D[3] = {1e-13, 2e-11, 5e-11}, K[3] = {5, 1, 0.8};
  double R = resistance(l, D, K), lag = lag_time(l, D, K);
  fixture f;
  slab(&f, l, D, K, 15 * lag);
  mni_solution1d sol;
  assert_int_equal(mni_solve1d(ctx, &f.pb, &sol), MN_OK);
  const double *Q = sol.amount[MN_COMP_ABSORBED];
  size_t e = N_OUT - 1;
  double J_num = (Q[e] - Q[e - 4]) / (sol.t_s[e] - sol.t_s[e - 4]);
  MN_EXPECT_NEAR(J_num, 1.0 / R, 1e-3, 0);
  MN_EXPECT_NEAR(sol.t_s[e] - Q[e] / J_num, lag, 1e-2, 0);
  /* At steady state u falls linearly in each layer; C = K u jumps at the interfaces. */
  assert_true(sol.mass_balance_error < 1e-9);
  mni_solution1d_free(ctx, &sol);
  mn_ctx_destroy(&ctx);
}

static void test_erfc_profile(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const double l[3] = {100e-6, 400e-6, 1500e-6}, D[3] = {1e-11, 1e-11, 1e-11}, K[3] = {3, 3, 3};
  double t = 1000.0; /* sqrt(D t) = 100 µm, far above the bottom at 2 mm */
  fixture f;
  slab(&f, l, D, K, t);
  f.pb.grid.h_max_m = 5e-6;
  /* the profiles at a quarter of the time (between two output times) and at the end */
  double snap_t[2] = {0.25 * t, t};
  f.pb.snap_t_s = snap_t;
  f.pb.n_snap = 2;
  mni_solution1d sol;
  assert_int_equal(mni_solve1d(ctx, &f.pb, &sol), MN_OK);
  double worst = 0.0;
  for (size_t i = 0; i < sol.grid.n; i++) {
    double exact = erfc(sol.grid.center_m[i] / (2 * sqrt(D[0] * t)));
    worst = fmax(worst, fabs(sol.u_final[i] - exact));
  }
  MN_EXPECT_NEAR(worst, 0.0, 0, 2e-3);
  /* The profiles are C = K u at their own times. */
  assert_int_equal(sol.profiles.n_t, 2);
  for (size_t k = 0; k < 2; k++) {
    double worst_k = 0.0;
    for (size_t i = 0; i < sol.grid.n; i++) {
      double exact = K[0] * erfc(sol.grid.center_m[i] / (2 * sqrt(D[0] * snap_t[k])));
      worst_k = fmax(worst_k, fabs(sol.profiles.conc_kg_per_m3[k * sol.grid.n + i] - exact));
    }
    print_message("erfc profile at %g s: worst error %.2g of C0 K\n", snap_t[k], worst_k / K[0]);
    MN_EXPECT_NEAR(worst_k / K[0], 0.0, 0, 2e-3);
  }
  assert_true(sol.mass_balance_error < 1e-9);
  mni_solution1d_free(ctx, &sol);
  mn_ctx_destroy(&ctx);
}

static void test_finite_well_mixed_donor(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const double l[3] = {2e-6, 3e-6, 5e-6}, D[3] = {1e-12, 1e-12, 1e-12}, K[3] = {1, 1, 1};
  double kp = D[0] * K[0] / 10e-6, h_v = 1e-2; /* lag 17 s, depletion time h_v/kp = 1e5 s */
  fixture f;
  slab(&f, l, D, K, 1e5);
  f.pb.vehicle.is_infinite = false;
  f.pb.vehicle.film0_m = h_v;
  mni_solution1d sol;
  assert_int_equal(mni_solve1d(ctx, &f.pb, &sol), MN_OK);
  double M0 = sol.dose_kg_per_m2;
  for (size_t k = 4; k < N_OUT; k++) /* t >= 1e4 s >> lag */
    MN_EXPECT_NEAR(sol.amount[MN_COMP_VEHICLE][k] / M0, exp(-kp * sol.t_s[k] / h_v), 2e-3, 0);
  assert_true(sol.mass_balance_error < 1e-9);
  mni_solution1d_free(ctx, &sol);
  mn_ctx_destroy(&ctx);
}

static void test_first_order_clearance(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const double l[3] = {20e-6, 80e-6, 200e-6}, D[3] = {1e-12, 1e-11, 1e-11}, K[3] = {2, 1, 0.8};
  double k = 1e-3, t_wash = 600.0;
  fixture f;
  slab(&f, l, D, K, 4000.0);
  f.p.k_clear_per_s = k;
  f.pb.is_in_vivo = true;
  f.pb.capillary_top_m = 0.0;   /* clearance everywhere */
  f.pb.is_bottom_closed = true; /* nothing leaves but by clearance */
  f.pb.vehicle.is_infinite = false;
  f.pb.vehicle.wash_off_s = t_wash;
  mni_solution1d sol;
  assert_int_equal(mni_solve1d(ctx, &f.pb, &sol), MN_OK);
  size_t k0 = 0;
  while (sol.t_s[k0] < t_wash)
    k0++;
  double skin0 =
      sol.amount[MN_COMP_SC][k0] + sol.amount[MN_COMP_VE][k0] + sol.amount[MN_COMP_DERMIS][k0];
  assert_true(skin0 > 0);
  assert_true(sol.amount[MN_COMP_WASHED][k0] > 0);
  for (size_t q = k0 + 1; q < N_OUT; q++) {
    double skin =
        sol.amount[MN_COMP_SC][q] + sol.amount[MN_COMP_VE][q] + sol.amount[MN_COMP_DERMIS][q];
    MN_EXPECT_NEAR(skin / skin0, exp(-k * (sol.t_s[q] - t_wash)), 1e-6, 0);
  }
  assert_true(sol.mass_balance_error < 1e-9);
  mni_solution1d_free(ctx, &sol);
  mn_ctx_destroy(&ctx);
}

/* Error of Q at one lag time on grids refined 0..3 times: halving the cells divides the error
 * by 4 (second order in space). */
static void test_order_in_space(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const double l[3] = {10e-6, 20e-6, 70e-6}, D[3] = {1e-12, 1e-12, 1e-12}, K[3] = {1, 1, 1};
  double L = 100e-6, lag = L * L / (6 * D[0]);
  double err[4];
  for (int r = 0; r < 4; r++) {
    fixture f;
    slab(&f, l, D, K, lag);
    f.pb.rtol = 1e-11;
    f.pb.grid.h_first_m = 2e-6;
    f.pb.grid.h_first_tissue_m = 2e-6;
    f.pb.grid.h_max_m = 10e-6;
    f.pb.grid.refine = r;
    mni_solution1d sol;
    assert_int_equal(mni_solve1d(ctx, &f.pb, &sol), MN_OK);
    err[r] = fabs(sol.amount[MN_COMP_ABSORBED][N_OUT - 1] - q_series(L, D[0], K[0], 1.0, lag));
    assert_true(sol.mass_balance_error < 1e-9);
    mni_solution1d_free(ctx, &sol);
  }
  for (int r = 1; r < 4; r++) {
    double order = log2(err[r - 1] / err[r]);
    print_message("space: refine %d error %.3e observed order %.2f\n", r, err[r], order);
    assert_true(order > 1.8 && order < 2.3);
  }
  mn_ctx_destroy(&ctx);
}

/* Fixed time steps with implicit Euler (BDF order 1): halving the step halves the error
 * against an adaptive solution at tolerance 1e-11 on the same grid. */
static void test_order_in_time(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const double l[3] = {10e-6, 20e-6, 70e-6}, D[3] = {1e-12, 1e-12, 1e-12}, K[3] = {1, 1, 1};
  double T = 100e-6 * 100e-6 / (6 * D[0]); /* one lag time: still transient */
  fixture f;
  slab(&f, l, D, K, T);
  f.pb.grid.h_first_m = 2e-6;
  f.pb.grid.h_first_tissue_m = 2e-6;
  f.pb.grid.h_max_m = 10e-6;
  f.pb.rtol = 1e-11;
  mni_solution1d ref;
  assert_int_equal(mni_solve1d(ctx, &f.pb, &ref), MN_OK);
  double q_ref = ref.amount[MN_COMP_ABSORBED][N_OUT - 1];
  mni_solution1d_free(ctx, &ref);
  double err[3];
  for (int r = 0; r < 3; r++) {
    f.pb.max_order = 1;
    f.pb.fixed_step_s = T / (50.0 * (1 << r));
    mni_solution1d sol;
    assert_int_equal(mni_solve1d(ctx, &f.pb, &sol), MN_OK);
    err[r] = fabs(sol.amount[MN_COMP_ABSORBED][N_OUT - 1] - q_ref);
    assert_true(sol.mass_balance_error < 1e-9);
    mni_solution1d_free(ctx, &sol);
  }
  for (int r = 1; r < 3; r++) {
    double order = log2(err[r - 1] / err[r]);
    print_message("time: implicit Euler dt/%d error %.3e observed order %.2f\n", 1 << r, err[r],
                  order);
    assert_true(order > 0.9 && order < 1.1);
  }
  /* Adaptive BDF (orders 1-5): the error follows the tolerance asked for. */
  f.pb.max_order = 0;
  f.pb.fixed_step_s = 0;
  double prev = 0;
  for (int r = 0; r < 4; r++) {
    f.pb.rtol = pow(10.0, -4 - r);
    mni_solution1d sol;
    assert_int_equal(mni_solve1d(ctx, &f.pb, &sol), MN_OK);
    double e = fabs(sol.amount[MN_COMP_ABSORBED][N_OUT - 1] - q_ref) / q_ref;
    print_message("time: adaptive rtol %.0e relative error %.3e (%ld steps)\n", f.pb.rtol, e,
                  sol.n_steps);
    assert_true(e < 10 * f.pb.rtol);
    if (r > 0) assert_true(e < prev);
    prev = e;
    mni_solution1d_free(ctx, &sol);
  }
  mn_ctx_destroy(&ctx);
}

static void test_grid_faces_on_interfaces(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const double iface[4] = {17e-6, 67e-6, 217e-6, 1067e-6};
  mni_grid_opts o = mni_grid_opts_default();
  o.fine_until_m = 17e-6;
  mni_grid1d g;
  assert_int_equal(mni_grid1d_build(ctx, iface, 4, &o, &g), MN_OK);
  size_t hit = 0;
  for (size_t i = 0; i <= g.n; i++)
    for (int k = 0; k < 4; k++)
      hit += g.face_m[i] == iface[k];
  assert_int_equal(hit, 4);
  assert_true(g.h_m[0] < 1e-6); /* sub-µm at the surface */
  for (size_t i = 1; i < g.n; i++) {
    bool on_interface = false;
    for (int k = 0; k < 4; k++)
      on_interface = on_interface || g.face_m[i] == iface[k];
    if (on_interface) /* cells may jump in size across an interface, never inside a layer */
      continue;
    double ratio = g.h_m[i] / g.h_m[i - 1];
    assert_true(ratio <= 1.2 + 1e-9 && ratio >= 1 / 1.2 - 1e-9);
    assert_true(g.h_m[i] <= o.h_max_m * (1 + 1e-9));
  }
  mni_grid1d_free(ctx, &g);
  /* Interfaces must increase. */
  const double bad[2] = {20e-6, 10e-6};
  assert_int_equal(mni_grid1d_build(ctx, bad, 2, &o, &g), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "break 2 at 1e-05 m"));
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_membrane_steady_flux_lag_and_series),
      cmocka_unit_test(test_deposit_contact_is_grid_independent),
      cmocka_unit_test(test_layered_membrane),
      cmocka_unit_test(test_erfc_profile),
      cmocka_unit_test(test_finite_well_mixed_donor),
      cmocka_unit_test(test_first_order_clearance),
      cmocka_unit_test(test_order_in_space),
      cmocka_unit_test(test_order_in_time),
      cmocka_unit_test(test_grid_faces_on_interfaces),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
