/* Files of a sensitivity analysis: sensitivity.json (every output's indices to every input),
 * sensitivity.csv (one row per output and input, ranked), runs.csv (the runs) and a bar figure
 * per headline result (sens_<result>.png / .svg), each written atomically. */
#include <cjson/cJSON.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/atomic_file_int.h"
#include "output/plot/plot_int.h"
#include "study/study_int.h"

static void add_number(cJSON *o, const char *name, double v)
{
  if (isfinite(v))
    cJSON_AddNumberToObject(o, name, v);
  else
    cJSON_AddNullToObject(o, name);
}

static void add_pair(cJSON *o, const char *name, double lo, double hi)
{
  cJSON *a = cJSON_AddArrayToObject(o, name);
  if (a == NULL) return;
  cJSON_AddItemToArray(a, isfinite(lo) ? cJSON_CreateNumber(lo) : cJSON_CreateNull());
  cJSON_AddItemToArray(a, isfinite(hi) ? cJSON_CreateNumber(hi) : cJSON_CreateNull());
}

/* The measure that ranks the inputs: ST (Sobol) or mu* (Morris). */
static double rank_value(const mn_sensitivity *s, const mn_sens_index *x)
{
  return s->method == MN_SENS_SOBOL ? x->st : x->mu_star;
}

/* The inputs of output j by decreasing importance (NaN last, then by index). */
static void ranking(const mn_sensitivity *s, size_t j, size_t *order)
{
  for (size_t i = 0; i < s->k; i++)
    order[i] = i;
  for (size_t a = 1; a < s->k; a++) /* insertion sort: k is small, and stable */
    for (size_t b = a; b > 0; b--) {
      double u = rank_value(s, &s->idx[j * s->k + order[b - 1]]);
      double v = rank_value(s, &s->idx[j * s->k + order[b]]);
      bool swap = isfinite(v) && (!isfinite(u) || v > u);
      if (!swap) break;
      size_t t = order[b];
      order[b] = order[b - 1];
      order[b - 1] = t;
    }
}

/* The analysis's summary as a cJSON tree (the caller owns it; NULL when out of memory). */
static mn_status sensitivity_tree(mn_ctx *ctx, const mn_sensitivity *s, cJSON **root_out)
{
  *root_out = NULL;
  size_t order[64];
  cJSON *root = cJSON_CreateObject();
  if (root != NULL) {
    char seed[24];
    snprintf(seed, sizeof seed, "%" PRIu64, s->seed);
    cJSON_AddStringToObject(root, "mnsim_version", mn_version());
    cJSON_AddStringToObject(root, "method", s->method == MN_SENS_SOBOL ? "sobol" : "morris");
    cJSON_AddRawToObject(root, "seed", seed);
    cJSON_AddNumberToObject(root, "n", (double)s->n);
    cJSON_AddNumberToObject(root, "runs", (double)mn_study_rows(s->runs));
    cJSON_AddNumberToObject(root, "failed", (double)mn_study_failed(s->runs));
    cJSON *inputs = cJSON_AddArrayToObject(root, "inputs");
    for (size_t i = 0; inputs != NULL && i < s->k; i++) {
      cJSON *o = cJSON_CreateObject();
      if (o == NULL) break;
      cJSON_AddStringToObject(o, "key", s->runs->vary[i].key);
      cJSON_AddNumberToObject(o, "lo", s->runs->vary[i].lo);
      cJSON_AddNumberToObject(o, "hi", s->runs->vary[i].hi);
      cJSON_AddItemToArray(inputs, o);
    }
    cJSON *results = cJSON_AddObjectToObject(root, "results");
    for (size_t j = 0; results != NULL && j < s->n_out; j++) {
      cJSON *list = cJSON_AddArrayToObject(results, mn_study_output_name(j));
      ranking(s, j, order);
      for (size_t r = 0; list != NULL && r < s->k; r++) {
        const mn_sens_index *x = &s->idx[j * s->k + order[r]];
        cJSON *o = cJSON_CreateObject();
        if (o == NULL) break;
        cJSON_AddStringToObject(o, "key", s->runs->vary[order[r]].key);
        if (s->method == MN_SENS_SOBOL) {
          add_number(o, "S1", x->s1);
          add_pair(o, "S1_ci95", x->s1_lo, x->s1_hi);
          add_number(o, "ST", x->st);
          add_pair(o, "ST_ci95", x->st_lo, x->st_hi);
        } else {
          add_number(o, "mu_star", x->mu_star);
          add_pair(o, "mu_star_ci95", x->mu_star_lo, x->mu_star_hi);
          add_number(o, "sigma", x->sigma);
        }
        cJSON_AddItemToArray(list, o);
      }
    }
  }
  *root_out = root;
  return root != NULL ? MN_OK : mni_fail(ctx, MN_E_NOMEM, "sensitivity JSON: out of memory");
}

mn_status mn_sensitivity_json(mn_ctx *ctx, const mn_sensitivity *s, char **json_out)
{
  MNI_JSON_SCOPE(ctx); /* cJSON allocates through ctx */
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, s != NULL && json_out != NULL, MN_E_ARG, "mn_sensitivity_json: NULL argument");
  *json_out = NULL;
  cJSON *root = NULL;
  MN_TRY(sensitivity_tree(ctx, s, &root));
  return mni_study_json_finish(ctx, root, json_out);
}

