/* The compound catalogue: the fields of an entry of data/compounds.yaml (the catalogue helper,
 * core/catalog_int.h, parses the file once per context; the strings point into it). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/catalog_int.h"
#include "transport/transport_int.h"

/* The file of the entry being read: the built-in data file or a user's catalogue. */
#define WHAT mni_ctx_parse_file(ctx)

static const char *const ion_names[] = {"neutral", "acid", "base"};

const char *mn_ion_type_name(mn_ion_type t)
{
  return (unsigned)t < sizeof ion_names / sizeof ion_names[0] ? ion_names[t] : "?";
}

/* ion_type (required: every compound says how it ionises) and pka, which an acid or a base must
 * have and a neutral compound must not (absent or null): a pKa beside "neutral" would be read as
 * one that applies. */
static mn_status read_ionisation(mn_ctx *ctx, const char *e, struct fy_node *map, mn_compound *out)
{
  const char *type = NULL;
  MN_TRY(mni_yaml_string(ctx, WHAT, e, map, "ion_type", &type));
  const char *at = MNI_AT(mni_yaml_child(map, "ion_type"));
  size_t i = 0;
  while (i < sizeof ion_names / sizeof ion_names[0] && strcmp(type, ion_names[i]) != 0)
    i++;
  MN_REQUIRE(ctx, i < sizeof ion_names / sizeof ion_names[0], MN_E_CONFIG,
             "%s:%s: %s.ion_type: expected neutral, acid or base, got '%s'", WHAT, at, e, type);
  out->ion_type = (mn_ion_type)i;
  out->pka = (double)NAN;
  struct fy_node *pka = mni_yaml_child(map, "pka");
  const char *text = pka != NULL && fy_node_is_scalar(pka) ? fy_node_get_scalar0(pka) : NULL;
  int is_null =
      pka != NULL && text != NULL && (strcmp(text, "null") == 0 || strcmp(text, "~") == 0);
  if (pka != NULL && !is_null) MN_TRY(mni_yaml_double(ctx, WHAT, e, map, "pka", &out->pka));
  at = MNI_AT(pka != NULL ? pka : map);
  if (out->ion_type == MN_ION_NEUTRAL) {
    MN_REQUIRE(ctx, isnan(out->pka), MN_E_CONFIG,
               "%s:%s: %s.pka = %g given for a neutral compound (ion_type: acid or base, or "
               "no pka)",
               WHAT, at, e, out->pka);
  } else {
    MN_REQUIRE(ctx, !isnan(out->pka), MN_E_CONFIG, "%s:%s: %s: ion_type %s needs a pka", WHAT, at,
               e, type);
    MN_REQUIRE(ctx, out->pka > -2 && out->pka < 16, MN_E_CONFIG,
               "%s:%s: %s.pka = %g is outside -2..16", WHAT, at, e, out->pka);
  }
  return MN_OK;
}

/* density_g_cm3 (optional) and the salt form: a salt names its counter-ion and its own MW. */
static mn_status read_solid(mn_ctx *ctx, const char *e, struct fy_node *map, mn_compound *out)
{
  double density_g_cm3 = (double)NAN;
  MN_TRY(mni_yaml_double_opt(ctx, WHAT, e, map, "density_g_cm3", &density_g_cm3));
  const char *at = MNI_AT(map);
  MN_REQUIRE(ctx, isnan(density_g_cm3) || (density_g_cm3 > 0.5 && density_g_cm3 < 3), MN_E_CONFIG,
             "%s:%s: %s.density_g_cm3 = %g is outside 0.5..3 (an organic solid)", WHAT, at, e,
             density_g_cm3);
  out->density_kg_per_m3 = density_g_cm3 * 1000.0; /* g/cm³ -> kg/m³; NaN stays NaN */
  out->salt = NULL;
  out->salt_molecular_weight_da = (double)NAN;
  MN_TRY(mni_yaml_string_opt(ctx, WHAT, e, map, "salt", &out->salt));
  MN_TRY(mni_yaml_double_opt(ctx, WHAT, e, map, "salt_molecular_weight_da",
                             &out->salt_molecular_weight_da));
  MN_REQUIRE(ctx, (out->salt == NULL) == isnan(out->salt_molecular_weight_da), MN_E_CONFIG,
             "%s:%s: %s: salt and salt_molecular_weight_da go together", WHAT, at, e);
  MN_REQUIRE(ctx, out->salt == NULL || out->salt_molecular_weight_da > out->molecular_weight_da,
             MN_E_CONFIG,
             "%s:%s: %s.salt_molecular_weight_da = %g Da must exceed the free form's %g Da", WHAT,
             at, e, out->salt_molecular_weight_da, out->molecular_weight_da);
  return MN_OK;
}

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
  MN_TRY(read_ionisation(ctx, e, map, out));
  MN_TRY(read_solid(ctx, e, map, out));
  MN_REQUIRE(ctx, out->molecular_weight_da > 0, MN_E_CONFIG,
             "%s:%s: %s.molecular_weight_da = %g Da must be > 0", WHAT,
             MNI_AT(mni_yaml_child(map, "molecular_weight_da")), e, out->molecular_weight_da);
  MN_REQUIRE(ctx, out->water_solubility_kg_per_m3 > 0, MN_E_CONFIG,
             "%s:%s: %s.water_solubility_mg_ml = %g must be > 0", WHAT,
             MNI_AT(mni_yaml_child(map, "water_solubility_mg_ml")), e,
             out->water_solubility_kg_per_m3);
  MN_REQUIRE(ctx, out->vapour_pressure_pa >= 0, MN_E_CONFIG,
             "%s:%s: %s.vapour_pressure_pa = %g Pa must be >= 0", WHAT,
             MNI_AT(mni_yaml_child(map, "vapour_pressure_pa")), e, out->vapour_pressure_pa);
  return MN_OK;
}

static const mni_catalog_schema schema = {.entry_size = sizeof(mn_compound),
                                          .parse_entry = read_entry};

const mni_catalog_schema *mni_compound_schema(void)
{
  return &schema;
}

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
