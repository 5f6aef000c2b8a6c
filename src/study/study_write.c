/* Files of studies: the table as CSV, population.json with each result's statistics and shares,
 * histograms, a report page; the sweep's CSV and figures. Every file is written under a
 * temporary name and renamed into place (core/atomic_file.c), numbers in "%.17g" (the same bytes
 * at any thread count: the table is). */
#include <cjson/cJSON.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/atomic_file_int.h"
#include "output/outdir_int.h"
#include "output/plot/plot_int.h"
#include "study/study_int.h"

mn_study_write_opts mn_study_write_opts_default(void)
{
  mn_study_write_opts o = {true, true};
  return o;
}

void mni_study_csv_number(FILE *f, double v)
{
  if (isfinite(v))
    fprintf(f, ",%.17g", v);
  else
    fputs(",", f);
}

/* A CSV text field, quoted, inner quotes doubled. */
static void put_text(FILE *f, const char *s)
{
  fputs(",\"", f);
  for (; *s != '\0'; s++) {
    if (*s == '"') fputc('"', f);
    if (*s != '\n' && *s != '\r') fputc(*s, f);
  }
  fputc('"', f);
}

mn_status mni_study_write_csv(mn_ctx *ctx, const mn_study *st, const char *dir, const char *name,
                              const char *first_col)
{
  mni_afile af;
  MN_TRY(mni_afile_open(ctx, dir, name, &af));
  FILE *f = af.f;
  fprintf(f, "%s,status", first_col);
  for (size_t k = 0; k < st->n_in; k++)
    fprintf(f, ",%s", st->in_names[k]);
  for (size_t j = 0; j < st->n_out; j++)
    fprintf(f, ",%s", mn_study_output_name(j));
  fputs(",error\n", f);
  for (size_t i = 0; i < st->n_rows; i++) {
    fprintf(f, "%zu,%s", i, st->status[i] == MN_OK ? "ok" : "failed");
    for (size_t k = 0; k < st->n_in; k++)
      mni_study_csv_number(f, st->in[i * st->n_in + k]);
    for (size_t j = 0; j < st->n_out; j++)
      mni_study_csv_number(f, st->out[i * st->n_out + j]);
    put_text(f, st->msg + i * MNI_STUDY_MSG_MAX);
    fputc('\n', f);
  }
  return mni_afile_commit(ctx, &af);
}

/* ---- population.json ------------------------------------------------------------------------- */

static cJSON *stats_json(const mn_study_stats *s)
{
  cJSON *o = cJSON_CreateObject();
  if (o == NULL) return NULL;
  cJSON_AddNumberToObject(o, "n", (double)s->n);
  const struct {
    const char *name;
    double v;
  } f[] = {{"mean", s->mean}, {"sd", s->sd},   {"p5", s->p5},   {"p25", s->p25}, {"p50", s->p50},
           {"p75", s->p75},   {"p95", s->p95}, {"min", s->min}, {"max", s->max}};
  for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
    if (isfinite(f[i].v))
      cJSON_AddNumberToObject(o, f[i].name, f[i].v);
    else
      cJSON_AddNullToObject(o, f[i].name);
  }
  return o;
}

/* Share of the rows where output `name` is finite and above `threshold` (NaN if none). */
static double share_above(const mn_study *st, const char *name, double threshold)
{
  size_t j = mni_study_output_index(name), n = 0, above = 0;
  for (size_t i = 0; j < st->n_out && i < st->n_rows; i++) {
    double v = st->out[i * st->n_out + j];
    if (!isfinite(v)) continue;
    n++;
    above += v > threshold;
  }
  return n > 0 ? (double)above / (double)n : (double)NAN;
}

mn_status mni_study_json_finish(mn_ctx *ctx, cJSON *root, char **json_out)
{
  char *text = root != NULL ? cJSON_Print(root) : NULL;
  cJSON_Delete(root);
  if (text == NULL) return mni_fail(ctx, MN_E_NOMEM, "study JSON: out of memory");
  size_t n = strlen(text) + 1;
  *json_out = mn_alloc(ctx, n);
  if (*json_out != NULL) memcpy(*json_out, text, n);
  cJSON_free(text);
  return *json_out != NULL ? MN_OK : mni_fail(ctx, MN_E_NOMEM, "study JSON: out of memory");
}

