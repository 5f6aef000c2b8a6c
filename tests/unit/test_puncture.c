/* Puncture: densities of the patterns against the device formulas, the insertion model against
 * the published depth ratios, depth by site, merging and reproducibility. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mn_test.h"
#include "puncture/insertion_int.h"

/* The layer stack of a site of the compiled-in table (data/sites.yaml). */
static mn_layer_stack site_stack(const char *site)
{
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  strcpy(s.skin.site, site);
  mn_layer_stack L;
  assert_int_equal(mn_skin_build(ctx, &s.skin, &L), MN_OK);
  mn_ctx_destroy(&ctx);
  return L;
}

static mn_layer_stack cheek(void)
{
  return site_stack("cheek");
}
static mn_layer_stack eyelid(void)
{
  return site_stack("periorbital");
}
static mn_layer_stack upper_back(void)
{
  return site_stack("upper_back");
}

static mn_scenario scenario_of(const char *model, double length_mm, mn_pressure pressure)
{
  mn_scenario s = mn_scenario_default();
  strcpy(s.device.model, model);
  s.device.needle_length_m = length_mm * 1e-3;
  s.treatment.pressure = pressure;
  return s;
}

static mn_channel_set *run(mn_ctx *ctx, const mn_scenario *s, const mn_layer_stack *L)
{
  mn_channel_set *cs = NULL;
  mn_status st = mn_puncture_run(ctx, s, L, &cs);
  if (st != MN_OK) print_error("mn_puncture_run: %s: %s\n", mn_status_str(st), mn_ctx_errmsg(ctx));
  assert_int_equal(st, MN_OK);
  assert_non_null(cs);
  return cs;
}

/* Entries per area and pass on a large patch within 5 % of the device's formula, for every
 * pattern. */
static void check_density(const char *model, double formula_per_cm2)
{
  static const mn_pattern patterns[] = {MN_PATTERN_SINGLE, MN_PATTERN_CROSSHATCH,
                                        MN_PATTERN_RANDOM};
  mn_ctx *ctx = mn_test_ctx();
  mn_layer_stack L = cheek();
  for (size_t p = 0; p < 3; p++) {
    mn_scenario s = scenario_of(model, 1.0, MN_PRESSURE_MODERATE);
    s.treatment.area_m2 = mn_cm2_to_m2(200);
    s.treatment.passes = 4;
    s.treatment.pattern = patterns[p];
    mn_channel_set *cs = run(ctx, &s, &L);
    const mn_puncture_stats *st = mn_channel_set_stats(cs);
    MN_EXPECT_NEAR(st->punctures_per_m2_per_pass * 1e-4, formula_per_cm2, 0.05, 0);
    /* Counts scale from the patch to the treated area. */
    double side = mn_channel_set_patch_side_m(cs);
    MN_EXPECT_NEAR(st->channels,
                   (double)mn_channel_set_count(cs) * s.treatment.area_m2 / (side * side), 1e-12,
                   0);
    assert_true(st->channels <= st->punctures);
    mn_channel_set_destroy(&cs);
  }
  mn_ctx_destroy(&ctx);
}

static void test_roller_density_matches_formula(void **state)
{
  (void)state;
  /* N / (pi D W) = 192 / (pi x 2 cm x 2 cm) = 15.28 per cm^2 and pass. */
  check_density("generic_roller", 192.0 / (MN_PI * 2.0 * 2.0));
}

static void test_pen_density_matches_formula(void **state)
{
  (void)state;
  /* N f / (w v) = 12 x 116.7 Hz / (0.5 cm x 1 cm/s) = 2801 per cm^2 and pass. */
  check_density("pen_12", 12.0 * 116.7 / (0.5 * 1.0));
}

static void test_stamp_density_matches_formula(void **state)
{
  (void)state;
  /* N / (w h) = 35 / (0.5 cm x 0.7 cm) = 100 per cm^2 and stamp. */
  check_density("generic_stamp", 35.0 / (0.5 * 0.7));
}

/* Fifteen roller passes give about 250 holes per cm^2 (Doddaballapur 2009): 15 x 15.3 = 229
 * entries, nearly all distinct channels since the openings are far smaller than the spacing. */
