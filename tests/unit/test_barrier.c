/* The skin barrier as measured (issue 13): what follows from the model, on whole runs of the
 * default scenario (caffeine serum, 1.5 mm roller on the cheek) with its compound, vehicle or
 * state changed. Every run's mass balance is checked below 1e-9.
 *
 *   - the default: intact absorbed below 20 %, enhancement at least 5;
 *   - hydrophilic small molecules gain far more from the roller than a lipophilic one;
 *   - a salt barely crosses intact skin and crosses treated skin; a base crosses intact skin
 *     better where more of it is un-ionised;
 *   - a hyaluronic acid of 50 kDa or more crosses only through channels;
 *   - hydration auto lies between the partially and the fully hydrated SC;
 *   - the vehicles: ethanol and acetone dry within minutes and load the SC; a non-volatile film
 *     stays wet; a dried deposit delivers less as less of it touches the SC;
 *   - the open pores: smaller than the needle openings; Renkin's hindrance. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mn_test.h"
#include "mnsim/run.h"
#include "transport/transport_int.h"

static void set(mn_ctx *ctx, mn_scenario *s, const char *assignment)
{
  if (mn_scenario_set(ctx, s, assignment) != MN_OK)
    fail_msg("%s: %s", assignment, mn_ctx_errmsg(ctx));
}

/* The default scenario on the 1d model, without the healing stage. */
static mn_scenario base(mn_ctx *ctx)
{
  mn_scenario s = mn_scenario_default();
  set(ctx, &s, "simulation.model=1d");
  set(ctx, &s, "course.sessions=0");
  return s;
}

static mn_absorption_summary run(mn_ctx *ctx, const mn_scenario *s)
{
  mn_result *r = NULL;
  if (mn_run(ctx, s, &r) != MN_OK) fail_msg("%s", mn_ctx_errmsg(ctx));
  mn_absorption_summary sm = *mn_absorption_summary_get(mn_result_absorption(r));
  assert_true(sm.mass_balance_error < 1e-9);
  mn_result_destroy(&r);
  return sm;
}

static mn_absorption_summary run_compound(mn_ctx *ctx, const char *compound)
{
  mn_scenario s = base(ctx);
  char buf[96];
  snprintf(buf, sizeof buf, "formulation.compound=%s", compound);
  set(ctx, &s, buf);
  return run(ctx, &s);
}

/* issue 13 "Must show": the default run, intact absorbed below 20 %, ER at least 5. */
static void test_default_run(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  set(ctx, &s, "course.sessions=0");
  mn_absorption_summary a = run(ctx, &s);
  print_message("default: intact %.4g %%, treated %.4g %%, ER %.4g (%s)\n",
                a.intact_absorbed_percent, a.absorbed_percent, a.enhancement_ratio,
                mn_model_name(a.model));
  assert_true(a.intact_absorbed_percent < 20.0);
  assert_true(a.enhancement_ratio >= 5.0);
  assert_false(a.enhancement_is_lower_bound);
  mn_ctx_destroy(&ctx);
}

/* Hydrophilic small molecules cross intact skin poorly and the channels well; testosterone
 * already crosses intact skin, so it gains little. */
static void test_hydrophilic_gain_far_more(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_absorption_summary lipo = run_compound(ctx, "testosterone");
  const char *hydro[] = {"caffeine", "niacinamide", "tranexamic_acid"};
  print_message("ER testosterone %.3g\n", lipo.enhancement_ratio);
  assert_true(lipo.enhancement_ratio < 3.0);
  for (int i = 0; i < 3; i++) {
    mn_absorption_summary h = run_compound(ctx, hydro[i]);
    print_message("ER %s %.3g (intact %.3g %%, treated %.3g %%)\n", hydro[i], h.enhancement_ratio,
                  h.intact_absorbed_percent, h.absorbed_percent);
    assert_true(h.enhancement_ratio > 3.0 * lipo.enhancement_ratio);
  }
  mn_ctx_destroy(&ctx);
}

/* Naltrexone (a base of pKa 8.13, formulated as its hydrochloride) is 99.8 % ionised at the
 * product's pH 5.5: intact skin lets almost nothing through (Wermeling et al. 2008 found none
 * in plasma without microneedles), the channels let it in as freely as any small solute.
 * Treated as neutral, or raised to pH 9.5 where most of it is un-ionised, it crosses intact
 * skin far better. */
