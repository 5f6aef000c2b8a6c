/* mnsim devices [--json]: the catalogue of rollers, stamps and pens, for people or as JSON. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"

static void print_usage(FILE *f)
{
  fprintf(f, "usage: mnsim devices [--json | --names]\n\n"
             "Lists the devices a scenario can name in device.model. An empty device.model\n"
             "takes the generic device of device.type (the first of each type below); any\n"
             "device.* key of the scenario overrides the catalogue's value. 'length mm' is the\n"
             "range the device comes in (pens: depth settings); 'per pass' is needle entries per\n"
             "cm² and pass (stamps: per stamp); 'reach' is the share of a needle of the default\n"
             "length that goes into the skin at moderate pressure (docs/model.md, section 2).\n\n"
             "  --json   one JSON array on stdout: per device its name, label, type, setting,\n"
             "           the scenario's device keys in their units, punctures_per_cm2_per_pass,\n"
             "           depth_fraction_moderate and source\n"
             "  --names  the names only, one a line (for scripts and the shell completion)\n"
             "  --help   this text\n");
}

/* Ten significant digits: undoes the last-bit noise of the unit round trip. */
static double tidy(double v)
{
  char buf[32];
  snprintf(buf, sizeof buf, "%.10g", v);
  return strtod(buf, NULL);
}

/* Depth reached / length for a needle of the default length at moderate pressure, into
 * reference skin (epidermis + dermis 1 mm; docs/model.md §2). */
static double reach_moderate(mn_ctx *ctx, const mn_device *d)
{
  mn_scenario s = mn_scenario_default();
  s.treatment.pressure = MN_PRESSURE_MODERATE;
  s.treatment.force_n = NAN;
  mn_insertion ins;
  return mn_insertion_nominal(ctx, d, &s.treatment, &ins) == MN_OK ? ins.depth_fraction
                                                                   : (double)NAN;
}

static int add_num(cJSON *o, const char *key, double v)
{
  return isnan(v) || cJSON_AddNumberToObject(o, key, tidy(v)) != NULL;
}

