/* The device catalogue: the fields of an entry of data/devices.yaml (the catalogue helper,
 * core/catalog_int.h, parses the file once per context). Lengths in the file are in mm / um
 * (their keys say so) and are converted to SI here, once. */
#include <math.h>
#include <string.h>

#include "core/catalog_int.h"
#include "mnsim/device.h"

/* The file of the entry being read: the built-in data file or a user's catalogue. */
#define WHAT mni_ctx_parse_file(ctx)

const char *mn_device_type_name(mn_device_type type)
{
  switch (type) {
  case MN_DEVICE_ROLLER:
    return "roller";
  case MN_DEVICE_STAMP:
    return "stamp";
  case MN_DEVICE_PEN:
    return "pen";
  case MN_DEVICE_FRACTIONAL_LASER:
    return "fractional_laser";
  }
  return "unknown";
}

static const struct {
  const char *name;
  double wavelength_nm;
  bool is_ablative;
} LASERS[] = {{"co2", 10600.0, true},
              {"er_yag", 2940.0, true},
              {"er_glass_1550", 1550.0, false},
              {"er_glass_1540", 1540.0, false},
              {"nd_yap_1340", 1340.0, false}};
#define N_LASERS (sizeof LASERS / sizeof LASERS[0])

const char *mn_laser_name(mn_laser laser)
{
  return (unsigned)laser < N_LASERS ? LASERS[laser].name : "unknown";
}
double mn_laser_wavelength_nm(mn_laser laser)
{
  return (unsigned)laser < N_LASERS ? LASERS[laser].wavelength_nm : (double)NAN;
}
bool mn_laser_is_ablative(mn_laser laser)
{
  return (unsigned)laser < N_LASERS && LASERS[laser].is_ablative;
}

/* A number in the file's unit, converted by `to_si`; required. */
static mn_status get_si(mn_ctx *ctx, const char *entry, struct fy_node *map, const char *key,
                        double to_si, double *out)
{
  double v;
  MN_TRY(mni_yaml_double(ctx, WHAT, entry, map, key, &v));
  MN_REQUIRE(ctx, v >= 0.0, MN_E_CONFIG, "%s:%s: %s.%s = %g must be >= 0", WHAT,
             MNI_AT(mni_yaml_child(map, key)), entry, key, v);
  *out = v * to_si;
  return MN_OK;
}

static mn_status parse_type(mn_ctx *ctx, const char *entry, struct fy_node *map,
                            mn_device_type *out)
{
  const char *s;
  MN_TRY(mni_yaml_string(ctx, WHAT, entry, map, "type", &s));
  for (int t = MN_DEVICE_ROLLER; t <= MN_DEVICE_FRACTIONAL_LASER; t++)
    if (strcmp(s, mn_device_type_name((mn_device_type)t)) == 0) {
      *out = (mn_device_type)t;
      return MN_OK;
    }
  return mni_fail(ctx, MN_E_CONFIG,
                  "%s:%s: %s.type = '%s': expected roller | stamp | pen | fractional_laser", WHAT,
                  MNI_AT(mni_yaml_child(map, "type")), entry, s);
}

/* A laser's line, its pulse and its density (zones per cm^2 and pass) or its coverage (%). */
static mn_status parse_laser(mn_ctx *ctx, const char *entry, struct fy_node *map, mn_device *d)
{
  const char *s;
  MN_TRY(mni_yaml_string(ctx, WHAT, entry, map, "laser", &s));
  size_t k = 0;
  while (k < N_LASERS && strcmp(s, LASERS[k].name) != 0)
    k++;
  MN_REQUIRE(ctx, k < N_LASERS, MN_E_CONFIG,
             "%s:%s: %s.laser = '%s': expected co2 | er_yag | er_glass_1550 | er_glass_1540 | "
             "nd_yap_1340",
             WHAT, MNI_AT(mni_yaml_child(map, "laser")), entry, s);
  d->laser = (mn_laser)k;
  MN_TRY(get_si(ctx, entry, map, "pulse_energy_mj", 1e-3, &d->pulse_energy_j));
  MN_TRY(get_si(ctx, entry, map, "pulse_energy_min_mj", 1e-3, &d->pulse_energy_min_j));
  MN_TRY(get_si(ctx, entry, map, "pulse_energy_max_mj", 1e-3, &d->pulse_energy_max_j));
  MN_TRY(get_si(ctx, entry, map, "spot_diameter_um", 1e-6, &d->spot_diameter_m));
  MN_TRY(get_si(ctx, entry, map, "pulse_ms", 1e-3, &d->pulse_s));
  MN_TRY(mni_yaml_int(ctx, WHAT, entry, map, "usual_passes", &d->usual_passes));
  MN_REQUIRE(ctx, d->usual_passes >= 1, MN_E_CONFIG, "%s: %s.usual_passes = %d must be >= 1",
             WHAT, entry, d->usual_passes);
  bool by_density = mni_yaml_child(map, "density_per_cm2") != NULL;
  bool by_coverage = mni_yaml_child(map, "coverage_percent") != NULL;
  MN_REQUIRE(ctx, by_density != by_coverage, MN_E_CONFIG,
             "%s:%s: %s: expected exactly one of density_per_cm2 and coverage_percent", WHAT,
             MNI_AT(map), entry);
  if (by_density)
    MN_TRY(get_si(ctx, entry, map, "density_per_cm2", 1e4, &d->density_per_m2));
  else
    MN_TRY(get_si(ctx, entry, map, "coverage_percent", 0.01, &d->coverage_fraction));
  return MN_OK;
}

