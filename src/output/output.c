/* mn_result_write: every file of a run into one directory (include/mnsim/output.h).
 *
 * Order: the stages' CSV files, the figures, the fields, report.html (it embeds the PNG
 * figures), summary.json last (its manifest lists the others). They are written into a staging
 * folder of the directory and moved in together once all are complete (output/outdir.c), so a
 * failure or a cancel leaves the directory as it was. */
#define _GNU_SOURCE /* O_CLOEXEC, flock */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic_file_int.h"
#include "output/outdir_int.h"
#include "output/output_int.h"
#include "output/plot/plot_int.h"
#include "output/summary_int.h"
#include "scenario/scenario_json_int.h"
#include "mnsim/output.h"
#include "run/result_int.h"

mn_write_opts mn_write_opts_default(void)
{
  mn_write_opts o;
  o.summary = true;
  o.csv = true;
  o.png = true;
  o.svg = true;
  o.report = true;
  o.fields = false;
  return o;
}

/* cJSON's allocations are malloc's; the text handed out is copied into the context's. */
static mn_status print_json(mn_ctx *ctx, cJSON *root, char **out)
{
  char *text = cJSON_Print(root);
  cJSON_Delete(root);
  if (text == NULL) return mni_fail(ctx, MN_E_NOMEM, "summary JSON: out of memory");
  size_t n = strlen(text) + 1;
  *out = mn_alloc(ctx, n);
  if (*out != NULL) memcpy(*out, text, n);
  cJSON_free(text);
  return *out != NULL ? MN_OK : MN_E_NOMEM;
}

mn_status mn_result_summary_full_json(mn_ctx *ctx, const mn_result *r, char **json_out)
{
  MNI_JSON_SCOPE(ctx); /* cJSON allocates through ctx */
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, r != NULL && json_out != NULL, MN_E_ARG, "summary JSON: NULL argument");
  *json_out = NULL;
  /* the tree itself, not its text parsed back: the seed stays an exact integer */
  cJSON *root = mni_summary_build(r);
  cJSON *scen = root != NULL ? mni_scenario_json(&r->scenario) : NULL;
  if (scen == NULL || !cJSON_AddItemToObject(root, "scenario", scen)) {
    cJSON_Delete(scen);
    cJSON_Delete(root);
    return mni_fail(ctx, MN_E_NOMEM, "summary JSON: out of memory");
  }
  return print_json(ctx, root, json_out);
}

/* ---- The files written, for the log and the report ----------------------------------------- */

size_t mni_spread_index(size_t m, size_t n_shown, size_t n)
{
  return n_shown == 1 ? n - 1 : m * (n - 1) / (n_shown - 1);
}

void mni_time_label(char *buf, size_t size, double t_s)
{
  if (t_s < 3600.0)
    snprintf(buf, size, "%.3g min", t_s / 60.0);
  else
    snprintf(buf, size, "%.3g h", mn_s_to_h(t_s));
}

void mni_outlist_note(mni_outlist *ol, const char *name, const char *what)
{
  if (ol->n < MNI_OUTLIST_MAX) {
    snprintf(ol->item[ol->n].name, sizeof ol->item[ol->n].name, "%s", name);
    snprintf(ol->item[ol->n].what, sizeof ol->item[ol->n].what, "%s", what);
    ol->n++;
  }
}

void mni_outlist_add(mni_outlist *ol, const char *name, const char *what)
{
  mni_outlist_note(ol, name, what);
  mni_log(ol->ctx, MN_LOG_INFO, "wrote %s/%s", ol->shown_dir != NULL ? ol->shown_dir : ol->dir,
          name);
}

mn_status mni_output_figure(mni_outlist *ol, const char *name, const char *caption)
{
  char file[96];
  if (ol->formats & MNI_PLOT_PNG) {
    snprintf(file, sizeof file, "%s.png", name);
    mni_outlist_add(ol, file, caption);
  }
  if (ol->formats & MNI_PLOT_SVG) {
    snprintf(file, sizeof file, "%s.svg", name);
    mni_outlist_add(ol, file, caption);
  }
  if (ol->n_fig < MNI_OUTLIST_MAX) {
    snprintf(ol->fig[ol->n_fig].name, sizeof ol->fig[ol->n_fig].name, "%s", name);
    snprintf(ol->fig[ol->n_fig].what, sizeof ol->fig[ol->n_fig].what, "%s", caption);
    ol->n_fig++;
  }
  return MN_OK;
}

/* summary.json, written last into the staging folder: the summary, the full scenario and the
 * manifest of every other file of the run. */
static mn_status write_summary(mn_ctx *ctx, const mn_result *r, mni_outdir *od)
{
  cJSON *manifest = NULL;
  MN_TRY(mni_outdir_manifest(od, &manifest));
  cJSON *root = mni_summary_build(r);
  cJSON *scen = root != NULL ? mni_scenario_json(&r->scenario) : NULL;
  if (scen == NULL || !cJSON_AddItemToObject(root, "scenario", scen)) {
    cJSON_Delete(scen);
    cJSON_Delete(root);
    cJSON_Delete(manifest);
    return mni_fail(ctx, MN_E_NOMEM, "summary JSON: out of memory");
  }
  if (!cJSON_AddItemToObject(root, "manifest", manifest)) {
    cJSON_Delete(manifest);
    cJSON_Delete(root);
    return mni_fail(ctx, MN_E_NOMEM, "summary JSON: out of memory");
  }
  char *json = NULL;
  MN_TRY(print_json(ctx, root, &json));
  mni_afile af;
  mn_status st = mni_afile_open(ctx, od->stage, "summary.json", &af);
  if (st == MN_OK) {
    if (fputs(json, af.f) < 0 || fputc('\n', af.f) == EOF)
      st = mni_afile_fail(ctx, &af);
    else
      st = mni_afile_commit(ctx, &af);
  }
  mn_string_free(ctx, json);
  return st;
}

