/* Files of a sweep: sweep.csv (one row per point of the grid: the keys' values, the results)
 * and a figure per headline result against the first key (sweep_<result>.png / .svg), one line
 * per combination of the other keys (at most 8 lines: the first 8 combinations). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/atomic_file_int.h"
#include "output/plot/plot_int.h"
#include "study/study_int.h"

static const char *const figure_outputs[] = {
    "absorption.enhancement_ratio", "absorption.absorbed_percent", "puncture.mean_depth_um",
    "healing.collagen_change_percent", "healing.downtime_days"};

#define MAX_LINES 8

static mn_status write_figure(mn_ctx *ctx, const mn_study *st, const char *dir, size_t j,
                              unsigned formats)
{
  size_t n_x = st->vary[0].n > 0 ? st->vary[0].n : 1;
  size_t n_lines = st->n_rows / n_x;
  if (n_lines > MAX_LINES) n_lines = MAX_LINES;
  size_t stride = st->n_rows / n_x; /* rows between two points of the first key */
  double x[MAX_LINES][256], y[MAX_LINES][256];
  char labels[MAX_LINES][160];
  mni_plot_series series[MAX_LINES];
  size_t n_series = 0;
  for (size_t line = 0; line < n_lines; line++) {
    size_t m = 0;
    for (size_t p = 0; p < n_x && p < 256; p++) {
      size_t row = p * stride + line;
      double v = st->out[row * st->n_out + j];
      if (!isfinite(v)) continue;
      x[line][m] = st->in[row * st->n_in + 0];
      y[line][m] = v;
      m++;
    }
    if (m == 0) continue;
    labels[line][0] = '\0';
    for (size_t k = 1; k < st->n_in; k++) {
      size_t used = strlen(labels[line]);
      snprintf(labels[line] + used, sizeof labels[line] - used, "%s%s = %.4g", k > 1 ? ", " : "",
               st->in_names[k], st->in[line * st->n_in + k]);
    }
    series[n_series] = (mni_plot_series){x[line], y[line], m, labels[line], 0, 0};
    n_series++;
  }
  if (n_series == 0) return MN_OK; /* healing.* without a course, or every point failed */
  char name[96];
  snprintf(name, sizeof name, "sweep_%s", mn_study_output_name(j));
  for (char *c = name; *c != '\0'; c++)
    if (*c == '.') *c = '-';
  mni_plot_lines plot = {.title = mn_study_output_name(j),
                         .x_label = st->in_names[0],
                         .y_label = mn_study_output_name(j),
                         .is_log_x = st->vary[0].is_log,
                         .series = series,
                         .n_series = n_series};
  mni_plot_out out = {dir, name, formats};
  return mni_plot_curves(ctx, &out, &plot);
}

mn_status mn_sweep_write(mn_ctx *ctx, const mn_study *st, const char *outdir,
                         const mn_study_write_opts *opts)
{
  MNI_JSON_SCOPE(ctx); /* cJSON allocates through ctx */
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, st != NULL && outdir != NULL && st->vary != NULL, MN_E_ARG,
             "mn_sweep_write: NULL argument or not a sweep");
  mn_study_write_opts o = opts != NULL ? *opts : mn_study_write_opts_default();
  MN_TRY(mni_mkdir_p(ctx, outdir));
  MN_TRY(mni_study_write_csv(ctx, st, outdir, "sweep.csv", "point"));
  unsigned formats = (o.png ? MNI_PLOT_PNG : 0u) | (o.svg ? MNI_PLOT_SVG : 0u);
  for (size_t f = 0; formats != 0u && f < sizeof figure_outputs / sizeof figure_outputs[0]; f++)
    for (size_t j = 0; j < st->n_out; j++)
      if (strcmp(mn_study_output_name(j), figure_outputs[f]) == 0)
        MN_TRY(write_figure(ctx, st, outdir, j, formats));
  return MN_OK;
}