static mn_status parse_device(mn_ctx *ctx, const mni_catalog *cat, size_t index, void *entry)
{
  mn_device *d = entry;
  struct fy_node *map = cat->items[index];
  const char *name = cat->names[index];
  d->name = name;
  d->drum_diameter_m = d->drum_width_m = NAN;
  d->stamp_width_m = d->stamp_height_m = NAN;
  d->frequency_hz = d->glide_speed_m_per_s = d->cartridge_diameter_m = NAN;
  MN_TRY(mni_yaml_string(ctx, WHAT, name, map, "label", &d->label));
  MN_TRY(mni_yaml_string(ctx, WHAT, name, map, "setting", &d->setting));
  MN_TRY(mni_yaml_string(ctx, WHAT, name, map, "source", &d->source));
  MN_TRY(parse_type(ctx, name, map, &d->type));
  d->pulse_energy_j = d->pulse_energy_min_j = d->pulse_energy_max_j = NAN;
  d->spot_diameter_m = d->pulse_s = d->density_per_m2 = d->coverage_fraction = NAN;
  if (d->type == MN_DEVICE_FRACTIONAL_LASER) {
    d->needle_length_m = d->length_min_m = d->length_max_m = NAN;
    d->needle_base_diameter_m = d->needle_tip_radius_m = d->needle_cone_angle_deg = NAN;
    d->length_step_m = 0.0;
    return parse_laser(ctx, name, map, d);
  }
  MN_TRY(get_si(ctx, name, map, "needle_length_mm", 1e-3, &d->needle_length_m));
  MN_TRY(get_si(ctx, name, map, "length_min_mm", 1e-3, &d->length_min_m));
  MN_TRY(get_si(ctx, name, map, "length_max_mm", 1e-3, &d->length_max_m));
  MN_TRY(get_si(ctx, name, map, "length_step_mm", 1e-3, &d->length_step_m));
  MN_TRY(get_si(ctx, name, map, "needle_base_diameter_um", 1e-6, &d->needle_base_diameter_m));
  MN_TRY(get_si(ctx, name, map, "needle_tip_radius_um", 1e-6, &d->needle_tip_radius_m));
  MN_TRY(get_si(ctx, name, map, "needle_cone_angle_deg", 1.0, &d->needle_cone_angle_deg));
  MN_TRY(mni_yaml_int(ctx, WHAT, name, map, "needles", &d->needles));
  switch (d->type) {
  case MN_DEVICE_ROLLER:
    MN_TRY(mni_yaml_int(ctx, WHAT, name, map, "needle_rows", &d->needle_rows));
    MN_TRY(get_si(ctx, name, map, "drum_diameter_mm", 1e-3, &d->drum_diameter_m));
    MN_TRY(get_si(ctx, name, map, "drum_width_mm", 1e-3, &d->drum_width_m));
    break;
  case MN_DEVICE_STAMP:
    MN_TRY(mni_yaml_int(ctx, WHAT, name, map, "needle_rows", &d->needle_rows));
    MN_TRY(get_si(ctx, name, map, "stamp_width_mm", 1e-3, &d->stamp_width_m));
    MN_TRY(get_si(ctx, name, map, "stamp_height_mm", 1e-3, &d->stamp_height_m));
    break;
  case MN_DEVICE_PEN:
    MN_TRY(get_si(ctx, name, map, "frequency_hz", 1.0, &d->frequency_hz));
    MN_TRY(get_si(ctx, name, map, "glide_speed_mm_s", 1e-3, &d->glide_speed_m_per_s));
    MN_TRY(get_si(ctx, name, map, "cartridge_diameter_mm", 1e-3, &d->cartridge_diameter_m));
    break;
  case MN_DEVICE_FRACTIONAL_LASER:
    break;
  }
  MN_REQUIRE(ctx, d->needles >= 1, MN_E_CONFIG, "%s: %s.needles = %d must be >= 1", WHAT, name,
             d->needles);
  return MN_OK;
}

static const mni_catalog_schema schema = {.entry_size = sizeof(mn_device),
                                          .parse_entry = parse_device};

mn_status mn_devices_list(mn_ctx *ctx, const mn_device **devices, size_t *n_devices)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, devices != NULL && n_devices != NULL, MN_E_ARG, "mn_devices_list: NULL argument");
  const mni_catalog *cat = NULL;
  MN_TRY(mni_catalog_get(ctx, MNI_SLOT_DEVICES, &schema, &cat));
  *devices = cat->entries;
  *n_devices = cat->n;
  return MN_OK;
}

mn_status mn_device_find(mn_ctx *ctx, const char *name, const mn_device **device)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, name != NULL && device != NULL, MN_E_ARG, "mn_device_find: NULL argument");
  *device = NULL;
  const void *entry = NULL;
  MN_TRY(mni_catalog_lookup(ctx, MNI_SLOT_DEVICES, &schema, name, &entry));
  *device = entry;
  return MN_OK;
}
