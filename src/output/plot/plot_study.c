/* Figures of studies: the histogram of one result over a population, and the ranked bars of a
 * sensitivity analysis (one or two indices per input, with their bootstrap intervals). */
#include <math.h>
#include <plplot/plplot.h>
#include <string.h>

#include "output/plot/plot_int.h"

#define MAX_BINS 200
#define MAX_BARS 20

typedef struct hist_draw {
  const char *title, *x_label;
  double lo, width, mean;
  size_t n_bins;
  double count[MAX_BINS];
  double y_hi;
} hist_draw;

static void draw_hist(const void *data)
{
  const hist_draw *d = data;
  double x_hi = d->lo + d->width * (double)d->n_bins;
  plvpor(0.11, 0.96, 0.12, 0.91);
  plwind(d->lo, x_hi, 0.0, d->y_hi);
  plcol0(MNI_COL_GREY);
  plwidth(0.5);
  plbox("g", 0.0, 0, "g", 0.0, 0);
  for (size_t b = 0; b < d->n_bins; b++) {
    if (d->count[b] <= 0.0) continue;
    PLFLT x[4] = {d->lo + d->width * (double)b, d->lo + d->width * (double)b,
                  d->lo + d->width * (double)(b + 1), d->lo + d->width * (double)(b + 1)};
    PLFLT y[4] = {0.0, d->count[b], d->count[b], 0.0};
    plcol0(MNI_COL_SERIES);
    plfill(4, x, y);
    plcol0(MNI_COL_BLACK);
    plwidth(0.5);
    plline(4, x, y);
  }
  plwidth(2.0);
  plcol0(MNI_COL_SERIES + 1);
  pllsty(2);
  PLFLT mx[2] = {d->mean, d->mean}, my[2] = {0.0, d->y_hi};
  plline(2, mx, my);
  pllsty(1);
  plwidth(1.5);
  plcol0(MNI_COL_BLACK);
  plbox("bcnst", 0.0, 0, "bcnstv", 0.0, 0);
  pllab(d->x_label, "patients", d->title);
}

mn_status mni_plot_histogram(mn_ctx *ctx, const mni_plot_out *out, const char *title,
                             const char *x_label, const double *v, size_t n, size_t n_bins)
{
  MN_REQUIRE(ctx, out != NULL && v != NULL && n_bins >= 1 && n_bins <= MAX_BINS, MN_E_ARG,
             "histogram: NULL argument or %zu bins (1 to %d)", n_bins, MAX_BINS);
  hist_draw d;
  memset(&d, 0, sizeof d);
  d.title = title != NULL ? title : "";
  d.x_label = x_label != NULL ? x_label : "";
  double lo = HUGE_VAL, hi = -HUGE_VAL, sum = 0.0;
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (isfinite(v[i])) {
      lo = fmin(lo, v[i]);
      hi = fmax(hi, v[i]);
      sum += v[i];
      m++;
    }
  MN_REQUIRE(ctx, m > 0, MN_E_ARG, "histogram %s: no finite value", out->name);
  if (hi <= lo) { /* one value: a bin around it */
    double w = lo != 0.0 ? 0.05 * fabs(lo) : 1.0;
    lo -= w;
    hi += w;
  }
  d.n_bins = n_bins;
  d.lo = lo;
  d.width = (hi - lo) / (double)n_bins;
  d.mean = sum / (double)m;
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(v[i])) continue;
    size_t b = (size_t)((v[i] - lo) / d.width);
    if (b >= n_bins) b = n_bins - 1;
    d.count[b] += 1.0;
  }
  for (size_t b = 0; b < n_bins; b++)
    d.y_hi = fmax(d.y_hi, d.count[b]);
  d.y_hi *= 1.08;
  return mni_plot_render(ctx, out, draw_hist, &d);
}

typedef struct index_draw {
  const mni_plot_index_bars *p;
  double x_lo, x_hi;
} index_draw;