static cJSON *device_json(mn_ctx *ctx, const mn_device *d)
{
  cJSON *o = cJSON_CreateObject();
  if (o == NULL) return NULL;
  int ok = cJSON_AddStringToObject(o, "name", d->name) != NULL &&
           cJSON_AddStringToObject(o, "label", d->label) != NULL &&
           cJSON_AddStringToObject(o, "type", mn_device_type_name(d->type)) != NULL &&
           cJSON_AddStringToObject(o, "setting", d->setting) != NULL &&
           add_num(o, "needle_length_mm", mn_m_to_mm(d->needle_length_m)) &&
           add_num(o, "length_min_mm", mn_m_to_mm(d->length_min_m)) &&
           add_num(o, "length_max_mm", mn_m_to_mm(d->length_max_m)) &&
           add_num(o, "length_step_mm", mn_m_to_mm(d->length_step_m)) &&
           add_num(o, "needle_base_diameter_um", mn_m_to_um(d->needle_base_diameter_m)) &&
           add_num(o, "needle_tip_radius_um", mn_m_to_um(d->needle_tip_radius_m)) &&
           add_num(o, "needle_cone_angle_deg", d->needle_cone_angle_deg) &&
           (d->type == MN_DEVICE_FRACTIONAL_LASER || add_num(o, "needles", d->needles));
  if (ok && d->type == MN_DEVICE_FRACTIONAL_LASER)
    ok = cJSON_AddStringToObject(o, "laser", mn_laser_name(d->laser)) != NULL &&
         add_num(o, "wavelength_nm", mn_laser_wavelength_nm(d->laser)) &&
         cJSON_AddBoolToObject(o, "ablative", mn_laser_is_ablative(d->laser)) != NULL &&
         add_num(o, "pulse_energy_mj", d->pulse_energy_j * 1e3) &&
         add_num(o, "pulse_energy_min_mj", d->pulse_energy_min_j * 1e3) &&
         add_num(o, "pulse_energy_max_mj", d->pulse_energy_max_j * 1e3) &&
         add_num(o, "spot_diameter_um", mn_m_to_um(d->spot_diameter_m)) &&
         add_num(o, "pulse_ms", d->pulse_s * 1e3) &&
         add_num(o, "density_per_cm2", d->density_per_m2 * 1e-4) &&
         add_num(o, "coverage_percent", d->coverage_fraction * 100.0);
  if (ok && d->type != MN_DEVICE_PEN && d->type != MN_DEVICE_FRACTIONAL_LASER)
    ok = add_num(o, "needle_rows", d->needle_rows);
  if (ok && d->type == MN_DEVICE_ROLLER)
    ok = add_num(o, "drum_diameter_mm", mn_m_to_mm(d->drum_diameter_m)) &&
         add_num(o, "drum_width_mm", mn_m_to_mm(d->drum_width_m));
  if (ok && d->type == MN_DEVICE_STAMP)
    ok = add_num(o, "stamp_width_mm", mn_m_to_mm(d->stamp_width_m)) &&
         add_num(o, "stamp_height_mm", mn_m_to_mm(d->stamp_height_m));
  if (ok && d->type == MN_DEVICE_PEN)
    ok = add_num(o, "frequency_hz", d->frequency_hz) &&
         add_num(o, "glide_speed_mm_s", mn_m_to_mm(d->glide_speed_m_per_s)) &&
         add_num(o, "cartridge_diameter_mm", mn_m_to_mm(d->cartridge_diameter_m));
  ok = ok &&
       add_num(o, "punctures_per_cm2_per_pass", 1e-4 * mn_device_punctures_per_m2_per_pass(d)) &&
       (d->type == MN_DEVICE_FRACTIONAL_LASER ||
        add_num(o, "depth_fraction_moderate", reach_moderate(ctx, d))) &&
       cJSON_AddStringToObject(o, "source", d->source) != NULL;
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static int print_json(mn_ctx *ctx, const mn_device *devices, size_t n)
{
  cJSON *arr = cJSON_CreateArray();
  for (size_t i = 0; arr != NULL && i < n; i++) {
    cJSON *o = device_json(ctx, &devices[i]);
    if (o != NULL && cJSON_AddStringToObject(
                         o, "origin", mn_cli_origin(ctx, "devices", devices[i].name)) == NULL) {
      cJSON_Delete(o);
      o = NULL;
    }
    if (o == NULL) {
      cJSON_Delete(arr);
      arr = NULL;
      break;
    }
    cJSON_AddItemToArray(arr, o);
  }
  char *text = arr ? cJSON_Print(arr) : NULL;
  cJSON_Delete(arr);
  if (text == NULL) {
    mn_cli_error("out of memory");
    return MN_EXIT_FAILED;
  }
  puts(text);
  cJSON_free(text);
  return MN_EXIT_OK;
}

static void print_table(mn_ctx *ctx, const mn_device *devices, size_t n)
{
  /* Written out because printf pads by bytes and "µ" and "²" take two. */
  printf("%s", "name             type    setting  needles  length mm    base µm  tip µm  "
               "per pass /cm²  reach");
  mn_cli_end_row(ctx, "devices", NULL);
  for (size_t i = 0; i < n; i++) {
    const mn_device *d = &devices[i];
    if (d->type == MN_DEVICE_FRACTIONAL_LASER) continue;
    char lengths[32];
    if (d->length_min_m == d->length_max_m)
      snprintf(lengths, sizeof lengths, "%g", mn_m_to_mm(d->length_min_m));
    else
      snprintf(lengths, sizeof lengths, "%g-%g", tidy(mn_m_to_mm(d->length_min_m)),
               tidy(mn_m_to_mm(d->length_max_m)));
    printf("%-16s %-7s %-8s %7d  %-10s %9.0f %7.0f %14.0f  %4.0f %%", d->name,
           mn_device_type_name(d->type), d->setting, d->needles, lengths,
           mn_m_to_um(d->needle_base_diameter_m), mn_m_to_um(d->needle_tip_radius_m),
           1e-4 * mn_device_punctures_per_m2_per_pass(d), 100.0 * reach_moderate(ctx, d));
    mn_cli_end_row(ctx, "devices", d->name);
  }
  printf("\n%s", "fractional lasers  line           nm      ablative  mJ (range)      spot µm  "
                 "pulse ms  per pass");
  mn_cli_end_row(ctx, "devices", NULL);
  for (size_t i = 0; i < n; i++) {
    const mn_device *d = &devices[i];
    if (d->type != MN_DEVICE_FRACTIONAL_LASER) continue;
    char energy[48], per_pass[32];
    snprintf(energy, sizeof energy, "%g (%g-%g)", tidy(d->pulse_energy_j * 1e3),
             tidy(d->pulse_energy_min_j * 1e3), tidy(d->pulse_energy_max_j * 1e3));
    if (d->density_per_m2 > 0.0)
      snprintf(per_pass, sizeof per_pass, "%g /cm²", tidy(d->density_per_m2 * 1e-4));
    else
      snprintf(per_pass, sizeof per_pass, "%g %% cover", tidy(d->coverage_fraction * 100.0));
    printf("%-18s %-14s %5.0f  %-8s  %-15s %7.0f  %8.3g  %s", d->name, mn_laser_name(d->laser),
           mn_laser_wavelength_nm(d->laser), mn_laser_is_ablative(d->laser) ? "yes" : "no", energy,
           mn_m_to_um(d->spot_diameter_m), d->pulse_s * 1e3, per_pass);
    mn_cli_end_row(ctx, "devices", d->name);
  }
  printf("\n'mnsim devices --json' gives every dimension and the source of each device.\n");
}

int mn_cmd_devices(int argc, char **argv); /* the entry in main.c's table */

int mn_cmd_devices(int argc, char **argv)
{
  int is_json = 0, is_names = 0;
  int exit_now = mn_cli_list_args("devices", argc, argv, print_usage, &is_json, &is_names);
  if (exit_now >= 0) return exit_now;
  mn_ctx *ctx = mn_cli_ctx_create();
  if (ctx == NULL) return MN_EXIT_FAILED;
  const mn_device *devices = NULL;
  size_t n = 0;
  mn_status st = mn_devices_list(ctx, &devices, &n);
  int rc = MN_EXIT_OK;
  if (st != MN_OK) {
    mn_cli_error("%s: %s", mn_status_str(st), mn_ctx_errmsg(ctx));
    rc = MN_EXIT_FAILED;
  } else if (is_names) {
    for (size_t i = 0; i < n; i++)
      printf("%s\n", devices[i].name);
  } else if (is_json) {
    rc = print_json(ctx, devices, n);
  } else {
    print_table(ctx, devices, n);
  }
  mn_ctx_destroy(&ctx);
  return rc;
}
