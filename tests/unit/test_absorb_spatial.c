/* The absorption stage on the spatial models: the axisymmetric cell with the stage's physics
 * (vehicle, closure, clearance) closes its mass balance, reduces to the intact 1D run as the
 * channels vanish, differs from the 1D two-pathway model where the flow around a channel
 * matters, and auto says which model ran and why. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/core_int.h"
#include "mn_test.h"
#include "mnsim/absorption.h"
#include "absorption/absorb_int.h"
#include "numerics/lod3d_int.h"

static const char *compound = "caffeine";

static double tolerance = 1e-4;

static const mn_absorption_summary *run(mn_ctx *ctx, mn_model model, const mn_puncture_stats *p,
                                        double hours, mn_absorption **a)
{
  mn_scenario s = mn_scenario_default();
  s.simulation.tolerance = tolerance;
  snprintf(s.formulation.compound, sizeof s.formulation.compound, "%s", compound);
  s.simulation.model = model;
  s.simulation.duration_s = mn_h_to_s(hours);
  mn_layer_stack L;
  assert_int_equal(mn_skin_build(ctx, &s.skin, &L), MN_OK);
  mn_status st = mn_absorption_run(ctx, &s, &L, p, a);
  if (st != MN_OK) print_error("%s\n", mn_ctx_errmsg(ctx));
  assert_int_equal(st, MN_OK);
  return mn_absorption_summary_get(*a);
}

static void test_axisym_stage_balance(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  /* ascorbic acid: a poor permeant of intact skin (Potts-Guy kp 7.5e-6 cm/h) */
  compound = "ascorbic_acid";
  mn_puncture_stats p = mn_test_channel_stats(200.0, 70.0, 600.0, 60.0);
  mn_absorption *a1 = NULL, *ax = NULL;
  const mn_absorption_summary *s1 = run(ctx, MN_MODEL_1D, &p, 2.0, &a1);
  const mn_absorption_summary *sx = run(ctx, MN_MODEL_AXISYMMETRIC, &p, 2.0, &ax);
  print_message("2 h absorbed: intact %.4g %%, 1d two-pathway %.4g %%, axisymmetric %.4g %%; "
                "balance %.2g\n",
                sx->intact_absorbed_percent, s1->absorbed_percent, sx->absorbed_percent,
                sx->mass_balance_error);
  assert_int_equal(sx->model, MN_MODEL_AXISYMMETRIC);
  assert_int_equal(s1->model, MN_MODEL_1D);
  assert_true(sx->mass_balance_error < 1e-9);
  assert_true(sx->absorbed_percent > 3.0 * sx->intact_absorbed_percent);
  MN_EXPECT_NEAR(sx->intact_absorbed_percent, s1->intact_absorbed_percent, 1e-12, 0.0);
  /* the curve is monotone and ends at the summary's number */
  const double *t, *flux;
  const double *const *amount;
  size_t n = mn_absorption_series(ax, 0, &t, &flux, &amount);
  for (size_t k = 1; k < n; k++)
    assert_true(amount[MN_COMP_ABSORBED][k] >= amount[MN_COMP_ABSORBED][k - 1] - 1e-18);
  MN_EXPECT_NEAR(100.0 * amount[MN_COMP_ABSORBED][n - 1] / sx->dose_kg_per_m2, sx->absorbed_percent,
                 1e-12, 0.0);
  mn_absorption_destroy(&a1);
  mn_absorption_destroy(&ax);
  compound = "caffeine";
  mn_ctx_destroy(&ctx);
}

static void test_axisym_stage_vanishing_channels(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  /* channels 20 nm wide and 2 µm deep barely touch the stratum corneum (much narrower
   * cells, below 1 nm, leave CVODE's error test to round-off); testosterone, so that the intact
   * skin lets through an amount well above the solver's resolution in 6 h */
  mn_puncture_stats p = mn_test_channel_stats(200.0, 0.02, 2.0, 0.0);
  mn_absorption *ax = NULL;
  compound = "testosterone";
  const mn_absorption_summary *sx = run(ctx, MN_MODEL_AXISYMMETRIC, &p, 6.0, &ax);
  compound = "caffeine";
  print_message("6 h: intact %.6g %%, vanishing channels %.6g %%\n", sx->intact_absorbed_percent,
                sx->absorbed_percent);
  MN_EXPECT_NEAR(sx->absorbed_percent, sx->intact_absorbed_percent, 1e-2, 0.0);
  mn_absorption_destroy(&ax);
  mn_ctx_destroy(&ctx);
}

