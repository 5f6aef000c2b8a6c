/* Checks of a whole scenario: each value against its key's range (a scenario may have been
 * filled through the API, not read), then the checks across keys that need no catalogue. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario_int.h"

/* Range ends are in the user's unit; the stored value went through a factor and back, so allow
 * a rounding error of a few ulps. */
static bool in_range(double u, const mn_scenario_key *key)
{
  double slack = 1e-12 * (fabs(key->min) + fabs(key->max));
  return u >= key->min - slack && u <= key->max + slack;
}

/* The failure just recorded is about the key at path, with the value it holds. */
static mn_status about(mn_ctx *ctx, mn_status st, const mn_scenario *s, const char *path)
{
  char value[512];
  const mn_scenario_key *key = mn_scenario_key_find(path);
  char msg[MNI_ERRMSG_MAX]; /* formatting the value must not lose the message */
  snprintf(msg, sizeof msg, "%s", mn_ctx_errmsg(ctx));
  if (key == NULL || mn_scenario_format_value(ctx, s, key, value, sizeof value) != MN_OK)
    value[0] = '\0';
  mni_fail_key(ctx, st, path, value, strlen(value), "%s", msg);
  return st;
}

static mn_status check_key(mn_ctx *ctx, const mn_scenario *s, const mn_scenario_key *key)
{
  char value[512]; /* a list of 8 numbers of 17 digits fits */
  MN_TRY(mn_scenario_format_value(ctx, s, key, value, sizeof value));
  const char *unit = mn_scenario_key_unit(key);
  const char *sp = unit[0] ? " " : "";
  const void *f = mni_scenario_field_const(s, key);
  double d;
  int i;
  switch (key->type) {
  case MN_KEY_DOUBLE:
    memcpy(&d, f, sizeof d);
    if (isnan(d) && key->is_optional) return MN_OK;
    MN_REQUIRE(ctx, isfinite(d) && in_range(d / key->to_si, key), MN_E_CONFIG,
               "scenario: %s = %s%s%s: out of range; expected %g to %g%s%s", key->path, value, sp,
               unit, key->min, key->max, sp, unit);
    return MN_OK;
  case MN_KEY_INT:
    memcpy(&i, f, sizeof i);
    if (i == -1 && key->is_optional) return MN_OK;
    MN_REQUIRE(ctx, i >= key->min && i <= key->max, MN_E_CONFIG,
               "scenario: %s = %d: out of range; expected an integer from %g to %g", key->path, i,
               key->min, key->max);
    return MN_OK;
  case MN_KEY_ENUM: {
    memcpy(&i, f, sizeof i);
    int n = 0;
    while (key->enum_names[n] != NULL)
      n++;
    MN_REQUIRE(ctx, i >= 0 && i < n, MN_E_CONFIG, "scenario: %s = %d: not one of %s", key->path, i,
               key->help);
    return MN_OK;
  }
  case MN_KEY_STRING: {
    const char *t = f;
    const char *nul = memchr(t, 0, key->size);
    size_t len = nul ? (size_t)(nul - t) : key->size;
    MN_REQUIRE(ctx, len < key->size, MN_E_CONFIG,
               "scenario: %s is not NUL-terminated within %zu bytes", key->path, key->size);
    for (size_t k = 0, step = 1; k < len; k += step) {
      const unsigned char c = (unsigned char)t[k];
      step = mni_utf8_len((const unsigned char *)t + k, len - k);
      MN_REQUIRE(ctx, c >= 0x20 && c != 0x7f && step > 0, MN_E_CONFIG,
                 "scenario: %s: byte %zu (0x%02x) is a control character or not UTF-8", key->path,
                 k, c);
    }
    return MN_OK;
  }
  case MN_KEY_DOUBLE_LIST: {
    int n;
    memcpy(&n, (const char *)s + key->count_offset, sizeof n);
    MN_REQUIRE(ctx, n >= 0 && (size_t)n <= key->max_count, MN_E_CONFIG,
               "scenario: %s has %d elements; expected 0 to %zu", key->path, n, key->max_count);
    const double *v = f;
    for (int k = 0; k < n; k++) {
      MN_REQUIRE(ctx, isfinite(v[k]) && in_range(v[k] / key->to_si, key), MN_E_CONFIG,
                 "scenario: %s = %s%s%s: element %d is out of range; expected each from %g to "
                 "%g%s%s",
                 key->path, value, sp, unit, k + 1, key->min, key->max, sp, unit);
      MN_REQUIRE(ctx, k == 0 || key->is_any_order || v[k] > v[k - 1], MN_E_CONFIG,
                 "scenario: %s = %s%s%s: element %d is not greater than element %d; expected "
                 "each greater than the one before",
                 key->path, value, sp, unit, k + 1, k);
    }
    return MN_OK;
  }
  case MN_KEY_UINT64:
  case MN_KEY_BOOL:
    return MN_OK;
  }
  return MN_OK;
}