static void test_fifteen_roller_passes_give_doddaballapurs_density(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_layer_stack L = cheek();
  mn_scenario s = scenario_of("generic_roller", 1.5, MN_PRESSURE_MODERATE);
  s.treatment.passes = 15;
  mn_channel_set *cs = run(ctx, &s, &L);
  MN_EXPECT_NEAR(mn_channel_set_stats(cs)->density_per_m2 * 1e-4, 250.0, 0.15, 0);
  mn_channel_set_destroy(&cs);
  mn_ctx_destroy(&ctx);
}

static void test_depth_grows_with_length_and_stays_below_it(void **state)
{
  (void)state;
  static const char *const models[] = {"clinic_roller", "generic_stamp", "pen_12"};
  mn_ctx *ctx = mn_test_ctx();
  mn_layer_stack L = cheek();
  for (size_t m = 0; m < 3; m++) {
    double prev_mean = 0.0;
    for (double len_mm = 0.25; len_mm <= 3.0 + 1e-9; len_mm += 0.25) {
      mn_scenario s = scenario_of(models[m], len_mm, MN_PRESSURE_MODERATE);
      s.treatment.passes = 2;
      mn_channel_set *cs = run(ctx, &s, &L);
      const mn_puncture_stats *st = mn_channel_set_stats(cs);
      assert_true(st->mean_depth_m > prev_mean);
      assert_true(st->max_depth_m < len_mm * 1e-3);
      prev_mean = st->mean_depth_m;
      mn_channel_set_destroy(&cs);
    }
  }
  mn_ctx_destroy(&ctx);
}

static void test_depth_grows_with_pressure_and_falls_with_bluntness(void **state)
{
  (void)state;
  static const char *const models[] = {"generic_roller", "generic_stamp", "pen_12"};
  mn_ctx *ctx = mn_test_ctx();
  for (size_t m = 0; m < 3; m++) {
    mn_scenario s = scenario_of(models[m], 1.0, MN_PRESSURE_LIGHT);
    mn_device d;
    assert_int_equal(mn_device_resolve(ctx, &s.device, &d), MN_OK);
    double prev = 0.0;
    for (int p = MN_PRESSURE_LIGHT; p <= MN_PRESSURE_FIRM; p++) {
      s.treatment.pressure = (mn_pressure)p;
      mn_insertion ins;
      assert_int_equal(mn_insertion_nominal(ctx, &d, &s.treatment, &ins), MN_OK);
      /* A pen's stroke sets its depth whatever the hand; a hand presses deeper the harder. */
      if (d.type == MN_DEVICE_PEN)
        assert_true(ins.depth_m >= prev);
      else
        assert_true(ins.depth_m > prev);
      assert_true(ins.depth_m < d.needle_length_m);
      prev = ins.depth_m;
    }
    /* An explicit force overrides the class: more force, deeper. */
    s.treatment.force_n = 1.0;
    mn_insertion hard, blunt;
    assert_int_equal(mn_insertion_nominal(ctx, &d, &s.treatment, &hard), MN_OK);
    assert_true(hard.depth_m >= prev && hard.depth_m < d.needle_length_m);
    if (d.type != MN_DEVICE_PEN) assert_true(hard.depth_m > prev);
    /* A blunter tip needs more force to pierce and dimples the skin more. */
    s.treatment.force_n = NAN;
    s.treatment.pressure = MN_PRESSURE_MODERATE;
    mn_insertion sharp;
    assert_int_equal(mn_insertion_nominal(ctx, &d, &s.treatment, &sharp), MN_OK);
    d.needle_tip_radius_m = 8e-6;
    assert_int_equal(mn_insertion_nominal(ctx, &d, &s.treatment, &blunt), MN_OK);
    assert_true(blunt.pierce_force_n > sharp.pierce_force_n);
    assert_true(blunt.depth_m < sharp.depth_m);
  }
  mn_ctx_destroy(&ctx);
}

/* The published depths reached (docs/model.md section 2, physics notes section 2). */
static const mn_puncture_stats *stats_at(mn_ctx *ctx, mn_channel_set **cs, const char *model,
                                         double len_mm, mn_pressure p, const mn_layer_stack *L)
{
  mn_scenario s = scenario_of(model, len_mm, p);
  *cs = run(ctx, &s, L);
  return mn_channel_set_stats(*cs);
}

static double mean_fraction_at(mn_ctx *ctx, const char *model, double len_mm, mn_pressure p,
                               const mn_layer_stack *L)
{
  mn_channel_set *cs = NULL;
  double f = stats_at(ctx, &cs, model, len_mm, p, L)->mean_depth_m / (len_mm * 1e-3);
  mn_channel_set_destroy(&cs);
  return f;
}