static mn_status write_csv(mn_ctx *ctx, const mn_sensitivity *s, const char *dir)
{
  mni_afile af;
  MN_TRY(mni_afile_open(ctx, dir, "sensitivity.csv", &af));
  FILE *f = af.f;
  fputs("result,rank,key,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi,mu_star,mu_star_lo,mu_star_hi,sigma\n", f);
  size_t order[64];
  for (size_t j = 0; j < s->n_out; j++) {
    ranking(s, j, order);
    for (size_t r = 0; r < s->k; r++) {
      const mn_sens_index *x = &s->idx[j * s->k + order[r]];
      fprintf(f, "%s,%zu,%s", mn_study_output_name(j), r + 1, s->runs->vary[order[r]].key);
      const double v[] = {x->s1,    x->s1_lo,   x->s1_hi,      x->st,         x->st_lo,
                          x->st_hi, x->mu_star, x->mu_star_lo, x->mu_star_hi, x->sigma};
      for (size_t q = 0; q < sizeof v / sizeof v[0]; q++)
        mni_study_csv_number(f, v[q]);
      fputc('\n', f);
    }
  }
  return mni_afile_commit(ctx, &af);
}

static const char *const figure_outputs[] = {
    "absorption.enhancement_ratio", "puncture.mean_depth_um", "healing.collagen_change_percent",
    "healing.downtime_days"};

static mn_status write_figure(mn_ctx *ctx, const mn_sensitivity *s, const char *dir, size_t j,
                              unsigned formats)
{
  if (j >= s->n_out) return MN_OK; /* not an output (a name table out of step) */
  size_t order[64];
  ranking(s, j, order);
  size_t n = s->k < 20 ? s->k : 20;
  const char *label[20];
  double v1[20], lo1[20], hi1[20], v2[20], lo2[20], hi2[20];
  bool any = false;
  for (size_t r = 0; r < n; r++) {
    const mn_sens_index *x = &s->idx[j * s->k + order[r]];
    label[r] = s->runs->vary[order[r]].key;
    if (s->method == MN_SENS_SOBOL) {
      v1[r] = x->st, lo1[r] = x->st_lo, hi1[r] = x->st_hi;
      v2[r] = x->s1, lo2[r] = x->s1_lo, hi2[r] = x->s1_hi;
    } else {
      v1[r] = x->mu_star, lo1[r] = x->mu_star_lo, hi1[r] = x->mu_star_hi;
      v2[r] = x->sigma, lo2[r] = hi2[r] = NAN;
    }
    any |= isfinite(v1[r]) != 0;
  }
  if (!any) return MN_OK; /* healing.* without a course */
  char name[96], title[160];
  mni_study_figure_name(name, sizeof name, "sens_", mn_study_output_name(j));
  snprintf(title, sizeof title, "%s: %s", mn_study_output_name(j),
           s->method == MN_SENS_SOBOL ? "Sobol indices (95 % CI)" : "Morris mu*, sigma");
  mni_plot_index_bars bars = {
      .title = title,
      .x_label = s->method == MN_SENS_SOBOL ? "index" : "effect over the input's range",
      .label = label,
      .n = n,
      .value = v1,
      .lo = lo1,
      .hi = hi1,
      .value2 = v2,
      .lo2 = s->method == MN_SENS_SOBOL ? lo2 : NULL,
      .hi2 = s->method == MN_SENS_SOBOL ? hi2 : NULL,
      .legend1 = s->method == MN_SENS_SOBOL ? "total ST" : "mu*",
      .legend2 = s->method == MN_SENS_SOBOL ? "first-order S1" : "sigma"};
  mni_plot_out out = {dir, name, formats};
  return mni_plot_index_bars_draw(ctx, &out, &bars);
}

typedef struct sensitivity_files {
  const mn_sensitivity *s;
  unsigned formats;
} sensitivity_files;

static mn_status write_sensitivity_files(mn_ctx *ctx, const void *what, const char *dir)
{
  const sensitivity_files *w = what;
  MN_TRY(mni_study_write_csv(ctx, w->s->runs, dir, "runs.csv", "run"));
  MN_TRY(write_csv(ctx, w->s, dir));
  for (size_t f = 0; w->formats != 0u && f < sizeof figure_outputs / sizeof figure_outputs[0];
       f++)
    MN_TRY(write_figure(ctx, w->s, dir, mni_study_output_index(figure_outputs[f]), w->formats));
  return MN_OK;
}

mn_status mn_sensitivity_write(mn_ctx *ctx, const mn_sensitivity *s, const char *outdir,
                               const mn_study_write_opts *opts)
{
  MNI_JSON_SCOPE(ctx); /* cJSON allocates through ctx */
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, s != NULL && outdir != NULL, MN_E_ARG, "mn_sensitivity_write: NULL argument");
  mn_study_write_opts o = opts != NULL ? *opts : mn_study_write_opts_default();
  sensitivity_files w = {s, mni_plot_formats(o.png, o.svg)};
  cJSON *root = NULL;
  MN_TRY(sensitivity_tree(ctx, s, &root));
  return mni_study_write_unit(ctx, outdir, "sensitivity.json", root, write_sensitivity_files, &w);
}
