/* Files of a sweep: sweep.csv (one row per point of the grid, or per point and patient: the
 * keys' values, the results) and a figure per headline result (sweep_<result>.png / .svg):
 *   one key    the result against the key: the line, and with patients (mn_sweep_run_patients)
 *              the median across them with its P25-P75 and P5-P95 band;
 *   two keys   a heat map over the grid (the median across patients);
 *   more       the result against the first key, one line per combination of the others (at
 *              most 8: the first 8 combinations). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/atomic_file_int.h"
#include "output/plot/plot_int.h"
#include "study/study_int.h"

static const char *const figure_outputs[] = {
    "absorption.enhancement_ratio", "absorption.absorbed_percent", "puncture.mean_depth_um",
    "healing.collagen_change_percent", "healing.downtime_days"};

#define MAX_LINES 8

/* A point's spread over its patients for output j: P5..P95 (NaN when every run failed). */
typedef struct point_stats {
  double p5, p25, p50, p75, p95;
} point_stats;

static void stats_of_points(const mn_study *st, size_t j, double *scratch, point_stats *ps)
{
  size_t m_pat = st->n_patients, n_points = st->n_rows / m_pat;
  for (size_t p = 0; p < n_points; p++) {
    for (size_t q = 0; q < m_pat; q++)
      scratch[q] = st->out[(p * m_pat + q) * st->n_out + j];
    mn_study_stats s;
    mni_study_stats(scratch, m_pat, scratch + m_pat, &s);
    ps[p] = (point_stats){s.p5, s.p25, s.p50, s.p75, s.p95};
  }
}

/* One key: the line, with its band across patients. */
static mn_status write_band(mn_ctx *ctx, const mn_study *st, const point_stats *ps, size_t j,
                            const mni_plot_out *out)
{
  size_t n_x = st->vary[0].n > 0 ? st->vary[0].n : 1;
  if (n_x > MNI_PLOT_BAND_MAX) n_x = MNI_PLOT_BAND_MAX;
  double x[MNI_PLOT_BAND_MAX], q[5][MNI_PLOT_BAND_MAX];
  bool any = false;
  for (size_t p = 0; p < n_x; p++) {
    x[p] = st->in[p * st->n_patients * st->n_in];
    const double v[5] = {ps[p].p5, ps[p].p25, ps[p].p50, ps[p].p75, ps[p].p95};
    for (int k = 0; k < 5; k++)
      q[k][p] = v[k];
    any |= isfinite(ps[p].p50) != 0;
  }
  if (!any) return MN_OK; /* healing.* without a course, or every point failed */
  bool has_band = st->n_patients > 1;
  char title[160];
  if (has_band)
    snprintf(title, sizeof title, "%s, %zu patients per point", mn_study_output_name(j),
             st->n_patients);
  else
    snprintf(title, sizeof title, "%s", mn_study_output_name(j));
  mni_plot_band b = {.title = title,
                     .x_label = st->in_names[0],
                     .y_label = mn_study_output_name(j),
                     .mid_label = has_band ? "median patient" : mn_study_output_name(j),
                     .x = x,
                     .n = n_x,
                     .p5 = has_band ? q[0] : NULL,
                     .p25 = has_band ? q[1] : NULL,
                     .p50 = q[2],
                     .p75 = has_band ? q[3] : NULL,
                     .p95 = has_band ? q[4] : NULL};
  return mni_plot_band_draw(ctx, out, &b);
}

/* Two keys: a heat map of the (median) result over the grid. */
static mn_status write_grid(mn_ctx *ctx, const mn_study *st, const point_stats *ps, size_t j,
                            const mni_plot_out *out)
{
  size_t n_x = st->vary[0].n > 0 ? st->vary[0].n : 1, n_y = st->vary[1].n > 0 ? st->vary[1].n : 1;
  if (n_x > MNI_PLOT_GRID_MAX || n_y > MNI_PLOT_GRID_MAX) return MN_OK; /* too fine to draw */
  double x[MNI_PLOT_GRID_MAX], y[MNI_PLOT_GRID_MAX];
  double *v = mn_alloc(ctx, n_x * n_y * sizeof *v);
  if (v == NULL) return mni_fail(ctx, MN_E_NOMEM, "sweep figure: out of memory");
  bool any = false;
  for (size_t a = 0; a < n_x; a++)
    for (size_t b = 0; b < n_y; b++) {
      size_t p = a * n_y + b, row = p * st->n_patients;
      x[a] = st->in[row * st->n_in];
      y[b] = st->in[row * st->n_in + 1];
      v[p] = ps[p].p50;
      any |= isfinite(v[p]) != 0;
    }
  mn_status rc = MN_OK;
  if (any) {
    char title[160];
    snprintf(title, sizeof title, "%s%s", mn_study_output_name(j),
             st->n_patients > 1 ? " (median patient)" : "");
    mni_plot_grid g = {.title = title,
                       .x_label = st->in_names[0],
                       .y_label = st->in_names[1],
                       .value_label = mn_study_output_name(j),
                       .x = x,
                       .y = y,
                       .n_x = n_x,
                       .n_y = n_y,
                       .is_log_x = st->vary[0].is_log,
                       .is_log_y = st->vary[1].is_log,
                       .value = v};
    rc = mni_plot_grid_draw(ctx, out, &g);
  }
  mn_free(ctx, v, n_x * n_y * sizeof *v);
  return rc;
}

