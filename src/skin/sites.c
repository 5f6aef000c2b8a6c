/* The table of body sites: data/sites.yaml, compiled into the library, parsed once per context
 * (slot MNI_SLOT_SITES) and checked on the way in, so a malformed table fails every call with
 * a message that names the line, the site and the key.
 *
 * Each site carries, per layer, the mean thickness in the key's unit (µm, or mm for the
 * subcutis), its between-person CV, and the citations of both; see docs/model.md section 1. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/catalog_int.h"
#include "mnsim/skin.h"
#include "skin/skin_int.h"

MNI_DECLARE_DATA(sites);

#define WHAT "data/sites.yaml"

typedef struct site_table {
  struct fy_document *doc; /* owns every string the sites point to */
  mn_site *sites;
  size_t n_sites;
} site_table;

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

static void table_destroy(mn_ctx *ctx, void *data)
{
  site_table *t = data;
  if (t == NULL) return;
  if (t->doc != NULL) fy_document_destroy(t->doc);
  mn_free(ctx, t->sites, t->n_sites * sizeof *t->sites);
  mn_free(ctx, t, sizeof *t);
}

/* Names are lowercase words joined by underscores (shared/SCENARIO.md). */
static int is_valid_name(const char *s)
{
  size_t n = strlen(s);
  if (n == 0 || n >= MN_NAME_MAX || s[0] == '_' || s[n - 1] == '_') return 0;
  for (size_t i = 0; i < n; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')) return 0;
  return 1;
}

static mn_status parse_bool(mn_ctx *ctx, const char *entry, struct fy_node *map, const char *key,
                            bool *out)
{
  const char *s = NULL;
  MN_TRY(mni_yaml_string(ctx, WHAT, entry, map, key, &s));
  if (strcmp(s, "true") == 0)
    *out = 1;
  else if (strcmp(s, "false") == 0)
    *out = 0;
  else
    return mni_fail(ctx, MN_E_CONFIG, "%s:%d: %s.%s: expected true or false, got '%s'", WHAT,
                    mni_yaml_line(mni_yaml_child(map, key)), entry, key, s);
  return MN_OK;
}

static mn_status parse_text(mn_ctx *ctx, const char *entry, struct fy_node *map, const char *key,
                            const char **out)
{
  MN_TRY(mni_yaml_string(ctx, WHAT, entry, map, key, out));
  MN_REQUIRE(ctx, (*out)[0] != '\0', MN_E_CONFIG, "%s:%d: %s.%s: must not be empty", WHAT,
             mni_yaml_line(mni_yaml_child(map, key)), entry, key);
  return MN_OK;
}

/* One layer: {mean, cv, source, cv_source}. */
static mn_status parse_layer(mn_ctx *ctx, const char *entry, struct fy_node *site_map, int layer,
                             mn_site *s)
{
  const char *key = layer_keys[layer].key;
  struct fy_node *map = mni_yaml_child(site_map, key);
  MN_REQUIRE(ctx, map != NULL && fy_node_is_mapping(map), MN_E_CONFIG,
             "%s:%d: %s: missing mapping '%s' (mean, cv, source, cv_source)", WHAT,
             mni_yaml_line(map ? map : site_map), entry, key);
  char where[MN_NAME_MAX + 32];
  snprintf(where, sizeof where, "%s.%s", entry, key);
  double mean = 0.0, cv = 0.0;
  const char *cv_source = NULL;
  MN_TRY(mni_yaml_double(ctx, WHAT, where, map, "mean", &mean));
  MN_TRY(mni_yaml_double(ctx, WHAT, where, map, "cv", &cv));
  MN_TRY(parse_text(ctx, where, map, "source", &s->source[layer]));
  MN_TRY(parse_text(ctx, where, map, "cv_source", &cv_source));
  MN_REQUIRE(ctx, mean > 0.0, MN_E_CONFIG, "%s:%d: %s.mean = %g must be > 0", WHAT,
             mni_yaml_line(map), where, mean);
  MN_REQUIRE(ctx, cv >= 0.0 && cv < 2.0, MN_E_CONFIG, "%s:%d: %s.cv = %g must be in [0, 2)", WHAT,
             mni_yaml_line(map), where, cv);
  s->thickness_m[layer] = mean * layer_keys[layer].to_m;
  s->cv[layer] = cv;
  return MN_OK;
}

static mn_status parse_site(mn_ctx *ctx, struct fy_node *map, size_t index, mn_site *s)
{
  char entry[32];
  snprintf(entry, sizeof entry, "sites[%zu]", index);
  MN_REQUIRE(ctx, fy_node_is_mapping(map), MN_E_CONFIG, "%s:%d: %s: expected a mapping", WHAT,
             mni_yaml_line(map), entry);
  MN_TRY(mni_yaml_string(ctx, WHAT, entry, map, "name", &s->name));
  MN_REQUIRE(ctx, is_valid_name(s->name), MN_E_CONFIG,
             "%s:%d: %s.name = '%s': expected lowercase words joined by underscores", WHAT,
             mni_yaml_line(map), entry, s->name);
  MN_TRY(parse_text(ctx, s->name, map, "label", &s->label));
  MN_TRY(mni_yaml_string(ctx, WHAT, s->name, map, "region", &s->region));
  int region_ok = 0;
  for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++)
    region_ok |= strcmp(s->region, regions[i]) == 0;
  MN_REQUIRE(ctx, region_ok, MN_E_CONFIG,
             "%s:%d: %s.region = '%s': expected face, neck, trunk or limb", WHAT,
             mni_yaml_line(mni_yaml_child(map, "region")), s->name, s->region);
  MN_TRY(parse_bool(ctx, s->name, map, "over_bone", &s->is_over_bone));
  const char *bone_source = NULL;
  MN_TRY(parse_text(ctx, s->name, map, "over_bone_source", &bone_source));
  for (int k = 0; k < MN_N_LAYERS; k++)
    MN_TRY(parse_layer(ctx, s->name, map, k, s));
  return MN_OK;
}