static double mean_fraction(mn_ctx *ctx, const char *model, double len_mm, mn_pressure p)
{
  mn_layer_stack L = cheek();
  return mean_fraction_at(ctx, model, len_mm, p, &L);
}

/* The papillary dermis, taken as the first 300 um of dermis below the epidermis: the capillary
 * loops of the dermal papillae reach 150 um below the dermal-epidermal junction (physics notes
 * section 4, Roberts/Anissimov group 2022) and the subpapillary plexus lies below them; 300 um
 * (twice the loops' depth) is an assumption, not a measurement. */
#define PAPILLARY_DERMIS_M 300e-6

/* Lima, Lima & Takano 2013 (192-needle rollers on live pig): 0.5 mm reaches the papillary
 * dermis only, 1.0-2.5 mm the reticular dermis. At moderate pressure on the cheek the mean
 * channel of the 0.5 mm roller ends in the papillary dermis, those of 1.0 mm and longer below
 * it. Not fitted: no parameter was set on this study. */
static void test_half_mm_roller_reaches_the_papillary_dermis(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_layer_stack L = cheek();
  double dej = L.top_m[MN_LAYER_DERMIS];
  mn_channel_set *cs = NULL;
  const mn_puncture_stats *st = stats_at(ctx, &cs, "home_roller", 0.5, MN_PRESSURE_MODERATE, &L);
  print_message("0.5 mm roller, moderate, cheek: mean %.0f um (dermis from %.0f um)\n",
                st->mean_depth_m * 1e6, dej * 1e6);
  assert_true(st->mean_depth_m > dej && st->mean_depth_m < dej + PAPILLARY_DERMIS_M);
  mn_channel_set_destroy(&cs);
  for (double len = 1.0; len <= 2.5 + 1e-9; len += 0.5) {
    st = stats_at(ctx, &cs, "clinic_roller", len, MN_PRESSURE_MODERATE, &L);
    assert_true(st->mean_depth_m > dej + PAPILLARY_DERMIS_M);
    mn_channel_set_destroy(&cs);
  }
  mn_ctx_destroy(&ctx);
}

/* Hand-held rollers reach 0.2-0.8 of the needle (physics notes: prior 0.5, range 0.2-0.8; Lam
 * 2008 < 0.5 pressed below 1 mm; Donnelly 0.77 firm) for 0.25-2 mm needles at moderate
 * pressure on facial and body sites. The periorbital skin is the exception, and is shown: its
 * epidermis + dermis of 0.65 mm dimples about 190 um before a needle pierces it, so a 0.25 mm
 * needle reaches about 0.12 of its length there. */
static void test_roller_fraction_within_the_published_range(void **state)
{
  (void)state;
  static const char *const sites[] = {"forehead", "temple",    "cheek",   "nose",       "upper_lip",
                                      "chin",     "neck",      "chest",   "upper_back", "abdomen",
                                      "buttock",  "upper_arm", "forearm", "thigh"};
  static const double lengths_mm[] = {0.25, 0.5, 1.0, 1.5, 2.0};
  mn_ctx *ctx = mn_test_ctx();
  for (size_t i = 0; i < sizeof sites / sizeof sites[0]; i++) {
    mn_layer_stack L = site_stack(sites[i]);
    for (size_t k = 0; k < sizeof lengths_mm / sizeof lengths_mm[0]; k++) {
      double f = mean_fraction_at(ctx, "clinic_roller", lengths_mm[k], MN_PRESSURE_MODERATE, &L);
      if (f < 0.2 || f > 0.8) print_error("%s %.2f mm: %.3f\n", sites[i], lengths_mm[k], f);
      assert_true(f > 0.2 && f < 0.8);
    }
  }
  mn_layer_stack eye = eyelid();
  double f_eye = mean_fraction_at(ctx, "clinic_roller", 0.25, MN_PRESSURE_MODERATE, &eye);
  print_message("0.25 mm roller on the periorbital skin: %.3f of the needle\n", f_eye);
  assert_true(f_eye < 0.2);
  assert_true(mean_fraction_at(ctx, "clinic_roller", 0.5, MN_PRESSURE_MODERATE, &eye) > 0.2);
  mn_ctx_destroy(&ctx);
}

