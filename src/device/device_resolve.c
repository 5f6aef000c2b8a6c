/* The device of a scenario: a catalogue entry (device.model, or the first entry of
 * device.type when no model is named) with the scenario's overrides applied, then checked
 * for geometry that cannot exist (a tip wider than the shaft, a drum with no needles). */
#include <math.h>
#include <string.h>

#include "core/core_int.h"
#include "mnsim/device.h"

/* The first entry of a type (of a laser: of its line). */
static mn_status generic_of_type(mn_ctx *ctx, mn_device_type type, mn_laser laser,
                                 const mn_device **out)
{
  const mn_device *all;
  size_t n;
  MN_TRY(mn_devices_list(ctx, &all, &n));
  for (size_t i = 0; i < n; i++)
    if (all[i].type == type && (type != MN_DEVICE_FRACTIONAL_LASER || all[i].laser == laser)) {
      *out = &all[i];
      return MN_OK;
    }
  if (type == MN_DEVICE_FRACTIONAL_LASER)
    return mni_fail(ctx, MN_E_NOTFOUND,
                    "device.laser = %s: the catalogue has no fractional laser of that line",
                    mn_laser_name(laser));
  return mni_fail(ctx, MN_E_NOTFOUND, "device.type = %s: the catalogue has no device of that type",
                  mn_device_type_name(type));
}

/* A laser's pulse: physical, and (advice) within what the device delivers. */
static mn_status check_laser(mn_ctx *ctx, const mn_device *d)
{
  MN_REQUIRE(ctx,
             d->pulse_energy_j > 0.0 && d->spot_diameter_m > 0.0 && d->pulse_s > 0.0 &&
                 isfinite(d->pulse_energy_j + d->spot_diameter_m + d->pulse_s),
             MN_E_CONFIG,
             "device %s: pulse_energy_mj = %g, spot_diameter_um = %g and pulse_ms = %g must be > 0",
             d->name, d->pulse_energy_j * 1e3, mn_m_to_um(d->spot_diameter_m), d->pulse_s * 1e3);
  MN_REQUIRE(ctx, d->density_per_m2 > 0.0 || d->coverage_fraction > 0.0, MN_E_CONFIG,
             "device %s: needs device.density_per_cm2 or device.coverage_percent > 0", d->name);
  if (d->pulse_energy_j < d->pulse_energy_min_j * (1.0 - 1e-9) ||
      d->pulse_energy_j > d->pulse_energy_max_j * (1.0 + 1e-9))
    mni_log(ctx, MN_LOG_WARN,
            "device.pulse_energy_mj = %g is outside the %g to %g mJ that %s delivers",
            d->pulse_energy_j * 1e3, d->pulse_energy_min_j * 1e3, d->pulse_energy_max_j * 1e3,
            d->name);
  return MN_OK;
}

static void take_double(double *dst, double v)
{
  if (!isnan(v)) *dst = v;
}

/* Warn when the length is not one the device is made with: a user may model a custom device,
 * so this is advice, not an error. */
static void check_length(mn_ctx *ctx, const mn_device *d)
{
  const double tol_m = 1e-9;
  if (d->needle_length_m < d->length_min_m - tol_m || d->needle_length_m > d->length_max_m + tol_m)
    mni_log(ctx, MN_LOG_WARN,
            "device.needle_length_mm = %g is outside the %g to %g mm that %s comes in",
            mn_m_to_mm(d->needle_length_m), mn_m_to_mm(d->length_min_m),
            mn_m_to_mm(d->length_max_m), d->name);
  if (d->length_step_m > 0.0) {
    double k = d->needle_length_m / d->length_step_m;
    if (fabs(k - round(k)) > 1e-6)
      mni_log(ctx, MN_LOG_WARN,
              "device.needle_length_mm = %g is not a depth setting of %s (steps of %g mm)",
              mn_m_to_mm(d->needle_length_m), d->name, mn_m_to_mm(d->length_step_m));
  }
}

static mn_status check_geometry(mn_ctx *ctx, const mn_device *d)
{
  MN_REQUIRE(ctx, isfinite(d->needle_length_m) && d->needle_length_m > 0.0, MN_E_CONFIG,
             "device.needle_length_mm = %g must be > 0", mn_m_to_mm(d->needle_length_m));
  MN_REQUIRE(ctx, d->needle_base_diameter_m > 0.0, MN_E_CONFIG,
             "device.needle_base_diameter_um = %g must be > 0",
             mn_m_to_um(d->needle_base_diameter_m));
  MN_REQUIRE(
      ctx, d->needle_tip_radius_m > 0.0 && d->needle_tip_radius_m < 0.5 * d->needle_base_diameter_m,
      MN_E_CONFIG, "device.needle_tip_radius_um = %g must be > 0 and below the base radius (%g um)",
      mn_m_to_um(d->needle_tip_radius_m), mn_m_to_um(0.5 * d->needle_base_diameter_m));
  MN_REQUIRE(ctx, d->needle_cone_angle_deg > 0.0 && d->needle_cone_angle_deg < 180.0, MN_E_CONFIG,
             "device.needle_cone_angle_deg = %g must be in (0, 180)", d->needle_cone_angle_deg);
  MN_REQUIRE(ctx, d->needles >= 1, MN_E_CONFIG, "device.needles = %d must be >= 1", d->needles);
  switch (d->type) {
  case MN_DEVICE_ROLLER:
    MN_REQUIRE(ctx, d->drum_diameter_m > 0.0 && d->drum_width_m > 0.0, MN_E_CONFIG,
               "device: drum_diameter_mm = %g and drum_width_mm = %g must be > 0",
               mn_m_to_mm(d->drum_diameter_m), mn_m_to_mm(d->drum_width_m));
    MN_REQUIRE(ctx, d->needle_rows >= 1 && d->needle_rows <= d->needles, MN_E_CONFIG,
               "device %s: needle_rows = %d must be in 1..needles (%d)", d->name, d->needle_rows,
               d->needles);
    break;
  case MN_DEVICE_STAMP:
    MN_REQUIRE(ctx, d->stamp_width_m > 0.0 && d->stamp_height_m > 0.0, MN_E_CONFIG,
               "device: stamp_width_mm = %g and stamp_height_mm = %g must be > 0",
               mn_m_to_mm(d->stamp_width_m), mn_m_to_mm(d->stamp_height_m));
    break;
  case MN_DEVICE_FRACTIONAL_LASER:
    break;
  case MN_DEVICE_PEN:
    MN_REQUIRE(
        ctx, d->frequency_hz > 0.0 && d->glide_speed_m_per_s > 0.0 && d->cartridge_diameter_m > 0.0,
        MN_E_CONFIG,
        "device: frequency_hz = %g, glide_speed_mm_s = %g and cartridge_diameter_mm = %g "
        "must be > 0",
        d->frequency_hz, mn_m_to_mm(d->glide_speed_m_per_s), mn_m_to_mm(d->cartridge_diameter_m));
    break;
  }
  return MN_OK;
}

