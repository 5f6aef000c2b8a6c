/* The compound catalogue: the fields of an entry of data/compounds.yaml (the catalogue helper,
 * core/catalog_int.h, parses the file once per context; the strings point into it). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/catalog_int.h"
#include "transport/transport_int.h"

#define WHAT "data/compounds.yaml"

static mn_status read_entry(mn_ctx *ctx, const mni_catalog *cat, size_t index, void *entry)
{
  mn_compound *out = entry;
  struct fy_node *map = cat->items[index];
  out->name = cat->names[index];
  const char *e = out->name;
  out->label = out->name;
  out->kind = "small_molecule";
  out->melting_point_c = (double)NAN;
  out->vapour_pressure_pa = 0.0;
  MN_TRY(mni_yaml_string_opt(ctx, WHAT, e, map, "label", &out->label));
  MN_TRY(mni_yaml_string_opt(ctx, WHAT, e, map, "kind", &out->kind));
  MN_TRY(mni_yaml_double(ctx, WHAT, e, map, "molecular_weight_da", &out->molecular_weight_da));
  MN_TRY(mni_yaml_double(ctx, WHAT, e, map, "log_kow", &out->log_kow));
  MN_TRY(mni_yaml_double(ctx, WHAT, e, map, "water_solubility_mg_ml",
                         &out->water_solubility_kg_per_m3)); /* mg/mL = kg/m³ */
  MN_TRY(mni_yaml_double_opt(ctx, WHAT, e, map, "melting_point_c", &out->melting_point_c));
  MN_TRY(mni_yaml_double_opt(ctx, WHAT, e, map, "vapour_pressure_pa", &out->vapour_pressure_pa));
  MN_TRY(mni_yaml_string(ctx, WHAT, e, map, "source", &out->source));
  int line = mni_yaml_line(map);
  MN_REQUIRE(ctx, out->molecular_weight_da > 0, MN_E_CONFIG,
             WHAT ":%d: %s.molecular_weight_da = %g Da must be > 0", line, e,
             out->molecular_weight_da);
  MN_REQUIRE(ctx, out->water_solubility_kg_per_m3 > 0, MN_E_CONFIG,
             WHAT ":%d: %s.water_solubility_mg_ml = %g must be > 0", line, e,
             out->water_solubility_kg_per_m3);
  MN_REQUIRE(ctx, out->vapour_pressure_pa >= 0, MN_E_CONFIG,
             WHAT ":%d: %s.vapour_pressure_pa = %g Pa must be >= 0", line, e,
             out->vapour_pressure_pa);
  return MN_OK;
}

static const mni_catalog_schema schema = {.entry_size = sizeof(mn_compound),
                                          .parse_entry = read_entry};

mn_status mn_compounds_list(mn_ctx *ctx, const mn_compound **compounds, size_t *n)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, compounds != NULL && n != NULL, MN_E_ARG, "mn_compounds_list: NULL argument");
  const mni_catalog *cat = NULL;
  MN_TRY(mni_catalog_get(ctx, MNI_SLOT_COMPOUNDS, &schema, &cat));
  *compounds = cat->entries;
  *n = cat->n;
  return MN_OK;
}

mn_status mn_compound_find(mn_ctx *ctx, const char *name, const mn_compound **out)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, name != NULL && out != NULL, MN_E_ARG, "mn_compound_find: NULL argument");
  *out = NULL;
  const void *entry = NULL;
  MN_TRY(mni_catalog_lookup(ctx, MNI_SLOT_COMPOUNDS, &schema, name, &entry));
  *out = entry;
  return MN_OK;
}
