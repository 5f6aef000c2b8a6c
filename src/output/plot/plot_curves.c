/* Line plots (absorbed % over time, concentration-depth profiles): up to 8 series with a legend,
 * linear or logarithmic axes. Log axes take log10 of the data (PLplot's "l" box option labels
 * them 10^k); points that cannot be drawn on a log axis (<= 0) are left out. */
#include <math.h>
#include <plplot/plplot.h>
#include <string.h>

#include "output/plot/plot_int.h"

#define MAX_SERIES 8

typedef struct curves_draw {
  const mni_plot_lines *plot;
  double *x[MAX_SERIES]; /* transformed copies (log10 where the axis is logarithmic) */
  double *y[MAX_SERIES];
  PLINT n[MAX_SERIES];
  double x_lo, x_hi, y_lo, y_hi;
} curves_draw;

static PLINT series_colour(const mni_plot_series *s, size_t i)
{
  return MNI_COL_SERIES + (s->colour >= 1 && s->colour <= 8 ? (PLINT)s->colour - 1 : (PLINT)i);
}

static void draw_legend(const mni_plot_lines *p, PLINT position)
{
  PLINT opt[MAX_SERIES], tcol[MAX_SERIES], lcol[MAX_SERIES], lsty[MAX_SERIES];
  PLFLT lwid[MAX_SERIES];
  const char *text[MAX_SERIES];
  PLINT n = (PLINT)p->n_series;
  for (PLINT i = 0; i < n; i++) {
    opt[i] = PL_LEGEND_LINE;
    tcol[i] = MNI_COL_BLACK;
    lcol[i] = series_colour(&p->series[i], (size_t)i);
    lsty[i] = p->series[i].is_dashed ? 2 : 1;
    lwid[i] = 2.5;
    text[i] = p->series[i].label != NULL ? p->series[i].label : "";
  }
  PLFLT w = 0.0, h = 0.0;
  pllegend(&w, &h, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX, position, 0.02, 0.02, 0.08,
           MNI_COL_WHITE, MNI_COL_GREY, 1, 0, 0, n, opt, 1.0, 0.9, 2.0, 0.0, tcol, text, NULL, NULL,
           NULL, NULL, lcol, lsty, lwid, NULL, NULL, NULL, NULL);
}

static void draw_curves(const void *data)
{
  const curves_draw *d = data;
  const mni_plot_lines *p = d->plot;
  char xopt[16] = "bcnst", yopt[16] = "bcnstv";
  if (p->is_log_x) strcat(xopt, "l");
  if (p->is_log_y) strcat(yopt, "l");

  plvpor(0.11, 0.96, 0.12, 0.91);
  if (p->is_y_down)
    plwind(d->x_lo, d->x_hi, d->y_hi, d->y_lo);
  else
    plwind(d->x_lo, d->x_hi, d->y_lo, d->y_hi);
  plcol0(MNI_COL_GREY);
  plwidth(0.5);
  plbox(p->is_log_x ? "gh" : "g", 0.0, 0, p->is_log_y ? "gh" : "g", 0.0, 0);
  plwidth(1.5);
  plcol0(MNI_COL_BLACK);
  plbox(xopt, 0.0, 0, yopt, 0.0, 0);
  pllab(p->x_label ? p->x_label : "", p->y_label ? p->y_label : "", p->title ? p->title : "");
  for (size_t i = 0; i < p->n_series; i++) {
    if (d->n[i] == 0) continue;
    plcol0(series_colour(&p->series[i], i));
    pllsty(p->series[i].is_dashed ? 2 : 1);
    plwidth(2.5);
    if (d->n[i] == 1)
      plstring(1, d->x[i], d->y[i], "●");
    else
      plline(d->n[i], d->x[i], d->y[i]);
  }
  pllsty(1);
  plwidth(1.5);
  /* Rising curves leave the upper left empty; profiles against depth the lower right. */
  draw_legend(p, p->is_y_down ? PL_POSITION_BOTTOM | PL_POSITION_RIGHT | PL_POSITION_INSIDE
                              : PL_POSITION_TOP | PL_POSITION_LEFT | PL_POSITION_INSIDE);
}

