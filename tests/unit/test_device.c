/* Devices: the compiled-in catalogue, resolution of a scenario's device with its overrides,
 * and the needle's cone. */
#include <math.h>
#include <string.h>

#include "mn_test.h"

/* Collects the warnings the library logs. */
typedef struct {
  int n_warnings;
  char last[512];
} log_sink;

static void sink_log(void *ud, mn_log_level level, const char *msg)
{
  log_sink *s = ud;
  if (level >= MN_LOG_WARN) {
    s->n_warnings++;
    strncpy(s->last, msg, sizeof s->last - 1);
  }
}

static void test_catalogue_is_complete_and_physical(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  const mn_device *all = NULL;
  size_t n = 0;
  assert_int_equal(mn_devices_list(ctx, &all, &n), MN_OK);
  assert_true(n >= 6);
  int n_type[4] = {0, 0, 0, 0};
  int n_line[5] = {0, 0, 0, 0, 0};
  for (size_t i = 0; i < n; i++) {
    const mn_device *d = &all[i];
    n_type[d->type]++;
    assert_true(strlen(d->source) > 0);
    if (d->type == MN_DEVICE_FRACTIONAL_LASER) { /* a pulse and a density or a coverage */
      n_line[d->laser]++;
      assert_true(d->pulse_energy_j >= d->pulse_energy_min_j &&
                  d->pulse_energy_j <= d->pulse_energy_max_j);
      assert_true(d->spot_diameter_m > 10e-6 && d->spot_diameter_m < 2e-3);
      assert_true(d->pulse_s > 0 && d->pulse_s < 0.1);
      assert_true((d->density_per_m2 > 0) != (d->coverage_fraction > 0));
      assert_true(isnan(d->needle_length_m));
      continue;
    }
    assert_true(d->needle_length_m >= d->length_min_m && d->needle_length_m <= d->length_max_m);
    assert_true(d->needle_tip_radius_m > 0 &&
                d->needle_tip_radius_m < 0.5 * d->needle_base_diameter_m);
    assert_true(d->needle_cone_angle_deg > 0 && d->needle_cone_angle_deg < 90);
    assert_true(d->needles >= 1);
    assert_true(strlen(d->source) > 0);
    assert_true(strcmp(d->setting, "home") == 0 || strcmp(d->setting, "clinic") == 0);
    /* Names are lowercase words joined by underscores (shared/SCENARIO.md). */
    for (const char *c = d->name; *c; c++)
      assert_true((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_');
  }
  assert_true(n_type[MN_DEVICE_ROLLER] >= 2 && n_type[MN_DEVICE_STAMP] >= 1 &&
              n_type[MN_DEVICE_PEN] >= 2);
  for (int k = 0; k < 5; k++) /* every laser line has a generic device */
    assert_true(n_line[k] >= 1);
  /* The pens cover cartridges of 9 to 36 needles and settings 0.25 to 2.5 mm in 0.25 mm. */
  const mn_device *p9 = NULL, *p36 = NULL;
  assert_int_equal(mn_device_find(ctx, "pen_9", &p9), MN_OK);
  assert_int_equal(mn_device_find(ctx, "pen_36", &p36), MN_OK);
  assert_int_equal(p9->needles, 9);
  assert_int_equal(p36->needles, 36);
  MN_EXPECT_NEAR(p9->length_min_m, 0.25e-3, 1e-12, 0);
  MN_EXPECT_NEAR(p9->length_max_m, 2.5e-3, 1e-12, 0);
  MN_EXPECT_NEAR(p9->length_step_m, 0.25e-3, 1e-12, 0);
  /* Home rollers go from 0.2 to 1.5 mm, clinic rollers up to 3 mm. */
  const mn_device *home = NULL, *clinic = NULL;
  assert_int_equal(mn_device_find(ctx, "home_roller", &home), MN_OK);
  assert_int_equal(mn_device_find(ctx, "clinic_roller", &clinic), MN_OK);
  MN_EXPECT_NEAR(home->length_min_m, 0.2e-3, 1e-12, 0);
  MN_EXPECT_NEAR(home->length_max_m, 1.5e-3, 1e-12, 0);
  MN_EXPECT_NEAR(clinic->length_max_m, 3.0e-3, 1e-12, 0);
  mn_ctx_destroy(&ctx);
}

static void test_generic_roller_is_the_mf8_drum(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  mn_device d;
  assert_int_equal(mn_device_resolve(ctx, &s.device, &d), MN_OK);
  assert_string_equal(d.name, "generic_roller");
  assert_int_equal(d.type, MN_DEVICE_ROLLER);
  assert_int_equal(d.needles, 192);
  assert_int_equal(d.needle_rows, 8);
  MN_EXPECT_NEAR(d.drum_diameter_m, 20e-3, 1e-12, 0);
  MN_EXPECT_NEAR(d.drum_width_m, 20e-3, 1e-12, 0);
  MN_EXPECT_NEAR(d.needle_base_diameter_m, 250e-6, 1e-12, 0);
  MN_EXPECT_NEAR(d.needle_length_m, 1.5e-3, 1e-12, 0); /* the scenario's length */
  /* A generic device of each type exists. */
  s.device.type = MN_DEVICE_PEN;
  assert_int_equal(mn_device_resolve(ctx, &s.device, &d), MN_OK);
  assert_int_equal(d.type, MN_DEVICE_PEN);
  s.device.type = MN_DEVICE_STAMP;
  assert_int_equal(mn_device_resolve(ctx, &s.device, &d), MN_OK);
  assert_int_equal(d.type, MN_DEVICE_STAMP);
  mn_ctx_destroy(&ctx);
}

static void test_overrides_replace_catalogue_values(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  strcpy(s.device.model, "pen_12");
  s.device.type = MN_DEVICE_ROLLER; /* the model fixes the type */
  s.device.needle_length_m = 2.0e-3;
  s.device.needle_tip_radius_m = 10e-6;
  s.device.needles = 36;
  s.device.frequency_hz = 150;
  s.device.glide_speed_m_per_s = 5e-3;
  s.device.cartridge_diameter_m = 8e-3;
  s.device.drum_diameter_m = 30e-3; /* a roller's field: does not apply to a pen */
  mn_device d;
  assert_int_equal(mn_device_resolve(ctx, &s.device, &d), MN_OK);
  assert_int_equal(d.type, MN_DEVICE_PEN);
  MN_EXPECT_NEAR(d.needle_length_m, 2.0e-3, 1e-12, 0);
  MN_EXPECT_NEAR(d.needle_tip_radius_m, 10e-6, 1e-12, 0);
  assert_int_equal(d.needles, 36);
  MN_EXPECT_NEAR(d.frequency_hz, 150, 1e-12, 0);
  MN_EXPECT_NEAR(d.glide_speed_m_per_s, 5e-3, 1e-12, 0);
  MN_EXPECT_NEAR(d.cartridge_diameter_m, 8e-3, 1e-12, 0);
  assert_true(isnan(d.drum_diameter_m));
  MN_EXPECT_NEAR(d.needle_base_diameter_m, 250e-6, 1e-12, 0); /* kept from the catalogue */

  /* A roller's row count follows an overridden needle count so rows stay equal. */
  s = mn_scenario_default();
  s.device.needles = 540;
  s.device.drum_width_m = 30e-3;
  assert_int_equal(mn_device_resolve(ctx, &s.device, &d), MN_OK);
  assert_int_equal(d.needles, 540);
  assert_int_equal(d.needles % d.needle_rows, 0);
  MN_EXPECT_NEAR(d.drum_width_m, 30e-3, 1e-12, 0);
  mn_ctx_destroy(&ctx);
}

static void test_bad_devices_are_refused_with_the_value(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  mn_device d;
  strcpy(s.device.model, "derma_wand");
  assert_int_equal(mn_device_resolve(ctx, &s.device, &d), MN_E_NOTFOUND);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "derma_wand"));
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "generic_roller")); /* lists the known names */

  s = mn_scenario_default();
  s.device.needle_tip_radius_m = 200e-6; /* wider than the 125 um shaft */
  assert_int_equal(mn_device_resolve(ctx, &s.device, &d), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "needle_tip_radius_um = 200"));

  s = mn_scenario_default();
  s.device.needle_length_m = -1e-3;
  assert_int_equal(mn_device_resolve(ctx, &s.device, &d), MN_E_CONFIG);
  assert_non_null(strstr(mn_ctx_errmsg(ctx), "needle_length_mm = -1"));
  assert_int_equal(mn_device_resolve(ctx, NULL, &d), MN_E_ARG);
  mn_ctx_destroy(&ctx);
}

