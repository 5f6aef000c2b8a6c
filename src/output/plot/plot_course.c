/* Collagen and elastin over a course of sessions: change from baseline [%] against days since
 * the first session, a dashed line and a number at each session. */
#include <math.h>
#include <plplot/plplot.h>
#include <stdio.h>

#include "output/plot/plot_int.h"

typedef struct course_draw {
  const double *days, *collagen, *elastin;
  PLINT n;
  const double *session_days;
  size_t n_sessions;
  double x_lo, x_hi, y_lo, y_hi;
} course_draw;

static void draw_course(const void *data)
{
  const course_draw *d = data;
  plvpor(0.12, 0.96, 0.12, 0.91);
  plwind(d->x_lo, d->x_hi, d->y_lo, d->y_hi);
  plcol0(MNI_COL_GREY);
  plwidth(0.5);
  plbox("g", 0.0, 0, "g", 0.0, 0);
  /* Sessions: dashed verticals, numbered at the top. */
  plcol0(MNI_COL_BLACK);
  plwidth(1.0);
  pllsty(3);
  for (size_t s = 0; s < d->n_sessions; s++) {
    PLFLT x[2] = {d->session_days[s], d->session_days[s]};
    PLFLT y[2] = {d->y_lo, d->y_hi};
    plline(2, x, y);
    char label[32];
    snprintf(label, sizeof label, "S%zu", s + 1);
    plptex(d->session_days[s], d->y_hi - 0.04 * (d->y_hi - d->y_lo), 1.0, 0.0, -0.15, label);
  }
  pllsty(1);
  plwidth(1.5);
  plcol0(MNI_COL_BLACK);
  plbox("bcnst", 0.0, 0, "bcnstv", 0.0, 0);
  pllab("days since the first session", "change from baseline [%]",
        "Collagen and elastin over the course (dashed: sessions)");
  plwidth(2.5);
  plcol0(MNI_COL_SERIES);
  plline(d->n, d->days, d->collagen);
  if (d->elastin != NULL) {
    plcol0(MNI_COL_SERIES + 1);
    pllsty(2);
    plline(d->n, d->days, d->elastin);
    pllsty(1);
  }
  plwidth(1.5);

  PLINT opt[2] = {PL_LEGEND_LINE, PL_LEGEND_LINE}, tcol[2] = {MNI_COL_BLACK, MNI_COL_BLACK};
  PLINT lcol[2] = {MNI_COL_SERIES, MNI_COL_SERIES + 1}, lsty[2] = {1, 2};
  PLFLT lwid[2] = {2.5, 2.5};
  const char *text[2] = {"new collagen", "new elastin"};
  PLFLT w = 0.0, h = 0.0;
  pllegend(&w, &h, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
           PL_POSITION_TOP | PL_POSITION_RIGHT | PL_POSITION_INSIDE, 0.02, 0.08, 0.08,
           MNI_COL_WHITE, MNI_COL_GREY, 1, 0, 0, d->elastin != NULL ? 2 : 1, opt, 1.0, 0.9, 2.0,
           0.0, tcol, text, NULL, NULL, NULL, NULL, lcol, lsty, lwid, NULL, NULL, NULL, NULL);
}

mn_status mni_plot_course(mn_ctx *ctx, const mni_plot_out *out, const double *days,
                          const double *collagen_percent, const double *elastin_percent, size_t n,
                          const double *session_days, size_t n_sessions)
{
  MN_REQUIRE(ctx, out != NULL, MN_E_ARG, "plot: NULL argument");
  MN_REQUIRE(ctx, n >= 2 && n < 10000000, MN_E_ARG, "course plot: %zu points (at least 2)", n);
  MN_TRY(mni_plot_check_finite(ctx, "days", days, n));
  MN_TRY(mni_plot_check_finite(ctx, "collagen_percent", collagen_percent, n));
  if (elastin_percent != NULL)
    MN_TRY(mni_plot_check_finite(ctx, "elastin_percent", elastin_percent, n));
  if (n_sessions > 0) MN_TRY(mni_plot_check_finite(ctx, "session_days", session_days, n_sessions));
  course_draw d = {
      days, collagen_percent, elastin_percent, (PLINT)n, session_days, n_sessions, 0.0, 0.0, 0.0,
      0.0};
  mni_plot_range(days, n, &d.x_lo, &d.x_hi);
  double ylo, yhi, elo = 0.0, ehi = 0.0;
  mni_plot_range(collagen_percent, n, &ylo, &yhi);
  if (elastin_percent != NULL) {
    mni_plot_range(elastin_percent, n, &elo, &ehi);
    ylo = fmin(ylo, elo);
    yhi = fmax(yhi, ehi);
  }
  /* Zero (baseline) always in view; room above for the session numbers and the legend. */
  d.y_lo = fmin(0.0, ylo);
  d.y_hi = fmax(0.0, yhi);
  double span = d.y_hi - d.y_lo > 0.0 ? d.y_hi - d.y_lo : 1.0;
  d.y_lo -= d.y_lo < 0.0 ? 0.05 * span : 0.0;
  d.y_hi += 0.25 * span;
  return mni_plot_render(ctx, out, draw_course, &d);
}
