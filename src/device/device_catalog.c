/* The device catalogue: the fields of an entry of data/devices.yaml (the catalogue helper,
 * core/catalog_int.h, parses the file once per context). Lengths in the file are in mm / um
 * (their keys say so) and are converted to SI here, once. */
#include <math.h>
#include <string.h>

#include "core/catalog_int.h"
#include "mnsim/device.h"

#define WHAT "data/devices.yaml"

const char *mn_device_type_name(mn_device_type type)
{
  switch (type) {
  case MN_DEVICE_ROLLER:
    return "roller";
  case MN_DEVICE_STAMP:
    return "stamp";
  case MN_DEVICE_PEN:
    return "pen";
  }
  return "unknown";
}

/* A number in the file's unit, converted by `to_si`; required. */
static mn_status get_si(mn_ctx *ctx, const char *entry, struct fy_node *map, const char *key,
                        double to_si, double *out)
{
  double v;
  MN_TRY(mni_yaml_double(ctx, WHAT, entry, map, key, &v));
  MN_REQUIRE(ctx, v >= 0.0, MN_E_CONFIG, "%s:%d: %s.%s = %g must be >= 0", WHAT,
             mni_yaml_line(mni_yaml_child(map, key)), entry, key, v);
  *out = v * to_si;
  return MN_OK;
}

static mn_status parse_type(mn_ctx *ctx, const char *entry, struct fy_node *map,
                            mn_device_type *out)
{
  const char *s;
  MN_TRY(mni_yaml_string(ctx, WHAT, entry, map, "type", &s));
  for (int t = MN_DEVICE_ROLLER; t <= MN_DEVICE_PEN; t++)
    if (strcmp(s, mn_device_type_name((mn_device_type)t)) == 0) {
      *out = (mn_device_type)t;
      return MN_OK;
    }
  return mni_fail(ctx, MN_E_CONFIG, "%s:%d: %s.type = '%s': expected roller | stamp | pen", WHAT,
                  mni_yaml_line(mni_yaml_child(map, "type")), entry, s);
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