/* A roller's needles sit in rows of equal length, and a stamp's grid has as many columns as
 * fit: when the needle count is overridden, keep the rows the catalogue gave if they divide it,
 * otherwise pick the row count nearest to it that does. */
static int rows_dividing(int needles, int rows)
{
  if (rows < 1) rows = 1;
  for (int d = 0; d < needles; d++) {
    if (rows - d >= 1 && needles % (rows - d) == 0) return rows - d;
    if (rows + d <= needles && needles % (rows + d) == 0) return rows + d;
  }
  return 1;
}

mn_status mn_device_resolve(mn_ctx *ctx, const mn_scenario_device *sd, mn_device *out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, sd != NULL && out != NULL, MN_E_ARG, "mn_device_resolve: NULL argument");
  const mn_device *base = NULL;
  if (sd->model[0] != '\0')
    MN_TRY(mn_device_find(ctx, sd->model, &base));
  else
    MN_TRY(generic_of_type(ctx, sd->type, sd->laser, &base));
  mn_device d = *base;
  if (d.type == MN_DEVICE_FRACTIONAL_LASER) {
    take_double(&d.pulse_energy_j, sd->pulse_energy_j);
    take_double(&d.spot_diameter_m, sd->spot_diameter_m);
    take_double(&d.pulse_s, sd->pulse_s);
    if (!isnan(sd->density_per_m2)) { /* the density wins when both are given */
      d.density_per_m2 = sd->density_per_m2;
      d.coverage_fraction = NAN;
    } else if (!isnan(sd->coverage_fraction)) {
      d.coverage_fraction = sd->coverage_fraction;
      d.density_per_m2 = NAN;
    }
    MN_TRY(check_laser(ctx, &d));
    *out = d;
    return MN_OK;
  }
  take_double(&d.needle_length_m, sd->needle_length_m);
  take_double(&d.needle_base_diameter_m, sd->needle_base_diameter_m);
  take_double(&d.needle_tip_radius_m, sd->needle_tip_radius_m);
  take_double(&d.needle_cone_angle_deg, sd->needle_cone_angle_deg);
  if (sd->needles > 0) d.needles = sd->needles;
  /* Overrides of another type's fields (a drum size on a pen) do not apply and are ignored. */
  switch (d.type) {
  case MN_DEVICE_ROLLER:
    take_double(&d.drum_diameter_m, sd->drum_diameter_m);
    take_double(&d.drum_width_m, sd->drum_width_m);
    d.needle_rows = rows_dividing(d.needles, d.needle_rows);
    break;
  case MN_DEVICE_STAMP:
    take_double(&d.stamp_width_m, sd->stamp_width_m);
    take_double(&d.stamp_height_m, sd->stamp_height_m);
    d.needle_rows = rows_dividing(d.needles, d.needle_rows);
    break;
  case MN_DEVICE_PEN:
    take_double(&d.frequency_hz, sd->frequency_hz);
    take_double(&d.glide_speed_m_per_s, sd->glide_speed_m_per_s);
    take_double(&d.cartridge_diameter_m, sd->cartridge_diameter_m);
    break;
  case MN_DEVICE_FRACTIONAL_LASER:
    break;
  }
  MN_TRY(check_geometry(ctx, &d));
  check_length(ctx, &d);
  *out = d;
  return MN_OK;
}

double mn_device_needle_radius_m(const mn_device *device, double s_m)
{
  double half_angle_rad = 0.5 * device->needle_cone_angle_deg * MN_PI / 180.0;
  double r = device->needle_tip_radius_m + (s_m > 0.0 ? s_m : 0.0) * tan(half_angle_rad);
  double r_base = 0.5 * device->needle_base_diameter_m;
  return r < r_base ? r : r_base;
}

double mn_device_punctures_per_m2_per_pass(const mn_device *d)
{
  switch (d->type) {
  case MN_DEVICE_ROLLER:
    return (double)d->needles / (MN_PI * d->drum_diameter_m * d->drum_width_m);
  case MN_DEVICE_PEN:
    return (double)d->needles * d->frequency_hz /
           (d->cartridge_diameter_m * d->glide_speed_m_per_s);
  case MN_DEVICE_STAMP:
    return (double)d->needles / (d->stamp_width_m * d->stamp_height_m);
  case MN_DEVICE_FRACTIONAL_LASER:
    return d->density_per_m2;
  }
  return 0.0;
}