/* "failed" and the first failures with their messages (all would be too many). */
#define FAILURES_LISTED 20
static void add_failures(cJSON *root, const mn_study *st, const char *row_noun)
{
  cJSON_AddNumberToObject(root, "failed", (double)mn_study_failed(st));
  cJSON *list = cJSON_AddArrayToObject(root, "failures");
  size_t listed = 0;
  for (size_t i = 0; list != NULL && i < st->n_rows && listed < FAILURES_LISTED; i++) {
    if (st->status[i] == MN_OK) continue;
    cJSON *o = cJSON_CreateObject();
    if (o == NULL) return;
    cJSON_AddNumberToObject(o, row_noun, (double)i);
    cJSON_AddStringToObject(o, "status", mn_status_str((mn_status)st->status[i]));
    cJSON_AddStringToObject(o, "message", st->msg + i * MNI_STUDY_MSG_MAX);
    cJSON_AddItemToArray(list, o);
    listed++;
  }
}

static mn_status column_stats(mn_ctx *ctx, const mn_study *st, bool is_input, size_t j,
                              double *scratch, mn_study_stats *out)
{
  size_t stride = is_input ? st->n_in : st->n_out;
  const double *base = is_input ? st->in : st->out;
  for (size_t i = 0; i < st->n_rows; i++)
    scratch[i] = base[i * stride + j];
  mni_study_stats(scratch, st->n_rows, scratch + st->n_rows, out);
  (void)ctx;
  return MN_OK;
}

/* The needle reach (needle_reach.c) as arrays over the needle lengths. */
static void add_reach(cJSON *root, const mni_needle_reach *r)
{
  if (r->n_lengths == 0) return;
  cJSON *o = cJSON_AddObjectToObject(root, "needle_reach");
  if (o == NULL) return;
  const struct {
    const char *name;
    const double *v;
  } arrays[] = {{"needle_length_mm", r->length_mm}, {"reaches_dermis", r->dermis_share},
                {"depth_p5_um", r->p5_um},          {"depth_p25_um", r->p25_um},
                {"depth_p50_um", r->p50_um},        {"depth_p75_um", r->p75_um},
                {"depth_p95_um", r->p95_um}};
  for (size_t a = 0; a < sizeof arrays / sizeof arrays[0]; a++) {
    cJSON *list = cJSON_AddArrayToObject(o, arrays[a].name);
    for (size_t k = 0; list != NULL && k < r->n_lengths; k++)
      cJSON_AddItemToArray(list, isfinite(arrays[a].v[k]) ? cJSON_CreateNumber(arrays[a].v[k])
                                                          : cJSON_CreateNull());
  }
  cJSON_AddNumberToObject(o, "dermis_begins_p50_um", r->junction_p50_um);
}

/* The population's summary as a cJSON tree (the caller owns it; NULL when out of memory). */
static mn_status population_tree(mn_ctx *ctx, const mn_study *st, const mni_needle_reach *reach,
                                 cJSON **root_out)
{
  *root_out = NULL;
  double *scratch = mn_alloc(ctx, 2 * st->n_rows * sizeof *scratch);
  if (scratch == NULL) return mni_fail(ctx, MN_E_NOMEM, "population JSON: out of memory");
  cJSON *root = cJSON_CreateObject();
  if (root != NULL) {
    char seed[24];
    snprintf(seed, sizeof seed, "%" PRIu64, st->seed);
    cJSON_AddStringToObject(root, "mnsim_version", mn_version());
    cJSON_AddRawToObject(root, "seed", seed);
    cJSON_AddNumberToObject(root, "patients", (double)st->n_rows);
    add_failures(root, st, "patient");
    cJSON *inputs = cJSON_AddObjectToObject(root, "inputs");
    for (size_t k = 0; inputs != NULL && k < st->n_in; k++) {
      mn_study_stats s;
      column_stats(ctx, st, true, k, scratch, &s);
      cJSON *x = stats_json(&s);
      if (x != NULL && !cJSON_AddItemToObject(inputs, st->in_names[k], x))
        cJSON_Delete(x); /* the key could not be copied: not added, so not leaked */
    }
    cJSON *outputs = cJSON_AddObjectToObject(root, "results");
    for (size_t j = 0; outputs != NULL && j < st->n_out; j++) {
      mn_study_stats s;
      column_stats(ctx, st, false, j, scratch, &s);
      cJSON *x = stats_json(&s);
      if (x != NULL && !cJSON_AddItemToObject(outputs, mn_study_output_name(j), x))
        cJSON_Delete(x); /* the key could not be copied: not added, so not leaked */
    }
    cJSON *shares = cJSON_AddObjectToObject(root, "shares");
    const struct {
      const char *name, *output;
      double threshold;
    } sh[] = {{"reaches_dermis", "puncture.reaches_dermis", 0.5},
              {"intact_absorbed_above_10_percent", "absorption.intact_absorbed_percent", 10.0},
              {"absorbed_above_10_percent", "absorption.absorbed_percent", 10.0},
              {"enhancement_upper_bound", "absorption.enhancement_is_upper_bound", 0.5},
              {"pih_risk_above_5_percent", "healing.pih_risk_percent", 5.0}};
    for (size_t i = 0; shares != NULL && i < sizeof sh / sizeof sh[0]; i++) {
      double v = share_above(st, sh[i].output, sh[i].threshold);
      if (isfinite(v))
        cJSON_AddNumberToObject(shares, sh[i].name, v);
      else
        cJSON_AddNullToObject(shares, sh[i].name);
    }
  }
  if (root != NULL) add_reach(root, reach);
  mn_free(ctx, scratch, 2 * st->n_rows * sizeof *scratch);
  *root_out = root;
  return root != NULL ? MN_OK : mni_fail(ctx, MN_E_NOMEM, "population JSON: out of memory");
}