/* Donnelly 2011: about 460 of 600 um (0.77) pressed firmly by hand into human skin in vivo: the
 * calibration of the firm class (on the forearm). A 600 um stamp at firm pressure reaches
 * 0.6-0.9 of its length on facial and body sites. */
static void test_firm_stamp_reaches_most_of_its_length(void **state)
{
  (void)state;
  static const char *const sites[] = {"forearm", "cheek", "forehead", "abdomen", "upper_back"};
  mn_ctx *ctx = mn_test_ctx();
  for (size_t i = 0; i < sizeof sites / sizeof sites[0]; i++) {
    mn_layer_stack L = site_stack(sites[i]);
    double f = mean_fraction_at(ctx, "generic_stamp", 0.6, MN_PRESSURE_FIRM, &L);
    print_message("600 um stamp, firm, %s: %.3f\n", sites[i], f);
    assert_true(f > 0.6 && f < 0.9);
    if (strcmp(sites[i], "forearm") == 0) MN_EXPECT_NEAR(f, 0.77, 0.10, 0);
  }
  /* Lam 2008: under 50 % buried when the needle is under 1 mm. At moderate force the stamp
   * stays near that bound on the cheek (0.51 at 0.9 mm: a known disagreement of
   * docs/validation.md) and well below what firm pressure buries. */
  for (double len = 0.25; len < 1.0; len += 0.25) {
    double f_mod = mean_fraction(ctx, "generic_stamp", len, MN_PRESSURE_MODERATE);
    print_message("%.2f mm stamp, moderate, cheek: %.3f (Lam: < 0.5)\n", len, f_mod);
    assert_true(f_mod < mean_fraction(ctx, "generic_stamp", len, MN_PRESSURE_FIRM) - 0.1);
  }
  /* A pen's stroke drives its needles deeper than a hand presses a roller. */
  for (double len = 0.5; len <= 1.0; len += 0.25)
    assert_true(mean_fraction(ctx, "pen_12", len, MN_PRESSURE_MODERATE) >
                mean_fraction(ctx, "generic_roller", len, MN_PRESSURE_MODERATE));
  mn_ctx_destroy(&ctx);
}

/* One pass of a 1.5 mm pen (the generic 12-needle cartridge, 2,800 entries per cm2) opens far
 * less than half of the surface. No dye or histology figure of a pen pass's open area was found;
 * the figure is the union of the openings (each at most 0.505 of the shaft once the needle is
 * out, Kalluri 2011), about 25 %. */
static void test_pen_pass_opens_far_less_than_half(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_layer_stack L = cheek();
  mn_channel_set *cs = NULL;
  mn_scenario s = scenario_of("pen_12", 1.5, MN_PRESSURE_MODERATE);
  s.treatment.passes = 1;
  cs = run(ctx, &s, &L);
  double a = mn_channel_set_stats(cs)->area_fraction;
  print_message("1.5 mm pen, one pass: %.3f of the surface opened\n", a);
  assert_true(a > 0.1 && a < 0.33);
  mn_channel_set_destroy(&cs);
  mn_ctx_destroy(&ctx);
}

/* Kalluri, Kolli & Banga 2011: a Dermaroller of 770 um needles (base 140 um, tip 4 um) made
 * channels 152.5 +- 9.6 um deep in hairless rat skin: a validation of thin, loose skin, not a
 * calibration. The rat's dorsal skin is given by the scenario's layer overrides (values and
 * their low-confidence sources in src/validate/cases.c, rat_dorsal_skin). What the model
 * shows: thinner skin dimples more and the needle goes less deep than in human skin. What it
 * does not: Kalluri's 0.20; the thickness alone gives about 0.39 (docs/validation.md). */
static void test_thin_rat_skin_is_shallower(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = scenario_of("generic_roller", 0.77, MN_PRESSURE_MODERATE);
  s.device.needle_base_diameter_m = 140e-6;
  s.device.needle_tip_radius_m = 4e-6;
  s.treatment.passes = 1;
  s.skin.stratum_corneum_m = 18e-6;
  s.skin.viable_epidermis_m = 22e-6;
  s.skin.dermis_m = 660e-6;
  s.skin.subcutis_m = 0.5e-3;
  mn_layer_stack rat, human = cheek();
  assert_int_equal(mn_skin_build(ctx, &s.skin, &rat), MN_OK);
  mn_channel_set *a = run(ctx, &s, &rat), *b = run(ctx, &s, &human);
  double dr = mn_channel_set_stats(a)->mean_depth_m, dh = mn_channel_set_stats(b)->mean_depth_m;
  print_message("770 um roller: rat %.0f um (Kalluri 152.5 +- 9.6), cheek %.0f um\n", dr * 1e6,
                dh * 1e6);
  assert_true(dr < dh);
  mn_channel_set_destroy(&a);
  mn_channel_set_destroy(&b);
  mn_ctx_destroy(&ctx);
}