mn_status mn_output_dir_check(mn_ctx *ctx, const char *outdir)
{
  MNI_C_LOCALE();
  if (ctx == NULL) return MN_E_ARG;
  MN_REQUIRE(ctx, outdir != NULL && outdir[0] != '\0', MN_E_ARG,
             "output directory: expected a path, got an empty one");
  char path[4096];
  MN_REQUIRE(ctx, strlen(outdir) < sizeof path, MN_E_ARG, "output directory: path too long");
  /* Try for real (permission bits say little to root): make the missing directories, a file
   * in the last, then take all of it away again. */
  size_t made[64], n_made = 0;
  snprintf(path, sizeof path, "%s", outdir);
  mn_status st = MN_OK;
  for (size_t i = 1; st == MN_OK && i <= strlen(outdir); i++) {
    if (outdir[i] != '/' && outdir[i] != '\0') continue;
    path[i] = '\0';
    if (mkdir(path, 0777) == 0) {
      if (n_made < sizeof made / sizeof made[0]) made[n_made++] = i;
    } else if (errno != EEXIST) {
      st = mni_fail(ctx, MN_E_IO, "%s: cannot create directory: %s", path, strerror(errno));
    }
    path[i] = outdir[i];
  }
  if (st == MN_OK) {
    mni_afile af;
    st = mni_afile_open(ctx, outdir, ".mnsim.probe", &af);
    if (st == MN_OK) mni_afile_abort(&af);
  }
  while (n_made > 0) { /* the deepest first */
    snprintf(path, sizeof path, "%.*s", (int)made[--n_made], outdir);
    (void)rmdir(path);
  }
  return st;
}

static mn_status write_all(mn_ctx *ctx, const mn_result *r, mni_outdir *od,
                           const mn_write_opts *opts);

mn_status mn_result_write(mn_ctx *ctx, const mn_result *r, const char *outdir,
                          const mn_write_opts *opts)
{
  MNI_JSON_SCOPE(ctx); /* cJSON allocates through ctx */
  MNI_C_LOCALE();
  MN_REQUIRE(ctx, r != NULL && outdir != NULL, MN_E_ARG, "mn_result_write: NULL argument");
  mn_write_opts o = opts != NULL ? *opts : mn_write_opts_default();
  MN_REQUIRE(ctx, !o.report || o.png, MN_E_ARG,
             "mn_result_write: report.html embeds the PNG figures: png must be on");
  mni_outdir od;
  MN_TRY(mni_outdir_begin(ctx, outdir, "summary.json", &od));
  mn_status st = write_all(ctx, r, &od, &o);
  if (st == MN_OK) st = mni_outdir_commit(&od);
  mni_outdir_end(&od); /* on failure or cancel: the staged files go, the directory is as it was */
  return st;
}

/* Every file into the staging folder, summary.json last (its manifest lists the others). */
static mn_status write_all(mn_ctx *ctx, const mn_result *r, mni_outdir *od,
                           const mn_write_opts *opts)
{
  mn_write_opts o = *opts;
  mni_outlist ol;
  memset(&ol, 0, sizeof ol);
  ol.ctx = ctx;
  ol.dir = od->stage;
  ol.shown_dir = od->dir;
  ol.formats = mni_plot_formats(o.png, o.svg);
  /* listed first in the report, as a reader opens it first; written last */
  if (o.summary)
    mni_outlist_note(&ol, "summary.json",
                     "summary of the run, the full scenario, version, seed, and the manifest: "
                     "every other file with its size and SHA-256");

  /* Progress through the context's callback: the figures take a moment. */
  double t_s = r->scenario.simulation.duration_s;
  MN_TRY(mni_progress(ctx, "writing", 0.0, t_s));
  if (o.csv) MN_TRY(mni_output_csv(ctx, r, &ol));
  MN_TRY(mni_progress(ctx, "writing", 0.2, t_s));
  if (ol.formats != 0) MN_TRY(mni_output_figures(ctx, r, &ol));
  MN_TRY(mni_progress(ctx, "writing", 0.6, t_s));
  if (o.fields) MN_TRY(mni_output_fields(ctx, r, &ol, 0, 1));
  MN_TRY(mni_progress(ctx, "writing", 0.8, t_s));
  if (o.report) MN_TRY(mni_output_report(ctx, r, &ol));
  if (o.summary) {
    MN_TRY(write_summary(ctx, r, od));
    mni_log(ctx, MN_LOG_INFO, "wrote %s/summary.json", od->dir);
  }
  MN_TRY(mni_progress(ctx, "writing", 1.0, t_s));
  return MN_OK;
}