mn_status mn_population_json(mn_ctx *ctx, const mn_study *st, char **json_out)
{
  MNI_JSON_SCOPE(ctx); /* cJSON allocates through ctx */
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, st != NULL && json_out != NULL, MN_E_ARG, "mn_population_json: NULL argument");
  *json_out = NULL;
  mni_needle_reach reach;
  MN_TRY(mni_population_needle_reach(ctx, st, &reach));
  cJSON *root = NULL;
  MN_TRY(population_tree(ctx, st, &reach, &root));
  return mni_study_json_finish(ctx, root, json_out);
}

/* ---- The report page ---------------------------------------------------------------------- */

void mni_study_figure_name(char *buf, size_t n, const char *prefix, const char *output)
{
  snprintf(buf, n, "%s%s", prefix, output);
  for (char *c = buf; *c != '\0'; c++)
    if (*c == '.') *c = '-';
}

static mn_status write_report(mn_ctx *ctx, const mn_study *st, const char *dir,
                              const mni_pop_figure *figs, size_t n_figs, bool has_png)
{
  double *scratch = mn_alloc(ctx, 2 * st->n_rows * sizeof *scratch);
  if (scratch == NULL) return mni_fail(ctx, MN_E_NOMEM, "report: out of memory");
  mni_afile af;
  mn_status rc = mni_afile_open(ctx, dir, "report.html", &af);
  if (rc != MN_OK) {
    mn_free(ctx, scratch, 2 * st->n_rows * sizeof *scratch);
    return rc;
  }
  FILE *f = af.f;
  fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<title>mnsim population</title>\n<style>body{font-family:sans-serif;max-width:"
             "60em;margin:auto}table{border-collapse:collapse}td,th{padding:2px 8px;"
             "text-align:right;border-bottom:1px solid #ddd}th:first-child,td:first-child"
             "{text-align:left}figcaption{font-size:small}</style></head><body>\n");
  fprintf(f,
          "<h1>Virtual population: %zu patients</h1>\n<p>mnsim %s, seed %" PRIu64
          ", %zu failed. Patients: patients.csv; statistics: population.json; "
          "distributions and sources: docs/population.md.</p>\n",
          st->n_rows, mn_version(), st->seed, mn_study_failed(st));
  fprintf(f, "<table><tr><th>result</th><th>mean</th><th>SD</th><th>P5</th><th>P25</th>"
             "<th>P50</th><th>P75</th><th>P95</th></tr>\n");
  for (size_t j = 0; j < st->n_out; j++) {
    mn_study_stats s;
    column_stats(ctx, st, false, j, scratch, &s);
    fprintf(f,
            "<tr><td>%s</td><td>%.4g</td><td>%.4g</td><td>%.4g</td><td>%.4g</td>"
            "<td>%.4g</td><td>%.4g</td><td>%.4g</td></tr>\n",
            mn_study_output_name(j), s.mean, s.sd, s.p5, s.p25, s.p50, s.p75, s.p95);
  }
  fprintf(f, "</table>\n");
  fprintf(f,
          "<p>Reach the dermis: %.3g %% of patients; intact absorption above 10 %%: %.3g %%; "
          "a PIH risk above 5 %% (healing.pih_risk_percent): %.3g %%. The enhancement ratio is "
          "only an upper bound for %.3g %% of patients: mnsim's intact skin has no follicular "
          "route, and for them it was still in its lag phase at the end or the active mostly "
          "ionised (docs/model.md section 4, \"The intact baseline\").</p>\n",
          100.0 * share_above(st, "puncture.reaches_dermis", 0.5),
          100.0 * share_above(st, "absorption.intact_absorbed_percent", 10.0),
          100.0 * share_above(st, "healing.pih_risk_percent", 5.0),
          100.0 * share_above(st, "absorption.enhancement_is_upper_bound", 0.5));
  /* Each figure with its caption, the needle reach (last drawn) first: it answers the device
   * maker's question. */
  for (size_t q = 0; has_png && q < n_figs; q++) {
    const mni_pop_figure *g = &figs[(q + n_figs - 1) % n_figs];
    fprintf(f,
            "<figure style=\"display:inline-block;width:48%%;margin:0.5%%\"><img "
            "src=\"%s.png\" alt=\"%s\" style=\"max-width:100%%\"><figcaption>%s"
            "</figcaption></figure>\n",
            g->name, g->name, g->caption);
  }
  fprintf(f, "</body></html>\n");
  mn_free(ctx, scratch, 2 * st->n_rows * sizeof *scratch);
  return mni_afile_commit(ctx, &af);
}