static void test_lengths_off_the_device_are_warned(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  log_sink sink = {0, ""};
  mn_ctx_set_logger(ctx, sink_log, &sink);
  mn_scenario s = mn_scenario_default();
  mn_device d;
  strcpy(s.device.model, "home_roller");
  s.device.needle_length_m = 1.0e-3;
  assert_int_equal(mn_device_resolve(ctx, &s.device, &d), MN_OK);
  assert_int_equal(sink.n_warnings, 0);
  s.device.needle_length_m = 2.5e-3; /* home rollers stop at 1.5 mm */
  assert_int_equal(mn_device_resolve(ctx, &s.device, &d), MN_OK);
  assert_int_equal(sink.n_warnings, 1);
  assert_non_null(strstr(sink.last, "home_roller"));
  strcpy(s.device.model, "pen_12");
  s.device.needle_length_m = 1.1e-3; /* pens are set in 0.25 mm steps */
  assert_int_equal(mn_device_resolve(ctx, &s.device, &d), MN_OK);
  assert_int_equal(sink.n_warnings, 2);
  assert_non_null(strstr(sink.last, "0.25"));
  s.device.needle_length_m = 1.25e-3;
  assert_int_equal(mn_device_resolve(ctx, &s.device, &d), MN_OK);
  assert_int_equal(sink.n_warnings, 2);
  mn_ctx_destroy(&ctx);
}

