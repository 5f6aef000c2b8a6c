/* A line with its band: the median of a result against x, the P25-P75 band darker and the
 * P5-P95 band lighter (the spread across patients), and an optional dashed reference line
 * (e.g. the depth where the dermis begins). The bands are drawn in the series colour with
 * alpha 0.2 and 0.4, so the line stays readable over them. */
#include <math.h>
#include <plplot/plplot.h>
#include <string.h>

#include "output/plot/plot_int.h"

/* Spare cmap0 entries for the translucent bands (layer colours: unused in these figures). */
#define BAND_OUTER MNI_COL_SUBCUTIS
#define BAND_INNER MNI_COL_CHANNEL

typedef struct band_draw {
  const mni_plot_band *b;
  double x_lo, x_hi, y_lo, y_hi;
} band_draw;

/* The polygon between lo and hi over x (points where either is not finite are skipped). */
static void fill_between(const double *x, const double *lo, const double *hi, size_t n)
{
  PLFLT px[2 * MNI_PLOT_BAND_MAX], py[2 * MNI_PLOT_BAND_MAX];
  PLINT m = 0;
  for (size_t i = 0; i < n; i++)
    if (isfinite(lo[i]) && isfinite(hi[i])) {
      px[m] = x[i];
      py[m++] = hi[i];
    }
  for (size_t i = n; i-- > 0;)
    if (isfinite(lo[i]) && isfinite(hi[i])) {
      px[m] = x[i];
      py[m++] = lo[i];
    }
  if (m >= 4) plfill(m, px, py);
}

static void draw_band(const void *data)
{
  const band_draw *d = data;
  const mni_plot_band *b = d->b;
  plvpor(0.12, 0.96, 0.12, 0.91);
  plwind(d->x_lo, d->x_hi, d->y_lo, d->y_hi);
  plcol0(MNI_COL_GREY);
  plwidth(0.5);
  plbox("g", 0.0, 0, "g", 0.0, 0);
  plscol0a(BAND_OUTER, 0, 114, 178, 0.2); /* the first series colour, translucent */
  plscol0a(BAND_INNER, 0, 114, 178, 0.4);
  plcol0(BAND_OUTER);
  if (b->p5 != NULL && b->p95 != NULL) fill_between(b->x, b->p5, b->p95, b->n);
  plcol0(BAND_INNER);
  if (b->p25 != NULL && b->p75 != NULL) fill_between(b->x, b->p25, b->p75, b->n);
  PLFLT lx[MNI_PLOT_BAND_MAX], ly[MNI_PLOT_BAND_MAX];
  PLINT m = 0;
  for (size_t i = 0; i < b->n; i++)
    if (isfinite(b->p50[i])) {
      lx[m] = b->x[i];
      ly[m++] = b->p50[i];
    }
  plcol0(MNI_COL_SERIES);
  plwidth(2.0);
  if (m >= 2) plline(m, lx, ly);
  if (m == 1) plpoin(1, lx, ly, 17);
  if (b->ref != NULL) {
    PLFLT rx[MNI_PLOT_BAND_MAX], ry[MNI_PLOT_BAND_MAX];
    PLINT k = 0;
    for (size_t i = 0; i < b->n; i++)
      if (isfinite(b->ref[i])) {
        rx[k] = b->x[i];
        ry[k++] = b->ref[i];
      }
    plcol0(MNI_COL_SERIES + 3);
    pllsty(2);
    if (k >= 2) plline(k, rx, ry);
    pllsty(1);
  }
  plwidth(1.5);
  plcol0(MNI_COL_BLACK);
  plbox("bcnst", 0.0, 0, "bcnstv", 0.0, 0);
  pllab(b->x_label ? b->x_label : "", b->y_label ? b->y_label : "", b->title ? b->title : "");
  /* Legend: the median, the two bands, the reference. */
  PLINT opt[4] = {PL_LEGEND_LINE, PL_LEGEND_COLOR_BOX, PL_LEGEND_COLOR_BOX, PL_LEGEND_LINE};
  PLINT tcol[4] = {MNI_COL_BLACK, MNI_COL_BLACK, MNI_COL_BLACK, MNI_COL_BLACK};
  PLINT lcol[4] = {MNI_COL_SERIES, 0, 0, MNI_COL_SERIES + 3}, lsty[4] = {1, 1, 1, 2};
  PLFLT lw[4] = {2.0, 1.0, 1.0, 1.5}, bscale[4] = {0.8, 0.8, 0.8, 0.8}, bw[4] = {1, 1, 1, 1};
  PLINT bcol[4] = {0, BAND_INNER, BAND_OUTER, 0}, bpat[4] = {0, 0, 0, 0};
  const char *text[4] = {b->mid_label ? b->mid_label : "median", "P25-P75", "P5-P95",
                         b->ref_label ? b->ref_label : ""};
  PLINT n_items = b->p5 != NULL ? (b->ref != NULL ? 4 : 3) : 1;
  if (b->p5 == NULL && b->ref != NULL) { /* the line and the reference only */
    opt[1] = opt[3], lcol[1] = lcol[3], lsty[1] = lsty[3], lw[1] = lw[3], text[1] = text[3];
    n_items = 2;
  }
  PLFLT w = 0.0, h = 0.0;
  pllegend(&w, &h, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
           PL_POSITION_TOP | PL_POSITION_LEFT | PL_POSITION_INSIDE, 0.02, 0.02, 0.06, MNI_COL_WHITE,
           MNI_COL_GREY, 1, 0, 0, n_items, opt, 1.0, 0.9, 2.0, 0.0, tcol, text, bcol, bpat,
           bscale, bw, lcol, lsty, lw, NULL, NULL, NULL, NULL);
}

mn_status mni_plot_band_draw(mn_ctx *ctx, const mni_plot_out *out, const mni_plot_band *b)
{
  MN_REQUIRE(ctx, out != NULL && b != NULL && b->x != NULL && b->p50 != NULL && b->n >= 1 &&
                      b->n <= MNI_PLOT_BAND_MAX,
             MN_E_ARG, "band: NULL argument or %zu points (1 to %d)", b != NULL ? b->n : 0,
             MNI_PLOT_BAND_MAX);
  MN_TRY(mni_plot_check_finite(ctx, "x", b->x, b->n));
  band_draw d = {b, 0.0, 0.0, HUGE_VAL, -HUGE_VAL};
  mni_plot_range(b->x, b->n, &d.x_lo, &d.x_hi);
  const double *sets[6] = {b->p50, b->p5, b->p95, b->p25, b->p75, b->ref};
  for (int s = 0; s < 6; s++)
    for (size_t i = 0; sets[s] != NULL && i < b->n; i++)
      if (isfinite(sets[s][i])) {
        d.y_lo = fmin(d.y_lo, sets[s][i]);
        d.y_hi = fmax(d.y_hi, sets[s][i]);
      }
  MN_REQUIRE(ctx, d.y_lo <= d.y_hi, MN_E_ARG, "band %s: no finite value", out->name);
  if (b->is_from_zero && d.y_lo > 0.0) d.y_lo = 0.0;
  double pad = d.y_hi > d.y_lo ? 0.06 * (d.y_hi - d.y_lo) : (d.y_hi != 0.0 ? 0.05 * fabs(d.y_hi) : 1.0);
  d.y_hi += pad;
  if (!b->is_from_zero || d.y_lo < 0.0) d.y_lo -= pad;
  return mni_plot_render(ctx, out, draw_band, &d);
}
