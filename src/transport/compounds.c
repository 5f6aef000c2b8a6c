/* The compound catalogue: data/compounds.yaml, parsed once per context (slot
 * MNI_SLOT_COMPOUNDS). Strings point into the parsed document, which lives as long as the
 * context. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/catalog_int.h"
#include "transport/transport_int.h"

MNI_DECLARE_DATA(compounds);

#define WHAT "data/compounds.yaml"

typedef struct catalogue {
  struct fy_document *doc;
  mn_compound *items;
  size_t n;
} catalogue;

static void catalogue_destroy(mn_ctx *ctx, void *data)
{
  catalogue *c = data;
  if (c == NULL) return;
  mn_free(ctx, c->items, c->n * sizeof *c->items);
  if (c->doc != NULL) fy_document_destroy(c->doc);
  mn_free(ctx, c, sizeof *c);
}

static mn_status read_entry(mn_ctx *ctx, struct fy_node *map, mn_compound *out)
{
  memset(out, 0, sizeof *out);
  MN_TRY(mni_yaml_string(ctx, WHAT, "compound", map, "name", &out->name));
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

static mn_status load(mn_ctx *ctx, catalogue **out)
{
  catalogue *c = mni_ctx_slot_get(ctx, MNI_SLOT_COMPOUNDS);
  if (c != NULL) {
    *out = c;
    return MN_OK;
  }
  mn_status st = MN_OK;
  c = mn_calloc(ctx, 1, sizeof *c);
  if (c == NULL) return MN_E_NOMEM;
  MN_CHECK_GOTO(
      mni_yaml_parse(ctx, WHAT, mni_data_compounds_yaml, mni_data_compounds_yaml_len, &c->doc));
  struct fy_node *list = mni_yaml_child(fy_document_root(c->doc), "compounds");
  if (list == NULL || !fy_node_is_sequence(list) || fy_node_sequence_item_count(list) <= 0) {
    st = mni_fail(ctx, MN_E_CONFIG, WHAT ": expected a non-empty list 'compounds'");
    goto fail;
  }
  size_t n = (size_t)fy_node_sequence_item_count(list);
  c->items = mn_calloc(ctx, n, sizeof *c->items);
  if (c->items == NULL) {
    st = MN_E_NOMEM;
    goto fail;
  }
  c->n = n;
  void *iter = NULL;
  for (size_t i = 0; i < n; i++) {
    struct fy_node *map = fy_node_sequence_iterate(list, &iter);
    MN_CHECK_GOTO(read_entry(ctx, map, &c->items[i]));
    for (size_t j = 0; j < i; j++)
      if (strcmp(c->items[j].name, c->items[i].name) == 0) {
        st = mni_fail(ctx, MN_E_CONFIG, WHAT ":%d: compound '%s' is listed twice",
                      mni_yaml_line(map), c->items[i].name);
        goto fail;
      }
  }
  mni_ctx_slot_set(ctx, MNI_SLOT_COMPOUNDS, c, catalogue_destroy);
  *out = c;
  return MN_OK;
fail:
  catalogue_destroy(ctx, c);
  return st;
}

mn_status mn_compounds_list(mn_ctx *ctx, const mn_compound **compounds, size_t *n)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, compounds != NULL && n != NULL, MN_E_ARG, "mn_compounds_list: NULL argument");
  catalogue *c = NULL;
  MN_TRY(load(ctx, &c));
  *compounds = c->items;
  *n = c->n;
  return MN_OK;
}

mn_status mn_compound_find(mn_ctx *ctx, const char *name, const mn_compound **out)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, name != NULL && out != NULL, MN_E_ARG, "mn_compound_find: NULL argument");
  *out = NULL;
  catalogue *c = NULL;
  MN_TRY(load(ctx, &c));
  for (size_t i = 0; i < c->n; i++)
    if (strcmp(c->items[i].name, name) == 0) {
      *out = &c->items[i];
      return MN_OK;
    }
  char names[600] = "";
  size_t used = 0;
  for (size_t i = 0; i < c->n && used + 2 < sizeof names; i++) {
    int k = snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "", c->items[i].name);
    if (k < 0) break;
    used += (size_t)k;
  }
  return mni_fail(ctx, MN_E_NOTFOUND, "formulation.compound = '%s': unknown compound (known: %s)",
                  name, names);
}
