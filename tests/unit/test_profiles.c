/* Concentration-depth profiles and fields: kept at the chosen times by every model, they hold
 * exactly the amount the stage's accounting puts in the skin, the fields average to the
 * profiles, and in the 1D model taking them leaves the solution unchanged to the bit. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench_cases.h"
#include "mn_test.h"
#include "mnsim/absorption.h"
#include "absorption/absorb_int.h"

static mn_absorption *run(mn_ctx *ctx, const mn_scenario *s, const mn_puncture_stats *p)
{
  mn_layer_stack L;
  assert_int_equal(mn_skin_build(ctx, &s->skin, &L), MN_OK);
  mn_absorption *a = NULL;
  /* the 3d model takes a channel list (the stage places none): random, of p's statistics */
  mni_channel_list list;
  assert_int_equal(mni_bench_channel_list(ctx, p, s->seed, &list), MN_OK);
  mn_status st = mni_absorption_run_list(ctx, s, &L, p, &list, &a);
  mni_bench_channel_list_free(ctx, &list);
  if (st != MN_OK) print_error("%s\n", mn_ctx_errmsg(ctx));
  assert_int_equal(st, MN_OK);
  return a;
}

/* The last profile (taken at the end of the run, also the last output time) integrates over
 * depth to the amount the accounting puts in the stratum corneum, epidermis and dermis. */
static void expect_profile_holds_tissue_amount(const mn_absorption *a, int is_intact)
{
  const double *t_s, *edges, *conc, *t_out, *flux;
  const double *const *amount;
  size_t n_z;
  size_t n_t = mn_absorption_profiles(a, is_intact, &t_s, &edges, &n_z, &conc);
  size_t n_out = mn_absorption_series(a, is_intact, &t_out, &flux, &amount);
  assert_true(n_t >= 1 && n_z > 10);
  assert_true(t_s[n_t - 1] == t_out[n_out - 1]);
  double in_profile = 0.0;
  for (size_t i = 0; i < n_z; i++) {
    assert_true(edges[i + 1] > edges[i]);
    assert_true(isfinite(conc[(n_t - 1) * n_z + i]));
    in_profile += conc[(n_t - 1) * n_z + i] * (edges[i + 1] - edges[i]);
  }
  double in_tissue = amount[MN_COMP_SC][n_out - 1] + amount[MN_COMP_VE][n_out - 1] +
                     amount[MN_COMP_DERMIS][n_out - 1];
  print_message("%s %s: in the profile %.9g, in the accounting %.9g kg/m2\n",
                mn_model_name(mn_absorption_summary_get(a)->model),
                is_intact ? "intact" : "treated", in_profile, in_tissue);
  assert_true(in_tissue > 0.0);
  MN_EXPECT_NEAR(in_profile, in_tissue, 1e-10, 0.0);
}

/* Every depth row of the field averages (over the area) to the profile. */
static void expect_field_averages_to_profile(const mn_absorption *a)
{
  const mni_field_store *f = mni_absorption_field(a);
  assert_non_null(f);
  const double *t_s, *edges, *conc;
  size_t n_z;
  size_t n_t = mn_absorption_profiles(a, 0, &t_s, &edges, &n_z, &conc);
  assert_int_equal(f->n_t, n_t);
  assert_int_equal(f->n_z, n_z);
  double x_end = f->x_edges_m[f->n_x], y_end = f->is_3d ? f->y_edges_m[f->n_y] : 0.0;
  for (size_t k = 0; k < n_t; k++) {
    assert_true(f->t_s[k] == t_s[k]);
    for (size_t kz = 0; kz < n_z; kz++) {
      double sum = 0.0;
      for (size_t jy = 0; jy < f->n_y; jy++)
        for (size_t ix = 0; ix < f->n_x; ix++) {
          double c = f->conc_kg_per_m3[((k * n_z + kz) * f->n_y + jy) * f->n_x + ix];
          assert_true(isfinite(c));
          double x0 = f->x_edges_m[ix], x1 = f->x_edges_m[ix + 1];
          sum += c * (f->is_3d ? (x1 - x0) * (f->y_edges_m[jy + 1] - f->y_edges_m[jy])
                               : x1 * x1 - x0 * x0);
        }
      double mean = sum / (f->is_3d ? x_end * y_end : x_end * x_end);
      MN_EXPECT_NEAR(mean, conc[k * n_z + kz], 1e-12, 1e-300);
    }
  }
}

