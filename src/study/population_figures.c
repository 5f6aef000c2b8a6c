/* The figures of a population (mn_population_write): for each headline result a histogram and
 * violins (every patient, then each Fitzpatrick type), and the depth reached against needle
 * length with its band across patients (needle_reach.c). Each figure comes with the one-line
 * caption the report page shows under it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "output/plot/plot_int.h"
#include "study/study_int.h"

/* The headline results drawn (the shares of 0/1 results are in the JSON). */
static const char *const drawn_outputs[] = {
    "puncture.mean_depth_um",          "absorption.absorbed_percent",
    "absorption.intact_absorbed_percent", "absorption.enhancement_ratio",
    "healing.collagen_change_percent", "healing.elastin_change_percent",
    "healing.downtime_days",           "healing.pih_risk_percent",
};
#define N_DRAWN (sizeof drawn_outputs / sizeof drawn_outputs[0])
/* A histogram and violins per result, and the needle reach: the caller's room. */
_Static_assert(2 * N_DRAWN + 1 <= MNI_POP_FIGURES, "MNI_POP_FIGURES is too small");

static size_t column_of(const char *const *names, size_t n, const char *name)
{
  size_t j = 0;
  while (j < n && strcmp(names[j], name) != 0)
    j++;
  return j;
}

static mn_status add_reach(mn_ctx *ctx, const mni_needle_reach *r, const char *dir,
                           unsigned formats, mni_pop_figure *fig, bool *is_drawn)
{
  *is_drawn = false;
  if (r->n_lengths == 0) return MN_OK;
  double ref[MNI_REACH_LENGTHS];
  for (size_t k = 0; k < r->n_lengths; k++)
    ref[k] = r->junction_p50_um;
  mni_plot_band b = {.title = "depth reached against needle length, across patients",
                     .x_label = "needle length [mm]",
                     .y_label = "depth reached [µm]",
                     .mid_label = "median patient",
                     .ref_label = "dermis begins (median)",
                     .x = r->length_mm,
                     .n = r->n_lengths,
                     .p5 = r->p5_um,
                     .p25 = r->p25_um,
                     .p50 = r->p50_um,
                     .p75 = r->p75_um,
                     .p95 = r->p95_um,
                     .ref = ref,
                     .is_from_zero = true};
  snprintf(fig->name, sizeof fig->name, "needle_reach");
  mni_plot_out out = {dir, fig->name, formats};
  MN_TRY(mni_plot_band_draw(ctx, &out, &b));
  /* The shortest needle with which most patients reach the dermis, for the caption. */
  double first_half = NAN;
  for (size_t k = 0; k < r->n_lengths && isnan(first_half); k++)
    if (r->dermis_share[k] >= 0.5) first_half = r->length_mm[k];
  char half[64] = "no needle up to 3 mm";
  if (!isnan(first_half)) snprintf(half, sizeof half, "a %.4g mm needle", first_half);
  snprintf(fig->caption, sizeof fig->caption,
           "Depth reached against needle length (nominal insertion with each patient's force "
           "and skin; band P25-P75 and P5-P95 across patients); half the patients reach the "
           "dermis with %s (population.json, needle_reach).",
           half);
  *is_drawn = true;
  return MN_OK;
}

mn_status mni_population_figures(mn_ctx *ctx, const mn_study *st, const mni_needle_reach *reach,
                                 const char *dir, unsigned formats, mni_pop_figure *figs,
                                 size_t *n_figs)
{
  *n_figs = 0;
  double *col = mn_alloc(ctx, st->n_rows * sizeof *col);
  int *type = mn_alloc(ctx, st->n_rows * sizeof *type);
  mn_status rc = MN_OK;
  if (col == NULL || type == NULL) {
    rc = mni_fail(ctx, MN_E_NOMEM, "population figures: out of memory");
    goto done;
  }
  size_t k_fitz = column_of((const char *const *)st->in_names, st->n_in, "skin.fitzpatrick");
  for (size_t i = 0; i < st->n_rows; i++)
    type[i] = k_fitz < st->n_in ? (int)st->in[i * st->n_in + k_fitz] : 0;
  size_t n_out = mn_study_output_count();
  for (size_t h = 0; h < N_DRAWN && rc == MN_OK; h++) {
    size_t j = mni_study_output_index(drawn_outputs[h]);
    if (j >= n_out) continue;
    size_t m = 0, per_type[7] = {0};
    for (size_t i = 0; i < st->n_rows; i++) {
      col[i] = st->out[i * st->n_out + j];
      if (!isfinite(col[i])) continue;
      m++;
      if (type[i] >= 1 && type[i] <= 6) per_type[type[i]]++;
    }
    if (m == 0) continue; /* healing.* without a course */
    mni_pop_figure *fig = &figs[(*n_figs)++];
    mni_study_figure_name(fig->name, sizeof fig->name, "hist_", drawn_outputs[h]);
    mni_plot_out out = {dir, fig->name, formats};
    size_t bins = m < 100 ? 10 : (m < 1000 ? 20 : 40);
    char title[160];
    snprintf(title, sizeof title, "%zu patients", m);
    rc = mni_plot_histogram(ctx, &out, title, drawn_outputs[h], col, st->n_rows, bins);
    snprintf(fig->caption, sizeof fig->caption,
             "%s: patients per bin, the dashed line at the mean.", drawn_outputs[h]);
    if (rc != MN_OK) break;
    /* Violins: every patient, then each Fitzpatrick type. */
    static const char *const roman[7] = {"", "I", "II", "III", "IV", "V", "VI"};
    char labels[7][32];
    const char *label[7];
    snprintf(labels[0], sizeof labels[0], "all (%zu)", m);
    label[0] = labels[0];
    for (int t = 1; t <= 6; t++) {
      snprintf(labels[t], sizeof labels[t], "%s (%zu)", roman[t], per_type[t]);
      label[t] = labels[t];
    }
    fig = &figs[(*n_figs)++];
    mni_study_figure_name(fig->name, sizeof fig->name, "violin_", drawn_outputs[h]);
    out.name = fig->name;
    snprintf(title, sizeof title, "%s by Fitzpatrick type", drawn_outputs[h]);
    mni_plot_violins v = {.title = title,
                          .y_label = drawn_outputs[h],
                          .values = col,
                          .group = type,
                          .n = st->n_rows,
                          .group_label = label,
                          .n_groups = k_fitz < st->n_in ? 7 : 1};
    rc = mni_plot_violins_draw(ctx, &out, &v);
    snprintf(fig->caption, sizeof fig->caption,
             "%s: its distribution (Gaussian kernel, Silverman's bandwidth) over every patient "
             "and each Fitzpatrick type (patients in brackets), box P25-P75, white tick the "
             "median.",
             drawn_outputs[h]);
  }
  if (rc == MN_OK) {
    bool is_drawn = false;
    rc = add_reach(ctx, reach, dir, formats, &figs[*n_figs], &is_drawn);
    if (is_drawn) (*n_figs)++;
  }
done:
  mn_free(ctx, col, st->n_rows * sizeof *col);
  mn_free(ctx, type, st->n_rows * sizeof *type);
  return rc;
}