/* Shallow channels, early times: where the flow around a channel matters. The two models are
 * printed side by side (docs/model.md section 5 quotes them); both must balance. */
static void test_axisym_vs_1d_shallow(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  compound = "ascorbic_acid";
  mn_puncture_stats p = mn_test_channel_stats(200.0, 70.0, 150.0, 0.0);
  double hours[3] = {0.25, 1.0, 4.0};
  for (int q = 0; q < 3; q++) {
    mn_absorption *a1 = NULL, *ax = NULL;
    const mn_absorption_summary *s1 = run(ctx, MN_MODEL_1D, &p, hours[q], &a1);
    const mn_absorption_summary *sx = run(ctx, MN_MODEL_AXISYMMETRIC, &p, hours[q], &ax);
    print_message("%.2f h, channels 150 um: absorbed 1d %.5g %%, axisymmetric %.5g %% "
                  "(penetrated %.5g %% vs %.5g %%)\n",
                  hours[q], s1->absorbed_percent, sx->absorbed_percent, s1->penetrated_percent,
                  sx->penetrated_percent);
    assert_true(sx->mass_balance_error < 1e-9 && s1->mass_balance_error < 1e-9);
    mn_absorption_destroy(&a1);
    mn_absorption_destroy(&ax);
  }
  compound = "caffeine";
  mn_ctx_destroy(&ctx);
}

/* Wash-off removes the film; a macromolecule that intact skin stops (D_sc = 0) still gets in
 * through the channels; an infinite dose keeps the balance. */
static void test_axisym_wash_off_and_blocked_skin(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_puncture_stats p = mn_test_channel_stats(200.0, 70.0, 500.0, 0.0);
  mn_scenario s = mn_scenario_default();
  snprintf(s.formulation.compound, sizeof s.formulation.compound, "%s", "niacinamide");
  s.simulation.model = MN_MODEL_AXISYMMETRIC;
  s.simulation.duration_s = mn_h_to_s(4.0);
  s.formulation.wash_off_s = mn_h_to_s(1.0);
  mn_layer_stack L;
  assert_int_equal(mn_skin_build(ctx, &s.skin, &L), MN_OK);
  mn_absorption *a = NULL;
  mn_status st = mn_absorption_run(ctx, &s, &L, &p, &a);
  if (st != MN_OK) print_error("%s\n", mn_ctx_errmsg(ctx));
  assert_int_equal(st, MN_OK);
  const double *t, *flux;
  const double *const *amount;
  size_t n = mn_absorption_series(a, 0, &t, &flux, &amount);
  assert_true(amount[MN_COMP_WASHED][n - 1] > 0);
  assert_true(amount[MN_COMP_VEHICLE][n - 1] == 0 && amount[MN_COMP_DEPOSIT][n - 1] == 0);
  assert_true(mn_absorption_summary_get(a)->mass_balance_error < 1e-9);
  mn_absorption_destroy(&a);

  s.formulation.wash_off_s = (double)NAN; /* never (the scenario's NaN) */
  s.formulation.infinite_dose = true;
  assert_int_equal(mn_absorption_run(ctx, &s, &L, &p, &a), MN_OK);
  assert_true(mn_absorption_summary_get(a)->mass_balance_error < 1e-9);
  mn_absorption_destroy(&a);

  s.formulation.infinite_dose = false;
  snprintf(s.formulation.compound, sizeof s.formulation.compound, "%s", "hyaluronic_acid_large");
  st = mn_absorption_run(ctx, &s, &L, &p, &a);
  if (st != MN_OK) print_error("%s\n", mn_ctx_errmsg(ctx));
  assert_int_equal(st, MN_OK);
  const mn_absorption_summary *sm = mn_absorption_summary_get(a);
  print_message("large HA, 4 h: intact %.3g %%, axisymmetric %.3g %%, balance %.2g\n",
                sm->intact_absorbed_percent, sm->absorbed_percent, sm->mass_balance_error);
  assert_true(sm->absorbed_percent > sm->intact_absorbed_percent);
  assert_true(sm->mass_balance_error < 1e-9);
  mn_absorption_destroy(&a);
  mn_ctx_destroy(&ctx);
}