static void test_needle_cone_gives_kalluris_opening(void **state)
{
  (void)state;
  mn_ctx *ctx = mn_test_ctx();
  mn_scenario s = mn_scenario_default();
  mn_device d;
  assert_int_equal(mn_device_resolve(ctx, &s.device, &d), MN_OK);
  /* Kalluri et al. 2011: channels 152.5 um deep opened 70.7 +- 9.9 um at the surface. */
  MN_EXPECT_NEAR(2.0 * mn_device_needle_radius_m(&d, 152.5e-6), 70.7e-6, 0.05, 0);
  /* The cone widens with depth up to the shaft and no further. */
  MN_EXPECT_NEAR(mn_device_needle_radius_m(&d, 0.0), d.needle_tip_radius_m, 1e-12, 0);
  assert_true(mn_device_needle_radius_m(&d, 300e-6) > mn_device_needle_radius_m(&d, 150e-6));
  MN_EXPECT_NEAR(mn_device_needle_radius_m(&d, 2e-3), 125e-6, 1e-12, 0);
  mn_ctx_destroy(&ctx);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_catalogue_is_complete_and_physical),
      cmocka_unit_test(test_generic_roller_is_the_mf8_drum),
      cmocka_unit_test(test_overrides_replace_catalogue_values),
      cmocka_unit_test(test_bad_devices_are_refused_with_the_value),
      cmocka_unit_test(test_lengths_off_the_device_are_warned),
      cmocka_unit_test(test_needle_cone_gives_kalluris_opening),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
