/* A cross-section of the skin: the layers as coloured bands and channels as cones of their
 * opening (at the surface) and the depth they reached, at equal scales on both axes so the
 * picture is true to shape. Channels are laid side by side at their mean spacing; as many are
 * shown as make the picture about 1.6 times wider than deep (1 to 12). With no channel (before
 * the puncture stage), the layers alone down into the subcutis. */
#include <math.h>
#include <plplot/plplot.h>

#include "output/plot/plot_int.h"

#define MAX_SHOWN 12

typedef struct section_draw {
  const mn_layer_stack *layers;
  const double *depth_m, *diameter_m;
  size_t n_shown;
  double spacing_um;
  double width_um, bottom_um;
  double vx0, vx1; /* the viewport's horizontal extent (a pair shares the page) */
  const char *title;
  const char *ylabel;
  double xtick_um; /* 0: PLplot's choice */
} section_draw;

static void band(double x0, double x1, double z0, double z1, PLINT col)
{
  PLFLT x[4] = {x0, x1, x1, x0};
  PLFLT z[4] = {z0, z0, z1, z1};
  plcol0(col);
  plfill(4, x, z);
}

static const char *const layer_names[MN_N_LAYERS] = {"stratum corneum", "viable epidermis",
                                                     "dermis", "subcutis"};

static void draw_layer_legend(void)
{
  static const char *channel = "channel";
  PLINT opt[5], tcol[5], bcol[5], bpat[5];
  PLFLT bscale[5], bwid[5];
  const char *text[5];
  for (int i = 0; i < 5; i++) {
    opt[i] = PL_LEGEND_COLOR_BOX;
    tcol[i] = MNI_COL_BLACK;
    bcol[i] = i < 4 ? MNI_COL_SC + i : MNI_COL_CHANNEL;
    bpat[i] = 0;
    bscale[i] = 0.8;
    bwid[i] = 1.0;
    text[i] = i < 4 ? layer_names[i] : channel;
  }
  PLFLT w = 0.0, h = 0.0;
  pllegend(&w, &h, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
           PL_POSITION_RIGHT | PL_POSITION_OUTSIDE, 0.02, 0.0, 0.05, MNI_COL_WHITE, MNI_COL_GREY, 1,
           0, 0, 5, opt, 1.0, 0.85, 2.0, 0.0, tcol, text, bcol, bpat, bscale, bwid, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL);
}

static void draw_one(const section_draw *d, bool legend)
{
  const mn_layer_stack *L = d->layers;
  double w = d->width_um, zb = d->bottom_um;
  plvpor(d->vx0, d->vx1, 0.12, 0.90);
  plwind(0.0, w, zb, 0.0);
  plvpas(d->vx0, d->vx1, 0.12, 0.90, zb / w);
  plwind(0.0, w, zb, 0.0);
  for (int k = 0; k < MN_N_LAYERS; k++) {
    double z0 = mn_m_to_um(L->top_m[k]);
    double z1 = z0 + mn_m_to_um(L->thickness_m[k]);
    if (z0 >= zb) break;
    band(0.0, w, z0, fmin(z1, zb), MNI_COL_SC + k);
  }
  for (size_t i = 0; i < d->n_shown; i++) {
    double xc = (double)i * d->spacing_um + 0.5 * d->spacing_um;
    double r = 0.5 * mn_m_to_um(d->diameter_m[i]);
    PLFLT x[3] = {xc - r, xc + r, xc};
    PLFLT z[3] = {0.0, 0.0, fmin(mn_m_to_um(d->depth_m[i]), zb)};
    plcol0(MNI_COL_CHANNEL);
    plfill(3, x, z);
  }
  plcol0(MNI_COL_BLACK);
  plbox("bcnst", d->xtick_um, 0, "bcnstv", 0.0, 0);
  pllab("lateral position [µm]", d->ylabel, d->title);
  if (legend) draw_layer_legend();
}

static void draw_section(const void *data)
{
  draw_one(data, true);
}

static void draw_pair(const void *data)
{
  const section_draw *d = data;
  draw_one(&d[0], false);
  draw_one(&d[1], true);
}