/* Verbaan 2008: impact pierces reliably where a light hand does not. */
static void test_pens_pierce_more_reliably(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_layer_stack L = cheek();
  mn_scenario s = scenario_of("generic_stamp", 0.5, MN_PRESSURE_LIGHT);
  s.device.needle_tip_radius_m = 5.5e-6; /* a needle a little blunter than the sharp limit */
  s.treatment.passes = 2;
  mn_channel_set *stamp = run(ctx, &s, &L);
  s = scenario_of("pen_12", 0.5, MN_PRESSURE_LIGHT);
  s.device.needle_tip_radius_m = 5.5e-6;
  s.treatment.passes = 1;
  mn_channel_set *pen = run(ctx, &s, &L);
  double ps = mn_channel_set_stats(stamp)->pierced_fraction;
  double pp = mn_channel_set_stats(pen)->pierced_fraction;
  assert_true(ps < 0.97);
  MN_EXPECT_NEAR(pp, 1.0, 0, 1e-12);
  mn_channel_set_destroy(&stamp);
  mn_channel_set_destroy(&pen);
  mn_ctx_destroy(&ctx);
}

/* A 2.5 mm needle reaches the subcutis of the eyelid (dermis 0.6 mm) but stays in the dermis of
 * the upper back (2.5 mm), with a roller and with a pen. */
static void test_long_needles_reach_fat_on_the_eyelid_not_on_the_back(void **state)
{
  (void)state;
  static const char *const models[] = {"clinic_roller", "pen_12"};
  mn_ctx *ctx = mn_test_ctx();
  mn_layer_stack eye = eyelid(), back = upper_back();
  for (size_t m = 0; m < 2; m++) {
    mn_scenario s = scenario_of(models[m], 2.5, MN_PRESSURE_MODERATE);
    mn_channel_set *a = run(ctx, &s, &eye);
    mn_channel_set *b = run(ctx, &s, &back);
    assert_int_equal(mn_channel_set_stats(a)->deepest_layer, MN_LAYER_SUBCUTIS);
    assert_int_equal(mn_channel_set_stats(b)->deepest_layer, MN_LAYER_DERMIS);
    assert_true(mn_channel_set_stats(b)->max_depth_m < back.top_m[MN_LAYER_SUBCUTIS]);
    MN_EXPECT_NEAR(mn_channel_set_stats(b)->bleeding_fraction, 1.0, 0, 1e-12);
    mn_channel_set_destroy(&a);
    mn_channel_set_destroy(&b);
  }
  /* A 0.25 mm home roller pressed lightly ends, on average, in the epidermis of the back. */
  mn_scenario s = scenario_of("home_roller", 0.25, MN_PRESSURE_LIGHT);
  mn_channel_set *c = run(ctx, &s, &back);
  assert_true(mn_channel_set_stats(c)->mean_depth_m < back.top_m[MN_LAYER_DERMIS]);
  assert_true(mn_channel_set_stats(c)->bleeding_fraction < 0.5);
  mn_channel_set_destroy(&c);
  mn_ctx_destroy(&ctx);
}

/* Every channel's layer and bleeding agree with its depth; openings follow the cone; no
 * channel centre sits inside another's opening when it was made (checked loosely, since
 * openings widen with later merges: no two centres closer than half the smaller opening). */