/* The profile times lie within the run: the last one at most at its end. */
static mn_status check_profile_times(mn_ctx *ctx, const mn_scenario *s)
{
  const mn_scenario_simulation *sim = &s->simulation;
  const mn_scenario_key *times = mn_scenario_key_find("simulation.profile_times_h");
  const mn_scenario_key *duration = mn_scenario_key_find("simulation.duration_h");
  for (int k = 0; k < sim->n_profile_times; k++) {
    if (sim->profile_times_s[k] <= sim->duration_s) continue;
    char list[512], last[64], end[64];
    MN_TRY(mn_scenario_format_value(ctx, s, times, list, sizeof list));
    MN_TRY(mn_scenario_format_value(ctx, s, duration, end, sizeof end));
    /* Enough digits to tell the time from the duration (24.000001 is not 24). */
    for (int p = 6; p <= 17; p++) {
      snprintf(last, sizeof last, "%.*g", p, sim->profile_times_s[k] / times->to_si);
      if (strtod(last, NULL) * times->to_si > sim->duration_s) break;
    }
    char where[MNI_WHERE_MAX];
    mni_scenario_where(ctx, s, times->path, where, sizeof where);
    return mni_fail(ctx, MN_E_CONFIG,
                    "%ssimulation.profile_times_h = %s h: element %d (%s h) is after the "
                    "end of the run, simulation.duration_h = %s h; expected times up to the "
                    "duration",
                    where, list, k + 1, last, end);
  }
  return MN_OK;
}

mn_status mni_scenario_check_population(mn_ctx *ctx, const mn_scenario *s,
                                        const char *where_shares, const char *where_age)
{
  const mn_scenario_population *p = &s->population;
  if (p->n_fitzpatrick_shares != 0) {
    double sum = 0.0;
    for (int t = 0; t < p->n_fitzpatrick_shares && t < 6; t++)
      sum += p->fitzpatrick_shares[t];
    if (p->n_fitzpatrick_shares != 6)
      return about(ctx,
                   mni_fail(ctx, MN_E_CONFIG,
                            "%spopulation.fitzpatrick.shares has %d elements; expected 6 (types "
                            "I to VI)",
                            where_shares ? where_shares : "scenario: ", p->n_fitzpatrick_shares),
                   s, "population.fitzpatrick.shares");
    /* The shares are written with a few digits: 1e-6 accepts their rounding, not a typo. */
    if (fabs(sum - 1.0) > 1e-6)
      return about(ctx,
                   mni_fail(ctx, MN_E_CONFIG,
                            "%spopulation.fitzpatrick.shares add up to %.6g; expected 1",
                            where_shares ? where_shares : "scenario: ", sum),
                   s, "population.fitzpatrick.shares");
  }
  if (!isnan(p->age_min_years) && !isnan(p->age_max_years) && p->age_min_years > p->age_max_years)
    return about(ctx,
                 mni_fail(ctx, MN_E_CONFIG,
                          "%spopulation.age_years.max = %g years is below population.age_years.min "
                          "= %g years; expected min <= max",
                          where_age ? where_age : "scenario: ", p->age_max_years,
                          p->age_min_years),
                 s, "population.age_years.max");
  return MN_OK;
}

