/* libFuzzer target for a whole run: mn_run on fuzzed but valid scenarios, kept short. The input
 * is a scenario (YAML); what loads and validates is cut to at most one simulated minute, no
 * healing stage, at most 3 passes, a 1d model unless axisymmetric was asked (a 3d run takes a
 * minute even then) and a tolerance of at least 1e-3, then run. Finds numerical failures, hangs
 * and internal invariants that refuse valid input: a run of a valid scenario may fail only as a
 * simulation (MN_E_NUMERIC, MN_E_NOCONVERGE, MN_E_NOMEM), never as bad input (MN_E_ARG,
 * MN_E_CONFIG): that aborts. */
#include <stdint.h>
#include <stdlib.h>

#include "mnsim/mnsim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  mn_ctx *ctx = NULL;
  if (mn_ctx_create(NULL, NULL, &ctx) != MN_OK) return 0;
  mn_ctx_set_threads(ctx, 1);
  mn_scenario s;
  if (mn_scenario_load_string(ctx, (const char *)data, size, "fuzz", &s) != MN_OK ||
      mn_scenario_validate(ctx, &s) != MN_OK)
    goto done;
  /* Short enough for thousands of runs an hour; still valid (validated again below). */
  if (s.simulation.duration_s > 60.0) s.simulation.duration_s = 60.0;
  /* 3d, and auto (which picks 3d for touching channels), take a minute a run even this short. */
  if (s.simulation.model != MN_MODEL_AXISYMMETRIC) s.simulation.model = MN_MODEL_1D;
  if (s.simulation.output_points > 20) s.simulation.output_points = 20;
  /* the axisymmetric seed at 1e-6 took 45 s under the sanitizers */
  if (s.simulation.tolerance < 1e-3) s.simulation.tolerance = 1e-3;
  s.course.sessions = 0; /* the healing stage: seconds a run under the sanitizers */
  if (s.treatment.passes > 3) s.treatment.passes = 3; /* 100 passes of a pen: minutes there */
  s.simulation.n_profile_times = 0;
  if (mn_scenario_validate(ctx, &s) != MN_OK) goto done; /* a cut made it invalid: skip */
  mn_result *r = NULL;
  mn_status st = mn_run(ctx, &s, &r);
  if (st == MN_E_ARG || st == MN_E_CONFIG) abort(); /* valid input refused: a finding */
  if (st == MN_OK) {
    char *json = NULL;
    if (mn_result_summary_json(ctx, r, &json) != MN_OK) abort();
    mn_string_free(ctx, json);
  } else if (r != NULL) {
    abort(); /* on failure *out is NULL */
  }
  mn_result_destroy(&r);
done:
  mn_ctx_destroy(&ctx);
  return 0;
}
