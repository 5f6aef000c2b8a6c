/* mn_plan_make: look the site up in the skin module's table, then apply the rules. */
#include "plan/plan_int.h"

mn_status mn_plan_make(mn_ctx *ctx, const mn_plan_request *rq, mn_plan **out)
{
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, rq != NULL && out != NULL, MN_E_ARG, "mn_plan_make: NULL argument");
  *out = NULL;
  const mn_site *site = NULL;
  const mn_indication *ind = NULL;
  MN_TRY(mn_indication_find(ctx, rq->indication, &ind)); /* name the indication first */
  MN_REQUIRE(ctx, rq->site != NULL, MN_E_ARG, "plan: no site given");
  MN_TRY(mn_site_find(ctx, rq->site, &site));
  return mni_plan_make_at(ctx, rq, site, out);
}