static void test_salt_needs_channels(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = base(ctx);
  set(ctx, &s, "formulation.compound=naltrexone");
  set(ctx, &s, "formulation.concentration_mg_ml=20");
  mn_absorption_summary salt = run(ctx, &s);
  set(ctx, &s, "formulation.ion_type=neutral");
  mn_absorption_summary neutral = run(ctx, &s);
  set(ctx, &s, "formulation.ion_type=compound");
  set(ctx, &s, "formulation.ph=9.5");
  mn_absorption_summary basic = run(ctx, &s);
  print_message("naltrexone at pH 5.5: intact %.3g %%, treated %.3g %%, ER %.3g; as if neutral: "
                "intact %.3g %%; at pH 9.5: intact %.3g %%\n",
                salt.intact_absorbed_percent, salt.absorbed_percent, salt.enhancement_ratio,
                neutral.intact_absorbed_percent, basic.intact_absorbed_percent);
  assert_true(salt.intact_absorbed_percent < 0.1);
  assert_true(salt.absorbed_percent > 10.0);
  assert_true(salt.enhancement_ratio > 100.0);
  assert_true(neutral.intact_absorbed_percent > 10.0 * salt.intact_absorbed_percent);
  assert_true(basic.intact_absorbed_percent > 5.0 * salt.intact_absorbed_percent);
  mn_compound_props p;
  assert_int_equal(mn_compound_props_derive_scenario(ctx, &s, &p), MN_OK);
  MN_EXPECT_NEAR(p.unionised_frac_sc, 1.0 / (1.0 + pow(10.0, 8.13 - 9.5)), 1e-12, 0);
  MN_EXPECT_NEAR(p.unionised_frac_body, 1.0 / (1.0 + pow(10.0, 8.13 - 7.4)), 1e-12, 0);
  mn_ctx_destroy(&ctx);
}

/* Hyaluronic acid of 50 kDa and more: nothing through intact skin, some through the channels,
 * hindered (Renkin) by its size in the open pore but only slightly (radius nm, pore tens of
 * µm). */
static void test_hyaluronic_acid_only_through_channels(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const char *ha[] = {"hyaluronic_acid_small", "hyaluronic_acid_large"};
  for (int i = 0; i < 2; i++) {
    mn_absorption_summary a = run_compound(ctx, ha[i]);
    print_message("%s: intact %.3g %%, treated %.3g %%\n", ha[i], a.intact_absorbed_percent,
                  a.absorbed_percent);
    assert_true(a.intact_absorbed_percent < 1e-6);
    assert_true(a.enhancement_is_lower_bound);
    assert_true(a.absorbed_percent > 0.01);
  }
  mn_ctx_destroy(&ctx);
}

/* Renkin: 1 for a point solute, 0 at the pore's size, (1-l)^2 (1 - 2.104 l + ...) between. */
static void test_renkin(void **state)
{
  (void)state;
  MN_EXPECT_NEAR(mni_renkin_hindrance(1e-12, 35e-6), 1.0, 1e-6, 0);
  assert_true(mni_renkin_hindrance(35e-6, 35e-6) == 0.0);
  double l = 0.2, H = (1 - l) * (1 - l) * (1 - 2.104 * l + 2.09 * l * l * l - 0.95 * pow(l, 5));
  MN_EXPECT_NEAR(mni_renkin_hindrance(0.2e-6, 1e-6), H, 1e-12, 0);
  assert_true(mni_renkin_hindrance(NAN, 1e-6) == 1.0);
}

/* Hydration auto: the serum's water keeps the SC fully hydrated until it dries at 0.9 h, then
 * the SC relaxes to partial hydration within minutes: intact absorption between the two fixed
 * states, nearer the partial one; a slower relaxation lets more through. */
static void test_hydration_auto_between_states(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = base(ctx);
  double pct[3];
  const char *states[3] = {"skin.hydration=partial", "skin.hydration=auto",
                           "skin.hydration=full"};
  for (int i = 0; i < 3; i++) {
    set(ctx, &s, states[i]);
    pct[i] = run(ctx, &s).intact_absorbed_percent;
  }
  set(ctx, &s, "skin.hydration=auto");
  set(ctx, &s, "skin.hydration_relax_h=2");
  double slow = run(ctx, &s).intact_absorbed_percent;
  print_message("caffeine intact: partial %.4g %%, auto %.4g %% (relaxing over 2 h: %.4g %%), "
                "full %.4g %%\n",
                pct[0], pct[1], slow, pct[2]);
  assert_true(pct[0] < pct[1] && pct[1] < pct[2]);
  assert_true(slow > pct[1]);
  mn_compound_props p;
  assert_int_equal(mn_compound_props_derive_scenario(ctx, &s, &p), MN_OK);
  assert_int_equal(p.hydration_state, MN_HYDRATION_AUTO);
  MN_EXPECT_NEAR(p.hydration_full_until_s, 0.9 * 3600.0, 1e-9, 0);
  MN_EXPECT_NEAR(mni_hydration_weight(&p, 0.5 * 3600.0), 1.0, 0, 0);
  MN_EXPECT_NEAR(mni_hydration_weight(&p, 2.9 * 3600.0), exp(-1.0), 1e-12, 0);
  MN_EXPECT_NEAR(mni_hydration_D_factor(&p, 0.0), p.sc_kp_full_over_partial, 1e-12, 0);
  assert_true(p.sc_kp_full_over_partial > 2.0); /* caffeine: about 3x */
  /* occluded: full for the whole run, the SC swollen */
  set(ctx, &s, "treatment.occluded=true");
  assert_int_equal(mn_compound_props_derive_scenario(ctx, &s, &p), MN_OK);
  assert_int_equal(p.hydration_state, MN_HYDRATION_FULL);
  MN_EXPECT_NEAR(p.sc_thickness_factor, 43.4 / 13.4, 1e-12, 0);
  mn_ctx_destroy(&ctx);
}