mn_status mni_study_write_text(mn_ctx *ctx, const char *dir, const char *name, const char *text)
{
  mni_afile af;
  MN_TRY(mni_afile_open(ctx, dir, name, &af));
  fputs(text, af.f);
  fputc('\n', af.f);
  return mni_afile_commit(ctx, &af);
}

/* The summary (root, deleted here) with the manifest of the staged files, written last into
 * the stage. */
static mn_status write_summary(mn_ctx *ctx, mni_outdir *od, cJSON *root)
{
  cJSON *manifest = NULL;
  mn_status st = mni_outdir_manifest(od, &manifest);
  if (st != MN_OK) {
    cJSON_Delete(root);
    return st;
  }
  if (!cJSON_AddItemToObject(root, "manifest", manifest)) {
    cJSON_Delete(manifest);
    cJSON_Delete(root);
    return mni_fail(ctx, MN_E_NOMEM, "%s: out of memory", od->summary);
  }
  char *text = NULL;
  MN_TRY(mni_study_json_finish(ctx, root, &text));
  mn_status rc = mni_study_write_text(ctx, od->stage, od->summary, text);
  mn_string_free(ctx, text);
  return rc;
}

mn_status mni_study_write_unit(mn_ctx *ctx, const char *outdir, const char *summary_name,
                               cJSON *summary, mni_study_files_fn files, const void *what)
{
  mni_outdir od;
  mn_status st = mni_outdir_begin(ctx, outdir, summary_name, &od);
  if (st != MN_OK) {
    cJSON_Delete(summary);
    return st;
  }
  st = files(ctx, what, od.stage);
  if (st == MN_OK && summary != NULL)
    st = write_summary(ctx, &od, summary);
  else
    cJSON_Delete(summary);
  if (st == MN_OK) st = mni_outdir_commit(&od);
  mni_outdir_end(&od); /* on failure: the staged files go, the directory is as it was */
  return st;
}

typedef struct population_files {
  const mn_study *st;
  const mni_needle_reach *reach;
  mn_study_write_opts opts;
} population_files;

static mn_status write_population_files(mn_ctx *ctx, const void *what, const char *dir)
{
  const population_files *p = what;
  MN_TRY(mni_study_write_csv(ctx, p->st, dir, "patients.csv", "patient"));
  unsigned formats = mni_plot_formats(p->opts.png, p->opts.svg);
  mni_pop_figure figs[MNI_POP_FIGURES];
  size_t n_figs = 0;
  if (formats != 0u)
    MN_TRY(mni_population_figures(ctx, p->st, p->reach, dir, formats, figs, &n_figs));
  return write_report(ctx, p->st, dir, figs, n_figs, p->opts.png);
}

mn_status mn_population_write(mn_ctx *ctx, const mn_study *st, const char *outdir,
                              const mn_study_write_opts *opts)
{
  MNI_JSON_SCOPE(ctx); /* cJSON allocates through ctx */
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, st != NULL && outdir != NULL, MN_E_ARG, "mn_population_write: NULL argument");
  population_files p = {st, NULL, opts != NULL ? *opts : mn_study_write_opts_default()};
  mni_needle_reach reach;
  MN_TRY(mni_population_needle_reach(ctx, st, &reach));
  p.reach = &reach;
  cJSON *root = NULL;
  MN_TRY(population_tree(ctx, st, &reach, &root));
  return mni_study_write_unit(ctx, outdir, "population.json", root, write_population_files, &p);
}
