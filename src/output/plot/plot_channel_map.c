/* The channel map: the treated patch seen from above, each channel a disc of its opening at the
 * surface, coloured by the depth it reached (viridis, colour bar in µm). Axes in mm at equal
 * scales. Discs smaller than 0.25 % of the patch are drawn at that size so they stay visible. */
#include <math.h>
#include <plplot/plplot.h>

#include "output/plot/plot_int.h"

typedef struct map_draw {
  const double *x_m, *y_m, *depth_m, *diameter_m;
  size_t n;
  double w_m, h_m;
  double d_lo_m, d_hi_m; /* colour range of depths */
} map_draw;

static void draw_map(const void *data)
{
  const map_draw *d = data;
  double w_mm = mn_m_to_mm(d->w_m), h_mm = mn_m_to_mm(d->h_m);
  mni_plot_cmap1_viridis();
  plvpor(0.08, 0.80, 0.12, 0.91);
  plwind(0.0, w_mm, 0.0, h_mm);
  plvpas(0.08, 0.80, 0.12, 0.91, h_mm / w_mm);
  plwind(0.0, w_mm, 0.0, h_mm);
  plcol0(MNI_COL_BLACK);
  plbox("bcnst", 0.0, 0, "bcnstv", 0.0, 0);
  pllab("x [mm]", "y [mm]", "Channels in the treated patch, coloured by depth reached");
  double r_min_mm = 0.0025 * fmax(w_mm, h_mm);
  double span = d->d_hi_m - d->d_lo_m;
  for (size_t i = 0; i < d->n; i++) {
    double r_mm = d->diameter_m != NULL ? 0.5 * mn_m_to_mm(d->diameter_m[i]) : r_min_mm;
    r_mm = fmax(r_mm, r_min_mm);
    plcol1(span > 0.0 ? (d->depth_m[i] - d->d_lo_m) / span : 0.5);
    plarc(mn_m_to_mm(d->x_m[i]), mn_m_to_mm(d->y_m[i]), r_mm, r_mm, 0.0, 360.0, 0.0, 1);
  }
  mni_plot_colorbar("depth reached [µm]", mn_m_to_um(d->d_lo_m), mn_m_to_um(d->d_hi_m), 0);
}

mn_status mni_plot_channel_map(mn_ctx *ctx, const mni_plot_out *out, const double *x_m,
                               const double *y_m, const double *depth_m, const double *diameter_m,
                               size_t n, double patch_w_m, double patch_h_m)
{
  MN_REQUIRE(ctx, out != NULL, MN_E_ARG, "plot: NULL argument");
  MN_REQUIRE(ctx, isfinite(patch_w_m) && patch_w_m > 0.0 && isfinite(patch_h_m) && patch_h_m > 0.0,
             MN_E_ARG, "channel map: patch %g m x %g m must be > 0", patch_w_m, patch_h_m);
  MN_REQUIRE(ctx, patch_w_m / patch_h_m < 50.0 && patch_h_m / patch_w_m < 50.0, MN_E_ARG,
             "channel map: patch %g m x %g m is too elongated to draw", patch_w_m, patch_h_m);
  MN_REQUIRE(ctx, n > 0, MN_E_ARG, "channel map: no channel to draw");
  MN_TRY(mni_plot_check_finite(ctx, "x_m", x_m, n));
  MN_TRY(mni_plot_check_finite(ctx, "y_m", y_m, n));
  MN_TRY(mni_plot_check_finite(ctx, "depth_m", depth_m, n));
  if (diameter_m != NULL) MN_TRY(mni_plot_check_finite(ctx, "diameter_m", diameter_m, n));
  map_draw d = {x_m, y_m, depth_m, diameter_m, n, patch_w_m, patch_h_m, 0.0, 0.0};
  mni_plot_range(depth_m, n, &d.d_lo_m, &d.d_hi_m);
  return mni_plot_render(ctx, out, draw_map, &d);
}
