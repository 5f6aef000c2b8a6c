/* libFuzzer target for the scenario loader (shared/reference/style.md B10). Any input: no crash,
 * no leak, no undefined behaviour; and what loads must survive to_yaml -> load unchanged (the
 * two YAML texts are equal), else abort() so the fuzzer reports it. The same bytes are also
 * tried as a --set assignment. Built with -DMN_FUZZ=ON (clang); replay.c runs the corpus under
 * ctest with any compiler. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mnsim/mnsim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_round_trip(mn_ctx *ctx, const mn_scenario *s)
{
  char *yaml1 = NULL, *yaml2 = NULL;
  mn_scenario back;
  if (mn_scenario_to_yaml(ctx, s, &yaml1) != MN_OK) abort();
  if (mn_scenario_load_string(ctx, yaml1, strlen(yaml1), "round-trip", &back) != MN_OK) abort();
  if (mn_scenario_to_yaml(ctx, &back, &yaml2) != MN_OK || strcmp(yaml1, yaml2) != 0) abort();
  mn_string_free(ctx, yaml1);
  mn_string_free(ctx, yaml2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return 0;
  mn_scenario s;
  if (mn_scenario_load_string(ctx, (const char *)data, size, "fuzz", &s) == MN_OK) {
    (void)mn_scenario_validate(ctx, &s);
    check_round_trip(ctx, &s);
  }
  /* The same bytes as one --set assignment (up to the first NUL). */
  char *assignment = malloc(size + 1);
  if (assignment != NULL) {
    memcpy(assignment, data, size);
    assignment[size] = '\0';
    s = mn_scenario_default();
    if (mn_scenario_set(ctx, &s, assignment) == MN_OK) check_round_trip(ctx, &s);
    free(assignment);
  }
  mn_ctx_destroy(&ctx);
  return 0;
}