static void test_channels_are_consistent(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_layer_stack L = cheek();
  mn_scenario s = scenario_of("pen_12", 0.5, MN_PRESSURE_MODERATE);
  s.treatment.area_m2 = mn_cm2_to_m2(0.25);
  s.treatment.passes = 2;
  mn_channel_set *cs = run(ctx, &s, &L);
  const mn_device *d = mn_channel_set_device(cs);
  size_t n = mn_channel_set_count(cs);
  const double *x = mn_channel_set_x_m(cs), *y = mn_channel_set_y_m(cs);
  const double *depth = mn_channel_set_depth_m(cs), *r = mn_channel_set_opening_radius_m(cs);
  const mn_layer_id *layer = mn_channel_set_layer(cs);
  const unsigned char *bled = mn_channel_set_bled(cs);
  double side = mn_channel_set_patch_side_m(cs);
  MN_EXPECT_NEAR(side * side, s.treatment.area_m2, 1e-9, 0);
  assert_true(n > 100);
  /* Overlapping entries merged: a pen's shots are 86 um apart along its track. */
  assert_true((double)n < 0.9 * mn_channel_set_stats(cs)->punctures);
  for (size_t i = 0; i < n; i++) {
    assert_true(x[i] >= 0 && x[i] < side && y[i] >= 0 && y[i] < side);
    assert_true(depth[i] > 0 && depth[i] < d->needle_length_m);
    /* Merging keeps the deepest entry's depth and the widest opening: the same needle. */
    MN_EXPECT_NEAR(r[i], mni_opening_radius_m(d, depth[i]), 1e-12, 0);
    assert_true(r[i] <= 0.505 * 0.5 * d->needle_base_diameter_m * (1 + 1e-12));
    assert_int_equal(layer[i], mn_layer_at_depth(&L, depth[i]));
    assert_int_equal(bled[i], layer[i] >= MN_LAYER_DERMIS);
  }
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++) {
      double dx = fabs(x[i] - x[j]), dy = fabs(y[i] - y[j]);
      dx = dx > 0.5 * side ? side - dx : dx;
      dy = dy > 0.5 * side ? side - dy : dy;
      double rmin = r[i] < r[j] ? r[i] : r[j];
      assert_true(dx * dx + dy * dy >= 0.25 * rmin * rmin);
    }
  const mn_puncture_stats *st = mn_channel_set_stats(cs);
  assert_true(st->area_fraction > 0 && st->area_fraction < 1);
  /* Wound volume: the cones the needles pushed in, pi (r^3 - r_tip^3) / (3 tan(theta / 2)) each
   * with r the needle's radius at the depth reached (all narrower than the shaft here). */
  double tan_h = tan(0.5 * d->needle_cone_angle_deg * MN_PI / 180.0), rt = d->needle_tip_radius_m;
  double vol = 0.0;
  for (size_t i = 0; i < n; i++) {
    double rn = mn_device_needle_radius_m(d, depth[i]);
    assert_true(rn < 0.5 * d->needle_base_diameter_m);
    vol += MN_PI * (rn * rn * rn - rt * rt * rt) / (3.0 * tan_h);
  }
  MN_EXPECT_NEAR(st->wound_volume_m3_per_m2, vol / (side * side), 1e-9, 0);
  mn_channel_set_destroy(&cs);
  mn_ctx_destroy(&ctx);
}

static void test_same_seed_same_channels(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_layer_stack L = cheek();
  mn_scenario s = mn_scenario_default();
  s.treatment.pattern = MN_PATTERN_RANDOM;
  mn_channel_set *a = run(ctx, &s, &L), *b = run(ctx, &s, &L);
  size_t n = mn_channel_set_count(a);
  assert_int_equal(n, mn_channel_set_count(b));
  assert_memory_equal(mn_channel_set_x_m(a), mn_channel_set_x_m(b), n * sizeof(double));
  assert_memory_equal(mn_channel_set_y_m(a), mn_channel_set_y_m(b), n * sizeof(double));
  assert_memory_equal(mn_channel_set_depth_m(a), mn_channel_set_depth_m(b), n * sizeof(double));
  assert_memory_equal(mn_channel_set_stats(a), mn_channel_set_stats(b), sizeof(mn_puncture_stats));
  s.seed = 43;
  mn_channel_set *c = run(ctx, &s, &L);
  assert_true(mn_channel_set_count(c) != n ||
              memcmp(mn_channel_set_x_m(a), mn_channel_set_x_m(c), n * sizeof(double)) != 0);
  mn_channel_set_destroy(&a);
  mn_channel_set_destroy(&b);
  mn_channel_set_destroy(&c);
  mn_ctx_destroy(&ctx);
}

