/* The figures of a run, fed from the result's stages (plot_*.c draw them from plain arrays). */
#include <math.h>

#include "io/output_int.h"
#include "io/plot_int.h"
#include "run/result_int.h"

/* The skin's layers to scale, with the channels of the puncture stage when there are some. */
static mn_status cross_section(mn_ctx *ctx, const mn_result *r, mni_outlist *ol)
{
  const mn_layer_stack *L = &r->layers;
  mni_plot_out out = {ol->dir, "cross_section", ol->formats};
  double depth_scale = L->top_m[MN_LAYER_SUBCUTIS];
  MN_TRY(mni_plot_cross_section(ctx, &out, L, NULL, NULL, 0, depth_scale));
  return mni_output_figure(ol, "cross_section", "Cross-section of the skin's layers to scale");
}

mn_status mni_output_figures(mn_ctx *ctx, const mn_result *r, mni_outlist *ol)
{
  MN_TRY(cross_section(ctx, r, ol));
  return MN_OK;
}