/* Intact skin: a 3D LOD patch built from the stage's problem (the same media, grid faces,
 * infinite dose) against the transport stage's own 1D solver (CVODE). */
static void test_3d_matches_1d_solver_on_intact_skin(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  s.formulation.infinite_dose = true;
  s.simulation.duration_s = mn_h_to_s(1.0);
  mn_layer_stack L;
  assert_int_equal(mn_skin_build(ctx, &s.skin, &L), MN_OK);
  mn_compound_props props;
  assert_int_equal(mn_compound_props_derive(ctx, &s.formulation, &props), MN_OK);
  double t_out[3] = {0.0, 1800.0, 3600.0};
  mni_problem1d pb;
  memset(&pb, 0, sizeof pb);
  pb.props = &props, pb.layers = &L, pb.is_in_vivo = true, pb.n_columns = 1;
  pb.bottom_m = L.top_m[MN_LAYER_DERMIS] + L.thickness_m[MN_LAYER_DERMIS];
  pb.capillary_top_m = L.top_m[MN_LAYER_DERMIS] + MNI_CAPILLARY_DEPTH_BELOW_DEJ_M;
  assert_int_equal(mni_vehicle_from_scenario(ctx, &s, &props, &pb.vehicle), MN_OK);
  pb.closure = mni_closure_from_scenario(&s, &pb.vehicle);
  pb.duration_s = 3600.0, pb.rtol = 1e-8, pb.grid = mni_grid_opts_default();
  pb.out_t_s = t_out, pb.n_out = 3;
  mni_solution1d one;
  assert_int_equal(mni_solve1d(ctx, &pb, &one), MN_OK);

  mni_skin_column col;
  mn_compartment comp[MNI_MAX_LAYERS];
  mni_absorb_column(&pb, &col, comp);
  mni_material mats[2 * MNI_MAX_LAYERS];
  double Dc[2 * MNI_MAX_LAYERS];
  mni_build_materials(&col, mats, Dc);
  mni_axis x, y, z;
  uint8_t *mat = NULL;
  assert_int_equal(mni_build_patch(ctx, &col, 40e-6, 40e-6, 10e-6, NULL, 0, &x, &y, &z, &mat),
                   MN_OK);
  mni_lod3d_spec sp = {0};
  sp.x = &x, sp.y = &y, sp.z = &z, sp.material = mat, sp.materials = mats;
  sp.n_materials = 2 * col.n_layers, sp.is_periodic_xy = true;
  sp.top = MNI_BC_DONOR, sp.bottom = MNI_BC_SINK;
  sp.donor_u = mni_vehicle_conc(&pb.vehicle, 0.0, 0.0, NULL) / pb.vehicle.K_vehicle;
  sp.dt_s = 0.5;
  mni_lod3d *l3 = NULL;
  assert_int_equal(mni_lod3d_create(ctx, &sp, &l3), MN_OK);
  assert_int_equal(mni_lod3d_step(l3, 7200), MN_OK);
  mni_spatial_tally t = mni_lod3d_tallies(l3);
  double A = 40e-6 * 40e-6;
  double in3 = (t.in_tissue_kg + t.cleared_kg + t.to_bottom_kg) / A;
  double in1 = one.amount[MN_COMP_SC][2] + one.amount[MN_COMP_VE][2] +
               one.amount[MN_COMP_DERMIS][2] + one.amount[MN_COMP_ABSORBED][2];
  print_message("intact skin, 1 h, infinite dose: taken up 3d %.6g, 1d %.6g kg/m2 (%.2g)\n", in3,
                in1, fabs(in3 - in1) / in1);
  MN_EXPECT_NEAR(in3, in1, 1e-3, 0.0);
  mni_lod3d_destroy(&l3);
  mn_free(ctx, mat, x.n * y.n * z.n);
  mni_axis_free(ctx, &x);
  mni_axis_free(ctx, &y);
  mni_axis_free(ctx, &z);
  mni_solution1d_free(ctx, &one);
  mn_ctx_destroy(&ctx);
}

