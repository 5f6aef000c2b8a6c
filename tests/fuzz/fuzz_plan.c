/* libFuzzer target for the planner: mn_plan_make from fuzzed arguments. The input is lines:
 * indication, site, setting, Fitzpatrick type (any integer, also out of range), then one
 * condition a line (up to MN_PLAN_MAX_CONDITIONS). Any request: no crash, no leak; and a plan
 * that is made must give a scenario that validates, and its JSON, else abort(). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mnsim/mnsim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size > 4096) return 0; /* names are short: longer inputs add nothing */
  char *text = malloc(size + 1);
  if (text == NULL) return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  char *field[4 + MN_PLAN_MAX_CONDITIONS] = {0};
  size_t n_fields = 0;
  for (char *p = text; p != NULL && n_fields < sizeof field / sizeof field[0];) {
    field[n_fields++] = p;
    p = strchr(p, '\n');
    if (p != NULL) *p++ = '\0';
  }
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) {
    free(text);
    return 0;
  }
  mn_plan_request rq = mn_plan_request_default();
  rq.indication = field[0]; /* NULL when absent: the planner must refuse it */
  rq.site = field[1];
  if (field[2] != NULL && mn_setting_parse(ctx, field[2], &rq.setting) != MN_OK)
    rq.setting = (mn_setting)(int)strtol(field[2], NULL, 10); /* also out-of-range values */
  if (field[3] != NULL) rq.fitzpatrick = (int)strtol(field[3], NULL, 10);
  for (size_t i = 4; i < n_fields; i++)
    rq.conditions[rq.n_conditions++] = field[i];
  mn_plan *p = NULL;
  if (mn_plan_make(ctx, &rq, &p) == MN_OK) {
    mn_scenario s;
    char *json = NULL;
    if (mn_plan_to_scenario(ctx, p, &s) != MN_OK) abort();
    if (mn_scenario_validate(ctx, &s) != MN_OK) abort(); /* the planner proposed a bad run */
    if (mn_plan_json(ctx, p, &json) != MN_OK) abort();
    mn_string_free(ctx, json);
  } else if (p != NULL) {
    abort(); /* on failure *out is NULL */
  }
  mn_plan_destroy(&p);
  mn_ctx_destroy(&ctx);
  free(text);
  return 0;
}