static void draw_bar(double y_mid, double h, double v, const double *lo, const double *hi, size_t i,
                     PLINT colour)
{
  if (!isfinite(v)) return;
  PLFLT x[4] = {0.0, 0.0, v, v},
        y[4] = {y_mid - h / 2, y_mid + h / 2, y_mid + h / 2, y_mid - h / 2};
  plcol0(colour);
  plfill(4, x, y);
  plcol0(MNI_COL_BLACK);
  plwidth(0.5);
  plline(4, x, y);
  if (lo != NULL && hi != NULL && isfinite(lo[i]) && isfinite(hi[i])) {
    plwidth(1.5);
    PLFLT wx[2] = {lo[i], hi[i]}, wy[2] = {y_mid, y_mid};
    plline(2, wx, wy);
    PLFLT tx[2] = {lo[i], lo[i]}, ty[2] = {y_mid - h / 4, y_mid + h / 4};
    plline(2, tx, ty);
    tx[0] = tx[1] = hi[i];
    plline(2, tx, ty);
  }
}

static void draw_index(const void *data)
{
  const index_draw *d = data;
  const mni_plot_index_bars *p = d->p;
  double n = (double)p->n;
  plvpor(0.36, 0.96, 0.12, 0.91);
  plwind(d->x_lo, d->x_hi, 0.0, n);
  plcol0(MNI_COL_GREY);
  plwidth(0.5);
  plbox("g", 0.0, 0, "", 0.0, 0);
  bool two = p->value2 != NULL;
  for (size_t i = 0; i < p->n; i++) {
    double y_mid = n - (double)i - 0.5; /* the first on top */
    double h = two ? 0.35 : 0.6;
    draw_bar(two ? y_mid + 0.19 : y_mid, h, p->value[i], p->lo, p->hi, i, MNI_COL_SERIES);
    if (two) draw_bar(y_mid - 0.19, h, p->value2[i], p->lo2, p->hi2, i, MNI_COL_SERIES + 1);
    plcol0(MNI_COL_BLACK);
    plschr(0.0, 0.8);
    plmtex("lv", 0.7, y_mid / n, 1.0, p->label[i]); /* left of the axis, outside the window */
    plschr(0.0, 1.0);
  }
  plwidth(1.5);
  plcol0(MNI_COL_BLACK);
  plbox("bcnst", 0.0, 0, "bc", 0.0, 0);
  pllab(p->x_label ? p->x_label : "", "", p->title ? p->title : "");
  if (two) {
    PLINT opt[2] = {PL_LEGEND_COLOR_BOX, PL_LEGEND_COLOR_BOX};
    PLINT tcol[2] = {MNI_COL_BLACK, MNI_COL_BLACK}, bcol[2] = {MNI_COL_SERIES, MNI_COL_SERIES + 1};
    PLINT bpat[2] = {0, 0};
    PLFLT bscale[2] = {0.8, 0.8}, bwidth[2] = {1.0, 1.0};
    const char *text[2] = {p->legend1 ? p->legend1 : "", p->legend2 ? p->legend2 : ""};
    PLFLT w = 0.0, hh = 0.0;
    pllegend(&w, &hh, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
             PL_POSITION_BOTTOM | PL_POSITION_RIGHT | PL_POSITION_INSIDE, 0.02, 0.02, 0.08,
             MNI_COL_WHITE, MNI_COL_GREY, 1, 0, 0, 2, opt, 1.0, 0.9, 2.0, 0.0, tcol, text, bcol,
             bpat, bscale, bwidth, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

mn_status mni_plot_index_bars_draw(mn_ctx *ctx, const mni_plot_out *out,
                                   const mni_plot_index_bars *bars)
{
  MN_REQUIRE(ctx,
             out != NULL && bars != NULL && bars->label != NULL && bars->value != NULL &&
                 bars->n >= 1 && bars->n <= MAX_BARS,
             MN_E_ARG, "index bars: NULL argument or %zu bars (1 to %d)",
             bars != NULL ? bars->n : 0, MAX_BARS);
  index_draw d = {bars, 0.0, 0.0};
  double lo = 0.0, hi = 0.0;
  const double *sets[6] = {bars->value, bars->lo, bars->hi, bars->value2, bars->lo2, bars->hi2};
  for (int s = 0; s < 6; s++)
    for (size_t i = 0; sets[s] != NULL && i < bars->n; i++)
      if (isfinite(sets[s][i])) {
        lo = fmin(lo, sets[s][i]);
        hi = fmax(hi, sets[s][i]);
      }
  if (hi <= lo) hi = lo + 1.0;
  d.x_lo = lo - (lo < 0.0 ? 0.05 * (hi - lo) : 0.0);
  d.x_hi = hi + 0.05 * (hi - lo);
  return mni_plot_render(ctx, out, draw_index, &d);
}
