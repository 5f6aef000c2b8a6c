/* mnsim compounds [--json]: the compound catalogue with the transport properties derived from
 * it, for people or as JSON. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
/* The WKN stratum corneum has no public function (runs use it through skin.barrier_model: wkn);
 * the CLI links the static library, which exposes the internal mni_ functions. */
#include "transport/transport_int.h"

/* A compound without a density in the catalogue: the WKN saturation cap takes this one, and the
 * JSON says it is assumed (water's; it only matters when K_sc S(32 °C) exceeds it). */
#define DEFAULT_DENSITY_KG_PER_M3 1000.0

static void print_usage(FILE *f)
{
  fprintf(f, "usage: mnsim compounds [--json | --names]\n\n"
             "Lists the actives a scenario can name in formulation.compound: molecular weight\n"
             "(Da), log Kow, water solubility (mg/mL), and the stratum corneum's permeability\n"
             "kp (cm/h) as runs derive it (skin.barrier_model wkn, a product at pH 5.5: the\n"
             "un-ionised fraction counts), open to the air (partially hydrated) and covered\n"
             "(fully hydrated), and the aqueous diffusivity (cm²/s, Hayduk-Laudie). Any of these\n"
             "can be replaced in the scenario by a measured value (formulation.kp_cm_h,\n"
             ".sc_partition, ...).\n\n"
             "  --json   one JSON array on stdout: per compound name, label, kind,\n"
             "           molecular_weight_da, log_kow, water_solubility_mg_ml, melting_point_c\n"
             "           (null if none), vapour_pressure_pa, source, and the derived\n"
             "           kp_potts_guy_cm_h, kp_ve_cap_cm_h, kp_intact_cm_h, sc_partition,\n"
             "           sc_diffusivity_cm2_s, aqueous_diffusivity_cm2_s, ion_type (neutral,\n"
             "           acid or base), pka (null if none); and sc_wkn, the brick-\n"
             "           and-mortar stratum corneum of Wang, Kasting & Nitsche (what runs with\n"
             "           skin.barrier_model: wkn use): density_kg_m3, density_assumed,\n"
             "           in_calibrated_range\n"
             "           and per state (partial: unoccluded, full: occluded) K_sc,\n"
             "           D_sc_cm2_s, kp_cm_h, thickness_um (the neutral form); kp_sc_open_cm_h\n"
             "           and kp_sc_covered_cm_h, the SC's kp of a run at pH 5.5 (ions counted)\n"
             "  --names  the names only, one a line (for scripts and the shell completion)\n"
             "  --help   this text\n");
}

static mn_status derive(mn_ctx *ctx, const mn_compound *c, mn_compound_props *p)
{
  mn_scenario s = mn_scenario_default();
  snprintf(s.formulation.compound, sizeof s.formulation.compound, "%s", c->name);
  return mn_compound_props_derive(ctx, &s.formulation, p);
}

/* The SC's kp a run derives for the compound at the default pH, partially (is_full 0) or fully
 * hydrated: K_sc D_sc / thickness of that state. */
static mn_status run_kp_cm_h(mn_ctx *ctx, const mn_compound *c, int is_full, double *kp)
{
  mn_scenario s = mn_scenario_default();
  snprintf(s.formulation.compound, sizeof s.formulation.compound, "%s", c->name);
  s.skin.hydration = is_full ? MN_HYDRATION_FULL : MN_HYDRATION_PARTIAL;
  mn_compound_props p;
  mn_status st = mn_compound_props_derive_scenario(ctx, &s, &p);
  if (st != MN_OK) return st;
  double h = is_full ? MNI_WKN_SC_FULL_M : MNI_WKN_SC_PARTIAL_M;
  *kp = mn_m_per_s_to_cm_per_h(p.K_sc * p.D_sc_m2_per_s / h);
  return MN_OK;
}

static double density_of(const mn_compound *c)
{
  return isnan(c->density_kg_per_m3) ? DEFAULT_DENSITY_KG_PER_M3 : c->density_kg_per_m3;
}

/* Both hydration states of the WKN stratum corneum. */
static mn_status derive_wkn(mn_ctx *ctx, const mn_compound *c, mni_wkn_sc_result wkn[2])
{
  for (int h = 0; h < 2; h++) {
    mn_status st =
        mni_wkn_sc(ctx, c->molecular_weight_da, c->log_kow, c->water_solubility_kg_per_m3,
                   density_of(c), h == 0 ? MNI_SC_PARTIAL : MNI_SC_FULL, &wkn[h]);
    if (st != MN_OK) return st;
  }
  return MN_OK;
}

