/* Violins: for each group of values (all patients, each Fitzpatrick type, ...) the density of
 * the values mirrored about the group's axis, with its P25-P75 box and median tick. The density
 * is a Gaussian kernel estimate with Silverman's rule of thumb for the bandwidth, h = 0.9
 * min(SD, IQR / 1.34) n^(-1/5) (Silverman 1986, Density Estimation for Statistics and Data
 * Analysis, eq. 3.31), cut at the group's minimum and maximum; each violin is scaled to the
 * same greatest width, so the shapes compare, not the group sizes (those are in the labels). */
#include <math.h>
#include <plplot/plplot.h>
#include <stdlib.h>
#include <string.h>

#include "output/plot/plot_int.h"

#define N_GRID 64

typedef struct violin_shape {
  bool is_drawn;
  double y[N_GRID], half_width[N_GRID];
  double p25, p50, p75;
} violin_shape;

typedef struct violin_draw {
  const mni_plot_violins *v;
  violin_shape shape[MNI_PLOT_VIOLIN_MAX];
  double y_lo, y_hi;
} violin_draw;

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double quantile(const double *sorted, size_t n, double p)
{
  double h = p * (double)(n - 1);
  size_t lo = (size_t)floor(h);
  if (lo + 1 >= n) return sorted[n - 1];
  return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

/* The shape of one group from its sorted finite values. */
static void make_shape(const double *s, size_t n, violin_shape *out)
{
  out->is_drawn = n >= 2;
  if (!out->is_drawn) return;
  double mean = 0.0, ss = 0.0;
  for (size_t i = 0; i < n; i++)
    mean += s[i];
  mean /= (double)n;
  for (size_t i = 0; i < n; i++)
    ss += (s[i] - mean) * (s[i] - mean);
  double sd = sqrt(ss / (double)(n - 1));
  out->p25 = quantile(s, n, 0.25);
  out->p50 = quantile(s, n, 0.50);
  out->p75 = quantile(s, n, 0.75);
  double spread = fmin(sd, (out->p75 - out->p25) / 1.34);
  if (!(spread > 0.0)) spread = sd > 0.0 ? sd : fmax(1e-9, 0.01 * fabs(mean));
  double h = 0.9 * spread * pow((double)n, -0.2);
  double lo = s[0], hi = s[n - 1], peak = 0.0;
  if (hi <= lo) hi = lo + h;
  /* Values beyond a few bandwidths add nothing: a window on the sorted values keeps the cost
   * at N_GRID x (values in the window). */
  size_t first = 0;
  for (int g = 0; g < N_GRID; g++) {
    double y = lo + (hi - lo) * (double)g / (double)(N_GRID - 1), f = 0.0;
    while (first < n && s[first] < y - 5.0 * h)
      first++;
    for (size_t i = first; i < n && s[i] <= y + 5.0 * h; i++) {
      double z = (y - s[i]) / h;
      f += exp(-0.5 * z * z);
    }
    out->y[g] = y;
    out->half_width[g] = f;
    peak = fmax(peak, f);
  }
  for (int g = 0; g < N_GRID; g++)
    out->half_width[g] = peak > 0.0 ? 0.42 * out->half_width[g] / peak : 0.0;
}

static void draw_violins(const void *data)
{
  const violin_draw *d = data;
  const mni_plot_violins *v = d->v;
  double n = (double)v->n_groups;
  plvpor(0.12, 0.96, 0.16, 0.91);
  plwind(0.0, n, d->y_lo, d->y_hi);
  plcol0(MNI_COL_GREY);
  plwidth(0.5);
  plbox("", 0.0, 0, "g", 0.0, 0);
  for (size_t k = 0; k < v->n_groups; k++) {
    const violin_shape *s = &d->shape[k];
    double c = (double)k + 0.5;
    plcol0(MNI_COL_BLACK);
    plschr(0.0, 0.75);
    plmtex("b", 1.2, c / n, 0.5, v->group_label[k]);
    plschr(0.0, 1.0);
    if (!s->is_drawn) continue;
    PLFLT px[2 * N_GRID], py[2 * N_GRID];
    for (int g = 0; g < N_GRID; g++) {
      px[g] = c - s->half_width[g];
      py[g] = s->y[g];
      px[2 * N_GRID - 1 - g] = c + s->half_width[g];
      py[2 * N_GRID - 1 - g] = s->y[g];
    }
    plcol0(k == 0 ? MNI_COL_SERIES : MNI_COL_SERIES + 1);
    plfill(2 * N_GRID, px, py);
    plcol0(MNI_COL_BLACK);
    plwidth(0.5);
    plline(2 * N_GRID, px, py);
    PLFLT bx[5] = {c - 0.05, c - 0.05, c + 0.05, c + 0.05, c - 0.05};
    PLFLT by[5] = {s->p25, s->p75, s->p75, s->p25, s->p25};
    plfill(4, bx, by);
    plcol0(MNI_COL_WHITE);
    plwidth(2.0);
    PLFLT mx[2] = {c - 0.05, c + 0.05}, my[2] = {s->p50, s->p50};
    plline(2, mx, my);
  }
  plwidth(1.5);
  plcol0(MNI_COL_BLACK);
  plbox("bc", 0.0, 0, "bcnstv", 0.0, 0);
  pllab("", v->y_label ? v->y_label : "", v->title ? v->title : "");
}

mn_status mni_plot_violins_draw(mn_ctx *ctx, const mni_plot_out *out, const mni_plot_violins *v)
{
  MN_REQUIRE(ctx, out != NULL && v != NULL && v->n_groups >= 1 &&
                      v->n_groups <= MNI_PLOT_VIOLIN_MAX && v->values != NULL &&
                      v->group != NULL && v->group_label != NULL,
             MN_E_ARG, "violins: NULL argument or %zu groups (1 to %d)", v ? v->n_groups : 0,
             MNI_PLOT_VIOLIN_MAX);
  violin_draw *d = mn_calloc(ctx, 1, sizeof *d);
  double *sorted = mn_alloc(ctx, (v->n + 1) * sizeof *sorted);
  mn_status rc = MN_OK;
  if (d == NULL || sorted == NULL) {
    rc = mni_fail(ctx, MN_E_NOMEM, "violins: out of memory");
    goto done;
  }
  d->v = v;
  d->y_lo = HUGE_VAL;
  d->y_hi = -HUGE_VAL;
  for (size_t k = 0; k < v->n_groups; k++) {
    size_t m = 0;
    for (size_t i = 0; i < v->n; i++)
      if (isfinite(v->values[i]) && (k == 0 || v->group[i] == (int)k)) sorted[m++] = v->values[i];
    qsort(sorted, m, sizeof *sorted, cmp_double);
    make_shape(sorted, m, &d->shape[k]);
    if (m > 0) {
      d->y_lo = fmin(d->y_lo, sorted[0]);
      d->y_hi = fmax(d->y_hi, sorted[m - 1]);
    }
  }
  if (!(d->y_lo <= d->y_hi)) {
    rc = mni_fail(ctx, MN_E_ARG, "violins %s: no finite value", out->name);
    goto done;
  }
  double pad = d->y_hi > d->y_lo ? 0.05 * (d->y_hi - d->y_lo) : fmax(1e-9, 0.05 * fabs(d->y_hi));
  d->y_lo -= pad;
  d->y_hi += pad;
  rc = mni_plot_render(ctx, out, draw_violins, d);
done:
  mn_free(ctx, sorted, (v->n + 1) * sizeof *sorted);
  mn_free(ctx, d, sizeof *d);
  return rc;
}
