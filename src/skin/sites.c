/* The table of body sites: the fields of an entry of data/sites.yaml. The catalogue helper
 * (core/catalog_int.h) parses the file once per context and checks it on the way in, so a
 * malformed table fails every call with a message that names the line, the site and the key.
 *
 * Each site carries, per layer, the mean thickness in the key's unit (µm, or mm for the
 * subcutis), its between-person CV, and the citations of both; see docs/model.md section 1. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/catalog_int.h"
#include "mnsim/skin.h"
#include "skin/skin_int.h"

/* The file of the entry being read: the built-in data file or a user's catalogue. */
#define WHAT mni_ctx_parse_file(ctx)

/* Key of each layer in the YAML and the factor from its unit to metres. */
static const struct {
  const char *key;
  double to_m;
} layer_keys[MN_N_LAYERS] = {
    {"stratum_corneum_um", 1e-6},
    {"viable_epidermis_um", 1e-6},
    {"dermis_um", 1e-6},
    {"subcutis_mm", 1e-3},
};

static const char *const layer_names[MN_N_LAYERS] = {"stratum_corneum", "viable_epidermis",
                                                     "dermis", "subcutis"};

static const char *const regions[] = {"face", "neck", "trunk", "limb"};

const char *mn_layer_name(mn_layer_id layer)
{
  if ((int)layer < 0 || layer >= MN_N_LAYERS) return "unknown";
  return layer_names[layer];
}

/* One layer: {mean, cv, source, cv_source}. */
static mn_status parse_layer(mn_ctx *ctx, const char *entry, struct fy_node *site_map, int layer,
                             mn_site *s)
{
  const char *key = layer_keys[layer].key;
  struct fy_node *map = mni_yaml_child(site_map, key);
  MN_REQUIRE(ctx, map != NULL && fy_node_is_mapping(map), MN_E_CONFIG,
             "%s:%s: %s: missing mapping '%s' (mean, cv, source, cv_source)", WHAT,
             MNI_AT(map ? map : site_map), entry, key);
  char where[MN_NAME_MAX + 32];
  snprintf(where, sizeof where, "%s.%s", entry, key);
  double mean = 0.0, cv = 0.0;
  const char *cv_source = NULL;
  MN_TRY(mni_yaml_double(ctx, WHAT, where, map, "mean", &mean));
  MN_TRY(mni_yaml_double(ctx, WHAT, where, map, "cv", &cv));
  MN_TRY(mni_yaml_text(ctx, WHAT, where, map, "source", &s->source[layer]));
  MN_TRY(mni_yaml_text(ctx, WHAT, where, map, "cv_source", &cv_source));
  MN_REQUIRE(ctx, mean > 0.0, MN_E_CONFIG, "%s:%s: %s.mean = %g must be > 0", WHAT, MNI_AT(map),
             where, mean);
  MN_REQUIRE(ctx, cv >= 0.0 && cv < 2.0, MN_E_CONFIG, "%s:%s: %s.cv = %g must be in [0, 2)", WHAT,
             MNI_AT(map), where, cv);
  s->thickness_m[layer] = mean * layer_keys[layer].to_m;
  s->cv[layer] = cv;
  return MN_OK;
}

static mn_status parse_site(mn_ctx *ctx, const mni_catalog *cat, size_t index, void *entry)
{
  mn_site *s = entry;
  struct fy_node *map = cat->items[index];
  s->name = cat->names[index];
  MN_TRY(mni_yaml_text(ctx, WHAT, s->name, map, "label", &s->label));
  MN_TRY(mni_yaml_string(ctx, WHAT, s->name, map, "region", &s->region));
  int region_ok = 0;
  for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++)
    region_ok |= strcmp(s->region, regions[i]) == 0;
  MN_REQUIRE(ctx, region_ok, MN_E_CONFIG,
             "%s:%s: %s.region = '%s': expected face, neck, trunk or limb", WHAT,
             MNI_AT(mni_yaml_child(map, "region")), s->name, s->region);
  MN_TRY(mni_yaml_bool(ctx, WHAT, s->name, map, "over_bone", &s->is_over_bone));
  const char *bone_source = NULL;
  MN_TRY(mni_yaml_text(ctx, WHAT, s->name, map, "over_bone_source", &bone_source));
  for (int k = 0; k < MN_N_LAYERS; k++)
    MN_TRY(parse_layer(ctx, s->name, map, k, s));
  return MN_OK;
}

static const mni_catalog_schema schema = {.entry_size = sizeof(mn_site), .parse_entry = parse_site};

mn_status mni_sites_check_text(mn_ctx *ctx, const char *text, size_t len, size_t *n_sites)
{
  mni_catalog *cat = NULL;
  MN_TRY(mni_catalog_parse_text(ctx, MNI_SLOT_SITES, &schema, text, len, &cat));
  if (n_sites != NULL) *n_sites = cat->n;
  mni_catalog_destroy(ctx, cat);
  return MN_OK;
}

mn_status mn_sites_list(mn_ctx *ctx, const mn_site **sites, size_t *n_sites)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, sites != NULL && n_sites != NULL, MN_E_ARG, "mn_sites_list: NULL argument");
  const mni_catalog *cat = NULL;
  MN_TRY(mni_catalog_get(ctx, MNI_SLOT_SITES, &schema, &cat));
  *sites = cat->entries;
  *n_sites = cat->n;
  return MN_OK;
}

mn_status mn_site_find(mn_ctx *ctx, const char *name, const mn_site **site)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, name != NULL && site != NULL, MN_E_ARG, "mn_site_find: NULL argument");
  *site = NULL;
  const void *entry = NULL;
  MN_TRY(mni_catalog_lookup(ctx, MNI_SLOT_SITES, &schema, name, &entry));
  *site = entry;
  return MN_OK;
}
