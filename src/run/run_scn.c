/* mn_run_scn: a run from the scenario handle (mnsim/scenario.h), for bindings. */
#include "core/core_int.h"
#include "mnsim/run.h"

mn_status mn_run_scn(mn_ctx *ctx, const mn_scn *s, mn_result **out)
{
  if (out != NULL) *out = NULL;
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, s != NULL, MN_E_ARG, "mn_run_scn: NULL scenario handle");
  return mn_run(ctx, mn_scn_get(s), out);
}