/* The vehicles: their volatile fraction and drying, and where they leave the active. */
static void test_vehicles(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const char *names[] = {"water", "ethanol", "acetone", "deposit", "nonvolatile"};
  mn_absorption_summary a[5];
  for (int i = 0; i < 5; i++) {
    mn_scenario s = base(ctx);
    char buf[64];
    snprintf(buf, sizeof buf, "formulation.vehicle=%s", names[i]);
    set(ctx, &s, buf);
    a[i] = run(ctx, &s);
    print_message("%-11s dry at %8.3g h: intact %.4g %%, treated %.4g %%\n", names[i],
                  mn_s_to_h(a[i].dry_time_s), a[i].intact_absorbed_percent, a[i].absorbed_percent);
  }
  MN_EXPECT_NEAR(mn_s_to_h(a[0].dry_time_s), 0.9, 1e-12, 0); /* 9 µL/cm² at 10 µL/cm²/h */
  /* Kasting & Miller at 0.165 m/s into dry air: ethanol about 5 min, acetone about 1 min */
  assert_true(a[1].dry_time_s > 120 && a[1].dry_time_s < 600);
  assert_true(a[2].dry_time_s > 30 && a[2].dry_time_s < 150);
  assert_true(a[3].dry_time_s == 0.0);
  assert_true(isinf(a[4].dry_time_s));
  /* A solvent or a dry deposit loads the SC at once: more crosses intact skin than from the
   * water serum, whose active must first partition in from a film. */
  assert_true(a[3].intact_absorbed_percent > a[0].intact_absorbed_percent);
  assert_true(a[1].intact_absorbed_percent > a[0].intact_absorbed_percent);
  /* A dry deposit delivers through a channel only while wet: never. The treated skin takes
   * little more than intact skin; a film that stays wet feeds the channels for the day. */
  assert_true(a[3].absorbed_percent < 3.0 * a[3].intact_absorbed_percent);
  assert_true(a[4].absorbed_percent > 10.0 * a[3].absorbed_percent);
  mn_ctx_destroy(&ctx);
}

/* A dried deposit touches part of the SC: the less it touches, and the slower it dissolves,
 * the less crosses; full contact is the finite-dose calculator's saturated surface. */
static void test_deposit_contact_sensitivity(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = base(ctx);
  set(ctx, &s, "formulation.vehicle=deposit");
  set(ctx, &s, "formulation.concentration_mg_ml=40"); /* 400 µg/cm²: the deposit outlasts 24 h */
  const char *fracs[] = {"0.1", "0.5", "1"};
  double pct[3];
  for (int i = 0; i < 3; i++) {
    char buf[64];
    snprintf(buf, sizeof buf, "formulation.deposit_contact_fraction=%s", fracs[i]);
    set(ctx, &s, buf);
    pct[i] = run(ctx, &s).intact_absorbed_percent;
  }
  set(ctx, &s, "formulation.deposit_contact_fraction=1");
  set(ctx, &s, "formulation.deposit_dissolution_cm_h=1e-4");
  double slow = run(ctx, &s).intact_absorbed_percent;
  print_message("caffeine deposit, intact 24 h: contact 0.1 %.4g %%, 0.5 %.4g %%, 1 %.4g %%; "
                "full contact dissolving at 1e-4 cm/h %.4g %%\n",
                pct[0], pct[1], pct[2], slow);
  assert_true(pct[0] < pct[1] && pct[1] < pct[2]);
  assert_true(slow < pct[2]);
  mn_ctx_destroy(&ctx);
}

/* The open pore is the needle opening scaled by 0.505 (Kalluri 2011): the treated skin takes
 * less than with the needles' full openings, but still far more than intact skin. */
static void test_open_pores(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = base(ctx);
  set(ctx, &s, "formulation.infinite_dose=true");
  set(ctx, &s, "treatment.occluded=true");
  set(ctx, &s, "simulation.duration_h=2");
  mn_result *r = NULL;
  assert_int_equal(mn_run(ctx, &s, &r), MN_OK);
  const mn_puncture_stats *st = mn_channel_set_stats(mn_result_channels(r));
  const mn_absorption *a = mn_result_absorption(r);
  const mn_compound_props *p = mn_absorption_props(a);
  print_message("openings %.3g %% of the surface, hindrance %.6f\n", 100 * st->area_fraction,
                p->channel_hindrance);
  assert_true(p->channel_hindrance > 0.99 && p->channel_hindrance < 1.0);
  mn_result_destroy(&r);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_default_run),
      cmocka_unit_test(test_hydrophilic_gain_far_more),
      cmocka_unit_test(test_salt_needs_channels),
      cmocka_unit_test(test_hyaluronic_acid_only_through_channels),
      cmocka_unit_test(test_renkin),
      cmocka_unit_test(test_hydration_auto_between_states),
      cmocka_unit_test(test_vehicles),
      cmocka_unit_test(test_deposit_contact_sensitivity),
      cmocka_unit_test(test_open_pores),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
