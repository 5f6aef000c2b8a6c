/* Collagen (all, and its cross-linked part) and elastin over a course of sessions: change from
 * baseline [%] against days since the first session, a dashed line and a number at each
 * session. The cross-linked part lies under the total, so it never widens the range. */
#include <math.h>
#include <plplot/plplot.h>
#include <stdio.h>

#include "output/plot/plot_int.h"

typedef struct course_draw {
  const double *days, *collagen, *mature, *elastin;
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
  if (d->mature != NULL) {
    plcol0(MNI_COL_SERIES + 2);
    pllsty(4);
    plline(d->n, d->days, d->mature);
    pllsty(1);
  }
  if (d->elastin != NULL) {
    plcol0(MNI_COL_SERIES + 1);
    pllsty(2);
    plline(d->n, d->days, d->elastin);
    pllsty(1);
  }
  plwidth(1.5);

  /* Legend entries in drawing order, absent series left out. */
  PLINT opt[3], tcol[3], lcol[3], lsty[3];
  PLFLT lwid[3];
  const char *text[3];
  PLINT n_leg = 0;
  const struct {
    const double *y;
    PLINT col, sty;
    const char *name;
  } series[3] = {{d->collagen, MNI_COL_SERIES, 1, "new collagen (all)"},
                 {d->mature, MNI_COL_SERIES + 2, 4, "of which cross-linked"},
                 {d->elastin, MNI_COL_SERIES + 1, 2, "new elastin"}};
  for (int k = 0; k < 3; k++) {
    if (series[k].y == NULL) continue;
    opt[n_leg] = PL_LEGEND_LINE;
    tcol[n_leg] = MNI_COL_BLACK;
    lcol[n_leg] = series[k].col;
    lsty[n_leg] = series[k].sty;
    lwid[n_leg] = 2.5;
    text[n_leg] = series[k].name;
    n_leg++;
  }
  PLFLT w = 0.0, h = 0.0;
  pllegend(&w, &h, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
           PL_POSITION_TOP | PL_POSITION_RIGHT | PL_POSITION_INSIDE, 0.02, 0.08, 0.08,
           MNI_COL_WHITE, MNI_COL_GREY, 1, 0, 0, n_leg, opt, 1.0, 0.9, 2.0, 0.0, tcol, text, NULL,
           NULL, NULL, NULL, lcol, lsty, lwid, NULL, NULL, NULL, NULL);
}

mn_status mni_plot_course(mn_ctx *ctx, const mni_plot_out *out, const double *days,
                          const double *collagen_percent, const double *mature_percent,
                          const double *elastin_percent, size_t n, const double *session_days,
                          size_t n_sessions)
{
  MN_REQUIRE(ctx, out != NULL, MN_E_ARG, "plot: NULL argument");
  MN_REQUIRE(ctx, n >= 2 && n < 10000000, MN_E_ARG, "course plot: %zu points (at least 2)", n);
  MN_TRY(mni_plot_check_finite(ctx, "days", days, n));
  MN_TRY(mni_plot_check_finite(ctx, "collagen_percent", collagen_percent, n));
  if (mature_percent != NULL)
    MN_TRY(mni_plot_check_finite(ctx, "mature_percent", mature_percent, n));
  if (elastin_percent != NULL)
    MN_TRY(mni_plot_check_finite(ctx, "elastin_percent", elastin_percent, n));
  if (n_sessions > 0) MN_TRY(mni_plot_check_finite(ctx, "session_days", session_days, n_sessions));
  course_draw d = {days,
                   collagen_percent,
                   mature_percent,
                   elastin_percent,
                   (PLINT)n,
                   session_days,
                   n_sessions,
                   0.0,
                   0.0,
                   0.0,
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