static mn_status table_parse(mn_ctx *ctx, site_table *t, const unsigned char *text, size_t len)
{
  MN_TRY(mni_yaml_parse(ctx, WHAT, text, len, &t->doc));
  struct fy_node *list = mni_yaml_child(fy_document_root(t->doc), "sites");
  MN_REQUIRE(ctx,
             list != NULL && fy_node_is_sequence(list) && fy_node_sequence_item_count(list) > 0,
             MN_E_CONFIG, "%s: expected a non-empty sequence 'sites'", WHAT);
  size_t n = (size_t)fy_node_sequence_item_count(list);
  t->sites = mn_calloc(ctx, n, sizeof *t->sites);
  if (t->sites == NULL) return MN_E_NOMEM;
  t->n_sites = n;
  void *iter = NULL;
  struct fy_node *item;
  for (size_t i = 0; (item = fy_node_sequence_iterate(list, &iter)) != NULL; i++) {
    MN_TRY(parse_site(ctx, item, i, &t->sites[i]));
    for (size_t j = 0; j < i; j++)
      MN_REQUIRE(ctx, strcmp(t->sites[j].name, t->sites[i].name) != 0, MN_E_CONFIG,
                 "%s:%d: site '%s' is listed twice", WHAT, mni_yaml_line(item), t->sites[i].name);
  }
  return MN_OK;
}

/* The table of this context, parsed on first use. */
static mn_status table_get(mn_ctx *ctx, const site_table **out)
{
  site_table *t = mni_ctx_slot_get(ctx, MNI_SLOT_SITES);
  if (t == NULL) {
    t = mn_calloc(ctx, 1, sizeof *t);
    if (t == NULL) return MN_E_NOMEM;
    mn_status st = table_parse(ctx, t, mni_data_sites_yaml, mni_data_sites_yaml_len);
    if (st != MN_OK) {
      table_destroy(ctx, t);
      return st;
    }
    mni_ctx_slot_set(ctx, MNI_SLOT_SITES, t, table_destroy);
  }
  *out = t;
  return MN_OK;
}

mn_status mni_sites_check_text(mn_ctx *ctx, const char *text, size_t len, size_t *n_sites)
{
  site_table *t = mn_calloc(ctx, 1, sizeof *t);
  if (t == NULL) return MN_E_NOMEM;
  mn_status st = table_parse(ctx, t, (const unsigned char *)text, len);
  if (st == MN_OK && n_sites != NULL) *n_sites = t->n_sites;
  table_destroy(ctx, t);
  return st;
}

mn_status mn_sites_list(mn_ctx *ctx, const mn_site **sites, size_t *n_sites)
{
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, sites != NULL && n_sites != NULL, MN_E_ARG, "mn_sites_list: NULL argument");
  const site_table *t = NULL;
  MN_TRY(table_get(ctx, &t));
  *sites = t->sites;
  *n_sites = t->n_sites;
  return MN_OK;
}

mn_status mn_site_find(mn_ctx *ctx, const char *name, const mn_site **site)
{
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, name != NULL && site != NULL, MN_E_ARG, "mn_site_find: NULL argument");
  *site = NULL;
  const site_table *t = NULL;
  MN_TRY(table_get(ctx, &t));
  for (size_t i = 0; i < t->n_sites; i++)
    if (strcmp(t->sites[i].name, name) == 0) {
      *site = &t->sites[i];
      return MN_OK;
    }
  char names[MNI_ERRMSG_MAX];
  size_t used = 0;
  names[0] = '\0';
  for (size_t i = 0; i < t->n_sites && used < sizeof names; i++) {
    int w = snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "", t->sites[i].name);
    if (w < 0) break;
    used += (size_t)w;
  }
  return mni_fail(ctx, MN_E_NOTFOUND, "unknown site '%.64s'; valid sites: %s", name, names);
}