/* Check the arrays and lay out one section: its depth, width and channels shown. */
static mn_status layout(mn_ctx *ctx, const mn_layer_stack *layers, const double *depth_m,
                        const double *diameter_m, size_t n, double spacing_m, section_draw *d)
{
  MN_REQUIRE(ctx, layers != NULL, MN_E_ARG, "plot: NULL argument");
  MN_REQUIRE(ctx, isfinite(spacing_m) && spacing_m > 0.0, MN_E_ARG,
             "cross-section: spacing_m = %g must be > 0", spacing_m);
  if (n > 0) {
    MN_TRY(mni_plot_check_finite(ctx, "depth_m", depth_m, n));
    MN_TRY(mni_plot_check_finite(ctx, "diameter_m", diameter_m, n));
  }
  for (int k = 0; k < MN_N_LAYERS; k++)
    MN_REQUIRE(ctx,
               isfinite(layers->thickness_m[k]) && layers->thickness_m[k] > 0.0 &&
                   isfinite(layers->top_m[k]),
               MN_E_ARG, "cross-section: layer %s: thickness_m = %g must be > 0", layer_names[k],
               layers->thickness_m[k]);
  double deepest = 0.0;
  for (size_t i = 0; i < n; i++)
    deepest = fmax(deepest, depth_m[i]);
  /* Without channels: the whole epidermis and dermis. */
  double bottom_m = n > 0 ? 1.3 * fmax(deepest, layers->top_m[MN_LAYER_DERMIS])
                          : 1.15 * layers->top_m[MN_LAYER_SUBCUTIS];
  double total_m = layers->top_m[MN_LAYER_SUBCUTIS] + layers->thickness_m[MN_LAYER_SUBCUTIS];
  bottom_m = fmin(bottom_m, total_m);
  /* About 1.6 times wider than deep, within 1..12 channels. */
  double want = floor(1.6 * bottom_m / spacing_m);
  size_t n_shown = want < 1.0 ? 1 : want > MAX_SHOWN ? MAX_SHOWN : (size_t)want;
  if (n_shown > n) n_shown = n;
  double width_m = n_shown > 0 ? fmax((double)n_shown * spacing_m, 0.5 * bottom_m) : 1.6 * bottom_m;
  *d = (section_draw){layers,
                      depth_m,
                      diameter_m,
                      n_shown,
                      mn_m_to_um(spacing_m),
                      mn_m_to_um(width_m),
                      mn_m_to_um(bottom_m),
                      0.12,
                      0.74,
                      "Cross-section: layers and channels to scale",
                      "depth below the surface [µm]",
                      0.0};
  /* The aspect must stay drawable: a channel spacing of metres on a skin of microns is a bug. */
  MN_REQUIRE(ctx, d->width_um / d->bottom_um < 40.0, MN_E_ARG,
             "cross-section: spacing_m = %g is out of scale with depth %g m", spacing_m, bottom_m);
  return MN_OK;
}

mn_status mni_plot_cross_section(mn_ctx *ctx, const mni_plot_out *out, const mn_layer_stack *layers,
                                 const double *depth_m, const double *diameter_m, size_t n,
                                 double spacing_m)
{
  MN_REQUIRE(ctx, out != NULL, MN_E_ARG, "plot: NULL argument");
  section_draw d;
  MN_TRY(layout(ctx, layers, depth_m, diameter_m, n, spacing_m, &d));
  return mni_plot_render(ctx, out, draw_section, &d);
}

mn_status mni_plot_cross_section_pair(mn_ctx *ctx, const mni_plot_out *out,
                                      const mni_section sec[2])
{
  MN_REQUIRE(ctx, out != NULL && sec != NULL, MN_E_ARG, "plot: NULL argument");
  section_draw d[2];
  for (int i = 0; i < 2; i++)
    MN_TRY(layout(ctx, sec[i].layers, sec[i].depth_m, sec[i].diameter_m, sec[i].n,
                  sec[i].spacing_m, &d[i]));
  /* one scale for both, so the two are compared at a glance */
  double bottom = fmax(d[0].bottom_um, d[1].bottom_um);
  double width = fmax(fmax(d[0].width_um, d[1].width_um), 0.5 * bottom);
  double tick = width > 3000.0 ? 1000.0 : width > 1200.0 ? 500.0 : 200.0;
  for (int i = 0; i < 2; i++) {
    d[i].bottom_um = bottom;
    d[i].width_um = width;
    d[i].vx0 = i == 0 ? 0.11 : 0.46;
    d[i].vx1 = i == 0 ? 0.37 : 0.72;
    d[i].title = sec[i].title;
    d[i].ylabel = i == 0 ? "depth below the surface [µm]" : "";
    d[i].xtick_um = tick;
  }
  return mni_plot_render(ctx, out, draw_pair, d);
}
