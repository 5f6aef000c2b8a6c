/* A heat map of a result over a two-key grid (a sweep): one cell per point, centred on the
 * keys' values, on a linear colour scale from the smallest to the largest value; points whose
 * run failed are left white. Cell edges lie halfway between neighbouring values (a log key's
 * geometric halfway on a log axis), so uneven and log grids are drawn to their geometry. */
#include <math.h>
#include <plplot/plplot.h>
#include <string.h>

#include "output/plot/plot_int.h"

typedef struct grid_draw {
  const mni_plot_grid *g;
  double x_edge[MNI_PLOT_GRID_MAX + 1], y_edge[MNI_PLOT_GRID_MAX + 1];
  double lo, hi;
} grid_draw;

/* Edges around n values (n >= 1), on a log scale when is_log. */
static void edges(const double *v, size_t n, bool is_log, double *e)
{
  double t[MNI_PLOT_GRID_MAX] = {0};
  for (size_t i = 0; i < n; i++)
    t[i] = is_log ? log10(v[i]) : v[i];
  double half = n > 1 ? 0.5 * (t[1] - t[0]) : 0.5;
  e[0] = t[0] - half;
  for (size_t i = 1; i < n; i++)
    e[i] = 0.5 * (t[i - 1] + t[i]);
  e[n] = t[n - 1] + (n > 1 ? 0.5 * (t[n - 1] - t[n - 2]) : 0.5);
}

static void draw_grid(const void *data)
{
  const grid_draw *d = data;
  const mni_plot_grid *g = d->g;
  mni_plot_cmap1_viridis();
  plvpor(0.13, 0.80, 0.12, 0.91);
  plwind(d->x_edge[0], d->x_edge[g->n_x], d->y_edge[0], d->y_edge[g->n_y]);
  for (size_t i = 0; i < g->n_x; i++)
    for (size_t j = 0; j < g->n_y; j++) {
      double v = g->value[i * g->n_y + j];
      if (!isfinite(v)) continue;
      PLFLT x[4] = {d->x_edge[i], d->x_edge[i], d->x_edge[i + 1], d->x_edge[i + 1]};
      PLFLT y[4] = {d->y_edge[j], d->y_edge[j + 1], d->y_edge[j + 1], d->y_edge[j]};
      plcol1(d->hi > d->lo ? (v - d->lo) / (d->hi - d->lo) : 0.5);
      plfill(4, x, y);
    }
  plcol0(MNI_COL_BLACK);
  plwidth(1.5);
  plbox(g->is_log_x ? "bcnstl" : "bcnst", 0.0, 0, g->is_log_y ? "bcnstvl" : "bcnstv", 0.0, 0);
  pllab(g->x_label ? g->x_label : "", g->y_label ? g->y_label : "", g->title ? g->title : "");
  mni_plot_colorbar(g->value_label ? g->value_label : "", d->lo, d->hi, 0);
}

mn_status mni_plot_grid_draw(mn_ctx *ctx, const mni_plot_out *out, const mni_plot_grid *g)
{
  MN_REQUIRE(ctx, out != NULL && g != NULL && g->x != NULL && g->y != NULL && g->value != NULL &&
                      g->n_x >= 1 && g->n_y >= 1 && g->n_x <= MNI_PLOT_GRID_MAX &&
                      g->n_y <= MNI_PLOT_GRID_MAX,
             MN_E_ARG, "grid: NULL argument or %zu x %zu points (1 to %d each)", g ? g->n_x : 0,
             g ? g->n_y : 0, MNI_PLOT_GRID_MAX);
  MN_TRY(mni_plot_check_finite(ctx, "x", g->x, g->n_x));
  MN_TRY(mni_plot_check_finite(ctx, "y", g->y, g->n_y));
  grid_draw d;
  memset(&d, 0, sizeof d);
  d.g = g;
  edges(g->x, g->n_x, g->is_log_x, d.x_edge);
  edges(g->y, g->n_y, g->is_log_y, d.y_edge);
  d.lo = HUGE_VAL;
  d.hi = -HUGE_VAL;
  for (size_t k = 0; k < g->n_x * g->n_y; k++)
    if (isfinite(g->value[k])) {
      d.lo = fmin(d.lo, g->value[k]);
      d.hi = fmax(d.hi, g->value[k]);
    }
  MN_REQUIRE(ctx, d.lo <= d.hi, MN_E_ARG, "grid %s: no finite value", out->name);
  if (d.hi <= d.lo) d.hi = d.lo + (d.lo != 0.0 ? 1e-6 * fabs(d.lo) : 1.0);
  return mni_plot_render(ctx, out, draw_grid, &d);
}