static void test_bad_treatment_is_refused(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_layer_stack L = cheek();
  mn_channel_set *cs = (mn_channel_set *)0x1;
  mn_scenario s = mn_scenario_default();
  s.treatment.passes = 0;
  assert_int_equal(mn_puncture_run(ctx, &s, &L, &cs), MN_E_CONFIG);
  assert_null(cs);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "treatment.passes = 0"));
  s = mn_scenario_default();
  s.treatment.force_n = -0.1;
  assert_int_equal(mn_puncture_run(ctx, &s, &L, &cs), MN_E_ARG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "force_n = -0.1"));
  s = mn_scenario_default();
  strcpy(s.device.model, "no_such_pen");
  assert_int_equal(mn_puncture_run(ctx, &s, &L, &cs), MN_E_NOTFOUND);
  assert_int_equal(mn_puncture_run(ctx, NULL, &L, &cs), MN_E_ARG);
  mn_channel_set_destroy(NULL);
  mn_ctx_destroy(&ctx);
}

/* A blunt needle at light pressure pierces nothing: no channels, a warning, zero depth. */
static void test_no_piercing_gives_an_empty_set(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_layer_stack L = cheek();
  mn_scenario s = scenario_of("generic_roller", 0.5, MN_PRESSURE_LIGHT);
  s.device.needle_tip_radius_m = 50e-6;
  mn_channel_set *cs = run(ctx, &s, &L);
  assert_int_equal(mn_channel_set_count(cs), 0);
  const mn_puncture_stats *st = mn_channel_set_stats(cs);
  MN_EXPECT_NEAR(st->pierced_fraction, 0.0, 0, 0);
  MN_EXPECT_NEAR(st->mean_depth_m, 0.0, 0, 0);
  MN_EXPECT_NEAR(st->area_fraction, 0.0, 0, 0);
  assert_true(st->punctures > 0);
  mn_channel_set_destroy(&cs);
  mn_ctx_destroy(&ctx);
}

/* Failing the k-th allocation gives MN_E_NOMEM, never a crash or a leak (Lua's debug_realloc). */
static void test_out_of_memory_is_clean(void **state)
{
  (void)state;
  mn_layer_stack L = cheek();
  mn_scenario s = mn_scenario_default();
  s.treatment.area_m2 = mn_cm2_to_m2(1.0);
  mn_status st = MN_E_NOMEM;
  for (long k = 1; k < 200 && st == MN_E_NOMEM; k++) {
    mn_test_alloc fa = {.allocs_left = 1};
    mn_ctx *ctx = NULL;
    assert_int_equal(mn_ctx_create(mn_test_fail_alloc, &fa, &ctx), MN_OK);
    /* The catalogue is parsed by libfyaml with malloc; load it before counting. */
    fa.allocs_left = 1000000;
    const mn_device *all;
    size_t n;
    assert_int_equal(mn_devices_list(ctx, &all, &n), MN_OK);
    fa.allocs_left = k;
    mn_channel_set *cs = NULL;
    st = mn_puncture_run(ctx, &s, &L, &cs);
    assert_true(st == MN_OK || st == MN_E_NOMEM);
    assert_true((st == MN_OK) == (cs != NULL));
    mn_channel_set_destroy(&cs);
    mn_ctx_destroy(&ctx);
    assert_int_equal(fa.live_bytes, 0);
  }
  assert_int_equal(st, MN_OK);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_roller_density_matches_formula),
      cmocka_unit_test(test_pen_density_matches_formula),
      cmocka_unit_test(test_stamp_density_matches_formula),
      cmocka_unit_test(test_fifteen_roller_passes_give_doddaballapurs_density),
      cmocka_unit_test(test_depth_grows_with_length_and_stays_below_it),
      cmocka_unit_test(test_depth_grows_with_pressure_and_falls_with_bluntness),
      cmocka_unit_test(test_half_mm_roller_reaches_the_papillary_dermis),
      cmocka_unit_test(test_roller_fraction_within_the_published_range),
      cmocka_unit_test(test_firm_stamp_reaches_most_of_its_length),
      cmocka_unit_test(test_pen_pass_opens_far_less_than_half),
      cmocka_unit_test(test_thin_rat_skin_is_shallower),
      cmocka_unit_test(test_pens_pierce_more_reliably),
      cmocka_unit_test(test_long_needles_reach_fat_on_the_eyelid_not_on_the_back),
      cmocka_unit_test(test_channels_are_consistent),
      cmocka_unit_test(test_same_seed_same_channels),
      cmocka_unit_test(test_bad_treatment_is_refused),
      cmocka_unit_test(test_no_piercing_gives_an_empty_set),
      cmocka_unit_test(test_out_of_memory_is_clean),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
