/* mnsim validate [--json]: mnsim's predictions against published measurements, as a table for
 * people or a JSON array. Exit 0 when every case is within its band, 1 when any is not. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"

static void print_usage(FILE *f)
{
  fprintf(f, "usage: mnsim validate [--json]\n\n"
             "Runs mnsim on the set-ups of published measurements (channel depth and opening,\n"
             "depth fractions, puncture densities, Potts-Guy permeabilities, a Franz-cell\n"
             "permeation, the pore-pathway estimate, enhancement ratios, channel closure) and\n"
             "compares each prediction with the published value and an acceptance band.\n"
             "Each case is marked:\n"
             "  independent     a measurement the model was not fitted to\n"
             "  calibration     the model was fitted to it: agreement is expected, not evidence\n"
             "  implementation  checks that a published formula is coded right\n"
             "Exit status: 0 when every case is within its band, 1 when any is not (a failed\n"
             "case is reported, not hidden), 2 on bad usage.\n\n"
             "  --json   one JSON array on stdout: per case name, stage, kind, measured, unit,\n"
             "           published (null if only a bound), published_sd (null if none),\n"
             "           published_text, band_low, band_high, band_basis, predicted, pass,\n"
             "           source, setup, limits\n"
             "  --help   this text\n");
}

static cJSON *number_or_null(double v)
{
  return isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull();
}

static cJSON *case_json(const mn_validation_case *c)
{
  cJSON *o = cJSON_CreateObject();
  if (o == NULL) return NULL;
  int ok = cJSON_AddStringToObject(o, "name", c->name) != NULL &&
           cJSON_AddStringToObject(o, "stage", mn_validation_stage_name(c->stage)) != NULL &&
           cJSON_AddStringToObject(o, "kind", mn_validation_kind_name(c->kind)) != NULL &&
           cJSON_AddStringToObject(o, "measured", c->measured) != NULL &&
           cJSON_AddStringToObject(o, "unit", c->unit) != NULL &&
           cJSON_AddItemToObject(o, "published", number_or_null(c->published)) &&
           cJSON_AddItemToObject(o, "published_sd", number_or_null(c->published_sd)) &&
           cJSON_AddStringToObject(o, "published_text", c->published_text) != NULL &&
           cJSON_AddNumberToObject(o, "band_low", c->band_low) != NULL &&
           cJSON_AddNumberToObject(o, "band_high", c->band_high) != NULL &&
           cJSON_AddStringToObject(o, "band_basis", c->band_basis) != NULL &&
           cJSON_AddItemToObject(o, "predicted", number_or_null(c->predicted)) &&
           cJSON_AddBoolToObject(o, "pass", c->is_pass) != NULL &&
           cJSON_AddStringToObject(o, "source", c->source) != NULL &&
           cJSON_AddStringToObject(o, "setup", c->setup) != NULL &&
           cJSON_AddStringToObject(o, "limits", c->limits) != NULL;
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* The published value as a short column: the number, or the bound as the source states it. */
static void print_table(const mn_validation_report *r)
{
  size_t n = mn_validation_report_count(r);
  printf("%-38s %-14s %-6s %10s %10s %-22s %-5s %s\n", "case", "kind", "unit", "measured",
         "predicted", "band", "", "source");
  for (size_t i = 0; i < n; i++) {
    const mn_validation_case *c = mn_validation_report_case(r, i);
    char measured[32], band[48];
    if (isfinite(c->published))
      snprintf(measured, sizeof measured, "%.4g", c->published);
    else
      snprintf(measured, sizeof measured, "%s", "(range)");
    snprintf(band, sizeof band, "[%.3g, %.3g]", c->band_low, c->band_high);
    printf("%-38s %-14s %-6s %10s %10.4g %-22s %-5s %s\n", c->name,
           mn_validation_kind_name(c->kind), c->unit, measured, c->predicted, band,
           c->is_pass ? "pass" : "FAIL", c->source);
  }
  size_t failed = mn_validation_report_failed(r);
  printf("\n%zu cases: %zu pass, %zu fail. 'calibration' cases were used to fit the model; only\n"
         "'independent' cases are evidence that it predicts. 'mnsim validate --json' gives each\n"
         "case's published text, set-up, band basis and limits.\n",
         n, n - failed, failed);
}

int mn_cmd_validate(int argc, char **argv); /* the entry in main.c's table */

int mn_cmd_validate(int argc, char **argv)
{
  int is_json = 0;
  int exit_now = mn_cli_list_args("validate", argc, argv, print_usage, &is_json, NULL);
  if (exit_now >= 0) return exit_now;
  if (mn_cli_stop_before_work) return MN_EXIT_OK;
  mn_ctx *ctx = mn_cli_ctx_create();
  if (ctx == NULL) return MN_EXIT_FAILED;
  /* The set-ups copy the studies, some of which mnsim would warn about (an outcome read 8 weeks
   * after the last session): those warnings are by design, so they are not shown. */
  mn_ctx_set_logger(ctx, NULL, NULL);
  mn_validation_report *r = NULL;
  cJSON *arr = NULL;
  mn_status st = mn_validate_run(ctx, &r);
  if (st != MN_OK) {
    mn_cli_error("%s: %s", mn_status_str(st), mn_ctx_errmsg(ctx));
    mn_ctx_destroy(&ctx);
    return MN_EXIT_FAILED;
  }
  int rc = mn_validation_report_failed(r) == 0 ? MN_EXIT_OK : MN_EXIT_FAILED;
  if (is_json) {
    if ((arr = cJSON_CreateArray()) == NULL) goto nomem;
    for (size_t i = 0; i < mn_validation_report_count(r); i++) {
      cJSON *o = case_json(mn_validation_report_case(r, i));
      if (o == NULL) goto nomem;
      cJSON_AddItemToArray(arr, o);
    }
    char *text = cJSON_Print(arr);
    if (text == NULL) goto nomem;
    puts(text);
    cJSON_free(text);
  } else {
    print_table(r);
  }
  cJSON_Delete(arr);
  mn_validation_report_destroy(&r);
  mn_ctx_destroy(&ctx);
  return rc;
nomem:
  mn_cli_error("out of memory");
  cJSON_Delete(arr);
  mn_validation_report_destroy(&r);
  mn_ctx_destroy(&ctx);
  return MN_EXIT_FAILED;
}