static cJSON *wkn_state_json(const mni_wkn_sc_result *r)
{
  cJSON *o = cJSON_CreateObject();
  if (o == NULL) return NULL;
  int ok = cJSON_AddNumberToObject(o, "K_sc", r->K_sc) != NULL &&
           cJSON_AddNumberToObject(o, "D_sc_cm2_s", mn_m2_per_s_to_cm2_per_s(r->D_sc_m2_per_s)) !=
               NULL &&
           cJSON_AddNumberToObject(o, "kp_cm_h", mn_m_per_s_to_cm_per_h(r->kp_m_per_s)) != NULL &&
           cJSON_AddNumberToObject(o, "thickness_um", mn_m_to_um(r->thickness_m)) != NULL;
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static cJSON *wkn_json(const mn_compound *c, const mni_wkn_sc_result wkn[2])
{
  cJSON *o = cJSON_CreateObject();
  if (o == NULL) return NULL;
  cJSON *part = wkn_state_json(&wkn[0]);
  if (part != NULL) cJSON_AddItemToObject(o, "partial", part);
  cJSON *full = wkn_state_json(&wkn[1]);
  if (full != NULL) cJSON_AddItemToObject(o, "full", full);
  int ok = part != NULL && full != NULL &&
           cJSON_AddNumberToObject(o, "density_kg_m3", density_of(c)) != NULL &&
           cJSON_AddBoolToObject(o, "density_assumed", isnan(c->density_kg_per_m3)) != NULL &&
           cJSON_AddBoolToObject(o, "in_calibrated_range", wkn[0].is_in_calibrated_range) != NULL;
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static cJSON *compound_json(const mn_compound *c, const mn_compound_props *p,
                            const mni_wkn_sc_result wkn[2], const double kp_run[2])
{
  cJSON *o = cJSON_CreateObject();
  if (o == NULL) return NULL;
  int ok =
      cJSON_AddStringToObject(o, "name", c->name) != NULL &&
      cJSON_AddStringToObject(o, "label", c->label) != NULL &&
      cJSON_AddStringToObject(o, "kind", c->kind) != NULL &&
      cJSON_AddNumberToObject(o, "molecular_weight_da", c->molecular_weight_da) != NULL &&
      cJSON_AddNumberToObject(o, "log_kow", c->log_kow) != NULL &&
      cJSON_AddNumberToObject(o, "water_solubility_mg_ml", c->water_solubility_kg_per_m3) != NULL &&
      (isnan(c->melting_point_c)
           ? cJSON_AddNullToObject(o, "melting_point_c")
           : cJSON_AddNumberToObject(o, "melting_point_c", c->melting_point_c)) != NULL &&
      cJSON_AddNumberToObject(o, "vapour_pressure_pa", c->vapour_pressure_pa) != NULL &&
      cJSON_AddNumberToObject(o, "kp_potts_guy_cm_h",
                              mn_m_per_s_to_cm_per_h(p->kp_potts_guy_m_per_s)) != NULL &&
      cJSON_AddNumberToObject(o, "kp_ve_cap_cm_h", mn_m_per_s_to_cm_per_h(p->kp_ve_cap_m_per_s)) !=
          NULL &&
      cJSON_AddNumberToObject(o, "kp_intact_cm_h", mn_m_per_s_to_cm_per_h(p->kp_intact_m_per_s)) !=
          NULL &&
      cJSON_AddNumberToObject(o, "sc_partition", p->K_sc) != NULL &&
      cJSON_AddNumberToObject(o, "sc_diffusivity_cm2_s",
                              mn_m2_per_s_to_cm2_per_s(p->D_sc_m2_per_s)) != NULL &&
      cJSON_AddNumberToObject(o, "aqueous_diffusivity_cm2_s",
                              mn_m2_per_s_to_cm2_per_s(p->D_aq_m2_per_s)) != NULL &&
      cJSON_AddStringToObject(o, "source", c->source) != NULL;
  ok = ok && cJSON_AddStringToObject(o, "ion_type", mn_ion_type_name(c->ion_type)) != NULL &&
       (isnan(c->pka) ? cJSON_AddNullToObject(o, "pka")
                      : cJSON_AddNumberToObject(o, "pka", c->pka)) != NULL &&
       cJSON_AddNumberToObject(o, "kp_sc_open_cm_h", kp_run[0]) != NULL &&
       cJSON_AddNumberToObject(o, "kp_sc_covered_cm_h", kp_run[1]) != NULL;
  cJSON *w = ok ? wkn_json(c, wkn) : NULL;
  if (w != NULL) cJSON_AddItemToObject(o, "sc_wkn", w);
  if (!ok || w == NULL) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

int mn_cmd_compounds(int argc, char **argv); /* the entry in main.c's table */

int mn_cmd_compounds(int argc, char **argv)
{
  int is_json = 0, is_names = 0;
  int exit_now = mn_cli_list_args("compounds", argc, argv, print_usage, &is_json, &is_names);
  if (exit_now >= 0) return exit_now;
  mn_ctx *ctx = mn_cli_ctx_create();
  if (ctx == NULL) return MN_EXIT_FAILED;
  const mn_compound *list = NULL;
  size_t n = 0;
  int rc = MN_EXIT_OK;
  cJSON *arr = NULL;
  mn_status st = mn_compounds_list(ctx, &list, &n);
  if (st != MN_OK) goto fail;
  if (is_names) {
    for (size_t i = 0; i < n; i++)
      printf("%s\n", list[i].name);
    mn_ctx_destroy(&ctx);
    return MN_EXIT_OK;
  }
  if (is_json && (arr = cJSON_CreateArray()) == NULL) goto nomem;
  if (!is_json) {
    printf("%s", "name                    MW Da  log Kow  solubility mg/mL  kp SC cm/h: open"
                 "   covered  D_aq cm²/s  ion      pKa");
    mn_cli_end_row(ctx, "compounds", NULL);
  }
  for (size_t i = 0; i < n; i++) {
    mn_compound_props p;
    double kp_run[2];
    if ((st = derive(ctx, &list[i], &p)) != MN_OK ||
        (st = run_kp_cm_h(ctx, &list[i], 0, &kp_run[0])) != MN_OK ||
        (st = run_kp_cm_h(ctx, &list[i], 1, &kp_run[1])) != MN_OK)
      goto fail;
    if (is_json) {
      mni_wkn_sc_result wkn[2];
      if ((st = derive_wkn(ctx, &list[i], wkn)) != MN_OK) goto fail;
      cJSON *o = compound_json(&list[i], &p, wkn, kp_run);
      if (o == NULL) goto nomem;
      cJSON_AddItemToArray(arr, o);
      if (cJSON_AddStringToObject(o, "origin", mn_cli_origin(ctx, "compounds", list[i].name)) ==
          NULL)
        goto nomem;
    } else {
      char pka[16] = "-"; /* none: neutral */
      if (!isnan(list[i].pka)) snprintf(pka, sizeof pka, "%.3g", list[i].pka);
      printf("%-22s %7.6g %8.3g %17.3g %16.3g %9.3g %11.3g  %-7s %4s", list[i].name,
             list[i].molecular_weight_da, list[i].log_kow, list[i].water_solubility_kg_per_m3,
             kp_run[0], kp_run[1], mn_m2_per_s_to_cm2_per_s(p.D_aq_m2_per_s),
             mn_ion_type_name(list[i].ion_type), pka);
      mn_cli_end_row(ctx, "compounds", list[i].name);
    }
  }
  if (is_json) {
    char *text = cJSON_Print(arr);
    if (text == NULL) goto nomem;
    puts(text);
    cJSON_free(text);
  } else {
    printf("\nkp SC: the brick-and-mortar stratum corneum of Wang, Kasting & Nitsche, partially\n"
           "(open to the air) and fully hydrated (covered), at pH 5.5 (ionised forms cross 100x\n"
           "more slowly); 'mnsim compounds --json' gives every value's source.\n");
  }
  cJSON_Delete(arr);
  mn_ctx_destroy(&ctx);
  return rc;
nomem:
  mn_cli_error("out of memory");
  cJSON_Delete(arr);
  mn_ctx_destroy(&ctx);
  return MN_EXIT_FAILED;
fail:
  mn_cli_error("%s: %s", mn_status_str(st), mn_ctx_errmsg(ctx));
  cJSON_Delete(arr);
  mn_ctx_destroy(&ctx);
  return MN_EXIT_FAILED;
}