/* Keys that only one device type reads; given for another type they are ignored. */
static void warn_other_device_keys(mn_ctx *ctx, const mn_scenario *s)
{
  static const struct {
    const char *path;
    mn_device_type type;
  } owned[] = {
      {"device.drum_diameter_mm", MN_DEVICE_ROLLER},   {"device.drum_width_mm", MN_DEVICE_ROLLER},
      {"device.stamp_width_mm", MN_DEVICE_STAMP},      {"device.stamp_height_mm", MN_DEVICE_STAMP},
      {"device.frequency_hz", MN_DEVICE_PEN},          {"device.glide_speed_mm_s", MN_DEVICE_PEN},
      {"device.cartridge_diameter_mm", MN_DEVICE_PEN},
      {"device.pulse_energy_mj", MN_DEVICE_FRACTIONAL_LASER},
      {"device.spot_diameter_um", MN_DEVICE_FRACTIONAL_LASER},
      {"device.pulse_ms", MN_DEVICE_FRACTIONAL_LASER},
      {"device.density_per_cm2", MN_DEVICE_FRACTIONAL_LASER},
      {"device.coverage_percent", MN_DEVICE_FRACTIONAL_LASER},
  };
  static const char *const needle_keys[] = {"device.needle_base_diameter_um",
                                            "device.needle_tip_radius_um",
                                            "device.needle_cone_angle_deg"};
  const mn_scenario_key *type_key = mn_scenario_key_find("device.type");
  for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++) {
    const mn_scenario_key *key = mn_scenario_key_find(owned[i].path);
    if (key == NULL || type_key == NULL || owned[i].type == s->device.type) continue;
    double d;
    memcpy(&d, mni_scenario_field_const(s, key), sizeof d);
    if (!isnan(d))
      mni_log(ctx, MN_LOG_WARN, "%s is ignored: device.type is %s, it applies to %s", key->path,
              type_key->enum_names[s->device.type], type_key->enum_names[owned[i].type]);
  }
  if (s->device.type != MN_DEVICE_FRACTIONAL_LASER) return;
  for (size_t i = 0; i < sizeof needle_keys / sizeof needle_keys[0]; i++) {
    const mn_scenario_key *key = mn_scenario_key_find(needle_keys[i]);
    double d;
    memcpy(&d, mni_scenario_field_const(s, key), sizeof d);
    if (!isnan(d))
      mni_log(ctx, MN_LOG_WARN, "%s is ignored: a fractional laser has no needles", key->path);
  }
  if (s->device.needles > 0)
    mni_log(ctx, MN_LOG_WARN, "device.needles is ignored: a fractional laser has no needles");
  if (!isnan(s->device.density_per_m2) && !isnan(s->device.coverage_fraction))
    mni_log(ctx, MN_LOG_WARN,
            "device.density_per_cm2 and device.coverage_percent are both given: the density "
            "is used");
}

mn_status mn_scenario_validate(mn_ctx *ctx, const mn_scenario *s)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, s != NULL, MN_E_ARG, "mn_scenario_validate: NULL argument");
  size_t n_keys = 0;
  const mn_scenario_key *keys = mn_scenario_keys(&n_keys);
  for (size_t i = 0; i < n_keys; i++) {
    mn_status st = check_key(ctx, s, &keys[i]);
    if (st != MN_OK) return about(ctx, st, s, keys[i].path);
  }
  mn_status st = check_profile_times(ctx, s);
  if (st != MN_OK) return about(ctx, st, s, "simulation.profile_times_h");
  MN_TRY(mni_scenario_check_population(ctx, s, NULL, NULL));
  char where[MNI_WHERE_MAX];
  mni_scenario_where(ctx, s, "skin.site", where, sizeof where);
  if (s->skin.site[0] == '\0')
    return mni_fail_key(ctx, MN_E_CONFIG, "skin.site", NULL, 0,
                        "%sskin.site is empty; expected a name from `mnsim sites`", where);
  mni_scenario_where(ctx, s, "formulation.compound", where, sizeof where);
  if (s->formulation.compound[0] == '\0' &&
      (isnan(s->formulation.molecular_weight_da) || isnan(s->formulation.log_kow)))
    return mni_fail_key(ctx, MN_E_CONFIG, "formulation.compound", NULL, 0,
                        "%sformulation.compound is empty, so the product is given by its "
                        "properties; expected formulation.molecular_weight_da and "
                        "formulation.log_kow (or a compound from `mnsim compounds`)",
                        where);
  if (s->device.type >= MN_DEVICE_ROLLER && s->device.type <= MN_DEVICE_FRACTIONAL_LASER)
    warn_other_device_keys(ctx, s);
  return MN_OK;
}