static void test_1d_profiles_change_nothing(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  s.simulation.model = MN_MODEL_1D;
  s.simulation.duration_s = mn_h_to_s(8.0);
  mn_puncture_stats p = mn_test_channel_stats(150.0, 120.0, 300.0, 0.0);
  mn_absorption *chosen = run(ctx, &s, &p);
  /* the default times: 1/96, 1/24, 1/6 and all of the duration */
  const double *t_s;
  assert_int_equal(mn_absorption_profiles(chosen, 0, &t_s, NULL, NULL, NULL), 4);
  MN_EXPECT_NEAR(t_s[0], mn_h_to_s(8.0) / 96, 1e-15, 0.0);
  MN_EXPECT_NEAR(t_s[3], mn_h_to_s(8.0), 1e-15, 0.0);
  expect_profile_holds_tissue_amount(chosen, 0);
  expect_profile_holds_tissue_amount(chosen, 1);
  assert_null(mni_absorption_field(chosen)); /* a 1d run has no field */

  /* Other times, between the output times: the curves stay the same to the bit. */
  s.simulation.n_profile_times = 3;
  s.simulation.profile_times_s[0] = 1234.5;
  s.simulation.profile_times_s[1] = 7777.0;
  s.simulation.profile_times_s[2] = mn_h_to_s(8.0);
  mn_absorption *other = run(ctx, &s, &p);
  assert_int_equal(mn_absorption_profiles(other, 1, &t_s, NULL, NULL, NULL), 3);
  assert_true(t_s[0] == 1234.5);
  for (int is_intact = 0; is_intact < 2; is_intact++) {
    const double *t1, *t2, *f1, *f2;
    const double *const *a1;
    const double *const *a2;
    size_t n = mn_absorption_series(chosen, is_intact, &t1, &f1, &a1);
    assert_int_equal(mn_absorption_series(other, is_intact, &t2, &f2, &a2), n);
    for (size_t k = 0; k < n; k++)
      for (int c = 0; c < MN_N_COMP; c++)
        assert_true(a1[c][k] == a2[c][k]);
  }
  mn_absorption_destroy(&chosen);
  mn_absorption_destroy(&other);
  mn_ctx_destroy(&ctx);
}

static void test_axisymmetric_profiles_and_field(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  s.simulation.model = MN_MODEL_AXISYMMETRIC;
  s.simulation.duration_s = mn_h_to_s(4.0);
  /* one depth (no spread): the cell of the profile is the whole treated run */
  mn_puncture_stats p = mn_test_channel_stats(150.0, 120.0, 300.0, 0.0);
  mn_absorption *a = run(ctx, &s, &p);
  expect_profile_holds_tissue_amount(a, 0);
  expect_profile_holds_tissue_amount(a, 1);
  expect_field_averages_to_profile(a);
  const mni_field_store *f = mni_absorption_field(a);
  assert_false(f->is_3d);
  /* early on the channel is the richest place: the concentration at its wall's inner side
   * beats that far out in the cell, at mid-depth of the channel */
  size_t kz = 0;
  while (0.5 * (f->z_edges_m[kz] + f->z_edges_m[kz + 1]) < mn_um_to_m(150.0))
    kz++;
  double near = f->conc_kg_per_m3[kz * f->n_x], far = f->conc_kg_per_m3[kz * f->n_x + f->n_x - 1];
  print_message("axisymmetric, %g min, 150 um deep: %.3g mg/mL in the channel, %.3g at the "
                "cell's edge\n",
                f->t_s[0] / 60, near, far);
  assert_true(near > 2.0 * far);
  mn_absorption_destroy(&a);
  mn_ctx_destroy(&ctx);
}

static void test_3d_profiles_and_field(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  s.simulation.model = MN_MODEL_3D;
  s.simulation.tolerance = 1e-3;
  s.simulation.duration_s = mn_h_to_s(0.25);
  s.simulation.output_points = 5;
  s.simulation.n_profile_times = 2;
  s.simulation.profile_times_s[0] = 60.0;
  s.simulation.profile_times_s[1] = mn_h_to_s(0.25);
  mn_puncture_stats p = mn_test_channel_stats(2000.0, 200.0, 200.0, 30.0); /* wide: few lateral cells */
  mn_absorption *a = run(ctx, &s, &p);
  expect_profile_holds_tissue_amount(a, 0);
  expect_field_averages_to_profile(a);
  const mni_field_store *f = mni_absorption_field(a);
  assert_true(f->is_3d);
  assert_int_equal(f->n_t, 2);
  mn_absorption_destroy(&a);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_1d_profiles_change_nothing),
      cmocka_unit_test(test_axisymmetric_profiles_and_field),
      cmocka_unit_test(test_3d_profiles_and_field),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