static void test_auto_says_why(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_absorption *a = NULL;
  const mn_absorption_summary *s = run(ctx, MN_MODEL_AUTO, NULL, 2.0, &a);
  assert_int_equal(s->model, MN_MODEL_1D);
  assert_non_null(strstr(s->model_reason, "no channels"));
  mn_absorption_destroy(&a);
  mn_puncture_stats p = mn_test_channel_stats(200.0, 70.0, 600.0, 0.0);
  s = run(ctx, MN_MODEL_AUTO, &p, 2.0, &a);
  assert_int_equal(s->model, MN_MODEL_AXISYMMETRIC);
  assert_non_null(strstr(s->model_reason, "axisymmetric"));
  mn_absorption_destroy(&a);
  /* the rule is on the geometry only: openings touch below a cell radius of 1.5 channel radii
   * (area fraction 1 / 2.25), whatever the tolerance */
  mni_problem1d pb;
  memset(&pb, 0, sizeof pb);
  pb.n_columns = 2;
  pb.pore_radius_m = 35e-6;
  const char *why = NULL;
  for (int q = 0; q < 2; q++) {
    pb.rtol = q == 0 ? 1e-8 : 1e-1;
    pb.pore_density_per_m2 = 0.99 / (2.25 * MN_PI * pb.pore_radius_m * pb.pore_radius_m);
    assert_int_equal(mni_absorb_choose(&pb, &why), MN_MODEL_AXISYMMETRIC);
    assert_non_null(strstr(why, "1.5 channel radii"));
    assert_null(strstr(why, "above the tolerance"));
    pb.pore_density_per_m2 = 1.01 / (2.25 * MN_PI * pb.pore_radius_m * pb.pore_radius_m);
    assert_int_equal(mni_absorb_choose(&pb, &why), MN_MODEL_3D);
  }
  /* the summary JSON carries the reason */
  mn_scenario sc = mn_scenario_default();
  sc.simulation.duration_s = mn_h_to_s(1.0);
  mn_result *r = NULL;
  assert_int_equal(mn_run(ctx, &sc, &r), MN_OK);
  char *json = NULL;
  assert_int_equal(mn_result_summary_json(ctx, r, &json), MN_OK);
  assert_non_null(strstr(json, "\"model_reason\""));
  mn_string_free(ctx, json);
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
}

/* The stage never places channels of its own: the 3d model given only statistics fails and
 * says what it needs, whether asked for or chosen by auto (openings touching). */
static void test_3d_needs_the_channel_set(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  s.simulation.duration_s = mn_h_to_s(0.1);
  mn_layer_stack L;
  assert_int_equal(mn_skin_build(ctx, &s.skin, &L), MN_OK);
  mn_puncture_stats p = mn_test_channel_stats(200.0, 70.0, 500.0, 0.0);
  mn_absorption *a = NULL;
  s.simulation.model = MN_MODEL_3D;
  assert_int_equal(mn_absorption_run(ctx, &s, &L, &p, &a), MN_E_CONFIG);
  assert_null(a);
  print_message("%s\n", mn_ctx_errmsg(ctx));
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "simulation.model = 3d"));
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "channel set"));
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "mn_absorption_run_set"));
  s.simulation.model = MN_MODEL_AUTO;
  /* openings of 400 µm, open pores of 101 µm radius (0.505 of the opening): R 113 µm < 1.5 x
   * 101 µm; the openings overlap, their union covers 1 - e^-3.14 of the surface */
  p = mn_test_channel_stats(2500.0, 400.0, 500.0, 0.0);
  p.area_fraction = 1.0 - exp(-p.area_fraction);
  assert_int_equal(mn_absorption_run(ctx, &s, &L, &p, &a), MN_E_CONFIG);
  assert_null(a);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "simulation.model = auto"));
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "channels overlap"));
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_axisym_stage_balance),
      cmocka_unit_test(test_axisym_stage_vanishing_channels),
      cmocka_unit_test(test_axisym_vs_1d_shallow),
      cmocka_unit_test(test_axisym_wash_off_and_blocked_skin),
      cmocka_unit_test(test_3d_matches_1d_solver_on_intact_skin),
      cmocka_unit_test(test_auto_says_why),
      cmocka_unit_test(test_3d_needs_the_channel_set),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
