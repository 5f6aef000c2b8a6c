/* mnsim sites [--json]: the table of body sites, for people or as JSON. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"

static void print_usage(FILE *f)
{
  fprintf(f, "usage: mnsim sites [--json | --names]\n\n"
             "Lists the body sites a scenario can name in skin.site, with the mean thickness of\n"
             "each layer: stratum corneum (SC), viable epidermis (VE) and dermis in µm, subcutis\n"
             "in mm. '*' marks thin skin over bone, where the planner caps needle depth.\n\n"
             "  --json   one JSON array on stdout: per site name, label, region, over_bone,\n"
             "           stratum_corneum_um, viable_epidermis_um, dermis_um, subcutis_mm,\n"
             "           cv (between-person coefficient of variation per layer) and sources\n"
             "           (the citation of each layer's thickness)\n"
             "  --names  the names only, one a line (for scripts and the shell completion)\n"
             "  --help   this text\n");
}

/* User units of each layer: µm, µm, µm, mm. */
static double in_user_unit(int layer, double m)
{
  return layer == MN_LAYER_SUBCUTIS ? mn_m_to_mm(m) : mn_m_to_um(m);
}

/* Ten significant digits: undoes the last-bit noise of the unit round trip (13 µm, not
 * 12.999999999999998). */
static double tidy(double v)
{
  char buf[32];
  snprintf(buf, sizeof buf, "%.10g", v);
  return strtod(buf, NULL);
}

static const char *const json_thickness_keys[MN_N_LAYERS] = {
    "stratum_corneum_um", "viable_epidermis_um", "dermis_um", "subcutis_mm"};

static cJSON *site_json(const mn_site *s)
{
  cJSON *o = cJSON_CreateObject();
  cJSON *cv = cJSON_CreateObject();
  cJSON *src = cJSON_CreateObject();
  if (o == NULL || cv == NULL || src == NULL) goto fail;
  int ok = cJSON_AddStringToObject(o, "name", s->name) != NULL &&
           cJSON_AddStringToObject(o, "label", s->label) != NULL &&
           cJSON_AddStringToObject(o, "region", s->region) != NULL &&
           cJSON_AddBoolToObject(o, "over_bone", s->is_over_bone) != NULL;
  for (int k = 0; k < MN_N_LAYERS && ok; k++) {
    const char *layer = mn_layer_name((mn_layer_id)k);
    ok = cJSON_AddNumberToObject(o, json_thickness_keys[k],
                                 tidy(in_user_unit(k, s->thickness_m[k]))) != NULL &&
         cJSON_AddNumberToObject(cv, layer, s->cv[k]) != NULL &&
         cJSON_AddStringToObject(src, layer, s->source[k]) != NULL;
  }
  if (!ok) goto fail;
  cJSON_AddItemToObject(o, "cv", cv);
  cJSON_AddItemToObject(o, "sources", src);
  return o;
fail:
  cJSON_Delete(o);
  cJSON_Delete(cv);
  cJSON_Delete(src);
  return NULL;
}

static int print_json(mn_ctx *ctx, const mn_site *sites, size_t n)
{
  cJSON *arr = cJSON_CreateArray();
  for (size_t i = 0; arr != NULL && i < n; i++) {
    cJSON *o = site_json(&sites[i]);
    if (o != NULL &&
        cJSON_AddStringToObject(o, "origin", mn_cli_origin(ctx, "sites", sites[i].name)) == NULL) {
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

static void print_table(mn_ctx *ctx, const mn_site *sites, size_t n)
{
  /* Written out because printf pads by bytes and "µ" takes two. */
  printf("%s", "name         label                       SC µm  VE µm  dermis µm  subcutis mm");
  mn_cli_end_row(ctx, "sites", NULL);
  for (size_t i = 0; i < n; i++) {
    const mn_site *s = &sites[i];
    char label[48];
    snprintf(label, sizeof label, "%s%s", s->label, s->is_over_bone ? " *" : "");
    printf("%-12s %-26s %6.0f %6.0f %10.0f %12.1f", s->name, label,
           mn_m_to_um(s->thickness_m[MN_LAYER_STRATUM_CORNEUM]),
           mn_m_to_um(s->thickness_m[MN_LAYER_VIABLE_EPIDERMIS]),
           mn_m_to_um(s->thickness_m[MN_LAYER_DERMIS]),
           mn_m_to_mm(s->thickness_m[MN_LAYER_SUBCUTIS]));
    mn_cli_end_row(ctx, "sites", s->name);
  }
  printf("\n* thin skin over bone (needle depth capped). Means; 'mnsim sites --json' gives the\n"
         "  between-person spread and the source of every value.\n");
}

int mn_cmd_sites(int argc, char **argv); /* the entry in main.c's table */

int mn_cmd_sites(int argc, char **argv)
{
  int is_json = 0, is_names = 0;
  int exit_now = mn_cli_list_args("sites", argc, argv, print_usage, &is_json, &is_names);
  if (exit_now >= 0) return exit_now;
  mn_ctx *ctx = mn_cli_ctx_create();
  if (ctx == NULL) return MN_EXIT_FAILED;
  const mn_site *sites = NULL;
  size_t n = 0;
  mn_status st = mn_sites_list(ctx, &sites, &n);
  int rc = MN_EXIT_OK;
  if (st != MN_OK) {
    mn_cli_error("%s: %s", mn_status_str(st), mn_ctx_errmsg(ctx));
    rc = MN_EXIT_FAILED;
  } else if (is_names) {
    for (size_t i = 0; i < n; i++)
      printf("%s\n", sites[i].name);
  } else if (is_json) {
    rc = print_json(ctx, sites, n);
  } else {
    print_table(ctx, sites, n);
  }
  mn_ctx_destroy(&ctx);
  return rc;
}