static double pad_lo(double lo, double hi, int is_log)
{
  return is_log ? lo - 0.02 * (hi - lo) : lo - 0.03 * (hi - lo);
}

mn_status mni_plot_curves(mn_ctx *ctx, const mni_plot_out *out, const mni_plot_lines *plot)
{
  MN_REQUIRE(ctx, out != NULL && plot != NULL, MN_E_ARG, "plot: NULL argument");
  MN_REQUIRE(ctx, plot->n_series >= 1 && plot->n_series <= MAX_SERIES && plot->series != NULL,
             MN_E_ARG, "plot %s: %zu series (1 to %d)", out->name, plot->n_series, MAX_SERIES);
  curves_draw d;
  memset(&d, 0, sizeof d);
  d.plot = plot;
  mn_status st = MN_OK;
  size_t total = 0;
  double xl = HUGE_VAL, xh = -HUGE_VAL, yl = HUGE_VAL, yh = -HUGE_VAL;
  int all_x_pos = 1, all_y_pos = 1;
  for (size_t s = 0; s < plot->n_series; s++) {
    const mni_plot_series *se = &plot->series[s];
    MN_CHECK_GOTO(mni_plot_check_finite(ctx, "x", se->x, se->n));
    MN_CHECK_GOTO(mni_plot_check_finite(ctx, "y", se->y, se->n));
    if (se->n >= 10000000) {
      st = mni_fail(ctx, MN_E_ARG, "plot %s: %zu points (at most 1e7)", out->name, se->n);
      goto fail;
    }
    d.x[s] = mn_alloc(ctx, (se->n + 1) * sizeof(double));
    d.y[s] = mn_alloc(ctx, (se->n + 1) * sizeof(double));
    if (d.x[s] == NULL || d.y[s] == NULL) {
      st = MN_E_NOMEM;
      goto fail;
    }
    PLINT k = 0;
    for (size_t i = 0; i < se->n; i++) {
      double x = se->x[i], y = se->y[i];
      if ((plot->is_log_x && x <= 0.0) || (plot->is_log_y && y <= 0.0)) continue;
      d.x[s][k] = plot->is_log_x ? log10(x) : x;
      d.y[s][k] = plot->is_log_y ? log10(y) : y;
      xl = fmin(xl, d.x[s][k]);
      xh = fmax(xh, d.x[s][k]);
      yl = fmin(yl, d.y[s][k]);
      yh = fmax(yh, d.y[s][k]);
      all_x_pos &= x >= 0.0;
      all_y_pos &= y >= 0.0;
      k++;
    }
    d.n[s] = k;
    total += (size_t)k;
  }
  if (total == 0) {
    st = mni_fail(ctx, MN_E_ARG, "plot %s: no point can be drawn%s", out->name,
                  plot->is_log_x || plot->is_log_y ? " (log axis needs values > 0)" : "");
    goto fail;
  }
  /* Linear axes of non-negative quantities start at zero: amounts and depths read best so. */
  if (!plot->is_log_x && all_x_pos) xl = 0.0;
  if (!plot->is_log_y && all_y_pos) yl = 0.0;
  double r[2] = {xl, xh};
  mni_plot_range(r, 2, &d.x_lo, &d.x_hi);
  r[0] = yl;
  r[1] = yh;
  mni_plot_range(r, 2, &d.y_lo, &d.y_hi);
  if (plot->is_log_x || d.x_lo != 0.0) d.x_lo = pad_lo(d.x_lo, d.x_hi, plot->is_log_x);
  if (plot->is_log_y || d.y_lo != 0.0) d.y_lo = pad_lo(d.y_lo, d.y_hi, plot->is_log_y);
  d.y_hi += 0.05 * (d.y_hi - d.y_lo);
  st = mni_plot_render(ctx, out, draw_curves, &d);
fail:
  for (size_t s = 0; s < plot->n_series; s++) {
    size_t n = plot->series[s].n + 1;
    if (d.x[s] != NULL) mn_free(ctx, d.x[s], n * sizeof(double));
    if (d.y[s] != NULL) mn_free(ctx, d.y[s], n * sizeof(double));
  }
  return st;
}
