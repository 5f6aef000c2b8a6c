/* Horizontal stacked bars of percentages (where the dose went): one bar per case, its parts laid
 * left to right in the caller's order and colours, a legend of the parts beside the plot, and the
 * value written inside every part wide enough to hold it (black or white, whichever reads on the
 * part's colour). */
#include <math.h>
#include <plplot/plplot.h>
#include <stdio.h>

#include "output/plot/plot_int.h"

/* Parts narrower than this share of the axis carry no number: it would not fit. */
#define LABEL_MIN_FRAC 0.06
#define BAR_HEIGHT     0.6 /* of the space of one bar */

typedef struct bars_draw {
  const mni_plot_bars *bars;
  double x_hi;
} bars_draw;

/* Black text on light colours, white on dark ones (relative luminance of the sRGB values). */
static PLINT text_colour(PLINT colour)
{
  PLINT r = 0, g = 0, b = 0;
  plgcol0(colour, &r, &g, &b);
  double lum = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255.0;
  return lum > 0.45 ? MNI_COL_BLACK : MNI_COL_WHITE;
}

static void draw_legend(const mni_plot_bars *p)
{
  PLINT opt[MNI_PLOT_BARS_MAX_PARTS], tcol[MNI_PLOT_BARS_MAX_PARTS];
  PLINT bcol[MNI_PLOT_BARS_MAX_PARTS], bpat[MNI_PLOT_BARS_MAX_PARTS];
  PLFLT bscale[MNI_PLOT_BARS_MAX_PARTS], bwidth[MNI_PLOT_BARS_MAX_PARTS];
  const char *text[MNI_PLOT_BARS_MAX_PARTS];
  PLINT n = (PLINT)p->n_parts;
  for (PLINT k = 0; k < n; k++) {
    opt[k] = PL_LEGEND_COLOR_BOX;
    tcol[k] = MNI_COL_BLACK;
    bcol[k] = p->part_colour[k];
    bpat[k] = 0; /* solid */
    bscale[k] = 0.9;
    bwidth[k] = 1.0;
    text[k] = p->part_labels[k] != NULL ? p->part_labels[k] : "";
  }
  PLFLT w = 0.0, h = 0.0;
  pllegend(&w, &h, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
           PL_POSITION_RIGHT | PL_POSITION_OUTSIDE, 0.02, 0.0, 0.04, MNI_COL_WHITE, MNI_COL_GREY, 1,
           0, 0, n, opt, 0.6, 0.85, 2.0, 0.0, tcol, text, bcol, bpat, bscale, bwidth, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL);
}

static void draw_bars(const void *data)
{
  const bars_draw *d = data;
  const mni_plot_bars *p = d->bars;
  double n_bars = (double)p->n_bars;
  plvpor(0.21, 0.67, 0.14, 0.88);
  plwind(0.0, d->x_hi, 0.0, n_bars);
  plcol0(MNI_COL_GREY);
  plwidth(0.5);
  plbox("g", 0.0, 0, "", 0.0, 0);
  for (size_t b = 0; b < p->n_bars; b++) {
    /* the first bar on top */
    double yc = n_bars - (double)b - 0.5, y0 = yc - 0.5 * BAR_HEIGHT, y1 = yc + 0.5 * BAR_HEIGHT;
    double x0 = 0.0;
    for (size_t k = 0; k < p->n_parts; k++) {
      double v = fmax(p->value[b * p->n_parts + k], 0.0);
      if (v <= 0.0) continue;
      PLFLT x[4] = {x0, x0 + v, x0 + v, x0}, y[4] = {y0, y0, y1, y1};
      plcol0(p->part_colour[k]);
      plfill(4, x, y);
      plcol0(MNI_COL_BLACK);
      plwidth(0.5);
      PLFLT xc[5] = {x0, x0 + v, x0 + v, x0, x0}, yc5[5] = {y0, y0, y1, y1, y0};
      plline(5, xc, yc5);
      if (v >= LABEL_MIN_FRAC * d->x_hi) {
        char label[32];
        snprintf(label, sizeof label, "%.3g %%", v);
        plcol0(text_colour(p->part_colour[k]));
        plptex(x0 + 0.5 * v, yc, 1.0, 0.0, 0.5, label);
      }
      x0 += v;
    }
    plcol0(MNI_COL_BLACK);
    plmtex("lv", 1.0, yc / n_bars, 1.0, p->bar_labels[b] != NULL ? p->bar_labels[b] : "");
  }
  plwidth(1.5);
  plcol0(MNI_COL_BLACK);
  plbox("bcnst", 0.0, 0, "bc", 0.0, 0);
  pllab(p->x_label ? p->x_label : "", "", p->title ? p->title : "");
  draw_legend(p);
}

mn_status mni_plot_stacked_bars(mn_ctx *ctx, const mni_plot_out *out, const mni_plot_bars *bars)
{
  MN_REQUIRE(ctx, out != NULL && bars != NULL, MN_E_ARG, "plot: NULL argument");
  MN_REQUIRE(ctx, bars->n_bars >= 1 && bars->n_bars <= MNI_PLOT_BARS_MAX_BARS, MN_E_ARG,
             "plot %s: %zu bars (1 to %d)", out->name, bars->n_bars, MNI_PLOT_BARS_MAX_BARS);
  MN_REQUIRE(ctx, bars->n_parts >= 1 && bars->n_parts <= MNI_PLOT_BARS_MAX_PARTS, MN_E_ARG,
             "plot %s: %zu parts (1 to %d)", out->name, bars->n_parts, MNI_PLOT_BARS_MAX_PARTS);
  MN_REQUIRE(ctx,
             bars->bar_labels != NULL && bars->part_labels != NULL && bars->part_colour != NULL,
             MN_E_ARG, "plot %s: NULL labels or colours", out->name);
  MN_TRY(mni_plot_check_finite(ctx, "value", bars->value, bars->n_bars * bars->n_parts));
  /* The axis holds 0-100 %, and a bar whose parts add up to more (within the mass balance). */
  bars_draw d = {bars, 100.0};
  for (size_t b = 0; b < bars->n_bars; b++) {
    double sum = 0.0;
    for (size_t k = 0; k < bars->n_parts; k++)
      sum += fmax(bars->value[b * bars->n_parts + k], 0.0);
    d.x_hi = fmax(d.x_hi, sum);
  }
  return mni_plot_render(ctx, out, draw_bars, &d);
}