/* Three keys or more: the (median) result against the first key, a line per combination. */
static mn_status write_lines(mn_ctx *ctx, const mn_study *st, const point_stats *ps, size_t j,
                             const mni_plot_out *out)
{
  size_t n_points = st->n_rows / st->n_patients;
  size_t n_x = st->vary[0].n > 0 ? st->vary[0].n : 1;
  size_t stride = n_points / n_x; /* points between two values of the first key */
  size_t n_lines = stride > MAX_LINES ? MAX_LINES : stride;
  double x[MAX_LINES][256], y[MAX_LINES][256];
  char labels[MAX_LINES][160];
  mni_plot_series series[MAX_LINES];
  size_t n_series = 0, n_keys = st->n_in - (st->n_patients > 1);
  for (size_t line = 0; line < n_lines; line++) {
    size_t m = 0;
    for (size_t p = 0; p < n_x && p < 256; p++) {
      size_t point = p * stride + line;
      if (!isfinite(ps[point].p50)) continue;
      x[line][m] = st->in[point * st->n_patients * st->n_in];
      y[line][m] = ps[point].p50;
      m++;
    }
    if (m == 0) continue;
    labels[line][0] = '\0';
    for (size_t k = 1; k < n_keys; k++) {
      size_t used = strlen(labels[line]);
      snprintf(labels[line] + used, sizeof labels[line] - used, "%s%s = %.4g", k > 1 ? ", " : "",
               st->in_names[k], st->in[line * st->n_patients * st->n_in + k]);
    }
    series[n_series++] = (mni_plot_series){x[line], y[line], m, labels[line], 0, 0};
  }
  if (n_series == 0) return MN_OK;
  mni_plot_lines plot = {.title = mn_study_output_name(j),
                         .x_label = st->in_names[0],
                         .y_label = mn_study_output_name(j),
                         .is_log_x = st->vary[0].is_log,
                         .series = series,
                         .n_series = n_series};
  return mni_plot_curves(ctx, out, &plot);
}

static mn_status write_figure(mn_ctx *ctx, const mn_study *st, const char *dir, size_t j,
                              unsigned formats)
{
  if (j >= st->n_out) return MN_OK; /* not an output (a name table out of step) */
  size_t n_points = st->n_rows / st->n_patients, n_keys = st->n_in - (st->n_patients > 1);
  point_stats *ps = mn_alloc(ctx, n_points * sizeof *ps);
  double *scratch = mn_alloc(ctx, 2 * st->n_patients * sizeof *scratch);
  mn_status rc = MN_OK;
  if (ps == NULL || scratch == NULL) {
    rc = mni_fail(ctx, MN_E_NOMEM, "sweep figure: out of memory");
  } else {
    stats_of_points(st, j, scratch, ps);
    char name[96];
    mni_study_figure_name(name, sizeof name, "sweep_", mn_study_output_name(j));
    mni_plot_out out = {dir, name, formats};
    rc = n_keys == 1   ? write_band(ctx, st, ps, j, &out)
         : n_keys == 2 ? write_grid(ctx, st, ps, j, &out)
                       : write_lines(ctx, st, ps, j, &out);
  }
  mn_free(ctx, ps, n_points * sizeof *ps);
  mn_free(ctx, scratch, 2 * st->n_patients * sizeof *scratch);
  return rc;
}

typedef struct sweep_files {
  const mn_study *st;
  unsigned formats;
} sweep_files;

static mn_status write_sweep_files(mn_ctx *ctx, const void *what, const char *dir)
{
  const sweep_files *w = what;
  MN_TRY(mni_study_write_csv(ctx, w->st, dir, "sweep.csv", "point"));
  for (size_t f = 0; w->formats != 0u && f < sizeof figure_outputs / sizeof figure_outputs[0];
       f++)
    MN_TRY(write_figure(ctx, w->st, dir, mni_study_output_index(figure_outputs[f]), w->formats));
  return MN_OK;
}

mn_status mn_sweep_write(mn_ctx *ctx, const mn_study *st, const char *outdir,
                         const mn_study_write_opts *opts)
{
  MNI_JSON_SCOPE(ctx); /* cJSON allocates through ctx */
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, st != NULL && outdir != NULL && st->vary != NULL, MN_E_ARG,
             "mn_sweep_write: NULL argument or not a sweep");
  mn_study_write_opts o = opts != NULL ? *opts : mn_study_write_opts_default();
  sweep_files w = {st, mni_plot_formats(o.png, o.svg)};
  return mni_study_write_unit(ctx, outdir, "sweep.csv", NULL, write_sweep_files, &w);
}
