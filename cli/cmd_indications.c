/* mnsim indications [--json]: the planner's indications and the patient conditions it checks. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"

static void print_usage(FILE *f)
{
  fprintf(f, "usage: mnsim indications [--json | --names]\n\n"
             "Lists the indications 'mnsim plan --indication' accepts, with the needle length\n"
             "range at home and in a clinic before site limits, the sessions and the interval,\n"
             "then the patient conditions 'mnsim plan --condition' accepts: those that block\n"
             "treatment and those that only warn.\n\n"
             "  --json   one JSON object on stdout: indications[] (name, label, regions,\n"
             "           endpoint, needle_length_mm {home, clinic} as [min, max],\n"
             "           sessions, interval_weeks, needle_source, course_source, evidence[]\n"
             "           {citation, result}) and conditions[] (name, blocks, reason, source)\n"
             "  --names  the names only, one a line (for scripts and the shell completion)\n"
             "  --help   this text\n");
}

static bool add_pair(cJSON *o, const char *key, double lo, double hi)
{
  double v[2] = {lo, hi};
  cJSON *a = cJSON_CreateDoubleArray(v, 2);
  if (a == NULL || !cJSON_AddItemToObject(o, key, a)) {
    cJSON_Delete(a);
    return false;
  }
  return true;
}

/* Every item is attached to o as soon as it is made, so one cJSON_Delete frees all. */
static cJSON *indication_json(mn_ctx *ctx, const mn_indication *x)
{
  cJSON *o = cJSON_CreateObject();
  cJSON *regions = cJSON_AddArrayToObject(o, "regions");
  cJSON *needle = cJSON_AddObjectToObject(o, "needle_length_mm");
  cJSON *ev = cJSON_AddArrayToObject(o, "evidence");
  bool ok = o && regions && needle && ev && cJSON_AddStringToObject(o, "name", x->name) &&
            cJSON_AddStringToObject(o, "origin", mn_cli_origin(ctx, "indications", x->name)) &&
            cJSON_AddStringToObject(o, "label", x->label) &&
            cJSON_AddStringToObject(o, "endpoint", x->endpoint) &&
            add_pair(o, "sessions", x->sessions[0], x->sessions[1]) &&
            add_pair(o, "interval_weeks", mn_s_to_days(x->interval_s[0]) / 7.0,
                     mn_s_to_days(x->interval_s[1]) / 7.0) &&
            cJSON_AddBoolToObject(o, "ongoing", x->is_ongoing) &&
            cJSON_AddStringToObject(o, "needle_source", x->needle_source) &&
            cJSON_AddStringToObject(o, "course_source", x->course_source);
  for (size_t i = 0; ok && i < x->n_regions; i++) {
    cJSON *r = cJSON_CreateString(x->regions[i]);
    ok = r != NULL && cJSON_AddItemToArray(regions, r);
    if (!ok) cJSON_Delete(r);
  }
  for (int s = 0; ok && s < 2; s++)
    ok = add_pair(needle, mn_setting_name((mn_setting)s), mn_m_to_mm(x->needle_length_m[s][0]),
                  mn_m_to_mm(x->needle_length_m[s][1]));
  for (size_t i = 0; ok && i < x->n_evidence; i++) {
    cJSON *e = cJSON_CreateObject();
    ok = e != NULL && cJSON_AddItemToArray(ev, e);
    if (!ok) cJSON_Delete(e);
    ok = ok && cJSON_AddStringToObject(e, "citation", x->evidence[i].citation) &&
         cJSON_AddStringToObject(e, "result", x->evidence[i].result);
  }
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static int print_json(mn_ctx *ctx, const mn_indication *ind, size_t n, const mn_condition *cond,
                      size_t n_cond)
{
  cJSON *root = cJSON_CreateObject();
  cJSON *a = cJSON_AddArrayToObject(root, "indications");
  cJSON *c = cJSON_AddArrayToObject(root, "conditions");
  int ok = root && a && c;
  for (size_t i = 0; ok && i < n; i++) {
    cJSON *o = indication_json(ctx, &ind[i]);
    ok = o != NULL && cJSON_AddItemToArray(a, o);
    if (!ok) cJSON_Delete(o);
  }
  for (size_t i = 0; ok && i < n_cond; i++) {
    cJSON *o = cJSON_CreateObject();
    ok = o && cJSON_AddItemToArray(c, o);
    if (!ok) cJSON_Delete(o);
    ok = ok && cJSON_AddStringToObject(o, "name", cond[i].name) &&
         cJSON_AddBoolToObject(o, "blocks", cond[i].blocks) &&
         cJSON_AddStringToObject(o, "reason", cond[i].reason) &&
         cJSON_AddStringToObject(o, "source", cond[i].source);
  }
  char *text = ok ? cJSON_Print(root) : NULL;
  cJSON_Delete(root);
  if (text == NULL) {
    mn_cli_error("out of memory");
    return MN_EXIT_FAILED;
  }
  puts(text);
  cJSON_free(text);
  return MN_EXIT_OK;
}

static void print_table(mn_ctx *ctx, const mn_indication *ind, size_t n, const mn_condition *cond,
                        size_t n_cond)
{
  printf("%-20s %-13s %-13s %-9s %-14s", "name", "home mm", "clinic mm", "sessions",
         "interval weeks");
  mn_cli_end_row(ctx, "indications", NULL);
  for (size_t i = 0; i < n; i++) {
    const mn_indication *x = &ind[i];
    char home[24], clinic[24];
    snprintf(home, sizeof home, "%.2f-%.2f", mn_m_to_mm(x->needle_length_m[0][0]),
             mn_m_to_mm(x->needle_length_m[0][1]));
    snprintf(clinic, sizeof clinic, "%.2f-%.2f", mn_m_to_mm(x->needle_length_m[1][0]),
             mn_m_to_mm(x->needle_length_m[1][1]));
    printf("%-20s %-13s %-13s %d-%-7d %.3g-%.3g   %s", x->name, home, clinic, x->sessions[0],
           x->sessions[1], mn_s_to_days(x->interval_s[0]) / 7.0,
           mn_s_to_days(x->interval_s[1]) / 7.0, x->label);
    mn_cli_end_row(ctx, "indications", x->name);
  }
  printf("\nNeedle lengths before site limits (bone, neck, eyelid, subcutis); 'mnsim plan'\n"
         "applies them. Conditions (--condition NAME):\n");
  for (int blocks = 1; blocks >= 0; blocks--) {
    printf("  %s:", blocks ? "block treatment" : "warn only");
    for (size_t i = 0; i < n_cond; i++)
      if (cond[i].blocks == (blocks != 0)) printf(" %s", cond[i].name);
    printf("\n");
  }
}

int mn_cmd_indications(int argc, char **argv); /* the entry in main.c's table */

int mn_cmd_indications(int argc, char **argv)
{
  int is_json = 0, is_names = 0;
  int exit_now = mn_cli_list_args("indications", argc, argv, print_usage, &is_json, &is_names);
  if (exit_now >= 0) return exit_now;
  mn_ctx *ctx = mn_cli_ctx_create();
  if (ctx == NULL) return MN_EXIT_FAILED;
  const mn_indication *ind = NULL;
  const mn_condition *cond = NULL;
  size_t n = 0, n_cond = 0;
  mn_status st = mn_indications_list(ctx, &ind, &n);
  if (st == MN_OK) st = mn_conditions_list(ctx, &cond, &n_cond);
  int rc = MN_EXIT_OK;
  if (st != MN_OK) {
    mn_cli_error("%s: %s", mn_status_str(st), mn_ctx_errmsg(ctx));
    rc = MN_EXIT_FAILED;
  } else if (is_names) {
    for (size_t i = 0; i < n; i++)
      printf("%s\n", ind[i].name);
  } else if (is_json) {
    rc = print_json(ctx, ind, n, cond, n_cond);
  } else {
    print_table(ctx, ind, n, cond, n_cond);
  }
  mn_ctx_destroy(&ctx);
  return rc;
}
